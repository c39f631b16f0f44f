"""Helpers for the run tests: build workbooks from data, read result sheets back, compare inputs."""

from __future__ import annotations

import copy
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl

from excelreport import contract as C
from excelreport.app.generate import write_workbook


def D(x) -> Decimal | None:
    """A JSON/openpyxl number as the Decimal the user typed (floats via their repr)."""
    if x is None or x == "":
        return None
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


def close(actual, expected, what: str = "") -> None:
    """A figure read from a result sheet equals the expected exact Decimal (15 digits)."""
    if expected is None:
        assert actual is None, f"{what}: förväntade tom cell, fick {actual!r}"
        return
    assert isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{what}: {actual!r}"
    tol = Decimal("1e-9") * max(Decimal(1), abs(expected))
    assert abs(D(actual) - expected) <= tol, f"{what}: {actual} ≠ {expected}"


def result_rows(path: Path, sheet: str) -> list[dict]:
    """The rows of a result sheet as dicts keyed by its header (row 1)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()
    header = rows[0]
    return [dict(zip(header, r)) for r in rows[1:]]


def clean_data(reference: dict) -> dict:
    """The reference data changed so that it gives no finding at all."""
    data = copy.deepcopy(reference)
    data["Info"].pop("Kommentarsgräns", None)
    for row in data["Exploatering"]:
        if row["Rad"] == "Övriga kostnader":
            for k, v in row.items():
                if isinstance(v, (int, float)) and v > 0:
                    row[k] = -v
    for goal in data["Mål"]:
        if goal["Mål nr"] == 4:
            goal["Bedömning"] = "Ej uppfyllt"
    return data


def make(path: Path, data: dict, **kw) -> Path:
    write_workbook(path, data, **kw)
    return path


def input_snapshot(path: Path) -> dict:
    """Every input cell (value or formula, number format, font, fill, protection, alignment),
    every sheet's data validations, conditional formats, merged cells and protection."""
    wb = openpyxl.load_workbook(path)
    snap = {}
    for spec in C.INPUT_SHEETS:
        if spec.name not in wb.sheetnames:
            continue
        ws = wb[spec.name]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                cells[c.coordinate] = (c.value, c.number_format, repr(c.font), repr(c.fill),
                                       repr(c.protection), repr(c.alignment), repr(c.border))
        snap[spec.name] = {
            "cells": cells,
            "validations": [(dv.sqref, dv.type, dv.formula1, dv.error) for dv in ws.data_validations.dataValidation],
            "conditional": [(str(k.sqref), [r.formula for r in v]) for k, v in ws.conditional_formatting._cf_rules.items()],
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "protection": ws.protection.sheet,
            "freeze": ws.freeze_panes,
            "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        }
    return snap


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sheet_part(path: Path, sheet: str) -> str:
    """The zip part name of ``sheet``."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        idx = wb.sheetnames.index(sheet)
    finally:
        wb.close()
    import re

    p = parts(path)
    workbook = p["xl/workbook.xml"].decode()
    rels = p["xl/_rels/workbook.xml.rels"].decode()
    rid = re.findall(r'<sheet [^>]*r:id="([^"]+)"', workbook)[idx]
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")
