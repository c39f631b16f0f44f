"""A kommun's profile as frozen data: what ``load`` makes of a checked TOML file.

Everything the workbook and the report differ in between kommuner: periods, assessment
scales, operating statements (rows, kinds, signs, sums, reconciliation), the comment rule,
the optional sheets, sick-leave categories, text keys and the report's outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .keys import ROLE_ACTIVITY, ROLE_DRIFT, ROLE_LAND, SUM_KINDS


@dataclass(frozen=True)
class Period:
    name: str
    closing_month: int | None  # None: the month is chosen in Info!Periodens slutmånad
    year_end: bool = False
    named_by_month: bool = False  # a follow-up of this period is named by its month word


@dataclass(frozen=True)
class Level:
    name: str
    colour: str  # RRGGBB, upper case, without '#'
    min_share: Decimal | None = None  # percent of measured indicators met (goals' scale)
    min_met: int = 0  # and at least this many met
    legend: str = ""  # the report legend's text (internal control's scale)


@dataclass(frozen=True)
class Scale:
    levels: tuple[Level, ...]  # in order, best first; includes the not-evaluated level
    not_evaluated: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(level.name for level in self.levels)

    @property
    def colours(self) -> dict[str, str]:
        return {level.name: level.colour for level in self.levels}

    @property
    def legend_order(self) -> tuple[str, ...]:
        """The scale's order (best first), then the not-evaluated level (the report's legend)."""
        rated = [n for n in self.names if n != self.not_evaluated]
        return (*rated, self.not_evaluated)

    def suggest(self, met: int, measured: int) -> str:
        """The first level (best first) whose thresholds ``met`` of ``measured`` reach."""
        if measured == 0:
            return self.not_evaluated
        for level in self.levels:
            if level.name == self.not_evaluated or level.min_share is None:
                continue
            if met * 100 >= level.min_share * measured and met >= level.min_met:
                return level.name
        return self.not_evaluated  # not reached: the loader requires a level for any share


@dataclass(frozen=True)
class StatementRow:
    label: str
    kind: str
    sign: str  # positivt, negativt or valfritt
    sum_of: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return self.kind in SUM_KINDS


@dataclass(frozen=True)
class Reconciliation:
    sheet: str  # the other statement
    row: str  # its row
    own_row: str  # this statement's row that must equal it
    tolerance: Decimal


@dataclass(frozen=True)
class Statement:
    sheet: str
    role: str
    first_column: str
    description: str
    rows: tuple[StatementRow, ...]
    reconciliation: Reconciliation | None = None

    @property
    def sums(self) -> dict[str, tuple[str, ...]]:
        """Sum row → the rows it adds, in the order declared."""
        return {r.label: r.sum_of for r in self.rows if r.derived}

    def of_kind(self, kind: str) -> tuple[StatementRow, ...]:
        return tuple(r for r in self.rows if r.kind == kind)


@dataclass(frozen=True)
class CommentRule:
    default_limit: Decimal | None  # Kommentarsgräns when Info leaves it empty
    amount: bool  # |deviation| ≥ Kommentarsgräns needs a comment
    percent: Decimal | None  # |deviation| ≥ this percent of |Budget| needs a comment
    sheets: tuple[str, ...]


@dataclass(frozen=True)
class OptionalSheets:
    goals: bool = False
    indicators: bool = False
    assignments: bool = False
    investments: bool = False
    volume: bool = False
    personnel: bool = False
    sick_leave: bool = False
    internal_control: bool = False


@dataclass(frozen=True)
class Content:
    kind: str  # one of keys.CONTENT_KINDS
    ref: str = ""  # the text key (text) or the sheet (tabell, diagram, teckenforklaring)


@dataclass(frozen=True)
class Section:
    heading: str
    contents: tuple[Content, ...] = ()
    subsections: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Ledger:
    """The import's map (``[kontoplan]``): rows by account ranges, the dimensions, the CSV
    file's column labels (``excelreport import``)."""

    rows: tuple[tuple[str, tuple[str, ...]], ...]  # an operating row's label → account ranges
    investments: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    responsibility_dim: int = 1
    project_dim: int = 6
    activity_dim: int | None = None
    activities: tuple[tuple[str, tuple[str, ...]], ...] = ()  # an activity row → its codes
    csv_columns: tuple[tuple[str, str], ...] = ()  # (key, label), e.g. ("konto", "Konto")

    def map_data(self) -> dict:
        """The map in the form ``ledger.accounts.load_account_map`` reads."""
        return {"rows": {label: list(ranges) for label, ranges in self.rows},
                "investments": {"accounts": list(self.investments)},
                "ignored": {"accounts": list(self.ignored)},
                "dimensions": {"ansvar": self.responsibility_dim, "projekt": self.project_dim,
                               "verksamhet": self.activity_dim},
                "activities": {label: list(codes) for label, codes in self.activities}}


@dataclass(frozen=True)
class Profile:
    name: str
    version: str
    description: str
    units: tuple[str, ...]
    periods: tuple[Period, ...]
    goal_scale: Scale
    control_scale: Scale | None
    sheets: OptionalSheets
    sick_leave_groups: tuple[tuple[str, ...], ...]
    text_keys: tuple[str, ...]
    statements: tuple[Statement, ...]
    comment: CommentRule
    outline: tuple[Section, ...]
    ledger: Ledger | None = None  # [kontoplan]; None: the standard profile's

    @property
    def period_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.periods)

    @property
    def year_end(self) -> Period | None:
        return next((p for p in self.periods if p.year_end), None)

    @property
    def sick_leave_categories(self) -> tuple[str, ...]:
        return tuple(c for group in self.sick_leave_groups for c in group)

    def statement(self, sheet: str) -> Statement | None:
        return next((s for s in self.statements if s.sheet == sheet), None)

    def with_role(self, role: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.role == role)

    @property
    def drift(self) -> Statement:
        return self.with_role(ROLE_DRIFT)[0]

    @property
    def land_development(self) -> Statement | None:
        return next(iter(self.with_role(ROLE_LAND)), None)

    @property
    def per_activity(self) -> Statement | None:
        return next(iter(self.with_role(ROLE_ACTIVITY)), None)

