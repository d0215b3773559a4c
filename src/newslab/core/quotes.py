"""Find direct quotations in an article.

:func:`find_quotes` returns every passage between quotation marks, with its
offsets into ``Document.text`` (see :mod:`newslab.text`), the sentences and the
paragraph it sits in, and the marks used.  It is the one place that decides what
is a quotation mark and what is an apostrophe, so every lesson agrees.  Standard
library only.

Rules
-----
Quotes are matched inside one paragraph at a time, with a stack, so a quote can
hold another one (``“He said ‘no’ twice,” she said.``) and can span several
sentences.

* Double quotes: ``“ … ”`` (English), ``„ … “`` or ``„ … ”`` (German),
  ``« … »`` and ``‹ … ›`` (French, Swiss), and straight ``" … "``.  A straight
  ``"`` opens after the start of the paragraph, whitespace, an opening bracket,
  a dash or slash or another opening quote, when a non-space follows; it closes
  after a non-space.  A ``"`` right after a digit with no double quote open is
  an inch mark (``a 6" pipe``), not a quote.
* Single quotes: ``‘ … ’`` (British style, headlines), ``‚ … ‘`` and straight
  ``' … '``.  A ``’`` or ``'`` between two letters or digits is an apostrophe
  (``don’t``, ``Taliban’s``, ``rock'n'roll``); so is one before two digits
  (``’90s``, ``'21``).  After a letter and before a non-letter (``Afghans’``),
  it closes a quote only when a single quote is open; otherwise it is an
  apostrophe.  When it looks like a plural possessive (``s’`` followed by a
  space and a word) and another closing single mark follows in the same
  paragraph, the later one closes the quote (``‘The Afghans’ plight is
  real,’ he said``).
* A closing mark with no matching open quote is ignored.  A closing mark of
  one kind closes the innermost open quote of that kind; opening marks above it
  that were never closed are dropped (they were most likely not quotes).
* A quote still open at the end of its paragraph runs to the end of the
  paragraph (``closed=False``): newswire style opens every paragraph of a long
  quotation and closes only the last.  Only the outermost open quote is kept
  this way; unclosed quotes inside it are dropped.

Known limits: a quote that truly spans a paragraph break with no mark at the
start of the next paragraph ends at the paragraph end; a single-quoted word
after a space that itself ends in ``s`` and is followed by more single quotes
may be read as a possessive.

Examples
--------
>>> qs = find_quotes("Fears grow\\n\\n“We will stay. We will build,” the mayor said.")
>>> [(q.text, q.sentence_index, q.last_sentence_index, q.paragraph, q.marks) for q in qs]
[('We will stay. We will build,', 1, 2, 1, '“”')]
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import Document, split_article

__all__ = ["Quote", "find_quotes"]

_DOUBLE = "double"
_SINGLE = "single"

#: characters after which a straight quote is an opening one
_BEFORE_OPEN = "([{<—–-/“‘«‹„‚\"'"
#: characters (besides whitespace) that may follow a closing quote
_AFTER_CLOSE = ".,;:!?…)]}>—–-/”’»›\"'"


@dataclass(frozen=True)
class Quote:
    """One direct quotation.

    Parameters
    ----------
    text : str
        The words between the marks, whitespace collapsed to single spaces,
        punctuation inside the marks kept (``'calm and secure.'``).
    start, end : int
        Offsets into ``Document.text`` (``end`` exclusive) covering the marks
        too: ``doc.text[q.start:q.end]`` is the quotation as printed.  For an
        unclosed quote, ``end`` is the end of the paragraph.
    sentence_index, last_sentence_index : int
        The first and last sentence (``Sentence.index``) the quote touches.
    paragraph : int
        ``Paragraph.index`` of its paragraph (0 = the headline).
    open_mark, close_mark : str
        The marks used; ``close_mark`` is ``''`` for an unclosed quote.
    closed : bool
        False when the quote runs to the end of its paragraph without a
        closing mark.
    depth : int
        0 for a quotation in running text, 1 for a quote inside a quote, ...

    Examples
    --------
    >>> q = find_quotes("‘Calm’ border, says Kabul")[0]
    >>> q
    Quote(text='Calm', start=0, end=6, sentence_index=0, last_sentence_index=0, paragraph=0, open_mark='‘', close_mark='’', closed=True, depth=0)
    >>> q.marks, q.inner_start, q.inner_end
    ('‘’', 1, 5)
    """

    text: str
    start: int
    end: int
    sentence_index: int
    last_sentence_index: int
    paragraph: int
    open_mark: str
    close_mark: str
    closed: bool
    depth: int

    @property
    def marks(self) -> str:
        """The opening and closing marks together (just the opening one if unclosed)."""
        return self.open_mark + self.close_mark

    @property
    def inner_start(self) -> int:
        """Offset of the first character after the opening mark."""
        return self.start + len(self.open_mark)

    @property
    def inner_end(self) -> int:
        """Offset just after the last character before the closing mark."""
        return self.end - len(self.close_mark)


@dataclass
class _Open:
    kind: str
    mark: str
    pos: int


def _is_word(c: str) -> bool:
    return c.isalnum()


def _role(text: str, i: int, start: int, end: int, stack: list[_Open]) -> str:
    """Classify the mark at ``text[i]``: 'open', 'close', 'possessive' or 'none'."""
    c = text[i]
    prev = text[i - 1] if i > start else ""
    nxt = text[i + 1] if i + 1 < end else ""
    after_space = prev == "" or prev.isspace() or prev in _BEFORE_OPEN
    before_space = nxt == "" or nxt.isspace() or nxt in _AFTER_CLOSE
    top = stack[-1] if stack else None
    if c in "«‹„‚":
        return "open"
    if c in "»›":
        return "close"
    if c == "“":
        if top is not None and top.mark == "„":
            return "close"
        if top is not None and top.kind == _DOUBLE and not after_space and before_space:
            return "close"  # a sloppy curly closer
        return "open"
    if c == "”":
        if not any(o.kind == _DOUBLE for o in stack) and after_space and not before_space:
            return "open"  # same mark both ways (e.g. Swedish ”…”)
        return "close"
    if c == '"':
        if after_space and not before_space:
            return "open"
        if not after_space:
            if prev.isdigit() and not any(o.kind == _DOUBLE for o in stack):
                return "none"  # inches: a 6" pipe
            return "close"
        return "none"  # a lone mark between spaces
    # single marks: ‘ ’ '
    if c == "‘" and top is not None and top.mark == "‚":
        return "close"
    if _is_word(prev) and _is_word(nxt):
        return "none"  # don't, Taliban's, rock'n'roll
    if nxt.isdigit() and i + 2 < end and text[i + 2].isdigit():
        return "none"  # '90s, ’21
    if c == "‘":
        if top is not None and top.kind == _SINGLE and not after_space and before_space:
            return "close"
        return "open" if not before_space else "none"
    # ’ or '
    if after_space and not before_space:
        return "open" if c == "'" else "none"
    if not after_space:
        if not any(o.kind == _SINGLE for o in stack):
            return "none"  # Afghans’ with no single quote open
        if prev in "sS" and i + 2 < end and nxt.isspace() and _is_word(text[i + 2]):
            return "possessive"
        return "close"
    return "none"


def _kind(mark: str) -> str:
    return _SINGLE if mark in "‘’'‚‹›" else _DOUBLE


def _scan_paragraph(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, open_mark, close_mark) of each quote in ``text[start:end]``."""
    marks = [i for i in range(start, end) if text[i] in "“”\"‘’'«»‹›„‚"]
    stack: list[_Open] = []
    found: list[tuple[int, int, str, str]] = []
    roles: dict[int, str] = {}
    for n, i in enumerate(marks):
        role = _role(text, i, start, end, stack)
        if role == "possessive":
            # a plural possessive if another single closer comes later
            later = any(
                text[j] in "’'" and _role(text, j, start, end, stack) in ("close", "possessive")
                for j in marks[n + 1 :]
            )
            role = "none" if later else "close"
        roles[i] = role
        if role == "open":
            stack.append(_Open(_kind(text[i]), text[i], i))
        elif role == "close":
            kind = _kind(text[i]) if text[i] not in "“" else _DOUBLE
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].kind == kind:
                    o = stack[k]
                    del stack[k:]
                    found.append((o.pos, i + 1, o.mark, text[i]))
                    break
    if stack:
        o = stack[0]
        found.append((o.pos, end, o.mark, ""))
    return found


def find_quotes(document_or_text: Document | str, headline: bool = True) -> list[Quote]:
    """Every direct quotation in an article, in order of where it starts.

    Parameters
    ----------
    document_or_text : Document or str
        A :class:`newslab.text.Document`, or the article text (split with
        :func:`newslab.text.split_article`).
    headline : bool, default True
        Passed to ``split_article`` when text is given.

    Returns
    -------
    list of Quote
        Sorted by ``start``; a quote inside a quote comes after the quote
        that holds it and has a larger ``depth``.

    Raises
    ------
    TypeError
        If given something other than a Document or a str.

    Examples
    --------
    >>> doc = split_article("Head\\n\\n“It is ‘a calamity’, and we don’t accept it,” the minister said.")
    >>> [(q.text, q.depth) for q in find_quotes(doc)]
    [('It is ‘a calamity’, and we don’t accept it,', 0), ('a calamity', 1)]
    >>> q = find_quotes("Head\\n\\n\\"The river is rising. We are ready\\n\\n\\"We have sandbags,\\" he said.")[0]
    >>> q.text, q.closed, q.paragraph
    ('The river is rising. We are ready', False, 1)
    >>> [q.text for q in find_quotes("The Afghans’ plight and the donors’ doubts")]
    []
    """
    if isinstance(document_or_text, str):
        doc = split_article(document_or_text, headline)
    elif isinstance(document_or_text, Document):
        doc = document_or_text
    else:
        raise TypeError(f"find_quotes needs a Document or a str, not {type(document_or_text).__name__}")
    text = doc.text
    spans: list[tuple[int, int, str, str, int]] = []
    for p in doc.paragraphs:
        for s, e, om, cm in _scan_paragraph(text, p.start, p.end):
            spans.append((s, e, om, cm, p.index))
    spans.sort(key=lambda t: (t[0], -t[1]))
    quotes: list[Quote] = []
    # Quotes nest only inside one paragraph.  Per paragraph, the quotes still open at the
    # current start: every quote that contains the current one is among them (counting over
    # all earlier quotes of the paragraph instead made a long paragraph of quotes quadratic).
    open_in: dict[int, list[tuple[int, int]]] = {}
    for s, e, om, cm, para in spans:
        still_open = open_in.setdefault(para, [])
        while still_open and still_open[-1][1] <= s:
            still_open.pop()
        depth = sum(1 for qs, qe in still_open if qs < s and e <= qe)
        still_open.append((s, e))
        first = doc.sentence_at(s)
        last = doc.sentence_at(e - 1)
        inner = text[s + len(om) : e - len(cm)]
        quotes.append(
            Quote(
                text=" ".join(inner.split()),
                start=s,
                end=e,
                sentence_index=first.index if first else -1,
                last_sentence_index=last.index if last else -1,
                paragraph=para,
                open_mark=om,
                close_mark=cm,
                closed=bool(cm),
                depth=depth,
            )
        )
    return quotes
