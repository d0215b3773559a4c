"""The extractors' accuracy on the hand-annotated development set (benchmarks/accuracy).

Three kinds of test:

* the scorer itself, on tiny hand-made cases where the right counts are known;
* the annotation files: every one valid, a broken one reported with file and line;
* the floors: recall and precision of each extractor on the whole set may not
  fall below what they were when the floors were set (``make accuracy`` prints
  the figures; raise a floor when an extractor gets better).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORE_PY = ROOT / "benchmarks" / "accuracy" / "score.py"
HELDOUT = ROOT / "benchmarks" / "accuracy" / "heldout"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("newslab_accuracy_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


score = _load_scorer()

#: Overall (recall, precision) floors, a little under the figures measured when
#: they were set (see benchmarks/accuracy/README.md for the date and figures).
FLOORS = {
    # measured on the 60 development articles once the second round of issue 14 was merged
    "numbers": (0.99, 0.99),  # measured 0.998 / 0.998
    "dates": (0.95, 0.94),  # measured 0.964 / 0.950
    "voices": (0.95, 0.95),  # measured 0.958 / 0.950; 0.984 / 0.972 on 68 articles after v15; 0.975 / 0.960 on 90
    # after v16 (kept: other helpers' new articles 91-102 are not tuned for voices, margin for them)
    "places": (0.85, 0.92),  # measured 0.856 / 0.923; 0.873 / 0.945 on 01-84 and 91-96 after pl16 (margin for 85-90, 97-102)
}


# ---------------------------------------------------------------------------
# The scorer on hand-made cases
# ---------------------------------------------------------------------------

def _item(fields, span=None):
    return score.Item(dict(fields), line=1, span=span)


def test_number_matching_counts_overlap_value_ranges_optional_and_duplicates():
    text = "Between 500 and 550 homes, about 40 people, one of the biggest, 2 boats."
    span = lambda s, n=1: score._locate(text, s, n)  # noqa: E731
    gold = [
        _item({"text": "Between 500 and 550", "low": 500, "high": 550}, span("Between 500 and 550")),
        _item({"text": "40", "value": 40}, span("40")),
        _item({"text": "2 boats", "value": 2}, span("2 boats")),
        _item({"text": "one", "value": 1, "optional": True}, span("one")),
    ]
    rows = [
        {"span": span("500 and 550"), "value": 525.0, "low": 500.0, "high": 550.0},  # hit: the range
        {"span": span("40"), "value": 4.0, "low": None, "high": None},  # overlaps, wrong value: false
        {"span": span("one"), "value": 1.0, "low": None, "high": None},  # optional: neither way
        {"span": span("2 boats"), "value": 2.0, "low": None, "high": None},  # hit
        {"span": span("2 boats"), "value": 2.0, "low": None, "high": None},  # duplicate: false
    ]
    s = score.match("numbers", gold, rows)
    assert (s.gold, s.hit, s.found, s.correct) == (3, 2, 4, 2)
    assert [m[2] for m in s.misses] == ["'40' = 40"]
    assert len(s.false) == 2


def test_a_day_of_the_month_needs_its_date():
    text = "Talks on Oct. 3 and again on 5 July 2021."
    span = lambda s: score._locate(text, s, 1)  # noqa: E731
    gold = [
        _item({"text": "Oct. 3", "value": 3, "date": dt.date(2023, 10, 3)}, span("Oct. 3")),
        _item({"text": "5 July 2021", "value": 5, "date": dt.date(2021, 7, 5)}, span("5 July 2021")),
    ]
    rows = [  # no year written: month and day suffice unless the extractor was given the dateline
        {"span": span("Oct. 3"), "value": 3.0, "date": "--10-03", "low": None, "high": None},
        {"span": span("5 July 2021"), "value": 5.0, "date": "2021-07-06", "low": None, "high": None},
    ]
    s = score.match("numbers", gold, rows)
    assert (s.hit, s.correct) == (1, 1)
    rows[0]["_dateline"] = True  # given the dateline, it must have found the year
    assert score.match("numbers", gold, rows).hit == 0


def test_date_matching_needs_the_resolved_start_and_a_given_end():
    text = "It fell in the first half of 2023 and rose on Friday."
    span = lambda s: score._locate(text, s, 1)  # noqa: E731
    gold = [
        _item({"text": "the first half of 2023", "start": dt.date(2023, 1, 1), "end": dt.date(2023, 6, 30)},
              span("the first half of 2023")),
        _item({"text": "on Friday", "start": dt.date(2024, 1, 12)}, span("on Friday")),
    ]
    rows = [
        {"span": span("2023"), "start": dt.date(2023, 1, 1), "end": dt.date(2023, 12, 31)},  # whole year: wrong
        {"span": span("on Friday"), "start": dt.date(2024, 1, 12), "end": dt.date(2024, 1, 12)},
    ]
    s = score.match("dates", gold, rows)
    assert (s.gold, s.hit, s.found, s.correct) == (2, 1, 2, 1)


def test_voice_matching_uses_aliases_titles_and_mode():
    text = "“We will rebuild,” Dr Ann Lee of the ministry said. Officials said roads were cut."
    span = lambda s: score._locate(text, s, 1)  # noqa: E731
    gold = [
        _item({"speaker": "Ann Lee", "aliases": ["Lee"], "mode": "quote", "text": "We will rebuild"}, span("We will rebuild")),
        _item({"speaker": "Officials", "mode": "paraphrase", "text": "roads were cut"}, span("roads were cut")),
    ]
    rows = [
        {"span": span("We will rebuild"), "speaker": "Dr Ann Lee of the ministry", "quote_or_paraphrase": "quote"},
        {"span": span("roads were cut"), "speaker": "Officials", "quote_or_paraphrase": "quote"},  # wrong mode
    ]
    s = score.match("voices", gold, rows)
    assert (s.gold, s.hit, s.found, s.correct) == (2, 1, 2, 1)
    assert score.speaker_forms("the Directorate General of Health Services (DGHS)") >= {
        "directorate general of health services"}


def test_place_matching_needs_the_name_and_a_location_within_tolerance():
    gold = [
        _item({"name": "Rotterdam", "lat": 51.92, "lon": 4.48, "country": "NLD", "kind": "city"}),
        _item({"name": "Peru", "country": "PER", "kind": "country"}),
        _item({"name": "Ancash", "lat": -9.5, "lon": -77.5, "country": "PER", "kind": "region"}),
        _item({"name": "Red Sea", "lat": 20.0, "lon": 38.5, "country": "SAU", "kind": "sea"}),
    ]
    rows = [
        {"name": "Rotterdam", "surface": "Rotterdam", "lat": 42.79, "lon": -73.97, "country": "USA", "kind": "town"},
        {"name": "Peru", "surface": "Peru", "lat": -9.19, "lon": -74.39, "country": "PER", "kind": "country"},
        {"name": "Peru's Ancash region", "surface": "Peru's Ancash region", "lat": -9.4, "lon": -77.6,
         "country": "PER", "kind": "region"},
        {"name": "Red Sea", "surface": "Red Sea", "lat": None, "lon": None, "country": None, "kind": "region"},
    ]
    s = score.match("places", gold, rows)
    # the US namesake and the unlocated sea are both a miss and a false find
    assert (s.gold, s.hit, s.found, s.correct) == (4, 2, 4, 2)


def test_an_optional_item_never_takes_a_row_a_required_item_needs():
    text = "in the first two weeks of January"
    span = lambda s: score._locate(text, s, 1)  # noqa: E731
    gold = [
        _item({"text": "first two", "vague": True, "optional": True}, span("first two")),
        _item({"text": "two weeks", "value": 2}, span("two weeks")),
    ]
    rows = [{"span": span("two weeks"), "value": 2.0, "low": None, "high": None}]
    s = score.match("numbers", gold, rows)
    assert (s.gold, s.hit, s.found, s.correct) == (1, 1, 1, 1)


def test_the_scorer_examples_hold():
    import doctest

    result = doctest.testmod(score, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


def test_scores_add_up_and_empty_counts_are_perfect():
    a, b = score.Score(gold=4, hit=3, found=5, correct=3), score.Score(gold=0, hit=0, found=1, correct=1)
    a.add(b)
    assert (a.recall, a.precision) == (0.75, 4 / 6)
    assert (score.Score().recall, score.Score().precision) == (1.0, 1.0)


# ---------------------------------------------------------------------------
# The annotation files
# ---------------------------------------------------------------------------

ARTICLE = "A headline\n\nNAIROBI (AP) — About 40 people died on Friday, police said.\n"
GOOD = """dateline = 2024-01-13
numbers = [
  { text = "40", value = 40 },
]
dates = [
  { text = "on Friday", start = 2024-01-12 },
]
voices = [
  { speaker = "police", mode = "paraphrase", text = "About 40 people died" },
]
places = [
  { name = "Nairobi", aliases = ["NAIROBI"], lat = -1.29, lon = 36.82, country = "KEN", kind = "capital" },
]
"""


def _write(tmp_path, toml_text, article=ARTICLE):
    (tmp_path / "01-x.txt").write_text(article, encoding="utf-8")
    (tmp_path / "01-x.toml").write_text(toml_text, encoding="utf-8")
    return tmp_path


def test_a_good_annotation_loads(tmp_path):
    (art,) = score.load_set(_write(tmp_path, GOOD))
    assert art.dateline == dt.date(2024, 1, 13)
    assert [len(art.gold[e]) for e in score.EXTRACTORS] == [1, 1, 1, 1]
    assert art.text[slice(*art.gold["numbers"][0].span)] == "40"


@pytest.mark.parametrize("old, new, line, words", [
    ('{ text = "40", value = 40 }', '{ text = "41", value = 41 }', 3, "'41' does not occur"),
    ('start = 2024-01-12', 'start = "Friday"', 6, "wrong type"),
    ('mode = "paraphrase"', 'mode = "said"', 9, "mode 'said'"),
    ('country = "KEN"', 'country = "KE"', 12, "alpha-3"),
    ('lat = -1.29', 'lat = -91.29', 12, "off the globe"),
    ('{ text = "40", value = 40 }', '{ text = "40", low = 50, high = 40 }', 3, "above high"),
    ('{ text = "40", value = 40 }', '{ text = "40", valeu = 40 }', 3, "unknown field 'valeu'"),
    ("dateline = 2024-01-13", "dateline = 2024-13-01", 1, "not valid TOML"),
])
def test_a_broken_annotation_names_file_and_line(tmp_path, old, new, line, words):
    folder = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(score.AnnotationError) as info:
        score.load_set(folder)
    message = str(info.value)
    assert message.startswith(f"{folder / '01-x.toml'}, line {line}:"), message
    assert words in message


def test_the_command_reports_a_broken_file_without_a_traceback(tmp_path, capsys):
    folder = _write(tmp_path, GOOD.replace("{ text = \"40\"", "{ text = \"4O\""))
    assert score.main(["--dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "01-x.toml, line 3" in err and "Traceback" not in err


def test_an_article_without_annotation_is_reported(tmp_path):
    (tmp_path / "02-y.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(score.AnnotationError, match="missing"):
        score.load_set(tmp_path)


# ---------------------------------------------------------------------------
# The development set and the floors
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def articles():
    return score.load_set()


def test_the_set_is_at_least_twenty_articles_of_news_length(articles):
    assert len(articles) >= 20
    for art in articles:
        words = len(art.text.split())
        assert 250 <= words <= 450, f"{art.slug}: {words} words"
        assert all(art.gold[e] for e in ("numbers", "dates", "voices", "places")), art.slug


def test_accuracy_does_not_fall_below_the_floors(articles):
    result = score.score_articles(articles)
    low = []
    for extractor, (recall, precision) in FLOORS.items():
        s = result["overall"][extractor]
        if s.recall < recall or s.precision < precision:
            low.append(f"{extractor}: recall {s.recall:.3f} (floor {recall}), precision {s.precision:.3f} "
                       f"(floor {precision})")
    assert not low, "accuracy fell (run `make accuracy DETAILS=1` to see what changed):\n" + "\n".join(low)


def test_from_scores_only_the_articles_written_after_tuning(capsys):
    # the held-out part of the set (README: articles 27 on were written after the rules were tuned)
    assert score.main(["--from", "27", "--only", "numbers"]) == 0
    out = capsys.readouterr().out
    assert "27-mongolia-dzud" in out and "32-victoria-heatwave" in out and "26-cambodia" not in out
    assert score.main(["--from", "999"]) == 2  # no article numbered that high (the set reaches 102)
    assert "numbered 999 or more" in capsys.readouterr().err


def test_to_bounds_the_articles_scored(capsys):
    assert score.main(["--from", "27", "--to", "32", "--only", "numbers"]) == 0
    out = capsys.readouterr().out
    assert "27-mongolia-dzud" in out and "32-victoria-heatwave" in out and "33-fergana-water" not in out
    assert score.main(["--from", "40", "--to", "30"]) == 2
    assert "numbered 40 to 30" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# The blind held-out set (README: "Blind held-out set"): format only, no floor
# ---------------------------------------------------------------------------

def test_every_blind_held_out_file_passes_the_format_check():
    # load_set raises AnnotationError (file, line, problem) on the first broken file
    articles = score.load_set(HELDOUT)
    names = sorted(p.name for p in HELDOUT.iterdir())
    # 01-10 (helper ho14) and 11-20 (helper ho15), whose kinds of misses were shown to rule
    # writers, and 21-30 (helper ho16, the blind measure): README "Blind held-out set"
    assert len(articles) >= 30, "heldout/ lost articles: 01-10, 11-20 and the blind 21-30 are all scored"
    numbers = [int(a.slug[:2]) for a in articles if a.slug[:2].isdigit()]
    assert numbers == list(range(1, len(articles) + 1)), (
        "held-out articles are numbered 01, 02, ... without a gap or a repeat, so --from/--to pick the halves")
    assert names == sorted([f"{a.slug}.txt" for a in articles] + [f"{a.slug}.toml" for a in articles]), (
        "heldout/ holds only NN-slug.txt + NN-slug.toml pairs")
    for art in articles:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", art.slug), f"{art.slug}: name it NN-slug"
        words = len(art.text.split())
        assert 350 <= words <= 700, f"{art.slug}: {words} words (news length is 350-700)"
        assert all(art.gold[e] for e in score.EXTRACTORS), f"{art.slug}: annotate all four extractors"
        assert all(art.meta[k] for k in ("style", "region", "topic")), f"{art.slug}: style, region and topic"
