"""Grids → a validated BoardReport plus every finding, all collected, never raised."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from . import contract as C
from .check.cells import (EXCEL_EPOCH, HEADER_SEARCH_ROWS, MAX_AMOUNT, MAX_EXCEL, MIN_EXCEL, Table,  # noqa: F401
                          format_decimals, norm)
from .check.cells import WHAT as _WHAT, as_text as _as_text, clip as _clip, short as _short
from .check_seen import duplicate_headers, hidden_columns, hidden_rows, history_keys
from .check_typing import ScaledNumbers, percent_typing
from .findings import FEL, INFO, VARNING, Finding
from .model import (AmountRow, Assignment, BoardReport, ControlPoint, Goal, HistoryRow, Indicator,
                    Info, PairRow, VolumeRow)
from .names import report_name
from .numbers import parse_swedish, plain
from .read.grid import Cell, CellError, Grid, WorkbookGrids, address, column_letter
from .read.formula import MAX_WORK, Work, evaluate
from .read.owner import clash_message, foreign_message, result_name_clashes
from .read.grid import is_date_format, is_percent_format
from .shape import FINANCING, ROLE_ACTIVITY, ROLE_DRIFT, ROLE_LAND, STANDARD, Shape, Statement

class Validator:
    def __init__(self, book: WorkbookGrids, shape: Shape = STANDARD):
        self.book = book
        self.shape = shape  # the sheets and rules the workbook follows (its profile's)
        self.findings: list[Finding] = []
        self.goal_numbers: set[int] = set()  # every Mål nr read, also of rows with errors
        self.formula_work = Work()  # all formulas without a cached value share one budget
        self.typ = C.BOARD  # Info!Typ as read
        # Each sheet's table and rows, located and read once: a second reader of the same
        # grids (next's carry, after the check) reuses them; their findings were added once.
        self.tables: dict[str, Table | None] = {}
        self.located: dict[str, tuple[Table, dict[str, int]] | None] = {}
        self.read_rows: dict[str, list] = {}
        self.scaled = ScaledNumbers(self.findings)  # numbers in formats that show thousands
        # With a Fel in Info or in a goal, the report as far as it was read, for the checks that
        # do not depend on the broken cells (check_grids); nothing is written from it.
        self.provisional: BoardReport | None = None
        self.partial_info: Info | None = None
        self.partial_goals: list[Goal] = []  # a goal row with a Fel, but a Mål nr and Bedömning
        self.unjudged_goals: set[int] = set()  # goals with an indicator row left out by a Fel

    # --- findings ------------------------------------------------------------------------

    def add(self, severity: str, code: str, sheet: str, cell: str, message: str) -> None:
        self.findings.append(Finding(severity, code, sheet, cell, message))

    # --- locating sheets and tables ------------------------------------------------------

    def grid(self, spec: C.Sheet) -> Grid | None:
        grid = self.book.sheets.get(spec.name)
        if grid is not None:
            if grid.hidden:
                self.add(FEL, "blad-dolt", spec.name, "",
                         f"Bladet '{spec.name}' är dolt: rapporten skulle bygga på siffror som inte "
                         "syns i Excel. Visa bladet (högerklicka på en bladflik → Ta fram) eller ta "
                         "bort det om det är en gammal kopia.")
            return grid
        near = [n for n in self.book.sheets if norm(n).casefold() == spec.name.casefold()]
        hint = f" Det finns ett blad som heter '{near[0]}': döp om det till '{spec.name}'." if near else ""
        known = ({s.name for s in C.ALL_INPUT_SHEETS + C.OPTIONAL_SHEETS + self.shape.input_sheets}
                 | set(C.ALL_RESULT_SHEET_NAMES) | set(self.shape.result_names))
        strangers = [n for n in self.book.sheets if n not in known]
        if strangers and not near:
            hint = " Blad som inte ingår i standarden: " + ", ".join(f"'{n}'" for n in strangers) + "."
        self.add(FEL, "blad-saknas", spec.name, "",
                 f"Bladet '{spec.name}' saknas i arbetsboken.{hint}")
        return None

    def table(self, spec: C.Sheet) -> Table | None:
        if spec.name not in self.tables:
            self.tables[spec.name] = self._locate(spec)
        return self.tables[spec.name]

    def _locate(self, spec: C.Sheet) -> Table | None:
        grid = self.grid(spec)
        if grid is None:
            return None
        wanted = {c.label for c in spec.columns}
        required = set(spec.required_headers)
        labels: dict[int, dict[str, int]] = {}  # row → {label: column}, leftmost wins
        every: dict[int, list[tuple[int, str]]] = {}  # row → each (column, label), twice too
        for (r, c), cell in grid.cells.items():
            if r <= HEADER_SEARCH_ROWS and isinstance(cell.value, str):
                text = norm(cell.value)
                if text in wanted:
                    found = labels.setdefault(r, {})
                    every.setdefault(r, []).append((c, text))
                    if found.get(text, c) >= c:
                        found[text] = c
        best: tuple[int, int, dict[str, int]] = (0, 0, {})
        for r in sorted(labels):
            found = dict(sorted(labels[r].items(), key=lambda item: item[1]))  # left to right
            hits = len(required & found.keys())
            if hits == len(required):
                self.findings += duplicate_headers(spec.name, grid, r, every[r])
                return Table(grid, r, found)
            if hits > best[1]:
                best = (r, hits, found)
        row, _, found = best
        where = f"i rad {row}" if row else "i någon rad"
        others = [(c, str(cell.value).strip()) for (r, c), cell in sorted(grid.cells.items())
                  if row and r == row and not cell.empty and norm(cell.value) not in wanted]
        missing = [label for label in spec.required_headers if label not in found]
        seen = (" Rubriker där som inte ingår i standarden: "
                + ", ".join(f"'{text}'" for _, text in others) + ".") if others else ""
        for label in missing:
            cell = address(row, others[0][0]) if len(missing) == len(others) == 1 else f"A{row or 1}"
            self.add(FEL, "rubrik-saknas", spec.name, cell,
                     f"Kolumnrubriken '{label}' saknas {where}.{seen} Rubrikraden ska innehålla: "
                     + ", ".join(spec.required_headers) + ".")
        return None

    def data_rows(self, table: Table, spec: C.Sheet) -> list[int]:
        """Rows below the header: all non-empty ones for fixed rows, else up to a blank row."""
        cols = set(table.columns.values())
        filled = sorted({r for (r, c), cell in table.grid.cells.items()
                         if r > table.header_row and c in cols and not cell.empty})
        rows: list[int] = []
        for r in filled:
            if not spec.rows and rows and r > rows[-1] + 1:
                self.add(VARNING, "rader-efter-tomrad", spec.name, f"A{r}",
                         f"Tabellen slutar vid den tomma raden {rows[-1] + 1}; raden {r} och raderna "
                         "under den läses inte. Ta bort den tomma raden om de hör till tabellen.")
                break
            rows.append(r)
        table.rows = rows
        self.findings += hidden_columns(spec.name, table.grid, table.header_row, table.columns, rows)
        if not spec.rows:  # a fixed-row table: the rows found by their label (_locate_rows)
            self.findings += hidden_rows(spec.name, table.grid, rows, min(cols))
        return rows

    # --- cell conversion -----------------------------------------------------------------

    def value(self, sheet: str, ref: str, cell: Cell, kind: str, label: str, *,
              required: bool = False, choices: tuple[str, ...] = (),
              minimum: int | None = None, maximum: int | None = None, derived: bool = False):
        """The typed value of a cell, or None (with a finding when it is wrong)."""
        v = cell.value
        if cell.formula and v is None:
            if derived:
                return None
            grid = self.book.sheets.get(sheet)
            computed = evaluate(cell.text, grid, work=self.formula_work) \
                if kind not in (C.TEXT, C.CHOICE) and grid else None
            shown = f"formeln ={_clip(cell.text)}" if cell.text else "cellen har en formel men"
            if computed is None:
                tired = (f" Verktyget räknar högst {MAX_WORK:,} cellreferenser per arbetsbok, och "
                         "formlerna utan värde är fler än så.".replace(",", " ")
                         if self.formula_work.exhausted else "")
                self.add(FEL, "formel-utan-varde", sheet, ref,
                         f"{label}: {shown} har inget beräknat värde (filen sparades av ett program "
                         f"som inte räknar).{tired} Öppna och spara filen i Excel eller LibreOffice, eller "
                         "skriv in värdet.")
                return None
            self.add(INFO, "formel-beraknad", sheet, ref,
                     f"{label}: {shown} saknade sparat värde; verktyget räknade ut {_short(computed)}.")
            cell = Cell(computed, cell.number_format)
            v = computed
        if isinstance(v, CellError):
            self.add(FEL, "felvarde", sheet, ref,
                     f"{label}: cellen innehåller felvärdet {v.code}; ett värde förväntas.")
            return None
        if cell.empty:
            if required:
                self.add(FEL, "obligatorisk", sheet, ref, f"{label} saknas; värdet är obligatoriskt.")
            return None
        if kind in (C.TEXT,):
            return _as_text(v)
        if kind == C.CHOICE:
            return self.choice(sheet, ref, label, _as_text(v), choices)
        if kind == C.DATE:
            return self.date(sheet, ref, label, cell)
        return self.number(sheet, ref, cell, kind, label, minimum, maximum)

    def choice(self, sheet, ref, label, text: str, choices) -> str | None:
        if text in ("True", "False") and choices == C.YES_NO:  # a boolean cell: SANT/FALSKT
            text = "Ja" if text == "True" else "Nej"
            self.add(INFO, "val-tolkat", sheet, ref, f"{label}: ett sanningsvärde tolkas som '{text}'.")
            return text
        if text in choices:
            return text
        folded = {norm(c).casefold(): c for c in choices}
        match = folded.get(norm(text).casefold())
        if match:
            self.add(INFO, "val-tolkat", sheet, ref, f"{label}: '{text}' tolkas som '{match}'.")
            return match
        self.add(FEL, "otillatet-varde", sheet, ref,
                 f"{label}: '{text}' är inte ett tillåtet värde. Tillåtna: "
                 + ", ".join(f"'{c}'" for c in choices) + ".")
        return None

    def date(self, sheet, ref, label, cell: Cell) -> dt.date | None:
        """An Excel date (a serial number in a date format) or text ``ÅÅÅÅ-MM-DD``."""
        v = cell.value
        try:
            if isinstance(v, Decimal) and v.is_finite() and is_date_format(cell.number_format):
                if 1 <= v < 2958466:  # 1900-01-01 … 9999-12-31
                    return EXCEL_EPOCH + dt.timedelta(days=int(v))
            elif isinstance(v, str):
                return dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            pass
        shown = f"texten '{v.strip()}'" if isinstance(v, str) else f"talet {_as_text(v)}"
        self.add(FEL, "fel-typ", sheet, ref,
                 f"{label}: hittade {shown}; ett datum förväntas (t.ex. 2023-09-20, "
                 "eller en cell med datumformat).")
        return None

    def number(self, sheet, ref, cell: Cell, kind, label, minimum, maximum):
        v = cell.value
        what = _WHAT.get(kind, "ett tal")
        if isinstance(v, bool):
            self.add(FEL, "fel-typ", sheet, ref, f"{label}: hittade {'SANT' if v else 'FALSKT'}; "
                     f"{what} förväntas.")
            return None
        percent_sign = False
        if isinstance(v, str):
            parsed = parse_swedish(v)
            if parsed is None:
                self.add(FEL, "fel-typ", sheet, ref, f"{label}: hittade texten '{v.strip()}'; {what} förväntas.")
                return None
            number, percent_sign = parsed
            if percent_sign and kind != C.PERCENT and kind != C.NUMBER:
                self.add(FEL, "fel-typ", sheet, ref, f"{label}: hittade '{v.strip()}'; {what} utan %-tecken förväntas.")
                return None
            if self.out_of_range(sheet, ref, label, number, kind):
                return None
            self.add(INFO, "tal-som-text", sheet, ref,
                     f"{label}: talet '{v.strip()}' var lagrat som text och lästes som {plain(number)}.")
        else:
            number = v
            if not number.is_finite():
                self.add(FEL, "fel-typ", sheet, ref, f"{label}: hittade {number}; {what} förväntas.")
                return None
            if is_date_format(cell.number_format):
                self.add(FEL, "fel-typ", sheet, ref, f"{label}: cellen är formaterad som datum; "
                         f"{what} förväntas. Ändra cellformatet till Tal.")
                return None
            if self.out_of_range(sheet, ref, label, number, kind):
                return None
            if kind in (C.PERCENT, C.NUMBER) and is_percent_format(cell.number_format):
                number = number * 100
            number = self.scaled.read(sheet, ref, label, cell.number_format, number)
            if number is None:
                return None
        number = Decimal(int(number)) if number == number.to_integral() else number
        if kind == C.INT:
            if number != number.to_integral():
                self.add(FEL, "heltal", sheet, ref, f"{label}: hittade {plain(number)}; ett heltal förväntas.")
                return None
            number = int(number)
            if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
                self.add(FEL, "utanfor-intervall", sheet, ref,
                         f"{label}: hittade {number}; ett heltal {minimum}–{maximum} förväntas.")
                return None
        return number

    def out_of_range(self, sheet, ref, label, number: Decimal, kind: str) -> bool:
        """A Fel for a number Excel cannot hold, or an amount too large to show exactly."""
        if number and not MIN_EXCEL <= number.copy_abs() <= MAX_EXCEL:  # abs() could overflow
            self.add(FEL, "utanfor-intervall", sheet, ref,
                     f"{label}: talet {_short(number)} är utanför Excels intervall "
                     "(±9,99999999999999E+307); "
                     "skriv in rätt värde.")
            return True
        if kind == C.AMOUNT and number.copy_abs() >= MAX_AMOUNT:
            self.add(FEL, "utanfor-intervall", sheet, ref,
                     f"{label}: beloppet {_short(number)} har fler än 15 siffror före decimaltecknet, "
                     "fler än Excel visar exakt; kontrollera enheten och värdet.")
            return True
        return False


def validate(book: WorkbookGrids, v: Validator | None = None) -> tuple[BoardReport | None, list[Finding]]:
    """Read every input sheet of ``book`` by the contract; collect every finding. A given
    Validator (of ``book``) keeps what was read, for a caller to reuse."""
    v = v or Validator(book)
    if book.lock_file:
        v.add(VARNING, "oppen-i-excel", "", "",
              f"Arbetsboken verkar vara öppen i Excel eller LibreOffice (låsfilen {book.lock_file} "
              "finns). Kontrollen läser den senast sparade versionen: spara först om du har ändrat.")
    _same_names(v)
    info = _info(v)
    report = BoardReport(info=info or v.partial_info) if info or v.partial_info else None
    if v.typ == C.FINANCE_OFFICE:
        report, findings = _finance_office(v, report, info)
        history = _history(v, [], info)
        if report is not None:
            report.history = history
        return _provisional(v, report, info), v.findings
    shape = v.shape
    texts, text_cells = _texts(v)
    goals = _goals(v) if shape.mal else None
    indicators = _indicators(v, {g.nr for g in goals} if goals is not None else None) \
        if shape.indicators else []
    assignments = _assignments(v) if shape.assignments else []
    statements = {st.name: _operating(v, st, info) for st in shape.statements}
    investments = _investments(v) if shape.investments else []
    personal = _pairs(v, C.PERSONAL) if shape.personnel else []
    sick = _pairs(v, shape.sick) if shape.sick else []
    controls = _controls(v) if shape.internkontroll else []
    volumes = _volumes(v, shape.volume) if shape.volume else []
    _check_shares(v, personal)
    v.findings += percent_typing(sick, indicators, lambda r, label: v.table(C.INDIKATORER).ref(r, label))
    history = _history(v, investments, info)
    if report is not None:
        report.history = history
        report.texts, report.text_cells = texts, text_cells
        report.goals, report.indicators = goals or [], indicators
        report.assignments, report.controls = assignments, controls
        report.statements, report.volumes, report.investments = statements, volumes, investments
        report.drift = _by_role(shape, statements, ROLE_DRIFT)
        report.exploatering = _by_role(shape, statements, ROLE_LAND)
        report.personal, report.sick_leave = personal, sick
    return _provisional(v, report, info), v.findings


def _by_role(shape: Shape, statements: dict[str, list[AmountRow]], role: str) -> list[AmountRow]:
    """The rows of the (first) statement of ``role``; none when the shape has no such statement."""
    found = shape.with_role(role)
    return statements[found[0].name] if found else []


def _provisional(v: Validator, report: BoardReport | None, info: Info | None) -> BoardReport | None:
    """The report when it is complete; else None, and ``v.provisional`` checks what can be:
    Info as far as it was read, the goals whose Mål nr and Bedömning were, without the goals
    one of whose indicators was left out."""
    if report is not None and (info is None or v.partial_goals or v.unjudged_goals):
        goals = [g for g in report.goals + v.partial_goals if g.nr not in v.unjudged_goals]
        v.provisional = replace(report, goals=sorted(goals, key=lambda g: g.row))
    return report if info is not None else None


def sheet_key(name: str) -> str:
    """A sheet name as Excel compares names (case-insensitive), surrounding spaces ignored."""
    return norm(name).casefold()


def _same_names(v: Validator) -> None:
    """Two sheets whose names differ only by case or surrounding spaces: which one is read is
    not what a user can tell (one may be hidden)."""
    groups: dict[str, list[str]] = {}
    for name in v.book.sheets:
        groups.setdefault(sheet_key(name), []).append(name)
    for name, result in result_name_clashes(v.book.sheets):
        v.add(FEL, "blad-krockar-med-resultat", name, "", clash_message(name, result))
    for name in v.book.foreign_results:  # the user's own sheet: run would write over it
        v.add(FEL, "eget-blad-med-resultatnamn", name, "", foreign_message(name, v.book.sheets))
    contract = ({sheet_key(s.name) for s in v.shape.input_sheets}
                | {sheet_key(n) for n in v.shape.result_names})
    for key, names in groups.items():
        if len(names) > 1:
            shown = " och ".join(f"'{n}'" for n in names)
            severity = FEL if key in contract else VARNING
            v.add(severity, "blad-samma-namn", names[0], "",
                  f"Bladen {shown} har samma namn bortsett från stora/små bokstäver eller mellanslag; "
                  "det går inte att se vilket som läses. Byt namn på eller ta bort det ena.")


# --- sheets with fixed rows ------------------------------------------------------------


def _fixed_rows(v: Validator, spec: C.Sheet, *, missing: str | None = FEL) -> tuple[Table, dict[str, int]] | None:
    """Locate a fixed-row sheet; map each contract row label to its row number (once per
    Validator: a later call returns the first one's answer, without findings)."""
    if spec.name not in v.located:
        v.located[spec.name] = _locate_rows(v, spec, missing)
    return v.located[spec.name]


def _locate_rows(v: Validator, spec: C.Sheet, missing: str | None) -> tuple[Table, dict[str, int]] | None:
    table = v.table(spec)
    if table is None:
        return None
    labels = {norm(r.label): r for r in spec.rows}
    found: dict[str, int] = {}
    key = spec.key.label
    previous = table.header_row
    for r in v.data_rows(table, spec):
        raw = table.cell(r, key).value
        text = norm(raw) if raw is not None else ""
        ref = table.ref(r, key)
        after_gap = r > previous + 1
        previous = r
        if after_gap and _known_label(text, labels) is None:
            break  # the table ended at the empty row; what follows is not part of it
        if not text:
            v.add(FEL, "radetikett-saknas", spec.name, ref,
                  f"Raden saknar {key}; förväntade en av: " + ", ".join(r.label for r in spec.rows) + ".")
            continue
        row_spec = _known_label(text, labels)
        if row_spec is None:
            v.add(FEL, "okand-rad", spec.name, ref,
                  f"{key} '{raw}' är okänd; förväntade en av: " + ", ".join(r.label for r in spec.rows) + ".")
            continue
        if row_spec.label in found:
            values = [c for label, c in table.columns.items() if label != key]
            if all(table.grid.get(found[row_spec.label], c).empty for c in values):
                found[row_spec.label] = r  # the first one is empty: the filled one counts
                continue
            if all(table.grid.get(r, c).empty for c in values):
                continue  # an empty repetition says nothing
            v.add(FEL, "dubblett", spec.name, ref,
                  f"{key} '{row_spec.label}' finns redan på rad {found[row_spec.label]}; varje rad får bara finnas en gång.")
            continue
        found[row_spec.label] = r
    v.findings += hidden_rows(spec.name, table.grid, sorted(found.values()), table.columns[key])
    if not spec.rows_optional and spec.name != C.INFO.name:
        _check_order(v, spec, table, found)
    for row_spec in spec.rows:
        if row_spec.label not in found and missing and not row_spec.derived and (
                row_spec.required or spec.name != C.INFO.name):
            v.add(missing, "rad-saknas", spec.name, address(table.header_row, table.columns[key]),
                  f"Raden '{row_spec.label}' saknas i kolumn {key}.")
    return table, found


def _known_label(text: str, labels: dict[str, C.Row]) -> C.Row | None:
    """The contract row a label names (whitespace, dash and case forgiven), or None."""
    if not text:
        return None
    return labels.get(text) or next(
        (s for n, s in labels.items() if n.casefold() == text.casefold()), None)


def _check_order(v: Validator, spec: C.Sheet, table: Table, found: dict[str, int]) -> None:
    """One Varning when the fixed rows are not in the contract's order (they are read by label)."""
    last_label, last_row = None, 0
    for row_spec in spec.rows:
        r = found.get(row_spec.label)
        if r is None:
            continue
        if r < last_row:
            v.add(VARNING, "rad-ordning", spec.name, table.ref(r, spec.key.label),
                  f"Raden '{row_spec.label}' står före '{last_label}'; standardordningen är: "
                  + ", ".join(x.label for x in spec.rows) + ". Raderna läses efter sin etikett.")
            return
        last_label, last_row = row_spec.label, r


def _info(v: Validator) -> Info | None:
    sheet = v.shape.info  # the periods and units of the workbook's profile
    located = _fixed_rows(v, sheet)
    if located is None:
        v.partial_info = _info_model({row.label: None for row in sheet.rows})
        return None
    table, rows = located
    values = {}
    for spec in sheet.rows:
        r = rows.get(spec.label)
        if r is None:
            values[spec.label] = None
            continue
        values[spec.label] = v.value("Info", table.ref(r, "Värde"), table.cell(r, "Värde"), spec.kind,
                                     spec.label, required=spec.required, choices=spec.choices,
                                     minimum=spec.minimum, maximum=spec.maximum)
    v.typ = values["Typ"] or C.BOARD
    if any(values[s.label] is None for s in sheet.rows if s.required):
        v.partial_info = _info_model(values)
        return None
    info = _info_model(values)
    refs = {label: table.ref(r, "Värde") for label, r in rows.items()}
    month = dict(v.shape.closing_months).get(info.period)
    if month is not None and info.slutmanad != month:
        v.add(FEL, "slutmanad-period", "Info", refs.get("Periodens slutmånad", ""),
              f"Periodens slutmånad är {info.slutmanad}, men {info.period} slutar i månad {month} "
              "enligt arbetsbokens profil.")
        v.partial_info = info
        return None
    _report_limits(v, info, refs)
    return info


MAX_PROPERTY = 255  # characters of a document property (Word's limit; python-docx's too)
MAX_FILE_NAME = 255  # bytes (UTF-8) of a file name, as most file systems count


def _report_limits(v: Validator, info: Info, refs: dict[str, str]) -> None:
    """Kommun and Nämnd must make a report file name and document properties: checked here
    so ``build`` never writes the workbook and then fails on the report."""
    file_name = report_name(info) + ".docx"
    if len(file_name.encode("utf-8")) > MAX_FILE_NAME or len(info.title) > MAX_PROPERTY:
        v.add(FEL, "info-for-langt", "Info", refs.get("Nämnd", ""),
              f"Nämnd är {len(info.namnd)} tecken lång: rapportens namn '{info.title[:40]}…' blir för "
              f"långt för ett filnamn eller Word-dokumentets titel (högst {MAX_PROPERTY}). Korta namnet.")
    keywords = f"{info.kommun}; {info.namnd}; {info.period} {info.ar}"
    if len(keywords) > MAX_PROPERTY and len(info.kommun) >= len(info.namnd):
        v.add(FEL, "info-for-langt", "Info", refs.get("Kommun", ""),
              f"Kommun är {len(info.kommun)} tecken lång; tillsammans med nämnden blir det för långt för "
              f"Word-dokumentets egenskaper (högst {MAX_PROPERTY} tecken). Korta namnet.")
    elif len(keywords) > MAX_PROPERTY and len(info.title) <= MAX_PROPERTY:
        v.add(FEL, "info-for-langt", "Info", refs.get("Nämnd", ""),
              f"Nämnd är {len(info.namnd)} tecken lång; tillsammans med kommunen blir det för långt för "
              f"Word-dokumentets egenskaper (högst {MAX_PROPERTY} tecken). Korta namnet.")


def _info_model(values: dict) -> Info:
    """Info from its values; a required one missing (a Fel) is empty here, or None (År,
    Periodens slutmånad): such an Info only serves the checks (Validator.provisional)."""
    return Info(
        kommun=values["Kommun"] or "", namnd=values["Nämnd"] or "", ar=values["År"],
        period=values["Period"] or "", slutmanad=values["Periodens slutmånad"],
        foregaende_prognos=values["Föregående prognos"] or "", enhet=values["Enhet"] or "",
        kommentarsgrans=values["Kommentarsgräns"],
        sjukfranvaro_avser=values["Sjukfrånvaro avser"] or "",
        sammantradesdatum=values["Sammanträdesdatum"], diarienummer=values["Diarienummer"] or "",
        typ=values["Typ"] or C.BOARD, ordning=values["Ordning"], resultatmal=values["Resultatmål (%)"],
    )


def _texts(v: Validator) -> tuple[dict[str, str], dict[str, str]]:
    located = _fixed_rows(v, v.shape.texter, missing=None)
    if located is None:
        return {}, {}
    table, rows = located
    texts, cells = {}, {}
    for key, r in rows.items():
        ref = table.ref(r, "Text")
        text = v.value("Texter", ref, table.cell(r, "Text"), C.TEXT, key) or ""
        texts[key], cells[key] = text, ref
    return texts, cells


def _operating(v: Validator, statement: Statement, info: Info | None) -> list[AmountRow]:
    spec = statement.sheet
    located = _fixed_rows(v, spec)
    if located is None:  # the sheet or its header is missing (a Fel): empty rows
        return [AmountRow(r.label, {k: None for k in C.OPERATING_AMOUNTS}, derived=r.derived)
                for r in spec.rows]
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        if r is None:
            out.append(AmountRow(row_spec.label, {k: None for k in C.OPERATING_AMOUNTS},
                                 derived=row_spec.derived))
            continue
        row = AmountRow(row_spec.label, derived=row_spec.derived, row=r)
        for label in C.OPERATING_AMOUNTS:
            ref = table.ref(r, label)
            row.cells[label] = ref
            row.values[label] = v.value(spec.name, ref, table.cell(r, label), C.AMOUNT,
                                        f"{row_spec.label}, {label}", derived=row_spec.derived)
        row.cells["Kommentar"] = table.ref(r, "Kommentar")
        row.comment = v.value(spec.name, row.cells["Kommentar"], table.cell(r, "Kommentar"),
                              C.TEXT, "Kommentar") or ""
        _signs(v, statement, row)
        out.append(row)
    typed = [r for r in out if not r.derived and r.row]
    not_applicable = statement.role == ROLE_LAND and all(
        table.cell(r.row, label).empty for r in typed for label in C.OPERATING_AMOUNTS)
    if not not_applicable:  # an entirely empty Exploatering: the board has no land development
        _empty_columns(v, spec, table, typed, [c for c in C.OPERATING_AMOUNTS if c != "Periodbudget"])
    missing_pb = [r for r in typed if table.cell(r.row, "Periodbudget").empty
                  and r.values.get("Budget") is not None]  # a wrong value already has its Fel
    if missing_pb and info:
        n = len(missing_pb)
        rule = "lika med Budget (helår)" if info.slutmanad == 12 else f"som Budget × {info.slutmanad} / 12"
        v.add(INFO, "periodbudget-beraknad", spec.name, missing_pb[0].cells["Periodbudget"],
              f"Periodbudget saknas på {n} {'rad' if n == 1 else 'rader'} ("
              + ", ".join(r.label for r in missing_pb) + f") och beräknas {rule}.")
    return out


def _signs(v: Validator, statement: Statement, row: AmountRow) -> None:
    """A Varning for each amount whose sign is not the row's (a cost is negative, …)."""
    name = statement.name
    for label, amount in row.values.items():
        if amount is None:
            continue
        if amount > 0 and row.label in statement.negative:
            noun = "verksamheternas nettokostnader" if statement.role == ROLE_ACTIVITY else "kostnader"
            v.add(VARNING, "positiv-kostnad", name, row.cells[label],
                  f"{row.label}, {label}: {plain(amount)} är positivt; {noun} "
                  "skrivs som negativa belopp. Stämmer det (en kreditering) kan du låta det stå.")
        elif amount < 0 and row.label in statement.positive:
            v.add(VARNING, "fel-tecken", name, row.cells[label],
                  f"{row.label}, {label}: {plain(amount)} är negativt; raden skrivs med positiva "
                  "belopp. Stämmer det kan du låta det stå.")


def _empty_columns(v: Validator, spec: C.Sheet, table: Table, rows: list[AmountRow], labels) -> None:
    if not rows:
        return
    for label in labels:
        if all(r.values.get(label) is None for r in rows):
            col = column_letter(table.columns[label])
            v.add(VARNING, "tom-kolumn", spec.name, f"{col}{table.header_row}",
                  f"Kolumnen '{label}' är tom på alla rader; tomma belopp räknas som 0.")


def _pairs(v: Validator, spec: C.Sheet) -> list[PairRow]:
    located = _fixed_rows(v, spec)
    if located is None:
        return []
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        row = PairRow(row_spec.label)
        if r is not None:
            for label, attr in (("Föregående år", "previous"), ("Innevarande år", "current")):
                ref = table.ref(r, label)
                row.cells[label] = ref
                setattr(row, attr, v.value(spec.name, ref, table.cell(r, label), row_spec.kind,
                                           f"{row_spec.label}, {label}"))
        out.append(row)
    return out


def _check_shares(v: Validator, personal: list[PairRow]) -> None:
    rows = {r.label: r for r in personal}
    women, men = rows.get("Andel kvinnor"), rows.get("Andel män")
    if not women or not men:
        return
    for attr, label in (("previous", "Föregående år"), ("current", "Innevarande år")):
        a, b = getattr(women, attr), getattr(men, attr)
        if a is not None and b is not None and abs(a + b - 100) > Decimal("0.5"):
            v.add(FEL, "andelar-summa", "Personal", women.cells[label],
                  f"{label}: Andel kvinnor {plain(a)} + Andel män {plain(b)} = {plain(a + b)}; "
                  "andelarna ska tillsammans bli 100.")


# --- free tables -----------------------------------------------------------------------


def _rows(v: Validator, spec: C.Sheet):
    """Each data row of a free table as (row number, {label: value}, table); read once per
    Validator."""
    if spec.name not in v.read_rows:
        v.read_rows[spec.name] = _read_rows(v, spec)
    return v.read_rows[spec.name]


def _read_rows(v: Validator, spec: C.Sheet):
    table = v.table(spec)
    if table is None:
        return []
    columns = [(col.label, col.kind, col.required and col.label in table.columns, col.choices)
               for col in spec.columns]
    out = []
    for r in v.data_rows(table, spec):
        values = {}
        for label, kind, required, choices in columns:
            values[label] = v.value(spec.name, table.ref(r, label), table.cell(r, label), kind, label,
                                    required=required, choices=choices)
        out.append((r, values, table))
    return out


def _goals(v: Validator) -> list[Goal] | None:
    rows = _rows(v, v.shape.mal or C.MAL)
    goals: list[Goal] = []
    seen: dict[int, int] = {}
    kf_texts: dict[int, tuple[str, int]] = {}
    for r, x, table in rows:
        nr, kf = x["Mål nr"], x["KF-mål nr"]
        if nr is not None:
            if nr in seen:
                v.add(FEL, "mal-nr-dubblett", "Mål", table.ref(r, "Mål nr"),
                      f"Mål nr {nr} finns redan på rad {seen[nr]}; Mål nr ska vara unikt.")
                continue
            seen[nr] = r
        if kf is not None and x["KF-mål"]:
            first = kf_texts.setdefault(kf, (x["KF-mål"], r))
            if norm(first[0]) != norm(x["KF-mål"]):
                v.add(FEL, "kf-mal-text", "Mål", table.ref(r, "KF-mål"),
                      f"KF-mål nr {kf} har texten '{x['KF-mål']}', men på rad {first[1]} "
                      f"'{first[0]}'; samma KF-mål nr ska ha samma text.")
        if None in (nr, kf, x["KF-mål"], x["Mål"], x["Bedömning"]):
            if None not in (nr, x["Bedömning"]):  # its suggestion can still be checked
                v.partial_goals.append(Goal(kf or 0, x["KF-mål"] or "", nr, x["Mål"] or "",
                                            x["Bedömning"], row=r))
            continue
        goals.append(Goal(kf, x["KF-mål"], nr, x["Mål"], x["Bedömning"], x.get("Prognos helår") or "",
                          x["Agenda 2030"] or "", x.get("Kommentar") or "", r,
                          x.get(C.PREVIOUS_ASSESSMENT) or ""))
    v.goal_numbers = set(seen)
    return goals if C.MAL.name in v.book.sheets else None


def _indicators(v: Validator, goal_nrs: set[int] | None) -> list[Indicator]:
    if goal_nrs is not None:
        goal_nrs = goal_nrs | v.goal_numbers
    out = []
    for r, x, table in _rows(v, C.INDIKATORER):
        nr = x["Mål nr"]
        if nr is not None and goal_nrs is not None and nr not in goal_nrs:
            v.add(FEL, "okant-mal", "Indikatorer", table.ref(r, "Mål nr"),
                  f"Mål nr {nr} finns inte på bladet Mål; indikatorn måste höra till ett mål.")
            continue
        if None in (nr, x["Indikator"], x["Enhet"], x["Riktning"]):
            v.unjudged_goals.add(nr)
            continue
        ind = Indicator(nr, x["Indikator"], x["Enhet"], x["Riktning"], x["Målvärde"], x["Utfall"],
                        x["Preliminärt"] == "Ja", x["Utfall föregående år"], x["Utfall två år sedan"], r,
                        x.get(C.PREVIOUS_OUTCOME))
        ind.decimals = {label: format_decimals(table.cell(r, label).number_format)
                        for label in ("Målvärde", "Utfall", "Utfall föregående år", "Utfall två år sedan")}
        out.append(ind)
    return out


def _assignments(v: Validator) -> list[Assignment]:
    return [Assignment(x["Uppdrag"], x["Status"], x.get("Kommentar") or "", r)
            for r, x, _ in _rows(v, C.UPPDRAG) if x["Uppdrag"] and x["Status"]]


def _controls(v: Validator) -> list[ControlPoint]:
    return [ControlPoint(x["Risk"], x["Kontrollmoment"] or "", x["Metod"] or "", x["Bedömning"],
                         x["Resultat"] or "", x["Åtgärd"] or "", r)
            for r, x, _ in _rows(v, C.INTERNKONTROLL) if x["Risk"] and x["Bedömning"]]


def _volumes(v: Validator, spec: C.Sheet) -> list[VolumeRow]:
    """Verksamhetsmått: one row per measure (a row without Mått has its Fel)."""
    out = []
    for r, x, table in _rows(v, spec):
        if x["Mått"]:
            out.append(VolumeRow(x["Mått"], x["Enhet"] or "", x["Budget"], x["Utfall period"],
                                 x["Utfall period föregående år"], x.get("Kommentar") or "", r,
                                 {label: table.ref(r, label) for label in table.columns}))
    return out


def _investments(v: Validator) -> list[AmountRow]:
    spec = C.INVESTERINGAR
    table = v.table(spec)
    if table is None:
        return []
    out: list[AmountRow] = []
    previous_level = 0
    for r in v.data_rows(table, spec):
        level = v.value(spec.name, table.ref(r, "Nivå"), table.cell(r, "Nivå"), C.INT, "Nivå",
                        required=True, minimum=1, maximum=3)
        name = v.value(spec.name, table.ref(r, "Namn"), table.cell(r, "Namn"), C.TEXT, "Namn", required=True)
        if level is not None and level > previous_level + 1:
            v.add(FEL, "niva-hopp", spec.name, table.ref(r, "Nivå"),
                  f"Nivå {level} direkt efter nivå {previous_level or 'ingen'}; en rad på nivå {level} "
                  f"måste ligga under en rad på nivå {level - 1}.")
            level = None
        row = AmountRow(name or "", level=level or 0, row=r)
        for label in C.INVESTMENT_AMOUNTS:
            ref = table.ref(r, label)
            row.cells[label] = ref
            row.values[label] = v.value(spec.name, ref, table.cell(r, label), C.AMOUNT,
                                        f"{name or 'Rad ' + str(r)}, {label}", derived=True)
        row.cells["Kommentar"] = table.ref(r, "Kommentar")
        row.comment = v.value(spec.name, row.cells["Kommentar"], table.cell(r, "Kommentar"),
                              C.TEXT, "Kommentar") or ""
        if level is not None and name is not None:
            out.append(row)
            previous_level = level
    # A row with children is derived; the others are leaves, whose formulas need a value.
    for i, row in enumerate(out):
        row.derived = i + 1 < len(out) and out[i + 1].level > row.level
        if not row.derived:
            for label in C.INVESTMENT_AMOUNTS:
                cell = table.cell(row.row, label)
                if cell.formula and cell.value is None:
                    row.values[label] = v.value(spec.name, row.cells[label], cell, C.AMOUNT,
                                                f"{row.label}, {label}")
        for label, amount in row.values.items():
            if amount is not None and amount < 0:
                v.add(VARNING, "negativ-investering", spec.name, row.cells[label],
                      f"{row.label}, {label}: {plain(amount)} är negativt; investeringsutgifter "
                      "skrivs som positiva belopp.")
    _empty_columns(v, spec, table, [r for r in out if not r.derived], C.INVESTMENT_AMOUNTS)
    return out


# --- Prognoshistorik (optional; written by `excelreport next`) ---------------------------


def _history(v: Validator, investments: list[AmountRow], info: Info | None) -> list[HistoryRow]:
    """The forecast history, validated like any input; unknown rows and order: a Varning."""
    spec = C.PROGNOSHISTORIK
    if not _present(v.book, spec):
        return []
    known: dict[str, set[str]] = {}
    for name in C.HISTORY_SHEETS:
        statement = v.shape.statement(name)  # the workbook's own rows (its profile's)
        sheet = statement.sheet if statement else C.SHEETS_BY_NAME.get(name)
        if sheet is not None and sheet.rows:
            known[name] = {r.label for r in sheet.rows}
    if C.INVESTERINGAR.name in known or C.INVESTERINGAR.name in C.HISTORY_SHEETS:
        known[C.INVESTERINGAR.name] = {C.TOTAL_EXPENDITURE} | {
            r.label for r in investments if r.level == C.HISTORY_INVESTMENT_LEVEL}
    out: list[HistoryRow] = []
    for r, x, table in _rows(v, spec):
        if x["Slutmånad"] is not None and not 1 <= x["Slutmånad"] <= 12:
            v.add(FEL, "utanfor-intervall", spec.name, table.ref(r, "Slutmånad"),
                  f"Slutmånad: hittade {x['Slutmånad']}; ett heltal 1–12 förväntas.")
            continue
        if None in (x["Uppföljning"], x["Blad"], x["Rad"]):
            continue
        sheet, label = x["Blad"], x["Rad"]
        if sheet not in known:
            v.add(VARNING, "historik-okant-blad", spec.name, table.ref(r, "Blad"),
                  f"Blad '{sheet}' är inget blad vars prognos historiken följer; förväntade ett av: "
                  + ", ".join(known) + ". Raden används inte.")
            continue
        if label not in known[sheet]:
            v.add(VARNING, "historik-okand-rad", spec.name, table.ref(r, "Rad"),
                  f"Rad '{label}' finns inte på bladet {sheet}"
                  + (" (bland nivå 1-raderna och Totala utgifter)" if sheet == C.INVESTERINGAR.name else "")
                  + ". Raden används inte.")
            continue
        out.append(HistoryRow(x["Uppföljning"], x["Slutmånad"], sheet, label, x["Prognos helår"], r))
    if out:
        v.findings += history_keys(out, v.table(spec).ref)
    _history_order(v, out, info)
    followups = list(dict.fromkeys((row.followup, row.month) for row in out))
    if len(followups) > C.MAX_HISTORY_FOLLOWUPS:
        kept = set(followups[-C.MAX_HISTORY_FOLLOWUPS:])
        v.add(VARNING, "historik-for-lang", spec.name, "A1",
              f"Historiken har {len(followups)} uppföljningar; bara de {C.MAX_HISTORY_FOLLOWUPS} "
              "senaste används (ett år har sällan fler än tolv).")
        out = [row for row in out if (row.followup, row.month) in kept]
    return out


def _present(book: WorkbookGrids, spec: C.Sheet) -> bool:
    """An optional sheet counts when it exists and holds something (an empty one says nothing)."""
    grid = book.sheets.get(spec.name)
    return grid is not None and bool(grid.cells)


def _history_order(v: Validator, rows: list[HistoryRow], info: Info | None) -> None:
    """One Varning when the follow-ups are not in time order (each one block, months rising)."""
    spec = C.PROGNOSHISTORIK
    seen: list[tuple[str, int | None]] = []
    known: set[tuple[str, int | None]] = set()
    for row in rows:
        key = (row.followup, row.month)
        if seen and seen[-1] == key:
            continue
        problem = ""
        if key in known:
            problem = f"'{row.followup}' förekommer igen efter '{seen[-1][0]}'"
        else:
            months = [m for _, m in seen if m is not None]
            if row.month is not None and months and row.month < months[-1]:
                problem = (f"'{row.followup}' (slutmånad {row.month}) står efter "
                           f"'{seen[-1][0]}' (slutmånad {months[-1]})")
            elif row.month is not None and info is not None and row.month > info.slutmanad:
                problem = (f"'{row.followup}' har slutmånad {row.month}, senare än denna "
                           f"uppföljnings slutmånad {info.slutmanad}")
        if problem:
            v.add(VARNING, "historik-ordning", spec.name, f"A{row.row}",
                  f"Uppföljningarna i historiken står inte i tidsordning: {problem}. "
                  "Historiken visas i den ordning den står.")
            return
        seen.append(key)
        known.add(key)


# --- the finansförvaltning workbook ------------------------------------------------------


def _finance_office(v: Validator, report: BoardReport | None, info: Info | None):
    """Info, Finansiering and Balanskrav: the central workbook has no board sheets."""
    financing = _operating(v, FINANCING, info)
    balance = _balance(v)
    if report is not None:
        report.financing, report.balance = financing, balance
    return report, v.findings


def _balance(v: Validator) -> list[AmountRow]:
    """Balanskrav: one non-negative amount per row (empty = 0; negative is a Fel)."""
    spec = C.BALANSKRAV
    located = _fixed_rows(v, spec, missing=VARNING)  # a missing row counts as 0
    if located is None:
        return [AmountRow(r.label, {"Prognos helår": None}) for r in spec.rows]
    table, rows = located
    out = []
    for row_spec in spec.rows:
        r = rows.get(row_spec.label)
        row = AmountRow(row_spec.label, {"Prognos helår": None}, row=r or 0)
        if r is not None:
            ref = row.cells["Prognos helår"] = table.ref(r, "Prognos helår")
            amount = v.value(spec.name, ref, table.cell(r, "Prognos helår"), C.AMOUNT,
                             f"{row_spec.label}, Prognos helår")
            if amount is not None and amount < 0:
                v.add(FEL, "negativt-belopp", spec.name, ref,
                      f"{row_spec.label}, Prognos helår: {plain(amount)} är negativt; beloppen på "
                      "bladet Balanskrav skrivs som positiva tal (tecknet sätts i "
                      "balanskravsutredningen).")
                amount = None
            row.values["Prognos helår"] = amount
            row.comment = v.value(spec.name, table.ref(r, "Kommentar"), table.cell(r, "Kommentar"),
                                  C.TEXT, "Kommentar") or ""
        out.append(row)
    return out
