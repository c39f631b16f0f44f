"""The Word report of the example board against the reference report, by meaning."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

from excelreport import contract as C
from excelreport.app.reporting import report_file

from conftest import EXAMPLE, assert_pdf_ua, pdftotext, require_report_fonts, soffice
from reportdoc import norm, open_report, page_fill, rows_by_label
from wbtools import run

# The reference's printed tables (delarsbokslut-kommunstyrelsen-2023.txt), row by row.
DRIFT = """
Verksamhetens intäkter | 91 867 | 88 016 | -3 851 | 56 418 | 49 203 | 7 215
Personalkostnader | -109 182 | -104 922 | 4 260 | -64 523 | -55 412 | -9 111
Lokalhyror | -7 431 | -7 431 | 0 | -4 951 | -4 493 | -458
Köp av tjänster | -42 984 | -42 984 | 0 | -26 764 | -25 433 | -1 331
Övriga kostnader | -39 147 | -39 447 | -300 | -26 300 | -23 456 | -2 844
Verksamhetens kostnader | -198 744 | -194 784 | 3 960 | -122 538 | -108 794 | -13 744
Verksamhetens nettokostnader | -106 877 | -106 768 | 109 | -66 120 | -59 591 | -6 529
Kommunbidrag | 106 717 | 106 717 | 0 | 71 145 | 67 176 | 3 969
Finansnetto | 160 | 51 | -109 | 142 | 133 | 9
Årets resultat | 0 | 0 | 0 | 5 167 | 7 718 | -2 551
"""
EXPLOATERING = """
Verksamhetens intäkter | 9 531 | 7 949 | -1 582 | -172 | 29 869 | -30 041
Personalkostnader | -6 458 | -5 297 | 1 161 | -3 646 | -3 353 | -293
Lokalhyror | 0 | 0 | 0 | 0 | 0 | 0
Köp av tjänster | -4 209 | -5 949 | -1 740 | -3 373 | -3 158 | -215
Övriga kostnader | 914 | -722 | -1 636 | -833 | -5 984 | 5 151
Verksamhetens kostnader | -9 753 | -11 968 | -2 215 | -7 852 | -12 495 | 4 643
Verksamhetens nettokostnader | -222 | -4 019 | -3 797 | -8 024 | 17 374 | -25 398
Kommunbidrag | 222 | 222 | 0 | 148 | 141 | 7
Finansnetto | 0 | -1 | -1 | -1 | 0 | -1
Årets resultat | 0 | -3 798 | -3 798 | -7 877 | 17 515 | -25 392
"""
INVESTERINGAR = """
Expansionsinvestering | 27 050 | 22 876 | 4 174 | 16 344 | 21 835 | -5 491
Markinköp | 2 000 | 10 111 | -8 111 | 10 111 | 536 | 9 575
Expansionsinvestering - Exploatering | 25 050 | 12 765 | 12 285 | 6 233 | 21 299 | -15 066
Norra Stadsskogen | 17 000 | 4 810 | 12 190 | 491 | 6 755 | -6 264
Verksamhetsområde norr | 2 000 | 5 060 | -3 060 | 3 335 | 9 150 | -5 815
Övriga exploateringsområden | 6 050 | 2 895 | 3 155 | 2 406 | 5 394 | -2 988
Imageinvestering | 0 | 0 | 0 | 0 | 0 | 0
Reinvestering | 13 255 | 11 000 | 2 255 | 7 853 | 3 630 | 4 223
Inventarier | 400 | 400 | 0 | 272 | 126 | 146
Tjänstekatalog | 6 000 | 4 600 | 1 400 | 3 575 | 2 560 | 1 015
Fastigheter | 2 455 | 3 000 | -545 | 1 886 | 944 | 942
Nolhaga slott | 4 400 | 3 000 | 1 400 | 2 121 | 0 | 2 121
Anpassningsinvestering | 20 000 | 19 500 | 500 | 2 671 | 3 362 | -691
IT-infrastruktur | 5 000 | 4 500 | 500 | 983 | 3 177 | -2 194
Lokalanpassningar | 15 000 | 15 000 | 0 | 1 688 | 185 | 1 503
Totala utgifter | 60 305 | 53 376 | 6 929 | 26 868 | 28 827 | -1 959
"""
SJUKFRANVARO = """
Total sjukfrånvaro | 3,7% | 3,6% | -0,05%
Kvinnor | 3,8% | 3,5% | -0,27%
Män | 3,5% | 3,8% | 0,28%
<29 år | 1,5% | 3,4% | 1,96%
30–49 år | 4,3% | 4,5% | 0,20%
50 år> | 3,3% | 2,2% | -1,06%
Dag 1–14 | 1,6% | 1,4% | -0,24%
Dag 15–59 | 0,3% | 0,6% | 0,30%
Dag 59> | 1,7% | 1,6% | -0,11%
"""


def printed(block: str) -> dict[str, list[str]]:
    """Label → figures of a printed reference table (cells separated by ``|``)."""
    rows = [[c.strip() for c in line.split("|")] for line in block.strip().splitlines()]
    return {r[0]: r[1:] for r in rows}


HEADER = ["Belopp i tkr", "Budget 2023", "Prognos helår 2023", "Avv. prognos/budget 2023",
          "Delårsbokslut 2023", "Delårsbokslut 2022", "Diff. utfall 2022/2023"]

HEADINGS = [
    (1, "Verksamhet"), (1, "Måluppföljning"),
    (2, "1. Alingsås växer genom att stärka och uppmuntra arbetsliv, näringsliv och föreningsliv"),
    (1, "Uppdrag"), (1, "Ekonomi"), (2, "Drift"), (3, "Inledande sammanfattning"),
    (3, "Prognos och prognosförändring"), (3, "Utfall för perioden"), (3, "Jämförelse mellan åren"),
    (2, "Investeringar"), (3, "Prognos"), (3, "Prognosförändring"), (2, "Exploatering"),
    (1, "Personaluppföljning"), (2, "Rekryteringsbehov och kompetensförsörjning"), (2, "Arbetsmiljö"),
    (2, "Sjukfrånvaro"), (1, "Uppföljning av internkontroll"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("rapport") / "rapport.docx"
    outcome = report_file(EXAMPLE, out)
    assert outcome.docx == out and not outcome.blocking
    return open_report(out)


@pytest.mark.parametrize("first, block", [
    ("Drift", DRIFT), ("Exploatering", EXPLOATERING), ("Investeringar", INVESTERINGAR)])
def test_amount_tables_hold_the_reference_figures(built, first, block):
    heading = built.doc.paragraphs
    names = [p.text for p in heading if p.style.name == "Heading 2"]
    assert first in names
    tables = built.tables_starting("Belopp i tkr")
    assert len(tables) == 3
    table = tables[["Drift", "Investeringar", "Exploatering"].index(first)]
    assert [norm(h) for h in table[0]] == HEADER
    expected = printed(block)
    got = rows_by_label(table)
    assert list(got) == list(expected)  # every row, in the reference's order
    for label, values in expected.items():
        assert got[label] == values, label


def test_sick_leave_table_with_groups_and_footnote(built):
    table = built.table("Sjukfrånvaro*")
    assert [norm(h) for h in table[0]] == ["Sjukfrånvaro*", "2022", "2023", "Differens"]
    assert rows_by_label(table) == printed(SJUKFRANVARO)
    blank = [i for i, row in enumerate(table) if not any(c.strip() for c in row)]
    assert blank == [4, 8]  # a blank row between the three groups, as in the reference
    assert "*Avser perioden 1 januari - 31 juli för samtliga anställningsformer inkl. timavlönade." in built.texts


def test_headings_of_the_reference_in_order(built):
    headings = built.headings
    positions = [headings.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    goals = [t for lvl, t in headings if lvl == 3 and t.startswith("Kommunstyrelsens mål")]
    assert [g.split(" - ")[0] for g in goals] == [f"Kommunstyrelsens mål {n}" for n in range(1, 8)]
    assert ("Kommunstyrelsens mål 5 - Invånarnas upplevelse av trygghet ska förbättras") in goals
    levels = [lvl for lvl, _ in headings]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))


def test_goals_with_assessment_agenda_indicators(built, reference_data):
    texts = built.texts
    for goal in reference_data["Mål"]:
        i = texts.index(f"Kommunstyrelsens mål {goal['Mål nr']} - {goal['Mål']}")
        assert norm(texts[i + 1]) == f"Bedömning: {goal['Bedömning']}"
        assert norm(texts[i + 2]) == f"Koppling Agenda 2030: {goal['Agenda 2030'] or '-'}"
    indicator_tables = [t for t in built.tables if t[0][0] == "Mål 2023"]
    assert len(indicator_tables) == len(reference_data["Indikatorer"])
    rows = [[norm(c) for c in t[1]] for t in indicator_tables]
    assert [norm(c) for c in indicator_tables[0][0]] == ["Mål 2023", "Preliminärt utfall 2023",
                                                          "Utfall 2022", "Utfall 2021"]
    assert rows[0] == ["72", "(72)", "72", "71"]
    assert rows[2] == ["60%", "52,6%", "40,2%", "-"]
    assert rows[4] == ["98%", "-", "97,6%", "94,4%"]
    assert rows[5] == ["2,9", "2,6", "2,4", "2,5"]
    assert rows[7] == ["17,5", "-", "17,4", "19,0"]  # 19,0 as its cell's format shows it
    assert "Indikator: Företagsklimat enl. ÖJ (Insikt) - Totalt, NKI" in texts


def test_assignments_with_status(built, reference_data):
    table = built.table("Uppdrag")
    assert [norm(h) for h in table[0]] == ["Uppdrag", "Status", "Kommentar"]
    got = [(norm(r[0]), r[1]) for r in table[1:]]
    assert got == [(norm(a["Uppdrag"]), a["Status"]) for a in reference_data["Uppdrag"]]


def test_internal_control_rows_coloured_with_text(built, reference_data):
    table = built.table("Vad kontrolleras?")
    assert [norm(h) for h in table[0]] == ["Vad kontrolleras?", "Metod", "Bedömning", "Resultat", "Åtgärd"]
    assert len(table) - 1 == len(reference_data["Internkontroll"])
    tbl = next(t for t in built.doc.tables if t.rows[0].cells[0].text == "Vad kontrolleras?")
    for row, ref, cells in zip(table[1:], reference_data["Internkontroll"], tbl.rows[1:]):
        first = cells.cells[0].paragraphs
        assert first[0].text == ref["Risk"] and first[0].runs[0].bold
        assert norm(first[1].text) == norm(ref["Kontrollmoment"])
        assert row[2] == ref["Bedömning"]
        fill = cells.cells[2]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        assert fill == C.SIGNAL_COLOURS[ref["Bedömning"]]
    for text in C.CONTROL_LEGEND.values():
        assert any(text in t for t in built.texts)


def test_accessibility_points_in_the_xml(built):
    styles = built.xml("word/styles.xml")
    assert re.search(r'<w:rPrDefault><w:rPr>.*?<w:lang w:val="sv-SE"', styles, re.S)
    core = built.doc.core_properties
    assert core.title == "Delårsbokslut 2023 Kommunstyrelsen"
    assert core.author == "Kommunstyrelsen" and core.language == "sv-SE"
    for tbl in built.tbl_elements():
        first = tbl.find(qn("w:tr"))
        assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    doc_prs = list(built.body().iter(qn("wp:docPr")))
    assert len(doc_prs) == 4  # Drift, Investeringar, Exploatering (the three alike), the goals
    for d in doc_prs:
        assert len(d.get("descr", "")) > 40
    assert any("91 867" in norm(d.get("descr")) for d in doc_prs)
    assert any("exploateringsredovisningen" in d.get("descr") and "9 531" in norm(d.get("descr"))
               for d in doc_prs)
    document = built.xml("word/document.xml")
    assert 'TOC \\o "1-2"' in document
    assert '<w:updateFields w:val="true"/>' in built.xml("word/settings.xml")
    # colour is never alone: every shaded cell and run carries the assessment's text
    for shd in built.body().iter(qn("w:shd")):
        parent = shd.getparent().getparent()
        assert "".join(t.text for t in parent.iter(qn("w:t"))).strip() in C.SIGNAL_COLOURS


def test_header_footer_from_the_data(built):
    section = built.doc.sections[0]
    assert section.footer.paragraphs[0].text.startswith("Delårsbokslut 2023")
    assert "Kommunstyrelsen" in section.header.paragraphs[0].text
    assert "{" not in section.header.paragraphs[0].text + section.footer.paragraphs[0].text
    footer = section.footer._element.xml
    assert "PAGE" in footer
    assert [p.text for p in built.doc.paragraphs[:4]] == [
        "", "Delårsbokslut 2023", "Kommunstyrelsen", "Perioden januari–augusti 2023"]
    # the kommun is named once on the cover: by the logo placeholder of the template's cover
    assert norm(section.first_page_header.paragraphs[0].text) == "Alingsås kommun"


def test_texts_become_paragraphs(built, reference_data):
    texts = built.texts
    verksamhet = reference_data["Texter"]["Verksamhet"]
    assert verksamhet.strip() in texts
    shown = [norm(t) for t in texts]
    for line in reference_data["Texter"]["Drift – Utfall för perioden"].splitlines():
        if line.strip():
            assert norm(line) in shown


def test_cli_report_and_pdf(tmp_path, reference_data):
    out = tmp_path / "rapport.docx"
    result = run("report", EXAMPLE, "-o", out, "--pdf")
    assert result.code == 0, result.out + result.err
    assert f"Skrev {out}." in result.out
    require_report_fonts(tmp_path / "rapport.pdf")
    assert "Typsnittet" not in result.out  # the README's fonts: no substitute, no Varning
    text = norm(pdftotext(tmp_path / "rapport.pdf"))
    assert_pdf_ua(tmp_path / "rapport.pdf", headings=6)  # charts' alt texts, PDF/UA identification …
    for figure in ("91 867", "-106 768", "60 305", "-25 392", "-0,05%", "1,96%"):
        assert figure in text
    assert "Uppföljning av internkontroll" in text
    toc = text[text.index("Innehåll"):text.index("Verksamhet", text.index("Innehåll") + 10) + 40]
    assert re.search(r"Verksamhet\.+ ?\d", toc)  # the contents has page numbers


@pytest.fixture(scope="module")
def built_pdf(tmp_path_factory):
    """The report's PDF as the toolkit makes it (page breaks corrected from the layout)."""
    soffice()  # (skips or fails as the suite does without LibreOffice)
    outcome = report_file(EXAMPLE, tmp_path_factory.mktemp("pdf") / "rapport.docx", pdf=True)
    assert outcome.pdf is not None
    return outcome.pdf


def test_libreoffice_opens_the_docx(built_pdf):
    assert "Totala utgifter" in pdftotext(built_pdf)


def test_document_properties_are_the_reports_own(built):
    from datetime import datetime, timedelta

    core = built.doc.core_properties
    now = datetime.now()
    for when in (core.created, core.modified):
        assert abs(when.replace(tzinfo=None) - datetime.utcnow()) < timedelta(hours=1), when
    assert core.author == core.last_modified_by == "Kommunstyrelsen" and core.revision == 1
    app = built.xml("docProps/app.xml")
    assert "Microsoft" not in app and "Normal.dotm" not in app and "<Application>excelreport<" in app
    assert "thumbnail" not in built.xml("_rels/.rels")
    assert now.year == core.created.year


def test_tables_span_the_text_width_and_fit_their_longest_words(built, built_pdf):
    section = built.doc.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU → twips
    for tbl in built.tbl_elements():
        grid = [int(c.get(qn("w:w"))) for c in tbl.find(qn("w:tblGrid"))]
        assert abs(sum(grid) - text_width) <= len(grid), grid
    # every word of every table is printed whole: no piece of a word on a line of its own
    import subprocess

    pdftotext(built_pdf)  # (skips or fails as the suite does without poppler)
    require_report_fonts(built_pdf)
    printed_text = subprocess.run(["pdftotext", "-raw", str(built_pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout  # in reading order, cell by cell
    printed_text = re.sub(r"(?<=[a-zåäö])-\n(?=[a-zåäö])", "", printed_text)  # a hyphenated header
    printed_text = re.sub(r"/\n", "/", printed_text)  # a header broken after a slash
    tokens = {t.strip("(),.:;*!?") for t in re.split(r"\s+", printed_text)}
    words = {w.strip("(),.:;*!?") for t in built.tables for row in t for cell in row for w in norm(cell).split(" ")}
    known = words | {w.strip("(),.:;*!?") for t in built.texts for w in norm(t).split(" ")}
    fragments = sorted(t for t in tokens if re.search(r"[A-Za-zÅÄÖåäö]{2}", t) and t not in known
                       and not t.endswith("-")  # a break at a hyphen (IT-infrastruktur, hyphenated)
                       and any(w.startswith(t) or w.endswith(t) for w in words if w != t))
    assert fragments == []
    for whole in ("Expansionsinvestering", "2022/2023", "anmärkning"):
        assert whole in tokens or any(whole in t for t in tokens)


def test_a_short_main_section_shares_its_page_with_the_next(built_pdf):
    """Verksamhet (four lines) no longer has a page of its own: a main section starts a new
    page only after a page more than about half full."""
    pdftotext(built_pdf)  # (skips or fails as the suite does without poppler)
    require_report_fonts(built_pdf)
    pages, thin = page_fill(built_pdf, [text for level, text in HEADINGS if level == 1])
    assert thin == []
    assert pages <= 18, pages


def test_no_empty_page(built_pdf):
    pages = pdftotext(built_pdf).split("\f")[:-1]
    for n, page in enumerate(pages, start=1):
        body = [line for line in page.splitlines() if line.strip()][1:-1]  # header, footer
        assert n == 1 or len(body) >= 3, f"sidan {n} är nästan tom"


def test_a_goal_stays_with_its_assessment_agenda_and_indicator_table(built):
    body = list(built.body())
    keeps = {s.style_id for s in built.doc.styles if getattr(s, "paragraph_format", None) is not None
             and s.paragraph_format.keep_with_next}

    def keeps_next(p) -> bool:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return False
        if ppr.find(qn("w:keepNext")) is not None:
            return True
        style = ppr.find(qn("w:pStyle"))
        return style is not None and style.get(qn("w:val")) in keeps

    starts = [i for i, el in enumerate(body) if el.tag == qn("w:p")
              and "".join(t.text or "" for t in el.iter(qn("w:t"))).startswith("Kommunstyrelsens mål")]
    assert len(starts) == 7
    for i in starts:
        j = i
        while body[j].tag == qn("w:p"):
            assert keeps_next(body[j]), "".join(t.text or "" for t in body[j].iter(qn("w:t")))
            j += 1
        rows = body[j].findall(qn("w:tr"))
        assert all(keeps_next(p) for r in rows[:-1] for p in r.iter(qn("w:p")))


def test_numbers_in_the_narrative_do_not_break(built):
    texts = built.texts
    assert not [t for t in texts if re.search(r"(?<![\d,])\d{1,3} \d{3}(?!\d)", t)]
    assert not [t for t in texts if re.search(r"\d (tkr|mnkr|%)", t)]
    assert any("26\u00a0764\u00a0tkr" in t for t in texts)


def test_a_figures_minus_sign_does_not_break_from_it():
    from excelreport.report.document import ReportDocument

    doc = ReportDocument()
    doc.text("Avvikelsen blev (-11,9 mnkr) och -1 300 tkr under 2022-2023 för Barn- och fritid.")
    xml = doc.doc.element.body.xml
    assert xml.count("<w:noBreakHyphen/>") == 2  # the two signs; not the dates nor the word's hyphen
    assert doc.doc.paragraphs[-1].text == ("Avvikelsen blev (-11,9\u00a0mnkr) och -1\u00a0300\u00a0tkr "
                                           "under 2022-2023 för Barn- och fritid.")


def test_a_header_word_breaks_at_one_place_in_every_table(built_pdf):
    """``Delårsbokslut`` breaks as ``Delårs-bokslut`` wherever it breaks (the most balanced
    point), never ``Delårsbok-slut`` in a wider column beside it."""
    text = pdftotext(built_pdf)
    heads = set(re.findall(r"\b(Delår[a-zåäö]*-)(?=\s)", text))
    assert heads == {"Delårs-"}, heads
