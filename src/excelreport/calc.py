"""Validated model → results: deviations, forecast changes, the investment tree, suggestions.

Exact Decimal arithmetic on the values as typed; nothing is rounded here. Rules that need
the computed figures (filled sum rows, the comment threshold, assessments that differ
from the suggestion) add their findings here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import contract as C
from . import forecast
from .findings import FEL, VARNING, Finding
from .model import AmountRow, BoardReport, Goal, Indicator, ResultRow
from .numbers import plain

ZERO = Decimal(0)
TOLERANCE = Decimal("0.5")


@dataclass
class GoalResult:
    goal: Goal
    indicators: list[Indicator]
    suggestion: str
    met: int
    measured: int

    @property
    def met_text(self) -> str:
        return f"{self.met} av {self.measured}"

    @property
    def basis(self) -> str:
        """What the suggestion rests on, in words for a message."""
        if not self.indicators:
            return "målet saknar indikatorer"
        if not self.measured:
            return "ingen av målets indikatorer har både utfall och målvärde"
        return f"{self.met_text} uppfyllda indikatorer"


@dataclass
class Results:
    drift: list[ResultRow]
    exploatering: list[ResultRow]
    investments: list[ResultRow]
    sick_leave: list[ResultRow]
    goals: list[GoalResult]
    findings: list[Finding]
    history_labels: list[str] = field(default_factory=list)  # the follow-ups, in order
    history: list[ResultRow] = field(default_factory=list)  # Resultat Prognoshistorik
    accuracy: list[ResultRow] = field(default_factory=list)  # Resultat Prognossäkerhet
    financing: list[ResultRow] = field(default_factory=list)  # the finansförvaltning's Finansiering
    statements: dict[str, list[ResultRow]] = field(default_factory=dict)  # every operating statement's rows, by sheet name
    volumes: list[ResultRow] = field(default_factory=list)  # Resultat Verksamhetsmått


def _v(x: Decimal | None) -> Decimal:
    return ZERO if x is None else x


def calculate(report: BoardReport) -> Results:
    findings: list[Finding] = []
    info = report.info
    if report.is_finance_office:
        financing = operating(report.financing, C.FINANSIERING.name, info.slutmanad, findings,
                              C.FINANSIERING, FINANCING_SUMS)
        results = Results([], [], [], [], [], findings, financing=financing)
        _forecast_memory(report, results)
        return results
    drift = operating(report.drift, C.DRIFT.name, info.slutmanad, findings)
    expl = operating(report.exploatering, C.EXPLOATERING.name, info.slutmanad, findings)
    inv = investment_tree(report.investments, findings)
    if info.kommentarsgrans is not None:
        _comment_threshold(report, drift, expl, inv, findings)
    goals = goal_results(report.goals, report.indicators)
    for g in goals:
        if g.goal.assessment != g.suggestion:
            findings.append(Finding(
                VARNING, "bedomning-avviker", C.MAL.name, f"E{g.goal.row}" if g.goal.row else "",
                f"Mål {g.goal.nr}: Bedömning '{g.goal.assessment}' skiljer sig från den föreslagna "
                f"'{g.suggestion}' ({g.basis}). Din bedömning gäller; "
                "motivera den i kommentaren."))
    results = Results(drift, expl, inv, sick_leave(report.sick_leave), goals, findings)
    _forecast_memory(report, results)
    return results


def _forecast_memory(report: BoardReport, results: Results) -> None:
    """The history's result rows, prognossäkerhet at year end, unrevised forecasts (forecast.py)."""
    results.history_labels, results.history = forecast.history_results(report, results)
    results.accuracy = forecast.accuracy_results(report, results)
    results.findings += forecast.unrevised(report) + forecast.unrevised_goals(report)


# --- Drift and Exploatering ------------------------------------------------------------

SUM_MEMBERS = {
    C.COSTS: C.COST_ROWS,
    C.NET_COSTS: (C.REVENUE, C.COSTS),
    C.RESULT: (C.NET_COSTS, C.GRANT, C.FINANCE),
}
FINANCING_SUMS = {C.FINANCING_RESULT: C.FINANCING_ROWS}


def operating(rows: list[AmountRow], sheet: str, end_month: int, findings: list[Finding],
              spec_sheet: C.Sheet = C.DRIFT, sums: dict = SUM_MEMBERS) -> list[ResultRow]:
    """Derive sum rows and period budgets, then the four deviations of every row."""
    by_label = {r.label: r for r in rows}
    amounts: dict[str, dict[str, Decimal | None]] = {}
    for row in rows:
        if row.derived:
            continue
        vals = dict(row.values)
        if vals.get("Periodbudget") is None and vals.get("Budget") is not None and end_month:
            vals["Periodbudget"] = vals["Budget"] * end_month / 12
        amounts[row.label] = vals
    # The sums as the sheet's own formulas compute them: an empty period budget adds 0 there.
    as_typed = {r.label: r.values for r in rows if not r.derived}
    for label, members in sums.items():
        amounts[label] = {col: sum((_v(amounts[m].get(col)) for m in members), ZERO)
                          for col in C.OPERATING_AMOUNTS}
        as_typed[label] = {col: sum((_v(as_typed.get(m, {}).get(col)) for m in members), ZERO)
                           for col in C.OPERATING_AMOUNTS}
        row = by_label.get(label)
        if row is not None:
            for col, filled in row.values.items():
                derived = amounts[label][col]
                if col == "Periodbudget" and filled is not None and (
                        not end_month or abs(filled - as_typed[label][col]) <= TOLERANCE):
                    continue  # the formula's own result from period budgets left empty (or no
                    # slutmånad to derive them: Info has a Fel)
                if filled is not None and abs(filled - derived) > TOLERANCE:
                    findings.append(Finding(
                        FEL, "summa-avviker", sheet, row.cells.get(col, ""),
                        f"{label}, {col}: ifyllt {plain(filled)} men summan av raderna är "
                        f"{plain(derived)}. Rätta raderna eller summan (eller töm cellen)."))
    empty = empty_columns([amounts[r.label] for r in rows if not r.derived], C.OPERATING_AMOUNTS)
    out = []
    for spec in spec_sheet.rows:
        a = amounts.get(spec.label, {})
        if spec.derived:
            a = {col: None if col in empty else v for col, v in a.items()}
        src = by_label[spec.label].cells if spec.label in by_label else {}
        out.append(ResultRow(spec.label, {
            **deviations(a, expenditure=False, empty=empty),
            "Periodbudget": a.get("Periodbudget"),
            "Avvikelse utfall/periodbudget": _difference(a, "Utfall period", "Periodbudget", empty),
        }, derived=spec.derived, sources=dict(src)))
    return out


def empty_columns(rows: list[dict[str, Decimal | None]], columns) -> set[str]:
    """The columns with no value on any input row: their sums and the differences they
    enter are empty, not 0 (an unfilled outcome is not a balanced year)."""
    return {col for col in columns if all(r.get(col) is None for r in rows)}


def _difference(a: dict[str, Decimal | None], minuend: str, subtrahend: str,
                empty: set[str] = frozenset()) -> Decimal | None:
    """``minuend − subtrahend``, an empty cell as 0; empty when either column is."""
    if minuend in empty or subtrahend in empty:
        return None
    return _v(a.get(minuend)) - _v(a.get(subtrahend))


def deviations(a: dict[str, Decimal | None], *, expenditure: bool,
               empty: set[str] = frozenset()) -> dict[str, Decimal | None]:
    """The amounts and deviations Drift and Investeringar share; an empty cell counts as 0,
    a column ``empty`` on every input row leaves its differences empty.

    Avvikelse prognos/budget is Prognos − Budget on operating rows and Budget − Prognos on
    expenditure (positive = under budget), so a positive deviation is always favourable;
    Avvikelse utfall/budget (the year end's) likewise.
    """
    def favourable(amount: str) -> Decimal | None:
        return _difference(a, "Budget", amount, empty) if expenditure else _difference(a, amount, "Budget", empty)

    return {
        "Budget": a.get("Budget"),
        "Prognos helår": a.get("Prognos helår"),
        "Avvikelse prognos/budget": favourable("Prognos helår"),
        "Föregående prognos": a.get("Föregående prognos"),
        "Prognosförändring": _difference(a, "Prognos helår", "Föregående prognos", empty),
        "Utfall period": a.get("Utfall period"),
        "Avvikelse utfall/budget": favourable("Utfall period"),
        "Utfall period föregående år": a.get("Utfall period föregående år"),
        "Diff. utfall mot föregående år": _difference(a, "Utfall period", "Utfall period föregående år", empty),
    }


# --- Investeringar ---------------------------------------------------------------------


def investment_tree(rows: list[AmountRow], findings: list[Finding]) -> list[ResultRow]:
    """Sum rows from their children, bottom-up; then Totala utgifter from level 1."""
    n = len(rows)
    totals: list[dict[str, Decimal | None]] = [dict(r.values) for r in rows]
    for i in range(n - 1, -1, -1):
        row = rows[i]
        if not row.derived:
            continue
        children = []
        for j in range(i + 1, n):
            if rows[j].level <= row.level:
                break
            if rows[j].level == row.level + 1:
                children.append(j)
        derived = {col: sum((_v(totals[j][col]) for j in children), ZERO) for col in C.INVESTMENT_AMOUNTS}
        for col, filled in row.values.items():
            if filled is not None and abs(filled - derived[col]) > TOLERANCE:
                findings.append(Finding(
                    FEL, "summa-avviker", C.INVESTERINGAR.name, row.cells.get(col, ""),
                    f"{row.label}, {col}: ifyllt {plain(filled)} men summan av underraderna är "
                    f"{plain(derived[col])}. Rätta underraderna eller summan (eller töm cellen)."))
        totals[i] = derived
    total = {col: sum((_v(totals[i][col]) for i in range(n) if rows[i].level == 1), ZERO)
             for col in C.INVESTMENT_AMOUNTS}
    empty = empty_columns([r.values for r in rows if not r.derived], C.INVESTMENT_AMOUNTS)
    out = [_investment_row(r.label, totals[i], r.level, r.derived, r.cells, empty) for i, r in enumerate(rows)]
    out.append(_investment_row(C.TOTAL_EXPENDITURE, total, 0, True, {}, empty))
    return out


def _investment_row(label, a, level, derived, cells, empty: set[str]) -> ResultRow:
    if derived:
        a = {col: None if col in empty else v for col, v in a.items()}
    return ResultRow(label, {
        "Nivå": Decimal(level) if level else None,
        **deviations(a, expenditure=True, empty=empty),
    }, derived=derived, level=level, sources=dict(cells))


# --- Sjukfrånvaro ----------------------------------------------------------------------


def sick_leave(rows) -> list[ResultRow]:
    out = []
    for r in rows:
        diff = r.current - r.previous if r.current is not None and r.previous is not None else None
        out.append(ResultRow(r.label, {"Föregående år": r.previous, "Innevarande år": r.current,
                                       "Differens": diff}, sources=dict(r.cells)))
    return out


# --- Mål ---------------------------------------------------------------------------------


def indicator_met(ind: Indicator) -> bool | None:
    """True/False when the indicator has an outcome and a target; None otherwise."""
    if ind.outcome is None or ind.target is None:
        return None
    if ind.direction == "Lägre är bättre":
        return ind.outcome <= ind.target
    return ind.outcome >= ind.target


def suggest(met: int, measured: int) -> str:
    if measured == 0:
        return "Ej utvärderad"
    if met == measured:
        return "Helt uppfyllt"
    if met * 4 >= measured * 3:
        return "I hög grad uppfyllt"
    if met >= 1:
        return "Delvis uppfyllt"
    return "Ej uppfyllt"


def goal_results(goals: list[Goal], indicators: list[Indicator]) -> list[GoalResult]:
    out = []
    for goal in goals:
        inds = [i for i in indicators if i.goal_nr == goal.nr]
        verdicts = [m for m in (indicator_met(i) for i in inds) if m is not None]
        met = sum(verdicts)
        out.append(GoalResult(goal, inds, suggest(met, len(verdicts)), met, len(verdicts)))
    return out


# --- Kommentarsgräns ---------------------------------------------------------------------


def _comment_threshold(report, drift, expl, inv, findings) -> None:
    limit = report.info.kommentarsgrans
    unit = f" {report.info.enhet}" if report.info.enhet else ""  # none: a Fel in Info
    for sheet, inputs, results in ((C.DRIFT.name, report.drift, drift),
                                   (C.EXPLOATERING.name, report.exploatering, expl),
                                   (C.INVESTERINGAR.name, report.investments, inv)):
        for row, res in zip(inputs, results):
            dev = res.values["Avvikelse prognos/budget"]
            if row.row and not row.derived and not row.comment.strip() and dev is not None and abs(dev) >= limit:
                findings.append(Finding(
                    VARNING, "kommentar-saknas", sheet, row.cells.get("Kommentar", ""),
                    f"{row.label}: avvikelse prognos/budget {plain(dev)}{unit} är minst "
                    f"kommentarsgränsen {plain(limit)}{unit}, men raden saknar kommentar."))
