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
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden in Excel (also filtered, grouped)
    hidden_cols: set[int] = field(default_factory=set)
    covered: set[tuple[int, int]] = field(default_factory=set)  # merged cells other than the top-left

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


_LITERAL = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].')  # quoted text, [Red], \x, _x (space), *x (fill)
_SCALING = re.compile(r"[0#?.](,+)(?=[^0#?]*$)")  # commas after the last digit placeholder


def format_sections(fmt: str) -> list[str]:
    """A number format's sections (positive; negative; zero; text), ``;`` in quotes kept."""
    sections, current, i = [], "", 0
    text = fmt or ""
    while i < len(text):
        ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end + 1
            current, i = current + text[i:end], end
            continue
        if ch == "\\" and i + 1 < len(text):
            current, i = current + text[i:i + 2], i + 2
            continue
        if ch == ";":
            sections.append(current)
            current = ""
        else:
            current += ch
        i += 1
    return sections + [current]


@lru_cache(maxsize=1024)
def format_scale(fmt: str, sign: int) -> int | None:
    """How many times a number format divides by 1000 for a number of ``sign`` (1, -1, 0):
    ``#,##0,`` shows thousands (1), ``0,,"mn"`` millions (2); commas between digit
    placeholders, escaped (``\\,``) or quoted ones do not scale. None when sections chosen by
    a condition (``[>=1000]``) scale differently: which one applies is not told by the sign."""
    sections = format_sections(fmt)[:3]
    scales = [_section_scale(s) for s in sections]
    if any(_CONDITION.search(s) for s in sections) and len(set(scales)) > 1:
        return None
    if sign < 0 and len(scales) > 1:
        return scales[1]
    if sign == 0 and len(scales) > 2:
        return scales[2]
    return scales[0]


_CONDITION = re.compile(r"\[[<>=]")


def _section_scale(section: str) -> int:
    bare = _LITERAL.sub("", section)
    if not bare or bare.lower() == "general":
        return 0
    m = _SCALING.search(bare)
    return len(m.group(1)) if m else 0
