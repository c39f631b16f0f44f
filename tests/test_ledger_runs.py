"""The fast path over runs of voucher blocks (ledger/siefast.py, sieruns.py): every line it
passes is checked, the board's lines are summed as the strict reader sums them, and a
damaged line — of the board or another — is named with its line number, also when the
lines before it were never counted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from excelreport.ledger.sie import read_sie
from test_ledger import HEAD, SELECT, _other_boards, sie

BLOCKS = 20_000  # about 1,5 MB of other boards' blocks: more than one piece read


def _board_block(line: str, ver: str = '#VER A 9 20230305 "x"') -> str:
    return f'{ver}\n{{\n#TRANS 5010 {{1 "310"}} 1.00\n{line}\n#TRANS 5010 {{1 "310"}} 2.00\n}}\n'


def _line_of(body: str, text: str) -> int:
    return (HEAD + body).splitlines().index(text) + 1


@pytest.mark.parametrize("line, message", [
    ('#TRANS 5010 {1 "110"} 7.00 20231305 "x"', "20231305"),  # the board's own line: a month 13
    ('#TRANS 5010 {1 "110"} 7,00', "inget tal"),
    ('#TRANS 5010 {1 "110" 6 "P12" 7.00', "avslutas aldrig"),
    ('#TRANS 5010 {1 "110" 6} 7.00', "parvis"),
    ('#TRANS 5010 {1 "110"} 7.00 20240105', "utanför filens räkenskapsår"),
])
def test_a_damaged_line_of_the_board_after_a_long_run_is_named(tmp_path, line, message):
    body = _other_boards(BLOCKS) + _board_block(line) + _other_boards(10)
    result = read_sie(sie(tmp_path, body), SELECT)
    assert [n for n, _ in result.errors] == [_line_of(body, line)]
    assert message in result.errors[0][1]


def test_a_voucher_of_the_board_dated_outside_the_years_is_named(tmp_path):
    ver = '#VER A 9 20240305 "x"'
    body = _other_boards(BLOCKS) + _board_block('#TRANS 5010 {1 "110"} 7.00', ver)
    result = read_sie(sie(tmp_path, body), SELECT)
    assert result.errors[0][0] == _line_of(body, ver) and "utanför filens räkenskapsår" in result.errors[0][1]


VER, BOARD = '#VER A 9 20230305 "x"', '#TRANS 5010 {1 "110"} 7.00'


@pytest.mark.parametrize("tail, named", [
    (f"{VER}\n{{\n{BOARD}\n", [VER]),  # no }
    (f"{BOARD}\n", [BOARD]),  # outside a voucher
    (f"{VER}\n{{\n{BOARD}", [BOARD, VER]),  # the last line truncated, so no }
])
def test_the_structure_after_a_run_is_checked(tmp_path, tail, named):
    body = _other_boards(BLOCKS) + tail
    result = read_sie(sie(tmp_path, body), SELECT)
    assert [n for n, _ in result.errors] == [_line_of(body, text) for text in named]


def test_a_period_balance_after_the_vouchers_has_its_line_number(tmp_path):
    # The runs' lines are not counted as they pass; the strict line after them is numbered.
    bad = '#PSALDO 0 202313 5010 {1 "110"} 5'
    body = _other_boards(BLOCKS) + bad + "\n"
    result = read_sie(sie(tmp_path, body), SELECT)
    assert [n for n, _ in result.errors] == [_line_of(body, bad)]
    assert "okänd period" in result.errors[0][1]


@pytest.mark.parametrize("blank", [" ", "\t", "  "])
def test_blanks_of_tabs_or_several_spaces_sum_as_one_space(tmp_path, blank):
    lines = ['#TRANS 5010 {1 "110" 6 "P12"} 7.25', '#TRANS 3010 {1 "125"} -1.5 20230401',
             '#TRANS 5010 {1 "310"} 3']
    block = '#VER A 9 20230305 "x"\n{\n' + "\n".join(lines).replace(" ", blank) + "\n}\n"
    result = read_sie(sie(tmp_path, _other_boards(BLOCKS) + block * 3), SELECT)
    assert not result.errors
    assert result.years[2023].trans == {("Drift", "5010", 3): Decimal("21.75"),
                                        ("P:P12", "5010", 3): Decimal("21.75"),
                                        ("Drift", "3010", 4): Decimal("-4.5")}


def test_amounts_without_two_decimals_sum_exactly(tmp_path):
    block = ('#VER A 9 20230305 "x"\n{\n#TRANS 5010 {1 "110"} 0.1\n#TRANS 5010 {1 "110"} 0.2\n'
             '#TRANS 5010 {1 "110"} -7\n#TRANS 5010 {1 "110"} 1.005\n}\n')
    result = read_sie(sie(tmp_path, _other_boards(100) + block), SELECT)
    assert result.years[2023].trans == {("Drift", "5010", 3): Decimal("-5.695")}


@pytest.mark.parametrize("size", [29, 64, 101, 4096])
def test_pieces_of_any_size_sum_as_the_strict_reader(tmp_path, monkeypatch, size):
    # Small pieces cut blocks, lines and a '}' line from its line end at every place.
    import excelreport.ledger.sie as sie_module
    import excelreport.ledger.siefast as siefast

    lines = ['#TRANS 5010 {1 "110" 6 "P12"} 7.25', '#TRANS 3010 {1 "310"} -1.5 20230401',
             '#TRANS 3010 {1 "125"} -2.5 "20230501"']
    body = "".join(f'#VER A {v} 2023{v % 12 + 1:02d}05 "x"\n{{\n' + "\n".join(lines) + "\n}\n"
                   for v in range(300)) + '#PSALDO 0 202301 5010 {1 "110"} 5\n'
    path = sie(tmp_path, body.replace("\n", "\r\n") if size == 64 else body)
    monkeypatch.setattr(siefast, "CHUNK", size)
    fast = read_sie(path, SELECT)
    monkeypatch.setattr(sie_module._Reader, "_plain", lambda self, chunk, pos, scanners: pos)
    strict = read_sie(path, SELECT)
    assert not fast.errors and not strict.errors
    assert fast.years[2023].trans == strict.years[2023].trans and fast.sha256 == strict.sha256
    assert fast.years[2023].trans[("Drift", "5010", 1)] == Decimal("7.25") * 25
