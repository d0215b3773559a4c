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

This module uses the standard library only.

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

import base64
import datetime as _dt
import difflib
import html
import os
import importlib
import json
import math
import re
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from typing import Any, Callable

from . import progress
from .errors import CheckError, NewslabError, Problem
from .text import normalize_for_match
from .tomlfile import line_of, read_toml

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
]

TYPES = ("number", "text", "date", "choice")
_PREFIX = "b64:"


# --------------------------------------------------------------------------- encoding


def encode_answer(value: Any) -> str:
    """Encode an answer for a ``checks.toml`` file.

    Parameters
    ----------
    value : str, int, float or datetime.date

    Returns
    -------
    str
        ``"b64:"`` followed by the base64 of the value as JSON.

    Examples
    --------
    >>> encode_answer("Saturday")
    'b64:IlNhdHVyZGF5Ig=='
    >>> decode_answer(encode_answer(3.96))
    3.96
    """
    if isinstance(value, _dt.date):
        value = value.isoformat()
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(f"an answer must be text, a number or a date, not {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"an answer must be a finite number, not {value!r}: no student can reach it")
    raw = json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return _PREFIX + base64.b64encode(raw).decode("ascii")


def decode_answer(stored: str) -> Any:
    """Decode what :func:`encode_answer` made.

    Raises
    ------
    ValueError
        If ``stored`` is not an encoded answer.

    Examples
    --------
    >>> decode_answer("b64:IlNhdHVyZGF5Ig==")
    'Saturday'
    >>> decode_answer("Saturday")
    Traceback (most recent call last):
    ...
    ValueError: 'Saturday' is not an encoded answer: answers are stored as b64:..., made with `newslab encode-answer VALUE`
    """
    if not isinstance(stored, str) or not stored.startswith(_PREFIX):
        raise ValueError(f"{stored!r} is not an encoded answer: answers are stored as b64:..., made with `newslab encode-answer VALUE`")
    try:
        return json.loads(base64.b64decode(stored[len(_PREFIX):], validate=True).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"{stored!r} is not a valid encoded answer") from None


# --------------------------------------------------------------------------- questions


@dataclass
class Question:
    """One self-check question.

    Parameters
    ----------
    id : str
        ``NN-slug``: the notebook number, then a name.
    prompt : str
        The question as the student reads it.
    type : {"number", "text", "date", "choice"}
    answer : object, optional
        The decoded answer (a number, text, ISO date or choice).
    derive : str, optional
        Instead of ``answer``: the name of a function in :data:`DERIVATIONS`
        that computes the answer from the case.
    accept : list
        Other answers that count as right (text and choice questions).
    tolerance : float
        Numbers: how far from the answer still counts as right (absolute).
    unit : str
        Numbers: the unit, named in feedback.
    choices : list of str
        Choice questions: the options.
    hints : list of str
        Shown one at a time, after each wrong try.
    mistakes : list of (answer, feedback)
        Known wrong answers and what to say about each.  An answer may be a
        :class:`Derived` (a wrong answer computed from the case, such as
        "every row" where "the rows with a value" is asked).
    measure : str, optional
        Number questions: the name of a function in :data:`MEASURES` that
        turns the student's answer (text, e.g. a rewritten sentence) into the
        number judged.  Its findings can be named in feedback as ``{verbs}``.
    """

    id: str
    prompt: str
    type: str
    answer: Any = None
    derive: str | None = None
    accept: list = field(default_factory=list)
    tolerance: float = 0.0
    unit: str = ""
    choices: list = field(default_factory=list)
    hints: list = field(default_factory=list)
    mistakes: list = field(default_factory=list)
    measure: str | None = None


@dataclass(frozen=True)
class Derived:
    """A known wrong answer computed from the case (``derive = ...`` in a ``[[question.mistake]]``)."""

    name: str


@dataclass
class Feedback:
    """What a self-check says about one answer.

    ``bool(feedback)`` is whether the answer is right.  In a notebook it shows
    as a coloured box with a ✓ or ✗ (never colour alone); as text it is one
    line, plus a hint if there is one.
    """

    question_id: str
    correct: bool
    message: str
    hint: str = ""
    #: True when the case has no such self-check, so nothing could be judged.
    unavailable: bool = False
    #: True when no answer was given yet (``...`` or None): not a try, no hint.
    unanswered: bool = False

    def __bool__(self) -> bool:
        return self.correct

    @property
    def mark(self) -> str:
        """✓ right, ✗ not yet, ? no self-check to judge it."""
        return "?" if self.unavailable else ("✓" if self.correct else "✗")

    def __str__(self) -> str:
        mark = self.mark
        text = f"{mark} {self.message}"
        if self.hint:
            text += f"\n  Hint: {self.hint}"
        return text

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        colour, border, mark, word = (
            ("#eeeeee", "#555555", "?", "Not checked") if self.unavailable
            else ("#e8f4ea", "#1b7837", "✓", "Right") if self.correct
            else ("#fdf0e6", "#b35806", "✗", "Not yet")
        )
        hint = f"<br><b>Hint:</b> {_inline_html(self.hint)}" if self.hint else ""
        return (
            f'<div role="status" style="background:{colour};border-left:4px solid {border};'
            f'padding:0.4em 0.8em;color:#111">'
            f"<b>{mark} {word}</b> <small>({html.escape(self.question_id)})</small>: "
            f"{_inline_html(self.message)}{hint}</div>"
        )


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML, then show its Markdown `code` and **bold** as such.

    Examples
    --------
    >>> _inline_html("Use `a < b` and **not** <i>")
    'Use <code>a &lt; b</code> and <b>not</b> &lt;i&gt;'
    """
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", escaped)


def _parse_questions(path: Path, where: str | None = None) -> tuple[dict[str, Question], list[Problem]]:
    problems: list[Problem] = []
    where = where or str(path)
    data, text = read_toml(path, where, problems, missing_ok=True)
    if not text:
        return {}, problems
    questions: dict[str, Question] = {}
    for entry in data.get("question", []):
        qid = entry.get("id")
        line = line_of(text, "id", qid) if isinstance(qid, str) else None

        def bad(message: str, hint: str = "") -> None:
            problems.append(Problem(where, line, f"question {qid!r}: {message}" if qid else message, hint))

        if not isinstance(qid, str) or not re.fullmatch(r"\d\d-[a-z0-9-]+", qid):
            bad("id must look like '02-share' (notebook number, hyphen, a name)")
            continue
        if qid in questions:
            bad("this id is used twice")
            continue
        qtype = entry.get("type")
        if qtype not in TYPES:
            bad(f"type must be one of {', '.join(TYPES)}")
            continue
        unknown = set(entry) - {"id", "prompt", "type", "answer", "derive", "accept", "tolerance", "unit", "choices",
                                "hints", "mistake", "measure"}
        if unknown:
            bad(f"unknown key(s): {', '.join(sorted(unknown))}")
        try:
            answer = decode_answer(entry["answer"]) if "answer" in entry else None
            accept = [decode_answer(a) for a in entry.get("accept", [])]
            mistakes = []
            for m in entry.get("mistake", []):
                if ("answer" in m) == ("derive" in m):
                    raise ValueError("a mistake gives exactly one of 'answer' (encoded) and 'derive'")
                if "derive" in m and m["derive"] not in DERIVATIONS:
                    raise ValueError(f"mistake derive {m['derive']!r} is not one of: {', '.join(sorted(DERIVATIONS))}")
                wrong = Derived(m["derive"]) if "derive" in m else decode_answer(m["answer"])
                mistakes.append((wrong, str(m["feedback"])))
        except (ValueError, KeyError, TypeError) as exc:
            bad(f"bad stored answer: {exc}")
            continue
        measure = entry.get("measure")
        if measure is not None and (qtype != "number" or measure not in MEASURES):
            bad(f"measure must be one of {', '.join(sorted(MEASURES))}, on a number question")
            continue
        derive = entry.get("derive")
        if (answer is None) == (derive is None):
            bad("give exactly one of 'answer' (encoded) and 'derive'")
            continue
        if derive is not None and derive not in DERIVATIONS:
            bad(f"derive {derive!r} is not one of: {', '.join(sorted(DERIVATIONS))}")
            continue
        tolerance = entry.get("tolerance", 0.0)
        if not isinstance(tolerance, (int, float)) or tolerance < 0:
            bad("tolerance must be a number ≥ 0")
            continue
        if qtype == "number" and answer is not None and not isinstance(answer, (int, float)):
            bad("the answer of a number question must be a number")
            continue
        if qtype == "date" and answer is not None:
            try:
                _dt.date.fromisoformat(answer)
            except (TypeError, ValueError):
                bad("the answer of a date question must be a date YYYY-MM-DD")
                continue
        choices = list(entry.get("choices", []))
        if qtype == "choice" and answer is not None and answer not in choices:
            bad("the answer of a choice question must be one of its choices")
            continue
        if not entry.get("prompt"):
            bad("prompt is missing")
        questions[qid] = Question(
            id=qid, prompt=str(entry.get("prompt", "")), type=qtype, answer=answer, derive=derive,
            accept=accept, tolerance=float(tolerance), unit=str(entry.get("unit", "")), choices=choices,
            hints=[str(h) for h in entry.get("hints", [])], mistakes=mistakes, measure=measure,
        )
    return questions, problems


def load_questions(path: str | PathLike) -> dict[str, Question]:
    """Read a ``checks.toml`` file.

    Parameters
    ----------
    path : str or path-like

    Returns
    -------
    dict of str to Question
        Empty if the file does not exist.

    Raises
    ------
    CheckError
        If the file is broken; the message names the file, the line and the problem.
    """
    questions, problems = _parse_questions(Path(path))
    if problems:
        raise CheckError("\n".join(str(p) for p in problems))
    return questions


def validate_questions(path: str | PathLike, where: str | None = None) -> list[Problem]:
    """Every problem in a ``checks.toml`` file (an empty list if it is sound).

    ``where`` is how the file is named in messages (default: ``path``).
    """
    return _parse_questions(Path(path), where)[1]


def question_files(folder: str | PathLike) -> list[Path]:
    """The files that hold a case's self-checks, in the order they are read.

    A case keeps its questions in ``checks.toml``, or one file per lesson in
    ``checks/`` (``checks/01-reading.toml``, ...), or both, so that a lesson's
    questions travel with it when an instructor remixes the sequence.
    """
    folder = Path(folder)
    files = [folder / "checks.toml"] if os.path.lexists(folder / "checks.toml") else []  # a broken one is reported
    return files + sorted((folder / "checks").glob("*.toml"))


def _parse_case_questions(folder: Path, where=None) -> tuple[dict[str, Question], list[Problem]]:
    """All questions of a case folder; ``where(path)`` names a file in messages."""
    questions: dict[str, Question] = {}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in question_files(folder):
        name = where(path) if where else str(path)
        found, bad = _parse_questions(path, name)
        problems += bad
        for qid, q in found.items():
            if qid in questions:
                problems.append(Problem(name, None, f"question {qid!r} is also defined in {seen[qid]}",
                                        "give each self-check one home"))
                continue
            questions[qid], seen[qid] = q, name
    return questions, problems


def load_case_questions(folder: str | PathLike) -> dict[str, Question]:
    """Read every self-check of a case folder (see :func:`question_files`).

    Raises
    ------
    CheckError
        If a file is broken or two files define the same id.
    """
    questions, problems = _parse_case_questions(Path(folder))
    if problems:
        raise CheckError("\n".join(str(p) for p in problems))
    return questions


def validate_case_questions(folder: str | PathLike, where=None) -> list[Problem]:
    """Every problem in a case's self-check files; ``where(path)`` names a file in messages."""
    return _parse_case_questions(Path(folder), where)[1]


# --------------------------------------------------------------------------- answers computed from the case


def _weekday(case) -> str:
    return case.dateline_date.strftime("%A")


def _unique_top(values) -> Any:
    """The index label of the largest value, or None when two labels share it (no single answer).

    >>> import pandas as pd
    >>> _unique_top(pd.Series({1: 30, 2: 47, 3: 12}))
    2
    >>> _unique_top(pd.Series({1: 47, 2: 47})) is None
    True
    """
    if not len(values):
        return None
    top = values[values == values.max()]
    return int(top.index[0]) if len(top) == 1 else None


def _computed(target: str, *args: Any, of: str | None = None) -> Callable[[Any], Any]:
    """A derivation computed by ``newslab.<module>.<function>``, imported when first asked.

    The function is called with the case (or with the case's attribute ``of``,
    e.g. ``"voices"`` or ``"text"``) followed by ``args``.  Importing lazily keeps
    this module free of pandas and of the lessons' modules.
    """
    module, _, function = target.rpartition(".")

    def derive(case: Any) -> Any:
        func = getattr(importlib.import_module(f"newslab.{module}"), function)
        return func(getattr(case, of) if of else case, *args)

    derive.__name__ = target
    return derive


#: Answers that are computed from the case, so that a question works on any article.
DERIVATIONS: dict[str, Callable[[Any], Any]] = {
    "dateline_weekday": _weekday,
    "dateline_place": lambda case: case.dateline_place,
    "dateline_date": lambda case: case.dateline_date.isoformat(),
    "paragraph_count": lambda case: len(case.document.body),
    "sentence_count": lambda case: len(case.document.sentences) - (1 if case.document.has_headline else 0),
    "word_count": lambda case: sum(len(p.text.split()) for p in case.document.body),
    "voice_count": lambda case: len(case.voices),
    "claim_count": lambda case: len(case.claims),
    # Lesson 00's table primer: one pandas move each, on the case's own tables.
    "paraphrase_count": lambda case: int((case.voices["mode"] == "paraphrase").sum()),
    "longest_paragraph": lambda case: _unique_top(case.paragraphs().set_index("paragraph")["words"]),
    "repeated_speaker_count": lambda case: int((case.voices.groupby("speaker").size() > 1).sum()),
    # Lessons 01-05: computed by the lesson's own module, imported on first use.
    "lede_paragraph": _computed("structure.lede_index"),
    "kicker_paragraph": _computed("structure.kicker_index"),
    "quoted_speaker_count": _computed("structure.quoted_speaker_count"),
    "missing_dateline_byline": _computed("structure.missing_parts"),
    "busiest_number_sentence": _computed("numbers.busiest_sentence", of="text"),
    "disputed_claim_count": _computed("claims.count_verdict", "disputed"),
    "border_miles_in_km": _computed("geo.answer", "miles_in_km"),
    "border_spread_percent": _computed("geo.answer", "spread_percent"),
    "map_distance_1": _computed("geo.answer", "distance_1"),
    "map_distance_2": _computed("geo.answer", "distance_2"),
    "top_quoted_share": _computed("voices.top_quoted_share", of="voices"),
    "loaded_verb_count": _computed("voices.loaded_verb_count", of="voices"),
    # A neutral verb weighs 0 on any article that has a voice to rewrite (None: no voices).
    "neutral_verb_weight": lambda case: 0 if len(case.voices) else None,
    "stance_example_kappa": _computed("stance.example_kappa"),
    "checkable_claim_count": _computed("brief.checkable_claim_count"),
    "quote_share": _computed("brief.quote_share"),
    "extracted_number_count": _computed("brief.extracted_number_count"),
}


def _strongest_verb(sentence: str) -> tuple[int, dict[str, str]]:
    """The weight of the most loaded attribution verb in ``sentence``, and which verb(s) it was.

    -1 when the voice finder sees no attribution at all (the verb was deleted).
    """
    from .text import split_article
    from .voices import extract, verb_weight

    found = extract(split_article(sentence, headline=False))
    verbs = [str(v) for v in found["verb"] if v]
    if not verbs:
        return -1, {"verbs": "no attribution verb"}
    top = max(verb_weight(v) for v in verbs)
    named = sorted({v for v in verbs if verb_weight(v) == top})
    return top, {"verbs": " and ".join(f"“{v}”" for v in named)}


#: What a ``measure`` question does to a student's answer before judging the number it gives.
MEASURES: dict[str, Callable[[str], tuple[Any, dict[str, str]]]] = {
    "strongest_verb_weight": _strongest_verb,
}


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
        text = value.strip().replace("\u2212", "-").rstrip("%").strip()
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
    if len(given) >= 2 and any(r.startswith(given) and len(r) > len(given) + 1 for r in right):
        return False, f"{_short_repr(answer.strip())} looks like a short form: write the word in full."
    if all(_ID.fullmatch(str(r)) for r in [expected, *q.accept]) and not _ID.fullmatch(answer.strip()):
        return False, (f"This question asks for an id, written like 'word-word' (the `id` column of the table), "
                       f"and {_short_repr(answer.strip())} is not written like one.")
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
    """What the student gave, in a few words."""
    shown = _short_repr(value)
    if isinstance(value, str):
        return f"the text {shown}"
    return f"{type(value).__name__} {shown}"


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
    ✗ You have not answered yet: replace the ... with your answer and run the cell again.
    """
    if _unanswered(answer):
        return Feedback(question.id, False, NOT_ANSWERED, unanswered=True)
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


_state: dict[str, Any] = {"case": None, "attempts": {}, "questions": {}}


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
    from .case import Case, load_case

    if not isinstance(case, Case):
        case = load_case(case)
    _state["case"] = case
    return case


def adopt_case(case) -> None:
    """Make ``case`` the checks' case only if none has been chosen yet (:func:`newslab.load_case` calls this).

    So a script that loads one case and checks answers needs nothing more,
    and loading a second case never changes what the checks judge.
    """
    if _state["case"] is None:
        _state["case"] = case


def current_case():
    """The case the self-checks judge against: the one :func:`use_case` chose, else the
    first case loaded, else the default case (loaded now)."""
    if _state["case"] is None:
        use_case()
    return _state["case"]


def questions_for(case) -> dict[str, Question]:
    """The questions of a case (cached per case folder)."""
    folder = Path(case.folder)
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
