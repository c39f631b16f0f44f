"""Where consolidate writes: never over a file that was or could have been an input, never
through a planted symbolic link, never over another existing file outside the folder without
--force; -o under a file and --report naming a file are exit 2 before anything is written.
Each command runs in a child process with the time and memory limits."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from test_bounded import bounded
from test_consolidate_inputs import OUT_NAME, folder  # noqa: F401 - the fixture: the example kommun
from wbtools import digest

REPORT = "Delårsbokslut 2024 Lindåsa kommun – sammanställning"


def snapshot(*roots: Path) -> dict[str, str]:
    """Every file under ``roots`` (links as their target's name), to prove nothing changed."""
    out = {}
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_symlink():
                out[str(p)] = "-> " + str(p.readlink())
            elif p.is_file():
                out[str(p)] = digest(p)
    return out


def refused(answer, *words: str) -> None:
    assert answer.code == 2, answer.out + answer.err
    message = answer.err.splitlines()[-1]  # after the progress bar's label, if reading began
    assert message.startswith("Fel: ") and "Internt fel" not in answer.err, answer.err
    for word in words:
        assert word in message, answer.err


def test_an_input_named_as_the_default_output_is_read_and_never_overwritten(folder):
    (folder / "Finansförvaltning.xlsx").rename(folder / OUT_NAME)
    before = snapshot(folder)
    refused(bounded("consolidate", folder), OUT_NAME, "ingen sammanställning", "-o")
    assert snapshot(folder) == before
    # with -o elsewhere it is what it is: the finansförvaltning's workbook, an input
    answer = bounded("consolidate", folder, "-o", folder.parent / "s.xlsx")
    assert answer.code == 0, answer.out + answer.err
    inl = {r[0]: r for r in openpyxl.load_workbook(folder.parent / "s.xlsx")["Inlämning"].iter_rows(values_only=True)}
    assert inl[OUT_NAME][1:4] == ("Finansförvaltning", "mnkr", "Klar")
    assert snapshot(folder) == before


def test_the_compilation_itself_is_replaced_and_never_read(folder, tmp_path):
    assert bounded("consolidate", folder).code == 0
    (folder / OUT_NAME).rename(folder / "Min kopia.xlsx")  # a compilation under any name
    assert bounded("consolidate", folder).code == 0
    assert bounded("consolidate", folder).code == 0  # over the earlier one
    inl = list(openpyxl.load_workbook(folder / OUT_NAME)["Inlämning"].iter_rows(values_only=True))
    assert len(inl) == 8 and "Min kopia.xlsx" not in [r[0] for r in inl]
    out = tmp_path / "ute.xlsx"
    assert bounded("consolidate", folder, "-o", out).code == 0
    assert bounded("consolidate", folder, "-o", out).code == 0  # an earlier compilation: no --force


def test_an_existing_file_outside_the_folder_needs_force(folder, tmp_path):
    other = tmp_path / "budget.xlsx"
    shutil.copyfile(folder / "Socialnämnden.xlsx", other)
    before = snapshot(folder, tmp_path)
    refused(bounded("consolidate", folder, "-o", other), "budget.xlsx", "finns redan", "--force")
    assert snapshot(folder, tmp_path) == before
    assert bounded("consolidate", folder, "-o", other, "--force").code == 0
    assert "Inlämning" in openpyxl.load_workbook(other).sheetnames


def test_a_file_in_the_folder_that_could_be_an_input_is_never_written_even_with_force(folder):
    hidden = folder / ".gammal.xlsx"  # hidden: not read (named in Inlämning), a workbook of the user's
    shutil.copyfile(folder / "Socialnämnden.xlsx", hidden)
    before = snapshot(folder)
    for extra in ([], ["--force"]):
        refused(bounded("consolidate", folder, "-o", hidden, *extra), ".gammal.xlsx", "aldrig")
        refused(bounded("consolidate", folder, "-o", folder / "Socialnämnden.xlsx", *extra), "inlämnad arbetsbok")
    assert snapshot(folder) == before


@pytest.mark.parametrize("where", ["default", "out", "docx", "pdf"])
def test_no_write_through_a_planted_link(folder, tmp_path, where):
    victim = tmp_path / "offer.xlsx"
    victim.write_bytes(b"mitt")
    report = tmp_path / "rapport"
    report.mkdir()
    link = {"default": folder / OUT_NAME, "out": tmp_path / "s.xlsx",
            "docx": report / f"{REPORT}.docx", "pdf": report / f"{REPORT}.pdf"}[where]
    link.symlink_to(victim)
    before = snapshot(folder, tmp_path)
    args = ["-o", tmp_path / "s.xlsx"] if where != "default" else []
    refused(bounded("consolidate", folder, *args, "--report", report, "--force"), "symbolisk länk")
    assert snapshot(folder, tmp_path) == before and victim.read_bytes() == b"mitt"


def test_report_naming_a_file_and_out_under_a_file_are_user_errors(folder, tmp_path):
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x", encoding="utf-8")
    before = snapshot(folder, tmp_path)
    refused(bounded("consolidate", folder, "--report", a_file), "fil.txt", "--report ska vara en mapp")
    refused(bounded("consolidate", folder, "-o", a_file / "s.xlsx"), "fil.txt", "är en fil")
    refused(bounded("consolidate", folder, "-o", a_file / "ny" / "s.xlsx"), "fil.txt", "är en fil")
    refused(bounded("consolidate", folder, "--report", a_file / "rapport"), "fil.txt", "är en fil")
    assert snapshot(folder, tmp_path) == before


def test_a_report_file_the_toolkit_did_not_write_needs_force(folder, tmp_path):
    import docx

    report = tmp_path / "rapport"
    report.mkdir()
    mine = docx.Document()
    mine.add_paragraph("Min egen text, redigerad i Word")
    mine.save(report / f"{REPORT}.docx")
    before = snapshot(report)
    out = ["-o", tmp_path / "s.xlsx"]
    refused(bounded("consolidate", folder, *out, "--report", report, "--no-pdf"),
            f"{REPORT}.docx", "inte en rapport som excelreport skrivit", "--force")
    assert snapshot(report) == before and not (tmp_path / "s.xlsx").exists()
    assert bounded("consolidate", folder, *out, "--report", report, "--no-pdf", "--force").code == 0
    # the toolkit's own report of the run before is replaced without --force, as build does
    assert bounded("consolidate", folder, *out, "--report", report, "--no-pdf").code == 0
    assert "Min egen text" not in "\n".join(p.text for p in docx.Document(report / f"{REPORT}.docx").paragraphs)


def test_a_pdf_of_another_program_under_the_reports_name_needs_force(folder, tmp_path):
    from conftest import soffice

    soffice()  # the PDF is made (and so checked) only where LibreOffice is installed
    report = tmp_path / "rapport"
    report.mkdir()
    (report / f"{REPORT}.pdf").write_bytes(b"%PDF-1.4\n% Microsoft Word\n%%EOF\n")
    before = snapshot(report)
    refused(bounded("consolidate", folder, "-o", tmp_path / "s.xlsx", "--report", report),
            f"{REPORT}.pdf", "--force")
    assert snapshot(report) == before
    # without a PDF to write, the file is left as it is
    assert bounded("consolidate", folder, "-o", tmp_path / "s.xlsx", "--report", report, "--no-pdf").code == 0
    assert snapshot(report)[str(report / f"{REPORT}.pdf")] == before[str(report / f"{REPORT}.pdf")]
