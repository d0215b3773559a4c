"""Write files for users safely: whole or not at all, never over someone's work by accident.

Every file newslab writes for a teacher or student (a coding, a brief, a new
case, the site) goes through here, so that they all behave the same way:

* **Whole or not at all.**  The bytes go to a temporary file in the same
  folder, which is then renamed over the target.  A full disk, a read-only
  disk or a crash half-way leaves the old file exactly as it was.
* **Create means create.**  ``overwrite=False`` claims the name atomically
  (a hard link, or ``O_EXCL`` where links do not work): of two saves at the
  same moment, one wins and the other is refused, never silently replaced.
* **Ordinary permissions.**  New files get ``0666`` and new folders ``0777``
  less the user's umask (``0644``/``0755`` usually), as any editor would make
  them; temporary files and folders (private while being written) are given
  those permissions before they appear under their final name.
* **Messages, not tracebacks.**  An operating-system error becomes a
  :class:`~newslab.errors.NewslabError` that names the file and says what is
  wrong (the disk is full, read-only, permission denied, a file is in the way).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = write_file(folder / "a" / "notes.txt", b"first")
>>> path.read_bytes()
b'first'
>>> write_file(path, b"second", overwrite=False)
Traceback (most recent call last):
...
newslab.core.errors.NewslabError: ...notes.txt: already exists; it was not changed
>>> oct(path.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
True
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from os import PathLike
from pathlib import Path
from typing import Iterator

from .errors import NewslabError

__all__ = [
    "current_umask", "file_mode", "folder_mode", "os_error_message", "make_folder", "write_file",
    "private_temp_folder", "publish_folder", "exclusive",
]

_WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would be larger than the size limit set here (`ulimit -f`)",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder is in the way",
    errno.ENAMETOOLONG: "the name is too long for this disk",
    errno.ELOOP: "the path goes round a loop of symbolic links",
    errno.ENOENT: "a folder on the way does not exist (a dangling link?)",
    errno.EEXIST: "something of that name is already there",
    errno.ENOTEMPTY: "a folder of that name is already there and not empty",
    errno.EXDEV: "the temporary file is on another disk",
    errno.EIO: "the disk reported an input/output error",
}


def current_umask() -> int:
    """The process's umask (read without changing it for longer than a moment)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The permissions of an ordinary new file: ``0o666`` less the umask."""
    return 0o666 & ~current_umask()


def folder_mode() -> int:
    """The permissions of an ordinary new folder: ``0o777`` less the umask."""
    return 0o777 & ~current_umask()


def os_error_message(exc: OSError, path: str | PathLike, action: str = "cannot write") -> str:
    """A sentence for an ``OSError``: the file, what failed, and why.

    Examples
    --------
    >>> import errno
    >>> os_error_message(OSError(errno.ENOSPC, "No space left on device"), "work/ana/x.csv")
    'work/ana/x.csv: cannot write: the disk is full (No space left on device)'
    >>> os_error_message(OSError(errno.EFBIG, "File too large"), "work/ana/brief.md")
    'work/ana/brief.md: cannot write: the file would be larger than the size limit set here (`ulimit -f`) (File too large)'
    """
    why = _WHY.get(exc.errno or 0)
    detail = exc.strerror or str(exc)
    text = f"{why} ({detail})" if why else detail
    return f"{path}: {action}: {text}"


def make_folder(folder: str | PathLike) -> Path:
    """Create ``folder`` and its parents (ordinary permissions) or explain why not.

    Raises
    ------
    NewslabError
        A file, a dangling link or a read-only disk is in the way.
    """
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if folder.is_symlink() and not folder.exists():
        raise NewslabError(f"{folder}: is a symbolic link to {os.readlink(folder)}, which does not exist")
    if folder.exists():
        raise NewslabError(f"{folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NewslabError(f"{folder}: cannot make this folder: a file or a dangling link is in the way") from None
    except OSError as exc:
        raise NewslabError(os_error_message(exc, folder, "cannot make this folder")) from None
    return folder


def write_file(path: str | PathLike, data: bytes, overwrite: bool = True, exists_hint: str = "") -> Path:
    """Write ``data`` to ``path`` whole or not at all.

    Parameters
    ----------
    path : path-like
        The file; its folder is made if missing.
    data : bytes
    overwrite : bool, default True
        Replace an existing file (atomically).  With False, a file of that
        name, even one that appears while this one is written, is left alone
        and :class:`NewslabError` says so.
    exists_hint : str
        Added to the message when the file exists and ``overwrite`` is False.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    NewslabError
        The file exists (``overwrite=False``), a folder is in the way, or the
        disk refuses (full, read-only, permission denied); the old file, if
        any, is unchanged.
    """
    path = Path(path)
    make_folder(path.parent)
    if path.is_dir():
        raise NewslabError(f"{path}: a folder of that name is in the way")
    if not overwrite and (path.exists() or path.is_symlink()):
        raise NewslabError(f"{path}: already exists; it was not changed" + (f". {exists_hint}" if exists_hint else ""))
    tmp = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, file_mode())
        if overwrite:
            os.replace(tmp, path)
        else:
            _create_from(tmp, path)
    except FileExistsError:
        raise NewslabError(f"{path}: already exists (another save made it a moment ago); it was not changed"
                           + (f". {exists_hint}" if exists_hint else "")) from None
    except IsADirectoryError:
        raise NewslabError(f"{path}: a folder of that name is in the way") from None
    except OSError as exc:
        raise NewslabError(os_error_message(exc, path) + "; nothing was changed") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return path


def _create_from(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if no file has that name (atomically)."""
    try:
        os.link(tmp, path)  # fails with EEXIST if the name is taken, even in a race
        return
    except FileExistsError:
        raise
    except OSError as exc:  # a file system without hard links
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())  # claim the name
    os.close(fd)
    os.replace(tmp, path)


def private_temp_folder(parent: str | PathLike, prefix: str) -> Path:
    """A new empty folder in ``parent`` (made if missing) for building something before it is published."""
    parent = make_folder(parent)
    try:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        raise NewslabError(os_error_message(exc, parent, "cannot write in this folder")) from None


def publish_folder(tmp: Path) -> None:
    """Give a folder made by :func:`private_temp_folder`, and all in it, ordinary permissions."""
    fmode, dmode = file_mode(), folder_mode()
    for root, dirs, files in os.walk(tmp):
        os.chmod(root, dmode)
        for name in files:
            os.chmod(os.path.join(root, name), fmode)


@contextlib.contextmanager
def exclusive(lock: str | PathLike, what: str) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` while the block runs; refuse if another holds it.

    The lock is released when the process ends, even if it crashes, so a
    killed kernel never leaves a save blocked.  (On systems without
    ``fcntl``, such as Windows, there is no lock.)

    Raises
    ------
    NewslabError
        If another process (another student's kernel, a second click) holds
        the lock: ``what`` says what is being saved.
    """
    try:
        import fcntl  # POSIX only: on Windows there is no lock to take (below)
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock = Path(lock)
    make_folder(lock.parent)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, file_mode())
    except OSError as exc:
        raise NewslabError(os_error_message(exc, lock, "cannot lock")) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NewslabError(f"{what}: another save of the same file is under way; "
                               "nothing was changed (wait a moment and try again)") from None
        yield
    finally:
        os.close(fd)
