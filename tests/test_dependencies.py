"""Every library the code imports is declared, and the lock agrees with pyproject.toml.

pyproject.toml pins newslab's direct dependencies; lock/requirements.txt (what
`make` and CI install) and lock/binder.txt (what environment.yml lists) pin the
whole environment, with hashes, resolved by `make lock` (scripts/lock.py).
These tests fail when:

* the package, a notebook, a test or a script imports a library that
  pyproject.toml does not declare where it belongs (deptry, and an AST check
  for the test extra);
* the lesson code needs a library at run time that the plain dependencies do
  not install (pandas' Styler needs jinja2, which pandas leaves optional);
* a pin of pyproject.toml is missing from a lock or differs there, or a lock is
  not usable on every platform and Python that newslab supports.

None of them needs the network.
"""

from __future__ import annotations

import ast
import doctest
import json
import re
import subprocess
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import lock  # noqa: E402  (scripts/lock.py)
import sync_environment  # noqa: E402  (scripts/sync_environment.py)

PYPROJECT = lock.read_pyproject()
PROJECT = PYPROJECT["project"]
EXTRAS = PROJECT["optional-dependencies"]
DEPTRY = [sys.executable, "-m", "deptry"]
# deptry skips these folders; tests/ is scanned on purpose (it is on deptry's default list).
EXCLUDE = r"(^|/)(\.venv|venv|\.git|build|node_modules|__pycache__|\.ipynb_checkpoints)(/|$)|^tests/fixtures"
SKIP_DIRS = {".venv", "venv", ".git", "build", "node_modules", "__pycache__", ".ipynb_checkpoints", "fixtures"}


def repo_files(suffix: str = ".py") -> list[Path]:
    """The repository's own files with this suffix (no virtualenvs, builds or fixtures)."""
    return sorted(p for p in ROOT.rglob(f"*{suffix}") if not SKIP_DIRS & set(p.relative_to(ROOT).parts[:-1]))


def local_modules() -> set[str]:
    """Module names the repository's own scripts import from beside them (tests/, scripts/, hub/, ...)."""
    return {p.stem for p in repo_files() if p.relative_to(ROOT).parts[0] != "src"} | {"newslab"}


def deptry(*args: str) -> subprocess.CompletedProcess:
    """deptry with pyproject.toml's [tool.deptry]; its findings (uncoloured) in ``.stdout``."""
    import os

    result = subprocess.run(DEPTRY + list(args), cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    result.stdout = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    return result


def report(result: subprocess.CompletedProcess) -> str:
    return f"deptry found undeclared or misplaced imports:\n{result.stdout}"


# --------------------------------------------------------------------------- deptry


def test_the_package_imports_only_declared_libraries():
    """src/newslab: every import is a declared dependency (not a transitive one, not a tool's)."""
    result = deptry("src/newslab", "--ignore", "DEP002")
    assert result.returncode == 0, report(result)


def test_the_notebooks_import_only_the_lesson_dependencies():
    """A lesson kernel has the dependencies, not the extras: no notebook may import an extra."""
    result = deptry("notebooks", "--ignore", "DEP002", "--optional-dependencies-dev-groups", ",".join(EXTRAS))
    assert result.returncode == 0, report(result)


def test_all_code_together_declares_every_import_and_uses_every_declaration():
    """All the repository's code and notebooks together: nothing missing, nothing transitive, nothing unused."""
    first_party = [arg for name in sorted(local_modules()) for arg in ("--known-first-party", name)]
    result = deptry(".", "--exclude", EXCLUDE, "--optional-dependencies-dev-groups", "", *first_party)
    assert result.returncode == 0, report(result)


def test_deptry_fails_on_an_undeclared_import(tmp_path):
    """The guard can fail: a module importing an installed but undeclared library is reported."""
    declared = {name for name, _version, _where in lock.direct_pins(PYPROJECT)}
    locked = {name for name, _version, _marker in lock.read_lock(lock.LOCK)}
    transitive = sorted(mod for mod, dists in metadata.packages_distributions().items()
                        if mod.isidentifier() and not mod.startswith("_")
                        and {lock.normalize(d) for d in dists} <= locked - declared)
    assert transitive, "the environment should hold a transitive package (installed, in the lock, undeclared)"
    module = tmp_path / "pkg" / "fetch.py"
    module.parent.mkdir()
    module.write_text(f"import {transitive[0]}\nimport not_a_real_library_xyz\n", encoding="utf-8")
    result = deptry(str(module.parent))
    assert result.returncode == 1
    assert f"DEP003 '{transitive[0]}' imported but it is a transitive dependency" in result.stdout
    assert "DEP001 'not_a_real_library_xyz' imported but missing" in result.stdout


# --------------------------------------------------------------------------- tests/ and scripts/ use [test]


def _allowed(*extras: str) -> set[str]:
    """The distributions that the dependencies and these extras declare (with the extras they include)."""
    names: set[str] = set()
    todo = ["dependencies", *extras]
    seen = set()
    while todo:
        group = todo.pop()
        if group in seen:
            continue
        seen.add(group)
        for req in PROJECT["dependencies"] if group == "dependencies" else EXTRAS[group]:
            included = lock.self_reference(req, PROJECT["name"])
            if included is not None:
                todo += included
            else:
                names.add(lock.normalize(Requirement(req).name))
    return names


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("folder, extras", [("tests", ("test",)), ("scripts", ("test", "lock")), ("benchmarks", ("test",))])
def test_tests_and_scripts_import_only_what_their_extras_declare(folder, extras):
    """`pip install -e '.[test]'` is enough for the tests; scripts may add the [lock] tools."""
    allowed = _allowed(*extras)
    owners = metadata.packages_distributions()
    local = local_modules()
    wrong = []
    for path in repo_files():
        if path.relative_to(ROOT).parts[0] != folder:
            continue
        for name in sorted(_imports(path)):
            if name in sys.stdlib_module_names or name in local:
                continue
            dists = {lock.normalize(d) for d in owners.get(name, [])}
            if not dists & allowed:
                where = ", ".join(sorted(dists)) or "no installed distribution"
                wrong.append(f"{path.relative_to(ROOT)} imports {name} ({where}), "
                             f"which the dependencies and [{', '.join(extras)}] do not declare")
    assert not wrong, "\n".join(wrong) + (
        "\nDeclare it in [test] (with its exact pin, or as newslab[extra]); a test of another extra's "
        "feature (say [hub]) may instead get it with pytest.importorskip, and run where that extra is installed.")


# --------------------------------------------------------------------------- the lesson kernel at run time

# Run in a fresh interpreter: hide every installed library that the plain
# dependencies of newslab do not pull in (as if only `pip install newslab` had
# run), then do what lesson 02 does with pandas' Styler.
_KERNEL = textwrap.dedent("""
    import importlib.abc, json, sys
    from importlib import metadata
    from packaging.requirements import Requirement

    def norm(name):
        import re
        return re.sub(r"[-_.]+", "-", name).lower()

    todo, closure = [Requirement(r) for r in json.loads(sys.argv[1])], set()
    while todo:
        req = todo.pop()
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        if norm(req.name) in closure:
            continue
        closure.add(norm(req.name))
        todo += [Requirement(r) for r in metadata.requires(req.name) or []]
    owners = metadata.packages_distributions()
    hidden = {mod for mod, dists in owners.items()
              if mod != "newslab" and not {norm(d) for d in dists} & closure}

    class Hide(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in hidden:
                raise ModuleNotFoundError(f"No module named {name!r} (not a dependency of newslab)", name=name)
            return None

    sys.meta_path.insert(0, Hide())
    for mod in [m for m in sys.modules if m.split(".")[0] in hidden]:
        del sys.modules[mod]

    import pkgutil
    import newslab
    for info in pkgutil.iter_modules(newslab.__path__, "newslab."):
        __import__(info.name)
    case = newslab.load_case()
    html = newslab.claims.style(newslab.claims.claims_table(case)).to_html()
    assert "<table" in html
    print("ok", len(closure))
""")


def test_the_lesson_code_runs_on_the_plain_dependencies():
    """Without the extras (no JupyterLab, no nbconvert), lesson 02's styled claims table still renders.

    On the code before jinja2 was declared this fails with pandas' "The
    '.style' accessor requires jinja2".
    """
    result = subprocess.run([sys.executable, "-c", _KERNEL, json.dumps(PROJECT["dependencies"])],
                            cwd=ROOT, capture_output=True, text=True, env={**_env(), "MPLBACKEND": "Agg"})
    assert result.returncode == 0 and result.stdout.startswith("ok"), result.stderr[-3000:]


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "NEWSLAB_CASE"}


# --------------------------------------------------------------------------- the lock


def test_the_locks_hold_every_pin_of_pyproject_at_its_version():
    problems = lock.problems(PYPROJECT)
    assert not problems, "\n".join(problems)


def test_a_pin_that_the_lock_lacks_or_contradicts_is_reported(tmp_path):
    changed = json.loads(json.dumps(PYPROJECT))
    changed["project"]["dependencies"] = [
        "pandas==0.0.1" if r.startswith("pandas==") else r for r in changed["project"]["dependencies"]
    ] + ["not-in-the-lock==1.0"]
    problems = "\n".join(lock.problems(changed))
    assert "pyproject.toml dependencies pins pandas==0.0.1, the lock has" in problems
    assert "not-in-the-lock==1.0 (pyproject.toml dependencies) is not in the lock" in problems
    assert "run `make lock`" in problems
    (tmp_path / "requirements.txt").write_text("pandas==3.1.1 \\\n    --hash=sha256:00\n", encoding="utf-8")
    (tmp_path / "binder.txt").write_text("pandas==3.0.0 \\\n    --hash=sha256:00\n", encoding="utf-8")
    (tmp_path / "old-tool.txt").write_text("", encoding="utf-8")
    stale = "\n".join(lock.problems(PYPROJECT, lock_dir=tmp_path))
    assert "requirements.txt: matplotlib==" in stale and "is not in the lock" in stale
    assert "binder.txt: pandas==3.0.0, but requirements.txt has 3.1.1" in stale
    assert "old-tool.txt belongs to no extra" in stale


def test_a_separate_extra_gets_a_lock_of_its_own_and_stays_out_of_the_venv():
    changed = json.loads(json.dumps(PYPROJECT))
    changed["project"]["optional-dependencies"]["grading"] = ["nbgrader==0.9.6"]
    separate = [*lock.config(PYPROJECT)["separate"], "grading"]
    changed.setdefault("tool", {}).setdefault("newslab", {}).setdefault("lock", {})["separate"] = separate
    locks = {lk.path.name: lk for lk in lock.plan(changed)}
    assert locks["grading.txt"].extras == ("grading",) and locks["grading.txt"].constraints == lock.LOCK
    assert "grading" not in locks["requirements.txt"].extras
    assert set(locks["requirements.txt"].extras) == set(EXTRAS) - set(separate)
    assert "lock/grading.txt is missing: run `make lock`" in "\n".join(lock.problems(changed))


# Every platform and Python the lock must install on: one version of each
# package, every package hashed, and every direct pin present.
ENVIRONMENTS = [
    {"sys_platform": platform, "platform_system": system, "os_name": os_name,
     "python_version": py, "python_full_version": f"{py}.{micro}", "implementation_name": "cpython",
     "platform_python_implementation": "CPython", "platform_machine": machine}
    for platform, system, os_name, machine in (("linux", "Linux", "posix", "x86_64"),
                                               ("darwin", "Darwin", "posix", "arm64"),
                                               ("win32", "Windows", "nt", "AMD64"))
    for py, micro in (("3.11", "0"), ("3.11", "9"), ("3.12", "4"), ("3.13", "1"), ("3.14", "0"))
]


@pytest.mark.parametrize("path", [lock.LOCK, lock.BINDER_LOCK], ids=lambda p: p.name)
def test_the_lock_is_universal_and_hashed(path):
    text = path.read_text(encoding="utf-8")
    entries = lock.read_lock(path)
    blocks = [b for b in text.split("\n") if b and not b.startswith((" ", "#"))]
    assert len(blocks) == len(entries)
    for block in text.split("\n"):
        if block and not block.startswith((" ", "#")):
            assert block.rstrip().endswith("\\"), f"{path.name}: {block} has no --hash"
    hashed = sum(1 for line in text.splitlines() if line.strip().startswith("--hash=sha256:"))
    assert hashed >= len(entries)
    pins = lock.direct_pins(PYPROJECT)
    if path == lock.BINDER_LOCK:
        wanted = _allowed(*lock.config(PYPROJECT)["binder"])
    else:  # the class lock: every extra but the separate ones (they have locks of their own)
        wanted = _allowed(*(e for e in EXTRAS if e not in lock.config(PYPROJECT)["separate"]))
    pins = [p for p in pins if p[0] in wanted]
    for env in ENVIRONMENTS:
        chosen: dict[str, str] = {}
        for name, version, marker in entries:
            if marker and not Marker(marker).evaluate(env):
                continue
            assert name not in chosen, f"{path.name}: two versions of {name} for {env['sys_platform']} {env['python_full_version']}"
            chosen[name] = version
        for name, version, _where in pins:
            assert chosen.get(name) == version, f"{path.name}: {name}=={version} not chosen on {env}"


def test_the_class_lock_leaves_out_the_tools():
    binder = {name for name, _v, _m in lock.read_lock(lock.BINDER_LOCK)}
    assert "uv" not in binder, "the class environment (Binder) does not need the locking tool"


def test_environment_yml_lists_the_class_lock():
    import yaml

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    expected = [f"{n}=={v}" + (f" ; {m}" if m else "") for n, v, m in lock.read_lock(lock.BINDER_LOCK)]
    assert pip == expected + ["-e ."]


def test_the_scripts_doctests():
    for module in (lock, sync_environment):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0, module.__name__


def test_make_installs_the_lock_with_hashes_then_newslab_without_dependencies():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r $(LOCK)" in makefile and "--no-deps -e ." in makefile
    assert "$(STAMP): pyproject.toml $(LOCK)" in makefile, "the venv must be rebuilt when the lock changes"
