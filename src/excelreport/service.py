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


@dataclass
class RunOutcome:
    """What ``run`` did: the check, where it wrote, the sheets written and removed."""

    checked: Checked
    target: Path
    sheets: list[str]
    removed: list[str] = field(default_factory=list)


def run_file(path: str | Path, out: str | Path | None = None) -> RunOutcome:
    """Check the workbook and write the result sheets back (only ``Kontroll`` when it has ``Fel``).

    Writes in place, or to ``out``; atomically, leaving every input part unchanged.
    Raises UnusableFile (unreadable) or WorkbookLocked (open in Excel, read-only).
    """
    from .write.plan import plan_checked
    from .write.safe import ensure_writable
    from .write.xlsx import write_results

    path = Path(path)
    target = Path(out) if out is not None else path
    checked = check_file(path)
    ensure_writable(target)
    written = write_results(path, plan_checked(checked), target)
    return RunOutcome(checked, target, written.sheets, written.removed)
