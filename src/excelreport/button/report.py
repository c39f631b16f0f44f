"""The report the button writes: the folder ``Rapport`` beside the workbook (the documents
folder for a workbook in the cloud), refused when it or a report file there is a link, and
the Word report (and PDF) named from Info as ``excelreport build`` names it."""

from __future__ import annotations

import os
from pathlib import Path

from ..app.reporting import report_checked
from ..core.errors import ExcelReportError
from ..core.names import report_name

REPORT_FOLDER = "Rapport"


def report_folder(book) -> Path:
    """The folder ``Rapport`` beside the workbook (the documents folder for a cloud book)."""
    full = str(book.fullname)
    if "://" in full or not os.path.isabs(full):
        base = Path.home() / "Documents" / "excelreport"
    else:
        base = Path(full).parent / REPORT_FOLDER
    return base


def check_report_targets(checked, book) -> None:
    """Refuse a ``Rapport`` beside the workbook that is not a plain folder, and a report file
    there that is a link: the button writes through neither (anyone who can write in the
    workbook's folder could plant them)."""
    folder = report_folder(book)
    shown = f"'{folder.name}' bredvid arbetsboken" if folder.name == REPORT_FOLDER else str(folder)
    if _is_link(folder):
        raise ExcelReportError(f"Knappen skriver ingen rapport: {shown} är en länk (till "
                               f"{os.path.realpath(folder)}), inte en mapp. Ta bort länken och tryck "
                               "på knappen igen; inget har skrivits.")
    if folder.exists() and not folder.is_dir():
        raise ExcelReportError(f"Knappen skriver ingen rapport: {shown} är en fil, inte en mapp, och "
                               "rapporten läggs i en mapp med det namnet. Döp om eller flytta filen "
                               "och tryck på knappen igen; inget har skrivits.")
    docx = folder / f"{report_name(checked.report.info)}.docx"
    for target in (docx, docx.with_suffix(".pdf")):
        if _is_link(target) or (target.exists() and not target.is_file()):
            what = "en länk" if _is_link(target) else "ingen vanlig fil"
            raise ExcelReportError(f"Knappen skriver ingen rapport: '{folder.name}/{target.name}' är "
                                   f"{what}, och knappen skriver inte genom den. Ta bort den och tryck "
                                   "på knappen igen; inget har skrivits.")


def _is_link(path: Path) -> bool:
    """A symbolic link or (Windows) a junction."""
    return path.is_symlink() or bool(getattr(os.path, "isjunction", lambda _: False)(path))


def write_report(checked, book, pdf: bool | None = None) -> tuple[list[Path], str]:
    """The Word report (and the PDF when LibreOffice is installed) in the folder ``Rapport``
    beside the workbook, named from Info as ``excelreport build`` names it."""
    folder = report_folder(book)
    folder.mkdir(parents=True, exist_ok=True)
    outcome = report_checked(checked, folder / f"{report_name(checked.report.info)}.docx", pdf=pdf)
    return [p for p in (outcome.docx, outcome.pdf) if p is not None], outcome.pdf_problem
