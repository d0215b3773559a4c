"""Self-checks: immediate, specific feedback on an exercise answer.

A notebook exercise ends with ``check("00-weekday", weekday)``.  The question and
its answer live in the case's ``checks.toml`` (see ``cases/README.md``), so the
same notebook checks answers about whichever article the class is reading.

The feedback says *what kind* of mistake an answer looks like where it can —
a fraction given for a percentage, a count off by one, a date a week out, a
known wrong reading the instructor listed — and offers the question's hints
one at a time, so a student is never stuck with a bare "wrong".

Stored answers are base64-encoded so that no answer stands in plain text in a
notebook, a case file or the student build.  That keeps honest students honest;
it is not encryption (see :func:`encode_answer`).

The question files are read by :mod:`newslab.case.questions`; the names it
defines are importable from here too.

Examples
--------
>>> q = Question(id="demo", prompt="What share?", type="number", answer=3.96, tolerance=0.01, unit="percent")
>>> print(judge(q, 3.957))
✓ Correct (within ±0.01 percent).
>>> print(judge(q, 0.0396))
✗ That looks like a fraction, not a percentage: multiply by 100.
>>> judge(q, 3.96).correct
True
"""

from __future__ import annotations

import datetime as _dt
import difflib
import html
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import progress
from ..core.errors import CheckError, NewslabError
from ..core.text import normalize_for_match
from .loader import DEFAULT_CASE, Case, find_case_dir, load_case
from .questions import (  # re-exported: newslab.checks.encode_answer and the like, as before
    TYPES,
    Question,
    Derived,
    Feedback,
    _inline_html,
    encode_answer,
    decode_answer,
    load_questions,
    validate_questions,
    question_files,
    load_case_questions,
    validate_case_questions,
    DERIVATIONS,
    MEASURES,
    adopt_case,
    _state,
)

__all__ = [
    "Question",
    "Feedback",
    "check",
    "grade",
    "Grade",
    "judge",
    "encode_answer",
    "decode_answer",
    "load_questions",
    "validate_questions",
    "question_files",
    "load_case_questions",
    "validate_case_questions",
    "use_case",
    "adopt_case",
    "current_case",
    "DERIVATIONS",
    "unchecked_questions",
]

# --------------------------------------------------------------------------- judging


def _norm_text(value: Any) -> str:
    text = normalize_for_match(str(value)).casefold()
    text = text.strip(" .,;:!?\"'()")
    return re.sub(r"^(the|a|an) ", "", text)


def _to_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:  # an int beyond any float (10**400): as far off as infinity
            return math.inf if value > 0 else -math.inf
    if hasattr(value, "item") and callable(value.item):  # numpy / pandas scalars
        try:
            return _to_number(value.item())
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        # "¶7" is how the lessons write a paragraph's number, so it is read as 7
        text = value.strip().replace("\u2212", "-").rstrip("%").strip().removeprefix("¶").strip()
        text = re.sub(r"(?<=\d)[,_ ](?=\d{3}\b)", "", text)
        try:
            return float(text)
        except ValueError:
            return None
    return None


_MONTH_FORMATS = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y", "%A %d %B %Y", "%A %B %d %Y")


def _to_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        try:
            return value.date()
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
        text = re.sub(r"[,.]", " ", text)
        text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
        text = re.sub(r"\s+", " ", text).strip()
        for fmt in _MONTH_FORMATS:
            try:
                return _dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    return None


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol + 1e-9 * max(1.0, abs(b))


def _judge_number(q: Question, expected: float, answer: Any) -> tuple[bool, str]:
    value = _to_number(answer)
    if value is None:
        return False, f"I expected a number{f' (in {q.unit})' if q.unit else ''}, but got {_describe(answer)}."
    if math.isnan(value):
        return False, "Your answer is NaN (not a number): check the calculation for a missing value."
    if math.isinf(value):
        return False, ("Your answer is too large to be compared (beyond the largest number a computer stores): "
                       "check the calculation for a division by zero or a number typed twice.")
    tol = q.tolerance
    unit = f" {q.unit}" if q.unit else ""
    if _close(value, expected, tol):
        return True, "Correct." if tol == 0 else f"Correct (within ±{tol:g}{unit})."
    for wrong, message in q.mistakes:
        w = _to_number(wrong)
        if w is not None and _close(value, w, tol):
            return False, message
    if expected != 0:
        if _close(value * 100, expected, tol):
            return False, "That looks like a fraction, not a percentage: multiply by 100."
        if _close(value / 100, expected, tol):
            return False, "That looks like a percentage where a fraction (or plain number) was wanted: divide by 100."
        for factor, words in ((1000, "a thousand"), (1e6, "a million")):
            if _close(value / factor, expected, tol * 2) or _close(value * factor, expected, tol * 2):
                return False, f"Off by a factor of {words}: check the units (thousands? millions? metres or kilometres?)."
        if _close(-value, expected, tol):
            return False, "Right size, wrong sign."
    if float(expected).is_integer() and abs(value - expected) == 1:
        return False, f"Off by one: {value:g} is one too {'many' if value > expected else 'few'}."
    scale = max(tol, abs(expected) * 0.005)
    if abs(value - expected) <= 5 * scale:
        return False, f"Close, but outside the tolerance (±{tol:g}{unit}): check your rounding and which figures you used."
    direction = "high" if value > expected else "low"
    return False, f"Not yet: {value:g}{unit} is too {direction}."


def _judge_text(q: Question, expected: Any, answer: Any) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"I expected text (in quotes), but got {_describe(answer)}."
    given = _norm_text(answer)
    if not given:
        return False, "Your answer is empty."
    right = {_norm_text(a) for a in [expected, *q.accept]}
    if given in right:
        return True, "Correct."
    for wrong, message in q.mistakes:
        if given == _norm_text(wrong):
            return False, message
    if any(len(r) >= 4 and difflib.SequenceMatcher(None, given, r).ratio() >= 0.85 for r in right):
        return False, "Nearly: check the spelling."
    if all(_ID.fullmatch(str(r)) for r in [expected, *q.accept]) and not _ID.fullmatch(answer.strip()):
        return False, (f"This question asks for an id, written like 'word-word' (the `id` column of the table), "
                       f"and {_short_repr(answer.strip())} is not written like one.")
    if len(given) >= 2 and any(r.startswith(given) and len(r) > len(given) + 1 for r in right):
        return False, f"{_short_repr(answer.strip())} looks like a short form: write the word in full."
    return False, f"Not yet: {_short_repr(answer.strip())} is not the answer to this question."


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _judge_date(q: Question, expected: Any, answer: Any) -> tuple[bool, str]:
    want = _dt.date.fromisoformat(expected) if isinstance(expected, str) else expected
    got = _to_date(answer)
    if got is None:
        return False, (f"I could not read {_describe(answer)} as a date: write it as 'YYYY-MM-DD', "
                       "e.g. '2020-03-01', or use datetime.date(2020, 3, 1).")
    if got == want:
        return True, "Correct."
    for wrong, message in q.mistakes:
        if _to_date(wrong) == got:
            return False, message
    days = (got - want).days
    if (got.month, got.day) == (want.month, want.day):
        return False, "Right day and month, wrong year."
    if abs(days) % 7 == 0 and abs(days) <= 35:
        return False, f"Right day of the week, but {abs(days) // 7} week(s) too {'late' if days > 0 else 'early'}."
    if abs(days) == 1:
        return False, f"One day too {'late' if days > 0 else 'early'}: count again from the dateline."
    if got.day == want.month and got.month == want.day:
        return False, "Day and month swapped? Write dates as YYYY-MM-DD to avoid the confusion."
    return False, f"Not yet: that is {abs(days)} days too {'late' if days > 0 else 'early'}."


def _judge_choice(q: Question, expected: Any, answer: Any) -> tuple[bool, str]:
    if not isinstance(answer, str):
        return False, f"Pick one of the options as text, e.g. {q.choices[0]!r}." if q.choices else "Pick one of the options."
    given = _norm_text(answer)
    options = {_norm_text(c): c for c in q.choices}
    if given not in options:
        letters = {chr(ord("a") + i): c for i, c in enumerate(q.choices)}
        if given in letters:
            given = _norm_text(letters[given])
        else:
            return False, f"{_short_repr(answer)} is not one of the options: {', '.join(map(repr, q.choices))}."
    if given in {_norm_text(a) for a in [expected, *q.accept]}:
        return True, "Correct."
    for wrong, message in q.mistakes:
        if given == _norm_text(wrong):
            return False, message
    chosen = options[given]
    if any(set(given.split()) < set(_norm_text(a).split()) for a in [expected, *q.accept]):
        return False, f"{_short_repr(chosen)} is only part of it: another option says more."
    return False, f"Not that one: {_short_repr(chosen)} is one of the options, but not the right one."


_JUDGES = {"number": _judge_number, "text": _judge_text, "date": _judge_date, "choice": _judge_choice}

#: What a self-check says to an exercise left as the student build gives it.
NOT_ANSWERED = "You have not answered yet: replace the ... with your answer and run the cell again."
#: What it says to ``None``: there is no ``...`` left to replace, but the code gave no value.
NOT_ANSWERED_NONE = ("Your answer is None, so it counts as not answered yet: the code gave no value "
                     "(print(...) shows a value but gives None, and so does a method called with inplace=True). "
                     "Put the value itself after the =, then run the cell again.")


def _unanswered(answer: Any) -> bool:
    """True for ``...`` (the student build's placeholder) and None: not a try.

    Examples
    --------
    >>> [_unanswered(v) for v in (..., None, 0, "", "x")]
    [True, True, False, False, False]
    """
    return answer is Ellipsis or answer is None


def _short_repr(value: Any) -> str:
    """``repr(value)``, shortened: a repr can be enormous (or, for a huge int, refused by Python)."""
    try:
        shown = repr(value)
    except (ValueError, RecursionError):  # an int of more than 4300 digits
        shown = f"a number of about {int(value.bit_length() * 0.30103)} digits" if isinstance(value, int) else "(too large to show)"
    return shown if len(shown) <= 80 else shown[:60] + " … " + shown[-10:]


def _describe(value: Any) -> str:
    """What the student gave, in a few words.

    A table or a column is described by its size, not printed (its print-out
    is many lines squeezed into one); a function that was not called says so.

    Examples
    --------
    >>> _describe("14"), _describe(len)
    ("the text '14'", 'the function len, not called: write len(...) with what it works on between the brackets')
    """
    if isinstance(value, str):
        return f"the text {_short_repr(value)}"
    kind = type(value).__name__
    shape = getattr(value, "shape", None)
    if kind == "DataFrame" and isinstance(shape, tuple) and len(shape) == 2:
        rows, cols = shape
        return (f"a whole table (DataFrame) of {rows} row{'s' if rows != 1 else ''} and {cols} column{'s' if cols != 1 else ''}: "
                "reduce it to one value (len(...) counts its rows; pick a row and a column for one cell)")
    if kind == "Series" and isinstance(shape, tuple) and len(shape) == 1:
        return (f"a whole column (Series) of {shape[0]} value{'s' if shape[0] != 1 else ''}: reduce it to one value "
                "(.sum() adds it up, and counts the Trues; .iloc[0] picks the first value; len(...) counts them)")
    if callable(value) and kind in ("function", "builtin_function_or_method", "method"):
        name = getattr(value, "__name__", "the function")
        return f"the function {name}, not called: write {name}(...) with what it works on between the brackets"
    return f"{kind} {_short_repr(value)}"


def judge(question: Question, answer: Any, expected: Any = None, attempt: int = 1) -> Feedback:
    """Judge one answer to one question.

    Parameters
    ----------
    question : Question
    answer : object
        What the student gave.  ``...`` (the student build's placeholder) and
        ``None`` mean "not answered yet".
    expected : object, optional
        The right answer when the question derives it from the case.
    attempt : int
        How many times this question has been tried (1 = first); picks the hint.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> q = Question(id="demo", prompt="When?", type="date", answer="2021-07-11")
    >>> print(judge(q, "2021-07-18"))
    ✗ Right day of the week, but 1 week(s) too late.
    >>> print(judge(q, ...))
    … You have not answered yet: replace the ... with your answer and run the cell again.
    """
    if _unanswered(answer):
        return Feedback(question.id, False, NOT_ANSWERED if answer is Ellipsis else NOT_ANSWERED_NONE, unanswered=True)
    if any(isinstance(wrong, Derived) for wrong, _ in question.mistakes):  # only check() knows the case
        question = replace(question, mistakes=[m for m in question.mistakes if not isinstance(m[0], Derived)])
    want = question.answer if expected is None else expected
    facts: dict[str, str] = {}
    if question.measure and not (isinstance(answer, str) and answer.strip()):
        correct, message = False, ("Your answer is empty." if isinstance(answer, str)
                                   else f"I expected your answer as text (in quotes), but got {_describe(answer)}.")
    else:
        if question.measure:
            answer, facts = MEASURES[question.measure](answer)
        correct, message = _JUDGES[question.type](question, want, answer)
        message = re.sub(r"\{(\w+)\}", lambda m: facts.get(m.group(1), m.group(0)), message)
    hint = ""
    if not correct and question.hints:
        hint = question.hints[min(attempt, len(question.hints)) - 1]
    return Feedback(question.id, correct, message, hint)


# --------------------------------------------------------------------------- the current case




def use_case(case=None):
    """Load a notebook's case and make it the one its self-checks judge against.

    A lesson calls this once, right after its parameters cell::

        case = newslab.use_case(CASE)

    Every :func:`check` and form without an explicit ``case=`` then judges
    against that case, whatever other case is loaded later (lesson 05 loads a
    second article with :func:`newslab.load_case`; that does not move the
    checks).  Running the cell again with another ``CASE`` switches them.

    Parameters
    ----------
    case : Case, str or path-like, optional
        A loaded case, or a case id or folder to load with
        :func:`newslab.load_case`; by default :func:`newslab.default_case`.

    Returns
    -------
    Case
        The case, now the one :func:`check` judges against.

    Examples
    --------
    >>> case = use_case("iran-taliban-2021")
    >>> current_case() is case
    True
    """
    if not isinstance(case, Case):
        case = load_case(case)
    _state["case"] = case
    return case


def current_case():
    """The case the self-checks judge against: the one :func:`use_case` chose, else the
    first case loaded, else the default case (loaded now)."""
    if _state["case"] is None:
        use_case()
    return _state["case"]


def questions_for(case) -> dict[str, Question]:
    """The questions of a case (cached per case folder)."""
    return _questions_in(Path(case.folder))


def _questions_in(folder: Path) -> dict[str, Question]:
    """The questions of the case in ``folder``, read again only when a question file changes."""
    key = str(folder)
    stamp = tuple((str(p), p.stat().st_mtime) for p in question_files(folder))
    cached = _state["questions"].get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load_case_questions(folder))
        _state["questions"][key] = cached
    return cached[1]


def question(question_id: str, case=None) -> Question:
    """Look up one question of a case.

    Raises
    ------
    CheckError
        If the case has no such question; the message lists the ones it has.
    """
    case = case or current_case()
    questions = questions_for(case)
    if question_id not in questions:
        near = difflib.get_close_matches(question_id, list(questions), n=3)
        suggestion = f" Did you mean {', '.join(map(repr, near))}?" if near else ""
        raise CheckError(f"case {case.id!r} has no self-check {question_id!r}.{suggestion}")
    return questions[question_id]


def _is_lesson_question(question_id: str, case) -> bool:
    """Whether the lessons ask ``question_id`` (the default case has it) although ``case`` lacks it."""
    if case.id == DEFAULT_CASE:
        return False
    try:  # its question files only (cached), not the whole case: this runs for each such check
        return question_id in _questions_in(find_case_dir(DEFAULT_CASE))
    except NewslabError:  # no default case to compare with: say what the case lacks, as before
        return False


def _missing(value: Any) -> bool:
    """True for None, NaN and pandas' NA: a derivation's way of saying "this case has no answer".

    Examples
    --------
    >>> [_missing(v) for v in (None, float("nan"), 0, "", "x")]
    [True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def expected_answer(q: Question, case) -> Any:
    """The right answer to ``q`` for ``case`` (decoded, or derived from the case)."""
    return DERIVATIONS[q.derive](case) if q.derive else q.answer


def _with_derived_mistakes(q: Question, case, expected: Any) -> Question:
    """``q`` with its :class:`Derived` mistakes computed for ``case``; those that cannot be
    computed, or that equal the right answer on this case, are left out."""
    if not any(isinstance(wrong, Derived) for wrong, _ in q.mistakes):
        return q
    mistakes = []
    for wrong, message in q.mistakes:
        if isinstance(wrong, Derived):
            try:
                wrong = DERIVATIONS[wrong.name](case)
            except NewslabError:
                continue
            if _missing(wrong) or judge(replace(q, mistakes=[]), wrong, expected).correct:
                continue
            if hasattr(wrong, "item") and callable(wrong.item):
                wrong = wrong.item()
        mistakes.append((wrong, message))
    return replace(q, mistakes=mistakes)


def check(question_id: str, answer: Any, case=None) -> Feedback:
    """Check an answer and say what is right or wrong about it.

    Parameters
    ----------
    question_id : str
        As printed in the exercise, e.g. ``"00-weekday"``.
    answer : object
        Your answer: a number, text or date, as the exercise asks.
    case : Case, optional
        Defaults to the notebook's case: the one :func:`use_case` chose (the
        parameters cell's ``CASE``), else the first case loaded.  Loading
        another case does not change it; pass ``case=other`` to check an
        answer about another case.

    Returns
    -------
    Feedback
        Shows itself in a notebook; ``bool(feedback)`` tells whether it is right.
        "? Not checked" (``feedback.unavailable``) when the case has no such
        question, or when its answer is derived from something the case lacks
        (no stance codings, no border data, no voices ...): a lesson then runs
        on to the end and says what is missing instead of raising.

    Examples
    --------
    >>> case = use_case("iran-taliban-2021")
    >>> check("00-weekday", "saturday")
    ✓ Correct.
    """
    case = case or current_case()
    if question_id not in questions_for(case):  # (a broken checks file raises CheckError here)
        # A case made for another article may not have every lesson's questions yet:
        # say so and let Run All go on, rather than stop the lesson with a traceback.
        try:
            question(question_id, case)
        except CheckError as exc:
            if _is_lesson_question(question_id, case):  # a lesson's question this article has not been given
                return Feedback(question_id, False, "Your teacher has not set this question for this article yet, "
                                "so this answer cannot be checked here. (For teachers: add "
                                f"{question_id!r} to the checks/ folder of case {case.id!r}; see cases/README.md.)",
                                unavailable=True)
            return Feedback(question_id, False, f"{exc} This answer cannot be checked here; a teacher can "
                            "add the question to the case's checks/ folder (see cases/README.md).",
                            unavailable=True)
    q = question(question_id, case)
    try:
        expected = expected_answer(q, case)
    except NewslabError as exc:  # the case lacks what the derivation needs (e.g. no stance/ files)
        return Feedback(question_id, False, f"{str(exc).rstrip('.')}. This answer cannot be checked on this case until a teacher "
                        "adds what is missing (see cases/README.md).", unavailable=True)
    if q.derive and _missing(expected):
        return Feedback(question_id, False, f"case {case.id!r} does not have what this question needs yet "
                        f"(its answer, {q.derive}, cannot be computed from the case's tables), so this answer "
                        "cannot be checked here.", unavailable=True)
    if _unanswered(answer):  # an exercise left as the student build gives it is not a try
        return judge(q, answer, expected)
    q = _with_derived_mistakes(q, case, expected)
    attempts = _state["attempts"]
    key = (case.id, question_id)
    attempts[key] = attempts.get(key, 0) + 1
    feedback = judge(q, answer, expected, attempts[key])
    progress.record(q, attempts[key], feedback, case)  # the class log, when a teacher has switched it on
    if feedback.correct:
        attempts[key] = 0
    return feedback


def unchecked_questions(case, template=None) -> list[tuple[str, str]]:
    """The self-checks the lessons ask that ``case`` cannot judge yet, each with why.

    The lessons' exercises are those of ``template`` (default: the seed case,
    whose questions every lesson asks).  A question is *unchecked* when the
    case has no such question (its answer is stored for another article and
    must be written for this one), or when its answer is derived from
    something the case lacks.  In a notebook these exercises say "? Not
    checked" instead of judging; a teacher sees the list before the class.

    Returns
    -------
    list of (str, str)
        ``(question id, reason)`` in the lessons' order.

    Examples
    --------
    >>> unchecked_questions(load_case("iran-taliban-2021"))
    []
    """
    lessons = questions_for(load_case(template or DEFAULT_CASE))
    own = questions_for(case)
    out = []
    for qid in lessons:
        if qid not in own:
            out.append((qid, "not in checks/: its answer belongs to another article "
                             "(write this one's with `newslab encode-answer VALUE`)"))
            continue
        # An unanswered check is judged as a notebook would, without counting a try: the same
        # decision, and the same reason, as the "? Not checked" a student would see.
        feedback = check(qid, ..., case)
        if feedback.unavailable:
            out.append((qid, feedback.message))
    return out


# --------------------------------------------------------------------------- grading (nbgrader)


class Grade(float):
    """The points an answer earns: a number that shows itself as a sentence in a notebook.

    nbgrader's autograder reads a graded cell's result as plain text; a number
    there is the cell's score (partial credit).  So a graded cell ends with
    :func:`grade`, whose plain text is the points (``1.0``, ``0.0``) and whose
    notebook display says what they are for.
    """

    def __new__(cls, points: float, out_of: float, feedback: Feedback):
        value = super().__new__(cls, points)
        value.out_of, value.feedback = float(out_of), feedback
        return value

    def __repr__(self) -> str:
        return repr(float(self))

    def _repr_html_(self) -> str:
        fb = self.feedback
        why = ("not answered yet" if fb.unanswered else "this case cannot check it" if fb.unavailable
               else "right" if fb.correct else "not right yet")
        return (f'<div role="status" style="color:#333"><small>Graded ({html.escape(fb.question_id)}): '
                f"<b>{float(self):g} of {self.out_of:g}</b> point{'s' if self.out_of != 1 else ''}, {why}.</small></div>")


def grade(question_id: str, answer: Any, case=None, points: float = 1) -> Grade:
    """The points an answer earns, for a graded cell (nbgrader): ``points`` if right, else 0.

    Unlike :func:`check` it is not a try (no hint is used up) and it never
    raises: an unanswered ``...`` earns 0 and the lesson runs on.

    Examples
    --------
    >>> case = use_case("iran-taliban-2021")
    >>> grade("00-weekday", "Saturday"), grade("00-weekday", "Sunday"), grade("00-weekday", ...)
    (1.0, 0.0, 0.0)
    """
    case = case or current_case()
    if question_id not in questions_for(case):
        feedback = Feedback(question_id, False, "no such self-check", unavailable=True)
    else:
        q = question(question_id, case)
        try:
            expected = expected_answer(q, case)
            computable = not (q.derive and _missing(expected))
        except NewslabError:  # the case lacks what the derivation needs
            expected, computable = None, False
        if not computable:
            feedback = Feedback(question_id, False, "cannot be computed on this case", unavailable=True)
        else:
            feedback = judge(_with_derived_mistakes(q, case, expected), answer, expected)
    return Grade(points if feedback.correct else 0, points, feedback)
