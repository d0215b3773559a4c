"""Hostile files, full disks and two students at once (issue 18: files, saves, validation).

Each test here reproduces one way a careless or malicious user (or an unlucky
disk) broke newslab, and holds the fix: a build that only ever deletes inside
its own folder, articles that are regular files of a sane size, saves that are
whole or not at all, students who never overwrite each other, a static site
without script, and what ``check-case`` accepts running in every lesson.
(tests/test_hostile.py has the extractor side.)
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from newslab.errors import ArticleError, CaseError, NewslabError

from conftest import ARTICLE, write_case

ROOT = Path(__file__).resolve().parents[1]
_HEALTH = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=_HEALTH)


# --------------------------------------------------------------------------- 1. a build deletes only inside build/


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A course folder with one notebook, a README beside it; cwd is it."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "lessons").mkdir()
    nb = new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\nx")])
    nbformat.write(nb, tmp_path / "notebooks" / "00-a.ipynb")
    (tmp_path / "README.md").write_text("the project's own README\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("entry", ["../../README.md", "ABSOLUTE", "lessons/../../../README.md", "./../x"])
def test_a_tampered_build_record_never_deletes_outside_the_build(project, entry, force):
    from newslab.build import MANIFEST_NAME, build

    build("student")
    outside = project / "README.md"
    if entry == "ABSOLUTE":
        entry = str(outside)
    elif entry == "./../x":
        outside = project / "build" / "x"
        outside.write_text("a neighbour's file\n", encoding="utf-8")
    record = project / "build" / "student" / MANIFEST_NAME
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"][entry] = _sha(outside)
    record.write_text(json.dumps(data), encoding="utf-8")
    if force:
        build("student", force=True)
    else:
        with pytest.raises(NewslabError, match=r"outside build.student.*nothing was removed"):
            build("student")
    assert outside.is_file()


def test_a_build_record_cannot_reach_out_through_a_symlinked_folder(project, tmp_path_factory):
    from newslab.build import MANIFEST_NAME, build

    elsewhere = tmp_path_factory.mktemp("elsewhere")
    victim = elsewhere / "00-a.ipynb"
    victim.write_text("someone else's\n", encoding="utf-8")
    build("student")
    (project / "build" / "student" / "lessons").symlink_to(elsewhere)
    record = project / "build" / "student" / MANIFEST_NAME
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"]["lessons/00-a.ipynb"] = _sha(victim)
    record.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(NewslabError, match="outside"):
        build("student")
    assert victim.is_file()


# --------------------------------------------------------------------------- 11. widget state stays out of the student build


def test_saved_widget_state_is_not_copied_into_the_student_build():
    from newslab.build import instructor_notebook, student_notebook

    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {"abc": {"state": {"value": "the instructor's answer: 1,037 km"}}}, "version_major": 2}}
    student = student_notebook(nb)
    assert "widgets" not in student.metadata
    assert "1,037" not in nbformat.writes(student)
    assert "widgets" in nb.metadata  # the source is untouched
    assert "widgets" in instructor_notebook(nb).metadata


# --------------------------------------------------------------------------- 2. what an article may be


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_being_read(device):
    from newslab.article import read_article

    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(ArticleError, match=r"is a device, not a regular file"):
        read_article(device)


def _no_hang(func, *args, timeout: float = 10.0):
    """Run ``func`` in a thread; fail (instead of hanging the suite) if it does not return in time."""
    result: dict = {}

    def run():
        try:
            result["value"] = func(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"{func.__name__}{args} did not return within {timeout} s"
    return result


def test_a_fifo_is_refused_without_hanging(tmp_path):
    from newslab.article import read_article

    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    try:
        result = _no_hang(read_article, fifo)
    finally:
        # unblock a reader stuck in open() on the old code, so the thread can end
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
    assert isinstance(result.get("error"), ArticleError)
    assert "a pipe (FIFO), not a regular file" in str(result["error"])


def test_the_cli_refuses_dev_zero_with_one_line(capsys):
    from newslab.cli import main

    assert main(["sentences", "/dev/zero"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/dev/zero: this is a device" in err


def test_an_article_over_the_size_cap_is_refused_naming_the_cap(tmp_path):
    from newslab.article import MAX_BYTES, read_article

    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"Headline\n\n")
        f.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    with pytest.raises(ArticleError, match=r"more than the 20 MB an article may have"):
        read_article(big)


@pytest.mark.parametrize("headline", ["PK files are zipped", "PKK fighters clash", "%PDF-A is an archive format", "GIF89a is a year"])
def test_a_headline_that_starts_like_a_file_signature_is_text(tmp_path, headline):
    from newslab.article import read_article

    path = tmp_path / "a.txt"
    path.write_text(f"{headline}\n\nThe body.\n", encoding="utf-8")
    assert read_article(path).startswith(headline)


@pytest.mark.parametrize("magic", [b"PK\x03\x04\x14\x00", b"PK\x05\x06" + b"\x00" * 18, b"%PDF-1.4\n1 0 obj\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_real_binary_files_are_still_refused(tmp_path, magic):
    from newslab.article import read_article

    path = tmp_path / "a.txt"
    path.write_bytes(magic + b"rest of it")
    with pytest.raises(ArticleError, match="binary file"):
        read_article(path)


@pytest.mark.parametrize("where", ["/etc/passwd", "../../../../../../../../etc/passwd", "OUTSIDE", "SYMLINK"])
def test_a_case_cannot_read_an_article_from_outside_its_folder_or_project(tmp_path, where):
    from newslab.case import validate_case

    secret = tmp_path / "secret.txt"
    secret.write_text("Private notes\n\nNot for the class.\n", encoding="utf-8")
    folder = tmp_path / "class" / "cases" / "andes-water"
    if where == "OUTSIDE":
        where = str(secret)
    if where == "SYMLINK":
        write_case(folder)
        (folder / "article.txt").unlink()
        (folder / "article.txt").symlink_to(secret)
        where = "article.txt"
    else:
        write_case(folder)
    toml = folder / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('article = "article.txt"', f'article = "{where}"'),
                    encoding="utf-8")
    problems = validate_case(folder)
    outside = [p for p in problems if "outside the case folder" in p.message]
    assert len(outside) == 1, problems
    assert outside[0].path.endswith("case.toml") and outside[0].line == 3
    assert not any("Private notes" in str(p) or "root:" in str(p) for p in problems)


def test_an_article_elsewhere_is_read_when_its_folder_is_listed(tmp_path, monkeypatch):
    from newslab.case import load_case

    shelf = tmp_path / "shelf"
    shelf.mkdir()
    (shelf / "andes.txt").write_text(ARTICLE, encoding="utf-8")
    folder = write_case(tmp_path / "andes-water")
    toml = folder / "case.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"article.txt"', f'"{shelf / "andes.txt"}"'), encoding="utf-8")
    with pytest.raises(CaseError, match="outside the case folder"):
        load_case(folder)
    monkeypatch.setenv("NEWSLAB_ARTICLES", str(shelf))
    assert load_case(folder).headline.startswith("Andes towns")


def test_the_seed_article_in_seeds_is_inside_the_project():
    from newslab.case import validate_case

    assert validate_case(ROOT / "cases" / "iran-taliban-2021") == []
