"""What checking, calculation and the result sheets follow: the standard contract, or the
profile a workbook carries — its sheets by role, never by identity.

``STANDARD`` is made from ``contract.py`` without loading a profile (a workbook without the
sheet ``Profil`` never pays for the profile's modules); ``shape_of(profile)`` makes the
shape of any profile, through ``profile.workbook``'s contract of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable

from .. import contract as C

ROLE_DRIFT, ROLE_ACTIVITY, ROLE_LAND = "drift", "verksamhet", "exploatering"  # as profile.keys


@dataclass(frozen=True)
class Reconcile:
    """``own_row`` of this statement must equal ``row`` of the statement ``sheet``."""

    sheet: str
    row: str
    own_row: str
    tolerance: Decimal


@dataclass(frozen=True)
class Statement:
    """An operating statement: its input sheet, result sheet, role, sums and signs."""

    sheet: C.Sheet
    result: C.ResultSheet
    role: str
    sums: dict[str, tuple[str, ...]]
    negative: frozenset[str]  # rows whose amounts are negative: a positive one is a Varning
    positive: frozenset[str] = frozenset()  # rows whose amounts are positive
    reconcile: Reconcile | None = None
    net_row: str | None = None  # the row of the net costs (prognossäkerhet)
    result_row: str | None = None  # the row of the year's result
    grant_rows: tuple[str, ...] = ()  # the rows of kind kommunbidrag (a profile's)
    finance_rows: tuple[str, ...] = ()  # the rows of kind finansnetto (a profile's)

    @property
    def name(self) -> str:
        return self.sheet.name


@dataclass(frozen=True)
class CommentRule:
    amount: bool  # |Avvikelse prognos/budget| ≥ Kommentarsgräns needs a comment
    percent: Decimal | None  # … or ≥ this percent of |Budget|
    default_limit: Decimal | None  # Kommentarsgräns when Info leaves it empty
    sheets: tuple[str, ...]


def standard_suggest(met: int, measured: int) -> str:
    """The standard scale's suggested assessment from ``met`` of ``measured`` indicators."""
    if measured == 0:
        return "Ej utvärderad"
    if met == measured:
        return "Helt uppfyllt"
    if met * 4 >= measured * 3:
        return "I hög grad uppfyllt"
    if met >= 1:
        return "Delvis uppfyllt"
    return "Ej uppfyllt"


@dataclass(frozen=True)
class Shape:
    """The sheets a workbook has and the rules its figures follow."""

    label: str | None  # "exempelby-bun, version 1" when the workbook carries a profile
    info: C.Sheet
    texter: C.Sheet
    statements: tuple[Statement, ...]
    comment: CommentRule
    suggest: Callable[[int, int], str]
    signal_colours: dict[str, str]
    year_end: str | None
    closing_months: tuple[tuple[str, int], ...] = ()  # period → its closing month (a profile's)
    mal: C.Sheet | None = C.MAL
    indicators: bool = True
    assignments: bool = True
    investments: bool = True
    volume: C.Sheet | None = None
    volume_result: C.ResultSheet | None = None
    personnel: bool = True
    sick: C.Sheet | None = C.SJUKFRANVARO
    internkontroll: C.Sheet | None = C.INTERNKONTROLL
    input_sheets: tuple[C.Sheet, ...] = C.INPUT_SHEETS
    result_names: tuple[str, ...] = C.RESULT_SHEET_NAMES
    goal_shares: tuple[tuple[str, Decimal | None], ...] = ()  # a profile's levels: name, andel (None: not evaluated)

    def with_role(self, role: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.role == role)

    def statement(self, name: str) -> Statement | None:
        return next((s for s in self.statements if s.name == name), None)

    def input_sheet(self, name: str) -> C.Sheet | None:
        return next((s for s in self.input_sheets if s.name == name), None)


FINANCING = Statement(C.FINANSIERING, C.RESULT_FINANSIERING, "finansiering",
                      C.FINANCING_SUMS, frozenset(C.FINANCING_COSTS))

STANDARD = Shape(
    label=None, info=C.INFO, texter=C.TEXTER,
    statements=(Statement(C.DRIFT, C.RESULT_DRIFT, ROLE_DRIFT, C.STANDARD_SUMS, frozenset(C.COST_ROWS),
                          net_row=C.NET_COSTS, result_row=C.RESULT),
                Statement(C.EXPLOATERING, C.RESULT_EXPLOATERING, ROLE_LAND, C.STANDARD_SUMS,
                          frozenset(C.COST_ROWS))),
    comment=CommentRule(True, None, None, (C.DRIFT.name, C.EXPLOATERING.name, C.INVESTERINGAR.name)),
    suggest=standard_suggest, signal_colours=C.SIGNAL_COLOURS, year_end=C.YEAR_END,
)


def shape_of(carried) -> Shape:
    """The shape of the profile a workbook carries (``profile.carrier.Carried``)."""
    return _shape(carried.profile, carried.label)


@lru_cache(maxsize=16)
def _shape(profile, label: str) -> Shape:
    # Imported here: only a workbook carrying a profile pays for the profile's modules.
    from .workbook import contract_of

    wc = contract_of(profile)
    sheets = wc.sheets_by_name
    results = {r.name: r for r in wc.result_sheets}
    flags = profile.sheets
    year_end = profile.year_end
    return Shape(
        label=label, info=sheets[C.INFO.name], texter=sheets[C.TEXTER.name],
        statements=tuple(_statement(s, sheets[s.sheet], results[f"Resultat {s.sheet}"])
                         for s in profile.statements),
        comment=CommentRule(profile.comment.amount, profile.comment.percent,
                            profile.comment.default_limit, profile.comment.sheets),
        suggest=profile.goal_scale.suggest, signal_colours=wc.signal_colours,
        year_end=year_end.name if year_end else None,
        closing_months=tuple((p.name, p.closing_month) for p in profile.periods if p.closing_month),
        mal=sheets.get(C.MAL.name) if flags.goals else None, indicators=flags.indicators,
        assignments=flags.assignments, investments=flags.investments,
        volume=sheets.get("Verksamhetsmått") if flags.volume else None,
        volume_result=results.get("Resultat Verksamhetsmått") if flags.volume else None, personnel=flags.personnel,
        sick=sheets.get(C.SJUKFRANVARO.name) if flags.sick_leave else None,
        internkontroll=sheets.get(C.INTERNKONTROLL.name) if flags.internal_control else None,
        input_sheets=wc.input_sheets, result_names=tuple(r.name for r in wc.result_sheets),
        goal_shares=tuple((lv.name, None if lv.name == profile.goal_scale.not_evaluated else lv.min_share)
                          for lv in profile.goal_scale.levels),
    )


def _statement(s, sheet: C.Sheet, result: C.ResultSheet) -> Statement:
    r = s.reconciliation
    return Statement(
        sheet, result, s.role, s.sums,
        negative=frozenset(row.label for row in s.rows if row.sign == "negativt" and not row.derived),
        positive=frozenset(row.label for row in s.rows if row.sign == "positivt" and not row.derived),
        reconcile=Reconcile(r.sheet, r.row, r.own_row, r.tolerance) if r else None,
        net_row=next((row.label for row in s.rows if row.kind == "nettokostnad"), None),
        result_row=next((row.label for row in s.rows if row.kind == "resultat"), None),
        grant_rows=tuple(row.label for row in s.rows if row.kind == "kommunbidrag"),
        finance_rows=tuple(row.label for row in s.rows if row.kind == "finansnetto"),
    )
