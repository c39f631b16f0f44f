"""A board's validated report data: plain dataclasses, amounts as exact Decimals.

Every value keeps the address of the cell it came from (``cells``), so each figure of the
result sheets and the report can be traced back to the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Amount = Decimal | None


@dataclass
class Info:
    kommun: str
    namnd: str
    ar: int
    period: str
    slutmanad: int
    foregaende_prognos: str = ""
    enhet: str = "tkr"
    kommentarsgrans: Amount = None
    sjukfranvaro_avser: str = ""
    sammantradesdatum: date | None = None
    diarienummer: str = ""
    typ: str = "Nämnd"  # or "Finansförvaltning"
    ordning: int | None = None
    resultatmal: Decimal | None = None  # percent number, e.g. 2

    @property
    def title(self) -> str:
        """E.g. ``Delårsbokslut 2023 Kommunstyrelsen``."""
        return f"{self.period} {self.ar} {self.namnd}"


@dataclass
class Goal:
    kf_nr: int
    kf_text: str
    nr: int
    text: str
    assessment: str
    forecast: str = ""
    agenda: str = ""
    comment: str = ""
    row: int = 0
    previous_assessment: str = ""  # Föregående bedömning (written by next)


@dataclass
class Indicator:
    goal_nr: int
    name: str
    unit: str
    direction: str
    target: Amount = None
    outcome: Amount = None
    preliminary: bool = False
    previous: Amount = None
    two_years_ago: Amount = None
    row: int = 0
    previous_followup: Amount = None  # Utfall föregående uppföljning (written by next)
    decimals: dict[str, int | None] = field(default_factory=dict)  # shown by the cell's format


@dataclass
class Assignment:
    text: str
    status: str
    comment: str = ""
    row: int = 0


@dataclass
class AmountRow:
    """A row of Drift, Exploatering or Investeringar.

    ``values`` holds the typed amounts by column label (None = empty); ``cells`` the
    address of each; ``derived`` marks a sum row, whose ``values`` are what the
    controller filled (only compared, never used).
    """

    label: str
    values: dict[str, Amount] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    derived: bool = False
    level: int = 1  # Investeringar only
    row: int = 0


@dataclass
class PairRow:
    """A row of Personal or Sjukfrånvaro: last year and this year."""

    label: str
    previous: Amount = None
    current: Amount = None
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class VolumeRow:
    """A row of Verksamhetsmått: a measure, its unit, budget and outcomes."""

    label: str
    unit: str = ""
    budget: Amount = None
    outcome: Amount = None
    previous: Amount = None
    comment: str = ""
    row: int = 0
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class ControlPoint:
    risk: str
    moment: str = ""
    method: str = ""
    assessment: str = ""
    result: str = ""
    action: str = ""
    row: int = 0


@dataclass
class HistoryRow:
    """A row of Prognoshistorik: one earlier follow-up's full-year forecast of one row."""

    followup: str
    month: int | None
    sheet: str
    label: str
    forecast: Amount = None
    row: int = 0


@dataclass
class BoardReport:
    """Everything one workbook says, validated."""

    info: Info
    texts: dict[str, str] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    drift: list[AmountRow] = field(default_factory=list)
    exploatering: list[AmountRow] = field(default_factory=list)
    investments: list[AmountRow] = field(default_factory=list)
    personal: list[PairRow] = field(default_factory=list)
    sick_leave: list[PairRow] = field(default_factory=list)
    controls: list[ControlPoint] = field(default_factory=list)
    text_cells: dict[str, str] = field(default_factory=dict)  # key → "Texter!B4"
    history: list[HistoryRow] = field(default_factory=list)  # Prognoshistorik, in order
    # Every operating statement's rows by sheet name (standard: Drift and Exploatering, also
    # in drift/exploatering); a profile's Verksamhetsmått.
    statements: dict[str, list[AmountRow]] = field(default_factory=dict)
    volumes: list[VolumeRow] = field(default_factory=list)
    # The finansförvaltning workbook (Info!Typ = Finansförvaltning) only:
    financing: list[AmountRow] = field(default_factory=list)  # Finansiering
    balance: list[AmountRow] = field(default_factory=list)  # Balanskrav

    @property
    def is_finance_office(self) -> bool:
        return self.info.typ == "Finansförvaltning"


@dataclass
class ResultRow:
    """One row of a result sheet: values by the result sheet's column names.

    A row of ``Resultat Verksamhetsmått`` holds the measure's unit as text under ``Enhet``
    (the only text among the values; the sheet's column of that name shows it).
    """

    label: str
    values: dict[str, Decimal | str | None]
    derived: bool = False  # a sum row (bold)
    level: int = 0  # investment tree level; 0 for Totala utgifter
    sources: dict[str, str] = field(default_factory=dict)  # column → input cell
