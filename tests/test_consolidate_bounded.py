"""consolidate in bounded time and memory: a folder beyond its documented limits (number of
files, the contract sheets' XML over all workbooks) is refused with exit 2 and a Swedish
message before anything is read or written, in a child process limited to 500 MB and the
test's seconds (tests/test_bounded.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from excelreport.consolidate.limits import MAX_FILES, MAX_FOLDER_XML
from kommunbook import kommun
from test_bounded import before_close, bounded, rewrite, sheet_part
from wbtools import digest


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in folder.iterdir()}


def test_thousands_of_tiny_files_are_refused_at_once(tmp_path):
    folder = tmp_path / "manga"
    folder.mkdir()
    for n in range(5500):
        (folder / f"fil {n:04d}.xlsx").write_bytes(b"x")
    before = snapshot(folder)
    answer = bounded("consolidate", folder, seconds=15)
    assert answer.code == 2, answer.out + answer.err
    assert answer.err.startswith("Fel: ") and f"högst {MAX_FILES}" in answer.err and "5500" in answer.err
    assert snapshot(folder) == before


def test_as_many_files_as_allowed_are_answered(tmp_path):
    """At the limit: every tiny file is listed as unreadable, the compilation written."""
    folder = tmp_path / "manga"
    folder.mkdir()
    for n in range(MAX_FILES):
        (folder / f"fil {n:04d}.xlsx").write_bytes(b"x")
    answer = bounded("consolidate", folder, "-o", tmp_path / "s.xlsx")
    assert answer.code == 1, answer.out + answer.err
    assert answer.out.count("Kan inte läsas") == MAX_FILES


def investment_rows(n: int):
    """``n`` rows of the Investeringar sheet's XML (level 2 projects with five amounts)."""
    for start in range(10, 10 + n, 5000):
        yield "".join(
            f'<row r="{r}"><c r="A{r}"><v>2</v></c><c r="B{r}" t="inlineStr"><is><t>Projekt {r}</t></is></c>'
            + "".join(f'<c r="{col}{r}"><v>{1000 + r + k}</v></c>' for k, col in enumerate("CDEFG"))
            + "</row>" for r in range(start, min(start + 5000, 10 + n))).encode()


@pytest.fixture(scope="module")
def big_board(tmp_path_factory) -> Path:
    """A board with 50 000 investment rows (a few MB on disk, ~10 MB of sheet XML)."""
    path = tmp_path_factory.mktemp("stor") / "Socialnämnden.xlsx"
    shutil.copyfile(Path(kommun.OUT) / "Socialnämnden.xlsx", path)
    rewrite(path, {sheet_part(path, "Investeringar"): before_close(b"sheetData", investment_rows(50_000))})
    return path


def test_six_boards_of_50000_investment_rows_are_refused_in_bounded_time(tmp_path, big_board):
    folder = tmp_path / "stora"
    shutil.copytree(kommun.OUT, folder)
    for name in [p.name for p in folder.glob("*.xlsx") if p.name != "Finansförvaltning.xlsx"]:
        shutil.copyfile(big_board, folder / name)
    before = snapshot(folder)
    answer = bounded("consolidate", folder, "--report", tmp_path / "rapport", seconds=15)
    assert answer.code == 2, answer.out + answer.err
    message = answer.err.splitlines()[-1]
    assert message.startswith("Fel: ") and "för stora" in message and "nämnden.xlsx (12," in message
    assert f"högst {MAX_FOLDER_XML // (1024 * 1024)},0 MB" in message
    assert snapshot(folder) == before and not (tmp_path / "rapport").exists()


def test_a_users_own_big_sheet_does_not_count(tmp_path, big_board):
    """Only the contract's sheets count: a board's own sheet of the same size is never read."""
    from excelreport.consolidate.limits import check_size

    folder = tmp_path / "egen"
    shutil.copytree(kommun.OUT, folder)
    with __import__("zipfile").ZipFile(big_board) as zf:
        big = zf.read(sheet_part(big_board, "Investeringar"))
    for p in folder.glob("*.xlsx"):
        rewrite(p, {}, {"xl/worksheets/egen.xml": [big]})  # a part no sheet names: never read
    check_size(sorted(folder.glob("*.xlsx")))  # no refusal
