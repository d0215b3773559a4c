"""Run the lesson notebooks on a case in a fresh kernel: shared by the tests that do.

``tests/test_second_case.py`` and ``tests/test_any_case.py`` both execute
notebooks 00-05 with ``NEWSLAB_CASE`` set and then inspect every cell; this
module holds what they share, so that both run the notebooks the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
#: The lesson notebooks, 00-05, in order.
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
#: The question id of a ``newslab.check("NN-id", ...)`` call.
CHECK_CALL = re.compile(r"newslab\.check(?:_widget)?\(\s*[\"']([\w-]+)[\"']")
SOLUTION = "### BEGIN SOLUTION"


def run(nb_path: Path, cwd: Path, timeout: int = 180) -> nbformat.NotebookNode:
    """Execute a notebook (outputs cleared first) in ``cwd`` and return it with its new outputs.

    The case comes from the environment (``NEWSLAB_CASE``, ``NEWSLAB_CASES``,
    ``NEWSLAB_WORK``), which the kernel inherits: set it with ``monkeypatch``.
    Cells that raise do not stop the run (``allow_errors``), so one run reports
    every failing cell.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def run_on_case(nb_path: Path, case_id: str, tmp_path: Path, monkeypatch, cases_dir: Path | None = None):
    """Run a notebook on ``case_id`` (found in ``cases_dir`` if given), students' files in ``tmp_path``.

    Fails the test, naming the first cell, if any cell raised; returns the executed notebook.
    """
    if cases_dir is not None:
        monkeypatch.setenv("NEWSLAB_CASES", str(cases_dir))
    monkeypatch.setenv("NEWSLAB_CASE", case_id)
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path / "work"))
    monkeypatch.delenv("NEWSLAB_SECOND_CASE", raising=False)
    nb = run(nb_path, tmp_path)
    failures = errors(nb, nb_path.name, case_id)
    assert not failures, failures[0]
    return nb


def code_cells(nb) -> list[tuple[int, nbformat.NotebookNode]]:
    """``(number, cell)`` for every code cell, numbered from 1 among all cells as Jupyter shows them."""
    return [(i, c) for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code"]


def errors(nb, name: str, case_id: str) -> list[str]:
    """One message per cell that raised: the cell, its source and the exception."""
    return [f"{name} cell {i} fails on {case_id}:\n{cell.source}\n{out.get('ename')}: {out.get('evalue')}"
            for i, cell in code_cells(nb) for out in cell.outputs if out.output_type == "error"]


def shown_text(cell) -> str | None:
    """The plain text of the last displayed result of a cell (a check's feedback), or None."""
    shown = [o["data"]["text/plain"] for o in cell.outputs if "text/plain" in o.get("data", {})]
    return shown[-1] if shown else None


def loaded_case(nb) -> str | None:
    """The repr of the first case a notebook displayed (``<Case 'id': ...>``), or None."""
    for _, cell in code_cells(nb):
        for out in cell.outputs:
            text = out.get("data", {}).get("text/plain", "")
            if text.startswith("<Case "):
                return text
    return None
