"""Tests for benchmarks/bench.py (the notebook performance budgets; pytest puts benchmarks/ on the path)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import bench

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


def _entry(name, samples, rss_samples, *, bare_seconds=None, error=None, case="seed-case"):
    """A notebook entry as main() finishes it, from fake timings."""
    entry = {"name": name, "path": None if bare_seconds is None else f"notebooks/{name}", "case": case,
             "samples_s": list(samples), "rss_samples_mib": list(rss_samples), "error": error}
    bench._finish_entry(entry, bare_seconds, is_bare=bare_seconds is None)
    return entry


def _report(*, lesson_samples=(2.4, 2.3, 2.5), rss_samples=(100.0, 101.0, 99.0), nbval_samples=(6.0, 6.2, 5.8),
            nbval_exit=0, error=None, import_samples=(0.5,) * 5):
    bare = _entry("bare notebook", [2.0, 1.9, 2.2], [90.0, 90.0, 91.0])
    lesson = _entry("01-x.ipynb", lesson_samples, rss_samples, bare_seconds=bare["seconds"], error=error)
    nb_runs = [{"command": [], "seconds": v if nbval_exit == 0 else None, "exit_code": nbval_exit, "output_tail": []}
               for v in nbval_samples]
    bare_runs = [{"command": [], "seconds": v, "exit_code": 0, "output_tail": []} for v in (4.0, 4.2, 3.9)]
    notebooks, bare_series = bench._nbval_series(nb_runs), bench._nbval_series(bare_runs)
    nbval_ratio = bench.ratio(notebooks["seconds"], bare_series["seconds"])
    imp = bench.median(import_samples)
    return {
        "targets": dict(bench.TARGETS),
        "repeat": 3,
        "import_newslab": {"seconds": imp, "samples": list(import_samples), "error": None,
                           "status": bench.budget_status(imp, bench.TARGETS["import_seconds"])},
        "cases": [{"case": "seed-case", "bare": bare, "notebooks": [lesson]}],
        "nbval": {"status": "FAIL" if nbval_exit else bench.budget_status(nbval_ratio, bench.TARGETS["nbval_ratio"]),
                  "count": 1, "case": "seed", "notebooks": notebooks, "bare": bare_series, "ratio": nbval_ratio},
    }


def test_budgets_are_those_of_issue_19():
    assert bench.TARGETS["run_all_ratio"] == 1.3 and bench.TARGETS["kernel_rss_mib"] == 150.0
    assert bench.TARGETS["nbval_ratio"] == 1.6 and bench.TARGETS["import_seconds"] == 0.3
    assert bench.BENCH_CASES[0] == "iran-taliban-2021" and len(bench.BENCH_CASES) >= 2


def test_medians_and_spreads_of_fake_runs():
    entry = _entry("01-x.ipynb", [3.0, 5.0, 2.0], [120.0, 100.0, 110.0], bare_seconds=2.0)
    assert entry["seconds"] == 3.0 and entry["spread_s"] == [2.0, 5.0]
    assert entry["rss_mib"] == 110.0 and entry["rss_spread_mib"] == [100.0, 120.0]
    assert entry["ratio_to_bare"] == 1.5 and entry["time_status"] == "OVER" and entry["rss_status"] == "ok"
    # one slow run does not make a miss: the median decides
    entry = _entry("01-x.ipynb", [2.4, 2.5, 9.0], [100.0] * 3, bare_seconds=2.0)
    assert entry["seconds"] == 2.5 and entry["time_status"] == "ok"


def test_report_rows_show_median_spread_and_bare_side_by_side():
    rows = {r[0]: r for r in bench.report_rows(_report(lesson_samples=(3.2, 3.0, 3.4), rss_samples=(170.0, 171.0, 169.0),
                                                       nbval_samples=(9.0, 9.5, 8.5)))}
    assert rows["import newslab"][1:] == ("0.500 s [0.500–0.500]", "-", "-", "<= 0.30 s", "OVER")
    run = rows["run all: 01-x.ipynb (seed-case)"]
    assert run[1:] == ("3.20 s [3.00–3.40]", "2.00 s [1.90–2.20]", "1.60x", "<= 1.3x bare", "OVER")
    rss = rows["kernel RSS: 01-x.ipynb (seed-case)"]
    assert rss[1:] == ("170.0 MiB [169.0–171.0]", "90.0 MiB [90.0–91.0]", "1.89x", "<= 150 MiB", "OVER")
    nbval = rows["nbval, strict (1 nb, seed)"]
    assert nbval[1:] == ("9.00 s [8.50–9.50]", "4.00 s [3.90–4.20]", "2.25x", "<= 1.6x bare", "OVER")
    table = bench.format_table(list(rows.values()), header=bench.REPORT_HEADER)
    assert all(line == line.rstrip() for line in table.splitlines())


def test_report_rows_show_a_failing_nbval_run_as_fail_not_a_time():
    rows = {r[0]: r for r in bench.report_rows(_report(nbval_exit=1))}
    nbval = rows["nbval, strict (1 nb, seed)"]
    assert nbval[1] == "FAIL, exit 1" and nbval[3] == "-" and nbval[5] == "FAIL"
    assert rows["run all: 01-x.ipynb (seed-case)"][5] == "ok"


def test_exit_code_is_zero_only_when_every_budget_is_met():
    assert bench.exit_code(_report(import_samples=(0.02,) * 5)) == bench.EXIT_OK == 0
    assert bench.budget_misses(_report(import_samples=(0.02,) * 5)) == []
    # each budget missed on its own makes the run fail with 3, naming the line
    for report, line in (
        (_report(), "import newslab"),
        (_report(import_samples=(0.02,) * 5, lesson_samples=(2.7, 2.7, 2.7)), "run all: 01-x.ipynb (seed-case)"),
        (_report(import_samples=(0.02,) * 5, rss_samples=(151.0,) * 3), "kernel RSS: 01-x.ipynb (seed-case)"),
        (_report(import_samples=(0.02,) * 5, nbval_samples=(6.5,) * 3), "nbval, strict (1 nb, seed)"),
    ):
        assert bench.budget_misses(report) == [line]
        assert bench.exit_code(report) == bench.EXIT_OVER_BUDGET == 3
        assert line in bench._verdict({**report, "exit_code": 3, "over_budget": [line]})
    # just under each budget (2.6 / 2.0 = 1.3x, 150 MiB, 6.4 / 4.0 = 1.6x) passes
    edge = _report(import_samples=(0.3,) * 5, lesson_samples=(2.6,) * 3, rss_samples=(150.0,) * 3,
                   nbval_samples=(6.4,) * 3)
    assert bench.exit_code(edge) == 0


def test_exit_code_names_failures_before_budgets():
    failed = _report(error="CellExecutionError: boom")
    assert bench.exit_code(failed) == bench.EXIT_FAILED == 1
    assert {r[0]: r for r in bench.report_rows(failed)}["run all: 01-x.ipynb (seed-case)"][1] == "FAIL"
    assert bench.exit_code(_report(nbval_exit=1, import_samples=(0.02,) * 5)) == 1


def test_extractor_and_pathological_misses_count():
    report = _report(import_samples=(0.02,) * 5)
    report["extractors"] = {"entries": [{"module": "newslab.text", "function": "split_article", "megabytes": 5.0,
                                         "seconds": 11.0, "samples_s": [11.0, 10.5, 12.0], "mb_per_s": 0.45,
                                         "error": None, "status": "OVER"}]}
    report["pathological"] = {"entries": [{"module": "newslab.text", "bytes": 50000, "factor": 4, "error": None,
                                           "shapes": {"digits": [0.01, 0.2]}}]}
    assert bench.budget_misses(report) == ["newslab.text.split_article (5 MB)", "newslab.text / digits (50 KB, 200 KB)"]
    assert bench.exit_code(report) == 3
    assert bench.extractor_rows(report["extractors"]["entries"])[0][1] == "11.00 s [10.50–12.00] = 0.5 MB/s"


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
        "import sys, bench\n"
        "heavy = [m for m in ('nbclient', 'nbformat', 'psutil', 'pandas', 'matplotlib', 'jupyter_client')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(Path(bench.__file__).parent), os.environ.get("PYTHONPATH"))))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip() == "[]"


# --- end to end (starts two kernels) ------------------------------------------


@pytest.mark.notebook
def test_main_runs_one_tiny_notebook(tmp_path, monkeypatch, capsys):
    root = _fake_repo(tmp_path / "repo")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    nbformat.write(nb, root / "notebooks" / "01-tiny.ipynb")
    monkeypatch.chdir(root / "notebooks")  # the root is found by walking up

    code = bench.main(["--repeat", "1", "--skip-nbval", "--skip-extractors", "--skip-class", "--cases", "a-case"])
    report = json.loads((root / "build" / "bench.json").read_text(encoding="utf-8"))
    assert code == report["exit_code"] and code in (0, 3)  # a budget may be missed on a loaded machine
    assert {"targets", "repeat", "import_newslab", "cases", "nbval", "exit_code", "over_budget",
            "extractors", "class", "machine", "elapsed_s"} <= set(report)
    assert report["extractors"]["status"] == "skipped" and report["class"]["status"] == "skipped"
    assert report["repeat"] == 1
    assert report["nbval"]["status"] == "skipped"
    assert report["import_newslab"]["error"] is None
    assert len(report["import_newslab"]["samples"]) == 5
    [case] = report["cases"]
    assert case["case"] == "a-case"
    assert case["bare"]["error"] is None
    assert case["bare"]["seconds"] > 0 and case["bare"]["rss_mib"] > 10
    [tiny] = case["notebooks"]
    assert tiny["path"] == "notebooks/01-tiny.ipynb" and tiny["case"] == "a-case"
    assert tiny["error"] is None
    assert len(tiny["samples_s"]) == 1 and tiny["seconds"] > 0
    assert tiny["rss_mib"] > 10
    assert tiny["ratio_to_bare"] == pytest.approx(tiny["seconds"] / case["bare"]["seconds"])
    assert tiny["time_status"] in {"ok", "OVER"} and tiny["rss_status"] in {"ok", "OVER"}
    out = capsys.readouterr().out
    assert "run all: 01-tiny.ipynb (a-case)" in out and "kernel RSS: 01-tiny.ipynb (a-case)" in out
    assert ("every budget met" in out) == (code == 0) and ("OVER BUDGET" in out) == (code == 3)


@pytest.mark.notebook
def test_main_passes_the_case_to_the_kernel(tmp_path, monkeypatch):
    root = _fake_repo(tmp_path / "repo")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nassert os.environ['NEWSLAB_CASE'] == 'second-case'")]
    nbformat.write(nb, root / "notebooks" / "01-case.ipynb")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NEWSLAB_CASE", "")
    code = bench.main(["--repeat", "1", "--skip-nbval", "--skip-extractors", "--skip-class", "--cases", "second-case"])
    report = json.loads((root / "build" / "bench.json").read_text(encoding="utf-8"))
    assert report["cases"][0]["notebooks"][0]["error"] is None, report["cases"][0]["notebooks"][0]["error"]
    assert code in (0, 3)
    assert os.environ["NEWSLAB_CASE"] == ""  # restored afterwards



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
    assert last == ("nbval run (strict)", value, "-", "-", "<= 1.6x bare", status)


# --- extractor throughput -------------------------------------------------------


def test_synthetic_article_is_deterministic_sized_and_varied():
    text = bench.synthetic_article(0.2)
    assert len(text.encode("utf-8")) >= 200_000
    assert text == bench.synthetic_article(0.2)
    assert text != bench.synthetic_article(0.2, seed=1)
    head, _, body = text.partition("\n\n")
    assert "\n" not in head and body.count("\n\n") > 100
    for needle in ("“", "%", "$", "km", "said", "19", "U.S."):
        assert needle in body, needle


def test_every_present_extractor_is_found_and_missing_modules_are_none():
    found = dict(bench.present_extractors())
    assert found["newslab.text"].__name__ == "split_article"
    assert bench.find_extractor("newslab.not_written_yet") is None
    for module, names in bench.EXTRACTORS:
        if module in found:
            assert found[module].__name__ in names


def test_a_module_without_its_function_is_an_error(monkeypatch):
    import types

    monkeypatch.setitem(sys.modules, "newslab.fake_extractor", types.ModuleType("newslab.fake_extractor"))
    monkeypatch.setattr(bench, "EXTRACTORS", (*bench.EXTRACTORS, ("newslab.fake_extractor", ("extract",))))
    with pytest.raises(LookupError, match="newslab.fake_extractor defines none of extract"):
        bench.find_extractor("newslab.fake_extractor")


def test_time_extractor_on_a_small_article():
    root = Path(__file__).resolve().parents[1]
    entry = bench.time_extractor(root, "newslab.text", megabytes=0.05)
    assert entry["error"] is None, entry
    assert entry["function"] == "split_article" and entry["bytes"] >= 50_000
    assert entry["seconds"] > 0 and entry["mb_per_s"] == pytest.approx(entry["bytes"] / 1e6 / entry["seconds"])
    assert entry["status"] in ("ok", "OVER") and entry["peak_rss_mib"] > 5
    assert len(entry["samples_s"]) == 3 and entry["seconds"] == bench.median(entry["samples_s"])
    [row] = bench.extractor_rows([entry])
    assert row[0] == "newslab.text.split_article (0.05 MB)" and row[2] == "<= 0.1 s"


def test_extractor_failure_is_reported_not_raised(tmp_path):
    root = Path(__file__).resolve().parents[1]
    entry = bench.time_extractor(root, "newslab.text", megabytes=0.05, timeout=0.001)
    assert entry["error"].startswith("took more than") and entry["status"] == "FAIL"
    assert bench.extractor_rows([entry])[0][1].startswith("FAIL: took more than")
    report = {"cases": [], "extractors": {"entries": [entry]}}
    assert bench.exit_code(report) == 1


# --- class simulation and sizing (fixed numbers) -----------------------------------

RUNS = [
    {"k": 1, "wall_s": 8.0, "peak_kernel_mib": 140.0, "error": None},
    {"k": 2, "wall_s": 9.0, "peak_kernel_mib": 290.0, "error": None},
    {"k": 4, "wall_s": 17.0, "peak_kernel_mib": 560.0, "error": None},
    {"k": 8, "wall_s": 35.0, "peak_kernel_mib": 1100.0, "error": None},
]


def test_derive_sizing_on_fixed_numbers():
    s = bench.derive_sizing(RUNS, cores=2, server_mib=90.0, class_sizes=(1, 10, 30, 100))
    # saturated runs (k >= 2 cores): 9*2/2 = 9, 17*2/4 = 8.5, 35*2/8 = 8.75 -> median 8.75 CPU-s
    assert s["cpu_s_per_student"] == 8.75
    assert s["t1_s"] == 8.0 and s["target_s"] == 16.0
    # memory: the largest kernel peak per student is 290/2 = 145, plus the server's 90
    assert s["kernel_mib_per_student"] == 145.0 and s["mib_per_student"] == 235.0
    rows = {r["students"]: r for r in s["rows"]}
    # cores = ceil(N * 8.75 / 16); RAM = ceil(N * 235 * 1.25 / 1024) GiB; here = max(8, N * 8.75 / 2)
    assert rows[1] == {"students": 1, "cores": 1, "ram_gib": 1, "here_s": 8.0}
    assert rows[10] == {"students": 10, "cores": 6, "ram_gib": 3, "here_s": 43.8}
    assert rows[30] == {"students": 30, "cores": 17, "ram_gib": 9, "here_s": 131.2}
    assert rows[100] == {"students": 100, "cores": 55, "ram_gib": 29, "here_s": 437.5}


def test_derive_sizing_grows_with_the_class_and_ignores_failed_runs():
    runs = [*RUNS, {"k": 16, "wall_s": None, "peak_kernel_mib": 0.0, "error": "took more than 600 s"}]
    s = bench.derive_sizing(runs, cores=2, server_mib=None)
    assert s["server_mib"] == 0.0 and s["mib_per_student"] == 145.0
    cores = [r["cores"] for r in s["rows"]]
    ram = [r["ram_gib"] for r in s["rows"]]
    assert cores == sorted(cores) and ram == sorted(ram) and cores[0] >= 1


def test_derive_sizing_without_saturation_uses_one_students_time():
    s = bench.derive_sizing(RUNS[:1], cores=4, server_mib=0.0, class_sizes=(8,))
    assert s["cpu_s_per_student"] == 8.0
    assert s["rows"] == [{"students": 8, "cores": 4, "ram_gib": 2, "here_s": 16.0}]


def test_derive_sizing_needs_a_single_student_run():
    with pytest.raises(ValueError, match="k = 1"):
        bench.derive_sizing(RUNS[1:], cores=2, server_mib=0.0)
    with pytest.raises(ValueError):
        bench.derive_sizing([{**RUNS[0], "wall_s": None, "error": "boom"}], cores=2, server_mib=0.0)


def test_sizing_markdown_is_a_table_with_its_inputs():
    s = bench.derive_sizing(RUNS, cores=2, server_mib=90.0, class_sizes=(10, 30))
    text = bench.sizing_markdown(s, "2 cores (test)")
    lines = text.splitlines()
    assert lines[0].startswith("<!-- derived by `python benchmarks/bench.py --sizing-markdown` from: {")
    inputs = json.loads(lines[0].split("from: ", 1)[1].removesuffix(" -->"))
    assert inputs["cpu_s_per_student"] == 8.75 and inputs["class_sizes"] == [10, 30]
    assert "Measured on 2 cores (test)" in text
    assert lines[-3:] == ["|---:|---:|---:|---:|", "| 10 | 6 | 3 GiB | 43.8 s |", "| 30 | 17 | 9 GiB | 131.2 s |"]


def _derive_from_inputs(inputs: dict) -> str:
    k1 = {"k": 1, "wall_s": inputs["t1_s"], "peak_kernel_mib": inputs["kernel_mib_per_student"]}
    cores = inputs["cores"]
    # a saturated run that reproduces the measured CPU time per student
    sat = {"k": cores, "wall_s": inputs["cpu_s_per_student"], "peak_kernel_mib": 0.0}
    runs = [k1, sat] if cores > 1 else [{**k1, "wall_s": inputs["cpu_s_per_student"]}]
    s = bench.derive_sizing(runs, cores, inputs["server_mib"], inputs["class_sizes"], inputs["headroom"],
                            inputs["target_factor"])
    s["t1_s"] = inputs["t1_s"]
    return bench.sizing_markdown(s)


def test_readme_sizing_table_is_derived_not_typed():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert readme.count(bench.SIZING_BEGIN) == 1 and readme.count(bench.SIZING_END) == 1, \
        "README.md needs exactly one class-sizing table between the bench:sizing markers"
    section = readme.split(bench.SIZING_BEGIN, 1)[1].split(bench.SIZING_END, 1)[0].strip()
    first = section.splitlines()[0]
    inputs = json.loads(first.split("from: ", 1)[1].removesuffix(" -->"))
    derived = _derive_from_inputs(inputs)
    table = [line for line in section.splitlines() if line.startswith("|")]
    assert table == [line for line in derived.splitlines() if line.startswith("|")]


def test_sizing_markdown_option_reads_the_last_report(tmp_path, monkeypatch, capsys):
    root = _fake_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    assert bench.main(["--sizing-markdown"]) == 2  # no report yet
    assert "run `make bench` first" in capsys.readouterr().err
    sizing = bench.derive_sizing(RUNS, cores=2, server_mib=90.0)
    (root / "build").mkdir()
    (root / "build" / "bench.json").write_text(json.dumps({"machine": "test box", "class": {"sizing": sizing}}))
    assert bench.main(["--sizing-markdown"]) == 0
    assert capsys.readouterr().out.strip() == bench.sizing_markdown(sizing, "test box")


def test_class_rows_show_each_run_and_the_server():
    sim = {"runs": [{"k": 1, "notebook": "notebooks/01-x.ipynb", "wall_s": 8.0, "student_s": [7.9],
                     "peak_kernel_mib": 140.0, "peak_total_mib": 230.0, "error": None},
                    {"k": 2, "notebook": "notebooks/01-x.ipynb", "wall_s": None, "student_s": [],
                     "peak_kernel_mib": 0.0, "peak_total_mib": 0.0, "error": "exit 1"}],
           "server": {"rss_mib": 88.0, "error": None}}
    rows = bench.class_rows(sim)
    assert rows[0] == ("k=1 x 01-x.ipynb", "8.00 s (8.00 s per student)", "kernels 140.0 MiB, with clients 230.0 MiB")
    assert rows[1] == ("k=2 x 01-x.ipynb", "FAIL: exit 1", "-")
    assert rows[2] == ("idle JupyterLab server", "-", "88.0 MiB")
    table = bench.format_table(rows, header=("class simulation", "wall time", "peak memory"))
    assert all(line == line.rstrip() for line in table.splitlines())


def test_bad_class_k_is_refused(capsys):
    for bad in ("2,4", "0,1", "one"):
        with pytest.raises(SystemExit):
            bench._parse_args(["--class-k", bad])


@pytest.mark.notebook
def test_run_concurrently_two_tiny_notebooks(tmp_path):
    root = _fake_repo(tmp_path / "repo")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = bytearray(30 * 2**20)\nprint(len(x))")]
    path = root / "notebooks" / "01-tiny.ipynb"
    nbformat.write(nb, path)
    result = bench.run_concurrently(root, path, 2)
    assert result["error"] is None, result
    assert len(result["student_s"]) == 2 and result["wall_s"] >= max(result["student_s"])
    assert result["peak_kernel_mib"] > 2 * 30  # both kernels, each holding 30 MiB, were seen at once
    assert result["peak_total_mib"] >= result["peak_kernel_mib"]


def test_sizing_markdown_option_derives_again_from_the_measured_runs(tmp_path, monkeypatch, capsys):
    root = _fake_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    (root / "build").mkdir()
    stale = {"rows": [{"students": 10, "cores": 999, "ram_gib": 999, "here_s": 1.0}]}
    report = {"machine": "box", "class": {"runs": RUNS, "cores": 2, "server": {"rss_mib": 90.0}, "sizing": stale}}
    (root / "build" / "bench.json").write_text(json.dumps(report))
    assert bench.main(["--sizing-markdown"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == bench.sizing_markdown(bench.derive_sizing(RUNS, 2, 90.0), "box")
    assert "999" not in out


def test_update_readme_replaces_only_the_sizing_table(tmp_path):
    from bench import _replace_between_markers

    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench:sizing:begin -->\nold table\n<!-- bench:sizing:end -->\noutro\n", encoding="utf-8")
    assert _replace_between_markers(readme, "| new |\n") == 0
    assert readme.read_text(encoding="utf-8") == "intro\n<!-- bench:sizing:begin -->\n| new |\n<!-- bench:sizing:end -->\noutro\n"
    readme.write_text("no markers here\n", encoding="utf-8")
    assert _replace_between_markers(readme, "| new |") == 2
    assert readme.read_text(encoding="utf-8") == "no markers here\n"


def _readme_with_hub_table(path, kernel_only):
    """A README with a bench sizing table and a measured-class table recording ``kernel_only``."""
    hub = {"headroom": 1.25, "kernel_only": kernel_only, "lesson": "03-border.ipynb", "runs": []}
    path.write_text("intro\n<!-- bench:sizing:begin -->\nold table\n<!-- bench:sizing:end -->\nmiddle\n"
                    "<!-- hub:sizing:begin -->\n<!-- derived by `python hub/loadtest.py --sizing-markdown` from: "
                    f"{json.dumps(hub, sort_keys=True)} -->\n\nhub table\n<!-- hub:sizing:end -->\noutro\n",
                    encoding="utf-8")


def test_make_bench_leaves_the_readme_when_its_hub_table_records_other_figures(tmp_path, capsys):
    # `make bench` rewrote the sizing table under a hub table measured beside other bench
    # figures, and tests/test_hub_load.py failed until the hub load test was run again.
    sizing = bench.derive_sizing(RUNS, cores=2, server_mib=90.0)
    report = tmp_path / "bench.json"
    report.write_text(json.dumps({"machine": "box", "class": {"runs": RUNS, "cores": 2, "server": {"rss_mib": 90.0}}}))
    readme = tmp_path / "README.md"
    other = dict(bench.sizing_inputs(sizing), t1_s=99.0)
    _readme_with_hub_table(readme, other)
    before = readme.read_text(encoding="utf-8")
    assert bench._print_sizing(report, readme) == 0
    assert readme.read_text(encoding="utf-8") == before
    err = capsys.readouterr().err
    assert "left as it is" in err and "--force" in err and "hub/loadtest.py --update-readme" in err
    assert bench.hub_kernel_only(readme) == other
    # asked for, it writes (the hub load test comes next)
    assert bench._print_sizing(report, readme, force=True) == 0
    assert bench.sizing_markdown(sizing, "box") in readme.read_text(encoding="utf-8")
    # the same figures as the hub table's: written, and the two tables agree
    _readme_with_hub_table(readme, bench.sizing_inputs(sizing))
    assert bench._print_sizing(report, readme) == 0
    text = readme.read_text(encoding="utf-8")
    assert bench.sizing_markdown(sizing, "box") in text and "hub table" in text
    recorded = json.loads(re.search(r"<!-- derived by `python benchmarks/bench.py --sizing-markdown` from: (\{.*?\}) -->",
                                    text).group(1))
    assert {k: recorded[k] for k in bench.hub_kernel_only(readme)} == bench.hub_kernel_only(readme)


# --------------------------------------------------------------------------- benchmarks/cellprofile.py


@pytest.mark.notebook
def test_cellprofile_times_each_cell_in_the_kernel_by_its_cpu():
    import nbformat
    import cellprofile

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import time"),
                nbformat.v4.new_code_cell("t = time.process_time()\nwhile time.process_time() - t < 0.3: pass"),
                nbformat.v4.new_code_cell("time.sleep(0.3)"),
                nbformat.v4.new_code_cell("from IPython.display import HTML\nHTML('<figure>a chart</figure>')")]
    nb.metadata["kernelspec"] = {"name": bench.KERNEL_NAME, "display_name": "Python 3", "language": "python"}
    run = cellprofile.profile_notebook(nb, Path.cwd())
    busy, idle, chart = run["cells"][1:]
    assert busy["cpu_s"] >= 0.25 and busy["wall_s"] >= 0.25  # CPU spent in the kernel is counted ...
    assert idle["wall_s"] >= 0.25 and idle["cpu_s"] < 0.15  # ... waiting is not
    assert chart["kind"] == "chart" and busy["kind"] == "other"
    assert [c["index"] for c in run["cells"]] == [0, 1, 2, 3] and run["start_s"] > 0
    lines = cellprofile.report("tiny", run, top=2)
    assert lines[0].startswith("tiny: Run All") and "4 code cells" in lines[0]
    assert "[  1]" in lines[2]  # the costliest cell by CPU first
    assert any(line.strip().startswith("chart     1 cells") for line in lines)
