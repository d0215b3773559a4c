"""The measured-class table in the README comes from a load-test run (hub/loadtest.py), not from a keyboard."""

from __future__ import annotations

import doctest
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))
import loadtest  # noqa: E402  (hub/loadtest.py)
import settings  # noqa: E402  (hub/settings.py)


@pytest.mark.parametrize("module", [loadtest, settings], ids=lambda m: m.__name__)
def test_the_hub_helpers_doctests(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def _block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(loadtest.BEGIN) + r"\n(.*?)\n" + re.escape(loadtest.END), text, re.S)
    assert match, "README.md has no measured-class table (run `python hub/loadtest.py --update-readme`)"
    return match.group(1)


def test_the_readme_table_is_derived_from_the_recorded_run():
    block = _block()
    inputs = json.loads(re.match(r"<!-- derived by `python hub/loadtest.py --sizing-markdown` from: (\{.*?\}) -->",
                                 block).group(1))
    assert loadtest.sizing_markdown(inputs) == block
    assert [r["k"] for r in inputs["runs"]] == [10, 20, 30]


def test_the_kernel_only_figures_beside_it_are_make_benchs():
    inputs = json.loads(re.search(r"from: (\{.*?\}) -->", _block()).group(1))
    assert inputs["kernel_only"] == loadtest.bench_inputs(ROOT / "README.md")


def test_a_class_memory_figure_has_headroom_and_whole_gib():
    assert loadtest.class_memory_gib(0.0, 1024.0, 1, headroom=1.0) == 1
    assert loadtest.class_memory_gib(100.0, 300.0, 30) == 12  # (100 + 9000) × 1.25 = 11375 MiB = 11.1 GiB, rounded up


def test_a_notebook_runs_where_an_event_loop_is_already_running():
    """Under Playwright's synchronous API (the browser tests) a loop is running in the main thread;
    running a notebook through the kernel websocket must still work there."""
    import asyncio

    from client import CellResult, Student

    class Offline(Student):  # the REST calls answered here; only the websocket part is real code
        def read(self, path):
            return {"content": {"cells": [{"cell_type": "code", "source": "1 + 1"}]}}

        def api(self, method, path, user=None, **kw):
            class Answer:
                status_code = 201

                @staticmethod
                def json():
                    return {"id": "s1", "kernel": {"id": "k1"}}
            return Answer()

        async def _execute(self, kernel_id, sources, timeout):
            await asyncio.sleep(0)
            return [CellResult(0, "ok", 0.0, text="2")]

    async def inside_a_running_loop():
        return Offline("http://127.0.0.1:1", "ann", "x" * 8).run_notebook("a.ipynb")

    # The running loop is made in a thread of this test's own: pytest's thread may hold one already.
    import threading

    outcome = {}
    thread = threading.Thread(target=lambda: outcome.update(run=asyncio.run(inside_a_running_loop())))
    thread.start()
    thread.join(30)
    run = outcome["run"]
    assert run.errors == [] and run.cells[0].text == "2" and run.sources == ["1 + 1"]
