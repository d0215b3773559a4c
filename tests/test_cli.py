"""The newslab command: output formats, exit codes, and errors without tracebacks."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslab.tools.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_fccb1a1899c76aca.txt"
ARTICLE = "Rain returns to Lisbon\r\n\r\nLISBON — Rain fell on Tuesday. It was the first in 90 days, Mr. Costa said.\r\n\r\n“Good news,” he said.\r\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "lisbon.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def test_sentences_csv(capsys, article):
    code, out, err = run(capsys, "sentences", str(article))
    assert code == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["index", "paragraph", "text"]
    assert rows[1] == ["0", "0", "Rain returns to Lisbon"]
    assert rows[2] == ["1", "1", "LISBON — Rain fell on Tuesday."]
    assert rows[3] == ["2", "1", "It was the first in 90 days, Mr. Costa said."]
    assert rows[4] == ["3", "2", "“Good news,” he said."]
    assert len(rows) == 5


def test_sentences_json_and_markdown(capsys, article):
    code, out, _ = run(capsys, "sentences", str(article), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data[0] == {"index": 0, "paragraph": 0, "text": "Rain returns to Lisbon"}
    code, out, _ = run(capsys, "sentences", str(article), "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == "| index | paragraph | text |" and lines[1] == "|---|---|---|"
    assert lines[2] == "| 0 | 0 | Rain returns to Lisbon |"


def test_sentences_without_headline(capsys, article):
    _, out, _ = run(capsys, "sentences", str(article), "--no-headline")
    assert list(csv.reader(io.StringIO(out)))[1] == ["0", "0", "Rain returns to Lisbon"]
    assert list(csv.reader(io.StringIO(out)))[2][1] == "1"


def test_sentences_on_the_seed_counts_every_sentence(capsys):
    code, out, _ = run(capsys, "sentences", str(SEED))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows[0]["text"] == "As the Taliban resurges next door, Iran is wary but pragmatic."
    assert [int(r["index"]) for r in rows] == list(range(len(rows)))
    assert rows[-1]["text"].endswith("it stated.")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        ("caf\xe9".encode("latin-1"), "line 1: byte 0xe9 at column 4 is not UTF-8"),
        (b"\x00\x01\x02", "binary file"),
    ],
)
def test_bad_article_is_one_line_on_stderr(capsys, tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    code, out, err = run(capsys, "sentences", str(path))
    assert code == 1 and out == ""
    assert err.startswith("newslab sentences: ") and message in err and "bad.txt" in err
    assert "Traceback" not in err


def test_missing_article(capsys, tmp_path):
    code, _, err = run(capsys, "sentences", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt: no such file" in err


def test_check_case_ok_and_broken(capsys, case_dir, make_case):
    code, out, err = run(capsys, "check-case", str(case_dir))
    assert code == 0 and "no problems found" in out
    broken = make_case(places_csv="name,lat,lon,kind,country,in_article,source_id\nMendoza,-32.89,-268.83,city,ARG,yes,nope\n")
    code, out, err = run(capsys, "check-case", str(broken))
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "newslab check-case: 2 problems in the case:"
    assert any("places.csv, line 2: source_id 'nope' is not in sources.csv" in line for line in lines)
    assert any("places.csv, line 2: lon -268.83 is not between -180 and 180" in line for line in lines)


def test_check_case_by_id_and_unknown(capsys):
    assert run(capsys, "check-case", "iran-taliban-2021")[0] == 0
    code, _, err = run(capsys, "check-case", "atlantis-2099")
    assert code == 1 and "no such case" in err and "iran-taliban-2021" in err


def test_cases_lists_the_seed(capsys):
    code, out, _ = run(capsys, "cases")
    assert code == 0 and out.startswith("iran-taliban-2021\t")


def test_encode_answer_types(capsys):
    from newslab.case.checks import decode_answer

    assert decode_answer(run(capsys, "encode-answer", "14")[1].strip()) == 14
    assert decode_answer(run(capsys, "encode-answer", "3.96")[1].strip()) == 3.96
    assert decode_answer(run(capsys, "encode-answer", "14", "--type", "text")[1].strip()) == "14"
    assert decode_answer(run(capsys, "encode-answer", "Saturday")[1].strip()) == "Saturday"
    code, _, err = run(capsys, "encode-answer", "many", "--type", "number")
    assert code == 1 and "'many' is not a number" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["sentences"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["sentences", "x.txt", "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_console_script_help_lists_subcommands():
    exe = Path(sys.executable).with_name("newslab")
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True)
    for command in ("sentences", "check-case", "cases", "encode-answer", "build"):
        assert command in result.stdout


def test_console_script_bad_input_has_no_traceback(tmp_path):
    exe = Path(sys.executable).with_name("newslab")
    result = subprocess.run([str(exe), "sentences", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == f"newslab sentences: {tmp_path}: this is a folder, not an article file (hint: give the path of a .txt file)"


def test_output_to_a_closed_pipe_is_quiet():
    exe = Path(sys.executable).with_name("newslab")
    script = f"'{exe}' sentences '{SEED}' | head -n 1"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env={**os.environ})
    assert result.stdout == "index,paragraph,text\n"
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- the command table (issue 17)


def test_every_command_is_registered_by_the_group_the_table_names_with_the_same_help_line():
    import argparse

    from newslab.tools import cli

    for command, (module, summary) in cli.COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        cli.group(command).register_cli(sub)
        shown = {a.dest: a.help for a in sub._choices_actions}
        assert shown.get(command) == summary, f"{command}: {module}.register_cli says {shown.get(command)!r}"
    full = argparse.ArgumentParser().add_subparsers()
    for module in {m for m, _ in cli.COMMANDS.values()}:
        importlib.import_module(f"newslab.tools.{module}").register_cli(full)
    assert set(full.choices) == set(cli.COMMANDS), "a group registers a command the table does not list"


def test_help_and_a_text_command_import_no_group_they_do_not_need():
    code = ("import sys; from newslab.tools.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('newslab.tools.cmd_') or m in ('pandas', 'matplotlib')),"
            " file=sys.stderr)")
    run = lambda *args: subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True).stderr
    assert run("--help").strip().splitlines()[-1] == "[]"
    assert run("sentences", "--help").strip().splitlines()[-1] == "['newslab.tools.cmd_sentences']"
