"""Read a TOML file of a case (``case.toml``, ``checks.toml``) and point at its lines.

``tomllib`` says *that* a file is broken; a teacher also needs *where*.  This
module turns every way of failing to read the file into a
:class:`~newslab.errors.Problem` with the line, and finds the line on which a
key is set, so that checks made after parsing can name a line too.

Examples
--------
>>> text = 'id = "demo"\\n[dateline]\\ndate = 2021-07-17\\n'
>>> line_of(text, "date")
3
>>> line_of(text, "id", "demo")
1
>>> line_of(text, "id", "other") is None
True
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import Problem

__all__ = ["read_toml", "line_of"]


def read_toml(path: Path, where: str, problems: list[Problem], missing_ok: bool = False) -> tuple[dict, str]:
    """Parse a UTF-8 TOML file (a BOM is accepted).

    Parameters
    ----------
    path : pathlib.Path
        The file.
    where : str
        How the file is named in messages.
    problems : list of Problem
        Where a problem is appended if the file cannot be read.
    missing_ok : bool
        A missing file is then no problem (an optional file).

    Returns
    -------
    (dict, str)
        The parsed table and the text, or ``({}, "")`` when the file could not
        be read.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
        return tomllib.loads(text), text
    except FileNotFoundError:
        if not missing_ok:
            problems.append(Problem(where, None, "the file is missing", hint="see cases/README.md"))
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        problems.append(Problem(where, raw.count(b"\n", 0, exc.start) + 1, "the file is not UTF-8", hint="save it as UTF-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)  # Python 3.14+; before that, only in the message
        if line is None:
            m = re.search(r"line (\d+)", str(exc))
            line = int(m.group(1)) if m else None
        problems.append(Problem(where, line, f"not valid TOML: {exc}"))
    return {}, ""


def line_of(text: str, key: str, value: str | None = None) -> int | None:
    """The first line (1-based) that sets ``key`` (to the string ``value``, if given).

    Returns
    -------
    int or None
        None when no line sets it (for example a key written inline in a table).
    """
    if value is None:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
    else:
        pattern = re.compile(rf"\s*{re.escape(key)}\s*=\s*[\"']{re.escape(value)}[\"']")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
