"""What a student meets in JupyterLab, in a real browser (Playwright + Debian's chromium).

For every notebook in notebooks/ (one test each): open it, Run All from the
menu, and check that no cell shows an error, that every widget renders, that
the self-check feedback the committed notebook shows appears live, and that a
known output is there.  Then answer every self-check form
(``newslab.check_widget``) wrong and right, move every slider and see its
cell's output change (in lesson 03 the border's length in km), and edit the
first exercise cell to a wrong answer and back.  Screenshots go to
build/screenshots/.  Also: the server refuses requests without its token and
listens on loopback only.

The server and browser are set up in labkit.py (one of each per session).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from labkit import browser, lab, lab_root, page, screenshots  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
RUN_ALL_TIMEOUT_S = 240
SANITIZE = [
    (re.compile(r"0x[0-9a-fA-F]{6,16}"), "0xADDRESS"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}"), "TIMESTAMP"),
]
WIDGET_CALL = re.compile(r"""check_widget\(\s*["']([0-9]{2}-[\w-]+)["']""")
CHECK_CALL = re.compile(r"""newslab\.check\(\s*["']([0-9]{2}-[\w-]+)["']\s*,\s*([A-Za-z_]\w*)\s*\)""")
SOLUTION = "### BEGIN SOLUTION"

pytestmark = pytest.mark.notebook

# --------------------------------------------------------------------------- JavaScript run in the page
# JupyterLab is started with expose_app_in_browser so that the tests can *wait*
# on its state (kernel status, execution counts) and read cell outputs exactly;
# every action (menu, typing, clicking, keys) goes through the UI.

JS_PANEL_READY = """(path) => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget;
  if (!w || !w.context || w.context.path !== path || !w.content) return false;
  const k = w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(w.context.isReady && k && k.status === 'idle' && w.content.widgets.length > 0);
}"""

JS_RUN_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  let code = 0, pending = 0, done = 0, errors = 0;
  for (const c of w.content.widgets) {
    if (c.model.type !== 'code') continue;
    code++;
    const outs = c.model.outputs.toJSON();
    if (outs.some(o => o.output_type === 'error')) errors++;
    const p = c.node.querySelector('.jp-InputArea-prompt');
    if (p && p.textContent.includes('*')) pending++;
    else if (c.model.executionCount !== null) done++;
  }
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return {code, pending, done, errors, status: k ? k.status : 'none'};
}"""

JS_OUTPUTS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map(c =>
  c.model.type === 'code' ? c.model.outputs.toJSON() : null)"""


# --------------------------------------------------------------------------- helpers


def committed(nb_path: Path):
    return nbformat.read(nb_path, as_version=4)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _sanitize(text: str) -> str:
    for pattern, repl in SANITIZE:
        text = pattern.sub(repl, text)
    return text


def count_marks(outputs, mark: str) -> int:
    """How many self-check feedbacks with ``mark`` (✓ or ✗) the outputs show."""
    n = 0
    for out in outputs:
        data = out.get("data", {})
        if "text/html" in data:
            n += _text(data["text/html"]).count(mark)
        elif "text/plain" in data:
            n += _text(data["text/plain"]).count(mark)
        elif out.get("output_type") == "stream":
            n += _text(out.get("text")).count(mark)
    return n


def known_output(nb) -> tuple[int, str] | None:
    """A short, deterministic plain-text output of the committed notebook: (cell index, text)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                text = _text(out.get("text")).strip()
            elif out.get("output_type") == "execute_result" and set(out.get("data", {})) == {"text/plain"}:
                text = _text(out["data"]["text/plain"]).strip()
            else:
                continue
            line = text.splitlines()[0].strip() if text else ""
            if 0 < len(line) <= 80 and _sanitize(line) == line:
                return index, line
    return None


def widget_questions(nb) -> list[tuple[int, str]]:
    return [(i, m.group(1)) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for m in [WIDGET_CALL.search(c.source)] if m]


def call_exercises(nb) -> list[tuple[int, str, str]]:
    """Exercise cells that end in ``newslab.check("ID", name)``: (cell index, id, name)."""
    found = []
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and SOLUTION in c.source:
            m = CHECK_CALL.search(c.source)
            if m:
                found.append((i, m.group(1), m.group(2)))
    return found


def _answers(question_id: str):
    """(question, right answer, wrong answer) for the default case."""
    from newslab import load_case
    from newslab.case import DEFAULT_CASE
    from newslab.case.checks import _with_derived_mistakes, expected_answer, question

    case = load_case(DEFAULT_CASE)
    q = question(question_id, case)
    right = expected_answer(q, case)
    wrong = None
    # A known mistake has its own feedback: the best wrong answer (computed for this case if derived).
    for answer, _feedback in _with_derived_mistakes(q, case, right).mistakes:
        if answer is not None:
            wrong = answer
            break
    if wrong is None:
        if q.type == "number":
            wrong = float(right) * 3 + 17
        elif q.type == "date":
            wrong = (dt.date.fromisoformat(str(right)[:10]) + dt.timedelta(days=400)).isoformat()
        elif q.type == "choice":
            wrong = next(c for c in q.choices if str(c).casefold() != str(right).casefold())
        else:
            wrong = "certainly not the answer"
    return q, right, wrong


def as_typed(value) -> str:
    """A value as a student types it into a form."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def as_literal(value) -> str:
    """A value as a student writes it in Python."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return repr(value.isoformat()[:10])
    return repr(value)


def open_notebook(page, lab, rel: str) -> None:
    """Open ``rel`` and wait for its kernel; a dialog instead (a load error) fails with its text."""
    page.goto(lab.url(f"/lab/tree/{rel}") + "&reset")
    page.wait_for_function(
        f"(path) => ({JS_PANEL_READY})(path) || !!document.querySelector('.jp-Dialog')",
        arg=rel, timeout=90_000,
    )
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        pytest.fail(f"JupyterLab shows a dialog instead of {rel}:\n{dialog.first.inner_text()[:1500]}", pytrace=False)


def run_all(page) -> dict:
    page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Done when no prompt shows [*], the kernel is idle, and every code cell ran
    # (or one failed, which stops Run All) -- twice in a row, half a second apart.
    page.wait_for_function(
        f"""() => {{ const s = ({JS_RUN_STATE})();
            const ok = s.pending === 0 && s.status === 'idle' && (s.done === s.code || s.errors > 0);
            window.__newslabQuiet = ok ? (window.__newslabQuiet || 0) + 1 : 0;
            return window.__newslabQuiet >= 2; }}""",
        timeout=RUN_ALL_TIMEOUT_S * 1000,
        polling=500,
    )
    return page.evaluate(JS_RUN_STATE)


def cell(page, index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def shutdown_sessions(lab) -> None:
    """Stop every kernel the test started (the server itself lives on)."""
    try:
        with urllib.request.urlopen(lab.url("/api/sessions"), timeout=10) as r:
            sessions = json.load(r)
        for s in sessions:
            req = urllib.request.Request(lab.url(f"/api/sessions/{s['id']}"), method="DELETE")
            urllib.request.urlopen(req, timeout=30).close()
    except (OSError, ValueError):
        pass


def replace_cell_source(page, index: int, source: str) -> None:
    editor = cell(page, index).locator(".cm-content").first
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)


def run_cell(page, index: int) -> None:
    cell(page, index).locator(".cm-content").first.click()
    page.keyboard.press("Shift+Enter")


def wait_for_mark(page, index: int, mark: str, absent: str | None = None) -> str:
    loc = cell(page, index).locator(".jp-Cell-outputArea")
    page.wait_for_function(
        """([node, mark, absent]) => node && node.innerText.includes(mark) &&
             (!absent || !node.innerText.includes(absent))""",
        arg=[loc.element_handle(), mark, absent],
        timeout=30_000,
    )
    return loc.inner_text()


# --------------------------------------------------------------------------- the server


def test_notebooks_are_there():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00-start-here.ipynb"
    start = committed(NOTEBOOKS[0])
    assert widget_questions(start) and call_exercises(start), "notebook 00 has a form and a check call to try"


@pytest.mark.parametrize("path", ["/api/contents", "/api/kernels", "/api/sessions", "/api/contents/notebooks"])
def test_requests_without_the_token_are_refused(lab, path):
    for url in (lab.url(path, token=False), lab.url(path, token=False) + "?token=" + "0" * 48):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(url, timeout=10)
        assert info.value.code in (401, 403), (url, info.value.code)
    with urllib.request.urlopen(lab.url(path), timeout=10) as r:  # the same request with the token works
        assert r.status == 200


def test_the_lab_page_without_the_token_asks_for_it(page, lab, screenshots):
    page.goto(lab.url("/lab/tree/notebooks/00-start-here.ipynb", token=False))
    page.wait_for_load_state("domcontentloaded")
    assert "/login" in page.url
    assert page.locator("input[type=password]").count() >= 1  # the token (and new-password) fields
    assert page.locator(".jp-Notebook").count() == 0
    page.screenshot(path=str(screenshots / "login-without-token.png"))


def test_the_server_listens_on_loopback_only(lab):
    psutil = pytest.importorskip("psutil")
    listening = [c.laddr for c in psutil.Process(lab.proc.pid).net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert listening, "the server has no listening socket"
    assert all(addr.ip in ("127.0.0.1", "::1") for addr in listening), listening


# --------------------------------------------------------------------------- every notebook


def check_run_all(page, nb, nb_path, state, outputs) -> None:
    """No error, the committed feedback marks, every widget rendered, a known output."""
    assert len(outputs) == len(nb.cells), "the browser shows a different number of cells"
    errors = [(i, o.get("ename"), o.get("evalue")) for i, outs in enumerate(outputs) if outs
              for o in outs if o.get("output_type") == "error"]
    assert not errors, f"{nb_path.name}: cells failed in JupyterLab: {errors}"
    assert state["done"] == state["code"], state

    live = [o for outs in outputs if outs for o in outs]
    for mark in ("✓", "✗"):
        want = count_marks([o for c in nb.cells if c.cell_type == "code" for o in c.outputs], mark)
        assert count_marks(live, mark) == want, f"{nb_path.name}: {want} feedback(s) {mark} expected"

    stderr_live = sum(1 for o in live if o.get("output_type") == "stream" and o.get("name") == "stderr")
    stderr_committed = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                           if o.get("output_type") == "stream" and o.get("name") == "stderr")
    assert stderr_live <= stderr_committed, f"{nb_path.name}: warnings on stderr in JupyterLab"

    # every widget renders (a broken one shows "Error displaying widget")
    for i, outs in enumerate(outputs):
        if outs and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outs):
            node = cell(page, i)
            node.locator(".jupyter-widgets").first.wait_for(state="attached", timeout=20_000)
            text = node.locator(".jp-Cell-outputArea").inner_text()
            assert "Error displaying widget" not in text and "Loading widget" not in text, (i, text[:200])
    assert page.get_by_text("Error displaying widget").count() == 0

    known = known_output(nb)
    if known is not None:
        index, text = known
        shown = cell(page, index).locator(".jp-Cell-outputArea").inner_text()
        assert text in shown, f"{nb_path.name}: cell {index} should show {text!r}, shows {shown[:200]!r}"
    else:  # no plain output to compare: the title at least is there
        assert page.locator(".jp-Notebook h1").count() == 1


def check_forms(page, nb, nb_path, screenshots) -> int:
    """Every ``check_widget`` form: a wrong answer gets ✗ (and a hint), then the right one ✓."""
    forms = widget_questions(nb)
    for index, question_id in forms:
        q, right, wrong = _answers(question_id)
        node = cell(page, index)
        node.scroll_into_view_if_needed()
        form = node.locator(".jp-Cell-outputArea")
        button = form.get_by_role("button", name="Check")
        # the inputs are found by their accessible name: a form a screen reader can announce
        box = form.get_by_role("textbox", name=re.compile(r"\w"))
        if q.type == "choice":
            form.get_by_role("radio", name=as_typed(wrong)).check()
        else:
            box.fill(as_typed(wrong))
        button.click()
        wrong_text = wait_for_mark(page, index, "✗")
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-{question_id}-wrong.png"))
        if q.type == "choice":
            form.get_by_role("radio", name=as_typed(right)).check()
        else:
            box.fill(as_typed(right))
        button.click()
        right_text = wait_for_mark(page, index, "✓", absent="✗")
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-{question_id}-right.png"))
        assert question_id in wrong_text and question_id in right_text
    return len(forms)


def check_call_exercise(page, nb, nb_path, screenshots) -> int:
    """The first exercise ending in ``newslab.check(...)``: edit it to a wrong answer (✗), then back (✓)."""
    calls = call_exercises(nb)
    for index, question_id, name in calls[:1]:
        q, right, wrong = _answers(question_id)
        original = nb.cells[index].source
        replace_cell_source(page, index, f'{name} = {as_literal(wrong)}\nnewslab.check("{question_id}", {name})')
        run_cell(page, index)
        text = wait_for_mark(page, index, "✗")
        assert "Hint" in text or q.hints == [], "a wrong try shows a hint"
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-{question_id}-call-wrong.png"))
        replace_cell_source(page, index, original)  # the student finds the answer
        run_cell(page, index)
        wait_for_mark(page, index, "✓", absent="✗")
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-{question_id}-call-right.png"))
    return min(len(calls), 1)


# What a cell shows apart from its sliders: text, and each image's alt text and size of data.
JS_SLIDER_CELLS = """() => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'))
  .map((c, i) => c.querySelector('.jp-Cell-outputArea .widget-slider') ? i : -1).filter(i => i >= 0)"""
JS_SHOWN = """(node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll('.widget-slider, .widget-readout').forEach(e => e.remove());
  const imgs = Array.from(node.querySelectorAll('img')).map(i => (i.alt || '') + ' #' + (i.src || '').length + ':' + (i.src || '').slice(-40));
  return copy.textContent + ' || ' + imgs.join(' | ');
}"""
KM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:km|kilomet)")


def check_sliders(page, nb_path, screenshots) -> int:
    """Moving each slider redraws its cell's output (lesson 03: the border's length changes)."""
    indices = page.evaluate(JS_SLIDER_CELLS)
    for n, index in enumerate(indices[:3]):
        out = cell(page, index).locator(".jp-Cell-outputArea")
        slider = out.locator(".widget-slider").first
        slider.scroll_into_view_if_needed()
        before = page.evaluate(JS_SHOWN, out.element_handle())
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-slider{n}-before.png"))
        handle = slider.locator(".noUi-handle, [role=slider]").first

        def position() -> str:  # the handle's value, whether or not the slider shows a readout
            return (handle.get_attribute("aria-valuenow") or "") + slider.inner_text()

        readout = position()
        handle.focus()
        page.keyboard.press("End")
        page.wait_for_timeout(300)
        if position() == readout:  # it was at the end already: go to the start
            page.keyboard.press("Home")
        page.wait_for_function(f"([node, before]) => ({JS_SHOWN})(node) !== before",
                               arg=[out.element_handle(), before], timeout=30_000)
        page.wait_for_timeout(500)  # let the redraw finish
        after = page.evaluate(JS_SHOWN, out.element_handle())
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-slider{n}-after.png"))
        assert "Traceback" not in after and "Error" not in after.split(" || ")[0][-300:], after[-300:]
        if nb_path.stem.startswith("03-"):
            assert KM.findall(before), f"the slider's cell shows no length in km: {before[:300]!r}"
            assert KM.findall(after) != KM.findall(before), (KM.findall(before), KM.findall(after))
    return len(indices)


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_in_jupyterlab(page, lab, screenshots, nb_path):
    """Open, Run All, check what shows; then use the forms, the sliders and one exercise cell."""
    nb = committed(nb_path)
    rel = f"notebooks/{nb_path.name}"
    try:
        open_notebook(page, lab, rel)
        state = run_all(page)
        page.screenshot(path=str(screenshots / f"{nb_path.stem}.png"))
        check_run_all(page, nb, nb_path, state, page.evaluate(JS_OUTPUTS))
        page.locator(".jp-Notebook .jp-Cell").last.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-end.png"))

        check_forms(page, nb, nb_path, screenshots)
        sliders = check_sliders(page, nb_path, screenshots)
        if nb_path.stem.startswith("03-"):
            assert sliders, "lesson 03 must have a resolution slider"
        check_call_exercise(page, nb, nb_path, screenshots)

        errors = [o for outs in page.evaluate(JS_OUTPUTS) if outs for o in outs if o.get("output_type") == "error"]
        assert not errors, errors
        assert not page.escaped_requests, page.escaped_requests
    except BaseException:
        page.screenshot(path=str(screenshots / f"{nb_path.stem}-FAILED.png"))  # what the student would see
        raise
    finally:
        shutdown_sessions(lab)
