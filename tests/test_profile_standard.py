"""The shipped ``standard`` profile declares exactly today's contract (contract.py), the
reference report's outline (its headings, in order) and rules (calc.py): what lets
contract.py be generated from it."""

from __future__ import annotations

import pytest

from excelreport.calc import figures as calc
from excelreport import contract as C
from excelreport.profile import shipped
from excelreport.profile.workbook import contract_of

STANDARD = shipped("standard")
CONTRACT = contract_of(STANDARD)


@pytest.mark.parametrize("expected", C.INPUT_SHEETS, ids=lambda s: s.name)
def test_every_input_sheet_equals_contract_py(expected):
    """Name, help, columns (label, kind, required, choices, width …) and fixed rows."""
    assert CONTRACT.sheets_by_name[expected.name] == expected


def test_the_sheets_in_contract_order():
    assert CONTRACT.input_sheets == C.INPUT_SHEETS


def test_result_sheets():
    assert CONTRACT.result_sheets == C.RESULT_SHEETS


def test_periods_units_scales_and_text_keys():
    assert STANDARD.period_names == C.PERIODS and STANDARD.units == C.UNITS
    assert STANDARD.year_end.name == C.YEAR_END
    assert [p.name for p in STANDARD.periods if p.named_by_month] == [C.MONTHLY]
    assert STANDARD.goal_scale.names == C.ASSESSMENTS
    assert STANDARD.control_scale.names == C.CONTROL_ASSESSMENTS
    assert CONTRACT.signal_colours == C.SIGNAL_COLOURS
    assert CONTRACT.control_legend == C.CONTROL_LEGEND
    assert STANDARD.text_keys == C.TEXT_KEYS
    assert STANDARD.sick_leave_categories == C.SICK_LEAVE_CATEGORIES
    assert STANDARD.goal_scale.legend_order == C.ASSESSMENTS  # the reference's legend: the scale's order


def test_sums_and_kinds_equal_calc():
    assert CONTRACT.sums["Drift"] == calc.SUM_MEMBERS == CONTRACT.sums["Exploatering"]
    drift = STANDARD.drift
    assert [r.label for r in drift.rows if r.kind == "kostnad"] == list(C.COST_ROWS)
    assert [[r.label for r in drift.of_kind(k)] for k in ("intakt", "summa", "nettokostnad",
                                                          "kommunbidrag", "finansnetto", "resultat")] == [
        [C.REVENUE], [C.COSTS], [C.NET_COSTS], [C.GRANT], [C.FINANCE], [C.RESULT]]


def test_suggestion_rule_equals_calc():
    scale = STANDARD.goal_scale
    for measured in range(0, 25):
        for met in range(0, measured + 1):
            assert scale.suggest(met, measured) == calc.suggest(met, measured), (met, measured)


def test_comment_rule():
    rule = STANDARD.comment
    assert rule.default_limit is None and rule.amount and rule.percent is None
    assert rule.sheets == (C.DRIFT.name, C.EXPLOATERING.name, C.INVESTERINGAR.name)


def _headings(sections, level=1):
    out = []
    for s in sections:
        out.append((level, s.heading))
        out += _headings(s.subsections, level + 1)
    return out


SUBSECTIONS = {
    "Drift": ("Inledande sammanfattning", "Prognos och prognosförändring", "Utfall för perioden",
              "Jämförelse mellan åren"),
    "Investeringar": ("Prognos", "Prognosförändring", "Utfall för perioden", "Jämförelse mellan åren"),
    "Exploatering": ("Inledande sammanfattning", "Prognos och prognosförändring",
                     "Utfall för perioden", "Jämförelse mellan åren"),
}


def test_outline_has_the_reference_reports_headings_in_order():
    """The reference report's headings and sub-headings, in its order."""
    expected = [(1, "Verksamhet"), (1, "Måluppföljning"), (1, "Uppdrag"), (1, "Ekonomi")]
    for name in ("Drift", "Investeringar", "Exploatering"):
        expected += [(2, name)] + [(3, h) for h in SUBSECTIONS[name]]
        if name == "Drift":
            expected += [(3, "Prognos för årets resultat"), (3, "Prognossäkerhet")]
    expected += [(1, "Personaluppföljning"), (2, "Rekryteringsbehov och kompetensförsörjning"),
                 (2, "Arbetsmiljö"), (2, "Sjukfrånvaro")]
    expected += [(1, "Uppföljning av internkontroll")]
    assert _headings(STANDARD.outline) == expected


def test_exempelby_contract():
    bun = contract_of(shipped("exempelby-bun"))
    assert [s.name for s in bun.input_sheets] == [
        "Info", "Texter", "Mål", "Indikatorer", "Drift", "Drift per verksamhet", "Investeringar",
        "Verksamhetsmått", "Personal", "Sjukfrånvaro"]
    assert [s.name for s in bun.result_sheets] == [
        "Resultat Drift", "Resultat Drift per verksamhet", "Resultat Investeringar",
        "Resultat Verksamhetsmått", "Resultat Sjukfrånvaro", "Resultat Mål", "Kontroll"]
    per_activity = bun.sheets_by_name["Drift per verksamhet"]
    assert per_activity.key.label == "Verksamhet" and per_activity.rows[-1].derived
    assert bun.result_sheets[1].columns[0] == "Verksamhet"
    assert bun.sheets_by_name["Info"].row("Period").choices == ("Tertialrapport 1", "Delårsrapport",
                                                                "Årsredovisning")
    assert bun.sheets_by_name["Mål"].column("Bedömning").choices == (
        "Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt")
    assert bun.sheets_by_name["Drift"].help.startswith(
        "Driftredovisning per kostnadsslag i Info!Enhet. Intäkter positiva, kostnader negativa, "
        "kommunbidrag positivt. Grå rader")
