"""Row 1 of a sheet named like a result sheet, read as far as it goes (a user's sheet may be
of any size), and the sheets of such names that the toolkit did not write (see ``read.owner``)."""

from __future__ import annotations

import zipfile

from defusedxml import DefusedXmlException

from ..core.errors import UnusableFile
from ..read import owner, xmlsafe
from ..read.grid import Cell, Grid
from .limits import FIRST_ROW_ELEMENTS, MAX_ELEMENTS, MAX_PART_BYTES
from .parts import open_part
from .sheet_reader import C, ROW, SheetReader
from .strings import shared_strings


def foreign_result_sheets(zf: zipfile.ZipFile, parts: list[tuple[str, str]], marked: set[str],
                          rels: dict[str, str]) -> list[str]:
    """The worksheets (name, part) named like a result sheet that the toolkit did not write:
    neither marked nor headed as it writes them (see ``owner``)."""
    return [name for name, part in parts if name in owner.result_names() and name not in marked
            and not owner.legacy_header(name, first_row(zf, part, rels))]


class Enough(Exception):
    """Row 1 is read."""


class FirstRow:
    """Row 1 of a sheet, read as far as it goes (a user's sheet may be of any size)."""

    def __init__(self, zf, part: str, strings: list[tuple[Cell, int]]):
        self.grid = Grid(part)
        self.reader = SheetReader(zf, part, [], self.grid, False, xmlsafe.Budget(FIRST_ROW_ELEMENTS), strings)

    def start(self, name, attrs):
        r = self.reader
        if name == ROW and (int(attrs["r"]) if attrs.get("r") else r.row_no + 1) > 1:
            raise Enough
        r.start(name, attrs)
        if name == C and r.row_no > 1:
            raise Enough

    def read(self) -> None:
        r = self.reader
        try:
            with open_part(r.zf, r.part) as fh:
                xmlsafe.feed(xmlsafe.parser(self.start, r.end, r.texts.chars), fh, MAX_PART_BYTES, r.budget)
        except Enough:
            pass


def first_row(zf: zipfile.ZipFile, part: str, rels: dict[str, str]) -> list:
    """Row 1's values from column A (None where empty); [] when it cannot be told."""
    strings: list[tuple[Cell, int]] = []
    reading = FirstRow(zf, part, strings)
    try:
        reading.read()
        if strings:
            shared = shared_strings(zf, rels, xmlsafe.Budget(MAX_ELEMENTS), max(i for _, i in strings))
            for cell, i in strings:
                cell.value = shared[i]
    except (UnusableFile, xmlsafe.LimitExceeded, xmlsafe.ExpatError, DefusedXmlException, IndexError,
            ValueError):
        return []  # too large, damaged: not one the toolkit wrote
    cells = reading.grid.cells
    if any(cell.formula for cell in cells.values()):
        return []
    last = max((c for _, c in cells), default=0)
    return [cells[(1, c)].value if (1, c) in cells else None for c in range(1, last + 1)]
