"""Tests for newslab.plots.reading: the timeline and the inverted-pyramid chart."""

from __future__ import annotations

import datetime as dt
import struct

import pandas as pd
import pytest

from newslab import dates, structure
from newslab.notebook.figures import ShownFigure
from newslab.notebook.plots import reading


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


EVENTS = pd.DataFrame({
    "id": ["war", "ceasefire", "talks", "vote"],
    "start": pd.to_datetime(["1990-08-02", "1991-02-28", "2022-03-01", "2022-04-20"]),
    "end": pd.to_datetime(["1991-02-28", None, "2022-03-04", None]),
    "label": ["War", "Ceasefire", "Peace talks", "Referendum"],
})


def test_timeline_has_alt_text_caption_source_and_both_panels():
    text = "Talks resume\n\nDelegates met on Monday, a week after talks began, and meet again next week."
    times = dates.extract(text, dt.date(2022, 3, 9))
    shown = reading.timeline(EVENTS, dt.date(2022, 3, 9), times, source="made-up events")
    assert isinstance(shown, ShownFigure)
    assert shown.source == "made-up events"
    assert shown.caption.startswith("Timeline of 4 dated events, 2 August 1990 to 20 April 2022")
    assert "9 March 2022" in shown.caption and "relative time expressions" in shown.caption
    assert "Two-panel timeline" in shown.alt
    assert "War (1990–1991)" in shown.alt and "Ceasefire (1991)" in shown.alt  # the overview
    assert "Peace talks (1 Mar 2022 to 4 Mar 2022)" in shown.alt  # the close-up
    assert "“on Monday” → 7 Mar 2022" in shown.alt
    assert "“next week” → 14 Mar 2022 – 20 Mar 2022" in shown.alt
    width, height = png_size(shown.png)
    assert width == 900 and height > 400
    assert '<figcaption' in shown._repr_html_()


def test_timeline_without_old_events_has_one_panel_and_escapes_labels():
    events = EVENTS.iloc[2:].assign(label=["<b>Talks</b>", "Vote & count"])
    shown = reading.timeline(events, "2022-03-09")
    assert shown.alt.startswith("Timeline. Close-up")
    assert "&lt;b&gt;Talks&lt;/b&gt;" in shown._repr_html_()


def test_timeline_marks_hedged_expressions_approximate():
    times = dates.extract("H\n\nIt ends less than two weeks before the vote.", dt.date(2022, 4, 10))
    shown = reading.timeline(EVENTS.iloc[3:], dt.date(2022, 4, 10), times)
    assert "“less than two weeks” → ≈ 10 Apr 2022 – 24 Apr 2022" in shown.alt


def test_timeline_without_events_says_so():
    shown = reading.timeline(EVENTS.iloc[0:0], dt.date(2022, 3, 9))
    assert repr(shown).startswith("No timeline:") and "9 March 2022" in repr(shown) and "events.csv" in repr(shown)
    assert shown._repr_html_().startswith('<p role="note">')


def test_zoom_window():
    assert reading.zoom_window(dt.date(2022, 3, 9), 7, 7) == (dt.date(2022, 3, 2), dt.date(2022, 3, 16))


def test_pyramid_from_tags():
    article = ("Storm hits Manila\n\nTyphoon Rai hit Manila on Thursday, killing 12 people, officials said.\n\n"
               "Forecasters fear more damage because the storm is slow.\n\nSchools reopen next week.")
    tags = structure.tag_paragraphs(article, dt.date(2021, 12, 18), places=["Manila"])
    shown = reading.pyramid(tags, {1: "lede", 3: "kicker"}, source="test article")
    assert shown.alt.startswith("Grid of 3 paragraphs")
    # ¶1: Typhoon Rai (who), 12 (what), on Thursday (when), Manila (where)
    assert "¶1 (lede) 4, ¶2 2, ¶3 (kicker) 1" in shown.alt
    assert "Paragraph 1 holds 57% of all items" in shown.alt
    assert "inverted pyramid" in shown.caption
    assert png_size(shown.png)[0] == 800


def test_pyramid_caption_follows_the_numbers():
    flat = pd.DataFrame({"paragraph": [1, 2, 3, 4], "who": [0, 0, 2, 2], "what": [1, 0, 1, 1],
                         "when": [0, 0, 0, 1], "where": [0, 0, 1, 0], "why": [0, 1, 0, 1]})
    flat["total"] = flat[list(structure.WS)].sum(axis=1)
    shown = reading.pyramid(flat)
    assert "not the top-heavy shape" in shown.caption
    assert "Paragraphs 1 to 2 hold 18% of all items" in shown.alt


def test_pyramid_needs_rows():
    with pytest.raises(ValueError):
        reading.pyramid(pd.DataFrame(columns=["paragraph", *structure.WS, "total"]))


def test_pyramid_draws_one_scatter_per_column(monkeypatch):
    # 35 scatters on the seed (one per dot) were most of the chart's drawing time; a column
    # is a series: one scatter, its dots sized by count.
    from matplotlib.collections import PathCollection

    from newslab import load_case

    case = load_case("iran-taliban-2021")
    tags = structure.tag_paragraphs(case)
    seen = {}
    real = reading.show_figure

    def spy(fig, **kwargs):
        seen["scatters"] = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
        seen["numbers"] = [t.get_text() for t in fig.axes[0].texts]
        return real(fig, **kwargs)

    monkeypatch.setattr(reading, "show_figure", spy)
    reading.pyramid(tags)
    columns = [w for w in structure.WS if (tags[w] > 0).any()]
    assert len(seen["scatters"]) == len(columns)
    for w, scatter in zip(columns, seen["scatters"]):
        assert [round(y) for _, y in scatter.get_offsets().tolist()] == [y for y, c in enumerate(tags[w]) if c]
    assert len(seen["numbers"]) == int((tags[list(structure.WS)] > 0).to_numpy().sum())


def test_the_date_axes_work_their_ticks_out_once_and_draw_the_same_ones(monkeypatch):
    # The date locator and formatter ran at every pass of the layout and at the draw (26 times for
    # the two panels); the limits are fixed, so each panel's ticks are worked out once and kept.
    import matplotlib.dates as mdates

    def shown():
        return reading.timeline(EVENTS, dt.date(2022, 4, 21), source="made-up events").png

    calls = []
    original = mdates.AutoDateLocator.__call__
    monkeypatch.setattr(mdates.AutoDateLocator, "__call__", lambda self: (calls.append(self), original(self))[1])
    fixed = shown()
    assert len(calls) == 2  # one per panel
    monkeypatch.setattr(reading, "_fix_ticks", lambda axis: None)  # as matplotlib works them out
    assert shown() == fixed and len(calls) > 10
