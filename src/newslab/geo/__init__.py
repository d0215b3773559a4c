"""Borders and distances: load the derived border data and measure it on the ellipsoid.

The border lesson (03) measures a shared boundary drawn from open data at
several map resolutions.  The data are derived once by
``scripts/derive_border.py`` and committed in ``data/`` (see
``data/README.md`` for sources, licences and hashes); nothing is downloaded
here.  Every length and distance is **geodesic on the WGS84 ellipsoid**,
computed by :mod:`newslab.geo.geodesy` (Vincenty's formula, which agrees with
:class:`pyproj.Geod` to well under a millimetre) — the shortest path on the
Earth's surface, not a straight line on a flat map.

Examples
--------
>>> lines = load_border(("IRN", "AFG"))
>>> [(b.dataset, b.resolution) for b in lines][:2]
[('Natural Earth', '1:110m'), ('GSHHG', 'crude')]
>>> round(lines[0].length_km)
788
>>> round(distance_km((34.67, 61.07), (34.35, 62.20)))  # Islam Qala to Herat
110
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence, TYPE_CHECKING

from ..core.errors import CaseError, NewslabError, Problem
from ..core.rendered import Rendered
from ..core.text import find_all_in
from .atlas import AtlasError, default_atlas
from .data import data_dir
from .geodesy import inverse_m, line_length_m

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "BorderDataError", "BorderLine", "data_dir", "border_path", "has_border", "load_border", "border_lengths",
    "geodesic_length_km", "distance_km", "place_distance_km", "load_countries", "case_borders", "verify_data",
    "km_to_miles", "miles_to_km", "KM_UNITS", "MILE_UNITS", "LENGTH_COLUMNS", "case_border", "border_status", "border_claims",
    "reference_lengths", "distance_pairs", "answer", "border_sources", "no_border_reason", "land_border_pairs",
]

#: The columns of :func:`border_lengths` and of ``newslab border-length``.
LENGTH_COLUMNS = ["dataset", "resolution", "vertices", "length_km"]

#: Kilometres in one international mile (exact by definition, 1959).
KM_PER_MILE = 1.609344


class BorderDataError(NewslabError, FileNotFoundError):
    """The derived border data for a pair of countries is missing or damaged."""


# --------------------------------------------------------------------------- finding the data


def _pair(pair: Sequence[str] | str) -> tuple[str, str]:
    if isinstance(pair, str):
        parts = pair.replace("–", "-").replace("/", "-").split("-")
    else:
        parts = list(pair)
    if len(parts) != 2 or not all(isinstance(p, str) and len(p.strip()) == 3 and p.strip().isalpha() for p in parts):
        raise BorderDataError(f"{pair!r} is not a pair of ISO 3166-1 alpha-3 codes such as IRN-AFG")
    a, b = (p.strip().upper() for p in parts)
    return a, b


def border_path(pair: Sequence[str] | str) -> Path:
    """The GeoJSON file of a shared border's GSHHG versions (either order of the pair works).

    ``scripts/derive_border.py`` writes one for each pair a case lists under
    ``[map] borders``; the Natural Earth versions of every border are in the
    world file (:mod:`newslab.geo.atlas`).

    Examples
    --------
    >>> border_path("AFG-IRN").name
    'border-irn-afg.geojson'
    """
    a, b = _pair(pair)
    folder = data_dir()
    for x, y in ((a, b), (b, a)):
        path = folder / f"border-{x}-{y}.geojson".lower()
        if path.is_file():
            return path
    return folder / f"border-{a}-{b}.geojson".lower()


def has_border(pair: Sequence[str] | str) -> bool:
    """Whether the two countries share a land border that ``data/`` can draw and measure.

    Every land border on Natural Earth's map can; a pair separated by sea cannot.

    Examples
    --------
    >>> has_border(("IRN", "AFG")), has_border(("ARG", "CHL")), has_border("GBR-FRA")
    (True, True, False)
    """
    a, b = _pair(pair)
    return _world().shares_border(a, b) or border_path((a, b)).is_file()


def no_border_reason(pair: Sequence[str] | str) -> str:
    """Why ``data/`` has no border for this pair, in a sentence ("" if it has one).

    Examples
    --------
    >>> print(no_border_reason("GBR-FRA"))
    United Kingdom and France share no land border on Natural Earth's map (at 1:110m, 1:50m or 1:10m): whatever lies between them is sea, or a third country. United Kingdom's land neighbours: IRL.
    >>> no_border_reason("IRN-AFG")
    ''
    """
    try:
        a, b = _pair(pair)
    except BorderDataError as exc:
        return str(exc)
    return "" if has_border((a, b)) else _world().why_no_border(a, b)


def _world():
    try:
        return default_atlas()
    except AtlasError as exc:
        raise BorderDataError(str(exc)) from None


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BorderDataError(
            f"{path.name}: no such file in {path.parent.name}/ — this border has not been derived. "
            "List the pair under [map] borders in the case's case.toml and run "
            "`python scripts/derive_border.py` (it needs the package registries once)"
        ) from None
    except ValueError as exc:
        raise BorderDataError(f"{path.name}: not valid GeoJSON ({exc}); run scripts/derive_border.py again") from None


# --------------------------------------------------------------------------- measuring


def geodesic_length_km(lines: Iterable[Sequence[Sequence[float]]]) -> float:
    """Total geodesic length, in km, of lines given as sequences of (lon, lat) points.

    Parameters
    ----------
    lines : iterable of sequences of (lon, lat)
        One or more lines (a MultiLineString's parts).

    Examples
    --------
    >>> round(geodesic_length_km([[(0, 0), (1, 0)]]), 1)  # one degree along the equator
    111.3
    """
    total = 0.0
    for line in lines:
        pts = list(line)
        if len(pts) > 1:
            total += line_length_m([p[0] for p in pts], [p[1] for p in pts])
    return total / 1000.0


def distance_km(a: Sequence[float], b: Sequence[float]) -> float:
    """Geodesic distance in km between two points given as ``(lat, lon)``.

    Note the order: latitude first, as places.csv and most gazetteers write it.

    Examples
    --------
    >>> round(distance_km((34.67, 61.07), (36.30, 59.61)))  # Islam Qala to Mashhad
    224
    >>> distance_km((0, 0), (0, 0))
    0.0
    """
    (lat1, lon1), (lat2, lon2) = a, b
    for lat in (lat1, lat2):
        if not -90 <= lat <= 90:
            raise ValueError(f"latitude {lat} is not between -90 and 90: give points as (lat, lon)")
    return float(inverse_m([lon1], [lat1], [lon2], [lat2])[0]) / 1000.0


def place_distance_km(case, a: str, b: str) -> float:
    """Geodesic distance in km between two places of a case's places.csv, by name.

    Returns NaN if either name is None (see :func:`distance_pairs`).

    Raises
    ------
    KeyError
        If a name is not in the case's places.csv (the message lists what is).
    """
    if a is None or b is None:
        return float("nan")
    places = case.places.set_index("name")
    for name in (a, b):
        if name not in places.index:
            raise KeyError(f"{name!r} is not in {case.id}/places.csv; it has: {', '.join(places.index)}")
    pa, pb = places.loc[a], places.loc[b]
    return distance_km((float(pa["lat"]), float(pa["lon"])), (float(pb["lat"]), float(pb["lon"])))


def km_to_miles(km: float) -> float:
    """Convert kilometres to international miles.

    >>> round(km_to_miles(900), 1)
    559.2
    """
    return km / KM_PER_MILE


def miles_to_km(miles: float) -> float:
    """Convert international miles to kilometres.

    >>> round(miles_to_km(550), 1)
    885.1
    """
    return miles * KM_PER_MILE


# --------------------------------------------------------------------------- the border data


@dataclass(frozen=True)
class BorderLine:
    """One version of a shared border: one dataset at one resolution.

    Attributes
    ----------
    key : str
        Short name, e.g. ``"ne110m"`` or ``"gshhg-f"``.
    dataset : str
        ``"Natural Earth"`` or ``"GSHHG"``.
    resolution : str
        ``"1:110m"``, ``"crude"``, ...
    vertices : int
        How many points draw the line.
    lines : tuple
        The line's parts, each a tuple of (lon, lat).
    package : str
        The registry package the data came from.
    """

    key: str
    dataset: str
    resolution: str
    vertices: int
    lines: tuple
    package: str = ""

    @property
    def length_km(self) -> float:
        """Geodesic length on the WGS84 ellipsoid, in km."""
        return geodesic_length_km(self.lines)

    @property
    def label(self) -> str:
        """``"Natural Earth 1:110m"``, ``"GSHHG full"``, ..."""
        return f"{self.dataset} {self.resolution}"

    @property
    def ends(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The first and last points, as (lon, lat)."""
        return tuple(self.lines[0][0]), tuple(self.lines[-1][-1])


def load_border(pair: Sequence[str] | str = ("IRN", "AFG")) -> list[BorderLine]:
    """Every version of a shared border in ``data/``, fewest vertices first.

    The Natural Earth versions (1:110m, 1:50m, 1:10m) exist for every land
    border on Earth; the five GSHHG versions for the pairs a case lists under
    ``[map] borders`` (``scripts/derive_border.py`` derives them).  A very
    small country may be missing from the 1:110m map, and its border with it.

    Parameters
    ----------
    pair : pair of str, or str like ``"IRN-AFG"``
        ISO 3166-1 alpha-3 codes, in either order.  None (what
        :func:`case_border` gives for a case without border data) gives [].

    Returns
    -------
    list of BorderLine

    Raises
    ------
    BorderDataError
        If the two countries share no land border (the message says why), or
        a data file is damaged.

    Examples
    --------
    >>> [b.key for b in load_border("IRN-AFG")][-1]
    'gshhg-f'
    >>> [(b.key, round(b.length_km)) for b in load_border("ARG-CHL")]
    [('ne110m', 4276), ('ne50m', 4608), ('ne10m', 5039)]
    >>> load_border("ISL-GBR")
    Traceback (most recent call last):
    ...
    newslab.geo.BorderDataError: Iceland and United Kingdom share no land border on Natural Earth's map (at 1:110m, 1:50m or 1:10m): whatever lies between them is sea, or a third country. Iceland's land neighbours: none: an island country.
    """
    if pair is None:  # a case with no border data: nothing to measure
        return []
    a, b = _pair(pair)
    path = border_path((a, b))
    return list(_load_border(a, b, path if path.is_file() else None, str(data_dir())))


@lru_cache(maxsize=8)
def _load_border(a: str, b: str, gshhg: Path | None, folder: str) -> tuple[BorderLine, ...]:
    world = _world()
    try:
        features = world.border((a, b))
    except AtlasError as exc:
        raise BorderDataError(str(exc)) from None
    if gshhg is not None:
        features = features + [f for f in _read_json(gshhg)["features"] if f["properties"].get("dataset") == "GSHHG"]
    out = []
    try:
        for feature in features:
            props, geom = feature["properties"], feature["geometry"]
            parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
            lines = tuple(tuple((float(x), float(y)) for x, y in part) for part in parts)
            out.append(BorderLine(props["key"], props["dataset"], props["resolution"],
                                  sum(len(p) for p in lines), lines, props.get("package", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise BorderDataError(f"{(gshhg or Path('world-borders.json')).name}: a feature lacks {exc}; "
                              "run scripts/derive_border.py again") from None
    out.sort(key=lambda b: (b.vertices, b.dataset))
    return tuple(out)


def border_lengths(pair: Sequence[str] | str = ("IRN", "AFG")) -> "pd.DataFrame":
    """The length of every version of a border: ``dataset, resolution, vertices, length_km``.

    Rows go from the fewest vertices to the most; ``length_km`` is rounded to
    0.1 km.  ``pair=None`` gives an empty table with these columns.

    Examples
    --------
    >>> table = border_lengths("IRN-AFG")
    >>> list(table.columns)
    ['dataset', 'resolution', 'vertices', 'length_km']
    >>> print(table.head(2).to_string(index=False))
          dataset resolution  vertices  length_km
    Natural Earth     1:110m        10      787.6
            GSHHG      crude        67      811.1
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    if pair is None:  # a case with no border data: an empty table with the right columns
        return pd.DataFrame({"dataset": pd.Series(dtype="object"), "resolution": pd.Series(dtype="object"),
                             "vertices": pd.Series(dtype="int64"), "length_km": pd.Series(dtype="float64")})
    rows = [{"dataset": b.dataset, "resolution": b.resolution, "vertices": b.vertices,
             "length_km": round(b.length_km, 1)} for b in load_border(pair)]
    return pd.DataFrame(rows, columns=LENGTH_COLUMNS)


def border_sources(pair: Sequence[str] | str | None) -> "pd.DataFrame":
    """Where each version of a border comes from: ``key, dataset, resolution, vertices, package``.

    Examples
    --------
    >>> border_sources("IRN-AFG")["package"].iloc[0]
    'npm world-atlas 2.0.2 (countries-110m.json)'
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    rows = [{"key": b.key, "dataset": b.dataset, "resolution": b.resolution, "vertices": b.vertices,
             "package": b.package} for b in load_border(pair)]
    return pd.DataFrame(rows, columns=["key", "dataset", "resolution", "vertices", "package"])


def load_countries(pair: Sequence[str] | str = ("IRN", "AFG")) -> list[dict]:
    """The outlines drawn on the map of a border: the pair and its neighbours.

    From ``data/countries-<a>-<b>.geojson`` for the pairs the cases list
    (``scripts/derive_border.py`` writes them); for any other pair computed
    from the world file (:meth:`newslab.geo.atlas.Atlas.outlines`), the same way.

    Returns
    -------
    list of dict
        ``{"iso_a3", "name", "role" ("pair" or "neighbour"), "polygons"}``, where
        ``polygons`` is a list of polygons, each a list of rings of (lon, lat).
        For drawing only: the outlines are simplified, never measure them.
    """
    a, b = _pair(pair)
    return [dict(c) for c in _load_countries(a, b, str(data_dir()))]


@lru_cache(maxsize=4)
def _load_countries(a: str, b: str, folder: str) -> tuple[dict, ...]:
    stored = [Path(folder) / f"countries-{x}-{y}.geojson".lower() for x, y in ((a, b), (b, a))]
    path = next((p for p in stored if p.is_file()), None)
    if path is not None:  # derived for a case's pair: no geometry to compute in the lesson's kernel
        features = _read_json(path)["features"]
    else:
        try:
            features = _world().outlines((a, b))
        except AtlasError as exc:
            raise BorderDataError(str(exc)) from None
    out = []
    for feature in features:
        geom = feature["geometry"]
        if geom["type"] == "Polygon":
            polygons = [geom["coordinates"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["coordinates"]
        elif geom["type"] == "GeometryCollection":
            polygons = [g["coordinates"] for g in geom["geometries"] if g["type"] == "Polygon"]
            polygons += [p for g in geom["geometries"] if g["type"] == "MultiPolygon" for p in g["coordinates"]]
        else:
            continue
        props = feature["properties"]
        out.append({"iso_a3": props.get("iso_a3", ""), "name": props.get("name", ""), "role": props.get("role", ""),
                    "polygons": polygons})
    return tuple(out)


def case_borders(case) -> list[tuple[str, str]]:
    """The pairs listed under ``[map] borders`` in a case's case.toml (may be empty).

    Examples
    --------
    >>> from newslab import load_case
    >>> case_borders(load_case("iran-taliban-2021"))
    [('IRN', 'AFG')]
    """
    map_ = case.meta.get("map") or {}
    return [tuple(p) for p in map_.get("borders", [])]


def _file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks: a kernel that checks data/ does not keep a 7 MB file's worth of heap."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def verify_data(folder: str | os.PathLike | None = None) -> list[str]:
    """Check every file listed in ``data/SHA256SUMS``; returns the problems (empty if none).

    Examples
    --------
    >>> verify_data()
    []
    """
    folder = Path(folder) if folder else data_dir()
    sums = folder / "SHA256SUMS"
    if not sums.is_file():
        return [f"{folder.name}/SHA256SUMS is missing"]
    problems = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        path = folder / name.strip()
        if not path.is_file():
            problems.append(f"{folder.name}/SHA256SUMS, line {number}: {name.strip()} is missing")
        elif _file_sha256(path) != digest.strip():
            problems.append(f"{folder.name}/SHA256SUMS, line {number}: {name.strip()} does not match its SHA-256")
    return problems


# --------------------------------------------------------------------------- a case's border, claims and distances


def case_border(case) -> tuple[str, str] | None:
    """The first border the case lists under ``[map] borders`` that ``data/`` can draw, or None.

    None when the case lists none, or only pairs that share no land border.

    Examples
    --------
    >>> from newslab import load_case
    >>> case_border(load_case("iran-taliban-2021"))
    ('IRN', 'AFG')
    """
    for pair in case_borders(case):
        try:
            if has_border(pair):
                return tuple(p.upper() for p in pair)
        except BorderDataError:  # not a pair of codes: border_status says so
            continue
    return None


def border_status(case):
    """A plain sentence on what the border lesson can draw and measure for this case.

    Displays as HTML in a notebook and as text elsewhere.

    Examples
    --------
    >>> from newslab import load_case
    >>> border_status(load_case("iran-taliban-2021"))
    Border IRN–AFG: 8 versions in data/, from Natural Earth 1:110m (10 vertices) to GSHHG full (1344 vertices).
    """
    pair = case_border(case)
    if pair is not None:
        versions = load_border(pair)
        text = (f"Border {pair[0]}–{pair[1]}: {len(versions)} versions in data/, from {versions[0].label} "
                f"({versions[0].vertices} vertices) to {versions[-1].label} ({versions[-1].vertices} vertices).")
        if not any(v.dataset == "GSHHG" for v in versions):
            text += (" Only Natural Earth's scales: GSHHG's five resolutions are derived for the borders that the "
                     "cases in cases/ list (run `python scripts/derive_border.py` once, with the package "
                     "registries, and commit data/).")
    else:
        listed = case_borders(case)
        if listed:
            reasons = " ".join(f"{'–'.join(p)}: {no_border_reason(p)}" for p in listed)
            text = (f"No border to map for this case. {reasons} The map and the measurements below are "
                    "skipped; the distances between places still work.")
        else:
            text = ("No border to map for this case: its case.toml lists no [map] borders. The map and the "
                    "measurements below are skipped; add a pair of countries that share a land border, such "
                    "as borders = [[\"IRN\", \"AFG\"]].")
            codes = [c for cell in case.places["country"].dropna() for c in str(cell).split("/")]
            found = land_border_pairs(codes)
            if found:
                text += " Pairs among this case's countries that do: " + ", ".join("–".join(p) for p in found) + "."
    return Rendered(f"<p><b>{html.escape(text)}</b></p>", text)


def land_border_pairs(codes: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs among ``codes`` (ISO alpha-3) that share a land border, in the order the codes come.

    Codes that are not countries of the map (a region, ``IRN/AFG``, empty)
    are skipped; each pair comes once, its first-named country first.

    Examples
    --------
    >>> land_border_pairs(["PER", "CHL", "BOL", "GBR", "", "IRN/AFG"])
    [('PER', 'CHL'), ('PER', 'BOL'), ('CHL', 'BOL')]
    """
    world = _world()
    seen: list[str] = []
    for code in codes:
        code = str(code or "").strip().upper()
        if code and code in world.countries and code not in seen:
            seen.append(code)
    return [(a, b) for i, a in enumerate(seen) for b in seen[i + 1:] if world.shares_border(a, b)]


#: The spellings of claims.csv's ``unit`` that are kilometres and miles (lower case): lesson 03's lengths.
KM_UNITS = ("km", "kilometre", "kilometres", "kilometer", "kilometers")
MILE_UNITS = ("mi", "mile", "miles")

#: A length written as the border's: "a 900-kilometre (550-mile) border", "its 1,200 km frontier"; the words
#: right after the length.  (Not "15 kilometres at the border", "170 km from the border".)
_LENGTH_OF_BORDER_AFTER = re.compile(
    r"\W{0,3}(?:\([^()]{0,40}\)\s*)?(?:-?long\s+)?(?:(?:land|shared|common|international|mountain(?:ous)?|porous|"
    r"desert|eastern|western|northern|southern|joint|disputed|de facto|official)[\s-]+){0,3}"
    r"(?:border|frontier|boundary|borderline)", re.IGNORECASE)
#: ... or the border's words just before it: "the border ... stretches for 900 km", "a frontier of 1,200 km",
#: "the border between the two countries is 1,200 km".  The word before "border" is captured: after a
#: preposition ("queues on both sides of the frontier stretched for 15 km") the border is not the subject.
_LENGTH_OF_BORDER_BEFORE = re.compile(
    r"(?:\b([\w'’]+)\s+(?:the\s+|its\s+|their\s+|a\s+|an\s+)?)?(?:land\s+|shared\s+|common\s+)?"
    r"(?:border|frontier|boundary)s?\b(?:\s+(?:with|between)\s+[\w'’.-]+(?:\s+[\w'’.-]+){0,3})?,?"
    r"(?:\s+(?:which|that))?\s+(?:of|is|was|runs?|ran|stretch(?:es|ed)?|spans?|spanned|measures?|measured|"
    r"extends?|extended|covers?|covered|totals?|totalled|for|along)\s+(?:(?:about|some|nearly|almost|roughly|"
    r"around|over|under|just|more than|less than|an estimated|a total of|approximately|at least|at most|for)\s+)*$",
    re.IGNORECASE)
_PREPOSITIONS = frozenset("of at near from to on along across over past beyond toward towards through by into "
                          "inside outside within".split())


def _is_border_length(text: str, start: int, end: int) -> bool:
    """Whether the length at ``text[start:end]`` is written as the border's own length.

    Examples
    --------
    >>> t = "Iran shares a 900-kilometer (550-mile) border. Lorries queued for 15 km at the border."
    >>> [_is_border_length(t, t.index(s), t.index(s) + len(s)) for s in ("900-kilometer", "550-mile", "15 km")]
    [True, True, False]
    >>> t = "The frontier stretches for some 1,200 km through desert."
    >>> _is_border_length(t, t.index("1,200 km"), t.index("1,200 km") + 8)
    True
    >>> t = "Queues on both sides of the frontier stretched for more than 15 kilometres."
    >>> _is_border_length(t, t.index("15 kilometres"), t.index("15 kilometres") + 13)
    False
    >>> t = "The border between the two countries is about 1,200 km long."
    >>> _is_border_length(t, t.index("1,200 km"), t.index("1,200 km") + 8)
    True
    """
    if _LENGTH_OF_BORDER_AFTER.match(text, end, min(len(text), end + 120)):
        return True
    before = _LENGTH_OF_BORDER_BEFORE.search(text[max(0, start - 160):start])
    return bool(before) and (before.group(1) or "").lower() not in _PREPOSITIONS


def border_claims(case) -> "pd.DataFrame":
    """The article's lengths of the border in km or miles (from claims.csv), each converted to km.

    Which lengths: the claim ids listed under ``[map] lengths`` in case.toml;
    without that list, every km or mi row whose words in the article give the
    border's length ("a 900-kilometre border", "the frontier runs 310 miles"),
    not another distance ("a queue 15 km long at the border", "170 km from
    Nairobi").

    Columns ``id, surface, value, unit, km, ref_km, source_id``; ``ref_km`` is
    the reference value (``ref_value`` in ``ref_unit``) in km, where there is one.

    Examples
    --------
    >>> from newslab import load_case
    >>> border_claims(load_case("iran-taliban-2021"))[["surface", "km", "ref_km"]].round(1).values.tolist()
    [['900-kilometer', 900.0, 921.0], ['550-mile', 885.1, 921.0]]
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    def to_km(value, unit):
        if value is None or pd.isna(value):
            return float("nan")
        unit = str(unit or "").strip().lower()
        if unit in KM_UNITS:
            return float(value)
        if unit in MILE_UNITS:
            return miles_to_km(float(value))
        return float("nan")

    claims = case.claims
    listed = (case.meta.get("map") or {}).get("lengths")
    rows = []
    for row in claims.to_dict("records"):
        km = to_km(row["value"], row["unit"])
        if km != km:  # not a length
            continue
        if listed is not None:
            if row["id"] not in listed:
                continue
        elif not any(_is_border_length(case.text, s, e) for s, e in find_all_in(str(row["surface"]), case.text)):
            continue
        ref_unit = row.get("ref_unit") if row.get("ref_unit") is not None and not pd.isna(row.get("ref_unit")) else row["unit"]
        rows.append({"id": row["id"], "surface": row["surface"], "value": float(row["value"]), "unit": row["unit"],
                     "km": km, "ref_km": to_km(row.get("ref_value"), ref_unit), "source_id": row.get("source_id")})
    return pd.DataFrame(rows, columns=["id", "surface", "value", "unit", "km", "ref_km", "source_id"])


def reference_lengths(case) -> list[tuple[str, float]]:
    """Labelled lengths to mark on the coastline chart: the article's figures and their references.

    Examples
    --------
    >>> from newslab import load_case
    >>> [label for label, km in reference_lengths(load_case("iran-taliban-2021"))]
    ['article: 900-kilometer', 'Central Intelligence Agency: 921 km', 'article: 550-mile = 885 km']
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    out = []
    for row in border_claims(case).to_dict("records"):
        label = f"article: {row['surface']}"
        if str(row["unit"]).strip().lower() not in KM_UNITS:
            label += f" = {row['km']:.0f} km"
        out.append((label, row["km"]))
        if row["ref_km"] == row["ref_km"] and row["source_id"] and not pd.isna(row["source_id"]):
            first = str(row["source_id"]).split(";")[0]
            try:
                who = case.source(first)["publisher"]
            except KeyError:
                who = first
            out.append((f"{who}: {row['ref_km']:.0f} km", row["ref_km"]))
    seen, unique = set(), []
    for label, km in out:  # a reference shared by two claims (921 km, 572 mi) is marked once
        if label not in seen:
            seen.add(label)
            unique.append((label, km))
    return unique


def distance_pairs(case, n: int = 2) -> list[tuple[str | None, str | None]]:
    """Pairs of places for the distance exercises.

    ``[map] distances`` in case.toml if it lists any; otherwise the first
    crossing of the case's map places (or its first town or city) paired with
    the nearest, then the next nearest, city, town or capital of places.csv.  Always ``n`` pairs:
    they repeat when the case has too few places, and are ``(None, None)``
    when it has fewer than two.

    Examples
    --------
    >>> from newslab import load_case
    >>> distance_pairs(load_case("iran-taliban-2021"))
    [('Islam Qala', 'Herat'), ('Islam Qala', 'Mashhad')]
    """
    listed = [tuple(p) for p in (case.meta.get("map") or {}).get("distances", [])]
    known = set(case.places["name"])
    for pair in listed:
        bad = [n for n in pair if n not in known] if len(pair) == 2 else list(pair)
        if bad or len(pair) != 2:
            raise CaseError([Problem(f"{case.id}/case.toml", None,
                                     f"[map] distances entry {list(pair)!r} must be two names from places.csv",
                                     hint=f"not in places.csv: {', '.join(map(str, bad))}" if bad else "")])
    pairs = listed
    if not pairs:
        places = case.places
        wanted = (case.meta.get("map") or {}).get("places")
        if wanted:
            places = places[places["name"].isin(wanted)]
        anchors = [r for r in places.to_dict("records") if r["kind"] == "crossing"] or \
            [r for r in places.to_dict("records") if r["kind"] in ("town", "city", "capital")]
        if anchors:
            a = anchors[0]
            others = [r for r in case.places.to_dict("records")
                      if r["kind"] in ("city", "capital", "town") and r["name"] != a["name"]]
            others.sort(key=lambda r: distance_km((float(a["lat"]), float(a["lon"])), (float(r["lat"]), float(r["lon"]))))
            pairs = [(a["name"], r["name"]) for r in others[:n]]
    if not pairs:
        return [(None, None)] * n
    return [pairs[i % len(pairs)] for i in range(n)]


def answer(case, what: str) -> float:
    """Self-check answers computed from the case (``derive = ...`` in checks/03-border.toml).

    ``what`` is ``"miles_in_km"``, ``"spread_percent"``, ``"distance_1"`` or ``"distance_2"``.
    Returns NaN when the case lacks what the answer needs (no miles figure, no
    border data, too few places): the self-check then has nothing to accept.

    Examples
    --------
    >>> from newslab import load_case
    >>> case = load_case("iran-taliban-2021")
    >>> [round(answer(case, w), 1) for w in ("miles_in_km", "spread_percent", "distance_1", "distance_2")]
    [885.1, 11.3, 109.7, 224.2]
    """
    value = _answer(case, what)
    return float("nan") if value is None else value


def _answer(case, what: str):
    if what == "miles_in_km":
        claims = border_claims(case)
        miles = claims[claims["unit"].str.strip().str.lower().isin(MILE_UNITS)]
        return float(miles["km"].iloc[0]) if len(miles) else None
    if what == "spread_percent":
        pair = case_border(case)
        if pair is None:
            return None
        table = border_lengths(pair)
        lo, hi = table["length_km"].min(), table["length_km"].max()
        return float((hi - lo) / lo * 100)
    if what in ("distance_1", "distance_2"):
        a, b = distance_pairs(case)[int(what[-1]) - 1]
        return None if a is None else place_distance_km(case, a, b)
    raise ValueError(f"unknown answer {what!r}")
