"""Widget front-ends for the self-checks.

Every widget here is a front-end over a plain function: :func:`check_widget`
calls :func:`newslab.checks.check`, which a student can always call directly
where widgets do not render (a static notebook viewer, a terminal, some
JupyterHub set-ups).  The notebooks say so next to every widget.

Widgets are labelled (``description`` and a visible prompt) so that screen
readers announce them; feedback is text with a ✓ or ✗, never colour alone.
"""

from __future__ import annotations

import html

from .checks import check, current_case, question

__all__ = ["check_widget"]


def check_widget(question_id: str, case=None):
    """A small form that checks an answer when the student presses *Check*.

    Parameters
    ----------
    question_id : str
        The self-check's id, e.g. ``"00-weekday"``.
    case : Case, optional
        Defaults to the case loaded last.

    Returns
    -------
    ipywidgets.VBox
        The prompt, an input (a text box, or radio buttons for a choice), a
        *Check* button and an output area for the feedback.  The same check
        without widgets: ``newslab.check(question_id, answer)``.
    """
    import ipywidgets as w

    case = case or current_case()
    q = question(question_id, case)
    prompt = w.HTML(value=f"<b>{html.escape(q.prompt)}</b>")
    if q.type == "choice":
        entry = w.RadioButtons(options=list(q.choices), value=None, description="Answer:",
                               layout=w.Layout(width="auto"))
    else:
        placeholder = {"number": "a number" + (f" in {q.unit}" if q.unit else ""),
                       "date": "YYYY-MM-DD", "text": "your answer"}[q.type]
        entry = w.Text(placeholder=placeholder, description="Answer:", continuous_update=False)
    button = w.Button(description="Check", button_style="", tooltip=f"Check your answer to {question_id}",
                      icon="check")
    out = w.Output(layout=w.Layout(min_height="2em"))

    def on_click(_button=None):
        # Text goes to the judge as typed: it parses numbers and dates itself,
        # with better messages than a widget could give. Empty means unanswered.
        value = entry.value if q.type == "choice" else (entry.value.strip() or None)
        feedback = check(question_id, value, case)
        box.feedback = feedback
        out.outputs = ()
        out.append_display_data(feedback)

    button.on_click(on_click)
    box = w.VBox([prompt, w.HBox([entry, button]), out])
    box.check = on_click  # lets tests press the button from Python
    box.feedback = None  # the last Feedback shown
    return box

