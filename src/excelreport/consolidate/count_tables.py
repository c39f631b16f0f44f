"""The compilation's counted and listed sheets: Måluppfyllelse, Uppdrag, Internkontroll (the
boards' items counted by kind), Sjukfrånvaro, and the folder's Inlämning and Kontroll."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING, Finding
from ..sheets import plan as P
from .collect import Submission
from .compilation import (ALL_GOALS, DATETIME_FORMAT, GOAL_COLUMNS, INLAMNING, KONTROLL, MALUPPFYLLELSE, SAVED,
                          SICK_COLUMNS, SJUKFRANVARO, STATUS_FILLS, SUBMISSION_COLUMNS, SUM, Compilation,
                          CompiledSheet, count_styles, sheet_plan)

def goals(comp: Compilation, extra: list[Finding]) -> CompiledSheet:
    """Måluppfyllelse: the boards' goals counted by Bedömning per KF-mål nr."""
    board_order = [b.board for b in comp.boards]
    by_nr: dict = {}
    for b in comp.boards:
        for nr, text, assessment in b.figures.goals:
            by_nr.setdefault(nr, []).append((b.board, " ".join(text.split()), assessment))
    plans, chart = [], []
    totals = [0] * len(C.ASSESSMENTS)
    for nr in sorted(nr for nr, mine in by_nr.items() if nr is not None and any(a is not None for *_, a in mine)):
        mine = by_nr[nr]
        texts = Counter(t for _, t, _ in mine)
        shown = texts.most_common(1)[0][0]  # the most common; of equals, the first seen
        if len(texts) > 1:
            by_text = {t: sorted({board for board, x, _ in mine if x == t}, key=board_order.index) for t in texts}
            extra.append(Finding(VARNING, Code.KF_MAL_TEXT, MALUPPFYLLELSE, "",
                                 f"KF-mål nr {nr} har olika text i nämnderna: "
                                 + "; ".join(f"'{t}' ({', '.join(bs)})" for t, bs in by_text.items())
                                 + f". Sammanställningen visar '{shown}'."))
        n = [sum(1 for *_, x in mine if x == a) for a in C.ASSESSMENTS]
        totals = [t + k for t, k in zip(totals, n)]
        chart.append((int(nr), shown, n))
        plans.append(P.RowPlan((Decimal(int(nr)), shown, *map(Decimal, n), Decimal(sum(n)))))
    plans.append(P.RowPlan((ALL_GOALS, None, *map(Decimal, totals), Decimal(sum(totals))), bold=True))
    comp.figures["goals"] = chart
    return sheet_plan(MALUPPFYLLELSE, GOAL_COLUMNS, count_styles(GOAL_COLUMNS, ("KF-mål",)), plans)


def counted(name: str, labels, kinds, boards: list[Submission], pick) -> CompiledSheet:
    """A row per board counting its items by kind (Uppdrag, Internkontroll), then Summa."""
    counts = []
    for b in boards:
        n = Counter(pick(b.figures))
        counts.append([n[k] for k in kinds] + [sum(n[k] for k in kinds)])
    plans = [P.RowPlan((b.board, *map(Decimal, r))) for b, r in zip(boards, counts)]
    total = [sum(r[k] for r in counts) for k in range(len(kinds) + 1)]
    plans.append(P.RowPlan((SUM, *map(Decimal, total)), bold=True))
    return sheet_plan(name, labels, count_styles(labels, ("Nämnd",)), plans)


def sick_leave(boards: list[Submission]) -> CompiledSheet:
    """Each board's Total sjukfrånvaro; no kommun total (it needs the scheduled hours)."""
    plans = []
    for b in boards:
        prev, cur = b.figures.sick_leave
        diff = cur - prev if cur is not None and prev is not None else None
        plans.append(P.RowPlan((b.board, prev, cur, diff)))
    # the board report's decimals: one for the percent, two for the difference in points
    styles = {"Nämnd": P.CellStyle(), "Föregående år": P.CellStyle(P.PERCENT_FORMAT),
              "Innevarande år": P.CellStyle(P.PERCENT_FORMAT), "Differens": P.CellStyle(P.POINTS_FORMAT)}
    return sheet_plan(SJUKFRANVARO, SICK_COLUMNS, styles, plans)


def submissions(subs: list[Submission]) -> CompiledSheet:
    """Inlämning: every file of the folder, its status and counts."""
    plans = []
    for s in subs:
        values = (s.name, s.board or None, s.info.enhet if s.info else None, s.status,
                  Decimal(s.count(FEL)), Decimal(s.count(VARNING)), s.modified, s.profile_label or None)
        plans.append(P.RowPlan(values, fills={3: STATUS_FILLS[s.status]}))
    styles = {"Fel": P.CellStyle(P.INTEGER_FORMAT), "Varningar": P.CellStyle(P.INTEGER_FORMAT),
              SAVED: P.CellStyle(DATETIME_FORMAT)}
    plan = sheet_plan(INLAMNING, SUBMISSION_COLUMNS, styles, plans)
    cols = list(plan.columns)
    cols[-2] = P.ColumnPlan(cols[-2].label, 18.0, cols[-2].style)  # SAVED
    plan.columns = tuple(cols)
    return plan


def control(findings: list[Finding]) -> CompiledSheet:
    """Kontroll as a board's, without links (the cells named are in other files)."""
    base = P.control_sheet(findings)
    plan = CompiledSheet(KONTROLL, base.columns, base.rows)
    return plan
