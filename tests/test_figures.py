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


def test_show_figure_with_a_source_rasterizes_each_text_once(monkeypatch):
    # credit() needs the layout (where the lowest label ends), not pixels: laying the
    # figure out by drawing it into the Agg buffer rasterized every glyph twice.
    drawn = _drawn_texts(monkeypatch)
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
