"""Issue 19, wrong figures with exit 0: what is read is what the controller sees and typed.

Scaled number formats, duplicate headers, hidden rows and columns, a history whose rows
replace each other, formulas evaluated otherwise than Excel, percent typed as a fraction,
and checks that a Fel elsewhere must not silence.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

import fake_xlwings as F
from excelreport import button
from excelreport.app.checking import check_file, check_grids
from test_bounded import before_close, bounded, rewrite, sheet_part
from test_validation import expect
from wbtools import check, damage, run

HISTORY = ("Uppföljning", "Slutmånad", "Blad", "Rad", "Prognos helår")


def _history(wb, rows) -> None:
    ws = wb.create_sheet("Prognoshistorik")
    ws.append(["Prognoshistorik"])
    ws.append(list(HISTORY))
    for row in rows:
        ws.append(list(row))


# --- two columns with one header ------------------------------------------------------------


def test_a_duplicate_header_hidden_on_the_left_is_a_fel_naming_both_cells(example):
    def twin(wb):
        ws = wb["Drift"]
        ws.insert_cols(5)  # a copy of Prognos helår left of it, hidden, with other figures
        for r in range(3, 14):
            ws.cell(r, 5).value = ws.cell(r, 6).value
        ws["E5"] = -90000
        ws.column_dimensions["E"].hidden = True
    damage(example, twin)
    result = check(example)
    message = expect(result, "Fel", "Drift!F3", "'Prognos helår'", "E3 (dold) och F3", code=1)
    assert "en gång" in message


def test_a_duplicate_header_visible_is_a_fel_too(example):
    damage(example, lambda wb: setattr(wb["Uppdrag"].cell(3, 4), "value", "Status"))
    expect(check(example), "Fel", "Uppdrag!D3", "'Status'", "B3 och D3", code=1)


@pytest.mark.parametrize("reader", ["file", "button"])
def test_a_merged_header_is_one_header(example, reader):
    def merged(wb):
        ws = wb["Uppdrag"]
        ws.insert_cols(3)
        ws.merge_cells("B3:C3")
    damage(example, merged)
    checked = check_file(example) if reader == "file" else _live(example)
    assert not [f for f in checked.findings if f.code == "rubrik-dubblett"]


# --- hidden rows and columns ----------------------------------------------------------------


def test_a_hidden_row_in_a_free_table_is_a_fel(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"].row_dimensions[6], "hidden", True))
    expect(check(example), "Fel", "Indikatorer!A6", "Raden 6", "är dold", "Ta fram", code=1)


def test_hidden_rows_in_a_fixed_row_table_are_one_fel(example):
    def hide(wb):
        for r in (5, 6, 7):
            wb["Drift"].row_dimensions[r].hidden = True
    damage(example, hide)
    result = check(example)
    expect(result, "Fel", "Drift!A5", "Raderna 5–7", "är dolda", code=1)
    assert len([f for f in check_file(example).findings if f.code == "rad-dold"]) == 1


def test_a_hidden_empty_row_and_hidden_title_rows_are_fine(example):
    def hide(wb):
        wb["Uppdrag"].row_dimensions[1].hidden = True
        wb["Uppdrag"].row_dimensions[2].hidden = True
        wb["Uppdrag"].row_dimensions[40].hidden = True
    damage(example, hide)
    assert check(example).code == 0


def test_a_hidden_contract_column_with_values_is_read_with_a_varning(example):
    damage(example, lambda wb: setattr(wb["Drift"].column_dimensions["G"], "hidden", True))
    result = check(example)
    expect(result, "Varning", "Drift!G3", "'Utfall period föregående år'", "dold men läses", code=0)
    assert check_file(example).report.drift[0].values["Utfall period föregående år"] == 49203


def test_the_texter_list_column_hidden_by_new_is_quiet(example):
    assert not [f for f in check_file(example).findings if f.code in ("kolumn-dold", "rad-dold")]


# --- Prognoshistorik ------------------------------------------------------------------------


def test_a_hidden_history_row_overriding_a_visible_one_is_a_fel(example):
    damage(example, lambda wb: (_history(wb, [("april", 4, "Drift", "Årets resultat", 900),
                                              ("april", 4, "Drift", "Årets resultat", -5000)]),
                                setattr(wb["Prognoshistorik"].row_dimensions[4], "hidden", True)))
    result = check(example)
    expect(result, "Fel", "Prognoshistorik!A4", "'april'", "Drift 'Årets resultat'", "rad 3", code=1)
    expect(result, "Fel", "Prognoshistorik!A4", "är dold")


@pytest.mark.parametrize("name", ["Prognos helår", "Blad", "rad"])
def test_a_followup_named_like_a_result_column_is_a_fel(example, name):
    damage(example, lambda wb: _history(wb, [(name, 4, "Drift", "Årets resultat", 900)]))
    expect(check(example), "Fel", "Prognoshistorik!A3", f"'{name}'", "Resultat Prognoshistorik",
           code=1)


def test_a_followup_named_like_the_label_of_a_repeated_one_is_a_fel(example):
    damage(example, lambda wb: _history(wb, [("X", 2, "Drift", "Årets resultat", 100),
                                              ("X", 4, "Drift", "Årets resultat", 200),
                                              ("X (månad 4)", 6, "Drift", "Årets resultat", 300)]))
    expect(check(example), "Fel", "Prognoshistorik!A5", "'X (månad 4)'", "'X'", "rad 4",
           "samma kolumn", code=1)


# --- formulas evaluated as Excel would, or refused --------------------------------------------


@pytest.mark.parametrize("formula", ["=-109187+SUM(J20:K20)", "=-109187+K20", "=-109182+A0",
                                     "=-109182+SUM(A0:A1)", "=-109182+XFE1"])
def test_a_formula_the_evaluator_is_not_sure_of_is_a_fel(example, formula):
    def change(wb):
        ws = wb["Drift"]
        ws["J20"] = 5
        ws.merge_cells("J20:K20")
        ws["B5"] = formula
    damage(example, change)
    expect(check(example), "Fel", "Drift!B5", "inget beräknat värde", "Öppna och spara", code=1)


def _merged(example, cell: str | None, formula: str) -> None:
    """J20:K20 merged, ``cell`` (J20, K20 or None) holding 5 (K20 kept as a file may keep
    it under an empty top-left cell), ``formula`` in Drift!B5."""
    def change(wb):
        ws = wb["Drift"]
        if cell:
            ws[cell] = 5
        ws.merged_cells.add("J20:K20")  # openpyxl's merge_cells would empty K20
        ws["B5"] = formula
    damage(example, change)


@pytest.mark.parametrize("cell, formula", [
    ("J20", "=-109187+J20"),  # the top-left cell
    (None, "=-109182+K20+SUM(J20:K20)"),  # an empty merge counts as 0, as in Excel
])
def test_a_merge_evaluated_as_excel_does(example, cell, formula):
    _merged(example, cell, formula)
    expect(check(example), "Info", "Drift!B5", "räknade ut -109 182", code=0)
    assert check_file(example).report.drift[1].values["Budget"] == Decimal(-109182)


@pytest.mark.parametrize("formula", ["=-109187+K20", "=-109187+SUM(J20:K20)"])
def test_a_merge_whose_top_left_is_empty_is_not_read_from_its_hidden_cells(example, formula):
    """A value stored in a covered cell of a merge whose top-left cell is empty (a filling
    program's file): the user sees an empty merge, Excel's formulas may see the value or
    nothing; the formula is refused, never evaluated from the hidden value."""
    _merged(example, "K20", formula)
    expect(check(example), "Fel", "Drift!B5", "inget beräknat värde", "Öppna och spara", code=1)


# --- number formats that scale ---------------------------------------------------------------


@pytest.mark.parametrize("fmt, typed, read", [
    ("#,##0,", -109182000, -109182),
    ("0,,", -109182000000, -109182),
    ('#,##0, "tkr";-#,##0, "tkr"', -109182000, -109182),
    ("#,##0;(#,##0,)", -109182499, Decimal("-109182.499")),  # the negative section scales
    ("[Red]#,##0.0,_);(#,##0.0,)", -109182000, -109182),
    ("#,##0\\,", -109182, -109182),  # an escaped comma is text
    ('0","', -109182, -109182),  # so is a quoted one
    ("#,##0", -109182, -109182),
])
def test_an_amount_in_a_scaling_format_is_read_as_shown(example, fmt, typed, read):
    def change(wb):
        wb["Drift"]["B5"] = typed
        wb["Drift"]["B5"].number_format = fmt
    damage(example, change)
    result = check(example)
    assert result.code == 0, result.out
    assert check_file(example).report.drift[1].values["Budget"] == read
    scaled = [f for f in check_file(example).findings if f.code == "talformat-skalar"]
    if typed != read:
        expect(result, "Info", "Drift!B5", f"'{fmt}'", "som det syns i cellen")
    else:
        assert not scaled


def test_a_column_in_thousands_gives_one_info(example):
    def change(wb):
        for r in range(4, 9):
            wb["Drift"].cell(r, 2).value *= 1000
            wb["Drift"].cell(r, 2).number_format = "#,##0,"
    damage(example, change)
    result = check(example)
    assert [f.cell for f in check_file(example).findings if f.code == "talformat-skalar"] == ["B4"]
    expect(result, "Info", "Drift!B4", "Likaså 4 cell(er) till", code=0)
    assert check_file(example).report.drift[1].values["Budget"] == -109182


def test_a_conditional_format_that_scales_in_some_sections_is_a_fel(example):
    def change(wb):
        wb["Drift"]["B5"] = -109182000
        wb["Drift"]["B5"].number_format = "[<-999999]#,##0,;#,##0"
    damage(example, change)
    expect(check(example), "Fel", "Drift!B5", "villkor", "går inte att avgöra", code=1)


# --- percent typed as a fraction ------------------------------------------------------------


def test_sick_leave_typed_as_a_fraction_is_a_varning(example):
    damage(example, lambda wb: setattr(wb["Sjukfrånvaro"]["C5"], "value", 0.035))  # Kvinnor 3,5 %
    result = check(example)
    expect(result, "Varning", "Sjukfrånvaro!C5", "Kvinnor, Innevarande år", "0,035", "hundradel",
           "3,5", code=0)


def test_a_total_outside_women_and_men_is_a_varning(example):
    damage(example, lambda wb: setattr(wb["Sjukfrånvaro"]["B4"], "value", 0.0365))
    result = check(example)
    expect(result, "Varning", "Sjukfrånvaro!B4", "Föregående år", "0,0365", "Kvinnor 3,77", "Män 3,52",
           code=0)


def test_a_percent_indicator_typed_as_a_fraction_is_a_varning(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["F6"], "value", 0.526))  # Enhet %
    expect(check(example), "Varning", "Indikatorer!F6", "Utfall: 0,526", "hundradel", "52,6", code=0)


def test_an_index_indicator_and_the_references_small_values_stay_quiet(example):
    assert check(example).out.splitlines()[-1] == "0 fel, 15 varningar, 0 info."  # Dag 15–59 0,3 0,6
    damage(example, lambda wb: setattr(wb["Indikatorer"]["F4"], "value", 0.72))  # Enhet Index
    assert not [f for f in check_file(example).findings if f.code == "procent-som-andel"]


# --- every check that does not depend on the broken cell -------------------------------------

LATER = ("kommentar-saknas", "bedomning-avviker", "positiv-kostnad")


def _later(path) -> list[tuple[str, str]]:
    return sorted((f.code, f.where) for f in check_file(path).findings if f.code in LATER)


@pytest.mark.parametrize("sheet, ref", [("Info", "B4"), ("Info", "B5"), ("Info", "B6"), ("Info", "B8"), ("Info", "B10"),
                                        ("Mål", "D7"), ("Mål", "A7")])
def test_a_fel_in_info_or_a_goal_leaves_the_other_checks_running(example, tmp_path, sheet, ref):
    whole = _later(example)
    assert len(whole) == 15
    damage(example, lambda wb: setattr(wb[sheet][ref], "value", None))
    result = check(example)
    assert result.code == 1
    assert _later(example) == whole  # the comments and Mål 4's suggestion, all found at once


def test_without_info_the_comment_threshold_is_not_guessed(example):
    damage(example, lambda wb: setattr(wb["Info"]["B11"], "value", "mycket"))  # Kommentarsgräns
    codes = [f.code for f in check_file(example).findings]
    assert "kommentar-saknas" not in codes and "bedomning-avviker" in codes


def test_a_goal_whose_indicator_has_a_fel_gets_no_suggestion(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["D9"], "value", None))  # Mål 4's one
    result = check(example)
    expect(result, "Fel", "Indikatorer!D9", "Riktning saknas", code=1)
    assert not [f for f in check_file(example).findings if f.code == "bedomning-avviker"]


# --- the button reads the live book alike -----------------------------------------------------


def _live(path):
    return check_grids(button.read_book(F.load(path)))


def test_the_button_sees_hidden_rows_and_columns(example):
    def hide(wb):
        wb["Indikatorer"].row_dimensions[6].hidden = True
        wb["Drift"].column_dimensions["G"].hidden = True
    damage(example, hide)
    found = {(f.severity, f.code, f.where) for f in _live(example).findings}
    assert ("Fel", "rad-dold", "Indikatorer!A6") in found
    assert ("Varning", "kolumn-dold", "Drift!G3") in found


def test_the_button_reads_a_scaled_amount_as_shown(example):
    def change(wb):
        wb["Drift"]["B5"] = -109182000
        wb["Drift"]["B5"].number_format = "#,##0,"
    damage(example, change)
    checked = _live(example)
    assert checked.report.drift[1].values["Budget"] == -109182
    assert [f.where for f in checked.findings if f.code == "talformat-skalar"] == ["Drift!B5"]


def test_hundreds_of_thousands_of_hidden_column_spans_are_read_in_bounded_time(example):
    spans = b"".join(b'<col min="%d" max="16384" width="9" hidden="1"/>' % (1 + i % 16384)
                     for i in range(300_000))
    rewrite(example, {sheet_part(example, "Drift"): before_close(b"cols", spans)})
    answer = bounded("check", example)
    assert answer.code == 0, answer.out + answer.err  # the contract columns: read, with a Varning
    assert re.search(r"Varning\s+Drift!B3\s.*'Budget'.*dold men läses", answer.out), answer.out


def test_the_button_reads_the_amount_formats_of_the_finance_workbook_and_the_history(tmp_path):
    path = tmp_path / "fin.xlsx"
    assert run("new", path, "--typ", "finansforvaltning", "--kommun", "K", "--ar", 2024,
               "--period", "Delårsbokslut", "--slutmanad", 8).code == 0
    damage(path, lambda wb: (setattr(wb["Finansiering"]["B4"], "value", 1000),
                             _history(wb, [("april", 4, "Finansiering", "Skatteintäkter", 990)])))
    checked = _live(path)
    assert not [f for f in checked.findings if f.severity == "Fel"], checked.findings
    assert checked.report.financing[0].values["Budget"] == 1000
