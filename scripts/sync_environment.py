"""Write environment.yml (conda, Binder) from the class lock, lock/binder.txt.

pyproject.toml pins newslab's direct dependencies; `make lock` (scripts/lock.py)
resolves them into lock files that pin every transitive package too.  This
script writes environment.yml from lock/binder.txt, so that conda and Binder
users get exactly the versions that `make test` checked, down to the last
transitive package.  tests/test_teaching_rules.py fails when the committed
environment.yml differs from what this script would write, and
tests/test_dependencies.py when the lock and pyproject.toml disagree.

Why the versions are listed here rather than ``-r lock/binder.txt``: conda
(and so repo2docker) runs one ``pip install`` for the whole pip section, and
pip refuses an editable requirement (``-e .``, newslab itself) in the same
call as hashed ones ("hash-checking mode").  So environment.yml carries the
lock's exact versions and markers without the hashes; the hashes are checked
by `make` and CI, which install the lock with ``--require-hashes``.

Usage:  python scripts/sync_environment.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402  (scripts/lock.py, beside this file)

TARGET = ROOT / "environment.yml"


def python_version(pyproject: dict) -> str:
    return lock.python_floor(pyproject)


def pip_lines(entries: list[tuple[str, str, str]]) -> list[str]:
    """One pip requirement per locked package, quoted for YAML when it has a marker.

    >>> pip_lines([("jinja2", "3.1.6", ""), ("appnope", "1.0.0", "sys_platform == 'darwin'")])
    ['jinja2==3.1.6', '"appnope==1.0.0 ; sys_platform == \\'darwin\\'"']
    """
    lines = []
    for name, version, marker in entries:
        req = f"{name}=={version}" + (f" ; {marker}" if marker else "")
        lines.append(json.dumps(req) if marker else req)
    return lines


def render(pyproject: dict, lock_path: Path = lock.BINDER_LOCK) -> str:
    if not lock_path.is_file():
        raise SystemExit(f"{lock_path.relative_to(ROOT)} is missing: run `make lock`")
    lines = [
        f"# Generated from {lock_path.relative_to(ROOT).as_posix()} by scripts/sync_environment.py: do not edit by hand.",
        "# conda / mamba:  conda env create -f environment.yml && conda activate newslab",
        "# Binder reads this file too.  The packages come from PyPI through pip, at the",
        "# versions of the lock that `make test` checks (every transitive package, with",
        "# the lock's platform markers), so every route gives the same outputs.  The",
        "# lock's hashes are not repeated here: pip cannot check hashes and install",
        "# newslab itself (-e .) in the one call that conda makes.",
        "name: newslab",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={python_version(pyproject)}",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {req}" for req in pip_lines(lock.read_lock(lock_path))]
    lines += ["      - -e ."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if environment.yml is out of date")
    args = parser.parse_args(argv)
    with open(ROOT / "pyproject.toml", "rb") as f:
        text = render(tomllib.load(f))
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("environment.yml is out of date: run `make environment.yml`", file=sys.stderr)
            return 1
        return 0
    if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text:
        print(f"{TARGET.relative_to(ROOT)}: no change")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
