"""The compilation workbook, written with XlsxWriter (a new file, never an input), atomically.

Values, not formulas; the result sheets' looks: amount formats, red negative deviations,
bold sums, a frozen header row, every sheet protected without a password.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ..core.atomic import atomic_write
from ..core.folder import COMPILATION_MARK
from ..sheets.plan import CellStyle, style_grid
from .compilation import Compilation, CompiledSheet

TITLE = "Sammanställning av nämndernas uppföljning"


class _Formats:
    """One XlsxWriter format per distinct CellStyle."""

    def __init__(self, wb):
        self.wb, self.cache = wb, {}

    def get(self, style: CellStyle):
        fmt = self.cache.get(style)
        if fmt is None:
            props = {"font_name": "Calibri", "font_size": 11, "valign": "top",
                     "num_format": style.excel_format, "bold": style.bold, "text_wrap": style.wrap}
            if style.indent:
                props["indent"] = style.indent
            if style.fill:
                props.update(bg_color="#" + style.fill, pattern=1)
            if style.font_colour:
                props["font_color"] = "#" + style.font_colour
            fmt = self.cache[style] = self.wb.add_format(props)
        return fmt


def _write_sheet(wb, formats: _Formats, plan: CompiledSheet) -> None:
    ws = wb.add_worksheet(plan.name)
    grid = style_grid(plan)
    for c, col in enumerate(plan.columns):
        ws.set_column(c, c, col.width)
        ws.write_string(0, c, col.label, formats.get(grid[0][c]))
    for r, row in enumerate(plan.rows):
        for c, value in enumerate(row.values):
            style = grid[r + 1][c]
            own = plan.cell_formats.get((r, c))
            if own is not None:
                style = replace(style, number_format=own)
            fmt = formats.get(style)
            if value is None:
                ws.write_blank(r + 1, c, None, fmt)
            elif isinstance(value, Decimal):
                ws.write_number(r + 1, c, float(value), fmt)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(r + 1, c, value, fmt)
            else:
                ws.write_string(r + 1, c, str(value)[:32767], fmt)
    ws.freeze_panes(plan.freeze_rows, 0)
    ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                    "select_unlocked_cells": True, "autofilter": True, "sort": False})


def workbook_bytes(comp: Compilation) -> bytes:
    """The whole compilation workbook as the bytes of an .xlsx."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    info = comp.info
    subject = f"{info.period} {info.ar}" if info else ""
    wb.set_properties({"title": f"{TITLE} {subject}".strip(), "subject": subject,
                       "author": "excelreport", "company": info.kommun if info else "",
                       "comments": COMPILATION_MARK})
    formats = _Formats(wb)
    for plan in comp.sheets:
        _write_sheet(wb, formats, plan)
    wb.close()
    return buf.getvalue()


def write_compilation(comp: Compilation, target: Path) -> Path:
    """Write the compilation workbook to ``target`` atomically (temp file + replace)."""
    data = workbook_bytes(comp)
    atomic_write(Path(target), lambda fh: fh.write(data))
    return Path(target)
