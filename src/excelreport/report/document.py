"""A report document on the Word template: headings, user text, tables, pictures, TOC.

The look is the template's: styles are used by name (``Heading 1``–``3``, ``Title``,
``Subtitle``, ``Tabelltext``, ``Tabelltal``, ``Rapporttabell``, ``Etikett``, ``Caption``,
``Diagram``, ``Fotnot``, ``TOC 1``/``TOC 2``) and fall back to a built-in one when another
template lacks them. Only signal colours (the contract's) are set here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..findings import ExcelReportError
from . import docx_xml
from .text import clean, paragraphs

def _default_template() -> Path:
    """templates/rapport.docx: installed as the package excelreport.templates."""
    from importlib.resources import files

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
KEEP_TOGETHER_ROWS = 16
_PLACEHOLDER = re.compile(r"\{(kommun|nämnd|period|år)\}")


def _plain(text: object) -> str:
    return clean("" if text is None else str(text))[0]


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
    """A table column: header text, width, numeric (right-aligned)."""

    header: str
    width_cm: float
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
        self._styles = {s.name: s.style_id for s in self.doc.styles}
        self.toc: list[TocEntry] = []
        self._pictures: list = []
        self._ids = 0

    # --- styles -------------------------------------------------------------------------

    def style(self, name: str) -> str | None:
        while name not in self._styles:
            name = FALLBACKS.get(name, "")
            if not name:
                return None
        return name

    def add(self, text: str = "", style: str = "Normal"):
        """A paragraph in ``style`` (resolved once: python-docx's lookup by name is slow)."""
        p = self.doc.add_paragraph(text)
        self.set_style(p, style)
        return p

    def set_style(self, p, style: str) -> None:
        name = self.style(style)
        if name is not None:
            p._p.style = self._styles[name]

    def _table_style(self):
        for name in ("Rapporttabell", "Table Grid"):
            if name in self._styles and self.doc.styles[name].type == WD_STYLE_TYPE.TABLE:
                return self.doc.styles[name]
        return None

    # --- blocks -------------------------------------------------------------------------

    def heading(self, text: str, level: int, *, toc: bool = True):
        p = self.add(_plain(text), f"Heading {level}")
        if toc and level <= TOC_LEVELS:
            self._ids += 1
            name = f"_Toc{self._ids:06d}"
            docx_xml.add_bookmark(p, name, self._ids)
            self.toc.append(TocEntry(level, _plain(text), name))
        return p

    def text(self, text: str, style: str = "Normal") -> None:
        """User text: every line a paragraph, typed characters kept (tabs too)."""
        for line in paragraphs(_plain(text)):
            self.add(line, style)

    def paragraph(self, style: str = "Normal"):
        return self.add("", style)

    def label(self, paragraph, text: str) -> None:
        run = paragraph.add_run(text)
        if "Etikett" in self._styles:
            run._r.style = self._styles["Etikett"]
        else:
            run.bold = True

    def signal(self, paragraph, text: str, fill: str) -> None:
        """An assessment: its text on its signal colour (the text carries the meaning)."""
        run = paragraph.add_run(f"\u00a0{_plain(text)}\u00a0")
        rpr = run._r.get_or_add_rPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        rpr.append(shd)
        run.font.color.rgb = RGBColor.from_string(text_on(fill))

    def labelled(self, label: str, value: str, style: str = "Normal") -> None:
        p = self.paragraph(style)
        self.label(p, label + " ")
        p.add_run(_plain(value) or "-")

    def table(self, columns: list[Column], rows: list[list[Cell | str]], caption: str) -> None:
        """A table with a marked, repeated header row; cells are Cell or plain text.

        Written as one piece of XML: python-docx's cell proxies are slow for report tables.
        """
        widths = [int(Cm(c.width_cm).twips) for c in columns]
        together = len(rows) <= KEEP_TOGETHER_ROWS  # a short table never breaks over pages
        header = [self._cell(Cell([c.header], bold=True, style="Tabellrubrik"), c, w, together)
                  for c, w in zip(columns, widths)]
        body = [[self._cell(v if isinstance(v, Cell) else Cell([v]), c, w, together and n < len(rows) - 1)
                 for c, w, v in zip(columns, widths, values)] for n, values in enumerate(rows)]
        style = self._table_style()
        xml = docx_xml.table_xml([header, *body], widths, style.style_id if style is not None else None,
                                 _plain(caption))
        # lxml moves xml:space attributes into another document in quadratic time (a 20 000-row
        # table: minutes), so they are set after the move, in linear time.
        tbl = parse_xml(xml.replace('<w:t xml:space="preserve">', "<w:t>"))
        spacer = self.add("", "Tabelltext")
        spacer.paragraph_format.space_after = Pt(6)
        spacer._p.addprevious(tbl)
        space = qn("xml:space")
        for t in tbl.iter(qn("w:t")):
            t.set(space, "preserve")

    def _cell(self, value: Cell, col: Column, width: int, keep_next: bool = False) -> str:
        name = value.style or ("Tabelltal" if col.numeric else "Tabelltext")
        style = self._styles.get(self.style(name) or "")
        lines = [_plain(x) for x in value.lines] or [""]
        if not col.numeric:
            lines = [part for x in lines for part in (paragraphs(x) or [""])]
        colour = text_on(value.fill) if value.fill else ""
        indent = int(Cm(value.indent_cm).twips) if value.indent_cm else 0
        ps = [docx_xml.paragraph_xml(line, style, bold=value.bold or (value.bold_first and n == 0),
                                     colour=colour, indent_twips=indent, keep_next=keep_next,
                                     right=col.numeric)
              for n, line in enumerate(lines)]
        return docx_xml.cell_xml(ps, width, value.fill)

    def picture_later(self, job: tuple[str, tuple], width_cm: float = 16.0) -> None:
        """A place for a chart drawn later (a ``charts.render`` job), filled by ``pictures``."""
        self._pictures.append((self.paragraph("Diagram"), self.add("", "Caption"), width_cm, job))

    def pictures(self, worker=None) -> None:
        """Draw the charts (in ``worker`` when given) and put them in their places, each
        with its alt text and caption."""
        if not self._pictures:
            return
        from . import charts

        jobs = [job for *_, job in self._pictures]
        drawn = worker.render(jobs) if worker is not None else charts.render(jobs)
        for (p, caption, width_cm, _), chart in zip(self._pictures, drawn):
            shape = p.add_run().add_picture(io.BytesIO(chart.png), width=Cm(width_cm))
            docx_xml.set_alt_text(shape, chart.alt_text, chart.caption)
            caption.add_run(chart.caption)
        self._pictures = []

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- cover, contents, header/footer, properties ----------------------------------------

    def cover(self, lines: list[tuple[str, str]]) -> None:
        """Cover lines as (style, text), then a page break."""
        for style, text in lines:
            self.add(_plain(text), style)
        self.page_break()

    def contents(self, title: str = "Innehåll") -> None:
        """Where the table of contents goes; filled by ``finish_contents`` once headings exist."""
        self.add(title, "TOC Heading")
        self._toc_anchor = self.doc.add_paragraph()

    def finish_contents(self) -> None:
        """A real TOC field (Word and LibreOffice update it) whose shown result already
        lists the headings, linked to their bookmarks; page numbers via ``set_pages``."""
        anchor = self._toc_anchor
        entries = self.toc or [TocEntry(1, "", "")]
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
        values = {k: _plain(v) for k, v in values.items()}
        for section in self.doc.sections:
            for part in (section.header, section.footer, section.first_page_header,
                         section.first_page_footer, section.even_page_header, section.even_page_footer):
                if part.is_linked_to_previous and section is not self.doc.sections[0]:
                    continue
                for p in part._element.iter(qn("w:p")):
                    _replace_in_paragraph(p, values)
                for doc_pr in docx_xml.pictures_without_alt_text(part._element):
                    doc_pr.set("descr", f"Logotyp, {values.get('kommun', '')}".strip(", "))

    def properties(self, title: str, author: str, subject: str, keywords: str) -> None:
        props = self.doc.core_properties
        props.title, props.author, props.subject = _plain(title), _plain(author), _plain(subject)
        props.keywords, props.last_modified_by = _plain(keywords), "excelreport"
        props.comments, props.category = "", "Rapport"
        docx_xml.set_language(self.doc)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        return path


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
