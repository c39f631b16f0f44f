"""Locating a sheet's rows: fixed rows by their label (once per Validator, with their order),
the data rows of a free table read by the contract, and whether an optional sheet is there."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING
from ..read.grid import WorkbookGrids, address
from .cells import Table, norm
from .seen import hidden_rows
from .validator import Validator


def fixed_rows(v: Validator, spec: C.Sheet, *, missing: str | None = FEL) -> tuple[Table, dict[str, int]] | None:
    """Locate a fixed-row sheet; map each contract row label to its row number (once per
    Validator: a later call returns the first one's answer, without findings)."""
    if spec.name not in v.located:
        v.located[spec.name] = _locate_rows(v, spec, missing)
    return v.located[spec.name]


def _locate_rows(v: Validator, spec: C.Sheet, missing: str | None) -> tuple[Table, dict[str, int]] | None:
    table = v.table(spec)
    if table is None:
        return None
    labels = {norm(r.label): r for r in spec.rows}
    found: dict[str, int] = {}
    key = spec.key.label
    previous = table.header_row
    for r in v.data_rows(table, spec):
        raw = table.cell(r, key).value
        text = norm(raw) if raw is not None else ""
        ref = table.ref(r, key)
        after_gap = r > previous + 1
        previous = r
        if after_gap and _known_label(text, labels) is None:
            break  # the table ended at the empty row; what follows is not part of it
        if not text:
            v.add(FEL, Code.RADETIKETT_SAKNAS, spec.name, ref,
                  f"Raden saknar {key}; förväntade en av: " + ", ".join(r.label for r in spec.rows) + ".")
            continue
        row_spec = _known_label(text, labels)
        if row_spec is None:
            v.add(FEL, Code.OKAND_RAD, spec.name, ref,
                  f"{key} '{raw}' är okänd; förväntade en av: " + ", ".join(r.label for r in spec.rows) + ".")
            continue
        if row_spec.label in found:
            values = [c for label, c in table.columns.items() if label != key]
            if all(table.grid.get(found[row_spec.label], c).empty for c in values):
                found[row_spec.label] = r  # the first one is empty: the filled one counts
                continue
            if all(table.grid.get(r, c).empty for c in values):
                continue  # an empty repetition says nothing
            v.add(FEL, Code.DUBBLETT, spec.name, ref,
                  f"{key} '{row_spec.label}' finns redan på rad {found[row_spec.label]}; varje rad får bara finnas en gång.")
            continue
        found[row_spec.label] = r
    v.findings += hidden_rows(spec.name, table.grid, sorted(found.values()), table.columns[key])
    form = spec.layout == C.FORM  # rows in any order; only the required ones must be there
    if not spec.rows_optional and not form:
        _check_order(v, spec, table, found)
    for row_spec in spec.rows:
        if row_spec.label not in found and missing and not row_spec.derived and (
                row_spec.required or not form):
            v.add(missing, Code.RAD_SAKNAS, spec.name, address(table.header_row, table.columns[key]),
                  f"Raden '{row_spec.label}' saknas i kolumn {key}.")
    return table, found


def _known_label(text: str, labels: dict[str, C.Row]) -> C.Row | None:
    """The contract row a label names (whitespace, dash and case forgiven), or None."""
    if not text:
        return None
    return labels.get(text) or next(
        (s for n, s in labels.items() if n.casefold() == text.casefold()), None)


def _check_order(v: Validator, spec: C.Sheet, table: Table, found: dict[str, int]) -> None:
    """One Varning when the fixed rows are not in the contract's order (they are read by label)."""
    last_label, last_row = None, 0
    for row_spec in spec.rows:
        r = found.get(row_spec.label)
        if r is None:
            continue
        if r < last_row:
            v.add(VARNING, Code.RAD_ORDNING, spec.name, table.ref(r, spec.key.label),
                  f"Raden '{row_spec.label}' står före '{last_label}'; standardordningen är: "
                  + ", ".join(x.label for x in spec.rows) + ". Raderna läses efter sin etikett.")
            return
        last_label, last_row = row_spec.label, r


def present(book: WorkbookGrids, spec: C.Sheet) -> bool:
    """An optional sheet counts when it exists and holds something (an empty one says nothing)."""
    grid = book.sheets.get(spec.name)
    return grid is not None and bool(grid.cells)


def free_rows(v: Validator, spec: C.Sheet):
    """Each data row of a free table as (row number, {label: value}, table); read once per
    Validator."""
    if spec.name not in v.read_rows:
        v.read_rows[spec.name] = _read_rows(v, spec)
    return v.read_rows[spec.name]


def _read_rows(v: Validator, spec: C.Sheet):
    table = v.table(spec)
    if table is None:
        return []
    columns = [(col.label, col.kind, col.required and col.label in table.columns, col.choices)
               for col in spec.columns]
    out = []
    for r in v.data_rows(table, spec):
        values = {}
        for label, kind, required, choices in columns:
            values[label] = v.value(spec.name, table.ref(r, label), table.cell(r, label), kind, label,
                                    required=required, choices=choices)
        out.append((r, values, table))
    return out
