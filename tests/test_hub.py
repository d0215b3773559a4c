"""A class on a real JupyterHub (`make hub`): log in, pull the lessons, run them, keep edits.

The hub, its configurable-http-proxy (npm, hub/package-lock.json), the shared-
password authenticator, the local-process spawner and nbgitpuller are the real,
pinned parts; the class repository is a local git repository holding the student
build, pulled over file:// (nbgitpuller runs `git clone`, which takes a local
address as well as a web one).  Two students; everything on 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"
CHP = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "class-9b-password"
STUDENTS = ["ann", "bob"]

pytestmark = pytest.mark.hub

if not CHP.is_file() or shutil.which("git") is None:
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHP} is missing: .ci/run installs it with `make hub-proxy` (npm ci in hub/)")
    pytest.skip("the hub's proxy is not installed: run `make hub-proxy` (needs npm)", allow_module_level=True)

sys.path.insert(0, str(HUB))
from client import Student  # noqa: E402  (hub/client.py)
from loadtest import answer_for_lesson, run_class, stop_hub  # noqa: E402  (hub/loadtest.py)

from newslab.tools.build import build  # noqa: E402
from newslab.tools.cli import main  # noqa: E402


def _git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Teacher", GIT_AUTHOR_EMAIL="teacher@school.example",
               GIT_COMMITTER_NAME="Teacher", GIT_COMMITTER_EMAIL="teacher@school.example")
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def class_repo(tmp_path_factory) -> Path:
    """The teacher's class repository: the student build in student/, beside cases/, seeds/ and data/."""
    repo = tmp_path_factory.mktemp("teacher") / "newslab-class"
    repo.mkdir()
    for folder in ("cases", "seeds", "data"):
        shutil.copytree(ROOT / folder, repo / folder)
    build("student", src=ROOT / "notebooks", out=repo / "student", lessons=ROOT / "lessons")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "The student build for class 9B")
    return repo


def _wait_for(url: str, proc: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the hub stopped (status {proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if requests.get(f"{url}/hub/api", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the hub did not answer within {seconds:g} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A hub for two students on a free loopback port, with the class log on; stopped afterwards."""
    state = tmp_path_factory.mktemp("hub")
    (state / "students.txt").write_text("# class 9B\n" + "\n".join(STUDENTS) + "\n", encoding="utf-8")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = state / "hub.log"
    env = dict(os.environ, NEWSLAB_HUB_PASSWORD=PASSWORD, NEWSLAB_CLASS_LOG="1")
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(HUB / "launch.py"), "--state", str(state), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, proc, log)
        yield {"url": url, "state": state, "log": log, "pid": proc.pid}
    finally:
        stop_hub(proc)  # the hub stops the students' servers and its proxy


def _links(hub_url: str, repo: Path) -> dict[str, str]:
    """The class links, as `newslab class-links` prints them for the teacher."""
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main(["class-links", "--hub", hub_url, "--repo", repo.as_uri(), "--folder", "student",
                     "--notebooks", str(repo / "student"), "--format", "csv"]) == 0
    return {row["notebook"]: row["nbgitpuller"] for row in csv.DictReader(io.StringIO(out.getvalue()))}


def _sources(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in cells)


def test_a_wrong_password_or_an_unlisted_student_is_refused(hub):
    assert Student(hub["url"], "ann", "not-the-password").login() is False
    assert Student(hub["url"], "zoe", PASSWORD).login() is False  # not on the class list
    assert Student(hub["url"], "ann", PASSWORD).login() is True


def test_students_pull_run_and_keep_their_edits_when_the_teacher_pushes_a_fix(hub, class_repo):
    links = _links(hub["url"], class_repo)
    assert set(links) == {f"{n}.ipynb" for n in ("00-start-here", "01-reading", "02-numbers", "03-border",
                                                 "04-perspectives", "05-your-turn")}
    lesson = "newslab-class/student/00-start-here.ipynb"
    students = {name: Student(hub["url"], name, PASSWORD) for name in STUDENTS}
    for name, s in students.items():
        assert s.login()
        s.start_server()
        s.follow_link(links["00-start-here.ipynb"])
        home = hub["state"] / "home" / name / "newslab-class"
        assert (home / "student" / "00-start-here.ipynb").is_file() and (home / "cases").is_dir()
        # Run All with one exercise answered, as the student would type it.
        run = s.run_notebook(lesson, replace={"weekday = ...  # YOUR ANSWER HERE": 'weekday = "Saturday"'})
        assert run.errors == [], f"{name}: {run.errors}"
        assert any("✓ Correct" in c.text for c in run.cells)

    # Ann saves her answer in the notebook; the teacher then fixes two lessons and commits.
    ann = students["ann"]
    notebook = ann.read(lesson)["content"]
    answer_cell = next(c for c in notebook["cells"] if "weekday = ..." in c["source"])
    answer_cell["source"] = answer_cell["source"].replace("weekday = ...  # YOUR ANSWER HERE", 'weekday = "Saturday"  # Ann')
    ann.save_notebook(lesson, notebook)
    fixed = class_repo / "student" / "01-reading.ipynb"
    teacher_nb = json.loads(fixed.read_text(encoding="utf-8"))
    teacher_nb["cells"][0]["source"] = "# Teacher's fix: a clearer title\n"
    fixed.write_text(json.dumps(teacher_nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (class_repo / "student" / "HOMEWORK.md").write_text("Finish lesson 01 by Friday.\n", encoding="utf-8")
    _git(class_repo, "commit", "-q", "-am", "Fix lesson 01's title")
    _git(class_repo, "add", "student/HOMEWORK.md")
    _git(class_repo, "commit", "-q", "-m", "Homework note")

    ann.follow_link(links["00-start-here.ipynb"])  # the same link again: nbgitpuller pulls and merges
    home = hub["state"] / "home" / "ann" / "newslab-class" / "student"
    assert 'weekday = "Saturday"  # Ann' in _sources(home / "00-start-here.ipynb")
    assert "Teacher's fix" in _sources(home / "01-reading.ipynb")
    assert (home / "HOMEWORK.md").read_text(encoding="utf-8") == "Finish lesson 01 by Friday.\n"
    run = ann.run_notebook(lesson)  # her saved answer is what runs now
    assert run.errors == [] and any("✓ Correct" in c.text for c in run.cells)

    # The class log was on: each student's attempts are in their own home, and the teacher reads them.
    logs = sorted((hub["state"] / "home").glob(f"*/newslab-class/work/{'newslab-progress.tsv'}"))
    assert [p.parts[-4] for p in logs] == STUDENTS
    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        assert main(["progress", str(hub["state"] / "home"), "--format", "csv"]) == 0
    rows = {row["question"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["00-weekday"]["right"] == "2" and rows["00-weekday"]["students"] == "2"


def test_a_student_cannot_reach_another_students_server(hub):
    ann, bob = Student(hub["url"], "ann", PASSWORD), Student(hub["url"], "bob", PASSWORD)
    for s in (ann, bob):
        assert s.login()
        s.start_server()
    assert bob.api("GET", "/contents").status_code == 200
    assert ann.api("GET", "/contents", user="bob").status_code == 403  # with ann's token
    assert ann.api("POST", "/kernels", user="bob", json={"name": "python3"}).status_code == 403
    page = ann.session.get(f"{hub['url']}/user/bob/lab")  # with ann's browser session
    assert page.status_code == 403
    assert ann.session.get(f"{hub['url']}/user/bob/api/contents", allow_redirects=False).status_code == 403


def _config(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Load hub/jupyterhub_config.py as JupyterHub would, without starting anything."""
    (tmp_path / "students.txt").write_text("ann\n", encoding="utf-8")
    code = ("import sys, runpy; from traitlets.config import Config; c = Config(); "
            f"runpy.run_path({str(HUB / 'jupyterhub_config.py')!r}, init_globals={{'c': c}}); "
            "print('bind', c.JupyterHub.bind_url)")
    full = dict(os.environ, NEWSLAB_HUB_DIR=str(tmp_path), NEWSLAB_HUB_PASSWORD=PASSWORD,
                NEWSLAB_HUB_STUDENTS=str(tmp_path / "students.txt"))
    full.update(env)
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("address", ["0.0.0.0", "192.0.2.10", "::"])
def test_the_hub_refuses_anything_but_loopback_unless_told(tmp_path, address):
    done = _config(tmp_path, NEWSLAB_HUB_IP=address)
    assert done.returncode == 2 and "refusing to listen on" in done.stderr and "NEWSLAB_HUB_ALLOW_PUBLIC=1" in done.stderr
    done = subprocess.run([sys.executable, str(HUB / "launch.py"), "--state", str(tmp_path), "--ip", address],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "refusing to listen on" in done.stderr
    done = _config(tmp_path, NEWSLAB_HUB_IP=address, NEWSLAB_HUB_ALLOW_PUBLIC="1")
    assert done.returncode == 0, done.stderr
    assert "WARNING: listening on" in done.stderr and f"bind http://{address}:" in done.stdout


@pytest.mark.parametrize("students, message", [
    ("ann\nAnn Smith\n", "line 2: 'Ann Smith' is not a login name"),
    ("ann\nann\n", "line 2: 'ann' is listed twice"),
    ("# nobody yet\n", "lists no students"),
])
def test_a_bad_class_list_is_named_with_its_line(tmp_path, students, message):
    (tmp_path / "list.txt").write_text(students, encoding="utf-8")
    done = _config(tmp_path, NEWSLAB_HUB_STUDENTS=str(tmp_path / "list.txt"))
    assert done.returncode == 2 and message in done.stderr


def test_a_short_password_is_refused(tmp_path):
    done = _config(tmp_path, NEWSLAB_HUB_PASSWORD="abc")
    assert done.returncode == 2 and "at least 8 characters" in done.stderr


def test_a_small_class_runs_lesson_03_at_once_through_the_proxy(hub, class_repo):
    """The load test of hub/loadtest.py at k = 2: every student succeeds, and the figures are there."""
    link = _links(hub["url"], class_repo)["03-border.ipynb"]
    figures = run_class(hub["url"], hub["pid"], STUDENTS, link, answer_for_lesson(), timeout=240, password=PASSWORD)
    assert figures["failures"] == [] and figures["succeeded"] == 2, figures["failures"]
    assert 0 < figures["run_all_p50_s"] <= figures["run_all_p95_s"]
    assert figures["hub_mib"] > 20 and figures["student_mib_max"] >= figures["student_mib_median"] > 50
