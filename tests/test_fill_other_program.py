"""The blank filled by another program that knows only the contract's names.

The filler below never uses the package's code or positions: it finds each sheet by name,
each column by its header label and each fixed row by its label, exactly as the contract
describes them, and writes the reference board's data from the reference JSON. A second
writer builds a workbook from scratch with the layout liberties the contract allows.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import EXAMPLE, convert
from excelreport.app.checking import check_file
from wbtools import check, run

KEYED = {"Info": ("Fält", "Värde"), "Texter": ("Avsnitt", "Text")}
FIXED_KEY = {"Drift": "Rad", "Exploatering": "Rad", "Personal": "Fält", "Sjukfrånvaro": "Kategori"}
PERCENT_SHEETS = {"Sjukfrånvaro"}


def records(name: str, content) -> list[dict]:
    if name in KEYED:
        key, value = KEYED[name]
        return [{key: k, value: v} for k, v in content.items()]
    return content


def find_header(ws, labels) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=60):
        found = {c.value: c.column for c in row if isinstance(c.value, str)}
        if all(label in found for label in labels):
            return row[0].row, found
    raise LookupError(f"{ws.title}: rubrikraden saknas")


def fill(path: Path, data: dict) -> Path:
    """Write ``data`` into the workbook at ``path`` by sheet name, header label and row label."""
    wb = openpyxl.load_workbook(path)
    for name, content in data.items():
        if name.startswith("_"):
            continue
        ws = wb[name]
        recs = records(name, content)
        labels = list(recs[0])
        header, columns = find_header(ws, labels)
        key = KEYED.get(name, (FIXED_KEY.get(name),))[0]
        next_free = header + 1
        for rec in recs:
            row = None
            if key:
                row = next((r for r in range(header + 1, ws.max_row + 1)
                            if ws.cell(r, columns[key]).value == rec[key]), None)
            if row is None:
                row = next_free
                while any(ws.cell(row, c).value not in (None, "") for c in columns.values()):
                    row += 1
            next_free = row + 1
            for label, value in rec.items():
                ws.cell(row, columns[label]).value = value
    wb.save(path)
    return path


def comparable(results) -> dict:
    """The calculated figures, without the cell addresses they came from."""
    def rows(rs):
        return [(r.label, {k: v for k, v in r.values.items()}) for r in rs]
    return {
        "drift": rows(results.drift), "exploatering": rows(results.exploatering),
        "investments": rows(results.investments), "sick_leave": rows(results.sick_leave),
        "goals": [(g.goal.nr, g.suggestion, g.met_text) for g in results.goals],
    }


@pytest.fixture(scope="module")
def expected() -> dict:
    return comparable(check_file(EXAMPLE).results)


@pytest.fixture
def filled_blank(tmp_path, reference_data) -> Path:
    path = tmp_path / "ifylld.xlsx"
    info = reference_data["Info"]
    assert run("new", path, "--kommun", info["Kommun"], "--namnd", info["Nämnd"]).code == 0
    return fill(path, reference_data)


def no_errors(path: Path) -> None:
    result = check(path)
    assert result.code == 0, result.out + result.err
    assert not [line for line in result.out.splitlines() if line.startswith("Fel ")]


def test_blank_filled_by_another_program(filled_blank, expected):
    no_errors(filled_blank)
    checked = check_file(filled_blank)
    assert comparable(checked.results) == expected
    drift = {r.label: r.values for r in checked.results.drift}
    assert drift["Verksamhetens kostnader"]["Avvikelse prognos/budget"] == 3960
    assert drift["Verksamhetens nettokostnader"]["Budget"] == -106877
    assert round(drift["Årets resultat"]["Utfall period"]) == 5167
    assert checked.report.info.kommun == "Alingsås kommun" and checked.report.info.ar == 2023


def test_filled_then_saved_by_libreoffice(filled_blank, tmp_path, expected):
    """LibreOffice recalculates the sum rows: their cached values are compared and agree."""
    out = convert(filled_blank, "xlsx", tmp_path / "lo")
    no_errors(out)
    checked = check_file(out)
    assert comparable(checked.results) == expected
    drift = checked.report.drift
    assert drift[5].derived and drift[5].values["Budget"] == -198744  # the cached sum was read


def test_sum_rows_written_by_the_other_program(filled_blank, reference_data):
    """A program that writes the sum rows as numbers: right figures pass, a wrong one is a Fel."""
    wb = openpyxl.load_workbook(filled_blank)
    ws = wb["Drift"]
    header, columns = find_header(ws, ["Rad", "Budget"])
    row = next(r for r in range(header + 1, ws.max_row + 1)
               if ws.cell(r, columns["Rad"]).value == "Verksamhetens kostnader")
    ws.cell(row, columns["Budget"]).value = -198744
    wb.save(filled_blank)
    no_errors(filled_blank)
    ws.cell(row, columns["Budget"]).value = -198000
    wb.save(filled_blank)
    result = check(filled_blank)
    assert result.code == 1
    ref = f"Drift!{openpyxl.utils.get_column_letter(columns['Budget'])}{row}"
    assert any(line.startswith("Fel") and ref in line and "-198\u00a0000" in line
               for line in result.out.splitlines())


# --- a workbook written from scratch, with the liberties the contract allows --------------


def write_from_scratch(path: Path, data: dict, *, header_at: int = 1, shuffle: bool = False,
                       extra: bool = False, text_numbers: bool = False, excel_percent: bool = False,
                       merge_kf: bool = False, hide: bool = False, hide_row: bool = False,
                       formulas: bool = False) -> Path:
    rnd = random.Random(7)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, content in data.items():
        if name.startswith("_"):
            continue
        ws = wb.create_sheet(name)
        recs = records(name, content)
        labels = list(recs[0])
        if shuffle:
            rnd.shuffle(labels)
        if extra:
            labels.insert(1, "Anteckning")
            labels.append("Ansvarig")
        for r in range(1, header_at):
            ws.cell(r, 1).value = f"{name} – rubrikrad {r}" if r == 1 else None
        for c, label in enumerate(labels, start=1):
            ws.cell(header_at, c).value = label
        for i, rec in enumerate(recs):
            row = header_at + 1 + i
            for c, label in enumerate(labels, start=1):
                value = rec.get(label, "x" if label in ("Anteckning", "Ansvarig") else None)
                cell = ws.cell(row, c)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    if excel_percent and name in PERCENT_SHEETS | {"Personal"} and label != "Fält" \
                            and rec.get("Fält") != "Tillsvidareanställda":
                        cell.value, cell.number_format = float(Decimal(str(value)) / 100), "0.00%"
                        continue
                    if text_numbers and name in ("Drift", "Exploatering", "Investeringar"):
                        text = f"{abs(value):,.0f}".replace(",", "\u00a0") if float(value).is_integer() \
                            else f"{abs(value):,}".replace(",", " ").replace(".", ",")
                        cell.value = ("\u2212" if value < 0 else "") + text
                        continue
                    if formulas and name == "Drift" and label == "Budget" and i == 0:
                        cell.value = f"={value}+0*Info!B4"  # another sheet: not evaluated
                        continue
                cell.value = value
        if merge_kf and name == "Mål":
            col = labels.index("KF-mål") + 1
            nr_col = labels.index("KF-mål nr") + 1
            start = header_at + 1
            for i in range(1, len(recs) + 1):
                end = i == len(recs) or recs[i]["KF-mål nr"] != recs[start - header_at - 1]["KF-mål nr"]
                if end:
                    stop = header_at + i
                    if stop > start:
                        for r in range(start + 1, stop + 1):
                            ws.cell(r, col).value = None
                            ws.cell(r, nr_col).value = None
                        ws.merge_cells(start_row=start, start_column=col, end_row=stop, end_column=col)
                        ws.merge_cells(start_row=start, start_column=nr_col, end_row=stop,
                                       end_column=nr_col)
                    start = stop + 1
        if hide and name == "Uppdrag":  # a hidden contract sheet is a Fel (test_what_is_read)
            ws.column_dimensions["F"].hidden = True
        if hide_row and name == "Investeringar":  # a hidden table row is a Fel (issue 19)
            ws.row_dimensions[header_at + 2].hidden = True
    wb.save(path)
    return path


VARIANTS = {
    "plain": {},
    "header_row_5_with_title_rows": {"header_at": 5},
    "header_row_40": {"header_at": 40},
    "columns_shuffled_and_extra": {"shuffle": True, "extra": True},
    "numbers_as_swedish_text": {"text_numbers": True},
    "excel_percent_cells": {"excel_percent": True},
    "merged_kf_goal_cells": {"merge_kf": True},
    "hidden_column_outside_the_table": {"hide": True},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_written_from_scratch(variant, tmp_path, reference_data, expected):
    path = write_from_scratch(tmp_path / f"{variant}.xlsx", reference_data, **VARIANTS[variant])
    no_errors(path)
    assert comparable(check_file(path).results) == expected
    if variant == "numbers_as_swedish_text":
        notes = [line for line in check(path).out.splitlines() if line.startswith("Info")]
        assert notes and all("lagrat som text" in line for line in notes)


def test_a_hidden_table_row_is_a_fel(tmp_path, reference_data):
    path = write_from_scratch(tmp_path / "dold.xlsx", reference_data, hide_row=True)
    result = check(path)
    assert result.code == 1
    assert [line for line in result.out.splitlines() if line.startswith("Fel ")
            and "Investeringar!A3" in line and "är dold" in line]


def test_formula_without_cached_value_on_an_input_row(tmp_path, reference_data):
    path = write_from_scratch(tmp_path / "formel.xlsx", reference_data, formulas=True)
    result = check(path)
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if line.startswith("Fel"))
    assert "Drift!B2" in line and "formel" in line and "Öppna och spara filen i Excel" in line


def test_formulas_cached_as_zero_by_a_non_calculating_writer(tmp_path, reference_data, monkeypatch,
                                                            expected):
    """XlsxWriter caches 0 for a formula unless told its value, and asks for a recalculation
    on load: that 0 is not a computed sum, so it is not compared."""
    from excelreport.app import generate

    real = generate._sum_formula
    monkeypatch.setattr(generate, "_sum_formula", lambda *a: (real(*a)[0], 0))
    path = generate.write_workbook(tmp_path / "xlsxwriter.xlsx", reference_data)
    no_errors(path)
    assert comparable(check_file(path).results) == expected
