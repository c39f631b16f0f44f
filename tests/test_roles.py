"""Rules are selected by what a sheet is declared to be (``Sheet.layout``, a statement's
role), never by its name: a profile whose sheet is called something else still works.

The source is parsed (never imported): a comparison of a value with a contract sheet's
name (``x == C.INFO.name``, ``x != C.TEXTER.name``, ``x in (C.DRIFT.name, …)``) or with a
sheet name written as text (``sheet == "Investeringar"``) fails. Looking a sheet up by its
name (``by_name[C.INFO.name]``), naming it in a message or iterating over names is allowed.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from excelreport import contract as C
from excelreport.button.read import format_columns
from excelreport.calc.forecast import current_forecasts
from excelreport.core.model import ResultRow
from excelreport.profile.loader import shipped
from excelreport.profile.workbook import contract_of
from excelreport.read.owner import legacy_header

SRC = Path(__file__).resolve().parents[1] / "src" / "excelreport"
SHEET_NAMES = frozenset(s.name for s in (*C.ALL_INPUT_SHEETS, *C.OPTIONAL_SHEETS)) | frozenset(
    C.ALL_RESULT_SHEET_NAMES) | {"Verksamhetsmått", "Resultat Verksamhetsmått"}
COMPARING = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)


def _is_contract_name(node: ast.AST) -> bool:
    """``C.X.name`` (also ``contract.X.name``): a contract sheet's name."""
    return (isinstance(node, ast.Attribute) and node.attr == "name" and isinstance(node.value, ast.Attribute)
            and node.value.attr.isupper() and isinstance(node.value.value, ast.Name))


def _names_a_sheet(node: ast.AST) -> bool:
    if _is_contract_name(node):
        return True
    if isinstance(node, ast.Constant):
        return node.value in SHEET_NAMES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_names_a_sheet(e) for e in node.elts)
    return False


def _selects(node: ast.Compare) -> bool:
    """A value compared with a sheet's name, or looked for among sheet names written out
    (``x in (C.DRIFT.name, …)``); ``C.MAL.name in sheets`` asks whether a sheet is there."""
    left = node.left
    for op, right in zip(node.ops, node.comparators):
        if isinstance(op, (ast.In, ast.NotIn)):
            if _names_a_sheet(right):
                return True
        elif isinstance(op, COMPARING) and (_names_a_sheet(left) or _names_a_sheet(right)):
            return True
        left = right
    return False


def name_comparisons(tree: ast.AST, where: str) -> list[str]:
    """``where:line`` of every comparison that selects by a sheet's name."""
    lines = sorted(node.lineno for node in ast.walk(tree) if isinstance(node, ast.Compare) and _selects(node))
    return [f"{where}:{line}" for line in lines]


def test_no_rule_is_selected_by_a_sheet_name():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        found += name_comparisons(ast.parse(path.read_text(encoding="utf-8")), str(path.relative_to(SRC)))
    assert not found, "val efter bladnamn i stället för bladets deklarerade layout eller roll: " + ", ".join(found)


MADE_UP = '''
if spec.name == C.INFO.name:
    pass
kind = x if spec.name != C.TEXTER.name else y
ok = sheet in (C.DRIFT.name, C.EXPLOATERING.name)
if change.sheet == "Investeringar":
    pass
spec = by_name[C.INFO.name]
message = f"bladet {C.TEXTER.name}"
for sheet in (C.DRIFT.name, C.EXPLOATERING.name):
    pass
if spec.layout == C.FORM and row.label == "Enhet":
    pass
if "Mål" not in sheets or C.INFO.name in by_name:
    pass
x = sheet not in {"Info", "Texter"}
y = sheet is C.INFO.name
'''


def test_the_scan_finds_what_it_should_and_nothing_else():
    assert name_comparisons(ast.parse(MADE_UP), "made_up.py") == [
        "made_up.py:2", "made_up.py:4", "made_up.py:5", "made_up.py:6", "made_up.py:16", "made_up.py:17"]


# --- the declared kinds -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["standard", "exempelby-bun"])
def test_every_profile_declares_its_form_texts_and_tree(name):
    sheets = contract_of(shipped(name)).input_sheets
    layouts = {s.name: s.layout for s in sheets}
    assert layouts[C.INFO.name] == C.FORM and layouts[C.TEXTER.name] == C.TEXTS
    assert layouts[C.INVESTERINGAR.name] == C.TREE
    assert all(s.layout == C.TABLE for s in sheets if s.name not in (C.INFO.name, C.TEXTER.name,
                                                                   C.INVESTERINGAR.name))


def test_a_form_by_another_name_is_read_as_a_form():
    """The button reads the value column's number format of a form, whatever its name."""
    assert format_columns(replace(C.INFO, name="Uppgifter")) == ("Värde",)
    assert format_columns(replace(C.INFO, name="Uppgifter", layout=C.TABLE)) == ()


def test_the_history_keeps_a_trees_first_level():
    class Results:
        drift = [ResultRow("Årets resultat", {C.FORECAST: Decimal(1)}, level=2)]
        investments = [ResultRow("Projekt", {C.FORECAST: Decimal(2)}, level=1),
                       ResultRow("Delprojekt", {C.FORECAST: Decimal(3)}, level=2),
                       ResultRow(C.TOTAL_EXPENDITURE, {C.FORECAST: Decimal(2)}, level=0)]
    assert current_forecasts(Results()) == {
        ("Drift", "Årets resultat"): 1, ("Investeringar", "Projekt"): 2,
        ("Investeringar", C.TOTAL_EXPENDITURE): 2}


def test_a_history_result_sheet_has_its_followups_between():
    name, cols = C.RESULT_PROGNOSHISTORIK.name, C.RESULT_PROGNOSHISTORIK.columns
    assert legacy_header(name, [*cols[:2], "april", "augusti", *cols[2:]])
    assert legacy_header(name, list(cols))
    assert not legacy_header(name, [*cols[:2], "april", None, *cols[2:]])
    assert not legacy_header(C.RESULT_DRIFT.name, [*C.RESULT_DRIFT.columns[:2], "april", *C.RESULT_DRIFT.columns[2:]])
