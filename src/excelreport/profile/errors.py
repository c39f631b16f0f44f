"""A fault of a profile file: its line, key path and message (``errors.ProfileError`` carries
them all)."""

from __future__ import annotations

from dataclasses import dataclass


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
