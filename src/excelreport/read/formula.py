"""Evaluate the simplest formulas of a sheet whose file holds no cached values.

Only arithmetic (``+ - * /``, parentheses, numbers), references to cells of the same sheet
and ``SUM`` of references and ranges: what a controller or a filling program writes in an
amount cell. Anything else (other functions, other sheets, text, errors) gives None, and
the caller reports the formula as lacking a value. So does a formula whose value Excel might
compute otherwise: a reference outside the sheet (``A0``, ``XFE1``) or to a merged cell other
than the top-left one (the reader shows such a cell as its top-left one; Excel's formulas see
it empty), also inside a range; so is one to a covered cell that holds a value of its own
under an empty top-left cell (shown empty; Excel may see the value). An empty covered cell
under an empty top-left one is 0, as in Excel.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..core.numbers import excel_number
from .grid import Grid, parse_ref

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)"
                    r"|(SUM\()|([-+*/(),;]))", re.I)
MAX_DEPTH = 20
MAX_RANGE = 10_000
MAX_CELLS_READ = 100_000  # per formula, references of references included
MAX_NESTING = 100  # parentheses and signs inside one another in one formula
MAX_WORK = 1_000_000  # cell visits and tokens for all the formulas of a workbook together
MAX_ROW, MAX_COL = 1_048_576, 16_384  # Excel's sheet: A1:XFD1048576


class _Fail(Exception):
    pass


class Work:
    """What the formulas of one workbook may cost together, and the values already computed
    (a chain of 2 000 formulas is then evaluated once each, not 2 000 times)."""

    def __init__(self, limit: int = MAX_WORK):
        self.left = limit
        self.memo: dict[tuple[str, str], Decimal | None] = {}

    @property
    def exhausted(self) -> bool:
        return self.left < 0

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise _Fail


_BUSY = object()  # a formula being evaluated: meeting it again is a circular reference


def evaluate(text: str, grid: Grid, depth: int = 0, budget: list[int] | None = None,
             work: Work | None = None) -> Decimal | None:
    """The value of formula ``text`` (with or without ``=``) on ``grid``, or None."""
    budget = budget if budget is not None else [MAX_CELLS_READ]
    work = work if work is not None else Work()
    key = (grid.name, text)
    if key in work.memo:
        value = work.memo[key]
        return None if value is _BUSY else value
    work.memo[key] = _BUSY
    value = None
    try:
        tokens = _tokens(text.lstrip("="))
        work.spend(len(tokens))
        parser = _Parser(tokens, grid, depth, budget, work)
        value = parser.expr()
        if parser.pos != len(tokens):
            raise _Fail
        value = excel_number(value)  # what Excel would cache and show
    except (_Fail, ArithmeticError, ValueError, RecursionError):
        value = None
    if value is None:
        del work.memo[key]  # may succeed from a shallower place; the work budget bounds retries
    else:
        work.memo[key] = value
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise _Fail
        number, ref, func, op = m.groups()
        out.append(("num", number) if number else ("ref", ref) if ref else ("sum", "") if func
                   else ("op", op))
        pos = m.end()
    return out


def _ref(text: str) -> tuple[int, int]:
    """A cell reference inside Excel's sheet; another (``A0``, ``XFE1``) is a name to Excel."""
    row, col = parse_ref(text)
    if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COL):
        raise _Fail
    return row, col


class _Parser:
    def __init__(self, tokens, grid: Grid, depth: int, budget: list[int], work: Work):
        self.tokens, self.grid, self.depth, self.pos = tokens, grid, depth, 0
        self.budget, self.work = budget, work
        self.nesting = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, op: str) -> bool:
        if self.peek() == ("op", op):
            self.pos += 1
            return True
        return False

    def expr(self) -> Decimal:
        value = self.term()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "+-":
            self.pos += 1
            value = value + self.term() if tok[1] == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.unary()
        while (tok := self.peek()) and tok[0] == "op" and tok[1] in "*/":
            self.pos += 1
            value = value * self.unary() if tok[1] == "*" else value / self.unary()
        return value

    def unary(self) -> Decimal:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise _Fail
        try:
            if self.take("-"):
                return -self.unary()
            if self.take("+"):
                return self.unary()
            return self.atom()
        finally:
            self.nesting -= 1

    def atom(self) -> Decimal:
        tok = self.peek()
        if tok is None:
            raise _Fail
        self.pos += 1
        kind, text = tok
        if kind == "num":
            return excel_number(text)
        if kind == "ref":
            if ":" in text:
                raise _Fail  # a range only inside SUM
            return self.cell(*_ref(text))
        if kind == "sum":
            total = Decimal(0)
            while not self.take(")"):
                total += self.sum_arg()
                if not (self.take(",") or self.take(";")) and self.peek() != ("op", ")"):
                    raise _Fail
            return total
        if text == "(":
            value = self.expr()
            if not self.take(")"):
                raise _Fail
            return value
        raise _Fail

    def sum_arg(self) -> Decimal:
        tok = self.peek()
        if tok and tok[0] == "ref" and ":" in tok[1]:
            self.pos += 1
            (r1, c1), (r2, c2) = (_ref(p) for p in tok[1].split(":"))
            area = (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
            if area > MAX_RANGE:
                raise _Fail
            self.charge(area)
            get, covered = self.grid.cells.get, self.grid.covered
            total = Decimal(0)
            for r in range(min(r1, r2), max(r1, r2) + 1):
                for c in range(min(c1, c2), max(c1, c2) + 1):
                    if (r, c) in covered:
                        raise _Fail
                    cell = get((r, c))
                    if cell is not None:
                        total += self.value(cell, in_sum=True)
            return total
        return self.expr()

    def charge(self, n: int) -> None:
        self.budget[0] -= n
        if self.budget[0] < 0:
            raise _Fail
        self.work.spend(n)

    def cell(self, row: int, col: int) -> Decimal:
        self.charge(1)
        if (row, col) in self.grid.covered:
            raise _Fail
        return self.value(self.grid.get(row, col))

    def value(self, cell, in_sum: bool = False) -> Decimal:
        if cell.formula and cell.value is None:
            if self.depth >= MAX_DEPTH or not cell.text:
                raise _Fail
            value = evaluate(cell.text, self.grid, self.depth + 1, self.budget, self.work)
            if value is None:
                raise _Fail
            return value
        if cell.empty:
            return Decimal(0)
        if isinstance(cell.value, Decimal):
            return cell.value
        if in_sum and isinstance(cell.value, str):
            return Decimal(0)  # SUM skips text, as Excel does
        raise _Fail
