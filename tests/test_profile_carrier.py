"""The workbook carries its profile: ``new --profil`` writes the visible, protected sheet
``Profil``; ``check`` reads it back (none = standard) and names it; it survives
LibreOffice Calc's open-and-save."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from conftest import convert
from excelreport.profile import shipped, shipped_text
from excelreport.profile.carrier import FIRST_LINE, carried
from excelreport.read.xlsx import read_workbook
from wbtools import check, run

INFO = ("--kommun", "Exempelby kommun", "--namnd", "Barn- och utbildningsnämnden", "--ar", "2025")


def new(path: Path, *args: str) -> Path:
    result = run("new", path, *INFO, *args)
    assert result.code == 0, result.out + result.err
    return path


def sheet_lines(path: Path) -> list[str]:
    """The TOML's lines as the sheet holds them (a cell holds a run of lines)."""
    ws = openpyxl.load_workbook(path)["Profil"]
    return [line for r in range(FIRST_LINE, ws.max_row + 1) for line in (ws.cell(r, 1).value or "").split("\n")]


def test_new_with_standard_carries_it_and_check_names_it(tmp_path):
    plain = new(tmp_path / "utan.xlsx", "--period", "Delårsbokslut", "--slutmanad", "8")
    carrying = new(tmp_path / "med.xlsx", "--period", "Delårsbokslut", "--slutmanad", "8", "--profil", "standard")
    wb = openpyxl.load_workbook(carrying)
    ws = wb["Profil"]
    assert wb.sheetnames == openpyxl.load_workbook(plain).sheetnames + ["Profil"]
    assert ws.sheet_state == "visible" and ws.protection.sheet
    assert (ws["A1"].value, ws["A3"].value) == ("Kommunprofil", "standard, version 1")
    assert sheet_lines(carrying) == shipped_text("standard").decode().rstrip("\n").split("\n")
    without, with_profile = check(plain), check(carrying)
    assert with_profile.out == "Profil: standard, version 1.\n" + without.out
    assert with_profile.code == without.code == 0


def test_a_workbook_without_the_sheet_or_with_the_users_own_profil_sheet_is_standard(tmp_path):
    path = new(tmp_path / "bok.xlsx", "--period", "Delårsbokslut", "--slutmanad", "8")
    before = check(path).out
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Profil")["A1"] = "Mina anteckningar om profilen"
    wb.save(path)
    assert check(path).out == before and not before.startswith("Profil:")


def test_new_with_exempelby_writes_its_sheets_and_check_follows_them(tmp_path):
    path = new(tmp_path / "bun.xlsx", "--period", "Delårsrapport", "--profil", "exempelby-bun")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Info", "Texter", "Mål", "Indikatorer", "Drift", "Drift per verksamhet",
                             "Investeringar", "Verksamhetsmått", "Personal", "Sjukfrånvaro", "Profil"]
    info = {wb["Info"].cell(r, 1).value: wb["Info"].cell(r, 2).value for r in range(4, 18)}
    assert (info["Period"], info["Periodens slutmånad"], info["Enhet"]) == ("Delårsrapport", 8, "mnkr")
    activity = wb["Drift per verksamhet"]
    assert (activity["A3"].value, activity["A10"].value, activity["B10"].value) == (
        "Verksamhet", "Summa verksamheter", "=B4+B5+B6+B7+B8+B9")
    assert wb["Drift"]["B13"].value == "=B11+B12"  # Resultat = Nettokostnad + Kommunbidrag
    result = check(path)
    assert result.code == 0 and result.err == ""  # empty amount columns: only Varning
    assert result.out.startswith("Profil: exempelby-bun, version 1.\n")
    assert "Drift per verksamhet'!B3" in result.out and "Exploatering" not in result.out


def test_new_checks_the_period_and_month_against_the_profile(tmp_path):
    result = run("new", tmp_path / "a.xlsx", "--profil", "exempelby-bun", "--period", "Delårsbokslut")
    assert result.code == 2 and "'Delårsbokslut' är inte" in result.err and "Delårsrapport" in result.err
    result = run("new", tmp_path / "b.xlsx", "--profil", "exempelby-bun", "--period", "Delårsrapport",
                 "--slutmanad", "5")
    assert result.code == 2 and "Delårsrapport slutar i månad 8 enligt profilen exempelby-bun" in result.err
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()


def test_a_damaged_carried_profile_names_the_cells(tmp_path):
    path = new(tmp_path / "bok.xlsx", "--period", "Delårsbokslut", "--profil", "standard")
    wb = openpyxl.load_workbook(path)
    ws = wb["Profil"]
    row = next(r for r in range(FIRST_LINE, ws.max_row + 1) if 'typ = "finansnetto"' in (ws.cell(r, 1).value or ""))
    in_cell = ws.cell(row, 1).value.split("\n").index('typ = "finansnetto"') + 1  # a cell holds many lines
    ws.cell(row, 1).value = ws.cell(row, 1).value.replace('typ = "finansnetto"', 'typ = "finans"')
    wb.save(path)
    result = check(path)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("Fel: Profilen i bok.xlsx har 1 fel:\n"
                                 f"  bok.xlsx: Profil!A{row} rad {in_cell}: drift[1].rader[9].typ: 'finans' är inte tillåtet")


def test_a_changed_profile_is_not_the_shipped_one(tmp_path):
    custom = tmp_path / "egen.toml"
    custom.write_text(shipped_text("standard").decode().replace('version = "1"', 'version = "2"'), "utf-8")
    path = new(tmp_path / "bok.xlsx", "--period", "Delårsbokslut", "--profil", str(custom))
    found = carried(read_workbook(path))
    assert (found.profile.version, found.shipped) == ("2", False)
    plain = new(tmp_path / "utan.xlsx", "--period", "Delårsbokslut")
    # checked by its own copy, rule by rule as the standard contract: the same findings
    assert check(path).out == "Profil: standard, version 2.\n" + check(plain).out


def test_run_keeps_the_profile_sheet(tmp_path):
    path = new(tmp_path / "bok.xlsx", "--period", "Delårsbokslut", "--slutmanad", "8", "--profil", "standard")
    lines = sheet_lines(path)
    run("run", path)
    assert sheet_lines(path) == lines
    assert check(path).out.startswith("Profil: standard, version 1.\n")


def test_the_profile_survives_libreoffice_calc_open_and_save(tmp_path):
    path = new(tmp_path / "bun.xlsx", "--period", "Delårsrapport", "--profil", "exempelby-bun")
    out = tmp_path / "lo"
    out.mkdir()
    saved = convert(path, "xlsx", out)
    found = carried(read_workbook(saved))
    assert found.shipped and found.profile is shipped("exempelby-bun")
    assert openpyxl.load_workbook(saved)["Profil"].sheet_state == "visible"


def test_a_workbook_without_a_profile_never_loads_the_profile_parser(example):
    """Startup and check cost nothing for workbooks made without --profil."""
    import subprocess
    import sys

    code = ("import sys, excelreport.cli; from excelreport.app.checking import check_file; "
            f"check_file({str(example)!r}); "
            "print(sorted(m for m in sys.modules if m.startswith('excelreport.profile') or m == 'tomllib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # shape.py (what checking follows, standard's contract here) is no part of the parser
    assert out.strip() == ("['excelreport.profile', 'excelreport.profile.carrier', 'excelreport.profile.names', "
                           "'excelreport.profile.shape']")
