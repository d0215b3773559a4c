"""A short fact-check brief of a case, written by the student: Markdown and HTML.

Lesson 05 ends with a brief a student can hand in or publish: the claims with
their verdicts, the map, the voices, and the student's own summary, assembled
from the case's tables.  :class:`Brief` holds the pieces;
:meth:`Brief.markdown` and :meth:`Brief.html` render them (every piece of text
is escaped: an article or a table cell can never inject markup), and
:func:`write_brief` saves ``brief.md``, ``brief.html`` and ``map.png`` in the
student's own folder.

Student work is never overwritten by accident: :func:`write_brief` records
what it wrote (``.newslab-brief.json``) and refuses to replace a file that was
changed since, or that it did not write, unless ``overwrite=True``.  Running the
same cell again simply rewrites its own unchanged output.

Examples
--------
>>> md_escape("5 * 3 = 15 | [link](x) <b>")
'5 \\\\* 3 = 15 \\\\| \\\\[link\\\\](x) &lt;b&gt;'
>>> md_cell("two\\nlines")
'two lines'
"""

from __future__ import annotations

import getpass
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from .. import geo
from ..case.claims import claims_table
from ..case.loader import DEFAULT_CASE, available_cases
from ..case.stance import _check_student, work_folder as students_folder
from ..core.errors import NewslabError
from ..core.files import exclusive, make_folder, os_error_message, write_file
from ..core.formats import is_missing
from ..core.text import normalize_for_match
from ..extract.voices import extract as find_voices
from ..notebook.plots.border import border_map

__all__ = [
    "Brief", "make_brief", "write_brief", "work_folder", "default_student", "second_case", "md_escape", "md_cell",
    "BRIEF_FILES", "MANIFEST", "SECOND_CASE", "NOT_WRITTEN", "case_map", "draft_summary",
    "checked_claims", "compare_voices",
]

#: The files a brief writes (the map only when there is one).
BRIEF_FILES = ("brief.md", "brief.html", "map.png")
#: Where :func:`write_brief` records what it wrote.
MANIFEST = ".newslab-brief.json"
#: The article the seed case's students try their method on (and the seed is the second for everyone else).
SECOND_CASE = "irish-border-2023"
#: What a brief shows where the student has not written their part yet.
NOT_WRITTEN = "(not written yet)"


# --------------------------------------------------------------------------- escaping


def md_escape(text: Any) -> str:
    """Text made inert in Markdown: its punctuation shown as written, HTML tags shown as text.

    Examples
    --------
    >>> md_escape("_nearly_ 4% <script>")
    '\\\\_nearly\\\\_ 4% &lt;script&gt;'
    """
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]|#+!~>])", r"\\\1", text)


def md_cell(text: Any) -> str:
    """Text for one cell of a Markdown table: escaped, on one line, never empty-looking."""
    if text is None or text is Ellipsis or (isinstance(text, float) and text != text):
        return ""
    return " ".join(md_escape(text).split())


def _missing(value: Any) -> bool:
    """An empty cell, or ``...`` (an exercise the student has not answered yet)."""
    return value is Ellipsis or is_missing(value)


def _number(value: Any, unit: Any = None) -> str:
    if _missing(value):
        return ""
    value = float(value)
    if str(unit).lower() in ("year", "years"):
        return f"{value:.0f}" if value.is_integer() else f"{value:.4g}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}"


#: Units written in the singular in claims.csv that read as plurals in a sentence.
_PLURALS = {"week": "weeks", "day": "days", "year": "years", "decade": "decades", "month": "months",
            "wave": "waves", "crossing": "crossings", "lorry": "lorries", "set": "sets", "concern": "concerns"}


def _quantity(value: Any, unit: Any = None) -> str:
    """A value with its unit as a reader says it: ``6.43 weeks``, ``1996`` (a calendar year), ``1 week``.

    Examples
    --------
    >>> _quantity(6.43, "week"), _quantity(1996, "year"), _quantity(25.48, "year"), _quantity(1, "week")
    ('6.43 weeks', '1996', '25.48 years', '1 week')
    >>> _quantity(921, "km"), _quantity(None, "km")
    ('921 km', '')
    """
    text = _number(value, unit)
    if not text or _missing(unit) or not str(unit).strip():
        return text
    unit = str(unit).strip()
    if unit.lower() in ("year", "years") and float(value).is_integer() and abs(float(value)) >= 1000:
        return text  # a calendar year, not a duration
    if float(value) != 1:
        unit = _PLURALS.get(unit.lower(), unit)
    return f"{text} {unit}"


# --------------------------------------------------------------------------- the brief


@dataclass
class Brief:
    """The pieces of a fact-check brief.

    Parameters
    ----------
    case : Case
        The case the brief is about.
    summary : str
        The student's own two or three sentences: what holds up, what does
        not, what is missing.  ``...`` (not written yet) shows as
        :data:`NOT_WRITTEN`.
    claims : DataFrame
        One row per claim: ``surface, speaker, value, unit`` and, if checked,
        ``ref_value, ref_unit, verdict, source_id``.
    voices : DataFrame
        One row per voice: ``speaker, kind, mode, verb``.
    map : ShownFigure, optional
        The map (from :func:`newslab.plots.border.border_map`).
    missing_voices : str, optional
        Who the article does not hear from, in the student's words.
    author : str, optional
        Who wrote the brief.
    """

    case: Any
    summary: Any
    claims: Any
    voices: Any
    map: Any = None
    missing_voices: Any = None
    author: Any = None
    notes: list[str] = field(default_factory=list)

    # ---- pieces shared by both renderings

    def _title(self) -> str:
        return f"Fact-check brief: {self.case.headline}"

    def _byline(self) -> str:
        d = self.case.dateline_date
        outlet = self.case.origin.get("outlet", "")
        who = "" if _missing(self.author) or not str(self.author).strip() else f" Brief by {self.author}."
        return f"Article: {self.case.dateline_place}, {d.day} {d:%B %Y}; {outlet}.{who}"

    def _text(self, value: Any) -> str:
        return NOT_WRITTEN if _missing(value) or not str(value).strip() else str(value).strip()

    def _claim_rows(self) -> list[dict[str, str]]:
        rows = []
        for _, c in self.claims.iterrows():
            unit = c.get("unit") if _missing(c.get("ref_unit")) or not str(c.get("ref_unit")).strip() else c.get("ref_unit")
            ref = "" if _missing(c.get("ref_value")) else _quantity(c.get("ref_value"), unit)
            verdict = c.get("verdict")
            rows.append({
                "claim": str(c.get("surface", "")),
                "who": str(c.get("speaker", "")),
                "reference": ref,
                "verdict": "not checked" if _missing(verdict) else str(verdict),
                "source": self._source_names(c.get("source_id")),
            })
        return rows

    def _source_names(self, ids: Any) -> str:
        if _missing(ids) or not str(ids).strip():
            return ""
        names = []
        for one in str(ids).split(";"):
            one = one.strip()
            try:
                names.append(str(self.case.source(one)["publisher"]))
            except KeyError:
                names.append(one)
        return "; ".join(dict.fromkeys(names))

    def _voice_rows(self) -> list[dict[str, str]]:
        return [{"speaker": str(v.get("speaker", "")), "kind": str(v.get("kind", "")),
                 "how": f"{v.get('mode', '')}, \u201c{v.get('verb', '')}\u201d"} for _, v in self.voices.iterrows()]

    def _kinds(self) -> str:
        counts = self.voices["kind"].value_counts() if len(self.voices) else {}
        return ", ".join(f"{n} {k}" for k, n in counts.items()) or "none"

    def _verdict_counts(self) -> str:
        rows = self._claim_rows()
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
        return ", ".join(f"{n} {k}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

    # ---- renderings

    def markdown(self, map_file: str | None = "map.png") -> str:
        """The brief as Markdown; every piece of text from the case or the student is escaped."""
        out = [f"# {md_escape(self._title())}", "", md_escape(self._byline()), "",
               "## Summary", "", md_escape(self._text(self.summary)), "",
               f"## Claims ({len(self.claims)}: {md_escape(self._verdict_counts())})", "",
               "| claim | who says it | reference | verdict | source |", "|---|---|---|---|---|"]
        out += [f"| {md_cell(r['claim'])} | {md_cell(r['who'])} | {md_cell(r['reference'])} | "
                f"{md_cell(r['verdict'])} | {md_cell(r['source'])} |" for r in self._claim_rows()]
        out += ["", "## The map", ""]
        if self.map is not None and map_file:
            out += [f"![{md_cell(self.map.alt)}]({map_file})", "", f"*{md_escape(self.map.caption)}*", ""]
        else:
            out += ["No map: this case names no two countries that share a land border (see lesson 03).", ""]
        out += [f"## Voices ({len(self.voices)}: {md_escape(self._kinds())})", "",
                "| speaker | kind | how |", "|---|---|---|"]
        out += [f"| {md_cell(r['speaker'])} | {md_cell(r['kind'])} | {md_cell(r['how'])} |" for r in self._voice_rows()]
        out += ["", f"**Who is missing:** {md_escape(self._text(self.missing_voices))}", "",
                "---", "", md_escape(f"Made with newslab from the case {self.case.id!r}; tables CC BY 4.0."), ""]
        return "\n".join(out)

    def html(self, map_file: str | None = None) -> str:
        """The brief as a standalone HTML page (escaped); the map inline, or as ``map_file`` if given."""
        e = html.escape
        claims = "".join(
            f"<tr><td>{e(r['claim'])}</td><td>{e(r['who'])}</td><td>{e(r['reference'])}</td>"
            f"<td>{e(r['verdict'])}</td><td>{e(r['source'])}</td></tr>" for r in self._claim_rows())
        voices = "".join(f"<tr><td>{e(r['speaker'])}</td><td>{e(r['kind'])}</td><td>{e(r['how'])}</td></tr>"
                         for r in self._voice_rows())
        if self.map is not None:
            if map_file:
                img = f'<img src="{e(map_file)}" alt="{e(self.map.alt)}" style="max-width:100%;height:auto">'
                figure = f"<figure>{img}<figcaption>{e(self.map.caption)}</figcaption></figure>"
            else:
                figure = self.map._repr_html_()
        else:
            figure = "<p>No map: this case names no two countries that share a land border (see lesson 03).</p>"
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{e(self._title())}</title>"
            "<style>body{font-family:system-ui,sans-serif;max-width:48em;margin:1em auto;padding:0 1em;line-height:1.45}"
            "table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}"
            "</style></head><body>\n"
            f"<h1>{e(self._title())}</h1>\n<p>{e(self._byline())}</p>\n"
            f"<h2>Summary</h2>\n<p>{e(self._text(self.summary))}</p>\n"
            f"<h2>Claims ({len(self.claims)}: {e(self._verdict_counts())})</h2>\n"
            '<table><thead><tr><th scope="col">claim</th><th scope="col">who says it</th><th scope="col">reference</th>'
            f'<th scope="col">verdict</th><th scope="col">source</th></tr></thead><tbody>{claims}</tbody></table>\n'
            f"<h2>The map</h2>\n{figure}\n"
            f"<h2>Voices ({len(self.voices)}: {e(self._kinds())})</h2>\n"
            '<table><thead><tr><th scope="col">speaker</th><th scope="col">kind</th><th scope="col">how</th></tr></thead>'
            f"<tbody>{voices}</tbody></table>\n"
            f"<p><strong>Who is missing:</strong> {e(self._text(self.missing_voices))}</p>\n"
            f"<hr><p><small>{e(f'Made with newslab from the case {self.case.id!r}; tables CC BY 4.0.')}</small></p>\n"
            "</body></html>\n"
        )

    def _repr_html_(self) -> str:
        body = re.search(r"<body>\n(.*)</body>", self.html(), re.S).group(1)
        return f'<div class="newslab-brief" style="border:1px solid #ccc;padding:0 1em">{body}</div>'

    def __repr__(self) -> str:
        return (f"Brief of {self.case.id!r}: {len(self.claims)} claims ({self._verdict_counts()}), "
                f"{len(self.voices)} voices, {'a map' if self.map is not None else 'no map'}; "
                f"summary {'written' if self._text(self.summary) != NOT_WRITTEN else 'not written yet'}")


def make_brief(case, summary: Any = ..., claims=None, voices=None, map: Any = "auto",
               missing_voices: Any = None, author: Any = None) -> Brief:
    """Assemble a :class:`Brief` from a case's tables.

    Parameters
    ----------
    case : Case
    summary : str
        The student's summary (``...`` until written).
    claims : DataFrame, optional
        Default: :func:`checked_claims`, the case's claims with lesson 02's verdicts.
    voices : DataFrame, optional
        Default: the case's voices.
    map : ShownFigure, None or "auto"
        ``"auto"`` draws the case's border map when newslab has data for it.
    missing_voices, author : str, optional
    """
    if claims is None:
        claims = checked_claims(case)
    if voices is None:
        voices = case.voices
    if isinstance(map, str) and map == "auto":
        map = case_map(case)
    return Brief(case=case, summary=summary, claims=claims, voices=voices, map=map,
                 missing_voices=missing_voices, author=author)


def checked_claims(case):
    """The case's claims with a ``verdict`` column from lesson 02 (:func:`newslab.case.claims.claims_table`)."""
    return claims_table(case)


def case_map(case):
    """The case's border map (:func:`newslab.plots.border.border_map`), or None without border data.

    A case that lists no border under ``[map] borders``, or only pairs that
    share no land border, gets None (:func:`newslab.geo.border_status` says
    why): a brief then says there is no map, and a notebook keeps running.
    """

    pair = geo.case_border(case)  # the first listed pair with a land border: any on Earth
    if pair is None:
        return None

    return border_map(case, pair)


# --------------------------------------------------------------------------- writing


def default_student() -> str:
    """Who is writing, when a notebook does not say: ``$NEWSLAB_STUDENT``, else the hub or login user name.

    On a JupyterHub that is the student's hub name (``$JUPYTERHUB_USER``); on
    a computer of one's own, the login name.  Characters a student name may
    not hold become ``-``.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.get("NEWSLAB_STUDENT")
    >>> os.environ["NEWSLAB_STUDENT"] = "ana.r@school"
    >>> default_student()
    'ana-r-school'
    >>> if saved is None: del os.environ["NEWSLAB_STUDENT"]
    ... else: os.environ["NEWSLAB_STUDENT"] = saved
    """

    name = os.environ.get("NEWSLAB_STUDENT", "").strip() or os.environ.get("JUPYTERHUB_USER", "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # no user name in this environment (a bare container)
            name = ""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-_")[:40]
    if not name:
        raise NewslabError("cannot tell who you are: pass student='your-name' "
                           "(letters, digits, '-' or '_'), or set $NEWSLAB_STUDENT")
    return name


def work_folder(case, student: str | None = None) -> Path:
    """The student's own folder for a case's brief: ``<work>/<student>/briefs/<case-id>/``.

    ``<work>`` is the students' folder that lesson 04's stance codings use too
    (:func:`newslab.stance.work_folder`): ``$NEWSLAB_WORK`` if set, else
    ``work/`` at the top of the project (beside ``cases/``); never inside
    ``cases/`` or ``notebooks/``.  ``<student>`` is ``student``, by default
    :func:`default_student`, so two students sharing a work folder never
    write over each other's brief.

    Examples
    --------
    >>> import os
    >>> from newslab import load_case
    >>> saved = os.environ.get("NEWSLAB_WORK")
    >>> os.environ["NEWSLAB_WORK"] = "my-work"
    >>> work_folder(load_case("iran-taliban-2021"), "ana-r").as_posix()
    'my-work/ana-r/briefs/iran-taliban-2021'
    >>> if saved is None: del os.environ["NEWSLAB_WORK"]
    ... else: os.environ["NEWSLAB_WORK"] = saved
    """

    student = _check_student(default_student() if student is None else student)
    return students_folder(case) / student / "briefs" / case.id


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _accepted(recorded: dict, name: str) -> set[str]:
    """The hashes the brief's record accepts as newslab's own version of ``name`` (one, or a list)."""
    value = recorded.get(name)
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def write_brief(brief: Brief, folder: str | PathLike | None = None, overwrite: bool = False,
                student: str | None = None) -> list[Path]:
    """Save ``brief.md``, ``brief.html`` and (if there is a map) ``map.png`` in ``folder``.

    Parameters
    ----------
    brief : Brief
    folder : path-like, optional
        Default :func:`work_folder` of the brief's case and the student.
        Like every folder of students' work, it may not be inside ``cases/``
        or ``notebooks/``.
    overwrite : bool
        Replace files even if they were changed since this function wrote
        them (or were not written by it).
    student : str, optional
        Whose brief it is, for the default folder (see :func:`work_folder`).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    NewslabError
        If a file would replace work that was edited since (unless
        ``overwrite``), the folder is a file, another save of the same brief
        is under way, or the disk refuses (full, read-only): each file is
        written whole or not at all, so the files saved before survive.
    """

    folder = Path(folder) if folder is not None else work_folder(brief.case, student)
    if folder.exists() and not folder.is_dir():
        raise NewslabError(f"{folder}: is a file; give a folder for the brief")
    files = {"brief.md": brief.markdown("map.png" if brief.map is not None else None).encode("utf-8"),
             "brief.html": brief.html("map.png" if brief.map is not None else None).encode("utf-8")}
    if brief.map is not None:
        files["map.png"] = brief.map.png
    make_folder(folder)
    manifest_path = folder / MANIFEST
    written = []
    with exclusive(folder / ".newslab-brief.lock", f"the brief in {folder}"):
        try:
            recorded = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
            if not isinstance(recorded, dict):
                recorded = {}
        except (OSError, ValueError):
            recorded = {}
        try:
            current = {name: (folder / name).read_bytes() for name in files if (folder / name).is_file()}
        except OSError as exc:
            raise NewslabError(os_error_message(exc, folder, "cannot read the brief saved before")) from None
        if not overwrite:
            changed = []
            for name, data in files.items():
                target = folder / name
                if name in current:
                    if current[name] != data and _sha(current[name]) not in _accepted(recorded, name):
                        changed.append(str(target))
                elif target.exists() or target.is_symlink():
                    changed.append(str(target))
            if changed:
                raise NewslabError(
                    "refusing to overwrite work that was changed since newslab wrote it (or that newslab did not write): "
                    + ", ".join(changed) + ". Save it under another name, or pass overwrite=True to replace it.")
        for name in files:
            if (folder / name).is_dir():
                raise NewslabError(f"{folder / name}: a folder is in the way of the brief")
        # While the files are replaced one by one, the record accepts both the
        # old and the new version of each, so a save that stops half-way (a
        # full disk) never makes the next save refuse newslab's own files.
        both = {}
        for name, data in files.items():
            old = {_sha(current[name])} if name in current else set()
            both[name] = sorted(_accepted(recorded, name) & old | {_sha(data)})
        if "map.png" in recorded and "map.png" not in both:
            both["map.png"] = sorted(_accepted(recorded, "map.png"))
        write_file(manifest_path, (json.dumps(both, indent=1) + "\n").encode("utf-8"))
        for name, data in files.items():
            target = folder / name
            if current.get(name) != data:
                write_file(target, data)
            written.append(target)
        stale = folder / "map.png"
        if brief.map is None and stale.is_file() and _sha(stale.read_bytes()) in _accepted(recorded, "map.png"):
            stale.unlink()  # a map this function wrote for an earlier version of the brief
        write_file(manifest_path, (json.dumps({n: _sha(d) for n, d in files.items()}, indent=1) + "\n").encode("utf-8"))
    return written


# --------------------------------------------------------------------------- the second article


def second_case(case) -> str:
    """The id of the article to try the method on next: ``$NEWSLAB_SECOND_CASE``, else another shipped case.

    For the seed that is :data:`SECOND_CASE`; for any other case it is the
    seed, so every student has a second article that the package ships with.
    """

    wanted = os.environ.get("NEWSLAB_SECOND_CASE", "").strip()
    if wanted:
        return wanted
    preferred = SECOND_CASE if case.id == DEFAULT_CASE else DEFAULT_CASE
    known = available_cases()
    if preferred in known and preferred != case.id:
        return preferred
    others = [c for c in known if c != case.id]
    if not others:
        raise NewslabError("there is no second case to practise on: make one with `newslab new-case`")
    return others[0]


# --------------------------------------------------------------------------- figures for the self-checks


def draft_summary(claims, voices) -> str:
    """A plain first draft of a brief's summary, from the counts alone, for the student to rewrite.

    Examples
    --------
    >>> import pandas as pd
    >>> claims = pd.DataFrame({"verdict": ["holds", "holds", "off"]})
    >>> voices = pd.DataFrame({"kind": ["official", "expert"], "mode": ["quote", "paraphrase"]})
    >>> draft_summary(claims, voices)
    'The article states 3 numbers: 2 holds, 1 off. It gives 2 voices (1 official, 1 expert), 1 of them quoted directly.'
    >>> draft_summary(claims.assign(surface=["4%", "4%", "900 km"], ref_value=[3.96, 4.1, 945]), voices)[:80]
    'The article states 2 numbers, checked in 3 rows (some against two references): 2'
    >>> draft_summary(claims.assign(surface=["4%", "4%", "900 km"]), voices)[:76]
    'The article states 2 numbers, checked in 3 rows (some in more than one row):'
    >>> two = claims.assign(sentence_index=[2, 2, 5], surface=["two", "two", "4%"], unit=["country", "economy", "percent"])
    >>> draft_summary(two, voices)[:40]
    'The article states 3 numbers: 2 holds, 1'
    """
    parts = []
    # A number checked against two references has two rows (same sentence, words, value and unit):
    # count numbers and checks apart.  The words alone would merge "two countries" and "two economies".
    key = [c for c in ("sentence_index", "surface", "value", "unit") if c in claims]
    numbers = len(claims.drop_duplicates(subset=key)) if "surface" in key else len(claims)
    rows = len(claims)
    repeated = claims[claims.duplicated(subset=key, keep=False)] if "surface" in key else claims.iloc[:0]
    refs = "ref_value" in claims and bool(len(repeated)) and bool(repeated["ref_value"].notna().all())
    what = (f"The article states {numbers} numbers" if numbers == rows else
            f"The article states {numbers} numbers, checked in {rows} rows "
            + ("(some against two references)" if refs else "(some in more than one row)"))
    if "verdict" in claims:
        counts = claims["verdict"].fillna("not checked").value_counts()
        judged = ", ".join(f"{n} {k}" for k, n in counts.items())
        parts.append(f"{what}: {judged}.")
    else:
        parts.append(f"{what}.")
    kinds = ", ".join(f"{n} {k}" for k, n in voices["kind"].value_counts().items()) if len(voices) else "none"
    quoted = int((voices["mode"] == "quote").sum()) if len(voices) else 0
    parts.append(f"It gives {len(voices)} voices ({kinds}), {quoted} of them quoted directly.")
    return " ".join(parts)


def compare_voices(case):
    """The case's voices table beside what lesson 04's extractor finds in the same sentences.

    Returns
    -------
    DataFrame
        One row per row of ``voices.csv``: ``sentence``, ``in the table`` (the
        speaker a person wrote down), ``found`` (the speakers the extractor
        names in that sentence, joined by "; ", or "" if none) and ``agree``
        (True when one of them names the same speaker, ignoring case, curly
        quotes and a leading "the"; "Mr Sunak" agrees with "Rishi Sunak").
    """
    def norm(name: Any) -> str:
        text = normalize_for_match(str(name)).casefold().strip()
        return re.sub(r"^(the|a|an) ", "", text)

    found = find_voices(case.text)
    by_sentence: dict[int, list[str]] = {}
    for _, row in found.iterrows():
        speaker = row.get("speaker")
        if not _missing(speaker) and str(speaker).strip():
            by_sentence.setdefault(int(row["sentence_index"]), []).append(str(speaker))
    rows = []
    for _, v in case.voices.iterrows():
        names = list(dict.fromkeys(by_sentence.get(int(v["sentence"]), [])))
        want = norm(v["speaker"])
        agree = any(norm(n) == want or (want and (want in norm(n) or norm(n) in want))
                    or (want and norm(n) and norm(n).split()[-1] == want.split()[-1]) for n in names)
        rows.append({"sentence": int(v["sentence"]), "in the table": str(v["speaker"]),
                     "found": "; ".join(names), "agree": agree})
    return pd.DataFrame(rows, columns=["sentence", "in the table", "found", "agree"])
