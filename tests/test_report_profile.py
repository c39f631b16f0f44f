"""The report follows the profile's outline: exempelby-bun's sections in its order and
headings, its scale's legend, its tables in mnkr; empty texts and empty sections left out;
the report's properties name the profile; every content kind the profile allows is drawn."""

from __future__ import annotations

from decimal import Decimal

import pytest
from docx.oxml.ns import qn

from excelreport.profile.keys import CONTENT_KINDS
from excelreport.profile.rules import SHOWS
from excelreport.report.blocks import BLOCKS, CHARTS, LEGENDS, TABLES
from excelreport.report.build import build_document
from excelreport.app.checking import check_file

from bunreport import ACTIVITIES, BUN, DRIFT, TEXTS, VOLUMES, bun_board
from conftest import EXAMPLE
from reportdoc import norm, open_report, rows_by_label, swedish

EXPECTED = [
    (1, "Sammanfattning"), (1, "Viktiga händelser"), (1, "Måluppföljning"),
    (2, "1. Alla barn och elever når sin fulla potential"),
    (3, "Barn- och utbildningsnämndens mål 1 - Fler elever når målen i alla ämnen"),
    (3, "Barn- och utbildningsnämndens mål 2 - Förskolan har god kvalitet"),
    (1, "Ekonomi"), (2, "Driftredovisning per verksamhet"), (2, "Driftredovisning per kostnadsslag"),
    (2, "Analys"), (2, "Åtgärder för en ekonomi i balans"), (2, "Investeringar"),
    (1, "Verksamhetsmått"), (1, "Personal"), (1, "Framtid"),
]
HEADER = ["Belopp i mnkr", "Budget 2025", "Prognos helår 2025", "Avv. prognos/budget 2025",
          "Delårsrapport 2025", "Delårsrapport 2024", "Diff. utfall 2024/2025"]


def _report(tmp_path, texts=None, name="bun.docx"):
    report, results = bun_board(texts)
    document, findings = build_document(report, results, profile=BUN)
    path = document.save(tmp_path / name)
    return open_report(path), document, findings


@pytest.fixture(scope="module")
def bun(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("bun"))


def test_sections_in_the_profiles_order_under_its_headings(bun):
    built, document, findings = bun
    assert built.headings == EXPECTED and findings == []
    assert [(e.level, e.text) for e in document.toc] == [h for h in EXPECTED if h[0] <= 2]


def test_nothing_of_standards_outline_appears(bun):
    headings = {text for _, text in bun[0].headings}
    for standard in ("Verksamhet", "Uppdrag", "Drift", "Exploatering", "Personaluppföljning", "Sjukfrånvaro",
                     "Uppföljning av internkontroll", "Prognos för årets resultat", "Prognossäkerhet"):
        assert standard not in headings


def test_each_section_holds_what_the_profile_says(bun):
    built = bun[0]
    texts = [norm(t) for t in built.texts]
    for key, text in TEXTS.items():
        assert texts.count(norm(text)) == 1, key
    # the tables in the outline's order: indicators under the goals, then Ekonomi's three, the
    # measures, the personnel figures and sick leave
    firsts = [norm(t[0][0]) for t in built.tables]
    assert firsts == ["Mål 2025", "Belopp i mnkr", "Belopp i mnkr", "Belopp i mnkr", "Mått", "Personal",
                      "Sjukfrånvaro"]
    order = [norm(t) for t in texts if t]
    assert order.index(norm(TEXTS["Investeringar – Kommentar"])) > order.index("Investeringar")
    assert order.index(norm(TEXTS["Personal"])) < order.index(norm(TEXTS["Framtid"]))
    charts = [d.get("descr") for d in built.body().iter(qn("wp:docPr"))]
    assert len(charts) == 1 and "driftredovisningen per verksamhet" in charts[0] and "mnkr" in charts[0]


def _expected(table: dict, label: str) -> list[str]:
    """The row's figures by hand: budget, forecast, deviation, outcome, last year, difference."""
    b, _, p, u, f = (Decimal(v) for v in table[label])
    return [swedish(x, 1) for x in (b, p, p - b, u, f, u - f)]


def test_statement_tables_in_mnkr_with_one_decimal_and_the_period_word(bun):
    built = bun[0]
    activity, drift, _investments = [t for t in built.tables if norm(t[0][0]) == "Belopp i mnkr"]
    assert [norm(c) for c in activity[0]] == HEADER == [norm(c) for c in drift[0]]
    rows = rows_by_label(activity)
    assert list(rows) == list(ACTIVITIES) + ["Summa verksamheter"]
    assert rows["Grundskola"] == _expected(ACTIVITIES, "Grundskola")
    total = [sum(Decimal(v[i]) for v in ACTIVITIES.values()) for i in range(5)]
    b, _, p, u, f = total
    assert rows["Summa verksamheter"] == [swedish(x, 1) for x in (b, p, p - b, u, f, u - f)]
    drift_rows = rows_by_label(drift)
    assert list(drift_rows) == [r.label for r in BUN.statement("Drift").rows]
    assert drift_rows["Köp av huvudverksamhet"] == _expected(DRIFT, "Köp av huvudverksamhet")
    assert drift_rows["Nettokostnad"] == rows["Summa verksamheter"]  # the two statements reconcile


def test_volume_measures_table(bun):
    table = bun[0].table("Mått")
    assert [norm(c) for c in table[0]] == ["Mått", "Enhet", "Budget 2025", "Delårsrapport 2025", "Avvikelse",
                                           "Avvikelse %", "Delårsrapport 2024", "Diff. utfall 2024/2025"]
    rows = rows_by_label(table)
    assert list(rows) == [v[0] for v in VOLUMES]
    assert rows["Kostnad per elev i grundskola"] == ["kr", "98 500", "99 312,5", "812,5", "0,8%", "95 110",
                                                     "4 202,5"]
    assert rows["Antal elever i grundskola"] == ["st", "3 980", "3 955", "-25", "-0,6%", "3 902", "53"]


def _signals(paragraph) -> list[tuple[str, str]]:
    out = []
    for run in paragraph.runs:
        shd = run._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")
        if shd is not None:
            out.append((norm(run.text), shd.get(qn("w:fill"))))
    return out


def test_the_legend_has_the_profiles_four_levels_and_colours(bun):
    legends = [s for s in (_signals(p) for p in bun[0].doc.paragraphs) if len(s) > 1]
    assert legends == [[(level.name, level.colour) for level in BUN.goal_scale.levels]]
    assert [lvl.colour for lvl in BUN.goal_scale.levels] == ["2E8B3D", "F2C94C", "D64541", "A6A6A6"]
    assessed = [s for s in (_signals(p) for p in bun[0].doc.paragraphs) if len(s) == 1]
    assert assessed == [[("Delvis uppfyllt", "F2C94C")], [("Uppfyllt", "2E8B3D")]]


def test_an_empty_text_and_an_empty_section_are_left_out(tmp_path):
    texts = {**TEXTS, "Viktiga händelser": "", "Framtid": "  \n ", "Ekonomi – Analys": "",
             "Verksamhetsmått – Kommentar": ""}
    built, document, _ = _report(tmp_path, texts)
    left = [h for h in EXPECTED if h[1] not in ("Viktiga händelser", "Framtid", "Analys")]
    assert built.headings == left
    assert [e.text for e in document.toc] == [h[1] for h in left if h[0] <= 2]
    assert norm(TEXTS["Verksamhetsmått – Kommentar"]) not in [norm(t) for t in built.texts]
    assert built.table("Mått")  # the section keeps its table


def test_the_report_names_its_profile(bun, tmp_path):
    assert bun[0].doc.core_properties.comments == "Kommunprofil: exempelby-bun, version 1"
    checked = check_file(EXAMPLE)
    document, _ = build_document(checked.report, checked.results)
    standard = open_report(document.save(tmp_path / "standard.docx"))
    assert standard.doc.core_properties.comments == "Kommunprofil: standard, version 1"


def test_every_content_kind_and_sheet_the_profile_allows_is_drawn():
    """A documented kind that is not rendered is a defect: the registry has every kind, and
    every sheet other than a statement that a kind may name."""
    assert set(BLOCKS) == set(CONTENT_KINDS)
    others = {"Mål", "Uppdrag", "Investeringar", "Verksamhetsmått", "Personal", "Sjukfrånvaro", "Internkontroll"}
    for kind, drawn in (("tabell", TABLES), ("diagram", CHARTS), ("teckenforklaring", LEGENDS)):
        assert SHOWS[kind](others) == set(drawn), kind


def test_another_outline_of_the_standard_workbook(tmp_path):
    """Sections in the outline's order whatever they hold; goals in a sub-section keep their
    headings below it (at most level 3); a section naming only empty things is left out."""
    from dataclasses import replace

    from excelreport.profile import shipped
    from excelreport.profile.schema import Content, Section

    outline = (
        Section("Sjukfrånvaro", (Content("tabell", "Sjukfrånvaro"),)),
        Section("Ekonomin i korthet", (Content("tabell", "Drift"), Content("text", "Drift – Utfall för perioden"))),
        Section("Ingenting", (Content("text", "Exploatering – Jämförelse mellan åren"),)),
        Section("Mål och uppdrag", subsections=(Section("Nämndens mål", (Content("mal"),)),)),
    )
    profile = replace(shipped("standard"), outline=outline)
    checked = check_file(EXAMPLE)
    checked.report.texts["Exploatering – Jämförelse mellan åren"] = " "
    document, _ = build_document(checked.report, checked.results, profile=profile)
    built = open_report(document.save(tmp_path / "other.docx"))
    headings = built.headings
    assert headings[:4] == [(1, "Sjukfrånvaro"), (1, "Ekonomin i korthet"), (1, "Mål och uppdrag"),
                            (2, "Nämndens mål")]
    assert {level for level, _ in headings[4:]} == {3} and len(headings) > 8
    assert [norm(t[0][0]) for t in built.tables[:2]] == ["Sjukfrånvaro*", "Belopp i tkr"]
    assert "Ingenting" not in [e.text for e in document.toc]
