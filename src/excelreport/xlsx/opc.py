"""The package of an .xlsx/.xlsm file (Open Packaging Conventions), for reader and writer alike.

Namespaces, the names of the package's parts, its relationships (parsed here, once, from a
tree the caller has already bounded) and the entries of relationships and
``[Content_Types].xml`` that the writer adds and removes.
"""

from __future__ import annotations

import posixpath
import re

from ..core.errors import WriteError
from .xmltext import ATTRS as _ATTRS

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = REL_NS + "/worksheet"
OFFICE_DOCUMENT_REL = REL_NS + "/officeDocument"
CALC_CHAIN_REL = REL_NS + "/calcChain"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# The names of package parts.
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
DEFAULT_WORKBOOK = "xl/workbook.xml"
MIMETYPE = "mimetype"  # an OpenDocument package's first part
ENCRYPTED_PACKAGE = "EncryptedPackage"  # an encrypted workbook's OLE stream
SHARED_STRINGS = "sharedStrings.xml"  # the end of its part name
STYLES = "styles.xml"


def rels_part(part: str) -> str:
    """The relationships part of ``part`` (``""``: the package's own, ``_rels/.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(folder: str, target: str) -> str:
    """The part a relationship's ``Target`` names, relative to the source part's folder."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def relationships(root) -> dict[str, dict[str, str]]:
    """The relationships of a parsed ``.rels`` part by Id: their attributes (Type, Target,
    TargetMode); a later Id wins, as in a package a program wrote twice."""
    return {rel.get("Id", ""): dict(rel.attrib) for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship")}


def internal_parts(rels: dict[str, dict[str, str]], folder: str) -> dict[str, str]:
    """The parts inside the package that ``rels`` (of a part in ``folder``) point to, by Id."""
    return {rid: resolve(folder, a.get("Target", "")) for rid, a in rels.items()
            if a.get("TargetMode") != "External"}


def workbook_part(root_rels: dict[str, dict[str, str]]) -> str | None:
    """The workbook part the package's root relationships name: its office document, else a
    part named like a workbook (Strict's relationship type); None when they name none."""
    parts = [(a.get("Type"), resolve("", a.get("Target", ""))) for a in root_rels.values()
             if a.get("TargetMode") != "External"]
    main = next((p for t, p in parts if t == OFFICE_DOCUMENT_REL), None)
    return main or next((p for _, p in parts if p.endswith(".xml") and "workbook" in posixpath.basename(p)), None)


def foreign_format_message(root_tag: str) -> str:
    """A workbook whose root is not transitional SpreadsheetML (Strict, Excel 2007 beta …)."""
    ns = root_tag[1:].split("}")[0] if root_tag.startswith("{") else ""
    if ns == STRICT_NS:
        return ("Arbetsboken är sparad i formatet Strict Open XML, som verktyget inte läser. Spara den "
                "som vanlig Excel-arbetsbok (.xlsx) och kör igen.")
    if not ns:
        return ("Arbetsbokens workbook.xml saknar SpreadsheetML:s namnrymd; filen är skadad eller skriven "
                "av ett program som inte följer formatet. Öppna den i Excel, spara den som .xlsx och kör igen.")
    return (f"Arbetsboken är sparad i ett format verktyget inte känner (namnrymden '{ns}', t.ex. en "
            "förhandsversion av Excel 2007). Öppna den i Excel, spara den som Excel-arbetsbok (.xlsx) "
            "och kör igen.")


# --- entries the writer adds and removes (edited as text: prefixes stay as they were) ---

def drop_relationship(rels: str, rid: str) -> str:
    return re.sub(rf"<(?:\w+:)?Relationship(?={_ATTRS}/?>)(?=[^>]*\sId\s*=\s*[\"']{re.escape(rid)}[\"'])"
                  rf"{_ATTRS}(?:/>|>\s*</(?:\w+:)?Relationship>)", "", rels)


def drop_override(types: str, part: str) -> str:
    return re.sub(rf"<(?:\w+:)?Override(?={_ATTRS}/?>)(?=[^>]*\sPartName\s*=\s*[\"']/{re.escape(part)}[\"'])"
                  rf"{_ATTRS}(?:/>|>\s*</(?:\w+:)?Override>)", "", types, flags=re.I)


def insert_before_close(xml: str, local: str, text: str) -> str:
    """``text`` (entries) appended as the last children of the root ``local`` (Relationships,
    Types), in the root's own namespace prefix."""
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
