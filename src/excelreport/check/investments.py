"""Investeringar: a tree of projects by Nivå, whose leaves carry the amounts (a row with
children is derived: its filled amounts are only compared)."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING
from ..core.model import AmountRow
from ..core.numbers import plain
from .statements import empty_columns
from .validator import Validator


def read_investments(v: Validator) -> list[AmountRow]:
    """Each row with its Nivå and Namn; a level skipped is a Fel, a negative amount a Varning."""
    spec = C.INVESTERINGAR
    table = v.table(spec)
    if table is None:
        return []
    out: list[AmountRow] = []
    previous_level = 0
    for r in v.data_rows(table, spec):
        level = v.value(spec.name, table.ref(r, "Nivå"), table.cell(r, "Nivå"), C.INT, "Nivå",
                        required=True, minimum=1, maximum=3)
        name = v.value(spec.name, table.ref(r, "Namn"), table.cell(r, "Namn"), C.TEXT, "Namn", required=True)
        if level is not None and level > previous_level + 1:
            v.add(FEL, Code.NIVA_HOPP, spec.name, table.ref(r, "Nivå"),
                  f"Nivå {level} direkt efter nivå {previous_level or 'ingen'}; en rad på nivå {level} "
                  f"måste ligga under en rad på nivå {level - 1}.")
            level = None
        row = AmountRow(name or "", level=level or 0, row=r)
        for label in C.INVESTMENT_AMOUNTS:
            ref = table.ref(r, label)
            row.cells[label] = ref
            row.values[label] = v.value(spec.name, ref, table.cell(r, label), C.AMOUNT,
                                        f"{name or 'Rad ' + str(r)}, {label}", derived=True)
        row.cells["Kommentar"] = table.ref(r, "Kommentar")
        row.comment = v.value(spec.name, row.cells["Kommentar"], table.cell(r, "Kommentar"),
                              C.TEXT, "Kommentar") or ""
        if level is not None and name is not None:
            out.append(row)
            previous_level = level
    # A row with children is derived; the others are leaves, whose formulas need a value.
    for i, row in enumerate(out):
        row.derived = i + 1 < len(out) and out[i + 1].level > row.level
        if not row.derived:
            for label in C.INVESTMENT_AMOUNTS:
                cell = table.cell(row.row, label)
                if cell.formula and cell.value is None:
                    row.values[label] = v.value(spec.name, row.cells[label], cell, C.AMOUNT,
                                                f"{row.label}, {label}")
        for label, amount in row.values.items():
            if amount is not None and amount < 0:
                v.add(VARNING, Code.NEGATIV_INVESTERING, spec.name, row.cells[label],
                      f"{row.label}, {label}: {plain(amount)} är negativt; investeringsutgifter "
                      "skrivs som positiva belopp.")
    empty_columns(v, spec, table, [r for r in out if not r.derived], C.INVESTMENT_AMOUNTS)
    return out
