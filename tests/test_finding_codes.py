"""Every finding code the source uses is declared in ``excelreport.core.codes`` (one enum, with its
default severity): a new code is added there first.

The source is parsed, never imported. A code literal is the code argument of a ``Finding``
(the second), of any function or method with a parameter named ``code`` (``Validator.add``,
the button guard's ``fel``), a string compared with ``.code``, or a prefix given to
``.code.startswith`` — written as codes are: lower case, words joined by hyphens (a style
name given to another ``add`` is not one) — or as a member of ``Code`` (``Code.RAD_SAKNAS``).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from excelreport.core.codes import DEFAULT_SEVERITY, Code
from excelreport.core.findings import FEL, INFO, VARNING

SRC = Path(__file__).resolve().parents[1] / "src" / "excelreport"
CODE_FORM = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _trees() -> dict[Path, ast.AST]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(SRC.rglob("*.py"))}


def _code_parameters(trees) -> dict[str, int]:
    """Functions (by name) with a parameter ``code``: its index among a call's arguments."""
    out = {"Finding": 1}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                if "code" in names:
                    out[node.name] = names.index("code") - (names[:1] == ["self"])
    return out


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _literal(node) -> str | None:
    """A string constant written as a code, or a member of ``Code`` (its value; an unknown
    member by its name, which no code is), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_FORM.fullmatch(node.value):
        return node.value
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
        member = Code.__members__.get(node.attr)
        return member.value if member else node.attr
    return None


def _is_code(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "code"


def code_literals(trees=None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(code → where, prefix → where) of every code literal in the source."""
    trees = trees if trees is not None else _trees()
    params = _code_parameters(trees)
    codes: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    for path, tree in trees.items():
        for node in ast.walk(tree):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"
            found: list[str | None] = []
            if isinstance(node, ast.Call):
                index = params.get(_name(node.func))
                if index is not None and len(node.args) > index:
                    found.append(_literal(node.args[index]))
                found += [_literal(k.value) for k in node.keywords if k.arg == "code" and index is not None]
                f = node.func
                if isinstance(f, ast.Attribute) and f.attr == "startswith" and _is_code(f.value) and node.args:
                    prefix = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
                    if isinstance(prefix, str):
                        prefixes.setdefault(prefix, []).append(where)
            elif isinstance(node, ast.Compare) and (_is_code(node.left) or any(map(_is_code, node.comparators))):
                found += [_literal(n) for n in [node.left, *node.comparators]]
            for code in filter(None, found):
                codes.setdefault(code, []).append(where)
    return codes, prefixes


def test_every_code_in_the_source_is_declared():
    codes, prefixes = code_literals()
    declared = {c.value for c in Code}
    assert {c: w for c, w in codes.items() if c not in declared} == {}
    assert {p: w for p, w in prefixes.items() if not any(d.startswith(p) for d in declared)} == {}



def _string_code(node) -> str | None:
    """Only a string constant written as a code (a ``Code`` member is not one)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE_FORM.fullmatch(node.value):
        return node.value
    return None


def test_codes_are_written_as_members(monkeypatch):
    """The source names a code by its ``Code`` member, never as a string: a typo is then an
    AttributeError at import, not a finding no one looks for."""
    monkeypatch.setitem(globals(), "_literal", _string_code)
    codes, prefixes = code_literals()
    assert (codes, prefixes) == ({}, {})
    tree = ast.parse('def f(v):\n    v.add(FEL, "rad-saknas", "Drift", "C5", "text")\n'
                     "class V:\n    def add(self, severity, code, sheet, cell, message):\n        pass\n")
    assert code_literals({SRC / "made_up.py": tree})[0] == {"rad-saknas": ["made_up.py:2"]}

def test_codes_are_found_where_they_are_used():
    """The collector sees the codes of Validator.add, of a Finding, of a helper, a comparison and
    a prefix (a made-up module: the package's modules write ``Code`` members, one by one)."""
    tree = ast.parse(
        "class V:\n    def add(self, severity, code, sheet, cell, message):\n        pass\n"
        "def fel(where, code, text):\n    pass\n"
        "def f(v, x):\n"
        '    v.add(FEL, "obligatorisk", "Drift", "C5", "text")\n'
        '    Finding(FEL, "summa-avviker", "Drift", "C5", "text")\n'
        '    fel("A1", "knapp-formel", "text")\n'
        '    return x.code == "oppen-i-excel" or x.code.startswith("knapp-")\n')
    codes, prefixes = code_literals({SRC / "made_up.py": tree})
    for code in ("obligatorisk", "summa-avviker", "knapp-formel", "oppen-i-excel"):
        assert code in codes, code
    assert "knapp-" in prefixes


def test_a_code_reads_as_its_text():
    """A finding made with ``Code.X`` writes what the literal wrote (Kontroll, JSON, terminal)."""
    assert str(Code.RESULTATMAL) == f"{Code.RESULTATMAL}" == "%s" % Code.RESULTATMAL == "resultatmal"
    assert json.dumps(Code.RESULTATMAL) == '"resultatmal"'


def test_codes_are_written_as_codes():
    assert [c.value for c in Code if not CODE_FORM.fullmatch(c.value)] == []


def test_every_code_has_a_default_severity():
    assert set(DEFAULT_SEVERITY) == set(Code)
    assert set(DEFAULT_SEVERITY.values()) <= {FEL, VARNING, INFO}


def test_a_new_code_must_be_declared():
    tree = ast.parse('def f(v):\n    v.add(FEL, "ny-kod", "Drift", "C5", "text")\n'
                     "class V:\n    def add(self, severity, code, sheet, cell, message):\n        pass\n")
    codes, _ = code_literals({SRC / "made_up.py": tree})
    assert "ny-kod" in codes and "ny-kod" not in {c.value for c in Code}

