"""The class log (one line per self-check attempt) and `newslab progress` (the teacher's view)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path

import pytest

from newslab import progress
from newslab.case.checks import Question, check, judge
from newslab.tools.cli import main
from newslab.notebook.plots.progress import progress_chart
from newslab.case.progress import LOG_NAME, KINDS, mistake_kind, parse_line, read_logs

T = "2026-12-03T09:00:00Z"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    """Every test starts with the class log off and no notice printed yet."""
    monkeypatch.delenv(progress.ENV, raising=False)
    monkeypatch.setattr(progress, "_said", set())


# --------------------------------------------------------------------------- kinds of mistake

NUMBER = Question(id="02-share", prompt="?", type="number", answer=3.96, tolerance=0.01, unit="percent",
                  mistakes=[(7.0, "That is last year's figure.")])
COUNT = Question(id="01-count", prompt="?", type="number", answer=5)
TEXT = Question(id="00-place", prompt="?", type="text", answer="Tehran")
DATE = Question(id="00-date", prompt="?", type="date", answer="2021-07-05")
CHOICE = Question(id="04-pick", prompt="?", type="choice", answer="alarmed", choices=["alarmed", "neutral"])

#: One answer that makes the feedback name each kind.  When a message in checks.py changes,
#: this table fails and names the kind whose pattern in progress.KINDS must follow it.
EXAMPLES = {
    "unanswered": (NUMBER, ...),
    "wrong-type": (NUMBER, "three"),
    "not-an-option": (CHOICE, "worried"),
    "not-a-number": (NUMBER, float("nan")),
    "empty": (TEXT, "  "),
    "fraction-for-percent": (NUMBER, 0.0396),
    "percent-for-fraction": (NUMBER, 396),
    "units-factor": (NUMBER, 3960),
    "wrong-sign": (NUMBER, -3.96),
    "off-by-one": (COUNT, 6),
    "rounding": (NUMBER, 4.0),
    "too-high": (NUMBER, 10),
    "too-low": (NUMBER, 1),
    "spelling": (TEXT, "Tehrn"),
    "wrong-year": (DATE, "2020-07-05"),
    "weeks-out": (DATE, "2021-07-19"),
    "day-out": (DATE, "2021-07-06"),
    "day-month-swapped": (DATE, "2021-05-07"),
    "days-out": (DATE, "2021-03-01"),
    "known-mistake": (NUMBER, 7),
    "other": (CHOICE, "neutral"),
}


def test_every_kind_has_an_example():
    assert set(EXAMPLES) == set(KINDS)


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_the_feedback_names_each_kind(kind):
    question, answer = EXAMPLES[kind]
    feedback = judge(question, answer)
    assert not feedback.correct
    assert mistake_kind(feedback, question) == kind, feedback.message


def test_a_right_answer_has_no_kind():
    assert mistake_kind(judge(NUMBER, 3.96), NUMBER) == ""


# --------------------------------------------------------------------------- the setting and the hook


@pytest.fixture(autouse=True)
def _seed_case_bound():
    """Checks without ``case=`` judge the bound case: bind the seed, whatever earlier tests loaded."""
    import newslab

    newslab.use_case("iran-taliban-2021")


def _log_lines(folder: Path) -> list[str]:
    path = folder / LOG_NAME
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_off_by_default_nothing_is_written(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    assert check("00-weekday", "Friday").correct is False
    assert check("00-weekday", "saturday").correct is True
    assert not (tmp_path / LOG_NAME).exists()
    assert "Class log on" not in capsys.readouterr().out


def test_on_each_attempt_appends_one_line_and_nothing_else(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    monkeypatch.setenv(progress.ENV, "1")
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    check("00-weekday", ...)  # unanswered: not a try, so not logged
    check("00-weekday", "Friday")
    check("00-weekday", "saturday")
    lines = _log_lines(tmp_path)
    assert len(lines) == 2
    attempts = [parse_line(line) for line in lines]
    assert [(a.question, a.result) for a in attempts] == [("00-weekday", "wrong"), ("00-weekday", "right")]
    assert attempts[1].try_number == attempts[0].try_number + 1
    assert attempts[0].kind in KINDS and attempts[0].kind not in ("", "unanswered") and attempts[1].kind == ""
    assert dt.datetime.strptime(attempts[0].time, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc) >= before
    text = (tmp_path / LOG_NAME).read_text(encoding="utf-8").lower()
    assert "friday" not in text and "saturday" not in text  # never the answer itself
    out = capsys.readouterr().out
    assert out.count("Class log on") == 1 and str(tmp_path / LOG_NAME) in out  # the notice, once


def test_an_unjudged_question_is_not_logged(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    monkeypatch.setenv(progress.ENV, "1")
    assert check("99-no-such-question", 1).unavailable
    assert _log_lines(tmp_path) == []


@pytest.mark.parametrize("value, on", [("1", True), ("yes", True), ("0", False), ("off", False), ("maybe", False)])
def test_the_environment_setting(value, on):
    assert progress.enabled(environ={progress.ENV: value}) is on


def _checkout(tmp_path: Path, config: str | None):
    """A checkout with the seed case in cases/ and, optionally, a class setting file."""
    import shutil

    from newslab import load_case

    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "cases" / "iran-taliban-2021", tmp_path / "cases" / "iran-taliban-2021")
    shutil.copytree(root / "seeds", tmp_path / "seeds")  # the case's article
    if config is not None:
        (tmp_path / progress.CONFIG_NAME).write_bytes(config.encode("utf-8"))
    return load_case(str(tmp_path / "cases" / "iran-taliban-2021"))


def test_the_class_file_switches_it_on_for_a_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLAB_WORK", raising=False)
    case = _checkout(tmp_path, "class_log = true\n")
    assert progress.enabled(case)
    check("00-weekday", "Friday", case=case)
    assert len(_log_lines(tmp_path / "work")) == 1  # in the checkout's own work folder
    monkeypatch.setenv(progress.ENV, "0")  # the environment wins
    assert not progress.enabled(case)


@pytest.mark.parametrize("config", ["class_log = yes please\n", "class_log = 1\n", "\xff\xfe"])
def test_a_broken_class_file_leaves_it_off_and_says_so(tmp_path, capsys, config):
    case = _checkout(tmp_path, config)
    assert progress.enabled(case) is False
    assert progress.CONFIG_NAME in capsys.readouterr().err


def test_a_log_that_cannot_be_written_never_breaks_the_check(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("NEWSLAB_WORK", str(blocker))
    monkeypatch.setenv(progress.ENV, "1")
    assert check("00-weekday", "saturday").correct
    assert check("00-weekday", "saturday").correct
    assert capsys.readouterr().err.count("class log could not be written") == 1


def _append_many(path: str, tag: str, n: int) -> None:
    for i in range(n):
        progress._append(Path(path), progress.format_line(f"0{tag}-q", i + 1, i % 2 == 0, "" if i % 2 == 0 else "off-by-one"))


def test_two_kernels_appending_at_once_do_not_interleave_lines(tmp_path):
    path = tmp_path / LOG_NAME
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_append_many, args=(str(path), tag, 400)) for tag in "12"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 800
    attempts = [parse_line(line) for line in lines]  # raises on a torn line
    for tag in "12":
        assert [a.try_number for a in attempts if a.question == f"0{tag}-q"] == list(range(1, 401))


# --------------------------------------------------------------------------- reading a class


def _student(home: Path, name: str, text: str | bytes) -> Path:
    path = home / name / "newslab-class" / "work" / LOG_NAME
    path.parent.mkdir(parents=True)
    (path.write_bytes if isinstance(text, bytes) else lambda t: path.write_text(t, encoding="utf-8"))(text)
    return path


def _line(q, n, result, kind=""):
    return f"{q}\t{n}\t{result}\t{kind}\t{T}\n"


@pytest.fixture
def klass(tmp_path):
    home = tmp_path / "home"
    _student(home, "ann", _line("02-share", 1, "wrong", "fraction-for-percent") + _line("02-share", 2, "right")
             + _line("00-weekday", 1, "right"))
    _student(home, "bob", _line("02-share", 1, "wrong", "fraction-for-percent") + _line("02-share", 2, "wrong", "rounding")
             + _line("00-weekday", 1, "wrong", "other") + _line("00-weekday", 2, "right"))
    _student(home, "cat", _line("02-share", 1, "unanswered", "unanswered") + _line("00-weekday", 1, "right"))
    # Hand-edited: a bad field, a line with four fields, a comment, a line not in UTF-8, then cut short.
    _student(home, "dan", (_line("02-share", 1, "wrong", "fraction-for-percent") + _line("00-weekday", "x", "right")
                           + "00-weekday\t1\tright\t\n# my notes\n").encode() + b"\xff\xfe\n" + b"00-weekday\t1\tri")
    (home / "eve" / "work" / LOG_NAME).mkdir(parents=True)  # not a file
    (home / "fay" / ".cache" / "work").mkdir(parents=True)  # hidden folders are not searched
    (home / "fay" / ".cache" / "work" / LOG_NAME).write_text(_line("02-share", 1, "right"), encoding="utf-8")
    return home


def test_the_report_finds_where_the_class_is_stuck(klass):
    report = read_logs([klass])
    assert report.students == 4  # eve's "log" is a folder: reported, not counted
    rows = {r["question"]: r for r in report.rows}
    assert [r["question"] for r in report.rows] == ["02-share", "00-weekday"]
    share = rows["02-share"]
    assert (share["tried"], share["right"], share["not_yet"], share["median_tries"]) == (3, 1, 3, 2)
    assert share["common_mistakes"] == "fraction-for-percent ×3; rounding ×1"
    weekday = rows["00-weekday"]
    assert (weekday["tried"], weekday["right"], weekday["not_yet"], weekday["median_tries"]) == (3, 3, 1, 1)
    assert [r["question"] for r in report.stuck()] == ["02-share"]


def test_bad_files_and_lines_are_reported_with_file_and_line_and_skipped(klass):
    report = read_logs([klass])
    said = {(Path(p.path).parts[-4 if p.line else -3], p.line): p.message for p in report.problems}
    assert "try must be a whole number" in said[("dan", 2)]
    assert "expected 5 tab-separated fields" in said[("dan", 3)]
    assert "not UTF-8" in said[("dan", 5)]
    assert "cut short" in said[("dan", 6)]
    assert "is a folder, not a class log" in said[("eve", None)]
    assert len(report.problems) == 5


def test_the_command_prints_a_table_csv_and_a_chart(klass, tmp_path, capsys):
    chart = tmp_path / "out" / "progress.html"
    assert main(["progress", str(klass), "--chart", str(chart)]) == 0
    captured = capsys.readouterr()
    assert "4 student(s), 2 question(s) tried." in captured.out
    assert "Most students have not got right: 02-share (3 of 4)." in captured.out
    assert "| 02-share | 4 | 3 | 1 | 3 | 2 | fraction-for-percent ×3; rounding ×1 |" in captured.out
    assert "dan" in captured.err and "line 6" in captured.err  # reported, not fatal
    page = chart.read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in page and 'alt="Horizontal bars' in page and "<figcaption" in page

    assert main(["progress", str(klass), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "question,students,tried,right,not_yet,median_tries,common_mistakes"
    assert lines[1] == "02-share,4,3,1,3,2,fraction-for-percent ×3; rounding ×1"


def test_no_logs_is_a_clear_message_not_a_traceback(tmp_path, capsys):
    assert main(["progress", str(tmp_path), str(tmp_path / "missing")]) == 1
    err = capsys.readouterr().err
    assert "missing: no such folder or file" in err and f"no {LOG_NAME} found" in err


def test_the_chart_has_alt_text_and_a_caption(klass):
    shown = progress_chart(read_logs([klass]))
    assert "02-share (3 of 4 not yet)" in shown.alt
    assert shown.caption.startswith("Where the class is stuck")


def test_the_log_is_found_where_a_student_on_a_hub_keeps_it(tmp_path, monkeypatch):
    """One student's check() in their checkout, read back by the teacher from the home folders."""
    home = tmp_path / "home"
    case = _checkout(home / "ann" / "newslab-class", "class_log = true\n")
    monkeypatch.delenv("NEWSLAB_WORK", raising=False)
    check("00-weekday", "Friday", case=case)
    check("00-weekday", "Saturday", case=case)
    report = read_logs([home])
    assert report.students == 1 and report.problems == []
    assert report.rows[0]["question"] == "00-weekday" and report.rows[0]["median_tries"] == 2
    assert os.path.basename(report.files[0]) == LOG_NAME


def test_a_full_disk_leaves_no_half_line_and_says_which_file(tmp_path, monkeypatch, capsys):
    """A line that only half fitted stayed in the log (read back as a damaged line), and the
    student was told "only 12 of 40 bytes written" without the file."""
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    monkeypatch.setenv(progress.ENV, "1")
    assert check("00-weekday", "Friday") is not None  # one whole line first
    log = tmp_path / LOG_NAME
    before = log.read_bytes()
    real_write = os.write
    monkeypatch.setattr(progress.os, "write", lambda fd, data: real_write(fd, data[:12]))
    assert check("00-weekday", "saturday").correct  # the check itself goes on
    assert log.read_bytes() == before, "the half line was left in the log"
    err = capsys.readouterr().err
    assert str(log) in err and "the disk is full" in err, err


def test_a_read_only_work_folder_is_said_in_plain_words(tmp_path, monkeypatch, capsys):
    import errno
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    monkeypatch.setenv(progress.ENV, "1")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(progress.os, "open", read_only)
    assert check("00-weekday", "saturday").correct
    err = capsys.readouterr().err
    assert f"{tmp_path / LOG_NAME}: cannot add to it: the disk is read-only" in err, err
    assert "[Errno" not in err
