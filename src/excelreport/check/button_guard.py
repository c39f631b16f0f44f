"""What the button's macros obey, checked before anything runs: ``xlwings.conf``, the VBA
project and the folder.

The button's macro (``macro.button_vba``) reads only ``Interpreter_Win`` from the
``xlwings.conf`` sheet, refuses one that breaks ``macro.interpreter_problem`` and starts
``"<Interpreter_Win>" -E -P -c "import excelreport.button as k; k.main()"``: nothing of the
workbook's folder, the other settings or ``PYTHONPATH`` is on ``sys.path``, so the toolkit
that runs this guard is the installed one. The rest is checked all the same, since xlwings'
own VBA (still in the project, and in workbooks made before this button) obeys it:
RunPython reads the sheet from A1 down (keys upper-cased, values expanded for ``%VAR%``),
then an ``xlwings.conf`` *file* in the workbook's folder, and runs ``cmd /C … "<interpreter>"
-B -c "…prepare_sys_path('<PYTHONPATH>'); import NAME; NAME.main()"`` (a sheet whose name
ends in ``.py`` plus a ``LICENSE_KEY`` runs code stored in the workbook). Everything that
could make a macro run something else than the installed toolkit is a ``Fel``; the button
refuses to run with any of them, ``check``/``run`` list them. A VBA project whose modules'
source differs from what ``new`` writes is a ``Varning`` (``vba_findings``).
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ..core.codes import Code
from ..core.errors import VbaError
from ..core.findings import FEL, VARNING, Finding
from ..macro import (BUTTON_MODULE, CONF_NOTE, CONF_ROWS, CONF_SHEET, DEFAULT_INTERPRETER, EARLIER_CODES,
                    button_vba, companion_source, interpreter_problem, name_problem, quickstart_project,
                    vba_project)
from ..read.grid import Grid, WorkbookGrids, address

KEYS = {key.upper(): key for key, _, _ in CONF_ROWS}
MUST_BE_EMPTY = ("PYTHONPATH", "CONDA PATH", "CONDA ENV", "UDF MODULES")
MUST_BE_FALSE = ("DEBUG UDFS", "USE UDF SERVER")
FLAGS = ("SHOW CONSOLE",)
_MAC_INTERPRETER = re.compile(r"(?:/[A-Za-z0-9._ -]+)*/python(?:3(?:\.\d+)?)?w?")
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
            out.append(Finding(FEL, Code.KNAPP_PYTHONBLAD, name, "",
                               f"Bladet '{name}' heter som en Python-fil: xlwings kör då kod som är "
                               "lagrad i arbetsboken i stället för verktyget. Byt namn på bladet "
                               "eller ta bort det."))
    path = Path(book.path)
    if path.suffix.lower() == ".xlsm" and "://" not in book.path and path.parent.is_dir():
        out += folder_findings(path)
        out += vba_findings(path)
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
            fel(Code.KNAPP_FORMEL, address(row, col), "Inställningarna för knappen ska vara skrivna värden, "
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
            fel(Code.KNAPP_LICENS, ref, "Raden LICENSE_KEY låter xlwings köra kod som är lagrad i "
                "arbetsboken; den skrivs aldrig av verktyget. Ta bort raden.")
            continue
        if key not in KEYS:
            fel(Code.KNAPP_OKAND_INSTALLNING, ref,
                f"Inställningen '{text}' hör inte till knappen; xlwings skulle följa den. Tillåtna "
                "är bara " + ", ".join(k for k, _, _ in CONF_ROWS) + ". Ta bort raden.")
            continue
        if key in seen:
            fel(Code.KNAPP_DUBBEL_INSTALLNING, ref, f"'{text}' står två gånger (också i A{seen[key]}); "
                "ta bort den ena raden.")
            continue
        seen[key] = row
        value, vref = _value(grid, row), address(row, 2)
        if key == "INTERPRETER_WIN":
            problem = interpreter_problem(value, workbook if "://" not in workbook else "")
            if problem:
                fel(Code.KNAPP_TOLK, vref, f"Interpreter_Win är {_shown(value)}, som knappen inte startar: "
                    f"den {problem}. Förväntat: hela sökvägen till python.exe (eller pythonw.exe) på en "
                    f"enhet, t.ex. {DEFAULT_INTERPRETER}, utan miljövariabler (%…%), korta namn (~1), "
                    "'.' eller '..' och utanför arbetsbokens mapp.")
        elif key == "INTERPRETER_MAC":
            if value not in (None, "") and not (isinstance(value, str) and _MAC_INTERPRETER.fullmatch(value)):
                fel(Code.KNAPP_TOLK, vref, f"Interpreter_Mac är {_shown(value)}; förväntat tomt eller "
                    "sökvägen till python på en Mac (/…/python3) utan specialtecken.")
        elif key in MUST_BE_EMPTY:
            if value not in (None, ""):
                fel(Code.KNAPP_SKA_VARA_TOM, vref, f"{KEYS[key]} är {_shown(value)}; värdet klistras in "
                    "i kommandoraden som startar Python och ska vara tomt. Töm cellen.")
        elif key in MUST_BE_FALSE:
            if value not in (None, False, ""):
                fel(Code.KNAPP_SKA_VARA_FALSKT, vref, f"{KEYS[key]} är {_shown(value)}; ska vara FALSKT.")
        elif key in FLAGS and value not in (None, True, False, ""):
            fel(Code.KNAPP_SANT_FALSKT, vref, f"{KEYS[key]} är {_shown(value)}; ska vara SANT eller FALSKT.")
    if "INTERPRETER_WIN" not in seen:
        fel(Code.KNAPP_TOLK, "A1", "Raden Interpreter_Win saknas; knappen letar då efter Python i andra "
            "inställningar. Skriv Interpreter_Win i A1 och sökvägen till python.exe i B1.")
    return out


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
        fel(Code.KNAPP_NAMN, f"Arbetsbokens namn '{workbook.name}' klistras in i knappens Python-kommando, "
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
            fel(Code.KNAPP_FIL_I_MAPPEN, f"{where} skulle importeras i stället för det installerade "
                "verktyget. Ta bort den ur mappen (ingen sådan fil hör dit).")
        elif name == "xlwings.conf":
            fel(Code.KNAPP_FIL_I_MAPPEN, f"{where} ändrar vilket program knappen startar (xlwings läser "
                "den efter bladet xlwings.conf). Ta bort filen.")
        elif stem == wanted and (entry.is_dir() or suffix in ("zip", "pyd", "pyc", "pyw")
                                 or (suffix.startswith("cp") and suffix.endswith(("pyd", "so")))):
            fel(Code.KNAPP_FIL_I_MAPPEN, f"{where} skulle köras av knappen i stället för {module}.py. "
                "Ta bort den ur mappen.")
        elif name == "__pycache__" and entry.is_dir():
            cached = [p.name for p in entry.iterdir() if p.name.casefold().startswith(wanted + ".")]
            if cached:
                fel(Code.KNAPP_FIL_I_MAPPEN, f"'__pycache__/{cached[0]}' i arbetsbokens mapp kan köras i "
                    f"stället för {module}.py. Ta bort mappen __pycache__.")
    companion = workbook.with_suffix(".py")
    if companion.is_file():
        try:
            same = companion.read_text(encoding="utf-8") == companion_source()
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            fel(Code.KNAPP_MODUL_ANDRAD, f"'{companion.name}' bredvid arbetsboken är inte den fil "
                "excelreport new skriver, och knappen kör den. Ersätt den med filen från "
                "ekonomikontoret (excelreport new skriver den) eller ta bort den.")
    return out


def vba_findings(workbook: Path) -> list[Finding]:
    """A ``Varning`` when the VBA project's modules are not those ``new`` writes.

    The modules' *source* is compared: Excel compiles the source-only project ``new`` writes
    and saves the compiled form with it, so the file's bytes differ after any save in Excel.
    Document modules (``ThisWorkbook``, a sheet's) must hold no code; Excel adds one per sheet."""
    from ..macro.ovba import sources

    def varning(text: str) -> list[Finding]:
        return [Finding(VARNING, Code.KNAPP_VBA_ANDRAD, "", "", text + " Knappen kan då köra något annat "
                        "än verktyget. Gör arbetsboken på nytt med excelreport next (eller new), eller "
                        "be ekonomikontoret om en; ett signerat VBA-projekt visar vem som ändrat det.")]

    try:
        with zipfile.ZipFile(workbook) as z:
            project = z.read("xl/vbaProject.bin")
        if project == vba_project():  # as new wrote it, not yet saved by Excel
            return []
        found = sources(project)
    except KeyError:
        return varning(f"'{workbook.name}' har inget VBA-projekt, så knappen gör ingenting.")
    except (OSError, zipfile.BadZipFile, VbaError) as exc:
        return varning(f"VBA-projektet i '{workbook.name}' kunde inte läsas ({exc}).")
    expected = _expected_code()
    changed = [name for name, text in found.items()
               if _code(text) != expected.get(name, "") and (name in expected or _code(text))
               and not (name == BUTTON_MODULE and _code(text) in _earlier_button_code())]
    changed += [name for name in expected if name not in found and expected[name]]
    if not changed:
        return []
    what = ", ".join(sorted(changed))
    old = BUTTON_MODULE in changed and "SampleCall" in found.get(BUTTON_MODULE, "")
    return varning(f"VBA-koden i '{workbook.name}' är inte den som excelreport new skriver (modulen {what})"
                   + (": arbetsboken har den äldre knappen, som kör Python-filen bredvid arbetsboken."
                      if old else "."))


@lru_cache(maxsize=1)
def _expected_code() -> dict[str, str]:
    """Module name → code, of the VBA project ``new`` writes (read without building it)."""
    from ..macro.ovba import sources

    expected = {name: _code(text) for name, text in sources(quickstart_project()).items()}
    expected[BUTTON_MODULE] = _code(button_vba())
    return expected


@lru_cache(maxsize=1)
def _earlier_button_code() -> set[str]:
    """The button's macro as earlier versions wrote it (the same but for the Python code)."""
    return {_code(button_vba(codes)) for codes in EARLIER_CODES}


def _code(text: str) -> str:
    """A module's code without Excel's attribute lines, blank lines and line-end spaces."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line and not line.startswith("Attribute VB_"))
