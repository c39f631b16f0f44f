"""Figures typed as people type them: an amount in a number format that shows thousands
(``#,##0,``: 109 182 000 shown as 109 182) is read as shown; a percent typed as a fraction
(``0,087`` for 8,7 %) is a `Varning`.

A percent value about a hundredth (1/300 to 1/30) of the other values of its row, and a
`Total sjukfrånvaro` outside the range of `Kvinnor` and `Män`, are a `Varning`: the figure
would otherwise go silently into the report. Small values that are small for their row
too (`Dag 15–59` 0,3 and 0,6) stay quiet.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from statistics import median
from typing import Callable

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, INFO, VARNING, Finding
from ..core.model import Indicator, PairRow
from ..core.numbers import plain_exact as plain
from ..read.grid import format_scale

LOW, HIGH = Decimal(1) / 300, Decimal(1) / 30  # "about a hundredth" of the row's other values
SLACK = Decimal("0.01")  # a total typed from rounded figures may pass its parts by this
YEARS = (("previous", "Föregående år"), ("current", "Innevarande år"))
INDICATOR_VALUES = (("target", "Målvärde"), ("outcome", "Utfall"), ("previous", "Utfall föregående år"),
                    ("two_years_ago", "Utfall två år sedan"))
PERCENT_UNIT = "%"


def percent_typing(sick: list[PairRow], indicators: list[Indicator],
                   indicator_ref: Callable[[int, str], str]) -> list[Finding]:
    """Every Varning for percent values that look typed as fractions."""
    out: list[Finding] = []
    for row in sick:
        values = [(label, getattr(row, attr), row.cells.get(label, "")) for attr, label in YEARS]
        out += _hundredths(C.SJUKFRANVARO.name, row.label, values)
    out += _total_outside(sick)
    for ind in indicators:
        if ind.unit == PERCENT_UNIT:
            values = [(label, getattr(ind, attr), indicator_ref(ind.row, label))
                      for attr, label in INDICATOR_VALUES]
            out += _hundredths(C.INDIKATORER.name, f"{ind.name[:60]} (rad {ind.row})", values)
    return out


def _hundredths(sheet: str, what: str, values: list[tuple[str, Decimal | None, str]]) -> list[Finding]:
    """A Varning per value about a hundredth of the median of the row's other values."""
    out = []
    for label, x, ref in values:
        others = [abs(v) for other, v, _ in values if other != label and v]
        if not x or not others:
            continue
        typical = median(others)
        if LOW <= abs(x) / typical <= HIGH:
            shown = ", ".join(f"{other} {plain(v)}" for other, v, _ in values if other != label and v)
            out.append(Finding(
                VARNING, Code.PROCENT_SOM_ANDEL, sheet, ref,
                f"{what}, {label}: {plain(x)} är ungefär en hundradel av radens övriga värden ({shown}). "
                f"Ett procenttal skrivs som {plain(x * 100)} (eller som {plain(x * 100)} % i en cell med "
                f"procentformat), inte som andelen {plain(x)}. Stämmer värdet kan du låta det stå."))
    return out


def _total_outside(sick: list[PairRow]) -> list[Finding]:
    """A Varning when Total sjukfrånvaro lies outside Kvinnor and Män of the same year."""
    rows = {r.label: r for r in sick}
    total, women, men = (rows.get(label) for label in ("Total sjukfrånvaro", "Kvinnor", "Män"))
    if not (total and women and men):
        return []
    out = []
    for attr, label in YEARS:
        t, w, m = (getattr(r, attr) for r in (total, women, men))
        if None in (t, w, m) or min(w, m) - SLACK <= t <= max(w, m) + SLACK:
            continue
        out.append(Finding(
            VARNING, Code.SJUKFRANVARO_TOTAL, C.SJUKFRANVARO.name, total.cells.get(label, ""),
            f"Total sjukfrånvaro, {label}: {plain(t)} ligger utanför Kvinnor {plain(w)} och Män "
            f"{plain(m)}; totalen ligger alltid mellan dem. Kontrollera att alla tre är skrivna i "
            "procent (t.ex. 8,7, inte andelen 0,087)."))
    return out


class ScaledNumbers:
    """Numbers in a format that scales, read as shown (exactly: ÷ 1000 per scaling comma),
    with one Info per sheet and format naming the first cell and counting the others."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings  # the Validator's own list
        self.notes: dict[tuple[str, str], list[int]] = {}  # (sheet, format) → [its Info, more cells]

    def read(self, sheet: str, ref: str, label: str, fmt: str, number: Decimal) -> Decimal | None:
        """``number`` as the cell shows it; None (and a Fel) when that cannot be told."""
        scale = format_scale(fmt, 1 if number > 0 else -1 if number < 0 else 0) if "," in fmt else 0
        if scale is None:
            self.findings.append(Finding(
                FEL, Code.TALFORMAT_OSAKERT, sheet, ref,
                f"{label}: talformatet '{fmt}' väljer avsnitt efter villkor och delar talet med 1 000 "
                "i bara några av dem; det går inte att avgöra vilket tal som syns. Ändra cellformatet "
                "till Tal (t.ex. # ##0) och skriv in beloppet som det ska läsas."))
            return None
        if not scale or not number:
            return number
        shown = number.scaleb(-3 * scale)
        note = self.notes.get((sheet, fmt))
        if note is None:
            self.notes[(sheet, fmt)] = [len(self.findings), 0]
            self.findings.append(Finding(
                INFO, Code.TALFORMAT_SKALAR, sheet, ref,
                f"{label}: talformatet '{fmt}' visar talet delat med {plain(Decimal(1000) ** scale)} "
                f"(kommatecken efter sista sifferplatsen; i svensk Excel mellanslag): {plain(number)} "
                f"lästes som {plain(shown)}, som det syns i cellen. Ska beloppet vara det större, ändra "
                "cellformatet till # ##0."))
        else:
            note[1] += 1
            first = self.findings[note[0]]
            self.findings[note[0]] = replace(first, message=first.message.split(" (Likaså ")[0]
                                             + f" (Likaså {note[1]} cell(er) till med samma format på bladet.)")
        return shown
