"""Property: random damage to a valid workbook never raises, gives exit 0/1/2, changes no byte.

Two levels: whole files damaged with openpyxl and checked through the CLI (slow, few
examples), and the grids read from the example damaged in memory and validated (fast,
many examples).
"""

from __future__ import annotations

import copy
import shutil
from datetime import datetime
from decimal import Decimal

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.utils.exceptions import IllegalCharacterError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from excelreport.read.grid import Cell, CellError, Grid, WorkbookGrids
from excelreport.read.xlsx import read_workbook
from excelreport.app.checking import check_grids
from wbtools import digest, run

SHEETS = ("Info", "Texter", "Mål", "Indikatorer", "Uppdrag", "Drift", "Exploatering",
          "Investeringar", "Personal", "Sjukfrånvaro", "Internkontroll")

swedish_numbers = st.builds(
    lambda sign, whole, frac, sep: f"{sign}{whole:,}".replace(",", sep) + (f",{frac}" if frac else ""),
    st.sampled_from(["", "-", "\u2212", "+"]), st.integers(0, 10**7), st.integers(0, 99),
    st.sampled_from([" ", "\u00a0", "\u2009", ""]))
cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=20).filter(lambda s: not s.startswith("=")),
    swedish_numbers,
    st.sampled_from(["#N/A", "#DIV/0!", "=1/0", "=A1+B2", "=SUM(B4:B8)", "Helt uppfyllt", "Ja",
                     "Verksamhet", "Drift – Utfall för perioden", "Budget", "Rad", "3,65 %"]),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)),
)
sheet_titles = st.text(alphabet=st.characters(blacklist_characters="[]:*?/\\'",
                                              blacklist_categories=("Cs", "Cc")),
                       min_size=1, max_size=31).filter(lambda s: s.strip() == s)

operations = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(SHEETS), st.integers(1, 22), st.integers(1, 10),
              cell_values),
    st.tuples(st.just("delete_rows"), st.sampled_from(SHEETS), st.integers(1, 20), st.integers(1, 3)),
    st.tuples(st.just("delete_cols"), st.sampled_from(SHEETS), st.integers(1, 9), st.integers(1, 2)),
    st.tuples(st.just("rename"), st.sampled_from(SHEETS), sheet_titles),
    st.tuples(st.just("remove"), st.sampled_from(SHEETS)),
    st.tuples(st.just("merge"), st.sampled_from(SHEETS), st.integers(1, 15), st.integers(1, 8),
              st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("hide"), st.sampled_from(SHEETS)),
    st.tuples(st.just("number_format"), st.sampled_from(SHEETS), st.integers(1, 15),
              st.integers(1, 8), st.sampled_from(["0%", "yyyy-mm-dd", "@", "0.00", '0.0" %"'])),
)


def apply(wb: openpyxl.Workbook, op: tuple) -> None:
    kind, name = op[0], op[1]
    if name not in wb.sheetnames:
        return
    ws = wb[name]
    if kind == "cell":
        target = ws.cell(op[2], op[3])
        if not isinstance(target, MergedCell):  # a covered cell takes no value (nor in Excel)
            target.value = op[4]
    elif kind == "delete_rows":
        ws.delete_rows(op[2], op[3])
    elif kind == "delete_cols":
        ws.delete_cols(op[2], op[3])
    elif kind == "rename" and op[2] not in wb.sheetnames:
        ws.title = op[2]
    elif kind == "remove" and len(wb.sheetnames) > 1:
        wb.remove(ws)
    elif kind == "merge":
        ws.merge_cells(start_row=op[2], start_column=op[3], end_row=op[2] + op[4],
                       end_column=op[3] + op[5])
    elif kind == "hide" and len([s for s in wb if s.sheet_state == "visible"]) > 1:
        ws.sheet_state = "hidden"
    elif kind == "number_format":
        ws.cell(op[2], op[3]).number_format = op[4]


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(operations, min_size=1, max_size=6))
def test_damaged_file_never_raises_and_is_not_changed(tmp_path, ops):
    path = tmp_path / "skadad.xlsx"
    shutil.copyfile(EXAMPLE, path)
    wb = openpyxl.load_workbook(path)
    try:
        for op in ops:
            apply(wb, op)
        wb.save(path)
    except (ValueError, TypeError, IndexError, KeyError, IllegalCharacterError):
        return  # openpyxl refuses this damage
    before = digest(path)
    result = run("check", path)  # EXCELREPORT_DEBUG is set: a bug raises here
    assert result.code in (0, 1, 2), result.out + result.err
    assert digest(path) == before
    assert "Traceback" not in result.out + result.err
    if result.code == 2:
        assert result.err.startswith("Fel: ")
    else:
        assert result.out.splitlines()[-1].endswith(" info.")


# --- the grids, damaged in memory ----------------------------------------------------------

BOOK = read_workbook(EXAMPLE)

grid_values = st.one_of(
    st.none(), st.booleans(), st.text(max_size=12), swedish_numbers,
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9),
    st.builds(CellError, st.sampled_from(["#N/A", "#REF!", "#VALUE!"])),
)
grid_cells = st.builds(Cell, grid_values,
                       st.sampled_from(["General", "0%", "0.0%", "yyyy-mm-dd", "#,##0", '0.0" %"']),
                       st.booleans())
grid_ops = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(SHEETS), st.integers(1, 22), st.integers(1, 10), grid_cells),
    st.tuples(st.just("drop_row"), st.sampled_from(SHEETS), st.integers(1, 20)),
    st.tuples(st.just("rename"), st.sampled_from(SHEETS), st.text(max_size=8)),
    st.tuples(st.just("shift"), st.sampled_from(SHEETS), st.integers(-3, 40), st.integers(-2, 5)),
)


def apply_grid(book: WorkbookGrids, op) -> None:
    kind, name = op[0], op[1]
    grid = book.sheets.get(name)
    if grid is None:
        return
    if kind == "cell":
        grid.cells[(op[2], op[3])] = op[4]
    elif kind == "drop_row":
        grid.cells = {(r - (r > op[2]), c): v for (r, c), v in grid.cells.items() if r != op[2]}
    elif kind == "rename":
        del book.sheets[name]
        book.sheets[op[2]] = Grid(op[2], grid.cells)
    elif kind == "shift":
        grid.cells = {(r + op[2], c + op[3]): v for (r, c), v in grid.cells.items()
                      if r + op[2] >= 1 and c + op[3] >= 1}


@settings(max_examples=200, deadline=None)
@given(st.lists(grid_ops, min_size=1, max_size=12))
def test_damaged_grids_never_raise(ops):
    book = copy.deepcopy(BOOK)
    for op in ops:
        apply_grid(book, op)
    checked = check_grids(book)
    for f in checked.findings:
        assert f.severity in ("Fel", "Varning", "Info") and f.message
        if f.cell:
            assert f.sheet
    if checked.report is None:
        assert any(f.severity == "Fel" for f in checked.findings)


def test_decimal_specials_in_a_cell_are_not_numbers():
    """``<v>NaN</v>`` or ``<v>Infinity</v>`` in a damaged file is text, not a number."""
    book = copy.deepcopy(BOOK)
    book.sheets["Drift"].cells[(5, 2)] = Cell("NaN")
    book.sheets["Drift"].cells[(5, 3)] = Cell(Decimal("Infinity"))
    checked = check_grids(book)
    where = {(f.cell, f.severity) for f in checked.findings if f.sheet == "Drift"}
    assert ("B5", "Fel") in where and ("C5", "Fel") in where
