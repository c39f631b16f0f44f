"""Reading the parts of a package within bounds: a part's stream refused up front when its
declared size is absurd, small parts as trees, large ones streamed through expat."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from ..core.errors import UnusableFile
from ..read import xmlsafe
from . import opc
from .limits import MAX_PART_BYTES, MAX_RATIO, MAX_SMALL_PART_BYTES


def open_part(zf: zipfile.ZipFile, name: str):
    """A part's stream, refused up front when its declared size is absurd."""
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > 10 * 1024 * 1024
    ):
        raise UnusableFile(
            f"{Path(zf.filename).name}: delen {name} packas upp till orimlig storlek "
            f"({info.file_size // (1024 * 1024)} MB); filen avvisas."
        )
    return zf.open(info)


def read_part(zf: zipfile.ZipFile, name: str, limit: int = MAX_SMALL_PART_BYTES) -> bytes:
    with open_part(zf, name) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise UnusableFile(f"{Path(zf.filename).name}: delen {name} är större än {limit // (1024 * 1024)} MB, "
                           "långt större än i en rapportarbetsbok; filen avvisas.")
    return data


def parse(zf: zipfile.ZipFile, name: str, budget: xmlsafe.Budget, handlers: dict, *,
           whole: bool = True) -> None:
    """Stream part ``name`` through expat with ``handlers`` (start/end/chars), within budget:
    a part read ``whole`` has its elements counted before any is parsed; another (shared
    strings, read only as far as needed) as it is read."""
    try:
        if whole:
            with open_part(zf, name) as fh:
                xmlsafe.prescan(fh, MAX_PART_BYTES, budget)
        with open_part(zf, name) as fh:
            xmlsafe.feed(xmlsafe.parser(**handlers), fh, MAX_PART_BYTES, None if whole else budget)
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(too_much(zf, name, str(exc))) from None


def too_much(zf: zipfile.ZipFile, part: str, what: str) -> str:
    return (f"{Path(zf.filename).name}: delen {part} innehåller {what}, långt mer än en "
            "rapportarbetsbok; filen avvisas (se guiden docs/guide.md, avsnitt 6).")


def tree(zf: zipfile.ZipFile, name: str, budget: xmlsafe.Budget):
    """A small part (workbook, relationships) as a tree, after counting its elements."""
    try:
        return xmlsafe.fromstring(read_part(zf, name), budget)
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(too_much(zf, name, str(exc))) from None


def rels(zf: zipfile.ZipFile, part: str, budget: xmlsafe.Budget) -> dict[str, str]:
    """The parts inside the package that ``part``'s relationships point to, by Id."""
    name = opc.rels_part(part)
    if name not in zf.namelist():
        return {}
    return opc.internal_parts(opc.relationships(tree(zf, name, budget)), posixpath.dirname(part))
