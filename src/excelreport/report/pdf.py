"""PDF through LibreOffice headless: a private profile per run, a timeout, a clear message
when LibreOffice is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..findings import ExcelReportError

TIMEOUT = 180
# Tagged PDF (structure for screen readers), as public documents need.
# Bookmarks also as named destinations: how the contents' page numbers are found.
FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')


NO_LIBREOFFICE = ("PDF skapades inte: LibreOffice (soffice) hittades inte. Installera LibreOffice "
                  "(Debian: apt-get install libreoffice-writer-nogui) eller spara som PDF från Word.")


class PdfUnavailable(ExcelReportError):
    """LibreOffice is not installed, so no PDF can be made."""


def soffice() -> str | None:
    """LibreOffice's binary: ``EXCELREPORT_SOFFICE``, the PATH, or the usual install folders
    (on Windows LibreOffice is not on the PATH)."""
    import os

    found = os.environ.get("EXCELREPORT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
        exe = Path(base, "LibreOffice", "program", "soffice.exe") if base else None
        if exe and exe.is_file():
            return str(exe)
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.is_file() else None


def to_pdf(docx: Path, pdf: Path | None = None, timeout: int = TIMEOUT) -> Path:
    """Convert ``docx`` to ``pdf`` (default: next to it) and return the PDF's path."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(NO_LIBREOFFICE)
    pdf = pdf or docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="excelreport-lo-") as tmp:
        profile, outdir = Path(tmp) / "profile", Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", FILTER, "--outdir", str(outdir), str(docx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ExcelReportError(f"PDF skapades inte: LibreOffice svarade inte inom {timeout} s.") from None
        made = outdir / (docx.stem + ".pdf")
        if proc.returncode != 0 or not made.exists():
            raise ExcelReportError(f"PDF skapades inte: LibreOffice kunde inte konvertera {docx.name} "
                                   f"({(proc.stderr or proc.stdout).strip()[:300]}).")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        from ..write.safe import atomic_write

        with made.open("rb") as src:  # atomically: a killed run keeps the previous PDF
            atomic_write(pdf, lambda fh: shutil.copyfileobj(src, fh, 1024 * 1024))
    return pdf


def destinations(pdf: Path) -> dict[str, tuple[int, float | None]] | None:
    """Page and top (PDF units from the page's foot) of every named destination of the PDF
    (``pdfinfo -dests``); None without poppler."""
    exe = shutil.which("pdfinfo")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-dests", str(pdf)], capture_output=True, text=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = {}
    for line in out.splitlines():
        m = re.match(r'\s*(\d+)\s+\[(.*)\]\s+"(.*)"\s*$', line)
        if m:
            xyz = re.match(r"\s*XYZ\s+\S+\s+([-\d.]+)", m.group(2))
            found[m.group(3)] = (int(m.group(1)), float(xyz.group(1)) if xyz else None)
    return found


def bookmark_pages(pdf: Path) -> dict[str, int] | None:
    """Page of every bookmark of the document (the headings' ``_Toc…``), from the PDF's
    named destinations (``pdfinfo -dests``); None without poppler.

    A heading is found by what it is, not by its text: a table cell that repeats a
    heading's words cannot be taken for it.
    """
    found = destinations(pdf)
    return None if found is None else {name: page for name, (page, _) in found.items()}


def word_boxes(pdf: Path) -> list[tuple[float, list[tuple[float, float]]]] | None:
    """Per page: its height and the top and foot (from the page's top, PDF units) of every
    word printed on it (``pdftotext -bbox``); None without poppler."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-bbox", str(pdf), "-"], capture_output=True, text=True,
                             timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return [(float(height), [(float(a), float(b)) for a, b in re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*'
                                                                        r'yMax="([\d.]+)"', body)])
            for height, body in re.findall(r'<page [^>]*height="([\d.]+)">(.*?)</page>', out, re.S)]


def destination_name(bookmark: str) -> str:
    """A bookmark's name as LibreOffice writes it as a PDF destination (``_`` → ``5F``)."""
    return re.sub(r"[^A-Za-z0-9]", lambda m: "".join(f"{b:02X}" for b in m.group().encode()), bookmark)
