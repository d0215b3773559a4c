"""The reference shelf: every card is sound, and lesson 04's lateral reading has a card for each source it uses."""

from __future__ import annotations

import shutil

import pytest

from newslab import load_case
from newslab.core.errors import CaseError
from newslab.case.shelf import BEHIND, cards_table, load_shelf, passages, validate_shelf

CASES = ("iran-taliban-2021", "irish-border-2023")


@pytest.mark.parametrize("case_id", CASES)
def test_every_card_is_sound(case_id):
    assert validate_shelf(load_case(case_id)) == []


def test_every_source_of_the_seed_voices_has_a_card():
    """Lesson 04 reads the cards of the sources its voices cite: none may be missing."""
    case = load_case("iran-taliban-2021")
    cited = {s.strip() for ids in case.voices["source_id"].dropna() for s in ids.split(";") if s.strip()}
    assert cited - set(load_shelf(case)) == set()


@pytest.mark.parametrize("case_id", CASES)
def test_every_card_says_who_is_behind_its_source_with_a_citation(case_id):
    for card in load_shelf(load_case(case_id)).values():
        for name in BEHIND:
            assert card.behind[name].strip() and card.cites[name].startswith(("http://", "https://")), (card.source, name)


def test_reference_values_the_lessons_teach_have_a_supporting_passage():
    """The slips and reference values lessons 02 and 04 turn on can be read on the shelf, not only in a note."""
    seed = load_case("iran-taliban-2021")
    for row in ("unhcr-calamity", "etemad-warned", "officials-calm", "taliban-control-share", "taliban-control-districts",
                "share-of-population", "afghans-in-iran", "border-km", "therme"):
        assert len(passages(seed, row)), f"no passage on the shelf supports {row}"
    irish = load_case("irish-border-2023")
    for row in ("border-mi", "crossings-300", "quarter-century", "sunak"):
        assert len(passages(irish, row)), f"no passage on the shelf supports {row}"


def test_cards_side_by_side_show_gaps():
    seed = load_case("iran-taliban-2021")
    table = cards_table(seed, ["voices-unhcr-sputnik", "calendar"])
    assert list(table.columns) == ["source", "publisher", "owner", "funding", "kind", "record", "url"]
    assert "Russian state" in table.iloc[0]["owner"]
    assert table.iloc[1]["owner"] == "no card yet"


def test_a_broken_card_is_reported_with_its_file_and_what_to_do(tmp_path, capsys):
    folder = tmp_path / "iran-taliban-2021"
    shutil.copytree(load_case("iran-taliban-2021").folder, folder)
    # the case's article lives outside its folder: point it at the real seed
    toml = (folder / "case.toml").read_text(encoding="utf-8")
    seed_article = (load_case("iran-taliban-2021").folder / "../../seeds/000_fccb1a1899c76aca.txt").resolve()
    (folder / "case.toml").write_text(toml.replace('"../../seeds/000_fccb1a1899c76aca.txt"', f'"{seed_article.as_posix()}"'),
                                      encoding="utf-8")
    card = folder / "shelf" / "voices-etemad.toml"
    card.write_text(card.read_text(encoding="utf-8").replace('owner_cite = "https://', 'owner_cite = "see '),
                    encoding="utf-8")
    (folder / "shelf" / "nobody.toml").write_text('source = "nobody"\nurl = "x"\n[behind\n', encoding="utf-8")
    case = load_case(folder)
    problems = [str(p) for p in validate_shelf(case)]
    assert any("voices-etemad.toml" in p and "owner_cite is not a web address" in p for p in problems), problems
    assert any("nobody.toml" in p and "not valid TOML" in p for p in problems), problems
    with pytest.raises(CaseError, match="voices-etemad.toml"):
        load_shelf(case)
    # `newslab check-case`, which a teacher runs before a class, reports the broken cards too
    from newslab.tools.cli import main

    assert main(["check-case", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "voices-etemad.toml" in err and "nobody.toml" in err


#: Sources that are not outside sources (a calculation, an invention, the authors' own reading of a map):
#: there is no one behind them to read about.
NOT_OUTSIDE = {"calendar", "invented", "map-approx", "natural-earth-points"}


@pytest.mark.parametrize("case_id", CASES)
def test_every_outside_source_has_a_card(case_id):
    case = load_case(case_id)
    missing = set(case.sources["id"]) - set(load_shelf(case)) - NOT_OUTSIDE
    assert not missing, f"{case_id}: no shelf card for {sorted(missing)}"


def test_cited_ids_lists_each_cited_source_once_in_order():
    """Lesson 04 lists the voices' sources with ``newslab.shelf.cited_ids`` (it was a pandas one-liner in the lesson)."""
    import newslab

    case = load_case("iran-taliban-2021")
    ids = newslab.shelf.cited_ids(case, "voices")
    cells = [s.strip() for cell in case.voices["source_id"].dropna() for s in cell.split(";") if s.strip()]
    assert ids == list(dict.fromkeys(cells)) and len(ids) == len(set(ids))
    assert ids[:2] == ["voices-etemad", "reuters-afp-moscow-2021"]
    assert "calendar" in newslab.shelf.cited_ids(case, "events")
    with pytest.raises(KeyError, match="no table 'stance' with a source_id column"):
        newslab.shelf.cited_ids(case, "stance")


def test_passages_of_every_voice_read_the_shelf_once_and_see_an_edit(tmp_path, monkeypatch):
    # Issue 19: lesson 04 asks for the passages of each voice in turn, and every call read
    # and checked every card of the shelf again.
    from newslab import shelf

    folder = tmp_path / "iran-taliban-2021"
    shutil.copytree(load_case("iran-taliban-2021").folder, folder)
    toml = (folder / "case.toml").read_text(encoding="utf-8")  # the seed article, where it really is
    seed_article = (load_case("iran-taliban-2021").folder / "../../seeds/000_fccb1a1899c76aca.txt").resolve()
    (folder / "case.toml").write_text(toml.replace('"../../seeds/000_fccb1a1899c76aca.txt"', f'"{seed_article.as_posix()}"'),
                                      encoding="utf-8")
    case = load_case(folder)
    reads = []
    original = shelf._read

    def counted(path):
        reads.append(path.name)
        return original(path)

    monkeypatch.setattr(shelf, "_read", counted)
    said = {vid: passages(case, vid) for vid in case.voices["id"]}
    cards = len(list((folder / "shelf").glob("*.toml")))
    assert len(reads) == cards and len(said) > 1
    assert any(len(t) for t in said.values())
    # an edited card has the shelf read again; a removed card is gone
    vid, table = next((v, t) for v, t in said.items() if len(t))
    card = folder / "shelf" / f"{table['source'].iloc[0]}.toml"
    card.write_text(card.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    passages(case, vid)
    assert len(reads) == 2 * cards
    card.unlink()
    assert table["source"].iloc[0] not in passages(case, vid)["source"].tolist()
    assert card.stem not in load_shelf(case)
