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

import os
import re
import tomllib
from pathlib import Path

from .errors import Problem
from .files import os_error_message

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
    raw = b""
    try:
        if path.exists() and not path.is_file():
            problems.append(Problem(where, None, "this is a folder (or not a plain file), not a TOML file",
                                    hint="see cases/README.md"))
            return {}, ""
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
        return tomllib.loads(text), text
    except FileNotFoundError:
        if path.is_symlink():
            problems.append(Problem(where, None, f"the file is a symbolic link to {os.readlink(path)}, which does not exist"))
        elif not missing_ok:
            problems.append(Problem(where, None, "the file is missing", hint="see cases/README.md"))
    except OSError as exc:  # a symbolic-link loop, a folder, permission denied, a disk error
        problems.append(Problem(where, None, os_error_message(exc, where, "cannot be read").split(": ", 1)[1]))
    except UnicodeDecodeError as exc:
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
