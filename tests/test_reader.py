"""The file reader: exact values, escapes, formats."""

from decimal import Decimal

import xlsxwriter

from excelreport.read.xlsx import read_workbook


def test_strings_keep_characters_excel_escapes(tmp_path):
    path = tmp_path / "escaped.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Blad")
    ws.write_string(0, 0, "före\x01efter")
    ws.write_string(1, 0, "tab\there & <b> \"citat\" 🙂")
    ws.write_number(2, 0, 491.4)
    wb.close()
    grid = read_workbook(path).sheets["Blad"]
    assert grid.get(1, 1).value == "före\x01efter"
    assert grid.get(2, 1).value == "tab\there & <b> \"citat\" 🙂"
    assert grid.get(3, 1).value == Decimal("491.4")
