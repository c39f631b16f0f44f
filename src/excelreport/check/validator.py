"""The Validator: a workbook's sheets and tables located once, each cell read as its kind,
every finding collected (never raised)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, INFO, VARNING, Finding
from ..core.model import BoardReport, Goal, Info
from ..core.numbers import parse_swedish, plain
from ..profile.shape import STANDARD, Shape
from ..read.formula import MAX_WORK, Work, evaluate
from ..read.grid import Cell, CellError, Grid, WorkbookGrids, address, is_date_format, is_percent_format
from .cells import (EXCEL_EPOCH, HEADER_SEARCH_ROWS, MAX_AMOUNT, MAX_EXCEL, MIN_EXCEL, WHAT, Table, as_text,
                    clip, norm, short)
from .seen import duplicate_headers, hidden_columns, hidden_rows
from .typed_figures import ScaledNumbers


class Validator:
    """One workbook's reading: its tables, rows and findings, shared by every check."""

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
                self.add(FEL, Code.BLAD_DOLT, spec.name, "",
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
        self.add(FEL, Code.BLAD_SAKNAS, spec.name, "",
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
            self.add(FEL, Code.RUBRIK_SAKNAS, spec.name, cell,
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
                self.add(VARNING, Code.RADER_EFTER_TOMRAD, spec.name, f"A{r}",
                         f"Tabellen slutar vid den tomma raden {rows[-1] + 1}; raden {r} och raderna "
                         "under den läses inte. Ta bort den tomma raden om de hör till tabellen.")
                break
            rows.append(r)
        table.rows = rows
        self.findings += hidden_columns(spec.name, table.grid, table.header_row, table.columns, rows)
        if not spec.rows:  # a fixed-row table: the rows found by their label (rows.fixed_rows)
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
            shown = f"formeln ={clip(cell.text)}" if cell.text else "cellen har en formel men"
            if computed is None:
                tired = (f" Verktyget räknar högst {MAX_WORK:,} cellreferenser per arbetsbok, och "
                         "formlerna utan värde är fler än så.".replace(",", " ")
                         if self.formula_work.exhausted else "")
                self.add(FEL, Code.FORMEL_UTAN_VARDE, sheet, ref,
                         f"{label}: {shown} har inget beräknat värde (filen sparades av ett program "
                         f"som inte räknar).{tired} Öppna och spara filen i Excel eller LibreOffice, eller "
                         "skriv in värdet.")
                return None
            self.add(INFO, Code.FORMEL_BERAKNAD, sheet, ref,
                     f"{label}: {shown} saknade sparat värde; verktyget räknade ut {short(computed)}.")
            cell = Cell(computed, cell.number_format)
            v = computed
        if isinstance(v, CellError):
            self.add(FEL, Code.FELVARDE, sheet, ref,
                     f"{label}: cellen innehåller felvärdet {v.code}; ett värde förväntas.")
            return None
        if cell.empty:
            if required:
                self.add(FEL, Code.OBLIGATORISK, sheet, ref, f"{label} saknas; värdet är obligatoriskt.")
            return None
        if kind in (C.TEXT,):
            return as_text(v)
        if kind == C.CHOICE:
            return self.choice(sheet, ref, label, as_text(v), choices)
        if kind == C.DATE:
            return self.date(sheet, ref, label, cell)
        return self.number(sheet, ref, cell, kind, label, minimum, maximum)

    def choice(self, sheet, ref, label, text: str, choices) -> str | None:
        if text in ("True", "False") and choices == C.YES_NO:  # a boolean cell: SANT/FALSKT
            text = "Ja" if text == "True" else "Nej"
            self.add(INFO, Code.VAL_TOLKAT, sheet, ref, f"{label}: ett sanningsvärde tolkas som '{text}'.")
            return text
        if text in choices:
            return text
        folded = {norm(c).casefold(): c for c in choices}
        match = folded.get(norm(text).casefold())
        if match:
            self.add(INFO, Code.VAL_TOLKAT, sheet, ref, f"{label}: '{text}' tolkas som '{match}'.")
            return match
        self.add(FEL, Code.OTILLATET_VARDE, sheet, ref,
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
        shown = f"texten '{v.strip()}'" if isinstance(v, str) else f"talet {as_text(v)}"
        self.add(FEL, Code.FEL_TYP, sheet, ref,
                 f"{label}: hittade {shown}; ett datum förväntas (t.ex. 2023-09-20, "
                 "eller en cell med datumformat).")
        return None

    def number(self, sheet, ref, cell: Cell, kind, label, minimum, maximum):
        v = cell.value
        what = WHAT.get(kind, "ett tal")
        if isinstance(v, bool):
            self.add(FEL, Code.FEL_TYP, sheet, ref, f"{label}: hittade {'SANT' if v else 'FALSKT'}; "
                     f"{what} förväntas.")
            return None
        percent_sign = False
        if isinstance(v, str):
            parsed = parse_swedish(v)
            if parsed is None:
                self.add(FEL, Code.FEL_TYP, sheet, ref, f"{label}: hittade texten '{v.strip()}'; {what} förväntas.")
                return None
            number, percent_sign = parsed
            if percent_sign and kind != C.PERCENT and kind != C.NUMBER:
                self.add(FEL, Code.FEL_TYP, sheet, ref, f"{label}: hittade '{v.strip()}'; {what} utan %-tecken förväntas.")
                return None
            if self.out_of_range(sheet, ref, label, number, kind):
                return None
            self.add(INFO, Code.TAL_SOM_TEXT, sheet, ref,
                     f"{label}: talet '{v.strip()}' var lagrat som text och lästes som {plain(number)}.")
        else:
            number = v
            if not number.is_finite():
                self.add(FEL, Code.FEL_TYP, sheet, ref, f"{label}: hittade {number}; {what} förväntas.")
                return None
            if is_date_format(cell.number_format):
                self.add(FEL, Code.FEL_TYP, sheet, ref, f"{label}: cellen är formaterad som datum; "
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
                self.add(FEL, Code.HELTAL, sheet, ref, f"{label}: hittade {plain(number)}; ett heltal förväntas.")
                return None
            number = int(number)
            if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
                self.add(FEL, Code.UTANFOR_INTERVALL, sheet, ref,
                         f"{label}: hittade {number}; ett heltal {minimum}–{maximum} förväntas.")
                return None
        return number

    def out_of_range(self, sheet, ref, label, number: Decimal, kind: str) -> bool:
        """A Fel for a number Excel cannot hold, or an amount too large to show exactly."""
        if number and not MIN_EXCEL <= number.copy_abs() <= MAX_EXCEL:  # abs() could overflow
            self.add(FEL, Code.UTANFOR_INTERVALL, sheet, ref,
                     f"{label}: talet {short(number)} är utanför Excels intervall "
                     "(±9,99999999999999E+307); "
                     "skriv in rätt värde.")
            return True
        if kind == C.AMOUNT and number.copy_abs() >= MAX_AMOUNT:
            self.add(FEL, Code.UTANFOR_INTERVALL, sheet, ref,
                     f"{label}: beloppet {short(number)} har fler än 15 siffror före decimaltecknet, "
                     "fler än Excel visar exakt; kontrollera enheten och värdet.")
            return True
        return False
