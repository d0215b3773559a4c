"""The committed notebooks carry the widget ids `make outputs` gives them (scripts/stable_outputs.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

_spec = importlib.util.spec_from_file_location("stable_outputs", ROOT / "scripts" / "stable_outputs.py")
stable_outputs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(stable_outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_widget_ids_are_the_stable_ones(path):
    nb = nbformat.read(path, as_version=4)
    assert stable_outputs.stabilise(nb, path.name) == 0, (
        f"{path.name}: a widget output has a random model_id: run `make outputs` (not nbconvert alone)")


def test_an_unreadable_notebook_is_named_and_left_alone(tmp_path, capsys):
    bad = tmp_path / "99-broken.ipynb"
    bad.write_text("{ not json", encoding="utf-8")
    assert stable_outputs.main([str(bad)]) == 2
    assert "99-broken.ipynb: not a readable notebook" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == "{ not json"
