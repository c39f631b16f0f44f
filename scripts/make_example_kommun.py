"""Generate the example kommun: a folder with the finansförvaltning and six boards.

    python scripts/make_example_kommun.py [FOLDER]      (default workbooks/exempelkommun)

Lindåsa kommun is fictional and so are its figures and texts. The finansförvaltning keeps
its books in mnkr, Miljö- och byggnadsnämnden in mnkr, the other boards in tkr; the
kommunbidrag of the boards add up to the finansförvaltning's Kommunbidrag till nämnderna.
``write_kommun`` is also used by the tests and the benchmark (any number of boards).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from excelreport.app.generate import write_workbook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "workbooks" / "exempelkommun"
KOMMUN, YEAR, PERIOD, END_MONTH = "Lindåsa kommun", 2024, "Delårsbokslut", 8
MONTHS = Decimal(END_MONTH) / 12

# name, unit, size (net cost budget in tkr), Ordning, forecast deviation (tkr), exploatering
BOARDS = (
    ("Kommunstyrelsen", "tkr", 182_400, 1, -3_150, True),
    ("Barn- och utbildningsnämnden", "tkr", 912_300, None, -11_870, False),
    ("Socialnämnden", "tkr", 1_104_600, None, -18_420, False),
    ("Kultur- och fritidsnämnden", "tkr", 96_200, None, 1_240, False),
    ("Miljö- och byggnadsnämnden", "mnkr", 41_750, None, 655, False),
    ("Överförmyndarnämnden", "tkr", 6_300, None, -210, False),
)
KF_GOALS = {
    1: "Lindåsa är en trygg plats att växa upp och åldras på",
    2: "Kommunens tjänster är lätta att nå och håller hög kvalitet",
    3: "Lindåsa minskar sin klimatpåverkan varje år",
}
ASSESSMENT_CYCLE = ("Helt uppfyllt", "I hög grad uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej utvärderad")
# indicators (met, not met) that make the toolkit's suggestion equal the assessment
INDICATORS_FOR = {"Helt uppfyllt": (1, 0), "I hög grad uppfyllt": (3, 1), "Delvis uppfyllt": (1, 1),
                  "Ej uppfyllt": (0, 1), "Ej utvärderad": (0, 0)}
STATUSES = ("Ej påbörjad", "Påbörjad", "Färdig", "Avbruten")
CONTROLS = ("Utan anmärkning", "Anmärkning nära målvärde", "Med anmärkning", "Ingen bedömning")


def _d(x) -> Decimal:
    return Decimal(str(x))


def _in_unit(amount: Decimal, unit: str) -> float | int:
    """A tkr amount as the workbook stores it: whole tkr, or mnkr with three decimals."""
    value = amount / 1000 if unit == "mnkr" else amount
    return int(value) if value == value.to_integral() else float(value)


def _round(x: Decimal) -> Decimal:
    return x.quantize(Decimal(1))


def operating_rows(net: int, deviation: int, prev_deviation: int) -> tuple[list[dict], dict[str, Decimal]]:
    """Drift rows in tkr (before unit conversion) with Årets resultat budget 0; the grant."""
    net, dev, prev = _d(net), _d(deviation), _d(prev_deviation)
    revenue = _round(net * Decimal("0.18"))
    costs = {"Personalkostnader": Decimal("0.62"), "Lokalhyror": Decimal("0.09"),
             "Köp av tjänster": Decimal("0.21"), "Övriga kostnader": Decimal("0.26")}
    budget = {"Verksamhetens intäkter": revenue}
    spent = Decimal(0)
    for label, share in list(costs.items())[:-1]:
        budget[label] = -_round((net + revenue) * share)
        spent += budget[label]
    budget["Övriga kostnader"] = -(net + revenue) - spent  # revenue + costs = -net exactly
    finance = -_round(net * Decimal("0.004"))
    grant = net - finance  # Årets resultat = -net + grant + finance = 0
    budget.update({"Kommunbidrag": grant, "Finansnetto": finance})
    forecast = dict(budget, **{"Köp av tjänster": budget["Köp av tjänster"] + dev})
    previous = dict(budget, **{"Köp av tjänster": budget["Köp av tjänster"] + prev})
    rows = []
    for label, b in budget.items():
        outcome = _round(forecast[label] * MONTHS * Decimal("0.98")) if label != "Kommunbidrag" else _round(b * MONTHS)
        rows.append({"Rad": label, "Budget": b, "Periodbudget": _round(b * MONTHS),
                     "Föregående prognos": previous[label], "Prognos helår": forecast[label],
                     "Utfall period": outcome, "Utfall period föregående år": _round(outcome * Decimal("0.96"))})
    return rows, {k: r[k] for r in rows if r["Rad"] == "Kommunbidrag" for k in r if k != "Rad"}


def board_data(i: int, name: str, unit: str, net: int, ordning, deviation: int, exploitation: bool) -> tuple[dict, dict]:
    """One board's workbook data (amounts in its unit) and its grants in tkr."""
    drift, grant = operating_rows(net, deviation, deviation // 2)
    grants = dict(grant)
    data = {
        "Info": {"Kommun": KOMMUN, "Nämnd": name, "År": YEAR, "Period": PERIOD,
                 "Periodens slutmånad": END_MONTH, "Föregående prognos": "april", "Enhet": unit,
                 "Kommentarsgräns": _in_unit(Decimal(10_000), unit),
                 "Sjukfrånvaro avser": "Avser januari–juli, alla anställningsformer.",
                 **({"Ordning": ordning} if ordning is not None else {})},
        "Texter": {"Verksamhet": f"{name} ansvarar för sin del av Lindåsa kommuns verksamhet. "
                                 "Texten är påhittad och visar bara hur rapporten ser ut."},
        "Drift": [_unit_row(r, unit) for r in drift],
    }
    for row in data["Drift"]:
        if row["Rad"] == "Köp av tjänster":
            row["Kommentar"] = "Prognosen avviker på grund av köpt verksamhet (exempeltext)."
    if exploitation:
        expl, egrant = operating_rows(12_000, 900, 400)
        data["Exploatering"] = [_unit_row(r, unit) for r in expl]
        grants = {k: grants[k] + egrant[k] for k in grants}
    else:  # no land development: zeros, so the sheet is visibly filled in
        data["Exploatering"] = [{"Rad": r["Rad"], **{k: 0 for k in r if k not in ("Rad", "Kommentar")}}
                                for r in drift]
    if name != "Överförmyndarnämnden":
        data["Investeringar"] = [
            {"Nivå": 1, "Namn": "Reinvesteringar"},
            *({"Nivå": 2, "Namn": f"Projekt {k}",
               **{c: _in_unit(_round(_d(net) * Decimal(share)), unit) for c, share in
                  (("Budget", f"0.0{k + 2}"), ("Föregående prognos", f"0.0{k + 1}"),
                   ("Prognos helår", f"0.0{k + 1}5"), ("Utfall period", f"0.0{k}7"),
                   ("Utfall period föregående år", f"0.0{k}2"))}} for k in (1, 2)),
        ]
    goals, indicators = [], []
    for n in range(3):
        kf = 1 + (i + n) % 3
        assessment = ASSESSMENT_CYCLE[(i + 2 * n) % len(ASSESSMENT_CYCLE)]
        nr = n + 1
        goals.append({"KF-mål nr": kf, "KF-mål": KF_GOALS[kf], "Mål nr": nr,
                      "Mål": f"{name}: nämndmål {nr} under KF-mål {kf} (exempel)", "Bedömning": assessment})
        met, missed = INDICATORS_FOR[assessment]
        for k in range(met + missed):
            indicators.append({"Mål nr": nr, "Indikator": f"Indikator {nr}.{k + 1}", "Enhet": "Antal",
                               "Riktning": "Högre är bättre", "Målvärde": 10, "Utfall": 12 if k < met else 8})
        if met + missed == 0:
            indicators.append({"Mål nr": nr, "Indikator": f"Indikator {nr}.1", "Enhet": "Antal",
                               "Riktning": "Högre är bättre", "Målvärde": 10})
    data["Mål"], data["Indikatorer"] = goals, indicators
    data["Uppdrag"] = [{"Uppdrag": f"Uppdrag {k + 1} till {name} (exempel)", "Status": STATUSES[(i + k) % 4]}
                       for k in range(1 + i % 3)]
    data["Personal"] = [{"Fält": "Tillsvidareanställda", "Föregående år": 40 + 7 * i, "Innevarande år": 42 + 7 * i},
                        {"Fält": "Andel kvinnor", "Föregående år": 70, "Innevarande år": 71},
                        {"Fält": "Andel män", "Föregående år": 30, "Innevarande år": 29}]
    data["Sjukfrånvaro"] = [{"Kategori": "Total sjukfrånvaro", "Föregående år": round(5.12 + 0.37 * i, 2),
                             "Innevarande år": round(4.87 + 0.41 * i, 2)}]
    data["Internkontroll"] = [{"Risk": f"Risk {k + 1} (exempel)", "Bedömning": CONTROLS[(i + k) % 4]}
                              for k in range(2 + i % 2)]
    return data, grants


def _unit_row(row: dict, unit: str) -> dict:
    return {k: (_in_unit(v, unit) if isinstance(v, Decimal) else v) for k, v in row.items()}


def finance_data(grants_tkr: dict[str, Decimal], unit: str = "mnkr", resultatmal=2) -> dict:
    """The finansförvaltning: Kommunbidrag till nämnderna = minus the boards' grants."""
    total = grants_tkr["Budget"]
    taxes = _round(total * Decimal("0.79"))
    general = _round(total * Decimal("0.26"))

    def row(label, budget, forecast_change=Decimal(0), grant=False):
        b = _d(budget)
        values = {"Budget": b, "Periodbudget": _round(b * MONTHS), "Föregående prognos": b + forecast_change / 2,
                  "Prognos helår": b + forecast_change, "Utfall period": _round((b + forecast_change) * MONTHS),
                  "Utfall period föregående år": _round(b * MONTHS * Decimal("0.95"))}
        if grant:
            values = {k: -grants_tkr[k] for k in values}
        return {"Rad": label, **{k: _in_unit(v, unit) for k, v in values.items()}}

    return {
        "Info": {"Kommun": KOMMUN, "Nämnd": "Finansförvaltning", "År": YEAR, "Period": PERIOD,
                 "Periodens slutmånad": END_MONTH, "Föregående prognos": "april", "Enhet": unit,
                 "Typ": "Finansförvaltning", "Resultatmål (%)": resultatmal},
        "Finansiering": [
            row("Skatteintäkter", taxes, Decimal(14_600)),
            row("Generella statsbidrag och utjämning", general, Decimal(3_200)),
            row("Kommunbidrag till nämnderna", 0, grant=True),
            row("Pensioner och övriga gemensamma poster", -_round(total * Decimal("0.021")), Decimal(-2_900)),
            row("Finansiella intäkter", 18_500, Decimal(1_300)),
            row("Finansiella kostnader", -11_200, Decimal(-800)),
        ],
        "Balanskrav": [
            {"Rad": "Samtliga realisationsvinster", "Prognos helår": _in_unit(Decimal(2_400), unit)},
            {"Rad": "Realisationsvinster enligt undantagsmöjlighet", "Prognos helår": 0},
            {"Rad": "Realisationsförluster enligt undantagsmöjlighet", "Prognos helår": 0},
            {"Rad": "Orealiserade vinster i värdepapper", "Prognos helår": _in_unit(Decimal(1_150), unit)},
            {"Rad": "Orealiserade förluster i värdepapper", "Prognos helår": 0},
            {"Rad": "Medel till resultatutjämningsreserv", "Prognos helår": 0},
            {"Rad": "Medel från resultatutjämningsreserv", "Prognos helår": 0},
        ],
    }


def write_kommun(folder: Path, boards=BOARDS, finance_unit: str = "mnkr") -> list[Path]:
    """Write the finansförvaltning and every board of ``boards`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written, grants = [], None
    for i, spec in enumerate(boards):
        data, g = board_data(i, *spec)
        grants = g if grants is None else {k: grants[k] + g[k] for k in grants}
        written.append(write_workbook(folder / f"{spec[0]}.xlsx", data))
    written.append(write_workbook(folder / "Finansförvaltning.xlsx", finance_data(grants, finance_unit)))
    return written


def many_boards(n: int) -> list[tuple]:
    """``n`` generated boards (the benchmark's folders), every tenth in mnkr."""
    return [(f"Nämnd {k + 1:03d}", "mnkr" if k % 10 == 4 else "tkr", 20_000 + 1_000 * (k % 37), None,
             (k % 7 - 3) * 150, k % 5 == 0) for k in range(n)]


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for path in write_kommun(out):
        print(f"Skrev {path}")
