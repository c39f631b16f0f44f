"""The compilation built: every sheet of the compilation workbook, in order, and every
finding (the workbooks' own, the compilation's, the folder's), from the assessed files."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .. import contract as C
from ..core.findings import Finding, sort_findings
from ..core.folder import shown as as_text
from .collect import Submission
from .compilation import (ASSIGNMENT_COLUMNS, CONTROL_COLUMNS, INTERNKONTROLL, UPPDRAG, Compilation, tidy_frame,
                          wide)
from .count_tables import control, counted, goals, sick_leave, submissions
from .economy_tables import balance_sheet, budget_checks, grant_checks, investments, municipal_result, operating


def compile_tables(subs: list[Submission], central: Submission | None, boards: list[Submission],
                   general: list[Finding]) -> Compilation:
    """Every sheet of the compilation workbook and every finding, from the assessed files."""
    info = central.info if central else (boards[0].info if boards else
                                         next((s.info for s in subs if s.info), None))
    unit = central.info.enhet if central else _most_common_unit(boards)
    comp = Compilation(info, unit, central, boards, subs, tidy_frame(boards, central, unit))
    extra: list[Finding] = list(general)
    names = [b.board for b in boards]
    drift = wide(comp.frame, C.DRIFT.name, names)
    expl = wide(comp.frame, C.EXPLOATERING.name, names)
    fin = wide(comp.frame, C.FINANSIERING.name, [central.board]) if central else None
    comp.sheets = [
        municipal_result(comp, drift, expl, fin, extra),
        balance_sheet(comp, extra),
        operating(comp, drift, expl),
        investments(comp),
        goals(comp, extra),
        counted(UPPDRAG, ASSIGNMENT_COLUMNS, C.ASSIGNMENT_STATUSES, boards, lambda f: f.assignments),
        sick_leave(boards),
        counted(INTERNKONTROLL, CONTROL_COLUMNS, C.CONTROL_ASSESSMENTS, boards, lambda f: f.controls),
    ]
    left_out = [s.board for s in subs if s.excluded and s.info is not None and not s.is_finance]
    extra += grant_checks(comp, drift, expl, fin, left_out) + budget_checks(boards)
    comp.cross = sort_findings([f for s in subs for f in s.problems] + extra)
    comp.findings = sort_findings(_all_findings(subs, extra))
    comp.sheets += [submissions(subs), control(comp.findings)]
    for plan in comp.sheets:  # a file name that is not UTF-8 (Latin-1) is written as \xe4
        plan.rows = [replace(r, values=tuple(as_text(v) if isinstance(v, str) else v for v in r.values))
                     for r in plan.rows]
    return comp


def _most_common_unit(boards: list[Submission]) -> str:
    units = Counter(b.info.enhet for b in boards)
    return units.most_common(1)[0][0] if units else "tkr"


def _all_findings(subs: list[Submission], extra: list[Finding]) -> list[Finding]:
    """Every workbook's own findings (Blad prefixed by the file), the compilation's, the folder's."""
    out = []
    for s in subs:
        out += s.own_findings() + s.problems
    return out + extra
