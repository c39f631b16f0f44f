"""Apply a plan of result sheets to an .xlsx/.xlsm file without re-serializing the package.

Every part of the user's package is copied unchanged (charts, images, macros, comments,
form controls, everything a library would not model); only these change:

- the result sheets' own worksheet parts (added, or replaced in place on a re-run);
- ``xl/workbook.xml``: their ``<sheet>`` entries, appended after the existing sheets;
- the workbook's relationships and ``[Content_Types].xml``: one entry per added sheet;
- ``xl/styles.xml``: the cell formats the result sheets need, appended (existing indices
  never change) and reused when they are already there, so a second run changes nothing.

Edits are made in the XML text, so prefixes, ``mc:Ignorable`` and everything else the
writing program put there stay as they were. The output is deterministic: running twice
gives the same bytes as running once.
"""

from __future__ import annotations

import codecs
import html
import posixpath
import re
import shutil
import struct
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Context, Decimal
from pathlib import Path
from typing import BinaryIO

from xml.etree.ElementTree import fromstring as _trusted_fromstring

from defusedxml import DefusedXmlException

from ..findings import ExcelReportError, UnusableFile
from ..read import xmlsafe
from ..read.grid import column_letter
from ..read import owner
from ..read.owner import clash_message, result_name_clashes
from ..read.xlsx import foreign_format_message, foreign_result_sheets
from .plan import CellStyle, SheetPlan, style_grid, table
from .safe import atomic_write

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = REL_NS + "/worksheet"
OFFICE_DOCUMENT_REL = REL_NS + "/officeDocument"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
MAX_CELL_TEXT = 32767  # Excel's limit for one cell
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip timestamp of the parts we write: same bytes every run

# An XML attribute list, tolerant of ">" inside quoted values.
_ATTRS = r"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NUM_CONTEXT = Context(prec=15, rounding=ROUND_HALF_EVEN)


MAX_STREAMED_PART = 200 * 1024 * 1024  # a part that cannot be copied as stored is inflated
_DECLARED = re.compile(r"""<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_part(data: bytes, name: str) -> tuple[str, tuple[str, bytes]]:
    """A part's text by its byte-order mark or declared encoding, with how to encode it back."""
    bom, codec = next(((m, c) for m, c in _BOMS if data.startswith(m)), (b"", ""))
    if not codec:
        head = data[:2]
        if head in (b"<\x00", b"\x00<"):
            codec = "utf-16-le" if head == b"<\x00" else "utf-16-be"
        else:
            m = _DECLARED.match(data[:400].decode("latin-1"))
            try:
                codec = codecs.lookup(m.group(1)).name if m else "utf-8"
            except LookupError:
                codec = "?"
    try:  # expat has read it: UTF-8, UTF-16 or a one-byte encoding Python knows (Latin-1, cp1252 …)
        return data[len(bom):].decode(codec), (codec, bom)
    except (UnicodeError, LookupError):
        raise UnusableFile(f"Delen {name} i arbetsboken har en teckenkodning som verktyget inte kan läsa "
                           f"({codec}); filen har inte ändrats. Öppna och spara den i Excel.") from None


def _parse_untrusted(data: bytes, budget: xmlsafe.Budget, name: str = "styles.xml"):
    """A part of the user's package as a tree: bounded, no DTDs or entities, well-formed."""
    try:
        root = xmlsafe.fromstring(data, budget)
        _depth_ok(root)
        return root
    except DefusedXmlException:
        raise UnusableFile(f"Delen {name} i arbetsboken innehåller XML med DTD eller entiteter (kan vara "
                           "en så kallad XML-bomb); filen avvisas av säkerhetsskäl och har inte ändrats.") from None
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(f"Delen {name} i arbetsboken innehåller {exc}; filen avvisas och har inte "
                           "ändrats.") from None
    except (xmlsafe.ExpatError, ValueError, RecursionError):
        raise UnusableFile(f"Delen {name} i arbetsboken är inte giltig XML; filen har inte ändrats. "
                           "Öppna och spara den i Excel.") from None


def _depth_ok(root, limit: int = 200) -> None:
    """Styles and package parts are a few levels deep; 3 000 nested elements are refused."""
    level = [(root, 0)]
    while level:
        el, depth = level.pop()
        if depth > limit:
            raise RecursionError
        level.extend((child, depth + 1) for child in el)


class WriteError(ExcelReportError):
    """The workbook's package cannot take the result sheets (the file is left unchanged)."""


@dataclass
class Written:
    """What a write did: the sheets written (in order) and the stale ones removed."""

    sheets: list[str]
    removed: list[str]
    notes: list[str] = field(default_factory=list)  # e.g. a hard link that could not be kept


# --- small XML helpers -----------------------------------------------------------------


def attrs(tag_text: str) -> dict[str, str]:
    """The attributes of an element's start tag, unescaped."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(tag_text)}


def esc(text: str, quote: bool = False) -> str:
    text = _BAD_XML_CHARS.sub("", text)[:MAX_CELL_TEXT].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def element_re(prefix: str, name: str) -> re.Pattern:
    """A self-closing or empty-bodied element ``<p:name …/>`` / ``<p:name …></p:name>``."""
    p = re.escape(prefix)
    return re.compile(rf"<{p}{name}(?={_ATTRS}/?>)({_ATTRS})(?:/>|>\s*</{p}{name}>)")


def root_prefix(xml: str, local: str) -> str:
    """``"x:"`` when the root element is written ``<x:workbook``, else ``""``."""
    m = re.search(rf"<(?:(\w+):)?{local}[\s>/]", xml)
    if not m:
        raise WriteError(f"Delen saknar elementet {local}.")
    return f"{m.group(1)}:" if m.group(1) else ""


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


def _set_count(start_tag: str, count: int) -> str:
    """A start tag (``<fonts count="5">``) with its count set."""
    if re.search(r"\scount\s*=", start_tag):
        return re.sub(r"""(\scount\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{count}"', start_tag, count=1)
    return start_tag[:-1] + f' count="{count}">'


# --- styles ----------------------------------------------------------------------------

_STYLE_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                "dxfs", "tableStyles", "colors", "extLst")
_STYLE_COLLECTIONS = ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs")
_NO_FILL = '<fill><patternFill patternType="none"/></fill>'
_NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"
MAX_STYLE_ELEMENTS = 1_000_000  # a styles.xml bloated by years of copy-paste has ~200 000
MAX_PACKAGE_PART = 50 * 1024 * 1024  # workbook.xml, relationships, content types, styles


def _canon(el) -> tuple:
    """An element compared by meaning: local names, attributes and children, not prefixes."""
    local = el.tag.rsplit("}", 1)[-1]
    return (local, tuple(sorted(el.attrib.items())), tuple(_canon(c) for c in el))


class StyleBook:
    """The workbook's ``styles.xml``, with the cell formats of the result sheets appended."""

    def __init__(self, xml: str, budget: xmlsafe.Budget | None = None, raw: bytes | None = None):
        self.p = root_prefix(xml, "styleSheet")
        # <styleSheet …/> with nothing in it: give it a body to append to.
        m = re.search(rf"<{re.escape(self.p)}styleSheet({_ATTRS})/>", xml)
        if m:
            xml = xml[:m.start()] + f"<{self.p}styleSheet{m.group(1)}></{self.p}styleSheet>" + xml[m.end():]
        self.xml = xml
        self.root = _parse_untrusted(raw if raw is not None else xml.encode("utf-8"),
                                     budget or xmlsafe.Budget(MAX_STYLE_ELEMENTS))
        ns = f"{{{MAIN_NS}}}"
        self.ns = ns
        self.items: dict[str, list[tuple]] = {}
        self.added: dict[str, list[str]] = {}
        for coll in _STYLE_COLLECTIONS:
            node = self.root.find(ns + coll)
            self.items[coll] = [_canon(c) for c in node] if node is not None else []
            self.added[coll] = []
        self.numfmts: dict[str, int] = {}
        node = self.root.find(ns + "numFmts")
        self.numfmt_count = len(node) if node is not None else 0
        self.taken_ids = {int(nf.get("numFmtId", "0")) for nf in (node if node is not None else ())}
        for nf in (node if node is not None else ()):
            self.numfmts.setdefault(nf.get("formatCode", ""), int(nf.get("numFmtId", "0")))
        self.added["numFmts"] = []
        font0 = self.root.find(f"{ns}fonts/{ns}font")
        self.font_base = self._font_base(font0)
        self.cache: dict[CellStyle, int] = {}
        self._ensure_base()

    def _ensure_base(self) -> None:
        """Collections another program left empty or out get the entries Excel requires, so
        that index 0 (the workbook's defaults) exists before anything is appended."""
        b = self.font_base
        scheme = f'<scheme val="{esc(b["scheme"], True)}"/>' if b["scheme"] else ""
        base = {
            "fonts": [f'<font><sz val="{esc(b["sz"], True)}"/><color theme="1"/><name val="{esc(b["name"], True)}"/>'
                      f'<family val="{esc(b["family"], True)}"/>{scheme}</font>'],
            "fills": [_NO_FILL, '<fill><patternFill patternType="gray125"/></fill>'],
            "borders": [_NO_BORDER],
            "cellStyleXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'],
            "cellXfs": ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'],
        }
        for coll, entries in base.items():
            if not self.items[coll]:
                for xml in entries:
                    self._index(coll, xml, always=True)

    def _none_index(self, coll: str, xml: str) -> int:
        """The index of "no fill"/"no border": the first such entry, else one appended (a
        file whose ``fills[0]`` is solid black must not paint the result sheets black)."""
        return self._index(coll, xml)

    def _font_base(self, font0) -> dict[str, str]:
        base = {"sz": "11", "name": "Calibri", "family": "2", "scheme": ""}
        if font0 is not None:
            for key in base:
                child = font0.find(self.ns + key)
                if child is not None and child.get("val"):
                    base[key] = child.get("val")
        return base

    def _index(self, coll: str, xml: str, always: bool = False) -> int:
        """The index of an element equal to ``xml`` in ``coll``, appending it when missing."""
        canon = _canon(_trusted_fromstring(f'<r xmlns="{MAIN_NS}">{xml}</r>'.encode("utf-8"))[0])
        if not always and canon in self.items[coll]:
            return self.items[coll].index(canon)
        self.items[coll].append(canon)
        self.added[coll].append(xml)
        return len(self.items[coll]) - 1

    def _numfmt(self, code: str) -> int:
        builtin = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4}
        if code in builtin and builtin[code] not in self.taken_ids:  # a file may redefine id 0–4
            return builtin[code]
        if code not in self.numfmts:
            new_id = max([163, *self.numfmts.values(), *self.taken_ids]) + 1
            self.numfmts[code] = new_id
            self.added["numFmts"].append(f'<numFmt numFmtId="{new_id}" formatCode="{esc(code, True)}"/>')
        return self.numfmts[code]

    def _font(self, s: CellStyle) -> int:
        if not (s.bold or s.underline or s.font_colour):
            return 0  # the workbook's own default font (made to exist by _ensure_base)
        b = self.font_base
        parts = ["<b/>" if s.bold else "", '<u/>' if s.underline else "", f'<sz val="{esc(b["sz"], True)}"/>',
                 f'<color rgb="FF{s.font_colour}"/>' if s.font_colour else '<color theme="1"/>',
                 f'<name val="{esc(b["name"], True)}"/>', f'<family val="{esc(b["family"], True)}"/>',
                 f'<scheme val="{esc(b["scheme"], True)}"/>' if b["scheme"] else ""]
        return self._index("fonts", "<font>" + "".join(parts) + "</font>")

    def _fill(self, s: CellStyle) -> int:
        if not s.fill:
            return self._none_index("fills", _NO_FILL)
        return self._index("fills", f'<fill><patternFill patternType="solid"><fgColor rgb="FF{s.fill}"/>'
                                    '<bgColor indexed="64"/></patternFill></fill>')

    def xf(self, s: CellStyle) -> int:
        """The cellXfs index of a style (appended once, then reused)."""
        if s in self.cache:
            return self.cache[s]
        num, font, fill = self._numfmt(s.excel_format), self._font(s), self._fill(s)
        border = self._none_index("borders", _NO_BORDER)
        # Every attribute applied explicitly: an index of 0 is a real entry, not "default".
        a = (f' horizontal="left" indent="{s.indent}"' if s.indent else "") + \
            (' wrapText="1"' if s.wrap else "")
        xml = (f'<xf numFmtId="{num}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
               ' applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"'
               f' applyAlignment="1"><alignment vertical="top"{a}/></xf>')
        self.cache[s] = self._index("cellXfs", xml)
        return self.cache[s]

    def serialize(self) -> str | None:
        """The new ``styles.xml``, or None when nothing had to be added."""
        if not any(self.added.values()):
            return None
        xml = self.xml
        for coll in ("numFmts", *_STYLE_COLLECTIONS):
            if self.added[coll]:
                total = (self.numfmt_count + len(self.added[coll]) if coll == "numFmts"
                         else len(self.items[coll]))
                xml = self._append(xml, coll, self.added[coll], total)
        return xml

    def _append(self, xml: str, coll: str, new: list[str], total: int) -> str:
        p = re.escape(self.p)
        children = "".join(new) if not self.p else "".join(
            re.sub(r"<(/?)(\w)", rf"<\g<1>{self.p}\g<2>", n) for n in new)
        start = re.search(rf"<{p}{coll}(?={_ATTRS}/?>)({_ATTRS})(/?)>", xml)
        if start and start.group(2) == "/":  # <fonts count="0"/>
            tag = _set_count(f"<{self.p}{coll}{start.group(1)}>", total)
            return xml[:start.start()] + tag + children + f"</{self.p}{coll}>" + xml[start.end():]
        if start:
            end = xml.index(f"</{self.p}{coll}>", start.end())
            tag = _set_count(xml[start.start():start.end()], total)
            return xml[:start.start()] + tag + xml[start.end():end] + children + xml[end:]
        # The collection is missing: insert it before the first later one that exists.
        block = f'<{self.p}{coll} count="{total}">{children}</{self.p}{coll}>'
        for later in _STYLE_ORDER[_STYLE_ORDER.index(coll) + 1:]:
            m = re.search(rf"<{p}{later}[\s/>]", xml)
            if m:
                return xml[:m.start()] + block + xml[m.start():]
        end = xml.rindex(f"</{self.p}styleSheet>")
        return xml[:end] + block + xml[end:]


# --- worksheet XML ---------------------------------------------------------------------


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


# --- the package -----------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    sheet_id: int
    rid: str
    span: tuple[int, int]  # of its <sheet> element in workbook.xml
    part: str = ""
    rel_type: str = ""


class Package:
    """The parts of a workbook package that the writer edits, read from the zip."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.budget = xmlsafe.Budget(MAX_STYLE_ELEMENTS)
        self.roots: dict[str, str] = {}
        self.raw: dict[str, bytes] = {}
        self.codecs: dict[str, tuple[str, bytes]] = {}
        self.names = zf.namelist()
        self.lower = {n.lower() for n in self.names}
        self.wb_part = self._workbook_part()
        folder, base = posixpath.split(self.wb_part)
        self.wb_folder = folder
        self.wb_rels_part = posixpath.join(folder, "_rels", base + ".rels")
        self.workbook = self.text(self.wb_part)
        if STRICT_NS in self.workbook[:2000]:
            raise WriteError("Arbetsboken är sparad i formatet Strict Open XML, som verktyget inte "
                             "skriver i. Spara den som vanlig Excel-arbetsbok (.xlsx) och kör igen.")
        if self.roots[self.wb_part] != f"{{{MAIN_NS}}}workbook":  # e.g. Excel 2007's beta format
            raise WriteError(foreign_format_message(self.roots[self.wb_part]))
        self.rels = self.text(self.wb_rels_part)
        self.types = self.text("[Content_Types].xml")
        self.p = root_prefix(self.workbook, "workbook")
        self.sheets = self._sheets()

    def text(self, name: str) -> str:
        """A part the writer edits, checked: bounded, no DTDs or entities, well-formed."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise WriteError(f"Arbetsboken saknar delen {name}.") from None
        if info.file_size > MAX_PACKAGE_PART:
            raise UnusableFile(f"Delen {name} i arbetsboken är orimligt stor "
                               f"({info.file_size // (1024 * 1024)} MB); filen har inte ändrats.")
        with self.zf.open(info) as fh:
            data = fh.read(MAX_PACKAGE_PART + 1)
        root = _parse_untrusted(data, self.budget, name)
        self.roots[name] = root.tag
        self.raw[name] = data
        text, self.codecs[name] = decode_part(data, name)
        return text

    def encode(self, name: str, text: str) -> bytes:
        """A part edited as text, in the encoding (and with the byte-order mark) it came in."""
        codec, bom = self.codecs.get(name, ("utf-8", b""))
        return bom + text.encode(codec, "xmlcharrefreplace")

    def _workbook_part(self) -> str:
        rels = self.text("_rels/.rels") if "_rels/.rels" in self.names else ""
        for m in re.finditer(rf"<(?:\w+:)?Relationship({_ATTRS})/?>", rels):
            a = attrs(m.group(1))
            if a.get("Type") == OFFICE_DOCUMENT_REL:
                return a.get("Target", "").lstrip("/")
        return "xl/workbook.xml"

    def _relations(self) -> dict[str, dict[str, str]]:
        out = {}
        for m in re.finditer(rf"<(?:\w+:)?Relationship({_ATTRS})/?>", self.rels):
            a = attrs(m.group(1))
            out[a.get("Id", "")] = a
        return out

    def _sheets(self) -> list[_Sheet]:
        rels = self._relations()
        r_prefix = self._rel_prefix() or "r"
        out = []
        for m in element_re(self.p, "sheet").finditer(self.workbook):
            a = attrs(m.group(1))
            rid = a.get(f"{r_prefix}:id", "")
            rel = rels.get(rid, {})
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(self.wb_folder, target))
            out.append(_Sheet(a.get("name", ""), int(a.get("sheetId", "0") or 0), rid,
                              (m.start(), m.end()), part, rel.get("Type", "")))
        return out

    def styles_part(self) -> str | None:
        for rel in self._relations().values():
            if rel.get("Type", "").endswith("/styles") and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(self.wb_folder, target))
                return part if part in self.names else None
        return None

    def part_of(self, rel: dict[str, str]) -> str:
        """The part a relationship of the workbook points to."""
        target = rel.get("Target", "")
        return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(self.wb_folder, target))

    def marked(self) -> set[str]:
        """The sheets that carry the toolkit's mark (see ``read.owner``)."""
        pattern = rf"<{re.escape(self.p)}definedName(?={_ATTRS}/?>)({_ATTRS})/?>"
        defined = [(a.get("name"), a.get("localSheetId"))
                   for a in (attrs(m.group(1)) for m in re.finditer(pattern, self.workbook))]
        return owner.marked_sheets([s.name for s in self.sheets], defined)

    def refuse_foreign(self) -> None:
        """A sheet named like a result sheet that the toolkit did not write is never replaced
        or removed: the run is refused before anything is written."""
        parts = [(s.name, s.part) for s in self.sheets if s.rel_type == WORKSHEET_REL and s.part in self.names]
        rels = {rid: self.part_of(a) for rid, a in self._relations().items() if a.get("TargetMode") != "External"}
        foreign = foreign_result_sheets(self.zf, parts, self.marked(), rels)
        if foreign:
            taken = [s.name for s in self.sheets]
            raise WriteError(" ".join(owner.foreign_message(n, taken) for n in foreign)
                             + " Arbetsboken har inte ändrats.")

    def _rel_prefix(self) -> str:
        start = re.search(rf"<{re.escape(self.p)}workbook({_ATTRS})>", self.workbook)
        for key, value in attrs(start.group(1) if start else "").items():
            if key.startswith("xmlns:") and value == REL_NS:
                return key[6:]
        return ""


def apply_plan(src: zipfile.ZipFile, plans: list[SheetPlan], out: BinaryIO) -> Written:
    """Write ``src`` with the result sheets of ``plans`` to ``out`` (a binary file)."""
    pkg = Package(src)
    planned = {p.name for p in plans}
    from ..contract import ALL_RESULT_SHEET_NAMES as RESULT_SHEET_NAMES

    for name, result in result_name_clashes([s.name for s in pkg.sheets]):
        if result in planned:
            raise WriteError(clash_message(name, result) + " Arbetsboken har inte ändrats.")
    existing = {s.name: s for s in pkg.sheets}
    for plan in plans:
        old = existing.get(plan.name)
        if old is not None and (old.rel_type != WORKSHEET_REL or old.part not in pkg.names):
            raise WriteError(f"Bladet '{plan.name}' finns redan men är inget vanligt kalkylblad "
                             "(t.ex. ett diagramblad). Döp om eller ta bort det och kör igen.")
    pkg.refuse_foreign()
    stale = [s for s in pkg.sheets if s.name in RESULT_SHEET_NAMES and s.name not in planned
             and s.rel_type == WORKSHEET_REL]
    if len(stale) == len(pkg.sheets):
        stale = stale[:-1]  # a workbook keeps at least one sheet
    final_names = {s.name for s in pkg.sheets if s not in stale} | planned

    styles_part = pkg.styles_part()
    if styles_part is None:
        raise WriteError("Arbetsboken saknar formatmallar (styles.xml); öppna och spara den i Excel.")
    styles = StyleBook(pkg.text(styles_part), pkg.budget, pkg.raw[styles_part])

    replaced: dict[str, bytes] = {}
    added: list[tuple[str, bytes]] = []
    new_entries: list[str] = []
    new_rels: list[str] = []
    new_types: list[str] = []
    next_id = max([0, *(s.sheet_id for s in pkg.sheets)]) + 1
    used_rids = set(pkg._relations())
    r_prefix = pkg._rel_prefix()
    taken = set(pkg.lower)
    for plan in plans:
        xml = sheet_xml(plan, styles, final_names)
        old = existing.get(plan.name)
        if old is not None:
            replaced[old.part] = xml
            continue
        n = 1
        while f"{pkg.wb_folder}/worksheets/sheet{n}.xml".lower().lstrip("/") in taken:
            n += 1
        part = f"{pkg.wb_folder}/worksheets/sheet{n}.xml".lstrip("/")
        taken.add(part.lower())
        k = 1
        while f"rId{k}" in used_rids:
            k += 1
        rid = f"rId{k}"
        used_rids.add(rid)
        added.append((part, xml))
        rid_attr = f'{r_prefix}:id="{rid}"' if r_prefix else f'xmlns:r="{REL_NS}" r:id="{rid}"'
        new_entries.append(f'<{pkg.p}sheet name="{esc(plan.name, True)}" sheetId="{next_id}" {rid_attr}/>')
        next_id += 1
        target = posixpath.relpath(part, pkg.wb_folder or ".")
        new_rels.append(f'<Relationship Id="{rid}" Type="{WORKSHEET_REL}" Target="{esc(target, True)}"/>')
        new_types.append(f'<Override PartName="/{esc(part, True)}" ContentType="{WORKSHEET_CT}"/>')

    workbook = _mark(_edit_workbook(pkg, stale, new_entries), pkg, stale, plans)
    rels, types = pkg.rels, pkg.types
    removed_parts: set[str] = set()
    for s in stale:
        rels, types = _drop_relationship(rels, s.rid), _drop_override(types, s.part)
        folder, base = posixpath.split(s.part)
        removed_parts |= {s.part, posixpath.join(folder, "_rels", base + ".rels")}
    gone = {str(s.sheet_id) for s in stale} | {str(existing[p.name].sheet_id) for p in plans if p.name in existing}
    rels, types = _calc_chain(pkg, gone, rels, types, replaced, removed_parts)
    if new_rels:
        rels = _insert_before_close(rels, "Relationships", "".join(new_rels))
    if new_types:
        types = _insert_before_close(types, "Types", "".join(new_types))

    changes = {pkg.wb_part: workbook, pkg.wb_rels_part: rels, "[Content_Types].xml": types}
    style_xml = styles.serialize()
    if style_xml is not None:
        changes[styles_part] = style_xml
    for name, text in changes.items():
        replaced[name] = pkg.encode(name, text)

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in src.infolist():
            if info.filename in removed_parts:
                continue
            data = replaced.get(info.filename)
            if data is None:
                try:
                    _copy_part(src, info, zout)
                except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError,
                        ValueError, struct.error) as exc:
                    raise UnusableFile(f"Delen {info.filename} i arbetsboken är skadad och kan inte "
                                       f"kopieras ({exc}); filen har inte ändrats.") from None
                continue
            zout.writestr(_copy_info(info), data)
        for name, data in added:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zout.writestr(info, data)
        zout.comment = src.comment
    return Written([p.name for p in plans], [s.name for s in stale])


def _drop_relationship(rels: str, rid: str) -> str:
    return re.sub(rf"<(?:\w+:)?Relationship(?={_ATTRS}/?>)(?=[^>]*\sId\s*=\s*[\"']{re.escape(rid)}[\"'])"
                  rf"{_ATTRS}(?:/>|>\s*</(?:\w+:)?Relationship>)", "", rels)


def _drop_override(types: str, part: str) -> str:
    return re.sub(rf"<(?:\w+:)?Override(?={_ATTRS}/?>)(?=[^>]*\sPartName\s*=\s*[\"']/{re.escape(part)}[\"'])"
                  rf"{_ATTRS}(?:/>|>\s*</(?:\w+:)?Override>)", "", types, flags=re.I)


def _mark(xml: str, pkg: Package, stale: list[_Sheet], plans: list[SheetPlan]) -> str:
    """The toolkit's mark (a defined name of the sheet's scope) on every sheet written that
    lacks it: a new one, or one written by an earlier version or by the button."""
    order = [s.name for s in pkg.sheets if s not in stale]
    order += [p.name for p in plans if p.name not in order]
    marked = pkg.marked()
    entries = "".join(f'<{pkg.p}definedName name="{owner.MARK_NAME}" localSheetId="{order.index(p.name)}">'
                      f"{esc(owner.MARK_VALUE)}</{pkg.p}definedName>" for p in plans if p.name not in marked)
    if not entries:
        return xml
    p = re.escape(pkg.p)
    close = re.search(rf"</{p}definedNames\s*>", xml)
    if close:
        return xml[:close.start()] + entries + xml[close.start():]
    block = f"<{pkg.p}definedNames>{entries}</{pkg.p}definedNames>"
    empty = re.search(rf"<{p}definedNames{_ATTRS}/>", xml)
    if empty:
        return xml[:empty.start()] + block + xml[empty.end():]
    after = None  # definedNames follow sheets, functionGroups and externalReferences
    for after in re.finditer(rf"</{p}(?:sheets|functionGroups|externalReferences)\s*>"
                             rf"|<{p}(?:functionGroups|externalReferences){_ATTRS}/>", xml):
        pass
    if after is None:
        raise WriteError("Arbetsboken saknar bladförteckning (sheets).")
    return xml[:after.end()] + block + xml[after.end():]


CALC_CHAIN_REL = REL_NS + "/calcChain"


def _calc_chain(pkg: Package, sheet_ids: set[str], rels: str, types: str, replaced: dict[str, bytes],
                removed: set[str]) -> tuple[str, str]:
    """``calcChain.xml`` without the cells of the sheets replaced or removed (Excel repairs a
    file whose chain names a cell without a formula); when nothing is left, the part, its
    relationship and its content type go. Its ``i`` is the sheet's ``sheetId``; an entry
    without one is on the sheet of the entry before."""
    found = [(rid, pkg.part_of(a)) for rid, a in pkg._relations().items() if a.get("Type") == CALC_CHAIN_REL]
    if not found or found[0][1] not in pkg.names or not sheet_ids:
        return rels, types
    rid, part = found[0]
    xml = pkg.text(part)
    cells = list(element_re(root_prefix(xml, "calcChain"), "c").finditer(xml))
    kept, sheet = [], None
    for m in cells:
        sheet = attrs(m.group(1)).get("i", sheet)
        if sheet in sheet_ids:
            continue
        tag = m.group(0)
        if sheet is not None and not re.search(r"\si\s*=", m.group(1)):
            tag = re.sub(r"^(<[\w:]+)", rf'\1 i="{sheet}"', tag)  # its sheet was implied
        kept.append(tag)
    if len(kept) == len(cells):
        return rels, types
    if not kept:
        removed.add(part)
        return _drop_relationship(rels, rid), _drop_override(types, part)
    replaced[part] = pkg.encode(part, xml[:cells[0].start()] + "".join(kept) + xml[cells[-1].end():])
    return rels, types


def _copy_part(src: zipfile.ZipFile, info: zipfile.ZipInfo, zout: zipfile.ZipFile) -> None:
    """Copy one part as it is stored (compressed bytes, never inflated: a 3 GB part packed
    into 3 MB costs 3 MB), or, where that is not possible, by streaming it in chunks."""
    if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 0x1:
        fp = src.fp
        fp.seek(info.header_offset)
        head = fp.read(30)
        if len(head) == 30 and head[:4] == b"PK\x03\x04":
            name_len, extra_len = struct.unpack("<HH", head[26:30])
            new = _copy_info(info)
            new.CRC, new.compress_size, new.file_size = info.CRC, info.compress_size, info.file_size
            new.flag_bits = info.flag_bits & 0x800  # UTF-8 name; the sizes now in the header
            zip64 = max(new.file_size, new.compress_size) > zipfile.ZIP64_LIMIT
            new.header_offset = zout.fp.tell()
            zout.fp.write(new.FileHeader(zip64))
            fp.seek(info.header_offset + 30 + name_len + extra_len)
            left = info.compress_size
            while left:
                chunk = fp.read(min(left, 1024 * 1024))
                if not chunk:
                    raise EOFError("delen slutar för tidigt")
                zout.fp.write(chunk)
                left -= len(chunk)
            zout.filelist.append(new)
            zout.NameToInfo[new.filename] = new
            zout.start_dir = zout.fp.tell()
            zout._didModify = True
            return
    if info.file_size > MAX_STREAMED_PART:
        raise UnusableFile(f"Delen {info.filename} packas upp till {info.file_size // (1024 * 1024)} MB; "
                           "filen avvisas och har inte ändrats.")
    with src.open(info) as fin, zout.open(_copy_info(info), "w", force_zip64=info.file_size > 2 ** 30) as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    new = zipfile.ZipInfo(info.filename, info.date_time)
    new.compress_type = info.compress_type
    new.external_attr = info.external_attr
    new.create_system = info.create_system
    new.comment = info.comment
    return new


def _insert_before_close(xml: str, local: str, text: str) -> str:
    root = re.search(rf"<(\w+:)?{local}[\s/>]", xml)
    if root and root.group(1):  # <ns0:Relationships>: the new entries in the same namespace
        text = re.sub(r"<(/?)(\w)", rf"<\g<1>{root.group(1)}\g<2>", text)
    m = None
    for m in re.finditer(rf"</(?:\w+:)?{local}\s*>", xml):
        pass
    if m is None:  # <Relationships …/> with no children
        start = re.search(rf"<((?:\w+:)?){local}({_ATTRS})/>", xml)
        if not start:
            raise WriteError(f"Delen saknar elementet {local}.")
        prefix = start.group(1)
        return (xml[:start.start()] + f"<{prefix}{local}{start.group(2)}>" + text
                + f"</{prefix}{local}>" + xml[start.end():])
    return xml[:m.start()] + text + xml[m.start():]


def _edit_workbook(pkg: Package, stale: list[_Sheet], new_entries: list[str]) -> str:
    """Remove the stale sheets' entries, append the new ones, keep sheet indices right."""
    xml = pkg.workbook
    if not stale and not new_entries:
        return xml
    order = pkg.sheets
    mapping: dict[int, int | None] = {}
    kept = 0
    for i, s in enumerate(order):
        if s in stale:
            mapping[i] = None
        else:
            mapping[i] = kept
            kept += 1
    p = re.escape(pkg.p)
    # Work from the end so earlier offsets stay valid.
    for s in sorted(stale, key=lambda s: s.span[0], reverse=True):
        xml = xml[:s.span[0]] + xml[s.span[1]:]
    if new_entries:
        close = re.search(rf"</{p}sheets\s*>", xml)
        if close is None:
            raise WriteError("Arbetsboken saknar bladförteckning (sheets).")
        xml = xml[:close.start()] + "".join(new_entries) + xml[close.start():]
    if stale:
        xml = _remap_defined_names(xml, pkg.p, mapping)
        xml = _remap_views(xml, pkg.p, mapping)
    return xml


def _remap_defined_names(xml: str, prefix: str, mapping: dict[int, int | None]) -> str:
    p = re.escape(prefix)
    pattern = re.compile(rf"<{p}definedName(?={_ATTRS}/?>)({_ATTRS})(?:/>|>.*?</{p}definedName\s*>)", re.S)

    def fix(m: re.Match) -> str:
        a = attrs(m.group(1))
        if "localSheetId" not in a:
            return m.group(0)
        new = mapping.get(int(a["localSheetId"]))
        if new is None:
            return ""
        return re.sub(r"""(localSheetId\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{new}"', m.group(0), count=1)

    xml = pattern.sub(fix, xml)
    return re.sub(rf"<{p}definedNames{_ATTRS}>\s*</{p}definedNames\s*>", "", xml)


def _remap_views(xml: str, prefix: str, mapping: dict[int, int | None]) -> str:
    def fix(m: re.Match) -> str:
        tag = m.group(0)
        for key in ("activeTab", "firstSheet"):
            a = attrs(tag)
            if key in a:
                new = mapping.get(int(a[key])) or 0
                tag = re.sub(rf"""({key}\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{new}"', tag, count=1)
        return tag

    return re.sub(rf"<{re.escape(prefix)}workbookView{_ATTRS}/?>", fix, xml)


def write_results(path: str | Path, plans: list[SheetPlan], out: str | Path | None = None) -> Written:
    """Write the result sheets into the workbook at ``path`` (in place, or to ``out``), atomically."""
    path = Path(path)
    target = Path(out) if out is not None else path
    written: list[Written] = []
    try:
        with zipfile.ZipFile(path) as src:
            notes = atomic_write(target, lambda fh: written.append(apply_plan(src, plans, fh)))
    except zipfile.BadZipFile:
        raise UnusableFile(f"{path.name}: arbetsboken är skadad och kan inte skrivas; filen har inte ändrats.") from None
    except DefusedXmlException:  # a part only the writer parses (the reader refuses the rest)
        raise UnusableFile(f"{path.name}: arbetsboken innehåller XML med DTD eller entiteter, något Excel "
                           "aldrig skriver (kan vara en så kallad XML-bomb); filen avvisas av "
                           "säkerhetsskäl och har inte ändrats.") from None
    written[0].notes = notes
    return written[0]
