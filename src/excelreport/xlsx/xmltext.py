"""Editing XML as text: attributes of a start tag, escaping, elements by prefix and name.

The writer edits the user's parts as text, so prefixes, ``mc:Ignorable`` and everything else
the writing program put there stay as they were.
"""

from __future__ import annotations

import html
import re

from ..core.errors import WriteError

MAX_CELL_TEXT = 32767  # Excel's limit for one cell

# An XML attribute list, tolerant of ">" inside quoted values.
ATTRS = r"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    return re.compile(rf"<{p}{name}(?={ATTRS}/?>)({ATTRS})(?:/>|>\s*</{p}{name}>)")


def root_prefix(xml: str, local: str) -> str:
    """``"x:"`` when the root element is written ``<x:workbook``, else ``""``."""
    m = re.search(rf"<(?:(\w+):)?{local}[\s>/]", xml)
    if not m:
        raise WriteError(f"Delen saknar elementet {local}.")
    return f"{m.group(1)}:" if m.group(1) else ""


def set_count(start_tag: str, count: int) -> str:
    """A start tag (``<fonts count="5">``) with its count set."""
    if re.search(r"\scount\s*=", start_tag):
        return re.sub(r"""(\scount\s*=\s*)(?:"[^"]*"|'[^']*')""", rf'\g<1>"{count}"', start_tag, count=1)
    return start_tag[:-1] + f' count="{count}">'
