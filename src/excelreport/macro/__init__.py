"""The macro workbook (``.xlsm``): its VBA project, the button, its status cells, settings.

The VBA project is the *installed* xlwings' ``quickstart_standalone.xlsm`` project (so the
version hard-coded in its ``xlwings`` module always equals the pinned Python package) with
``Module1`` replaced by the button's own macro (``button_vba``, its VBA in ``macro_vba``).
That macro does not use xlwings' ``RunPython`` (which puts the workbook's folder and the
``PYTHONPATH`` setting first on ``sys.path`` and imports a module named like the workbook):
it reads ``Interpreter_Win`` from the ``xlwings.conf`` sheet, refuses one that is not an
absolute, normalised path to ``python.exe`` outside the workbook's folder (the same rule as
``interpreter_problem``, in ``macro_paths``), and starts ``"<Interpreter_Win>" -E -P -c
"import excelreport.button as k; k.main()"`` with the interpreter's folder as working
folder: Python then ignores ``PYTHON*`` variables, puts neither the working folder nor the
workbook's on ``sys.path``, and imports the installed toolkit, whose guard
(``button_guard``) runs before anything else of the workbook's. Workbooks made by earlier
versions start ``excelreport.excel`` (``EARLIER_CODES``), which stays as their entry point.

Nothing here imports xlwings or XlsxWriter at import time: the button path reads the
cell addresses below, the generator calls ``MacroWorkbook.apply``.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import ExcelReportError
from ..read.grid import address
from .paths import (DEFAULT_INTERPRETER, FALLBACK_INTERPRETER, check_macro_path,  # noqa: F401 (macro.X for callers)
                          interpreter_problem, name_problem)
from .vba_source import module_source

MACRO = "Knappen"  # Module1.Knappen: button_vba()
BUTTON_MODULE = "Module1"  # the quickstart's module the button's macro replaces
# How the macro starts Python (after the quoted interpreter; then --wb=, --from_xl=1, --hwnd=
# for xlwings' Book.caller): -E ignores PYTHONPATH and the other PYTHON* variables, -P keeps
# the working folder off sys.path, -c runs the installed toolkit's entry.
BUTTON_FLAGS = ("-E", "-P", "-c")
BUTTON_CODE = "import excelreport.button as k; k.main()"
BUTTON_CAPTION = "Kontrollera och skapa rapport"
# The second button: import Info!Importfiler first (button.imports), then as the first.
IMPORT_MACRO = "KnappenImport"
IMPORT_CODE = "import excelreport.button as k; k.main(import_first=True)"
IMPORT_CAPTION = "Importera och skapa rapport"
IMPORT_BUTTON_CELL = (3, 4)  # E4, beside the first button
# The codes of the workbooks made by earlier versions (excelreport.excel stays for them):
# the guard takes their macro as the button's own.
EARLIER_CODES = (("import excelreport.excel as k; k.main()",
                  "import excelreport.excel as k; k.main(import_first=True)"),)
FINANCE_BUTTON_CAPTION = "Sammanställ nämnderna"  # the finansförvaltning workbook's button
CONF_SHEET = "xlwings.conf"
START_SHEET = "Info"

# The button and its status area on Info, beside the Fält | Värde table (columns D–E are
# not part of the contract, so validation ignores them). 0-based (row, col) for XlsxWriter.
BUTTON_CELL = (3, 3)  # D4
STATUS_LABELS = ("Senaste körning", "Resultat", "Filer")
STATUS_FIRST_ROW = 7  # D8:E10
STATUS_LABEL_COL, STATUS_VALUE_COL = 3, 4
STATUS_RANGE = "E8:E10"  # the cells the button writes: time, result, files


def status_address() -> str:
    """``E8:E10`` as derived from the constants above (kept in step by a test)."""
    first = address(STATUS_FIRST_ROW + 1, STATUS_VALUE_COL + 1)
    last = address(STATUS_FIRST_ROW + len(STATUS_LABELS), STATUS_VALUE_COL + 1)
    return f"{first}:{last}"


# --- the VBA project -----------------------------------------------------------------------


def xlwings_dir() -> Path:
    """The installed xlwings package folder, found without importing xlwings (0.5 s)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise ExcelReportError("xlwings är inte installerat; det behövs för en arbetsbok med "
                               "knapp (.xlsm). Installera om excelreport med pip.")
    return Path(spec.origin).parent


def xlwings_version() -> str:
    from importlib.metadata import version

    return version("xlwings")


@lru_cache(maxsize=1)
def quickstart_project() -> bytes:
    """``xl/vbaProject.bin`` of the installed xlwings' standalone quickstart workbook."""
    source = xlwings_dir() / "quickstart_standalone.xlsm"
    try:
        with zipfile.ZipFile(source) as z:
            return z.read("xl/vbaProject.bin")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ExcelReportError(f"Kunde inte läsa VBA-projektet ur {source}: {exc}.") from exc


@lru_cache(maxsize=1)
def vba_project() -> bytes:
    """The VBA project ``new`` writes: the quickstart's, ``Module1`` replaced by the button's macro."""
    from .ovba import VbaError, replace_module  # olefile: not on the paths that only read

    try:
        return replace_module(quickstart_project(), BUTTON_MODULE, button_vba())
    except VbaError as exc:
        raise ExcelReportError(f"Kunde inte skriva knappens makro i xlwings VBA-projekt: {exc}.") from exc


def button_vba(codes: tuple[str, str] = (BUTTON_CODE, IMPORT_CODE)) -> str:
    """The button's macro (VBA, CRLF line ends) starting ``codes`` (the first button's Python
    code, the second's): checks Interpreter_Win as ``interpreter_problem`` does and starts the
    installed toolkit; see the module docstring and ``macro_vba``."""
    args = [" " + " ".join(BUTTON_FLAGS) + ' "' + code + '"' for code in codes]
    return module_source(BUTTON_MODULE, CONF_SHEET, MACRO, IMPORT_MACRO, *args)


# --- the companion module ------------------------------------------------------------------


def companion_source() -> str:
    """The module that ``new`` wrote beside a macro workbook whose button was xlwings'
    ``SampleCall`` (``import NAME; NAME.main()``); the current button imports nothing from the
    workbook's folder, but ``check`` still refuses a changed one beside an older workbook
    (and its ``excelreport.excel`` still hands over to the button).

    xlwings puts the workbook's folder (and ``NAME.zip`` there) first on ``sys.path``; the
    module takes them (and ``''``) off again before importing the toolkit, so a folder
    ``excelreport/`` (or ``docx.py`` …) placed beside the workbook is never imported."""
    return '''"""Knappen i arbetsboken med samma namn kör main() här (skrivet av excelreport new)."""

import os
import sys


def _installed_main():
    here = os.path.normcase(os.path.dirname(os.path.abspath(__file__)))

    def beside(entry):
        if not entry:
            return True
        full = os.path.normcase(os.path.abspath(entry))
        return full == here or (os.path.dirname(full) == here and full.endswith(".zip"))

    sys.path[:] = [p for p in sys.path if not beside(p)]
    try:
        import excelreport
        from excelreport.excel import main
    except ImportError as exc:  # a short Swedish message in Excel's pop-up, no traceback
        raise SystemExit(
            "excelreport är inte installerat för Python-tolken " + sys.executable + " (" + str(exc)
            + "). Installera det från ekonomikontorets mapp med krav.txt (guiden, avsnitt 1) - eller ändra Interpreter_Win på "
            "bladet xlwings.conf."
        ) from None
    if beside(os.path.dirname(os.path.dirname(os.path.abspath(excelreport.__file__)))):
        raise SystemExit("excelreport lästes från arbetsbokens mapp i stället för från "
                         "installationen; knappen körs inte.")
    return main


main = _installed_main()
'''


# --- applied to the workbook by the generator ----------------------------------------------

CONF_ROWS = (  # key (column A, from A1, no gaps), value (B), what it is (C)
    ("Interpreter_Win", None,
     "Hela sökvägen till python.exe på Windows, t.ex. C:\\Program Files\\Python312\\python.exe. "
     "Inga miljövariabler (%…%), korta namn (~1) eller .. och inte i arbetsbokens egen mapp."),
    ("Interpreter_Mac", "", "Används inte (knappen fungerar bara i Excel för Windows)."),
    ("PYTHONPATH", None, "Används inte av knappen och ska vara tom."),
    ("Conda Path", "", "Används inte; lämnas tomt."),
    ("Conda Env", "", "Används inte; lämnas tomt."),
    ("UDF Modules", "", "Lämnas tomt."),
    ("Debug UDFs", False, "Lämnas FALSKT."),
    ("Use UDF Server", False, "Lämnas FALSKT."),
    ("Show Console", False, "Används inte; lämnas FALSKT."),
)
CONF_NOTE = ("Inställningar för knappen (xlwings). Vanligen behöver bara Interpreter_Win "
             "ändras: skriv sökvägen till den python.exe där excelreport är installerat. "
             "Nycklarna i kolumn A läses från A1 och nedåt till första tomma rad; flytta dem inte.")


@dataclass
class MacroWorkbook:
    """What makes the standard workbook a macro workbook; ``apply`` is called by the generator."""

    interpreter: str = DEFAULT_INTERPRETER
    pythonpath: str = ""
    finance_office: bool = False  # the button consolidates the folder instead

    def apply(self, wb, styles) -> None:
        wb.add_vba_project(io.BytesIO(vba_project()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")
        self._button(wb.get_worksheet_by_name(START_SHEET), wb)
        self._conf_sheet(wb.add_worksheet(CONF_SHEET), wb)

    def _button(self, ws, wb) -> None:
        row, col = BUTTON_CELL
        ws.set_column(col - 1, col - 1, 3)
        ws.set_column(col, col, 18)
        ws.set_column(col + 1, col + 1, 60)
        what = ("Kontrollerar alla arbetsböcker i mappen och skriver kommunens sammanställning "
                "och rapport bredvid den här arbetsboken." if self.finance_office else
                "Kontrollerar arbetsboken, skriver resultatbladen och skapar rapporten.")
        ws.insert_button(row, col, {
            "macro": MACRO, "caption": FINANCE_BUTTON_CAPTION if self.finance_office else BUTTON_CAPTION,
            "width": 260, "height": 40, "description": what,
        })
        if not self.finance_office:
            r, c = IMPORT_BUTTON_CELL
            ws.insert_button(r, c, {
                "macro": IMPORT_MACRO, "caption": IMPORT_CAPTION, "width": 260, "height": 40,
                "description": "Importerar redovisningsfilerna i fältet Importfiler och gör sedan som "
                               "knappen Kontrollera och skapa rapport.",
            })
        heading = wb.add_format({"bold": True, "font_size": 12})
        label = wb.add_format({"bold": True, "valign": "top"})
        value = wb.add_format({"text_wrap": True, "valign": "top", "bg_color": "#F2F2F2",
                               "border": 1, "border_color": "#BFBFBF"})
        ws.write_string(row - 1, col, "Sammanställningsknappen" if self.finance_office else "Rapportknappen",
                        heading)
        ws.write_string(row + 2, col, what)
        for i, text in enumerate(STATUS_LABELS):
            r = STATUS_FIRST_ROW + i
            ws.write_string(r, STATUS_LABEL_COL, text, label)
            ws.write_blank(r, STATUS_VALUE_COL, None, value)
        ws.write_string(STATUS_FIRST_ROW - 1, col, "Status (skrivs av knappen)", heading)

    def _conf_sheet(self, ws, wb) -> None:
        key = wb.add_format({"bold": True})
        note = wb.add_format({"italic": True, "font_color": "#595959", "text_wrap": True})
        defaults = {"Interpreter_Win": self.interpreter, "PYTHONPATH": self.pythonpath}
        for r, (name, value, help_text) in enumerate(CONF_ROWS):
            value = defaults.get(name, value)
            ws.write_string(r, 0, name, key)
            if isinstance(value, bool):
                ws.write_boolean(r, 1, value)
            elif value:
                ws.write_string(r, 1, value)
            ws.write_string(r, 2, help_text, note)
        ws.write_string(len(CONF_ROWS) + 1, 0, CONF_NOTE,  # below the gap: not read as a key
                        wb.add_format({"italic": True, "font_color": "#595959"}))
        ws.set_column(0, 0, 18)
        ws.set_column(1, 1, 60)
        ws.set_column(2, 2, 80)
        ws.protect()  # no password: it stops accidents, not intent (check/run/the button check it)
