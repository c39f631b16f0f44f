"""The parts of a workbook package that the writer edits, read from the zip and checked."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from ..core.errors import UnusableFile
from ..core.errors import WriteError
from ..read import owner, xmlsafe
from . import opc
from .first_row import foreign_result_sheets
from .styles import MAX_STYLE_ELEMENTS
from .untrusted import decode_part, parse_untrusted
from .xmltext import ATTRS, attrs, element_re, root_prefix

MAX_PACKAGE_PART = 50 * 1024 * 1024  # workbook.xml, relationships, content types, styles


@dataclass
class SheetEntry:
    """A ``<sheet>`` of ``workbook.xml`` and the part its relationship names."""

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
        self.roots: dict[str, str] = {}  # the root element's tag of each part read
        self.relationships: dict[str, dict[str, dict[str, str]]] = {}  # of each .rels part read
        self.raw: dict[str, bytes] = {}
        self.codecs: dict[str, tuple[str, bytes]] = {}
        self.names = zf.namelist()
        self.lower = {n.lower() for n in self.names}
        self.wb_part = self._workbook_part()
        self.wb_folder = posixpath.dirname(self.wb_part)
        self.wb_rels_part = opc.rels_part(self.wb_part)
        self.workbook = self.text(self.wb_part)
        if opc.STRICT_NS in self.workbook[:2000]:
            raise WriteError("Arbetsboken är sparad i formatet Strict Open XML, som verktyget inte "
                             "skriver i. Spara den som vanlig Excel-arbetsbok (.xlsx) och kör igen.")
        if self.roots[self.wb_part] != f"{{{opc.MAIN_NS}}}workbook":  # e.g. Excel 2007's beta format
            raise WriteError(opc.foreign_format_message(self.roots[self.wb_part]))
        self.rels = self.text(self.wb_rels_part)
        self.relations = self.relationships[self.wb_rels_part]
        self.types = self.text(opc.CONTENT_TYPES)
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
        root = parse_untrusted(data, self.budget, name)
        self.roots[name] = root.tag
        if name.endswith(".rels"):  # parsed once, here, by the package's one parser
            self.relationships[name] = opc.relationships(root)
        self.raw[name] = data
        text, self.codecs[name] = decode_part(data, name)
        return text

    def encode(self, name: str, text: str) -> bytes:
        """A part edited as text, in the encoding (and with the byte-order mark) it came in."""
        codec, bom = self.codecs.get(name, ("utf-8", b""))
        return bom + text.encode(codec, "xmlcharrefreplace")

    def _workbook_part(self) -> str:
        if opc.ROOT_RELS not in self.names:
            return opc.DEFAULT_WORKBOOK
        self.text(opc.ROOT_RELS)
        return opc.workbook_part(self.relationships[opc.ROOT_RELS]) or opc.DEFAULT_WORKBOOK

    def _sheets(self) -> list[SheetEntry]:
        r_prefix = self.rel_prefix() or "r"
        out = []
        for m in element_re(self.p, "sheet").finditer(self.workbook):
            a = attrs(m.group(1))
            rid = a.get(f"{r_prefix}:id", "")
            rel = self.relations.get(rid, {})
            out.append(SheetEntry(a.get("name", ""), int(a.get("sheetId", "0") or 0), rid,
                                  (m.start(), m.end()), self.part_of(rel), rel.get("Type", "")))
        return out

    def styles_part(self) -> str | None:
        for rel in self.relations.values():
            if rel.get("Type", "").endswith("/styles") and rel.get("TargetMode") != "External":
                part = self.part_of(rel)
                return part if part in self.names else None
        return None

    def part_of(self, rel: dict[str, str]) -> str:
        """The part a relationship of the workbook points to."""
        return opc.resolve(self.wb_folder, rel.get("Target", ""))

    def marked(self) -> set[str]:
        """The sheets that carry the toolkit's mark (see ``read.owner``)."""
        pattern = rf"<{re.escape(self.p)}definedName(?={ATTRS}/?>)({ATTRS})/?>"
        defined = [(a.get("name"), a.get("localSheetId"))
                   for a in (attrs(m.group(1)) for m in re.finditer(pattern, self.workbook))]
        return owner.marked_sheets([s.name for s in self.sheets], defined)

    def refuse_foreign(self) -> None:
        """A sheet named like a result sheet that the toolkit did not write is never replaced
        or removed: the run is refused before anything is written."""
        parts = [(s.name, s.part) for s in self.sheets if s.rel_type == opc.WORKSHEET_REL and s.part in self.names]
        rels = opc.internal_parts(self.relations, self.wb_folder)
        foreign = foreign_result_sheets(self.zf, parts, self.marked(), rels)
        if foreign:
            taken = [s.name for s in self.sheets]
            raise WriteError(" ".join(owner.foreign_message(n, taken) for n in foreign)
                             + " Arbetsboken har inte ändrats.")

    def rel_prefix(self) -> str:
        """The prefix ``workbook.xml`` gives the relationships' namespace (``r``), or ""."""
        start = re.search(rf"<{re.escape(self.p)}workbook({ATTRS})>", self.workbook)
        for key, value in attrs(start.group(1) if start else "").items():
            if key.startswith("xmlns:") and value == opc.REL_NS:
                return key[6:]
        return ""
