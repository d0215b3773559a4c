"""The teacher's view of a class: a log of self-check attempts, and a report on it.

Self-checks (:func:`newslab.checks.check`) tell a student at once what is right
or wrong.  With the **class log** switched on, each attempt also appends one
line to a file in the student's own work folder, and ``newslab progress`` reads
a whole class's files and shows where the class is stuck.

Switching it on
---------------
It is **off** unless a teacher switches it on, in one of two ways:

* ``NEWSLAB_CLASS_LOG=1`` in the kernels' environment (on a JupyterHub:
  ``c.Spawner.environment = {"NEWSLAB_CLASS_LOG": "1"}``, which reaches every
  student; ``make hub CLASS_LOG=1`` passes it on).  ``NEWSLAB_CLASS_LOG=0``
  switches it off whatever the file below says.
* a file ``newslab-class.toml`` at the top of the checkout the students pull
  (beside ``cases/``) holding ``class_log = true``: commit it to the class
  repository and nbgitpuller hands it to every student.

When it is on, the first self-check of a session prints a notice saying so,
where the log is and what it holds.

What one line holds
-------------------
Five tab-separated fields and nothing else about the student (no name, no
answer)::

    question  try  result  kind  time
    02-share  2    wrong   fraction-for-percent  2026-12-03T09:30:12Z

``try`` is the kernel's count of tries at the question (it starts again after
a right answer or a restart; the report counts lines instead); ``result`` is
``right`` or ``wrong`` (an exercise still holding the ``...`` placeholder is
not a try and is not logged; ``unanswered`` is still read, from logs written
before that rule); ``kind`` is the kind of mistake the feedback named (:data:`KINDS`),
empty when right.  The file is ``<work>/newslab-progress.tsv``, where
``<work>`` is the work folder of :func:`newslab.stance.work_folder`
(``$NEWSLAB_WORK``, by default ``work/`` at the top of the checkout).  Each
line is written with one ``write`` to a file opened with ``O_APPEND``, so two
kernels of one student writing at once do not interleave their lines.

Reading a class
---------------
:func:`read_logs` finds every ``newslab-progress.tsv`` under the folders it is
given (for a hub: the students' home folders); each file is one student.  A
line that is not five valid fields (hand-edited, cut short, not UTF-8) and a
file that cannot be read are reported, with the file and line, and skipped.
:func:`summarize` gives one row per question, questions most students have not
got right first.

Examples
--------
>>> line = format_line("02-share", 2, False, "fraction-for-percent", when=_dt.datetime(2026, 12, 3, 9, 30, 12, tzinfo=_dt.timezone.utc))
>>> line
'02-share\\t2\\twrong\\tfraction-for-percent\\t2026-12-03T09:30:12Z\\n'
>>> parse_line(line.rstrip("\\n"))
Attempt(question='02-share', try_number=2, result='wrong', kind='fraction-for-percent', time='2026-12-03T09:30:12Z')
>>> parse_line("02-share\\tthree\\twrong\\t\\t2026-12-03T09:30:12Z")
Traceback (most recent call last):
...
ValueError: try must be a whole number ≥ 1, not 'three'
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import html
import os
import re
import statistics
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, Iterable

from ..core.errors import Problem
from ..core.files import os_error_message
from .stance import work_folder

__all__ = [
    "ENV",
    "CONFIG_NAME",
    "LOG_NAME",
    "KINDS",
    "Attempt",
    "ProgressReport",
    "enabled",
    "log_path",
    "mistake_kind",
    "format_line",
    "parse_line",
    "record",
    "find_logs",
    "read_logs",
    "summarize",
    "progress_chart",
]

#: The environment variable that switches the class log on (1) or off (0).
ENV = "NEWSLAB_CLASS_LOG"
#: The class setting file at the top of the checkout (``class_log = true``).
CONFIG_NAME = "newslab-class.toml"
#: The log file's name in the student's work folder.
LOG_NAME = "newslab-progress.tsv"

_ON = {"1", "true", "yes", "on"}
_OFF = {"0", "false", "no", "off", ""}
_QID = re.compile(r"\d\d-[a-z0-9-]+")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_KIND = re.compile(r"[a-z][a-z0-9-]*")
RESULTS = ("right", "wrong", "unanswered")

#: The kinds of mistake, and the start (or a distinctive part) of the feedback that names each.
#: The feedback comes from :func:`newslab.checks.judge`; ``known-mistake`` is an answer the case's
#: instructor listed under ``[[question.mistake]]``; ``other`` is a wrong answer with no named kind.
KINDS: dict[str, str] = {
    "unanswered": r"^(You have not answered yet|Your answer is None, so it counts as not answered yet)",
    "wrong-type": r"^(I expected (a number|text)|I could not read .* as a date|Pick one of the options)",
    "not-an-option": r" is not one of the options: ",
    "not-a-number": r"^Your answer is NaN",
    "empty": r"^Your answer is empty",
    "fraction-for-percent": r"^That looks like a fraction, not a percentage",
    "percent-for-fraction": r"^That looks like a percentage where a fraction",
    "units-factor": r"^Off by a factor of",
    "wrong-sign": r"^Right size, wrong sign",
    "off-by-one": r"^Off by one",
    "rounding": r"^Close, but outside the tolerance",
    "too-high": r"^Not yet: .* is too high\.$",
    "too-low": r"^Not yet: .* is too low\.$",
    "spelling": r"^Nearly: check the spelling",
    "wrong-year": r"^Right day and month, wrong year",
    "weeks-out": r"^Right day of the week, but",
    "day-out": r"^One day too (late|early)",
    "day-month-swapped": r"^Day and month swapped",
    "days-out": r"^Not yet: that is \d+ days too",
    "known-mistake": "",
    "other": "",
}
_KIND_PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in KINDS.items() if pattern]


# --------------------------------------------------------------------------- the setting


def _checkout_top(case: Any) -> Path | None:
    if case is None or getattr(case, "folder", None) is None:
        return None
    folder = Path(case.folder).resolve()
    return folder.parent.parent if folder.parent.name == "cases" else folder.parent


def enabled(case: Any = None, environ: dict | None = None) -> bool:
    """Whether the class log is on (see the module docstring).

    Parameters
    ----------
    case : Case, optional
        Its checkout is where ``newslab-class.toml`` is looked for.
    environ : dict, optional
        The environment (default ``os.environ``).

    Examples
    --------
    >>> enabled(environ={})
    False
    >>> enabled(environ={"NEWSLAB_CLASS_LOG": "1"})
    True
    >>> enabled(environ={"NEWSLAB_CLASS_LOG": "off"})
    False
    """
    environ = os.environ if environ is None else environ
    value = environ.get(ENV)
    if value is not None:
        value = value.strip().lower()
        if value in _ON:
            return True
        if value in _OFF:
            return False
        _warn_once(f"setting:{value}", f"newslab: {ENV}={environ.get(ENV)!r} is not 1 or 0; the class log stays off.")
        return False
    top = _checkout_top(case)
    if top is None or not (top / CONFIG_NAME).is_file():
        return False

    path = top / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        _warn_once(f"config:{path}", f"newslab: {path}: cannot be read as TOML ({exc}); the class log stays off.")
        return False
    value = data.get("class_log", False)
    if not isinstance(value, bool):
        _warn_once(f"config:{path}", f"newslab: {path}: class_log must be true or false, not {value!r}; the class log stays off.")
        return False
    return value


def log_path(case: Any = None) -> Path:
    """The class log file of this student: ``<work folder>/newslab-progress.tsv``."""

    return work_folder(case) / LOG_NAME


# --------------------------------------------------------------------------- one line


def mistake_kind(feedback: Any, question: Any = None) -> str:
    """The kind of mistake a self-check's feedback named ("" when the answer is right).

    Parameters
    ----------
    feedback : newslab.checks.Feedback
    question : newslab.checks.Question, optional
        Its ``mistakes`` (the instructor's known wrong answers) give the kind ``known-mistake``.

    Examples
    --------
    >>> from newslab.checks import Question, judge
    >>> q = Question(id="02-share", prompt="?", type="number", answer=3.96, tolerance=0.01, mistakes=[(7.0, "That is the 2020 figure.")])
    >>> [mistake_kind(judge(q, a), q) for a in (3.96, 0.0396, 7, 4.5, ...)]
    ['', 'fraction-for-percent', 'known-mistake', 'too-high', 'unanswered']
    """
    if getattr(feedback, "correct", False):
        return ""
    message = str(getattr(feedback, "message", ""))
    if question is not None and any(message == said for _, said in getattr(question, "mistakes", [])):
        return "known-mistake"
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(message):
            return kind
    return "other"


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def format_line(question_id: str, try_number: int, correct: bool | None, kind: str, when: _dt.datetime | None = None) -> str:
    """One log line (with its newline); ``correct=None`` means unanswered."""
    when = (when or _now()).astimezone(_dt.timezone.utc)
    result = "unanswered" if correct is None else ("right" if correct else "wrong")
    return f"{question_id}\t{int(try_number)}\t{result}\t{kind}\t{when.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"


@dataclass(frozen=True)
class Attempt:
    """One line of a class log."""

    question: str
    try_number: int
    result: str
    kind: str
    time: str


def parse_line(text: str) -> Attempt:
    """Read one log line (without its newline).

    Raises
    ------
    ValueError
        Saying which field is wrong.
    """
    fields = text.split("\t")
    if len(fields) != 5:
        raise ValueError(f"expected 5 tab-separated fields (question, try, result, kind, time), found {len(fields)}")
    qid, try_text, result, kind, time = fields
    if not _QID.fullmatch(qid):
        raise ValueError(f"question {qid!r} is not a self-check id like '02-share'")
    if not try_text.isascii() or not try_text.isdigit() or int(try_text) < 1:
        raise ValueError(f"try must be a whole number ≥ 1, not {try_text!r}")
    if result not in RESULTS:
        raise ValueError(f"result must be one of {', '.join(RESULTS)}, not {result!r}")
    if kind and not _KIND.fullmatch(kind):
        raise ValueError(f"kind {kind!r} is not a kind of mistake like 'off-by-one'")
    if result == "right" and kind:
        raise ValueError(f"a right answer has no kind of mistake, but this line says {kind!r}")
    if not _TIME.fullmatch(time):
        raise ValueError(f"time {time!r} is not a UTC time like 2026-12-03T09:30:12Z")
    try:
        _dt.datetime.strptime(time, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise ValueError(f"time {time!r} is not a real date and time") from None
    return Attempt(qid, int(try_text), result, kind, time)


# --------------------------------------------------------------------------- writing (in the student's kernel)

_said: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _said:
        _said.add(key)
        print(message, file=sys.stderr)


def _append(path: Path, line: str) -> None:
    """Append ``line`` with one write to a file opened with O_APPEND."""
    data = line.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        written = os.write(fd, data)
        if written != len(data):  # a full disk: take the half line back rather than leave it in the log
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise OSError(errno.ENOSPC, f"only {written} of {len(data)} bytes fitted", str(path))
    finally:
        os.close(fd)


def record(question: Any, try_number: int, feedback: Any, case: Any = None) -> Path | None:
    """Append one self-check attempt to the student's class log, if the class log is on.

    Called by :func:`newslab.checks.check` after each judged answer.  It never
    raises: a log that cannot be written is said once (on stderr) and the
    self-check goes on.

    Returns
    -------
    pathlib.Path or None
        The log file, or None when the class log is off or could not be written.
    """
    path = None
    try:
        if not enabled(case):
            return None
        path = log_path(case)
        kind = mistake_kind(feedback, question)
        correct = None if kind == "unanswered" else bool(getattr(feedback, "correct", False))
        _append(path, format_line(question.id, try_number, correct, kind))
    except Exception as exc:  # noqa: BLE001 - a log must never break a student's self-check
        why = os_error_message(exc, path, "cannot add to it") if isinstance(exc, OSError) and path else str(exc)
        _warn_once("write-failed", f"newslab: the class log could not be written ({why}); "
                   "your self-checks still work, and your answers in the notebook are not affected.")
        return None
    if "notice" not in _said:
        _said.add("notice")
        print(f"Class log on: each self-check adds one line to {path} (question, try, right or wrong, "
              "the kind of mistake, time; not your answer). Your teacher reads these to see where the class is stuck.")
    return path


# --------------------------------------------------------------------------- reading a class

_SKIP_DIRS = {"node_modules", "__pycache__", "site-packages"}
_MAX_DEPTH = 6


def find_logs(folders: Iterable[str | PathLike]) -> tuple[list[Path], list[Problem]]:
    """Every class log under ``folders`` (a folder, or a log file itself), each file once.

    Hidden folders, ``node_modules`` and ``site-packages`` are not searched,
    nor anything deeper than six folders down.
    """
    found: dict[Path, Path] = {}
    problems: list[Problem] = []
    for folder in folders:
        folder = Path(folder)
        if folder.is_file():
            found.setdefault(folder.resolve(), folder)
            continue
        if not folder.is_dir():
            problems.append(Problem(str(folder), None, "no such folder or file"))
            continue
        base = len(folder.parts)

        def walk_error(exc: OSError) -> None:
            problems.append(Problem(str(exc.filename or folder), None, f"cannot be searched: {exc.strerror or exc}"))

        for root, dirs, files in os.walk(folder, onerror=walk_error):
            depth = len(Path(root).parts) - base
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS and depth < _MAX_DEPTH)
            if LOG_NAME in dirs:
                problems.append(Problem(str(Path(root) / LOG_NAME), None, "is a folder, not a class log; skipped"))
                dirs.remove(LOG_NAME)
            if LOG_NAME in files:
                path = Path(root) / LOG_NAME
                found.setdefault(path.resolve(), path)
    return sorted(found.values()), problems


def _read_one(path: Path) -> tuple[list[Attempt] | None, list[Problem]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(str(path), None, f"cannot be read ({exc.strerror or exc}); skipped")]
    attempts: list[Attempt] = []
    problems: list[Problem] = []
    lines = data.split(b"\n")
    cut = lines.pop() if lines else b""  # after the last newline: empty unless the file was cut short
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            problems.append(Problem(str(path), number, "is not UTF-8 text; line skipped"))
            continue
        if not text.strip() or text.startswith("#"):
            continue
        try:
            attempts.append(parse_line(text))
        except ValueError as exc:
            problems.append(Problem(str(path), number, f"{exc}; line skipped"))
    if cut.strip():
        problems.append(Problem(str(path), len(lines) + 1, "is cut short (no end of line: the file was truncated "
                                "or is still being written); line skipped"))
    return attempts, problems


@dataclass
class ProgressReport:
    """What :func:`read_logs` found and :func:`summarize` made of it."""

    #: One row per question (see :func:`summarize`).
    rows: list[dict[str, Any]]
    #: How many students (log files) were read.
    students: int
    #: The log files read.
    files: list[Path] = field(default_factory=list)
    #: Files and lines that were skipped, and why.
    problems: list[Problem] = field(default_factory=list)

    COLUMNS = ("question", "students", "tried", "right", "not_yet", "median_tries", "common_mistakes")

    def stuck(self) -> list[dict[str, Any]]:
        """The questions more than half of the class has not got right yet."""
        return [row for row in self.rows if row["not_yet"] * 2 > self.students]

    def __str__(self) -> str:
        if not self.students:
            return "No class logs found."
        lines = [f"{self.students} student(s), {len(self.rows)} question(s) tried."]
        stuck = self.stuck()
        if stuck:
            lines.append("Most students have not got right: " + ", ".join(
                f"{r['question']} ({r['not_yet']} of {self.students})" for r in stuck) + ".")
        else:
            lines.append("No question is still not right for most of the class.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in self.COLUMNS) + "</tr>"
                       for r in self.rows)
        note = "".join(f"<li>{html.escape(str(p))}</li>" for p in self.problems)
        return (f"<p>{html.escape(str(self)).replace(chr(10), '<br>')}</p>"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                + (f"<p>Skipped:</p><ul>{note}</ul>" if note else ""))


def summarize(logs: dict[str, list[Attempt]], top: int = 3) -> list[dict[str, Any]]:
    """One row per question from each student's attempts.

    Parameters
    ----------
    logs : dict of str to list of Attempt
        Each student's attempts in the order they were written.
    top : int
        How many mistake kinds to name per question.

    Returns
    -------
    list of dict
        ``question``; ``students`` in the class; ``tried`` (students with at
        least one answer); ``right`` (students who got it right at least once);
        ``not_yet`` (the rest of the class, including those who have not tried);
        ``median_tries`` (answers up to and including the first right one, or all
        answers so far, over the students who tried); ``common_mistakes``
        (``kind ×count`` over all wrong answers).  Questions most students have
        not got right come first.

    Examples
    --------
    >>> a = lambda q, r, k="": Attempt(q, 1, r, k, "2026-12-03T09:00:00Z")
    >>> rows = summarize({"ann": [a("02-share", "wrong", "fraction-for-percent"), a("02-share", "right")],
    ...                   "bob": [a("02-share", "wrong", "fraction-for-percent"), a("00-weekday", "right")],
    ...                   "cat": [a("02-share", "unanswered", "unanswered")],
    ...                   "dan": [a("00-weekday", "wrong", "weeks-out"), a("00-weekday", "right")]})
    >>> [(r["question"], r["tried"], r["right"], r["not_yet"], r["median_tries"]) for r in rows]
    [('02-share', 2, 1, 3, 1.5), ('00-weekday', 2, 2, 2, 1.5)]
    >>> rows[0]["common_mistakes"]
    'fraction-for-percent ×2'
    """
    class_size = len(logs)
    per_question: dict[str, dict[str, Any]] = {}
    for attempts in logs.values():
        mine: dict[str, list[Attempt]] = {}
        for attempt in attempts:
            mine.setdefault(attempt.question, []).append(attempt)
        for qid, tries in mine.items():
            entry = per_question.setdefault(qid, {"tried": 0, "right": 0, "tries": [], "kinds": Counter()})
            answered = [t for t in tries if t.result != "unanswered"]
            first_right = next((i for i, t in enumerate(answered) if t.result == "right"), None)
            if answered:
                entry["tried"] += 1
                entry["tries"].append(len(answered) if first_right is None else first_right + 1)
            if first_right is not None:
                entry["right"] += 1
            entry["kinds"].update(t.kind or "other" for t in answered if t.result == "wrong")
    rows = []
    for qid, entry in per_question.items():
        median = statistics.median(entry["tries"]) if entry["tries"] else None
        if isinstance(median, float) and median.is_integer():
            median = int(median)
        rows.append({
            "question": qid,
            "students": class_size,
            "tried": entry["tried"],
            "right": entry["right"],
            "not_yet": class_size - entry["right"],
            "median_tries": median,
            "common_mistakes": "; ".join(f"{k} ×{n}" for k, n in
                                         sorted(entry["kinds"].items(), key=lambda kv: (-kv[1], kv[0]))[:top]),
        })
    rows.sort(key=lambda r: (-r["not_yet"], r["question"]))
    return rows


def read_logs(folders: Iterable[str | PathLike]) -> ProgressReport:
    """Read a class's logs and summarize them; bad files and lines are reported, never fatal.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as home:
    ...     for name, text in {"ann": "00-weekday\\t1\\tright\\t\\t2026-12-03T09:00:00Z\\n",
    ...                        "bob": "00-weekday\\t1\\twrong\\toff-by-one\\t2026-12-03T09:00:00Z\\n00-weekday\\t2\\tri"}.items():
    ...         log = Path(home, name, "newslab-class", "work", LOG_NAME)
    ...         log.parent.mkdir(parents=True)
    ...         _ = log.write_text(text, encoding="utf-8")
    ...     report = read_logs([home])
    ...     print(report)
    ...     print([p.line for p in report.problems], report.rows[0]["common_mistakes"])
    2 student(s), 1 question(s) tried.
    No question is still not right for most of the class.
    [2] off-by-one ×1
    """
    files, problems = find_logs(folders)
    logs: dict[str, list[Attempt]] = {}
    for path in files:
        attempts, bad = _read_one(path)
        problems += bad
        if attempts is not None:  # a file that cannot be read is not counted as a student
            logs[str(path)] = attempts
    return ProgressReport(summarize(logs), len(logs), [Path(p) for p in logs], problems)
