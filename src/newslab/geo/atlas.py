"""Every land border on Earth at Natural Earth's three scales, read lazily from a compact file.

``scripts/derive_border.py`` keeps, from the three TopoJSON topologies of npm
``world-atlas`` 2.0.2 (Natural Earth 4.1.0 admin-0 countries at 1:110m, 1:50m
and 1:10m), every *arc* that two countries share (at 1:50m every arc, for the
map's outlines), exactly as world-atlas quantized it, and writes them to two
files in ``data/``:

* ``world-borders.json``, the index: per scale the quantization transform and
  the byte offset of each arc; per country its name, the scales it is drawn at
  and its 1:50m bounding box; per pair of countries that share a land
  boundary the arcs of that boundary at each scale; per country the rings of
  its 1:50m polygons (as TopoJSON arc references: ``~i`` is arc ``i``
  reversed);
* ``world-borders.bin``, the arcs: each one a run of (dx, dy) steps on the
  quantization grid (the first step from the origin), every number
  zigzag-encoded as a LEB128 varint.

Reading one border reads the index and, from the arc file, only the bytes of
that border's arcs (a seek and a read per arc): loading a pair never decodes
the world.  Countries are keyed by ISO 3166-1 alpha-3 code; the few Natural
Earth units with no ISO code keep Natural Earth's own ``ADM0_A3`` code
(``SOL`` Somaliland, ``CYN`` Northern Cyprus, ...), and Kosovo has GeoNames'
``XKX``.

Examples
--------
>>> world = default_atlas()
>>> world.pair_key("IRN", "AFG")
'AFG-IRN'
>>> lines = world.border_lines(("IRN", "AFG"), "ne110m")
>>> len(lines), len(lines[0])
(1, 10)
>>> world.shares_border("IRL", "ISL")
False
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Sequence

from ..core.errors import NewslabError
from .data import data_dir

__all__ = ["Atlas", "AtlasError", "SCALES", "INDEX_FILE", "ARCS_FILE", "default_atlas", "zigzag_varints",
           "decode_varints", "merge_lines", "orient", "rounded"]

#: Natural Earth scales in world-atlas, coarse to fine: key, resolution, world-atlas file.
SCALES = (("ne110m", "1:110m", "countries-110m.json"), ("ne50m", "1:50m", "countries-50m.json"),
          ("ne10m", "1:10m", "countries-10m.json"))

INDEX_FILE = "world-borders.json"
ARCS_FILE = "world-borders.bin"

#: Border coordinates are rounded to this many decimals (about 1 m), as in data/border-*.geojson.
BORDER_DECIMALS = 5
#: Map outlines: rounded to 3 decimals (about 100 m), simplified at 0.02 degrees (about 2 km).
OUTLINE_DECIMALS = 3
OUTLINE_SIMPLIFY_DEG = 0.02
#: The outline frame: the pair's box, padded by this share of its larger side ...
OUTLINE_PAD = 0.35
#: ... unless the pair spans more than this many degrees (Russia, Canada, France with its overseas
#: departments, a country across the antimeridian): then the frame is the border's own box, padded.
OUTLINE_MAX_SPAN = (60.0, 60.0)
#: The smallest frame, in degrees: a border a few km long still gets a region around it.
OUTLINE_MIN_SPAN = 6.0


class AtlasError(NewslabError, LookupError):
    """A country or a border that the compact Natural Earth data does not hold."""


# --------------------------------------------------------------------------- the encoding


def zigzag_varints(values: Sequence[int]) -> bytes:
    """Signed integers as zigzag LEB128 varints (small numbers, of either sign, take one byte).

    Examples
    --------
    >>> zigzag_varints([0, -1, 1, 63, -64, 64]).hex()
    '0001027e7f8001'
    >>> decode_varints(zigzag_varints([5, -300, 100000]))
    [5, -300, 100000]
    """
    out = bytearray()
    for v in values:
        z = (v << 1) if v >= 0 else ((-v << 1) - 1)
        while z >= 0x80:
            out.append((z & 0x7F) | 0x80)
            z >>= 7
        out.append(z)
    return bytes(out)


def decode_varints(blob: bytes) -> list[int]:
    """The signed integers of :func:`zigzag_varints`, decoded.

    Examples
    --------
    >>> decode_varints(bytes([0x00, 0x01, 0x02, 0x7e, 0x7f, 0x80, 0x01]))
    [0, -1, 1, 63, -64, 64]
    """
    out, z, shift = [], 0, 0
    for byte in blob:
        z |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        out.append((z >> 1) if not z & 1 else -((z + 1) >> 1))
        z = shift = 0
    if shift:
        raise ValueError("the varint stream ends inside a number")
    return out


# --------------------------------------------------------------------------- lines


def merge_lines(segments) -> list[list[tuple[float, float]]]:
    """Join line segments that share end points into as few lines as possible (shapely's linemerge).

    Longest line first.  A ring (an enclave's border) stays one closed line.

    Examples
    --------
    >>> merge_lines([[(0, 0), (1, 0)], [(1, 0), (1, 1)], [(5, 5), (6, 5)]])
    [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], [(5.0, 5.0), (6.0, 5.0)]]
    """
    # shapely waits until the derive script joins arcs: reading a border never needs it
    from shapely.geometry import MultiLineString
    from shapely.ops import linemerge

    merged = linemerge(MultiLineString([s for s in segments if len(s) > 1]))
    lines = [list(merged.coords)] if merged.geom_type == "LineString" else [list(g.coords) for g in merged.geoms]
    return sorted(lines, key=len, reverse=True)


def orient(lines, toward):
    """Orient and order lines so that the first point is the end nearer ``toward`` (lon, lat)."""
    lines = [list(line) for line in lines]
    if math.dist(lines[0][-1], toward) < math.dist(lines[0][0], toward):
        lines = [line[::-1] for line in lines[::-1]]
    return lines


def rounded(points, decimals: int = BORDER_DECIMALS) -> list[tuple[float, float]]:
    """Points rounded to ``decimals``, with repeats that rounding makes dropped.

    >>> rounded([(1.000001, 2.0), (1.0000012, 2.0), (1.5, 2.5)])
    [(1.0, 2.0), (1.5, 2.5)]
    """
    out: list[tuple[float, float]] = []
    for x, y in points:
        p = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != p:
            out.append(p)
    return out


def top_end(lines) -> tuple[float, float]:
    """The end of the first (longest) line with the larger latitude: where every version of a border starts."""
    return max([lines[0][0], lines[0][-1]], key=lambda p: (p[1], p[0]))


def chain_lines(arcs: dict[int, list[tuple[float, float]]], toward: tuple[float, float] | None = None) -> list[list[int]]:
    """Join arcs into lines, as chains of arc numbers (``~i``: arc ``i`` reversed), oriented and ordered.

    For the derive script: shapely's linemerge joins the arcs (see
    :func:`merge_lines`), each line is read back as the arcs it runs along,
    and the lines are oriented so that the first point is the end nearer
    ``toward`` (default: the end of the longest line with the larger
    latitude; see :func:`orient`).  :meth:`Atlas.border_lines` puts
    the arcs of each chain end to end again.

    Examples
    --------
    Arcs 0 and 1 make one line, oriented from its northern end (2, 1), so
    arc 1 forward, then arc 0 backward (``~0`` is -1); as :func:`orient`
    does, the flip also reverses the order of the lines:

    >>> chain_lines({0: [(0.0, 0.0), (1.0, 0.0)], 1: [(2.0, 1.0), (1.0, 0.0)], 2: [(5.0, 5.0), (6.0, 5.0)]})
    [[-3], [1, -1]]
    """
    lines = merge_lines(list(arcs.values()))
    first = toward or top_end(lines)
    starts: dict[tuple[float, float], list[tuple[int, list]]] = {}
    for i, pts in arcs.items():
        starts.setdefault(tuple(pts[0]), []).append((i, pts))
        starts.setdefault(tuple(pts[-1]), []).append((~i, pts[::-1]))
    chains = []
    for line in orient(lines, first):
        chain, pos, used = [], 0, set()
        while pos < len(line) - 1:
            for signed, pts in starts.get(tuple(line[pos]), []):
                arc = signed if signed >= 0 else ~signed
                if arc not in used and [tuple(p) for p in line[pos:pos + len(pts)]] == [tuple(p) for p in pts]:
                    break
            else:
                raise ValueError(f"no arc runs along the merged line at point {pos} ({line[pos]})")
            chain.append(signed)
            used.add(arc)
            pos += len(pts) - 1
        chains.append(chain)
    return chains


# --------------------------------------------------------------------------- the atlas


class Atlas:
    """The compact Natural Earth borders: an index, and arcs read on demand.

    Parameters
    ----------
    index : dict
        The parsed ``world-borders.json``.
    arcs : binary file object
        ``world-borders.bin`` (or the same bytes in a ``io.BytesIO``): only
        the arcs asked for are read from it.
    """

    def __init__(self, index: dict, arcs: BinaryIO, name: str = ARCS_FILE):
        self.index = index
        self._file = arcs
        self._name = name
        self.arcs_read = 0  # how many arcs have been decoded (the tests check that a pair reads few)

    # ----------------------------------------------------------------- countries and pairs

    @property
    def countries(self) -> dict[str, dict]:
        """ISO alpha-3 (or Natural Earth code) -> ``{"name", "scales", "bbox"}``."""
        return self.index["countries"]

    def name(self, code: str) -> str:
        """Natural Earth's name of a country.

        >>> default_atlas().name("AFG")
        'Afghanistan'
        """
        return self._country(code)["name"]

    def _country(self, code: str) -> dict:
        try:
            return self.countries[code.upper()]
        except KeyError:
            raise AtlasError(f"{code!r} is not a country of Natural Earth's admin-0 map "
                             "(give an ISO 3166-1 alpha-3 code such as IRN)") from None

    @staticmethod
    def pair_key(a: str, b: str) -> str:
        """The index's key of a pair: the two codes in alphabetical order."""
        a, b = sorted((a.upper(), b.upper()))
        return f"{a}-{b}"

    def shares_border(self, a: str, b: str) -> bool:
        """Whether two countries share a land boundary at any of the three scales."""
        return self.pair_key(a, b) in self.index["borders"]

    def neighbours(self, code: str) -> list[str]:
        """The countries that share a land boundary with ``code``, in code order.

        >>> default_atlas().neighbours("AFG")
        ['CHN', 'IRN', 'PAK', 'TJK', 'TKM', 'UZB']
        """
        code = code.upper()
        out = []
        for key in self.index["borders"]:
            a, b = key.split("-")
            if code in (a, b):
                out.append(b if a == code else a)
        return sorted(out)

    def scales_of(self, a: str, b: str) -> list[str]:
        """The scales (``"ne110m"`` ...) at which the pair's boundary is drawn (a small country may lack 1:110m)."""
        entry = self.index["borders"].get(self.pair_key(a, b), {})
        return [key for key, _, _ in SCALES if entry.get(key)]

    def why_no_border(self, a: str, b: str) -> str:
        """A sentence saying why ``a`` and ``b`` have no border here (unknown code, same country, sea between)."""
        a, b = a.upper(), b.upper()
        for code in (a, b):
            if code not in self.countries:
                return (f"{code} is not a country of Natural Earth's admin-0 map; give ISO 3166-1 alpha-3 codes "
                        "such as IRN-AFG")
        if a == b:
            return f"{a}–{b} names the same country twice"
        near = ", ".join(self.neighbours(a)) or "none: an island country"
        return (f"{self.name(a)} and {self.name(b)} share no land border on Natural Earth's map (at 1:110m, 1:50m "
                f"or 1:10m): whatever lies between them is sea, or a third country. {self.name(a)}'s land "
                f"neighbours: {near}.")

    # ----------------------------------------------------------------- arcs

    def _arc(self, scale: str, arc: int, cache: bool = True) -> list[tuple[float, float]]:
        """Arc ``arc`` of ``scale`` as (lon, lat) points (``~arc``: reversed)."""
        points = (self._decoded if cache else self._decode)(scale, arc if arc >= 0 else ~arc)
        return points if arc >= 0 else points[::-1]

    @lru_cache(maxsize=1024)  # noqa: B019 - one atlas per data folder lives for the session
    def _decoded(self, scale: str, arc: int) -> list[tuple[float, float]]:
        """:meth:`_decode`, kept for the session: a border's arcs are few and asked for again."""
        return self._decode(scale, arc)

    def _decode(self, scale: str, arc: int) -> list[tuple[float, float]]:
        meta = self.index["scales"][scale]
        start, end = meta["offsets"][arc], meta["offsets"][arc + 1]
        self._file.seek(start)
        blob = self._file.read(end - start)
        if len(blob) != end - start:
            raise AtlasError(f"{self._name} is shorter than its index says; run scripts/derive_border.py again")
        steps = decode_varints(blob)
        (sx, sy), (tx, ty) = meta["scale"], meta["translate"]
        x = y = 0
        points = []
        for i in range(0, len(steps), 2):
            x += steps[i]
            y += steps[i + 1]
            points.append((x * sx + tx, y * sy + ty))
        self.arcs_read += 1
        return points

    # ----------------------------------------------------------------- borders

    def border_lines(self, pair: Sequence[str], scale: str) -> list[list[tuple[float, float]]]:
        """The shared boundary of ``pair`` at ``scale`` as lines of (lon, lat), unrounded; [] if none at that scale.

        The index stores each line as a chain of arcs, joined and oriented when
        the data were derived (:func:`chain_lines`), so reading a border needs
        no geometry library: decode the arcs, put them end to end.
        """
        a, b = pair
        lines = []
        for chain in self.index["borders"].get(self.pair_key(a, b), {}).get(scale, []):
            points: list[tuple[float, float]] = []
            for arc in chain:
                seg = self._arc(scale, arc)
                points.extend(seg if not points else seg[1:])
            lines.append(points)
        return lines

    def border(self, pair: Sequence[str]) -> list[dict]:
        """The shared boundary at every scale that draws it, as GeoJSON features (as in data/border-*.geojson).

        Every version is oriented the same way: from the end of the finest line
        with the larger latitude.  Coordinates are world-atlas's, rounded to
        :data:`BORDER_DECIMALS`.

        Raises
        ------
        AtlasError
            With :meth:`why_no_border`'s sentence if the pair shares no land boundary.
        """
        a, b = (p.upper() for p in pair)
        if not self.shares_border(a, b):
            raise AtlasError(self.why_no_border(a, b))
        features = []
        for key, resolution, source in SCALES:
            lines = self.border_lines((a, b), key)
            if not lines:
                continue
            parts = [rounded(line) for line in lines]
            if len(parts) == 1:
                geometry = {"type": "LineString", "coordinates": [list(p) for p in parts[0]]}
            else:
                geometry = {"type": "MultiLineString", "coordinates": [[list(p) for p in part] for part in parts]}
            features.append({
                "type": "Feature",
                "properties": {
                    "key": key, "dataset": "Natural Earth", "resolution": resolution,
                    "vertices": sum(len(p) for p in parts),
                    "package": f"npm world-atlas {self.index['source']['version']} ({source})",
                    "method": "arcs shared by both countries' polygons in the TopoJSON topology",
                },
                "geometry": geometry,
            })
        return features

    # ----------------------------------------------------------------- outlines

    def polygons(self, code: str) -> list[list[list[tuple[float, float]]]]:
        """A country's 1:50m polygons (each a list of rings of (lon, lat)); [] if it is too small for 1:50m."""
        out = []
        for polygon in self.index["outlines"].get(code.upper(), []):
            rings = []
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for arc in ring:
                    seg = self._arc("ne50m", arc, cache=False)  # a map's outlines: thousands of points, once
                    points.extend(seg if not points else seg[1:])
                rings.append(points)
            out.append(rings)
        return out

    def _shape(self, code: str):
        # shapely (heavy) only for outlines of a pair no case lists; a stored pair needs none
        from shapely.geometry import MultiPolygon, Polygon

        return MultiPolygon([Polygon(r[0], r[1:]) for r in self.polygons(code)])

    def outline_frame(self, pair: Sequence[str]) -> tuple[float, float, float, float]:
        """The (west, south, east, north) box the map of ``pair`` shows, before the outlines' own margin.

        The box of both countries whole; if that spans more than
        :data:`OUTLINE_MAX_SPAN` degrees (overseas departments, a country across
        the antimeridian), the box of their parts that reach the border's own
        box; if that is still too large (Russia, Canada), the border's box, at
        least :data:`OUTLINE_MIN_SPAN` degrees across.

        Examples
        --------
        >>> [round(v, 1) for v in default_atlas().outline_frame(("FRA", "BRA"))]
        [-74.0, -33.7, -34.8, 5.8]
        """
        a, b = (p.upper() for p in pair)
        boxes = [self._country(c)["bbox"] for c in (a, b) if self._country(c).get("bbox")]
        frame = _union(boxes) if boxes else None
        if frame and _fits(frame):
            return frame
        pts = [p for key in ("ne50m", "ne10m", "ne110m") for line in self.border_lines((a, b), key) for p in line]
        if not pts:
            raise AtlasError(self.why_no_border(a, b))
        near = (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
        parts = [_bounds(polygon[0]) for code in (a, b) for polygon in self.polygons(code)]
        touching = [bx for bx in parts if bx[0] <= near[2] and bx[2] >= near[0] and bx[1] <= near[3] and bx[3] >= near[1]]
        if touching and _fits(_union(touching)):
            return _union(touching)
        half = max(near[2] - near[0], near[3] - near[1], OUTLINE_MIN_SPAN) / 2
        cx, cy = (near[0] + near[2]) / 2, (near[1] + near[3]) / 2
        return cx - half, max(cy - half, -90.0), cx + half, min(cy + half, 90.0)

    def outlines(self, pair: Sequence[str]) -> list[dict]:
        """The outlines the map of a border draws: the pair and every country in its frame, as GeoJSON features.

        Natural Earth 1:50m polygons clipped to the frame (see
        :meth:`outline_frame`, padded by :data:`OUTLINE_PAD` of its larger
        side, then by as much again), simplified with Douglas–Peucker at
        :data:`OUTLINE_SIMPLIFY_DEG` degrees and rounded to
        :data:`OUTLINE_DECIMALS` decimals.  For drawing only: never measure them.
        Features are in the order of their Natural Earth numeric id; their
        properties are ``iso_a3``, ``name`` and ``role`` (``"pair"`` or ``"neighbour"``).
        """
        # shapely (heavy) only when outlines are clipped on demand
        from shapely.geometry import box, mapping
        from shapely.validation import make_valid

        a, b = (p.upper() for p in pair)
        minx, miny, maxx, maxy = self.outline_frame((a, b))
        pad = max(maxx - minx, maxy - miny) * OUTLINE_PAD
        frame = box(minx - pad, miny - pad, maxx + pad, maxy + pad)
        wide = frame.buffer(pad)
        w, s, e, n = frame.bounds
        features = []
        for code, meta in sorted(self.countries.items(), key=lambda kv: kv[1]["order"]):
            bbox = meta.get("bbox")
            if not bbox or bbox[2] < w or bbox[0] > e or bbox[3] < s or bbox[1] > n:
                continue
            geom = self._shape(code)
            if not geom.intersects(frame):
                continue
            clipped = _without_slivers(
                make_valid(geom).intersection(wide).simplify(OUTLINE_SIMPLIFY_DEG, preserve_topology=True))
            if clipped.is_empty:
                continue
            gj = json.loads(json.dumps(mapping(clipped)), parse_float=lambda v: round(float(v), OUTLINE_DECIMALS))
            features.append({"type": "Feature",
                             "properties": {"iso_a3": code, "name": meta["name"],
                                            "role": "pair" if code in (a, b) else "neighbour"},
                             "geometry": gj})
        return features


def _without_slivers(geom):
    """``geom`` without its parts that are ribbons: over 10 degrees long and under 0.1 degree across.

    No land is shaped like that.  Such a part comes from a country whose
    rings cross the antimeridian (Fiji in Natural Earth): clipped to a frame
    on the other side of the world, it leaves a ribbon along its latitude,
    which a map would draw as a straight line across land and sea.

    Examples
    --------
    >>> from shapely.geometry import MultiPolygon, box
    >>> parts = MultiPolygon([box(0, 0, 2, 2), box(-107.7, -16.54, -52.6, -16.5)])
    >>> _without_slivers(parts).bounds
    (0.0, 0.0, 2.0, 2.0)
    """
    parts = list(getattr(geom, "geoms", [geom]))
    kept = []
    for part in parts:
        w, s, e, n = part.bounds if not part.is_empty else (0, 0, 0, 0)
        if part.geom_type in ("Polygon", "MultiPolygon") and max(e - w, n - s) > 10 and min(e - w, n - s) < 0.1:
            continue
        kept.append(part)
    if len(kept) == len(parts):
        return geom
    from shapely.geometry import GeometryCollection, MultiPolygon  # shapely: already loaded by the caller

    polygons = [p for p in kept if p.geom_type == "Polygon"]
    return MultiPolygon(polygons) if len(polygons) == len(kept) else GeometryCollection(kept)


def _bounds(ring) -> tuple[float, float, float, float]:
    return min(p[0] for p in ring), min(p[1] for p in ring), max(p[0] for p in ring), max(p[1] for p in ring)


def _union(boxes) -> tuple[float, float, float, float]:
    return (min(bx[0] for bx in boxes), min(bx[1] for bx in boxes), max(bx[2] for bx in boxes),
            max(bx[3] for bx in boxes))


def _fits(frame) -> bool:
    return frame[2] - frame[0] <= OUTLINE_MAX_SPAN[0] and frame[3] - frame[1] <= OUTLINE_MAX_SPAN[1]


# --------------------------------------------------------------------------- the committed files


def open_atlas(folder: str | os.PathLike) -> Atlas:
    """The atlas stored in ``folder`` (``world-borders.json`` and ``world-borders.bin``)."""
    folder = Path(folder)
    try:
        index = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))
        arcs = open(folder / ARCS_FILE, "rb")  # noqa: SIM115 - kept open for the session's reads
    except FileNotFoundError as exc:
        raise AtlasError(f"{Path(exc.filename).name}: no such file in {folder.name}/ — run "
                         "`python scripts/derive_border.py` (it needs the package registries once)") from None
    except ValueError as exc:
        raise AtlasError(f"{INDEX_FILE}: not valid JSON ({exc}); run scripts/derive_border.py again") from None
    return Atlas(index, arcs)


@lru_cache(maxsize=2)
def _atlas_in(folder: str) -> Atlas:
    return open_atlas(folder)


def default_atlas() -> Atlas:
    """The atlas in :func:`newslab.geo.data_dir`, opened once per folder."""
    return _atlas_in(str(data_dir()))
