"""The ``newslab new-case`` command: a case folder started from an article (:mod:`newslab.tools.newcase`).
"""

from __future__ import annotations

import csv

from ..case.loader import load_case, validate_case
from .cmd_case import readiness_report
from .newcase import TO_CHECK, new_case


def _cmd_new_case(args) -> int:
    folder = new_case(args.article, args.folder, dateline=args.dateline, place=args.place, title=args.title)
    counts = {}
    for name in ("claims", "voices", "places", "events", "sources"):
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as f:
            counts[name] = sum(1 for _ in csv.DictReader(f))
    print(f"{folder}: new case written: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    print(f"Every row says {TO_CHECK!r}: read each one against the article, fix it, then delete the mark.")
    problems = validate_case(folder)
    if problems:
        print(f"`newslab check-case {folder}` finds {len(problems)} problem(s) to fix:")
        for p in problems:
            print(f"  - {p}")
    else:
        print(f"`newslab check-case {folder}` finds no problems in the format (the facts are still yours to check).")
        for line in readiness_report(load_case(folder)):
            print(line)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab new-case`` to the command line."""
    s = subparsers.add_parser(
        "new-case", help="start a case from an article, with tables pre-filled for you to check",
        description="Copy ARTICLE into a new case folder and pre-fill claims, voices, places, events and "
                    "sources from the extractors; every row is marked 'TO CHECK'. Never overwrites.")
    s.add_argument("article", help="the article: UTF-8 text, headline on the first line, blank lines between paragraphs")
    s.add_argument("folder", help="the new case folder, e.g. cases/my-case (its name is the case id)")
    s.add_argument("--dateline", help="the date the story was filed, YYYY-MM-DD (default: a date in its first sentence)")
    s.add_argument("--place", help="where the story was filed (default: an all-capitals dateline such as 'NEWRY –')")
    s.add_argument("--title", help="what the class calls the case (default: the headline)")
    s.set_defaults(func=_cmd_new_case)
