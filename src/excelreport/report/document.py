"""A report document on the Word template: headings, user text, tables, pictures, TOC.

The look is the template's: styles are used by name (``Heading 1``–``3``, ``Title``,
``Subtitle``, ``Tabelltext``, ``Tabelltal``, ``Rapporttabell``, ``Etikett``, ``Caption``,
``Diagram``, ``Fotnot``, ``TOC 1``/``TOC 2``) and fall back to a built-in one when another
template lacks them. Only signal colours (the contract's) are set here.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph

from ..core.atomic import atomic_write
from ..core.errors import ExcelReportError
from . import docx_xml, pagefill
from .table import Cell, Column, TableMaker, text_on
from .text import bind_numbers, paragraphs, plain


def _default_template() -> Path:
    """templates/rapport.docx: installed as the package excelreport.templates."""
    try:
        return Path(str(files("excelreport.templates").joinpath("rapport.docx")))
    except ModuleNotFoundError:  # an editable install: the checkout's own folder
        return Path(__file__).resolve().parents[3] / "templates" / "rapport.docx"


TEMPLATE = _default_template()
FALLBACKS = {"Tabelltext": "Normal", "Tabellrubrik": "Tabelltext", "Tabelltal": "Tabelltext", "Fotnot": "Normal",
             "Diagram": "Normal", "Caption": "Normal", "Omslagstext": "Normal",
             "Indikator": "Normal", "Omslag": "Omslagstext", "TOC 1": "Normal", "TOC 2": "TOC 1",
             "TOC Heading": "Title", "Subtitle": "Normal", "Title": "Normal"}
TOC_LEVELS = 2
_PLACEHOLDER = re.compile(r"\{(kommun|nämnd|period|år)\}")


@dataclass
class TocEntry:
    level: int
    text: str
    bookmark: str
    page_run: object = None


class ReportDocument:
    """Builds the report body on a copy of the template."""

    def __init__(self, template: str | Path | None = None):
        path = Path(template) if template else TEMPLATE
        if not path.is_file():
            raise ExcelReportError(f"Rapportmallen {path} finns inte. Ange en .docx med --template.")
        try:
            self.doc = Document(str(path))
        except Exception as exc:  # python-docx raises several kinds for a non-docx file
            raise ExcelReportError(f"Rapportmallen {path} är inte ett Word-dokument (.docx): {exc}") from exc
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self._styles = _style_ids(self.doc)
        # Looked up once: the report adds no section and no style.
        self._table_style_id = next((self._styles[name] for name in ("Rapporttabell", "Table Grid")
                                     if name in self._styles
                                     and self.doc.styles[name].type == WD_STYLE_TYPE.TABLE), None)
        self._text_width_cm = _text_width_cm(self.doc.sections[-1])
        self._tables = TableMaker(self.doc, self._styles, self.style, self._text_width_cm, self._table_style_id)
        self._fill = pagefill.PageFill(self.doc, self._styles, self._text_width_cm,
                                       pagefill.page_body_cm(self.doc.sections[-1]))
        self._main_headings = 0
        self._mains: list[tuple[object, str]] = []  # main headings that may break: (paragraph, bookmark)
        self.alt_texts: list[str] = []  # the charts', in order (the PDF's figures get them)
        self.pdf_notes: list[str] = []  # what went wrong in the PDF (a font missing), for a Varning
        self.toc: list[TocEntry] = []
        self._ids = 0

    # --- styles -------------------------------------------------------------------------

    def style(self, name: str) -> str | None:
        while name not in self._styles:
            name = FALLBACKS.get(name, "")
            if not name:
                return None
        return name

    def add(self, text: str = "", style: str = "Normal"):
        """A paragraph in ``style`` at the end of the body, built directly: python-docx's
        lookup of a style by name, and its insertion of ``w:pPr``/``w:pStyle`` among their
        possible siblings, cost more than the paragraph."""
        p = OxmlElement("w:p")
        name = self.style(style)
        if name is not None:
            ppr = OxmlElement("w:pPr")
            ppr.append(OxmlElement("w:pStyle", {qn("w:val"): self._styles[name]}))
            p.append(ppr)
        body = self.doc.element.body
        end = body[-1] if len(body) and body[-1].tag == qn("w:sectPr") else None
        if end is not None:
            end.addprevious(p)
        else:
            body.append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            docx_xml.add_text(paragraph, text)
        return paragraph

    # --- blocks -------------------------------------------------------------------------

    def heading(self, text: str, level: int, *, toc: bool = True):
        """A heading; a main one (level 1) after the first starts a new page, as the template's
        style has it, only when the page before is more than half full (``pagefill``)."""
        p = self.add(plain(text), f"Heading {level}")
        breaks = level == 1 and self._fill.breaks_before(p._p)  # as the template's style has it
        if breaks and self._main_headings and not self._fill.fuller_than_half(p._p):
            pagefill.set_break(p, False)
        self._main_headings += level == 1
        if toc and level <= TOC_LEVELS:
            self._ids += 1
            name = f"_Toc{self._ids:06d}"
            docx_xml.add_bookmark(p, name, self._ids)
            self.toc.append(TocEntry(level, plain(text), name))
            if breaks:
                self._mains.append((p, name))
        return p

    def refill(self, pdf) -> bool:
        """Correct the main headings' page breaks from the laid-out PDF (``pagefill``);
        whether any changed (the document must then be saved and converted again)."""
        return self._fill.correct(self._mains, pdf, self.doc.sections[-1])

    def text(self, text: str, style: str = "Normal") -> None:
        """User text: every line a paragraph, typed characters kept (tabs too)."""
        for line in paragraphs(plain(text)):
            self.add(bind_numbers(line), style)

    def paragraph(self, style: str = "Normal"):
        return self.add("", style)

    def label(self, paragraph, text: str) -> None:
        run = docx_xml.add_text(paragraph, text)
        if "Etikett" in self._styles:
            run._r.style = self._styles["Etikett"]
        else:
            run.bold = True

    def signal(self, paragraph, text: str, fill: str) -> None:
        """An assessment: its text on its signal colour (the text carries the meaning)."""
        run = docx_xml.add_text(paragraph, f"\u00a0{plain(text)}\u00a0")
        rpr = run._r.get_or_add_rPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        rpr.append(shd)
        run.font.color.rgb = RGBColor.from_string(text_on(fill))

    def labelled(self, label: str, value: str, style: str = "Normal"):
        p = self.paragraph(style)
        self.label(p, label + " ")
        docx_xml.add_text(p, bind_numbers(plain(value)) or "-")
        return p

    def table(self, columns: list[Column], rows: list[list[Cell | str]], caption: str) -> None:
        """A table with a marked, repeated header row; cells are Cell or plain text.

        Columns are sized from their content (``layout``) to span the text width; a short
        table never breaks over pages (``table.TableMaker``).
        """
        tbl, height, together = self._tables.make(columns, rows, caption)
        spacer = self.add("", "Tabelltext")
        spacer.paragraph_format.space_after = Pt(6)
        spacer._p.addprevious(tbl)
        self._fill.tables[tbl] = (height, together)
        space = qn("xml:space")
        for t in tbl.iter(qn("w:t")):
            t.set(space, "preserve")

    def chart(self, chart, width_cm: float = 16.0) -> None:
        """A chart (``charts.Chart``, Word's own) with its alt text, and its caption below."""
        self.alt_texts.append(chart.alt_text)
        run = self.paragraph("Diagram").add_run()
        docx_xml.add_chart(run, chart.xml, chart.workbook, Cm(width_cm), Cm(chart.height_cm),
                           chart.alt_text, chart.caption)
        self.add(chart.caption, "Caption")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- cover, contents, header/footer, properties ----------------------------------------

    def cover(self, lines: list[tuple[str, str]]) -> None:
        """Cover lines as (style, text), then a page break."""
        for style, text in lines:
            self._cover_last = self.add(plain(text), style)
        self.page_break()
        self._cover_break = self.doc.paragraphs[-1]

    def cover_has_logo(self) -> bool:
        """Whether the template's cover (its first-page header) holds a logo or its
        placeholder: then the cover's text need not name the kommun again."""
        section = self.doc.sections[0]
        if not section.different_first_page_header_footer or section.first_page_header.is_linked_to_previous:
            return False
        header = section.first_page_header._element
        return bool("".join(t.text or "" for t in header.iter(qn("w:t"))).strip()
                    or next(header.iter(qn("wp:docPr")), None) is not None)

    def cover_note(self, text: str) -> None:
        """A line on the cover, after its others (e.g. that the report is empty)."""
        note = self.add(plain(text), "Omslagstext")
        self._cover_last._p.addnext(note._p)
        self._cover_last = note

    def contents(self, title: str = "Innehåll") -> None:
        """Where the table of contents goes; filled by ``finish_contents`` once headings exist."""
        self._toc_title = self.add(title, "TOC Heading")
        self._toc_anchor = self.doc.add_paragraph()

    def finish_contents(self) -> None:
        """A real TOC field (Word and LibreOffice update it) whose shown result already
        lists the headings, linked to their bookmarks; page numbers via ``set_pages``."""
        anchor = self._toc_anchor
        if not self.toc:  # nothing to list: no contents page (nor a blank page after the cover)
            for p in (self._toc_title, anchor, getattr(self, "_cover_break", None)):
                if p is not None:
                    p._p.getparent().remove(p._p)
            return
        entries = self.toc
        last = None
        for n, entry in enumerate(entries):
            p = self.add("", f"TOC {entry.level}")
            anchor._p.addprevious(p._p)
            if n == 0:
                docx_xml.begin_field(p, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), entry.bookmark)
            link.set(qn("w:history"), "1")
            p._p.append(link)
            for text in (entry.text, "\t", ""):
                run = p.add_run(text)
                link.append(run._r)
                entry.page_run = run
            last = p
        docx_xml.end_field(last)
        anchor._p.getparent().remove(anchor._p)
        docx_xml.update_fields_on_open(self.doc)

    def set_pages(self, pages: dict[str, int]) -> None:
        for entry in self.toc:
            if entry.bookmark in pages:
                entry.page_run.text = str(pages[entry.bookmark])

    def fill_placeholders(self, values: dict[str, str]) -> None:
        """``{kommun}``, ``{nämnd}``, ``{period}``, ``{år}`` in headers and footers."""
        values = {k: plain(v) for k, v in values.items()}
        for section in self.doc.sections:
            for part in (section.header, section.footer, section.first_page_header,
                         section.first_page_footer, section.even_page_header, section.even_page_footer):
                if part.is_linked_to_previous and section is not self.doc.sections[0]:
                    continue
                for p in part._element.iter(qn("w:p")):
                    _replace_in_paragraph(p, values)
                for doc_pr in docx_xml.pictures_without_alt_text(part._element):
                    doc_pr.set("descr", f"Logotyp, {values.get('kommun', '')}".strip(", "))

    def properties(self, title: str, author: str, subject: str, keywords: str, description: str = "") -> None:
        """Core properties of a new document: created and modified now, by ``author``; the
        template's own history (dates, program, thumbnail) is not carried over."""
        props = self.doc.core_properties
        props.title, props.author, props.subject = plain(title), plain(author), plain(subject)
        props.keywords, props.last_modified_by = plain(keywords), plain(author)
        props.comments, props.category, props.revision = plain(description), "Rapport", 1
        props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        docx_xml.fresh_package(self.doc, "excelreport")
        docx_xml.set_language(self.doc)

    def save(self, path: str | Path) -> Path:
        """Write the .docx atomically (a temporary file beside it, then replace). The package
        is made in memory first, so a full disk cannot leave python-docx's zip half-open."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        atomic_write(path, lambda fh: fh.write(buffer.getbuffer()))
        return path


def _text_width_cm(section) -> float:
    """The width between the margins of ``section``."""
    s = section
    if s.page_width and s.left_margin is not None and s.right_margin is not None:
        return (s.page_width - s.left_margin - s.right_margin) / 360000
    return 16.0


def _style_ids(doc) -> dict[str, str]:
    """Style name (as Word shows it) → style id, read from styles.xml directly (python-docx's
    style proxies cost more than the report's paragraphs)."""
    ids = {}
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")):
            ids[BabelFish.internal2ui(name.get(qn("w:val")))] = style.get(qn("w:styleId"))
    return ids


def _replace_in_paragraph(p, values: dict[str, str]) -> None:
    texts = list(p.iter(qn("w:t")))
    joined = "".join(t.text or "" for t in texts)
    if not _PLACEHOLDER.search(joined):
        return

    def sub(s: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), s)

    per_run = [sub(t.text or "") for t in texts]
    if _PLACEHOLDER.search("".join(per_run)):
        # A placeholder split over runs (Word does that after edits): join into the first run.
        per_run = [sub(joined)] + [""] * (len(texts) - 1)
    for t, value in zip(texts, per_run):
        t.text = value
        t.set(qn("xml:space"), "preserve")
