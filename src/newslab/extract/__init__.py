"""The extractors: pure functions of an article's text.

:mod:`.structure` (lede, nut graph, kicker, dateline), :mod:`.dates` (relative
dates resolved), :mod:`.numbers` (every number with its unit), :mod:`.voices`
(who is quoted, with which verb) and :mod:`.places` (place names against an
offline gazetteer) each take text or a split article and return rows.  They
know nothing of cases, notebooks or the command line; they import only
:mod:`newslab.core` and :mod:`newslab.geo`.
"""

from ..core import submodule as _submodule


def __getattr__(name: str):
    # ``newslab.extract.<module>`` works without a separate import (PEP 562).
    return _submodule(__name__, name)
