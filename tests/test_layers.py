"""The layers of src/newslab hold (issue 17): import-linter's contracts in pyproject.toml.

core -> geo -> extract -> case -> notebook -> tools: each layer imports only the
ones before it, and no two modules of a package import each other in a circle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*LINT, "--no-cache", str(root / "pyproject.toml")], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"})


def test_the_layers_and_the_no_cycle_contracts_are_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.fixture
def copy(tmp_path):
    """The package and pyproject.toml, copied, to break on purpose."""
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_import_against_the_layers_breaks_the_contract(copy):
    text = copy / "src" / "newslab" / "core" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom ..case import loader  # upwards\n", encoding="utf-8")
    result = lint(copy)
    assert result.returncode == 1
    assert "newslab.core is not allowed to import newslab.case" in result.stdout
    assert "newslab.core.text -> newslab.case.loader" in result.stdout


def test_a_cycle_inside_a_layer_breaks_the_contract(copy):
    # dates <- structure already; dates importing structure closes a circle inside extract.
    dates = copy / "src" / "newslab" / "extract" / "dates.py"
    dates.write_text(dates.read_text(encoding="utf-8") + "\nfrom . import structure  # a circle\n", encoding="utf-8")
    result = lint(copy)
    assert result.returncode == 1
    assert "No cycles are allowed in newslab.extract." in result.stdout


def test_no_module_reaches_another_by_name_at_run_time():
    """import-linter sees only import statements: a module found by name at run time
    (``importlib.import_module``) would cross the layers unseen (the self-checks' derivations
    once reached lesson tools that way).  Only the package's short-name table, the command
    table of the CLI and core's helper that gives a package its own submodules on first use
    (``newslab.case.claims`` as an attribute) find modules by name."""
    pkg = ROOT / "src" / "newslab"
    allowed = {pkg / "__init__.py", pkg / "tools" / "cli.py", pkg / "core" / "__init__.py"}
    offenders = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "src" / "newslab").rglob("*.py"))
                 if p not in allowed and "import_module(" in p.read_text(encoding="utf-8")]
    assert offenders == []
