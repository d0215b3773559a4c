"""Charts for lesson 01 (reading): the article's timeline and its inverted pyramid.

* :func:`timeline` -- the case's dated events (``events.csv``) from the first
  to the last, with the dateline marked and the article's relative time
  expressions ("on Sunday", "this week") drawn at the dates they resolve to.
  An overview panel shows the whole span; a second panel zooms in on the weeks
  around the dateline, where most news events crowd together.
* :func:`pyramid` -- what each paragraph adds under who / what / when / where /
  why (:func:`newslab.structure.tag_paragraphs`), as a grid of numbered dots:
  in an inverted pyramid the top rows are the fullest.

Both return a :class:`~newslab.figures.ShownFigure` with alt text, a caption and
a source line, drawn in the Okabe–Ito palette with distinct marker shapes.

Examples
--------
>>> import datetime, pandas as pd
>>> events = pd.DataFrame({"id": ["a", "b"], "start": pd.to_datetime(["2020-01-10", "2021-03-01"]),
...                        "end": pd.to_datetime([None, "2021-03-05"]), "label": ["Vote", "Strike"]})
>>> shown = timeline(events, datetime.date(2021, 3, 3))
>>> print(shown.caption)
Timeline of 2 dated events, 10 January 2020 to 5 March 2021; the dashed line marks the dateline, 3 March 2021.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ...core.formats import is_missing
from ...extract.structure import WS
from ..figures import MARKERS, PALETTE, chart, new_figure, show_figure
from ..show import notice

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..figures import ShownFigure

__all__ = ["timeline", "pyramid", "zoom_window"]

_EVENT_COLOUR, _EXPR_COLOUR, _DATELINE_COLOUR = PALETTE[0], PALETTE[1], PALETTE[7]


def _day(value) -> _dt.date | None:
    """A date from a date, datetime, Timestamp, ISO string or missing value."""
    if is_missing(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    return _dt.date.fromisoformat(str(value))


def _long(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _short(day: _dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def zoom_window(dateline: _dt.date, before: int = 42, after: int = 56) -> tuple[_dt.date, _dt.date]:
    """The days the close-up panel shows: six weeks before the dateline to eight weeks after.

    Examples
    --------
    >>> zoom_window(_dt.date(2021, 7, 17))
    (datetime.date(2021, 6, 5), datetime.date(2021, 9, 11))
    """
    return dateline - _dt.timedelta(days=before), dateline + _dt.timedelta(days=after)


def _items(events: "pd.DataFrame", expressions: "pd.DataFrame | None"):
    items = []
    for _, row in events.iterrows():
        start = _day(row["start"])
        end = _day(row.get("end")) or start
        items.append({"label": str(row["label"]), "start": start, "end": end, "expr": False})
    if expressions is not None:
        seen = set()
        for _, row in expressions.iterrows():
            key = (str(row["surface"]).casefold(), row["start"], row["end"])
            if not bool(row.get("relative", True)) or key in seen:
                continue  # an expression repeated with the same dates is drawn once
            seen.add(key)
            start, end = _day(row["start"]), _day(row["end"])
            when = _short(start) if start == end else f"{_short(start)} – {_short(end)}"
            approx = "≈ " if bool(row.get("approximate", False)) else ""
            items.append({"label": f"“{row['surface']}” → {approx}{when}", "start": start, "end": end, "expr": True})
    return items


def _draw(ax, rows, dateline, lo, hi):
    import matplotlib.dates as mdates  # matplotlib on the first chart only: `import newslab` stays cheap

    for y, item in enumerate(rows):
        colour = _EXPR_COLOUR if item["expr"] else _EVENT_COLOUR
        marker = MARKERS[1] if item["expr"] else MARKERS[0]
        start, end = max(item["start"], lo), min(item["end"], hi)
        if item["end"] > item["start"]:
            ax.plot([start, end + _dt.timedelta(days=1)], [y, y], color=colour, linewidth=6, solid_capstyle="butt",
                    alpha=0.8, linestyle="-" if not item["expr"] else (0, (2, 1)))
        if lo <= item["start"] <= hi:
            ax.plot([item["start"]], [y], marker=marker, color=colour, markersize=7,
                    markerfacecolor="white" if item["expr"] else colour, markeredgewidth=1.5)
    ax.axvline(dateline, color=_DATELINE_COLOUR, linestyle="--", linewidth=1.2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r["label"] for r in rows], fontsize=9)
    ax.set_ylim(len(rows) - 0.5, -0.7)
    ax.set_xlim(lo, hi)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    _fix_ticks(ax.xaxis)


def _fix_ticks(axis) -> None:
    """Work the axis's ticks and their labels out once, for its limits as they are, and keep them.

    A date axis works its ticks out (dateutil's rules) and formats them at
    every pass of the layout and again at the draw: 26 times for the two
    panels of a timeline, 28 ms of its 290.  Its limits are set, so its ticks
    are known: the same positions, labels and offset (the "2021-Sep" under
    the axis) are fixed here, and every pass reuses them.

    Examples
    --------
    >>> import matplotlib.dates as mdates
    >>> from newslab.notebook.figures import new_figure
    >>> ax = new_figure(4, 2).subplots()
    >>> _ = ax.plot([_dt.date(2021, 6, 1), _dt.date(2021, 9, 1)], [0, 1])
    >>> ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    >>> _fix_ticks(ax.xaxis)
    >>> ax.xaxis.get_major_formatter().format_ticks(ax.xaxis.get_major_locator()())[:3], ax.xaxis.get_major_formatter().get_offset()
    (['Jun', '15', 'Jul'], '2021-Sep')
    """
    from matplotlib.ticker import FixedFormatter, FixedLocator  # matplotlib on the first chart only: `import newslab` stays cheap

    locations = list(axis.get_major_locator()())
    formatter = axis.get_major_formatter()
    labels = FixedFormatter(formatter.format_ticks(locations))
    labels.set_offset_string(formatter.get_offset())
    axis.set_major_locator(FixedLocator(locations))
    axis.set_major_formatter(labels)


@chart
def timeline(events: "pd.DataFrame", dateline, expressions: "pd.DataFrame | None" = None,
             source: str | None = None, title: str | None = None) -> "ShownFigure":
    """The case's events on a timeline, with the dateline and the resolved relative expressions.

    Parameters
    ----------
    events : pandas.DataFrame
        A case's ``events`` table (``start``, ``end`` (may be empty), ``label``).
    dateline : datetime.date
        The date the story was filed; drawn as a dashed line.
    expressions : pandas.DataFrame, optional
        :func:`newslab.dates.extract` output; rows with ``relative`` True are
        drawn as open squares (ranges dotted) labelled with their words and
        the date they resolve to.
    source : str, optional
        Credit line, e.g. "events.csv of case iran-taliban-2021 and its sources".
    title : str, optional

    Returns
    -------
    ShownFigure or newslab.show.Rendered
        The chart, or (:func:`newslab.show.notice`), when there are no events
        and no relative expressions, a sentence saying so.
    """
    dateline = _day(dateline)
    items = _items(events, expressions)
    if not items:
        return notice(f"No timeline: there are no events to draw (this case's events.csv is empty and the "
                      f"article has no relative time expressions), only the dateline, {dateline.day} {dateline:%B %Y}. "
                      "If the article names dated events, add them to events.csv (see cases/README.md).")
    lo, hi = zoom_window(dateline)
    # An item belongs to the close-up when it starts inside the window; long spans
    # that began years earlier ("two decades") belong to the overview.
    near = sorted((i for i in items if lo <= i["start"] <= hi), key=lambda i: (i["start"], i["expr"]))
    far = sorted((i for i in items if not lo <= i["start"] <= hi), key=lambda i: (i["start"], i["expr"]))
    first = min(i["start"] for i in items)
    last = max(i["end"] for i in items)

    heights = [max(len(far), 1) + 1.5, len(near) + 1.5] if far else [len(near) + 1.5]
    fig = new_figure(9, 0.28 * sum(heights) + 1.6)
    axes = fig.subplots(len(heights), 1, height_ratios=heights) if far else [fig.subplots()]
    if far:
        ax = axes[0]
        right = max(last, dateline, hi)
        margin = _dt.timedelta(days=max(30, (right - first).days // 40))
        full_lo, full_hi = first - margin, right + margin
        _draw(ax, far, dateline, full_lo, full_hi)
        ax.axvspan(lo, hi, color="#cccccc", alpha=0.5, hatch="//", linewidth=0)
        ax.set_title("The whole span (grey: the weeks shown below)", fontsize=9, loc="left")
        ax.set_xlabel("year")
    ax = axes[-1]
    _draw(ax, near, dateline, lo, hi)
    ax.set_title(f"Close-up: {_short(lo)} to {_short(hi)}; dashed line = dateline, {_short(dateline)}",
                 fontsize=9, loc="left")
    ax.set_xlabel("date")
    from matplotlib.lines import Line2D  # matplotlib on the first chart only: `import newslab` stays cheap

    handles = [Line2D([], [], color=_EVENT_COLOUR, marker=MARKERS[0], linewidth=4, label="dated event (events.csv)"),
               Line2D([], [], color=_EXPR_COLOUR, marker=MARKERS[1], markerfacecolor="white", linewidth=4,
                      linestyle=(0, (2, 1)), label="the article's words, resolved"),
               Line2D([], [], color=_DATELINE_COLOUR, linestyle="--", label="dateline")]
    fig.legend(handles=handles, loc="outside upper center", ncols=3, fontsize=9, frameon=False)
    if title:
        fig.suptitle(title, fontsize=11)

    n_events = sum(not i["expr"] for i in items)
    n_expr = sum(i["expr"] for i in items)
    caption = (f"Timeline of {n_events} dated events, {_long(first)} to {_long(last)}; "
               f"the dashed line marks the dateline, {_long(dateline)}.")
    if n_expr:
        caption += (f" Open squares are the article's {n_expr} relative time expressions at the dates "
                    "they resolve to (≈ where the text hedges).")
    near_text = "; ".join(
        f"{i['label']}" + ("" if i["expr"] else f" ({_short(i['start'])}" + (f" to {_short(i['end'])})" if i["end"] != i["start"] else ")"))
        for i in near)
    alt = (f"Two-panel timeline. " if far else "Timeline. ") + (
        f"Overview from {first.year} to {last.year} with {len(far)} items: "
        + "; ".join(f"{i['label']} ({i['start'].year}" + (f"–{i['end'].year})" if i["end"].year != i["start"].year else ")") for i in far)
        + ". " if far else "") + f"Close-up around the dateline ({_long(dateline)}): {near_text or 'nothing'}."
    return show_figure(fig, alt=alt, caption=caption, source=source)


@chart
def pyramid(tags: "pd.DataFrame", marks: dict[int, str] | None = None, source: str | None = None) -> "ShownFigure":
    """What each paragraph adds (who, what, when, where, why) as a grid of numbered dots.

    Parameters
    ----------
    tags : pandas.DataFrame
        :func:`newslab.structure.tag_paragraphs` output.
    marks : dict of int to str, optional
        Labels for some paragraphs, e.g. ``{1: "lede", 14: "kicker"}``.
    source : str, optional
        Credit line.

    Returns
    -------
    ShownFigure

    Examples
    --------
    >>> import pandas as pd
    >>> tags = pd.DataFrame({"paragraph": [1, 2], "who": [2, 0], "what": [1, 1], "when": [1, 0],
    ...                      "where": [1, 0], "why": [0, 1], "total": [5, 2]})
    >>> print(pyramid(tags, {1: "lede"}).alt)
    Grid of 2 paragraphs (rows, top = first) by who, what, when, where, why (columns); dot size and number give how many items each paragraph adds. Totals: ¶1 (lede) 5, ¶2 2. Paragraph 1 holds 71% of all items.
    """

    if tags.empty:
        raise ValueError("there are no paragraphs to draw")
    marks = marks or {}
    n = len(tags)
    fig = new_figure(8, 0.32 * n + 1.8)
    ax_grid, ax_total = fig.subplots(1, 2, width_ratios=[3, 1.3], sharey=True)
    biggest = max(1, int(tags[list(WS)].to_numpy().max()))
    for x, w in enumerate(WS):  # one scatter per column (a series), its dots sized by count
        dots = [(y, int(count)) for y, count in enumerate(tags[w]) if int(count)]
        if not dots:
            continue
        ax_grid.scatter([x] * len(dots), [y for y, _ in dots], s=[40 + 260 * c / biggest for _, c in dots],
                        color=PALETTE[x], marker=MARKERS[x], edgecolor="black", linewidth=0.5, zorder=3)
        for y, count in dots:  # inside the axes (the x limits leave room): nothing for the layout to measure
            ax_grid.annotate(str(count), (x, y), xytext=(9, 0), textcoords="offset points", va="center",
                             fontsize=9, in_layout=False)
    labels = [f"¶{p}" + (f" {marks[p]}" if p in marks else "") for p in tags["paragraph"]]
    ax_grid.set_xticks(range(len(WS)))
    ax_grid.set_xticklabels(WS)
    ax_grid.set_yticks(range(n))
    ax_grid.set_yticklabels(labels, fontsize=9)
    ax_grid.set_ylim(n - 0.5, -0.5)
    ax_grid.set_xlim(-0.6, len(WS) - 0.2)
    ax_grid.set_xlabel("what the paragraph adds")
    ax_grid.set_ylabel("paragraph (top of the story first)")
    ax_grid.grid(color="#eeeeee", linewidth=0.6)
    totals = tags["total"].astype(int).tolist()
    ax_total.barh(range(n), totals, color=PALETTE[5], hatch=HATCH, edgecolor="black", linewidth=0.4)
    ax_total.set_xlabel("items added")
    ax_total.grid(axis="x", color="#eeeeee", linewidth=0.6)

    all_items = sum(totals) or 1
    half = n // 2 or 1
    share = round(100 * sum(totals[:half]) / all_items)
    last_top = int(tags["paragraph"].iloc[half - 1])
    first_p = int(tags["paragraph"].iloc[0])
    alt = (f"Grid of {n} paragraphs (rows, top = first) by who, what, when, where, why (columns); dot size and "
           f"number give how many items each paragraph adds. Totals: "
           + ", ".join(f"{lab} {t}" for lab, t in zip(
               [f"¶{p}" + (f" ({marks[p]})" if p in marks else "") for p in tags["paragraph"]], totals))
           + (f". Paragraph {first_p} holds" if first_p == last_top else f". Paragraphs {first_p} to {last_top} hold")
           + f" {share}% of all items.")
    caption = (f"What each paragraph adds, by rough rules (names, figures and quotes, time expressions, places, "
               f"explanation words). The first half of the paragraphs holds {share}% of the items: "
               + ("the top-heavy shape of an inverted pyramid." if share >= 55 else
                  "not the top-heavy shape of a strict inverted pyramid."))
    return show_figure(fig, alt=alt, caption=caption, source=source)


HATCH = "//"
