"""Packages written by other programs (Apache POI, calamine's test files …): the result sheets
land in them with every index resolving, the looks the plan asks for, and a second run
byte-identical. Each package is the smallest of its shape, built here."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from conftest import convert
from excelreport.core.errors import ExcelReportError
from excelreport.read.grid import parse_ref
from excelreport.app.checking import check_file
from excelreport.sheets.plan import plan_checked, style_grid
from excelreport.write.xlsx import write_results
from wbtools import digest, run

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
M = f"{{{MAIN}}}"
BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 49: "@"}

FONT = '<font><sz val="11"/><name val="Arial"/></font>'
FILLS = ('<fills count="2"><fill><patternFill patternType="none"/></fill>'
         '<fill><patternFill patternType="gray125"/></fill></fills>')
STYLES = {
    # calamine / POI: nothing at all, self-closing
    "empty": f'<styleSheet xmlns="{MAIN}"/>',
    # prefixed and self-closing
    "empty-prefixed": f'<x:styleSheet xmlns:x="{MAIN}" />',
    # no cellStyleXfs, no borders, no fills
    "missing": f'<styleSheet xmlns="{MAIN}"><fonts count="1">{FONT}</fonts>'
               '<cellXfs count="1"><xf numFmtId="0" fontId="0"/></cellXfs></styleSheet>',
    # empty collections
    "zero": f'<styleSheet xmlns="{MAIN}"><fonts count="0"/><fills count="0"/><borders count="0"/>'
            '<cellStyleXfs count="0"/><cellXfs count="0"/></styleSheet>',
    # fills[0] is solid black
    "black": f'<styleSheet xmlns="{MAIN}"><fonts count="1">{FONT}</fonts><fills count="1"><fill>'
             '<patternFill patternType="solid"><fgColor rgb="FF000000"/></patternFill></fill></fills>'
             '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
             '<cellXfs count="1"><xf/></cellXfs></styleSheet>',
    # built-in number format ids redefined
    "numfmts": f'<styleSheet xmlns="{MAIN}"><numFmts count="3"><numFmt numFmtId="0" formatCode="&quot;&quot;"/>'
               '<numFmt numFmtId="1" formatCode="#"/><numFmt numFmtId="3" formatCode="0.000"/></numFmts>'
               f'<fonts count="1">{FONT}</fonts>{FILLS}<borders count="1"><border/></borders>'
               '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs></styleSheet>',
}
RESULT_SHEETS = ["Resultat Drift", "Resultat Exploatering", "Resultat Investeringar",
                 "Resultat Sjukfrånvaro", "Resultat Mål", "Kontroll"]


def package(path: Path, styles: str, *, rels_prefix: str = "", types_prefix: str = "",
            ns: str = MAIN) -> Path:
    """The smallest workbook: one sheet, a styles part, everything else another program wrote."""
    rp = f"{rels_prefix}:" if rels_prefix else ""
    tp = f"{types_prefix}:" if types_prefix else ""
    rx = f' xmlns:{rels_prefix}="{PKG}"' if rels_prefix else f' xmlns="{PKG}"'
    tx = f' xmlns:{types_prefix}="{CT}"' if types_prefix else f' xmlns="{CT}"'
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><{tp}Types{tx}>'
        f'<{tp}Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<{tp}Default Extension="xml" ContentType="application/xml"/>'
        f'<{tp}Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<{tp}Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        f'<{tp}Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f'</{tp}Types>',
        "_rels/.rels": f'<{rp}Relationships{rx}><{rp}Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></{rp}Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{ns}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<{rp}Relationships{rx}>'
        f'<{rp}Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<{rp}Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></{rp}Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{ns}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>Egen data</t></is></c></row></sheetData></worksheet>',
        "xl/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


@pytest.fixture(scope="module")
def plans():
    from conftest import EXAMPLE

    return plan_checked(check_file(EXAMPLE))


def _xml(zf: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(zf.read(name))  # well-formed, or this raises


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part, resolved through the workbook's relationships."""
    wb = _xml(zf, "xl/workbook.xml")
    rels = {r.get("Id"): r.get("Target") for r in _xml(zf, "xl/_rels/workbook.xml.rels")
            if r.tag == f"{{{PKG}}}Relationship"}
    return {s.get("name"): "xl/" + rels[s.get(f"{{{REL}}}id")] for s in wb.iter(f"{M}sheet")}


def looks(zf: zipfile.ZipFile, part: str) -> dict[tuple[int, int], tuple]:
    """Every cell's resolved look: (number format code, bold, font colour, fill colour)."""
    st = _xml(zf, "xl/styles.xml")
    colls = {name: (list(st.find(M + name)) if st.find(M + name) is not None else [])
             for name in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs")}
    for name, node in ((n, st.find(M + n)) for n in ("numFmts", *colls)):
        if node is not None and node.get("count") is not None:
            assert int(node.get("count")) == len(node), f"{name}: count {node.get('count')} ≠ {len(node)}"
    codes = dict(BUILTIN)
    codes.update({int(n.get("numFmtId")): n.get("formatCode") for n in st.iter(M + "numFmt")})
    out = {}
    for c in _xml(zf, part).iter(M + "c"):
        xf = colls["cellXfs"][int(c.get("s", "0"))]
        font = colls["fonts"][int(xf.get("fontId", "0"))]
        fill = colls["fills"][int(xf.get("fillId", "0"))]
        colls["borders"][int(xf.get("borderId", "0"))]  # resolves
        colls["cellStyleXfs"][int(xf.get("xfId", "0"))]  # resolves
        for flag in ("applyNumberFormat", "applyFont", "applyFill"):
            assert xf.get(flag) == "1", f"{flag} saknas i {ET.tostring(xf)}"
        bold = font.find(M + "b") is not None
        colour = font.find(M + "color")
        colour = colour.get("rgb")[-6:] if colour is not None and colour.get("rgb") else None
        pattern = fill.find(M + "patternFill")
        fill_rgb = None
        if pattern is not None and pattern.get("patternType") == "solid":
            fill_rgb = pattern.find(M + "fgColor").get("rgb")[-6:]
        out[parse_ref(c.get("r"))] = (codes[int(xf.get("numFmtId", "0"))], bold, colour, fill_rgb)
    return out


def assert_result_sheets(path: Path, plans) -> None:
    """All result sheets reachable, every index resolving, each cell looking as planned."""
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"):
            root = _xml(zf, name)
            assert all(child.tag.startswith("{") for child in root), f"{name}: element utan namnrymd"
        parts = sheet_parts(zf)
        assert set(RESULT_SHEETS) <= set(parts)
        types = _xml(zf, "[Content_Types].xml")
        overrides = {o.get("PartName") for o in types.iter(f"{{{CT}}}Override")}
        for plan in plans:
            assert "/" + parts[plan.name] in overrides
            got = looks(zf, parts[plan.name])
            for r, row in enumerate(style_grid(plan), start=1):
                for c, want in enumerate(row, start=1):
                    expected = (want.excel_format, want.bold, want.font_colour, want.fill)
                    assert got[(r, c)] == expected, f"{plan.name} rad {r} kolumn {c}: {got[(r, c)]} ≠ {expected}"


@pytest.mark.parametrize("shape", sorted(STYLES))
def test_result_sheets_in_a_foreign_styles_part(tmp_path, plans, shape):
    path = package(tmp_path / f"{shape}.xlsx", STYLES[shape])
    write_results(path, plans)
    assert_result_sheets(path, plans)
    once = digest(path)
    write_results(path, plans)
    assert digest(path) == once, "en andra körning ändrade filen"


@pytest.mark.parametrize("where", ["rels", "types", "both"])
def test_prefixed_relationships_and_content_types(tmp_path, plans, where):
    path = package(tmp_path / "ns0.xlsx", STYLES["missing"],
                   rels_prefix="ns0" if where in ("rels", "both") else "",
                   types_prefix="ns0" if where in ("types", "both") else "")
    write_results(path, plans)
    assert_result_sheets(path, plans)
    assert set(RESULT_SHEETS) <= set(openpyxl.load_workbook(path).sheetnames)
    once = digest(path)
    write_results(path, plans)
    assert digest(path) == once


def test_excel_2007_beta_namespace_is_refused(tmp_path, plans):
    path = package(tmp_path / "beta.xlsx", STYLES["missing"].replace(MAIN, "http://schemas.microsoft.com/office/excel/2006/2"),
                   ns="http://schemas.microsoft.com/office/excel/2006/2")
    before = digest(path)
    with pytest.raises(ExcelReportError, match="förhandsversion av Excel 2007"):
        write_results(path, plans)
    result = run("run", path)
    assert result.code == 2 and "förhandsversion av Excel 2007" in result.err
    assert digest(path) == before


BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><name val="&lol2;"/></font></fonts></styleSheet>')


def test_xml_bomb_reaching_the_writer_is_a_swedish_refusal(tmp_path, plans):
    path = package(tmp_path / "bomb.xlsx", BOMB)
    before = digest(path)
    with pytest.raises(ExcelReportError, match="XML-bomb"):
        write_results(path, plans)
    assert digest(path) == before


def test_xml_bomb_in_content_types_is_refused_by_run(tmp_path, example):
    """check never reads [Content_Types].xml; run must still refuse it with its own message."""
    bombed = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(example) as src, zipfile.ZipFile(bombed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"<Types", b'<!DOCTYPE t [<!ENTITY a "aaaa">]><Types', 1)
            out.writestr(info, data)
    before = digest(bombed)
    result = run("run", bombed)
    assert result.code == 2 and "XML-bomb" in result.err and "Internt fel" not in result.err
    assert digest(bombed) == before


def test_libreoffice_opens_the_result_of_an_empty_styles_part(tmp_path, plans):
    path = package(tmp_path / "tom.xlsx", STYLES["empty"])
    write_results(path, plans)
    out = tmp_path / "lo"
    out.mkdir()
    saved = convert(path, "xlsx", out)
    wb = openpyxl.load_workbook(saved)
    assert set(RESULT_SHEETS) <= set(wb.sheetnames)
    ws = wb["Resultat Drift"]
    assert ws["A1"].font.b and not ws["B2"].font.b
    assert ws["B2"].fill.fill_type in (None, "none")
