"""Cost of showing a figure (newslab.figures): each text is rasterized once, wrapping measures little."""

from __future__ import annotations

import pytest

from newslab import figures

pytest.importorskip("matplotlib")


def _drawn_texts(monkeypatch):
    """Record every string RendererAgg rasterizes."""
    from matplotlib.backends.backend_agg import RendererAgg

    drawn: list[str] = []
    original = RendererAgg.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        drawn.append(s)
        return original(self, gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    monkeypatch.setattr(RendererAgg, "draw_text", draw_text)
    return drawn


def _count_draws(monkeypatch):
    """Count Figure.draw calls (a draw with rendering switched off counts too: it walks every artist)."""
    from matplotlib.figure import Figure

    calls = []
    original = Figure.draw

    def draw(self, renderer):
        calls.append(self)
        return original(self, renderer)

    monkeypatch.setattr(Figure, "draw", draw)
    return calls


def test_show_figure_with_a_source_draws_the_figure_once_and_rasterizes_each_text_once(monkeypatch):
    # credit() needs the layout (where the lowest label ends), not pixels: laying the
    # figure out by drawing it into the Agg buffer rasterized every glyph twice. Then it
    # drew the figure without pixels to lay it out, and savefig drew it twice more (once
    # with drawing off, to run the layout engine; once for the pixels).
    drawn = _drawn_texts(monkeypatch)
    draws = _count_draws(monkeypatch)
    fig = figures.new_figure(4, 2)
    ax = fig.subplots()
    ax.bar(["a", "b"], [1, 2], color=figures.PALETTE[:2])
    ax.set_xlabel("group of things")
    ax.set_ylabel("count")
    shown = figures.show_figure(fig, alt="Two bars.", caption="Counts.", source="made-up numbers")
    assert shown.png.startswith(b"\x89PNG")
    assert drawn.count("group of things") == 1
    assert drawn.count("count") == 1
    assert sum(s.startswith("Source: made-up numbers") for s in drawn) == 1
    assert len(draws) == 1


def _one_by_one(words, fits):
    """The greedy wrap as it was: every word tried in turn (one measurement per word)."""
    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and not fits(candidate):
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def _texts():
    import random

    rng = random.Random(19)
    vocabulary = ["Natural", "Earth", "4.1.0", "(public", "domain);", "GSHHG", "2.3.6", "$5m", "to", "$6m", "",
                  "case", "iran-taliban-2021:", "events.csv", "and", "its", "sources.csv", "a", "W", "—",
                  "newslab.dates", "supercalifragilisticexpialidocious-and-then-some-more-letters"]
    yield "case iran-taliban-2021: article text, places.csv and voices.csv; rules in newslab.structure"
    yield " leading and  double  spaces, trailing "
    yield ""
    for _ in range(60):
        yield " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 40)))


# (room in points, most measurements allowed as a share of trying every word): a figure's
# source line has 500 to 650 points of room, where most texts take one measurement.
@pytest.mark.parametrize(("room_pt", "share"), [(20.0, 1.3), (150.0, 0.7), (400.0, 0.35), (600.0, 0.25)])
def test_wrapping_gives_the_lines_of_trying_every_word_with_fewer_measurements(room_pt, share):
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure, prop = TextToPath(), FontProperties(size=9)
    calls = {"new": 0, "old": 0}

    def width(line):
        calls["new"] += 1
        return measure.get_text_width_height_descent(line, prop, ismath=False)[0]

    def fits(line):
        calls["old"] += 1
        return measure.get_text_width_height_descent(line, prop, ismath=False)[0] <= room_pt

    for text in _texts():
        words = text.split(" ")
        assert figures._greedy_lines(words, width, room_pt) == _one_by_one(words, fits), text
    assert calls["new"] <= share * calls["old"], calls


def test_wrapping_matches_trying_every_word_for_any_monotone_width():
    import random

    rng = random.Random(7)
    for _ in range(2000):
        words = ["x" * rng.choice([0, 1, 2, 3, 5, 8, 13]) for _ in range(rng.randint(1, 30))]
        room = rng.choice([0, 1, 4, 10, 25, 60, 200])
        weight = rng.choice([1.0, 0.5, 2.7])

        def width(line):  # wide letters, narrow spaces: the average per character misleads
            return weight * line.count("x") + 0.2 * line.count(" ")

        assert figures._greedy_lines(words, width, room) == _one_by_one(words, lambda s: width(s) <= room), words


def test_a_short_source_line_is_measured_once(monkeypatch):
    from matplotlib.textpath import TextToPath

    calls = []
    original = TextToPath.get_text_width_height_descent

    def counted(self, s, prop, ismath):
        calls.append(s)
        return original(self, s, prop, ismath)

    monkeypatch.setattr(TextToPath, "get_text_width_height_descent", counted)
    fig = figures.new_figure(7, 3)
    fig.subplots().set_xlabel("x")
    figures.credit(fig, "case iran-taliban-2021: events.csv and its sources.csv")
    assert calls == ["Source: case iran-taliban-2021: events.csv and its sources.csv"]


def _png_size(png: bytes) -> tuple[int, int]:
    import struct

    return struct.unpack(">II", png[16:24])


def test_the_source_line_gets_its_own_strip_and_the_chart_keeps_its_size():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    def chart(source):
        fig = figures.new_figure(5, 3)
        ax = fig.subplots()
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_xlabel("a label that hangs below the axes")
        if source:
            line = figures.credit(fig, source)
        FigureCanvasAgg(fig).draw()
        renderer = fig.canvas.get_renderer()
        return fig, ax, renderer, (line if source else None)

    plain, plain_ax, _, _ = chart(None)
    source = ("a source long enough to wrap onto a second line when the figure is only five inches wide, "
              "so that the strip is two lines high")
    fig, ax, renderer, line = chart(source)
    assert line.get_text().count("\n") == 1
    # the line sits under everything the axes draw, inside the figure
    axes_box = ax.get_tightbbox(renderer)
    line_box = line.get_window_extent(renderer)
    assert 0 <= line_box.y0 and line_box.y1 <= axes_box.y0
    # the figure grew by the strip: the chart keeps (within a pixel or two) the height it had
    assert fig.get_figheight() > plain.get_figheight()
    assert abs(ax.bbox.height - plain_ax.bbox.height) < 3
    # the same source again changes nothing; another replaces it
    height = fig.get_figheight()
    assert figures.credit(fig, source) is line
    assert fig.get_figheight() == height
    figures.credit(fig, "short")
    assert line.get_text() == "Source: short" and fig.get_figheight() < height


def test_a_figure_legend_under_the_chart_is_refused_with_a_source():
    fig = figures.new_figure(4, 2)
    ax = fig.subplots()
    ax.plot([1, 2], [1, 2], label="a")
    fig.legend(loc="outside lower center")
    with pytest.raises(ValueError, match="outside lower"):
        figures.credit(fig, "made-up numbers")


def test_the_png_is_drawn_at_screen_resolution():
    fig = figures.new_figure(4, 2)
    fig.set_dpi(300)  # asked for print resolution: shown at 100 dpi all the same
    fig.subplots().plot([1, 2], [1, 2])
    shown = figures.show_figure(fig, alt="A line.", caption="A line.")
    assert _png_size(shown.png) == (400, 200)


def test_a_shown_figure_hands_freed_memory_back(monkeypatch):
    # Each chart's Agg canvas and PNG copies are freed after drawing; malloc_trim(0) returns that heap
    # to the system, so a lesson's kernel does not keep the peak of every chart it drew.
    from newslab.notebook import figures as F

    calls = []
    monkeypatch.setattr(F, "_malloc_trim", lambda: (lambda pad: calls.append(pad)))
    fig = F.new_figure(3, 2)
    ax = fig.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_xlabel("x")
    F.show_figure(fig, alt="A line.", caption="A line.")
    assert calls == [0]
    monkeypatch.setattr(F, "_malloc_trim", lambda: None)  # no glibc (macOS, Windows): nothing to call
    assert F._give_back_memory() is False


def _bars(figures_module):
    fig = figures_module.new_figure(4, 2)
    ax = fig.subplots()
    ax.bar(["a", "b"], [1, 2], color=figures_module.PALETTE[:2])
    ax.set_xlabel("group")
    ax.set_ylabel("count")
    return fig


def test_showing_a_figure_runs_the_tick_locators_only_as_drawing_it_does(monkeypatch):
    # Switching math text off walked the figure with findobj, which asks each axis for its ticks:
    # the locators ran and the tick artists were made once more than the draw needs.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.ticker import MaxNLocator

    calls = []
    original = MaxNLocator.__call__

    def locate(self):
        calls.append(self)
        return original(self)

    monkeypatch.setattr(MaxNLocator, "__call__", locate)
    FigureCanvasAgg(_bars(figures)).draw()
    drawing = len(calls)
    calls.clear()
    figures.show_figure(_bars(figures), alt="Two bars.", caption="Counts.")
    assert drawing and len(calls) == drawing


def test_the_png_has_matplotlibs_pixels_at_a_cheaper_compression():
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    import matplotlib

    reference = io.BytesIO()
    with matplotlib.rc_context(figures.CHART_RC):
        FigureCanvasAgg(_bars(figures)).print_png(reference)  # Pillow's default level, 6
    shown = figures.show_figure(_bars(figures), alt="Two bars.", caption="Counts.")

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))

    assert np.array_equal(pixels(shown.png), pixels(reference.getvalue()))
    # a little larger on a chart this small (14 %); on the lessons' 24 charts, 0.7 % in all
    assert len(shown.png) <= 1.25 * len(reference.getvalue())
    assert figures.PNG_COMPRESS_LEVEL < 6


def test_every_lesson_chart_measures_its_text_with_the_settings_it_draws_it_with(monkeypatch):
    # Text is drawn unhinted (FreeType's hinting was most of the cost of laying text out, at every
    # measurement and every draw); a chart that measured a label with hinting and drew it without
    # would place it by the wrong width, so every measurement and every draw must agree.
    import datetime

    import matplotlib
    import pandas as pd
    from matplotlib.backends.backend_agg import RendererAgg

    from newslab.notebook.plots import border, reading

    before = matplotlib.rcParams["text.hinting"]
    seen = []
    for name in ("get_text_width_height_descent", "draw_text"):
        original = getattr(RendererAgg, name)

        def spy(self, *args, _original=original, **kwargs):
            seen.append(matplotlib.rcParams["text.hinting"])
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(RendererAgg, name, spy)
    events = pd.DataFrame({"id": ["a"], "start": pd.to_datetime(["2021-07-10"]), "end": pd.to_datetime([None]),
                           "label": ["Vote"]})
    reading.timeline(events, datetime.date(2021, 7, 17), source="made-up events")
    from newslab import geo, load_case

    border.coastline_chart(geo.border_lengths("IRN-AFG"), geo.reference_lengths(load_case("iran-taliban-2021")))
    assert seen and set(seen) == {"none"}
    assert matplotlib.rcParams["text.hinting"] == before  # a student's own plots keep their settings


def test_a_chart_reads_each_fonts_line_metrics_once_and_draws_the_same_pixels(monkeypatch):
    # matplotlib found the font and read two of its tables at every text layout (430 in lesson 01's
    # timeline); newslab's renderer keeps the three numbers per font, size and resolution.
    import datetime

    import pandas as pd
    from matplotlib import ft2font

    from newslab.notebook.plots import reading

    events = pd.DataFrame({"id": ["a", "b"], "start": pd.to_datetime(["2020-01-10", "2021-07-10"]),
                           "end": pd.to_datetime([None, "2021-07-12"]), "label": ["Vote", "Strike"]})

    def draw():
        return reading.timeline(events, datetime.date(2021, 7, 17), source="made-up events").png

    draw()  # the fonts' metrics are now known
    reads = []
    original = ft2font.FT2Font.get_sfnt_table
    monkeypatch.setattr(ft2font.FT2Font, "get_sfnt_table", lambda font, name: (reads.append(name), original(font, name))[1])
    cached = draw()
    assert reads == []
    # the same pixels as matplotlib's own way of reading them, at every layout
    renderer_class = type(figures.new_figure().canvas.get_renderer())
    monkeypatch.delattr(renderer_class, "_get_font_height_metrics")
    assert draw() == cached and reads
