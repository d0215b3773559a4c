"""`newslab new-case`: any article becomes a case whose every row waits for a human check."""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from newslab import ArticleError, NewslabError, load_case
from newslab.case import validate_case
from newslab.tools.cli import main
from newslab.tools.newcase import TO_CHECK, draft_claims, draft_events, draft_places, draft_voices, new_case

# An article written for this test: American spelling, a wire dateline, no real people.
ARTICLE = """\
City council approves $12 million bridge repair

SPRINGFIELD, Ill. (AP) — The city council voted 7-2 on Tuesday to spend $12 million repairing the Jefferson Street bridge, which engineers said carries about 18,000 vehicles a day.

"We cannot wait another winter," said Mayor Dana Ortiz, who has pushed for the repairs since 2019.

The work will close the bridge for nearly four months starting in March, according to the city's public works department. Chicago-based contractors bid for the job last year.
"""

ROOT = Path(__file__).resolve().parents[1]
NOTE_COLUMN = {"claims": "note", "voices": "description", "places": "note", "events": "note"}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def rows(folder: Path, table: str) -> list[dict[str, str]]:
    with open(folder / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_new_case_writes_every_table_with_rows_marked_to_check(article, tmp_path):
    folder = new_case(article, tmp_path / "cases" / "bridge-repair", dateline="2024-02-14")
    assert folder == tmp_path / "cases" / "bridge-repair"
    for name in ("case.toml", "article.txt", "claims.csv", "voices.csv", "places.csv", "events.csv",
                 "sources.csv", "checks/00-start-here.toml", "checks/05-your-turn.toml"):
        assert (folder / name).is_file(), name
    assert (folder / "article.txt").read_text(encoding="utf-8") == ARTICLE
    meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    assert meta["id"] == "bridge-repair" and meta["dateline"]["date"] == dt.date(2024, 2, 14)
    assert meta["dateline"]["place"] == "Springfield"
    assert meta["title"] == "City council approves $12 million bridge repair"
    for table, column in NOTE_COLUMN.items():
        found = rows(folder, table)
        assert all(r[column].startswith(TO_CHECK) for r in found), table
    claims = rows(folder, "claims")
    assert len(claims) >= 3 and any("18,000" in r["surface"] for r in claims)
    assert all(r["ref_value"] == "" and r["source_id"] == "" for r in claims), "references are the human's job"
    voices = rows(folder, "voices")
    assert any(r["speaker"].endswith("Dana Ortiz") and r["mode"] == "quote" for r in voices)
    events = rows(folder, "events")
    tuesday = [r for r in events if r["surface"] == "on Tuesday"]
    assert tuesday and tuesday[0]["start"] == "2024-02-13", "a weekday is resolved from the dateline"
    assert "calendar" in tuesday[0]["source_id"]
    # The result passes check-case as far as its format goes, and loads.
    assert validate_case(folder) == []
    case = load_case(folder)
    assert case.dateline_date.strftime("%A") == "Wednesday"


def test_new_case_copies_only_derived_self_checks_one_file_per_lesson(article, tmp_path):
    folder = new_case(article, tmp_path / "bridge", dateline="2024-02-14")
    seed_files = sorted(p.name for p in (ROOT / "cases" / "iran-taliban-2021" / "checks").glob("*.toml"))
    assert sorted(p.name for p in (folder / "checks").glob("*.toml")) == seed_files
    for path in (folder / "checks").glob("*.toml"):
        questions = tomllib.loads(path.read_text(encoding="utf-8")).get("question", [])
        assert all(q["id"].startswith(path.name[:3]) for q in questions), path.name
        assert all("derive" in q and "answer" not in q and "mistake" not in q for q in questions), path.name
    start = tomllib.loads((folder / "checks" / "00-start-here.toml").read_text(encoding="utf-8"))["question"]
    assert {"00-weekday", "00-paragraphs"} <= {q["id"] for q in start}
    if any("answer" in q for q in tomllib.loads(
            (ROOT / "cases" / "iran-taliban-2021" / "checks" / "01-reading.toml").read_text(encoding="utf-8"))["question"]):
        assert "TO DO" in (folder / "checks" / "01-reading.toml").read_text(encoding="utf-8")
    import newslab

    case = load_case(folder)
    assert newslab.check("00-paragraphs", 3, case=case).correct


def test_refuses_to_overwrite_an_existing_case(article, tmp_path, capsys):
    target = tmp_path / "bridge"
    target.mkdir()
    (target / "case.toml").write_text("id = 'mine'\n", encoding="utf-8")
    with pytest.raises(NewslabError, match="already exists"):
        new_case(article, target, dateline="2024-02-14")
    assert (target / "case.toml").read_text(encoding="utf-8") == "id = 'mine'\n"
    assert sorted(p.name for p in target.iterdir()) == ["case.toml"]
    assert main(["new-case", str(article), str(target), "--dateline", "2024-02-14"]) == 1
    assert "never overwrites" in capsys.readouterr().err
    # An existing case made by new-case is just as safe.
    made = new_case(article, tmp_path / "made", dateline="2024-02-14")
    before = {p: p.read_bytes() for p in made.rglob("*") if p.is_file()}
    with pytest.raises(NewslabError):
        new_case(article, made, dateline="2024-02-15")
    assert before == {p: p.read_bytes() for p in made.rglob("*") if p.is_file()}


def test_an_empty_folder_is_used(article, tmp_path):
    target = tmp_path / "bridge"
    target.mkdir()
    assert new_case(article, target, dateline="2024-02-14") == target
    assert (target / "case.toml").is_file()


@pytest.mark.parametrize("folder, message", [
    ("Bridge Repair", "cannot be a case id"),
    ("bridge_repair", "cannot be a case id"),
    ("-bridge", "cannot be a case id"),
])
def test_bad_case_ids(article, tmp_path, folder, message):
    with pytest.raises(NewslabError, match=message):
        new_case(article, tmp_path / folder, dateline="2024-02-14")
    assert not (tmp_path / folder).exists()


def test_bad_dateline_and_missing_dateline(article, tmp_path):
    with pytest.raises(NewslabError, match="not a date written YYYY-MM-DD"):
        new_case(article, tmp_path / "a", dateline="14/02/2024")
    with pytest.raises(NewslabError, match="--dateline"):
        new_case(article, tmp_path / "b")  # the first sentence has a weekday, not a date
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_dateline_date_read_from_a_wire_dateline(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("Floods close schools\n\nLAGOS, 3 June 2024 (Reuters) - Floods closed 40 schools on Monday.\n",
                    encoding="utf-8")
    folder = new_case(path, tmp_path / "floods")
    meta = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    assert meta["dateline"] == {"place": "Lagos", "date": dt.date(2024, 6, 3)}


def test_bad_articles(tmp_path, capsys):
    with pytest.raises(ArticleError, match="no such file"):
        new_case(tmp_path / "missing.txt", tmp_path / "x", dateline="2024-01-01")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ArticleError):
        new_case(empty, tmp_path / "y", dateline="2024-01-01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 owners protest\n\nThey did.".encode("latin-1"))
    assert main(["new-case", str(latin), str(tmp_path / "z"), "--dateline", "2024-01-01"]) == 1
    err = capsys.readouterr().err
    assert "latin.txt, line 1" in err and "not UTF-8" in err
    headline_only = tmp_path / "headline.txt"
    headline_only.write_text("Just a headline\n", encoding="utf-8")
    with pytest.raises(NewslabError, match="no paragraphs"):
        new_case(headline_only, tmp_path / "w", dateline="2024-01-01")
    assert not any((tmp_path / n).exists() for n in "xyzw")


def test_a_failure_midway_leaves_nothing_behind(article, tmp_path, monkeypatch):
    import newslab.tools.newcase as nc

    def boom(*args, **kwargs):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(nc, "_case_toml", boom)
    with pytest.raises(RuntimeError):
        new_case(article, tmp_path / "cases" / "bridge", dateline="2024-02-14")
    assert list((tmp_path / "cases").iterdir()) == []


def test_check_case_names_file_and_line_after_a_bad_edit(article, tmp_path, capsys):
    folder = new_case(article, tmp_path / "bridge", dateline="2024-02-14")
    lines = (folder / "claims.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("surface")] = "a number that is not in the article"
    cells[header.index("value")] = "lots"
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    lines[1] = buf.getvalue()
    (folder / "claims.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check-case", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "claims.csv, line 2" in err and "not a number" in err and "2 problems" in err


def test_cli_new_case_reports_what_it_wrote(article, tmp_path, capsys):
    assert main(["new-case", str(article), str(tmp_path / "bridge"), "--dateline", "2024-02-14",
                 "--place", "Springfield, Illinois", "--title", "The bridge vote"]) == 0
    out = capsys.readouterr().out
    assert "new case written" in out and "claims" in out and TO_CHECK in out
    meta = tomllib.loads((tmp_path / "bridge" / "case.toml").read_text(encoding="utf-8"))
    assert meta["dateline"]["place"] == "Springfield, Illinois" and meta["title"] == "The bridge vote"
    # A teacher sees, before the class, which exercises will say "? Not checked" and what is unread:
    # the answers stored for the seed's article, and every pre-filled row.
    assert "self-check(s) of the lessons cannot judge an answer on this case yet" in out
    assert "  - 01-sunday: not in checks/" in out and "  - 02-districts: not in checks/" in out
    assert "Lines still marked TO CHECK" in out and "claims.csv" in out
    # check-case says the same, and nothing of the kind for a finished case
    assert main(["check-case", str(tmp_path / "bridge")]) == 0
    again = capsys.readouterr().out
    assert "01-sunday" in again and "TO CHECK" in again
    assert main(["check-case", "iran-taliban-2021"]) == 0
    seed = capsys.readouterr().out
    assert "Every self-check of the lessons can judge an answer" in seed and "TO CHECK" not in seed


# --------------------------------------------------------------------------- the mapping from extractor rows


def test_draft_claims_maps_kinds_qualifiers_and_speakers():
    numbers = [
        {"surface": "just over 1.9 million", "value": 1900000.0, "unit": "people", "kind": "count",
         "qualifier": "just over", "sentence_index": 4},
        {"surface": "1998", "value": 1998.0, "unit": "year", "kind": "year", "qualifier": None, "sentence_index": 2},
        {"surface": "40", "value": 40.0, "unit": "", "kind": "number", "qualifier": None, "sentence_index": 8},
        {"surface": None, "value": 3.0, "unit": "", "kind": "number", "qualifier": None, "sentence_index": 9},
    ]
    out = draft_claims(numbers, [{"speaker": "Declan Mulholland", "sentence": 8}])
    assert [r["kind"] for r in out] == ["count", "date", "count"]
    assert out[0]["qualifier"] == "over" and out[0]["value"] == "1900000"
    assert out[2]["unit"] == "number" and out[2]["speaker"] == "Declan Mulholland"
    assert out[1]["speaker"] == "the article"


def test_draft_events_reads_dates_not_offsets():
    found = [
        {"surface": "on Sunday", "start": dt.date(2023, 10, 1), "end": dt.date(2023, 10, 1), "relative": True,
         "sentence_index": 3},
        {"surface": "June 2016", "start": 1904, "end": 1913, "date_start": "2016-06-01", "date_end": "2016-06-30",
         "sentence_index": 13},
        {"surface": "someday", "start": 10, "end": 17, "sentence_index": 1},
    ]
    out = draft_events(found, dt.date(2023, 10, 4))
    assert [(r["surface"], r["start"], r["end"]) for r in out] == [
        ("June 2016", "2016-06-01", "2016-06-30"), ("on Sunday", "2023-10-01", None)]
    assert out[0]["source_id"] == "article" and out[1]["source_id"] == "article;calendar"


def test_draft_voices_and_places_keep_required_columns_valid():
    voices = draft_voices([{"speaker": None, "kind": "person", "verb": None, "quote_or_paraphrase": "Quote",
                            "text": "No comment", "sentence_index": 2},
                           {"speaker": "x", "kind": "official", "verb": "said", "text": None, "sentence_index": 3}])
    assert len(voices) == 1
    assert voices[0]["speaker"] == "unnamed" and voices[0]["kind"] == "unnamed"
    assert voices[0]["verb"] == "said" and voices[0]["mode"] == "quote"
    places = draft_places([{"name": "Lough Foyle", "lat": None, "lon": None, "kind": "region"},
                           {"name": "Derry", "lat": 55.0, "lon": -7.31, "kind": "village", "country": "GB"},
                           {"name": "Derry", "lat": 55.0, "lon": -7.31, "kind": "city", "country": "GBR"}])
    assert [(p["name"], p["kind"], p["country"]) for p in places] == [("Derry", "town", None)]


def test_borders_suggested_from_the_countries_found(tmp_path):
    folder = new_case(ROOT / "cases" / "irish-border-2023" / "article.txt", tmp_path / "newry", dateline="2023-10-04")
    text = (folder / "case.toml").read_text(encoding="utf-8")
    meta = tomllib.loads(text)
    assert sorted(map(sorted, meta["map"]["borders"])) == [["GBR", "IRL"]]
    assert "# TO CHECK: proposed by new-case" in text and "both named" in text
    assert meta["dateline"]["place"] == "Newry"
    # Lough Foyle is placed by the gazetteer's feature table now (issue 14), so it is a row of places.csv ...
    assert "Lough Foyle" in (folder / "places.csv").read_text(encoding="utf-8")
    # ... and a name the gazetteer cannot place is still listed for the human.
    lough = tmp_path / "lough.txt"
    lough.write_text("Ferry halted\n\nThe ferry across Lough Glasnamore stopped on Monday, officials in Newry said.\n",
                     encoding="utf-8")
    text = (new_case(lough, tmp_path / "lough", dateline="2024-02-14") / "case.toml").read_text(encoding="utf-8")
    assert "no coordinates" in text and "Lough Glasnamore" in text, "places without coordinates are listed for the human"
    assert validate_case(folder) == []
    bridge = tmp_path / "bridge.txt"
    bridge.write_text(ARTICLE, encoding="utf-8")
    meta = tomllib.loads((new_case(bridge, tmp_path / "bridge", dateline="2024-02-14") / "case.toml").read_text(encoding="utf-8"))
    assert "borders" not in meta["map"]


@pytest.mark.parametrize("article, first, also", [
    ("wire-tacna-crossing.txt", ["PER", "CHL"], [["PER", "BOL"], ["CHL", "BOL"]]),
    ("wire-mandera-market.txt", ["KEN", "SOM"], [["SOM", "ETH"], ["KEN", "ETH"]]),
    ("wire-andes-water.txt", ["BOL", "PER"], []),
])
def test_new_case_proposes_the_best_supported_land_border_first(tmp_path, article, first, also):
    folder = new_case(ROOT / "tests" / "fixtures" / "articles" / article, tmp_path / "case")
    text = (folder / "case.toml").read_text(encoding="utf-8")
    meta = tomllib.loads(text)
    # The first pair is the story's; the others tie in these articles (named once, in the same
    # sentence as both), so their order is not asserted.
    assert meta["map"]["borders"][0] == first
    assert sorted(map(sorted, meta["map"]["borders"][1:])) == sorted(map(sorted, also))
    assert f"#   {first[0]}–{first[1]}: both named" in text, "each pair says why it was proposed"
    assert validate_case(folder) == []
    from newslab import geo

    assert geo.case_border(load_case(folder)) == tuple(first)


def test_the_proposal_ranks_named_countries_and_sentences_together():
    rows = [{"kind": "city", "country": "ARG", "sentence_index": 1},
            {"kind": "country", "country": "CHL", "sentence_index": 1},
            {"kind": "country", "country": "BOL", "sentence_index": 3},
            {"kind": "country", "country": "PER", "sentence_index": 4},
            {"kind": "city", "country": "PER", "sentence_index": 3},
            {"kind": "country", "country": "FRA", "sentence_index": 4},
            {"kind": "crossing", "country": "IRN/AFG", "sentence_index": 5}]
    from newslab import newcase

    propose_borders = newcase.propose_borders
    got = [(p["pair"], p["named"], p["together"]) for p in propose_borders(rows)]
    assert got[0] == (("BOL", "PER"), True, 1)  # both named, and together in a sentence
    assert (("ARG", "CHL"), False, 1) in got and got.index((("ARG", "CHL"), False, 1)) > got.index((("CHL", "BOL"), True, 0))
    assert all("FRA" not in p for p, _, _ in got), "France shares no land border with any of them"
    assert (("IRN", "AFG"), False, 1) in got, "a crossing names both its countries"
    assert propose_borders([]) == []


def test_countries_with_no_land_border_between_them_are_said_so(tmp_path):
    article = tmp_path / "ferry.txt"
    article.write_text("Ferry strike strands travellers\n\nDOVER, 3 June 2024 (NLW) – Ferries between the United "
                       "Kingdom and France stopped on Monday, and flights to Iceland were full.\n", encoding="utf-8")
    text = (new_case(article, tmp_path / "ferry") / "case.toml").read_text(encoding="utf-8")
    assert "# No two countries the article names share a land border (GBR, FRA, ISL)" in text
    assert "borders" not in tomllib.loads(text)["map"]


@pytest.mark.notebook
def test_the_start_and_synthesis_notebooks_run_on_a_fresh_case(article, tmp_path, monkeypatch):
    """A case straight from new-case, unedited, is enough for notebooks 00 and 05 to Run All."""
    import nbformat
    from nbclient import NotebookClient

    folder = new_case(article, tmp_path / "cases" / "bridge-repair", dateline="2024-02-14")
    monkeypatch.setenv("NEWSLAB_CASE", str(folder))
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path / "work"))
    monkeypatch.setenv("NEWSLAB_STUDENT", "ana-r")
    for name in ("00-start-here.ipynb", "05-your-turn.ipynb"):
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  for o in c.outputs if o.output_type == "error"]
        assert not errors, f"{name} fails on a fresh case: {errors}"
    assert (tmp_path / "work" / "ana-r" / "briefs" / "bridge-repair" / "brief.html").is_file()


def test_without_a_dateline_place_check_case_says_what_to_fill_in(tmp_path, capsys):
    path = tmp_path / "plain.txt"
    path.write_text("Library reopens\n\nThe town library reopened on Monday after a two-year repair.\n", encoding="utf-8")
    assert main(["new-case", str(path), str(tmp_path / "library"), "--dateline", "2024-03-06"]) == 0
    out = capsys.readouterr().out
    assert "finds 1 problem(s)" in out and "case.toml" in out and "place" in out
    problems = validate_case(tmp_path / "library")
    assert len(problems) == 1 and problems[0].path.endswith("case.toml") and "dateline.place" in problems[0].message


def test_a_feature_placed_from_the_cited_table_keeps_its_citation(tmp_path):
    """A sea or river is placed from data/gazetteer-features.tsv, not GeoNames: the draft says so."""
    text = ("Ships avoid the Red Sea as insurers raise rates\n\n"
            "DUBAI, Jan 9 (Reuters) - Insurers raised war-risk rates for ships crossing the Red Sea "
            "on Tuesday, brokers said, and several lines sent vessels around Africa instead.\n\n"
            "\u201cThe premium has tripled since December,\u201d a London broker said.\n")
    article = tmp_path / "red-sea.txt"
    article.write_text(text, encoding="utf-8")
    folder = new_case(article, tmp_path / "cases" / "red-sea", dateline="2024-01-09")
    with open(folder / "places.csv", encoding="utf-8", newline="") as f:
        places = {r["name"]: r for r in csv.DictReader(f)}
    with open(folder / "sources.csv", encoding="utf-8", newline="") as f:
        sources = {r["id"]: r for r in csv.DictReader(f)}
    sea = places["Red Sea"]
    assert sea["source_id"] == "ref-red-sea"
    assert sources["ref-red-sea"]["url"].startswith("https://") and sources["ref-red-sea"]["publisher"]
    assert validate_case(folder) == []
