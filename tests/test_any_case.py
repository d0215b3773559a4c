"""Any case an instructor makes with ``newslab new-case`` runs through every lesson without a traceback,
and so does the student copy, on every case.

The articles in ``tests/fixtures/articles/`` stand in for an instructor's own:
a wire story with a dateline, numbers and quotes from another region; a plain
local story with no dateline line and few numbers; a bare one with no
numbers, quotes, places or dates at all; a dense drought report with many of
each; and a feature in another style (byline, clock times, no dateline).  Each
becomes a case with ``newslab new-case`` in a temporary folder, exactly as the
instructor would make it (reference values empty, no stance codings, no border
data), and each of notebooks 00-05 runs on it with ``NEWSLAB_CASE`` set.
Where the case lacks something, the lesson must say so in a sentence, not raise.

The student copy (``newslab build student``: every answer left as ``...``)
must also run to the end, on those cases and on every shipped one, with each
self-check saying that the exercise is not answered yet (or why it cannot be
checked on this case): issue 13 found Run All stopping at lesson 04.

All runs share one kernel (:class:`notebook_run.SharedKernel`: the namespace
is emptied between notebooks, the imports are paid once).  Run the notebook
part alone with

    .venv/bin/python -m pytest -q tests/test_any_case.py -m notebook
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslab import load_case
from newslab.case import validate_case
from newslab.tools.cli import main
from notebook_run import CHECK_CALL, NOTEBOOKS, ROOT, SOLUTION, SharedKernel, code_cells, errors, loaded_case, shown_text

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

#: case id -> (article file, extra new-case options an instructor would give)
CASES = {
    "andes-water": ("wire-andes-water.txt", []),  # the dateline gives date and place
    "village-library": ("local-library.txt", ["--dateline", "2025-06-10", "--place", "Ashby Parva"]),
    "bare-harbour": ("bare-harbour.txt", ["--dateline", "2025-01-15", "--place", "Harbourtown"]),
    "dense-drought": ("dense-drought.txt", []),  # many numbers, quotes, places and dates
    "night-ferry": ("feature-night-ferry.txt", ["--dateline", "2024-10-03", "--place", "Skarvøy"]),
    "tacna-crossing": ("wire-tacna-crossing.txt", []),  # Peru–Chile, a border no shipped case lists
    "mandera-market": ("wire-mandera-market.txt", []),  # Kenya–Somalia
}
#: What lessons 03 and 05 must draw on each new case: the border new-case proposed first, or (None) the
#: sentence saying why there is no map.
MAPS = {
    "andes-water": "Bolivia and Peru share a border of",
    "village-library": None,
    "bare-harbour": None,
    "dense-drought": "Kenya and Ethiopia share a border of",
    "night-ferry": None,
    "tacna-crossing": "Peru and Chile share a border of",
    "mandera-market": "Kenya and Somalia share a border of",
}
#: The cases that ship with newslab.
SHIPPED = sorted(p.parent.name for p in (ROOT / "cases").glob("*/case.toml"))

#: Self-checks whose committed solution and derived answer still disagree on a case, with why.
#: Each entry must still disagree (the test says when one is fixed, so it can be removed).
KNOWN_DISAGREEMENTS = {
    ("bare-harbour", "04-top-share"): "newslab.voices.top_quoted_share gives 0.0 for a case with no quotes, "
                                      "where the lesson's solution (max / sum of nothing) gives NaN",
}


@pytest.fixture(scope="module")
def cases_dir(tmp_path_factory) -> Path:
    """A folder holding the cases, made with the command an instructor types."""
    root = tmp_path_factory.mktemp("cases")
    for case_id, (article, options) in CASES.items():
        assert main(["new-case", str(ARTICLES / article), str(root / case_id), *options]) == 0
    return root


def test_new_case_makes_valid_cases_from_the_test_articles(cases_dir):
    for case_id in CASES:
        assert validate_case(cases_dir / case_id) == [], case_id
    wire = load_case(cases_dir / "andes-water")
    assert (wire.dateline_place, wire.dateline_date.isoformat()) == ("La Paz", "2024-03-12")
    assert len(wire.claims) >= 8 and wire.claims["ref_value"].isna().all(), "new-case leaves reference values to the fact-checker"
    assert len(wire.voices) >= 2 and not (cases_dir / "andes-water" / "stance").exists()
    bare = load_case(cases_dir / "bare-harbour")
    assert bare.claims.empty and bare.voices.empty and bare.places.empty and bare.events.empty


def test_the_local_story_needs_its_dateline_given(tmp_path, capsys):
    assert main(["new-case", str(ARTICLES / "local-library.txt"), str(tmp_path / "library")]) == 1
    assert "--dateline" in capsys.readouterr().err
    assert not (tmp_path / "library").exists()


@pytest.fixture(scope="module")
def kernel():
    """One kernel for every notebook run of this module."""
    with SharedKernel(ROOT / "notebooks") as shared:
        yield shared


@pytest.fixture(scope="module")
def student_copy(tmp_path_factory) -> Path:
    """The student build, made with the command a teacher types."""
    out = tmp_path_factory.mktemp("student-build")
    assert main(["build", "student", "--notebooks", str(ROOT / "notebooks"), "--out", str(out)]) == 0
    notebooks = sorted((out / "student").glob("[0-9][0-9]-*.ipynb"))
    assert [p.name for p in notebooks] == [p.name for p in NOTEBOOKS]
    return out / "student"


def run_all(kernel, nb_path: Path, case_id: str, cases_dir: Path | None, work: Path):
    """Run All on ``case_id``; fails naming the first cell that raised or wrote to stderr."""
    env = {"NEWSLAB_CASE": case_id, "NEWSLAB_WORK": str(work), "NEWSLAB_SECOND_CASE": "",
           "NEWSLAB_CASES": str(cases_dir) if cases_dir else ""}
    nb = kernel.run(nb_path, env)
    failures = errors(nb, nb_path.name, case_id)
    assert not failures, failures[0]
    for i, cell in code_cells(nb):
        for out in cell.outputs:
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"{nb_path.name} cell {i} writes to stderr on {case_id}:\n{out.text}")
    loaded = loaded_case(nb)
    if loaded:
        assert f"<Case '{case_id}'" in loaded, f"{nb_path.name} ignored NEWSLAB_CASE"
    return nb


def _map_said(nb) -> list[str]:
    """What a notebook showed about the map: figure captions of a border map, or the no-border sentence."""
    said = []
    for _, cell in code_cells(nb):
        for out in cell.outputs:
            text = out.get("data", {}).get("text/plain", "")
            if "share a border of" in text or text.startswith(("No border to map", "Border ")):
                said.append(text)
    return said


@pytest.mark.notebook
@pytest.mark.parametrize("case_id", list(CASES))
def test_instructor_notebooks_run_on_a_new_case(case_id, cases_dir, kernel, tmp_path):
    for nb_path in NOTEBOOKS:
        nb = run_all(kernel, nb_path, case_id, cases_dir, tmp_path / "work")
        if nb_path.name.startswith(("03-", "05-")):
            said = _map_said(nb)
            if MAPS[case_id]:
                assert any(MAPS[case_id] in s for s in said), f"{nb_path.name} draws no map on {case_id}: {said}"
            else:
                assert said and all(s.startswith("No border to map") for s in said), (
                    f"{nb_path.name} on {case_id} must say why there is no map: {said}")
        for i, cell in code_cells(nb):
            if SOLUTION not in cell.source:
                continue
            # A committed solution is right wherever the case can judge it; where the case
            # cannot (no such question, nothing to derive the answer from), the check says "?".
            shown = shown_text(cell) or "(no output)"
            known = [why for (cid, qid), why in KNOWN_DISAGREEMENTS.items() if cid == case_id and f'"{qid}"' in cell.source]
            if known:
                assert shown.startswith("✗"), f"fixed? remove {case_id} from KNOWN_DISAGREEMENTS: {known[0]}"
                continue
            assert shown.startswith(("✓", "?")), (
                f"{nb_path.name} cell {i}: on {case_id} the solution gets\n{shown}\n{cell.source}")


@pytest.mark.notebook
@pytest.mark.parametrize("case_id", [*SHIPPED, *CASES])
def test_student_copy_runs_all_with_every_exercise_unanswered(case_id, cases_dir, student_copy, kernel, tmp_path):
    """Run All on the student build, every exercise left as ``...``: nothing raises, and each check says
    the exercise is not answered yet, or why this case cannot check it."""
    checked = 0
    for nb_path in sorted(student_copy.glob("[0-9][0-9]-*.ipynb")):
        nb = run_all(kernel, nb_path, case_id, None if case_id in SHIPPED else cases_dir, tmp_path / "work")
        for i, cell in code_cells(nb):
            if "# YOUR ANSWER HERE" not in cell.source or not CHECK_CALL.search(cell.source):
                continue
            shown = shown_text(cell) or "(no output)"
            assert shown.startswith("… You have not answered yet") or shown.startswith("?"), (
                f"student {nb_path.name} cell {i} on {case_id}:\n{cell.source}\nshows\n{shown}")
            assert "Hint:" not in shown, f"an unanswered exercise is not a try, so no hint: {shown}"
            checked += 1
    assert checked >= 30, f"only {checked} exercises found in the student copy"
