"""The button on a workbook that carries a profile (issue 17): it reads the sheet ``Profil``,
checks and writes as the profile says, exactly as ``run`` and ``build`` do on the file (the
filled `exempelby-bun` workbook of tests/exempelby.py, pressed through the xlwings fake)."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

import fake_xlwings as F
from exempelby import filled
from test_excel import click, docx_text, fake_sheet, file_sheet, log_dir  # noqa: F401  (log_dir: autouse)
from excelreport import button
from excelreport.app.checking import check_file, check_grids
from excelreport.app.reporting import report_checked
from wbtools import run

PROFILE_RESULTS = ["Resultat Drift", "Resultat Drift per verksamhet", "Resultat Verksamhetsmått"]


@pytest.fixture(scope="module")
def bun(tmp_path_factory):
    return filled(tmp_path_factory.mktemp("bun") / "bun.xlsx")


def _results(names) -> list[str]:
    return [n for n in names if n.startswith("Resultat") or n == "Kontroll"]


def _findings(checked) -> list[tuple]:
    return [(f.severity, f.code, f.where, f.message) for f in checked.findings]


def test_the_button_finds_what_check_finds_on_the_file(bun):
    from_button = check_grids(button.read_book(F.load(bun)))
    from_file = check_file(bun)
    assert from_button.shape.label == "exempelby-bun, version 1"
    assert _findings(from_button) == _findings(from_file)
    assert any(f[2].startswith("'Drift per verksamhet'!") for f in _findings(from_button))


def test_the_button_writes_the_profiles_result_sheets_as_run_does(bun, tmp_path, monkeypatch):
    live = tmp_path / "live" / "bun.xlsx"
    live.parent.mkdir()
    shutil.copy(bun, live)
    book = F.load(live)
    outcome = click(book, monkeypatch)
    assert outcome.result == button.OK, outcome.message

    ran = shutil.copy(bun, tmp_path / "bun.xlsx")
    assert run("run", ran).code == 0
    wb = openpyxl.load_workbook(ran)
    written = _results(book.sheets.names)
    assert written == _results(wb.sheetnames)
    assert set(PROFILE_RESULTS) <= set(written)
    for name in written:
        assert fake_sheet(book.sheets[name]) == file_sheet(wb[name]), name

    (docx_path, *_) = outcome.files
    from_file = report_checked(check_file(bun), tmp_path / "cli.docx", pdf=False).docx
    assert docx_text(docx_path) == docx_text(from_file)


def test_a_profile_sheet_used_far_out_is_refused_like_any_sheet(bun, monkeypatch):
    book = F.load(bun)
    book.sheets["Profil"].cell(2000, 1000).value = "x"  # 2 million cells
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert "Bladet Profil används ända till cellen ALL2000" in outcome.message


def test_a_users_sheet_named_like_a_profiles_result_sheet_is_never_overwritten(bun, monkeypatch):
    book = F.load(bun)
    own = book.sheets.add("Resultat Verksamhetsmått")
    own.range("A1").value = "mina egna siffror"
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert "t.ex. till 'Resultat Verksamhetsmått (egen)'" in outcome.message
    assert book.sheets["Resultat Verksamhetsmått"].values() == [["mina egna siffror"]]
    assert "Resultat Drift per verksamhet" not in book.sheets.names


def test_a_second_press_replaces_the_profiles_own_result_sheets(bun, tmp_path, monkeypatch):
    live = shutil.copy(bun, tmp_path / "bun.xlsx")
    book = F.load(live)
    assert click(book, monkeypatch).result == button.OK
    first = {n: fake_sheet(book.sheets[n]) for n in _results(book.sheets.names)}
    assert click(book, monkeypatch).result == button.OK
    assert {n: fake_sheet(book.sheets[n]) for n in _results(book.sheets.names)} == first


def test_a_faulty_profile_sheet_is_named_and_nothing_is_written(bun, monkeypatch):
    book = F.load(bun)
    sheet = book.sheets["Profil"]
    row = next(r for (r, c), cell in sorted(sheet.cells.items()) if str(cell.value).startswith("[[perioder]]"))
    sheet.cells[(row, 1)].value = "[[perioder]]\nnamn = [trasig"
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert "Profil" in outcome.message and f"A{row}" in outcome.message, outcome.message
    assert _results(book.sheets.names) == []
