"""The standard workbook, declared once, as data.

Everything that names a sheet, a header, a row label or an allowed value reads it from
here: the generator (``new``), the reader and validator (``check``), the result sheets
and the documentation (``excelreport contract``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of value a column (or a fixed row) holds.
TEXT = "text"
INT = "int"  # whole number
NUMBER = "number"  # any number
AMOUNT = "amount"  # money in Info!Enhet
PERCENT = "percent"  # percent number (52.6), typed as 52,6 or as Excel percent 0,526
CHOICE = "choice"  # one of Column.choices
DATE = "date"  # a date: an Excel date, or text ÅÅÅÅ-MM-DD

ASSESSMENTS = (
    "Helt uppfyllt",
    "I hög grad uppfyllt",
    "Delvis uppfyllt",
    "Ej uppfyllt",
    "Ej utvärderad",
)
CONTROL_ASSESSMENTS = (
    "Utan anmärkning",
    "Anmärkning nära målvärde",
    "Med anmärkning",
    "Ingen bedömning",
)
PERIODS = ("Månadsuppföljning", "Fördjupad uppföljning", "Delårsbokslut", "Årsredovisning")
UNITS = ("tkr", "mnkr")
# Kommentarsgräns as `new` prefills it, per unit (the same 1 mnkr); a kommun's profile will declare it.
DEFAULT_COMMENT_LIMIT = {"tkr": 1000, "mnkr": 1}
BOARD = "Nämnd"
FINANCE_OFFICE = "Finansförvaltning"
WORKBOOK_TYPES = (BOARD, FINANCE_OFFICE)
INDICATOR_UNITS = ("%", "Index", "Antal", "Skala", "Kronor", "Annat")
DIRECTIONS = ("Högre är bättre", "Lägre är bättre")
YES_NO = ("Ja", "Nej")
ASSIGNMENT_STATUSES = ("Ej påbörjad", "Påbörjad", "Färdig", "Avbruten")


@dataclass(frozen=True)
class Column:
    """A column of a table sheet, found by its header label."""

    label: str
    kind: str = TEXT
    required: bool = False  # every data row must have a value
    choices: tuple[str, ...] = ()
    header_optional: bool = False  # the header itself may be left out
    width: int = 14
    help: str = ""


@dataclass(frozen=True)
class Row:
    """A fixed row of a sheet, found by its label in the first column."""

    label: str
    kind: str = AMOUNT
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    derived: bool = False  # a sum row: computed, a filled value is only compared
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    """An input sheet: a table of free rows, or a table of fixed, labelled rows."""

    name: str
    columns: tuple[Column, ...]
    help: str
    rows: tuple[Row, ...] = ()  # fixed rows (label in the first column); empty = free rows
    rows_optional: bool = False  # fixed rows may be left out (Texter)

    @property
    def key(self) -> Column:
        return self.columns[0]

    def column(self, label: str) -> Column:
        return next(c for c in self.columns if c.label == label)

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns if not c.header_optional)


def _amounts(*labels: str, width: int = 13) -> tuple[Column, ...]:
    return tuple(Column(label, AMOUNT, width=width) for label in labels)


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
        (Column("Rad", width=30), *_amounts(*OPERATING_AMOUNTS),
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
        *_amounts(*INVESTMENT_AMOUNTS),
        Column("Kommentar", TEXT, header_optional=True, width=40),
        Column("Projekt", TEXT, header_optional=True, width=10,
               help="projektkod i redovisningen (excelreport import)"),
    ),
    "Investeringsutgifter som positiva belopp i Info!Enhet. Nivå 1–3; en rad med "
    "underrader summeras av verktyget (lämna den tom). Totala utgifter räknas fram.",
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
SHEETS_BY_NAME = {s.name: s for s in INPUT_SHEETS}

# --- Result sheets -----------------------------------------------------------------------


@dataclass(frozen=True)
class ResultSheet:
    name: str
    columns: tuple[str, ...]
    help: str = ""
    amount_columns: tuple[str, ...] = field(default=())


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

# Signal colours (hex RGB) for assessments; the text is always shown beside the colour.
SIGNAL_COLOURS = {
    "Helt uppfyllt": "2E8B3D",
    "I hög grad uppfyllt": "9ACD6E",
    "Delvis uppfyllt": "F2C94C",
    "Ej uppfyllt": "D64541",
    "Ej utvärderad": "A6A6A6",
    "Utan anmärkning": "2E8B3D",
    "Anmärkning nära målvärde": "F2C94C",
    "Med anmärkning": "D64541",
    "Ingen bedömning": "A6A6A6",
}

# The text of each internal-control assessment in the report's legend.
CONTROL_LEGEND = {
    "Utan anmärkning": "Kontrollen är genomförd utan anmärkning/med försumbar anmärkning",
    "Anmärkning nära målvärde": "Kontrollen är genomförd med anmärkning nära målvärde",
    "Med anmärkning": "Kontrollen är genomförd med anmärkning",
    "Ingen bedömning": "Ingen bedömning har genomförts",
}

# --- The finansförvaltning workbook (consolidation.md) -----------------------------------

TAXES = "Skatteintäkter"
GENERAL_GRANTS = "Generella statsbidrag och utjämning"
GRANTS_TO_BOARDS = "Kommunbidrag till nämnderna"
FINANCING_ROWS = (
    TAXES,
    GENERAL_GRANTS,
    GRANTS_TO_BOARDS,
    "Pensioner och övriga gemensamma poster",
    "Finansiella intäkter",
    "Finansiella kostnader",
)
FINANCING_RESULT = "Finansförvaltningens resultat"
FINANCING_COSTS = (GRANTS_TO_BOARDS, "Finansiella kostnader")  # negative amounts

FINANSIERING = Sheet(
    "Finansiering",
    (Column("Rad", width=40), *_amounts(*OPERATING_AMOUNTS),
     Column("Kommentar", TEXT, header_optional=True, width=50)),
    "Finansförvaltningens poster i Info!Enhet. Intäkter positiva, kostnader negativa; "
    "kommunbidraget till nämnderna är negativt (pengar som betalas ut). Den grå raden "
    "summeras av verktyget. Tom periodbudget = budget × slutmånad / 12.",
    rows=(
        Row(TAXES),
        Row(GENERAL_GRANTS),
        Row(GRANTS_TO_BOARDS, help="negativt belopp: summan av nämndernas kommunbidrag"),
        Row("Pensioner och övriga gemensamma poster"),
        Row("Finansiella intäkter"),
        Row("Finansiella kostnader", help="kostnad: negativt belopp"),
        Row(FINANCING_RESULT, derived=True),
    ),
)

BALANCE_ROWS = (
    "Samtliga realisationsvinster",
    "Realisationsvinster enligt undantagsmöjlighet",
    "Realisationsförluster enligt undantagsmöjlighet",
    "Orealiserade vinster i värdepapper",
    "Orealiserade förluster i värdepapper",
    "Medel till resultatutjämningsreserv",
    "Medel från resultatutjämningsreserv",
)

BALANSKRAV = Sheet(
    "Balanskrav",
    (Column("Rad", width=46), Column("Prognos helår", AMOUNT, width=14),
     Column("Kommentar", TEXT, header_optional=True, width=50)),
    "Balanskravsjusteringar, prognos för helåret, som positiva belopp i Info!Enhet "
    "(tecknet sätts i balanskravsutredningen). Tom = 0.",
    rows=tuple(Row(label, minimum=0, help="belopp ≥ 0") for label in BALANCE_ROWS),
)

FINANCE_SHEETS: tuple[Sheet, ...] = (INFO, FINANSIERING, BALANSKRAV)
# The sheets each workbook type (Info!Typ) requires.
REQUIRED_SHEETS: dict[str, tuple[Sheet, ...]] = {BOARD: INPUT_SHEETS, FINANCE_OFFICE: FINANCE_SHEETS}
ALL_INPUT_SHEETS: tuple[Sheet, ...] = INPUT_SHEETS + (FINANSIERING, BALANSKRAV)
SHEETS_BY_NAME.update({s.name: s for s in ALL_INPUT_SHEETS})

RESULT_FINANSIERING = ResultSheet("Resultat Finansiering", OPERATING_RESULT_COLUMNS)
FINANCE_RESULT_SHEETS: tuple[ResultSheet, ...] = (RESULT_FINANSIERING, KONTROLL)
# Every sheet name a run writes, for either workbook type (stale ones are removed).
ALL_RESULT_SHEET_NAMES = RESULT_SHEET_NAMES + (RESULT_FINANSIERING.name,)

# --- The next follow-up and the forecast's history (spec: next-period.md) ----------------
# Appended as its own block: the sheet `next` writes, the result sheets it feeds, and how
# each sheet is carried into the next follow-up (data, so new sheets slot in).

YEAR_END = "Årsredovisning"  # at this Period the outcome is the year's (prognossäkerhet)
MONTHLY = "Månadsuppföljning"  # a follow-up of this Period is named by its month word
MONTH_WORDS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")

PROGNOSHISTORIK = Sheet(
    "Prognoshistorik",
    (
        Column("Uppföljning", TEXT, required=True, width=24),
        Column("Slutmånad", INT, width=10),
        Column("Blad", TEXT, required=True, width=16),
        Column("Rad", TEXT, required=True, width=34),
        Column("Prognos helår", AMOUNT, width=14),
    ),
    "Skrivs av verktyget (excelreport next): varje tidigare uppföljnings prognos helår per blad "
    "och rad, i tidsordning. Ändra inte bladet; det är skrivskyddat.",
)
OPTIONAL_SHEETS: tuple[Sheet, ...] = (PROGNOSHISTORIK,)  # a workbook without them is fine
# The sheets whose full-year forecasts the history remembers (every row; for Investeringar
# the level-1 rows and Totala utgifter). A sheet not (yet) in the contract is skipped.
HISTORY_SHEETS = ("Drift", "Exploatering", "Finansiering", "Investeringar")
HISTORY_INVESTMENT_LEVEL = 1
MAX_HISTORY_FOLLOWUPS = 24  # columns of Resultat Prognoshistorik; more are a Varning
FORECAST = "Prognos helår"
PREVIOUS_FORECAST = "Föregående prognos"

RESULT_PROGNOSHISTORIK = ResultSheet(
    "Resultat Prognoshistorik",
    ("Blad", "Rad", FORECAST, "Förändring sedan första prognosen"),
    help="one column per earlier follow-up (its name) is inserted after Rad",
)
HISTORY_FOLLOWUPS_AFTER = "Rad"
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

KEEP, CLEAR = "keep", "clear"


@dataclass(frozen=True)
class From:
    """Carry the old workbook's value of another column of the same row."""

    column: str


@dataclass(frozen=True)
class Set:
    """Write this value."""

    value: str


@dataclass(frozen=True)
class Carry:
    """What ``next`` does with one column: in the same year, and in the next year."""

    same_year: object = KEEP  # KEEP, CLEAR, From or Set
    new_year: object = None  # None: as in the same year
    prefilled: bool = False  # a starting point: the cell is marked as prefilled

    def action(self, new_year: bool) -> object:
        return self.new_year if new_year and self.new_year is not None else self.same_year


@dataclass(frozen=True)
class SheetCarry:
    """How one sheet is carried: per column (the key column is always kept), the rest by
    ``default``; ``drop_new_year`` drops rows whose column holds one of the values."""

    columns: dict
    default: object = CLEAR
    drop_new_year: dict = field(default_factory=dict)


_FORECAST_CARRY = {
    "Budget": Carry(KEEP, CLEAR),
    PREVIOUS_FORECAST: Carry(From(FORECAST), CLEAR),
    FORECAST: Carry(From(FORECAST), CLEAR, prefilled=True),
}
_OPERATING_CARRY = SheetCarry(dict(_FORECAST_CARRY))  # Periodbudget, outcomes, Kommentar: cleared
NEXT_PERIOD: dict[str, SheetCarry] = {
    "Drift": _OPERATING_CARRY,
    "Exploatering": _OPERATING_CARRY,
    "Finansiering": _OPERATING_CARRY,  # the finansförvaltning's sheet, when in the contract
    "Investeringar": SheetCarry({"Nivå": Carry(), "Namn": Carry(), **_FORECAST_CARRY}),
    "Mål": SheetCarry({"Kommentar": Carry(CLEAR), PREVIOUS_ASSESSMENT: Carry(From("Bedömning"), CLEAR)},
                      default=KEEP),
    "Indikatorer": SheetCarry({
        "Utfall två år sedan": Carry(KEEP, From("Utfall föregående år")),
        "Utfall föregående år": Carry(KEEP, From("Utfall")),
        "Utfall": Carry(KEEP, CLEAR),
        "Målvärde": Carry(KEEP, CLEAR),
        "Preliminärt": Carry(KEEP, Set("Nej")),
        PREVIOUS_OUTCOME: Carry(From("Utfall"), CLEAR),
    }, default=KEEP),
    "Uppdrag": SheetCarry({"Kommentar": Carry(CLEAR)}, default=KEEP,
                          drop_new_year={"Status": ("Färdig", "Avbruten")}),
    "Internkontroll": SheetCarry({
        "Risk": Carry(), "Kontrollmoment": Carry(), "Metod": Carry(),
        "Bedömning": Carry(Set("Ingen bedömning")),
    }),
    "Texter": SheetCarry({}),  # the texts are kept (as drafts) only with --behall-texter
    "Personal": SheetCarry({}),
    "Sjukfrånvaro": SheetCarry({}),
    "Balanskrav": SheetCarry({}),  # the rows are kept, the amounts cleared
}
# A sheet of the contract not named above: its rows (key column) are kept, the rest cleared.
DEFAULT_CARRY = SheetCarry({})
# Info: these fields are set from the options or cleared; every other field is carried.
INFO_FROM_OPTIONS = ("År", "Period", "Periodens slutmånad", "Föregående prognos")
INFO_CLEARED = ("Sjukfrånvaro avser", "Importerad från")
