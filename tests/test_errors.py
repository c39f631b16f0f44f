"""One exception module: every exception class the package defines, except private control
flow (a name starting with ``_``, or ``Enough``, the first-row reader's early stop), lives in
``excelreport.core.errors`` (parsed, never imported)."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

from excelreport.core import errors

SRC = Path(__file__).resolve().parents[1] / "src" / "excelreport"
PRIVATE = {"Enough"}  # xlsx/first_row.py: stops the parse once the first row is read


def _exception_classes() -> dict[str, str]:
    """Class name → file of every class whose bases name an exception (transitively)."""
    classes: dict[str, tuple[str, list[str]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else ""
                         for b in node.bases]
                classes[node.name] = (str(path.relative_to(SRC)), bases)

    def is_exception(name: str, seen=()) -> bool:
        builtin = getattr(builtins, name, None)
        if isinstance(builtin, type) and issubclass(builtin, BaseException):
            return True
        return name in classes and name not in seen and any(is_exception(b, (*seen, name)) for b in classes[name][1])

    return {name: where for name, (where, _) in classes.items() if is_exception(name)}


def test_every_public_exception_lives_in_errors():
    found = _exception_classes()
    public = {n: w for n, w in found.items() if not n.startswith("_") and n not in PRIVATE}
    assert {n: w for n, w in public.items() if w != "core/errors.py"} == {}
    assert set(public) == {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, BaseException)}


def test_the_refusals_share_one_root():
    assert all(issubclass(getattr(errors, n), errors.ExcelReportError)
               for n in ("UnusableFile", "WorkbookLocked", "DiskFull", "WriteError", "PdfUnavailable", "ProfileError"))
