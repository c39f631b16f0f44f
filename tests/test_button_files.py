"""What the button writes and reads beside the workbook: no report through a link in
``Rapport``, bounded reads of the live book; ``next -o X.xlsm`` leaves nothing on a failure."""

from __future__ import annotations

import datetime as dt
import os
import sys

import openpyxl
import pytest

import fake_xlwings as F
from excelreport import button
from excelreport import macro as M
from excelreport.app import nextperiod
from excelreport.button.read import MAX_CELLS
from excelreport.core.errors import ExcelReportError
from excelreport.app.generate import write_workbook

NOW = dt.datetime(2023, 9, 12, 14, 3)


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))


def press(book, monkeypatch) -> button.Outcome:
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    return button.run_book(book, now=NOW, pdf=False)


def _untouched(book, before: dict) -> bool:
    return all(before[s.name] == s.values() for s in book.sheets if s.name != "Info") and \
        [s.name for s in book.sheets] == list(before)


@pytest.mark.parametrize("planted", ["folder link", "file", "report link"])
def test_no_report_through_a_link_or_over_a_file_named_rapport(example, tmp_path, monkeypatch, planted):
    book = F.load(example)
    before = {s.name: s.values() for s in book.sheets}
    elsewhere = tmp_path / "någon annanstans"
    elsewhere.mkdir()
    victim = elsewhere / "viktig.docx"
    victim.write_bytes(b"mitt eget")
    report = example.parent / button.REPORT_FOLDER
    if planted == "folder link":
        report.symlink_to(elsewhere, target_is_directory=True)
    elif planted == "file":
        report.write_text("en fil, ingen mapp")
    else:
        report.mkdir()
        (report / "Delårsbokslut 2023 Kommunstyrelsen.docx").symlink_to(victim)
    outcome = press(book, monkeypatch)
    assert outcome.result == button.FAILED and not outcome.files
    assert outcome.message.startswith("Knappen skriver ingen rapport:"), outcome.message
    assert ("länk" if "link" in planted else "en fil, inte en mapp") in outcome.message
    assert "Något oväntat" not in outcome.message
    assert victim.read_bytes() == b"mitt eget" and os.listdir(elsewhere) == ["viktig.docx"]
    assert _untouched(book, before)  # refused before the result sheets were written


def test_a_plain_rapport_folder_still_gets_the_report(example, monkeypatch):
    (example.parent / button.REPORT_FOLDER).mkdir()
    outcome = press(F.load(example), monkeypatch)
    assert outcome.result == button.OK and outcome.files[0].parent == example.parent / button.REPORT_FOLDER


def test_a_stray_value_far_away_is_refused_without_reading_the_whole_range(example, monkeypatch):
    book = F.load(example)
    book.sheets["Drift"].cell(2000, 1000).value = "x"  # the used range: 2 million cells
    before = {s.name: s.values() for s in book.sheets}
    reads = []
    original = F.FakeRange.value.fget

    def counted(rng):
        reads.append(rng.shape[0] * rng.shape[1])
        return original(rng)

    monkeypatch.setattr(F.FakeRange, "value", property(counted, F.FakeRange.value.fset))
    outcome = press(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert "Bladet Drift används ända till cellen ALL2000" in outcome.message
    assert f"högst {MAX_CELLS:,}".replace(",", " ") in outcome.message
    assert "Ctrl+End" in outcome.message
    assert max(reads) <= 1_000_000
    assert _untouched(book, before)


def test_next_to_a_macro_workbook_leaves_nothing_when_the_disk_is_full(tmp_path, reference_data, monkeypatch):
    book = write_workbook(tmp_path / "Delar_KS_2023.xlsm", reference_data, macro=M.MacroWorkbook())
    before = sorted(p.name for p in tmp_path.iterdir())

    def full(*args, **kwargs):
        raise ExcelReportError("disken är full")

    monkeypatch.setattr(nextperiod, "_write_atomically", full)
    with pytest.raises(ExcelReportError):
        nextperiod.next_period(book, tmp_path / "Arsredovisning_KS_2023.xlsm", period="Årsredovisning",
                               end_month=12)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no Arsredovisning_KS_2023.py


def test_next_replaces_an_interpreter_the_button_refuses(tmp_path, reference_data):
    old = r"%LOCALAPPDATA%\Programs\Python\Python312\python.exe"
    book = write_workbook(tmp_path / "Delar_KS_2023.xlsm", reference_data, macro=M.MacroWorkbook(old))
    done = nextperiod.next_period(book, tmp_path / "Ar_KS_2023.xlsm", period="Årsredovisning", end_month=12)
    assert openpyxl.load_workbook(done.target)[M.CONF_SHEET]["B1"].value == M.DEFAULT_INTERPRETER
    assert [f.code for f in done.notes] == ["knapp-tolk-bytt"]
