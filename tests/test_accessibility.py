"""Widgets are labelled: every input a student can reach has a name a screen reader announces.

Every public function in src/newslab that builds ipywidgets is called (with
the default case where it takes one, or through FACTORIES below) and every
widget it creates is inspected: an input (a text box, slider, dropdown,
radio buttons, check box, button ...) needs a non-empty ``description`` (shown
as its <label>, or a button's text) or a ``tooltip``; a placeholder is not a
label.  The browser tests check the same from the page's side, by finding the
forms by their accessible names.

(Headings in order and alt text on every figure are tests/test_teaching_rules.py;
the colour-blind-safe palette is checked here.)
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newslab"

w = pytest.importorskip("ipywidgets")


@pytest.fixture(scope="module")
def case():
    from newslab import load_case
    from newslab.case import DEFAULT_CASE

    return load_case(DEFAULT_CASE)


def _check_widgets(case):
    from newslab.case.checks import questions_for
    from newslab.notebook.widgets import check_widget

    return [check_widget(qid, case) for qid in sorted(questions_for(case))]


#: How to build the widgets of functions that need more than a case: "module.function" -> f(case).
FACTORIES = {
    "newslab.notebook.widgets.check_widget": _check_widgets,
}


def widget_functions() -> list[str]:
    """``module.function`` for every public function in src/newslab whose body imports ipywidgets."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = "newslab." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            imports = [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
            names = [a.name for n in imports for a in n.names] + [n.module or "" for n in imports if isinstance(n, ast.ImportFrom)]
            if any(name == "ipywidgets" or name.startswith("ipywidgets.") for name in names):
                found.append(f"{module}.{node.name}")
    return found


FUNCTIONS = widget_functions()


def build(name: str, case):
    if name in FACTORIES:
        return FACTORIES[name](case)
    module, func_name = name.rsplit(".", 1)
    func = getattr(importlib.import_module(module), func_name)
    required = [p for p in inspect.signature(func).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if not required:
        # a function that can be told the case is told it, so that what an earlier
        # test chose with use_case() cannot change what is built here
        return func(case=case) if "case" in inspect.signature(func).parameters else func()
    if len(required) == 1 and required[0].name == "case":
        return func(case)
    pytest.fail(f"{name} needs arguments this test cannot guess: add it to FACTORIES in {Path(__file__).name}")


def all_widgets(root) -> list:
    """``root`` (a widget or a list of them) and every widget inside it."""
    seen, stack, out = set(), list(root) if isinstance(root, (list, tuple)) else [root], []
    while stack:
        item = stack.pop()
        if not isinstance(item, w.Widget) or id(item) in seen:
            continue
        seen.add(id(item))
        out.append(item)
        for attr in ("children", "layout_children"):
            stack.extend(getattr(item, attr, ()) or ())
    return out


def is_input(widget) -> bool:
    return isinstance(widget, (w.Button, w.ValueWidget)) and not isinstance(
        widget, (w.HTML, w.HTMLMath, w.Label, w.Output, w.Image, w.Valid, w.Play)
    ) and not type(widget).__name__.startswith(("HTML", "Label"))


def label_of(widget) -> str:
    return (getattr(widget, "description", "") or getattr(widget, "tooltip", "") or "").strip()


def test_some_widget_functions_are_found():
    assert "newslab.notebook.widgets.check_widget" in FUNCTIONS


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_input_widget_is_labelled(name, case):
    made = build(name, case)
    widgets = all_widgets(made)
    inputs = [x for x in widgets if is_input(x)]
    assert inputs, f"{name} builds no input widget"
    unlabelled = [f"{type(x).__name__}(placeholder={getattr(x, 'placeholder', '')!r})" for x in inputs if not label_of(x)]
    assert not unlabelled, f"{name}: inputs without a description or tooltip: {unlabelled}"
    for x in inputs:
        if isinstance(x, w.Button) and x.icon and not x.description:
            pytest.fail(f"{name}: an icon-only button needs a description")


def test_check_forms_say_what_they_ask(case):
    """Each form shows its question's prompt above the input (the visible label of the whole form)."""
    from newslab.case.checks import questions_for

    for form, (qid, q) in zip(_check_widgets(case), sorted(questions_for(case).items())):
        texts = " ".join(x.value for x in all_widgets(form) if isinstance(x, w.HTML))
        import html

        assert html.escape(q.prompt) in texts, qid


def test_the_palette_is_the_okabe_ito_palette():
    """Colour-blind-safe colours: the figures draw from Okabe & Ito's eight."""
    from newslab.notebook.figures import PALETTE

    okabe_ito = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
    colours = list(PALETTE.values()) if isinstance(PALETTE, dict) else list(PALETTE)
    assert colours and {c.lower() for c in colours} <= okabe_ito, colours


def test_check_form_sends_the_answer_as_typed():
    """With updates only on blur, a quick click on Check could judge the previous answer."""
    import ipywidgets as w

    from newslab import load_case
    from newslab.notebook.widgets import check_widget

    form = check_widget("00-paragraphs", load_case("iran-taliban-2021"))
    boxes = [c for row in form.children if isinstance(row, w.HBox) for c in row.children if isinstance(c, w.Text)]
    assert boxes and all(b.continuous_update for b in boxes)
