"""Parts of the user's package as the writer reads them: bounded, no DTDs or entities,
well-formed, decoded by their own encoding (and encoded back in it)."""

from __future__ import annotations

import codecs
import re

from defusedxml import DefusedXmlException

from ..core.errors import UnusableFile
from ..read import xmlsafe

_DECLARED = re.compile(r"""<\?xml[^>]*?\sencoding\s*=\s*["']([\w.:-]+)["']""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_part(data: bytes, name: str) -> tuple[str, tuple[str, bytes]]:
    """A part's text by its byte-order mark or declared encoding, with how to encode it back."""
    bom, codec = next(((m, c) for m, c in _BOMS if data.startswith(m)), (b"", ""))
    if not codec:
        head = data[:2]
        if head in (b"<\x00", b"\x00<"):
            codec = "utf-16-le" if head == b"<\x00" else "utf-16-be"
        else:
            m = _DECLARED.match(data[:400].decode("latin-1"))
            try:
                codec = codecs.lookup(m.group(1)).name if m else "utf-8"
            except LookupError:
                codec = "?"
    try:  # expat has read it: UTF-8, UTF-16 or a one-byte encoding Python knows (Latin-1, cp1252 …)
        return data[len(bom):].decode(codec), (codec, bom)
    except (UnicodeError, LookupError):
        raise UnusableFile(f"Delen {name} i arbetsboken har en teckenkodning som verktyget inte kan läsa "
                           f"({codec}); filen har inte ändrats. Öppna och spara den i Excel.") from None


def parse_untrusted(data: bytes, budget: xmlsafe.Budget, name: str = "styles.xml"):
    """A part of the user's package as a tree: bounded, no DTDs or entities, well-formed."""
    try:
        root = xmlsafe.fromstring(data, budget)
        depth_ok(root)
        return root
    except DefusedXmlException:
        raise UnusableFile(f"Delen {name} i arbetsboken innehåller XML med DTD eller entiteter (kan vara "
                           "en så kallad XML-bomb); filen avvisas av säkerhetsskäl och har inte ändrats.") from None
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(f"Delen {name} i arbetsboken innehåller {exc}; filen avvisas och har inte "
                           "ändrats.") from None
    except (xmlsafe.ExpatError, ValueError, RecursionError):
        raise UnusableFile(f"Delen {name} i arbetsboken är inte giltig XML; filen har inte ändrats. "
                           "Öppna och spara den i Excel.") from None


def depth_ok(root, limit: int = 200) -> None:
    """Styles and package parts are a few levels deep; 3 000 nested elements are refused."""
    level = [(root, 0)]
    while level:
        el, depth = level.pop()
        if depth > limit:
            raise RecursionError
        level.extend((child, depth + 1) for child in el)
