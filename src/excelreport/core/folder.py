"""A folder of workbooks as the toolkit lists it (``check``/``run``/``build FOLDER`` and
``consolidate``): every entry with a workbook's name, also one that cannot be read (a
symbolic link to nothing or in a loop, a FIFO, a folder named ``x.xlsx``) — such an entry
is listed as unreadable with its reason, never left out silently; so is a hidden file
(``.name.xlsx``: no one sees it in the folder, so it is not read, but it is named). Skipped:
the lock files of Excel (``~$name``) and LibreOffice (``.~lock.name#``) and the compilation
``consolidate`` wrote (known by its properties, whatever its name)."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from pathlib import Path

from .errors import ExcelReportError

COMPILATION_MARK = "Skapad av excelreport consolidate"  # the compilation's Comments property
_MAX_CORE_BYTES = 64 * 1024  # docProps/core.xml of any workbook is a few hundred bytes
LOCK_PREFIXES = ("~$", ".~lock.")  # Excel's owner file, LibreOffice's lock file: no workbooks


def entries(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The folder's entries (not recursively) whose name ends in one of ``suffixes``; a
    folder that may not be listed is an ExcelReportError (exit 2)."""
    try:
        found = list(Path(folder).iterdir())
    except PermissionError:
        raise ExcelReportError(f"Mappen {folder} får inte läsas (behörighet saknas), så dess arbetsböcker "
                               "kan inte listas. Be om läsbehörighet till mappen eller kopiera "
                               "arbetsböckerna till en mapp du får läsa.") from None
    except OSError as exc:
        raise ExcelReportError(f"Mappen {folder} kan inte läsas ({exc.strerror or exc}).") from None
    return [p for p in found if p.suffix.lower() in suffixes and not p.name.startswith(LOCK_PREFIXES)]


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a Latin-1 name) as ``\\xe4``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def entry_problem(path: Path) -> str:
    """Why the entry ``path`` is no file to read (Swedish, naming it), or '' for a regular
    file. Only ``stat``: a FIFO is never opened."""
    name = shown(path.name)
    if path.name.startswith("."):
        return (f"{name}: är en dold fil (namnet börjar med punkt) och läses inte; byt namn om den "
                "ska vara med, annars ta bort den.")
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink() and exc.errno == errno.ELOOP:
            return (f"{name}: är en symbolisk länk i en slinga (den pekar till slut på sig själv) och "
                    "läses inte. Ersätt länken med arbetsboken.")
        if path.is_symlink():
            return (f"{name}: är en symbolisk länk till något som inte finns ({shown(os.readlink(path))}) "
                    "och läses inte. Ersätt länken med arbetsboken.")
        return f"{name}: kan inte läsas ({exc.strerror or exc})."
    if stat.S_ISDIR(mode):
        return f"{name}: är en mapp med en arbetsboks namn, ingen arbetsbok, och läses inte."
    if not stat.S_ISREG(mode):
        return (f"{name}: är ingen vanlig fil (utan t.ex. en namngiven pipe eller en enhet) och läses "
                "inte. Spara arbetsboken som en vanlig fil och försök igen.")
    return ""


def is_compilation(path: Path) -> bool:
    """The workbook ``consolidate`` writes (its properties say so): never an input, and the
    only existing workbook a compilation may replace. A link is never one."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/core.xml")
            if info.file_size > _MAX_CORE_BYTES or info.flag_bits & 0x1:
                return False
            return COMPILATION_MARK.encode() in zf.read(info)
    except (OSError, KeyError, ValueError, RuntimeError, EOFError, zipfile.BadZipFile, NotImplementedError):
        return False
