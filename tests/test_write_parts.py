"""The writer's pieces on real XML text: numbers in cells, styles appended, the plain plan."""

from __future__ import annotations

from decimal import Decimal

from defusedxml.ElementTree import fromstring

from excelreport import contract as C
from excelreport.core.findings import FEL, VARNING, Finding
from excelreport.sheets.plan import CellStyle, control_sheet, style_grid, table
from excelreport.write.xlsx import StyleBook, number_text

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MINIMAL = ('<?xml version="1.0" encoding="UTF-8"?>'
           '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">'
           '<fonts count="1" x14ac:knownFonts="1"><font><sz val="10"/><name val="Arial"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border/></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
           '</styleSheet>')


def test_numbers_are_exact_or_the_nearest_double():
    assert number_text(Decimal(-109182) * 8 / 12) == "-72788"
    # a computed value with more digits than a double holds: the nearest double, as Excel
    # stores it, so the file equals an independent float computation of the formula
    assert number_text(Decimal(91867) * 8 / 12) == "61244.666666666664"
    assert float(number_text(Decimal(91867) * 8 / 12)) == 91867 * 8 / 12
    assert number_text(Decimal("491.4")) == "491.4"
    assert number_text(Decimal("-0.50")) == "-0.5"
    assert number_text(Decimal("1E+3")) == "1000"
    assert number_text(Decimal("0.000")) == "0" and number_text(Decimal("-0")) == "0"
    assert number_text(Decimal("0.05")) == "0.05"


def test_styles_are_appended_and_reused_without_touching_what_is_there():
    book = StyleBook(MINIMAL)
    red = CellStyle("#,##0", red_negative=True)
    bold = CellStyle("#,##0", bold=True, fill="2E8B3D", font_colour="FFFFFF", indent=2)
    a, b = book.xf(red), book.xf(bold)
    assert (a, b) == (1, 2) and book.xf(CellStyle("#,##0", red_negative=True)) == 1
    xml = book.serialize()
    assert xml.startswith(MINIMAL[:MINIMAL.index("<fonts")])  # numFmts inserted before fonts
    assert 'mc:Ignorable="x14ac"' in xml and 'x14ac:knownFonts="1"' in xml
    root = fromstring(xml.encode())
    assert [c.tag for c in root][:2] == [NS + "numFmts", NS + "fonts"]
    fmts = root.find(NS + "numFmts")
    assert fmts.get("count") == "1" and fmts[0].get("formatCode") == "#,##0;[Red]-#,##0"
    assert int(fmts[0].get("numFmtId")) >= 164
    fonts, fills, xfs = (root.find(NS + n) for n in ("fonts", "fills", "cellXfs"))
    assert fonts.get("count") == str(len(fonts)) == "2" and fonts[1].find(NS + "name").get("val") == "Arial"
    assert fills.get("count") == str(len(fills)) == "3"
    assert xfs.get("count") == str(len(xfs)) == "3"
    assert xfs[0].attrib == {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0", "xfId": "0"}
    assert xfs[2].get("numFmtId") == "3" and xfs[2].find(NS + "alignment").get("indent") == "2"
    again = StyleBook(xml)  # a second run finds every style: nothing to write
    assert (again.xf(red), again.xf(bold)) == (1, 2) and again.serialize() is None


def test_the_plan_is_plain_data_with_a_pure_table():
    findings = [Finding(VARNING, "x", "Drift", "C5", "varning"), Finding(FEL, "y", "Info", "B6", "fel"),
                Finding(FEL, "z", "", "", "hela boken"), Finding(FEL, "w", "Drift", "rad 4", "ingen cell")]
    plan = control_sheet(findings)
    rows = table(plan)
    assert rows[0] == list(C.KONTROLL.columns)
    assert [r[0] for r in rows[1:]] == ["Fel", "Fel", "Fel", "Varning"]
    assert [(link.row, link.location) for link in plan.links] == [(0, "'Info'!B6"), (3, "'Drift'!C5")]
    grid = style_grid(plan)
    assert grid[1][0].fill == C.SIGNAL_COLOURS["Ej uppfyllt"] and grid[1][2].underline
    assert grid[1][0] is grid[2][0]  # alike cells share one style
    assert table(control_sheet([]))[1] == [None, None, None, "Inga fynd: arbetsboken följer standarden."]
