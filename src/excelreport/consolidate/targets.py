"""Where the compilation may be written, checked before anything is: never over a file that
was or could have been an input, never through a symbolic link planted under an output's
name, never over another existing file outside the folder without ``--force``; ``-o`` under
a file and ``--report`` naming a file are the user's mistakes; a report file there that the
toolkit did not write is replaced only with ``--force``. Each refusal is an
ExcelReportError (exit 2) naming the file and what to do."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import ExcelReportError
from ..core.folder import is_compilation, shown
from ..report.own import own_docx, own_pdf


def _under_a_file(path: Path, what: str) -> None:
    """The nearest existing folder of ``path`` must be a folder (it is created below it)."""
    for parent in path.parents:
        if parent.is_symlink() and not parent.exists():
            raise ExcelReportError(f"{parent} är en symbolisk länk till något som inte finns; {what} "
                                   "kan inte skrivas där. Ange en annan sökväg.")
        if parent.exists():
            if not parent.is_dir():
                raise ExcelReportError(f"{parent} är en fil, inte en mapp; {what} kan inte skrivas "
                                       f"under den. Ange en annan sökväg.")
            return


def _no_link(path: Path) -> None:
    if path.is_symlink():
        raise ExcelReportError(f"{shown(str(path))} är en symbolisk länk; sammanställningen skrivs aldrig "
                               "genom en länk (den kunde peka på en annan fil). Ta bort länken eller "
                               "ange ett annat namn.")
    if path.is_dir():
        raise ExcelReportError(f"{shown(str(path))} är en mapp; ange en fil.")


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names (a link, a hard link); a link in a loop is no file."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link in a loop (Python < 3.13)
        return False
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_out(out: Path, inputs: list[Path], folder: Path, force: bool) -> None:
    """``-o``: a new .xlsx, an earlier compilation, or (``force``) another file outside the
    folder; never an input, a link or a path under a file."""
    if out.suffix.lower() != ".xlsx":
        raise ExcelReportError(f"{shown(out.name)}: sammanställningen skrivs som .xlsx; ange -o NAMN.xlsx.")
    _no_link(out)
    _under_a_file(out, "sammanställningen")
    for p in inputs:
        if _same_file(out, p):
            raise ExcelReportError(f"{shown(str(out))} är en av arbetsböckerna i mappen; sammanställningen får "
                                   "aldrig skriva över en inlämnad arbetsbok. Ange ett annat namn med -o.")
    if not out.exists() or is_compilation(out):
        return
    if out.resolve().parent == folder.resolve():
        raise ExcelReportError(f"{shown(str(out))} finns redan i mappen och är ingen sammanställning: den "
                               "kunde vara en inlämnad arbetsbok och skrivs aldrig över. Ange ett annat namn med -o.")
    if not force:
        raise ExcelReportError(f"{shown(str(out))} finns redan och är ingen sammanställning; använd --force "
                               "för att skriva över den, eller ange ett annat namn med -o.")


def check_report_dir(report_dir: Path) -> None:
    """``--report``: a folder (created when missing), not a file."""
    if report_dir.exists() and not report_dir.is_dir():
        raise ExcelReportError(f"{shown(str(report_dir))} är en fil; --report ska vara en mapp för "
                               "sammanställningens rapport.")
    _under_a_file(report_dir, "rapporten")


def check_default(target: Path) -> None:
    """``FOLDER/Sammanställning <Period> <År>.xlsx``: new or an earlier compilation; a
    workbook of the user's under that name was read as an input and is never written over."""
    _no_link(target)
    if target.exists() and not is_compilation(target):
        raise ExcelReportError(
            f"{shown(str(target))} finns redan och är ingen sammanställning som excelreport skrivit (den "
            "lästes som en inlämnad arbetsbok); den skrivs aldrig över. Byt namn på den, eller ange "
            "sammanställningens namn med -o.")


def check_report_files(docx: Path, making_pdf: bool, force: bool) -> None:
    """The report's .docx and .pdf: no link planted under their names, no folder; an existing
    file that is written (the PDF only when ``making_pdf``) and that the toolkit did not write
    (a report edited and saved in Word, a PDF of another program, any other file of that
    name) is replaced only with ``force``. The toolkit's own report of an earlier run is
    replaced, as ``build`` does."""
    pdf = docx.with_suffix(".pdf")
    for path in (docx, pdf):
        _no_link(path)
        if force or not path.exists() or (path == pdf and not making_pdf):
            continue
        own = own_docx(path) if path == docx else own_pdf(path, docx.stem)
        if not own:
            raise ExcelReportError(
                f"{shown(str(path))} finns redan och är inte en rapport som excelreport skrivit (den "
                "kan vara redigerad och sparad i Word, eller en annan fil med samma namn); den skrivs "
                "inte över. Flytta eller byt namn på den, ange en annan mapp med --report, eller använd "
                "--force för att skriva över den. Ingenting har skrivits.")
