"""The kommun's forecast per earlier follow-up (the workbooks' Prognoshistorik): the columns
of Kommunens resultat between Föregående prognos and Prognos helår."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import VARNING, Finding
from ..profile.shape import ROLE_DRIFT, ROLE_LAND, STANDARD
from .collect import Submission
from .compilation import (BOARDS_RESULT, KOMMUNENS_RESULTAT, MUNICIPAL_RESULT, RESULT_COLUMNS, ZERO, Compilation,
                          converter)

HISTORY_AT = RESULT_COLUMNS.index("Prognos helår")  # the follow-ups go just before Prognos helår
# The statements whose Årets resultat the boards' result adds, by role, and whether a
# follow-up must have the row: the operating statement's always, land development's only
# when the board wrote rows of that sheet then.
RESULT_STATEMENTS = tuple((s.name, s.role == ROLE_DRIFT)
                          for s in STANDARD.with_role(ROLE_DRIFT) + STANDARD.with_role(ROLE_LAND))


def _followup_name(name: str) -> str:
    return " ".join(name.split())


def history_columns(comp: Compilation, extra: list[Finding]) -> tuple[list[str], dict[str, list]]:
    """The earlier follow-ups over all used workbooks' histories (one per name, and month
    when a name has several), ordered by month (unknown month first, then first seen), and
    per row of Kommunens resultat the kommun's forecast of each, in the compilation's unit.
    A workbook without a follow-up, or without a row the sum needs (or with it empty), leaves
    the rows it feeds empty there (a Varning names it): a sum without one board would look
    complete."""
    order, labels, tables = _followup_tables(comp)
    boards, central = tables[:len(comp.boards)], (tables[-1] if comp.central else None)
    out: dict[str, list] = {label: [] for label in (BOARDS_RESULT, *C.FINANCING_ROWS, MUNICIPAL_RESULT)}
    for k, text in zip(order, labels):
        total, missing, gaps = _boards_history(comp.boards, boards, k)
        out[BOARDS_RESULT].append(total)
        financing = central.get(k) if central is not None else {}
        if financing is None:
            missing.append(comp.central.board)
        lacking = []
        for label in C.FINANCING_ROWS:
            value = None if financing is None else financing.get((C.FINANSIERING.name, label))
            if value is None and financing:  # the follow-up without this row: no 0
                lacking.append(f"{C.FINANSIERING.name}/{label}")
            elif value is None and financing == {}:
                value = ZERO  # no finansförvaltning (a Fel of its own)
            out[label].append(value)
            total = None if total is None or value is None else total + value
        if lacking:
            gaps.append(f"{comp.central.name} ({', '.join(lacking)})")
        out[MUNICIPAL_RESULT].append(total)
        extra += _history_findings(text, missing, gaps)
    return labels, out


def _followup_tables(comp: Compilation) -> tuple[list, list[str], list[dict]]:
    """The follow-ups' keys (name, month) in order, their column labels, and per used workbook
    (the boards, then the finansförvaltning) its follow-up → (Blad, Rad) → forecast."""
    subs = [*comp.boards, *([comp.central] if comp.central else [])]
    known: dict[str, set[int]] = {}
    for s in subs:
        for h in s.figures.history:
            if h.month is not None:
                known.setdefault(_followup_name(h.followup).casefold(), set()).add(h.month)

    def key(h) -> tuple[str, int | None]:
        name = _followup_name(h.followup).casefold()
        months = known.get(name, set())
        return name, (next(iter(months)) if h.month is None and len(months) == 1 else h.month)

    shown: dict[tuple[str, int | None], str] = {}
    tables: list[dict] = []  # per workbook: follow-up → (Blad, Rad) → forecast
    for s in subs:
        conv, table = converter(s.info.enhet, comp.unit), {}
        for h in s.figures.history:
            shown.setdefault(key(h), _followup_name(h.followup))
            table.setdefault(key(h), {})[(h.sheet, h.label)] = None if h.forecast is None else conv(h.forecast)
        tables.append(table)
    order = sorted(shown, key=lambda k: k[1] or 0)
    names = Counter(name for name, _ in order)
    labels = [shown[k] if names[k[0]] == 1 else f"{shown[k]} (månad {k[1] or '-'})" for k in order]
    labels = [f"{t} (uppföljning)" if t in RESULT_COLUMNS else t for t in labels]  # never a fixed column's name
    return order, labels, tables


def _history_findings(text: str, missing: list[str], gaps: list[str]) -> list[Finding]:
    """The Varningar of follow-up ``text``: workbooks without it, workbooks lacking its rows."""
    out = []
    if missing:
        out.append(Finding(
            VARNING, Code.PROGNOSHISTORIK_SAKNAS, KOMMUNENS_RESULTAT, "",
            f"Uppföljningen {text} saknas i Prognoshistorik för {', '.join(missing)}; kolumnen "
            f"{text} lämnas tom för de rader den påverkar och för {MUNICIPAL_RESULT}."))
    if gaps:
        out.append(Finding(
            VARNING, Code.PROGNOSHISTORIK_RAD_SAKNAS, KOMMUNENS_RESULTAT, "",
            f"Uppföljningen {text} i Prognoshistorik saknar rader eller har dem tomma: "
            f"{'; '.join(gaps)}. En rad som saknas eller är tom räknas inte som 0: kolumnen "
            f"{text} lämnas tom för de rader den påverkar och för {MUNICIPAL_RESULT}."))
    return out


def _boards_history(boards: list[Submission], tables: list[dict], k) -> tuple[Decimal | None, list, list]:
    """The boards' Årets resultat (Drift + Exploatering) of follow-up ``k``, or None when a
    board lacks the follow-up (``missing``) or a row of it, or has it empty (``gaps``).
    A board without any Exploatering row there typed nothing on Exploatering then (``next``
    writes no rows for such a sheet): 0."""
    total: Decimal | None = ZERO
    missing, gaps = [], []
    for board, table in zip(boards, tables):
        if k not in table:
            missing.append(board.board)
            total = None
            continue
        rows = table[k]
        lacking = [f"{sheet}/{C.RESULT}" for sheet, required in RESULT_STATEMENTS
                   if rows.get((sheet, C.RESULT)) is None
                   and (required or any(s == sheet for s, _ in rows))]
        if lacking:
            gaps.append(f"{board.name} ({', '.join(lacking)})")
            total = None
        elif total is not None:
            total += sum((rows.get((sheet, C.RESULT), ZERO) for sheet, _ in RESULT_STATEMENTS), ZERO)
    return total, missing, gaps
