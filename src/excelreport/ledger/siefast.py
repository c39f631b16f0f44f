"""The voucher section of a SIE file, a megabyte at a time, as bytes.

A kommun-wide extract is mostly ``#VER`` blocks of other boards' ``#TRANS`` lines. Those
need checking, not summing: a run of whole voucher blocks (``#VER``, ``{``, ``#TRANS`` lines,
``}``) is recognised by one regular expression over the raw bytes (code page 437 keeps
ASCII as it is), which also checks every ``#TRANS`` line's form — an account of digits, an
object list closed on its line, an amount that is a number — so a damaged line of another
board still stops the run. The lines the board may select are found by a second one, the
board's codes in quotes (a superset: each hit's line alone is decoded, parsed strictly and
its object list resolved exactly). Everything else — the header, the period balances, a
damaged block, a run with a line not in that form — is decoded and goes line by
line through the strict reader, which names the line.
"""

from __future__ import annotations

import re
from typing import Iterator

CHUNK = 1 << 20  # bytes read at a time
MAX_BUFFER = 16 * CHUNK  # a run without a closing '}' this long goes line by line

# A run of whole voucher blocks whose #TRANS lines have their simple form — an account of
# digits, an object list of quoted codes closed on its line, a number, a date of a month
# 01-12 (or "") — checked in one pass (possessive: no character is looked at twice).
_DATE = rb'\d{4}+(?:0[1-9]|1[0-2])\d\d'
_TRANS = (rb'#TRANS[ \t]++\d++[ \t]++\{(?:[ \t]*+\d++[ \t]++"[^"\n\\]*+")*+[ \t]*+\}[ \t]++-?\d++(?:\.\d++)?+'
          rb'(?:[ \t]++(?:' + _DATE + rb'|"' + _DATE + rb'"|"")?+(?:[ \t][^\n]*+)?+)?+\r?\n')
BLOCKS = re.compile(rb'(?:#VER[ \t][^\n]*+\n\{\r?\n(?:' + _TRANS + rb')*+\}\r?\n)*+')
# The fields of such a line (the date: plain, quoted or none).
LINE_BYTES = re.compile(rb'#TRANS[ \t]+(\d+)[ \t]+\{([^}\n]*)\}[ \t]+(-?\d+(?:\.\d+)?)(?:[ \t]+(?:(\d{8})|"(\d{8})"))?')
VER_DATES = re.compile(rb'\n#VER[ \t]+(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+(\d{8})(?=[ \t\r\n])')
MAX_ENUMERATED = 10_000  # codes of a numeric range spelled out in the candidate pattern


def segments(raw) -> Iterator[tuple[bool, bytes]]:
    """(plain, bytes) pieces of the file in order, each whole lines; ``plain`` pieces are
    runs of whole, simple voucher blocks."""
    buf = b""
    while True:
        data = raw.read(CHUNK)
        buf += data
        if data:
            new = max(0, len(buf) - len(data) - 3)  # what was before is searched already
            cut = max(buf.rfind(b"\n}\n", new), buf.rfind(b"\n}\r\n", new))
            if cut < 0 and len(buf) < MAX_BUFFER:
                continue
            end = buf.find(b"\n", cut + 2) + 1 if cut >= 0 else buf.rfind(b"\n") + 1
            if end <= 0:
                continue
            chunk, buf = buf[:end], buf[end:]
        else:
            chunk, buf = buf, b""
        yield from _split(chunk)
        if not data:
            return


def _split(chunk: bytes) -> Iterator[tuple[bool, bytes]]:
    pos = 0
    while pos < len(chunk):
        m = BLOCKS.match(chunk, pos)
        if m.end() > pos:
            yield True, chunk[pos:m.end()]
            pos = m.end()
            continue
        nxt = chunk.find(b"\n#VER", pos)
        end = nxt + 1 if nxt >= 0 else len(chunk)
        yield False, chunk[pos:end]
        pos = end


def trie(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored by common prefixes (an
    alternation of many object lists would try each in turn on every line)."""
    if not words:
        return "(?!)"
    if "" in words and len(words) == 1:
        return ""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    parts = [re.escape(first) + trie(rest) for first, rest in sorted(groups.items())]
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in words else body


# A #TRANS line's simple form for the strict reader: a date of digits, "" or the line's end
# (any other date field, quoted too, goes through the fields, which read and check it).
LINE = re.compile(r'#TRANS[ \t]+(\d+)[ \t]+\{([^}\n]*)\}[ \t]+(-?\d+(?:\.\d+)?)'
                   r'(?:[ \t]+(?:(\d{8})|"")(?=[ \t\r\n])|(?=[ \t]*\r?\n))')


def code_pattern(codes, words: set[str]) -> list[str]:
    """Patterns for the codes a CodeSet takes (perhaps a few more); exact and enumerated
    codes are added to ``words``."""
    words |= {w for w in codes.exact if _in_cp437(w)}
    parts = []
    for lo, hi in codes.ranges:
        if lo.isdigit() and hi.isdigit() and int(hi) - int(lo) <= MAX_ENUMERATED:
            words |= {str(n) for n in range(int(lo), int(hi) + 1)}
        else:
            parts.append(r'[^"\n]*')  # a wide or textual range: every code is a candidate
    return parts + [re.escape(p) + r'[^"\n]*' for p in codes.prefixes if _in_cp437(p)]


def _in_cp437(text: str) -> bool:
    """A code a PC8 file can hold (one it cannot is never a candidate: it is in no line)."""
    try:
        text.encode("cp437")
    except UnicodeEncodeError:
        return False
    return True


def candidates(selection) -> re.Pattern:
    """A quoted text that may be one of the board's codes or projects. A search for it is
    fast (it starts with a quote, rarer than a line); each hit's line is then checked."""
    words = {p for p in selection.projects if _in_cp437(p)}
    parts = code_pattern(selection.drift, words) + code_pattern(selection.exploatering, words)
    if words:
        parts.insert(0, "0*" + trie(sorted(words)))  # "0125" is in 120-129 too
    code = ('"(?:' + ("|".join(parts) or "(?!)") + ')"').encode("cp437")
    return re.compile(code)


def simple_line(line: str) -> tuple[str, str, str, str] | None:
    """(account, object list, amount, date or "") of a #TRANS line in its simple form."""
    m = LINE.match(line)
    return m.groups("") if m is not None else None
