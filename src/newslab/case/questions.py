"""The self-check questions of a case: their file format, and which case they are judged against.

A case's ``checks/NN-*.toml`` (or ``checks.toml``) holds its questions, with
their answers base64-encoded (:func:`encode_answer`; not encryption), hints and
known mistakes; :func:`load_case_questions` reads them and
:func:`validate_case_questions` lists every problem with file and line, which
the case loader (:mod:`newslab.case.loader`) reports with the case's own.
Answers that are computed from the case are named in :data:`DERIVATIONS`.
Judging an answer is :mod:`newslab.case.checks`'s job, above the loader.

Examples
--------
>>> decode_answer(encode_answer("Saturday"))
'Saturday'
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
import math
import os
import re
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Callable

from ..core.errors import CheckError, Problem
from ..core.text import split_article
from ..core.tomlfile import line_of, read_toml
from .. import geo
from ..extract import numbers
from . import claims, stance

#: The case the self-checks judge (``"case"``), the tries so far per question
#: (``"attempts"``) and the questions read per case folder (``"questions"``):
#: shared with :mod:`newslab.case.checks`.
_state: dict[str, Any] = {"case": None, "attempts": {}, "questions": {}}


def _structure():
    """:mod:`newslab.extract.structure`, imported by the first question that needs it.

    It and :mod:`newslab.extract.voices` compile about 40 ms of regular
    expressions; a lesson that asks none of their questions (02, 03, 05) never pays.
    """
    from ..extract import structure

    return structure


def _voices():
    """:mod:`newslab.extract.voices`, imported by the first question that needs it (see :func:`_structure`)."""
    from ..extract import voices

    return voices


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
        """✓ right, ✗ not yet, … not answered yet (no try counted), ? no self-check to judge it."""
        return "?" if self.unavailable else "✓" if self.correct else "…" if self.unanswered else "✗"

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
            else ("#eef3f8", "#4a6d8c", "…", "Not answered yet") if self.unanswered  # not a wrong try
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


def _checkable_claim_count(case) -> int:
    """How many claims have a reference value to be checked against."""
    return int(case.claims["ref_value"].notna().sum())


def _quote_share(case) -> float:
    """The percentage of voices quoted directly, to one decimal; NaN when the case has no voices.

    A share of no voices is undefined (the lesson's own ``.mean()`` gives NA),
    so the self-check says it cannot judge rather than expect 0.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> _quote_share(SimpleNamespace(voices=pd.DataFrame({"mode": ["quote", "paraphrase", "quote"]})))
    66.7
    >>> _quote_share(SimpleNamespace(voices=pd.DataFrame({"mode": pd.Series([], dtype=str)})))
    nan
    """
    if len(case.voices) == 0:
        return float("nan")
    return round(100.0 * float((case.voices["mode"] == "quote").mean()), 1)


#: Answers that are computed from the case, so that a question works on any article.
DERIVATIONS: dict[str, Callable[[Any], Any]] = {
    "dateline_year": lambda case: case.dateline_date.year,  # lesson 00's demonstration check
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
    # Lessons 01-05: computed by the module each lesson uses.
    "lede_paragraph": lambda case: _structure().lede_index(case),
    "kicker_paragraph": lambda case: _structure().kicker_index(case),
    "quoted_speaker_count": lambda case: _structure().quoted_speaker_count(case),
    "missing_dateline_byline": lambda case: _structure().missing_parts(case),
    "busiest_number_sentence": lambda case: numbers.busiest_sentence(case.text),
    "disputed_claim_count": lambda case: claims.count_verdict(case, "disputed"),
    "border_miles_in_km": lambda case: geo.answer(case, "miles_in_km"),
    "border_spread_percent": lambda case: geo.answer(case, "spread_percent"),
    "map_distance_1": lambda case: geo.answer(case, "distance_1"),
    "map_distance_2": lambda case: geo.answer(case, "distance_2"),
    "top_quoted_share": lambda case: _voices().top_quoted_share(case.voices),
    "loaded_verb_count": lambda case: _voices().loaded_verb_count(case.voices),
    # A neutral verb weighs 0 on any article that has a voice to rewrite (None: no voices).
    "neutral_verb_weight": lambda case: 0 if len(case.voices) else None,
    "stance_example_kappa": stance.example_kappa,
    "checkable_claim_count": _checkable_claim_count,
    "quote_share": _quote_share,
    "extracted_number_count": lambda case: len(numbers.extract(case.text)),
}


def _strongest_verb(sentence: str) -> tuple[int, dict[str, str]]:
    """The weight of the most loaded attribution verb in ``sentence``, and which verb(s) it was.

    -1 when the voice finder sees no attribution at all (the verb was deleted).
    """
    voices = _voices()
    found = voices.extract(split_article(sentence, headline=False))
    verbs = [str(v) for v in found["verb"] if v]
    if not verbs:
        return -1, {"verbs": "no attribution verb"}
    top = max(voices.verb_weight(v) for v in verbs)
    named = sorted({v for v in verbs if voices.verb_weight(v) == top})
    return top, {"verbs": " and ".join(f"“{v}”" for v in named)}


#: What a ``measure`` question does to a student's answer before judging the number it gives.
MEASURES: dict[str, Callable[[str], tuple[Any, dict[str, str]]]] = {
    "strongest_verb_weight": _strongest_verb,
}


def adopt_case(case) -> None:
    """Make ``case`` the checks' case only if none has been chosen yet (:func:`newslab.load_case` calls this).

    So a script that loads one case and checks answers needs nothing more,
    and loading a second case never changes what the checks judge.
    """
    if _state["case"] is None:
        _state["case"] = case
