"""A strict, streaming reader of SIE files (types 3, 4E, 4I), for one board's lines.

SIE is the Swedish standard for exchanging accounting data: one record a line (``#LABEL
field …``), fields separated by blanks, text in quotes (``\\"`` inside), object lists in
braces (``{1 "110" 6 "P12"}``: dimension, code, …). ``#FORMAT PC8`` is code page 437, and a
file without ``#FORMAT`` is read as PC8 too. Read here:

- ``#RAR 0|-1 start end``: which calendar year is the file's own (0) and the one before;
- ``#PSALDO year period account {objects} amount``: period balances per object, each the
  period's own change of balance (the SIE group: type 2 *Periodsaldon* holds "månadsvisa
  saldoförändringar", monthly changes of balance, sie.se *SIE 1-4*; type 3 per object), so
  a year's outcome is the sum of its months, never the last month's figure;
- ``#PBUDGET`` (same fields): the monthly budget;
- ``#VER … date …`` followed by ``{`` … ``}`` holding ``#TRANS account {objects} amount
  [date] …`` lines (``#RTRANS`` is followed by its own ``#TRANS`` copy and ``#BTRANS`` is a
  removed line: both are skipped, as the standard says).

Only the selected board's lines are summed (per target, account and month); every line is
still checked, and damage — an unterminated ``{``, a ``#VER`` without its ``}``, a
non-number amount, an unknown period, a truncated last line — is recorded with its line
number. The file is never read whole: its lines stream through one loop, and object lists
are resolved once per distinct text.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Callable

from ..core.errors import Damage
from .siefast import chunks, simple_line
from .siefields import amount, objects, tokens  # noqa: F401 (tokens re-exported)
from .sieruns import MAX_OBJECT_CACHE, VoucherRuns
from .sums import DRIFT, EXPLOATERING, HashingReader, LedgerFile, Selection, add

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_PERIOD = re.compile(r"(\d{4})(\d{2})")


def read_sie(path: Path, selection: Selection, progress: Callable[[int], None] | None = None) -> LedgerFile:
    """Read ``path`` (code page 437) and sum the lines ``selection`` takes."""
    result = LedgerFile(Path(path), "SIE")
    with open(path, "rb", buffering=0) as raw, HashingReader(raw, progress) as hashing:
        _Reader(result, selection).read(hashing)
        while hashing.readinto(bytearray(1 << 16)):
            pass  # the rest after a stop, for the hash
    result.sha256 = hashing.hexdigest()
    return result


class _Reader(VoucherRuns):
    """The state of one pass: the years (#RAR), the open #VER block, cached object lists."""

    def __init__(self, result: LedgerFile, selection: Selection):
        super().__init__(result, selection)
        self.rar: dict[int, tuple[int, int]] = {}  # year number → (start, end) as yyyymm
        self.cache: dict[str, tuple] = {}  # object-list text → targets
        self.ver_line = 0  # the open #VER's line (0: none)
        self.block = False  # inside its { … }
        self.ver_date = ""
        self.last = ""  # the last line read

    def read(self, raw) -> None:
        """Runs of voucher blocks through ``_plain``, every other line (decoded, code page
        437) through ``_lines``."""
        for chunk in chunks(raw):
            pos, scanners = 0, self.scanners[b"\t" not in chunk]
            while pos < len(chunk):
                end = pos if self.ver_line else self._plain(chunk, pos, scanners)
                if end == pos:
                    self._count(chunk, pos)
                    nxt = chunk.find(b"\n#VER", pos)
                    end = nxt + 1 if nxt >= 0 else len(chunk)
                    if self._lines(chunk[pos:end].decode("cp437")):
                        return
                pos = end
            self.offset += len(chunk)
        self.commit()
        result = self.result
        line, n = self.last, self.n
        if line and not line.endswith(("\n", "\r")) and line.strip() not in ("", "}") and (
                not result.errors or result.errors[-1][0] != n):
            result.error(n, "sista raden är avkortad (slutar utan radslut); exportera filen igen")
        if self.vouchers:  # vouchers give every dimension's outcomes of the years they are in
            for year in result.years.values():
                year.vouchers = year.own
        if self.ver_line:
            result.error(self.ver_line, "#VER utan avslutande '}'" if self.block
                         else "#VER utan sina rader ({ … })")

    def _resolve(self, key: str) -> tuple:
        """The targets of an object list's text (between its braces), remembered."""
        targets = self.cache.get(key)
        if targets is None:
            fields = tokens(key)
            if any(isinstance(f, tuple) for f in fields):
                raise Damage("en objektlista inuti en objektlista")
            targets = self.selection.targets(objects(tuple(fields)))
            if len(self.cache) < MAX_OBJECT_CACHE:
                self.cache[key] = targets
        return targets

    def _lines(self, segment: str) -> bool:
        """Every line of ``segment``, strictly; True when reading should stop."""
        result = self.result
        for line in io.StringIO(segment, newline=""):
            self.n += 1
            self.last = line
            try:
                if line.startswith("#TRANS"):
                    self._trans_line(line)
                else:
                    self.record(line, self.n)
            except Damage as exc:
                if not line.endswith(("\n", "\r")):
                    exc = Damage(f"sista raden är avkortad ({exc})")
                if result.error(self.n, str(exc)):
                    return True
        return False

    def _trans_line(self, line: str) -> None:
        """A #TRANS line read strictly: its simple form by one pattern, any other by fields."""
        if not self.block:
            raise Damage("#TRANS utanför ett verifikat (#VER … { … })")
        simple = simple_line(line)
        if simple is not None:
            account, key, amount_text, date = simple
            targets = self._resolve(key)
            value = Decimal(amount_text)
        else:
            fields = tokens(line)
            if len(fields) < 4 or not isinstance(fields[2], tuple):
                raise Damage("#TRANS ska ha konto, objektlista {…} och belopp")
            value = amount(fields[3])
            account, date, key = fields[1], fields[4] if len(fields) > 4 else "", fields[2]
            targets = self.selection.targets(objects(fields[2]))
        month = self._month_of_date(date or self.ver_date)  # every line's, the board's or not
        if targets:
            self._trans(account, targets, value, month, key)

    def _trans(self, account: str, targets: tuple, value: Decimal, month: tuple[int, int], key) -> None:
        year, month = month
        figures = self.result.year(year, self._own(year))
        for target in targets:
            add(figures.trans, (target, account, month), value)
        if len(targets) > 1:
            self._both(figures, targets, key if isinstance(key, tuple) else tuple(tokens(key)))

    def _both(self, figures, targets: tuple, objs: tuple) -> None:
        if DRIFT in targets and EXPLOATERING in targets:
            figures.both.add(objects(objs).get(self.selection.amap.responsibility_dim, ""))

    def record(self, line: str, n: int) -> None:
        """Every line but #TRANS."""
        if not line.strip():
            return
        head = line.lstrip()
        if head.startswith("{"):
            if not self.ver_line or self.block or head.strip() != "{":
                raise Damage("'{' utan ett #VER före")
            self.block = True
            return
        if head.startswith("}"):
            if not self.block or head.strip() != "}":
                raise Damage("'}' utan ett öppet verifikat")
            self.ver_line, self.block = 0, False
            return
        if not head.startswith("#"):
            raise Damage("raden börjar inte med en etikett (#…)")
        fields = tokens(head)
        label = fields[0].upper()
        if self.block and label not in ("#RTRANS", "#BTRANS"):
            raise Damage(f"{label} inuti verifikatet på rad {self.ver_line} (saknas '}}'?)")
        if self.ver_line and not self.block:
            raise Damage(f"#VER på rad {self.ver_line} saknar sina rader ('{{' efter #VER)")
        handler = _HANDLERS.get(label)
        if handler:
            handler(self, fields, n)

    # --- the records ---------------------------------------------------------------------

    def _format(self, fields: list, n: int) -> None:
        if len(fields) < 2 or fields[1].upper() != "PC8":
            raise Damage("#FORMAT ska vara PC8 (teckentabell 437)")

    def _rar(self, fields: list, n: int) -> None:
        if len(fields) < 4 or not _DATE.fullmatch(fields[2]) or not _DATE.fullmatch(fields[3]):
            raise Damage("#RAR ska ha årsnummer, startdatum och slutdatum (ÅÅÅÅMMDD)")
        try:
            number = int(fields[1])
        except ValueError:
            raise Damage(f"#RAR: årsnumret '{fields[1][:20]}' är inget heltal") from None
        start, end = int(fields[2][:6]), int(fields[3][:6])
        if end < start or not 1 <= start % 100 <= 12 or not 1 <= end % 100 <= 12:
            raise Damage("#RAR: slutdatumet ligger före startdatumet eller månaden är fel")
        self.rar[number] = (start, end)
        if number == 0:
            self.result.year(start // 100, True)  # the file's own year, even with nothing for the board

    def _ver(self, fields: list, n: int) -> None:
        if len(fields) < 4 or not _DATE.fullmatch(fields[3]):
            raise Damage("#VER ska ha serie, nummer och datum (ÅÅÅÅMMDD)")
        self._month_of_date(fields[3])
        self.ver_line, self.ver_date = n, fields[3]
        self.vouchers = True

    def _period_record(self, fields: list, n: int) -> None:
        label = fields[0].upper()
        if len(fields) < 6 or not isinstance(fields[4], tuple):
            raise Damage(f"{label} ska ha årsnummer, period, konto, objektlista {{…}} och belopp")
        value = amount(fields[5])
        year, month = self._month_of_period(fields[1], fields[2])
        objs = objects(fields[4])
        if label == "#PSALDO" and len(objs) != 1:
            return  # account totals ({}) and combinations: never summed with the rest
        figures = self.result.year(year, self._own(year, int(fields[1])))
        figures.has_budget |= label == "#PBUDGET"
        targets = self.selection.targets(objs)
        sums = figures.budget if label == "#PBUDGET" else figures.psaldo
        if label == "#PSALDO":
            figures.psaldo_dims.add(next(iter(objs)))
        for target in targets:
            add(sums, (target, fields[3], month), value)
        self._both(figures, targets, fields[4])

    # --- periods -------------------------------------------------------------------------

    def _own(self, year: int, number: int | None = None) -> bool:
        if number is not None:
            return number == 0
        own = self.rar.get(0)
        return own is None or own[0] // 100 == year

    def _month_of_date(self, date: str) -> tuple[int, int]:
        m = _DATE.fullmatch(date)
        if not m:
            raise Damage(f"datumet '{date[:20]}' är inget datum (ÅÅÅÅMMDD)")
        yyyymm = int(date[:6])
        if not self.rar:  # SIE 4I without #RAR: calendar years
            if not 1 <= yyyymm % 100 <= 12:
                raise Damage(f"datumet '{date}' har ingen månad 01–12")
            return yyyymm // 100, yyyymm % 100
        for start, end in self.rar.values():
            if start <= yyyymm <= end:
                return start // 100, _months(start, yyyymm)
        raise Damage(f"datumet {date} ligger utanför filens räkenskapsår (#RAR)")

    def _month_of_period(self, number: str, period: str) -> tuple[int, int]:
        try:
            start, end = self.rar[int(number)]
        except (ValueError, KeyError):
            raise Damage(f"årsnummer '{number[:20]}' finns inte bland filens #RAR") from None
        if not _PERIOD.fullmatch(period) or not start <= int(period) <= end or not 1 <= int(period) % 100 <= 12:
            raise Damage(f"okänd period '{period[:20]}' (ska vara ÅÅÅÅMM inom räkenskapsåret "
                         f"{start // 100}-{start % 100:02d} – {end // 100}-{end % 100:02d})")
        return start // 100, _months(start, int(period))


def _months(start: int, yyyymm: int) -> int:
    """The month's number in the fiscal year that starts in ``start`` (both yyyymm)."""
    return (yyyymm // 100 - start // 100) * 12 + yyyymm % 100 - start % 100 + 1

_HANDLERS = {
    "#FORMAT": _Reader._format,
    "#RAR": _Reader._rar,
    "#VER": _Reader._ver,
    "#PSALDO": _Reader._period_record,
    "#PBUDGET": _Reader._period_record,
}
