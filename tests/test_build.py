"""Tests for newslab.build: the student and instructor editions of the notebooks."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from newslab.tools.build import (
    MANIFEST_NAME,
    build,
    instructor_notebook,
    solution_cells,
    strip_solution,
    student_notebook,
)
from newslab.core.errors import NewslabError

ANSWER = "  # YOUR ANSWER HERE"
RAISE = 'raise NotImplementedError("Write your answer here, then run the cell again.")'
CODE_PLACEHOLDER = "# YOUR CODE HERE\n" + RAISE
MD_PLACEHOLDER = "*Write your answer here.*"


# ---------------------------------------------------------------------------
# strip_solution
# ---------------------------------------------------------------------------


def test_assignment_becomes_ellipsis_and_the_check_stays():
    src = '### BEGIN SOLUTION\nshare = 3.5e6 / 88_455_488 * 100\n### END SOLUTION\ncheck("02-share", share)\n'
    assert strip_solution(src) == f'share = ...{ANSWER}\ncheck("02-share", share)\n'


def test_code_before_and_after_the_block_is_kept():
    src = "import math\n### BEGIN SOLUTION\nr = math.sqrt(2)\n### END SOLUTION\nprint(r)"
    assert strip_solution(src) == f"import math\nr = ...{ANSWER}\nprint(r)"


def test_annotated_augmented_chained_assignments_each_name_once():
    src = (
        "### BEGIN SOLUTION\n"
        "total: float = 0.0\n"
        "for x in xs:\n"
        "    inner = x\n"  # not top level: no line for it
        "    total += x\n"
        "total += 1\n"
        "a = b = total\n"
        "df['col'] = 3\n"  # subscript target: nothing to name
        "### END SOLUTION\n"
        "print(total, a, b, inner)\n"
    )
    assert strip_solution(src) == f"total = ...{ANSWER}\na = ...{ANSWER}\nb = ...{ANSWER}\nprint(total, a, b, inner)\n"


def test_augmented_assignment_alone_names_its_target():
    assert strip_solution("### BEGIN SOLUTION\ncount += 1\n### END SOLUTION\n") == f"count = ...{ANSWER}\n"


def test_tuple_list_and_starred_targets_give_one_line_per_name():
    src = "### BEGIN SOLUTION\nlat, lon = 34.5, 69.2\n[first, *rest] = names\n(p, (q, r)) = 1, (2, 3)\n### END SOLUTION\n"
    names = ["lat", "lon", "first", "rest", "p", "q", "r"]
    used = "show(lat, lon, first, rest, p, q, r)\n"
    assert strip_solution(src + used) == "".join(f"{n} = ...{ANSWER}\n" for n in names) + used
    # read by a later cell instead
    assert strip_solution(src, read_later=set(names)) == "".join(f"{n} = ...{ANSWER}\n" for n in names)


def test_indented_block_keeps_indentation_and_compiles():
    src = (
        "def share(part, whole):\n"
        "    ### BEGIN SOLUTION\n"
        "    result = part / whole * 100\n"
        "    ### END SOLUTION\n"
        "    return result\n"
    )
    out = strip_solution(src)
    assert out == f"def share(part, whole):\n    result = ...{ANSWER}\n    return result\n"
    compile(out, "<cell>", "exec")


def test_indented_block_without_assignment_raises_at_its_indentation():
    src = "for row in rows:\n    ### BEGIN SOLUTION\n    print(row)\n    ### END SOLUTION\n"
    out = strip_solution(src)
    assert out == f"for row in rows:\n    # YOUR CODE HERE\n    {RAISE}\n"
    compile(out, "<cell>", "exec")


def test_several_blocks_in_one_cell():
    src = (
        "### BEGIN SOLUTION\n"
        "a = 1\n"
        "### END SOLUTION\n"
        "between = a + 1\n"
        "  ### BEGIN SOLUTION\n"  # indented markers at top level: indentation kept
        "print(a)\n"
        "  ### END SOLUTION\n"
        "### BEGIN SOLUTION\n"
        "c = 3\n"
        "### END SOLUTION"
    )
    out = strip_solution(src)
    assert out == (
        f"a = ...{ANSWER}\nbetween = a + 1\n  # YOUR CODE HERE\n  {RAISE}\nc = ...{ANSWER}"
    )


def test_names_a_solution_uses_only_inside_its_block_get_no_placeholder():
    """The student copy asked for ``top``, ``news`` and ``lede`` where only ``lede`` is the answer."""
    src = (
        "### BEGIN SOLUTION\n"
        "top = case.paragraphs().head(3)\n"
        "news = top[~top['text'].str.startswith('By ')]\n"
        "lede = int(news['paragraph'].iloc[0])\n"
        "### END SOLUTION\n"
        'newslab.check("01-lede", lede)\n'
    )
    assert strip_solution(src) == f'lede = ...{ANSWER}\nnewslab.check("01-lede", lede)\n'


def test_a_name_read_only_by_a_later_cell_keeps_its_placeholder():
    nb = new_notebook(cells=[
        new_code_cell("### BEGIN SOLUTION\nsteps = [1, 2]\nanswer = sum(steps)\ntable = len(steps)\n### END SOLUTION"),
        new_markdown_cell("The table again:"),
        new_code_cell("print(table)"),
        new_code_cell("### BEGIN SOLUTION\nsteps = 3\n### END SOLUTION", metadata={"tags": ["remove-student"]}),
        new_code_cell("steps", metadata={"tags": ["solution"]}),  # replaced whole: reads nothing in the copy
    ])
    assert student_notebook(nb).cells[0].source == f"table = ...{ANSWER}"


def test_a_block_nothing_reads_afterwards_leaves_its_result_to_write():
    src = "### BEGIN SOLUTION\nwords = text.split()\ncount, longest = len(words), max(words, key=len)\n### END SOLUTION\n"
    assert strip_solution(src) == f"count = ...{ANSWER}\nlongest = ...{ANSWER}\n"


def test_a_later_cell_that_does_not_parse_counts_every_word_as_read():
    nb = new_notebook(cells=[
        new_code_cell("### BEGIN SOLUTION\nsteps = [1, 2]\nanswer = sum(steps)\n### END SOLUTION"),
        new_code_cell("%time print(steps"),
    ])
    assert student_notebook(nb).cells[0].source == f"steps = ...{ANSWER}"


@pytest.mark.parametrize(
    "block",
    [
        "print('no assignment')\n",
        "",  # an empty block
        "x = (\n",  # does not parse
        "  y = 1\n z = 2\n",  # inconsistent indentation: does not parse even dedented
        "df.loc[0, 'a'] = 1\nobj.attr = 2\n",  # only attribute / subscript targets
    ],
)
def test_block_that_names_nothing_gets_the_raise_placeholder(block):
    src = f"### BEGIN SOLUTION\n{block}### END SOLUTION\ncheck('x', x)\n"
    out = strip_solution(src)
    assert out == f"{CODE_PLACEHOLDER}\ncheck('x', x)\n"
    compile(out, "<cell>", "exec")


def test_block_indented_deeper_than_its_markers_is_dedented_to_parse():
    src = "### BEGIN SOLUTION\n    total = 1\n    count = 2\n### END SOLUTION\nprint(total / count)\n"
    assert strip_solution(src) == f"total = ...{ANSWER}\ncount = ...{ANSWER}\nprint(total / count)\n"


def test_markdown_block_becomes_the_markdown_placeholder():
    src = "**Who is quoted?**\n\n### BEGIN SOLUTION\nTwo officials and one witness.\n### END SOLUTION\n\nNext question."
    assert strip_solution(src, "markdown") == f"**Who is quoted?**\n\n{MD_PLACEHOLDER}\n\nNext question."


def test_markers_count_only_alone_on_their_line_and_as_spelled():
    src = "x = 1  ### BEGIN SOLUTION\n# ### END SOLUTION here\n### begin solution\ny = 2\n"
    assert strip_solution(src) == src


def test_trailing_blanks_after_a_marker_are_allowed():
    src = "### BEGIN SOLUTION   \nx = 1\n### END SOLUTION\t\n"
    assert strip_solution(src) == f"x = ...{ANSWER}\n"


def test_source_without_markers_is_returned_unchanged():
    src = "x = 1\nprint(x)"
    assert strip_solution(src) == src
    assert strip_solution(src, "markdown") == src


@pytest.mark.parametrize(
    ("src", "words"),
    [
        ("x = 1\n### BEGIN SOLUTION\ny = 2\n", ["BEGIN SOLUTION", "line 2", "no ### END SOLUTION"]),
        ("x = 1\n### END SOLUTION\n", ["END SOLUTION", "line 2", "no ### BEGIN SOLUTION"]),
        (
            "### BEGIN SOLUTION\nx = 1\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION\n",
            ["line 3", "line 1"],
        ),
        ("### BEGIN SOLUTION\na\n### END SOLUTION\n### END SOLUTION\n", ["END SOLUTION", "line 4"]),
    ],
)
def test_unbalanced_markers_raise(src, words):
    with pytest.raises(NewslabError) as info:
        strip_solution(src)
    for word in words:
        assert word in str(info.value)
    with pytest.raises(NewslabError):
        strip_solution(src, "markdown")


def test_unknown_cell_type_is_refused():
    with pytest.raises(NewslabError, match="cell type"):
        strip_solution("x", "python")


# ---------------------------------------------------------------------------
# student_notebook / instructor_notebook
# ---------------------------------------------------------------------------

SOLUTION_LINES = ("3.5e6 / 88_455_488", "Two officials and one witness", "len(quotes)", "SECRET_NOTE")


def lesson_notebook() -> nbformat.NotebookNode:
    """A small lesson with exercises, outputs, tags and timing metadata."""
    cells = [
        new_markdown_cell("# Shares\n\nHow big is 3.5 million out of Germany?"),
        new_code_cell(
            "from newslab import check\n"
            "### BEGIN SOLUTION\n"
            "share = 3.5e6 / 88_455_488 * 100\n"
            "### END SOLUTION\n"
            'check("02-share", share)',
            execution_count=1,
            outputs=[new_output("execute_result", data={"text/plain": "3.96"}, execution_count=1)],
            metadata={
                "tags": ["exercise"],
                "execution": {"iopub.execute_input": "2024-01-01T00:00:00Z"},
                "ExecuteTime": {"end_time": "2024-01-01T00:00:01Z"},
                "editable": True,
            },
        ),
        new_markdown_cell("Who is quoted?\n\n### BEGIN SOLUTION\nTwo officials and one witness.\n### END SOLUTION"),
        new_code_cell(
            "n_quotes = len(quotes)",
            metadata={"tags": ["solution"]},
            execution_count=2,
            outputs=[new_output("stream", text="7\n")],
        ),
        new_markdown_cell("The answer is ten.", metadata={"tags": ["solution"]}),
        new_code_cell("SECRET_NOTE = 'for teachers'", metadata={"tags": ["remove-student"]}),
        new_code_cell("print('done')", execution_count=3, outputs=[new_output("stream", text="done\n")]),
    ]
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    return nb


def test_student_notebook_strips_clears_and_keeps_metadata():
    nb = lesson_notebook()
    student = student_notebook(nb)
    assert len(student.cells) == len(nb.cells) - 1  # remove-student dropped
    sources = [c.source for c in student.cells]
    assert sources[1] == f'from newslab import check\nshare = ...{ANSWER}\ncheck("02-share", share)'
    assert sources[2] == f"Who is quoted?\n\n{MD_PLACEHOLDER}"
    assert sources[3] == CODE_PLACEHOLDER  # tagged solution, no markers
    assert sources[4] == MD_PLACEHOLDER
    assert sources[5] == "print('done')"
    text = json.dumps(student)
    for line in (*SOLUTION_LINES, "BEGIN SOLUTION", "END SOLUTION"):
        assert line not in text
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
            compile(cell.source, "<cell>", "exec")
        assert "execution" not in cell.metadata and "ExecuteTime" not in cell.metadata
    assert student.cells[1].metadata == {"tags": ["exercise"], "editable": True}
    assert student.cells[3].metadata.tags == ["solution"]
    assert student.metadata.kernelspec.name == "python3"
    assert student.metadata.newslab == {"build": "student"}
    nbformat.validate(student)


def test_student_notebook_does_not_touch_its_input():
    nb = lesson_notebook()
    before = json.dumps(nb, sort_keys=True)
    student_notebook(nb)
    assert json.dumps(nb, sort_keys=True) == before


def test_student_notebook_names_the_cell_with_unbalanced_markers():
    nb = new_notebook(cells=[new_markdown_cell("# T"), new_code_cell("x = 1"), new_code_cell("### BEGIN SOLUTION\nx = 2")])
    with pytest.raises(NewslabError, match=r"^cell 3: ### BEGIN SOLUTION on line 1"):
        student_notebook(nb)


def test_instructor_notebook_is_an_unchanged_copy_but_for_its_build_mark():
    nb = lesson_notebook()
    before = json.dumps(nb, sort_keys=True)
    teacher = instructor_notebook(nb)
    assert teacher.cells == nb.cells
    assert teacher.cells[1].outputs and teacher.cells[1].execution_count == 1
    assert teacher.metadata.newslab == {"build": "instructor"}
    assert teacher.metadata.kernelspec == nb.metadata.kernelspec
    assert json.dumps(nb, sort_keys=True) == before
    teacher.cells[0].source = "changed"
    assert nb.cells[0].source != "changed"


def test_solution_cells_lists_cells_with_markers():
    assert solution_cells(lesson_notebook()) == [1, 2]


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A course folder with two notebooks and two instructor guides; cwd is it."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "lessons").mkdir()
    nbformat.write(lesson_notebook(), tmp_path / "notebooks" / "02-share.ipynb")
    second = new_notebook(
        cells=[
            new_code_cell(
                "### BEGIN SOLUTION\nlat, lon = 34.5, 69.2\n### END SOLUTION\nprint(lat, lon)",
                execution_count=5,
                outputs=[new_output("stream", text="34.5 69.2\n")],
            )
        ]
    )
    nbformat.write(second, tmp_path / "notebooks" / "03-places.ipynb")
    (tmp_path / "lessons" / "02-share.md").write_text("# Guide: shares\n\nAsk for the whole.\n", encoding="utf-8")
    (tmp_path / "lessons" / "03-places.md").write_text("# Guide: places\n", encoding="utf-8")
    (tmp_path / "notebooks" / "notes.txt").write_text("not a notebook\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and mtime (ns)."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_student_build_writes_stripped_notebooks(project):
    written = build("student")
    out = Path("build/student")
    assert written == [out / "02-share.ipynb", out / "03-places.ipynb"]
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST_NAME, "02-share.ipynb", "03-places.ipynb"]
    for path in written:
        raw = path.read_text(encoding="utf-8")
        assert raw.endswith("}\n")
        for line in (*SOLUTION_LINES, "BEGIN SOLUTION", "END SOLUTION", "34.5, 69.2"):
            assert line not in raw
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.nbformat == 4
        assert nb.metadata.newslab.build == "student"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None
                compile(cell.source, str(path), "exec")
    places = nbformat.read(out / "03-places.ipynb", as_version=4)
    assert places.cells[0].source == f"lat = ...{ANSWER}\nlon = ...{ANSWER}\nprint(lat, lon)"
    assert not (out / "lessons").exists()


def test_instructor_build_keeps_solutions_outputs_and_copies_lessons(project):
    written = build("instructor")
    out = Path("build/instructor")
    assert written == [
        out / "02-share.ipynb",
        out / "03-places.ipynb",
        out / "lessons" / "02-share.md",
        out / "lessons" / "03-places.md",
    ]
    nb = nbformat.read(out / "02-share.ipynb", as_version=4)
    original = nbformat.read(project / "notebooks" / "02-share.ipynb", as_version=4)
    assert nb.cells == original.cells
    assert "88_455_488" in nb.cells[1].source
    assert nb.cells[1].outputs[0].data["text/plain"] == "3.96"
    assert nb.metadata.newslab.build == "instructor"
    for name in ("02-share.md", "03-places.md"):
        assert (out / "lessons" / name).read_bytes() == (project / "lessons" / name).read_bytes()


def test_instructor_build_without_lessons(project):
    written = build("instructor", out=Path("teacher"), lessons=None)
    assert [p.name for p in written] == ["02-share.ipynb", "03-places.ipynb"]
    assert not Path("teacher/lessons").exists()


def test_build_writes_what_nbformat_write_writes(project, tmp_path_factory):
    build("student", out=Path("out"))
    expected = tmp_path_factory.mktemp("ref") / "x.ipynb"
    nb = nbformat.read(project / "notebooks" / "03-places.ipynb", as_version=4)
    nbformat.write(student_notebook(nb), expected, version=4)
    assert Path("out/03-places.ipynb").read_bytes() == expected.read_bytes()


def test_manifest_records_the_hash_of_every_file_written(project):
    written = build("instructor")
    out = Path("build/instructor")
    files = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert set(files) == {p.relative_to(out).as_posix() for p in written}
    for path in written:
        assert files[path.relative_to(out).as_posix()] == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["student", "instructor"])
def test_building_twice_changes_nothing(project, kind):
    out = Path("build") / kind
    first_paths = build(kind)
    # Age every file, so that a rewrite would show even on a coarse clock.
    for path in out.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(out)
    assert MANIFEST_NAME in before and len(before) == len(first_paths) + 1
    assert build(kind) == first_paths
    assert snapshot(out) == before


def test_build_is_deterministic_across_output_folders(project):
    build("student", out=Path("a"))
    build("student", out=Path("b"))
    assert {k: v[0] for k, v in snapshot(Path("a")).items()} == {k: v[0] for k, v in snapshot(Path("b")).items()}


def test_cells_without_ids_get_stable_ids(project):
    raw = {
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "x = 1"}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (project / "notebooks" / "04-old.ipynb").write_text(json.dumps(raw), encoding="utf-8")
    build("student", out=Path("a"))
    build("student", out=Path("b"))
    first = Path("a/04-old.ipynb").read_bytes()
    assert first == Path("b/04-old.ipynb").read_bytes()
    assert nbformat.reads(first.decode(), as_version=4).cells[0].id


def test_only_changed_files_are_rewritten(project):
    out = Path("build/student")
    build("student")
    for path in out.rglob("*"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(out)
    nb = nbformat.read("notebooks/03-places.ipynb", as_version=4)
    nb.cells.append(new_code_cell("print('more')"))
    nbformat.write(nb, "notebooks/03-places.ipynb")
    build("student")
    after = snapshot(out)
    assert after["02-share.ipynb"] == before["02-share.ipynb"]
    assert after["03-places.ipynb"] != before["03-places.ipynb"]
    assert "print('more')" in (out / "03-places.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "out",
    [
        "notebooks",
        "notebooks/build",
        "lessons",
        "lessons/student",
        "cases",
        "cases/demo/build",
        "seeds/out",
        "src",
        "src/newslab/build",
        "other/notebooks/student",
        "Notebooks/student",
    ],
)
@pytest.mark.parametrize("kind", ["student", "instructor"])
def test_refuses_to_build_inside_a_source_folder(project, out, kind):
    before = snapshot(project)
    with pytest.raises(NewslabError, match="refusing to build into"):
        build(kind, out=Path(out))
    assert snapshot(project) == before
    assert not Path(out).exists() or out in ("notebooks", "lessons")


def test_refuses_source_folder_given_by_absolute_path_or_symlink(project):
    with pytest.raises(NewslabError, match="refusing"):
        build("student", out=project / "notebooks" / ".." / "notebooks")
    (project / "link").symlink_to(project / "notebooks")
    with pytest.raises(NewslabError, match="refusing"):
        build("student", out=Path("link"))
    assert sorted(p.name for p in (project / "notebooks").iterdir()) == ["02-share.ipynb", "03-places.ipynb", "notes.txt"]


def test_refuses_custom_source_folders(project):
    (project / "course").mkdir()
    (project / "notebooks").rename(project / "course" / "nbs")
    (project / "lessons").rename(project / "course" / "guides")
    with pytest.raises(NewslabError, match="notebooks folder"):
        build("student", src=Path("course/nbs"), out=Path("course/nbs/out"), lessons=Path("course/guides"))
    with pytest.raises(NewslabError, match="lessons folder"):
        build("student", src=Path("course/nbs"), out=Path("course/guides/out"), lessons=Path("course/guides"))
    # The instructor build writes out/lessons: that must not be the guides folder.
    (project / "course" / "lessons").symlink_to(project / "course" / "guides")
    with pytest.raises(NewslabError, match="lessons folder"):
        build("instructor", src=Path("course/nbs"), out=Path("course"), lessons=Path("course/guides"))
    assert not (project / "course" / MANIFEST_NAME).exists()


def test_project_kept_below_a_folder_named_src_can_still_build(tmp_path, monkeypatch):
    root = tmp_path / "src" / "course"
    (root / "notebooks").mkdir(parents=True)
    nbformat.write(lesson_notebook(), root / "notebooks" / "01-a.ipynb")
    monkeypatch.chdir(root)
    assert build("student") == [Path("build/student/01-a.ipynb")]


def test_an_edited_file_stops_the_rebuild_and_force_overwrites_it(project):
    out = Path("build/student")
    build("student")
    edited = out / "02-share.ipynb"
    nb = nbformat.read(edited, as_version=4)
    nb.cells[1].source = "share = 3.96  # my answer"
    nbformat.write(nb, edited)
    work = edited.read_bytes()
    other = (out / "03-places.ipynb").read_bytes()
    Path("notebooks/03-places.ipynb").write_text(
        Path("notebooks/03-places.ipynb").read_text(encoding="utf-8").replace("print(lat, lon)", "print(lon, lat)"),
        encoding="utf-8",
    )
    with pytest.raises(NewslabError) as info:
        build("student")
    message = str(info.value)
    assert "02-share.ipynb" in message and "03-places.ipynb" not in message
    assert "force" in message and "elsewhere" in message
    assert edited.read_bytes() == work  # nothing lost
    assert (out / "03-places.ipynb").read_bytes() == other  # nothing written at all
    build("student", force=True)
    assert b"my answer" not in edited.read_bytes()
    assert b"print(lon, lat)" in (out / "03-places.ipynb").read_bytes()
    build("student")  # the manifest now matches again


def test_force_keeps_the_edited_file_beside_the_new_one(project, capsys):
    """`--force` (which the refusal offers) overwrote a student's answers with no copy left."""
    out = Path("build/student")
    build("student")
    edited = out / "02-share.ipynb"
    for n in (1, 2):  # two forced rebuilds over two rounds of answers: both kept
        nb = nbformat.read(edited, as_version=4)
        nb.cells[1].source = f"share = 3.96  # my answer, round {n}"
        nbformat.write(nb, edited)
        work = edited.read_bytes()
        build("student", force=True)
        kept = out / f"02-share.before-build-{n}.ipynb"
        assert kept.read_bytes() == work
        assert str(kept) in capsys.readouterr().out
        assert b"my answer" not in edited.read_bytes()
    build("student")  # the kept copies are not the build's: they never block it
    assert (out / "02-share.before-build-1.ipynb").exists()


def test_an_edited_lesson_guide_stops_the_instructor_rebuild(project):
    build("instructor")
    guide = Path("build/instructor/lessons/02-share.md")
    guide.write_text("my notes\n", encoding="utf-8")
    Path("lessons/02-share.md").write_text("# Guide: shares, revised\n", encoding="utf-8")
    with pytest.raises(NewslabError, match="02-share.md"):
        build("instructor")
    assert guide.read_text(encoding="utf-8") == "my notes\n"


def test_a_file_the_build_did_not_write_is_not_overwritten(project):
    out = Path("build/student")
    out.mkdir(parents=True)
    (out / "02-share.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(NewslabError, match="02-share.ipynb") as refused:
        build("student")
    # the way out is a command a teacher can type, not only a Python argument
    assert "newslab build all --force" in str(refused.value) and "make student FORCE=1" in str(refused.value)
    assert (out / "02-share.ipynb").read_text(encoding="utf-8") == "{}"
    assert not (out / MANIFEST_NAME).exists() and not (out / "03-places.ipynb").exists()
    build("student", force=True)
    assert nbformat.read(out / "02-share.ipynb", as_version=4).metadata.newslab.build == "student"


def test_unrelated_files_in_out_are_left_alone(project):
    out = Path("build/student")
    build("student")
    (out / "my-copy.ipynb").write_text("my work\n", encoding="utf-8")
    (out / ".ipynb_checkpoints").mkdir()
    (out / ".ipynb_checkpoints" / "02-share-checkpoint.ipynb").write_text("cp\n", encoding="utf-8")
    Path("notebooks/03-places.ipynb").unlink()
    build("student")
    assert (out / "my-copy.ipynb").read_text(encoding="utf-8") == "my work\n"
    assert (out / ".ipynb_checkpoints" / "02-share-checkpoint.ipynb").exists()


@pytest.mark.parametrize("name", ["01-bad.ipynb", "99-bad.ipynb"])  # sorts first / last
def test_unbalanced_markers_name_notebook_and_cell_and_write_nothing(project, name):
    bad = new_notebook(cells=[new_markdown_cell("# Bad"), new_code_cell("x = 1\n### END SOLUTION")])
    nbformat.write(bad, project / "notebooks" / name)
    for kind in ("student", "instructor"):
        with pytest.raises(NewslabError) as info:
            build(kind)
        message = str(info.value)
        assert name in message and "cell 2" in message and "line 2" in message
        assert not Path("build").exists()


def test_unbalanced_markers_leave_an_earlier_build_as_it_was(project):
    out = Path("build/student")
    build("student")
    before = snapshot(out)
    nbformat.write(
        new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\ny = 2")]), project / "notebooks" / "99-bad.ipynb"
    )
    Path("notebooks/02-share.ipynb").unlink()  # would be removed as stale
    with pytest.raises(NewslabError, match=r"99-bad\.ipynb, cell 1"):
        build("student")
    assert snapshot(out) == before


def test_stale_files_are_removed(project):
    out = Path("build/instructor")
    build("instructor")
    Path("notebooks/03-places.ipynb").unlink()
    Path("lessons/03-places.md").unlink()
    written = build("instructor")
    assert written == [out / "02-share.ipynb", out / "lessons" / "02-share.md"]
    assert not (out / "03-places.ipynb").exists()
    assert not (out / "lessons" / "03-places.md").exists()
    files = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert sorted(files) == ["02-share.ipynb", "lessons/02-share.md"]


def test_an_edited_stale_file_is_kept(project):
    out = Path("build/student")
    build("student")
    (out / "03-places.ipynb").write_text("my work\n", encoding="utf-8")
    Path("notebooks/03-places.ipynb").unlink()
    with pytest.raises(NewslabError, match="03-places.ipynb"):
        build("student")
    build("student", force=True)
    assert (out / "03-places.ipynb").read_text(encoding="utf-8") == "my work\n"
    files = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))["files"]
    assert sorted(files) == ["02-share.ipynb"]
    build("student")  # no longer the build's file: it no longer blocks


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"kind": "teacher"}, "unknown build kind"),
        ({"kind": "student", "src": Path("missing")}, "does not exist"),
        ({"kind": "instructor", "lessons": Path("missing")}, "lessons folder does not exist"),
        ({"kind": "student", "src": Path("lessons")}, "no notebooks"),
    ],
)
def test_bad_arguments_are_explained(project, kwargs, words):
    with pytest.raises(NewslabError, match=words):
        build(**kwargs)
    assert not Path("build").exists()


def test_a_file_that_is_not_a_notebook_is_named(project):
    Path("notebooks/05-broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(NewslabError, match="05-broken.ipynb"):
        build("student")
    assert not Path("build").exists()


def test_built_files_are_readable_by_others(tmp_path):
    """A build is handed to students: files get ordinary permissions, not mkstemp's 0600."""
    import stat

    src = tmp_path / "notebooks"
    src.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), src / "01-a.ipynb")
    old = os.umask(0o022)
    try:
        written = build("student", src=src, out=tmp_path / "build" / "student", lessons=None)
    finally:
        os.umask(old)
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


# ---------------------------------------------------------------------------
# The lessons: the placeholders they declare are the ones the build gives
# ---------------------------------------------------------------------------

LESSONS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]-*.ipynb"))
DECLARED = re.compile(r"^\w+ = \.\.\.  # YOUR ANSWER HERE$", re.M)


@pytest.mark.parametrize("nb_path", LESSONS, ids=lambda p: p.name)
def test_lessons_declare_a_placeholder_for_the_answer_only(nb_path):
    """Each exercise sets to ``...`` above its solution block exactly the names the build would
    (nbgrader keeps those lines as they are): the answer, never a step of the worked solution
    (the student copy of lesson 01 asked for ``top``, ``news`` and ``lede`` where only ``lede``
    is the answer)."""
    nb = nbformat.read(nb_path, as_version=4)
    undeclared = copy.deepcopy(nb)
    for cell in undeclared.cells:
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            head, sep, tail = cell.source.partition("### BEGIN SOLUTION")
            cell.source = DECLARED.sub("", head).lstrip("\n") + sep + tail
    wanted = [c.source for c in student_notebook(undeclared).cells]
    given = [c.source for c in student_notebook(nb).cells]
    for want, got in zip(wanted, given):
        assert got == want, f"{nb_path.name}: the exercise declares other placeholders than the answer:\n{got}"
    assert len(wanted) == len(given)


# ---------------------------------------------------------------------------
# A disk that fills up half-way
# ---------------------------------------------------------------------------


def test_a_full_disk_names_the_file_and_the_next_build_still_knows_its_files(project, monkeypatch):
    """`newslab build` on a full disk said "a file: cannot go on"; the files it had written were
    missing from its record, so the build after it (sources changed meanwhile) took them for a
    student's edits and refused to go on."""
    import errno
    import newslab.tools.build as build_module

    out = project / "build" / "student"
    real_replace, calls = os.replace, []

    def replace_until_full(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(build_module.os, "replace", replace_until_full)
    with pytest.raises(NewslabError) as info:
        build("student", src=project / "notebooks", out=out)
    message = str(info.value)
    assert str(out / Path(calls[1]).name) in message and "the disk is full" in message, message
    assert "1 of 2 file(s) written" in message
    assert not list(out.glob(".newslab-*.tmp")), "no temporary file is left behind"
    monkeypatch.setattr(build_module.os, "replace", real_replace)

    # the teacher changes a lesson, makes room and builds again: no "changed after the last build"
    for path in (project / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(new_markdown_cell("A new closing note."))
        nbformat.write(nb, path)
    written = build("student", src=project / "notebooks", out=out)
    assert all("A new closing note." in p.read_text(encoding="utf-8") for p in written)


def test_make_learn_opens_the_learners_own_copy_without_the_answers():
    """A learner alone had only `make lab`, which opens notebooks/ with every answer and its ✓ shown."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(["make", "--no-print-directory", "-n", "learn"], cwd=root, capture_output=True, text=True, check=True)
    command = result.stdout
    assert "test -f build/student/00-start-here.ipynb || " in command and "newslab build student" in command
    assert "--force" not in command, "opening the lessons must never overwrite a learner's answers"
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f'--ServerApp.root_dir="{root}/build/student"' in command
    assert "build/student/00-start-here.ipynb" in command.splitlines()[-1]
    assert "notebooks/" not in command and "token=''" not in command and 'token=""' not in command
