"""The finansförvaltning workbook: new --typ finansforvaltning, check, run, build."""

import subprocess
import sys

import openpyxl

from excelreport import contract as C


def excelreport(*args):
    return subprocess.run([sys.executable, "-m", "excelreport.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def fill(path, values, balance=None):
    """Type amounts into Finansiering (and Balanskrav) as a controller would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Finansiering"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value in values:
            for cell, v in zip(row[1:7], values[row[0].value]):
                cell.value = v
    for row in wb["Balanskrav"].iter_rows(min_row=4):
        if balance and row[0].value in balance:
            row[1].value = balance[row[0].value]
    wb.save(path)


def test_new_writes_info_finansiering_balanskrav_with_dropdowns_and_protection(tmp_path):
    path = tmp_path / "fin.xlsx"
    proc = excelreport("new", path, "--typ", "finansforvaltning", "--kommun", "Lindåsa kommun",
                       "--ar", 2024, "--period", "Delårsbokslut", "--slutmanad", 8, "--enhet", "mnkr")
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Info", "Finansiering", "Balanskrav"]
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=4, values_only=True)}
    assert info["Nämnd"] == info["Typ"] == "Finansförvaltning" and info["Enhet"] == "mnkr"
    fin = wb["Finansiering"]
    labels = [fin.cell(r, 1).value for r in range(4, 11)]
    assert labels == [*C.FINANCING_ROWS, C.FINANCING_RESULT]
    assert fin.protection.sheet and fin["B10"].value.startswith("=B4+")
    assert fin["B4"].number_format == "#,##0.0"
    assert any(dv.type == "decimal" for dv in wb["Balanskrav"].data_validations.dataValidation)
    assert any(dv.type == "list" for dv in wb["Info"].data_validations.dataValidation)
    assert excelreport("check", path).returncode == 0


def test_run_writes_resultat_finansiering_and_checks_its_sum(tmp_path):
    path = tmp_path / "fin.xlsx"
    excelreport("new", path, "--typ", "finansforvaltning", "--kommun", "K", "--ar", 2024,
                "--period", "Delårsbokslut", "--slutmanad", 8)
    fill(path, {"Skatteintäkter": [1000, None, 1000, 1010, 600, 580],
                "Kommunbidrag till nämnderna": [-900, None, -900, -900, -600, -590]})
    proc = excelreport("run", path)
    assert proc.returncode == 0, proc.stdout
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == ["Resultat Finansiering", "Kontroll"]
    rows = {r[0]: r for r in wb["Resultat Finansiering"].iter_rows(min_row=2, values_only=True)}
    assert rows[C.FINANCING_RESULT][1:4] == (100, 110, 10)  # Budget, Prognos, Avvikelse
    # build: the result sheets, no report of its own
    proc = excelreport("build", path, "--no-pdf", "--out", tmp_path / "r")
    assert proc.returncode == 0 and "ingen egen rapport" in proc.stdout
    assert not (tmp_path / "r").exists() or not list((tmp_path / "r").iterdir())


def test_wrong_sum_and_negative_balanskrav_are_fel(tmp_path):
    path = tmp_path / "fin.xlsx"
    excelreport("new", path, "--typ", "finansforvaltning", "--kommun", "K", "--ar", 2024,
                "--period", "Delårsbokslut", "--slutmanad", 8)
    wb = openpyxl.load_workbook(path)
    wb["Finansiering"]["B4"] = 1000
    wb["Finansiering"]["B10"] = 999  # typed over the formula
    wb["Balanskrav"]["B4"] = -5
    wb.save(path)
    proc = excelreport("check", path)
    assert proc.returncode == 1
    assert "Finansiering!B10" in proc.stdout and "Balanskrav!B4" in proc.stdout
    assert "blad-saknas" not in proc.stdout and "Bladet 'Drift' saknas" not in proc.stdout
