"""Score newslab's four extractors against hand-annotated articles.

Each article ``articles/NN-slug.txt`` (headline on line 1, paragraphs separated
by blank lines) has its annotation ``articles/NN-slug.toml`` beside it: the
dateline, then one line per expected item in four arrays (``numbers``,
``dates``, ``voices``, ``places``).  README.md in this folder gives the format
and the matching rules; this file implements them.

Run it as ``make accuracy`` or ``python benchmarks/accuracy/score.py``
(``--details`` lists every miss and every false find, ``--json`` prints the
figures for a machine).  Only the extractors' public ``extract`` functions are
used, so the scores measure exactly what ``newslab new-case`` and the lessons
see.

Examples
--------
>>> overlaps((0, 5), (4, 9)), overlaps((0, 5), (5, 9))
(True, False)
>>> norm_name("Mr. Carlos  Vera's")
'carlos vera'
>>> round(distance_km((0.0, 0.0), (0.0, 1.0)), 1)
111.2
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
EXTRACTORS = ("numbers", "dates", "voices", "places")

#: Default tolerance in km for a place of each kind (``tol_km`` on a line overrides it).
TOLERANCE_KM = {
    "city": 25, "capital": 25, "town": 25, "village": 25, "crossing": 25, "port": 25, "site": 25,
    "island": 50, "county": 60, "district": 60, "canal": 60, "pass": 60, "lake": 100,
    "strait": 150, "valley": 150, "region": 250, "province": 250, "state": 250,
    "range": 400, "desert": 400, "archipelago": 300, "river": 600, "sea": 600, "gulf": 400,
    "bay": 150, "ocean": 1500, "country": None,  # countries are matched by ISO code
}
VOICE_MODES = ("quote", "paraphrase", "either")
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "the", "mx"}
#: Titles a found speaker may carry in front of an annotated name.
TITLES = {"prof", "professor", "justice", "judge", "gen", "general", "president", "minister", "senator"}
# One character for one character, so that offsets in the folded text are offsets in the article.
_FOLD = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"',
                       "‟": '"', "″": '"', "«": '"', "»": '"', "\u00a0": " ", "–": "-", "—": "-"})


class AnnotationError(Exception):
    """A broken annotation file: ``str()`` names the file, the line and the problem."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = self.path if line is None else f"{self.path}, line {line}"
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def norm_name(name: str) -> str:
    """A speaker's or place's name, folded for comparison.

    Lower case, accents, punctuation, a trailing possessive and leading
    honorifics (Mr, Ms, Dr, the ...) removed, whitespace collapsed.
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"'s\b", "", text.translate(_FOLD).lower())
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points on a 6371 km sphere."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def fold(text: str) -> str:
    """Straighten quotes and dashes one character for one (offsets are kept)."""
    return text.translate(_FOLD)


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pandas NA raises
    except TypeError:
        return True


# ---------------------------------------------------------------------------
# Reading and validating the annotations
# ---------------------------------------------------------------------------

@dataclass
class Item:
    """One annotated item: its fields, its line in the TOML file and its span in the article."""

    fields: dict
    line: int | None
    span: tuple[int, int] | None = None

    @property
    def optional(self) -> bool:
        return bool(self.fields.get("optional", False))


@dataclass
class Article:
    slug: str
    path: Path
    text: str  # as split_article normalises it (offsets of the extractors refer to it)
    dateline: _dt.date
    meta: dict
    gold: dict[str, list[Item]] = field(default_factory=dict)


def _item_lines(raw: str) -> dict[str, list[int]]:
    """Line numbers of the items of each array (one inline table per line)."""
    lines: dict[str, list[int]] = {}
    section = None
    for number, line in enumerate(raw.splitlines(), start=1):
        m = re.match(r"\s*(numbers|dates|voices|places)\s*=\s*\[", line)
        if m:
            section = m.group(1)
            lines[section] = [number] if "{" in line[m.end():] else []
            continue
        if section and line.lstrip().startswith("{"):
            lines[section].append(number)
        elif section and line.strip().startswith("]"):
            section = None
    return lines


def _locate(text: str, needle: str, nth: int) -> tuple[int, int] | None:
    hay, pin = fold(text), fold(needle)
    start = -1
    for _ in range(nth):
        start = hay.find(pin, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


_SPEC = {
    # field: (type or types, required)
    "numbers": {"text": (str, True), "value": ((int, float), False), "low": ((int, float), False),
                "high": ((int, float), False), "unit": (str, False), "vague": (bool, False), "date": (_dt.date, False),
                "nth": (int, False),
                "optional": (bool, False), "note": (str, False)},
    "dates": {"text": (str, True), "start": (_dt.date, True), "end": (_dt.date, False), "nth": (int, False),
              "optional": (bool, False), "note": (str, False)},
    "voices": {"speaker": (str, True), "aliases": (list, False), "mode": (str, True), "text": (str, True),
               "nth": (int, False), "optional": (bool, False), "note": (str, False)},
    "places": {"name": (str, True), "aliases": (list, False), "lat": ((int, float), False),
               "lon": ((int, float), False), "country": (str, True), "kind": (str, True),
               "tol_km": ((int, float), False), "optional": (bool, False), "note": (str, False)},
}


def load_article(txt: Path) -> Article:
    """Read one article and its annotation, checking every line of the annotation.

    Raises
    ------
    AnnotationError
        Naming the file and line of the first problem found.
    """
    toml_path = txt.with_suffix(".toml")
    if not toml_path.exists():
        raise AnnotationError(toml_path, None, f"missing: every article needs its annotation beside it ({txt.name})")
    try:
        raw = toml_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(toml_path, None, f"not UTF-8 ({exc.reason})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise AnnotationError(toml_path, int(m.group(1)) if m else None, f"not valid TOML: {exc}") from None
    from newslab.core.text import split_article

    try:
        article_raw = txt.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(txt, None, f"not UTF-8 ({exc.reason})") from None
    doc = split_article(article_raw)
    if not doc.sentences:
        raise AnnotationError(txt, None, "the article is empty")
    dateline = data.get("dateline")
    if not isinstance(dateline, _dt.date) or isinstance(dateline, _dt.datetime):
        raise AnnotationError(toml_path, _line_of_key(raw, "dateline"), "needs dateline = YYYY-MM-DD (a TOML date)")
    unknown = set(data) - {"dateline", "style", "region", "topic", "note", *EXTRACTORS}
    if unknown:
        key = sorted(unknown)[0]
        raise AnnotationError(toml_path, _line_of_key(raw, key), f"unknown key {key!r}")
    art = Article(txt.stem, txt, doc.text, dateline, {k: data.get(k, "") for k in ("style", "region", "topic")})
    lines = _item_lines(raw)
    for section in EXTRACTORS:
        entries = data.get(section)
        if entries is None:
            raise AnnotationError(toml_path, None, f"no {section} = [...] array (write {section} = [] if it has none)")
        if not isinstance(entries, list):
            raise AnnotationError(toml_path, _line_of_key(raw, section), f"{section} must be an array of inline tables")
        found_lines = lines.get(section, [])
        items = []
        for i, entry in enumerate(entries):
            line = found_lines[i] if len(found_lines) == len(entries) else _line_of_key(raw, section)
            items.append(_check_item(toml_path, section, entry, line, art))
        art.gold[section] = items
    return art


def _line_of_key(raw: str, key: str) -> int | None:
    for number, line in enumerate(raw.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _check_item(path: Path, section: str, entry, line: int | None, art: Article) -> Item:
    def fail(message: str):
        raise AnnotationError(path, line, f"{section}: {message}")

    if not isinstance(entry, dict):
        fail("each item must be an inline table { ... }")
    spec = _SPEC[section]
    for key, value in entry.items():
        if key not in spec:
            fail(f"unknown field {key!r} (known: {', '.join(spec)})")
        kind = spec[key][0]
        ok = isinstance(value, kind) and not (kind is _dt.date and isinstance(value, _dt.datetime))
        if isinstance(value, bool) and kind is not bool:
            ok = False
        if not ok:
            fail(f"field {key!r} has the wrong type ({type(value).__name__})")
    for key, (_, required) in spec.items():
        if required and key not in entry:
            fail(f"missing field {key!r}")
    item = Item(dict(entry), line)
    if section == "numbers":
        has_range = "low" in entry or "high" in entry
        if has_range and not ("low" in entry and "high" in entry):
            fail("a range needs both low and high")
        if not has_range and "value" not in entry and not entry.get("vague"):
            fail("needs value (or low and high for a range, or vague = true)")
        if has_range and entry["low"] > entry["high"]:
            fail(f"low {entry['low']} is above high {entry['high']}")
    if section == "dates" and "end" in entry and entry["end"] < entry["start"]:
        fail(f"end {entry['end']} is before start {entry['start']}")
    if section == "voices":
        if entry["mode"] not in VOICE_MODES:
            fail(f"mode {entry['mode']!r} is not one of {', '.join(VOICE_MODES)}")
        if not all(isinstance(a, str) and a.strip() for a in entry.get("aliases", [])):
            fail("aliases must be non-empty strings")
    if section == "places":
        kind = entry["kind"]
        if kind not in TOLERANCE_KM:
            fail(f"kind {kind!r} is not one of {', '.join(TOLERANCE_KM)}")
        if not re.fullmatch(r"[A-Z]{3}", entry["country"]):
            fail(f"country {entry['country']!r} is not an ISO 3166 alpha-3 code such as 'KEN'")
        if kind != "country":
            if "lat" not in entry or "lon" not in entry:
                fail(f"a {kind} needs lat and lon")
            if not (-90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180):
                fail(f"lat {entry['lat']} / lon {entry['lon']} is off the globe")
        names = [entry["name"], *entry.get("aliases", [])]
        if not any(_locate(art.text, n, 1) for n in names):
            fail(f"neither {entry['name']!r} nor an alias occurs in {art.path.name}")
        if not all(isinstance(a, str) and a.strip() for a in entry.get("aliases", [])):
            fail("aliases must be non-empty strings")
    else:
        nth = entry.get("nth", 1)
        if nth < 1:
            fail("nth counts from 1")
        span = _locate(art.text, entry["text"], nth)
        if span is None:
            times = "" if nth == 1 else f" {nth} times"
            fail(f"text {entry['text']!r} does not occur{times} in {art.path.name}")
        item.span = span
    return item


def load_set(folder: Path = ARTICLES) -> list[Article]:
    """Every annotated article in ``folder``, in file-name order."""
    texts = sorted(Path(folder).glob("*.txt"))
    if not texts:
        raise AnnotationError(folder, None, "no articles (*.txt) in this folder")
    orphans = sorted(p for p in Path(folder).glob("*.toml") if not p.with_suffix(".txt").exists())
    if orphans:
        raise AnnotationError(orphans[0], None, "an annotation without its article (.txt)")
    return [load_article(p) for p in texts]


# ---------------------------------------------------------------------------
# What the extractors find, as plain records with spans
# ---------------------------------------------------------------------------

def found_items(art: Article, extractor: str) -> list[dict]:
    """Rows of one extractor on one article, each a dict (with ``span`` where it has one)."""
    text = art.path.read_text(encoding="utf-8")
    if extractor == "numbers":
        import inspect

        from newslab import numbers
        # When numbers.extract learns the dateline, a date with no year must get the dateline's year.
        takes_dateline = "dateline" in inspect.signature(numbers.extract).parameters
        frame = numbers.extract(text, dateline=art.dateline) if takes_dateline else numbers.extract(text)
        rows = frame.to_dict("records")
        for r in rows:
            r["span"] = (int(r["start"]), int(r["end"]))
            r["_dateline"] = takes_dateline
        return rows
    if extractor == "dates":
        from newslab import dates
        rows = dates.extract(text, art.dateline).to_dict("records")
        for r in rows:
            r["span"] = (int(r["char_start"]), int(r["char_end"]))
        return rows
    if extractor == "voices":
        from newslab import voices
        from newslab.core.text import split_article
        doc = split_article(text)
        rows = voices.extract(text).to_dict("records")
        for r in rows:
            r["span"] = _voice_span(doc, r)
        return rows
    if extractor == "places":
        from newslab import places
        return places.extract(text).to_dict("records")
    raise ValueError(f"unknown extractor {extractor!r}")


def _voice_span(doc, row) -> tuple[int, int]:
    """Where a voice's words stand in the article (its sentence when they cannot be found)."""
    words = fold(" ".join(str(row["text"] or "").split()))
    hay = fold(doc.text)
    index = row["sentence_index"]
    sentence = doc.sentences[int(index)] if not _missing(index) and 0 <= int(index) < len(doc.sentences) else None
    origin = sentence.start if sentence else 0
    # the extractor collapses whitespace; compare on a collapsed copy with an offset map
    chars, where = [], []
    for i in range(origin, len(hay)):
        c = hay[i]
        if c.isspace():
            if chars and chars[-1] == " ":
                continue
            c = " "
        chars.append(c)
        where.append(i)
    flat = "".join(chars)
    for probe in (words, words[:60], words[:25]):
        if probe:
            at = flat.find(probe)
            if at >= 0:
                end = at + len(words) - 1 if probe is words else min(at + len(words), len(where)) - 1
                return where[at], where[min(end, len(where) - 1)] + 1
    if sentence:
        return sentence.start, sentence.end
    return 0, 0


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------

def _close(a, b) -> bool:
    if _missing(a) or _missing(b):
        return False
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _number_ok(gold: Item, row: dict) -> bool:
    g = gold.fields
    if g.get("vague") and "value" not in g and "low" not in g:
        return True  # "dozens", "thousands of": the value is a convention, the span is what counts
    if "date" in g and not _date_of_number_ok(g["date"], row):
        return False
    if "low" in g:
        return _close(row.get("low"), g["low"]) and _close(row.get("high"), g["high"])
    return _close(row.get("value"), g["value"])


def _date_of_number_ok(day: _dt.date, row: dict) -> bool:
    """A day-of-month number's ``date``: the full date when the year is written or the
    extractor was given the dateline, else month and day (``--07-05``)."""
    got = row.get("date")
    if _missing(got):
        return False
    got = str(got)
    if got.startswith("--") and not row.get("_dateline"):
        return got[2:] == day.strftime("%m-%d")
    return got == day.isoformat()


def _date_ok(gold: Item, row: dict) -> bool:
    g = gold.fields
    if row.get("start") != g["start"]:
        return False
    return "end" not in g or row.get("end") == g["end"]


def _speaker_names(gold: Item) -> set[str]:
    return {norm_name(n) for n in [gold.fields["speaker"], *gold.fields.get("aliases", [])]}


def speaker_forms(speaker: str) -> set[str]:
    """The forms of a found speaker that may match an annotated name.

    The name as found, without a bracketed acronym, and without an
    affiliation after "of", "from", "at" or a comma ("Prof Kabirul Bashar of
    Jahangirnagar University" is Kabirul Bashar).

    >>> sorted(speaker_forms("Prof Ann Lee of Dhaka University"))
    ['ann lee', 'ann lee of dhaka university', 'prof ann lee', 'prof ann lee of dhaka university']
    """
    plain = re.sub(r"\s*\([^)]*\)", "", str(speaker or ""))
    forms = {plain, re.split(r",| of | from | at ", plain, maxsplit=1)[0]}
    out = set()
    for f in forms:
        n = norm_name(f)
        out.add(n)
        words = n.split()
        if words and words[0] in TITLES:
            out.add(" ".join(words[1:]))
    return {f for f in out if f}


def _voice_ok(gold: Item, row: dict) -> bool:
    mode = gold.fields["mode"]
    if mode != "either" and row.get("quote_or_paraphrase") != mode:
        return False
    forms, names = speaker_forms(row.get("speaker") or ""), _speaker_names(gold)
    if forms & names:
        return True
    # a title in front of a full name: "Health Minister Sylvia Masebo" is Sylvia Masebo
    full = [n for n in names if len(n.split()) >= 2]
    return any(f.endswith(" " + n) for f in forms for n in full)


def _place_names(gold: Item) -> list[str]:
    return [norm_name(n) for n in [gold.fields["name"], *gold.fields.get("aliases", [])]]


def _place_named(gold: Item, row: dict) -> int:
    """2: the row's name or surface is the gold name or an alias; 1: it contains one; 0: neither."""
    names = _place_names(gold)
    got = [norm_name(row.get("name") or ""), norm_name(row.get("surface") or "")]
    if any(g and g in names for g in got):
        return 2
    if any(n and re.search(rf"\b{re.escape(n)}\b", g) for n in names for g in got if g):
        return 1
    return 0


def place_ok(gold: Item, row: dict) -> bool:
    """Whether a found place is the annotated one, located within tolerance."""
    g = gold.fields
    if not _place_named(gold, row):
        return False
    if g["kind"] == "country":
        return (row.get("country") or "") == g["country"] and (row.get("kind") == "country")
    if _missing(row.get("lat")) or _missing(row.get("lon")):
        return False
    tol = g.get("tol_km", TOLERANCE_KM[g["kind"]])
    return distance_km((float(row["lat"]), float(row["lon"])), (g["lat"], g["lon"])) <= tol


@dataclass
class Score:
    """Counts of one extractor on one or more articles."""

    gold: int = 0  # required annotated items
    hit: int = 0  # required annotated items found correctly
    found: int = 0  # rows the extractor returned, less those matched to optional items
    correct: int = 0  # rows that matched an annotated item
    misses: list = field(default_factory=list)
    false: list = field(default_factory=list)
    by_kind: dict = field(default_factory=dict)  # places: kind -> [hit, annotated]

    def add(self, other: "Score") -> None:
        self.gold += other.gold
        self.hit += other.hit
        self.found += other.found
        self.correct += other.correct
        self.misses += other.misses
        self.false += other.false
        for kind, (hit, total) in other.by_kind.items():
            mine = self.by_kind.setdefault(kind, [0, 0])
            mine[0] += hit
            mine[1] += total

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


def match(extractor: str, gold: list[Item], rows: list[dict], label: str = "") -> Score:
    """Pair annotated items with found rows one to one and count.

    An annotated item is hit by the unpaired row that meets its criteria (see
    README.md), the largest overlap first; required items choose before optional ones.  A row paired with an ``optional``
    item counts neither way; an optional item nobody found is not a miss.
    """
    score = Score()
    used: set[int] = set()
    # required items choose first, so that an optional one never takes a row a required one needs
    for g in sorted(gold, key=lambda item: item.optional):
        best, best_key = None, None
        for i, row in enumerate(rows):
            if i in used:
                continue
            if extractor == "places":
                named = _place_named(g, row)
                if not named or not place_ok(g, row):
                    continue
                key = (named, 0)
            else:
                if not overlaps(g.span, row["span"]):
                    continue
                ok = {"numbers": _number_ok, "dates": _date_ok, "voices": _voice_ok}[extractor](g, row)
                if not ok:
                    continue
                key = (min(g.span[1], row["span"][1]) - max(g.span[0], row["span"][0]), 0)
            if best_key is None or key > best_key:
                best, best_key = i, key
        if best is not None:
            used.add(best)
        if g.optional:
            if best is not None:
                rows[best]["_optional"] = True
            continue
        score.gold += 1
        if extractor == "places":
            tally = score.by_kind.setdefault(g.fields["kind"], [0, 0])
            tally[0] += best is not None
            tally[1] += 1
        if best is not None:
            score.hit += 1
        else:
            score.misses.append((label, g.line, _describe_gold(extractor, g)))
    for i, row in enumerate(rows):
        if row.get("_optional"):
            continue
        score.found += 1
        if i in used:
            score.correct += 1
        else:
            score.false.append((label, _describe_row(extractor, row)))
    return score


def _describe_gold(extractor: str, g: Item) -> str:
    f = g.fields
    if extractor == "numbers":
        val = f"{f['low']}–{f['high']}" if "low" in f else f"{f.get('value', 'vague')}"
        return f"{f['text']!r} = {val}" + (f" on {f['date']}" if "date" in f else "")
    if extractor == "dates":
        return f"{f['text']!r} → {f['start']}" + (f"..{f['end']}" if "end" in f else "")
    if extractor == "voices":
        return f"{f['speaker']} ({f['mode']}): {f['text'][:60]!r}"
    return f"{f['name']} ({f['kind']}, {f['country']})"


def _describe_row(extractor: str, r: dict) -> str:
    g = r.get
    if extractor == "numbers":
        val = f"{g('low')}–{g('high')}" if not _missing(g("low")) else f"{g('value')}"
        day = "" if _missing(g("date")) else f" on {g('date')}"
        return f"{g('surface')!r} = {val}{day} ({g('kind')})"
    if extractor == "dates":
        return f"{g('surface')!r} → {g('start')}..{g('end')} ({g('rule')})"
    if extractor == "voices":
        return f"{g('speaker')} ({g('quote_or_paraphrase')}, {g('rule')}): {str(g('text'))[:60]!r}"
    where = "not located" if _missing(g("lat")) else f"{float(g('lat')):.2f}, {float(g('lon')):.2f}"
    return f"{g('surface')!r} → {g('name')} ({g('kind')}, {g('country')}, {where})"


def score_articles(articles: list[Article], extractors=EXTRACTORS) -> dict:
    """Scores per article and overall: ``{"articles": {slug: {extractor: Score}}, "overall": {...}}``."""
    per: dict[str, dict[str, Score]] = {}
    overall = {e: Score() for e in extractors}
    for art in articles:
        per[art.slug] = {}
        for e in extractors:
            s = match(e, art.gold[e], found_items(art, e), art.slug)
            per[art.slug][e] = s
            overall[e].add(s)
    return {"articles": per, "overall": overall}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def _table(result: dict, extractors) -> str:
    head = f"{'article':<28}" + "".join(f"{e:>18}" for e in extractors)
    sub = f"{'':<28}" + "".join(f"{'recall  precision':>18}" for _ in extractors)
    lines = [head, sub]
    for slug, scores in result["articles"].items():
        lines.append(f"{slug[:28]:<28}" + "".join(
            f"{scores[e].recall:>9.2f}{scores[e].precision:>9.2f}" for e in extractors))
    lines.append("-" * len(head))
    o = result["overall"]
    lines.append(f"{'overall':<28}" + "".join(f"{o[e].recall:>9.2f}{o[e].precision:>9.2f}" for e in extractors))
    lines.append(f"{'(found/annotated)':<28}" + "".join(
        f"{f'{o[e].hit}/{o[e].gold} {o[e].correct}/{o[e].found}':>18}" for e in extractors))
    return "\n".join(lines)


def as_json(result: dict) -> dict:
    def one(s: Score) -> dict:
        return {"recall": round(s.recall, 4), "precision": round(s.precision, 4), "annotated": s.gold,
                "hit": s.hit, "found": s.found, "correct": s.correct}
    places = result["overall"].get("places")
    kinds = {k: {"hit": h, "annotated": t} for k, (h, t) in places.by_kind.items()} if places else {}
    return {"overall": {e: one(s) for e, s in result["overall"].items()}, "places_by_kind": kinds,
            "articles": {a: {e: one(s) for e, s in d.items()} for a, d in result["articles"].items()}}


def _number_of(slug: str) -> int:
    """The NN of an article named NN-slug (-1 when it has none).

    >>> _number_of("27-mongolia-dzud"), _number_of("notes")
    (27, -1)
    """
    head = slug.split("-", 1)[0]
    return int(head) if head.isdigit() else -1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=ARTICLES, help="folder of NN-slug.txt + NN-slug.toml pairs")
    parser.add_argument("--only", choices=EXTRACTORS, action="append", help="score one extractor (repeatable)")
    parser.add_argument("--details", action="store_true", help="list every miss and every false find")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--from", dest="first", type=int, metavar="NN",
                        help="score only the articles numbered NN or more (27: those written after the rules "
                             "were tuned)")
    parser.add_argument("--to", dest="last", type=int, metavar="NN",
                        help="score only the articles numbered NN or less (with --from 27 --to 36: the set "
                             "written after the first tuning and before the second)")
    args = parser.parse_args(argv)
    extractors = tuple(args.only) if args.only else EXTRACTORS
    try:
        articles = load_set(args.dir)
    except AnnotationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.first is not None or args.last is not None:
        first = args.first if args.first is not None else 0
        last = args.last if args.last is not None else float("inf")
        articles = [a for a in articles if first <= _number_of(a.slug) <= last]
        if not articles:
            span = f"{first} to {args.last}" if args.last is not None else f"{first} or more"
            print(f"error: no article in {args.dir} is numbered {span}", file=sys.stderr)
            return 2
    result = score_articles(articles, extractors)
    if args.json:
        print(json.dumps(as_json(result), indent=1))
        return 0
    print(f"{len(articles)} articles in {args.dir}")
    print(_table(result, extractors))
    if "places" in extractors:
        kinds = sorted(result["overall"]["places"].by_kind.items(), key=lambda kv: -kv[1][1])
        print("\nplaces recall by kind: " + ", ".join(f"{k} {h}/{t}" for k, (h, t) in kinds))
    if args.details:
        for e in extractors:
            s = result["overall"][e]
            print(f"\n== {e}: {len(s.misses)} missed, {len(s.false)} false")
            for slug, line, what in s.misses:
                print(f"  miss  {slug}.toml:{line}  {what}")
            for slug, what in s.false:
                print(f"  false {slug}  {what}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `score.py --json | head`: the reader left early
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
