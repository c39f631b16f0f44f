"""The command line: exact output and exit codes; the contract documentation; the README."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from excelreport import contract as C
from excelreport.cli import main
from excelreport.app.contract_doc import contract_markdown
from wbtools import check, run

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = """\
Allvarlighet  Cell      Meddelande
------------  --------  ----------
Fel           Info!B10  Enhet: 'kr' är inte ett tillåtet värde. Tillåtna: 'tkr', 'mnkr'.
Fel           Drift!C5  Personalkostnader, Periodbudget: hittade texten 'abc'; ett tal förväntas.
Varning       Drift!E6  Lokalhyror, Prognos helår: 12 är positivt; kostnader skrivs som negativa belopp. Stämmer det (en kreditering) kan du låta det stå.
2 fel, 1 varning, 0 info.
"""


@pytest.fixture
def small(tmp_path) -> Path:
    """A new workbook with Info prefilled, Drift filled with zeros and three mistakes."""
    path = tmp_path / "liten.xlsx"
    assert run("new", path, "--kommun", "Alingsås kommun", "--namnd", "Kommunstyrelsen", "--ar", "2023",
               "--period", "Delårsbokslut", "--slutmanad", "8").code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["Drift"]
    for r in range(4, 14):
        for c in range(2, 8):
            if ws.cell(r, c).data_type != "f":
                ws.cell(r, c).value = 0
    ws["C5"], ws["E6"], wb["Info"]["B10"] = "abc", 12, "kr"
    wb.save(path)
    return path


def test_check_prints_the_exact_table_and_exits_1(small):
    result = check(small)
    assert (result.code, result.out, result.err) == (1, EXPECTED, "")


def test_check_exit_0_with_warnings_only(example):
    result = check(example)
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines()[0].split() == ["Allvarlighet", "Cell", "Meddelande"]
    assert result.out.endswith("\n0 fel, 15 varningar, 0 info.\n")


def test_check_without_findings(example):
    wb = openpyxl.load_workbook(example)
    wb["Info"]["B11"] = None  # no comment threshold: no comment warnings
    for ref in ("B8", "C8"):
        wb["Exploatering"][ref] = -wb["Exploatering"][ref].value
    wb["Mål"]["E7"] = "Ej uppfyllt"
    wb.save(example)
    result = check(example)
    assert (result.code, result.out) == (0, "Inga fynd: arbetsboken följer standarden.\n"
                                            "0 fel, 0 varningar, 0 info.\n")


def test_check_unusable_exit_2(tmp_path):
    path = tmp_path / "brus.xlsx"
    path.write_bytes(b"\x01\x02\x03" * 100)
    result = check(path)
    assert (result.code, result.out) == (2, "")
    assert result.err == "Fel: brus.xlsx: filen är ingen Excel-arbetsbok (okänt innehåll).\n"


def test_installed_command_never_shows_a_traceback(tmp_path):
    """The real entry point, in its own process, without EXCELREPORT_DEBUG."""
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    env = {k: v for k, v in os.environ.items() if k != "EXCELREPORT_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "excelreport.cli", "check", str(path)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("Fel: trasig.xlsx:") and "Traceback" not in proc.stderr


def test_unknown_option_is_exit_2():
    result = run("check", "--nej")
    assert result.code == 2 and "--nej" in result.err


def test_help_lists_the_commands():
    result = run("--help")
    assert result.code == 0
    for name in main.commands:
        assert re.search(rf"^\s+{name}\s", result.out, re.M), name


# --- excelreport contract ------------------------------------------------------------------


def test_contract_command_prints_the_markdown():
    result = run("contract")
    assert result.code == 0 and result.out == contract_markdown()


def test_contract_doc_names_every_sheet_column_row_and_value():
    doc = contract_markdown()
    for spec in C.INPUT_SHEETS:
        assert f"## `{spec.name}`" in doc
        section = doc.split(f"## `{spec.name}`")[1].split("\n## ")[0]
        for col in spec.columns:
            assert f"| `{col.label}` |" in section, (spec.name, col.label)
            for choice in col.choices:
                assert f"`{choice}`" in section
        for row in spec.rows:
            assert f"| `{row.label}` |" in section, (spec.name, row.label)
            for choice in row.choices:
                assert f"`{choice}`" in section
    for res in C.RESULT_SHEETS:
        assert f"## `{res.name}`" in doc
        assert all(f"`{c}`" in doc for c in res.columns)


def test_docs_contract_md_is_up_to_date():
    """docs/contract.md is what ``excelreport contract -o docs/contract.md`` writes."""
    assert (ROOT / "docs" / "contract.md").read_text(encoding="utf-8") == contract_markdown()


def test_contract_output_to_file(tmp_path):
    out = tmp_path / "kontrakt.md"
    result = run("contract", "-o", out)
    assert result.code == 0 and out.read_text(encoding="utf-8") == contract_markdown()


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`excelreport {name}" in readme, f"README saknar kommandot {name}"
    assert "docs/contract.md" in readme
