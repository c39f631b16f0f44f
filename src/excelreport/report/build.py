"""Checked workbook → the report's .docx (and PDF): the one entry point of the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.codes import Code
from ..core.findings import VARNING, Finding
from ..profile import shipped
from ..profile.schema import Profile
from . import docx_xml
from .document import ReportDocument
from .pdf import bookmark_pages, destination_name, missing_fonts, template_fonts, to_pdf
from .sections import Sections
from .text import sanitise

CONTENTS = "Innehåll"
REFILLS = 3  # corrections of the page breaks from a laid-out PDF (each a conversion more)
EMPTY = "Rapporten är tom: arbetsboken har inga belopp, mål, uppdrag, texter eller personaluppgifter."
EMPTY_HINT = "Fyll i bladen och skapa rapporten igen."


@dataclass
class ReportFiles:
    docx: Path
    pdf: Path | None = None
    findings: list[Finding] = field(default_factory=list)


def build_document(report, results, template: str | Path | None = None,
                   profile: Profile | None = None) -> tuple[ReportDocument, list[Finding]]:
    """The whole report in memory, outlined by ``profile`` (``standard`` when None);
    findings for text that had to be cleaned."""
    profile = profile or shipped()
    clean_report, findings = sanitise(report)
    w = ReportDocument(template)
    info = clean_report.info
    palette = {**docx_xml.theme_colours(w.doc), "font": w.doc.styles["Normal"].font.name or ""}
    sections = Sections(w, clean_report, results, palette, profile)
    sections.cover()
    w.contents(CONTENTS)
    sections.all()
    findings += [Finding(VARNING, Code.RAPPORT_FORKORTAD, "Investeringar", "", note) for note in sections.notes]
    if not w.toc:  # not one section: say so on the first page and to the user
        w.cover_note(EMPTY)
        findings.append(Finding(VARNING, Code.TOM_RAPPORT, "", "", EMPTY + " " + EMPTY_HINT))
    w.finish_contents()
    w.fill_placeholders({"kommun": info.kommun, "nämnd": info.namnd, "period": info.period,
                         "år": str(info.ar)})
    w.properties(info.title, info.namnd, f"{info.period} {info.ar}",
                 f"{info.kommun}; {info.namnd}; {info.period} {info.ar}", profile_line(profile))
    return w, findings


def profile_line(profile: Profile) -> str:
    """The report's description (core properties): the profile it follows."""
    return f"Kommunprofil: {profile.name}, version {profile.version}"


def write_report(report, results, out: str | Path, *, template: str | Path | None = None,
                 pdf: bool = False, profile: Profile | None = None) -> ReportFiles:
    """Write the .docx to ``out``; with ``pdf`` also the PDF next to it (LibreOffice), the
    contents' page numbers taken from a first conversion."""
    w, findings = build_document(report, results, template, profile)
    docx, pdf_path = save_document(w, out, pdf=pdf)
    return ReportFiles(docx, pdf_path, findings)


def save_document(w: ReportDocument, out: str | Path, *, pdf: bool = False) -> tuple[Path, Path | None]:
    """Save the .docx; with ``pdf`` also the PDF next to it (LibreOffice), the contents'
    page numbers taken from the headings' bookmarks in a first conversion. Shared by the
    board and compilation reports."""
    docx = w.save(out)
    if not pdf:
        return docx, None

    pdf_path = to_pdf(docx, alt_texts=w.alt_texts)
    for _ in range(REFILLS):  # the main sections' page breaks, from the layout LibreOffice made
        if not w.refill(pdf_path):
            break
        w.save(docx)
        to_pdf(docx, pdf_path, alt_texts=w.alt_texts)
    found = bookmark_pages(pdf_path)
    if found is not None:
        pages = {e.bookmark: found[destination_name(e.bookmark)] for e in w.toc
                 if destination_name(e.bookmark) in found}
        w.set_pages(pages)
        if len(pages) == len(w.toc):  # every number right: Word need not update fields
            docx_xml.update_fields_on_open(w.doc, False)
        w.save(docx)
        to_pdf(docx, pdf_path, alt_texts=w.alt_texts)
    w.pdf_notes = missing_fonts(pdf_path, template_fonts(w.doc))
    return docx, pdf_path
