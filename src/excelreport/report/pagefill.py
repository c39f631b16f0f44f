"""How full the current page is, estimated while the report is written: a main section
starts on a new page only when the page before it is more than half full.

The template's ``Heading 1`` starts a new page (``pageBreakBefore``). A report of short
sections would then print one small table per page, mostly blank; so each main heading
after the first asks how far down its page the body has come (paragraph lines at their
style's size and spacing, tables as ``layout`` estimated their rows, charts at their
height) and, when it is not past half the page, stays on it. The heading keeps with what
follows (the template's ``keep_with_next``; a short table's rows keep together), so a
heading whose table does not fit moves with it to the next page.
"""

from __future__ import annotations

import math

from docx.oxml.ns import qn
from docx.shared import Emu

from . import layout

HALF = 0.5  # a page fuller than this: the next main section starts on a new page
_EMU_PER_CM = 360000


def page_body_cm(section) -> float:
    """The height between the top and bottom margins of ``section``."""
    s = section
    if s.page_height and s.top_margin is not None and s.bottom_margin is not None:
        return (s.page_height - s.top_margin - s.bottom_margin) / _EMU_PER_CM
    return 24.0


class PageFill:
    """Estimates of the body's blocks, and where a page break falls."""

    def __init__(self, doc, styles: dict[str, str], text_width_cm: float, page_cm: float):
        self.doc, self.text_width_cm, self.page_cm = doc, text_width_cm, page_cm
        self._by_id = {v: k for k, v in styles.items()}  # style id → name
        self._style_cache: dict[str, tuple[float, float, bool]] = {}
        self.tables: dict = {}  # w:tbl element → estimated height (cm); the proxy kept alive

    def style(self, style_id: str) -> tuple[float, float, bool]:
        """(font size pt, space before + after cm, page break before) of a paragraph style."""
        if style_id not in self._style_cache:
            name = self._by_id.get(style_id)
            s = self.doc.styles[name] if name else self.doc.styles["Normal"]
            size = before = after = breaks = None
            while s is not None:
                pf = s.paragraph_format
                size = size or (s.font.size.pt if s.font.size else None)
                before = before if before is not None else pf.space_before
                after = after if after is not None else pf.space_after
                breaks = breaks if breaks is not None else pf.page_break_before
                s = s.base_style
            space = sum(Emu(x).cm for x in (before, after) if x is not None)
            self._style_cache[style_id] = (size or 11.0, space, bool(breaks))
        return self._style_cache[style_id]

    def _style_id(self, p) -> str:
        ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        return ps.get(qn("w:val")) if ps is not None else self._styles_normal()

    def _styles_normal(self) -> str:
        return next((k for k, v in self._by_id.items() if v == "Normal"), "")

    def breaks_before(self, p) -> bool:
        """Whether paragraph ``p`` starts a new page (its own setting, else its style's)."""
        own = p.find(qn("w:pPr") + "/" + qn("w:pageBreakBefore"))
        if own is not None:
            return own.get(qn("w:val"), "1") not in ("0", "false", "off")
        return self.style(self._style_id(p))[2]

    def paragraph_cm(self, p) -> float:
        extent = next(p.iter(qn("wp:extent")), None)
        if extent is not None:  # a chart or a picture
            return int(extent.get("cy", "0")) / _EMU_PER_CM + 0.3
        size, space, _ = self.style(self._style_id(p))
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        lines = max(1, math.ceil(layout.text_cm(text, size) / max(self.text_width_cm, 1.0)))
        lines += sum(1 for br in p.iter(qn("w:br")) if br.get(qn("w:type")) in (None, "textWrapping"))
        return lines * size * layout.LINE_HEIGHT / layout.PT_PER_CM + space

    def used_cm(self, before) -> float:
        """How far down its page the body has come just before element ``before``."""
        used = 0.0
        node = before.getprevious()
        while node is not None:
            if node.tag == qn("w:tbl"):
                used += self.tables.get(node, 1.0)
            elif node.tag == qn("w:p"):
                if any(br.get(qn("w:type")) == "page" for br in node.iter(qn("w:br"))):
                    break
                used += self.paragraph_cm(node)
                if self.breaks_before(node):
                    break
            node = node.getprevious()
        return used % self.page_cm if self.page_cm > 0 else used

    def fuller_than_half(self, p) -> bool:
        return self.used_cm(p) > HALF * self.page_cm
