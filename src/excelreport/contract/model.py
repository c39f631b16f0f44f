"""The contract's building blocks: the kinds of value, and the dataclasses that declare an
input sheet (``Sheet`` of ``Column`` and fixed ``Row``) and a result sheet (``ResultSheet``)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of value a column (or a fixed row) holds.
TEXT = "text"
INT = "int"  # whole number
NUMBER = "number"  # any number
AMOUNT = "amount"  # money in Info!Enhet
PERCENT = "percent"  # percent number (52.6), typed as 52,6 or as Excel percent 0,526
CHOICE = "choice"  # one of Column.choices
DATE = "date"  # a date: an Excel date, or text ÅÅÅÅ-MM-DD

# How a sheet is laid out (``Sheet.layout``): what reading, writing, carrying and the
# calculation follow, whatever the sheet is called.
TABLE = "table"  # a table: fixed, labelled rows when ``rows`` declares them, else free rows
FORM = "form"  # label and value: the value column takes each row's kind; only required rows must be there (Info)
TEXTS = "texts"  # one text per key, keys in any order and optional (Texter)
TREE = "tree"  # free rows in levels: a row with rows under it is their sum (Investeringar)


@dataclass(frozen=True)
class Column:
    """A column of a table sheet, found by its header label."""

    label: str
    kind: str = TEXT
    required: bool = False  # every data row must have a value
    choices: tuple[str, ...] = ()
    header_optional: bool = False  # the header itself may be left out
    width: int = 14
    help: str = ""


@dataclass(frozen=True)
class Row:
    """A fixed row of a sheet, found by its label in the first column."""

    label: str
    kind: str = AMOUNT
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    derived: bool = False  # a sum row: computed, a filled value is only compared
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    """An input sheet: a table of free rows, or a table of fixed, labelled rows, laid out as
    ``layout`` says."""

    name: str
    columns: tuple[Column, ...]
    help: str
    rows: tuple[Row, ...] = ()  # fixed rows (label in the first column); empty = free rows
    rows_optional: bool = False  # fixed rows may be left out (Texter)
    layout: str = TABLE

    @property
    def key(self) -> Column:
        return self.columns[0]

    def column(self, label: str) -> Column:
        return next(c for c in self.columns if c.label == label)

    def row(self, label: str) -> Row:
        return next(r for r in self.rows if r.label == label)

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns if not c.header_optional)


def amount_columns(*labels: str, width: int = 13) -> tuple[Column, ...]:
    """Amount columns of these labels."""
    return tuple(Column(label, AMOUNT, width=width) for label in labels)


@dataclass(frozen=True)
class ResultSheet:
    """A sheet a run writes: its name and column headers."""

    name: str
    columns: tuple[str, ...]
    help: str = ""
    amount_columns: tuple[str, ...] = field(default=())
    followups_after: str | None = None  # one column per earlier follow-up is inserted after this one
