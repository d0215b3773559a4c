"""The ``newslab voices`` command: who an article quotes, with which verb (:mod:`newslab.extract.voices`).
"""

from __future__ import annotations

import sys

from ..core.article import read_article
from ..core.formats import add_article_argument, add_format_argument, write_table
from ..extract.voices import COLUMNS, extract


def _cmd_voices(args) -> int:
    text = read_article(args.file)
    frame = extract(text)
    rows = frame.to_dict("records")
    write_table(rows, COLUMNS, args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab voices FILE [--format csv|markdown|json]``."""
    s = subparsers.add_parser(
        "voices", help="list who is quoted or paraphrased in an article, with verb and kind",
        description="Print speaker,kind,verb,quote_or_paraphrase,text,sentence_index,... for every voice "
                    "the rules find in an article file (a first draft of a case's voices.csv).")
    add_article_argument(s)
    add_format_argument(s)
    s.set_defaults(func=_cmd_voices)
