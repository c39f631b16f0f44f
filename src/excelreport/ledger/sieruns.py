"""The runs of voucher blocks of a SIE file (``siefast``): the board's lines summed as the
scanner finds them, and the lines counted only when a line read strictly needs its number.

A mixin of the reader (``sie._Reader``), which gives ``_month_of_date`` and ``_own``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import Damage
from .siefast import ACCOUNT, CHUNK, VER_DATE, at_boundary, block_start, board_scanners, matches, total
from .sums import DRIFT, EXPLOATERING, LedgerFile, Selection, add

_PAIRS = re.compile(rb'(\d+)[ \t]+"([^"]*)"')  # an object list in its simple form
MAX_OBJECT_CACHE = 100_000  # distinct object lists remembered (a hostile file has more)
NOTHING = ((), None)  # the targets of an object list that selects nothing
MAX_PENDING = 100_000  # amounts kept before they are added (memory stays bounded)


def count_lines(path: Path, start: int, stop: int) -> int:
    """The line ends in bytes ``start`` to ``stop`` of a file."""
    n = 0
    with open(path, "rb") as raw:
        raw.seek(start)
        while start < stop:
            data = raw.read(min(CHUNK, stop - start))
            if not data:
                break
            n += data.count(b"\n")
            start += len(data)
    return n


class VoucherRuns:
    """The fast path's state: the scanners, object lists and dates met, uncounted lines."""

    def __init__(self, result: LedgerFile, selection: Selection):
        self.result = result
        self.selection = selection
        self.scanners = board_scanners(selection)  # runs of voucher blocks (tabs, spaces only)
        self.raw_cache: dict[bytes, int] = {}  # an object list's bytes → its index in found
        self.found: list[tuple] = [NOTHING]  # (targets, code in both Ansvar lists or None)
        self.index: dict[tuple, int] = {NOTHING: 0}  # each of those → its index
        self.months: dict[bytes, int] = {}  # a date in a run → year × 100 + month
        self.vouchers = False  # the file has #VER blocks
        self.n = 0  # lines read (up to the runs not counted yet)
        self.offset = 0  # the file offset of the piece being read
        self.uncounted = -1  # the file offset from which runs' lines are not counted (-1: none)
        self.pending: dict = {}  # (targets' index, account, month) → amounts not added yet
        self.pending_n = 0  # how many

    def _plain(self, chunk: bytes, pos: int, scanners) -> int:
        """Sum the board's lines of the run of checked voucher blocks from ``pos``; the run's
        end (``pos``: none). A line that is not in the simple form, or a line of the board
        that is wrong (a date, an object list), ends the run before its block, for the
        strict reader to name the line."""
        end = len(chunk)
        while True:
            try:
                sums, last = self._sum(matches(scanners, chunk, pos, end))
            except Damage as exc:
                end = block_start(chunk, pos, exc.args[1])
                continue
            if at_boundary(last):
                end = last.end()
                break
            end = block_start(chunk, pos, last.end())  # once more, the whole blocks before it
        pending = self.pending
        for key, amounts in sums.items():
            found = pending.get(key)
            if found is None:
                pending[key] = amounts
            else:
                found += amounts
            self.pending_n += len(amounts)
        if self.pending_n > MAX_PENDING:
            self.commit()
        if end > pos:
            if self.uncounted < 0:
                self.uncounted = self.offset + pos
            self.last = "\n"
            self.vouchers = True
        return end

    def commit(self) -> None:
        """Add the runs' amounts (kept per key across runs) to the year's sums."""
        for (index, account, month), amounts in self.pending.items():
            (targets, both), (year, month) = self.found[index], divmod(month, 100)
            figures = self.result.year(year, self._own(year))
            value = total(amounts)
            for target in targets:
                add(figures.trans, (target, account.decode("ascii"), month), value)
            if both is not None:
                figures.both.add(both)
        self.pending, self.pending_n = {}, 0

    def _count(self, chunk: bytes, pos: int) -> None:
        """Count the lines of the runs before ``pos`` (only a line read strictly needs its
        number: a run's are counted then, those in earlier pieces by reading them again)."""
        if self.uncounted >= 0:
            start = self.uncounted - self.offset
            self.n += chunk.count(b"\n", max(start, 0), pos)
            if start < 0:
                self.n += count_lines(self.result.path, self.uncounted, self.offset)
            self.uncounted = -1

    def _sum(self, runs) -> tuple[dict, re.Match]:
        """(targets' index, account, year × 100 + month) → the amounts (bytes) of the
        board's lines, and the match that ended the run."""
        months, known = self.months, self.raw_cache
        sums: dict = {}
        ver_month = 0
        for m in runs:
            _close, _cont, ver, _in, account, key, amount, date, quoted = m.groups()
            if account is None:
                return sums, m
            try:
                if ver is not None:
                    parts = ver.split(None, 3)  # the date from its fields, or by the pattern
                    ver_month = (len(parts) > 2 and b'"' not in parts[0] and b'"' not in parts[1]
                                 and months.get(parts[2]) or self._ver_month(ver))
                index = known.get(key)
                if index is None:
                    index = self._targets_of(key)
                if not index:
                    continue
                date = date or quoted
                month = ver_month if date is None else months.get(date) or self._month_at(date)
            except Damage as exc:
                raise Damage(str(exc), m.start(ACCOUNT)) from None
            k = (index, account, month)
            found = sums.get(k)
            if found is None:
                sums[k] = [amount]
            else:
                found.append(amount)
        raise AssertionError("a run ends with a match without a line")  # the last one has none

    def _ver_month(self, fields: bytes) -> int:
        """Year × 100 + month of a #VER line's date (its fields after the label)."""
        found = VER_DATE.match(fields)
        if found is None:
            raise Damage("#VER ska ha serie, nummer och datum (ÅÅÅÅMMDD)")
        date = found.group(1) or found.group(2)
        return self.months.get(date) or self._month_at(date)

    def _targets_of(self, key: bytes) -> int:
        """The index in ``found`` of an object list's (targets, the code in both Ansvar
        lists or None); 0 when it selects nothing. ``key`` is in the simple form (pairs of a
        dimension and a quoted code without escapes)."""
        amap = self.selection.amap
        pairs = {dim.decode("ascii"): code.decode("cp437") for dim, code in _PAIRS.findall(key)}
        targets = self.selection.targets(pairs)
        both = pairs.get(amap.responsibility_dim) if DRIFT in targets and EXPLOATERING in targets else None
        found = (targets, both) if targets else NOTHING
        index = self.index.get(found)
        if index is None:
            index = self.index[found] = len(self.found)
            self.found.append(found)
        if len(self.raw_cache) < MAX_OBJECT_CACHE:
            self.raw_cache[key] = index
        return index

    def _month_at(self, date: bytes) -> int:
        """Year × 100 + month of a date in a voucher run, remembered."""
        year, month = self._month_of_date(date.decode("ascii"))
        if len(self.months) < MAX_OBJECT_CACHE:
            self.months[date] = year * 100 + month
        return year * 100 + month
