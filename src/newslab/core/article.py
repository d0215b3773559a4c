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
newslab.core.errors.ArticleError: ...story.txt, line 1: byte 0xe9 at column 4 is not UTF-8 (it looks like Latin-1 or Windows-1252) (hint: ...)
"""

from __future__ import annotations

import os
import re
import stat
from os import PathLike
from pathlib import Path

from .errors import ArticleError

__all__ = ["read_article", "decode_article", "MAX_BYTES"]

#: The largest article file newslab reads (20 MB: a long article is well under 1 MB).
MAX_BYTES = 20 * 10**6

# What a binary file starts with (a text file never does: each has a byte that
# is not printable text, or, for PDF, a version number right after the tag).
_BINARY_MAGIC = re.compile(
    rb"\A(?:PK\x03\x04|PK\x05\x06|PK\x07\x08|%PDF-\d\.\d|\x89PNG|\xff\xd8\xff|"
    rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1|\x1f\x8b|7z\xbc\xaf|Rar!\x1a)"
)

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
        If the file is missing, a folder, not a regular file (a device such
        as ``/dev/zero``, a pipe: these are refused without reading from
        them), larger than :data:`MAX_BYTES`, empty, whitespace only, binary
        (judged by its content: a NUL byte, or the signature of a ZIP, PDF,
        image or Office file), or not UTF-8.  The message names the file, the
        line where it applies, and a fix.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> empty = pathlib.Path(tempfile.mkdtemp()) / "empty.txt"
    >>> _ = empty.write_text("  \\n\\t\\n")
    >>> read_article(empty)
    Traceback (most recent call last):
    ...
    newslab.core.errors.ArticleError: ...empty.txt: the file holds only whitespace, no article text (hint: ...)
    """
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ArticleError(p, "no such file", hint="check the path; it is relative to the folder you run from") from None
    except IsADirectoryError:
        raise ArticleError(p, "this is a folder, not an article file", hint="give the path of a .txt file") from None
    except PermissionError:
        if p.is_dir():
            raise ArticleError(p, "this is a folder, not an article file", hint="give the path of a .txt file") from None
        raise ArticleError(p, "the file cannot be read (permission denied)", hint="check the file's permissions") from None
    except OSError as exc:
        raise ArticleError(p, f"the file cannot be opened ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError(p, "this is a folder, not an article file", hint="give the path of a .txt file")
        if not stat.S_ISREG(info.st_mode):
            raise ArticleError(p, f"this is {_kind(info.st_mode)}, not a regular file",
                               hint="save the article as a .txt file and give its path")
        if info.st_size > MAX_BYTES:
            raise ArticleError(p, f"the file is {info.st_size / 1e6:.1f} MB, more than the {MAX_BYTES // 10**6} MB "
                               "an article may have", hint="an article is text of a few pages; is this the right file?")
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ArticleError(p, f"the file cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > MAX_BYTES:  # it grew while being read
        raise ArticleError(p, f"the file is more than the {MAX_BYTES // 10**6} MB an article may have")
    return decode_article(b"".join(chunks), p)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


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
    newslab.core.errors.ArticleError: photo.txt: this looks like a binary file (an image, PDF or word-processor document), not plain text (hint: ...)
    """
    if not data:
        raise ArticleError(path, "the file is empty", hint=_FORMAT_HINT)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "the file is UTF-16, not UTF-8", hint=_SAVE_AS_UTF8)
    if b"\x00" in data[:65536] or _BINARY_MAGIC.match(data):
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
