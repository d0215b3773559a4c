"""Where the derived data lives (``data/`` of the checkout, or ``$NEWSLAB_DATA``).

A module of its own so that :mod:`newslab.geo` and the world file reader
:mod:`newslab.geo.atlas` both find the data without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder with the derived data: ``$NEWSLAB_DATA`` if set, else ``data/`` of the source checkout.

    Examples
    --------
    >>> (data_dir() / "SHA256SUMS").is_file()
    True
    """
    env = os.environ.get("NEWSLAB_DATA", "").strip()
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (Path(__file__).resolve().parents[3], here, *here.parents):
        if (folder / "data" / "SHA256SUMS").is_file():
            return folder / "data"
    return Path(__file__).resolve().parents[3] / "data"
