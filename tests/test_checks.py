"""Self-checks: right answers pass, and each kind of wrong answer gets specific feedback."""

from __future__ import annotations

import datetime as dt

import pytest

from newslab import CheckError, load_case
from newslab.case.checks import (
    NOT_ANSWERED,
    Feedback,
    Question,
    check,
    decode_answer,
    encode_answer,
    judge,
    load_questions,
    use_case,
)


def number_q(**kw):
    base = dict(id="02-share", prompt="Share?", type="number", answer=3.96, tolerance=0.01, unit="percent")
    base.update(kw)
    return Question(**base)


@pytest.mark.parametrize("value", [3.96, 3.955, 3.97, "3.96", "3.96 %", "3.96%", " 3.96 "])
def test_numbers_within_tolerance_are_right(value):
    assert judge(number_q(), value).correct


@pytest.mark.parametrize(
    "value, feedback",
    [
        (0.0396, "fraction, not a percentage: multiply by 100"),
        (396, "percentage where a fraction"),
        (3960, "factor of a thousand"),
        (-3.96, "wrong sign"),
        (3.99, "Close, but outside the tolerance (±0.01 percent)"),
        (7.5, "7.5 percent is too high"),
        (1.0, "1 percent is too low"),
        ("about four", "I expected a number (in percent), but got the text 'about four'"),
        (True, "I expected a number"),
        (float("nan"), "NaN"),
    ],
)
def test_wrong_numbers_get_specific_feedback(value, feedback):
    result = judge(number_q(), value)
    assert not result.correct
    assert feedback in result.message


def test_known_mistake_wins_over_generic_feedback():
    q = number_q(mistakes=[(4.08, "That uses the CIA population; the question asks for the World Bank's.")])
    assert judge(q, 4.08).message.startswith("That uses the CIA population")


def test_off_by_one_count():
    q = Question(id="00-n", prompt="How many?", type="number", answer=14)
    assert "Off by one" in judge(q, 15).message
    assert judge(q, 14).correct
    assert judge(q, "14").correct


def test_thousands_separators_in_text_answers():
    q = Question(id="02-n", prompt="How many?", type="number", answer=3500000)
    assert judge(q, "3,500,000").correct
    assert judge(q, "3 500 000").correct


@pytest.mark.parametrize("value", ["Saturday", "saturday", " SATURDAY. ", "the Saturday"])
def test_text_is_normalised(value):
    q = Question(id="00-weekday", prompt="?", type="text", answer="Saturday")
    assert judge(q, value).correct


def test_text_feedback():
    q = Question(id="04-who", prompt="?", type="text", answer="Etemad", accept=["Etemad newspaper"],
                 mistakes=[("Kayhan", "Kayhan is the hard-line daily; this quote is the reformist one.")])
    assert judge(q, "Etemad Newspaper").correct
    assert "check the spelling" in judge(q, "Etemadd").message
    assert judge(q, "kayhan").message.startswith("Kayhan is the hard-line")
    assert judge(q, 5).message.startswith("I expected text")
    assert judge(q, "  ").message == "Your answer is empty."
    assert judge(q, "Reuters").message == "Not yet: 'Reuters' is not the answer to this question."


@pytest.mark.parametrize(
    "value",
    ["2021-07-11", dt.date(2021, 7, 11), dt.datetime(2021, 7, 11, 9, 30), "11 July 2021", "July 11, 2021", "Sunday 11 July 2021", "11th July 2021"],
)
def test_dates_in_many_spellings(value):
    q = Question(id="01-sunday", prompt="?", type="date", answer="2021-07-11")
    assert judge(q, value).correct


def test_pandas_timestamps_are_dates():
    pd = pytest.importorskip("pandas")
    q = Question(id="01-sunday", prompt="?", type="date", answer="2021-07-11")
    assert judge(q, pd.Timestamp("2021-07-11")).correct


@pytest.mark.parametrize(
    "value, feedback",
    [
        ("2021-07-18", "Right day of the week, but 1 week(s) too late"),
        ("2021-07-04", "1 week(s) too early"),
        ("2021-07-12", "One day too late"),
        ("2020-07-11", "Right day and month, wrong year"),
        ("2021-11-07", "Day and month swapped?"),
        ("2021-08-31", "51 days too late"),
        ("11/07/2021", "write it as 'YYYY-MM-DD'"),
    ],
)
def test_wrong_dates_get_specific_feedback(value, feedback):
    q = Question(id="01-sunday", prompt="?", type="date", answer="2021-07-11")
    result = judge(q, value)
    assert not result.correct
    assert feedback in result.message


def test_choice_by_text_or_letter():
    q = Question(id="01-lede", prompt="?", type="choice", answer="¶1", choices=["¶1", "¶2", "¶3"],
                 mistakes=[("¶2", "¶2 explains why; the lede is the first paragraph.")])
    assert judge(q, "¶1").correct
    assert judge(q, "a").correct
    assert judge(q, "¶2").message.startswith("¶2 explains why")
    assert "not one of the options" in judge(q, "¶9").message


def test_unanswered_placeholder():
    for value in (..., None):
        result = judge(number_q(), value)
        assert not result.correct
        assert "not answered yet" in result.message
        # not shown as a wrong answer: the README says an unanswered check is not a try
        assert str(result).startswith("… ") and "✗" not in result._repr_html_()
        assert "Not answered yet" in result._repr_html_()


def test_hints_come_one_at_a_time_and_never_the_answer():
    q = number_q(hints=["first hint", "second hint"])
    assert judge(q, 9, attempt=1).hint == "first hint"
    assert judge(q, 9, attempt=2).hint == "second hint"
    assert judge(q, 9, attempt=7).hint == "second hint"
    assert judge(q, 3.96).hint == ""
    for attempt in (1, 2, 3):
        assert "3.96" not in str(judge(q, 9, attempt=attempt))


def test_feedback_renders_escaped_html_and_text():
    fb = Feedback("00-x", False, "<script>alert(1)</script>", hint="a & b")
    page = fb._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page
    assert "✗" in page and 'role="status"' in page
    assert str(fb).startswith("✗ <script>")
    assert not fb and Feedback("00-x", True, "ok")


def test_encoding_round_trip_and_no_plain_text():
    for value in ("Saturday", 3.96, 14, "Ça va — “quoted”"):
        stored = encode_answer(value)
        assert stored.startswith("b64:") and str(value) not in stored
        assert decode_answer(stored) == value
    assert decode_answer(encode_answer(dt.date(2021, 7, 11))) == "2021-07-11"
    with pytest.raises(TypeError):
        encode_answer([1, 2])
    with pytest.raises(ValueError, match="not a valid encoded answer"):
        decode_answer("b64:!!!")


def test_check_judges_the_case_use_case_chose_and_derives_answers(case_dir):
    case = use_case(case_dir)  # dateline 2022-11-21, a Monday
    assert check("00-weekday", "Monday").correct
    seed = load_case("iran-taliban-2021")  # loading another case does not move the checks
    assert check("00-weekday", "Monday").correct
    assert check("00-weekday", "Saturday", case=seed).correct
    assert use_case(seed) is seed  # choosing another case does
    assert check("00-weekday", "Saturday").correct
    assert check("00-paragraphs", len(seed.paragraphs())).correct


def test_seed_known_mistake_feedback():
    use_case("iran-taliban-2021")
    assert "Etemad editorial" in check("00-weekday", "Sunday").message


def test_hints_progress_per_question_and_reset_after_success():
    case = load_case("iran-taliban-2021")
    first = check("00-paragraphs", 0, case)
    second = check("00-paragraphs", 0, case)
    assert first.hint != second.hint
    assert check("00-paragraphs", len(case.paragraphs()), case).correct
    assert check("00-paragraphs", 0, case).hint == first.hint


def test_unknown_question_suggests_close_ids():
    use_case("iran-taliban-2021")
    from newslab.case.checks import question

    with pytest.raises(CheckError, match="no self-check '00-weekdays'.*Did you mean '00-weekday'"):
        question("00-weekdays")


def test_checking_a_question_the_case_lacks_says_so_without_stopping_the_lesson():
    case = load_case("iran-taliban-2021")
    feedback = check("00-weekdays", "Saturday", case)
    assert not feedback and feedback.unavailable
    assert str(feedback).startswith("? case 'iran-taliban-2021' has no self-check '00-weekdays'")
    assert "Did you mean '00-weekday'" in str(feedback)
    assert "Not checked" in feedback._repr_html_()


def test_broken_checks_file_names_line(tmp_path):
    path = tmp_path / "checks.toml"
    path.write_text('[[question]]\nid = "00-a"\nprompt = "?"\ntype = "number"\nanswer = "b64:MTQ="\n\n'
                    '[[question]]\nid = "00-b"\nprompt = "?"\ntype = "guess"\nanswer = "b64:MTQ="\n', encoding="utf-8")
    with pytest.raises(CheckError, match=r"checks.toml, line 8: question '00-b': type must be one of"):
        load_questions(path)


@pytest.mark.parametrize(
    "body, expected",
    [
        ('id = "bad id"\nprompt = "?"\ntype = "text"\nanswer = "b64:IngI"\n', "id must look like '02-share'"),
        ('id = "00-a"\nprompt = "?"\ntype = "text"\n', "give exactly one of 'answer' (encoded) and 'derive'"),
        ('id = "00-a"\nprompt = "?"\ntype = "number"\nanswer = "b64:InR3byI="\n', "the answer of a number question must be a number"),
        ('id = "00-a"\nprompt = "?"\ntype = "date"\nanswer = "b64:InR3byI="\n', "must be a date YYYY-MM-DD"),
        ('id = "00-a"\nprompt = "?"\ntype = "number"\nanswer = "b64:MTQ="\ntolerance = -1\n', "tolerance must be a number ≥ 0"),
        ('id = "00-a"\nprompt = "?"\ntype = "number"\nanswer = "b64:MTQ="\ntolerence = 1\n', "unknown key(s): tolerence"),
        ('id = "00-a"\nprompt = "?"\ntype = "choice"\nchoices = ["x"]\nanswer = "b64:InR3byI="\n', "must be one of its choices"),
    ],
)
def test_question_problems(tmp_path, body, expected):
    path = tmp_path / "checks.toml"
    path.write_text("[[question]]\n" + body, encoding="utf-8")
    with pytest.raises(CheckError) as info:
        load_questions(path)
    assert expected in str(info.value)


def test_missing_checks_file_means_no_questions(tmp_path):
    assert load_questions(tmp_path / "checks.toml") == {}


def test_widget_front_end_runs_the_same_check():
    pytest.importorskip("ipywidgets")
    from newslab.notebook.widgets import check_widget

    case = load_case("iran-taliban-2021")
    box = check_widget("00-paragraphs", case)
    prompt, row, out = box.children
    entry, button = row.children
    assert "How many paragraphs" in prompt.value
    assert entry.description == "Answer:" and button.description == "Check"
    entry.value = str(len(case.paragraphs()))
    box.check()  # what pressing the button does
    assert len(out.outputs) == 1
    assert "✓" in out.outputs[0]["data"]["text/plain"]
    entry.value = "0"
    box.check()
    assert "✗" in out.outputs[0]["data"]["text/plain"]


def test_questions_can_live_one_file_per_lesson(tmp_path):
    from newslab.case.checks import load_case_questions, question_files

    q = '[[question]]\nid = "{}"\nprompt = "?"\ntype = "number"\nanswer = "b64:MTQ="\n'
    (tmp_path / "checks.toml").write_text(q.format("00-a"), encoding="utf-8")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "02-numbers.toml").write_text(q.format("02-b"), encoding="utf-8")
    (tmp_path / "checks" / "01-reading.toml").write_text(q.format("01-c"), encoding="utf-8")
    assert [p.name for p in question_files(tmp_path)] == ["checks.toml", "01-reading.toml", "02-numbers.toml"]
    assert sorted(load_case_questions(tmp_path)) == ["00-a", "01-c", "02-b"]


def test_an_id_defined_in_two_lesson_files_is_an_error(tmp_path):
    from newslab.case.checks import load_case_questions

    q = '[[question]]\nid = "01-a"\nprompt = "?"\ntype = "number"\nanswer = "b64:MTQ="\n'
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "01-reading.toml").write_text(q, encoding="utf-8")
    (tmp_path / "checks" / "01-extra.toml").write_text(q, encoding="utf-8")
    with pytest.raises(CheckError, match=r"01-reading.toml: question '01-a' is also defined in .*01-extra.toml"):
        load_case_questions(tmp_path)


def test_a_derived_answer_the_case_cannot_give_is_not_checked_rather_than_raised(tmp_path):
    """A case made by new-case has the derived questions but not always what they need."""
    from pathlib import Path

    from newslab.case.checks import check
    from newslab.tools.newcase import new_case

    article = Path(__file__).parent / "fixtures" / "articles" / "wire-andes-water.txt"
    case = load_case(new_case(article, tmp_path / "andes-water"))
    # no stance/ folder: example_kappa raises NewslabError
    feedback = check("04-kappa", 0.5, case)
    assert feedback.unavailable and not feedback and feedback.mark == "?"
    assert "stance" in feedback.message and "Not checked" in feedback._repr_html_()
    # Bolivia and Peru share a land border (new-case proposes it): the world file measures it, so it is judged
    assert not check("03-spread-percent", 10.0, case).unavailable
    # a pair with no land border: geo.answer gives NaN
    toml = tmp_path / "andes-water" / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('[["BOL", "PER"]]', '[["ISL", "NOR"]]'), encoding="utf-8")
    feedback = check("03-spread-percent", 10.0, load_case(tmp_path / "andes-water"))
    assert feedback.unavailable and "border_spread_percent" in feedback.message
    # the answers the case does have are still judged
    assert check("00-weekday", case.dateline_date.strftime("%A"), case).correct
    assert not check("00-paragraphs", -1, case).unavailable


@pytest.mark.parametrize("case_id", ["iran-taliban-2021", "irish-border-2023"])
def test_lesson_00_demonstration_uses_up_no_hint_of_exercise_1(case_id):
    """Section 4's demonstration is wrong on any case and has its own question, so
    Exercise 1's first wrong try still shows Exercise 1's first hint."""
    case = load_case(case_id)
    weekday = case.dateline_date.strftime("%A")
    assert check("00-weekday", weekday, case).correct  # a right answer starts the hints over
    first_hint = check("00-weekday", "no day", case).hint
    assert check("00-weekday", weekday, case).correct
    demo = check("00-demo", case.dateline_date.year - 1, case)
    assert not demo.correct and "Off by one" in demo.message and demo.hint
    assert check("00-weekday", "no day", case).hint == first_hint
    assert check("00-demo", case.dateline_date.year, case).correct


def test_a_lesson_question_a_new_case_lacks_speaks_to_the_student(case_dir):
    """A case made with new-case lacks the lessons' stored-answer questions: the student reads that the
    teacher has not set it, not a list of other question ids to try."""
    case = load_case(case_dir)
    feedback = check("01-nut-graph", 3, case)
    assert not feedback and feedback.unavailable
    assert str(feedback).startswith("? Your teacher has not set this question for this article yet")
    assert "Did you mean" not in str(feedback) and "'01-nut-graph'" in str(feedback)


def test_a_paragraph_number_may_be_written_as_the_lessons_write_it():
    case = load_case("iran-taliban-2021")
    right = check("01-lede", 1, case)
    assert right.correct == check("01-lede", "¶1", case).correct
    assert check("01-lede", "¶ 1", case).correct == right.correct


# --------------------------------------------------------------------------- what a learner actually types


def test_none_is_not_answered_yet_but_not_told_to_replace_dots():
    """Code that gives None (``x = print(n)``, ``df.sort_values(..., inplace=True)``) was told to
    "replace the ... with your answer", in a cell that has no ``...`` left."""
    result = judge(number_q(), None)
    assert result.unanswered and not result.hint
    assert "replace the ..." not in result.message
    assert result.message.startswith("Your answer is None") and "print(" in result.message
    assert judge(number_q(), ...).message == NOT_ANSWERED


def test_a_table_or_a_column_for_a_number_is_named_by_its_size_not_printed():
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"paragraph": [1, 2, 3], "words": [28, 47, 40]})
    message = judge(number_q(), table).message
    assert "a whole table (DataFrame) of 3 rows and 2 columns" in message and "len(...)" in message
    assert "paragraph" not in message, "the table's print-out squeezed into one line"
    message = judge(number_q(), table["words"] > 30).message
    assert "a whole column (Series) of 3 values" in message and ".sum()" in message


def test_a_function_not_called_is_said_so():
    message = judge(number_q(), len).message
    assert "the function len, not called" in message and "len(...)" in message


def test_a_speakers_name_for_a_voice_id_is_told_to_give_the_id():
    """'Etemad' for the voice id 'etemad-warned' was told "looks like a short form: write the word in full"."""
    q = Question(id="04-misdescribed", prompt="?", type="text", answer="etemad-warned")
    message = judge(q, "Etemad").message
    assert "asks for an id" in message and "short form" not in message


def test_an_empty_form_says_what_to_do_in_the_form():
    """Pressing Check on an empty form said "replace the ... with your answer and run the cell again"."""
    pytest.importorskip("ipywidgets")
    from newslab.notebook.widgets import check_widget

    case = load_case("iran-taliban-2021")
    for qid, words in (("00-paragraphs", "You have not answered yet: type your answer in the box, then press Check"),
                       ("01-lost", "You have not answered yet: choose one of the options, then press Check")):
        box = check_widget(qid, case)
        box.check()
        shown = box.children[2].outputs[0]["data"]["text/plain"]
        assert words in shown and "..." not in shown.replace("…", ""), shown
        assert box.feedback.unanswered and not box.feedback.hint
