"""The lessons' charts, one module per lesson (``plots.reading``, ``plots.numbers``, ...).

Each function takes case tables or extractor output and returns a
:class:`~newslab.figures.ShownFigure` made with :func:`newslab.figures.show_figure`,
so every chart has alt text, a caption, a source line and the Okabe–Ito palette.
Only this package and :mod:`newslab.figures` import matplotlib; the extractors
(:mod:`newslab.text`, ``numbers``, ``voices``, ``places``, ``geo``) never do.
"""

from ...core import submodule as _submodule


def __getattr__(name: str):
    # ``newslab.plots.border`` etc. work without a separate import (PEP 562).
    return _submodule(__name__, name)
