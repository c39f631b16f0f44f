"""What a ledger file holds for one board: sums per target, account and month, per year.

Both readers (SIE, CSV) fill the same shapes. A *target* is where a line goes: ``Drift``
or ``Exploatering`` (by the responsibility code), ``V:<code>`` (a Drift line's activity code,
when the profile names an activity dimension), or ``P:<code>`` (an investment project).
Amounts are the ledger's own (debit-positive) in kronor, exact Decimals.
"""

from __future__ import annotations

import hashlib
import io
import queue
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .accounts import AccountMap, CodeSet

DRIFT, EXPLOATERING = "Drift", "Exploatering"
PROJECT = "P:"
ACTIVITY = "V:"  # a Drift line's activity code (the profile's activity dimension), for its sheet
ANNUAL = 0  # the month of a budget without months (a CSV budget line without Månad)
MAX_FINDINGS = 20  # per file; then reading stops (a file of any content answers quickly)

Key = tuple[str, str, int]  # (target, account, month)


@dataclass(frozen=True)
class Selection:
    """Which lines are the board's: responsibility codes per operating sheet, projects."""

    drift: CodeSet
    exploatering: CodeSet
    projects: frozenset[str]
    amap: AccountMap

    sheets: dict = field(default_factory=dict, compare=False, repr=False)  # code → its sheets

    def targets(self, objects: dict[str, str]) -> tuple[str, ...]:
        code = objects.get(self.amap.responsibility_dim)
        out = () if code is None else self.sheets.get(code)
        if out is None:
            out = tuple(sheet for sheet, codes in ((DRIFT, self.drift), (EXPLOATERING, self.exploatering))
                        if code in codes)
            if len(self.sheets) < 100_000:
                self.sheets[code] = out
        if out and out[0] == DRIFT and self.amap.activity_dim is not None:
            out += (ACTIVITY + objects.get(self.amap.activity_dim, ""),)  # "": the line has none
        project = objects.get(self.amap.project_dim)
        if project is not None and project in self.projects:
            out += (PROJECT + project,)
        return out

    def dim_of(self, target: str) -> str:
        return self.amap.project_dim if target.startswith(PROJECT) else self.amap.responsibility_dim


@dataclass
class YearFigures:
    """One year of one file: outcomes from vouchers and from period balances, budget."""

    year: int
    own: bool  # the file's own year (SIE #RAR 0, every year of a CSV)
    trans: dict[Key, Decimal] = field(default_factory=dict)
    psaldo: dict[Key, Decimal] = field(default_factory=dict)
    psaldo_dims: set[str] = field(default_factory=set)  # dims with single-object #PSALDO
    budget: dict[Key, Decimal] = field(default_factory=dict)
    has_budget: bool = False  # the file has budget lines for this year (any board's)
    both: set[str] = field(default_factory=set)  # codes that fell in both Ansvar lists
    vouchers: bool = False  # the year's #VER blocks are in the file (every dimension's lines)
    dims: set[str] = field(default_factory=set)  # dimensions a CSV file's columns carry

    def has(self, dim: str) -> bool:
        """The file gives this dimension's outcomes for the year (else they are unknown, not 0)."""
        return self.vouchers or dim in self.psaldo_dims or dim in self.dims

    def outcome(self, target: str, dim: str) -> dict[Key, Decimal]:
        """Outcomes of ``target``: from #PSALDO when the file has them for its dimension."""
        source = self.psaldo if dim in self.psaldo_dims else self.trans
        return {k: v for k, v in source.items() if k[0] == target}


@dataclass
class LedgerFile:
    """One file read: its name, hash, kind, years, and the damage found (line, message)."""

    path: Path
    kind: str  # "SIE" or "CSV"
    sha256: str = ""
    years: dict[int, YearFigures] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    lines: int = 0

    def year(self, year: int, own: bool) -> YearFigures:
        figures = self.years.get(year)
        if figures is None:
            figures = self.years[year] = YearFigures(year, own)
        return figures

    def error(self, line: int, message: str) -> bool:
        """Record damage; True when reading should stop (too many)."""
        self.errors.append((line, message))
        return len(self.errors) >= MAX_FINDINGS


def add(sums: dict, key, amount: Decimal) -> None:
    sums[key] = sums.get(key, 0) + amount


class HashingReader(io.RawIOBase):
    """A binary file read once: its SHA-256 and the bytes read (for a progress bar) on the
    way. The hash is computed in a thread (hashlib lets go of the interpreter lock), in the
    order read, while the reader parses; ``hexdigest`` waits for it."""

    def __init__(self, raw, progress: Callable[[int], None] | None = None):
        self.raw = raw
        self.hash = hashlib.sha256()
        self.progress = progress
        self.queue: queue.Queue = queue.Queue(maxsize=16)  # bounded: a fast reader waits
        self.thread = threading.Thread(target=self._update, daemon=True)
        self.thread.start()
        self.digest = ""

    def _update(self) -> None:
        while (data := self.queue.get()) is not None:
            self.hash.update(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)  # the bytes themselves to the thread: no copy
        if data:
            self.queue.put(data)
            if self.progress:
                self.progress(len(data))
        return data or b""

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        if n:
            self.queue.put(bytes(memoryview(buffer)[:n]))
            if self.progress:
                self.progress(n)
        return n or 0

    def hexdigest(self) -> str:
        """The SHA-256 of every byte read; the thread ends (no more reading after this)."""
        if not self.digest:
            self.queue.put(None)
            self.thread.join()
            self.digest = self.hash.hexdigest()
        return self.digest

    def close(self) -> None:
        self.hexdigest()
        self.raw.close()
        super().close()
