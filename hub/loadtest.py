"""A measured class: k simulated students on a real JupyterHub, all at once.

    python hub/loadtest.py [--students 10 20 30] [--time-limit 2400] [--update-readme README.md]
    python hub/loadtest.py --sizing-markdown          # the README table from build/hub-load.json

For each class size k it starts k students together, each through the hub's
proxy only: log in with the shared password, start their server, follow the
nbgitpuller class link (a fresh clone of a local class repository holding the
student build), open lesson 03 and Run All of its code cells through the kernel
websocket, with one exercise answered (the answer is checked: ✓ expected).  It
samples memory every half second: the hub with its proxy, and each student's
server with its kernel (RSS, as ``make bench`` measures kernels).  It reports
how many students succeeded, p50 and p95 of Run All (nearest rank: with 10
students p95 is the slowest), and memory, writes build/hub-load.json, and can
rewrite the README's measured-class table (between the ``hub:sizing`` markers)
with the kernel-only figures of ``make bench`` beside it.

Bounded: loopback only (its own hub on 127.0.0.1, a free port), at most 60
students a run, each step with a timeout, and a time limit for the whole run
after which the remaining class sizes are skipped and the hub is stopped.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from client import HubError, Student  # noqa: E402

LESSON = "03-border.ipynb"
EXERCISE = "miles_km = ...  # YOUR ANSWER HERE"
QUESTION = "03-miles-km"
PASSWORD = "load-test-class-password"
MAX_STUDENTS = 60
HEADROOM = 1.25
BEGIN, END = "<!-- hub:sizing:begin -->", "<!-- hub:sizing:end -->"
DEPLOY_BEGIN, DEPLOY_END = "<!-- deploy:scale:begin -->", "<!-- deploy:scale:end -->"
DEPLOY_PAGE = ROOT / "deploy" / "README.md"


# --------------------------------------------------------------------------- figures


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100) of ``values``.

    >>> percentile([4.0, 1.0, 3.0, 2.0], 50), percentile([4.0, 1.0, 3.0, 2.0], 95), percentile([], 50)
    (2.0, 4.0, None)
    """
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


#: The figures of each run that the README's table shows.
TABLE_KEYS = ("k", "succeeded", "start_p50_s", "start_p95_s", "run_all_p50_s", "run_all_p95_s", "hub_mib",
              "student_mib_median", "student_mib_max")


def table_runs(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The runs as the table records them (skipped class sizes left out)."""
    return [{key: r.get(key) for key in TABLE_KEYS} for r in runs if "skipped" not in r]


def _median(values: list[float]) -> float | None:
    import statistics

    return statistics.median(values) if values else None


def class_memory_gib(hub_mib: float, student_mib: float, k: int, headroom: float = HEADROOM) -> int:
    """Memory for a class of ``k``: the hub plus k times a student's peak, with headroom, in whole GiB.

    >>> class_memory_gib(200.0, 400.0, 10)
    6
    """
    return math.ceil((hub_mib + k * student_mib) * headroom / 1024)


def kernel_only_run_all_s(kernel_only: dict[str, Any], k: int) -> float:
    """What ``make bench`` predicts for k simultaneous Run Alls on its machine: ``max(t1, k·c / cores)``.

    >>> kernel_only_run_all_s({"t1_s": 3.66, "cpu_s_per_student": 4.15, "cores": 2}, 10)
    20.8
    """
    return round(max(kernel_only["t1_s"], k * kernel_only["cpu_s_per_student"] / kernel_only["cores"]), 1)


def sizing_markdown(inputs: dict[str, Any]) -> str:
    """The README's measured-class table, derived from the figures of one load-test run.

    The first line records ``inputs``, so that a test can derive the table
    again and fail if a number was typed by hand.
    """
    m, ko = inputs["machine"], inputs["kernel_only"]
    ko_student = round(ko["kernel_mib_per_student"] + ko["server_mib"], 1)
    lines = [
        f"<!-- derived by `python hub/loadtest.py --sizing-markdown` from: {json.dumps(inputs, sort_keys=True)} -->",
        "",
        f"Measured on {m['cores']} cores ({m['arch']}), {m['ram_gib']} GiB RAM, Python {m['python']}, JupyterHub "
        f"{m['jupyterhub']}, on {m['date']}: k students at once each log in, start their server, pull the class "
        f"repository through an nbgitpuller link, open lesson {inputs['lesson'][:2]} and Run All of it through the kernel "
        "websocket with one exercise answered, all through the hub's proxy. "
        + ("**The machine was shared with other jobs during the run** "
           f"(load average {m['load_before']} before it), so the times are worse than on a quiet machine. "
           if m.get("shared") else "")
        + "*Server start* is from pressing Start to a server ready for the student (all k asking at once). "
        "*Run All* is the time from the first cell to the last reply (p95 is the nearest rank: with 10 students, "
        "the slowest). Memory is resident memory: the hub with its proxy, and per student their server with its "
        "kernel at its peak. The *kernels only* columns are `make bench`'s figures (kernels started side by side, "
        "no hub), for comparison; *memory for the class* is the hub plus k times the largest per-student peak, "
        f"plus {round((inputs['headroom'] - 1) * 100)} % headroom.",
        "",
        "| students at once | succeeded | server start p50 / p95 | Run All p50 / p95 (hub) | Run All (kernels only) "
        "| hub + proxy | per student: server + kernel, median / max | per student (kernels only) | memory for the class |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in inputs["runs"]:
        if r["succeeded"] == 0:
            lines.append(f"| {r['k']} | 0 of {r['k']} | – | – | {kernel_only_run_all_s(ko, r['k'])} s | – | – | "
                         f"{ko_student} MiB | – |")
            continue
        memory = class_memory_gib(r["hub_mib"], r["student_mib_max"], r["k"], inputs["headroom"])
        lines.append(
            f"| {r['k']} | {r['succeeded']} of {r['k']} | {r['start_p50_s']} s / {r['start_p95_s']} s "
            f"| {r['run_all_p50_s']} s / {r['run_all_p95_s']} s "
            f"| {kernel_only_run_all_s(ko, r['k'])} s | {r['hub_mib']} MiB "
            f"| {r['student_mib_median']} / {r['student_mib_max']} MiB | {ko_student} MiB | {memory} GiB |")
    return "\n".join(lines)


def k8s_resources(inputs: dict[str, Any]) -> dict[str, Any]:
    """CPU and memory for each student's pod on Kubernetes (deploy/config.yaml), from a measured run.

    * memory guarantee: the largest per-student median peak (server + kernel) of
      the run, plus the headroom, rounded up to 64 MiB: what a student needs to
      run the heaviest lesson;
    * memory limit: twice the largest per-student peak, rounded up to 128 MiB:
      room for a student's own experiments before the kernel is stopped;
    * CPU guarantee: one Run All's CPU time (``make bench``) spread over a
      minute, rounded up to 0.05 core: the whole class can press Run All within
      the same minute and each finishes;
    * CPU limit: one core: a student alone runs the lesson as fast as on one core.

    KubeSpawner reads ``M`` as MiB.

    >>> k8s_resources({"headroom": 1.25, "kernel_only": {"cpu_s_per_student": 4.15},
    ...                "runs": [{"succeeded": 10, "student_mib_median": 300.0, "student_mib_max": 320.0}]})
    {'cpu': {'guarantee': 0.1, 'limit': 1.0}, 'memory': {'guarantee': '384M', 'limit': '640M'}}
    """
    ok = [r for r in inputs["runs"] if r.get("succeeded")]
    median = max(r["student_mib_median"] for r in ok)
    peak = max(r["student_mib_max"] for r in ok)
    guarantee = math.ceil(median * inputs["headroom"] / 64) * 64
    limit = math.ceil(peak * 2 / 128) * 128
    cpu = math.ceil(inputs["kernel_only"]["cpu_s_per_student"] / 60 / 0.05 - 1e-9) * 0.05
    return {"cpu": {"guarantee": round(cpu, 2), "limit": 1.0},
            "memory": {"guarantee": f"{guarantee}M", "limit": f"{limit}M"}}


#: Students, the share of them with a server running at the busiest moment (an assumption, said
#: in the table), and the node size (vCPU, GiB) of the user pool.
SCALES = ((30, 1.0, (4, 16)), (300, 0.4, (8, 32)), (3000, 0.2, (8, 32)))
NODE_RESERVED_GIB, NODE_RESERVED_CPU = 2.0, 0.5  # what Kubernetes and its daemons keep on each node


def _mib(text: str) -> int:
    return int(text.rstrip("M"))


def scale_markdown(inputs: dict[str, Any]) -> str:
    """deploy/README.md's table for 30, 300 and 3,000 students, from a measured run.

    Each student's pod asks for the guarantees of :func:`k8s_resources`; a node
    of the user pool holds as many as its memory and CPU (less what Kubernetes
    keeps) allow; the hub, its proxy and the culler run on one more small node.
    The last column is the worst moment of one class: 30 students pressing Run
    All of lesson 03 at once on the cores of one node (``make bench``'s CPU
    time per Run All).
    """
    res = k8s_resources(inputs)
    mem, cpu = _mib(res["memory"]["guarantee"]), res["cpu"]["guarantee"]
    cpu_s = inputs["kernel_only"]["cpu_s_per_student"]
    lines = [
        f"<!-- derived by `python hub/loadtest.py --sizing-markdown` from the same figures as the README's table -->",
        "",
        "| students | servers at the busiest moment (assumed) | user nodes | memory guaranteed | CPU guaranteed "
        "| 30 students' Run All at once on one node |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for students, share, (vcpu, gib) in SCALES:
        busy = math.ceil(students * share)
        per_node = min(int((gib - NODE_RESERVED_GIB) * 1024 // mem), int((vcpu - NODE_RESERVED_CPU) / cpu + 1e-9))
        nodes = math.ceil(busy / per_node)
        lines.append(
            f"| {students:,} | {busy:,} ({round(share * 100)} %) | {nodes} × {vcpu} vCPU / {gib} GiB "
            f"(up to {per_node} students each) | {math.ceil(busy * mem / 1024):,} GiB | {round(busy * cpu, 1):,} cores "
            f"| {round(max(inputs['kernel_only']['t1_s'], min(30, busy) * cpu_s / vcpu), 1)} s |")
    return "\n".join(lines)


def update_readme(readme: Path, block: str, begin: str = BEGIN, end: str = END) -> None:
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{readme}: no {begin} ... {end} markers to write the table between")
    readme.write_text(pattern.sub(lambda _: f"{begin}\n{block}\n{end}", text), encoding="utf-8")


def bench_inputs(readme: Path) -> dict[str, Any]:
    """The kernel-only figures recorded in the README's ``make bench`` table."""
    match = re.search(r"<!-- derived by `python benchmarks/bench.py --sizing-markdown` from: (\{.*?\}) -->",
                      readme.read_text(encoding="utf-8"))
    if not match:
        raise SystemExit(f"{readme}: the `make bench` sizing table is missing; run `make bench` first")
    data = json.loads(match.group(1))
    return {k: data[k] for k in ("t1_s", "cpu_s_per_student", "kernel_mib_per_student", "server_mib", "cores")}


# --------------------------------------------------------------------------- memory


class MemorySampler(threading.Thread):
    """Samples, every ``interval`` seconds, the hub + proxy and each student's server + kernels (RSS, MiB)."""

    def __init__(self, hub_pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.hub = psutil.Process(hub_pid)
        self.interval = interval
        self.stop = threading.Event()
        self.hub_peak = 0.0
        self.student_peak: dict[str, float] = {}
        self.server_peak: dict[str, float] = {}
        self.kernel_peak: dict[str, float] = {}

    def _rss(self, proc) -> float:
        try:
            return proc.memory_info().rss / 2**20
        except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
            return 0.0

    def sample(self) -> None:
        psutil = self.psutil
        hub = self._rss(self.hub)
        try:
            children = self.hub.children()
        except psutil.NoSuchProcess:
            return
        for child in children:
            try:
                user = child.environ().get("JUPYTERHUB_USER")
                kernels = child.children(recursive=True)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            if not user:  # the proxy
                hub += self._rss(child)
                continue
            server = self._rss(child)
            kernel = sum(self._rss(k) for k in kernels)
            self.server_peak[user] = max(self.server_peak.get(user, 0.0), server)
            self.kernel_peak[user] = max(self.kernel_peak.get(user, 0.0), kernel)
            self.student_peak[user] = max(self.student_peak.get(user, 0.0), server + kernel)
        self.hub_peak = max(self.hub_peak, hub)

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.sample()


# --------------------------------------------------------------------------- one student, one class


def answer_for_lesson() -> str:
    """The right answer to the lesson's exercise, as a student would type it."""
    from newslab import load_case
    from newslab.case.checks import expected_answer, question

    case = load_case()
    return repr(float(expected_answer(question(QUESTION, case), case)))


def one_student(hub_url: str, name: str, link: str, answer: str, timeout: float, password: str = PASSWORD) -> dict[str, Any]:
    """Everything one student does; never raises (the error is recorded)."""
    out: dict[str, Any] = {"name": name, "ok": False, "error": None}
    t0 = time.perf_counter()
    try:
        s = Student(hub_url, name, password, timeout=timeout)
        if not s.login():
            raise HubError("the hub refused the login")
        out["start_s"] = round(s.start_server(), 2)
        out["pull_s"] = round(s.follow_link(link), 2)
        lesson = f"newslab-class/student/{LESSON}"
        t1 = time.perf_counter()
        run = s.run_notebook(lesson, replace={EXERCISE: f"miles_km = {answer}"}, kernel_timeout=timeout * 3)
        out["open_and_run_s"] = round(time.perf_counter() - t1, 2)
        out["run_all_s"] = round(run.seconds, 2)
        out["cells"] = len(run.cells)
        if run.errors:
            raise HubError(f"cell {run.errors[0].index}: {run.errors[0].error}")
        feedback = run.output_of(f"miles_km = {answer}")
        if "✓ Correct" not in feedback:  # (the first self-check of a session may print the class-log notice first)
            raise HubError(f"the exercise was not judged right: {feedback[:200]!r}")
        out["ok"] = True
    except Exception as exc:  # noqa: BLE001 - one student's failure is a figure, not the end of the run
        out["error"] = f"{type(exc).__name__}: {exc}"[:500]
    out["total_s"] = round(time.perf_counter() - t0, 2)
    return out


def run_class(hub_url: str, hub_pid: int | None, names: list[str], link: str, answer: str,
              timeout: float = 300, password: str = PASSWORD) -> dict[str, Any]:
    """k students at once (a barrier starts them together); returns the figures of the run."""
    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(names))

    def go(name: str) -> None:
        barrier.wait()
        result = one_student(hub_url, name, link, answer, timeout, password)
        with lock:
            results.append(result)

    sampler = MemorySampler(hub_pid) if hub_pid else None
    if sampler:
        sampler.start()
    threads = [threading.Thread(target=go, args=(n,), daemon=True) for n in names]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout * 6)
    wall = time.perf_counter() - t0
    if sampler:
        sampler.stop.set()
        sampler.join(5)
    ok = [r for r in results if r["ok"]]
    runs = [r["run_all_s"] for r in ok]
    figures: dict[str, Any] = {
        "k": len(names),
        "succeeded": len(ok),
        "failures": [{"name": r["name"], "error": r["error"]} for r in results if not r["ok"]]
                    + [{"name": n, "error": "did not finish"} for n in names if n not in {r["name"] for r in results}],
        "wall_s": round(wall, 1),
        "run_all_p50_s": _r(percentile(runs, 50)),
        "run_all_p95_s": _r(percentile(runs, 95)),
        "start_p50_s": _r(percentile([r["start_s"] for r in ok], 50)),
        "start_p95_s": _r(percentile([r["start_s"] for r in ok], 95)),
        "pull_p50_s": _r(percentile([r["pull_s"] for r in ok], 50)),
        "students": sorted(results, key=lambda r: r["name"]),
    }
    if sampler:
        peaks = [sampler.student_peak.get(n, 0.0) for n in names if n in sampler.student_peak]
        figures.update({
            "hub_mib": round(sampler.hub_peak, 1),
            "student_mib_median": _r(_median(peaks), 1),
            "student_mib_max": _r(max(peaks) if peaks else None, 1),
            "server_mib_median": _r(_median(list(sampler.server_peak.values())), 1),
            "kernel_mib_median": _r(_median(list(sampler.kernel_peak.values())), 1),
        })
    return figures


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


# --------------------------------------------------------------------------- the whole run


def make_class_repo(where: Path) -> Path:
    """A teacher's class repository: the student build beside cases/, seeds/ and data/ (a git repository)."""
    from newslab.tools.build import build

    repo = where / "newslab-class"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    for folder in ("cases", "seeds", "data"):
        shutil.copytree(ROOT / folder, repo / folder)
    build("student", src=ROOT / "notebooks", out=repo / "student", lessons=ROOT / "lessons")
    env = dict(os.environ, GIT_AUTHOR_NAME="Teacher", GIT_AUTHOR_EMAIL="t@school.example",
               GIT_COMMITTER_NAME="Teacher", GIT_COMMITTER_EMAIL="t@school.example")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "student build"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    return repo


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_hub(state: Path, names: list[str]) -> tuple[subprocess.Popen, str]:
    import requests

    if state.exists():
        shutil.rmtree(state)
    state.mkdir(parents=True)
    (state / "students.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    port = _free_port()
    log = open(state / "hub.log", "wb")
    env = dict(os.environ, NEWSLAB_HUB_PASSWORD=PASSWORD, NEWSLAB_CLASS_LOG="1")
    proc = subprocess.Popen([sys.executable, str(HERE / "launch.py"), "--state", str(state), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the hub stopped; see {state / 'hub.log'}")
        try:
            if requests.get(f"{url}/hub/api", timeout=2).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop_hub(proc)
    raise SystemExit(f"the hub did not start within 120 s; see {state / 'hub.log'}")


def stop_hub(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    except ProcessLookupError:
        pass


def _stop_servers(hub_url: str, names: list[str]) -> None:
    for name in names:
        try:
            s = Student(hub_url, name, PASSWORD, timeout=60)
            if s.login():
                s.stop_server()
        except Exception:  # noqa: BLE001 - best effort; the hub stops the rest when it ends
            pass


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--students", type=int, nargs="+", default=[10, 20, 30], help="class sizes (default 10 20 30)")
    p.add_argument("--time-limit", type=float, default=2400, help="stop after this many seconds (default 2400)")
    p.add_argument("--timeout", type=float, default=300, help="timeout of each student's step (default 300 s)")
    p.add_argument("--state", default=str(ROOT / "build" / "hub-load"), help="the load test's hub folder")
    p.add_argument("--json", default=str(ROOT / "build" / "hub-load.json"), help="where to write the figures")
    p.add_argument("--readme", default=str(ROOT / "README.md"), help="the README with the `make bench` table")
    p.add_argument("--update-readme", action="store_true", help="rewrite the README's measured-class table")
    p.add_argument("--sizing-markdown", action="store_true", help="print the README table from --json and stop")
    args = p.parse_args(argv)

    if args.sizing_markdown:
        data = json.loads(Path(args.json).read_text(encoding="utf-8"))
        data["inputs"]["runs"] = table_runs(data["runs"])
        block = sizing_markdown(data["inputs"])
        print(block)
        if args.update_readme:
            update_readme(Path(args.readme), block)
            update_readme(DEPLOY_PAGE, scale_markdown(data["inputs"]), DEPLOY_BEGIN, DEPLOY_END)
        return 0
    if any(k < 1 or k > MAX_STUDENTS for k in args.students):
        p.error(f"class sizes must be 1 to {MAX_STUDENTS}")

    deadline = time.monotonic() + args.time_limit
    state = Path(args.state).resolve()
    names_by_k = {k: [f"k{k}-s{i:02d}" for i in range(1, k + 1)] for k in args.students}
    everyone = [n for names in names_by_k.values() for n in names]
    import psutil

    load_before = round(os.getloadavg()[0], 2)
    repo = make_class_repo(state.parent / "hub-load-class")
    answer = answer_for_lesson()
    from newslab.tools.site import hub_links

    proc, url = start_hub(state, everyone)
    runs = []
    try:
        link = hub_links([LESSON], hub=url, repo=repo.as_uri(), folder="student")[0]["nbgitpuller"]
        for k, names in names_by_k.items():
            left = deadline - time.monotonic()
            if left < 60:
                print(f"k={k}: skipped, the time limit is reached", flush=True)
                runs.append({"k": k, "succeeded": 0, "skipped": "time limit"})
                continue
            print(f"k={k}: {k} students at once ...", flush=True)
            figures = run_class(url, proc.pid, names, link, answer, timeout=min(args.timeout, left / 3))
            runs.append(figures)
            print(f"k={k}: {figures['succeeded']} of {k} succeeded; Run All p50 {figures['run_all_p50_s']} s, "
                  f"p95 {figures['run_all_p95_s']} s; hub {figures.get('hub_mib')} MiB; per student "
                  f"{figures.get('student_mib_median')} / {figures.get('student_mib_max')} MiB; "
                  f"wall {figures['wall_s']} s", flush=True)
            for failure in figures["failures"]:
                print(f"   {failure['name']}: {failure['error']}", flush=True)
            _stop_servers(url, names)
    finally:
        stop_hub(proc)

    import jupyterhub

    inputs = {
        "machine": {"cores": os.cpu_count(), "arch": platform.machine(),
                    "ram_gib": round(psutil.virtual_memory().total / 2**30), "python": platform.python_version(),
                    "jupyterhub": jupyterhub.__version__, "date": time.strftime("%Y-%m-%d"),
                    "load_before": load_before, "shared": load_before >= 0.5},
        "lesson": LESSON,
        "headroom": HEADROOM,
        "kernel_only": bench_inputs(Path(args.readme)),
        "runs": table_runs(runs),
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"inputs": inputs, "runs": runs}, indent=1) + "\n", encoding="utf-8")
    print(f"figures written to {out}")
    block = sizing_markdown(inputs)
    print(block)
    if args.update_readme:
        update_readme(Path(args.readme), block)
        update_readme(DEPLOY_PAGE, scale_markdown(inputs), DEPLOY_BEGIN, DEPLOY_END)
        print(f"tables written to {args.readme} and {DEPLOY_PAGE}")
    return 0 if all(r.get("succeeded") == r["k"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
