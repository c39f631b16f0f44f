"""Write the standard workbook from the contract: blank (``new``) or filled (the example).

Written with XlsxWriter, which also adds the macro project and the button of an ``.xlsm``
(see ``macro.py``). Data, when given, has the shape of the reference JSON: ``{"Info":
{field: value}, "Texter": {key: text}, "Drift": [{column: value}, …], …}``.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from .. import contract as C
from ..core.atomic import atomic_write
from ..profile.carrier import write_sheet
from ..read.grid import column_letter

HELP_ROW, HEADER_ROW = 1, 2  # 0-based: title in row 1, help in row 2, header in row 3
FIRST_DATA = HEADER_ROW + 1
FREE_ROWS = 300  # rows of a free table that get input styling and dropdowns

INPUT_FILL = "#FFF9DB"  # pale yellow: type here
DERIVED_FILL = "#E7E6E6"  # grey: calculated by the toolkit
HEADER_FILL = "#1F4E79"
PREFILLED_FILL = "#DDEBF7"  # pale blue: prefilled by `next`, a starting point to revise

INT_RANGES = {"Nivå": (1, 3)}  # whole-number columns with a narrower range than 0–1 000 000
AMOUNT_FORMATS = {"tkr": "#,##0", "mnkr": "#,##0.0"}
PERCENT_FORMAT = '0.0#" %"'  # a percent number (3,65 %), not an Excel percent


class Styles:
    """The workbook's cell formats, created once."""

    def __init__(self, wb, unit: str):
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        amount = AMOUNT_FORMATS.get(unit, "#,##0")
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.help = wb.add_format({**base, "italic": True, "font_color": "#595959"})
        self.header = wb.add_format({**base, "bold": True, "font_color": "white",
                                     "bg_color": HEADER_FILL, "text_wrap": True, "border": 1})
        self.label = wb.add_format({**base, "border": 1, "border_color": "#BFBFBF"})
        self.derived_label = wb.add_format({**base, "bold": True, "bg_color": DERIVED_FILL,
                                            "border": 1, "border_color": "#BFBFBF"})
        inp = {**base, "bg_color": INPUT_FILL, "locked": False, "border": 1, "border_color": "#BFBFBF"}
        self.text = wb.add_format({**inp, "text_wrap": True})
        self.number = wb.add_format({**inp, "num_format": "General"})
        self.integer = wb.add_format({**inp, "num_format": "0"})
        self.amount = wb.add_format({**inp, "num_format": amount})
        self.percent = wb.add_format({**inp, "num_format": PERCENT_FORMAT})
        self.date = wb.add_format({**inp, "num_format": "yyyy-mm-dd"})
        self.one_decimal = wb.add_format({**inp, "num_format": "0.0"})
        self.derived = wb.add_format({**base, "bold": True, "bg_color": DERIVED_FILL,
                                      "num_format": amount, "locked": True,
                                      "border": 1, "border_color": "#BFBFBF"})
        # `next`: a prefilled starting point (another fill, a comment), and the toolkit's
        # own protected history.
        pre = {**inp, "bg_color": PREFILLED_FILL}
        self.prefilled = {C.AMOUNT: wb.add_format({**pre, "num_format": amount}),
                          C.TEXT: wb.add_format({**pre, "text_wrap": True})}
        locked = {**base, "locked": True, "border": 1, "border_color": "#BFBFBF"}
        self.locked = {C.TEXT: wb.add_format(locked), C.INT: wb.add_format({**locked, "num_format": "0"}),
                       C.AMOUNT: wb.add_format({**locked, "num_format": amount})}
        self.kinds = {C.TEXT: self.text, C.CHOICE: self.text, C.INT: self.integer, C.NUMBER: self.number,
                      C.AMOUNT: self.amount, C.PERCENT: self.percent, C.DATE: self.date}

    def for_kind(self, kind: str):
        return self.kinds[kind]


def write_workbook(path: str | Path | BinaryIO, data: dict[str, Any] | None = None, *,
                   info: dict[str, Any] | None = None, macro=None,
                   prefilled: dict[str, dict[tuple[int, str], str]] | None = None,
                   profile: tuple[bytes, Any] | None = None) -> Path:
    """Write the standard workbook to ``path`` (``.xlsx``, or ``.xlsm`` with ``macro``).

    ``prefilled`` (from ``next``): sheet → {(data row index, column label): comment} marks
    those cells as prefilled. An optional sheet (``Prognoshistorik``) is written when
    ``data`` has it. The package is made in memory (faster than XlsxWriter's temporary
    files) and a file is written atomically: a temporary file beside it, then a replace,
    so an existing file is never left half-written.

    ``Info!Typ`` = ``Finansförvaltning`` writes the central workbook (Info, Finansiering,
    Balanskrav) instead of a board's.

    ``profile`` (``new --profil``): the profile's TOML and its ``Profile``; the workbook gets
    that profile's sheets and carries the TOML on its sheet ``Profil``."""
    import xlsxwriter

    if not hasattr(path, "write"):  # a file name: made in memory, then written atomically
        buffer = io.BytesIO()
        write_workbook(buffer, data, info=info, macro=macro, prefilled=prefilled, profile=profile)
        atomic_write(Path(path), lambda fh: fh.write(buffer.getbuffer()))
        return Path(path)
    data = data or {}
    info_values = {**data.get("Info", {}), **{k: v for k, v in (info or {}).items() if v is not None}}
    sheets = C.REQUIRED_SHEETS.get(info_values.get("Typ") or C.BOARD, C.INPUT_SHEETS)
    sums: dict[str, dict] = {}  # sheet → its sums; empty: the contract's (C.STANDARD_SUMS)
    if profile is not None:
        sheets, sums = _profile_sheets(profile[1], info_values.get("Typ") or C.BOARD)
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False,
                                    "strings_to_urls": False, "in_memory": True})
    wb.set_properties({"title": "Standardarbetsbok för delårsrapport",
                       "subject": info_values.get("Nämnd", ""), "author": "excelreport",
                       "company": info_values.get("Kommun", "")})
    styles = Styles(wb, info_values.get("Enhet") or "tkr")
    for spec in sheets:
        ws = wb.add_worksheet(spec.name)
        _input_sheet(ws, spec, styles, data, info_values, sums.get(spec.name))
        if prefilled and spec.name in prefilled:
            _mark_prefilled(ws, spec, styles, data, prefilled[spec.name])
    for spec in C.OPTIONAL_SHEETS:
        if spec.name in data:
            ws = wb.add_worksheet(spec.name)
            _sheet_start(ws, spec, styles)
            _locked_rows(ws, spec, styles, data[spec.name])
    if profile is not None:
        write_sheet(wb, profile[0], profile[1], "profilen")
    if macro is not None:
        macro.apply(wb, styles)
    wb.close()
    return path


def _input_sheet(ws, spec: C.Sheet, styles: Styles, data: dict[str, Any], info_values: dict[str, Any],
                 sums: dict | None) -> None:
    """One input sheet: its header and help, then Info's fields, fixed rows or free rows."""
    _sheet_start(ws, spec, styles)
    if spec.layout == C.FORM:
        _info_sheet(ws, spec, styles, info_values)
    elif spec.layout == C.TEXTS:
        _keyed_rows(ws, spec, styles, {k: [v] for k, v in data.get(spec.name, {}).items()})
    elif spec.rows:
        rows = {r[spec.key.label]: [r.get(c.label) for c in spec.columns[1:]]
                for r in data.get(spec.name, [])}
        _keyed_rows(ws, spec, styles, rows, sums)
    else:
        _free_rows(ws, spec, styles, data.get(spec.name, []))


def _profile_sheets(profile, typ: str) -> tuple[tuple[C.Sheet, ...], dict[str, dict]]:
    """A profile's sheets for the workbook type, and each statement's sums."""
    from ..profile.workbook import contract_of  # only new --profil pays for the profile's modules

    wc = contract_of(profile)
    if typ == C.FINANCE_OFFICE:
        return (wc.input_sheets[0], C.FINANSIERING, C.BALANSKRAV), {}
    return wc.input_sheets, wc.sums


def _sheet_start(ws, spec: C.Sheet, styles: Styles) -> None:
    ws.write(0, 0, spec.name, styles.title)
    ws.write(HELP_ROW, 0, spec.help, styles.help)
    for col, column in enumerate(spec.columns):
        ws.write(HEADER_ROW, col, column.label, styles.header)
        ws.set_column(col, col, column.width)
    ws.freeze_panes(FIRST_DATA, 1 if spec.rows else 0)
    ws.set_row(HEADER_ROW, 30)


def _validation(ws, first: int, last: int, col: int, choices: tuple[str, ...], label: str) -> None:
    ws.data_validation(first, col, last, col, {
        "validate": "list", "source": list(choices),
        "error_title": "Otillåtet värde",
        "error_message": f"{label}: välj ett av de tillåtna värdena i listan.",
    })


def _cell_value(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _write(ws, row: int, col: int, value, fmt, kind: str) -> None:
    value = _cell_value(value)
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif kind in (C.TEXT, C.CHOICE) or (kind == C.DATE and isinstance(value, str)):
        ws.write_string(row, col, str(value), fmt)
    elif kind == C.DATE:
        ws.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), fmt)
    else:
        ws.write_number(row, col, value, fmt)


def _info_sheet(ws, spec: C.Sheet, styles: Styles, values: dict[str, Any]) -> None:
    for i, row in enumerate(spec.rows):
        r = FIRST_DATA + i
        ws.write_string(r, 0, row.label, styles.label)
        _write(ws, r, 1, values.get(row.label), styles.for_kind(row.kind), row.kind)
        if row.choices:
            _validation(ws, r, r, 1, row.choices, row.label)
        elif row.kind == C.INT and row.minimum is not None:
            ws.data_validation(r, 1, r, 1, {"validate": "integer", "criteria": "between",
                                            "minimum": row.minimum, "maximum": row.maximum,
                                            "error_message": f"{row.label}: ett heltal "
                                            f"{row.minimum}–{row.maximum}."})
        if row.help:
            ws.write_comment(r, 1, row.help, {"author": "excelreport"})


def _keyed_rows(ws, spec: C.Sheet, styles: Styles, values: dict[str, list],
                sums: dict | None = None) -> None:
    """Fixed rows: the label in the first column, inputs (or sum formulas) beside it."""
    protect = any(r.derived for r in spec.rows)
    for i, row in enumerate(spec.rows):
        r = FIRST_DATA + i
        ws.write_string(r, 0, row.label, styles.derived_label if row.derived else styles.label)
        given = values.get(row.label, [])
        for j, column in enumerate(spec.columns[1:], start=1):
            kind = row.kind if column.kind != C.TEXT else C.TEXT
            value = given[j - 1] if j - 1 < len(given) else None
            if row.derived and column.kind == C.AMOUNT:
                formula, cached = _sum_formula(spec, row.label, j, values, sums)
                ws.write_formula(r, j, formula, styles.derived, cached)
            elif row.derived:
                ws.write_blank(r, j, None, styles.derived)
            else:
                _write(ws, r, j, value, styles.for_kind(kind), kind)
        if spec.layout == C.TEXTS:
            ws.set_row(r, 45)
        if row.minimum == 0 and row.kind == C.AMOUNT:  # Balanskrav: amounts ≥ 0
            ws.data_validation(r, 1, r, 1, {"validate": "decimal", "criteria": ">=", "value": 0,
                                            "error_title": "Belopp",
                                            "error_message": f"{row.label}: ett belopp ≥ 0."})
    if spec.layout == C.TEXTS:
        _listed_keys(ws, spec)
    if protect:
        ws.protect("", {"format_cells": True, "format_columns": True, "format_rows": True,
                        "insert_columns": True, "insert_rows": False, "sort": False,
                        "autofilter": True, "select_locked_cells": True,
                        "select_unlocked_cells": True})


LIST_COL = 26  # column AA: a hidden list that a dropdown too long to type inline refers to


def _listed_keys(ws, spec: C.Sheet) -> None:
    """A dropdown on the key column from a hidden list (Excel's typed lists stop at 255 chars)."""
    for i, row in enumerate(spec.rows):
        ws.write_string(FIRST_DATA + i, LIST_COL, row.label)
    ws.set_column(LIST_COL, LIST_COL, None, None, {"hidden": True})
    letter = column_letter(LIST_COL + 1)
    ws.data_validation(FIRST_DATA, 0, FIRST_DATA + len(spec.rows) + 50, 0, {
        "validate": "list",
        "source": f"=${letter}${FIRST_DATA + 1}:${letter}${FIRST_DATA + len(spec.rows)}",
        "error_title": "Otillåtet värde",
        "error_message": f"{spec.key.label}: välj ett av avsnitten i listan.",
    })


def _sum_formula(spec: C.Sheet, label: str, col: int, values: dict[str, list],
                 sums: dict | None = None) -> tuple[str, Any]:
    """The Excel formula of a derived row, and its value from the data (cached in the file);
    the rows it adds from ``sums`` (a profile's) or else from the contract."""
    rows = {r.label: FIRST_DATA + i + 1 for i, r in enumerate(spec.rows)}  # 1-based rows
    L = column_letter(col + 1)
    members = list(sums[label] if sums is not None else {**C.STANDARD_SUMS, **C.FINANCING_SUMS}[label])
    formula = "=" + "+".join(f"{L}{rows[m]}" for m in members)

    def amount(row_label: str) -> Decimal:
        row_spec = spec.row(row_label)
        if row_spec.derived:
            return Decimal(str(_sum_formula(spec, row_label, col, values, sums)[1]))
        given = values.get(row_label, [])
        v = given[col - 1] if col - 1 < len(given) else None
        return Decimal(str(v)) if v is not None else Decimal(0)

    total = sum((amount(m) for m in members), Decimal(0))
    return formula, float(total) if total != total.to_integral() else int(total)


def _free_rows(ws, spec: C.Sheet, styles: Styles, rows: list[dict]) -> None:
    last = FIRST_DATA + max(FREE_ROWS, len(rows) + 50) - 1
    for j, column in enumerate(spec.columns):
        fmt = styles.for_kind(column.kind)
        ws.set_column(j, j, column.width, fmt)
        if column.choices:
            _validation(ws, FIRST_DATA, last, j, column.choices, column.label)
        elif column.kind == C.INT:
            low, high = INT_RANGES.get(column.label, (0, 1_000_000))
            ws.data_validation(FIRST_DATA, j, last, j, {
                "validate": "integer", "criteria": "between", "minimum": low, "maximum": high,
                "error_title": "Heltal", "error_message": f"{column.label}: ett heltal {low}–{high}."})
    columns = [(j, column.label, column.kind, styles.for_kind(column.kind))
               for j, column in enumerate(spec.columns)]
    for i, record in enumerate(rows):
        r = FIRST_DATA + i
        for j, label, kind, fmt in columns:
            value = record.get(label)
            if kind == C.NUMBER and isinstance(value, float) and value.is_integer():
                _write(ws, r, j, value, styles.one_decimal, kind)  # typed as 19,0: shown with its decimal
            else:
                _write(ws, r, j, value, fmt, kind)


def _mark_prefilled(ws, spec: C.Sheet, styles: Styles, data: dict[str, Any],
                    marks: dict[tuple[int, str], str]) -> None:
    """Rewrite the marked cells in the prefilled look, each with its comment."""
    given = data.get(spec.name, [])
    for (i, label), comment in marks.items():
        col = [c.label for c in spec.columns].index(label)
        if spec.layout == C.TEXTS:
            value = given.get(spec.rows[i].label)
        elif spec.rows:
            value = next((r.get(label) for r in given if r.get(spec.key.label) == spec.rows[i].label), None)
        else:
            value = given[i].get(label)
        kind = C.TEXT if spec.column(label).kind == C.TEXT else C.AMOUNT
        _write(ws, FIRST_DATA + i, col, value, styles.prefilled[kind], kind)
        ws.write_comment(FIRST_DATA + i, col, comment, {"author": "excelreport"})


def _locked_rows(ws, spec: C.Sheet, styles: Styles, rows: list[dict]) -> None:
    """A table the toolkit writes and the user only reads: locked cells, sheet protected."""
    columns = [(j, column.label, column.kind, styles.locked.get(column.kind, styles.locked[C.TEXT]))
               for j, column in enumerate(spec.columns)]
    for i, record in enumerate(rows):
        for j, label, kind, fmt in columns:
            _write(ws, FIRST_DATA + i, j, record.get(label), fmt, kind)
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
