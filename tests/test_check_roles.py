"""The checks read each sheet as the workbook's profile declares it (its shape), not as the
standard contract does."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from excelreport.profile import shipped_text
from wbtools import check, run

INFO = ("--kommun", "Exempelby kommun", "--namnd", "Nämnden", "--ar", "2023",
        "--period", "Delårsbokslut", "--slutmanad", "8", "--enhet", "tkr")


def test_internal_control_is_assessed_on_the_profiles_scale(tmp_path: Path):
    """A profile's own level for internal control (its dropdown in the workbook) is no Fel."""
    profile = tmp_path / "egen.toml"
    profile.write_text(shipped_text("standard").decode("utf-8")
                       .replace('namn = "standard"', 'namn = "egen"')
                       .replace('"Anmärkning nära målvärde"', '"Nära målvärde"'), encoding="utf-8")
    book = tmp_path / "bok.xlsx"
    assert run("new", book, *INFO, "--profil", profile).code == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Internkontroll"]
    ws["A4"], ws["B4"], ws["D4"] = "Felaktiga utbetalningar", "Stickprov", "Nära målvärde"
    wb.save(book)
    result = check(book)
    assert "Internkontroll!" not in result.out, result.out
