"""The ``newslab sentences`` command: an article split into numbered sentences (:mod:`newslab.core.text`)."""

from __future__ import annotations

import sys

from ..core.article import read_article
from ..core.formats import add_article_argument, add_format_argument, write_table
from ..core.text import split_article


def _cmd_sentences(args) -> int:
    doc = split_article(read_article(args.file), headline=not args.no_headline)
    rows = ({"index": s.index, "paragraph": s.paragraph, "text": s.text} for s in doc.sentences)
    write_table(rows, ["index", "paragraph", "text"], args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab sentences`` to the command line."""
    s = subparsers.add_parser("sentences", help="split an article into numbered sentences (0 is the headline)",
                              description="Print index,paragraph,text for every sentence of an article file.")
    add_article_argument(s)
    s.add_argument("--no-headline", action="store_true", help="the first line is not a headline")
    add_format_argument(s)
    s.set_defaults(func=_cmd_sentences)
