"""Generate the Word template of the report: templates/rapport.docx.

    python scripts/make_template.py [OUT]

The template holds the whole look — fonts, heading, table and caption styles, theme
colours (used by the charts too), header and footer with placeholders filled at build
time (``{kommun}``, ``{nämnd}``, ``{period}``, ``{år}``) and a logo placeholder — so that
a communicator changes the look by editing the .docx in Word, without code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from excelreport.report import docx_xml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "rapport.docx"

FONT = "Calibri"  # LibreOffice shows the metric twin Carlito
PRIMARY = RGBColor(0x1F, 0x4E, 0x79)
SECONDARY = RGBColor(0x2E, 0x75, 0xB6)
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x59, 0x59, 0x59)
THEME = {"accent1": "1F4E79", "accent2": "9DC3E6", "accent3": "C55A11",
         "accent4": "7F7F7F", "accent5": "2E75B6", "accent6": "70AD47"}
TEXT_WIDTH = Cm(16)

TABLE_STYLE = f"""
<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
         w:type="table" w:customStyle="1" w:styleId="Rapporttabell">
  <w:name w:val="Rapporttabell"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="{PRIMARY}"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="{PRIMARY}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="{PRIMARY}"/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{PRIMARY}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def _font(style, size: float, *, bold=None, italic=None, colour=TEXT) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = colour
    docx_xml.clear_theme_fonts(style.element.get_or_add_rPr())


def _spacing(style, before: float, after: float, line: float | None = None) -> None:
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH, base: str | None = "Normal"):
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
    if base and kind == WD_STYLE_TYPE.PARAGRAPH:
        style.base_style = doc.styles[base]
    style.hidden = False
    style.quick_style = True
    return style


def define_styles(doc) -> None:
    normal = doc.styles["Normal"]
    _font(normal, 11)
    _spacing(normal, 0, 8, 1.15)

    title = _style(doc, "Title")
    _font(title, 34, colour=PRIMARY)
    _spacing(title, 0, 12, 1.0)
    if title.element.pPr is not None:
        title.element.pPr.remove_all("w:pBdr")  # the default's rule under the title
    subtitle = _style(doc, "Subtitle")
    _font(subtitle, 20, italic=False, colour=SECONDARY)
    _spacing(subtitle, 0, 24)

    for level, (size, before, after) in enumerate(((20, 0, 12), (15, 18, 6), (12, 14, 4)), start=1):
        h = _style(doc, f"Heading {level}")
        _font(h, size, bold=True, colour=PRIMARY if level < 3 else SECONDARY)
        _spacing(h, before, after, 1.0)
        h.paragraph_format.keep_with_next = True
        h.paragraph_format.page_break_before = level == 1  # every main section on a new page

    toc_heading = _style(doc, "TOC Heading", base="Normal")
    _font(toc_heading, 20, bold=True, colour=PRIMARY)
    _spacing(toc_heading, 0, 18)
    for level in (1, 2):
        toc = _style(doc, f"TOC {level}")
        _font(toc, 11, bold=level == 1)
        _spacing(toc, 6 if level == 1 else 0, 2)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)

    cover = _style(doc, "Omslagstext")
    _font(cover, 14, colour=MUTED)
    cover_top = _style(doc, "Omslag", base="Omslagstext")
    _spacing(cover_top, 160, 24)
    table_text = _style(doc, "Tabelltext")
    _font(table_text, 9.5)
    _spacing(table_text, 0, 0, 1.0)
    table_head = _style(doc, "Tabellrubrik", base="Tabelltext")
    _font(table_head, 8.5, bold=True, colour=PRIMARY)
    table_number = _style(doc, "Tabelltal", base="Tabelltext")
    table_number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footnote = _style(doc, "Fotnot")
    _font(footnote, 9, italic=True, colour=MUTED)
    _spacing(footnote, 4, 10)
    figure = _style(doc, "Diagram")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
    _spacing(figure, 6, 2)
    caption = _style(doc, "Caption")
    _font(caption, 9, italic=True, bold=False, colour=MUTED)
    _spacing(caption, 0, 12)
    indicator = _style(doc, "Indikator")
    _font(indicator, 10.5)
    _spacing(indicator, 6, 2)
    indicator.paragraph_format.keep_with_next = True

    label = _style(doc, "Etikett", WD_STYLE_TYPE.CHARACTER, base=None)
    label.font.bold = True
    label.font.color.rgb = PRIMARY
    logo = _style(doc, "Logotyp", WD_STYLE_TYPE.CHARACTER, base=None)
    logo.font.bold = True
    logo.font.size = Pt(12)
    logo.font.color.rgb = PRIMARY
    for name in ("Header", "Footer"):
        style = doc.styles[name]
        _font(style, 9, colour=MUTED)
        ppr = style.element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):  # the default's US-letter tab stops
            ppr.remove(tabs)
        style.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    if "Rapporttabell" not in [s.name for s in doc.styles]:
        doc.styles.element.append(parse_xml(TABLE_STYLE))


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)
    section.different_first_page_header_footer = True  # the cover: only the logo

    cover = section.first_page_header.paragraphs[0]
    cover.text = ""
    cover.add_run("{kommun}", style="Logotyp")  # the cover's logo placeholder
    cover.paragraph_format.space_after = Pt(24)

    header = section.header.paragraphs[0]
    header.text = ""
    header.add_run("{kommun}", style="Logotyp")  # logo placeholder: replace with the logo picture
    header.add_run("\t{nämnd}")

    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer.add_run("{period} {år}\t")
    docx_xml.add_field(footer, "PAGE", "1")


TABLE_STYLES_KEPT = {"TableNormal", "TableGrid", "Rapporttabell"}


def slim(doc) -> None:
    """Drop what every report would parse and write again for nothing: python-docx's default
    carries Word 2007's gallery of about a hundred table styles (most of styles.xml; Word
    offers them again from its latent styles) and ``stylesWithEffects.xml``, a copy of the
    styles for Word 2010 that later versions ignore."""
    styles = doc.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in TABLE_STYLES_KEPT:
            styles.remove(style)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]


def make_template(out: Path = OUT) -> Path:
    doc = Document()
    define_styles(doc)
    slim(doc)
    page_setup(doc)
    docx_xml.set_theme_colours(doc, THEME)
    docx_xml.set_language(doc)
    body = doc.element.body
    for child in list(body)[:-1]:  # keep only the section properties
        body.remove(child)
    doc.add_paragraph(
        "Mall för nämndens delårsrapport. Ändra typsnitt, rubrik- och tabellformat, färger "
        "(Design → Färger), sidhuvud och sidfot här; ersätt {kommun} i sidhuvudet och i "
        "omslagets sidhuvud (Annorlunda första sida) med logotypen. Innehållet i brödtexten "
        "ersätts när rapporten byggs.")
    props = doc.core_properties
    props.title, props.author, props.language = "Rapportmall", "excelreport", docx_xml.LANGUAGE
    props.comments = props.keywords = props.subject = ""
    docx_xml.fresh_package(doc, "excelreport")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(f"Skrev {make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)}")
