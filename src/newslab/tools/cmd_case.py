"""The ``newslab check-case``, ``newslab cases`` and ``newslab encode-answer`` commands (:mod:`newslab.case`)."""

from __future__ import annotations

import math

from ..case.checks import encode_answer, unchecked_questions
from ..case.loader import available_cases, find_case_dir, load_case, validate_case
from ..case.shelf import validate_shelf
from ..core.errors import CaseError, NewslabError


def _cmd_check_case(args) -> int:
    problems = validate_case(args.case)
    if problems:
        raise CaseError(problems)
    case = load_case(args.case)  # loaded once, for the shelf (lesson 04's cards) and the report
    problems = validate_shelf(case)
    if problems:
        raise CaseError(problems)
    print(f"{args.case}: no problems found in the format")
    for line in readiness_report(case):
        print(line)
    return 0


def readiness_report(case) -> list[str]:
    """What is left before a class on a loaded ``case``: the lessons' self-checks it cannot judge yet, and
    the rows and lines that still say TO CHECK (what `newslab new-case` pre-filled and nobody has read)."""
    lines = []
    missing = unchecked_questions(case)
    if missing:
        lines.append(f"{len(missing)} self-check(s) of the lessons cannot judge an answer on this case yet "
                     "(students see '? Not checked'; see cases/README.md):")
        lines += [f"  - {qid}: {why}" for qid, why in missing]
    else:
        lines.append("Every self-check of the lessons can judge an answer on this case.")
    marks = []
    for path in sorted(case.folder.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".toml"):
            n = sum("TO CHECK" in line for line in path.read_text(encoding="utf-8", errors="replace").splitlines())
            if n:
                marks.append(f"{path.relative_to(case.folder).as_posix()} {n}")
    if marks:
        lines.append("Lines still marked TO CHECK (read each against the article, then delete the mark): "
                     + ", ".join(marks))
    return lines


def _cmd_cases(args) -> int:
    for case_id in available_cases():
        print(f"{case_id}\t{find_case_dir(case_id)}")
    return 0


def _cmd_encode_answer(args) -> int:
    value: object = args.value
    if args.type is None:  # a number if it reads as a finite one, else text
        try:
            args.type = "number" if math.isfinite(float(args.value)) else "text"
        except ValueError:
            args.type = "text"
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


def register_cli(subparsers) -> None:
    """Add ``newslab check-case``, ``newslab cases`` and ``newslab encode-answer`` to the command line."""
    s = subparsers.add_parser("check-case", help="check a case folder and list every problem",
                              description="Validate a case (case.toml, the tables, checks.toml, the shelf's cards) and report every problem with file and line.")
    s.add_argument("case", help="a case folder (cases/my-case) or a case id")
    s.set_defaults(func=_cmd_check_case)

    s = subparsers.add_parser("cases", help="list the cases newslab can find")
    s.set_defaults(func=_cmd_cases)

    s = subparsers.add_parser("encode-answer", help="encode a self-check answer for checks.toml",
                              description="Print the encoded form of an answer, to paste into a case's checks.toml.")
    s.add_argument("value")
    s.add_argument("--type", choices=["text", "number"], default=None,
                   help="store as a number or as text (default: a number if it looks like one)")
    s.set_defaults(func=_cmd_encode_answer)
