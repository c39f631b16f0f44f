"""The free tables of a board: Mål, Indikatorer, Uppdrag, Internkontroll and
Verksamhetsmått, each row read by the contract's columns."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL
from ..core.model import Assignment, ControlPoint, Goal, Indicator, VolumeRow
from .cells import format_decimals, norm
from .rows import free_rows
from .validator import Validator


def read_goals(v: Validator, spec: C.Sheet) -> list[Goal] | None:
    """Mål (the shape's, with its scale): unique Mål nr, one text per KF-mål nr; None when
    the workbook has no such sheet."""
    rows = free_rows(v, spec)
    goals: list[Goal] = []
    seen: dict[int, int] = {}
    kf_texts: dict[int, tuple[str, int]] = {}
    for r, x, table in rows:
        nr, kf = x["Mål nr"], x["KF-mål nr"]
        if nr is not None:
            if nr in seen:
                v.add(FEL, Code.MAL_NR_DUBBLETT, spec.name, table.ref(r, "Mål nr"),
                      f"Mål nr {nr} finns redan på rad {seen[nr]}; Mål nr ska vara unikt.")
                continue
            seen[nr] = r
        if kf is not None and x["KF-mål"]:
            first = kf_texts.setdefault(kf, (x["KF-mål"], r))
            if norm(first[0]) != norm(x["KF-mål"]):
                v.add(FEL, Code.KF_MAL_TEXT, spec.name, table.ref(r, "KF-mål"),
                      f"KF-mål nr {kf} har texten '{x['KF-mål']}', men på rad {first[1]} "
                      f"'{first[0]}'; samma KF-mål nr ska ha samma text.")
        if None in (nr, kf, x["KF-mål"], x["Mål"], x["Bedömning"]):
            if None not in (nr, x["Bedömning"]):  # its suggestion can still be checked
                v.partial_goals.append(Goal(kf or 0, x["KF-mål"] or "", nr, x["Mål"] or "",
                                            x["Bedömning"], row=r))
            continue
        goals.append(Goal(kf, x["KF-mål"], nr, x["Mål"], x["Bedömning"], x.get("Prognos helår") or "",
                          x["Agenda 2030"] or "", x.get("Kommentar") or "", r,
                          x.get(C.PREVIOUS_ASSESSMENT) or ""))
    v.goal_numbers = set(seen)
    return goals if spec.name in v.book.sheets else None


def read_indicators(v: Validator, goal_nrs: set[int] | None) -> list[Indicator]:
    """Indikatorer, each of a known goal (``goal_nrs``; None: no Mål sheet to know them by)."""
    spec = C.INDIKATORER
    if goal_nrs is not None:
        goal_nrs = goal_nrs | v.goal_numbers
    out = []
    for r, x, table in free_rows(v, spec):
        nr = x["Mål nr"]
        if nr is not None and goal_nrs is not None and nr not in goal_nrs:
            v.add(FEL, Code.OKANT_MAL, spec.name, table.ref(r, "Mål nr"),
                  f"Mål nr {nr} finns inte på bladet Mål; indikatorn måste höra till ett mål.")
            continue
        if None in (nr, x["Indikator"], x["Enhet"], x["Riktning"]):
            v.unjudged_goals.add(nr)
            continue
        ind = Indicator(nr, x["Indikator"], x["Enhet"], x["Riktning"], x["Målvärde"], x["Utfall"],
                        x["Preliminärt"] == "Ja", x["Utfall föregående år"], x["Utfall två år sedan"], r,
                        x.get(C.PREVIOUS_OUTCOME))
        ind.decimals = {label: format_decimals(table.cell(r, label).number_format)
                        for label in ("Målvärde", "Utfall", "Utfall föregående år", "Utfall två år sedan")}
        out.append(ind)
    return out


def read_assignments(v: Validator) -> list[Assignment]:
    """Uppdrag: the rows with both an assignment and its status."""
    return [Assignment(x["Uppdrag"], x["Status"], x.get("Kommentar") or "", r)
            for r, x, _ in free_rows(v, C.UPPDRAG) if x["Uppdrag"] and x["Status"]]


def read_controls(v: Validator, spec: C.Sheet) -> list[ControlPoint]:
    """Internkontroll (the shape's, with its scale): the rows with both a risk and its assessment."""
    return [ControlPoint(x["Risk"], x["Kontrollmoment"] or "", x["Metod"] or "", x["Bedömning"],
                         x["Resultat"] or "", x["Åtgärd"] or "", r)
            for r, x, _ in free_rows(v, spec) if x["Risk"] and x["Bedömning"]]


def read_volumes(v: Validator, spec: C.Sheet) -> list[VolumeRow]:
    """Verksamhetsmått: one row per measure (a row without Mått has its Fel)."""
    out = []
    for r, x, table in free_rows(v, spec):
        if x["Mått"]:
            out.append(VolumeRow(x["Mått"], x["Enhet"] or "", x["Budget"], x["Utfall period"],
                                 x["Utfall period föregående år"], x.get("Kommentar") or "", r,
                                 {label: table.ref(r, label) for label in table.columns}))
    return out
