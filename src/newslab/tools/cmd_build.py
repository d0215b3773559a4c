"""The ``newslab build`` command: the student and instructor notebooks (:mod:`newslab.tools.build`)."""

from __future__ import annotations

from pathlib import Path

from .build import build


def _cmd_build(args) -> int:
    kinds = ["student", "instructor"] if args.kind == "all" else [args.kind]
    for kind in kinds:
        out = Path(args.out) / kind
        written = build(kind, src=Path(args.notebooks), out=out, lessons=Path(args.lessons), force=args.force)
        print(f"{kind}: {len(written)} file(s) in {out}")
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab build`` to the command line."""
    s = subparsers.add_parser("build", help="write the student and/or instructor notebooks into build/",
                              description="Student build: solutions replaced by placeholders, outputs cleared. "
                                          "Instructor build: everything, plus the lesson guides. Never writes into notebooks/.")
    s.add_argument("kind", choices=["student", "instructor", "all"])
    s.add_argument("--out", default="build", help="output folder (default: build)")
    s.add_argument("--notebooks", default="notebooks", help="source notebooks (default: notebooks)")
    s.add_argument("--lessons", default="lessons", help="lesson guides (default: lessons)")
    s.add_argument("--force", action="store_true", help="overwrite build files that were edited since the last build")
    s.set_defaults(func=_cmd_build)
