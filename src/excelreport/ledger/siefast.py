"""The voucher section of a SIE file, a megabyte at a time.

A kommun-wide extract is mostly ``#VER`` blocks of other boards' ``#TRANS`` lines. Those
need finding, not summing: a run of whole voucher blocks (``#VER``, ``{``, ``#TRANS`` lines,
``}``) is recognised by one regular expression over line kinds, and the lines the board
may select are found by a second one, the board's codes in quotes (a superset: each hit's
line is then parsed strictly and its object list resolved exactly). Only those lines are
parsed; other boards' ``#TRANS`` lines in such a run are not looked at field by field.
Everything else — the header, the period balances, a damaged block, a run whose object
lists do not end quoted — goes line by line through the strict reader, which names the
line.
"""

from __future__ import annotations

import re
from typing import Iterator

CHUNK = 1 << 20  # characters read at a time
MAX_BUFFER = 16 * CHUNK  # a run without a closing '}' this long goes line by line

# A run of whole voucher blocks, by line kind only (fast: no character is looked at twice).
BLOCKS = re.compile(r'(?:#VER[ \t][^\n]*+\n\{\r?\n(?:#TRANS[ \t][^\n]*+\n)*+\}\r?\n)*+')
VER_DATES = re.compile(r'\n#VER[ \t]+(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+(\d{8})(?=[ \t\r\n])')
MAX_ENUMERATED = 10_000  # codes of a numeric range spelled out in the candidate pattern


def segments(text) -> Iterator[tuple[bool, str]]:
    """(plain, text) pieces of the file in order, each whole lines; ``plain`` pieces are
    runs of whole, simple voucher blocks."""
    buf = ""
    while True:
        data = text.read(CHUNK)
        buf += data
        if data:
            new = max(0, len(buf) - len(data) - 3)  # what was before is searched already
            cut = max(buf.rfind("\n}\n", new), buf.rfind("\n}\r\n", new))
            if cut < 0 and len(buf) < MAX_BUFFER:
                continue
            end = buf.find("\n", cut + 2) + 1 if cut >= 0 else buf.rfind("\n") + 1
            if end <= 0:
                continue
            chunk, buf = buf[:end], buf[end:]
        else:
            chunk, buf = buf, ""
        yield from _split(chunk)
        if not data:
            return


def _split(chunk: str) -> Iterator[tuple[bool, str]]:
    pos = 0
    while pos < len(chunk):
        m = BLOCKS.match(chunk, pos)
        if m.end() > pos:
            yield True, chunk[pos:m.end()]
            pos = m.end()
            continue
        nxt = chunk.find("\n#VER", pos)
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


LINE = re.compile(r'#TRANS[ \t]+(\d+)[ \t]+\{([^}\n]*)\}[ \t]+(-?\d+(?:\.\d+)?)'
                   r'(?:[ \t]+(?:(\d{8})|"")(?=[ \t\r\n])|(?=[ \t]*\r?\n)|(?=[ \t]+"))')


def plain(segment: str) -> bool:
    """Every object list of the run ends in a quote (``"}``), so the board's codes are found
    by their quoted text; otherwise (an unquoted code, an empty list) its lines go through
    the strict reader. Counted, not looped: each count is one fast pass."""
    return segment.count("}") == segment.count('"}') + segment.count("\n}")


def code_pattern(codes, words: set[str]) -> list[str]:
    """Patterns for the codes a CodeSet takes (perhaps a few more); exact and enumerated
    codes are added to ``words``."""
    words |= codes.exact
    parts = []
    for lo, hi in codes.ranges:
        if lo.isdigit() and hi.isdigit() and int(hi) - int(lo) <= MAX_ENUMERATED:
            words |= {str(n) for n in range(int(lo), int(hi) + 1)}
        else:
            parts.append(r'[^"\n]*')  # a wide or textual range: every code is a candidate
    return parts + [re.escape(p) + r'[^"\n]*' for p in codes.prefixes]


def candidates(selection) -> re.Pattern:
    """A quoted text that may be one of the board's codes or projects. A search for it is
    fast (it starts with a quote, rarer than a line); each hit's line is then checked."""
    words = set(selection.projects)
    parts = code_pattern(selection.drift, words) + code_pattern(selection.exploatering, words)
    if words:
        parts.insert(0, "0*" + trie(sorted(words)))  # "0125" is in 120-129 too
    return re.compile('"(?:' + ("|".join(parts) or "(?!)") + ')"')


def simple_line(line: str) -> tuple[str, str, str, str] | None:
    """(account, object list, amount, date or "") of a #TRANS line in its simple form."""
    m = LINE.match(line)
    return m.groups("") if m is not None else None


class VerDates:
    """The date of the ``#VER`` above each position of a run, asked in increasing order:
    each part of the text is searched once."""

    def __init__(self, text: str):
        self.text, self.searched, self.date = text, 0, ""

    def above(self, position: int) -> str:
        start = self.text.rfind("\n#VER", self.searched, position)
        self.searched = position
        if start >= 0:
            m = VER_DATES.match(self.text, start)
            self.date = m.group(1) if m else ""
        return self.date
