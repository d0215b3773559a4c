"""Every lesson notebook has a MyST Markdown twin that says the same thing.

An instructor edits a lesson as text (notebooks/md/NN-slug.md) and reviews it in
a pull request; `make sync` (jupytext --sync) carries the change into the
notebook.  These tests fail when a pair disagrees, so a change made on one side
only cannot be committed unnoticed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config
from jupytext.paired_paths import paired_paths

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
MD_DIR = ROOT / "notebooks" / "md"


def cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    """What a pair must agree on: each cell's type, source and tags."""
    return [(c.cell_type, c.source.strip("\n"), tuple(c.get("metadata", {}).get("tags", ()))) for c in nb.cells]


def test_config_pairs_notebooks_with_myst_markdown_in_notebooks_md():
    config = load_jupytext_config(str(ROOT))
    assert config is not None, "jupytext.toml is missing at the repository root"
    rel = "notebooks/00-start-here.ipynb"
    formats = config.default_formats(rel)
    assert formats, "jupytext.toml does not pair the notebooks"
    paths = [p for p, _ in paired_paths(rel, "ipynb", formats)]
    assert paths == ["notebooks/00-start-here.ipynb", "notebooks/md/00-start-here.md"]
    # The guides and the built copies are not paired (nothing writes twins beside them).
    assert config.default_formats("lessons/00-start-here.md") is None
    assert config.default_formats("build/student/00-start-here.ipynb") is None


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_a_twin_with_the_same_cells(nb_path):
    twin = MD_DIR / (nb_path.stem + ".md")
    assert twin.is_file(), f"{nb_path.name} has no text twin notebooks/md/{twin.name}: run `make sync`"
    text = twin.read_text(encoding="utf-8")
    assert re.search(r"^\s*format_name: myst$", text, re.M), f"{twin.name} is not MyST Markdown"
    notebook = nbformat.read(nb_path, as_version=4)
    paired = jupytext.reads(text, fmt="md:myst")
    mine, theirs = cells(notebook), cells(paired)
    for i, (a, b) in enumerate(zip(mine, theirs), start=1):
        assert a == b, (f"{nb_path.name} and {twin.name} differ at cell {i}:\n"
                        f"notebook: {a}\ntext:     {b}\nRun `make sync` (the newer file wins), then `make outputs`.")
    assert len(mine) == len(theirs), (f"{nb_path.name} has {len(mine)} cells, {twin.name} {len(theirs)}: "
                                      "run `make sync`")


def test_no_twin_without_a_notebook():
    stems = {p.stem for p in NOTEBOOKS}
    for twin in MD_DIR.glob("*.md"):
        assert twin.stem in stems, f"notebooks/md/{twin.name} has no notebooks/{twin.stem}.ipynb (renamed or removed?)"


def test_the_comparison_sees_a_change(tmp_path):
    """Editing the text side without syncing is caught (so the test above can fail)."""
    nb_path = ROOT / "notebooks" / "00-start-here.ipynb"
    text = (MD_DIR / "00-start-here.md").read_text(encoding="utf-8")
    edited = text.replace("# Start here", "# Begin here", 1)
    assert edited != text
    assert cells(jupytext.reads(edited, fmt="md:myst")) != cells(nbformat.read(nb_path, as_version=4))


def test_make_sync_runs_jupytext_sync_on_the_lesson_notebooks():
    out = subprocess.run(["make", "-n", "sync"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.search(r"jupytext --sync notebooks/\[0-9\]\[0-9\]-\*\.ipynb", out), out


def test_sync_writes_the_twin_and_leaves_the_notebook_alone(tmp_path):
    """jupytext --sync with the repository's config, on a copy: the twin appears and matches."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "jupytext.toml").write_bytes((ROOT / "jupytext.toml").read_bytes())
    source = ROOT / "notebooks" / "00-start-here.ipynb"
    copy = tmp_path / "notebooks" / source.name
    copy.write_bytes(source.read_bytes())
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", f"notebooks/{source.name}"], cwd=tmp_path, check=True, capture_output=True)
    assert copy.read_bytes() == source.read_bytes()
    twin = tmp_path / "notebooks" / "md" / (source.stem + ".md")
    assert cells(jupytext.read(twin)) == cells(nbformat.read(source, as_version=4))
