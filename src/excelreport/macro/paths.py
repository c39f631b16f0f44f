"""What the button's macro is given on a command line: the interpreter (``Interpreter_Win``)
and the workbook's own name.

``interpreter_problem`` is the macro's ``InterpreterProblem`` in Python (``check``, ``new``
and ``next`` refuse what the macro would refuse); ``name_problem`` refuses a workbook name
that the command line to Python cannot carry.
"""

from __future__ import annotations

import keyword
import ntpath
import re
import sys
import unicodedata
from pathlib import Path

from ..core.errors import ExcelReportError

FALLBACK_INTERPRETER = r"C:\Program Files\Python312\python.exe"  # python.org's all-users place
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


# --- the workbook's name --------------------------------------------------------------------

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
