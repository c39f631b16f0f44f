"""The sheets a profile shapes: the contract's sheets given the profile's choices (periods,
units, scales, statement rows and signs, sick-leave categories, text keys), and the sheets
only a profile has (Verksamhetsmått, a statement per activity).

Sheets no profile changes (Indikatorer, Uppdrag, Investeringar, Personal, result sheets of
fixed shape) are the contract's own. A test checks that the ``standard`` profile built here
equals the contract sheet for sheet: the step that lets the contract be generated from it.
"""

from __future__ import annotations

from dataclasses import replace

from .. import contract as C
from ..contract import NUMBER, OPERATING_RESULT_COLUMNS, PERCENT, TEXT, Column, ResultSheet, Row, Sheet
from .keys import KIND_ACTIVITY, KIND_COST, KIND_FINANCE, KIND_GRANT, KIND_REVENUE, ROLE_ACTIVITY
from .schema import Scale, Statement


def _choices(items: tuple, label: str, choices: tuple[str, ...]) -> tuple:
    """Columns or rows with the one labelled ``label`` given other allowed values."""
    return tuple(replace(item, choices=choices) if item.label == label else item for item in items)


def info(periods: tuple[str, ...], units: tuple[str, ...]) -> Sheet:
    return replace(C.INFO, rows=_choices(_choices(C.INFO.rows, "Period", periods), "Enhet", units))


def texter(keys: tuple[str, ...]) -> Sheet:
    return replace(C.TEXTER, rows=tuple(Row(key, TEXT) for key in keys))


def mal(scale: Scale) -> Sheet:
    """Mål with the scale's levels in every column of assessments."""
    columns = C.MAL.columns
    for label in ("Bedömning", "Prognos helår", C.PREVIOUS_ASSESSMENT):
        columns = _choices(columns, label, scale.names)
    return replace(C.MAL, columns=columns)


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
        (replace(C.DRIFT.key, label=statement.first_column), *C.DRIFT.columns[1:]),
        f"{statement.description} i Info!Enhet. {_signs(statement)}{sums}"
        "Tom periodbudget = budget × slutmånad / 12.",
        rows=tuple(Row(r.label, derived=r.derived, help=_row_help(r.kind, r.sign)) for r in statement.rows),
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

def sjukfranvaro(categories: tuple[str, ...]) -> Sheet:
    return replace(C.SJUKFRANVARO, rows=tuple(Row(label, PERCENT) for label in categories))


def internkontroll(scale: Scale) -> Sheet:
    return replace(C.INTERNKONTROLL, columns=_choices(C.INTERNKONTROLL.columns, "Bedömning", scale.names))


# --- result sheets ------------------------------------------------------------------------------


def operating_result(statement: Statement) -> ResultSheet:
    first = statement.first_column if statement.role == ROLE_ACTIVITY else "Rad"
    return ResultSheet(f"Resultat {statement.sheet}", (first, *OPERATING_RESULT_COLUMNS[1:]))


RESULT_VERKSAMHETSMATT = ResultSheet(
    "Resultat Verksamhetsmått",
    ("Mått", "Enhet", "Budget", "Utfall period", "Avvikelse", "Avvikelse %", "Utfall period föregående år",
     "Diff. mot föregående år"),
)
