"""A case: an article with its tables, and everything judged against it.

:mod:`.schema` describes the tables, :mod:`.loader` reads and validates a case
folder (``newslab.load_case``; its public names are re-exported here, so
``from newslab.case import load_case`` works), :mod:`.checks` holds the
self-checks, :mod:`.claims` the claims table with computed verdicts,
:mod:`.stance` students' stance codings, :mod:`.shelf` the lateral-reading
shelf and :mod:`.progress` the class log a self-check writes.  It builds on
:mod:`newslab.core`, :mod:`newslab.geo` and :mod:`newslab.extract`, and never
imports the notebook front end or the tools.
"""

from ..core import submodule as _submodule
from .loader import (
    DEFAULT_CASE,
    Case,
    article_roots,
    available_cases,
    default_case,
    find_case_dir,
    load_case,
    validate_case,
)

__all__ = ["Case", "article_roots", "load_case", "find_case_dir", "available_cases", "validate_case", "default_case", "DEFAULT_CASE"]


def __getattr__(name: str):
    # ``newslab.case.<module>`` works without a separate import (PEP 562).
    return _submodule(__name__, name)
