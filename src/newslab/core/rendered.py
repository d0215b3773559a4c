"""HTML with a plain-text twin: how newslab's objects display in a notebook and everywhere else.

A :class:`Rendered` shows its HTML in Jupyter and its plain text in a terminal,
a doctest or nbval's text comparison, with no IPython import.  Whoever builds
one escapes the text that goes into its HTML.

Examples
--------
>>> view = Rendered("<b>bold?</b>", "plain")
>>> view
plain
>>> view._repr_html_()
'<b>bold?</b>'
"""

from __future__ import annotations

import html

__all__ = ["Rendered", "notice"]


class Rendered:
    """HTML for a notebook with a plain-text twin for everything else."""

    def __init__(self, html_: str, plain: str):
        self.html = html_
        self.plain = plain

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.plain

    __str__ = __repr__


def notice(text: str) -> Rendered:
    """A sentence a lesson shows instead of a chart or table the case cannot give (yet).

    Chart helpers return one when the case lacks what they need (no reference
    values, no voices, no events), so that Run All goes on and the reader is
    told plainly what is missing and where to add it.

    Examples
    --------
    >>> notice("No chart: this case has no <events> yet.")
    No chart: this case has no <events> yet.
    >>> notice("a < b")._repr_html_()
    '<p role="note"><b>a &lt; b</b></p>'
    """
    return Rendered(f'<p role="note"><b>{html.escape(text)}</b></p>', text)
