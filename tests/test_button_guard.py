"""The button cannot be turned against its user: ``xlwings.conf`` and the workbook's folder
are checked by ``check``, ``run`` and the button itself (which then refuses to run)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pytest

import fake_xlwings as F
from excelreport import contract as C
from excelreport import button
from excelreport import macro as M
from excelreport.app.generate import write_workbook
from wbtools import check, digest, finding_lines, run

NAME = "delar_ks_2023"


@pytest.fixture
def book_path(tmp_path, reference_data) -> Path:
    return write_workbook(tmp_path / f"{NAME}.xlsm", reference_data, macro=M.MacroWorkbook())


def conf_edit(path: Path, change) -> Path:
    """Change the xlwings.conf sheet (and more) the way a user in Excel could."""
    wb = openpyxl.load_workbook(path, keep_vba=True)
    change(wb)
    wb.save(path)
    return path


def set_conf(key: str, value):
    def change(wb):
        ws = wb[M.CONF_SHEET]
        for row in ws.iter_rows(min_col=1, max_col=1):
            if row[0].value == key:
                ws.cell(row[0].row, 2).value = value
                return
        last = next(r for r in range(1, 50) if ws.cell(r, 1).value is None)
        ws.cell(last, 1).value, ws.cell(last, 2).value = key, value
    return change


def test_the_blank_settings_pass_and_the_sheet_is_protected(book_path):
    result = check(book_path)
    assert "Fel " not in result.out and "knapp" not in result.out
    assert openpyxl.load_workbook(book_path, keep_vba=True)[M.CONF_SHEET].protection.sheet


@pytest.mark.parametrize("value", [
    r"C:\Users\anna\AppData\Local\Programs\Python\Python312\python.exe",
    r"C:\Program Files (x86)\Python312\pythonw.exe",
    r"D:\Verktyg\Python 3.12\PYTHON.EXE",
])
def test_ordinary_interpreters_are_accepted(book_path, value):
    conf_edit(book_path, set_conf("Interpreter_Win", value))
    result = check(book_path)
    assert result.code == 0, result.out


@pytest.mark.parametrize("key, value, cell", [
    ("Interpreter_Win", r"\\server\share\python.exe", "B1"),
    ("Interpreter_Win", r'C:\Python312\python.exe" & calc.exe & "', "B1"),
    ("Interpreter_Win", r"C:\Windows\System32\cmd.exe", "B1"),
    ("Interpreter_Win", r"C:\Python312\python.exe & calc", "B1"),
    ("Interpreter_Mac", "/usr/bin/python3; open -a Calculator", "B2"),
    ("PYTHONPATH", r"\\server\share", "B3"),
    ("Conda Path", r"C:\x & calc", "B4"),
    ("Conda Env", "base & calc", "B5"),
    ("UDF Modules", "evil", "B6"),
    ("Use UDF Server", True, "B8"),
    ("LICENSE_KEY", "noncommercial", "A10"),
    ("TEMP DIR", r"C:\x & calc", "A10"),
    ("ADD_WORKBOOK_TO_PYTHONPATH", "true", "A10"),
    ("interpreter_win", "python", "A10"),  # a second row for the same key (VBA upper-cases)
])
def test_a_tampered_setting_is_a_fel_naming_the_cell(book_path, key, value, cell):
    conf_edit(book_path, set_conf(key, value))
    result = check(book_path)
    assert result.code == 1
    lines = finding_lines(result, f"'{M.CONF_SHEET}'!{cell}")
    assert lines and lines[0].startswith("Fel"), result.out
    before = digest(book_path)
    ran = run("run", book_path)  # run writes only Kontroll, naming the cell
    assert ran.code == 1 and digest(book_path) != before
    wb = openpyxl.load_workbook(book_path, read_only=True)
    assert "Resultat Drift" not in wb.sheetnames
    assert any(cell in str(r) for r in wb["Kontroll"].iter_rows(values_only=True))


def test_a_formula_in_the_settings_is_a_fel(book_path):
    conf_edit(book_path, set_conf("Conda Env", '=CONCAT("base"," & calc")'))  # no cached value
    result = check(book_path)
    assert result.code == 1
    assert finding_lines(result, f"'{M.CONF_SHEET}'!B5")[0].startswith("Fel")


def test_the_settings_sheet_is_found_as_excel_finds_it_without_regard_to_case(book_path):
    def rename(wb):
        ws = wb[M.CONF_SHEET]
        ws.title = "tillfälligt"
        ws.title = "XLWINGS.CONF"
        assert ws.title == "XLWINGS.CONF"
        ws.cell(10, 1).value, ws.cell(10, 2).value = "LICENSE_KEY", "x"

    conf_edit(book_path, rename)
    result = check(book_path)
    assert result.code == 1 and finding_lines(result, "'XLWINGS.CONF'!A10")[0].startswith("Fel")


def test_a_sheet_named_like_a_python_file_is_a_fel(book_path):
    conf_edit(book_path, lambda wb: wb.create_sheet(f"{NAME}.py"))
    result = check(book_path)
    assert result.code == 1 and f"Bladet '{NAME}.py' heter som en Python-fil" in result.out


@pytest.mark.parametrize("planted", ["excelreport/__init__.py", "ExcelReport.py", f"{NAME}.zip",
                                     "xlwings.conf", f"{NAME}/__init__.py", f"{NAME}.pyd",
                                     f"__pycache__/{NAME}.cpython-312.pyc"])
def test_files_beside_the_workbook_that_python_would_take_are_a_fel(book_path, planted):
    target = book_path.parent / planted
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("import os\n")
    result = check(book_path)
    assert result.code == 1
    assert f"'{planted.split('/')[0]}" in result.out or f"'{planted}'" in result.out, result.out


def test_a_changed_companion_module_of_an_older_workbook_is_a_fel(book_path):
    companion = book_path.with_suffix(".py")
    companion.write_text(M.companion_source() + "import os; os.system('calc')\n")
    result = check(book_path)
    assert result.code == 1 and f"'{NAME}.py' bredvid arbetsboken är inte den fil" in result.out


def test_an_xlsx_is_not_judged_by_the_button_rules(tmp_path, reference_data):
    path = write_workbook(tmp_path / "bok med mellanslag.xlsx", reference_data)
    (tmp_path / "xlwings.conf").write_text("x")
    assert check(path).code == 0


def test_the_button_refuses_to_run_and_says_why_on_info(book_path, monkeypatch, tmp_path):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    conf_edit(book_path, set_conf("Conda Env", "base & calc"))
    (book_path.parent / "excelreport").mkdir()
    book = F.load(book_path)
    before = {s.name: s.values() for s in book.sheets}
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    outcome = button.run_book(book, now=dt.datetime(2023, 9, 12, 14, 3), pdf=False)
    assert outcome.result == button.FAILED and not outcome.files
    message = book.sheets["Info"].range(M.STATUS_RANGE).value[1][0]
    assert message.startswith("Knappen körs inte")
    assert "Conda Env" in message and "'excelreport' i arbetsbokens mapp" in message
    assert [s.name for s in book.sheets] == list(before)  # no result sheet written
    assert not (book_path.parent / button.REPORT_FOLDER).exists()
    assert all(before[s.name] == s.values() for s in book.sheets if s.name != "Info")
    assert C.KONTROLL.name not in before


def test_an_interpreter_in_the_workbooks_own_folder_is_a_fel():
    from excelreport.check.button_guard import button_findings
    from excelreport.read.grid import Cell, Grid, WorkbookGrids

    def findings(interpreter: str, workbook: str):
        grid = Grid(M.CONF_SHEET, {(1, 1): Cell("Interpreter_Win"), (1, 2): Cell(interpreter)})
        return [f for f in button_findings(WorkbookGrids({M.CONF_SHEET: grid}, workbook))
                if f.code == "knapp-tolk"]

    assert findings(r"Z:\Delad\Ekonomi\python\python.exe", r"z:\delad\ekonomi\bok.xlsm")
    assert findings(r"Z:\Delad\Ekonomi\python.exe", r"z:\delad\ekonomi\bok.xlsm")
    assert not findings(r"C:\Python312\python.exe", r"Z:\Delad\Ekonomi\bok.xlsm")
    assert not findings(r"Z:\Delad\Ekonomi2\python.exe", r"Z:\Delad\Ekonomi\bok.xlsm")
