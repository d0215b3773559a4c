"""The ``newslab site`` and ``newslab class-links`` commands (:mod:`newslab.tools.site`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import NewslabError
from ..core.formats import add_format_argument, write_table
from .site import _GITHUB, build_site, default_out, hub_links


def _cmd_site(args) -> int:
    edition = "instructor" if args.instructor else "student"
    out = default_out(edition) if args.out is None else Path(args.out)
    pages = build_site(edition, out=out, notebooks=args.notebooks, lessons=args.lessons)
    print(f"{edition} site: {len(pages)} page(s) in {out} (open {out / 'index.html'})")
    return 0


def _cmd_links(args) -> int:
    folder = Path(args.notebooks)
    names = [p.name for p in sorted(folder.glob("[0-9][0-9]-*.ipynb"))]
    if not names:
        raise NewslabError(f"{folder}: there are no lesson notebooks (NN-name.ipynb)")
    if args.hub is None and (args.repo is None or not _GITHUB.match(args.repo)):
        raise NewslabError("give --hub HUB --repo REPO for nbgitpuller links, or a GitHub --repo for Binder links")
    rows = hub_links(names, hub=args.hub, repo=args.repo, branch=args.branch, folder=args.folder, app=args.app)
    columns = ["notebook"] + [c for c in ("nbgitpuller", "binder") if c in rows[0]]
    write_table(rows, columns, args.format, sys.stdout)
    return 0


def register_cli(subparsers) -> None:
    """Add ``newslab site`` and ``newslab class-links`` to the command line."""
    s = subparsers.add_parser(
        "site", help="build a static HTML site of the lessons that reads offline",
        description="Write the notebooks (and, for instructors, the lesson guides) as plain HTML pages "
                    "with no network assets into build/site/student (or build/site/instructor).")
    group = s.add_mutually_exclusive_group()
    group.add_argument("--student", action="store_true", help="the student edition (default): no solutions, no outputs")
    group.add_argument("--instructor", action="store_true", help="solutions, outputs and the lesson guides")
    s.add_argument("--out", default=None,
                   help="output folder (default: build/site/student or build/site/instructor, one per edition)")
    s.add_argument("--notebooks", default="notebooks", help="lesson notebooks (default: notebooks)")
    s.add_argument("--lessons", default="lessons", help="lesson guides (default: lessons)")
    s.set_defaults(func=_cmd_site)

    s = subparsers.add_parser(
        "class-links", help="print an nbgitpuller (JupyterHub) and Binder link for every lesson notebook",
        description="One link per notebook: an nbgitpuller link that clones REPO into each student's home on "
                    "HUB and opens the notebook, and a Binder link when REPO is on GitHub. Point them at a "
                    "repository holding the student build (make student), not at notebooks/ (it has the answers).")
    s.add_argument("--hub", help="the JupyterHub's address, e.g. https://hub.example.edu")
    s.add_argument("--repo", help="the git repository students pull, e.g. https://github.com/me/newslab-class")
    s.add_argument("--branch", default="main", help="its branch (default: main)")
    s.add_argument("--folder", default="notebooks",
                   help="where the notebooks are inside that repository (default: notebooks; '' for its top level)")
    s.add_argument("--notebooks", default="notebooks", help="the local folder whose notebooks to list (default: notebooks)")
    s.add_argument("--app", choices=["lab", "notebook"], default="lab", help="open in JupyterLab (default) or the classic notebook")
    add_format_argument(s)
    s.set_defaults(func=_cmd_links)

