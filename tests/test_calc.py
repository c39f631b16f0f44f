"""Every figure of the result sheets against an independent computation of the contract's formulas.

The expected figures are computed here from the data with plain Decimal arithmetic, written
without the toolkit's code, and compared with what openpyxl reads from the sheets that
``excelreport run`` wrote. The reference report's printed tables are reproduced too.
"""

from __future__ import annotations

import copy
from decimal import ROUND_FLOOR, Decimal

import pytest

from resultbook import D, clean_data, close, make, result_rows
from wbtools import run

from excelreport import contract as C

ZERO = Decimal(0)
OPERATING = ("Verksamhetens intäkter", "Personalkostnader", "Lokalhyror", "Köp av tjänster",
             "Övriga kostnader", "Verksamhetens kostnader", "Verksamhetens nettokostnader",
             "Kommunbidrag", "Finansnetto", "Årets resultat")
AMOUNTS = ("Budget", "Periodbudget", "Föregående prognos", "Prognos helår", "Utfall period",
           "Utfall period föregående år")
INV_AMOUNTS = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period",
               "Utfall period föregående år")


# --- the independent computation -------------------------------------------------------


def expected_operating(rows: list[dict], end_month: int) -> dict[str, dict]:
    given = {r["Rad"]: r for r in rows}
    a: dict[str, dict] = {}
    inputs = ("Verksamhetens intäkter", "Personalkostnader", "Lokalhyror", "Köp av tjänster",
              "Övriga kostnader", "Kommunbidrag", "Finansnetto")
    for label in inputs:
        r = given.get(label, {})
        a[label] = {k: D(r.get(k)) for k in AMOUNTS}
        if a[label]["Periodbudget"] is None and a[label]["Budget"] is not None:
            a[label]["Periodbudget"] = a[label]["Budget"] * end_month / 12

    def total(labels):
        return {k: sum(((a[x][k] or ZERO) for x in labels), ZERO) for k in AMOUNTS}

    a["Verksamhetens kostnader"] = total(["Personalkostnader", "Lokalhyror", "Köp av tjänster",
                                          "Övriga kostnader"])
    a["Verksamhetens nettokostnader"] = total(["Verksamhetens intäkter", "Verksamhetens kostnader"])
    a["Årets resultat"] = total(["Verksamhetens nettokostnader", "Kommunbidrag", "Finansnetto"])
    # a column empty on every input row: its sums and the differences it enters are empty
    empty = {k for k in AMOUNTS if all(a[x][k] is None for x in inputs)}
    out = {}
    for label, v in a.items():
        if label not in inputs:
            v = {k: None if k in empty else v[k] for k in AMOUNTS}

        def diff(x, y):
            return None if x in empty or y in empty else (v[x] or ZERO) - (v[y] or ZERO)

        out[label] = {
            "Budget": v["Budget"], "Prognos helår": v["Prognos helår"],
            "Avvikelse prognos/budget": diff("Prognos helår", "Budget"),
            "Föregående prognos": v["Föregående prognos"],
            "Prognosförändring": diff("Prognos helår", "Föregående prognos"),
            "Periodbudget": v["Periodbudget"], "Utfall period": v["Utfall period"],
            "Avvikelse utfall/periodbudget": diff("Utfall period", "Periodbudget"),
            "Utfall period föregående år": v["Utfall period föregående år"],
            "Diff. utfall mot föregående år": diff("Utfall period", "Utfall period föregående år"),
        }
    return out


def expected_tree(rows: list[dict]) -> list[tuple[int, str, dict]]:
    """Each row's amounts: a row with children sums its children (parent = nearest row above
    with a lower level); the total sums the level-1 rows."""
    n = len(rows)
    parent = []
    for i, r in enumerate(rows):
        p = next((j for j in range(i - 1, -1, -1) if rows[j]["Nivå"] < r["Nivå"]), None)
        parent.append(p)

    def amounts(i):
        kids = [j for j in range(n) if parent[j] == i]
        if not kids:
            return {k: D(rows[i].get(k)) for k in INV_AMOUNTS}
        sums = [amounts(j) for j in kids]
        return {k: sum((s[k] or ZERO for s in sums), ZERO) for k in INV_AMOUNTS}

    out = [(r["Nivå"], r["Namn"], amounts(i)) for i, r in enumerate(rows)]
    tops = [amounts(i) for i in range(n) if parent[i] is None]
    out.append((None, "Totala utgifter", {k: sum((t[k] or ZERO for t in tops), ZERO) for k in INV_AMOUNTS}))
    leaves = [i for i in range(n) if i not in parent]
    empty = {k for k in INV_AMOUNTS if all(rows[i].get(k) in (None, "") for i in leaves)}
    result = []
    for i, (level, name, v) in enumerate(out):
        if i not in leaves:
            v = {k: None if k in empty else v[k] for k in INV_AMOUNTS}

        def diff(x, y):
            return None if x in empty or y in empty else (v[x] or ZERO) - (v[y] or ZERO)

        result.append((level, name, {
            "Budget": v["Budget"], "Prognos helår": v["Prognos helår"],
            "Avvikelse prognos/budget": diff("Budget", "Prognos helår"),
            "Föregående prognos": v["Föregående prognos"],
            "Prognosförändring": diff("Prognos helår", "Föregående prognos"),
            "Utfall period": v["Utfall period"],
            "Utfall period föregående år": v["Utfall period föregående år"],
            "Diff. utfall mot föregående år": diff("Utfall period", "Utfall period föregående år"),
        }))
    return result


def expected_goals(data: dict) -> dict[int, tuple[str, str]]:
    out = {}
    for goal in data["Mål"]:
        met = measured = 0
        for ind in data["Indikatorer"]:
            if ind["Mål nr"] != goal["Mål nr"] or ind.get("Utfall") is None or ind.get("Målvärde") is None:
                continue
            measured += 1
            o, t = D(ind["Utfall"]), D(ind["Målvärde"])
            met += (o <= t) if ind["Riktning"] == "Lägre är bättre" else (o >= t)
        if measured == 0:
            s = "Ej utvärderad"
        elif met == measured:
            s = "Helt uppfyllt"
        elif Decimal(met) / measured >= Decimal("0.75"):
            s = "I hög grad uppfyllt"
        elif met:
            s = "Delvis uppfyllt"
        else:
            s = "Ej uppfyllt"
        out[goal["Mål nr"]] = (s, f"{met} av {measured}")
    return out


def assert_sheets(path, data):
    end = data["Info"]["Periodens slutmånad"]
    for sheet, name in ((C.RESULT_DRIFT.name, "Drift"), (C.RESULT_EXPLOATERING.name, "Exploatering")):
        rows = result_rows(path, sheet)
        assert [r["Rad"] for r in rows] == list(OPERATING)
        exp = expected_operating(data.get(name, []), end)
        for r in rows:
            assert set(r) == set(C.OPERATING_RESULT_COLUMNS)
            for col, value in exp[r["Rad"]].items():
                close(r[col], value, f"{sheet} {r['Rad']} {col}")
    rows = result_rows(path, C.RESULT_INVESTERINGAR.name)
    exp = expected_tree(data.get("Investeringar", []))
    assert [(r["Nivå"], r["Namn"]) for r in rows] == [(lv, nm) for lv, nm, _ in exp]
    for r, (_, name, values) in zip(rows, exp):
        for col, value in values.items():
            close(r[col], value, f"Investeringar {name} {col}")
    rows = result_rows(path, C.RESULT_SJUKFRANVARO.name)
    given = {r["Kategori"]: r for r in data.get("Sjukfrånvaro", [])}
    assert [r["Kategori"] for r in rows] == list(C.SICK_LEAVE_CATEGORIES)
    for r in rows:
        prev, cur = D(given[r["Kategori"]]["Föregående år"]), D(given[r["Kategori"]]["Innevarande år"])
        close(r["Föregående år"], prev)
        close(r["Innevarande år"], cur)
        close(r["Differens"], cur - prev if cur is not None and prev is not None else None)
    rows = result_rows(path, C.RESULT_MAL.name)
    exp = expected_goals(data)
    assert [r["Mål nr"] for r in rows] == [g["Mål nr"] for g in data["Mål"]]
    for r, goal in zip(rows, data["Mål"]):
        assert r["Mål"] == goal["Mål"] and r["Bedömning"] == goal["Bedömning"]
        assert (r["Föreslagen bedömning"], r["Uppfyllda indikatorer"]) == exp[goal["Mål nr"]]


def test_example_every_figure_equals_the_independent_computation(example, reference_data):
    assert run("run", example).code == 0
    assert_sheets(example, reference_data)


# --- the reference report's printed tables ---------------------------------------------


def shown(x: Decimal, decimals: int = 0) -> str:
    """Rounded half away from zero, a space between thousands, a decimal comma."""
    q = Decimal(1).scaleb(-decimals)
    r = ((abs(x) / q + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR)) * q
    sign = "-" if x < 0 and r != 0 else ""
    whole, _, frac = f"{r:.{decimals}f}".partition(".")
    whole = f"{int(whole):,}".replace(",", " ")
    return sign + whole + ("," + frac if frac else "")


def table_line(label: str, r: dict, cols) -> str:
    return " ".join([label] + [shown(D(r[c]) if r[c] is not None else ZERO) for c in cols])


# The tables as the reference report (Kommunstyrelsen, Delårsbokslut 2023) prints them,
# written out here so the repository stands alone.
REFERENCE_DRIFT = [
    'Verksamhetens intäkter 91 867 88 016 -3 851 56 418 49 203 7 215',
    'Personalkostnader -109 182 -104 922 4 260 -64 523 -55 412 -9 111',
    'Lokalhyror -7 431 -7 431 0 -4 951 -4 493 -458',
    'Köp av tjänster -42 984 -42 984 0 -26 764 -25 433 -1 331',
    'Övriga kostnader -39 147 -39 447 -300 -26 300 -23 456 -2 844',
    'Verksamhetens kostnader -198 744 -194 784 3 960 -122 538 -108 794 -13 744',
    'Verksamhetens nettokostnader -106 877 -106 768 109 -66 120 -59 591 -6 529',
    'Kommunbidrag 106 717 106 717 0 71 145 67 176 3 969',
    'Finansnetto 160 51 -109 142 133 9',
    'Årets resultat 0 0 0 5 167 7 718 -2 551',
]
REFERENCE_EXPLOATERING = [
    'Verksamhetens intäkter 9 531 7 949 -1 582 -172 29 869 -30 041',
    'Personalkostnader -6 458 -5 297 1 161 -3 646 -3 353 -293',
    'Lokalhyror 0 0 0 0 0 0',
    'Köp av tjänster -4 209 -5 949 -1 740 -3 373 -3 158 -215',
    'Övriga kostnader 914 -722 -1 636 -833 -5 984 5 151',
    'Verksamhetens kostnader -9 753 -11 968 -2 215 -7 852 -12 495 4 643',
    'Verksamhetens nettokostnader -222 -4 019 -3 797 -8 024 17 374 -25 398',
    'Kommunbidrag 222 222 0 148 141 7',
    'Finansnetto 0 -1 -1 -1 0 -1',
    'Årets resultat 0 -3 798 -3 798 -7 877 17 515 -25 392',
]
REFERENCE_INVESTERINGAR = [
    'Expansionsinvestering 27 050 22 876 4 174 16 344 21 835 -5 491',
    'Markinköp 2 000 10 111 -8 111 10 111 536 9 575',
    'Expansionsinvestering - Exploatering 25 050 12 765 12 285 6 233 21 299 -15 066',
    'Norra Stadsskogen 17 000 4 810 12 190 491 6 755 -6 264',
    'Verksamhetsområde norr 2 000 5 060 -3 060 3 335 9 150 -5 815',
    'Övriga exploateringsområden 6 050 2 895 3 155 2 406 5 394 -2 988',
    'Imageinvestering 0 0 0 0 0 0',
    'Reinvestering 13 255 11 000 2 255 7 853 3 630 4 223',
    'Inventarier 400 400 0 272 126 146',
    'Tjänstekatalog 6 000 4 600 1 400 3 575 2 560 1 015',
    'Fastigheter 2 455 3 000 -545 1 886 944 942',
    'Nolhaga slott 4 400 3 000 1 400 2 121 0 2 121',
    'Anpassningsinvestering 20 000 19 500 500 2 671 3 362 -691',
    'IT-infrastruktur 5 000 4 500 500 983 3 177 -2 194',
    'Lokalanpassningar 15 000 15 000 0 1 688 185 1 503',
    'Totala utgifter 60 305 53 376 6 929 26 868 28 827 -1 959',
]
REFERENCE_SJUKFRANVARO = [
    'Total sjukfrånvaro 3,7% 3,6% -0,05%',
    'Kvinnor 3,8% 3,5% -0,27%',
    'Män 3,5% 3,8% 0,28%',
    '<29 år 1,5% 3,4% 1,96%',
    '30–49 år 4,3% 4,5% 0,20%',
    '50 år> 3,3% 2,2% -1,06%',
    'Dag 1–14 1,6% 1,4% -0,24%',
    'Dag 15–59 0,3% 0,6% 0,30%',
    'Dag 59> 1,7% 1,6% -0,11%',
]


def test_example_reproduces_the_reference_tables(example):
    """Drift, Investeringar, Exploatering and Sjukfrånvaro exactly as the reference prints them."""
    assert run("run", example).code == 0
    money = ("Budget", "Prognos helår", "Avvikelse prognos/budget", "Utfall period",
             "Utfall period föregående år", "Diff. utfall mot föregående år")
    for sheet, key, expected in ((C.RESULT_DRIFT.name, "Rad", REFERENCE_DRIFT),
                                 (C.RESULT_EXPLOATERING.name, "Rad", REFERENCE_EXPLOATERING),
                                 (C.RESULT_INVESTERINGAR.name, "Namn", REFERENCE_INVESTERINGAR)):
        assert [table_line(r[key], r, money) for r in result_rows(example, sheet)] == expected, sheet
    sick = [f"{r['Kategori']} {shown(D(r['Föregående år']), 1)}% {shown(D(r['Innevarande år']), 1)}% "
            f"{shown(D(r['Differens']), 2)}%" for r in result_rows(example, C.RESULT_SJUKFRANVARO.name)]
    assert sick == REFERENCE_SJUKFRANVARO


# --- formulas on edge cases --------------------------------------------------------------


def _operating_rows(values: dict[str, dict]) -> list[dict]:
    return [{"Rad": label, **v} for label, v in values.items()]


EDGE_DRIFT = {
    "Verksamhetens intäkter": {"Budget": 0, "Periodbudget": None, "Föregående prognos": 0,
                               "Prognos helår": 12.5, "Utfall period": 0.5, "Utfall period föregående år": None},
    "Personalkostnader": {"Budget": -1000, "Periodbudget": None, "Föregående prognos": -999.5,
                          "Prognos helår": -1000.5, "Utfall period": -666.5, "Utfall period föregående år": -2.5},
    "Lokalhyror": {"Budget": None, "Periodbudget": None, "Föregående prognos": None, "Prognos helår": None,
                   "Utfall period": None, "Utfall period föregående år": None},
    "Köp av tjänster": {"Budget": 250, "Periodbudget": 100, "Föregående prognos": 300, "Prognos helår": 1.5,
                        "Utfall period": 2.5, "Utfall period föregående år": -0.5},
    "Övriga kostnader": {"Budget": -7, "Periodbudget": -4.5, "Föregående prognos": -7, "Prognos helår": -7,
                         "Utfall period": -3.25, "Utfall period föregående år": -3.75},
    "Kommunbidrag": {"Budget": 1007, "Periodbudget": 671.5, "Föregående prognos": 1007, "Prognos helår": 1007,
                     "Utfall period": 671.5, "Utfall period föregående år": 600},
    "Finansnetto": {"Budget": -0.5, "Periodbudget": 0, "Föregående prognos": 0.5, "Prognos helår": -1.5,
                    "Utfall period": 0, "Utfall period föregående år": 0.5},
}


@pytest.fixture
def edge_data(reference_data) -> dict:
    data = clean_data(reference_data)
    data["Info"]["Periodens slutmånad"] = 7  # periodbudget = budget × 7/12: not a finite decimal
    data["Drift"] = _operating_rows(EDGE_DRIFT)
    data["Exploatering"] = _operating_rows({k: {c: None for c in AMOUNTS} for k in EDGE_DRIFT})
    data["Investeringar"] = [
        {"Nivå": 1, "Namn": "Löv på nivå 1", "Budget": 100.5, "Prognos helår": 99.5, "Utfall period": 0.5},
        {"Nivå": 1, "Namn": "Gren", "Budget": None},
        {"Nivå": 2, "Namn": "Tom gren", "Budget": None},
        {"Nivå": 3, "Namn": "Tomt löv", "Budget": None},
        {"Nivå": 2, "Namn": "Löv 2", "Budget": 0, "Föregående prognos": 10, "Prognos helår": 12.25,
         "Utfall period": 3, "Utfall period föregående år": 4},
        {"Nivå": 2, "Namn": "Delgren", "Budget": None},
        {"Nivå": 3, "Namn": "Löv 3a", "Budget": 1, "Föregående prognos": 2, "Prognos helår": 3,
         "Utfall period": 4, "Utfall period föregående år": 5},
        {"Nivå": 3, "Namn": "Löv 3b", "Budget": 0.5, "Föregående prognos": 0.5, "Prognos helår": 0,
         "Utfall period": 1.5, "Utfall period föregående år": 0},
        {"Nivå": 1, "Namn": "Sista löv", "Budget": 5, "Utfall period föregående år": 2.5},
    ]
    return data


def test_formulas_on_zero_empty_signed_and_half_values(tmp_path, edge_data):
    path = make(tmp_path / "kant.xlsx", edge_data)
    result = run("run", path)
    assert result.code == 0, result.out
    assert_sheets(path, edge_data)
    drift = {r["Rad"]: r for r in result_rows(path, C.RESULT_DRIFT.name)}
    # spot checks written out by hand, so a shared mistake cannot hide
    assert drift["Personalkostnader"]["Periodbudget"] == pytest.approx(-1000 * 7 / 12)
    assert drift["Personalkostnader"]["Avvikelse prognos/budget"] == -0.5
    assert drift["Köp av tjänster"]["Avvikelse prognos/budget"] == -248.5  # a positive cost row
    assert drift["Verksamhetens intäkter"]["Diff. utfall mot föregående år"] == 0.5  # empty = 0
    assert drift["Lokalhyror"]["Budget"] is None and drift["Lokalhyror"]["Avvikelse prognos/budget"] == 0
    assert drift["Verksamhetens kostnader"]["Prognos helår"] == -1006
    assert drift["Årets resultat"]["Budget"] == pytest.approx(-0.5 + 1007 - 1000 + 250 - 7 + 0)
    expl = {r["Rad"]: r for r in result_rows(path, C.RESULT_EXPLOATERING.name)}
    assert all(v in (None, 0) for r in expl.values() for k, v in r.items() if k != "Rad")


def test_tree_levels_leaves_at_level_one_and_empty_branches(tmp_path, edge_data):
    path = make(tmp_path / "trad.xlsx", edge_data)
    assert run("run", path).code == 0
    rows = {r["Namn"]: r for r in result_rows(path, C.RESULT_INVESTERINGAR.name)}
    assert rows["Löv på nivå 1"]["Avvikelse prognos/budget"] == 1  # budget − prognos
    assert rows["Tom gren"]["Budget"] == 0 and rows["Tom gren"]["Utfall period"] == 0
    assert rows["Delgren"]["Budget"] == 1.5 and rows["Delgren"]["Prognos helår"] == 3
    assert rows["Gren"]["Prognos helår"] == 15.25 and rows["Gren"]["Budget"] == 1.5
    assert rows["Gren"]["Prognosförändring"] == pytest.approx(15.25 - 12.5)
    total = rows["Totala utgifter"]
    assert total["Nivå"] is None
    assert total["Budget"] == 107 and total["Prognos helår"] == 114.75
    assert total["Diff. utfall mot föregående år"] == pytest.approx(9 - 11.5)  # outcomes 0,5+3+4+1,5; last year 4+5+0+2,5
    import openpyxl

    ws = openpyxl.load_workbook(path)[C.RESULT_INVESTERINGAR.name]
    looks = {ws.cell(r, 2).value: (ws.cell(r, 2).alignment.indent, ws.cell(r, 2).font.b)
             for r in range(2, ws.max_row + 1)}
    assert looks["Löv på nivå 1"] == (0, False)
    assert looks["Gren"] == (0, True) and looks["Tom gren"] == (1, True)
    assert looks["Tomt löv"] == (2, False) and looks["Löv 3b"] == (2, False)
    assert looks["Totala utgifter"][1] is True


def test_sum_row_tolerance_is_half_a_unit(tmp_path, reference_data):
    """A filled sum row may differ from the derived sum by 0.5 (rounding), not by more."""
    data = copy.deepcopy(reference_data)
    costs = sum(r["Budget"] for r in data["Drift"] if r["Rad"] in C.COST_ROWS)
    ok = make(tmp_path / "ok.xlsx", data)
    import openpyxl

    for path, filled, code in ((ok, costs + 0.5, 0), (tmp_path / "fel.xlsx", costs - 0.51, 1)):
        if path.name == "fel.xlsx":
            make(path, data)
        wb = openpyxl.load_workbook(path)
        ws = wb["Drift"]
        row = next(r for r in range(1, 30) if ws.cell(r, 1).value == C.COSTS)
        ws.cell(row, 2).value = filled
        wb.save(path)
        result = run("run", path)
        assert result.code == code, result.out
    rows = result_rows(ok, C.RESULT_DRIFT.name)
    assert next(r for r in rows if r["Rad"] == C.COSTS)["Budget"] == costs  # derived, not the filled value


def test_values_are_written_exactly_and_displayed_half_away_from_zero(tmp_path, edge_data):
    """0,5 and 2,5 are written as typed (no rounding in the cell); the format shows whole tkr."""
    path = make(tmp_path / "halv.xlsx", edge_data)
    assert run("run", path).code == 0
    import openpyxl

    ws = openpyxl.load_workbook(path)[C.RESULT_DRIFT.name]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Köp av tjänster")
    cell = row[header.index("Utfall period")]
    assert cell.value == 2.5 and cell.number_format.split(";")[0] == "#,##0"
    from excelreport.core.numbers import format_amount

    assert [format_amount(Decimal(x)) for x in ("2.5", "-2.5", "0.5", "-0.5", "1.49")] == \
        ["3", "-3", "1", "-1", "1"]


def test_empty_period_budgets_under_calculated_sum_formulas(tmp_path, reference_data):
    """Period budgets left empty (derived as Budget × slutmånad / 12) in a workbook whose sum
    rows were calculated by an office suite: the formulas' cached sums add the empty cells as
    0, which is no error; the result sheet shows the derived figures."""
    from conftest import convert

    data = copy.deepcopy(reference_data)
    for row in data["Drift"]:
        row["Periodbudget"] = None
    saved = convert(make(tmp_path / "tom_pb.xlsx", data), "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    result = run("run", saved)
    assert result.code == 0, result.out
    assert_sheets(saved, data)
    rows = {r["Rad"]: r for r in result_rows(saved, C.RESULT_DRIFT.name)}
    assert rows["Personalkostnader"]["Periodbudget"] == pytest.approx(-109182 * 8 / 12)


def test_blank_filled_by_another_program_then_run_twice(tmp_path, reference_data):
    """The judged path: ``new``, filled by a program that knows only the contract's names,
    ``run`` (every figure independent), inputs identical after a second run."""
    from resultbook import input_snapshot
    from test_fill_other_program import fill
    from wbtools import digest

    path = tmp_path / "ifylld.xlsx"
    assert run("new", path).code == 0
    fill(path, reference_data)
    snap = input_snapshot(path)
    assert run("run", path).code == 0
    assert_sheets(path, reference_data)
    once = digest(path)
    assert run("run", path).code == 0
    assert digest(path) == once and input_snapshot(path) == snap


def test_a_column_empty_on_every_row_leaves_its_sums_and_differences_empty(tmp_path, reference_data):
    """Unfilled outcomes (a year end's workbook from next) are not a balanced year: the sum
    rows and the differences the empty column enters stay empty, not 0."""
    data = copy.deepcopy(reference_data)
    for row in data["Drift"] + data["Investeringar"]:
        row["Utfall period"] = None
        row["Utfall period föregående år"] = None
    path = make(tmp_path / "tom.xlsx", data)
    assert run("run", path).code == 0
    assert_sheets(path, data)
    drift = {r["Rad"]: r for r in result_rows(path, C.RESULT_DRIFT.name)}
    for label in (C.RESULT, C.COSTS, "Personalkostnader"):
        r = drift[label]
        assert r["Utfall period"] is None and r["Diff. utfall mot föregående år"] is None, r
        assert r["Avvikelse utfall/periodbudget"] is None
    assert drift[C.RESULT]["Avvikelse prognos/budget"] == 0  # the filled columns as before
    total = next(r for r in result_rows(path, C.RESULT_INVESTERINGAR.name) if r["Namn"] == C.TOTAL_EXPENDITURE)
    assert total["Utfall period"] is None and total["Diff. utfall mot föregående år"] is None
    assert total["Budget"] is not None
