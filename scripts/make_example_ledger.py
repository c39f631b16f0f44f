"""Generate the example board's ledger files from the example data (run after changing it).

    python scripts/make_example_ledger.py [DATA_JSON] [FOLDER]

Writes ``workbooks/redovisning/``: ``ks-2023.se`` and ``ks-2022.se`` (SIE 4E, code page
437, one per year) and ``ks-2022-2023.csv`` (both years, UTF-8 with BOM), whose import
into ``workbooks/delarsbokslut_ks_2023.xlsx`` gives every import cell of the example
exactly. The board's figures are booked at account level over several responsibility codes
(``Info!Ansvar`` 110, 120-129, 15*; ``Ansvar exploatering`` 190-199) and its investment
projects, month by month, among other boards' lines, balance-sheet lines, lines after the
closing month and account totals (``#PSALDO … {}``) over every board. ``ks-2023.se`` also
holds 2022 as ``#RAR -1`` in period balances per object, so it alone gives both years.
Deterministic: the same data gives the same bytes.
"""

import json
import random
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "scripts" / "kommunstyrelsen-2023.json"
FOLDER = ROOT / "workbooks" / "redovisning"

ACCOUNTS = {"Verksamhetens intäkter": ("3010", "3510"), "Personalkostnader": ("5010", "5410"),
            "Lokalhyror": ("6010",), "Köp av tjänster": ("4610", "7410"),
            "Övriga kostnader": ("4010", "6410", "7610"), "Kommunbidrag": ("8910",),
            "Finansnetto": ("8410", "8510")}
CODES = {"Drift": ("110", "121", "125", "151"), "Exploatering": ("191", "195")}
OTHER_BOARDS = ("210", "320", "430", "540")
INVESTMENT_ACCOUNTS = ("1110", "1210")
BALANCE = "2440"  # leverantörsskulder: each voucher's counter-entry


def split(total: int, parts: int, rnd: random.Random) -> list[int]:
    """``total`` öre in ``parts`` uneven parts that sum to it exactly."""
    weights = [rnd.randint(1, 9) for _ in range(parts)]
    out = [total * w // sum(weights) for w in weights]
    out[-1] += total - sum(out)
    return out


def ore(tkr) -> int:
    return int(Decimal(str(tkr)) * 100_000)


def board_lines(data: dict, column: str, months: range, rnd: random.Random) -> list[tuple]:
    """(account, {dim: code}, month, öre) for one column: operating rows and investments."""
    lines = []
    for sheet in ("Drift", "Exploatering"):
        for row in data[sheet]:
            debit = -ore(row[column] or 0)
            cells = [(a, c, m) for m in months for a, c in
                     [(rnd.choice(ACCOUNTS[row["Rad"]]), rnd.choice(CODES[sheet])) for _ in range(2)]]
            for (account, code, month), amount in zip(cells, split(debit, len(cells), rnd)):
                lines.append((account, {"1": code}, month, amount))
    if column != "Periodbudget":
        for row in data["Investeringar"]:
            if "Projekt" in row and column in row:
                for month, amount in zip(months, split(ore(row[column] or 0), len(months), rnd)):
                    lines.append((rnd.choice(INVESTMENT_ACCOUNTS), {"1": "110", "6": row["Projekt"]}, month, amount))
    return [line for line in lines if line[3]]


def noise(months: range, rnd: random.Random, board_too: bool) -> list[tuple]:
    """Other boards' lines (every month), and the board's own after the closing month."""
    accounts = [a for group in ACCOUNTS.values() for a in group]
    lines = [(rnd.choice(accounts), {"1": rnd.choice(OTHER_BOARDS)}, m, rnd.randint(-900_000_00, 900_000_00))
             for m in range(1, 13) for _ in range(6)]
    if board_too:
        lines += [(rnd.choice(accounts), {"1": rnd.choice(CODES["Drift"] + CODES["Exploatering"])}, m,
                   rnd.randint(-500_000_00, 500_000_00)) for m in range(1, 13) if m not in months for _ in range(3)]
    return lines


def year_lines(data: dict, outcome: str, last: int, seed: int) -> list[tuple]:
    rnd = random.Random(seed)
    return board_lines(data, outcome, range(1, last + 1), rnd) + noise(range(1, last + 1), rnd, True)


def budget_lines(data: dict, last: int, rnd: random.Random) -> list[tuple]:
    lines = board_lines(data, "Periodbudget", range(1, last + 1), rnd)
    rest = {sheet: [dict(row, Rest=(Decimal(str(row["Budget"])) - Decimal(str(row["Periodbudget"]))))
                    for row in data[sheet]] for sheet in ("Drift", "Exploatering")}
    lines += board_lines({**rest, "Investeringar": []}, "Rest", range(last + 1, 13), rnd)
    return lines + noise(range(1, 13), rnd, False)


def sie_amount(value: int) -> str:
    sign = "-" if value < 0 else ""
    kr, ore_ = divmod(abs(value), 100)
    return f"{sign}{kr}" if not ore_ else f"{sign}{kr}.{ore_:02d}"


def objects(objs: dict) -> str:
    return "{" + " ".join(f'{d} "{c}"' for d, c in objs.items()) + "}"


def sie(year: int, lines: list[tuple], budget: list[tuple], previous: list[tuple]) -> str:
    out = ["#FLAGGA 0", '#PROGRAM "excelreport exempel" 1', "#FORMAT PC8", "#GEN 20230915",
           "#SIETYP 4", '#FNAMN "Alingsås kommun"', "#KPTYP KOMMUN",
           f"#RAR 0 {year}0101 {year}1231", f"#RAR -1 {year - 1}0101 {year - 1}1231",
           '#DIM 1 "Ansvar"', '#DIM 6 "Projekt"', '#OBJEKT 1 "110" "Kommunledningskontoret"',
           '#KONTO 3010 "Försäljning av verksamhet"', '#KONTO 2440 "Leverantörsskulder"']
    totals: dict[tuple, int] = {}
    for account, _objs, month, amount in lines:
        totals[(account, month)] = totals.get((account, month), 0) + amount
    out += [f"#PSALDO 0 {year}{m:02d} {a} {{}} {sie_amount(v)}" for (a, m), v in sorted(totals.items())]
    per_object: dict[tuple, int] = {}
    for account, objs, month, amount in previous:
        for dim, code in objs.items():
            key = (month, account, dim, code)
            per_object[key] = per_object.get(key, 0) + amount
    out += [f'#PSALDO -1 {year - 1}{m:02d} {a} {{{d} "{c}"}} {sie_amount(v)}'
            for (m, a, d, c), v in sorted(per_object.items())]
    out += [f"#PBUDGET 0 {year}{m:02d} {a} {objects(o)} {sie_amount(v)}" for a, o, m, v in budget]
    vouchers = [[line for line in lines if line[2] == m][i:i + 4] for m in range(1, 13)
                for i in range(0, sum(line[2] == m for line in lines), 4)]
    for n, voucher in enumerate(vouchers, 1):
        month = voucher[0][2]
        out += [f'#VER A {n} {year}{month:02d}15 "Verifikat {n}"', "{"]
        for i, (account, objs, m, amount) in enumerate(voucher):
            date = f" {year}{m:02d}{10 + i:02d}" if i % 2 else ' ""'
            out.append(f'#TRANS {account} {objects(objs)} {sie_amount(amount)}{date} "Rad \\"{i}\\""')
        counter = -sum(line[3] for line in voucher)
        out += [f"#TRANS {BALANCE} {objects(voucher[0][1])} {sie_amount(counter)}", "}"]
    return "\r\n".join(out) + "\r\n"


def csv_amount(value: int) -> str:
    kr, ore_ = divmod(abs(value), 100)
    text = f"{kr:,}".replace(",", "\u00a0") + f",{ore_:02d}"
    return ("\u2212" if value < 0 else "") + text


def csv(years: dict[int, tuple[list, list]]) -> str:
    rows = ["År;Månad;Konto;Ansvar;Verksamhet;Projekt;Belopp;Typ"]
    for year, (lines, budget) in sorted(years.items()):
        for kind, group in (("Utfall", lines), ("Budget", budget)):
            for account, objs, month, amount in group:
                rows.append(f"{year};{month};{account};{objs.get('1', '')};;{objs.get('6', '')};"
                            f"{csv_amount(amount)};{kind}")
    return "\r\n".join(rows) + "\r\n"


def main(data_path: Path = DATA, folder: Path = FOLDER) -> None:
    data = json.loads(data_path.read_text(encoding="utf-8"))
    year, last = data["Info"]["År"], data["Info"]["Periodens slutmånad"]
    current = year_lines(data, "Utfall period", last, 1)
    previous = year_lines(data, "Utfall period föregående år", last, 2)
    budget = budget_lines(data, last, random.Random(3))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"ks-{year}.se").write_bytes(sie(year, current, budget, previous).encode("cp437"))
    (folder / f"ks-{year - 1}.se").write_bytes(sie(year - 1, previous, [], []).encode("cp437"))
    (folder / f"ks-{year - 1}-{year}.csv").write_bytes(
        b"\xef\xbb\xbf" + csv({year: (current, budget), year - 1: (previous, [])}).encode("utf-8"))
    print(f"Skrev {folder}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:3]))
