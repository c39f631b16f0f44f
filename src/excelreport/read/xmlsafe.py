"""Untrusted XML in bounded time and memory: expat with DTDs and entities refused.

Every part is parsed as a stream (never the whole document as a tree unless it passed a
count of its elements first), and every element counts against a :class:`Budget` shared by
the whole workbook, so a small file cannot cost gigabytes or minutes: a sheet of 48 million
empty elements is refused after the first few million, within seconds.
"""

from __future__ import annotations

import pyexpat
from typing import BinaryIO, Callable
from xml.etree import ElementTree as ET

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from ..core.errors import LimitExceeded

CHUNK = 64 * 1024
ExpatError = pyexpat.ExpatError


class Budget:
    """XML elements a workbook may make the reader look at, all its parts together."""

    def __init__(self, elements: int):
        self.left = elements
        self.limit = elements

    def spend(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise LimitExceeded(f"fler än {self.limit:,} XML-element".replace(",", " "))


def parser(start: Callable | None = None, end: Callable | None = None,
           chars: Callable | None = None) -> pyexpat.XMLParserType:
    """An expat parser (namespaces as ``uri}local``) that refuses DTDs and entities."""
    p = pyexpat.ParserCreate(namespace_separator="}")
    p.buffer_text = True

    def doctype(name, sysid, pubid, _has_internal):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, _is_param, _value, base, sysid, pubid, _notation=None):
        raise EntitiesForbidden(name, _value, base, sysid, pubid, _notation)

    def external(_context, base, sysid, pubid):
        raise ExternalReferenceForbidden(_context, base, sysid, pubid)

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = entity
    p.UnparsedEntityDeclHandler = lambda name, base, sysid, pubid, notation: entity(
        name, False, None, base, sysid, pubid, notation)
    p.ExternalEntityRefHandler = external
    if start is not None:
        p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if chars is not None:
        p.CharacterDataHandler = chars
    return p


def tags(chunk: bytes) -> int:
    """Start tags in a piece of XML, counted in C at the speed of memory (a close enough bound:
    comments and processing instructions count too)."""
    return chunk.count(b"<") - chunk.count(b"</")


def feed(p: pyexpat.XMLParserType, source: bytes | BinaryIO, max_bytes: int,
         budget: Budget | None = None) -> None:
    """Parse ``source`` in chunks; LimitExceeded beyond ``max_bytes`` of XML or, when a
    ``budget`` is given, before the elements it cannot afford are parsed."""
    if isinstance(source, bytes):
        if len(source) > max_bytes:
            raise LimitExceeded(f"mer än {max_bytes // (1024 * 1024)} MB XML")
        if budget is not None:
            budget.spend(tags(source))
        p.Parse(source, True)
        return
    total = 0
    while chunk := source.read(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise LimitExceeded(f"mer än {max_bytes // (1024 * 1024)} MB XML")
        if budget is not None:
            budget.spend(tags(chunk))
        p.Parse(chunk, False)
    p.Parse(b"", True)


def prescan(source: BinaryIO, max_bytes: int, budget: Budget) -> None:
    """Count a part's elements against the budget before parsing any of it."""
    total = 0
    while chunk := source.read(CHUNK * 16):
        total += len(chunk)
        if total > max_bytes:
            raise LimitExceeded(f"mer än {max_bytes // (1024 * 1024)} MB XML")
        budget.spend(tags(chunk))


def count_elements(data: bytes, budget: Budget) -> None:
    """Check ``data`` is safe XML within the budget, without building anything."""
    feed(parser(), data, len(data), budget)


def fromstring(data: bytes, budget: Budget) -> ET.Element:
    """A small part as a tree: first counted and checked by expat, then built by the C parser."""
    count_elements(data, budget)
    return ET.fromstring(data)


def is_xml_error(exc: BaseException) -> bool:
    """An expat error on malformed XML (``pyexpat.ExpatError`` or ElementTree's ParseError)."""
    return isinstance(exc, (pyexpat.ExpatError, ET.ParseError))
