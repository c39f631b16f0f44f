"""Names the toolkit gives files: the report's file name from Info, and how file names compare."""

from __future__ import annotations

import re
import unicodedata

_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|]+')


def report_name(info) -> str:
    """The report's file name from Info, e.g. ``Delårsbokslut 2023 Kommunstyrelsen``: Unicode
    NFC, without characters a file name cannot hold, control characters or bidirectional
    marks (a right-to-left override could make ``…docx`` look like ``…exe``)."""
    text = unicodedata.normalize("NFC", info.title)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else
                   "" if unicodedata.category(ch) == "Cf" else ch for ch in text)
    name = _NOT_IN_NAMES.sub(" ", text).strip(" .")
    return re.sub(r"\s+", " ", name) or "Rapport"


def report_key(name: str) -> str:
    """Report names as Windows and macOS compare file names: one file for ``NÄMNDEN`` and
    ``Nämnden`` (also decomposed)."""
    return unicodedata.normalize("NFC", name).casefold()
