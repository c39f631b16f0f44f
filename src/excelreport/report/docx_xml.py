"""The raw WordprocessingML that python-docx has no API for.

Cell shading, repeated header rows, alt text, document language, fields (TOC, PAGE,
PAGEREF), bookmarks and theme colours: each a few lines of XML on python-docx's proxies.
"""

from __future__ import annotations

import re

from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.text.run import Run

LANGUAGE = "sv-SE"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent, tag: str, *, first: bool = False):
    """The child ``tag`` of ``parent``, created when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _esc(text: str) -> str:
    """Text for an XML element or a double-quoted attribute (xml.sax.saxutils would import
    urllib and http for this)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def add_text(paragraph, text: str):
    """A run of ``text`` at the end of ``paragraph`` (tabs and line breaks kept), built
    directly: python-docx's ``add_run(text)`` first clears the new run with an XPath query,
    which costs more than the run."""
    r = paragraph._p.add_r()
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        for j, part in enumerate(line.split("\t")):
            if j:
                r.append(OxmlElement("w:tab"))
            for k, piece in enumerate(part.split("\u2011")):
                if k:
                    r.append(OxmlElement("w:noBreakHyphen"))
                if piece:
                    t = OxmlElement("w:t")
                    t.text = piece
                    t.set(qn("xml:space"), "preserve")
                    r.append(t)
    return Run(r, paragraph)


def run_xml(text: str, *, bold: bool = False, colour: str = "") -> str:
    """A run; tabs become ``w:tab`` so they survive as typed, soft hyphens ``w:softHyphen``,
    non-breaking hyphens (U+2011) ``w:noBreakHyphen``."""
    rpr = ("<w:b/><w:bCs/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    parts = ["<w:noBreakHyphen/>".join(
                 "<w:softHyphen/>".join(f'<w:t xml:space="preserve">{_esc(piece)}</w:t>' if piece else ""
                                        for piece in segment.split("\u00ad"))
                 for segment in part.split("\u2011"))
             for part in text.split("\t")]
    return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{'<w:tab/>'.join(parts)}</w:r>"


def paragraph_xml(text: str, style_id: str | None, *, bold=False, colour="", indent_twips=0,
                  keep_next=False, right=False) -> str:
    ppr = ((f'<w:pStyle w:val="{_esc(style_id)}"/>' if style_id else "")
           + ("<w:keepNext/>" if keep_next else "")
           + (f'<w:ind w:left="{indent_twips}"/>' if indent_twips else "")
           + ('<w:jc w:val="right"/>' if right else ""))
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{run_xml(text, bold=bold, colour=colour)}</w:p>"


def cell_xml(paragraphs: list[str], width_twips: int, fill: str = "") -> str:
    """A table cell (``w:tc``) with its width and, for a signal, its shading (``w:shd``)."""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>{shd}</w:tcPr>'
            f"{''.join(paragraphs)}</w:tc>")


def table_xml(rows: list[list[str]], widths_twips: list[int], style_id: str | None,
              caption: str) -> str:
    """A whole table: fixed grid, the first row a header row that repeats on every page
    (``w:tblHeader``) and never splits, caption and description for assistive technology."""
    style = f'<w:tblStyle w:val="{_esc(style_id)}"/>' if style_id else ""
    head = (f'<w:tblPr>{style}<w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{_esc(caption[:250])}"/>'
            f'<w:tblDescription w:val="{_esc(caption[:250])}"/></w:tblPr>'
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips) + "</w:tblGrid>")
    trs = []
    for n, cells in enumerate(rows):
        trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if n == 0 else "<w:trPr><w:cantSplit/></w:trPr>"
        trs.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    return f'<w:tbl xmlns:w="{W_NS}">{head}{"".join(trs)}</w:tbl>'


def set_alt_text(inline_shape, description: str, title: str = "") -> None:
    """Alt text of a picture: ``wp:docPr/@descr`` (and ``@title``)."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", description)
    if title:
        doc_pr.set("title", title)


def pictures_without_alt_text(element) -> list:
    """The ``wp:docPr`` elements under ``element`` with no (or an empty) description."""
    return [d for d in element.iter(qn("wp:docPr")) if not (d.get("descr") or "").strip()]


def set_language(document, lang: str = LANGUAGE) -> None:
    """Document language: the default run properties, every style that names another
    language, and the theme font language in the settings."""
    styles = document.styles.element
    doc_defaults = _child(styles, "w:docDefaults", first=True)
    rpr_default = _child(doc_defaults, "w:rPrDefault", first=True)
    rpr = _child(rpr_default, "w:rPr")
    _set_lang(_child(rpr, "w:lang"), lang)
    for el in styles.iter(qn("w:lang")):
        _set_lang(el, lang)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), lang)
    document.core_properties.language = lang


def _set_lang(el, lang: str) -> None:
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")


def update_fields_on_open(document, update: bool = True) -> None:
    """Ask Word to update fields (the table of contents) when the document is opened; with
    ``update`` False, no longer ask (the page numbers are already right)."""
    settings = document.settings.element
    for el in settings.findall(qn("w:updateFields")):
        settings.remove(el)
    if update:
        el = OxmlElement("w:updateFields")
        el.set(qn("w:val"), "true")
        settings.append(el)


def _fld_char(run, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)


def begin_field(paragraph, instruction: str) -> None:
    _fld_char(paragraph.add_run(), "begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    _fld_char(paragraph.add_run(), "separate")


def end_field(paragraph) -> None:
    _fld_char(paragraph.add_run(), "end")


def add_field(paragraph, instruction: str, cached: str = "") -> None:
    """A complete simple field (``PAGE``, ``PAGEREF _Toc1 \\h``) with its shown result."""
    begin_field(paragraph, instruction)
    if cached:
        paragraph.add_run(cached)
    end_field(paragraph)


def add_bookmark(paragraph, name: str, ident: int) -> None:
    """A bookmark around the paragraph's content (the target of a TOC entry)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    p = paragraph._p
    p_pr = p.find(qn("w:pPr"))
    p.insert(0 if p_pr is None else p.index(p_pr) + 1, start)
    p.append(end)


def clear_theme_fonts(rpr) -> None:
    """Drop theme font references so the explicit ``w:ascii`` font of a style applies."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


_ACCENT = re.compile(rb"<a:(accent[1-6])>\s*<a:srgbClr val=\"([0-9A-Fa-f]{6})\"")


def _theme_part(document):
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            return part
    return None


def theme_colours(document) -> dict[str, str]:
    """The template's theme accent colours (``accent1`` … ``accent6`` → hex RGB)."""
    part = _theme_part(document)
    if part is None:
        return {}
    return {name.decode(): value.decode().upper() for name, value in _ACCENT.findall(part.blob)}


def set_theme_colours(document, colours: dict[str, str]) -> None:
    """Rewrite theme accent colours (used by the template script)."""
    part = _theme_part(document)
    blob = part.blob
    for name, value in colours.items():
        blob = re.sub(rb"(<a:" + name.encode() + rb">\s*<a:)(?:srgbClr val=\"[0-9A-Fa-f]{6}\""
                      rb"|sysClr [^/]*)", rb'\g<1>srgbClr val="' + value.encode() + b'"', blob)
    part._blob = blob


APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>{app}</Application><DocSecurity>0</DocSecurity></Properties>")
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def fresh_package(document, application: str) -> None:
    """No trace of where the template came from: the extended properties (app.xml) name
    ``application`` only, and the template's page thumbnail is dropped."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML.format(app=_esc(application)).encode("utf-8")
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[r_id]


CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_CHART_INLINE = (
    '<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{wp}" xmlns:a="{a}" xmlns:c="{c}" xmlns:r="{r}">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="Diagram {id}" descr="{descr}" title="{title}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="{c}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>')


def add_chart(run, chart_xml: bytes, workbook: bytes, width_emu: int, height_emu: int,
              description: str, title: str) -> None:
    """A Word chart in ``run``: the chart part (its XML refers to its data as ``rId1``),
    the embedded workbook of its data, and the inline frame with its alt text."""
    doc_part = run.part
    package = doc_part.package
    chart = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, chart_xml, package)
    data = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), CT.SML_SHEET,
                workbook, package)
    if chart.relate_to(data, RT.PACKAGE) != "rId1":  # pragma: no cover - a fresh part's first
        raise AssertionError("the chart's data relationship must be rId1")
    rid = doc_part.relate_to(chart, RT.CHART)
    inline = parse_xml(_CHART_INLINE.format(
        wp=nsmap["wp"], a=nsmap["a"], c=CHART_URI, r=nsmap["r"], cx=width_emu, cy=height_emu,
        id=doc_part.next_id, descr=_esc(description), title=_esc(title),
        rid=rid))
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    run._r.append(drawing)
