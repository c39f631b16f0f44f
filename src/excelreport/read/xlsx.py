"""Read an .xlsx/.xlsm file into grids, in one streaming pass over its XML.

Each cell keeps the number as Excel shows it (``<v>491.4</v>`` → ``Decimal("491.4")``; a
double's noise beyond 15 significant digits dropped, ``99120.49000000001`` → ``99120.49``), its
number format and whether it is a formula, so that percent cells, formulas without a
cached value and typed decimals are all judged correctly. Hostile packages are refused
with a Swedish message: XML with DTDs or entities (``defusedxml``), parts that inflate
beyond a bound, encrypted workbooks, and formats that are not an Excel workbook.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from ..contract import ALL_INPUT_SHEETS, OPTIONAL_SHEETS
from ..core.atomic import lock_file
from ..core.errors import UnusableFile
from ..xlsx import opc, parts
from ..xlsx.first_row import foreign_result_sheets  # noqa: F401 (re-exported too)
from ..xlsx.limits import (FIRST_ROW_ELEMENTS, MAX_CELL_CHARS, MAX_CELLS, MAX_ELEMENTS,  # noqa: F401 (re-exported)
                           MAX_MERGED_CELLS, MAX_PART_BYTES, MAX_RATIO, MAX_ROWS, MAX_SMALL_PART_BYTES)
from ..xlsx.numfmts import cell_formats
from ..xlsx.opc import foreign_format_message  # noqa: F401 (re-exported)
from ..xlsx.sheet_reader import SheetReader
from ..xlsx.strings import shared_strings
from . import owner, xmlsafe
from .grid import Cell, Grid, WorkbookGrids

_NS = "{" + opc.MAIN_NS + "}"
_REL_NS = "{" + opc.REL_NS + "}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def read_workbook(path: str | Path, also: frozenset[str] = frozenset()) -> WorkbookGrids:
    """Read every sheet of the workbook at ``path`` (the contract's, and the sheets named in
    ``also``: a profile's own); raise UnusableFile with the reason."""
    path = Path(path)
    _check_path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _refuse_encrypted_parts(zf, path)
            book = _read_package(zf, path, also)
        book.lock_file = lock_file(path)
        return book
    except UnusableFile:
        raise
    except DefusedXmlException:
        raise UnusableFile(
            f"{path.name}: arbetsboken innehåller XML med DTD eller entiteter, något Excel aldrig "
            "skriver (kan vara en så kallad XML-bomb); filen avvisas av säkerhetsskäl."
        ) from None
    except zipfile.BadZipFile:
        try:
            reason = _not_a_zip_reason(path)
        except OSError:
            reason = f"{path.name}: filen är ingen Excel-arbetsbok."
        raise UnusableFile(reason) from None
    except (ParseError, xmlsafe.ExpatError, KeyError, IndexError, ValueError, EOFError,
            zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UnusableFile(
            f"{path.name}: arbetsboken är skadad och kan inte läsas ({type(exc).__name__}). "
            "Öppna den i Excel, spara den som .xlsx och försök igen."
        ) from None
    except PermissionError:
        raise UnusableFile(f"{path.name}: filen får inte läsas (behörighet saknas eller den är låst).") from None
    except OSError as exc:
        raise UnusableFile(f"{path.name}: filen kan inte läsas ({exc.strerror or exc}).") from None


def _refuse_encrypted_parts(zf: zipfile.ZipFile, path: Path) -> None:
    """A zip member with the encryption flag: neither readable nor copyable (never a ZipInfo)."""
    locked = next((i.filename for i in zf.infolist() if i.flag_bits & 0x1), None)
    if locked is not None:
        raise UnusableFile(f"{path.name}: delen {locked} i arbetsboken är krypterad (zip-lösenord), "
                           "något Excel aldrig skriver; filen kan inte läsas. Öppna den i Excel, "
                           "spara den som .xlsx och försök igen.")


def _check_path(path: Path) -> None:
    if not path.exists():
        raise UnusableFile(f"Filen {path} finns inte.")
    if path.is_dir():
        raise UnusableFile(f"{path} är en mapp, inte en arbetsbok.")
    if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device would block or never end
        raise UnusableFile(f"{path.name}: är ingen vanlig fil (utan t.ex. en namngiven pipe eller en "
                           "enhet) och läses inte. Spara arbetsboken som en vanlig fil och försök igen.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnusableFile(
            f"{path.name}: det gamla formatet .xls stöds inte. Öppna filen i Excel och spara "
            "den som Excel-arbetsbok (.xlsx) eller makroaktiverad arbetsbok (.xlsm)."
        )
    if suffix == ".ods":
        raise UnusableFile(
            f"{path.name}: OpenDocument-kalkylblad (.ods) stöds inte. Spara filen som .xlsx "
            "(Arkiv → Spara som → Excel 2007-365)."
        )
    if suffix not in (".xlsx", ".xlsm"):
        raise UnusableFile(f"{path.name}: förväntade en arbetsbok med filändelsen .xlsx eller .xlsm.")


def _not_a_zip_reason(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(8)
        if head == _OLE_MAGIC:
            data = head + fh.read(8 * 1024 * 1024)
            if _ENCRYPTED_MARK in data:
                return (f"{path.name}: arbetsboken är lösenordsskyddad (krypterad). Ta bort "
                        "lösenordet i Excel (Arkiv → Info → Skydda arbetsbok) och försök igen.")
            return (f"{path.name}: filen är i det gamla formatet .xls fast den heter "
                    f"{path.suffix}. Spara den som .xlsx i Excel.")
    if not head:
        return f"{path.name}: filen är tom."
    if head.startswith(b"PK"):
        return f"{path.name}: arbetsboken är skadad eller ofullständig (zip-arkivet går inte att läsa)."
    try:
        head.decode("utf-8")
        text_like = all(b >= 9 for b in head)
    except UnicodeDecodeError:
        text_like = False
    if text_like:
        return (f"{path.name}: filen är en textfil (t.ex. CSV), inte en Excel-arbetsbok. "
                "Öppna den i Excel och spara den som .xlsx.")
    return f"{path.name}: filen är ingen Excel-arbetsbok (okänt innehåll)."

def _workbook_part(zf: zipfile.ZipFile, budget: xmlsafe.Budget) -> str:
    names = set(zf.namelist())
    if opc.MIMETYPE in names and b"opendocument" in parts.read_part(zf, opc.MIMETYPE):
        raise UnusableFile(f"{Path(zf.filename).name}: filen är ett OpenDocument-kalkylblad, "
                           "inte en Excel-arbetsbok. Spara den som .xlsx.")
    if opc.ROOT_RELS in names:
        part = opc.workbook_part(opc.relationships(parts.tree(zf, opc.ROOT_RELS, budget)))
        if part:
            return part
    if opc.DEFAULT_WORKBOOK in names:
        return opc.DEFAULT_WORKBOOK
    if opc.ENCRYPTED_PACKAGE in names:
        raise UnusableFile(f"{Path(zf.filename).name}: arbetsboken är krypterad.")
    raise UnusableFile(f"{Path(zf.filename).name}: zip-filen innehåller ingen Excel-arbetsbok.")


# The contract's sheets, the button's settings sheet (checked by button_guard) and the
# sheet that carries the workbook's profile (profile/carrier.py).
_CONTRACT_NAMES = {" ".join(s.name.split()).casefold()
                   for s in ALL_INPUT_SHEETS + OPTIONAL_SHEETS} | {"xlwings.conf", "profil"}


def is_contract_sheet(name: str) -> bool:
    """A sheet the contract reads (its name as Excel compares it); others are never parsed."""
    return " ".join(name.replace("\u00a0", " ").split()).casefold() in _CONTRACT_NAMES


def _read_package(zf: zipfile.ZipFile, path: Path, also: frozenset[str] = frozenset()) -> WorkbookGrids:
    budget = xmlsafe.Budget(MAX_ELEMENTS)
    wb_part = _workbook_part(zf, budget)
    if opc.CONTENT_TYPES in zf.namelist():  # parsed by the writer: refused here alike
        parts.parse(zf, opc.CONTENT_TYPES, budget, {})
    rels = parts.rels(zf, wb_part, budget)
    wb = parts.tree(zf, wb_part, budget)
    if wb.tag != f"{_NS}workbook":
        raise UnusableFile(f"{Path(zf.filename).name}: " + foreign_format_message(wb.tag))
    formats = cell_formats(zf, rels, budget)
    # A writer that does not calculate (XlsxWriter, openpyxl) asks for a full recalculation
    # on load and caches 0 (or nothing) for its formulas: such a 0 is not a computed value.
    calc = wb.find(f"{_NS}calcPr")
    stale_zero = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    names = set(zf.namelist())
    sheets: dict[str, Grid] = {}
    sheet_parts: list[tuple[str, str]] = []
    strings: list[tuple[Cell, int]] = []  # cells holding a shared string, resolved at the end
    for sheet in wb.iter(f"{_NS}sheet"):
        name = sheet.get("name", "")
        part = rels.get(sheet.get(f"{_REL_NS}id", ""))
        if not part or part not in names:
            continue  # chart sheets and dialog sheets have no cells to read
        grid = Grid(name, hidden=sheet.get("state", "visible") != "visible")
        if is_contract_sheet(name) or name in also:  # the user's own sheets are copied by run, never read
            SheetReader(zf, part, formats, grid, stale_zero, budget, strings,
                        max_cells=MAX_CELLS, max_rows=MAX_ROWS).read()
        sheets[name] = grid
        sheet_parts.append((name, part))
    marked = owner.marked_sheets([s.get("name", "") for s in wb.iter(f"{_NS}sheet")],
                                 [(d.get("name"), d.get("localSheetId")) for d in wb.iter(f"{_NS}definedName")])
    if strings:
        shared = shared_strings(zf, rels, budget, max(i for _, i in strings))
        for cell, i in strings:
            cell.value = shared[i]
            if cell.formula and stale_zero and cell.value == "":
                cell.value = None
    book = WorkbookGrids(sheets, str(path))
    book.foreign_results = foreign_result_sheets(zf, sheet_parts, marked, rels)
    return book
