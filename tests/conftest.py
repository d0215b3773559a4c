"""Shared fixtures: a small, valid case of our own (not the seed) to break in tests.

Students' saved work (stance codings, briefs) goes to ``$NEWSLAB_WORK``, by
default ``work/`` at the top of the checkout.  The tests, and every notebook
kernel they start (nbval's included: kernels inherit the environment), use an
empty temporary folder instead, set here before anything runs: a coding a
student saved while trying the lessons must never change a test's result or
an output nbval compares.  Tests that need their own folder set it with
``monkeypatch``.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The work folder of this test session: empty, temporary, outside the checkout.
TEST_WORK = Path(tempfile.mkdtemp(prefix="newslab-test-work-"))
os.environ["NEWSLAB_WORK"] = str(TEST_WORK)
atexit.register(shutil.rmtree, TEST_WORK, ignore_errors=True)

ARTICLE = """Andes towns brace for a dry summer as reservoirs fall

MENDOZA, Argentina — Reservoirs in the province of Mendoza stood at 41 percent of capacity on Monday, officials said, the lowest level since 2010.

“We have never seen the snowpack this thin,” said Laura Gómez, a hydrologist at the National University of Cuyo. “Farmers should plan for less water.”

The province shares a 1,500-km stretch of the Andes with Chile, according to the provincial water agency.
"""

FILES = {
    "case.toml": """\
        id = "andes-water"
        title = "Dry reservoirs in Mendoza"
        article = "article.txt"
        [dateline]
        place = "Mendoza"
        date = 2022-11-21
        [origin]
        outlet = "newslab test suite"
        wire = ""
        [licence]
        article = "Written for the newslab tests, CC0."
        tables = "CC0"
        [map]
        borders = [["ARG", "CHL"]]
        places = ["Mendoza"]
        """,
    "sources.csv": """\
        id,title,publisher,date,url,note
        dgi,Reservoir levels,Departamento General de Irrigación,2022-11,https://example.org/levels,
        calendar,Calendar arithmetic,newslab,,,
        """,
    "claims.csv": """\
        id,surface,value,unit,kind,qualifier,speaker,ref_value,ref_unit,source_id,note
        reservoir-share,41 percent,41,percent,measurement,,officials,41.2,percent,dgi,
        border-stretch,"1,500-km",1500,km,measurement,,the provincial water agency,,,,
        """,
    "voices.csv": """\
        id,speaker,kind,verb,mode,text,sentence,description,source_id
        officials,officials,unnamed,said,paraphrase,Reservoirs in the province of Mendoza stood at 41 percent,1,,
        gomez,Laura Gómez,expert,said,quote,"We have never seen the snowpack this thin,",2,hydrologist,
        """,
    "places.csv": """\
        name,lat,lon,kind,country,geonames_id,in_article,aliases,source_id,note
        Mendoza,-32.89,-68.83,city,ARG,3844421,yes,MENDOZA,dgi,
        Santiago,-33.45,-70.67,capital,CHL,,no,,dgi,
        """,
    "events.csv": """\
        id,start,end,label,surface,source_id,note
        monday,2022-11-21,,Reservoir reading,on Monday,calendar,
        low-2010,2010-01-01,2010-12-31,Previous low,since 2010,dgi,
        """,
    "checks.toml": """\
        [[question]]
        id = "00-weekday"
        prompt = "Which weekday?"
        type = "text"
        derive = "dateline_weekday"
        hints = ["Use strftime."]
        """,
}


def write_case(folder: Path, **overrides: str | None) -> Path:
    """Write the test case into ``folder``; ``overrides`` replace (or, with None, delete) files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    for name, content in FILES.items():
        key = name.replace(".", "_")
        content = overrides.get(key, content)
        if content is None:
            continue
        (folder / name).write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """A valid case folder named andes-water."""
    return write_case(tmp_path / "andes-water")


@pytest.fixture
def make_case(tmp_path: Path):
    """Build a case folder with some files replaced: make_case(claims_csv="...")."""

    def make(**overrides: str | None) -> Path:
        folder = tmp_path / "andes-water"
        if folder.exists():
            shutil.rmtree(folder)
        return write_case(folder, **overrides)

    return make


@pytest.fixture
def new_case(tmp_path: Path, capsys):
    """Run `newslab new-case` on an article the test writes: new_case(text, "2024-03-14") -> the case folder.

    What a teacher does with their own article; the command's report is swallowed.
    """
    from newslab.tools.cli import main

    def make(text: str, dateline: str, name: str = "new") -> Path:
        article = tmp_path / f"{name}.txt"
        article.write_text(text, encoding="utf-8")
        folder = tmp_path / name
        assert main(["new-case", "--dateline", dateline, str(article), str(folder)]) == 0
        capsys.readouterr()
        return folder

    return make

