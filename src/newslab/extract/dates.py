"""Turn an article's time expressions into dates, given its dateline.

A news story rarely prints a full date.  It says "on Sunday", "this week",
"less than seven weeks before the deadline", "from 1996 until 2001", and
leaves the reader to work the dates out from the **dateline**, the date the
story was filed.  :func:`extract` does that work and says how it did it, so a
class can check every step.

What comes out
--------------
:func:`extract` returns a table (a pandas DataFrame), one row per expression,
in the order they occur.  The first four columns are always
``surface, start, end, sentence_index``; more may be added later.

``surface``
    The words as written (whitespace collapsed), with a leading ``on``, ``in``,
    ``during`` or ``since`` when there is one: ``on Sunday``, ``in 2018``.
``start``, ``end``
    :class:`datetime.date` objects (always dates, never strings; the CLI and
    :func:`as_records` print them as ISO ``YYYY-MM-DD``).  Both ends are
    *inclusive* days: a point in time has ``start == end``; "in 2018" is
    2018-01-01 to 2018-12-31.
``sentence_index``
    The sentence the expression starts in, numbered as
    :func:`newslab.text.split_article` numbers them (0 is the headline).
``kind``
    ``point`` (one day), ``range`` (a calendar period or a span "from ... until
    ...") or ``duration`` (a length of time, "two decades", placed on the
    calendar relative to an anchor; see below).
``relative``
    True when the date depends on the dateline ("on Sunday", "last month",
    "5 July" with no year); False when the text alone fixes it ("in 2018").
``approximate``
    True when the text hedges ("less than", "nearly", "about", "some"), is
    vague ("a few weeks", "mid-July", "the early 1990s") or is ambiguous
    ("04/05/2021" read either way), so that the dates are a best reading.
``days``
    For a duration, its stated length in days (``start`` to ``end``), e.g. 49
    for "seven weeks"; empty otherwise.
``rule``
    Which rule resolved it (a key of :data:`RULES`, which explains each).
``char_start``, ``char_end``
    Offsets into ``split_article(text).text`` (the text with ``\\r\\n`` turned
    into ``\\n`` and invisible characters dropped), ``char_end`` exclusive.
``warning``
    Empty, or a key of :data:`WARNINGS` when the text contradicts itself: a
    weekday written with a date that fell on another day ("Monday, 17 July
    2021") is ``weekday-contradicts-date``.

A date the calendar does not have (``2021-02-30``, ``30 February 2021``) is
not a date and is left out.

How relative expressions are resolved
-------------------------------------
* **Weekdays** ("on Sunday", "Sunday's vote") mean the most recent such day
  *before* the dateline, as wire copy uses them: a story filed on Saturday
  17 July 2021 that says "on Sunday" means 11 July.  The dateline's own weekday
  means the dateline itself.  "next Sunday", or a weekday whose own clause
  looks ahead, means the first such day *after* the dateline: the nearest
  tense cue before it in its clause decides ("will meet on Tuesday", "said it
  would ... by Monday", "the vote starts on Sunday" are ahead; "Prices will
  stay low, the minister said on Tuesday" is past, whatever the clause before
  says), and a deadline ("by Friday", "until at least Saturday", "starting
  Monday") looks ahead unless the clause has "had".  "last Sunday" is the same
  as "Sunday".
* **today, tonight, this morning** are the dateline; **yesterday, last night**
  the day before; **tomorrow** the day after.
  Inside a quotation they are the day the words were spoken: a day named in
  the quote's sentence, else the first one in the story's first paragraph.
  "on Tuesday last week" is that day of that calendar week; "late last week"
  Thursday to Sunday of it (early: Monday to Wednesday, mid: Tuesday to Thursday).
* **this / last / next week** are calendar weeks, Monday to Sunday (ISO 8601):
  "this week" is the week that contains the dateline.  Likewise months,
  years, weekends (Saturday and Sunday of the week) and decades.  "earlier
  this month" runs from the 1st to the dateline, "later this year" from the
  dateline to 31 December.  "the past week", "the past year" are the 7 days
  (or the year) ending on the dateline.
* **A day and month without a year** ("5 July", "July 5", "Aug. 31", "mid-July",
  "in February") are in the dateline's year, as wire style means them.  Like
  weekdays they are read as past unless the sentence looks ahead: a future cue
  earlier in the sentence ("will", "is due to", "next") moves a date that has
  already passed to the next year, and without one a date more than nine
  months *after* the dateline is last year's ("30 December" in a story of
  3 January); a month after the dateline in a past clause ("flattened crops
  in October" in a story of February) is last year's.  In a sentence that opens with a whole year ("In 2014, ...", "Last year ...")
  they are in that year.  Holidays (Christmas, New Year's Day, Easter, Good Friday,
  Halloween, Valentine's Day) follow the same rule.
* **Numeric dates** such as ``04/05/2021`` are read day-first or month-first as
  ``numeric_order`` says.  With ``"auto"`` (the default) a number above 12
  decides; when both readings are possible the one closest to the dateline is
  taken and the row is marked approximate.  ISO dates (``2021-07-17``) are
  always year-month-day.
* **Years, decades, centuries**: "in 2018" is the whole year, "the 1990s" 1990
  to 1999, "the early 1990s" 1990-1993 (mid 1994-1996, late 1997-1999),
  "mid-2021" May to August.  "since 2010" runs from the start of 2010 to the
  dateline.  Bare four-digit numbers count as years from 1800 to 2199 unless a
  unit follows (``2000 people``, ``1500 km``).
* **Spans of months** ("between June and August", "March-April", "from
  mid-January to March") run from the first day of the first month (or of its
  early / mid / late part) to the last day of the second.  Without a year, the
  clause decides: ahead, a span not yet over ("will publish figures for January
  to March" in March is this year's); past, one already begun ("were late
  between October and December" in March is last year's).
* **The same period**: "the same period last year", "the same quarter a year
  earlier", "the same month of 2019" are the date named just before (in the
  paragraph or the sentence before) moved to that year; "the same month" takes
  that date's calendar month.  With nothing named before it, "the same month"
  is the dateline's month and anything else is left out.
* **Halves of months**: "the first half of July" is 1-15 July, "the second
  half" 16 to the end (not half a year); a month part written without a year
  after "since" has begun ("since early June"), and one ahead of the dateline
  in a past clause is last year's ("hit by storms in late November" in March).
* **Parts of periods**: "the first half of 2023" (January to June), "the
  third quarter" (of the dateline's year, or the year before if it has not
  begun), "the first nine months of the year", "the first two weeks of
  January"; a year counted to a month, "the financial year to March 2023"
  (April 2022 to March 2023), "the fiscal year that began on Oct. 1"; and "the
  previous year / month / week" after such a period in the same paragraph is
  the one before it (with none, the calendar one before the dateline's).
  A fiscal year written "FY2024-25", "the 2023-24 fiscal year" or "the 2024/25
  financial year", and a part of one ("the first quarter of FY2024-25"),
  begins in the month the government of the story's country begins its year
  (April in India, July in Kenya or Pakistan, October in the US: rule
  ``fiscal-year``), when its first three paragraphs name one such country;
  otherwise its months are knowledge the text lacks.
  "the weekend" is the last Saturday and Sunday, or the next ones when its
  clause looks ahead.  "two years later", "five days earlier" count from the
  last date named in the sentence or the one before.
* **Spans**: "from 1996 until the US-led invasion in 2001", "between 2001 and
  2021", "1996-2001", "5-9 July" become one ``range`` from the start of the
  first to the end of the second.  The dates inside a "from ... until ..."
  span are also listed on their own.
* **Durations** ("two decades", "seven weeks", "less than a year") are placed
  by what surrounds them:

  - "three weeks ago" is the day three weeks before the dateline (a point);
  - "less than seven weeks before the 31 August deadline": the span from the
    date that far before the named date to that date;
  - "... after 5 July": from the named date forward;
  - "seven weeks before the last soldier leaves" (an event with no date):
    from the dateline forward, because the event lies that far ahead;
  - "in / within two weeks", "over the next year": from the dateline forward,
    unless the clause is past ("lost 400 sheep in two weeks" says how long it
    took: no row);
  - "for": in a future clause, after an infinitive or a verb of a measure
    ("could continue for a week", "to freeze prices for 60 days") from the
    dateline forward; in a perfect ("has been shut for two weeks") ending on
    the dateline; in a past clause from the date named before it in the
    sentence ("struck on Tuesday, and aftershocks went on for two days"), or
    no row when a time follows it ("queued for two days last week", and in
    any tense "had gone without water for three weeks in late June");
  - "for", "after", a hedge or "the past" ("after two decades in the nation",
    "for the past year", "nearly a year has passed"): the span of that length
    ending on the dateline;
  - a bare length ("the repairs took two weeks", "a rise of 9% over 24
    months", "three days of rioting", "the worst in more than a decade") is
    not on the timeline and gets no row (its number is still a number).

  A duration swallowed by a date it is counted from ("... before the 31
  August deadline") is reported once, as that anchored span.

**Rates and frequencies are not times.**  "$4.5 million a day", "12% a year",
"1,200 lorries a day", "twice a week", "every two weeks", "per month" say how
often or how much per period, not when; they are left out of the table (a
row must have dates).  A quantity before "a day" makes it a rate unless a
time word follows ("a day after the blast" is still a duration).

**Seasons** ("last summer", "this spring", "in the autumn", "the winter of
2021", "since the start of spring") are three months as meteorologists count
them, and "summer" is December in Mendoza and June in Madrid: the southern
hemisphere's seasons are used when the story's first three paragraphs name a
southern country, state or city (see the rule ``season``).  They are always
approximate.  A season word inside a name or before a noun ("Arab Spring",
"winter wheat", "the fall of Kabul") is not a date.

**Relative to the story, not the dateline**: "the following day", "the next
day", "the day before", "the following week" count from the last date named
in the paragraph (or the sentence before) and are left out when none is; "on
22 August last year", "between April and November last year" take the year
the words give; a part of a year with no year ("the first quarter") after a
whole year named in its paragraph belongs to that year.  A prison term or a
ban ("jailed for six years", "banned from driving for nine years") is a
length, not a period of the timeline, and gets no row; time already served
("has been in prison for two years") still ends on the dateline.

Only English is understood.

Examples
--------
>>> import datetime
>>> rows = find("The editorial ran on Sunday. Talks ended this week.", datetime.date(2021, 7, 17))
>>> [(r.surface, r.start.isoformat(), r.end.isoformat()) for r in rows]
[('on Sunday', '2021-07-11', '2021-07-11'), ('this week', '2021-07-12', '2021-07-18')]
>>> resolve("less than seven weeks before the 31 August deadline", "2021-07-17")[1:3]
(datetime.date(2021, 7, 13), datetime.date(2021, 8, 31))
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from ..core import text as _text
from ..core.errors import NewslabError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["DateError", "TimeExpression", "COLUMNS", "RULES", "WARNINGS", "find", "extract", "resolve", "as_records", "compare_durations", "register_cli"]

#: The columns of :func:`extract`, in order (the first four are the CLI's promise).
COLUMNS = (
    "surface", "start", "end", "sentence_index", "kind", "relative", "approximate", "days", "rule",
    "char_start", "char_end", "warning",
)

#: What the ``warning`` column can say: something in the text that does not add up.
WARNINGS = {
    "weekday-contradicts-date": "the weekday written with the date is not the day that date fell on "
                                "('Monday, 17 July 2021' was a Saturday): one of them is wrong; the date is "
                                "given as written, check both against another source",
}

#: What each ``rule`` means, in words a student can check by hand.
RULES = {
    "full-date": "a day, month and year written out",
    "day-month": "a day and month with no year: the dateline's year; a future cue before it moves a date already past to the next year, and without one a date more than nine months ahead is last year's",
    "holiday": "a named holiday (Christmas, Easter ...) in the dateline's year, or the next one if the sentence looks ahead ('next', 'will') and it has passed",
    "day-range": "two days of one month (5-9 July), from the first to the second",
    "numeric-date": "a date written in figures (ISO, or day and month in the order given)",
    "numeric-date-ambiguous": "a date in figures that reads both day-first and month-first: the reading closest to the dateline",
    "part-of-month": "early (1-10), mid (11-20) or late (21-end) part of a month",
    "month-year": "a whole month of a given year",
    "month": "a month with no year: as for a day and month (last/next July: the one before/after the dateline)",
    "year": "a whole calendar year",
    "part-of-year": "early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) part of a year",
    "year-range": "from the start of the first year to the end of the second",
    "decade": "a decade (the 1990s: 1990-1999); early/mid/late: 0-3, 4-6, 7-9",
    "century": "a century (the 20th century: 1901-2000)",
    "since": "from the start of the date after 'since' to the dateline",
    "weekday-before-dateline": "a weekday: the most recent such day before the dateline (the dateline itself if it is that weekday)",
    "weekday-after-dateline": "a weekday said of the future ('next', 'will'): the first such day after the dateline",
    "dateline-day": "today, tonight, this morning: the dateline",
    "day-before-dateline": "yesterday, last night: the day before the dateline",
    "day-after-dateline": "tomorrow: the day after the dateline",
    "two-days-before-dateline": "the day before yesterday",
    "two-days-after-dateline": "the day after tomorrow",
    "calendar-period": "this/last/next week, month, year, weekend or decade, as calendar periods around the dateline (weeks run Monday to Sunday)",
    "earlier-this-period": "from the start of the period to the dateline",
    "later-this-period": "from the dateline to the end of the period",
    "past-period": "the period of that length ending on the dateline",
    "from-until": "a span from the start of one date to the end of another",
    "duration-ago": "a point that long before the dateline",
    "duration-before-date": "the span that long before a date named in the text, ending on it",
    "duration-after-date": "the span that long after a date named in the text, starting on it",
    "duration-before-event": "a span from the dateline forward: the event it counts to lies that far ahead",
    "duration-ahead": "a span from the dateline forward (in, within, over the next ...)",
    "duration-until-dateline": "a span of that length ending on the dateline",
    "part-of-period": "part of a year or month: the first half of 2023 (Jan-Jun), the third quarter (Jul-Sep), the first nine months of the year, the first two weeks of January",
    "fiscal-year": "a year counted to or from a month: the financial year to March 2023 (April 2022 to March 2023), the fiscal year that began on Oct. 1, the 2025/2026 fiscal year, which began on 1 July; a fiscal year written 'FY2024-25' or 'the 2023-24 fiscal year' begins in the month the government of the story's country begins it (April in India, July in Kenya, October in the US; approximate), when the first three paragraphs name one such country",
    "weekend": "the weekend: the Saturday and Sunday before the dateline, or the next ones when its clause looks ahead ('by the weekend')",
    "previous-period": "the previous year / month / week after such a period in the same paragraph: the one before it (after 'the year to May 2023', June 2021 to May 2022)",
    "duration-after-anchor": "'two years later', 'five days earlier': that long after or before the last date named in the sentence or the one before",
    "duration-from-date": "'for two days' in a past clause after a date in its sentence ('struck on Tuesday, and aftershocks went on for two days'): that long from that date",
    "quote-day": "today, tonight, this morning inside a quotation: the day the words were spoken, the day named in the quote's sentence or, failing that, in the story's first paragraph (the dateline when neither names one)",
    "weekday-of-week": "a weekday of a named week ('on Tuesday last week', 'Monday next week'): that day of that calendar week",
    "part-of-week": "early (Monday to Wednesday), mid (Tuesday to Thursday) or late (Thursday to Sunday) part of last, this or next week",
    "month-span": "two months joined ('between April and June', 'January-March', 'from July to September', 'from mid-January to March'): the first day of the first (or of its early / mid / late part) to the last day of the second, in the year whose span the clause's tense allows: ahead, one not yet over; past, one already begun",
    "half-month": "the first (1-15) or second (16-end) half of a month: 'the first half of July'; its year as for a month",
    "week-of-month": "the first / second / third / fourth week of a month (days 1-7, 8-14, 15-21, 22-28) or its last week (its last seven days); its year as for a month",
    "same-period": "'the same period / month / quarter last year', '... a year earlier', '... of 2023': the last date named before it (in its paragraph or the sentence before) moved to that year; with none, 'the same month' is the dateline's month",
    "day-month-year-word": "a day and month with 'last year', 'this year' or 'next year' ('on 22 August last year'): that day of that year",
    "following": "'the following day / week / month / year', 'the next day', 'the day before', 'the previous day': counted from the last date named in the paragraph or the sentence before (the calendar week, month or year after it); left out when none is named",
    "year-named": "a part of a year with no year of its own ('the first quarter', 'the second half of the year') after a year named in its paragraph ('Profits fell in 2022. In the first quarter, ...'): that year's part",
    "season": "a season as meteorologists count it: in the northern hemisphere spring March-May, summer June-August, autumn (fall) September-November, winter December-February; in the southern one (a story whose first paragraph names a southern country or city) the other way round.  'last summer' is the latest one over before the dateline, 'this summer' the one around the dateline (or starting in its year), 'next summer' the first one after it, 'in summer' the latest one begun (the next one when the clause looks ahead), 'for the winter' the one under way or ahead",
}

# --------------------------------------------------------------------------- vocabulary

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_NUMBER = {**_MONTHS, **_MONTH_ABBR}
_MONTH_NUMBER.update({k.upper(): v for k, v in list(_MONTH_NUMBER.items())})  # "SEOUL, MARCH 4 (Yonhap)"
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}  # Monday = 0

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "a couple of": 2, "a couple": 2, "half a": 0.5, "half an": 0.5,
    "a quarter of a": 0.25, "a quarter of an": 0.25, "quarter of a": 0.25, "three quarters of a": 0.75,
    "three-quarters of a": 0.75, "half of a": 0.5,
}
#: vague amounts: a value to place them, and always approximate
_VAGUE = {"a few": 3, "few": 3, "several": 3, "some": 3}
_HEDGES = (
    "less than", "fewer than", "more than", "over", "under", "nearly", "almost", "about", "around",
    "roughly", "some", "approximately", "close to", "at least", "at most", "up to", "no more than",
    "just over", "just under", "barely", "well over", "upwards of",
)
_UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
          "fortnights": "fortnight", "month": "month", "months": "month", "year": "year", "years": "year",
          "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
          "hours": "hour"}

#: words after a four-digit number that make it a quantity, not a year
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|-?(?:per\s?cent|percent|people|persons|residents|refugees|migrants|troops|soldiers|fighters|"
    r"cases|deaths|dead|votes|jobs|homes|houses|families|children|men|women|workers|students|km|kilometres?|"
    r"kilometers?|miles?|metres?|meters?|feet|ft|tonnes?|tons?|barrels|acres|hectares|dollars|euros|pounds|"
    r"rupees|units|times|calories|mm|cm|kg|mw|gw|GMT|UTC|hrs|hours|h|IST|BST|CET|EST|EDT|local\s+time)\b)",
    re.I,
)

#: A word that makes the number after it a label, not a year: "helpline 1930", "Flight 1549", "Resolution 2334".
_LABEL_BEFORE = re.compile(r"\b(?:helpline|hotline|dial|call|no\.|number|flight|route|bus|room|gate|platform|article|"
                           r"section|resolution|code|pin|ext\.?)\s+$", re.I)

#: a qualifier of amount just before a bare number: "about 1800 remained" counts, it is no year ("in about 1900" is)
_AMOUNT_BEFORE = re.compile(r"(?<!\bin\s)(?<!\bby\s)(?<!\bsince\s)(?<!\buntil\s)\b(?:about|around|some|nearly|almost|"
                            r"roughly|approximately|more\s+than|fewer\s+than|less\s+than|over|under|another|"
                            r"at\s+least|up\s+to)\s+$", re.I)

#: between a length and the date it lies in: "for three weeks in late June", "for two days last month"
_INSIDE_GAP = re.compile(r"\s+(?:in\s+|during\s+|on\s+)?")
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|is due|are due|due to|is set to|are set to|scheduled|plans? to|planned|"
    r"is expected to|are expected to|is to|are to|next|upcoming|coming)\b",
    re.I,
)

# --------------------------------------------------------------------------- regular expressions

_MONTH_RE = r"(?=[JFMASOND])(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"|(?:" + "|".join(
    sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?|" + "|".join(
    sorted((k.upper() for k in _MONTHS), key=len, reverse=True)) + r"|(?:" + "|".join(
    sorted((k.upper() for k in _MONTH_ABBR), key=len, reverse=True)) + r")\.?)"
#: Any month name or abbreviation, for the two ends of a span of months.
_ANY_MONTH = "|".join(sorted((k for k in _MONTHS), key=len, reverse=True)) + "|(?:" + "|".join(
    sorted(_MONTH_ABBR, key=len, reverse=True)) + r")\.?"
#: After a month in capitals in a dateline: a bracket, comma, dash, year or the end ("FEB 19 -", "MARCH 4 (Yonhap)").
_DATELINE_AFTER = re.compile(r"\s*(?:[(,]|[-–—]|\d{4}\b|$)")
_WD_RE = "|".join(_WEEKDAYS)
_LEAD_WD = rf"(?:(?P<wd>{_WD_RE}),?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|2[01][0-9]{2})"
_PART = r"(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"

_NUM_WORD = "|".join(sorted((re.escape(w) for w in [*_NUMBER_WORDS, *_VAGUE]), key=len, reverse=True))
_NUMBER = (rf"(?P<num>\d+(?:[.,]\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
           rf"(?:one|two|three|four|five|six|seven|eight|nine)|{_NUM_WORD})")
_HEDGE = "|".join(sorted((re.escape(h) for h in _HEDGES), key=len, reverse=True))

_PATTERNS: list[tuple[str, re.Pattern]] = [
    # 5-9 July 2021, 5 to 9 July
    ("day-range", re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|until)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
        rf"{_MONTH_RE}(?:,?\s+{_YEAR})?\b")),
    # July 5-9, 2021
    ("day-range-us", re.compile(
        rf"\b{_MONTH_RE}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|\s(?:to|until|through)\s|\s(?P<and>and)\s)\s*"
        rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|[.,]\d|\s*%)(?:,?\s+{_YEAR})?\b")),
    # (Sunday,) 11 July (2021), the 11th of July
    ("dmy", re.compile(rf"\b{_LEAD_WD}(?:the\s+(?=[0-3]?\d(?:st|nd|rd|th)))?{_DAY}(?:\s+of)?\s+{_MONTH_RE}"
                       rf"(?:,?\s+{_YEAR}|\s+(?:of\s+)?(?P<which>last|this|next)\s+year)?(?![\w-])")),
    # (Sunday,) July 11(, 2021)
    ("mdy", re.compile(rf"\b{_LEAD_WD}{_MONTH_RE}\s+{_DAY}(?:,?\s+{_YEAR}|\s+(?:of\s+)?(?P<which>last|this|next)\s+year)?(?![\w-])")),
    # between April and June, January-March, from July to September, the April-June quarter of 2023
    ("month-span", re.compile(
        rf"(?=[BbFfJMASOND]|[Ee]arly|[Mm]id|[Ll]ate)(?:\b(?P<lead>[Bb]etween|[Ff]rom)\s+)?(?:\b(?P<p1>[Ee]arly|[Mm]id|[Ll]ate)[-\s]+)?\b(?P<m1>{_ANY_MONTH})"
        rf"(?:\s*[-–—/]\s*|\s+(?P<join>and|to|until|till|through)\s+)(?:(?P<p2>early|mid|late)[-\s]+)?"
        rf"(?P<m2>{_ANY_MONTH})(?![\w-]|\s+(?!(?:1[89]|2[01])\d\d\b)\d)(?:(?:\s+(?:quarter|period))?(?:,?\s+|\s+of\s+){_YEAR}\b"
        rf"|\s+(?P<which>last|this|next)\s+year\b"
        rf"|(?:\s+(?:quarter|period))?\s+of\s+(?:FY|[Ff]iscal\s+(?:year\s+)?)['’]?(?P<fy>\d{{4}}|\d{{2}})(?:[-–/](?P<fy2>\d{{4}}|\d{{2}}))?\b)?")),
    # the following day, the next day, the day before, the previous day, the following week / month / year
    ("following", re.compile(
        r"\b[Tt]he\s+(?:(?P<dir>following|next|previous|preceding)\s+(?P<unit>day|morning|afternoon|evening|night)"
        r"|(?P<dir3>following)\s+(?P<unit3>week|month|year)"
        r"|(?P<unit2>day|night)\s+(?P<dir2>before|after)(?=\s*[,.;:)]|\s+(?:it|he|she|they|we|I|you|there)\b))\b")),
    # last summer, this spring, in the autumn, the winter of 2021, next fall
    ("season", re.compile(
        rf"(?:\b(?P<mod>[Ll]ast|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate|[Mm]id)[-\s]+"
        rf"|\b(?P<prep>[Ii]n|[Dd]uring|[Bb]y|[Uu]ntil|[Ss]ince|[Tt]hrough|[Oo]ver|[Ff]or)\s+(?:the\s+(?P<edge>start|beginning|end|middle)\s+of\s+"
        rf"|(?:the\s+)?(?:(?P<part>early|late|mid)[-\s]+)?)"
        rf"|\b(?P<the>[Tt]he)\s+(?=(?:spring|summer|autumn|fall|winter)\s+of\s+\d))?"
        rf"(?P<season>spring|summer|autumn|fall|winter)\b(?![-]|\s+(?:wheat|crops?|seasons?|months|holidays?|school|"
        rf"camps?|session|term|semester|solstice|equinox|break|festival|water|collection|fashion|sales?|time|weather|"
        rf"rains|monsoon|tyres|tires|clothes|games|olympics|of\s+(?![12]\d{{3}})))"
        rf"(?:(?:\s+of)?\s+{_YEAR})?\b")),
    # 2021-07-17
    ("iso", re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-])")),
    # 17/07/2021, 7.17.21
    ("numeric", re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|\.\d)")),
    # mid-July (2021), early July
    ("part-month", re.compile(rf"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                              rf"the\s+middle\s+of)[-\s]+{_MONTH_RE}(?:,?\s+{_YEAR})?\b")),
    # the first half of July, the second half of March 2024
    ("half-month", re.compile(rf"\b[Tt]he\s+(?P<ord>first|second|last|latter|final)\s+half\s+of\s+{_MONTH_RE}(?:,?\s+{_YEAR})?\b")),
    # the second week of March, the last week of June 2024
    ("week-of-month", re.compile(rf"\b[Tt]he\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+{_MONTH_RE}"
                                 rf"(?:,?\s+{_YEAR})?\b")),
    # the end of the month, the start of next month
    ("part-this-month", re.compile(r"\b[Tt]he\s+(?P<part>end|start|beginning|middle)\s+of\s+(?P<which>the|this|next|last)\s+month\b")),
    # the same period last year, the same month a year earlier, the same quarter of 2023
    ("same-period", re.compile(
        r"\b[Tt]he\s+same\s+(?P<unit>period|month|quarter|week|season|months|weeks)\s+"
        r"(?:(?P<back>last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|preceding|prior)\s+year|"
        r"(?:of\s+|in\s+)?(?:the\s+)?(?:previous|preceding|prior)\s+year|the\s+year\s+before|(?P<n>two|three|\d)\s+years\s+(?:earlier|ago|before))"
        r"|(?:of|in)\s+(?P<year>1[89]\d\d|2[01]\d\d))\b")),
    # the first half of 2023, the third quarter (of this year), the final quarter of last year
    ("part-period", re.compile(
        rf"\b[Tt]he\s+(?P<ord>first|second|third|fourth|final|last)\s+(?P<frac>half|quarter)\b"
        rf"(?:\s+of\s+(?:(?P<which>the|this|last|next)\s+year|{_YEAR}|(?:FY\s*|the\s+)?(?P<fy1>1[89]\d\d|2[01]\d\d)[/–-]"
        rf"(?P<fy2>\d\d)\b(?:\s+(?:fiscal|financial)\s+year)?))?(?!\s+of\s+(?:the\s+)?(?:current|fiscal|financial|century|FY|fy))")),
    # the first nine months of the year, the first two weeks of January
    ("first-part", re.compile(
        rf"\b[Tt]he\s+(?P<ord>first|last)\s+{_NUMBER}\s+(?P<unit>months|weeks)\s+of\s+"
        rf"(?:(?P<which>the|this|last|next)\s+year|{_MONTH_RE}(?:,?\s+{_YEAR})?|(?P<year2>1[0-9]{{3}}|2[01][0-9]{{2}}))\b")),
    # the (fiscal / financial) year to March 2023, the fiscal year that ended in June, ... that began on Oct. 1
    ("fiscal-year", re.compile(
        rf"\b[Tt]he\s+(?:(?P<fy>fiscal|financial|business|budget)\s+)?year\s+(?P<dir>to|ending|ended|through|"
        rf"(?:that|which)\s+(?:ended|ends|began|begins|started|starts)|(?:beginning|starting))\s+(?:(?:in|on)\s+)?"
        rf"(?:the\s+end\s+of\s+)?(?:(?P<day>[0-3]?\d)\s+)?{_MONTH_RE}(?:\s+(?P<day2>[0-3]?\d)\b)?(?:,?\s+{_YEAR})?")),
    # the 2025/2026 fiscal year, which began on 1 July; FY 2024-25 (dated only when the text says when it began)
    ("fiscal-slash", re.compile(
        r"(?=[12Ff])(?<![\w/])(?:(?P<y1>1[89]\d\d|2[01]\d\d)[/–-](?P<y2>\d\d|1[89]\d\d|2[01]\d\d)\s+(?:fiscal|financial|budget)"
        r"\s+year|(?:FY|[Ff]iscal\s+year|[Ff]inancial\s+year)\s*(?P<y3>1[89]\d\d|2[01]\d\d)[/–-](?P<y4>\d\d|1[89]\d\d|2[01]\d\d))"
        r"(?![\w/-])")),
    # the weekend, over the weekend, by the weekend (this / last / next weekend: "period")
    ("weekend", re.compile(r"\b[Tt]he\s+weekend\b")),
    # July 2021
    # July 2021; March last year, October next year
    ("month-year", re.compile(rf"\b{_MONTH_RE},?\s+(?:of\s+)?(?:{_YEAR}\b|(?P<which>last|this|next)\s+year\b)")),
    # in July, last July, this July
    ("month", re.compile(rf"(?=[IiDdSsUuBbFfLlNnTtEe])\b(?P<mod>[Ii]n|[Dd]uring|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate)\s+"
                         rf"(?P<month>{'|'.join(_MONTHS)})\b(?!\s+\d)")),
    # the early 1990s, the '90s
    # (the lookahead only lets the scan skip positions where no decade can start)
    ("decade", re.compile(rf"(?=[Tt]he\s|[Ee]arly|[Mm]id|[Ll]ate|[12]\d\d0s|['’]\d0s)(?:\b[Tt]he\s+)?(?:\b(?P<part>early|mid|late)[-\s]+)?"
                          r"(?:\b(?P<decade>1[0-9]{2}0|2[01][0-9]0)|['’](?P<yy>\d0))s\b")),
    # the 20th century
    ("century", re.compile(r"\b[Tt]he\s+(?:(?P<part>early|mid|late)[-\s]+)?(?P<n>[12]?\d)(?:st|nd|rd|th)[-\s]+century\b")),
    # mid-2021, early 2021
    ("part-year", re.compile(rf"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                             rf"the\s+middle\s+of)[-\s]+{_YEAR}\b(?!s)")),
    # 1996-2001, 2020-21, between 1996 and 2001 handled as a span later
    ("year-range", re.compile(r"(?<![\w$€£,.-])(?P<y1>1[89]\d{2}|2[01]\d{2})\s*[-–/]\s*(?:(?P<y2>1[89]\d{2}|2[01]\d{2})(?![\w%-]|[.,]\d)|(?P<y2s>\d{2})(?![\w%,-]|\.\d))")),
    ("year", re.compile(r"(?<![\w$€£¥,.'’-])(?P<year>1[89]\d{2}|2[01]\d{2})(?![\w%-]|[.,]\d)")),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his)\s+)?(?P<wd>{_WD_RE})(?:['’]s)?"
        r"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?:\s+(?P<which>last|next|this)\s+week)?\b")),
    ("holiday", re.compile(
        r"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<name>Christmas\s+(?:Eve|Day)|Christmas|New\s+Year['’]s\s+(?:Eve|Day)|"
        r"Easter(?:\s+Sunday|\s+Monday)?|Good\s+Friday|Halloween|Valentine['’]s\s+Day)\b(?!\s+[A-Z])")),
    ("relative-day", re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|"
        r"last\s+night|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("period", re.compile(
        r"\b(?P<mod>earlier\s+this|later\s+this|the\s+past|the\s+previous|the\s+last|the\s+next|the\s+coming|"
        r"this|last|next)\s+"
        r"(?P<unit>week|weekend|month|year|decade)\b", re.I)),
    ("duration", re.compile(
        rf"\b(?:(?P<prep>for|after|over|in|within|during|throughout)\s+)?"
        rf"(?:the\s+(?P<dir>past|last|next|coming|previous)\s+)?"
        rf"(?:(?P<hedge>{_HEDGE})\s+)?{_NUMBER}\s+(?P<unit>{'|'.join(_UNITS)})\b"
        r"(?:\s+(?P<ago>ago|from\s+now|earlier|later))?", re.I)),
]

_PREFIX = re.compile(r"(?:\b(?P<word>on|in|during|since)\s+)$", re.I)
_SPAN_START = re.compile(r"\b(?P<word>from|between)\s+$", re.I)
_SPAN_JOIN = re.compile(r"\s*(?:until|till|til|to|through|thru|and|-|–)\s", re.I)
_ANCHOR_JOIN = re.compile(r"\s+(?P<dir>before|after|ahead\s+of|prior\s+to|until|since)\s+(?:the\s+)?$", re.I)
_EVENT_AFTER = re.compile(r"\s+(?:before|until|ahead\s+of|prior\s+to)\b", re.I)
_ANCHOR_NOUN = re.compile(r"\s+(?:deadline|election|elections|vote|poll|summit|meeting|talks|referendum|ceasefire|"
                          r"withdrawal|anniversary|holiday|attack|invasion|visit|hearing|trial|launch)\b")
_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|thrice|times|per|every|each)\s+$", re.I)
#: a quantity just before "a day", "a year": "$4.5 million a day", "12% a year", "1,200 lorries a day"
_QUANTITY = re.compile(
    r"(?:[$€£¥]\s?\d|\d[\d,.]*\s?(?:%|bn|m|k)?$|^(?:per\s?cent|percent|%|million|billion|trillion|thousand|"
    r"thousands|hundreds|dozens|millions|billions|dozen|hundred|dollars?|euros?|pounds?|cents?|pence|rupees?|"
    r"shillings?|yuan|yen|reais|rand|pesos?|francs?|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|several|times)$)", re.I)
#: after "a day" etc., words that make it a time offset, not a rate ("a day after the vote")
_OFFSET_AFTER = re.compile(r"\s+(?:before|after|ahead\s+of|prior\s+to|earlier|later|ago|into|on\s+from|from\s+now)\b",
                           re.I)


def _is_rate(text: str, m: re.Match, g: dict) -> bool:
    """Whether a bare "a day" / "a year" after a quantity is a rate: "$4.5 million a day", "12% a year".

    Only "a"/"an" plus a unit with no preposition, hedge, "the past" or "ago"
    can be a rate; it is one when the word before it, or one of the three
    before that noun ("1,200 lorries a day", "500 tonnes of steel a day"), is
    a quantity (a figure, a percentage, an amount of money, "million", a
    number word), in the same clause, and no "before", "after", "later"
    follows ("three people died a day after the blast" is an offset).  A
    year ("in 2019 a year ...") or a day of a month ("March 3 a day ...") is
    not a quantity.

    Examples
    --------
    >>> [bool(_is_rate(t, m, m.groupdict())) for t in ("It cost $4.5 million a day.", "Trade grew 12% a year.",
    ...     "It lasted a day.", "Two died a day after the blast.") for m in [_PATTERNS[-1][1].search(t)]]
    [True, True, False, False]
    """
    if g["num"].lower() not in ("a", "an") or g.get("prep") or g.get("hedge") or g.get("dir") or g.get("ago"):
        return False
    if _OFFSET_AFTER.match(text, m.end()):
        return False
    clause = re.split(r"[,;:()“”\"]|[.!?](?=\s)|\s[—–]\s", text[max(0, m.start() - 80):m.start()])[-1]
    words = clause.split()
    for k, w in enumerate(reversed(words[-4:])):
        word = w.strip("’'")
        if re.fullmatch(r"(?:1[89]|2[01])\d\d", word) or (k + 1 < len(words) and words[-k - 2].rstrip(".") in _MONTH_NUMBER):
            return False  # "in 2019 a year ...", "on March 3 a day ..."
        if _QUANTITY.search(word):
            return k == 0 or not any(x.lower() in ("in", "on", "at", "for", "by", "with", "after", "before")
                                     for x in words[len(words) - k:])
    return False


class DateError(NewslabError, ValueError):
    """A dateline that is not a date, or text that is not text."""


@dataclass(frozen=True)
class TimeExpression:
    """One time expression and the dates it resolves to (see the module docstring for each field).

    Examples
    --------
    >>> import datetime
    >>> find("It rained yesterday.", datetime.date(2022, 3, 1))[0]
    TimeExpression(surface='yesterday', start=datetime.date(2022, 2, 28), end=datetime.date(2022, 2, 28), sentence_index=0, kind='point', relative=True, approximate=False, days=None, rule='day-before-dateline', char_start=10, char_end=19, warning='')
    """

    surface: str
    start: _dt.date
    end: _dt.date
    sentence_index: int | None
    kind: str
    relative: bool
    approximate: bool
    days: int | None
    rule: str
    char_start: int
    char_end: int
    warning: str = ""


_FIELDS = tuple(f.name for f in fields(TimeExpression))


# --------------------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: _dt.date, months: int) -> _dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    if not 1 <= year <= 9999:
        raise OverflowError
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shift(day: _dt.date, value: float, unit: str, sign: int) -> _dt.date:
    """``day`` moved by ``value`` ``unit``s, forward (sign 1) or back (-1)."""
    if unit in ("hour", "day", "week", "fortnight"):
        days = round(value * {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14}[unit])
        return day + _dt.timedelta(days=sign * days)
    months = round(value * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit])
    return _add_months(day, sign * months)


#: How far (in days) from the dateline a day or month without a year may lie in
#: the dateline's own year before the year next to it is taken instead.
_SAME_YEAR_DAYS = 270


def _nearest_year(month: int, day: int | None, dateline: _dt.date, future: bool = False) -> int:
    """The year of ``day month`` (or of the middle of the month) written without a year.

    The dateline's year, as wire style intends.  Like a weekday, it is read
    as past unless the sentence looks ahead: with ``future`` (a future cue
    before it in the sentence) a date that would lie before the dateline moves
    to the next year; without one, a date more than :data:`_SAME_YEAR_DAYS`
    days *after* the dateline moves to the year before ("30 December" in a
    story of 3 January).
    """
    def at(year: int) -> _dt.date:
        return _dt.date(year, month, min(day or 15, calendar.monthrange(year, month)[1]))

    year = dateline.year
    when = at(year)
    if future and when < dateline:
        return year + 1
    if not future and (when - dateline).days > _SAME_YEAR_DAYS:
        return year - 1
    return year


def _week_start(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=day.weekday())


def _part(part: str | None, first: _dt.date, last: _dt.date, thirds: tuple) -> tuple[_dt.date, _dt.date]:
    """Early / mid / late part of a period, given the cut points as offsets."""
    if not part:
        return first, last
    part = " ".join(part.lower().split())
    if part in ("the end of",):
        part = "late"
    elif part in ("the beginning of", "the start of"):
        part = "early"
    elif part == "the middle of":
        part = "mid"
    return thirds[("early", "mid", "late").index(part)]


def _month_parts(year: int, month: int, part: str | None):
    first, last = _dt.date(year, month, 1), _month_end(year, month)
    return _part(part, first, last, (
        (first, _dt.date(year, month, 10)),
        (_dt.date(year, month, 11), _dt.date(year, month, 20)),
        (_dt.date(year, month, 21), last),
    ))


def _year_parts(year: int, part: str | None):
    return _part(part, _dt.date(year, 1, 1), _dt.date(year, 12, 31), (
        (_dt.date(year, 1, 1), _dt.date(year, 4, 30)),
        (_dt.date(year, 5, 1), _dt.date(year, 8, 31)),
        (_dt.date(year, 9, 1), _dt.date(year, 12, 31)),
    ))


def _number(text: str) -> tuple[float, bool]:
    """The value of a number written in figures or words, and whether it is vague."""
    key = " ".join(text.lower().split())
    if key in _VAGUE:
        return _VAGUE[key], True
    if key in _NUMBER_WORDS:
        return _NUMBER_WORDS[key], False
    if "-" in key:
        tens, ones = key.split("-", 1)
        return _NUMBER_WORDS[tens] + _NUMBER_WORDS[ones], False
    return float(key.replace(",", "")), False


# --------------------------------------------------------------------------- candidates


@dataclass
class _Hit:
    start: int
    end: int
    first: _dt.date
    last: _dt.date
    kind: str
    rule: str
    relative: bool = False
    approximate: bool = False
    days: int | None = None
    absolute: bool = False  # a calendar date a duration can be anchored to
    duration: tuple | None = None  # (value, unit, approximate) for durations
    warning: str = ""  # a key of WARNINGS, or empty
    bare: bool = False  # a length with nothing placing it on the timeline ("it took two weeks")
    offset: tuple | None = None  # (value, unit, sign) of "two years later", "five days earlier"
    previous: str = ""  # the unit of "the previous year / month / week", placed by :func:`_placed`
    past_for: bool = False  # "went on for two days" in a past clause, placed by :func:`_placed`
    follow: tuple | None = None  # (unit, sign) of "the following day", placed by :func:`_placed` or dropped
    year_free: bool = False  # "the first quarter" with no year: a year named before it in the paragraph gives one
    same: tuple | None = None  # (unit, "back", n) or (unit, "year", y) of "the same period last year", placed by _placed


#: The kind of a placeholder hit for a date the calendar does not have: it wins the
#: overlap against its parts in :func:`_choose` and is then dropped.
_IMPOSSIBLE = "impossible"
_IMPOSSIBLE_BLOCKS = {"dmy", "mdy", "iso", "day-range", "day-range-us"}


_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
#: after a fiscal year written with its two years: ", which began on 1 July", " that starts in April"
_BEGAN = re.compile(rf",?\s+(?:which|that)\s+(?:began|begins|started|starts|begin|start)\s+(?:on\s+|in\s+)?"
                    rf"(?:(?P<d1>[0-3]?\d)\s+(?P<m1>{_MONTH_NAMES})\b|(?P<m2>{_MONTH_NAMES})\b\.?(?:\s+(?P<d2>[0-3]?\d)\b)?)")


def _weekday_warning(g: dict, when: _dt.date) -> str:
    """``weekday-contradicts-date`` when a weekday is written with ``when`` and it is not that day's.

    >>> _weekday_warning({"wd": "Monday"}, _dt.date(2021, 7, 17)), _weekday_warning({"wd": "Saturday"}, _dt.date(2021, 7, 17))
    ('weekday-contradicts-date', '')
    """
    written = g.get("wd")
    if written and _WEEKDAYS.get(written.title()) not in (None, when.weekday()):
        return "weekday-contradicts-date"
    return ""


def _nth_part(g: dict) -> tuple[int, int] | None:
    """(parts in a year, index of this one) of "the third quarter", "the second half"; None for "the third half"."""
    n = {"half": 2, "quarter": 4}[g["frac"].lower()]
    k = {"first": 0, "second": 1, "third": 2, "fourth": 3, "final": n - 1, "last": n - 1}[g["ord"].lower()]
    return (n, k) if k < n else None


def _resolve_match(name: str, m: re.Match, doc: _text.Document, dateline: _dt.date, numeric_order: str) -> _Hit | None:
    g = m.groupdict()
    text = doc.text
    s, e = m.start(), m.end()
    capital = (g.get("month") or "").rstrip(".")
    if len(capital) > 1 and capital.isupper() and not (re.search(r",\s*$", text[max(0, s - 3):s])
                                                      or _DATELINE_AFTER.match(text, e)):
        return None  # a month in capitals is a date only where a dateline puts it ("SEOUL, MARCH 4 (Yonhap)")
    try:
        if name in ("day-range", "day-range-us"):
            if g.get("and") and not re.search(r"\b[Bb]etween\s+$", text[max(0, s - 10):s]):
                return None  # "between April 20 and 25" is a span; "on April 20 and 25 more" is not
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            d1, d2 = int(g["day"]), int(g["day2"])
            year = int(g["year"]) if g.get("year") else _nearest_year(month, d1, dateline, _future(doc, s))
            a, b = _dt.date(year, month, d1), _dt.date(year, month, d2)
            if b < a:
                return None
            return _Hit(s, e, a, b, "range", "day-range", relative=not g.get("year"), absolute=True)
        if name in ("dmy", "mdy"):
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            day = int(g["day"])
            if g.get("year"):
                when = _dt.date(int(g["year"]), month, day)
                return _Hit(s, e, when, when, "point", "full-date", absolute=True, warning=_weekday_warning(g, when))
            if g.get("which"):  # "on 22 August last year"
                when = _dt.date(dateline.year + {"last": -1, "this": 0, "next": 1}[g["which"]], month, day)
                return _Hit(s, e, when, when, "point", "day-month-year-word", relative=True, absolute=True,
                            warning=_weekday_warning(g, when))
            year = _nearest_year(month, day, dateline, _future(doc, s))
            when = _dt.date(year, month, day)
            return _Hit(s, e, when, when, "point", "day-month", relative=True, absolute=True,
                        warning=_weekday_warning(g, when))
        if name == "iso":
            when = _dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
            return _Hit(s, e, when, when, "point", "numeric-date", absolute=True)
        if name == "numeric":
            a, b, y = int(g["a"]), int(g["b"]), g["y"]
            year = int(y) if len(y) == 4 else (2000 + int(y) if 2000 + int(y) <= dateline.year + 1 else 1900 + int(y))
            readings = []
            for order in ("DMY", "MDY"):
                if numeric_order not in ("auto", order):
                    continue
                day, month = (a, b) if order == "DMY" else (b, a)
                try:
                    readings.append(_dt.date(year, month, day))
                except ValueError:
                    pass
            readings = sorted(set(readings), key=lambda d: abs((d - dateline).days))
            if not readings:
                return None
            when = readings[0]
            ambiguous = len(readings) > 1
            return _Hit(s, e, when, when, "point", "numeric-date-ambiguous" if ambiguous else "numeric-date",
                        approximate=ambiguous, absolute=True)
        if name == "part-month":
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            year = int(g["year"]) if g.get("year") else _month_year(doc, s, month, dateline)
            a, b = _month_parts(year, month, g["part"])
            return _Hit(s, e, a, b, "range", "part-of-month", relative=not g.get("year"), approximate=True, absolute=True)
        if name == "half-month":
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            year = int(g["year"]) if g.get("year") else _month_year(doc, s, month, dateline)
            if g["ord"].lower() == "first":
                a, b = _dt.date(year, month, 1), _dt.date(year, month, 15)
            else:
                a, b = _dt.date(year, month, 16), _month_end(year, month)
            return _Hit(s, e, a, b, "range", "half-month", relative=not g.get("year"), absolute=True,
                        year_free=not g.get("year"))
        if name == "week-of-month":
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            year = int(g["year"]) if g.get("year") else _month_year(doc, s, month, dateline)
            end = _month_end(year, month)
            k = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(g["ord"].lower())
            if k is None:  # the last week: its last seven days
                a, b = end - _dt.timedelta(days=6), end
            else:
                a = _dt.date(year, month, 1 + 7 * k)
                b = a + _dt.timedelta(days=6)
            return _Hit(s, e, a, b, "range", "week-of-month", relative=not g.get("year"), absolute=True,
                        year_free=not g.get("year"))
        if name == "part-this-month":
            which = g["which"].lower()
            first = _add_months(dateline.replace(day=1), {"the": 0, "this": 0, "next": 1, "last": -1}[which])
            part = {"end": "late", "start": "early", "beginning": "early", "middle": "mid"}[g["part"].lower()]
            a, b = _month_parts(first.year, first.month, part)
            return _Hit(s, e, a, b, "range", "part-of-month", relative=True, approximate=True, absolute=True)
        if name == "same-period":
            unit = g["unit"].lower()
            if g.get("year"):
                same = ("year", int(g["year"]))
            else:
                back = g.get("n")
                same = ("back", {"two": 2, "three": 3}.get(back, int(back) if back else 1))
            # placed by _placed against the last date named; a stand-in until then
            return _Hit(s, e, dateline, dateline, "range", "same-period", relative=True, same=(unit, *same))
        if name == "part-period" and g.get("fy1"):
            # "the first quarter of FY2024-25": a part of the fiscal year of the story's country
            month = _fiscal_start(doc)
            part = _nth_part(g)
            if month is None or part is None or (int(g["fy1"]) + 1) % 100 != int(g["fy2"]):
                return None
            n, k = part
            first = _add_months(_dt.date(int(g["fy1"]), month, 1), k * 12 // n)
            last = _add_months(first, 12 // n) - _dt.timedelta(days=1)
            return _Hit(s, e, first, last, "range", "part-of-period", approximate=True, absolute=True)
        if name == "part-period":
            year = int(g["year"]) if g.get("year") else dateline.year + {None: 0, "the": 0, "this": 0, "last": -1,
                                                                        "next": 1}[(g.get("which") or "").lower() or None]
            part = _nth_part(g)
            if part is None:
                return None
            n, k = part
            months = 12 // n
            first = _dt.date(year, 1 + k * months, 1)
            if not g.get("year") and not g.get("which") and first > dateline:
                first = first.replace(year=year - 1)  # "the third quarter" named before it began: last year's
            last = _month_end(first.year, first.month + months - 1)
            if (not g.get("year") and (g.get("which") or "the").lower() == "the" and last < dateline
                    and _future(doc, s)):  # "will run into the first half of the year" in December: the next one
                first, last = first.replace(year=first.year + 1), _month_end(first.year + 1, first.month + months - 1)
            return _Hit(s, e, first, last, "range", "part-of-period", relative=not g.get("year"), absolute=True,
                        year_free=not g.get("year") and (g.get("which") or "the").lower() == "the")
        if name == "first-part":
            value, vague = _number(g["num"])
            unit = g["unit"].lower()
            if g.get("month"):
                month = _MONTH_NUMBER[g["month"].rstrip(".")]
                year = int(g["year"]) if g.get("year") else _nearest_year(month, None, dateline, _future(doc, s))
                whole = (_dt.date(year, month, 1), _month_end(year, month))
            else:
                year = int(g["year2"]) if g.get("year2") else dateline.year + {"the": 0, "this": 0, "last": -1,
                                                                              "next": 1}[g["which"].lower()]
                whole = (_dt.date(year, 1, 1), _dt.date(year, 12, 31))
            if g["ord"].lower() == "first":
                first, last = whole[0], _shift(whole[0], value, unit.rstrip("s"), 1) - _dt.timedelta(days=1)
            else:
                first, last = _shift(whole[1], value, unit.rstrip("s"), -1) + _dt.timedelta(days=1), whole[1]
            if not whole[0] <= first <= last <= whole[1]:
                return None
            return _Hit(s, e, first, last, "range", "part-of-period", relative=not (g.get("year") or g.get("year2")),
                        approximate=vague, absolute=True,
                        year_free=not g.get("month") and not g.get("year2") and g["which"].lower() == "the")
        if name == "fiscal-year":
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            day = g.get("day") or g.get("day2")
            begins = any(w in g["dir"].lower() for w in ("began", "begins", "started", "starts", "beginning", "starting"))
            if g.get("year"):
                year = int(g["year"])
            elif begins:
                started = any(w in g["dir"].lower() for w in ("began", "started"))
                year = _nearest_year(month, int(day) if day else 1, dateline, not started and _future(doc, s))
                if started and _dt.date(year, month, int(day) if day else 1) > dateline:
                    year -= 1  # "the fiscal year that began on Oct. 1": the last such day
            else:
                year = dateline.year if _month_end(dateline.year, month) <= dateline else dateline.year - 1
            if begins:
                first = _dt.date(year, month, int(day) if day else 1)
                last = _add_months(first, 12) - _dt.timedelta(days=1)
            else:
                last = _dt.date(year, month, int(day)) if day else _month_end(year, month)
                first = _add_months(last.replace(day=1), -11) if not day else last.replace(year=year - 1) + _dt.timedelta(days=1)
            return _Hit(s, e, first, last, "range", "fiscal-year", relative=not g.get("year"), absolute=True)
        if name == "fiscal-slash":
            y1 = int(g.get("y1") or g["y3"])
            y2 = g.get("y2") or g["y4"]
            y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
            began = _BEGAN.match(text, e)
            if y2 == y1 + 1 and not began:
                month = _fiscal_start(doc)
                if month is None:
                    return None  # which month it starts in is knowledge the text lacks: the years stay a year range
                first = _dt.date(y1, month, 1)
                return _Hit(s, e, first, _add_months(first, 12) - _dt.timedelta(days=1), "range", "fiscal-year",
                            approximate=True, absolute=True)
            if y2 != y1 + 1 or not began:
                return None
            month = _MONTH_NUMBER[began.group("m1") or began.group("m2")]
            first = _dt.date(y1, month, int(began.group("d1") or began.group("d2") or 1))
            if first.year != y1:  # pragma: no cover - the regex only gives y1
                return None
            return _Hit(s, e, first, _add_months(first, 12) - _dt.timedelta(days=1), "range", "fiscal-year",
                        absolute=True)
        if name == "month-span":
            if g.get("join") == "and" and not g.get("lead"):
                return None  # "in April and June": two months, not a span ("between April and June" is one)
            if g.get("join") is None and text[m.start("m2") - 1] == "/" and not g.get("year"):
                return None  # "March/April" without a year: either month, not a span
            m1, m2 = _MONTH_NUMBER[g["m1"].rstrip(".")], _MONTH_NUMBER[g["m2"].rstrip(".")]
            if m1 == m2:
                return None
            if g.get("fy"):  # "the July-March period of FY24": a fiscal year is named by the year it ends in
                end = g.get("fy2") or g["fy"]
                y2 = int(end) if len(end) == 4 else int((g["fy"] if len(g["fy"]) == 4 else "20")[:2] + end)
                if m1 < m2:
                    return None  # "October-December of fiscal 2025": which calendar year depends on when it begins
                y1 = y2 - 1
            elif g.get("year") or g.get("which"):
                y2 = int(g["year"]) if g.get("year") else dateline.year + {"last": -1, "this": 0, "next": 1}[g["which"]]
                y1 = y2 if m1 < m2 else y2 - 1
            elif m1 < m2:
                # the clause's tense decides between this year's span and another: ahead, one not yet over
                # ("will publish figures for January to March" in March); past, one already begun
                # ("were late between October and December" in March is last year's)
                y1 = y2 = dateline.year
                if _future(doc, s):
                    if _month_end(y2, m2) < dateline:
                        y1 = y2 = y2 + 1
                elif _dt.date(y1, m1, 1) > dateline and (
                        (_dt.date(y1, m1, 15) - dateline).days > _SAME_YEAR_DAYS or _past(doc, s)):
                    y1 = y2 = y1 - 1
            else:  # "July-March": across a new year, which its last month places
                y2 = _nearest_year(m2, None, dateline, _future(doc, s))
                y1 = y2 - 1
            first = _month_parts(y1, m1, g["p1"].lower())[0] if g.get("p1") else _dt.date(y1, m1, 1)
            last = _month_parts(y2, m2, g["p2"].lower())[1] if g.get("p2") else _month_end(y2, m2)
            return _Hit(s, e, first, last, "range", "month-span", relative=not g.get("year"), absolute=True,
                        approximate=bool(g.get("p1") or g.get("p2")))
        if name == "following":
            unit = (g.get("unit3") or "day").lower()
            sign = -1 if (g.get("dir") or g.get("dir2") or "").lower() in ("previous", "preceding", "before") else 1
            # placed by _placed, from the last date named; left out when there is none
            return _Hit(s, e, dateline, dateline, "point", "following", relative=True, follow=(unit, sign))
        if name == "season":
            return _season(m, g, doc, dateline)
        if name == "weekend":
            monday = _week_start(dateline)
            if _future(doc, s, schedule=True):
                saturday = dateline + _dt.timedelta(days=(5 - dateline.weekday()) % 7)
            else:
                saturday = monday + _dt.timedelta(days=5) if dateline.weekday() >= 5 else monday - _dt.timedelta(days=2)
            return _Hit(s, e, saturday, saturday + _dt.timedelta(days=1), "range", "weekend", relative=True)
        if name == "month-year":
            month = _MONTH_NUMBER[g["month"].rstrip(".")]
            which = g.get("which")  # "March last year", "October next year"
            year = dateline.year + {"last": -1, "this": 0, "next": 1}[which] if which else int(g["year"])
            return _Hit(s, e, _dt.date(year, month, 1), _month_end(year, month), "range", "month-year",
                        relative=bool(which), absolute=True)
        if name == "month":
            mod = g["mod"].lower()
            month = _MONTHS[g["month"]]
            if mod == "last":
                year = dateline.year if month < dateline.month else dateline.year - 1
            elif mod == "next":
                year = dateline.year if month > dateline.month else dateline.year + 1
            else:
                year = _nearest_year(month, None, dateline, _future(doc, s))
                if year == dateline.year and _dt.date(year, month, 1) > dateline and mod != "by" and _past(doc, s):
                    year -= 1  # "flattened crops in October" in a story of February: last October
            part = mod if mod in ("early", "late") else None
            a, b = _month_parts(year, month, part)
            if mod in ("in", "during", "since", "until", "by", "from"):
                s = m.start("month")  # a preposition is added back as a prefix, as for every other date
            return _Hit(s, e, a, b, "range", "part-of-month" if part else "month", relative=True,
                        approximate=bool(part), absolute=True)
        if name == "decade":
            if g.get("decade"):
                start_year = int(g["decade"])
            else:
                yy = int(g["yy"])
                century = dateline.year // 100 * 100
                start_year = century + yy if century + yy <= dateline.year else century - 100 + yy
            part = g.get("part")
            cuts = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part.lower() if part else None]
            return _Hit(s, e, _dt.date(start_year + cuts[0], 1, 1), _dt.date(start_year + cuts[1], 12, 31),
                        "range", "decade", relative=bool(g.get("yy")), approximate=bool(part), absolute=True)
        if name == "century":
            n = int(g["n"])
            if not 1 <= n <= 22:
                return None
            first, last = (n - 1) * 100 + 1, n * 100
            part = g.get("part")
            if part:
                cut = {"early": (0, 32), "mid": (33, 66), "late": (67, 99)}[part.lower()]
                first, last = first + cut[0], first + cut[1]
            return _Hit(s, e, _dt.date(first, 1, 1), _dt.date(last, 12, 31), "range", "century",
                        approximate=bool(part), absolute=True)
        if name == "part-year":
            year = int(g["year"])
            a, b = _year_parts(year, g["part"])
            return _Hit(s, e, a, b, "range", "part-of-year", approximate=True, absolute=True)
        if name == "year-range":
            y1, y2 = int(g["y1"]), g["y2"] or g["y2s"]
            y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
            if y2 <= y1 or _NOT_YEAR_AFTER.match(text, e):
                return None
            return _Hit(s, e, _dt.date(y1, 1, 1), _dt.date(y2, 12, 31), "range", "year-range", absolute=True)
        if name == "year":
            year = int(g["year"])
            if (_NOT_YEAR_AFTER.match(text, e) or _LABEL_BEFORE.search(text, max(0, s - 16), s)
                    or _AMOUNT_BEFORE.search(text, max(0, s - 24), s)):
                return None
            return _Hit(s, e, _dt.date(year, 1, 1), _dt.date(year, 12, 31), "range", "year", absolute=True)
        if name == "weekday":
            return _weekday(m, g, doc, dateline)
        if name == "holiday":
            return _holiday(m, g, doc, dateline)
        if name == "relative-day":
            word = " ".join(m.group(0).lower().split())
            offset, rule = {
                "yesterday": (-1, "day-before-dateline"), "last night": (-1, "day-before-dateline"),
                "tomorrow": (1, "day-after-dateline"),
                "the day before yesterday": (-2, "two-days-before-dateline"),
                "the day after tomorrow": (2, "two-days-after-dateline"),
            }.get(word, (0, "dateline-day"))
            when = dateline + _dt.timedelta(days=offset)
            return _Hit(s, e, when, when, "point", rule, relative=True)
        if name == "period":
            return _period(m, g, dateline, text)
        if name == "duration":
            return _duration(m, g, doc, dateline)
    except ValueError:  # 30 February, 2021-02-30, year 0: not a date
        if name in _IMPOSSIBLE_BLOCKS:  # and no part of it ("February 2021") is one either
            return _Hit(s, e, dateline, dateline, _IMPOSSIBLE, _IMPOSSIBLE)
        return None
    except OverflowError:  # a shift past year 9999
        return None
    raise AssertionError(name)  # pragma: no cover


#: (document, starts, ends) of every future cue in the last document looked at.
_CUES: tuple[Any, list[int], list[int]] = (None, [], [])

#: Words that put a clause in the future (or the future seen from the past:
#: "said it would ... by Monday"), and present-tense verbs of a schedule
#: ("the election starts on Sunday", "Greece holds a vote on Sunday").
_FUTURE_WORDS = frozenset("""
will won't shall 'll ’ll would could may might should due scheduled planned plans plan expected expects expect
forecast forecasts set next upcoming coming possible likely potential starts begins opens closes ends resumes
expires holds meets
runs kicks reopens start begin open resume reopen meet
visit visits host hosts face faces play plays
""".split())
#: verbs of asking before "to": "asked to cut", "urged to stay home", "ordered to leave"
_REQUEST_VERBS = frozenset("asked urged told ordered advised warned requested instructed encouraged called "
                           "asking urging telling ordering advising".split())
_PLURAL_PRESENT = frozenset("start begin open resume reopen meet visit host face play".split())
#: present-tense verbs of a schedule: they put a weekday ahead, not a dated day in the next year
_PRESENT_SCHEDULE = frozenset("starts begins opens closes ends resumes expires holds meets runs kicks reopens "
                              "start begin open resume reopen meet visit visits host hosts face faces play plays".split())
_WAS_DUE = frozenset("due expected scheduled planned set".split())
#: Past forms that mark a clause as past (regular "-ed" forms count too).
_PAST_WORDS = frozenset("""
said told was were had did came went began fell rose struck held met took left made saw found won lost
fled flew gave got wrote spoke broke drove ran sank stood led brought bought sold paid sent spent thought
knew grew became
""".split())
#: "-ed" words that are no verbs of the past here: future cues or adjectives of news copy.
_NOT_PAST_ED = frozenset("expected scheduled planned proposed needed hundred red displaced injured armed "
                         "based united related detailed limited".split())
_CLAUSE_BREAK = re.compile(r"[;:“”\"—–()]|,\s|\s-\s")
_CLAUSE_WORD = re.compile(r"[A-Za-z’']+")
#: a deadline ahead: "by Monday", "until at least Saturday", "by noon Friday", "no later than Friday"
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until|till|no\s+later\s+than|until\s+at\s+least|at\s+least|starting|"
                              r"beginning|effective)\s+"
                              r"(?:(?:noon|midnight|dawn|the\s+end\s+of)\s+)?(?:on\s+)?$", re.I)
_PERFECT = re.compile(r"\bhad\b", re.I)
#: modals of the future: an "-ed" word after one in its clause is an adjective ("will get piped water")
_MODALS = frozenset("will shall won't 'll ’ll".split())
#: words that may stand before an expression that still leads its clause ("On Friday", "and by next week")
_LEADING_WORDS = frozenset("on in at by from since until till the last next this early late mid and but then so "
                           "or until before after during".split())
#: "has been shut for two weeks": a perfect tense, so a "for" length runs up to the dateline
_HAS = re.compile(r"\b(?:has|have|’ve|'ve|had)\b", re.I)
#: "to freeze prices for 60 days", "lets towns freeze rents for 90 days": a measure that runs from now
_FROM_NOW = re.compile(r"\bto\s+(?!the\b|a\b|an\b|\d)[a-z]+\b|\b(?:lets|allows|allow|permits|extends|extended|applies|"
                       r"lasts|valid|effective)\b", re.I)


def _clause_before(doc: _text.Document, offset: int) -> str:
    """The text of the clause holding ``offset``, from the clause's start up to ``offset`` (within the sentence)."""
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return ""
    before = doc.text[max(sentence.start, offset - _TENSE_WINDOW):offset]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end():] if breaks else before
_TENSE_WINDOW = 240


def _word_tense(words: list[str], i: int) -> str:
    """'future', 'past' or '' for ``words[i]`` (a passive participle after "be" is no cue: "will be held")."""
    word = words[i]
    w = word.lower()
    if w == "to" and i and words[i - 1].lower() in _REQUEST_VERBS:
        return "future"  # "have been asked to cut their use on Friday": a request looks ahead
    if w == "expected" and i and words[i - 1].lower() in ("than", "as"):
        return ""  # "grew more slowly than expected in the third quarter": no look ahead
    if w in _FUTURE_WORDS:
        if w == "set" and (i + 1 >= len(words) or words[i + 1].lower() != "to"):
            return ""  # "set to" looks ahead; "set up", "set fire" do not
        if word == "May":
            return ""  # the month
        if w in _PLURAL_PRESENT and i and words[i - 1].lower() in ("the", "a", "an", "its", "their", "to", "his", "her",
                                                                   "our", "my", "this", "that", "first", "state"):
            return ""  # "the start of", "to open": a noun or an infinitive
        if w in _WAS_DUE and any(x.lower() in ("had", "was", "were") for x in words[max(0, i - 2):i]):
            return "past"  # "had been due on January 8", "was expected on Friday"
        if w in _PRESENT_SCHEDULE:
            return "present"
        return "future"
    past = w in _PAST_WORDS or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED)
    if past and w not in ("was", "were", "had", "did"):
        if any(x.lower() in ("be", "been", "being") for x in words[max(0, i - 2):i]):
            return ""
    return "past" if past else ""


def _tense(doc: _text.Document, offset: int) -> str:
    """The tense of the clause holding ``offset``: ``"future"``, ``"past"``, ``"present"`` (a schedule: "starts", "holds") or ``""``.

    The nearest tense cue *before* the expression in its own clause decides
    ("the alliance said on Thursday" is past even after "will keep ... , ");
    with none before it, the first cue after it in the clause or the next one
    ("On Friday, ministers will meet").  A deadline ("by Monday", "until at
    least Saturday") looks ahead unless the clause is in a perfect tense
    ("had fled by Monday").  The search stays within the sentence and a
    fixed window around ``offset``, so it costs the same in any sentence.

    Examples
    --------
    >>> doc = _text.split_article("Head\\n\\nOil output will stay low, the group said on Thursday. Talks start on Friday.")
    >>> _tense(doc, doc.text.index("Thursday")), _tense(doc, doc.text.index("Friday"))
    ('past', 'present')
    """
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return ""
    text = doc.text
    lo = max(sentence.start, offset - _TENSE_WINDOW)
    hi = min(sentence.start + len(sentence.text), offset + _TENSE_WINDOW)
    before = text[lo:offset]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    if _DEADLINE_BEFORE.search(clause[-40:]):  # "by Monday": ahead, unless "had" (before it or in the next clauses)
        return "past" if _PERFECT.search(clause) or _PERFECT.search(text, offset, hi) else "future"
    words = _CLAUSE_WORD.findall(clause)
    found = ""
    for i in range(len(words) - 1, -1, -1):
        t = _word_tense(words, i)
        if t == "past" and words[i].lower() not in _PAST_WORDS and any(w.lower() in _MODALS for w in words[:i]):
            continue  # "will get piped water from Monday": an "-ed" word after "will" is no verb of the past
        if t == "present":  # "will resume on 15 January": a modal before it still decides
            found = found or t
        elif t:
            return "future" if found and t == "future" else (found or t)
    if found:
        return found
    after = text[offset:hi]
    cut = [m.start() for m in _CLAUSE_BREAK.finditer(after)]
    # only an expression that leads its clause ("On Friday, ministers will meet") takes the tense of the
    # clause after it; "inflation, already 9% in April, could climb" keeps April in its own clause
    leads = all(w.lower() in _LEADING_WORDS for w in words)
    after = after[:cut[1 if leads else 0]] if len(cut) > (1 if leads else 0) else after
    words = _CLAUSE_WORD.findall(after)
    for i in range(len(words)):
        t = _word_tense(words, i)
        if t:
            return t
    return ""


def _future(doc: _text.Document, offset: int, schedule: bool = False) -> bool:
    """Whether the expression at ``offset`` looks ahead: its clause's tense (:func:`_tense`) is future.

    With no cue in its clause, a future cue ("will", "next", "due to")
    earlier in the sentence decides, as before clauses were read on their own.
    The cues are found once per document and looked up by bisection:
    searching the sentence up to every date made a long sentence packed with
    dates quadratic.
    """
    tense = _tense(doc, offset)
    if tense:
        return tense == "future" or (schedule and tense == "present")
    global _CUES
    sentence = doc.sentence_at(offset)
    if sentence is None:
        return False
    cached = _CUES
    if cached[0] is not doc:
        found = list(_FUTURE_CUE.finditer(doc.text))
        cached = _CUES = (doc, [m.start() for m in found], [m.end() for m in found])
    _, starts, ends = cached
    i = bisect_left(starts, sentence.start)  # the first cue in the sentence (cues do not overlap)
    return i < len(starts) and ends[i] <= offset


def _past(doc: _text.Document, offset: int) -> bool:
    """Whether the clause holding ``offset`` is in the past (:func:`_tense`)."""
    return _tense(doc, offset) == "past"


def _easter(year: int) -> _dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
                   "valentine's day": (2, 14)}
_EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}


def _holiday(m: re.Match, g: dict, doc: _text.Document, dateline: _dt.date) -> _Hit:
    name = " ".join(g["name"].lower().replace("’", "'").split())
    mod = (g.get("mod") or "").lower()

    def on(year: int) -> _dt.date:
        if name in _FIXED_HOLIDAYS:
            return _dt.date(year, *_FIXED_HOLIDAYS[name])
        return _easter(year) + _dt.timedelta(days=_EASTER_OFFSETS[name])

    year = dateline.year
    if mod == "last":
        year = year if on(year) < dateline else year - 1
    elif mod == "next":
        year = year if on(year) > dateline else year + 1
    elif _future(doc, m.start()) and on(year) < dateline:
        year += 1
    elif not _future(doc, m.start()) and (on(year) - dateline).days > _SAME_YEAR_DAYS:
        year -= 1
    when = on(year)
    return _Hit(m.start(), m.end(), when, when, "point", "holiday", relative=True, absolute=True)


#: Countries and cities of the southern hemisphere: a story whose first paragraph names one has its seasons reversed.
_SOUTH = re.compile(
    r"\b(?:Australian?|New\s+Zealand(?:er)?|Argentin(?:a|e|ian)|Chile(?:an)?|Uruguay(?:an)?|Paraguay(?:an)?|"
    r"South\s+Africa(?:n)?|Namibian?|Botswana|Zimbabwe(?:an)?|Zambian?|Mozambican?|Mozambique|Madagascar|Lesotho|"
    r"Eswatini|Swaziland|Malawian?|Bolivian?|Peruvian|Peru|Brazilian|Brazil|Fiji(?:an)?|Samoan?|Tongan?|Vanuatu|"
    r"Mauritius|Angolan?|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Hobart|Auckland|Wellington|Christchurch|"
    r"Buenos\s+Aires|Santiago|Montevideo|Asunción|Asuncion|Johannesburg|Cape\s+Town|Durban|Pretoria|Harare|Lusaka|"
    r"Queensland(?:ers?)?|New\s+South\s+Wales|Tasmanian?|Victorians|Maputo|São\s+Paulo|Sao\s+Paulo|Rio\s+de\s+Janeiro|Brasília|Brasilia|Lima|La\s+Paz|Windhoek|Gaborone|Suva)\b", re.I)
#: The first month of each season, north and south.
_SEASON_START = {"spring": (3, 9), "summer": (6, 12), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 6)}


#: The month a government's fiscal year begins in, by the country (or a city of it) a story names.
_FISCAL_STARTS = (
    (re.compile(r"\b(?:India|Indian|New\s+Delhi|Delhi|Mumbai|Kolkata|Chennai|Bengaluru|Hyderabad|Japan|Japanese|Tokyo|"
                r"Britain|British|United\s+Kingdom|UK|London|Canada|Canadian|Ottawa|Hong\s+Kong|Singapore|"
                r"South\s+Africa|South\s+African|Pretoria|Johannesburg)\b", re.I), 4),
    (re.compile(r"\b(?:Pakistan|Pakistani|Islamabad|Karachi|Lahore|Bangladesh|Bangladeshi|Dhaka|Kenya|Kenyan|Nairobi|"
                r"Uganda|Ugandan|Kampala|Tanzania|Tanzanian|Dodoma|Australia|Australian|Canberra|Sydney|Melbourne|"
                r"New\s+Zealand|Wellington|Egypt|Egyptian|Cairo)\b", re.I), 7),
    (re.compile(r"\b(?:United\s+States|U\.S\.|Washington|Thailand|Thai|Bangkok)\b", re.I), 10),
)


def _fiscal_start(doc: _text.Document) -> int | None:
    """The first month of a government fiscal year in the country of the story, or None when that is not one country.

    The country is read from the first three paragraphs (headline, dateline
    or byline, lede), as for seasons: India, Japan, the UK, Canada, Hong Kong,
    Singapore and South Africa begin theirs in April; Pakistan, Bangladesh,
    Kenya, Uganda, Tanzania, Australia, New Zealand and Egypt in July; the
    United States and Thailand in October.  A company's fiscal year may begin
    in any month; the row is approximate.

    >>> _fiscal_start(_text.split_article("Budget\\n\\nNAIROBI, Kenya - MPs met."))
    7
    >>> _fiscal_start(_text.split_article("Trade\\n\\nIndia and Pakistan met.")) is None
    True
    """
    head = "\n\n".join(doc.text.split("\n\n", 3)[:3])
    months = {month for rx, month in _FISCAL_STARTS if rx.search(head)}
    return months.pop() if len(months) == 1 else None


def _southern(doc: _text.Document) -> bool:
    """Whether the story's first three paragraphs (headline, dateline or byline, lede) name a place in the southern hemisphere.

    >>> _southern(_text.split_article("Heat\\n\\nMELBOURNE (AAP) - It was hot."))
    True
    >>> _southern(_text.split_article("Heat\\n\\nLONDON (PA) - It was hot."))
    False
    """
    paragraphs = doc.text.split("\n\n", 3)
    return _SOUTH.search("\n\n".join(paragraphs[:3])) is not None


def _season(m: re.Match, g: dict, doc: _text.Document, dateline: _dt.date) -> _Hit | None:
    """A season as a range of three months (see the rule ``season``)."""
    season = g["season"].lower()
    mod = " ".join((g.get("mod") or "").lower().split())
    if not (mod or g.get("prep") or g.get("year")):
        return None  # a bare "summer" names no particular one
    if season == "fall" and not (mod in ("last", "this", "next", "this past", "this coming") or g.get("year")
                                 or re.match(r"[Ii]n\s+the\s", m.group(0))):
        return None  # "fall" is a verb and a noun far more often than a season
    month = _SEASON_START[season][1 if _southern(doc) else 0]

    def at(year: int) -> tuple[_dt.date, _dt.date]:
        first = _dt.date(year, month, 1)
        return first, _month_end(_add_months(first, 2).year, _add_months(first, 2).month)

    if g.get("year"):
        year = int(g["year"])
        first, last = at(year if month != 12 else year - 1)  # "the winter of 2021" in the north: Dec 2020-Feb 2021
    else:
        y = dateline.year
        instances = [at(y - 2), at(y - 1), at(y), at(y + 1)]
        over = [x for x in instances if x[1] < dateline]
        begun = [x for x in instances if x[0] <= dateline]
        ahead = [x for x in instances if x[0] > dateline]
        if mod in ("last", "this past"):
            first, last = over[-1]
        elif mod in ("next", "this coming"):
            first, last = ahead[0]
        elif mod == "this":
            around = [x for x in instances if x[0] <= dateline <= x[1]]
            first, last = around[0] if around else next(x for x in instances if x[0].year == y)
        elif _future(doc, m.start()) or (g.get("prep") or "").lower() == "for":  # "stocked up for the winter": ahead
            around = [x for x in instances if x[0] <= dateline <= x[1]]
            first, last = around[0] if around else ahead[0]
        else:
            first, last = begun[-1]
    edge = {"start": "early", "beginning": "early", "middle": "mid", "end": "late"}.get((g.get("edge") or "").lower(), "")
    part = (g.get("part") or edge or (mod if mod in ("early", "mid", "late") else "")).lower()
    if part:
        k = {"early": 0, "mid": 1, "late": 2}[part]
        first = _add_months(first, k)
        last = _month_end(first.year, first.month)
    s = m.start()
    if g.get("prep"):
        s = m.start()
        lead = re.match(r"\w+\s+", m.group(0))
        if lead and lead.group(0).strip().lower() in ("in", "during", "since"):
            s = m.start() + lead.end()  # a preposition is added back as a prefix, as for every other date
    return _Hit(s, m.end(), first, last, "range", "season", relative=not g.get("year"), approximate=True,
                absolute=True)


def _weekday(m: re.Match, g: dict, doc: _text.Document, dateline: _dt.date) -> _Hit | None:
    text = doc.text
    mod = " ".join((g.get("mod") or "").lower().split())
    after = text[m.end():m.end() + 30]
    # "Sunday Times", "Good Friday": a weekday inside a name, not a date
    if not mod and not g.get("tod") and re.match(r"\s+[A-Z][a-z]", after) and not re.match(
            r"\s+(?:" + "|".join(_MONTHS) + r")\b", after):
        before = text[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:on|since|by|until|from|before|after)\s+$", before, re.I):
            return None
    target = _WEEKDAYS[g["wd"]]
    if g.get("which"):  # "on Tuesday last week", "Monday next week": that day of that calendar week
        monday = _week_start(dateline) + _dt.timedelta(days=7 * {"last": -1, "this": 0, "next": 1}[g["which"]])
        when = monday + _dt.timedelta(days=target)
        return _Hit(m.start(), m.end(), when, when, "point", "weekday-of-week", relative=True)
    future = mod in ("next", "this coming") or (mod not in ("last", "this past") and _future(doc, m.start(), schedule=True))
    if future:
        ahead = (target - dateline.weekday()) % 7 or 7
        when = dateline + _dt.timedelta(days=ahead)
        rule = "weekday-after-dateline"
    else:
        back = (dateline.weekday() - target) % 7
        if mod in ("last", "this past") and back == 0:
            back = 7
        when = dateline - _dt.timedelta(days=back)
        rule = "weekday-before-dateline"
    end = m.end()
    if text[m.end("wd"):m.end("wd") + 2] in ("'s", "’s") and not g.get("tod"):
        end = m.end("wd")  # "Sunday's vote": the surface is the weekday
    return _Hit(m.start(), end, when, when, "point", rule, relative=True)


_WEEK_PART = re.compile(r"\b(early|mid|late)[-\s]+$", re.I)


def _period(m: re.Match, g: dict, dateline: _dt.date, text: str = "") -> _Hit | None:
    mod = " ".join(g["mod"].lower().split())
    unit = g["unit"].lower()
    s, e = m.start(), m.end()
    wpart = _WEEK_PART.search(text, max(0, s - 8), s) if unit == "week" and mod in ("last", "this", "next") else None
    if wpart:  # "late last week": Thursday to Sunday of it (early Monday-Wednesday, mid Tuesday-Thursday)
        monday = _week_start(dateline) + _dt.timedelta(days=7 * {"last": -1, "this": 0, "next": 1}[mod])
        a, b = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[wpart.group(1).lower()]
        return _Hit(wpart.start(), e, monday + _dt.timedelta(days=a), monday + _dt.timedelta(days=b), "range",
                    "part-of-week", relative=True, approximate=True)
    if mod in ("the next", "the coming") and unit != "weekend":
        last = _shift(dateline, 1, unit, 1)
        return _Hit(s, e, dateline, last, "duration", "duration-ahead", relative=True, days=(last - dateline).days,
                    duration=(1, unit, False))
    if mod in ("the past", "the previous", "the last") and unit != "weekend":
        first = _shift(dateline, 1, unit, -1)
        return _Hit(s, e, first, dateline, "range", "past-period", relative=True,
                    previous=unit if mod == "the previous" and unit in ("week", "month", "year") else "")
    step = {"this": 0, "earlier this": 0, "later this": 0, "last": -1, "next": 1}[mod]
    if unit in ("week", "weekend"):
        monday = _week_start(dateline) + _dt.timedelta(days=7 * step)
        first, last = monday, monday + _dt.timedelta(days=6)
        if unit == "weekend":
            first = monday + _dt.timedelta(days=5)
    elif unit == "month":
        first = _add_months(dateline.replace(day=1), step)
        last = _month_end(first.year, first.month)
    elif unit == "year":
        first, last = _dt.date(dateline.year + step, 1, 1), _dt.date(dateline.year + step, 12, 31)
    else:  # decade
        start_year = dateline.year // 10 * 10 + 10 * step
        first, last = _dt.date(start_year, 1, 1), _dt.date(start_year + 9, 12, 31)
    rule = "calendar-period"
    if mod == "earlier this":
        last, rule = min(last, dateline), "earlier-this-period"
    elif mod == "later this":
        first, rule = max(first, dateline), "later-this-period"
    return _Hit(s, e, first, last, "range", rule, relative=True)


_SUPERLATIVE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|worst|best|deadliest|strongest|weakest|heaviest|fastest|slowest|"
    r"first|most|least|longest|shortest|hottest|driest|wettest|coldest|warmest|sharpest|steepest)\b[^,;.]*$", re.I)


#: A penalty before "for" in its clause: the length that follows is a term, not a stretch of the timeline.
_PENALTY = re.compile(r"\b(?:jailed|gaoled|imprisoned|imprisonment|sentenced|banned|barred|disqualified|probation|"
                      r"(?:to|in)\s+(?:prison|jail|gaol))\b", re.I)
#: "has been in prison for two years", "has served": time already spent, which ends on the dateline.
_SERVING = re.compile(r"\b(?:has|have|had)\s+(?:been\s+in|been\s+behind|served|spent)\b", re.I)
_PENALTY_AFTER = re.compile(r"\s+(?:in\s+(?:prison|jail|gaol)|behind\s+bars)\b", re.I)


def _duration(m: re.Match, g: dict, doc: _text.Document, dateline: _dt.date) -> _Hit | None:
    text = doc.text
    num = g["num"].lower()
    if _FREQUENCY_BEFORE.search(text[max(0, m.start() - 12):m.start()]) and not g.get("prep"):
        return None  # "twice a week", "every two weeks": a frequency
    if _is_rate(text, m, g):
        return None  # "$4.5 million a day", "12% a year": a rate
    if re.match(r"\s*(?:old|-old|of age)\b", text[m.end():m.end() + 12]):
        return None  # "20 years old": an age
    value, vague = _number(g["num"])
    if value <= 0 or value > 10000:
        return None
    unit = _UNITS[g["unit"].lower()]
    approx = vague or bool(g.get("hedge"))
    s, e = m.start(), m.end()
    prep = (g.get("prep") or "").lower()
    direction = (g.get("dir") or "").lower()
    ago = " ".join((g.get("ago") or "").lower().split())
    duration = (value, unit, approx)
    if prep in ("", "in", "within", "during") and not ago and re.match(r"\s+of\s", text[e:e + 5]):
        return None  # "two days of shelling", "three days of mourning": how long something lasted, not when
    if ago in ("earlier", "later") and re.match(r"\s+than\b", text[e:e + 6]):
        return None  # "two months earlier than usual": a comparison, not a date
    if not prep and re.search(r"\bof\s+$", text[max(0, s - 4):s]):
        return None  # "a crossing of about two days": the length of something, not a time
    if prep in ("in", "within") and not direction and not ago and _past(doc, s):
        return None  # "lost 400 sheep in two weeks": how long it took, somewhere in the past
    if prep == "in" and not direction and _SUPERLATIVE.search(text[max(0, s - 60):s]):
        return None  # "the worst fighting in more than a year": a comparison, not a date ahead
    if unit == "hour" and direction not in ("past", "last", "previous", "next", "coming"):
        return None  # "24 hours" is on the timeline only as "the past / next 24 hours"
    if ago in ("ago", "earlier"):
        when = _shift(dateline, value, unit, -1)
        return _Hit(s, e, when, when, "point", "duration-ago", relative=True, approximate=approx,
                    offset=(value, unit, -1) if ago == "earlier" else None)
    if direction in ("past", "last", "previous"):  # "in the past two weeks": ending now, whatever the preposition
        first = _shift(dateline, value, unit, -1)
        return _Hit(s, e, first, dateline, "duration", "duration-until-dateline", relative=True, approximate=approx,
                    days=(dateline - first).days, duration=duration)
    if ago in ("from now", "later") or prep in ("in", "within") or direction in ("next", "coming"):
        last = _shift(dateline, value, unit, 1)
        return _Hit(s, e, dateline, last, "duration", "duration-ahead", relative=True, approximate=approx,
                    days=(last - dateline).days, duration=duration, offset=(value, unit, 1) if ago == "later" else None)
    if _EVENT_AFTER.match(text, e) and not direction:
        last = _shift(dateline, value, unit, 1)
        return _Hit(s, e, dateline, last, "duration", "duration-before-event", relative=True, approximate=approx,
                    days=(last - dateline).days, duration=duration)
    if (prep == "for" and not direction and (_PENALTY.search(_clause_before(doc, s)) or _PENALTY_AFTER.match(text, e))
            and not _SERVING.search(_clause_before(doc, s))):
        return None  # "jailed for six years", "banned from driving for nine years": a penalty's length, not a period
    if prep == "for" and not direction:
        clause = _clause_before(doc, s)
        tense = _tense(doc, s)
        if tense == "future" or not _HAS.search(clause):
            if tense == "future" or (tense != "past" and _FROM_NOW.search(clause)):
                last = _shift(dateline, value, unit, 1)  # "could continue for a week", "to freeze prices for 60 days"
                return _Hit(s, e, dateline, last, "duration", "duration-ahead", relative=True, approximate=approx,
                            days=(last - dateline).days, duration=duration)
            if tense == "past":  # placed by _placed: from a date before it in the sentence, or not at all
                first = _shift(dateline, value, unit, -1)
                return _Hit(s, e, first, dateline, "duration", "duration-until-dateline", relative=True,
                            approximate=approx, days=(dateline - first).days, duration=duration, past_for=True)
    first = _shift(dateline, value, unit, -1)
    return _Hit(s, e, first, dateline, "duration", "duration-until-dateline", relative=True, approximate=approx,
                days=(dateline - first).days, duration=duration,
                bare=prep in ("", "over") and not g.get("hedge"))


#: A unit word: every duration has one, so the duration pattern is only tried near one.
_UNIT_WORD = re.compile(r"\b(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b", re.I)
#: Longer than any duration's words before its unit ("within the previous three quarters of a").
_DURATION_LEAD = 100


def _duration_matches(pattern: re.Pattern, text: str):
    """The matches of the duration pattern, as ``pattern.finditer(text)`` gives them, found near unit words.

    Trying the pattern (optional preposition, "the past", hedge, number) at
    every word boundary of a long article took half the time of :func:`find`;
    a unit word is found much faster, and a match must end at one.
    """
    pos = 0
    for u in _UNIT_WORD.finditer(text):
        if u.end() <= pos:
            continue
        for m in pattern.finditer(text, max(pos, u.start() - _DURATION_LEAD), min(len(text), u.end() + 20)):
            if m.end("unit") == u.end():
                yield m
                pos = m.end()
                break


_SEASON_WORD = re.compile(r"\b(?:spring|summer|autumn|fall|winter)\b")


def _season_matches(pattern: re.Pattern, text: str):
    """The matches of the season pattern, tried only near a season word (as :func:`_duration_matches` does for units)."""
    pos = 0
    for w in _SEASON_WORD.finditer(text):
        if w.end() <= pos:
            continue
        for m in pattern.finditer(text, max(pos, w.start() - 40), min(len(text), w.end() + 12)):
            if m.start("season") == w.start():
                yield m
                pos = m.end()
                break


def _candidates(doc: _text.Document, dateline: _dt.date, numeric_order: str) -> list[_Hit]:
    hits = []
    for name, pattern in _PATTERNS:
        found = (_duration_matches(pattern, doc.text) if name == "duration"
                 else _season_matches(pattern, doc.text) if name == "season" else pattern.finditer(doc.text))
        for m in found:
            hit = _resolve_match(name, m, doc, dateline, numeric_order)
            if hit is not None:
                hits.append(hit)
    return hits


def _choose(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, the longest first (so "5 July 2021" beats "July 2021" and "2021")."""
    chosen: list[_Hit] = []
    size = max((h.end for h in hits), default=0)
    taken = bytearray(size)  # 1 where a chosen hit covers the character: linear, not quadratic
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if taken.find(1, hit.start, hit.end) != -1:
            continue
        chosen.append(hit)
        taken[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    return sorted(chosen, key=lambda h: h.start)


def _same_sentence(doc: _text.Document, a: int, b: int) -> bool:
    sa, sb = doc.sentence_at(a), doc.sentence_at(max(a, b - 1))
    return sa is not None and sa == sb


def _with_prefixes(doc: _text.Document, hits: list[_Hit], dateline: _dt.date) -> None:
    for hit in hits:
        if hit.kind == "duration" or hit.rule in ("duration-ago",):
            continue
        m = _PREFIX.search(doc.text, max(0, hit.start - 8), hit.start)
        if not m:
            continue
        hit.start = m.start()
        if m.group("word").lower() == "since" and hit.first <= dateline:
            hit.last, hit.kind, hit.rule, hit.relative = dateline, "range", "since", True


_TIGHT_JOIN = re.compile(r"\s*(?:until|till|til|to|through|thru|and|-|–)\s*", re.I)


#: rules of a date written without its year, which a year leading the sentence can give one
_YEARLESS = frozenset({"day-month", "month", "part-of-month", "day-range", "holiday"})


def _framed_by_a_year(doc: _text.Document, hits: list[_Hit]) -> None:
    """A sentence led by a whole year ("In 2014, ...", "Last year ...") sets the year of its yearless dates.

    "Last year the assembly passed the budget only on July 3" means last
    year's July 3, not this year's; "In 2014, floods peaked on Dec 24" is
    24 December 2014.  Only a year that opens the sentence frames it: a year
    inside it ("the firm, founded in 1998, said on July 3") does not.
    """
    text = doc.text
    frame_sentence, frame_year = None, None
    for h in hits:
        sentence = doc.sentence_at(h.start)
        if sentence is None:
            continue
        if sentence is not frame_sentence and sentence != frame_sentence:
            whole_year = (h.first.month, h.first.day, h.last.month, h.last.day) == (1, 1, 12, 31) and h.first.year == h.last.year
            leads = not text[sentence.start:h.start].strip(" \t\n\"“‘'")
            frame_sentence, frame_year = sentence, (h.first.year if whole_year and leads else None)
            continue
        if frame_year is None or h.rule not in _YEARLESS or not h.relative or h.first.year == frame_year:
            continue
        shift = frame_year - h.first.year
        try:
            first = h.first.replace(year=h.first.year + shift)
            last = h.last.replace(year=h.last.year + shift, day=1)
            last = last.replace(day=min(h.last.day, calendar.monthrange(last.year, last.month)[1]))
        except ValueError:  # 29 February in a year that has none
            continue
        h.first, h.last = first, last


def _spans(doc: _text.Document, hits: list[_Hit], parts: set[int] | None = None) -> list[_Hit]:
    """'from A until ... B' and 'between A and B' spans, added.

    A and B stay listed when words stand between them ("from 1996 until the
    invasion in 2001": the invasion has its own date); in a tight span
    ("between 1960 and 1990", "from 2015 until February 2023") they are only
    the span's ends, and their indexes are put in ``parts`` to be left out.
    """
    text = doc.text
    spans = []
    for i, a in enumerate(hits):
        lead = _SPAN_START.search(text, max(0, a.start - 10), a.start)
        if not lead or a.kind == "duration" or a.rule == "duration-ago":
            continue
        for b in hits[i + 1:i + 3]:
            gap = text[a.end:b.start]
            if b.kind == "duration" or len(gap) > 70 or not _SPAN_JOIN.match(gap + " ") or not _same_sentence(doc, a.start, b.end):
                continue
            if b.last < a.first:
                continue
            spans.append(_Hit(lead.start(), b.end, a.first, b.last, "range", "from-until",
                              relative=a.relative or b.relative, approximate=a.approximate or b.approximate,
                              absolute=True))
            if parts is not None and _TIGHT_JOIN.fullmatch(gap):
                parts.update((i, hits.index(b, i + 1)))
            break
    return spans


def _anchored(doc: _text.Document, hits: list[_Hit]) -> list[_Hit]:
    """'seven weeks before the 31 August deadline': a duration counted from a date in the text."""
    text = doc.text
    out: list[_Hit] = []
    skip = set()
    for i, d in enumerate(hits):
        if i in skip:
            continue
        if d.duration is None or i + 1 >= len(hits):
            out.append(d)
            continue
        a = hits[i + 1]
        join = _ANCHOR_JOIN.match(text[d.end:a.start] if a.start - d.end <= 25 else "")
        if not a.absolute or not join:
            out.append(d)
            continue
        value, unit, approx = d.duration
        direction = " ".join(join.group("dir").lower().split())
        end = a.end
        noun = _ANCHOR_NOUN.match(text, end)
        if noun:
            end = noun.end()
        if direction in ("after", "since"):
            first, last, rule = a.first, _shift(a.first, value, unit, 1), "duration-after-date"
        else:
            first, last, rule = _shift(a.first, value, unit, -1), a.first, "duration-before-date"
        out.append(_Hit(d.start, end, first, last, "duration", rule, relative=a.relative, approximate=approx,
                        days=(last - first).days, duration=d.duration))
        out.append(a)
        skip.add(i + 1)
    return out


def _period_last(unit: str, h: _Hit, dateline: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The calendar week / month / year before the dateline's."""
    if unit == "week":
        monday = _week_start(dateline) - _dt.timedelta(days=7)
        return monday, monday + _dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(dateline.replace(day=1), -1)
        return first, _month_end(first.year, first.month)
    return _dt.date(dateline.year - 1, 1, 1), _dt.date(dateline.year - 1, 12, 31)


def _placed(doc: _text.Document, hits: list[_Hit], dateline: _dt.date) -> list[_Hit]:
    """Hits placed against the text rather than the dateline, and bare lengths dropped.

    * A bare length ("the talks took two weeks") that no date anchored is not
      on the timeline: it is dropped (its number is still a number).
    * "the previous year / month / week" after such a period in the same
      paragraph is the one before that period ("£31m in the year to May 2023,
      down from £48m the previous year"); with none, the calendar one before
      the dateline's ("last year").
    * "two years later", "five days earlier" count from the last date named in
      the same sentence or the one before it, in the same paragraph ("bought the
      club in 2006 and ... two years later" is 2008).
    """
    out: list[_Hit] = []
    for i, h in enumerate(hits):
        if h.bare and h.rule == "duration-until-dateline":
            continue
        paragraph = doc.sentence_at(h.start)
        inside = hits[i + 1] if i + 1 < len(hits) else None
        if (h.duration is not None and h.kind == "duration" and inside is not None and inside.duration is None
                and inside.kind in ("point", "range") and inside.first <= dateline
                and doc.text[h.start:h.start + 4].lower() == "for "
                and _INSIDE_GAP.fullmatch(doc.text, h.end, inside.start)):
            continue  # "had gone without water for three weeks in late June": the time is the one named after it
        if h.past_for and h.duration is not None:
            value, unit, _ = h.duration
            before = next((p for p in reversed(out) if p.duration is None and p.kind in ("point", "range")
                           and p.first <= dateline and doc.sentence_at(p.start) == paragraph), None)
            if before is not None:  # "struck on Tuesday, and aftershocks went on for two days": from Tuesday
                last = _shift(before.first, value, unit, 1)
                h = _Hit(h.start, h.end, before.first, last, "duration", "duration-from-date", relative=before.relative,
                         approximate=h.approximate, days=(last - before.first).days, duration=h.duration)
            elif i + 1 < len(hits) and doc.sentence_at(hits[i + 1].start) == paragraph:
                continue  # "queued for two days last month": the time is the one named after it
        paragraph = doc.sentence_at(h.start)
        if h.follow is not None:
            h = _follow(doc, h, out)
            if h is None:
                continue  # "the following day" with no date before it to count from
        if h.same is not None:
            h = _same_period(doc, h, out, dateline)
            if h is None:
                continue  # "the same period last year" with no period before it: which one is unknown
        if h.year_free:
            _year_named(doc, h, out)
        if h.previous:
            unit = h.previous
            low, high = {"week": (7, 7), "month": (28, 31), "year": (365, 366)}[unit]
            anchor = None
            for prev in reversed(out):
                ps = doc.sentence_at(prev.start)
                if ps is None or paragraph is None or ps.paragraph != paragraph.paragraph:
                    break
                if prev.kind == "range" and low <= (prev.last - prev.first).days + 1 <= high:
                    anchor = prev
                    break
            if anchor is not None:
                h.first, h.last = _shift(anchor.first, 1, unit, -1), anchor.first - _dt.timedelta(days=1)
                h.relative = anchor.relative
            else:  # no such period before it: the calendar one before the dateline's, as "last week"
                h.first, h.last = _period_last(unit, h, dateline)
            h.rule = "previous-period"
        elif h.offset is not None:
            value, unit, sign = h.offset
            for prev in reversed(out):
                ps = doc.sentence_at(prev.start)
                if ps is None or paragraph is None or ps.paragraph != paragraph.paragraph or paragraph.index - ps.index > 1:
                    break
                if prev.duration is not None or not (prev.absolute or prev.kind == "point"):
                    continue
                first, last = _shift(prev.first, value, unit, sign), _shift(prev.last, value, unit, sign)
                kind = "point" if first == last else "range"
                h = _Hit(h.start, h.end, first, last, kind, "duration-after-anchor", relative=prev.relative,
                         approximate=h.approximate, absolute=True)
                break
        out.append(h)
    return out


def _follow(doc: _text.Document, h: _Hit, before: list[_Hit]) -> _Hit | None:
    """"the following day / week / month / year", "the day before": counted from the last date named.

    The date is the last one named in the same paragraph or in the sentence
    before (a single day for a day; any date for a week, month or year); with
    none, there is nothing to count from and the expression is left out.
    """
    unit, sign = h.follow
    here = doc.sentence_at(h.start)
    for prev in reversed(before):
        ps = doc.sentence_at(prev.start)
        if ps is None or here is None or (ps.paragraph != here.paragraph and here.index - ps.index > 1):
            return None
        if prev.duration is not None or prev.rule in ("following", "duration-ago") or not (prev.absolute or prev.kind == "point"):
            continue
        if unit == "day":
            if prev.first != prev.last:
                continue
            when = prev.first + _dt.timedelta(days=sign)
            return _Hit(h.start, h.end, when, when, "point", "following", relative=prev.relative, absolute=True)
        if unit == "week":
            first = _week_start(prev.first) + _dt.timedelta(days=7)
            last = first + _dt.timedelta(days=6)
        elif unit == "month":
            first = _add_months(prev.first.replace(day=1), 1)
            last = _month_end(first.year, first.month)
        else:
            first, last = _dt.date(prev.first.year + 1, 1, 1), _dt.date(prev.first.year + 1, 12, 31)
        return _Hit(h.start, h.end, first, last, "range", "following", relative=prev.relative, absolute=True)
    return None


def _same_period(doc: _text.Document, h: _Hit, before: list[_Hit], dateline: _dt.date) -> _Hit | None:
    """"the same period last year", "the same quarter a year earlier", "the same month of 2023": a date named before, moved.

    The period is the last date named in the same paragraph or in the sentence
    before (not a bare length); it is moved back the years written, or to the
    year written.  With none, "the same month" is the dateline's month and
    anything else is left out.
    """
    unit, how, n = h.same
    here = doc.sentence_at(h.start)
    anchor = None
    for prev in reversed(before):
        ps = doc.sentence_at(prev.start)
        if ps is None or here is None or (ps.paragraph != here.paragraph and here.index - ps.index > 1):
            break
        if prev.duration is not None or prev.rule in ("following", "duration-ago", "same-period") or not (
                prev.absolute or prev.kind == "point") or prev.first > dateline:
            continue
        anchor = prev
        break
    if anchor is None:
        if unit != "month":
            return None
        first, last = dateline.replace(day=1), _month_end(dateline.year, dateline.month)
    else:
        first, last = anchor.first, anchor.last
        if unit == "month":  # the calendar month of the date named ("on Thursday ... the same month last year")
            first, last = last.replace(day=1), _month_end(last.year, last.month)
        elif unit == "quarter" and (last - first).days < 80:  # the calendar quarter it lies in
            q = (last.month - 1) // 3 * 3 + 1
            first, last = _dt.date(last.year, q, 1), _month_end(last.year, q + 2)
        elif unit == "week" and (last - first).days < 6:
            first = _week_start(last)
            last = first + _dt.timedelta(days=6)
    years = n if how == "back" else last.year - n

    def moved(day: _dt.date) -> _dt.date:
        return day.replace(year=day.year - years, day=min(day.day, calendar.monthrange(day.year - years, day.month)[1]))

    return _Hit(h.start, h.end, moved(first), moved(last), "range", "same-period",
                relative=anchor is None or anchor.relative, absolute=True)


def _month_year(doc: _text.Document, s: int, month: int, dateline: _dt.date) -> int:
    """The year of a month written without one ("in late November", "the first half of July").

    As :func:`_nearest_year`, and a month that begins after the dateline in a
    past clause ("storms hit in late November" in a story of March) is last year's.
    """
    if _SINCE_BEFORE.search(doc.text, max(0, s - 8), s):  # "since early June": begun, so not ahead
        return dateline.year if _dt.date(dateline.year, month, 1) <= dateline else dateline.year - 1
    year = _nearest_year(month, None, dateline, _future(doc, s))
    if year == dateline.year and _dt.date(year, month, 1) > dateline and _past(doc, s):
        year -= 1
    return year


def _year_named(doc: _text.Document, h: _Hit, before: list[_Hit]) -> None:
    """Move "the first quarter" to the year named just before it in its paragraph ("Profits fell in 2022. In the first quarter ...").

    Only the nearest date before it counts, and only when it is a whole year
    written out (not one counted from the dateline, such as "on Tuesday").
    """
    here = doc.sentence_at(h.start)
    for prev in reversed(before):
        ps = doc.sentence_at(prev.start)
        if ps is None or here is None or ps.paragraph != here.paragraph:
            return
        if prev.duration is not None:
            continue
        if prev.rule != "year" or prev.relative or prev.first.year == h.first.year:
            return
        shift = prev.first.year - h.first.year
        h.first = h.first.replace(year=h.first.year + shift)
        whole = h.last == _month_end(h.last.year, h.last.month)  # "the first half of August" ends on the 15th
        h.last = _month_end(h.last.year + shift, h.last.month) if whole else h.last.replace(year=h.last.year + shift)
        h.rule = "year-named"
        return


def _in_quote(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a quotation of its paragraph (more opening than closing marks before it)."""
    start = text.rfind("\n\n", max(0, offset - 3000), offset)
    before = text[start + 1 if start >= 0 else max(0, offset - 3000):offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _spoken_today(doc: _text.Document, hits: list[_Hit], dateline: _dt.date) -> None:
    """"Today" inside a quotation is the day the words were spoken, not always the dateline.

    The day is a single day named in the quote's own sentence (outside the
    quotation's "today"), or else the first single day named in the story's
    first paragraph, the day of its news ("The court ruled on Wednesday ...";
    later: "\"Today the river won,\" said ..."); with neither, or with a day
    after the dateline, the dateline.
    """
    text = doc.text
    quoted = [h for h in hits if h.rule == "dateline-day" and _in_quote(text, h.start)]
    if not quoted:
        return
    body = [x for x in doc.sentences if x.index > 0]
    first_paragraph = body[0].paragraph if body else -1
    by_sentence: dict[int, _Hit] = {}  # the first single past day named in each sentence (linear, not per "today")
    in_lede = None
    for o in hits:
        if o.kind != "point" or o.first > dateline or o.rule in ("dateline-day", "duration-ago"):
            continue
        sentence = doc.sentence_at(o.start)
        if sentence is None:
            continue
        by_sentence.setdefault(sentence.index, o)
        if in_lede is None and sentence.paragraph == first_paragraph:
            in_lede = o
    for h in quoted:
        sentence = doc.sentence_at(h.start)
        spoken = by_sentence.get(sentence.index) if sentence is not None else None
        spoken = spoken or in_lede
        if spoken is not None and spoken.first != h.first:
            h.first = h.last = spoken.first
            h.rule = "quote-day"


def _as_date(dateline: Any) -> _dt.date:
    if isinstance(dateline, _dt.datetime):
        return dateline.date()
    if isinstance(dateline, _dt.date):
        return dateline
    if hasattr(dateline, "to_pydatetime"):  # pandas Timestamp
        return dateline.to_pydatetime().date()
    if isinstance(dateline, str):
        try:
            return _dt.date.fromisoformat(dateline.strip())
        except ValueError:
            raise DateError(f"dateline {dateline!r} is not a date written YYYY-MM-DD") from None
    raise DateError(f"the dateline must be a date (datetime.date or 'YYYY-MM-DD'), not {type(dateline).__name__}")


def find(text: str, dateline: Any, numeric_order: str = "auto") -> list[TimeExpression]:
    """Every time expression in ``text``, resolved against ``dateline`` (standard library only).

    Parameters
    ----------
    text : str
        An article (first line the headline) or any passage.
    dateline : datetime.date or str
        The date the story was filed (``"YYYY-MM-DD"`` works too).
    numeric_order : {"auto", "DMY", "MDY"}
        How to read dates in figures such as ``04/05/2021`` (see the module docstring).

    Returns
    -------
    list of TimeExpression
        In text order.

    Raises
    ------
    DateError
        If ``dateline`` is not a date, ``text`` is not a string or
        ``numeric_order`` is not one of the three choices.

    Examples
    --------
    >>> [(r.surface, str(r.start), str(r.end)) for r in find("Rates rose 3.5% in 2018 and fell on 5 July.", "2021-07-17")]
    [('in 2018', '2018-01-01', '2018-12-31'), ('on 5 July', '2021-07-05', '2021-07-05')]
    >>> find("x", "17 July 2021")
    Traceback (most recent call last):
    ...
    newslab.extract.dates.DateError: dateline '17 July 2021' is not a date written YYYY-MM-DD
    """
    day = _as_date(dateline)
    if not isinstance(text, str):
        raise DateError(f"the text must be a string, not {type(text).__name__}")
    if numeric_order not in ("auto", "DMY", "MDY"):
        raise DateError(f"numeric_order must be 'auto', 'DMY' or 'MDY', not {numeric_order!r}")
    doc = _text.split_article(text)
    hits = [h for h in _choose(_candidates(doc, day, numeric_order)) if h.kind != _IMPOSSIBLE]
    _with_prefixes(doc, hits, day)
    _framed_by_a_year(doc, hits)
    hits = _placed(doc, _anchored(doc, hits), day)
    _spoken_today(doc, hits, day)
    parts: set[int] = set()
    spans = _spans(doc, hits, parts)
    hits = sorted([h for i, h in enumerate(hits) if i not in parts] + spans, key=lambda h: (h.start, -h.end))
    rows = []
    for h in hits:
        sentence = doc.sentence_at(h.start)
        rows.append(TimeExpression(
            surface=" ".join(doc.text[h.start:h.end].split()), start=h.first, end=h.last,
            sentence_index=sentence.index if sentence else None, kind=h.kind, relative=h.relative,
            approximate=h.approximate, days=h.days, rule=h.rule, char_start=h.start, char_end=h.end,
            warning=h.warning,
        ))
    return rows


def extract(text: str, dateline: Any, numeric_order: str = "auto") -> "pd.DataFrame":
    """The time expressions of an article as a table, resolved against its dateline.

    Parameters
    ----------
    text : str
        The article: headline on the first line, then paragraphs.
    dateline : datetime.date or str
        When the story was filed (``case.dateline_date``).
    numeric_order : {"auto", "DMY", "MDY"}
        How to read dates in figures such as ``04/05/2021``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COLUMNS`: ``surface, start, end, sentence_index`` first;
        ``start`` and ``end`` are :class:`datetime.date` objects, both inclusive.

    Raises
    ------
    DateError
        As :func:`find`.

    Examples
    --------
    >>> table = extract("Quake hits\\n\\nA quake struck on Tuesday, and aftershocks went on for two days.", "2023-02-09")
    >>> table[["surface", "start", "end", "kind", "rule"]].to_string(index=False)
    '     surface      start        end     kind                    rule\\n  on Tuesday 2023-02-07 2023-02-07    point weekday-before-dateline\\nfor two days 2023-02-07 2023-02-09 duration      duration-from-date'
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    rows = [_row(r) for r in find(text, dateline, numeric_order)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["sentence_index"] = frame["sentence_index"].astype("Int64")
    frame["days"] = frame["days"].astype("Int64")
    frame["relative"] = frame["relative"].astype(bool)
    frame["approximate"] = frame["approximate"].astype(bool)
    frame["char_start"] = frame["char_start"].astype(int)
    frame["char_end"] = frame["char_end"].astype(int)
    return frame


def resolve(phrase: str, dateline: Any) -> tuple[str, _dt.date, _dt.date] | None:
    """Resolve one phrase: ``(surface, start, end)`` of its first (longest) expression, or None.

    Examples
    --------
    >>> resolve("on Sunday", "2021-07-17")
    ('on Sunday', datetime.date(2021, 7, 11), datetime.date(2021, 7, 11))
    >>> resolve("no date here", "2021-07-17") is None
    True
    """
    rows = find(phrase, dateline)
    if not rows:
        return None
    best = max(rows, key=lambda r: (r.char_end - r.char_start, -r.char_start))
    return best.surface, best.start, best.end


def _row(r: TimeExpression) -> dict:
    """``r`` as a dict: its fields are dates, numbers and text, so the deep copy of ``asdict`` is not needed
    (it was a third of :func:`extract`'s time on a long article)."""
    return {f: getattr(r, f) for f in _FIELDS}


def as_records(rows: list[TimeExpression]) -> list[dict]:
    """Rows as dicts with dates as ISO text, for printing or JSON.

    Examples
    --------
    >>> as_records(find("in 2018", "2021-07-17"))[0]["end"]
    '2018-12-31'
    """
    out = []
    for r in rows:
        record = _row(r)
        record["start"], record["end"] = r.start.isoformat(), r.end.isoformat()
        out.append(record)
    return out


def compare_durations(case) -> "pd.DataFrame":
    """Each duration the article states, beside the dated event it counts to.

    For every ``duration`` row of :func:`extract`, look in the case's
    ``events.csv`` for the events whose ``surface`` occurs in the same sentence
    and lie on the duration's side of the dateline (after it for a duration
    counted forward, before it for one that ends on the dateline), and take the
    one whose real distance from the dateline is closest to the stated length.
    A duration counted from a date written in the text ("seven weeks before the
    31 August deadline") is compared with that date instead.

    Only independent evidence counts: an event whose words in the sentence are
    the duration's own words and whose date is the one the resolver gave the
    duration (the row ``newslab new-case`` drafts from the duration itself, by
    the same arithmetic) would always differ by 0, so it is passed over, and so
    is any event still marked ``TO CHECK`` in its note (a date ``new-case``
    guessed: "almost three days" beside a drafted "on Monday" would otherwise
    look confirmed); an event a teacher dated from a source counts, whatever
    its words.  A duration with nothing to compare says so in
    ``note``.

    Parameters
    ----------
    case : Case

    Returns
    -------
    pandas.DataFrame
        ``surface, sentence_index, stated_days, approximate, event, event_date,
        actual_days, difference, note`` (``difference`` is ``actual_days -
        stated_days``); ``event`` and the numbers after it are empty when no
        event matches, and ``note`` then says why.  ``attrs["note"]`` says
        when the whole case has nothing to compare.

    Examples
    --------
    >>> from newslab import load_case
    >>> row = compare_durations(load_case("iran-taliban-2021")).iloc[0]
    >>> row["surface"], row["event"], int(row["difference"])
    ('less than seven weeks', 'US withdrawal deadline', -4)
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    dateline = case.dateline_date
    doc = case.document
    events = case.events
    rows = []
    for r in find(case.text, dateline):
        if r.kind != "duration":
            continue
        event = event_date = actual = None
        note = None
        if r.rule in ("duration-before-date", "duration-after-date"):
            event_date = r.end if r.rule == "duration-before-date" else r.start
            event, actual = "the date in the text", abs((event_date - dateline).days)
        else:
            sent = doc.sentences[r.sentence_index] if r.sentence_index is not None else None
            sentence = sent.text if sent is not None else ""
            forward = r.start >= dateline
            best = None
            drafts = 0
            for _, ev in events.iterrows():
                surface = ev.get("surface")
                if surface is None or pd.isna(surface) or not _text.occurs_in(str(surface), sentence):
                    continue
                if (ev["start"].date() in (r.start, r.end) and sent is not None
                        and _only_inside(str(surface), doc.text, sent.start, sent.start + len(sentence),
                                         r.char_start, r.char_end)):
                    continue  # the duration's own words and date: drafted from it, not independent evidence
                note_text = ev.get("note")
                if note_text is not None and not pd.isna(note_text) and "TO CHECK" in str(note_text):
                    drafts += 1  # a date new-case guessed and nobody has checked is no evidence yet
                    continue
                day = ev["start"].date()
                if (day > dateline) != forward or day == dateline:
                    continue
                gap = abs((day - dateline).days)
                if best is None or abs(gap - r.days) < abs(best[0] - r.days):
                    best = (gap, str(ev["label"]), day)
            if best:
                actual, event, event_date = best
            elif drafts:
                note = ("nothing to compare yet: the events of this sentence in events.csv are new-case's drafts, "
                        "still marked TO CHECK (check their dates against a source, then delete the mark)")
            else:
                note = ("nothing to compare: no event in events.csv, other than one drafted from these words, "
                        "stands in this sentence on the same side of the dateline")
        rows.append({
            "surface": r.surface, "sentence_index": r.sentence_index, "stated_days": r.days,
            "approximate": r.approximate, "event": event, "event_date": event_date, "actual_days": actual,
            "difference": None if actual is None else actual - r.days, "note": note,
        })
    columns = ["surface", "sentence_index", "stated_days", "approximate", "event", "event_date", "actual_days",
               "difference", "note"]
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("sentence_index", "stated_days", "actual_days", "difference"):
        frame[col] = frame[col].astype("Int64")
    if frame.empty:
        frame.attrs["note"] = "nothing to compare: the article states no duration on its timeline"
    elif frame["event"].isna().all():
        frame.attrs["note"] = ("nothing to compare: no duration has an independent dated event in its sentence "
                               "(add the event it counts to in events.csv, with its source)")
    return frame


def _only_inside(surface: str, text: str, lo: int, hi: int, start: int, end: int) -> bool:
    """Whether every occurrence of ``surface`` in ``text[lo:hi]`` overlaps ``[start, end)`` (case and spaces ignored).

    >>> _only_inside("two weeks", "It took two weeks.", 0, 18, 8, 17), _only_inside("vote", "A vote in two weeks.", 0, 20, 10, 19)
    (True, False)
    """
    pattern = re.compile(r"\s+".join(re.escape(w) for w in surface.split()), re.I)
    spans = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    return bool(spans) and all(a < end and start < b for a, b in spans)
