"""The macro workbook (``.xlsm``): xlwings' VBA project, the button, its status cells, settings.

The VBA project is copied from the *installed* xlwings' ``quickstart_standalone.xlsm``, so
the version hard-coded in its VBA always equals the Python package (pinned in
pyproject.toml). Its macro ``SampleCall`` runs ``import <workbook name>; <workbook
name>.main()``: the workbook name must be a Python identifier, and a small module of that
name (``companion_source``) lies beside the workbook and calls ``excelreport.excel.main``.

Nothing here imports xlwings or XlsxWriter at import time: the button path reads the
cell addresses below, the generator calls ``MacroWorkbook.apply``.
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .findings import ExcelReportError

MACRO = "SampleCall"  # Module1.SampleCall in the quickstart's VBA project
BUTTON_CAPTION = "Kontrollera och skapa rapport"
FINANCE_BUTTON_CAPTION = "Sammanställ nämnderna"  # the finansförvaltning workbook's button
CONF_SHEET = "xlwings.conf"
START_SHEET = "Info"
DEFAULT_INTERPRETER = r"%LOCALAPPDATA%\Programs\Python\Python312\python.exe"

# The button and its status area on Info, beside the Fält | Värde table (columns D–E are
# not part of the contract, so validation ignores them). 0-based (row, col) for XlsxWriter.
BUTTON_CELL = (3, 3)  # D4
STATUS_LABELS = ("Senaste körning", "Resultat", "Filer")
STATUS_FIRST_ROW = 7  # D8:E10
STATUS_LABEL_COL, STATUS_VALUE_COL = 3, 4
STATUS_RANGE = "E8:E10"  # the cells the button writes: time, result, files


def status_address() -> str:
    """``E8:E10`` as derived from the constants above (kept in step by a test)."""
    from .read.grid import address

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


def vba_project() -> bytes:
    """``xl/vbaProject.bin`` of the installed xlwings' standalone quickstart workbook."""
    source = xlwings_dir() / "quickstart_standalone.xlsm"
    try:
        with zipfile.ZipFile(source) as z:
            return z.read("xl/vbaProject.bin")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ExcelReportError(f"Kunde inte läsa VBA-projektet ur {source}: {exc}.") from exc


# --- the workbook name and the companion module --------------------------------------------

_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"})


def suggest_module_name(stem: str) -> str:
    """A usable workbook name near ``stem``: ``Delår KS 2024`` → ``Delar_KS_2024``."""
    text = unicodedata.normalize("NFKD", stem.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_") or "delarsrapport"
    if text[0].isdigit():
        text = "bok_" + text
    if name_problem(text):
        text += "_bok"
    return text


def name_problem(stem: str) -> str | None:
    """Why ``stem`` cannot name a macro workbook (Swedish), or None when it can."""
    if not (stem.isascii() and stem.isidentifier()):
        return ("namnet får bara innehålla a–z, A–Z, 0–9 och _ (inga mellanslag, bindestreck "
                "eller å, ä, ö) och får inte börja med en siffra")
    if keyword.iskeyword(stem):
        return "namnet är ett reserverat ord i Python"
    if stem in sys.stdlib_module_names or stem.lower() in ("excelreport", "xlwings"):
        return "namnet är redan namnet på en Python-modul som knappen behöver"
    return None


def check_macro_path(path: Path) -> None:
    """Refuse a macro workbook name the button's ``import <name>`` cannot use."""
    problem = name_problem(path.stem)
    if problem:
        better = path.with_name(suggest_module_name(path.stem) + path.suffix)
        raise ExcelReportError(
            f"'{path.name}' duger inte som namn på en arbetsbok med knapp: knappen kör "
            f"Python-modulen med arbetsbokens namn, så {problem}. Använd t.ex. '{better.name}'.")


def companion_source() -> str:
    """The module beside the workbook, imported by the button's macro.

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
            + "). Installera det med: pip install excelreport - eller ändra Interpreter_Win på "
            "bladet xlwings.conf."
        ) from None
    if beside(os.path.dirname(os.path.dirname(os.path.abspath(excelreport.__file__)))):
        raise SystemExit("excelreport lästes från arbetsbokens mapp i stället för från "
                         "installationen; knappen körs inte.")
    return main


main = _installed_main()
'''


def companion_path(workbook: Path) -> Path:
    return workbook.with_suffix(".py")


def write_companion(workbook: Path, *, force: bool = False) -> Path:
    """Write ``<name>.py`` beside ``workbook``; an existing different file needs ``force``."""
    path = companion_path(workbook)
    text = companion_source()
    if path.exists() and not force and path.read_text(encoding="utf-8", errors="replace") != text:
        raise ExcelReportError(f"{path} finns redan med annat innehåll; använd --force för att "
                               "skriva över den.")
    path.write_text(text, encoding="utf-8")
    return path


# --- applied to the workbook by the generator ----------------------------------------------

CONF_ROWS = (  # key (column A, from A1, no gaps), value (B), what it is (C)
    ("Interpreter_Win", None,
     "Sökvägen till python.exe på Windows. Ändra den om Python är installerat någon annanstans "
     "(%LOCALAPPDATA% och andra miljövariabler går bra)."),
    ("Interpreter_Mac", "", "Sökvägen till python på Mac (används sällan)."),
    ("PYTHONPATH", None,
     "Extra mappar där Python letar efter moduler, åtskilda med ;. Arbetsbokens egen mapp "
     "läggs alltid till. Tomt räcker när excelreport är installerat med pip."),
    ("Conda Path", "", "Lämnas tomt (bara för Anaconda)."),
    ("Conda Env", "", "Lämnas tomt (bara för Anaconda)."),
    ("UDF Modules", "", "Lämnas tomt."),
    ("Debug UDFs", False, "Lämnas FALSKT."),
    ("Use UDF Server", False, "Lämnas FALSKT."),
    ("Show Console", False, "SANT visar ett konsolfönster när knappen körs (felsökning)."),
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
        import io

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
