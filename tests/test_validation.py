"""One test per validation rule of the contract: damage a copy of the example, run ``check``.

openpyxl drops the cached values of the sum-row formulas when it saves; validation treats
those rows as derived, so they are ignored unless a test fills them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from excelreport.app.checking import check_file
from wbtools import check, col_of, damage

LINE = re.compile(r"^(Fel|Varning|Info)\s+(\S+)\s+(.*)$")


def findings(result) -> list[tuple[str, str, str]]:
    out = []
    for line in result.out.splitlines():
        m = LINE.match(line)
        if m:
            out.append(m.groups())
    return out


def expect(result, severity: str, where: str, *words: str, code: int | None = None) -> str:
    """Assert a finding of ``severity`` at ``where`` whose message holds every word."""
    if code is not None:
        assert result.code == code, result.out + result.err
    hits = [m for s, w, m in findings(result) if s == severity and w == where]
    assert hits, f"inget {severity} vid {where} i:\n{result.out}"
    good = [m for m in hits if all(word in m.replace("\u00a0", " ") for word in words)]
    assert good, f"{where}: {hits} saknar {words}"
    return good[0]


def no_errors(result) -> None:
    assert result.code == 0, result.out + result.err
    assert not [f for f in findings(result) if f[0] == "Fel"]


def test_example_has_no_errors(example):
    result = check(example)
    no_errors(result)
    assert result.out.splitlines()[-1] == "0 fel, 15 varningar, 0 info."


# --- Info ----------------------------------------------------------------------------------


def test_info_required_value_missing(example):
    damage(example, lambda wb: setattr(wb["Info"]["B4"], "value", None))
    expect(check(example), "Fel", "Info!B4", "Kommun saknas", "obligatoriskt", code=1)


def test_info_year_out_of_range(example):
    damage(example, lambda wb: setattr(wb["Info"]["B6"], "value", 1999))
    expect(check(example), "Fel", "Info!B6", "År", "1999", "2000–2100", code=1)


def test_info_year_not_integer(example):
    damage(example, lambda wb: setattr(wb["Info"]["B6"], "value", 2023.5))
    expect(check(example), "Fel", "Info!B6", "2 023,5", "heltal", code=1)


def test_info_period_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Info"]["B7"], "value", "Halvår"))
    expect(check(example), "Fel", "Info!B7", "'Halvår'", "Delårsbokslut", code=1)


def test_info_end_month_out_of_range(example):
    damage(example, lambda wb: setattr(wb["Info"]["B8"], "value", 13))
    expect(check(example), "Fel", "Info!B8", "Periodens slutmånad", "13", "1–12", code=1)


def test_info_unit_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Info"]["B10"], "value", "kr"))
    expect(check(example), "Fel", "Info!B10", "'kr'", "'tkr'", "'mnkr'", code=1)


def test_info_threshold_must_be_a_number(example):
    damage(example, lambda wb: setattr(wb["Info"]["B11"], "value", "mycket"))
    expect(check(example), "Fel", "Info!B11", "Kommentarsgräns", "'mycket'", "tal", code=1)


def test_info_year_as_text_is_converted_with_a_note(example):
    damage(example, lambda wb: setattr(wb["Info"]["B6"], "value", "2023"))
    result = check(example)
    expect(result, "Info", "Info!B6", "'2023'", "text", code=0)


def test_info_row_missing(example):
    damage(example, lambda wb: setattr(wb["Info"]["A10"], "value", "Valuta"))
    result = check(example)
    expect(result, "Fel", "Info!A10", "'Valuta'", "okänd", code=1)
    expect(result, "Fel", "Info!A3", "'Enhet' saknas")


# --- Texter --------------------------------------------------------------------------------


def test_texter_unknown_key(example):
    damage(example, lambda wb: setattr(wb["Texter"]["A4"], "value", "Verksamheten"))
    expect(check(example), "Fel", "Texter!A4", "'Verksamheten'", "okänd", "Verksamhet", code=1)


def test_texter_key_twice(example):
    damage(example, lambda wb: setattr(wb["Texter"]["A5"], "value", "Verksamhet"))
    expect(check(example), "Fel", "Texter!A5", "'Verksamhet'", "rad 4", code=1)


def test_texter_key_with_hyphen_is_accepted(example):
    damage(example, lambda wb: setattr(wb["Texter"]["A6"], "value", "Drift - Inledande sammanfattning"))
    no_errors(check(example))
    checked = check_file(example)
    assert checked.report.texts["Drift – Inledande sammanfattning"].startswith("Per augusti")


def test_texter_key_missing_leaves_the_section_out(example):
    def drop(wb):
        wb["Texter"].delete_rows(4)
    damage(example, drop)
    no_errors(check(example))
    assert "Verksamhet" not in check_file(example).report.texts


# --- Mål -----------------------------------------------------------------------------------


def test_goal_required_text_missing(example):
    damage(example, lambda wb: setattr(wb["Mål"]["D5"], "value", None))
    expect(check(example), "Fel", "Mål!D5", "Mål saknas", code=1)


def test_goal_assessment_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Mål"]["E4"], "value", "Bra"))
    expect(check(example), "Fel", "Mål!E4", "Bedömning", "'Bra'", "'Helt uppfyllt'", code=1)


def test_goal_assessment_in_other_case_is_read_with_a_note(example):
    damage(example, lambda wb: setattr(wb["Mål"]["E4"], "value", "helt uppfyllt"))
    expect(check(example), "Info", "Mål!E4", "'helt uppfyllt'", "'Helt uppfyllt'", code=0)


def test_goal_number_not_integer(example):
    damage(example, lambda wb: setattr(wb["Mål"]["C4"], "value", 1.5))
    expect(check(example), "Fel", "Mål!C4", "Mål nr", "1,5", "heltal", code=1)


def test_goal_number_unique(example):
    damage(example, lambda wb: setattr(wb["Mål"]["C5"], "value", 1))
    expect(check(example), "Fel", "Mål!C5", "Mål nr 1", "rad 4", "unikt", code=1)


def test_one_kf_goal_text_per_number(example):
    damage(example, lambda wb: setattr(wb["Mål"]["B5"], "value", "Något annat"))
    expect(check(example), "Fel", "Mål!B5", "KF-mål nr 1", "'Något annat'", "samma text", code=1)


def test_goal_optional_headers_may_be_left_out(example):
    def drop(wb):
        ws = wb["Mål"]
        ws.delete_cols(col_of(ws, "Kommentar"))
        ws.delete_cols(col_of(ws, "Prognos helår"))
    damage(example, drop)
    no_errors(check(example))


# --- Indikatorer ---------------------------------------------------------------------------


def test_indicator_points_to_missing_goal(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["A4"], "value", 99))
    expect(check(example), "Fel", "Indikatorer!A4", "Mål nr 99", "Mål", code=1)


def test_indicator_unit_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["C4"], "value", "procent"))
    expect(check(example), "Fel", "Indikatorer!C4", "Enhet", "'procent'", "'%'", code=1)


def test_indicator_direction_required(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["D4"], "value", None))
    expect(check(example), "Fel", "Indikatorer!D4", "Riktning saknas", code=1)


def test_indicator_value_must_be_a_number(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["E4"], "value", "hög"))
    expect(check(example), "Fel", "Indikatorer!E4", "Målvärde", "'hög'", "tal förväntas", code=1)


def test_indicator_preliminary_yes_or_no(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["G4"], "value", "Kanske"))
    expect(check(example), "Fel", "Indikatorer!G4", "'Kanske'", "'Ja'", "'Nej'", code=1)


def test_indicator_excel_percent_is_read_as_percent_number(example):
    def excel_percent(wb):
        c = wb["Indikatorer"]["F6"]
        c.value, c.number_format = 0.526, "0.0%"
    damage(example, excel_percent)
    no_errors(check(example))
    ind = check_file(example).report.indicators[2]
    assert ind.outcome == Decimal("52.6")


# --- Uppdrag and Internkontroll ------------------------------------------------------------


def test_assignment_status_required(example):
    damage(example, lambda wb: setattr(wb["Uppdrag"]["B4"], "value", None))
    expect(check(example), "Fel", "Uppdrag!B4", "Status saknas", code=1)


def test_assignment_status_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Uppdrag"]["B4"], "value", "Klar"))
    expect(check(example), "Fel", "Uppdrag!B4", "'Klar'", "'Färdig'", code=1)


def test_control_risk_required(example):
    damage(example, lambda wb: setattr(wb["Internkontroll"]["A4"], "value", None))
    expect(check(example), "Fel", "Internkontroll!A4", "Risk saknas", code=1)


def test_control_assessment_not_allowed(example):
    damage(example, lambda wb: setattr(wb["Internkontroll"]["D4"], "value", "OK"))
    expect(check(example), "Fel", "Internkontroll!D4", "'OK'", "'Utan anmärkning'", code=1)


# --- Drift and Exploatering ----------------------------------------------------------------


def test_amount_text_is_an_error(example):
    damage(example, lambda wb: setattr(wb["Drift"]["C5"], "value", "abc"))
    expect(check(example), "Fel", "Drift!C5", "Personalkostnader, Periodbudget", "'abc'", "tal", code=1)


@pytest.mark.parametrize("text, value", [
    ("-72 531", -72531), ("-72\u00a0531", -72531), ("\u221272\u2009531", -72531),
    ("-72 531,0", -72531), ("−72531", -72531),
])
def test_amount_in_swedish_text_is_converted(example, text, value):
    damage(example, lambda wb: setattr(wb["Drift"]["C5"], "value", text))
    result = check(example)
    expect(result, "Info", "Drift!C5", "lagrat som text", "-72 531", code=0)
    row = check_file(example).report.drift[1]
    assert row.values["Periodbudget"] == value


def test_sum_row_filled_wrong_names_both_figures(example):
    def wrong(wb):
        wb["Drift"]["B9"].value = -150000
        wb["Drift"]["B10"].value = 91867 - 198744  # right
    damage(example, wrong)
    result = check(example)
    expect(result, "Fel", "Drift!B9", "Verksamhetens kostnader, Budget", "-150 000", "-198 744", code=1)
    assert not [f for f in findings(result) if f[1] == "Drift!B10"]


def test_sum_row_filled_right_is_accepted(example):
    damage(example, lambda wb: setattr(wb["Exploatering"]["F13"], "value", check_file(
        example).results.exploatering[-1].values["Utfall period"]))
    no_errors(check(example))


def test_exploatering_sum_row_compared(example):
    damage(example, lambda wb: setattr(wb["Exploatering"]["F13"], "value", 1))
    expect(check(example), "Fel", "Exploatering!F13", "Årets resultat, Utfall period", "ifyllt 1", code=1)


def test_positive_cost_is_a_warning(example):
    damage(example, lambda wb: setattr(wb["Drift"]["E6"], "value", 500))
    result = check(example)
    expect(result, "Varning", "Drift!E6", "Lokalhyror, Prognos helår", "500", "negativa", code=0)


def test_empty_period_budget_is_derived_with_a_note(example):
    def clear(wb):
        for r in range(4, 14):
            wb["Drift"].cell(r, 3).value = None
    damage(example, clear)
    result = check(example)
    expect(result, "Info", "Drift!C4", "Periodbudget saknas på 7 rader", "Budget × 8 / 12", code=0)
    pb = check_file(example).results.drift[0].values["Periodbudget"]
    assert pb == Decimal(91867) * 8 / 12


def test_a_year_ends_period_budget_is_the_budget_in_words(example):
    """At month 12 the derived period budget is the budget: said so, not ``Budget × 12 / 12``;
    one row is ``1 rad``, never ``rad(er)``."""
    def year_end(wb):
        ws = wb["Info"]
        row = next(r for r in range(1, 30) if ws.cell(r, 1).value == "Periodens slutmånad")
        ws.cell(row, 2).value = 12
        wb["Drift"]["C5"].value = None
    damage(example, year_end)
    result = check(example)
    expect(result, "Info", "Drift!C5", "Periodbudget saknas på 1 rad (Personalkostnader) och beräknas "
           "lika med Budget (helår).", code=0)
    assert "rad(er)" not in result.out and "× 12 / 12" not in result.out


def test_empty_column_is_one_warning(example):
    def clear(wb):
        for r in range(4, 14):
            wb["Drift"].cell(r, 4).value = None
    damage(example, clear)
    result = check(example)
    expect(result, "Varning", "Drift!D3", "'Föregående prognos'", "tom", code=0)
    assert sum(1 for f in findings(result) if f[1].startswith("Drift!D")) == 1


def test_operating_row_label_unknown_and_missing(example):
    damage(example, lambda wb: setattr(wb["Drift"]["A6"], "value", "Hyror"))
    result = check(example)
    expect(result, "Fel", "Drift!A6", "'Hyror'", "okänd", "Lokalhyror", code=1)
    expect(result, "Fel", "Drift!A3", "'Lokalhyror' saknas")


def test_operating_row_twice(example):
    damage(example, lambda wb: setattr(wb["Drift"]["A6"], "value", "Personalkostnader"))
    expect(check(example), "Fel", "Drift!A6", "'Personalkostnader'", "rad 5", code=1)


def test_operating_rows_out_of_order_are_read_by_label(example):
    def swap(wb):
        ws = wb["Drift"]
        for c in range(1, 9):
            a, b = ws.cell(5, c), ws.cell(6, c)
            a.value, b.value = b.value, a.value
    damage(example, swap)
    result = check(example)
    expect(result, "Varning", "Drift!A5", "'Lokalhyror'", "ordning", code=0)
    assert check_file(example).report.drift[1].values["Budget"] == -109182


# --- Investeringar -------------------------------------------------------------------------


def test_investment_level_out_of_range(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["A5"], "value", 4))
    expect(check(example), "Fel", "Investeringar!A5", "Nivå", "4", "1–3", code=1)


def test_investment_level_jump(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["A5"], "value", 3))
    expect(check(example), "Fel", "Investeringar!A5", "Nivå 3", "nivå 1", code=1)


def test_investment_level_required(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["A5"], "value", None))
    expect(check(example), "Fel", "Investeringar!A5", "Nivå saknas", code=1)


def test_investment_name_required(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["B5"], "value", None))
    expect(check(example), "Fel", "Investeringar!B5", "Namn saknas", code=1)


def test_investment_parent_filled_wrong(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["C6"], "value", 1))
    expect(check(example), "Fel", "Investeringar!C6", "Expansionsinvestering - Exploatering",
           "Budget", "ifyllt 1", "underraderna", code=1)


def test_investment_parent_filled_right(example):
    total = sum(check_file(example).report.investments[i].values["Budget"] for i in (3, 4, 5))
    damage(example, lambda wb: setattr(wb["Investeringar"]["C6"], "value", total))
    no_errors(check(example))


def test_investment_negative_amount_is_a_warning(example):
    damage(example, lambda wb: setattr(wb["Investeringar"]["C5"], "value", -5))
    expect(check(example), "Varning", "Investeringar!C5", "Markinköp, Budget", "-5", "positiva", code=0)


# --- Personal and Sjukfrånvaro -------------------------------------------------------------


def test_personnel_shares_add_to_100(example):
    damage(example, lambda wb: setattr(wb["Personal"]["C6"], "value", 45))
    expect(check(example), "Fel", "Personal!C5", "Andel kvinnor 61", "Andel män 45", "106", "100", code=1)


def test_personnel_shares_as_excel_percent(example):
    def pct(wb):
        for ref, v in (("B5", 0.59), ("C5", 0.61), ("B6", 0.41), ("C6", 0.39)):
            wb["Personal"][ref].value, wb["Personal"][ref].number_format = v, "0%"
    damage(example, pct)
    no_errors(check(example))
    assert check_file(example).report.personal[1].current == 61


def test_headcount_must_be_integer(example):
    damage(example, lambda wb: setattr(wb["Personal"]["C4"], "value", 130.5))
    expect(check(example), "Fel", "Personal!C4", "Tillsvidareanställda", "130,5", "heltal", code=1)


def test_sick_leave_text_is_an_error(example):
    damage(example, lambda wb: setattr(wb["Sjukfrånvaro"]["C4"], "value", "3,6 procent"))
    expect(check(example), "Fel", "Sjukfrånvaro!C4", "'3,6 procent'", "procenttal", code=1)


# --- general -------------------------------------------------------------------------------


def test_missing_sheet_names_the_sheet(example):
    damage(example, lambda wb: wb.remove(wb["Uppdrag"]))
    expect(check(example), "Fel", "Uppdrag", "'Uppdrag' saknas", code=1)


def test_renamed_sheet_gets_a_hint(example):
    damage(example, lambda wb: setattr(wb["Drift"], "title", "drift "))
    expect(check(example), "Fel", "Drift", "'Drift' saknas", "'drift '", code=1)


def test_renamed_header_names_sheet_and_label(example):
    damage(example, lambda wb: setattr(wb["Drift"]["E3"], "value", "Prognos"))
    expect(check(example), "Fel", "Drift!E3", "'Prognos helår' saknas", "'Prognos'", code=1)


def test_missing_header_row(example):
    damage(example, lambda wb: wb["Uppdrag"].delete_rows(3))
    expect(check(example), "Fel", "Uppdrag!A1", "'Status' saknas", "Uppdrag, Status", code=1)


def test_sheet_renamed_to_something_else_is_named(example):
    damage(example, lambda wb: setattr(wb["Personal"], "title", "Personal 2023"))
    expect(check(example), "Fel", "Personal", "'Personal' saknas", "'Personal 2023'", code=1)


def test_formula_without_cached_value_on_input_row(example):
    damage(example, lambda wb: setattr(wb["Drift"]["B5"], "value", "=VLOOKUP(1,Info!A:B,2)"))
    expect(check(example), "Fel", "Drift!B5", "formeln =VLOOKUP(1,Info!A:B,2)", "inget beräknat värde",
           "Öppna och spara filen i Excel eller LibreOffice", code=1)


@pytest.mark.parametrize("formula, value", [
    ("=-100000-9182", -109182), ("=SUM(B6:B8)+B4*0-19620", -109182), ("=SUM(B6;B7,B8)-(19620)", -109182),
    ("=-(1091820/10)", -109182), ("=B6*14.693", Decimal("-7431") * Decimal("14.693")),
])
def test_simple_formula_without_cached_value_is_evaluated(example, formula, value):
    damage(example, lambda wb: setattr(wb["Drift"]["B5"], "value", formula))
    expect(check(example), "Info", "Drift!B5", f"formeln {formula}", "räknade ut", code=0)
    assert check_file(example).report.drift[1].values["Budget"] == value


def test_circular_formulas_are_not_evaluated(example):
    def loop(wb):
        wb["Drift"]["B5"], wb["Drift"]["B6"] = "=B6+1", "=B5+1"
    damage(example, loop)
    result = check(example)
    expect(result, "Fel", "Drift!B5", "inget beräknat värde", code=1)
    expect(result, "Fel", "Drift!B6", "inget beräknat värde")


def test_error_value(example):
    damage(example, lambda wb: setattr(wb["Drift"]["B5"], "value", "#DIV/0!"))
    expect(check(example), "Fel", "Drift!B5", "#DIV/0!", code=1)


def test_boolean_in_amount(example):
    damage(example, lambda wb: setattr(wb["Drift"]["B5"], "value", True))
    expect(check(example), "Fel", "Drift!B5", "SANT", code=1)


def test_date_in_amount(example):
    damage(example, lambda wb: setattr(wb["Drift"]["B5"], "value", date(2023, 8, 31)))
    expect(check(example), "Fel", "Drift!B5", "datum", code=1)


def test_all_findings_are_collected(example):
    def many(wb):
        wb["Info"]["B10"].value = "kr"
        wb["Mål"]["E4"].value = "Bra"
        wb["Drift"]["C5"].value = "abc"
        wb["Sjukfrånvaro"]["B4"].value = "x"
    damage(example, many)
    result = check(example)
    assert result.code == 1
    where = {f[1] for f in findings(result) if f[0] == "Fel"}
    assert {"Info!B10", "Mål!E4", "Drift!C5", "Sjukfrånvaro!B4"} <= where
    assert result.out.splitlines()[-1].startswith("4 fel,")


def test_rows_after_a_blank_row_in_a_free_table(example):
    def gap(wb):
        ws = wb["Uppdrag"]
        ws.insert_rows(6)
    damage(example, gap)
    expect(check(example), "Varning", "Uppdrag!A7", "tomma raden 6", code=0)


def test_texter_key_repeated_below_an_empty_one_counts(example):
    """A program that appends its texts below the prefilled, empty keys."""
    def append(wb):
        ws = wb["Texter"]
        text = ws["B4"].value
        ws["B4"] = None
        ws.cell(ws.max_row + 1, 1).value = "Verksamhet"
        ws.cell(ws.max_row, 2).value = text
    damage(example, append)
    no_errors(check(example))
    assert check_file(example).report.texts["Verksamhet"].startswith("Delårsbokslutet")


def test_sick_leave_row_missing(example):
    damage(example, lambda wb: wb["Sjukfrånvaro"].delete_rows(6))
    expect(check(example), "Fel", "Sjukfrånvaro!A3", "'Män' saknas", code=1)


def test_preliminary_as_boolean(example):
    damage(example, lambda wb: setattr(wb["Indikatorer"]["G4"], "value", True))
    expect(check(example), "Info", "Indikatorer!G4", "'Ja'", code=0)


# --- Info fields for the cover and the compilation ---------------------------------------

def test_info_optional_fields_read(tmp_path):
    import datetime as dt

    from excelreport.app.generate import write_workbook
    from excelreport.app.checking import check_file

    path = write_workbook(tmp_path / "b.xlsx", info={
        "Kommun": "Exempel kommun", "Nämnd": "Tekniska nämnden", "År": 2024,
        "Period": "Delårsbokslut", "Periodens slutmånad": 8, "Enhet": "tkr",
        "Sammanträdesdatum": dt.date(2024, 9, 18), "Diarienummer": "TN 2024.17",
        "Typ": "Nämnd", "Ordning": 3, "Resultatmål (%)": 2})
    checked = check_file(path)
    info = checked.report.info
    assert (info.sammantradesdatum, info.diarienummer, info.typ, info.ordning, info.resultatmal) == (
        dt.date(2024, 9, 18), "TN 2024.17", "Nämnd", 3, 2)
    assert not [f for f in checked.findings if f.sheet == "Info"]


def test_info_date_as_text_and_wrong(tmp_path):
    from excelreport.app.generate import write_workbook
    from excelreport.app.checking import check_file

    base = {"Kommun": "K", "Nämnd": "N", "År": 2024, "Period": "Delårsbokslut",
            "Periodens slutmånad": 8, "Enhet": "tkr"}
    ok = check_file(write_workbook(tmp_path / "a.xlsx", info={**base, "Sammanträdesdatum": "2024-09-18"}))
    assert str(ok.report.info.sammantradesdatum) == "2024-09-18"
    bad = check_file(write_workbook(tmp_path / "b.xlsx", info={**base, "Sammanträdesdatum": "i höst",
                                                                 "Typ": "Bolag"}))
    msgs = {f.cell: f.message for f in bad.findings if f.severity == "Fel"}
    assert any("i höst" in m and "datum förväntas" in m for m in msgs.values()), msgs
    assert any("'Bolag' är inte ett tillåtet värde" in m for m in msgs.values()), msgs


def test_a_goal_without_indicators_says_so(example):
    """An assessment against the suggestion for a goal with no indicator says the goal has
    none, not ``(0 av 0 uppfyllda indikatorer)``."""
    def drop_goal_ones(wb):
        ws = wb["Indikatorer"]
        for r in range(4, ws.max_row + 1):
            if ws.cell(r, 1).value == 1:
                ws.cell(r, 1).value = 5  # goal 1's indicators now belong to goal 5
    damage(example, drop_goal_ones)
    result = check(example)
    message = expect(result, "Varning", "Mål!E4", "Mål 1", "målet saknar indikatorer", code=0)
    assert "0 av 0" not in message


def test_one_warning_is_said_as_one_varning():
    """Both doors count findings in Swedish: ``1 varning``, never ``1 varningar``."""
    from excelreport.core.findings import FEL, INFO, VARNING, Finding, severity_counts

    one = [Finding(VARNING, "rad-saknas", "Drift", "A5", "x"), Finding(INFO, "tal-som-text", "Drift", "C5", "y")]
    assert severity_counts(one) == "0 fel, 1 varning, 1 info"
    assert severity_counts(one + [one[0], Finding(FEL, "rad-saknas", "Drift", "A6", "z")]) == "1 fel, 2 varningar, 1 info"
