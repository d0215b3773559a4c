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


class SharedKernel:
    """One kernel for many notebook runs: pandas, matplotlib and newslab are imported once.

    Each :meth:`run` starts like a fresh Run All as far as the notebook can
    tell: the namespace is emptied (``%reset -f``), figures closed, the case
    variables set in the kernel's environment and the working folder set to
    the notebook's folder.  Modules stay imported, which is what saves the
    time (most of a notebook's run in a fresh kernel is importing them).

    Use as a context manager; the kernel is shut down at the end.
    """

    def __init__(self, cwd: Path):
        self.cwd = Path(cwd)
        self.km = None

    def __enter__(self) -> "SharedKernel":
        from jupyter_client import KernelManager

        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(cwd=str(self.cwd))
        return self

    def __exit__(self, *exc) -> None:
        self.km.shutdown_kernel(now=True)

    def run(self, nb_path: Path, env: dict[str, str], timeout: int = 180) -> nbformat.NotebookNode:
        """Run ``nb_path`` (outputs cleared) with ``env`` set in the kernel; every cell runs even after an error."""
        from nbclient import NotebookClient
        from nbformat.v4 import new_code_cell

        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        setup = ["%reset -f", "import os, sys", f"os.chdir({str(nb_path.parent)!r})",
                 "import matplotlib.pyplot as _plt; _plt.close('all'); del _plt",
                 *(f"os.environ[{k!r}] = {v!r}" for k, v in env.items()),
                 "import newslab.case.checks as _checks; _checks._state['case'] = None; _checks._state['attempts'].clear(); del _checks",
                 "del os, sys"]
        nb.cells.insert(0, new_code_cell("\n".join(setup)))
        client = NotebookClient(nb, km=self.km, timeout=timeout, allow_errors=True)
        client.execute()
        client.kc.stop_channels()
        del nb.cells[0]
        return nb
