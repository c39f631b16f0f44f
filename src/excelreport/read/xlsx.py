"""Read an .xlsx/.xlsm file into grids, in one streaming pass over its XML.

Each cell keeps the number as Excel shows it (``<v>491.4</v>`` → ``Decimal("491.4")``; a
double's noise beyond 15 significant digits dropped, ``99120.49000000001`` → ``99120.49``), its
number format and whether it is a formula, so that percent cells, formulas without a
cached value and typed decimals are all judged correctly. Hostile packages are refused
with a Swedish message: XML with DTDs or entities (``defusedxml``), parts that inflate
beyond a bound, encrypted workbooks, and formats that are not an Excel workbook.
"""

from __future__ import annotations

import posixpath
import re
import stat
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from ..contract import ALL_INPUT_SHEETS, OPTIONAL_SHEETS
from ..findings import UnusableFile
from ..numbers import excel_number
from . import owner, xmlsafe
from .grid import Cell, CellError, Grid, WorkbookGrids, parse_ref

MAX_PART_BYTES = 200 * 1024 * 1024  # no sheet of a report workbook comes near this
MAX_RATIO = 200  # a deflated XML part rarely compresses better than this
MAX_CELLS = 300_000  # cells with content in one sheet (a report sheet has hundreds)
MAX_ROWS = 25_000  # rows with content in one contract sheet (20 000 investments take ~10 s)
# Bounded time and memory for any file: limits on what the contract's sheets may hold (the
# user's own sheets are never parsed). A standard workbook uses a few per cent of each.
MAX_ELEMENTS = 1_000_000  # XML elements in the contract's sheets, shared strings and styles
MAX_MERGED_CELLS = 100_000  # cells covered by merged ranges in one contract sheet
MAX_CELL_CHARS = 32_767  # characters in one cell (Excel's own limit)
MAX_SMALL_PART_BYTES = 20 * 1024 * 1024  # workbook.xml and relationships
FIRST_ROW_ELEMENTS = 10_000  # row 1 of a sheet named like a result sheet (ours has ~50)

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
            _refuse_encrypted_parts(zf, path)
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


def _open_part(zf: zipfile.ZipFile, name: str):
    """A part's stream, refused up front when its declared size is absurd."""
    info = zf.getinfo(name)
    if info.file_size > MAX_PART_BYTES or (
        info.compress_size and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > 10 * 1024 * 1024
    ):
        raise UnusableFile(
            f"{Path(zf.filename).name}: delen {name} packas upp till orimlig storlek "
            f"({info.file_size // (1024 * 1024)} MB); filen avvisas."
        )
    return zf.open(info)


def _read_part(zf: zipfile.ZipFile, name: str, limit: int = MAX_SMALL_PART_BYTES) -> bytes:
    with _open_part(zf, name) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise UnusableFile(f"{Path(zf.filename).name}: delen {name} är större än {limit // (1024 * 1024)} MB, "
                           "långt större än i en rapportarbetsbok; filen avvisas.")
    return data


def _parse(zf: zipfile.ZipFile, name: str, budget: xmlsafe.Budget, handlers: dict, *,
           whole: bool = True) -> None:
    """Stream part ``name`` through expat with ``handlers`` (start/end/chars), within budget:
    a part read ``whole`` has its elements counted before any is parsed; another (shared
    strings, read only as far as needed) as it is read."""
    try:
        if whole:
            with _open_part(zf, name) as fh:
                xmlsafe.prescan(fh, MAX_PART_BYTES, budget)
        with _open_part(zf, name) as fh:
            xmlsafe.feed(xmlsafe.parser(**handlers), fh, MAX_PART_BYTES, None if whole else budget)
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(_too_much(zf, name, str(exc))) from None


def _too_much(zf: zipfile.ZipFile, part: str, what: str) -> str:
    return (f"{Path(zf.filename).name}: delen {part} innehåller {what}, långt mer än en "
            "rapportarbetsbok; filen avvisas (se guiden docs/guide.md, avsnitt 6).")


def _tree(zf: zipfile.ZipFile, name: str, budget: xmlsafe.Budget):
    """A small part (workbook, relationships) as a tree, after counting its elements."""
    try:
        return xmlsafe.fromstring(_read_part(zf, name), budget)
    except xmlsafe.LimitExceeded as exc:
        raise UnusableFile(_too_much(zf, name, str(exc))) from None


def _rels(zf: zipfile.ZipFile, part: str, budget: xmlsafe.Budget) -> dict[str, str]:
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.namelist():
        return {}
    root = _tree(zf, rels_name, budget)
    out = {}
    for rel in root.iter(f"{_PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[rel.get("Id")] = full
    return out


def _workbook_part(zf: zipfile.ZipFile, budget: xmlsafe.Budget) -> str:
    names = set(zf.namelist())
    if "mimetype" in names and b"opendocument" in _read_part(zf, "mimetype"):
        raise UnusableFile(f"{Path(zf.filename).name}: filen är ett OpenDocument-kalkylblad, "
                           "inte en Excel-arbetsbok. Spara den som .xlsx.")
    for target in _rels(zf, "", budget).values() if "_rels/.rels" in names else ():
        if target.endswith(".xml") and "workbook" in posixpath.basename(target):
            return target
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "EncryptedPackage" in names:
        raise UnusableFile(f"{Path(zf.filename).name}: arbetsboken är krypterad.")
    raise UnusableFile(f"{Path(zf.filename).name}: zip-filen innehåller ingen Excel-arbetsbok.")


def foreign_format_message(root_tag: str) -> str:
    """A workbook whose root is not transitional SpreadsheetML (Strict, Excel 2007 beta …)."""
    ns = root_tag[1:].split("}")[0] if root_tag.startswith("{") else ""
    if ns == "http://purl.oclc.org/ooxml/spreadsheetml/main":
        return ("Arbetsboken är sparad i formatet Strict Open XML, som verktyget inte läser. Spara den "
                "som vanlig Excel-arbetsbok (.xlsx) och kör igen.")
    if not ns:
        return ("Arbetsbokens workbook.xml saknar SpreadsheetML:s namnrymd; filen är skadad eller skriven "
                "av ett program som inte följer formatet. Öppna den i Excel, spara den som .xlsx och kör igen.")
    return (f"Arbetsboken är sparad i ett format verktyget inte känner (namnrymden '{ns}', t.ex. en "
            "förhandsversion av Excel 2007). Öppna den i Excel, spara den som Excel-arbetsbok (.xlsx) "
            "och kör igen.")


# The contract's sheets, the button's settings sheet (checked by button_guard) and the
# sheet that carries the workbook's profile (profile/carrier.py).
_CONTRACT_NAMES = {" ".join(s.name.split()).casefold()
                   for s in ALL_INPUT_SHEETS + OPTIONAL_SHEETS} | {"xlwings.conf", "profil"}


def is_contract_sheet(name: str) -> bool:
    """A sheet the contract reads (its name as Excel compares it); others are never parsed."""
    return " ".join(name.replace("\u00a0", " ").split()).casefold() in _CONTRACT_NAMES


def _read_package(zf: zipfile.ZipFile, path: Path) -> WorkbookGrids:
    budget = xmlsafe.Budget(MAX_ELEMENTS)
    wb_part = _workbook_part(zf, budget)
    if "[Content_Types].xml" in zf.namelist():  # parsed by the writer: refused here alike
        _parse(zf, "[Content_Types].xml", budget, {})
    rels = _rels(zf, wb_part, budget)
    wb = _tree(zf, wb_part, budget)
    if wb.tag != f"{_NS}workbook":
        raise UnusableFile(f"{Path(zf.filename).name}: " + foreign_format_message(wb.tag))
    formats = _cell_formats(zf, rels, budget)
    # A writer that does not calculate (XlsxWriter, openpyxl) asks for a full recalculation
    # on load and caches 0 (or nothing) for its formulas: such a 0 is not a computed value.
    calc = wb.find(f"{_NS}calcPr")
    stale_zero = calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    names = set(zf.namelist())
    sheets: dict[str, Grid] = {}
    parts: list[tuple[str, str]] = []
    strings: list[tuple[Cell, int]] = []  # cells holding a shared string, resolved at the end
    for sheet in wb.iter(f"{_NS}sheet"):
        name = sheet.get("name", "")
        part = rels.get(sheet.get(f"{_REL_NS}id", ""))
        if not part or part not in names:
            continue  # chart sheets and dialog sheets have no cells to read
        grid = Grid(name, hidden=sheet.get("state", "visible") != "visible")
        if is_contract_sheet(name):  # the user's own sheets are copied by run, never read
            _SheetReader(zf, part, formats, grid, stale_zero, budget, strings).read()
        sheets[name] = grid
        parts.append((name, part))
    marked = owner.marked_sheets([s.get("name", "") for s in wb.iter(f"{_NS}sheet")],
                                 [(d.get("name"), d.get("localSheetId")) for d in wb.iter(f"{_NS}definedName")])
    if strings:
        shared = _shared_strings(zf, rels, budget, max(i for _, i in strings))
        for cell, i in strings:
            cell.value = shared[i]
            if cell.formula and stale_zero and cell.value == "":
                cell.value = None
    book = WorkbookGrids(sheets, str(path))
    book.foreign_results = foreign_result_sheets(zf, parts, marked, rels)
    return book


def foreign_result_sheets(zf: zipfile.ZipFile, parts: list[tuple[str, str]], marked: set[str],
                          rels: dict[str, str]) -> list[str]:
    """The worksheets (name, part) named like a result sheet that the toolkit did not write:
    neither marked nor headed as it writes them (see ``owner``)."""
    return [name for name, part in parts if name in owner.result_names() and name not in marked
            and not owner.legacy_header(name, _first_row(zf, part, rels))]


class _Enough(Exception):
    """Row 1 is read."""


class _FirstRow:
    """Row 1 of a sheet, read as far as it goes (a user's sheet may be of any size)."""

    def __init__(self, zf, part: str, strings: list[tuple[Cell, int]]):
        self.grid = Grid(part)
        self.reader = _SheetReader(zf, part, [], self.grid, False, xmlsafe.Budget(FIRST_ROW_ELEMENTS), strings)

    def start(self, name, attrs):
        r = self.reader
        if name == _ROW and (int(attrs["r"]) if attrs.get("r") else r.row_no + 1) > 1:
            raise _Enough
        r.start(name, attrs)
        if name == _C and r.row_no > 1:
            raise _Enough

    def read(self) -> None:
        r = self.reader
        try:
            with _open_part(r.zf, r.part) as fh:
                xmlsafe.feed(xmlsafe.parser(self.start, r.end, r.texts.chars), fh, MAX_PART_BYTES, r.budget)
        except _Enough:
            pass


def _first_row(zf: zipfile.ZipFile, part: str, rels: dict[str, str]) -> list:
    """Row 1's values from column A (None where empty); [] when it cannot be told."""
    strings: list[tuple[Cell, int]] = []
    reading = _FirstRow(zf, part, strings)
    try:
        reading.read()
        if strings:
            shared = _shared_strings(zf, rels, xmlsafe.Budget(MAX_ELEMENTS), max(i for _, i in strings))
            for cell, i in strings:
                cell.value = shared[i]
    except (UnusableFile, xmlsafe.LimitExceeded, xmlsafe.ExpatError, DefusedXmlException, IndexError,
            ValueError):
        return []  # too large, damaged: not one the toolkit wrote
    cells = reading.grid.cells
    if any(cell.formula for cell in cells.values()):
        return []
    last = max((c for _, c in cells), default=0)
    return [cells[(1, c)].value if (1, c) in cells else None for c in range(1, last + 1)]


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel stores characters XML cannot hold as ``_xHHHH_`` (and a literal ``_x`` as ``_x005F_x``)."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


class _Texts:
    """Collects the text of ``<si>``/``<is>``: plain ``<t>`` or rich-text runs, no phonetics."""

    def __init__(self):
        self.parts: list[str] | None = None  # inside a <t> that counts
        self.size = 0
        self.phonetic = 0

    def start_t(self) -> None:
        if not self.phonetic:
            self.parts = self.parts if self.parts is not None else []

    def chars(self, data: str) -> None:
        if self.parts is not None and not self.phonetic:
            self.size += len(data)
            if self.size > MAX_CELL_CHARS:
                raise xmlsafe.LimitExceeded(f"en text längre än {MAX_CELL_CHARS} tecken (Excels gräns)")
            self.parts.append(data)

    def take(self) -> str:
        text = _unescape("".join(self.parts or ()))
        self.parts, self.size = None, 0
        return text


def _shared_strings(zf: zipfile.ZipFile, rels: dict[str, str], budget: xmlsafe.Budget,
                    last: int) -> list[str]:
    """The shared strings up to index ``last`` (the highest a contract sheet uses)."""
    part = next((p for p in rels.values() if p.endswith("sharedStrings.xml")), None)
    if not part or part not in zf.namelist():
        raise IndexError(last)
    out: list[str] = []
    texts = _Texts()
    si, t, rph = f"{_M}si", f"{_M}t", f"{_M}rPh"
    collecting = [False]

    class _Done(Exception):
        pass

    def start(name, _attrs):
        if name == si:
            collecting[0] = True
            texts.parts, texts.size = None, 0
        elif name == rph:
            texts.phonetic += 1
        elif name == t and collecting[0]:
            texts.start_t()

    def end(name):
        if name == si:
            out.append(texts.take())
            collecting[0] = False
            if len(out) > last:
                raise _Done
        elif name == rph:
            texts.phonetic -= 1

    try:
        _parse(zf, part, budget, {"start": start, "end": end, "chars": texts.chars}, whole=False)
    except _Done:
        pass
    if len(out) <= last:
        raise IndexError(last)
    return out


def _cell_formats(zf: zipfile.ZipFile, rels: dict[str, str], budget: xmlsafe.Budget) -> list[str]:
    part = next((p for p in rels.values() if p.endswith("styles.xml")), None)
    if not part or part not in zf.namelist():
        return []
    custom: dict[int, str] = {}
    ids: list[int] = []
    depth = [0]  # > 0 inside <cellXfs>
    num_fmt, cell_xfs, xf = f"{_M}numFmt", f"{_M}cellXfs", f"{_M}xf"

    def start(name, attrs):
        if name == num_fmt:
            custom[int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif name == cell_xfs:
            depth[0] += 1
        elif name == xf and depth[0]:
            ids.append(int(attrs.get("numFmtId", "0")))

    def end(name):
        if name == cell_xfs:
            depth[0] -= 1

    _parse(zf, part, budget, {"start": start, "end": end})
    return [custom.get(fid) or BUILTIN_FORMATS.get(fid, "General") for fid in ids]


class _SheetReader:
    """One contract sheet, streamed: cells with their value, number format and formula."""

    def __init__(self, zf, part: str, formats: list[str], grid: Grid, stale_zero: bool,
                 budget: xmlsafe.Budget, strings: list[tuple[Cell, int]]):
        self.zf, self.part, self.formats, self.grid = zf, part, formats, grid
        self.stale_zero, self.budget, self.strings = stale_zero, budget, strings
        self.texts = _Texts()
        self.row_no = self.col_no = 0
        self.cell: dict | None = None  # the <c> being read: its attributes and parts
        self.merges: list[str] = []
        self.hidden_cols: list[tuple[int, int]] = []
        self.rows, self.last_row = 0, 0  # rows with content, and the last one stored

    def read(self) -> None:
        _parse(self.zf, self.part, self.budget,
               {"start": self.start, "end": self.end, "chars": self.texts.chars})
        _fill_merges(self.zf, self.grid, self.merges)
        self.grid.hidden_cols.update(_columns(self.hidden_cols))

    def start(self, name, attrs):
        if name == _C:
            ref = attrs.get("r")
            if ref:
                self.row_no, self.col_no = parse_ref(ref)
            else:
                self.col_no += 1
            self.cell = {"t": attrs.get("t", "n"), "s": attrs.get("s")}
        elif name in (_V, _F):
            self.texts.parts, self.texts.size = [], 0
        elif name == _ROW:
            r = attrs.get("r")
            self.row_no = int(r) if r else self.row_no + 1
            self.col_no = 0
            if attrs.get("hidden") in _TRUE:
                self.grid.hidden_rows.add(self.row_no)
        elif name == _COL:
            if attrs.get("hidden") in _TRUE:  # a range of columns: min–max
                first = int(attrs.get("min", "1"))
                self.hidden_cols.append((first, int(attrs.get("max", first))))
        elif name == _IS:
            self.texts.parts, self.texts.size = None, 0
        elif name == _T and self.cell is not None:
            self.texts.start_t()
        elif name == _RPH:
            self.texts.phonetic += 1
        elif name == _MERGE:
            self.merges.append(attrs.get("ref", ""))

    def end(self, name):
        cell = self.cell
        if cell is None:
            return
        if name == _C:
            self._store(cell)
            self.cell = None
        elif name == _V:
            cell["v"] = self.texts.take()
        elif name == _F:
            cell["f"] = self.texts.take()
        elif name == _IS:
            cell["is"] = self.texts.take()
        elif name == _RPH:
            self.texts.phonetic -= 1

    def _store(self, el: dict) -> None:
        t, s, raw, formula = el["t"], el["s"], el.get("v"), el.get("f")
        if raw is None and formula is None and t != "e" and "is" not in el:
            return  # formatted but empty (the common case, decided before anything is looked up)
        fmt = self.formats[int(s)] if s and int(s) < len(self.formats) else "General"
        value = None
        shared = None
        if t == "s":
            if raw is not None:
                shared = int(raw)
                if shared < 0:
                    raise ValueError(raw)
        elif t == "inlineStr":
            value = el.get("is")
        elif t == "str":
            value = raw
        elif t == "b":
            value = raw == "1" if raw is not None else None
        elif t == "e":
            value = CellError(raw or "#N/A")
        elif raw is not None and raw != "":
            try:
                value = excel_number(raw)  # as Excel shows it: 15 significant digits
            except ArithmeticError:
                value = raw
            if isinstance(value, Decimal) and not value.is_finite():
                value = raw  # NaN or Infinity: never a number in a workbook
        if value is None and shared is None and formula is None:
            return  # formatted but empty
        if formula is not None and self.stale_zero and (
                value == "" or (isinstance(value, Decimal) and value == 0)):
            value = None
        cell = Cell(value, fmt, formula is not None, formula or "")
        if shared is not None:
            self.strings.append((cell, shared))
        cells = self.grid.cells
        cells[(self.row_no, self.col_no)] = cell
        if self.row_no != self.last_row:
            self.rows, self.last_row = self.rows + 1, self.row_no
            if self.rows > MAX_ROWS:
                limit = f"{MAX_ROWS:,}".replace(",", " ")
                raise UnusableFile(
                    f"{Path(self.zf.filename).name}: bladet {self.grid.name} har fler än {limit} ifyllda "
                    f"rader; verktyget hanterar högst {limit} rader i ett blad (se guiden docs/guide.md, avsnitt 6), så "
                    "filen avvisas. Sammanfatta raderna (t.ex. investeringsprojekt per program) och försök igen.")
        if len(cells) > MAX_CELLS:
            raise UnusableFile(
                f"{Path(self.zf.filename).name}: bladet {self.grid.name} har fler än {MAX_CELLS} ifyllda "
                "celler, långt fler än en rapportarbetsbok har; filen avvisas.")


_M = _NS[1:]  # expat's names: ``uri}local``
_C, _V, _F, _ROW, _IS, _T, _RPH, _MERGE, _COL = (
    _M + n for n in ("c", "v", "f", "row", "is", "t", "rPh", "mergeCell", "col"))
_TRUE = ("1", "true")


def _columns(spans: list[tuple[int, int]]) -> set[int]:
    """The columns of ``spans`` (min–max, as ``<col>`` gives them), in Excel's 1–16 384: each
    column once, however many spans overlap (time and memory bounded by the sheet's width)."""
    out: set[int] = set()
    reach = 0  # every column up to here is in ``out`` (the spans taken in order)
    for first, last in sorted(spans):
        first, last = max(first, reach + 1, 1), min(last, 16_384)
        if first <= last:
            out.update(range(first, last + 1))
            reach = last
    return out


def _fill_merges(zf, grid: Grid, refs: list[str]) -> None:
    """Every cell of a merged range reads as its top-left cell, as a user sees it: empty when
    the top-left cell is (a value a file keeps in a covered cell is never shown, so never
    read). Covered cells that show something other than they hold are marked: a formula
    referring to one is not evaluated (an empty covered cell counts as 0, as in Excel)."""
    filled = 0
    for ref in refs:
        if ":" not in ref:
            continue
        (r1, c1), (r2, c2) = (parse_ref(p) for p in ref.split(":"))
        top = grid.cells.get((r1, c1))
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        if size > 10_000:
            continue
        filled += size - 1
        if filled > MAX_MERGED_CELLS:
            raise UnusableFile(
                f"{Path(zf.filename).name}: bladet {grid.name} har sammanfogade celler som täcker fler "
                f"än {MAX_MERGED_CELLS} celler, långt fler än en rapportarbetsbok har; filen avvisas. "
                "Ta bort sammanfogningarna (Start → Sammanfoga och centrera).")
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    if top is not None:
                        grid.cells[(r, c)] = top
                        grid.covered.add((r, c))
                    elif grid.cells.pop((r, c), None) is not None:
                        grid.covered.add((r, c))  # Excel may see its value or nothing
