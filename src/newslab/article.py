"""Read an article file as text, or say exactly why it cannot be read.

An article is a plain-text UTF-8 file: the headline on the first line, then the
paragraphs (see ``cases/README.md``).  Teachers paste articles from web pages,
word processors and e-mail, so this module accepts what those produce when it
is harmless (a UTF-8 byte-order mark, Windows or old-Mac line endings) and
refuses, with the file, line and a fix, what would silently corrupt a lesson
(another encoding, a binary file, an empty file).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "story.txt"
>>> _ = path.write_bytes("\\ufeffHeadline\\r\\n\\r\\nFirst paragraph.\\r\\n".encode("utf-8"))
>>> read_article(path)
'Headline\\n\\nFirst paragraph.\\n'
>>> _ = path.write_bytes("Caf\\xe9 owners protest".encode("latin-1"))
>>> read_article(path)
Traceback (most recent call last):
...
newslab.errors.ArticleError: ...story.txt, line 1: byte 0xe9 at column 4 is not UTF-8 (it looks like Latin-1 or Windows-1252) (hint: ...)
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from .errors import ArticleError

__all__ = ["read_article", "decode_article"]

# C0 controls and DEL, except tab, newline, vertical tab and form feed (which
# some word processors leave in pasted text and which do no harm).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SAVE_AS_UTF8 = "open it in a text editor and save it again as 'UTF-8' (Save As → Encoding)"
_FORMAT_HINT = "paste the article as plain text: the headline on the first line, then paragraphs separated by blank lines"


def read_article(path: str | PathLike) -> str:
    """Read an article file and return its text with ``\\n`` line endings.

    Parameters
    ----------
    path : str or path-like
        A UTF-8 text file.  A byte-order mark is dropped; ``\\r\\n`` and ``\\r``
        become ``\\n``.  Nothing else is changed, so character offsets into the
        returned text are stable.

    Returns
    -------
    str

    Raises
    ------
    ArticleError
        If the file is missing, a folder, empty, whitespace only, binary, or not
        UTF-8.  The message names the file, the line where it applies, and a fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> empty = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
    >>> _ = empty.write_text("  \\n\\t\\n")
    >>> read_article(empty)
    Traceback (most recent call last):
    ...
    newslab.errors.ArticleError: ...empty.txt: the file holds only whitespace, no article text (hint: ...)
    """
    p = Path(path)
    if p.is_dir():
        raise ArticleError(p, "this is a folder, not an article file", hint="give the path of a .txt file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ArticleError(p, "no such file", hint="check the path; it is relative to the folder you run from") from None
    except PermissionError:
        raise ArticleError(p, "the file cannot be read (permission denied)", hint="check the file's permissions") from None
    return decode_article(data, p)


def decode_article(data: bytes, path: str | PathLike = "<article>") -> str:
    """Decode the bytes of an article file (see :func:`read_article`).

    Parameters
    ----------
    data : bytes
        The file's contents.
    path : str or path-like
        Used only in error messages.

    Returns
    -------
    str

    Examples
    --------
    >>> decode_article(b"Title\\rBody")
    'Title\\nBody'
    >>> decode_article(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "photo.txt")
    Traceback (most recent call last):
    ...
    newslab.errors.ArticleError: photo.txt: this looks like a binary file (an image, PDF or word-processor document), not plain text (hint: ...)
    """
    if not data:
        raise ArticleError(path, "the file is empty", hint=_FORMAT_HINT)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "the file is UTF-16, not UTF-8", hint=_SAVE_AS_UTF8)
    if b"\x00" in data[:65536] or data[:5] == b"%PDF-" or data[:2] == b"PK":
        raise ArticleError(
            path,
            "this looks like a binary file (an image, PDF or word-processor document), not plain text",
            hint="copy the article's text into a plain .txt file",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start]
        guess = " (it looks like Latin-1 or Windows-1252)" if 0x80 <= bad <= 0xFF else ""
        raise ArticleError(
            path,
            f"byte 0x{bad:02x} at column {column} is not UTF-8{guess}",
            line=line,
            hint=_SAVE_AS_UTF8,
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(path, "the file holds only whitespace, no article text", hint=_FORMAT_HINT)
    bad = _CONTROL.search(text)
    if bad is not None:
        raise ArticleError(
            path,
            f"control character U+{ord(bad.group()):04X} in the text",
            line=text.count("\n", 0, bad.start()) + 1,
            hint="remove it; copy the article again as plain text",
        )
    return text
