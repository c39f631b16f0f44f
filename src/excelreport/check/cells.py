"""The cells of an input table as the checks read them: labels compared, the decimals of a
number format, a located table, and numbers and texts as a message shows them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .. import contract as C
from ..core.numbers import plain
from ..read.grid import Cell, Grid, address

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (past Excel's 1900 leap bug)
HEADER_SEARCH_ROWS = 1000  # the header row is looked for this far down
_WS = re.compile(r"\s+")


def norm(label: object) -> str:
    """A label as compared: whitespace folded, a spaced hyphen read as an en dash."""
    text = str(label)
    return _norm_label(text) if len(text) <= 200 else _norm(text)  # labels are short


def _norm(text: str) -> str:
    text = _WS.sub(" ", text.replace("\u00a0", " ")).strip()
    return text.replace(" - ", " – ").replace(" — ", " – ")


_norm_label = lru_cache(maxsize=4096)(_norm)  # the same labels recur in every table


@lru_cache(maxsize=1024)  # a workbook has a few dozen formats
def format_decimals(fmt: str) -> int | None:
    """Decimals an explicit number format shows (``0,0`` → 1); None for General."""
    if not fmt or fmt == "General":
        return None
    first = fmt.split(";")[0]
    m = re.search(r"[.,](0+)", first)
    return len(m.group(1)) if m else 0


@dataclass
class Table:
    """A located table: its header row, the column of each label, and its data rows."""

    grid: Grid
    header_row: int
    columns: dict[str, int]
    rows: list[int] = field(default_factory=list)

    def cell(self, row: int, label: str) -> Cell:
        col = self.columns.get(label)
        return self.grid.get(row, col) if col else Cell(None)

    def ref(self, row: int, label: str) -> str:
        col = self.columns.get(label)
        return address(row, col) if col else f"rad {row}"


WHAT = {C.INT: "ett heltal", C.PERCENT: "ett procenttal"}  # a number kind, in a message
# Excel's range of numbers; an amount is shown exactly up to 15 digits.
MAX_EXCEL = Decimal("9.99999999999999E+307")
MIN_EXCEL = Decimal("2.2250738585072E-308")
MAX_AMOUNT = Decimal("1E+15")


def short(number: Decimal) -> str:
    """A number of any size as a short text (``1E+400``), never expanded digit by digit."""
    if abs(number.adjusted()) < 16:
        return plain(number)
    return re.sub(r"\.?0+E", "E", f"{number:.6E}").replace(".", ",")


def clip(text: str, limit: int = 200) -> str:
    """A long formula shown by its beginning."""
    return text if len(text) <= limit else text[:limit] + " …"


def as_text(v) -> str:
    if isinstance(v, Decimal):
        if abs(v.adjusted()) >= 16:
            return short(v)
        return plain(v) if v != v.to_integral() else str(int(v))
    return str(v).strip()
