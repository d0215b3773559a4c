"""Charts for lesson 04: who gets the words, and with which verb.

Both functions take a voices table (a case's ``voices.csv`` or the output of
:func:`newslab.voices.extract`) and return a
:class:`~newslab.figures.ShownFigure` with alt text, caption and source (or, for a
table with no voices, a :func:`newslab.show.notice` saying so).
"""

from __future__ import annotations

import re

from ...extract.voices import SCALE_LABELS, verb_table, words_by_speaker
from ..figures import HATCHES, PALETTE, chart, new_figure, show_figure
from ..show import notice

__all__ = ["words_chart", "verbs_chart"]


def _label(speaker: str, width: int = 28) -> str:
    return speaker if len(speaker) <= width else speaker[: width - 1] + "…"


def _nested_words(table) -> dict[str, int]:
    """Words per speaker in rows whose text stands inside another speaker's quotation.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"speaker": ["Paper", "Group"], "mode": ["quote", "paraphrase"],
    ...                   "text": ["The Group says it wants peace, but we doubt it", "it wants peace"]})
    >>> _nested_words(t)
    {'Group': 3}
    """

    mode = "mode" if "mode" in table.columns else "quote_or_paraphrase"
    norm = lambda text: re.sub(r"\W+", " ", str(text)).strip().lower()  # noqa: E731
    quotes = [(row["speaker"], norm(row["text"])) for _, row in table.iterrows() if str(row[mode]) == "quote"]
    out: dict[str, int] = {}
    for _, row in table.iterrows():
        text = norm(row["text"])
        if text and any(spk != row["speaker"] and f" {text} " in f" {q} " for spk, q in quotes):
            out[row["speaker"]] = out.get(row["speaker"], 0) + len(str(row["text"]).split())  # as words_by_speaker counts
    return out


@chart
def words_chart(table, source: str = "the article; voices table of the case"):
    """Horizontal stacked bars: words quoted and paraphrased, per speaker.

    Parameters
    ----------
    table : pandas.DataFrame
        A voices table (``speaker``, ``mode`` or ``quote_or_paraphrase``, ``text``).
    source : str
        Written on the figure.

    Returns
    -------
    ShownFigure or newslab.show.Rendered
        The chart, or (:func:`newslab.show.notice`) a sentence saying that
        the table has no voices.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"speaker": ["Mayor", "Police"], "mode": ["quote", "paraphrase"], "text": ["a b c", "d e"]})
    >>> print(repr(words_chart(t)).splitlines()[1])
    Alt text: Horizontal bars of the words the article gives each of 2 speakers. Mayor: 3 words quoted, 0 paraphrased; Police: 0 words quoted, 2 paraphrased.
    """
    words = words_by_speaker(table)
    if words.empty:
        return notice("No chart: the voices table of this case is empty, so no voice gets any words. "
                      "If the article quotes or paraphrases anyone, add them to the case's voices.csv "
                      "(see cases/README.md).")
    # Words a voice gets only inside another voice's quotation (the Taliban inside Kayhan's) are
    # counted in both bars by words_by_speaker; show them apart, so the reader sees the overlap.
    nested = _nested_words(table)
    words = words.assign(second_hand=[min(int(nested.get(s, 0)), int(r.paraphrase)) for s, r in words.iterrows()])
    words["paraphrase"] = words["paraphrase"] - words["second_hand"]
    words = words.iloc[::-1]  # largest at the top
    labels = [_label(s) for s in words.index]
    fig = new_figure(7.5, 0.45 * len(words) + 1.6)
    ax = fig.add_subplot()
    ax.barh(labels, words["quote"], color=PALETTE[0], hatch=HATCHES[0], edgecolor="black", linewidth=0.5,
            label="in their own words (quoted)")
    ax.barh(labels, words["paraphrase"], left=words["quote"], color=PALETTE[1], hatch=HATCHES[1],
            edgecolor="black", linewidth=0.5, label="in the writer's words (paraphrased)")
    if words["second_hand"].sum():
        ax.barh(labels, words["second_hand"], left=words["quote"] + words["paraphrase"], color="#ffffff",
                hatch=HATCHES[3], edgecolor="#555555", linewidth=0.5,
                label="only inside another voice's quotation (counted there too)")
    for y, total in enumerate(words["total"]):
        ax.text(total + 0.5, y, str(int(total)), va="center", fontsize=9)
    ax.set_xlabel("words in the article")
    ax.set_ylabel("speaker")
    ax.set_xlim(0, max(words["total"]) * 1.15 + 1)
    ax.legend(loc="lower right", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    top = words.iloc[::-1]
    parts = "; ".join(f"{s}: {int(r.quote)} words quoted, {int(r.paraphrase + r.second_hand)} paraphrased"
                      + (f" (of them {int(r.second_hand)} only inside another voice's quotation)" if r.second_hand else "")
                      for s, r in top.iterrows())
    alt = f"Horizontal bars of the words the article gives each of {len(top)} speakers. {parts}."
    leader = top.index[0]
    caption = (f"Words given to each voice, quoted (plain) and paraphrased (hatched). {leader} gets the most "
               f"words ({int(top.iloc[0]['total'])}); a long quotation lets a voice set its own terms."
               + (" Open bars: words a voice gets only inside another voice's quotation, so they are counted twice."
                  if top["second_hand"].sum() else ""))
    return show_figure(fig, alt=alt, caption=caption, source=source)


@chart
def verbs_chart(table, source: str = "the article; verb scale in newslab.voices.VERB_SCALE"):
    """Bars for each attribution verb, sorted from neutral (top) to loaded (bottom).

    Parameters
    ----------
    table : pandas.DataFrame
        A voices table with a ``verb`` column.
    source : str
        Written on the figure.

    Returns
    -------
    ShownFigure or newslab.show.Rendered
        The chart, or (:func:`newslab.show.notice`) a sentence saying that
        the table has no verbs.

    Examples
    --------
    >>> import pandas as pd
    >>> print(repr(verbs_chart(pd.DataFrame({"verb": ["said", "warned", "said"]}))).splitlines()[1])
    Alt text: Bars for 2 attribution verbs from neutral to loaded: said (neutral) 2 uses; warned (loaded) 1 use.
    """
    verbs = verb_table(table)
    if verbs.empty:
        return notice("No chart: the voices table of this case has no attribution verbs, so there is no verb "
                      "to place on the scale. If the article quotes or paraphrases anyone, add them to the "
                      "case's voices.csv (see cases/README.md).")
    fig = new_figure(7.0, 0.42 * len(verbs) + 1.8)
    ax = fig.add_subplot()
    y = list(range(len(verbs)))[::-1]  # neutral at the top
    colours = [PALETTE[[5, 2, 6, 3][w]] for w in verbs["weight"]]
    hatches = [HATCHES[[0, 2, 1, 3][w]] for w in verbs["weight"]]
    for yi, (_, row), c, h in zip(y, verbs.iterrows(), colours, hatches):
        ax.barh(yi, row["uses"], color=c, hatch=h, edgecolor="black", linewidth=0.5)
        ax.text(row["uses"] + 0.05, yi, f"{row['level']}", va="center", fontsize=9)
    ax.set_yticks(y, [f"{v}" for v in verbs["verb"]])
    ax.set_xlabel("times the article uses it")
    ax.set_ylabel("attribution verb, neutral → loaded")
    ax.set_xlim(0, verbs["uses"].max() + 1.2)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    parts = "; ".join(f"{r.verb} ({r.level}) {r.uses} use{'s' if r.uses != 1 else ''}" for r in verbs.itertuples())
    alt = f"Bars for {len(verbs)} attribution verbs from neutral to loaded: {parts}."
    loaded = int(verbs.loc[verbs["weight"] == 3, "uses"].sum())
    caption = (f"Attribution verbs on a scale from {SCALE_LABELS[0]} to {SCALE_LABELS[3]}. {loaded} of "
               f"{int(verbs['uses'].sum())} attributions use a loaded verb, which tells the reader how to take "
               "the words before they read them.")
    return show_figure(fig, alt=alt, caption=caption, source=source)
