"""Tests for newslab.dates: the time-expression resolver and `newslab dates`.

Every passage here is written for these tests (wire and local news from several
countries, British and American date orders); none is the seed article.
"""

from __future__ import annotations

import datetime as dt
import re
import json
import time

import pytest

from newslab import dates as D
from newslab.tools.cli import main
from newslab.extract.dates import COLUMNS, DateError, compare_durations, extract, find, resolve
from newslab.core.text import split_article

SAT = dt.date(2021, 7, 17)  # a Saturday
WED = dt.date(2023, 3, 8)  # a Wednesday


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def one(text: str, dateline=SAT, **kw):
    """The single expression found in ``text`` as (surface, start, end, kind, rule, approximate)."""
    rows = find(text, dateline, **kw)
    assert len(rows) == 1, [r.surface for r in rows]
    r = rows[0]
    return r.surface, r.start.isoformat(), r.end.isoformat(), r.kind, r.rule, r.approximate


# --------------------------------------------------------------------------- weekdays and days


@pytest.mark.parametrize(
    "text, dateline, expected",
    [
        ("The paper warned on Sunday.", SAT, "2021-07-11"),
        ("The paper warned on Friday.", SAT, "2021-07-16"),
        ("Police said on Saturday that ...", SAT, "2021-07-17"),  # the dateline's own weekday
        ("Voting closed on Monday.", WED, "2023-03-06"),
        ("Voting closed on Thursday.", WED, "2023-03-02"),  # not the next day
        ("The minister resigned last Wednesday.", WED, "2023-03-01"),  # "last" + same weekday: a week back
        ("The board will meet on Tuesday.", WED, "2023-03-14"),  # future cue
        ("The board is due to meet Friday.", WED, "2023-03-10"),
        ("They meet next Monday.", WED, "2023-03-13"),
    ],
)
def test_weekdays_resolve_relative_to_the_dateline(text, dateline, expected):
    rows = find(text, dateline)
    assert len(rows) == 1
    assert rows[0].start == rows[0].end == d(expected)
    assert rows[0].kind == "point" and rows[0].relative


def test_weekday_inside_a_name_is_not_a_date():
    assert [r.surface for r in find("The Sunday Times said on Sunday that it would", SAT)] == ["on Sunday"]
    assert find("The Sunday Times reported it.", SAT) == []


def test_weekday_possessive_and_time_of_day():
    assert one("Sunday's vote was close.")[:3] == ("Sunday", "2021-07-11", "2021-07-11")
    assert one("Shots were heard Friday night.")[:3] == ("Friday night", "2021-07-16", "2021-07-16")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He spoke yesterday.", "2021-07-16"),
        ("Flights resume tomorrow.", "2021-07-18"),
        ("The vote is today.", "2021-07-17"),
        ("Rockets hit last night.", "2021-07-16"),
        ("It happened the day before yesterday.", "2021-07-15"),
        ("Officials said this morning.", "2021-07-17"),
    ],
)
def test_relative_days(text, expected):
    rows = find(text, SAT)
    assert [(r.start, r.end) for r in rows] == [(d(expected), d(expected))]


# --------------------------------------------------------------------------- calendar periods


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Talks stalled this week.", "2021-07-12", "2021-07-18"),  # ISO week, Monday to Sunday
        ("Talks stalled last week.", "2021-07-05", "2021-07-11"),
        ("Talks resume next week.", "2021-07-19", "2021-07-25"),
        ("Prices rose last month.", "2021-06-01", "2021-06-30"),
        ("Prices rose this month.", "2021-07-01", "2021-07-31"),
        ("Prices rose earlier this month.", "2021-07-01", "2021-07-17"),
        ("A vote is due later this year.", "2021-07-17", "2021-12-31"),
        ("Exports fell last year.", "2020-01-01", "2020-12-31"),
        ("Fires spread last weekend.", "2021-07-10", "2021-07-11"),
        ("Cases doubled in the past week.", "2021-07-10", "2021-07-17"),
        ("Cases doubled over the past year.", "2020-07-17", "2021-07-17"),
    ],
)
def test_calendar_periods(text, start, end):
    rows = find(text, SAT)
    assert len(rows) == 1, [r.surface for r in rows]
    assert (rows[0].start, rows[0].end) == (d(start), d(end))
    assert rows[0].kind == "range" and rows[0].relative


def test_last_month_in_january_is_december_of_the_year_before():
    assert one("Sales fell last month.", dt.date(2024, 1, 9))[1:3] == ("2023-12-01", "2023-12-31")
    assert one("Sales fell last month.", dt.date(2024, 3, 31))[1:3] == ("2024-02-01", "2024-02-29")  # leap year


# --------------------------------------------------------------------------- written dates


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The law took effect on 5 July 2020.", ("on 5 July 2020", "2020-07-05")),  # British order
        ("The law took effect on July 5, 2020.", ("on July 5, 2020", "2020-07-05")),  # American order
        ("It opened on the 5th of July 2020.", ("on the 5th of July 2020", "2020-07-05")),
        ("It opened Aug. 31, 2021.", ("Aug. 31, 2021", "2021-08-31")),
        ("It opened Sept. 11, 2001 in New York.", ("Sept. 11, 2001", "2001-09-11")),
        ("Filed Wednesday, 8 March 2023.", ("Wednesday, 8 March 2023", "2023-03-08")),
        ("Records from 2021-07-16 show it.", ("2021-07-16", "2021-07-16")),
    ],
)
def test_full_dates(text, expected):
    surface, start, end, kind, rule, approx = one(text)
    assert (surface, start) == expected and start == end and kind == "point" and not approx


@pytest.mark.parametrize(
    "text, dateline, expected",
    [
        ("The deadline is 31 August.", SAT, "2021-08-31"),
        ("The deadline is August 31.", SAT, "2021-08-31"),
        ("The fire began on 30 December.", dt.date(2024, 1, 3), "2023-12-30"),  # closest: last year
        ("Talks will resume on 4 January.", dt.date(2023, 12, 28), "2024-01-04"),  # a future cue: next year
        ("Talks resumed on 4 January.", dt.date(2023, 12, 28), "2023-01-04"),  # past: this year
    ],
)
def test_day_and_month_without_a_year(text, dateline, expected):
    rows = find(text, dateline)
    assert [r.start for r in rows] == [d(expected)]
    assert rows[0].rule == "day-month" and rows[0].relative


def test_numeric_dates_in_both_orders():
    # 25/12 can only be day-first, 12/25 only month-first
    assert [r.start for r in find("on 25/12/2020 and on 12/25/2020", SAT)] == [d("2020-12-25")] * 2
    amb = find("The hearing is on 04/05/2021.", SAT)[0]
    assert amb.rule == "numeric-date-ambiguous" and amb.approximate
    assert amb.start == d("2021-05-04")  # the reading closest to 17 July 2021
    assert find("on 04/05/2021", SAT, numeric_order="MDY")[0].start == d("2021-04-05")
    assert find("on 04/05/2021", SAT, numeric_order="DMY")[0].start == d("2021-05-04")
    assert find("on 17.07.21", SAT)[0].start == SAT
    assert find("version 3.5.2 and 1.2.3.4", SAT) == []


@pytest.mark.parametrize(
    "text, start, end, approximate",
    [
        ("It rained in mid-July.", "2021-07-11", "2021-07-20", True),
        ("It rained in early July.", "2021-07-01", "2021-07-10", True),
        ("It rained in late June.", "2021-06-21", "2021-06-30", True),
        ("It rained in May 2019.", "2019-05-01", "2019-05-31", False),
        ("It rained in March.", "2021-03-01", "2021-03-31", False),
        ("Sanctions returned in 2018.", "2018-01-01", "2018-12-31", False),
        ("Growth slowed in mid-2022.", "2022-05-01", "2022-08-31", True),
        ("It was built in the 1990s.", "1990-01-01", "1999-12-31", False),
        ("It was built in the early 1990s.", "1990-01-01", "1993-12-31", True),
        ("It was built in the '80s.", "1980-01-01", "1989-12-31", False),
        ("It was built in the 19th century.", "1801-01-01", "1900-12-31", False),
        ("The budget for 2020-21 passed.", "2020-01-01", "2021-12-31", False),
        ("Exports fell between 2008 and 2010.", "2008-01-01", "2010-12-31", False),
    ],
)
def test_periods_written_out(text, start, end, approximate):
    rows = [r for r in find(text, SAT) if r.rule not in ("year",) or len(find(text, SAT)) == 1]
    widest = max(rows, key=lambda r: r.char_end - r.char_start)
    assert (widest.start, widest.end, widest.approximate) == (d(start), d(end), approximate)


def test_may_the_verb_is_not_a_month():
    assert find("Prices may rise. He may go in May.", SAT)[0].surface == "in May"
    assert len(find("Prices may rise. He may go in May.", SAT)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Some 2000 people marched.",
        "The border runs 1500 km.",
        "The road is 2,021 metres long.",
        "It cost $2019 and rose 1998%.",
        "Call 2020-555-0100 now.",
        "Mr. Lee won 3.5 percent at No. 1 Downing St.",
        "The U.S. Army said so.",
        "twice a week",
        "A 20-year-old man and a five-year plan.",
        "He is 40 years old.",
    ],
)
def test_numbers_that_are_not_dates(text):
    assert find(text, SAT) == []


def test_since_runs_to_the_dateline():
    assert one("the lowest level since 2010")[:5] == ("since 2010", "2010-01-01", "2021-07-17", "range", "since")


def test_from_until_span_and_its_parts():
    text = "The Taliban, who ruled from 1996 until the US-led invasion in 2001, are back."
    rows = find(text, SAT)
    assert [(r.surface, r.rule) for r in rows] == [
        ("from 1996 until the US-led invasion in 2001", "from-until"),
        ("1996", "year"),
        ("in 2001", "year"),
    ]
    assert (rows[0].start, rows[0].end, rows[0].kind) == (d("1996-01-01"), d("2001-12-31"), "range")
    assert not rows[0].relative


def test_day_ranges():
    assert one("Polls open 5-9 July.")[1:3] == ("2021-07-05", "2021-07-09")
    assert one("Polls open July 5–9, 2020.")[1:3] == ("2020-07-05", "2020-07-09")
    assert one("Polls open from 5 to 9 July.")[1:3] == ("2021-07-05", "2021-07-09")


# --------------------------------------------------------------------------- durations


def test_duration_before_a_dated_deadline():
    rows = find("Talks end less than seven weeks before the 31 August deadline.", SAT)
    assert [r.surface for r in rows] == ["less than seven weeks before the 31 August deadline", "31 August"]
    r = rows[0]
    assert (r.start, r.end, r.kind, r.rule, r.approximate, r.days) == (
        d("2021-07-13"), d("2021-08-31"), "duration", "duration-before-date", True, 49)


def test_duration_before_an_undated_event_counts_forward():
    r = find("The group holds 85 percent, less than seven weeks before the last troops leave.", SAT)[0]
    assert (r.surface, r.start, r.end, r.rule, r.approximate, r.days) == (
        "less than seven weeks", SAT, d("2021-09-04"), "duration-before-event", True, 49)


@pytest.mark.parametrize(
    "text, start, end, rule, approximate",
    [
        ("Troops left after two decades in the country.", "2001-07-17", "2021-07-17", "duration-until-dateline", False),
        ("It has ruled for nearly two decades.", "2001-07-17", "2021-07-17", "duration-until-dateline", True),
        ("Prices rose over the past three months.", "2021-04-17", "2021-07-17", "duration-until-dateline", False),
        ("A deal is expected within two weeks.", "2021-07-17", "2021-07-31", "duration-ahead", False),
        ("A deal is expected in a few days.", "2021-07-17", "2021-07-20", "duration-ahead", True),
        ("Rates will rise over the next year.", "2021-07-17", "2022-07-17", "duration-ahead", False),
        ("The dam burst 20 years ago.", "2001-07-17", "2001-07-17", "duration-ago", False),
        ("About three weeks ago, talks failed.", "2021-06-26", "2021-06-26", "duration-ago", True),
        ("Thirty-five years ago it opened.", "1986-07-17", "1986-07-17", "duration-ago", False),
    ],
)
def test_durations(text, start, end, rule, approximate):
    rows = find(text, SAT)
    assert len(rows) == 1, [r.surface for r in rows]
    r = rows[0]
    assert (r.start, r.end, r.rule, r.approximate) == (d(start), d(end), rule, approximate)
    if r.kind == "duration":
        assert r.days == (r.end - r.start).days


def test_month_arithmetic_clamps_to_the_end_of_the_month():
    r = find("The rules changed a month ago.", dt.date(2023, 3, 31))[0]
    assert r.start == d("2023-02-28")


# --------------------------------------------------------------------------- the table, offsets, sentences


ARTICLE = (
    "Floods hit Dhaka on Monday\r\n\r\n"
    "DHAKA, Bangladesh (AP) — Floods hit Dhaka on Monday. “It rained for three days. We lost everything,”\r\n"
    "said Mr. Rahman, 52.\r\n\r\n"
    "The last such flood was in 2004. Aid is expected next week, the U.N. said."
)


def test_extract_table_columns_types_and_sentence_indices():
    table = extract(ARTICLE, dt.date(2024, 6, 12))
    assert list(table.columns) == list(COLUMNS)
    assert list(table.columns[:4]) == ["surface", "start", "end", "sentence_index"]
    assert table["surface"].tolist() == ["on Monday", "on Monday", "for three days", "in 2004", "next week"]
    assert all(isinstance(v, dt.date) for v in [*table["start"], *table["end"]])
    doc = split_article(ARTICLE)
    for _, row in table.iterrows():
        assert doc.sentence_at(row["char_start"]).index == row["sentence_index"]
        assert " ".join(doc.text[row["char_start"]:row["char_end"]].split()) == row["surface"]
    assert table["sentence_index"].tolist() == [0, 1, 2, 4, 5]
    assert (table["start"] <= table["end"]).all()
    points = table[table["kind"] == "point"]
    assert (points["start"] == points["end"]).all()


def test_extract_empty_and_headline_only():
    assert extract("", SAT).empty and list(extract("", SAT).columns) == list(COLUMNS)
    assert extract("Nothing dated here", SAT).empty


@pytest.mark.parametrize("bad", ["17 July 2021", "2021-02-30", 20210717, None])
def test_bad_dateline_raises_the_documented_error(bad):
    with pytest.raises(DateError):
        find("on Sunday", bad)


def test_bad_text_and_order():
    with pytest.raises(DateError):
        find(b"on Sunday", SAT)
    with pytest.raises(DateError):
        find("on Sunday", SAT, numeric_order="YMD")


def test_dateline_accepts_datetime_and_iso_text():
    assert find("on Sunday", dt.datetime(2021, 7, 17, 9, 30))[0].start == d("2021-07-11")
    assert find("on Sunday", "2021-07-17")[0].start == d("2021-07-11")


def test_resolve_one_phrase():
    assert resolve("from 1996 until 2001", SAT) == ("from 1996 until 2001", d("1996-01-01"), d("2001-12-31"))
    assert resolve("nothing", SAT) is None


def test_every_rule_is_explained():
    text = ("on Sunday, yesterday, tomorrow, this week, last month, 5 July, July 2020, mid-July, in 2018, "
            "the 1990s, since 2010, from 1996 until 2001, two decades, three weeks ago, within a year, 04/05/2021")
    for r in find(text, SAT):
        assert r.rule in D.RULES


def test_large_text_is_fast():
    text = "Headline\n\n" + ("Talks failed on Sunday, two weeks after the 5 July vote, and resume next week. " * 3000)
    start = time.process_time()
    rows = find(text, SAT)
    assert time.process_time() - start < 3
    assert len(rows) == 4 * 3000
    assert [r.rule for r in rows[:4]] == ["weekday-before-dateline", "duration-after-date", "day-month", "calendar-period"]


def test_compare_durations_on_a_case(case_dir):
    from newslab import load_case

    (case_dir / "article.txt").write_text(
        "Dam talks\n\nEngineers have less than three weeks before the 12 December deadline, "
        "after nearly a decade of work on the dam.\n", encoding="utf-8")
    (case_dir / "events.csv").write_text(
        "id,start,end,label,surface,source_id,note\n"
        "works-begin,2013-03-01,,Works begin,a decade of work,dgi,\n"
        "deadline,2022-12-12,,Deadline,12 December,dgi,\n", encoding="utf-8")
    (case_dir / "voices.csv").write_text("id,speaker,kind,verb,mode,text,sentence,description,source_id\n", encoding="utf-8")
    (case_dir / "claims.csv").write_text("id,surface,value,unit,kind,qualifier,speaker,ref_value,ref_unit,source_id,note\n",
                                         encoding="utf-8")
    (case_dir / "places.csv").write_text("name,lat,lon,kind,country,geonames_id,in_article,aliases,source_id,note\n"
                                         "Mendoza,-32.89,-68.83,city,ARG,,no,,dgi,\n", encoding="utf-8")
    case = load_case(case_dir)
    table = compare_durations(case)
    assert table["surface"].tolist() == ["less than three weeks before the 12 December deadline",
                                         "after nearly a decade"]
    assert table["stated_days"].tolist() == [21, 3652]
    assert table["actual_days"].tolist() == [21, 3552]  # 21 Nov to 12 Dec 2022; 1 Mar 2013 to 21 Nov 2022
    assert table["event"].tolist() == ["the date in the text", "Works begin"]
    assert table["approximate"].tolist() == [True, True]


# --------------------------------------------------------------------------- the command line


def test_cli_csv(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    assert main(["dates", str(path), "--dateline", "2024-06-12"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("surface,start,end,sentence_index,")
    assert out[1].startswith("on Monday,2024-06-10,2024-06-10,0,point,")
    assert len(out) == 6


def test_cli_json_and_markdown(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text("Head\n\nIt ended in 2018.\n", encoding="utf-8")
    assert main(["dates", str(path), "--dateline", "2021-07-17", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["surface"] == "in 2018" and rows[0]["start"] == "2018-01-01" and rows[0]["end"] == "2018-12-31"
    assert main(["dates", str(path), "--dateline", "2021-07-17", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("| surface | start | end | sentence_index |")


def test_cli_errors_are_one_clear_line(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text("Head\n\nText.\n", encoding="utf-8")
    assert main(["dates", str(path), "--dateline", "17/07/2021"]) == 1
    err = capsys.readouterr().err
    assert "newslab dates:" in err and "YYYY-MM-DD" in err and "Traceback" not in err
    assert main(["dates", str(tmp_path / "missing.txt"), "--dateline", "2021-07-17"]) == 1
    assert "missing.txt" in capsys.readouterr().err


# --------------------------------------------------------------------------- never crashes, always consistent

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TOKENS = ["on", "Sunday", "last", "next", "this", "week", "month", "year", "in", "2018", "1996", "from", "until",
          "between", "and", "the", "1990s", "'90s", "mid-July", "5", "31", "July", "Aug.", "Feb.", "29", "30",
          "two", "a", "few", "decades", "weeks", "days", "ago", "before", "after", "less than", "nearly", "since",
          "04/05/2021", "31/02/2021", "2021-02-30", "9999", "0", "-", "–", ",", ".", "\n\n", "“", "”", "U.S.",
          "Mr.", "3.5", "No.", "1", "yesterday", "tomorrow", "within", "century", "20th", "early", "late"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_random_text_never_crashes_and_rows_are_consistent(words, dateline):
    text = " ".join(words)
    rows = find(text, dateline)
    doc = split_article(text)
    for r in rows:
        assert r.start <= r.end
        assert r.kind in ("point", "range", "duration") and r.rule in D.RULES
        assert " ".join(doc.text[r.char_start:r.char_end].split()) == r.surface
        assert r.sentence_index == doc.sentence_at(r.char_start).index
        if r.kind == "point":
            assert r.start == r.end
        if r.kind == "duration":
            assert r.days == (r.end - r.start).days


# --------------------------------------------------------------------------- found on an article never seen before

OCT = dt.date(2023, 10, 4)  # a Wednesday


@pytest.mark.parametrize(
    "text, dateline, expected",
    [
        ("The deal was agreed in February.", OCT, ("2023-02-01", "2023-02-28")),  # not next February
        ("The deal was agreed on 27 February.", OCT, ("2023-02-27", "2023-02-27")),
        ("Talks will resume on 15 January.", OCT, ("2024-01-15", "2024-01-15")),  # a future cue
        ("Sales fell in March.", dt.date(2023, 12, 20), ("2023-03-01", "2023-03-31")),
        ("Prices jumped on 30 December.", dt.date(2024, 1, 3), ("2023-12-30", "2023-12-30")),
    ],
)
def test_a_date_without_a_year_is_in_the_datelines_year_unless_far_or_ahead(text, dateline, expected):
    rows = find(text, dateline)
    assert [(r.start.isoformat(), r.end.isoformat()) for r in rows] == [expected]


@pytest.mark.parametrize(
    "text, days",
    [
        ("Lorries have crossed freely for a quarter of a century.", 9131),
        ("The plant ran for half a century.", 18262),
        ("It lasted for three quarters of a year.", 273),
    ],
)
def test_fractions_of_a_unit(text, days):
    rows = find(text, OCT)
    assert len(rows) == 1 and rows[0].days == days and rows[0].end == OCT


@pytest.mark.parametrize(
    "text, dateline, expected",
    [
        ("“Ask me at Christmas,” he said.", OCT, "2023-12-25"),
        ("Sales slumped last Christmas.", OCT, "2022-12-25"),
        ("Shops will reopen after Easter.", OCT, "2024-03-31"),
        ("Shops reopened after Easter.", OCT, "2023-04-09"),
        ("Protests began on Good Friday.", dt.date(2024, 4, 2), "2024-03-29"),
        ("Fireworks on New Year's Eve.", dt.date(2024, 1, 2), "2023-12-31"),
    ],
)
def test_holidays(text, dateline, expected):
    rows = find(text, dateline)
    assert [(r.surface.split()[-1].strip("’'s"), r.start.isoformat(), r.rule) for r in rows][0][1:] == (expected, "holiday")


def test_good_friday_agreement_is_a_name_not_a_date():
    assert [r.surface for r in find("the Good Friday Agreement of 1998", OCT)] == ["1998"]


# --------------------------------------------------------------------------- rates are not durations


@pytest.mark.parametrize(
    "text",
    [
        "The closure cost traders about $4.5 million a day.",
        "Cross-border trade has grown by roughly 12% a year.",
        "Exports rose 3 per cent a year under the old deal.",
        "More than 1,200 lorries a day use the crossing.",
        "The mill produces 500 tonnes of steel a day.",
        "Many families live on less than a dollar a day.",
        "Thousands of people a week visit the shrine.",
        "The clinic opens three afternoons a week.",
        "Inspectors call every two weeks.",
        "Readings are taken every month and sent per week.",
        "Fees will rise to £9,250 a year.",
    ],
)
def test_rates_and_frequencies_are_not_time_expressions(text):
    assert [(r.surface, r.kind) for r in find(text, WED)] == []


@pytest.mark.parametrize(
    "text, surface, rule",
    [
        ("Talks lasted for a day.", "for a day", "duration-until-dateline"),
        ("The truce held for a week.", "for a week", "duration-until-dateline"),
        ("Nearly a year has passed since the vote.", "Nearly a year", "duration-until-dateline"),
        ("Some 300 delegates met a week ago.", "a week ago", "duration-ago"),
    ],
)
def test_a_day_that_is_not_a_rate_is_still_a_duration(text, surface, rule):
    hits = [(r.surface, r.rule) for r in find(text, WED) if r.kind in ("duration", "point")]
    assert (surface, rule) in hits


@pytest.mark.parametrize(
    "text",
    [
        "Talks lasted a day.",
        "Three people died a day after the blast.",
        "In 2019 a year of drought began.",
        "The repairs took two weeks and cost little.",
        "The union wants a rise of 9% over 24 months.",
        "Twelve people died in three days of rioting.",
        "It was the wettest month in more than a decade.",
    ],
)
def test_a_bare_length_is_not_placed_on_the_timeline(text):
    # issue 14: a length with nothing placing it ("took two weeks", "over 24 months" of a pay deal,
    # "three days of rioting", "the wettest in a decade") used to become a span ending on the dateline
    assert [r.surface for r in find(text, WED) if r.kind == "duration"] == []


def test_a_rate_beside_real_dates_leaves_the_dates_alone():
    text = ("Trade deal revived\n\nNAIROBI, March 3 (Wire) - Since 2019, trade has grown by roughly 12% a year, "
            "and the closure cost about $4.5 million a day, the council said on Tuesday.")
    got = [(r.surface, r.start.isoformat(), r.end.isoformat()) for r in find(text, "2026-03-03")]
    assert got == [("March 3", "2026-03-03", "2026-03-03"), ("Since 2019", "2019-01-01", "2026-03-03"),
                   ("on Tuesday", "2026-03-03", "2026-03-03")]


# ---------------------------------------------------------------------------
# issue 14: a weekday, month or period read by its own clause and its context
# ---------------------------------------------------------------------------

THU = dt.date(2024, 5, 16)  # a Thursday


def _spans_of(text, dateline=THU):
    """{surface: (start, end)}, each surface also without its leading "in"/"on"."""
    out = {}
    for r in find(text, dateline):
        span = (r.start.isoformat(), r.end.isoformat())
        out[r.surface] = span
        out.setdefault(re.sub(r"^(?:in|on|during|since) ", "", r.surface), span)
    return out


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        # a future cue in another clause does not move "said on Monday" ahead
        ("Ferries will stay in port, the operator said on Monday.", "on Monday", "2024-05-13"),
        ("Ferries will stay in port, the operator said Monday.", "Monday", "2024-05-13"),
        # a schedule in the present tense and a deadline look ahead
        ("The festival opens on Saturday with a parade.", "on Saturday", "2024-05-18"),
        ("The mayor said roads would be cleared by Sunday.", "Sunday", "2024-05-19"),
        ("The bridge is closed until at least Tuesday.", "Tuesday", "2024-05-21"),
        ("The new timetable applies starting Monday.", "Monday", "2024-05-20"),
        # ... unless the clause is in the past perfect
        ("By Monday, 40 families had left the valley.", "Monday", "2024-05-13"),
        # "had been due" is past
        ("The vote, which had been due on Tuesday, was postponed.", "on Tuesday", "2024-05-14"),
        # a modal before the verb of the schedule still decides
        ("Talks will resume on 20 June.", "on 20 June", "2024-06-20"),
    ],
)
def test_a_weekday_takes_its_direction_from_its_own_clause(text, surface, expected):
    assert _spans_of(text)[surface][0] == expected


def test_a_month_in_a_past_clause_after_the_dateline_is_last_years():
    assert _spans_of("A storm flooded the delta in October.")["in October"] == ("2023-10-01", "2023-10-31")
    assert _spans_of("A second storm is expected in October.")["in October"] == ("2024-10-01", "2024-10-31")


@pytest.mark.parametrize(
    "text, surface, expected",
    [
        ("Sales fell in the first half of 2023.", "the first half of 2023", ("2023-01-01", "2023-06-30")),
        ("Profit rose in the third quarter.", "the third quarter", ("2023-07-01", "2023-09-30")),
        ("Profit rose in the first quarter.", "the first quarter", ("2024-01-01", "2024-03-31")),
        ("Exports grew in the first four months of the year.", "the first four months of the year",
         ("2024-01-01", "2024-04-30")),
        ("Rain fell on 10 days in the first two weeks of April.", "the first two weeks of April",
         ("2024-04-01", "2024-04-14")),
        ("The port lost money in the final quarter of last year.", "the final quarter of last year",
         ("2023-10-01", "2023-12-31")),
    ],
)
def test_a_part_of_a_period_is_not_the_whole_period(text, surface, expected):
    assert _spans_of(text)[surface] == expected
    assert not any(s in ("2023", "April") for s in _spans_of(text))


def test_from_a_month_and_a_day_range_with_to():
    spans = _spans_of("Prices have risen from March, and schools shut from April 4 to 12.")
    assert spans["March"] == ("2024-03-01", "2024-03-31")
    assert spans["April 4 to 12"] == ("2024-04-04", "2024-04-12")


def test_fiscal_years_and_the_previous_year():
    spans = _spans_of("The airline earned $1.2 billion in the financial year to March 2024, "
                      "up from $0.8 billion the previous year.")
    assert spans["the financial year to March 2024"] == ("2023-04-01", "2024-03-31")
    assert spans["the previous year"] == ("2022-04-01", "2023-03-31")
    spans = _spans_of("Trade shrank in the fiscal year that ended in June, after growing the previous year.")
    assert spans["the fiscal year that ended in June"] == ("2022-07-01", "2023-06-30")
    assert spans["the previous year"] == ("2021-07-01", "2022-06-30")
    spans = _spans_of("The board expects a loss in the fiscal year that began on Oct. 1.")
    assert spans["the fiscal year that began on Oct. 1"] == ("2023-10-01", "2024-09-30")
    # after a calendar year, and with nothing before it
    assert _spans_of("Output rose in 2021 and fell the previous year.")["the previous year"] == ("2020-01-01", "2020-12-31")
    assert _spans_of("Nurses treated 80 patients in the previous week.")["the previous week"] == ("2024-05-06", "2024-05-12")


def test_the_weekend_and_the_past_hours():
    assert _spans_of("Crowds gathered over the weekend.")["the weekend"] == ("2024-05-11", "2024-05-12")
    assert _spans_of("The dam could fail by the weekend.")["the weekend"] == ("2024-05-18", "2024-05-19")
    assert _spans_of("Nine people died in the past 24 hours.")["in the past 24 hours"] == ("2024-05-15", "2024-05-16")
    assert _spans_of("Fighting spread in the past two weeks.")["in the past two weeks"] == ("2024-05-02", "2024-05-16")


def test_later_and_earlier_count_from_the_date_before():
    spans = _spans_of("The family bought the mill in 2006 and sold it two years later.")
    assert spans["two years later"] == ("2008-01-01", "2008-12-31")
    spans = _spans_of("The ship sank on Tuesday. It had left port five days earlier.")
    assert spans["five days earlier"] == ("2024-05-09", "2024-05-09")


# --------------------------------------------------------------------------- issue 14, second round


THU = dt.date(2024, 5, 16)  # a Thursday


def _rows(text, dateline=THU):
    return [(r.surface, r.start.isoformat(), r.end.isoformat()) for r in find("Head\n\n" + text, dateline)]


def test_a_length_in_a_past_clause_is_not_ahead():
    # "in two weeks" after a past verb says how long it took, not when
    assert _rows("The herders lost 400 sheep in two weeks, officials said.") == []
    assert _rows("The river rose two metres in three days.") == []
    # in a future clause it is still ahead
    assert _rows("The bridge will reopen in two weeks.") == [("in two weeks", "2024-05-16", "2024-05-30")]


def test_for_a_length_follows_its_clause():
    # a measure that runs from now: a modal, an infinitive
    assert _rows("Aftershocks could continue for about a week.") == [("for about a week", "2024-05-16", "2024-05-23")]
    assert _rows("The decree lets towns freeze rents for 90 days.") == [("for 90 days", "2024-05-16", "2024-08-14")]
    # a perfect tense runs up to the dateline
    assert _rows("The road has been shut for two weeks.") == [("for two weeks", "2024-05-02", "2024-05-16")]
    # a past clause with its own time: not placed at the dateline
    assert _rows("Drivers queued for two days last month.")[-1][0] == "last month"
    assert [s for s, *_ in _rows("Drivers queued for two days last month.")] == ["last month"]


def test_a_length_of_something_is_not_on_the_timeline():
    assert _rows("Some lorries took the ferry, a crossing of about two days.") == []


def test_earlier_than_usual_is_a_comparison():
    assert [s for s, *_ in _rows("The rains began in March, two months earlier than usual.")] == ["in March"]


def test_a_weekday_after_a_word_of_expectation_is_ahead():
    text = "The grid operator on Thursday warned of a possible shortfall in Victoria on Friday evening."
    assert _rows(text) == [("on Thursday", "2024-05-16", "2024-05-16"), ("on Friday evening", "2024-05-17", "2024-05-17")]


def test_a_clause_does_not_borrow_the_next_clauses_tense():
    text = "Inflation, already 9% in April, could climb further."
    assert _rows(text) == [("in April", "2024-04-01", "2024-04-30")]
    # an expression that leads its clause still takes the tense that follows it
    assert _rows("On Friday, the ministers will meet.") == [("On Friday", "2024-05-17", "2024-05-17")]


def test_today_inside_a_quote_is_the_day_the_words_were_spoken():
    text = ("The court ruled on Wednesday that the dam must close.\n\n"
            "\"Today the river won,\" said a fisherman who watched the hearing.")
    got = _rows(text)
    assert ("Today", "2024-05-15", "2024-05-15") in got
    # outside a quote, and in a quote with no earlier day, today is the dateline
    assert _rows("Today the river is high.") == [("Today", "2024-05-16", "2024-05-16")]
    assert _rows("\"Today we rebuild,\" the mayor said.") == [("Today", "2024-05-16", "2024-05-16")]


def test_a_tight_span_is_one_row_not_three():
    assert _rows("Half the ice was lost between 1960 and 1990.") == [("between 1960 and 1990", "1960-01-01", "1990-12-31")]
    assert _rows("No cases were seen from 2015 until February 2023.") == [
        ("from 2015 until February 2023", "2015-01-01", "2023-02-28")]
    # a span whose end is an event with its own date keeps the parts
    got = [s for s, *_ in _rows("The group ruled from 1996 until the invasion in 2001.")]
    assert got == ["from 1996 until the invasion in 2001", "1996", "in 2001"]


def test_a_weekday_of_a_named_week():
    assert _rows("A poll published on Tuesday last week found support falling.") == [
        ("on Tuesday last week", "2024-05-07", "2024-05-07")]
    assert _rows("The talks resume on Monday next week.") == [("on Monday next week", "2024-05-20", "2024-05-20")]
    assert _rows("Floods hit the valley late last week.") == [("late last week", "2024-05-09", "2024-05-12")]


def test_a_part_of_the_year_ahead_in_a_future_clause():
    assert _rows("The cuts will run into the first half of the year.", dt.date(2023, 12, 1)) == [
        ("the first half of the year", "2024-01-01", "2024-06-30")]


def test_a_request_looks_ahead_and_than_expected_does_not():
    assert _rows("Households have been asked to cut their power use on Friday.") == [
        ("on Friday", "2024-05-17", "2024-05-17")]
    assert _rows("Exports grew less than expected in the first quarter.", dt.date(2024, 11, 30)) == [
        ("in the first quarter", "2024-01-01", "2024-03-31")]


def test_compare_durations_on_a_new_case_compares_only_independent_evidence(tmp_path, capsys):
    """A case made by `new-case` drafts an event from each duration; that event is no evidence for it."""
    from newslab import load_case

    article = tmp_path / "dam.txt"
    article.write_text("Dam works stall\n\nLUSAKA, Feb 14 - The dam has been closed for three weeks, "
                       "engineers said.\n", encoding="utf-8")
    target = tmp_path / "dam-case"
    assert main(["new-case", str(article), str(target), "--dateline", "2024-02-14"]) == 0
    capsys.readouterr()
    case = load_case(target)
    assert "for three weeks" in case.events["surface"].tolist()  # the event drafted from the duration itself
    table = compare_durations(case)
    assert table["surface"].tolist() == ["for three weeks"]
    assert table["difference"].isna().all() and table["event"].isna().all()  # not a difference of 0
    assert table["note"].iloc[0].startswith("nothing to compare")
    assert table.attrs["note"].startswith("nothing to compare")
    # an event a teacher dates from a source, in the same sentence, is compared
    events = (target / "events.csv").read_text(encoding="utf-8")
    (target / "events.csv").write_text(events.rstrip("\n") + "\nclosure,2024-01-22,,Dam closed,The dam,article,\n",
                                       encoding="utf-8")
    table = compare_durations(load_case(target))
    assert table[["event", "actual_days", "difference"]].values.tolist() == [["Dam closed", 23, 2]]


def test_compare_durations_does_not_take_a_draft_event_as_evidence(new_case):
    # A newcomer's case: "almost three days" beside a drafted "On Monday" event showed a difference of 0,
    # a confirmation nobody had checked (the three days were counted to Monday, not to the dateline).
    import pandas as pd

    from newslab import load_case

    target = new_case("Lorries stuck at border\n\nNAMANGA, March 14 - On Monday drivers said they had waited "
                      "almost three days at the post.\n", "2024-03-14")
    events = load_case(target).events
    assert "On Monday" in events["surface"].tolist() and events["note"].str.contains("TO CHECK").all()
    table = compare_durations(load_case(target))
    row = table[table["surface"].str.contains("three days")].iloc[0]
    assert pd.isna(row["difference"]) and pd.isna(row["event"])
    assert row["note"].startswith("nothing to compare yet") and "TO CHECK" in row["note"]
    # once the teacher has checked the Monday event (the mark deleted), it counts
    text = (target / "events.csv").read_text(encoding="utf-8")
    (target / "events.csv").write_text(text.replace("TO CHECK", "checked"), encoding="utf-8")
    table = compare_durations(load_case(target))
    assert table[table["surface"].str.contains("three days")]["event"].notna().all()


def test_a_month_of_last_year():
    assert _rows("There have been no cuts since March last year.", dt.date(2025, 2, 28)) == [
        ("since March last year", "2024-03-01", "2025-02-28")]
    assert _rows("The plant closed in October next year.", dt.date(2025, 2, 28))[0][1:] == ("2026-10-01", "2026-10-31")


def test_between_a_day_and_a_day_of_one_month():
    assert _rows("Saltwater will peak between April 20 and 25.", dt.date(2025, 4, 16)) == [
        ("April 20 and 25", "2025-04-20", "2025-04-25")]


def test_for_a_length_after_a_request_is_ahead():
    assert _rows("Farmers have been told to store water for at least two weeks.") == [
        ("for at least two weeks", "2024-05-16", "2024-05-30")]


def test_a_fiscal_year_that_began_on_a_date():
    got = _rows("The bill will fall in the 2025/2026 fiscal year, which began on 1 July. It was higher the previous year.",
                dt.date(2025, 7, 8))
    assert got[0] == ("2025/2026 fiscal year", "2025-07-01", "2026-06-30")
    assert ("the previous year", "2024-07-01", "2025-06-30") in got


@pytest.mark.parametrize("shape", ["“Today we go,” he said on Monday. ", "for two days last week, ", "Tuesday last week ",
                                   "between April 2 and 5 ", "the 2025/26 financial year, which began on 1 July, "])
def test_the_new_rules_stay_near_linear(shape):
    """4x the text in well under 8x the CPU time."""
    import bench  # benchmarks/bench.py: the shortest CPU time of a few runs

    small = bench.time_pathological(find, "H\n\n" + shape * 200, 3, dateline=THU)
    large = bench.time_pathological(find, "H\n\n" + shape * 800, 2, dateline=THU)
    assert large < 0.05 or large / small < 8, f"{small:.3f} s -> {large:.3f} s"


def test_a_sentence_led_by_a_year_sets_the_year_of_its_days():
    # "Last year ... on July 3": last year's July 3, not this year's
    assert _rows("Last year the assembly passed the budget only on July 3.", dt.date(2025, 6, 26)) == [
        ("Last year", "2024-01-01", "2024-12-31"), ("on July 3", "2024-07-03", "2024-07-03")]
    assert _rows("In 2014, floods peaked on Dec 24.", dt.date(2024, 12, 3)) == [
        ("In 2014", "2014-01-01", "2014-12-31"), ("on Dec 24", "2014-12-24", "2014-12-24")]
    # a year inside the sentence, not leading it, is no frame
    assert _rows("The firm, founded in 1998, said on July 3 it would close.", dt.date(2025, 7, 8))[-1] == (
        "on July 3", "2025-07-03", "2025-07-03")


def test_a_past_length_is_not_counted_from_a_later_deadline():
    got = _rows("Schools will stay closed until Dec 6, officials said, while trains were suspended for two days.",
                dt.date(2024, 12, 3))
    assert ("for two days", "2024-12-06", "2024-12-08") not in got


# --------------------------------------------------------------------------- nd15: forms of unseen copy

FRI = dt.date(2024, 11, 1)  # a Friday


def spans(text: str, dateline=FRI) -> list[tuple[str, str, str]]:
    return [(r.surface, r.start.isoformat(), r.end.isoformat()) for r in find(text, dateline)]


@pytest.mark.parametrize("text, start, end", [
    ("Prices fell between April and June, the office said.", "2024-04-01", "2024-06-30"),
    ("Sales rose in January-March from a year earlier.", "2024-01-01", "2024-03-31"),
    ("For the January–October period exports totaled $566 billion.", "2024-01-01", "2024-10-31"),
    ("Output grew from July to September, data showed.", "2024-07-01", "2024-09-30"),
    ("Growth slowed in the April-June quarter of 2023.", "2023-04-01", "2023-06-30"),
])
def test_a_span_of_months(text, start, end):
    found = [x for x in spans(text) if x[1] == start]
    assert found and found[0][2] == end, spans(text)
    assert not [x for x in spans(text) if x[1] == start and x[2] != end], spans(text)  # no first month alone


def test_two_months_that_are_no_span():
    assert spans("He arrived in April and left, and June was dry.") == [("in April", "2024-04-01", "2024-04-30")]


@pytest.mark.parametrize("text, when", [
    ("The lorry hit them on 22 August last year, the court heard.", "2023-08-22"),
    ("Talks collapsed on March 3 last year.", "2023-03-03"),
    ("The plant will reopen on 5 June next year.", "2025-06-05"),
])
def test_a_day_and_month_of_last_or_next_year(text, when):
    assert spans(text) == [(spans(text)[0][0], when, when)]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("SEOUL, MARCH 4 (Yonhap) -- Exports rose.", dt.date(2024, 3, 4), "2024-03-04", "2024-03-04"),
    ("(ANSA) - ROME, FEB 19 - Prosecutors said.", dt.date(2024, 2, 19), "2024-02-19", "2024-02-19"),
])
def test_a_dateline_with_its_month_in_capitals(text, dateline, start, end):
    assert [(x[1], x[2]) for x in spans(text, dateline)] == [(start, end)]


@pytest.mark.parametrize("text, expected", [
    ("The storm hit on Monday. The following day, roads were closed.", ("The following day", "2024-10-29")),
    ("Police arrested him on 3 October and charged him the next day.", ("the next day", "2024-10-04")),
    ("The vote was held on Sunday, October 20. The day before, rallies filled the square.", ("The day before", "2024-10-19")),
    ("Floods struck on Tuesday, a day after the dam gave way; the previous day it had rained.", ("the previous day", "2024-10-28")),
])
def test_a_day_counted_from_the_last_date_named(text, expected):
    found = {x[0]: x[1] for x in spans(text)}
    assert found.get(expected[0]) == expected[1], spans(text)


def test_the_following_week_and_month_follow_the_date_named():
    found = {x[0]: (x[1], x[2]) for x in spans("The company was founded in March 2019. The following month it hired 40 staff.")}
    assert found["The following month"] == ("2019-04-01", "2019-04-30")
    found = {x[0]: (x[1], x[2]) for x in spans("Talks began on 9 October, and a deal came the following week.")}
    assert found["the following week"] == ("2024-10-14", "2024-10-20")


def test_a_following_day_with_nothing_to_count_from_is_left_out():
    assert spans("The following day is a holiday for most people.") == []


@pytest.mark.parametrize("text", [
    "A court in Lahore jailed him for six years on Thursday.",
    "She was sentenced to three years in prison for fraud.",
    "The driver was banned from driving for nine years.",
    "He was jailed for 18 months.",
])
def test_a_sentence_or_ban_is_not_on_the_timeline(text):
    assert [x for x in spans(text) if "year" in x[0] or "month" in x[0]] == []


def test_a_perfect_for_is_still_on_the_timeline():
    assert spans("The border has been shut for two weeks.") == [("for two weeks", "2024-10-18", "2024-11-01")]


@pytest.mark.parametrize("text, start, end", [
    ("Profits fell in 2022. In the first quarter, sales dropped 4%.", "2022-01-01", "2022-03-31"),
    ("The 2021 harvest was poor, and the second half of the year was worse.", "2021-07-01", "2021-12-31"),
    ("In 2019 exports grew; the third quarter was the strongest.", "2019-07-01", "2019-09-30"),
])
def test_a_part_of_a_period_takes_the_year_just_named(text, start, end):
    found = [x for x in spans(text) if "quarter" in x[0] or "half" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


def test_a_part_of_a_period_with_no_year_named_keeps_the_datelines():
    found = [x for x in spans("Sales rose on Tuesday. In the first quarter they fell.") if "quarter" in x[0]]
    assert [(x[1], x[2]) for x in found] == [("2024-01-01", "2024-03-31")]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("The river dried up last summer.", FRI, "2024-06-01", "2024-08-31"),
    ("Farmers expect rain this spring.", dt.date(2025, 2, 10), "2025-03-01", "2025-05-31"),
    ("Sales peaked in the spring of 2021.", FRI, "2021-03-01", "2021-05-31"),
    ("Fuel ran short last winter.", FRI, "2023-12-01", "2024-02-29"),
    ("Storms hit the coast in the autumn, officials said.", FRI, "2024-09-01", "2024-11-30"),
    ("Melbourne sweltered last summer, Australian officials said.", dt.date(2024, 6, 5), "2023-12-01", "2024-02-29"),
])
def test_seasons(text, dateline, start, end):
    found = [x for x in spans(text, dateline) if re.search(r"summer|spring|winter|autumn", x[0])]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


def test_a_season_in_a_name_is_no_date():
    assert spans("The Arab Spring changed the region; Summer Olympics tickets sold out.") == []


def test_time_already_served_ends_on_the_dateline():
    assert spans("He has been in prison for two years.") == [("for two years", "2022-11-01", "2024-11-01")]


@pytest.mark.parametrize("text, start, end", [
    ("The app was active between April and November last year.", "2023-04-01", "2023-11-30"),
    ("Borrowing jumped in July-March, the bank said.", "2023-07-01", "2024-03-31"),
    ("Sales in the July-March period of FY24 fell.", "2023-07-01", "2024-03-31"),
])
def test_spans_of_months_with_a_year_word_or_across_new_year(text, start, end):
    assert [(x[1], x[2]) for x in spans(text, dt.date(2024, 4, 28))] == [(start, end)]


def test_months_of_a_fiscal_year_that_need_its_first_month_are_left_out():
    found = spans("Output in the October-December quarter of fiscal 2025 rose.", dt.date(2024, 4, 28))
    assert [x for x in found if "October" in x[0]] == []


@pytest.mark.parametrize("text", [
    "Call the helpline 1930 to report fraud.",
    "Survivors of Flight 1549 met again.",
])
def test_a_number_after_a_label_word_is_no_year(text):
    assert spans(text) == []


def test_a_year_range_before_a_comma():
    assert spans("The drought of 1997-2009, the worst on record, ended.") == [("1997-2009", "1997-01-01", "2009-12-31")]


@pytest.mark.parametrize("text, dateline, start", [
    ("Liverpool visit Southampton on Sunday.", FRI, "2024-11-03"),
    ("India host Australia on Friday next.", dt.date(2024, 10, 30), "2024-11-01"),
    ("Crews face a long night on Monday.", FRI, "2024-11-04"),
])
def test_a_fixture_in_the_present_tense_lies_ahead(text, dateline, start):
    assert [x[1] for x in spans(text, dateline)] == [start]


def test_a_visit_as_a_noun_is_no_fixture():
    assert [x[1] for x in spans("His visit on Sunday was short.")] == ["2024-10-27"]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("Crews have fought 240 fires since the start of spring, the CFA said.", dt.date(2025, 10, 15), "2025-03-01", "2025-10-15"),
    ("Victorians were told this summer could be the worst, officials said.", dt.date(2025, 10, 15), "2025-12-01", "2026-02-28"),
    ("The dams filled by the end of winter.", dt.date(2025, 4, 15), "2025-02-01", "2025-02-28"),
])
def test_seasons_with_edges_and_states(text, dateline, start, end):
    found = [x for x in spans(text, dateline) if re.search(r"spring|summer|winter", x[0])]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


def test_the_first_quarter_of_a_fiscal_year_is_not_the_calendar_quarter():
    assert spans("In the first quarter of FY2024-25, cases rose.") == []


@pytest.mark.parametrize("text", [
    "The quake struck at 1830 GMT near the coast.",
    "Troops moved at 2015 hours, the army said.",
    "Flights resume at 1945 local time.",
])
def test_a_clock_time_in_four_figures_is_no_year(text):
    assert spans(text) == []


def test_a_prison_that_was_shut_is_still_on_the_timeline():
    assert spans("The prison has been shut for two weeks.") == [("for two weeks", "2024-10-18", "2024-11-01")]
    assert [x for x in spans("He was sent to prison for five years.") if "year" in x[0]] == []


@pytest.mark.parametrize("text, start, end", [
    ("Kisumu, Kenya - The county passed its 2024/25 financial year budget on Tuesday.", "2024-07-01", "2025-06-30"),
    ("NEW DELHI (PTI) - The FY2024-25 allocation for roads rose, officials said.", "2024-04-01", "2025-03-31"),
    ("DHAKA - Revenue fell in the 2023-24 fiscal year, the NBR said.", "2023-07-01", "2024-06-30"),
])
def test_a_fiscal_year_starts_in_the_month_of_the_country_the_story_is_from(text, start, end):
    found = [x for x in spans(text) if "20" in x[0] and x[1] != x[2]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


@pytest.mark.parametrize("text", [
    "Revenue fell in the 2023-24 fiscal year, the company said.",
    "INDIA AND PAKISTAN - Trade in the 2023-24 fiscal year fell on both sides of the border in India and Pakistan.",
])
def test_a_fiscal_year_of_no_single_known_country_keeps_its_two_years(text):
    found = [x for x in spans(text) if "2023" in x[0]]
    assert [(x[1], x[2]) for x in found] == [("2023-01-01", "2024-12-31")]


@pytest.mark.parametrize("text, start, end", [
    ("NEW DELHI (PTI) - In the first quarter of FY2024-25, cases rose.", "2024-04-01", "2024-06-30"),
    ("Nairobi, Kenya - Tea earnings fell in the second half of the 2023/24 financial year.", "2024-01-01", "2024-06-30"),
])
def test_a_part_of_a_fiscal_year(text, start, end):
    found = [x for x in spans(text) if "quarter" in x[0] or "half" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


# --------------------------------------------------------------------------- nd16: spans of months, same periods, halves

MAR6 = dt.date(2025, 3, 6)  # a Thursday


@pytest.mark.parametrize("text, dateline, start, end", [
    # a span not yet begun, in a past clause: last year's
    ("Fewer trains ran on time between October and December, the regulator said.", MAR6, "2024-10-01", "2024-12-31"),
    ("Sales had fallen from September to November, the company reported.", dt.date(2025, 2, 10), "2024-09-01", "2024-11-30"),
    # a span ahead in a future clause, or under way: this year's, not next year's
    ("The agency will publish figures for January to March on June 12.", MAR6, "2025-01-01", "2025-03-31"),
    ("Fares will be frozen from April to June.", dt.date(2025, 5, 20), "2025-04-01", "2025-06-30"),
    # and a span ahead with no past verb stays ahead (the forecast kind)
    ("The short rains, expected between October and December, may be poor.", dt.date(2025, 6, 12), "2025-10-01", "2025-12-31"),
])
def test_a_span_of_months_takes_its_year_from_its_clause(text, dateline, start, end):
    found = [x for x in spans(text, dateline) if x[0] != "June 12" and "June 12" not in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


@pytest.mark.parametrize("text, start, end", [
    ("Reserves would be tight from mid-January to March, the operator said.", "2025-01-11", "2025-03-31"),
    ("Rain fell between early June and late August.", "2024-06-01", "2024-08-31"),
    ("The road was shut from March to mid-April.", "2024-03-01", "2024-04-20"),
])
def test_a_span_of_months_keeps_the_parts_of_its_ends(text, start, end):
    dateline = dt.date(2025, 1, 20) if "Reserves" in text else FRI
    assert [(x[1], x[2]) for x in spans(text, dateline)] == [(start, end)]


@pytest.mark.parametrize("text, dateline, surface, start, end", [
    ("Inflow was half the usual from March to May, compared with the same period last year.", dt.date(2025, 6, 12),
     "the same period last year", "2024-03-01", "2024-05-31"),
    ("Adelaide has had 11 hot days since the start of December, against four over the same period a year earlier.",
     dt.date(2026, 1, 21), "the same period a year earlier", "2024-12-01", "2025-01-21"),
    ("Punctuality fell in the final quarter of 2024, down from the same quarter a year earlier.", MAR6,
     "the same quarter a year earlier", "2023-10-01", "2023-12-31"),
    ("Exports rose 6% in May from the same month last year.", dt.date(2025, 6, 12),
     "the same month last year", "2024-05-01", "2024-05-31"),
    ("Arrivals rose in July. That was twice the same month of 2019.", dt.date(2025, 8, 4),
     "the same month of 2019", "2019-07-01", "2019-07-31"),
])
def test_the_same_period_is_the_period_named_before_it_in_another_year(text, dateline, surface, start, end):
    found = [x for x in spans(text, dateline) if x[0] == surface]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


def test_the_same_period_with_nothing_named_before_it_is_left_out_and_last_year_alone_stays_a_year():
    assert spans("Profits were lower than in the same period last year.", MAR6) == []
    assert spans("He said the same thing last year.", MAR6) == [("last year", "2024-01-01", "2024-12-31")]
    # "the same month" with nothing before it is the dateline's month a year earlier
    assert spans("Prices were 3% higher than in the same month last year.", MAR6) == [
        ("in the same month last year", "2024-03-01", "2024-03-31")]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("Rainfall will be low in the first half of July.", dt.date(2025, 6, 12), "2025-07-01", "2025-07-15"),
    ("The operator had been short of drivers in the first half of December.", MAR6, "2024-12-01", "2024-12-15"),
    ("Bookings slowed in the second half of March 2024.", MAR6, "2024-03-16", "2024-03-31"),
])
def test_half_of_a_month_is_not_half_of_a_year(text, dateline, start, end):
    assert [(x[1], x[2]) for x in spans(text, dateline)] == [(start, end)]


def test_the_first_half_of_a_year_is_still_january_to_june():
    assert [(x[1], x[2]) for x in spans("Sales rose in the first half of 2023.", MAR6)] == [("2023-01-01", "2023-06-30")]


@pytest.mark.parametrize("text, start, end", [
    ("The operator had been hit by storms in late November.", "2024-11-21", "2024-11-30"),
    ("Crews said they had cleared the line in early December.", "2024-12-01", "2024-12-10"),
    ("Floods closed the road in mid-October, officials said.", "2024-10-11", "2024-10-20"),
])
def test_a_part_of_a_month_ahead_of_the_dateline_in_a_past_clause_is_last_years(text, start, end):
    assert [(x[1], x[2]) for x in spans(text, MAR6)] == [(start, end)]


def test_a_part_of_a_month_ahead_in_a_future_clause_stays_ahead():
    assert [(x[1], x[2]) for x in spans("Four aircraft are due to arrive in early December.", MAR6)] == [
        ("2025-12-01", "2025-12-10")]


@pytest.mark.parametrize("text, start", [
    ("Residents will get piped water on three days a week from Monday after the dam fell.", "2025-03-10"),
    ("Patients will get detailed results on Friday.", "2025-03-07"),
    ("The line will reopen to licensed drivers on Tuesday.", "2025-03-11"),
])
def test_an_ed_adjective_after_will_does_not_make_the_clause_past(text, start):
    assert [x[1] for x in spans(text, MAR6)] == [start]


def test_an_ed_verb_with_no_modal_still_makes_the_clause_past():
    assert [x[1] for x in spans("Crews restored power on Tuesday.", MAR6)] == ["2025-03-04"]


@pytest.mark.parametrize("text", [
    "About 1800 remained without power on Wednesday.",
    "Some 1900 homes were hit.",
    "More than 2000 were evacuated.",
])
def test_a_four_digit_count_after_a_qualifier_is_no_year(text):
    assert [x for x in spans(text, MAR6) if x[1].endswith("-01-01")] == []


def test_a_year_after_in_about_is_still_a_year():
    assert [x[0] for x in spans("The bridge was built in about 1900.", MAR6)] == ["1900"]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("Storage stood at 38% on Thursday, against 61% in the same month last year.", dt.date(2025, 7, 24), "2024-07-01", "2024-07-31"),
    ("Sales on Monday were down from the same week a year earlier.", MAR6, "2024-03-03", "2024-03-09"),
    ("Output on 12 February was below the same quarter last year.", MAR6, "2024-01-01", "2024-03-31"),
])
def test_the_same_month_week_or_quarter_of_a_day_is_its_calendar_one(text, dateline, start, end):
    found = [x for x in spans(text, dateline) if "same" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


@pytest.mark.parametrize("text, dateline, start", [
    ("The city has cut supply since early June and will review the cuts.", dt.date(2025, 7, 24), "2025-06-01"),
    ("Tankers have run since mid-April, and more will come.", dt.date(2025, 5, 29), "2025-04-11"),
    ("Prices have been capped since late November and will stay so.", MAR6, "2024-11-21"),
])
def test_since_a_part_of_a_month_has_begun_whatever_follows(text, dateline, start):
    assert [(x[1], x[2]) for x in spans(text, dateline)] == [(start, dateline.isoformat())]


@pytest.mark.parametrize("text, start, end", [
    ("Storage was this low in 2019, when rain in the first half of August filled the dams.", "2019-08-01", "2019-08-15"),
    ("Prices peaked in 2022. In the second half of March they fell.", "2022-03-16", "2022-03-31"),
    ("It last happened in 2018, in the first half of October.", "2018-10-01", "2018-10-15"),
])
def test_half_of_a_month_takes_the_year_named_before_it(text, start, end):
    found = [x for x in spans(text, MAR6) if "half" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


@pytest.mark.parametrize("text, surface", [
    ("Farmers said they had gone without water for three weeks in late June.", "in late June"),
    ("Residents had queued for two days in early May.", "in early May"),
    ("Workers went unpaid for four months during 2023.", "during 2023"),
])
def test_a_length_followed_by_the_date_it_lies_in_gives_the_date_only(text, surface):
    assert [x[0] for x in spans(text, MAR6)] == [surface]


def test_a_length_with_no_date_after_it_in_a_perfect_still_runs_to_the_dateline():
    assert spans("The road has been shut for three weeks.", MAR6) == [("for three weeks", "2025-02-13", "2025-03-06")]


@pytest.mark.parametrize("text, start, end", [
    ("Rainfall between June and August 2024 was low.", "2024-06-01", "2024-08-31"),
    ("Output fell from June to July 2023.", "2023-06-01", "2023-07-31"),
    ("Exports in the January-March 2022 period rose.", "2022-01-01", "2022-03-31"),
])
def test_a_span_of_months_with_a_year_after_it(text, start, end):
    assert [(x[1], x[2]) for x in spans(text, MAR6)] == [(start, end)]


def test_a_span_of_months_before_a_day_is_not_a_span():
    assert [x[0] for x in spans("Talks ran between June and 5 July.", MAR6)] == ["5 July"]


@pytest.mark.parametrize("text, start, end", [
    ("Repairs will be done in the second week of March.", "2025-03-08", "2025-03-14"),
    ("Sales slumped in the last week of February.", "2025-02-22", "2025-02-28"),
    ("Prices peaked in 2023, in the first week of May.", "2023-05-01", "2023-05-07"),
])
def test_a_week_of_a_month(text, start, end):
    found = [x for x in spans(text, MAR6) if "week" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


@pytest.mark.parametrize("text, start, end", [
    ("The work should be finished by the end of the month.", "2025-03-21", "2025-03-31"),
    ("Fares rise at the start of next month.", "2025-04-01", "2025-04-10"),
    ("Stocks ran low at the end of last month.", "2025-02-21", "2025-02-28"),
])
def test_a_part_of_this_next_or_last_month(text, start, end):
    assert [(x[1], x[2]) for x in spans(text, MAR6)] == [(start, end)]


@pytest.mark.parametrize("text, dateline, start, end", [
    ("The market operator said it had contracted 250MW of emergency supply for the summer.", dt.date(2026, 1, 21),
     "2025-12-01", "2026-02-28"),  # an Australian story: the summer under way
    ("Crews stockpiled salt for the winter, officials said.", dt.date(2025, 6, 10), "2025-12-01", "2026-02-28"),
    ("The plant will close for the summer.", dt.date(2025, 6, 10), "2025-06-01", "2025-08-31"),
])
def test_for_a_season_is_the_one_under_way_or_ahead(text, dateline, start, end):
    if "operator" in text:
        text = "Heat in Adelaide, South Australia.\n\n" + text
    found = [x for x in spans(text, dateline) if "summer" in x[0] or "winter" in x[0]]
    assert [(x[1], x[2]) for x in found] == [(start, end)]


def test_for_a_season_before_a_noun_is_no_date():
    assert spans("She applied for the summer school.", dt.date(2025, 6, 10)) == []
