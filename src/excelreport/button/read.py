"""The button's reading of the live workbook through xlwings (``button.run`` runs it).

``read_book`` reads the sheet ``Profil`` first (when the book carries one), derives the
workbook's shape from it exactly as the file path does (``checking.workbook_shape`` of
``profile.carrier.carried``) and then reads every input sheet that shape declares (a
profile's own sheets such as ``Drift per verksamhet`` and ``Verksamhetsmått`` too), each in
one whole-range read of at most ``MAX_CELLS`` cells, with number formats where they matter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import contract as C
from ..app.checking import workbook_shape
from ..check.cells import HEADER_SEARCH_ROWS, norm
from ..core.errors import ExcelReportError
from ..core.numbers import excel_number
from ..macro import CONF_SHEET
from ..profile.carrier import SHEET as PROFILE_SHEET
from ..profile.carrier import carried
from ..read.grid import Cell, CellError, Grid, WorkbookGrids, address, column_letter
from ..read.xlsx import MAX_CELLS

EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!",
                          "#CONNECT!", "#BUSY!", "#PYTHON!"})
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
DATE_FORMAT = "yyyy-mm-dd"  # stands for whatever date format the cell had (xlwings gives a datetime)
CONTRACT_SPECS = {s.name: s for s in C.ALL_INPUT_SHEETS + C.OPTIONAL_SHEETS}


def format_columns(spec: C.Sheet) -> tuple[str, ...]:
    """The columns whose number format changes a value's meaning or display: Excel percent
    (52,6 % stored as 0,526), amounts in a format that shows thousands (``#,##0,``) and the
    decimals an indicator is shown with; on a form (Info) the value column (Resultatmål (%) may
    be an Excel percent)."""
    if spec.layout == C.FORM:
        return tuple(c.label for c in spec.columns[1:])
    return tuple(c.label for c in spec.columns if c.kind in (C.NUMBER, C.PERCENT, C.AMOUNT))


def read_book(book) -> WorkbookGrids:
    """The input sheets of the workbook's shape as grids: the sheet ``Profil`` first, then
    one whole-range read per input sheet, number formats where they matter."""
    live = {sheet.name: sheet for sheet in book.sheets}
    sheets = {name: Grid(name, hidden=not _visible(sheet)) for name, sheet in live.items()}
    grids = WorkbookGrids(sheets, str(book.fullname))
    if PROFILE_SHEET in live:
        _read_sheet(live[PROFILE_SHEET], sheets[PROFILE_SHEET], None)
    shape = workbook_shape(carried(grids))
    specs = {**CONTRACT_SPECS, **{s.name: s for s in shape.input_sheets}}
    for name, sheet in live.items():
        if name in specs or name == CONF_SHEET:
            _read_sheet(sheet, sheets[name], specs.get(name))
    return grids


def _visible(sheet) -> bool:
    try:
        return sheet.visible is not False
    except Exception:  # noqa: BLE001 - an engine without the property: as shown
        return True


def _read_sheet(sheet, grid: Grid, spec: C.Sheet | None) -> None:
    used = sheet.used_range
    rows, cols = used.shape
    if rows * cols > MAX_CELLS:  # one stray value in XFD1048576 would make it 17 billion
        last = address(used.row + rows - 1, used.column + cols - 1)
        count, limit = (f"{n:,}".replace(",", " ") for n in (rows * cols, MAX_CELLS))
        raise ExcelReportError(
            f"Bladet {grid.name} används ända till cellen {last} ({count} celler; knappen läser "
            f"högst {limit}). Ta bort det som står långt "
            "nedanför eller till höger om tabellen (Ctrl+End visar den sista cellen), spara och "
            "tryck på knappen igen. Inget har ändrats.")
    values = used.options(ndim=2, err_to_str=True).value
    top, left = used.row, used.column
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            cell = to_cell(value)
            if cell is not None:
                grid.cells[(top + i, left + j)] = cell
    _fill_merged(sheet, used, grid, values)
    _read_hidden(sheet, used, grid, len(values), len(values[0]) if values else 0)
    labels = format_columns(spec) if spec is not None else ()
    if labels:
        _read_formats(sheet, grid, spec, labels)


def to_cell(value) -> Cell | None:
    """A value as xlwings reads it → a grid cell (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Cell(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return Cell(repr(value))
        return Cell(Decimal(int(value)) if value.is_integer() else excel_number(value))
    if isinstance(value, int):
        return Cell(Decimal(value))
    if isinstance(value, dt.datetime):
        serial = (value - EXCEL_EPOCH).total_seconds() / 86400
        return Cell(to_cell(serial).value, DATE_FORMAT)
    if isinstance(value, dt.date):
        return to_cell(dt.datetime(value.year, value.month, value.day))
    if isinstance(value, dt.timedelta):
        return Cell(to_cell(value.total_seconds() / 86400).value, "[h]:mm:ss")
    text = str(value)
    if text in EXCEL_ERRORS:
        return Cell(CellError(text))
    return Cell(text)


def _fill_merged(sheet, used, grid: Grid, values) -> None:
    """Empty cells of a merged range read as its top-left cell (as the file reader does)."""
    if used.merge_cells is False:
        return
    top, left = used.row, used.column
    width = len(values[0]) if values else 0
    for j in range(width):
        column = sheet.range((top, left + j), (top + len(values) - 1, left + j))
        if column.merge_cells is False:
            continue
        for i, row in enumerate(values):
            if row[j] is not None:
                continue
            cell = sheet.range((top + i, left + j))
            if cell.merge_cells:
                area = cell.merge_area
                source = grid.cells.get((area.row, area.column))
                if source is not None:
                    grid.cells[(top + i, left + j)] = Cell(source.value, source.number_format)
                    grid.covered.add((top + i, left + j))


def _read_formats(sheet, grid: Grid, spec: C.Sheet, labels: tuple[str, ...]) -> None:
    """Number formats of the numeric cells under ``labels``: one read per column when uniform."""
    located = _locate(grid, spec, labels)
    if located is None:
        return
    header, columns = located
    last = grid.max_row
    if last <= header:
        return
    for col in columns:
        numbers = [r for r in range(header + 1, last + 1)
                   if isinstance(grid.get(r, col).value, Decimal) and grid.get(r, col).number_format == "General"]
        if not numbers:
            continue
        wanted = set(numbers)
        for a, b, fmt in _spans(lambda a, b: sheet.range((a, col), (b, col)).number_format,  # noqa: B023
                                numbers[0], numbers[-1]):
            for r in wanted.intersection(range(a, b + 1)):
                grid.cells[(r, col)].number_format = fmt or "General"


def _spans(probe, first: int, last: int) -> list[tuple[int, int, object]]:
    """``first``–``last`` as runs of one state each, where ``probe(a, b)`` is the state of a
    run (a number format, Hidden) or None when it is mixed, as Excel's COM says: one call for
    a uniform run, halves of a mixed one."""
    out, todo = [], [(first, last)]
    while todo:
        a, b = todo.pop()
        state = probe(a, b)
        if state is None and a < b:
            mid = (a + b) // 2
            todo += [(mid + 1, b), (a, mid)]
        else:
            out.append((a, b, state))
    return out


def _read_hidden(sheet, used, grid: Grid, height: int, width: int) -> None:
    """The hidden rows and columns of the used range (filtered and grouped ones too): two
    calls when none is hidden. An engine without Excel's object model hides nothing."""
    top, left = used.row, used.column
    try:
        rows = _spans(lambda a, b: sheet.api.Range(f"A{a}:A{b}").EntireRow.Hidden,
                      top, top + height - 1) if height else []
        cols = _spans(lambda a, b: sheet.api.Range(
            f"{column_letter(a)}1:{column_letter(b)}1").EntireColumn.Hidden,
            left, left + width - 1) if width else []
    except Exception:  # noqa: BLE001 - no COM (another engine): as shown
        return
    grid.hidden_rows.update(r for a, b, hidden in rows if hidden for r in range(a, b + 1))
    grid.hidden_cols.update(c for a, b, hidden in cols if hidden for c in range(a, b + 1))


def _locate(grid: Grid, spec: C.Sheet, labels: tuple[str, ...]) -> tuple[int, list[int]] | None:
    """The header row of ``grid`` (first row with the sheet's required headers) and the
    columns of ``labels`` in it, found as validation finds them."""
    required = set(spec.required_headers)
    rows: dict[int, dict[str, int]] = {}
    for (r, c), cell in sorted(grid.cells.items()):
        if r <= HEADER_SEARCH_ROWS and isinstance(cell.value, str):
            text = norm(cell.value)
            if text in required or text in labels:
                rows.setdefault(r, {}).setdefault(text, c)
    for r in sorted(rows):
        if required <= rows[r].keys():
            return r, [rows[r][label] for label in labels if label in rows[r]]
    return None
