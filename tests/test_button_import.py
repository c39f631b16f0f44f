"""The second button, *Importera och skapa rapport* (``main(import_first=True)``): the files
``Info!Importfiler`` names are imported into the live workbook before it is built; a refusal
or an import ``Fel`` changes nothing. Driven by the fake of the xlwings API."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import fake_xlwings as F
from conftest import EXAMPLE
from excelreport import button
from excelreport.app.importing import plan_import
from excelreport.read.xlsx import read_workbook
from test_import import SIE_2022, SIE_2023, blanked

NOW = dt.datetime(2023, 9, 12, 14, 3)


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))


def book_naming(tmp_path: Path, files: str) -> Path:
    """The example, import cells emptied, its Info naming ``files``; the ledger files in
    ``redovisning`` beside it."""
    (tmp_path / "redovisning").mkdir(exist_ok=True)
    for src in (SIE_2023, SIE_2022):
        shutil.copyfile(src, tmp_path / "redovisning" / src.name)
    path = blanked(EXAMPLE, tmp_path / "ks.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Info"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Importfiler")
    ws.cell(row, 2).value = files or None
    wb.save(path)
    return path


def live_values(book, cells: dict) -> dict:
    return {(s, k): book.sheets[s].range(k).value for s, values in cells.items() for k in values}


def test_the_import_button_imports_the_named_files_then_builds(tmp_path, monkeypatch):
    separator = "\\" if os.sep == "\\" else "/"  # a controller on Windows writes backslashes
    path = book_naming(tmp_path, f"redovisning{separator}ks-2023.se;\n redovisning/ks-2022.se")
    expected = plan_import(read_workbook(path), [tmp_path / "redovisning" / "ks-2023.se",
                                                  tmp_path / "redovisning" / "ks-2022.se"])[1]
    book = F.load(path)
    outcome = button.run_book(book, now=NOW, pdf=False, import_first=True)
    errors = [r for r in book.sheets["Kontroll"].values() if r[0] == "Fel"]
    assert outcome.result == button.OK, (outcome.message, errors)
    assert outcome.message.startswith("Importerat ur ks-2023.se, ks-2022.se: ")
    got = live_values(book, expected)
    for (sheet, key), value in got.items():
        want = expected[sheet][key]
        assert (Decimal(repr(value)) if isinstance(value, float) else value) == (
            Decimal(repr(float(want))) if isinstance(want, Decimal) else want), (sheet, key)
    assert any(f.suffix == ".docx" for f in outcome.files)


@pytest.mark.parametrize("files, cause", [
    ("", "Fältet Importfiler på bladet Info är tomt"),
    ("redovisning/saknas.se", "finns inte"),
    ("redovisning", "är ingen fil"),
    ("länk.se", "är en länk"),
    ("redovisning/fel-år.se", "Importen stoppades, inget skrevs"),
])
def test_a_refused_import_changes_nothing_and_names_the_cause(tmp_path, files, cause):
    path = book_naming(tmp_path, files)
    (tmp_path / "länk.se").symlink_to(tmp_path / "redovisning" / "ks-2023.se")
    (tmp_path / "redovisning" / "fel-år.se").write_bytes(b"#RAR 0 20190101 20191231\n")
    book = F.load(path)
    before = {name: book.sheets[name].values() for name in ("Drift", "Investeringar", "Info")}
    outcome = button.run_book(book, now=NOW, pdf=False, import_first=True)
    assert outcome.result == button.FAILED and cause in outcome.message, outcome.message
    fields = lambda rows: [row[:2] for row in rows]  # noqa: E731  (the status cells beside change)
    assert fields(book.sheets["Info"].values()) == fields(before["Info"])
    assert book.sheets["Drift"].values() == before["Drift"]
    assert book.sheets["Investeringar"].values() == before["Investeringar"]
