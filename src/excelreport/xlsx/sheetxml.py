"""The worksheet part of one result sheet: values, not formulas."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

from ..read.grid import column_letter
from ..write.table import SheetPlan, style_grid, table
from .opc import MAIN_NS, REL_NS
from .styles import StyleBook
from .xmltext import esc

_NUM_CONTEXT = Context(prec=15, rounding=ROUND_HALF_EVEN)


def number_text(value: Decimal) -> str:
    """A number as ``<v>`` text, never an exponent: the exact decimal when it has at most 15
    significant digits (every typed value), else the shortest text of the nearest double —
    what Excel itself stores for a computed value such as Budget × 8 / 12."""
    d = _NUM_CONTEXT.plus(value)
    if d == 0:
        return "0"
    if d != value:
        d = Decimal(repr(float(value)))
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def sheet_xml(plan: SheetPlan, styles: StyleBook, sheet_names: set[str]) -> bytes:
    """The worksheet part of one result sheet: values, not formulas."""
    values = table(plan)
    grid = style_grid(plan)
    ncols = len(plan.columns)
    last = f"{column_letter(ncols)}{len(values)}"
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
           f'<dimension ref="A1:{last}"/>']
    if plan.freeze_rows:
        top = f"A{plan.freeze_rows + 1}"
        out.append(f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{plan.freeze_rows}" '
                   f'topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
                   f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>')
    else:
        out.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
    out.append('<sheetFormatPr defaultRowHeight="15"/><cols>')
    for i, col in enumerate(plan.columns, start=1):
        out.append(f'<col min="{i}" max="{i}" width="{col.width:g}" customWidth="1"/>')
    out.append("</cols><sheetData>")
    letters = [column_letter(c) for c in range(1, ncols + 1)]
    xf_of: dict[int, int] = {}  # style_grid shares one object per look: map by identity
    for r, (row, styles_row) in enumerate(zip(values, grid), start=1):
        out.append(f'<row r="{r}">')
        for c, (value, style) in enumerate(zip(row, styles_row)):
            ref = f"{letters[c]}{r}"
            s = xf_of.get(id(style))
            if s is None:
                s = xf_of[id(style)] = styles.xf(style)
            if value is None:
                out.append(f'<c r="{ref}" s="{s}"/>')
            elif isinstance(value, Decimal):
                out.append(f'<c r="{ref}" s="{s}"><v>{number_text(value)}</v></c>')
            else:
                text = str(value)
                space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
                out.append(f'<c r="{ref}" s="{s}" t="inlineStr"><is><t{space}>{esc(text)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData>")
    out.append('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>')
    links = [link for link in plan.links if link.sheet in sheet_names]
    if links:
        out.append("<hyperlinks>")
        for link in links:
            ref = f"{letters[link.col]}{link.row + 2}"
            display = values[link.row + 1][link.col] or link.location
            out.append(f'<hyperlink ref="{ref}" location="{esc(link.location, True)}" '
                       f'display="{esc(str(display), True)}"/>')
        out.append("</hyperlinks>")
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
               '<pageSetup paperSize="9" orientation="landscape"/>'
               "</worksheet>")
    return "".join(out).encode("utf-8")
