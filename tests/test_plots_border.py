"""Lesson 03's figures, the slider, and the notebook run with the network cut off."""

from __future__ import annotations

import itertools
import shutil
import socket
from pathlib import Path

import nbformat
import pytest

from newslab import geo, load_case
from newslab.notebook.figures import ShownFigure, new_figure
from newslab.notebook.plots import border as plots

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed():
    return load_case("iran-taliban-2021")


@pytest.fixture(scope="module")
def seed_map(seed):
    return plots.border_map(seed)


def test_the_map_marks_every_place_and_says_what_it_shows(seed_map):
    shown = seed_map
    assert isinstance(shown, ShownFigure) and shown.png.startswith(b"\x89PNG")
    for name in ("Islam Qala", "Dogharoun", "Mahirud / Abu Nasr Farahi", "Milak", "Herat", "Mashhad", "Zahedan",
                 "Zaranj", "Kabul", "Tehran", "Iran-Afghanistan-Turkmenistan tripoint"):
        assert name in shown.alt, name
    assert "877 km" in shown.caption and "GSHHG full" in shown.caption
    assert "Natural Earth" in shown.source and "GSHHG" in shown.source
    assert "500 km" in shown.alt  # the scale bar


def test_the_map_is_the_same_every_time(seed, seed_map):
    assert plots.border_map(seed).png == seed_map.png


def test_a_wrong_version_is_named(seed):
    with pytest.raises(geo.BorderDataError, match="gshhg-f"):
        plots.border_map(seed, version="osm")


def _sea_case(make_case):
    """The fixture case with a pair of countries that share no land border (Iceland and Norway)."""
    from conftest import FILES

    return load_case(make_case(case_toml=FILES["case.toml"].replace('[["ARG", "CHL"]]', '[["ISL", "NOR"]]')))


def test_a_case_without_a_land_border_gets_a_sentence_not_a_crash(make_case):
    case = _sea_case(make_case)
    said = repr(plots.border_map(case))
    assert said.startswith("No border to map for this case. ISL–NOR: Iceland and Norway share no land border")
    assert "No border to draw" in repr(plots.border_at(None, "finest"))
    assert "No border lengths" in repr(plots.coastline_chart(geo.border_lengths(None)))


@pytest.mark.parametrize("pair, names", [
    (("ARG", "CHL"), "Argentina and Chile"),
    (("PER", "CHL"), "Peru and Chile"),
    (("KEN", "SOM"), "Kenya and Somalia"),
    (("LSO", "ZAF"), "Lesotho and South Africa"),  # an enclave: one closed line
    (("OMN", "ARE"), "Oman and United Arab Emirates"),  # several pieces (Madha, Musandam)
    (("USA", "CAN"), "United States of America and Canada"),  # Alaska, and outlines across the antimeridian
    (("ITA", "SMR"), "Italy and San Marino"),  # too small for 1:110m
])
def test_any_land_border_is_mapped_from_the_world_file(case_dir, pair, names):
    case = load_case(case_dir)
    shown = plots.border_map(case, pair)
    finest = geo.load_border(pair)[-1]
    assert isinstance(shown, ShownFigure) and shown.png.startswith(b"\x89PNG")
    assert shown.caption.startswith(f"{names} share a border of {finest.length_km:.0f} km ({finest.label}")
    assert {c["iso_a3"] for c in geo.load_countries(pair) if c["role"] == "pair"} == set(pair)


def test_labels_never_overlap():
    fig = new_figure(4, 3)
    ax = fig.subplots()
    points = [(x, y) for x, y in itertools.product(range(4), range(3))]
    ax.set_xlim(-1, 4)
    ax.set_ylim(-1, 3)
    labels = [f"Place number {i}" for i in range(len(points))]
    failed = plots.place_labels(ax, points, labels, fontsize=7)
    renderer = plots._renderer(fig)
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text() not in failed]
    assert len(boxes) >= len(points) - len(failed)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), "two labels overlap"
    # Deterministic: the same input gives the same positions.
    fig2 = new_figure(4, 3)
    ax2 = fig2.subplots()
    ax2.set_xlim(-1, 4)
    ax2.set_ylim(-1, 3)
    assert plots.place_labels(ax2, points, labels, fontsize=7) == failed
    assert [t.get_position() for t in ax2.texts] == [t.get_position() for t in ax.texts]


def test_projection_and_scale_bar_helpers():
    proj = plots.map_projection([[(60.0, 29.0), (61.5, 35.6)]])
    assert proj.startswith("+proj=lcc") and "+lon_0=60.750" in proj
    assert [plots.nice_scale_length(w) for w in (3000, 1200, 300, 40)] == [500, 200, 50, 5]


def test_coastline_chart_marks_the_references(seed):
    shown = plots.coastline_chart(geo.border_lengths("IRN-AFG"), geo.reference_lengths(seed))
    assert "Central Intelligence Agency: 921 km" in shown.alt
    assert "788 km with 10 vertices" in shown.alt and "877 km with 1344 vertices" in shown.alt


@pytest.mark.parametrize("chart", ["map", "coastline"])
def test_a_chart_that_places_labels_walks_its_artists_once(seed, monkeypatch, chart):
    # The labels are placed in pixels, so the figure is laid out first; that was a draw with drawing
    # switched off (Figure.draw_without_rendering), a walk over every artist (hundreds of outline patches)
    # before show_figure's draw. Now only the layout engine runs before it.
    from matplotlib.figure import Figure

    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: (draws.append(self), original(self, renderer))[1])
    if chart == "map":
        shown = plots.border_map(seed)
    else:
        shown = plots.coastline_chart(geo.border_lengths("IRN-AFG"), geo.reference_lengths(seed))
    assert shown.png.startswith(b"\x89PNG")
    assert len(draws) == 1


def test_border_at_a_version_and_zoom():
    b = geo.load_border("IRN-AFG")[2]
    shown = plots.border_at("IRN-AFG", b.key)
    assert shown.caption.startswith(f"{b.label}: {b.vertices} vertices, {b.length_km:.1f} km")
    zoomed = plots.border_at("IRN-AFG", b.key, zoom=(60.8, 32.0, 61.2, 32.4))
    assert zoomed.png != shown.png
    with pytest.raises(geo.BorderDataError, match="ne110m"):
        plots.border_at("IRN-AFG", "osm")


def test_the_slider_redraws_each_version(seed, case_dir, make_case):
    from newslab.notebook.widgets import border_slider

    box = border_slider(case=seed)
    slider, readout, zoom = box.children[1], box.children[2], box.children[3]
    assert box.shown.caption.startswith("Natural Earth 1:110m")
    slider.value = "gshhg-l"
    # the whole label shows: the slider's own fixed-width readout cut it to "GSHHG low (120 vertic"
    assert not slider.readout and readout.value == "Showing: GSHHG low (120 vertices)"
    slider.value = "gshhg-f"
    assert box.shown.caption.startswith("GSHHG full: 1344 vertices")
    before = box.shown.png
    zoom.value = True
    assert box.shown.png != before
    assert len(slider.options) == 8
    other = border_slider(case=load_case(case_dir))  # Argentina–Chile: Natural Earth's three scales
    assert [key for _, key in other.children[1].options] == ["ne110m", "ne50m", "ne10m"]
    assert repr(border_slider(case=_sea_case(make_case))).startswith("No border to map")


def test_the_notebook_runs_with_the_network_cut_off(monkeypatch):
    """Every code cell of notebooks/03-border.ipynb, in order, with every socket refused."""

    def refuse(*args, **kwargs):
        raise OSError("network access attempted during a lesson")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.delenv("NEWSLAB_CASE", raising=False)
    nb = nbformat.read(ROOT / "notebooks" / "03-border.ipynb", as_version=4)
    namespace: dict = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "03-border.ipynb", "exec"), namespace)  # noqa: S102
    assert namespace["spread"] == pytest.approx(11.3, abs=0.1)
    assert namespace["pair"] == ("IRN", "AFG")


def _run_notebook(case_dir):
    nb = nbformat.read(ROOT / "notebooks" / "03-border.ipynb", as_version=4)
    namespace: dict = {}
    shown = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines = cell.source.rstrip().splitlines()
            exec(compile("\n".join(lines[:-1]), "03-border.ipynb", "exec"), namespace)  # noqa: S102
            try:
                shown.append(eval(compile(lines[-1], "03-border.ipynb", "eval"), namespace))  # noqa: S307
            except SyntaxError:  # the last line is a statement
                exec(compile(lines[-1], "03-border.ipynb", "exec"), namespace)  # noqa: S102
    return namespace, shown


def test_the_notebook_maps_and_measures_a_border_no_case_derived(case_dir, monkeypatch):
    """The fixture case (Argentina–Chile: Natural Earth only) with lesson 03's checks copied in, as an instructor would."""
    (case_dir / "checks").mkdir(exist_ok=True)
    shutil.copy(ROOT / "cases" / "iran-taliban-2021" / "checks" / "03-border.toml", case_dir / "checks")
    monkeypatch.setenv("NEWSLAB_CASES", str(case_dir.parent))
    monkeypatch.setenv("NEWSLAB_CASE", case_dir.name)
    namespace, shown = _run_notebook(case_dir)
    assert namespace["case"].id == "andes-water" and namespace["pair"] == ("ARG", "CHL")
    assert any(isinstance(s, ShownFigure) and s.caption.startswith("Argentina and Chile share a border") for s in shown)
    assert list(namespace["lengths"]["resolution"]) == ["1:110m", "1:50m", "1:10m"]
    assert namespace["spread"] == pytest.approx(geo.answer(namespace["case"], "spread_percent"))
    assert namespace["pairs"] == [("Mendoza", "Santiago"), ("Mendoza", "Santiago")]
    assert bool(shown[-1]) is True


def test_the_notebook_runs_on_a_case_without_a_land_border(case_dir, monkeypatch):
    """The fixture case made an island pair (Iceland–Norway): the lesson says so and goes on."""
    toml = case_dir / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('[["ARG", "CHL"]]', '[["ISL", "NOR"]]'), encoding="utf-8")
    (case_dir / "checks").mkdir(exist_ok=True)
    shutil.copy(ROOT / "cases" / "iran-taliban-2021" / "checks" / "03-border.toml", case_dir / "checks")
    monkeypatch.setenv("NEWSLAB_CASES", str(case_dir.parent))
    monkeypatch.setenv("NEWSLAB_CASE", case_dir.name)
    namespace, shown = _run_notebook(case_dir)
    assert namespace["case"].id == "andes-water" and namespace["pair"] is None
    said = [repr(s) for s in shown if repr(s).startswith(("No border", "✗ Your answer is NaN"))]
    assert any(s.startswith("No border to map for this case. ISL–NOR: Iceland and Norway share no land border")
               for s in said)
    assert namespace["pairs"] == [("Mendoza", "Santiago"), ("Mendoza", "Santiago")]
    assert bool(shown[-1]) is True  # the distance check still works: it needs only places.csv


def test_the_map_projection_gives_the_metres_of_proj():
    # The map was projected with pyproj (Transformer.from_crs, then a PROJ pipeline): PROJ's
    # library and CRS database kept about 13 MiB in each lesson kernel that draws a map.
    from pyproj import Transformer

    from newslab.notebook.plots.border import _transformer, map_projection

    for lines in ([[(60.0, 30.0), (62.0, 36.0)]], [[(-8.2, 54.0), (-6.0, 55.3)]], [[(-70.0, -50.0), (-68.0, -20.0)]],
                  [[(178.0, 64.0), (-175.0, 66.0)]]):
        proj = map_projection(lines)
        ours = _transformer(proj)
        reference = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
        (lon0, lat0), (lon1, lat1) = lines[0]
        for k in range(11):
            lon, lat = lon0 - 3 + (lon1 - lon0 + 6) * k / 10, lat0 - 3 + (lat1 - lat0 + 6) * k / 10
            x, y = ours.transform(lon, lat)
            rx, ry = reference.transform(lon, lat)
            assert abs(x - rx) < 1e-6 and abs(y - ry) < 1e-6


def test_a_far_place_does_not_stretch_the_map_past_its_outlines(tmp_path):
    """A capital 12,000 km away is named in the alt text, not drawn: the outlines are clipped
    around the pair, and a frame stretched to reach it would show their cut edges."""
    folder = tmp_path / "irish-border-2023"
    shutil.copytree(Path(load_case("irish-border-2023").folder), folder)
    with open(folder / "places.csv", "a", encoding="utf-8", newline="") as f:
        f.write("Canberra,-35.28,149.13,capital,AUS,,no,,niac-2018,a far capital for the test\n")
    toml = (folder / "case.toml").read_text(encoding="utf-8")
    (folder / "case.toml").write_text(toml.replace("places = [", 'places = ["Canberra", ', 1), encoding="utf-8")  # [map] places
    shown = plots.border_map(load_case(folder))
    assert "Too far away for this map: Canberra" in shown.alt
    assert "Canberra" not in shown.alt.split("Too far away")[0]


def test_a_country_across_the_antimeridian_leaves_no_ribbon_on_a_map():
    """Fiji's rings cross the antimeridian; clipped around Peru and Ecuador they left a ribbon
    along 16.5 degrees south, drawn as a straight line across land and sea."""
    for country in geo.load_countries(("PER", "ECU")):
        for polygon in country["polygons"]:
            ring = polygon[0]
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            assert not (max(lons) - min(lons) > 10 and max(lats) - min(lats) < 0.1), country["iso_a3"]


def test_no_country_name_covers_a_marker_and_the_credit_names_what_is_drawn(make_case, monkeypatch):
    # A teacher's case put a capital's star under the bold name of its country (Dodoma under
    # TANZANIA): the markers now go in first and every label keeps clear of them.
    from conftest import FILES

    folder = make_case(case_toml=FILES["case.toml"].replace('        places = ["Mendoza"]\n', ""), places_csv="""\
        name,lat,lon,kind,country,geonames_id,in_article,aliases,source_id,note
        Argentina,-34.0,-64.0,country,ARG,,no,,dgi,
        Chile,-30.0,-71.0,country,CHL,,no,,dgi,
        Mendoza,-32.89,-68.83,city,ARG,3844421,yes,MENDOZA,dgi,
        Testville,-34.0,-64.0,capital,ARG,,no,,dgi,
        """)
    seen = {}
    real = plots.show_figure

    def keep(fig, **kw):
        renderer = fig.canvas.get_renderer()
        seen["texts"] = {t.get_text(): t.get_window_extent(renderer) for t in fig.axes[0].texts}
        seen["star"] = fig.axes[0].transData.transform((seen["xy"]))
        return real(fig, **kw)

    import matplotlib.axes

    real_scatter = matplotlib.axes.Axes.scatter

    def scatter(self, xs, ys, *a, **kw):
        if kw.get("label") == "Testville":
            seen["xy"] = (xs[0], ys[0])
        return real_scatter(self, xs, ys, *a, **kw)

    monkeypatch.setattr(matplotlib.axes.Axes, "scatter", scatter)
    monkeypatch.setattr(plots, "show_figure", keep)
    shown = plots.border_map(load_case(folder), ("ARG", "CHL"), version="ne10m")
    box = seen["texts"]["ARGENTINA"]
    x, y = seen["star"]
    assert not (box.x0 - 2 <= x <= box.x1 + 2 and box.y0 - 2 <= y <= box.y1 + 2), "the country's name covers the star"
    assert "GSHHG" not in shown.source  # only Natural Earth's line is drawn in this version
    assert "GSHHG" in plots.map_credit("gshhg-f")
