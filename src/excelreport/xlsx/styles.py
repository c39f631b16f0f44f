"""The workbook's ``styles.xml``, with the cell formats of the result sheets appended
(existing indices never change) and reused when they are already there."""

from __future__ import annotations

import re
from xml.etree.ElementTree import fromstring as _trusted_fromstring

from ..read import xmlsafe
from ..write.table import CellStyle
from .opc import MAIN_NS
from .untrusted import parse_untrusted
from .xmltext import ATTRS, esc, root_prefix, set_count

_STYLE_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                "dxfs", "tableStyles", "colors", "extLst")
_STYLE_COLLECTIONS = ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs")
_NO_FILL = '<fill><patternFill patternType="none"/></fill>'
_NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"
MAX_STYLE_ELEMENTS = 1_000_000  # a styles.xml bloated by years of copy-paste has ~200 000


def _canon(el) -> tuple:
    """An element compared by meaning: local names, attributes and children, not prefixes."""
    local = el.tag.rsplit("}", 1)[-1]
    return (local, tuple(sorted(el.attrib.items())), tuple(_canon(c) for c in el))


class StyleBook:
    """The workbook's ``styles.xml``, with the cell formats of the result sheets appended."""

    def __init__(self, xml: str, budget: xmlsafe.Budget | None = None, raw: bytes | None = None):
        self.p = root_prefix(xml, "styleSheet")
        # <styleSheet …/> with nothing in it: give it a body to append to.
        m = re.search(rf"<{re.escape(self.p)}styleSheet({ATTRS})/>", xml)
        if m:
            xml = xml[:m.start()] + f"<{self.p}styleSheet{m.group(1)}></{self.p}styleSheet>" + xml[m.end():]
        self.xml = xml
        self.root = parse_untrusted(raw if raw is not None else xml.encode("utf-8"),
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
        start = re.search(rf"<{p}{coll}(?={ATTRS}/?>)({ATTRS})(/?)>", xml)
        if start and start.group(2) == "/":  # <fonts count="0"/>
            tag = set_count(f"<{self.p}{coll}{start.group(1)}>", total)
            return xml[:start.start()] + tag + children + f"</{self.p}{coll}>" + xml[start.end():]
        if start:
            end = xml.index(f"</{self.p}{coll}>", start.end())
            tag = set_count(xml[start.start():start.end()], total)
            return xml[:start.start()] + tag + xml[start.end():end] + children + xml[end:]
        # The collection is missing: insert it before the first later one that exists.
        block = f'<{self.p}{coll} count="{total}">{children}</{self.p}{coll}>'
        for later in _STYLE_ORDER[_STYLE_ORDER.index(coll) + 1:]:
            m = re.search(rf"<{p}{later}[\s/>]", xml)
            if m:
                return xml[:m.start()] + block + xml[m.start():]
        end = xml.rindex(f"</{self.p}styleSheet>")
        return xml[:end] + block + xml[end:]
