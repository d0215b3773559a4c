"""Settings of the local hub that the launcher and the hub's configuration share.

``is_loopback(address)`` says whether an address is this machine only.
``read_students(path)`` reads the class list: one student name a line.

Blank lines and ``#`` comments are ignored.  A name is what the student types
at the login page: lower-case letters, digits, ``-``, ``_`` and ``.``, starting
with a letter or digit, at most 32 characters (it becomes a folder name under
``build/hub/home``).

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     p = pathlib.Path(d, "students.txt")
...     _ = p.write_text("# class 9B\\nann\\nbob  # joined late\\n\\n", encoding="utf-8")
...     read_students(p)
['ann', 'bob']
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")


def is_loopback(address: str) -> bool:
    """Whether ``address`` reaches this machine only.

    >>> [is_loopback(a) for a in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.5", "hub.example.edu")]
    [True, True, True, False, False, False]
    """
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _raise(message: str) -> None:
    raise ValueError(message)


def read_students(path: Path, fail=_raise) -> list[str]:
    """The names in a students file; ``fail(message)`` is called on the first problem, naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such students file: write one student name a line (python hub/launch.py makes a demo one)")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot be read ({exc})")
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if not name:
            continue
        if not NAME.fullmatch(name):
            fail(f"{path}, line {number}: {name!r} is not a login name (use lower-case letters, digits, '-', '_' "
                 "or '.', up to 32 characters)")
        if name in names:
            fail(f"{path}, line {number}: {name!r} is listed twice")
        names.append(name)
    if not names:
        fail(f"{path}: lists no students")
    return names
