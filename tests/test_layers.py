"""The package's layers: imports only go down, no cycle, no module over 400 lines.

Every module under ``src/excelreport`` is parsed (never imported) and each of its imports,
those inside functions too, becomes an edge of the import graph (imports under
``if TYPE_CHECKING:`` are annotations only and left out). A module belongs to the first
layer that names it or a package above it; a module no layer names fails the test, so a
new module is placed on purpose.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "excelreport"

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("excelreport", "core")),
    ("contract", ("contract", "profile")),
    ("xlsx", ("read", "write", "xlsx", "macro")),
    ("check", ("check",)),
    ("calc", ("calc",)),
    ("sheets", ("sheets", "report")),
    ("services", ("app", "consolidate", "ledger")),
    ("doors", ("cli", "button", "excel")),
]

# Upward imports that today's code still has, (importer, imported) as module names without
# the package prefix, each with why it stays for now. This list may only shrink: an entry
# whose import is gone fails the test until it is removed here.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}

# Modules over MAX_LINES today, with their current length as a ceiling. This list may only
# shrink: a module that grows past its ceiling, or is split below MAX_LINES while still
# listed, fails the test.
MAX_LINES = 400
LONG_MODULES: dict[str, int] = {
}


def modules() -> dict[str, tuple[Path, bool]]:
    """Module name (without the package prefix, "" for the package) → (file, is a package)."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts[1:])] = (path, is_package)
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skipped


def _known(name: str, mods) -> str:
    """The module an absolute dotted name (``excelreport.read.xlsx.X``) is taken from."""
    parts = name.split(".")[1:]
    while ".".join(parts) not in mods:
        parts.pop()
    return ".".join(parts)


def imports(name: str, path: Path, is_package: bool, mods) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = [PACKAGE, *filter(None, name.split("."))]
    base = here if is_package else here[:-1]
    skipped = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {_known(a.name, mods) for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                target = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:  # ``from .read import xmlsafe``: the module xmlsafe
                whole = f"{target}.{alias.name}"
                found.add(_known(whole if whole.split(".", 1)[1] in mods else target, mods))
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, is_package, mods) for name, (path, is_package) in mods.items()}


def layer_of(name: str) -> int | None:
    """The index of the layer of module ``name``: the longest prefix any layer names."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            p = "" if prefix == PACKAGE else prefix
            if name == p or (p and name.startswith(p + ".")):
                if best is None or len(p) > best[0]:
                    best = (len(p), index)
    return best[1] if best else None


def upward(edges: dict[str, set[str]]) -> set[tuple[str, str]]:
    placed = {m for m in edges if layer_of(m) is not None}  # the others fail their own test
    return {(a, b) for a, targets in edges.items() for b in targets
            if a in placed and b in placed and layer_of(b) > layer_of(a)}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    assert [m or PACKAGE for m in modules() if layer_of(m) is None] == []


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_imports_only_go_down():
    edges = graph()
    found = upward(edges)
    new = sorted(found - set(ALLOWED_UPWARD))
    assert new == [], "upward imports (importer, imported): " + ", ".join(
        f"{a} ({LAYERS[layer_of(a)][0]}) → {b} ({LAYERS[layer_of(b)][0]})" for a, b in new)


def test_allowed_upward_imports_still_exist():
    """The allowlist only shrinks: an upward import that is fixed leaves it."""
    assert sorted(set(ALLOWED_UPWARD) - upward(graph())) == []


def test_no_long_module():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, (path, _) in modules().items()}
    too_long = {n: s for n, s in sizes.items() if s > LONG_MODULES.get(n, MAX_LINES)}
    assert too_long == {}
    shrunk = {n: sizes.get(n) for n in LONG_MODULES if sizes.get(n, 0) <= MAX_LINES}
    assert shrunk == {}, "under the limit now (or gone): remove from LONG_MODULES"


# --- the checker itself, on a package made for the purpose ------------------------------


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ({"a": {"b"}, "b": set()}, []),
])
def test_cycles_are_found(edges, expected):
    assert cycles(edges) == expected


def test_imports_inside_functions_count(tmp_path, monkeypatch):
    package = tmp_path / PACKAGE
    (package / "read").mkdir(parents=True)
    (package / "app").mkdir()
    (package / "__init__.py").write_text("")
    (package / "read" / "__init__.py").write_text("")
    (package / "app" / "__init__.py").write_text("")
    (package / "read" / "xlsx.py").write_text("def f():\n    from ..app.service import g\n")
    (package / "app" / "service.py").write_text("from ..read import xlsx\nfrom typing import TYPE_CHECKING\n"
                                                "if TYPE_CHECKING:\n    from ..calc import Results\n")
    (package / "calc.py").write_text("")
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    edges = graph()
    assert edges["read.xlsx"] == {"app.service"}
    assert edges["app.service"] == {"read.xlsx"}  # not calc: an annotation only
    assert upward(edges) == {("read.xlsx", "app.service")}
    assert cycles(edges) == [["app.service", "read.xlsx"]]
