"""The report's charts are Word's own: a chart part per chart, its data embedded, its value
labels the toolkit's figures; LibreOffice draws them. And the hyphenation patterns' cache."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from excelreport.report import charts as CH
from excelreport.report import hyphens
from excelreport.app.reporting import report_file

from conftest import EXAMPLE, ROOT, convert, pdftotext
from reportdoc import norm

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    out = tmp_path_factory.mktemp("diagram") / "rapport.docx"
    assert report_file(EXAMPLE, out).docx == out
    return out


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _labels(chart_xml: str) -> list[str]:
    return [norm(t) for t in re.findall(r"<c:dLbl>.*?<a:t>([^<]*)</a:t>", chart_xml)]


def test_every_chart_is_a_word_chart_with_its_data_embedded(docx):
    parts = _parts(docx)
    charts = sorted(n for n in parts if re.fullmatch(r"word/charts/chart\d+\.xml", n))
    assert len(charts) == 4 and not any(n.startswith("word/media/") for n in parts)
    document = parts["word/document.xml"].decode()
    assert document.count(f'<a:graphicData uri="{C_NS}">') == 4
    types = parts["[Content_Types].xml"].decode()
    for name in charts:
        assert f'PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"' in types
        rels = parts[name.replace("charts/", "charts/_rels/") + ".rels"].decode()
        target = re.search(r'Id="rId1" Type="[^"]*/package" Target="../([^"]+)"', rels).group(1)
        xml = parts[name].decode()
        assert '<c:externalData r:id="rId1">' in xml and '<c:lang val="sv-SE"/>' in xml
        book = openpyxl.load_workbook(io.BytesIO(parts["word/" + target]))
        assert book.sheetnames == ["Data"]
    drift = parts["word/charts/chart2.xml"].decode()  # goals first, then Drift
    labels = _labels(drift)
    # bottom-up (office programs list a bar chart's legend so): the forecast, then the budget,
    # of the Drift rows from Finansnetto up, as the table prints them
    assert labels[:2] == ["51", "106 717"] and "-104 922" in labels and labels[-1] == "91 867"
    assert "Årets resultat" not in drift  # derived rows are the table's, not the chart's
    data = openpyxl.load_workbook(io.BytesIO(parts["word/embeddings/Microsoft_Excel_Worksheet2.xlsx"]))["Data"]
    rows = {r[0]: r[1:] for r in data.iter_rows(min_row=2, values_only=True)}
    assert rows["Verksamhetens intäkter"] == (88016, 91867)
    assert [c.value for c in data[1]][1:] == ["Prognos helår 2023", "Budget 2023"]
    assert 'c:orientation val="minMax"' in drift and "maxMin" not in drift


def test_value_labels_are_rounded_half_away_from_zero_in_swedish():
    spec, _ = CH.grouped_bars(["A", "B", "C"], [("Budget", [Decimal("-89748.5"), Decimal("2.5"), None])],
                              "tkr", {})
    chart = CH.make(spec, "alt", "rubrik", 6.0)
    labels = _labels(chart.xml.decode())
    assert labels == ["-", "3", "-89 749"]  # bottom-up; a dash where there is no value, as in the tables
    assert '<c:delete val="1"/>' in chart.xml.decode()
    spec, _ = CH.grouped_bars(["A"], [("Budget", [Decimal("1234.25")])], "mnkr", {})
    assert _labels(CH.make(spec, "alt", "rubrik", 6.0).xml.decode()) == ["1 234,3"]


def test_the_same_chart_is_the_same_bytes():
    spec, _ = CH.grouped_bars(["A"], [("Budget", [Decimal("1")])], "tkr", {})
    a, b = CH.make(spec, "alt", "rubrik", 6.0), CH.make(spec, "alt", "rubrik", 6.0)
    assert a.xml == b.xml and a.workbook == b.workbook


def test_libreoffice_draws_the_charts(docx, tmp_path):
    text = norm(pdftotext(convert(docx, "pdf", tmp_path)))
    # words only the charts hold: the investment chart's legend and the goals chart's labels;
    # the legends name the series as the tables head them, in the bars' order (top first)
    assert "Budget 2023 Prognos helår 2023 Delårsbokslut 2023" in text
    assert text.count("Budget 2023 Prognos helår 2023") >= 3  # Drift, Exploatering, Investeringar
    assert "Prognos helår 2023 Budget 2023" not in text
    assert re.search(r"\b3 mål\b", text) and re.search(r"\b0 mål\b", text)


def test_the_line_chart_is_never_smoothed_and_shows_its_value_axis():
    values = [Decimal(0), Decimal(0), Decimal(-1500)]
    chart = CH.forecast_chart(["April", "Delårsbokslut", "Årsredovisning"], values, 2023, "tkr", {},
                              outcome=("Utfall 2023", Decimal(-8620)))
    xml = chart.xml.decode()
    series = re.findall(r"<c:ser>.*?</c:ser>", xml)
    assert len(series) == 2 and all('<c:smooth val="0"/>' in s for s in series)
    value_axis = re.search(r"<c:valAx>.*?</c:valAx>", xml).group(0)
    assert '<c:delete val="1"/>' not in value_axis and "<c:majorGridlines>" in value_axis
    assert 'formatCode="#\\ ##0"' in value_axis  # Swedish digit groups in any locale
    assert "Utfall 2023: -8 620" in norm(xml) and "Utfall 2023: -8 620" in norm(chart.alt_text)


WORDS = ["delårsbokslut", "Expansionsinvestering", "personalkostnader", "anmärkning", "Prognossäkerhet",
         "kommunfullmäktige", "exploateringsredovisningen"]


def test_hyphenation_patterns_are_cached_and_give_the_same_points(tmp_path, monkeypatch):
    import pyphen

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphens.hyphenator.cache_clear()
    parsed = hyphens.hyphenator()  # parses the dictionary and keeps the patterns
    kept = list((tmp_path / "excelreport").glob("hyph_sv-*.json"))
    assert len(kept) == 1
    expected = [parsed.positions(w) for w in WORDS]
    assert expected[0] == [3, 6, 9]  # del-års-bok-slut
    monkeypatch.setattr(pyphen, "hdcache", {})
    monkeypatch.setattr(pyphen.HyphDict, "__init__", lambda *a: pytest.fail("the dictionary was parsed again"))
    hyphens.hyphenator.cache_clear()
    assert [hyphens.hyphenator().positions(w) for w in WORDS] == expected
    hyphens.hyphenator.cache_clear()


def test_a_damaged_cache_is_not_used(tmp_path, monkeypatch):
    import pyphen

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphens.hyphenator.cache_clear()
    expected = [hyphens.hyphenator().positions(w) for w in WORDS]
    (kept,) = (tmp_path / "excelreport").glob("hyph_sv-*.json")
    data = kept.read_bytes()
    kept.write_bytes(data.replace(b'"del":', b'"deX":', 1) if b'"del":' in data else data[:-100])
    for damaged in (kept.read_bytes(), data[: len(data) // 2], b"", b"0" * 64 + b"\n[]"):
        kept.write_bytes(damaged)
        monkeypatch.setattr(pyphen, "hdcache", {})
        hyphens.hyphenator.cache_clear()
        assert [hyphens.hyphenator().positions(w) for w in WORDS] == expected
        assert kept.read_bytes() == data  # parsed anew and kept whole again
    hyphens.hyphenator.cache_clear()


def test_without_a_home_folder_the_patterns_are_parsed_and_not_kept(monkeypatch):
    import pyphen

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(hyphens.Path, "home", staticmethod(no_home))
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphens.hyphenator.cache_clear()
    assert hyphens.cache_dir() is None
    assert hyphens.hyphenator().positions("delårsbokslut") == [3, 6, 9]
    hyphens.hyphenator.cache_clear()


def test_the_goal_legend_lists_the_scale_in_its_order(docx):
    """The signal legend above the goals chart, in the scale's order (as the chart, the
    dropdowns and the compilation's legend list it)."""
    import docx as python_docx

    from excelreport import contract as C

    paragraphs = [p.text for p in python_docx.Document(docx).paragraphs]
    legend = next(p for p in paragraphs if "Ej utvärderad" in p and "Helt uppfyllt" in p)
    assert [legend.index(a) for a in C.ASSESSMENTS] == sorted(legend.index(a) for a in C.ASSESSMENTS)
    assert legend.strip("\u00a0 ").startswith("Helt uppfyllt")


def test_a_statement_of_only_zeros_gets_its_table_but_no_chart(tmp_path):
    """Exempelkommun's Socialnämnden has no exploatering: its sheet holds zeros. The board
    saw a chart of seven empty bar pairs labelled 0 (issue 20's look at every page); the
    table of zeros stays (it says so), the chart is left out; Drift's chart is still drawn."""
    book = ROOT / "workbooks" / "exempelkommun" / "Socialnämnden.xlsx"
    out = tmp_path / "sn.docx"
    assert report_file(book, out).docx == out
    text = " ".join(norm(t) for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", _parts(out)["word/document.xml"].decode()))
    assert "per rad i driftredovisningen (tkr)." in text
    assert "Exploatering" in text and "Verksamhetens intäkter" in text
    assert "exploateringsredovisningen" not in text
    charts = [n for n in _parts(out) if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert len(charts) == 3  # the goals, Drift and the investments
