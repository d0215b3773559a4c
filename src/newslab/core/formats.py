"""Write a table as CSV, Markdown or JSON — the three ``--format`` choices of the CLI.

Every ``newslab`` command that prints a table uses :func:`write_table`, so the
formats behave the same everywhere: CSV as the csv module writes it, JSON as a
list of objects, Markdown as a pipe table with ``|`` and line breaks escaped and
any HTML in the text (``<``, ``>``, ``&``) shown as text, never as markup.

Examples
--------
>>> import sys
>>> rows = [{"index": 0, "text": "A | B"}, {"index": 1, "text": "C"}]
>>> write_table(rows, ["index", "text"], "markdown", sys.stdout)
| index | text |
|---|---|
| 0 | A \\| B |
| 1 | C |
>>> write_table(rows, ["index", "text"], "csv", sys.stdout)
index,text
0,A | B
1,C
"""

from __future__ import annotations

import csv
import html
import json
from typing import IO, Any, Iterable, Sequence

__all__ = ["FORMATS", "add_article_argument", "add_format_argument", "is_missing", "plain", "write_table"]

FORMATS = ("csv", "markdown", "json")


def add_article_argument(parser) -> None:
    """Give an argparse (sub)parser the article ``file`` argument every extractor command takes."""
    parser.add_argument("file", help="a UTF-8 text file: headline on the first line, then paragraphs")


def add_format_argument(parser) -> None:
    """Give an argparse (sub)parser the shared ``--format {csv,markdown,json}`` option."""
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format (default: csv)")


def is_missing(value: Any) -> bool:
    """Whether ``value`` is an empty table cell: None, NaN, ``pd.NA`` or ``NaT``.

    Works without importing pandas, so the extractors can use it too.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), 0, "", "x")]
    [True, True, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):  # numpy's float64 too
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def plain(value: Any) -> Any:
    """``value`` as a plain Python value for printing: missing → None, 3.0 → 3.

    Cells of a pandas table arrive as numpy scalars, ``NaN``, ``pd.NA`` or
    ``NaT``; a table written by the CLI shows a missing value as an empty cell
    (CSV, Markdown) or ``null`` (JSON), never as ``nan``.

    Examples
    --------
    >>> [plain(v) for v in (None, float("nan"), 3.0, 3.5, "x")]
    [None, None, 3, 3.5, 'x']
    """
    if is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            value = value.item()
        except (TypeError, ValueError):
            pass
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "isoformat"):  # dates, Timestamps
        return value.isoformat()
    return value


def _cell(value: Any) -> str:
    value = plain(value)
    return "" if value is None else str(value)


def _markdown_cell(text: str) -> str:
    """One cell of a Markdown table: raw HTML shown as text, pipes and backslashes kept, lines joined by <br>.

    Examples
    --------
    >>> print(_markdown_cell("<script>alert(1)</script> a | b & c"))
    &lt;script&gt;alert(1)&lt;/script&gt; a \\| b &amp; c
    """
    text = html.escape(text, quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def write_table(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, out: IO[str]) -> None:
    """Write ``rows`` (dicts) with the given ``columns`` in format ``fmt`` to ``out``.

    Parameters
    ----------
    rows : iterable of dict
    columns : sequence of str
        The columns, in order; keys missing from a row print as empty.
    fmt : {"csv", "markdown", "json"}
    out : text stream

    Examples
    --------
    >>> import io
    >>> buf = io.StringIO()
    >>> write_table([{"a": 1, "b": None}], ["a", "b"], "json", buf)
    >>> buf.getvalue()
    '[\\n  {\\n    "a": 1,\\n    "b": null\\n  }\\n]\\n'
    """
    rows = list(rows)
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    elif fmt == "markdown":
        out.write("| " + " | ".join(columns) + " |\n")
        out.write("|" + "---|" * len(columns) + "\n")
        for row in rows:
            cells = [_markdown_cell(_cell(row.get(c))) for c in columns]
            out.write("| " + " | ".join(cells) + " |\n")
    elif fmt == "json":
        json.dump([{c: plain(row.get(c)) for c in columns} for row in rows], out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    else:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
