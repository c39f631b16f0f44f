"""The workbook carries its profile: a visible, protected sheet ``Profil`` holding the
profile's TOML in column A under a title and a help line, up to 25 lines in a cell (few
cells: reading them costs little).

Plain cell text survives open-and-save in LibreOffice Calc and Excel (no custom XML part,
which Calc drops; no very hidden sheet). A workbook without the sheet follows ``standard``;
a sheet ``Profil`` whose first cell is not the title is the user's own and is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import ProfileError
from .names import SHIPPED, STANDARD

if TYPE_CHECKING:  # the reader's grids, duck-typed here: the profile sits below the reader
    from ..read.grid import WorkbookGrids
    from .schema import Profile

SHEET = "Profil"
TITLE = "Kommunprofil"
HELP = ("Profilen som arbetsboken följer (skriven av excelreport new --profil). Verktyget läser "
        "den härifrån; ändra den inte i arbetsboken. Bladet är skrivskyddat.")
FIRST_LINE = 5  # 1-based row of the TOML's first line
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
MAX_CELL_LINES = 25  # lines in one cell: its row stays within Excel's greatest row height


@dataclass(frozen=True)
class Carried:
    """The profile a workbook carries, and whether it is a shipped one, byte for byte."""

    profile: "Profile"
    shipped: bool

    @property
    def label(self) -> str:
        return f"{self.profile.name}, version {self.profile.version}"


def _normal(text: str) -> str:
    """The TOML as the sheet holds it: lines without a trailing carriage return, blank
    lines at the end dropped (a saved sheet ends at its last filled row)."""
    return "\n".join(line.rstrip("\r") for line in text.split("\n")).rstrip("\n") + "\n"


def same_text(a: bytes, b: bytes) -> bool:
    """Two profiles' TOML are the same text as the sheet ``Profil`` holds them."""
    return _normal(a.decode("utf-8-sig", "replace")) == _normal(b.decode("utf-8-sig", "replace"))


def carrier_rows(raw: bytes) -> list[list[str]]:
    """The TOML's lines as the sheet's rows: consecutive lines share a cell up to
    ``MAX_CELL_LINES`` lines (and Excel's characters per cell); a cell starts and ends with a
    non-blank line, so blank lines between two cells are empty rows."""
    rows: list[list[str]] = []
    current: list[str] = []
    blank = 0
    for line in _normal(raw.decode("utf-8-sig")).split("\n")[:-1]:
        if not line:
            blank += 1
            continue
        grown = current + [""] * blank + [line]
        if current and len(grown) <= MAX_CELL_LINES and sum(map(len, grown)) + len(grown) <= MAX_CELL_CHARS:
            current = grown
        else:
            rows += ([current] if current else []) + [[] for _ in range(blank)]
            current = [line]
        blank = 0
    return rows + ([current] if current else [])


def write_sheet(wb, raw: bytes, profile: "Profile", source: str) -> None:
    """Add the visible, protected ``Profil`` sheet to an XlsxWriter workbook; a TOML line too
    long for a cell is a ProfileError."""
    from .errors import Fault

    rows = carrier_rows(raw)
    too_long = [n for n, line in enumerate((ln for r in rows for ln in (r or [""])), 1)
                if len(line) > MAX_CELL_CHARS]
    if too_long:
        raise ProfileError(source, [Fault(n, "", f"raden är längre än {MAX_CELL_CHARS} tecken, som en "
                                                 "cell rymmer") for n in too_long])
    ws = wb.add_worksheet(SHEET)
    title = wb.add_format({"bold": True, "font_size": 14})
    muted = wb.add_format({"italic": True, "font_color": "#595959"})
    code = wb.add_format({"font_name": "Courier New", "text_wrap": True, "valign": "top"})
    ws.write_string(0, 0, TITLE, title)
    ws.write_string(1, 0, HELP, muted)
    ws.write_string(2, 0, f"{profile.name}, version {profile.version}", muted)
    ws.set_column(0, 0, 110)
    for n, lines in enumerate(rows):
        if lines:
            ws.write_string(FIRST_LINE - 1 + n, 0, "\n".join(lines), code)
            ws.set_row(FIRST_LINE - 1 + n, min(409, 15 * len(lines)))
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _cells(book: "WorkbookGrids") -> list[tuple[int, str]] | None:
    """Each row of a workbook's ``Profil`` sheet below the help, with its text; None without
    such a sheet (or when it is the user's own)."""
    grid = book.sheets.get(SHEET)
    if grid is None or grid.get(1, 1).value != TITLE:
        return None
    out = []
    for row in range(FIRST_LINE, grid.max_row + 1):
        value = grid.get(row, 1).value
        out.append((row, "" if value is None else str(value).replace("\r\n", "\n")))
    return out


def _shipped_texts() -> dict[str, str]:
    from .loader import shipped_text

    if not _SHIPPED_TEXTS:
        _SHIPPED_TEXTS.update({_normal(shipped_text(n).decode("utf-8")): n for n in SHIPPED})
    return _SHIPPED_TEXTS


_SHIPPED_TEXTS: dict[str, str] = {}


def carried_text(book: "WorkbookGrids") -> bytes:
    """The TOML the workbook's sheet ``Profil`` holds (a workbook that carries a profile)."""
    return _normal("\n".join(t for _, t in _cells(book) or [])).encode("utf-8")


def carried(book: "WorkbookGrids") -> Carried | None:
    """The profile the workbook carries (None: it follows ``standard``). A faulty one is a
    ProfileError naming each fault's cell on the sheet ``Profil``. A text read before in this
    process is not parsed again (a folder's workbooks, or read then checked, carry the same)."""
    cells = _cells(book)
    if cells is None:
        return None
    raw = "\n".join(t for _, t in cells)
    found = _CARRIED.get(raw)
    if found is None:
        found = _load(raw, cells, f"{Path(book.path).name or 'arbetsboken'}")
        if len(_CARRIED) >= MAX_CACHED:
            _CARRIED.clear()
        _CARRIED[raw] = found
    return found


MAX_CACHED = 16  # profile texts remembered per process (each at most loader.MAX_BYTES)
_CARRIED: dict[str, Carried] = {}


def _load(raw: str, cells: list[tuple[int, str]], source: str) -> Carried:
    # Only a workbook that carries a profile pays for the profile's modules.
    from .loader import load_text, shipped

    text = _normal(raw)
    name = _shipped_texts().get(text)
    if name is not None:
        return Carried(shipped(name), True)
    try:
        return Carried(load_text(text.encode("utf-8"), source), False)
    except ProfileError as exc:
        lines = [(row, n, t.count("\n") > 0) for row, t in cells for n in range(1, t.count("\n") + 2)]
        raise ProfileError(source, [_in_sheet(f, lines) for f in exc.faults], sheet=SHEET) from None


def _in_sheet(fault, lines: list[tuple[int, int, bool]]):
    """A fault of the TOML's line n as a fault of its cell (row, line in the cell)."""
    from .errors import Fault

    row, in_cell, several = lines[min(fault.line, len(lines)) - 1] if lines else (FIRST_LINE, 1, False)
    return Fault(row, fault.path, fault.message, in_cell if several else 0)


def is_standard(found: Carried | None) -> bool:
    """The workbook follows the shipped ``standard`` (carried byte for byte, or not at all)."""
    return found is None or (found.shipped and found.profile.name == STANDARD)
