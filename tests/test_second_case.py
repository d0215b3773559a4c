"""The second case, irish-border-2023: a valid case, with answers for every lesson, that every notebook runs on.

Run the notebook part alone with

    .venv/bin/python -m pytest -q tests/test_second_case.py -m notebook

It executes notebooks 00-05 with ``NEWSLAB_CASE=irish-border-2023`` in a
temporary folder (nothing in the repository changes) and asserts that no cell
fails and that every committed solution passes its self-check on this article.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import nbformat
import pytest

import newslab
from newslab import load_case
from newslab.case import validate_case
from newslab.case.checks import expected_answer, questions_for
from notebook_run import CHECK_CALL, NOTEBOOKS, ROOT, SOLUTION, code_cells, loaded_case, run_on_case, shown_text

CASE_ID = "irish-border-2023"
CASE_DIR = ROOT / "cases" / CASE_ID


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_ID)


def test_the_second_case_is_valid(case):
    assert validate_case(CASE_DIR) == []
    assert case.id == CASE_ID and case.dateline_date == dt.date(2023, 10, 4)
    assert case.meta["map"]["borders"] == [["IRL", "GBR"]]
    assert newslab.geo.has_border(("IRL", "GBR")), "lesson 03 needs the border data for this case"
    assert 500 <= sum(len(p.text.split()) for p in case.document.body) <= 700


def test_it_says_what_is_invented(case):
    assert case.meta["licence"]["article"].startswith("CC BY 4.0")
    assert "teaching example" in case.meta["origin"]["outlet"]
    note = case.meta["origin"]["note"]
    for name in ("Declan Mulholland", "Aoife Quinn", "South Armagh Hauliers' Group", "Cross-Border Traders' Network"):
        assert name in note, f"case.toml does not say that {name} is invented"
    invented = case.voices[case.voices["source_id"] == "invented"]
    assert len(invented) >= 5
    assert invented["description"].str.contains("invented").all()
    real = case.voices[case.voices["source_id"] != "invented"]
    assert set(real["speaker"]) >= {"Rishi Sunak", "The Irish Times", "The Irish government"}


def test_reference_values_agree_with_their_sources(case):
    claims = case.claims.set_index("id")
    assert claims.loc["population", "ref_value"] == 1903175
    assert claims.loc["border-mi", "ref_value"] == 310
    assert abs(claims.loc["border-km", "ref_value"] - 310 * 1.609344) < 0.5
    assert claims.loc["crossings-208", "ref_value"] == 208
    events = case.events.set_index("id")["start"].dt.date
    assert events["gfa-signed"] == dt.date(1998, 4, 10)
    assert events["referendum"] == dt.date(2016, 6, 23)
    assert events["windsor-agreed"] == dt.date(2023, 2, 27)
    assert events["green-lane-starts"] == dt.date(2023, 10, 1) and events["green-lane-starts"].weekday() == 6
    days = (case.dateline_date - events["gfa-signed"]).days
    assert round(days / 365.25, 2) == claims.loc["quarter-century", "ref_value"]
    days = (case.dateline_date - events["referendum"]).days
    assert round(days / 365.25, 2) == claims.loc["years-since-vote", "ref_value"]


def lesson_question_ids() -> dict[str, set[str]]:
    """The self-check ids each notebook uses."""
    return {nb.name: {qid for cell in nbformat.read(nb, as_version=4).cells if cell.cell_type == "code"
                      for qid in CHECK_CALL.findall(cell.source)} for nb in NOTEBOOKS}


def test_every_question_the_lessons_ask_has_an_answer_for_this_case(case):
    questions = questions_for(case)
    for name, ids in lesson_question_ids().items():
        missing = sorted(ids - set(questions))
        assert not missing, f"{name} asks {missing}, which cases/{CASE_ID}/checks/ does not define"
    for qid, q in questions.items():
        assert expected_answer(q, case) is not None, qid


def test_checks_files_follow_the_lessons():
    for path in sorted((CASE_DIR / "checks").glob("*.toml")):
        prefix = path.name[:2]
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for q in data.get("question", []):
            assert q["id"].startswith(prefix + "-"), f"{path.name}: {q['id']} belongs to another lesson's file"


@pytest.mark.notebook
@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_second_case(nb_path, tmp_path, monkeypatch):
    nb = run_on_case(nb_path, CASE_ID, tmp_path, monkeypatch)
    for i, cell in code_cells(nb):
        if SOLUTION in cell.source:
            shown = shown_text(cell)
            assert shown and shown.startswith("✓"), (
                f"{nb_path.name} cell {i}: the solution does not pass its self-check on {CASE_ID}:\n"
                f"{cell.source}\n{shown or '(no output)'}")
    loaded = loaded_case(nb)
    if loaded:
        assert f"<Case '{CASE_ID}'" in loaded, "the notebook ignored NEWSLAB_CASE"
