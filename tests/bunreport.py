"""A hand-made Exempelby BUN board (profile ``exempelby-bun``) as model and calc.Results:
the report's input without the workbook's checking (tested on its own)."""

from __future__ import annotations

from decimal import Decimal

from excelreport.calc import figures as calc
from excelreport.calc.figures import ResultRow, Results
from excelreport.core.model import AmountRow, BoardReport, Goal, Indicator, Info, PairRow
from excelreport.profile import shipped
from excelreport.profile.blocks import operating

BUN = shipped("exempelby-bun")
D = Decimal
COLUMNS = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period", "Utfall period föregående år")
DRIFT = {  # row → (Budget, Föregående prognos, Prognos helår, Utfall period, Utfall fg år), mnkr
    "Intäkter": ("45.25", "45.0", "46.15", "30.4", "29.15"),
    "Personalkostnader": ("-410.35", "-411.0", "-414.25", "-276.05", "-265.3"),
    "Lokalkostnader": ("-62.0", "-62.0", "-62.4", "-41.35", "-40.0"),
    "Köp av huvudverksamhet": ("-88.5", "-89.0", "-91.2", "-60.8", "-57.45"),
    "Kapitalkostnader": ("-12.4", "-12.4", "-12.4", "-8.25", "-8.1"),
    "Övriga kostnader": ("-35.0", "-35.5", "-34.3", "-22.9", "-23.0"),
    "Kommunbidrag": ("563.0", "563.0", "563.0", "375.35", "360.0"),
}
ACTIVITIES = {  # the six activities' net costs; their sum is Drift's Nettokostnad
    "Nämnd och förvaltning": ("-20.0", "-20.0", "-20.1", "-13.2", "-12.9"),
    "Förskola": ("-140.0", "-140.5", "-141.3", "-94.0", "-90.1"),
    "Grundskola": ("-260.0", "-261.0", "-263.75", "-175.3", "-168.0"),
    "Gymnasieskola": ("-120.0", "-120.4", "-121.0", "-80.75", "-77.9"),
    "Vuxenutbildning": ("-15.0", "-15.0", "-14.65", "-9.8", "-9.7"),
    "Kulturskola": ("-8.0", "-8.0", "-7.6", "-5.9", "-6.1"),
}
VOLUMES = [  # Mått, Enhet, Budget, Utfall period, Utfall fg år
    ("Antal barn i förskola", "st", "1450", "1462", "1431"),
    ("Antal elever i grundskola", "st", "3980", "3955", "3902"),
    ("Kostnad per elev i grundskola", "kr", "98500", "99312.5", "95110"),
]
TEXTS = {
    "Sammanfattning": "Nämnden prognostiserar ett underskott på 5,6 mnkr.",
    "Viktiga händelser": "Ny förskola i Norrby öppnade i mars.",
    "Måluppföljning": "Två av tre mål bedöms delvis uppfyllda.",
    "Ekonomi – Analys": "Personalkostnaderna ökar mer än budgeterat.",
    "Ekonomi – Åtgärder för en ekonomi i balans": "Anställningsstopp för administrativ personal.",
    "Investeringar – Kommentar": "Investeringarna följer plan.",
    "Verksamhetsmått – Kommentar": "Fler barn i förskolan än budgeterat.",
    "Personal": "Sjukfrånvaron har minskat.",
    "Framtid": "Elevantalet väntas öka till 2028.",
}


def _rows(table: dict) -> list[AmountRow]:
    return [AmountRow(label, {c: D(v) for c, v in zip(COLUMNS, values)}) for label, values in table.items()]


def statement_rows(sheet: str, table: dict, findings: list) -> list[ResultRow]:
    statement = BUN.statement(sheet)
    return calc.operating(_rows(table), sheet, 8, findings, operating(statement), statement.sums)


def volume_rows() -> list[ResultRow]:
    out = []
    for label, unit, budget, outcome, before in VOLUMES:
        b, u, f = D(budget), D(outcome), D(before)
        out.append(ResultRow(label, {"Enhet": unit, "Budget": b, "Utfall period": u, "Avvikelse": u - b,
                                     "Avvikelse %": (u - b) / abs(b) * 100, "Utfall period föregående år": f,
                                     "Diff. mot föregående år": u - f}))
    return out


def bun_board(texts: dict[str, str] | None = None) -> tuple[BoardReport, Results]:
    info = Info("Exempelby kommun", "Barn- och utbildningsnämnden", 2025, "Delårsrapport", 8, enhet="mnkr")
    goals = [Goal(1, "Alla barn och elever når sin fulla potential", 1, "Fler elever når målen i alla ämnen",
                  "Delvis uppfyllt", agenda="4"),
             Goal(1, "Alla barn och elever når sin fulla potential", 2, "Förskolan har god kvalitet",
                  "Uppfyllt")]
    indicators = [Indicator(1, "Andel elever som når målen i alla ämnen", "%", "Högre är bättre",
                            target=D("80"), outcome=D("76.5"), previous=D("75"))]
    investments = [AmountRow(name, {c: D(v) for c, v in zip(COLUMNS, figures)}, level=1)
                   for name, figures in (("Förskolor", ("25", "25", "23.5", "12.15", "8")),
                                         ("Skolor", ("14.5", "14", "15.2", "6.4", "9.9")))]
    report = BoardReport(info, texts=dict(TEXTS if texts is None else texts), goals=goals, indicators=indicators,
                         investments=investments,
                         personal=[PairRow("Tillsvidareanställda", D(1210), D(1234)),
                                   PairRow("Andel kvinnor", D("78.5"), D("79.1"))],
                         sick_leave=[PairRow("Total sjukfrånvaro", D("6.8"), D("6.35")),
                                     PairRow("Kvinnor", D("7.4"), D("6.9")), PairRow("Män", D("4.6"), D("4.45"))])
    findings: list = []
    statements = {"Drift": statement_rows("Drift", DRIFT, findings),
                  "Drift per verksamhet": statement_rows("Drift per verksamhet", ACTIVITIES, findings)}
    results = Results(statements["Drift"], [], calc.investment_tree(investments, findings),
                      calc.sick_leave(report.sick_leave), calc.goal_results(goals, indicators), findings,
                      statements=statements, volumes=volume_rows())
    return report, results
