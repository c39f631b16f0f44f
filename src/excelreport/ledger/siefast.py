"""The voucher section of a SIE file, a megabyte at a time, as bytes.

A kommun-wide extract is mostly ``#VER`` blocks of other boards' ``#TRANS`` lines. Those
need checking, not summing. Two regular expressions over the raw bytes (code page 437 keeps
ASCII as it is) pass over runs of whole voucher blocks (``#VER``, ``{``, ``#TRANS`` lines,
``}``), checking every ``#TRANS`` line's form — an account of digits, an object list of
quoted codes closed on its line, an amount that is a number, a date of a month 01–12 — and
each match stops just after a line with a quoted code that may be the board's (a superset:
its object list is then resolved exactly), giving that line's fields. So every line is
looked at once, in C, and only the board's lines cost Python work (``sieruns``). Everything
else — the header, the period balances, a damaged block, a block with a line not in that
form — is decoded and goes line by line through the strict reader, which names the line.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Iterator

CHUNK = 1 << 20  # bytes read at a time
MAX_BUFFER = 16 * CHUNK  # a run without a closing '}' this long goes line by line

# The simple form of a #TRANS line — an account of digits, an object list of quoted codes
# closed on its line, a number, a date of a month 01-12 (or ""), perhaps more fields —
# checked in one pass (possessive: no character is looked at twice). ``guard`` is put before
# each code: another board's line (no code of the board) is checked, not captured.
_DATE = rb'[0-9]{4}+(?:0[1-9]|1[0-2])[0-9][0-9]'


def _trans(guard: bytes, capture: bool, blank: bytes) -> bytes:
    """The pattern of such a line; ``blank`` the pattern of a blank between fields."""
    def group(body: bytes) -> bytes:
        return b"(" + body + b")" if capture else body
    objs = rb'(?:B*+[0-9]++B++"'.replace(b"B", blank) + guard + rb'[^"\n\\]*+")*+' + blank + b'*+'
    dates = rb'""|' + group(_DATE) + rb'|"' + group(_DATE) + rb'"'
    return (rb'#TRANSB++'.replace(b"B", blank) + group(rb'[0-9]++') + blank + rb'++\{' + group(objs)
            + rb'\}' + blank + b'++' + group(rb'-?[0-9]++(?:\.[0-9]++)?+') + rb'(?:' + blank + rb'++(?:'
            + dates + rb')?+(?:' + blank + rb'[^\n]*+)?+)?+\r?\n')


# The date of a #VER line (its fields after the label): series, number, date of 8 digits.
VER_DATE = re.compile(rb'[ \t]*(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+(?:"[^"\n\\]*"|[^\s"{}]+)[ \t]+'
                      rb'(?:(\d{8})|"(\d{8})")(?=[ \t\r\n])')


def scanners(codes: bytes, blank: bytes = rb'[ \t]', first: bytes = b"") -> tuple[re.Pattern, re.Pattern]:
    """Two patterns over runs of voucher blocks, each match ending after one of the board's
    #TRANS lines (``codes``: a pattern of the board's quoted codes, a superset): ``start``
    from a block boundary, ``inside`` from after such a line. Everything a match passes over
    is checked: whole blocks of other boards' lines, and the other lines of the board's
    blocks. The groups, the same in both (``GROUPS``): ``close`` (the match began at a block
    boundary), ``cont`` (it went on in the block of the line before), ``ver`` (the fields
    of the last #VER it entered), ``in`` (the last block entered is still open), then the
    board's line: account, object list, amount, date, quoted date. ``first``: a class of
    the first characters of ``codes`` (when known, a quicker test of most codes)."""
    other = _trans(rb'(?!' + (rb'(?=' + first + b')' if first else b"") + rb'(?:' + codes + rb')")', False, blank)
    loop = (rb'(?:#VER' + blank + rb'(?P<ver>[^\n]*+)\n\{\r?\n(?:' + other + rb')*+'
            rb'(?:\}\r?\n|(?P<in>)(?=#TRANS)))*+')
    tail = rb'(?:(?(in)|(?(cont)|(?!)))' + _trans(b"", True, blank) + rb')?+'
    start = re.compile(rb'(?P<close>)(?:(?P<cont>)(?!))?+' + loop + tail)
    inside = re.compile(rb'(?:(?:' + other + rb')*+(?:\}\r?\n(?P<close>)|(?P<cont>)(?=#TRANS))'
                        + loop + tail + rb')?+')
    assert start.groupindex == inside.groupindex == GROUPS
    return start, inside


GROUPS = {"close": 1, "cont": 2, "ver": 3, "in": 4}
ACCOUNT = 5  # the group of a board line's account in a scanner's match
MAX_ENUMERATED = 10_000  # codes of a numeric range spelled out in the code pattern


def matches(patterns: tuple[re.Pattern, re.Pattern], chunk: bytes, pos: int, end: int) -> Iterator[re.Match]:
    """The scanners' matches over ``chunk[pos:end]`` from ``pos`` (a block boundary): each
    ends after one of the board's lines; the first without one (``ACCOUNT`` None) ends the
    run: at a block boundary (``at_boundary``) or before a line that is not in the form."""
    start, inside = patterns
    m = start.match(chunk, pos, end)
    if m.group(ACCOUNT) is None:
        return iter((m,))
    return itertools.chain((m,), inside.finditer(chunk, m.end(), end))


def at_boundary(last: re.Match) -> bool:
    """The run ended between two blocks (else inside the open block)."""
    return last.group("close") is not None and last.group("in") is None


_CENTS = re.compile(rb'(?:-?\d++\.\d\d )*+')  # amounts of two decimals, each followed by a blank


def total(amounts: list[bytes]) -> Decimal:
    """The exact sum of amounts (bytes in the form -?digits[.digits]): as whole öre when
    each has two decimals, else as Decimals."""
    joined = b" ".join(amounts) + b" "
    if _CENTS.fullmatch(joined):
        return Decimal(sum(map(int, joined.replace(b".", b"").split()))).scaleb(-2)
    return sum(map(Decimal, map(bytes.decode, amounts)), Decimal(0))


def block_start(chunk: bytes, pos: int, at: int) -> int:
    """The start of the block that holds ``at`` (a run from ``pos``)."""
    return chunk.rfind(b"\n#VER", max(pos - 1, 0), at) + 1 or pos


def chunks(raw) -> Iterator[bytes]:
    """The file a megabyte at a time, each piece whole lines ending after a block's ``}``
    where there is one."""
    buf = b""
    while True:
        data = raw.read(CHUNK)
        buf += data
        if data:
            cut = buf.rfind(b"\n}", max(0, len(buf) - len(data) - 2))  # a block's last line
            if cut < 0 and len(buf) < MAX_BUFFER:
                continue
            end = buf.find(b"\n", cut + 2) + 1 if cut >= 0 else buf.rfind(b"\n") + 1
            end = end or cut + 1  # the '}' line not ended yet: up to it
            if end <= 0:
                continue
            chunk, buf = buf[:end], buf[end:]
        else:
            chunk, buf = buf, b""
        if chunk:
            yield chunk
        if not data:
            return


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


ANY_CODE = r'[^"\n]*'


def code_pattern(codes, words: set[str]) -> list[str]:
    """Patterns for the codes a CodeSet takes (perhaps a few more); exact and enumerated
    codes are added to ``words``."""
    words |= {w for w in codes.exact if _in_cp437(w)}
    parts = []
    for lo, hi in codes.ranges:
        if lo.isdigit() and hi.isdigit() and int(hi) - int(lo) <= MAX_ENUMERATED:
            words |= {str(n) for n in range(int(lo), int(hi) + 1)}
        else:
            parts.append(ANY_CODE)  # a wide or textual range: every code is a candidate
    return parts + [re.escape(p) + r'[^"\n]*' for p in codes.prefixes if _in_cp437(p)]


def _in_cp437(text: str) -> bool:
    """A code a PC8 file can hold (one it cannot is never a candidate: it is in no line)."""
    try:
        text.encode("cp437")
    except UnicodeEncodeError:
        return False
    return True


def board_scanners(selection) -> tuple[tuple[re.Pattern, re.Pattern], ...]:
    """The scanners of a board's lines: a quoted code that may be one of its responsibility
    codes or projects (a superset: each line found is resolved exactly)."""
    words = {p for p in selection.projects if _in_cp437(p)}
    parts = code_pattern(selection.drift, words) + code_pattern(selection.exploatering, words)
    first = _first(selection, words, parts)
    if words:
        parts.insert(0, "0*" + trie(sorted(words)))  # "0125" is in 120-129 too
    codes = ("|".join(parts) or "(?!)").encode("cp437")
    # a piece without tabs: blank is a space
    return scanners(codes, first=first), scanners(codes, b" ", first)


def _first(selection, words: set[str], parts: list[str]) -> bytes:
    """A class of the characters the board's codes may begin with (b"": any)."""
    if "" in words or ANY_CODE in parts:
        return b""  # an empty code, a wide or textual range
    chars = {w[0] for w in words} | {"0"} | {p[0] for c in (selection.drift, selection.exploatering)
                                           for p in c.prefixes if _in_cp437(p)}
    return ("[" + "".join(re.escape(c) for c in sorted(chars)) + "]").encode("cp437")


def simple_line(line: str) -> tuple[str, str, str, str] | None:
    """(account, object list, amount, date or "") of a #TRANS line in its simple form."""
    m = LINE.match(line)
    return m.groups("") if m is not None else None
