"""User text as typed, made safe for a document: what XML cannot hold is removed, with a
``Varning`` naming the cell; line breaks become paragraphs."""

from __future__ import annotations

import copy
import re

from .. import contract as C
from ..core.codes import Code
from ..core.findings import VARNING, Finding
from ..core.model import BoardReport

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates, FFFE and FFFF.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FIRST_DATA_ROW = 4  # the generated workbook: title, help, header, then data


def paragraphs(text: str) -> list[str]:
    """A cell's text as paragraphs: one per line, empty lines dropped, spaces kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line for line in lines if line.strip()]


NBSP = "\u00a0"
# A figure in digit groups (``1 300``, ``-26 764,5``): the spaces between its groups.
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])")
# A figure and its unit: ``300 tkr``, ``1,5 mnkr``, ``6 %``.
_UNIT = re.compile(r"(?<=\d) (?=(?:tkr|mnkr|mkr|mdkr|kr|%|procent|procentenheter)(?![\wåäöÅÄÖ]))")


NO_BREAK_HYPHEN = "\u2011"  # written as Word's own w:noBreakHyphen
# A figure's minus sign (``(-11,9``, `` -300``), not a hyphen between words or dates.
_SIGN = re.compile(r"(?<![\w\u2011-])-(?=\d)")


def bind_numbers(text: str) -> str:
    """``text`` with non-breaking spaces inside a figure's digit groups and between a figure
    and its unit, and a non-breaking minus sign, so that a line never breaks inside
    ``-26 764 tkr``."""
    if not any(ch.isdigit() for ch in text):
        return text
    text = _GROUPED.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _SIGN.sub(NO_BREAK_HYPHEN, text)
    return _UNIT.sub(NBSP, text)


def clean(text: str) -> tuple[str, bool]:
    """``text`` without the characters a document cannot hold; True when any were removed."""
    out = _INVALID.sub("", text)
    return out, out != text


def plain(text: object) -> str:
    """``text`` as the report writes it: None as empty, characters it cannot hold removed."""
    return clean("" if text is None else str(text))[0]


def _column(sheet: C.Sheet, label: str) -> str:
    """The column letter of ``label`` in the generated workbook (columns are found by header
    when reading, so a rearranged workbook may differ; the row is always right)."""
    index = [c.label for c in sheet.columns].index(label)
    return chr(ord("A") + index)


_FIELDS = {  # model list attribute → (sheet, {field: column label})
    "goals": (C.MAL, {"kf_text": "KF-mål", "text": "Mål", "agenda": "Agenda 2030",
                      "comment": "Kommentar"}),
    "indicators": (C.INDIKATORER, {"name": "Indikator"}),
    "assignments": (C.UPPDRAG, {"text": "Uppdrag", "comment": "Kommentar"}),
    "controls": (C.INTERNKONTROLL, {"risk": "Risk", "moment": "Kontrollmoment", "method": "Metod",
                                    "result": "Resultat", "action": "Åtgärd"}),
    "investments": (C.INVESTERINGAR, {"label": "Namn"}),
}
_INFO_FIELDS = {"kommun": "Kommun", "namnd": "Nämnd", "foregaende_prognos": "Föregående prognos",
                "sjukfranvaro_avser": "Sjukfrånvaro avser"}


def sanitise(report: BoardReport) -> tuple[BoardReport, list[Finding]]:
    """A copy of ``report`` whose texts a document can hold, and a Varning per cleaned cell.

    Only what is cleaned is copied (the model's lists hold flat items); ``report`` itself is
    left as it was."""
    report = copy.copy(report)
    report.info = copy.copy(report.info)
    report.texts = dict(report.texts)
    findings: list[Finding] = []

    def warn(sheet: str, cell: str) -> None:
        findings.append(Finding(
            VARNING, Code.OGILTIGT_TECKEN, sheet, cell,
            "Texten innehåller styrtecken som inte kan stå i ett dokument; de har tagits bort i "
            "rapporten. Ta bort dem i cellen (de syns ofta inte, t.ex. efter kopiering)."))

    labels = [r.label for r in C.INFO.rows]
    for attr, label in _INFO_FIELDS.items():
        value, dirty = clean(getattr(report.info, attr))
        if dirty:
            setattr(report.info, attr, value)
            warn(C.INFO.name, f"B{_FIRST_DATA_ROW + labels.index(label)}")
    for key, value in list(report.texts.items()):
        report.texts[key], dirty = clean(value)
        if dirty:
            warn(C.TEXTER.name, report.text_cells.get(key, ""))
    for attr, (sheet, fields) in _FIELDS.items():
        items = list(getattr(report, attr))
        for i, item in enumerate(items):
            for name, label in fields.items():
                value, dirty = clean(getattr(item, name) or "")
                if dirty:
                    if item is getattr(report, attr)[i]:  # the first change: a copy of the item
                        item = items[i] = copy.copy(item)
                    setattr(item, name, value)
                    warn(sheet.name, f"{_column(sheet, label)}{item.row}" if item.row else "")
        setattr(report, attr, items)
    return report, findings
