"""The second button, *Importera och skapa rapport*: import the ledger files the workbook
names, then build as the first button does.

``Info!Importfiler`` lists the files (separated by ``;`` or new lines), each relative to the
workbook's folder or absolute. The field is untrusted text: it names files to read, nothing
else — a path that is a link, a folder, missing or unreadable is refused with a Swedish
message before anything is read or written. The import itself is ``excelreport import``'s
plan (``importing.plan_import``): a ``Fel`` stops the click and nothing is written; else the
planned cells are written into the live workbook, which the first button's run then reads.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

from ..check import Validator
from ..core.errors import ExcelReportError
from ..core.findings import FEL, counted
from ..read.grid import WorkbookGrids

FIELD = "Importfiler"
MAX_FILES = 20
_SEPARATORS = re.compile(r"[;\r\n]+")


def field_text(grids: WorkbookGrids) -> str:
    """The text beside ``Importfiler`` on Info, or ""."""
    from ..app.importing import info_text

    return info_text(Validator(grids), FIELD)[0]


def ledger_paths(text: str, folder: Path) -> list[Path]:
    """The files ``text`` names, resolved against ``folder``; refused in Swedish when one
    is not a plain, readable file."""
    names = [n.strip().strip('"').strip() for n in _SEPARATORS.split(text or "")]
    names = [n for n in names if n]
    if not names:
        raise ExcelReportError(f"Fältet {FIELD} på bladet Info är tomt: skriv redovisningsfilerna som "
                               "ska importeras (t.ex. redovisning\\ks-2023.se; redovisning\\ks-2022.se), "
                               "eller använd knappen Kontrollera och skapa rapport.")
    if len(names) > MAX_FILES:
        raise ExcelReportError(f"Fältet {FIELD} nämner {len(names)} filer; högst {MAX_FILES}.")
    return [_checked(name, folder) for name in names]


def _checked(name: str, folder: Path) -> Path:
    path = Path(name) if Path(name).is_absolute() else folder / name
    where = f"{FIELD} på bladet Info: '{name}'"
    if any(p.is_symlink() for p in (path, *path.parents) if p != p.parent) or _is_junction(path):
        raise ExcelReportError(f"{where} är en länk; skriv sökvägen till själva filen.")
    if not path.exists():
        raise ExcelReportError(f"{where} finns inte (sökt i {path.parent}).")
    if not path.is_file():
        raise ExcelReportError(f"{where} är ingen fil.")
    if not os.access(path, os.R_OK):
        raise ExcelReportError(f"{where} kan inte läsas (behörighet).")
    return path


def _is_junction(path: Path) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Python 3.12
    return bool(is_junction and is_junction(path))


def import_into(book, grids: WorkbookGrids) -> str:
    """Import the named files into the live ``book``; the summary for the status cell.
    Raises ExcelReportError (nothing written) on a refusal or a ``Fel``."""
    from ..app.importing import plan_import

    folder = Path(book.fullname).parent
    paths = ledger_paths(field_text(grids), folder)
    outcome, cells = plan_import(grids, paths)
    errors = [f for f in outcome.findings if f.severity == FEL]
    if errors:
        more = f" (och {len(errors) - 1} fel till; kör excelreport import --visa för alla)" if len(errors) > 1 else ""
        raise ExcelReportError(f"Importen stoppades, inget skrevs: {errors[0].message}{more}")
    for sheet, values in cells.items():
        live = book.sheets[sheet]
        for (row, col), value in sorted(values.items()):
            live.range((row, col)).value = float(value) if isinstance(value, Decimal) else value
    return f"Importerat ur {', '.join(p.name for p in paths)}: {counted(len(outcome.changes), 'cell ändrad', 'celler ändrade')}."
