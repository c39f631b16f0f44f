"""Grids → a validated BoardReport plus every finding, all collected, never raised."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import contract as C
from .findings import FEL, INFO, VARNING, Finding
from .model import AmountRow, Assignment, BoardReport, ControlPoint, Goal, Indicator, Info, PairRow
from .numbers import parse_swedish, plain
from .read.grid import Cell, CellError, Grid, WorkbookGrids, address, column_letter
from .read.formula import evaluate
from .read.grid import is_date_format, is_percent_format

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (past Excel's 1900 leap bug)
HEADER_SEARCH_ROWS = 1000  # the header row is looked for this far down
_WS = re.compile(r"\s+")


def norm(label: object) -> str:
    """A label as compared: whitespace folded, a spaced hyphen read as an en dash."""
    text = _WS.sub(" ", str(label).replace("\u00a0", " ")).strip()
    return text.replace(" - ", " – ").replace(" — ", " – ")


def format_decimals(fmt: str) -> int | None:
    """Decimals an explicit number format shows (``0,0`` → 1); None for General."""
    if not fmt or fmt == "General":
        return None
    first = fmt.split(";")[0]
    m = re.search(r"[.,](0+)", first)
    return len(m.group(1)) if m else 0


@dataclass
class Table:
    """A located table: its header row, the column of each label, and its data rows."""

    grid: Grid
    header_row: int
    columns: dict[str, int]
    rows: list[int] = field(default_factory=list)

    def cell(self, row: int, label: str) -> Cell:
        col = self.columns.get(label)
        return self.grid.get(row, col) if col else Cell(None)

    def ref(self, row: int, label: str) -> str:
        col = self.columns.get(label)
        return address(row, col) if col else f"rad {row}"


class Validator:
    def __init__(self, book: WorkbookGrids):
        self.book = book
        self.findings: list[Finding] = []
        self.goal_numbers: set[int] = set()  # every Mål nr read, also of rows with errors
        self.typ = C.BOARD  # Info!Typ as read

    # --- findings ------------------------------------------------------------------------

    def add(self, severity: str, code: str, sheet: str, cell: str, message: str) -> None:
        self.findings.append(Finding(severity, code, sheet, cell, message))

    # --- locating sheets and tables ------------------------------------------------------

    def grid(self, spec: C.Sheet) -> Grid | None:
        grid = self.book.sheets.get(spec.name)
        if grid is not None:
            return grid
        near = [n for n in self.book.sheets if norm(n).casefold() == spec.name.casefold()]
        hint = f" Det finns ett blad som heter '{near[0]}': döp om det till '{spec.name}'." if near else ""
        known = {s.name for s in C.ALL_INPUT_SHEETS} | set(C.ALL_RESULT_SHEET_NAMES)
        strangers = [n for n in self.book.sheets if n not in known]
        if strangers and not near:
            hint = " Blad som inte ingår i standarden: " + ", ".join(f"'{n}'" for n in strangers) + "."
        self.add(FEL, "blad-saknas", spec.name, "",
                 f"Bladet '{spec.name}' saknas i arbetsboken.{hint}")
        return None

    def table(self, spec: C.Sheet) -> Table | None:
        grid = self.grid(spec)
        if grid is None:
            return None
        wanted = {c.label for c in spec.columns}
        required = set(spec.required_headers)
        labels: dict[int, dict[str, int]] = {}  # row → {label: column}, leftmost wins
        for (r, c), cell in sorted(grid.cells.items()):
            if r <= HEADER_SEARCH_ROWS and isinstance(cell.value, str):
                text = norm(cell.value)
                if text in wanted:
                    labels.setdefault(r, {}).setdefault(text, c)
        best: tuple[int, int, dict[str, int]] = (0, 0, {})
        for r in sorted(labels):
            found = labels[r]
            hits = len(required & found.keys())
            if hits == len(required):
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
            computed = evaluate(cell.text, grid) if kind not in (C.TEXT, C.CHOICE) and grid else None
            shown = f"formeln ={cell.text}" if cell.text else "cellen har en formel men"
            if computed is None:
                self.add(FEL, "formel-utan-varde", sheet, ref,
                         f"{label}: {shown} har inget beräknat värde (filen sparades av ett program "
                         "som inte räknar). Öppna och spara filen i Excel eller LibreOffice, eller "
                         "skriv in värdet.")
                return None
            self.add(INFO, "formel-beraknad", sheet, ref,
                     f"{label}: {shown} saknade sparat värde; verktyget räknade ut {plain(computed)}.")
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
        what = {C.INT: "ett heltal", C.PERCENT: "ett procenttal"}.get(kind, "ett tal")
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
            if kind in (C.PERCENT, C.NUMBER) and is_percent_format(cell.number_format):
                number = number * 100
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


def _as_text(v) -> str:
    if isinstance(v, Decimal):
        return plain(v) if v != v.to_integral() else str(int(v))
    return str(v).strip()


def validate(book: WorkbookGrids) -> tuple[BoardReport | None, list[Finding]]:
    """Read every input sheet of ``book`` by the contract; collect every finding."""
    v = Validator(book)
    if book.lock_file:
        v.add(VARNING, "oppen-i-excel", "", "",
              f"Arbetsboken verkar vara öppen i Excel eller LibreOffice (låsfilen {book.lock_file} "
              "finns). Kontrollen läser den senast sparade versionen: spara först om du har ändrat.")
    info = _info(v)
    report = BoardReport(info=info) if info else None
    if v.typ == C.FINANCE_OFFICE:
        return _finance_office(v, report, info)
    texts, text_cells = _texts(v)
    goals = _goals(v)
    indicators = _indicators(v, {g.nr for g in goals} if goals is not None else None)
    assignments = _assignments(v)
    drift = _operating(v, C.DRIFT, info)
    expl = _operating(v, C.EXPLOATERING, info)
    investments = _investments(v)
    personal = _pairs(v, C.PERSONAL)
    sick = _pairs(v, C.SJUKFRANVARO)
    controls = _controls(v)
    _check_shares(v, personal)
    if report is not None:
        report.texts, report.text_cells = texts, text_cells
        report.goals, report.indicators = goals or [], indicators
        report.assignments, report.controls = assignments, controls
        report.drift, report.exploatering, report.investments = drift, expl, investments
        report.personal, report.sick_leave = personal, sick
    return report, v.findings


# --- sheets with fixed rows ------------------------------------------------------------


def _fixed_rows(v: Validator, spec: C.Sheet, *, missing: str | None = FEL) -> tuple[Table, dict[str, int]] | None:
    """Locate a fixed-row sheet; map each contract row label to its row number."""
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
    if not spec.rows_optional and spec is not C.INFO:
        _check_order(v, spec, table, found)
    for row_spec in spec.rows:
        if row_spec.label not in found and missing and not row_spec.derived and (
                row_spec.required or spec is not C.INFO):
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
    located = _fixed_rows(v, C.INFO)
    if located is None:
        return None
    table, rows = located
    values = {}
    for spec in C.INFO.rows:
        r = rows.get(spec.label)
        if r is None:
            values[spec.label] = None
            continue
        values[spec.label] = v.value("Info", table.ref(r, "Värde"), table.cell(r, "Värde"), spec.kind,
                                     spec.label, required=spec.required, choices=spec.choices,
                                     minimum=spec.minimum, maximum=spec.maximum)
    v.typ = values["Typ"] or C.BOARD
    if any(values[s.label] is None for s in C.INFO.rows if s.required):
        return None
    return Info(
        kommun=values["Kommun"], namnd=values["Nämnd"], ar=values["År"], period=values["Period"],
        slutmanad=values["Periodens slutmånad"], foregaende_prognos=values["Föregående prognos"] or "",
        enhet=values["Enhet"], kommentarsgrans=values["Kommentarsgräns"],
        sjukfranvaro_avser=values["Sjukfrånvaro avser"] or "",
        sammantradesdatum=values["Sammanträdesdatum"], diarienummer=values["Diarienummer"] or "",
        typ=values["Typ"] or C.BOARD, ordning=values["Ordning"], resultatmal=values["Resultatmål (%)"],
    )


def _texts(v: Validator) -> tuple[dict[str, str], dict[str, str]]:
    located = _fixed_rows(v, C.TEXTER, missing=None)
    if located is None:
        return {}, {}
    table, rows = located
    texts, cells = {}, {}
    for key, r in rows.items():
        ref = table.ref(r, "Text")
        text = v.value("Texter", ref, table.cell(r, "Text"), C.TEXT, key) or ""
        texts[key], cells[key] = text, ref
    return texts, cells


def _operating(v: Validator, spec: C.Sheet, info: Info | None) -> list[AmountRow]:
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
        if row_spec.label in C.COST_ROWS or row_spec.label in C.FINANCING_COSTS:
            for label, amount in row.values.items():
                if amount is not None and amount > 0:
                    v.add(VARNING, "positiv-kostnad", spec.name, row.cells[label],
                          f"{row_spec.label}, {label}: {plain(amount)} är positivt; kostnader "
                          "skrivs som negativa belopp. Stämmer det (en kreditering) kan du låta det stå.")
        out.append(row)
    _empty_columns(v, spec, table, [r for r in out if not r.derived and r.row],
                   [c for c in C.OPERATING_AMOUNTS if c != "Periodbudget"])
    missing_pb = [r for r in out if not r.derived and r.row and r.values.get("Periodbudget") is None
                  and r.values.get("Budget") is not None]
    if missing_pb and info:
        v.add(INFO, "periodbudget-beraknad", spec.name, missing_pb[0].cells["Periodbudget"],
              f"Periodbudget saknas på {len(missing_pb)} rad(er) ("
              + ", ".join(r.label for r in missing_pb)
              + f") och beräknas som Budget × {info.slutmanad} / 12.")
    return out


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
    """Each data row of a free table as (row number, {label: value}, table)."""
    table = v.table(spec)
    if table is None:
        return []
    out = []
    for r in v.data_rows(table, spec):
        values = {}
        for col in spec.columns:
            values[col.label] = v.value(spec.name, table.ref(r, col.label), table.cell(r, col.label),
                                        col.kind, col.label, required=col.required and col.label in table.columns,
                                        choices=col.choices)
        out.append((r, values, table))
    return out


def _goals(v: Validator) -> list[Goal] | None:
    rows = _rows(v, C.MAL)
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
            continue
        goals.append(Goal(kf, x["KF-mål"], nr, x["Mål"], x["Bedömning"], x.get("Prognos helår") or "",
                          x["Agenda 2030"] or "", x.get("Kommentar") or "", r))
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
            continue
        ind = Indicator(nr, x["Indikator"], x["Enhet"], x["Riktning"], x["Målvärde"], x["Utfall"],
                        x["Preliminärt"] == "Ja", x["Utfall föregående år"], x["Utfall två år sedan"], r)
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


# --- the finansförvaltning workbook ------------------------------------------------------


def _finance_office(v: Validator, report: BoardReport | None, info: Info | None):
    """Info, Finansiering and Balanskrav: the central workbook has no board sheets."""
    financing = _operating(v, C.FINANSIERING, info)
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
