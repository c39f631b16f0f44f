"""Read a report .docx by meaning: headings, paragraphs, tables as cell texts, raw XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
from docx.oxml.ns import qn

NBSP = "\u00a0"


def norm(text: str) -> str:
    """Text as read: NBSP as a space, break marks (zero-width space, soft hyphen) dropped."""
    text = text.replace(NBSP, " ").replace("\u200b", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Report:
    path: Path
    doc: object

    @property
    def headings(self) -> list[tuple[int, str]]:
        out = []
        for p in self.doc.paragraphs:
            m = re.fullmatch(r"Heading (\d)", p.style.name)
            if m:
                out.append((int(m.group(1)), p.text))
        return out

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.doc.paragraphs]

    @property
    def tables(self) -> list[list[list[str]]]:
        return [[[c.text for c in row.cells] for row in t.rows] for t in self.doc.tables]

    def table(self, first_header: str) -> list[list[str]]:
        """The first table whose header row starts with ``first_header``."""
        return next(t for t in self.tables if t[0][0] == first_header)

    def tables_starting(self, first_header: str) -> list[list[list[str]]]:
        return [t for t in self.tables if t[0][0] == first_header]

    def xml(self, part: str) -> str:
        with zipfile.ZipFile(self.path) as z:
            return z.read(part).decode("utf-8")

    def body(self):
        return self.doc.element.body

    def tbl_elements(self):
        return list(self.body().iter(qn("w:tbl")))


def open_report(path: Path) -> Report:
    return Report(Path(path), docx.Document(str(path)))


def rows_by_label(table: list[list[str]]) -> dict[str, list[str]]:
    """Data rows keyed by their (normalised) first cell; blank rows skipped."""
    return {norm(r[0]): [norm(c) for c in r[1:]] for r in table[1:] if norm(r[0])}


def swedish(value: str | Decimal, decimals: int) -> str:
    """Independent reference formatting: half away from zero, space thousands, comma."""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + " ".join(groups) + ("," + frac if frac else "")


def pdf_pages(pdf: Path) -> list[tuple[float, list[tuple[float, float, float, str]]]]:
    """Per page: its height and its words as (top, bottom, left, text), from pdftotext -bbox."""
    import html
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(b), float(d), float(a), html.unescape(t)) for a, b, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                            body)]
        pages.append((float(height), words))
    return pages


def page_fill(pdf: Path, headings: list[str], starts_at_least: int = 1) -> tuple[int, list[str]]:
    """The number of pages, and the pages (after the contents) that are less than 40 % full
    although the next page starts with a main heading (``headings``); asserts that
    ``starts_at_least`` main headings starting a page were found, so the check is not empty."""
    pages = pdf_pages(pdf)
    bodies = [[w for w in words if height * 0.06 < w[0] < height * 0.93] for height, words in pages]  # no header/footer
    top, bottom = pages[0][0] * 0.08, pages[0][0] * 0.92
    thin, starts = [], 0
    for n in range(2, len(pages) - 1):  # after the cover and the contents, before the last page
        first = min(w[0] for w in bodies[n + 1])
        following = " ".join(w[3] for w in sorted(bodies[n + 1], key=lambda w: w[2]) if abs(w[0] - first) < 2)
        if following in headings:
            starts += 1
            lowest = max(w[1] for w in bodies[n])
            if (lowest - top) / (bottom - top) <= 0.4:
                thin.append(f"sidan {n + 1} är mest tom före {following!r}")
    assert starts >= starts_at_least, "inga huvudavsnitt som börjar en sida hittades"
    return len(pages), thin
