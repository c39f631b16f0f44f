"""The folder's bounds, checked before any workbook is read: the number of spreadsheet
files and the contract sheets' XML over all of them. Beyond either, ``consolidate`` refuses
with exit 2 in bounded time, nothing read or written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..core.errors import ExcelReportError
from ..core.folder import entry_problem, shown
from ..read.xlsx import is_contract_sheet
from ..write.xlsx import Package

MAX_FILES = 500  # spreadsheet files in the folder (the benchmark compiles 300 boards)
# The contract sheets' XML (and shared strings) over the whole folder, as each zip declares
# it: the example's boards have 40 kB each, one of 25 000 investment rows (the most a contract
# sheet may have) 6–7 MB. Reading
# 16 MB takes ~5 s and ~350 MB in one process.
MAX_FOLDER_XML = 16 * 1024 * 1024


def check_count(folder: Path, found: list[Path]) -> None:
    """More than ``MAX_FILES`` spreadsheet files: an ExcelReportError (exit 2)."""
    if len(found) > MAX_FILES:
        raise ExcelReportError(
            f"Mappen {folder} har {len(found)} kalkylbladsfiler; consolidate sammanställer högst "
            f"{MAX_FILES} (en kommun har några tiotal nämnder). Lägg nämndernas arbetsböcker för en "
            "uppföljning i en egen mapp och sammanställ den.")


def check_size(paths: list[Path]) -> None:
    """Refuse (exit 2, nothing read or written) a folder whose workbooks together hold more
    than ``MAX_FOLDER_XML`` of contract-sheet XML: reading it would take more than ~10 s or
    500 MB. Every worksheet counts first (the zip directories only); over the limit, only the
    contract's sheets do (a user's own big sheet is never read)."""
    sizes = {p: _xml_size(p, contract_only=False) for p in paths}
    if sum(sizes.values()) <= MAX_FOLDER_XML:
        return
    sizes = {p: _xml_size(p, contract_only=True) for p in paths}
    total = sum(sizes.values())
    if total <= MAX_FOLDER_XML:
        return
    biggest = ", ".join(f"{shown(p.name)} ({_mb(sizes[p])} MB)"
                        for p in sorted(paths, key=sizes.get, reverse=True)[:3])
    raise ExcelReportError(
        f"Arbetsböckerna i {paths[0].parent} är tillsammans för stora för att sammanställas: deras "
        f"blad är {_mb(total)} MB XML uppackade, högst {_mb(MAX_FOLDER_XML)} MB (ungefär 300 "
        f"nämnder av exemplets storlek, eller två med 25 000 investeringsrader, det mesta ett blad får ha). "
        f"Störst: "
        f"{biggest}. Ingenting har lästs eller skrivits; sammanställ färre eller mindre arbetsböcker.")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _xml_size(path: Path, contract_only: bool) -> int:
    """The declared (inflated) bytes of ``path``'s worksheets and shared strings: all of
    them, or the contract's sheets only. 0 for a file that is no zip (refused when read)."""
    if entry_problem(path):
        return 0
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            strings = sum(i.file_size for i in infos if i.filename.lower().endswith("sharedstrings.xml"))
            if not contract_only:
                return strings + sum(i.file_size for i in infos if i.filename.startswith("xl/worksheets/"))
            parts = {s.part for s in Package(zf).sheets if is_contract_sheet(s.name)}
            return strings + sum(i.file_size for i in infos if i.filename in parts)
    except Exception:  # noqa: BLE001 - a damaged file is refused (bounded) when it is read
        return 0
