"""The fields of a SIE line: plain and quoted fields, object lists, amounts; ``Damage`` for
a line that is not valid SIE."""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.errors import Damage

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*+)"|\{((?:[^}"]|"(?:[^"\\]|\\.)*+")*+)\}|([^\s"{}]+)|(\S)')
_AMOUNT = re.compile(r"-?\d+(?:\.\d+)?")
_UNESCAPE = re.compile(r"\\(.)")


def tokens(line: str) -> list:
    """The fields of a line: str for plain and quoted fields, a tuple of str for ``{…}``."""
    out: list = []
    for m in _TOKEN.finditer(line):
        kind, text = m.lastindex, m.group(m.lastindex)
        if kind == 3:
            out.append(text)
        elif kind == 1:
            out.append(_UNESCAPE.sub(r"\1", text) if "\\" in text else text)
        elif kind == 2:
            out.append(tuple(_field(t) for t in tokens(text)))
        elif text == "{":
            raise Damage("objektlistan '{' avslutas aldrig med '}'")
        else:
            raise Damage("ett citattecken avslutas aldrig" if text == '"' else f"tecknet '{text}' utanför ett fält")
    return out


def _field(token) -> str:
    if isinstance(token, tuple):
        raise Damage("en objektlista inuti en objektlista")
    return token


def objects(fields: tuple[str, ...]) -> dict[str, str]:
    if len(fields) % 2:
        raise Damage("objektlistan har en dimension utan objekt (dimension och kod parvis)")
    return dict(zip(fields[::2], fields[1::2]))


def amount(text: str) -> Decimal:
    if not _AMOUNT.fullmatch(text):
        raise Damage(f"beloppet '{text[:30]}' är inget tal (t.ex. -1234.50)")
    return Decimal(text)
