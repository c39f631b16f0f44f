"""The forecast's memory: history per follow-up, prognossäkerhet at year end, unrevised forecasts.

Exact Decimal arithmetic on the values as typed; the one rounding is the spec's percent of
the net costs, to one decimal, half away from zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import INFO, Finding
from ..core.model import BoardReport, HistoryRow, ResultRow
from ..core.names import followup_labels
from ..profile.shape import ROLE_DRIFT, STANDARD, Shape

ZERO = Decimal(0)
PERCENT_QUANTUM = Decimal("0.1")
# Where calc.Results (and model.BoardReport) keep the rows of each history sheet; the
# finansförvaltning's Finansiering is read when the model has it (``financing``).
RESULT_ATTRIBUTES = {"Drift": "drift", "Exploatering": "exploatering",
                     "Finansiering": "financing", "Investeringar": "investments"}


def followup_name(period: str, end_month: int) -> str:
    """A follow-up's name in the history: its Period, or the month word for Månadsuppföljning."""
    return C.MONTH_WORDS[end_month - 1] if period == C.MONTHLY else period


def month_of(word: str) -> int | None:
    """The month number of a month word (``april`` → 4), else None."""
    text = word.strip().casefold()
    return C.MONTH_WORDS.index(text) + 1 if text in C.MONTH_WORDS else None


def forecast_rows(results, column: str = C.FORECAST) -> list[tuple[str, str, Decimal | None]]:
    """(Blad, Rad, value of ``column``) for every row the history remembers, in order:
    every row of the operating sheets (sum rows included), then the level-1 investment
    rows and Totala utgifter. A sheet with no value in ``column`` on any input row is skipped."""
    out = []
    for sheet in C.HISTORY_SHEETS:
        rows = getattr(results, RESULT_ATTRIBUTES.get(sheet, ""), None)
        if not rows:
            continue
        if all(r.values.get(column) is None for r in rows if not r.derived):
            continue  # nothing typed in the column on this sheet
        out += [(sheet, r.label, r.values.get(column)) for r in _remembered(sheet, rows)]
    return out


def _remembered(sheet: str, rows: list) -> list:
    """The rows of a history sheet the history remembers: all, but of a tree (Investeringar)
    only its level-1 rows and its total."""
    if C.SHEETS_BY_NAME[sheet].layout != C.TREE:
        return list(rows)
    return [r for r in rows if r.level in (0, C.HISTORY_INVESTMENT_LEVEL)]


@dataclass
class History:
    """The history as a table: follow-ups (name, month) in order, and per (Blad, Rad) its
    forecast per follow-up."""

    followups: list[tuple[str, int | None]] = field(default_factory=list)
    rows: dict[tuple[str, str], dict[tuple[str, int | None], Decimal | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, history: list[HistoryRow]) -> History:
        h = cls()
        for row in history:
            h.rows.setdefault((row.sheet, row.label), {})[(row.followup, row.month)] = row.forecast
        h.followups = list(dict.fromkeys((row.followup, row.month) for row in history))
        return h

    def labels(self) -> list[str]:
        return followup_labels(self.followups)

    def value(self, sheet: str, label: str, followup) -> Decimal | None:
        return self.rows.get((sheet, label), {}).get(followup)


def current_forecasts(results) -> dict[tuple[str, str], Decimal | None]:
    """(Blad, Rad) → this follow-up's Prognos helår (sum rows derived), for every history row."""
    out = {}
    for sheet in C.HISTORY_SHEETS:
        for r in _remembered(sheet, getattr(results, RESULT_ATTRIBUTES[sheet], None) or []):
            out[(sheet, r.label)] = r.values.get(C.FORECAST)
    return out


def history_results(report: BoardReport, results) -> tuple[list[str], list]:
    """``Resultat Prognoshistorik``: the follow-up labels and one ResultRow per Blad/Rad."""
    h = History.of(report.history)
    labels = h.labels()
    current = current_forecasts(results)
    out = []
    for (sheet, label), per in h.rows.items():
        values: dict = {"Blad": sheet}
        for key, text in zip(h.followups, labels):
            values[text] = per.get(key)
        now = current.get((sheet, label))
        first = next((per[k] for k in h.followups if per.get(k) is not None), None)
        values[C.FORECAST] = now
        values["Förändring sedan första prognosen"] = (
            None if first is None else (now if now is not None else ZERO) - first)
        derived = label in _derived_labels(sheet) or label == C.TOTAL_EXPENDITURE
        out.append(ResultRow(label, values, derived=derived))
    return labels, out


def _derived_labels(sheet: str) -> set[str]:
    spec = C.SHEETS_BY_NAME.get(sheet)
    return {r.label for r in spec.rows if r.derived} if spec is not None else set()


def percent_of(deviation: Decimal | None, base: Decimal | None) -> Decimal | None:
    """``deviation`` in percent of ``|base|``, one decimal, half away from zero."""
    if deviation is None or base is None or base == 0:
        return None
    return (deviation * 100 / abs(base)).quantize(PERCENT_QUANTUM, rounding=ROUND_HALF_UP)


def accuracy_results(report: BoardReport, results, shape: Shape = STANDARD) -> list:
    """``Resultat Prognossäkerhet`` (Period = the year end): per earlier follow-up its
    forecast of Årets resultat and Verksamhetens nettokostnader (the rows of those kinds of
    the workbook's Drift) against the year's outcome."""
    if report.info.period != shape.year_end or not report.history or not results.drift:
        return []  # (the finansförvaltning's workbook has no Drift: no prognossäkerhet of its own)
    h = History.of(report.history)
    drift = {r.label: r for r in results.drift}
    statement = shape.with_role(ROLE_DRIFT)[0]
    rows = {C.RESULT: statement.result_row, C.NET_COSTS: statement.net_row}  # the kind → its row
    outcome = {label: drift[rows[label]].values.get("Utfall period") if rows[label] in drift else None
               for label in (C.RESULT, C.NET_COSTS)}
    if all(r.values.get("Utfall period") is None for r in report.drift if not r.derived):
        outcome = {label: None for label in outcome}  # no outcome typed yet: nothing to judge
    net = outcome[C.NET_COSTS]
    out = []
    for key, text in zip(h.followups, h.labels()):
        values: dict = {}
        for label, (fc, oc, dev, pct) in (
                (C.RESULT, ("Prognos årets resultat", "Utfall årets resultat", "Prognosavvikelse",
                            "Prognosavvikelse i % av nettokostnaden")),
                (C.NET_COSTS, ("Prognos verksamhetens nettokostnader",
                               "Utfall verksamhetens nettokostnader", "Prognosavvikelse nettokostnader",
                               "Prognosavvikelse nettokostnader i % av nettokostnaden"))):
            forecast = h.value(statement.name, rows[label], key)
            deviation = None if forecast is None or outcome[label] is None else outcome[label] - forecast
            values.update({fc: forecast, oc: outcome[label], dev: deviation,
                           pct: percent_of(deviation, net)})
        out.append(ResultRow(text, values))
    return out


def unrevised(report: BoardReport) -> list[Finding]:
    """An Info per sheet whose Prognos helår equals its Föregående prognos on every row."""
    out = []
    for sheet in C.HISTORY_SHEETS:
        rows = getattr(report, RESULT_ATTRIBUTES[sheet], None) or []
        inputs = [r for r in rows if not r.derived and r.row]
        pairs = [(r.values.get(C.FORECAST), r.values.get(C.PREVIOUS_FORECAST)) for r in inputs]
        # nothing but zeros (an Exploatering the board does not use) was not prefilled: no note
        if pairs and any(a for a, _ in pairs) and all(a == b for a, b in pairs):
            out.append(Finding(
                INFO, Code.PROGNOS_EJ_REVIDERAD, sheet, inputs[0].cells.get(C.FORECAST, ""),
                f"Prognos helår är lika med Föregående prognos på alla rader av bladet {sheet}: "
                "den förifyllda prognosen har inte reviderats. Skriv årets nya prognos."))
    return out


def unrevised_goals(report: BoardReport) -> list[Finding]:
    """Infos for what ``next`` carried and nobody revised: every goal's Bedömning equal to its
    Föregående bedömning, every indicator's Utfall to its Utfall föregående uppföljning (or the
    preliminary ones among them) — printed as this period's otherwise, without a word."""
    source = report.info.foregaende_prognos.strip() or "föregående uppföljning"
    out = []
    goals = [g for g in report.goals if g.previous_assessment]
    if goals and all(g.assessment == g.previous_assessment for g in goals):
        out.append(Finding(
            INFO, Code.BEDOMNING_EJ_REVIDERAD, C.MAL.name, f"E{goals[0].row}" if goals[0].row else "",
            f"Bedömning är lika med {C.PREVIOUS_ASSESSMENT} på alla mål: bedömningarna förda från "
            f"{source} har inte reviderats. Bedöm målen för {report.info.period}."))
    carried = [i for i in report.indicators if i.previous_followup is not None and i.outcome is not None]
    same = [i for i in carried if i.outcome == i.previous_followup]
    preliminary = [i.name for i in same if i.preliminary]
    if carried and len(same) == len(carried):
        out.append(Finding(
            INFO, Code.UTFALL_EJ_UPPDATERAT, C.INDIKATORER.name, f"F{carried[0].row}" if carried[0].row else "",
            f"Utfall är lika med {C.PREVIOUS_OUTCOME} på alla indikatorer: utfallen från {source} har "
            f"inte uppdaterats" + (f" ({len(preliminary)} av dem markerade Preliminärt)" if preliminary else "")
            + ". Skriv periodens utfall, och sätt Preliminärt till Nej där utfallet är slutligt."))
    elif preliminary:
        out.append(Finding(
            INFO, Code.UTFALL_EJ_UPPDATERAT, C.INDIKATORER.name, "",
            f"Preliminärt utfall oförändrat sedan {source}: {', '.join(preliminary)}. Uppdatera "
            "utfallet, eller sätt Preliminärt till Nej om det är slutligt."))
    return out
