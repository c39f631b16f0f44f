"""The workbook carries its profile: a visible, protected sheet ``Profil`` holding the
profile's TOML, one line per row in column A, under a title and a help line.

Plain cell text survives open-and-save in LibreOffice Calc and Excel (no custom XML part,
which Calc drops; no very hidden sheet). A workbook without the sheet follows ``standard``;
a sheet ``Profil`` whose first cell is not the title is the user's own and is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from .errors import Fault, ProfileError
from .load import SHIPPED, STANDARD, load_text, shipped, shipped_text
from .schema import Profile

if TYPE_CHECKING:  # the reader's grids, duck-typed here: the profile sits below the reader
    from ..read.grid import WorkbookGrids

SHEET = "Profil"
TITLE = "Kommunprofil"
HELP = ("Profilen som arbetsboken följer (skriven av excelreport new --profil). Verktyget läser "
        "den härifrån; ändra den inte i arbetsboken. Bladet är skrivskyddat.")
FIRST_LINE = 5  # 1-based row of the TOML's first line
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell


@dataclass(frozen=True)
class Carried:
    """The profile a workbook carries, and whether it is a shipped one, byte for byte."""

    profile: Profile
    shipped: bool

    @property
    def label(self) -> str:
        return f"{self.profile.name}, version {self.profile.version}"


def _normal(text: str) -> str:
    """The TOML as the sheet holds it: lines without a trailing carriage return, blank
    lines at the end dropped (a saved sheet ends at its last filled row)."""
    return "\n".join(line.rstrip("\r") for line in text.split("\n")).rstrip("\n") + "\n"


def carrier_lines(raw: bytes, source: str) -> list[str]:
    """The TOML's lines for the sheet; a line too long for a cell is a ProfileError."""
    lines = _normal(raw.decode("utf-8-sig")).split("\n")[:-1]
    faults = [Fault(n, "", f"raden är {len(line)} tecken lång; en cell rymmer högst {MAX_CELL_CHARS}")
              for n, line in enumerate(lines, 1) if len(line) > MAX_CELL_CHARS]
    if faults:
        raise ProfileError(source, faults)
    return lines


def write_sheet(wb, raw: bytes, profile: Profile, source: str) -> None:
    """Add the visible, protected ``Profil`` sheet to an XlsxWriter workbook."""
    lines = carrier_lines(raw, source)
    ws = wb.add_worksheet(SHEET)
    title = wb.add_format({"bold": True, "font_size": 14})
    muted = wb.add_format({"italic": True, "font_color": "#595959"})
    code = wb.add_format({"font_name": "Courier New", "locked": True})
    ws.write_string(0, 0, TITLE, title)
    ws.write_string(1, 0, HELP, muted)
    ws.write_string(2, 0, f"{profile.name}, version {profile.version}", muted)
    ws.set_column(0, 0, 110)
    for n, line in enumerate(lines):
        if line:
            ws.write_string(FIRST_LINE - 1 + n, 0, line, code)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def sheet_text(book: "WorkbookGrids") -> str | None:
    """The TOML a workbook's ``Profil`` sheet holds, or None (no such sheet, or the user's own)."""
    grid = book.sheets.get(SHEET)
    if grid is None or grid.get(1, 1).value != TITLE:
        return None
    lines = []
    for row in range(FIRST_LINE, grid.max_row + 1):
        value = grid.get(row, 1).value
        lines.append("" if value is None else str(value))
    return _normal("\n".join(lines))


def _shipped_texts() -> dict[str, str]:
    if not _SHIPPED_TEXTS:
        _SHIPPED_TEXTS.update({_normal(shipped_text(n).decode("utf-8")): n for n in SHIPPED})
    return _SHIPPED_TEXTS


_SHIPPED_TEXTS: dict[str, str] = {}


def carried(book: "WorkbookGrids") -> Carried | None:
    """The profile the workbook carries (None: it follows ``standard``). A faulty one is a
    ProfileError naming each fault's cell on the sheet ``Profil``."""
    text = sheet_text(book)
    if text is None:
        return None
    name = _shipped_texts().get(text)
    if name is not None:
        return Carried(shipped(name), True)
    source = f"{Path(book.path).name or 'arbetsboken'}"
    try:
        return Carried(load_text(text.encode("utf-8"), source), False)
    except ProfileError as exc:
        faults = [Fault(f.line + FIRST_LINE - 1, f.path, f.message) for f in exc.faults]
        raise ProfileError(source, faults, sheet=SHEET) from None


def is_standard(found: Carried | None) -> bool:
    """The workbook follows the shipped ``standard`` (carried byte for byte, or not at all)."""
    return found is None or (found.shipped and found.profile.name == STANDARD)
