"""The finansförvaltning's workbook: Info, Finansiering and Balanskrav (no board sheets)."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING
from ..core.model import AmountRow, BoardReport, Info
from ..core.numbers import plain
from ..profile.shape import FINANCING
from .history import read_history
from .rows import fixed_rows
from .statements import read_statement
from .validator import Validator


def read_finance_office(v: Validator, report: BoardReport | None, info: Info | None) -> None:
    """Finansiering, Balanskrav and the history, into ``report`` when there is one (Info
    read): the central workbook has no board sheets."""
    financing = read_statement(v, FINANCING, info)
    balance = _balance(v)
    history = read_history(v, [], info)
    if report is not None:
        report.financing, report.balance, report.history = financing, balance, history


def _balance(v: Validator) -> list[AmountRow]:
    """Balanskrav: one non-negative amount per row (empty = 0; negative is a Fel)."""
    spec = C.BALANSKRAV
    located = fixed_rows(v, spec, missing=VARNING)  # a missing row counts as 0
    if located is None:
        return [AmountRow(r.label, {"Prognos helår": None}) for r in spec.rows]
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        row = AmountRow(row_spec.label, {"Prognos helår": None}, row=r or 0)
        if r is not None:
            ref = row.cells["Prognos helår"] = table.ref(r, "Prognos helår")
            amount = v.value(spec.name, ref, table.cell(r, "Prognos helår"), C.AMOUNT,
                             f"{row_spec.label}, Prognos helår")
            if amount is not None and amount < 0:
                v.add(FEL, Code.NEGATIVT_BELOPP, spec.name, ref,
                      f"{row_spec.label}, Prognos helår: {plain(amount)} är negativt; beloppen på "
                      "bladet Balanskrav skrivs som positiva tal (tecknet sätts i "
                      "balanskravsutredningen).")
                amount = None
            row.values["Prognos helår"] = amount
            row.comment = v.value(spec.name, table.ref(r, "Kommentar"), table.cell(r, "Kommentar"),
                                  C.TEXT, "Kommentar") or ""
        out.append(row)
    return out
