"""Is an existing report file one the toolkit wrote (and may replace on a re-run)?

The ``.docx``: its extended properties (``docProps/app.xml``) name ``excelreport`` as the
application, as every report the toolkit writes does; Word or LibreOffice put their own
name there when the user saves it (an edited report is the user's). The ``.pdf``: made by
LibreOffice (its ``Producer``) from a document of the report's title, read from the PDF's
``Info`` dictionary through its cross-reference table. Everything is read in bounded
pieces; a file that cannot be told is not the toolkit's.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

APPLICATION = "excelreport"  # docProps/app.xml's Application of every report written
_MAX_APP_XML = 64 * 1024
_TAIL = 1024  # the end of a PDF: trailer, startxref
_MAX_INFO = 16 * 1024  # the Info object


def own_docx(path: Path) -> bool:
    """``path`` is a Word report the toolkit wrote and nobody has saved since."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/app.xml")
            if info.file_size > _MAX_APP_XML or info.flag_bits & 0x1:
                return False
            xml = zf.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, RuntimeError, EOFError, zipfile.BadZipFile, NotImplementedError):
        return False
    found = re.search(r"<(?:\w+:)?Application>([^<]*)</(?:\w+:)?Application>", xml)
    return found is not None and found.group(1).strip() == APPLICATION


def own_pdf(path: Path, title: str) -> bool:
    """``path`` is a PDF LibreOffice made of a document titled ``title`` (the toolkit's)."""
    try:
        info = _info(path)
    except (OSError, ValueError, IndexError):
        return False
    return info.get("Producer", "").startswith("LibreOffice") and info.get("Title") == title


def _info(path: Path) -> dict[str, str]:
    """The text entries of the PDF's Info dictionary ({} when it has none that can be found)."""
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(0, size - _TAIL))
        tail = fh.read()
        start = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", tail)
        trailer = re.search(rb"/Info\s+(\d+)\s+0\s+R", tail)
        if not start or not trailer:
            return {}
        fh.seek(int(start.group(1)))
        head = fh.read(64)
        table = re.match(rb"xref\s+(\d+)\s+(\d+)\s*?\r?\n", head)
        obj = int(trailer.group(1))
        if not table or int(table.group(1)) != 0 or obj >= int(table.group(2)):
            return {}
        fh.seek(int(start.group(1)) + table.end() + 20 * obj)
        entry = fh.read(20)
        if not re.match(rb"\d{10} \d{5} n", entry):
            return {}
        fh.seek(int(entry[:10]))
        body = fh.read(_MAX_INFO)
    if not body.startswith(b"%d 0 obj" % obj):
        return {}
    body = body[:body.find(b"endobj")]
    return {k.decode(): _text(v) for k, v in re.findall(rb"/(\w+)\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))", body)}


def _text(value: bytes) -> str:
    """A PDF string: ``<FEFF…>`` (UTF-16) or ``(…)`` (PDFDocEncoding, close to Latin-1)."""
    if value.startswith(b"<"):
        data = bytes.fromhex(re.sub(rb"\s", b"", value[1:-1]).decode())
        return data[2:].decode("utf-16-be") if data[:2] == b"\xfe\xff" else data.decode("latin-1")
    inner = re.sub(rb"\\([()\\])", rb"\1", value[1:-1])
    if inner[:2] == b"\xfe\xff":
        return inner[2:].decode("utf-16-be", "replace")
    return inner.decode("latin-1")
