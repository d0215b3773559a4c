"""Charts for lesson 02 (numbers): a stated number beside its references.

* :func:`one_number` -- "one number, several sources": the number the article
  states and every reference the claims table gives for it, one bar each, with
  who says it written on every bar.
* :func:`verdicts` -- how far each checkable number is from its reference (in
  percent), one row per claim, marker shape and colour by verdict, the source
  written beside every point.

Both take the output of :func:`newslab.claims.claims_table` and return a
:class:`~newslab.figures.ShownFigure` with alt text, a caption and a source
line on the figure, in the Okabe–Ito palette with hatches or marker shapes as a
second cue.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({
...     "id": ["a", "b"], "surface": ["about 85 percent"] * 2, "value": [85.0, 85.0],
...     "unit": ["percent"] * 2, "speaker": ["the Taliban"] * 2, "ref_in_unit": [50.1, 62.8],
...     "source": ["FDD's Long War Journal", "Reuters; AFP"], "verdict": ["disputed"] * 2,
...     "difference_percent": [69.7, 35.4]})
>>> shown = one_number(table)
>>> print(shown.caption)
"about 85 percent": the number as stated by the Taliban, beside 2 reference values from FDD's Long War Journal and Reuters; AFP.
>>> print(shown.alt)
Horizontal bar chart of "about 85 percent" in percent. Stated by the Taliban: 85. FDD's Long War Journal: 50.1. Reuters; AFP: 62.8.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from ..figures import HATCHES, MARKERS, PALETTE, chart, new_figure, show_figure
from ..show import notice

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..figures import ShownFigure

__all__ = ["one_number", "pick_surface", "verdicts", "VERDICT_STYLE"]

#: Colour and marker of each verdict (Okabe–Ito; the marker shape repeats the meaning).
VERDICT_STYLE = {
    "consistent": (PALETTE[2], "o"),  # bluish green, circle
    "rounded": (PALETTE[0], "s"),  # blue, square
    "disputed": (PALETTE[3], "X"),  # vermillion, cross
    "unverifiable": ("#777777", "D"),
}


def _num(x: float) -> str:
    x = float(x)
    if x.is_integer():
        return f"{int(x):,}" if abs(x) >= 10000 else f"{int(x)}"
    return f"{x:,.3g}" if abs(x) >= 1000 else f"{x:.3g}"


def _has(x) -> bool:
    """False for None, NaN, pandas' NA and NaT (which refuse ``bool(x == x)``).

    Examples
    --------
    >>> import pandas as pd
    >>> [_has(v) for v in (None, float("nan"), pd.NA, "", "CIA", 0.0)]
    [False, False, False, True, True, True]
    """
    if x is None:
        return False
    try:
        import pandas as pd  # pandas on first use: the text extractors and commands run without it

        return not bool(pd.isna(x))
    except (TypeError, ValueError):  # a list or array: present
        return True


def pick_surface(table: "pd.DataFrame") -> str | None:
    """The stated number with the most reference values (the first one on a tie), or None.

    Examples
    --------
    >>> import pandas as pd
    >>> pick_surface(pd.DataFrame({"surface": ["4%", "85%", "85%"], "ref_in_unit": [3.9, 50.0, 62.0]}))
    '85%'
    """
    refs = table[table["ref_in_unit"].notna()]
    if refs.empty:
        return None
    counts = refs.groupby("surface", sort=False).size()
    return str(counts.idxmax())


@chart
def one_number(table: "pd.DataFrame", surface: str | None = None, *, case_id: str | None = None) -> "ShownFigure":
    """One number, several sources: the stated value beside each reference value.

    Parameters
    ----------
    table : pandas.DataFrame
        A claims table (:func:`newslab.claims.claims_table`); the rows with
        this ``surface`` give one reference each (``ref_in_unit``, ``source``).
    surface : str, optional
        Which number; by default the one with the most references
        (:func:`pick_surface`).
    case_id : str, optional
        Named in the source line (default: ``table.attrs["case"]``).

    Returns
    -------
    ShownFigure or newslab.show.Rendered
        The chart; or (:func:`newslab.show.notice`), when no ``surface`` is asked for and no claim of the
        table has a reference value (a new case whose reference values are
        not filled in yet) or the table is empty, a sentence saying so, so
        that a lesson runs on any case.

    Raises
    ------
    ValueError
        If ``surface`` is given and no row has it.  A number with no
        reference is drawn alone, and the caption says so.

    Examples
    --------
    >>> import pandas as pd
    >>> one_number(pd.DataFrame({"surface": ["41 percent"], "value": [41.0], "unit": ["percent"],
    ...                          "speaker": ["officials"], "ref_in_unit": [pd.NA], "source": [pd.NA],
    ...                          "verdict": ["unverifiable"]}), case_id="my-case")
    No chart: no claim of case my-case has a reference value yet, so there is no number to set beside its sources. Add ref_value, ref_unit and source_id to the case's claims.csv (see cases/README.md).
    """
    if surface is None and (table.empty or pick_surface(table) is None):
        case_id = case_id or table.attrs.get("case")
        which = f"case {case_id}" if case_id else "this claims table"
        text = (f"No chart: {which} has no claims yet, so there is no number to draw. List the article's "
                "numbers in the case's claims.csv (newslab new-case drafts them; see cases/README.md)."
                if table.empty else
                f"No chart: no claim of {which} has a reference value yet, so there is no number to set beside "
                "its sources. Add ref_value, ref_unit and source_id to the case's claims.csv (see cases/README.md).")
        return notice(text)
    if table.empty:
        raise ValueError("the claims table is empty: there is no number to draw")
    surface = surface or pick_surface(table)
    rows = table[table["surface"] == surface]
    if rows.empty:
        raise ValueError(f"the claims table has no row whose surface is {surface!r}")
    first = rows.iloc[0]
    unit = str(first["unit"])
    bars = [(f"stated by {first['speaker']}", float(first["value"]), "as quoted in the article")]
    for _, r in rows.iterrows():
        if _has(r["ref_in_unit"]):
            who = str(r["source"]) if _has(r.get("source")) else "a reference"
            bars.append((who, float(r["ref_in_unit"]), f"verdict: {r['verdict']}"))
    fig = new_figure(8.0, 1.4 + 0.8 * len(bars))
    ax = fig.subplots()
    values = [b[1] for b in bars]
    y = list(range(len(bars)))[::-1]
    top = max(values) if max(values) > 0 else 1.0
    for i, (yy, (label, value, note)) in enumerate(zip(y, bars)):
        ax.barh(yy, value, color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)], edgecolor="#222222", height=0.5)
        # who says it, on every bar: written just above the bar, in the gap to the next one,
        # so that it never runs over a bar or out of the picture
        ax.text(0, yy + 0.3, f"{_num(value)} {unit} — {label}", va="bottom", ha="left", fontsize=9, color="#000000")
    names = ["as stated"] + [f"reference {k}" for k in range(1, len(bars))]
    ax.set_yticks(y, [f"{name}\n({b[2]})" for name, b in zip(names, bars)], fontsize=9)
    ax.set_ylim(-0.5, len(bars) - 0.1)
    ax.set_xlabel(unit)
    ax.set_xlim(0, top * 1.1)
    n_refs = len(bars) - 1
    ax.set_title(f"One number, {n_refs} reference{'s' if n_refs != 1 else ''}: “{surface}”", fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    case_id = case_id or table.attrs.get("case")
    refs = [b[0] for b in bars[1:]]
    sources = "; ".join(dict.fromkeys(refs))
    credit = f"claims table of case {case_id}" if case_id else "claims table"
    credit += f"; references: {sources}" if sources else ""
    alt = f'Horizontal bar chart of "{surface}" in {unit}. ' + " ".join(f"{b[0][0].upper() + b[0][1:]}: {_num(b[1])}." for b in bars)
    n = len(bars) - 1
    if n:
        caption = (f'"{surface}": the number as {bars[0][0]}, beside {n} reference value{"s" if n != 1 else ""} from '
                   + (" and ".join([", ".join(refs[:-1]), refs[-1]]) if n > 1 else refs[0]) + ".")
    else:
        caption = f'"{surface}": the number as {bars[0][0]}. The claims table gives no reference value for it, so it cannot be checked.'
    return show_figure(fig, alt=alt, caption=caption, source=credit)


@chart
def verdicts(table: "pd.DataFrame", *, case_id: str | None = None) -> "ShownFigure":
    """How far each stated number is from its reference, coloured and shaped by verdict.

    Rows without a comparable reference (dates, where a percentage difference
    means nothing, and unverifiable rows) are left out and counted in the caption.

    Parameters
    ----------
    table : pandas.DataFrame
        A claims table (:func:`newslab.claims.claims_table`).
    case_id : str, optional
        Named in the source line (default: ``table.attrs["case"]``).

    Returns
    -------
    ShownFigure or newslab.show.Rendered
        The chart, or (:func:`newslab.show.notice`) a sentence saying that no
        claim has a comparable reference yet.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"id": ["a", "b", "c"], "surface": ["900 km", "550 mi", "one"], "value": [900.0, 550.0, 1.0],
    ...                   "unit": ["km", "mi", ""], "difference_percent": [-2.3, -3.9, None],
    ...                   "source": ["CIA", "CIA", None], "verdict": ["rounded", "disputed", "unverifiable"]})
    >>> print(verdicts(t, case_id="demo").caption)
    How far 2 stated numbers are from their references (stated minus reference, in percent of the reference). 1 rounded, 1 disputed; 1 number with no comparable reference is not shown.
    >>> verdicts(t.iloc[2:], case_id="demo")
    No chart: none of the 1 claims of case demo has a reference it can be compared with yet, so there is no distance from a reference to draw. Add ref_value, ref_unit and source_id to the case's claims.csv (see cases/README.md).
    """
    shown = table[table["difference_percent"].notna()]
    left_out = len(table) - len(shown)
    if shown.empty:  # an empty axis from 0 to 1 would look like a chart of nothing
        case_id = case_id or table.attrs.get("case")
        which = f"case {case_id}" if case_id else "this claims table"
        return notice(f"No chart: none of the {len(table)} claims of {which} has a reference it can be compared "
                      "with yet, so there is no distance from a reference to draw. Add ref_value, ref_unit and "
                      "source_id to the case's claims.csv (see cases/README.md)." if len(table) else
                      f"No chart: {which} has no claims yet. List the article's numbers in the case's claims.csv "
                      "(newslab new-case drafts them; see cases/README.md).")
    fig = new_figure(9.0, 1.8 + 0.45 * max(1, len(shown)))
    ax = fig.subplots()
    y = list(range(len(shown)))[::-1]
    by_verdict: dict[str, tuple[list[float], list[int]]] = {}  # one scatter per verdict, in order of first row
    for yy, (_, r) in zip(y, shown.iterrows()):
        xs, ys = by_verdict.setdefault(str(r["verdict"]), ([], []))
        xs.append(float(r["difference_percent"]))
        ys.append(yy)
    for verdict, (xs, ys) in by_verdict.items():
        colour, marker = VERDICT_STYLE.get(verdict, ("#777777", "D"))
        ax.scatter(xs, ys, color=colour, marker=marker, s=70, zorder=3, edgecolors="#222222", label=verdict)
    for yy, (_, r) in zip(y, shown.iterrows()):
        source = str(r["source"]) if _has(r.get("source")) else "no source"
        source = "\n".join(textwrap.wrap(source, 48)) or source
        ax.annotate(source, (float(r["difference_percent"]), yy), xytext=(8, 0), textcoords="offset points",
                    va="center", fontsize=9, color="#222222", zorder=4,
                    bbox={"facecolor": "white", "alpha": 0.9, "edgecolor": "none", "pad": 0.5})
    ax.axvline(0, color="#000000", linewidth=0.8, zorder=1, gid="reference")
    ax.set_yticks(y, [f"{r['surface']} ({r['id']})" for _, r in shown.iterrows()], fontsize=9)
    ax.set_xlabel("stated minus reference, % of the reference")
    if len(shown):
        lo = min(0.0, float(shown["difference_percent"].min()))
        hi = max(0.0, float(shown["difference_percent"].max()))
        span = max(5.0, hi - lo)
        # room on the right for the source written beside each point
        ax.set_xlim(lo - 0.05 * span, hi + 1.4 * span)
        from matplotlib.ticker import MaxNLocator  # matplotlib on the first chart only: `import newslab` stays cheap

        ticks = MaxNLocator(nbins=6).tick_values(lo, hi)
        ax.set_xticks([t for t in ticks if lo - 0.05 * span <= t <= hi + 0.2 * span])  # no scale under the labels
        # the legend goes above the chart, where it covers no point and no label (the source line is under it)
        fig.legend(title="verdict", fontsize=9, title_fontsize=9, loc="outside upper center",
                   ncols=4, frameon=False)
    ax.set_ylim(-0.7, max(0.7, len(shown) - 0.3))
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.spines[["top", "right"]].set_visible(False)
    counts = shown["verdict"].astype(str).value_counts()
    order = ["consistent", "rounded", "disputed", "unverifiable"]
    summary = ", ".join(f"{counts[v]} {v}" for v in order if v in counts)
    n = len(shown)
    caption = (f"How far {n} stated number{'s' if n != 1 else ''} {'are' if n != 1 else 'is'} from {'their references' if n != 1 else 'its reference'} "
               f"(stated minus reference, in percent of the reference). {summary}"
               + (f"; {left_out} number{'s' if left_out != 1 else ''} with no comparable reference {'are' if left_out != 1 else 'is'} not shown." if left_out else "."))
    alt = "Dot plot, one row per number: " + "; ".join(
        f"{r['surface']} is {float(r['difference_percent']):+.1f} % from its reference ({r['verdict']}, source {r['source'] if _has(r.get('source')) else 'none'})"
        for _, r in shown.iterrows()) + "."
    case_id = case_id or table.attrs.get("case")
    sources = "; ".join(dict.fromkeys(s for src in shown.get("source", []) if _has(src) for s in str(src).split("; ")))
    credit = (f"claims table of case {case_id}" if case_id else "claims table") + (f"; references: {sources}" if sources else "")
    return show_figure(fig, alt=alt, caption=caption, source=credit)
