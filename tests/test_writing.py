"""Writing: atomic reports, targets checked first, what the user had kept (links, mode,
owner), stale temporary files removed, safe report names, bombs refused before writing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from excelreport.core import atomic as safe
from wbtools import check, digest, run

SRC = str(Path(__file__).resolve().parents[1] / "src")


def set_info(path: Path, label: str, value: str) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb["Info"]
    row = next(c.row for c in ws["A"] if c.value == label)
    ws.cell(row, 2).value = value
    wb.save(path)
    return path


def cli(*args, env: dict | None = None, cwd=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "excelreport.cli", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                            env={**os.environ, "PYTHONPATH": SRC, "EXCELREPORT_NO_FORK": "1", **(env or {})})


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".~excelreport-*.tmp"))


# --- the report is written atomically -------------------------------------------------------


def test_a_report_killed_before_the_replace_leaves_the_previous_report(example):
    docx = example.with_name("rapport.docx")
    assert run("report", example, "-o", docx).code == 0
    good = digest(docx)
    proc = cli("report", example, "-o", docx, env={safe.PAUSE_ENV: "60"})
    try:
        deadline = time.time() + 120
        while not temp_files(example.parent) and time.time() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert temp_files(example.parent), "the report was not written through a temporary file"
        time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert digest(docx) == good  # the previous good report, never a 0-byte or partial one
    left = temp_files(example.parent)
    assert left  # the killed run's temporary file …
    assert run("report", example, "-o", docx).code == 0
    assert not temp_files(example.parent)  # … is removed by the next run (its process is gone)
    assert zipfile.ZipFile(docx).testzip() is None


FULL_DISK = """
import errno, sys
from excelreport.core import atomic as safe
real = safe.os.fdopen

class Full:
    def __init__(self, fh): self.fh, self.n = fh, 0
    def write(self, data):
        self.n += len(data)
        if self.n > 2000:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.fh.write(data)
    def __getattr__(self, name): return getattr(self.fh, name)
    def __enter__(self): return self
    def __exit__(self, *a): return self.fh.__exit__(*a)

safe.os.fdopen = lambda fd, mode: Full(real(fd, mode))
from excelreport.cli import main
sys.argv = ["excelreport"] + sys.argv[1:]
main()
"""


@pytest.mark.parametrize("command", ["run", "report", "build", "build-forked"])
def test_a_full_disk_is_a_swedish_message_and_nothing_is_replaced(example, command):
    docx = example.with_name("Delårsbokslut 2023 Kommunstyrelsen.docx")
    assert run("build", example, "--no-pdf").code == 0
    before = {p.name: digest(p) for p in (example, docx)}
    args = {"run": [example], "report": [example, "-o", docx], "build": [example, "--no-pdf"],
            "build-forked": [example, "--no-pdf"]}[command]
    forked = command == "build-forked"  # the result sheets written by a helper process
    done = subprocess.run([sys.executable, "-c", FULL_DISK, command.split("-")[0], *map(str, args)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": SRC, **({} if forked else {"EXCELREPORT_NO_FORK": "1"})})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "disken är full" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert {p.name: digest(p) for p in (example, docx)} == before
    assert not temp_files(example.parent)


def test_new_force_on_a_full_disk_keeps_the_workbook_it_would_replace(example):
    """``new --force`` over a workbook: made in memory and replaced atomically, so a full
    disk leaves the user's workbook as it was (never truncated or half-written)."""
    before = digest(example)
    done = subprocess.run([sys.executable, "-c", FULL_DISK, "new", str(example), "--force"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": SRC})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "disken är full" in done.stderr and "Traceback" not in done.stderr
    assert digest(example) == before
    assert not temp_files(example.parent)


# --- build checks every target before writing anything --------------------------------------


def test_build_with_an_unwritable_out_folder_writes_nothing(example, tmp_path):
    out = tmp_path / "låst"
    out.mkdir()
    out.chmod(0o555)
    try:
        if os.access(out, os.W_OK):  # root: make the folder a file's child instead
            out = example / "under-en-fil"
        before = digest(example)
        result = run("build", example, "--out", out, "--no-pdf")
        assert result.code == 2
        assert digest(example) == before
        assert "Internt fel" not in result.err
    finally:
        (tmp_path / "låst").chmod(0o755)


@pytest.mark.parametrize("label, length", [("Nämnd", 300), ("Kommun", 300), ("Nämnd", 130)])
def test_an_info_value_too_long_for_a_file_name_or_property_is_a_fel_on_its_cell(example, label, length):
    set_info(example, label, "Å" * length)
    result = check(example)
    assert result.code == 1
    fel = [line for line in result.out.splitlines() if line.startswith("Fel")]
    assert any("Info!B" in line and f"{label} är {length} tecken lång" in line for line in fel), result.out
    built = run("build", example, "--no-pdf")
    assert built.code == 1 and "Internt fel" not in built.err and "Traceback" not in built.err
    assert not list(example.parent.glob("*.docx"))


def test_an_unexpected_error_after_a_write_never_claims_the_file_unchanged(example, monkeypatch):
    from excelreport.report import build

    def broken(*a, **kw):
        raise RuntimeError("trasigt")

    monkeypatch.setattr(build, "build_document", broken)
    from click.testing import CliRunner
    from excelreport.cli import main

    result = CliRunner().invoke(main, ["build", str(example), "--no-pdf"])
    assert result.exit_code == 2
    assert "Internt fel" in result.stderr and "har inte ändrats" not in result.stderr
    assert str(example) in result.stderr


# --- what the user had is kept ---------------------------------------------------------------


def test_a_symlinked_workbook_is_written_through_and_stays_a_link(example, tmp_path):
    folder = tmp_path / "länkar"
    folder.mkdir()
    link = folder / "bok.xlsx"
    link.symlink_to(example)
    result = run("run", link)
    assert result.code == 0
    assert link.is_symlink() and Path(os.readlink(link)) == example
    assert "Resultat Drift" in openpyxl.load_workbook(example, read_only=True).sheetnames


def test_mode_and_owner_are_kept(example):
    example.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(example, 1234, 1234)
    assert run("run", example).code == 0
    st = example.stat()
    assert oct(st.st_mode & 0o777) == oct(0o640)
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (1234, 1234)


def test_a_hard_link_that_cannot_be_kept_is_said(example, tmp_path):
    other = tmp_path / "kopia.xlsx"
    os.link(example, other)
    result = run("run", example)
    assert result.code == 0
    assert "hård länk" in result.out


def test_stale_temporary_files_are_removed_and_live_ones_kept(example):
    folder = example.parent
    host = safe._host()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    gone = folder / f".~excelreport-{host}-{dead}-abc123.tmp"
    old = folder / ".~excelreport-q1w2e3.tmp"
    live = folder / f".~excelreport-{host}-{os.getppid()}-zzz.tmp"
    elsewhere = folder / f".~excelreport-0badcafe-{dead}-xyz.tmp"  # another computer's run
    mine = folder / ".~excelreport-anteckning.txt"
    for p in (gone, old, live, elsewhere, mine):
        p.write_bytes(b"x" * 100)
    hour_ago = time.time() - 2 * safe.STALE_AGE
    os.utime(old, (hour_ago, hour_ago))
    assert run("run", example).code == 0
    assert not gone.exists() and not old.exists()
    assert live.exists() and elsewhere.exists() and mine.exists()


# --- report file names -----------------------------------------------------------------------


def test_bidirectional_and_control_characters_never_reach_the_file_name(example):
    set_info(example, "Nämnd", "Kultur\u202excod.exe\u2066\u200f_x0007_nämnden")
    result = run("build", example, "--no-pdf")
    assert result.code == 0, result.out + result.err
    (docx,) = example.parent.glob("*.docx")
    assert all(unicodedata.category(ch) not in ("Cf", "Cc") for ch in docx.name)
    assert docx.name == "Delårsbokslut 2023 Kulturxcod.exe nämnden.docx"


def test_folder_duplicates_are_compared_as_windows_and_macos_compare_names(example, tmp_path):
    folder = tmp_path / "nämnder"
    folder.mkdir()
    for i, name in enumerate([unicodedata.normalize("NFD", "Nämnden"), "NÄMNDEN", "Nämnden"]):
        set_info(shutil.copyfile(example, folder / f"bok{i}.xlsx"), "Nämnd", name)
    result = run("build", folder, "--no-pdf")
    assert result.code == 2
    assert len(list(folder.glob("*.docx"))) == 1
    assert result.out.count("samma rapportnamn") == 2


# --- a bomb in a part the writer parses ------------------------------------------------------

BOMB = (b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&b;</Types>')


def test_a_bomb_in_content_types_is_unusable_in_check_and_run(example):
    with zipfile.ZipFile(example) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["[Content_Types].xml"] = BOMB
    with zipfile.ZipFile(example, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    before = digest(example)
    for command in ("check", "run"):
        result = run(command, example)
        assert result.code == 2 and "XML-bomb" in result.err, result.err
        assert "Internt fel" not in result.err
    assert digest(example) == before


def test_a_bomb_in_a_styles_part_only_the_writer_reads_is_unusable(example):
    """The styles part found by its relationship, under a name the reader does not look for."""
    with zipfile.ZipFile(example) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    styles = parts.pop("xl/styles.xml")
    parts["xl/stil.xml"] = styles.replace(b"?>", b"?><!DOCTYPE s [<!ENTITY a 'aaaa'>]>", 1)
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"styles.xml", b"stil.xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/xl/styles.xml", b"/xl/stil.xml")
    with zipfile.ZipFile(example, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    before = digest(example)
    result = run("run", example)
    assert result.code == 2 and "XML-bomb" in result.err, result.err
    assert digest(example) == before and not temp_files(example.parent)


@pytest.mark.parametrize("forked", [False, True], ids=["one-process", "forked-helper"])
def test_consolidate_on_a_full_disk_writes_neither_workbook_nor_report(tmp_path, forked):
    """The compilation workbook is written (by a helper process where fork exists) while
    the report is built: a full disk is a Swedish message and no report is saved."""
    from kommunbook import kommun

    folder = tmp_path / "kommun"
    kommun.write_kommun(folder)
    before = {p.name: digest(p) for p in folder.iterdir()}
    report = tmp_path / "rapport"
    done = subprocess.run([sys.executable, "-c", FULL_DISK, "consolidate", str(folder), "--report", str(report),
                           "--no-pdf"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": SRC, **({} if forked else {"EXCELREPORT_NO_FORK": "1"})})
    assert done.returncode == 2, done.stdout + done.stderr
    assert "disken är full" in done.stderr and "Traceback" not in done.stderr
    assert {p.name: digest(p) for p in folder.iterdir()} == before  # no compilation, inputs untouched
    assert not report.exists() or not list(report.iterdir())
