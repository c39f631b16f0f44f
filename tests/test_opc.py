"""The package's relationships, parsed once (``xlsx/opc.py``) for reader and writer: both take
the workbook part the package names, whatever its part is called."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from excelreport.read.xlsx import read_workbook
from excelreport.app.checking import check_file
from excelreport.app.service import run_file
from excelreport.xlsx import opc

PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(*entries: tuple[str, str, str]) -> dict[str, dict[str, str]]:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in entries)
    return opc.relationships(ET.fromstring(f'<Relationships xmlns="{PKG}">{body}</Relationships>'))


def test_part_names():
    assert opc.rels_part("") == "_rels/.rels"
    assert opc.rels_part("xl/workbook.xml") == "xl/_rels/workbook.xml.rels"
    assert opc.resolve("xl", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml"
    assert opc.resolve("xl", "/xl/styles.xml") == "xl/styles.xml"
    assert opc.resolve("xl", "../customXml/item1.xml") == "customXml/item1.xml"


def test_the_workbook_part_is_the_office_document():
    props = opc.REL_NS + "/extended-properties"
    found = rels(("rId2", props, "docProps/app.xml"), ("rId1", opc.OFFICE_DOCUMENT_REL, "xl/book.xml"))
    assert opc.workbook_part(found) == "xl/book.xml"
    strict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
    assert opc.workbook_part(rels(("rId1", strict, "xl/workbook.xml"))) == "xl/workbook.xml"
    assert opc.workbook_part(rels(("rId1", props, "docProps/app.xml"))) is None


def renamed(src: Path, dst: Path) -> Path:
    """``src`` with its workbook part named ``xl/book.xml`` (a valid package: the name is free)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            name = {"xl/workbook.xml": "xl/book.xml",
                    "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}.get(info.filename, info.filename)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/book.xml")
            zout.writestr(name, data)
    return dst


def test_a_workbook_part_of_another_name_is_read_and_written(example, tmp_path):
    """Before, the reader looked for a part named like ``workbook`` and refused the package
    (the writer followed the relationship): now both follow it."""
    other = renamed(example, tmp_path / "annat.xlsx")
    assert sorted(read_workbook(other).sheets) == sorted(read_workbook(example).sheets)
    assert check_file(other).findings == check_file(example).findings
    ran = run_file(other)
    assert ran.sheets == run_file(example).sheets
    with zipfile.ZipFile(other) as zf:
        assert "xl/book.xml" in zf.namelist() and "xl/workbook.xml" not in zf.namelist()


@pytest.mark.parametrize("target", ["xl/workbook.xml", "/xl/workbook.xml"])
def test_reader_and_writer_take_one_part(example, target):
    with zipfile.ZipFile(example) as zf:
        root = ET.fromstring(zf.read("_rels/.rels"))
    found = opc.relationships(root)
    for rel in found.values():
        if rel["Type"] == opc.OFFICE_DOCUMENT_REL:
            rel["Target"] = target
    assert opc.workbook_part(found) == "xl/workbook.xml"
