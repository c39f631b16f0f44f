"""Read an .xlsx/.xlsm file into grids, in one streaming pass over its XML.

Each cell keeps the number exactly as stored (``<v>491.4</v>`` → ``Decimal("491.4")``), its
number format and whether it is a formula, so that percent cells, formulas without a
cached value and typed decimals are all judged correctly. Hostile packages are refused
with a Swedish message: XML with DTDs or entities (``defusedxml``), parts that inflate
beyond a bound, encrypted workbooks, and formats that are not an Excel workbook.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from ..findings import UnusableFile
from .grid import Cell, CellError, Grid, WorkbookGrids, parse_ref

MAX_PART_BYTES = 200 * 1024 * 1024  # no sheet of a report workbook comes near this
MAX_RATIO = 200  # a deflated XML part rarely compresses better than this
MAX_CELLS = 1_000_000  # cells with content in one sheet (a report sheet has hundreds)

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Excel's built-in number formats that matter here (percent and dates; the rest are plain).
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy",
    16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm",
    21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


def read_workbook(path: str | Path) -> WorkbookGrids:
    """Read every sheet of the workbook at ``path``; raise UnusableFile with the reason."""
    path = Path(path)
    _check_path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            book = _read_package(zf, path)
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
    except (ParseError, KeyError, IndexError, ValueError, EOFError,
            zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UnusableFile(
            f"{path.name}: arbetsboken är skadad och kan inte läsas ({type(exc).__name__}). "
            "Öppna den i Excel, spara den som .xlsx och försök igen."
        ) from None
    except PermissionError:
        raise UnusableFile(f"{path.name}: filen får inte läsas (behörighet saknas eller den är låst).") from None
    except OSError as exc:
        raise UnusableFile(f"{path.name}: filen kan inte läsas ({exc.strerror or exc}).") from None


def lock_file(path: Path) -> str:
    """The name of Excel's (``~$…``) or LibreOffice's (``.~lock.…#``) owner file beside ``path``."""
    name = path.name
    for candidate in ("~$" + name, "~$" + name[2:], f".~lock.{name}#"):
        if (path.parent / candidate).is_file():
            return candidate
    return ""


def _check_path(path: Path) -> None:
    if not path.exists():
        raise UnusableFile(f"Filen {path} finns inte.")
    if path.is_dir():
        raise UnusableFile(f"{path} är en mapp, inte en arbetsbok.")
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


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > 10 * 1024 * 1024
    ):
        raise UnusableFile(
            f"{zf.filename}: delen {name} packas upp till orimlig storlek "
            f"({info.file_size // (1024 * 1024)} MB); filen avvisas."
        )
    with zf.open(info) as fh:
        data = fh.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UnusableFile(f"{zf.filename}: delen {name} är för stor; filen avvisas.")
    return data


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    root = fromstring(_read_part(zf, rels_name))
    out = {}
    for rel in root.iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[rel.get("Id")] = full
    return out


def _workbook_part(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "mimetype" in names and b"opendocument" in _read_part(zf, "mimetype"):
        raise UnusableFile(f"{Path(zf.filename).name}: filen är ett OpenDocument-kalkylblad, "
                           "inte en Excel-arbetsbok. Spara den som .xlsx.")
    for target in _rels(zf, "").values() if "_rels/.rels" in names else ():
        if target.endswith(".xml") and "workbook" in posixpath.basename(target):
            return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "EncryptedPackage" in names:
        raise UnusableFile(f"{Path(zf.filename).name}: arbetsboken är krypterad.")
    raise UnusableFile(f"{Path(zf.filename).name}: zip-filen innehåller ingen Excel-arbetsbok.")


def _read_package(zf: zipfile.ZipFile, path: Path) -> WorkbookGrids:
    wb_part = _workbook_part(zf)
    if "[Content_Types].xml" in zf.namelist():  # parsed by the writer: refused here alike
        fromstring(_read_part(zf, "[Content_Types].xml"))
    rels = _rels(zf, wb_part)
    wb = fromstring(_read_part(zf, wb_part))
    shared = _shared_strings(zf, rels)
    formats = _cell_formats(zf, rels)
    # A writer that does not calculate (XlsxWriter, openpyxl) asks for a full recalculation
    # on load and caches 0 (or nothing) for its formulas: such a 0 is not a computed value.
    calc = wb.find(f"{_NS}calcPr")
    stale_zero = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    names = set(zf.namelist())
    sheets: dict[str, Grid] = {}
    for sheet in wb.iter(f"{_NS}sheet"):
        name = sheet.get("name", "")
        part = rels.get(sheet.get(f"{_REL_NS}id", ""))
        if not part or part not in names:
            continue  # chart sheets and dialog sheets have no cells to read
        grid = Grid(name, hidden=sheet.get("state", "visible") != "visible")
        _read_sheet(zf, part, shared, formats, grid, stale_zero)
        sheets[name] = grid
    return WorkbookGrids(sheets, str(path))


def _text(si) -> str:
    """The text of a shared or inline string: plain ``<t>`` or rich-text runs, no phonetics."""
    parts = []
    for child in si:
        tag = child.tag
        if tag == f"{_NS}t":
            parts.append(child.text or "")
        elif tag == f"{_NS}r":
            t = child.find(f"{_NS}t")
            parts.append(t.text or "" if t is not None else "")
    return _unescape("".join(parts))


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel stores characters XML cannot hold as ``_xHHHH_`` (and a literal ``_x`` as ``_x005F_x``)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _shared_strings(zf: zipfile.ZipFile, rels: dict[str, str]) -> list[str]:
    part = next((p for p in rels.values() if p.endswith("sharedStrings.xml")), None)
    if not part or part not in zf.namelist():
        return []
    root = fromstring(_read_part(zf, part))
    return [_text(si) for si in root.iter(f"{_NS}si")]


def _cell_formats(zf: zipfile.ZipFile, rels: dict[str, str]) -> list[str]:
    part = next((p for p in rels.values() if p.endswith("styles.xml")), None)
    if not part or part not in zf.namelist():
        return []
    root = fromstring(_read_part(zf, part))
    custom = {int(f.get("numFmtId")): f.get("formatCode", "")
              for f in root.iter(f"{_NS}numFmt")}
    xfs = root.find(f"{_NS}cellXfs")
    out = []
    for xf in (xfs if xfs is not None else ()):
        fid = int(xf.get("numFmtId", "0"))
        out.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return out


def _read_sheet(zf, part, shared, formats, grid: Grid, stale_zero: bool = False) -> None:
    data = _read_part(zf, part)
    cells = grid.cells
    c_tag, v_tag, f_tag, is_tag = f"{_NS}c", f"{_NS}v", f"{_NS}f", f"{_NS}is"
    row_tag, merge_tag = f"{_NS}row", f"{_NS}mergeCell"
    merges = []
    # ``r`` is optional on rows and cells: a cell without it is the next column of its row,
    # a row without it the row after the previous one. A row's element ends after its
    # cells, so cells without an address wait for their row's number in ``pending``.
    last_row = 0
    col_no = 0
    cell_row = 0  # the row of an addressed cell in the current row
    pending: list[tuple[int, Cell]] = []

    def place(row: int, col: int, cell: Cell) -> None:
        cells[(row, col)] = cell
        if len(cells) > MAX_CELLS:
            raise UnusableFile(
                f"{Path(zf.filename).name}: bladet {grid.name} har fler än {MAX_CELLS} ifyllda "
                "celler, långt fler än en rapportarbetsbok har; filen avvisas.")

    for _event, el in iterparse(io.BytesIO(data), events=("end",)):
        tag = el.tag
        if tag == c_tag:
            ref = el.get("r")
            if ref:
                cell_row, col_no = parse_ref(ref)
            else:
                col_no += 1
            cell = _cell(el, shared, formats, v_tag, f_tag, is_tag, stale_zero)
            if cell is not None:
                if ref:
                    place(cell_row, col_no, cell)
                else:
                    pending.append((col_no, cell))
            el.clear()
        elif tag == row_tag:
            r = el.get("r")
            last_row = int(r) if r else (cell_row or last_row + 1)
            for col, cell in pending:
                place(last_row, col, cell)
            pending.clear()
            col_no = cell_row = 0
            el.clear()
        elif tag == merge_tag:
            merges.append(el.get("ref", ""))
    for col, cell in pending:  # cells outside any row (not valid, but readable)
        place(last_row + 1, col, cell)
    for ref in merges:
        _fill_merge(grid, ref)


def _cell(el, shared, formats, v_tag, f_tag, is_tag, stale_zero=False) -> Cell | None:
    t = el.get("t", "n")
    s = el.get("s")
    fmt = formats[int(s)] if s and int(s) < len(formats) else "General"
    f = el.find(f_tag)
    v = el.find(v_tag)
    raw = v.text if v is not None else None
    value = None
    if t == "s":
        if raw is not None:
            value = shared[int(raw)]
    elif t == "inlineStr":
        node = el.find(is_tag)
        value = _text(node) if node is not None else None
    elif t == "str":
        value = raw
    elif t == "b":
        value = raw == "1" if raw is not None else None
    elif t == "e":
        value = CellError(raw or "#N/A")
    elif raw is not None and raw != "":
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = raw
        if isinstance(value, Decimal) and not value.is_finite():
            value = raw  # NaN or Infinity: never a number in a workbook
    if value is None and f is None:
        return None  # formatted but empty
    if f is not None and stale_zero and (value == "" or (isinstance(value, Decimal) and value == 0)):
        value = None
    return Cell(value, fmt, f is not None, (f.text or "") if f is not None else "")


def _fill_merge(grid: Grid, ref: str) -> None:
    """Every cell of a merged range reads as its top-left cell, as a user sees it."""
    if ":" not in ref:
        return
    (r1, c1), (r2, c2) = (parse_ref(p) for p in ref.split(":"))
    top = grid.cells.get((r1, c1))
    if top is None or (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
        return
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            if (r, c) != (r1, c1):
                grid.cells[(r, c)] = top
