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
FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


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


def page_texts(pdf: Path) -> list[str] | None:
    """The text of every page (pdftotext), whitespace folded; None without poppler."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    out = subprocess.run([exe, str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    return [re.sub(r"\s+", " ", page) for page in out.split("\f")]


def heading_pages(pages: list[str], entries: list[tuple[str, str]], contents_title: str) -> dict[str, int]:
    """Page number of each (bookmark, heading text), found in order after the contents pages."""
    def key(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()[:40]

    start = next((i for i, p in enumerate(pages) if contents_title in p), 0)
    if entries:
        last = key(entries[-1][1])
        start = next((i for i in range(start, len(pages)) if last in pages[i]), start) + 1
    found, page = {}, start
    for bookmark, text in entries:
        k = key(text)
        hit = next((i for i in range(page, len(pages)) if k in pages[i]), None)
        if hit is not None:
            found[bookmark], page = hit + 1, hit
    return found
