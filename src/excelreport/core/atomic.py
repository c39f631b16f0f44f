"""Writing a file safely: refuse an open or read-only file, then replace it atomically.

The new content goes to a temporary file in the same folder, is flushed to disk, and only
then replaces the target in one ``os.replace``: a run killed at any moment leaves either
the old file or the new one, never a half-written file. The workbook, the .docx and the
PDF are all written this way. What the user had is kept: a symbolic link is written
through (the file it points to is replaced, the link stays), the file's mode and (when
allowed) owner are kept, and a hard link that cannot be kept is said. A full disk is a
Swedish message, the target untouched. Temporary files left by a killed run
(``.~excelreport-*.tmp``) are removed by the next write into that folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import socket
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import DiskFull, ExcelReportError, WorkbookLocked
from .written import WRITTEN

TEMP_PREFIX = ".~excelreport-"
STALE_AGE = 3600  # seconds: no write takes this long, so such a temporary file is left over
# .~excelreport-<host>-<pid>-<random>.tmp (older versions: .~excelreport-<random>.tmp)
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?:([0-9a-f]{8})-(\d+)-)?[A-Za-z0-9_]+\.tmp")
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)

# Test hook: seconds to wait between the finished temporary file and the replace, so a
# test can kill the run exactly there. Never set in normal use.
PAUSE_ENV = "EXCELREPORT_TEST_PAUSE_BEFORE_REPLACE"


def lock_file(path: Path) -> str:
    """The name of Excel's (``~$…``) or LibreOffice's (``.~lock.…#``) owner file beside ``path``."""
    name = path.name
    for candidate in ("~$" + name, "~$" + name[2:], f".~lock.{name}#"):
        if (path.parent / candidate).is_file():
            return candidate
    return ""


def ensure_writable(target: Path) -> None:
    """Raise WorkbookLocked when ``target`` is open in Excel/LibreOffice or cannot be written."""
    target = Path(target)
    owner = lock_file(target)
    if owner:
        raise WorkbookLocked(
            f"{target.name} är öppen i Excel, Word eller LibreOffice (låsfilen {owner} finns bredvid den). "
            "Stäng den och kör igen; filen har inte ändrats.")
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


def real_target(target: Path) -> Path:
    """The file a write to ``target`` must replace: through symbolic links to the real file."""
    target = Path(target)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def atomic_write(target: Path, write: Callable[[BinaryIO], None]) -> list[str]:
    """Call ``write`` on a temporary file beside ``target``, then replace ``target`` with it.

    Returns notes for the user (Swedish), e.g. that a hard link could not be kept."""
    link = Path(target)
    ensure_writable(link)
    target = real_target(link)
    if target != link:
        ensure_writable(target)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temp_files(folder)
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{_host()}-{os.getpid()}-",
                                    suffix=".tmp")
        fh = os.fdopen(fd, "wb")
    except OSError as exc:
        _raise_full(exc, target)
        raise WorkbookLocked(f"Kan inte skriva i mappen {folder} ({exc.strerror or exc}); "
                             f"{target.name} har inte ändrats.") from None
    tmp = Path(name)
    notes: list[str] = []
    try:
        try:
            with fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            _raise_full(exc, target)
            raise WorkbookLocked(f"{target.name} kunde inte sparas ({exc.strerror or exc}); filen har "
                                 "inte ändrats.") from None
        notes = _keep_attributes(target, tmp)
        pause = os.environ.get(PAUSE_ENV)
        if pause:
            time.sleep(float(pause))
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise WorkbookLocked(
                f"{target.name} kan inte ersättas (den är öppen i ett annat program eller "
                "skrivskyddad). Stäng den och kör igen; filen har inte ändrats.") from None
        except OSError as exc:  # e.g. a path too long for the file system
            _raise_full(exc, target)
            raise WorkbookLocked(f"{target} kan inte skrivas ({exc.strerror or exc}); filen har "
                                 "inte ändrats.") from None
        WRITTEN.append(target)
        _fsync_folder(folder)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return notes


def _raise_full(exc: OSError, target: Path) -> None:
    if exc.errno in _FULL:
        raise DiskFull(f"{target.name} kunde inte sparas: disken är full (eller lagringskvoten nådd) "
                       f"i {os.path.abspath(target.parent)}. Frigör utrymme och kör igen; filen har inte ändrats.") from None


def _keep_attributes(target: Path, tmp: Path) -> list[str]:
    """The new file keeps the old one's mode and, when allowed, owner (a new one gets the
    usual umask); a hard link cannot be kept and is said."""
    try:
        st = target.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return []
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if hasattr(os, "chown"):
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed (an ordinary user): the file becomes the runner's
    if st.st_nlink > 1:
        return [f"{target.name} hade {st.st_nlink - 1} hård länk till (samma fil under ett annat "
                "namn); den pekar nu på den gamla versionen. Kopiera den nya filen dit om båda "
                "namnen ska visa den."]
    return []


def _host() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove this tool's temporary files in ``folder`` left by a killed run: those of a
    process on this computer that no longer runs, and any older than ``STALE_AGE``."""
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TEMP_NAME.fullmatch(entry.name)
        if not m:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AGE
            dead = m.group(1) == _host() and not _alive(int(m.group(2)))
            if old or dead:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (POSIX; elsewhere assumed, so only age removes a file)."""
    if os.name != "posix" or pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


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
