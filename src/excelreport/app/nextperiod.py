"""``excelreport next``: the next follow-up's workbook, carried and cleared from the last one.

``BOOK`` is only read. Its values are taken sheet by sheet as the contract reads them,
carried or cleared by the rules declared in ``contract.NEXT_PERIOD`` (per sheet and
column, so a sheet added to the contract slots in), and written fresh by the generator,
so an older layout comes out in the current one. The forecasts of ``BOOK`` are appended
to ``Prognoshistorik``. The new file is written atomically (a temporary file, then a
replace); an ``.xlsm`` keeps the button and the VBA project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import contract as C
from .. import macro as M
from ..calc.forecast import followup_name, forecast_rows, month_of
from ..check import Validator, fixed_rows, free_rows, present
from ..check.cells import format_decimals
from ..core.atomic import ensure_writable
from ..core.codes import BUTTON_CODES, Code
from ..core.errors import ExcelReportError
from ..core.findings import FEL, VARNING, Finding
from ..profile.carrier import carried, carried_text
from ..profile.loader import shipped_text
from ..profile.names import STANDARD as STANDARD_NAME
from ..profile.shape import STANDARD, Shape
from ..read.grid import WorkbookGrids, address
from .generate import write_workbook
from .nextprofile import check_unit, reshape, target_profile
from .checking import check_grids, read_for_check, workbook_shape

MACRO_SUFFIX = ".xlsm"


@dataclass
class NextOutcome:
    """What ``next`` did: the blocking findings (nothing written), or the files written."""

    blocking: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    target: Path | None = None
    followup: str = ""  # the old follow-up's name, e.g. Delårsbokslut
    title: str = ""  # the new one, e.g. Årsredovisning 2023 per december
    year: int = 0  # the new one's


def next_period(book: str | Path, out: str | Path, *, period: str, end_month: int,
                year: int | None = None, keep_texts: bool = False, force: bool = False,
                profile: str | Path | None = None) -> NextOutcome:
    """Write the next follow-up of ``book`` to ``out``; see the module docstring. ``profile``
    (``--profil``): a newer version of the workbook's profile to upgrade it to (nextprofile).

    Raises ExcelReportError (exit 2) for an existing ``out`` without ``force``, ``out`` being
    ``book``, an unreadable ``book``, an unwritable target, or a ``profile`` it cannot take.
    """
    book, out = Path(book), Path(out)
    _check_target(book, out, force)
    grids = read_for_check(book)
    own = carried(grids)
    upgrade, notes = (None, [])
    if profile is not None:
        upgrade, notes = target_profile(own, carried_text(grids) if own else shipped_text(STANDARD_NAME), profile)
    shape = workbook_shape(own)
    target = workbook_shape(upgrade.carried) if upgrade else shape
    _check_period(target, period, end_month)
    validator = Validator(grids, shape)
    checked = check_grids(grids, validator)
    # the button's settings and VBA are written afresh, so their findings do not block
    blocking = [f for f in checked.findings if f.severity == FEL and f.code not in BUTTON_CODES]
    if blocking or checked.report is None:
        return NextOutcome(blocking=blocking)
    outcome = _outcome(grids, checked.report.info, period, end_month, year)
    if outcome.blocking:
        return outcome
    outcome.notes[:0] = notes
    data, marks = carry(grids, checked, period=period, end_month=end_month, year=outcome.year,
                        keep_texts=keep_texts, validator=validator)
    if upgrade:
        check_unit(data, target.info)
        present = tuple(s for s in _sheets(shape) if s.name in grids.sheets)
        outcome.notes += reshape(data, marks, present, _sheets(target), upgrade.carried.label)
        outcome.title += f" ({upgrade.carried.label})"
    macro = _macro(out, grids, checked.report.info, outcome) if out.suffix.lower() == MACRO_SUFFIX else None
    ensure_writable(out)
    carrier = (upgrade.raw, upgrade.profile) if upgrade else (carried_text(grids), own.profile) if own else None
    _write_atomically(out, data, macro, marks, carrier)
    outcome.target = out
    return outcome


def _check_target(book: Path, out: Path, force: bool) -> None:
    if out.exists() and not force:
        raise ExcelReportError(f"{out} finns redan; använd --force för att skriva över den. "
                               "Filen har inte ändrats.")
    if out.exists() and book.exists() and out.resolve() == book.resolve():
        raise ExcelReportError(f"{out} är samma fil som {book.name}, som bara läses; välj ett annat namn.")


def _check_period(shape: Shape, period: str, end_month: int) -> None:
    """``--period`` is one of the (new) profile's periods, ``--slutmanad`` its closing month."""
    periods = next(r.choices for r in shape.info.rows if r.label == "Period")
    if period not in periods:
        raise ExcelReportError(f"--period '{period}' är ingen period i profilen "
                               f"{shape.label or 'standard'}; välj en av: "
                               + ", ".join(periods) + ". Inget har skrivits.")
    month = dict(shape.closing_months).get(period)
    if month is not None and month != end_month:
        raise ExcelReportError(f"{period} slutar i månad {month} enligt profilen {shape.label}, inte "
                               f"{end_month}. Inget har skrivits.")


def _outcome(grids: WorkbookGrids, info, period: str, end_month: int, year: int | None) -> NextOutcome:
    """The new follow-up's year and title, or the Fel of a year that is not the next."""
    new_year = info.ar if year is None else year
    if new_year not in (info.ar, info.ar + 1):
        return NextOutcome(blocking=[Finding(
            FEL, Code.AR_EJ_NASTA, C.INFO.name, _info_cell(grids, "År"),
            f"År {new_year}: nästa uppföljning är samma år ({info.ar}) eller nästa ({info.ar + 1}); "
            f"ett annat år går inte att föra över. Ange --ar {info.ar} eller --ar {info.ar + 1}.")])
    outcome = NextOutcome(followup=followup_name(info.period, info.slutmanad),
                          title=f"{period} {new_year} per {C.MONTH_WORDS[end_month - 1]}", year=new_year)
    if new_year == info.ar and end_month <= info.slutmanad:
        outcome.notes.append(Finding(
            VARNING, Code.SLUTMANAD_EJ_SENARE, C.INFO.name, _info_cell(grids, "Periodens slutmånad"),
            f"Periodens slutmånad {end_month} är inte senare än den förra uppföljningens "
            f"({info.slutmanad}) samma år; nästa uppföljning brukar gälla en senare månad. "
            "Arbetsboken skrevs ändå."))
    return outcome


def _macro(out: Path, grids: WorkbookGrids, info, outcome: NextOutcome):
    """The new ``.xlsm``'s button: ``BOOK``'s interpreter when the button takes it."""
    M.check_macro_path(out)
    interpreter, _ = _button_settings(grids)
    problem = M.interpreter_problem(interpreter, str(out.absolute())) if interpreter else None
    if problem:
        outcome.notes.append(Finding(
            VARNING, Code.KNAPP_TOLK_BYTT, M.CONF_SHEET, "B1",
            f"Interpreter_Win {interpreter!r} godtas inte av knappen ({problem}); {out.name} har "
            f"{M.DEFAULT_INTERPRETER}. Skriv rätt sökväg i B1 på {M.CONF_SHEET} om Python ligger "
            "någon annanstans."))
        interpreter = ""
    macro = M.MacroWorkbook(interpreter or M.DEFAULT_INTERPRETER)  # PYTHONPATH: never used
    if info.typ == C.FINANCE_OFFICE and hasattr(macro, "finance_office"):
        macro.finance_office = True  # the finansförvaltning's button (consolidate)
    return macro


# --- carrying the sheets -------------------------------------------------------------------


def carry(grids: WorkbookGrids, checked, *, period: str, end_month: int, year: int,
          keep_texts: bool, validator: Validator | None = None
          ) -> tuple[dict[str, Any], dict[str, dict[tuple[int, str], str]]]:
    """The new workbook's data (the generator's shape) and its prefilled cells. The check's
    ``validator`` has the sheets located and the free tables read already."""
    info = checked.report.info
    new_year = year == info.ar + 1
    name = followup_name(info.period, info.slutmanad)
    note = f"förifylld från {name} {info.ar}: skriv den nya prognosen"
    v = validator or Validator(grids)  # its findings were given by the check already
    data: dict[str, Any] = {}
    marks: dict[str, dict[tuple[int, str], str]] = {}
    table = carry_rules(v.shape)
    for spec in _sheets(v.shape):
        if spec.layout == C.FORM:
            data[spec.name] = _carry_info(_records(v, spec), period, end_month, year,
                                          "" if new_year else name)
        elif spec.layout == C.TEXTS:
            texts = {r["Avsnitt"]: r["Text"] for r in _records(v, spec) if r.get("Text")} if keep_texts else {}
            data[spec.name] = texts
            marks[spec.name] = {(i, "Text"): f"utkast från {name} {info.ar}: skriv om texten"
                                for i, row in enumerate(spec.rows) if row.label in texts}
        elif _only_rows(spec, table):
            data[spec.name] = []  # the generator writes the fixed rows; nothing else is carried
        else:
            records = _records(v, spec, _carried_from(spec, table))
            rows, sheet_marks = _carry_sheet(spec, records, new_year, note, table)
            data[spec.name], marks[spec.name] = rows, sheet_marks
    old_history = _records(v, C.PROGNOSHISTORIK) if present(grids, C.PROGNOSHISTORIK) else []
    data[C.PROGNOSHISTORIK.name] = [] if new_year else history(checked, old_history)
    return data, marks


def _sheets(shape: Shape = STANDARD) -> tuple[C.Sheet, ...]:
    """Every input sheet of the contract (or of the workbook's profile); the generator writes
    those of the workbook's Typ. (The finansförvaltning's sheets, when the contract declares
    them, as ALL_INPUT_SHEETS.)"""
    if shape.statements != STANDARD.statements:  # a profile's own sheets
        return shape.input_sheets
    return getattr(C, "ALL_INPUT_SHEETS", C.INPUT_SHEETS)


VOLUME_CARRY = C.SheetCarry({"Enhet": C.Carry(), "Budget": C.Carry(C.KEEP, C.CLEAR)})


def carry_rules(shape: Shape) -> dict[str, C.SheetCarry]:
    """``contract.NEXT_PERIOD``, and for a profile's own sheets: each operating statement
    carried as Drift (by its role), Verksamhetsmått's measures and units kept, its budget
    within the year."""
    rules = dict(C.NEXT_PERIOD)
    rules.update({st.name: C.NEXT_PERIOD[C.DRIFT.name] for st in shape.statements if st.name not in rules})
    if shape.volume is not None:
        rules[shape.volume.name] = VOLUME_CARRY
    return rules


def _only_rows(spec: C.Sheet, table: dict = C.NEXT_PERIOD) -> bool:
    """A fixed-row sheet whose values are all cleared: nothing of it needs reading."""
    rules = table.get(spec.name, C.DEFAULT_CARRY)
    return bool(spec.rows) and rules.default == C.CLEAR and not rules.columns


def _records(v: Validator, spec: C.Sheet, columns: set[str] | None = None) -> list[dict[str, Any]]:
    """Every row of a sheet as {column label: typed value}, as the contract reads them; of a
    fixed-row sheet only ``columns`` (None: all) besides the key."""
    if not spec.rows:
        numbers = {c.label for c in spec.columns if c.kind == C.NUMBER}
        return [{k: _plain(x, k in numbers and _shows_decimals(table, r, k)) for k, x in values.items()}
                for r, values, table in free_rows(v, spec)]
    located = fixed_rows(v, spec, missing=None)
    if located is None:
        return []
    table, found = located
    read = [c for c in spec.columns[1:] if columns is None or c.label in columns]
    out = []
    for row in spec.rows:
        r = found.get(row.label)
        if r is None:
            continue
        record = {spec.key.label: row.label}
        for column in read:
            kind = row.kind if column.kind != C.TEXT or spec.layout == C.FORM else C.TEXT
            record[column.label] = _plain(v.value(spec.name, table.ref(r, column.label),
                                                  table.cell(r, column.label), kind, row.label,
                                                  choices=row.choices or column.choices,
                                                  derived=row.derived))
        out.append(record)
    return out


def _plain(value, decimals: bool = False):
    """A Decimal as the generator writes it: an int when whole, else a float (also when
    whole but shown with decimals, e.g. an indicator typed as 19,0: it keeps its look)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() and not decimals else float(value)
    return value


def _shows_decimals(table, row: int, label: str) -> bool:
    """A number cell whose format shows decimals (``0,0``)."""
    return bool(format_decimals(table.cell(row, label).number_format))


def _carry_info(records: list[dict], period: str, end_month: int, year: int,
                previous: str) -> dict[str, Any]:
    values = {r["Fält"]: r["Värde"] for r in records}
    for label in C.INFO_CLEARED:
        values[label] = None
    values.update({"År": year, "Period": period, "Periodens slutmånad": end_month,
                   "Föregående prognos": previous or None})
    return values


def _column_rules(spec: C.Sheet, new_year: bool, table: dict = C.NEXT_PERIOD) -> list[tuple[str, C.Carry, object]]:
    """Each value column of ``spec`` with its carry rule and that rule's action this time."""
    rules = table.get(spec.name, C.DEFAULT_CARRY)
    out = []
    for column in spec.columns[1:]:
        rule = rules.columns.get(column.label, C.Carry(rules.default))
        out.append((column.label, rule, rule.action(new_year)))
    return out


def _carried_from(spec: C.Sheet, table: dict = C.NEXT_PERIOD) -> set[str]:
    """The columns whose old values the carry rules use, in either direction of the year."""
    rules = table.get(spec.name, C.DEFAULT_CARRY)
    used = set(rules.drop_new_year)
    for new_year in (False, True):
        for label, _, action in _column_rules(spec, new_year, table):
            if action == C.KEEP:
                used.add(label)
            elif isinstance(action, C.From):
                used.add(action.column)
    return used


def _carry_sheet(spec: C.Sheet, records: list[dict], new_year: bool,
                 note: str, table: dict = C.NEXT_PERIOD) -> tuple[list[dict], dict[tuple[int, str], str]]:
    """Apply the sheet's carry rules; the prefilled cells as (row index, column) → comment."""
    rules = table.get(spec.name, C.DEFAULT_CARRY)
    columns = _column_rules(spec, new_year, table)
    out: list[dict] = []
    marks: dict[tuple[int, str], str] = {}
    index = {r.label: i for i, r in enumerate(spec.rows)}
    derived = {r.label for r in spec.rows if r.derived}  # sum rows stay formulas
    key = spec.key.label
    for old in records:
        if new_year and any(old.get(col) in values for col, values in rules.drop_new_year.items()):
            continue
        new = {key: old.get(key)}
        for label, rule, action in columns:
            if action == C.KEEP:
                value = old.get(label)
            elif isinstance(action, C.From):
                value = old.get(action.column)
            elif isinstance(action, C.Set):
                value = action.value
            else:
                value = None
            new[label] = value
            if rule.prefilled and value is not None and action != C.CLEAR and old.get(key) not in derived:
                i = index[old[key]] if spec.rows else len(out)
                marks[(i, label)] = note
        out.append(new)
    return out, marks


# --- the history ---------------------------------------------------------------------------


def history(checked, old_rows: list[dict]) -> list[dict[str, Any]]:
    """``Prognoshistorik`` of the new workbook: the old one's (or, when it has none, its
    Föregående prognos under Info!Föregående prognos), then its own Prognos helår."""
    info, results = checked.report.info, checked.results
    rows = [{c.label: r.get(c.label) for c in C.PROGNOSHISTORIK.columns} for r in old_rows]
    if not rows:
        seed = forecast_rows(results, C.PREVIOUS_FORECAST)
        name = info.foregaende_prognos.strip() or C.PREVIOUS_FORECAST
        rows += _history_rows(name, month_of(name), seed)
    rows += _history_rows(followup_name(info.period, info.slutmanad), info.slutmanad,
                          forecast_rows(results, C.FORECAST))
    return rows


def _history_rows(name: str, month: int | None, values) -> list[dict[str, Any]]:
    return [{"Uppföljning": name, "Slutmånad": month, "Blad": sheet, "Rad": label,
             C.FORECAST: _plain(value)} for sheet, label, value in values]


# --- writing -------------------------------------------------------------------------------


def _info_cell(grids: WorkbookGrids, label: str) -> str:
    """The Värde cell of an Info field (``B7``), found by its label."""
    grid = grids.sheets.get(C.INFO.name)
    if grid is not None:
        for (r, c), cell in grid.cells.items():
            if isinstance(cell.value, str) and cell.value.strip() == label:
                return address(r, c + 1)
    return ""


def _button_settings(grids: WorkbookGrids) -> tuple[str, str]:
    """Interpreter_Win and PYTHONPATH of ``BOOK``'s xlwings.conf, when it has one."""
    grid = grids.sheets.get(M.CONF_SHEET)
    found = {}
    if grid is not None:
        for (r, c), cell in grid.cells.items():
            if c == 1 and isinstance(cell.value, str):
                value = grid.get(r, 2).value
                found[cell.value.strip()] = value if isinstance(value, str) else ""
    return found.get("Interpreter_Win", ""), found.get("PYTHONPATH", "")


def _write_atomically(out: Path, data, macro, marks, profile=None) -> None:
    """Generate in memory, then write through a temporary file beside ``out`` and a replace;
    ``profile`` (the TOML and the profile the old workbook carries): the new one carries it."""
    write_workbook(out, data, macro=macro, prefilled=marks, profile=profile)
