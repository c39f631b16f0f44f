"""The file reader: exact values, escapes, formats."""

from decimal import Decimal

import xlsxwriter

from excelreport.read.xlsx import read_workbook


def test_strings_keep_characters_excel_escapes(tmp_path):
    path = tmp_path / "escaped.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Texter")
    ws.write_string(0, 0, "före\x01efter")
    ws.write_string(1, 0, "tab\there & <b> \"citat\" 🙂")
    ws.write_number(2, 0, 491.4)
    wb.close()
    grid = read_workbook(path).sheets["Texter"]
    assert grid.get(1, 1).value == "före\x01efter"
    assert grid.get(2, 1).value == "tab\there & <b> \"citat\" 🙂"
    assert grid.get(3, 1).value == Decimal("491.4")


def test_whole_numbers_stay_plain_decimals(example):
    """17000 stays Decimal('17000'), never the exponent form Decimal('1.7E+4')."""
    from excelreport.app.checking import check_file

    checked = check_file(example)
    values = [v for r in checked.results.investments for v in r.values.values() if v is not None]
    assert values and all("E" not in str(v) for v in values)
