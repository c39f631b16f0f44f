"""The command line in one language: click's own texts in Swedish, one name per option, a
user's mistake never an internal error, no raw control character on the terminal, and the
same words and order everywhere."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from click.testing import CliRunner

from resultbook import make
from wbtools import Run, damage, finding_lines

from excelreport import contract as C
from excelreport.cli import main

ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Show|this|message|exit|Error|Invalid|value|Missing|option|"
    r"Try|help|for|No such|is not|one of|Did you mean|required|default|TEXT|INTEGER|"
    r"RANGE|PATH|FILE|DIRECTORY|ARGS|COMMAND|OPTIONS|Aborted|Got|unexpected|requires|"
    r"does not|exist|directory|readable|version)\b")
ALLOWED = {"help", "version"}  # as in --help and "excelreport, version 0.1" (Swedish too)


def cli(*args, **kw) -> Run:
    """The CLI in-process under its installed name (click's texts name the program)."""
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="excelreport",
                                catch_exceptions=False, **kw)
    return Run(result.exit_code, result.stdout, result.stderr)


def english(text: str) -> list[str]:
    """English words outside option names (``--help``) and quoted user input."""
    text = re.sub(r"--?[\w-]+", " ", text)
    text = re.sub(r"'[^']*'", " ", text)
    return [w for w in ENGLISH.findall(text) if w not in ALLOWED]


COMMANDS = tuple(main.commands)  # every command: next and consolidate too


@pytest.mark.parametrize("args", [("--help",), ("-h",)] + [(c, "--help") for c in COMMANDS])
def test_help_is_swedish(args):
    result = cli(*args)
    assert result.code == 0 and result.err == ""
    assert result.out.startswith("Användning: excelreport ")
    assert "Flaggor:" in result.out and "Visa den här hjälpen och avsluta." in result.out
    assert english(result.out) == [], result.out


def test_command_list_shows_every_description_in_full():
    out = " ".join(cli("--help").out.split())
    assert "Kommandon:" in out
    for name in COMMANDS:
        first = main.commands[name].help.split("\n\n")[0]
        assert " ".join(first.split()) in out, name
    assert "..." not in out.replace("[ARGUMENT]...", "")
    # the description above the list names every command too
    description = out.split("Flaggor:")[0]
    assert [name for name in COMMANDS if not re.search(rf"\b{name}\b", description)] == []
    assert {"next", "consolidate", "contract"} <= set(COMMANDS)


def test_version_is_swedish():
    result = cli("--version")
    assert result.code == 0 and re.fullmatch(r"excelreport, version \S+\n", result.out)


@pytest.mark.parametrize("args, message", [
    (("report", "x.xlsx"), "Fel: Flagga saknas: '-o' / '--out'."),
    (("check",), "Fel: Argument saknas: 'ARBETSBOK'."),
    (("bogus",), "Fel: Kommandot 'bogus' finns inte."),
    (("chek",), "Fel: Kommandot 'chek' finns inte. Menade du 'check'?"),
    (("check", "--bogus", "x"), "Fel: Flaggan '--bogus' finns inte."),
    (("new", "x.xlsx", "--period", "Kvartal"),
     "Fel: Ogiltigt värde för '--period': 'Kvartal' är inte något av 'Månadsuppföljning', "
     "'Fördjupad uppföljning', 'Delårsbokslut', 'Årsredovisning'."),
    (("new", "x.xlsx", "--ar", "abc"), "Fel: Ogiltigt värde för '--ar': 'abc' är inte ett giltigt tal."),
    (("new", "x.xlsx", "--ar", "1999"),
     "Fel: Ogiltigt värde för '--ar': 1999 ligger utanför intervallet 2000<=x<=2100."),
    (("new", "x.xlsx", "--enhet", "kr"),
     "Fel: Ogiltigt värde för '--enhet': 'kr' är inte något av 'tkr', 'mnkr'."),
    (("check", "a.xlsx", "b.xlsx"), "Fel: Oväntat extra argument (b.xlsx)"),
])
def test_usage_mistakes_are_swedish(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli(*args)
    command = f"excelreport {args[0]}" if args[0] in COMMANDS else "excelreport"
    metavar = "[FLAGGOR] KOMMANDO [ARGUMENT]..." if command == "excelreport" else "[FLAGGOR]"
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"Användning: {command} {metavar}")
    assert f"Skriv '{command} --help' för hjälp.\n\n{message}\n" in result.err
    assert english(result.err) == [], result.err


def test_option_without_value_is_swedish():
    result = cli("new", "x.xlsx", "--kommun")
    assert (result.code, result.err) == (2, "Fel: Flaggan '--kommun' kräver ett värde.\n")


# --- -o/--out everywhere ------------------------------------------------------------------


def test_every_writing_command_takes_o_and_out():
    for name in ("contract", "run", "report", "build"):
        assert re.search(r"^  -o, --out \S+ ", cli(name, "--help").out, re.M), name
    assert "--output" not in cli("contract", "--help").out


def test_contract_o_and_the_old_output_spelling(tmp_path):
    for flag in ("-o", "--out", "--output"):
        target = tmp_path / f"kontrakt{flag}.md"
        result = cli("contract", flag, target)
        assert (result.code, result.out) == (0, f"Skrev {target}.\n")
        assert target.read_text(encoding="utf-8").startswith("#")


def test_build_o_writes_the_report_into_the_folder(example, tmp_path):
    result = cli("build", example, "-o", tmp_path / "ut", "--no-pdf")
    assert result.code == 0, result.out + result.err
    assert (tmp_path / "ut" / "Delårsbokslut 2023 Kommunstyrelsen.docx").is_file()


# --- a user's mistake is never an internal error ------------------------------------------


def test_new_into_a_folder_that_does_not_exist(tmp_path):
    target = tmp_path / "saknas" / "ks.xlsx"
    result = cli("new", target)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"Fel: Mappen {target.parent} finns inte; skapa den först eller ange en annan sökväg.\n"
    assert not target.parent.exists()


@pytest.mark.parametrize("args, message", [
    (("new", "{d}"), "Fel: {d} är en mapp; ange en fil som slutar på .xlsx eller .xlsm.\n"),
    (("contract", "-o", "{d}"), "Fel: {d} är en mapp; ange en fil.\n"),
    (("new", "{f}/ks.xlsx"), "Fel: {f} är en fil, inte en mapp; ange en annan sökväg.\n"),
    (("report", "{d}", "-o", "r.docx"), "Fel: {d} är en mapp, inte en arbetsbok.\n"),
])
def test_a_folder_where_a_file_is_expected_gets_the_toolkits_message(tmp_path, args, message):
    folder, file = tmp_path / "mapp.xlsx", tmp_path / "fil.txt"
    folder.mkdir()
    file.write_text("x")
    fill = {"d": folder, "f": file}
    result = cli(*(a.format(**fill) for a in args))
    assert (result.code, result.err) == (2, message.format(**fill))
    assert "Ogiltigt värde" not in result.err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission_gets_the_toolkits_message(example):
    example.chmod(0)
    try:
        result = cli("check", example)
    finally:
        example.chmod(0o644)
    assert result.code == 2 and result.err.startswith(f"Fel: {example}")
    assert "Ogiltigt värde" not in result.err


# --- control characters never reach the terminal raw ------------------------------------


def test_control_characters_in_a_cell_are_escaped(tmp_path, reference_data):
    data = {**reference_data, "Info": {**reference_data["Info"], "Enhet": "k\x1b[31mr\x07"}}
    path = make(tmp_path / "ks.xlsx", data)
    result = cli("check", path)
    assert result.code == 1
    assert "\x1b" not in result.out and "\x07" not in result.out
    (line,) = finding_lines(result, "Info!B10")
    assert "'k\\x1b[31mr\\x07' är inte ett tillåtet värde" in line


def test_control_characters_in_names_and_click_messages_are_escaped(tmp_path):
    folder = tmp_path / "böcker"
    folder.mkdir()
    (folder / "a\x1b[2Jb.xlsx").write_bytes(b"inte en arbetsbok")
    result = cli("check", folder)
    assert result.code == 2 and "\x1b" not in result.out + result.err
    assert "a\\x1b[2Jb.xlsx" in result.out
    missing = cli("check", tmp_path / "saknas\x1b]0;titel\x07.xlsx")
    assert missing.code == 2 and "\x1b" not in missing.err and "\\x1b]0;titel\\x07" in missing.err
    extra = cli("check", "a.xlsx", "b\x07c")  # click's own message quotes it
    assert extra.code == 2 and "\x07" not in extra.err and "(b\\x07c)" in extra.err


# --- the same words, the same order -------------------------------------------------------


def test_table_and_summary_use_the_same_word_for_info(example):
    damage(example, lambda wb: wb["Drift"].__setitem__("B5", "-109 182"))  # a number as text
    result = cli("check", example)
    assert [line.split()[0] for line in finding_lines(result, "Drift!B5")] == ["Info"]
    assert result.out.splitlines()[-1] == "0 fel, 15 varningar, 1 info."


def test_no_periodbudget_note_for_a_cell_with_a_wrong_value(example, tmp_path):
    wrong = tmp_path / "fel.xlsx"
    shutil.copyfile(example, wrong)
    damage(wrong, lambda wb: wb["Drift"].__setitem__("C5", "abc"))
    result = cli("check", wrong)
    assert [line.split()[0] for line in finding_lines(result, "Drift!C5")] == ["Fel"]
    assert "Periodbudget saknas" not in result.out
    damage(example, lambda wb: wb["Drift"].__setitem__("C5", None))  # empty: still computed, noted
    assert "Periodbudget saknas på 1 rad (Personalkostnader)" in cli("check", example).out


def test_an_empty_exploatering_is_not_applicable(example):
    def clear(wb):
        ws = wb["Exploatering"]
        for row in ws.iter_rows(min_row=4, max_row=13, min_col=2, max_col=7):
            for c in row:
                if c.data_type != "f":
                    c.value = None
    damage(example, clear)
    result = cli("check", example)
    assert result.code == 0
    assert not [line for line in result.out.splitlines() if "Exploatering!" in line]


def test_run_and_build_print_in_the_same_order(example, tmp_path):
    built = tmp_path / "b" / example.name
    built.parent.mkdir()
    shutil.copyfile(example, built)
    ran = cli("run", example)
    shutil.move(example, tmp_path / "kopia.xlsx")
    shutil.move(built, example)
    done = cli("build", example, "-o", tmp_path / "ut", "--no-pdf")
    assert ran.code == done.code == 0
    docx = tmp_path / "ut" / "Delårsbokslut 2023 Kommunstyrelsen.docx"
    assert done.out == ran.out + f"Skrev {docx}.\n"
    assert ran.out.splitlines()[-1].startswith(f"Skrev {', '.join(C.RESULT_SHEET_NAMES)} till ")


def test_new_says_which_info_fields_remain(tmp_path):
    target = tmp_path / "ks.xlsx"
    result = cli("new", target, "--kommun", "Alingsås kommun", "--namnd", "Kommunstyrelsen")
    optional = [r.label for r in C.INFO.rows if not r.required and r.label != "Kommentarsgräns"]
    assert (result.code, result.out) == (0, (
        f"Skrev {target}.\nFyll i bladet Info: År, Period, Periodens slutmånad (obligatoriska). "
        f"Valfria: {', '.join(optional)}.\n"
        "Kommentarsgräns är förifylld med 1\u00a0000 tkr (förval): en avvikelse prognos/budget minst så "
        "stor kräver en kommentar. Ändra den i bladet Info vid behov.\n"))
    full = cli("new", tmp_path / "full.xlsx", "--kommun", "K", "--namnd", "N", "--ar", "2023",
               "--period", "Delårsbokslut", "--slutmanad", "8")
    assert full.out.splitlines()[1].startswith("Bladet Info har alla obligatoriska fält ifyllda.")
