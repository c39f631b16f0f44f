"""The result sheets a run writes: their names and columns, for either workbook type, and
the conditional ones of the forecast's history."""

from __future__ import annotations

from .input_sheets import FORECAST
from .model import ResultSheet

OPERATING_RESULT_COLUMNS = (
    "Rad",
    "Budget",
    "Prognos helår",
    "Avvikelse prognos/budget",
    "Föregående prognos",
    "Prognosförändring",
    "Periodbudget",
    "Utfall period",
    "Avvikelse utfall/periodbudget",
    "Utfall period föregående år",
    "Diff. utfall mot föregående år",
)
RESULT_DRIFT = ResultSheet("Resultat Drift", OPERATING_RESULT_COLUMNS)
RESULT_EXPLOATERING = ResultSheet("Resultat Exploatering", OPERATING_RESULT_COLUMNS)
RESULT_INVESTERINGAR = ResultSheet(
    "Resultat Investeringar",
    (
        "Nivå",
        "Namn",
        "Budget",
        "Prognos helår",
        "Avvikelse prognos/budget",
        "Föregående prognos",
        "Prognosförändring",
        "Utfall period",
        "Utfall period föregående år",
        "Diff. utfall mot föregående år",
    ),
)
RESULT_SJUKFRANVARO = ResultSheet(
    "Resultat Sjukfrånvaro", ("Kategori", "Föregående år", "Innevarande år", "Differens")
)
RESULT_MAL = ResultSheet(
    "Resultat Mål",
    ("Mål nr", "Mål", "Bedömning", "Föreslagen bedömning", "Uppfyllda indikatorer"),
)
KONTROLL = ResultSheet("Kontroll", ("Allvarlighet", "Blad", "Cell", "Meddelande"))

RESULT_SHEETS: tuple[ResultSheet, ...] = (
    RESULT_DRIFT,
    RESULT_EXPLOATERING,
    RESULT_INVESTERINGAR,
    RESULT_SJUKFRANVARO,
    RESULT_MAL,
    KONTROLL,
)
RESULT_SHEET_NAMES = tuple(s.name for s in RESULT_SHEETS)

RESULT_FINANSIERING = ResultSheet("Resultat Finansiering", OPERATING_RESULT_COLUMNS)
FINANCE_RESULT_SHEETS: tuple[ResultSheet, ...] = (RESULT_FINANSIERING, KONTROLL)
# Every sheet name a run writes, for either workbook type (stale ones are removed).
ALL_RESULT_SHEET_NAMES = RESULT_SHEET_NAMES + (RESULT_FINANSIERING.name,)

MAX_HISTORY_FOLLOWUPS = 24  # columns of Resultat Prognoshistorik; more are a Varning
RESULT_PROGNOSHISTORIK = ResultSheet(
    "Resultat Prognoshistorik",
    ("Blad", "Rad", FORECAST, "Förändring sedan första prognosen"),
    help="one column per earlier follow-up (its name) is inserted after Rad",
    followups_after="Rad",
)
HISTORY_FOLLOWUPS_AFTER = RESULT_PROGNOSHISTORIK.followups_after
RESULT_PROGNOSSAKERHET = ResultSheet(
    "Resultat Prognossäkerhet",
    (
        "Uppföljning",
        "Prognos årets resultat",
        "Utfall årets resultat",
        "Prognosavvikelse",
        "Prognosavvikelse i % av nettokostnaden",
        "Prognos verksamhetens nettokostnader",
        "Utfall verksamhetens nettokostnader",
        "Prognosavvikelse nettokostnader",
        "Prognosavvikelse nettokostnader i % av nettokostnaden",
    ),
)
# Written only when there is something to show (history rows; Period = Årsredovisning).
CONDITIONAL_RESULT_SHEETS = (RESULT_PROGNOSHISTORIK, RESULT_PROGNOSSAKERHET)
ALL_RESULT_SHEET_NAMES = ALL_RESULT_SHEET_NAMES + tuple(s.name for s in CONDITIONAL_RESULT_SHEETS)
