"""consolidate with forecast histories: Kommunens resultat gets one column per earlier
follow-up, the kommun's forecast of it, exact; a kommun without history has none."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from excelreport import contract as C
from excelreport.consolidate.collect import Figures, Submission
from excelreport.consolidate.compilation import RESULT_COLUMNS, Compilation
from excelreport.consolidate.history import history_columns
from excelreport.app.generate import write_workbook
from excelreport.core.model import HistoryRow, Info
from kommunbook import kommun
from test_bounded import bounded
from wbtools import cell, damage, run

BOARDS = kommun.BOARDS[:2]  # Kommunstyrelsen (with Exploatering), Barn- och utbildningsnämnden; tkr
APRIL = {"Period": "Fördjupad uppföljning", "Periodens slutmånad": 4, "Föregående prognos": None}
ROWS = ("Nämndernas resultat", *C.FINANCING_ROWS, "Kommunens resultat")


def D(v) -> Decimal:
    return Decimal(0) if v is None else Decimal(str(v))


def april_data() -> list[tuple[str, dict]]:
    """The finansförvaltning (mnkr) and two boards (tkr) at April, without any history."""
    out, grants = [], None
    for i, spec in enumerate(BOARDS):
        data, g = kommun.board_data(i, *spec)
        grants = g if grants is None else {k: grants[k] + g[k] for k in grants}
        out.append((spec[0], data))
    out.append(("Finansförvaltning", kommun.finance_data(grants)))
    for _, data in out:
        data["Info"].update(APRIL)
        for sheet in ("Drift", "Exploatering", "Finansiering", "Investeringar"):
            for row in data.get(sheet, []):
                row["Föregående prognos"] = None  # no forecast before April: no seeded history
    return out


def expected_april(books: list[tuple[str, dict]]) -> dict[str, Decimal]:
    """The kommun's April forecast per row in mnkr, from the April input rows (exact)."""
    boards = sum((D(r["Prognos helår"]).scaleb(-3) for name, data in books if name != "Finansförvaltning"
                  for sheet in ("Drift", "Exploatering") for r in data[sheet]), Decimal(0))
    fin = {r["Rad"]: D(r["Prognos helår"]) for r in dict(books)["Finansförvaltning"]["Finansiering"]}
    out = {"Nämndernas resultat": boards, **{label: fin[label] for label in C.FINANCING_ROWS}}
    out["Kommunens resultat"] = boards + sum((fin[label] for label in C.FINANCING_ROWS), Decimal(0))
    return out


def result_sheet(path: Path) -> tuple[list, dict[str, dict]]:
    ws = openpyxl.load_workbook(path)["Kommunens resultat"]
    rows = list(ws.iter_rows(values_only=True))
    return list(rows[0]), {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}


@pytest.fixture(scope="module")
def august(tmp_path_factory) -> tuple[Path, dict[str, Decimal]]:
    """The kommun rolled with `excelreport next` from April to August; August's forecasts revised."""
    base = tmp_path_factory.mktemp("historik")
    (base / "april").mkdir()
    (base / "augusti").mkdir()
    books = april_data()
    for name, data in books:
        write_workbook(base / "april" / f"{name}.xlsx", data)
        result = run("next", base / "april" / f"{name}.xlsx", "-o", base / "augusti" / f"{name}.xlsx",
                     "--period", "Delårsbokslut", "--slutmanad", 8)
        assert result.code == 0, result.out + result.err
    damage(base / "augusti" / "Kommunstyrelsen.xlsx",
           lambda wb: setattr(cell(wb["Drift"], "Personalkostnader", "Prognos helår"), "value", -120000.5))
    damage(base / "augusti" / "Finansförvaltning.xlsx",
           lambda wb: setattr(cell(wb["Finansiering"], "Skatteintäkter", "Prognos helår"), "value", 901.25))
    return base / "augusti", expected_april(books)


def test_one_column_per_earlier_followup_exact(august, tmp_path):
    folder, want = august
    out, report = tmp_path / "s.xlsx", tmp_path / "rapport"
    result = run("consolidate", folder, "-o", out, "--report", report, "--no-pdf")
    assert result.code == 0, result.out + result.err
    header, rows = result_sheet(out)
    assert header == [*RESULT_COLUMNS[:3], "Fördjupad uppföljning", *RESULT_COLUMNS[3:]]
    assert list(rows) == list(ROWS)
    for label in ROWS:
        assert D(rows[label]["Fördjupad uppföljning"]) == want[label], label
    # the current forecast was revised: the April column is the history, not Prognos helår
    assert D(rows["Nämndernas resultat"]["Prognos helår"]) != want["Nämndernas resultat"]
    assert D(rows["Skatteintäkter"]["Prognos helår"]) == Decimal("901.25") != want["Skatteintäkter"]
    control = list(openpyxl.load_workbook(out)["Kontroll"].iter_rows(values_only=True))
    assert not [r for r in control if "Prognoshistorik" in str(r[3])]  # every workbook has the follow-up

    doc = docx.Document(next(report.glob("*.docx")))
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    history_head = ["Belopp i mnkr", "Fördjupad uppföljning", "Prognos helår"]  # the unit stated (mnkr)
    assert history_head in heads
    table = doc.tables[heads.index(history_head)]
    assert table.rows[-1].cells[0].text == "Kommunens resultat"


def sums_left_empty(folder: Path, out: Path, kept: str, want: dict[str, Decimal]) -> list[tuple]:
    """consolidate (a child process with limits): the boards' and the kommun's April figure
    empty, the finansförvaltning's row ``kept`` as in April; the rows of Kontroll."""
    result = bounded("consolidate", folder, "-o", out, "--no-pdf")
    assert result.code == 0, result.out + result.err
    _, rows = result_sheet(out)
    assert rows["Nämndernas resultat"]["Fördjupad uppföljning"] is None
    assert rows["Kommunens resultat"]["Fördjupad uppföljning"] is None
    assert D(rows[kept]["Fördjupad uppföljning"]) == want[kept]
    return list(openpyxl.load_workbook(out)["Kontroll"].iter_rows(values_only=True))


def test_a_board_without_the_followup_leaves_its_sums_empty_with_a_varning(august, tmp_path):
    folder = tmp_path / "inlamnat"
    shutil.copytree(august[0], folder)
    data, _ = kommun.board_data(5, *kommun.BOARDS[5])  # Överförmyndarnämnden, no history
    write_workbook(folder / "Överförmyndarnämnden.xlsx", data)
    control = sums_left_empty(folder, tmp_path / "s.xlsx", "Finansiella intäkter", august[1])
    missing = [r for r in control if r[0] == "Varning" and "Prognoshistorik" in r[3]]
    assert len(missing) == 1 and "Överförmyndarnämnden" in missing[0][3] and "Fördjupad uppföljning" in missing[0][3]


def test_a_kommun_without_history_has_no_extra_column(tmp_path):
    folder = tmp_path / "kommun"
    kommun.write_kommun(folder, BOARDS)
    out = tmp_path / "s.xlsx"
    assert run("consolidate", folder, "-o", out, "--no-pdf").code == 0
    assert result_sheet(out)[0] == list(RESULT_COLUMNS)


# --- the follow-ups' union and order, from the checked workbooks' histories ---------------------


def submission(name: str, unit: str, history: list[HistoryRow], finance=False) -> Submission:
    info = Info(kommun="K", namnd=name, ar=2024, period="Årsredovisning", slutmanad=12, enhet=unit,
                typ=C.FINANCE_OFFICE if finance else "Nämnd")
    return Submission(Path(f"{name}.xlsx"), dt.datetime(2024, 1, 1), info, figures=Figures(history=history))


def rows(followup: str, month, sheet: str, values: dict[str, str]) -> list[HistoryRow]:
    return [HistoryRow(followup, month, sheet, label, Decimal(v)) for label, v in values.items()]


def test_followups_are_the_union_in_month_order_converted_exactly():
    a = submission("A", "tkr", rows("Delårsbokslut", 8, "Drift", {"Årets resultat": "-1234.5"})
                   + rows("april", 4, "Drift", {"Årets resultat": "10"})
                   + rows("april", 4, "Exploatering", {"Årets resultat": "0.25"}))
    b = submission("B", "mnkr", rows("april", None, "Drift", {"Årets resultat": "-0.001"})  # seeded: no month
                   + rows("Delårsbokslut", 8, "Drift", {"Årets resultat": "2"}))
    fin = submission("F", "mnkr", rows("april", 4, "Finansiering", {label: "100.5" if label == "Skatteintäkter" else "0"
                                                                   for label in C.FINANCING_ROWS}), finance=True)
    comp = Compilation(None, "mnkr", fin, [a, b], [a, b, fin], None)
    extra = []
    labels, values = history_columns(comp, extra)
    assert labels == ["april", "Delårsbokslut"]
    assert values["Nämndernas resultat"] == [Decimal("0.00925"), Decimal("0.7655")]
    assert values["Skatteintäkter"] == [Decimal("100.5"), None]  # the finansförvaltning has no Delårsbokslut
    assert values["Finansiella intäkter"] == [Decimal(0), None]
    assert values["Kommunens resultat"] == [Decimal("100.50925"), None]
    assert [f.message.split(";")[0] for f in extra] == ["Uppföljningen Delårsbokslut saknas i Prognoshistorik för F"]


@pytest.mark.parametrize("gap", ["board-row-missing", "board-row-empty", "finance-row-missing",
                                 "exploatering-row-missing"])
def test_a_missing_or_empty_history_row_is_no_zero(gap):
    """One board's (or the finansförvaltning's) follow-up without a row the sum needs, or with
    it empty: the kommun's figure stays empty with a Varning naming the file and the row."""
    a_rows = {"Drift": {"Årets resultat": "10"}, "Exploatering": {"Årets resultat": "5", "Kommunbidrag": "1"}}
    fin_rows = {label: "1" for label in C.FINANCING_ROWS}
    if gap == "board-row-missing":
        a_rows["Drift"] = {"Kommunbidrag": "3"}
    elif gap == "board-row-empty":
        a_rows["Drift"] = {"Årets resultat": None}
    elif gap == "exploatering-row-missing":
        a_rows["Exploatering"] = {"Kommunbidrag": "1"}
    else:
        del fin_rows["Finansiella intäkter"]
    a = submission("A", "tkr", [HistoryRow("april", 4, sheet, label, None if v is None else Decimal(v))
                                for sheet, values in a_rows.items() for label, v in values.items()])
    b = submission("B", "tkr", rows("april", 4, "Drift", {"Årets resultat": "7"}))
    fin = submission("F", "tkr", rows("april", 4, "Finansiering", fin_rows), finance=True)
    extra = []
    _, values = history_columns(Compilation(None, "tkr", fin, [a, b], [a, b, fin], None), extra)
    assert values["Kommunens resultat"] == [None]
    assert len(extra) == 1 and extra[0].severity == "Varning", extra
    if gap == "finance-row-missing":
        assert values["Nämndernas resultat"] == [Decimal(22)] and values["Finansiella intäkter"] == [None]
        assert values["Skatteintäkter"] == [Decimal(1)]
        assert "F.xlsx (Finansiering/Finansiella intäkter)" in extra[0].message
    else:
        assert values["Nämndernas resultat"] == [None] and values["Skatteintäkter"] == [Decimal(1)]
        sheet = "Exploatering" if gap == "exploatering-row-missing" else "Drift"
        assert f"A.xlsx ({sheet}/Årets resultat)" in extra[0].message
    assert "räknas inte som 0" in extra[0].message and "april" in extra[0].message


def test_a_missing_history_row_leaves_the_compilation_empty(august, tmp_path):
    """End to end: Kommunstyrelsen's Prognoshistorik row Drift/Årets resultat of April deleted."""
    folder = tmp_path / "inlamnat"
    shutil.copytree(august[0], folder)

    def drop(wb):
        ws = wb["Prognoshistorik"]
        for row in ws.iter_rows():
            if [c.value for c in row][2:4] == ["Drift", "Årets resultat"]:
                for c in row:
                    c.value = None
    damage(folder / "Kommunstyrelsen.xlsx", drop)
    control = sums_left_empty(folder, tmp_path / "s.xlsx", "Skatteintäkter", august[1])
    hits = [r for r in control if r[0] == "Varning" and "räknas inte som 0" in r[3]]
    assert len(hits) == 1 and "Kommunstyrelsen.xlsx (Drift/Årets resultat)" in hits[0][3]
