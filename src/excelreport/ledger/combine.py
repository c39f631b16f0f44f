"""From the files read to the figures of the import cells: years, rows, months, unit.

Each year comes from exactly one file (its own year first, else a file holding it as the
year before); every account with an amount in the board's selection goes to a row, is
ignored by the map (counted), or is a ``Fel``; the sums are converted exactly into the
workbook's unit, with the sign of the sheet (operating rows: minus the debit-positive sum,
investments: plus), and the reconciliation compares what is written with what was selected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..core.codes import Code
from ..core.findings import FEL, INFO, Finding
from ..core.numbers import format_number
from .accounts import AccountMap
from .sums import ACTIVITY, ANNUAL, DRIFT, EXPLOATERING, PROJECT, LedgerFile, Selection, YearFigures

MAX_NAMED = 20  # activity codes named one by one; the rest counted
SCALE = {"tkr": 3, "mnkr": 6}  # kronor → unit: a power of ten, so the division is exact
BUDGET, PERIOD_BUDGET = "Budget", "Periodbudget"
OUTCOME, PREVIOUS = "Utfall period", "Utfall period föregående år"


@dataclass
class Change:
    """One import cell's new value: sheet, row (label, or the investment row's number), column."""

    sheet: str
    row: str | int
    column: str
    value: Decimal


@dataclass
class Figures:
    changes: list[Change] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    selected: Decimal = Decimal(0)  # kronor, debit-positive, of the lines written
    written: Decimal = Decimal(0)  # the same, from the cell values back in kronor

    def fel(self, code: str, message: str) -> None:
        self.findings.append(Finding(FEL, code, "", "", message))


def _kr(value: Decimal) -> str:
    return format_number(value, 2) + " kr"


def choose_years(files: list[LedgerFile], year: int, out: Figures) -> dict[int, tuple[LedgerFile, YearFigures]]:
    """Year → (file, figures) for ``year`` and the year before; a Fel for each conflict."""
    chosen: dict[int, tuple[LedgerFile, YearFigures]] = {}
    for wanted in (year, year - 1):
        own = [(f, f.years[wanted]) for f in files if wanted in f.years and f.years[wanted].own]
        held = [(f, f.years[wanted]) for f in files if wanted in f.years and not f.years[wanted].own]
        for group in (own, held):
            if len(group) > 1:
                out.fel(Code.IMPORT_AR_DUBBELT, f"År {wanted} finns i både {group[0][0].path.name} och "
                        f"{group[1][0].path.name}; varje år tas ur en fil. Ta bort den ena filen ur kommandot.")
            if group:
                chosen[wanted] = group[0]
                break
    for f in files:
        if not f.errors and not any(y in (year, year - 1) for y in f.years):
            found = ", ".join(str(y) for y in sorted(f.years)) or "inga belopp för nämnden"
            out.fel(Code.IMPORT_FEL_AR, f"{f.path.name}: filen gäller {found}, inte {year} eller {year - 1} "
                    "(Info!År och året före).")
    return chosen


def _months(sums: dict, target: str, last: int, rows) -> dict[str, Decimal]:
    """Sum per row (or account, ``rows`` None) of ``target``'s months 1..last."""
    out: dict[str, Decimal] = {}
    for (t, account, month), value in sums.items():
        if t == target and 1 <= month <= last or t == target and month == ANNUAL and last == 12:
            key = rows(account) if rows else account
            if key is not None:
                out[key] = out.get(key, 0) + value
    return out


def _unknown(out: Figures, source, sheet: str, column: str, what: str) -> None:
    out.findings.append(Finding(INFO, Code.IMPORT_LAMNAS, sheet, "", (
        f"{source[0].path.name} har inga {what} för {source[1].year}; {column} på {sheet} lämnas som den är.")))


def operating(sheet: str, amap: AccountMap, chosen, year: int, last: int, unit: str, out: Figures) -> None:
    """The four import columns of an operating sheet from its target's sums."""
    scale, dim = SCALE[unit], amap.responsibility_dim
    current, previous = chosen.get(year), chosen.get(year - 1)
    columns: list[tuple[str, dict, int]] = []
    if current and current[1].has(dim):
        columns.append((OUTCOME, current[1].outcome(sheet, dim), last))
    elif current:
        _unknown(out, current, sheet, OUTCOME, "utfall per ansvar")
    if current and current[1].has_budget:
        columns.append((BUDGET, current[1].budget, 12))
        if not any(k[0] == sheet and k[2] == ANNUAL for k in current[1].budget):
            columns.append((PERIOD_BUDGET, current[1].budget, last))
    elif current:
        _unknown(out, current, sheet, "Budget", "budgetrader")
    if previous and previous[1].has(dim):
        columns.append((PREVIOUS, previous[1].outcome(sheet, dim), last))
    elif previous:
        _unknown(out, previous, sheet, PREVIOUS, "utfall per ansvar")
    _unmapped(sheet, amap, [c[1] for c in columns], out)
    for column, sums, months in columns:
        per_row = _months(sums, sheet, months, amap.row)
        for label, _ranges in amap.rows:
            total = per_row.get(label, Decimal(0))
            value = (-total).scaleb(-scale) + 0
            out.changes.append(Change(sheet, label, column, value))
            out.selected += total
            out.written += -value.scaleb(scale)


def _unmapped(sheet: str, amap: AccountMap, sources: list[dict], out: Figures) -> None:
    totals: dict[str, Decimal] = {}
    for sums in sources:
        for (t, account, _month), value in sums.items():
            if t == sheet and amap.row(account) is None:
                totals[account] = totals.get(account, 0) + value
    ignored = {a: v for a, v in totals.items() if v and amap.is_ignored(a)}
    wrong = {a: v for a, v in totals.items() if v and not amap.is_ignored(a)}
    for account, value in sorted(wrong.items()):
        out.fel(Code.IMPORT_KONTO_UTAN_RAD, f"{sheet}: konto {account} har {_kr(value)} men ingen rad i "
                "kontoplanen tar det; lägg till kontot i kontoplanen eller rätta konteringen.")
    if ignored:
        out.findings.append(Finding(INFO, Code.IMPORT_BALANSKONTON, sheet, "", (
            f"{len(ignored)} balanskonton ({', '.join(sorted(ignored))}) med sammanlagt "
            f"{_kr(sum(ignored.values()))} hoppas över på {sheet}, som kontoplanen säger.")))


def activity_sheet(sheet: str, amap: AccountMap, rows: frozenset[str], chosen, year: int, last: int,
                   unit: str, out: Figures) -> None:
    """The four import columns of the activity sheet (the profile's role ``verksamhet``): the
    Drift lines on the accounts of ``rows`` (the rows it reconciles with) summed per activity
    row by their codes; a code no row takes with an amount is a Fel, as an unmapped account."""
    current, previous = chosen.get(year), chosen.get(year - 1)
    columns: list[tuple[str, dict, int]] = []
    given = (lambda figs: figs.vouchers or amap.activity_dim in figs.dims)  # per line, never #PSALDO
    if current and given(current[1]):
        columns.append((OUTCOME, current[1].trans, last))
    elif current:
        _unknown(out, current, sheet, OUTCOME, "utfall per verksamhet")
    if current and current[1].has_budget:
        columns.append((BUDGET, current[1].budget, 12))
        if not any(k[0].startswith(ACTIVITY) and k[2] == ANNUAL for k in current[1].budget):
            columns.append((PERIOD_BUDGET, current[1].budget, last))
    if previous and given(previous[1]):
        columns.append((PREVIOUS, previous[1].trans, last))
    elif previous:
        _unknown(out, previous, sheet, PREVIOUS, "utfall per verksamhet")
    unmapped: dict[str, tuple[str, Decimal]] = {}
    for column, sums, months in columns:
        per_row: dict[str, Decimal] = {}
        for (t, account, month), value in sums.items():
            if t.startswith(ACTIVITY) and (1 <= month <= months or month == ANNUAL and months == 12) \
                    and amap.row(account) in rows:
                code = t[len(ACTIVITY):]
                label = amap.activity(code)
                if label is not None:
                    per_row[label] = per_row.get(label, 0) + value
                elif column not in unmapped.get(code, (column,)):
                    continue  # named by its first column
                else:
                    unmapped[code] = (column, unmapped.get(code, (column, 0))[1] + value)
        for label, _codes in amap.activities:
            total = per_row.get(label, Decimal(0))
            value = (-total).scaleb(-SCALE[unit]) + 0
            out.changes.append(Change(sheet, label, column, value))
            out.selected += total
            out.written += -value.scaleb(SCALE[unit])
    wrong = [(code, column, value) for code, (column, value) in sorted(unmapped.items()) if value]
    for code, column, value in wrong[:MAX_NAMED]:
        out.fel(Code.IMPORT_VERKSAMHET_UTAN_RAD, (
            f"{sheet}: verksamhetskod {code or '(ingen)'} har {_kr(value)} ({column}) men ingen rad "
            "i kontoplanens verksamheter tar den; lägg till koden i profilens [kontoplan] eller "
            "rätta konteringen."))
    if len(wrong) > MAX_NAMED:
        out.fel(Code.IMPORT_VERKSAMHET_UTAN_RAD, f"{sheet}: och {len(wrong) - MAX_NAMED} verksamhetskoder "
                "till som ingen rad tar.")


def investments(rows: dict[int, str], amap: AccountMap, chosen, year: int, last: int, unit: str,
                out: Figures) -> None:
    """Utfall period and the year before of each investment row with a Projekt (row → code)."""
    scale = SCALE[unit]
    for column, wanted in ((OUTCOME, year), (PREVIOUS, year - 1)):
        if wanted not in chosen:
            continue
        figures = chosen[wanted][1]
        if rows and not figures.has(amap.project_dim):
            _unknown(out, chosen[wanted], "Investeringar", column, "utfall per projekt")
            continue
        for row, code in rows.items():
            sums = figures.outcome(PROJECT + code, amap.project_dim)
            per = _months(sums, PROJECT + code, last, None)
            total = sum((v for a, v in per.items() if amap.is_investment(a)), Decimal(0))
            value = total.scaleb(-scale) + 0
            out.changes.append(Change("Investeringar", row, column, value))
            out.selected += total
            out.written += value.scaleb(scale)


def figures(files: list[LedgerFile], selection: Selection, *, year: int, last: int, unit: str,
            projects: dict[int, str], activity: tuple[str, frozenset[str]] | None = None) -> Figures:
    """Every import cell's value, or the Fel that stop the import. ``activity``: the activity
    sheet and the Drift rows whose accounts it takes (``importing.activity_rows``)."""
    out = Figures()
    for f in files:
        for line, message in f.errors:
            where = f"rad {line}: " if line else ""
            out.fel(Code.IMPORT_SKADAD_FIL, f"{f.path.name}: {where}{message}.")
    chosen = choose_years(files, year, out)
    for _f, figs in chosen.values():
        for code in sorted(figs.both):
            out.fel(Code.IMPORT_ANSVAR_DUBBELT, f"Ansvar {code} finns i både Info!Ansvar och "
                    "Info!Ansvar exploatering; en kod hör till ett blad.")
    for sheet, codes in ((DRIFT, selection.drift), (EXPLOATERING, selection.exploatering)):
        if codes:
            operating(sheet, selection.amap, chosen, year, last, unit, out)
    amap = selection.amap
    if activity is not None and selection.drift and amap.activity_dim is not None and amap.activities:
        activity_sheet(activity[0], amap, activity[1], chosen, year, last, unit, out)
    investments(projects, selection.amap, chosen, year, last, unit, out)
    for wanted, columns in ((year, "Budget, Periodbudget och Utfall period"), (year - 1, PREVIOUS)):
        if wanted not in chosen and not out.findings:
            out.findings.append(Finding(INFO, Code.IMPORT_AR_SAKNAS, "", "", (
                f"Ingen av filerna gäller {wanted}; {columns} lämnas som de är.")))
    return out
