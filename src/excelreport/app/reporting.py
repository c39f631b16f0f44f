"""report: the Word report (and PDF) of a checked workbook, for ``report``, ``build`` and the
Excel button; the files it will write, checked first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.atomic import ensure_writable
from ..core.codes import Code
from ..core.errors import WorkbookLocked
from ..core.findings import FEL, VARNING, Finding, sort_findings
from ..core.names import report_name
from ..report.pdf import NO_LIBREOFFICE, soffice
from .checking import Checked, RunOutcome, check_file
from .templates_place import find_template


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
        return [f for f in self.checked.findings if f.severity == FEL]


def _write_report(outcome: ReportOutcome, out: Path, template, pdf: bool | None) -> ReportOutcome:
    """Write the report of a checked workbook; ``pdf=None`` = a PDF when LibreOffice exists."""
    return save_report(outcome, build_report(outcome.checked, template), out, pdf)


def build_report(checked: Checked, template):
    """The report in memory (``report.build.build_document``), or None when there is none
    (a Fel, or the finansförvaltning's workbook: its report is the compilation's)."""
    if not checked.ok or checked.results is None or checked.report.is_finance_office:
        return None
    from ..report.build import build_document

    profile = checked.profile.profile if checked.profile else None
    return build_document(checked.report, checked.results,
                          find_template(template, profile.name if profile else None), profile)


def save_report(outcome: ReportOutcome, built, out: Path, pdf: bool | None) -> ReportOutcome:
    """Save a report built by ``build_report`` (and its PDF): the files and findings."""
    from ..report.build import save_document

    if built is None:
        return outcome
    document, findings = built
    have_office = soffice() is not None
    if pdf is not False and not have_office:
        outcome.pdf_problem = NO_LIBREOFFICE
    outcome.docx, outcome.pdf = save_document(document, out, pdf=have_office and pdf is not False)
    findings = findings + [Finding(VARNING, Code.TYPSNITT_SAKNAS, "", "", note) for note in document.pdf_notes]
    outcome.checked.findings = sort_findings(outcome.checked.findings + findings)
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


def report_targets(info, out_dir: Path, pdf: bool) -> list[Path]:
    """The report files ``build`` writes for ``info`` into ``out_dir``."""
    docx = out_dir / f"{report_name(info)}.docx"
    return [docx, docx.with_suffix(".pdf")] if pdf else [docx]


def check_targets(targets: list[Path]) -> None:
    """Raise WorkbookLocked unless every target can be written (its folder made if missing)."""
    for target in targets:
        if not target.parent.exists():
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WorkbookLocked(f"Mappen {target.parent} kan inte skapas ({exc.strerror or exc}); "
                                     "inget har skrivits.") from None
        ensure_writable(target)
