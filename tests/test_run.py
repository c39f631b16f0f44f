"""``excelreport run``: result sheets written back, nothing of the user's lost or changed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import convert, pdftotext
from resultbook import clean_data, input_snapshot, make, parts, result_rows, sheet_part
from wbtools import check, damage, digest, run

from excelreport import contract as C
from excelreport.read.xlsx import read_workbook
from excelreport.sheets.plan import NO_FINDINGS

INPUT_NAMES = [s.name for s in C.INPUT_SHEETS]
EDITED_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}


def grids(path: Path) -> dict:
    book = read_workbook(path)
    return {name: {k: (c.value, c.number_format, c.formula) for k, c in g.cells.items()}
            for name, g in book.sheets.items() if name in INPUT_NAMES}


def assert_inputs_untouched(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Every part of the original is still there, byte-identical, but for the four edited
    ones; those keep their original content as a prefix structure (appended, not changed)."""
    for name, data in before.items():
        assert name in after, f"delen {name} försvann"
        if name not in EDITED_PARTS:
            assert after[name] == data, f"delen {name} ändrades"
    old, new = before["xl/styles.xml"].decode(), after["xl/styles.xml"].decode()
    for coll in ("numFmt", "font", "fill", "xf"):
        pat = rf"<{coll}[\s>/].*?(?:/>|</{coll}>)" if coll != "xf" else r"<xf\s.*?(?:/>|</xf>)"
        assert re.findall(pat, new)[:len(re.findall(pat, old))] == re.findall(pat, old), coll
    old_wb, new_wb = before["xl/workbook.xml"].decode(), after["xl/workbook.xml"].decode()
    for entry in re.findall(r"<sheet\s[^>]*/>", old_wb):
        if not any(f'name="{n}"' in entry for n in C.RESULT_SHEET_NAMES):
            assert entry in new_wb


# --- the happy path ----------------------------------------------------------------------


def test_run_writes_every_result_sheet_after_the_inputs(example):
    result = run("run", example)
    assert result.code == 0, result.out + result.err
    assert "0 fel, 15 varningar" in result.out
    assert f"Skrev {', '.join(C.RESULT_SHEET_NAMES)} till {example}." in result.out
    wb = openpyxl.load_workbook(example)
    assert wb.sheetnames == INPUT_NAMES + list(C.RESULT_SHEET_NAMES)
    for spec in C.RESULT_SHEETS:
        ws = wb[spec.name]
        assert tuple(c.value for c in ws[1]) == spec.columns
        assert ws.freeze_panes == "A2" and ws.protection.sheet and not ws.protection.password
        assert all(ws.column_dimensions[c.column_letter].width >= 6 for c in ws[1])
        assert all(c.font.b for c in ws[1])
    # values, not formulas
    with zipfile.ZipFile(example) as zf:
        for name in C.RESULT_SHEET_NAMES:
            assert b"<f>" not in zf.read(sheet_part(example, name))
    # the looks a controller reads
    drift = wb[C.RESULT_DRIFT.name]
    header = [c.value for c in drift[1]]
    dev = header.index("Avvikelse prognos/budget")
    assert "[Red]" in drift.cell(2, dev + 1).number_format
    assert drift.cell(2, 2).number_format == "#,##0"
    bold = {drift.cell(r, 1).value: drift.cell(r, 1).font.b for r in range(2, 12)}
    assert bold[C.COSTS] and bold[C.NET_COSTS] and bold[C.RESULT] and not bold[C.REVENUE]
    goals = wb[C.RESULT_MAL.name]
    for r in range(2, goals.max_row + 1):
        cell = goals.cell(r, 3)
        assert cell.fill.fgColor.rgb == "FF" + C.SIGNAL_COLOURS[cell.value]
    sick = wb[C.RESULT_SJUKFRANVARO.name]
    assert sick.cell(2, 2).number_format == '0.0"%"' and sick.cell(2, 4).number_format == '0.00"%"'


def test_kontroll_lists_errors_first_with_links_to_the_cells(example):
    def break_it(wb):
        wb["Info"]["B6"] = "åtta"  # År
        ws = wb["Drift"]
        ws["B5"] = "mycket"  # a text in an amount column

    damage(example, break_it)
    result = run("run", example)
    assert result.code == 1
    assert "skrev bara bladet Kontroll" in result.out
    wb = openpyxl.load_workbook(example)
    assert wb.sheetnames == INPUT_NAMES + [C.KONTROLL.name]
    ws = wb[C.KONTROLL.name]
    sev = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert sev[0] == "Fel" and sev == sorted(sev, key=["Fel", "Varning", "Info"].index)
    rows = {(ws.cell(r, 2).value, ws.cell(r, 3).value): ws.cell(r, 3) for r in range(2, ws.max_row + 1)}
    assert ("Info", "B6") in rows and ("Drift", "B5") in rows
    assert rows[("Info", "B6")].hyperlink.location == "'Info'!B6"
    assert rows[("Drift", "B5")].hyperlink.location == "'Drift'!B5"
    assert ws.cell(2, 1).fill.fgColor.rgb == "FF" + C.SIGNAL_COLOURS["Ej uppfyllt"]


def test_empty_kontroll_says_so(tmp_path, reference_data):
    path = make(tmp_path / "ren.xlsx", clean_data(reference_data))
    result = run("run", path)
    assert result.code == 0 and "Inga fynd" in result.out
    rows = result_rows(path, C.KONTROLL.name)
    assert rows == [{"Allvarlighet": None, "Blad": None, "Cell": None, "Meddelande": NO_FINDINGS}]


def test_result_sheets_open_in_libreoffice(example, tmp_path):
    assert run("run", example).code == 0
    text = pdftotext(convert(example, "pdf", tmp_path / "pdf"))
    for label in ("Prognosförändring", "Totala utgifter", "Uppfyllda", "Meddelande", "Differens"):
        assert label in text
    sep = "[ ,.\u00a0\u202f]?"
    assert re.search(rf"Totala utgifter\s+60{sep}305\s+53{sep}376\s+6{sep}929", text)  # shown rounded
    assert re.search(rf"\s16{sep}344\s", text) and not re.search(rf"16{sep}344[.,]2", text)


# --- nothing lost, nothing changed ---------------------------------------------------------


def test_inputs_identical_after_one_and_two_runs(example):
    snap, cells, before = input_snapshot(example), grids(example), parts(example)
    findings = check(example).out
    assert run("run", example).code == 0
    once = digest(example)
    assert input_snapshot(example) == snap and grids(example) == cells
    assert_inputs_untouched(before, parts(example))
    assert check(example).out == findings  # the controller's formulas still have their values
    assert run("run", example).code == 0
    assert digest(example) == once, "en andra körning ändrade arbetsboken"
    assert input_snapshot(example) == snap and grids(example) == cells


def test_run_to_out_leaves_the_source_alone_and_gives_the_same_bytes(example, tmp_path):
    src = digest(example)
    out = tmp_path / "ut" / "resultat.xlsx"
    out.parent.mkdir()
    assert run("run", example, "-o", out).code == 0
    assert digest(example) == src
    assert run("run", example).code == 0
    assert digest(example) == digest(out)
    assert not [p for p in out.parent.iterdir() if p.name != out.name]  # no temporary file left


def test_stale_result_sheets_are_removed_when_the_workbook_gets_a_fel(example):
    assert run("run", example).code == 0

    def add_own_sheet(wb):  # a user sheet after the results, with a print area of its own
        ws = wb.create_sheet("Egen")
        ws["A1"] = "min anteckning"
        ws.print_area = "A1:B2"

    damage(example, add_own_sheet)
    damage(example, lambda wb: wb["Info"].__setitem__("B6", "åtta"))
    assert run("run", example).code == 1
    wb = openpyxl.load_workbook(example)
    assert wb.sheetnames == INPUT_NAMES + [C.KONTROLL.name, "Egen"]  # Kontroll kept its place
    assert wb["Egen"].print_area == "'Egen'!$A$1:$B$2"
    damage(example, lambda wb: wb["Info"].__setitem__("B6", 2023))
    assert run("run", example).code == 0
    wb = openpyxl.load_workbook(example)
    assert wb.sheetnames == INPUT_NAMES + [C.KONTROLL.name, "Egen"] + list(C.RESULT_SHEET_NAMES[:-1])
    assert wb["Egen"].print_area == "'Egen'!$A$1:$B$2"


def _user_workbook_with_chart_image_comment(path: Path) -> Path:
    """openpyxl (not excelreport) adds a sheet with a chart, an image and a comment."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    png = path.with_name("logo.png")
    PILImage.new("RGB", (40, 20), (200, 30, 30)).save(png)
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("Min analys", 0)
    for i, (label, value) in enumerate([("Q1", 10), ("Q2", 30), ("Q3", 20)], start=1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, value)
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3))
    chart.set_categories(Reference(ws, min_col=1, min_row=1, max_row=3))
    ws.add_chart(chart, "D2")
    ws.add_image(Image(str(png)), "D20")
    ws["A5"].comment = Comment("Kolla med ekonomen", "Controller")
    wb.save(path)
    return path


def test_a_chart_an_image_and_a_comment_survive(example):
    path = _user_workbook_with_chart_image_comment(example)
    before = parts(path)
    kept = [n for n in before if re.match(r"xl/(charts|drawings|media)/|xl/comments", n)]
    assert any("chart" in n for n in kept) and any("media" in n for n in kept)
    assert run("run", path).code == 0
    after = parts(path)
    assert_inputs_untouched(before, after)
    for name in kept:
        assert after[name] == before[name]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Min analys" and wb["Min analys"]["A5"].comment.text == "Kolla med ekonomen"
    own = sheet_part(path, "Min analys")
    rels = after[own.replace("worksheets/", "worksheets/_rels/") + ".rels"].decode()
    assert "drawing" in rels and after[own] == before[own]
    drawing_rels = [n for n in after if n.startswith("xl/drawings/_rels/")]
    assert any("chart" in after[n].decode() and "image" in after[n].decode() for n in drawing_rels)


def test_a_macro_project_and_its_button_survive(tmp_path, reference_data):
    xlwings = pytest.importorskip("xlwings")
    quick = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(quick) as zf:
        vba = zf.read("xl/vbaProject.bin")
    (tmp_path / "vbaProject.bin").write_bytes(vba)

    class Macro:  # XlsxWriter's own macro support, as a workbook with a button is made
        def apply(self, wb, styles):
            wb.add_vba_project(str(tmp_path / "vbaProject.bin"))
            wb.worksheets()[0].insert_button("D2", {"macro": "SampleCall", "caption": "Kör"})

    path = make(tmp_path / "rapport.xlsm", reference_data, macro=Macro())
    before = parts(path)
    assert run("run", path).code == 0
    after = parts(path)
    assert_inputs_untouched(before, after)
    assert after["xl/vbaProject.bin"] == vba
    vml = [n for n in after if n.endswith(".vml")]
    assert any(b"SampleCall" in after[n] for n in vml)
    assert b"macroEnabled" in after["[Content_Types].xml"]
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert wb.vba_archive is not None and C.KONTROLL.name in wb.sheetnames


# --- refusing to write -------------------------------------------------------------------


def test_open_in_excel_is_refused_and_untouched(example):
    (example.parent / ("~$" + example.name)).write_bytes(b"\x0bController" + bytes(150))
    before = digest(example)
    result = run("run", example)
    assert result.code == 2 and "öppen i Excel" in result.err
    assert digest(example) == before
    assert sorted(p.name for p in example.parent.iterdir()) == sorted([example.name, "~$" + example.name])


def test_read_only_workbook_is_refused_and_untouched(example):
    before = digest(example)
    example.chmod(0o444)
    try:
        result = run("run", example)
    finally:
        example.chmod(0o644)
    assert result.code == 2 and "skrivskyddad" in result.err
    assert digest(example) == before


def test_unusable_file_exit_2_and_untouched(tmp_path):
    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("run", bad)
    assert result.code == 2 and result.err.startswith("Fel: ")
    assert bad.read_bytes() == b"PK\x03\x04 not really a zip"


# --- killed while writing ----------------------------------------------------------------


def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "excelreport.cli", *args], env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_after_the_temporary_file_leaves_the_original(example):
    before = digest(example)
    proc = _cli("run", str(example), env={"EXCELREPORT_TEST_PAUSE_BEFORE_REPLACE": "60"})
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".~excelreport-") for p in example.parent.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "ingen tillfällig fil skrevs"
        time.sleep(0.02)
    temp = next(p for p in example.parent.iterdir() if p.name.startswith(".~excelreport-"))
    deadline = time.monotonic() + 30
    while temp.stat().st_size == 0 or not zipfile.is_zipfile(temp):  # wait until it is complete
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert digest(example) == before
    assert check(example).code == 0


def test_killed_at_any_moment_leaves_old_or_new_never_half(example, tmp_path):
    expected_new = tmp_path / "facit.xlsx"
    assert run("run", example, "-o", expected_new).code == 0
    old, new = digest(example), digest(expected_new)
    pristine = tmp_path / "orig.xlsx"
    shutil.copyfile(example, pristine)
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "excelreport.cli", "run", str(pristine), "-o",
                    str(tmp_path / "tid.xlsx")], check=True, capture_output=True)
    duration = time.monotonic() - start
    seen = set()
    for i in range(8):
        shutil.copyfile(pristine, example)
        proc = _cli("run", str(example))
        time.sleep(duration * (0.4 + 0.6 * i / 7))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = digest(example)
        assert state in (old, new), f"försök {i}: arbetsboken är halvskriven"
        seen.add(state)
        assert check(example).code == 0
        for p in example.parent.iterdir():
            if p.name.startswith(".~excelreport-"):
                p.unlink()  # a killed run may leave its temporary file; never the workbook


# --- packages written by other programs ---------------------------------------------------


def _prefixed(path: Path) -> Path:
    """The workbook and styles parts rewritten with an ``x:`` prefix, as the .NET Open XML
    SDK writes them; the writer must keep prefixes and insert elements with the same one."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    src = parts(path)
    out = path.with_name("prefix.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in src.items():
            if name in ("xl/workbook.xml", "xl/styles.xml"):
                text = data.decode().replace(f'xmlns="{main}"', f'xmlns:x="{main}"')
                text = re.sub(r"<(/?)(?![?!])(\w+)(?=[\s/>])", r"<\1x:\2", text)
                data = text.encode()
            zf.writestr(name, data)
    return out


def test_prefixed_workbook_and_styles_parts(example, tmp_path):
    path = _prefixed(example)
    before = parts(path)
    assert b"<x:sheet " in before["xl/workbook.xml"]
    assert run("run", path).code == 0
    after = parts(path)
    assert_inputs_untouched(before, after)
    assert b'<x:sheet name="Resultat Drift"' in after["xl/workbook.xml"]
    assert b"<xf " not in after["xl/styles.xml"] and b"<font>" not in after["xl/styles.xml"]
    once = digest(path)
    assert run("run", path).code == 0 and digest(path) == once
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-6:] == list(C.RESULT_SHEET_NAMES)
    assert wb[C.RESULT_DRIFT.name]["A4"].font.b is False and wb[C.RESULT_DRIFT.name]["A7"].font.b
    csv = convert(path, "csv", tmp_path / "csv")  # LibreOffice opens it (first sheet as csv)
    assert "Kommun" in csv.read_text(encoding="utf-8", errors="replace")


def test_saved_by_libreoffice_then_run_twice(example, tmp_path):
    saved = convert(example, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    before, cells = parts(saved), grids(saved)
    assert run("run", saved).code == 0
    assert_inputs_untouched(before, parts(saved))
    assert grids(saved) == cells
    once = digest(saved)
    assert run("run", saved).code == 0 and digest(saved) == once
    assert [r["Rad"] for r in result_rows(saved, C.RESULT_DRIFT.name)][0] == C.REVENUE


def test_mnkr_amounts_get_one_decimal(tmp_path, reference_data):
    data = clean_data(reference_data)
    data["Info"]["Enhet"] = "mnkr"
    path = make(tmp_path / "mnkr.xlsx", data)
    assert run("run", path).code == 0
    ws = openpyxl.load_workbook(path)[C.RESULT_INVESTERINGAR.name]
    assert ws["C2"].number_format == "#,##0.0" and ws["E2"].number_format == "#,##0.0;[Red]-#,##0.0"
