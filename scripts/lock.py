"""Lock newslab's whole environment, every transitive package with its hashes.

pyproject.toml pins newslab's direct dependencies; this script resolves them,
with everything they pull in, into lock files under lock/ (uv's
``pip compile --universal --generate-hashes``: one file for Linux, macOS and
Windows and every Python newslab allows, with a hash for each wheel and sdist).
``[tool.newslab.lock]`` in pyproject.toml says which:

* ``lock/requirements.txt``: the dependencies and every extra that is not
  ``separate``.  ``make`` (the .venv), and so ``make test`` and CI, install
  exactly this, with ``pip install --require-hashes``, then newslab itself with
  ``--no-deps``.
* ``lock/binder.txt``: the dependencies and the ``binder`` extras, what a class
  environment needs.  environment.yml (conda, Binder) is generated from it by
  scripts/sync_environment.py.
* ``lock/<extra>.txt`` for each ``separate`` extra: a tool that gets an
  environment of its own (the dependencies and that extra).

The last two are resolved with the first as constraints, so a package has the
same version in every lock.  An existing lock is kept where it still fits: only
what pyproject.toml changed moves, unless you ask for upgrades.  The script
prints what changed (``package: old → new``) and rewrites environment.yml.
``--check`` needs no network: it exits 1 when a pin of pyproject.toml is
missing from a lock or differs there (then run ``make lock``).

Usage::

    python scripts/lock.py                      # make lock
    python scripts/lock.py --upgrade            # make lock UPGRADE=1
    python scripts/lock.py --upgrade-package jinja2 --upgrade-package numpy
    python scripts/lock.py --check
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "lock" / "requirements.txt"
BINDER_LOCK = ROOT / "lock" / "binder.txt"
# The extra that holds the pinned uv this script runs.
TOOL_EXTRA = "lock"
COMMAND = "make lock"

_REQ = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]*?))?\s*(?:\\)?$")


def normalize(name: str) -> str:
    """The PEP 503 form of a package name.

    >>> normalize("Markdown_It.py")
    'markdown-it-py'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pyproject(root: Path = ROOT) -> dict:
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def self_reference(req: str, project: str) -> list[str] | None:
    """The extras that ``req`` includes when it is newslab itself (``newslab[lab]``), else None.

    >>> self_reference("newslab[lab, test]", "newslab"), self_reference("pandas==3.1.1", "newslab")
    (['lab', 'test'], None)
    """
    m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\[([A-Za-z0-9._,\s-]+)\]", req.strip())
    if m and normalize(m.group(1)) == normalize(project):
        return [normalize(e.strip()) for e in m.group(2).split(",")]
    return None


def direct_pins(pyproject: dict) -> list[tuple[str, str, str]]:
    """``(name, version, where)`` for each pin of the dependencies and extras.

    >>> direct_pins({"project": {"name": "newslab", "dependencies": ["Jinja2==3.1.6"],
    ...              "optional-dependencies": {"lock": ["uv==0.13.9"], "all": ["newslab[lock]"]}}})
    [('jinja2', '3.1.6', 'dependencies'), ('uv', '0.13.9', '[lock]')]
    """
    project = pyproject["project"]
    extras = project.get("optional-dependencies", {})
    groups = [("dependencies", project.get("dependencies", []))]
    groups += [(f"[{extra}]", reqs) for extra, reqs in extras.items()]
    pins = []
    for where, reqs in groups:
        for req in reqs:
            if (included := self_reference(req, project["name"])) is not None:
                unknown = [e for e in included if e not in extras]
                if unknown:
                    raise SystemExit(f"pyproject.toml {where}: {req!r} names no extra {unknown}")
                continue  # that extra's own pins are listed under it
            m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][A-Za-z0-9.+!]*)", req.strip())
            if not m:
                raise SystemExit(f"pyproject.toml {where}: {req!r} is not an exact pin (name==version)")
            pins.append((normalize(m.group(1)), m.group(2), where))
    return pins


def read_lock(path: Path) -> list[tuple[str, str, str]]:
    """``(name, version, marker)`` for each package line of a lock file.

    A universal lock may hold one package twice, with disjoint markers (say
    one version for Python 3.11 and another for 3.12 and later).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "lock.txt"
    >>> _ = p.write_text("# comment\\nappnope==1.0.0 ; sys_platform == 'darwin' \\\\\\n"
    ...                  "    --hash=sha256:00\\nJinja2==3.1.6 \\\\\\n    --hash=sha256:11\\n")
    >>> read_lock(p)
    [('appnope', '1.0.0', "sys_platform == 'darwin'"), ('jinja2', '3.1.6', '')]
    """
    entries = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith((" ", "\t", "#")):
            continue
        m = _REQ.match(line.rstrip())
        if not m:
            raise SystemExit(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{lineno}: "
                             f"not a 'name==version' lock line: {line.strip()!r}")
        entries.append((normalize(m.group(1)), m.group(2), (m.group(3) or "").strip()))
    return entries


class Lock(NamedTuple):
    """One lock file: the dependencies plus ``extras``, resolved within ``constraints``."""

    path: Path
    extras: tuple[str, ...]
    constraints: Path | None


def config(pyproject: dict) -> dict:
    """``[tool.newslab.lock]``: ``binder`` (the class lock's extras) and ``separate`` extras."""
    conf = pyproject.get("tool", {}).get("newslab", {}).get("lock", {})
    return {"binder": tuple(conf.get("binder", ("lab", "test"))), "separate": tuple(conf.get("separate", ()))}


def plan(pyproject: dict, lock_dir: Path = LOCK.parent) -> list[Lock]:
    """The lock files that pyproject.toml asks for.

    ``requirements.txt`` has every extra but the separate ones; the class lock
    (``binder.txt``) and each separate extra's own lock are resolved with it as
    constraints, so that a package has one version in all of them.  A separate
    extra that pyproject.toml does not have (yet) is skipped.
    """
    extras = list(pyproject["project"].get("optional-dependencies", {}))
    conf = config(pyproject)
    main = lock_dir / LOCK.name
    locks = [Lock(main, tuple(e for e in extras if e not in conf["separate"]), None),
             Lock(lock_dir / BINDER_LOCK.name, conf["binder"], main)]
    locks += [Lock(lock_dir / f"{e}.txt", (e,), main) for e in conf["separate"] if e in extras]
    return locks


def expand(pyproject: dict, extras: tuple[str, ...]) -> set[str]:
    """``extras`` and every extra they include through ``newslab[...]``."""
    project = pyproject["project"]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for req in project.get("optional-dependencies", {}).get(extra, []):
            todo += self_reference(req, project["name"]) or []
    return seen


def _versions(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for pkg, version, _marker in read_lock(path):
        out.setdefault(pkg, set()).add(version)
    return out


def problems(pyproject: dict, lock_dir: Path = LOCK.parent) -> list[str]:
    """Why the locks do not match pyproject.toml (an empty list when they do)."""
    found = []
    wanted = direct_pins(pyproject)
    extras = set(pyproject["project"].get("optional-dependencies", {}))
    unknown = [e for e in config(pyproject)["binder"] if e not in extras]
    if unknown:
        found.append(f"pyproject.toml [tool.newslab.lock] binder names extras that [project] lacks: {unknown}")
        return found
    locks = plan(pyproject, lock_dir)
    for lock in locks:
        name = lock.path.relative_to(ROOT) if lock.path.is_relative_to(ROOT) else lock.path
        if not lock.path.is_file():
            found.append(f"{name} is missing: run `{COMMAND}`")
            continue
        groups = {"dependencies", *(f"[{e}]" for e in expand(pyproject, lock.extras))}
        versions = _versions(lock.path)
        for pkg, version, where in wanted:
            if where not in groups:
                continue
            if pkg not in versions:
                found.append(f"{name}: {pkg}=={version} (pyproject.toml {where}) is not in the lock: run `{COMMAND}`")
            elif versions[pkg] != {version}:
                have = ", ".join(sorted(versions[pkg]))
                found.append(f"{name}: pyproject.toml {where} pins {pkg}=={version}, the lock has {have}: run `{COMMAND}`")
        if lock.constraints is not None and lock.constraints.is_file():
            full = _versions(lock.constraints)
            for pkg, version, _marker in read_lock(lock.path):
                if pkg in full and version not in full[pkg]:
                    have = ", ".join(sorted(full[pkg]))
                    found.append(f"{name}: {pkg}=={version}, but {lock.constraints.name} has {have}: run `{COMMAND}`")
    expected = {lock.path.name for lock in locks}
    for stray in sorted(lock_dir.glob("*.txt")):
        if stray.name not in expected:
            found.append(f"{stray.relative_to(ROOT) if stray.is_relative_to(ROOT) else stray} belongs to no "
                         f"extra of pyproject.toml: delete it or run `{COMMAND}`")
    return found


def changes(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]) -> list[str]:
    """One line per package that was added, removed or moved.

    >>> changes([("numpy", "2.4.6", ""), ("six", "1.17.0", "")],
    ...         [("numpy", "2.5.0", ""), ("jinja2", "3.1.6", "")])
    ['jinja2: (new) → 3.1.6', 'numpy: 2.4.6 → 2.5.0', 'six: 1.17.0 → (removed)']
    """
    def versions(entries):
        out: dict[str, list[str]] = {}
        for pkg, version, marker in entries:
            out.setdefault(pkg, []).append(version + (f" ; {marker}" if marker else ""))
        return {pkg: ", ".join(sorted(v)) for pkg, v in out.items()}

    before, after = versions(old), versions(new)
    lines = []
    for pkg in sorted(set(before) | set(after)):
        if before.get(pkg) != after.get(pkg):
            lines.append(f"{pkg}: {before.get(pkg, '(new)')} → {after.get(pkg, '(removed)')}")
    return lines


# Installed beside the lock without being in it: the installers and newslab itself.
NOT_LOCKED = {"pip", "setuptools", "wheel", "newslab"}


def sync_installed(lock: Path = LOCK) -> list[str]:
    """Make the running environment hold the lock and nothing else.

    Run by `make venv` after ``pip install --require-hashes -r lock``: that
    install adds and moves packages but never removes one, so a package that
    left the lock would linger in .venv (and a test could pass here that fails
    in CI).  Removes such packages, and returns the problems left: a package
    of the lock (for this platform and Python) that is missing or at another
    version.
    """
    from importlib import metadata

    from packaging.markers import Marker

    wanted: dict[str, str] = {}
    for pkg, version, marker in read_lock(lock):
        if not marker or Marker(marker).evaluate():
            wanted[pkg] = version
    installed = {normalize(d.metadata["Name"]): d.version for d in metadata.distributions()}
    stray = sorted(pkg for pkg in installed if pkg not in wanted and pkg not in NOT_LOCKED)
    if stray:
        print(f"Removing {len(stray)} package(s) that are not in {lock.name}: {', '.join(stray)}", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", *stray], check=True)
    found = []
    for pkg, version in sorted(wanted.items()):
        if installed.get(pkg) != version:
            found.append(f"{pkg}=={version} is locked, but {sys.prefix} has {installed.get(pkg, 'none')}")
    return found


def uv_command(pyproject: dict) -> list[str]:
    """``python -m uv`` at the version pyproject.toml pins, installed first if needed."""
    pins = [(pkg, v) for pkg, v, where in direct_pins(pyproject) if where == f"[{TOOL_EXTRA}]" and pkg == "uv"]
    if not pins:
        raise SystemExit(f"pyproject.toml: the [{TOOL_EXTRA}] extra must pin uv (uv==X.Y.Z)")
    version = pins[0][1]
    from importlib import metadata

    try:
        have = metadata.version("uv")
    except metadata.PackageNotFoundError:
        have = None
    if have != version:
        print(f"Installing uv=={version} into {sys.prefix} (to resolve the lock)", flush=True)
        block = lock_block(LOCK, "uv", version) if LOCK.is_file() else None
        with tempfile.TemporaryDirectory() as tmp:
            if block:  # the lock already has this uv: install it hash-checked
                req = Path(tmp) / "uv.txt"
                req.write_text(block, encoding="utf-8")
                args = ["--require-hashes", "-r", str(req)]
            else:  # a new uv pin: nothing to check it against yet
                args = [f"uv=={version}"]
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *args], check=True)
    return [sys.executable, "-m", "uv"]


def lock_block(path: Path, name: str, version: str) -> str | None:
    """The lines of ``path`` that pin ``name==version`` with their hashes, or None."""
    lines, taking = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "\t", "#")):
            m = _REQ.match(line.rstrip())
            taking = bool(m) and normalize(m.group(1)) == normalize(name) and m.group(2) == version
        if taking and not line.lstrip().startswith("#"):
            lines.append(line)
    return "\n".join(lines) + "\n" if lines else None


def compile_lock(uv: list[str], target: Path, extras: list[str], python: str,
                 upgrade: bool, upgrade_packages: list[str], constraints: Path | None = None) -> None:
    """Resolve pyproject.toml into ``target``, keeping the pins of the old file where they still fit."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        out = Path(tmp) / target.name
        if target.is_file():
            shutil.copyfile(target, out)  # uv prefers the versions already in its output file
        cmd = uv + ["pip", "compile", "pyproject.toml", "--universal", "--generate-hashes",
                    "--python-version", python, "--custom-compile-command", COMMAND,
                    "--quiet", "-o", str(out)]
        cmd += [f"--extra={e}" for e in extras]
        if constraints is not None:
            cmd += ["--constraint", str(constraints.relative_to(ROOT))]
        if upgrade:
            cmd.append("--upgrade")
        cmd += [f"--upgrade-package={p}" for p in upgrade_packages]
        env = {**os.environ, "UV_NO_PROGRESS": "1"}
        result = subprocess.run(cmd, cwd=ROOT, env=env)
        if result.returncode != 0:
            raise SystemExit(f"uv could not resolve {target.relative_to(ROOT)}; it is unchanged")
        # An unchanged lock keeps its date, so that `make` does not reinstall .venv for nothing.
        if not target.is_file() or target.read_bytes() != out.read_bytes():
            os.replace(out, target)


def python_floor(pyproject: dict) -> str:
    m = re.fullmatch(r">=\s*(3\.\d+)", pyproject["project"]["requires-python"])
    if not m:
        raise SystemExit("pyproject.toml: requires-python must look like '>=3.11'")
    return m.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a lock misses or contradicts a pin of pyproject.toml (no network)")
    parser.add_argument("--upgrade", action="store_true", help="move every package to its newest allowed version")
    parser.add_argument("--upgrade-package", action="append", default=[], metavar="NAME",
                        help="move this package to its newest allowed version (repeatable)")
    parser.add_argument("--sync-installed", action="store_true",
                        help="remove installed packages that are not in the lock; exit 1 if one of it is missing")
    args = parser.parse_args(argv)
    pyproject = read_pyproject()
    if args.sync_installed:
        found = sync_installed()
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    if args.check:
        found = problems(pyproject)
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0

    uv = uv_command(pyproject)
    python = python_floor(pyproject)
    extras = pyproject["project"].get("optional-dependencies", {})
    for extra in config(pyproject)["separate"]:
        if extra not in extras:
            print(f"[tool.newslab.lock] separate names {extra!r}, which pyproject.toml has no extra for: skipped")
    locks = plan(pyproject)
    for stray in sorted(LOCK.parent.glob("*.txt")):
        if stray.name not in {lock.path.name for lock in locks}:
            print(f"{stray.relative_to(ROOT)}: no extra asks for it any more: removed")
            stray.unlink()
    for target, lock_extras, constraints in locks:
        old = read_lock(target) if target.is_file() else []
        compile_lock(uv, target, list(lock_extras), python, args.upgrade, args.upgrade_package, constraints)
        new = read_lock(target)
        moved = changes(old, new)
        name = target.relative_to(ROOT)
        if not old:
            print(f"{name}: written ({len(new)} packages)")
        elif moved:
            print(f"{name}: {len(moved)} change(s), {len(new)} packages")
            for line in moved:
                print(f"  {line}")
        else:
            print(f"{name}: no change ({len(new)} packages)")
    found = problems(pyproject)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    sys.path.insert(0, str(ROOT / "scripts"))
    import sync_environment

    return sync_environment.main([])


if __name__ == "__main__":
    sys.exit(main())
