"""Grids of cells: what every reader (file or live Excel) hands to validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Union


@dataclass(frozen=True, slots=True)
class CellError:
    """An Excel error value such as ``#DIV/0!``."""

    code: str


CellValue = Union[str, Decimal, bool, CellError, None]


@dataclass(slots=True)
class Cell:
    value: CellValue
    number_format: str = "General"
    formula: bool = False  # holds a formula; value None then means "no cached value"
    text: str = ""  # the formula's text, when it has one (``B5+B6``)

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


EMPTY = Cell(None)


@dataclass
class Grid:
    """One sheet: cells by (row, column), both 1-based."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    hidden: bool = False

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def get(self, row: int, col: int) -> Cell:
        return self.cells.get((row, col), EMPTY)

    def row_values(self, row: int, max_col: int | None = None) -> list[Cell]:
        return [self.get(row, c) for c in range(1, (max_col or self.max_col) + 1)]


@dataclass
class WorkbookGrids:
    """All sheets of a workbook in their order."""

    sheets: dict[str, Grid]
    path: str = ""
    lock_file: str = ""  # an owner file beside it: the workbook is open in Excel/LibreOffice
    foreign_results: list[str] = field(default_factory=list)  # the user's sheets named as result sheets


@lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_REF = re.compile(r"([A-Z]+)(\d+)")


@lru_cache(maxsize=65536)  # a workbook's sheets share their cell references
def parse_ref(ref: str) -> tuple[int, int]:
    """``"C5"`` → ``(5, 3)``."""
    m = _REF.fullmatch(ref.replace("$", "").upper())
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def address(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


@lru_cache(maxsize=1024)  # a workbook has a few dozen formats
def is_percent_format(fmt: str) -> bool:
    return "%" in _QUOTED.sub("", fmt or "")


@lru_cache(maxsize=1024)
def is_date_format(fmt: str) -> bool:
    bare = _QUOTED.sub("", fmt or "").lower()
    return bool(bare) and bare != "general" and any(ch in bare for ch in "dmyhs") and "0" not in bare
