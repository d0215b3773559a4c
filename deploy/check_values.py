"""Check deploy/config.yaml against the Zero to JupyterHub chart's own values schema.

    python deploy/check_values.py CHART_FOLDER [deploy/config.yaml]

CHART_FOLDER is the chart's ``jupyterhub/`` folder, e.g. from
``helm pull jupyterhub/jupyterhub --version 4.4.0 --untar`` or a checkout of
github.com/jupyterhub/zero-to-jupyterhub-k8s at tag 4.4.0.  As helm does, the
file's values are laid over the chart's defaults (values.yaml) and the result
is validated against values.schema.yaml (or .json); a misspelt key or a wrong
type is reported with its path.  Exit status 0 when valid, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def merge(defaults: Any, values: Any) -> Any:
    """``values`` laid over ``defaults`` (mappings merged key by key, anything else replaced).

    >>> merge({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"c": 4}})
    {'a': {'b': 1, 'c': 4}, 'd': 3}
    """
    if isinstance(defaults, dict) and isinstance(values, dict):
        out = dict(defaults)
        for key, value in values.items():
            out[key] = merge(defaults.get(key), value) if key in defaults else value
        return out
    return values


def problems(chart: Path, config: Path) -> list[str]:
    import jsonschema
    import yaml

    schema_file = chart / "values.schema.json"
    schema = (json.loads(schema_file.read_text(encoding="utf-8")) if schema_file.is_file()
              else yaml.safe_load((chart / "values.schema.yaml").read_text(encoding="utf-8")))
    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{config}: {'.'.join(map(str, e.path)) or '(top)'}: {e.message}"
            for e in sorted(validator.iter_errors(merge(defaults, values)), key=lambda e: list(map(str, e.path)))]


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    chart = Path(argv[0])
    config = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("config.yaml")
    if not (chart / "values.yaml").is_file():
        print(f"{chart}: not a chart folder (no values.yaml)", file=sys.stderr)
        return 2
    found = problems(chart, config)
    for line in found:
        print(line, file=sys.stderr)
    print(f"{config}: {'valid' if not found else f'{len(found)} problem(s)'} against {chart}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
