"""Work in a forked helper: its value, its errors and its death reach the caller."""

from __future__ import annotations

import os

import pytest

from excelreport.core.background import Background
from excelreport.core.errors import ExcelReportError, WorkbookLocked


def _locked():
    raise WorkbookLocked("Arbetsboken är öppen i Excel.")


def _bug():
    raise ValueError("ett fel i koden")


def _dies():
    os._exit(9)  # as a helper killed for its memory would


def test_the_value_comes_back_and_the_work_ran_elsewhere():
    job = Background(os.getpid)
    assert job.result() != os.getpid()


def test_an_excelreport_error_is_raised_as_itself():
    job = Background(_locked)
    with pytest.raises(WorkbookLocked, match="öppen i Excel"):
        job.result()


def test_a_bug_is_a_runtime_error_naming_it():
    with pytest.raises(RuntimeError, match="ValueError: ett fel i koden"):
        Background(_bug).result()


def test_a_helper_that_dies_is_a_swedish_error():
    with pytest.raises(ExcelReportError, match="Skrivningen avbröts"):
        Background(_dies, what="skrivningen").result()


def test_without_fork_the_work_runs_at_once(monkeypatch):
    monkeypatch.setenv("EXCELREPORT_NO_FORK", "1")
    assert Background(os.getpid).result() == os.getpid()
    with pytest.raises(WorkbookLocked):
        Background(_locked)  # raised by the call, as a direct call would
