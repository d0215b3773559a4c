"""Build the student and instructor editions of the lesson notebooks.

The notebooks in ``notebooks/`` are the instructor's: they hold the worked
answers and their outputs.  Exercises mark the answer the way nbgrader does::

    ### BEGIN SOLUTION
    share = 3.5e6 / 88_455_488 * 100
    ### END SOLUTION
    check("02-share", share)

:func:`build` writes two editions from them:

* ``build/student/``: every answer replaced by a placeholder, outputs cleared,
  so that a student starts from a clean notebook which still runs to the end
  (the self-checks then say what is missing);
* ``build/instructor/``: the notebooks as they are, plus the instructor guides
  from ``lessons/``.

A build never writes inside a source folder and never overwrites a file that
someone edited after it was built (unless asked to with ``force=True``).

Examples
--------
>>> print(strip_solution('### BEGIN SOLUTION\\nshare = 3.5e6 / 88_455_488 * 100\\n'
...                      '### END SOLUTION\\ncheck("02-share", share)\\n'))
share = ...  # YOUR ANSWER HERE
check("02-share", share)
<BLANKLINE>
"""

from __future__ import annotations

import ast
import contextlib
import copy
import hashlib
import json
import os
import re
import shutil
import tempfile
import textwrap
import warnings
from pathlib import Path

from ..core.errors import NewslabError
from ..core.files import os_error_message

__all__ = [
    "BEGIN_SOLUTION",
    "END_SOLUTION",
    "CODE_PLACEHOLDER",
    "MARKDOWN_PLACEHOLDER",
    "MANIFEST_NAME",
    "KINDS",
    "strip_solution",
    "names_read",
    "solution_cells",
    "student_notebook",
    "instructor_notebook",
    "nbgrader_metadata",
    "build",
]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"

#: What a solution block that assigns nothing becomes (one line each).
CODE_PLACEHOLDER = (
    "# YOUR CODE HERE",
    'raise NotImplementedError("Write your answer here, then run the cell again.")',
)
#: What a solution block in a markdown (or raw) cell becomes.
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
#: The line written for each name a solution block assigns.
ANSWER_LINE = "{name} = ...  # YOUR ANSWER HERE"

#: The build's record of what it wrote, kept in the output folder.
MANIFEST_NAME = ".newslab-build.json"
KINDS = ("student", "instructor")

#: Folders a build refuses to write into (or below).
SOURCE_FOLDER_NAMES = frozenset({"notebooks", "lessons", "cases", "seeds", "src"})

#: Cell metadata that records when a cell last ran (JupyterLab, the
#: ExecuteTime extension, papermill); a student notebook starts without it.
TIMING_METADATA = ("execution", "ExecuteTime", "papermill")

_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>### (?:BEGIN|END) SOLUTION)[ \t]*$")


# ---------------------------------------------------------------------------
# Pure functions: one cell, one notebook
# ---------------------------------------------------------------------------


def _split_line_ending(line: str) -> tuple[str, str]:
    """Split ``line`` into its text and its line ending ('' on the last line)."""
    text = line.rstrip("\r\n")
    return text, line[len(text):]


def _marker(line: str) -> tuple[str, str] | None:
    """Return ``(indent, marker)`` if ``line`` is a solution marker on its own."""
    match = _MARKER.match(_split_line_ending(line)[0])
    return (match["indent"], match["marker"]) if match else None


def _target_names(target: ast.expr) -> list[str]:
    """The plain names an assignment target binds (tuples and lists unpacked)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_names(element)]
    return []  # attribute or subscript: nothing new to name


def _parse(code: str) -> ast.Module | None:
    """``code`` parsed, dedented if it must be; None when it does not parse even then."""
    for text in (code, textwrap.dedent(code)):
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):  # ValueError: source with a NUL byte
            continue
    return None


def _assignments(block: str) -> list[list[str]] | None:
    """The names each top-level assignment of ``block`` binds, statement by statement.

    Returns None when the block does not parse, even once dedented.
    """
    tree = _parse(block)
    if tree is None:
        return None
    statements: list[list[str]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        names = [name for target in targets for name in _target_names(target)]
        if names:
            statements.append(names)
    return statements


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def names_read(code: str) -> set[str]:
    """The names ``code`` reads (loads), solution blocks left out.

    Code that does not parse (an IPython magic, a half-written line) counts
    every identifier in it as read: a name wrongly counted as read only gets
    a placeholder it did not need, a name missed would raise ``NameError``.

    Examples
    --------
    >>> sorted(names_read('total = price * n\\nprint(total)'))
    ['n', 'price', 'print', 'total']
    >>> sorted(names_read('### BEGIN SOLUTION\\nx = y\\n### END SOLUTION\\ncheck("q", x)'))
    ['check', 'x']
    """
    kept: list[str] = []
    inside = False
    for line in code.splitlines():
        marker = _marker(line)
        if marker is not None:
            if marker[1] == BEGIN_SOLUTION:
                kept.append(marker[0] + "pass")  # keeps an indented body parseable
            inside = marker[1] == BEGIN_SOLUTION
        elif not inside:
            kept.append(line)
    text = "\n".join(kept)
    tree = _parse(text)
    if tree is None:
        return set(_IDENTIFIER.findall(text))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


_STUB_LINE = re.compile(r"^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*\.\.\.(?:[ \t]*#.*)?$")


def _stubbed_names(lines: list[str]) -> set[str]:
    """Names already set to ``...`` on the lines before a block (``x = ...  # YOUR ANSWER HERE``)."""
    return {m.group("name") for m in map(_STUB_LINE.match, (line.rstrip("\r\n") for line in lines)) if m}


def _placeholder(
    block: str, indent: str, cell_type: str, stubbed: set[str] = frozenset(), read_after: set[str] | None = None
) -> list[str]:
    """The lines (without line endings) that replace one solution block.

    A code block gets a ``name = ...`` line for each name the learner must
    provide: those it assigns that are read after it (``read_after``), or,
    when none is, those its last assignment binds, its result.  The names
    a solution uses only inside the block are the learner's business.
    ``read_after`` None means every name the block assigns.

    Names in ``stubbed`` were already given a ``...`` placeholder above the
    block in the cell (the form nbgrader needs, see :func:`strip_solution`),
    so they are not repeated; a block whose names all are becomes nothing.
    """
    if cell_type != "code":
        return [indent + MARKDOWN_PLACEHOLDER]
    statements = _assignments(block)
    if not statements:
        return [indent + line for line in CODE_PLACEHOLDER]
    names = list(dict.fromkeys(name for names in statements for name in names))
    if read_after is not None:
        names = [name for name in names if name in read_after] or list(dict.fromkeys(statements[-1]))
    return [indent + ANSWER_LINE.format(name=name) for name in names if name not in stubbed]


def strip_solution(source: str, cell_type: str = "code", read_later: set[str] | frozenset[str] = frozenset()) -> str:
    """Replace every solution block in a cell's source by a student placeholder.

    A solution block runs from a ``### BEGIN SOLUTION`` line to the next
    ``### END SOLUTION`` line, both markers included.  A marker counts only
    when it is alone on its line (indentation and trailing blanks allowed)
    and spelled exactly so.  Everything outside the blocks is kept as it is.

    In a code cell the placeholder keeps the notebook runnable: each name the
    learner must provide becomes ``x = ...  # YOUR ANSWER HERE``, so the
    self-check that follows reports a missing answer instead of a
    ``NameError``.  A learner must provide the names the block assigns at its
    top level (``x = ...``, ``x: float = ...``, ``x += ...``, ``a, b = ...``)
    that are read after it, in the rest of the cell or in a later cell
    (``read_later``); when none is, the names its last assignment binds (its
    result).  Names a solution uses only inside its block get no placeholder:
    they are steps of one way to the answer, not part of the question.  A
    block that assigns nothing, or does not parse on its own, becomes
    ``# YOUR CODE HERE`` and a ``raise NotImplementedError``.
    The placeholder is indented like the ``### BEGIN SOLUTION`` marker.
    In a markdown (or raw) cell the block becomes ``*Write your answer here.*``.

    A name that the cell already sets to ``...`` above the block is not
    repeated.  The lessons' exercise cells are written that way, so that
    nbgrader, which replaces a block by one fixed stub whatever it assigns,
    gives students the same runnable cell as this build (see
    ``nbgrader_config.py`` in the README's teacher section).

    Parameters
    ----------
    source : str
        The cell's source.
    cell_type : {"code", "markdown", "raw"}, default "code"
        The cell's type; anything but "code" gets the markdown placeholder.
    read_later : set of str, default empty
        The names the notebook's later cells read (:func:`names_read`);
        :func:`student_notebook` passes them.

    Returns
    -------
    str
        The source with the solution blocks replaced; ``source`` itself when
        it has no markers.

    Raises
    ------
    NewslabError
        If a ``### BEGIN SOLUTION`` has no ``### END SOLUTION`` after it, or
        an ``### END SOLUTION`` has no ``### BEGIN SOLUTION`` before it.  The
        message names the marker and its line in the cell (1-based); the
        caller adds the notebook and the cell.

    Examples
    --------
    >>> src = '''### BEGIN SOLUTION
    ... share = 3.5e6 / 88_455_488 * 100
    ... ### END SOLUTION
    ... check("02-share", share)'''
    >>> print(strip_solution(src))
    share = ...  # YOUR ANSWER HERE
    check("02-share", share)

    Tuple targets give one line per name; the markers' indentation is kept:

    >>> src = '''for row in rows:
    ...     ### BEGIN SOLUTION
    ...     total, n = total + row, n + 1
    ...     ### END SOLUTION'''
    >>> print(strip_solution(src))
    for row in rows:
        total = ...  # YOUR ANSWER HERE
        n = ...  # YOUR ANSWER HERE

    A name the solution uses only on its way to the answer gets no placeholder:

    >>> print(strip_solution('### BEGIN SOLUTION\\nby_length = table.sort_values("words")\\n'
    ...                      'longest = by_length.iloc[-1]\\n### END SOLUTION\\ncheck("00-longest", longest)'))
    longest = ...  # YOUR ANSWER HERE
    check("00-longest", longest)

    Names already set to ``...`` above the block are not repeated:

    >>> print(strip_solution('share = ...  # YOUR ANSWER HERE\\n### BEGIN SOLUTION\\n'
    ...                      'share = 3.5e6 / 88_455_488 * 100\\n### END SOLUTION\\ncheck("02-share", share)'))
    share = ...  # YOUR ANSWER HERE
    check("02-share", share)

    A block that assigns nothing raises when run:

    >>> print(strip_solution('### BEGIN SOLUTION\\nprint(42)\\n### END SOLUTION'))
    # YOUR CODE HERE
    raise NotImplementedError("Write your answer here, then run the cell again.")

    >>> print(strip_solution('Who is quoted?\\n### BEGIN SOLUTION\\nTwo officials.\\n'
    ...                      '### END SOLUTION', "markdown"))
    Who is quoted?
    *Write your answer here.*

    >>> strip_solution('### BEGIN SOLUTION\\nx = 1')
    Traceback (most recent call last):
        ...
    newslab.core.errors.NewslabError: ### BEGIN SOLUTION on line 1 has no ### END SOLUTION after it
    """
    if not isinstance(source, str):
        raise NewslabError(f"a cell's source must be text, not {type(source).__name__}")
    if cell_type not in ("code", "markdown", "raw"):
        raise NewslabError(f"unknown cell type {cell_type!r} (expected code, markdown or raw)")
    if BEGIN_SOLUTION not in source and END_SOLUTION not in source:
        return source

    out: list[str] = []
    block: list[str] = []
    begin: tuple[int, str] | None = None  # (line number, indentation) of the open block
    lines = source.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        marker = _marker(line)
        if marker is None:
            (out if begin is None else block).append(line)
            continue
        indent, word = marker
        if word == BEGIN_SOLUTION:
            if begin is not None:
                raise NewslabError(
                    f"{BEGIN_SOLUTION} on line {number} comes before the {END_SOLUTION} "
                    f"of the block that begins on line {begin[0]}"
                )
            begin, block = (number, indent), []
        else:
            if begin is None:
                raise NewslabError(f"{END_SOLUTION} on line {number} has no {BEGIN_SOLUTION} before it")
            ending = _split_line_ending(line)[1]
            read_after = names_read("".join(lines[number:])) | set(read_later) if cell_type == "code" else None
            placeholder = _placeholder("".join(block), begin[1], cell_type, _stubbed_names(out), read_after)
            if placeholder:
                out.append((ending or "\n").join(placeholder) + ending)
            begin = None
    if begin is not None:
        raise NewslabError(f"{BEGIN_SOLUTION} on line {begin[0]} has no {END_SOLUTION} after it")
    return "".join(out)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _tags(cell) -> list:
    tags = cell.get("metadata", {}).get("tags", [])
    return tags if isinstance(tags, list) else []


def _has_markers(source: str) -> bool:
    return any(_marker(line) for line in source.splitlines())


def solution_cells(nb) -> list[int]:
    """Indices (0-based) of the cells that contain a solution marker.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A version 4 notebook.

    Returns
    -------
    list of int

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell
    >>> nb = new_notebook(cells=[new_markdown_cell("# Shares"),
    ...                          new_code_cell("### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION")])
    >>> solution_cells(nb)
    [1]
    """
    return [i for i, cell in enumerate(nb.cells) if _has_markers(_source(cell))]


def _with_build(nb, kind: str):
    nb = copy.deepcopy(nb)
    previous = nb.metadata.get("newslab")
    nb.metadata["newslab"] = {**(previous if isinstance(previous, dict) else {}), "build": kind}
    return nb


def student_notebook(nb):
    """Return the student edition of a notebook (a copy; ``nb`` is unchanged).

    * cells tagged ``remove-student`` are dropped;
    * every solution block is replaced by its placeholder (see
      :func:`strip_solution`: the names the rest of the notebook reads, or the
      block's result, never the steps a solution takes inside its block); a
      cell tagged ``solution`` without markers is replaced as a whole;
    * outputs are cleared and execution counts set to None;
    * cell metadata loses execution timing (``execution``, ``ExecuteTime``,
      ``papermill``) and keeps the rest, tags included;
    * notebook metadata is kept, with ``newslab.build`` set to ``"student"``,
      except saved widget state (``widgets``), which holds what the
      instructor typed into the forms.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A version 4 notebook.

    Returns
    -------
    nbformat.NotebookNode

    Raises
    ------
    NewslabError
        If a cell has unbalanced markers; the message starts with
        ``cell N`` (1-based, counting the cells of ``nb``).

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> nb = new_notebook(cells=[new_code_cell(
    ...     "### BEGIN SOLUTION\\nx = 6 * 7\\n### END SOLUTION\\nx", execution_count=1)])
    >>> student = student_notebook(nb)
    >>> print(student.cells[0].source)
    x = ...  # YOUR ANSWER HERE
    x
    >>> student.cells[0].execution_count, student.metadata.newslab.build
    (None, 'student')
    >>> nb.cells[0].execution_count  # the original is untouched
    1
    """
    nb = _with_build(nb, "student")
    nb.metadata.pop("widgets", None)  # saved widget state: the instructor's answers, in the forms
    # What the cells after each one read (a student's copy keeps only what they read).
    read_later: list[set[str]] = []
    later: set[str] = set()
    for cell in reversed(nb.cells):
        read_later.append(set(later))
        tags = _tags(cell)
        if cell.get("cell_type") == "code" and "remove-student" not in tags and "solution" not in tags:
            later |= names_read(_source(cell))
    read_later.reverse()
    cells = []
    for number, cell in enumerate(nb.cells, start=1):
        tags = _tags(cell)
        if "remove-student" in tags:
            continue
        cell_type = cell.get("cell_type", "code")
        text_type = cell_type if cell_type in ("code", "markdown", "raw") else "raw"
        source = _source(cell)
        try:
            stripped = strip_solution(source, text_type, read_later[number - 1])
        except NewslabError as err:
            raise NewslabError(f"cell {number}: {err}") from None
        if "solution" in tags and not _has_markers(source):
            if text_type == "code":
                stripped = "\n".join(CODE_PLACEHOLDER)
            else:
                stripped = MARKDOWN_PLACEHOLDER
        cell["source"] = stripped
        if cell_type == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for key in TIMING_METADATA:
            metadata.pop(key, None)
        cells.append(cell)
    nb.cells = cells
    return nb


def instructor_notebook(nb):
    """Return the instructor edition: a copy with ``newslab.build`` = "instructor".

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> nb = new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION")])
    >>> teacher = instructor_notebook(nb)
    >>> teacher.cells == nb.cells, teacher.metadata.newslab.build, "newslab" in nb.metadata
    (True, 'instructor', False)
    """
    return _with_build(nb, "instructor")


# ---------------------------------------------------------------------------
# nbgrader: the cell metadata its commands read
# ---------------------------------------------------------------------------

#: The self-check an exercise cell ends with, and the graded cell under it.
_CHECK_ID = re.compile(r"""newslab\.check\(\s*["']([\w-]+)["']""")
_GRADE_CALL = re.compile(r"""^\s*newslab\.grade\(\s*["']([\w-]+)["'](?P<rest>[^#\n]*)""", re.M)
_POINTS = re.compile(r"points\s*=\s*(\d+(?:\.\d+)?)")


def nbgrader_metadata(nb):
    """A copy of ``nb`` whose cells carry the metadata nbgrader needs, derived from their sources.

    * A cell with solution markers is a *solution cell*, ``grade_id``
      ``<question>-answer`` (the question its ``newslab.check`` names);
    * a code cell that calls ``newslab.grade("<question>", ...)`` is a
      *locked, graded test cell* worth ``points`` (default 1), ``grade_id``
      ``<question>``: its result is the points the answer earns
      (:func:`newslab.checks.grade`), which nbgrader's autograder reads as
      the cell's score;
    * every other cell carries no nbgrader metadata.

    ``make sync`` writes it into ``notebooks/`` (``python -m newslab.tools.build
    --nbgrader-metadata``), and a test fails when a notebook lacks it.

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_code_cell
    >>> nb = nbgrader_metadata(new_notebook(cells=[
    ...     new_code_cell('x = ...\\n### BEGIN SOLUTION\\nx = 1\\n### END SOLUTION\\nnewslab.check("00-x", x)'),
    ...     new_code_cell('newslab.grade("00-x", x)')]))
    >>> [(c.metadata.nbgrader["grade_id"], c.metadata.nbgrader["solution"], c.metadata.nbgrader["locked"]) for c in nb.cells]
    [('00-x-answer', True, False), ('00-x', False, True)]
    """
    nb = copy.deepcopy(nb)
    seen: set[str] = set()
    for number, cell in enumerate(nb.cells, start=1):
        source = _source(cell)
        metadata = cell.setdefault("metadata", {})
        graded = _GRADE_CALL.search(source) if cell.get("cell_type") == "code" else None
        if _has_markers(source):
            qid = _CHECK_ID.search(source)
            grade_id = f"{qid.group(1) if qid else f'cell-{number}'}-answer"
            meta = {"grade": False, "grade_id": grade_id, "locked": False, "schema_version": 3, "solution": True}
        elif graded:
            points = _POINTS.search(graded.group("rest"))
            grade_id = graded.group(1)
            meta = {"grade": True, "grade_id": grade_id, "locked": True,
                    "points": float(points.group(1)) if points else 1, "schema_version": 3, "solution": False}
        else:
            metadata.pop("nbgrader", None)
            continue
        if grade_id in seen:
            raise NewslabError(f"cell {number}: nbgrader id {grade_id!r} is used twice in this notebook")
        seen.add(grade_id)
        metadata["nbgrader"] = meta
    return nb


def _write_nbgrader_metadata(paths: list[str]) -> int:
    """``python -m newslab.tools.build --nbgrader-metadata NOTEBOOK...``: add the metadata in place."""
    for name in paths:
        path = Path(name)
        nb = _read_notebook(path)
        try:
            tagged = nbgrader_metadata(nb)
        except NewslabError as err:
            raise SystemExit(f"{path}, {err}") from None
        data = _notebook_bytes(tagged)
        if path.read_bytes() != data:
            _write_atomic(path, data)
            print(f"{path}: nbgrader metadata updated")
    return 0


# ---------------------------------------------------------------------------
# The build: files in, files out
# ---------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_notebook(path: Path):
    """Read a notebook as version 4, giving cells without an id a stable one.

    nbformat makes up random ids for cells that lack one; a build must not,
    or building twice would give different files.
    """
    import nbformat  # nbformat only when a notebook is read or written

    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text)
    except (OSError, ValueError) as err:
        raise NewslabError(f"{path}: cannot be read as a notebook ({err})") from None
    if not isinstance(raw, dict):
        raise NewslabError(f"{path}: is not a notebook (expected a JSON object)")
    raw_cells = raw.get("cells")
    if raw.get("nbformat") == 4 and isinstance(raw_cells, list):
        missing = [i for i, c in enumerate(raw_cells) if not (isinstance(c, dict) and c.get("id"))]
    else:
        missing = None  # older format: every id would be made up
    try:
        with warnings.catch_warnings():  # the missing ids are given below
            warnings.filterwarnings("ignore", message="Cell is missing an id field")
            nb = nbformat.reads(text, as_version=4)
    except Exception as err:  # nbformat raises many kinds for a malformed file
        raise NewslabError(f"{path}: is not a valid notebook ({err})") from None
    if nb.get("nbformat_minor", 0) >= 5:
        indices = set(range(len(nb.cells)) if missing is None else missing)
        taken = {c.get("id") for i, c in enumerate(nb.cells) if i not in indices}
        for i in sorted(indices):
            counter = 0
            while True:
                cell_id = _sha256(f"{path.name}\0{i}\0{counter}".encode())[:8]
                if cell_id not in taken:
                    break
                counter += 1
            nb.cells[i]["id"] = cell_id
            taken.add(cell_id)
    return nb


def _notebook_bytes(nb) -> bytes:
    """The bytes ``nbformat.write(nb, f, version=4)`` would write."""
    import nbformat  # nbformat only when a notebook is read or written

    text = nbformat.writes(nb, version=4)
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_out(out: Path, src: Path, lessons: Path | None, kind: str) -> None:
    """Refuse an output folder that is, or is inside, a source folder."""
    hint = "choose an output folder of its own, such as build/" + kind
    target = out.resolve()
    protected = [("the notebooks folder", src)]
    if lessons is not None:
        protected.append(("the lessons folder", lessons))
    written = [(out, target)]
    if kind == "instructor":
        written.append((out / "lessons", (out / "lessons").resolve()))
    for shown, resolved in written:
        for what, folder in protected:
            if _is_within(resolved, folder.resolve()):
                raise NewslabError(
                    f"refusing to build into {shown}: it is {what} {folder} or inside it ({hint})"
                )
    # Folder names are checked below the folder the project and the output
    # share, so that a project kept in, say, ~/src/newslab can still build.
    project = src.resolve().parent
    common = Path(os.path.commonpath([target, project]))
    for part in target.relative_to(common).parts:
        if part.lower() in SOURCE_FOLDER_NAMES:
            raise NewslabError(
                f"refusing to build into {out}: it is inside a folder named {part!r}, "
                f"which holds sources ({hint})"
            )


def _load_manifest(out: Path, force: bool) -> dict[str, str]:
    path = out / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not (isinstance(files, dict) and all(isinstance(v, str) for v in files.values())):
            raise ValueError("'files' is not a mapping of file names to hashes")
    except (OSError, ValueError, KeyError, TypeError) as err:
        if force:
            return {}
        raise NewslabError(
            f"{path}: the build record is damaged ({err}); delete it or pass force=True "
            "(--force), after copying any work you want to keep out of " + str(out)
        ) from None
    unsafe = [str(name) for name in files if not _inside(out, str(name))]
    if unsafe:
        if force:
            return {}  # forget the record; nothing it names is removed
        raise NewslabError(
            f"{path}: the build record names file(s) outside {out}: {', '.join(map(repr, unsafe))}; "
            "a build only ever writes and removes inside its own folder, so nothing was removed. "
            "Delete the record (or pass force=True, --force) and build again."
        )
    return {str(name): digest for name, digest in files.items()}


def _inside(out: Path, name: str) -> bool:
    """Whether ``name`` from a build record is a plain relative path that stays inside ``out``.

    Examples
    --------
    >>> [_inside(Path("build/student"), n) for n in ("00-a.ipynb", "lessons/00-a.md", "../../README.md", "/etc/passwd")]
    [True, True, False, False]
    """
    if not name or "\\" in name or "\0" in name:
        return False
    rel = Path(name)
    if rel.is_absolute() or rel.drive or any(part in ("..", "") for part in rel.parts):
        return False
    root = out.resolve()
    target = (out / rel).resolve()
    return target != root and root in target.parents


def _manifest_bytes(kind: str, files: dict[str, str]) -> bytes:
    data = {
        "about": "Written by newslab build; do not edit. Maps each built file to the SHA-256 of its bytes.",
        "kind": kind,
        "files": dict(sorted(files.items())),
    }
    return (json.dumps(data, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _free_name(path: Path) -> Path:
    """``NAME.before-build-N.SUFFIX`` beside ``path``, with the first N that is free.

    Examples
    --------
    >>> _free_name(Path("/nonexistent/00-start-here.ipynb")).name
    '00-start-here.before-build-1.ipynb'
    """
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem}.before-build-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".newslab-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp makes the file private (0600); a build is handed to others, so
        # give it the permissions an ordinary new file gets (0666 less the umask).
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(
    kind: str,
    src: Path = Path("notebooks"),
    out: Path | None = None,
    lessons: Path | None = Path("lessons"),
    force: bool = False,
) -> list[Path]:
    """Write the student or instructor edition of every notebook in ``src``.

    Each ``src/*.ipynb`` is transformed (:func:`student_notebook` or
    :func:`instructor_notebook`) and written to ``out`` under the same name,
    as nbformat 4 JSON with a trailing newline.  The instructor build also
    copies ``lessons/*.md`` to ``out/lessons/``.

    The build is safe to run again and again:

    * it refuses an ``out`` that is, or is inside, ``src``, ``lessons`` or a
      folder named notebooks, lessons, cases, seeds or src (names are checked
      below the folder that ``out`` shares with the project, i.e. the parent
      of ``src``);
    * it records the SHA-256 of every file it writes in
      ``out/.newslab-build.json``; a file it is about to overwrite or remove
      which was edited since (or was not written by it at all) stops the
      build, unless ``force=True``, which first keeps the edited file beside
      the new one as ``NAME.before-build-N.SUFFIX`` (and says so): a rebuild
      never loses a student's answers.  Files in ``out`` that the build
      neither writes nor recorded are left alone;
    * every notebook is read and transformed before anything is written, so
      a bad notebook leaves ``out`` as it was;
    * a file whose bytes would not change is not rewritten (its mtime stays),
      so building twice changes nothing;
    * files written by an earlier build whose source is gone are removed,
      unless they were edited since (with ``force=True`` those are kept and
      forgotten).

    Parameters
    ----------
    kind : {"student", "instructor"}
    src : Path, default Path("notebooks")
        The folder of lesson notebooks.
    out : Path, optional
        Where to write; default ``Path("build") / kind``.
    lessons : Path or None, default Path("lessons")
        The folder of instructor guides, copied by the instructor build.  None
        for no guides.  Ignored (except for the safety check) by the student
        build.
    force : bool, default False
        Overwrite files in ``out`` even if they were edited since the last
        build, each kept first as ``NAME.before-build-N.SUFFIX``.

    Returns
    -------
    list of Path
        Every file of the edition (``out / name``), sorted, whether it was
        rewritten or already up to date; the manifest is not included.

    Raises
    ------
    NewslabError
        For an unknown kind, a missing folder, an output folder inside a
        source folder, a notebook that cannot be read or has unbalanced
        solution markers (naming the file and the 1-based cell), or files in
        ``out`` that would be overwritten or removed although edited.
    """
    if kind not in KINDS:
        raise NewslabError(f"unknown build kind {kind!r} (expected 'student' or 'instructor')")
    src, out = Path(src), Path("build") / kind if out is None else Path(out)
    lessons = None if lessons is None else Path(lessons)
    if not src.is_dir():
        raise NewslabError(f"{src}: the notebooks folder does not exist")
    _check_out(out, src, lessons, kind)
    if out.exists() and not out.is_dir():
        raise NewslabError(f"{out}: the output folder is a file")

    # 1. Read and transform everything in memory.
    wanted: dict[str, bytes] = {}
    notebooks = sorted(src.glob("*.ipynb"))
    if not notebooks:
        raise NewslabError(f"{src}: there are no notebooks (*.ipynb) to build")
    for path in notebooks:
        nb = _read_notebook(path)
        try:
            # The student transform also validates the markers of the
            # instructor build, so that it never passes a broken notebook.
            student = student_notebook(nb)
            edition = student if kind == "student" else instructor_notebook(nb)
        except NewslabError as err:
            raise NewslabError(f"{path}, {err}") from None
        wanted[path.name] = _notebook_bytes(edition)
    if kind == "instructor" and lessons is not None:
        if not lessons.is_dir():
            raise NewslabError(
                f"{lessons}: the lessons folder does not exist (pass lessons=None to build without guides)"
            )
        for path in sorted(lessons.glob("*.md")):
            if path.is_file():
                wanted[f"lessons/{path.name}"] = path.read_bytes()

    # 2. Compare with what is in out/ and with what the last build wrote.
    recorded = _load_manifest(out, force)
    to_write: dict[str, bytes] = {}
    to_remove: list[str] = []
    edited: list[str] = []
    keep_edited: list[str] = []
    for name, data in wanted.items():
        target = out / name
        if target.is_file():
            current = target.read_bytes()
            if current == data:
                continue
            if recorded.get(name) != _sha256(current):
                edited.append(name)
        elif target.exists():  # a folder where a file should go: never remove it
            raise NewslabError(f"{target}: cannot write a file there, a folder of that name is in the way")
        to_write[name] = data
    for name in sorted(set(recorded) - set(wanted)):
        target = out / name
        if not target.is_file():
            continue
        if _sha256(target.read_bytes()) == recorded[name]:
            to_remove.append(name)
        else:
            keep_edited.append(name)
    if (edited or keep_edited) and not force:
        listed = "\n".join(f"  - {out / name}" for name in edited)
        listed += "".join(f"\n  - {out / name} (its source is gone)" for name in keep_edited)
        raise NewslabError(
            f"{out}: {len(edited) + len(keep_edited)} file(s) were changed after the last build "
            f"(or were not written by it):\n{listed}\n"
            "Copy the work you want to keep elsewhere, then build again, or build with "
            "`newslab build all --force` (`make student FORCE=1`; force=True from Python), which first "
            "keeps each changed file beside the new one as NAME.before-build-N (e.g. "
            "00-start-here.before-build-1.ipynb). A changed file whose source is gone is kept, and no longer tracked."
        )
    kept = {name: _free_name(out / name) for name in edited}

    # 3. Write.  A disk that fills up (or turns read-only) half-way stops the
    # build with the file it could not write; the record then lists what was
    # written, so that the next build knows those files as its own.
    done: dict[str, str | None] = {}  # name -> hash written, or None once removed
    action, name = "cannot write", ""
    try:
        for name, data in to_write.items():
            if name in kept:  # forced over a changed file: the change is kept, never lost
                action = "cannot keep the changed file as " + kept[name].name
                try:
                    os.link(out / name, kept[name])
                except OSError:  # a file system without hard links
                    shutil.copy2(out / name, kept[name])
                print(f"{out / name}: changed since the last build; that version is kept as {kept[name]}")
                action = "cannot write"
            _write_atomic(out / name, data)
            done[name] = _sha256(data)
        action = "cannot remove"
        for name in to_remove:
            (out / name).unlink()
            done[name] = None
    except OSError as exc:
        partial = {key: digest for key, digest in {**recorded, **done}.items() if digest is not None}
        with contextlib.suppress(OSError):
            _write_atomic(out / MANIFEST_NAME, _manifest_bytes(kind, partial))
        written = sum(1 for digest in done.values() if digest is not None)
        raise NewslabError(
            f"{os_error_message(exc, out / name, action)}; the build stopped there, with {written} of "
            f"{len(to_write)} file(s) written. Nothing else in {out} was changed: make room (or fix the "
            "folder's permissions) and build again."
        ) from None
    lessons_out = out / "lessons"
    if to_remove and lessons_out.is_dir() and not any(lessons_out.iterdir()):
        lessons_out.rmdir()
    manifest = _manifest_bytes(kind, {name: _sha256(data) for name, data in wanted.items()})
    manifest_path = out / MANIFEST_NAME
    if not (manifest_path.is_file() and manifest_path.read_bytes() == manifest):
        try:
            _write_atomic(manifest_path, manifest)
        except OSError as exc:
            raise NewslabError(
                f"{os_error_message(exc, manifest_path)}; every file of the build was written, but not "
                "this record of them: make room and build again, or the next build takes the files for edited ones"
            ) from None
    return sorted(out / name for name in wanted)


if __name__ == "__main__":  # pragma: no cover - `make sync`
    import sys

    if sys.argv[1:2] != ["--nbgrader-metadata"] or len(sys.argv) < 3:
        raise SystemExit("usage: python -m newslab.tools.build --nbgrader-metadata NOTEBOOK...")
    raise SystemExit(_write_nbgrader_metadata(sys.argv[2:]))
