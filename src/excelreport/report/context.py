"""What every block of the report reads: the document being written, the (sanitised) model,
calc's results, the theme's palette and the kommun's profile; and the amount tables' columns
per period kind, the one place they are declared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..calc.figures import ResultRow, Results
from ..core.model import AmountRow, BoardReport
from ..profile.keys import ROLE_DRIFT, ROLE_LAND
from ..profile.schema import Profile, Statement
from . import values as V
from .document import ReportDocument
from .table import Cell, Column

# The amount tables' columns per period kind: (calc's result column, the header, where {y}
# is the year, {y1} the year before and {period} Info!Period). The interim report is the
# reference's; at the year end the outcome is the year's and is held against the budget.
INTERIM, YEAR_END = "interim", "year_end"
AMOUNT_COLUMNS = {
    INTERIM: (("Budget", "Budget {y}"), ("Prognos helår", "Prognos helår {y}"),
              ("Avvikelse prognos/budget", "Avv. prognos/budget {y}"), ("Utfall period", "{period} {y}"),
              ("Utfall period föregående år", "{period} {y1}"),
              ("Diff. utfall mot föregående år", "Diff. utfall {y1}/{y}")),
    YEAR_END: (("Budget", "Budget {y}"), ("Utfall period", "Utfall {y}"),
               ("Avvikelse utfall/budget", "Avvikelse utfall/budget {y}"),
               ("Utfall period föregående år", "Utfall {y1}"),
               ("Diff. utfall mot föregående år", "Diff. utfall {y1}/{y}")),
}
# A statement's rows in calc.Results when the results do not list them by sheet (standard's).
ROLE_RESULTS = {ROLE_DRIFT: "drift", ROLE_LAND: "exploatering"}


def genitive(name: str) -> str:
    """``Kommunstyrelsen`` → ``Kommunstyrelsens``; names ending in s, x or z stay."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def followup_label(name: str) -> str:
    """A follow-up as the report's tables and charts head it: ``april`` → ``April``."""
    return name[:1].upper() + name[1:]


def has_amounts(rows: list[AmountRow] | list[ResultRow]) -> bool:
    return any(v is not None for r in rows for v in r.values.values())


@dataclass
class Context:
    """The report being written and everything its blocks read."""

    w: ReportDocument
    r: BoardReport
    res: Results
    palette: dict[str, str]
    profile: Profile
    notes: list[str] = field(default_factory=list)  # what the report leaves to the result sheets
    pending: dict[str, list[str]] = field(default_factory=dict)  # sheet → notes after its section

    @property
    def info(self):
        return self.r.info

    @property
    def year(self) -> int:
        return self.r.info.ar

    def text(self, key: str) -> str:
        return (self.r.texts.get(key) or "").strip()

    @property
    def kind(self) -> str:
        """The period kind whose columns the amount tables show."""
        year_end = self.profile.year_end
        return YEAR_END if year_end is not None and self.info.period == year_end.name else INTERIM

    def headed(self) -> dict[str, str]:
        """Result column → the amount table's header of it, for this period kind."""
        y, period = self.year, self.info.period
        return {key: head.format(y=y, y1=y - 1, period=period) for key, head in AMOUNT_COLUMNS[self.kind]}

    def bars(self, table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
        """A chart's bars for this period kind: (result column, its name as the table heads it)."""
        heads = self.headed()
        return [(key, heads[key]) for key in table[self.kind]]

    def amount_columns(self) -> list[Column]:
        heads = self.headed().values()
        return [Column(f"Belopp i {self.info.enhet}")] + [Column(h, numeric=True) for h in heads]

    def amount_row(self, row: ResultRow, indent_cm: float = 0.0) -> list[Cell]:
        bold = row.derived
        cells = [Cell([row.label], bold=bold, indent_cm=indent_cm)]
        return cells + [Cell([V.amount(row.values.get(k), self.info.enhet)], bold=bold)
                        for k, _ in AMOUNT_COLUMNS[self.kind]]

    def amounts_caption(self, name: str) -> str:
        what = "budget och utfall" if self.kind == YEAR_END else "budget, prognos och utfall"
        return f"{name}: {what} i {self.info.enhet}"

    # --- operating statements ------------------------------------------------------------------

    def statement_rows(self, statement: Statement) -> list[ResultRow]:
        """calc's rows of a statement: by sheet, else (standard) the role's own list."""
        rows = self.res.statements.get(statement.sheet)
        if rows is None and statement.role in ROLE_RESULTS:
            rows = getattr(self.res, ROLE_RESULTS[statement.role])
        return rows or []

    def statement_has_amounts(self, statement: Statement) -> bool:
        """The sheet has a figure: the workbook's rows (standard's model), or calc's."""
        typed = getattr(self.r, ROLE_RESULTS[statement.role]) if statement.role in ROLE_RESULTS else []
        return has_amounts(typed) or has_amounts(self.statement_rows(statement))

    def colour(self, assessment: str) -> str:
        """A goal assessment's signal colour in the profile's scale ('' when it has none)."""
        return self.profile.goal_scale.colours.get(assessment, "")
