"""Tests for newslab.bench (the notebook performance budgets)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from newslab import bench

# The command the test suite runs, exactly as documented.
DOCUMENTED_NBVAL = (
    "python -m pytest -p no:cacheprovider -q --nbval --nbval-current-env "
    "--nbval-sanitize-with tests/nbval_sanitize.cfg notebooks/"
)


# --- bare notebook ----------------------------------------------------------


def test_bare_notebook_is_valid_v4_with_the_three_cells():
    nb = bench.make_bare_notebook()
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert [c.cell_type for c in nb.cells] == ["code", "code", "code"]
    imports, frame, plot = (c.source for c in nb.cells)
    assert "import pandas as pd" in imports
    assert "import matplotlib.pyplot as plt" in imports
    assert "pd.DataFrame(" in frame
    assert "plt.plot(" in plot and plot.rstrip().endswith("plt.show()")
    assert nb.metadata["kernelspec"]["name"] == "python3"
    # round-trips through the file format
    again = nbformat.reads(nbformat.writes(nb), as_version=4)
    assert [c.source for c in again.cells] == [c.source for c in nb.cells]


# --- pure helpers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0], 2.5), ([5.0], 5.0), ([None, 2.0, 4.0], 3.0), ([], None), ([None], None)],
)
def test_median(values, expected):
    assert bench.median(values) == expected


@pytest.mark.parametrize(
    ("value", "reference", "expected"),
    [(3.0, 2.0, 1.5), (1.0, 4.0, 0.25), (1.0, 0.0, None), (None, 2.0, None), (2.0, None, None)],
)
def test_ratio(value, reference, expected):
    assert bench.ratio(value, reference) == expected


@pytest.mark.parametrize(
    ("value", "limit", "expected"),
    [(1.5, 1.5, "ok"), (0.1, 0.3, "ok"), (1.5001, 1.5, "OVER"), (200.0, 160.0, "OVER"), (None, 1.0, "n/a")],
)
def test_budget_status(value, limit, expected):
    assert bench.budget_status(value, limit) == expected


def test_formatters():
    assert bench.format_seconds(2.3149) == "2.31 s"
    assert bench.format_seconds(12.0) == "12.00 s"
    assert bench.format_seconds(0.0456) == "0.046 s"
    assert bench.format_seconds(None) == "-"
    assert bench.format_ratio(1.0) == "1.00x"
    assert bench.format_ratio(2.346) == "2.35x"
    assert bench.format_ratio(None) == "-"
    assert bench.format_mib(97.46) == "97.5 MiB"
    assert bench.format_mib(None) == "-"


def test_format_table_aligns_columns():
    text = bench.format_table([("a", "1 s", "<= 2 s", "ok"), ("longer figure", "10.00 s", "<= 2 s", "OVER")])
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[0].split() == ["figure", "value", "target", "status"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    # every column starts at the same offset on every line
    for word_in_row2, word_in_row3 in (("1 s", "10.00 s"), ("ok", "OVER")):
        assert lines[2].index(word_in_row2) == lines[3].index(word_in_row3)
    assert lines[0].index("value") == lines[2].index("1 s")
    assert all(line == line.rstrip() for line in lines)


def test_format_table_rejects_short_rows():
    with pytest.raises(ValueError):
        bench.format_table([("only", "two")])


def test_nbval_command_is_the_documented_one():
    assert bench.nbval_command(python="python") == shlex.split(DOCUMENTED_NBVAL)
    assert bench.nbval_command()[0] == sys.executable


def test_nbval_command_without_sanitize_file_or_other_target():
    cmd = bench.nbval_command("build/bare/", sanitize=None, python="python")
    assert "--nbval-sanitize-with" not in cmd
    assert cmd[-1] == "build/bare/"
    assert cmd[:-1] == [a for a in shlex.split(DOCUMENTED_NBVAL)[:-1] if "sanitize" not in a]


def _report(*, lesson_seconds=3.0, rss=100.0, nbval_exit=0, error=None):
    bare = {"name": "bare notebook", "path": None, "seconds": 2.0, "samples_s": [2.0], "rss_mib": 90.0,
            "rss_samples_mib": [90.0], "error": None, "rss_status": "ok", "time_status": "ok"}
    r = bench.ratio(lesson_seconds, 2.0)
    lesson = {"name": "01-x.ipynb", "path": "notebooks/01-x.ipynb", "seconds": lesson_seconds,
              "samples_s": [lesson_seconds], "rss_mib": rss, "rss_samples_mib": [rss], "error": error,
              "ratio_to_bare": r, "time_status": "FAIL" if error else bench.budget_status(r, 1.5),
              "rss_status": "FAIL" if error else bench.budget_status(rss, 160.0)}
    nb_run = {"command": [], "seconds": 9.0 if nbval_exit == 0 else None, "exit_code": nbval_exit, "output_tail": []}
    bare_run = {"command": [], "seconds": 4.0, "exit_code": 0, "output_tail": []}
    nbval_ratio = bench.ratio(nb_run["seconds"], 4.0)
    return {
        "targets": dict(bench.TARGETS),
        "import_newslab": {"seconds": 0.5, "samples": [0.5] * 5, "status": "OVER", "error": None},
        "bare": bare,
        "notebooks": [lesson],
        "nbval": {"status": "FAIL" if nbval_exit else bench.budget_status(nbval_ratio, 2.0), "count": 1,
                  "notebooks": nb_run, "bare": bare_run, "ratio": nbval_ratio},
    }


def test_report_rows_flag_budgets_over():
    rows = {r[0]: r for r in bench.report_rows(_report(lesson_seconds=3.2, rss=170.0))}
    assert rows["import newslab (median of 5)"][1:] == ("0.500 s", "<= 0.30 s", "OVER")
    assert rows["run all: 01-x.ipynb"][1] == "3.20 s = 1.60x bare"
    assert rows["run all: 01-x.ipynb"][3] == "OVER"
    assert rows["kernel RSS: 01-x.ipynb"][1:] == ("170.0 MiB", "<= 160 MiB", "OVER")
    assert rows["kernel RSS: bare notebook"][3] == "ok"
    assert rows["nbval notebooks/ (1 nb)"][1] == "9.00 s, exit 0"
    assert rows["nbval ratio"][1:] == ("2.25x", "<= 2.0x bare", "OVER")


def test_report_rows_show_a_failing_nbval_run_as_fail_not_a_time():
    rows = {r[0]: r for r in bench.report_rows(_report(nbval_exit=1))}
    assert rows["nbval notebooks/ (1 nb)"][1] == "FAIL, exit 1"
    assert rows["nbval notebooks/ (1 nb)"][3] == "FAIL"
    assert rows["nbval ratio"][1] == "-"
    assert rows["nbval ratio"][3] == "FAIL"
    assert rows["run all: 01-x.ipynb"][3] == "ok"


def test_exit_code_ignores_budgets_but_not_failures():
    assert bench.exit_code(_report(lesson_seconds=100.0, rss=999.0, nbval_exit=1)) == 0
    failed = _report(error="CellExecutionError: boom")
    assert bench.exit_code(failed) == 1
    assert {r[0]: r for r in bench.report_rows(failed)}["run all: 01-x.ipynb"][1] == "FAIL"


# --- repository layout --------------------------------------------------------


def _fake_repo(root: Path) -> Path:
    (root / "notebooks").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "fake"\n', encoding="utf-8")
    return root


def test_find_repo_root_walks_up(tmp_path):
    root = _fake_repo(tmp_path / "repo")
    deep = root / "notebooks" / "a" / "b"
    deep.mkdir(parents=True)
    assert bench.find_repo_root(deep) == root.resolve()
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(FileNotFoundError):
        bench.find_repo_root(tmp_path / "elsewhere")


def test_notebook_selection(tmp_path):
    root = _fake_repo(tmp_path)
    for name in ("01-intro.ipynb", "02-numbers.ipynb", "scratch.ipynb", ".ipynb_checkpoints/01-intro-checkpoint.ipynb"):
        (root / "notebooks" / name).parent.mkdir(exist_ok=True)
        (root / "notebooks" / name).write_text("{}", encoding="utf-8")
    picked = bench._select_notebooks(root, bench.DEFAULT_NOTEBOOK_GLOB)
    assert [p.name for p in picked] == ["01-intro.ipynb", "02-numbers.ipynb"]
    # nbval collects every notebook outside hidden folders
    assert [p.name for p in bench._nbval_notebooks(root)] == ["01-intro.ipynb", "02-numbers.ipynb", "scratch.ipynb"]


def test_import_is_cheap():
    code = (
        "import sys, newslab.bench\n"
        "heavy = [m for m in ('nbclient', 'nbformat', 'psutil', 'pandas', 'matplotlib', 'jupyter_client')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- end to end (starts two kernels) ------------------------------------------


@pytest.mark.notebook
def test_main_runs_one_tiny_notebook(tmp_path, monkeypatch, capsys):
    root = _fake_repo(tmp_path / "repo")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    nbformat.write(nb, root / "notebooks" / "01-tiny.ipynb")
    monkeypatch.chdir(root / "notebooks")  # the root is found by walking up

    assert bench.main(["--repeat", "1", "--skip-nbval"]) == 0

    report = json.loads((root / "build" / "bench.json").read_text(encoding="utf-8"))
    assert {"targets", "repeat", "import_newslab", "bare", "notebooks", "nbval", "exit_code"} <= set(report)
    assert report["repeat"] == 1
    assert report["nbval"]["status"] == "skipped"
    assert report["import_newslab"]["error"] is None
    assert len(report["import_newslab"]["samples"]) == 5
    assert report["bare"]["error"] is None
    assert report["bare"]["seconds"] > 0 and report["bare"]["rss_mib"] > 10
    [tiny] = report["notebooks"]
    assert tiny["path"] == "notebooks/01-tiny.ipynb"
    assert tiny["error"] is None
    assert len(tiny["samples_s"]) == 1 and tiny["seconds"] > 0
    assert tiny["rss_mib"] > 10
    assert tiny["ratio_to_bare"] == pytest.approx(tiny["seconds"] / report["bare"]["seconds"])
    assert tiny["time_status"] in {"ok", "OVER"} and tiny["rss_status"] in {"ok", "OVER"}
    table = capsys.readouterr().out
    assert "run all: 01-tiny.ipynb" in table and "kernel RSS: bare notebook" in table


@pytest.mark.parametrize(
    ("nbval", "value", "status"),
    [
        ({"status": "skipped", "count": 1, "reason": "--skip-nbval"}, "skipped: --skip-nbval", "skipped"),
        ({"status": "n/a", "count": 0, "notebooks": None, "reason": "no notebooks in notebooks/"},
         "n/a: no notebooks in notebooks/", "n/a"),
        ({"status": "FAIL", "count": 2, "notebooks": None, "reason": "the bare notebook failed to execute"},
         "FAIL: the bare notebook failed to execute", "FAIL"),
    ],
)
def test_report_rows_without_an_nbval_run(nbval, value, status):
    report = _report()
    report["nbval"] = nbval
    last = bench.report_rows(report)[-1]
    assert last == ("nbval run (strict)", value, "<= 2.0x bare", status)
