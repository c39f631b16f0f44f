"""The blank written by ``excelreport new``: what a controller sees in Excel or LibreOffice."""

from __future__ import annotations

import openpyxl
import pytest

from conftest import EXAMPLE, convert, pdftotext
from excelreport import contract as C
from excelreport.app.generate import DERIVED_FILL, INPUT_FILL
from wbtools import check, run


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    path = tmp_path_factory.mktemp("blank") / "tom.xlsx"
    result = run("new", path)
    assert result.code == 0 and result.out.startswith(
        f"Skrev {path}.\nFyll i bladet Info: Kommun, Nämnd, År, Period, Periodens slutmånad (obligatoriska).")
    return path


@pytest.fixture(scope="module")
def book(blank):
    return openpyxl.load_workbook(blank)


def fill_of(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper()


def test_every_input_sheet_with_title_help_and_header(book):
    assert book.sheetnames == [s.name for s in C.INPUT_SHEETS]
    for spec in C.INPUT_SHEETS:
        ws = book[spec.name]
        assert ws["A1"].value == spec.name
        assert ws["A2"].value == spec.help and ws["A2"].font.i
        assert [c.value for c in ws[3]][: len(spec.columns)] == [c.label for c in spec.columns]
        assert ws.freeze_panes == ("B4" if spec.rows else "A4")
        for i, column in enumerate(spec.columns, start=1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
            assert width >= min(column.width, 8), (spec.name, column.label)


def test_fixed_row_labels_prefilled(book):
    for spec in C.INPUT_SHEETS:
        if spec.rows:
            labels = [book[spec.name].cell(4 + i, 1).value for i in range(len(spec.rows))]
            assert labels == [r.label for r in spec.rows], spec.name


def _validated_ranges(ws) -> dict[str, list[str]]:
    """Each list validation: its range and the allowed values."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            values = dv.formula1.strip('"').split(",")
            for rng in str(dv.sqref).split():
                out[rng] = values
    return out


def test_dropdown_on_every_column_with_allowed_values(book):
    for spec in C.INPUT_SHEETS:
        ws = book[spec.name]
        lists = _validated_ranges(ws)
        for i, column in enumerate(spec.columns, start=1):
            if column.choices:
                letter = openpyxl.utils.get_column_letter(i)
                rng = next(r for r in lists if r.startswith(f"{letter}4:"))
                assert lists[rng] == list(column.choices)
        for i, row in enumerate(spec.rows):
            if row.choices:
                assert lists[f"B{4 + i}"] == list(row.choices), row.label


def test_integer_validations(book):
    ws = book["Investeringar"]
    levels = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith("A4:")]
    assert levels and levels[0].type == "whole" and (levels[0].formula1, levels[0].formula2) == ("1", "3")
    info = book["Info"]
    year = [dv for dv in info.data_validations.dataValidation if str(dv.sqref) == "B6"]
    assert year and (year[0].formula1, year[0].formula2) == ("2000", "2100")


def test_input_cells_styled_and_derived_rows_protected(book):
    for name in ("Drift", "Exploatering"):
        ws = book[name]
        assert ws.protection.sheet and not ws.protection.password
        for i, row in enumerate(C.DRIFT.rows):
            r = 4 + i
            for c in range(2, 8):
                cell = ws.cell(r, c)
                if row.derived:
                    assert cell.protection.locked and fill_of(cell) == DERIVED_FILL[1:]
                    assert cell.data_type == "f"
                else:
                    assert not cell.protection.locked and fill_of(cell) == INPUT_FILL[1:]
            assert ws.cell(r, 1).protection.locked  # the labels stay as the contract names them
    for name in ("Info", "Personal", "Sjukfrånvaro"):
        assert fill_of(book[name]["B4"]) == INPUT_FILL[1:]


def test_number_formats(book):
    assert book["Drift"]["B4"].number_format == "#,##0"
    assert book["Drift"]["B9"].number_format == "#,##0"
    assert book["Sjukfrånvaro"]["B4"].number_format == '0.0#" %"'
    assert book["Personal"]["B5"].number_format == '0.0#" %"'
    assert book["Info"]["B6"].number_format == "0"


def test_new_prefills_info(tmp_path):
    path = tmp_path / "ks.xlsx"
    result = run("new", path, "--kommun", "Alingsås kommun", "--namnd", "Kommunstyrelsen",
                 "--ar", "2024", "--period", "Fördjupad uppföljning", "--slutmanad", "4")
    assert result.code == 0
    ws = openpyxl.load_workbook(path)["Info"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 13)}
    assert values["Kommun"] == "Alingsås kommun" and values["Nämnd"] == "Kommunstyrelsen"
    assert values["År"] == 2024 and values["Period"] == "Fördjupad uppföljning"
    assert values["Periodens slutmånad"] == 4 and values["Enhet"] == "tkr"
    result = check(path)
    assert result.code == 0, result.out
    assert "Fel " not in result.out


def test_new_prefills_the_comment_limit_and_says_so(tmp_path):
    """Empty means no check: ``new`` prefills the standard Kommentarsgräns (1 000 tkr, 1 mnkr),
    so a large deviation without a comment is noticed."""
    path = tmp_path / "ks.xlsx"
    result = run("new", path, "--kommun", "K", "--namnd", "N", "--ar", "2024", "--period", "Delårsbokslut",
                 "--slutmanad", "8")
    assert result.code == 0 and "Kommentarsgräns är förifylld med 1\u00a0000 tkr" in result.out
    wb = openpyxl.load_workbook(path)
    info = {wb["Info"].cell(r, 1).value: wb["Info"].cell(r, 2).value for r in range(4, 20)}
    assert info["Kommentarsgräns"] == 1000
    ws = wb["Drift"]
    ws["B5"], ws["E5"] = -100000, -112500  # Personalkostnader: -12 500 tkr without a comment
    wb.save(path)
    assert "kommentarsgränsen 1\u00a0000 tkr, men raden saknar kommentar" in check(path).out
    mnkr = tmp_path / "bun.xlsx"
    assert "förifylld med 1 mnkr" in run("new", mnkr, "--enhet", "mnkr").out
    ws = openpyxl.load_workbook(mnkr)["Info"]
    assert {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 20)}["Kommentarsgräns"] == 1


def test_new_refuses_to_overwrite(blank):
    before = blank.read_bytes()
    result = run("new", blank)
    assert result.code == 2 and "finns redan" in result.err and "--force" in result.err
    assert blank.read_bytes() == before


def test_new_wrong_suffix_is_a_usage_error(tmp_path):
    result = run("new", tmp_path / "tom.ods")
    assert result.code == 2 and ".xlsx" in result.err


def test_check_on_the_blank_lists_missing_info(blank):
    result = check(blank)
    assert result.code == 1
    for ref, label in (("Info!B4", "Kommun"), ("Info!B5", "Nämnd"), ("Info!B6", "År"),
                       ("Info!B7", "Period"), ("Info!B8", "Periodens slutmånad")):
        assert any(line.startswith("Fel") and ref in line and f"{label} saknas" in line
                   for line in result.out.splitlines()), ref
    assert result.out.splitlines()[-1].startswith("5 fel,")


def test_libreoffice_opens_the_blank(blank, tmp_path):
    out = convert(blank, "xlsx", tmp_path)
    wb = openpyxl.load_workbook(out, data_only=True)
    assert wb.sheetnames == [s.name for s in C.INPUT_SHEETS]
    assert wb["Drift"]["B13"].value == 0  # the sum formulas were calculated
    assert check(out).code == 1  # still blank: Info is missing


def test_libreoffice_opens_the_example(tmp_path):
    text = pdftotext(convert(EXAMPLE, "pdf", tmp_path))
    assert "Verksamhetens intäkter" in text and "Kommunstyrelsen" in text


def test_texter_keys_dropdown_from_a_hidden_list(book, tmp_path):
    """The 17 keys exceed Excel's 255-character typed list: the dropdown refers to a hidden
    column holding them, and the reader still reads the sheet as before."""
    ws = book["Texter"]
    (dv,) = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith("A4:")]
    assert dv.type == "list" and dv.formula1 == "$AA$4:$AA$20"
    assert [ws.cell(4 + i, 27).value for i in range(len(C.TEXT_KEYS))] == list(C.TEXT_KEYS)
    assert ws.column_dimensions["AA"].hidden
    from excelreport.app.generate import write_workbook
    from excelreport.app.checking import check_file

    blank = tmp_path / "tom.xlsx"
    write_workbook(blank)
    assert not [f for f in check_file(blank).findings if f.sheet == "Texter"]
