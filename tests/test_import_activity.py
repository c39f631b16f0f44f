"""`import` into a workbook of the profile exempelby-bun: `Drift` by the profile's account
map and `Drift per verksamhet` by the activity dimension it names (codes per row); `check`
then finds the two statements reconciled. A Drift line of the board with an activity code
no row takes is a Fel naming code and amount, and nothing is written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from wbtools import digest, run

HEAD = ('#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20230101 20231231\n#RAR -1 20220101 20221231\n'
        '#DIM 1 "Ansvar"\n#DIM 20 "Verksamhet"\n')
# (account, ansvar, verksamhet, amount, date): the board is Ansvar 400-499
LINES = [
    ("5010", "410", "407", "1000000.00", "20230115"),  # Förskola, personal
    ("3010", "410", "407", "-250000.00", "20230215"),  # Förskola, intäkt
    ("6010", "420", "435", "300000.00", "20230310"),   # Grundskola, lokaler
    ("4610", "401", "400", "120000.50", "20230405"),   # Nämnd och förvaltning, köp
    ("7810", "430", "445", "80000.00", "20230505"),    # Gymnasieskola, kapitalkostnad
    ("5010", "410", "350", "50000.00", "20230605"),    # Kulturskola
    ("8910", "400", "", "-2000000.00", "20230105"),    # Kommunbidrag: not on the activity sheet
    ("1930", "410", "407", "999.00", "20230105"),      # balance sheet: skipped
    ("5010", "410", "407", "777.00", "20231015"),      # after the closing month
    ("5010", "310", "407", "5555.00", "20230115"),     # another board
]
LAST_YEAR = ("5010", "410", "465", "40000.00", "20220315")  # Vuxenutbildning (a CSV holds both years)


def _sie(tmp_path: Path, lines, name: str = "bun.se") -> Path:
    out = [HEAD]
    for n, (account, ansvar, activity, amount, date) in enumerate(lines, 1):
        objects = f'1 "{ansvar}"' + (f' 20 "{activity}"' if activity else "")
        out.append(f'#VER A {n} {date} "x"\n{{\n#TRANS {account} {{{objects}}} {amount}\n}}\n')
    path = tmp_path / name
    path.write_bytes("".join(out).encode("cp437"))
    return path


def _csv(tmp_path: Path, lines) -> Path:
    rows = ["År;Månad;Konto;Ansvar;Verksamhet;Belopp;Typ"]
    for account, ansvar, activity, amount, date in lines:
        rows.append(f"{date[:4]};{int(date[4:6])};{account};{ansvar};{activity};{amount.replace('.', ',')};Utfall")
    path = tmp_path / "bun.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def book(tmp_path: Path) -> Path:
    path = tmp_path / "bun.xlsx"
    made = run("new", path, "--profil", "exempelby-bun", "--kommun", "Exempelby", "--namnd", "BUN",
               "--ar", "2023", "--period", "Delårsrapport", "--slutmanad", "8", "--enhet", "mnkr")
    assert made.code == 0, made.out + made.err
    wb = openpyxl.load_workbook(path)
    ws = wb["Info"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Ansvar")
    ws.cell(row, 2).value = "400-499"
    wb.save(path)
    return path


def _column(path: Path, sheet: str, column: str) -> dict[str, Decimal]:
    ws = openpyxl.load_workbook(path)[sheet]
    head = next(r for r in range(1, 10) if ws.cell(r, 2).value == "Budget")
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == column)
    return {ws.cell(r, 1).value: Decimal(str(ws.cell(r, col).value))
            for r in range(head + 1, ws.max_row + 1)
            if ws.cell(r, 1).value and isinstance(ws.cell(r, col).value, (int, float))}


@pytest.mark.parametrize("kind", ["sie", "csv"])
def test_import_fills_drift_and_drift_per_verksamhet_which_reconcile(book, tmp_path, kind):
    ledger = _sie(tmp_path, LINES) if kind == "sie" else _csv(tmp_path, LINES + [LAST_YEAR])
    done = run("import", book, ledger)
    assert done.code == 0, done.out + done.err
    drift = _column(book, "Drift", "Utfall period")
    assert drift == {"Intäkter": Decimal("0.25"), "Personalkostnader": Decimal("-1.05"),
                     "Lokalkostnader": Decimal("-0.3"), "Köp av huvudverksamhet": Decimal("-0.1200005"),
                     "Kapitalkostnader": Decimal("-0.08"), "Övriga kostnader": 0, "Kommunbidrag": 2}
    activity = _column(book, "Drift per verksamhet", "Utfall period")
    assert activity == {"Nämnd och förvaltning": Decimal("-0.1200005"), "Förskola": Decimal("-0.75"),
                        "Grundskola": Decimal("-0.3"), "Gymnasieskola": Decimal("-0.08"),
                        "Vuxenutbildning": 0, "Kulturskola": Decimal("-0.05")}
    assert sum(activity.values()) == sum(v for k, v in drift.items() if k != "Kommunbidrag")
    if kind == "csv":
        previous = _column(book, "Drift per verksamhet", "Utfall period föregående år")
        assert previous["Vuxenutbildning"] == Decimal("-0.04") and previous["Förskola"] == 0
    checked = run("check", book)  # a difference between the two statements is a Fel (exit 1)
    assert checked.code == 0 and "0 fel" in checked.out, checked.out


@pytest.mark.parametrize("activity, shown", [("999", "verksamhetskod 999 har 12 345,00 kr"),
                                             ("", "verksamhetskod (ingen) har 12 345,00 kr")])
def test_an_activity_code_no_row_takes_is_a_fel_and_nothing_is_written(book, tmp_path, activity, shown):
    ledger = _sie(tmp_path, LINES + [("5010", "410", activity, "12345.00", "20230201")])
    before = digest(book)
    done = run("import", book, ledger)
    assert done.code == 1
    text = " ".join(done.out.split())
    assert shown in text and "Drift per verksamhet" in text
    assert digest(book) == before


def test_the_budget_per_activity_fills_budget_and_periodbudget(book, tmp_path):
    rows = ["År;Månad;Konto;Ansvar;Verksamhet;Belopp;Typ"]
    for month in range(1, 13):
        rows += [f"2023;{month};5010;410;407;100000;Budget", f"2023;{month};3010;420;435;-25000;Budget",
                 f"2023;{month};8910;400;;-75000;Budget"]
    rows += ["2023;3;5010;410;407;90000;Utfall"]
    path = tmp_path / "budget.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run("import", book, path)
    assert done.code == 0, done.out
    budget = _column(book, "Drift per verksamhet", "Budget")
    assert budget["Förskola"] == Decimal("-1.2") and budget["Grundskola"] == Decimal("0.3")
    period = _column(book, "Drift per verksamhet", "Periodbudget")
    assert period["Förskola"] == Decimal("-0.8") and period["Grundskola"] == Decimal("0.2")
    drift = _column(book, "Drift", "Budget")
    assert sum(budget.values()) == drift["Intäkter"] + drift["Personalkostnader"] == Decimal("-0.9")


def test_the_import_button_fills_drift_per_verksamhet_too(book, tmp_path, monkeypatch):
    import datetime as dt

    import fake_xlwings as F
    from excelreport import button

    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))
    ledger = _sie(tmp_path, LINES)
    wb = openpyxl.load_workbook(book)
    ws = wb["Info"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Importfiler")
    ws.cell(row, 2).value = ledger.name
    wb.save(book)
    live = F.load(book)
    outcome = button.run_book(live, now=dt.datetime(2023, 9, 12), pdf=False, import_first=True)
    assert outcome.result == button.OK, outcome.message
    rows = {r[0]: r[5] for r in live.sheets["Drift per verksamhet"].values()[3:9]}
    assert rows == {"Nämnd och förvaltning": -0.1200005, "Förskola": -0.75, "Grundskola": -0.3,
                    "Gymnasieskola": -0.08, "Vuxenutbildning": 0, "Kulturskola": -0.05}
