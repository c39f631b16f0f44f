"""run and build, for both doors (check is in checking.py, the report in reporting.py)."""

from __future__ import annotations

from pathlib import Path

from ..core.atomic import ensure_writable
from ..core.background import Background
from ..core.codes import Code
from ..core.errors import ExcelReportError
from ..core.findings import VARNING, Finding
from ..report.pdf import soffice
from ..sheets.plan import plan_checked
from ..write.xlsx import write_results
from .checking import Checked, RunOutcome, check_file
from .reporting import ReportOutcome, build_report, check_targets, report_targets, save_report


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
        built = build_report(checked, template)
    except BaseException as exc:  # noqa: BLE001 - raised below, once the sheets are written
        failed = exc
    ran = _ran(checked, path, writing.result())  # the write's own error, as without a helper
    outcome = ReportOutcome(ran.checked, run=ran)
    try:
        if failed is not None:
            raise failed
        return save_report(outcome, built, out, pdf)
    except ExcelReportError as exc:
        raise ExcelReportError(f"Resultatbladen skrevs till {path}, men rapporten blev inte klar: "
                               f"{exc}") from None
