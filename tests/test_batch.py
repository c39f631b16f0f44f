"""A folder of workbooks: every workbook handled, a summary table, the worst exit code."""

import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLE


def excelreport(*args):
    return subprocess.run([sys.executable, "-m", "excelreport.cli", *map(str, args)],
                          capture_output=True, text=True)


@pytest.fixture
def folder(tmp_path):
    shutil.copyfile(EXAMPLE, tmp_path / "ks.xlsx")
    (tmp_path / "trasig.xlsx").write_text("Rad;Budget\n", encoding="utf-8")
    (tmp_path / "anteckning.txt").write_text("ignoreras", encoding="utf-8")
    return tmp_path


def test_check_folder_lists_every_workbook_and_exits_with_the_worst(folder):
    (folder / "~$ks.xlsx").write_bytes(b"owner")  # Excel's lock file: not a workbook
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    proc = excelreport("check", folder)
    assert proc.returncode == 2
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["Arbetsbok", "Resultat", "Fel", "Varningar", "Kommentar"]
    ks = next(line for line in lines if line.startswith("ks.xlsx"))
    assert ks.split()[:4] == ["ks.xlsx", "Klar", "0", "16"]  # 15 + the owner file beside it
    broken = next(line for line in lines if line.startswith("trasig.xlsx"))
    assert "Kan inte läsas" in broken and "textfil" in broken
    assert not any(line.startswith("~$") for line in lines)
    assert "Traceback" not in proc.stderr
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}


def test_run_folder_writes_result_sheets_into_each_good_workbook(folder):
    (folder / "trasig.xlsx").unlink()
    proc = excelreport("run", folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "skrev 6 resultatblad" in proc.stdout
    import openpyxl

    assert "Resultat Drift" in openpyxl.load_workbook(folder / "ks.xlsx").sheetnames


def test_run_folder_refuses_out(folder):
    proc = excelreport("run", folder, "-o", folder / "x.xlsx")
    assert proc.returncode == 2 and "mapp" in proc.stderr


def test_build_folder_never_overwrites_a_report_of_the_same_name(folder, tmp_path):
    shutil.copyfile(EXAMPLE, folder / "ks_kopia.xlsx")
    (folder / "trasig.xlsx").unlink()
    out = tmp_path / "ut"
    proc = excelreport("build", folder, "--out", out, "--no-pdf")
    assert proc.returncode == 2
    assert "samma rapportnamn (Delårsbokslut 2023 Kommunstyrelsen) som ks.xlsx" in proc.stdout
    assert [p.name for p in out.iterdir()] == ["Delårsbokslut 2023 Kommunstyrelsen.docx"]


def test_empty_folder_is_a_clear_error(tmp_path):
    proc = excelreport("check", tmp_path)
    assert proc.returncode == 2 and "är en mapp utan arbetsböcker" in proc.stderr


def test_run_folder_leaves_a_workbook_open_in_excel_untouched(folder):
    (folder / "trasig.xlsx").unlink()
    (folder / "~$ks.xlsx").write_bytes(b"owner")
    before = (folder / "ks.xlsx").read_bytes()
    proc = excelreport("run", folder)
    assert proc.returncode == 2
    assert (folder / "ks.xlsx").read_bytes() == before
