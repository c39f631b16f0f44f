"""`excelreport next`: every row of the spec's carry table (same year and next year), the
forecast history, prognossäkerhet, the report's parts and every bad input."""

from __future__ import annotations

import json
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from excelreport import contract as C
from excelreport.app.generate import PREFILLED_FILL, write_workbook
from wbtools import cell, check, col_of, damage, digest, header_row, row_of, run

AMOUNT_SHEETS = ("Drift", "Exploatering")
CLEARED_OPERATING = ("Periodbudget", "Utfall period", "Utfall period föregående år", "Kommentar")


def roll(src: Path, dst: Path, period: str, month: int, *extra) -> None:
    before = digest(src)
    result = run("next", src, "-o", dst, "--period", period, "--slutmanad", month, *extra)
    assert result.code == 0, result.out + result.err
    assert digest(src) == before, "next ändrade BOOK"
    assert not list(dst.parent.glob(".~excelreport-*")), "en tillfällig fil blev kvar"


def values(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=True)


def table(ws) -> list[dict]:
    """The rows of a sheet's table as {header: value}, by the contract's header names."""
    head = header_row_guess(ws)
    labels = [c.value for c in ws[head]]
    out = []
    for r in range(head + 1, ws.max_row + 1):
        row = {label: ws.cell(r, i + 1).value for i, label in enumerate(labels) if label}
        if all(v is None for v in row.values()):
            break
        out.append(row)
    return out


def header_row_guess(ws) -> int:
    """Result sheets have their header in row 1, input sheets in row 3."""
    return 1 if ws.title.startswith(("Resultat ", "Kontroll")) else 3


def fixed(ws, key: str = "Rad") -> dict[str, dict]:
    return {r[key]: r for r in table(ws)}


@pytest.fixture
def year_end(example, tmp_path) -> Path:
    dst = tmp_path / "arsredovisning_ks_2023.xlsx"
    roll(example, dst, "Årsredovisning", 12)
    return dst


# --- the same year: every row of the table ----------------------------------------------------


def test_info_carried_and_set_from_the_options(example, year_end):
    old, new = fixed(values(example)["Info"], "Fält"), fixed(values(year_end)["Info"], "Fält")
    for field in ("Kommun", "Nämnd", "År", "Enhet", "Kommentarsgräns"):
        assert new[field]["Värde"] == old[field]["Värde"], field
    assert new["Period"]["Värde"] == "Årsredovisning"
    assert new["Periodens slutmånad"]["Värde"] == 12
    assert new["Föregående prognos"]["Värde"] == "Delårsbokslut"
    assert new["Sjukfrånvaro avser"]["Värde"] is None


@pytest.mark.parametrize("sheet", AMOUNT_SHEETS)
def test_operating_sheets_carry_budget_and_forecast_and_clear_the_rest(example, year_end, sheet):
    old, new = fixed(values(example)[sheet]), fixed(values(year_end)[sheet])
    assert list(new) == [r.label for r in C.SHEETS_BY_NAME[sheet].rows]
    for label, row in new.items():
        assert row["Budget"] == old[label]["Budget"], label
        assert row["Föregående prognos"] == old[label]["Prognos helår"], label
        assert row["Prognos helår"] == old[label]["Prognos helår"], label
        for column in CLEARED_OPERATING:
            if not C.SHEETS_BY_NAME[sheet].row(label).derived:
                assert row.get(column) is None, (label, column)


def test_prefilled_forecast_is_marked_and_sum_rows_stay_formulas(year_end):
    ws = openpyxl.load_workbook(year_end)["Drift"]
    mark = cell(ws, "Personalkostnader", "Prognos helår")
    assert mark.fill.fgColor.rgb[-6:] == PREFILLED_FILL[1:]
    assert mark.comment.text.startswith("förifylld från Delårsbokslut")
    assert mark.protection.locked is False
    budget = cell(ws, "Personalkostnader", "Budget")
    assert budget.comment is None and budget.fill.fgColor.rgb[-6:] != PREFILLED_FILL[1:]
    assert str(cell(ws, "Årets resultat", "Prognos helår").value).startswith("=")


def test_investments_carry_the_tree_and_budget(example, year_end):
    old, new = table(values(example)["Investeringar"]), table(values(year_end)["Investeringar"])
    assert [(r["Nivå"], r["Namn"]) for r in new] == [(r["Nivå"], r["Namn"]) for r in old]
    for o, n in zip(old, new):
        assert n["Budget"] == o["Budget"]
        assert n["Föregående prognos"] == o["Prognos helår"]
        assert n["Prognos helår"] == o["Prognos helår"]
        assert n["Utfall period"] is n["Utfall period föregående år"] is n["Kommentar"] is None
    ws = openpyxl.load_workbook(year_end)["Investeringar"]
    leaf = ws.cell(row_of(ws, "Markinköp", 2), col_of(ws, "Prognos helår"))
    assert leaf.comment is not None and leaf.fill.fgColor.rgb[-6:] == PREFILLED_FILL[1:]


def test_goals_indicators_assignments_kept_comments_cleared(example, year_end):
    old, new = values(example), values(year_end)
    carried = ("Kommentar", C.PREVIOUS_ASSESSMENT)
    for o, n in zip(table(old["Mål"]), table(new["Mål"]), strict=True):
        assert {k: v for k, v in n.items() if k not in carried} == {k: v for k, v in o.items() if k not in carried}
        assert n["Kommentar"] is None and n[C.PREVIOUS_ASSESSMENT] == o["Bedömning"]
    for o, n in zip(table(old["Indikatorer"]), table(new["Indikatorer"]), strict=True):
        assert {k: v for k, v in n.items() if k != C.PREVIOUS_OUTCOME} == \
            {k: v for k, v in o.items() if k != C.PREVIOUS_OUTCOME}
        assert n[C.PREVIOUS_OUTCOME] == o["Utfall"]
    ws = openpyxl.load_workbook(year_end)["Indikatorer"]  # 19,0 keeps its decimal
    shown = [c.number_format for c in ws[header_row_guess(ws) + 1 + next(
        i for i, r in enumerate(table(old["Indikatorer"])) if r["Utfall två år sedan"] == 19)]]
    assert shown[col_of(ws, "Utfall två år sedan") - 1] == "0.0"
    for o, n in zip(table(old["Uppdrag"]), table(new["Uppdrag"]), strict=True):
        assert (n["Uppdrag"], n["Status"], n["Kommentar"]) == (o["Uppdrag"], o["Status"], None)


def test_internal_control_plan_kept_assessment_reset(example, year_end):
    old, new = table(values(example)["Internkontroll"]), table(values(year_end)["Internkontroll"])
    assert len(new) == len(old)
    for o, n in zip(old, new):
        assert (n["Risk"], n["Kontrollmoment"], n["Metod"]) == (o["Risk"], o["Kontrollmoment"], o["Metod"])
        assert n["Bedömning"] == "Ingen bedömning"
        assert n["Resultat"] is None and n["Åtgärd"] is None


@pytest.mark.parametrize("sheet,key", [("Personal", "Fält"), ("Sjukfrånvaro", "Kategori")])
def test_personnel_rows_kept_values_cleared(year_end, sheet, key):
    rows = fixed(values(year_end)[sheet], key)
    assert list(rows) == [r.label for r in C.SHEETS_BY_NAME[sheet].rows]
    assert all(r["Föregående år"] is None and r["Innevarande år"] is None for r in rows.values())


def test_texts_cleared_or_kept_as_drafts(example, year_end, tmp_path):
    texts = fixed(values(year_end)["Texter"], "Avsnitt")
    assert list(texts) == list(C.TEXT_KEYS) and all(r["Text"] is None for r in texts.values())
    kept = tmp_path / "med_texter.xlsx"
    roll(example, kept, "Årsredovisning", 12, "--behall-texter")
    old = fixed(values(example)["Texter"], "Avsnitt")
    ws = openpyxl.load_workbook(kept)["Texter"]
    for key, row in fixed(ws, "Avsnitt").items():
        assert row["Text"] == old[key]["Text"]
    draft = cell(ws, "Verksamhet", "Text")
    assert draft.comment.text.startswith("utkast från Delårsbokslut")


def test_new_workbook_checks_clean_and_says_the_forecast_is_not_revised(year_end):
    result = check(year_end)
    assert result.code == 0, result.out
    assert " 0 fel" in " " + result.out.splitlines()[-1]
    info = [line for line in result.out.splitlines() if "inte reviderats" in line]
    assert {line.split()[1].split("!")[0] for line in info} == {"Drift", "Exploatering", "Investeringar", "Mål"}
    damage(year_end, lambda wb: setattr(cell(wb["Drift"], "Lokalhyror", "Prognos helår"), "value", -7000))
    assert not any("Drift" in line and "inte reviderats" in line for line in check(year_end).out.splitlines())


def test_history_seeded_from_the_previous_forecast_then_the_books_own(example, year_end, reference_data):
    rows = table(values(year_end)["Prognoshistorik"])
    drift = {r["Rad"]: r for r in reference_data["Drift"]}
    april = [r for r in rows if r["Uppföljning"] == "april"]
    august = [r for r in rows if r["Uppföljning"] == "Delårsbokslut"]
    assert {r["Slutmånad"] for r in april} == {4} and {r["Slutmånad"] for r in august} == {8}
    assert rows == april + august  # in time order, one block each
    by = {(r["Blad"], r["Rad"]): r["Prognos helår"] for r in august}
    assert by[("Drift", "Personalkostnader")] == drift["Personalkostnader"]["Prognos helår"]
    costs = sum(drift[label]["Prognos helår"] for label in C.COST_ROWS)
    assert by[("Drift", "Verksamhetens kostnader")] == costs  # sum rows derived
    inv = {(r["Blad"], r["Rad"]) for r in august if r["Blad"] == "Investeringar"}
    level1 = {r["Namn"] for r in reference_data["Investeringar"] if r["Nivå"] == 1}
    assert inv == {("Investeringar", n) for n in level1 | {"Totala utgifter"}}
    assert {(r["Blad"], r["Rad"]) for r in april} == {(r["Blad"], r["Rad"]) for r in august}
    apr = {(r["Blad"], r["Rad"]): r["Prognos helår"] for r in april}
    assert apr[("Drift", "Personalkostnader")] == drift["Personalkostnader"]["Föregående prognos"]
    ws = openpyxl.load_workbook(year_end)["Prognoshistorik"]
    assert ws.protection.sheet and ws.cell(4, 1).protection.locked


def test_an_older_layout_comes_out_in_the_current_one(example, tmp_path):
    def older(wb):
        ws = wb["Drift"]
        ws.insert_cols(1)
        ws.cell(3, 1).value = "Egen kolumn"
        ws.insert_rows(1)
        ws.cell(1, 2).value = "En gammal rubrikrad"

    damage(example, older)
    dst = tmp_path / "ny.xlsx"
    roll(example, dst, "Årsredovisning", 12)
    ws = openpyxl.load_workbook(dst)["Drift"]
    assert [c.value for c in ws[3]][:8] == [c.label for c in C.DRIFT.columns]
    assert cell(ws, "Personalkostnader", "Föregående prognos").value == -104922


# --- the next year ---------------------------------------------------------------------------


@pytest.fixture
def next_year(example, tmp_path) -> Path:
    def finish(wb):  # one assignment done, one cancelled: neither is carried into 2024
        ws = wb["Uppdrag"]
        status = col_of(ws, "Status")
        ws.cell(header_row(ws, "Status") + 2, status).value = "Avbruten"

    damage(example, finish)
    dst = tmp_path / "fordjupad_2024.xlsx"
    roll(example, dst, "Fördjupad uppföljning", 4, "--ar", "2024")
    return dst


def test_next_year_info_and_empty_forecasts(example, next_year):
    info = fixed(values(next_year)["Info"], "Fält")
    assert info["År"]["Värde"] == 2024 and info["Period"]["Värde"] == "Fördjupad uppföljning"
    assert info["Periodens slutmånad"]["Värde"] == 4 and info["Föregående prognos"]["Värde"] is None
    wb = openpyxl.load_workbook(next_year)
    for sheet in AMOUNT_SHEETS:
        for label, row in fixed(wb[sheet]).items():
            if not C.SHEETS_BY_NAME[sheet].row(label).derived:
                assert all(row[c] is None for c in C.OPERATING_AMOUNTS), (sheet, label)
    old = table(values(example)["Investeringar"])
    new = table(wb["Investeringar"])
    assert [(r["Nivå"], r["Namn"]) for r in new] == [(r["Nivå"], r["Namn"]) for r in old]
    assert all(r[c] is None for r in new for c in C.INVESTMENT_AMOUNTS)
    assert not any(c.comment for row in wb["Drift"].iter_rows() for c in row if c.column == 5 and c.row > 3)
    assert table(wb["Prognoshistorik"]) == []


def test_next_year_shifts_the_indicators(example, next_year):
    old, new = table(values(example)["Indikatorer"]), table(values(next_year)["Indikatorer"])
    assert len(new) == len(old)
    for o, n in zip(old, new):
        assert (n["Mål nr"], n["Indikator"], n["Enhet"], n["Riktning"]) == (
            o["Mål nr"], o["Indikator"], o["Enhet"], o["Riktning"])
        assert n["Utfall två år sedan"] == o["Utfall föregående år"]
        assert n["Utfall föregående år"] == o["Utfall"]
        assert n["Utfall"] is None and n["Målvärde"] is None and n["Preliminärt"] == "Nej"


def test_next_year_carries_only_open_assignments(example, next_year):
    old = table(values(example)["Uppdrag"])
    new = table(values(next_year)["Uppdrag"])
    assert [r["Uppdrag"] for r in new] == [r["Uppdrag"] for r in old
                                           if r["Status"] not in ("Färdig", "Avbruten")]
    assert len(new) == len(old) - 2 and all(r["Kommentar"] is None for r in new)


# --- bad input ----------------------------------------------------------------------------------


def test_book_with_fel_writes_nothing_and_names_the_cells(example, tmp_path):
    damage(example, lambda wb: setattr(cell(wb["Drift"], "Personalkostnader", "Periodbudget"), "value", "abc"))
    dst = tmp_path / "ny.xlsx"
    result = run("next", example, "-o", dst, "--period", "Årsredovisning", "--slutmanad", "12")
    assert result.code == 1 and not dst.exists()
    assert "Drift!C5" in result.out and "Nästa uppföljning skapades inte" in result.out


@pytest.mark.parametrize("year", ["2022", "2025"])
def test_a_year_neither_same_nor_next_is_a_fel(example, tmp_path, year):
    dst = tmp_path / "ny.xlsx"
    result = run("next", example, "-o", dst, "--period", "Fördjupad uppföljning", "--slutmanad", "4",
                 "--ar", year)
    assert result.code == 1 and not dst.exists()
    assert "Fel" in result.out and "Info!B6" in result.out and "2024" in result.out


def test_existing_target_needs_force(example, tmp_path):
    dst = tmp_path / "ny.xlsx"
    dst.write_bytes(b"finns redan")
    args = ("next", example, "-o", dst, "--period", "Årsredovisning", "--slutmanad", "12")
    result = run(*args)
    assert result.code == 2 and dst.read_bytes() == b"finns redan" and "--force" in result.err
    assert run(*args, "--force").code == 0 and zipfile.is_zipfile(dst)


def test_the_book_itself_is_never_the_target(example):
    before = digest(example)
    result = run("next", example, "-o", example, "--period", "Årsredovisning", "--slutmanad", "12", "--force")
    assert result.code == 2 and digest(example) == before


def test_unusable_book_is_exit_2(tmp_path):
    bad = tmp_path / "trasig.xlsx"
    bad.write_bytes(b"inte en arbetsbok")
    result = run("next", bad, "-o", tmp_path / "ny.xlsx", "--period", "Årsredovisning", "--slutmanad", "12")
    assert result.code == 2 and "Traceback" not in result.out + result.err


def test_history_row_naming_an_unknown_sheet_or_row_is_a_varning(year_end):
    def unknown(wb):
        ws = wb["Prognoshistorik"]
        ws.cell(4, col_of(ws, "Blad")).value = "Okänt blad"
        ws.cell(5, col_of(ws, "Rad")).value = "Okänd rad"

    damage(year_end, unknown)
    out = check(year_end).out
    assert any(line.startswith("Varning") and "Prognoshistorik!C4" in line and "Okänt blad" in line
               for line in out.splitlines())
    assert any(line.startswith("Varning") and "Prognoshistorik!D5" in line and "Okänd rad" in line
               for line in out.splitlines())


def test_history_out_of_order_is_a_varning(year_end):
    def swap(wb):  # the August block first, then April
        ws = wb["Prognoshistorik"]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
        rows = [r for r in rows if r[0] == "Delårsbokslut"] + [r for r in rows if r[0] == "april"]
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                ws.cell(4 + i, 1 + j).value = v

    damage(year_end, swap)
    out = check(year_end).out
    assert any(line.startswith("Varning") and "tidsordning" in line for line in out.splitlines())


# --- the macro workbook ---------------------------------------------------------------------------


def test_macro_workbook_keeps_vba_project_and_button_byte_for_byte(tmp_path, reference_data):
    from excelreport import macro as M

    book = tmp_path / "Delar_KS_2023.xlsm"
    write_workbook(book, reference_data, macro=M.MacroWorkbook(r"C:\Python\python.exe"))
    dst = tmp_path / "Arsredovisning_KS_2023.xlsm"
    roll(book, dst, "Årsredovisning", 12)
    assert not (tmp_path / "Arsredovisning_KS_2023.py").exists()  # the button imports nothing beside it

    def parts(path):
        with zipfile.ZipFile(path) as z:
            vml = [n for n in z.namelist() if n.endswith(".vml") and M.BUTTON_CAPTION.encode() in z.read(n)]
            return z.read("xl/vbaProject.bin"), z.read(vml[0])

    assert parts(dst) == parts(book)
    wb = openpyxl.load_workbook(dst, keep_vba=True)
    assert wb[M.CONF_SHEET]["B1"].value == r"C:\Python\python.exe"
    assert check(dst).code == 0


# --- three follow-ups and a new year ----------------------------------------------------------------


def test_carried_assessments_and_outcomes_not_revised_get_a_note(year_end):
    """As a carried forecast does: goals whose Bedömning next carried (from Delårsbokslut) and
    indicators whose Utfall it carried, left as they were, each get an Info; revised, none."""
    out = check(year_end).out
    goals = [line for line in out.splitlines() if line.startswith("Info") and "Mål!" in line]
    assert goals and "bedömningarna förda från Delårsbokslut har inte reviderats" in goals[0]
    outcomes = [line for line in out.splitlines() if line.startswith("Info") and "Indikatorer!" in line]
    assert outcomes and "har inte uppdaterats (2 av dem markerade Preliminärt)" in outcomes[0]
    damage(year_end, lambda wb: setattr(cell(wb["Mål"], 4, "Bedömning", key_col=3), "value", "Ej uppfyllt"))
    assert "bedömningarna förda från" not in check(year_end).out


def test_an_all_zero_sheet_is_not_an_unrevised_forecast(tmp_path, reference_data):
    """An Exploatering of zeros (the board has none) carried by next was not prefilled with a
    forecast: no "inte reviderats" note for it."""
    data = json.loads(json.dumps(reference_data))
    for row in data["Exploatering"]:
        for key, value in row.items():
            if isinstance(value, (int, float)):
                row[key] = 0
    book, dst = tmp_path / "delar.xlsx", tmp_path / "ar.xlsx"
    write_workbook(book, data)
    roll(book, dst, "Årsredovisning", 12)
    notes = [line for line in check(dst).out.splitlines() if "inte reviderats" in line]
    assert {line.split()[1].split("!")[0] for line in notes} == {"Drift", "Investeringar", "Mål"}


def set_cells(path: Path, sheet: str, column: str, new: dict[str, float]) -> None:
    damage(path, lambda wb: [setattr(cell(wb[sheet], label, column), "value", v) for label, v in new.items()])


@pytest.fixture
def april(tmp_path, reference_data) -> Path:
    data = json.loads(json.dumps(reference_data))
    data["Info"].update({"Period": "Fördjupad uppföljning", "Periodens slutmånad": 4,
                         "Föregående prognos": None})
    for sheet in ("Drift", "Exploatering", "Investeringar"):
        for row in data[sheet]:
            row["Föregående prognos"] = None
    path = tmp_path / "april.xlsx"
    write_workbook(path, data)
    return path


def test_rolled_three_times_keeps_the_whole_history(april, tmp_path):
    august = tmp_path / "augusti.xlsx"
    roll(april, august, "Delårsbokslut", 8)
    set_cells(august, "Drift", "Prognos helår", {"Personalkostnader": -105000.5, "Lokalhyror": -7600})
    year_end = tmp_path / "ar.xlsx"
    roll(august, year_end, "Årsredovisning", 12)
    rows = table(values(year_end)["Prognoshistorik"])
    names = [r["Uppföljning"] for r in rows]
    assert names == ["Fördjupad uppföljning"] * names.count("Fördjupad uppföljning") + \
        ["Delårsbokslut"] * names.count("Delårsbokslut")
    first = {(r["Blad"], r["Rad"]): r["Prognos helår"] for r in rows if r["Slutmånad"] == 4}
    second = {(r["Blad"], r["Rad"]): r["Prognos helår"] for r in rows if r["Slutmånad"] == 8}
    assert first.keys() == second.keys() and len(first) == 10 + 10 + 5
    assert first[("Drift", "Personalkostnader")] == -104922
    assert second[("Drift", "Personalkostnader")] == -105000.5
    assert second[("Drift", "Verksamhetens kostnader")] == -105000.5 - 7600 - 42984 - 39447
    drift = fixed(values(year_end)["Drift"])
    assert drift["Lokalhyror"]["Föregående prognos"] == -7600
    assert fixed(values(year_end)["Info"], "Fält")["Föregående prognos"]["Värde"] == "Delårsbokslut"

    assert run("run", year_end).code == 0
    wb = values(year_end)
    hist = table(wb["Resultat Prognoshistorik"])
    assert [c.value for c in wb["Resultat Prognoshistorik"][1]] == [
        "Blad", "Rad", "Fördjupad uppföljning", "Delårsbokslut", "Prognos helår",
        "Förändring sedan första prognosen"]
    row = next(r for r in hist if r["Rad"] == "Lokalhyror")
    assert (row["Fördjupad uppföljning"], row["Delårsbokslut"], row["Prognos helår"]) == (-7431, -7600, -7600)
    assert row["Förändring sedan första prognosen"] == -169
    assert [r["Uppföljning"] for r in table(wb["Resultat Prognossäkerhet"])] == [
        "Fördjupad uppföljning", "Delårsbokslut"]

    again = tmp_path / "april_2024.xlsx"
    roll(year_end, again, "Fördjupad uppföljning", 4, "--ar", "2024")
    assert table(values(again)["Prognoshistorik"]) == []
    assert "Resultat Prognoshistorik" not in values(again).sheetnames
    info = fixed(values(again)["Info"], "Fält")
    assert info["År"]["Värde"] == 2024 and info["Föregående prognos"]["Värde"] is None


# --- prognossäkerhet, filled by another program ----------------------------------------------------


OUTCOMES = {"Verksamhetens intäkter": 90123.5, "Personalkostnader": -106000.25, "Lokalhyror": -7500,
            "Köp av tjänster": -43210.75, "Övriga kostnader": -38999.125, "Kommunbidrag": 106717,
            "Finansnetto": 77.375}  # exact in binary: openpyxl writes 16 digits (90123.4 → 90123.39999999999)


def exact(x) -> Decimal:
    return Decimal(str(x))


def test_prognossakerhet_is_exact(year_end):
    set_cells(year_end, "Drift", "Utfall period", OUTCOMES)
    assert run("run", year_end).code == 0
    wb = values(year_end)
    net = sum((exact(OUTCOMES[k]) for k in ("Verksamhetens intäkter", *C.COST_ROWS)), Decimal(0))
    result = net + exact(OUTCOMES["Kommunbidrag"]) + exact(OUTCOMES["Finansnetto"])
    history = table(wb["Prognoshistorik"])
    rows = table(wb["Resultat Prognossäkerhet"])
    assert [r["Uppföljning"] for r in rows] == ["april", "Delårsbokslut"]
    for r in rows:
        fc = {h["Rad"]: exact(h["Prognos helår"]) for h in history
              if h["Uppföljning"] == r["Uppföljning"] and h["Blad"] == "Drift"}
        dev = result - fc["Årets resultat"]
        assert exact(r["Prognos årets resultat"]) == fc["Årets resultat"]
        assert exact(r["Utfall årets resultat"]) == result
        assert exact(r["Prognosavvikelse"]) == dev
        pct = (dev * 100 / abs(net)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert exact(r["Prognosavvikelse i % av nettokostnaden"]) == pct
        ndev = net - fc["Verksamhetens nettokostnader"]
        assert exact(r["Prognos verksamhetens nettokostnader"]) == fc["Verksamhetens nettokostnader"]
        assert exact(r["Utfall verksamhetens nettokostnader"]) == net
        assert exact(r["Prognosavvikelse nettokostnader"]) == ndev
        assert exact(r["Prognosavvikelse nettokostnader i % av nettokostnaden"]) == (
            ndev * 100 / abs(net)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_no_prognossakerhet_before_year_end(example, tmp_path):
    august = tmp_path / "delar.xlsx"
    roll(example, august, "Delårsbokslut", 9)
    assert run("run", august).code == 0
    names = values(august).sheetnames
    assert "Resultat Prognoshistorik" in names and "Resultat Prognossäkerhet" not in names


# --- the report ----------------------------------------------------------------------------------------


def year_end_report(book: Path, folder: Path):
    """The report of ``book`` and its tables' cell texts as read (break marks removed)."""
    out = folder / "rapport.docx"
    assert run("report", book, "-o", out).code == 0
    doc = docx.Document(out)
    return doc, [[[c.text.replace("\u00ad", "").replace("\u200b", "").replace("\u00a0", " ") for c in row.cells]
                  for row in t.rows] for t in doc.tables]


def test_report_shows_the_forecast_per_followup_and_prognossakerhet(year_end, tmp_path):
    set_cells(year_end, "Drift", "Utfall period", OUTCOMES)
    set_cells(year_end, "Drift", "Prognos helår", {"Finansnetto": 80})
    doc, tables = year_end_report(year_end, tmp_path)
    # the year's outcome beside the forecasts, each follow-up named as the tables head it
    forecast = next(t for t in tables if t[0][1:4] == ["April", "Delårsbokslut", "Årsredovisning"])
    assert forecast[0][4] == "Utfall 2023"
    assert forecast[1] == ["Årets resultat", "0", "0", "29", "1 208"]
    assert forecast[2] == ["Utfall − prognos", "1 208", "1 208", "1 179", ""]
    accuracy = [t for t in tables if t[0][0] == "Uppföljning"]
    assert [t[0][1] for t in accuracy] == ["Prognos årets resultat", "Prognos verksamhetens nettokostnader"]
    assert accuracy[0][1][0] == "April" and accuracy[0][1][2] == "1 208"
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Prognos för årets resultat") < headings.index("Prognossäkerhet")
    body = doc.element.body.xml
    assert "prognosen för årets resultat 2023 vid varje uppföljning" in body
    assert "Årsredovisning: 29" in body and "Utfall 2023: 1\u00a0208" in body


def test_the_year_end_tables_hold_the_outcome_against_the_budget(year_end, tmp_path):
    """At Årsredovisning the amount tables compare the year's outcome with the budget and
    last year, and the charts Budget with Utfall; an unfilled column is empty, not 0."""
    set_cells(year_end, "Drift", "Utfall period", OUTCOMES)
    doc, tables = year_end_report(year_end, tmp_path)
    drift = next(t for t in tables if t[-1][0] == "Årets resultat" and t[0][0] == "Belopp i tkr" and len(t) > 3)
    assert drift[0] == ["Belopp i tkr", "Budget 2023", "Utfall 2023", "Avvikelse utfall/budget 2023",
                        "Utfall 2022", "Diff. utfall 2022/2023"]
    assert drift[1] == ["Verksamhetens intäkter", "91 867", "90 124", "-1 744", "-", "-"]
    assert drift[-1] == ["Årets resultat", "0", "1 208", "1 208", "-", "-"]
    expl = [t for t in tables if t[-1][0] == "Årets resultat" and len(t) > 3][1]
    assert expl[-1] == ["Årets resultat", "0", "-", "-", "-", "-"]  # no outcome typed: not a balanced year
    investments = next(t for t in tables if t[-1][0] == "Totala utgifter")
    assert investments[0][1:4] == ["Budget 2023", "Utfall 2023", "Avvikelse utfall/budget 2023"]
    body = doc.element.body.xml
    assert "budget och utfall 2023 per rad i driftredovisningen" in body
    # no outcome typed in Exploatering: its chart has no empty Utfall series (nor legend entry)
    assert "stapeldiagram: budget 2023 per rad i exploateringsredovisningen" in body
    assert "Prognos helår 2023" not in body


def test_no_forecast_table_without_history(example, tmp_path):
    out = tmp_path / "rapport.docx"
    assert run("report", example, "-o", out).code == 0
    assert "Prognos för årets resultat" not in [p.text for p in docx.Document(out).paragraphs]


# --- the button writes the same plan -----------------------------------------------------------------


def test_button_writes_the_forecast_sheets_run_writes(year_end, tmp_path, monkeypatch):
    import fake_xlwings as F
    from excelreport import button
    from test_excel import NOW, fake_sheet, file_sheet

    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    set_cells(year_end, "Drift", "Utfall period", OUTCOMES)
    live = tmp_path / "live" / year_end.name
    live.parent.mkdir()
    live.write_bytes(year_end.read_bytes())
    book = F.load(live)
    outcome = button.run_book(book, now=NOW, pdf=False)
    assert outcome.result == button.OK, outcome.message
    assert run("run", year_end).code == 0
    wb = openpyxl.load_workbook(year_end)
    for name in ("Resultat Prognoshistorik", "Resultat Prognossäkerhet"):
        assert fake_sheet(book.sheets[name]) == file_sheet(wb[name]), name


def test_same_year_month_not_later_is_a_varning(example, tmp_path):
    dst = tmp_path / "ny.xlsx"
    result = run("next", example, "-o", dst, "--period", "Fördjupad uppföljning", "--slutmanad", "4")
    assert result.code == 0 and dst.exists()
    assert any(line.startswith("Varning") and "Info!B8" in line for line in result.out.splitlines())


def test_a_history_of_many_followups_is_bounded(year_end):
    def many(wb):
        ws = wb["Prognoshistorik"]
        for i in range(40):
            ws.append([f"Uppföljning {i}", None, "Drift", "Årets resultat", i])

    damage(year_end, many)
    out = check(year_end).out
    assert any(line.startswith("Varning") and "de 24 senaste" in line for line in out.splitlines())
    assert run("run", year_end).code == 0
    header = [c.value for c in values(year_end)["Resultat Prognoshistorik"][1]]
    assert len(header) == 2 + 24 + 2 and header[-3] == "Uppföljning 39"


def test_macro_target_name_must_be_a_module_name(example, tmp_path):
    dst = tmp_path / "Års KS 2023.xlsm"
    result = run("next", example, "-o", dst, "--period", "Årsredovisning", "--slutmanad", "12")
    assert result.code == 2 and not dst.exists() and "Ars_KS_2023.xlsm" in result.err
    assert not list(tmp_path.glob("*.py"))


def test_new_writes_no_history_and_a_workbook_without_one_is_fine(tmp_path):
    path = tmp_path / "tom.xlsx"
    assert run("new", path, "--kommun", "K", "--namnd", "N", "--ar", "2024", "--period",
               "Delårsbokslut", "--slutmanad", "8").code == 0
    assert "Prognoshistorik" not in openpyxl.load_workbook(path).sheetnames
    assert "Prognoshistorik" not in check(path).out
