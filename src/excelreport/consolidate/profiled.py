"""A board carrying another profile than standard, compiled from its own shape: its rows by
kind (nettokostnad, finansnetto, kommunbidrag, resultat), never by standard's row names,
and its goals' levels mapped onto the compilation's scale by the level's ``andel``."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .. import contract as C
from ..profile.shape import ROLE_DRIFT, ROLE_LAND, Shape, Statement

ZERO = Decimal(0)

# A level's andel (percent of the indicators met) → the compilation's assessment: the highest
# whose least andel the level reaches (75 % is standard's own threshold for I hög grad uppfyllt).
SHARE_TO_ASSESSMENT = ((Decimal(100), C.ASSESSMENTS[0]), (Decimal(75), C.ASSESSMENTS[1]),
                       (Decimal("0.000001"), C.ASSESSMENTS[2]), (ZERO, C.ASSESSMENTS[3]))
NOT_EVALUATED = C.ASSESSMENTS[4]


def compiled_level(share: Decimal | None) -> str:
    """The compilation's assessment of a board's level with this andel (None: not evaluated)."""
    if share is None:
        return NOT_EVALUATED
    return next(name for least, name in SHARE_TO_ASSESSMENT if share >= least)


def _sum(rows: dict, labels: tuple[str, ...], columns) -> dict[str, Decimal]:
    return {col: sum((_amount(rows.get(label, {}).get(col)) for label in labels), ZERO) for col in columns}


def _amount(v) -> Decimal:
    return v if isinstance(v, Decimal) else ZERO


def _by_kind(st: Statement, rows: list) -> dict[str, dict[str, Decimal]]:
    """The standard rows the compilation reads, from the statement's rows of each kind: the
    board's net cost (``Nettokostnad`` + ``Finansnetto`` as in standard's Driftredovisning),
    grant and result."""
    table = {r.label: r.values for r in rows}
    columns = {c for values in table.values() for c, v in values.items() if not isinstance(v, str)}
    return {C.NET_COSTS: _sum(table, (st.net_row,) if st.net_row else (), columns),
            C.FINANCE: _sum(table, st.finance_rows, columns),
            C.GRANT: _sum(table, st.grant_rows, columns),
            C.RESULT: _sum(table, (st.result_row,) if st.result_row else (), columns)}


def _role(shape: Shape, results, role: str) -> tuple[dict, bool]:
    found = shape.with_role(role)
    if not found:
        return {}, False
    rows = results.statements.get(found[0].name, [])
    used = any(v for r in rows if not r.derived for v in r.values.values() if isinstance(v, Decimal))
    return _by_kind(found[0], rows), used


def by_kind(figures, results, shape: Shape):
    """``figures`` (read as standard's) with the operating statements taken by kind and the
    goals' assessments on the compilation's scale."""
    shares = dict(shape.goal_shares)
    drift, _ = _role(shape, results, ROLE_DRIFT)
    land, land_used = _role(shape, results, ROLE_LAND)
    goals = [(nr, text, compiled_level(shares[a]) if a in shares else a) for nr, text, a in figures.goals]
    return replace(figures, drift=drift, exploatering=land, exploatering_used=land_used, goals=goals)


def other_version(sub, central) -> str:
    """The Varning's text when ``sub`` follows another version of the finansförvaltning's
    profile (the same name); empty otherwise (``collect.Submission``s)."""
    mine, theirs = sub.profile, central.profile
    if mine is None or theirs is None or mine[0] != theirs[0] or mine[1] == theirs[1]:
        return ""
    return (f"Arbetsboken följer profilen {sub.profile_label}, men finansförvaltningens arbetsbok "
            f"({central.name}) följer {central.profile_label}. Sammanställningen tar nämndens siffror "
            "efter dess egen version; kontrollera att versionerna ska skilja sig.")
