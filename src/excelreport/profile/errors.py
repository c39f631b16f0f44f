"""The profile's own definition error: every fault of one profile file, with its line."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import ExcelReportError


@dataclass(frozen=True)
class Fault:
    """One fault of a profile: the line, the key path (``drift[1].rader[3].typ``), what is wrong."""

    line: int  # in a workbook's sheet: the row
    path: str
    message: str
    cell_line: int = 0  # in a workbook's sheet: the line in the cell, when it holds several

    def text(self, source: str, sheet: str = "") -> str:
        """``fil.toml:12: nyckel: …``; in a workbook's sheet ``fil.xlsx: Profil!A16: …``."""
        where = f"{source}:{self.line}"
        if sheet:
            where = f"{source}: {sheet}!A{self.line}" + (f" rad {self.cell_line}" if self.cell_line else "")
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ProfileError(ExcelReportError):
    """A profile cannot be used: it is not TOML, too large, or breaks the profile's rules."""

    def __init__(self, source: str, faults: list[Fault], sheet: str = ""):
        self.source, self.sheet = source, sheet
        self.faults = sorted(faults, key=lambda f: f.line)
        count = len(self.faults)
        what = f"Profilen i {source}" if sheet else f"Profilen {source}"
        head = f"{what} har {count} fel"
        super().__init__(head + ":\n" + "\n".join("  " + f.text(source, sheet) for f in self.faults))
