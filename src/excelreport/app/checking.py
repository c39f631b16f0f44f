"""check: a workbook read, validated and (when possible) calculated; what every command
that reads a workbook starts with, and all that ``check`` loads."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..calc.figures import Results, calculate
from ..check import Validator, validate
from ..check.button_guard import button_findings
from ..core.findings import Finding, has_errors, sort_findings
from ..core.model import BoardReport
from ..profile.carrier import Carried, carried, is_standard
from ..profile.shape import STANDARD, Shape, shape_of
from ..read.grid import WorkbookGrids
from ..read.xlsx import is_contract_sheet, read_workbook


@dataclass
class Checked:
    """A workbook read, validated and (when possible) calculated."""

    report: BoardReport | None
    results: Results | None
    findings: list[Finding] = field(default_factory=list)
    profile: Carried | None = None  # the profile the workbook carries (None: standard)
    shape: Shape = STANDARD  # the sheets and rules it follows (its profile's)

    @property
    def ok(self) -> bool:
        return self.report is not None and not has_errors(self.findings)



@dataclass
class RunOutcome:
    """What ``run`` did: the check, where it wrote, the sheets written and removed."""

    checked: Checked
    target: Path
    sheets: list[str]
    removed: list[str] = field(default_factory=list)

def check_grids(book: WorkbookGrids, validator: Validator | None = None) -> Checked:
    """Validate the grids and, where the model is complete enough, calculate. A given
    ``validator`` (of ``book``) keeps the sheets as read, for the caller to reuse."""
    profile = carried(book)
    shape = workbook_shape(profile)
    v = validator or Validator(book, shape)
    report, findings = validate(book, v)
    findings = button_findings(book) + findings
    results = calculate(report, shape) if report is not None else None
    if v.provisional is not None:  # a Fel in Info or a goal: check what does not depend on it
        findings = findings + calculate(v.provisional, shape).findings
    elif results is not None:
        findings = findings + results.findings
    return Checked(report, results, sort_findings(findings), profile, shape)


def workbook_shape(profile: Carried | None) -> Shape:
    """The shape a workbook follows: standard's, or (carrying another profile) its profile's;
    the carried ``standard`` is named in Kontroll but checked as without a profile."""
    if is_standard(profile):
        return STANDARD if profile is None else replace(STANDARD, label=profile.label)
    return shape_of(profile)


def check_file(path: str | Path) -> Checked:
    """Read and check a workbook file; raises UnusableFile when it cannot be read."""
    return check_grids(read_for_check(path))


def read_for_check(path: str | Path) -> WorkbookGrids:
    """Every sheet the workbook's profile declares, read (its own sheets, Verksamhetsmått, …,
    in a second pass: the reader knows the contract's names only)."""
    book = read_workbook(path)
    shape = workbook_shape(carried(book))
    unread = {s.name for s in shape.input_sheets if not is_contract_sheet(s.name)} & set(book.sheets)
    return read_workbook(path, also=frozenset(unread)) if unread else book
