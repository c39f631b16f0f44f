"""The result sheets written into the live workbook through xlwings, from the same plans as
``excelreport run``: one value write per sheet, then each look (number format, bold, fill …)
in rectangles of equal value, column widths, in-workbook links, the frozen header and the
sheet's protection. Only the toolkit's own sheets are replaced or removed (``own_sheets``).
What only Excel's object model offers (protection, indent, underline) is best effort."""

from __future__ import annotations

from .. import contract as C
from ..core.errors import ExcelReportError
from ..read.grid import column_letter
from ..read.owner import clash_message, result_name_clashes
from ..sheets.plan import style_grid, table
from . import own_sheets


def sheet_rows(plan) -> list[list]:
    """A plan's cells as xlwings writes them: floats for numbers, text that Excel keeps as text."""
    return [[as_text(v) if isinstance(v, str) else v for v in row] for row in table(plan, float)]


def as_text(text: str) -> str:
    """A leading apostrophe keeps Excel from reading ``=``, ``1-2`` or ``52%`` as a formula,
    date or number; Excel stores the text without it."""
    return "'" + text if text else text


def write_plans(book, plans, results: tuple[str, ...] = ()) -> None:
    """Replace the result sheets of ``plans`` in ``book``; remove stale result sheets (the
    contract's and ``results``, a profile's own). A sheet named like one that the toolkit did
    not write refuses the run first (``own_sheets``); every sheet written gets the mark."""
    planned = {p.name for p in plans}
    for name, result in result_name_clashes([s.name for s in book.sheets]):
        if result in planned:
            raise ExcelReportError(clash_message(name, result))
    own_sheets.refuse_foreign(book, results)
    stale = set(C.ALL_RESULT_SHEET_NAMES) | set(results)
    for sheet in list(book.sheets):
        if sheet.name in stale and sheet.name not in planned and len(book.sheets) > 1:
            sheet.delete()
    existing = {s.name: s for s in book.sheets}
    for plan in plans:
        sheet = existing.get(plan.name)
        if sheet is None:
            sheet = book.sheets.add(plan.name, after=book.sheets[len(book.sheets) - 1])
        else:
            best_effort(lambda: sheet.api.Unprotect())
            sheet.clear()
        write_sheet(sheet, plan)
        own_sheets.mark(book, sheet)
        if plan.freeze_rows:
            _freeze(book, sheet, plan.freeze_rows)


def write_sheet(sheet, plan) -> None:
    """One value write for the whole sheet, then each look in rectangles of equal value."""
    rows = sheet_rows(plan)
    sheet.range("A1").value = rows
    styles = style_grid(plan)
    for attr, value, (r1, c1, r2, c2) in look_blocks(styles):
        _look(sheet.range((r1 + 1, c1 + 1), (r2 + 1, c2 + 1)), attr, value)
    for c1, c2, w in _width_blocks([c.width for c in plan.columns]):
        sheet.range(f"{column_letter(c1 + 1)}:{column_letter(c2 + 1)}").column_width = w
    for link in plan.links:
        _link(sheet, sheet.range((link.row + 2, link.col + 1)), link.location,
              str(plan.rows[link.row].values[link.col]), f"Gå till {link.sheet}!{link.ref}".rstrip("!"))
    best_effort(lambda: sheet.api.Protect(DrawingObjects=True, Contents=True, Scenarios=True,
                                   AllowFormattingColumns=True, AllowFormattingRows=True))


_LOOKS = (  # attribute of a CellStyle, its default (needs no call)
    ("excel_format", "General"), ("bold", False), ("fill", None), ("font_colour", None),
    ("wrap", False), ("indent", 0), ("underline", False),
)


def look_blocks(styles: list[list]) -> list[tuple[str, object, tuple[int, int, int, int]]]:
    """Each look (number format, bold, fill …) as rectangles of equal value, 0-based and
    inclusive (r1, c1, r2, c2): a sheet takes a handful of calls, not one per cell."""
    out = []
    for attr, default in _LOOKS:
        grid = [[getattr(s, attr) for s in row] for row in styles]
        out += [(attr, value, rect) for rect, value in blocks(grid) if value != default]
    return out


def blocks(grid: list[list]) -> list[tuple[tuple[int, int, int, int], object]]:
    """Runs of equal value down each column; neighbouring columns with the same runs joined."""
    columns = []
    for c in range(len(grid[0]) if grid else 0):
        runs, r = [], 0
        while r < len(grid):
            end = r
            while end + 1 < len(grid) and grid[end + 1][c] == grid[r][c]:
                end += 1
            runs.append((r, end, grid[r][c]))
            r = end + 1
        columns.append(runs)
    out, c = [], 0
    while c < len(columns):
        last = c
        while last + 1 < len(columns) and columns[last + 1] == columns[c]:
            last += 1
        out += [((r1, c, r2, last), value) for r1, r2, value in columns[c]]
        c = last + 1
    return out


def _width_blocks(widths: list[float]) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for c, w in enumerate(widths):
        if out and out[-1][2] == w and out[-1][1] == c - 1:
            out[-1] = (out[-1][0], c, w)
        else:
            out.append((c, c, w))
    return out


def _look(rng, attr: str, value) -> None:
    if attr == "excel_format":
        rng.number_format = value
    elif attr == "bold":
        rng.font.bold = True
    elif attr == "fill":
        rng.color = "#" + value
    elif attr == "font_colour":
        rng.font.color = "#" + value
    elif attr == "wrap":
        rng.wrap_text = True
    elif attr == "indent":
        best_effort(lambda: setattr(rng.api, "IndentLevel", value))
    elif attr == "underline":
        best_effort(lambda: setattr(rng.api.Font, "Underline", 2))  # xlUnderlineStyleSingle


def _link(sheet, rng, location: str, text: str, tip: str) -> None:
    """An in-workbook link, the way Excel stores one (SubAddress); xlwings' own call else."""
    try:
        sheet.api.Hyperlinks.Add(Anchor=rng.api, Address="", SubAddress=location,
                                 ScreenTip=tip, TextToDisplay=text)
    except Exception:  # noqa: BLE001 - no COM (another engine): a "#Blad!A1" address
        rng.add_hyperlink("#" + location, text, tip)


def _freeze(book, sheet, rows: int) -> None:
    """Keep the header in view: xlwings' freeze_panes where the engine has it, else Excel's
    window (which needs the sheet active; the caller re-activates the right sheet)."""
    try:
        sheet.freeze_panes.freeze_at(f"1:{rows}")
        return
    except Exception:  # noqa: BLE001 - not implemented by the Windows engine
        pass
    try:
        sheet.activate()
        window = book.app.api.ActiveWindow
        window.FreezePanes = False
        window.SplitColumn, window.SplitRow = 0, rows
        window.FreezePanes = True
    except Exception:  # noqa: BLE001
        pass


def best_effort(action) -> None:
    """A look that only Excel's own object model offers: best effort, never fatal."""
    try:
        action()
    except Exception:  # noqa: BLE001
        pass


def active_name(book) -> str | None:
    try:
        return book.sheets.active.name
    except Exception:  # noqa: BLE001
        return None


def activate(book, name: str) -> None:
    best_effort(lambda: book.sheets[name].activate())
