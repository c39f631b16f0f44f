"""One click of the button: guard, check, result sheets, report, status.

``run_book`` reads the live book (``read``), refuses a workbook whose button settings or
folder were tampered with (``refusal``, the guard of ``button_guard``) before anything else,
imports the ledger files first for the second button (``imports``), runs the same service
as the command line, writes the result sheets from the same plan as ``excelreport run``
(``sheets``), the report into the folder ``Rapport`` beside the workbook (``report``) and
tells the controller in Swedish what happened, in the status cells on ``Info``. It never
raises: an unexpected failure is logged with its details (``log``) and reported as a short
message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .. import contract as C
from ..app.checking import check_grids
from ..check.button_guard import button_findings
from ..core.errors import ExcelReportError
from ..core.findings import FEL, severity_counts
from ..macro import START_SHEET, STATUS_RANGE
from ..read.grid import WorkbookGrids
from ..sheets.plan import plan_checked
from .imports import import_into
from .log import log_failure
from .read import read_book
from .report import check_report_targets, write_report
from .sheets import activate, active_name, as_text, best_effort, write_plans

OK, FEL_FOUND, FAILED = "ok", "fel", "failed"


@dataclass
class Outcome:
    """What a click did, as the status cells show it."""

    result: str  # OK, FEL_FOUND or FAILED
    message: str
    files: list[Path] = field(default_factory=list)
    log: Path | None = None


def run_book(book, now: dt.datetime | None = None, pdf: bool | None = None,
             import_first: bool = False) -> Outcome:
    """Check the live ``book``, write its result sheets and the report; never raises.

    ``pdf=None`` makes the PDF when LibreOffice is installed."""
    started = now or dt.datetime.now()
    app = book.app
    saved = _pause(app)
    try:
        outcome = _run(book, pdf, import_first)
    except ExcelReportError as exc:  # a known reason, already in Swedish
        outcome = Outcome(FAILED, str(exc), log=log_failure(book, exc))
    except PermissionError as exc:
        outcome = Outcome(FAILED, f"En fil kunde inte sparas: {exc.filename or exc}. Är den öppen "
                          "i Word eller en PDF-läsare? Stäng den och tryck på knappen igen.",
                          log=log_failure(book, exc))
    except Exception as exc:  # noqa: BLE001 - the controller gets a message, never a traceback
        log = log_failure(book, exc)
        outcome = Outcome(FAILED, f"Något oväntat gick fel ({type(exc).__name__}). Inga indata har "
                          f"ändrats. Skicka loggfilen till den som förvaltar verktyget: {log}", log=log)
    finally:
        _restore(app, saved)
    _tell(book, started, outcome)
    return outcome


# --- application settings ------------------------------------------------------------------


def _pause(app) -> dict:
    """Screen updating off, calculation manual, no alerts; returns what to restore."""
    saved = {}
    for name, value in (("screen_updating", False), ("calculation", "manual"),
                        ("display_alerts", False)):
        try:
            saved[name] = getattr(app, name)
            setattr(app, name, value)
        except Exception:  # noqa: BLE001 - a setting Excel refuses is not worth failing for
            pass
    return saved


def _restore(app, saved: dict) -> None:
    for name, value in reversed(list(saved.items())):
        try:
            setattr(app, name, value)
        except Exception:  # noqa: BLE001
            pass


# --- the run -------------------------------------------------------------------------------


def _run(book, pdf: bool | None = None, import_first: bool = False) -> Outcome:
    grids = read_book(book)
    refused = refusal(grids)
    if refused:
        return Outcome(FAILED, refused)
    if import_first:
        imported = import_into(book, grids)
        outcome = _run(book, pdf)
        outcome.message = f"{imported} {outcome.message}"
        return outcome
    checked = check_grids(grids)
    if checked.ok and not checked.report.is_finance_office:
        check_report_targets(checked, book)  # before anything is written
    plans = plan_checked(checked)
    active = active_name(book)
    write_plans(book, plans, checked.shape.result_names)
    counts = severity_counts(checked.findings)
    if checked.ok and checked.report.is_finance_office:
        if active:
            activate(book, active)
        from ..consolidate.button import consolidate_book  # 0.3 s, for this button only

        return Outcome(*consolidate_book(book, checked, pdf))
    if not checked.ok:
        activate(book, C.KONTROLL.name)
        return Outcome(FEL_FOUND, f"Arbetsboken har {counts}: ingen rapport skapades. Bladet "
                       "Kontroll visar var felen finns (klicka på cellen). Rätta dem och tryck på "
                       "knappen igen.")
    if active:
        activate(book, active)
    files, pdf_problem = write_report(checked, book, pdf)
    counts = severity_counts(checked.findings)  # the report may add notes (cleaned text)
    note = " Ingen PDF: LibreOffice är inte installerat (spara som PDF från Word)." if pdf_problem else ""
    return Outcome(OK, f"Klart: {counts}. Resultatbladen är uppdaterade och rapporten skapad.{note} "
                   "Spara arbetsboken för att behålla resultatbladen.", files)


def refusal(grids: WorkbookGrids) -> str:
    """Why the button must not run this workbook (its settings or folder were tampered
    with), or "" when it may."""
    reasons = [f"{f.where + ': ' if f.where else ''}{f.message}"
               for f in button_findings(grids) if f.severity == FEL]
    if not reasons:
        return ""
    return ("Knappen körs inte: arbetsbokens inställningar för knappen eller filerna bredvid den är "
            "ändrade, och Python skulle då kunna köra något annat än verktyget. Inget har ändrats. "
            + " ".join(reasons) + " Be ekonomikontoret om en ny arbetsbok eller rätta detta.")


# --- telling the controller ----------------------------------------------------------------


def _tell(book, started: dt.datetime, outcome: Outcome) -> None:
    """The status cells on Info (time, result, files); a message box when the run failed."""
    files = ("\n".join(str(p) for p in outcome.files) if outcome.files
             else (f"Logg: {outcome.log}" if outcome.log else "–"))
    status = [[started.strftime("%Y-%m-%d %H:%M")], [outcome.message], [files]]
    try:
        book.sheets[START_SHEET].range(STATUS_RANGE).value = [[as_text(v[0])] for v in status]
    except Exception as exc:  # noqa: BLE001 - Info renamed or protected: the message box says it
        log_failure(book, exc)
        if outcome.result != FAILED:
            _alert(book, outcome.message)
    if outcome.result == FAILED:
        _alert(book, outcome.message)


def _alert(book, message: str) -> None:
    best_effort(lambda: book.app.alert(message, title="Delårsrapport", mode="critical"))
