"""The button door: the live workbook in Excel, read and written through xlwings.

``main()`` is what the workbook's button runs (its macro starts ``python -E -P -c "import
excelreport.excel as k; k.main()"``, see ``macro``). The guard (``refusal``) is the first
thing it does with the book. ``button_read`` reads ``Profil`` and the sheets of its profile
(whole-range reads of at most ``MAX_CELLS`` cells); it runs the same service as the command line, writes the result
sheets from the same plan as ``excelreport run`` (one value write per sheet), writes the
report into the folder ``Rapport`` beside the workbook and tells the controller in Swedish
what happened, in the status cells on ``Info``. It never raises: an unexpected failure is
logged with its details and reported as a short message.

xlwings is imported only inside ``main()``; everything else takes the book as an argument,
so the tests drive it with a small fake of the xlwings API.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from . import button_sheets
from .button_import import import_into
from . import contract as C
from .findings import FEL, ExcelReportError, Finding
from .macro import START_SHEET, STATUS_RANGE
from .button_read import MAX_CELLS, read_book, to_cell  # noqa: F401  (the bound and to_cell: for tests)
from .read.grid import WorkbookGrids

REPORT_FOLDER = "Rapport"
LOG_NAME = "knappen.log"
LOG_MAX_BYTES = 1_000_000
OK, FEL_FOUND, FAILED = "ok", "fel", "failed"


@dataclass
class Outcome:
    """What a click did, as the status cells show it."""

    result: str  # OK, FEL_FOUND or FAILED
    message: str
    files: list[Path] = field(default_factory=list)
    log: Path | None = None


def main(import_first: bool = False) -> None:
    """Run by the workbook's button: check, write the result sheets and the report; with
    ``import_first`` (the button *Importera och skapa rapport*) import ``Info!Importfiler``
    into the workbook first (``button_import``)."""
    import xlwings as xw

    try:
        book = xw.Book.caller()
    except Exception as exc:  # noqa: BLE001 - not started from the workbook's button
        log = log_failure(None, exc)
        raise SystemExit("Knappen hittade inte sin arbetsbok i Excel; starta den från knappen "
                         f"i arbetsboken. Detaljer: {log}") from None
    run_book(book, import_first=import_first)


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
    from .service import check_grids
    from .write.plan import plan_checked

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
    active = _active_name(book)
    write_plans(book, plans, checked.shape.result_names)
    counts = _counts(checked.findings)
    if checked.ok and checked.report.is_finance_office:
        if active:
            _activate(book, active)
        from .consolidate.button import consolidate_book

        return Outcome(*consolidate_book(book, checked, pdf))
    if not checked.ok:
        _activate(book, C.KONTROLL.name)
        return Outcome(FEL_FOUND, f"Arbetsboken har {counts}: ingen rapport skapades. Bladet "
                       "Kontroll visar var felen finns (klicka på cellen). Rätta dem och tryck på "
                       "knappen igen.")
    if active:
        _activate(book, active)
    files, pdf_problem = write_report(checked, book, pdf)
    counts = _counts(checked.findings)  # the report may add notes (cleaned text)
    note = " Ingen PDF: LibreOffice är inte installerat (spara som PDF från Word)." if pdf_problem else ""
    return Outcome(OK, f"Klart: {counts}. Resultatbladen är uppdaterade och rapporten skapad.{note} "
                   "Spara arbetsboken för att behålla resultatbladen.", files)


def refusal(grids: WorkbookGrids) -> str:
    """Why the button must not run this workbook (its settings or folder were tampered
    with), or "" when it may."""
    from .button_guard import button_findings

    reasons = [f"{f.where + ': ' if f.where else ''}{f.message}"
               for f in button_findings(grids) if f.severity == FEL]
    if not reasons:
        return ""
    return ("Knappen körs inte: arbetsbokens inställningar för knappen eller filerna bredvid den är "
            "ändrade, och Python skulle då kunna köra något annat än verktyget. Inget har ändrats. "
            + " ".join(reasons) + " Be ekonomikontoret om en ny arbetsbok eller rätta detta.")


def _counts(findings: list[Finding]) -> str:
    fel = sum(f.severity == FEL for f in findings)
    warn = sum(f.severity == "Varning" for f in findings)
    notes = len(findings) - fel - warn
    return f"{fel} fel, {warn} varningar, {notes} info"


def report_folder(book) -> Path:
    """The folder ``Rapport`` beside the workbook (the documents folder for a cloud book)."""
    full = str(book.fullname)
    if "://" in full or not os.path.isabs(full):
        base = Path.home() / "Documents" / "excelreport"
    else:
        base = Path(full).parent / REPORT_FOLDER
    return base


def check_report_targets(checked, book) -> None:
    """Refuse a ``Rapport`` beside the workbook that is not a plain folder, and a report file
    there that is a link: the button writes through neither (anyone who can write in the
    workbook's folder could plant them)."""
    from .service import report_name

    folder = report_folder(book)
    shown = f"'{folder.name}' bredvid arbetsboken" if folder.name == REPORT_FOLDER else str(folder)
    if _is_link(folder):
        raise ExcelReportError(f"Knappen skriver ingen rapport: {shown} är en länk (till "
                               f"{os.path.realpath(folder)}), inte en mapp. Ta bort länken och tryck "
                               "på knappen igen; inget har skrivits.")
    if folder.exists() and not folder.is_dir():
        raise ExcelReportError(f"Knappen skriver ingen rapport: {shown} är en fil, inte en mapp, och "
                               "rapporten läggs i en mapp med det namnet. Döp om eller flytta filen "
                               "och tryck på knappen igen; inget har skrivits.")
    docx = folder / f"{report_name(checked.report.info)}.docx"
    for target in (docx, docx.with_suffix(".pdf")):
        if _is_link(target) or (target.exists() and not target.is_file()):
            what = "en länk" if _is_link(target) else "ingen vanlig fil"
            raise ExcelReportError(f"Knappen skriver ingen rapport: '{folder.name}/{target.name}' är "
                                   f"{what}, och knappen skriver inte genom den. Ta bort den och tryck "
                                   "på knappen igen; inget har skrivits.")


def _is_link(path: Path) -> bool:
    """A symbolic link or (Windows) a junction."""
    return path.is_symlink() or bool(getattr(os.path, "isjunction", lambda _: False)(path))


def write_report(checked, book, pdf: bool | None = None) -> tuple[list[Path], str]:
    """The Word report (and the PDF when LibreOffice is installed) in the folder ``Rapport``
    beside the workbook, named from Info as ``excelreport build`` names it."""
    from .service import report_checked, report_name

    folder = report_folder(book)
    folder.mkdir(parents=True, exist_ok=True)
    outcome = report_checked(checked, folder / f"{report_name(checked.report.info)}.docx", pdf=pdf)
    return [p for p in (outcome.docx, outcome.pdf) if p is not None], outcome.pdf_problem


# --- writing the result sheets -------------------------------------------------------------


def sheet_rows(plan) -> list[list]:
    """A plan's cells as xlwings writes them: floats for numbers, text that Excel keeps as text."""
    from .write.plan import table

    return [[_as_text(v) if isinstance(v, str) else v for v in row] for row in table(plan, float)]


def _as_text(text: str) -> str:
    """A leading apostrophe keeps Excel from reading ``=``, ``1-2`` or ``52%`` as a formula,
    date or number; Excel stores the text without it."""
    return "'" + text if text else text


def write_plans(book, plans, results: tuple[str, ...] = ()) -> None:
    """Replace the result sheets of ``plans`` in ``book``; remove stale result sheets (the
    contract's and ``results``, a profile's own). A sheet named like one that the toolkit did
    not write refuses the run first (``button_sheets``); every sheet written gets the mark."""
    from .read.owner import clash_message, result_name_clashes

    planned = {p.name for p in plans}
    for name, result in result_name_clashes([s.name for s in book.sheets]):
        if result in planned:
            raise ExcelReportError(clash_message(name, result))
    button_sheets.refuse_foreign(book, results)
    stale = set(C.ALL_RESULT_SHEET_NAMES) | set(results)
    for sheet in list(book.sheets):
        if sheet.name in stale and sheet.name not in planned and len(book.sheets) > 1:
            sheet.delete()
    existing = {s.name: s for s in book.sheets}
    for plan in plans:
        sheet = existing.get(plan.name)
        if sheet is None:
            sheet = book.sheets.add(plan.name, after=book.sheets[len(book.sheets) - 1])
        else:
            _com(lambda: sheet.api.Unprotect())
            sheet.clear()
        write_sheet(sheet, plan)
        button_sheets.mark(book, sheet)
        if plan.freeze_rows:
            _freeze(book, sheet, plan.freeze_rows)


def write_sheet(sheet, plan) -> None:
    """One value write for the whole sheet, then each look in rectangles of equal value."""
    from .read.grid import column_letter
    from .write.plan import style_grid

    rows = sheet_rows(plan)
    sheet.range("A1").value = rows
    styles = style_grid(plan)
    for attr, value, (r1, c1, r2, c2) in look_blocks(styles):
        _look(sheet.range((r1 + 1, c1 + 1), (r2 + 1, c2 + 1)), attr, value)
    for c1, c2, w in _width_blocks([c.width for c in plan.columns]):
        sheet.range(f"{column_letter(c1 + 1)}:{column_letter(c2 + 1)}").column_width = w
    for link in plan.links:
        _link(sheet, sheet.range((link.row + 2, link.col + 1)), link.location,
              str(plan.rows[link.row].values[link.col]), f"Gå till {link.sheet}!{link.ref}".rstrip("!"))
    _com(lambda: sheet.api.Protect(DrawingObjects=True, Contents=True, Scenarios=True,
                                   AllowFormattingColumns=True, AllowFormattingRows=True))


_LOOKS = (  # attribute of a CellStyle, its default (needs no call)
    ("excel_format", "General"), ("bold", False), ("fill", None), ("font_colour", None),
    ("wrap", False), ("indent", 0), ("underline", False),
)


def look_blocks(styles: list[list]) -> list[tuple[str, object, tuple[int, int, int, int]]]:
    """Each look (number format, bold, fill …) as rectangles of equal value, 0-based and
    inclusive (r1, c1, r2, c2): a sheet takes a handful of calls, not one per cell."""
    out = []
    for attr, default in _LOOKS:
        grid = [[getattr(s, attr) for s in row] for row in styles]
        out += [(attr, value, rect) for rect, value in blocks(grid) if value != default]
    return out


def blocks(grid: list[list]) -> list[tuple[tuple[int, int, int, int], object]]:
    """Runs of equal value down each column; neighbouring columns with the same runs joined."""
    columns = []
    for c in range(len(grid[0]) if grid else 0):
        runs, r = [], 0
        while r < len(grid):
            end = r
            while end + 1 < len(grid) and grid[end + 1][c] == grid[r][c]:
                end += 1
            runs.append((r, end, grid[r][c]))
            r = end + 1
        columns.append(runs)
    out, c = [], 0
    while c < len(columns):
        last = c
        while last + 1 < len(columns) and columns[last + 1] == columns[c]:
            last += 1
        out += [((r1, c, r2, last), value) for r1, r2, value in columns[c]]
        c = last + 1
    return out


def _width_blocks(widths: list[float]) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for c, w in enumerate(widths):
        if out and out[-1][2] == w and out[-1][1] == c - 1:
            out[-1] = (out[-1][0], c, w)
        else:
            out.append((c, c, w))
    return out


def _look(rng, attr: str, value) -> None:
    if attr == "excel_format":
        rng.number_format = value
    elif attr == "bold":
        rng.font.bold = True
    elif attr == "fill":
        rng.color = "#" + value
    elif attr == "font_colour":
        rng.font.color = "#" + value
    elif attr == "wrap":
        rng.wrap_text = True
    elif attr == "indent":
        _com(lambda: setattr(rng.api, "IndentLevel", value))
    elif attr == "underline":
        _com(lambda: setattr(rng.api.Font, "Underline", 2))  # xlUnderlineStyleSingle


def _link(sheet, rng, location: str, text: str, tip: str) -> None:
    """An in-workbook link, the way Excel stores one (SubAddress); xlwings' own call else."""
    try:
        sheet.api.Hyperlinks.Add(Anchor=rng.api, Address="", SubAddress=location,
                                 ScreenTip=tip, TextToDisplay=text)
    except Exception:  # noqa: BLE001 - no COM (another engine): a "#Blad!A1" address
        rng.add_hyperlink("#" + location, text, tip)


def _freeze(book, sheet, rows: int) -> None:
    """Keep the header in view: xlwings' freeze_panes where the engine has it, else Excel's
    window (which needs the sheet active; the caller re-activates the right sheet)."""
    try:
        sheet.freeze_panes.freeze_at(f"1:{rows}")
        return
    except Exception:  # noqa: BLE001 - not implemented by the Windows engine
        pass
    try:
        sheet.activate()
        window = book.app.api.ActiveWindow
        window.FreezePanes = False
        window.SplitColumn, window.SplitRow = 0, rows
        window.FreezePanes = True
    except Exception:  # noqa: BLE001
        pass


def _com(action) -> None:
    """A look that only Excel's own object model offers: best effort, never fatal."""
    try:
        action()
    except Exception:  # noqa: BLE001
        pass


def _active_name(book) -> str | None:
    try:
        return book.sheets.active.name
    except Exception:  # noqa: BLE001
        return None


def _activate(book, name: str) -> None:
    _com(lambda: book.sheets[name].activate())


# --- telling the controller ----------------------------------------------------------------


def _tell(book, started: dt.datetime, outcome: Outcome) -> None:
    """The status cells on Info (time, result, files); a message box when the run failed."""
    files = ("\n".join(str(p) for p in outcome.files) if outcome.files
             else (f"Logg: {outcome.log}" if outcome.log else "–"))
    status = [[started.strftime("%Y-%m-%d %H:%M")], [outcome.message], [files]]
    try:
        book.sheets[START_SHEET].range(STATUS_RANGE).value = [[_as_text(v[0])] for v in status]
    except Exception as exc:  # noqa: BLE001 - Info renamed or protected: the message box says it
        log_failure(book, exc)
        if outcome.result != FAILED:
            _alert(book, outcome.message)
    if outcome.result == FAILED:
        _alert(book, outcome.message)


def _alert(book, message: str) -> None:
    _com(lambda: book.app.alert(message, title="Delårsrapport", mode="critical"))


def log_path() -> Path:
    """``%LOCALAPPDATA%\\excelreport\\knappen.log`` (the temp folder where that is not set)."""
    base = os.environ.get("LOCALAPPDATA") or tempfile.gettempdir()
    return Path(base) / "excelreport" / LOG_NAME


def log_failure(book, exc: BaseException) -> Path | None:
    """Append the failure with its traceback to the log; returns the log's path."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_suffix(".old.log"))
        name = getattr(book, "fullname", "?")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} {name}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return path
    except OSError:
        return None
