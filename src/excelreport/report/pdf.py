"""PDF through LibreOffice headless: a private profile per run, a timeout, a clear message
when LibreOffice is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.atomic import atomic_write
from ..core.errors import ExcelReportError, PdfUnavailable

TIMEOUT = 180
# Tagged PDF (structure for screen readers) and PDF/UA (EN 301 549), as public documents
# need: the document's title shown in the viewer's title bar. Bookmarks also as named
# destinations: how the contents' page numbers are found.
FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"},'
          '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"},'
          '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
# Fonts a Word template names and the metric-compatible ones LibreOffice puts in their
# place (its own replacement table), with the Debian package that brings each.
SUBSTITUTES = {"Calibri": ("Carlito", "fonts-crosextra-carlito"),
               "Cambria": ("Caladea", "fonts-crosextra-caladea"),
               "Arial": ("Liberation Sans", "fonts-liberation2"),
               "Times New Roman": ("Liberation Serif", "fonts-liberation2"),
               "Courier New": ("Liberation Mono", "fonts-liberation2")}


NO_LIBREOFFICE = ("PDF skapades inte: LibreOffice (soffice) hittades inte. Installera LibreOffice "
                  "(Debian: apt-get install libreoffice-writer-nogui) eller spara som PDF från Word.")


def soffice() -> str | None:
    """LibreOffice's binary: ``EXCELREPORT_SOFFICE``, the PATH, or the usual install folders
    (on Windows LibreOffice is not on the PATH)."""
    found = os.environ.get("EXCELREPORT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
        exe = Path(base, "LibreOffice", "program", "soffice.exe") if base else None
        if exe and exe.is_file():
            return str(exe)
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.is_file() else None


def to_pdf(docx: Path, pdf: Path | None = None, timeout: int = TIMEOUT, alt_texts: list[str] = ()) -> Path:
    """Convert ``docx`` to ``pdf`` (default: next to it) and return the PDF's path; the
    charts' ``alt_texts`` (in the document's order) are given to the PDF's figures."""
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
        if alt_texts:
            figure_alt_texts(made, list(alt_texts))
        pdf.parent.mkdir(parents=True, exist_ok=True)
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


def _structure(element, pikepdf):
    """The structure elements under ``element``, in reading order."""
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _structure(kid, pikepdf)


def figure_alt_texts(pdf: Path, texts: list[str]) -> None:
    """Give the PDF's figures their alt texts. LibreOffice (7.x) carries a picture's Word alt
    text into the PDF but not a chart's: its /Figure has no /Alt, and a screen reader says
    nothing. The report's body holds no picture but its charts (the header's logo is an
    artifact), so its figures in reading order are the charts in theirs; when the counts
    differ nothing is guessed."""
    import pikepdf  # only where a PDF is made: a report without one does not load it

    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        root = doc.Root.get("/StructTreeRoot")
        figures = [e for e in _structure(root, pikepdf) if e.S == "/Figure"] if root is not None else []
        if len(figures) != len(texts):
            return
        for figure, text in zip(figures, texts):
            if "/Alt" not in figure:
                figure.Alt = pikepdf.String(text)
        doc.save(pdf)


def template_fonts(doc) -> set[str]:
    """The fonts a document's body styles name (text, tables, headings), following base styles."""
    names = set()
    for style in ("Normal", "Tabelltext", "Tabellrubrik", "Heading 1", "Heading 2"):
        try:
            s = doc.styles[style]
        except KeyError:  # another template without the style
            continue
        while s is not None and not s.font.name:
            s = s.base_style
        if s is not None:
            names.add(s.font.name)
    return names


def missing_fonts(pdf: Path, wanted: set[str]) -> list[str]:
    """A warning for each font of ``wanted`` (the template's) that the PDF holds neither
    itself nor its metric-compatible substitute of: LibreOffice took a wider one."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        used = {str(obj.get("/BaseFont", "")).lstrip("/").split("+")[-1].replace(" ", "").lower()
                for obj in doc.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"}
    notes = []
    for font in sorted(wanted):
        substitute, package = SUBSTITUTES.get(font, ("", ""))
        names = [n.replace(" ", "").lower() for n in (font, substitute) if n]
        if not any(u.startswith(n) for u in used for n in names):
            also = f" eller det måttlika {substitute} (Debian/Ubuntu: apt-get install {package})" if substitute else ""
            notes.append(f"Typsnittet {font} som rapportmallen använder finns inte på den här datorn: LibreOffice "
                         f"skrev PDF:en med ett annat, bredare typsnitt, så tabellernas kolumner kan radbrytas "
                         f"fel. Installera {font}{also} och skapa PDF:en igen.")
    return notes
