"""What is read is what the user sees: hidden and look-alike sheets, Excel's case-insensitive
sheet names, cells and rows without an address."""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import fake_xlwings as F
from excelreport import button
from excelreport.read.xlsx import read_workbook
from wbtools import check, digest, finding_lines, run


def test_a_very_hidden_drift_beside_a_visible_drift_with_a_space_is_a_fel(example):
    wb = openpyxl.load_workbook(example)
    shown = wb.copy_worksheet(wb["Drift"])
    shown.title = "Drift "
    wb["Drift"].sheet_state = "veryHidden"
    wb.save(example)
    result = check(example)
    assert result.code == 1
    fel = [line for line in result.out.splitlines() if line.startswith("Fel")]
    assert any("'Drift' och 'Drift '" in line for line in fel), result.out
    assert any("Bladet 'Drift' är dolt" in line for line in fel), result.out
    assert run("report", example, "-o", example.with_suffix(".docx")).code == 1


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_contract_sheet_is_a_fel(example, state):
    wb = openpyxl.load_workbook(example)
    wb["Uppdrag"].sheet_state = state
    wb.save(example)
    result = check(example)
    assert result.code == 1
    assert finding_lines(result, "Uppdrag")[0].startswith("Fel")


def test_a_hidden_sheet_of_the_users_own_is_fine(example):
    wb = openpyxl.load_workbook(example)
    wb.create_sheet("Mina anteckningar").sheet_state = "hidden"
    wb.save(example)
    assert check(example).code == 0


def test_the_button_sees_a_hidden_contract_sheet_too(example, monkeypatch, tmp_path):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    book = F.load(example)
    book.sheets["Uppdrag"].visible = False
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    outcome = button.run_book(book, now=dt.datetime(2023, 9, 12), pdf=False)
    assert outcome.result == button.FEL_FOUND


@pytest.mark.parametrize("name, result", [("KONTROLL", "Kontroll"), ("resultat drift", "Resultat Drift")])
def test_a_users_sheet_named_like_a_result_sheet_in_other_case_is_not_doubled(example, name, result):
    wb = openpyxl.load_workbook(example)
    wb.create_sheet(name)["A1"] = "mina egna anteckningar"
    wb.save(example)
    checked = check(example)
    assert checked.code == 1
    assert f"Fel           {name}  " in checked.out
    assert f"Bladet '{name}' har samma namn som resultatbladet '{result}'" in checked.out
    before = digest(example)
    ran = run("run", example)  # with the Fel only Kontroll is planned
    if name == "KONTROLL":
        assert ran.code == 2 and f"Byt namn på '{name}'" in ran.err
        assert digest(example) == before
    else:
        assert ran.code == 1
    names = [n.casefold() for n in openpyxl.load_workbook(example, read_only=True).sheetnames]
    assert len(names) == len(set(names))


def test_the_button_refuses_to_double_a_result_sheet_name(example, monkeypatch, tmp_path):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    wb = openpyxl.load_workbook(example)
    wb.create_sheet("KONTROLL")
    wb.save(example)
    book = F.load(example)
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    outcome = button.run_book(book, now=dt.datetime(2023, 9, 12), pdf=False)
    assert outcome.result == button.FAILED and "Byt namn på 'KONTROLL'" in outcome.message
    assert [s.name for s in book.sheets].count("Kontroll") == 0


# --- cells and rows without an address ------------------------------------------------------

ROWS = [["Fält", "Värde", "x"], ["Kommun", "Alingsås", 3], ["År", 2023, 4]]


def _package(tmp_path: Path, sheet_data: str) -> Path:
    """A workbook whose only sheet's cells are ``sheet_data`` (inline strings and numbers)."""
    path = tmp_path / "utan_adress.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    wb.active["A1"] = "x"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(r"<sheetData>.*</sheetData>|<sheetData/>",
                                               f"<sheetData>{sheet_data}</sheetData>", xml, flags=re.S).encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def _c(value, ref: str = "") -> str:
    r = f' r="{ref}"' if ref else ""
    if isinstance(value, str):
        return f'<c{r} t="inlineStr"><is><t>{value}</t></is></c>'
    return f"<c{r}><v>{value}</v></c>"


def _cells(path: Path) -> dict:
    return {k: v.value for k, v in read_workbook(path).sheets["Info"].cells.items()}


EXPECTED = {(r + 1, c + 1): (Decimal(v) if isinstance(v, int) else v)
            for r, row in enumerate(ROWS) for c, v in enumerate(row)}


def test_cells_and_rows_without_r_are_placed_by_position(tmp_path):
    data = "".join("<row>" + "".join(_c(v) for v in row) + "</row>" for row in ROWS)
    assert _cells(_package(tmp_path, data)) == EXPECTED


def test_cells_without_r_in_rows_with_r(tmp_path):
    data = "".join(f'<row r="{i + 1}">' + "".join(_c(v) for v in row) + "</row>" for i, row in enumerate(ROWS))
    assert _cells(_package(tmp_path, data)) == EXPECTED
    gap = '<row r="4">' + _c("a") + _c(1, "C4") + _c("b") + "</row>" + "<row>" + _c("c") + "</row>"
    assert _cells(_package(tmp_path, gap)) == {(4, 1): "a", (4, 3): Decimal(1), (4, 4): "b", (5, 1): "c"}
