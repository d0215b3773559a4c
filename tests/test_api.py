"""The public API and the short module names survive the layered layout (issue 17).

newslab used to be one flat folder of modules; notebooks, scripts and other
people's code name them as ``newslab.numbers``, ``from newslab import voices``
or ``import newslab.plots.voices``.  ``newslab.MODULES`` maps each of those
names to the module's home in a layer; these tests hold the table to the tree.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import newslab

SRC = Path(newslab.__file__).parent

#: Every module of the flat layout (src/newslab/*.py and the plots package), by name.
FLAT_NAMES = {
    "article", "brief", "build", "case", "checks", "claims", "cli", "dates", "errors", "figures",
    "files", "formats", "geo", "newcase", "numbers", "places", "progress", "quotes", "sanitize",
    "schema", "shelf", "show", "site", "stance", "structure", "text", "tomlfile", "voices",
    "widgets", "plots",
}

PUBLIC = ["load_case", "use_case", "check", "grade", "show_article", "check_widget", "read_article",
          "split_article", "Case", "available_cases", "default_case", "DEFAULT_CASE",
          "NewslabError", "ArticleError", "CaseError", "CheckError", "__version__"]


def test_every_flat_module_name_has_a_home_in_the_table():
    assert set(newslab.MODULES) == FLAT_NAMES


def test_the_table_names_every_module_of_the_tree_once():
    real = {".".join(p.relative_to(SRC).with_suffix("").parts[:-1] if p.name == "__init__.py"
                     else p.relative_to(SRC).with_suffix("").parts) for p in SRC.rglob("*.py")}
    layers = {"", "core", "geo", "extract", "case", "notebook", "tools"}
    plots = {m for m in real if m.startswith("notebook.plots.")}
    # Each module is in the table, a layer package, a plot module (under plots), or new in a layer.
    homes = set(newslab.MODULES.values())
    assert homes <= real, homes - real
    new_since = real - homes - layers - plots
    assert all(m.split(".")[0] in layers for m in new_since), new_since


@pytest.mark.parametrize("short", sorted(FLAT_NAMES))
def test_a_short_name_is_the_module_at_its_new_home(short):
    real = importlib.import_module(f"newslab.{newslab.MODULES[short]}")
    assert getattr(newslab, short) is real
    assert importlib.import_module(f"newslab.{short}") is real  # `import newslab.numbers` too
    assert real.__name__ == f"newslab.{newslab.MODULES[short]}"  # under its own name, not a copy


def test_dotted_short_names_and_from_imports_reach_the_same_objects():
    import newslab.notebook.plots.voices as real
    import newslab.plots.voices as short

    from newslab.numbers import extract
    from newslab import voices

    assert short is real
    assert newslab.plots.border is importlib.import_module("newslab.notebook.plots.border")
    assert extract is newslab.extract.numbers.extract
    assert voices is newslab.extract.voices
    assert newslab.case.load_case is newslab.load_case  # `from newslab.case import load_case` as before


def test_a_name_that_is_no_module_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        newslab.nonesuch  # noqa: B018
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("newslab.nonesuch")


@pytest.mark.parametrize("name", PUBLIC)
def test_the_public_api_is_unchanged(name):
    assert hasattr(newslab, name)
    assert name in dir(newslab)


def test_the_public_functions_come_from_their_layers():
    assert newslab.load_case.__module__ == "newslab.case.loader"
    assert newslab.check.__module__ == "newslab.case.checks"
    assert newslab.show_article.__module__ == "newslab.notebook.show"
    assert newslab.split_article.__module__ == "newslab.core.text"


def test_each_layer_has_a_docstring_of_its_own():
    for layer in ("core", "geo", "extract", "case", "notebook", "tools"):
        doc = importlib.import_module(f"newslab.{layer}").__doc__
        assert doc and len(doc.split()) > 20, layer


def test_import_newslab_loads_no_layer_but_the_errors():
    code = ("import sys, newslab; print(' '.join(sorted(m for m in sys.modules if m == 'newslab' or m.startswith('newslab.')))); "
            "print(' '.join(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'pyproj') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].split() == ["newslab", "newslab.core", "newslab.core.errors"]
    assert out[1:] == [""] or out[1:] == []


def test_the_readme_draws_every_layer_of_the_tree():
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    layers = sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())
    assert layers == ["case", "core", "extract", "geo", "notebook", "tools"]
    for layer in layers:
        assert f"\n  {layer + '/':<13}" in readme, f"README's For developers tree lacks {layer}/"


def test_loading_a_case_compiles_no_extractor_a_lesson_may_not_use():
    # A lesson's first cell loads the case; the voices and structure extractors (about 40 ms of
    # regular expressions) wait for the first question or cell that uses them.
    code = ("import sys, newslab; newslab.load_case('iran-taliban-2021'); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('newslab.extract.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "newslab.extract.voices" not in out and "newslab.extract.structure" not in out, out
