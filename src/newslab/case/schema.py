"""The columns of a case's tables, and how one cell is checked.

``cases/README.md`` describes the case format for people; this module is the
same description for the program, kept in one place so that the loader, the
``check-case`` command, ``new-case`` and the documentation tests agree.

Each column has a *type*: a function that turns the cell's text into a value or
raises :class:`CellError` with a sentence a teacher can act on.

Examples
--------
>>> parse_cell("number", "3.5")
3.5
>>> parse_cell("number", "3,500,000")
Traceback (most recent call last):
...
newslab.case.schema.CellError: '3,500,000' is not a number (write it without thousands separators, e.g. 3500000)
>>> parse_cell("enum", "claim", choices=("claim", "estimate"))
'claim'
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = ["Column", "TABLES", "CellError", "parse_cell", "CLAIM_KINDS", "VOICE_KINDS", "PLACE_KINDS"]

CLAIM_KINDS = ("claim", "estimate", "measurement", "date", "duration", "count")
QUALIFIERS = ("about", "nearly", "less than", "more than", "at least", "up to", "over", "almost")
VOICE_KINDS = ("official", "outlet", "expert", "organisation", "group", "unnamed")
VOICE_MODES = ("quote", "paraphrase")
PLACE_KINDS = ("country", "capital", "city", "town", "crossing", "tripoint", "region")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_COUNTRY = re.compile(r"[A-Z]{3}(?:/[A-Z]{3})*")


class CellError(ValueError):
    """One cell's text does not fit its column's type."""


@dataclass(frozen=True)
class Column:
    """One column of a case table.

    Parameters
    ----------
    name : str
        The header.
    type : str
        One of ``text``, ``slug``, ``number``, ``integer``, ``enum``, ``date``,
        ``partial-date``, ``ids``, ``yesno``, ``url``, ``country``.
    required : bool
        Whether every row needs a value.  (Whether the *header* must be
        present is always yes for required columns; optional columns may be
        left out of the file altogether.)
    choices : tuple of str
        The allowed values of an ``enum`` column.
    """

    name: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()


def _number(text: str) -> float:
    if "," in text:
        raise CellError(f"{text!r} is not a number (write it without thousands separators, e.g. {text.replace(',', '')})")
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        raise CellError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"{text!r} is not a finite number")
    return value


def _integer(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text):
        raise CellError(f"{text!r} is not a whole number")
    return int(text)


def _date(text: str) -> _dt.date:
    if not _ISO_DATE.fullmatch(text):
        raise CellError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CellError(f"{text!r} is not a real date ({exc})") from None


def _partial_date(text: str) -> str:
    if not _PARTIAL_DATE.fullmatch(text):
        raise CellError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        _dt.date(*parts[:3])
    except ValueError as exc:
        raise CellError(f"{text!r} is not a real date ({exc})") from None
    return text


def _slug(text: str) -> str:
    if not _SLUG.fullmatch(text):
        raise CellError(f"{text!r} is not an id: use lower-case letters, digits and single hyphens, e.g. 'border-length'")
    return text


def _ids(text: str) -> tuple[str, ...]:
    ids = tuple(part.strip() for part in text.split(";") if part.strip())
    for one in ids:
        _slug(one)
    return ids


def _yesno(text: str) -> bool:
    if text.lower() not in ("yes", "no"):
        raise CellError(f"{text!r} must be 'yes' or 'no'")
    return text.lower() == "yes"


def _url(text: str) -> str:
    if not re.match(r"https?://\S+$", text):
        raise CellError(f"{text!r} is not a web address starting with http:// or https://")
    return text


def _country(text: str) -> str:
    if not _COUNTRY.fullmatch(text):
        raise CellError(f"{text!r} is not an ISO 3166-1 alpha-3 code such as 'IRN' (or 'IRN/AFG' for a border point)")
    return text


_PARSERS = {
    "text": str,
    "slug": _slug,
    "number": _number,
    "integer": _integer,
    "date": _date,
    "partial-date": _partial_date,
    "ids": _ids,
    "yesno": _yesno,
    "url": _url,
    "country": _country,
}


def parse_cell(type_: str, text: str, choices: tuple[str, ...] = ()):
    """Turn one non-empty cell into its value, or raise :class:`CellError`.

    Parameters
    ----------
    type_ : str
        A column type (see :class:`Column`).
    text : str
        The cell, already stripped of surrounding whitespace.
    choices : tuple of str
        Allowed values for ``enum``.

    Returns
    -------
    object
        ``str``, ``float``, ``int``, ``datetime.date``, ``bool`` or a tuple of ids.

    Examples
    --------
    >>> parse_cell("ids", "worldbank-pop; cia-iran")
    ('worldbank-pop', 'cia-iran')
    >>> parse_cell("date", "2021-02-30")
    Traceback (most recent call last):
    ...
    newslab.case.schema.CellError: '2021-02-30' is not a real date (day is out of range for month)
    """
    if type_ == "enum":
        if text not in choices:
            raise CellError(f"{text!r} is not one of: {', '.join(choices)}")
        return text
    return _PARSERS[type_](text)


def _cols(*columns: Column) -> dict[str, Column]:
    return {c.name: c for c in columns}


#: Every table of a case, its columns in the order ``new-case`` writes them.
TABLES: dict[str, dict[str, Column]] = {
    "sources": _cols(
        Column("id", "slug", True),
        Column("title", "text", True),
        Column("publisher", "text", True),
        Column("date", "partial-date"),
        Column("url", "url"),
        Column("note"),
    ),
    "claims": _cols(
        Column("id", "slug", True),
        Column("surface", "text", True),
        Column("value", "number", True),
        Column("unit", "text", True),
        Column("kind", "enum", True, CLAIM_KINDS),
        # any qualifier newslab.numbers records, as written ("about", "roughly", "fewer than" ...)
        Column("qualifier", "enum", False, tuple(__import__("newslab.extract.numbers", fromlist=["QUALIFIERS"]).QUALIFIERS)),
        Column("speaker", "text", True),
        Column("ref_value", "number"),
        Column("ref_unit"),
        Column("source_id", "ids"),
        Column("tolerance", "number"),  # optional: absolute, in `unit`; replaces the precision rule (newslab.claims)
        Column("note"),
    ),
    "voices": _cols(
        Column("id", "slug", True),
        Column("speaker", "text", True),
        Column("kind", "enum", True, VOICE_KINDS),
        Column("verb", "text", True),
        Column("mode", "enum", True, VOICE_MODES),
        Column("text", "text", True),
        Column("sentence", "integer", True),
        Column("framing"),
        Column("description"),
        Column("source_id", "ids"),
    ),
    "places": _cols(
        Column("name", "text", True),
        Column("lat", "number", True),
        Column("lon", "number", True),
        Column("kind", "enum", True, PLACE_KINDS),
        Column("country", "country"),
        Column("geonames_id", "integer"),
        Column("in_article", "yesno", True),
        Column("aliases"),
        Column("source_id", "ids", True),
        Column("note"),
    ),
    "events": _cols(
        Column("id", "slug", True),
        Column("start", "date", True),
        Column("end", "date"),
        Column("label", "text", True),
        Column("surface"),
        Column("source_id", "ids", True),
        Column("note"),
    ),
}
