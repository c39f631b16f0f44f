"""A user's own sheet is never overwritten (issue 21): the toolkit marks the sheets it writes
(a defined name of the sheet's scope) and replaces or removes only those, or result sheets of
an earlier version known by their header row; calcChain loses the replaced sheets' cells;
parts in UTF-16 are read and written by their declared encoding. Each package is built here."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import TRACKED_EXAMPLE, soffice
from wbtools import check, damage, digest, run

MARK = "Resultatblad_excelreport"


def _workbook_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/workbook.xml").decode("utf-8")


def _marked(path: Path) -> set[str]:
    xml = _workbook_xml(path)
    names = re.findall(r'<sheet [^>]*name="([^"]*)"', xml)
    return {names[int(i)] for i in re.findall(rf'<definedName [^>]*name="{MARK}"[^>]*localSheetId="(\d+)"', xml)
            + re.findall(rf'<definedName [^>]*localSheetId="(\d+)"[^>]*name="{MARK}"', xml)}


def _own_sheet(name: str, rows: list[tuple]):
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    return change


def _rewrite(path: Path, edit) -> Path:
    """Rewrite every part of the package through ``edit(name, data) -> data | None`` (None drops it)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                out.writestr(info, data)
    tmp.replace(path)
    return path


def libreoffice_opens(paths: list[Path], outdir: Path) -> list[Path]:
    """Open and save every file with LibreOffice (one start for all); the saved copies."""
    exe = soffice()
    outdir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        proc = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                               "--convert-to", "xlsx", "--outdir", str(outdir), *map(str, paths)],
                              capture_output=True, text=True, timeout=300)
    saved = [outdir / p.name for p in paths]
    assert proc.returncode == 0 and all(p.exists() for p in saved), proc.stdout + proc.stderr
    return saved


# --- the user's own sheets -------------------------------------------------------------------


def test_own_kontroll_sheet_is_never_overwritten(example):
    damage(example, _own_sheet("Kontroll", [("Avstämning", "Belopp"), ("Bank", 99999), ("Budget", "=Drift!B5")]))
    before = digest(example)
    result = run("run", example)
    assert result.code == 2
    assert "'Kontroll'" in result.err and "'Kontroll (egen)'" in result.err and "inte ändrats" in result.err
    assert digest(example) == before
    checked = check(example)
    assert checked.code == 1
    line = next(line for line in checked.out.splitlines() if "Kontroll (egen)" in line)
    assert line.startswith("Fel") and "Kontroll" in line and "inte skrivet av excelreport" in line
    wb = openpyxl.load_workbook(example)
    assert [c.value for c in wb["Kontroll"][2]] == ["Bank", 99999]


def test_own_result_sheet_is_not_deleted_on_the_fel_path(example):
    """A workbook with a Fel writes only Kontroll and removes stale result sheets: never the user's."""
    def change(wb: openpyxl.Workbook) -> None:
        wb["Drift"]["C5"] = "abc"
        _own_sheet("Resultat Drift", [("Egen analys", None), ("Utfall", 777)])(wb)
    damage(example, change)
    before = digest(example)
    result = run("run", example)
    assert result.code == 2 and "'Resultat Drift (egen)'" in result.err
    assert "Tog bort" not in result.out
    assert digest(example) == before
    assert "Resultat Drift (egen)" in check(example).out


def test_build_refuses_before_anything_is_written(example, tmp_path):
    damage(example, _own_sheet("Resultat Mål", [("Mina mål",)]))
    before = digest(example)
    result = run("build", example, "-o", tmp_path / "rapport", "--no-pdf")
    assert result.code == 2 and "'Resultat Mål (egen)'" in result.err
    assert digest(example) == before
    assert not list((tmp_path / "rapport").glob("*.docx")) if (tmp_path / "rapport").exists() else True


def test_own_sheet_that_is_not_valid_xml_is_still_the_users(example):
    """A damaged sheet of the user's named Kontroll: never read before, so it is not a reason
    to refuse the whole workbook, but it is not the toolkit's either."""
    from test_bounded import sheet_part

    damage(example, _own_sheet("Kontroll", [("Avstämning",)]))
    part = sheet_part(example, "Kontroll")
    _rewrite(example, lambda name, data: data[:-40] if name == part else data)
    checked = check(example)
    assert checked.code == 1 and "Kontroll (egen)" in checked.out
    before = digest(example)
    assert run("run", example).code == 2 and digest(example) == before


def test_rename_hint_is_a_free_name(example):
    damage(example, lambda wb: [_own_sheet(n, [("x",)])(wb) for n in ("Kontroll", "Kontroll (egen)")])
    assert "'Kontroll (egen 2)'" in check(example).out


def _unmarked(src: Path, path: Path) -> Path:
    """A copy of ``src`` without the marks: as a version before them wrote it."""
    path.parent.mkdir(exist_ok=True)
    shutil.copyfile(src, path)
    _rewrite(path, lambda name, data: re.sub(rb"<definedNames>.*?</definedNames>", b"", data)
             if name == "xl/workbook.xml" else data)
    assert not _marked(path)
    return path


def test_result_sheet_of_an_earlier_version_is_recognised(tmp_path):
    """The tracked example as written before the mark existed: its result sheets (no mark,
    their header rows as the toolkit wrote them) are replaced, and marked from then on."""
    path = _unmarked(TRACKED_EXAMPLE, tmp_path / "gammal.xlsx")
    assert check(path).code == 0
    assert run("run", path).code == 0
    results = {"Resultat Drift", "Resultat Exploatering", "Resultat Investeringar", "Resultat Sjukfrånvaro",
               "Resultat Mål", "Kontroll"}
    assert _marked(path) == results
    once = digest(path)
    assert run("run", path).code == 0 and digest(path) == once


def test_new_result_sheets_are_marked(example):
    assert run("run", example).code == 0
    assert _marked(example) == {"Resultat Drift", "Resultat Exploatering", "Resultat Investeringar",
                                "Resultat Sjukfrånvaro", "Resultat Mål", "Kontroll"}


def test_a_stale_marked_sheet_loses_its_mark_with_it(example):
    assert run("run", example).code == 0
    damage(example, lambda wb: wb["Drift"].__setitem__("C5", "abc"))  # openpyxl keeps the marks
    assert _marked(example) >= {"Resultat Drift", "Kontroll"}
    assert run("run", example).code == 1
    assert _marked(example) == {"Kontroll"}
    assert check(example).code == 1  # nothing of the user's named like a result sheet


# --- calcChain -------------------------------------------------------------------------------

_CALC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain"
_CALC_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"


def _with_calc_chain(path: Path, cells: str) -> Path:
    chain = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain '
             f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{cells}</calcChain>').encode()

    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", f'<Relationship Id="rId99" Type="{_CALC_REL}" '
                                                     'Target="calcChain.xml"/></Relationships>'.encode())
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", f'<Override PartName="/xl/calcChain.xml" '
                                             f'ContentType="{_CALC_CT}"/></Types>'.encode())
        return data

    _rewrite(path, edit)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/calcChain.xml", chain)
    return path


def _sheet_id(path: Path, name: str) -> str:
    return re.search(rf'<sheet name="{name}" sheetId="(\d+)"', _workbook_xml(path)).group(1)


def test_calc_chain_loses_the_cells_of_a_replaced_sheet(example, tmp_path):
    assert run("run", example).code == 0
    drift, kontroll = _sheet_id(example, "Drift"), _sheet_id(example, "Kontroll")
    _with_calc_chain(example, f'<c r="E2" i="{kontroll}"/><c r="E3"/><c r="B9" i="{drift}"/><c r="C9"/>')
    assert run("run", example).code == 0
    with zipfile.ZipFile(example) as zf:
        chain = zf.read("xl/calcChain.xml").decode()
    assert f'<c r="B9" i="{drift}"/><c i="{drift}" r="C9"/>' in chain and "E2" not in chain and "E3" not in chain
    once = digest(example)
    assert run("run", example).code == 0 and digest(example) == once
    libreoffice_opens([example], tmp_path / "lo")


def test_calc_chain_left_empty_is_removed_with_its_relationship(example, tmp_path):
    assert run("run", example).code == 0
    _with_calc_chain(example, f'<c r="E2" i="{_sheet_id(example, "Kontroll")}"/><c r="E3"/>')
    assert run("run", example).code == 0
    with zipfile.ZipFile(example) as zf:
        assert "xl/calcChain.xml" not in zf.namelist()
        assert b"calcChain" not in zf.read("xl/_rels/workbook.xml.rels")
        assert b"calcChain" not in zf.read("[Content_Types].xml")


# --- parts in UTF-16 -------------------------------------------------------------------------

_UTF16_PARTS = ("xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml")


def _utf16(path: Path, bom: bool = True) -> Path:
    def edit(name: str, data: bytes) -> bytes:
        if name not in _UTF16_PARTS:
            return data
        text = re.sub(r'encoding="UTF-8"', 'encoding="UTF-16"', data.decode("utf-8"), count=1)
        return text.encode("utf-16") if bom else text.encode("utf-16-le")
    return _rewrite(path, edit)


@pytest.mark.parametrize("bom", [True, False])
def test_parts_in_utf16_are_written_in_utf16(example, bom):
    _utf16(example, bom)
    assert check(example).code == 0
    result = run("run", example)
    assert result.code == 0, result.err
    with zipfile.ZipFile(example) as zf:
        for name in _UTF16_PARTS:
            data = zf.read(name)
            assert data[:2] in ((b"\xff\xfe", b"<\x00") if bom else (b"<\x00",)), name
            assert 'encoding="UTF-16"' in data.decode("utf-16-le" if not bom else "utf-16")
    assert _marked_utf16(example) >= {"Kontroll"}
    once = digest(example)
    assert run("run", example).code == 0 and digest(example) == once


def _marked_utf16(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/workbook.xml").decode("utf-16")
    names = re.findall(r'<sheet [^>]*name="([^"]*)"', xml)
    return {names[int(i)] for i in re.findall(rf'<definedName name="{MARK}" localSheetId="(\d+)"', xml)}


def _one_byte(path: Path, declared: str, codec: str) -> Path:
    def edit(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        return data.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"', 1).encode(codec)
    return _rewrite(path, edit)


@pytest.mark.parametrize("declared, codec", [("windows-1252", "cp1252"), ("ISO-8859-1", "latin-1")])
def test_part_in_a_one_byte_encoding_is_written_in_it(example, declared, codec):
    """``Sjukfrånvaro`` in a workbook.xml declared and stored as a one-byte encoding."""
    _one_byte(example, declared, codec)
    assert check(example).code == 0
    assert run("run", example).code == 0
    with zipfile.ZipFile(example) as zf:
        xml = zf.read("xl/workbook.xml").decode(codec)
    assert 'name="Sjukfrånvaro"' in xml and 'name="Resultat Sjukfrånvaro"' in xml and MARK in xml


# --- LibreOffice -----------------------------------------------------------------------------


def test_mark_survives_libreoffice_and_libreoffice_opens_every_output(example, tmp_path):
    """The example run, then opened and saved by LibreOffice Calc: its result sheets are still
    known as the toolkit's (marked), so a run replaces them; the outputs open in LibreOffice."""
    assert run("run", example).code == 0
    utf16 = tmp_path / "utf16" / "b.xlsx"
    utf16.parent.mkdir()
    shutil.copyfile(example, utf16)
    _utf16(utf16)
    assert run("run", utf16).code == 0
    latin = tmp_path / "latin" / "c.xlsx"
    latin.parent.mkdir()
    shutil.copyfile(TRACKED_EXAMPLE, latin)
    assert run("run", _one_byte(latin, "windows-1252", "cp1252")).code == 0
    legacy = _unmarked(TRACKED_EXAMPLE, tmp_path / "legacy" / "d.xlsx")
    own = damage(_unmarked(TRACKED_EXAMPLE, tmp_path / "own" / "e.xlsx"),
                 lambda wb: wb.__delitem__("Kontroll") or _own_sheet("Kontroll", [("Avstämning",)])(wb))
    saved, saved_utf16, saved_latin, saved_legacy, saved_own = libreoffice_opens(
        [example, utf16, latin, legacy, own], tmp_path / "lo")
    # Result sheets of an earlier version, their header rows now shared strings: still the toolkit's.
    assert check(saved_legacy).code == 0 and run("run", saved_legacy).code == 0
    assert "Kontroll (egen)" in check(saved_own).out
    assert _marked(saved) >= {"Resultat Drift", "Kontroll"}
    assert check(saved).code == 0
    assert run("run", saved).code == 0
    assert check(saved_utf16).code == 0 and check(saved_latin).code == 0
