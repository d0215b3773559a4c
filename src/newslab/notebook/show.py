"""Show an article in a notebook, safely.

Article text is data, not markup: a pasted article may hold ``<script>`` or a
stray ``<``, and must appear exactly as written.  Everything here escapes the
text before it becomes HTML.  The objects returned display as HTML in Jupyter
and as plain text everywhere else (a terminal, a doctest, nbval's text
comparison), and need no IPython import.

Examples
--------
>>> view = Rendered("<b>bold?</b>", "plain")
>>> view
plain
>>> article_html("Head <line>\\n\\nBody & more.")[:60]
'<article class="newslab-article" aria-label="Article text"><'
>>> "&lt;line&gt;" in article_html("Head <line>\\n\\nBody & more.")
True
"""

from __future__ import annotations

import html

from ..core import text as _text
from ..core.rendered import Rendered, notice  # re-exported: newslab.show.Rendered, as before

__all__ = ["Rendered", "notice", "article_html", "show_article"]


def article_html(article: str | _text.Document, numbered: bool = True) -> str:
    """The article as escaped HTML: the headline as a heading, numbered paragraphs.

    Parameters
    ----------
    article : str or Document
        The article text (first line is the headline), or the article already
        split (a case's ``case.document``), which saves splitting it again.
    numbered : bool
        Show each body paragraph's number, as ``newslab sentences`` counts them.

    Returns
    -------
    str
    """
    doc = _document(article)
    parts = ['<article class="newslab-article" aria-label="Article text">']
    if doc.headline is not None:
        parts.append(f'<h3 style="margin-top:0">{html.escape(doc.headline.text)}</h3>')
    for p in doc.body:
        number = f'<span style="color:#555;font-size:smaller">¶{p.index}</span> ' if numbered else ""
        parts.append(f'<p style="max-width:42em">{number}{html.escape(p.text)}</p>')
    parts.append("</article>")
    return "".join(parts)


def _document(article: str | _text.Document) -> _text.Document:
    return article if isinstance(article, _text.Document) else _text.split_article(article)


def _article_plain(doc: _text.Document, numbered: bool = True) -> str:
    lines = [doc.headline.text, ""] if doc.headline is not None else []
    for p in doc.body:
        lines += [f"¶{p.index} {p.text}" if numbered else p.text, ""]
    return "\n".join(lines).rstrip()


def show_article(case_or_text, numbered: bool = True) -> Rendered:
    """Display a case's article (or any article text) for reading.

    Parameters
    ----------
    case_or_text : Case or str
    numbered : bool
        Number the paragraphs (¶1, ¶2, ...) so a class can refer to them.

    Returns
    -------
    Rendered
        HTML in a notebook, text elsewhere.

    Examples
    --------
    >>> show_article("A <b>headline</b>\\n\\nFirst & only paragraph.")
    A <b>headline</b>
    <BLANKLINE>
    ¶1 First & only paragraph.
    """
    doc = _document(case_or_text if isinstance(case_or_text, str) else case_or_text.document)
    return Rendered(article_html(doc, numbered), _article_plain(doc, numbered))


