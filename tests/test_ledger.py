"""The ledger readers (SIE, CSV), the account map and the code lists, the period and sign
rules, and the sheet-cell patcher, on small files written here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from excelreport.core.errors import MapError
from excelreport.ledger.accounts import load_account_map, parse_codes, standard_account_map
from excelreport.ledger.combine import figures
from excelreport.ledger.csvfile import encoding_of, read_csv
from excelreport.ledger.sie import read_sie, tokens
from excelreport.ledger.sums import Selection
from excelreport.write.cells import patch_sheet

HEAD = '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20230101 20231231\n#RAR -1 20220101 20221231\n'
SELECT = Selection(parse_codes("110, 120-129, 2*"), parse_codes("190-199"), frozenset({"P12"}),
                   standard_account_map())


def sie(tmp_path: Path, body: str, head: str = HEAD, name: str = "f.se") -> Path:
    path = tmp_path / name
    path.write_bytes((head + body).encode("cp437"))
    return path


def sums(path: Path, year: int = 2023, last: int = 8, unit: str = "tkr", projects=None):
    reader = read_sie if path.suffix == ".se" else read_csv
    result = figures([reader(path, SELECT)], SELECT, year=year, last=last, unit=unit,
                     projects=projects or {})
    return result, {(c.sheet, c.row, c.column): c.value for c in result.changes}


# --- SIE -------------------------------------------------------------------------------


def test_tokens_quotes_escapes_and_object_lists():
    assert tokens('#TRANS 3010 {1 "110" 6 "P12"} -1234.50 "" "Kaffe \\"Gevalia\\" {x}" 0\n') == [
        "#TRANS", "3010", ("1", "110", "6", "P12"), "-1234.50", "", 'Kaffe "Gevalia" {x}', "0"]
    assert tokens("#PSALDO 0 202301 3010 {} 12\n")[4] == ()


def test_vouchers_are_summed_per_row_and_month_with_the_operating_sign(tmp_path):
    path = sie(tmp_path, (
        '#VER A 1 20230115 "Lön"\n{\n'
        '#TRANS 5010 {1 "110"} 1000\n'          # Personalkostnader, ansvar 110
        '#TRANS 5410 {1 "125" 6 "P1"} 234.5 20230220 "x"\n'  # a range, the month of the transdat
        '#TRANS 5010 {1 "310"} 999999\n'        # another board
        '#TRANS 5010 {1 "250"} 100\n'           # 2*
        '#TRANS 3010 {1 "110"} -5000\n'         # revenue: credit
        '#TRANS 5010 {1 "110"} 777 20230915\n'  # after the closing month
        '#TRANS 1930 {1 "110"} 3000\n'          # a balance-sheet line: skipped
        '#RTRANS 5010 {1 "110"} 50\n#TRANS 5010 {1 "110"} 50\n#BTRANS 5010 {1 "110"} 11\n'
        "}\n"))
    result, cells = sums(path)
    assert not [f for f in result.findings if f.severity == "Fel"]
    assert cells[("Drift", "Personalkostnader", "Utfall period")] == Decimal("-1.3845")
    assert cells[("Drift", "Verksamhetens intäkter", "Utfall period")] == Decimal("5")
    assert cells[("Drift", "Lokalhyror", "Utfall period")] == 0
    assert ("Drift", "Personalkostnader", "Budget") not in cells  # the file has no budget
    assert any("1930" in f.message for f in result.findings if f.severity == "Info")


def test_psaldo_per_object_is_used_for_its_dimension_and_totals_are_ignored(tmp_path):
    path = sie(tmp_path, (
        '#PSALDO 0 202301 5010 {} 99999\n'
        '#PSALDO 0 202301 5010 {1 "110"} 400\n#PSALDO 0 202302 5010 {1 "121"} 600.25\n'
        '#PSALDO -1 202201 5010 {1 "110"} 300\n'
        '#PSALDO 0 202301 1210 {6 "P12"} 7000\n'
        '#PBUDGET 0 202301 5010 {1 "110"} 100\n#PBUDGET 0 202312 5010 {1 "110"} 50\n'
        '#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "110"} 123456\n#TRANS 1210 {1 "110" 6 "P12"} 5\n}\n'))
    _, cells = sums(path, projects={9: "P12"})
    assert cells[("Drift", "Personalkostnader", "Utfall period")] == Decimal("-1.00025")
    assert cells[("Drift", "Personalkostnader", "Utfall period föregående år")] == Decimal("-0.3")
    assert cells[("Drift", "Personalkostnader", "Budget")] == Decimal("-0.15")
    assert cells[("Drift", "Personalkostnader", "Periodbudget")] == Decimal("-0.1")
    assert cells[("Investeringar", 9, "Utfall period")] == Decimal("7")  # positive, from #PSALDO


def test_mnkr_is_exact(tmp_path):
    path = sie(tmp_path, '#PSALDO 0 202301 5010 {1 "110"} 1234567.89\n')
    _, cells = sums(path, unit="mnkr")
    assert cells[("Drift", "Personalkostnader", "Utfall period")] == Decimal("-1.23456789")


@pytest.mark.parametrize("body, line, cause", [
    ('#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "110" 100\n}\n', 8, "objektlistan '{' avslutas aldrig"),
    ('#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "110"} 100\n', 6, "#VER utan avslutande '}'"),
    ('#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "110"} 1OO\n}\n', 8, "beloppet '1OO' är inget tal"),
    ('#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "110"} 1,5\n}\n', 8, "beloppet '1,5' är inget tal"),
    ('#PSALDO 0 202313 5010 {1 "110"} 100\n', 6, "okänd period '202313'"),
    ('#PSALDO 0 202401 5010 {1 "110"} 100\n', 6, "okänd period '202401'"),
    ('#PSALDO 3 202301 5010 {1 "110"} 100\n', 6, "årsnummer '3' finns inte"),
    ('#VER A 1 20240105 ""\n{\n#TRANS 5010 {1 "110"} 1\n}\n', 6, "utanför filens räkenskapsår"),
    ('#PSALDO 0 202301 5010 {1 "110"} 10', 6, "sista raden är avkortad"),
    ('#TRANS 5010 {1 "110"} 100\n', 6, "#TRANS utanför ett verifikat"),
    ('x\x00\x01garbage\n', 6, "börjar inte med en etikett"),
])
def test_a_damaged_file_names_its_line(tmp_path, body, line, cause):
    read = read_sie(sie(tmp_path, body), SELECT)
    assert any(n == line and cause in message for n, message in read.errors), read.errors


def test_code_page_437_and_no_format_line(tmp_path):
    path = tmp_path / "f.se"
    path.write_bytes(HEAD.replace("#FORMAT PC8\n", "").encode("cp437")
                     + '#OBJEKT 1 "110" "Förvaltning Å"\n#PSALDO 0 202301 5010 {1 "110"} 1\n'.encode("cp437"))
    read = read_sie(path, SELECT)
    assert not read.errors and read.years[2023].psaldo


# --- CSV -------------------------------------------------------------------------------

CSV_TEXT = ("Konto;Belopp;År;Månad;Ansvar;Typ;Text\n"
            "5010;−1\u00a0234,50;2023;3;121;Utfall;Lön ändrad\n"
            "5010;1 000;2023;;110;Budget;Årsbudget\n"
            "3010;-200,25;2022;8;110;Utfall;Försäljning\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_each_encoding_by_header_label(tmp_path, encoding):
    path = tmp_path / "f.csv"
    text = CSV_TEXT if encoding != "cp1252" else CSV_TEXT.replace("−", "-")  # no U+2212 in 1252
    path.write_bytes(text.encode(encoding))
    assert encoding_of(path) == encoding
    result, cells = sums(path)
    assert not result.findings or all(f.severity != "Fel" for f in result.findings)
    assert cells[("Drift", "Personalkostnader", "Utfall period")] == Decimal("1.2345")
    assert cells[("Drift", "Personalkostnader", "Budget")] == Decimal("-1")
    assert ("Drift", "Personalkostnader", "Periodbudget") not in cells  # no monthly budget
    assert cells[("Drift", "Verksamhetens intäkter", "Utfall period föregående år")] == Decimal("0.20025")


def test_csv_damage_is_named_by_line(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("År;Månad;Konto;Ansvar;Belopp\n2023;13;5010;110;1\n2023;1;5010;110;abc\n", encoding="utf-8")
    assert [n for n, _ in read_csv(path, SELECT).errors] == [2, 3]
    path.write_text("Year;Account;Amount\n", encoding="utf-8")
    assert "rubrikraden saknar 'År', 'Konto', 'Belopp'" in read_csv(path, SELECT).errors[0][1]


# --- the map and the code lists --------------------------------------------------------


def test_the_standard_map_matches_the_spec():
    amap = standard_account_map()
    assert [amap.row(a) for a in ("3999", "4599", "4600", "4700", "6099", "6100", "7400", "7500",
                                  "8400", "8599", "8900", "8600", "2999")] == [
        "Verksamhetens intäkter", "Övriga kostnader", "Köp av tjänster", "Övriga kostnader",
        "Lokalhyror", "Övriga kostnader", "Köp av tjänster", "Övriga kostnader", "Finansnetto",
        "Finansnetto", "Kommunbidrag", None, None]
    assert amap.is_ignored("1930") and amap.is_investment("1299") and not amap.is_investment("1300")


def test_a_map_is_data_and_overlaps_are_refused():
    amap = load_account_map({"rows": {"Personalkostnader": ["5000-5999", 4000]}})
    assert amap.row("4000") == "Personalkostnader"
    with pytest.raises(MapError, match="överlappar"):
        load_account_map({"rows": {"A": ["1-10"], "B": ["5-20"]}})


def test_code_lists():
    codes = parse_codes("110, 120-129, 2*")
    assert [c in codes for c in ("110", "120", "129", "130", "2", "299", "1100", "12")] == [
        True, True, True, False, True, True, False, False]
    with pytest.raises(MapError):
        parse_codes("110, 1 2")


# --- the patcher -----------------------------------------------------------------------


def test_patch_sheet_replaces_inserts_and_recaches():
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="2" spans="1:3"><c r="A2" t="s"><v>0</v></c><c r="C2" s="4"><v>5</v></c></row>'
           b'<row r="4"><c r="B4" s="2"><f>C2+1</f><v>6</v></c></row></sheetData></worksheet>')
    out = patch_sheet(xml, {(2, 2): Decimal("-1.5"), (2, 3): Decimal(7), (3, 1): "Text & <mer>",
                            (9, 1): Decimal(1)}, {(4, 2): Decimal(8)}).decode()
    assert '<c r="A2" t="s"><v>0</v></c><c r="B2"><v>-1.5</v></c><c r="C2" s="4"><v>7</v></c>' in out
    assert '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">Text &amp; &lt;mer&gt;</t></is></c></row>' in out
    assert '<c r="B4" s="2"><f>C2+1</f><v>8</v></c>' in out
    assert out.index('r="3"') < out.index('r="4"') < out.index('r="9"')
    assert '<row r="2" spans="1:3">' in out


def _vouchers(n: int, unquoted_every: int = 0) -> str:
    import random

    rnd = random.Random(7)
    out = []
    for v in range(1, n + 1):
        out += [f'#VER A {v} 2023{rnd.randint(1, 12):02d}15 "Verifikat {v}"', "{"]
        for i in range(4):
            code = rnd.choice(["110", "0125", "151", "210", "310", "1100", "11"])
            obj = f'1 {code}' if unquoted_every and v % unquoted_every == 0 else f'1 "{code}"'
            date = f" 2023{rnd.randint(1, 12):02d}0{i + 1}" if i % 2 else ' ""'
            out.append(f'#TRANS {rnd.choice(["5010", "3010", "4610"])} {{{obj} 6 "P{v % 40}"}} '
                       f'{rnd.randint(-99999, 99999)}.{rnd.randint(0, 99):02d}{date} "Text {{x}}"')
        out.append("}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("unquoted_every", [0, 97])
def test_the_fast_voucher_path_sums_what_the_strict_reader_sums(tmp_path, monkeypatch, unquoted_every):
    import excelreport.ledger.sie as sie_module

    path = sie(tmp_path, _vouchers(30_000, unquoted_every))  # about 3 MB: several chunks
    fast = read_sie(path, SELECT)
    fast_runs = []
    monkeypatch.setattr(sie_module._Reader, "_plain", lambda self, chunk, pos, scanners: fast_runs.append(pos) or pos)
    strict = read_sie(path, SELECT)
    assert fast_runs  # the fast path was offered the runs (and here declined them)
    assert not fast.errors and not strict.errors
    assert fast.years[2023].trans == strict.years[2023].trans
    assert ("Drift", "5010", 3) in fast.years[2023].trans and fast.sha256 == strict.sha256


def test_a_year_the_file_does_not_give_per_dimension_is_left_not_zeroed(tmp_path):
    # Vouchers of other boards only, and last year's period balances per responsibility only.
    path = sie(tmp_path, ('#PSALDO -1 202201 5010 {1 "110"} 100\n'
                          '#VER A 1 20230105 ""\n{\n#TRANS 5010 {1 "310"} 5\n}\n'))
    result, cells = sums(path, projects={9: "P12"})
    assert cells[("Drift", "Personalkostnader", "Utfall period")] == 0  # own year: vouchers say 0
    assert cells[("Drift", "Personalkostnader", "Utfall period föregående år")] == Decimal("-0.1")
    assert cells[("Investeringar", 9, "Utfall period")] == 0
    assert ("Investeringar", 9, "Utfall period föregående år") not in cells
    assert any("inga utfall per projekt för 2022" in f.message for f in result.findings)
    assert ("Drift", "Personalkostnader", "Budget") not in cells


def test_a_file_of_only_the_year_before_fills_only_that_year(tmp_path):
    path = sie(tmp_path, '#PSALDO 0 202201 5010 {1 "110"} 100\n',
               head="#FLAGGA 0\n#RAR 0 20220101 20221231\n")
    result, cells = sums(path)
    assert {column for _, _, column in cells} == {"Utfall period föregående år"}
    assert any("Ingen av filerna gäller 2023" in f.message for f in result.findings)
    assert not [f for f in result.findings if f.severity == "Fel"]


def _other_boards(blocks: int, damaged: str = "") -> str:
    """Plain voucher blocks of another board, one line replaced by ``damaged`` half-way."""
    out = []
    for v in range(blocks):
        out += [f'#VER A {v + 1} 20230{v % 9 + 1}05 "Faktura"', "{"]
        out += [f'#TRANS 5010 {{1 "310" 6 "P7"}} {v}.50 "" "Text"'] * 3
        if v == blocks // 2 and damaged:
            out[-2] = damaged
        out.append("}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("damaged, message", [
    ('#TRANS 5010 {1 "310"} 12,50 "" "Text"', "inget tal"),
    ('#TRANS 5010 {1 "310"} 1x2 "" "Text"', "inget tal"),
    ('#TRANS 5010 {1 "310" 6 "P7" 12.50 "" "Text"', "avslutas aldrig"),
    ('#TRANS 5010 {1 "310"} 12.50 20231305 "Text"', "20231305"),
])
def test_a_damaged_line_of_another_board_in_a_run_of_vouchers_is_named(tmp_path, damaged, message):
    # 40 000 blocks (several megabytes, several chunks) of another board's lines; one damaged.
    path = sie(tmp_path, _other_boards(40_000, damaged))
    result = read_sie(path, SELECT)
    line = HEAD.count("\n") + 20_000 * 6 + 4
    assert [n for n, _ in result.errors] == [line]
    assert message in result.errors[0][1]


def test_a_quoted_transaction_date_is_the_line_s_month_on_the_fast_path_too(tmp_path):
    body = _other_boards(20_000) + '#VER A 9 20230105 ""\n{\n#TRANS 5010 {1 "110"} 7 "20230305" "x"\n}\n'
    result = read_sie(sie(tmp_path, body), SELECT)
    assert not result.errors and result.years[2023].trans == {("Drift", "5010", 3): Decimal(7)}


def test_an_unquoted_code_in_a_run_of_vouchers_is_still_the_board_s(tmp_path):
    body = _other_boards(20_000) + '#VER A 9 20230105 ""\n{\n#TRANS 5010 {1 110 6 "P7"} 7\n}\n'
    result = read_sie(sie(tmp_path, body), SELECT)
    assert not result.errors and result.years[2023].trans == {("Drift", "5010", 1): Decimal(7)}


def test_a_quoted_transaction_date_is_the_line_s_month_on_the_strict_path_too(tmp_path):
    # An unquoted code makes the block go through the strict reader.
    body = '#VER A 9 20230105 ""\n{\n#TRANS 5010 {1 110} 7 "20230305" "x"\n#TRANS 5010 {1 110} 1 "Text"\n}\n'
    result = read_sie(sie(tmp_path, body), SELECT)
    assert result.years[2023].trans == {("Drift", "5010", 3): Decimal(7)}
    assert [n for n, _ in result.errors] == [HEAD.count("\n") + 4]  # "Text" is no date
