"""The carried profile drives check, calculation and the result sheets: the `exempelby-bun`
case end to end (tests/exempelby.py fills the workbook as a controller would)."""

from __future__ import annotations

import shutil
from decimal import Decimal

import docx
import openpyxl
import pytest
from conftest import convert, soffice
from exempelby import filled
from excelreport.consolidate.collect import read_one
from excelreport.read.owner import MARK_NAME
from wbtools import check, run

FINDINGS = [
    "Varning       Drift!H8                   Kapitalkostnader: avvikelse prognos/budget -0,9 mnkr är minst "
    "5 % av budgeten -12 mnkr, men raden saknar kommentar.",
    "Varning       Drift!H9                   Övriga kostnader: avvikelse prognos/budget -1,2 mnkr är minst "
    "kommentarsgränsen 1 mnkr, men raden saknar kommentar.",
    "Varning       'Drift per verksamhet'!H7  Gymnasieskola: avvikelse prognos/budget -2 mnkr är minst "
    "kommentarsgränsen 1 mnkr, men raden saknar kommentar.",
    "Varning       'Drift per verksamhet'!H9  Kulturskola: avvikelse prognos/budget -0,5 mnkr är minst "
    "5 % av budgeten -9 mnkr, men raden saknar kommentar.",
    "Varning       Mål!E5                     Mål 2: Bedömning 'Uppfyllt' skiljer sig från den föreslagna "
    "'Delvis uppfyllt' (2 av 3 uppfyllda indikatorer). Din bedömning gäller; motivera den i kommentaren.",
    "Info          Drift!C4                   Periodbudget saknas på 7 rader (Intäkter, Personalkostnader, "
    "Lokalkostnader, Köp av huvudverksamhet, Kapitalkostnader, Övriga kostnader, Kommunbidrag) och "
    "beräknas som Budget × 8 / 12.",
    "Info          'Drift per verksamhet'!C4  Periodbudget saknas på 6 rader (Nämnd och förvaltning, "
    "Förskola, Grundskola, Gymnasieskola, Vuxenutbildning, Kulturskola) och beräknas som Budget × 8 / 12.",
]
CHECK_OUT = "\n".join([
    "Profil: exempelby-bun, version 1.",
    "Allvarlighet  Cell                       Meddelande",
    "------------  -------------------------  ----------",
    *FINDINGS,
    "0 fel, 5 varningar, 2 info.",
]) + "\n"

RESULT_SHEETS = ["Resultat Drift", "Resultat Drift per verksamhet", "Resultat Investeringar",
                 "Resultat Verksamhetsmått", "Resultat Sjukfrånvaro", "Resultat Mål", "Kontroll"]
OPERATING = ("Budget", "Prognos helår", "Avvikelse prognos/budget", "Föregående prognos", "Prognosförändring",
             "Periodbudget", "Utfall period", "Avvikelse utfall/periodbudget", "Utfall period föregående år",
             "Diff. utfall mot föregående år")
EXPECTED = {
    "Resultat Drift": [
        ("Rad", *OPERATING),
        ("Intäkter", 30, 32, 2, 31, 1, 20, 21, 1, 19, 2),
        ("Personalkostnader", -300, -304, -4, -302, -2, -200, -205, -5, -198, -7),
        ("Lokalkostnader", -60, -60.6, -0.6, -60, -0.6, -40, -40.5, -0.5, -39, -1.5),
        ("Köp av huvudverksamhet", -45, -45.8, -0.8, -45, -0.8, -30, -30.6, -0.6, -29, -1.6),
        ("Kapitalkostnader", -12, -12.9, -0.9, -12, -0.9, -8, -8.1, -0.1, -7.5, -0.6),
        ("Övriga kostnader", -15, -16.2, -1.2, -15, -1.2, -10, -10.4, -0.4, -9.8, -0.6),
        ("Summa kostnader", -432, -439.5, -7.5, -434, -5.5, -288, -294.6, -6.6, -283.3, -11.3),
        ("Nettokostnad", -402, -407.5, -5.5, -403, -4.5, -268, -273.6, -5.6, -264.3, -9.3),
        ("Kommunbidrag", 402, 402, 0, 402, 0, 268, 268, 0, 260, 8),
        ("Resultat", 0, -5.5, -5.5, -1, -4.5, 0, -5.6, -5.6, -4.3, -1.3),
    ],
    "Resultat Drift per verksamhet": [
        ("Verksamhet", *OPERATING),
        ("Nämnd och förvaltning", -21, -20.8, 0.2, -20, -0.8, -14, -13.6, 0.4, -13.3, -0.3),
        ("Förskola", -111, -112, -1, -111, -1, -74, -75, -1, -72, -3),
        ("Grundskola", -180, -182, -2, -181, -1, -120, -121, -1, -117, -4),
        ("Gymnasieskola", -69, -71, -2, -70, -1, -46, -47, -1, -45, -2),
        ("Vuxenutbildning", -12, -12.2, -0.2, -11, -1.2, -8, -8.5, -0.5, -8.5, 0),
        ("Kulturskola", -9, -9.5, -0.5, -10, 0.5, -6, -8.5, -2.5, -8.5, 0),
        ("Summa verksamheter", -402, -407.5, -5.5, -403, -4.5, -268, -273.6, -5.6, -264.3, -9.3),
    ],
    "Resultat Investeringar": [
        ("Nivå", "Namn", "Budget", "Prognos helår", "Avvikelse prognos/budget", "Föregående prognos",
         "Prognosförändring", "Utfall period", "Utfall period föregående år", "Diff. utfall mot föregående år"),
        (1, "Skolbyggnader", 30, 28.4, 1.6, 30, -1.6, 16.7, 8.1, 8.6),
        (2, "Ny förskola Norra", 18, 16, 2, 18, -2, 9.5, 2, 7.5),
        (2, "Renovering Centralskolan", 12, 12.4, -0.4, 12, 0.4, 7.2, 6.1, 1.1),
        (1, "Inventarier och IT", 4, 4, 0, 4, 0, 2.6, 3.1, -0.5),
        (None, "Totala utgifter", 34, 32.4, 1.6, 34, -1.6, 19.3, 11.2, 8.1),
    ],
    "Resultat Verksamhetsmått": [
        ("Mått", "Enhet", "Budget", "Utfall period", "Avvikelse", "Avvikelse %", "Utfall period föregående år",
         "Diff. mot föregående år"),
        ("Antal barn i förskola", "st", 1250, 1236, -14, -1.1, 1261, -25),
        ("Antal elever i grundskola", "st", 2480, 2502, 22, 0.9, 2455, 47),
        ("Kostnad per elev i grundskola", "kr", 72600, 73110, 510, 0.7, 70980, 2130),
        ("Andel behöriga lärare", "%", 40, 39.98, -0.02, -0.1, 41, -1.02),  # -0,05 % away from zero
        ("Antal elever i vuxenutbildning", "st", 0, 35, 35, None, None, None),  # budget 0: no percent
    ],
    "Resultat Sjukfrånvaro": [
        ("Kategori", "Föregående år", "Innevarande år", "Differens"),
        ("Total sjukfrånvaro", 6.8, 6.35, -0.45),
        ("Kvinnor", 7.4, 6.95, -0.45),
        ("Män", 4.6, 4.1, -0.5),
    ],
    "Resultat Mål": [
        ("Mål nr", "Mål", "Bedömning", "Föreslagen bedömning", "Uppfyllda indikatorer"),
        (1, "Fler elever ska nå kunskapskraven", "Uppfyllt", "Uppfyllt", "2 av 2"),
        (2, "Ökad närvaro i grundskolan", "Uppfyllt", "Delvis uppfyllt", "2 av 3"),
        (3, "Minskad sjukfrånvaro", "Ej uppfyllt", "Ej uppfyllt", "1 av 3"),
        (4, "Fler behöriga lärare", "Ej bedömt", "Ej bedömt", "0 av 0"),
        (5, "Minskat matsvinn", "Delvis uppfyllt", "Delvis uppfyllt", "1 av 2"),  # exactly half
    ],
}
LEVEL_FILLS = {"Uppfyllt": "2E8B3D", "Delvis uppfyllt": "F2C94C", "Ej uppfyllt": "D64541", "Ej bedömt": "A6A6A6"}


def _number(value):
    return Decimal(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _rows(ws) -> list[tuple]:
    return [tuple(_number(v) for v in row) for row in ws.iter_rows(values_only=True)]


def assert_results(path) -> None:
    wb = openpyxl.load_workbook(path)
    assert [n for n in wb.sheetnames if n.startswith("Resultat") or n == "Kontroll"] == RESULT_SHEETS
    for name, rows in EXPECTED.items():
        assert _rows(wb[name]) == [tuple(_number(v) for v in row) for row in rows], name
    goals = wb["Resultat Mål"]
    for r in range(2, goals.max_row + 1):
        for c in (3, 4):
            assert goals.cell(r, c).fill.fgColor.rgb[-6:] == LEVEL_FILLS[goals.cell(r, c).value]
    control = _rows(wb["Kontroll"])
    assert control[1] == (None, "Profil", None, "Profil: exempelby-bun, version 1.")
    assert [row[0] for row in control[2:]] == ["Varning"] * 5 + ["Info"] * 2
    marked = {wb.sheetnames[int(d.localSheetId)] for d in _defined(wb) if d.name == MARK_NAME}
    assert marked == set(RESULT_SHEETS)


def _defined(wb):
    """Sheet-scoped defined names, as openpyxl 3.0 and 3.1 each hold them."""
    if hasattr(wb, "defined_names") and hasattr(wb.defined_names, "definedName"):
        return list(wb.defined_names.definedName)
    out = []
    for i, ws in enumerate(wb.worksheets):
        for name, d in ws.defined_names.items():
            d.localSheetId = i
            out.append(d)
    return out


@pytest.fixture(scope="module")
def bun(tmp_path_factory):
    return filled(tmp_path_factory.mktemp("bun") / "bun.xlsx")


def test_check_gives_exactly_the_profiles_findings(bun):
    """The comment rule by amount and by 5 % on both operating sheets (not on Investeringar,
    whose 2 mnkr deviation has no comment), the four-level suggestion, no finding about the
    sheets the profile lacks (Exploatering, Uppdrag, Internkontroll)."""
    result = check(bun)
    assert (result.code, result.err) == (0, "")
    assert result.out == CHECK_OUT


def test_run_writes_every_result_sheet_of_the_profile(bun, tmp_path):
    path = shutil.copy(bun, tmp_path / "bun.xlsx")
    assert run("run", path).code == 0
    assert_results(path)
    assert run("run", path).code == 0  # a second run replaces its own sheets
    assert_results(path)


def test_the_same_workbook_from_another_folder(bun, tmp_path):
    """The workbook alone is enough: no --profil, another folder."""
    other = tmp_path / "annan mapp"
    other.mkdir()
    path = shutil.copy(bun, other / "kopia.xlsx")
    assert check(path).out == CHECK_OUT
    assert run("run", path).code == 0
    assert_results(path)


def test_reconciliation_fel_names_both_cells_and_figures(bun, tmp_path):
    path = shutil.copy(bun, tmp_path / "bun.xlsx")
    assert run("run", path).code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["Drift per verksamhet"]
    ws["F6"] = -121.1  # Grundskola, Utfall period: 0,1 mnkr off
    ws["D9"] = -10.04  # Kulturskola, Föregående prognos: 0,04 mnkr off, within 0,05
    wb.save(path)
    result = check(path)
    assert result.code == 1
    fel = [line for line in result.out.splitlines() if line.startswith("Fel")]
    assert fel == [
        "Fel           'Drift per verksamhet'!F10  Summa verksamheter, Utfall period: 'Drift per verksamhet'!F10 "
        "är -273,7 mnkr men Drift!F11 (Nettokostnad) är -273,6 mnkr; skillnaden -0,1 mnkr är större än "
        "toleransen 0,05 mnkr. Rätta raderna så att bladen stämmer överens."]
    assert run("run", path).code == 1  # only Kontroll; the profile's own result sheets removed
    names = openpyxl.load_workbook(path).sheetnames
    assert [n for n in names if n.startswith("Resultat") or n == "Kontroll"] == ["Kontroll"]


def test_a_period_month_other_than_the_profiles_is_a_fel(bun, tmp_path):
    path = shutil.copy(bun, tmp_path / "bun.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Info"]["B8"] = 9
    wb.save(path)
    result = check(path)
    assert result.code == 1
    fel = [line.split() for line in result.out.splitlines() if line.startswith("Fel")]
    assert [" ".join(words) for words in fel] == [
        "Fel Info!B8 Periodens slutmånad är 9, men Delårsrapport slutar i månad 8 enligt arbetsbokens profil."]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice saknas")
def test_after_libreoffice_calc_open_and_save(bun, tmp_path):
    """Calc computes the sums, keeps the sheet Profil: the same findings and figures."""
    saved = convert(bun, "xlsx", tmp_path)
    assert check(saved).out == CHECK_OUT
    assert run("run", saved).code == 0
    assert_results(saved)


def test_next_carries_the_workbook_within_its_profile(bun, tmp_path):
    """next keeps the profile (the sheet Profil, the profile's sheets and rows), carries each
    statement as Drift (budget, forecast → Föregående prognos), the measures with their budget;
    at the profile's year end Resultat Prognossäkerhet reads the rows of its kinds."""
    old = shutil.copy(bun, tmp_path / "delar.xlsx")
    wb = openpyxl.load_workbook(old)
    wb["Info"]["B11"] = 2  # Kommentarsgräns: a number, carried as a number
    wb.save(old)
    new = tmp_path / "ar.xlsx"
    result = run("next", old, "-o", new, "--period", "Årsredovisning", "--slutmanad", "12")
    assert result.code == 0, result.out + result.err
    wb = openpyxl.load_workbook(new)
    assert wb.sheetnames == ["Info", "Texter", "Mål", "Indikatorer", "Drift", "Drift per verksamhet",
                             "Investeringar", "Verksamhetsmått", "Personal", "Sjukfrånvaro", "Prognoshistorik",
                             "Profil"]
    activity = [tuple(row) for row in wb["Drift per verksamhet"].iter_rows(min_row=5, max_row=5, max_col=7,
                                                                         values_only=True)]
    assert activity == [("Förskola", -111, None, -112, -112, None, None)]
    assert [tuple(r) for r in wb["Verksamhetsmått"].iter_rows(min_row=4, max_row=4, values_only=True)] == [
        ("Antal barn i förskola", "st", 1250, None, None, None)]
    for r, v in zip(range(4, 10), [33, -305, -60.5, -45.9, -12.8, -16]):
        wb["Drift"].cell(r, 6, v)
    wb["Drift"].cell(12, 6, 402)
    for r, v in zip(range(4, 10), [-20.9, -112.3, -181.9, -71, -12.1, -9]):
        wb["Drift per verksamhet"].cell(r, 6, v)
    wb.save(new)
    assert wb["Info"]["B11"].value == 2
    assert check(new).out.startswith("Profil: exempelby-bun, version 1.\n")
    assert run("run", new).code == 0
    accuracy = _rows(openpyxl.load_workbook(new)["Resultat Prognossäkerhet"])[1:]
    assert accuracy == [tuple(_number(v) for v in row) for row in (
        ("Föregående prognos", -1, -5.2, -4.2, -1, -403, -407.2, -4.2, -1),
        ("Delårsrapport", -5.5, -5.2, 0.3, 0.1, -407.5, -407.2, 0.3, 0.1))]


def test_next_checks_the_period_against_the_profile(bun, tmp_path):
    result = run("next", bun, "-o", tmp_path / "a.xlsx", "--period", "Delårsbokslut", "--slutmanad", "12")
    assert result.code == 2 and "--period 'Delårsbokslut' är ingen period i profilen exempelby-bun" in result.err
    result = run("next", bun, "-o", tmp_path / "b.xlsx", "--period", "Årsredovisning", "--slutmanad", "11")
    assert result.code == 2 and "Årsredovisning slutar i månad 12 enligt profilen exempelby-bun" in result.err
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "b.xlsx").exists()


def test_report_of_the_filled_workbook_in_the_profiles_outline(bun, tmp_path):
    """The report draws calc's figures of the profile's statements and measures."""
    path = shutil.copy(bun, tmp_path / "bun.xlsx")
    result = run("report", path, "-o", tmp_path / "r.docx")
    assert result.code == 0, result.out + result.err
    document = docx.Document(tmp_path / "r.docx")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    sections = ["Sammanfattning", "Viktiga händelser", "Måluppföljning", "Ekonomi", "Driftredovisning per verksamhet",
                "Driftredovisning per kostnadsslag", "Analys", "Åtgärder för en ekonomi i balans", "Investeringar",
                "Verksamhetsmått", "Personal", "Framtid"]
    assert [h for h in headings if h in sections] == sections
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Summa verksamheter" in cells and "-407,5" in cells and "Antal barn i förskola" in cells


def test_next_of_a_workbook_carrying_standard_keeps_its_sheet(tmp_path):
    old = tmp_path / "std.xlsx"
    assert run("new", old, "--kommun", "K", "--namnd", "N", "--ar", "2025", "--period", "Delårsbokslut",
               "--slutmanad", "8", "--profil", "standard").code == 0
    assert run("next", old, "-o", tmp_path / "ny.xlsx", "--period", "Årsredovisning", "--slutmanad", "12").code == 0
    assert check(tmp_path / "ny.xlsx").out.startswith("Profil: standard, version 1.\n")


def test_consolidate_takes_a_board_of_another_profile_by_its_rows_kinds(bun):
    """Its own shape (tests/test_consolidate_profile.py compiles it): Nettokostnad, Kommunbidrag
    and Resultat by kind, the profile and version named."""
    sub = read_one(bun)
    assert not sub.error and sub.profile == ("exempelby-bun", "1")
    assert sub.figures.drift["Årets resultat"]["Prognos helår"] == Decimal("-5.5")
    assert sub.figures.drift["Kommunbidrag"]["Prognos helår"] == Decimal(402)


def test_a_users_sheet_named_like_a_profiles_result_sheet_is_never_overwritten(bun, tmp_path):
    path = shutil.copy(bun, tmp_path / "bun.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Resultat Verksamhetsmått")["A1"] = "mina egna siffror"
    wb.save(path)
    before = path.read_bytes()
    result = run("run", path)
    assert result.code == 2 and "Byt namn på bladet, t.ex. till 'Resultat Verksamhetsmått (egen)'" in result.err
    assert path.read_bytes() == before
