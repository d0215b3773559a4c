"""newslab: Jupyter lessons that teach how to check a news story.

The notebooks import what they need from here::

    import newslab
    case = newslab.use_case("iran-taliban-2021")    # the notebook's article and its tables
    newslab.check("00-weekday", "Saturday")           # a self-check, judged against that case
    other = newslab.load_case("irish-border-2023")    # another case, for comparison

Importing ``newslab`` is cheap: pandas, matplotlib and ipywidgets are loaded
only when a function that needs them is first used, so the command-line tools
and the text extractors start fast.

Examples
--------
>>> import newslab
>>> newslab.__version__
'0.1.0'
>>> callable(newslab.load_case)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import ArticleError, CaseError, CheckError, NewslabError

__version__ = "0.1.0"

# name -> module that defines it; imported on first use (PEP 562).
_LAZY = {
    "load_case": "case",
    "Case": "case",
    "available_cases": "case",
    "DEFAULT_CASE": "case",
    "default_case": "case",
    "check": "checks",
    "use_case": "checks",
    "grade": "checks",
    "read_article": "article",
    "split_article": "text",
    "show_article": "show",
    "check_widget": "widgets",
}

__all__ = ["ArticleError", "CaseError", "CheckError", "NewslabError", "__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from .article import read_article
    from .case import DEFAULT_CASE, Case, available_cases, default_case, load_case
    from .checks import check, grade, use_case
    from .show import show_article
    from .text import split_article
    from .widgets import check_widget


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    return _submodule(__name__, name)


def _submodule(package: str, name: str):
    """``package.name`` imported on first use, for dotted access such as
    ``newslab.numbers.extract(text)`` (PEP 562); AttributeError if there is none."""
    if name.isidentifier() and not name.startswith("_"):
        try:
            return importlib.import_module(f".{name}", package)
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{name}":
                raise
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
