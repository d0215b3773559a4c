"""Hostile files, full disks and two students at once (issue 18: files, saves, validation).

Each test here reproduces one way a careless or malicious user (or an unlucky
disk) broke newslab, and holds the fix: a build that only ever deletes inside
its own folder, articles that are regular files of a sane size, saves that are
whole or not at all, students who never overwrite each other, a static site
without script, and what ``check-case`` accepts running in every lesson.
(tests/test_hostile.py has the extractor side.)
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from newslab.errors import ArticleError, CaseError, NewslabError

from conftest import ARTICLE, write_case

ROOT = Path(__file__).resolve().parents[1]
_HEALTH = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=_HEALTH)


# --------------------------------------------------------------------------- 1. a build deletes only inside build/


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A course folder with one notebook, a README beside it; cwd is it."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "lessons").mkdir()
    nb = new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\nx")])
    nbformat.write(nb, tmp_path / "notebooks" / "00-a.ipynb")
    (tmp_path / "README.md").write_text("the project's own README\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("entry", ["../../README.md", "ABSOLUTE", "lessons/../../../README.md", "./../x"])
def test_a_tampered_build_record_never_deletes_outside_the_build(project, entry, force):
    from newslab.build import MANIFEST_NAME, build

    build("student")
    outside = project / "README.md"
    if entry == "ABSOLUTE":
        entry = str(outside)
    elif entry == "./../x":
        outside = project / "build" / "x"
        outside.write_text("a neighbour's file\n", encoding="utf-8")
    record = project / "build" / "student" / MANIFEST_NAME
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"][entry] = _sha(outside)
    record.write_text(json.dumps(data), encoding="utf-8")
    if force:
        build("student", force=True)
    else:
        with pytest.raises(NewslabError, match=r"outside build.student.*nothing was removed"):
            build("student")
    assert outside.is_file()


def test_a_build_record_cannot_reach_out_through_a_symlinked_folder(project, tmp_path_factory):
    from newslab.build import MANIFEST_NAME, build

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    victim = elsewhere / "00-a.ipynb"
    victim.write_text("someone else's\n", encoding="utf-8")
    build("student")
    (project / "build" / "student" / "lessons").symlink_to(elsewhere)
    record = project / "build" / "student" / MANIFEST_NAME
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"]["lessons/00-a.ipynb"] = _sha(victim)
    record.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NewslabError, match="outside"):
        build("student")
    assert victim.is_file()


# --------------------------------------------------------------------------- 11. widget state stays out of the student build


def test_saved_widget_state_is_not_copied_into_the_student_build():
    from newslab.build import instructor_notebook, student_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"abc": {"state": {"value": "the instructor's answer: 1,037 km"}}}, "version_major": 2}}
    student = student_notebook(nb)
    assert "widgets" not in student.metadata
    assert "1,037" not in nbformat.writes(student)
    assert "widgets" in nb.metadata  # the source is untouched
    assert "widgets" in instructor_notebook(nb).metadata
