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


# --------------------------------------------------------------------------- the notebook's case, always


def test_loading_a_second_case_does_not_change_what_checks_judge():
    """Lesson 05: after ``other = newslab.load_case(...)``, Exercise 2's right answer stays right."""
    import newslab
    from newslab.tools.brief import second_case

    case = newslab.use_case("iran-taliban-2021")  # the parameters cell's CASE
    share = 100 * (case.voices["mode"] == "quote").mean()
    assert newslab.check("05-quote-share", share).correct
    other = newslab.load_case(second_case(case))
    assert other.id != case.id
    assert newslab.check("05-quote-share", share).correct, "loading the second case moved the checks"
    assert newslab.check("05-second-weekday", other.dateline_date.strftime("%A"), case=other).correct
    form = newslab.check_widget("05-quote-share")  # the form judges the notebook's case too
    form.children[1].children[0].value = f"{share:.2f}"
    form.check()
    assert form.feedback.correct, form.feedback
    # Running the parameters cell again with another CASE does switch them.
    assert newslab.use_case(other.id).id == other.id
    assert newslab.check("00-weekday", other.dateline_date.strftime("%A")).correct


# --------------------------------------------------------------------------- one folder per site edition


def test_each_site_edition_has_its_own_folder(tmp_path, monkeypatch, capsys):
    """`make site SITE=instructor` used to replace the student site in build/site/ with the answers."""
    from newslab.tools.cli import main

    monkeypatch.chdir(tmp_path)
    where = ["--notebooks", str(ROOT / "notebooks"), "--lessons", str(ROOT / "lessons")]
    assert main(["site", "--student", *where]) == 0
    student = tmp_path / "build" / "site" / "student"
    before = {p: p.read_bytes() for p in student.rglob("*") if p.is_file()}
    assert main(["site", "--instructor", *where]) == 0
    instructor = tmp_path / "build" / "site" / "instructor"
    assert (instructor / "lessons").is_dir() and not (student / "lessons").exists()
    assert {p: p.read_bytes() for p in student.rglob("*") if p.is_file()} == before, "the instructor build touched the student site"
    assert "### BEGIN SOLUTION" not in "".join(p.read_text(encoding="utf-8") for p in student.glob("*.html"))
    assert "build/site/instructor" in capsys.readouterr().out
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "SITE   ?= student instructor" in makefile, "make site builds both editions, each in its own folder"


def test_a_newslab_error_in_a_notebook_shows_its_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    """A brief written to a read-only (or full) work folder stopped the cell with a traceback through
    newslab's files module; the message naming the file was the last of some thirty lines."""
    from IPython.core.interactiveshell import InteractiveShell

    work = tmp_path / "work"
    work.write_text("not a folder", encoding="utf-8")  # any folder that cannot be written
    monkeypatch.setenv("NEWSLAB_WORK", str(work))
    shell = InteractiveShell.instance()
    try:
        result = shell.run_cell(
            "import newslab\n"
            "case = newslab.load_case('iran-taliban-2021')\n"
            "coding = newslab.stance.coding_from_answers(case, {v: ('alarmed', 'warned') for v in case.voices['id']}, coder='me')\n"
            "newslab.stance.save_coding(coding, 'ana', case)\n"
        )
    finally:
        InteractiveShell.clear_instance()
    assert result.error_in_exec is not None
    shown = capsys.readouterr().out
    assert str(work) in shown and "cannot" in shown, shown
    assert "Traceback" not in shown and "site-packages" not in shown and "files.py" not in shown, shown
    assert len(shown.strip().splitlines()) <= 2, shown
