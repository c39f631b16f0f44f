"""The account map (which row takes which account) and the responsibility codes a board
selects, both as data.

The map is profile data: a profile's ``[kontoplan]``, parsed here (the profile's checks use
it); ``ledger.accounts`` gives a workbook's map and the ``standard`` profile's (the spec's map,
by Kommun-Bas 13).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.errors import MapError


def _ranges(values, where: str) -> tuple[tuple[int, int], ...]:
    out = []
    for value in values:
        m = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*", str(value))
        if not m:
            raise MapError(f"{where}: '{value}' är inget konto eller kontointervall (t.ex. 3000-3999).")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if hi < lo:
            raise MapError(f"{where}: intervallet '{value}' slutar före sin början.")
        out.append((lo, hi))
    return tuple(out)


@dataclass(frozen=True)
class AccountMap:
    """Rows of the operating sheets by account ranges; the investment and ignored ranges."""

    rows: tuple[tuple[str, tuple[tuple[int, int], ...]], ...]
    investments: tuple[tuple[int, int], ...]
    ignored: tuple[tuple[int, int], ...]
    responsibility_dim: str = "1"
    project_dim: str = "6"
    activity_dim: str | None = None  # the dimension of the activity rows' codes
    activities: tuple[tuple[str, CodeSet], ...] = ()  # an activity row → its codes

    def row(self, account: str) -> str | None:
        """The operating row that takes ``account``, or None."""
        return _row_of(self, account)

    def activity(self, code: str) -> str | None:
        """The activity row that takes ``code``, or None."""
        return next((label for label, codes in self.activities if code in codes), None)

    def is_ignored(self, account: str) -> bool:
        return account.isdigit() and _within(int(account), self.ignored)

    def is_investment(self, account: str) -> bool:
        return account.isdigit() and _within(int(account), self.investments)


def _within(number: int, ranges) -> bool:
    return any(lo <= number <= hi for lo, hi in ranges)


@lru_cache(maxsize=65536)
def _row_of(amap: AccountMap, account: str) -> str | None:
    if not account.isdigit():
        return None
    number = int(account)
    return next((label for label, ranges in amap.rows if _within(number, ranges)), None)


def load_account_map(data: dict) -> AccountMap:
    """An account map from its data (the TOML's tables: rows, investments, ignored, dimensions)."""
    rows = data.get("rows")
    if not isinstance(rows, dict) or not rows:
        raise MapError("Kontoplanen saknar tabellen [rows] (rad = lista av kontointervall).")
    taken: list[tuple[int, int, str]] = []
    parsed = []
    for label, values in rows.items():
        ranges = _ranges(values, f"Kontoplanens rad '{label}'")
        for lo, hi in ranges:
            for a, b, other in taken:
                if lo <= b and a <= hi:
                    raise MapError(f"Kontoplanen: kontona {lo}-{hi} ('{label}') överlappar {a}-{b} "
                                   f"('{other}'); varje konto hör till en rad.")
            taken.append((lo, hi, label))
        parsed.append((label, ranges))
    dims = data.get("dimensions", {})
    activities = tuple((label, parse_codes(", ".join(str(c) for c in codes)))
                       for label, codes in data.get("activities", {}).items())
    activity_dim = dims.get("verksamhet")
    return AccountMap(tuple(parsed),
                      _ranges(data.get("investments", {}).get("accounts", []), "Investeringskonton"),
                      _ranges(data.get("ignored", {}).get("accounts", []), "Konton som hoppas över"),
                      str(dims.get("ansvar", 1)), str(dims.get("projekt", 6)),
                      None if activity_dim is None else str(activity_dim), activities)


# --- responsibility codes: "110, 120-129, 2*" ------------------------------------------


@dataclass(frozen=True)
class CodeSet:
    """Codes of a dimension: exact codes, ranges (``120-129``) and prefixes (``2*``)."""

    text: str
    exact: frozenset[str]
    ranges: tuple[tuple[str, str], ...]
    prefixes: tuple[str, ...]

    def __contains__(self, code: str) -> bool:
        if code in self.exact or code.startswith(self.prefixes or ("\0",)):
            return True
        return any(_in_range(code, lo, hi) for lo, hi in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.exact or self.ranges or self.prefixes)


def _in_range(code: str, lo: str, hi: str) -> bool:
    if code.isdigit() and lo.isdigit() and hi.isdigit():
        return int(lo) <= int(code) <= int(hi)
    return lo <= code <= hi


def parse_codes(text: str) -> CodeSet:
    """``"110, 120-129, 2*"`` → a CodeSet; MapError (Swedish) for a part that is not a code."""
    exact, ranges, prefixes = set(), [], []
    for part in re.split(r"[,;]", text or ""):
        part = part.strip()
        if not part:
            continue
        if part.endswith("*") and part[:-1] and "*" not in part[:-1]:
            prefixes.append(part[:-1].strip())
        elif m := re.fullmatch(r"([\w.]+)\s*[-–]\s*([\w.]+)", part):
            lo, hi = m.groups()
            if (int(hi) < int(lo)) if hi.isdigit() and lo.isdigit() else hi < lo:
                raise MapError(f"'{part}': intervallet slutar före sin början.")
            ranges.append((lo, hi))
        elif re.fullmatch(r"[\w.]+", part):
            exact.add(part)
        else:
            raise MapError(f"'{part}' är ingen kod, inget intervall (120-129) och inget prefix (2*).")
    return CodeSet(text or "", frozenset(exact), tuple(ranges), tuple(prefixes))


def overlap(a: CodeSet, b: CodeSet, seen) -> list[str]:
    """The codes among ``seen`` (and the two lists' exact codes) that both sets take."""
    candidates = set(seen) | a.exact | b.exact | {lo for lo, _ in a.ranges + b.ranges}
    candidates |= set(a.prefixes) | set(b.prefixes)
    return sorted(c for c in candidates if c in a and c in b)
