"""Every kind of unusable file: exit 2, a clear Swedish message on stderr, no traceback, the
file unchanged. A workbook that is open in Excel is still read, with a Varning."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from conftest import convert
from wbtools import check, digest

BOMB_DTD = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>\n"
)


def unusable(path: Path, *words: str) -> str:
    """Assert exit 2, no output on stdout, a message on stderr naming ``words``."""
    result = check(path)
    assert result.code == 2, result.out + result.err
    assert result.err.startswith("Fel: "), result.err
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    for word in words:
        assert word in result.err, result.err
    return result.err


def rewrite(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    """Copy the zip package ``src`` to ``dst`` with some parts replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, replace.get(item.filename, zin.read(item.filename)))
    return dst


def test_missing_file(tmp_path):
    unusable(tmp_path / "finns_inte.xlsx", "finns inte")


def test_folder(tmp_path):
    folder = tmp_path / "mapp.xlsx"
    folder.mkdir()
    unusable(folder, "är en mapp")


def test_empty_file(tmp_path):
    path = tmp_path / "tom.xlsx"
    path.write_bytes(b"")
    unusable(path, "tom")


def test_old_xls(tmp_path):
    path = tmp_path / "gammal.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + os.urandom(1024))
    unusable(path, ".xls", "spara", "(.xlsx)")


def test_old_xls_renamed_to_xlsx(tmp_path):
    path = tmp_path / "gammal.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + os.urandom(1024))
    unusable(path, "gamla formatet .xls", "Spara den som .xlsx")


@pytest.fixture(scope="module")
def ods(tmp_path_factory) -> Path:
    from conftest import EXAMPLE

    return convert(EXAMPLE, "ods", tmp_path_factory.mktemp("ods"))


def test_ods(ods):
    unusable(ods, "OpenDocument", ".xlsx")


def test_ods_renamed_to_xlsx(ods, tmp_path):
    path = tmp_path / "kalkyl.xlsx"
    path.write_bytes(ods.read_bytes())
    unusable(path, "OpenDocument", ".xlsx")


def test_other_suffix(tmp_path, example):
    path = tmp_path / "arbetsbok.txt"
    path.write_bytes(example.read_bytes())
    unusable(path, ".xlsx")


def test_csv_renamed(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("Rad;Budget\nVerksamhetens intäkter;91867\n", encoding="utf-8")
    unusable(path, "textfil", "CSV", ".xlsx")


def test_random_bytes(tmp_path):
    path = tmp_path / "brus.xlsx"
    path.write_bytes(b"\x00\x01" + os.urandom(4096))
    unusable(path, "ingen Excel-arbetsbok")


def test_truncated_zip(example):
    data = example.read_bytes()
    example.write_bytes(data[: len(data) // 2])
    unusable(example, "skadad")


def test_zip_without_workbook(tmp_path):
    path = tmp_path / "dokument.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    unusable(path, "ingen Excel-arbetsbok")


def test_damaged_part(example, tmp_path):
    path = rewrite(example, tmp_path / "trasig.xlsx", {"xl/worksheets/sheet6.xml": b"<worksheet><sheetData"})
    unusable(path, "skadad", "Öppna den i Excel")


def test_password_protected(example, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "hemlig.xlsx"
    with example.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt("hemligt", out)
    unusable(path, "lösenordsskyddad", "Ta bort lösenordet")


def _bomb(body_tag: str) -> bytes:
    return (BOMB_DTD + body_tag.replace("BOMB", "&lol9;")).encode()


@pytest.mark.parametrize("part, xml", [
    ("xl/sharedStrings.xml",
     '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>BOMB</t></si></sst>'),
    ("xl/worksheets/sheet1.xml",
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
     '<row r="1"><c r="A1" t="inlineStr"><is><t>BOMB</t></is></c></row></sheetData></worksheet>'),
])
def test_xml_bomb(example, tmp_path, part, xml):
    path = rewrite(example, tmp_path / "bomb.xlsx", {part: _bomb(xml)})
    start = time.monotonic()
    unusable(path, "XML", "avvisas")
    assert time.monotonic() - start < 5


def test_deflate_bomb(example, tmp_path):
    """A part that inflates to 320 MB of zeros is refused without inflating it."""
    path = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(example) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename == "xl/worksheets/sheet6.xml":
                with zout.open(item.filename, "w", force_zip64=True) as fh:
                    chunk = b"\0" * (16 * 1024 * 1024)
                    for _ in range(20):
                        fh.write(chunk)
            else:
                zout.writestr(item, zin.read(item.filename))
    assert path.stat().st_size < 5 * 1024 * 1024
    start = time.monotonic()
    unusable(path, "sheet6.xml", "avvisas")
    assert time.monotonic() - start < 5


def test_unreadable_file(example, monkeypatch):
    if os.geteuid() != 0:
        example.chmod(0)
    else:  # root reads everything: let opening fail as it does for a user without access
        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(example))
        monkeypatch.setattr(zipfile, "ZipFile", denied)
    try:
        unusable(example, "får inte läsas")
    finally:
        example.chmod(0o644)


def test_open_in_excel_is_read_with_a_warning(example):
    """Excel's owner file ``~$name`` beside the workbook: the saved version is read."""
    lock = example.with_name("~$" + example.name)
    lock.write_bytes(b"\x0bKontroller" + bytes(150))
    result = check(example)
    assert result.code == 0
    warning = [line for line in result.out.splitlines() if "~$" in line]
    assert warning and warning[0].startswith("Varning") and "öppen i Excel" in warning[0]
    assert "senast sparade" in warning[0]


def test_call_without_path_is_a_usage_error():
    from wbtools import run

    result = run("check")
    assert result.code == 2 and "ARBETSBOK" in result.err and "Traceback" not in result.err


def test_file_is_unchanged_by_every_refusal(tmp_path, example):
    data = example.read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[:1000])
    before = digest(path)
    check(path)
    assert digest(path) == before


def test_internal_error_is_a_short_message(example, monkeypatch):
    """A bug never shows a traceback to the user (tests set EXCELREPORT_DEBUG to see them)."""
    from click.testing import CliRunner

    import excelreport.app.checking
    from excelreport.cli import main

    def broken(path):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(excelreport.app.checking, "check_file", broken)
    monkeypatch.delenv("EXCELREPORT_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["check", str(example)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Internt fel i excelreport (ZeroDivisionError")
    assert "Traceback" not in result.output


def test_too_many_cells(example, monkeypatch):
    """A sheet with an absurd number of filled cells is refused before memory runs out."""
    import excelreport.read.xlsx as reader

    monkeypatch.setattr(reader, "MAX_CELLS", 50)
    unusable(example, "fler än 50", "avvisas")
