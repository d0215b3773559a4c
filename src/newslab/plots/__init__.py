"""The lessons' charts, one module per lesson (``plots.reading``, ``plots.numbers``, ...).

Each function takes case tables or extractor output and returns a
:class:`~newslab.figures.ShownFigure` made with :func:`newslab.figures.show_figure`,
so every chart has alt text, a caption, a source line and the Okabe–Ito palette.
Only this package and :mod:`newslab.figures` import matplotlib; the extractors
(:mod:`newslab.text`, ``numbers``, ``voices``, ``places``, ``geo``) never do.
"""

import importlib as _importlib


def __getattr__(name: str):
    # ``newslab.plots.border`` etc. work without a separate import (PEP 562).
    if name.isidentifier() and not name.startswith("_"):
        try:
            return _importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
