"""Load a case — one article and its tables — and check it thoroughly.

A notebook never hard-codes its article: it calls ``load_case("iran-taliban-2021")``
and works with the :class:`Case` it gets back.  Loading checks everything
``cases/README.md`` promises (columns, types, ids, references, that quoted words
really occur in the article, that coordinates are on the globe, that dates
parse) and, if anything is wrong, raises one :class:`~newslab.errors.CaseError`
that lists *every* problem with its file and line.

Examples
--------
>>> case = load_case("iran-taliban-2021")
>>> case.dateline_place, case.dateline_date.isoformat()
('Tehran', '2021-07-17')
>>> case.headline
'As the Taliban resurges next door, Iran is wary but pragmatic.'
>>> sorted(case.tables)
['claims', 'events', 'places', 'sources', 'voices']
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..core import text as _text
from ..core.article import read_article
from ..core.errors import ArticleError, CaseError, Problem
from ..core.files import os_error_message
from ..core.tomlfile import line_of, read_toml
from ..geo import KM_UNITS, MILE_UNITS
from .questions import adopt_case, validate_case_questions
from .schema import CellError, Column, TABLES, parse_cell
from .stance import example_problems

__all__ = ["Case", "article_roots", "load_case", "find_case_dir", "available_cases", "validate_case", "default_case", "DEFAULT_CASE"]

#: The years a dateline may have: from the first printed newspaper (1605) to well past today.
DATELINE_YEARS = (1605, 2200)
_CASE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: The case the notebooks use unless told otherwise.
DEFAULT_CASE = "iran-taliban-2021"


def default_case() -> str:
    """The case a notebook should load: ``$NEWSLAB_CASE`` if set, else :data:`DEFAULT_CASE`.

    ``make lab CASE=my-case`` sets ``NEWSLAB_CASE``, so every notebook opened
    from that session works on ``my-case``.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("NEWSLAB_CASE", None)
    >>> default_case()
    'iran-taliban-2021'
    >>> os.environ["NEWSLAB_CASE"] = "my-case"
    >>> default_case()
    'my-case'
    >>> if saved is None: del os.environ["NEWSLAB_CASE"]
    ... else: os.environ["NEWSLAB_CASE"] = saved
    """
    return os.environ.get("NEWSLAB_CASE", "").strip() or DEFAULT_CASE


def _rel(path: Path) -> str:
    """A path as a teacher would type it: relative to the working folder when inside it."""
    path = Path(path)
    try:  # the folder resolved; the file itself as named (a link is named, not what it points to)
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:  # outside the working folder (or on another drive)
        return str(path)
    except (OSError, RuntimeError):  # a symbolic-link loop in a folder: name it as it was given
        return str(path)


# --------------------------------------------------------------------------- finding


def _search_roots() -> list[Path]:
    roots = [Path(p) for p in os.environ.get("NEWSLAB_CASES", "").split(os.pathsep) if p]
    here = Path.cwd().resolve()
    roots += [d / "cases" for d in (here, *here.parents)]
    roots.append(Path(__file__).resolve().parents[3] / "cases")  # a source checkout
    seen, unique = set(), []
    for r in roots:
        if r not in seen and r.is_dir():
            seen.add(r)
            unique.append(r)
    return unique


def available_cases() -> list[str]:
    """The ids of the cases that :func:`load_case` can find by id.

    Returns
    -------
    list of str
        Sorted, without duplicates.

    Examples
    --------
    >>> "iran-taliban-2021" in available_cases()
    True
    """
    found = {p.parent.name for root in _search_roots() for p in root.glob("*/case.toml")}
    return sorted(found)


def find_case_dir(id_or_path: str | PathLike) -> Path:
    """Find the folder of a case given its id or its path.

    A value that names an existing folder (or its ``case.toml``) is used as a
    path.  Otherwise it is an id, looked up in ``$NEWSLAB_CASES`` (folders
    separated like ``PATH``), then in ``cases/`` of the working folder or any
    folder above it, then in the ``cases/`` beside the installed source.

    Parameters
    ----------
    id_or_path : str or path-like

    Returns
    -------
    pathlib.Path

    Raises
    ------
    CaseError
        If no such case exists; the message lists the cases that do.
    """
    given = Path(id_or_path)
    if given.name == "case.toml" and given.is_file():
        return given.parent
    if given.is_dir() and (given / "case.toml").is_file():
        return given
    if given.name == str(id_or_path) and given.name:
        # A bare id: a same-named folder in the working directory that is not a
        # case (say, a student's notes) must not hide the real case.
        for root in _search_roots():
            if (root / given.name / "case.toml").is_file():
                return root / given.name
    if given.is_dir():
        raise CaseError([Problem(_rel(given), None, "this folder has no case.toml", hint="see cases/README.md for the case format")])
    if given.is_file():
        raise CaseError([Problem(_rel(given), None, "this is a file, not a case: a case is a folder with a case.toml",
                                 hint="to make a case from an article: newslab new-case ARTICLE cases/my-case")])
    known = ", ".join(available_cases()) or "none found"
    raise CaseError([Problem(str(id_or_path), None, "no such case",
                             hint=f"known cases: {known}; a case kept elsewhere: give its folder's path, "
                                  "or list its parent folder in NEWSLAB_CASES")])


# --------------------------------------------------------------------------- reading tables


@dataclass
class _Table:
    name: str
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)  # parsed values, None for empty
    lines: list[int] = field(default_factory=list)  # first line of each row
    columns: list[str] = field(default_factory=list)


def _read_table(name: str, path: Path, problems: list[Problem]) -> _Table:
    table = _Table(name, path)
    spec: dict[str, Column] = TABLES[name]
    where = _rel(path)
    header = ",".join(c for c, col in spec.items() if col.required)
    try:
        if path.exists() and not path.is_file():
            problems.append(Problem(where, None, "this is a folder (or not a plain file), not a CSV table",
                                    hint=f"make it a CSV file with at least the header line: {header}"))
            return table
        raw = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            problems.append(Problem(where, None, f"the file is a symbolic link to {os.readlink(path)}, which does not exist"))
        else:
            problems.append(Problem(where, None, "the file is missing", hint=f"create it with at least the header line: {header}"))
        return table
    except OSError as exc:  # a symbolic-link loop, permission denied, a disk error

        problems.append(Problem(where, None, os_error_message(exc, where, "cannot be read").split(": ", 1)[1]))
        return table
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(where, line, f"byte 0x{raw[exc.start]:02x} is not UTF-8", hint="save the file as CSV UTF-8"))
        return table
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(where, 1, "the file is empty: it needs a header line", hint=", ".join(spec)))
        return table
    except csv.Error as exc:
        problems.append(Problem(where, 1, f"cannot read the header: {exc}"))
        return table
    header = [h.strip() for h in header]
    table.columns = header
    bad_header = False
    for col in header:
        if col not in spec:
            problems.append(Problem(where, 1, f"unknown column {col!r}", hint=f"the columns are: {', '.join(spec)}"))
            bad_header = True
    for col in sorted({c for c in header if header.count(c) > 1}):
        problems.append(Problem(where, 1, f"column {col!r} appears more than once"))
        bad_header = True
    for col, c in spec.items():
        if c.required and col not in header:
            problems.append(Problem(where, 1, f"required column {col!r} is missing", hint=f"the columns are: {', '.join(spec)}"))
            bad_header = True
    if bad_header:
        return table
    last_line = reader.line_num
    while True:
        first_line = last_line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(where, reader.line_num, f"cannot read this row: {exc}"))
            break
        last_line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue  # blank line
        if len(cells) != len(header):
            problems.append(
                Problem(where, first_line, f"this row has {len(cells)} cells but the header has {len(header)}",
                        hint="quote any cell that contains a comma with double quotes")
            )
            continue
        row: dict[str, Any] = {}
        for col, cell in zip(header, cells):
            column = spec[col]
            cell = cell.strip()
            if not cell:
                if column.required:
                    problems.append(Problem(where, first_line, f"{col!r} is empty but required"))
                row[col] = None
                continue
            try:
                row[col] = parse_cell(column.type, cell, column.choices)
            except CellError as exc:
                problems.append(Problem(where, first_line, f"{col}: {exc}"))
                row[col] = None
        for col in spec:
            row.setdefault(col, None)
        table.rows.append(row)
        table.lines.append(first_line)
    return table


# --------------------------------------------------------------------------- checks across files


def _check_unique(table: _Table, key: str, problems: list[Problem]) -> None:
    seen: dict[Any, int] = {}
    for row, line in zip(table.rows, table.lines):
        value = row.get(key)
        if value is None:
            continue
        if value in seen:
            problems.append(Problem(_rel(table.path), line, f"{key} {value!r} is used again (first on line {seen[value]})"))
        else:
            seen[value] = line


def _check_cross(meta: dict, tables: dict[str, _Table], article: str | None, document, problems: list[Problem]) -> None:
    source_ids = {row["id"] for row in tables["sources"].rows if row.get("id")}
    for name, table in tables.items():
        where = _rel(table.path)
        for row, line in zip(table.rows, table.lines):
            for sid in row.get("source_id") or ():
                if sid not in source_ids:
                    problems.append(Problem(where, line, f"source_id {sid!r} is not in sources.csv", hint="add it to sources.csv or fix the id"))

    normalized = _text.normalize_for_match(article) if article is not None else ""

    def found(words: str) -> bool:
        needle = _text.normalize_for_match(words)
        return bool(needle) and needle in normalized

    def occurs(words: str | None, table: _Table, line: int, col: str) -> None:
        if article is not None and words and not found(words):
            problems.append(
                Problem(_rel(table.path), line, f"{col} {_short(words)!r} does not occur in the article",
                        hint="copy the words exactly as the article has them")
            )

    claims = tables["claims"]
    for row, line in zip(claims.rows, claims.lines):
        occurs(row.get("surface"), claims, line, "surface")
        if row.get("ref_value") is not None and not row.get("source_id"):
            problems.append(Problem(_rel(claims.path), line, "ref_value has no source_id", hint="every reference value needs a source"))
        if row.get("tolerance") is not None and row["tolerance"] < 0:
            problems.append(Problem(_rel(claims.path), line, f"tolerance {row['tolerance']} is negative: it is a margin "
                                    f"either side (write {-row['tolerance']})"))

    voices = tables["voices"]
    n_sentences = len(document.sentences) if document is not None else None
    for row, line in zip(voices.rows, voices.lines):
        occurs(row.get("text"), voices, line, "text")
        index = row.get("sentence")
        if index is None or document is None:
            continue
        if not 0 <= index < n_sentences:
            problems.append(Problem(_rel(voices.path), line, f"sentence {index} does not exist: the article has sentences 0 to {n_sentences - 1}"))
            continue
        # The same words may occur more than once (a headline that repeats the
        # lead quote): the row is right if any occurrence begins in its sentence.
        holding = _sentences_holding(row["text"], document, until=index) if row.get("text") else []
        if holding and index not in holding:
            problems.append(
                Problem(_rel(voices.path), line, f"the text begins in sentence {holding[0]}, not {index}",
                        hint="`newslab sentences ARTICLE` lists the sentences with their numbers")
            )

    places = tables["places"]
    for row, line in zip(places.rows, places.lines):
        lat, lon = row.get("lat"), row.get("lon")
        swapped = lat is not None and lon is not None and -180 <= lat <= 180 and -90 <= lon <= 90
        if lat is not None and not -90 <= lat <= 90:
            problems.append(Problem(_rel(places.path), line, f"lat {lat} is not between -90 and 90",
                                    hint="did you swap lat and lon?" if swapped else ""))
        if lon is not None and not -180 <= lon <= 180:
            problems.append(Problem(_rel(places.path), line, f"lon {lon} is not between -180 and 180"))
        if row.get("in_article") and article is not None and row.get("name"):
            names = [row["name"], *[a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]]
            if not any(found(n) for n in names):
                problems.append(Problem(_rel(places.path), line, f"in_article is yes but neither {row['name']!r} nor an alias occurs in the article"))

    events = tables["events"]
    for row, line in zip(events.rows, events.lines):
        occurs(row.get("surface"), events, line, "surface")
        if row.get("start") and row.get("end") and row["end"] < row["start"]:
            problems.append(Problem(_rel(events.path), line, f"end {row['end']} is before start {row['start']}"))



def _sentences_holding(words: str, document, until: int, limit: int = 20) -> list[int]:
    """The sentences in which an occurrence of ``words`` begins, in order, up to the first at or after ``until``.

    Occurrences are visited in the order of the text, so the search stops as
    soon as it reaches sentence ``until`` (or after ``limit`` occurrences):
    an article that repeats a sentence thousands of times costs no more than
    one that says it once.
    """
    found: list[int] = []
    start = 0
    while len(found) < limit:
        offset = _text.find_in(words, document.text[start:] if start else document.text)
        if offset < 0:
            break
        sentence = document.sentence_at(start + offset)
        if sentence is not None:
            if sentence.index not in found:
                found.append(sentence.index)
            if sentence.index >= until:
                break
        start += offset + 1
    return found


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- case.toml


_REQUIRED_META = {
    ("id",): str,
    ("title",): str,
    ("article",): str,
    ("dateline", "place"): str,
    ("dateline", "date"): _dt.date,
    ("origin", "outlet"): str,
    ("licence", "article"): str,
    ("licence", "tables"): str,
}


def _read_meta(folder: Path, problems: list[Problem]) -> dict:
    path = folder / "case.toml"
    where = _rel(path)
    meta, text = read_toml(path, where, problems)
    if not text:
        return {}
    for keys, kind in _REQUIRED_META.items():
        node: Any = meta
        for k in keys:
            node = node.get(k) if isinstance(node, dict) else None
        dotted = ".".join(keys)
        if node is None or node == "":
            problems.append(Problem(where, None, f"{dotted} is missing", hint="see cases/README.md"))
            continue
        if kind is _dt.date and isinstance(node, str):
            try:
                node = _dt.date.fromisoformat(node)
                meta[keys[0]][keys[1]] = node
            except ValueError:
                pass
        if isinstance(node, _dt.datetime) or not isinstance(node, kind):
            want = "a date written YYYY-MM-DD (no quotes)" if kind is _dt.date else "text in double quotes"
            problems.append(Problem(where, line_of(text, keys[-1]), f"{dotted} must be {want}"))
    if isinstance(meta.get("id"), str) and meta["id"] != folder.name:
        problems.append(Problem(where, line_of(text, "id"), f"id {meta['id']!r} differs from the folder name {folder.name!r}",
                                hint="rename one so they match"))
    if isinstance(meta.get("id"), str) and meta["id"] and not _CASE_ID.fullmatch(meta["id"]):
        problems.append(Problem(where, line_of(text, "id"), f"id {meta['id']!r} cannot be a case id",
                                hint="use lower-case letters, digits and single hyphens, e.g. 'irish-border-2023', "
                                     "and name the folder the same"))
    date = (meta.get("dateline") or {}).get("date") if isinstance(meta.get("dateline"), dict) else None
    if isinstance(date, _dt.date) and not isinstance(date, _dt.datetime) and not DATELINE_YEARS[0] <= date.year <= DATELINE_YEARS[1]:
        problems.append(Problem(where, line_of(text, "date"),
                                f"dateline.date {date.isoformat()} is not a date a news article can have",
                                hint=f"give the date the story was filed, between {DATELINE_YEARS[0]} and {DATELINE_YEARS[1]}"))
    map_ = meta.get("map")
    if map_ is not None and not isinstance(map_, dict):
        problems.append(Problem(where, line_of(text, "map"), "map must be a table: a [map] section"))
    elif map_:
        def bad(key: str, message: str) -> None:
            problems.append(Problem(where, line_of(text, key), message))

        borders = map_.get("borders", [])
        if not isinstance(borders, list):
            bad("borders", f"map.borders must be a list of pairs of ISO codes like [[\"IRN\", \"AFG\"]], not {borders!r}")
        else:
            for pair in borders:
                if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(c, str) and len(c) == 3 and c.isupper() for c in pair)):
                    bad("borders", f"map.borders entry {pair!r} must be a pair of ISO codes like [\"IRN\", \"AFG\"]")
        places = map_.get("places", [])
        if not (isinstance(places, list) and all(isinstance(n, str) for n in places)):
            bad("places", f"map.places must be a list of place names from places.csv, like [\"Herat\"], not {places!r}")
        lengths = map_.get("lengths", [])
        if not (isinstance(lengths, list) and all(isinstance(n, str) and n.strip() for n in lengths)):
            bad("lengths", f"map.lengths must be a list of claim ids from claims.csv, like [\"border-length\"], "
                           f"not {lengths!r}")
        distances = map_.get("distances", [])
        if not isinstance(distances, list):
            bad("distances", "map.distances must be a list of pairs of place names from places.csv, "
                             f"like [[\"Islam Qala\", \"Herat\"]], not {distances!r}")
        else:
            for pair in distances:
                if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(n, str) and n.strip() for n in pair)):
                    bad("distances", f"map.distances entry {pair!r} must be a pair of place names from places.csv, "
                                     "like [\"Islam Qala\", \"Herat\"]")
    meta["__text__"] = text
    return meta


def _check_map_lengths(meta: dict, claims: _Table, folder: Path, problems: list[Problem]) -> None:
    """Every id in ``[map] lengths`` must be a row of claims.csv whose unit is km or mi."""
    map_ = meta.get("map")
    lengths = map_.get("lengths") if isinstance(map_, dict) else None
    if not isinstance(lengths, list) or not claims.columns:
        return
    units = {row["id"]: str(row.get("unit") or "").strip().lower() for row in claims.rows if row.get("id")}
    where, text = _rel(folder / "case.toml"), meta.get("__text__", "")
    for cid in lengths:
        if not isinstance(cid, str):
            continue
        if cid not in units:
            problems.append(Problem(where, line_of(text, "lengths"), f"[map] lengths names {cid!r}, which is not an id "
                                    "in claims.csv"))
        elif units[cid] not in KM_UNITS + MILE_UNITS:
            problems.append(Problem(where, line_of(text, "lengths"), f"[map] lengths names {cid!r}, whose unit "
                                    f"{units[cid]!r} is not a length", hint="give km or mi in its unit column"))


def _check_map_places(meta: dict, places: _Table, folder: Path, problems: list[Problem]) -> None:
    """Every name in ``[map] places`` and ``[map] distances`` must be in places.csv (and already well-typed)."""
    text = meta.pop("__text__", "")
    map_ = meta.get("map")
    if not isinstance(map_, dict) or not places.columns:
        return
    known = {row["name"] for row in places.rows if row.get("name")}
    where = _rel(folder / "case.toml")
    wanted = map_.get("places", [])
    if isinstance(wanted, list):
        for name in wanted:
            if isinstance(name, str) and name not in known:
                problems.append(Problem(where, line_of(text, "places"), f"[map] places names {name!r}, which is not in places.csv"))
    pairs = map_.get("distances", [])
    if isinstance(pairs, list):
        for pair in pairs:
            if isinstance(pair, list) and len(pair) == 2:
                for name in pair:
                    if isinstance(name, str) and name.strip() and name not in known:
                        problems.append(Problem(where, line_of(text, "distances"),
                                                f"[map] distances names {name!r}, which is not in places.csv"))


# --------------------------------------------------------------------------- the Case


_DTYPES = {"number": "Float64", "integer": "Int64", "yesno": "boolean", "date": "datetime64[ns]"}


def _frame(table: _Table) -> pd.DataFrame:
    spec = TABLES[table.name]
    data = {}
    for col, column in spec.items():
        values = [row.get(col) for row in table.rows]
        if column.type == "ids":
            values = [";".join(v) if v else None for v in values]
        if column.type == "date":
            data[col] = pd.to_datetime(pd.Series(values, dtype="object"))
        else:
            data[col] = pd.Series(values, dtype=_DTYPES.get(column.type, "string"))
    frame = pd.DataFrame(data)
    frame.attrs["path"] = str(table.path)
    return frame


def case_card_html(case) -> str:
    """A short, escaped summary of a case: headline, dateline, origin, table sizes."""
    origin = case.origin
    rows = [
        ("Headline", case.headline),
        ("Dateline", f"{case.dateline_place}, {case.dateline_date.day} {case.dateline_date:%B %Y}"),
        ("First published by", origin.get("outlet", "")),
        ("Wire", origin.get("wire", "")),
        ("Tables", ", ".join(f"{len(df)} {name}" for name, df in case.tables.items())),
    ]
    body = "".join(
        f'<tr><th scope="row" style="text-align:left">{html.escape(k)}</th><td style="text-align:left">{html.escape(str(v))}</td></tr>'
        for k, v in rows
        if v
    )
    return f'<table aria-label="Case {html.escape(case.id)}"><caption>Case <code>{html.escape(case.id)}</code></caption>{body}</table>'


@dataclass(eq=False)
class Case:
    """One article and its tables, checked.

    Attributes
    ----------
    id : str
        The case id (its folder name).
    folder : pathlib.Path
        The case folder.
    meta : dict
        ``case.toml`` as parsed.
    text : str
        The article text (``\\n`` line endings).
    claims, voices, places, events, sources : pandas.DataFrame
        The tables, with typed columns: numbers are ``Float64``, whole numbers
        ``Int64``, dates ``datetime64``, ``yes``/``no`` ``boolean`` and text
        ``string``; ``source_id`` holds ids joined by ``;``.
    """

    id: str
    folder: Path
    meta: dict
    article_path: Path
    text: str
    claims: pd.DataFrame
    voices: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame

    @cached_property
    def document(self) -> _text.Document:
        """The article split into headline, paragraphs and sentences."""
        return _text.split_article(self.text)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in TABLES}

    @property
    def title(self) -> str:
        """What the class calls this case."""
        return self.meta["title"]

    @property
    def headline(self) -> str:
        """The article's headline: the first line of the article file."""
        head = self.document.headline
        return head.text if head is not None else ""

    @property
    def dateline_place(self) -> str:
        """Where the story was filed from."""
        return self.meta["dateline"]["place"]

    @property
    def dateline_date(self) -> _dt.date:
        """When the story was filed (relative dates like "this week" hang on it)."""
        return self.meta["dateline"]["date"]

    @property
    def origin(self) -> dict:
        """Who first published the story: ``outlet``, ``wire``, ``original_title``, ``note``."""
        return dict(self.meta.get("origin", {}))

    def paragraphs(self) -> pd.DataFrame:
        """The body paragraphs (headline excluded) as a table: ``paragraph, sentences, words, text``."""
        doc = self.document
        rows = [
            {"paragraph": p.index, "sentences": len(doc.sentences_in(p.index)), "words": len(p.text.split()), "text": p.text}
            for p in doc.body
        ]
        return pd.DataFrame(rows, columns=["paragraph", "sentences", "words", "text"])

    def sentences(self) -> pd.DataFrame:
        """Every sentence as a table: ``index, paragraph, text`` (0 is the headline)."""
        rows = [{"index": s.index, "paragraph": s.paragraph, "text": s.text} for s in self.document.sentences]
        return pd.DataFrame(rows, columns=["index", "paragraph", "text"])

    def source(self, source_id: str) -> dict:
        """The row of ``sources.csv`` with this id, as a dict.

        Raises
        ------
        KeyError
            If there is no such source.
        """
        match = self.sources[self.sources["id"] == source_id]
        if match.empty:
            raise KeyError(f"no source {source_id!r} in {self.id}/sources.csv")
        return match.iloc[0].to_dict()

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(df)} {name}" for name, df in self.tables.items())
        return f"<Case {self.id!r}: {self.headline!r} ({self.dateline_place}, {self.dateline_date:%d %B %Y}); {counts}>"

    def _repr_html_(self) -> str:
        return case_card_html(self)


def article_roots(folder: str | PathLike) -> list[Path]:
    """The folders a case's article may be read from.

    The case folder; the project it sits in (the folder holding ``cases/``,
    where the seed article lives under ``seeds/``); the newslab repository
    this module belongs to; and any folder listed in
    ``$NEWSLAB_ARTICLES`` (separated like ``PATH``), for a teacher who keeps
    articles elsewhere.  Anything else named by ``article =`` in case.toml
    (``/etc/passwd``, ``../../../secret``) is refused, so a case copied from
    someone cannot make a lesson show any file of the computer it runs on.

    Examples
    --------
    >>> roots = article_roots(find_case_dir("iran-taliban-2021"))
    >>> roots[0].name, (roots[1] / "seeds").is_dir()
    ('iran-taliban-2021', True)
    """
    folder = Path(folder).resolve()
    roots = [folder]
    if folder.parent.name == "cases":
        roots.append(folder.parent.parent)
    checkout = Path(__file__).resolve().parents[3]  # the newslab repository itself (its seeds/)
    if (checkout / "seeds").is_dir() and checkout not in roots:
        roots.append(checkout)
    roots += [Path(p).resolve() for p in os.environ.get("NEWSLAB_ARTICLES", "").split(os.pathsep) if p.strip()]
    return roots


def _collect(folder: Path) -> tuple[dict, Path | None, str | None, Any, dict[str, _Table], list[Problem]]:
    problems: list[Problem] = []
    meta = _read_meta(folder, problems)
    article_path = None
    article = None
    document = None
    if isinstance(meta.get("article"), str) and meta["article"]:
        article_path = (folder / meta["article"]).resolve()
        roots = article_roots(folder)
        if not any(article_path == r or r in article_path.parents for r in roots):
            toml = folder / "case.toml"
            try:
                line = line_of(toml.read_text(encoding="utf-8-sig"), "article")
            except (OSError, UnicodeDecodeError):
                line = None
            problems.append(Problem(
                _rel(toml), line,
                f"article {meta['article']!r} is outside the case folder and the project ({article_path}); "
                "newslab reads an article only from there",
                hint="copy the article into the case folder as article.txt, or list its folder in "
                     "$NEWSLAB_ARTICLES"))
            article_path = None
        else:
            try:
                article = read_article(article_path)
            except ArticleError as exc:
                problems.append(Problem(_rel(article_path), exc.line, f"the article cannot be used: {exc.problem.message}", exc.hint))
            else:
                document = _text.split_article(article)
    tables = {name: _read_table(name, folder / f"{name}.csv", problems) for name in TABLES}
    _check_unique(tables["sources"], "id", problems)
    _check_unique(tables["claims"], "id", problems)
    _check_unique(tables["voices"], "id", problems)
    _check_unique(tables["events"], "id", problems)
    _check_unique(tables["places"], "name", problems)
    _check_cross(meta, tables, article, document, problems)
    _check_map_lengths(meta, tables["claims"], folder, problems)
    _check_map_places(meta, tables["places"], folder, problems)

    problems += example_problems(folder, [row["id"] for row in tables["voices"].rows if row.get("id")])
    problems += validate_case_questions(folder, _rel)
    return meta, article_path, article, document, tables, problems


def validate_case(id_or_path: str | PathLike) -> list[Problem]:
    """Every problem in a case, without raising.

    Parameters
    ----------
    id_or_path : str or path-like
        A case id or folder.

    Returns
    -------
    list of Problem
        Empty when the case is sound.

    Examples
    --------
    >>> validate_case("iran-taliban-2021")
    []
    """
    try:
        folder = find_case_dir(id_or_path)
    except CaseError as exc:
        return exc.problems
    return _collect(folder)[-1]


def load_case(id_or_path: str | PathLike | None = None) -> Case:
    """Load and check a case.

    Parameters
    ----------
    id_or_path : str or path-like, optional
        A case id (looked up as :func:`find_case_dir` says) or a case folder;
        by default :func:`default_case`.

    Returns
    -------
    Case

    Raises
    ------
    CaseError
        Listing every problem found, each with its file and line.

    Notes
    -----
    The first case loaded becomes the one :func:`newslab.check` judges
    against unless :func:`newslab.use_case` chose one; loading another case
    later never changes it (a notebook binds its case with ``use_case(CASE)``).
    """
    folder = find_case_dir(default_case() if id_or_path is None else id_or_path)
    meta, article_path, article, document, tables, problems = _collect(folder)
    if problems:
        raise CaseError(problems)
    frames = {name: _frame(t) for name, t in tables.items()}
    case = Case(id=meta["id"], folder=folder, meta=meta, article_path=article_path, text=article, **frames)
    case.__dict__["document"] = document  # already split while checking
    adopt_case(case)
    return case
