"""The finansförvaltning's button *Sammanställ nämnderna*: the VBA/VML at file level, and
the click (fake xlwings) consolidating the workbook's folder beside it."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

import fake_xlwings as F
from excelreport import button
from excelreport import macro as M
from excelreport.app.generate import write_workbook
from test_macro import vml_macros, vml_text

from kommunbook import kommun


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))


def test_new_finansforvaltning_xlsm_gets_the_consolidation_button(tmp_path):
    path = tmp_path / "Finansforvaltning.xlsm"
    proc = subprocess.run([sys.executable, "-m", "excelreport.cli", "new", path, "--typ", "finansforvaltning"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert vml_macros(path) == [f"[0]!{M.MACRO}"]
    assert M.FINANCE_BUTTON_CAPTION in vml_text(path) and M.BUTTON_CAPTION not in vml_text(path)
    assert not path.with_suffix(".py").exists()  # the button imports nothing beside the workbook
    assert openpyxl.load_workbook(path).sheetnames == ["Info", "Finansiering", "Balanskrav", M.CONF_SHEET]


def click(book, monkeypatch) -> button.Outcome:
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    return button.run_book(book, pdf=False)


def kommun_with_button(folder):
    kommun.write_kommun(folder)
    (folder / "Finansförvaltning.xlsx").unlink()
    grants = None
    for i, board in enumerate(kommun.BOARDS):
        g = kommun.board_data(i, *board)[1]
        grants = g if grants is None else {k: grants[k] + g[k] for k in g}
    path = folder / "Finansforvaltning.xlsm"
    write_workbook(path, kommun.finance_data(grants), macro=M.MacroWorkbook(finance_office=True))
    return path


def test_the_button_consolidates_the_folder_beside_the_workbook(tmp_path, monkeypatch):
    folder = tmp_path / "delar"
    path = kommun_with_button(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    book = F.load(path)
    outcome = click(book, monkeypatch)
    assert outcome.result == button.OK, outcome.message
    assert "6 nämnder sammanställda" in outcome.message
    names = {p.name for p in outcome.files}
    assert names == {"Sammanställning Delårsbokslut 2024.xlsx", "Delårsbokslut 2024 Lindåsa kommun – sammanställning.docx"}
    assert all(p.parent == folder for p in outcome.files)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in before} == before
    assert "Resultat Finansiering" in book.sheets.names
    status = [row[0] for row in book.sheets["Info"].range(M.STATUS_RANGE).value]
    assert status[1].startswith("Klart") and "Sammanställning Delårsbokslut 2024.xlsx" in status[2]
    # The live book counts as Excel shows it: a changed forecast, not yet saved, is used.
    sheet = book.sheets["Finansiering"]
    for (r, c), cell in list(sheet.cells.items()):
        if cell.value in ("Skatteintäkter", "Finansförvaltningens resultat"):  # Excel recalculates the sum
            sheet.cell(r, c + 4).value = sheet.cell(r, c + 4).value + 100
    assert click(book, monkeypatch).result == button.OK
    wb = openpyxl.load_workbook(folder / "Sammanställning Delårsbokslut 2024.xlsx")
    taxes = next(r for r in wb["Kommunens resultat"].iter_rows(values_only=True) if r[0] == "Skatteintäkter")
    original = next(r for r in openpyxl.load_workbook(path, data_only=True)["Finansiering"].iter_rows(values_only=True)
                    if r[0] == "Skatteintäkter")
    assert taxes[3] == pytest.approx(original[4] + 100)


def test_the_button_with_a_damaged_board_says_fel_and_writes_no_report(tmp_path, monkeypatch):
    folder = tmp_path / "delar"
    path = kommun_with_button(folder)
    (folder / "Socialnämnden.xlsx").write_bytes(b"inte en arbetsbok")
    outcome = click(F.load(path), monkeypatch)
    assert outcome.result == button.FEL_FOUND and "Inlämning" in outcome.message
    assert not list(folder.glob("*.docx"))
    inl = {r[0]: r[3] for r in openpyxl.load_workbook(folder / "Sammanställning Delårsbokslut 2024.xlsx")["Inlämning"]
           .iter_rows(min_row=2, values_only=True)}
    assert inl["Socialnämnden.xlsx"] == "Ej läsbar"


def test_guide_and_readme_cover_the_central_office():
    from conftest import ROOT

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    for needed in (M.FINANCE_BUTTON_CAPTION, "--typ finansforvaltning", "excelreport consolidate", "Inlämning",
                   "Kontroll", "Resultatmål (%)", "Balanskrav"):
        assert needed in guide, needed
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "excelreport consolidate workbooks/exempelkommun" in readme
