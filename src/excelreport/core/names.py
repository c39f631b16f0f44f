"""Names the toolkit gives: the report's and the compilation's file names, how file names
compare, and the column labels of the earlier follow-ups."""

from __future__ import annotations

import re
import unicodedata

_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|]+')


def report_name(info) -> str:
    """The report's file name from Info, e.g. ``Delårsbokslut 2023 Kommunstyrelsen`` (``file_name``)."""
    return file_name(info.title)


def file_name(title: str) -> str:
    """The file name the toolkit gives a report or compilation titled ``title``: Unicode
    NFC, without characters a file name cannot hold, control characters or bidirectional
    marks (a right-to-left override could make ``…docx`` look like ``…exe``)."""
    text = unicodedata.normalize("NFC", title)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else
                   "" if unicodedata.category(ch) == "Cf" else ch for ch in text)
    name = _NOT_IN_NAMES.sub(" ", text).strip(" .")
    return re.sub(r"\s+", " ", name) or "Rapport"


def report_key(name: str) -> str:
    """Report names as Windows and macOS compare file names: one file for ``NÄMNDEN`` and
    ``Nämnden`` (also decomposed)."""
    return unicodedata.normalize("NFC", name).casefold()


def followup_labels(followups: list[tuple[str, int | None]]) -> list[str]:
    """Column labels of the follow-ups (the name; with the month when a name repeats). Two
    equal labels (a follow-up typed as ``X (månad 4)`` beside a repeated ``X``) are a Fel
    (``check.seen.history_keys``): one column would take the other's place."""
    names = [n for n, _ in followups]
    return [n if names.count(n) == 1 else f"{n} (månad {m or '-'})" for n, m in followups]
