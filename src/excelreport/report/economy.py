"""The report's economy blocks: an operating statement's table and chart, the investments'
table and chart, the volume measures' table, the forecast of the year's result and
prognossäkerhet. Each returns what it writes (a callable), or None when it has nothing.
"""

from __future__ import annotations

from typing import Callable

from .. import contract as C
from ..calc.figures import ResultRow
from ..calc.forecast import followup_name
from ..core.numbers import format_percent
from ..profile.keys import KIND_RESULT, ROLE_ACTIVITY, ROLE_LAND
from ..profile.schema import Statement
from . import charts as CH, values as V
from .context import YEAR_END, Context, followup_label
from .table import Column

Render = Callable[[], None]

# The charts' bars per period kind (result columns, named as the table heads them): Budget
# against the forecast, at the year end against the outcome; investments also show the
# period's outcome.
OPERATING_BARS = {"interim": ("Budget", "Prognos helår"), YEAR_END: ("Budget", "Utfall period")}
INVESTMENT_BARS = {"interim": ("Budget", "Prognos helår", "Utfall period"), YEAR_END: ("Budget", "Utfall period")}
# How a chart's text names a statement, by its role.
STATEMENT_WHAT = {ROLE_LAND: "exploateringsredovisningen", ROLE_ACTIVITY: "driftredovisningen per verksamhet"}
# Bounded report: a tree of thousands of investments is in Resultat Investeringar; the report
# shows the levels that fit in this many rows, and the chart this many categories.
MAX_REPORT_INVESTMENT_ROWS = 300
MAX_CHART_CATEGORIES = 40


def statement_table(ctx: Context, statement: Statement) -> Render | None:
    if not ctx.statement_has_amounts(statement):
        return None
    rows = ctx.statement_rows(statement)
    return lambda: ctx.w.table(ctx.amount_columns(), [ctx.amount_row(r) for r in rows],
                               ctx.amounts_caption(statement.sheet))


def all_bars_zero(rows: list[ResultRow], bars: list[tuple[str, str]]) -> bool:
    """Every bar a chart would draw is zero or empty: a chart of nothing (a board without
    exploatering whose sheet holds zeros), left out; the table still shows the zeros."""
    return not any(r.values.get(key) for r in rows for key, _ in bars)


def statement_chart(ctx: Context, statement: Statement) -> Render | None:
    if not ctx.statement_has_amounts(statement):
        return None
    rows = ctx.statement_rows(statement)
    if all_bars_zero([r for r in rows if not r.derived], ctx.bars(OPERATING_BARS)):
        return None
    what = STATEMENT_WHAT.get(statement.role, "driftredovisningen")
    return lambda: ctx.w.chart(CH.operating_chart(rows, ctx.bars(OPERATING_BARS), ctx.year, ctx.info.enhet,
                                                  ctx.palette, what))


# --- Investeringar -------------------------------------------------------------------------------


def shown_investments(rows: list[ResultRow]) -> tuple[list[ResultRow], str]:
    """The investment rows the report's table shows: every row when they fit, else the
    levels that do (``Totala utgifter`` always); and a sentence saying what was left out."""
    if len(rows) <= MAX_REPORT_INVESTMENT_ROWS:
        return rows, ""
    depth = 0
    for level in range(1, max(r.level for r in rows) + 1):
        if sum(1 for r in rows if r.level <= level) > MAX_REPORT_INVESTMENT_ROWS:
            break
        depth = level
    shown = [r for r in rows if r.level <= depth]
    if depth == 0:
        return shown, (f"Tabellen visar bara Totala utgifter: investeringsträdet har fler än "
                       f"{MAX_REPORT_INVESTMENT_ROWS} rader på nivå 1.")
    levels = "nivå 1" if depth == 1 else f"nivå 1–{depth}"
    tree = sum(1 for r in rows if r.level)  # Totala utgifter is not a row of the tree
    return shown, (f"Tabellen visar {levels} av investeringsträdet ({sum(1 for r in shown if r.level)} av "
                   f"{tree} rader; rapporten visar högst {MAX_REPORT_INVESTMENT_ROWS}).")


def investment_table(ctx: Context) -> Render | None:
    if not ctx.r.investments:
        return None

    def render() -> None:
        shown, note = shown_investments(ctx.res.investments)
        table = [ctx.amount_row(r, indent_cm=0.35 * max(r.level - 1, 0)) for r in shown]
        ctx.w.table(ctx.amount_columns(), table, f"Investeringar per investeringsslag i {ctx.info.enhet}")
        ctx.pending.setdefault(C.INVESTERINGAR.name, []).append(note)
    return render


def investment_chart(ctx: Context) -> Render | None:
    if not ctx.r.investments:
        return None
    if all_bars_zero([r for r in ctx.res.investments if r.level == 1], ctx.bars(INVESTMENT_BARS)):
        return None

    def render() -> None:
        rows = ctx.res.investments
        categories = sum(1 for r in rows if r.level == 1)
        note = ""
        if categories <= MAX_CHART_CATEGORIES:
            ctx.w.chart(CH.investment_chart(rows, ctx.bars(INVESTMENT_BARS), ctx.year, ctx.info.enhet,
                                            ctx.palette))
        else:
            note = (f"Diagrammet visas inte: {categories} investeringsslag på nivå 1, fler än "
                    f"{MAX_CHART_CATEGORIES}.")
        ctx.pending.setdefault(C.INVESTERINGAR.name, []).append(note)
    return render


def write_pending(ctx: Context) -> None:
    """What a section's tables and charts left out, once, after the section's contents."""
    for sheet, parts in ctx.pending.items():
        note = " ".join(p for p in parts if p)
        if note:
            note += f" Hela trädet finns i bladet Resultat {sheet}."
            ctx.w.text(note)
            ctx.notes.append(note)
    ctx.pending.clear()


# --- Verksamhetsmått -------------------------------------------------------------------------------


def volume_table(ctx: Context) -> Render | None:
    rows = [r for r in ctx.res.volumes if r.label.strip()]
    if not rows:
        return None
    y, period = ctx.year, ctx.info.period
    now = f"Utfall {y}" if ctx.kind == YEAR_END else f"{period} {y}"
    before = f"Utfall {y - 1}" if ctx.kind == YEAR_END else f"{period} {y - 1}"
    heads = (f"Budget {y}", now, "Avvikelse", "Avvikelse %", before, f"Diff. utfall {y - 1}/{y}")
    cols = [Column("Mått"), Column("Enhet")] + [Column(h, numeric=True) for h in heads]

    def row(r: ResultRow) -> list[str]:
        v = r.values
        unit = v.get("Enhet")
        figures = [V.measure(v.get(k)) for k in ("Budget", "Utfall period", "Avvikelse")]
        return ([r.label, unit.strip() if isinstance(unit, str) else ""] + figures
                + [format_percent(v.get("Avvikelse %"), 1)]
                + [V.measure(v.get(k)) for k in ("Utfall period föregående år", "Diff. mot föregående år")])
    return lambda: ctx.w.table(cols, [row(r) for r in rows], f"Verksamhetsmått {y}: budget och utfall")


# --- Prognos för årets resultat, Prognossäkerhet (next-period.md) ---------------------------------


def forecast_of_result(ctx: Context) -> Render | None:
    """The forecast of the year's result per earlier follow-up and now, a table and a chart;
    at the year end the year's outcome beside them and each forecast's deviation from it."""
    drift = ctx.profile.drift
    result = next((r.label for r in drift.rows if r.kind == KIND_RESULT), C.RESULT)
    earlier = any(r.sheet == drift.sheet and r.label == result and r.forecast is not None for r in ctx.r.history)
    row = next((r for r in ctx.res.history if r.values.get("Blad") == drift.sheet and r.label == result), None)
    if not earlier or row is None:
        return None
    return lambda: _forecast_of_result(ctx, row, result)


def _forecast_of_result(ctx: Context, row: ResultRow, result: str) -> None:
    info, year_end = ctx.info, ctx.kind == YEAR_END
    labels = list(ctx.res.history_labels)
    values = [row.values.get(label) for label in labels] + [row.values.get(C.FORECAST)]
    labels = [followup_label(x) for x in labels + [followup_name(info.period, info.slutmanad)]]
    unit, title = info.enhet, "Prognos för årets resultat"
    outcome = None
    if year_end:
        own = next((r for r in ctx.statement_rows(ctx.profile.drift) if r.label == result), None)
        outcome = own.values.get("Utfall period") if own else None
    heads = labels + ([f"Utfall {ctx.year}"] if year_end else [])
    table = [[result] + [V.amount(v, unit) for v in values] + ([V.amount(outcome, unit)] if year_end else [])]
    if outcome is not None:  # prognossäkerhet at a glance: utfall − prognos per follow-up
        table.append(["Utfall − prognos"] + [V.amount(None if v is None else outcome - v, unit) for v in values]
                     + [""])
    cols = [Column(f"Belopp i {unit}", 3.8)] + [Column(h, 12.2 / len(heads), numeric=True) for h in heads]
    ctx.w.table(cols, table, f"{title} {ctx.year} per uppföljning, i {unit}")
    ctx.w.chart(CH.forecast_chart(labels, values, ctx.year, unit, ctx.palette,
                                  outcome=(f"Utfall {ctx.year}", outcome) if outcome is not None else None))


def forecast_accuracy(ctx: Context) -> Render | None:
    """Prognossäkerhet at year end: per earlier follow-up its forecast against the outcome."""
    rows = ctx.res.accuracy
    if not rows:
        return None

    def render() -> None:
        unit = ctx.info.enhet
        for what, keys in (("årets resultat", C.RESULT_PROGNOSSAKERHET.columns[1:5]),
                           ("verksamhetens nettokostnader", C.RESULT_PROGNOSSAKERHET.columns[5:9])):
            heads = (f"Prognos {what}", f"Utfall {what}", "Prognosavvikelse",
                     "Prognosavvikelse i % av nettokostnaden")
            cols = [Column("Uppföljning", 3.8)] + [Column(h, 3.05, numeric=True) for h in heads]
            table = [[followup_label(r.label), V.amount(r.values[keys[0]], unit),
                      V.amount(r.values[keys[1]], unit), V.amount(r.values[keys[2]], unit),
                      format_percent(r.values[keys[3]], 1)] for r in rows]
            ctx.w.table(cols, table, f"Prognossäkerhet {ctx.year}: {what}, prognos mot utfall i {unit}")
    return render
