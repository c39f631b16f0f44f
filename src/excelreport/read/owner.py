"""Which sheets named like a result sheet the toolkit wrote: only those are ever replaced or removed.

The mark is a defined name of the sheet's own scope, ``Resultatblad_excelreport``, whose value
says what it is (Excel: Formler → Namnhanterare; LibreOffice: Blad → Namngivna områden); it
moves with the sheet, survives Excel's and LibreOffice's open-and-save, and goes when the
sheet is deleted. Result sheets written before the mark existed (and by the button) are
known by their header row, exactly as the toolkit wrote it: the contract's column labels
in row 1 from A, and nothing else in that row. Any other sheet of such a name is the user's.
"""

from __future__ import annotations

from .. import contract as C

MARK_NAME = "Resultatblad_excelreport"
MARK_VALUE = '"Skrivet av excelreport; bladet skrivs om vid varje körning"'
MAX_SHEET_NAME = 31  # Excel's limit


def result_names() -> frozenset[str]:
    return frozenset(C.ALL_RESULT_SHEET_NAMES)


def is_mark(name: str | None) -> bool:
    """A defined name that marks a result sheet (Excel compares names without case)."""
    return (name or "").casefold() == MARK_NAME.casefold()


def marked_sheets(sheets: list[str], defined) -> set[str]:
    """The sheets (names in workbook order) that carry the mark, from the workbook's
    defined names as (name, localSheetId) pairs."""
    out = set()
    for name, local in defined:
        if is_mark(name) and (local or "").strip().isdigit() and int(local) < len(sheets):
            out.add(sheets[int(local)])
    return out


def legacy_header(sheet: str, row: list[str | None]) -> bool:
    """Row 1 of ``sheet`` (texts from column A on, None for an empty cell) is the header
    the toolkit writes for that result sheet."""
    specs = {s.name: s for s in (*C.RESULT_SHEETS, C.RESULT_FINANSIERING, *C.CONDITIONAL_RESULT_SHEETS)}
    spec = specs.get(sheet)
    if spec is not None and spec.followups_after:  # one column per earlier follow-up in between
        cols, at = spec.columns, spec.columns.index(spec.followups_after) + 1
        return (len(row) >= len(cols) and tuple(row[:at]) == cols[:at]
                and tuple(row[len(row) - len(cols) + at:]) == cols[at:]
                and all(isinstance(v, str) and v for v in row))
    return spec is not None and tuple(row) == spec.columns


def rename_hint(name: str, taken) -> str:
    """A free name the user's sheet can take: ``Kontroll (egen)``, ``Kontroll (egen 2)`` …"""
    used = {t.casefold() for t in taken}
    n = 1
    while True:
        tail = " (egen)" if n == 1 else f" (egen {n})"
        candidate = name[:MAX_SHEET_NAME - len(tail)].rstrip() + tail
        if candidate.casefold() not in used:
            return candidate
        n += 1


def foreign_message(name: str, taken) -> str:
    """The ``Fel`` for a sheet of the user's that carries a result sheet's name."""
    return (f"Bladet '{name}' heter som ett av verktygets resultatblad men är inte skrivet av "
            "excelreport (det saknar namnet Resultatblad_excelreport och resultatbladets rubrikrad); "
            "run och build skriver aldrig över eller tar bort det. Byt namn på bladet, t.ex. till "
            f"'{rename_hint(name, taken)}', och kör igen.")


def result_name_clashes(names) -> list[tuple[str, str]]:
    """(user sheet, result sheet) pairs that Excel takes for one name: ``KONTROLL`` and
    ``Kontroll`` (Excel compares sheet names without regard to case)."""
    results = {n.casefold(): n for n in C.ALL_RESULT_SHEET_NAMES}
    return [(n, results[n.casefold()]) for n in names
            if n.casefold() in results and n != results[n.casefold()]]


def clash_message(name: str, result: str) -> str:
    return (f"Bladet '{name}' har samma namn som resultatbladet '{result}' för Excel, som inte skiljer "
            f"på stora och små bokstäver; '{result}' kan inte skrivas bredvid det. Byt namn på '{name}'.")
