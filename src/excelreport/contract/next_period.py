"""The next follow-up and the forecast's history (spec: next-period.md): the sheet ``next``
writes, and how each sheet is carried into the next follow-up (data, so new sheets slot in)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .input_sheets import FORECAST, PREVIOUS_ASSESSMENT, PREVIOUS_FORECAST, PREVIOUS_OUTCOME
from .model import AMOUNT, INT, TEXT, Column, Sheet

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
