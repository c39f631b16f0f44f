"""Personal and Sjukfrånvaro: fixed rows of a pair of figures (last year, this year), and the
shares of women and men that must make 100."""

from __future__ import annotations

from decimal import Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL
from ..core.model import PairRow
from ..core.numbers import plain
from .rows import fixed_rows
from .validator import Validator


def read_pairs(v: Validator, spec: C.Sheet) -> list[PairRow]:
    """Each fixed row's Föregående år and Innevarande år, as the row's kind."""
    located = fixed_rows(v, spec)
    if located is None:
        return []
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        row = PairRow(row_spec.label)
        if r is not None:
            for label, attr in (("Föregående år", "previous"), ("Innevarande år", "current")):
                ref = table.ref(r, label)
                row.cells[label] = ref
                setattr(row, attr, v.value(spec.name, ref, table.cell(r, label), row_spec.kind,
                                           f"{row_spec.label}, {label}"))
        out.append(row)
    return out


def check_shares(v: Validator, personal: list[PairRow]) -> None:
    """A Fel when Andel kvinnor and Andel män of a year do not make 100 (± 0,5)."""
    rows = {r.label: r for r in personal}
    women, men = rows.get("Andel kvinnor"), rows.get("Andel män")
    if not women or not men:
        return
    for attr, label in (("previous", "Föregående år"), ("current", "Innevarande år")):
        a, b = getattr(women, attr), getattr(men, attr)
        if a is not None and b is not None and abs(a + b - 100) > Decimal("0.5"):
            v.add(FEL, Code.ANDELAR_SUMMA, C.PERSONAL.name, women.cells[label],
                  f"{label}: Andel kvinnor {plain(a)} + Andel män {plain(b)} = {plain(a + b)}; "
                  "andelarna ska tillsammans bli 100.")
