"""The compilation report: cover, Sammanfattning from the figures, every table, the two
charts with alt texts, the Inlämning appendix, accessibility; LibreOffice converts it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import assert_pdf_ua, pdftotext, require_report_fonts
from reportdoc import norm, open_report, page_fill, rows_by_label, swedish

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
    cover = texts[:texts.index("Innehåll")]
    assert [t for t in cover if t][:2] == ["Delårsbokslut 2024", "Sammanställning av nämndernas uppföljning"]
    header = norm(" ".join(p.text for p in r.doc.sections[0].first_page_header.paragraphs))
    assert (header + " " + " ".join(cover)).count("Lindåsa kommun") == 1  # the kommun once on the cover
    wb = openpyxl.load_workbook(built / "s.xlsx")
    result = {row[0]: row for row in wb["Kommunens resultat"].iter_rows(min_row=2, values_only=True)}
    forecast = result["Kommunens resultat"][3]
    summary = " ".join(texts)
    assert f"Prognosen för kommunens resultat 2024 är {swedish(forecast, 1)} mnkr" in summary
    balance = [row for row in wb["Balanskravsutredning"].iter_rows(values_only=True) if row[0] == "Balanskravsresultat"][0][1]
    assert f"Balanskravsresultatet beräknas till {swedish(balance, 1)} mnkr" in summary
    assert "Störst negativ budgetavvikelse har Socialnämnden" in summary
    drift = rows_by_label(next(t for t in r.tables_starting("Belopp i mnkr") if "Summa nämnder" in t[-1][0]))
    assert drift["Summa nämnder"][3] == swedish(wb["Driftredovisning"]["E9"].value, 1)
    assert list(drift)[:2] == ["Kommunstyrelsen", "Barn- och utbildningsnämnden"]
    for first in ("Belopp i mnkr", "KF-mål nr", "Arbetsbok", "Finansiellt mål"):
        assert r.tables_starting(first)
    xml = r.xml("word/document.xml")
    assert xml.count('graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"') == 2  # Word charts
    assert xml.count('descr="') >= 2
    assert "budgetavvikelse 2024" in xml and "Staplat liggande stapeldiagram" in xml
    assert "Socialnämnden: budgetavvikelse 2024 -18,4" in xml  # the alt text states the figures
    # a figure's minus sign is Word's non-breaking hyphen: "(-" never ends a line
    assert re.search(r"\(</w:t><w:noBreakHyphen/><w:t[^>]*>18,4", xml)
    assert xml.count("<w:tblHeader") == 10  # every table, its header row repeated
    assert 'w:lang w:val="sv-SE"' in r.xml("word/styles.xml") or 'w:val="sv-SE"' in xml
    assert r.doc.core_properties.title == NAME


def test_libreoffice_converts_the_report(built):
    pdf = built / "r" / f"{NAME}.pdf"
    assert pdf.exists()
    assert_pdf_ua(pdf, headings=len(HEADINGS))
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



AMOUNT = re.compile(r"^-?\d{1,3}( \d{3})*,\d$")  # an amount as the compilation prints it (mnkr)
UNROUNDED = "Summorna är räknade på de oavrundade beloppen"


def test_every_amount_table_states_its_unit_and_balanskrav_keeps_percentages_apart(built):
    r = open_report(built / "r" / f"{NAME}.docx")
    for table in r.tables:
        if any(AMOUNT.match(norm(c)) for row in table[1:] for c in row[1:]):
            assert norm(table[0][0]) == "Belopp i mnkr", table[0]
    balance = next(t for t in r.tables_starting("Belopp i mnkr") if norm(t[-1][0]) == "Balanskravsresultat")
    assert not any("%" in c for row in balance for c in row)  # no percentage in an mnkr column
    goal = rows_by_label(r.table("Finansiellt mål"))
    assert list(goal) == ["Resultat i % av skatteintäkter och generella statsbidrag (prognos helår)", "Resultatmål"]
    assert all(v[0].endswith("%") for v in goal.values())


def test_the_unrounded_sums_note_stands_under_each_table_it_concerns_once(built):
    from docx.oxml.ns import qn

    r = open_report(built / "r" / f"{NAME}.docx")
    body = list(r.body())
    notes = [i for i, el in enumerate(body) if el.tag == qn("w:p") and UNROUNDED in "".join(
        t.text or "" for t in el.iter(qn("w:t")))]
    assert len(notes) >= 3
    tables = [i for i, el in enumerate(body) if el.tag == qn("w:tbl")]
    under = [max(t for t in tables if t < i) for i in notes]
    assert len(set(under)) == len(under)  # once per table
    assert all(i - t <= 2 for i, t in zip(notes, under))  # right under it (after the table's spacer)
    first_table = tables[0]
    assert all(i > first_table for i in notes)  # not in the Sammanfattning
    captions = [body[t].find(qn("w:tblPr")).find(qn("w:tblCaption")) for t in under]
    named = [c.get(qn("w:val")) for c in captions if c is not None]
    assert any(n.startswith("Balanskravsutredning") for n in named)  # 60,4 − 2,4 − 1,2 shown as 56,9


def test_pages_are_filled_and_main_sections_share_a_page_when_there_is_room(built):
    pdftotext(built / "r" / f"{NAME}.pdf")  # (skips or fails as the suite does without poppler)
    require_report_fonts(built / "r" / f"{NAME}.pdf")
    pages, thin = page_fill(built / "r" / f"{NAME}.pdf", HEADINGS, starts_at_least=2)
    assert pages <= 9, pages  # twelve before: one small table per page
    assert thin == []


def test_names_are_not_broken_inside_a_word_and_the_saved_time_is_explained(built):
    raw = pdftotext(built / "r" / f"{NAME}.pdf")
    require_report_fonts(built / "r" / f"{NAME}.pdf")
    assert not re.search(r"nämn-\s*\n", raw) and not re.search(r"Överförmyndar-\s*\n", raw)
    assert raw.count("Barn- och utbildningsnämnden") >= 5  # whole on one line in the narrower tables
    assert "Senast sparad enligt arbetsboken: när arbetsboken själv anger" in norm(raw)
    submission = raw[raw.rindex("Inlämning"):]
    dates = re.findall(r"\d{4}-\d{2}-\d{2}(?:[ \u00a0]\d{2}:\d{2})?", submission)
    assert dates and all(re.search(r"\d{2}:\d{2}$", d) for d in dates), dates  # each time beside its date


def test_the_reports_files_are_known_as_the_toolkits_own(built, tmp_path):
    """What lets a re-run replace them without --force (consolidate.targets)."""
    import zipfile

    from excelreport.report.own import own_docx, own_pdf

    pdf, docx = built / "r" / f"{NAME}.pdf", built / "r" / f"{NAME}.docx"
    assert own_docx(docx) and own_pdf(pdf, NAME)
    assert not own_pdf(pdf, "En annan rapport") and not own_pdf(docx, NAME) and not own_docx(pdf)
    cut = tmp_path / "kort.pdf"
    cut.write_bytes(pdf.read_bytes()[:-200])  # damaged: cannot be told
    assert not own_pdf(cut, NAME)
    edited = tmp_path / "redigerad.docx"  # saved in Word: Word names itself in app.xml
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(edited, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b">excelreport<", b">Microsoft Office Word<")
            out.writestr(info, data)
    assert not own_docx(edited)


def test_one_profile_is_said_once_not_in_a_column_of_its_own(built):
    """Every board follows standard: Inlämning's table in the report has no Profil column (it
    squeezed the names into `Kommun-styrelsen`, `stan-dard`); the note under it says it once."""
    r = open_report(built / "r" / f"{NAME}.docx")
    table = next(t for t in r.tables if norm(t[0][0]) == "Arbetsbok")
    assert "Profil" not in [norm(c) for c in table[0]]
    assert any("Alla arbetsböcker följer profilen standard." in norm(t) for t in r.texts)


def test_the_compilations_file_names_drop_bidirectional_marks(tmp_path):
    """The compilation's report and workbook are named as a board's report is: a right-to-left
    override (U+202E) in Info!Kommun never reaches a file name (README's promise)."""
    import unicodedata

    import openpyxl

    folder = tmp_path / "Lindåsa"
    kommun.write_kommun(folder)
    for path in folder.glob("*.xlsx"):
        wb = openpyxl.load_workbook(path)
        ws = wb["Info"]
        ws.cell(next(c.row for c in ws["A"] if c.value == "Kommun"), 2).value = "Lind\u202eåsa\u2066 kommun"
        wb.save(path)
    proc = subprocess.run([sys.executable, "-m", "excelreport.cli", "consolidate", folder, "--report",
                           tmp_path / "r", "--no-pdf"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (docx,) = (tmp_path / "r").glob("*.docx")
    assert docx.name == "Delårsbokslut 2024 Lindåsa kommun – sammanställning.docx"
    for path in (docx, *folder.glob("Sammanställning*")):
        assert all(unicodedata.category(ch) not in ("Cf", "Cc") for ch in path.name), path.name
