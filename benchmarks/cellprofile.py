"""Where a lesson's Run All spends its time and memory, cell by cell.

``make bench`` says *whether* a notebook meets its budgets; this says *where*
the seconds and MiB go, so that a fix goes to the cause.  It runs the notebook
in a fresh kernel (as ``make bench`` does), then the bare notebook of
``benchmarks/bench.py`` the same way, and prints for each:

* the kernel's start-up (from creating the client to the kernel's first reply);
* per code cell: its wall time, the **CPU time of the kernel process** (user +
  system, from ``/proc`` through psutil: unlike wall time it barely moves on a
  busy machine, and it is what a class of 30 multiplies), the kernel's resident
  memory after the cell and what the cell added;
* totals by kind of cell: charts (an output holding ``<figure``), widgets (a
  widget view), and the rest; and the per-cell round trip (a cell that does
  nothing still costs a request, a reply and a few status messages).

Usage::

    python benchmarks/cellprofile.py notebooks/03-border.ipynb [--case irish-border-2023] [--top 12]

``make profile NB=notebooks/03-border.ipynb`` does the same.  Nothing is
written; the notebook file is not changed.

Examples
--------
>>> cell_kind([{"output_type": "display_data", "data": {"text/html": "<figure>...</figure>"}}])
'chart'
>>> cell_kind([{"output_type": "display_data",
...             "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "x"}}}])
'widget'
>>> cell_kind([])
'other'
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (the harness beside this file: its bare notebook, kernel name and repository root)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def cell_kind(outputs: Sequence[dict]) -> str:
    """``"chart"``, ``"widget"`` or ``"other"``: what a code cell's outputs show.

    A cell that shows a chart (newslab's ``<figure>``, or a PNG) is a chart
    even if it also shows a widget (a slider redraws a chart).
    """
    kinds = set()
    for out in outputs:
        data = out.get("data") or {}
        html = data.get("text/html", "")
        html = "".join(html) if isinstance(html, list) else str(html)
        if "<figure" in html or "image/png" in data:
            kinds.add("chart")
        if WIDGET_MIME in data:
            kinds.add("widget")
    return "chart" if "chart" in kinds else "widget" if "widget" in kinds else "other"


def first_line(source: str, width: int = 60) -> str:
    """The cell's first line that is not a comment, cut to ``width`` characters.

    >>> first_line("# set up\\nimport newslab  # the package\\ncase = 1")
    'import newslab  # the package'
    """
    for line in source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line if len(line) <= width else line[: width - 1] + "…"
    return ""


def profile_notebook(nb: Any, cwd: Path) -> dict[str, Any]:
    """Run ``nb`` in a fresh kernel; per code cell its wall and kernel CPU seconds and the kernel's RSS.

    Returns a dict: ``start_s`` (client created to kernel's first reply),
    ``start_cpu_s`` and ``start_rss_mib`` (the kernel after start-up), and
    ``cells``: a list of dicts ``index, line, kind, wall_s, cpu_s, rss_mib,
    added_mib``.
    """
    import psutil
    from nbclient import NotebookClient

    t0 = time.perf_counter()
    client = NotebookClient(nb, timeout=bench.CELL_TIMEOUT, kernel_name=bench.KERNEL_NAME,
                            resources={"metadata": {"path": str(cwd)}})
    client.reset_execution_trackers()
    out: dict[str, Any] = {"cells": []}
    with client.setup_kernel():
        client.wait_for_reply(client.kc.kernel_info())
        out["start_s"] = time.perf_counter() - t0
        proc = psutil.Process(bench._kernel_pid(client))

        def cpu() -> float:
            times = proc.cpu_times()
            return times.user + times.system

        out["start_cpu_s"] = cpu()
        rss = out["start_rss_mib"] = proc.memory_info().rss / 2**20
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            c0, w0 = cpu(), time.perf_counter()
            client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            wall, used = time.perf_counter() - w0, cpu() - c0
            now = proc.memory_info().rss / 2**20
            out["cells"].append({"index": index, "line": first_line(cell.source), "kind": cell_kind(cell.outputs),
                                 "wall_s": wall, "cpu_s": used, "rss_mib": now, "added_mib": now - rss})
            rss = now
    out["total_s"] = time.perf_counter() - t0
    return out


def summary(run: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Totals by kind of cell: count, wall and CPU seconds, MiB added.

    >>> run = {"cells": [{"kind": "chart", "wall_s": 0.3, "cpu_s": 0.25, "added_mib": 5.0},
    ...                  {"kind": "other", "wall_s": 0.01, "cpu_s": 0.0, "added_mib": 0.0},
    ...                  {"kind": "chart", "wall_s": 0.2, "cpu_s": 0.15, "added_mib": 1.0}]}
    >>> summary(run)["chart"]
    {'cells': 2, 'wall_s': 0.5, 'cpu_s': 0.4, 'added_mib': 6.0}
    """
    out: dict[str, dict[str, float]] = {}
    for cell in run["cells"]:
        row = out.setdefault(cell["kind"], {"cells": 0, "wall_s": 0.0, "cpu_s": 0.0, "added_mib": 0.0})
        row["cells"] += 1
        for key in ("wall_s", "cpu_s", "added_mib"):
            row[key] = round(row[key] + cell[key], 6)
    return out


def report(name: str, run: dict[str, Any], top: int) -> list[str]:
    """The printed lines for one run: start-up, the ``top`` costliest cells by CPU, totals by kind."""
    cells = run["cells"]
    lines = [f"{name}: Run All {run['total_s']:.2f} s wall; kernel start-up {run['start_s']:.2f} s "
             f"({run['start_rss_mib']:.1f} MiB); {len(cells)} code cells; "
             f"end {cells[-1]['rss_mib'] if cells else run['start_rss_mib']:.1f} MiB"]
    lines.append(f"  {'cell':>5} {'kind':<7} {'wall':>8} {'CPU':>8} {'RSS':>7} {'added':>7}  first line")
    for c in sorted(cells, key=lambda c: -c["cpu_s"])[:top]:
        lines.append(f"  [{c['index']:>3}] {c['kind']:<7} {c['wall_s']:7.3f}s {c['cpu_s']:7.3f}s "
                     f"{c['rss_mib']:6.1f}M {c['added_mib']:+6.1f}M  {c['line']}")
    for kind, row in sorted(summary(run).items()):
        lines.append(f"  {kind:<7} {row['cells']:3d} cells: {row['wall_s']:.2f} s wall, {row['cpu_s']:.2f} s CPU, "
                     f"{row['added_mib']:+.1f} MiB")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook", type=Path, help="a notebook, e.g. notebooks/03-border.ipynb")
    parser.add_argument("--case", default="", help="the case the lesson runs on (NEWSLAB_CASE); default: the seed")
    parser.add_argument("--top", type=int, default=10, help="how many of the costliest cells to list (default 10)")
    args = parser.parse_args(argv)
    import nbformat

    path = args.notebook.resolve()
    if not path.is_file():
        print(f"cellprofile: {args.notebook}: no such notebook", file=sys.stderr)
        return 2
    os.environ["NEWSLAB_CASE"] = args.case
    bench.compile_sources(bench.find_repo_root(path.parent))  # as make bench does: kernels import from bytecode
    runs = [(path.name + (f" on {args.case}" if args.case else ""),
             profile_notebook(nbformat.read(path, as_version=4), path.parent)),
            ("bare notebook", profile_notebook(bench.make_bare_notebook(), path.parent))]
    for name, run in runs:
        print("\n".join(report(name, run, args.top)))
        print()
    lesson, bare = runs[0][1], runs[1][1]
    print(f"Run All: {lesson['total_s'] / bare['total_s']:.2f}x the bare notebook (one run, wall time; "
          "`make bench` gives the median of three)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
