"""Facts in the lessons, as tests: each guards a class of error a review found.

* **Cited figures.** Every source id a lesson guide or notebook names exists in
  the case's ``sources.csv`` with a URL (or is marked as having none on
  purpose), and nothing cites the team's private ``FACTS.md``.
* **No answer before its question.** No exercise's answer is printed in an
  output above the cell that checks it.
* **Stale counts.** Sentences in a guide that state what the extractors find
  ("one row disagrees") are recomputed.
* **Verdict words.** Where a guide or a case note names a claim's verdict, the
  rules (:mod:`newslab.claims`) give that verdict.

The figure-layout rules (no overlapping text, nothing under 9 pt) are in
``tests/test_figure_text.py``.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import nbformat
import pytest

from newslab import load_case
from newslab.case.checks import expected_answer, question

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
MYST = sorted((ROOT / "notebooks" / "md").glob("[0-9][0-9]-*.md"))
LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.md"))
CASES = sorted(p.parent for p in (ROOT / "cases").glob("*/case.toml"))

#: Sources that are calculations or inventions: they have no page to point at.
NO_URL_KINDS = {"calendar", "invented", "map-approx", "natural-earth-points"}


def _sources(case_dir: Path) -> dict[str, dict[str, str]]:
    with open(case_dir / "sources.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


ALL_SOURCES = {case_dir.name: _sources(case_dir) for case_dir in CASES}
#: Every source id of every case; a backticked word in a guide that is one of these is a citation.
KNOWN_IDS = {sid for rows in ALL_SOURCES.values() for sid in rows}


def _other_ids() -> set[str]:
    """Ids that are not sources: case ids and the row ids of claims, voices and events."""
    ids = {case_dir.name for case_dir in CASES}
    for case_dir in CASES:
        for table in ("claims", "voices", "events"):
            path = case_dir / f"{table}.csv"
            if path.exists():
                with open(path, encoding="utf-8", newline="") as f:
                    ids |= {row["id"] for row in csv.DictReader(f)}
    return ids - KNOWN_IDS


OTHER_IDS = _other_ids()


# --------------------------------------------------------------------------- cited figures


def _cited_ids(text: str) -> set[str]:
    """Backticked slugs that look like source ids (``worldbank-pop``), and ids named after 'source'."""
    ids = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", text))
    ids |= set(re.findall(r"sources?\s+`?([a-z0-9]+(?:-[a-z0-9]+)+)`?", text))
    return ids


def _looks_like_source(word: str) -> bool:
    """A backticked slug is a source citation when it has a source's shape (a date or a publisher prefix)."""
    if word in OTHER_IDS:
        return False
    return word in KNOWN_IDS or bool(re.search(r"-(19|20)\d\d\b", word)) or word.startswith(
        ("voices-", "numbers-", "reuters-", "unhcr-", "cia-", "dod-", "white-house", "lwj-", "irna-", "worldbank"))


TEXTS = LESSONS + MYST


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_lesson_cites_the_private_facts_file(path):
    text = path.read_text(encoding="utf-8")
    assert "FACTS.md" not in text, (
        f"{path.relative_to(ROOT)} cites FACTS.md, which students and teachers do not have: "
        "cite the source itself (its sources.csv id, which carries the URL)")


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_cited_source_exists_with_a_url(path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for word in sorted(_cited_ids(text)):
        if not _looks_like_source(word):
            continue
        rows = [rows[word] for rows in ALL_SOURCES.values() if word in rows]
        if not rows:
            problems.append(f"`{word}` is cited but no case's sources.csv has it")
            continue
        if word in NO_URL_KINDS:
            continue
        unpinned = any("no single document is pinned" in r["note"].lower() for r in rows)
        if unpinned:  # allowed only where the guide tells the teacher so, next to the citation
            near = text[max(0, text.index(f"`{word}`") - 300):text.index(f"`{word}`") + 300].lower()
            if "no document is pinned" not in near:
                problems.append(f"`{word}` has no document pinned: say so where you cite it")
            continue
        if not any(r["url"].strip() for r in rows):
            problems.append(f"`{word}` has no URL in sources.csv: a reader cannot look it up")
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_every_reference_value_cites_a_source_with_a_url(case_dir):
    """Each claim with a reference value, each voice and event cites sources that exist and can be looked up."""
    rows = _sources(case_dir)
    problems = []
    for table in ("claims", "voices", "events", "places"):
        path = case_dir / f"{table}.csv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                ids = [s.strip() for s in (row.get("source_id") or "").split(";") if s.strip()]
                if table == "claims" and (row.get("ref_value") or "").strip() and not ids:
                    problems.append(f"{table}.csv line {n}: a reference value with no source")
                for sid in ids:
                    if sid not in rows:
                        problems.append(f"{table}.csv line {n}: source {sid!r} is not in sources.csv")
                    elif sid not in NO_URL_KINDS and not rows[sid]["url"].strip():
                        problems.append(f"{table}.csv line {n}: source {sid!r} has no URL")
    assert not problems, f"{case_dir.name}: " + "; ".join(problems)


# --------------------------------------------------------------------------- answers before their question


_CHECK = re.compile(r"newslab\.check\(\s*[\"']([0-9]{2}-[a-z0-9-]+)[\"']")


def _answer_strings(value, tolerance: float = 0.0) -> list[str]:
    """How a numeric answer would look if printed: ``885.08`` → ``885.1``, ``885.08``; ints only from 100 up.

    A rounding counts only if it would itself pass the check (within ``tolerance``):
    3.957 printed as ``3.96`` gives the answer away, printed as ``4.0`` it does not.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float) and math.isnan(value)):
        return []
    v = float(value)
    if v.is_integer():
        return [f"{int(v)}", f"{int(v):,}"] if abs(v) >= 100 else []
    out = []
    for digits in (1, 2, 3):
        text = f"{v:.{digits}f}"
        if float(text) != 0 and abs(float(text) - v) <= (tolerance or 10 ** -digits / 2):
            out.append(text)
    return sorted(set(out))


def _output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        for mime, data in (out.get("data") or {}).items():
            if mime.startswith("text/"):
                parts.append(data if isinstance(data, str) else "".join(data))
    return "\n".join(parts)


def leaks(nb_path: Path, case) -> list[str]:
    """Answers printed above their check cell in a committed notebook, as sentences."""
    nb = nbformat.read(nb_path, as_version=4)
    # Exercises are the questions checked in a cell with a solution; lesson 00's
    # demonstration (00-demo) is answered in the open, on purpose.
    exercised = {qid for cell in nb.cells if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source
                 for qid in _CHECK.findall(cell.source)}
    found = []
    above: list[str] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for qid in _CHECK.findall(cell.source):
            if qid not in exercised:
                continue
            try:
                q = question(qid, case)
                expected = expected_answer(q, case)
            except Exception:  # a question this case does not have: nbval reports that
                continue
            for text in _answer_strings(expected, float(getattr(q, "tolerance", 0) or 0)):
                pattern = re.compile(r"(?<![\d.,])" + re.escape(text) + r"(?![\d])")
                for where, output in above:
                    if pattern.search(output):
                        found.append(f"{qid}: its answer {text} is printed in the output of {where}")
                        break
        above.append((f"cell {index} ({cell.source.strip().splitlines()[0][:50] if cell.source.strip() else ''})",
                      _output_text(cell)))
    return found


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_answer_is_shown_above_its_question(nb_path):
    case = load_case("iran-taliban-2021")
    problems = leaks(nb_path, case)
    assert not problems, f"{nb_path.name}: " + "; ".join(problems)


def test_the_leak_finder_finds_a_leak(tmp_path):
    """The rule itself can fail: a notebook that prints 885.1 before asking for it is caught."""
    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("claims", outputs=[nbformat.v4.new_output(
        "execute_result", data={"text/plain": "  550-mile   885.1"}, execution_count=1)])
    asked = nbformat.v4.new_code_cell('miles_km = ...\n### BEGIN SOLUTION\nmiles_km = 885.1\n### END SOLUTION\n'
                                      'newslab.check("03-miles-km", miles_km)')
    nb.cells = [shown, asked]
    path = tmp_path / "03-leaky.ipynb"
    nbformat.write(nb, path)
    assert leaks(path, load_case("iran-taliban-2021")) == [
        "03-miles-km: its answer 885.1 is printed in the output of cell 0 (claims)"]


# --------------------------------------------------------------------------- stale counts and verdict words


_WORDS = {"no": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def test_lesson_05_counts_the_disagreeing_voices_as_the_extractor_does():
    from newslab.tools.brief import compare_voices

    text = (ROOT / "lessons" / "05-your-turn.md").read_text(encoding="utf-8")
    m = re.search(r"With the extractor as committed, (\w+) rows?\s+disagrees?", text)
    assert m, "lesson 05 no longer says how many voices rows disagree with the extractor"
    stated = _WORDS.get(m.group(1).lower(), None)
    compared = compare_voices(load_case("irish-border-2023"))
    actual = int((~compared["agree"]).sum())
    assert stated == actual, f"lesson 05 says {m.group(1)} rows disagree; the extractor gives {actual}"


@pytest.mark.parametrize(("case_id", "claim_id", "verdict"), [
    ("irish-border-2023", "border-mi", "rounded"),
    ("iran-taliban-2021", "border-mi", "disputed"),
    ("iran-taliban-2021", "border-km", "rounded"),
])
def test_the_verdicts_the_guides_teach_are_the_rules_verdicts(case_id, claim_id, verdict):
    """Lessons 02 and 05 contrast the 300-mile twin (rounded) with the 550-mile twin (disputed)."""
    from newslab.case.claims import claims_table

    table = claims_table(load_case(case_id))
    assert table.loc[table["id"] == claim_id, "verdict"].iloc[0] == verdict
    note = table.loc[table["id"] == claim_id, "note"].iloc[0]
    if claim_id == "border-mi":  # the notes teach the contrast, so they must name the rules' verdict
        assert verdict in str(note).lower(), f"{case_id} {claim_id}: the note does not say the claim is {verdict}"


def test_no_case_note_calls_a_rounded_claim_a_deliberate_slip():
    from newslab.case.claims import claims_table

    for case_dir in CASES:
        table = claims_table(load_case(case_dir.name))
        for _, row in table.iterrows():
            note = str(row.get("note") or "").lower()
            if "deliberate slip" in note or "slips" in note:
                assert row["verdict"] == "disputed", (
                    f"{case_dir.name} {row['id']}: the note calls it a slip, but the rules grade it {row['verdict']}")


# --------------------------------------------------------------------------- timing a teacher can use


def _timing(path: Path) -> tuple[list[int], int, int, int]:
    """The minutes of each row of a guide's timing table, its stated total, and the front matter's split."""
    text = path.read_text(encoding="utf-8")
    table = text[text.index("## Timing"):]
    table = table[:table.index("\n## ", 5)]
    rows, total = [], None
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not line.startswith("|") or set(cells[1]) <= set("-: "):
            continue
        m = re.match(r"\**(\d+)\**", cells[1])
        if not m:
            continue
        if "total" in cells[0].lower():
            total = int(m.group(1))
        else:
            rows.append(int(m.group(1)))
    teaching = int(re.search(r"^teaching: (\d+)", text, re.M).group(1))
    exercises = int(re.search(r"^exercises: (\d+)", text, re.M).group(1))
    return rows, total, teaching, exercises


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_each_guides_timing_adds_up(path):
    rows, total, teaching, exercises = _timing(path)
    assert sum(rows) == total, f"{path.name}: the rows add up to {sum(rows)} minutes, the table says {total}"
    assert teaching + exercises == total, f"{path.name}: front matter {teaching} + {exercises} is not the table's {total}"
    assert total == 50, f"{path.name}: plan a 50-minute class, set-up and discussion included (it plans {total})"


# --------------------------------------------------------------------------- lateral reading by comparing


#: Words with which a table, note or passage would hand a student the verdict instead of the evidence.
_VERDICT = re.compile(r"\bwrong(ly)?\b|copy's (own )?word|rewording's|\bnot a weekly\b|\bnot calamity\b|"
                      r"\bneither says\b|\bis wrong\b", re.I)


def lateral_evidence(case) -> list[tuple[str, str]]:
    """What lesson 04 shows above Exercises 5 and 6: ``(where, text)`` for each voice's description,
    each cited source's note, and each shelf passage about a voice."""
    from newslab import shelf

    shown = [(f"voices.csv {row['id']} description", str(row["description"])) for _, row in case.voices.iterrows()]
    cited = set(shelf.cited_ids(case, "voices"))
    shown += [(f"sources.csv {row['id']} note", str(row["note"])) for _, row in case.sources.iterrows() if row["id"] in cited]
    for vid in case.voices["id"]:
        shown += [(f"shelf/{p['source']}.toml passage on {vid}", p["says"]) for _, p in shelf.passages(case, vid).iterrows()]
    return shown


@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_lateral_reading_shows_evidence_not_verdicts(case_dir):
    """Students find the rewording's slips by comparing, not by searching a note for "wrongly"."""
    problems = [f"{where}: {m.group(0)!r}" for where, text in lateral_evidence(load_case(case_dir.name))
                for m in [_VERDICT.search(text)] if m]
    assert not problems, "lesson 04 shows the verdict above its exercises: " + "; ".join(problems)


def test_the_seed_shelf_holds_what_the_comparison_needs():
    """Exercise 6 compares a quotation with other reports' wordings: UNHCR's must agree on a word the copy lacks,
    the officials' translations must not; Exercise 5 needs a source calling Etemad a daily."""
    from newslab import shelf

    case = load_case("iran-taliban-2021")

    def wordings(vid):
        return [set(w.lower().split()) for says in shelf.passages(case, vid)["says"] for w in re.findall(r'"([^"]+)"', says)]

    text = dict(zip(case.voices["id"], case.voices["text"].str.lower().str.split().map(set)))
    unhcr, officials = wordings("unhcr-calamity"), wordings("officials-calm")
    assert len(unhcr) >= 2 and set.intersection(*unhcr) - text["unhcr-calamity"] == {"crisis"}
    assert len(officials) >= 2 and not set.intersection(*officials) - text["officials-calm"]
    evidence = " ".join(t for where, t in lateral_evidence(case) if "etemad" in where.lower()).lower()
    assert "daily" in evidence and "weekly" not in evidence


def test_the_origin_note_which_names_the_slips_is_not_printed_before_lesson_04_asks_for_them():
    """The seed's origin note names the rewording's slips; lesson 01 printed it, answering lesson 04 in advance."""
    note = load_case("iran-taliban-2021").origin["note"]
    sentences = [s.strip() for s in note.split(". ") if "weekly" in s or "calamity" in s]
    assert sentences, "the origin note no longer names the slips: update this test"
    for nb_path in NOTEBOOKS:
        if nb_path.name >= "05":
            continue
        shown = "\n".join(_output_text(c) for c in nbformat.read(nb_path, as_version=4).cells if c.cell_type == "code")
        for sentence in sentences:
            assert sentence[:50] not in shown, f"{nb_path.name} prints the origin note's slips: {sentence[:50]}…"
