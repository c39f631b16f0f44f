"""consolidate and check FOLDER: every entry with a workbook's name is read or named as not
read (a Fel in Inlämning), whatever it is; file names that are not UTF-8, a folder that may
not be listed and a zip member with the encryption flag are Swedish messages, never an
internal error. Each command runs in a child process with the time and memory limits."""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kommunbook import kommun
from test_bounded import bounded
from wbtools import digest

OUT_NAME = "Sammanställning Delårsbokslut 2024.xlsx"


@pytest.fixture
def folder(tmp_path) -> Path:
    dst = tmp_path / "inlamnat"
    shutil.copytree(kommun.OUT, dst)
    return dst


def sheet(path: Path, name: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))


def digests(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in folder.iterdir() if p.is_file() and not p.is_symlink()
            and p.name != OUT_NAME}


# --- entries that are no file to read --------------------------------------------------------


def test_links_fifos_and_folders_named_as_workbooks_are_fel_in_inlamning(folder):
    (folder / "Tekniska nämnden.xlsx").symlink_to(folder / "finns-inte.xlsx")
    (folder / "Slinga.xlsx").symlink_to("Slinga.xlsx")
    os.mkfifo(folder / "Rör.xlsx")
    (folder / "Gymnasienämnden.xlsm").mkdir()
    why = {"Tekniska nämnden.xlsx": "symbolisk länk till något som inte finns",
           "Slinga.xlsx": "symbolisk länk i en slinga", "Rör.xlsx": "ingen vanlig fil",
           "Gymnasienämnden.xlsm": "är en mapp"}
    before = digests(folder)
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    assert digests(folder) == before
    out = folder / OUT_NAME
    inl = {r[0]: r for r in sheet(out, "Inlämning")[1:]}
    control = sheet(out, "Kontroll")
    for name, reason in why.items():
        assert inl[name][3] == "Ej läsbar", inl
        assert any(r[0] == "Fel" and r[1] == name and reason in r[3] and "ingår inte" in r[3] for r in control)
    assert len(inl) == 7 + len(why)
    # check FOLDER lists the same entries, with the same reasons
    answer = bounded("check", folder)
    assert answer.code == 2
    for name, reason in why.items():
        assert any(line.startswith(name) and "Kan inte läsas" in line and reason in line
                   for line in answer.out.splitlines()), answer.out


def test_a_file_name_that_is_not_utf8(folder):
    os.rename(folder / "Socialnämnden.xlsx", os.fsencode(folder) + b"/Socialn\xe4mnden.xlsx")
    answer = bounded("consolidate", folder)
    assert answer.code == 0, answer.out + answer.err
    inl = {r[0]: r for r in sheet(folder / OUT_NAME, "Inlämning")[1:]}
    assert inl["Socialn\\xe4mnden.xlsx"][1:4] == ("Socialnämnden", "tkr", "Klar")
    assert bounded("check", folder).code == 0


def test_a_file_name_that_is_not_utf8_and_not_readable(folder):
    (Path(os.fsdecode(os.fsencode(folder) + b"/Tr\xe5sig.xlsx"))).write_bytes(b"PK\x03\x04 trasig")
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    control = sheet(folder / OUT_NAME, "Kontroll")
    assert any(r[0] == "Fel" and r[1] == "Tr\\xe5sig.xlsx" and "Tr\\xe5sig.xlsx" in r[3] for r in control)


def test_a_folder_that_may_not_be_listed(folder, monkeypatch, capsys):
    """Tests run as root (who may list any folder): listing is made to fail as for a user."""
    from excelreport import cli

    real = Path.iterdir

    def refused(self):
        if self == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refused)
    for command in ("consolidate", "check"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([command, str(folder)])
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and err.startswith("Fel: Mappen ") and "får inte läsas" in err, err
        assert "Internt fel" not in err
    assert not (folder / OUT_NAME).exists()


# --- a zip member with the encryption flag ---------------------------------------------------


def flag_encrypted(path: Path, member: str) -> Path:
    """Set the encryption bit of ``member`` in its local header and central directory entry."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        raw[zf.getinfo(member).header_offset + 6] |= 1
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack("<H", raw[at + 28:at + 30])[0]
        if raw[at + 46:at + 46 + length] == member.encode():
            raw[at + 8] |= 1
        at = raw.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize("member", ["docProps/app.xml", "xl/styles.xml"])
def test_a_member_with_the_encryption_flag_is_unusable(example, member):
    flag_encrypted(example, member)
    before = digest(example)
    for command in ("check", "run"):
        answer = bounded(command, example)
        assert answer.code == 2, answer.out + answer.err
        assert answer.err.startswith(f"Fel: {example.name}: delen {member}") and "krypterad" in answer.err
        assert "ZipInfo" not in answer.err and "RuntimeError" not in answer.err
    assert digest(example) == before
