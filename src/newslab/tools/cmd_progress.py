"""The ``newslab progress`` command: where a class is stuck, from the students' class logs (:mod:`newslab.case.progress`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..case.progress import CONFIG_NAME, ENV, LOG_NAME, ProgressReport, read_logs
from ..core.formats import write_table
from ..notebook.plots.progress import progress_chart


def _cmd_progress(args) -> int:
    report = read_logs(args.folders)
    for problem in report.problems:
        print(f"newslab progress: {problem}", file=sys.stderr)
    if args.format == "table":
        print(report)
        if report.rows:
            print()
            write_table(report.rows, ProgressReport.COLUMNS, "markdown", sys.stdout)
    else:
        write_table(report.rows, ProgressReport.COLUMNS, args.format, sys.stdout)
    if args.chart:
        out = Path(args.chart)
        if not report.rows:
            print("newslab progress: no attempts to chart; no chart written", file=sys.stderr)
        else:
            shown = progress_chart(report)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>Class progress</title>\n"
                           f"<body>{shown._repr_html_()}\n{report._repr_html_()}</body></html>\n", encoding="utf-8")
            print(f"newslab progress: chart written to {out}", file=sys.stderr)
    if not report.students:
        print(f"newslab progress: no {LOG_NAME} found under {', '.join(map(str, args.folders))} "
              f"(is the class log on? see `newslab progress --help`)", file=sys.stderr)
        return 1
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab progress`` to the command line."""
    s = subparsers.add_parser(
        "progress", help="show where a class is stuck, from the students' self-check logs",
        description=f"Read every {LOG_NAME} under the FOLDERs (for a hub: the students' home folders; each file "
                    "is one student) and show, per self-check, how many students have it right, the median number "
                    "of tries and the most common kinds of mistake. The logs are written only when the class log is "
                    f"on ({ENV}=1 in the students' environment, or class_log = true in {CONFIG_NAME} at the top of "
                    "the checkout). Bad files and lines are reported and skipped.")
    s.add_argument("folders", nargs="+", metavar="FOLDER", help="a folder to search (or a log file)")
    s.add_argument("--format", choices=("table", "csv", "markdown", "json"), default="table",
                   help="table (default: a summary and a table), csv, markdown or json")
    s.add_argument("--chart", metavar="FILE.html", help="also write the chart and table as an HTML page")
    s.set_defaults(func=_cmd_progress)
