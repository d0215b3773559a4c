"""Figures every reader can use: a colour-blind-safe palette, alt text, a caption, a credit.

Every chart in the lessons is drawn on a plain :class:`matplotlib.figure.Figure`
(not through ``pyplot``, so nothing is shown twice and nothing lingers in the
kernel's memory) and shown with :func:`show_figure`, which insists on

* **alt text** — what a screen-reader user needs to get the point of the chart;
* **a caption** — what the chart shows and what to notice;
* **a source** (optional, but every chart made from a case's tables has one) —
  written *on* the figure, so that the attribution travels with a screenshot.

Every text on a figure is drawn **as written**: labels come from article text
and case tables, where "$5m to $6m" is money, not matplotlib's math notation
(which would drop the dollar signs, or raise on "Pay $5% more, $6").
:func:`show_figure` turns math text off for every text of the figure, those
made while it draws (tick labels) included, so no chart has to remember it.

The result is displayed as an HTML ``<figure>`` with an ``<img alt=...>`` and a
``<figcaption>``; its plain-text form (what nbval compares and what a terminal
shows) is the caption and the alt text.  All text is HTML-escaped.

Colours come from :data:`PALETTE`, the Okabe–Ito palette (Okabe & Ito 2008,
"Color Universal Design"), which stays distinguishable with the common kinds of
colour blindness; :data:`MARKERS` and :data:`HATCHES` give a second, non-colour
cue where series must be told apart.

Examples
--------
>>> fig = new_figure(4, 2)
>>> ax = fig.subplots()
>>> _ = ax.bar(["a", "b"], [1, 2], color=PALETTE[:2])
>>> _ = ax.set_xlabel("group"); _ = ax.set_ylabel("count")
>>> shown = show_figure(fig, alt="Two bars: a is 1, b is 2.", caption="Counts by group.",
...                     source="made-up numbers")
>>> print(repr(shown))
Figure: Counts by group.
Alt text: Two bars: a is 1, b is 2.
Source: made-up numbers
>>> html = shown._repr_html_()
>>> html.startswith('<figure') and 'alt="Two bars: a is 1, b is 2."' in html
True
>>> show_figure(new_figure(), alt="", caption="x")
Traceback (most recent call last):
...
ValueError: a figure needs alt text: describe what it shows for a reader who cannot see it
"""

from __future__ import annotations

import base64
import functools
import html
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["PALETTE", "OKABE_ITO", "MARKERS", "HATCHES", "CHART_RC", "chart", "new_figure", "credit", "show_figure",
           "ShownFigure"]

#: The Okabe–Ito colours by name.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}

#: The order in which series take colours (yellow last: it is faint on white).
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue", "yellow", "black")]

#: Marker shapes to pair with :data:`PALETTE`, so that series differ by more than colour.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]

#: Hatch patterns to pair with :data:`PALETTE` for bars and areas.
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

_DPI = 100

#: zlib level of the PNG encoder (Pillow's default is 6). Measured on the lesson charts (CPU, Pillow 13):
#: level 3 encodes a 900 x 900 chart in 22 ms instead of 36 ms, and its file is no larger (104 kB for
#: 105 kB): line art and text compress as well at 3 as at 6; 9, or ``optimize``, took 130 ms to save 3 %.
PNG_COMPRESS_LEVEL = 3

#: matplotlib settings every chart is measured and drawn with (:func:`chart` and :func:`show_figure`).
#: Math text off: see the module's docstring. Text unhinted: FreeType lays each string out again at every
#: measurement and every draw, and its hinting (running DejaVu Sans's TrueType instructions for every glyph)
#: was most of that; without it lesson 01's timeline drew in 325 ms instead of 375, the lessons' charts
#: 13 % faster in all (CPU). The glyphs keep their shapes, only not snapped to the pixel grid (as text is
#: on macOS, in a PDF, in an SVG); a label comes out about 3 % wider, and the layout measures it so.
CHART_RC = {"text.parse_math": False, "text.hinting": "none"}


def chart(function):
    """Decorate a chart function: its body runs with :data:`CHART_RC`, its text measured as it is drawn.

    A chart that measures its text before :func:`show_figure` draws it (to place
    labels clear of each other) must measure it with the settings of the draw;
    every chart function of ``newslab.plots`` is decorated, so the whole of it,
    from the first text to the PNG, uses the same settings.

    Examples
    --------
    >>> @chart
    ... def hinting():
    ...     import matplotlib
    ...     return matplotlib.rcParams["text.hinting"]
    >>> hinting()
    'none'
    """
    @functools.wraps(function)
    def in_chart_settings(*args, **kwargs):
        import matplotlib  # matplotlib on the first chart only: `import newslab` stays cheap

        with matplotlib.rc_context(CHART_RC):
            return function(*args, **kwargs)

    return in_chart_settings


def new_figure(width: float = 7.0, height: float = 4.0) -> "Figure":
    """A blank figure of ``width`` × ``height`` inches, not registered with pyplot.

    Parameters
    ----------
    width, height : float
        Size in inches (at 100 dpi, 7 × 4 is 700 × 400 pixels).

    Returns
    -------
    matplotlib.figure.Figure
        With constrained layout, so labels are not cut off.
    """
    from matplotlib.figure import Figure  # matplotlib on the first chart only: `import newslab` stays cheap

    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    _canvas_class()(fig)
    return fig


@lru_cache(maxsize=1)
def _canvas_class():
    """An Agg canvas whose renderer looks each font's line metrics up once, not at every text layout.

    matplotlib lays a text out (to measure it, to lay the figure out, to draw
    it) by finding its font and reading two of the font's tables for its
    ascent, descent and line gap, every time: 430 layouts in lesson 01's
    timeline, 7 % of drawing the lessons' charts.  Those three numbers depend
    only on the font properties and the resolution, so the renderer keeps them
    (matplotlib asks a renderer for them first, through
    ``_get_font_height_metrics``, when it has that method); the arithmetic is
    matplotlib's own (``Text._get_layout``), so every pixel is the same.

    Examples
    --------
    >>> from matplotlib.font_manager import FontProperties
    >>> fig = new_figure(2, 1)
    >>> ascent, descent, gap = fig.canvas.get_renderer()._get_font_height_metrics(FontProperties(size=10))
    >>> round(ascent, 2), round(descent, 2), round(gap, 2)  # DejaVu Sans at 10 pt, 100 dpi, in pixels
    (10.55, 3.34, 2.78)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg  # matplotlib on the first chart only: `import newslab` stays cheap
    from matplotlib.font_manager import fontManager, get_font  # matplotlib on the first chart only: `import newslab` stays cheap

    metrics: dict = {}
    tables = [("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"), ("hhea", "lineGap", "ascent", "descent")]

    class Renderer(RendererAgg):
        def _get_font_height_metrics(self, prop):
            key = (tuple(prop.__dict__.values()), self.dpi)
            found = metrics.get(key)
            if found is None:
                font = get_font(fontManager._find_fonts_by_props(prop))
                found = (None, None, None)  # no table: matplotlib measures "lp" instead, as it would
                for table_name, gap_key, ascent_key, descent_key in tables:
                    table = font.get_sfnt_table(table_name)
                    if table is None:
                        continue
                    scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                    found = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                    break
                metrics[key] = found
            return found

    class Canvas(FigureCanvasAgg):
        def get_renderer(self):
            width, height = self.get_width_height(physical=True)
            key = width, height, self.figure.dpi
            if self._lastKey != key:  # as FigureCanvasAgg does, with the renderer above
                self.renderer = Renderer(width, height, self.figure.dpi)
                self._lastKey = key
            return self.renderer

    return Canvas


def credit(fig: "Figure", text: str) -> "Text":
    """Write ``Source: text`` (9 pt) in a strip under everything else in ``fig``, without drawing it.

    The source line is the figure's bottom label (``Figure.supxlabel``), which
    the constrained layout of :func:`new_figure` lays out with the rest: it
    keeps a margin for it under the lowest axis label, so the line can never
    sit on an axis label or a tick label, and the figure is laid out once, when
    it is drawn.  The figure is made taller by the height of the line (counted
    from its font size and its number of lines), so the chart keeps its size.
    A figure without a layout engine is made taller the same way and what it
    holds is lifted above the strip.  Calling it again with the same text
    changes nothing (:func:`show_figure` calls it too), with another text
    replaces the line.

    Returns
    -------
    matplotlib.text.Text
        The source line.

    Raises
    ------
    ValueError
        If ``fig`` has a figure legend placed ``outside lower``: the layout
        puts both at the bottom edge, one on the other.

    Examples
    --------
    >>> fig = new_figure(4, 2)
    >>> ax = fig.subplots()
    >>> _ = ax.set_xlabel("group")
    >>> line = credit(fig, "made-up numbers")
    >>> line.get_text(), float(fig.get_size_inches()[1]) > 2
    ('Source: made-up numbers', True)
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine  # matplotlib on the first chart only: `import newslab` stays cheap

    if any(getattr(leg, "_outside_loc", None) == "lower" for leg in fig.legends):
        raise ValueError("a figure legend placed 'outside lower' would sit on the source line: "
                         "place it 'outside upper' or 'outside right'")
    previous = getattr(fig, "_newslab_source", None)
    if previous is not None:
        line, extra, said = previous
        if said == text:  # already there (a chart that places labels writes it before laying itself out)
            return line
        line.set_text("")  # another source: the new line replaces it, in the room it took
        fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() - extra)
    constrained = isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    # Left-aligned, 0.005 of the width from the left edge; the layout puts it at the bottom edge.
    line = fig.supxlabel(f"Source: {text}", x=0.005, ha="left", fontsize=9, color="#333333", fontweight="normal",
                         wrap=True, parse_math=False)
    _wrap_as_text(line, fig)  # matplotlib's own wrapping would measure "$5 ... $6" as math and raise
    # The strip: the line's own height (this one text laid out, nothing drawn), plus the padding
    # the layout keeps around it (its h_pad, in inches, above and below).
    if not hasattr(fig.canvas, "get_renderer"):
        _canvas_class()(fig)
    pad = fig.get_layout_engine().get()["h_pad"] if constrained else 3 / 72
    extra = line.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi + 2 * pad
    width, height = fig.get_size_inches()
    new_height = height + extra
    if not constrained:  # nothing will make room: lift what the figure holds above the strip
        def lift(y: float) -> float:
            return (y * height + extra) / new_height

        for a in fig.axes:
            box = a.get_position()
            a.set_position([box.x0, lift(box.y0), box.width, box.height * height / new_height])
        for t in fig.texts:
            x, y = t.get_position()
            t.set_position((x, lift(y)))
        line.set_y(2 / 72 / new_height)
    fig.set_size_inches(width, new_height)
    fig._newslab_source = (line, extra, text)
    return line


def _wrap_as_text(text: "Text", fig: "Figure") -> None:
    """Break a ``wrap=True`` text into lines here, measuring it as plain text.

    matplotlib's own wrapping measures each line as math text when it holds
    two dollar signs, whatever the text's ``parse_math`` says, and raises on
    "Pay $5% more, $6".  So the words are laid out here, greedily, within the
    room between the text's anchor and the figure's edge, and the text is no
    longer wrapped by matplotlib.
    """
    from matplotlib.textpath import TextToPath  # matplotlib on the first chart only: `import newslab` stays cheap

    measure = TextToPath()
    prop = text.get_fontproperties()
    x = text.get_transform().transform(text.get_unitless_position())[0] / fig.bbox.width
    room = {"left": 1 - x, "right": x}.get(text.get_horizontalalignment(), 2 * min(x, 1 - x))
    room_pt = max(room, 0.05) * fig.get_figwidth() * 72 - 2 * prop.get_size_in_points()

    def width(line: str) -> float:
        return measure.get_text_width_height_descent(line, prop, ismath=False)[0]

    lines: list[str] = []
    for paragraph in text.get_text().split("\n"):
        lines += _greedy_lines(paragraph.split(" "), width, room_pt)
    text.set_text("\n".join(lines))
    text.set_wrap(False)


def _join(words: "list[str]") -> str:
    """The words as one line, the way the greedy wrap builds it (an empty start adds no space)."""
    line = ""
    for word in words:
        line = f"{line} {word}" if line else word
    return line


def _greedy_lines(words: "list[str]", width, room: float) -> "list[str]":
    """Greedy line breaking: each line takes words while ``width(line) <= room``, and at least one word.

    The same lines as trying the words one by one, with far fewer measurements
    (each one lays the whole string out with FreeType).  The whole paragraph
    is measured first (for a short text, the only measurement); its width per
    character guesses where each line ends, and since a longer line is never
    narrower, the guess is checked and moved word by word, then by halving.

    Parameters
    ----------
    words : list of str
        A paragraph split on single spaces (empty strings for repeated spaces).
    width : callable
        ``width(line) -> float``, never smaller for a line with more words.
    room : float
        The widest a line may be.

    Examples
    --------
    >>> _greedy_lines("the quick brown fox jumps".split(" "), len, 10)
    ['the quick', 'brown fox', 'jumps']
    >>> _greedy_lines(["unbreakable", "x"], len, 3)
    ['unbreakable', 'x']
    >>> _greedy_lines([""], len, 0)
    ['']
    """
    def fits(end: int) -> bool:
        return width(_join(words[start:end])) <= room

    lines: list[str] = []
    start, per_char = 0, None
    while True:
        # a line always takes its first word (and the empty ones before it: they add nothing)
        lo = start + 1
        while lo < len(words) and not _join(words[start:lo]):
            lo += 1
        hi = len(words)
        if lo >= hi:
            lines.append(_join(words[start:]))
            return lines
        rest = _join(words[start:])
        if per_char is None:
            rest_width = width(rest)
            if rest_width <= room:
                lines.append(rest)
                return lines
            per_char = rest_width / max(len(rest), 1)
        # guess: the most words whose characters fill the room at the average width
        guess = lo
        while guess < hi and len(_join(words[start:guess + 1])) * per_char <= room:
            guess += 1
        # invariant: words[start:lo] is taken; words[start:hi] is too long (or hi is the end, unmeasured)
        step = 1
        if guess == lo or fits(guess):
            lo = guess
            while lo < hi:  # gallop up from the guess
                probe = min(lo + step, hi)
                if fits(probe):
                    lo = probe
                    step *= 2
                else:
                    hi = probe
                    break
            if lo == hi:  # everything left fits
                lines.append(rest)
                return lines
        else:
            hi = guess
            while hi - lo > 1:  # gallop down from the guess
                probe = max(hi - step, lo)
                if probe == lo or fits(probe):
                    lo = probe
                    break
                hi = probe
                step *= 2
        while hi - lo > 1:  # then halve what is left
            mid = (lo + hi) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid
        lines.append(_join(words[start:lo]))
        start = lo


@dataclass(frozen=True)
class ShownFigure:
    """A rendered figure with its alt text and caption; Jupyter shows it as HTML."""

    png: bytes
    alt: str
    caption: str
    source: str | None = None

    def __repr__(self) -> str:
        lines = [f"Figure: {self.caption}", f"Alt text: {self.alt}"]
        if self.source:
            lines.append(f"Source: {self.source}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            '<figure class="newslab-figure" style="margin:0.5em 0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
            'style="max-width:100%;height:auto">'
            f'<figcaption style="font-size:0.9em;color:#222">{html.escape(self.caption)}</figcaption>'
            "</figure>"
        )


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, Windows, musl)."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


def _give_back_memory() -> bool:
    """Hand the heap memory that drawing a figure freed back to the operating system (glibc only).

    Rendering a chart allocates and frees megabytes (the Agg canvas, the PNG
    encoder's copies).  glibc keeps freed heap for later use, so a kernel's
    resident memory only grows from chart to chart; ``malloc_trim(0)`` returns
    what is free at the top of the heap and in whole free pages.  Measured on
    lesson 03 (three charts): 1.5 MiB less resident memory at the end, for about
    a millisecond a chart; a class of 30 kernels multiplies both.  Returns
    whether the call was made.

    Examples
    --------
    >>> _give_back_memory() in (True, False)
    True
    """
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def _texts(fig: "Figure"):
    """Every text of ``fig`` made so far, without making any.

    ``Figure.findobj`` asks each axis for its children, and an axis answers by
    running its tick locator and making the tick artists the next draw makes
    again (12 ms of the lesson 01 timeline's 390). Here an axis gives only the
    ticks it already holds; those the draw adds later are made inside
    :func:`show_figure`'s ``rc_context``, as plain text.

    Examples
    --------
    >>> fig = new_figure(3, 2)
    >>> ax = fig.subplots()
    >>> _ = ax.set_yticks([0, 1], ["a", "b"]); _ = ax.set_xlabel("x")
    >>> sorted({t.get_text() for t in _texts(fig) if t.get_text()})  # a tick has two labels, one hidden
    ['a', 'b', 'x']
    """
    from matplotlib.axis import Axis  # matplotlib on the first chart only: `import newslab` stays cheap
    from matplotlib.text import Text  # matplotlib on the first chart only: `import newslab` stays cheap

    stack = [fig]
    while stack:
        artist = stack.pop()
        if isinstance(artist, Text):
            yield artist
        if isinstance(artist, Axis):
            held = [*artist.__dict__.get("majorTicks", ()), *artist.__dict__.get("minorTicks", ())]
            stack.extend([artist.label, artist.offsetText, *held])
        else:
            stack.extend(artist.get_children())


def show_figure(fig: "Figure", *, alt: str, caption: str, source: str | None = None) -> ShownFigure:
    """Render ``fig`` with its alt text and caption, and free it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Made with :func:`new_figure`; its axes should already be labelled.
    alt : str
        Alt text: what the figure shows, for a reader who cannot see it.
    caption : str
        The caption shown under the figure.
    source : str, optional
        Where the data come from; written on the figure (see :func:`credit`)
        and repeated in the plain-text form.

    Returns
    -------
    ShownFigure
        The last expression of a cell, it displays as ``<figure>``.

    Raises
    ------
    ValueError
        If ``alt`` or ``caption`` is empty.
    """
    if not alt or not alt.strip():
        raise ValueError("a figure needs alt text: describe what it shows for a reader who cannot see it")
    if not caption or not caption.strip():
        raise ValueError("a figure needs a caption: say what it shows and what to notice")
    import matplotlib  # matplotlib on the first chart only: `import newslab` stays cheap
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # matplotlib on the first chart only: `import newslab` stays cheap

    buffer = io.BytesIO()
    if fig.dpi != _DPI:  # every figure is shown at the resolution of a screen (7 inches: 700 pixels)
        fig.set_dpi(_DPI)
    # Text, never math text: the texts made so far are switched off one by one, and the
    # rc setting covers those made while drawing (tick labels, the layout's own texts)
    # and the source line, which is written inside it.
    with matplotlib.rc_context(CHART_RC):
        for text in _texts(fig):
            text.set_parse_math(False)
            if text.get_wrap():
                _wrap_as_text(text, fig)
        if source:
            credit(fig, source)  # its source line is plain text, wrapped here too; nothing is drawn yet
        # PNG, not SVG (measured on the lesson charts): SVG with text as text drew 40-55 % faster,
        # but an <img> cannot load fonts, so a reader without DejaVu Sans would see the labels
        # in another font, wider or narrower than the one the layout measured (overlaps, cut-off
        # labels); with text as paths it saved 15-30 % and made some charts 2.4 times larger.
        # One draw, into an Agg canvas at 100 dpi; the layout engine runs
        # inside it. (savefig would first draw the whole figure with drawing switched off,
        # only to run the layout engine, then draw it again.) No 'Software' stamp: the same
        # figure gives the same bytes with these pins.
        canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else _canvas_class()(fig)
        canvas.print_png(buffer, metadata={"Software": None}, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})
    fig.clear()
    _give_back_memory()
    return ShownFigure(buffer.getvalue(), alt.strip(), caption.strip(), source)
