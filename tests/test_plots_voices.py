"""Tests for newslab.plots.voices: the lesson-04 charts draw what the table says."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab import load_case
from newslab.notebook.figures import PALETTE, ShownFigure
from newslab.notebook.plots import voices as P

TABLE = pd.DataFrame({
    "speaker": ["the mayor", "Ana Ruiz", "the mayor", "police"],
    "mode": ["quote", "quote", "paraphrase", "paraphrase"],
    "verb": ["said", "warned", "claimed", "said"],
    "text": ["we are ready for the storm", "the dam may fail", "the roads are open", "two people died"],
})


def test_words_chart_alt_text_states_every_bar():
    fig = P.words_chart(TABLE)
    assert isinstance(fig, ShownFigure) and fig.png.startswith(b"\x89PNG")
    assert "3 speakers" in fig.alt
    assert "the mayor: 6 words quoted, 4 paraphrased" in fig.alt
    assert "Ana Ruiz: 4 words quoted, 0 paraphrased" in fig.alt
    assert "police: 0 words quoted, 3 paraphrased" in fig.alt
    assert fig.caption.startswith("Words given to each voice") and "the mayor gets the most words (10)" in fig.caption
    assert fig.source


def test_verbs_chart_orders_from_neutral_to_loaded():
    fig = P.verbs_chart(TABLE)
    assert fig.alt.index("said (neutral) 2 uses") < fig.alt.index("claimed (loaded)") < fig.alt.index("warned (loaded)")
    assert "2 of 4 attributions use a loaded verb" in fig.caption


@pytest.mark.parametrize("chart", [P.words_chart, P.verbs_chart])
def test_bars_use_the_palette_hatches_and_labelled_axes(monkeypatch, chart):
    """Inspect the figure just before show_figure renders (and clears) it."""
    from matplotlib.colors import to_hex

    import newslab.notebook.plots.voices as mod

    seen = {}
    real = mod.show_figure

    def capture(fig, **kw):
        ax = fig.axes[0]
        seen["colours"] = {to_hex(p.get_facecolor()) for p in ax.patches}
        seen["hatches"] = {p.get_hatch() for p in ax.patches}
        seen["labels"] = (ax.get_xlabel(), ax.get_ylabel())
        return real(fig, **kw)

    monkeypatch.setattr(mod, "show_figure", capture)
    chart(TABLE)
    assert seen["colours"] <= {c.lower() for c in PALETTE} and len(seen["colours"]) >= 2
    assert len(seen["hatches"]) >= 2  # series differ by more than colour
    assert all(seen["labels"])


def test_empty_tables_give_a_sentence_not_a_chart():
    from newslab.notebook.figures import ShownFigure

    empty = TABLE.iloc[0:0]
    for shown, words in ((P.words_chart(empty), "is empty"), (P.verbs_chart(empty), "no attribution verbs")):
        assert not isinstance(shown, ShownFigure)
        assert repr(shown).startswith("No chart:") and words in repr(shown) and "voices.csv" in repr(shown)


def test_charts_accept_the_finder_output_and_the_case_table():
    case = load_case("iran-taliban-2021")
    from newslab import voices

    found = voices.extract(case.text)
    assert "speakers" in P.words_chart(found).alt
    assert P.verbs_chart(case.voices).alt.startswith("Bars for")
