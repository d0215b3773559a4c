"""The claims table: verdict rules on constructed rows, merging, validation, display, export, the notebook on another case."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import nbformat
import pytest

from newslab import CaseError, NewslabError, load_case
from newslab.case.claims import (
    VERDICTS,
    attribution,
    claims_table,
    export_csv,
    judge,
    precision_step,
    style,
    unmatched,
    verdict_counts,
)
from newslab.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED_CASE = ROOT / "cases" / "iran-taliban-2021"

HEADER = "id,surface,value,unit,kind,qualifier,speaker,ref_value,ref_unit,source_id,tolerance,note\n"


# --------------------------------------------------------------------------- the rules, on rows we construct


@pytest.mark.parametrize("value, ref, qualifier, step, tolerance, verdict", [
    # no reference -> unverifiable, whatever else
    (85, None, "about", 1, None, "unverifiable"),
    (85, float("nan"), None, 1, None, "unverifiable"),
    # no qualifier: exact, within half a step, beyond
    (1996, 1996, None, 1, None, "consistent"),
    (900, 921, None, 100, None, "rounded"),
    (900, 950, None, 100, None, "rounded"),  # exactly half a step still rounds
    (900, 951, None, 100, None, "disputed"),
    (550, 572.3, None, 10, None, "disputed"),
    (2, 1.98, None, 1, None, "rounded"),
    # about: a full step either way
    (85, 84, "about", 1, None, "consistent"),
    (85, 86, "roughly", 1, None, "consistent"),
    (85, 50.1, "about", 1, None, "disputed"),
    (3_500_000, 3_470_000, "about", 100_000, None, "consistent"),
    # nearly: up to a step below; just above is rounded
    (4, 3.96, "nearly", 1, None, "consistent"),
    (4, 4.0, "almost", 1, None, "consistent"),
    (4, 4.08, "nearly", 1, None, "rounded"),
    (4, 4.6, "nearly", 1, None, "disputed"),
    (4, 2.5, "nearly", 1, None, "disputed"),
    # less than / up to
    (7, 6.43, "less than", 1, None, "consistent"),
    (7, 7, "less than", 1, None, "rounded"),
    (7, 7, "up to", 1, None, "consistent"),
    (7, 8, "fewer than", 1, None, "disputed"),
    # more than / at least
    (900, 921, "more than", 100, None, "consistent"),
    (900, 880, "over", 100, None, "rounded"),
    (900, 800, "more than", 100, None, "disputed"),
    (24, 24, "at least", 1, None, "consistent"),
    # an explicit tolerance replaces both margins
    (900, 921, None, 100, 10, "disputed"),
    (85, 80, "about", 1, 5, "consistent"),
    (4, 4.08, "nearly", 1, 0.05, "disputed"),
])
def test_verdict_rules(value, ref, qualifier, step, tolerance, verdict):
    got, reason = judge(value, ref, qualifier, step=step, tolerance=tolerance)
    assert got == verdict, reason
    assert reason and got in VERDICTS


def test_reasons_name_the_rule():
    assert "no reference" in judge(1, None)[1]
    assert "'nearly' points the wrong way" in judge(4, 4.08, "nearly", step=1)[1]
    assert "stated tolerance" in judge(900, 905, "less than", step=100, tolerance=10)[1]


@pytest.mark.parametrize("surface, value, kind, step", [
    ("85 percent", 85, None, 1), ("900-kilometer", 900, None, 100), ("550-mile", 550, None, 10),
    ("about 3.5 million", 3_500_000, None, 100_000), ("1,037", 1037, None, 1), ("6.40 weeks", 6.4, None, 0.01),
    ("two decades", 2, None, 1), ("two hundred", 200, None, 100), ("2000", 2000, "date", 1), ("$2.3 billion", 2.3e9, None, 1e8),
    ("10 percent", 10, None, 1), ("2,000 troops", 2000, None, 1000), ("in 2001, 300 died", 300, None, 100), ("-3.2%", -3.2, None, 0.1),
])
def test_precision_step(surface, value, kind, step):
    assert math.isclose(precision_step(surface, value, kind), step)


def test_attribution():
    assert attribution("The Taliban claim to control about 85 percent of Afghanistan.") == "the Taliban"
    assert attribution("Reservoirs stood at 41 percent on Monday, officials said.") == "officials"
    assert attribution("According to Clement Therme, a scholar, Iran is cautious.") == "Clement Therme"
    assert attribution("Unemployment rose to 9%, the Office for National Statistics said.") == "the Office for National Statistics"
    assert attribution("It stated that 5 people died.") is None
    assert attribution("") is None


# --------------------------------------------------------------------------- the table on a case


def test_fixture_case_table(case_dir):
    table = claims_table(load_case(case_dir))
    rows = table.set_index("id")
    assert rows.loc["reservoir-share", "verdict"] == "rounded"  # 41 vs 41.2: within half a step of 1
    assert rows.loc["reservoir-share", "attribution"] == "officials"
    assert rows.loc["reservoir-share", "source"] == "Departamento General de Irrigación"
    assert rows.loc["border-stretch", "verdict"] == "unverifiable"
    assert rows.loc["reservoir-share", "sentence_index"] == 1 and rows.loc["reservoir-share", "found"] == 1
    assert list(unmatched(load_case(case_dir))["surface"]) == ["2010"]  # the fixture has no row for its year


def test_verdicts_on_constructed_claims_rows(make_case):
    """Each verdict from claims.csv rows written for this test, through the whole table."""
    folder = make_case(claims_csv=HEADER + (
        "exact,41 percent,41,percent,measurement,,officials,41,,dgi,,\n"
        "rounds,41 percent,41,percent,measurement,,officials,41.4,,dgi,,\n"
        "off,41 percent,41,percent,measurement,,officials,45,,dgi,,\n"
        "none,41 percent,41,percent,measurement,,officials,,,,,\n"
        'long,"1,500-km",1500,km,measurement,,agency,1549,,dgi,,\n'
        'too-long,"1,500-km",1500,km,measurement,,agency,1551,,dgi,,\n'
        "year,since 2010,2010,year,date,,officials,2010,,dgi,,\n"
        "year-off,since 2010,2010,year,date,,officials,2011,,dgi,,\n"
        "lower,41 percent,41,percent,measurement,less than,officials,40,,dgi,,\n"))
    table = claims_table(load_case(folder))
    assert dict(zip(table["id"], table["verdict"].astype(str))) == {
        "exact": "consistent", "rounds": "rounded", "off": "disputed", "none": "unverifiable",
        "long": "rounded", "too-long": "disputed", "year": "consistent", "year-off": "disputed",
        "lower": "consistent",
    }
    assert unmatched(load_case(folder)).empty  # "since 2010" covers the year now


def test_reference_in_another_unit_is_converted_or_unverifiable(make_case):
    folder = make_case(claims_csv=HEADER + (
        'a,"1,500-km",1500,km,measurement,,agency,930,mi,dgi,,\n'
        "b,41 percent,41,percent,measurement,,officials,12,km,dgi,,\n"))
    rows = claims_table(load_case(folder)).set_index("id")
    assert math.isclose(rows.loc["a", "ref_in_unit"], 930 * 1.609344)
    assert rows.loc["a", "verdict"] == "rounded"  # 1496.7 km rounds to 1,500 (step 100)
    assert rows.loc["b", "verdict"] == "unverifiable"
    assert "cannot be compared" in rows.loc["b", "reason"]


def test_tolerance_column_is_loaded_and_used(make_case):
    folder = make_case(claims_csv=HEADER + "a,41 percent,41,percent,measurement,,officials,41.2,,dgi,0.1,\n")
    assert claims_table(load_case(folder))["verdict"].iloc[0] == "disputed"
    folder = make_case(claims_csv=HEADER + "a,41 percent,41,percent,measurement,,officials,41.2,,dgi,-1,\n")
    with pytest.raises(CaseError, match="tolerance -1.0 is negative"):
        claims_table(load_case(folder))
    folder = make_case(claims_csv=HEADER + "a,41 percent,41,percent,measurement,,officials,41.2,,dgi,a lot,\n")
    with pytest.raises(CaseError, match=r"claims.csv, line 2: tolerance: 'a lot' is not a number"):
        load_case(folder)


def test_loader_accepts_qualifiers_as_written_and_rejects_others(make_case):
    folder = make_case(claims_csv=HEADER + "a,41 percent,41,percent,measurement,roughly,officials,41.2,,dgi,,\n")
    assert claims_table(load_case(folder))["verdict"].iloc[0] == "consistent"
    folder = make_case(claims_csv=HEADER + "a,41 percent,41,percent,measurement,approx,officials,41.2,,dgi,,\n")
    with pytest.raises(CaseError, match="line 2: qualifier: 'approx' is not one of"):
        load_case(folder)


# --------------------------------------------------------------------------- the seed


def test_every_number_the_extractor_finds_in_the_seed_has_a_claims_row():
    case = load_case("iran-taliban-2021")
    missing = unmatched(case)
    assert missing.empty, f"numbers with no row in claims.csv: {list(missing['surface'])}"
    assert (claims_table(case)["found"] >= 1).all(), "a claims row whose surface holds no number the extractor finds"


def test_the_coverage_check_can_fail(tmp_path):
    folder = tmp_path / "iran-taliban-2021"
    shutil.copytree(SEED_CASE, folder)
    lines = (folder / "claims.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("sanctions-year,")]
    assert len(kept) == len(lines) - 1
    (folder / "claims.csv").write_text("".join(kept), encoding="utf-8")
    (folder / "case.toml").write_text((SEED_CASE / "case.toml").read_text(encoding="utf-8").replace(
        "../../seeds/", str(ROOT / "seeds") + "/"), encoding="utf-8")
    assert list(unmatched(load_case(folder))["surface"]) == ["2018"]


def test_seed_verdicts():
    table = claims_table(load_case("iran-taliban-2021"))
    got = dict(zip(table["id"], table["verdict"].astype(str)))
    assert got == {
        "taliban-control-share": "disputed", "taliban-control-districts": "disputed",
        "weeks-to-withdrawal": "consistent", "us-presence-decades": "rounded",
        "border-km": "rounded", "border-mi": "disputed", "taliban-rule-start": "consistent",
        "us-invasion-year": "consistent", "afghans-in-iran": "consistent", "share-of-population": "consistent",
        "share-of-population-cia": "rounded", "sanctions-year": "consistent", "covid-wave": "consistent",
    }
    assert verdict_counts(table) == {"consistent": 7, "rounded": 3, "disputed": 3, "unverifiable": 0}
    rows = table.set_index("id")
    assert rows.loc["afghans-in-iran", "attribution"] == "the organization"  # vague, as the article has it
    assert rows.loc["afghans-in-iran", "speaker"] == "UNHCR"


# --------------------------------------------------------------------------- display and export


def test_style_escapes_html_and_is_deterministic():
    import pandas as pd

    table = pd.DataFrame({"surface": ["<script>alert(1)</script>"], "speaker": ["A & B"], "verdict": ["disputed"],
                          "reason": ['"quoted" <b>']})
    page = style(table).to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page and "A &amp; B" in page
    assert "✗ disputed" in page and "#f8dccb" in page
    assert page == style(table).to_html()


def test_export_csv_refuses_to_overwrite(tmp_path):
    table = claims_table(load_case("iran-taliban-2021"))
    path = tmp_path / "claims.csv"
    assert export_csv(table, path) == path
    first = path.read_text(encoding="utf-8")
    assert first.splitlines()[0].startswith("id,sentence_index,surface,value,unit")
    with pytest.raises(NewslabError, match="already exists"):
        export_csv(table, path)
    path.write_text("changed", encoding="utf-8")
    with pytest.raises(NewslabError):
        export_csv(table, path)
    assert path.read_text(encoding="utf-8") == "changed"
    export_csv(table, path, overwrite=True)
    assert path.read_text(encoding="utf-8") == first
    with pytest.raises(NewslabError, match="does not exist"):
        export_csv(table, tmp_path / "nope" / "claims.csv")
    with pytest.raises(NewslabError, match="is a folder"):
        export_csv(table, tmp_path)


def test_cli_claims(tmp_path, capsys):
    assert main(["claims", "iran-taliban-2021", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "border-mi,5,550-mile" in out and ",disputed," in out
    target = tmp_path / "out.csv"
    assert main(["claims", "iran-taliban-2021", "--output", str(target)]) == 0
    assert "wrote 13 claims" in capsys.readouterr().out
    assert main(["claims", "iran-taliban-2021", "--output", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["claims", "iran-taliban-2021", "--output", str(target), "--force"]) == 0


# --------------------------------------------------------------------------- the notebook on another case


def test_notebook_runs_on_another_case(case_dir, monkeypatch):
    """Every code cell of notebooks/02-numbers.ipynb runs on the test case (with the 02 checks copied)."""
    (case_dir / "checks").mkdir()
    shutil.copy(SEED_CASE / "checks" / "02-numbers.toml", case_dir / "checks" / "02-numbers.toml")
    monkeypatch.setenv("NEWSLAB_CASE", str(case_dir))
    nb = nbformat.read(ROOT / "notebooks" / "02-numbers.ipynb", as_version=4)
    namespace: dict = {}
    try:
        for cell in nb.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, "<02-numbers>", "exec"), namespace)
        assert namespace["case"].id == "andes-water"
        assert len(namespace["table"]) == 2
    finally:
        load_case("iran-taliban-2021")  # leave the default case current for other tests


def test_unmatched_keeps_its_columns_when_the_article_has_no_numbers():
    from types import SimpleNamespace

    import pandas as pd

    from newslab.case.claims import unmatched
    from newslab.core.text import split_article

    text = "Quiet week at the harbour\n\nThe fishing boats stayed in because of the wind.\n"
    case = SimpleNamespace(text=text, document=split_article(text), claims=pd.DataFrame({"surface": pd.Series([], dtype=str)}))
    table = unmatched(case)
    assert table.empty and {"surface", "value", "unit", "sentence_index"} <= set(table.columns)


def test_claims_table_reads_the_sources_table_once_not_once_per_claim(monkeypatch):
    # Issue 19: looking each claim's sources up with Case.source (a filtered DataFrame
    # per id) was a third of the table's time; the table maps ids to publishers once.
    from newslab import case as case_module
    from newslab import claims

    case = load_case("iran-taliban-2021")
    expected = claims.claims_table(case)
    lookups = []
    original = case_module.Case.source

    def counted(self, source_id):
        lookups.append(source_id)
        return original(self, source_id)

    monkeypatch.setattr(case_module.Case, "source", counted)
    table = claims.claims_table(case)
    assert lookups == []
    assert table["source"].tolist() == expected["source"].tolist()
    assert table["found"].tolist() == expected["found"].tolist()
    assert expected["source"].notna().any() and (expected["found"] > 0).any()


def test_the_same_words_for_two_numbers_are_matched_to_their_own_sentences(new_case):
    # A teacher's article through new-case: "two" is written for weighbridges in one sentence and
    # for nights in a later one. Each row must sit in its own sentence, with its own attribution,
    # not both at the first "two" (and the brief's summary must not invent second references).
    folder = new_case(
        "Lorries wait at a new border post\n\n"
        "ARUSHA, Tanzania (Wire) - Hauliers want two more weighbridges at the border post, "
        "the drivers' association said on Monday.\n\n"
        "Officials said 40 lorries crossed each hour last week.\n\n"
        "\"I slept in my cab for two nights,\" said a driver, Juma Hassan.\n", "2024-03-14")
    case = load_case(folder)
    table = claims_table(case)
    twos = table[table["surface"] == "two"]
    assert len(twos) == 2, table[["surface", "unit"]]
    first, second = twos["sentence_index"].tolist()
    assert first < second
    assert "weighbridges" in case.document.sentences[first].text
    assert "nights" in case.document.sentences[second].text
    from newslab.tools.brief import draft_summary

    assert "two references" not in draft_summary(table, case.voices)
