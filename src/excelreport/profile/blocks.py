"""The sheets every profile builds from: fixed in shape, given the profile's choices
(periods, units, scales, statement rows, sick-leave categories, text keys).

The shapes here are the standard contract's (``contract.py``); a test checks that the
``standard`` profile built from them equals ``contract.py`` sheet for sheet.
"""

from __future__ import annotations

from ..contract import (AMOUNT, CHOICE, DATE, INT, NUMBER, PERCENT, TEXT, Column, ResultSheet, Row,
                        Sheet)
from .keys import KIND_ACTIVITY, KIND_COST, KIND_FINANCE, KIND_GRANT, KIND_REVENUE, ROLE_ACTIVITY
from .schema import Scale, Statement

WORKBOOK_TYPES = ("Nämnd", "Finansförvaltning")
INDICATOR_UNITS = ("%", "Index", "Antal", "Skala", "Kronor", "Annat")
DIRECTIONS = ("Högre är bättre", "Lägre är bättre")
YES_NO = ("Ja", "Nej")
ASSIGNMENT_STATUSES = ("Ej påbörjad", "Påbörjad", "Färdig", "Avbruten")
OPERATING_AMOUNTS = ("Budget", "Periodbudget", "Föregående prognos", "Prognos helår", "Utfall period",
                     "Utfall period föregående år")
INVESTMENT_AMOUNTS = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period",
                      "Utfall period föregående år")


def amounts(*labels: str, width: int = 13) -> tuple[Column, ...]:
    return tuple(Column(label, AMOUNT, width=width) for label in labels)


def info(periods: tuple[str, ...], units: tuple[str, ...]) -> Sheet:
    return Sheet(
        "Info",
        (Column("Fält", width=24), Column("Värde", width=60)),
        "Fyll i kolumn Värde. Fälten styr rapportens rubriker, enhet och kommentarsgräns.",
        rows=(
            Row("Kommun", TEXT, required=True, help="t.ex. Alingsås kommun"),
            Row("Nämnd", TEXT, required=True, help="t.ex. Kommunstyrelsen"),
            Row("År", INT, required=True, minimum=2000, maximum=2100, help="t.ex. 2023"),
            Row("Period", CHOICE, required=True, choices=periods),
            Row("Periodens slutmånad", INT, required=True, minimum=1, maximum=12,
                help="1–12, t.ex. 8 = per augusti"),
            Row("Föregående prognos", TEXT, help="t.ex. april"),
            Row("Enhet", CHOICE, required=True, choices=units),
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
        ),
    )


def texter(keys: tuple[str, ...]) -> Sheet:
    return Sheet(
        "Texter",
        (Column("Avsnitt", width=48), Column("Text", width=100)),
        "Rapportens löptext. En radbrytning i en cell (Alt+Enter) blir ett nytt stycke. "
        "Tom text = avsnittet utelämnas.",
        rows=tuple(Row(key, TEXT) for key in keys),
        rows_optional=True,
    )


def mal(scale: Scale) -> Sheet:
    levels = scale.names
    return Sheet(
        "Mål",
        (
            Column("KF-mål nr", INT, required=True, width=10),
            Column("KF-mål", TEXT, required=True, width=40),
            Column("Mål nr", INT, required=True, width=8),
            Column("Mål", TEXT, required=True, width=50),
            Column("Bedömning", CHOICE, required=True, choices=levels, width=20),
            Column("Prognos helår", CHOICE, choices=levels, header_optional=True, width=20),
            Column("Agenda 2030", TEXT, width=30),
            Column("Kommentar", TEXT, header_optional=True, width=60),
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
    ),
    "En rad per indikator. Mål nr ska finnas på bladet Mål. Tomt utfall = ännu inte mätt. "
    "Procent skrivs som 52,6 eller med procentformat.",
)

UPPDRAG = Sheet(
    "Uppdrag",
    (
        Column("Uppdrag", TEXT, required=True, width=70),
        Column("Status", CHOICE, required=True, choices=ASSIGNMENT_STATUSES, width=14),
        Column("Kommentar", TEXT, header_optional=True, width=60),
    ),
    "En rad per uppdrag från fullmäktige eller nämnden.",
)

# --- operating statements ---------------------------------------------------------------------

# How the help text names a kind's amounts: (plural?, noun).
KIND_NOUNS = {KIND_REVENUE: (True, "intäkter"), KIND_COST: (True, "kostnader"),
              KIND_ACTIVITY: (True, "verksamheternas nettokostnader"), KIND_GRANT: (False, "kommunbidrag"),
              KIND_FINANCE: (False, "finansnetto")}
SIGN_WORDS = {"positivt": ("positivt", "positiva"), "negativt": ("negativt", "negativa"),
              "valfritt": ("med tecken", "med tecken")}
ROW_HELP_WORDS = {KIND_COST: "kostnad", KIND_ACTIVITY: "nettokostnad"}


def _signs(statement: Statement) -> str:
    """``Intäkter positiva, kostnader negativa, kommunbidrag positivt, finansnetto med tecken.``"""
    seen: dict[str, str] = {}
    for row in statement.rows:
        if row.kind in KIND_NOUNS and row.kind not in seen:
            plural, noun = KIND_NOUNS[row.kind]
            seen[row.kind] = f"{noun} {SIGN_WORDS[row.sign][plural]}"
    text = ", ".join(seen.values())
    return text[:1].upper() + text[1:] + ". " if text else ""


def _row_help(kind: str, sign: str) -> str:
    return f"{ROW_HELP_WORDS[kind]}: {sign} belopp" if kind in ROW_HELP_WORDS and sign != "valfritt" else ""


def operating(statement: Statement) -> Sheet:
    sums = "Grå rader summeras av verktyget. " if any(r.derived for r in statement.rows) else ""
    return Sheet(
        statement.sheet,
        (Column(statement.first_column, width=30), *amounts(*OPERATING_AMOUNTS),
         Column("Kommentar", TEXT, header_optional=True, width=50)),
        f"{statement.description} i Info!Enhet. {_signs(statement)}{sums}"
        "Tom periodbudget = budget × slutmånad / 12.",
        rows=tuple(Row(r.label, derived=r.derived, help=_row_help(r.kind, r.sign)) for r in statement.rows),
    )


INVESTERINGAR = Sheet(
    "Investeringar",
    (
        Column("Nivå", INT, required=True, width=6),
        Column("Namn", TEXT, required=True, width=40),
        *amounts(*INVESTMENT_AMOUNTS),
        Column("Kommentar", TEXT, header_optional=True, width=40),
    ),
    "Investeringsutgifter som positiva belopp i Info!Enhet. Nivå 1–3; en rad med "
    "underrader summeras av verktyget (lämna den tom). Totala utgifter räknas fram.",
)

VERKSAMHETSMATT = Sheet(
    "Verksamhetsmått",
    (
        Column("Mått", TEXT, required=True, width=40),
        Column("Enhet", TEXT, width=12),
        Column("Budget", NUMBER, width=13),
        Column("Utfall period", NUMBER, width=13),
        Column("Utfall period föregående år", NUMBER, width=13),
        Column("Kommentar", TEXT, header_optional=True, width=50),
    ),
    "En rad per verksamhetsmått (t.ex. Antal elever i grundskola), med enhet, budget och utfall.",
)

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


def sjukfranvaro(categories: tuple[str, ...]) -> Sheet:
    return Sheet(
        "Sjukfrånvaro",
        (Column("Kategori", width=24), Column("Föregående år", PERCENT),
         Column("Innevarande år", PERCENT)),
        "Sjukfrånvaro i procent av schemalagd tid, oavrundat (t.ex. 3,65). "
        "Rapporten avrundar och räknar differensen på de oavrundade värdena.",
        rows=tuple(Row(label, PERCENT) for label in categories),
    )


def internkontroll(scale: Scale) -> Sheet:
    return Sheet(
        "Internkontroll",
        (
            Column("Risk", TEXT, required=True, width=40),
            Column("Kontrollmoment", TEXT, width=40),
            Column("Metod", TEXT, width=30),
            Column("Bedömning", CHOICE, required=True, choices=scale.names, width=24),
            Column("Resultat", TEXT, width=50),
            Column("Åtgärd", TEXT, width=30),
        ),
        "En rad per kontrollpunkt i internkontrollplanen.",
    )


# --- result sheets ------------------------------------------------------------------------------

OPERATING_RESULT_COLUMNS = ("Budget", "Prognos helår", "Avvikelse prognos/budget", "Föregående prognos",
                            "Prognosförändring", "Periodbudget", "Utfall period",
                            "Avvikelse utfall/periodbudget", "Utfall period föregående år",
                            "Diff. utfall mot föregående år")


def operating_result(statement: Statement) -> ResultSheet:
    first = statement.first_column if statement.role == ROLE_ACTIVITY else "Rad"
    return ResultSheet(f"Resultat {statement.sheet}", (first, *OPERATING_RESULT_COLUMNS))


RESULT_INVESTERINGAR = ResultSheet(
    "Resultat Investeringar",
    ("Nivå", "Namn", "Budget", "Prognos helår", "Avvikelse prognos/budget", "Föregående prognos",
     "Prognosförändring", "Utfall period", "Utfall period föregående år", "Diff. utfall mot föregående år"),
)
RESULT_VERKSAMHETSMATT = ResultSheet(
    "Resultat Verksamhetsmått",
    ("Mått", "Enhet", "Budget", "Utfall period", "Avvikelse", "Avvikelse %", "Utfall period föregående år",
     "Diff. mot föregående år"),
)
RESULT_SJUKFRANVARO = ResultSheet(
    "Resultat Sjukfrånvaro", ("Kategori", "Föregående år", "Innevarande år", "Differens"))
RESULT_MAL = ResultSheet(
    "Resultat Mål", ("Mål nr", "Mål", "Bedömning", "Föreslagen bedömning", "Uppfyllda indikatorer"))
KONTROLL = ResultSheet("Kontroll", ("Allvarlighet", "Blad", "Cell", "Meddelande"))
