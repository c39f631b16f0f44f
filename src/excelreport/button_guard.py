"""What the button's macros obey, checked before anything runs: ``xlwings.conf`` and the folder.

xlwings' VBA (``RunPython`` in the installed ``xlwings.bas``) reads the ``xlwings.conf``
sheet from A1 down (keys upper-cased, values expanded for ``%VAR%``), then an
``xlwings.conf`` *file* in the workbook's folder, then the user's own file, and runs
``cmd /C [cd <python dir> &] [<Conda Path>\\condabin\\conda activate <Conda Env> &&]
"<Interpreter_Win>" -B -c "…prepare_sys_path('<PYTHONPATH>'); import NAME; NAME.main()"``
(only ``&`` escaped in PYTHONPATH; Conda values pasted raw; ``TEMP DIR`` names the log; a
sheet whose name ends in ``.py`` plus a ``LICENSE_KEY`` runs code stored in the workbook).
``prepare_sys_path`` puts the workbook's folder and ``NAME.zip`` first on ``sys.path``, so
``import NAME`` takes whatever ``NAME`` is there (a package folder or ``.pyd`` before the
``.py``). Everything that makes this run something else than the installed toolkit is a
``Fel``; the button refuses to run with any of them, ``check``/``run`` list them.
"""

from __future__ import annotations

import re
from pathlib import Path

from .findings import FEL, Finding
from .macro import CONF_NOTE, CONF_ROWS, CONF_SHEET, companion_source, name_problem
from .read.grid import Grid, WorkbookGrids, address

KEYS = {key.upper(): key for key, _, _ in CONF_ROWS}
MUST_BE_EMPTY = ("PYTHONPATH", "CONDA PATH", "CONDA ENV", "UDF MODULES")
MUST_BE_FALSE = ("DEBUG UDFS", "USE UDF SERVER")
FLAGS = ("SHOW CONSOLE",)
# A Windows path (drive letter or %VAR% first) to python.exe/pythonw.exe, or the bare name;
# none of cmd's metacharacters (the value is pasted into a cmd /C line), no network path.
_SEGMENT = r'[^\\/:*?"<>|&^%!;\x00-\x1f]+'
_WIN_INTERPRETER = re.compile(
    rf"(?:pythonw?|(?:[A-Za-z]:|%[A-Za-z_][A-Za-z0-9_()]*%)(?:\\{_SEGMENT})*\\pythonw?\.exe)",
    re.IGNORECASE)
_MAC_INTERPRETER = re.compile(r"(?:/[A-Za-z0-9._ -]+)*/python(?:3(?:\.\d+)?)?w?")
_EXPECTED_INTERPRETER = ("sökvägen till python.exe (eller pythonw.exe) på en lokal enhet, t.ex. "
                         r"%LOCALAPPDATA%\Programs\Python\Python312\python.exe, utan tecknen "
                         '" & | < > ^ ! ; och utan nätverkssökväg (\\\\server\\…)')


def is_macro_book(book: WorkbookGrids) -> bool:
    return Path(book.path).suffix.lower() == ".xlsm" or any(n.casefold() == CONF_SHEET for n in book.sheets)


def button_findings(book: WorkbookGrids) -> list[Finding]:
    """Every reason the button must not run this workbook (empty for a plain .xlsx)."""
    if not is_macro_book(book):
        return []
    out: list[Finding] = []
    # Excel finds the sheet xlwings asks for by name without regard to case
    for name, grid in book.sheets.items():
        if name.casefold() == CONF_SHEET:
            out += conf_findings(grid, book.path)
    for name in book.sheets:
        if name.strip().lower().endswith(".py"):
            out.append(Finding(FEL, "knapp-pythonblad", name, "",
                               f"Bladet '{name}' heter som en Python-fil: xlwings kör då kod som är "
                               "lagrad i arbetsboken i stället för verktyget. Byt namn på bladet "
                               "eller ta bort det."))
    path = Path(book.path)
    if path.suffix.lower() == ".xlsm" and "://" not in book.path and path.parent.is_dir():
        out += folder_findings(path)
    return out


def _value(grid: Grid, row: int):
    value = grid.get(row, 2).value
    return value.strip() if isinstance(value, str) else value


def conf_findings(grid: Grid, workbook: str = "") -> list[Finding]:
    """The ``xlwings.conf`` sheet: only the keys ``new`` writes, each with a safe value."""
    out: list[Finding] = []

    def fel(code: str, cell: str, message: str) -> None:
        out.append(Finding(FEL, code, grid.name, cell, message))

    for (row, col), cell in sorted(grid.cells.items()):
        if cell.formula and col <= 2:  # Excel computes it when the file is opened
            fel("knapp-formel", address(row, col), "Inställningarna för knappen ska vara skrivna värden, "
                f"inte formler (hittade ={cell.text[:80]}). Skriv värdet direkt i cellen.")
    seen: dict[str, int] = {}
    for (row, col), cell in sorted(grid.cells.items()):
        if col != 1 or cell.empty:
            continue
        text = str(cell.value).strip()
        if text == CONF_NOTE:
            continue
        key = text.upper()
        ref = address(row, 1)
        if key == "LICENSE_KEY":
            fel("knapp-licens", ref, "Raden LICENSE_KEY låter xlwings köra kod som är lagrad i "
                "arbetsboken; den skrivs aldrig av verktyget. Ta bort raden.")
            continue
        if key not in KEYS:
            fel("knapp-okand-installning", ref,
                f"Inställningen '{text}' hör inte till knappen; xlwings skulle följa den. Tillåtna "
                "är bara " + ", ".join(k for k, _, _ in CONF_ROWS) + ". Ta bort raden.")
            continue
        if key in seen:
            fel("knapp-dubbel-installning", ref, f"'{text}' står två gånger (också i A{seen[key]}); "
                "ta bort den ena raden.")
            continue
        seen[key] = row
        value, vref = _value(grid, row), address(row, 2)
        if key == "INTERPRETER_WIN":
            if not (isinstance(value, str) and _WIN_INTERPRETER.fullmatch(value)):
                fel("knapp-tolk", vref, f"Interpreter_Win är {_shown(value)}; knappen kör det "
                    f"programmet. Förväntat: {_EXPECTED_INTERPRETER}.")
            elif _beside(value, workbook):
                fel("knapp-tolk", vref, f"Interpreter_Win är {_shown(value)}, ett program i arbetsbokens "
                    "egen mapp, där den som kan lägga filer bredvid arbetsboken kan byta det. Använd "
                    "den Python som är installerad på datorn.")
        elif key == "INTERPRETER_MAC":
            if value not in (None, "") and not (isinstance(value, str) and _MAC_INTERPRETER.fullmatch(value)):
                fel("knapp-tolk", vref, f"Interpreter_Mac är {_shown(value)}; förväntat tomt eller "
                    "sökvägen till python på en Mac (/…/python3) utan specialtecken.")
        elif key in MUST_BE_EMPTY:
            if value not in (None, ""):
                fel("knapp-ska-vara-tom", vref, f"{KEYS[key]} är {_shown(value)}; värdet klistras in "
                    "i kommandoraden som startar Python och ska vara tomt. Töm cellen.")
        elif key in MUST_BE_FALSE:
            if value not in (None, False, ""):
                fel("knapp-ska-vara-falskt", vref, f"{KEYS[key]} är {_shown(value)}; ska vara FALSKT.")
        elif key in FLAGS and value not in (None, True, False, ""):
            fel("knapp-sant-falskt", vref, f"{KEYS[key]} är {_shown(value)}; ska vara SANT eller FALSKT.")
    if "INTERPRETER_WIN" not in seen:
        fel("knapp-tolk", "A1", "Raden Interpreter_Win saknas; knappen letar då efter Python i andra "
            "inställningar. Skriv Interpreter_Win i A1 och sökvägen till python.exe i B1.")
    return out


def _beside(interpreter: str, workbook: str) -> bool:
    """Whether a Windows ``interpreter`` lies in (or below) the folder of ``workbook``."""
    import ntpath
    import os

    if not workbook or "://" in workbook:
        return False
    folder = ntpath.normcase(ntpath.dirname(ntpath.abspath(workbook) if os.name == "nt" else workbook))
    program = ntpath.normcase(os.path.expandvars(interpreter) if os.name == "nt" else interpreter)
    return bool(folder) and ntpath.dirname(program).startswith(folder)


def _shown(value) -> str:
    if value is None or value == "":
        return "tomt"
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    return repr(str(value))[:200]


def folder_findings(workbook: Path) -> list[Finding]:
    """Files beside the workbook that Python or xlwings would take before the toolkit."""
    module = workbook.stem
    wanted = module.casefold()
    out: list[Finding] = []

    def fel(code: str, message: str) -> None:
        out.append(Finding(FEL, code, "", "", message))

    problem = name_problem(module)
    if problem:
        fel("knapp-namn", f"Arbetsbokens namn '{workbook.name}' klistras in i knappens Python-kommando, "
            f"så {problem}.")
    try:
        entries = sorted(workbook.parent.iterdir())
    except OSError:
        return out
    for entry in entries:
        name = entry.name.casefold()
        stem, _, suffix = name.partition(".")
        where = f"'{entry.name}' i arbetsbokens mapp"
        if stem == "excelreport" and (entry.is_dir() or suffix.split(".")[-1] in ("py", "pyc", "pyd", "pyw", "so", "zip")):
            fel("knapp-fil-i-mappen", f"{where} skulle importeras i stället för det installerade "
                "verktyget. Ta bort den ur mappen (ingen sådan fil hör dit).")
        elif name == "xlwings.conf":
            fel("knapp-fil-i-mappen", f"{where} ändrar vilket program knappen startar (xlwings läser "
                "den efter bladet xlwings.conf). Ta bort filen.")
        elif stem == wanted and (entry.is_dir() or suffix in ("zip", "pyd", "pyc", "pyw")
                                 or (suffix.startswith("cp") and suffix.endswith(("pyd", "so")))):
            fel("knapp-fil-i-mappen", f"{where} skulle köras av knappen i stället för {module}.py. "
                "Ta bort den ur mappen.")
        elif name == "__pycache__" and entry.is_dir():
            cached = [p.name for p in entry.iterdir() if p.name.casefold().startswith(wanted + ".")]
            if cached:
                fel("knapp-fil-i-mappen", f"'__pycache__/{cached[0]}' i arbetsbokens mapp kan köras i "
                    f"stället för {module}.py. Ta bort mappen __pycache__.")
    companion = workbook.with_suffix(".py")
    if companion.is_file():
        try:
            same = companion.read_text(encoding="utf-8") == companion_source()
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            fel("knapp-modul-andrad", f"'{companion.name}' bredvid arbetsboken är inte den fil "
                "excelreport new skriver, och knappen kör den. Ersätt den med filen från "
                "ekonomikontoret (excelreport new skriver den) eller ta bort den.")
    return out
