"""Numbers as Excel shows them: a double's noise beyond 15 significant digits never moves a
figure. A typed -89 748,5 stored as ``-89748.49999999999`` and a sum cached as
``-179610.49999999997`` are shown by Excel as -89 749 and -179 611; so must the toolkit
(the file reader, the formula evaluator and the button's reader)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path, PurePosixPath

import pytest

import fake_xlwings as F
from reportdoc import open_report, rows_by_label
from resultbook import clean_data, make, result_rows
from test_excel import click, log_dir  # noqa: F401  (log_dir: the button's autouse fixture)
from wbtools import run

from excelreport import contract as C
from excelreport import button
from excelreport.core.numbers import excel_number
from excelreport.read.formula import evaluate
from excelreport.read.grid import Cell, Grid
from excelreport.app.reporting import report_file

PERSONNEL = "-89748.49999999999"  # the double Excel stores for a computed -89 748,5
COSTS = "-179610.49999999997"  # the cached sum of the cost rows


@pytest.mark.parametrize("stored, shown", [
    ("99120.49000000001", "99120.49"), ("-179610.49999999997", "-179610.5"),
    ("0.52600000000000002", "0.526"), ("100.00000000000001", "100"), ("491.4", "491.4"),
    ("0.1234567890123456", "0.123456789012346"), ("12345678901234.5", "12345678901234.5"),
    ("3", "3"), ("-0", "-0"),
])
def test_excel_number_keeps_15_significant_digits(stored, shown):
    assert str(excel_number(stored)) == shown
    assert excel_number(float(stored)) == Decimal(shown)


def _part_of(zf: zipfile.ZipFile, sheet: str) -> str:
    """The package part of the worksheet named ``sheet``."""
    workbook = zf.read("xl/workbook.xml").decode("utf-8")
    rid = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', workbook).group(1)
    rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return str(PurePosixPath("xl") / target.group(1))


def store(path: Path, sheet: str, values: dict[str, str]) -> None:
    """Write ``values`` (cell → the stored text of its <v>) straight into the package."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
        part = _part_of(zf, sheet)
    xml = parts[part].decode("utf-8")
    for ref, text in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*>(?:<f>[^<]*</f>)?<v>)[^<]*(</v>)', rf"\g<1>{text}\g<2>", xml)
        assert n == 1, ref
    parts[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@pytest.fixture
def noisy(tmp_path, reference_data) -> Path:
    """The example board, Drift's Prognos helår for Personalkostnader -89 748,5, stored as
    Excel's double; the cost sum row's cached value likewise."""
    data = clean_data(reference_data)
    for row in data["Drift"]:
        if row["Rad"] == "Personalkostnader":
            row["Prognos helår"] = -89748.5
    path = make(tmp_path / "ks.xlsx", data)
    store(path, "Drift", {"E5": PERSONNEL, "E9": COSTS})
    return path


def _drift_table(docx: Path) -> dict[str, list[str]]:
    table = open_report(docx).tables_starting("Belopp i tkr")[0]
    return rows_by_label(table)


def test_result_sheet_and_report_show_what_excel_shows(noisy, tmp_path):
    assert run("run", noisy).code == 0
    rows = {r["Rad"]: r for r in result_rows(noisy, C.RESULT_DRIFT.name)}
    assert rows["Personalkostnader"]["Prognos helår"] == -89748.5
    assert rows["Verksamhetens kostnader"]["Prognos helår"] == -179610.5
    assert rows["Verksamhetens nettokostnader"]["Prognos helår"] == -91594.5
    outcome = report_file(noisy, tmp_path / "r.docx")
    table = _drift_table(outcome.docx)
    assert table["Personalkostnader"][1] == "-89 749"
    assert table["Verksamhetens kostnader"][1] == "-179 611"
    assert table["Verksamhetens nettokostnader"][1] == "-91 595"


def test_the_button_reads_the_live_doubles_as_excel_shows_them(noisy, monkeypatch):
    book = F.load(noisy)
    assert book.sheets["Drift"].range("E5").value == float(PERSONNEL)
    outcome = click(book, monkeypatch)
    assert outcome.result == button.OK, outcome.message
    sheet = book.sheets[C.RESULT_DRIFT.name]
    values = sheet.range((1, 1), (12, 8)).value
    header = values[0]
    rows = {r[0]: dict(zip(header, r)) for r in values[1:] if r[0]}
    assert rows["Verksamhetens kostnader"]["Prognos helår"] == -179610.5
    (docx,) = [f for f in outcome.files if f.suffix == ".docx"]
    table = _drift_table(docx)
    assert table["Personalkostnader"][1] == "-89 749"
    assert table["Verksamhetens kostnader"][1] == "-179 611"


def test_evaluated_formulas_and_their_constants_at_15_digits():
    grid = Grid("Drift")
    grid.cells[(1, 1)] = Cell(Decimal("0.1"))
    assert evaluate("=A1+0.20000000000000001", grid) == Decimal("0.3")
    assert evaluate("=1/3", grid) == Decimal("0.333333333333333")
    assert evaluate("=A1*3", grid) == Decimal("0.3")  # exact typed values stay exact
