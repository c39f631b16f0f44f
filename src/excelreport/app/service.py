"""run / report / build (and check, from checking.py): the one place the command line and the
Excel button call."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.atomic import ensure_writable
from ..core.background import Background
from ..core.codes import Code
from ..core.errors import ExcelReportError, WorkbookLocked
from ..core.findings import VARNING, Finding, sort_findings
from ..core.names import report_key, report_name  # noqa: F401 (report_key: re-exported for cli)
from ..report.pdf import NO_LIBREOFFICE, soffice
from ..sheets.plan import plan_checked
from ..write.xlsx import write_results
from .checking import (Checked, check_file, check_grids, read_for_check,  # noqa: F401 (re-exported)
                       workbook_shape)
from .templates_place import find_template


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
    path = Path(path)
    target = Path(out) if out is not None else path
    checked = check_file(path)
    ensure_writable(target)
    return _write_checked(path, checked, target)


def _write_checked(path: Path, checked: Checked, target: Path) -> RunOutcome:
    """The result sheets of a checked workbook into ``target``; a note the write had to
    make (a hard link not kept) becomes a Varning."""
    return _ran(checked, target, _write_sheets(path, checked, target))


def _write_sheets(path: Path, checked: Checked, target: Path):
    return write_results(path, plan_checked(checked), target, checked.shape.result_names)


def _ran(checked: Checked, target: Path, written) -> RunOutcome:

    checked.findings = checked.findings + [Finding(VARNING, Code.HARD_LANK, "", "", note)
                                           for note in written.notes]
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


def _write_report(outcome: ReportOutcome, out: Path, template, pdf: bool | None) -> ReportOutcome:
    """Write the report of a checked workbook; ``pdf=None`` = a PDF when LibreOffice exists."""
    return _save_report(outcome, _build_report(outcome.checked, template), out, pdf)


def _build_report(checked: Checked, template):
    """The report in memory (``report.build.build_document``), or None when there is none."""
    if not checked.ok or checked.results is None or checked.report.is_finance_office:
        return None
    from ..report.build import build_document

    profile = checked.profile.profile if checked.profile else None
    return build_document(checked.report, checked.results,
                          find_template(template, profile.name if profile else None), profile)


def _save_report(outcome: ReportOutcome, built, out: Path, pdf: bool | None) -> ReportOutcome:
    """Save a report built by ``_build_report`` (and its PDF): the files and findings."""
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


def build_file(path: str | Path, out_dir: str | Path | None = None, *,
               template: str | Path | None = None, pdf: bool | None = None) -> ReportOutcome:
    """The button's whole job: ``run`` (result sheets written back), then the report named
    from Info in ``out_dir`` (default: the workbook's folder), and the PDF when LibreOffice
    is installed. Every target is checked before anything is written."""
    path = Path(path)
    checked = check_file(path)
    ensure_writable(path)
    folder = Path(out_dir) if out_dir is not None else path.resolve().parent
    out = None
    if checked.ok and not checked.report.is_finance_office:  # its report: see consolidate
        targets = report_targets(checked.report.info, folder, pdf is not False and soffice() is not None)
        check_targets(targets)
        out = targets[0]
    if out is None:
        ran = _write_checked(path, checked, path)
        return ReportOutcome(ran.checked, run=ran)
    # The result sheets are written in a helper process while the report is built here.
    writing = Background(_write_sheets, path, checked, path, what="skrivningen av resultatbladen")
    built = failed = None
    try:
        built = _build_report(checked, template)
    except BaseException as exc:  # noqa: BLE001 - raised below, once the sheets are written
        failed = exc
    ran = _ran(checked, path, writing.result())  # the write's own error, as without a helper
    outcome = ReportOutcome(ran.checked, run=ran)
    try:
        if failed is not None:
            raise failed
        return _save_report(outcome, built, out, pdf)
    except ExcelReportError as exc:
        raise ExcelReportError(f"Resultatbladen skrevs till {path}, men rapporten blev inte klar: "
                               f"{exc}") from None
