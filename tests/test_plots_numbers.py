"""Lesson 02's charts: every bar names its source, captions and alt text say what is shown."""

from __future__ import annotations

import pandas as pd
import pytest

import newslab.notebook.plots.numbers as charts
from newslab import load_case
from newslab.case.claims import claims_table
from newslab.notebook.figures import PALETTE, ShownFigure


@pytest.fixture(scope="module")
def seed_table():
    return claims_table(load_case("iran-taliban-2021"))


@pytest.fixture
def drawn(monkeypatch):
    """Capture the texts, colours and labels of a figure before show_figure renders and clears it."""
    seen = {}
    real = charts.show_figure

    def spy(fig, **kwargs):
        ax = fig.axes[0]
        seen["texts"] = [t.get_text() for t in ax.texts]
        seen["bar_colours"] = [tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches]
        seen["xlabel"] = ax.get_xlabel()
        seen["yticks"] = [t.get_text() for t in ax.get_yticklabels()]
        seen["source"] = kwargs.get("source")
        return real(fig, **kwargs)

    monkeypatch.setattr(charts, "show_figure", spy)
    return seen


def test_one_number_three_sources_names_the_source_on_every_bar(seed_table, drawn):
    shown = charts.one_number(seed_table)
    assert isinstance(shown, ShownFigure) and shown.png.startswith(b"\x89PNG")
    assert drawn["texts"] == [
        "85 percent — stated by the Taliban",
        "53.2 percent — FDD's Long War Journal; RedState (Hollie McKay; a report of the map)",
        # the claimant's own district count is labelled as the claimant's, not as a news agency's reference
        "62.8 percent — the Taliban delegation in Moscow, as reported by AFP and Interfax",
    ]
    assert drawn["xlabel"] == "percent"
    assert len(set(drawn["bar_colours"])) == 3  # three different colours (and hatches)
    assert "FDD's Long War Journal" in shown.source and "the Taliban delegation" in shown.source
    assert "iran-taliban-2021" in shown.source
    assert "beside 2 reference values" in shown.caption
    assert "53.2" in shown.alt and "62.8" in shown.alt and "85" in shown.alt


def test_one_number_picks_the_number_with_most_references(seed_table):
    assert charts.pick_surface(seed_table) == "about 85 percent"
    shown = charts.one_number(seed_table, "nearly 4%")
    assert "World Bank" in shown.alt and "Central Intelligence Agency" in shown.alt


def test_one_number_without_references_and_bad_input(drawn):
    table = pd.DataFrame({"surface": ["41 percent"], "value": [41.0], "unit": ["percent"], "speaker": ["officials"],
                          "ref_in_unit": [None], "source": [None], "verdict": ["unverifiable"]})
    shown = charts.one_number(table, "41 percent")
    assert drawn["texts"] == ["41 percent — stated by officials"]
    assert "no reference value" in shown.caption
    with pytest.raises(ValueError, match="no row whose surface"):
        charts.one_number(table, "99 km")
    with pytest.raises(ValueError, match="empty"):
        charts.one_number(table.iloc[0:0], "41 percent")


def test_one_number_says_plainly_when_no_claim_has_a_reference_yet():
    # What `newslab new-case` writes: ref_value empty everywhere, read back as pandas' NA.
    table = pd.DataFrame({"surface": ["38 percent", "120 million dollars"], "value": [38.0, 120e6],
                          "unit": ["percent", "USD"], "speaker": ["the article"] * 2,
                          "ref_in_unit": pd.array([pd.NA, pd.NA], dtype="Float64"),
                          "source": pd.array([pd.NA, pd.NA], dtype="string"), "verdict": ["unverifiable"] * 2})
    table.attrs["case"] = "andes-water"
    message = charts.one_number(table)
    assert not isinstance(message, ShownFigure)
    assert "case andes-water" in repr(message) and "reference value" in repr(message) and "claims.csv" in repr(message)
    assert message._repr_html_().startswith("<p role=\"note\">")
    empty = charts.one_number(table.iloc[0:0])
    assert "no claims yet" in repr(empty)
    shown = charts.one_number(table, "38 percent")  # one number asked for by name is still drawn alone
    assert "cannot be checked" in shown.caption


def test_verdicts_chart(seed_table, drawn):
    shown = charts.verdicts(seed_table)
    shown_rows = seed_table[seed_table["difference_percent"].notna()]
    assert len(drawn["yticks"]) == len(shown_rows) == 10
    # the source is written beside every point
    assert [t.replace("\n", " ") for t in drawn["texts"]] == [str(s) for s in shown_rows["source"]]
    assert "4 consistent, 3 rounded, 3 disputed" in shown.caption
    assert "3 numbers with no comparable reference are not shown" in shown.caption
    assert "550-mile is -3.9 %" in shown.alt
    assert shown.source.startswith("claims table of case iran-taliban-2021; references:")


def test_verdict_styles_are_distinct_and_colour_blind_safe():
    colours = [c for c, _ in charts.VERDICT_STYLE.values()]
    markers = [m for _, m in charts.VERDICT_STYLE.values()]
    assert len(set(colours)) == len(set(markers)) == 4
    assert all(c in PALETTE or c == "#777777" for c in colours)


def test_verdicts_chart_with_nothing_to_compare():
    table = pd.DataFrame({"id": ["a"], "surface": ["one"], "value": [1.0], "unit": [""], "difference_percent": [None],
                          "source": [None], "verdict": ["unverifiable"]})
    # An axis from 0 to 1 with no dot, captioned "How far 0 stated numbers are ...", read as a broken
    # chart on a teacher's new case: say in words why there is none and what to add.
    shown = charts.verdicts(table, case_id="demo")
    assert not hasattr(shown, "png")
    assert str(shown).startswith("No chart: none of the 1 claims of case demo has a reference")
    assert "ref_value" in str(shown)


def test_verdicts_draws_one_scatter_per_verdict_with_every_point(seed_table, monkeypatch):
    # One scatter per dot (a collection each, laid out and drawn one by one) made the chart slow;
    # one per verdict draws the same points, in the verdict's colour and shape, with one legend entry.
    from matplotlib.collections import PathCollection

    seen = {}
    real = charts.show_figure

    def spy(fig, **kwargs):
        ax = fig.axes[0]
        seen["scatters"] = [c for c in ax.collections if isinstance(c, PathCollection)]
        seen["points"] = sorted(tuple(xy) for c in seen["scatters"] for xy in c.get_offsets().tolist())
        seen["legend"] = [t.get_text() for t in fig.legends[0].get_texts()]
        return real(fig, **kwargs)

    monkeypatch.setattr(charts, "show_figure", spy)
    charts.verdicts(seed_table)
    shown = seed_table[seed_table["difference_percent"].notna()]
    verdicts = list(dict.fromkeys(shown["verdict"].astype(str)))
    assert len(seen["scatters"]) == len(verdicts)
    assert seen["legend"] == verdicts
    expected = sorted((float(d), float(y)) for d, y in zip(shown["difference_percent"], range(len(shown))[::-1]))
    assert seen["points"] == expected
