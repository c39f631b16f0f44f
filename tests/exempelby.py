"""An `exempelby-bun` workbook filled as a controller would: `new --profil exempelby-bun`, then
the figures of a Barn- och utbildningsnämnd at Delårsrapport 2025 typed in with openpyxl
(amounts in mnkr; the grey sum rows keep new's formulas, without cached values).

The figures are chosen so that the profile's rules show: a comment needed by amount
(|avvikelse| ≥ 1 mnkr) and by percent only (≥ 5 % of |Budget|), the suggestion rule's
four levels (half met = Delvis uppfyllt), an investment deviation that needs no comment
(the rule covers the two operating sheets only), and Drift per verksamhet reconciling with
Drift's Nettokostnad in every column.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from wbtools import run

INFO = ("--kommun", "Exempelby kommun", "--namnd", "Barn- och utbildningsnämnden", "--ar", "2025",
        "--period", "Delårsrapport")
AMOUNTS = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period", "Utfall period föregående år")

# Row: (Budget, Föregående prognos, Prognos helår, Utfall period, Utfall period föregående år, Kommentar)
DRIFT = {
    "Intäkter": (30, 31, 32, 21, 19, "Högre statsbidrag för mindre barngrupper."),
    "Personalkostnader": (-300, -302, -304, -205, -198, "Fler barn i förskolan än budgeterat."),
    "Lokalkostnader": (-60, -60, -60.6, -40.5, -39, None),  # -0,6: under 1 mnkr and 5 %
    "Köp av huvudverksamhet": (-45, -45, -45.8, -30.6, -29, None),  # -0,8: under both
    "Kapitalkostnader": (-12, -12, -12.9, -8.1, -7.5, None),  # -0,9: 7,5 % of 12 → Varning
    "Övriga kostnader": (-15, -15, -16.2, -10.4, -9.8, None),  # -1,2 ≥ 1 mnkr → Varning
    "Kommunbidrag": (402, 402, 402, 268, 260, None),
}
ACTIVITIES = {
    "Nämnd och förvaltning": (-21, -20, -20.8, -13.6, -13.3, None),
    "Förskola": (-111, -111, -112, -75, -72, "Fler barn än budgeterat."),
    "Grundskola": (-180, -181, -182, -121, -117, "Ökade kostnader för skolskjuts."),
    "Gymnasieskola": (-69, -70, -71, -47, -45, None),  # -2 ≥ 1 mnkr → Varning
    "Vuxenutbildning": (-12, -11, -12.2, -8.5, -8.5, None),  # -0,2: under 0,6 (5 %)
    "Kulturskola": (-9, -10, -9.5, -8.5, -8.5, None),  # -0,5 ≥ 0,45 (5 % of 9) → Varning
}
# Nivå, Namn, Budget, Föregående prognos, Prognos helår, Utfall period, Utfall period föregående år
INVESTMENTS = [
    (1, "Skolbyggnader", None, None, None, None, None),
    (2, "Ny förskola Norra", 18, 18, 16, 9.5, 2),
    (2, "Renovering Centralskolan", 12, 12, 12.4, 7.2, 6.1),
    (1, "Inventarier och IT", 4, 4, 4, 2.6, 3.1),
]
# Mått, Enhet, Budget, Utfall period, Utfall period föregående år, Kommentar
VOLUMES = [
    ("Antal barn i förskola", "st", 1250, 1236, 1261, None),
    ("Antal elever i grundskola", "st", 2480, 2502, 2455, None),
    ("Kostnad per elev i grundskola", "kr", 72600, 73110, 70980, None),
    ("Andel behöriga lärare", "%", 40, 39.98, 41, None),  # -0,05 % → -0,1 (half away from zero)
    ("Antal elever i vuxenutbildning", "st", 0, 35, None, "Ny utbildning i år."),
]
# KF-mål nr, KF-mål, Mål nr, Mål, Bedömning
GOALS = [
    (1, "Alla barn och elever ska lyckas", 1, "Fler elever ska nå kunskapskraven", "Uppfyllt"),
    (1, "Alla barn och elever ska lyckas", 2, "Ökad närvaro i grundskolan", "Uppfyllt"),  # 2 of 3 → Delvis
    (2, "En attraktiv arbetsgivare", 3, "Minskad sjukfrånvaro", "Ej uppfyllt"),
    (2, "En attraktiv arbetsgivare", 4, "Fler behöriga lärare", "Ej bedömt"),
    (3, "En hållbar kommun", 5, "Minskat matsvinn", "Delvis uppfyllt"),
]
# Mål nr, Indikator, Enhet, Riktning, Målvärde, Utfall
INDICATORS = [
    (1, "Andel elever med godkända betyg", "%", "Högre är bättre", 80, 82),
    (1, "Meritvärde åk 9", "Index", "Högre är bättre", 220, 224),
    (2, "Närvaro åk 1–6", "%", "Högre är bättre", 95, 96),
    (2, "Närvaro åk 7–9", "%", "Högre är bättre", 92, 93),
    (2, "Ogiltig frånvaro", "%", "Lägre är bättre", 2, 3),
    (3, "Sjukfrånvaro förskola", "%", "Lägre är bättre", 7, 7.5),
    (3, "Sjukfrånvaro grundskola", "%", "Lägre är bättre", 6, 6.2),
    (3, "Sjukfrånvaro gymnasium", "%", "Lägre är bättre", 6, 5.5),
    (4, "Andel behöriga lärare", "%", "Högre är bättre", 85, None),
    (5, "Matsvinn per portion", "Kronor", "Lägre är bättre", 1, 0.9),
    (5, "Andel ekologiska livsmedel", "%", "Högre är bättre", 40, 35),
]
PERSONAL = {"Tillsvidareanställda": (1020, 1045), "Andel kvinnor": (78.5, 78.9), "Andel män": (21.5, 21.1)}
SICK = {"Total sjukfrånvaro": (6.8, 6.35), "Kvinnor": (7.4, 6.95), "Män": (4.6, 4.1)}


def new_workbook(path: Path) -> Path:
    result = run("new", path, *INFO, "--profil", "exempelby-bun")
    assert result.code == 0, result.out + result.err
    return path


def _fixed(ws, rows: dict, columns: tuple[str, ...]) -> None:
    """Values by row label (column A) and column header (row 3)."""
    header = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    where = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    for label, values in rows.items():
        for column, value in zip(columns, values):
            if value is not None:
                ws.cell(where[label], header[column], value)


def _free(ws, rows: list[tuple]) -> None:
    for r, values in enumerate(rows, start=4):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(r, c, value)


def fill(path: Path) -> Path:
    """Type the figures into the workbook ``new`` made at ``path``."""
    wb = openpyxl.load_workbook(path)
    info = wb["Info"]
    for r in range(4, info.max_row + 1):
        if info.cell(r, 1).value == "Sjukfrånvaro avser":
            info.cell(r, 2, "januari–augusti")
    texts = wb["Texter"]
    for r in range(4, texts.max_row + 1):
        texts.cell(r, 2, f"Text om {texts.cell(r, 1).value.lower()}.")
    _fixed(wb["Drift"], DRIFT, (*AMOUNTS, "Kommentar"))
    _fixed(wb["Drift per verksamhet"], ACTIVITIES, (*AMOUNTS, "Kommentar"))
    _free(wb["Investeringar"], INVESTMENTS)
    _free(wb["Verksamhetsmått"], VOLUMES)
    _free(wb["Mål"], GOALS)
    _free(wb["Indikatorer"], INDICATORS)
    _fixed(wb["Personal"], PERSONAL, ("Föregående år", "Innevarande år"))
    _fixed(wb["Sjukfrånvaro"], SICK, ("Föregående år", "Innevarande år"))
    wb.save(path)
    return path


def filled(path: Path) -> Path:
    return fill(new_workbook(path))
