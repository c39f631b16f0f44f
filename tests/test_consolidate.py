"""excelreport consolidate: every compilation sheet against an independent exact computation
from the input files (read with openpyxl by contract names), and every bad input."""

from __future__ import annotations

import re

import hashlib
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import convert

from kommunbook import kommun

OUT_NAME = "Sammanställning Delårsbokslut 2024.xlsx"
SHEETS = ["Kommunens resultat", "Balanskravsutredning", "Driftredovisning", "Investeringsredovisning",
          "Måluppfyllelse", "Uppdrag", "Sjukfrånvaro", "Internkontroll", "Inlämning", "Kontroll"]
FIVE = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period", "Utfall period föregående år")


def excelreport(*args):
    return subprocess.run([sys.executable, "-m", "excelreport.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kommun") / "Lindåsa"
    kommun.write_kommun(folder)
    return folder


@pytest.fixture
def folder(pristine, tmp_path) -> Path:
    dst = tmp_path / "inlamnat"
    shutil.copytree(pristine, dst)
    return dst


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


# --- an independent reading of the inputs --------------------------------------------------


def D(v) -> Decimal:
    return Decimal(0) if v is None else Decimal(str(v))


def read_input(path: Path) -> dict:
    """A workbook as a judge reads it: openpyxl, values, rows by their label in column A."""
    wb = openpyxl.load_workbook(path, data_only=True)

    def table(name):
        if name not in wb.sheetnames:
            return {}, []
        rows = list(wb[name].iter_rows(values_only=True))
        header = rows[2]
        return header, [dict(zip(header, r)) for r in rows[3:] if any(x is not None for x in r)]

    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=4, values_only=True) if r[0]}
    out = {"info": info}
    for name in ("Drift", "Exploatering", "Finansiering", "Balanskrav", "Sjukfrånvaro"):
        _, rows = table(name)
        key = "Kategori" if name == "Sjukfrånvaro" else "Rad"
        out[name] = {r[key]: r for r in rows}
    for name in ("Investeringar", "Mål", "Uppdrag", "Internkontroll"):
        out[name] = table(name)[1]
    return out


def factor(unit: str, target: str) -> Decimal:
    return {("tkr", "mnkr"): Decimal("0.001"), ("mnkr", "tkr"): Decimal(1000)}.get((unit, target), Decimal(1))


def operating(rows: dict, col: str) -> dict[str, Decimal]:
    """The derived rows of Drift/Exploatering, from the input rows."""
    v = {label: D(r.get(col)) for label, r in rows.items()}
    net = v["Verksamhetens intäkter"] + sum(v[x] for x in ("Personalkostnader", "Lokalhyror",
                                                          "Köp av tjänster", "Övriga kostnader"))
    return {"net": net, "fin": v["Finansnetto"], "grant": v["Kommunbidrag"],
            "result": net + v["Kommunbidrag"] + v["Finansnetto"]}


def expected(folder: Path) -> dict:
    books = {p.name: read_input(p) for p in sorted(folder.glob("*.xlsx")) if not p.name.startswith("Samman")}
    fin = next(b for b in books.values() if b["info"].get("Typ") == "Finansförvaltning")
    unit = fin["info"]["Enhet"]
    boards = [b for b in books.values() if b["info"].get("Typ") != "Finansförvaltning"]
    order = (sorted([b for b in boards if b["info"].get("Ordning") is not None],
                    key=lambda b: b["info"]["Ordning"])
             + sorted([b for b in boards if b["info"].get("Ordning") is None],
                      key=lambda b: b["info"]["Nämnd"].translate(str.maketrans("ÅÄÖåäö", "{|}{|}"))))
    out = {"unit": unit, "order": [b["info"]["Nämnd"] for b in order]}
    result = {}
    for col in FIVE:
        total = Decimal(0)
        for b in boards:
            f = factor(b["info"]["Enhet"], unit)
            total += (operating(b["Drift"], col)["result"] + operating(b["Exploatering"], col)["result"]) * f
        result[col] = total
    rows = [("Nämndernas resultat", result)]
    for label in ("Skatteintäkter", "Generella statsbidrag och utjämning", "Kommunbidrag till nämnderna",
            "Pensioner och övriga gemensamma poster", "Finansiella intäkter", "Finansiella kostnader"):
        rows.append((label, {c: D(fin["Finansiering"][label].get(c)) for c in FIVE}))
    rows.append(("Kommunens resultat", {c: sum(r[1][c] for r in rows) for c in FIVE}))
    out["Kommunens resultat"] = [(label, v["Budget"], v["Föregående prognos"], v["Prognos helår"],
                                  v["Prognos helår"] - v["Budget"], v["Prognos helår"] - v["Föregående prognos"],
                                  v["Utfall period"], v["Utfall period föregående år"]) for label, v in rows]
    year = rows[-1][1]["Prognos helår"]
    bal = {k: D(r.get("Prognos helår")) for k, r in fin["Balanskrav"].items()}
    adj = [-bal["Samtliga realisationsvinster"], bal["Realisationsvinster enligt undantagsmöjlighet"],
           bal["Realisationsförluster enligt undantagsmöjlighet"], -bal["Orealiserade vinster i värdepapper"],
           bal["Orealiserade förluster i värdepapper"]]
    after = year + sum(adj)
    res = [-bal["Medel till resultatutjämningsreserv"], bal["Medel från resultatutjämningsreserv"]]
    out["Balanskravsutredning"] = [year, *adj, after, *res, after + sum(res)]
    base = rows[1][1]["Prognos helår"] + rows[2][1]["Prognos helår"]
    out["share"] = (year * 100 / base).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    out["target"] = D(fin["info"]["Resultatmål (%)"])
    drift_rows, expl_rows = [], []
    for b in order:
        f = factor(b["info"]["Enhet"], unit)
        for sheet, target in (("Drift", drift_rows), ("Exploatering", expl_rows)):
            o = {c: operating(b[sheet], c) for c in FIVE}
            used = any(D(r.get(c)) != 0 for r in b[sheet].values() for c in FIVE + ("Periodbudget",))
            if sheet == "Exploatering" and not used:
                continue
            dev = o["Prognos helår"]["result"] - o["Budget"]["result"]
            prev = o["Föregående prognos"]["result"] - o["Budget"]["result"]
            name = b["info"]["Nämnd"] + (" – exploatering" if sheet == "Exploatering" else "")
            target.append((name, *(x * f for x in (
                o["Prognos helår"]["grant"], o["Budget"]["net"] + o["Budget"]["fin"],
                o["Prognos helår"]["net"] + o["Prognos helår"]["fin"], dev, prev, dev - prev,
                o["Utfall period"]["net"] + o["Utfall period"]["fin"],
                o["Utfall period föregående år"]["net"] + o["Utfall period föregående år"]["fin"]))))
    drift = drift_rows + expl_rows
    out["Driftredovisning"] = drift + [("Summa nämnder", *(sum(r[i] for r in drift) for i in range(1, 9)))]
    inv = []
    for b in order:
        if not b["Investeringar"]:
            continue
        f = factor(b["info"]["Enhet"], unit)
        t = {c: sum(D(r.get(c)) for r in b["Investeringar"] if r["Nivå"] == 2) * f for c in FIVE}
        inv.append((b["info"]["Nämnd"], t["Budget"], t["Föregående prognos"], t["Prognos helår"],
                    t["Budget"] - t["Prognos helår"], t["Utfall period"], t["Utfall period föregående år"]))
    out["Investeringsredovisning"] = inv + [("Summa", *(sum(r[i] for r in inv) for i in range(1, 7)))]
    goals = Counter((g["KF-mål nr"], g["Bedömning"]) for b in order for g in b["Mål"])
    out["Måluppfyllelse"] = {nr: [goals[(nr, a)] for a in kommun.ASSESSMENT_CYCLE] for nr, _ in goals}
    out["Uppdrag"] = [(b["info"]["Nämnd"], *(sum(u["Status"] == s for u in b["Uppdrag"]) for s in kommun.STATUSES),
                       len(b["Uppdrag"])) for b in order]
    out["Internkontroll"] = [(b["info"]["Nämnd"], *(sum(u["Bedömning"] == s for u in b["Internkontroll"])
                                                    for s in kommun.CONTROLS), len(b["Internkontroll"]))
                             for b in order]
    out["Sjukfrånvaro"] = [(b["info"]["Nämnd"], D(b["Sjukfrånvaro"]["Total sjukfrånvaro"]["Föregående år"]),
                            D(b["Sjukfrånvaro"]["Total sjukfrånvaro"]["Innevarande år"])) for b in order]
    return out


def sheet_rows(path: Path, name: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    return list(wb[name].iter_rows(values_only=True))


def same(a, b) -> bool:
    if isinstance(b, Decimal):
        return isinstance(a, (int, float)) and abs(Decimal(str(a)) - b) <= abs(b) * Decimal("1e-14") + Decimal("1e-9")
    return a == b


def assert_rows(got: list[tuple], want: list[tuple]) -> None:
    assert len(got) == len(want), (got, want)
    for g, w in zip(got, want):
        assert len(g) == len(w) and all(same(x, y) for x, y in zip(g, w)), (g, w)


# --- the good folder -------------------------------------------------------------------------


def test_every_sheet_is_exact_and_inputs_stay_byte_identical(folder):
    before = digest(folder)
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = folder / OUT_NAME
    assert digest(folder) == {**before, OUT_NAME: digest(folder)[OUT_NAME]}
    want = expected(folder)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == SHEETS
    assert all(ws.protection.sheet for ws in wb)
    assert_rows(sheet_rows(out, "Kommunens resultat")[1:], want["Kommunens resultat"])
    bal = sheet_rows(out, "Balanskravsutredning")
    assert [r[0] for r in bal[1:11]] == [
        "Årets resultat", "Samtliga realisationsvinster", "Realisationsvinster enligt undantagsmöjlighet",
        "Realisationsförluster enligt undantagsmöjlighet", "Orealiserade vinster i värdepapper",
        "Orealiserade förluster i värdepapper", "Årets resultat efter balanskravsjusteringar",
        "Medel till resultatutjämningsreserv", "Medel från resultatutjämningsreserv", "Balanskravsresultat"]
    assert all(same(r[1], w) for r, w in zip(bal[1:11], want["Balanskravsutredning"]))
    goal = {r[0]: r[1] for r in bal[11:] if r[0]}
    share = "Resultat i % av skatteintäkter och generella statsbidrag"  # labelled as what it is
    assert list(goal) == [share, "Resultatmål", "Bedömning"]
    assert same(goal[share], want["share"]) and same(goal["Resultatmål"], want["target"])
    assert goal["Bedömning"] == ("Uppfyllt" if want["share"] >= want["target"] else "Ej uppfyllt")
    drift = sheet_rows(out, "Driftredovisning")
    assert drift[0] == ("Nämnd", "Kommunbidrag", "Budget nettokostnad", "Prognos nettokostnad", "Budgetavvikelse",
                        "Föregående prognos avvikelse", "Prognosförändring", "Utfall period nettokostnad",
                        "Utfall period föregående år nettokostnad")
    assert_rows(drift[1:], want["Driftredovisning"])
    assert [r[0] for r in drift[1:7]] == want["order"]
    assert want["order"][0] == "Kommunstyrelsen" and want["order"][-1] == "Överförmyndarnämnden"
    assert_rows(sheet_rows(out, "Investeringsredovisning")[1:], want["Investeringsredovisning"])
    goals = sheet_rows(out, "Måluppfyllelse")
    for r in goals[1:-1]:
        assert list(r[2:7]) == want["Måluppfyllelse"][r[0]] and r[7] == sum(r[2:7])
    assert goals[-1][0] == "Samtliga" and goals[-1][1] is None and goals[-1][7] == sum(sum(v) for v in want["Måluppfyllelse"].values())
    assert_rows(sheet_rows(out, "Uppdrag")[1:-1], want["Uppdrag"])
    assert_rows(sheet_rows(out, "Internkontroll")[1:-1], want["Internkontroll"])
    sick = sheet_rows(out, "Sjukfrånvaro")[1:]
    assert_rows([r[:3] for r in sick], want["Sjukfrånvaro"])
    assert all(same(r[3], Decimal(str(r[2])) - Decimal(str(r[1]))) for r in sick)
    inl = sheet_rows(out, "Inlämning")
    assert inl[0] == ("Arbetsbok", "Nämnd", "Enhet", "Status", "Fel", "Varningar", "Senast sparad enligt arbetsboken",
                      "Profil")
    assert {r[3] for r in inl[1:]} == {"Klar"} and len(inl) == 8
    assert {r[7] for r in inl[1:]} == {"standard"}


def test_senast_sparad_is_the_workbooks_own_saved_time_not_the_files(folder, tmp_path):
    import datetime as dt
    import os
    import re
    import zipfile

    book = folder / "Socialnämnden.xlsx"
    with zipfile.ZipFile(book) as z:
        stamp = re.search(r"<dcterms:modified[^>]*>([^<]+)<", z.read("docProps/core.xml").decode()).group(1)
    os.utime(book, (946_684_800, 946_684_800))  # copied on 2000-01-01: the file's time says nothing
    assert excelreport("consolidate", folder, "-o", tmp_path / "s.xlsx").returncode == 0
    saved = {r[0]: r[6] for r in sheet_rows(tmp_path / "s.xlsx", "Inlämning")[1:]}
    want = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().replace(tzinfo=None)
    assert saved[book.name] == want


def test_libreoffice_opens_the_compilation(folder, tmp_path):
    assert excelreport("consolidate", folder, "-o", tmp_path / "s.xlsx").returncode == 0
    csv = convert(tmp_path / "s.xlsx", "csv", tmp_path)
    assert csv.read_text(encoding="utf-8", errors="replace").startswith("Rad,Budget")


# --- bad input -------------------------------------------------------------------------------


def damage(path: Path) -> None:
    """Shares of women and men that do not add up to 100: a Fel of that board."""
    data, _ = kommun.board_data(2, *kommun.BOARDS[2])
    data["Personal"][1]["Innevarande år"] = 90
    from excelreport.app.generate import write_workbook
    write_workbook(path, data)


def test_a_board_with_fel_is_listed_and_left_out_of_every_total(folder):
    damage(folder / "Socialnämnden.xlsx")
    before = digest(folder)
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 1
    out = folder / OUT_NAME
    assert {k: v for k, v in digest(folder).items() if k != OUT_NAME} == before
    inl = {r[0]: r for r in sheet_rows(out, "Inlämning")[1:]}
    assert inl["Socialnämnden.xlsx"][3] == "Fel" and inl["Socialnämnden.xlsx"][4] == 1  # as "har 1 fel" says
    (folder / "Socialnämnden.xlsx").unlink()
    want = expected(folder)  # the kommun without Socialnämnden
    assert_rows(sheet_rows(out, "Driftredovisning")[1:], want["Driftredovisning"])
    assert_rows(sheet_rows(out, "Kommunens resultat")[1:], want["Kommunens resultat"])
    for name in ("Uppdrag", "Sjukfrånvaro", "Internkontroll", "Investeringsredovisning"):
        assert "Socialnämnden" not in [r[0] for r in sheet_rows(out, name)]
    control = sheet_rows(out, "Kontroll")
    assert any(r[0] == "Fel" and r[1].startswith("Socialnämnden.xlsx") and "ingår inte" in r[3] for r in control)
    assert any(r[0] == "Fel" and r[1] == "Socialnämnden.xlsx: Personal" for r in control)
    assert "Socialnämnden" in proc.stdout and "Traceback" not in proc.stderr


def test_a_board_left_out_for_its_fel_is_explained_in_the_terminal(folder):
    """The board's own Fel printed above "Rätta felen (se raderna ovan)", the table's count
    the message's, the Kommunbidrag warnings say the board is left out, and the counted
    findings not printed are said to be in Kontroll."""
    damage(folder / "Socialnämnden.xlsx")
    lines = excelreport("consolidate", folder).stdout.splitlines()
    row = next(line for line in lines if line.startswith("Socialnämnden.xlsx"))
    n = int(row.split()[4])  # Arbetsbok | Resultat ("Fel i arbetsboken") | Fel
    own = [i for i, line in enumerate(lines) if line.startswith("Fel") and "Socialnämnden.xlsx: Personal" in line]
    note = next(i for i, line in enumerate(lines) if "Rätta felen (se raderna ovan" in line)
    assert own and max(own) < note and f"har {n} fel och ingår inte" in lines[note] and n == len(own)
    grants = [line for line in lines if "Kommunbidrag," in line]
    assert grants and all("Socialnämnden ingår inte i sammanställningen" in line for line in grants)
    summary = next(line for line in lines if re.match(r"\d+ fel, ", line))
    info = int(re.search(r"(\d+) info", summary).group(1))
    shown = sum(line.startswith("Info ") for line in lines)
    assert info == shown or "se bladet Kontroll" in summary


def test_report_is_not_written_with_fel(folder, tmp_path):
    damage(folder / "Socialnämnden.xlsx")
    proc = excelreport("consolidate", folder, "--report", tmp_path / "rapport", "--no-pdf")
    assert proc.returncode == 1
    assert not list((tmp_path / "rapport").glob("*.docx")) if (tmp_path / "rapport").exists() else True


@pytest.mark.parametrize("case", ["unreadable", "duplicate", "other-year", "no-finance", "two-finance"])
def test_bad_folders_are_fel_naming_the_file(folder, case):
    if case == "unreadable":
        (folder / "Tekniska nämnden.xlsx").write_bytes(b"PK\x03\x04 inte en arbetsbok")
        names, status = ["Tekniska nämnden.xlsx"], "Ej läsbar"
    elif case == "duplicate":
        shutil.copyfile(folder / "Socialnämnden.xlsx", folder / "Socialnämnden (2).xlsx")
        names, status = ["Socialnämnden.xlsx", "Socialnämnden (2).xlsx"], "Fel"
    elif case == "other-year":
        data, _ = kommun.board_data(3, *kommun.BOARDS[3])
        data["Info"]["År"] = 2023
        from excelreport.app.generate import write_workbook
        write_workbook(folder / "Kultur- och fritidsnämnden.xlsx", data)
        names, status = ["Kultur- och fritidsnämnden.xlsx"], "Fel"
    elif case == "no-finance":
        (folder / "Finansförvaltning.xlsx").unlink()
        names, status = [], None
    else:
        shutil.copyfile(folder / "Finansförvaltning.xlsx", folder / "Finans kopia.xlsx")
        names, status = ["Finansförvaltning.xlsx", "Finans kopia.xlsx"], "Fel"
    before = digest(folder)
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert {k: v for k, v in digest(folder).items() if k != OUT_NAME} == before
    out = folder / OUT_NAME
    inl = {r[0]: r for r in sheet_rows(out, "Inlämning")[1:]}
    control = sheet_rows(out, "Kontroll")
    for name in names:
        assert inl[name][3] == status
        assert any(r[0] == "Fel" and r[1].startswith(name) for r in control), control
    if case == "no-finance":
        assert any(r[0] == "Fel" and "finansförvaltningens arbetsbok" in r[3] for r in control)
    if case == "other-year":
        assert any("Info!År är '2023'" in r[3] for r in control)
    assert "Traceback" not in proc.stderr


def test_grants_that_do_not_add_up_are_a_varning(folder):
    from excelreport.app.generate import write_workbook

    grants = {k: Decimal(1000) for k in ("Budget", "Periodbudget", "Föregående prognos", "Prognos helår",
                                         "Utfall period", "Utfall period föregående år")}
    write_workbook(folder / "Finansförvaltning.xlsx", kommun.finance_data(grants))
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 0
    control = sheet_rows(folder / OUT_NAME, "Kontroll")
    hits = [r for r in control if r[0] == "Varning" and "nämndernas kommunbidrag är tillsammans" in r[3]]
    assert len(hits) == 2 and "Budget" in hits[0][3] and "-1" in hits[0][3]


def test_lock_file_beside_an_input_is_a_varning(folder):
    (folder / ".~lock.Socialnämnden.xlsx#").write_text("x,host,user;", encoding="utf-8")
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 0
    control = sheet_rows(folder / OUT_NAME, "Kontroll")
    assert any(r[0] == "Varning" and r[1].startswith("Socialnämnden.xlsx") and "senast sparade" in r[3]
               for r in control)


def test_unusable_folders_exit_2(tmp_path, folder):
    empty = tmp_path / "tom"
    empty.mkdir()
    (empty / "anteckning.txt").write_text("x", encoding="utf-8")
    for args in ([empty], [tmp_path / "finns-inte"], [folder, "-o", folder / "Socialnämnden.xlsx"]):
        proc = excelreport("consolidate", *args)
        assert proc.returncode == 2 and proc.stderr.startswith("Fel: "), proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (empty / OUT_NAME).exists()


def test_swedish_board_order():
    from excelreport.consolidate.collect import swedish_key

    names = ["Överförmyndarnämnden", "Äldrenämnden", "Ålands", "Zeta", "éva", "Eva", "Arbete", "arbete"]
    assert sorted(names, key=swedish_key) == ["arbete", "Arbete", "Eva", "éva", "Zeta", "Ålands",
                                              "Äldrenämnden", "Överförmyndarnämnden"]


def test_finansforvaltning_in_tkr_converts_mnkr_boards_exactly(tmp_path):
    folder = tmp_path / "tkr"
    kommun.write_kommun(folder, finance_unit="tkr")
    proc = excelreport("consolidate", folder, "-o", tmp_path / "s.xlsx")
    assert proc.returncode == 0, proc.stdout
    want = expected(folder)
    assert want["unit"] == "tkr"
    assert_rows(sheet_rows(tmp_path / "s.xlsx", "Driftredovisning")[1:], want["Driftredovisning"])
    assert_rows(sheet_rows(tmp_path / "s.xlsx", "Kommunens resultat")[1:], want["Kommunens resultat"])
    fmt = openpyxl.load_workbook(tmp_path / "s.xlsx")["Driftredovisning"]["B2"].number_format
    assert fmt.startswith("#,##0") and ".0" not in fmt


def test_a_second_run_and_check_folder_skip_the_compilation(folder):
    assert excelreport("consolidate", folder).returncode == 0
    assert excelreport("consolidate", folder).returncode == 0  # its own output is not an input
    assert len(sheet_rows(folder / OUT_NAME, "Inlämning")) == 8
    proc = excelreport("check", folder)
    assert proc.returncode == 0 and OUT_NAME not in proc.stdout


def test_ordning_kf_texts_and_budgeted_result(folder):
    """Info!Ordning puts a board first; a different KF-mål text and a budgeted result ≠ 0 are Varningar."""
    from excelreport.app.generate import write_workbook

    data, _ = kommun.board_data(5, *kommun.BOARDS[5])  # Överförmyndarnämnden
    data["Info"]["Ordning"] = 0
    data["Mål"][0]["KF-mål"] = "En annan text för samma KF-mål"
    data["Drift"][-1]["Budget"] = data["Drift"][-1]["Budget"] + 10  # Finansnetto: result ≠ 0
    write_workbook(folder / "Överförmyndarnämnden.xlsx", data)
    proc = excelreport("consolidate", folder)
    assert proc.returncode == 0, proc.stdout
    out = folder / OUT_NAME
    assert [r[0] for r in sheet_rows(out, "Uppdrag")[1:3]] == ["Överförmyndarnämnden", "Kommunstyrelsen"]
    control = sheet_rows(out, "Kontroll")
    kf = [r for r in control if r[0] == "Varning" and "olika text" in r[3]]
    assert len(kf) == 1 and "Överförmyndarnämnden" in kf[0][3]
    goals = {r[0]: r[1] for r in sheet_rows(out, "Måluppfyllelse")[1:]}
    assert "En annan text" not in str(goals.values())  # the most frequent text is shown
    assert any(r[0] == "Varning" and r[1] == "Överförmyndarnämnden.xlsx: Drift" and "Budget är 10" in r[3]
               for r in control)
    assert sum("nämndernas kommunbidrag" in r[3] for r in control) == 0


@pytest.mark.parametrize("many", [False, True], ids=["a-helper-reads-half", "a-pool-of-workers"])
def test_parallel_reading_gives_the_same_compilation(tmp_path, many):
    import os

    from excelreport.consolidate.collect import PARALLEL_MIN

    folder = tmp_path / "manga"
    kommun.write_kommun(folder, *([kommun.many_boards(PARALLEL_MIN)] if many else []))
    assert (len(list(folder.glob("*.xlsx"))) >= PARALLEL_MIN) == many
    assert excelreport("consolidate", folder, "-o", tmp_path / "par.xlsx").returncode == 0
    env = {**os.environ, "EXCELREPORT_NO_FORK": "1"}
    seq = subprocess.run([sys.executable, "-m", "excelreport.cli", "consolidate", folder, "-o", tmp_path / "seq.xlsx"],
                         capture_output=True, text=True, timeout=600, env=env)
    assert seq.returncode == 0
    for name in SHEETS[:-2]:
        assert sheet_rows(tmp_path / "par.xlsx", name) == sheet_rows(tmp_path / "seq.xlsx", name), name
    want = expected(folder)
    assert_rows(sheet_rows(tmp_path / "par.xlsx", "Driftredovisning")[1:], want["Driftredovisning"])


def test_a_reading_helper_that_dies_leaves_its_files_not_readable(pristine, monkeypatch):
    import os

    from excelreport.consolidate import collect

    parent, real = os.getpid(), collect.read_one

    def dies_in_the_helper(path):
        if os.getpid() != parent:
            os._exit(9)  # as a helper killed for its memory would
        return real(path)

    monkeypatch.setattr(collect, "read_one", dies_in_the_helper)
    paths = collect.inputs_in(pristine)
    assert 2 <= len(paths) < collect.PARALLEL_MIN
    subs = collect.read_all(paths)
    assert [s.path for s in subs] == paths
    assert not any(s.error for s in subs[0::2])
    assert all(s.error and "kunde inte läsas" in s.error for s in subs[1::2])


def test_tracked_example_kommun_is_the_generated_one(tmp_path):
    """workbooks/exempelkommun never drifts from scripts/make_example_kommun.py."""
    from excelreport.read.xlsx import read_workbook

    fresh = tmp_path / "fresh"
    kommun.write_kommun(fresh)
    tracked = Path(kommun.OUT)
    assert sorted(p.name for p in tracked.glob("*.xlsx")) == sorted(p.name for p in fresh.glob("*.xlsx"))
    for path in fresh.glob("*.xlsx"):
        mine, theirs = read_workbook(path).sheets, read_workbook(tracked / path.name).sheets
        assert {k: v.cells for k, v in mine.items()} == {k: v.cells for k, v in theirs.items()}, path.name
