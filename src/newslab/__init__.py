"""newslab: Jupyter lessons that teach how to check a news story.

The notebooks import what they need from here::

    import newslab
    case = newslab.use_case("iran-taliban-2021")    # the notebook's article and its tables
    newslab.check("00-weekday", "Saturday")           # a self-check, judged against that case
    other = newslab.load_case("irish-border-2023")    # another case, for comparison

The package is layered; each layer imports only the layers listed before it
(``tests/test_layers.py`` holds it to that with import-linter):

* :mod:`newslab.core` -- reading and splitting an article, quotes, errors, files, TOML, table formats;
* :mod:`newslab.geo` -- border data and geodesic lengths;
* :mod:`newslab.extract` -- the extractors (structure, dates, numbers, voices, places): functions of text;
* :mod:`newslab.case` -- a case: its tables, the loader, self-checks, claims, stance codings, the shelf;
* :mod:`newslab.notebook` -- what a lesson shows: articles, forms, figures and charts;
* :mod:`newslab.tools` -- the ``newslab`` command and the builds (student copies, the site, new cases, briefs).

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
>>> newslab.numbers is newslab.extract.numbers   # a module by its short name (see MODULES)
True
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from typing import TYPE_CHECKING

from .core import submodule as _submodule
from .core.errors import ArticleError, CaseError, CheckError, NewslabError

__version__ = "0.1.0"

# name -> module that defines it; imported on first use (PEP 562).
_LAZY = {
    "load_case": "case.loader",
    "Case": "case.loader",
    "available_cases": "case.loader",
    "DEFAULT_CASE": "case.loader",
    "default_case": "case.loader",
    "check": "case.checks",
    "use_case": "case.checks",
    "grade": "case.checks",
    "read_article": "core.article",
    "split_article": "core.text",
    "show_article": "notebook.show",
    "check_widget": "notebook.widgets",
}

#: Every module's short name (its name when newslab was one flat folder) -> where it
#: lives now, below ``newslab``.  The short names keep working, as the same module
#: objects: ``newslab.numbers.extract(...)`` and ``from newslab import voices`` (through
#: ``__getattr__``), and ``import newslab.plots.voices`` or ``from newslab.numbers
#: import extract`` (through :class:`_ShortNames`, a finder that hands the import
#: system the module at its new home).  The lessons name ``newslab.plots.voices`` and
#: the like to students; new code inside the package imports the real paths.
#: tests/test_api.py checks the table against the tree.  ``case`` and ``geo`` are
#: subpackages under their old names (``newslab.case`` re-exports the loader); the
#: benchmark harness, once ``newslab.bench``, is ``benchmarks/bench.py``.
MODULES = {
    # core: the text core and shared plumbing
    "errors": "core.errors",
    "article": "core.article",
    "text": "core.text",
    "quotes": "core.quotes",
    "tomlfile": "core.tomlfile",
    "files": "core.files",
    "formats": "core.formats",
    "sanitize": "core.sanitize",
    # geo: border data and lengths
    "geo": "geo",
    # extract: the extractors
    "structure": "extract.structure",
    "dates": "extract.dates",
    "numbers": "extract.numbers",
    "voices": "extract.voices",
    "places": "extract.places",
    # case: a case and what is judged against it
    "case": "case",
    "schema": "case.schema",
    "checks": "case.checks",
    "claims": "case.claims",
    "stance": "case.stance",
    "shelf": "case.shelf",
    "progress": "case.progress",
    # notebook: the front end
    "show": "notebook.show",
    "widgets": "notebook.widgets",
    "figures": "notebook.figures",
    "plots": "notebook.plots",
    # tools: the command and the builds
    "cli": "tools.cli",
    "build": "tools.build",
    "site": "tools.site",
    "newcase": "tools.newcase",
    "brief": "tools.brief",
}

__all__ = ["ArticleError", "CaseError", "CheckError", "NewslabError", "__version__", "MODULES", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from .case.checks import check, grade, use_case
    from .case.loader import DEFAULT_CASE, Case, available_cases, default_case, load_case
    from .core.article import read_article
    from .core.text import split_article
    from .notebook.show import show_article
    from .notebook.widgets import check_widget


class _ShortNames:  # a meta path finder and its loader (importlib.abc's protocols)
    """Finds ``newslab.<short name>[.sub]`` (a key of :data:`MODULES`) at its new home.

    The import system gets the very module object imported under its real name, so
    ``import newslab.numbers`` and ``import newslab.extract.numbers`` give one module
    (no second copy, no shim file at the old path).  ``python -m`` needs the real path.
    """

    def find_spec(self, fullname, path=None, target=None):
        package, _, rest = fullname.partition(".")
        head, dot, tail = rest.partition(".")
        if package != __name__ or MODULES.get(head, head) == head:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, origin=f"{__name__}.{MODULES[head]}{dot}{tail}")

    def create_module(self, spec):
        module = importlib.import_module(spec.origin)
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module):
        # Already run under its real name; the import system has just set its
        # __spec__ to the short name's: give it back its own.
        module.__spec__ = module.__spec__.loader_state


# First on the path: otherwise ``newslab.plots.voices`` would be found as a file through
# ``newslab.plots.__path__`` and run a second time under the short name.
if not any(isinstance(finder, _ShortNames) for finder in sys.meta_path):
    sys.meta_path.insert(0, _ShortNames())


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in MODULES:
        return module(name)
    return _submodule(__name__, name)


def module(name: str):
    """The newslab module with this short name (a key of :data:`MODULES`) or dotted path below ``newslab``.

    Examples
    --------
    >>> module("numbers").__name__
    'newslab.extract.numbers'
    >>> module("notebook.plots.border").__name__
    'newslab.notebook.plots.border'
    """
    head, dot, rest = name.partition(".")
    path = MODULES.get(head, head) + dot + rest if head in MODULES else name
    return importlib.import_module(f"{__name__}.{path}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | set(MODULES))
