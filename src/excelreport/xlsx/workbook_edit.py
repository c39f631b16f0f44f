"""Edits of ``workbook.xml`` and ``calcChain.xml`` when result sheets are added, replaced or
removed: the sheets' entries, their mark, defined names and views kept pointing at the
right sheets, and the calculation chain without the cells of the sheets replaced."""

from __future__ import annotations

import re

from ..core.errors import WriteError
from ..read import owner
from ..write.table import SheetPlan
from . import opc
from .package import Package, SheetEntry
from .xmltext import ATTRS, attrs, element_re, esc, root_prefix


def mark(xml: str, pkg: Package, stale: list[SheetEntry], plans: list[SheetPlan]) -> str:
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
    empty = re.search(rf"<{p}definedNames{ATTRS}/>", xml)
    if empty:
        return xml[:empty.start()] + block + xml[empty.end():]
    after = None  # definedNames follow sheets, functionGroups and externalReferences
    for after in re.finditer(rf"</{p}(?:sheets|functionGroups|externalReferences)\s*>"
                             rf"|<{p}(?:functionGroups|externalReferences){ATTRS}/>", xml):
        pass
    if after is None:
        raise WriteError("Arbetsboken saknar bladförteckning (sheets).")
    return xml[:after.end()] + block + xml[after.end():]


def calc_chain(pkg: Package, sheet_ids: set[str], rels: str, types: str, replaced: dict[str, bytes],
                removed: set[str]) -> tuple[str, str]:
    """``calcChain.xml`` without the cells of the sheets replaced or removed (Excel repairs a
    file whose chain names a cell without a formula); when nothing is left, the part, its
    relationship and its content type go. Its ``i`` is the sheet's ``sheetId``; an entry
    without one is on the sheet of the entry before."""
    found = [(rid, pkg.part_of(a)) for rid, a in pkg.relations.items() if a.get("Type") == opc.CALC_CHAIN_REL]
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
        return opc.drop_relationship(rels, rid), opc.drop_override(types, part)
    replaced[part] = pkg.encode(part, xml[:cells[0].start()] + "".join(kept) + xml[cells[-1].end():])
    return rels, types


def edit_workbook(pkg: Package, stale: list[SheetEntry], new_entries: list[str]) -> str:
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
    pattern = re.compile(rf"<{p}definedName(?={ATTRS}/?>)({ATTRS})(?:/>|>.*?</{p}definedName\s*>)", re.S)

    def fix(m: re.Match) -> str:
        a = attrs(m.group(1))
        if "localSheetId" not in a:
            return m.group(0)
        new = mapping.get(int(a["localSheetId"]))
        if new is None:
            return ""
        return re.sub(r"""(localSheetId\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{new}"', m.group(0), count=1)

    xml = pattern.sub(fix, xml)
    return re.sub(rf"<{p}definedNames{ATTRS}>\s*</{p}definedNames\s*>", "", xml)


def _remap_views(xml: str, prefix: str, mapping: dict[int, int | None]) -> str:
    def fix(m: re.Match) -> str:
        tag = m.group(0)
        for key in ("activeTab", "firstSheet"):
            a = attrs(tag)
            if key in a:
                new = mapping.get(int(a[key])) or 0
                tag = re.sub(rf"""({key}\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{new}"', tag, count=1)
        return tag

    return re.sub(rf"<{re.escape(prefix)}workbookView{ATTRS}/?>", fix, xml)
