"""deploy/: the Zero to JupyterHub values carry the measured figures and the pinned versions."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))
sys.path.insert(0, str(ROOT / "deploy"))
import check_values  # noqa: E402  (deploy/check_values.py)
import loadtest  # noqa: E402  (hub/loadtest.py)

CONFIG = yaml.safe_load((ROOT / "deploy" / "config.yaml").read_text(encoding="utf-8"))
PAGE = (ROOT / "deploy" / "README.md").read_text(encoding="utf-8")


def _measured() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(loadtest.BEGIN) + r"\n<!-- derived by `python hub/loadtest.py --sizing-markdown` "
                      r"from: (\{.*?\}) -->", readme)
    assert block, "README.md has no measured-class table"
    return json.loads(block.group(1))


def test_cpu_and_memory_are_the_ones_derived_from_the_measured_class():
    derived = loadtest.k8s_resources(_measured())
    assert CONFIG["singleuser"]["cpu"] == derived["cpu"]
    assert CONFIG["singleuser"]["memory"] == derived["memory"]
    for key, value in (("memory.guarantee", derived["memory"]["guarantee"]), ("memory.limit", derived["memory"]["limit"]),
                       ("cpu.guarantee", derived["cpu"]["guarantee"]), ("cpu.limit", derived["cpu"]["limit"])):
        assert f"| `singleuser.{key}` | {value} |" in PAGE, f"deploy/README.md does not give {key} = {value}"


def test_the_scale_table_is_derived_from_the_same_run():
    block = re.search(re.escape(loadtest.DEPLOY_BEGIN) + r"\n(.*?)\n" + re.escape(loadtest.DEPLOY_END), PAGE, re.S)
    assert block, "deploy/README.md has no scale table"
    assert block.group(1) == loadtest.scale_markdown(_measured())


def test_the_image_carries_the_hubs_major_version_and_nbgitpuller():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    hub = {r.split("==")[0]: r.split("==")[1] for r in project["optional-dependencies"]["hub"]}
    chart = re.search(r"chart \*\*(\d+\.\d+\.\d+)\*\* \(its hub is JupyterHub (\d+\.\d+\.\d+)\)", PAGE)
    assert chart and chart.group(1) == "4.4.0"
    assert hub["jupyterhub"].split(".")[0] == chart.group(2).split(".")[0], "the image's JupyterHub must match the chart's major version"
    assert f"--version {chart.group(1)}" in PAGE and f"chart, version {chart.group(1)}" in (ROOT / "deploy" / "config.yaml").read_text(encoding="utf-8")
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for name, version in hub.items():
        assert f"{name}=={version}" in environment, f"environment.yml (the image) lacks {name}=={version}"


def test_a_class_set_up_not_a_demo_one():
    hub = CONFIG["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] not in ("dummy", "shared-password", "null")
    assert CONFIG["cull"]["enabled"] is True and 0 < CONFIG["cull"]["timeout"] <= 3600
    assert CONFIG["singleuser"]["defaultUrl"] == "/lab"
    assert CONFIG["singleuser"]["extraEnv"]["NEWSLAB_CLASS_LOG"] == "1"
    assert "--target-repo-dir" in PAGE  # the chart mounts the home volume over repo2docker's default


def test_check_values_reports_a_misspelt_key_with_its_path(tmp_path):
    chart = tmp_path / "jupyterhub"
    chart.mkdir()
    (chart / "values.yaml").write_text("singleuser:\n  memory:\n    limit:\n    guarantee: 1G\n", encoding="utf-8")
    schema = {"type": "object", "properties": {"singleuser": {"type": "object", "additionalProperties": False,
              "properties": {"memory": {"type": "object", "additionalProperties": False,
                                        "properties": {"limit": {}, "guarantee": {}}}}}}}
    (chart / "values.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("singleuser:\n  memory:\n    limit: 640M\n", encoding="utf-8")
    bad.write_text("singleuser:\n  memmory:\n    limit: 640M\n", encoding="utf-8")
    assert check_values.problems(chart, good) == []
    found = check_values.problems(chart, bad)
    assert len(found) == 1 and "singleuser" in found[0] and "memmory" in found[0]
    assert check_values.main([str(chart), str(bad)]) == 1 and check_values.main([str(tmp_path)]) == 2
