"""nbgrader works on the lessons unchanged (issue 13, item 7), with the real nbgrader 0.9.6.

nbgrader has its own environment, ``build/nbgrader-venv`` (``make nbgrader-venv``,
which ``make test`` runs first): its server and lab extensions stay out of the
lessons' JupyterLab.  The test plays a teacher's term in a temporary course
folder, with the shipped ``grading/nbgrader_config.py``:

1. ``nbgrader generate_assignment`` on all six lessons: the metadata the
   notebooks carry is accepted, solutions are gone, graded cells are locked,
   and each exercise keeps the runnable ``name = ...`` form;
2. two submissions of lesson 00: alice answers one exercise right and one
   wrong, bob hands in the release untouched;
3. ``nbgrader autograde``: bob's copy runs to the end (no cell raises), and
   the graded cells score alice 1 and bob 0;
4. ``nbgrader generate_feedback`` and ``nbgrader export``: the feedback page
   and grades.csv say the same.

Run it alone with ``.venv/bin/python -m pytest -q tests/test_nbgrader.py``.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from newslab.tools.build import nbgrader_metadata

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "build" / "nbgrader-venv"
NBGRADER = VENV / "bin" / "nbgrader"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_every_notebook_carries_the_nbgrader_metadata_its_cells_call_for():
    """`make sync` writes it; a notebook edited without `make sync` fails here."""
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert nb == nbgrader_metadata(nb), f"{path.name}: nbgrader metadata out of date: run `make sync`"
        graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        solutions = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert graded and len(graded) == len(solutions), path.name
        assert all(c.metadata.nbgrader["locked"] and c.metadata.nbgrader["points"] == 1 for c in graded)


def nbgrader(course: Path, *args: str) -> str:
    env = {**os.environ, "PATH": f"{VENV / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_DATA_DIR": str(course / ".jupyter-data")}  # the venv's own python3 kernel, nobody else's
    done = subprocess.run([str(NBGRADER), *args], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def answer(nb, replacements: dict[str, str]):
    """A student's copy: the given placeholder lines replaced by answers."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        for old, new in replacements.items():
            cell.source = cell.source.replace(old, new)
    return nb


@pytest.mark.notebook
def test_generate_autograde_feedback_and_export_with_real_nbgrader(tmp_path):
    if not NBGRADER.is_file():
        if os.environ.get("CI"):
            pytest.fail("build/nbgrader-venv is missing: `make test` (and so .ci/run) creates it with `make nbgrader-venv`")
        pytest.skip("run `make nbgrader-venv` first (make test does)")
    course = tmp_path / "course"
    (course / "source" / "lessons").mkdir(parents=True)
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course)
    for path in NOTEBOOKS:
        shutil.copy(path, course / "source" / "lessons")

    nbgrader(course, "generate_assignment", "lessons")
    released = {p.name: nbformat.read(p, as_version=4) for p in sorted((course / "release" / "lessons").glob("*.ipynb"))}
    assert list(released) == [p.name for p in NOTEBOOKS]
    for name, nb in released.items():
        text = "\n".join(c.source for c in nb.cells)
        assert "### BEGIN SOLUTION" not in text and "NotImplementedError" not in text, name
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                assert "= ...  # YOUR ANSWER HERE" in cell.source, f"{name}: {cell.source}"
    start = released["00-start-here.ipynb"]
    assert 'weekday = ...  # YOUR ANSWER HERE' in "\n".join(c.source for c in start.cells)

    for student, replacements in {
        "alice": {"weekday = ...  # YOUR ANSWER HERE": 'weekday = "Saturday"',   # right
                  "paragraphs = ...  # YOUR ANSWER HERE": "paragraphs = 15"},    # wrong (14)
        "bob": {},                                                                 # nothing answered
    }.items():
        folder = course / "submitted" / student / "lessons"
        folder.mkdir(parents=True)
        nbformat.write(answer(start, replacements), folder / "00-start-here.ipynb")

    nbgrader(course, "autograde", "lessons", "--notebook", "00-start-here")
    for student in ("alice", "bob"):
        graded = nbformat.read(course / "autograded" / student / "lessons" / "00-start-here.ipynb", as_version=4)
        failed = [c.source for c in graded.cells if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        assert not failed, f"{student}'s copy stopped: {failed[0]}"
        assert all(c.outputs for c in graded.cells if c.cell_type == "code" and "newslab.grade(" in c.source)
    bob = nbformat.read(course / "autograded" / "bob" / "lessons" / "00-start-here.ipynb", as_version=4)
    shown = "\n".join(o.get("data", {}).get("text/plain", "") for c in bob.cells if c.cell_type == "code" for o in c.outputs)
    assert "You have not answered yet" in shown

    nbgrader(course, "generate_feedback", "lessons")
    page = (course / "feedback" / "alice" / "lessons" / "00-start-here.html").read_text(encoding="utf-8")
    assert "Graded (00-weekday)" in page and "Graded (00-paragraphs)" in page

    nbgrader(course, "export")
    with open(course / "grades.csv", encoding="utf-8", newline="") as f:
        grades = {row["student_id"]: row for row in csv.DictReader(f)}
    total = sum(c.metadata.nbgrader["points"] for nb in released.values() for c in nb.cells
                if c.metadata.get("nbgrader", {}).get("grade"))
    assert float(grades["alice"]["raw_score"]) == 1.0
    assert float(grades["bob"]["raw_score"]) == 0.0
    assert float(grades["alice"]["max_score"]) == total == 33
