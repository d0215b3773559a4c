"""The class-progress chart of ``newslab progress --chart`` (the class log, :mod:`newslab.case.progress`)."""

from __future__ import annotations

from ...case.progress import ProgressReport
from ..figures import HATCHES, PALETTE, chart, new_figure, show_figure


@chart
def progress_chart(report: ProgressReport):
    """A bar per question: how many students have it right, how many not yet.

    Returns
    -------
    newslab.figures.ShownFigure
        With alt text and a caption; colours from the Okabe–Ito palette, the
        "not yet" bars hatched as well, so they differ by more than colour.
    """
    rows = report.rows
    if not rows:
        raise ValueError("no self-check attempts to chart: the class logs are empty or none were found")
    names = [r["question"] for r in rows][::-1]  # top of the chart = first row
    right = [r["right"] for r in rows][::-1]
    not_yet = [r["not_yet"] for r in rows][::-1]
    fig = new_figure(7, max(2.2, 0.45 * len(rows) + 1.2))
    ax = fig.subplots()
    ax.barh(names, right, color=PALETTE[0], label="right")
    ax.barh(names, not_yet, left=right, color=PALETTE[1], hatch=HATCHES[1], edgecolor="#333333", label="not yet")
    ax.set_xlabel(f"students (of {report.students})")
    ax.set_ylabel("self-check")
    ax.set_xlim(0, max(report.students, 1))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", frameon=True)
    stuck = report.stuck()
    worst = ", ".join(f"{r['question']} ({r['not_yet']} of {report.students} not yet)" for r in stuck[:5])
    alt = (f"Horizontal bars, one per self-check, for {report.students} students: the blue part counts students "
           f"who got it right, the hatched orange part those who have not yet. "
           + (f"Most of the class has not got right: {worst}." if stuck else "No self-check is still wrong for most of the class."))
    caption = ("Where the class is stuck: each bar is one self-check; questions most students have not got "
               "right are at the top. Students who have not tried a question count as not yet.")
    return show_figure(fig, alt=alt, caption=caption, source="the students' class logs (newslab progress)")
