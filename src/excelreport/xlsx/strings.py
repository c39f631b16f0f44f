"""Text of cells: shared strings and inline strings (plain ``<t>`` or rich-text runs, no phonetics)."""

from __future__ import annotations

import re
import zipfile

from ..read import xmlsafe
from . import opc
from .limits import MAX_CELL_CHARS
from .parts import parse

_M = opc.MAIN_NS + "}"  # expat's names: ``uri}local``

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Excel stores characters XML cannot hold as ``_xHHHH_`` (and a literal ``_x`` as ``_x005F_x``)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class Texts:
    """Collects the text of ``<si>``/``<is>``: plain ``<t>`` or rich-text runs, no phonetics."""

    def __init__(self):
        self.parts: list[str] | None = None  # inside a <t> that counts
        self.size = 0
        self.phonetic = 0

    def start_t(self) -> None:
        if not self.phonetic:
            self.parts = self.parts if self.parts is not None else []

    def chars(self, data: str) -> None:
        if self.parts is not None and not self.phonetic:
            self.size += len(data)
            if self.size > MAX_CELL_CHARS:
                raise xmlsafe.LimitExceeded(f"en text längre än {MAX_CELL_CHARS} tecken (Excels gräns)")
            self.parts.append(data)

    def take(self) -> str:
        text = unescape("".join(self.parts or ()))
        self.parts, self.size = None, 0
        return text


def shared_strings(zf: zipfile.ZipFile, rels: dict[str, str], budget: xmlsafe.Budget,
                    last: int) -> list[str]:
    """The shared strings up to index ``last`` (the highest a contract sheet uses)."""
    part = next((p for p in rels.values() if p.endswith(opc.SHARED_STRINGS)), None)
    if not part or part not in zf.namelist():
        raise IndexError(last)
    out: list[str] = []
    texts = Texts()
    si, t, rph = f"{_M}si", f"{_M}t", f"{_M}rPh"
    collecting = [False]

    class _Done(Exception):
        pass

    def start(name, _attrs):
        if name == si:
            collecting[0] = True
            texts.parts, texts.size = None, 0
        elif name == rph:
            texts.phonetic += 1
        elif name == t and collecting[0]:
            texts.start_t()

    def end(name):
        if name == si:
            out.append(texts.take())
            collecting[0] = False
            if len(out) > last:
                raise _Done
        elif name == rph:
            texts.phonetic -= 1

    try:
        parse(zf, part, budget, {"start": start, "end": end, "chars": texts.chars}, whole=False)
    except _Done:
        pass
    if len(out) <= last:
        raise IndexError(last)
    return out
