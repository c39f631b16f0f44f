"""Where each key of a TOML text is: ``drift[2].rader[3].summa_av`` → its line number.

``tomllib`` gives no positions, so the text is scanned once more, lightly: table headers,
keys (dotted and quoted), inline tables and arrays, strings of every kind and comments.
The scan runs only on text ``tomllib`` has accepted, so its syntax is known to be valid.
"""

from __future__ import annotations

import re
import tomllib

_SEGMENT = r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'"""
_KEY = re.compile(rf"[ \t]*((?:{_SEGMENT})(?:[ \t]*\.[ \t]*(?:{_SEGMENT}))*)[ \t]*")
_SEGMENTS = re.compile(_SEGMENT)
_SCALAR_END = re.compile(r"[,\]}\n#]")
MAX_NESTING = 100  # deeper values are skipped (their lines are those of their key)


def _segments(dotted: str) -> list[str]:
    out = []
    for seg in _SEGMENTS.findall(dotted):
        out.append(tomllib.loads(f"k = {seg}")["k"] if seg[0] in "\"'" else seg)
    return out


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Scanner:
    def __init__(self, text: str):
        self.t, self.i, self.line = text, 0, 1
        self.lines: dict[str, int] = {}
        self.counts: dict[str, int] = {}  # array-of-tables path → tables seen
        self.depth = 0

    def record(self, path: str) -> None:
        self.lines.setdefault(path, self.line)

    def advance_to(self, j: int) -> None:
        self.line += self.t.count("\n", self.i, j)
        self.i = j

    def skip_blank(self, newlines: bool = True) -> None:
        t = self.t
        while self.i < len(t):
            c = t[self.i]
            if c == "#":
                end = t.find("\n", self.i)
                self.advance_to(len(t) if end < 0 else end)
            elif c in " \t\r" or (newlines and c == "\n"):
                self.advance_to(self.i + 1)
            else:
                return

    def document(self) -> dict[str, int]:
        current = ""
        while True:
            self.skip_blank()
            if self.i >= len(self.t):
                return self.lines
            if self.t[self.i] == "[":
                current = self.header()
            else:
                self.key_value(current)

    def header(self) -> str:
        array = self.t.startswith("[[", self.i)
        m = _KEY.match(self.t, self.i + (2 if array else 1))
        segs = _segments(m.group(1)) if m else []
        path = ""
        for n, seg in enumerate(segs):
            path = _join(path, seg)
            last = n == len(segs) - 1
            if array and last:
                self.counts[path] = self.counts.get(path, 0) + 1
            if path in self.counts:
                path = f"{path}[{self.counts[path]}]"
            self.record(path)
        end = self.t.find("\n", self.i)
        self.advance_to(len(self.t) if end < 0 else end)
        return path

    def key_value(self, table: str) -> None:
        m = _KEY.match(self.t, self.i)
        if not m or m.end() >= len(self.t) or self.t[m.end()] != "=":  # cannot happen on valid TOML
            end = self.t.find("\n", self.i)
            self.advance_to(len(self.t) if end < 0 else end + 1)
            return
        path = table
        for seg in _segments(m.group(1)):
            path = _join(path, seg)
            self.record(path)
        self.advance_to(m.end() + 1)
        self.skip_blank(newlines=False)
        self.value(path)

    def value(self, path: str) -> None:
        t, i = self.t, self.i
        for quote in ('"""', "'''"):
            if t.startswith(quote, i):
                j = i + 3
                while True:
                    j = t.find(quote, j)
                    if j < 0 or quote == "'''" or t[j - 1] != "\\" or t[j - 2] == "\\":
                        break
                    j += 1
                j = len(t) if j < 0 else j + 3
                while t.startswith(quote[0], j):  # up to two quotes may end the content
                    j += 1
                self.advance_to(j)
                return
        c = t[i] if i < len(t) else ""
        if c == '"':
            m = re.compile(r'"(?:[^"\\\n]|\\.)*"').match(t, i)
            self.advance_to(m.end() if m else i + 1)
        elif c == "'":
            j = t.find("'", i + 1)
            self.advance_to(len(t) if j < 0 else j + 1)
        elif c in "[{":
            self.nested(path, c)
        else:
            m = _SCALAR_END.search(t, i)
            self.advance_to(m.start() if m else len(t))

    def nested(self, path: str, opening: str) -> None:
        self.depth += 1
        self.advance_to(self.i + 1)
        closing, n = ("]" if opening == "[" else "}"), 0
        while self.i < len(self.t):
            self.skip_blank()
            start = self.i
            c = self.t[self.i] if self.i < len(self.t) else closing
            if c == closing:
                self.advance_to(self.i + 1)
                break
            if c == ",":
                self.advance_to(self.i + 1)
                continue
            if opening == "[":
                n += 1
                element = f"{path}[{n}]"
                if self.depth <= MAX_NESTING:
                    self.record(element)
                self.value(element)
            else:
                self.key_value(path)
            if self.i == start:  # cannot happen on valid TOML; never loop
                self.advance_to(self.i + 1)
        self.depth -= 1


def key_lines(text: str) -> dict[str, int]:
    """Each key path of a valid TOML text (arrays' elements 1-based) → its first line."""
    return _Scanner(text).document()


def line_of(lines: dict[str, int], path: str) -> int:
    """The line of ``path``, or of its nearest enclosing key that has one (else 1)."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return 1
