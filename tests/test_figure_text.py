"""Every lesson figure's text is readable: 9 pt or larger, inside the picture, clear of other text and of the data.

Each figure function a lesson calls is run on the shipped cases; just before it
is rendered, the test asks matplotlib's renderer for the bounding box of every
piece of text (titles, tick labels, annotations, legends, the source line) and
checks:

* no text is smaller than 9 pt (:data:`MIN_PT`);
* no text sticks out of the figure (it would be cut off in the PNG);
* no two texts overlap;
* no text sits on a data marker or is crossed by a data line it does not belong to
  (gridlines, spines, ticks and the legend's own sample lines excluded).
"""

from __future__ import annotations

import itertools

import pytest

from newslab import load_case

MIN_PT = 9.0
PAD = 1.0  # pixels of slack: anti-aliasing makes touching boxes share a pixel


def _texts(fig):
    """The texts matplotlib actually draws: tick labels of ticks outside the view are left out."""
    from matplotlib.text import Text

    undrawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            drawn = {id(t) for t in axis._update_ticks()}
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if id(tick) not in drawn:
                    undrawn.update({tick.label1, tick.label2})
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not tick.label2.get_visible():
                    undrawn.add(tick.label2)
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t not in undrawn]


def _bbox(t, renderer):
    return t.get_window_extent(renderer)


def _segments(fig, renderer):
    """Data lines and markers in display coordinates, with the artist they belong to."""
    from matplotlib.lines import Line2D
    from matplotlib.collections import PathCollection

    segments, points = [], []
    for ax in fig.axes:
        for line in ax.get_lines():
            if not line.get_visible() or line.get_gid() == "grid":
                continue
            xy = line.get_transform().transform(line.get_xydata())
            if line.get_linestyle() not in ("None", "", " ") and len(xy) > 1:
                segments.extend((tuple(a), tuple(b), line) for a, b in zip(xy[:-1], xy[1:]))
            if line.get_marker() not in (None, "None", "", " "):
                points.extend((tuple(p), line) for p in xy)
        for coll in ax.collections:
            if isinstance(coll, PathCollection) and coll.get_visible():
                offsets = coll.get_offset_transform().transform(coll.get_offsets())
                points.extend((tuple(p), coll) for p in offsets)
    return segments, points


def _crosses(box, a, b) -> bool:
    """Whether the segment a–b passes through the box (shrunk by PAD)."""
    x0, y0, x1, y1 = box.x0 + PAD, box.y0 + PAD, box.x1 - PAD, box.y1 - PAD
    if x1 <= x0 or y1 <= y0:
        return False
    (ax_, ay), (bx, by) = a, b
    # Liang–Barsky clipping
    dx, dy = bx - ax_, by - ay
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, ax_ - x0), (dx, x1 - ax_), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def text_problems(fig, *, check_data: bool = True) -> list[str]:
    """Problems with the text of ``fig``, as sentences (empty when the figure is fine)."""
    if not hasattr(fig.canvas, "get_renderer"):  # a bare Figure (newslab.figures.new_figure): give it Agg
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = _texts(fig)
    problems = []
    boxes = []
    for t in texts:
        label = t.get_text().replace("\n", " ")[:40]
        if t.get_fontsize() < MIN_PT:
            problems.append(f"{label!r} is {t.get_fontsize():g} pt, under {MIN_PT:g} pt")
        box = _bbox(t, renderer)
        if box.x0 < -PAD or box.y0 < -PAD or box.x1 > width + PAD or box.y1 > height + PAD:
            problems.append(f"{label!r} is cut off at the figure's edge")
        boxes.append((t, box, label))
    for (t1, b1, l1), (t2, b2, l2) in itertools.combinations(boxes, 2):
        if (min(b1.x1, b2.x1) - max(b1.x0, b2.x0) > PAD and min(b1.y1, b2.y1) - max(b1.y0, b2.y0) > PAD):
            problems.append(f"{l1!r} overlaps {l2!r}")
    if check_data:
        segments, points = _segments(fig, renderer)
        legend_texts = {t for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()}
        for t, box, label in boxes:
            if t in legend_texts or t.axes is None:
                continue
            for a, b, line in segments:
                if line.get_gid() == "reference" and t.get_bbox_patch() is not None:
                    continue  # a reference line (zero, a target) passing behind a label's opaque box
                if _crosses(box, a, b):
                    problems.append(f"{label!r} is crossed by the line {line.get_label()!r}")
                    break
            for p, artist in points:
                if box.x0 + PAD < p[0] < box.x1 - PAD and box.y0 + PAD < p[1] < box.y1 - PAD:
                    problems.append(f"{label!r} covers a data marker ({artist.get_label()!r})")
                    break
    return problems


@pytest.fixture
def capture(monkeypatch):
    """Run a figure function and return the problems of every figure it shows."""
    import newslab.notebook.figures as figures
    from newslab.notebook.plots import border, numbers, reading, voices

    found: list[list[str]] = []

    def spy(fig, *, alt, caption, source=None):
        if source:
            figures.credit(fig, source)
        found.append(text_problems(fig))
        return real(fig, alt=alt, caption=caption, source=None)

    real = figures.show_figure
    for module in (border, numbers, reading, voices):
        monkeypatch.setattr(module, "show_figure", spy)
    border._border_figure.cache_clear()  # a figure drawn earlier in the session would not be drawn again
    yield found
    border._border_figure.cache_clear()  # and none drawn through the spy is kept for later tests


def _seed():
    return load_case("iran-taliban-2021")


def _irish():
    return load_case("irish-border-2023")


def _figures():
    """(name, callable) for every figure a lesson draws, on both shipped cases."""
    from newslab import claims, dates, geo, structure
    from newslab.notebook.plots import border, numbers, reading, voices

    out = []
    for make in (_seed, _irish):
        case = make()
        name = case.id
        table = claims.claims_table(case)
        out.append((f"{name}-one_number", lambda t=table: numbers.one_number(t)))
        out.append((f"{name}-verdicts", lambda t=table: numbers.verdicts(t)))
        out.append((f"{name}-border_map", lambda c=case: border.border_map(c)))
        pair = geo.case_border(case)
        out.append((f"{name}-coastline", lambda c=case, p=pair: border.coastline_chart(geo.border_lengths(p), geo.reference_lengths(c))))
        for key in ("coarsest", "finest"):
            out.append((f"{name}-border_at-{key}", lambda p=pair, k=key: border.border_at(p, k)))
        out.append((f"{name}-words", lambda c=case: voices.words_chart(c.voices, source="voices table")))
        out.append((f"{name}-verbs", lambda c=case: voices.verbs_chart(c.voices, source="voices table")))
        out.append((f"{name}-timeline", lambda c=case: reading.timeline(
            c.events, c.dateline_date, dates.extract(c.text, c.dateline_date), source="events.csv")))
        out.append((f"{name}-pyramid", lambda c=case: reading.pyramid(
            structure.tag_paragraphs(c), {structure.lede(c.document).index: "lede"}, source="article")))
    return out


FIGURES = _figures()


@pytest.mark.parametrize(("name", "draw"), FIGURES, ids=[n for n, _ in FIGURES])
def test_lesson_figure_text_is_readable_and_clear(name, draw, capture):
    draw()
    assert capture, f"{name} showed no figure"
    problems = [p for fig in capture for p in fig]
    assert not problems, f"{name}: " + "; ".join(problems)


def test_the_text_rules_catch_small_overlapping_and_crossed_text():
    """The rules can fail: 7 pt text, two labels on top of each other, a label on a line."""
    from newslab.notebook.figures import new_figure

    fig = new_figure(4, 3)
    ax = fig.subplots()
    ax.plot([0, 1], [0.5, 0.5], label="border")
    ax.text(0.5, 0.5, "Islam Qala", fontsize=10, ha="center", va="center")
    ax.text(0.5, 0.52, "Dogharoun", fontsize=10, ha="center", va="center")
    fig.text(0.0, 0.0, "Source: tiny", fontsize=7)
    problems = text_problems(fig)
    assert any("under 9 pt" in p for p in problems)
    assert any("overlaps" in p for p in problems)
    assert any("crossed by the line 'border'" in p for p in problems)
