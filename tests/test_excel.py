"""The button door, driven by a fake of the xlwings API (no Excel here): same sheets and the
same report as the command line, settings restored, Swedish messages, no traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

import fake_xlwings as F
from conftest import EXAMPLE
from excelreport import contract as C
from excelreport import button
from excelreport import macro as M
from excelreport.button.read import to_cell
from excelreport.app.generate import write_workbook
from excelreport.app.checking import check_file, check_grids
from excelreport.app.reporting import report_checked
from excelreport.sheets.plan import plan_checked, table
from wbtools import run

NOW = dt.datetime(2023, 9, 12, 14, 3)
INPUT_NAMES = [s.name for s in C.INPUT_SHEETS]


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    """The button's log goes to a temporary LOCALAPPDATA."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("LOCALAPPDATA", str(folder))
    return folder


def click(book: F.FakeBook, monkeypatch, pdf=False) -> button.Outcome:
    """What the button does: the VBA imports the module, whose main() finds Book.caller()."""
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    outcomes = []
    original = button.run_book

    def spy(b, **kw):
        outcomes.append(original(b, now=NOW, pdf=pdf))
        return outcomes[-1]

    monkeypatch.setattr(button, "run_book", spy)
    assert button.main() is None
    monkeypatch.setattr(button, "run_book", original)
    return outcomes[0]


def status(book) -> list:
    return [row[0] for row in book.sheets["Info"].range(M.STATUS_RANGE).value]


def file_sheet(ws) -> list[list]:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v is not None), default=0) for r in rows), default=0)
    return [r[:width] + [None] * (width - len(r)) for r in rows]


def fake_sheet(sheet: F.FakeSheet) -> list[list]:
    rows = sheet.values()
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def fill(cell) -> str | None:
    rgb = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return "#" + rgb[-6:].upper() if isinstance(rgb, str) else None


# --- the same sheets and the same report as the command line -------------------------------


def test_button_writes_exactly_the_result_sheets_run_writes(example, tmp_path, monkeypatch):
    live = tmp_path / "live" / example.name
    live.parent.mkdir()
    live.write_bytes(example.read_bytes())
    book = F.load(live)
    outcome = click(book, monkeypatch)
    assert outcome.result == button.OK, outcome.message

    assert run("run", example).code == 0
    wb = openpyxl.load_workbook(example)
    assert book.sheets.names == wb.sheetnames
    for name in C.RESULT_SHEET_NAMES:
        ws, sheet = wb[name], book.sheets[name]
        assert fake_sheet(sheet) == file_sheet(ws), name
        for (r, c), cell in sheet.cells.items():
            if cell.value is None:
                continue
            on_file = ws.cell(r, c)
            assert cell.number_format == on_file.number_format, (name, r, c)
            assert cell.bold == bool(on_file.font.b), (name, r, c)
            assert cell.fill == fill(on_file), (name, r, c)
        links = {(h.ref): "#" + h.location for h in ws._hyperlinks} if ws._hyperlinks else {
            c.coordinate: "#" + c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink}
        assert {F.column_letter(c) + str(r): a for (r, c), a in sheet.links.items()} == links, name
        assert sheet.protected and sheet.frozen == "1:1"
    # the inputs are untouched; only the status cells on Info changed
    before = F.load(EXAMPLE)
    for name in INPUT_NAMES:
        cells = {k: v.value for k, v in book.sheets[name].cells.items() if v.value is not None}
        expected = {k: v.value for k, v in before.sheets[name].cells.items() if v.value is not None}
        if name == "Info":
            cells = {k: v for k, v in cells.items() if not (k[1] == 5 and 8 <= k[0] <= 10)}
        assert cells == expected, name


def docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    out = [p.text for p in document.paragraphs]
    for t in document.tables:
        out += [c.text for row in t.rows for c in row.cells]
    return out


def test_button_report_holds_the_same_text_as_the_report_command(example, monkeypatch, tmp_path):
    book = F.load(example)
    outcome = click(book, monkeypatch)
    (docx_path,) = outcome.files
    assert docx_path.parent == example.parent / button.REPORT_FOLDER
    assert docx_path.name == "Delårsbokslut 2023 Kommunstyrelsen.docx"
    from_file = report_checked(check_file(example), tmp_path / "cli.docx", pdf=False).docx
    text = docx_text(docx_path)
    assert text == docx_text(from_file)
    assert any("-3 851" in t.replace("\u00a0", " ") for t in text)


def test_status_cells_say_what_happened(example, monkeypatch):
    book = F.load(example)
    outcome = click(book, monkeypatch)
    when, result, files = status(book)
    assert when == "2023-09-12 14:03"
    assert result.startswith("Klart: 0 fel, 15 varningar, 0 info.")
    assert files == str(outcome.files[0])
    assert book.app.alerts == []
    assert book.sheets.active.name == "Info"


def test_settings_off_during_the_run_and_restored(example, monkeypatch):
    book = F.load(example)
    before = book.app.settings()
    click(book, monkeypatch)
    assert book.app.settings() == before
    assert book.app.history[:2] == [("screen_updating", False), ("calculation", "manual")]


def test_few_calls_whole_range_reads_one_write_per_sheet(example, monkeypatch):
    book = F.load(example)
    click(book, monkeypatch)
    calls = book.calls
    assert calls["value.read"] == len(INPUT_NAMES)  # one 2-D read per input sheet
    # one read per number or amount column (26); a column whose formats are mixed is halved
    # until each part is uniform (Info's Värde; Indikatorer: 19,0 typed with its decimal)
    assert 26 <= calls["number_format.read"] <= 60
    # hidden rows and columns: one read each per sheet, halving only around Texter's list in AA
    assert 2 * calls["value.read"] <= calls["hidden.read"] <= 2 * calls["value.read"] + 10
    assert calls["value.write"] == len(C.RESULT_SHEET_NAMES) + 1  # + the status cells
    assert calls["format.write"] < 200


# --- Fel and failures -------------------------------------------------------------------------


def test_fel_writes_kontroll_activates_it_and_makes_no_report(example, monkeypatch):
    book = F.load(example)
    assert click(book, monkeypatch).result == button.OK
    report = example.parent / button.REPORT_FOLDER
    made = sorted(report.iterdir())
    info = book.sheets["Info"]
    year = next(r for (r, c), cell in info.cells.items() if c == 1 and cell.value == "År")
    info.range((year, 2)).value = "tjugotjugotre"

    outcome = click(book, monkeypatch)
    assert outcome.result == button.FEL_FOUND
    assert book.sheets.active.name == "Kontroll"
    assert [n for n in book.sheets.names if n not in INPUT_NAMES] == ["Kontroll"]
    kontroll = book.sheets["Kontroll"].values()
    assert kontroll[1][:3] == ["Fel", "Info", f"B{year}"]
    assert sorted(report.iterdir()) == made  # no new report
    when, result, files = status(book)
    assert result.startswith("Arbetsboken har 1 fel") and "Kontroll" in result
    assert files == "–"
    assert book.app.alerts == []


def test_unexpected_failure_short_swedish_message_and_a_log(example, monkeypatch, log_dir):
    book = F.load(example)
    before = book.app.settings()

    def broken(grids):
        raise RuntimeError("internt test-fel")

    monkeypatch.setattr("excelreport.button.run.check_grids", broken)
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert book.app.settings() == before
    log = log_dir / "excelreport" / button.LOG_NAME
    assert outcome.log == log
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "internt test-fel" in text and str(example) in text
    when, result, files = status(book)
    assert result.startswith("Något oväntat gick fel (RuntimeError).") and str(log) in result
    assert "Traceback" not in result
    assert book.app.alerts == [result]


def test_failure_while_writing_restores_the_settings(example, monkeypatch):
    book = F.load(example)
    before = book.app.settings()
    calls = {"n": 0}
    original = F.FakeRange.value.fset

    def flaky(self, data):
        calls["n"] += 1
        if calls["n"] == 3:
            raise F.ExcelError("Excel is busy")
        original(self, data)

    monkeypatch.setattr(F.FakeRange, "value", F.FakeRange.value.getter(F.FakeRange.value.fget).setter(flaky))
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED and "ExcelError" in outcome.message
    assert book.app.settings() == before


def test_known_problem_is_told_as_is(example, monkeypatch):
    book = F.load(example)
    book.fullname = str(example.parent / "sub" / "x.xlsx")
    (example.parent / "sub").mkdir()
    (example.parent / "sub" / button.REPORT_FOLDER).write_text("en fil, ingen mapp")
    outcome = click(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert "Traceback" not in outcome.message and book.app.alerts


def test_protected_result_sheets_of_an_earlier_click_are_replaced(example, monkeypatch):
    book = F.load(example)
    click(book, monkeypatch)
    first = {n: fake_sheet(book.sheets[n]) for n in C.RESULT_SHEET_NAMES}
    assert all(book.sheets[n].protected for n in C.RESULT_SHEET_NAMES)
    assert click(book, monkeypatch).result == button.OK
    assert {n: fake_sheet(book.sheets[n]) for n in C.RESULT_SHEET_NAMES} == first
    assert book.sheets.names.count("Kontroll") == 1


# --- reading the live book like the file ------------------------------------------------------


def _excel_habits(path: Path) -> Path:
    """A copy of the example as a controller's Excel might hold it: Excel percent cells,
    a merged KF-mål, numbers typed as text, an error value and a date in an amount."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Sjukfrånvaro"]
    for row in ws.iter_rows(min_row=4, min_col=2, max_col=3):
        for cell in row:
            if isinstance(cell.value, (int, float)):
                cell.value = cell.value / 100
                cell.number_format = "0.00%"
    ws = wb["Indikatorer"]
    ws["E4"].number_format = "0.0"
    goals = wb["Mål"]
    rows = [r for r in range(4, 20) if goals.cell(r, 1).value == goals["A4"].value]
    if len(rows) > 1:
        goals.merge_cells(start_row=rows[0], start_column=2, end_row=rows[-1], end_column=2)
    drift = wb["Drift"]
    drift["B4"] = "91 867"
    drift["C4"] = "=1/0"
    drift["D5"] = dt.datetime(2023, 1, 5)
    drift["D5"].number_format = "yyyy-mm-dd"
    out = path.with_name("vanor.xlsx")
    wb.save(out)
    return out


def test_live_reading_gives_the_same_findings_and_figures_as_the_file(example, tmp_path):
    path = _excel_habits(example)
    book = F.load(path)
    wb = openpyxl.load_workbook(path)
    book.sheets["Drift"].cells[(4, 3)].value = F.ErrorValue("#DIV/0!")  # Excel computed =1/0
    grids = button.read_book(book)
    from excelreport.read.xlsx import read_workbook

    on_file = read_workbook(path)
    on_file.sheets["Drift"].cells[(4, 3)] = type(on_file.sheets["Drift"].cells[(4, 3)])(
        __import__("excelreport.read.grid", fromlist=["CellError"]).CellError("#DIV/0!"))
    live, filed = check_grids(grids), check_grids(on_file)
    assert live.findings == filed.findings
    assert any(f.code == "felvarde" for f in live.findings)
    assert any(f.code == "tal-som-text" for f in live.findings)
    assert [table(p) for p in plan_checked(live)] == [table(p) for p in plan_checked(filed)]
    assert wb["Sjukfrånvaro"]["B4"].number_format == "0.00%"


def test_percent_cells_read_as_percent_numbers(example):
    book = F.load(_excel_habits(example))
    grids = button.read_book(book)
    live = check_grids(grids)
    plain = check_grids(button.read_book(F.load(EXAMPLE)))
    assert [r.values for r in live.results.sick_leave] == [r.values for r in plain.results.sick_leave]


@pytest.mark.parametrize("value, expected", [
    (3.0, "3"), (0.0725, "0.0725"), (-3851.0, "-3851"), (1e-7, "1E-7"),
])
def test_floats_become_the_decimal_the_user_typed(value, expected):
    assert str(to_cell(value).value) == expected


def test_text_that_looks_like_a_number_or_formula_stays_text(tmp_path, reference_data, monkeypatch):
    data = {**reference_data, "Mål": [dict(g) for g in reference_data["Mål"]]}
    data["Mål"][0]["Mål"] = "=2023"
    data["Mål"][1]["Mål"] = "52%"
    path = write_workbook(tmp_path / "text.xlsx", data)
    book = F.load(path)
    click(book, monkeypatch)
    goals = book.sheets["Resultat Mål"].values()
    assert [goals[1][1], goals[2][1]] == ["=2023", "52%"]


# --- the code the button's macro runs; imports ----------------------------------------------


def test_the_macros_python_code_runs_the_button(tmp_path, reference_data, monkeypatch):
    path = write_workbook(tmp_path / "delar_ks_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    book = F.load(path)
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    monkeypatch.setenv("PATH", "")  # no LibreOffice: the status says there is no PDF
    exec(M.BUTTON_CODE, {})  # python -E -P -c "<BUTTON_CODE>"
    when, result, files = status(book)
    assert result.startswith("Klart:") and "Ingen PDF" in result
    assert files.endswith(".docx")
    assert M.CONF_SHEET in book.sheets.names and book.sheets.names[-1] == "Kontroll"
    with zipfile.ZipFile(path) as z:  # the file itself is Excel's business; untouched here
        assert "xl/vbaProject.bin" in z.namelist()


@pytest.mark.parametrize("code", [
    "import excelreport.excel as k; k.main()",  # the macro of workbooks made by earlier versions
    "import excelreport.excel as k; k.main(import_first=True)",
])
def test_the_python_code_of_earlier_macro_workbooks_still_runs_the_button(code, tmp_path, reference_data,
                                                                          monkeypatch):
    path = write_workbook(tmp_path / "delar_ks_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    book = F.load(path)
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    monkeypatch.setenv("PATH", "")
    assert code in [c for codes in M.EARLIER_CODES for c in codes]
    exec(code, {})
    result = status(book)[1]
    if "import_first" in code:  # the second button: its import comes first (the field is empty)
        assert result.startswith("Fältet Importfiler på bladet Info är tomt"), result
    else:
        assert result.startswith("Klart:"), result


def test_neither_the_cli_nor_the_button_module_imports_xlwings_at_import():
    code = ("import sys; import excelreport.cli, excelreport.button, excelreport.excel, excelreport.macro; "
            "from excelreport.app.checking import check_file; check_file(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlwings', 'docx', 'xlsxwriter')))")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_main_outside_excel_says_so_in_swedish_without_traceback(monkeypatch, log_dir):
    mod = F.module(None)

    def no_caller(cls):
        raise RuntimeError("Book.caller() is only available when called from Excel")

    mod.Book.caller = classmethod(no_caller)
    monkeypatch.setitem(sys.modules, "xlwings", mod)
    with pytest.raises(SystemExit) as exc:
        button.main()
    assert str(exc.value).startswith("Knappen hittade inte sin arbetsbok i Excel")
    assert "Book.caller()" in (log_dir / "excelreport" / button.LOG_NAME).read_text(encoding="utf-8")
