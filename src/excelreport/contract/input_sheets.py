"""The board's input sheets of the standard workbook (``Info`` to ``Internkontroll``), with
the row and column labels that the calculation and the report name."""

from __future__ import annotations

from .choices import (ASSESSMENTS, ASSIGNMENT_STATUSES, CONTROL_ASSESSMENTS, DIRECTIONS, INDICATOR_UNITS,
                      PERIODS, UNITS, WORKBOOK_TYPES, YES_NO)
from .model import (AMOUNT, CHOICE, DATE, FORM, INT, NUMBER, PERCENT, TEXT, TEXTS, TREE, Column, Row, Sheet,
                    amount_columns)

# --- Info --------------------------------------------------------------------------------

INFO = Sheet(
    "Info",
    (Column("Fält", width=24), Column("Värde", width=60)),
    "Fyll i kolumn Värde. Fälten styr rapportens rubriker, enhet och kommentarsgräns.",
    rows=(
        Row("Kommun", TEXT, required=True, help="t.ex. Alingsås kommun"),
        Row("Nämnd", TEXT, required=True, help="t.ex. Kommunstyrelsen"),
        Row("År", INT, required=True, minimum=2000, maximum=2100, help="t.ex. 2023"),
        Row("Period", CHOICE, required=True, choices=PERIODS),
        Row("Periodens slutmånad", INT, required=True, minimum=1, maximum=12,
            help="1–12, t.ex. 8 = per augusti"),
        Row("Föregående prognos", TEXT, help="t.ex. april"),
        Row("Enhet", CHOICE, required=True, choices=UNITS),
        Row("Kommentarsgräns", AMOUNT,
            help="belopp; en budgetavvikelse minst så stor kräver en kommentar"),
        Row("Sjukfrånvaro avser", TEXT, help="fotnot under sjukfrånvarotabellen"),
        Row("Sammanträdesdatum", DATE, help="nämndens sammanträde, t.ex. 2023-09-20; tryckt på omslaget"),
        Row("Diarienummer", TEXT, help="t.ex. KS 2023.123; tryckt på omslaget"),
        Row("Typ", CHOICE, choices=WORKBOOK_TYPES,
            help="Nämnd (standard) eller Finansförvaltning (den centrala arbetsboken)"),
        Row("Ordning", INT, minimum=0, maximum=9999,
            help="heltal; nämndens plats i kommunens sammanställning"),
        Row("Resultatmål (%)", PERCENT,
            help="finansförvaltningen: årets resultat i procent av skatteintäkter och "
                 "generella statsbidrag, t.ex. 2"),
        # excelreport import / kolada (spec: import.md)
        Row("Ansvar", TEXT, help="ansvarskoder för Drift i redovisningen, t.ex. 110, 120-129, 2* "
                                 "(excelreport import)"),
        Row("Ansvar exploatering", TEXT, help="ansvarskoder för Exploatering, t.ex. 190-199"),
        Row("Importerad från", TEXT, help="skrivs av excelreport import: filerna, deras SHA-256 och tiden"),
        Row("Kommunkod", TEXT, help="fyra siffror, t.ex. 1489 (excelreport kolada)"),
        Row("Importfiler", TEXT, help="redovisningsfilerna som knappen Importera och skapa rapport läser, "
                                      "t.ex. redovisning\\ks-2023.se; ks-2022.se (relativt arbetsbokens mapp)"),
    ),
    layout=FORM,
)

# --- Texter ------------------------------------------------------------------------------

TEXT_KEYS = (
    "Verksamhet",
    "Måluppföljning",
    "Drift – Inledande sammanfattning",
    "Drift – Prognos och prognosförändring",
    "Drift – Utfall för perioden",
    "Drift – Jämförelse mellan åren",
    "Investeringar – Prognos",
    "Investeringar – Prognosförändring",
    "Investeringar – Utfall för perioden",
    "Investeringar – Jämförelse mellan åren",
    "Exploatering – Inledande sammanfattning",
    "Exploatering – Prognos och prognosförändring",
    "Exploatering – Utfall för perioden",
    "Exploatering – Jämförelse mellan åren",
    "Personal – Rekryteringsbehov och kompetensförsörjning",
    "Personal – Arbetsmiljö",
    "Personal – Sjukfrånvaro",
)

TEXTER = Sheet(
    "Texter",
    (Column("Avsnitt", width=48), Column("Text", width=100)),
    "Rapportens löptext. En radbrytning i en cell (Alt+Enter) blir ett nytt stycke. "
    "Tom text = avsnittet utelämnas.",
    rows=tuple(Row(key, TEXT) for key in TEXT_KEYS),
    rows_optional=True,
    layout=TEXTS,
)

# --- Mål and Indikatorer -----------------------------------------------------------------

PREVIOUS_ASSESSMENT = "Föregående bedömning"
PREVIOUS_OUTCOME = "Utfall föregående uppföljning"

MAL = Sheet(
    "Mål",
    (
        Column("KF-mål nr", INT, required=True, width=10),
        Column("KF-mål", TEXT, required=True, width=40),
        Column("Mål nr", INT, required=True, width=8),
        Column("Mål", TEXT, required=True, width=50),
        Column("Bedömning", CHOICE, required=True, choices=ASSESSMENTS, width=20),
        Column("Prognos helår", CHOICE, choices=ASSESSMENTS, header_optional=True, width=20),
        Column("Agenda 2030", TEXT, width=30),
        Column("Kommentar", TEXT, header_optional=True, width=60),
        # written by `next` (the last follow-up's Bedömning), so an assessment carried
        # unrevised into a later follow-up is noticed, as a carried forecast is
        Column(PREVIOUS_ASSESSMENT, CHOICE, choices=ASSESSMENTS, header_optional=True, width=20),
    ),
    "En rad per nämndmål. Samma KF-mål-text på alla rader med samma KF-mål nr; Mål nr unikt.",
)

INDIKATORER = Sheet(
    "Indikatorer",
    (
        Column("Mål nr", INT, required=True, width=8),
        Column("Indikator", TEXT, required=True, width=50),
        Column("Enhet", CHOICE, required=True, choices=INDICATOR_UNITS, width=10),
        Column("Riktning", CHOICE, required=True, choices=DIRECTIONS, width=18),
        Column("Målvärde", NUMBER, width=11),
        Column("Utfall", NUMBER, width=11),
        Column("Preliminärt", CHOICE, choices=YES_NO, width=11),
        Column("Utfall föregående år", NUMBER, width=13),
        Column("Utfall två år sedan", NUMBER, width=13),
        Column(PREVIOUS_OUTCOME, NUMBER, header_optional=True, width=13),  # written by `next`
        Column("Kolada-id", TEXT, header_optional=True, width=11,
               help="Koladas nyckeltal, t.ex. N07900 (excelreport kolada)"),
    ),
    "En rad per indikator. Mål nr ska finnas på bladet Mål. Tomt utfall = ännu inte mätt. "
    "Procent skrivs som 52,6 eller med procentformat.",
)

# --- Uppdrag -----------------------------------------------------------------------------

UPPDRAG = Sheet(
    "Uppdrag",
    (
        Column("Uppdrag", TEXT, required=True, width=70),
        Column("Status", CHOICE, required=True, choices=ASSIGNMENT_STATUSES, width=14),
        Column("Kommentar", TEXT, header_optional=True, width=60),
    ),
    "En rad per uppdrag från fullmäktige eller nämnden.",
)

# --- Drift and Exploatering --------------------------------------------------------------

REVENUE = "Verksamhetens intäkter"
COST_ROWS = ("Personalkostnader", "Lokalhyror", "Köp av tjänster", "Övriga kostnader")
COSTS = "Verksamhetens kostnader"
NET_COSTS = "Verksamhetens nettokostnader"
GRANT = "Kommunbidrag"
FINANCE = "Finansnetto"
RESULT = "Årets resultat"
STANDARD_SUMS = {  # a sum row of Drift and Exploatering → the rows it adds
    COSTS: COST_ROWS,
    NET_COSTS: (REVENUE, COSTS),
    RESULT: (NET_COSTS, GRANT, FINANCE),
}

OPERATING_AMOUNTS = (
    "Budget",
    "Periodbudget",
    "Föregående prognos",
    "Prognos helår",
    "Utfall period",
    "Utfall period föregående år",
)


def _operating(name: str, what: str) -> Sheet:
    return Sheet(
        name,
        (Column("Rad", width=30), *amount_columns(*OPERATING_AMOUNTS),
         Column("Kommentar", TEXT, header_optional=True, width=50)),
        f"{what} i Info!Enhet. Intäkter positiva, kostnader negativa, kommunbidrag positivt, "
        "finansnetto med tecken. Grå rader summeras av verktyget. "
        "Tom periodbudget = budget × slutmånad / 12.",
        rows=(
            Row(REVENUE),
            *(Row(label, help="kostnad: negativt belopp") for label in COST_ROWS),
            Row(COSTS, derived=True),
            Row(NET_COSTS, derived=True),
            Row(GRANT),
            Row(FINANCE),
            Row(RESULT, derived=True),
        ),
    )


DRIFT = _operating("Drift", "Driftredovisning")
EXPLOATERING = _operating("Exploatering", "Exploateringsredovisning")

# --- Investeringar -----------------------------------------------------------------------

INVESTMENT_AMOUNTS = (
    "Budget",
    "Föregående prognos",
    "Prognos helår",
    "Utfall period",
    "Utfall period föregående år",
)
TOTAL_EXPENDITURE = "Totala utgifter"

INVESTERINGAR = Sheet(
    "Investeringar",
    (
        Column("Nivå", INT, required=True, width=6),
        Column("Namn", TEXT, required=True, width=40),
        *amount_columns(*INVESTMENT_AMOUNTS),
        Column("Kommentar", TEXT, header_optional=True, width=40),
        Column("Projekt", TEXT, header_optional=True, width=10,
               help="projektkod i redovisningen (excelreport import)"),
    ),
    "Investeringsutgifter som positiva belopp i Info!Enhet. Nivå 1–3; en rad med "
    "underrader summeras av verktyget (lämna den tom). Totala utgifter räknas fram.",
    layout=TREE,
)

# --- Personal and Sjukfrånvaro -----------------------------------------------------------

PERSONAL = Sheet(
    "Personal",
    (Column("Fält", width=24), Column("Föregående år", NUMBER), Column("Innevarande år", NUMBER)),
    "Antal tillsvidareanställda och könsfördelning i procent (summa 100).",
    rows=(
        Row("Tillsvidareanställda", INT),
        Row("Andel kvinnor", PERCENT),
        Row("Andel män", PERCENT),
    ),
)

SICK_LEAVE_CATEGORIES = (
    "Total sjukfrånvaro",
    "Kvinnor",
    "Män",
    "<29 år",
    "30–49 år",
    "50 år>",
    "Dag 1–14",
    "Dag 15–59",
    "Dag 59>",
)

SJUKFRANVARO = Sheet(
    "Sjukfrånvaro",
    (Column("Kategori", width=24), Column("Föregående år", PERCENT),
     Column("Innevarande år", PERCENT)),
    "Sjukfrånvaro i procent av schemalagd tid, oavrundat (t.ex. 3,65). "
    "Rapporten avrundar och räknar differensen på de oavrundade värdena.",
    rows=tuple(Row(label, PERCENT) for label in SICK_LEAVE_CATEGORIES),
)

# --- Internkontroll ----------------------------------------------------------------------

INTERNKONTROLL = Sheet(
    "Internkontroll",
    (
        Column("Risk", TEXT, required=True, width=40),
        Column("Kontrollmoment", TEXT, width=40),
        Column("Metod", TEXT, width=30),
        Column("Bedömning", CHOICE, required=True, choices=CONTROL_ASSESSMENTS, width=24),
        Column("Resultat", TEXT, width=50),
        Column("Åtgärd", TEXT, width=30),
    ),
    "En rad per kontrollpunkt i internkontrollplanen.",
)

INPUT_SHEETS: tuple[Sheet, ...] = (
    INFO,
    TEXTER,
    MAL,
    INDIKATORER,
    UPPDRAG,
    DRIFT,
    EXPLOATERING,
    INVESTERINGAR,
    PERSONAL,
    SJUKFRANVARO,
    INTERNKONTROLL,
)
# The full-year forecast and the previous one: columns of Drift, Exploatering, Finansiering
# and Investeringar (the forecast's history and ``next`` carry them).
FORECAST = "Prognos helår"
PREVIOUS_FORECAST = "Föregående prognos"
