"""Performance budgets for the lesson notebooks.

Run ``python benchmarks/bench.py`` from anywhere inside the repository.  It
measures what a student (or the test suite) waits for and compares it with a
*bare* notebook that only imports pandas and matplotlib, shows a small
DataFrame and draws one line plot:

1. per lesson notebook and per case (:data:`BENCH_CASES`: the seed and the
   second case, each through ``NEWSLAB_CASE``), the wall time of Run All in a
   fresh kernel (kernel start-up included), as a ratio to the bare notebook
   run in the same rounds (target <= 1.3x);
2. the whole strict nbval run over ``notebooks/`` (the seed: the committed
   outputs are the seed's) against the same command over as many bare
   notebooks (target <= 1.6x);
3. the time of ``import newslab`` in a fresh interpreter (target <= 0.3 s);
4. the kernel's resident memory after Run All (target <= 150 MiB);
5. the throughput of the loader, the splitter and every extractor that
   exists (:data:`EXTRACTORS`) on a synthetic 5 MB article, each in a fresh
   interpreter (target: <= 10 s each), and on pathological text
   (:data:`PATHOLOGICAL_SHAPES`: one run of digits, a sentence with no full
   stop, an unclosed quote, ...) at two sizes, where the larger/smaller time
   ratio should stay near the size ratio (near-linear);
6. a class simulation: k = 1, 2, 4, 8 students running the heaviest lesson
   at the same time (k ``jupyter nbconvert --execute`` processes, each with
   its kernel), wall time and peak memory, plus the memory of an idle
   JupyterLab server; from these :func:`derive_sizing` derives the sizing
   table of the README (``python benchmarks/bench.py --sizing-markdown`` prints
   it from the last ``build/bench.json``).

Every timed figure is the **median of at least three runs** (``--repeat``,
default 3), printed with its spread (``[min–max]`` of the runs) and, for the
notebooks, side by side with the bare notebook's, measured in the same rounds
(bare, then each lesson, round after round, so that a machine that slows down
slows both).  A line whose median misses its budget says ``OVER`` in its
status column, and the run ends with the list of them.

Exit code (see :func:`exit_code`): 0 when every budget is met; 3 when a
budget is missed; 1 when a notebook, an nbval run, an extractor or a class run
failed; 2 when the repository cannot be found.  The budgets are benchmarks,
not timed tests: ``make test`` never runs this (a slow CI machine must not
fail the suite); ``tests/test_bench.py`` checks the logic on fixed figures.
A plain-text table goes to stdout and every figure is written as JSON
(``build/bench.json`` by default).

Importing this module is cheap: nbclient, nbformat and psutil are imported
only inside the functions that need them.

Examples
--------
>>> budget_status(1.2, 1.5)
'ok'
>>> format_ratio(ratio(3.0, 2.0))
'1.50x'
>>> format_spread([2.0, 1.0, 4.0], format_seconds)
'2.00 s [1.00–4.00]'
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

__all__ = [
    "BARE_SOURCES",
    "CLASS_K",
    "EXTRACTORS",
    "EXTRACTOR_KWARGS",
    "PATHOLOGICAL_BYTES",
    "PATHOLOGICAL_FACTOR",
    "PATHOLOGICAL_SHAPES",
    "pathological_article",
    "pathological_rows",
    "time_pathological",
    "time_pathological_shapes",
    "SIZING_CLASS_SIZES",
    "class_rows",
    "derive_sizing",
    "extractor_rows",
    "find_extractor",
    "measure_class",
    "measure_server_rss",
    "present_extractors",
    "run_concurrently",
    "sizing_markdown",
    "sizing_inputs",
    "hub_kernel_only",
    "synthetic_article",
    "time_extractor",
    "DEFAULT_NOTEBOOK_GLOB",
    "NBVAL_ARGS",
    "NOTEBOOK_DIR",
    "SANITIZE_FILE",
    "TARGETS",
    "BENCH_CASES",
    "budget_misses",
    "budget_status",
    "exit_code",
    "format_spread",
    "spread",
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
    "REPORT_HEADER",
    "EXIT_OK",
    "EXIT_FAILED",
    "EXIT_NO_REPO",
    "EXIT_OVER_BUDGET",
]

#: Budgets: ratio of a lesson's Run All to the bare notebook's, ratio of the
#: nbval run to the bare nbval run, seconds for ``import newslab``, MiB of
#: kernel RSS after Run All, seconds for one extractor on the 5 MB article.
TARGETS: dict[str, float] = {
    "run_all_ratio": 1.3,
    "nbval_ratio": 1.6,
    "import_seconds": 0.3,
    "kernel_rss_mib": 150.0,
    "extractor_seconds": 10.0,
}

#: The cases every lesson is timed on: the seed, and a second case that the
#: lessons must serve as lightly (``--cases`` chooses others).
BENCH_CASES: tuple[str, ...] = ("iran-taliban-2021", "irish-border-2023")

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


def spread(values: Iterable[float | None]) -> list[float] | None:
    """``[min, max]`` of the values that are not None (the spread of a median).

    Examples
    --------
    >>> spread([3.0, None, 1.0, 2.0])
    [1.0, 3.0]
    >>> spread([]) is None
    True
    """
    kept = [float(v) for v in values if v is not None]
    return [min(kept), max(kept)] if kept else None


def format_spread(values: Sequence[float | None], fmt: Any) -> str:
    """The median of ``values`` formatted with ``fmt``, then ``[min–max]`` of the runs.

    A single run has no spread to show, so it says ``(1 run)``.

    Parameters
    ----------
    values : sequence of float or None
        The samples (None: a failed run, left out).
    fmt : callable
        One of the formatters, e.g. :func:`format_seconds` or :func:`format_mib`.

    Examples
    --------
    >>> format_spread([1.5, 1.25, 1.75], format_seconds)
    '1.50 s [1.25–1.75]'
    >>> format_spread([97.44, 98.0, 97.0], format_mib)
    '97.4 MiB [97.0–98.0]'
    >>> format_spread([0.5], format_seconds)
    '0.500 s (1 run)'
    >>> format_spread([], format_seconds)
    '-'
    """
    mid, span = median(values), spread(values)
    if mid is None or span is None:
        return "-"
    if sum(v is not None for v in values) == 1:
        return f"{fmt(mid)} (1 run)"
    lo, hi = (fmt(v).rsplit(" ", 1)[0] for v in span)
    return f"{fmt(mid)} [{lo}–{hi}]"


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


#: Columns of the budget table: every figure side by side with the bare notebook's.
REPORT_HEADER = ("figure", "median [min–max]", "bare notebook", "ratio", "target", "status")


def report_rows(report: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """Turn a report (as written to JSON) into the rows of the budget table.

    One row per figure (:data:`REPORT_HEADER`): its median with the spread of
    the runs, the bare notebook's median and spread from the same rounds, the
    ratio of the two medians, the budget and ``ok`` / ``OVER`` / ``FAIL``.

    Parameters
    ----------
    report : dict
        The dictionary built by :func:`main`.

    Returns
    -------
    list of tuple of str
        Rows for :func:`format_table` with ``header=REPORT_HEADER``.
    """
    t = report["targets"]
    rows: list[tuple[str, str, str, str, str, str]] = []
    imp = report["import_newslab"]
    rows.append(("import newslab", "FAIL: " + imp["error"] if imp["error"] else format_spread(imp["samples"], format_seconds),
                 "-", "-", f"<= {t['import_seconds']:.2f} s", imp["status"]))
    for case in report["cases"]:
        bare, label = case["bare"], case["case"]
        if bare["error"]:
            rows.append((f"run all: bare notebook ({label})", "FAIL", "-", "-", "executes", "FAIL"))
        bare_s = format_spread(bare["samples_s"], format_seconds)
        bare_mib = format_spread(bare["rss_samples_mib"], format_mib)
        for nb in case["notebooks"]:
            name = f"{nb['name']} ({label})"
            if nb["error"]:
                rows.append((f"run all: {name}", "FAIL", bare_s, "-", "executes", "FAIL"))
                continue
            rows.append((f"run all: {name}", format_spread(nb["samples_s"], format_seconds), bare_s,
                         format_ratio(nb["ratio_to_bare"]), f"<= {t['run_all_ratio']:.1f}x bare", nb["time_status"]))
            rows.append((f"kernel RSS: {name}", format_spread(nb["rss_samples_mib"], format_mib), bare_mib,
                         format_ratio(ratio(nb["rss_mib"], bare["rss_mib"])), f"<= {t['kernel_rss_mib']:.0f} MiB",
                         nb["rss_status"]))

    nbval = report["nbval"]
    target = f"<= {t['nbval_ratio']:.1f}x bare"
    if nbval.get("notebooks") is None:  # skipped, no notebooks, or no bare notebook
        value = nbval["status"] if "reason" not in nbval else f"{nbval['status']}: {nbval['reason']}"
        rows.append(("nbval run (strict)", value, "-", "-", target, nbval["status"]))
        return rows
    name = f"nbval, strict ({nbval['count']} nb, {nbval.get('case') or 'seed'})"
    runs = {}
    for key in ("notebooks", "bare"):
        run = nbval[key]
        runs[key] = (format_spread(run["samples_s"], format_seconds) if run["exit_code"] == 0
                     else f"FAIL, exit {run['exit_code']}")
    rows.append((name, runs["notebooks"], runs["bare"], format_ratio(nbval["ratio"]), target, nbval["status"]))
    return rows


def budget_misses(report: dict[str, Any]) -> list[str]:
    """The figures of a report whose median misses its budget (status ``OVER`` or ``SUPERLINEAR``).

    Covers the budget table (:func:`report_rows`), the extractors on the
    synthetic article and the pathological shapes.  Failed runs are not
    misses: :func:`exit_code` reports them on their own.

    Examples
    --------
    >>> budget_misses({"targets": TARGETS, "import_newslab": {"samples": [0.5], "error": None, "status": "OVER"},
    ...                "cases": [], "nbval": {"status": "skipped", "count": 0}})
    ['import newslab']
    """
    misses = [row[0] for row in report_rows(report) if row[-1] == "OVER"]
    for row in extractor_rows(report.get("extractors", {}).get("entries", [])):
        if row[-1] == "OVER":
            misses.append(row[0])
    for row in pathological_rows(report.get("pathological", {}).get("entries", [])):
        if row[-1] == "SUPERLINEAR":
            misses.append(row[0])
    return misses


#: Exit codes of ``python benchmarks/bench.py`` (see :func:`exit_code`).
EXIT_OK, EXIT_FAILED, EXIT_NO_REPO, EXIT_OVER_BUDGET = 0, 1, 2, 3


def exit_code(report: dict[str, Any]) -> int:
    """Process exit code for a report: 1 if something failed to run, 3 if a budget is missed, else 0.

    Parameters
    ----------
    report : dict
        The dictionary built by :func:`main`.

    Returns
    -------
    int
        :data:`EXIT_FAILED` (1) when a notebook, an nbval run, an extractor or a
        class run failed; :data:`EXIT_OVER_BUDGET` (3) when everything ran but a
        figure misses its budget (:func:`budget_misses`); 0 otherwise.

    Examples
    --------
    >>> ok = {"targets": TARGETS, "import_newslab": {"samples": [0.1], "error": None, "status": "ok"},
    ...       "cases": [{"case": "c", "bare": {"error": None}, "notebooks": [{"error": None, "time_status": "ok",
    ...                  "rss_status": "ok", "name": "01.ipynb", "samples_s": [1.0], "rss_samples_mib": [99.0],
    ...                  "ratio_to_bare": 1.0, "rss_mib": 99.0}]}], "nbval": {"status": "skipped", "count": 0}}
    >>> ok["cases"][0]["bare"].update(samples_s=[1.0], rss_samples_mib=[99.0], rss_mib=99.0)
    >>> exit_code(ok)
    0
    >>> ok["cases"][0]["notebooks"][0]["error"] = "boom"
    >>> exit_code(ok)
    1
    """
    entries = [e for case in report.get("cases", []) for e in (case["bare"], *case["notebooks"])]
    entries += list(report.get("extractors", {}).get("entries", []))
    entries += list(report.get("pathological", {}).get("entries", []))
    entries += list(report.get("class", {}).get("runs", []))
    if any(e["error"] for e in entries) or report.get("nbval", {}).get("status") == "FAIL" \
            or report.get("import_newslab", {}).get("error"):
        return EXIT_FAILED
    return EXIT_OVER_BUDGET if budget_misses(report) else EXIT_OK


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


def compile_sources(root: Path) -> int:
    """Write the bytecode of every module of ``src/newslab`` whose ``.pyc`` is missing or stale.

    A student's kernel imports newslab from bytecode written by the first
    import or by the install.  Where that bytecode is missing or older than
    its source (``PYTHONDONTWRITEBYTECODE`` set, a checkout just pulled), every
    kernel compiles the modules again, which costs time and leaves the
    compiler's freed memory in the kernel (several MiB): the budgets would
    measure the checkout, not the lessons.  Returns how many modules were
    compiled (0 when all were current).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     pkg = Path(tmp) / "src" / "newslab"
    ...     pkg.mkdir(parents=True)
    ...     _ = (pkg / "m.py").write_text("x = 1\\n")
    ...     compile_sources(Path(tmp)), compile_sources(Path(tmp))
    (1, 0)
    """
    import importlib.util
    import py_compile

    count = 0
    for source in sorted((root / "src" / "newslab").rglob("*.py")):
        cached = Path(importlib.util.cache_from_source(str(source)))
        if cached.is_file() and cached.stat().st_mtime >= source.stat().st_mtime:
            continue
        py_compile.compile(str(source), cfile=str(cached), doraise=True)
        count += 1
    return count


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


def _new_entry(name: str, path: str | None, case: str | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "case": case,
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
    # The snippets import this harness as ``bench`` from its own folder.
    paths = [str(Path(__file__).resolve().parent), str(src) if (src / "newslab").is_dir() else None]
    env["PYTHONPATH"] = os.pathsep.join(p for p in (*paths, env.get("PYTHONPATH")) if p)
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
        "spread_s": spread(samples),
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


def _nbval_series(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Several :func:`run_nbval` runs of one command as one figure: samples, median, spread, exit code."""
    failed = next((r for r in runs if r["exit_code"] != 0), None)
    samples = [r["seconds"] for r in runs if r["exit_code"] == 0]
    return {
        "command": runs[0]["command"] if runs else [],
        "runs": runs,
        "samples_s": samples,
        "seconds": None if failed else median(samples),
        "spread_s": None if failed else spread(samples),
        "exit_code": failed["exit_code"] if failed else 0,
        "output_tail": (failed or runs[-1])["output_tail"] if runs else [],
    }


def measure_nbval(root: Path, bare_executed: Any, repeat: int = 3) -> dict[str, Any]:
    """Time strict nbval over notebooks/ and over as many bare notebooks, ``repeat`` times each.

    The two commands take turns (notebooks, bare, notebooks, bare, ...) so
    that a machine that slows down slows both; the ratio is that of the two
    medians.  The bare copies are written with outputs into a temporary
    folder under ``build/`` (so pytest picks up the same configuration from
    the repo's pyproject.toml) and removed afterwards.  A failing run stops
    the series (its output is kept).

    Parameters
    ----------
    root : Path
        Repository root.
    bare_executed : nbformat.NotebookNode or None
        The executed bare notebook; None if it failed.
    repeat : int, optional
        Runs of each command.

    Returns
    -------
    dict
        ``count``, ``notebooks`` and ``bare`` series (see :func:`_nbval_series`),
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
    build = root / "build"
    build.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-bare-", dir=build))
    lesson_runs: list[dict[str, Any]] = []
    bare_runs: list[dict[str, Any]] = []
    try:
        for i in range(count):
            nbformat.write(bare_executed, tmp / f"{i + 1:02d}-bare.ipynb")
        target = tmp.relative_to(root).as_posix() + "/"
        for _ in range(repeat):
            lesson_runs.append(run_nbval(nbval_command(NOTEBOOK_DIR + "/", sanitize), root, count))
            bare_runs.append(run_nbval(nbval_command(target, sanitize), root, count))
            if lesson_runs[-1]["exit_code"] != 0 or bare_runs[-1]["exit_code"] != 0:
                break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["notebooks"], result["bare"] = _nbval_series(lesson_runs), _nbval_series(bare_runs)
    if result["notebooks"]["exit_code"] != 0 or result["bare"]["exit_code"] != 0:
        result["status"] = "FAIL"
        return result
    result["ratio"] = ratio(result["notebooks"]["seconds"], result["bare"]["seconds"])
    result["status"] = budget_status(result["ratio"], TARGETS["nbval_ratio"])
    return result


# ---------------------------------------------------------------------------
# Extractor throughput
# ---------------------------------------------------------------------------

#: The loader, splitter and extractors, as (module, candidate function names):
#: the first name the module defines is the one timed (and fuzzed by
#: tests/test_hostile.py).  A module not written yet is left out; once it
#: exists, one of its names must too (:func:`find_extractor` says so).
EXTRACTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("newslab.text", ("split_article",)),
    ("newslab.structure", ("tag_paragraphs",)),
    ("newslab.quotes", ("find_quotes",)),
    ("newslab.dates", ("extract", "find")),
    ("newslab.numbers", ("extract", "find")),
    ("newslab.voices", ("extract", "find")),
    ("newslab.places", ("extract", "find_places", "find")),
)
#: Extra keyword arguments some extractors need (the synthetic article's dateline).
EXTRACTOR_KWARGS: dict[str, dict[str, Any]] = {"newslab.dates": {"dateline": "2023-03-14"}}
#: Size of the synthetic article the extractors are timed on, in MB (10**6 bytes).
EXTRACTOR_MB = 5.0
EXTRACTOR_TIMEOUT = 600

# Sentences for the synthetic article: many countries, wire and local styles,
# British and American spelling, every kind of thing the extractors look for.
_HEADLINES = (
    "Flood defences hold as river peaks in northern towns",
    "Port strike enters second week; exporters count the cost",
)
_SENTENCES = (
    "The river rose 2.4 metres above its usual level on Tuesday, the regional authority said.",
    "“We were ready this time,” said Mayor Ana Ribeiro, who has led the town since 2017.",
    "About 3,500 people left their homes in the 1990s floods, according to the Red Cross.",
    "Officials in Lagos estimated the damage at $2.3 billion, nearly 4% of the state's budget.",
    "Dr. Kwame Mensah, an economist at the University of Ghana, warned that prices could rise 10–15 percent.",
    "The 550-mile (885-km) pipeline runs from Basra to Ceyhan, the ministry's statement noted.",
    "Less than seven weeks before the vote, the commission had counted 1,037 complaints.",
    "Mr. Tanaka told reporters in Osaka: “Nobody expected the harbour to close. Not in July.”",
    "Two decades after the 2004 tsunami, the coastline near Banda Aceh has been rebuilt.",
    "The U.S. Geological Survey recorded a magnitude 5.1 quake at 3:42 a.m. local time on 5 March.",
    "Unnamed officials said the programme would be reviewed “in the coming months”.",
    "Farmers near Mendoza, Argentina, said the harvest was a third smaller than last year's.",
    "“It is a crisis,” the agency said on Sunday, urging neighbours to keep borders open.",
    "Dozens of lorries queued at the Chaman crossing into Pakistan, drivers said.",
    "In 2018 the government promised 40,000 new homes; by last year it had built about half.",
    "The council's colour-coded warnings, introduced this week, were criticised as confusing.",
)


def synthetic_article(megabytes: float = EXTRACTOR_MB, seed: int = 0) -> str:
    """A deterministic article of at least ``megabytes`` MB (UTF-8) for timing.

    A headline, then paragraphs of two to five sentences drawn from a fixed
    list written for this purpose (many countries and styles; numbers, dates,
    quotes, places and attributions), so that every extractor has work to do.

    Parameters
    ----------
    megabytes : float
        Minimum size in 10**6 bytes.
    seed : int
        Seed of the sentence order.

    Returns
    -------
    str

    Examples
    --------
    >>> text = synthetic_article(0.01)
    >>> len(text.encode("utf-8")) >= 10_000, text.splitlines()[0] in _HEADLINES
    (True, True)
    >>> synthetic_article(0.01) == text
    True
    """
    import random

    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts = [rng.choice(_HEADLINES), "\n\n"]
    size = len(parts[0].encode("utf-8")) + 2
    while size < target:
        para = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(2, 5))) + "\n\n"
        parts.append(para)
        size += len(para.encode("utf-8"))
    return "".join(parts)


def find_extractor(module: str) -> Any:
    """The extraction function of ``module`` (see :data:`EXTRACTORS`), or None if the module is not there.

    Parameters
    ----------
    module : str
        A module named in :data:`EXTRACTORS`, e.g. ``"newslab.numbers"``.

    Returns
    -------
    callable or None

    Raises
    ------
    LookupError
        If the module exists but defines none of the expected names.

    Examples
    --------
    >>> find_extractor("newslab.text").__name__
    'split_article'
    >>> find_extractor("newslab.no_such_module") is None
    True
    """
    import importlib

    names = dict(EXTRACTORS).get(module, ("extract",))
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    for name in names:
        func = getattr(mod, name, None)
        if callable(func):
            return func
    raise LookupError(f"{module} defines none of {', '.join(names)}: update benchmarks/bench.py's EXTRACTORS")


def present_extractors() -> list[tuple[str, Any]]:
    """``(module, function)`` for every extractor module that exists now."""
    found = []
    for module, _names in EXTRACTORS:
        func = find_extractor(module)
        if func is not None:
            found.append((module, func))
    return found


_EXTRACTOR_SNIPPET = """\
import json, resource, sys, time
import bench
module, mb, repeat = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
text = bench.synthetic_article(mb)
func = bench.find_extractor(module)
kwargs = bench.EXTRACTOR_KWARGS.get(module, {})
func("warm-up headline\\n\\nA first paragraph, said nobody.", **kwargs)
samples = []
for _ in range(repeat):
    result = None  # the last result is freed before the next run
    start = time.perf_counter()
    result = func(text, **kwargs)
    samples.append(time.perf_counter() - start)
seconds = bench.median(samples)
try:
    items = len(result)
except TypeError:
    items = None
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"function": func.__name__, "seconds": seconds, "samples_s": samples, "items": items,
                  "bytes": len(text.encode("utf-8")), "peak_rss_mib": rss}))
"""


def _run_snippet(snippet: str, args: list[str], root: Path, timeout: float) -> tuple[str | None, Any]:
    """Run ``snippet`` in a fresh interpreter; ``(error, None)`` or ``(None, its last stdout line as JSON)``.

    A fresh process per measurement, so that one extractor's imports and caches
    never flatter the next; a timeout or a crash is reported, not raised.
    """
    import json
    import subprocess

    try:
        proc = subprocess.run([sys.executable, "-c", snippet, *args], cwd=root, env=_subprocess_env(root),
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"took more than {timeout:.0f} s", None
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return (lines[-1] if lines else f"exit {proc.returncode}"), None
    return None, json.loads(proc.stdout.strip().splitlines()[-1])


def time_extractor(root: Path, module: str, megabytes: float = EXTRACTOR_MB, timeout: float = EXTRACTOR_TIMEOUT,
                   function: str | None = None, repeat: int = 3) -> dict[str, Any]:
    """Time one extractor on :func:`synthetic_article` in a fresh interpreter, ``repeat`` times (the median counts).

    Parameters
    ----------
    root : Path
        Repository root.
    module : str
        A module of :data:`EXTRACTORS`.
    megabytes : float
        Article size.
    timeout : float
        Seconds before the run counts as failed.
    function : str, optional
        The function's name, for the report if the run fails.
    repeat : int, optional
        Timed calls, after one warm-up call on a tiny article.

    Returns
    -------
    dict
        ``module``, ``function``, ``seconds`` (median), ``samples_s``, ``mb_per_s``, ``items`` (rows
        or objects found), ``peak_rss_mib`` of the process, ``status`` and
        ``error``.
    """
    entry: dict[str, Any] = {"module": module, "function": function, "megabytes": megabytes, "seconds": None,
                             "samples_s": [], "mb_per_s": None, "items": None, "peak_rss_mib": None, "error": None}
    entry["error"], result = _run_snippet(_EXTRACTOR_SNIPPET, [module, repr(megabytes), str(repeat)], root,
                                          timeout * repeat)
    if result is not None:
        entry.update(result)
        entry["mb_per_s"] = entry["bytes"] / 1e6 / entry["seconds"] if entry["seconds"] > 0 else None
    limit = TARGETS["extractor_seconds"] * megabytes / EXTRACTOR_MB
    entry["status"] = "FAIL" if entry["error"] else budget_status(entry["seconds"], limit)
    if entry["error"]:
        print(f"bench: extractor {module} failed: {entry['error']}", file=sys.stderr)
    return entry


def extractor_rows(entries: Sequence[dict[str, Any]], target_s: float | None = None) -> list[tuple[str, str, str, str]]:
    """Table rows for the extractor timings.

    Examples
    --------
    The time is the median of the runs with their spread, then the throughput at the median.

    >>> extractor_rows([{"module": "newslab.text", "function": "split_article", "megabytes": 5.0,
    ...                  "seconds": 0.5, "samples_s": [0.5, 0.4, 0.6], "mb_per_s": 10.0, "items": 3,
    ...                  "error": None, "status": "ok"}], 10.0)
    [('newslab.text.split_article (5 MB)', '0.500 s [0.400–0.600] = 10.0 MB/s', '<= 10 s', 'ok')]
    """
    target_s = TARGETS["extractor_seconds"] if target_s is None else target_s
    rows = []
    for e in entries:
        name = f"{e['module']}.{e['function'] or '?'} ({e['megabytes']:g} MB)"
        limit = target_s * e["megabytes"] / EXTRACTOR_MB
        timed = format_spread(e.get("samples_s") or [e["seconds"]], format_seconds)
        value = "FAIL: " + e["error"] if e["error"] else f"{timed} = {e['mb_per_s']:.1f} MB/s"
        rows.append((name, value, f"<= {limit:g} s", e["status"]))
    return rows


# ---------------------------------------------------------------------------
# Pathological text: shapes that once made an extractor super-linear
# ---------------------------------------------------------------------------

#: Two sizes (in bytes) of each pathological shape for ``make bench``: the
#: larger is :data:`PATHOLOGICAL_FACTOR` times the smaller, and a near-linear
#: extractor takes about that many times longer on it.
PATHOLOGICAL_BYTES = 50_000
PATHOLOGICAL_FACTOR = 4


def _letters(i: int) -> str:
    """A distinct lower-case letter string for each ``i`` ("b", "c", ..., "ba", ...)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if i == 0:
            return out


def _repeat(unit: str, nbytes: int) -> str:
    return unit * max(1, nbytes // len(unit.encode("utf-8")))


def _speakers(nbytes: int) -> str:
    parts, size, i = [], 0, 0
    while size < nbytes:
        name = "Ana K" + _letters(i) + "ova"
        para = f"“We will stay,” said {name}, a nurse.\n\n"
        parts.append(para)
        size += len(para.encode("utf-8"))
        i += 1
    return "".join(parts)


#: The shapes, as name -> (what it is, function of a size in bytes giving the
#: body of an article; a headline is put in front).  Each is one the issue
#: tracker recorded as slow; the names say which extractor it hit first, but
#: every extractor is timed on every shape.
PATHOLOGICAL_SHAPES: dict[str, tuple[str, Any]] = {
    "digits": ("one run of digits", lambda n: "1" * n),
    "commas": ('"1,1,1,..." with no space', lambda n: _repeat("1,", n)),
    "no-full-stop": ("one long sentence with no full stop",
                     lambda n: _repeat("the envoy from Kabul met officials in Herat and Tehran and ", n)),
    "one-line-paragraphs": ("quoted one-line paragraphs, no blank line in the article",
                            lambda n: _repeat("“We will stay,” said Ana Ruiz, a nurse in Herat.\n", n)),
    "long-paragraph": ("one paragraph of many quoted lines",
                       lambda n: _repeat("“We will stay,” said Ana Ruiz, a nurse in Herat.\n", n)),
    "many-speakers": ("a different speaker in every paragraph", _speakers),
    "pronoun-quotes": ("one paragraph of quotes attributed to 'he' and 'it'",
                       lambda n: "Mr Ruiz and the agency spoke. " + _repeat("“We will stay,” he said. “No,” it said. ", n)),
    "unclosed-quote": ("an unclosed quote followed by attribution verbs",
                       lambda n: "“" + _repeat("he said, she told reporters, they warned, ", n)),
    "packed-dates": ("dates packed in one paragraph", lambda n: _repeat("5 July 2021, on Sunday, ", n)),
    "packed-places": ("place names packed in one paragraph",
                      lambda n: _repeat("Kabul, Tehran, Herat, Islam Qala, Lagos, ", n)),
}


def pathological_article(shape: str, nbytes: int) -> str:
    """An article of about ``nbytes`` bytes of one pathological ``shape``.

    Parameters
    ----------
    shape : str
        A key of :data:`PATHOLOGICAL_SHAPES`.
    nbytes : int
        Approximate size of the body in bytes (UTF-8).

    Returns
    -------
    str
        A headline, a blank line and the body.

    Examples
    --------
    >>> text = pathological_article("commas", 100)
    >>> text.splitlines()[0], text.splitlines()[2][:10], len(text.splitlines()[2])
    ('Pathological text: commas', '1,1,1,1,1,', 100)
    >>> pathological_article("one-line-paragraphs", 120).count("\\n\\n")
    0
    >>> pathological_article("many-speakers", 200).count("said")
    5
    """
    _what, make = PATHOLOGICAL_SHAPES[shape]
    # without any blank line, every line is a paragraph (see newslab.text)
    gap = "\n" if shape == "one-line-paragraphs" else "\n\n"
    return f"Pathological text: {shape}{gap}" + make(nbytes)


def time_pathological(func: Any, text: str, repeat: int = 3, **kwargs: Any) -> float:
    """The shortest of ``repeat`` CPU times of ``func(text, **kwargs)``, in seconds.

    CPU time of this process, not wall time, and the minimum, not the mean:
    on a loaded machine other processes take the cores away, which adds wall
    time but hardly any CPU time, and what is left only ever adds.

    Examples
    --------
    >>> time_pathological(len, "abc") >= 0
    True
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        func(text, **kwargs)
        best = min(best, time.process_time() - start)
    return best


_PATHOLOGICAL_SNIPPET = """\
import json, sys
import bench
module, nbytes, factor = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
func = bench.find_extractor(module)
kwargs = bench.EXTRACTOR_KWARGS.get(module, {})
func("warm-up headline\\n\\nA first paragraph, said nobody.", **kwargs)
out = {}
for shape in bench.PATHOLOGICAL_SHAPES:
    small = bench.time_pathological(func, bench.pathological_article(shape, nbytes), 3, **kwargs)
    large = bench.time_pathological(func, bench.pathological_article(shape, nbytes * factor), 1, **kwargs)
    out[shape] = [small, large]
print(json.dumps(out))
"""


def time_pathological_shapes(root: Path, module: str, nbytes: int = PATHOLOGICAL_BYTES,
                             factor: int = PATHOLOGICAL_FACTOR, timeout: float = EXTRACTOR_TIMEOUT) -> dict[str, Any]:
    """Time one extractor on every pathological shape at two sizes, in a fresh interpreter.

    Parameters
    ----------
    root : Path
        Repository root.
    module : str
        A module of :data:`EXTRACTORS`.
    nbytes, factor : int
        The smaller size in bytes, and how many times larger the larger one is.
    timeout : float
        Seconds for all shapes together before the run counts as failed.

    Returns
    -------
    dict
        ``module``, ``bytes``, ``factor``, ``shapes`` (shape -> ``[small_s,
        large_s]``) and ``error``.
    """
    entry: dict[str, Any] = {"module": module, "bytes": nbytes, "factor": factor, "shapes": {}, "error": None}
    entry["error"], result = _run_snippet(_PATHOLOGICAL_SNIPPET, [module, str(nbytes), str(factor)], root, timeout)
    if result is not None:
        entry["shapes"] = result
    if entry["error"]:
        print(f"bench: pathological text, {module} failed: {entry['error']}", file=sys.stderr)
    return entry


def pathological_rows(entries: Sequence[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """Table rows for the pathological-text CPU times: the large/small ratio should stay near the size factor.

    A ratio up to twice the size factor counts as ``ok`` (near-linear, with
    noise); above that the extractor is super-linear on the shape.

    Examples
    --------
    >>> pathological_rows([{"module": "newslab.text", "bytes": 50000, "factor": 4, "error": None,
    ...                     "shapes": {"digits": [0.01, 0.04]}}])
    [('newslab.text / digits (50 KB, 200 KB)', '0.010 s, 0.040 s', '4.0x (size 4x)', 'ok')]
    """
    rows = []
    for e in entries:
        if e["error"]:
            rows.append((f"{e['module']} (all shapes)", "FAIL: " + e["error"], "-", "FAIL"))
            continue
        for shape, (small, large) in e["shapes"].items():
            r = large / small if small > 0 else None
            status = "n/a" if r is None else ("ok" if r <= 2 * e["factor"] else "SUPERLINEAR")
            rows.append((f"{e['module']} / {shape} ({e['bytes'] // 1000} KB, {e['bytes'] * e['factor'] // 1000} KB)",
                         f"{format_seconds(small)}, {format_seconds(large)}",
                         f"{r:.1f}x (size {e['factor']}x)" if r is not None else "-", status))
    return rows


# ---------------------------------------------------------------------------
# Class simulation and sizing
# ---------------------------------------------------------------------------

#: Students (concurrent Run Alls) simulated on this machine.
CLASS_K: tuple[int, ...] = (1, 2, 4, 8)
#: Class sizes of the sizing table.
SIZING_CLASS_SIZES: tuple[int, ...] = (10, 20, 30, 60, 120)
#: Memory headroom on top of the measured peak.
SIZING_HEADROOM = 1.25
#: A class's simultaneous Run All should finish within this many times one student's.
SIZING_TARGET_FACTOR = 2.0
_POLL_S = 0.1


def _tree_rss(procs: Sequence[Any]) -> tuple[float, float]:
    """(RSS of all kernels, RSS of everything) under the given processes, in MiB."""
    import psutil

    kernels = total = 0
    for proc in procs:
        try:
            family = [psutil.Process(proc.pid)]
            family += family[0].children(recursive=True)
        except psutil.Error:
            continue
        for p in family:
            try:
                rss = p.memory_info().rss
                cmd = " ".join(p.cmdline())
            except psutil.Error:
                continue
            total += rss
            if "ipykernel" in cmd:
                kernels += rss
    return kernels / 2**20, total / 2**20


def run_concurrently(root: Path, notebook: Path, k: int, timeout: float = CELL_TIMEOUT * 2) -> dict[str, Any]:
    """Execute ``k`` copies of ``notebook`` at the same time (``jupyter nbconvert --execute``).

    Each copy runs in its own process with its own kernel, as k students
    pressing Run All together would.  The memory of the processes is sampled
    every 0.1 s.

    Returns
    -------
    dict
        ``k``, ``wall_s`` (until the last finishes), ``student_s`` (each one's
        time), ``peak_kernel_mib`` (all kernels together), ``peak_total_mib``
        (kernels plus the nbconvert clients) and ``error``.
    """
    import subprocess
    import tempfile

    result: dict[str, Any] = {"k": k, "notebook": _rel(notebook, root), "wall_s": None, "student_s": [],
                              "peak_kernel_mib": 0.0, "peak_total_mib": 0.0, "error": None}
    with tempfile.TemporaryDirectory(prefix="newslab-class-") as out:
        cmd = [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", out,
               f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}", str(notebook)]
        start = time.perf_counter()
        procs = [subprocess.Popen([*cmd[:-1], "--output", f"student-{i}", cmd[-1]], cwd=notebook.parent,
                                  env=_subprocess_env(root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True) for i in range(k)]
        ended: dict[int, float] = {}
        while len(ended) < k:
            kernels, total = _tree_rss([p for i, p in enumerate(procs) if i not in ended])
            result["peak_kernel_mib"] = max(result["peak_kernel_mib"], kernels)
            result["peak_total_mib"] = max(result["peak_total_mib"], total)
            for i, p in enumerate(procs):
                if i not in ended and p.poll() is not None:
                    ended[i] = time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                for p in procs:
                    p.kill()
                result["error"] = f"took more than {timeout:.0f} s"
                break
            time.sleep(_POLL_S)
        result["wall_s"] = time.perf_counter() - start
        for p in procs:
            stderr = p.communicate()[1] or ""
            if p.returncode != 0 and not result["error"]:
                lines = stderr.strip().splitlines()
                result["error"] = lines[-1] if lines else f"exit {p.returncode}"
    result["student_s"] = [ended[i] for i in sorted(ended)]
    if result["error"]:
        result["wall_s"] = None
        print(f"bench: class simulation k={k} failed: {result['error']}", file=sys.stderr)
    return result


def measure_server_rss(root: Path, timeout: float = 60.0) -> dict[str, Any]:
    """Resident memory of an idle JupyterLab server (what each JupyterHub user adds).

    Starts ``jupyter lab`` on 127.0.0.1 with a random token, waits until it
    answers, samples its RSS for two seconds and stops it.

    Returns
    -------
    dict
        ``rss_mib`` (or None) and ``error``.
    """
    import secrets
    import socket
    import subprocess
    import tempfile
    import urllib.request

    import psutil

    entry: dict[str, Any] = {"rss_mib": None, "error": None}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="newslab-server-") as tmp:
        env = _subprocess_env(root)
        env.update(JUPYTER_RUNTIME_DIR=tmp, JUPYTERLAB_WORKSPACES_DIR=tmp)
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", "--LabApp.news_url="]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    entry["error"] = f"jupyter lab exited with {proc.returncode}"
                    return entry
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        entry["error"] = f"jupyter lab did not answer within {timeout:.0f} s"
                        return entry
                    time.sleep(0.25)
            samples = []
            for _ in range(10):
                samples.append(_tree_rss([proc])[1])
                time.sleep(0.2)
            entry["rss_mib"] = max(samples)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    return entry


def _ceil(value: float, step: float = 1.0) -> float:
    import math

    return math.ceil(value / step - 1e-9) * step


def derive_sizing(
    runs: Sequence[dict[str, Any]],
    cores: int,
    server_mib: float | None,
    class_sizes: Sequence[int] = SIZING_CLASS_SIZES,
    headroom: float = SIZING_HEADROOM,
    target_factor: float = SIZING_TARGET_FACTOR,
) -> dict[str, Any]:
    """Derive a sizing table for classes of N students from the class simulation.

    The model, from the measured runs of k simultaneous Run Alls on a machine
    with ``cores`` cores:

    * ``t1``: one student's Run All alone (the k = 1 run).
    * CPU per student ``c``: once k >= cores the machine is saturated and
      ``wall(k) ≈ k·c / cores``, so ``c`` is the median of
      ``wall(k) · cores / k`` over those runs (``t1`` if there are none).
    * memory per student ``m``: the largest peak kernel memory per student,
      ``peak_kernel(k) / k``, plus ``server_mib`` (each JupyterHub user runs
      their own JupyterLab server).
    * For N students pressing Run All together to finish within
      ``target_factor · t1``: cores ``= ceil(N·c / (target_factor·t1))``;
      memory ``= N·m·headroom``, rounded up to a whole GiB.  The last column
      is how long that Run All takes on the measured machine:
      ``max(t1, N·c / cores)``.

    Parameters
    ----------
    runs : sequence of dict
        Each with ``k``, ``wall_s`` and ``peak_kernel_mib`` (failed runs, with
        ``wall_s`` None, are ignored).
    cores : int
        CPU cores of the machine that ran them.
    server_mib : float or None
        Idle JupyterLab server memory (None counts as 0).
    class_sizes, headroom, target_factor
        See the module constants.

    Returns
    -------
    dict
        ``t1_s``, ``cpu_s_per_student``, ``kernel_mib_per_student``,
        ``server_mib``, ``mib_per_student``, ``target_s``, ``cores``, and
        ``rows``: one dict per class size with ``students``, ``cores``,
        ``ram_gib`` and ``here_s``.

    Raises
    ------
    ValueError
        If there is no successful k = 1 run.

    Examples
    --------
    >>> runs = [{"k": 1, "wall_s": 10.0, "peak_kernel_mib": 150.0},
    ...         {"k": 2, "wall_s": 11.0, "peak_kernel_mib": 300.0},
    ...         {"k": 4, "wall_s": 20.0, "peak_kernel_mib": 600.0}]
    >>> s = derive_sizing(runs, cores=2, server_mib=100.0, class_sizes=(10,))
    >>> s["cpu_s_per_student"], s["mib_per_student"], s["target_s"]
    (10.5, 250.0, 20.0)
    >>> s["rows"]
    [{'students': 10, 'cores': 6, 'ram_gib': 4, 'here_s': 52.5}]
    """
    ok = [r for r in runs if r.get("wall_s") is not None and not r.get("error")]
    one = [r for r in ok if r["k"] == 1]
    if not one:
        raise ValueError("the sizing needs a successful run with k = 1")
    # Rounded first, so that the table can be derived again from the figures it prints.
    t1 = round(float(one[0]["wall_s"]), 2)
    saturated = [r["wall_s"] * cores / r["k"] for r in ok if r["k"] >= cores]
    cpu = round(median(saturated), 2) if saturated else t1
    kernel_mib = round(max(r["peak_kernel_mib"] / r["k"] for r in ok), 1)
    server = round(float(server_mib or 0.0), 1)
    per_student = round(kernel_mib + server, 1)
    target = target_factor * t1
    rows = []
    for n in class_sizes:
        rows.append({
            "students": n,
            "cores": int(_ceil(n * cpu / target)),
            "ram_gib": int(_ceil(n * per_student * headroom / 1024)),
            "here_s": round(max(t1, n * cpu / cores), 1),
        })
    return {
        "t1_s": round(t1, 2),
        "cpu_s_per_student": round(cpu, 2),
        "kernel_mib_per_student": round(kernel_mib, 1),
        "server_mib": round(server, 1),
        "mib_per_student": round(per_student, 1),
        "target_s": round(target, 1),
        "cores": cores,
        "headroom": headroom,
        "target_factor": target_factor,
        "rows": rows,
    }


def class_rows(sim: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Table rows for the class simulation: (figure, wall time, peak memory).

    Examples
    --------
    >>> class_rows({"runs": [], "server": {"rss_mib": 90.0, "error": None}})
    [('idle JupyterLab server', '-', '90.0 MiB')]
    """
    rows = []
    for r in sim.get("runs", []):
        name = f"k={r['k']} x {Path(r['notebook']).name}"
        if r["error"]:
            rows.append((name, "FAIL: " + r["error"], "-"))
            continue
        per = r["wall_s"] / r["k"]
        rows.append((name, f"{format_seconds(r['wall_s'])} ({format_seconds(per)} per student)",
                     f"kernels {format_mib(r['peak_kernel_mib'])}, with clients {format_mib(r['peak_total_mib'])}"))
    server = sim.get("server", {})
    rows.append(("idle JupyterLab server", "-", "FAIL: " + server["error"] if server.get("error")
                 else format_mib(server.get("rss_mib"))))
    return rows


SIZING_BEGIN = "<!-- bench:sizing:begin -->"
SIZING_END = "<!-- bench:sizing:end -->"


def sizing_markdown(sizing: dict[str, Any], machine: str = "") -> str:
    """The README's *Class sizing* table, from :func:`derive_sizing`'s result.

    The figures it was derived from go in a comment first, so that a test can
    derive the table again and compare.

    Examples
    --------
    >>> runs = [{"k": 1, "wall_s": 10.0, "peak_kernel_mib": 150.0}]
    >>> text = sizing_markdown(derive_sizing(runs, cores=2, server_mib=100.0, class_sizes=(10, 30)))
    >>> print(text.splitlines()[-1])
    | 30 | 15 | 10 GiB | 150 s |
    """
    import json

    inputs = {k: sizing[k] for k in ("t1_s", "cpu_s_per_student", "kernel_mib_per_student", "server_mib",
                                    "cores", "headroom", "target_factor")}
    inputs["class_sizes"] = [r["students"] for r in sizing["rows"]]
    lines = [
        f"<!-- derived by `python benchmarks/bench.py --sizing-markdown` from: {json.dumps(inputs, sort_keys=True)} -->",
        "",
        f"Measured{(' on ' + machine) if machine else ''}: one student's Run All of the heaviest lesson takes "
        f"**{sizing['t1_s']:g} s** alone and about **{sizing['cpu_s_per_student']:g} CPU-seconds**; "
        f"its kernel peaks at **{sizing['kernel_mib_per_student']:g} MiB**, and an idle JupyterLab server "
        f"adds **{sizing['server_mib']:g} MiB** per user.  The table assumes the worst moment of a lesson: "
        f"every student presses Run All at once.  *Cores* finish that within "
        f"{sizing['target_factor']:g}× one student's time ({sizing['target_s']:g} s); *memory* is "
        f"{sizing['mib_per_student']:g} MiB per student plus {round((sizing['headroom'] - 1) * 100):d} % "
        f"headroom; the last column is how long that Run All would take on the measured "
        f"{sizing['cores']}-core machine.",
        "",
        "| students | CPU cores | memory | Run All on the measured machine |",
        "|---:|---:|---:|---:|",
    ]
    for r in sizing["rows"]:
        lines.append(f"| {r['students']} | {r['cores']} | {r['ram_gib']} GiB | {r['here_s']:g} s |")
    return "\n".join(lines)


def measure_class(root: Path, notebook: Path, ks: Sequence[int] = CLASS_K) -> dict[str, Any]:
    """The class simulation: :func:`run_concurrently` for each k, the server's memory, the sizing."""
    runs = [run_concurrently(root, notebook, k) for k in ks]
    server = measure_server_rss(root)
    sim: dict[str, Any] = {"notebook": _rel(notebook, root), "cores": os.cpu_count() or 1, "runs": runs,
                           "server": server, "sizing": None}
    try:
        sim["sizing"] = derive_sizing(runs, sim["cores"], server["rss_mib"])
    except ValueError as exc:
        sim["sizing_error"] = str(exc)
    return sim


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def _parse_args(argv: Sequence[str] | None) -> Any:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python benchmarks/bench.py",
        description="Measure newslab's performance budgets: exit 3 when one is missed, 1 when something failed to run.",
    )
    parser.add_argument("--repeat", type=int, default=3, metavar="N",
                        help="runs of every timed figure: Run All per notebook and case, nbval, extractors (median and spread; default 3)")
    parser.add_argument("--cases", default=",".join(BENCH_CASES), metavar="ID,ID,...",
                        help="cases every notebook runs on, through NEWSLAB_CASE (default %(default)s; the first is the seed)")
    parser.add_argument("--notebooks", default=DEFAULT_NOTEBOOK_GLOB, metavar="GLOB", help=f"notebooks to time, relative to the repo root (default {DEFAULT_NOTEBOOK_GLOB})")
    parser.add_argument("--skip-nbval", action="store_true", help="do not time the strict nbval run")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="where to write the figures (default build/bench.json)")
    parser.add_argument("--skip-extractors", action="store_true", help="do not time the extractors")
    parser.add_argument("--extractor-mb", type=float, default=EXTRACTOR_MB, metavar="MB", help=f"size of the synthetic article (default {EXTRACTOR_MB:g})")
    parser.add_argument("--skip-class", action="store_true", help="do not run the class simulation")
    parser.add_argument("--class-k", default=",".join(map(str, CLASS_K)), metavar="K,K,...", help="simultaneous students to simulate (default %(default)s)")
    parser.add_argument("--class-notebook", default=None, metavar="PATH", help="notebook of the class simulation (default: the slowest lesson)")
    parser.add_argument("--sizing-markdown", action="store_true", help="measure nothing: print the README's class-sizing table from the last JSON report")
    parser.add_argument("--update-readme", type=Path, default=None, metavar="README",
                        help="with --sizing-markdown: write the table between the bench:sizing markers of this file "
                             "(unless its hub table records other figures)")
    parser.add_argument("--force", action="store_true",
                        help="with --update-readme: write the table even if the README's hub table (hub/loadtest.py) "
                             "records other kernel-only figures; run the hub load test next")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    args.cases = tuple(c.strip() for c in args.cases.split(",") if c.strip())
    if not args.cases:
        parser.error("--cases needs at least one case id")
    try:
        args.class_k = tuple(int(k) for k in args.class_k.split(",") if k.strip())
    except ValueError:
        parser.error("--class-k takes whole numbers separated by commas, e.g. 1,2,4,8")
    if not args.class_k or min(args.class_k) < 1 or 1 not in args.class_k:
        parser.error("--class-k needs positive numbers including 1 (the sizing starts from one student)")
    if args.extractor_mb <= 0:
        parser.error("--extractor-mb must be positive")
    return args


def _print_sizing(json_path: Path, readme: Path | None = None, force: bool = False) -> int:
    """Print the README's sizing table from the last report, or write it into ``readme``.

    The table is written only if ``readme`` has no measured-class table
    (hub/loadtest.py) or that table records the same kernel-only figures, or
    with ``force``: otherwise the README's two tables would disagree, and
    ``tests/test_hub_load.py`` fails until the hub load test is run again.
    """
    import json

    try:
        report = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"bench: cannot read {json_path} ({exc}); run `make bench` first", file=sys.stderr)
        return 2
    sim = report.get("class") or {}
    try:  # derived again from the measured runs, so the table always follows derive_sizing
        sizing = derive_sizing(sim["runs"], sim["cores"], (sim.get("server") or {}).get("rss_mib"))
    except (KeyError, TypeError, ValueError):
        sizing = sim.get("sizing")
    if not sizing:
        print(f"bench: {json_path} has no class sizing (run `make bench` without --skip-class)", file=sys.stderr)
        return 2
    table = sizing_markdown(sizing, report.get("machine", ""))
    if readme is None:
        print(table)
        return 0
    recorded = hub_kernel_only(readme)
    measured = sizing_inputs(sizing)
    if recorded is not None and recorded != measured and not force:
        print(f"bench: {readme} left as it is: its measured-class table (hub/loadtest.py) records the kernel-only "
              f"figures of the make bench it was measured beside ({json.dumps(recorded, sort_keys=True)}), and "
              f"this run measured others ({json.dumps(measured, sort_keys=True)}). Both tables belong to one "
              "measurement session on the hub's hardware: there, write this table with `python benchmarks/bench.py "
              f"--sizing-markdown --update-readme {readme} --force`, then run `python hub/loadtest.py "
              "--update-readme`. This run's table:\n" + table, file=sys.stderr)
        return 0
    return _replace_between_markers(readme, table)


#: The first line of the README's measured-class block (hub/loadtest.py), which records its inputs.
_HUB_BLOCK = re.compile(r"<!-- hub:sizing:begin -->\n<!-- derived by `python hub/loadtest\.py --sizing-markdown` "
                        r"from: (\{.*?\}) -->")


def sizing_inputs(sizing: dict[str, Any]) -> dict[str, Any]:
    """The kernel-only figures a sizing table is derived from, as the hub's table records them.

    Examples
    --------
    >>> runs = [{"k": 1, "wall_s": 4.0, "peak_kernel_mib": 150.0}, {"k": 2, "wall_s": 4.4, "peak_kernel_mib": 300.0}]
    >>> sizing_inputs(derive_sizing(runs, cores=2, server_mib=100.0))
    {'t1_s': 4.0, 'cpu_s_per_student': 4.4, 'kernel_mib_per_student': 150.0, 'server_mib': 100.0, 'cores': 2}
    """
    return {k: sizing[k] for k in ("t1_s", "cpu_s_per_student", "kernel_mib_per_student", "server_mib", "cores")}


def hub_kernel_only(readme: Path) -> dict[str, Any] | None:
    """The kernel-only figures recorded in ``readme``'s measured-class table, or None if it has none.

    That table (``python hub/loadtest.py --update-readme``) sets a hub run beside
    the ``make bench`` figures measured with it; ``tests/test_hub_load.py``
    checks that they are the figures of the README's sizing table.
    """
    import json

    match = _HUB_BLOCK.search(readme.read_text(encoding="utf-8"))
    if not match:
        return None
    try:
        return json.loads(match.group(1)).get("kernel_only")
    except ValueError:
        return None


_BEGIN, _END = "<!-- bench:sizing:begin -->", "<!-- bench:sizing:end -->"


def _replace_between_markers(readme: Path, table: str) -> int:
    """Put ``table`` between the ``bench:sizing`` markers of ``readme`` (nothing else changes)."""
    text = readme.read_text(encoding="utf-8")
    if text.count(_BEGIN) != 1 or text.count(_END) != 1 or text.index(_BEGIN) > text.index(_END):
        print(f"bench: {readme} needs one {_BEGIN} line followed by one {_END} line", file=sys.stderr)
        return 2
    head, rest = text.split(_BEGIN, 1)
    tail = rest.split(_END, 1)[1]
    readme.write_text(f"{head}{_BEGIN}\n{table.strip()}\n{_END}{tail}", encoding="utf-8")
    print(f"bench: wrote the class-sizing table into {readme}")
    return 0


def _machine() -> str:
    import platform

    cpu = platform.processor() or platform.machine()
    try:
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:  # pragma: no cover
        mem = ""
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}"


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
    entry["spread_s"] = None if failed else spread(entry["samples_s"])
    entry["rss_mib"] = None if failed else median(entry["rss_samples_mib"])
    entry["rss_spread_mib"] = None if failed else spread(entry["rss_samples_mib"])
    entry["rss_status"] = "FAIL" if failed else budget_status(entry["rss_mib"], TARGETS["kernel_rss_mib"])
    if is_bare:
        entry["time_status"] = "FAIL" if failed else "ok"
        return
    entry["ratio_to_bare"] = ratio(entry["seconds"], bare_seconds)
    entry["time_status"] = "FAIL" if failed else budget_status(entry["ratio_to_bare"], TARGETS["run_all_ratio"])


def _slowest(paths: Sequence[Path], entries: Sequence[dict[str, Any]]) -> Path | None:
    """The lesson notebook whose Run All took longest (the class simulation's notebook)."""
    timed = [(e["seconds"], p) for p, e in zip(paths, entries) if e["seconds"] is not None]
    if timed:
        return max(timed, key=lambda t: t[0])[1]
    return paths[0] if paths else None


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the budgets, print the table and write the JSON.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        0 when every budget is met, 3 when one is missed, 1 when a
        notebook, nbval, an extractor or a class run failed to run, 2 if the
        repository root cannot be found (see :func:`exit_code`).
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
    json_path = args.json if args.json is not None else root / "build" / "bench.json"
    if args.sizing_markdown:
        return _print_sizing(json_path, args.update_readme, args.force)
    paths = _select_notebooks(root, args.notebooks)
    compiled = compile_sources(root)
    if compiled:
        print(f"bench: compiled {compiled} module(s) of src/newslab whose bytecode was missing or stale",
              file=sys.stderr)
    started = time.perf_counter()
    print(f"bench: {len(paths)} notebook(s) x {len(args.cases)} case(s) ({', '.join(args.cases)}), "
          f"repeat {args.repeat}, root {root}", file=sys.stderr)

    cases: list[dict[str, Any]] = []
    bare_executed = None
    with tempfile.TemporaryDirectory(prefix="newslab-bench-") as tmp:
        bare_dir = Path(tmp)
        for case in args.cases:
            bare = _new_entry("bare notebook", None, case)
            entries = [_new_entry(p.name, _rel(p, root), case) for p in paths]
            # The kernels inherit the case, and an empty work folder (lesson 05 saves a brief there).
            with _environment(NEWSLAB_CASE=case, NEWSLAB_WORK=str(bare_dir / "work")):
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
            cases.append({"case": case, "bare": bare, "notebooks": entries})

    report: dict[str, Any] = {
        "schema": 1,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "root": str(root),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "repeat": args.repeat,
        "targets": dict(TARGETS),
        "import_newslab": time_import(root, max(IMPORT_RUNS, args.repeat)),
        "cases": cases,
    }
    if args.skip_nbval:
        report["nbval"] = {"status": "skipped", "count": len(_nbval_notebooks(root)), "reason": "--skip-nbval"}
    else:
        print(f"bench: strict nbval, {args.repeat} run(s) of the lessons and of as many bare notebooks",
              file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix="newslab-bench-work-") as work:
            # the committed outputs are the seed's: nbval runs the default case, as `make test` does
            with _environment(NEWSLAB_CASE="", NEWSLAB_WORK=work):
                report["nbval"] = measure_nbval(root, bare_executed, args.repeat)
        report["nbval"]["case"] = "seed"
    report["machine"] = _machine()
    if args.skip_extractors:
        report["extractors"] = {"status": "skipped", "entries": []}
        report["pathological"] = {"status": "skipped", "entries": []}
    else:
        print(f"bench: timing the extractors on a {args.extractor_mb:g} MB article", file=sys.stderr)
        report["extractors"] = {"status": "measured", "megabytes": args.extractor_mb, "repeat": args.repeat,
                                "entries": [time_extractor(root, m, args.extractor_mb, function=f.__name__,
                                                           repeat=args.repeat)
                                            for m, f in present_extractors()]}
        print(f"bench: timing the extractors on pathological text ({PATHOLOGICAL_BYTES // 1000} KB and "
              f"{PATHOLOGICAL_BYTES * PATHOLOGICAL_FACTOR // 1000} KB of each shape)", file=sys.stderr)
        report["pathological"] = {"status": "measured", "bytes": PATHOLOGICAL_BYTES, "factor": PATHOLOGICAL_FACTOR,
                                  "entries": [time_pathological_shapes(root, m) for m, _f in present_extractors()]}
    if args.skip_class:
        report["class"] = {"status": "skipped"}
    else:
        seed_entries = cases[0]["notebooks"] if cases else []
        target = Path(args.class_notebook).resolve() if args.class_notebook else _slowest(paths, seed_entries)
        if target is None:
            report["class"] = {"status": "n/a", "reason": "no notebook to simulate"}
        else:
            print(f"bench: class simulation, k = {', '.join(map(str, args.class_k))} x {target.name}", file=sys.stderr)
            report["class"] = {"status": "measured", **measure_class(root, target, args.class_k)}
    report["exit_code"] = exit_code(report)
    report["over_budget"] = budget_misses(report)
    report["elapsed_s"] = round(time.perf_counter() - started, 1)

    print(format_table(report_rows(report), header=REPORT_HEADER))
    if report["extractors"]["entries"]:
        print()
        print(format_table(extractor_rows(report["extractors"]["entries"]),
                           header=("extractor", "median [min–max] on the synthetic article", "target", "status")))
    if report["pathological"]["entries"]:
        print()
        print(format_table(pathological_rows(report["pathological"]["entries"]),
                           header=("pathological text: extractor / shape (sizes)", "CPU times", "ratio", "status")))
    if report["class"].get("runs"):
        print()
        print(format_table(class_rows(report["class"]),
                           header=("class simulation (students at once)", "wall time", "peak memory")))
        if report["class"].get("sizing"):
            print()
            print("Class sizing (README; `python benchmarks/bench.py --sizing-markdown`):")
            print(sizing_markdown(report["class"]["sizing"], report["machine"]).split("\n", 2)[2])
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"bench: wrote {json_path} ({report['elapsed_s']:.0f} s)", file=sys.stderr)
    print()
    print(_verdict(report))
    return report["exit_code"]


def _verdict(report: dict[str, Any]) -> str:
    """The last lines of the output: which budgets were missed, and what the exit code means."""
    code = report["exit_code"]
    if code == EXIT_FAILED:
        return "bench: FAILED: a notebook, nbval, an extractor or a class run did not run (FAIL above); exit 1"
    if code == EXIT_OVER_BUDGET:
        misses = report["over_budget"]
        return (f"bench: OVER BUDGET: {len(misses)} figure(s) miss their budget (median of "
                f"{report['repeat']} run(s)); exit 3\n" + "\n".join(f"  - {m}" for m in misses))
    return f"bench: every budget met (median of {report['repeat']} run(s)); exit 0"


class _environment:
    """Set environment variables for the ``with`` block (the kernels and subprocesses started in it)."""

    def __init__(self, **values: str):
        self.values = values
        self.saved: dict[str, str | None] = {}

    def __enter__(self) -> "_environment":
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value
        return self

    def __exit__(self, *exc: Any) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


if __name__ == "__main__":
    sys.exit(main())
