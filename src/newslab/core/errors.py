"""The error types newslab raises for bad input.

Every error a teacher or student can cause by giving newslab a bad file is a
:class:`NewslabError`.  It names the file, the line where there is one, what is
wrong and, where we know it, how to fix it.  Anything else escaping from
newslab is a bug in newslab.

Examples
--------
>>> err = CaseError([Problem("cases/demo/places.csv", 4, "lat 95.0 is not between -90 and 90")])
>>> print(err)
cases/demo/places.csv, line 4: lat 95.0 is not between -90 and 90
>>> err.problems[0].line
4
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

__all__ = ["NewslabError", "ArticleError", "CaseError", "CheckError", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file.

    Parameters
    ----------
    path : str
        The file, as the user would type it (relative where possible).
    line : int or None
        1-based line number in that file, or None when the problem is about the
        whole file.
    message : str
        What is wrong, in a sentence a student can act on.
    hint : str, optional
        How to fix it.

    Examples
    --------
    >>> str(Problem("a.csv", 3, "value 'x' is not a number"))
    "a.csv, line 3: value 'x' is not a number"
    >>> str(Problem("a.txt", None, "the file is empty", hint="paste the article into it"))
    'a.txt: the file is empty (hint: paste the article into it)'
    """

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class NewslabError(Exception):
    """Base class: bad input that newslab explains instead of crashing on.

    In a notebook (IPython) the error shows as its message alone, not as a
    traceback through newslab's own code, which says nothing a student can
    act on: the message names the file and what to do.

    Examples
    --------
    >>> NewslabError("work/ana/x.csv: cannot write: the disk is full")._render_traceback_()
    ['NewslabError: work/ana/x.csv: cannot write: the disk is full']
    """

    def _render_traceback_(self) -> list[str]:
        """What IPython shows in place of the traceback (the hook it looks for on an exception)."""
        return [f"{type(self).__name__}: {self}"]


class ArticleError(NewslabError, ValueError):
    """An article file that cannot be read as text.

    Parameters
    ----------
    path : str or PathLike
        The article file.
    message : str
        What is wrong.
    line : int, optional
        The 1-based line where the problem is, if it has one.
    hint : str, optional
        How to fix it.
    """

    def __init__(self, path: str | PathLike, message: str, line: int | None = None, hint: str = ""):
        self.problem = Problem(str(path), line, message, hint)
        self.path, self.line, self.hint = str(path), line, hint
        super().__init__(str(self.problem))


class CaseError(NewslabError, ValueError):
    """A case folder whose files do not follow the case format.

    Holds every problem found, not just the first, so that one run of
    ``newslab check-case`` shows everything there is to fix.

    Parameters
    ----------
    problems : list of Problem
        At least one problem.
    """

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("CaseError needs at least one problem")
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        if len(lines) > 1:
            head = f"{len(lines)} problems in the case:"
            super().__init__("\n".join([head, *("  - " + line for line in lines)]))
        else:
            super().__init__(lines[0])


class CheckError(NewslabError, KeyError):
    """A self-check that does not exist, or an answer key that is broken."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0]) if self.args else ""
