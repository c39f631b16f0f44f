"""The button never writes over or removes a user's own sheet named like a result sheet
(issue 21), as ``run`` does not: it refuses before it writes anything, and marks the sheets
it writes with the sheet-scoped name ``Resultatblad_excelreport`` (the fake models
xlwings' ``book.names``)."""

from __future__ import annotations

import sys

import pytest

import fake_xlwings as F
from excelreport import contract as C
from excelreport import button
from excelreport import macro as M
from wbtools import run

MARK = "Resultatblad_excelreport"


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "appdata"))


def press(book, monkeypatch) -> button.Outcome:
    monkeypatch.setitem(sys.modules, "xlwings", F.module(book))
    return button.run_book(book, pdf=False)


def own_sheet(book, name: str, rows: list[list]) -> F.FakeSheet:
    sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
    sheet.range("A1").value = rows
    return sheet


def marked(book) -> set[str]:
    return {n.sheet.name for n in book.names if n.sheet is not None and n.name.endswith("!" + MARK)}


@pytest.mark.parametrize("name", ["Kontroll", "Resultat Drift"])
def test_a_users_own_result_named_sheet_refuses_the_click_and_survives(example, monkeypatch, name):
    book = F.load(example)
    mine = own_sheet(book, name, [["Avstämning", None], ["Bank", 99999], ["Egen analys", 777]])
    before = (mine.values(), book.sheets.names)
    outcome = press(book, monkeypatch)
    assert outcome.result == button.FAILED
    assert (mine.values(), book.sheets.names) == before  # nothing written, nothing removed
    assert mine in list(book.sheets)
    assert not (example.parent / button.REPORT_FOLDER).exists()
    message = book.sheets["Info"].range(M.STATUS_RANGE).value[1][0]
    assert f"'{name}'" in message and f"'{name} (egen)'" in message and "Byt namn" in message
    assert not marked(book)


def test_the_written_sheets_carry_the_mark_and_are_replaced_next_time(example, monkeypatch):
    book = F.load(example)
    assert press(book, monkeypatch).result == button.OK
    assert marked(book) == set(C.RESULT_SHEET_NAMES)
    assert press(book, monkeypatch).result == button.OK
    assert len(book.names) == len(C.RESULT_SHEET_NAMES)  # marked once, not again


def test_sheets_of_an_earlier_button_known_by_their_header_are_replaced(example, monkeypatch):
    book = F.load(example)
    assert press(book, monkeypatch).result == button.OK
    book.names._list.clear()  # written before the mark existed
    assert press(book, monkeypatch).result == button.OK
    assert marked(book) == set(C.RESULT_SHEET_NAMES)


def test_the_mark_run_sets_in_the_file_is_honoured_by_the_button(example, monkeypatch):
    assert run("run", example).code == 0
    book = F.load(example)
    assert marked(book) == set(C.RESULT_SHEET_NAMES)
    for name in C.RESULT_SHEET_NAMES:  # not recognisable by the header: only the mark tells
        book.sheets[name].cells[(1, 1)].value = "Ändrad rubrik"
    assert press(book, monkeypatch).result == button.OK


def test_a_stale_result_sheet_of_the_users_is_not_deleted(example, monkeypatch):
    book = F.load(example)
    assert press(book, monkeypatch).result == button.OK
    stale = next(n for n in C.ALL_RESULT_SHEET_NAMES if n not in C.RESULT_SHEET_NAMES)
    mine = own_sheet(book, stale, [["Min analys"], [123]])
    outcome = press(book, monkeypatch)
    assert outcome.result == button.FAILED and f"'{stale}'" in outcome.message
    assert book.sheets[stale] is mine and mine.values() == [["Min analys"], [123]]
