"""newslab.brief: the student's fact-check brief, escaped, and never written over their work."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab import NewslabError, load_case
from newslab.tools.brief import (MANIFEST, NOT_WRITTEN, Brief, compare_voices, make_brief, second_case, work_folder,
                           write_brief)
from newslab.notebook.figures import ShownFigure

ROOT = Path(__file__).resolve().parents[1]
ATTACK = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def irish():
    return load_case("irish-border-2023")


@pytest.fixture(scope="module")
def seed():
    return load_case("iran-taliban-2021")


def fake_map(alt="A map of two countries and the border they share.") -> ShownFigure:
    return ShownFigure(png=b"\x89PNG fake bytes", alt=alt, caption="The border <b>as drawn</b>.", source="test")


def test_brief_holds_claims_with_verdicts_map_and_voices(irish):
    brief = make_brief(irish, summary="Most figures hold.", map=fake_map(), missing_voices="Unionists.")
    md = brief.markdown()
    assert md.startswith("# Fact-check brief: Green lanes at the ports")
    assert "Newry, 4 October 2023" in md
    claim_rows = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith(("| claim |", "| speaker |"))]
    assert len(claim_rows) == len(irish.claims) + len(irish.voices)
    assert "| about 300 roads | the Cross-Border Traders' Network | 208 crossings | disputed |" in md
    assert "| 1998 | the article | 1998 | consistent |" in md, "a calendar year prints as a year, not as '1998 year'"
    assert "| more than seven years ago | the article | 7.28 years |" in md, "durations take the plural"
    assert f"## Voices ({len(irish.voices)}:" in md and "![A map of two countries" in md
    assert "**Who is missing:** Unionists." in md
    page = brief.html("map.png")
    assert page.startswith("<!DOCTYPE html>") and '<img src="map.png" alt="A map of two countries' in page
    assert "&lt;b&gt;as drawn&lt;/b&gt;" in page and "<b>as drawn</b>" not in page


def test_everything_from_the_case_or_the_student_is_escaped(irish, tmp_path):
    case_dir = tmp_path / "script-case"
    shutil.copytree(ROOT / "cases" / "irish-border-2023", case_dir)
    toml = (case_dir / "case.toml").read_text(encoding="utf-8").replace('"irish-border-2023"', '"script-case"')
    (case_dir / "case.toml").write_text(toml, encoding="utf-8")
    text = (case_dir / "article.txt").read_text(encoding="utf-8")
    headline, rest = text.split("\n", 1)
    (case_dir / "article.txt").write_text(f"{headline} {ATTACK}\n{rest}", encoding="utf-8")
    case = load_case(case_dir)
    claims = case.claims.copy()
    claims.loc[0, "speaker"] = f"a | pipe and {ATTACK}"
    brief = make_brief(case, summary=f"*Bold* claim {ATTACK} | [x](javascript:alert(1))", claims=claims,
                       map=fake_map(alt=f"Alt {ATTACK} with quotes \" and more words"), missing_voices=ATTACK)
    md, page, inline = brief.markdown(), brief.html(), brief._repr_html_()
    for out in (md, page, inline):
        assert ATTACK not in out
    assert "&lt;script&gt;" in md and "\\*Bold\\*" in md and "\\[x\\](javascript" in md
    assert "a \\| pipe" in md, "a pipe inside a cell must not split the Markdown table"
    assert 'alt="Alt &lt;script&gt;alert(1)&lt;/script&gt; with quotes &quot;' in page
    assert "[x](javascript:alert(1))" not in md


def test_unwritten_parts_show_as_not_written(irish):
    brief = make_brief(irish, summary=..., missing_voices=None, map=None)
    assert brief.markdown().count(NOT_WRITTEN) == 2
    assert "No map" in brief.markdown() and "No map" in brief.html()
    assert "not written yet" in repr(brief)


def test_write_brief_writes_and_rewrites_its_own_files(irish, tmp_path):
    brief = make_brief(irish, summary="First.", map=fake_map())
    folder = tmp_path / "work"
    written = write_brief(brief, folder)
    assert [p.name for p in written] == ["brief.md", "brief.html", "map.png"]
    assert (folder / "map.png").read_bytes() == b"\x89PNG fake bytes"
    assert (folder / MANIFEST).is_file()
    stamp = (folder / "brief.md").stat().st_mtime_ns
    write_brief(brief, folder)  # the same brief again: nothing to do
    assert (folder / "brief.md").stat().st_mtime_ns == stamp
    brief.summary = "Second thoughts."
    write_brief(brief, folder)  # its own unchanged output may be replaced
    assert "Second thoughts." in (folder / "brief.md").read_text(encoding="utf-8")
    brief.map = None
    write_brief(brief, folder)
    assert not (folder / "map.png").exists(), "a map written for an earlier version is removed"


def test_write_brief_never_overwrites_student_edits_without_the_flag(irish, tmp_path):
    brief = make_brief(irish, summary="Draft.", map=None)
    folder = tmp_path / "work"
    write_brief(brief, folder)
    (folder / "brief.md").write_text("My own edits, hours of work.", encoding="utf-8")
    brief.summary = "Regenerated."
    with pytest.raises(NewslabError, match="refusing to overwrite.*brief.md"):
        write_brief(brief, folder)
    assert (folder / "brief.md").read_text(encoding="utf-8") == "My own edits, hours of work."
    write_brief(brief, folder, overwrite=True)
    assert "Regenerated." in (folder / "brief.md").read_text(encoding="utf-8")
    # A file newslab did not write is protected too.
    other = tmp_path / "other"
    other.mkdir()
    (other / "brief.html").write_text("someone else's page", encoding="utf-8")
    with pytest.raises(NewslabError, match="brief.html"):
        write_brief(brief, other)
    assert not (other / "brief.md").exists(), "nothing is written when the brief is refused"


def test_write_brief_bad_folder(irish, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(NewslabError, match="is a file"):
        write_brief(make_brief(irish, summary="x", map=None), blocker)


def test_work_folder_default_and_override(irish, monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLAB_WORK", raising=False)
    monkeypatch.setenv("NEWSLAB_STUDENT", "zoe")
    assert work_folder(irish) == ROOT / "work" / "zoe" / "briefs" / "irish-border-2023"
    assert work_folder(irish, "ana-r") == ROOT / "work" / "ana-r" / "briefs" / "irish-border-2023"
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    assert work_folder(irish) == tmp_path / "zoe" / "briefs" / "irish-border-2023"
    written = write_brief(make_brief(irish, summary="x", map=None))
    assert written[0] == tmp_path / "zoe" / "briefs" / "irish-border-2023" / "brief.md"
    monkeypatch.setenv("NEWSLAB_WORK", str(ROOT / "notebooks" / "work"))
    with pytest.raises(NewslabError, match="may not go inside"):
        work_folder(irish)


def test_second_case(irish, seed, monkeypatch):
    monkeypatch.delenv("NEWSLAB_SECOND_CASE", raising=False)
    assert second_case(seed) == "irish-border-2023"
    assert second_case(irish) == "iran-taliban-2021"
    monkeypatch.setenv("NEWSLAB_SECOND_CASE", "my-case")
    assert second_case(seed) == "my-case"


def test_compare_voices_finds_where_the_extractor_disagrees(irish, seed):
    compared = compare_voices(irish)
    assert list(compared.columns) == ["sentence", "in the table", "found", "agree"]
    assert len(compared) == len(irish.voices)
    sunak = compared[compared["sentence"] == 6].iloc[0]
    assert sunak["agree"], "'Mr Sunak' names the same speaker as 'Rishi Sunak'"
    assert compared["agree"].dtype == bool and 0 < compared["agree"].sum() < len(compared)


def test_lesson_05_self_checks_on_both_cases(irish, seed):
    for case, checkable, share in ((seed, 13, 45.5), (irish, 13, 53.8)):
        assert newslab.check("05-checkable", checkable, case=case).correct
        assert newslab.check("05-quote-share", share, case=case).correct
        assert not newslab.check("05-quote-share", share / 100, case=case).correct
        assert newslab.check("05-second-weekday", case.dateline_date.strftime("%A"), case=case).correct
        found = len(newslab.numbers.extract(case.text))
        assert newslab.check("05-second-numbers", found, case=case).correct


def test_a_brief_of_a_case_without_a_border_has_no_map(irish):
    from newslab.tools.brief import case_map

    class NoBorder:
        id, meta = "no-border", {"map": {}}

    assert case_map(NoBorder()) is None
    shown = case_map(irish)
    assert shown is not None and "border" in shown.alt and shown.png.startswith(b"\x89PNG")


def test_brief_repr_counts_verdicts(irish):
    brief = Brief(case=irish, summary="x", claims=pd.DataFrame({"surface": ["1"], "speaker": ["a"], "value": [1.0],
                                                                  "unit": ["x"], "verdict": ["disputed"]}),
                  voices=irish.voices)
    assert repr(brief).startswith("Brief of 'irish-border-2023': 1 claims (1 disputed)")
