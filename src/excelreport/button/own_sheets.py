"""Which sheets of the live book the button may replace or remove: only the toolkit's own.

The same rule as the file path (``read.owner``): a sheet named like a result sheet is the
toolkit's when it carries the sheet-scoped defined name ``Resultatblad_excelreport`` or,
written before the mark existed, has exactly the toolkit's header row in row 1. Any other
is the user's: the button refuses before it writes anything. The sheets it writes get the
mark through xlwings' ``book.names.add("'Blad'!Resultatblad_excelreport", …)``, the way
Excel names a sheet-scoped name.
"""

from __future__ import annotations

import re

from ..core.errors import ExcelReportError
from ..read import owner

_PLAIN_SHEET = re.compile(r"[^\W\d]\w*(\.\w+)*")  # a sheet name Excel writes without quotes


def scoped(sheet: str, name: str) -> str:
    """``name`` of ``sheet``'s scope as Excel writes it: ``Kontroll!X``, ``'Resultat Drift'!X``."""
    quoted = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{name}"


def _scope(full: str) -> tuple[str | None, str]:
    """(sheet, name) of a defined name as Excel lists it; sheet None for the book's scope."""
    sheet, sep, name = full.rpartition("!")
    if not sep:
        return None, full
    if len(sheet) > 1 and sheet[0] == sheet[-1] == "'":
        sheet = sheet[1:-1].replace("''", "'")
    return sheet, name


def marked(book) -> set[str]:
    """The names (as Excel compares them, casefolded) of the sheets that carry the mark."""
    out = set()
    for defined in book.names:
        sheet, name = _scope(str(defined.name))
        if sheet is not None and owner.is_mark(name):
            out.add(sheet.casefold())
    return out


def _first_row(sheet) -> list:
    """Row 1's values from column A as far as the used range goes (None where empty)."""
    used = sheet.used_range
    if used.row > 1:
        return []
    last = used.column + used.shape[1] - 1
    row = sheet.range((1, 1), (1, last)).options(ndim=2).value[0]
    while row and row[-1] is None:
        row.pop()
    return row


def foreign(book, results: tuple[str, ...] = ()) -> list[str]:
    """The sheets named like a result sheet (the contract's, or ``results``: a profile's own)
    that the toolkit did not write."""
    mine = marked(book)
    names = owner.result_names() | set(results)
    return [s.name for s in book.sheets if s.name in names
            and s.name.casefold() not in mine and not owner.legacy_header(s.name, _first_row(s))]


def refuse_foreign(book, results: tuple[str, ...] = ()) -> None:
    """An ExcelReportError naming each of the user's sheets and a free name for it, before
    anything is written."""
    names = foreign(book, results)
    if names:
        taken = [s.name for s in book.sheets]
        raise ExcelReportError("Knappen skriver inga resultatblad: " + " ".join(
            owner.foreign_message(n, taken) for n in names) + " Inget har ändrats.")


def mark(book, sheet) -> None:
    """Give ``sheet`` the toolkit's mark (a no-op when it has it)."""
    if sheet.name.casefold() not in marked(book):
        book.names.add(scoped(sheet.name, owner.MARK_NAME), "=" + owner.MARK_VALUE)
