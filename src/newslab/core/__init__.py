"""The text core and the plumbing every layer shares, with the standard library only.

Reading an article file (:mod:`.article`), splitting it into paragraphs and
sentences (:mod:`.text`), finding quotations (:mod:`.quotes`), the errors
(:mod:`.errors`), TOML with line numbers (:mod:`.tomlfile`), whole-or-nothing
saves (:mod:`.files`), the command-line table formats (:mod:`.formats`) and the
HTML sanitizer (:mod:`.sanitize`).  Nothing here imports another layer of
newslab, pandas or matplotlib.
"""

import importlib


def submodule(package: str, name: str):
    """``package.name`` imported on first use, for dotted access such as
    ``newslab.extract.numbers.extract(text)`` (PEP 562); AttributeError if there is none.

    Examples
    --------
    >>> submodule("newslab.core", "text").__name__
    'newslab.core.text'
    """
    if name.isidentifier() and not name.startswith("_"):
        try:
            return importlib.import_module(f".{name}", package)
        except ModuleNotFoundError as exc:
            if exc.name != f"{package}.{name}":
                raise
    raise AttributeError(f"module {package!r} has no attribute {name!r}")


def __getattr__(name: str):
    # ``newslab.core.text`` etc. work without a separate import (PEP 562).
    return submodule(__name__, name)
