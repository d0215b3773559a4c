"""A class at scale: Binder builds from environment.yml, a hub gets one link per notebook.

repo2docker (what Binder runs) is not installed here, so the Binder test checks
what repo2docker reads from the repository, the way repo2docker reads it: which
configuration it picks, the Python version it parses from ``environment.yml``,
the conda channels, and the pip section, including whether the local install
(``-e .``) is seen as local, so that repo2docker installs the environment
after copying the repository rather than before (repo2docker PR #743).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import yaml

from newslab import NewslabError
from newslab.tools.cli import main
from newslab.tools.site import hub_links

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

# repo2docker's own patterns (repo2docker/buildpacks/conda/__init__.py and utils.py)
PYTHON_REGEX = re.compile(r"python\s*=+\s*([\d\.]*)")
# Files that make repo2docker choose another build pack, or look elsewhere, instead of environment.yml.
OVERRIDES = ("Dockerfile", "binder", ".binder", "Pipfile", "Pipfile.lock", "requirements.txt", "setup.py",
             "install.R", "DESCRIPTION", "Project.toml", "REQUIRE", "runtime.txt", "environment.yaml")


def is_local_pip_requirement(line: str) -> bool:
    """repo2docker's rule for a pip line that needs the repository's files."""
    line = line.split("#", 1)[0].strip()
    if not line:
        return False
    if line.startswith(("-r", "-c")):
        return True
    if line.startswith("-"):
        line = line.split(None, 1)[1]
    if "file://" in line:
        return True
    path = line.split("://", 1)[1] if "://" in line else line
    return path.startswith(".")


@pytest.fixture(scope="module")
def env():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_repo2docker_picks_environment_yml():
    present = [name for name in OVERRIDES if (ROOT / name).exists()]
    assert not present, f"repo2docker would use {present} instead of (or besides) environment.yml"
    assert (ROOT / "environment.yml").is_file()


def test_environment_yml_has_the_shape_conda_expects(env):
    assert isinstance(env, dict) and set(env) <= {"name", "channels", "dependencies"}, \
        "unexpected top-level keys (repo2docker ignores 'prefix'; a typo here is silently ignored)"
    assert env["channels"] == ["conda-forge"] or "conda-forge" in env["channels"]
    deps = env["dependencies"]
    assert isinstance(deps, list) and deps
    strings = [d for d in deps if isinstance(d, str)]
    dicts = [d for d in deps if isinstance(d, dict)]
    assert len(strings) + len(dicts) == len(deps), "a dependency is neither a spec nor a pip section"
    assert "pip" in strings, "the pip section needs pip itself in the conda dependencies"
    assert len(dicts) == 1 and set(dicts[0]) == {"pip"}


def test_python_version_is_one_repo2docker_reads_and_pyproject_allows(env, project):
    specs = [d for d in env["dependencies"] if isinstance(d, str) and d.split("=")[0].strip() == "python"]
    assert len(specs) == 1, "exactly one python spec"
    m = PYTHON_REGEX.match(specs[0])
    assert m and re.fullmatch(r"3\.\d+", m.group(1)), f"repo2docker needs python=3.X, not {specs[0]!r}"
    minimum = re.fullmatch(r">=\s*(3\.\d+)", project["requires-python"]).group(1)
    assert tuple(map(int, m.group(1).split("."))) >= tuple(map(int, minimum.split(".")))


def test_pip_section_installs_every_pin_and_newslab_after_the_repo_is_copied(env, project):
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    # newslab[lab] inside [test] includes another extra: its pins are listed there.
    wanted = [r for r in list(project["dependencies"]) + [r for extra in ("lab", "hub", "test") for r in project["optional-dependencies"][extra]]
              if not r.startswith(project["name"] + "[")]
    for req in wanted:
        name, version = req.split("==")
        assert f"{name.lower()}=={version}" in pip, f"environment.yml does not pin {req}"
    local = [line for line in pip if is_local_pip_requirement(line)]
    assert local == ["-e ."], "newslab itself must be installed from the repository (-e .)"
    # Every other line is an exact pin from the lock, some with the lock's platform marker.
    pinned = [line for line in pip if line not in local]
    assert all(re.fullmatch(r"[a-z0-9._-]+==[\w.]+( ; [^;]+)?", line) for line in pinned), \
        [line for line in pinned if not re.fullmatch(r"[a-z0-9._-]+==[\w.]+( ; [^;]+)?", line)]
    # The image repo2docker builds from this file is the students' image on a hub (deploy/): it needs
    # the single-user server of the pinned JupyterHub and nbgitpuller for the class links.
    assert any(line.startswith("nbgitpuller==") for line in pinned) and any(line.startswith("jupyterhub==") for line in pinned)


def test_the_local_rule_is_the_one_repo2docker_uses():
    assert is_local_pip_requirement("-e .") and is_local_pip_requirement("-r requirements.txt")
    assert is_local_pip_requirement("./pkg") and is_local_pip_requirement("git+file://x")
    assert not is_local_pip_requirement("pandas==3.1.1") and not is_local_pip_requirement("# -e .")


# --------------------------------------------------------------------------- nbgitpuller and Binder links


def test_one_nbgitpuller_link_per_notebook_opens_that_notebook():
    rows = hub_links(NOTEBOOKS, hub="https://hub.example.edu", repo="https://github.com/you/newslab",
                     branch="spring-2026", folder="student")
    assert [r["notebook"] for r in rows] == NOTEBOOKS
    for row in rows:
        url = urlparse(row["nbgitpuller"])
        assert (url.scheme, url.netloc, url.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
        query = parse_qs(url.query, strict_parsing=True)
        assert query == {"repo": ["https://github.com/you/newslab"], "branch": ["spring-2026"],
                         "urlpath": [f"lab/tree/newslab/student/{row['notebook']}"]}
        assert "/" not in url.query.split("urlpath=")[1], "urlpath must be URL-encoded inside the link"
        binder = urlparse(row["binder"])
        assert binder.netloc == "mybinder.org" and binder.path == "/v2/gh/you/newslab/spring-2026"
        assert unquote(binder.query) == f"labpath=student/{row['notebook']}"


def test_links_for_other_hosts_and_the_classic_interface():
    row = hub_links(["00-start-here.ipynb"], hub="https://hub.example.edu/jupyter/", repo="https://gitlab.com/me/class.git",
                    app="notebook", folder="")[0]
    assert row["nbgitpuller"].startswith("https://hub.example.edu/jupyter/hub/user-redirect/git-pull?")
    assert parse_qs(urlparse(row["nbgitpuller"]).query)["urlpath"] == ["tree/class/00-start-here.ipynb"]
    # nbgitpuller 1.3 clones "class.git" into a folder "class.git": the link names the folder the urlpath opens.
    assert parse_qs(urlparse(row["nbgitpuller"]).query)["targetpath"] == ["class"]
    assert "binder" not in row, "Binder links are made for GitHub repositories only"


@pytest.mark.parametrize("kwargs, message", [
    ({"hub": "hub.example.edu", "repo": "https://github.com/a/b"}, "not a web address"),
    ({"hub": "https://hub.example.edu", "repo": "my repo"}, "not a git repository address"),
    ({"hub": "https://hub.example.edu"}, "needs the repository"),
    ({"hub": "https://hub.example.edu", "repo": "https://github.com/a/b", "app": "voila"}, "unknown app"),
])
def test_bad_link_options(kwargs, message):
    with pytest.raises(NewslabError, match=message):
        hub_links(["00-start-here.ipynb"], **kwargs)


def test_cli_class_links(capsys, tmp_path):
    assert main(["class-links", "--hub", "https://hub.example.edu", "--repo", "https://github.com/you/newslab",
                 "--folder", "student", "--notebooks", str(ROOT / "notebooks"), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "notebook,nbgitpuller,binder" and len(lines) == len(NOTEBOOKS) + 1
    assert main(["class-links", "--repo", "https://gitlab.com/me/class", "--notebooks", str(ROOT / "notebooks")]) == 1
    assert "give --hub" in capsys.readouterr().err
    assert main(["class-links", "--hub", "https://h.example", "--repo", "https://github.com/a/b",
                 "--notebooks", str(tmp_path)]) == 1
    assert "no lesson notebooks" in capsys.readouterr().err


def test_readme_documents_the_class_paths():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Teaching a class", 1)[1].split("\n## ", 1)[0]
    for needed in ("environment.yml", "repo2docker", "nbgitpuller", "newslab class-links", "make student",
                   "<!-- bench:sizing:begin -->", "--sizing-markdown"):
        assert needed in section, f"README's 'Teaching a class' does not mention {needed}"
    for target in ("site", "sync"):
        out = __import__("subprocess").run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode == 0, f"make {target} is not defined"
