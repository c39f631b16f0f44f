"""A small fake of the part of the xlwings API the button uses, with Excel's habits.

Books, sheets, ranges, values (2-D reads and writes; numbers come back as floats, dates as
datetimes, errors as their text with ``err_to_str``), number formats (``None`` for a range
with mixed formats, as Excel's COM says), merged cells, fonts, fills, links, defined names, the app's
settings, ``Book.caller()``. Like Excel, assigning text that looks like a number or starts
with ``=`` is converted unless it starts with an apostrophe, and a protected sheet refuses
writes. Every call that would cross to Excel is counted in ``book.calls``.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter


class ExcelError(Exception):
    """What Excel's COM would raise."""


@dataclass(frozen=True)
class ErrorValue:
    code: str


@dataclass
class FakeCell:
    value: object = None
    number_format: str = "General"
    formula: str | None = None
    bold: bool = False
    fill: str | None = None
    font_colour: str | None = None
    wrap: bool = False
    indent: int = 0
    underline: bool = False

    @property
    def blank(self) -> bool:
        return self == FakeCell()


class FakeApp:
    SETTINGS = ("screen_updating", "calculation", "display_alerts", "enable_events")

    def __init__(self):
        self.__dict__["history"] = []
        self.__dict__["alerts"] = []
        self.screen_updating = True
        self.calculation = "automatic"
        self.display_alerts = True
        self.enable_events = True
        self.history.clear()

    def __setattr__(self, name, value):
        if name in self.SETTINGS:
            self.history.append((name, value))
        self.__dict__[name] = value

    def settings(self) -> dict:
        return {name: getattr(self, name) for name in self.SETTINGS}

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append(prompt)
        return "ok"


class FakeBook:
    def __init__(self, fullname: str | Path, app: FakeApp | None = None):
        self.fullname = str(fullname)
        self.name = Path(self.fullname).name
        self.app = app or FakeApp()
        self.calls: Counter = Counter()
        self.sheets = FakeSheets(self)
        self.names = FakeNames(self)


@dataclass
class FakeName:
    """A defined name as xlwings lists it: ``name`` with its sheet prefix when sheet-scoped
    (``'Resultat Drift'!X``), ``refers_to`` a formula (``="text"``)."""

    name: str
    refers_to: str
    sheet: object = None  # the FakeSheet of a sheet-scoped name


class FakeNames:
    """``book.names``: every defined name of the book. ``add("Blad!X", …)`` makes a name of
    that sheet's scope (Excel's rule); adding an existing name redefines it. A sheet-scoped
    name goes with its sheet."""

    def __init__(self, book: FakeBook):
        self.book = book
        self._list: list[FakeName] = []

    def __iter__(self):
        return iter(list(self._list))

    def __len__(self):
        return len(self._list)

    def add(self, name: str, refers_to: str) -> FakeName:
        self.book.calls["name.write"] += 1
        prefix, sep, local = name.rpartition("!")
        sheet = None
        if sep:
            shown = prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix
            sheet = self.book.sheets[shown]  # ExcelError when there is no such sheet
        self._list = [n for n in self._list if n.name.casefold() != name.casefold()]
        self._list.append(FakeName(name, refers_to, sheet))
        return self._list[-1]


class FakeSheets:
    def __init__(self, book: FakeBook):
        self.book = book
        self._list: list[FakeSheet] = []
        self.active: FakeSheet | None = None

    def __iter__(self):
        return iter(list(self._list))

    def __len__(self):
        return len(self._list)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._list[key]
        for s in self._list:
            if s.name.lower() == str(key).lower():
                return s
        raise ExcelError(f"no sheet {key!r}")

    def add(self, name=None, before=None, after=None):
        self.book.calls["sheets.add"] += 1
        sheet = FakeSheet(self.book, name or f"Blad{len(self._list) + 1}")
        index = self._list.index(after) + 1 if after is not None else (
            self._list.index(before) if before is not None else 0)
        self._list.insert(index, sheet)
        self.active = sheet
        return sheet

    @property
    def names(self) -> list[str]:
        return [s.name for s in self._list]


class Hyperlinks:
    def __init__(self, sheet):
        self.sheet = sheet

    def Add(self, Anchor, Address, SubAddress=None, ScreenTip=None, TextToDisplay=None):
        rng = Anchor.rng
        rng.add_hyperlink(Address or "#" + SubAddress, TextToDisplay, ScreenTip)


class SheetApi:
    def __init__(self, sheet):
        self.sheet = sheet
        self.Hyperlinks = Hyperlinks(sheet)

    def Protect(self, **kw):
        self.sheet.protected = True

    def Unprotect(self, password=None):
        self.sheet.protected = False

    def Range(self, address: str) -> ComRange:
        r1, c1, r2, c2 = _bounds(address)
        return ComRange(self.sheet, r1, c1, r2, c2)


class ComRange:
    """``Worksheet.Range(…)`` as COM has it: only ``EntireRow``/``EntireColumn.Hidden`` (True,
    False, or None for a mix, as COM's Null)."""

    def __init__(self, sheet, r1, c1, r2, c2):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2

    @property
    def EntireRow(self):
        return _Hidden(self.sheet, self.sheet.hidden_rows, self.r1, self.r2)

    @property
    def EntireColumn(self):
        return _Hidden(self.sheet, self.sheet.hidden_cols, self.c1, self.c2)


@dataclass
class _Hidden:
    sheet: object
    hidden: set
    first: int
    last: int

    @property
    def Hidden(self):
        self.sheet.book.calls["hidden.read"] += 1
        states = {i in self.hidden for i in range(self.first, self.last + 1)}
        return states.pop() if len(states) == 1 else None


class FreezePanes:
    def __init__(self, sheet):
        self.sheet = sheet

    def freeze_at(self, where):
        self.sheet.frozen = where


class FakeSheet:
    def __init__(self, book: FakeBook, name: str):
        self.book = book
        self.name = name
        self.cells: dict[tuple[int, int], FakeCell] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self.links: dict[tuple[int, int], str] = {}
        self.widths: dict[int, float] = {}
        self.protected = False
        self.frozen = None
        self.api = SheetApi(self)
        self.freeze_panes = FreezePanes(self)

    def cell(self, r: int, c: int) -> FakeCell:
        return self.cells.setdefault((r, c), FakeCell())

    def range(self, a, b=None) -> FakeRange:
        r1, c1, r2, c2 = _bounds(a)
        if b is not None:
            _, _, r2, c2 = _bounds(b)
        return FakeRange(self, r1, c1, r2, c2)

    def __getitem__(self, ref):
        return self.range(ref)

    @property
    def used_range(self) -> FakeRange:
        self.book.calls["used_range"] += 1
        used = [k for k, v in self.cells.items() if not v.blank]
        if not used:
            return FakeRange(self, 1, 1, 1, 1)
        rows, cols = [r for r, _ in used], [c for _, c in used]
        return FakeRange(self, min(rows), min(cols), max(rows), max(cols))

    def clear(self):
        self._writable()
        self.cells.clear()
        self.links.clear()
        self.merges.clear()

    def delete(self):
        if self.book.app.display_alerts:
            raise ExcelError("Excel would ask the user before deleting a sheet")
        self.book.calls["sheet.delete"] += 1
        self.book.sheets._list.remove(self)
        self.book.names._list = [n for n in self.book.names._list if n.sheet is not self]

    def activate(self):
        self.book.sheets.active = self

    def _writable(self):
        if self.protected:
            raise ExcelError(f"the sheet {self.name} is protected")

    def values(self) -> list[list]:
        """The used range's values from A1 (for comparisons)."""
        used = [k for k, v in self.cells.items() if v.value is not None]
        if not used:
            return []
        last_r, last_c = max(r for r, _ in used), max(c for _, c in used)
        return [[self.cells.get((r, c), FakeCell()).value for c in range(1, last_c + 1)]
                for r in range(1, last_r + 1)]


class Font:
    def __init__(self, rng):
        self.rng = rng

    @property
    def bold(self):
        return self.rng._uniform("bold")

    @bold.setter
    def bold(self, value):
        self.rng._set("bold", value)

    @property
    def color(self):
        return self.rng._uniform("font_colour")

    @color.setter
    def color(self, value):
        self.rng._set("font_colour", value)


class RangeApi:
    def __init__(self, rng):
        self.__dict__["rng"] = rng
        self.__dict__["Font"] = types.SimpleNamespace()

    def __setattr__(self, name, value):
        if name == "IndentLevel":
            self.rng._set("indent", value)
        else:
            raise AttributeError(name)


class FakeRange:
    def __init__(self, sheet: FakeSheet, r1: int, c1: int, r2: int, c2: int, opts: dict | None = None):
        self.sheet, self.r1, self.c1, self.r2, self.c2 = sheet, r1, c1, r2, c2
        self.opts = opts or {}

    def _coords(self):
        return [(r, c) for r in range(self.r1, self.r2 + 1) for c in range(self.c1, self.c2 + 1)]

    def _count(self, what: str) -> None:
        self.sheet.book.calls[what] += 1

    @property
    def row(self):
        return self.r1

    @property
    def column(self):
        return self.c1

    @property
    def shape(self):
        return (self.r2 - self.r1 + 1, self.c2 - self.c1 + 1)

    @property
    def last_cell(self):
        return FakeRange(self.sheet, self.r2, self.c2, self.r2, self.c2)

    def options(self, **opts) -> FakeRange:
        return FakeRange(self.sheet, self.r1, self.c1, self.r2, self.c2, {**self.opts, **opts})

    # values

    def _read(self, cell: FakeCell):
        v = cell.value
        if isinstance(v, ErrorValue):
            return v.code if self.opts.get("err_to_str") else None
        if isinstance(v, bool) or v is None or isinstance(v, (str, dt.datetime)):
            return v if v != "" else None
        if isinstance(v, (int, float)):
            return float(v)
        raise TypeError(type(v))

    @property
    def value(self):
        self._count("value.read")
        rows = [[self._read(self.sheet.cells.get((r, c), FakeCell()))
                 for c in range(self.c1, self.c2 + 1)] for r in range(self.r1, self.r2 + 1)]
        if self.opts.get("ndim") == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return rows[0] if len(rows) == 1 else rows

    @value.setter
    def value(self, data):
        self._count("value.write")
        self.sheet._writable()
        if isinstance(data, (list, tuple)):
            rows = data if data and isinstance(data[0], (list, tuple)) else [data]
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    self.sheet.cell(self.r1 + i, self.c1 + j).value = _as_excel_stores(v)
        else:
            for r, c in self._coords():
                self.sheet.cell(r, c).value = _as_excel_stores(data)

    # formats and looks

    def _uniform(self, attr):
        values = {getattr(self.sheet.cells.get(k, FakeCell()), attr) for k in self._coords()}
        return values.pop() if len(values) == 1 else None

    def _set(self, attr, value):
        self.sheet._writable()
        for r, c in self._coords():
            setattr(self.sheet.cell(r, c), attr, value)

    @property
    def number_format(self):
        self._count("number_format.read")
        return self._uniform("number_format")

    @number_format.setter
    def number_format(self, value):
        self._count("format.write")
        self._set("number_format", value)

    @property
    def font(self):
        self._count("format.write")
        return Font(self)

    @property
    def color(self):
        return self._uniform("fill")

    @color.setter
    def color(self, value):
        self._count("format.write")
        self._set("fill", value)

    @property
    def wrap_text(self):
        return self._uniform("wrap")

    @wrap_text.setter
    def wrap_text(self, value):
        self._count("format.write")
        self._set("wrap", value)

    @property
    def column_width(self):
        return self.sheet.widths.get(self.c1)

    @column_width.setter
    def column_width(self, value):
        self._count("format.write")
        for c in range(self.c1, self.c2 + 1):
            self.sheet.widths[c] = value

    @property
    def api(self):
        self._count("format.write")
        return RangeApi(self)

    def add_hyperlink(self, address, text_to_display=None, screen_tip=None):
        self._count("link.write")
        self.sheet._writable()
        self.sheet.links[(self.r1, self.c1)] = address
        self.sheet.cell(self.r1, self.c1).value = text_to_display
        self.sheet.cell(self.r1, self.c1).underline = True

    # merged cells

    def _merge_of(self, r, c):
        return next((m for m in self.sheet.merges if m[0] <= r <= m[2] and m[1] <= c <= m[3]), None)

    @property
    def merge_cells(self):
        self._count("merge.read")
        merged = [self._merge_of(r, c) is not None for r, c in self._coords()]
        return True if all(merged) else (False if not any(merged) else None)

    @property
    def merge_area(self):
        m = self._merge_of(self.r1, self.c1)
        return FakeRange(self.sheet, *m) if m else FakeRange(self.sheet, self.r1, self.c1, self.r1, self.c1)


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")


def _as_excel_stores(v):
    """What Excel keeps when a value is assigned: text that looks like a number becomes one,
    ``=…`` a formula, a leading apostrophe is dropped and keeps the rest text."""
    if isinstance(v, str):
        if v.startswith("'"):
            return v[1:]
        if v.startswith("="):
            return ErrorValue("#NAME?")  # a formula Excel could not make sense of
        if _NUMBER.fullmatch(v.strip()):
            text = v.strip().replace(",", ".")
            return float(text[:-1]) / 100 if text.endswith("%") else float(text)
        return v if v != "" else None
    if v == "":
        return None
    return v


def _bounds(ref) -> tuple[int, int, int, int]:
    if isinstance(ref, tuple):
        return ref[0], ref[1], ref[0], ref[1]
    ref = ref.replace("$", "").upper()
    if ":" in ref:
        a, b = ref.split(":")
        if a.isalpha() and b.isalpha():  # whole columns
            return 1, column_index_from_string(a), 1_048_576, column_index_from_string(b)
        r1, c1, _, _ = _bounds(a)
        r2, c2, _, _ = _bounds(b)
        return r1, c1, r2, c2
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m.group(2)), column_index_from_string(m.group(1)), int(m.group(2)), column_index_from_string(m.group(1))


# --- loading a workbook file, installing the fake --------------------------------------


def load(path: Path, app: FakeApp | None = None) -> FakeBook:
    """A fake live book with the values (cached formula results), number formats and merges
    of the workbook file at ``path``, as Excel would show it after opening."""
    wb = openpyxl.load_workbook(path, data_only=True)
    book = FakeBook(Path(path).resolve(), app)
    for ws in wb.worksheets:
        sheet = FakeSheet(book, ws.title)
        book.sheets._list.append(sheet)
        for row in ws.iter_rows():
            for c in row:
                value = c.value
                if c.data_type == "e" and value is not None:
                    value = ErrorValue(str(value))
                elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                    value = dt.datetime(value.year, value.month, value.day)
                elif isinstance(value, dt.time):
                    value = dt.datetime(1899, 12, 30, value.hour, value.minute, value.second)
                if value is None and c.number_format == "General":
                    continue
                sheet.cells[(c.row, c.column)] = FakeCell(value, c.number_format or "General")
        sheet.hidden_rows = {r for r, d in ws.row_dimensions.items() if d.hidden}
        sheet.hidden_cols = {c for key, d in ws.column_dimensions.items() if d.hidden
                             for c in range(d.min or column_index_from_string(key),
                                            (d.max or column_index_from_string(key)) + 1)}
        for rng in ws.merged_cells.ranges:
            sheet.merges.append((rng.min_row, rng.min_col, rng.max_row, rng.max_col))
            for r in range(rng.min_row, rng.max_row + 1):  # Excel shows only the top-left value
                for col in range(rng.min_col, rng.max_col + 1):
                    if (r, col) != (rng.min_row, rng.min_col) and (r, col) in sheet.cells:
                        sheet.cells[(r, col)].value = None
    for name, dn in wb.defined_names.items():
        book.names._list.append(FakeName(name, "=" + (dn.attr_text or "")))
    for ws, sheet in zip(wb.worksheets, book.sheets._list):
        for name, dn in ws.defined_names.items():
            quoted = "'" + ws.title.replace("'", "''") + "'"
            book.names._list.append(FakeName(f"{quoted}!{name}", "=" + (dn.attr_text or ""), sheet))
    book.sheets.active = book.sheets._list[0]
    return book


def module(book: FakeBook) -> types.ModuleType:
    """A stand-in for the ``xlwings`` module whose ``Book.caller()`` is ``book``."""
    mod = types.ModuleType("xlwings")

    class Book:
        @classmethod
        def caller(cls):
            return book

    mod.Book = Book
    mod.__version__ = "fake"
    return mod


def column_letter(c: int) -> str:
    return get_column_letter(c)
