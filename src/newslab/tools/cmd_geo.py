"""The ``newslab border-length`` command: a shared border measured at every map resolution (:mod:`newslab.geo`).
"""

from __future__ import annotations

import sys

from ..case.loader import load_case
from ..core.formats import add_format_argument, write_table
from ..geo import LENGTH_COLUMNS, BorderDataError, _pair, border_lengths, case_borders


def _cmd_border_length(args) -> int:
    given = [c for c in (args.countries or []) if c.strip()]
    if given and args.border:
        raise BorderDataError("give the pair once: either two codes (newslab border-length IRN AFG) or --border IRN-AFG")
    if given:
        pair = _pair(given if len(given) == 2 else given[0])
    elif args.border:
        pair = _pair(args.border)
    else:
        case = load_case(args.case)
        pairs = case_borders(case)
        if not pairs:
            raise BorderDataError(f"case {case.id!r} lists no border under [map] borders in case.toml; "
                                  "name one with --border IRN-AFG")
        pair = pairs[0]
    table = border_lengths(pair)
    write_table(table.to_dict("records"), LENGTH_COLUMNS, args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab border-length`` to the ``newslab`` command."""
    s = subparsers.add_parser(
        "border-length", help="measure a shared border at every map resolution in data/",
        description="Print dataset,resolution,vertices,length_km for every version of a shared border, "
                    "measured geodesically on the WGS84 ellipsoid: Natural Earth's three scales for any land "
                    "border on Earth, and GSHHG's five resolutions for the borders the cases list. By default "
                    "the first border the case lists under [map] borders.")
    s.add_argument("countries", nargs="*", metavar="COUNTRY",
                   help="two ISO 3166-1 alpha-3 codes, e.g. IRN AFG (any land border on Earth)")
    s.add_argument("--border", help="a pair of ISO 3166-1 alpha-3 codes, e.g. IRN-AFG")
    s.add_argument("--case", default=None, help="case id or folder (default: $NEWSLAB_CASE or the seed case)")
    add_format_argument(s)
    s.set_defaults(func=_cmd_border_length)
