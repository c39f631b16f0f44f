"""``excelreport import``: the board's budget and outcomes from ledger files into the workbook.

The workbook is read and checked as by ``check``; the files (SIE or CSV, recognised by
their content) are read for the lines ``Info!Ansvar`` / ``Info!Ansvar exploatering`` and
the investment rows' ``Projekt`` select, and summed per row and month (``ledger``). Only
the import cells change — Budget, Periodbudget, Utfall period and Utfall period
föregående år of the operating sheets, the two outcome columns of the investment rows
with a Projekt — plus ``Info!Importerad från`` and the cached values of the formulas that
sum them; every other byte of the package is kept (``write.cells``). Any ``Fel`` and
nothing is written.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .. import contract as C
from ..check import Validator, fixed_rows
from ..check.cells import as_text
from ..core.atomic import ensure_writable
from ..core.codes import Code
from ..core.errors import ExcelReportError, MapError
from ..core.findings import FEL, Finding
from ..core.numbers import format_number
from ..ledger.accounts import AccountMap, account_map, overlap, parse_codes
from ..ledger.combine import Change, figures
from ..ledger.csvfile import read_csv
from ..ledger.sie import read_sie
from ..ledger.sums import LedgerFile, Selection
from ..profile.carrier import carried
from ..profile.shape import ROLE_ACTIVITY, Shape
from ..read.formula import Work, evaluate
from ..read.grid import Cell, WorkbookGrids, address
from ..write.cells import patch_sheet, write_parts
from ..write.xlsx import Package
from .checking import check_grids, read_for_check, workbook_shape

# The profile's [kontoplan.csv] keys → the CSV reader's column keys.
CSV_KEYS = {"ar": "year", "manad": "month", "konto": "account", "ansvar": "responsibility",
            "verksamhet": "activity", "projekt": "project", "belopp": "amount", "typ": "kind"}

SOURCE = "Importerad från"
Progress = Callable[[Path, int], None]


@dataclass
class ImportOutcome:
    """What ``import`` found and did: blocking findings, or the cells changed and written."""

    findings: list[Finding] = field(default_factory=list)
    changes: list[tuple[str, object, object]] = field(default_factory=list)  # (Blad!Cell, old, new)
    selected: Decimal = Decimal(0)
    written: Decimal = Decimal(0)
    target: Path | None = None
    files: list[LedgerFile] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == FEL]


def kind_of(path: Path) -> str:
    """``SIE`` when the content starts with a label (``#FLAGGA``…), else ``CSV``."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ExcelReportError(f"{path}: filen kan inte läsas ({exc.strerror or exc}).") from None
    return "SIE" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"#") else "CSV"


def read_ledger(path: Path, selection: Selection, progress: Progress | None = None,
                columns: dict[str, str] | None = None) -> LedgerFile:
    """One file read; ``columns`` the profile's CSV labels (``[kontoplan.csv]``, by key)."""
    if not path.is_file():
        raise ExcelReportError(f"{path}: filen finns inte (eller är ingen vanlig fil).")
    step = (lambda n: progress(path, n)) if progress else None
    if kind_of(path) == "SIE":
        return read_sie(path, selection, step)
    return read_csv(path, selection, step, {CSV_KEYS[k]: label for k, label in (columns or {}).items()})


def info_text(v: Validator, label: str) -> tuple[str, str]:
    """An Info field's text and its cell (``B17``), or ("", "")."""
    located = fixed_rows(v, C.INFO)
    if located is None or label not in located[1]:
        return "", ""
    table, rows = located
    cell = table.cell(rows[label], "Värde")
    return (as_text(cell.value) if not cell.empty else ""), table.ref(rows[label], "Värde")


def selection_of(v: Validator, checked, amap: AccountMap, out: ImportOutcome) -> tuple[Selection, dict[int, str]]:
    codes = {}
    for label in ("Ansvar", "Ansvar exploatering"):
        text, ref = info_text(v, label)
        try:
            codes[label] = parse_codes(text)
        except MapError as exc:
            out.findings.append(Finding(FEL, Code.IMPORT_ANSVAR, "Info", ref, f"{label}: {exc}"))
            codes[label] = parse_codes("")
    both = overlap(codes["Ansvar"], codes["Ansvar exploatering"], ())
    if both:
        out.findings.append(Finding(FEL, Code.IMPORT_ANSVAR_DUBBELT, "Info", info_text(v, "Ansvar")[1],
                                    f"Koden {both[0]} finns i både Ansvar och Ansvar exploatering; en kod "
                                    "hör till ett blad."))
    projects = _projects(v, checked, out)
    selection = Selection(codes["Ansvar"], codes["Ansvar exploatering"], frozenset(projects.values()), amap)
    if not selection.drift and not selection.exploatering and not projects:
        out.findings.append(Finding(FEL, Code.IMPORT_INGET_URVAL, "Info", "", (
            "Info!Ansvar är tomt och ingen investering har ett Projekt: importen vet inte vilka rader i "
            "redovisningen som är nämndens. Fyll i Ansvar (t.ex. 110, 120-129) i bladet Info.")))
    return selection, projects


def _projects(v: Validator, checked, out: ImportOutcome) -> dict[int, str]:
    """Investment row number → Projekt code, for the leaf rows that have one."""
    table = v.table(C.INVESTERINGAR)
    if table is None or "Projekt" not in table.columns or checked.report is None:
        return {}
    projects: dict[int, str] = {}
    for row in checked.report.investments:
        cell = table.cell(row.row, "Projekt")
        if cell.empty:
            continue
        if row.derived:
            out.findings.append(Finding(FEL, Code.IMPORT_PROJEKT_SUMMARAD, "Investeringar",
                                        table.ref(row.row, "Projekt"),
                                        f"{row.label}: raden har underrader och summeras; Projekt hör "
                                        "hemma på underraderna."))
            continue
        projects[row.row] = as_text(cell.value)
    return projects


def _cell_of(v: Validator, change: Change) -> tuple[str, int, int] | None:
    statement = v.shape.statement(change.sheet)  # the workbook's profile's sheet
    spec = statement.sheet if statement else C.SHEETS_BY_NAME[change.sheet]
    if spec.layout == C.TREE:  # a project's row of the tree, by its row number
        return spec.name, change.row, v.table(spec).columns[change.column]
    located = fixed_rows(v, spec)
    if located is None or change.row not in located[1]:
        return None
    table, rows = located
    return change.sheet, rows[change.row], table.columns[change.column]


def activity_rows(shape: Shape) -> tuple[str, frozenset[str]] | None:
    """The activity sheet (the profile's role ``verksamhet``) and the rows of the sheet it
    reconciles with whose accounts it takes: the rows the reconciled row sums, to the leaves."""
    statement = next(iter(shape.with_role(ROLE_ACTIVITY)), None)
    if statement is None or statement.reconcile is None:
        return None
    other = shape.statement(statement.reconcile.sheet)
    sums = other.sums if other is not None else {}

    def leaves(row: str) -> set[str]:
        return set().union(*(leaves(m) for m in sums[row])) if row in sums else {row}
    return statement.name, frozenset(leaves(statement.reconcile.row))


def source_text(files: list[LedgerFile], now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now().astimezone()
    names = "; ".join(f"{f.path.name} (SHA-256 {f.sha256})" for f in files)
    return f"{names}; {now:%Y-%m-%d %H:%M}"


def _source_cell(v: Validator) -> tuple[int, int, int | None]:
    """(row, value column, label column when a new row is needed) of Info!Importerad från."""
    table, rows = fixed_rows(v, C.INFO)
    value_col = table.columns["Värde"]
    if SOURCE in rows:
        return rows[SOURCE], value_col, None
    label_col, row = table.columns["Fält"], max([table.header_row, *rows.values()]) + 1
    while not (table.grid.get(row, label_col).empty and table.grid.get(row, value_col).empty):
        row += 1  # a note of the user's below the fields stays
    return row, value_col, label_col


def plan_import(book: WorkbookGrids, paths: list[Path], *, amap: AccountMap | None = None,
                progress: Progress | None = None) -> tuple[ImportOutcome, dict[str, dict]]:
    """What ``import`` would write: the outcome and, per sheet, {(row, col): value}."""
    out = ImportOutcome()
    v = Validator(book, workbook_shape(carried(book)))
    checked = check_grids(book, v)
    if checked.report is None:
        out.findings = [f for f in checked.findings if f.severity == FEL] or [
            Finding(FEL, Code.IMPORT_INFO, "Info", "", "Bladet Info kan inte läsas; importen behöver År, "
                    "Periodens slutmånad och Enhet.")]
        return out, {}
    info = checked.report.info
    ledger = checked.profile.profile.ledger if checked.profile is not None else None
    selection, projects = selection_of(v, checked, amap or account_map(ledger), out)
    if out.blocking:
        return out, {}
    columns = dict(ledger.csv_columns) if ledger is not None else {}
    out.files = [read_ledger(Path(p), selection, progress, columns) for p in paths]
    result = figures(out.files, selection, year=info.ar, last=info.slutmanad, unit=info.enhet,
                     projects=projects, activity=activity_rows(v.shape))
    out.findings += result.findings
    out.selected, out.written = result.selected, result.written
    if out.blocking:
        return out, {}
    cells: dict[str, dict] = {}
    for change in result.changes:
        where = _cell_of(v, change)
        if where is None:
            out.findings.append(Finding(FEL, Code.IMPORT_RAD_SAKNAS, change.sheet, "",
                                        f"Raden '{change.row}' saknas; importen skriver dess {change.column}."))
            continue
        sheet, r, c = where
        cells.setdefault(sheet, {})[(r, c)] = change.value
    row, col, label_col = _source_cell(v)
    cells.setdefault("Info", {})[(row, col)] = source_text(out.files)
    if label_col is not None:
        cells["Info"][(row, label_col)] = SOURCE
    record_changes(book, cells, out)
    return out, cells


def record_changes(book: WorkbookGrids, cells: dict[str, dict], out: ImportOutcome) -> None:
    for sheet, values in cells.items():
        grid = book.sheets[sheet]
        for (r, c), new in sorted(values.items()):
            old = grid.get(r, c).value
            if old != new or type(old) is not type(new):
                out.changes.append((f"{sheet}!{address(r, c)}", old, new))


def shown(value: object) -> str:
    if value is None:
        return "(tom)"
    if isinstance(value, Decimal):
        return format_number(value, max(0, -value.as_tuple().exponent), min_decimals=0)
    return str(value)


def formulas_after(grid, values: dict) -> dict[tuple[int, int], Decimal]:
    """The formula cells of ``grid`` whose cached value changes once ``values`` are in."""
    cells = dict(grid.cells)
    for key, value in values.items():
        cells[key] = Cell(value, grid.get(*key).number_format)
    formulas = {key: cell for key, cell in cells.items() if cell.formula and cell.text}
    for key, cell in formulas.items():
        cells[key] = Cell(None, cell.number_format, True, cell.text)
    new_grid = type(grid)(grid.name, cells)
    work = Work()
    out = {}
    for key, cell in formulas.items():
        value = evaluate(cell.text, new_grid, work=work)
        if value is not None and value != grid.get(*key).value:
            out[key] = value
    return out


def write_import(path: Path, book: WorkbookGrids, cells: dict[str, dict], target: Path) -> list[str]:
    """Patch the sheets' cells (and the formulas that sum them) and write atomically."""
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as zf:
        sheets = {s.name: s.part for s in Package(zf).sheets}
        for name, values in cells.items():
            part = sheets[name]
            cached = formulas_after(book.sheets[name], values)
            parts[part] = patch_sheet(zf.read(part), values, cached)
    return write_parts(path, target, parts)


def import_file(book: str | Path, files: list[str | Path], *, out: str | Path | None = None,
                show_only: bool = False, progress: Progress | None = None) -> ImportOutcome:
    """``excelreport import``: read, plan, and (unless ``show_only`` or a Fel) write."""
    path = Path(book)
    target = Path(out) if out is not None else path
    grids = read_for_check(path)  # the profile's own sheets too (Drift per verksamhet)
    if not show_only:
        ensure_writable(target)
    outcome, cells = plan_import(grids, [Path(f) for f in files], progress=progress)
    if outcome.blocking or show_only:
        return outcome
    write_import(path, grids, cells, target)
    outcome.target = target
    return outcome

