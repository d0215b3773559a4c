"""A static HTML site of the lessons that reads offline: ``newslab site``.

``make site`` writes both editions, each into a folder of its own:
``build/site/student/`` (``newslab site --student``, the default) and
``build/site/instructor/`` (``newslab site --instructor``).  Each holds an
``index.html``, one page per notebook and a ``style.css``; building one
edition never touches the other's folder, so publishing ``build/site/student/``
after previewing the instructor edition publishes no answers.  Nothing on any
page comes from the network: no CDN script, no web font, no MathJax; figures
are embedded in the page as ``data:`` images, and the pages carry no
JavaScript at all.  Open ``build/site/student/index.html`` from a USB stick or put the
folder on any web server.

Two editions, as :mod:`newslab.build` makes them:

``--student``
    The notebooks as students get them: solutions replaced by placeholders
    and outputs cleared (an output could give an answer away).  No guides.
``--instructor``
    The notebooks with their solutions and outputs (text, tables, figures,
    self-check feedback), plus the lesson guides from ``lessons/`` rendered
    from Markdown.

How text is made safe: every ``newslab`` display escapes the article's text
before it becomes HTML (a test runs a notebook on an article containing
``<script>``), and every page body then goes through
:func:`newslab.sanitize.clean_html`, which keeps an allowlist of elements and
attributes: no ``<script>``, no ``on*=`` handler, no ``javascript:`` link and
no image from the network, whatever a markdown cell or an output holds; a form (an ipywidget) cannot work without a live kernel, so it
is replaced by a sentence that says so; the guides are rendered with raw HTML
switched off, so anything in them that looks like a tag is shown as text.
Links between pages are rewritten to the site's pages; a link to a file that
is not part of the site becomes plain text naming the file in the repository.

Examples
--------
>>> page_name("notebooks/03-border.ipynb")
'03-border.html'
>>> render_markdown("A <b>tag</b> and [a link](03-border.ipynb)")
'<p>A &lt;b&gt;tag&lt;/b&gt; and <a href="03-border.ipynb">a link</a></p>\\n'
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import tempfile
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

from ..core.errors import NewslabError
from ..core.files import exclusive, os_error_message, private_temp_folder, publish_folder
from ..core.sanitize import clean_html
from .build import _read_notebook, instructor_notebook, student_notebook

__all__ = ["EDITIONS", "MARKER", "build_site", "hub_links", "page_name", "render_markdown", "split_front_matter", "register_cli"]

EDITIONS = ("student", "instructor")
#: The file that marks a folder as written by ``newslab site`` (so it may be replaced).
MARKER = ".newslab-site"

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_WIDGET_NOTE = ('<p class="widget-note">A form appears here when the notebook runs in Jupyter. '
                "On this page, use the function call in the next cell: it is the same check.</p>")

_CSS = """\
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
       max-width: 52em; margin: 0 auto; padding: 1em 1.5em 4em; color: #111; background: #fff; }
header.site { border-bottom: 1px solid #ccc; margin-bottom: 1.5em; padding-bottom: 0.5em; }
header.site a { margin-right: 1em; }
.edition { font-size: 0.9em; background: #eef3f8; border-left: 4px solid #0072B2; padding: 0.3em 0.8em; }
pre, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; }
.jp-cell, .cell { margin: 0.8em 0; }
.input_area, .jp-InputArea-editor, div.highlight { background: #f6f6f6; border: 1px solid #e2e2e2;
       border-radius: 3px; padding: 0.2em 0.6em; overflow-x: auto; }
.prompt { display: none; }
.output_area, .output_subarea { overflow-x: auto; }
.output_stream pre, .output_text pre { margin: 0.3em 0; }
table { border-collapse: collapse; margin: 0.6em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; vertical-align: top; }
img { max-width: 100%; height: auto; }
figure { margin: 1em 0; }
figcaption { font-size: 0.92em; color: #333; }
.widget-note { font-style: italic; color: #444; }
.front-matter { background: #f6f6f6; border: 1px solid #e2e2e2; padding: 0.5em 1em; }
a { color: #0b5394; }
a.anchor-link { text-decoration: none; font-size: 0.6em; opacity: 0.5; margin-left: 0.3em; }
"""


def page_name(path: str | PathLike) -> str:
    """The site page of a notebook or Markdown file: same stem, ``.html``."""
    return Path(path).stem + ".html"


def render_markdown(text: str) -> str:
    """Markdown (CommonMark + tables) to HTML, with raw HTML shown as text, not obeyed."""
    from markdown_it import MarkdownIt  # markdown-it (the [lab] extra) only when the site is built

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md.render(text)


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split ``---`` YAML front matter from a Markdown text.

    Examples
    --------
    >>> split_front_matter("---\\ntitle: Hi\\nteaching: 5\\n---\\nBody")
    ({'title': 'Hi', 'teaching': 5}, 'Body')
    >>> split_front_matter("No front matter")
    ({}, 'No front matter')
    """
    m = re.match(r"---\n(.*?)\n---\n?", text, re.S)
    if not m:
        return {}, text
    import yaml  # PyYAML (the [lab] extra) only when the site is built

    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text
    return (data if isinstance(data, dict) else {}), text[m.end():]


def _front_matter_html(front: dict) -> str:
    if not front:
        return ""
    parts = ['<section class="front-matter" aria-label="Lesson summary">']
    minutes = [f"{key}: {int(front[key])} min" for key in ("teaching", "exercises") if isinstance(front.get(key), int)]
    if minutes:
        parts.append(f"<p><strong>{html.escape(' · '.join(minutes))}</strong></p>")
    for key in ("questions", "objectives", "keypoints"):
        items = front.get(key)
        if isinstance(items, list) and items:
            parts.append(f"<h2>{html.escape(key.capitalize())}</h2><ul>")
            parts += [f"<li>{html.escape(str(item))}</li>" for item in items]
            parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


@dataclass
class _Page:
    path: str  # relative to the site root, posix
    title: str
    body: str


def _title_of_notebook(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^# (.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def _prepare(nb):
    """Replace widget outputs by a note, and drop the saved widget state."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data and _WIDGET_MIME in data:
                out["data"] = {"text/html": _WIDGET_NOTE, "text/plain": "(a form: it needs a live notebook)"}
    return nb


def _notebook_body(nb) -> str:
    from nbconvert import HTMLExporter  # nbconvert (the [lab] extra) only when the site is built

    exporter = HTMLExporter(template_name="basic", exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _fix_links(body: str, page: str, pages: set[str], mapping: dict[str, str]) -> str:
    """Point links at the site's pages; unwrap links to files the site does not have."""
    here = posixpath.dirname(page)

    def repl(m: re.Match) -> str:
        attrs_before, href, attrs_after, inner = m.group(1), html.unescape(m.group(2)), m.group(3), m.group(4)
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith("#") or href.startswith("//"):
            return m.group(0)  # external address, mail, or an anchor on this page
        target, _, fragment = href.partition("#")
        resolved = posixpath.normpath(posixpath.join(here, target)) if target else page
        key = posixpath.basename(resolved)
        site_target = resolved if resolved in pages else mapping.get(key)
        if site_target is None:
            return f'<span class="repo-file" title="{html.escape(resolved)} in the repository">{inner}</span>'
        new = posixpath.relpath(site_target, here or ".") + (f"#{fragment}" if fragment else "")
        return f'<a{attrs_before}href="{html.escape(new)}"{attrs_after}>{inner}</a>'

    return re.sub(r'<a(\s[^>]*?)?href="([^"]*)"([^>]*)>(.*?)</a>', repl, body, flags=re.S)


def _page_html(title: str, body: str, edition: str, depth: int, nav: list[tuple[str, str]]) -> str:
    up = "../" * depth
    links = " ".join(f'<a href="{html.escape(up + href)}">{html.escape(label)}</a>' for href, label in nav)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} · newslab</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n'
        "</head>\n<body>\n"
        f'<header class="site"><nav aria-label="Site">{links}</nav>\n'
        f'<p class="edition">{html.escape(edition.capitalize())} edition'
        + (" (solutions replaced by placeholders, outputs cleared)" if edition == "student"
           else " (solutions, outputs and the instructor guides)")
        + "</p></header>\n<main>\n"
        + body
        + "\n</main>\n</body>\n</html>\n"
    )


def _check_out(out: Path, notebooks: Path, lessons: Path) -> None:
    target = out.resolve()
    for what, folder in (("notebooks", notebooks), ("lessons", lessons)):
        folder = folder.resolve()
        if target == folder or folder in target.parents or target in folder.parents:
            raise NewslabError(f"refusing to write the site into {out}: it would overlap the {what} folder {folder}")
    if out.exists():
        if not out.is_dir():
            raise NewslabError(f"{out}: exists and is a file, not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise NewslabError(f"{out}: exists, is not empty and was not written by `newslab site`; "
                               "choose another --out folder or empty this one")


def default_out(edition: str) -> Path:
    """Where an edition's site goes unless told: ``build/site/<edition>``.

    Examples
    --------
    >>> default_out("student").as_posix(), default_out("instructor").as_posix()
    ('build/site/student', 'build/site/instructor')
    """
    return Path("build") / "site" / edition


def build_site(
    edition: str = "student",
    out: str | PathLike | None = None,
    notebooks: str | PathLike = Path("notebooks"),
    lessons: str | PathLike = Path("lessons"),
) -> list[Path]:
    """Write the static site of one edition into ``out`` and return its pages.

    Parameters
    ----------
    edition : {"student", "instructor"}
    out : path-like, optional
        The site folder, replaced as a whole (it must be empty, missing, or a
        site written earlier by this function); default
        :func:`default_out` of the edition, so the two editions never share one.
    notebooks, lessons : path-like
        Where the lesson notebooks (``NN-slug.ipynb``) and guides
        (``NN-slug.md``) are.

    Returns
    -------
    list of Path
        The HTML pages written, ``index.html`` first.

    Raises
    ------
    NewslabError
        Unknown edition, no notebooks, an output folder that overlaps a
        source folder or holds someone else's files, a notebook that cannot
        be read.
    """

    if edition not in EDITIONS:
        raise NewslabError(f"unknown edition {edition!r}: choose 'student' or 'instructor'")
    out = default_out(edition) if out is None else Path(out)
    notebooks, lessons = Path(notebooks), Path(lessons)
    if not notebooks.is_dir():
        raise NewslabError(f"{notebooks}: the notebooks folder does not exist")
    _check_out(out, notebooks, lessons)
    sources = sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))
    if not sources:
        raise NewslabError(f"{notebooks}: there are no lesson notebooks (NN-name.ipynb)")
    guides = sorted(lessons.glob("[0-9][0-9]-*.md")) if edition == "instructor" and lessons.is_dir() else []

    pages: list[_Page] = []
    for path in sources:
        nb = _read_notebook(path)
        try:
            nb = student_notebook(nb) if edition == "student" else instructor_notebook(nb)
        except NewslabError as err:
            raise NewslabError(f"{path}, {err}") from None
        title = _title_of_notebook(nb, path.stem)
        pages.append(_Page(page_name(path), title, _notebook_body(_prepare(nb))))
    for path in guides:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        title = str(front.get("title") or path.stem)
        content = f"<h1>{html.escape(title)}</h1>\n{_front_matter_html(front)}\n{render_markdown(body)}"
        pages.append(_Page(f"lessons/{page_name(path)}", f"Guide: {title}", content))

    # The index: every notebook, and (instructor) its guide.
    guide_pages = {Path(p.path).stem: p.path for p in pages if p.path.startswith("lessons/")}
    rows = []
    for p in pages:
        if p.path.startswith("lessons/"):
            continue
        stem = Path(p.path).stem
        guide = guide_pages.get(stem)
        cell = f'<a href="{html.escape(guide)}">guide</a>' if guide else ""
        rows.append(f'<tr><td><a href="{html.escape(p.path)}">{html.escape(stem[:2])}</a></td>'
                    f'<td><a href="{html.escape(p.path)}">{html.escape(p.title)}</a></td><td>{cell}</td></tr>')
    index_body = (
        "<h1>newslab: the lessons</h1>\n"
        "<p>Jupyter lessons that teach how to check a news story. This site is a read-only copy; "
        "to run the lessons, open the notebooks in Jupyter (see the README).</p>\n"
        '<table><thead><tr><th scope="col">#</th><th scope="col">notebook</th>'
        f'<th scope="col">instructor guide</th></tr></thead><tbody>\n{chr(10).join(rows)}\n</tbody></table>\n'
    )
    pages.insert(0, _Page("index.html", "newslab", index_body))

    paths = {p.path for p in pages}
    mapping = {}
    for p in pages:  # what a link may name: the notebook or guide file, or the page itself
        stem = Path(p.path).stem
        mapping[p.path.rsplit("/", 1)[-1]] = p.path
        if p.path.startswith("lessons/"):
            mapping[stem + ".md"] = p.path
        elif p.path != "index.html":
            mapping[stem + ".ipynb"] = p.path
    nav = [("index.html", "All lessons")]


    written = []
    # One `newslab site` at a time per folder (a second one is refused, not
    # tangled with the first); the new site is built beside the old one and
    # swapped in, with ordinary permissions (0755/0644 under the usual umask).
    with exclusive(out.parent / f".{out.name}.newslab-lock", f"the site in {out}"):
        _check_out(out, notebooks, lessons)
        tmp = private_temp_folder(out.parent, ".site-")
        old = None
        try:
            (tmp / "style.css").write_text(_CSS, encoding="utf-8")
            (tmp / MARKER).write_text(f"Written by newslab site ({edition} edition); rebuilt as a whole.\n", encoding="utf-8")
            for p in pages:
                # No page carries script, whatever a notebook holds (see newslab.sanitize).
                body = _fix_links(clean_html(p.body), p.path, paths, mapping)
                target = tmp / p.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(_page_html(p.title, body, edition, p.path.count("/"), nav), encoding="utf-8")
                written.append(out / p.path)
            publish_folder(tmp)
            if out.exists():
                old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=out.parent))
                os.replace(out, old)
            os.replace(tmp, out)
        except OSError as exc:
            if old is not None and not out.exists():
                os.replace(old, out)  # put the previous site back
                old = None
            raise NewslabError(os_error_message(exc, out, "cannot write the site") + "; the previous site is unchanged") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    return written


# --------------------------------------------------------------------------- links for a class server

_GITHUB = re.compile(r"^https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


def hub_links(notebooks: list[str], hub: str | None = None, repo: str | None = None, branch: str = "main",
              folder: str = "notebooks", app: str = "lab") -> list[dict[str, str]]:
    """One nbgitpuller link (and, for a GitHub repository, one Binder link) per notebook.

    An nbgitpuller link opens the hub, clones ``repo`` into the student's home
    (or pulls it again, keeping the student's changes) and opens the notebook.
    The link is ``{hub}/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``,
    every value URL-encoded; ``urlpath`` is ``lab/tree/<clone folder>/<folder>/<notebook>``,
    where the clone folder is the repository's name, as nbgitpuller names it.

    Give students a repository (or branch) that holds the **student build**
    (``make student``, then commit ``build/student/`` as its own repository):
    the lesson notebooks in ``notebooks/`` carry the solutions.

    Parameters
    ----------
    notebooks : list of str
        Notebook file names, e.g. ``["00-start-here.ipynb"]``.
    hub : str, optional
        The JupyterHub's address, e.g. ``https://hub.example.edu``.
    repo : str, optional
        The git repository students pull, e.g. ``https://github.com/me/newslab-class``.
    branch : str
    folder : str
        Where the notebooks are inside the repository ("" for its top level).
    app : {"lab", "notebook"}
        JupyterLab (``lab/tree/...``) or the classic notebook interface (``tree/...``).

    Returns
    -------
    list of dict
        ``notebook``, ``nbgitpuller`` (when ``hub`` and ``repo`` are given) and
        ``binder`` (when ``repo`` is on GitHub).

    Examples
    --------
    >>> row = hub_links(["00-start-here.ipynb"], hub="https://hub.example.edu/",
    ...                 repo="https://github.com/me/newslab-class.git", folder="")[0]
    >>> print(row["nbgitpuller"])
    https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fme%2Fnewslab-class.git&branch=main&urlpath=lab%2Ftree%2Fnewslab-class%2F00-start-here.ipynb&targetpath=newslab-class
    >>> print(row["binder"])
    https://mybinder.org/v2/gh/me/newslab-class/main?labpath=00-start-here.ipynb
    """

    if app not in ("lab", "notebook"):
        raise NewslabError(f"unknown app {app!r}: choose 'lab' or 'notebook'")
    if hub is not None:
        parsed = urlparse(hub)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise NewslabError(f"--hub {hub!r} is not a web address such as https://hub.example.edu")
    if repo is not None and not re.match(r"^(https?|git|ssh)://\S+$|^git@\S+:\S+$|^file:///\S+$", repo):
        raise NewslabError(f"--repo {repo!r} is not a git repository address such as https://github.com/me/newslab")
    if hub is not None and repo is None:
        raise NewslabError("an nbgitpuller link needs the repository too (--repo)")
    clone = re.sub(r"\.git$", "", repo.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]) if repo else ""
    github = _GITHUB.match(repo or "")
    rows = []
    for name in notebooks:
        path = "/".join(p for p in (folder.strip("/"), name) if p)
        row = {"notebook": name}
        if hub is not None:
            tree = "lab/tree" if app == "lab" else "tree"
            fields = {"repo": repo, "branch": branch, "urlpath": f"{tree}/{clone}/{path}"}
            if clone != repo.rstrip("/").rsplit("/", 1)[-1]:  # nbgitpuller would keep the ".git" in the folder name
                fields["targetpath"] = clone
            query = urlencode(fields, quote_via=quote, safe="")
            row["nbgitpuller"] = f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"
        if github:
            row["binder"] = (f"https://mybinder.org/v2/gh/{github.group(1)}/{github.group(2)}/{quote(branch, safe='')}"
                             f"?labpath={quote(path, safe='/')}")
        rows.append(row)
    return rows
