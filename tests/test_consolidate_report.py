"""The compilation report: cover, Sammanfattning from the figures, every table, the two
charts with alt texts, the Inlämning appendix, accessibility; LibreOffice converts it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import pdftotext
from reportdoc import norm, open_report, rows_by_label, swedish

from kommunbook import kommun

NAME = "Delårsbokslut 2024 Lindåsa kommun – sammanställning"
HEADINGS = ["Sammanfattning", "Kommunens resultat", "Balanskravsutredning", "Driftredovisning per nämnd",
            "Investeringsredovisning", "Måluppfyllelse", "Uppdrag", "Sjukfrånvaro", "Internkontroll", "Inlämning"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("rapport")
    folder = base / "Lindåsa"
    kommun.write_kommun(folder)
    proc = subprocess.run([sys.executable, "-m", "excelreport.cli", "consolidate", folder, "-o",
                           base / "s.xlsx", "--report", base / "r"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return base


def test_report_has_every_section_table_chart_and_accessibility(built):
    import openpyxl

    r = open_report(built / "r" / f"{NAME}.docx")
    assert [t for level, t in r.headings if level == 1] == HEADINGS
    texts = [norm(t) for t in r.texts]
    assert texts[:3] == ["Delårsbokslut 2024", "Lindåsa kommun", "Sammanställning av nämndernas uppföljning"]
    wb = openpyxl.load_workbook(built / "s.xlsx")
    result = {row[0]: row for row in wb["Kommunens resultat"].iter_rows(min_row=2, values_only=True)}
    forecast = result["Kommunens resultat"][3]
    summary = " ".join(texts)
    assert f"Prognosen för kommunens resultat 2024 är {swedish(forecast, 1)} mnkr" in summary
    balance = [row for row in wb["Balanskravsutredning"].iter_rows(values_only=True) if row[0] == "Balanskravsresultat"][0][1]
    assert f"Balanskravsresultatet beräknas till {swedish(balance, 1)} mnkr" in summary
    assert "Störst negativ budgetavvikelse har Socialnämnden" in summary
    drift = rows_by_label(r.table("Nämnd"))
    assert drift["Summa nämnder"][3] == swedish(wb["Driftredovisning"]["E9"].value, 1)
    assert list(drift)[:2] == ["Kommunstyrelsen", "Barn- och utbildningsnämnden"]
    for first in ("Rad", "KF-mål nr", "Arbetsbok"):
        assert r.tables_starting(first)
    xml = r.xml("word/document.xml")
    assert xml.count('graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"') == 2  # Word charts
    assert xml.count('descr="') >= 2
    assert "budgetavvikelse 2024" in xml and "Staplat liggande stapeldiagram" in xml
    assert "Socialnämnden: budgetavvikelse 2024 -18,4" in xml  # the alt text states the figures
    # a figure's minus sign is Word's non-breaking hyphen: "(-" never ends a line
    assert re.search(r"\(</w:t><w:noBreakHyphen/><w:t[^>]*>18,4", xml)
    assert xml.count("<w:tblHeader") == 9  # every table, its header row repeated
    assert 'w:lang w:val="sv-SE"' in r.xml("word/styles.xml") or 'w:val="sv-SE"' in xml
    assert r.doc.core_properties.title == NAME


def test_libreoffice_converts_the_report(built):
    pdf = built / "r" / f"{NAME}.pdf"
    assert pdf.exists()
    raw = pdftotext(pdf)
    assert not re.search(r"\([-\u2011][ \t]*\n[ \t]*\d", raw), "'(-' at a line's end, its figure on the next"
    text = norm(raw)
    assert "Sammanställning av nämndernas uppföljning" in text and "Balanskravsresultat" in text
    assert "Inlämning" in text and "Överförmyndarnämnden" in text
    # the goals chart's legend in the scale's order, as the board report's
    assert "Helt uppfyllt I hög grad uppfyllt Delvis uppfyllt Ej uppfyllt Ej utvärderad" in text


def test_one_number_format_with_the_board_report(built):
    """Percent as the board report (and the reference) prints it, ``2,4%`` without a space;
    sick leave with the board report's decimals (one; two for the difference in points)."""
    r = open_report(built / "r" / f"{NAME}.docx")
    cells = [norm(c) for t in r.tables for row in t for c in row]
    everything = cells + [norm(t) for t in r.texts]
    assert not [t for t in everything if re.search(r"\d %", t)]
    sick = next(t for t in r.tables if norm(t[0][-1]) == "Differens")
    for row in sick[1:]:
        assert re.fullmatch(r"\d+,\d%", norm(row[1])) and re.fullmatch(r"\d+,\d%", norm(row[2])), row
        assert re.fullmatch(r"-?\d+,\d\d%", norm(row[3])), row
    assert any(re.search(r"motsvarar -?\d+,\d% av skatteintäkter", t) for t in everything)
