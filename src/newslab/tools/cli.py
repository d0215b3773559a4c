"""The ``newslab`` command.

Every subcommand lives in a module of :mod:`newslab.tools` for its command
group (``cmd_numbers`` holds ``numbers`` and ``claims``, ...), whose
``register_cli(subparsers)`` adds the group's subcommands, each a small
function ``_cmd_NAME(args) -> int``.  :data:`COMMANDS` names the module of
every command, so that ``newslab COMMAND`` imports only its own group (and
``newslab --help`` none).  Bad input (a missing file, a broken case) prints one
clear message per problem to stderr and exits with status 1 — never a
traceback.  Usage mistakes exit with 2, as argparse does.

Examples
--------
>>> main(["encode-answer", "Saturday"])
b64:IlNhdHVyZGF5Ig==
0
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..core.errors import NewslabError
from ..core.files import os_error_message

__all__ = ["main", "parser", "COMMANDS"]

#: command -> (its group's module in newslab.tools, the one line ``newslab --help`` shows).
#: A table, not an import of every group: the groups import what their commands
#: run (pandas through the case loader, the extractors, the site builder), and
#: ``newslab --help`` or ``newslab sentences`` should not wait for all of that.
#: tests/test_cli.py checks that each line here is the one its group registers.
COMMANDS: dict[str, tuple[str, str]] = {
    "sentences": ("cmd_sentences", "split an article into numbered sentences (0 is the headline)"),
    "check-case": ("cmd_case", "check a case folder and list every problem"),
    "cases": ("cmd_case", "list the cases newslab can find"),
    "encode-answer": ("cmd_case", "encode a self-check answer for checks.toml"),
    "build": ("cmd_build", "write the student and/or instructor notebooks into build/"),
    "dates": ("cmd_dates", "resolve an article's time expressions to dates"),
    "numbers": ("cmd_numbers", "list every number in an article (surface, value, unit, sentence ...)"),
    "claims": ("cmd_numbers", "a case's claims table with computed verdicts"),
    "border-length": ("cmd_geo", "measure a shared border at every map resolution in data/"),
    "places": ("cmd_places", "list the places an article names, with coordinates from the offline gazetteer"),
    "check-places": ("cmd_places", "compare a case's places.csv with the offline gazetteer"),
    "voices": ("cmd_voices", "list who is quoted or paraphrased in an article, with verb and kind"),
    "new-case": ("cmd_newcase", "start a case from an article, with tables pre-filled for you to check"),
    "site": ("cmd_site", "build a static HTML site of the lessons that reads offline"),
    "class-links": ("cmd_site", "print an nbgitpuller (JupyterHub) and Binder link for every lesson notebook"),
    "progress": ("cmd_progress", "show where a class is stuck, from the students' self-check logs"),
}


def group(command: str):
    """The module of :mod:`newslab.tools` that defines ``command`` (a key of :data:`COMMANDS`)."""
    return importlib.import_module(f"{__package__}.{COMMANDS[command][0]}")


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser: the group of the command ``argv`` names in full, the others by name and help line.

    With no ``argv`` (or one naming no command), every group is registered in full.
    """
    p = argparse.ArgumentParser(
        prog="newslab",
        description="Tools for the newslab lessons: read, check and build news-article cases.",
        epilog="Run 'newslab COMMAND --help' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"newslab {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    words = [a for a in (argv or []) if not a.startswith("-")]
    if argv is None or not words or words[0] not in COMMANDS:
        wanted = None if argv is None else set()
    else:
        wanted = {COMMANDS[words[0]][0]}
    registered = set()
    for command, (module, summary) in COMMANDS.items():
        if wanted is None or module in wanted:
            if module not in registered:
                group(command).register_cli(sub)
                registered.add(module)
        else:  # listed in `newslab --help` and among the choices; parsed only when named
            sub.add_parser(command, help=summary, add_help=False)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the ``newslab`` command; returns the exit status.

    0 when it worked, 1 for bad input or a disk that refuses (one line per
    problem on stderr), 2 for a usage mistake, 130 when interrupted with
    Ctrl-C (one line, no traceback).
    """
    command = "newslab"
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parser(argv).parse_args(argv)
        command = f"newslab {args.command}"
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
        print(f"{command}: {os_error_message(exc, exc.filename or 'a file', 'cannot go on')}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
