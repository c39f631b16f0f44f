"""A sheet as a plan: a generic table of values and looks that a file writer (``write.xlsx``)
or a live Excel book (the button) applies.

A plan holds values (``Decimal``, ``str`` or ``None``), number formats as Excel format
codes, and the looks (bold sum rows, indented tree, fills, links). No office library and
nothing of the contract is imported here: the result sheets are built in ``plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Callable

Value = Decimal | str | None

HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"
LINK_FONT = "0563C1"
TEXT_FORMAT = "General"

@dataclass(frozen=True)
class CellStyle:
    """How one cell looks. Hashable, so writers can share one style among many cells."""

    number_format: str = TEXT_FORMAT
    bold: bool = False
    indent: int = 0
    fill: str | None = None  # RRGGBB
    font_colour: str | None = None  # RRGGBB; None = the workbook's default
    wrap: bool = False
    red_negative: bool = False  # negative numbers in red
    underline: bool = False  # a link

    @property
    def excel_format(self) -> str:
        """The number format code with a red negative section when asked for."""
        fmt = self.number_format
        if self.red_negative and fmt != TEXT_FORMAT and ";" not in fmt:
            return f"{fmt};[Red]-{fmt}"
        return fmt


@dataclass(frozen=True)
class ColumnPlan:
    label: str
    width: float
    style: CellStyle = CellStyle()


@dataclass
class RowPlan:
    values: tuple[Value, ...]
    bold: bool = False
    indent: int = 0  # applied to the sheet's indent column
    fills: dict[int, str] = field(default_factory=dict)  # column index → RRGGBB


@dataclass(frozen=True)
class Link:
    """A cell (0-based data row and column) that links to a cell of another sheet."""

    row: int
    col: int
    sheet: str
    ref: str  # "C5", a column "C", or "" for the sheet itself

    @property
    def location(self) -> str:
        """The target as Excel writes an internal link: ``'Drift'!C5``."""
        name = "'" + self.sheet.replace("'", "''") + "'"
        ref = self.ref or "A1"
        if ref.isalpha():
            ref = f"{ref}:{ref}"
        return f"{name}!{ref}"


@dataclass
class SheetPlan:
    name: str
    columns: tuple[ColumnPlan, ...]
    rows: list[RowPlan]
    links: list[Link] = field(default_factory=list)
    indent_column: int | None = None
    freeze_rows: int = 1  # the header row stays in view

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns)


HEADER_STYLE = CellStyle(bold=True, fill=HEADER_FILL, font_colour=HEADER_FONT, wrap=True)


# --- pure views of a plan --------------------------------------------------------------


def table(plan: SheetPlan, number: Callable[[Decimal], object] | None = None) -> list[list]:
    """The sheet as a 2-D list: header row, then the data rows (numbers via ``number``)."""
    out: list[list] = [list(plan.labels)]
    for row in plan.rows:
        out.append([number(v) if number and isinstance(v, Decimal) else v for v in row.values])
    return out


def cell_style(plan: SheetPlan, row: int, col: int, linked: bool = False) -> CellStyle:
    """The style of a data cell (0-based row and column of the data, below the header)."""
    spec = plan.rows[row]
    style = plan.columns[col].style
    if spec.bold and not style.bold:
        style = replace(style, bold=True)
    if spec.indent and col == plan.indent_column:
        style = replace(style, indent=spec.indent)
    colour = spec.fills.get(col)
    if colour:
        style = replace(style, fill=colour, font_colour=text_colour(colour))
    if linked:
        style = replace(style, underline=True, font_colour=style.font_colour or LINK_FONT)
    return style


def style_grid(plan: SheetPlan) -> list[list[CellStyle]]:
    """The style of every cell of ``table(plan)``, header row included.

    Cells that look alike share one CellStyle object, so writers can map styles by identity.
    """
    linked = {(link.row, link.col) for link in plan.links}
    memo: dict[tuple, CellStyle] = {}
    out = [[HEADER_STYLE] * len(plan.columns)]
    for r, spec in enumerate(plan.rows):
        row = []
        for c in range(len(plan.columns)):
            key = (c, spec.bold, spec.indent if c == plan.indent_column else 0, spec.fills.get(c),
                   (r, c) in linked)
            style = memo.get(key)
            if style is None:
                style = memo[key] = cell_style(plan, r, c, key[4])
            row.append(style)
        out.append(row)
    return out


def text_colour(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (WCAG relative luminance)."""
    def channel(h: str) -> float:
        c = int(h, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(fill[0:2]) + 0.7152 * channel(fill[2:4]) + 0.0722 * channel(fill[4:6])
    return "000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "FFFFFF"
