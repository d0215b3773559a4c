"""Write environment.yml (conda, Binder) from the pins in pyproject.toml.

pyproject.toml is the one place where newslab's dependencies are pinned.  This
script derives environment.yml from it, so conda and Binder users get exactly
the versions that `make test` checked.  tests/test_teaching_rules.py fails when
the committed environment.yml differs from what this script would write.

Usage:  python scripts/sync_environment.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRAS = ("lab", "hub", "test")  # what `make lab` / `make hub` / `make test` install on top of the dependencies


def pins(pyproject: dict) -> list[str]:
    """Every requirement of the package and of the extras the Makefile installs."""
    project = pyproject["project"]
    reqs = list(project["dependencies"])
    for extra in EXTRAS:
        reqs += project["optional-dependencies"][extra]
    for req in reqs:
        if not re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][A-Za-z0-9.]*", req):
            raise SystemExit(f"pyproject.toml: {req!r} is not an exact pin (name==version)")
    return reqs


def python_version(pyproject: dict) -> str:
    m = re.fullmatch(r">=\s*(3\.\d+)", pyproject["project"]["requires-python"])
    if not m:
        raise SystemExit("pyproject.toml: requires-python must look like '>=3.11'")
    return m.group(1)


def render(pyproject: dict) -> str:
    lines = [
        "# Generated from pyproject.toml by scripts/sync_environment.py: do not edit by hand.",
        "# conda / mamba:  conda env create -f environment.yml && conda activate newslab",
        "# Binder reads this file too.  The packages come from PyPI through pip, with the",
        "# same exact pins that `make test` checks, so every route gives the same outputs.",
        "name: newslab",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python_version(pyproject)}",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {req}" for req in pins(pyproject)]
    lines += ["      - -e ."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if environment.yml is out of date")
    args = parser.parse_args(argv)
    with open(ROOT / "pyproject.toml", "rb") as f:
        text = render(tomllib.load(f))
    target = ROOT / "environment.yml"
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print("environment.yml is out of date: run `make environment.yml`", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
