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

from newslab.core.errors import ArticleError, CaseError, NewslabError

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
    from newslab.tools.build import MANIFEST_NAME, build

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
    from newslab.tools.build import MANIFEST_NAME, build

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
    from newslab.tools.build import instructor_notebook, student_notebook

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
    from newslab.core.article import read_article

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
    from newslab.core.article import read_article

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
    from newslab.tools.cli import main

    assert main(["sentences", "/dev/zero"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/dev/zero: this is a device" in err


def test_an_article_over_the_size_cap_is_refused_naming_the_cap(tmp_path):
    from newslab.core.article import MAX_BYTES, read_article

    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(b"Headline\n\n")
        f.truncate(MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    with pytest.raises(ArticleError, match=r"more than the 20 MB an article may have"):
        read_article(big)


@pytest.mark.parametrize("headline", ["PK files are zipped", "PKK fighters clash", "%PDF-A is an archive format", "GIF89a is a year"])
def test_a_headline_that_starts_like_a_file_signature_is_text(tmp_path, headline):
    from newslab.core.article import read_article

    path = tmp_path / "a.txt"
    path.write_text(f"{headline}\n\nThe body.\n", encoding="utf-8")
    assert read_article(path).startswith(headline)


@pytest.mark.parametrize("magic", [b"PK\x03\x04\x14\x00", b"PK\x05\x06" + b"\x00" * 18, b"%PDF-1.4\n1 0 obj\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_real_binary_files_are_still_refused(tmp_path, magic):
    from newslab.core.article import read_article

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


# --------------------------------------------------------------------------- 4. saves are whole or not at all


@pytest.fixture(scope="module")
def seed():
    from newslab.case import load_case

    return load_case("iran-taliban-2021")


def _coding(case, code="neutral"):
    from newslab import stance

    return stance.coding_from_answers(case, {v: (code, "words") for v in case.voices["id"]}, coder="ana")


class _DiskFull:
    """Make every write of more than ``after`` bytes to a newslab file fail with ENOSPC, as a full disk does.

    Patches ``os.write`` and the file objects' ``write`` (what ``open``/``fdopen`` give), so it
    catches the old direct ``open(path, "w")`` writes as well as the temporary-file route.
    """

    def __init__(self, monkeypatch, folder: Path, after: int = 10):
        import io as _io

        self.folder, self.after, self.written = str(folder), after, {"n": 0}
        real_fdopen, real_open = os.fdopen, open

        def full(*_):
            raise OSError(errno.ENOSPC, "No space left on device")

        class Half(_io.RawIOBase):
            pass

        def wrap(f):
            name = getattr(f, "name", "")
            if not (isinstance(name, str) and name.startswith(self.folder)) and not isinstance(name, int):
                return f
            written = self.written  # the disk is full for every file at once
            real_write = f.write

            def write(data):
                room = self.after - written["n"]
                if room <= 0:
                    full()
                if len(data) > room:  # part of it lands, as on a real disk
                    real_write(data[:room])
                    f.flush()
                    written["n"] += room
                    full()
                written["n"] += len(data)
                return real_write(data)

            try:
                f.write = write
            except AttributeError:
                return f
            return f

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: wrap(real_fdopen(*a, **k)))
        monkeypatch.setattr("builtins.open", lambda *a, **k: wrap(real_open(*a, **k)))
        monkeypatch.setattr(Path, "write_bytes", lambda p, data: full() if str(p).startswith(self.folder) else None)
        monkeypatch.setattr(Path, "write_text", lambda p, *a, **k: full() if str(p).startswith(self.folder) else None)


def test_a_full_disk_keeps_the_old_coding_and_says_so(seed, tmp_path, monkeypatch):
    from newslab import stance

    path = stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)
    before = path.read_bytes()
    with monkeypatch.context() as m:
        _DiskFull(m, tmp_path)
        with pytest.raises(NewslabError, match=r"the disk is full"):
            stance.save_coding(_coding(seed, "alarmed"), "ana", seed, folder=tmp_path, overwrite=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [path.name], \
        "no temporary file is left behind"


def test_a_read_only_folder_gives_a_message_and_keeps_the_old_coding(seed, tmp_path):
    from newslab import stance

    if os.geteuid() == 0:
        pytest.skip("root writes through read-only permissions; the full-disk test covers the path")
    path = stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)
    before = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        with pytest.raises(NewslabError, match="permission denied|read-only"):
            stance.save_coding(_coding(seed, "alarmed"), "ana", seed, folder=tmp_path, overwrite=True)
    finally:
        path.parent.chmod(0o755)
    assert path.read_bytes() == before


def test_a_read_only_disk_gives_a_message_and_keeps_the_old_coding(seed, tmp_path, monkeypatch):
    from newslab import stance

    path = stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)
    before = path.read_bytes()
    real_mkstemp = __import__("tempfile").mkstemp

    def read_only(*args, **kwargs):
        if str(kwargs.get("dir", "")).startswith(str(tmp_path)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkstemp(*args, **kwargs)

    real_open = open

    def open_ro(file, mode="r", *args, **kwargs):
        if str(file).startswith(str(tmp_path)) and any(c in mode for c in "wax+"):
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    monkeypatch.setattr("builtins.open", open_ro)
    with pytest.raises(NewslabError, match="the disk is read-only"):
        stance.save_coding(_coding(seed, "alarmed"), "ana", seed, folder=tmp_path, overwrite=True)
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_two_saves_of_one_student_at_the_same_moment_one_wins_one_is_refused(seed, tmp_path, monkeypatch):
    """The second save finds no file when it looks, and the first creates it just after: still refused."""
    from newslab import stance

    real_exists = Path.exists
    target = stance.coding_path("ana", seed, folder=tmp_path)
    raced = {"done": False}

    def exists_then_race(self):
        answer = real_exists(self)
        if self == target and not raced["done"]:
            raced["done"] = True  # another kernel saves right after this one looked
            stance.save_coding(_coding(seed, "alarmed"), "ana", seed, folder=tmp_path)
        return answer

    monkeypatch.setattr(Path, "exists", exists_then_race)
    with pytest.raises(NewslabError, match="already exists"):
        stance.save_coding(_coding(seed, "neutral"), "ana", seed, folder=tmp_path)
    monkeypatch.undo()
    assert set(stance.load_codings([target])["stance"]) == {"alarmed"}, "the first save is kept"


def test_a_save_while_another_save_of_the_same_file_runs_is_refused(seed, tmp_path):
    from newslab import stance
    from newslab.core.files import exclusive

    target = stance.coding_path("ana", seed, folder=tmp_path)
    with exclusive(target.parent / f".{target.name}.lock", "the other kernel"):
        with pytest.raises(NewslabError, match="another save of the same file is under way"):
            stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path, overwrite=True)
    assert not target.exists()
    stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)  # and afterwards it works


def test_saved_files_get_ordinary_permissions(seed, tmp_path):
    from newslab import stance
    from newslab.core.files import current_umask

    old = os.umask(0o022)
    try:
        path = stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o755
    assert current_umask() == old


def test_a_full_disk_keeps_the_old_brief_and_the_next_save_still_works(seed, tmp_path, monkeypatch):
    from newslab.tools.brief import make_brief, write_brief

    folder = tmp_path / "brief"
    brief = make_brief(seed, summary="First version.", map=None)
    write_brief(brief, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith(".lock")}
    brief.summary = "Second version, much longer. " * 50
    sizes = [len(json.dumps({"brief.md": ["0" * 64] * 2, "brief.html": ["0" * 64] * 2}, indent=1)),
             len(brief.markdown(None).encode()), len(brief.html(None).encode())]
    # the disk fills up in the record, in brief.md, in brief.html, in the final record
    for after in (10, sizes[0] + sizes[1] // 2, sum(sizes[:2]) + sizes[2] // 2, sum(sizes) + 50):
        for name, data in before.items():  # each time from the first version
            (folder / name).write_bytes(data)
        with monkeypatch.context() as m:
            _DiskFull(m, folder, after=after)
            with pytest.raises(NewslabError, match="the disk is full"):
                write_brief(brief, folder)
        for name in ("brief.md", "brief.html"):
            text = (folder / name).read_text(encoding="utf-8")
            assert text in (before[name].decode(), brief.markdown(None), brief.html(None)), f"{name} is half-written"
    write_brief(brief, folder)  # not refused as "changed": the files are newslab's own
    assert "Second version" in (folder / "brief.md").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- 5. two students, one work folder


def test_two_students_sharing_a_work_folder_get_two_briefs(seed, tmp_path, monkeypatch):
    from newslab.tools.brief import make_brief, write_brief

    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path))
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    monkeypatch.delenv("NEWSLAB_STUDENT", raising=False)
    ana = write_brief(make_brief(seed, summary="Ana's summary.", map=None))
    monkeypatch.setenv("JUPYTERHUB_USER", "ben")
    ben = write_brief(make_brief(seed, summary="Ben's summary.", map=None))
    assert ana[0] != ben[0]
    assert "Ana's summary." in ana[0].read_text(encoding="utf-8")
    assert "Ben's summary." in ben[0].read_text(encoding="utf-8")
    cleo = write_brief(make_brief(seed, summary="Cleo's.", map=None), student="cleo")
    assert cleo[0] == tmp_path / "cleo" / "briefs" / seed.id / "brief.md"
    with pytest.raises(NewslabError, match="student name"):
        write_brief(make_brief(seed, summary="x", map=None), student="../ana")


# --------------------------------------------------------------------------- 6. a project kept under a folder named notebooks/ or cases/


@pytest.mark.parametrize("above", ["notebooks", "cases", "notebooks/cases"])
def test_a_project_under_a_folder_named_notebooks_or_cases_saves_to_its_work_folder(tmp_path, monkeypatch, above):
    from newslab import stance
    from newslab.tools.brief import make_brief, write_brief
    from newslab.case import load_case

    project = tmp_path / above / "newslab"
    write_case(project / "cases" / "andes-water")
    (project / "notebooks").mkdir()
    monkeypatch.delenv("NEWSLAB_WORK", raising=False)
    monkeypatch.chdir(project / "notebooks")
    case = load_case(project / "cases" / "andes-water")
    assert stance.work_folder(case) == project / "work"
    coding = stance.coding_from_answers(case, {v: "neutral" for v in case.voices["id"]})
    assert stance.save_coding(coding, "ana", case).parent == project / "work" / "ana"
    assert write_brief(make_brief(case, summary="x", map=None), student="ana")[0].parent == \
        project / "work" / "ana" / "briefs" / "andes-water"
    for inside in (project / "notebooks" / "work", project / "cases" / "work", project / "cases" / "andes-water"):
        with pytest.raises(NewslabError, match="may not go inside"):
            stance.work_folder(case, inside)


# --------------------------------------------------------------------------- 9. what check-case accepts, every lesson runs


def test_a_student_cannot_save_under_an_example_coders_name(seed, tmp_path):
    from newslab import stance

    for name in ("coder-a", "Coder-B"):
        with pytest.raises(NewslabError, match="example coder"):
            stance.save_coding(_coding(seed), name, seed, folder=tmp_path)
    assert not any(tmp_path.rglob("*.csv"))
    # and the class table still loads with a real student in it
    stance.save_coding(_coding(seed), "ana", seed, folder=tmp_path)
    assert set(stance.load_codings(stance.class_files(seed, tmp_path))["coder"]) == {"coder-a", "coder-b", "ana"}


@pytest.mark.parametrize("row, message", [
    ("officials,officials,angry,,x", "stance 'angry' is not one of"),
    ("nobody,officials,neutral,,x", "voice_id 'nobody' is not in voices.csv"),
])
def test_check_case_names_a_bad_example_coder_file_with_its_line(tmp_path, row, message):
    from newslab.case import validate_case

    folder = write_case(tmp_path / "andes-water")
    (folder / "stance").mkdir()
    (folder / "stance" / "coder-x.csv").write_text(
        "voice_id,speaker,stance,evidence,coder\ngomez,Laura Gómez,alarmed,,x\n" + row + "\n", encoding="utf-8")
    problems = validate_case(folder)
    assert [(Path(p.path).name, p.line) for p in problems if message in p.message] == [("coder-x.csv", 3)], problems


# --------------------------------------------------------------------------- 7. the static site carries no script


HOSTILE_MARKDOWN = [
    "<script>alert('md')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">tab-split scheme</a>',
    '<a href=" JAVASCRIPT:alert(1)">upper case</a>',
    '<div onmouseover="alert(1)">hover</div>',
    "<iframe src=\"https://evil.example\"></iframe>",
    "<svg><script>alert(1)</script></svg>",
    '<object data="x.swf"></object>',
    "<scr<script>ipt>alert(1)</script>",
    '<form action="https://evil.example"><input name="p"></form>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    '<p style="background:url(https://evil.example/t.png)">tracker</p>',
    "<style>@import url(https://evil.example/x.css);</style>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "</main></body><script>alert('escape')</script>",
]


class _Live(__import__("html.parser").parser.HTMLParser):
    """Everything in a page that could run script or fetch from the network."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg", "form", "base", "meta", "math") and tag != "meta" \
                or (tag == "meta" and any(k == "http-equiv" for k, _ in attrs)):
            self.found.append(f"<{tag}>")
        for key, value in attrs:
            value = (value or "").lower()
            squeezed = "".join(ch for ch in value if ch > " ")
            if key.startswith("on"):
                self.found.append(f"{tag} {key}=")
            if key in ("href", "src", "action", "data", "xlink:href") and squeezed.startswith(("javascript:", "data:text", "vbscript:")):
                self.found.append(f"{tag} {key}={value[:30]}")
            if key == "src" and squeezed.startswith(("http:", "https:", "//")):
                self.found.append(f"{tag} src from the network")
            if key == "style" and "url(" in squeezed:
                self.found.append(f"{tag} style url(")

    def handle_data(self, data):
        if self.lasttag == "style" and ("@import" in data or "url(" in data):
            self.found.append("<style> that loads from elsewhere")


def _hostile_notebooks(folder: Path) -> None:
    from nbformat.v4 import new_output

    folder.mkdir()
    cells = [new_markdown_cell("# Hostile\n\n" + "\n\n".join(HOSTILE_MARKDOWN))]
    cells.append(new_code_cell("x = 1", execution_count=1, outputs=[
        new_output("display_data", data={"text/html": "<b>bold</b><script>alert('out')</script><img src=x onerror=alert(2)>",
                                         "text/plain": "x"}),
        new_output("display_data", data={"application/javascript": "alert('js')", "text/plain": "js"}),
        new_output("display_data", data={"text/html": '<a href="javascript:alert(3)">link</a>', "text/plain": "l"}),
        new_output("display_data", data={"image/svg+xml": '<svg onload="alert(4)"><script>alert(5)</script></svg>',
                                         "text/plain": "svg"}),
    ]))
    nbformat.write(new_notebook(cells=cells), folder / "00-hostile.ipynb")


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_the_site_holds_no_script_whatever_the_notebook_holds(tmp_path, edition):
    from newslab.tools.site import build_site

    _hostile_notebooks(tmp_path / "notebooks")
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "00-hostile.md").write_text("# Guide\n\n" + "\n\n".join(HOSTILE_MARKDOWN), encoding="utf-8")
    pages = build_site(edition, out=tmp_path / "site", notebooks=tmp_path / "notebooks", lessons=tmp_path / "lessons")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        live = _Live()
        live.feed(text)
        assert live.found == [], (page.name, live.found)
        assert text.rstrip().endswith("</main>\n</body>\n</html>"), "a cell cannot close the page early"
    hostile = (tmp_path / "site" / "00-hostile.html").read_text(encoding="utf-8")
    assert "hover" in hostile and "tab-split scheme" in hostile, "the text around the markup stays"
    if edition == "instructor":
        assert "<b>bold</b>" in hostile, "harmless HTML output is kept"


@FAST
@given(st.lists(st.sampled_from(HOSTILE_MARKDOWN + ["<p>", "</p>", "<b>", "</div>", "<a href='#x'>", "</a>", "text", "<",
                                                    "&", "\"", "<!--", "-->", "<style>", "</style>", "<table>", "<td>"]),
                max_size=25).map("".join))
def test_clean_html_leaves_nothing_live_in_any_mix_of_hostile_pieces(fragment):
    from newslab.core.sanitize import clean_html

    cleaned = clean_html(fragment)
    live = _Live()
    live.feed(cleaned)
    assert live.found == [], (fragment, cleaned)
    assert clean_html(cleaned) == cleaned, "cleaning is stable: the output is already clean"


def _tiny_course(folder: Path) -> tuple[Path, Path]:
    (folder / "notebooks").mkdir(parents=True)
    (folder / "lessons").mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# A lesson\n\nText.")]), folder / "notebooks" / "00-a.ipynb")
    return folder / "notebooks", folder / "lessons"


def test_the_site_gets_ordinary_permissions(tmp_path):
    from newslab.tools.site import build_site

    notebooks, lessons = _tiny_course(tmp_path)
    old = os.umask(0o022)
    try:
        pages = build_site("student", out=tmp_path / "site", notebooks=notebooks, lessons=lessons)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o755
    assert {stat.S_IMODE(p.stat().st_mode) for p in pages} == {0o644}


def test_a_second_site_run_at_the_same_moment_is_refused_and_the_first_site_stays(tmp_path):
    from newslab.core.files import exclusive
    from newslab.tools.site import build_site

    notebooks, lessons = _tiny_course(tmp_path)
    out = tmp_path / "site"
    build_site("student", out=out, notebooks=notebooks, lessons=lessons)
    before = (out / "00-a.html").read_bytes()
    with exclusive(tmp_path / ".site.newslab-lock", "the first run"):
        with pytest.raises(NewslabError, match="another save of the same file is under way"):
            build_site("instructor", out=out, notebooks=notebooks, lessons=lessons)
    assert (out / "00-a.html").read_bytes() == before


def test_two_site_runs_in_threads_end_with_one_whole_site(tmp_path):
    from newslab.tools.site import build_site

    notebooks, lessons = _tiny_course(tmp_path)
    out = tmp_path / "site"
    errors: list[BaseException] = []

    def run():
        try:
            build_site("student", out=out, notebooks=notebooks, lessons=lessons)
        except NewslabError:
            pass  # refused: the other run holds the folder
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(p.name for p in out.iterdir()) == [".newslab-site", "00-a.html", "index.html", "style.css"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")], "no temporary folder is left"


def _with_toml(folder: Path, old: str, new: str) -> Path:
    toml = folder / "case.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _line_of(folder: Path, file: str, needle: str) -> int:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize("setting, message", [
    ('distances = [["Islam Qala"], 5]', "map.distances"),
    ('distances = [["Mendoza", "Santiago"], ["Mendoza", "Atlantis"]]', "'Atlantis'"),
    ('distances = "Mendoza"', "map.distances"),
    ("places = 5", "map.places"),
    ('places = ["Mendoza", 5]', "map.places"),
    ('places = ["Mendoza", "Atlantis"]', "'Atlantis'"),
    ('borders = "ARG"', "map.borders"),
    ('borders = 5', "map.borders"),
])
def test_check_case_names_a_bad_map_setting_with_its_line(tmp_path, setting, message):
    from newslab.case import validate_case

    folder = write_case(tmp_path / "andes-water")
    key = setting.split(" =")[0]
    text = (folder / "case.toml").read_text(encoding="utf-8")
    old = next((line for line in text.splitlines() if line.startswith(f"{key} =")), None)
    if old is None:  # not in the test case: add it to [map]
        _with_toml(folder, 'places = ["Mendoza"]', f'places = ["Mendoza"]\n{setting}')
    else:
        _with_toml(folder, old, setting)
    problems = validate_case(folder)
    hits = [p for p in problems if message in p.message]
    assert hits and all(p.path.endswith("case.toml") for p in hits), problems
    assert hits[0].line == _line_of(folder, "case.toml", f"{key} ="), hits


def test_a_case_check_case_accepts_gives_distance_pairs_lesson_03_can_measure(tmp_path):
    from newslab import geo
    from newslab.case import load_case

    folder = _with_toml(write_case(tmp_path / "andes-water"), 'places = ["Mendoza"]',
                        'places = ["Mendoza"]\ndistances = [["Mendoza", "Santiago"]]')
    pairs = geo.distance_pairs(load_case(folder))
    assert pairs == [("Mendoza", "Santiago")] * 2
    assert 150 < geo.place_distance_km(load_case(folder), *pairs[0]) < 250


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1492-10-12", "2999-01-01"])
def test_check_case_refuses_a_dateline_no_news_article_has(tmp_path, date):
    from newslab.case import validate_case

    folder = _with_toml(write_case(tmp_path / "andes-water"), "date = 2022-11-21", f"date = {date}")
    problems = validate_case(folder)
    assert [(p.line, "dateline.date" in p.message) for p in problems if date in p.message] == [(6, True)], problems


@pytest.mark.parametrize("date", ["1605-01-01", "1851-09-18", "2099-12-31"])
def test_lesson_01_runs_on_any_dateline_check_case_accepts(tmp_path, date):
    from newslab import dates
    from newslab.case import load_case, validate_case

    folder = _with_toml(write_case(tmp_path / "andes-water"), "date = 2022-11-21", f"date = {date}")
    events = folder / "events.csv"
    events.write_text("id,start,end,label,surface,source_id,note\n", encoding="utf-8")
    assert validate_case(folder) == []
    case = load_case(folder)
    text = case.text + "\n\nLast week, 1,000 years ago, in two centuries, this week, on Sunday, next year.\n"
    dates.extract(text, case.dateline_date)


def test_check_case_refuses_a_negative_tolerance(tmp_path):
    from newslab.case import validate_case

    folder = write_case(tmp_path / "andes-water")
    claims = folder / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "source_id,note", "source_id,tolerance,note").replace("41.2,percent,dgi,", "41.2,percent,dgi,-1,").replace(
        "the provincial water agency,,,,", "the provincial water agency,,,,,"), encoding="utf-8")
    problems = validate_case(folder)
    assert [(p.line, p.message) for p in problems] == [(2, "tolerance -1.0 is negative: it is a margin either side (write 1.0)")]


@pytest.mark.parametrize("case_id", ["my case", "case<b>x</b>", "Case-Upper", "a--b", "-x"])
def test_check_case_refuses_a_case_id_that_is_not_a_slug(tmp_path, case_id):
    from newslab.case import validate_case

    folder = write_case(tmp_path / case_id)
    _with_toml(folder, 'id = "andes-water"', f'id = "{case_id}"')
    problems = validate_case(folder)
    assert [p.line for p in problems if "cannot be a case id" in p.message] == [1], problems


def test_an_impossible_date_in_a_case_table_is_refused(tmp_path):
    from newslab.case import validate_case

    folder = write_case(tmp_path / "andes-water")
    events = folder / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("2022-11-21", "2021-02-30"), encoding="utf-8")
    sources = folder / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8").replace("2022-11", "2022-13"), encoding="utf-8")
    problems = validate_case(folder)
    assert ("events.csv", 2) in [(Path(p.path).name, p.line) for p in problems if "2021-02-30" in p.message]
    assert ("sources.csv", 2) in [(Path(p.path).name, p.line) for p in problems if "2022-13" in p.message]
    _with_toml(folder, "date = 2022-11-21", "date = 2022-02-30")
    assert any(p.path.endswith("case.toml") and p.line == 6 for p in validate_case(folder))


def test_new_case_on_a_headline_that_repeats_the_lead_quote_passes_check_case(tmp_path):
    from newslab.case import validate_case
    from newslab.tools.newcase import new_case

    article = tmp_path / "a.txt"
    article.write_text('"We will not surrender," says mayor\n\nSPRINGFIELD - "We will not surrender," Mayor Ana Ruiz '
                       "said on Monday as floods rose.\n\nThe river rose 3 metres.\n", encoding="utf-8")
    folder = new_case(article, tmp_path / "cases" / "flood-test", dateline="2024-05-01")
    voices = (folder / "voices.csv").read_text(encoding="utf-8")
    assert voices.count("We will not surrender") == 2, voices
    assert validate_case(folder) == []
    # a row that names a sentence the words are not in is still caught
    (folder / "voices.csv").write_text(voices.replace(",quote,We will not surrender,1,", ",quote,We will not surrender,2,"),
                                       encoding="utf-8")
    assert [p.line for p in validate_case(folder) if "begins in sentence 0, not 2" in p.message] == [3]


# --------------------------------------------------------------------------- 10. messages, not tracebacks


@pytest.mark.parametrize("name", ["claims.csv", "places.csv", "case.toml", "checks.toml", "checks/00-x.toml", "stance/a.csv"])
@pytest.mark.parametrize("shape", ["folder", "loop", "dangling"])
def test_a_case_file_that_is_a_folder_or_a_broken_link_is_named(tmp_path, monkeypatch, name, shape):
    from newslab.case import validate_case
    from newslab.tools.cli import main

    folder = write_case(tmp_path / "andes-water")
    target = folder / name
    target.parent.mkdir(exist_ok=True)
    if target.exists():
        target.unlink()
    if shape == "folder":
        target.mkdir()
    elif shape == "loop":
        target.symlink_to(target.name)
    else:
        target.symlink_to("nowhere-" + target.name)
    monkeypatch.chdir(tmp_path)
    problems = validate_case(folder)
    if name == "case.toml":
        assert [p.message for p in problems] == ["this folder has no case.toml"]
    else:
        assert any(p.path.endswith(name) for p in problems), problems
    assert main(["check-case", str(folder)]) == 1


@pytest.fixture
def flood(tmp_path) -> Path:
    article = tmp_path / "flood.txt"
    article.write_text("River floods town\n\nSPRINGFIELD - The river rose 3 metres on Monday, Mayor Ana Ruiz said.\n",
                       encoding="utf-8")
    return article


@pytest.mark.parametrize("shape, message", [
    ("dangling", "is a symbolic link (to nowhere)"),
    ("link-to-folder", "is a symbolic link"),
    ("under-dangling", "is a symbolic link to nowhere, which does not exist"),
    ("under-a-file", "is a file, not a folder"),
    ("300", "cannot be a case id (it has 300 characters; at most 64)"),
])
def test_new_case_into_an_awkward_path_says_why_not(flood, tmp_path, monkeypatch, capsys, shape, message):
    from newslab.tools.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    target = {"dangling": "flood-case", "link-to-folder": "flood-case", "under-dangling": "gone/flood-case",
              "under-a-file": "a-file/flood-case", "300": "cases/" + "a" * 300}[shape]
    if shape == "dangling":
        Path("flood-case").symlink_to("nowhere")
    if shape == "link-to-folder":
        Path("flood-case").symlink_to("real")
    if shape == "under-dangling":
        Path("gone").symlink_to("nowhere")
    assert main(["new-case", str(flood), target, "--dateline", "2024-05-01"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert list((tmp_path / "real").iterdir()) == []
    assert not [p for p in tmp_path.rglob(".new-case-*")], "no temporary folder is left"


def test_new_case_through_a_linked_parent_folder_works_and_is_readable_by_others(flood, tmp_path):
    from newslab.tools.newcase import new_case

    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to("real")
    old = os.umask(0o022)
    try:
        folder = new_case(flood, tmp_path / "linked" / "flood-case", dateline="2024-05-01")
    finally:
        os.umask(old)
    assert (tmp_path / "real" / "flood-case" / "case.toml").is_file()
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")]}
    assert modes == {0o755, 0o644}, "ordinary permissions, not mkdtemp's 0700"


def test_two_new_cases_racing_to_one_id_one_wins_the_other_is_told(flood, tmp_path, monkeypatch):
    from newslab.tools import newcase
    from newslab.tools.newcase import new_case

    target = tmp_path / "cases" / "flood-case"
    real_publish = newcase.publish_folder  # newslab.core.files.publish_folder, as new-case calls it

    def the_other_one_finishes_first(tmp):
        real_publish(tmp)
        if not target.exists():
            monkeypatch.setattr(newcase, "publish_folder", real_publish)
            new_case(flood, target, dateline="2024-05-02")  # the other new-case, done a moment earlier

    monkeypatch.setattr(newcase, "publish_folder", the_other_one_finishes_first)
    with pytest.raises(NewslabError, match="already exists .another new-case made it a moment ago"):
        new_case(flood, target, dateline="2024-05-01")
    assert "2024-05-02" in (target / "case.toml").read_text(encoding="utf-8"), "the first case is kept"
    assert sorted(p.name for p in target.parent.iterdir()) == ["flood-case"]


def test_new_case_on_a_full_disk_writes_nothing_and_says_so(flood, tmp_path, monkeypatch):
    from newslab.tools.newcase import new_case

    with monkeypatch.context() as m:
        _DiskFull(m, tmp_path / "cases", after=300)
        with pytest.raises(NewslabError, match="the disk is full.*nothing was written"):
            new_case(flood, tmp_path / "cases" / "flood-case", dateline="2024-05-01")
    assert list((tmp_path / "cases").iterdir()) == []


def test_new_case_on_a_read_only_disk_says_so(flood, tmp_path, monkeypatch):
    from newslab.tools.newcase import new_case

    real_mkdtemp = __import__("tempfile").mkdtemp

    def read_only(*args, **kwargs):
        if str(kwargs.get("dir", "")).startswith(str(tmp_path)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdtemp(*args, **kwargs)

    (tmp_path / "cases").mkdir()
    monkeypatch.setattr("tempfile.mkdtemp", read_only)
    with pytest.raises(NewslabError, match="the disk is read-only"):
        new_case(flood, tmp_path / "cases" / "flood-case", dateline="2024-05-01")


def test_ctrl_c_in_the_cli_exits_130_with_one_line(monkeypatch, capsys):
    from newslab.tools import cli, cmd_case

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cmd_case, "_cmd_cases", interrupted)
    assert cli.main(["cases"]) == 130
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "interrupted" in err and "Traceback" not in err


def test_ctrl_c_in_a_real_newslab_process_exits_130(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    fifo_free = tmp_path / "big.txt"  # a large article: the command is still working when Ctrl-C comes
    fifo_free.write_text("Head\n\n" + ("The minister said 5 people came on Monday. " * 20000), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from newslab.tools.cli import main; sys.exit(main())",
                             "voices", str(fifo_free)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the command finished before Ctrl-C came (a fast machine)")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and err.strip().count("\n") == 0, err


def test_a_disk_error_in_any_cli_writer_is_one_line(monkeypatch, capsys):
    from newslab.tools import cli, cmd_case

    def full(args):
        raise OSError(errno.ENOSPC, "No space left on device", "build/student/00-start-here.ipynb")

    monkeypatch.setattr(cmd_case, "_cmd_cases", full)
    assert cli.main(["cases"]) == 1
    err = capsys.readouterr().err
    assert err == "newslab cases: build/student/00-start-here.ipynb: cannot go on: the disk is full (No space left on device)\n"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400"])
def test_encode_answer_refuses_a_number_no_student_can_reach(capsys, value):
    from newslab.case.checks import encode_answer
    from newslab.tools.cli import main

    assert main(["encode-answer", "--type", "number", "--", value]) == 1
    assert "not a finite number" in capsys.readouterr().err
    assert main(["encode-answer", "--", value]) == 0  # without --type: stored as the text the teacher typed
    assert capsys.readouterr().out.startswith("b64:")
    with pytest.raises(ValueError, match="finite"):
        encode_answer(float(value))


def test_markdown_output_shows_html_as_text(tmp_path, capsys):
    from newslab.tools.cli import main

    article = tmp_path / "a.txt"
    article.write_text('<img src=x onerror=alert(1)> headline\n\nThe <script>alert("x")</script> body | with & more.\n',
                       encoding="utf-8")
    assert main(["sentences", str(article), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "<img" not in out and "<script" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "&lt;script&gt;" in out and "\\| with &amp; more" in out


@pytest.mark.parametrize("answer", [10**400, -(10**400), 10**5000, "1e400", "9" * 5000],
                         ids=["10**400", "-10**400", "10**5000", "'1e400'", "'9'*5000"])
def test_a_huge_answer_gets_feedback_not_a_traceback(answer):
    import newslab
    from newslab.case import load_case

    case = load_case("iran-taliban-2021")
    for question in ("00-paragraphs", "00-weekday", "01-sunday", "01-lost"):
        feedback = newslab.check(question, answer, case=case)
        assert not feedback.correct
        assert len(str(feedback)) < 1000
    assert "too large to be compared" in str(newslab.check("00-paragraphs", answer, case=case))


def test_exporting_claims_on_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    import pandas as pd

    from newslab.case.claims import export_csv

    path = tmp_path / "claims.csv"
    path.write_text("id,verdict\nold,kept\n", encoding="utf-8")
    table = pd.DataFrame({"id": ["a"] * 500, "verdict": ["rounded"] * 500})
    with monkeypatch.context() as m:
        _DiskFull(m, tmp_path, after=100)
        with pytest.raises(NewslabError, match="the disk is full"):
            export_csv(table, path, overwrite=True)
    assert path.read_text(encoding="utf-8") == "id,verdict\nold,kept\n"


# --------------------------------------------------------------------------- the hostile shapes, property-based


toml_values = st.recursive(
    st.one_of(st.integers(-5, 10**6), st.text(max_size=12), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
              st.sampled_from(["Mendoza", "Santiago", "ARG", "CHL", "Islam Qala", "", "<b>x</b>"])),
    lambda inner: st.lists(inner, max_size=4), max_leaves=10)


def _toml(value) -> str:
    import json as _json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return _json.dumps(value)
    return repr(value)


@FAST
@given(key=st.sampled_from(["places", "distances", "borders"]), value=toml_values)
def test_any_map_setting_is_either_refused_with_a_line_or_loads(tmp_path_factory, key, value):
    from newslab.case import load_case, validate_case

    folder = write_case(tmp_path_factory.mktemp("case") / "andes-water")
    toml = folder / "case.toml"
    text = toml.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
    at = lines.index("[map]") + 1
    lines.insert(at, f"{key} = {_toml(value)}")
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = validate_case(folder)
    if problems:
        assert all(p.path.endswith("case.toml") and p.line == at + 1 for p in problems if "map" in p.message), problems
        with pytest.raises(CaseError):
            load_case(folder)
        return
    case = load_case(folder)  # what check-case accepts, lesson 03's helpers take
    from newslab import geo

    geo.case_borders(case)
    for a, b in geo.distance_pairs(case):
        if a is not None:
            geo.place_distance_km(case, a, b)


@FAST
@given(st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(
    ["../x", "/etc/passwd", "a/../../b", "..", ".", "lessons/../..", "lessons/x/../../../y", "C:\\x", "a\\..\\..\\b",
     "\\\\server\\share", "~/x", "00-a.ipynb/..", "lessons//x"])))
def test_no_build_record_entry_ever_removes_a_file_outside_the_build(tmp_path_factory, entry):
    import contextlib

    from newslab.tools.build import MANIFEST_NAME, build

    root = tmp_path_factory.mktemp("course")
    (root / "notebooks").mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), root / "notebooks" / "00-a.ipynb")
    out = root / "deep" / "build" / "student"
    build("student", src=root / "notebooks", out=out, lessons=None)
    before = {p for p in root.rglob("*") if p.is_file() and out not in p.parents}
    # every file outside the build is listed in the record under this name, with its real hash
    record = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    for path in before:
        record["files"][entry] = hashlib.sha256(path.read_bytes()).hexdigest()
        (out / MANIFEST_NAME).write_text(json.dumps(record), encoding="utf-8")
        for force in (False, True):
            with contextlib.suppress(NewslabError):
                build("student", src=root / "notebooks", out=out, lessons=None, force=force)
        assert {p for p in root.rglob("*") if p.is_file() and out not in p.parents} >= before, entry


@FAST
@given(st.lists(st.sampled_from(["<", ">", "&", "|", "\\", "\n", "<script>", "</td>", "<img src=x onerror=1>", "x", " "]),
                max_size=20).map("".join))
def test_markdown_table_cells_never_carry_a_tag(text):
    import io

    from newslab.core.formats import write_table

    buf = io.StringIO()
    write_table([{"text": text}], ["text"], "markdown", buf)
    body = buf.getvalue().split("\n", 2)[2]
    assert "<" not in body.replace("<br>", ""), body
    assert body.count("\n") == 1, "one row stays one line"
