"""The finansförvaltning's button *Sammanställ nämnderna*: consolidate the workbook's
folder and write the compilation workbook and report beside it (called by ``button.run``).

The live book is used as Excel shows it (unsaved edits included); the other workbooks of
the folder are read from their files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..core.errors import ExcelReportError
from ..core.folder import entry_problem
from . import consolidate
from .collect import Submission, figures_of, read_one

OK, FEL_FOUND = "ok", "fel"


def consolidate_book(book, checked, pdf: bool | None = None) -> tuple[str, str, list[Path]]:
    """(result, message, files) for the button's status cells."""
    path = Path(str(book.fullname))
    if "://" in str(book.fullname) or not path.is_absolute():
        raise ExcelReportError("Arbetsboken måste vara sparad i en mapp på datorn eller servern "
                               "(inte bara i molnet) för att mappen ska kunna sammanställas.")
    folder = path.parent

    def live_or_file(p: Path) -> Submission:
        if p != path and (entry_problem(p) or p.resolve() != path.resolve()):
            return read_one(p)  # another file, or an entry that is no file (named as such)
        saved = dt.datetime.fromtimestamp(p.stat().st_mtime).replace(microsecond=0) if p.exists() else None
        return Submission(p, saved, checked.report.info, checked.findings,
                          figures_of(checked.report, checked.results))

    done = consolidate(folder, report_dir=folder, pdf=pdf, reader=live_or_file, extra_inputs=[path])
    files = [p for p in (done.workbook, done.docx, done.pdf) if p is not None]
    comp = done.compilation
    fel = sum(f.severity == "Fel" for f in comp.findings)
    warn = sum(f.severity == "Varning" for f in comp.findings)
    if done.exit_code:
        return (FEL_FOUND, f"Sammanställningen har {fel} fel: nämnder med fel ingår inte i summorna och "
                f"ingen rapport skapades. Se bladen Inlämning och Kontroll i {done.workbook.name}.", files)
    note = " Ingen PDF: LibreOffice är inte installerat (spara som PDF från Word)." if done.pdf_problem else ""
    return (OK, f"Klart: {len(comp.boards)} nämnder sammanställda, {warn} varningar. Sammanställningen "
            f"och rapporten ligger bredvid arbetsboken.{note}", files)
