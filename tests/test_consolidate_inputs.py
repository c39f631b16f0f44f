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
    assert bounded("consolidate", folder, "-o", folder.parent / "s.xlsx").code == 1  # -o: the same
    # check FOLDER lists the same entries, with the same reasons
    answer = bounded("check", folder)
    assert answer.code == 2
    for name, reason in why.items():
        assert any(line.startswith(name) and "Kan inte läsas" in line and reason in line
                   for line in answer.out.splitlines()), answer.out


def test_a_hidden_workbook_is_named_as_not_read_and_lock_files_are_left_out(folder):
    shutil.copyfile(folder / "Socialnämnden.xlsx", folder / ".Socialnämnden kopia.xlsx")
    (folder / ".~lock.Socialnämnden.xlsx#").write_text("x,host,user;", encoding="utf-8")
    (folder / ".~lock.Kultur.xlsx").write_text("x,host,user;", encoding="utf-8")
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    inl = {r[0]: r for r in sheet(folder / OUT_NAME, "Inlämning")[1:]}
    assert inl[".Socialnämnden kopia.xlsx"][3] == "Ej läsbar" and len(inl) == 8, inl
    control = sheet(folder / OUT_NAME, "Kontroll")
    assert any(r[0] == "Fel" and r[1] == ".Socialnämnden kopia.xlsx" and "dold fil" in r[3]
               and "byt namn om den ska vara med" in r[3] for r in control), control
    answer = bounded("check", folder)
    assert answer.code == 2
    lines = answer.out.splitlines()
    assert any(line.startswith(".Socialnämnden kopia.xlsx") and "Kan inte läsas" in line
               and "dold fil" in line for line in lines), answer.out
    assert not any(line.startswith(".~lock") for line in lines)


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


# --- names that look alike -------------------------------------------------------------------


def board_copy(folder: Path, file: str, index: int, **info) -> Path:
    """Board ``index`` of the example kommun written again as ``file``, its Info changed."""
    from excelreport.app.generate import write_workbook

    data, _ = kommun.board_data(index, *kommun.BOARDS[index])
    data["Info"].update(info)
    return write_workbook(folder / file, data)


@pytest.mark.parametrize("typed, shown_as", [
    ("Socialna\u0308mnden", "<U+0308 COMBINING DIAERESIS>"),  # NFD
    ("Social\u200bnämnden", "<U+200B ZERO WIDTH SPACE>"),
    ("Social\u00adnämnden", "<U+00AD SOFT HYPHEN>"),
    ("Socialnämnden\ufeff", "<U+FEFF ZERO WIDTH NO-BREAK SPACE>"),
], ids=["nfd", "zero-width-space", "soft-hyphen", "bom"])
def test_one_board_in_two_workbooks_despite_invisible_differences(folder, typed, shown_as):
    board_copy(folder, "Socialnämnden kopia.xlsx", 2, Nämnd=typed)
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    out = folder / OUT_NAME
    assert "Socialnämnden" not in [r[0] for r in sheet(out, "Driftredovisning")]  # never counted twice
    inl = {r[0]: r[3] for r in sheet(out, "Inlämning")[1:]}
    assert inl["Socialnämnden.xlsx"] == inl["Socialnämnden kopia.xlsx"] == "Fel"
    hits = [r for r in sheet(out, "Kontroll") if r[0] == "Fel" and "samma nämnd" in r[3]]
    assert len(hits) == 2 and all(shown_as in r[3] for r in hits), hits


def test_a_name_mixing_alphabets_is_a_fel_with_its_code_points(folder):
    board_copy(folder, "Kommunstyrelsen.xlsx", 0, Nämnd="K\u043emmunstyrelsen")  # a Cyrillic о
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    out = folder / OUT_NAME
    assert not [r for r in sheet(out, "Driftredovisning") if "mmunstyrelsen" in str(r[0])]
    hits = [r for r in sheet(out, "Kontroll") if r[0] == "Fel" and r[1] == "Kommunstyrelsen.xlsx: Info"]
    assert any("<U+043E CYRILLIC SMALL LETTER O>" in r[3] and "kyrilliska" in r[3] for r in hits), hits


def test_a_kommun_alike_to_the_eye_is_told_apart(folder):
    board_copy(folder, "Socialnämnden.xlsx", 2, Kommun="Lindåsa\u200b kommun")
    answer = bounded("consolidate", folder)
    assert answer.code == 1, answer.out + answer.err
    hits = [r for r in sheet(folder / OUT_NAME, "Kontroll") if r[0] == "Fel" and "Info!Kommun" in r[3]]
    assert len(hits) == 1
    assert "'Lindåsa<U+200B ZERO WIDTH SPACE> kommun'" in hits[0][3] and "'Lindåsa kommun'" in hits[0][3]


def test_names_compared_and_spelled():
    from excelreport.consolidate.names import mixed_scripts, name_key, spelled

    assert name_key("Socialna\u0308mnden") == name_key("SOCIAL\u00adNÄMNDEN ") == name_key("socialnämnden")
    assert name_key("K\u043emmunstyrelsen") != name_key("Kommunstyrelsen")
    assert spelled("Miljö- och byggnadsnämnden") == "Miljö- och byggnadsnämnden"
    assert mixed_scripts("Överförmyndarnämnden") == "" and mixed_scripts("Nämnd 001 – Kultur") == ""
    assert "CYRILLIC" in mixed_scripts("Kultur- \u043eсh fritid")
