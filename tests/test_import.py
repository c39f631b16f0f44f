"""`excelreport import`: the example's ledger files give every import cell of the example
exactly (two SIE years, one SIE file alone, one CSV), `run` then gives every result; only
the import cells change; every refusal exits 1 with the file unchanged and the cause named."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from excelreport.read.xlsx import read_workbook
from wbtools import digest, run

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "workbooks" / "redovisning"
SIE_2023, SIE_2022, CSV = LEDGER / "ks-2023.se", LEDGER / "ks-2022.se", LEDGER / "ks-2022-2023.csv"
OPERATING_ROWS = ("Verksamhetens intäkter", "Personalkostnader", "Lokalhyror", "Köp av tjänster",
                  "Övriga kostnader", "Kommunbidrag", "Finansnetto")
IMPORT_COLUMNS = ("Budget", "Periodbudget", "Utfall period", "Utfall period föregående år")
INVESTMENT_COLUMNS = ("Utfall period", "Utfall period föregående år")
IMPORTED_SHEETS = ("Drift", "Exploatering", "Investeringar", "Info")


def _headers(ws) -> tuple[int, dict[str, int]]:
    for r in range(1, 10):
        labels = {c.value: c.column for c in ws[r] if isinstance(c.value, str)}
        if "Budget" in labels or "Värde" in labels:
            return r, labels
    raise AssertionError(ws.title)


def import_cells(path: Path) -> dict[str, object]:
    """Every import cell of the workbook: 'Drift!Personalkostnader!Budget' → value."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for name in ("Drift", "Exploatering"):
        ws = wb[name]
        head, cols = _headers(ws)
        for r in range(head + 1, ws.max_row + 1):
            if ws.cell(r, 1).value in OPERATING_ROWS:
                for column in IMPORT_COLUMNS:
                    out[f"{name}!{ws.cell(r, 1).value}!{column}"] = ws.cell(r, cols[column]).value
    ws = wb["Investeringar"]
    head, cols = _headers(ws)
    for r in range(head + 1, ws.max_row + 1):
        if ws.cell(r, cols["Projekt"]).value:
            for column in INVESTMENT_COLUMNS:
                out[f"Investeringar!{ws.cell(r, 2).value}!{column}"] = ws.cell(r, cols[column]).value
    return out


def blanked(example: Path, dst: Path) -> Path:
    """The example with every import cell emptied (the state before the first import)."""
    wb = openpyxl.load_workbook(example)
    cells = import_cells(example)
    for name in ("Drift", "Exploatering", "Investeringar"):
        ws = wb[name]
        head, cols = _headers(ws)
        for r in range(head + 1, ws.max_row + 1):
            key = ws.cell(r, 2 if name == "Investeringar" else 1).value
            for column in IMPORT_COLUMNS:
                if f"{name}!{key}!{column}" in cells:
                    ws.cell(r, cols[column]).value = None
    wb.save(dst)
    return dst


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sheet_parts(path: Path) -> dict[str, str]:
    from excelreport.write.xlsx import Package

    with zipfile.ZipFile(path) as zf:
        return {s.name: s.part for s in Package(zf).sheets}


def as_number(value) -> Decimal:
    return Decimal(str(value if value is not None else 0))


@pytest.mark.parametrize("files", [(SIE_2023, SIE_2022), (SIE_2023,), (CSV,)], ids=["två-sie", "en-sie", "csv"])
def test_the_example_ledger_gives_every_import_cell(example, tmp_path, files):
    expected = import_cells(example)
    assert len(expected) == 2 * 7 * 4 + 11 * 2
    book = blanked(example, tmp_path / "tom.xlsx")
    before = parts(book)
    result = run("import", book, *files)
    assert result.code == 0, result.out + result.err
    got = import_cells(book)
    assert {k: as_number(v) for k, v in got.items()} == {k: as_number(v) for k, v in expected.items()}
    out = result.out.replace("\u00a0", " ")
    assert "Drift!F5: (tom) → -64 523" in out
    assert "Avstämning: skrivet 32 898 300 kr = valt ur filerna 32 898 300 kr (stämmer)." in out
    after = parts(book)
    changed = {sheet_parts(book)[name] for name in IMPORTED_SHEETS}
    assert before.keys() == after.keys()
    assert [n for n in before if before[n] != after[n]] and all(
        before[n] == after[n] for n in before if n not in changed), "en annan del än de importerade bladen ändrades"
    info = openpyxl.load_workbook(book)["Info"]
    source = next(info.cell(r, 2).value for r in range(1, 40) if info.cell(r, 1).value == "Importerad från")
    for f in files:
        assert f.name in source and len(source) > 64


def test_run_after_import_gives_every_result_of_the_example(example, tmp_path):
    book = blanked(example, tmp_path / "tom.xlsx")
    assert run("import", book, SIE_2023, SIE_2022).code == 0
    for path in (book, example):
        assert run("run", path).code == 0
    mine, theirs = read_workbook(book), read_workbook(example)
    results = [name for name in theirs.sheets if name.startswith("Resultat") or name == "Kontroll"]
    assert len(results) >= 5
    for name in results:
        a = {k: c.value for k, c in mine.sheets[name].cells.items()}
        b = {k: c.value for k, c in theirs.sheets[name].cells.items()}
        assert a == b, name


def test_import_into_the_example_changes_only_the_source_and_visa_writes_nothing(example, tmp_path):
    before = digest(example)
    shown = run("import", example, CSV, "--visa")
    assert shown.code == 0 and digest(example) == before
    assert "Info!B20: (tom) → ks-2022-2023.csv (SHA-256" in shown.out
    assert shown.out.endswith("\n1 cell skulle ändras; ingenting skrevs (--visa).\n")  # one cell: "cell"
    out = tmp_path / "ut.xlsx"
    done = run("import", example, CSV, "-o", out)
    assert done.code == 0 and digest(example) == before
    assert done.out.endswith(f"Skrev {out}: 1 cell ändrad.\n")
    assert [line for line in done.out.splitlines() if "→" in line] == [
        line for line in shown.out.splitlines() if "→" in line and "Info!B20" not in line] + [
        line for line in done.out.splitlines() if line.startswith("Info!B20")]
    again = run("import", out, CSV)
    assert {line.split(":")[0] for line in again.out.splitlines() if "→" in line} <= {"Info!B20"}
    info = sheet_parts(example)["Info"]
    assert [n for n, data in parts(out).items() if parts(example)[n] != data] == [info]


def _refused(book: Path, *files, cause: str) -> None:
    before = digest(book)
    result = run("import", book, *files)
    assert result.code == 1, result.out + result.err
    assert cause in result.out.replace("\u00a0", " "), result.out
    assert "Ingenting importerades" in result.out and digest(book) == before


def test_an_unmapped_account_with_an_amount_is_a_fel(example, tmp_path):
    extra = tmp_path / "extra.csv"
    extra.write_text(CSV.read_text(encoding="utf-8-sig") + "2023;3;8210;121;;;1 234,50;Utfall\r\n", encoding="utf-8")
    _refused(example, extra, cause="Drift: konto 8210 har 1 234,50 kr men ingen rad i kontoplanen tar det")


def test_two_csv_files_of_the_same_year_are_a_fel(example, tmp_path):
    copy = tmp_path / "kopia.csv"
    shutil.copyfile(CSV, copy)
    _refused(example, CSV, copy, cause="År 2023 finns i både ks-2022-2023.csv och kopia.csv")


def test_a_file_of_another_year_is_a_fel(example, tmp_path):
    old = tmp_path / "ks-2019.csv"
    old.write_text("År;Månad;Konto;Ansvar;Belopp\n2019;1;5010;110;100\n", encoding="utf-8")
    _refused(example, SIE_2023, old, cause="ks-2019.csv: filen gäller 2019, inte 2023 eller 2022")


def test_a_damaged_file_is_a_fel_naming_file_and_line(example, tmp_path):
    lines = SIE_2023.read_bytes().split(b"\r\n")
    n = next(i for i, line in enumerate(lines) if line.startswith(b"#TRANS 5"))
    lines[n] = lines[n].replace(b"{", b"{{", 1).replace(b"}", b"", 1)
    bad = tmp_path / "skadad.se"
    bad.write_bytes(b"\r\n".join(lines))
    _refused(example, bad, cause=f"skadad.se: rad {n + 1}: objektlistan")


def test_a_code_in_both_ansvar_lists_is_a_fel(example, tmp_path):
    wb = openpyxl.load_workbook(example)
    ws = wb["Info"]
    r = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Ansvar exploatering")
    ws.cell(r, 2).value = "125, 190-199"
    book = tmp_path / "dubbel.xlsx"
    wb.save(book)
    _refused(book, CSV, cause="Koden 125 finns i både Ansvar och Ansvar exploatering")


def test_without_ansvar_or_projekt_nothing_is_selected(tmp_path):
    book = tmp_path / "ny.xlsx"
    assert run("new", book, "--kommun", "K", "--namnd", "N", "--ar", "2023", "--period",
               "Delårsbokslut", "--slutmanad", "8").code == 0
    _refused(book, CSV, cause="Info!Ansvar är tomt")


def test_a_missing_ledger_file_is_unusable(example, tmp_path):
    before = digest(example)
    result = run("import", example, tmp_path / "finns-inte.se")
    assert result.code == 2 and "finns inte" in result.err and digest(example) == before


def test_an_info_sheet_without_the_source_row_gets_one(example, tmp_path):
    wb = openpyxl.load_workbook(example)
    ws = wb["Info"]
    r = next(r for r in range(1, 40) if ws.cell(r, 1).value == "Importerad från")
    ws.delete_rows(r)
    last = max(r for r in range(1, 60) if ws.cell(r, 1).value)
    ws.cell(last + 3, 1).value = "Egen anteckning"  # after an empty row: not part of the table
    book = tmp_path / "utan.xlsx"
    wb.save(book)
    result = run("import", book, CSV)
    assert result.code == 0, result.out
    ws = openpyxl.load_workbook(book)["Info"]
    assert ws.cell(last + 3, 1).value == "Egen anteckning"
    assert ws.cell(last + 1, 1).value == "Importerad från" and "ks-2022-2023.csv" in ws.cell(last + 1, 2).value
    assert run("check", book).code == 0


def test_libreoffice_reads_what_import_wrote(example, tmp_path):
    """The patched sheets (new values, an inline string, a new cell) open in a real office suite."""
    import subprocess
    import tempfile

    from conftest import soffice

    book = blanked(example, tmp_path / "tom.xlsx")
    assert run("import", book, SIE_2023, SIE_2022).code == 0
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", every_sheet, "--outdir", str(tmp_path), str(book)],
                       capture_output=True, timeout=180, check=True)
    info = (tmp_path / "tom-Info.csv").read_text(encoding="utf-8")
    drift = (tmp_path / "tom-Drift.csv").read_text(encoding="utf-8")
    invest = (tmp_path / "tom-Investeringar.csv").read_text(encoding="utf-8")
    assert "Importerad från,ks-2023.se (SHA-256 " in info
    assert "Personalkostnader,-109182,-72531,-103400,-104922,-64523,-55412," in drift
    assert "Verksamhetens kostnader,-198744,-132640," in drift  # the sum row's formula
    assert "Norra Stadsskogen,17000,6500,4810,491.4,6755" in invest
