"""Split an article into its headline, paragraphs and sentences, and find text in it.

Every lesson that points at "sentence 4" or "the third paragraph", and every
table cell that must "occur in the article" (see ``cases/README.md``), goes
through this module, so its rules are written down here for the next developer.
It uses the standard library only and compiles its few regular expressions at
import time, so importing it is cheap.

Offsets
-------
:func:`split_article` first turns ``\\r\\n`` and ``\\r`` into ``\\n`` and drops
the invisible characters of ``_INVISIBLE`` (zero-width space, word joiner,
zero-width no-break space, soft hyphen, invisible operators), which would
otherwise split a word or a number ("5\\u200b000" is 5000) without showing
(:func:`normalize_text`); it changes nothing else, and that string is
``Document.text``.  Zero-width joiners and non-joiners are kept: they shape
Arabic, Persian and Indic script and emoji.  Every ``start``/``end`` is an offset into it (``end``
exclusive) and never includes surrounding whitespace, so
``doc.text[s.start:s.end]`` is the raw sentence and ``s.text`` is the same slice
with every run of whitespace collapsed to one space.

Paragraphs
----------
* A blank line is an empty line or one holding only whitespace.  Blank lines
  before the first and after the last line of text are ignored.
* If there is a blank line between two lines of text, paragraphs are the runs of
  non-blank lines between blank lines; the lines of one paragraph are
  hard-wrapped text and are joined in ``Paragraph.text``.
* If there is no blank line at all, every non-empty line is a paragraph.
* Headline (``headline=True``, the default): the first non-empty *line* is
  paragraph 0 and sentence 0, as one unit, even if it contains a full stop.  If
  it was the first line of a longer block, the rest of that block becomes
  paragraph 1.  With ``headline=False`` there is no headline, and numbering
  still starts at 0.
* A byte-order mark at the very start of the text is skipped (the file reader
  already drops it; this only protects callers that pass raw text).

Sentences
---------
Sentence indices run over the whole document; the headline is never split.
Inside a paragraph a *boundary* is a terminator -- ``.``, ``!``, ``?``, ``…`` or
a run of them such as ``...`` or ``?!`` -- optionally followed by closing quotes
or brackets (``” ’ " ' ) ] » ›``, the German closing ``“ ‘``, a French ``»``
after a space), then whitespace, then something that can
start a sentence: a letter that is not lower case (upper case, or a script
without case) or a digit, optionally behind opening quotes or brackets
(``“ ‘ " ' ( [ « ‹ „ ‚ ¿ ¡``).  So ``3.5``, ``1,037.5`` and ``v2.0`` (no
whitespace) and ``e.g. the`` or ``… and then`` (lower case next) never split.
A boundary also needs a letter or digit before it in the same sentence, so a
quotation opening with ``“… `` does not become a sentence of its own.

When the terminator is ``!``, ``?``, an ellipsis, or a ``.`` followed by a
closing quote or bracket (``“calm and secure.” Officials``, ``(see below.)
Next``), that is enough.  A bare ``.`` is first checked against the word it ends
(opening punctuation stripped; the lists are the module constants below).
The lists are matched case-sensitively, so "a sales rep. Prices rose" and "at
9 p.m. EST. The show" split:

1. ``_TITLES`` -- titles that always come before a name (``Mr. Dr. Gen. Sen.``
   ...) -- and ``_ALWAYS_ABBREVIATIONS`` (``vs. e.g. i.e. cf. approx. est.``
   ..., also with a capital first letter): never a boundary.
2. A single lower-case letter (``p. 4``, ``Roe v. Wade``, ``c. 1900``): never.
3. ``_BEFORE_NUMBER`` -- months (``Jan. 5``, ``Sept. 11``), ``No. Nos. Art.
   Vol. Fig. ca.`` and currencies (``Rs. 500``, ``Sh. 20``) ...: not a boundary
   when a digit follows.  All-caps spellings count too (``JAN. 5``).
4. Words that also end sentences -- dotted acronyms (``U.S. U.N. a.m. Ph.D.``),
   single capital letters (initials: ``J. K. Rowling``, ``George W. Bush``) and
   ``_ENDS_SENTENCE_SOMETIMES`` (``Jr. Sr. St. Inc. Corp. Ltd. Co. etc.`` and
   the AP state abbreviations ``Calif. Ill. Colo.`` ...): a boundary only when
   the next word is a common sentence opener from ``_SENTENCE_OPENERS``
   (``The``, ``He``, ``But``, ``However``, ...).  "He flew to the U.S. The talks
   failed." is two sentences; "the U.S. Army said" is one, and so is the
   dateline "DENVER, Colo. (AP) -- ...".  A one-letter opener followed by a full
   stop (``J. A. Smith``) is an initial, not an opener.  Of all-caps words only
   the dateline places in ``_CAPS_PLACES`` are treated this way (``ST. LOUIS
   (AP)``, ``FT. WORTH``); any other all-caps word (``EST. MS. BBC.``) is
   ordinary.
5. Anything else: a boundary -- except a number of up to three digits that is
   all the sentence holds so far (a list item such as ``2. The second
   point``).

Known limits, chosen on purpose: a sentence that starts in lower case
(``iPhone sales ...``) is joined to the one before; an abbreviation from list 4
at the real end of a sentence followed by a word not in the opener list
("... in Jackson, Miss. Police said") is not split; ``Yahoo! Inc.`` is split;
a hyphen at the end of a hard-wrapped line is kept ("inter- national").

Matching
--------
:func:`normalize_for_match` collapses whitespace (non-breaking spaces count),
strips, and straightens curly quotes and apostrophes, keeping case, so a table
can be typed on a plain keyboard.  :func:`occurs_in` compares normalised texts;
:func:`find_in` says where in the *original* text the match starts.

Examples
--------
>>> doc = split_article("Talks fail. Again\\n\\nThe U.N. envoy left. He said “no.” Then he flew to the U.S. The end.")
>>> doc.headline.text
'Talks fail. Again'
>>> [s.text for s in doc.sentences[1:]]
['The U.N. envoy left.', 'He said “no.”', 'Then he flew to the U.S.', 'The end.']
>>> doc.sentence_at(find_in('said "no."', doc.text)).index
2
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

__all__ = [
    "Paragraph",
    "Sentence",
    "Document",
    "normalize_newlines",
    "normalize_text",
    "merged_spans",
    "split_paragraphs",
    "split_sentences",
    "split_article",
    "normalize_for_match",
    "occurs_in",
    "find_in",
    "find_all_in",
]

# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------

_TERMINATORS = ".!?…"
#: closing quotes/brackets allowed between a terminator and the whitespace
_CLOSERS = "”’\"')]»›“‘"
#: opening quotes/brackets allowed before the first letter of a sentence
_OPENERS = "“‘\"'([«‹„‚¿¡"
#: stripped from the front of the word before a full stop ("(Mr." -> "Mr")
_WORD_LEAD = _OPENERS + "—–-/"

# --------------------------------------------------------------------------
# Abbreviation lists (see the module docstring for how each list is used)
# --------------------------------------------------------------------------

#: Titles that always precede a name: a full stop after them never ends a sentence.
#: Matched case-sensitively, so "a sales rep. The" still splits.
_TITLES = frozenset(
    """
    Mr Mrs Ms Mx Messrs Mmes Mme Mlle Sra Srta Dr Drs Prof Profs Gen Gens Lt Col Capt Cmdr
    Cdr Adm Maj Brig Sgt Cpl Pvt Spc Sen Sens Rep Reps Gov Govs Pres Rev Revd Hon
    Rt Mt Ft Fr Supt Insp Det Atty Amb
    """.split()
)

#: Never end a sentence; also matched with a capital first letter ("E.g.",
#: "Est. 1902" at a sentence start) but not in all caps ("9 p.m. EST. The").
_ALWAYS_ABBREVIATIONS = frozenset("vs e.g i.e cf approx est viz incl".split())

#: Not a sentence end when a digit follows ("Jan. 5", "No. 1", "Rs. 500").
_BEFORE_NUMBER = frozenset(
    """
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    No Nos Art Arts Vol Vols Fig Figs Ch Sec Para Op pp vol fig para ca
    Rs Sh Ksh Tk Rp
    """.split()
)

#: Abbreviations that often end a sentence: a boundary only before a sentence
#: opener.  Case-sensitive ("Ill." the state, not "ill.").  Includes the AP
#: abbreviations of US states and a few Canadian provinces used in datelines.
_ENDS_SENTENCE_SOMETIMES = frozenset(
    """
    Jr Sr St Sts Inc Corp Ltd Co Cos Bros Plc Dept Univ Govt Assn Ave Blvd Rd etc al
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn
    Miss Mo Mont Neb Nev Okla Ore Pa Tenn Vt Va Wash Wis Wyo Ont Que Alta Sask
    """.split()
)

#: Capitalised words that very often start a sentence.  After an abbreviation
#: from the list above, a dotted acronym or an initial, the full stop ends the
#: sentence only if one of these follows.  Kept modest on purpose: a word here
#: that also starts names ("Under Secretary") would cause wrong splits.
_SENTENCE_OPENERS = frozenset(
    """
    The A An He She It I We They You This That These Those There Here
    His Her Its Their Our My Your But And Yet So For From With By
    In On At As If When While After Before Since Although Though However
    Meanwhile Still Also Then Now Some Many Both Each Another Officials
    According Earlier Later Despite During What Why How Who Where
    """.split()
)

#: All-caps words that are abbreviations in datelines ("ST. LOUIS (AP) --"):
#: treated like the list above.  Other all-caps words ("EST.", "MS.") are not
#: looked up in any list, so they end sentences like ordinary words.
_CAPS_PLACES = frozenset("St Ste Ft Mt Pt".split())

# --------------------------------------------------------------------------
# Regular expressions.  All run in linear time: possessive quantifiers and
# atomic groups never give back what they matched, and every repeat of a group
# consumes a line break.
# --------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A line break followed by one or more blank lines (atomic, so "\r\n" is never
# read as "\r" plus an empty line).
_BLANK_RUN = re.compile(r"(?>\r\n|\r|\n)(?:[^\S\r\n]*+(?>\r\n|\r|\n))++")
_NON_SPACE = re.compile(r"\S")
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
# A terminator run (only from its first character, so a long run of dots is
# scanned once), its closers, and the whitespace after them.
_CANDIDATE = re.compile(
    rf"(?<![{re.escape(_TERMINATORS)}])"
    rf"(?P<term>[{re.escape(_TERMINATORS)}]++)"
    rf"(?P<close>(?:[ \u00a0\u202f\u2009]?+[»›])?+[{re.escape(_CLOSERS)}]*+)"
    r"\s++"
)

#: Characters that show nothing and carry no meaning in running text: zero-width
#: space, word joiner, zero-width no-break space (a byte-order mark inside the
#: text), soft hyphen and the invisible math operators.  :func:`normalize_text`
#: drops them, once, so that no extractor has to know about them.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\u2061\u2062\u2063\u2064"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")

_SINGLE_QUOTES = "‘’‚‛′"
_DOUBLE_QUOTES = "“”„‟″«»"
# Non-breaking spaces (U+00A0, U+202F, U+2007) need no entry: Python counts
# them as whitespace, so collapsing whitespace already turns them into spaces.
_MATCH_MAP = {**{c: "'" for c in _SINGLE_QUOTES}, **{c: '"' for c in _DOUBLE_QUOTES}, **dict.fromkeys(_INVISIBLE, "")}
# One pass: quotes straightened, invisibles dropped.  A regex visits only the characters it
# changes; str.translate with a table looks every character up (0.37 s on a 5 MB article, 0.06 s this way).
_MATCH_RE = re.compile("[" + re.escape("".join(_MATCH_MAP)) + "]")
_MATCH_CLASS = {
    "'": "['" + _SINGLE_QUOTES + "]",
    '"': '["' + _DOUBLE_QUOTES + "]",
    " ": r"\s+",
}


def _collapse(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article.

    Parameters
    ----------
    index : int
        Position among the paragraphs, from 0.  With a headline, 0 is the
        headline paragraph.
    start, end : int
        Offsets into ``Document.text`` (``end`` exclusive), without the
        surrounding whitespace.
    text : str
        ``Document.text[start:end]`` with every run of whitespace (including the
        line breaks of hard-wrapped lines) collapsed to one space.

    Examples
    --------
    >>> p = split_paragraphs("Title\\n\\nA hard-\\nwrapped   line.", headline=True)[1]
    >>> p
    Paragraph(index=1, start=7, end=30, text='A hard- wrapped line.')
    """

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article (the headline counts as one).

    Parameters
    ----------
    index : int
        Position among all sentences of the document, from 0.  With a headline,
        0 is the headline.
    paragraph : int
        The ``Paragraph.index`` the sentence sits in.
    start, end : int
        Offsets into ``Document.text`` (``end`` exclusive), without the
        surrounding whitespace.
    text : str
        The slice with every run of whitespace collapsed to one space.

    Examples
    --------
    >>> split_article("Headline\\n\\nOne.  Two\\nlines.").sentences[2]
    Sentence(index=2, paragraph=1, start=16, end=26, text='Two lines.')
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str


_sentence_start = attrgetter("start")
_sentence_paragraph = attrgetter("paragraph")


@dataclass(frozen=True, repr=False)
class Document:
    """An article split into paragraphs and sentences.

    Make one with :func:`split_article`.

    Parameters
    ----------
    text : str
        The article as :func:`normalize_text` gives it (``\\r\\n`` and ``\\r``
        turned into ``\\n``, invisible characters dropped); all offsets point
        into it.
    paragraphs : tuple of Paragraph
        In order, numbered from 0.
    sentences : tuple of Sentence
        In order, numbered from 0 across the whole document.
    has_headline : bool
        True when the document was split with ``headline=True`` and has text,
        so that paragraph 0 and sentence 0 are the headline.

    Examples
    --------
    >>> doc = split_article("Storm hits coast\\n\\nWinds rose. Roofs flew.")
    >>> doc
    Document(paragraphs=2, sentences=3, has_headline=True, text='Storm hits coast\\n\\nWinds rose. Roofs flew.')
    >>> [s.text for s in doc.sentences]
    ['Storm hits coast', 'Winds rose.', 'Roofs flew.']
    """

    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    has_headline: bool

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return (
            f"Document(paragraphs={len(self.paragraphs)}, sentences={len(self.sentences)}, "
            f"has_headline={self.has_headline}, text={shown!r})"
        )

    @property
    def headline(self) -> Sentence | None:
        """The headline sentence, or None when there is no headline.

        Examples
        --------
        >>> split_article("Storm hits coast\\n\\nWinds rose.").headline.text
        'Storm hits coast'
        >>> split_article("Winds rose.", headline=False).headline is None
        True
        """
        return self.sentences[0] if self.has_headline and self.sentences else None

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """The paragraphs without the headline.

        Examples
        --------
        >>> [p.text for p in split_article("Storm\\n\\nWinds rose.\\n\\nRoofs flew.").body]
        ['Winds rose.', 'Roofs flew.']
        """
        return self.paragraphs[1:] if self.has_headline else self.paragraphs

    def sentences_in(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of one paragraph, in order.

        Parameters
        ----------
        paragraph : int
            A ``Paragraph.index``.  An index with no paragraph gives ``()``.

        Returns
        -------
        tuple of Sentence

        Examples
        --------
        >>> doc = split_article("Storm\\n\\nWinds rose. Roofs flew.\\n\\nNobody was hurt.")
        >>> [s.index for s in doc.sentences_in(1)]
        [1, 2]
        >>> doc.sentences_in(7)
        ()
        """
        lo = bisect_left(self.sentences, paragraph, key=_sentence_paragraph)
        hi = bisect_right(self.sentences, paragraph, lo=lo, key=_sentence_paragraph)
        return self.sentences[lo:hi]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing the character at ``offset`` of ``text``.

        Parameters
        ----------
        offset : int
            An offset into ``Document.text``, e.g. from :func:`find_in`.

        Returns
        -------
        Sentence or None
            None when the offset is outside the text or on whitespace between
            two sentences.

        Examples
        --------
        >>> doc = split_article("Storm\\n\\nWinds rose. Roofs flew.")
        >>> doc.sentence_at(doc.text.index("Roofs")).text
        'Roofs flew.'
        >>> doc.sentence_at(-1) is None, doc.sentence_at(5) is None
        (True, True)
        """
        i = bisect_right(self.sentences, offset, key=_sentence_start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None


# --------------------------------------------------------------------------
# Splitting
# --------------------------------------------------------------------------


def normalize_newlines(text: str) -> str:
    """Turn Windows (``\\r\\n``) and old Mac (``\\r``) line endings into ``\\n``.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The same text, with nothing else changed.

    Examples
    --------
    >>> normalize_newlines("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(text: str) -> str:
    """The text every offset of a :class:`Document` points into.

    Line endings become ``\\n`` (:func:`normalize_newlines`) and the invisible
    characters of ``_INVISIBLE`` are dropped (except a byte-order mark at the
    very start, which the splitter skips); nothing else changes.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_text("Some 5\\u200b000 people\\r\\nfled; a co\\u00adoperative")
    'Some 5000 people\\nfled; a cooperative'
    """
    text = normalize_newlines(text)
    # a byte-order mark at the very start stays (split_paragraphs skips it), so that
    # offsets into a file read without the reader's help still line up
    if _INVISIBLE_RE.search(text, 1) is None:
        return text
    return text[:1] + _INVISIBLE_RE.sub("", text[1:])


def split_paragraphs(text: str, headline: bool = True) -> list[Paragraph]:
    """Split text into paragraphs, following the article-file rules.

    Paragraphs are separated by blank lines; if there is no blank line at all,
    every non-empty line is a paragraph.  With ``headline=True`` the first
    non-empty line is paragraph 0 on its own.  ``\\r\\n`` and ``\\r`` count as
    line breaks, and offsets point into ``text`` as given.

    Parameters
    ----------
    text : str
        The whole article.
    headline : bool, default True
        Whether the first line is the headline.

    Returns
    -------
    list of Paragraph
        Empty when the text is empty or only whitespace.

    Examples
    --------
    >>> [p.text for p in split_paragraphs("Title\\nBy Jane Doe\\nand\\n\\nBody text.")]
    ['Title', 'By Jane Doe and', 'Body text.']
    >>> [p.text for p in split_paragraphs("One.\\nTwo.\\nThree.", headline=False)]
    ['One.', 'Two.', 'Three.']
    >>> split_paragraphs(" \\n\\t\\n")
    []
    """
    begin = 1 if text.startswith("\ufeff") else 0
    # (start, end) of each run of text between blank lines, trimmed; the
    # whitespace-only runs before the first and after the last line drop out.
    blocks: list[tuple[int, int]] = []
    for m in _BLANK_RUN.finditer(text, begin):
        _add_trimmed(text, begin, m.start(), blocks)
        begin = m.end()
    _add_trimmed(text, begin, len(text), blocks)

    if len(blocks) == 1:  # no blank line between two lines of text: one line, one paragraph
        spans = _line_spans(text, *blocks[0])
    else:
        spans = blocks
        if headline and blocks:
            s, e = blocks[0]
            spans = _line_spans(text, s, e, limit=1) + blocks[1:]
    return [Paragraph(i, s, e, _collapse(text[s:e])) for i, (s, e) in enumerate(spans)]


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``(start, end)`` without its surrounding whitespace, unless it is all whitespace."""
    first = _NON_SPACE.search(text, start, end)
    if first is not None:
        spans.append((first.start(), start + len(text[start:end].rstrip())))


def _line_spans(text: str, start: int, end: int, limit: int = -1) -> list[tuple[int, int]]:
    """The trimmed non-blank lines of ``text[start:end]``; after ``limit`` lines the rest is one span."""
    spans: list[tuple[int, int]] = []
    for m in _LINE_BREAK.finditer(text, start, end):
        if len(spans) == limit:
            break
        _add_trimmed(text, start, m.start(), spans)
        start = m.end()
    _add_trimmed(text, start, end, spans)
    return spans


def _starts_sentence(text: str, pos: int) -> bool:
    """True if ``text[pos:]`` can start a sentence (after opening quotes)."""
    n = len(text)
    j = pos
    while j < n and j < pos + 3 and text[j] in _OPENERS:
        j += 1
    if j >= n:
        return False
    c = text[j]
    return c.isdecimal() or (c.isalpha() and not c.islower())


def _opener_follows(text: str, pos: int) -> bool:
    """True if the word at ``pos`` (after opening quotes) is a common sentence opener."""
    n = len(text)
    j = pos
    while j < n and j < pos + 3 and text[j] in _OPENERS:
        j += 1
    m = _WORD.match(text, j)
    if m is None or m.group() not in _SENTENCE_OPENERS:
        return False
    # "J. A. Smith": a one-letter word followed by a full stop is an initial.
    return not (len(m.group()) == 1 and text.startswith(".", m.end()))


def _word_before(text: str, pos: int) -> str:
    """The whitespace-delimited word ending at ``pos``, without opening punctuation."""
    window = text[max(0, pos - 40) : pos]
    if not window or window[-1].isspace():
        return ""
    return window.split()[-1].lstrip(_WORD_LEAD)


def _digit_follows(text: str, pos: int) -> bool:
    """True if a digit comes at ``pos``, after at most three opening quotes/brackets."""
    n = len(text)
    j = pos
    while j < n and j < pos + 3 and text[j] in _OPENERS:
        j += 1
    return j < n and text[j].isdecimal()


def _full_stop_ends_sentence(text: str, stop: int, nxt: int) -> bool:
    """Decide a bare ``.`` at ``stop`` followed by whitespace and a capital at ``nxt``."""
    word = _word_before(text, stop)
    if not word:
        return True
    if (
        word in _TITLES
        or word in _ALWAYS_ABBREVIATIONS
        or (word[0].isupper() and word[0].lower() + word[1:] in _ALWAYS_ABBREVIATIONS)
    ):
        return False
    if len(word) == 1 and word.islower():
        return False
    caps = len(word) > 1 and word.isupper() and "." not in word
    key = word.title() if caps else word
    if key in _BEFORE_NUMBER:
        return not _digit_follows(text, nxt)
    if caps:  # "EST.", "MS.", "BBC.": ordinary words, except dateline places
        return key not in _CAPS_PLACES or _opener_follows(text, nxt)
    if word in _ENDS_SENTENCE_SOMETIMES or (len(word) == 1 and word.isalpha()) or _DOTTED.fullmatch(word):
        return _opener_follows(text, nxt)
    return True


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split one paragraph's text into sentence spans.

    See the module docstring for the rules.  Runs in time linear in the length
    of ``text``.

    Parameters
    ----------
    text : str
        The text of one paragraph (it may contain line breaks).
    offset : int, default 0
        Added to every offset, e.g. the paragraph's start in the document.

    Returns
    -------
    list of (int, int)
        ``(start, end)`` of each sentence, ``end`` exclusive, without the
        surrounding whitespace.  Empty for empty or whitespace-only text; text
        without final punctuation is still one sentence.

    Examples
    --------
    >>> t = "Mr. Lee paid $3.5 million. “We will fight. We will win,” he said."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Mr. Lee paid $3.5 million.', '“We will fight.', 'We will win,” he said.']
    >>> split_sentences("  What now? Nobody knows", offset=100)
    [(102, 111), (112, 124)]
    """
    first = _NON_SPACE.search(text)
    if first is None:
        return []
    start = first.start()
    end = len(text.rstrip())
    spans: list[tuple[int, int]] = []
    first_alnum = -1  # first letter/digit at or after `start`
    for m in _CANDIDATE.finditer(text, start):
        nxt = m.end()
        if nxt >= end:
            break
        stop = m.start()
        if first_alnum < start:
            found = _ALNUM.search(text, start)
            first_alnum = found.start() if found else len(text)
        if first_alnum >= stop:  # nothing but punctuation so far ("“… the")
            continue
        if not _starts_sentence(text, nxt):
            continue
        if m.group("term") == "." and not m.group("close"):
            if stop - start <= 3 and text[start:stop].isdecimal():  # "1. The first point"
                continue
            if not _full_stop_ends_sentence(text, stop, nxt):
                continue
        close_end = m.end("close")
        spans.append((start + offset, close_end + offset))
        start = nxt
    spans.append((start + offset, end + offset))
    return spans


def split_article(text: str, headline: bool = True) -> Document:
    """Split an article into paragraphs and sentences.

    Parameters
    ----------
    text : str
        The whole article; line endings may be ``\\n``, ``\\r\\n`` or ``\\r``.
        Offsets point into :func:`normalize_text` of it (``Document.text``).
    headline : bool, default True
        Whether the first non-empty line is the headline (paragraph 0 and
        sentence 0, never split).

    Returns
    -------
    Document
        With no paragraphs or sentences if the text is empty or whitespace.

    Examples
    --------
    >>> doc = split_article("Gen. Ochieng visits Kisumu\\r\\n\\r\\nNAIROBI, Kenya (AP) — He arrived. Crowds cheered.")
    >>> [(s.index, s.paragraph, s.text) for s in doc.sentences]
    [(0, 0, 'Gen. Ochieng visits Kisumu'), (1, 1, 'NAIROBI, Kenya (AP) — He arrived.'), (2, 1, 'Crowds cheered.')]
    >>> split_article("  \\n ").paragraphs
    ()
    """
    text = normalize_text(text)
    paragraphs = split_paragraphs(text, headline)
    has_headline = headline and bool(paragraphs)
    sentences: list[Sentence] = []
    for p in paragraphs:
        if has_headline and p.index == 0:
            spans = [(p.start, p.end)]
        else:
            spans = split_sentences(text[p.start : p.end], p.start)
        for a, b in spans:
            sentences.append(Sentence(len(sentences), p.index, a, b, _collapse(text[a:b])))
    return Document(text, tuple(paragraphs), tuple(sentences), has_headline)


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


def normalize_for_match(text: str) -> str:
    """Normalise text for "occurs in the article" comparisons.

    Curly quotes and apostrophes are straightened (``‘ ’ ‚ ‛ ′`` become ``'``;
    ``“ ” „ ‟ ″ « »`` become ``"``), non-breaking spaces become spaces, the
    invisible characters of ``_INVISIBLE`` are dropped (as in
    ``Document.text``), runs of whitespace become one space and the ends are
    stripped.  Case is kept.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> normalize_for_match("  the Taliban’s\\n“philosophy”\\u00a0here ")
    'the Taliban\\'s "philosophy" here'
    """
    return " ".join(_MATCH_RE.sub(lambda m: _MATCH_MAP[m.group()], text).split())


def occurs_in(needle: str, haystack: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are normalised.

    Parameters
    ----------
    needle : str
        E.g. a table cell typed on a plain keyboard.
    haystack : str
        E.g. the article text.

    Returns
    -------
    bool
        False for a needle that is empty or only whitespace.

    Examples
    --------
    >>> occurs_in('"calm and  secure."', "was “calm and\\nsecure.”")
    True
    >>> occurs_in("Calm", "was “calm”"), occurs_in("  ", "text")
    (False, False)
    """
    wanted = normalize_for_match(needle)
    return bool(wanted) and wanted in normalize_for_match(haystack)


def find_in(needle: str, doc_text: str) -> int:
    """Where the normalised ``needle`` starts in the original ``doc_text``.

    The match is the same as :func:`occurs_in` (whitespace collapsed, quotes
    straightened), but the offset returned is into ``doc_text`` as given, so
    :meth:`Document.sentence_at` can say which sentence the text begins in.
    (Instead of mapping normalised positions back, the normalised needle is
    turned into a pattern that matches every original spelling: a space matches
    any run of whitespace, a straight quote any of its curly forms.)

    Parameters
    ----------
    needle : str
    doc_text : str

    Returns
    -------
    int
        The offset of the first match, or -1 when there is none or the needle
        is empty.

    Examples
    --------
    >>> text = "Head\\n\\nIt is “trying to\\n strike a compromise.”"
    >>> find_in('"trying to strike', text)
    12
    >>> find_in("absent", text)
    -1
    """
    pattern = _match_pattern(needle)
    m = re.search(pattern, doc_text) if pattern else None
    return m.start() if m else -1


def find_all_in(needle: str, doc_text: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of the normalised ``needle`` in the original ``doc_text``, in order.

    The same match as :func:`find_in` (whitespace collapsed, quotes straightened),
    for each occurrence: the words of a claim written twice in an article.

    Examples
    --------
    >>> find_all_in("two  nights", "Two days, two nights and two\\nnights.")
    [(10, 20), (25, 35)]
    >>> find_all_in("", "text")
    []
    """
    pattern = _match_pattern(needle)
    return [(m.start(), m.end()) for m in re.finditer(pattern, doc_text)] if pattern else []


def _match_pattern(needle: str) -> str:
    """The regular expression that matches every original spelling of the normalised ``needle`` ("" if empty)."""
    return "".join(_MATCH_CLASS.get(c) or re.escape(c) for c in normalize_for_match(needle))


def merged_spans(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping ``(start, end)`` spans merged, as sorted lists of starts and ends.

    The extractors use it to skip, in one look-up, every stretch of text that an
    earlier rule already claimed (a mask of any length).

    Parameters
    ----------
    spans : list of (int, int)

    Returns
    -------
    (list of int, list of int)
        The starts and the ends of disjoint spans, in order.

    Examples
    --------
    >>> merged_spans([(5, 9), (0, 2), (1, 4), (8, 12)])
    ([0, 5], [4, 12])
    """
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends
