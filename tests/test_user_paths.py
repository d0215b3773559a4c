"""The paths a teacher or student takes, end to end (issue 13).

Each test here guards a defect a user met: saved work changing the tests, a
second case changing what a check judges, and so on.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslab import load_case, stance

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- saved work never reaches a test


def test_tests_and_their_kernels_use_a_temporary_work_folder():
    """A stance coding a student saved under work/ must not change nbval's agreement table (04)."""
    case = load_case("iran-taliban-2021")
    work = Path(os.environ.get("NEWSLAB_WORK", "")).resolve() if os.environ.get("NEWSLAB_WORK") else None
    assert work is not None, "the tests must run with NEWSLAB_WORK set (tests/conftest.py)"
    assert ROOT not in (work, *work.parents), f"NEWSLAB_WORK={work} is inside the checkout"
    assert stance.work_folder(case).resolve() == work
    assert [p for p in stance.class_files(case) if ROOT / "work" in p.resolve().parents] == []
    # A kernel (nbval's, nbclient's) is a child process: it inherits the same folder.
    child = subprocess.run(
        [sys.executable, "-c", "import newslab; print(newslab.stance.work_folder(newslab.load_case()).resolve())"],
        capture_output=True, text=True, check=True, cwd=ROOT / "notebooks")
    assert child.stdout.strip() == str(work)
