"""The tools: the ``newslab`` command and what builds files.

:mod:`.cli` is the command's entry point; each command group has a module of
its own (:mod:`.cmd_numbers` holds ``numbers`` and ``claims``, ...), found by
name from a table so that ``newslab --help`` stays quick.  :mod:`.build` writes the student and
instructor notebooks, :mod:`.site` the static sites, :mod:`.newcase` a new case
folder, :mod:`.brief` a student's fact-check brief.  Nothing below imports
this layer.
"""

from ..core import submodule as _submodule


def __getattr__(name: str):
    # ``newslab.tools.<module>`` works without a separate import (PEP 562).
    return _submodule(__name__, name)
