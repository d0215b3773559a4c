"""The reference shelf: who stands behind each source, and what it says, offline.

Lateral reading means leaving a source to find out who is behind it and what
others say.  In a classroom without the internet, the shelf brings that
outside reading into the case: ``cases/<id>/shelf/<source-id>.toml`` holds one
**card** per source of ``sources.csv``, written by the case's authors:

.. code-block:: toml

    source = "unhcr-briefing-2021-07-13"     # the file's name, and an id in sources.csv
    url = "https://www.unhcr.org/..."         # where the source itself is
    archived = "https://web.archive.org/..."  # optional: a fixed copy, where one exists

    [behind]                                  # each with a citation (a URL)
    owner = "the UN refugee agency ..."
    owner_cite = "https://..."
    funding = "voluntary contributions from governments ..."
    funding_cite = "https://..."
    kind = "primary source: the agency's own statement"
    kind_cite = "https://..."
    record = "what others say about its record ..."
    record_cite = "https://..."

    [[passage]]                               # one per reference value the source supports
    supports = "unhcr-calamity"               # a row id of claims, voices or events
    says = "Titled as a warning of an imminent humanitarian crisis ..."  # own words or a brief quotation
    url = "https://..."

Students read the cards side by side (:func:`cards_table`, :func:`passages`) and
weigh the sources themselves, instead of searching a note for a string.
Nothing here is needed to load a case: a case without a shelf is still a case.

Examples
--------
>>> import newslab
>>> case = newslab.load_case("iran-taliban-2021")
>>> cards = load_shelf(case)
>>> cards["voices-unhcr-sputnik"].behind["kind"][:29]
'a relay: a Russian state news'
>>> validate_shelf(case)
[]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core.errors import CaseError, Problem

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["BEHIND", "Card", "load_shelf", "validate_shelf", "cards_table", "passages", "shelf_folder", "cited_ids"]

#: What a card says about who is behind a source; each needs a ``<name>_cite`` URL.
BEHIND = ("owner", "funding", "kind", "record")

_URL = re.compile(r"https?://\S+$")


@dataclass(frozen=True)
class Card:
    """One source's card: who is behind it, and the passages that support reference values."""

    source: str
    url: str
    archived: str | None
    behind: dict[str, str]
    cites: dict[str, str]
    passages: list[dict[str, str]] = field(default_factory=list)
    path: Path | None = None


def shelf_folder(case) -> Path:
    """The case's ``shelf/`` folder (it may not exist)."""
    return Path(case.folder) / "shelf"


def _read(path: Path) -> tuple[dict | None, list[Problem]]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f), []
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        return None, [Problem(str(path), line, f"not valid TOML: {exc}", "check quotes and brackets on that line")]
    except UnicodeDecodeError:
        return None, [Problem(str(path), None, "not UTF-8 text", "save the card as UTF-8")]


def _card(path: Path, data: dict, source_ids: set[str], row_ids: set[str]) -> tuple[Card | None, list[Problem]]:
    where = str(path)
    problems = []

    def need(cond, message, hint):
        if not cond:
            problems.append(Problem(where, None, message, hint))

    source = data.get("source")
    need(source == path.stem, f"source = {source!r} does not match the file name {path.name!r}",
         "name the card after its source id: shelf/<source-id>.toml")
    need(source in source_ids, f"source {source!r} is not in sources.csv", "add the source first, or fix the id")
    url = data.get("url", "")
    need(isinstance(url, str) and bool(_URL.match(url)), "url is missing or not a web address",
         "give the source's own address, starting with https://")
    archived = data.get("archived")
    need(archived is None or (isinstance(archived, str) and bool(_URL.match(archived))),
         "archived is not a web address", "give a fixed copy's address (e.g. web.archive.org/...), or leave it out")
    behind = data.get("behind") or {}
    need(isinstance(behind, dict), "[behind] is not a table", "write [behind] with owner, funding, kind, record")
    texts, cites = {}, {}
    for name in BEHIND:
        text, cite = behind.get(name), behind.get(f"{name}_cite")
        need(isinstance(text, str) and text.strip(), f"[behind] has no {name}",
             f"say what you found about its {name}, or \"not found\" with where you looked")
        need(isinstance(cite, str) and bool(_URL.match(cite or "")), f"[behind] {name}_cite is not a web address",
             f"cite where the {name} is stated (a URL)")
        texts[name], cites[name] = str(text or ""), str(cite or "")
    found = []
    for k, p in enumerate(data.get("passage") or [], start=1):
        supports = p.get("supports")
        need(supports in row_ids, f"passage {k}: supports = {supports!r} is not a row id of claims, voices or events",
             "use the id of the row whose reference value the passage supports")
        need(isinstance(p.get("says"), str) and 0 < len(p.get("says", "").strip()) <= 400,
             f"passage {k}: says is empty or longer than 400 characters",
             "say it in your own words, or quote a short attributed phrase")
        need(bool(_URL.match(str(p.get("url", "")))), f"passage {k}: url is not a web address",
             "give the address where the passage can be read")
        found.append({"supports": str(supports), "says": str(p.get("says", "")).strip(), "url": str(p.get("url", ""))})
    if problems:
        return None, problems
    return Card(source, url, archived, texts, cites, found, path), []


def _ids(case) -> tuple[set[str], set[str]]:
    sources = set(case.sources["id"]) if len(case.sources) else set()
    rows = set()
    for table in (case.claims, case.voices, case.events):
        if len(table) and "id" in table.columns:
            rows |= set(table["id"])
    return sources, rows


#: Cards read from a shelf folder, by (folder, every card's name, size and mtime, the case's ids): a
#: lesson asks for the passages of each voice in turn, and reading and checking every card
#: again each time was most of that cell's work.  A card edited, added or removed since, or
#: a case whose tables now hold other ids, misses the cache and is read again.
_CACHE: dict[tuple, tuple[dict[str, Card], list[Problem]]] = {}


def _load(case) -> tuple[dict[str, Card], list[Problem]]:
    folder = shelf_folder(case)
    if not folder.is_dir():
        return {}, []
    sources, rows = _ids(case)
    paths = sorted(folder.glob("*.toml"))
    stamp = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:  # gone since the listing: read (and report) it the slow way
            stamp = None
            break
        stamp.append((path.name, st.st_size, st.st_mtime_ns))
    key = None if stamp is None else (str(folder.resolve()), tuple(stamp), frozenset(sources), frozenset(rows))
    if key is not None and key in _CACHE:
        cards, problems = _CACHE[key]
        return dict(cards), list(problems)
    cards, problems = _read_cards(paths, sources, rows)
    if key is not None:
        _CACHE.clear()  # one shelf at a time: the case a lesson is on
        _CACHE[key] = (dict(cards), list(problems))
    return cards, problems


def _read_cards(paths: list[Path], sources: set[str], rows: set[str]) -> tuple[dict[str, Card], list[Problem]]:
    cards, problems = {}, []
    for path in paths:
        data, bad = _read(path)
        problems += bad
        if data is None:
            continue
        card, bad = _card(path, data, sources, rows)
        problems += bad
        if card:
            cards[card.source] = card
    return cards, problems


def validate_shelf(case) -> list[Problem]:
    """Every problem of the case's shelf, each naming its file (``[]`` when the shelf is sound or absent)."""
    return _load(case)[1]


def load_shelf(case) -> dict[str, Card]:
    """The case's cards by source id.

    Raises
    ------
    newslab.errors.CaseError
        If a card is broken; the message lists every problem with its file.
    """
    cards, problems = _load(case)
    if problems:
        raise CaseError(problems)
    return cards


def cited_ids(case, table: str = "voices") -> list[str]:
    """The source ids a case table cites in its ``source_id`` column, each once, in order of first citation.

    A cell may cite several sources, separated by ``;``; empty cells are skipped.

    Parameters
    ----------
    case : Case
    table : str
        The name of one of the case's tables with a ``source_id`` column:
        ``"voices"``, ``"claims"``, ``"events"`` or ``"places"``.

    Returns
    -------
    list of str

    Raises
    ------
    KeyError
        If the case has no such table, or the table has no ``source_id`` column.

    Examples
    --------
    >>> import newslab
    >>> case = newslab.load_case("iran-taliban-2021")
    >>> cited_ids(case, "voices")[:3]
    ['voices-etemad', 'reuters-afp-moscow-2021', 'britannica-taliban']
    >>> cited_ids(case, "stance")
    Traceback (most recent call last):
    ...
    KeyError: "case 'iran-taliban-2021' has no table 'stance' with a source_id column (voices, claims, events, places)"
    """
    frame = case.tables.get(table) if hasattr(case, "tables") else None
    if frame is None or "source_id" not in frame.columns:
        raise KeyError(f"case {case.id!r} has no table {table!r} with a source_id column "
                       "(voices, claims, events, places)")
    seen: dict[str, None] = {}
    for cell in frame["source_id"].dropna():
        for sid in str(cell).split(";"):
            if sid.strip():
                seen.setdefault(sid.strip(), None)
    return list(seen)


def cards_table(case, source_ids=None) -> "pd.DataFrame":
    """The cards side by side, one row per source: publisher, owner, funding, kind, record, url.

    Sources without a card are listed with "no card yet", so a gap shows.
    """
    cards = load_shelf(case)
    ids = list(source_ids) if source_ids is not None else list(case.sources["id"])
    rows = []
    for sid in ids:
        publisher = case.source(sid).get("publisher", "") if sid in set(case.sources["id"]) else ""
        card = cards.get(sid)
        row = {"source": sid, "publisher": publisher}
        for name in BEHIND:
            row[name] = card.behind[name] if card else "no card yet"
        row["url"] = card.url if card else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=["source", "publisher", *BEHIND, "url"])


def passages(case, row_id: str) -> "pd.DataFrame":
    """What each source on the shelf says about one row (a claim, a voice or an event)."""
    cards = load_shelf(case)
    rows = [{"source": c.source, "says": p["says"], "url": p["url"]}
            for c in cards.values() for p in c.passages if p["supports"] == row_id]
    return pd.DataFrame(rows, columns=["source", "says", "url"])
