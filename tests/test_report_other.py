"""A differently shaped board, special characters, refusal on Fel, build, another template."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from excelreport.app.generate import write_workbook
from excelreport.app.reporting import report_file

from conftest import EXAMPLE, convert, pdftotext
from reportdoc import norm, open_report, rows_by_label, swedish
from wbtools import run

D = Decimal
OPERATING = {  # row → (Budget, Föregående prognos, Prognos helår, Utfall period, Utfall fg år)
    "Verksamhetens intäkter": ("12.35", "12.0", "12.45", "4.15", "3.9"),
    "Personalkostnader": ("-40.25", "-40.0", "-40.3", "-13.45", "-12.2"),
    "Lokalhyror": ("-3.05", "-3.05", "-3.1", "-1.0", "-1.05"),
    "Köp av tjänster": ("-2.0", "-2.1", "-2.05", "-0.65", "-0.7"),
    "Övriga kostnader": ("-1.25", "-1.2", "-1.2", "-0.45", "-0.5"),
    "Kommunbidrag": ("34.0", "34.0", "34.0", "11.35", "10.9"),
    "Finansnetto": ("0.2", "0.15", "0.25", "0.05", "0.1"),
}
TREE = [  # Nivå, Namn, Budget, Föregående prognos, Prognos helår, Utfall period, Utfall fg år
    (1, "Fastigheter", None, None, None, None, None),
    (2, "Skolor", None, None, None, None, None),
    (3, "Skola A", "10.25", "10", "8.2", "3.45", "1.05"),
    (3, "Skola B", "4.2", "4", "4.3", "1.05", "0"),
    (2, "Förskolor", "3.05", "3", "3.1", "0.95", "0.5"),
    (1, "IT", "2.45", "2.5", "2.5", "0.35", "0.4"),
]


def other_board() -> dict:
    ops = [{"Rad": row, "Budget": float(b), "Föregående prognos": float(fp), "Prognos helår": float(p),
            "Utfall period": float(u), "Utfall period föregående år": float(f)}
           for row, (b, fp, p, u, f) in OPERATING.items()]
    tree = [dict(zip(("Nivå", "Namn", "Budget", "Föregående prognos", "Prognos helår", "Utfall period",
                      "Utfall period föregående år"), (n, name, *(None if v is None else float(v) for v in vals))))
            for n, name, *vals in TREE]
    return {
        "Info": {"Kommun": "Lerums kommun", "Nämnd": "Tekniska nämnden", "År": 2024,
                 "Period": "Fördjupad uppföljning", "Periodens slutmånad": 4, "Enhet": "mnkr"},
        "Texter": {"Verksamhet": "Nämnden ansvarar för gator & parker.\nAndra stycket.",
                   "Drift – Prognos och prognosförändring": "Prognosen är i balans."},
        "Mål": [{"KF-mål nr": 2, "KF-mål": "Hållbar tillväxt", "Mål nr": 1, "Mål": "Fler cyklar",
                 "Bedömning": "I hög grad uppfyllt", "Prognos helår": "Helt uppfyllt", "Agenda 2030": "",
                 "Kommentar": "Bra."}],
        "Indikatorer": [{"Mål nr": 1, "Indikator": "Andel cyklister", "Enhet": "%", "Riktning": "Högre är bättre",
                         "Målvärde": 12.5, "Utfall": 12.25, "Preliminärt": "Nej",
                         "Utfall föregående år": 11.0, "Utfall två år sedan": None}],
        "Drift": ops,
        "Investeringar": tree,
        "Sjukfrånvaro": [{"Kategori": "Total sjukfrånvaro", "Föregående år": 5.25, "Innevarande år": 5.0}],
    }


def amount(x) -> str:
    return swedish(x, 1)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annan")
    wb = write_workbook(folder / "tekniska_2024.xlsx", other_board())
    outcome = report_file(wb, folder / "rapport.docx")
    assert not outcome.blocking, outcome.blocking
    return open_report(outcome.docx)


def test_other_board_drift_in_mnkr_rounded_half_away(other):
    table = other.table("Belopp i mnkr")
    assert [norm(h) for h in table[0]] == [
        "Belopp i mnkr", "Budget 2024", "Prognos helår 2024", "Avv. prognos/budget 2024",
        "Fördjupad uppföljning 2024", "Fördjupad uppföljning 2023", "Diff. utfall 2023/2024"]
    got = rows_by_label(table)
    vals = {k: [D(v) for v in row] for k, row in OPERATING.items()}
    costs = [sum(vals[r][i] for r in ("Personalkostnader", "Lokalhyror", "Köp av tjänster", "Övriga kostnader"))
             for i in range(5)]
    vals["Verksamhetens kostnader"] = costs
    vals["Verksamhetens nettokostnader"] = [vals["Verksamhetens intäkter"][i] + costs[i] for i in range(5)]
    vals["Årets resultat"] = [vals["Verksamhetens nettokostnader"][i] + vals["Kommunbidrag"][i]
                              + vals["Finansnetto"][i] for i in range(5)]
    for label, (b, _fp, p, u, f) in vals.items():
        assert got[label] == [amount(b), amount(p), amount(p - b), amount(u), amount(f), amount(u - f)], label
    assert got["Verksamhetens intäkter"][0] == "12,4"  # 12,35 → 12,4 (never banker's 12,4/12,3)
    assert got["Verksamhetens intäkter"][1] == "12,5"  # 12,45 → 12,5
    assert got["Finansnetto"][2] == "0,1" and got["Köp av tjänster"][2] == "-0,1"  # ±0,05


def test_other_board_three_level_tree(other):
    table = other.tables_starting("Belopp i mnkr")[1]
    got = rows_by_label(table)
    assert list(got) == ["Fastigheter", "Skolor", "Skola A", "Skola B", "Förskolor", "IT", "Totala utgifter"]
    assert got["Skolor"][:3] == ["14,5", "12,5", "2,0"]  # 10,25 + 4,2 = 14,45 → 14,5
    assert got["Fastigheter"][:2] == ["17,5", "15,6"]
    assert got["IT"][0] == "2,5"  # 2,45 → 2,5
    assert got["Totala utgifter"][:3] == ["20,0", "18,1", "1,9"]
    tbl = next(t for t in other.doc.tables if t.rows[0].cells[0].text == "Belopp i mnkr"
               and t.rows[1].cells[0].text == "Fastigheter")
    indents = [r.cells[0].paragraphs[0].paragraph_format.left_indent or 0 for r in tbl.rows[1:]]
    assert indents[0] == 0 < indents[1] < indents[2]  # the tree is indented by level
    bold = {r.cells[0].text: bool(r.cells[0].paragraphs[0].runs[0].bold) for r in tbl.rows[1:]}
    assert bold == {"Fastigheter": True, "Skolor": True, "Skola A": False, "Skola B": False,
                    "Förskolor": False, "IT": False, "Totala utgifter": True}


def test_other_board_headings_and_empty_sections(other):
    headings = [t for _, t in other.headings]
    assert "Tekniska nämndens mål 1 - Fler cyklar" in headings
    assert "2. Hållbar tillväxt" in headings
    for absent in ("Exploatering", "Uppdrag", "Uppföljning av internkontroll", "Inledande sammanfattning"):
        assert absent not in headings
    assert "Prognos och prognosförändring" in headings
    texts = other.texts
    assert "Nämnden ansvarar för gator & parker." in texts and "Andra stycket." in texts
    assert "Prognos helår: Helt uppfyllt" in [norm(t) for t in texts]
    ind = other.table("Mål 2024")
    assert [norm(c) for c in ind[0]] == ["Mål 2024", "Utfall 2024", "Utfall 2023", "Utfall 2022"]
    assert [norm(c) for c in ind[1]] == ["12,5%", "12,25%", "11,0%", "-"]  # 11.0: format 0,0
    sick = rows_by_label(other.table("Sjukfrånvaro"))
    assert sick == {"Total sjukfrånvaro": ["5,3%", "5,0%", "-0,25%"]}
    assert other.doc.core_properties.title == "Fördjupad uppföljning 2024 Tekniska nämnden"
    footer = other.doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Fördjupad uppföljning 2024") and "2023" not in footer
    assert "Perioden januari–april 2024" in texts


def test_other_board_pdf_holds_the_figures(other, tmp_path):
    text = norm(pdftotext(convert(other.path, "pdf", tmp_path)))
    for figure in ("Fördjupad uppföljning 2024", "12,4", "14,5", "20,0", "-0,25%", "gator & parker"):
        assert figure in text


def pdf_pages(pdf: Path) -> list[list[str]]:
    """The lines of every page of a PDF, stripped."""
    return [[line.strip() for line in page.splitlines()] for page in pdftotext(pdf).split("\f")]


def test_contents_page_numbers_found_by_bookmark_not_by_text(tmp_path):
    """A table cell repeating a heading (an investment named ``Exploatering``, before the
    heading) must not be taken for the heading in the contents' page numbers."""
    data = other_board()
    data["Investeringar"].append({"Nivå": 1, "Namn": "Exploatering", "Budget": 1.0,
                                  "Föregående prognos": 1.0, "Prognos helår": 1.0, "Utfall period": 0.5,
                                  "Utfall period föregående år": 0.5})
    data["Texter"]["Investeringar – Prognos"] = "\n".join(
        f"Stycke {n} om investeringarnas prognos för året, med skäl och siffror." for n in range(40))
    data["Exploatering"] = [dict(row, Rad=row["Rad"]) for row in data["Drift"]]
    wb = write_workbook(tmp_path / "lockbete.xlsx", data)
    outcome = report_file(wb, tmp_path / "r.docx", pdf=True)
    assert outcome.pdf is not None
    pages = pdf_pages(outcome.pdf)
    toc = next(i for i, lines in enumerate(pages) if "Innehåll" in lines)
    decoy = next(i for i, lines in enumerate(pages) if any(re.match(r"Exploatering\s+1,0", x) for x in lines))
    entries = [re.match(r"(.+?)\s*\.{3,}\s*(\d+)$", x) for x in pages[toc]]
    entries = [(m.group(1).strip(), int(m.group(2))) for m in entries if m]
    checked = {}
    for text, number in entries:
        where = [i + 1 for i in range(toc + 1, len(pages)) if text in pages[i]]  # the heading's own line
        if where:
            checked[text] = (number, where[0])
    assert {"Investeringar", "Exploatering", "Ekonomi", "Verksamhet"} <= set(checked)
    assert checked["Exploatering"][1] != decoy + 1  # the decoy sits on another page
    assert all(number == page for number, page in checked.values()), checked
    settings = open_report(outcome.docx).xml("word/settings.xml")
    assert "updateFields" not in settings  # the numbers are right: Word need not ask


def test_cover_prints_meeting_date_and_registration_number_and_holds_the_logo(tmp_path):
    data = other_board()
    data["Info"].update({"Sammanträdesdatum": "2024-05-20", "Diarienummer": "TN 2024/17"})
    data["Texter"]["Verksamhet"] = ("Budgeten är 1 300 tkr, utfallet 26 764 tkr och -3 851,5 mnkr; "
                                    "andelen 5 % av 12 000 invånare, år 2023 och 2024.")
    wb = write_workbook(tmp_path / "omslag.xlsx", data)
    doc = open_report(report_file(wb, tmp_path / "omslag.docx").docx)
    cover = doc.texts[:doc.texts.index("Innehåll")]
    assert "Sammanträdesdatum: 2024-05-20" in cover and "Diarienummer: TN 2024/17" in cover
    first_page = doc.doc.sections[0].first_page_header  # the template's logo placeholder, filled
    assert [p.text for p in first_page.paragraphs if p.text] == ["Lerums kommun"]
    text = next(t for t in doc.texts if t.startswith("Budgeten"))
    for bound in ("1\u00a0300\u00a0tkr", "26\u00a0764\u00a0tkr", "-3\u00a0851,5\u00a0mnkr", "5\u00a0%",
                  "12\u00a0000 invånare", "år 2023 och 2024"):
        assert bound in text, bound
    plain = other_board()  # without the optional fields the cover has no such lines
    doc = open_report(report_file(write_workbook(tmp_path / "utan.xlsx", plain), tmp_path / "u.docx").docx)
    assert not [t for t in doc.texts if t.startswith(("Sammanträdesdatum", "Diarienummer"))]


def test_an_empty_report_says_so_and_warns(tmp_path):
    info = {k: v for k, v in other_board()["Info"].items()}
    wb = write_workbook(tmp_path / "tom.xlsx", {"Info": info})
    outcome = report_file(wb, tmp_path / "tom.docx")
    assert outcome.docx is not None
    empty = [f for f in outcome.checked.findings if f.code == "tom-rapport"]
    assert len(empty) == 1 and empty[0].severity == "Varning" and "tom" in empty[0].message
    doc = open_report(outcome.docx)
    assert any(t.startswith("Rapporten är tom") for t in doc.texts[:8])  # on its first page
    assert "Innehåll" not in doc.texts and not doc.headings
    assert "w:br" not in doc.xml("word/document.xml")  # the cover alone: no blank page after it
    result = run("report", wb, "-o", tmp_path / "tom2.docx")
    assert result.code == 0 and "Rapporten är tom" in result.out


SPECIAL = "A & B <c> \"citat\" 'enkel'\tflik 😀 " + "Donaudampfschifffahrtsgesellschaftskapitän" * 3


def test_special_characters_round_trip(tmp_path):
    data = other_board()
    data["Texter"]["Verksamhet"] = SPECIAL + "\nrad två"
    data["Mål"][0]["Kommentar"] = "x < y && z > 0"
    wb = write_workbook(tmp_path / "special.xlsx", data)
    outcome = report_file(wb, tmp_path / "special.docx")
    doc = open_report(outcome.docx)
    texts = doc.texts
    assert SPECIAL in texts and "rad två" in texts
    assert "x < y && z > 0" in texts
    xml = doc.xml("word/document.xml")
    assert "A &amp; B &lt;c&gt;" in xml and "<w:tab/>" in xml


def test_control_characters_removed_with_a_warning(tmp_path):
    from excelreport.report.build import write_report
    from excelreport.app.checking import check_file

    wb = write_workbook(tmp_path / "ctl.xlsx", other_board())
    checked = check_file(wb)
    # (the reader hands over what the cell holds; a document cannot hold these)
    checked.report.texts["Verksamhet"] = "rad ett\x01 med\x1f styrtecken\x0b"
    checked.report.goals[0].comment = "kommentar\x00"
    files = write_report(checked.report, checked.results, tmp_path / "ctl.docx")
    texts = open_report(files.docx).texts
    assert "rad ett med styrtecken" in texts and "kommentar" in texts
    assert {f.where for f in files.findings} == {"Texter!B4", "Mål!H4"}
    assert all(f.severity == "Varning" and f.code == "ogiltigt-tecken" for f in files.findings)
    # the report's copy was cleaned; the checked model itself keeps what the cells hold
    assert checked.report.texts["Verksamhet"] == "rad ett\x01 med\x1f styrtecken\x0b"
    assert checked.report.goals[0].comment == "kommentar\x00"


def test_sanitise_copies_only_what_it_cleans():
    from excelreport.report.text import sanitise
    from excelreport.app.checking import check_file

    report = check_file(EXAMPLE).report
    report.goals[1].text = "mål\x07"
    clean, findings = sanitise(report)
    assert clean.goals[1].text == "mål" and report.goals[1].text == "mål\x07"
    assert clean.goals[0] is report.goals[0] and clean.goals is not report.goals
    assert clean.info is not report.info and clean.info == report.info
    assert [f.where for f in findings] == [f"Mål!D{report.goals[1].row}"]


def test_report_refuses_a_workbook_with_fel(tmp_path):
    data = other_board()
    data["Mål"][0]["Bedömning"] = "Bra"
    wb = write_workbook(tmp_path / "fel.xlsx", data)
    out = tmp_path / "fel.docx"
    result = run("report", wb, "-o", out)
    assert result.code == 1
    assert "Rapporten skapades inte: 1 fel stoppar den (Mål!E4)" in result.out
    assert not out.exists()


def test_report_usage_errors(tmp_path, example):
    assert run("report", example, "-o", tmp_path / "x.pdf").code == 2
    result = run("report", example, "-o", tmp_path / "x.docx", "--template", tmp_path / "saknas.docx")
    assert result.code == 2 and "Rapportmallen" in result.err
    assert run("report", tmp_path / "saknas.xlsx", "-o", tmp_path / "x.docx").code == 2


def test_build_names_the_report_from_info(example, tmp_path):
    result = run("build", example, "--out", tmp_path / "ut", "--no-pdf")
    assert result.code == 0, result.out + result.err
    docx = tmp_path / "ut" / "Delårsbokslut 2023 Kommunstyrelsen.docx"
    assert docx.exists() and f"Skrev {docx}." in result.out
    import openpyxl

    assert "Resultat Drift" in openpyxl.load_workbook(example, read_only=True).sheetnames


def test_another_template_is_used(tmp_path, example):
    import docx
    from docx.shared import Pt, RGBColor

    template = docx.Document()  # python-docx's own default: no report styles at all
    template.styles["Heading 1"].font.color.rgb = RGBColor(0x80, 0, 0)
    template.styles["Normal"].font.size = Pt(12)
    path = tmp_path / "egen.docx"
    template.save(path)
    outcome = report_file(example, tmp_path / "r.docx", template=path)
    doc = open_report(outcome.docx)
    assert doc.doc.styles["Heading 1"].font.color.rgb == RGBColor(0x80, 0, 0)
    assert ("1", "Verksamhet") in [(str(lvl), t) for lvl, t in doc.headings]
    assert doc.texts[0] == "Alingsås kommun"  # no logo in this template's cover: named in the text
    assert len(doc.tables_starting("Belopp i tkr")) == 3


def test_libreoffice_found_in_program_files_when_not_on_path(tmp_path, monkeypatch):
    """On Windows LibreOffice installs under Program Files, not on the PATH."""
    from excelreport.report import pdf

    exe = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    monkeypatch.delenv("EXCELREPORT_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert pdf.soffice() == str(exe)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "nowhere"))
    assert pdf.soffice() is None


def test_a_missing_template_font_is_a_varning_naming_the_font_and_its_package(tmp_path):
    """A machine with LibreOffice but without Carlito (Calibri's metric twin): LibreOffice
    takes a wider font and the tables' columns wrap. The build says so (fontconfig is
    told to reject Carlito and Calibri, as on a machine without fonts-crosextra-carlito)."""
    import shutil

    from conftest import soffice

    soffice()
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig (fc-match) saknas: typsnitten kan inte döljas för LibreOffice")
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    '  <selectfont><rejectfont><glob>*arlito*</glob><glob>*alibri*</glob></rejectfont></selectfont>\n'
                    '</fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    proc = subprocess.run([sys.executable, "-m", "excelreport.cli", "report", str(EXAMPLE), "-o",
                           str(tmp_path / "r.docx"), "--pdf"], capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = " ".join(proc.stdout.split())
    assert "Varning" in out and "Typsnittet Calibri" in out and "apt-get install fonts-crosextra-carlito" in out
    from excelreport.report.pdf import missing_fonts

    assert missing_fonts(tmp_path / "r.pdf", {"Calibri"})  # the PDF holds the wider substitute
