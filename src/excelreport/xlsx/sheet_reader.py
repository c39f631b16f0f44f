"""One contract sheet, streamed: cells with their value, number format and formula."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..core.errors import UnusableFile
from ..core.numbers import excel_number
from ..read import xmlsafe
from ..read.grid import Cell, CellError, Grid, parse_ref
from . import opc
from .limits import MAX_CELLS, MAX_MERGED_CELLS, MAX_ROWS
from .parts import parse
from .strings import Texts

_M = opc.MAIN_NS + "}"  # expat's names: ``uri}local``
C, _V, _F, ROW, _IS, _T, _RPH, _MERGE, _COL = (
    _M + n for n in ("c", "v", "f", "row", "is", "t", "rPh", "mergeCell", "col"))
_TRUE = ("1", "true")


class SheetReader:
    """One contract sheet, streamed: cells with their value, number format and formula."""

    def __init__(self, zf, part: str, formats: list[str], grid: Grid, stale_zero: bool,
                 budget: xmlsafe.Budget, strings: list[tuple[Cell, int]], *, max_cells: int = MAX_CELLS,
                 max_rows: int = MAX_ROWS):
        self.zf, self.part, self.formats, self.grid = zf, part, formats, grid
        self.max_cells, self.max_rows = max_cells, max_rows
        self.stale_zero, self.budget, self.strings = stale_zero, budget, strings
        self.texts = Texts()
        self.row_no = self.col_no = 0
        self.cell: dict | None = None  # the <c> being read: its attributes and parts
        self.merges: list[str] = []
        self.hidden_cols: list[tuple[int, int]] = []
        self.rows, self.last_row = 0, 0  # rows with content, and the last one stored

    def read(self) -> None:
        parse(self.zf, self.part, self.budget,
               {"start": self.start, "end": self.end, "chars": self.texts.chars})
        fill_merges(self.zf, self.grid, self.merges)
        self.grid.hidden_cols.update(hidden_columns(self.hidden_cols))

    def start(self, name, attrs):
        if name == C:
            ref = attrs.get("r")
            if ref:
                self.row_no, self.col_no = parse_ref(ref)
            else:
                self.col_no += 1
            self.cell = {"t": attrs.get("t", "n"), "s": attrs.get("s")}
        elif name in (_V, _F):
            self.texts.parts, self.texts.size = [], 0
        elif name == ROW:
            r = attrs.get("r")
            self.row_no = int(r) if r else self.row_no + 1
            self.col_no = 0
            if attrs.get("hidden") in _TRUE:
                self.grid.hidden_rows.add(self.row_no)
        elif name == _COL:
            if attrs.get("hidden") in _TRUE:  # a range of columns: min–max
                first = int(attrs.get("min", "1"))
                self.hidden_cols.append((first, int(attrs.get("max", first))))
        elif name == _IS:
            self.texts.parts, self.texts.size = None, 0
        elif name == _T and self.cell is not None:
            self.texts.start_t()
        elif name == _RPH:
            self.texts.phonetic += 1
        elif name == _MERGE:
            self.merges.append(attrs.get("ref", ""))

    def end(self, name):
        cell = self.cell
        if cell is None:
            return
        if name == C:
            self._store(cell)
            self.cell = None
        elif name == _V:
            cell["v"] = self.texts.take()
        elif name == _F:
            cell["f"] = self.texts.take()
        elif name == _IS:
            cell["is"] = self.texts.take()
        elif name == _RPH:
            self.texts.phonetic -= 1

    def _store(self, el: dict) -> None:
        t, s, raw, formula = el["t"], el["s"], el.get("v"), el.get("f")
        if raw is None and formula is None and t != "e" and "is" not in el:
            return  # formatted but empty (the common case, decided before anything is looked up)
        fmt = self.formats[int(s)] if s and int(s) < len(self.formats) else "General"
        value = None
        shared = None
        if t == "s":
            if raw is not None:
                shared = int(raw)
                if shared < 0:
                    raise ValueError(raw)
        elif t == "inlineStr":
            value = el.get("is")
        elif t == "str":
            value = raw
        elif t == "b":
            value = raw == "1" if raw is not None else None
        elif t == "e":
            value = CellError(raw or "#N/A")
        elif raw is not None and raw != "":
            try:
                value = excel_number(raw)  # as Excel shows it: 15 significant digits
            except ArithmeticError:
                value = raw
            if isinstance(value, Decimal) and not value.is_finite():
                value = raw  # NaN or Infinity: never a number in a workbook
        if value is None and shared is None and formula is None:
            return  # formatted but empty
        if formula is not None and self.stale_zero and (
                value == "" or (isinstance(value, Decimal) and value == 0)):
            value = None
        cell = Cell(value, fmt, formula is not None, formula or "")
        if shared is not None:
            self.strings.append((cell, shared))
        cells = self.grid.cells
        cells[(self.row_no, self.col_no)] = cell
        if self.row_no != self.last_row:
            self.rows, self.last_row = self.rows + 1, self.row_no
            if self.rows > self.max_rows:
                limit = f"{self.max_rows:,}".replace(",", " ")
                raise UnusableFile(
                    f"{Path(self.zf.filename).name}: bladet {self.grid.name} har fler än {limit} ifyllda "
                    f"rader; verktyget hanterar högst {limit} rader i ett blad (se guiden docs/guide.md, avsnitt 6), så "
                    "filen avvisas. Sammanfatta raderna (t.ex. investeringsprojekt per program) och försök igen.")
        if len(cells) > self.max_cells:
            raise UnusableFile(
                f"{Path(self.zf.filename).name}: bladet {self.grid.name} har fler än {self.max_cells} ifyllda "
                "celler, långt fler än en rapportarbetsbok har; filen avvisas.")


def hidden_columns(spans: list[tuple[int, int]]) -> set[int]:
    """The columns of ``spans`` (min–max, as ``<col>`` gives them), in Excel's 1–16 384: each
    column once, however many spans overlap (time and memory bounded by the sheet's width)."""
    out: set[int] = set()
    reach = 0  # every column up to here is in ``out`` (the spans taken in order)
    for first, last in sorted(spans):
        first, last = max(first, reach + 1, 1), min(last, 16_384)
        if first <= last:
            out.update(range(first, last + 1))
            reach = last
    return out


def fill_merges(zf, grid: Grid, refs: list[str]) -> None:
    """Every cell of a merged range reads as its top-left cell, as a user sees it: empty when
    the top-left cell is (a value a file keeps in a covered cell is never shown, so never
    read). Covered cells that show something other than they hold are marked: a formula
    referring to one is not evaluated (an empty covered cell counts as 0, as in Excel)."""
    filled = 0
    for ref in refs:
        if ":" not in ref:
            continue
        (r1, c1), (r2, c2) = (parse_ref(p) for p in ref.split(":"))
        top = grid.cells.get((r1, c1))
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        if size > 10_000:
            continue
        filled += size - 1
        if filled > MAX_MERGED_CELLS:
            raise UnusableFile(
                f"{Path(zf.filename).name}: bladet {grid.name} har sammanfogade celler som täcker fler "
                f"än {MAX_MERGED_CELLS} celler, långt fler än en rapportarbetsbok har; filen avvisas. "
                "Ta bort sammanfogningarna (Start → Sammanfoga och centrera).")
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    if top is not None:
                        grid.cells[(r, c)] = top
                        grid.covered.add((r, c))
                    elif grid.cells.pop((r, c), None) is not None:
                        grid.covered.add((r, c))  # Excel may see its value or nothing
