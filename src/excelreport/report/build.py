"""Checked workbook → the report's .docx (and PDF): the one entry point of the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from . import docx_xml
from .document import ReportDocument
from .sections import Sections
from .text import sanitise

CONTENTS = "Innehåll"


@dataclass
class ReportFiles:
    docx: Path
    pdf: Path | None = None
    findings: list[Finding] = field(default_factory=list)


def build_document(report, results, template: str | Path | None = None,
                   charts=None) -> tuple[ReportDocument, list[Finding]]:
    """The whole report in memory; findings for text that had to be cleaned. ``charts``:
    a ``charts.ChartWorker`` to draw the pictures in (default: a new one)."""
    if charts is None:
        from .charts import ChartWorker

        charts = ChartWorker()  # starts drawing-ready while the document is built
    try:
        clean_report, findings = sanitise(report)
        w = ReportDocument(template)
        info = clean_report.info
        palette = {**docx_xml.theme_colours(w.doc), "font": w.doc.styles["Normal"].font.name or ""}
        sections = Sections(w, clean_report, results, palette)
        sections.cover()
        w.contents(CONTENTS)
        sections.all()
        w.pictures(charts)
        w.finish_contents()
        w.fill_placeholders({"kommun": info.kommun, "nämnd": info.namnd, "period": info.period,
                             "år": str(info.ar)})
        w.properties(info.title, info.namnd, f"{info.period} {info.ar}",
                     f"{info.kommun}; {info.namnd}; {info.period} {info.ar}")
    finally:
        charts.close()
    return w, findings


def write_report(report, results, out: str | Path, *, template: str | Path | None = None,
                 pdf: bool = False, charts=None) -> ReportFiles:
    """Write the .docx to ``out``; with ``pdf`` also the PDF next to it (LibreOffice), the
    contents' page numbers taken from a first conversion."""
    w, findings = build_document(report, results, template, charts)
    docx, pdf_path = save_document(w, out, pdf=pdf)
    return ReportFiles(docx, pdf_path, findings)


def save_document(w: ReportDocument, out: str | Path, *, pdf: bool = False,
                  contents: str = CONTENTS) -> tuple[Path, Path | None]:
    """Save the .docx; with ``pdf`` also the PDF next to it (LibreOffice), the contents'
    page numbers taken from a first conversion. Shared by the board and compilation reports."""
    docx = w.save(out)
    if not pdf:
        return docx, None
    from .pdf import heading_pages, page_texts, to_pdf

    pdf_path = to_pdf(docx)
    pages = page_texts(pdf_path)
    if pages is not None:
        w.set_pages(heading_pages(pages, [(e.bookmark, e.text) for e in w.toc], contents))
        w.save(docx)
        to_pdf(docx, pdf_path)
    return docx, pdf_path
