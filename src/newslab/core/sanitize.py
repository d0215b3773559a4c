"""Make HTML safe to publish: an allowlist of tags and attributes, and no script at all.

The static site (:mod:`newslab.site`) promises pages without JavaScript and
without anything loaded from the network.  Its pages are made from notebooks,
and a notebook can carry anything: a markdown cell with ``<script>``, an
``onerror=`` attribute or a ``javascript:`` link, an output of type
``text/html`` or ``application/javascript``.  :func:`clean_html` rebuilds the
HTML from what the standard library's parser reads, keeping only what is on
an allowlist:

* **elements** that format text, tables and figures; ``script``, ``iframe``,
  ``object``, ``svg``, forms and the like are removed *with their content*;
  anything else unknown loses its tag and keeps its text;
* **attributes** that only describe (``class``, ``id``, ``alt``, ``scope``,
  ``aria-*`` ...); every ``on*=`` handler and every other attribute is
  dropped;
* **addresses**: a link may go to ``http(s):``, ``mailto:``, a page of the
  site or an anchor; an image only to a ``data:image/...`` picture (as the
  notebooks embed them) or a file of the site, never the network;
* **styles** (``style=`` and ``<style>``) only when they load nothing:
  no ``url(``, ``@import``, ``expression`` or escapes that could hide them.

Text is escaped on the way out and every element is closed, so what comes
out is well-formed whatever went in.  (The standard library's parser is
used rather than a sanitizing package: nothing new to pin, and elements such
as ``script`` must go with their content, which an allowlist that only strips
tags would show as text.)

Examples
--------
>>> clean_html('<p onclick="steal()">Hi <script>alert(1)</script><b>there</b></p>')
'<p>Hi <b>there</b></p>'
>>> clean_html('<a href="javascript:alert(1)">x</a> <a href="02-numbers.html#top">y</a>')
'<a>x</a> <a href="02-numbers.html#top">y</a>'
>>> clean_html('<img src="x" onerror="alert(1)"><img src="https://tracker.example/p.gif">')
'<img src="x"><img>'
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["clean_html", "ALLOWED_TAGS", "DROPPED_WITH_CONTENT"]

#: Elements kept (their attributes still filtered).
ALLOWED_TAGS = frozenset("""
    a abbr article aside b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em
    figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li main mark nav ol p pre q rp rt ruby
    s samp section small span strong style sub summary sup table tbody td tfoot th thead time tr u ul var wbr
""".split())

#: Elements removed together with everything inside them.
DROPPED_WITH_CONTENT = frozenset("""
    script noscript template iframe frame frameset object embed applet param svg math form input button select
    option textarea base link meta title head audio video source track canvas portal dialog
""".split())

_VOID = frozenset("br col hr img wbr".split())

_ATTRIBUTES = frozenset("""
    class id title lang dir role scope colspan rowspan headers abbr align valign border width height alt
    start reversed type open datetime cite span summary
""".split())
_TAG_ATTRIBUTES = {"a": {"href", "name"}, "img": {"src"}, "style": {"scoped", "media"}}

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]+")
_DATA_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_DANGER = re.compile(r"url\s*\(|image-set|@import|expression|javascript|vbscript|behavior|-moz-binding|\\|<", re.I)


def _safe_url(value: str, tag: str) -> bool:
    """Whether an address may stay: no script, and for an image nothing from the network."""
    squeezed = _INVISIBLE.sub("", value).lower()
    if tag == "img":
        if _DATA_IMAGE.match(value.strip()):
            return True
        return not _SCHEME.match(squeezed) and not squeezed.startswith("//")
    match = _SCHEME.match(squeezed)
    if match is None:
        return True  # a relative address or an anchor
    return match.group(1) in ("http", "https", "mailto")


def _safe_css(css: str) -> bool:
    return not _CSS_DANGER.search(_CSS_COMMENT.sub("", css))


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []  # allowed elements open now
        self.skip: list[str] = []  # the dropped element we are inside (and same-named ones nested in it)
        self.style_text: list[str] | None = None

    # -- tags

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        allowed = _TAG_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            name = name.lower()
            value = "" if value is None else value
            if name.startswith("on"):
                continue
            if name in ("href", "src"):
                if name not in allowed or not _safe_url(value, tag):
                    continue
            elif name == "style":
                if not _safe_css(value):
                    continue
            elif not (name in _ATTRIBUTES or name in allowed or (name.startswith("aria-") and name[5:].isalpha())):
                continue
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs) -> None:
        tag = tag.lower()
        if self.skip:
            if tag == self.skip[0]:
                self.skip.append(tag)
            return
        if tag in DROPPED_WITH_CONTENT:
            if tag not in _VOID and tag not in ("input", "base", "link", "meta", "param", "source", "track", "embed", "frame"):
                self.skip.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        if tag == "style":
            self.style_text = []
            self.style_attrs = self._attrs(tag, attrs)
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag not in _VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        tag = tag.lower()
        if self.skip or tag in DROPPED_WITH_CONTENT or tag not in ALLOWED_TAGS or tag == "style":
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.skip:
            if tag == self.skip[0]:
                self.skip.pop()
            return
        if tag == "style" and self.style_text is not None:
            css = "".join(self.style_text)
            if _safe_css(css):
                self.out.append(f"<style{self.style_attrs}>{css}</style>")
            self.style_text = None
            return
        if tag not in self.open:
            return  # a stray end tag: it must not close the page's own elements
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    # -- text

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.style_text is not None:
            self.style_text.append(data)
            return
        self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        pass  # comments go (old browsers ran conditional comments)

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass

    def result(self) -> str:
        self.close()
        if self.style_text is not None:  # an unclosed <style>: drop it
            self.style_text = None
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def clean_html(text: str) -> str:
    """The HTML ``text`` with everything that could run script or load from the network removed.

    Parameters
    ----------
    text : str
        A fragment of HTML (a page's body).

    Returns
    -------
    str
        Well-formed HTML made only of allowed elements and attributes, text
        escaped.  See the module docstring for what is kept.

    Examples
    --------
    >>> clean_html('<div><svg onload="x()"><circle/></svg>a &lt; b</div></main>')
    '<div>a &lt; b</div>'
    >>> clean_html('<span style="color: red">ok</span><span style="background:url(http://x)">no</span>')
    '<span style="color: red">ok</span><span>no</span>'
    """
    cleaner = _Cleaner()
    cleaner.feed(text)
    return cleaner.result()
