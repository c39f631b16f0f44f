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


@dataclass
class ReportOutcome:
    """What ``report``/``build`` did: the check, the files written, a PDF problem if any."""

    checked: Checked
    docx: Path | None = None
    pdf: Path | None = None
    pdf_problem: str = ""
    run: RunOutcome | None = None

    @property
    def blocking(self) -> list[Finding]:
        """The ``Fel`` that stop the report (empty when it was written)."""
        return [f for f in self.checked.findings if f.severity == "Fel"]


def _write_report(outcome: ReportOutcome, out: Path, template, pdf: bool | None,
                  charts=None) -> ReportOutcome:
    """Write the report of a checked workbook; ``pdf=None`` = a PDF when LibreOffice exists."""
    from .report.build import write_report
    from .report.pdf import NO_LIBREOFFICE, soffice

    checked = outcome.checked
    if not checked.ok or checked.results is None or checked.report.is_finance_office:
        return outcome
    have_office = soffice() is not None
    if pdf is not False and not have_office:
        outcome.pdf_problem = NO_LIBREOFFICE
    files = write_report(checked.report, checked.results, out, template=template,
                         pdf=have_office and pdf is not False, charts=charts)
    checked.findings = sort_findings(checked.findings + files.findings)
    outcome.docx, outcome.pdf = files.docx, files.pdf
    return outcome


def report_file(path: str | Path, out: str | Path, *, template: str | Path | None = None,
                pdf: bool = False) -> ReportOutcome:
    """Check the workbook and write the Word report to ``out`` (and the PDF next to it).

    With ``Fel`` in the workbook nothing is written (``outcome.blocking`` says why).
    """
    return _write_report(ReportOutcome(check_file(path)), Path(out), template, pdf)


def report_checked(checked: Checked, out: str | Path, *, template: str | Path | None = None,
                   pdf: bool | None = None) -> ReportOutcome:
    """The report of a workbook already read and checked (the Excel button reads the live
    book itself); ``pdf=None`` = a PDF when LibreOffice is installed."""
    return _write_report(ReportOutcome(checked), Path(out), template, pdf)


def report_name(info) -> str:
    """The report's file name from Info, e.g. ``Delårsbokslut 2023 Kommunstyrelsen``."""
    import re

    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", info.title).strip(" .")
    return re.sub(r"\s+", " ", name) or "Rapport"


def build_file(path: str | Path, out_dir: str | Path | None = None, *,
               template: str | Path | None = None, pdf: bool | None = None) -> ReportOutcome:
    """The button's whole job: ``run`` (result sheets written back), then the report named
    from Info in ``out_dir`` (default: the workbook's folder), and the PDF when LibreOffice
    is installed."""
    from .report.charts import ChartWorker

    charts = ChartWorker()  # imports the chart library in parallel with the run
    try:
        ran = run_file(path)
        outcome = ReportOutcome(ran.checked, run=ran)
        if not ran.checked.ok or ran.checked.report.is_finance_office:
            return outcome  # the finansförvaltning has no report of its own: see consolidate
        folder = Path(out_dir) if out_dir is not None else Path(path).resolve().parent
        out = folder / f"{report_name(ran.checked.report.info)}.docx"
        return _write_report(outcome, out, template, pdf, charts)
    finally:
        charts.close()
