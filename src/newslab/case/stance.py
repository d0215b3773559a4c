"""Stance coding: each student codes each voice, the class measures agreement.

A *coding* is a table with one row per voice of a case: ``voice_id``,
``speaker``, ``stance`` (one of :data:`STANCES`) and ``evidence`` (the words
of the article that justify the code), plus the ``coder``.  Students fill it
in with the form in :func:`newslab.widgets.stance_form` or, without widgets,
with :func:`coding_from_answers`; :func:`save_coding` writes it to their own
file; :func:`load_codings` reads several students' files back, and
:func:`agreement` and :func:`confusion` say how far two coders agree
(Cohen's kappa).

Where files go
--------------
A student's file is ``<work>/<student>/<case-id>-stance.csv``.  ``<work>`` is
``$NEWSLAB_WORK`` if set, else ``work/`` beside the case's ``cases/`` folder
(for ``cases/iran-taliban-2021`` in a checkout: ``work/`` at the top of the
checkout), or a folder the student passes.  It is never inside ``cases/``,
``notebooks/`` or the case folder: those are the lesson's sources.

Saving twice **refuses**: a second :func:`save_coding` for the same student
and case raises :class:`~newslab.errors.NewslabError` naming the file, unless
``overwrite=True`` is passed.  (Refusing, rather than writing ``-2``, ``-3``
copies, keeps one file per student for the class step to read.)

Cohen's kappa
-------------
For two coders who coded the same *n* items, ``p_o`` is the share of items
they coded alike and ``p_e = Σ_k (a_k / n)(b_k / n)`` the share they would
agree on by chance, where ``a_k`` and ``b_k`` count how often each coder used
category *k*.  ``κ = (p_o − p_e) / (1 − p_e)`` (Cohen 1960, *Educational and
Psychological Measurement* 20: 37–46).  κ = 1 is perfect agreement, 0 is what
chance gives.  When ``p_e = 1`` (both coders used one and the same category
throughout) κ is undefined and returned as NaN.

Examples
--------
>>> round(cohen_kappa(["alarmed", "neutral", "neutral", "alarmed"], ["alarmed", "neutral", "alarmed", "alarmed"]), 3)
0.5
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections import Counter
from os import PathLike
from pathlib import Path
from typing import Iterable, Sequence, TYPE_CHECKING

import pandas as pd

from ..core.errors import CaseError, NewslabError, Problem
from ..core.files import exclusive, os_error_message, write_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "STANCES",
    "CODING_COLUMNS",
    "coding_template",
    "coding_from_answers",
    "work_folder",
    "coding_path",
    "save_coding",
    "load_codings",
    "example_files",
    "example_problems",
    "class_files",
    "cohen_kappa",
    "agreement",
    "confusion",
]

#: The stance codes, with what each means (shown in the form and the lesson).
STANCES = {
    "alarmed": "warns of danger or harm; wants the reader worried",
    "reassuring": "says things are under control; wants the reader calm",
    "pragmatic": "weighs interests and looks for a workable deal",
    "neutral": "reports facts or figures without taking a side",
}

#: The columns of a coding file, in order.
CODING_COLUMNS = ["voice_id", "speaker", "stance", "evidence", "coder"]

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def _check_student(student: str) -> str:
    student = (student or "").strip()
    if not _NAME.fullmatch(student):
        raise NewslabError(
            f"{student!r} cannot be used as a student name: use 1-40 letters, digits, '-' or '_' (e.g. 'ana-r')"
        )
    return student


def coding_template(case) -> "pd.DataFrame":
    """An empty coding for a case: one row per voice, ``stance`` and ``evidence`` blank.

    Parameters
    ----------
    case : Case

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODING_COLUMNS` plus ``text`` (the voice's words, to
        read while coding).
    """
    v = case.voices
    return pd.DataFrame({
        "voice_id": v["id"].astype(str), "speaker": v["speaker"].astype(str), "stance": "", "evidence": "",
        "coder": "", "text": v["text"].astype(str),
    })


def coding_from_answers(case, answers: dict, coder: str = "") -> "pd.DataFrame":
    """A coding from a dict ``{voice_id: stance}`` or ``{voice_id: (stance, evidence)}``.

    The plain-Python way to code voices where widgets do not work.

    Parameters
    ----------
    case : Case
    answers : dict
        Every voice id of the case should appear; unknown ids or stances are refused.
    coder : str, optional

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODING_COLUMNS`, one row per voice, in the case's order;
        voices not in ``answers`` have an empty stance.

    Raises
    ------
    NewslabError
        For an id that is not a voice of the case or a stance not in :data:`STANCES`.
    """
    ids = list(case.voices["id"].astype(str))
    unknown = [k for k in answers if k not in ids]
    if unknown:
        raise NewslabError(f"not voice ids of case {case.id!r}: {', '.join(map(str, unknown))} (they are: {', '.join(ids)})")
    table = coding_template(case).drop(columns="text")
    for i, vid in enumerate(ids):
        if vid not in answers:
            continue
        value = answers[vid]
        stance, evidence = (value, "") if isinstance(value, str) else (value[0], value[1] if len(value) > 1 else "")
        stance = str(stance).strip().lower()
        if stance not in STANCES:
            raise NewslabError(f"voice {vid!r}: stance {stance!r} is not one of {', '.join(STANCES)}")
        table.loc[i, "stance"] = stance
        table.loc[i, "evidence"] = str(evidence).strip()
    table["coder"] = coder
    return table


def _project_of(case=None) -> Path:
    """The project a case belongs to: the folder that holds its ``cases/`` (else the working folder)."""
    if case is not None:
        cfolder = Path(case.folder).resolve()
        return cfolder.parent.parent if cfolder.parent.name == "cases" else cfolder.parent
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "cases").is_dir() and (folder / "notebooks").is_dir():
            return folder
    return here


def work_folder(case=None, folder: str | PathLike | None = None) -> Path:
    """Where students' files go (see the module docstring).

    The folder may not be inside the project's ``cases/`` or ``notebooks/``
    folder, or inside the case folder.  Only those folders count: a project
    kept in, say, ``~/notebooks/newslab`` or ``/srv/cases/newslab`` still
    saves to its own ``work/``.

    Raises
    ------
    NewslabError
        If the folder is inside ``cases/`` or ``notebooks/`` of the project
        (or of the newslab checkout), or inside the case folder.
    """
    if folder is not None:
        root = Path(folder)
    elif os.environ.get("NEWSLAB_WORK", "").strip():
        root = Path(os.environ["NEWSLAB_WORK"].strip())
    elif case is not None:
        root = _project_of(case) / "work"
    else:
        root = Path.cwd() / "work"
    resolved = root.resolve()
    sources = []
    checkout = Path(__file__).resolve().parents[3]
    for project in dict.fromkeys((_project_of(case), checkout)):
        sources += [project / "cases", project / "notebooks"]
    if case is not None:
        sources.append(Path(case.folder).resolve())
    if any(resolved == s or s in resolved.parents for s in sources):
        raise NewslabError(
            f"{root}: students' files may not go inside cases/, notebooks/ or the case folder; "
            "use work/ at the top of the project or a folder of your own"
        )
    return root


def coding_path(student: str, case, folder: str | PathLike | None = None) -> Path:
    """The file a student's coding of ``case`` is saved to."""
    return work_folder(case, folder) / _check_student(student) / f"{case.id}-stance.csv"


def save_coding(coding: "pd.DataFrame", student: str, case, folder: str | PathLike | None = None,
                overwrite: bool = False) -> Path:
    """Save a student's coding to their own CSV file; never overwrite silently.

    Parameters
    ----------
    coding : pandas.DataFrame
        With at least ``voice_id`` and ``stance`` (``speaker``, ``evidence``
        optional).  Every stance must be one of :data:`STANCES`.
    student : str
        The student's name as a file name (letters, digits, ``-``, ``_``).
    case : Case
    folder : path, optional
        The work folder; by default :func:`work_folder`.
    overwrite : bool, default False
        Replace an existing file.  Without it a second save raises.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    NewslabError
        If the file exists and ``overwrite`` is False (also when another save
        creates it at the same moment), if another save of the same file is
        under way, if ``student`` is the name of one of the case's example
        coders (``coder-a``), if a stance is missing or unknown, if a voice id
        is not in the case, or if the disk refuses (full, read-only): then
        the file saved before, if any, is unchanged.
    """
    path = coding_path(student, case, folder)
    student = path.parent.name
    taken = {p.stem.lower(): p for p in example_files(case)}
    if student.lower() in taken:
        raise NewslabError(
            f"{student!r} is the name of an example coder of case {case.id!r} ({taken[student.lower()].name}); "
            "the class table would mix your coding with theirs. Save under your own name; nothing was saved."
        )
    exists_hint = ("To replace it, pass overwrite=True (in the form: tick 'Replace my saved file'), "
                   "or save under another name.")
    if path.exists() and not overwrite:
        raise NewslabError(f"{path.name} already exists in {path.parent.name}/ ({path}): it was not changed. {exists_hint}")
    ids = set(case.voices["id"].astype(str))
    rows = []
    for n, rec in enumerate(coding.to_dict("records"), start=1):
        vid = str(rec.get("voice_id", "")).strip()
        stance = str(rec.get("stance", "") or "").strip().lower()
        if vid not in ids:
            raise NewslabError(f"row {n}: {vid!r} is not a voice id of case {case.id!r}")
        if stance not in STANCES:
            what = "has no stance yet" if not stance else f"has stance {stance!r}, not one of {', '.join(STANCES)}"
            raise NewslabError(f"row {n} (voice {vid!r}) {what}; nothing was saved")
        rows.append([vid, str(rec.get("speaker", "") or ""), stance, " ".join(str(rec.get("evidence", "") or "").split()),
                     student])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CODING_COLUMNS)
    w.writerows(rows)
    # One save of a file at a time (a second click, a second kernel of the same
    # student is refused); the file is written whole or not at all, and
    # without overwrite=True it is created only if nobody made it meanwhile.
    with exclusive(path.parent / f".{path.name}.lock", str(path)):
        write_file(path, buf.getvalue().encode("utf-8"), overwrite=overwrite, exists_hint=exists_hint)
    return path


def example_problems(folder: str | PathLike, voice_ids: Iterable[str] | None = None) -> list[Problem]:
    """Every problem in a case folder's example coder files (``stance/*.csv``), for ``check-case``.

    Lesson 04 reads these files to show the class how two coders agree; what
    :func:`load_codings` would refuse there stops the lesson, so ``check-case``
    reports it first, with file and line.
    """
    files = sorted((Path(folder) / "stance").glob("*.csv"))
    if not files:
        return []
    try:
        load_codings(files, voice_ids)
    except CaseError as exc:
        return exc.problems
    return []


def example_files(case) -> list[Path]:
    """The example coder files that ship with a case (``<case>/stance/*.csv``), sorted."""
    return sorted((Path(case.folder) / "stance").glob("*.csv"))


def class_files(case, folder: str | PathLike | None = None) -> list[Path]:
    """The case's example files, then every student's saved file for this case."""
    root = work_folder(case, folder)
    students = sorted(root.glob(f"*/{case.id}-stance.csv")) if root.is_dir() else []
    return example_files(case) + students


def _rel(path: Path) -> str:
    try:  # the folder resolved, the file as named (a link is named, not what it points to)
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):
        return path.name if path.is_absolute() else str(path)


def load_codings(paths: Iterable[str | PathLike], voice_ids: Iterable[str] | None = None) -> "pd.DataFrame":
    """Read several coders' files into one long table.

    Parameters
    ----------
    paths : iterable of path
        CSV files with the columns ``voice_id`` and ``stance`` (and
        optionally ``speaker``, ``evidence``, ``coder``).
    voice_ids : iterable of str, optional
        The case's voice ids; a row coding any other id is a problem.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODING_COLUMNS` plus ``file``.  ``coder`` is the file's
        ``coder`` column, or the file name without ``.csv`` when that is empty.

    Raises
    ------
    NewslabError
        Listing every problem (file and line): a missing column, an unknown
        stance, a voice coded twice in one file, a voice the case does not
        have (with ``voice_ids``), two files with the same coder, a file that
        cannot be read.
    """
    known = None if voice_ids is None else {str(v) for v in voice_ids}

    problems: list[Problem] = []
    rows = []
    coders: dict[str, str] = {}
    for p in map(Path, paths):
        where = _rel(p)
        try:
            with open(p, encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f)
                header = reader.fieldnames or []
                missing = [c for c in ("voice_id", "stance") if c not in header]
                if missing:
                    problems.append(Problem(where, 1, f"missing column(s): {', '.join(missing)}",
                                            hint=f"the header should be {','.join(CODING_COLUMNS)}"))
                    continue
                seen: set[str] = set()
                coder_here = None
                for line, rec in enumerate(reader, start=2):
                    vid = (rec.get("voice_id") or "").strip()
                    stance = (rec.get("stance") or "").strip().lower()
                    if not vid:
                        problems.append(Problem(where, line, "voice_id is empty"))
                        continue
                    if stance not in STANCES:
                        problems.append(Problem(where, line, f"stance {stance!r} is not one of {', '.join(STANCES)}"))
                        continue
                    if vid in seen:
                        problems.append(Problem(where, line, f"voice {vid!r} is coded twice in this file"))
                        continue
                    if known is not None and vid not in known:
                        problems.append(Problem(where, line, f"voice_id {vid!r} is not in voices.csv"))
                        continue
                    seen.add(vid)
                    coder = (rec.get("coder") or "").strip() or p.stem
                    coder_here = coder_here or coder
                    rows.append({"voice_id": vid, "speaker": (rec.get("speaker") or "").strip(), "stance": stance,
                                 "evidence": (rec.get("evidence") or "").strip(), "coder": coder_here, "file": where})
                if coder_here is not None:
                    if coder_here in coders:
                        problems.append(Problem(where, None, f"coder {coder_here!r} also coded {coders[coder_here]}",
                                                hint="each coder should have one file"))
                    coders[coder_here] = where
        except FileNotFoundError:
            problems.append(Problem(where, None, "no such file"))
        except UnicodeDecodeError:
            problems.append(Problem(where, None, "not a UTF-8 text file"))
        except csv.Error as exc:
            problems.append(Problem(where, None, f"cannot be read as CSV: {exc}"))
        except OSError as exc:
            problems.append(Problem(where, None, os_error_message(exc, where, "cannot read").split(": ", 1)[1]))
    if problems:
        raise CaseError(problems)
    return pd.DataFrame(rows, columns=[*CODING_COLUMNS, "file"])


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa for two coders' codes of the same items (in the same order).

    Parameters
    ----------
    a, b : sequences of str
        Equal length, at least one item.

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``; NaN when ``p_e == 1``.

    Raises
    ------
    ValueError
        If the lengths differ or there are no items.

    Examples
    --------
    >>> cohen_kappa(["x", "y"], ["x", "y"])
    1.0
    >>> cohen_kappa(["x", "x"], ["x", "x"])
    nan
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two coders coded different numbers of items ({len(a)} and {len(b)})")
    if not a:
        raise ValueError("no items to compare")
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if math.isclose(p_e, 1.0):
        return float("nan")
    return (p_o - p_e) / (1 - p_e)


def _paired(codings: "pd.DataFrame", x: str, y: str) -> "pd.DataFrame":
    wide = codings.pivot(index="voice_id", columns="coder", values="stance")
    return wide[[x, y]].dropna()


def agreement(codings: "pd.DataFrame") -> "pd.DataFrame":
    """Cohen's kappa for every pair of coders, on the voices both coded.

    Parameters
    ----------
    codings : pandas.DataFrame
        As :func:`load_codings` returns.

    Returns
    -------
    pandas.DataFrame
        ``coder_a, coder_b, voices, agreed, observed, expected, kappa``, one
        row per pair (coders in sorted order); ``observed`` and ``expected``
        are the shares ``p_o`` and ``p_e``.  Empty with fewer than two coders.
    """
    coders = sorted(codings["coder"].unique())
    rows = []
    for i, x in enumerate(coders):
        for y in coders[i + 1:]:
            both = _paired(codings, x, y)
            if both.empty:
                continue
            a, b = list(both[x]), list(both[y])
            n = len(a)
            agreed = sum(p == q for p, q in zip(a, b))
            ca, cb = Counter(a), Counter(b)
            p_e = sum(ca[k] * cb[k] for k in ca) / (n * n)
            rows.append({"coder_a": x, "coder_b": y, "voices": n, "agreed": agreed, "observed": agreed / n,
                         "expected": p_e, "kappa": cohen_kappa(a, b)})
    return pd.DataFrame(rows, columns=["coder_a", "coder_b", "voices", "agreed", "observed", "expected", "kappa"])


def confusion(codings: "pd.DataFrame", coder_a: str, coder_b: str) -> "pd.DataFrame":
    """How two coders' codes line up: rows are ``coder_a``'s stance, columns ``coder_b``'s.

    Every stance of :data:`STANCES` has a row and a column, so zeros show too;
    the diagonal holds the agreements.

    Raises
    ------
    NewslabError
        If either coder is not in ``codings``.
    """
    known = set(codings["coder"])
    for c in (coder_a, coder_b):
        if c not in known:
            raise NewslabError(f"no coder {c!r} (coders: {', '.join(sorted(known))})")
    both = _paired(codings, coder_a, coder_b)
    labels = list(STANCES)
    table = pd.crosstab(pd.Categorical(both[coder_a], labels), pd.Categorical(both[coder_b], labels),
                        dropna=False)
    table.index = pd.Index(labels, name=f"{coder_a} ↓")
    table.columns = pd.Index(labels, name=f"{coder_b} →")
    return table


def _read_simple(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {(r.get("voice_id") or "").strip(): (r.get("stance") or "").strip().lower() for r in csv.DictReader(f)}


def example_kappa(case) -> float:
    """Cohen's kappa between the first two example coder files of a case.

    The self-check of lesson 04 derives its answer from this, so the question
    works on any case that ships two example files.  Standard library only.

    Raises
    ------
    NewslabError
        If the case has fewer than two example files.
    """
    files = example_files(case)
    if len(files) < 2:
        raise NewslabError(f"case {case.id!r} has fewer than two example coder files in stance/")
    a, b = _read_simple(files[0]), _read_simple(files[1])
    both = [k for k in a if k in b]
    return cohen_kappa([a[k] for k in both], [b[k] for k in both])
