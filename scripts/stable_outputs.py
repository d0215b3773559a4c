"""Give widget outputs stable ids, so that re-running ``make outputs`` changes only what changed.

A notebook executed with ``nbconvert --execute`` stores, for each widget a
cell shows, a view with a random ``model_id`` (a fresh UUID every run).  The
lessons do not store widget state (the widget comes back when the cell is run
again), so the id points at nothing saved: it only makes every ``make
outputs`` rewrite the notebooks, and a teacher reviewing a remix sees changes
that are not there.  This script replaces each such id with one derived from
the notebook's file name, the cell's id and the output's place, and leaves
every other byte as ``nbformat`` writes it.

Usage: ``python scripts/stable_outputs.py NOTEBOOK.ipynb ...`` (``make
outputs`` runs it after executing the notebooks).  A notebook that is not
valid JSON is named with the problem, and nothing is written.

Examples
--------
>>> import nbformat
>>> nb = nbformat.v4.new_notebook()
>>> cell = nbformat.v4.new_code_cell("w", id="abc")
>>> cell.outputs = [nbformat.v4.new_output("display_data", data={
...     "application/vnd.jupyter.widget-view+json": {"model_id": "f00", "version_major": 2, "version_minor": 0},
...     "text/plain": "w"})]
>>> nb.cells = [cell]
>>> stabilise(nb, "00-start-here.ipynb")
1
>>> cell.outputs[0].data["application/vnd.jupyter.widget-view+json"]["model_id"]
'd3c4f1b75729578bb49427e85bfed898'
>>> stabilise(nb, "00-start-here.ipynb")  # already stable: nothing to change
0
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def stable_id(notebook: str, cell_id: str, index: int) -> str:
    """A model id that depends only on where the widget is shown (32 hex digits, as Jupyter writes them)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"newslab:{notebook}:{cell_id}:{index}").hex


def stabilise(nb, name: str) -> int:
    """Replace the widget views' model ids in ``nb`` in place; return how many changed."""
    changed = 0
    for position, cell in enumerate(nb.cells):
        for index, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            new = stable_id(name, cell.get("id") or str(position), index)
            if view.get("model_id") != new:
                view["model_id"] = new
                changed += 1
    return changed


def main(paths: list[str]) -> int:
    import nbformat

    for path in map(Path, paths):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # noqa: BLE001 - any unreadable notebook is reported the same way
            print(f"{path}: not a readable notebook ({exc}); nothing written", file=sys.stderr)
            return 2
        if stabilise(nb, path.name):
            nbformat.write(nb, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
