"""The case loader: a sound case loads typed; every broken file is named with its line."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from newslab import CaseError, load_case
from newslab.case import available_cases, find_case_dir, validate_case

from conftest import ARTICLE, FILES


def messages(folder) -> list[str]:
    return [str(p) for p in validate_case(folder)]


def test_valid_case_loads_with_typed_tables(case_dir):
    case = load_case(case_dir)
    assert case.id == "andes-water"
    assert case.headline == "Andes towns brace for a dry summer as reservoirs fall"
    assert case.dateline_date.isoformat() == "2022-11-21"
    assert str(case.claims["value"].dtype) == "Float64"
    assert case.claims.loc[1, "value"] == 1500
    assert str(case.places["in_article"].dtype) == "boolean"
    assert str(case.voices["sentence"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(case.events["start"])
    assert pd.isna(case.events.loc[0, "end"])
    assert case.events.loc[1, "end"] == pd.Timestamp("2010-12-31")
    assert case.source("dgi")["publisher"] == "Departamento General de Irrigación"
    assert validate_case(case_dir) == []


def test_seed_case_loads_and_every_table_has_rows():
    case = load_case("iran-taliban-2021")
    assert case.dateline_place == "Tehran"
    assert case.meta["origin"]["wire"] == "AFP"
    for name, frame in case.tables.items():
        assert len(frame) > 0, name
    assert "iran-taliban-2021" in available_cases()


def test_case_found_by_path_to_case_toml(case_dir):
    assert find_case_dir(case_dir / "case.toml") == case_dir


def test_unknown_case_lists_known_ones():
    with pytest.raises(CaseError, match="no such case.*iran-taliban-2021"):
        load_case("no-such-case")


def test_folder_without_case_toml(tmp_path):
    with pytest.raises(CaseError, match="no case.toml"):
        load_case(tmp_path)


@pytest.mark.parametrize(
    "file, content, expected",
    [
        ("claims_csv", "id,surface,unit,kind,speaker\nx,41 percent,percent,claim,officials\n",
         "claims.csv, line 1: required column 'value' is missing"),
        ("claims_csv", "id,surface,value,unit,kind,speaker,sorce_id\nx,41 percent,41,percent,claim,officials,dgi\n",
         "claims.csv, line 1: unknown column 'sorce_id'"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,forty,percent,claim,officials\n",
         "claims.csv, line 2: value: 'forty' is not a number"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,\"3,500\",percent,claim,officials\n",
         "claims.csv, line 2: value: '3,500' is not a number (write it without thousands separators"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,41,percent,rumour,officials\n",
         "claims.csv, line 2: kind: 'rumour' is not one of: claim, estimate"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,42 percent,42,percent,claim,officials\n",
         "claims.csv, line 2: surface '42 percent' does not occur in the article"),
        ("claims_csv", "id,surface,value,unit,kind,speaker,ref_value\nx,41 percent,41,percent,claim,officials,40\n",
         "claims.csv, line 2: ref_value has no source_id"),
        ("claims_csv", "id,surface,value,unit,kind,speaker,source_id\nx,41 percent,41,percent,claim,officials,nope\n",
         "claims.csv, line 2: source_id 'nope' is not in sources.csv"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nBad Id,41 percent,41,percent,claim,officials\n",
         "claims.csv, line 2: id: 'Bad Id' is not an id"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,41,percent,claim\n",
         "claims.csv, line 2: this row has 5 cells but the header has 6"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,41,percent,claim,officials\nx,since 2010,2010,year,date,the article\n",
         "claims.csv, line 3: id 'x' is used again (first on line 2)"),
        ("claims_csv", "id,surface,value,unit,kind,speaker\nx,41 percent,41,percent,claim,\n",
         "claims.csv, line 2: 'speaker' is empty but required"),
        ("claims_csv", "", "claims.csv, line 1: the file is empty"),
        ("claims_csv", None, "claims.csv: the file is missing (hint: create it with at least the header line: id,surface,value"),
        ("places_csv", "name,lat,lon,kind,country,in_article,source_id\nMendoza,-132.89,-68.83,city,ARG,yes,dgi\n",
         "places.csv, line 2: lat -132.89 is not between -90 and 90"),
        ("places_csv", "name,lat,lon,kind,country,in_article,source_id\nMendoza,-132.89,-32.89,city,ARG,yes,dgi\n",
         "places.csv, line 2: lat -132.89 is not between -90 and 90 (hint: did you swap lat and lon?)"),
        ("places_csv", "name,lat,lon,kind,country,in_article,source_id\nMendoza,32.89,-268.83,city,ARG,yes,dgi\n",
         "places.csv, line 2: lon -268.83 is not between -180 and 180"),
        ("places_csv", "name,lat,lon,kind,country,in_article,source_id\nMendoza,-32.89,-68.83,city,Argentina,yes,dgi\n",
         "places.csv, line 2: country: 'Argentina' is not an ISO 3166-1 alpha-3 code"),
        ("places_csv", "name,lat,lon,kind,country,in_article,source_id\nMendoza,-32.89,-68.83,city,ARG,yes,dgi\nSantiago,-33.45,-70.67,capital,CHL,yes,dgi\n",
         "places.csv, line 3: in_article is yes but neither 'Santiago' nor an alias occurs in the article"),
        ("events_csv", "id,start,label,source_id\nmonday,21/11/2022,Reading,calendar\n",
         "events.csv, line 2: start: '21/11/2022' is not a date written YYYY-MM-DD"),
        ("events_csv", "id,start,end,label,source_id\nmonday,2022-11-21,2022-11-20,Reading,calendar\n",
         "events.csv, line 2: end 2022-11-20 is before start 2022-11-21"),
        ("events_csv", "id,start,label,source_id\nmonday,2022-02-30,Reading,calendar\n",
         "events.csv, line 2: start: '2022-02-30' is not a real date"),
        ("voices_csv", "id,speaker,kind,verb,mode,text,sentence\ng,Laura Gómez,expert,said,quote,\"We have never seen the snowpack this thin,\",3\n",
         "voices.csv, line 2: the text begins in sentence 2, not 3"),
        ("voices_csv", "id,speaker,kind,verb,mode,text,sentence\ng,Laura Gómez,expert,said,quote,\"We have never seen the snowpack this thin,\",40\n",
         "voices.csv, line 2: sentence 40 does not exist: the article has sentences 0 to 4"),
        ("voices_csv", "id,speaker,kind,verb,mode,text,sentence\ng,Laura Gómez,scientist,said,quote,\"We have never seen the snowpack this thin,\",2\n",
         "voices.csv, line 2: kind: 'scientist' is not one of"),
        ("sources_csv", "id,title,publisher,url\ndgi,Levels,DGI,www.example.org\ncalendar,Calendar,newslab,\n",
         "sources.csv, line 2: url: 'www.example.org' is not a web address"),
        ("case_toml", 'id = "andes-water"\ntitle = "x"\narticle = "article.txt"\n[dateline]\nplace = "Mendoza"\ndate = "21 Nov 2022"\n[origin]\noutlet = "x"\n[licence]\narticle = "x"\ntables = "x"\n',
         "case.toml, line 6: dateline.date must be a date written YYYY-MM-DD"),
        ("case_toml", 'id = "other-id"\ntitle = "x"\narticle = "article.txt"\n[dateline]\nplace = "M"\ndate = 2022-11-21\n[origin]\noutlet = "x"\n[licence]\narticle = "x"\ntables = "x"\n',
         "case.toml, line 1: id 'other-id' differs from the folder name 'andes-water'"),
        ("case_toml", 'id = "andes-water"\ntitle = "x\n', "case.toml, line 2: not valid TOML"),
        ("case_toml", 'id = "andes-water"\ntitle = "x"\narticle = "article.txt"\n[dateline]\nplace = "M"\ndate = 2022-11-21\n[origin]\noutlet = "x"\n[licence]\narticle = "x"\n',
         "case.toml: licence.tables is missing"),
        ("case_toml", 'id = "andes-water"\ntitle = "x"\narticle = "missing.txt"\n[dateline]\nplace = "M"\ndate = 2022-11-21\n[origin]\noutlet = "x"\n[licence]\narticle = "x"\ntables = "x"\n',
         "missing.txt: the article cannot be used: no such file"),
        ("case_toml", FILES["case.toml"].replace('places = ["Mendoza"]', 'places = ["Mendoza", "Atlantis"]'),
         "case.toml, line 15: [map] places names 'Atlantis', which is not in places.csv"),
        ("checks_toml", '[[question]]\nid = "00-x"\nprompt = "?"\ntype = "number"\nanswer = "12"\n',
         "checks.toml, line 2: question '00-x': bad stored answer: '12' is not an encoded answer"),
        ("checks_toml", '[[question]]\nid = "00-x"\nprompt = "?"\ntype = "text"\nderive = "moon_phase"\n',
         "checks.toml, line 2: question '00-x': derive 'moon_phase' is not one of"),
    ],
)
def test_each_broken_file_is_named_with_line_and_problem(make_case, file, content, expected):
    folder = make_case(**{file: content})
    found = messages(folder)
    assert any(expected in m for m in found), found
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert expected in str(info.value)


def test_every_problem_is_reported_at_once(make_case):
    folder = make_case(
        claims_csv="id,surface,value,unit,kind,speaker\nx,41 percent,forty,percent,claim,officials\n",
        places_csv="name,lat,lon,kind,country,in_article,source_id\nMendoza,-32.89,-268.83,city,ARG,yes,dgi\n",
    )
    with pytest.raises(CaseError) as info:
        load_case(folder)
    assert len(info.value.problems) == 2  # the bad value and the bad lon, in one error
    text = str(info.value)
    assert text.startswith(f"{len(info.value.problems)} problems in the case:")
    assert "claims.csv, line 2" in text and "places.csv, line 2" in text


def test_non_utf8_table_names_line(make_case):
    folder = make_case()
    (folder / "sources.csv").write_bytes(
        "id,title,publisher\ndgi,Niveles,Irrigación\ncalendar,Calendar,newslab\n".encode("latin-1")
    )
    assert any("sources.csv, line 2: byte 0xf3 is not UTF-8" in m for m in messages(folder))


def test_bom_and_crlf_tables_are_accepted(make_case):
    folder = make_case()
    raw = (folder / "claims.csv").read_text(encoding="utf-8").replace("\n", "\r\n")
    (folder / "claims.csv").write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    assert validate_case(folder) == []


def test_curly_quotes_and_spacing_in_tables_match_the_article(make_case):
    # the article has curly quotes; a table typed with straight quotes and extra spaces still matches
    folder = make_case(voices_csv='id,speaker,kind,verb,mode,text,sentence\ng,Laura Gómez,expert,said,quote,"""We have never  seen the snowpack this thin,""",2\n')
    assert validate_case(folder) == []


def test_multiline_cell_line_numbers(make_case):
    folder = make_case(claims_csv='id,surface,value,unit,kind,speaker,note\nx,41 percent,41,percent,claim,officials,"two\nlines"\ny,since 2010,twenty,year,date,the article,\n')
    assert any("claims.csv, line 4: value: 'twenty'" in m for m in messages(folder))


def test_loading_a_5mb_article_case_is_fast(make_case, tmp_path):
    folder = make_case()
    body = "\n\n".join(ARTICLE.split("\n\n")[1:])
    big = ARTICLE + ("\n" + body) * (5_000_000 // len(body))
    (folder / "article.txt").write_text(big, encoding="utf-8")
    assert (folder / "article.txt").stat().st_size > 5_000_000
    start = time.process_time()
    load_case(folder)
    elapsed = time.process_time() - start
    assert elapsed < 1.5, f"a 5 MB case took {elapsed:.2f} s of CPU to load (about 0.75 s on the 2-core CI machine)"


def test_non_utf8_case_toml_names_line(make_case):
    folder = make_case()
    text = (folder / "case.toml").read_text(encoding="utf-8").replace('title = "Dry reservoirs in Mendoza"', 'title = "Sequía en Mendoza"')
    (folder / "case.toml").write_bytes(text.encode("latin-1"))
    assert any("case.toml, line 2: the file is not UTF-8 (hint: save it as UTF-8)" in m for m in messages(folder))


def test_broken_checks_toml_is_reported_with_its_line(make_case):
    folder = make_case()
    (folder / "checks.toml").write_text("[[question]\n", encoding="utf-8")
    assert any("checks.toml, line 1: not valid TOML" in m for m in messages(folder))


def test_a_folder_named_like_a_case_id_does_not_hide_the_case(tmp_path, monkeypatch):
    from newslab.case import find_case_dir

    monkeypatch.chdir(tmp_path)
    (tmp_path / "iran-taliban-2021").mkdir()  # e.g. a student's own notes
    assert (find_case_dir("iran-taliban-2021") / "case.toml").is_file()
    with pytest.raises(CaseError, match="this folder has no case.toml"):
        find_case_dir(str(tmp_path / "iran-taliban-2021"))


def test_an_article_file_given_as_a_case_says_it_is_a_file(tmp_path):
    # A teacher who passes the article itself (`newslab check-case article.txt`) was told "no such case".
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\nA paragraph.\n", encoding="utf-8")
    with pytest.raises(CaseError, match="is a file, not a case.*new-case"):
        load_case(article)
