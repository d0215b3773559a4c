"""`newslab site`: a static site that reads offline, links that resolve, text that stays text."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from newslab import NewslabError
from newslab.tools.cli import main
from newslab.tools.site import MARKER, build_site

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
ATTACK = "<script>alert(1)</script>"


class _Page(HTMLParser):
    """Collect a page's links, asset addresses and element ids."""

    def __init__(self):
        super().__init__()
        self.links, self.assets, self.ids, self.scripts = [], [], set(), 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts += 1
        for key in ("src", "srcset", "data"):
            if key in attrs:
                self.assets.append(attrs[key])
        if tag == "link" and "href" in attrs:
            self.assets.append(attrs["href"])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def check_site(site: Path) -> list[Path]:
    """Every internal link resolves (file and #fragment); nothing is fetched from elsewhere."""
    pages = sorted(site.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    for path, page in parsed.items():
        assert page.scripts == 0, f"{path.name} has a <script> element"
        for asset in page.assets:
            assert asset.startswith("data:") or not re.match(r"^([a-z]+:)?//", asset), \
                f"{path.name} loads {asset} from the network"
            if not asset.startswith("data:"):
                assert (path.parent / asset).resolve().is_file(), f"{path.name}: asset {asset} is missing"
        for href in page.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", href):
                continue  # an external address: a reference, not part of the site
            target, _, fragment = href.partition("#")
            file = (path.parent / target).resolve() if target else path.resolve()
            assert file.is_file(), f"{path.relative_to(site)}: link {href!r} points at nothing"
            assert site.resolve() in file.parents, f"{path.name}: link {href!r} leaves the site"
            if fragment:
                ids = parsed[file].ids if file in parsed else parse(file).ids
                assert html.unescape(fragment) in ids, f"{path.name}: link {href!r}: no such anchor"
    return pages


@pytest.fixture(scope="module")
def instructor_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "instructor"
    build_site("instructor", out=out, notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    return out


def test_instructor_site_has_every_notebook_and_guide_and_its_links_resolve(instructor_site):
    pages = check_site(instructor_site)
    names = {p.relative_to(instructor_site).as_posix() for p in pages}
    for nb in NOTEBOOKS:
        assert f"{nb.stem}.html" in names
        if (ROOT / "lessons" / f"{nb.stem}.md").is_file():
            assert f"lessons/{nb.stem}.html" in names
    index = (instructor_site / "index.html").read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        assert f'href="{nb.stem}.html"' in index
    # The instructor edition keeps the outputs: the committed self-check feedback is there.
    start = (instructor_site / "00-start-here.html").read_text(encoding="utf-8")
    assert "✓ Right" in start and "### BEGIN SOLUTION" in start
    # A form is explained, not left as a dead widget.
    assert "A form appears here when the notebook runs in Jupyter" in start
    guide = (instructor_site / "lessons" / "00-start-here.html").read_text(encoding="utf-8")
    assert "<h2>Objectives</h2>" in guide and "Common misconceptions" in guide


def test_student_site_gives_nothing_away(tmp_path):
    out = tmp_path / "student"
    pages = build_site("student", out=out, notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    check_site(out)
    assert not (out / "lessons").exists(), "the student site must not carry the instructor guides"
    assert pages[0] == out / "index.html"
    for page in out.glob("[0-9][0-9]-*.html"):
        text = page.read_text(encoding="utf-8")
        assert "### BEGIN SOLUTION" not in text and "✓ Right" not in text
        assert "YOUR ANSWER HERE" in text


def write_attack_notebooks(folder: Path, case_dir: Path) -> None:
    """A notebook whose outputs are what newslab displays for an article containing a script tag."""
    import newslab
    from newslab.notebook.show import show_article

    case = newslab.load_case(case_dir)
    shown = show_article(case)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# An article that fights back\n\nSee [the guide](../lessons/00-demo.md)."),
        nbformat.v4.new_code_cell("newslab.show_article(case)", execution_count=1, outputs=[
            nbformat.v4.new_output("execute_result", execution_count=1,
                                   data={"text/html": shown._repr_html_(), "text/plain": repr(shown)})]),
        nbformat.v4.new_code_cell("case", execution_count=2, outputs=[
            nbformat.v4.new_output("execute_result", execution_count=2,
                                   data={"text/html": case._repr_html_(), "text/plain": repr(case)})]),
        nbformat.v4.new_code_cell("print(case.headline)", execution_count=3, outputs=[
            nbformat.v4.new_output("stream", name="stdout", text=case.headline + "\n")]),
    ]
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "00-demo.ipynb")


def attack_case(tmp_path: Path) -> Path:
    """The second case with a script tag in its headline and in a new last paragraph."""
    case = tmp_path / "cases" / "script-case"
    shutil.copytree(ROOT / "cases" / "irish-border-2023", case)
    toml = (case / "case.toml").read_text(encoding="utf-8").replace('"irish-border-2023"', '"script-case"')
    (case / "case.toml").write_text(toml, encoding="utf-8")
    article = (case / "article.txt").read_text(encoding="utf-8")
    headline, rest = article.split("\n", 1)
    (case / "article.txt").write_text(f"{headline} {ATTACK}\n{rest.rstrip()}\n\nA reader wrote {ATTACK} & more.\n",
                                      encoding="utf-8")
    return case


def assert_escaped(site: Path) -> None:
    texts = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert not any(ATTACK in t for t in texts.values()), "article text was rendered as HTML"
    assert any(html.escape(ATTACK) in t for t in texts.values()), "the article text did not reach the site at all"


def test_article_text_is_escaped_on_the_site(tmp_path):
    case = attack_case(tmp_path)
    notebooks, lessons = tmp_path / "notebooks", tmp_path / "lessons"
    write_attack_notebooks(notebooks, case)
    lessons.mkdir()
    (lessons / "00-demo.md").write_text(f"---\ntitle: Demo {ATTACK}\nteaching: 1\nexercises: 1\n---\n"
                                        f"The guide quotes the article: {ATTACK}\n", encoding="utf-8")
    out = tmp_path / "build" / "site"
    build_site("instructor", out=out, notebooks=notebooks, lessons=lessons)
    check_site(out)
    assert_escaped(out)


@pytest.mark.notebook
def test_executed_lessons_escape_article_text_on_the_site(tmp_path, monkeypatch):
    """Run the real start notebook (and the synthesis) on the script-tag case, then build the site."""
    from nbclient import NotebookClient

    case = attack_case(tmp_path)
    monkeypatch.setenv("NEWSLAB_CASE", str(case))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("00-start-here.ipynb", "05-your-turn.ipynb"):
        if not (ROOT / "notebooks" / name).is_file():
            continue
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        nbformat.write(nb, notebooks / name)
    out = tmp_path / "site"
    build_site("instructor", out=out, notebooks=notebooks, lessons=ROOT / "lessons")
    check_site(out)
    assert_escaped(out)


def test_site_refuses_to_write_into_sources_or_foreign_folders(tmp_path):
    with pytest.raises(NewslabError, match="overlap the notebooks"):
        build_site("student", out=ROOT / "notebooks" / "site", notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(NewslabError, match="not written by `newslab site`"):
        build_site("student", out=foreign, notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "my notes"
    with pytest.raises(NewslabError, match="unknown edition"):
        build_site("teacher", out=tmp_path / "x", notebooks=ROOT / "notebooks")
    with pytest.raises(NewslabError, match="no lesson notebooks"):
        (tmp_path / "empty").mkdir()
        build_site("student", out=tmp_path / "y", notebooks=tmp_path / "empty")


def test_site_rebuilds_its_own_folder(tmp_path):
    out = tmp_path / "site"
    build_site("instructor", out=out, notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    assert (out / "lessons").is_dir() and (out / MARKER).is_file()
    build_site("student", out=out, notebooks=ROOT / "notebooks", lessons=ROOT / "lessons")
    assert not (out / "lessons").exists(), "a rebuild must not leave the other edition's pages behind"


def test_cli_site(tmp_path, capsys):
    out = tmp_path / "s"
    assert main(["site", "--instructor", "--out", str(out), "--notebooks", str(ROOT / "notebooks"),
                 "--lessons", str(ROOT / "lessons")]) == 0
    assert "instructor site" in capsys.readouterr().out
    assert main(["site", "--out", str(ROOT / "notebooks"), "--notebooks", str(ROOT / "notebooks")]) == 1
    assert "refusing" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["site", "--student", "--instructor"])
