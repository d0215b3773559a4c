"""Tests for newslab.structure (byline, dateline, lede, nut graph, kicker, 5W tags),
the quote finder as lesson 01 uses it, and notebook 01 on a case that is not the seed.

The articles here are written for these tests; none is the seed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newslab import structure as S
from newslab.case.checks import DERIVATIONS
from newslab.core.quotes import find_quotes
from newslab.core.text import split_article

ROOT = Path(__file__).resolve().parents[1]

WIRE = """\
Floods cut off towns in Assam as rivers rise

By Priya Das
Reuters

GUWAHATI, India, June 20 (Reuters) — Floods cut off more than 1,200 villages in Assam on Monday, officials said.

Authorities fear a second wave because more rain is forecast for the Brahmaputra valley.

“We have lost our fields. We have lost our homes,” said Mr. Anil Bora, 61, in Morigaon.

The state government said it had opened 400 relief camps.

Reporting by Priya Das; Editing by John Smith
"""

LOCAL = """\
Council approves new bus lanes

The city council voted 7-2 on Tuesday to add bus lanes on Main Street.

Cyclists say the plan leaves them out.

“It is a start,” said councillor Ruth Adeyemi.
"""


def test_byline_dateline_lede_kicker_in_wire_copy():
    doc = split_article(WIRE)
    assert S.find_byline(doc).text == "By Priya Das Reuters"
    assert S.find_dateline(doc) == ("GUWAHATI, India, June 20 (Reuters) —", 2)
    assert S.lede(doc).index == 2
    assert S.kicker(doc).index == 5  # the credit line (¶6) is not the kicker
    assert [p.index for p in S.nut_graph_candidates(doc)] == [3]


def test_local_story_has_no_byline_or_dateline():
    doc = split_article(LOCAL)
    assert S.find_byline(doc) is None and S.find_dateline(doc) is None
    assert (S.lede(doc).index, S.kicker(doc).index) == (1, 3)
    assert S.nut_graph_candidates(doc) == []


@pytest.mark.parametrize(
    "first, expected",
    [
        ("TEHRAN (AFP) - Iran said on Sunday ...", "TEHRAN (AFP) -"),
        ("NEW YORK — Stocks fell ...", "NEW YORK —"),
        ("ST. LOUIS (AP) — A storm ...", "ST. LOUIS (AP) —"),
        ("LAGOS, Nigeria: Fuel prices ...", "LAGOS, Nigeria:"),
        ("The UN said TEHRAN - was calm.", None),
        ("US officials said ...", None),
        ("By the end of the year, rates fell.", None),
    ],
)
def test_find_dateline(first, expected):
    found = S.find_dateline("Headline\n\n" + first)
    assert (found[0] if found else None) == expected


def test_byline_needs_a_short_name_line():
    assert S.find_byline("H\n\nBy Ana Ruiz and Tom Lee\n\nText.").index == 1
    assert S.find_byline("H\n\nBy Monday, the river had risen three metres in the valley.") is None
    assert S.find_byline("H\n\nText.\n\nMore.\n\nBy Ana Ruiz") is None  # only near the top


def test_empty_and_headline_only():
    for article in ("", "Only a headline"):
        assert S.lede(article) is None and S.kicker(article) is None and S.nut_graph_candidates(article) == []


def test_tag_paragraphs_counts_new_items_only():
    tags = S.tag_paragraphs(WIRE, dt.date(2022, 6, 20), places=["Assam", "Morigaon", "Brahmaputra"],
                            names=["Anil Bora"])
    assert tags["paragraph"].tolist() == [1, 2, 3, 4, 5, 6]
    row = tags.set_index("paragraph")
    assert row.loc[2, "where_items"] == "Assam"
    assert row.loc[2, "when_items"] == "June 20; on Monday"  # the dateline's date counts too
    assert row.loc[2, "what_items"] == "1,200"
    assert row.loc[3, "why_items"] == "fear; because"
    assert row.loc[3, "where_items"] == "Brahmaputra"
    assert "Anil Bora" in row.loc[4, "who_items"] and row.loc[4, "where_items"] == "Morigaon"
    assert row.loc[4, "what"] == 2  # 61 and the quotation spanning two sentences
    assert row.loc[5, "what_items"] == "400"
    assert (tags["total"] == tags[list(S.WS)].sum(axis=1)).all()


def test_tag_paragraphs_skips_sentence_openers_and_adjectives():
    tags = S.tag_paragraphs("H\n\nOfficials in Kabul said Afghan traders and the Taliban met. The Taliban left.",
                            places=["Kabul"])
    assert tags.loc[0, "who_items"] == "Taliban"
    assert tags.loc[0, "when"] == 0  # no dateline, no time expressions


def test_tag_paragraphs_on_a_case_uses_its_tables(case_dir):
    from newslab import load_case

    case = load_case(case_dir)
    tags = S.tag_paragraphs(case)
    row = tags.set_index("paragraph")
    assert row.loc[1, "where_items"].casefold() == "mendoza"  # "MENDOZA" (an alias) and "Mendoza" count once
    assert row.loc[1, "when_items"] == "on Monday; since 2010"
    assert "Laura Gómez" in row.loc[2, "who_items"]


def test_quote_finder_links_quotes_to_paragraphs_and_sentences():
    doc = split_article(WIRE)
    quotes = find_quotes(doc)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "We have lost our fields. We have lost our homes,"
    assert (q.paragraph, q.sentence_index, q.last_sentence_index) == (4, 4, 5)
    straight = find_quotes('Head\r\n\r\nShe said "no. Never." Then: "Fine," he said.')
    assert [(x.text, x.paragraph) for x in straight] == [("no. Never.", 1), ("Fine,", 1)]


def test_derivations_on_the_fixture_case(case_dir):
    from newslab import load_case

    case = load_case(case_dir)
    assert DERIVATIONS["lede_paragraph"](case) == 1
    assert DERIVATIONS["kicker_paragraph"](case) == 3
    assert DERIVATIONS["quoted_speaker_count"](case) == 1
    assert DERIVATIONS["missing_dateline_byline"](case) == "the byline"  # "MENDOZA, Argentina —" is a dateline
    assert S.missing_parts(case) in S.MISSING_CHOICES


def test_seed_case_answers():
    from newslab import load_case

    case = load_case("iran-taliban-2021")
    assert (S.lede_index(case), S.kicker_index(case)) == (1, len(case.document.body))
    assert S.missing_parts(case) == S.MISSING_CHOICES[2]


def test_notebook_01_runs_on_another_case(tmp_path):
    """Run All on the fixture case (with lesson 01's self-checks copied in) ends without an error."""
    nbformat = pytest.importorskip("nbformat")
    from nbconvert.preprocessors import ExecutePreprocessor

    from conftest import write_case

    cases = tmp_path / "cases"
    folder = write_case(cases / "andes-water")
    (folder / "checks").mkdir()
    shutil.copy(ROOT / "cases" / "iran-taliban-2021" / "checks" / "01-reading.toml", folder / "checks")
    nb = nbformat.read(ROOT / "notebooks" / "01-reading.ipynb", as_version=4)
    env = {"NEWSLAB_CASE": "andes-water", "NEWSLAB_CASES": str(cases)}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    text = "\n".join(str(o.get("data", {}).get("text/plain", o.get("text", "")))
                     for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Andes towns brace" in text
    assert "error" not in {o.output_type for c in nb.cells if c.cell_type == "code" for o in c.outputs}
