"""The ``newslab numbers`` and ``newslab claims`` commands: an article's numbers (:mod:`newslab.extract.numbers`)
and a case's claims with computed verdicts (:mod:`newslab.case.claims`).
"""

from __future__ import annotations

import sys

from ..case.claims import claims_table, export_csv
from ..case.loader import load_case
from ..core.article import read_article
from ..core.formats import add_article_argument, add_format_argument, write_table
from ..extract.numbers import COLUMNS, _records


def _cmd_numbers(args) -> int:
    rows = _records(read_article(args.file), headline=not args.no_headline, dateline=args.dateline)
    write_table(rows, COLUMNS, args.format, sys.stdout)
    return 0


def _cmd_claims(args) -> int:
    table = claims_table(load_case(args.case))
    if args.output:
        path = export_csv(table, args.output, overwrite=args.force)
        print(f"wrote {len(table)} claims to {path}")
        return 0
    write_table(table.to_dict("records"), list(table.columns), args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab numbers`` and ``newslab claims`` to the command line."""
    s = subparsers.add_parser(
        "numbers", help="list every number in an article (surface, value, unit, sentence ...)",
        description="Print one row per number in an article file: surface,value,unit,sentence_index, then "
                    "start,end,kind,qualifier,low,high,date,vague,pair_id,pair_role. Sentence 0 is the headline, "
                    "as in `newslab sentences`.")
    add_article_argument(s)
    s.add_argument("--no-headline", action="store_true", help="the first line is not a headline")
    s.add_argument("--dateline", metavar="YYYY-MM-DD", help="when the story was filed: a date with no year gets its year")
    add_format_argument(s)
    s.set_defaults(func=_cmd_numbers)

    s = subparsers.add_parser(
        "claims", help="a case's claims table with computed verdicts",
        description="Merge a case's claims.csv with the numbers found in its article and compute each verdict "
                    "(consistent, rounded, disputed, unverifiable) from the rules in newslab.claims.")
    s.add_argument("case", help="a case folder (cases/my-case) or a case id")
    add_format_argument(s)
    s.add_argument("--output", "-o", help="write CSV to this file instead of printing (refuses to overwrite)")
    s.add_argument("--force", action="store_true", help="with --output: overwrite an existing file")
    s.set_defaults(func=_cmd_claims)
