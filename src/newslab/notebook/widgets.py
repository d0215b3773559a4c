"""Widget front-ends for the self-checks.

Every widget here is a front-end over a plain function: :func:`check_widget`
calls :func:`newslab.checks.check`, which a student can always call directly
where widgets do not render (a static notebook viewer, a terminal, some
JupyterHub set-ups).  The notebooks say so next to every widget.

Widgets are labelled (``description`` and a visible prompt) so that screen
readers announce them; feedback is text with a ✓ or ✗, never colour alone.
"""

from __future__ import annotations

import dataclasses
import html

from .. import geo
from ..case import stance as _stance
from ..case.checks import check, current_case, question
from ..core.errors import NewslabError
from .plots.border import border_at

__all__ = ["check_widget"]


def check_widget(question_id: str, case=None):
    """A small form that checks an answer when the student presses *Check*.

    Parameters
    ----------
    question_id : str
        The self-check's id, e.g. ``"00-weekday"``.
    case : Case, optional
        Defaults to the notebook's case (:func:`newslab.use_case`).

    Returns
    -------
    ipywidgets.VBox
        The prompt, an input (a text box, or radio buttons for a choice), a
        *Check* button and an output area for the feedback.  The same check
        without widgets: ``newslab.check(question_id, answer)``.
    """
    import ipywidgets as w  # ipywidgets only when a form is made (widgets need a live JupyterLab)

    case = case or current_case()
    q = question(question_id, case)
    prompt = w.HTML(value=f"<b>{html.escape(q.prompt)}</b>")
    if q.type == "choice":
        entry = w.RadioButtons(options=list(q.choices), value=None, description="Answer:",
                               layout=w.Layout(width="auto"))
    else:
        placeholder = "your sentence" if q.measure else {"number": "a number" + (f" in {q.unit}" if q.unit else ""),
                                                         "date": "YYYY-MM-DD", "text": "your answer"}[q.type]
        # continuous_update: the kernel has the text as typed before the click
        # arrives; with updates only on blur, a quick click could check the old answer.
        entry = w.Text(placeholder=placeholder, description="Answer:", continuous_update=True)
    button = w.Button(description="Check", button_style="", tooltip=f"Check your answer to {question_id}",
                      icon="check")
    out = w.Output(layout=w.Layout(min_height="2em"))

    def on_click(_button=None):
        # Text goes to the judge as typed: it parses numbers and dates itself,
        # with better messages than a widget could give. Empty means unanswered.
        value = entry.value if q.type == "choice" else (entry.value.strip() or None)
        feedback = check(question_id, value, case)
        if value is None and feedback.unanswered:  # a form has no `...` to replace: say what to do in it
            todo = "choose one of the options" if q.type == "choice" else "type your answer in the box"
            feedback = dataclasses.replace(feedback, message=f"You have not answered yet: {todo}, then press Check.")
        box.feedback = feedback
        out.outputs = ()
        out.append_display_data(feedback)

    button.on_click(on_click)
    box = w.VBox([prompt, w.HBox([entry, button]), out])
    box.check = on_click  # lets tests press the button from Python
    box.feedback = None  # the last Feedback shown
    return box



# --------------------------------------------------------------------------- lesson 04: stance coding


def stance_form(case=None, student: str = "", folder=None):
    """A form to code the stance of every voice of a case, and save it to your own file.

    One row per voice: who speaks and their words, a stance menu
    (:data:`newslab.stance.STANCES`) and a box for the evidence (the words
    that made you choose).  *Save* writes ``work/<your name>/<case>-stance.csv``
    with :func:`newslab.stance.save_coding`; it refuses to replace a saved file
    unless *Replace my saved file* is ticked.

    The same without widgets::

        coding = newslab.stance.coding_from_answers(case, {"voice-id": ("alarmed", "the words"), ...})
        newslab.stance.save_coding(coding, "your-name", case)

    Parameters
    ----------
    case : Case, optional
        Defaults to the notebook's case (:func:`newslab.use_case`).
    student : str, optional
        Pre-fills the name box.
    folder : path, optional
        The work folder (default: :func:`newslab.stance.work_folder`).

    Returns
    -------
    ipywidgets.VBox
        With ``.coding()`` (the answers so far as a table), ``.save()`` (what
        the button does) and ``.message`` (the last message shown).
    """
    import ipywidgets as w  # ipywidgets only when a form is made (widgets need a live JupyterLab)


    case = case or current_case()
    legend = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>" for k, v in _stance.STANCES.items())
    rows, menus, notes = [], {}, {}
    for rec in case.voices.to_dict("records"):
        vid = str(rec["id"])
        words = str(rec["text"])
        words = words if len(words) <= 140 else words[:139] + "…"
        label = w.HTML(value=f"<b>{html.escape(str(rec['speaker']))}</b> ({html.escape(str(rec['verb']))}): "
                             f"“{html.escape(words)}”")
        menus[vid] = w.Dropdown(options=[("— choose —", ""), *[(k, k) for k in _stance.STANCES]], value="",
                                description="Stance:", layout=w.Layout(width="16em"))
        notes[vid] = w.Text(placeholder="evidence: the words that decide it", description="Evidence:",
                            layout=w.Layout(width="30em"))
        rows.append(w.VBox([label, w.HBox([menus[vid], notes[vid]])], layout=w.Layout(margin="0 0 0.6em 0")))
    name = w.Text(value=student, placeholder="your-name", description="Your name:")
    replace = w.Checkbox(value=False, description="Replace my saved file", indent=False)
    button = w.Button(description="Save", icon="save", tooltip="Save your coding to your own file")
    out = w.Output(layout=w.Layout(min_height="2em"))

    def coding():
        answers = {vid: (m.value, notes[vid].value) for vid, m in menus.items() if m.value}
        return _stance.coding_from_answers(case, answers, coder=name.value.strip())

    def show(text: str) -> None:
        box.message = text
        out.outputs = ()
        out.append_stdout(text + "\n")

    def on_click(_button=None):
        try:
            path = _stance.save_coding(coding(), name.value, case, folder=folder, overwrite=replace.value)
        except NewslabError as exc:
            show(f"✗ Not saved: {exc}")
        else:
            show(f"✓ Saved to {path.parent.name}/{path.name}")

    button.on_click(on_click)
    intro = w.HTML(value=f"<p>Code the stance of each voice: what does it want the reader to feel?</p><ul>{legend}</ul>")
    box = w.VBox([intro, *rows, w.HBox([name, replace, button]), out])
    box.coding = coding
    box.save = on_click
    box.message = ""
    box.menus = menus
    box.notes = notes
    box.name_box = name
    box.replace_box = replace
    return box


__all__.append("stance_form")


def border_slider(pair=None, case=None):
    """A slider that redraws a border at each map resolution and shows its length.

    Parameters
    ----------
    pair : pair of str or "IRN-AFG", optional
        Default: the first border of the case that data/ holds.
    case : Case, optional
        Defaults to the notebook's case (:func:`newslab.use_case`).

    Returns
    -------
    ipywidgets.VBox
        A slider over the versions (fewest vertices first), a "zoom in" box
        and the drawing; or the plain message of
        :func:`newslab.geo.border_status` if the case has no border data.  The same drawing without widgets:
        ``newslab.plots.border.border_at(pair, key)`` for each key in
        ``[b.key for b in newslab.geo.load_border(pair)]``.
    """
    import ipywidgets as w  # ipywidgets only when a form is made (widgets need a live JupyterLab)


    if pair is None:
        case = case or current_case()
        pair = geo.case_border(case)
        if pair is None:  # nothing to draw: say so plainly
            return geo.border_status(case)
    versions = geo.load_border(pair)
    finest = versions[-1]
    points = [p for part in finest.lines for p in part]
    middle = points[int(len(points) * 0.45):int(len(points) * 0.55) + 2]
    lons, lats = [p[0] for p in middle], [p[1] for p in middle]
    pad = 0.15 * max(max(lons) - min(lons), max(lats) - min(lats), 0.05)
    zoom_box = (min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad)
    slider = w.SelectionSlider(options=[(f"{b.label} ({b.vertices} vertices)", b.key) for b in versions],
                               value=versions[0].key, description="Map:", continuous_update=False,
                               readout=False,  # the built-in readout has a fixed width and cut the label off
                               layout=w.Layout(width="95%"), style={"description_width": "initial"})
    labels = {key: label for label, key in slider.options}
    readout = w.Label(value=f"Showing: {labels[slider.value]}", layout=w.Layout(width="auto"))
    zoom = w.Checkbox(value=False, description="zoom in on the middle of the border", indent=False)
    out = w.Output()

    def redraw(_change=None):
        shown = border_at(pair, slider.value, zoom=zoom_box if zoom.value else None)
        box.shown = shown
        out.outputs = ()
        out.append_display_data(shown)
        readout.value = f"Showing: {labels[slider.value]}"  # last: the line names the map on screen

    slider.observe(redraw, names="value")
    zoom.observe(redraw, names="value")
    box = w.VBox([w.HTML(value="<b>Move the slider: each step is a more detailed map of the same border.</b>"),
                  slider, readout, zoom, out])
    box.redraw = redraw  # lets tests redraw from Python
    box.shown = None
    redraw()
    return box


__all__.append("border_slider")
