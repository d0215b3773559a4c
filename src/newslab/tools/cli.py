"""The ``newslab`` command.

Each subcommand is a small function ``_cmd_NAME(args) -> int`` registered in
:func:`parser`.  The lessons' own commands (``dates``, ``numbers``, ...) live
beside their code: each module named in :data:`COMMAND_MODULES` has a
``register_cli(subparsers)`` that adds its subcommands, and keeps its heavy
imports (pandas, matplotlib) inside functions so that ``newslab --help`` stays quick.  Bad input
(a missing file, a broken case) prints one clear message per problem to stderr
and exits with status 1 — never a traceback.  Usage mistakes exit with 2, as
argparse does.

Examples
--------
>>> main(["encode-answer", "Saturday"])
b64:IlNhdHVyZGF5Ig==
0
"""

from __future__ import annotations

import argparse
import importlib
import math
import sys
from pathlib import Path

from .. import __version__
from ..core.errors import CaseError, NewslabError
from ..core.formats import add_article_argument, add_format_argument, write_table

__all__ = ["main", "parser", "COMMAND_MODULES"]

#: Modules of newslab that add subcommands through ``register_cli(subparsers)``.
COMMAND_MODULES = ("extract.dates", "extract.numbers", "geo", "extract.places", "extract.voices", "tools.newcase", "tools.site", "case.progress")


def _cmd_sentences(args: argparse.Namespace) -> int:
    from ..core.article import read_article
    from ..core.text import split_article

    doc = split_article(read_article(args.file), headline=not args.no_headline)
    rows = ({"index": s.index, "paragraph": s.paragraph, "text": s.text} for s in doc.sentences)
    write_table(rows, ["index", "paragraph", "text"], args.format, sys.stdout)
    return 0


def _cmd_check_case(args: argparse.Namespace) -> int:
    from ..case.loader import validate_case

    problems = validate_case(args.case)
    if problems:
        raise CaseError(problems)
    print(f"{args.case}: no problems found")
    return 0


def _cmd_cases(args: argparse.Namespace) -> int:
    from ..case.loader import available_cases, find_case_dir

    for case_id in available_cases():
        print(f"{case_id}\t{find_case_dir(case_id)}")
    return 0


def _cmd_encode_answer(args: argparse.Namespace) -> int:
    from ..case.checks import encode_answer

    value: object = args.value
    if args.type == "number":
        try:
            value = float(args.value)
        except ValueError:
            raise NewslabError(f"{args.value!r} is not a number") from None
        if not math.isfinite(value):
            raise NewslabError(f"{args.value!r} is not a finite number: an answer must be a number a student "
                               "can reach (store text with --type text)")
        if value.is_integer():
            value = int(value)
    print(encode_answer(value))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    kinds = ["student", "instructor"] if args.kind == "all" else [args.kind]
    for kind in kinds:
        out = Path(args.out) / kind
        written = build(kind, src=Path(args.notebooks), out=out, lessons=Path(args.lessons), force=args.force)
        print(f"{kind}: {len(written)} file(s) in {out}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser, with one subparser per command."""
    p = argparse.ArgumentParser(
        prog="newslab",
        description="Tools for the newslab lessons: read, check and build news-article cases.",
        epilog="Run 'newslab COMMAND --help' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"newslab {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    s = sub.add_parser("sentences", help="split an article into numbered sentences (0 is the headline)",
                       description="Print index,paragraph,text for every sentence of an article file.")
    add_article_argument(s)
    s.add_argument("--no-headline", action="store_true", help="the first line is not a headline")
    add_format_argument(s)
    s.set_defaults(func=_cmd_sentences)

    s = sub.add_parser("check-case", help="check a case folder and list every problem",
                       description="Validate a case (case.toml, the tables, checks.toml) and report every problem with file and line.")
    s.add_argument("case", help="a case folder (cases/my-case) or a case id")
    s.set_defaults(func=_cmd_check_case)

    s = sub.add_parser("cases", help="list the cases newslab can find")
    s.set_defaults(func=_cmd_cases)

    s = sub.add_parser("encode-answer", help="encode a self-check answer for checks.toml",
                       description="Print the encoded form of an answer, to paste into a case's checks.toml.")
    s.add_argument("value")
    s.add_argument("--type", choices=["text", "number"], default=None,
                   help="store as a number or as text (default: a number if it looks like one)")
    s.set_defaults(func=_cmd_encode_answer)

    s = sub.add_parser("build", help="write the student and/or instructor notebooks into build/",
                       description="Student build: solutions replaced by placeholders, outputs cleared. "
                                   "Instructor build: everything, plus the lesson guides. Never writes into notebooks/.")
    s.add_argument("kind", choices=["student", "instructor", "all"])
    s.add_argument("--out", default="build", help="output folder (default: build)")
    s.add_argument("--notebooks", default="notebooks", help="source notebooks (default: notebooks)")
    s.add_argument("--lessons", default="lessons", help="lesson guides (default: lessons)")
    s.add_argument("--force", action="store_true", help="overwrite build files that were edited since the last build")
    s.set_defaults(func=_cmd_build)

    for name in COMMAND_MODULES:
        importlib.import_module(f"newslab.{name}").register_cli(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the ``newslab`` command; returns the exit status.

    0 when it worked, 1 for bad input or a disk that refuses (one line per
    problem on stderr), 2 for a usage mistake, 130 when interrupted with
    Ctrl-C (one line, no traceback).
    """
    command = "newslab"
    try:
        args = parser().parse_args(argv)
        command = f"newslab {args.command}"
        if getattr(args, "type", "x") is None:
            try:
                value = float(args.value)
                args.type = "number" if math.isfinite(value) else "text"
            except ValueError:
                args.type = "text"
        return args.func(args)
    except NewslabError as exc:
        for line in str(exc).splitlines():
            print(f"{command}: {line}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `newslab sentences a.txt | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{command}: interrupted (Ctrl-C); nothing half-written was kept", file=sys.stderr)
        return 130
    except OSError as exc:  # a disk that refuses (full, read-only, permission denied) in any writer
        from ..core.files import os_error_message

        print(f"{command}: {os_error_message(exc, exc.filename or 'a file', 'cannot go on')}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
