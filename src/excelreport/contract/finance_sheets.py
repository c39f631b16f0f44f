"""The finansförvaltning's input sheets (consolidation.md), and the sheets of each workbook
type: ``REQUIRED_SHEETS``, ``ALL_INPUT_SHEETS``, ``SHEETS_BY_NAME``."""

from __future__ import annotations

from .choices import BOARD, FINANCE_OFFICE
from .input_sheets import INFO, INPUT_SHEETS, OPERATING_AMOUNTS
from .model import AMOUNT, TEXT, Column, Row, Sheet, amount_columns

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
FINANCING_SUMS = {FINANCING_RESULT: FINANCING_ROWS}

FINANSIERING = Sheet(
    "Finansiering",
    (Column("Rad", width=40), *amount_columns(*OPERATING_AMOUNTS),
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
SHEETS_BY_NAME = {s.name: s for s in ALL_INPUT_SHEETS}
