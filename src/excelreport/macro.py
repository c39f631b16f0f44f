"""The macro workbook (``.xlsm``): its VBA project, the button, its status cells, settings.

The VBA project is the *installed* xlwings' ``quickstart_standalone.xlsm`` project (so the
version hard-coded in its ``xlwings`` module always equals the pinned Python package) with
``Module1`` replaced by the button's own macro (``button_vba``). That macro does not use
xlwings' ``RunPython`` (which puts the workbook's folder and the ``PYTHONPATH`` setting first
on ``sys.path`` and imports a module named like the workbook): it reads ``Interpreter_Win``
from the ``xlwings.conf`` sheet, refuses one that is not an absolute, normalised path to
``python.exe`` outside the workbook's folder (the same rule as ``interpreter_problem``), and
starts ``"<Interpreter_Win>" -E -P -c "import excelreport.excel as k; k.main()"`` with the
interpreter's folder as working folder: Python then ignores ``PYTHON*`` variables, puts
neither the working folder nor the workbook's on ``sys.path``, and imports the installed
toolkit, whose guard (``button_guard``) runs before anything else of the workbook's.

Nothing here imports xlwings or XlsxWriter at import time: the button path reads the
cell addresses below, the generator calls ``MacroWorkbook.apply``.
"""

from __future__ import annotations

import importlib.util
import keyword
import ntpath
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ExcelReportError

MACRO = "Knappen"  # Module1.Knappen: button_vba()
BUTTON_MODULE = "Module1"  # the quickstart's module the button's macro replaces
# How the macro starts Python (after the quoted interpreter; then --wb=, --from_xl=1, --hwnd=
# for xlwings' Book.caller): -E ignores PYTHONPATH and the other PYTHON* variables, -P keeps
# the working folder off sys.path, -c runs the installed toolkit's entry.
BUTTON_FLAGS = ("-E", "-P", "-c")
BUTTON_CODE = "import excelreport.excel as k; k.main()"
BUTTON_CAPTION = "Kontrollera och skapa rapport"
# The second button: import Info!Importfiler first (button_import), then as the first.
IMPORT_MACRO = "KnappenImport"
IMPORT_CODE = "import excelreport.excel as k; k.main(import_first=True)"
IMPORT_CAPTION = "Importera och skapa rapport"
IMPORT_BUTTON_CELL = (3, 4)  # E4, beside the first button
FINANCE_BUTTON_CAPTION = "Sammanställ nämnderna"  # the finansförvaltning workbook's button
CONF_SHEET = "xlwings.conf"
START_SHEET = "Info"
FALLBACK_INTERPRETER = r"C:\Program Files\Python312\python.exe"  # python.org's all-users place

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
    from .vba import VbaError, replace_module

    try:
        return replace_module(quickstart_project(), BUTTON_MODULE, button_vba())
    except VbaError as exc:
        raise ExcelReportError(f"Kunde inte skriva knappens makro i xlwings VBA-projekt: {exc}.") from exc


def _vba_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def button_vba() -> str:
    """The button's macro (VBA, CRLF line ends): checks Interpreter_Win as
    ``interpreter_problem`` does and starts the installed toolkit; see the module docstring."""
    args = " " + " ".join(BUTTON_FLAGS) + ' "' + BUTTON_CODE + '"'
    import_args = " " + " ".join(BUTTON_FLAGS) + ' "' + IMPORT_CODE + '"'
    lines = rf"""Attribute VB_Name = "{BUTTON_MODULE}"
' Knappen i arbetsboken (skriven av excelreport new). Den startar verktyget i den Python som
' står i Interpreter_Win på bladet {CONF_SHEET} och läser ingen kod från arbetsbokens mapp.
Option Explicit

Private Const PYTHON_ARGS As String = {_vba_string(args)}
Private Const IMPORT_ARGS As String = {_vba_string(import_args)}
Private Const TITLE As String = "Delårsrapport"

Public Sub {MACRO}()
    StartTool PYTHON_ARGS
End Sub

' Importerar redovisningsfilerna i Info!Importfiler och gör sedan som {MACRO}.
Public Sub {IMPORT_MACRO}()
    StartTool IMPORT_ARGS
End Sub

Private Sub StartTool(pythonArgs As String)
#If Mac Then
    MsgBox "Knappen fungerar bara i Excel för Windows. Kör excelreport run i Terminal i stället.", vbCritical, TITLE
#Else
    Dim interpreter As String, problem As String, commandLine As String, exitCode As Long
    Dim wsh As Object
    interpreter = SettingValue("INTERPRETER_WIN")
    problem = InterpreterProblem(interpreter, ThisWorkbook.Path)
    If problem <> "" Then
        MsgBox "Knappen körs inte: " & problem, vbCritical, TITLE
        Exit Sub
    End If
    commandLine = Chr(34) & interpreter & Chr(34) & pythonArgs & " --wb=" & Chr(34) & ThisWorkbook.Name & _
        Chr(34) & " --from_xl=1 --hwnd=" & Chr(34) & CStr(Application.Hwnd) & Chr(34)
    Set wsh = CreateObject("WScript.Shell")
    wsh.CurrentDirectory = Left$(interpreter, InStrRev(interpreter, "\"))
    exitCode = wsh.Run(commandLine, 0, True)
    If exitCode <> 0 Then
        MsgBox "Verktyget kunde inte köras (felkod " & exitCode & "). Kontrollera att excelreport är " & _
            "installerat för " & interpreter & " från ekonomikontorets mapp (guiden, avsnitt 1) och läs loggen " & _
            "%LOCALAPPDATA%\excelreport\knappen.log.", vbCritical, TITLE
    End If
#End If
End Sub

Private Function SettingValue(key As String) As String
    Dim sheet As Object, r As Long, label As Variant, setting As Variant
    On Error Resume Next
    Set sheet = ThisWorkbook.Worksheets("{CONF_SHEET}")
    On Error GoTo 0
    If sheet Is Nothing Then Exit Function
    For r = 1 To 100
        label = sheet.Cells(r, 1).Value
        If IsError(label) Then Exit Function
        If Trim$(CStr(label)) = "" Then Exit Function
        If UCase$(Trim$(CStr(label))) = key Then
            setting = sheet.Cells(r, 2).Value
            If Not IsError(setting) Then SettingValue = Trim$(CStr(setting))
            Exit Function
        End If
    Next r
End Function

Private Function InterpreterProblem(p As String, folder As String) As String
    Dim parts() As String, i As Long, c As String, code As Long, lastPart As String, home As String
    InterpreterProblem = "Interpreter_Win på bladet {CONF_SHEET} är '" & p & "'. Den ska vara hela " & _
        "sökvägen till python.exe, t.ex. C:\Program Files\Python312\python.exe, utan %, ~, .. och " & _
        "tecknen / * ? "" < > | & ^ ! ;. Be ekonomikontoret om hjälp."
    If Len(p) < 4 Or Not (Left$(p, 3) Like "[A-Za-z]:\") Then Exit Function
    For i = 1 To Len(p)
        c = Mid$(p, i, 1)
        code = AscW(c)
        If code >= 0 And code < 32 Then Exit Function
        If InStr(1, "/*?""<>|%~&^!;", c) > 0 Then Exit Function
        If c = ":" And i <> 2 Then Exit Function
    Next i
    parts = Split(Mid$(p, 4), "\")
    For i = 0 To UBound(parts)
        If parts(i) = "" Then Exit Function
        If Right$(parts(i), 1) = "." Or Right$(parts(i), 1) = " " Then Exit Function
    Next i
    lastPart = LCase$(parts(UBound(parts)))
    If lastPart <> "python.exe" And lastPart <> "pythonw.exe" Then Exit Function
    home = folder
    If Right$(home, 1) <> "\" Then home = home & "\"
    If folder <> "" And StrComp(Left$(p, Len(home)), home, vbTextCompare) = 0 Then
        InterpreterProblem = "Interpreter_Win på bladet {CONF_SHEET} är '" & p & "', ett program i " & _
            "arbetsbokens egen mapp, där den som kan lägga filer bredvid arbetsboken kan byta det. " & _
            "Använd den Python som är installerad på datorn."
        Exit Function
    End If
    If Not CreateObject("Scripting.FileSystemObject").FileExists(p) Then
        InterpreterProblem = "Python finns inte där Interpreter_Win på bladet {CONF_SHEET} säger: " & p & _
            ". Skriv sökvägen till den python.exe där excelreport är installerat."
        Exit Function
    End If
    InterpreterProblem = ""
End Function
"""
    return lines.replace("\r\n", "\n").replace("\n", "\r\n")


# --- the interpreter the button starts -----------------------------------------------------

_FORBIDDEN = set('/*?"<>|%~&^!;')


def interpreter_problem(value, workbook: str = "") -> str | None:
    """Why the button's macro refuses ``value`` as Interpreter_Win (Swedish), or None.

    The same rule as the macro's ``InterpreterProblem``: an absolute path ``X:\\…\\python.exe``
    (or pythonw.exe) without variables (%), short names (~), ``.``/``..`` or empty parts, parts
    ending in a dot or a space (Windows drops those), cmd's metacharacters or control
    characters, and not in (or below) the folder of ``workbook``."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]:\\.+", value, re.S):
        return "är inte en fullständig sökväg som börjar med en enhet (C:\\…)"
    bad = sorted({c for c in value if c in _FORBIDDEN or ord(c) < 32} | ({":"} if ":" in value[2:] else set()))
    if bad:
        return "innehåller " + " ".join(repr(c) for c in bad)
    parts = value[3:].split("\\")
    if any(p in ("", ".", "..") or p.endswith((".", " ")) for p in parts):
        return "har en tom del, '.', '..' eller en del som slutar med punkt eller mellanslag"
    if parts[-1].lower() not in ("python.exe", "pythonw.exe"):
        return "pekar inte på python.exe eller pythonw.exe"
    if workbook and "://" not in workbook:
        home = ntpath.dirname(workbook)
        home = home if home.endswith("\\") else home + "\\"
        if value[:len(home)].casefold() == home.casefold():
            return "ligger i arbetsbokens egen mapp, där den som kan lägga filer bredvid arbetsboken kan byta den"
    return None


def default_interpreter() -> str:
    """The Python running ``new`` on Windows (where excelreport is installed), else python.org's place."""
    if sys.platform == "win32" and interpreter_problem(sys.executable) is None:
        return sys.executable
    return FALLBACK_INTERPRETER


DEFAULT_INTERPRETER = default_interpreter()


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
    """Refuse a macro workbook name that the button's command line to Python cannot carry."""
    problem = name_problem(path.stem)
    if problem:
        better = path.with_name(suggest_module_name(path.stem) + path.suffix)
        raise ExcelReportError(
            f"'{path.name}' duger inte som namn på en arbetsbok med knapp: knappen ger Python "
            f"arbetsbokens namn på en kommandorad, så {problem}. Använd t.ex. '{better.name}'.")


def companion_source() -> str:
    """The module that ``new`` wrote beside a macro workbook whose button was xlwings'
    ``SampleCall`` (``import NAME; NAME.main()``); the current button imports nothing from the
    workbook's folder, but ``check`` still refuses a changed one beside an older workbook.

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
