"""Writing a workbook safely: refuse an open or read-only file, then replace it atomically.

The new content goes to a temporary file in the same folder, is flushed to disk, and only
then replaces the target in one ``os.replace``: a run killed at any moment leaves either
the old workbook or the new one, never a half-written file.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable

from ..findings import WorkbookLocked
from ..read.xlsx import lock_file

TEMP_PREFIX = ".~excelreport-"
# Test hook: seconds to wait between the finished temporary file and the replace, so a
# test can kill the run exactly there. Never set in normal use.
PAUSE_ENV = "EXCELREPORT_TEST_PAUSE_BEFORE_REPLACE"


def ensure_writable(target: Path) -> None:
    """Raise WorkbookLocked when ``target`` is open in Excel/LibreOffice or cannot be written."""
    target = Path(target)
    owner = lock_file(target)
    if owner:
        raise WorkbookLocked(
            f"{target.name} är öppen i Excel eller LibreOffice (låsfilen {owner} finns bredvid den). "
            "Stäng arbetsboken och kör igen; filen har inte ändrats.")
    folder = target.parent if str(target.parent) else Path(".")
    if target.exists():
        st = target.stat()
        if not stat.S_ISREG(st.st_mode):
            raise WorkbookLocked(f"{target} är ingen vanlig fil och kan inte skrivas.")
        if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
            raise WorkbookLocked(
                f"{target.name} är skrivskyddad. Ta bort skrivskyddet (Egenskaper → Skrivskyddad) "
                "eller skriv resultatet till en annan fil med -o; filen har inte ändrats.")
    if not folder.is_dir():
        raise WorkbookLocked(f"Mappen {folder} finns inte.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WorkbookLocked(
            f"Mappen {folder} får inte skrivas i, så {target.name} kan inte sparas säkert "
            "(verktyget skriver först en tillfällig fil bredvid). Filen har inte ändrats.")


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` on a temporary file beside ``target``, then replace ``target`` with it."""
    target = Path(target)
    ensure_writable(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fh = tempfile.NamedTemporaryFile(dir=folder, prefix=TEMP_PREFIX, suffix=".tmp", delete=False)
    except OSError as exc:
        raise WorkbookLocked(f"Kan inte skriva i mappen {folder} ({exc.strerror or exc}); "
                             f"{target.name} har inte ändrats.") from None
    tmp = Path(fh.name)
    try:
        with fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(target, tmp)
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            time.sleep(float(pause))
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise WorkbookLocked(
                f"{target.name} kan inte ersättas (den är öppen i ett annat program eller "
                "skrivskyddad). Stäng den och kör igen; filen har inte ändrats.") from None
        _fsync_folder(folder)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def _copy_mode(target: Path, tmp: Path) -> None:
    """The new file keeps the old one's permissions (a new one gets the usual umask)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
