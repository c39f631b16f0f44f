"""The operating statements (Drift, Exploatering, a profile's per activity; the
finansförvaltning's Finansiering): their fixed rows of amounts, the signs their roles
expect, empty amount columns, and a statement found by its role."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import INFO, VARNING
from ..core.model import AmountRow, Info
from ..core.numbers import plain
from ..profile.shape import ROLE_ACTIVITY, ROLE_LAND, Shape, Statement
from ..read.grid import column_letter
from .cells import Table
from .rows import fixed_rows
from .validator import Validator


def read_statement(v: Validator, statement: Statement, info: Info | None) -> list[AmountRow]:
    """Each of the statement's rows, its amounts and comment (a missing row: empty amounts)."""
    spec = statement.sheet
    located = fixed_rows(v, spec)
    if located is None:  # the sheet or its header is missing (a Fel): empty rows
        return [AmountRow(r.label, {k: None for k in C.OPERATING_AMOUNTS}, derived=r.derived)
                for r in spec.rows]
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        if r is None:
            out.append(AmountRow(row_spec.label, {k: None for k in C.OPERATING_AMOUNTS},
                                 derived=row_spec.derived))
            continue
        row = AmountRow(row_spec.label, derived=row_spec.derived, row=r)
        for label in C.OPERATING_AMOUNTS:
            ref = table.ref(r, label)
            row.cells[label] = ref
            row.values[label] = v.value(spec.name, ref, table.cell(r, label), C.AMOUNT,
                                        f"{row_spec.label}, {label}", derived=row_spec.derived)
        row.cells["Kommentar"] = table.ref(r, "Kommentar")
        row.comment = v.value(spec.name, row.cells["Kommentar"], table.cell(r, "Kommentar"),
                              C.TEXT, "Kommentar") or ""
        _signs(v, statement, row)
        out.append(row)
    typed = [r for r in out if not r.derived and r.row]
    not_applicable = statement.role == ROLE_LAND and all(
        table.cell(r.row, label).empty for r in typed for label in C.OPERATING_AMOUNTS)
    if not not_applicable:  # an entirely empty Exploatering: the board has no land development
        empty_columns(v, spec, table, typed, [c for c in C.OPERATING_AMOUNTS if c != "Periodbudget"])
    missing_pb = [r for r in typed if table.cell(r.row, "Periodbudget").empty
                  and r.values.get("Budget") is not None]  # a wrong value already has its Fel
    if missing_pb and info:
        n = len(missing_pb)
        rule = "lika med Budget (helår)" if info.slutmanad == 12 else f"som Budget × {info.slutmanad} / 12"
        v.add(INFO, Code.PERIODBUDGET_BERAKNAD, spec.name, missing_pb[0].cells["Periodbudget"],
              f"Periodbudget saknas på {n} {'rad' if n == 1 else 'rader'} ("
              + ", ".join(r.label for r in missing_pb) + f") och beräknas {rule}.")
    return out


def _signs(v: Validator, statement: Statement, row: AmountRow) -> None:
    """A Varning for each amount whose sign is not the row's (a cost is negative, …)."""
    name = statement.name
    for label, amount in row.values.items():
        if amount is None:
            continue
        if amount > 0 and row.label in statement.negative:
            noun = "verksamheternas nettokostnader" if statement.role == ROLE_ACTIVITY else "kostnader"
            v.add(VARNING, Code.POSITIV_KOSTNAD, name, row.cells[label],
                  f"{row.label}, {label}: {plain(amount)} är positivt; {noun} "
                  "skrivs som negativa belopp. Stämmer det (en kreditering) kan du låta det stå.")
        elif amount < 0 and row.label in statement.positive:
            v.add(VARNING, Code.FEL_TECKEN, name, row.cells[label],
                  f"{row.label}, {label}: {plain(amount)} är negativt; raden skrivs med positiva "
                  "belopp. Stämmer det kan du låta det stå.")


def empty_columns(v: Validator, spec: C.Sheet, table: Table, rows: list[AmountRow], labels) -> None:
    """A Varning per amount column left empty on every one of ``rows``."""
    if not rows:
        return
    for label in labels:
        if all(r.values.get(label) is None for r in rows):
            col = column_letter(table.columns[label])
            v.add(VARNING, Code.TOM_KOLUMN, spec.name, f"{col}{table.header_row}",
                  f"Kolumnen '{label}' är tom på alla rader; tomma belopp räknas som 0.")


def by_role(shape: Shape, statements: dict[str, list[AmountRow]], role: str) -> list[AmountRow]:
    """The rows of the (first) statement of ``role``; none when the shape has no such statement."""
    found = shape.with_role(role)
    return statements[found[0].name] if found else []
