"""Performance budgets for the lesson notebooks.

Run ``python -m newslab.bench`` from anywhere inside the repository.  It
measures what a student (or the test suite) waits for and compares it with a
*bare* notebook that only imports pandas and matplotlib, shows a small
DataFrame and draws one line plot:

1. per lesson notebook, the wall time of Run All in a fresh kernel (kernel
   start-up included), as a ratio to the bare notebook (target <= 1.5x);
2. the whole strict nbval run over ``notebooks/`` against the same command
   over as many bare notebooks (target <= 2x);
3. the time of ``import newslab`` in a fresh interpreter (target <= 0.3 s);
4. the kernel's resident memory after Run All (target <= 160 MiB).

Budgets are reported, not enforced: the exit code is 0 even when a figure is
over budget, and non-zero only when a notebook fails to execute (or the
repository cannot be found).  A plain-text table goes to stdout and every
figure is written as JSON (``build/bench.json`` by default).

Importing this module is cheap: nbclient, nbformat and psutil are imported
only inside the functions that need them.

Examples
--------
>>> budget_status(1.2, 1.5)
'ok'
>>> format_ratio(ratio(3.0, 2.0))
'1.50x'
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = [
    "BARE_SOURCES",
    "DEFAULT_NOTEBOOK_GLOB",
    "NBVAL_ARGS",
    "NOTEBOOK_DIR",
    "SANITIZE_FILE",
    "TARGETS",
    "budget_status",
    "exit_code",
    "find_repo_root",
    "format_mib",
    "format_ratio",
    "format_seconds",
    "format_table",
    "main",
    "make_bare_notebook",
    "median",
    "nbval_command",
    "ratio",
    "report_rows",
]

#: Budgets: ratio of a lesson's Run All to the bare notebook's, ratio of the
#: nbval run to the bare nbval run, seconds for ``import newslab``, MiB of
#: kernel RSS after Run All.
TARGETS: dict[str, float] = {
    "run_all_ratio": 1.5,
    "nbval_ratio": 2.0,
    "import_seconds": 0.3,
    "kernel_rss_mib": 160.0,
}

#: Folder of the lesson notebooks, relative to the repository root.
NOTEBOOK_DIR = "notebooks"
#: nbval's sanitize file, relative to the repository root (may not exist yet).
SANITIZE_FILE = "tests/nbval_sanitize.cfg"
#: Which notebooks get per-notebook figures (relative to the repository root).
DEFAULT_NOTEBOOK_GLOB = "notebooks/[0-9][0-9]-*.ipynb"
#: pytest options of the strict nbval run; see :func:`nbval_command`.
NBVAL_ARGS: tuple[str, ...] = (
    "-p",
    "no:cacheprovider",
    "-q",
    "--nbval",
    "--nbval-current-env",
)

KERNEL_NAME = "python3"
CELL_TIMEOUT = 300
IMPORT_RUNS = 5

#: The code cells of the bare notebook.
BARE_SOURCES: tuple[str, ...] = (
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    'pd.DataFrame({"day": [1, 2, 3], "stories": [4, 7, 5]})',
    "plt.plot([1, 2, 3], [4, 7, 5])\nplt.show()",
)

_IMPORT_SNIPPET = (
    "import time\n"
    "t = time.perf_counter()\n"
    "import newslab\n"
    "print(repr(time.perf_counter() - t))\n"
)


# ---------------------------------------------------------------------------
# Pure helpers
# ---------------------------------------------------------------------------


def median(values: Iterable[float | None]) -> float | None:
    """Median of the values that are not None.

    Parameters
    ----------
    values : iterable of float or None
        Samples; None marks a failed run and is left out.

    Returns
    -------
    float or None
        The median, or None when there is no sample.

    Examples
    --------
    >>> median([3.0, 1.0, 2.0])
    2.0
    >>> median([1.0, 4.0])
    2.5
    >>> median([None]) is None
    True
    """
    kept = sorted(float(v) for v in values if v is not None)
    if not kept:
        return None
    mid = len(kept) // 2
    return kept[mid] if len(kept) % 2 else (kept[mid - 1] + kept[mid]) / 2


def ratio(value: float | None, reference: float | None) -> float | None:
    """``value / reference``, or None when either is missing or reference <= 0.

    Parameters
    ----------
    value : float or None
        The measured figure.
    reference : float or None
        The bare-notebook figure to compare with.

    Returns
    -------
    float or None
        The ratio.

    Examples
    --------
    >>> ratio(3.0, 2.0)
    1.5
    >>> ratio(1.0, 0.0) is None
    True
    >>> ratio(None, 2.0) is None
    True
    """
    if value is None or reference is None or reference <= 0:
        return None
    return value / reference


def budget_status(value: float | None, limit: float) -> str:
    """``"ok"`` if ``value <= limit``, ``"OVER"`` if above, ``"n/a"`` if missing.

    Parameters
    ----------
    value : float or None
        The measured figure.
    limit : float
        The budget.

    Returns
    -------
    str
        ``"ok"``, ``"OVER"`` or ``"n/a"``.

    Examples
    --------
    >>> budget_status(1.5, 1.5)
    'ok'
    >>> budget_status(1.51, 1.5)
    'OVER'
    >>> budget_status(None, 1.5)
    'n/a'
    """
    if value is None:
        return "n/a"
    return "ok" if value <= limit else "OVER"


def format_seconds(seconds: float | None) -> str:
    """Seconds with two decimals (three below one second).

    Parameters
    ----------
    seconds : float or None
        A duration.

    Returns
    -------
    str
        For example ``"2.31 s"``; ``"-"`` when missing.

    Examples
    --------
    >>> format_seconds(2.3149)
    '2.31 s'
    >>> format_seconds(0.04567)
    '0.046 s'
    >>> format_seconds(None)
    '-'
    """
    if seconds is None:
        return "-"
    return f"{seconds:.3f} s" if seconds < 1 else f"{seconds:.2f} s"


def format_ratio(value: float | None) -> str:
    """A ratio with two decimals and an ``x``.

    Parameters
    ----------
    value : float or None
        A ratio.

    Returns
    -------
    str
        For example ``"1.25x"``; ``"-"`` when missing.

    Examples
    --------
    >>> format_ratio(1.2549)
    '1.25x'
    >>> format_ratio(None)
    '-'
    """
    return "-" if value is None else f"{value:.2f}x"


def format_mib(mib: float | None) -> str:
    """Mebibytes with one decimal.

    Parameters
    ----------
    mib : float or None
        A size in MiB.

    Returns
    -------
    str
        For example ``"97.4 MiB"``; ``"-"`` when missing.

    Examples
    --------
    >>> format_mib(97.44)
    '97.4 MiB'
    >>> format_mib(None)
    '-'
    """
    return "-" if mib is None else f"{mib:.1f} MiB"


def format_table(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = ("figure", "value", "target", "status"),
) -> str:
    """Align rows of strings into a plain-text table.

    Parameters
    ----------
    rows : sequence of sequence of str
        One row per figure, as many cells as ``header``.
    header : sequence of str, optional
        Column titles.

    Returns
    -------
    str
        The table, with a rule under the header and no trailing spaces.

    Examples
    --------
    >>> print(format_table([("import newslab", "0.012 s", "<= 0.30 s", "ok")]))
    figure          value    target     status
    --------------  -------  ---------  ------
    import newslab  0.012 s  <= 0.30 s  ok
    """
    table = [list(header), *[list(r) for r in rows]]
    if any(len(r) != len(header) for r in table):
        raise ValueError(f"every row needs {len(header)} cells")
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def nbval_command(
    target: str = NOTEBOOK_DIR + "/",
    sanitize: str | None = SANITIZE_FILE,
    python: str | None = None,
) -> list[str]:
    """The strict nbval command of the test suite, as an argument list.

    This is the one place where that command is spelled out.

    Parameters
    ----------
    target : str, optional
        What nbval collects (default ``notebooks/``).
    sanitize : str or None, optional
        Sanitize file; None leaves the option out (when the file is missing).
    python : str or None, optional
        Interpreter; default ``sys.executable``.

    Returns
    -------
    list of str
        Arguments for :func:`subprocess.run`, to be run from the repo root.

    Examples
    --------
    >>> " ".join(nbval_command(python="python"))  # doctest: +NORMALIZE_WHITESPACE
    'python -m pytest -p no:cacheprovider -q --nbval --nbval-current-env
     --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/'
    >>> nbval_command("nb/", sanitize=None, python="py")[-2:]
    ['--nbval-current-env', 'nb/']
    """
    cmd = [python or sys.executable, "-m", "pytest", *NBVAL_ARGS]
    if sanitize is not None:
        cmd += ["--nbval-sanitize-with", sanitize]
    return [*cmd, target]


def report_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Turn a report (as written to JSON) into table rows.

    Parameters
    ----------
    report : dict
        The dictionary built by :func:`main`.

    Returns
    -------
    list of tuple of str
        ``(figure, value, target, status)`` rows for :func:`format_table`.
    """
    t = report["targets"]
    rows: list[tuple[str, str, str, str]] = []
    imp = report["import_newslab"]
    rows.append(
        (
            "import newslab (median of %d)" % len(imp["samples"]),
            "FAIL" if imp["error"] else format_seconds(imp["seconds"]),
            f"<= {t['import_seconds']:.2f} s",
            imp["status"],
        )
    )

    def run_rows(name: str, entry: dict[str, Any], is_bare: bool) -> None:
        if entry["error"]:
            rows.append((f"run all: {name}", "FAIL", "executes", "FAIL"))
            return
        if is_bare:
            value, target, status = format_seconds(entry["seconds"]), "(reference)", ""
        else:
            value = f"{format_seconds(entry['seconds'])} = {format_ratio(entry['ratio_to_bare'])} bare"
            target = f"<= {t['run_all_ratio']:.1f}x bare"
            status = entry["time_status"]
        rows.append((f"run all: {name}", value, target, status))
        rows.append(
            (
                f"kernel RSS: {name}",
                format_mib(entry["rss_mib"]),
                f"<= {t['kernel_rss_mib']:.0f} MiB",
                entry["rss_status"],
            )
        )

    run_rows("bare notebook", report["bare"], True)
    for nb in report["notebooks"]:
        run_rows(nb["name"], nb, False)

    nbval = report["nbval"]
    if nbval.get("notebooks") is None:  # skipped, no notebooks, or no bare notebook
        value = nbval["status"] if "reason" not in nbval else f"{nbval['status']}: {nbval['reason']}"
        rows.append(("nbval run (strict)", value, f"<= {t['nbval_ratio']:.1f}x bare", nbval["status"]))
        return rows
    n = nbval["count"]
    for key, label in (("notebooks", f"nbval notebooks/ ({n} nb)"), ("bare", f"nbval bare ({n} nb)")):
        run = nbval[key]
        ok = run["exit_code"] == 0
        rows.append(
            (
                label,
                f"{format_seconds(run['seconds'])}, exit {run['exit_code']}" if ok else f"FAIL, exit {run['exit_code']}",
                "pytest exit 0",
                "ok" if ok else "FAIL",
            )
        )
    rows.append(
        (
            "nbval ratio",
            format_ratio(nbval["ratio"]),
            f"<= {t['nbval_ratio']:.1f}x bare",
            nbval["status"],
        )
    )
    return rows


def exit_code(report: dict[str, Any]) -> int:
    """Process exit code for a report: 1 if any notebook failed to execute.

    Budgets over target do not change the exit code.

    Parameters
    ----------
    report : dict
        The dictionary built by :func:`main`.

    Returns
    -------
    int
        0 or 1.

    Examples
    --------
    >>> exit_code({"bare": {"error": None}, "notebooks": [{"error": None}]})
    0
    >>> exit_code({"bare": {"error": None}, "notebooks": [{"error": "boom"}]})
    1
    """
    entries = [report["bare"], *report["notebooks"]]
    return 1 if any(e["error"] for e in entries) else 0


# ---------------------------------------------------------------------------
# Notebooks and kernels
# ---------------------------------------------------------------------------


def find_repo_root(start: Path | None = None) -> Path:
    """Walk up from ``start`` to the folder holding pyproject.toml and notebooks/.

    Parameters
    ----------
    start : Path, optional
        Where to begin (default: the current directory).

    Returns
    -------
    Path
        The repository root.

    Raises
    ------
    FileNotFoundError
        If no such folder encloses ``start``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() and (folder / NOTEBOOK_DIR).is_dir():
            return folder
    raise FileNotFoundError(f"no folder with pyproject.toml and {NOTEBOOK_DIR}/ above {here}")


def make_bare_notebook() -> Any:
    """The bare reference notebook: imports, a small DataFrame, one line plot.

    Returns
    -------
    nbformat.NotebookNode
        An unexecuted nbformat v4 notebook with the three code cells of
        :data:`BARE_SOURCES`.
    """
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in BARE_SOURCES]
    nb.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _rss_mib(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def _kernel_pid(client: Any) -> int:
    """Pid of the client's kernel: from the provisioner, else asked from the kernel."""
    import nbformat

    process = getattr(getattr(client.km, "provisioner", None), "process", None)
    pid = getattr(process, "pid", None)
    if isinstance(pid, int):
        return pid
    cell = nbformat.v4.new_code_cell("import os; print(os.getpid())")
    # nbclient stores the cell at its index, so lend it a slot and take it back.
    client.nb.cells.append(cell)
    try:
        client.execute_cell(cell, len(client.nb.cells) - 1, store_history=False)
    finally:
        client.nb.cells.pop()
    text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
    return int(text.strip())


def execute_notebook(nb: Any, cwd: Path) -> tuple[float, float]:
    """Run All in a fresh kernel; time it and measure the kernel's RSS.

    The time runs from creating the kernel to the end of the last cell, so it
    includes kernel start-up.  The RSS is taken after the last cell, before
    the kernel is shut down.  ``nb`` is filled with the outputs.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook; executed in place.
    cwd : Path
        The kernel's working directory (the notebook's folder).

    Returns
    -------
    seconds : float
        Wall time of Run All.
    rss_mib : float
        Kernel resident set size in MiB.

    Raises
    ------
    Exception
        Whatever nbclient raises when a cell fails (CellExecutionError,
        DeadKernelError, CellTimeoutError, ...).
    """
    from nbclient import NotebookClient

    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.reset_execution_trackers()
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())
        if info is not None and "language_info" in info["content"]:
            nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        seconds = time.perf_counter() - start
        rss = _rss_mib(_kernel_pid(client))
    return seconds, rss


def _error_text(exc: BaseException) -> str:
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip() or type(exc).__name__
    lines = text.splitlines()
    return f"{type(exc).__name__}: " + "\n".join(lines[-12:])


def _new_entry(name: str, path: str | None) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "seconds": None,
        "samples_s": [],
        "rss_mib": None,
        "rss_samples_mib": [],
        "error": None,
    }


def _run_once(entry: dict[str, Any], load: Any, cwd: Path) -> Any:
    """Execute one fresh copy of a notebook and add a sample to ``entry``."""
    if entry["error"]:
        return None
    try:
        nb = load()
        seconds, rss = execute_notebook(nb, cwd)
    except Exception as exc:  # any failure to execute is reported, not raised
        entry["error"] = _error_text(exc)
        print(f"bench: {entry['name']} failed to execute:\n{entry['error']}", file=sys.stderr)
        return None
    entry["samples_s"].append(seconds)
    entry["rss_samples_mib"].append(rss)
    return nb


# ---------------------------------------------------------------------------
# Subprocess measurements
# ---------------------------------------------------------------------------


def _subprocess_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    src = root / "src"
    if (src / "newslab").is_dir():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH")) if p)
    return env


def time_import(root: Path, runs: int = IMPORT_RUNS) -> dict[str, Any]:
    """Time ``import newslab`` in ``runs`` fresh interpreters.

    Parameters
    ----------
    root : Path
        Repository root (the subprocesses run there, with ``src`` on the path).
    runs : int, optional
        How many interpreters to start.

    Returns
    -------
    dict
        ``seconds`` (median), ``samples``, ``status`` and ``error``.
    """
    import subprocess

    samples: list[float] = []
    error = None
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", _IMPORT_SNIPPET],
            cwd=root,
            env=_subprocess_env(root),
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            lines = proc.stderr.strip().splitlines()
            error = lines[-1] if lines else f"exit {proc.returncode}"
            break
        samples.append(float(proc.stdout.strip().splitlines()[-1]))
    seconds = median(samples)
    return {
        "seconds": seconds,
        "samples": samples,
        "target_s": TARGETS["import_seconds"],
        "status": "FAIL" if error else budget_status(seconds, TARGETS["import_seconds"]),
        "error": error,
    }


def run_nbval(cmd: list[str], root: Path, count: int) -> dict[str, Any]:
    """Run one nbval command from ``root`` and time it.

    Parameters
    ----------
    cmd : list of str
        From :func:`nbval_command`.
    root : Path
        Working directory (the repository root).
    count : int
        Number of notebooks collected, to size the timeout.

    Returns
    -------
    dict
        ``command``, ``seconds`` (None when pytest failed), ``exit_code`` and
        ``output_tail`` (last lines of pytest's output).
    """
    import subprocess

    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd,
            cwd=root,
            env=_subprocess_env(root),
            capture_output=True,
            text=True,
            timeout=600 + CELL_TIMEOUT * max(count, 1),
        )
        code: int | None = proc.returncode
        output = proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, output = None, f"timed out after {exc.timeout} s"
    seconds = time.perf_counter() - start
    tail = output.strip().splitlines()[-15:]
    if code != 0:
        print(f"bench: nbval FAILED (exit {code}): {' '.join(cmd)}", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
    return {
        "command": cmd,
        "seconds": seconds if code == 0 else None,
        "exit_code": code,
        "output_tail": tail,
    }


def _nbval_notebooks(root: Path) -> list[Path]:
    """The notebooks the nbval run collects (hidden folders are not recursed)."""
    folder = root / NOTEBOOK_DIR
    return sorted(
        p
        for p in folder.rglob("*.ipynb")
        if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def measure_nbval(root: Path, bare_executed: Any) -> dict[str, Any]:
    """Time strict nbval over notebooks/ and over as many bare notebooks.

    The bare copies are written with outputs into a temporary folder under
    ``build/`` (so pytest picks up the same configuration from the repo's
    pyproject.toml) and removed afterwards.

    Parameters
    ----------
    root : Path
        Repository root.
    bare_executed : nbformat.NotebookNode or None
        The executed bare notebook; None if it failed.

    Returns
    -------
    dict
        ``count``, ``notebooks`` and ``bare`` runs (see :func:`run_nbval`),
        ``ratio`` and ``status``.
    """
    import shutil
    import tempfile

    import nbformat

    count = len(_nbval_notebooks(root))
    result: dict[str, Any] = {
        "status": "n/a",
        "count": count,
        "notebooks": None,
        "bare": None,
        "ratio": None,
        "target_ratio": TARGETS["nbval_ratio"],
        "sanitize": SANITIZE_FILE if (root / SANITIZE_FILE).is_file() else None,
    }
    if count == 0:
        result["reason"] = f"no notebooks in {NOTEBOOK_DIR}/"
        return result
    if bare_executed is None:
        result["status"] = "FAIL"
        result["reason"] = "the bare notebook failed to execute"
        return result
    sanitize = result["sanitize"]
    result["notebooks"] = run_nbval(nbval_command(NOTEBOOK_DIR + "/", sanitize), root, count)
    build = root / "build"
    build.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-bare-", dir=build))
    try:
        for i in range(count):
            nbformat.write(bare_executed, tmp / f"{i + 1:02d}-bare.ipynb")
        target = tmp.relative_to(root).as_posix() + "/"
        result["bare"] = run_nbval(nbval_command(target, sanitize), root, count)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if result["notebooks"]["exit_code"] != 0 or result["bare"]["exit_code"] != 0:
        result["status"] = "FAIL"
        return result
    result["ratio"] = ratio(result["notebooks"]["seconds"], result["bare"]["seconds"])
    result["status"] = budget_status(result["ratio"], TARGETS["nbval_ratio"])
    return result


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> Any:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m newslab.bench",
        description="Report newslab's notebook performance budgets (never enforced).",
    )
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="Run All repetitions per notebook (median; default 3)")
    parser.add_argument("--notebooks", default=DEFAULT_NOTEBOOK_GLOB, metavar="GLOB", help=f"notebooks to time, relative to the repo root (default {DEFAULT_NOTEBOOK_GLOB})")
    parser.add_argument("--skip-nbval", action="store_true", help="do not time the strict nbval run")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="where to write the figures (default build/bench.json)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def _select_notebooks(root: Path, pattern: str) -> list[Path]:
    import glob

    if os.path.isabs(pattern):
        found = glob.glob(pattern)
    else:
        found = [str(root / p) for p in glob.glob(pattern, root_dir=root)]
    return sorted(Path(p) for p in found if p.endswith(".ipynb"))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _finish_entry(entry: dict[str, Any], bare_seconds: float | None = None, *, is_bare: bool = False) -> None:
    """Fill in medians, ratio and statuses once all repeats have run."""
    failed = bool(entry["error"])
    entry["seconds"] = None if failed else median(entry["samples_s"])
    entry["rss_mib"] = None if failed else median(entry["rss_samples_mib"])
    entry["rss_status"] = "FAIL" if failed else budget_status(entry["rss_mib"], TARGETS["kernel_rss_mib"])
    if is_bare:
        entry["time_status"] = "FAIL" if failed else "ok"
        return
    entry["ratio_to_bare"] = ratio(entry["seconds"], bare_seconds)
    entry["time_status"] = "FAIL" if failed else budget_status(entry["ratio_to_bare"], TARGETS["run_all_ratio"])


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the budgets, print the table and write the JSON.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        0 (even with budgets over target), 1 if a notebook failed to
        execute, 2 if the repository root cannot be found.
    """
    import json
    import platform
    import tempfile

    import nbformat

    args = _parse_args(argv)
    try:
        root = find_repo_root()
    except FileNotFoundError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    paths = _select_notebooks(root, args.notebooks)
    print(f"bench: {len(paths)} notebook(s), repeat {args.repeat}, root {root}", file=sys.stderr)

    bare = _new_entry("bare notebook", None)
    entries = [_new_entry(p.name, _rel(p, root)) for p in paths]
    bare_executed = None
    with tempfile.TemporaryDirectory(prefix="newslab-bench-") as tmp:
        bare_dir = Path(tmp)
        # Interleave bare and lesson runs so that drift hits both alike.
        for _ in range(args.repeat):
            nb = _run_once(bare, make_bare_notebook, bare_dir)
            if bare_executed is None:
                bare_executed = nb
            for path, entry in zip(paths, entries):
                _run_once(entry, lambda p=path: nbformat.read(p, as_version=4), path.parent)

    _finish_entry(bare, is_bare=True)
    for entry in entries:
        _finish_entry(entry, bare["seconds"])

    report: dict[str, Any] = {
        "schema": 1,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "root": str(root),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "repeat": args.repeat,
        "targets": dict(TARGETS),
        "import_newslab": time_import(root),
        "bare": bare,
        "notebooks": entries,
    }
    if args.skip_nbval:
        report["nbval"] = {"status": "skipped", "count": len(_nbval_notebooks(root)), "reason": "--skip-nbval"}
    else:
        report["nbval"] = measure_nbval(root, bare_executed)
    report["exit_code"] = exit_code(report)

    print(format_table(report_rows(report)))
    json_path = args.json if args.json is not None else root / "build" / "bench.json"
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"bench: wrote {json_path}", file=sys.stderr)
    return report["exit_code"]


if __name__ == "__main__":
    sys.exit(main())
