"""Helpers for the workbook tests: run the CLI, damage a copy with openpyxl, find cells by label."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
from click.testing import CliRunner

from excelreport.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(*args: str) -> Run:
    """Run the CLI in-process; an uncaught exception fails the test with its traceback."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                                env={"EXCELREPORT_DEBUG": "1"})
    return Run(result.exit_code, result.stdout, result.stderr)


def check(path: Path) -> Run:
    """``excelreport check path``, asserting the file is byte-identical afterwards."""
    before = digest(path) if Path(path).is_file() else None
    result = run("check", path)
    if before is not None:
        assert digest(path) == before, "check ändrade filen"
    assert "Traceback" not in result.out + result.err
    return result


def damage(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """Open ``path`` with openpyxl, apply ``change``, save in place; return the path."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def header_row(ws, label: str, search: int = 60) -> int:
    for r in range(1, search + 1):
        if any(c.value == label for c in ws[r]):
            return r
    raise LookupError(f"{ws.title}: ingen rubrik {label!r}")


def col_of(ws, label: str, row: int | None = None) -> int:
    """The column (1-based) of header ``label``."""
    row = row or header_row(ws, label)
    for c in ws[row]:
        if c.value == label:
            return c.column
    raise LookupError(f"{ws.title}: ingen kolumn {label!r}")


def row_of(ws, label: str, col: int = 1) -> int:
    """The row whose first (or ``col``) column holds ``label``."""
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, col).value == label:
            return r
    raise LookupError(f"{ws.title}: ingen rad {label!r}")


def cell(ws, row_label: str, column_label: str, key_col: int = 1):
    """The cell at the row labelled ``row_label`` and the column headed ``column_label``."""
    return ws.cell(row_of(ws, row_label, key_col), col_of(ws, column_label))


def lines(result: Run) -> list[str]:
    return result.out.splitlines()


def finding_lines(result: Run, where: str) -> list[str]:
    """The output lines of the findings at ``where`` (e.g. ``Drift!C5``)."""
    return [line for line in lines(result) if f"  {where}  " in line or line.split()[1:2] == [where]]
