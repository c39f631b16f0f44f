"""Prognoshistorik (optional; written by ``excelreport next``): each earlier follow-up's
forecast per sheet and row, validated like any input; unknown rows and order are a Varning."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING
from ..core.model import AmountRow, HistoryRow, Info
from .rows import free_rows, present
from .seen import history_keys
from .validator import Validator


def read_history(v: Validator, investments: list[AmountRow], info: Info | None) -> list[HistoryRow]:
    """The forecast history, validated like any input; unknown rows and order: a Varning."""
    spec = C.PROGNOSHISTORIK
    if not present(v.book, spec):
        return []
    known = _followed_rows(v, investments)
    out: list[HistoryRow] = []
    for r, x, table in free_rows(v, spec):
        if x["Slutmånad"] is not None and not 1 <= x["Slutmånad"] <= 12:
            v.add(FEL, Code.UTANFOR_INTERVALL, spec.name, table.ref(r, "Slutmånad"),
                  f"Slutmånad: hittade {x['Slutmånad']}; ett heltal 1–12 förväntas.")
            continue
        if None in (x["Uppföljning"], x["Blad"], x["Rad"]):
            continue
        sheet, label = x["Blad"], x["Rad"]
        if sheet not in known:
            v.add(VARNING, Code.HISTORIK_OKANT_BLAD, spec.name, table.ref(r, "Blad"),
                  f"Blad '{sheet}' är inget blad vars prognos historiken följer; förväntade ett av: "
                  + ", ".join(known) + ". Raden används inte.")
            continue
        labels, among = known[sheet]
        if label not in labels:
            v.add(VARNING, Code.HISTORIK_OKAND_RAD, spec.name, table.ref(r, "Rad"),
                  f"Rad '{label}' finns inte på bladet {sheet}{among}. Raden används inte.")
            continue
        out.append(HistoryRow(x["Uppföljning"], x["Slutmånad"], sheet, label, x["Prognos helår"], r))
    if out:
        v.findings += history_keys(out, v.table(spec).ref)
    _check_order(v, out, info)
    followups = list(dict.fromkeys((row.followup, row.month) for row in out))
    if len(followups) > C.MAX_HISTORY_FOLLOWUPS:
        kept = set(followups[-C.MAX_HISTORY_FOLLOWUPS:])
        v.add(VARNING, Code.HISTORIK_FOR_LANG, spec.name, "A1",
              f"Historiken har {len(followups)} uppföljningar; bara de {C.MAX_HISTORY_FOLLOWUPS} "
              "senaste används (ett år har sällan fler än tolv).")
        out = [row for row in out if (row.followup, row.month) in kept]
    return out


def _followed_rows(v: Validator, investments: list[AmountRow]) -> dict[str, tuple[set[str], str]]:
    """Each sheet whose forecast the history follows: its rows' labels, and where among its
    rows they are (said when a label is unknown). A statement's rows are the workbook's own
    (its profile's); Investeringar's are its level-1 projects and the total."""
    known: dict[str, tuple[set[str], str]] = {}
    for name in C.HISTORY_SHEETS:
        statement = v.shape.statement(name)
        sheet = statement.sheet if statement else C.SHEETS_BY_NAME.get(name)
        if sheet is not None and sheet.rows:
            known[name] = ({r.label for r in sheet.rows}, "")
    levels = {r.label for r in investments if r.level == C.HISTORY_INVESTMENT_LEVEL}
    known[C.INVESTERINGAR.name] = ({C.TOTAL_EXPENDITURE} | levels, " (bland nivå 1-raderna och Totala utgifter)")
    return known


def _check_order(v: Validator, rows: list[HistoryRow], info: Info | None) -> None:
    """One Varning when the follow-ups are not in time order (each one block, months rising)."""
    spec = C.PROGNOSHISTORIK
    seen: list[tuple[str, int | None]] = []
    known: set[tuple[str, int | None]] = set()
    for row in rows:
        key = (row.followup, row.month)
        if seen and seen[-1] == key:
            continue
        problem = ""
        if key in known:
            problem = f"'{row.followup}' förekommer igen efter '{seen[-1][0]}'"
        else:
            months = [m for _, m in seen if m is not None]
            if row.month is not None and months and row.month < months[-1]:
                problem = (f"'{row.followup}' (slutmånad {row.month}) står efter "
                           f"'{seen[-1][0]}' (slutmånad {months[-1]})")
            elif row.month is not None and info is not None and row.month > info.slutmanad:
                problem = (f"'{row.followup}' har slutmånad {row.month}, senare än denna "
                           f"uppföljnings slutmånad {info.slutmanad}")
        if problem:
            v.add(VARNING, Code.HISTORIK_ORDNING, spec.name, f"A{row.row}",
                  f"Uppföljningarna i historiken står inte i tidsordning: {problem}. "
                  "Historiken visas i den ordning den står.")
            return
        seen.append(key)
        known.add(key)
