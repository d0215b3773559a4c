"""Start-up hook: with NEWSLAB_OFFLINE=1, block outbound sockets (see newslab_offline.py).

Python imports ``sitecustomize`` from the first folder on ``sys.path`` that has
one, so putting this folder on ``PYTHONPATH`` would hide a ``sitecustomize``
the interpreter already had; that one is run too, after the guard.
"""

import os
import sys

if os.environ.get("NEWSLAB_OFFLINE", "").strip() == "1":
    import newslab_offline

    newslab_offline.install()


def _run_the_hidden_sitecustomize() -> None:
    import importlib.machinery
    import importlib.util

    here = os.path.dirname(os.path.abspath(__file__))
    rest = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
    if spec is None or spec.origin is None or os.path.dirname(os.path.abspath(spec.origin)) == here:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


try:
    _run_the_hidden_sitecustomize()
except Exception as exc:  # never stop the interpreter from starting
    print(f"newslab offline hook: the original sitecustomize failed: {exc!r}", file=sys.stderr)
