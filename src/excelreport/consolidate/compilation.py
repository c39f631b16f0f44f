"""The compilation's names and data: its sheets' names and columns (as consolidation.md names
them), the ``Compilation`` and its sheets (``CompiledSheet``), and the boards' figures as one
tidy pandas frame (Decimal values in an object column, never floats), pivoted per sheet into
per-board sums (``Wide``).

Each sheet is a ``sheets.plan.SheetPlan`` (values, formats, bold sums), so the workbook
writer and the report draw the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from .. import contract as C
from ..core.findings import FEL, Finding
from ..core.model import Info
from ..sheets import plan as P
from .collect import Submission

ZERO = Decimal(0)
TOLERANCE = Decimal("0.5")
COLUMNS5 = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period", "Utfall period föregående år")
FRAME_COLUMNS = ("board", "sheet", "row", "column", "value")

# Sheet names and columns, exactly as consolidation.md names them.
KOMMUNENS_RESULTAT = "Kommunens resultat"
BALANSKRAVSUTREDNING = "Balanskravsutredning"
DRIFTREDOVISNING = "Driftredovisning"
INVESTERINGSREDOVISNING = "Investeringsredovisning"
MALUPPFYLLELSE = "Måluppfyllelse"
UPPDRAG = "Uppdrag"
SJUKFRANVARO = "Sjukfrånvaro"
INTERNKONTROLL = "Internkontroll"
INLAMNING = "Inlämning"
KONTROLL = "Kontroll"
SHEET_ORDER = (KOMMUNENS_RESULTAT, BALANSKRAVSUTREDNING, DRIFTREDOVISNING, INVESTERINGSREDOVISNING,
               MALUPPFYLLELSE, UPPDRAG, SJUKFRANVARO, INTERNKONTROLL, INLAMNING, KONTROLL)

RESULT_COLUMNS = ("Rad", "Budget", "Föregående prognos", "Prognos helår", "Avvikelse prognos/budget",
                  "Prognosförändring", "Utfall period", "Utfall period föregående år")
BOARDS_RESULT = "Nämndernas resultat"
MUNICIPAL_RESULT = "Kommunens resultat"
BALANCE_SIGNS = (("Samtliga realisationsvinster", -1),
                 ("Realisationsvinster enligt undantagsmöjlighet", 1),
                 ("Realisationsförluster enligt undantagsmöjlighet", 1),
                 ("Orealiserade vinster i värdepapper", -1),
                 ("Orealiserade förluster i värdepapper", 1))
RESERVE_SIGNS = (("Medel till resultatutjämningsreserv", -1), ("Medel från resultatutjämningsreserv", 1))
YEAR_RESULT = "Årets resultat"
AFTER_ADJUSTMENTS = "Årets resultat efter balanskravsjusteringar"
BALANCE_RESULT = "Balanskravsresultat"
GOAL_TITLE = "Resultat i % av skatteintäkter och generella statsbidrag"  # the year's, Prognos helår
GOAL_TARGET = "Resultatmål"  # the finansförvaltning's Info!Resultatmål (%)
GOAL_VERDICT = "Bedömning"
MET, NOT_MET = "Uppfyllt", "Ej uppfyllt"
DRIFT_COLUMNS = ("Nämnd", "Kommunbidrag", "Budget nettokostnad", "Prognos nettokostnad", "Budgetavvikelse",
                 "Föregående prognos avvikelse", "Prognosförändring", "Utfall period nettokostnad",
                 "Utfall period föregående år nettokostnad")
SUM_BOARDS = "Summa nämnder"
EXPLOITATION_SUFFIX = " – exploatering"
INVESTMENT_COLUMNS = ("Nämnd", "Budget", "Föregående prognos", "Prognos helår", "Avvikelse prognos/budget",
                      "Utfall period", "Utfall period föregående år")
SUM = "Summa"
ALL_GOALS = "Samtliga"
GOAL_COLUMNS = ("KF-mål nr", "KF-mål", *C.ASSESSMENTS, "Antal mål")
ASSIGNMENT_COLUMNS = ("Nämnd", *C.ASSIGNMENT_STATUSES, "Antal")
SICK_COLUMNS = ("Nämnd", "Föregående år", "Innevarande år", "Differens")
CONTROL_COLUMNS = ("Nämnd", *C.CONTROL_ASSESSMENTS, "Antal")
SAVED = "Senast sparad enligt arbetsboken"  # docProps/core.xml, not the file's time (a copy's)
SUBMISSION_COLUMNS = ("Arbetsbok", "Nämnd", "Enhet", "Status", "Fel", "Varningar", SAVED, "Profil")  # its profile, version
DEVIATION_COLUMNS = ("Avvikelse prognos/budget", "Prognosförändring", "Budgetavvikelse",
                     "Föregående prognos avvikelse")
STATUS_FILLS = {"Klar": C.SIGNAL_COLOURS["Helt uppfyllt"], "Fel": C.SIGNAL_COLOURS["Ej uppfyllt"],
                "Ej läsbar": C.SIGNAL_COLOURS["Ej uppfyllt"]}
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SHARE_FORMAT = P.SHARE_FORMAT  # percent as the board report prints it: 2,4%


@dataclass
class CompiledSheet(P.SheetPlan):
    """A SheetPlan whose single cells may have their own number format (Resultatmål)."""

    cell_formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, col)


@dataclass
class Compilation:
    """The whole compilation: its unit, the boards used, every sheet, every finding."""

    info: Info | None  # the reference Info (the finansförvaltning's when there is one)
    unit: str
    central: Submission | None
    boards: list[Submission]
    submissions: list[Submission]
    frame: pd.DataFrame
    sheets: list[CompiledSheet] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # key figures for the report's sentences
    cross: list[Finding] = field(default_factory=list)  # the compilation's own findings

    @property
    def has_errors(self) -> bool:
        return any(f.severity == FEL for f in self.findings)

    def sheet(self, name: str) -> CompiledSheet:
        return next(s for s in self.sheets if s.name == name)


# --- units and the tidy frame --------------------------------------------------------------


def converter(source: str, target: str):
    """Exact conversion between ``tkr`` and ``mnkr`` (1 mnkr = 1 000 tkr)."""
    shift = {("tkr", "mnkr"): -3, ("mnkr", "tkr"): 3}.get((source, target), 0)
    return (lambda v: v.scaleb(shift)) if shift else (lambda v: v)


def tidy_frame(boards: list[Submission], central: Submission | None, unit: str) -> pd.DataFrame:
    """One row per (board, sheet, row, column, value); values Decimal in the compilation's unit."""
    records = []
    for s in boards:
        conv, f = converter(s.info.enhet, unit), s.figures
        for sheet, rows in ((C.DRIFT.name, f.drift), (C.EXPLOATERING.name, f.exploatering)):
            for label, values in rows.items():
                records += [(s.board, sheet, label, col, conv(values[col])) for col in COLUMNS5]
        if f.investments is not None:
            records += [(s.board, C.INVESTERINGAR.name, C.TOTAL_EXPENDITURE, col, conv(v))
                        for col, v in f.investments.items()]
    if central is not None:
        conv, f = converter(central.info.enhet, unit), central.figures
        for label, values in f.financing.items():
            records += [(central.board, C.FINANSIERING.name, label, col, conv(values[col])) for col in COLUMNS5]
        records += [(central.board, C.BALANSKRAV.name, label, "Prognos helår", conv(v))
                    for label, v in f.balance.items()]
    frame = pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))
    frame["value"] = frame["value"].astype(object)
    return frame


@dataclass
class Wide:
    """One sheet of the frame pivoted: per board (in order) its (row, column) amounts,
    repeated cells summed, a missing one 0. Plain Python: pandas operations on frames this
    small cost more than the sums (the compilation's tables are a few dozen Decimals)."""

    boards: list[str]
    sums: dict[tuple[str, str], dict[str, Decimal]]

    def __len__(self) -> int:
        return len(self.boards)

    def __getitem__(self, key: tuple[str, str]) -> list[Decimal]:
        """The (row, column) amount of every board, in order."""
        cell = self.sums.get(key, {})
        return [cell.get(b, ZERO) for b in self.boards]

    def value(self, board: str, row: str, column: str) -> Decimal:
        return self.sums.get((row, column), {}).get(board, ZERO)


def wide(frame: pd.DataFrame, sheet: str, boards: list[str]) -> Wide:
    """The boards' amounts of one sheet of the tidy frame (``Wide``)."""
    part = frame[frame["sheet"] == sheet]
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    for board, row, col, value in zip(*(part[c].tolist() for c in ("board", "row", "column", "value"))):
        cell = sums.setdefault((row, col), {})
        cell[board] = cell[board] + value if board in cell else value
    return Wide(list(boards), sums)


def column_sums(rows: list[list[Decimal]], width: int) -> list[Decimal]:
    """The column sums of rows of Decimals (0 for no rows)."""
    return [sum((r[k] for r in rows), ZERO) for k in range(width)]


# --- the sheets' plans ----------------------------------------------------------------------


def amount_styles(labels, unit: str, text=("Rad", "Nämnd")) -> dict[str, P.CellStyle]:
    """Amounts in the unit's format (deviations red when negative); the ``text`` columns plain."""
    fmt = P.AMOUNT_FORMATS.get(unit, P.AMOUNT_FORMATS["tkr"])
    return {label: P.CellStyle() if label in text else P.CellStyle(fmt, red_negative=label in DEVIATION_COLUMNS)
            for label in labels}


def sheet_plan(name: str, labels, styles, rows: list[P.RowPlan], **kw) -> CompiledSheet:
    """A compiled sheet of ``rows`` under ``labels``, its columns sized as the result sheets'."""
    base = P._sheet(name, tuple(labels), styles, rows, caps={"Meddelande": 100, "Rad": 70})
    return CompiledSheet(base.name, base.columns, base.rows, **kw)


def count_styles(labels, text) -> dict[str, P.CellStyle]:
    """Whole numbers; the ``text`` columns wrapped (but Nämnd)."""
    return {label: P.CellStyle(wrap=label != "Nämnd") if label in text else P.CellStyle(P.INTEGER_FORMAT)
            for label in labels}
