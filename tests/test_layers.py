"""The package's layers: imports only go down, no cycle, no module over 400 lines.

Every module under ``src/excelreport`` is parsed (never imported) and each of its imports,
those inside functions too, becomes an edge of the import graph (imports under
``if TYPE_CHECKING:`` are annotations only and left out). A module belongs to the first
layer that names it or a package above it; a module no layer names fails the test, so a
new module is placed on purpose. An import inside a function must spare the module's
importers a heavy library, the profile parser or (in the command line) a command's service
(``test_imports_inside_functions_spare_something``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
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


def _targets(node: ast.Import | ast.ImportFrom, base: list[str], mods) -> set[str]:
    """What one import statement loads: a package module as its name without the package
    prefix, any other module as ``"!"`` + its dotted name (``"!docx.oxml"``)."""
    if isinstance(node, ast.Import):
        return {_known(a.name, mods) if a.name.split(".")[0] == PACKAGE else "!" + a.name for a in node.names}
    if node.level:
        target = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != PACKAGE:
        return {"!" + target}
    found = set()
    for alias in node.names:  # ``from .read import xmlsafe``: the module xmlsafe
        whole = f"{target}.{alias.name}"
        found.add(_known(whole if whole.split(".", 1)[1] in mods else target, mods))
    return found


def import_statements(name: str, path: Path, is_package: bool, mods, annotations: bool = False):
    """Module ``name``'s import statements as (statement, what it loads, inside a function);
    with ``annotations``, those under ``if TYPE_CHECKING:`` too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = [PACKAGE, *filter(None, name.split("."))]
    base = here if is_package else here[:-1]
    skipped = set() if annotations else _type_checking_only(tree)
    in_function = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for n in ast.walk(f) if n is not f}
    return [(node, _targets(node, base, mods), id(node) in in_function) for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped]


def imports(name: str, path: Path, is_package: bool, mods, annotations: bool = False) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in it."""
    found = {t for _, targets, _ in import_statements(name, path, is_package, mods, annotations)
             for t in targets if not t.startswith("!")}
    found.discard(name)
    return found


def graph(annotations: bool = False) -> dict[str, set[str]]:
    """Module → the modules it imports; with ``annotations``, for type annotations only too."""
    mods = modules()
    return {name: imports(name, path, is_package, mods, annotations) for name, (path, is_package) in mods.items()}


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
    """No cycle, not even one closed by an import for annotations only (it ties the two
    modules together all the same)."""
    assert cycles(graph(annotations=True)) == []


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


MAX_FUNCTION_LINES = 60


def long_functions(trees: dict[str, ast.AST]) -> dict[str, int]:
    """``module:function`` → its length in lines (decorators left out), for those over the limit."""
    return {f"{name}:{node.name}": node.end_lineno - node.lineno + 1
            for name, tree in trees.items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES}


def test_no_long_function():
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, (path, _) in modules().items()}
    assert long_functions(trees) == {}
    made_up = ast.parse("def f():\n" + "    x = 1\n" * 60 + "def g():\n" + "    x = 1\n" * 59)
    assert long_functions({"m": made_up}) == {"m:f": 61}



# --- imports inside functions (the rule: test_imports_inside_functions_spare_something) ---

# Heavy to import, so imported where used.
HEAVY = ("babel", "concurrent.futures", "docx", "importlib.metadata", "multiprocessing", "olefile",
         "openpyxl", "pandas", "pikepdf", "pyphen", "xlsxwriter", "xlwings")
PROFILE_LIGHT = {"profile", "profile.names", "profile.carrier", "profile.shape"}  # the rest: the parser
LAZY_DOORS = ("cli",)  # its commands import their services when they run


def top_level(mods) -> dict[str, set[str]]:
    """Module → what its top-level imports name (as ``_targets`` writes them)."""
    return {name: {t for _, targets, inner in import_statements(name, path, is_package, mods) if not inner
                   for t in targets}
            for name, (path, is_package) in mods.items()}


def loads(name: str, top: dict[str, set[str]]) -> set[str]:
    """Everything importing ``name`` loads: its parent packages, its top-level imports, theirs…"""
    seen: set[str] = set()
    todo = [name]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        if not m.startswith("!"):
            parts = m.split(".") if m else []
            todo += [".".join(parts[:i]) for i in range(len(parts))] + sorted(top.get(m, ()))
    return seen


def _spares(loaded: set[str], door: bool) -> set[str]:
    """What of ``loaded`` (modules an import adds) justifies importing it late."""
    heavy = {h for m in loaded if m.startswith("!") for h in HEAVY if (m[1:] + ".").startswith(h + ".")}
    package = {m for m in loaded if not m.startswith("!")}
    parser = {m for m in package if m.split(".")[0] == "profile" and m not in PROFILE_LIGHT}
    services = {m for m in package if door and 0 < (layer_of(m) or 0) < layer_of(LAZY_DOORS[0])}
    return heavy | parser | services


def hidden_imports() -> list[str]:
    """Every import inside a function that spares nothing, as ``module:line statement``."""
    mods = modules()
    top = top_level(mods)
    found = []
    for name, (path, is_package) in mods.items():
        have = loads(name, top)
        door = name.split(".")[0] in LAZY_DOORS
        spared = _spares(have, door)
        for node, targets, inner in import_statements(name, path, is_package, mods):
            added = set().union(*(loads(t, top) for t in targets)) - have
            if inner and not _spares(added, door) - spared:
                found.append(f"{name or PACKAGE}:{node.lineno} {ast.unparse(node)}")
    return found


def test_imports_inside_functions_spare_something():
    """An import inside a function must spare its module's importers something at import.

    It does when what it loads (the module it names; for a package module, everything that
    module's top-level imports load, transitively, parent packages included) holds, beyond
    what the importing module's own top-level imports load already:

    - a module of HEAVY: python-docx, XlsxWriter, pikepdf, Babel, Pyphen, xlwings, pandas,
      openpyxl, olefile, and the stdlib's ``multiprocessing``, ``concurrent.futures`` and
      ``importlib.metadata``; or
    - a module of the profile parser: a module of profile/ outside PROFILE_LIGHT (a check of
      a workbook without a profile loads only those, tests/test_profile_carrier.py); or
    - in a module of LAZY_DOORS (the command line: every command, ``--help`` too, starts with
      ``import excelreport.cli``), a package module of a layer between core and the doors: a
      command imports what it runs (checking, writing, the report) when it runs.

    Everything else (the stdlib, click, core/, a cheap package module, a heavy library the
    module loads at its top anyway) is imported at the top of the module; an import cycle that
    a hidden import would break is fixed by placing the code in its layer.
    """
    assert hidden_imports() == []

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


def test_a_hidden_cheap_import_fails(tmp_path, monkeypatch):
    """The rule on a made-up package: a cheap import inside a function fails; a heavy library,
    a module that loads one, the profile parser and a command's service pass."""
    package = tmp_path / PACKAGE
    for folder in ("core", "profile", "report", "app", "cli"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "core" / "atomic.py").write_text("import os\n")
    (package / "profile" / "shape.py").write_text("")
    (package / "profile" / "loader.py").write_text("import tomllib\n")
    (package / "report" / "document.py").write_text("import docx\n")
    (package / "app" / "service.py").write_text(
        "from ..core import atomic\n"
        "def a():\n    import zipfile\n"                      # stdlib: hidden
        "def b():\n    from ..core.atomic import write\n"     # core, already loaded at the top
        "def c():\n    from ..profile.shape import S\n"       # cheap package module
        "def d():\n    import pikepdf.x\n"                    # heavy
        "def e():\n    from ..report.document import D\n"     # loads docx
        "def f():\n    from ..profile.loader import load\n")  # the profile parser
    (package / "app" / "report.py").write_text(
        "import docx\n"
        "def g():\n    from ..report.document import D\n"     # docx is loaded already
        "def h():\n    from docx.oxml import x\n")            # so is docx.oxml
    (package / "cli" / "book.py").write_text(
        "def i():\n    from ..app.service import run\n"       # a command's service
        "def j():\n    from ..core.atomic import w\n"         # core: never late
        "def k():\n    from . import batch\n")                # the door's own module
    (package / "cli" / "batch.py").write_text("")
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    assert hidden_imports() == [
        "app.report:3 from ..report.document import D", "app.report:5 from docx.oxml import x",
        "app.service:3 import zipfile", "app.service:5 from ..core.atomic import write",
        "app.service:7 from ..profile.shape import S",
        "cli.book:4 from ..core.atomic import w", "cli.book:6 from . import batch"]


def test_check_and_the_button_load_no_writer():
    """What the top-level imports above cost: ``check`` (and the button's start) load neither
    the xlsx writer nor run's service (app/checking.py and app/reporting.py stand apart)."""
    example = SRC.parent / "workbooks" / "delarsbokslut_ks_2023.xlsx"
    code = ("import sys, excelreport.cli, excelreport.button; from excelreport.app.checking import check_file; "
            "check_file(sys.argv[1]); print(sorted(m for m in sys.modules if m in "
            "('excelreport.write.xlsx', 'excelreport.app.service', 'excelreport.report.build')))")
    out = subprocess.run([sys.executable, "-c", code, str(example)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
