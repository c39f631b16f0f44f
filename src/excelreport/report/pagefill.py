"""How full the current page is, estimated while the report is written: a main section
starts on a new page only when the page before it is more than half full.

The template's ``Heading 1`` starts a new page (``pageBreakBefore``). A report of short
sections would then print one small table per page, mostly blank; so each main heading
after the first asks how far down its page the body has come (paragraph lines at their
style's size and spacing, tables as ``layout`` estimated their rows, charts at their
height) and, when it is not past half the page, stays on it. The heading keeps with what
follows (the template's ``keep_with_next``; a short table's rows keep together), so a
heading whose table does not fit moves with it to the next page.

An estimate drifts over a long section; so once LibreOffice has laid the report out (the
first of the PDF's conversions), ``correct`` looks at the PDF: where each main heading
stands, how far down the page before it (or above it) the words go, and sets each main
heading's page break to what that page asks for.
"""

from __future__ import annotations

import math

from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from . import layout
from .pdf import destination_name, destinations, word_boxes

HALF = 0.5  # a page fuller than this: the next main section starts on a new page
AIR_PT = 18  # space above a main heading that follows on the same page (the template's Heading 2 has 18)
_EMU_PER_CM = 360000
_EMU_PER_PT = 12700


def set_break(paragraph, breaks: bool) -> None:
    """A main heading on a new page, or on the same page with some air above it."""
    paragraph.paragraph_format.page_break_before = breaks
    paragraph.paragraph_format.space_before = None if breaks else Pt(AIR_PT)


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
        self._style_cache: dict[str, tuple[float, float, bool, bool]] = {}
        self.tables: dict = {}  # w:tbl element → (estimated height cm, kept whole); the proxy kept alive

    def style(self, style_id: str) -> tuple[float, float, bool, bool]:
        """(font size pt, space before + after cm, page break before, keep with next) of a
        paragraph style, following its base styles."""
        if style_id not in self._style_cache:
            name = self._by_id.get(style_id)
            s = self.doc.styles[name] if name else self.doc.styles["Normal"]
            size = before = after = breaks = keep = None
            while s is not None:
                pf = s.paragraph_format
                size = size or (s.font.size.pt if s.font.size else None)
                before = before if before is not None else pf.space_before
                after = after if after is not None else pf.space_after
                breaks = breaks if breaks is not None else pf.page_break_before
                keep = keep if keep is not None else pf.keep_with_next
                s = s.base_style
            space = sum(Emu(x).cm for x in (before, after) if x is not None)
            self._style_cache[style_id] = (size or 11.0, space, bool(breaks), bool(keep))
        return self._style_cache[style_id]

    def _style_id(self, p) -> str:
        ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        return ps.get(qn("w:val")) if ps is not None else self._styles_normal()

    def _styles_normal(self) -> str:
        return next((k for k, v in self._by_id.items() if v == "Normal"), "")

    def _own(self, p, tag: str, index: int) -> bool:
        """A paragraph's own on/off setting ``tag``, else its style's (``style()[index]``)."""
        own = p.find(qn("w:pPr") + "/" + qn(tag))
        if own is not None:
            return own.get(qn("w:val"), "1") not in ("0", "false", "off")
        return self.style(self._style_id(p))[index]

    def breaks_before(self, p) -> bool:
        """Whether paragraph ``p`` starts a new page (its own setting, else its style's)."""
        return self._own(p, "w:pageBreakBefore", 2)

    def paragraph_cm(self, p) -> float:
        extent = next(p.iter(qn("wp:extent")), None)
        if extent is not None:  # a chart or a picture
            return int(extent.get("cy", "0")) / _EMU_PER_CM + 0.3
        size, space, _, _ = self.style(self._style_id(p))
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        lines = max(1, math.ceil(layout.text_cm(text, size) / max(self.text_width_cm, 1.0)))
        lines += sum(1 for br in p.iter(qn("w:br")) if br.get(qn("w:type")) in (None, "textWrapping"))
        return lines * size * layout.LINE_HEIGHT / layout.PT_PER_CM + space

    def _blocks(self, before) -> list[tuple[float, bool, bool]]:
        """The blocks since the last page break up to ``before``, in order: (height cm,
        kept whole, kept with the next)."""
        blocks = []
        node = before.getprevious()
        while node is not None:
            if node.tag == qn("w:tbl"):
                height, whole = self.tables.get(node, (1.0, False))
                blocks.append((height, whole, False))
            elif node.tag == qn("w:p"):
                if any(br.get(qn("w:type")) == "page" for br in node.iter(qn("w:br"))):
                    break
                picture = next(node.iter(qn("wp:extent")), None) is not None
                blocks.append((self.paragraph_cm(node), picture, self._own(node, "w:keepNext", 3)))
                if self.breaks_before(node):
                    break
            node = node.getprevious()
        return blocks[::-1]

    def used_cm(self, before) -> float:
        """How far down its page the body has come just before element ``before``: the
        blocks since the last page break laid out in turn, a block kept whole (a short
        table, a chart) or kept with the next moving to a new page when it does not fit."""
        page, pos = self.page_cm, 0.0
        blocks = self._blocks(before)
        for n, (height, whole, keep) in enumerate(blocks):
            need = height
            if keep and n + 1 < len(blocks):
                following, following_whole, _ = blocks[n + 1]
                need += following if following_whole else min(following, 1.0)
            if (whole or keep) and pos > 0 and pos + need > page:
                pos = 0.0
            pos += height
            while pos > page > 0:
                pos -= page
        return pos

    def fuller_than_half(self, p) -> bool:
        return self.used_cm(p) > HALF * self.page_cm

    def correct(self, mains: list[tuple[object, str]], pdf, section) -> bool:
        """Set the page break of each main heading after the first (``mains``: paragraph,
        bookmark; the first main heading first) from the PDF's layout. In order: while no
        break has changed, each heading's break follows how full the body above it is in
        this layout (its own page's words above it, or the page before when it starts a
        page); after a change the rest of the layout moves, so the sections' printed heights
        (measured from heading to heading) are laid out in turn from there. Whether any
        break changed (then convert and correct again); False without poppler."""
        found, boxes = destinations(pdf), word_boxes(pdf)
        if not found or not boxes or len(mains) < 2 or None in (section.top_margin, section.bottom_margin):
            return False
        top = section.top_margin / _EMU_PER_PT
        body = boxes[0][0] - top - section.bottom_margin / _EMU_PER_PT
        where = [found.get(destination_name(name), (0, None)) for _, name in mains]
        if any(y is None or not 0 < page <= len(boxes) for page, y in where):
            return False
        starts = [(page, boxes[page - 1][0] - y - top) for page, y in where]  # from the body's top

        def foot(page: int, below: float = 0.0) -> float:  # how far down the body the words go
            return max((b - top for a, b in boxes[page - 1][1] if top <= a and b - top <= min(body, below or body)),
                       default=0.0)

        pos, changed = None, False
        for (paragraph, _), (page, y), (previous, before_y) in zip(mains[1:], starts[1:], starts):
            if pos is None:  # the layout above is as printed
                above = foot(page, y + 1) if foot(page, y + 1) > 0 else foot(page - 1) if page > 1 else 0.0
            else:  # laid out from the measured height of the section before
                height = y - before_y if page == previous else (
                    foot(previous) - before_y + sum(foot(n) for n in range(previous + 1, page)) + max(y, 0.0))
                above = pos = (pos + height) % body
            wanted = above > HALF * body
            if wanted != self.breaks_before(paragraph._p):
                set_break(paragraph, wanted)
                changed = True
                pos = pos if pos is not None else above
            if pos is not None and wanted:
                pos = 0.0
        return changed
