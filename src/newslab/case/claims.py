"""The claims table: every number in the article, who says it, and whether it holds up.

:func:`claims_table` merges a case's ``claims.csv`` (typed by people: what each
number measures, who states it, a reference value and its source) with what
:func:`newslab.numbers.extract` finds in the article (where each number is, its
qualifier), adds the attribution written in the number's sentence, and computes
a **verdict** for every row from the rules below.  Verdicts are never typed by
hand, so a teacher can trust that the same rules judged every number.

The verdict rules
-----------------
Inputs: the stated ``value`` (in ``unit``), its ``qualifier``, the reference
``ref_value`` (converted from ``ref_unit`` into ``unit`` when they differ, with
:func:`newslab.numbers.convert`) and a tolerance.

*Precision step.*  How precisely a number is written: one unit of its last
significant digit, scaled like the number.  ``85`` → 1, ``900`` → 100, ``550``
→ 10, ``3.5 million`` → 100000, ``6.43`` → 0.01, ``two decades`` → 1.  Trailing
zeros count as rounding only in whole numbers of three or more digits (``10``
→ 1, ``2,000`` → 1000).  Dates and years always have step 1.  A ``tolerance`` in ``claims.csv`` (absolute, in
``unit``) replaces both margins below.

*Margins.*  ``half`` = half a step (the rounding margin: 921 rounds to 900 at
step 100 because it is within 50).  ``approx`` = a full step, for numbers
marked as approximate (``about``, ``nearly`` ...), which admit looser rounding.

================  ==========================  ===============================  ===========
qualifier means   consistent when             rounded when (otherwise)         else
================  ==========================  ===============================  ===========
(none)            ref equals value            ``|ref − value| ≤ half``         disputed
about             ``|ref − value| ≤ approx``  —                                disputed
nearly            ``value − approx ≤ ref ≤``  ``value < ref ≤ value + half``   disputed
                  ``value``                   (just over: "nearly" points the
                                              wrong way)
less than         ``ref < value``             ``ref ≤ value + half``           disputed
up to             ``ref ≤ value``             ``ref ≤ value + half``           disputed
more than         ``ref > value``             ``ref ≥ value − half``           disputed
at least          ``ref ≥ value``             ``ref ≥ value − half``           disputed
================  ==========================  ===============================  ===========

**unverifiable**: there is no reference value, or it is in a unit that cannot
be converted into the stated one.  "Equals" allows for floating-point error
only (a billionth of the value).  The qualifier's meaning comes from
:data:`newslab.numbers.QUALIFIERS` ("roughly" means about, "fewer than" means
less than, ...).

So **consistent** means the reference bears out the number as written,
qualifier and all; **rounded** means it holds only once the reference is
rounded to the precision the number claims (or a bound is off by less than
that rounding); **disputed** means the reference contradicts it.

Examples
--------
>>> judge(4, 3.96, "nearly", step=1)
('consistent', "3.96 is at most 1 below 4, as 'nearly' says")
>>> judge(4, 4.08, "nearly", step=1)
('rounded', "4.08 is above 4: 'nearly' points the wrong way, but by less than 0.5 (half the precision step)")
>>> judge(900, 921, step=100)[0], judge(550, 572.3, step=10)[0], judge(85, None)[0]
('rounded', 'disputed', 'unverifiable')
"""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, TYPE_CHECKING

import pandas as pd

from ..core import text as _text
from ..core.errors import CaseError, NewslabError, Problem
from ..core.files import write_file
from ..extract.numbers import convert, extract, qualifier_meaning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "VERDICTS",
    "TABLE_COLUMNS",
    "judge",
    "precision_step",
    "attribution",
    "claims_table",
    "unmatched",
    "missed",
    "verdict_counts",
    "count_verdict",
    "style",
    "export_csv",
]

#: The four verdicts, from best to worst supported.
VERDICTS = ("consistent", "rounded", "disputed", "unverifiable")

#: The columns of :func:`claims_table`, in order.
TABLE_COLUMNS = [
    "id", "sentence_index", "surface", "value", "unit", "qualifier", "kind", "speaker", "attribution",
    "ref_value", "ref_unit", "ref_in_unit", "difference_percent", "source_id", "source", "step", "tolerance",
    "verdict", "reason", "found", "note",
]

_MARKS = {"consistent": "✓", "rounded": "≈", "disputed": "✗", "unverifiable": "?"}


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN, pd.NA raises TypeError
    except TypeError:
        return True


def _fmt(x: float) -> str:
    """3500000 -> '3,500,000', 2018 -> '2018', 3.96 -> '3.96'."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x)}" if abs(x) < 10000 else f"{int(x):,}"
    return f"{x:.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


# --------------------------------------------------------------------------- the rules


def precision_step(surface: str, value: float, kind: str | None = None) -> float:
    """One unit of the last significant digit of a number as written.

    Trailing zeros of a whole number of three or more digits are taken as
    rounding (``900`` → 100, ``1,500`` → 100, ``2,000`` → 1000); a one- or
    two-digit number is exact to 1 (``10``, ``85``).  Scale words count
    (``3.5 million`` → 100000).  Where the surface holds several numbers, the
    one whose value matches ``value`` is used.

    Parameters
    ----------
    surface : str
        The number as written (``"about 3.5 million"``, ``"900-kilometer"``,
        ``"two decades"``).
    value : float
        Its value (``3500000``), which gives the scale of words like "million".
    kind : str, optional
        ``date`` (or a year) always has step 1.

    Examples
    --------
    >>> precision_step("about 3.5 million", 3_500_000)
    100000.0
    >>> precision_step("900-kilometer", 900), precision_step("550-mile", 550), precision_step("nearly 4%", 4)
    (100.0, 10.0, 1.0)
    >>> precision_step("two decades", 2), precision_step("1990", 1990, kind="date"), precision_step("6.43 weeks", 6.43)
    (1.0, 1.0, 0.01)
    >>> precision_step("10 percent", 10), precision_step("two hundred", 200), precision_step("in 2001, 300 died", 300)
    (1.0, 100.0, 100.0)
    """
    if kind == "date":
        return 1.0
    best = None
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", surface or ""):
        digits = m.group(0).replace(",", "").rstrip(".")
        written = float(digits)
        if not written or not value:
            scale = 1.0
        else:
            ratio = abs(value / written)
            scale = 10.0 ** round(math.log10(ratio)) if ratio > 1 else 1.0
            if not math.isclose(ratio, scale, rel_tol=1e-6):
                continue  # this group is not the number (e.g. a year in the same phrase)
        best = (digits, scale)
        break
    if best is not None:
        digits, scale = best
        if "." in digits:
            step = 10.0 ** -len(digits.split(".")[1])
        else:
            stripped = digits.rstrip("0")
            zeros = len(digits) - len(stripped)
            step = 10.0 ** zeros if stripped and len(digits) >= 3 else 1.0
        return step * scale
    v = abs(float(value))
    if v >= 100 and float(v).is_integer():
        n, step = int(v), 1
        while n % 10 == 0:
            n //= 10
            step *= 10
        return float(step)
    return 1.0 if float(v).is_integer() else 0.01


def judge(value: float, ref: float | None, qualifier: str | None = None, *, step: float = 1.0,
          tolerance: float | None = None) -> tuple[str, str]:
    """Apply the verdict rules (module docstring) to one number.

    Parameters
    ----------
    value : float
        The number as stated.
    ref : float or None
        The reference value in the same unit (None or NaN: no reference).
    qualifier : str, optional
        As written ("about", "roughly", "less than" ...).
    step : float
        The precision step of the stated number (:func:`precision_step`).
    tolerance : float, optional
        An explicit absolute tolerance; replaces both margins.

    Returns
    -------
    (verdict, reason) : tuple of str

    Examples
    --------
    >>> judge(7, 6.43, "less than", step=1)
    ('consistent', "6.43 is below 7, as 'less than' says")
    >>> judge(2, 1.98, step=1)
    ('rounded', '1.98 rounds to 2 at the precision written (within ±0.5)')
    >>> judge(85, 50.1, "about", step=1)
    ('disputed', "50.1 is 34.9 away from 85, more than the ±1 that 'about' allows")
    """
    if _missing(ref):
        return "unverifiable", "no reference value to compare with"
    ref = float(ref)
    value = float(value)
    meaning = qualifier_meaning(qualifier)
    if not _missing(tolerance):
        half = approx = float(tolerance)
        why = f"the stated tolerance ±{_fmt(half)}"
    else:
        half, approx = step / 2, step
        why = f"half the precision step"
    eps = 1e-9 * max(1.0, abs(value))
    d = ref - value
    r, v = _fmt(ref), _fmt(value)
    word = f"'{qualifier}'" if qualifier else ""
    if meaning is None:
        if abs(d) <= eps:
            return "consistent", f"{r} matches {v}"
        if abs(d) <= half + eps:
            return "rounded", f"{r} rounds to {v} at the precision written (within ±{_fmt(half)})"
        return "disputed", f"{r} is {_fmt(abs(d))} away from {v}, more than the ±{_fmt(half)} of rounding"
    if meaning == "about":
        if abs(d) <= approx + eps:
            return "consistent", f"{r} is within ±{_fmt(approx)} of {v}, as {word} allows"
        return "disputed", f"{r} is {_fmt(abs(d))} away from {v}, more than the ±{_fmt(approx)} that {word} allows"
    if meaning == "nearly":
        if value - approx - eps <= ref <= value + eps:
            return "consistent", f"{r} is at most {_fmt(approx)} below {v}, as {word} says"
        if value < ref <= value + half + eps:
            return "rounded", f"{r} is above {v}: {word} points the wrong way, but by less than {_fmt(half)} ({why})"
        return "disputed", f"{r} is not just below {v}, as {word} says"
    if meaning in ("less than", "up to"):
        inside = ref < value if meaning == "less than" else ref <= value + eps
        if inside:
            return "consistent", f"{r} is {'below' if ref < value else 'at'} {v}, as {word} says"
        if ref <= value + half + eps:
            return "rounded", f"{r} is not {'below' if meaning == 'less than' else 'at most'} {v}, but within {_fmt(half)} ({why})"
        return "disputed", f"{r} is above {v}, which {word} rules out"
    # more than, at least
    inside = ref > value if meaning == "more than" else ref >= value - eps
    if inside:
        return "consistent", f"{r} is {'above' if ref > value else 'at'} {v}, as {word} says"
    if ref >= value - half - eps:
        return "rounded", f"{r} is not {'above' if meaning == 'more than' else 'at least'} {v}, but within {_fmt(half)} ({why})"
    return "disputed", f"{r} is below {v}, which {word} rules out"


# --------------------------------------------------------------------------- attribution

_SPEAKER_NOUNS = (
    "officials?|police|authorities|experts?|analysts?|witnesses|residents|sources|doctors|researchers|"
    "observers|diplomats|agency|ministry|office|spokes(?:man|woman|person)|organi[sz]ation|government|"
    "commission|statement|report|survey|study|data|figures|group|militia|army|military|minister|president|"
    "newspaper|daily|weekly|agency"
)
_VERBS = (
    r"(?:said|says|say|claims?|claimed|warned|warns|estimated|estimates?|reported|reports|told|announced|"
    r"stated|added|noted|insisted|argued|believes?|affirmed|confirmed|denied|denies|showed|shows|found|counted)"
)
_CAP = r"[A-Z][\w’'.&-]*"
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<who>[^,.;:“”\"()]+)")
_SUBJECT_VERB = re.compile(
    r"(?P<who>(?:\b[Tt]he\s+)?(?:" + _CAP + r"\s+){0,3}(?:[a-z][\w-]*\s+){0,2}(?:" + _CAP + r"\s+){0,2}(?:" + _CAP + r"|\b(?:" + _SPEAKER_NOUNS + r")))"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:already\s+|also\s+|repeatedly\s+)?" + _VERBS + r"\b"
)
_VERB_SUBJECT = re.compile(r"[,”\"’]\s+" + _VERBS + r"\s+(?P<who>(?:the\s+)?" + _CAP + r"(?:\s+" + _CAP + r")*)")
_PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that"}


def attribution(sentence: str) -> str | None:
    """Who a sentence attributes its content to, as written, or None.

    Looks for "according to X", "X said/claims/warned/estimated ..." and
    "..., said X".  It returns the words of the sentence, so a vague
    attribution stays vague: "According to the organization" gives
    ``"the organization"``, and the reader must look back to see which one.

    Examples
    --------
    >>> attribution("The Taliban claim to control about 85 percent of Afghanistan.")
    'the Taliban'
    >>> attribution("According to the organization, Iran has about 3.5 million Afghans.")
    'the organization'
    >>> attribution("Prices rose 4%, the statistics office said.")
    'the statistics office'
    >>> attribution("“We will rebuild,” said Mayor Ana Ruiz.")
    'Mayor Ana Ruiz'
    >>> attribution("Iran shares a 900-kilometer border with Afghanistan.") is None
    True
    """
    if not sentence:
        return None
    found = []
    for rx in (_ACCORDING, _SUBJECT_VERB, _VERB_SUBJECT):
        for m in rx.finditer(sentence):
            who = " ".join(m.group("who").split()).strip(" ,")
            if rx is _SUBJECT_VERB:
                # drop leading words that are not part of the name ("where the UN ..." -> "the UN ...")
                words = who.split()
                while words and words[0][0].islower() and words[0].lower() != "the" and len(words) > 1:
                    words = words[1:]
                who = " ".join(words)
            last = who.split()[-1] if who else ""
            if last.endswith(".") and last.count(".") == 1:
                who = who[:-1]  # the sentence's full stop, not an abbreviation ("U.S.")
            if who.lower() in _PRONOUNS or not who:
                continue
            if who.split()[0] in ("The", "A", "An") and len(who.split()) > 1:
                who = who[0].lower() + who[1:]
            found.append((m.start(), who))
            break
        if found and rx is _ACCORDING:
            break
    if not found:
        return None
    return min(found)[1]


# --------------------------------------------------------------------------- the table


def _publishers(case) -> dict[str, Any]:
    """Source id -> publisher, from the case's sources table as it is now (the first row of an id wins)."""
    sources = case.sources
    publishers = sources["publisher"].tolist() if "publisher" in sources.columns else [None] * len(sources)
    table: dict[str, Any] = {}
    for sid, publisher in zip(sources["id"].tolist(), publishers):
        table.setdefault(sid, publisher)
    return table


def _sources(publishers: dict[str, Any], ids: str | None) -> str:
    if _missing(ids) or not ids:
        return ""
    names = []
    for sid in str(ids).split(";"):
        sid = sid.strip()
        if sid not in publishers:
            names.append(sid)
            continue
        publisher = publishers[sid]
        names.append(str(sid if _missing(publisher) or not publisher else publisher))
    return "; ".join(dict.fromkeys(names))


def _problems(case) -> list[Problem]:
    where = str(case.claims.attrs.get("path", "claims.csv"))
    problems = []
    if "tolerance" in case.claims.columns:
        for i, tol in enumerate(case.claims["tolerance"]):
            if not _missing(tol) and tol < 0:
                problems.append(Problem(where, None, f"claim {case.claims['id'].iloc[i]!r}: tolerance {tol} is negative",
                                        "a tolerance is a distance: write it as a positive number, in the claim's unit"))
    return problems


def _occurrence_numbers(claims) -> list[int]:
    """For each row, which occurrence of its surface in the article it is (0 = the first).

    An article may write the same words for different numbers ("two
    weighbridges", later "two nights"): the rows that share a surface are
    matched to its occurrences in the table's order, as ``newslab new-case``
    writes them.  A row that repeats an earlier row's surface, value, unit and
    speaker with another reference (``source_id``) checks the *same* number
    against a second source, so it keeps that row's occurrence.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"surface": ["two", "900 km", "two", "900 km"], "value": [2, 900, 2, 900],
    ...                   "unit": ["weighbridges", "km", "nights", "km"], "speaker": ["a", "b", "c", "b"],
    ...                   "source_id": [None, "ne", None, "cia"]})
    >>> _occurrence_numbers(t)
    [0, 0, 1, 0]
    """
    seen: dict[str, int] = {}
    numbers: dict[tuple, tuple[int, str]] = {}  # (surface, value, unit, speaker) -> (occurrence, its reference)
    out = []
    for c in claims.to_dict("records"):
        surface = str(c.get("surface"))
        key = (surface, c.get("value"), c.get("unit"), c.get("speaker"))
        ref = "" if _missing(c.get("source_id")) else str(c.get("source_id"))
        if key in numbers and ref and numbers[key][1] and ref != numbers[key][1]:
            out.append(numbers[key][0])  # the same number, checked against another reference
            continue
        k = seen.get(surface, 0)
        seen[surface] = k + 1
        numbers.setdefault(key, (k, ref))
        out.append(k)
    return out


def claims_table(case, numbers: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """The case's claims with attribution, references and computed verdicts.

    Parameters
    ----------
    case : Case
        From :func:`newslab.load_case`.
    numbers : pandas.DataFrame, optional
        :func:`newslab.numbers.extract` of the article (computed if omitted).

    Returns
    -------
    pandas.DataFrame
        One row per row of ``claims.csv``, columns :data:`TABLE_COLUMNS`:
        ``sentence_index`` (the sentence of the row's occurrence of its
        surface: rows with the same words are matched to the article's
        occurrences in order, see :func:`_occurrence_numbers`),
        ``attribution`` (the attribution written in that sentence, see
        :func:`attribution`), ``ref_in_unit`` (the reference converted into
        ``unit``), ``difference_percent`` (how far the stated value is from the
        reference, in percent of the reference, to two decimals), ``source`` (the publishers of
        ``source_id``), ``step`` and ``tolerance`` (the margins used),
        ``verdict`` and ``reason``, and ``found`` (how many numbers the
        extractor found inside the surface's occurrences).

    Raises
    ------
    CaseError
        If a ``tolerance`` is negative.

    Examples
    --------
    >>> from newslab import load_case
    >>> table = claims_table(load_case("iran-taliban-2021"))
    >>> row = table.set_index("id").loc["share-of-population"]
    >>> float(row["value"]), float(row["ref_value"]), row["verdict"]
    (4.0, 3.96, 'consistent')
    """
    problems = _problems(case)
    if problems:
        raise CaseError(problems)
    doc = case.document
    numbers = extract(case.text) if numbers is None else numbers
    claims = case.claims
    # plain lists: a DataFrame filtered once per claim cost more than the rest of the table
    number_spans = list(zip(numbers["start"].tolist(), numbers["end"].tolist()))
    publishers = _publishers(case)
    rows = []
    which = _occurrence_numbers(claims)
    for (_, c), k in zip(claims.iterrows(), which):
        spans = _text.find_all_in(c["surface"], doc.text)
        found = sum(any(s <= a and b <= e for s, e in spans) for a, b in number_spans) if spans else 0
        sentence = doc.sentence_at(spans[min(k, len(spans) - 1)][0]) if spans else None
        unit = c["unit"]
        ref_unit = c.get("ref_unit")
        ref_unit = unit if _missing(ref_unit) or not ref_unit else ref_unit
        ref = c.get("ref_value")
        ref_in_unit = None
        unit_problem = None
        if not _missing(ref):
            try:
                ref_in_unit = convert(float(ref), ref_unit, unit) if ref_unit != unit else float(ref)
            except NewslabError:
                unit_problem = f"the reference is in {ref_unit}, which cannot be compared with {unit}"
        kind = c["kind"]
        step = precision_step(c["surface"], float(c["value"]), "date" if kind == "date" else None)
        tolerance = c.get("tolerance") if "tolerance" in claims.columns else None
        if unit_problem:
            verdict, reason = "unverifiable", unit_problem
        else:
            verdict, reason = judge(float(c["value"]), ref_in_unit, None if _missing(c["qualifier"]) else c["qualifier"],
                                    step=step, tolerance=None if _missing(tolerance) else float(tolerance))
        diff = None
        if ref_in_unit not in (None, 0) and not unit_problem and kind != "date":
            diff = round(100 * (float(c["value"]) - ref_in_unit) / ref_in_unit, 2)
        rows.append({
            "id": c["id"],
            "sentence_index": sentence.index if sentence is not None else None,
            "surface": c["surface"],
            "value": float(c["value"]),
            "unit": unit,
            "qualifier": None if _missing(c["qualifier"]) else c["qualifier"],
            "kind": kind,
            "speaker": c["speaker"],
            "attribution": attribution(sentence.text) if sentence is not None else None,
            "ref_value": None if _missing(ref) else float(ref),
            "ref_unit": None if _missing(ref) else ref_unit,
            "ref_in_unit": ref_in_unit,
            "difference_percent": diff,
            "source_id": None if _missing(c["source_id"]) else c["source_id"],
            "source": _sources(publishers, c["source_id"]) or None,
            "step": step,
            "tolerance": None if _missing(tolerance) else float(tolerance),
            "verdict": verdict,
            "reason": reason,
            "found": found,
            "note": None if _missing(c.get("note")) else c.get("note"),
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    types = {"id": "string", "sentence_index": "Int64", "surface": "string", "value": "Float64", "unit": "string",
             "qualifier": "string", "kind": "string", "speaker": "string", "attribution": "string",
             "ref_value": "Float64", "ref_unit": "string", "ref_in_unit": "Float64", "difference_percent": "Float64",
             "source_id": "string", "source": "string", "step": "Float64", "tolerance": "Float64",
             "verdict": pd.CategoricalDtype(list(VERDICTS)), "reason": "string", "found": "Int64", "note": "string"}
    table = table.astype(types)
    table.attrs["case"] = case.id
    return table


def unmatched(case, numbers: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """Numbers the extractor finds in the article that no row of ``claims.csv`` covers.

    A row covers a number when the number lies inside an occurrence of the
    row's ``surface``.  For a complete case this table is empty (a test checks
    it for the seed).

    Examples
    --------
    >>> from newslab import load_case
    >>> len(unmatched(load_case("iran-taliban-2021")))
    0
    """
    doc = case.document
    numbers = extract(case.text) if numbers is None else numbers
    spans = [span for surface in case.claims["surface"] for span in _text.find_all_in(surface, doc.text)]
    covered = [any(s <= a and b <= e for s, e in spans) for a, b in zip(numbers["start"], numbers["end"])]
    # by position: numbers[[...]] with an empty list would select no *columns* when the article has no numbers
    return numbers.iloc[[i for i, c in enumerate(covered) if not c]]


def missed(table: "pd.DataFrame") -> "pd.DataFrame":
    """Rows of a claims table whose surface holds no number the extractor found."""
    return table[table["found"] == 0]


def verdict_counts(table: "pd.DataFrame") -> dict[str, int]:
    """How many rows have each verdict (all four keys, in :data:`VERDICTS` order).

    Examples
    --------
    >>> import pandas as pd
    >>> verdict_counts(pd.DataFrame({"verdict": ["rounded", "disputed", "rounded"]}))
    {'consistent': 0, 'rounded': 2, 'disputed': 1, 'unverifiable': 0}
    """
    counts = {v: 0 for v in VERDICTS}
    for v in table["verdict"]:
        counts[str(v)] += 1
    return counts


def count_verdict(case, verdict: str) -> int:
    """How many rows of a case's claims table have ``verdict`` (a self-check derivation).

    Examples
    --------
    >>> from newslab import load_case
    >>> count_verdict(load_case("iran-taliban-2021"), "disputed")
    3
    """
    if verdict not in VERDICTS:
        raise NewslabError(f"{verdict!r} is not a verdict: choose one of {', '.join(VERDICTS)}")
    return verdict_counts(claims_table(case))[verdict]


# --------------------------------------------------------------------------- display and export

_VERDICT_STYLE = {
    # light tints of the Okabe–Ito colours, dark text; the mark repeats the meaning
    "consistent": "background-color:#d4efe6;color:#111",
    "rounded": "background-color:#d6e9f8;color:#111",
    "disputed": "background-color:#f8dccb;color:#111",
    "unverifiable": "background-color:#eeeeee;color:#111",
}

_SHOWN = ["sentence_index", "surface", "speaker", "attribution", "kind", "ref_in_unit", "unit", "source", "verdict", "reason"]


@lru_cache(maxsize=1)
def _plain_text_styler() -> type:
    """A pandas ``Styler`` whose plain-text form is its caption and table, not ``<Styler at 0x...>``.

    The HTML is what a notebook shows; the plain text is what a terminal, a
    screen reader reading the text form, and nbval's text comparison get.  The
    class is made on first use, so importing this module does not import
    pandas' styling (and jinja2).
    """
    from pandas.io.formats.style import Styler

    class PlainTextStyler(Styler):
        def __repr__(self) -> str:
            body = self.data.fillna("—").to_string(index=False)
            return f"{html.unescape(self.caption)}\n{body}" if self.caption else body

    return PlainTextStyler


def style(table: "pd.DataFrame", columns: list[str] | None = None, caption: str | None = None):
    """The claims table as a styled, HTML-escaped pandas table.

    Every cell is escaped (``Styler.format(escape="html")``), the verdict is
    written with a mark (✓ ≈ ✗ ?) as well as a colour, and the table id is
    fixed so that the HTML is the same on every run.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`claims_table`.
    columns : list of str, optional
        Which columns to show (default: sentence, surface, speaker,
        attribution, kind, reference, unit, source, verdict, reason).
    caption : str, optional

    Returns
    -------
    pandas.io.formats.style.Styler

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"surface": ["<b>4%</b>"], "verdict": ["rounded"]})
    >>> page = style(t, columns=["surface", "verdict"]).to_html()
    >>> "&lt;b&gt;4%&lt;/b&gt;" in page and "<b>4%" not in page and "≈ rounded" in page
    True
    >>> print(repr(style(t, columns=["surface", "verdict"], caption="Two <claims>")))
    Two <claims>
      surface   verdict
    <b>4%</b> ≈ rounded
    """
    columns = [c for c in (columns or _SHOWN) if c in table.columns]
    shown = table[columns].copy()
    for col in shown.columns:
        if col != "sentence_index" and str(shown[col].dtype) in ("Float64", "float64", "Int64", "int64"):
            # numbers as a reader writes them: 2001, 3,500,000, 3.96 (not 2,001.0000)
            shown[col] = pd.Series([None if _missing(v) else _fmt(v) for v in shown[col]], index=shown.index, dtype="object")
    if "verdict" in shown:
        shown["verdict"] = [f"{_MARKS.get(str(v), '')} {v}".strip() for v in shown["verdict"].astype(str)]
    headers = {"sentence_index": "sentence", "ref_in_unit": "reference", "difference_percent": "off by (%)"}
    shown = shown.rename(columns=headers)
    caption = caption or (f"Claims table of case {table.attrs['case']}" if "case" in table.attrs else "Claims table")

    def colour(cell: str) -> str:
        return _VERDICT_STYLE.get(cell.split(" ", 1)[-1], "")

    styler = (
        _plain_text_styler()(shown).format(escape="html", na_rep="—", precision=4, thousands=",")
        .hide(axis="index")
        .set_uuid("newslab-claims")
        .set_caption(html.escape(caption))
        .set_table_attributes(f'aria-label="{html.escape(caption, quote=True)}"')
        .set_table_styles([{"selector": "td, th", "props": "text-align:left;vertical-align:top;padding:2px 6px"},
                           {"selector": "caption", "props": "caption-side:top;font-weight:bold;text-align:left"}])
    )
    if "verdict" in shown:
        styler = styler.map(colour, subset=["verdict"]).set_properties(subset=["verdict"], **{"white-space": "nowrap"})
    return styler


def export_csv(table: "pd.DataFrame", path: str | PathLike | None = None, *, overwrite: bool = False):
    """Write a claims table as CSV, never silently over an existing file.

    Parameters
    ----------
    table : pandas.DataFrame
    path : str or path-like, optional
        Where to write.  Without it, the CSV text is returned instead.
    overwrite : bool
        Replace an existing file.  Without it an existing file is an error.

    Returns
    -------
    pathlib.Path or str
        The path written, or the CSV text.

    Raises
    ------
    NewslabError
        If ``path`` exists and ``overwrite`` is false, or is a folder, or its
        folder does not exist.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> t = pd.DataFrame({"id": ["a"], "verdict": ["rounded"]})
    >>> print(export_csv(t), end="")
    id,verdict
    a,rounded
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "claims.csv"
    >>> export_csv(t, path) == path
    True
    >>> export_csv(t, path)
    Traceback (most recent call last):
    ...
    newslab.core.errors.NewslabError: ...claims.csv already exists: choose another name, or pass overwrite=True (newslab claims --force) to replace it
    """
    text = table.to_csv(index=False, lineterminator="\n")
    if path is None:
        return text
    path = Path(path)
    if path.is_dir():
        raise NewslabError(f"{path} is a folder: give a file name such as {path / 'claims.csv'}")
    if not path.parent.is_dir():
        raise NewslabError(f"{path}: the folder {path.parent} does not exist")
    if path.exists() and not overwrite:
        raise NewslabError(f"{path} already exists: choose another name, or pass overwrite=True (newslab claims --force) to replace it")

    return write_file(path, text.encode("utf-8"), overwrite=overwrite)
