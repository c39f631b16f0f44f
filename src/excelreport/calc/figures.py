"""Validated model → results: deviations, forecast changes, the investment tree, suggestions.

Exact Decimal arithmetic on the values as typed; nothing is rounded here. Rules that need
the computed figures (filled sum rows, the comment threshold, assessments that differ
from the suggestion) add their findings here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING, Finding
from ..core.model import AmountRow, BoardReport, Goal, Indicator, ResultRow, VolumeRow
from ..core.numbers import plain
from ..profile.shape import ROLE_DRIFT, ROLE_LAND, STANDARD, Shape, Statement, standard_suggest
from . import forecast

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


def calculate(report: BoardReport, shape: Shape = STANDARD) -> Results:
    """The results of ``report``, by the statements and rules of its ``shape``."""
    findings: list[Finding] = []
    info = report.info
    if report.is_finance_office:
        financing = operating(report.financing, C.FINANSIERING.name, info.slutmanad, findings,
                              C.FINANSIERING, C.FINANCING_SUMS)
        results = Results([], [], [], [], [], findings, financing=financing)
        _forecast_memory(report, results)
        return results
    statements = {st.name: operating(_inputs(report, st), st.name, info.slutmanad, findings, st.sheet, st.sums)
                  for st in shape.statements}
    inv = investment_tree(report.investments, findings) if shape.investments else []
    _reconcile(shape, statements, info.enhet, findings)
    _comment_rule(report, shape, statements, inv, findings)
    goals = goal_results(report.goals, report.indicators, shape.suggest)
    for g in goals:
        if g.goal.assessment != g.suggestion:
            findings.append(Finding(
                VARNING, Code.BEDOMNING_AVVIKER, C.MAL.name, f"E{g.goal.row}" if g.goal.row else "",
                f"Mål {g.goal.nr}: Bedömning '{g.goal.assessment}' skiljer sig från den föreslagna "
                f"'{g.suggestion}' ({g.basis}). Din bedömning gäller; "
                "motivera den i kommentaren."))
    results = Results(_role(shape, statements, ROLE_DRIFT), _role(shape, statements, ROLE_LAND), inv,
                      sick_leave(report.sick_leave), goals, findings, statements=statements,
                      volumes=volumes(report.volumes))
    _forecast_memory(report, results, shape)
    return results


def _inputs(report: BoardReport, st: Statement) -> list[AmountRow]:
    """A statement's rows as validated (a report made in code may fill only drift/exploatering)."""
    if st.name in report.statements:
        return report.statements[st.name]
    return {ROLE_DRIFT: report.drift, ROLE_LAND: report.exploatering}.get(st.role, [])


def _role(shape: Shape, statements: dict[str, list[ResultRow]], role: str) -> list[ResultRow]:
    found = shape.with_role(role)
    return statements[found[0].name] if found else []


def _forecast_memory(report: BoardReport, results: Results, shape: Shape = STANDARD) -> None:
    """The history's result rows, prognossäkerhet at year end, unrevised forecasts (forecast.py)."""
    results.history_labels, results.history = forecast.history_results(report, results)
    results.accuracy = forecast.accuracy_results(report, results, shape)
    results.findings += forecast.unrevised(report) + forecast.unrevised_goals(report)


# --- Drift and Exploatering ------------------------------------------------------------

SUM_MEMBERS = C.STANDARD_SUMS


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
                        FEL, Code.SUMMA_AVVIKER, sheet, row.cells.get(col, ""),
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
                    FEL, Code.SUMMA_AVVIKER, C.INVESTERINGAR.name, row.cells.get(col, ""),
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


suggest = standard_suggest  # the standard scale's rule (a profile's: Shape.suggest)


def goal_results(goals: list[Goal], indicators: list[Indicator], rule=standard_suggest) -> list[GoalResult]:
    out = []
    for goal in goals:
        inds = [i for i in indicators if i.goal_nr == goal.nr]
        verdicts = [m for m in (indicator_met(i) for i in inds) if m is not None]
        met = sum(verdicts)
        out.append(GoalResult(goal, inds, rule(met, len(verdicts)), met, len(verdicts)))
    return out


# --- Kommentarsgräns ---------------------------------------------------------------------


def _comment_rule(report: BoardReport, shape: Shape, statements, inv, findings) -> None:
    """A Varning for each row without comment whose |Avvikelse prognos/budget| is at least
    Kommentarsgräns, or at least the rule's percent of |Budget| (budget not 0)."""
    rule, info = shape.comment, report.info
    limit = info.kommentarsgrans if info.kommentarsgrans is not None else rule.default_limit
    limit = limit if rule.amount else None
    if limit is None and rule.percent is None:
        return
    unit = f" {info.enhet}" if info.enhet else ""  # none: a Fel in Info
    for sheet in rule.sheets:
        spec = shape.input_sheet(sheet)
        if spec is not None and spec.layout == C.TREE:
            inputs, results = report.investments, inv
        elif shape.statement(sheet) is not None:
            inputs, results = _inputs(report, shape.statement(sheet)), statements[sheet]
        else:
            continue
        for row, res in zip(inputs, results):
            if row.row and not row.derived and not row.comment.strip():
                message = _needs_comment(row.label, res.values, limit, rule.percent, unit)
                if message:
                    findings.append(Finding(VARNING, Code.KOMMENTAR_SAKNAS, sheet,
                                            row.cells.get("Kommentar", ""), message))


def _needs_comment(label: str, values, limit, percent, unit: str) -> str:
    dev, budget = values["Avvikelse prognos/budget"], values.get("Budget")
    if dev is None:
        return ""
    if limit is not None and abs(dev) >= limit:
        return (f"{label}: avvikelse prognos/budget {plain(dev)}{unit} är minst "
                f"kommentarsgränsen {plain(limit)}{unit}, men raden saknar kommentar.")
    if percent is not None and budget and abs(dev) * 100 >= percent * abs(budget):
        return (f"{label}: avvikelse prognos/budget {plain(dev)}{unit} är minst {plain(percent)} % "
                f"av budgeten {plain(budget)}{unit}, men raden saknar kommentar.")
    return ""


# --- Avstämning mellan driftblad ---------------------------------------------------------


def _reconcile(shape: Shape, statements: dict[str, list[ResultRow]], unit: str, findings) -> None:
    """A Fel for each amount column where a statement's row differs from the row it must
    equal on another statement by more than the tolerance."""
    unit = f" {unit}" if unit else ""
    for st in shape.statements:
        r = st.reconcile
        if r is None or r.sheet not in statements:
            continue
        own = next((x for x in statements[st.name] if x.label == r.own_row), None)
        other = next((x for x in statements[r.sheet] if x.label == r.row), None)
        if own is None or other is None:
            continue
        for col in C.OPERATING_AMOUNTS:
            a, b = _v(own.values.get(col)), _v(other.values.get(col))
            if abs(a - b) > r.tolerance:
                here = _cell(st.name, own.sources.get(col))
                there = _cell(r.sheet, other.sources.get(col))
                findings.append(Finding(
                    FEL, Code.AVSTAMNING_AVVIKER, st.name, own.sources.get(col, ""),
                    f"{r.own_row}, {col}: {here} är {plain(a)}{unit} men {there} ({r.row}) är "
                    f"{plain(b)}{unit}; skillnaden {plain(a - b)}{unit} är större än toleransen "
                    f"{plain(r.tolerance)}{unit}. Rätta raderna så att bladen stämmer överens."))


def _cell(sheet: str, ref: str | None) -> str:
    name = f"'{sheet}'" if " " in sheet else sheet
    return f"{name}!{ref}" if ref else f"bladet {sheet}"


# --- Verksamhetsmått ---------------------------------------------------------------------

ONE_DECIMAL = Decimal("0.1")


def volumes(rows: list[VolumeRow]) -> list[ResultRow]:
    """Resultat Verksamhetsmått: deviations from budget and last year (None when a figure
    is missing), the deviation in percent of |Budget| to one decimal."""
    out = []
    for r in rows:
        dev = r.outcome - r.budget if r.outcome is not None and r.budget is not None else None
        share = (dev * 100 / abs(r.budget)).quantize(ONE_DECIMAL, ROUND_HALF_UP) \
            if dev is not None and r.budget else None
        diff = r.outcome - r.previous if r.outcome is not None and r.previous is not None else None
        out.append(ResultRow(r.label, {
            "Enhet": r.unit, "Budget": r.budget, "Utfall period": r.outcome, "Avvikelse": dev,
            "Avvikelse %": share, "Utfall period föregående år": r.previous,
            "Diff. mot föregående år": diff,
        }, sources=dict(r.cells)))
    return out
