"""The notebook front end: what a lesson shows.

:mod:`.show` (the article with its parts marked), :mod:`.widgets` (self-check
forms), :mod:`.figures` (accessible matplotlib figures) and :mod:`.plots` (one
module of charts per lesson).  Only this layer imports matplotlib and
ipywidgets, and only when a chart or form is first made.
"""

from ..core import submodule as _submodule


def __getattr__(name: str):
    # ``newslab.notebook.<module>`` works without a separate import (PEP 562).
    return _submodule(__name__, name)
