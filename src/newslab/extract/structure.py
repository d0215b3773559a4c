"""How a news story is built: byline, dateline, lede, nut graph, kicker, and what each paragraph adds.

A wire story is written as an *inverted pyramid*: the **lede** (first paragraph)
says what happened, the **nut graph** soon after says why it matters, and each
later paragraph adds detail a reader could do without; the **kicker** is the last
paragraph.  Above the lede a printed story often carries a **byline** (who wrote
it) and opens with a **dateline** ("TEHRAN (AFP) —": where it was filed).

This module finds the parts a rule can find, and leaves the judgement calls to
students:

* :func:`find_byline`, :func:`find_dateline` -- present or not, and where;
* :func:`lede`, :func:`kicker` -- the first and last paragraphs of the story
  proper (a byline or a credit line such as "Reporting by ..." is skipped);
* :func:`nut_graph_candidates` -- paragraphs right after the lede that explain
  ("fears", "because", "concern" ...): candidates to argue about, not an answer;
* :func:`tag_paragraphs` -- for each paragraph, what it adds under **who**,
  **what**, **when**, **where** and **why**, by the simple rules written in its
  docstring, for the inverted-pyramid chart (:func:`newslab.plots.reading.pyramid`).

Paragraph numbers are those of :func:`newslab.text.split_article` (0 is the
headline, 1 the first paragraph below it).  Standard library only, apart from
pandas in :func:`tag_paragraphs` (imported when it is called).

Examples
--------
>>> from newslab.text import split_article
>>> doc = split_article("Dam bursts\\n\\nBy Ana Ruiz\\n\\nLIMA (Reuters) - A dam burst on Monday.\\n\\n"
...                     "Officials fear more floods because rain is forecast.\\n\\nReporting by Ana Ruiz")
>>> find_byline(doc).index, lede(doc).index, kicker(doc).index
(1, 2, 3)
>>> find_dateline(doc)
('LIMA (Reuters) -', 2)
>>> [p.index for p in nut_graph_candidates(doc)]
[3]
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from typing import Iterable, TYPE_CHECKING

from ..core import text as _text
from ..core.quotes import find_quotes
from . import dates as _dates

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["WS", "WHY_CUES", "MISSING_CHOICES", "lede_index", "kicker_index", "quoted_speaker_count", "missing_parts", "find_byline", "find_dateline", "lede", "kicker", "nut_graph_candidates", "tag_paragraphs"]

#: The five questions, in the order the chart shows them.
WS = ("who", "what", "when", "where", "why")

#: Words that signal an explanation: a cause, a fear, a consequence, a purpose.
WHY_CUES = (
    "because", "due to", "owing to", "as a result", "so that", "in order to", "why", "reason", "reasons",
    "fear", "fears", "feared", "concern", "concerns", "concerned", "worry", "worries", "worried", "alarm",
    "alarmed", "threat", "threats", "threaten", "threatens", "risk", "risks", "danger", "dangers",
    "consequence", "consequences", "ramifications", "repercussions", "impact", "exacerbate", "imperative",
    "aim", "aims", "goal", "motive", "stakes", "amid",
)
_WHY = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(WHY_CUES, key=len, reverse=True)) + r")\b", re.I)

_BYLINE = re.compile(r"^(?:By|BY|From|Por|Par|Von)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\b")
_CREDIT = re.compile(
    r"^(?:\(?(?:Reporting|Additional reporting|Writing|Editing|Compiled)\s+by\b|©|\(c\)|Copyright\b|"
    r"[—–-]+\s*[A-Z][\w ]{0,30}$|\([A-Z][\w/ ]{0,20}\)$)", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*)"           # TEHRAN, NEW YORK, ST. LOUIS
    r"(?:,\s+[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,2}){0,2}"                   # , India / , June 20
    r"(?:,?\s+\d{1,2}(?:\s+[A-Z][a-z]+\.?)?)?"                          # 17 July / Aug. 5
    r"(?:,?\s+\d{4})?"                                                   # 2021 (a year after the day)
    r"\s*(?:\((?P<agency>[A-Za-z][\w/ -]{0,20})\))?"                   # (AFP)
    r"\s*(?:[—–:-]+|\s{2,})"
)
_NUMBER = re.compile(
    r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|percent)\b", re.I)
_NAME = re.compile(r"(?<![\w-])[A-Z][\w’'-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+|von\s+)?[A-Z][\w’'-]*)*")
#: A single capitalised word before a lower-case one, with one of these endings,
#: is an adjective of nationality or faith ("Afghan government", "Shiite Iran").
_ADJECTIVE = re.compile(r"(?:an|ian|ese|ish|ic|ite|i)$")
_OPENING = "“‘\"'(«„"
#: Capitalised words that are not names (sentence openers, titles, calendar words).
_NOT_NAMES = frozenset(
    """A An The This That These Those There Here It Its He She They We I You His Her Their Our My Your
    But And Or Yet So For From With By In On At As If When While After Before Since Although Though However
    Meanwhile Still Also Then Now Some Many Both Each Another Any No Not Other Such What Why How Who Where
    According Earlier Later Despite During Under Over Last Next Mr Mrs Ms Dr Prof
    """.split()
) | frozenset(_text.__dict__.get("_TITLES", ())) | frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def _doc(article) -> _text.Document:
    if isinstance(article, _text.Document):
        return article
    if isinstance(article, str):
        return _text.split_article(article)
    return article.document  # a Case


def find_byline(article) -> _text.Paragraph | None:
    """The byline paragraph ("By Jane Doe"), if the story has one near the top.

    Parameters
    ----------
    article : Document, str or Case

    Examples
    --------
    >>> find_byline("Head\\n\\nBy Jane Doe\\nAssociated Press\\n\\nNAIROBI (AP) - Rates fell.").text
    'By Jane Doe Associated Press'
    >>> find_byline("Head\\n\\nBy the end of the year, rates fell.") is None
    True
    """
    doc = _doc(article)
    for p in doc.body[:3]:
        if p.text.rstrip().endswith((".", "!", "?", "”", '"')):
            return None  # the story has started: a byline comes before it
        if _BYLINE.match(p.text) and len(p.text.split()) <= 12:
            return p
    return None


def find_dateline(article) -> tuple[str, int] | None:
    """The dateline at the start of the story ("TEHRAN (AFP) —") and its paragraph, if any.

    A dateline is a place in capitals at the very start of the first paragraph
    after the headline and byline, optionally with a country or date and an
    agency in brackets, then a dash or colon.

    Examples
    --------
    >>> find_dateline("Head\\n\\nNEW YORK, July 5 (Reuters) — Stocks rose.")
    ('NEW YORK, July 5 (Reuters) —', 1)
    >>> find_dateline("Head\\n\\nStocks rose in NEW YORK.") is None
    True
    >>> find_dateline("Head\\n\\nTEHRAN, 17 July 2021 (AFP) - Iran is wary.")
    ('TEHRAN, 17 July 2021 (AFP) -', 1)
    >>> find_dateline("Head\\n\\nWASHINGTON, March 3, 2020 - Voters queued.")
    ('WASHINGTON, March 3, 2020 -', 1)
    """
    doc = _doc(article)
    for p in doc.body[:3]:
        if find_byline(doc) is p:
            continue
        m = _DATELINE.match(p.text)
        if m and len(m.group("place")) >= 3:
            return m.group(0).strip(), p.index
        return None
    return None


def _story(doc: _text.Document) -> list[_text.Paragraph]:
    """Body paragraphs without the byline and closing credit lines."""
    byline = find_byline(doc)
    paras = [p for p in doc.body if p is not byline]
    while paras and _CREDIT.match(paras[-1].text) and len(paras[-1].text.split()) <= 15:
        paras.pop()
    return paras


def lede(article) -> _text.Paragraph | None:
    """The lede: the first paragraph of the story (after any byline).

    Examples
    --------
    >>> lede("Head\\n\\nBy Jo Bloggs\\n\\nRain fell all day.\\n\\nRoads closed.").index
    2
    >>> lede("Only a headline") is None
    True
    """
    paras = _story(_doc(article))
    return paras[0] if paras else None


def kicker(article) -> _text.Paragraph | None:
    """The kicker: the last paragraph of the story (a credit line such as "Reporting by ..." is skipped).

    Examples
    --------
    >>> kicker("Head\\n\\nRain fell.\\n\\n“We will rebuild,” she said.\\n\\nReporting by Jo Bloggs; Editing by Ann Lee").index
    2
    """
    paras = _story(_doc(article))
    return paras[-1] if paras else None


def nut_graph_candidates(article, window: int = 3) -> list[_text.Paragraph]:
    """Paragraphs just after the lede that explain something: candidates for the nut graph.

    The nut graph is a judgement: the paragraph that tells the reader why the
    story matters.  This returns the paragraphs among the ``window`` after the
    lede that hold at least one of :data:`WHY_CUES`, most cues first (ties in
    text order), for students to weigh, not as the answer.

    Examples
    --------
    >>> doc = "Head\\n\\nA strike began.\\n\\nUnions met.\\n\\nThey fear job cuts because of the merger."
    >>> [p.index for p in nut_graph_candidates(doc)]
    [3]
    """
    paras = _story(_doc(article))[1:1 + window]
    scored = [(len(_WHY.findall(p.text)), p) for p in paras]
    return [p for n, p in sorted(scored, key=lambda t: (-t[0], t[1].index)) if n]


def _place_pattern(places: Iterable[str]) -> re.Pattern | None:
    names = sorted({n.strip() for n in places if n and n.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")



def _within(offset: int, starts: list[int], ends: list[int]) -> bool:
    """Whether ``offset`` lies in one of the merged spans (:func:`newslab.text.merged_spans`).

    >>> _within(3, [0, 5], [4, 12]), _within(4, [0, 5], [4, 12])
    (True, False)
    """
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]


def tag_paragraphs(article, dateline: _dt.date | None = None, places: Iterable[str] = (),
                   names: Iterable[str] = ()) -> "pd.DataFrame":
    """What each body paragraph adds: who, what, when, where, why.

    Simple rules, meant to be argued with:

    * **who** -- names not seen in an earlier paragraph: the ``names`` given
      (e.g. the case's speakers) and runs of capitalised words that are not a
      place, a calendar word or a sentence opener such as "The";
    * **what** -- figures (``85``, ``3.5``, ``4%``, "two", "million") and direct
      quotations (:func:`newslab.quotes.find_quotes`): the checkable facts and
      the statements;
    * **when** -- time expressions (:func:`newslab.dates.find`, which needs the
      ``dateline``; without one, nothing is counted);
    * **where** -- places from ``places`` not seen in an earlier paragraph;
    * **why** -- explanation cues from :data:`WHY_CUES`.

    Parameters
    ----------
    article : Document, str or Case
        Given a Case, its dateline, places (names and aliases) and speakers are
        used unless ``dateline``, ``places`` or ``names`` say otherwise.
    dateline : datetime.date, optional
    places : iterable of str
        Place names and aliases (a case's ``places.csv``).
    names : iterable of str
        Names of people and organisations to recognise (a case's speakers).

    Returns
    -------
    pandas.DataFrame
        One row per body paragraph: ``paragraph``, the five counts
        (``who`` ... ``why``), ``total``, and ``who_items`` ... ``why_items``
        (the words behind each count, joined by ``; ``).

    Examples
    --------
    >>> t = tag_paragraphs("Head\\n\\nMaria Silva said 40 homes flooded in Recife on Monday.\\n\\n"
    ...                    "Maria Silva fears more rain.", "2022-05-31", places=["Recife"])
    >>> t[["paragraph", "who", "what", "when", "where", "why"]].to_string(index=False)
    ' paragraph  who  what  when  where  why\\n         1    1     1     1      1    0\\n         2    0     0     0      0    1'
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it


    doc = _doc(article)
    if hasattr(article, "places") and hasattr(article, "voices"):  # a Case: use its own tables
        if dateline is None:
            dateline = article.dateline_date
        if not places:
            aliases = [a for cell in article.places["aliases"].dropna() for a in str(cell).split(";")]
            places = [*article.places["name"].dropna(), *aliases]
        if not names:
            names = list(article.voices["speaker"].dropna())
    places = [str(n).strip() for n in places]
    names = [str(n).strip() for n in names if n and str(n).strip()]
    place_re = _place_pattern(places)
    name_re = _place_pattern(names)
    expressions = _dates.find(doc.text, dateline) if dateline is not None else []
    quotes = find_quotes(doc)
    starts = set()
    for s in doc.sentences:
        i = s.start
        while i < s.end and doc.text[i] in _OPENING:
            i += 1
        starts.add(i)
    # Time expressions (in text order) and quotations by paragraph, found once: looking
    # through all of them for every paragraph made an article of many paragraphs quadratic.
    expressions = sorted(expressions, key=lambda e: e.char_start)
    expression_starts = [e.char_start for e in expressions]
    quotes_in: dict[int, list] = {}
    for q in quotes:
        quotes_in.setdefault(q.paragraph, []).append(q)
    seen_who: set[str] = set()
    seen_where: set[str] = set()
    rows = []
    for p in doc.body:
        raw = doc.text[p.start:p.end]
        items: dict[str, list[str]] = {w: [] for w in WS}
        masked = raw
        if place_re is not None:
            for m in place_re.finditer(raw):
                key = m.group(0)
                if key.casefold() not in seen_where and key.casefold() not in {i.casefold() for i in items["where"]}:
                    items["where"].append(key)
            masked = place_re.sub(lambda m: " " * len(m.group(0)), masked)
        found_names = []
        if name_re is not None:
            found_names += [m.group(0) for m in name_re.finditer(masked)]
            masked = name_re.sub(lambda m: " " * len(m.group(0)), masked)
        for m in _NAME.finditer(masked):
            words = m.group(0).split()
            if len(words) == 1:
                after = masked[m.end():m.end() + 2]
                if p.start + m.start() in starts:
                    continue  # "Officials said": a capital because the sentence starts
                if _ADJECTIVE.search(words[0]) and re.match(r"\s+[a-z]", masked[m.end():m.end() + 3] or after):
                    continue
            while words and words[0].rstrip(".’'s") in _NOT_NAMES:
                words.pop(0)
            while words and words[-1] in _NOT_NAMES:
                words.pop()
            if words:
                found_names.append(" ".join(words))
        for name in found_names:
            key = re.sub(r"^[Tt]he\s+", "", name.replace("’s", "").replace("'s", ""))
            if key not in seen_who and key not in items["who"]:
                items["who"].append(key)
        here = expressions[bisect_left(expression_starts, p.start):bisect_left(expression_starts, p.end)]
        dated_starts, dated_ends = _text.merged_spans([(e.char_start - p.start, e.char_end - p.start) for e in here])
        items["what"] = [m.group(0) for m in _NUMBER.finditer(raw)  # a year or day is a "when", not a "what"
                         if not _within(m.start(), dated_starts, dated_ends)]
        items["what"] += [f"“{q.text}”" for q in quotes_in.get(p.index, ())]
        items["when"] = [e.surface for e in here]
        items["why"] = [m.group(0) for m in _WHY.finditer(raw)]
        seen_who.update(items["who"])
        seen_where.update(i.casefold() for i in items["where"])
        row = {"paragraph": p.index, **{w: len(items[w]) for w in WS}}
        row["total"] = sum(row[w] for w in WS)
        row.update({f"{w}_items": "; ".join(items[w]) for w in WS})
        rows.append(row)
    columns = ["paragraph", *WS, "total", *(f"{w}_items" for w in WS)]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- answers computed from a case

#: The choices of the self-check on what a copy lost (see :func:`missing_parts`).
MISSING_CHOICES = ("the dateline", "the byline", "both the dateline and the byline", "neither")


def lede_index(case) -> int | None:
    """The paragraph number of a case's lede (a self-check derivation)."""
    p = lede(case.document)
    return p.index if p else None


def kicker_index(case) -> int | None:
    """The paragraph number of a case's kicker (a self-check derivation)."""
    p = kicker(case.document)
    return p.index if p else None


def quoted_speaker_count(case) -> int:
    """How many different speakers the case's ``voices.csv`` quotes directly (``mode`` = quote)."""
    quoted = case.voices.loc[case.voices["mode"] == "quote", "speaker"]
    return int(quoted.str.casefold().nunique())


def missing_parts(case) -> str:
    """Which of the dateline and byline the case's article text lacks: one of :data:`MISSING_CHOICES`.

    Examples
    --------
    >>> class Fake:  # a stand-in for a Case
    ...     document = _text.split_article("Head\\n\\nBy Ann Lee\\n\\nRain fell.")
    >>> missing_parts(Fake())
    'the dateline'
    """
    doc = case.document
    dateline, byline = find_dateline(doc) is None, find_byline(doc) is None
    return MISSING_CHOICES[{(True, True): 2, (True, False): 0, (False, True): 1, (False, False): 3}[(dateline, byline)]]
