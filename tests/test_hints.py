"""Hints and feedback, walked over every question of every shipped case (issue 13, item 3).

For each question: an unanswered ``...`` is not a try (no hint, and the first
real try still gets the first hint); the stored wrong answers each get their
own feedback, with the hints in order, one per wrong try; no hint gives the
answer or a line of the notebook's solution; and the messages the issue found
misleading now say something true about the answer given.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import newslab
from newslab.case.checks import (
    NOT_ANSWERED,
    Derived,
    _state,
    _with_derived_mistakes,
    expected_answer,
    questions_for,
)

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(p.parent.name for p in (ROOT / "cases").glob("*/case.toml"))
CHECK = re.compile(r"newslab\.check\(\s*\"([\w-]+)\"")


def solutions() -> dict[str, list[str]]:
    """Question id -> the lines of its solution block in the notebooks (MyST twins)."""
    found: dict[str, list[str]] = {}
    for md in sorted((ROOT / "notebooks" / "md").glob("[0-9][0-9]-*.md")):
        for block, tail in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n(.*?)```", md.read_text(encoding="utf-8"), re.S):
            qid = CHECK.search(tail)
            if qid:
                found[qid.group(1)] = [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]
    return found


SOLUTIONS = solutions()


def _code(text: str) -> str:
    """Code as compared: no spaces or backticks, one kind of quote."""
    return re.sub(r"[\s`]", "", text).replace("'", '"')


def solution_fragments(qid: str) -> list[str]:
    """The right-hand sides of the solution's lines, and their insides when wrapped in int(), float() or round()."""
    fragments = []
    for line in SOLUTIONS.get(qid, []):
        rhs = line.split("=", 1)[1] if re.match(r"^\w+\s*=[^=]", line) else line
        rhs = re.sub(r"\s+if len\(.*$", "", rhs)  # "... if len(x) else None": the guard is not the answer
        fragments.append(rhs)
        inner = re.fullmatch(r"\s*(?:int|float|round)\((.*)\)\s*", rhs)  # value-keeping wrappers (not len)
        if inner:
            fragments.append(inner.group(1))
    return [_code(f) for f in fragments if len(_code(f)) >= 10]


def arithmetic(hint: str) -> list[float]:
    """The values of the plain arithmetic expressions in a hint (``100 * 250 / 398``)."""
    values = []
    for expr in re.findall(r"[\d(][\d_.\s()]*(?:[-+*/×÷−]\s*[\d_.()]+[\d_.\s()]*)+", hint):
        expr = expr.replace("×", "*").replace("÷", "/").replace("−", "-").strip()
        try:
            values.append(float(eval(compile(ast.parse(expr, mode="eval"), "<hint>", "eval"), {"__builtins__": {}})))
        except Exception:
            continue
    return values


def gives_answer(q, expected, hint: str) -> bool:
    if q.type == "number" and not q.measure:
        tol = max(q.tolerance, abs(float(expected)) * 0.005, 1e-9)
        if any(abs(v - float(expected)) <= tol for v in arithmetic(hint)):
            return True
        if abs(float(expected)) >= 10 or not float(expected).is_integer():
            numbers = [float(n.replace(",", "")) for n in re.findall(r"(?<![\w.])\d[\d,]*(?:\.\d+)?", hint)]
            return any(abs(n - float(expected)) <= tol for n in numbers)
        return False
    if q.type in ("text", "date") and len(str(expected)) >= 3:
        return re.search(rf"(?<!\w){re.escape(str(expected).casefold())}(?!\w)", hint.casefold()) is not None
    return False


def questions():
    for case_id in CASES:
        case = newslab.load_case(case_id)
        for qid in sorted(questions_for(case)):
            yield pytest.param(case_id, qid, id=f"{case_id}:{qid}")


@pytest.fixture
def fresh():
    """No attempts counted yet, so each test starts from the first hint."""
    _state["attempts"].clear()
    yield
    _state["attempts"].clear()


@pytest.mark.parametrize(("case_id", "qid"), list(questions()))
def test_every_question_walked_with_dots_and_its_stored_wrong_answers(case_id, qid, fresh):
    case = newslab.load_case(case_id)
    q = questions_for(case)[qid]
    try:
        expected = expected_answer(q, case)
    except newslab.NewslabError:
        pytest.skip(f"{case_id} cannot derive {qid}")
    # Hints never give the answer, nor a line of the solution.
    for hint in q.hints:
        assert not gives_answer(q, expected, hint), f"{case_id} {qid}: hint gives the answer {expected!r}: {hint}"
        leaked = [f for f in solution_fragments(qid) if f in _code(hint)]
        assert not leaked, f"{case_id} {qid}: hint holds the solution code {leaked[0]!r}: {hint}"
    # `...` (Run All on the student copy) is not a try: no hint, and it does not use one up.
    for _ in range(2):
        unanswered = newslab.check(qid, ..., case=case)
        assert unanswered.message == NOT_ANSWERED or unanswered.unavailable, unanswered
        assert not unanswered.hint and not unanswered.correct
    if unanswered.unavailable:
        return
    # Each stored wrong answer gets its own feedback; hints come in order, one per wrong try.
    mistakes = _with_derived_mistakes(q, case, expected).mistakes
    for n, (wrong, message) in enumerate(mistakes, start=1):
        if q.measure:
            continue  # judged from a sentence: walked in test_rewrite_feedback_names_the_verb_found
        feedback = newslab.check(qid, wrong, case=case)
        assert not feedback.correct, f"{case_id} {qid}: stored wrong answer {wrong!r} is judged right"
        assert feedback.message == message, f"{case_id} {qid}: {wrong!r} got {feedback.message!r}, not its own feedback"
        if q.hints:
            assert feedback.hint == q.hints[min(n, len(q.hints)) - 1], f"{case_id} {qid}: hint {n} out of order"
        assert newslab.check(qid, ..., case=case).hint == "", "an unanswered cell shows no hint"
    # A right answer resets the hints.
    assert newslab.check(qid, expected if not q.measure else "“The border is open,” the minister said.", case=case).correct
    if q.hints and not q.measure:
        first_wrong = newslab.check(qid, "?" if q.type != "number" else float(expected) + 1000, case=case)
        assert first_wrong.hint == q.hints[0]


def test_unanswered_is_not_a_try_and_the_first_try_gets_the_first_hint(fresh):
    case = newslab.use_case("iran-taliban-2021")
    q = questions_for(case)["02-share-worldbank"]
    assert newslab.check("02-share-worldbank", ...).unanswered
    assert newslab.check("02-share-worldbank", 50).hint == q.hints[0]
    assert newslab.check("02-share-worldbank", 50).hint == q.hints[1]


@pytest.mark.parametrize(("answer", "says"), [
    ("Sat", "short form"),          # 00-weekday: an abbreviation, not "Not what I expected."
    ("Etemad", "asks for an id"),   # 04-misquoted: a name where an id is asked
    ("the dateline", "only part"),  # 01-lost: one of the two parts it lost
])
def test_text_and_choice_feedback_says_what_is_wrong(answer, says, fresh):
    case = newslab.use_case("iran-taliban-2021")
    qid = {"Sat": "00-weekday", "Etemad": "04-misquoted", "the dateline": "01-lost"}[answer]
    assert says in newslab.check(qid, answer, case=case).message


def test_counts_off_by_one_are_not_told_to_count_both_ends(fresh):
    case = newslab.use_case("iran-taliban-2021")
    paragraphs = newslab.check("00-paragraphs", len(case.paragraphs()) + 1, case=case)
    assert paragraphs.message == "Off by one: 15 is one too many."
    # every row of the seed's claims has a reference now ("one of the main concerns" is no number): the second
    # case has rows without one
    other = newslab.use_case("irish-border-2023")
    checked = newslab.brief.checked_claims(other)
    every_row = newslab.check("05-checkable", len(checked), case=other)
    assert "every row" in every_row.message and "both ends" not in every_row.message


def test_the_wrong_pair_of_places_is_named_as_such(fresh):
    case = newslab.use_case("iran-taliban-2021")
    pairs = newslab.geo.distance_pairs(case)
    d2 = newslab.geo.place_distance_km(case, *pairs[1])
    assert "second pair" in newslab.check("03-distance-1", d2, case=case).message
    d1 = newslab.geo.place_distance_km(case, *pairs[0])
    assert "first pair" in newslab.check("03-distance-2", d1, case=case).message


def test_rewrite_feedback_names_the_verb_found(fresh):
    """04-rewrite with "claimed" used to be told that `.replace()` did not find the verb."""
    case = newslab.use_case("iran-taliban-2021")
    loudest = case.voices.loc[case.voices["verb"].map(newslab.voices.verb_weight).idxmax()]
    sentence = case.document.sentences[loudest["sentence"]].text
    claimed = newslab.check("04-rewrite", sentence.replace(loudest["verb"], "claimed"))
    assert "“claimed”" in claimed.message and not claimed.correct
    unchanged = newslab.check("04-rewrite", sentence)
    assert f"“{loudest['verb']}”" in unchanged.message
    assert newslab.check("04-rewrite", sentence.replace(loudest["verb"], "said")).correct
    assert "no attribution verb" in newslab.check("04-rewrite", "The border is long.").message
    assert newslab.check("04-rewrite", ...).unanswered


def test_form_hints_render_code_as_code():
    case = newslab.use_case("iran-taliban-2021")
    shown = newslab.check("00-weekday", "Monday", case=case)._repr_html_()
    assert "`" not in shown and "<code>" in shown


def test_a_derived_mistake_is_read_from_checks_toml(tmp_path):
    from newslab.case.checks import load_questions

    path = tmp_path / "checks.toml"
    path.write_text('[[question]]\nid = "05-checkable"\nprompt = "How many?"\ntype = "number"\n'
                    'derive = "checkable_claim_count"\n[[question.mistake]]\nderive = "claim_count"\n'
                    'feedback = "That is every row."\n', encoding="utf-8")
    assert load_questions(path)["05-checkable"].mistakes == [(Derived("claim_count"), "That is every row.")]
