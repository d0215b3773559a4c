"""The ``newslab dates`` command: an article's time expressions resolved to dates (:mod:`newslab.extract.dates`).
"""

from __future__ import annotations

import sys

from ..core.article import read_article
from ..core.formats import add_article_argument, add_format_argument, write_table
from ..extract.dates import COLUMNS, _as_date, as_records, find


def _cmd_dates(args) -> int:
    dateline = _as_date(args.dateline)
    rows = find(read_article(args.file), dateline, args.numeric_order)
    write_table(as_records(rows), list(COLUMNS), args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab dates FILE --dateline YYYY-MM-DD [--format ...]``."""
    s = subparsers.add_parser(
        "dates", help="resolve an article's time expressions to dates",
        description="Find every time expression in an article ('on Sunday', 'this week', 'in 2018', "
                    "'two decades') and resolve it to a date or date range, given the dateline. "
                    "Columns: surface,start,end,sentence_index, then kind, relative, approximate, days, rule "
                    "and character offsets. Dates are ISO YYYY-MM-DD, both ends inclusive.")
    add_article_argument(s)
    s.add_argument("--dateline", required=True, metavar="YYYY-MM-DD", help="the date the story was filed")
    s.add_argument("--numeric-order", choices=["auto", "DMY", "MDY"], default="auto",
                   help="how to read dates like 04/05/2021 (default: auto)")
    add_format_argument(s)
    s.set_defaults(func=_cmd_dates)
