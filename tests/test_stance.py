"""Tests for newslab.stance: coding files, never clobbered; Cohen's kappa by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from newslab import NewslabError, load_case, stance
from newslab.notebook.widgets import stance_form

# A worked example, computed by hand.
#   item:  1  2  3  4  5  6  7  8  9  10
#   A:     al al al al re re re ne ne ne
#   B:     al al al re re re ne ne ne al
# agreements: items 1-3, 5-6, 8-9 -> p_o = 7/10
# A uses al 4, re 3, ne 3; B uses al 4, re 3, ne 3
# p_e = (4*4 + 3*3 + 3*3) / 10**2 = 34/100
# kappa = (0.70 - 0.34) / (1 - 0.34) = 0.36 / 0.66 = 6/11 = 0.5454...
A = ["alarmed"] * 4 + ["reassuring"] * 3 + ["neutral"] * 3
B = ["alarmed"] * 3 + ["reassuring"] * 3 + ["neutral"] * 3 + ["alarmed"]


def test_kappa_matches_the_hand_computed_example():
    assert stance.cohen_kappa(A, B) == pytest.approx(6 / 11)


def test_kappa_edge_cases():
    assert stance.cohen_kappa(A, A) == 1.0
    # systematic disagreement is below zero
    assert stance.cohen_kappa(["alarmed", "neutral"], ["neutral", "alarmed"]) == pytest.approx(-1.0)
    assert math.isnan(stance.cohen_kappa(["neutral"] * 3, ["neutral"] * 3))
    with pytest.raises(ValueError, match="different numbers"):
        stance.cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError, match="no items"):
        stance.cohen_kappa([], [])


def write_coder(folder, name, codes, coder=None):
    path = folder / f"{name}.csv"
    lines = ["voice_id,speaker,stance,evidence,coder"]
    lines += [f"v{i},S{i},{c},,{coder if coder is not None else name}" for i, c in enumerate(codes, start=1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_agreement_and_confusion_from_files(tmp_path):
    files = [write_coder(tmp_path, "ana", A), write_coder(tmp_path, "ben", B), write_coder(tmp_path, "cy", A, coder="")]
    codings = stance.load_codings(files)
    assert set(codings["coder"]) == {"ana", "ben", "cy"}  # an empty coder column falls back to the file name
    table = stance.agreement(codings)
    assert list(table[["coder_a", "coder_b"]].itertuples(index=False, name=None)) == [
        ("ana", "ben"), ("ana", "cy"), ("ben", "cy")]
    row = table.iloc[0]
    assert (row["voices"], row["agreed"]) == (10, 7)
    assert row["observed"] == pytest.approx(0.70) and row["expected"] == pytest.approx(0.34)
    assert row["kappa"] == pytest.approx(6 / 11)
    assert table.iloc[1]["kappa"] == 1.0
    conf = stance.confusion(codings, "ana", "ben")
    assert list(conf.index) == list(stance.STANCES) == list(conf.columns)
    assert conf.loc["alarmed", "alarmed"] == 3 and conf.loc["alarmed", "reassuring"] == 1
    assert conf.loc["reassuring", "reassuring"] == 2 and conf.loc["reassuring", "neutral"] == 1
    assert conf.loc["neutral", "neutral"] == 2 and conf.loc["neutral", "alarmed"] == 1
    assert conf.loc["pragmatic"].sum() == 0 and int(conf.values.sum()) == 10
    with pytest.raises(NewslabError, match="no coder"):
        stance.confusion(codings, "ana", "zed")


def test_agreement_uses_only_voices_both_coded(tmp_path):
    a = write_coder(tmp_path, "ana", A)
    b = write_coder(tmp_path, "ben", B[:6])
    row = stance.agreement(stance.load_codings([a, b])).iloc[0]
    assert row["voices"] == 6 and row["agreed"] == 5


def test_load_codings_reports_every_problem_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("voice_id,stance\nv1,furious\nv2,neutral\nv2,alarmed\n,neutral\n", encoding="utf-8")
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("voice,code\nv1,neutral\n", encoding="utf-8")
    with pytest.raises(NewslabError) as err:
        stance.load_codings([bad, nocol, tmp_path / "missing.csv"])
    text = str(err.value)
    assert "bad.csv, line 2: stance 'furious'" in text
    assert "bad.csv, line 4: voice 'v2' is coded twice" in text
    assert "bad.csv, line 5: voice_id is empty" in text
    assert "nocol.csv, line 1: missing column(s): voice_id, stance" in text
    assert "missing.csv: no such file" in text


def test_two_files_from_one_coder_are_refused(tmp_path):
    a = write_coder(tmp_path, "one", A, coder="ana")
    b = write_coder(tmp_path, "two", B, coder="ana")
    with pytest.raises(NewslabError, match="coder 'ana' also coded"):
        stance.load_codings([a, b])


@pytest.fixture()
def case():
    return load_case("iran-taliban-2021")


def full_coding(case, code="neutral"):
    return stance.coding_from_answers(case, {v: (code, "some words") for v in case.voices["id"]}, coder="ana")


def test_save_never_overwrites_silently(case, tmp_path):
    path = stance.save_coding(full_coding(case), "ana", case, folder=tmp_path)
    assert path == tmp_path / "ana" / f"{case.id}-stance.csv"
    before = path.read_bytes()
    with pytest.raises(NewslabError, match="already exists.*overwrite=True"):
        stance.save_coding(full_coding(case, "alarmed"), "ana", case, folder=tmp_path)
    assert path.read_bytes() == before  # untouched
    stance.save_coding(full_coding(case, "alarmed"), "ana", case, folder=tmp_path, overwrite=True)
    saved = stance.load_codings([path])
    assert set(saved["stance"]) == {"alarmed"} and set(saved["coder"]) == {"ana"}
    # another student gets another file
    other = stance.save_coding(full_coding(case), "ben", case, folder=tmp_path)
    assert other != path and path.exists()


def test_save_refuses_incomplete_or_bad_codings(case, tmp_path):
    partial = stance.coding_from_answers(case, {case.voices["id"].iloc[0]: "alarmed"})
    with pytest.raises(NewslabError, match="has no stance yet; nothing was saved"):
        stance.save_coding(partial, "ana", case, folder=tmp_path)
    assert not (tmp_path / "ana").exists()
    with pytest.raises(NewslabError, match="not one of"):
        stance.coding_from_answers(case, {case.voices["id"].iloc[0]: "angry"})
    with pytest.raises(NewslabError, match="not voice ids"):
        stance.coding_from_answers(case, {"nobody": "neutral"})
    for name in ("", "../escape", "a b", "x" * 41):
        with pytest.raises(NewslabError, match="student name"):
            stance.save_coding(full_coding(case), name, case, folder=tmp_path)


def test_work_folder_is_outside_the_sources(case, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLAB_WORK", raising=False)
    default = stance.work_folder(case)
    assert default.name == "work" and default.parent == case.folder.parent.parent
    monkeypatch.setenv("NEWSLAB_WORK", str(tmp_path / "class"))
    assert stance.work_folder(case) == tmp_path / "class"
    for bad in (case.folder, case.folder.parent, case.folder.parent.parent / "notebooks"):
        with pytest.raises(NewslabError, match="may not go inside"):
            stance.work_folder(case, bad)


def test_class_files_lists_examples_then_students(case, tmp_path):
    assert [p.name for p in stance.example_files(case)] == ["coder-a.csv", "coder-b.csv"]
    stance.save_coding(full_coding(case), "zoe", case, folder=tmp_path)
    files = stance.class_files(case, folder=tmp_path)
    assert [p.name for p in files] == ["coder-a.csv", "coder-b.csv", f"{case.id}-stance.csv"]
    codings = stance.load_codings(files)
    assert set(codings["coder"]) == {"coder-a", "coder-b", "zoe"}


def test_example_files_cover_every_voice_and_agree_with_the_derivation(case):
    codings = stance.load_codings(stance.example_files(case))
    for coder, part in codings.groupby("coder"):
        assert sorted(part["voice_id"]) == sorted(case.voices["id"]), coder
    kappa = stance.agreement(codings).iloc[0]["kappa"]
    assert stance.example_kappa(case) == pytest.approx(kappa)


def test_template_and_form(case, tmp_path):
    template = stance.coding_template(case)
    assert list(template["voice_id"]) == list(case.voices["id"]) and (template["stance"] == "").all()
    form = stance_form(case, folder=tmp_path)
    form.save()
    assert form.message.startswith("✗") and "student name" in form.message
    form.name_box.value = "ana"
    form.save()
    assert "has no stance yet" in form.message
    for menu in form.menus.values():
        menu.value = "pragmatic"
    form.save()
    assert form.message == f"✓ Saved to ana/{case.id}-stance.csv"
    form.save()
    assert form.message.startswith("✗ Not saved") and "already exists" in form.message
    form.replace_box.value = True
    first = next(iter(form.menus))
    form.menus[first].value = "alarmed"
    form.notes[first].value = "  the  words "
    form.save()
    saved = pd.read_csv(tmp_path / "ana" / f"{case.id}-stance.csv", keep_default_na=False)
    assert saved.loc[0, "stance"] == "alarmed" and saved.loc[0, "evidence"] == "the words"
