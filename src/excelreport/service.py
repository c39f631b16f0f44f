"""check / run / report / build: the one place the command line and the Excel button call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .calc import Results, calculate
from .findings import Finding, has_errors, sort_findings
from .model import BoardReport
from .read.grid import WorkbookGrids
from .validate import validate


@dataclass
class Checked:
    """A workbook read, validated and (when possible) calculated."""

    report: BoardReport | None
    results: Results | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report is not None and not has_errors(self.findings)


def check_grids(book: WorkbookGrids) -> Checked:
    """Validate the grids and, where the model is complete enough, calculate."""
    report, findings = validate(book)
    results = None
    if report is not None:
        results = calculate(report)
        findings = findings + results.findings
    return Checked(report, results, sort_findings(findings))


def check_file(path: str | Path) -> Checked:
    """Read and check a workbook file; raises UnusableFile when it cannot be read."""
    from .read.xlsx import read_workbook

    return check_grids(read_workbook(path))
