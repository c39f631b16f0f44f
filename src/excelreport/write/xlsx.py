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

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from defusedxml import DefusedXmlException

from ..contract import ALL_RESULT_SHEET_NAMES
from ..core.atomic import atomic_write
from ..core.errors import UnusableFile
from ..core.errors import WriteError
from ..read import owner
from ..read.owner import clash_message, result_name_clashes
from ..xlsx import opc
from ..xlsx.opc import (MAIN_NS, OFFICE_DOCUMENT_REL, PKG_REL_NS, REL_NS, STRICT_NS,  # noqa: F401 (re-exported)
                        WORKSHEET_CT, WORKSHEET_REL)
from ..xlsx.package import Package, SheetEntry
from ..xlsx.sheetxml import number_text, sheet_xml  # noqa: F401 (re-exported)
from ..xlsx.styles import StyleBook
from ..xlsx.untrusted import decode_part  # noqa: F401 (re-exported)
from ..xlsx.workbook_edit import calc_chain, edit_workbook, mark
from ..xlsx.xmltext import attrs, element_re, esc, root_prefix  # noqa: F401 (re-exported)
from ..xlsx.zipcopy import copy_info, copy_part, new_info
from .table import SheetPlan


@dataclass
class Written:
    """What a write did: the sheets written (in order) and the stale ones removed."""

    sheets: list[str]
    removed: list[str]
    notes: list[str] = field(default_factory=list)  # e.g. a hard link that could not be kept


@dataclass
class _Edit:
    """What a write changes in the package: parts replaced and added, entries of the workbook,
    its relationships and content types added, parts removed."""

    replaced: dict[str, bytes] = field(default_factory=dict)
    added: list[tuple[str, bytes]] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    rels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    taken_parts: set[str] = field(default_factory=set)  # part names in lower case
    taken_ids: set[str] = field(default_factory=set)  # relationship Ids of the workbook


def apply_plan(src: zipfile.ZipFile, plans: list[SheetPlan], out: BinaryIO,
               results: tuple[str, ...] = ()) -> Written:
    """Write ``src`` with the result sheets of ``plans`` to ``out`` (a binary file); a sheet of
    ``results`` (a profile's own result sheets) counts as a result sheet when it is marked."""
    pkg = Package(src)
    planned = {p.name for p in plans}
    existing = _refuse(pkg, plans)
    marked = pkg.marked()
    stale = [s for s in pkg.sheets if (s.name in ALL_RESULT_SHEET_NAMES or s.name in results and s.name in marked)
             and s.name not in planned and s.rel_type == WORKSHEET_REL]
    if len(stale) == len(pkg.sheets):
        stale = stale[:-1]  # a workbook keeps at least one sheet
    final_names = {s.name for s in pkg.sheets if s not in stale} | planned
    styles_part = pkg.styles_part()
    if styles_part is None:
        raise WriteError("Arbetsboken saknar formatmallar (styles.xml); öppna och spara den i Excel.")
    styles = StyleBook(pkg.text(styles_part), pkg.budget, pkg.raw[styles_part])
    edit = _Edit(taken_parts=set(pkg.lower), taken_ids=set(pkg.relations))
    for plan in plans:
        _add_sheet(pkg, plan, sheet_xml(plan, styles, final_names), existing.get(plan.name), edit)
    changes = _package_parts(pkg, stale, plans, existing, edit)
    style_xml = styles.serialize()
    if style_xml is not None:
        changes[styles_part] = style_xml
    for name, text in changes.items():
        edit.replaced[name] = pkg.encode(name, text)
    _write_package(src, edit, out)
    return Written([p.name for p in plans], [s.name for s in stale])


def _refuse(pkg: Package, plans: list[SheetPlan]) -> dict[str, SheetEntry]:
    """The workbook's sheets by name, once nothing stands in the way of writing ``plans``."""
    planned = {p.name for p in plans}
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
    marked = pkg.marked()
    own = [n for n in planned if n in existing and n not in ALL_RESULT_SHEET_NAMES and n not in marked]
    if own:  # a profile's result sheet name taken by a sheet of the user's
        raise WriteError(" ".join(owner.foreign_message(n, list(existing)) for n in sorted(own))
                         + " Arbetsboken har inte ändrats.")
    return existing


def _add_sheet(pkg: Package, plan: SheetPlan, xml: bytes, old: SheetEntry | None, edit: _Edit) -> None:
    """A result sheet's part: in place of its old one, or added with a new part name, Id and
    sheetId (the first free of each), its entry in the workbook, relationships and types."""
    if old is not None:
        edit.replaced[old.part] = xml
        return
    n = 1
    while f"{pkg.wb_folder}/worksheets/sheet{n}.xml".lower().lstrip("/") in edit.taken_parts:
        n += 1
    part = f"{pkg.wb_folder}/worksheets/sheet{n}.xml".lstrip("/")
    edit.taken_parts.add(part.lower())
    k = 1
    while f"rId{k}" in edit.taken_ids:
        k += 1
    rid = f"rId{k}"
    edit.taken_ids.add(rid)
    sheet_id = max([0, *(s.sheet_id for s in pkg.sheets)]) + 1 + len(edit.entries)
    edit.added.append((part, xml))
    r_prefix = pkg.rel_prefix()
    rid_attr = f'{r_prefix}:id="{rid}"' if r_prefix else f'xmlns:r="{REL_NS}" r:id="{rid}"'
    edit.entries.append(f'<{pkg.p}sheet name="{esc(plan.name, True)}" sheetId="{sheet_id}" {rid_attr}/>')
    target = posixpath.relpath(part, pkg.wb_folder or ".")
    edit.rels.append(f'<Relationship Id="{rid}" Type="{WORKSHEET_REL}" Target="{esc(target, True)}"/>')
    edit.types.append(f'<Override PartName="/{esc(part, True)}" ContentType="{WORKSHEET_CT}"/>')


def _package_parts(pkg: Package, stale: list[SheetEntry], plans: list[SheetPlan],
                   existing: dict[str, SheetEntry], edit: _Edit) -> dict[str, str]:
    """The new text of ``workbook.xml``, its relationships and ``[Content_Types].xml``; the
    stale sheets' parts (and the calculation chain when empty) into ``edit.removed``."""
    workbook = mark(edit_workbook(pkg, stale, edit.entries), pkg, stale, plans)
    rels, types = pkg.rels, pkg.types
    for s in stale:
        rels, types = opc.drop_relationship(rels, s.rid), opc.drop_override(types, s.part)
        edit.removed |= {s.part, opc.rels_part(s.part)}
    gone = {str(s.sheet_id) for s in stale} | {str(existing[p.name].sheet_id) for p in plans if p.name in existing}
    rels, types = calc_chain(pkg, gone, rels, types, edit.replaced, edit.removed)
    if edit.rels:
        rels = opc.insert_before_close(rels, "Relationships", "".join(edit.rels))
    if edit.types:
        types = opc.insert_before_close(types, "Types", "".join(edit.types))
    return {pkg.wb_part: workbook, pkg.wb_rels_part: rels, opc.CONTENT_TYPES: types}


def _write_package(src: zipfile.ZipFile, edit: _Edit, out: BinaryIO) -> None:
    """Every part of ``src`` but the removed ones, copied as stored or replaced, then the added."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in src.infolist():
            if info.filename in edit.removed:
                continue
            data = edit.replaced.get(info.filename)
            if data is not None:
                zout.writestr(copy_info(info), data)
                continue
            copy_part(src, info, zout)
        for name, data in edit.added:
            zout.writestr(new_info(name), data)
        zout.comment = src.comment


def write_results(path: str | Path, plans: list[SheetPlan], out: str | Path | None = None,
                  results: tuple[str, ...] = ()) -> Written:
    """Write the result sheets into the workbook at ``path`` (in place, or to ``out``), atomically;
    ``results`` names a profile's own result sheets (removed, when marked, if not planned)."""
    path = Path(path)
    target = Path(out) if out is not None else path
    written: list[Written] = []
    try:
        with zipfile.ZipFile(path) as src:
            notes = atomic_write(target, lambda fh: written.append(apply_plan(src, plans, fh, results)))
    except zipfile.BadZipFile:
        raise UnusableFile(f"{path.name}: arbetsboken är skadad och kan inte skrivas; filen har inte ändrats.") from None
    except DefusedXmlException:  # a part only the writer parses (the reader refuses the rest)
        raise UnusableFile(f"{path.name}: arbetsboken innehåller XML med DTD eller entiteter, något Excel "
                           "aldrig skriver (kan vara en så kallad XML-bomb); filen avvisas av "
                           "säkerhetsskäl och har inte ändrats.") from None
    written[0].notes = notes
    return written[0]
