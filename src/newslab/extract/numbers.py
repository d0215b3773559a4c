"""Find every number in an article: its value, unit, qualifier and sentence.

:func:`extract` reads an article and returns one row per number expression,
so a class can tabulate the article's numbers before checking them (lesson 02).
It uses regular expressions and small word lists, no language model, so every
decision can be read in this file and every miss explained.

What counts as a number
-----------------------
================  ====================================  =========================
kind              examples                              value, unit
================  ====================================  =========================
``percent``       85 percent, 4%, 12 per cent,          85 percent; a range has
                  10–15 percent, 2 percentage points,   ``low``/``high``
                  15 basis points
``money``         $2.3 billion, €40m, 500 rials,        2300000000 dollar
                  KSh 4.5 billion, Rs 2,000 crore,
                  Sh2.1 billion, GH¢15, N500 (naira
                  in a Nigerian story), P1 billion
``measure``       900-kilometer, 550 miles, 1,500 km,   900 km, 550 mi
                  20 kilometres, 40 °C, 30C
``duration``      seven weeks, two decades, 48 hours,   7 week, 2 decade,
                  a quarter of a century, two and a     25 year, 2.5 hour,
                  half hours, 2:08:41 (a race time)     2.1447 hour
``age``           a 35-year-old man                     35 year
``count``         3.5 million Afghans, 1,037 people,    3500000 Afghans (the noun
                  three districts, dozens of people,    that follows)
                  1 460 outages (a space between
                  thousands)
``number``        one (of 12 candidates), -5            a number with no noun
``year``          1996, in 2001, 2020-21                1996 year
``decade``        the 1990s, the '90s                   1990 year, low 1990,
                                                        high 1999
``date``          July 5, 5 July 2021, Sept. 11         the day of the month
                                                        (``date`` holds ISO
                                                        ``2021-07-05`` or
                                                        ``--07-05``)
``time``          9:30, 10 p.m., 9.12 pm, 21.30 hours,  hours since midnight
                  0930 GMT, 1400 local time, "at 9.00"
                  or "from 9.00 to 17.30" (a dot time
                  needs "at"/"from"/"until" ... before
                  it and no talk of prices nearby)
``ordinal``       fifth wave, 21st century,             5 wave
                  second-largest, finished third,
                  came in fifth, a headline's
                  "Kiprop third as ..."
``fraction``      a third, two-thirds, half of,         0.333… fraction
                  one in five, 3 out of 10, one train
                  in 20, almost half
================  ====================================  =========================

Rules, in the order they are applied
------------------------------------
1. **Not numbers.**  Web and e-mail addresses, phone numbers (``+98 21 6646
   1234``, ``(555) 123-4567``, ``555-0199``), anything joined by a slash
   (``24/7``, ``7/17/2021``) and labels are skipped.  A label is a number glued
   to letters (``G7``, ``4G``, ``H1N1``), after a letter and a hyphen
   (``COVID-19``, ``F-16``, ``MiG-29``; but ``mid-1990s`` and ``pre-2001``
   count), after ``No.``/``Number``/``Article``/``Flight`` and similar words
   (:data:`LABEL_WORDS`) or ``dial``/``call`` (``dial 999``; not before a length:
   "the line 38 seconds behind"), or after any
   other capitalised word that is not a function word, month, weekday,
   qualifier or currency (``Boeing 737``, ``Windows 10``; but ``Rs 500``, and
   a percentage or a unit of measure after the number makes it a quantity:
   ``Eskom 12.7%``).  So are numbers after a code in capitals (``NH 44``,
   ``flight EK 512``; not in a headline written in capitals, nor where a
   unit, scale or plural noun follows or the capitals are a country's or a
   body's acronym: ``BJP 240 seats``, ``US 10-year``), after a brand
   in camel case (``iPhone 15``), after a clause word even in lower case
   (``under section 302``; a plural one labels its whole list: ``sections
   302 and 34``, ``articles 14, 19 and 21``), ordinals in a name (``the 7th
   Fleet``, ``Fifth Avenue``) and match scores (``beat Arsenal 3-1``, ``drew
   0-0``, ``a 2-1 win``; a vote ``passed 52-48`` still counts).
   One capital letter glued to a figure is a currency, not a label, where the
   house style writes money that way (:data:`_LETTER_CURRENCIES`): ``N500`` in
   a story that names Nigeria or the naira, ``P250,000`` in a Philippine one,
   ``R25`` in a South African one, ``K350`` in a Zambian one, and ``P1
   billion`` or ``R1.2bn`` (a scale word follows) anywhere; never before a road
   or model noun (``the R61 road``).
   Phone numbers include ones written with a leading zero (``0800 720 222``),
   and so are numbers with a leading zero joined by a hyphen (``02-30``: a
   code, a score or part of a date, not a range).  A date the calendar does
   not have (``2021-02-30``, ``30 February``) is not a date, and its parts are
   not numbers either; a real one in figures (``2021-07-17``) is one ``date``.
2. **Qualifiers** just before the number are recorded as written, lower case:
   ``about``, ``nearly``, ``less than``, ``more than``, ``almost``, ``some``,
   ``roughly``, ``up to`` ... (:data:`QUALIFIERS`, which also says what each
   one claims: ``about``, ``nearly``, ``less than``, ``more than``, ``at
   least`` or ``up to``).  ``or more`` and ``or so`` after the number count
   too.  ``surface``, ``start`` and ``end`` cover the number without its
   qualifier, so ``surface`` is ``85 percent`` in "about 85 percent".
3. **Scale words** multiply: ``3.5 million`` is 3500000, ``2,000 crore``
   is 20000000000.  ``bn`` always, ``m``/``k`` only after a currency sign,
   before a plural noun or ``-strong`` (``£3m``, ``1.2m people``; ``100m``
   alone is metres).
4. **Ranges.**  ``10–15 percent``, ``10-15``, ``between 10 and 15``, ``2.1 to
   2.25 million`` give one row with ``low`` and ``high`` and ``value`` in the
   middle.  ``from 10 to 15 percent`` is a change, not a range: two rows.
   Years are never merged: ``from 1996 until the US-led invasion in 2001``,
   ``1996–2001`` and ``2020-21`` give one row per year, linked by ``pair_id``
   with ``pair_role`` ``from`` and ``until`` (at most six words may stand
   between ``until``/``to``/``through`` and the second year); so do
   ``1950-53`` (a later year of the same century, at most 30 on) and
   ``FY2024-25``.  A range written with a shortened second end, ``pages
   120-35`` or ``1,240-60 tonnes``, is 120 to 135 and 1240 to 1260 (only from
   100 up, with at least two digits kept and a spread under a quarter of the
   first end, so that ``14-6`` and ``102-99`` stay two numbers).
5. **Converted twins.**  A measure or sum followed by another in brackets, in
   another unit of the same dimension — ``900-kilometer (550-mile)``,
   ``550 miles (885 km)``, ``€40 ($47)`` — are linked by ``pair_id``, with
   ``pair_role`` ``stated`` and ``converted``.
6. **Years.**  A four-digit whole number from 1000 to 2199 without a comma is
   a year, unless a unit, a scale word or a currency makes it a quantity, or it
   is followed by a plural noun (``2000 troops``) and not preceded by a word
   that introduces a year (``in``, ``since``, ``from``, ``until``, ...).
7. **Number words** are parsed (``twenty-five``, ``one hundred and twenty``,
   ``a dozen``, ``half a million``); ``no one``, ``one another``, ``first`` and
   ``last`` are not numbers, nor is the idiom ``one of the ...`` (``one of the
   country's biggest``, ``one of them``: it counts nothing; ``one of 12
   candidates`` still counts) or a pronoun ``one`` (``a smaller one``).
   ``three to four seasons`` is a range of number words (not ``from three to
   four``); ``a few hundred metres``, ``several thousand`` and ``a few
   degrees`` are vague amounts.  ``dozens``, ``hundreds``, ``thousands of``,
   ``tens of thousands`` ... are counts with ``vague`` set and ``value`` (and
   ``low``) the least they can mean (``dozens`` = 24).
8. **Ordinals** (``fifth wave``, ``5th``) count what follows them; after
   ``a``/``one``/a number and before ``of`` or the end of a clause an
   ordinal word is a fraction (``a third of``, ``two-thirds``).

Digits of any script count (``١٢٣`` is 123; ``٣٫٥`` with the Arabic decimal
separator is 3.5, ``١٬٢٠٠`` 1200), and so does scientific notation (``1.5e6``,
``2.5E-3``, ``3×10^6``, ``4 x 10⁶``).  A number too large for a float (a
401-digit one, ``1e999``) keeps its ``surface`` and has no ``value`` (NaN),
never infinity.  Invisible characters inside a number (``5\u200b000``) are
dropped by :func:`newslab.text.split_article` before anything is read.

Indian grouping (``1,30,415`` for 130415, ``Rs 2,90,396 crore``) is one number.

Known limits, chosen on purpose: numbers written in a foreign convention
(``3,5`` for 3.5, ``1 037`` with a space) are read as two numbers or wrongly;
an adjective between a number and its noun becomes the ``unit`` of a count
(``three young men`` gives ``young``); ``over`` as a verb particle ("took
over 85 percent") is read as a qualifier; a capitalised word before a
number that is not a label ("Iran 2, Spain 1") hides the number.

Examples
--------
>>> rows = extract("Headline\\n\\nThe Taliban claim about 85 percent, less than seven weeks before the deadline.")
>>> rows[["surface", "value", "unit", "sentence_index", "kind", "qualifier"]].to_dict("records")
[{'surface': '85 percent', 'value': 85.0, 'unit': 'percent', 'sentence_index': 1, 'kind': 'percent', 'qualifier': 'about'}, {'surface': 'seven weeks', 'value': 7.0, 'unit': 'week', 'sentence_index': 1, 'kind': 'duration', 'qualifier': 'less than'}]
>>> convert(900, "km", "mi")
559.2340730136006
"""

from __future__ import annotations

import calendar
import math
import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date
from typing import Any, TYPE_CHECKING

from ..core import text as _text
from ..core.errors import NewslabError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS",
    "QUALIFIERS",
    "LABEL_WORDS",
    "UNITS",
    "extract",
    "convert",
    "dimension",
    "qualifier_meaning",
    "pairs",
    "busiest_sentence",
    "register_cli",
]

#: The columns of :func:`extract`, in order.  The first four are what
#: ``newslab numbers`` prints first.
COLUMNS = [
    "surface", "value", "unit", "sentence_index", "start", "end", "kind", "qualifier",
    "low", "high", "date", "vague", "pair_id", "pair_role",
]

# --------------------------------------------------------------------------- word lists

#: Qualifier as written -> what it claims about the true value (the six
#: meanings that :mod:`newslab.claims` knows how to check).
QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "or so": "about", "an average of": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "not quite": "nearly",
    "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "more than": "more than", "over": "more than", "above": "more than", "upwards of": "more than",
    "in excess of": "more than", "just over": "more than", "well over": "more than",
    "well above": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "or more": "at least",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "no more than": "up to", "as high as": "up to",
}

#: Words after which a number is a label, not a quantity ("No. 1", "Flight 93").
LABEL_WORDS = frozenset(
    """
    no nos number article articles section chapter resolution flight route highway room
    gate terminal platform category phase level stage grade page pages p pp vol volume
    fig figure table paragraph clause rule amendment title bill proposition prop unit
    division brigade battalion squadron regiment district ward apollo formula episode
    season act verse psalm track lane exit pier sections clauses paragraphs subsection
    """.split()
)
#: Capitals that name a country or a body, not a code, before an amount ("US 10-year", "EU 27 member states").
_ACRONYMS_BEFORE_AMOUNTS = frozenset("US UK EU UN AU UAE USA IMF WHO ECB FED".split())
#: Label words that name a clause of a text even in lower case ("under section 302", "articles 14 and 21").
_CLAUSE_WORDS = frozenset("section sections subsection clause clauses article articles paragraph paragraphs".split())

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SMALL_OR_TENS = frozenset(_SMALL) | frozenset(_TENS)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}
#: verbs after which an ordinal with no noun is a place in a ranking: "running third", "finished second"
_RANK_VERBS = {"running", "ran", "run", "runs", "finished", "finish", "finishes", "came", "come", "comes", "ranked",
               "ranks", "placed", "stood", "stands", "lies", "lay", "lying", "sits", "sat", "slipped", "fell", "rose",
               "climbed", "moved", "ended"}
#: words after "<Name> third" that make the ordinal a place in a ranking (headlines drop the verb)
_RANK_AFTER_NAME = frozenset("as in at behind after for on with among".split())
#: comparatives after a fraction: "a third less than in June"
_COMPARATIVES = {"less", "more", "fewer", "lower", "higher", "smaller", "larger", "bigger", "cheaper", "dearer"}
_FRACTION_WORDS = {**{k: v for k, v in _ORDINALS.items() if v >= 3}, "quarter": 4, "half": 2}
_VAGUE = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000,
}
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

#: Function words: never the noun a number counts, never a label before a number.
_STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for from with without into onto over under
    than as that this these those which who whom whose what when where while if because
    since until till through after before during between among against about around per
    is are was were be been being has have had do does did will would shall should can could
    may might must it its it's they them their he him his she her we us our you your i me my
    not no yes so such very more most less least also only just even still yet already each
    every all any some both either neither other another same own up down out off again
    further then once here there why how said says say according percent times
    """.split()
)
_YEAR_INTRO = frozenset(
    "in since from until till to through by of before after during between and or early late mid end start "
    "spring summer autumn fall winter year fiscal financial".split()
)
_LABEL_PREFIXES = frozenset("mid pre post early late over under sub non anti".split())
#: Lower-case words after which a number is a label: "dial 999", "call 112", "bus 42".
_LABEL_VERBS = frozenset("dial call text phone hotline helpline bus tram line".split())

#: Units: canonical name -> (dimension, factor to the dimension's base unit).
UNITS: dict[str, tuple[str, float]] = {
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mi": ("length", 1609.344), "nmi": ("length", 1852.0), "ft": ("length", 0.3048),
    "yd": ("length", 0.9144), "in": ("length", 0.0254),
    "km2": ("area", 1e6), "m2": ("area", 1.0), "mi2": ("area", 1609.344 ** 2), "ha": ("area", 1e4),
    "acre": ("area", 4046.8564224),
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "tonne": ("mass", 1000.0), "lb": ("mass", 0.45359237),
    "litre": ("volume", 1.0), "gallon": ("volume", 3.785411784), "barrel": ("volume", 158.987294928),
    "°C": ("temperature", 1.0), "°F": ("temperature", 1.0), "degree": ("angle", 1.0),
    "km/h": ("speed", 1 / 3.6), "mph": ("speed", 0.44704),
    "kW": ("power", 1e3), "MW": ("power", 1e6), "GW": ("power", 1e9),
    "second": ("time", 1 / 86400), "minute": ("time", 1 / 1440), "hour": ("time", 1 / 24),
    "day": ("time", 1.0), "week": ("time", 7.0), "month": ("time", 365.25 / 12),
    "year": ("time", 365.25), "decade": ("time", 3652.5), "century": ("time", 36525.0),
    "millennium": ("time", 365250.0),
    "percent": ("share", 1.0), "fraction": ("share", 100.0), "percentage point": ("difference", 1.0),
    "basis point": ("difference", 0.01),
}
_CURRENCY_WORDS = {
    "dollars": "dollar", "dollar": "dollar", "euros": "euro", "euro": "euro", "pounds sterling": "pound sterling",
    "yuan": "yuan", "renminbi": "yuan", "yen": "yen", "rupees": "rupee", "rupee": "rupee", "rials": "rial",
    "rial": "rial", "riyals": "riyal", "riyal": "riyal", "afghanis": "afghani", "afghani": "afghani",
    "rubles": "rouble", "roubles": "rouble", "ruble": "rouble", "rouble": "rouble", "francs": "franc",
    "franc": "franc", "pesos": "peso", "peso": "peso", "naira": "naira", "shillings": "shilling",
    "shilling": "shilling", "lira": "lira", "liras": "lira", "dinars": "dinar", "dinar": "dinar",
    "rand": "rand", "won": "won", "baht": "baht", "taka": "taka", "kwacha": "kwacha", "cedis": "cedi",
    # the small coins house styles price things in: "20 piastres", "104 pesewas", "50 kobo", "75 paise"
    "piastres": "piastre", "piasters": "piastre", "piastre": "piastre", "pesewas": "pesewa", "pesewa": "pesewa",
    "kobo": "kobo", "paise": "paisa", "centavos": "centavo", "centavo": "centavo",
}
_CURRENCY_SIGNS = {
    "US$": "US dollar", "A$": "Australian dollar", "C$": "Canadian dollar", "NZ$": "New Zealand dollar",
    "HK$": "Hong Kong dollar", "$": "dollar", "€": "euro", "£": "pound sterling", "¥": "yen", "₹": "rupee",
    "₦": "naira", "₽": "rouble", "Rs.": "rupee", "Rs": "rupee", "USD": "US dollar", "EUR": "euro",
    "GBP": "pound sterling", "CHF": "Swiss franc", "JPY": "yen", "CNY": "yuan", "INR": "rupee",
    "IRR": "rial", "AFN": "afghani", "KES": "Kenyan shilling", "Ksh": "Kenyan shilling", "KSh": "Kenyan shilling",
    "R$": "real", "NGN": "naira", "ZAR": "rand", "PKR": "rupee", "Tk": "taka", "Tk.": "taka",
    # East African, West African and Asian house styles: "Ksh. 3.9 trillion", "Sh2.1 billion" (a Nairobi
    # daily), "GH¢15", "Php 499.95 million", "₱19.46 billion", "Rp 1.5 trillion", "RM500", "S$2.10"
    "Ksh.": "Kenyan shilling", "Kshs": "Kenyan shilling", "Kshs.": "Kenyan shilling", "Sh": "shilling",
    "Shs": "shilling", "Shs.": "shilling", "USh": "Ugandan shilling", "UGX": "Ugandan shilling",
    "TSh": "Tanzanian shilling", "TZS": "Tanzanian shilling", "GH¢": "cedi", "GH₵": "cedi", "GHS": "cedi",
    "₵": "cedi", "Php": "peso", "PHP": "peso", "₱": "peso", "Rp": "rupiah", "IDR": "rupiah", "RM": "ringgit",
    "MYR": "ringgit", "S$": "Singapore dollar", "SGD": "Singapore dollar", "NT$": "Taiwan dollar",
    "N$": "Namibian dollar", "J$": "Jamaican dollar", "E£": "Egyptian pound", "EGP": "Egyptian pound",
    "VND": "dong", "LE": "Egyptian pound", "L.E.": "Egyptian pound", "ZK": "kwacha", "ZMW": "kwacha", "MK": "kwacha", "MWK": "kwacha", "₩": "won", "KRW": "won", "₺": "lira",
    "TRY": "lira", "₫": "dong", "฿": "baht", "THB": "baht", "₴": "hryvnia", "AED": "dirham", "Dh": "dirham",
    "Dhs": "dirham", "SAR": "riyal", "QR": "riyal", "BDT": "taka", "LKR": "rupee",
    "NPR": "rupee", "ETB": "birr", "Br": "birr",
}
#: One capital letter glued to a figure, as some house styles write a currency ("N500" in a Lagos daily,
#: "P1 billion" in Manila, "R1.2bn" in Johannesburg, "K350" in Lusaka): letter -> ((words that show the
#: article is in that country or currency, the currency), ...).  A bare "N500" is money only in an article
#: that names the country or the currency; with a scale word after it ("P1 billion") it is money anywhere.
_LETTER_CURRENCIES = {
    "N": ((r"Nigeria|Nigerians?|naira", "naira"),),
    "P": ((r"Philippines?|Filipinos?|pesos?", "peso"),),
    "R": ((r"South\s+Africa|South\s+Africans?|rand", "rand"),),
    "K": ((r"Zambia|Zambians?|Malawi|Malawians?|kwacha", "kwacha"), (r"Papua\s+New\s+Guinea|kina", "kina")),
}
#: Nouns after which a letter and a figure are a road or a model, not a sum ("the R61 road", "N2 highway").
_LABEL_NOUNS = frozenset("road roads highway highways motorway freeway expressway route bypass pistol rifle tank "
                         "jet jets engine engines model summit".split())
# Unit spellings -> canonical unit.  Longest spellings are tried first.
_UNIT_FORMS = {
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point",
    "percent": "percent", "per cent": "percent", "pct": "percent", "%": "percent",
    "square kilometres": "km2", "square kilometers": "km2", "square kilometre": "km2",
    "square kilometer": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square miles": "mi2", "square mile": "mi2", "sq mi": "mi2", "square metres": "m2",
    "square meters": "m2", "m2": "m2", "m²": "m2",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "km/h": "km/h", "kph": "km/h",
    "miles per hour": "mph", "mph": "mph",
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "km": "km",
    "nautical miles": "nmi", "nautical mile": "nmi",
    "miles": "mi", "mile": "mi",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "centimetres": "cm", "centimeters": "cm", "centimetre": "cm", "centimeter": "cm", "cm": "cm",
    "millimetres": "mm", "millimeters": "mm", "millimetre": "mm", "millimeter": "mm", "mm": "mm",
    "feet": "ft", "foot": "ft", "ft": "ft", "yards": "yd", "yard": "yd", "inches": "in", "inch": "in",
    "hectares": "ha", "hectare": "ha", "ha": "ha", "acres": "acre", "acre": "acre",
    "kilograms": "kg", "kilogrammes": "kg", "kilogram": "kg", "kilogramme": "kg", "kilos": "kg",
    "kilo": "kg", "kg": "kg", "grams": "g", "grammes": "g", "gram": "g",
    "metric tons": "tonne", "tonnes": "tonne", "tonne": "tonne", "tons": "tonne", "ton": "tonne",
    "pounds": "lb", "pound": "lb", "lbs": "lb", "lb": "lb",
    "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre",
    "gallons": "gallon", "gallon": "gallon", "barrels": "barrel", "barrel": "barrel",
    "degrees celsius": "°C", "degrees centigrade": "°C", "degrees fahrenheit": "°F", "degrees c": "°C",
    "degrees f": "°F", "°c": "°C", "°f": "°F", "ºc": "°C", "ºf": "°F", "degrees": "degree", "degree": "degree",
    "megawatts": "MW", "megawatt": "MW", "mw": "MW", "gigawatts": "GW", "gigawatt": "GW", "gw": "GW",
    "kilowatts": "kW", "kilowatt": "kW", "kw": "kW",
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute", "mins": "minute",
    "hours": "hour", "hour": "hour", "hrs": "hour", "days": "day", "day": "day", "weeks": "week",
    "week": "week", "months": "month", "month": "month", "years": "year", "year": "year", "yrs": "year",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
    "millennia": "millennium", "millennium": "millennium",
    **_CURRENCY_WORDS,
}
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "millennium"}
# Unit abbreviations that may be glued to digits ("5km", "10%", "3.5m").
_GLUED_UNITS = {"km", "m", "cm", "mm", "kg", "ft", "mi", "ha", "mph", "kph", "km2", "km²", "mw", "gw", "kw", "%"}

# --------------------------------------------------------------------------- regular expressions

_WS = r"[ \t\u00a0\u202f\u2009]"
#: a length, share or distance after a number: it is an amount even after a label verb ("the line 38 seconds behind")
_MEASURE_AFTER = re.compile(_WS + r"*(?:[-‑])?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|km|"
                            r"kilomet(?:re|er)s?|met(?:re|er)s?|miles?|%|per" + _WS + r"?cent|percent)\b", re.I)
_DASHES = "-–—‑"
# Digits of any script (\d is Unicode); the Arabic thousands and decimal
# separators (U+066C, U+066B) count like "," and "." ("٣٫٥" is 3.5).
# Indian grouping ("1,30,415", "12,34,567": lakhs and crores) is tried first, only where a run of digits and
# commas starts, with its pairs taken possessively: a long "12,34,56,..." chain costs one pass, not one per digit.
_FOUR_DIGIT_YEAR = re.compile(r"(?:1\d|20)\d\d")
_YEAR_LIKE = re.compile(r"1\d{3}|2[01]\d{2}")
#: "1 460", "2 400 000": groups of three digits set off by a space (not a phone number: no other group may follow)
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,]|[.٫]\d|[ \u00a0\u202f\u2009]\d)")
_NUMBER = re.compile(r"(?:(?<![\d,])\d{1,2}(?:,\d\d(?=,))++,\d{3}(?![\d,]\d)|\d{1,3}(?:[,٬]\d{3})+(?![\d,٬]\d)|\d+)(?:[.٫]\d+)?")
# Scientific notation: "1.5e6", "2.5E-3", "3×10^6", "3 x 10**6", "3×10⁶".
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SCIENTIFIC = re.compile(
    r"(?<![\w.,])(?P<m>\d+(?:\.\d+)?)"
    r"(?:[eE](?P<e1>[-+−]?\d{1,4})"
    r"|" + _WS + r"?[×xX*]" + _WS + r"?10(?:\^|\*\*)(?P<e2>[-+−]?\d{1,4})"
    r"|" + _WS + r"?[×xX]" + _WS + r"?10(?P<e3>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))"
    r"(?![\w.]|,\d)"
)
# A date in figures, year first (2021-07-17): a date when the calendar has it, else not a number at all.
_ISO_DATE = re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-])")
# Numbers with a leading zero joined by a hyphen ("02-30"): a code, a score or part of a date, not a range.
_ZERO_CODE = re.compile(r"(?<![\w.,/-])0\d+(?:[-‑–]\d+)+(?![\w/-]|[.,]\d)")
_ALL_WORDS = {**_SMALL, **_TENS, **_SCALES}
#: the first letters of the number words: a cheap look ahead lets the scan skip every other position
_WORD_INITIALS = "".join(sorted({w[0] for w in _ALL_WORDS} | {w[0].upper() for w in _ALL_WORDS}))
_WORDNUM = re.compile(
    r"(?=[" + _WORD_INITIALS + r"])\b(?:" + "|".join(sorted(_ALL_WORDS, key=len, reverse=True)) + r")"
    r"(?:(?:[-‑]|" + _WS + r"+|" + _WS + r"+and" + _WS + r"+)(?:" + "|".join(sorted(_ALL_WORDS, key=len, reverse=True)) + r"))*\b",
    re.I,
)
_ORDWORD = re.compile(
    # the look ahead at the words' first letters lets the scan skip every other position
    r"(?=[" + "".join(sorted({w[0] for w in [*_ORDINALS, "quarter", "half", *_TENS]})) + "".join(sorted(
        {w[0].upper() for w in [*_ORDINALS, "quarter", "half", *_TENS]})) + r"])"
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-‑])?(?:"
    + "|".join(sorted(list(_ORDINALS) + ["quarter", "half"], key=len, reverse=True))
    + r")s?\b",
    re.I,
)
_A_UNIT = re.compile(r"\b(?:a|an)" + _WS + r"+(?P<u>day|week|fortnight|month|year|decade|century)\b(?![-‑])", re.I)
_A_UNIT_AFTER = {"for", "in", "than", "about", "nearly", "almost", "over", "within", "took", "take", "takes", "taking",
                 "past", "after", "around", "roughly", "some", "under", "lasted", "last", "lasts", "spent", "only",
                 "just", "least", "most", "barely", "up", "to"}
_VAGUE_RE = re.compile(
    r"\b(?:(?P<mult>tens|hundreds)" + _WS + r"+of" + _WS + r"+(?P<big>thousands|millions|billions)"
    r"|(?P<word>dozens|hundreds|thousands|millions|billions)|(?P<scores>scores)(?=" + _WS + r"+of\b))\b",
    re.I,
)
_A_SCALE = re.compile(
    r"\b(?:(?P<half>half" + _WS + r"+an?)|an?)" + _WS + r"+(?P<w>dozen|hundred|thousand|million|billion|trillion)\b", re.I
)
# Spans that are not numbers (rule 1).  Each runs in linear time on any text:
# an e-mail address is only tried from the start of a run of non-space
# characters (before, "\S+@" rescanned the rest of a long run from every
# position), and slashed numbers are matched as whole chains (see _slash_chains).
_MASKS = [
    re.compile(r"(?:https?://|www\.)\S++"),
    re.compile(r"\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,}"),  # +98 21 6646 1234
    re.compile(r"\(\d{2,4}\)" + _WS + r"?\d{3}[ .-]\d{4}\b"),  # (555) 123-4567
    # (the "(?=\d)" look aheads let the scan skip every position that is not a digit)
    re.compile(r"(?=\d)\b(?:1-)?\d{3}[.-]\d{3}[.-]\d{4}\b"),  # 555-123-4567, 1-800-555-0199
    re.compile(r"(?=\d)(?<![\d,.])\d{3}-\d{4}\b"),  # 555-0199
    re.compile(r"(?=0)(?<![\d,.])0\d{2,4}(?:[ -]\d{2,4}){1,3}\b"),  # 0800 720 222, 020 7946 0958
    # 24/7, 7/17/2021, 1/3: see _slash_chains
]
#: an e-mail address (looked for only in a text that has an "@": the search tries every word)
_EMAIL = re.compile(r"(?<!\S)\S[^\s@]*+@\S+\.\w+")
# A whole chain of digit runs joined by "/" or ":", from its first digit.
_SLASH_CHAIN = re.compile(r"(?<!\d)(?<!\d[/:])\d++(?:[/:]\d++)*+")


def _slash_chains(t: str) -> list[tuple[int, int]]:
    """Numbers joined by a slash (``24/7``, ``7/17/2021``, ``1/3``), as spans.

    A span runs from the first digit of a chain of digits joined by ``/`` or
    ``:`` to the end of the last run after a ``/`` (so ``9:30`` is a time, not
    masked, and ``1/2:30`` masks ``1/2``).  Matching whole chains once keeps
    this linear: the pattern it replaces, ``\\d+(?:[/:]\\d+)*/\\d+``, took
    quadratic time on a long run of digits.

    Examples
    --------
    >>> t = "24/7 and 7/17/2021 at 9:30, 1/2:30"
    >>> [t[a:b] for a, b in _slash_chains(t)]
    ['24/7', '7/17/2021', '1/2']
    """
    spans = []
    for m in _SLASH_CHAIN.finditer(t):
        chain = m.group()
        last = chain.rfind("/")
        if last >= 0:
            colon = chain.find(":", last)
            spans.append((m.start(), m.start() + (colon if colon >= 0 else len(chain))))
    return spans


#: "2:08:41": hours, minutes and seconds (a race time, a length; a time of day after "at")
_HMS = re.compile(r"(?=\d)\b(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.\d+)?(?![\d:])")
_CLOCK = re.compile(r"(?=\d)\b(?P<h>\d{1,2}):(?P<m>\d{2})(?!:\d)\b(?:" + _WS + r"*(?P<ap>[ap])(?:\.m\.|m\b))?", re.I)
#: "9.12 pm", "1.15 p.m.": a clock time written with a dot (British, Asian and African copy).
_DOT_AMPM = re.compile(r"(?=\d)\b(?P<h>\d{1,2})\.(?P<m>[0-5]\d)" + _WS + r"*(?P<ap>[ap])(?:\.m\.|m\b)", re.I)
#: "0930 GMT", "14.00 local time", "21:30 IST": a time in a time zone (the zone is not part of the number).
_ZONED = re.compile(r"\b(?:(?P<h>\d{1,2})[.:](?P<m>[0-5]\d)|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d))" + _WS
                    + r"*(?=(?:GMT|UTC|IST|BST|CET|CEST|EET|EST|EDT|CST|PST|PDT|JST|KST|WIB|SAST|EAT|WAT|AEST|AEDT|"
                    + r"local" + _WS + r"+time)\b)")
#: "21.30 hours", "0430 hrs", "2130h": the military and police way; a time only after "at", "by" and the like.
_HOURS_CLOCK = re.compile(r"\b(?:(?P<h>[01]?\d|2[0-3])[.:](?P<m>[0-5]\d)|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d))" + _WS
                          + r"*(?:hours|hrs|hr|h)\b(?!" + _WS + r"+of\b)", re.I)
#: "Chelsea beat Arsenal 3-1", "drew 0-0", "a 2-1 win": a match score, two labels rather than two counts.
_SCORE = re.compile(r"(?<![\d.,/:-])\d{1,3}" + _WS + r"?[-–‑]" + _WS + r"?\d{1,3}(?![\d%]|[.,:/]\d|" + _WS
                    + r"*(?:percent|per" + _WS + r"+cent|%))")
_SCORE_BEFORE = frozenset("won win wins beat beats beaten lost lose loses defeated defeat defeats edged edges thrashed "
                          "routed drew draw draws trailed trailing led leading score scored scoreline aggregate held "
                          "hold holds".split())
_SCORE_AFTER = re.compile(_WS + r"+(?:home" + _WS + r"+|away" + _WS + r"+)?(?:win|wins|victory|defeat|loss|draw|"
                          r"lead|triumph|scoreline|aggregate|thrashing|drubbing)\b", re.I)
#: Words before a result such as "102-99", which is a score, not a range with a shortened end.
_SCORE_WORDS = frozenset("won win wins beat beats beaten lost lose loses defeated defeat edged trailed led leads lead "
                         "score scored scoreline victory defeat draw drew".split())
#: What must follow each of the rarer clock forms: they are tried only just before it, which is fast on long texts.
# Each starts with a literal character, so that the regex engine skips to its candidates quickly.
_TIME_ANCHORS = (
    (re.compile(r"[apAP](?:\.[mM]\.|[mM]\b)"), _DOT_AMPM),
    (re.compile(r"(?:GMT|UTC|IST|BST|CET|CEST|EET|EST|EDT|CST|PST|PDT|JST|KST|WIB|SAST|EAT|WAT|AEST|AEDT|local\s+time)\b"), _ZONED),
    (re.compile(r"(?:hours|hrs|hr|h|HOURS|HRS)\b"), _HOURS_CLOCK),
)
_ANCHOR_OF = {id(rx): rx for _, rx in _TIME_ANCHORS}


def _rare_clock_matches(t: str) -> list[tuple[re.Pattern, re.Match]]:
    """(pattern, match) of the dotted, zoned and "hours" clock forms, tried only just before what must follow them.

    One pass finds "pm", "GMT" or "hours"; the clock pattern is then tried
    in the dozen characters before it, which is much faster on long texts
    than trying three patterns at every digit.
    """
    found = []
    for anchor, rx in _TIME_ANCHORS:
        pos = 0
        for a in anchor.finditer(t):
            if not a.start() or not (t[a.start() - 1].isdigit() or t[a.start() - 1] in " \t\u00a0"):
                continue  # "pm" inside a word ("spm"), "h" inside "the"
            for m in rx.finditer(t, max(pos, a.start() - 12), a.end()):
                if m.end() >= a.start() - 1:
                    found.append((rx, m))
                    pos = m.end()
                    break
    return found


#: a time written "9.00" or "17.30" with no am/pm: the word before, the word after, and the talk of prices that rules it out
_DOT_CLOCK = re.compile(r"(?=\d)\b(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)\b(?![.,]?\d|%|" + _WS + r"*(?:per|%))")
_DOT_CLOCK_INTRO = frozenset("at by from until till before after between around".split())
_DOT_CLOCK_AFTER = frozenset("and to until till on in this today tonight tomorrow yesterday local when each every sharp".split())
_PRICE_TALK = re.compile(r"(?:[$€£¥₹]|\b(?:shares?|stocks?|index|indices|traded|trading|prices?|rates?|points?|cents?|"
                         r"pence|dollars?|euros?|pounds?|rupees?|yen|yuan|ringgit|percent|per\s+cent|level|average|"
                         r"scored?|ratio|grades?|marks|rating|litres?|kg|kilos?|closed|opened|fell|rose|ended|"
                         r"Sh|Rs|RM|Tk|baht|pesos?|naira|rand|cedis?)\b)", re.I)
_CLOCK_INTRO = frozenset("at by around about from until till to before after since approximately approx nearly "
                         "past till between and".split())
_AMPM = re.compile(r"\b(?P<h>\d{1,2})" + _WS + r"*(?P<ap>[ap])\.m\.|\b(?P<h2>\d{1,2})" + _WS + r"*(?P<ap2>[ap])m\b", re.I)
_UNIT_RE = re.compile(
    r"(?:" + "|".join(re.escape(f).replace(r"\ ", _WS + "+") for f in sorted(_UNIT_FORMS, key=len, reverse=True)) + r")(?![\w])",
    re.I,
)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z0-9])(?P<sign>" + "|".join(re.escape(k) for k in sorted(_CURRENCY_SIGNS, key=len, reverse=True))
    + r"))[ \u00a0]?$"
)
_WORD_AFTER = re.compile(_WS + r"+(?P<w>[A-Za-z][\w’'-]*)")
_QUAL_RE = re.compile(
    r"(?:^|(?<=[\s(\"“‘'—–]))(?P<q>" + "|".join(re.escape(q).replace(r"\ ", _WS + "+") for q in sorted(QUALIFIERS, key=len, reverse=True) if not q.startswith("or "))
    + r"|~|c\.|ca\.)" + _WS + r"*$",
    re.I,
)
_QUAL_AFTER = re.compile(_WS + r"+(?:[A-Za-z]+" + _WS + r"+)?(?P<q>or" + _WS + r"+(?:more|so))\b", re.I)


def dimension(unit: str) -> str | None:
    """What a unit measures (``length``, ``time``, ``share``, ``money:euro`` ...), or None.

    Examples
    --------
    >>> dimension("km"), dimension("week"), dimension("euro"), dimension("Afghans")
    ('length', 'time', 'money:euro', None)
    """
    if unit in UNITS:
        return UNITS[unit][0]
    if unit in set(_CURRENCY_WORDS.values()) | set(_CURRENCY_SIGNS.values()):
        return f"money:{unit}"
    return None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert ``value`` from one unit to another of the same dimension.

    Lengths use the international mile (1959: exactly 1.609344 km); times use
    the Julian year of 365.25 days (a month is a twelfth of it).

    Raises
    ------
    NewslabError
        If either unit is unknown or the two measure different things.

    Examples
    --------
    >>> round(convert(550, "mi", "km"), 1)
    885.1
    >>> round(convert(2, "decade", "year"), 6)
    20.0
    >>> convert(100, "°C", "°F")
    212.0
    >>> convert(1, "km", "week")
    Traceback (most recent call last):
    ...
    newslab.core.errors.NewslabError: cannot convert km (length) to week (time)
    """
    if from_unit == to_unit:
        return float(value)
    a, b = dimension(from_unit), dimension(to_unit)
    if a is None or b is None or a != b:
        raise NewslabError(f"cannot convert {from_unit} ({a or 'unknown unit'}) to {to_unit} ({b or 'unknown unit'})")
    if a == "temperature":
        return value * 9 / 5 + 32 if from_unit == "°C" else (value - 32) * 5 / 9
    return value * UNITS[from_unit][1] / UNITS[to_unit][1]


def qualifier_meaning(qualifier: str | None) -> str | None:
    """What a qualifier claims: ``about``, ``nearly``, ``less than``, ``more than``, ``at least``, ``up to``.

    Examples
    --------
    >>> qualifier_meaning("roughly"), qualifier_meaning("fewer than"), qualifier_meaning(None)
    ('about', 'less than', None)
    """
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)) or not str(qualifier).strip():
        return None
    q = " ".join(str(qualifier).lower().split())
    if q in ("~", "c.", "ca."):
        return "about"
    return QUALIFIERS.get(q)


# --------------------------------------------------------------------------- the scanner


@dataclass
class _Num:
    start: int
    end: int
    value: float
    unit: str = ""
    kind: str = "number"
    qualifier: str | None = None
    low: float | None = None
    high: float | None = None
    date: str | None = None
    vague: bool = False
    pair_id: int | None = None
    pair_role: str | None = None


def _parse_words(words: str) -> float | None:
    """'one hundred and twenty-five' -> 125; None if the words are not one number."""
    total, current = 0, 0
    seen = False
    for w in re.split(r"[\s\-‑]+", words.lower()):
        if w == "and" or not w:
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _to_float(digits: str) -> float:
    """The value of digits as :data:`_NUMBER` matches them (any script's digits, "," or "٬" thousands).

    >>> _to_float("1,037.5"), _to_float("٣٫٥"), _to_float("١٬٢٠٠")
    (1037.5, 3.5, 1200.0)
    """
    return float(digits.replace(",", "").replace("٬", "").replace("٫", "."))


def _finite(value: float | None) -> float | None:
    """``value``, or NaN when it is too large for a float (a 401-digit number): never ``inf``."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else math.nan


# compiled once: the scanner's helpers run for every number of a long article
_PREV_WORD = re.compile(r"([A-Za-z][\w’'.]*)(?:" + _WS + r"*|[-‑])$")
_SCALE_AT = re.compile(r"(?:" + _WS + r"?|[-‑](?=(?:thousand|million|billion|trillion|crore|lakh)\b))"
                       r"(?P<w>thousand|million|billion|trillion|lakh" + _WS + r"+crore|crore|lakh|bn|mn|tn|cr|m|k)\b", re.I)
_HYPHEN_WORD = re.compile(r"[-‑](?P<w>[A-Za-z][a-z]+)\b")
_NEXT_WORD_OR_HYPHEN = re.compile(r"(?:" + _WS + r"+|[-‑])(?P<w>[A-Za-z][\w’'-]*)")
_RANGE_AFTER = re.compile(r"(?:" + _WS + r"?[–—]" + _WS + r"?|[-‑]|" + _WS + r"+to" + _WS + r"+|" + _WS + r"+and" + _WS
                          + r"+)(?P<sign>[-−])?(?P<cur>[$€£¥₹])?(?P<n>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)")
#: "and a half" / "and a quarter" after a number word: part of the number ("two and a half weeks")
_AND_A_PART = re.compile(_WS + r"+and" + _WS + r"+a" + _WS + r"+(?P<part>half|quarter)\b(?![-‑])", re.I)
#: verbs that may follow a share written with its noun between ("one adult in four was hungry")
_AFTER_RATIO = frozenset("is was are were has had have will would could can may might said say says live lives "
                         "lived own owns face faces reported report now still across nationwide".split())
#: words after which "half" with no noun is a share: "cut by half", "less than half", "down from almost half"
_HALF_AFTER = frozenset("by in than almost nearly about roughly around just over under some".split())
_WORD_AND_BEFORE = re.compile(r"([A-Za-z]+)" + _WS + r"+and" + _WS + r"+$")
_DIGIT_BEFORE = re.compile(r"(\d+)" + _WS + r"*[-‑]?$")
_OF_AFTER = re.compile(_WS + r"+of\b", re.I)
_ENDS_CLAUSE = re.compile(r"\s*(?:[.,;:!?)”\"]|$)")
_LETTERS = re.compile(r"[A-Za-z]+")
_FEW_RE = re.compile(r"\b(?P<q>a" + _WS + r"+few|several|a" + _WS + r"+couple" + _WS + r"+of)(?:" + _WS
                     + r"+(?P<scale>dozen|hundred|thousand|million|billion))?(?=[\s-])", re.I)
_WORD_RANGE = re.compile(_WS + r"+to" + _WS + r"+(?P<w>(?:" + "|".join(sorted(list(_SMALL) + list(_TENS), key=len, reverse=True))
                         + r")(?:[-‑](?:one|two|three|four|five|six|seven|eight|nine))?)\b", re.I)
#: what follows "one of" when "one" counts nothing: a determiner, a possessive, a pronoun
_OF_DETERMINERS = frozenset("the its their his her our my your these those them us you which whom this that "
                            "several many".split())


def _not_a_count_after_of(word: str) -> bool:
    """Whether "one of <word>" is the idiom ("one of the ...", "one of Nigeria's ...", "one of them"), not a count."""
    low = word.lower()
    return low in _OF_DETERMINERS or low.endswith(("’s", "'s"))


_MINUS_BEFORE = re.compile(r"\b(minus|negative)" + _WS + r"+$", re.I)


_SPACES = frozenset(" \t\u00a0\u202f\u2009")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _prev_word(t: str, pos: int) -> tuple[str, int]:
    """The word ending just before ``pos`` (skipping spaces, or one hyphen) and where it starts.

    What ``_PREV_WORD`` finds in the 40 characters before ``pos``, read
    backwards by hand: searching that pattern was a tenth of the scanner's time.

    >>> _prev_word("about 40", 6), _prev_word("well-40", 5), _prev_word("x", 0)
    (('about', 0), ('well', 0), ('', 0))
    """
    lo = max(0, pos - 40)
    end = pos
    if end > lo and t[end - 1] == "\n":
        end -= 1  # as "$" matches before a final newline
    if end > lo and t[end - 1] in "-‑":
        end -= 1
    else:
        while end > lo and t[end - 1] in _SPACES:
            end -= 1
    i = end
    while i > lo and (t[i - 1].isalnum() or t[i - 1] in "_’'."):
        i -= 1
    while i < end and t[i] not in _ASCII_LETTERS:
        i += 1
    if i >= end:
        return "", pos
    return t[i:end], i


def _next_word(t: str, pos: int) -> tuple[str, int, int]:
    m = _WORD_AFTER.match(t, pos)
    if not m:
        return "", pos, pos
    return m.group("w"), m.start("w"), m.end("w")


_DATELINE_AFTER = re.compile(_WS + r"*(?:[(,]|[-–—]|\d{4}\b|$)")


def _capital_month_ok(t: str, m: re.Match) -> bool:
    r"""Whether a month written in capitals ("MARCH 4", "12 OCTOBER 2023") is a date, as in a dateline.

    A month in capitals is read only where a dateline puts it: after a comma
    ("SEOUL, MARCH 4") or before a bracket, comma, dash or year ("FEB 19 -"),
    so that a headline in capitals ("YOU MAY 2 BE RIGHT") keeps its words.

    >>> rx = re.compile(r"(?P<mon>[A-Z]+) \d+")
    >>> _capital_month_ok("SEOUL, MARCH 4 (Yonhap)", rx.search("SEOUL, MARCH 4 (Yonhap)", 7))
    True
    >>> _capital_month_ok("YOU MAY 2 BE RIGHT", rx.search("YOU MAY 2 BE RIGHT", 4))
    False
    """
    mon = m.group("mon").rstrip(".")
    if len(mon) < 2 or not mon.isupper():
        return True
    if re.search(r",\s*$", t[max(0, m.start() - 3):m.start()]):
        return True
    return bool(_DATELINE_AFTER.match(t, m.end()))


def _in_a_name(word: str) -> bool:
    """Whether ``word`` after an ordinal makes it part of a name ("7th Fleet", "Fifth Avenue"): a capitalised word, not a month.

    >>> _in_a_name("Fleet"), _in_a_name("consecutive"), _in_a_name("March"), _in_a_name("ODI")
    (True, False, False, False)
    """
    return word[:1].isupper() and not word.isupper() and word.lower() not in _MONTHS and word.lower() not in _WEEKDAYS


class _Scanner:
    #: No span (mask or number) is longer than this, so an overlap search can stop there.
    _LONGEST = 300

    def __init__(self, t: str):
        self.t = t
        # disjoint spans, so that a mask of any length is found by one bisection
        self.mask_starts, self.mask_ends = _text.merged_spans(
            [(m.start(), m.end()) for rx in (*_MASKS, *((_EMAIL,) if "@" in t else ())) for m in rx.finditer(t)]
            + _slash_chains(t))
        self.nums: list[_Num] = []
        self.taken: list[tuple[int, int]] = []
        self._letter_context: dict[str, bool] | None = None  # whether the article names a letter currency's country

    # ---- helpers
    def _overlaps(self, spans: list[tuple[int, int]], s: int, e: int) -> bool:
        """Whether [s, e) overlaps a span of the sorted list ``spans`` (bisect, so long texts stay linear)."""
        i = bisect_left(spans, (e, -1))
        while i > 0:
            i -= 1
            a, b = spans[i]
            if b > s:
                return True
            if a < s - self._LONGEST:
                return False
        return False

    def is_masked(self, s: int, e: int) -> bool:
        i = bisect_left(self.mask_starts, e) - 1  # the last mask starting before e
        return i >= 0 and self.mask_ends[i] > s

    def is_taken(self, s: int, e: int) -> bool:
        return self._overlaps(self.taken, s, e)

    def add(self, num: _Num) -> None:
        self.nums.append(num)
        insort(self.taken, (num.start, num.end))

    def skip(self, s: int, e: int) -> None:
        """Mark ``[s, e)`` as read, but not a number (an impossible date, a code)."""
        insort(self.taken, (s, e))

    def unit_at(self, pos: int, allow_hyphen: bool = True) -> tuple[str, int] | None:
        """A unit starting at ``pos`` (after one space or hyphen), as (canonical, end)."""
        t = self.t
        gap = 0
        if pos < len(t) and t[pos] in " \t\u00a0\u202f\u2009":
            gap = 1
        elif pos < len(t) and t[pos] in "-‑" and allow_hyphen:
            gap = 1
        u = _UNIT_RE.match(t, pos + gap)
        if not u:
            return None
        form = u.group(0)
        key = " ".join(form.lower().split())
        if gap == 0 and key not in _GLUED_UNITS and form != "%":
            return None
        if gap == 0 and key == "m" and t[u.end():u.end() + 1].isalpha():
            return None
        unit = _UNIT_FORMS.get(key) or _UNIT_FORMS.get(form)
        if unit is None:
            return None
        # an abbreviation followed by an apostrophe is a word ("m'") or a quote, not a unit
        if key in ("m", "mi", "ft", "kg", "km", "cm", "mm", "ha", "g") and u.end() < len(t) and t[u.end()] in "’'":
            return None
        return unit, u.end()

    def scale_at(self, pos: int, money: bool) -> tuple[float, int] | None:
        t = self.t
        m = _SCALE_AT.match(t[pos:pos + 80])
        if not m:
            return None
        w = " ".join(m.group("w").lower().split())
        factor = {"lakh crore": 1e12, "cr": 1e7, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "crore": 1e7, "lakh": 1e5,
                  "bn": 1e9, "mn": 1e6, "tn": 1e12, "m": 1e6, "k": 1e3}[w]
        if w in ("m", "k"):
            if m.group(0)[0] in " \t\u00a0":  # "5 m" is metres
                return None
            if not money and not re.match(r"[-‑]strong\b", t[pos + m.end():pos + m.end() + 80]):
                nxt, _, _ = _next_word(t, pos + m.end())
                if w == "k" or not (nxt.lower() in ("people", "residents", "refugees", "voters", "users") or
                                    (nxt.endswith("s") and nxt.lower() not in _UNIT_FORMS and nxt.lower() not in _STOPWORDS)):
                    return None
        return factor, pos + m.end()

    def currency_before(self, pos: int) -> tuple[str, int] | None:
        """A currency sign or code just before ``pos`` ("$", "US$ ", "KSh ", "Rs. "), as (currency, start)."""
        m = _CURRENCY_BEFORE.search(self.t, max(0, pos - 8), pos)
        if not m:
            return None
        return _CURRENCY_SIGNS[m.group("sign")], m.start()

    def measured(self, e: int) -> bool:
        """Whether a percentage or a unit of measure (not of time) follows the number ending at ``e``."""
        if self.t[e:e + 1] == "%":
            return True
        u = self.unit_at(e, allow_hyphen=False)
        return u is not None and u[0] not in _TIME_UNITS and (dimension(u[0]) or "").split(":")[0] != "money"

    def letter_currency(self, s: int, e: int) -> tuple[str, int] | None:
        """A currency written as one capital letter glued to the figure at ``s`` ("N500", "P1 billion"), as (currency, start).

        Money when a scale word follows ("P1 billion", "R1.2bn": anywhere), or
        when the article names the letter's country or currency (a bare "N185"
        in a story that says Nigeria or naira); never before a road or model
        noun ("the R61 road") or after a letter or digit.
        """
        t = self.t
        if s < 1 or t[s - 1] not in _LETTER_CURRENCIES or (s >= 2 and (t[s - 2].isalnum() or t[s - 2] in "-‑_")):
            return None
        nxt, _, _ = _next_word(t, e)
        if nxt.lower() in _LABEL_NOUNS:
            return None
        choices = _LETTER_CURRENCIES[t[s - 1]]
        if self._letter_context is None:
            self._letter_context = {}
        for words, currency in choices:
            if words not in self._letter_context:
                self._letter_context[words] = re.search(r"\b(?:" + words + r")\b", t, re.I) is not None
            if self._letter_context[words]:
                return currency, s - 1
        scale = _SCALE_AT.match(t, e)
        if scale and scale.group("w").lower() not in ("k",):
            return choices[0][1], s - 1
        return None

    def is_label(self, s: int, e: int, quantity_after: bool = False) -> bool:
        """Rule 1: a number glued to letters, after LETTER-hyphen, or after a naming word.

        With ``quantity_after`` (a percentage or a unit of measure follows:
        "Eskom 12.7%", "Telkom 40 km") a capitalised word before the number
        does not make it a label, as it does "Boeing 737".
        """
        t = self.t
        before = t[s - 1] if s > 0 else ""
        if before.isalpha() or before == "_":
            return True
        if before in "-‑" and s >= 2 and t[s - 2].isalpha():
            word, _ = _prev_word(t, s - 1)
            if word.lower() not in _LABEL_PREFIXES:
                return True
        if before in "." and s >= 2 and t[s - 2].isalnum():
            return True
        word, wstart = _prev_word(t, s)
        gap = t[wstart + len(word):s]
        if word and gap.strip() == "" and len(gap) <= 1:
            low = word.lower().rstrip(".")
            if low in LABEL_WORDS and (word[0].isupper() or low in ("p", "pp", "no") or low in _CLAUSE_WORDS):
                return True
            if (not quantity_after and word.isupper() and word.isalpha() and 2 <= len(word) <= 3
                    and word not in _ACRONYMS_BEFORE_AMOUNTS and low not in _MONTHS and low not in _CURRENCY_WORDS
                    and self.currency_before(s) is None and self._bare_after(e)):
                return True  # "NH 44", "flight EK 512": a code (not "BJP 240 seats", nor a headline in capitals)
            if low in _LABEL_VERBS and word.islower() and not _MEASURE_AFTER.match(t, e):
                return True  # "dial 999", "bus 42"; not "crossed the line 38 seconds behind"
            if word[0].islower() and any(c.isupper() for c in word[1:]) and word.isalpha():
                return True  # "iPhone 15", "eBay 2": a brand written in camel case
            if (not quantity_after and word[0].isupper() and low not in _STOPWORDS and low not in _YEAR_INTRO and low not in _MONTHS and low not in _WEEKDAYS
                    and low not in QUALIFIERS and not word.endswith(("’s", "'s")) and not word.isupper()
                    and low not in ("nearly", "almost", "some", "about", "around", "roughly", "over", "under", "just",
                                    "only", "another", "all", "these", "those", "those", "least", "most", "at")
                    and "." not in word):
                return True
        return False

    def _bare_after(self, e: int) -> bool:
        """Whether nothing after the number at ``e`` makes it an amount: no unit, scale, hyphen, plural noun or capitals."""
        t = self.t
        if t[e:e + 1] in "-‑%" or self.unit_at(e) or self.scale_at(e, False) or t[e:e + 1].isalnum():
            return False
        nxt, _, _ = _next_word(t, e)
        return not (nxt.isupper() or (nxt.islower() and nxt.endswith("s") and len(nxt) > 3))

    # ---- the passes
    def scan(self) -> list[_Num]:
        self.scan_times()
        self.scan_fraction_durations()
        self.scan_ratios()
        self.scan_dates()
        self.scan_vague()
        self.scan_few()
        self.scan_a_scale()
        self.scan_fractions_and_ordinals()
        self.scan_a_unit()
        self.scan_codes()
        self.scan_scores()
        self.scan_scientific()
        self.scan_spaced_thousands()
        self.scan_digits()
        self.scan_words()
        self.nums.sort(key=lambda n: n.start)
        self.merge_between()
        self.link_pairs()
        self.link_years()
        self.add_qualifiers()
        return self.nums

    def scan_times(self) -> None:
        for m in _HMS.finditer(self.t):  # "won in 2:08:41": a length in hours; "at 14:30:00": a time of day
            if self.is_taken(m.start(), m.end()) or (m.start() and self.t[m.start() - 1] in ".,:"):
                continue
            hours = int(m.group("h")) + int(m.group("m")) / 60 + int(m.group("s")) / 3600
            if _prev_word(self.t, m.start())[0].lower() in _CLOCK_INTRO and hours < 24:
                self.add(_Num(m.start(), m.end(), hours, "hour", "time"))
            else:
                self.add(_Num(m.start(), m.end(), hours, "hour", "duration"))
        rare = _rare_clock_matches(self.t)
        for rx in (_DOT_AMPM, _ZONED, _HOURS_CLOCK, _CLOCK, _AMPM):
            for m in ([m for r, m in rare if r is rx] if id(rx) in _ANCHOR_OF else rx.finditer(self.t)):
                if self.is_taken(m.start(), m.end()) or (rx is _CLOCK and self.is_label(m.start(), m.end())):
                    continue
                if rx is not _CLOCK and rx is not _AMPM and m.start() and self.t[m.start() - 1] in ".,":
                    continue  # inside a longer number ("1.12.30 pm")
                if rx is _HOURS_CLOCK and _prev_word(self.t, m.start())[0].lower() not in _CLOCK_INTRO:
                    continue  # "logged 1400 hours", "took 2.30 hours": a length, not a time of day
                if rx in (_DOT_AMPM, _ZONED, _HOURS_CLOCK) and self.is_label(m.start(), m.end()):
                    continue
                h = int(m.group("h") or m.group("h2"))
                minute = int(m.groupdict().get("m") or m.groupdict().get("m2") or 0)
                ap = (m.groupdict().get("ap") or m.groupdict().get("ap2") or "").lower()
                if h > 24 or minute > 59 or (ap and h > 12):
                    continue
                if ap == "p" and h < 12:
                    h += 12
                elif ap == "a" and h == 12:
                    h = 0
                self.add(_Num(m.start(), m.end(), h + minute / 60, "hour", "time"))
        # "at 9.00", "from 9.30 to 17.00": a bare time with a dot, after a word of clock time and
        # before the end of the clause or a word that goes with a time; never where prices are the talk
        last_end = -1  # the end of the last such time: "from 6.00 to 23.30" takes the second end too
        for m in _DOT_CLOCK.finditer(self.t):
            if self.is_taken(m.start(), m.end()) or (m.start() and self.t[m.start() - 1] in ".,"):
                continue
            prev, pstart = _prev_word(self.t, m.start())
            prev = prev.lower()
            if prev not in _DOT_CLOCK_INTRO and not (prev in ("to", "and", "until") and 0 <= pstart - last_end <= 2):
                continue
            nxt = _next_word(self.t, m.end())[0].lower()
            if not (_ENDS_CLAUSE.match(self.t, m.end()) or nxt in _DOT_CLOCK_AFTER):
                continue
            if _PRICE_TALK.search(self.t, max(0, m.start() - 80), m.start()):
                continue  # "shares closed at 9.30": a price
            self.add(_Num(m.start(), m.end(), int(m.group("h")) + int(m.group("m")) / 60, "hour", "time"))
            last_end = m.end()

    def scan_scores(self) -> None:
        """A match score ("beat Arsenal 3-1", "drew 0-0", "a 2-1 win") is read as a label, not two counts."""
        t = self.t
        for m in _SCORE.finditer(t):
            if self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end()):
                continue
            before = [w.lower() for w in re.findall(r"[A-Za-z]+", t[max(0, m.start() - 40):m.start()])][-3:]
            if _SCORE_BEFORE.intersection(before) or _SCORE_AFTER.match(t, m.end()):
                self.skip(m.start(), m.end())

    def skip_clause_chain(self, e: int) -> None:
        """After a plural clause word ("sections 302 and 34", "articles 14, 19 and 21"), the numbers it lists are labels too."""
        t = self.t
        chain = re.compile(r"(?:" + _WS + r"*,|" + _WS + r"+(?:and|or|to)|" + _WS + r"*[-–&])" + _WS
                           + r"*\d+[A-Za-z]?(?:\(\d+\))?(?![\w.,]\d)")
        while True:
            m = chain.match(t, e)
            if not m:
                return
            self.skip(e, m.end())
            e = m.end()

    def scan_fraction_durations(self) -> None:
        """"a quarter of a century" (25 years), "half a century" (50), "half a decade" (5)."""
        rx = re.compile(r"\b(?:(?P<q>(?:a|one)" + _WS + r"+quarter" + _WS + r"+of" + _WS + r"+a)|(?P<h>half" + _WS + r"+a))"
                        + _WS + r"+(?P<u>century|decade)\b", re.I)
        for m in rx.finditer(self.t):
            if self.is_taken(m.start(), m.end()):
                continue
            years = (100 if m.group("u").lower() == "century" else 10) * (0.25 if m.group("q") else 0.5)
            self.add(_Num(m.start(), m.end(), years, "year", "duration"))

    def scan_ratios(self) -> None:
        """"one in five households", "3 out of 10 voters": a fraction of what follows."""
        small = "|".join(sorted(list(_SMALL) + list(_TENS), key=len, reverse=True))
        # the lookahead lets the scan skip positions where no number word or digit starts (a third of its time)
        rx = re.compile(r"(?=[otfsenz\d])\b(?P<a>" + small + r"|\d+)" + _WS + r"+(?:in|out" + _WS + r"+of)" + _WS + r"+(?:every" + _WS
                        + r"+)?(?P<b>" + small + r"|hundred|thousand|\d+)\b(?![,.]\d)", re.I)
        for m in rx.finditer(self.t):
            if self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end()):
                continue
            a = _parse_words(m.group("a")) if not m.group("a").isdigit() else float(m.group("a"))
            b = _parse_words(m.group("b")) if not m.group("b").isdigit() else float(m.group("b"))
            if not a or not b or b <= a or (m.group("b").isdigit() and len(m.group("b")) == 4):
                continue  # "2 in 2021" is a date, not a ratio
            if m.group("a").isdigit() and self.is_label(m.start(), m.end()):
                continue
            self.add(_Num(m.start(), m.end(), a / b, "fraction", "fraction"))
        # "one train in 20", "one adult in four was hungry": the noun between, and nothing counted after
        rx = re.compile(r"(?=[otfsenz\d])\b(?P<a>" + small + r"|\d+)" + _WS + r"+(?P<noun>[a-z]+)" + _WS + r"+in" + _WS
                        + r"+(?P<b>" + small + r"|\d+)\b(?![,.]\d|[-‑%])", re.I)
        for m in rx.finditer(self.t):
            if (self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end())
                    or m.group("noun").lower() in _STOPWORDS or m.group("noun").lower() in _ALL_WORDS
                    or m.group("noun").lower() in _UNIT_FORMS):
                continue
            a = _parse_words(m.group("a")) if not m.group("a").isdigit() else float(m.group("a"))
            b = _parse_words(m.group("b")) if not m.group("b").isdigit() else float(m.group("b"))
            if not a or not b or b <= a or (m.group("b").isdigit() and len(m.group("b")) == 4):
                continue
            nxt, _, _ = _next_word(self.t, m.end())
            if not (_ENDS_CLAUSE.match(self.t, m.end()) or nxt.lower() in _STOPWORDS or nxt.lower() in _AFTER_RATIO):
                continue  # "one goal in two games", "one person in 20 minutes": not a share
            self.add(_Num(m.start(), m.end(), a / b, "fraction", "fraction"))

    def scan_dates(self) -> None:
        t = self.t
        for m in _ISO_DATE.finditer(t):
            if self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end()):
                continue
            try:
                day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:  # 2021-02-30: not a date, and its parts are not numbers either
                self.skip(m.start(), m.end())
                continue
            self.add(_Num(m.start(), m.end(), float(day.day), "day of month", "date", date=day.isoformat()))
        month = (r"(?=[JFMASOND])(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
                 r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"
                 r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"
                 r"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\b\.?)")
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
        year = r"(?:,?" + _WS + r"+(?P<year>1\d{3}|20\d{2})\b)?"
        patterns = [
            re.compile(month + _WS + r"+" + day + r"(?![.,]\d)" + year),
            re.compile(r"\b" + day + r"(?:" + _WS + r"+of)?" + _WS + r"+" + month + year),
            re.compile(month + _WS + r"+(?P<yearonly>1\d{3}|20\d{2})\b"),
        ]
        # "from January 4 to 14": the second day has the first one's month
        for m in re.finditer(month + _WS + r"+" + day + _WS + r"*(?:[-–]|" + _WS + r"+(?P<join>to|until|through|and)" + _WS
                             + r"+)(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,]\d|" + _WS + r"*%)" + year, t):
            if self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end()) or not _capital_month_ok(t, m):
                continue
            if m.group("join") == "and" and not re.search(r"\bbetween" + _WS + r"+$", t[max(0, m.start() - 12):m.start()], re.I):
                continue  # "between April 20 and 25" is a span; "April 20 and 25 people" is not
            mon = _MONTHS[m.group("mon").rstrip(".").lower()]
            d1, d2, y = int(m.group("day")), int(m.group("day2")), m.group("year")
            last = calendar.monthrange(int(y) if y else 2000, mon)[1]
            if not 1 <= d1 < d2 <= last or self.unit_at(m.end("day2")) or self.counted_noun(m.end("day2")):
                continue
            for a, b, d in ((m.start(), m.end("day"), d1), (m.start("day2"), m.end(), d2)):
                iso = f"{int(y):04d}-{mon:02d}-{d:02d}" if y else f"--{mon:02d}-{d:02d}"
                self.add(_Num(a, b, float(d), "day of month", "date", date=iso))
        for rx in patterns:
            for m in rx.finditer(t):
                if self.is_taken(m.start(), m.end()) or self.is_masked(m.start(), m.end()) or not _capital_month_ok(t, m):
                    continue
                mon = _MONTHS[m.group("mon").rstrip(".").lower()]
                if m.groupdict().get("yearonly"):
                    y = int(m.group("yearonly"))
                    self.add(_Num(m.start(), m.end(), float(y), "year", "date", date=f"{y:04d}-{mon:02d}"))
                    continue
                d = int(m.group("day"))
                if not 1 <= d <= 31:
                    continue
                y = m.group("year")
                if d > calendar.monthrange(int(y) if y else 2000, mon)[1]:  # 30 February: no such day
                    self.skip(m.start(), m.end())
                    continue
                iso = f"{int(y):04d}-{mon:02d}-{d:02d}" if y else f"--{mon:02d}-{d:02d}"
                self.add(_Num(m.start(), m.end(), float(d), "day of month", "date", date=iso))

    def counted_noun(self, pos: int) -> tuple[str, int] | None:
        """The noun a count counts: the next word, a hyphenated word ("10-storey"), or the word after 'of (the)'."""
        hyphen = _HYPHEN_WORD.match(self.t[pos:pos + 80])
        if hyphen and hyphen.group("w").lower() == "strong":  # "a 5,000-strong force" counts the force
            pos += hyphen.end()
        elif hyphen and hyphen.group("w").lower() not in _STOPWORDS:
            return hyphen.group("w").lower(), pos + hyphen.end()
        word, ws, we = _next_word(self.t, pos)
        if not word or ws - pos > 2:
            return None
        low = word.lower()
        if low == "of":
            word2, ws2, we2 = _next_word(self.t, we)
            if word2.lower() in ("the", "them", "these", "those", "its", "their"):
                return None
            if word2 and word2.lower() not in _STOPWORDS:
                return word2.strip("’'"), we2
            return None
        if low in _STOPWORDS or (low in _MONTHS and word[0].isupper()) or (low.endswith("ed") and len(low) > 4):
            return None
        return word.strip("’'").rstrip("-"), we

    def scan_vague(self) -> None:
        for m in _VAGUE_RE.finditer(self.t):
            if self.is_taken(m.start(), m.end()):
                continue
            if m.group("mult"):
                value = {"tens": 20, "hundreds": 200}[m.group("mult").lower()] * {"thousands": 1e3, "millions": 1e6, "billions": 1e9}[m.group("big").lower()]
            else:
                value = float(_VAGUE[(m.group("word") or m.group("scores")).lower()])
            noun = self.counted_noun(m.end())
            self.add(_Num(m.start(), m.end(), value, noun[0] if noun else "", "count", low=value, vague=True))

    def scan_few(self) -> None:
        """"a few hundred metres", "several thousand people", "a few degrees": a vague amount.

        With a scale word ("a few hundred", "several thousand") it is a vague
        count whatever follows; without one only before a unit of measure, money
        or a percentage ("a few degrees", "a few percent"), since "a few days"
        or "several bridges" are no figures.  ``value`` and ``low`` are the
        least it can mean (a few = several = 3, a couple = 2).
        """
        t = self.t
        for m in _FEW_RE.finditer(t):
            if self.is_taken(m.start(), m.end()):
                continue
            value = 2.0 if m.group("q").lower().startswith("a couple") else 3.0
            end = m.end()
            if m.group("scale"):
                value *= {"dozen": 12, **_SCALES}[m.group("scale").lower()]
            u = self.unit_at(end)
            if u and u[0] not in _TIME_UNITS:
                unit, end = u
                dim = dimension(unit) or ""
                kind = "money" if dim.startswith("money") else "percent" if dim in ("share", "difference") else "measure"
            elif m.group("scale"):
                noun = self.counted_noun(end)
                unit, kind = (noun[0] if noun else ""), "count"
            else:
                continue
            self.add(_Num(m.start(), end, value, unit, kind, low=value, vague=True))

    def scan_a_scale(self) -> None:
        for m in _A_SCALE.finditer(self.t):
            if self.is_taken(m.start(), m.end()):
                continue
            value = {"dozen": 12, **_SCALES}[m.group("w").lower()] * (0.5 if m.group("half") else 1)
            end = m.end()
            scale = re.match(_WS + r"+(thousand|million|billion)\b", self.t[end:end + 80], re.I)
            if scale and m.group("w").lower() in ("hundred", "thousand"):
                value *= _SCALES[scale.group(1).lower()]
                end += scale.end()
            self.finish_quantity(m.start(), end, float(value))

    def scan_a_unit(self) -> None:
        """"for a week", "in more than a decade", "it took a year": a duration of one unit.

        Only after a word that makes it a length (a preposition, a hedge, "took"),
        so that a rate ("2 millimetres of rain a year", "$5 a day") is not one.
        """
        for m in _A_UNIT.finditer(self.t):
            if self.is_taken(m.start(), m.end()):
                continue
            prev, _ = _prev_word(self.t, m.start())
            if prev.lower() not in _A_UNIT_AFTER:
                continue
            self.add(_Num(m.start(), m.end(), 1.0, _UNIT_FORMS.get(m.group("u").lower(), m.group("u").lower()),
                          "duration"))

    def scan_fractions_and_ordinals(self) -> None:
        t = self.t
        for m in _ORDWORD.finditer(t):
            if self.is_taken(m.start(), m.end()):
                continue
            word = m.group(0).lower()
            plural = word.endswith("s")
            base = word[:-1] if plural else word
            tens = 0
            if "-" in base or "‑" in base:
                head, base = re.split(r"[-‑]", base, maxsplit=1)
                tens = _TENS.get(head, 0)
            n = (_ORDINALS.get(base) or (4 if base == "quarter" else 2 if base == "half" else 0)) + tens
            if not n:
                continue
            prev, pstart = _prev_word(t, m.start())
            if base in ("half", "quarter") and prev.lower() == "a" and not plural:
                joined = _WORD_AND_BEFORE.search(t, max(0, pstart - 24), pstart)
                if joined and joined.group(1).lower() in _SMALL_OR_TENS:
                    continue  # "two and a half weeks": one number, read by scan_words
            gap = t[pstart + len(prev):m.start()] if prev else ""
            count = None
            if prev and len(gap) <= 1:
                low = prev.lower()
                if low in ("a", "an", "one"):
                    count = 1.0
                elif low in _SMALL or low in _TENS:
                    count = float(_SMALL.get(low, _TENS.get(low, 0)))
            digit_before = _DIGIT_BEFORE.search(t[max(0, m.start() - 6):m.start()])
            after = t[m.end():m.end() + 12]
            of_after = _OF_AFTER.match(after) is not None
            ends_clause = _ENDS_CLAUSE.match(after) is not None
            nxt_word, _, _ = _next_word(t, m.end())
            no_noun = not re.match(r"[-‑]\w", after) and (ends_clause or nxt_word.lower() in _STOPWORDS
                                                           or nxt_word.lower() in _COMPARATIVES)
            if base == "half":
                # "half of", "half the", "a half", "half a million" (handled with scales), "cut by half"
                if re.match(_WS + r"+an?" + _WS + r"+(?:dozen|hundred|thousand|million|billion)\b", after, re.I):
                    continue
                if count is None and prev.lower() in ("first", "second", "last", "latter", "final"):
                    continue  # "the first half of August": a part of a period, not a share
                if count is None and not (of_after or re.match(_WS + r"+the\b", after, re.I)
                                          or (prev.lower() in _HALF_AFTER and no_noun)):
                    continue
                start = pstart if count is not None else m.start()
                self.add(_Num(start, m.end(), (count or 1.0) / 2, "fraction", "fraction"))
                continue
            if digit_before and not count:
                continue  # a digit just before ("30 seconds") belongs to the digit scanner
            if base == "second":
                if plural:
                    continue  # "two seconds" is a duration, read with its number
                count = None  # "a second" is never a half: "wait a second", "a second wave"
            if plural or (count is not None and (of_after or ends_clause or (count == 1.0 and no_noun and base != "second"))):
                k = count if count is not None else None
                if k is None:
                    continue  # "thirds" alone
                self.add(_Num(pstart, m.end(), k / n, "fraction", "fraction"))
                continue
            if base == "quarter":
                continue  # "the second quarter": the ordinal is "second"
            # an ordinal that counts: "fifth wave", "third-largest"
            nxt = _NEXT_WORD_OR_HYPHEN.match(t[m.end():m.end() + 80])
            if not nxt or nxt.group("w").lower() in _STOPWORDS:
                # a place or rank with no noun: "was running third", "the strike is the fourth since May"
                ranked = prev.lower() in _RANK_VERBS or (prev.lower() == "in" and _prev_word(t, pstart)[0].lower() in _RANK_VERBS)
                if (not ranked and prev[:1].isupper() and prev.lower() not in _STOPWORDS and len(gap) == 1
                        and prev.lower() not in _MONTHS and prev.lower() not in _WEEKDAYS
                        and (not nxt or nxt.group("w").lower() in _RANK_AFTER_NAME)):
                    ranked = True  # a headline's "Kiprop third as Kenyans miss out", "Mumbai fifth in survey"
                if count is None and not plural and (prev.lower() == "the" or ranked):  # "came in fifth" too
                    self.add(_Num(m.start(), m.end(), float(n), "ordinal", "ordinal"))
                continue
            if base == "second" and nxt.group("w").lower() in ("hand",):
                continue
            if (m.group(0)[0].isupper() and _in_a_name(nxt.group("w")) and nxt.group(0)[0] != "-"
                    and not re.search(r"(?:^|[.!?\n\"“‘(:])\s*$", t[max(0, m.start() - 3):m.start()])):
                continue  # "Fifth Avenue", "the Second World War": part of a name
            self.add(_Num(m.start(), m.end() + nxt.end(), float(n), nxt.group("w").lower(), "ordinal"))

    def finish_quantity(self, s: int, e: int, value: float, *, money: str | None = None, is_digits: bool = False,
                        high: float | None = None) -> None:
        """Scale, range, unit or counted noun after a number from ``s`` to ``e`` (``high``: a range's end already read)."""
        t = self.t
        low = None
        scale = self.scale_at(e, money is not None)
        if scale:
            value *= scale[0]
            e = scale[1]
            if high is not None:
                high *= scale[0]
        if high is not None:
            low = value
        # a range: "10–15", "10 to 15" (not "from 10 to 15"), "between 10 and 15"
        prev, _ = _prev_word(t, s)
        rng = _RANGE_AFTER.match(t[e:e + 80])
        if rng and is_digits and low is None:
            joiner = rng.group(0)[: rng.start("sign") if rng.group("sign") else rng.start("n")].strip()
            ok = (joiner in ("–", "—", "-", "‑") or (joiner == "to" and prev.lower() not in ("from",))
                  or (joiner == "and" and prev.lower() == "between"))
            other = _to_float(rng.group("n")) * (-1 if rng.group("sign") else 1)
            other_end = e + rng.end()
            if ok and not self.is_masked(e, other_end):
                s2 = self.scale_at(other_end, money is not None)
                mult = s2[0] if s2 else (scale[0] if scale else 1)
                if s2:
                    other_end = s2[1]
                    if not scale:
                        value *= mult
                other *= mult
                n_digits = rng.group("n")
                if (other <= value and joiner in ("–", "—", "-", "‑") and mult == 1 and n_digits.isdigit()
                        and float(value).is_integer() and 100 <= value < 1e9 and len(n_digits) >= 2):
                    # "pages 120-35", "1,240-60 tonnes": the second end keeps only its last digits
                    width = 10 ** len(n_digits)
                    if value >= width:
                        longer = value // width * width + other
                        if value < longer and longer - value < value / 4 and prev.lower() not in _SCORE_WORDS:
                            other = longer
                if other > value:
                    low, high = value, other
                    e = other_end
        kind = "money" if money else "number"
        unit = money or ""
        if not money:
            u = self.unit_at(e)
            if u:
                unit, e = u
                dim = dimension(unit)
                if unit in _TIME_UNITS:
                    kind = "duration"
                    old = re.match(r"[-‑]old\b", t[e:e + 80])
                    if old:
                        kind, e = "age", e + old.end()
                elif dim and dim.startswith("money"):
                    kind = "money"
                elif unit in ("percent", "percentage point", "basis point"):
                    kind = "percent"
                else:
                    kind = "measure"
            else:
                noun = self.counted_noun(e)
                if noun:
                    unit, kind = noun[0], "count"
        if low is not None:
            value = (low + high) / 2
        self.add(_Num(s, e, value, unit, kind, low=low, high=high))

    def scan_codes(self) -> None:
        """"02-30": numbers with a leading zero joined by a hyphen are not a range or a count."""
        for m in _ZERO_CODE.finditer(self.t):
            if not self.is_taken(m.start(), m.end()):
                self.skip(m.start(), m.end())

    def scan_scientific(self) -> None:
        """"1.5e6 people", "3×10^6 tonnes": the value, then units and nouns as for digits."""
        for m in _SCIENTIFIC.finditer(self.t):
            s, e = m.start(), m.end()
            if self.is_taken(s, e) or self.is_masked(s, e) or self.is_label(s, e):
                continue
            exponent = (m.group("e1") or m.group("e2") or m.group("e3").translate(_SUPERSCRIPTS)).replace("−", "-")
            value = float(f"{m.group('m')}e{exponent}")  # inf when too large: _records turns it into NaN
            cur = self.currency_before(s)
            if cur:
                self.finish_quantity(cur[1], e, value, money=cur[0])
            else:
                self.finish_quantity(s, e, value)

    def scan_spaced_thousands(self) -> None:
        """"1 460 outages", "2 400 megalitres": thousands set off by a space, as South African and French copy writes them.

        Not after a month, a weekday or a label word ("March 3 100 people" is a
        day and a count), and never a phone number (a group of other than three
        digits follows, or the first starts with 0).
        """
        t = self.t
        for m in _SPACED_THOUSANDS.finditer(t):
            s, e = m.start(), m.end()
            if self.is_taken(s, e) or self.is_masked(s, e) or self.is_label(s, e, quantity_after=True):
                continue
            prev = _prev_word(t, s)[0].lower().rstrip(".")
            if prev in _MONTHS or prev in _WEEKDAYS or prev in LABEL_WORDS:
                continue
            self.finish_quantity(s, e, float(re.sub(r"\D", "", m.group(0))), is_digits=True)

    def scan_digits(self) -> None:
        t = self.t
        for m in _NUMBER.finditer(t):
            s, e = m.start(), m.end()
            if self.is_taken(s, e) or self.is_masked(s, e):
                continue
            digits = m.group(0)
            after = t[e:e + 4]
            # glued letters: ordinals, decades, units; anything else is a label (4G, 3D)
            glued = _LETTERS.match(after)
            letter = self.letter_currency(s, e) if s > 0 and t[s - 1] in _LETTER_CURRENCIES else None
            fiscal = bool(_FOUR_DIGIT_YEAR.fullmatch(digits)) and re.search(r"(?<![A-Za-z])FY['’]?" + _WS + r"?$",
                                                                            t[max(0, s - 4):s]) is not None
            if (not fiscal and self.is_label(s, e) and not letter and not self.currency_before(s)
                    and (self.is_label(s, e, quantity_after=True) or not self.measured(e))):
                word, _ = _prev_word(t, s)
                if word.lower() in _CLAUSE_WORDS and word.lower().endswith("s"):
                    self.skip_clause_chain(e + len(_LETTERS.match(t, e).group(0) if _LETTERS.match(t, e) else ""))
                continue  # a label ("Boeing 737"), unless a percentage or unit makes it a quantity ("Eskom 12.7%")
            sign = -1 if s > 0 and t[s - 1] in "-−" and (s < 2 or not t[s - 2].isalnum()) and t[s - 1] != "‑" else 1
            if sign < 0 and s >= 2 and t[s - 2] in "-–":
                sign = 1
            start = s - 1 if sign < 0 else s
            minus = _MINUS_BEFORE.search(t[max(0, s - 12):s])
            if minus and sign > 0:
                sign, start = -1, max(0, s - 12) + minus.start()
            value = _to_float(digits) * sign
            # '90s (before the glued-letters rule: the 's' is part of it)
            if s > 0 and t[s - 1] in "'’" and re.fullmatch(r"\d0", digits) and t[e:e + 1] == "s":
                self.add(_Num(s - 1, e + 1, 1900.0 + value, "year", "decade", low=1900 + value, high=1909 + value))
                continue
            if glued:
                suffix = glued.group(0)
                if suffix.lower() in ("st", "nd", "rd", "th") and "," not in digits and "." not in digits:
                    nxt = _NEXT_WORD_OR_HYPHEN.match(t[e + len(suffix):e + len(suffix) + 80])
                    if nxt and _in_a_name(nxt.group("w")) and nxt.group(0)[0] != "-":
                        self.skip(s, e + len(suffix))
                        continue  # "the 7th Fleet", "the 2nd Battalion": part of a name
                    unit = nxt.group("w").lower() if nxt and nxt.group("w").lower() not in _STOPWORDS else ""
                    end = e + len(suffix) + (nxt.end() if unit else 0)
                    self.add(_Num(s, end, value, unit, "ordinal"))
                    continue
                if suffix == "s" and re.fullmatch(r"1\d{2}0|20\d0", digits):
                    self.add(_Num(s, e + 1, value, "year", "decade", low=value, high=value + 9))
                    continue
                if suffix in ("C", "F") and "," not in digits:
                    # "30C", "86F": a temperature (but not "4G" or "3D")
                    self.add(_Num(start, e + 1, value, "°" + suffix, "measure"))
                    continue
                if suffix.lower() not in _GLUED_UNITS and suffix.lower() not in ("bn", "mn", "tn", "cr", "m", "k", "km2"):
                    continue
            cur = letter or self.currency_before(start)
            if cur:
                self.finish_quantity(cur[1], e, value, money=cur[0], is_digits=True)
                continue
            year_like = bool(_YEAR_LIKE.fullmatch(digits)) and sign > 0
            if year_like and not fiscal:
                prev, _ = _prev_word(t, s)
                nxt, _, _ = _next_word(t, e)
                followed_by_unit = self.unit_at(e) is not None or self.scale_at(e, False) is not None
                plural = (nxt.endswith("s") and nxt.lower() not in _STOPWORDS and len(nxt) > 3
                          and not nxt[0].isupper())
                the_year = prev.lower() in ("the", "its", "their", "this", "that") and 1800 <= value <= 2100
                if followed_by_unit or (plural and prev.lower() not in _YEAR_INTRO and not the_year):
                    year_like = False
            if year_like:
                # "2020-21", "1950-53": a second, abbreviated year (with a slash only the next one: "2025/26")
                short = re.match(r"([-–‑/])(\d{2})\b(?![-‑/.,]\d)", t[e:e + 80])
                self.add(_Num(s, e, value, "year", "year"))
                if short:
                    y2 = int(digits) // 100 * 100 + int(short.group(2))
                    if y2 <= int(digits):
                        y2 += 100
                    if y2 - int(digits) == 1 or (short.group(1) != "/" and y2 - int(digits) <= 30):
                        self.add(_Num(e + 1, e + short.end(), float(y2), "year", "year"))
                continue
            self.finish_quantity(start, e, value, is_digits=True)

    def scan_words(self) -> None:
        t = self.t
        pos = 0
        while True:
            m = _WORDNUM.search(t, pos)
            if m is None:
                break
            s, e = m.start(), m.end()
            pos = max(e, s + 1)
            if self.is_taken(s, e):
                continue
            words = m.group(0)
            # split "one and two" style joins: only "hundred and" keeps an "and"; what follows the "and"
            # is read again on its own ("between six and eight weeks": "eight weeks" too)
            parts = re.split(_WS + r"+and" + _WS + r"+", words, flags=re.I)
            if len(parts) > 1 and not re.search(r"(hundred|thousand|million|billion)$", parts[0], re.I):
                e = s + len(parts[0])
                words = parts[0]
                pos = e
            value = _parse_words(words)
            if value is None:
                continue
            low = words.lower()
            prev, pstart = _prev_word(t, s)
            if low == "one":
                nxt, _, nxt_end = _next_word(t, e)
                if prev.lower() in ("no", "any", "every", "each", "this", "that", "which", "the") or nxt.lower() in ("another", "day", "thing", "way", "hand", "side"):
                    continue
                if nxt.lower() == "of" and _not_a_count_after_of(_next_word(t, nxt_end)[0]):
                    continue  # "one of the country's biggest", "one of them": an idiom that counts nothing
                before_prev, _ = _prev_word(t, pstart) if prev else ("", 0)
                if (before_prev.lower() in ("a", "an", "the", "this", "that", "each", "every", "any") and prev.islower()
                        and prev.lower() not in _ALL_WORDS and len(t[pstart + len(prev):s]) <= 1):
                    continue  # "a smaller one", "the only one": a pronoun

            # "three to four wet seasons", "two to three million": a range of number words (not "from three to four")
            rng = _WORD_RANGE.match(t, e)
            if rng and prev.lower() != "from":
                other = _parse_words(rng.group("w"))
                if other is not None and other > value and low not in _SCALES:
                    pos = rng.end()
                    self.finish_quantity(s, rng.end(), value, high=other)
                    continue

            if low in _SCALES:  # "million" alone ("a million" is handled elsewhere)
                continue
            half = _AND_A_PART.match(t, e)
            if half and low not in _SCALES:  # "two and a half hours", "one and a quarter million": one number
                value += 0.5 if half.group("part").lower() == "half" else 0.25
                e = pos = half.end()
            self.finish_quantity(s, e, value)

    def merge_between(self) -> None:
        """"between 0.7% and 1%", "between $500 million and $700 million", "between six and eight weeks": one range.

        Two numbers of one kind joined by "and" after "between" are the two
        ends of one range (the unit of the second serves both when the first
        has none), not two numbers.
        """
        t = self.t
        out: list[_Num] = []
        i = 0
        nums = self.nums
        while i < len(nums):
            a = nums[i]
            b = nums[i + 1] if i + 1 < len(nums) else None
            if (b is not None and a.low is None and b.low is None and a.kind not in ("year", "date", "time")
                    and re.fullmatch(_WS + r"+and" + _WS + r"+", t[a.end:b.start])
                    and re.search(r"\bbetween" + _WS + r"+$", t[max(0, a.start - 12):a.start], re.I)
                    and (a.kind == b.kind or (a.kind in ("number", "count") and not a.unit))
                    and (not a.unit or a.unit == b.unit or a.kind == "count") and b.value > a.value):
                out.append(_Num(a.start, b.end, (a.value + b.value) / 2, b.unit, b.kind, low=a.value, high=b.value))
                i += 2
                continue
            out.append(a)
            i += 1
        self.nums = out

    def link_pairs(self) -> None:
        """Rule 5: a quantity followed by its conversion in brackets."""
        t = self.t
        next_id = 1
        for a, b in zip(self.nums, self.nums[1:]):
            if a.kind not in ("measure", "money", "duration", "percent") or b.kind != a.kind:
                continue
            between = t[a.end:b.start]
            if not re.fullmatch(r"\s*\(\s*(?:(?:about|around|roughly|some|or|approximately|nearly|almost)\s+)?(?:[$€£¥₹]|US\$)?", between):
                continue
            if not re.match(r"\s*\)", t[b.end:b.end + 80]):
                continue
            da, db = dimension(a.unit), dimension(b.unit)
            if a.unit == b.unit or not da or not db or (da != db and not (da.startswith("money") and db.startswith("money"))):
                continue
            a.pair_id = b.pair_id = next_id
            a.pair_role, b.pair_role = "stated", "converted"
            next_id += 1
        self._next_pair = next_id

    def link_years(self) -> None:
        """Rule 4: year ranges become two linked rows."""
        t = self.t
        next_id = getattr(self, "_next_pair", 1)
        years = [n for n in self.nums if n.kind == "year"]
        for a, b in zip(years, years[1:]):
            if a.pair_id or b.pair_id or b.value <= a.value:
                continue
            between = t[a.end:b.start]
            prev, _ = _prev_word(t, a.start)
            dash = re.fullmatch(r"[-–—‑]|" + _WS + r"?[–—]" + _WS + r"?", between)
            words = re.fullmatch(r"\s+(until|till|to|through|thru|and)((?:\s+[^\s.;!?]+){0,6}?)\s+(?:in\s+)?", between)
            if dash or (words and prev.lower() in ("from", "between", "since") and not re.search(r"[.;!?]", between)):
                if words and words.group(1) == "and" and prev.lower() != "between":
                    continue
                a.pair_id = b.pair_id = next_id
                a.pair_role, b.pair_role = "from", "until"
                next_id += 1

    def add_qualifiers(self) -> None:
        t = self.t
        for n in self.nums:
            if n.kind in ("time",):
                continue
            window = t[max(0, n.start - 30):n.start]
            m = _QUAL_RE.search(window)
            if m:
                q = " ".join(m.group("q").lower().split())
                if q in ("over", "under", "above", "below") and n.kind in ("year", "date", "decade"):
                    continue
                n.qualifier = q
                continue
            m = _QUAL_AFTER.match(t, n.end)
            if m and n.kind not in ("year", "date"):
                n.qualifier = " ".join(m.group("q").lower().split())


# --------------------------------------------------------------------------- the public function


def _dateline_year(dateline: Any) -> int | None:
    """The year of ``dateline`` (a date, a datetime or ``"YYYY-MM-DD"``), or None for no dateline."""
    if dateline is None:
        return None
    if isinstance(dateline, date):
        return dateline.year
    if isinstance(dateline, str):
        try:
            return date.fromisoformat(dateline.strip()).year
        except ValueError:
            pass
    raise NewslabError(f"the dateline must be a date written YYYY-MM-DD, not {dateline!r}")


_FRAME = re.compile(r"[\s\"“‘']*(?:[Ii]n" + _WS + r"+(?P<year>1\d{3}|20\d{2})\b|(?P<which>Last|This|Next)" + _WS + r"+year\b)")


def _frame_year(sentence: str, dateline_year: int | None) -> int | None:
    """The year a sentence opens with ("In 2014, ...", "Last year ..."), which its dates without a year take.

    >>> _frame_year("In 2014, floods peaked on Dec 24.", None), _frame_year("Last year it rained.", 2025)
    (2014, 2024)
    >>> _frame_year("The firm, founded in 1998, said on July 3.", 2025) is None
    True
    """
    m = _FRAME.match(sentence)
    if not m:
        return None
    if m.group("year"):
        return int(m.group("year"))
    if dateline_year is None:
        return None
    return dateline_year + {"Last": -1, "This": 0, "Next": 1}[m.group("which")]


_WHICH_YEAR_AFTER = re.compile(_WS + r"+(?:of" + _WS + r"+)?(last|this|next)" + _WS + r"+year\b", re.I)


def _records(text: str, headline: bool = True, dateline: Any = None) -> list[dict[str, Any]]:
    if not isinstance(text, str):
        raise NewslabError(f"extract() needs the article as text (a str), not {type(text).__name__}")
    year = _dateline_year(dateline)
    doc = _text.split_article(text, headline=headline)
    t = doc.text
    rows = []
    frames: dict[int, int | None] = {}  # sentence index -> the year that leads it ("In 2014, ...", "Last year ...")
    for n in _Scanner(t).scan():
        sentence = doc.sentence_at(n.start)
        when = n.date
        if when and when.startswith("--") and sentence is not None:
            if sentence.index not in frames:
                frames[sentence.index] = _frame_year(sentence.text, year)
            framed = frames[sentence.index]
            which = _WHICH_YEAR_AFTER.match(t, n.end)
            if which and year is not None:  # "22 August last year", "March 3 of next year"
                framed = year + {"last": -1, "this": 0, "next": 1}[which.group(1).lower()]
            if framed is not None:
                when = f"{framed:04d}{when[1:]}"
        rows.append({
            "surface": " ".join(t[n.start:n.end].split()),
            "value": _finite(n.value),
            "unit": n.unit,
            "sentence_index": sentence.index if sentence is not None else -1,
            "start": n.start,
            "end": n.end,
            "kind": n.kind,
            "qualifier": n.qualifier,
            "low": _finite(n.low),
            "high": _finite(n.high),
            "date": f"{year:04d}{when[1:]}" if year is not None and when and when.startswith("--") else when,
            "vague": n.vague,
            "pair_id": n.pair_id,
            "pair_role": n.pair_role,
        })
    return rows


def extract(text: str, headline: bool = True, dateline: Any = None) -> "pd.DataFrame":
    """Every number in an article, one row each, in the order they occur.

    Parameters
    ----------
    text : str
        The article: headline on the first line, then paragraphs (as
        :func:`newslab.text.split_article` reads it).
    headline : bool
        Whether the first line is a headline (sentence 0).
    dateline : datetime.date or str, optional
        When the story was filed (``"YYYY-MM-DD"`` works too): a date written
        without a year ("Aug. 24") gets the dateline's year in ``date``
        (``2023-08-24`` rather than ``--08-24``), unless its sentence opens
        with a year ("In 2014, ...", or with a dateline "Last year ..."): then
        that year.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``surface`` (the words as written, whitespace
        collapsed, without the qualifier), ``value`` (a float, scale words
        applied), ``unit`` (canonical: ``percent``, ``km``, ``week`` ..., or the
        counted noun), ``sentence_index`` (0 = headline), ``start``/``end``
        (offsets into the text with ``\\n`` line endings), ``kind`` (see the
        module docstring), ``qualifier`` (as written, or missing), ``low``/
        ``high`` (ranges and vague counts), ``date`` (ISO, for dates), ``vague``,
        ``pair_id``/``pair_role`` (converted twins and year ranges).

    Raises
    ------
    NewslabError
        If ``text`` is not a string, or ``dateline`` is not a date.

    Examples
    --------
    >>> extract("Head\\n\\nTalks resume on Aug. 24.", dateline="2023-08-20")["date"].tolist()
    ['2023-08-24']
    >>> df = extract("Head\\n\\nA 900-kilometer (550-mile) border, dozens of people, from 1996 until 2001.")
    >>> df[["surface", "value", "unit", "kind", "vague", "pair_id", "pair_role"]].to_string(index=False)
    '      surface  value   unit    kind  vague  pair_id pair_role\\n900-kilometer  900.0     km measure  False        1    stated\\n     550-mile  550.0     mi measure  False        1 converted\\n       dozens   24.0 people   count   True     <NA>      <NA>\\n         1996 1996.0   year    year  False        2      from\\n         2001 2001.0   year    year  False        2     until'
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    rows = _records(text, headline, dateline)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    types = {"surface": "string", "value": "Float64", "unit": "string", "sentence_index": "Int64", "start": "Int64",
             "end": "Int64", "kind": "string", "qualifier": "string", "low": "Float64", "high": "Float64",
             "date": "string", "vague": "boolean", "pair_id": "Int64", "pair_role": "string"}
    return frame.astype(types)


def busiest_sentence(text: str) -> int | None:
    """The index of the sentence holding the most numbers (the first on a tie), or None.

    Examples
    --------
    >>> busiest_sentence("Head\\n\\nOne cat. Two dogs and 3 birds. Four fish.")
    2
    """
    counts: dict[int, int] = {}
    for row in _records(text):
        counts[row["sentence_index"]] = counts.get(row["sentence_index"], 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    return min(i for i, n in counts.items() if n == best)


def pairs(numbers: "pd.DataFrame") -> "pd.DataFrame":
    """The converted twins of an extraction, one row per pair, with the conversion redone.

    Parameters
    ----------
    numbers : pandas.DataFrame
        The output of :func:`extract`.

    Returns
    -------
    pandas.DataFrame
        ``stated, converted, stated_in_other_unit, difference_percent``: the
        stated number converted into the twin's unit, and how far the printed
        twin is from it (percent of the exact conversion).  Year ranges are not
        included.

    Examples
    --------
    >>> p = pairs(extract("Head\\n\\nA 900-kilometer (550-mile) border."))
    >>> p[["stated", "converted", "stated_in_other_unit", "difference_percent"]].round(1).to_dict("records")
    [{'stated': '900-kilometer', 'converted': '550-mile', 'stated_in_other_unit': 559.2, 'difference_percent': -1.7}]
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    rows = []
    linked = numbers[numbers["pair_role"].isin(["stated", "converted"]).fillna(False)]
    for _, group in linked.groupby("pair_id"):
        a = group[group["pair_role"] == "stated"].iloc[0]
        b = group[group["pair_role"] == "converted"].iloc[0]
        try:
            exact = convert(float(a["value"]), a["unit"], b["unit"])
        except NewslabError:
            exact = float("nan")
        diff = 100 * (float(b["value"]) - exact) / exact if exact else float("nan")
        rows.append({"stated": a["surface"], "stated_unit": a["unit"], "converted": b["surface"], "converted_unit": b["unit"],
                     "stated_in_other_unit": exact, "difference_percent": diff, "sentence_index": a["sentence_index"]})
    columns = ["stated", "stated_unit", "converted", "converted_unit", "stated_in_other_unit", "difference_percent", "sentence_index"]
    return pd.DataFrame(rows, columns=columns)
