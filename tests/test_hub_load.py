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
