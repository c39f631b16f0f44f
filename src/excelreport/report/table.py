"""A report table: its columns and cells, sized from their content (``layout``) to span the
text width, hyphenated where words cannot stand whole, and written as one piece of XML
(python-docx's cell proxies are slow for report tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from docx.oxml import parse_xml
from docx.shared import Cm

from . import docx_xml, layout
from .text import bind_numbers, paragraphs, plain

KEEP_TOGETHER_ROWS = 16
KEEP_TOGETHER_CM = 12.0  # a taller table may start on a part-filled page


def text_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill`` (WCAG luminance)."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return "000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "FFFFFF"


@dataclass
class Column:
    """A table column: header text, numeric (right-aligned), and a width it must have at
    least (0: sized from its content alone)."""

    header: str
    width_cm: float = 0.0
    numeric: bool = False


@dataclass
class Cell:
    """A table cell: paragraphs of text, optionally bold lines, a signal fill."""

    lines: list[str] = field(default_factory=list)
    style: str = ""  # default: Tabelltal for numeric columns, Tabelltext otherwise
    bold: bool = False
    fill: str = ""
    bold_first: bool = False  # the first line bold (Internkontroll's risk)
    indent_cm: float = 0.0


class TableMaker:
    """Makes report tables in a document's styles: ``styles`` (name → id), ``style`` (a
    name, or its fallback present in the template), the text width and the table style."""

    def __init__(self, doc, styles: dict[str, str], style: Callable[[str], str | None], text_width_cm: float,
                 table_style_id: str | None):
        self._doc, self._styles, self._style = doc, styles, style
        self._text_width_cm, self._table_style_id = text_width_cm, table_style_id
        self._fonts: dict[tuple[str, bool], tuple[float, bool]] = {}

    def make(self, columns: list[Column], rows: list[list[Cell | str]], caption: str):
        """The table (``w:tbl``, its ``xml:space`` attributes left to set after the move into
        the document), its height in cm with the header, and whether it keeps together."""
        cells = [[v if isinstance(v, Cell) else Cell([v]) for v in values] for values in rows]
        lines = [[self._lines(c, col) for c, col in zip(row, columns)] for row in cells]
        fonts = [[self._font(self._cell_style(c, col), c.bold or c.bold_first) for c, col in zip(row, columns)]
                 for row in cells]
        head_font = self._font("Tabellrubrik", True)
        needs = [layout.measure(col.numeric, col.header, head_font,
                                [(lines[r][k], *fonts[r][k]) for r in range(len(cells))], col.width_cm)
                 for k, col in enumerate(columns)]
        widths_cm = layout.fit(needs, self._text_width_cm)
        height = sum(layout.height_cm([(ls, *f) for ls, f in zip(lines[r], fonts[r])], widths_cm)
                     for r in range(len(cells)))
        together = len(rows) <= KEEP_TOGETHER_ROWS and height <= KEEP_TOGETHER_CM
        widths = [int(Cm(w).twips) for w in widths_cm]
        header = [self._cell(Cell(bold=True, style="Tabellrubrik"), c, tw, True,
                             [layout.hyphenate(plain(c.header), w - layout.CELL_PADDING_CM, *head_font)])
                  for c, w, tw in zip(columns, widths_cm, widths)]
        room = [w - layout.CELL_PADDING_CM for w in widths_cm]
        body = [[self._cell(v, c, w, together and n < len(rows) - 1,
                            ls if c.numeric else [layout.hyphenate(x, r, *f) for x in ls])
                 for c, w, r, v, ls, f in zip(columns, widths, room, values, lines[n], fonts[n])]
                for n, values in enumerate(cells)]
        xml = docx_xml.table_xml([header, *body], widths, self._table_style_id, plain(caption))
        # lxml moves xml:space attributes into another document in quadratic time (a 20 000-row
        # table: minutes), so they are set after the move, in linear time.
        tbl = parse_xml(xml.replace('<w:t xml:space="preserve">', "<w:t>"))
        height += layout.height_cm([([x], *head_font) for x in (c.header for c in columns)], widths_cm)
        return tbl, height, together

    def _font(self, style: str, bold: bool = False) -> tuple[float, bool]:
        """(size in pt, bold) of a paragraph style, following its base styles."""
        key = (style, bold)
        if key not in self._fonts:
            self._fonts[key] = self._style_font(style, bold)
        return self._fonts[key]

    def _style_font(self, style: str, bold: bool) -> tuple[float, bool]:
        name = self._style(style)
        s = self._doc.styles[name] if name else None
        size = None
        while s is not None:
            size = size or (s.font.size.pt if s.font.size else None)
            bold = bold or bool(s.font.bold)
            s = s.base_style
        return size or 11.0, bold

    @staticmethod
    def _cell_style(value: Cell, col: Column) -> str:
        return value.style or ("Tabelltal" if col.numeric else "Tabelltext")

    @staticmethod
    def _lines(value: Cell, col: Column) -> list[str]:
        """A cell's lines as printed: user text with its numbers bound (no break in ``1 300 tkr``)."""
        lines = [plain(x) for x in value.lines] or [""]
        if not col.numeric:
            lines = [bind_numbers(part) for x in lines for part in (paragraphs(x) or [""])]
        return lines

    def _cell(self, value: Cell, col: Column, width: int, keep_next: bool, lines: list[str]) -> str:
        style = self._styles.get(self._style(self._cell_style(value, col)) or "")
        colour = text_on(value.fill) if value.fill else ""
        indent = int(Cm(value.indent_cm).twips) if value.indent_cm else 0
        ps = [docx_xml.paragraph_xml(line, style, bold=value.bold or (value.bold_first and n == 0),
                                     colour=colour, indent_twips=indent, keep_next=keep_next,
                                     right=col.numeric)
              for n, line in enumerate(lines)]
        return docx_xml.cell_xml(ps, width, value.fill)
