"""Table layout from content: text widths, column widths, header hyphenation, heights.

A column is never narrower than its longest word (a number is one word), long header
words are hyphenated where Swedish does (a soft hyphen, ``Delårs-bokslut``), numeric
columns get one common width and the text columns share the rest in proportion to what
they hold; every table spans the text width. Widths are
measured with Calibri's advance widths (Carlito has the same), a little generously so
that a wider template font still fits. Used by ``document.ReportDocument.table`` and by
any report that lays out tables the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .hyphens import hyphenator

SOFT_HYPHEN = "\u00ad"
NBSP = "\u00a0"
ZWSP = "\u200b"
PT_PER_CM = 72 / 2.54
CELL_PADDING_CM = 2 * 85 / 567 + 0.08  # the table style's left + right cell margins, and air
SAFETY = 1.06  # a template font a little wider than Calibri still fits
LINE_HEIGHT = 1.22  # line height in em, for height estimates
PROSE = 2.5  # a column whose longest line is this many times its longest word holds prose

_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~åäöÅÄÖéüÜ–—’“”…§½€'
# Advance widths in 1/1000 em of Calibri (= Carlito) regular and bold, for _CHARS.
_REGULAR = (226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507, 507, 507,
            507, 507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533, 615, 488, 459, 631,
            623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642, 567, 890, 519, 487, 468, 307,
            386, 307, 498, 498, 291, 479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527,
            525, 525, 349, 391, 335, 525, 452, 715, 433, 453, 395, 314, 460, 314, 498, 479, 479, 527, 579, 579,
            662, 498, 525, 642, 498, 905, 250, 418, 418, 690, 498, 671, 507)
_BOLD = (226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507, 507, 507, 507,
         507, 507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529, 630, 488, 459, 637, 631, 267,
         331, 547, 423, 874, 659, 676, 532, 686, 563, 473, 495, 653, 591, 906, 551, 520, 478, 325, 430, 325, 498,
         498, 300, 494, 537, 418, 537, 503, 316, 474, 537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399,
         347, 537, 473, 745, 459, 474, 397, 344, 475, 344, 498, 494, 494, 538, 606, 606, 676, 503, 537, 653, 498,
         905, 258, 435, 435, 711, 498, 691, 507)
_MARKS = {NBSP: 226, SOFT_HYPHEN: 0, ZWSP: 0}
_WIDTHS = {False: {**dict(zip(_CHARS, _REGULAR)), **_MARKS}, True: {**dict(zip(_CHARS, _BOLD)), **_MARKS}}
_UNKNOWN = 620  # a character outside the table (wide, to be safe)


@lru_cache(maxsize=16384)
def text_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` on one line, in cm."""
    get = _WIDTHS[bold].get
    return sum([get(ch, _UNKNOWN) for ch in text]) / 1000 * size_pt / PT_PER_CM * SAFETY


def words(text: str, numeric: bool = False) -> list[str]:
    """What a line may not break inside: a whole figure, else each word (a NBSP binds)."""
    text = text.strip()
    if numeric:
        return [text] if text else []
    return [w for w in re.split(r"[ \t\n]+", text) if w]


_POINTS: dict[str, list[int]] = {}


def _points(word: str) -> list[int]:
    if word not in _POINTS:
        if len(_POINTS) > 20000:  # bounded, whatever the workbooks hold
            _POINTS.clear()
        _POINTS[word] = list(hyphenator().positions(word))
    return _POINTS[word]


def break_points(word: str) -> list[tuple[int, str]]:
    """Where a header word may break, as (index, mark): after a slash (``prognos/budget``,
    a zero-width space) or where Swedish hyphenates (pyphen's dictionary, a soft hyphen)."""
    if "/" in word.strip("/"):
        return [(i + 1, ZWSP) for i, ch in enumerate(word[:-1]) if ch == "/"]
    core = word.lstrip("(\"'«")
    lead = len(word) - len(core)
    core = core.rstrip(".,;:!?)\"'»*")
    if len(core) < 6 or not core.isalpha():
        return []
    return [(lead + i, SOFT_HYPHEN) for i in _points(core)]


def _pieces(word: str, i: int, mark: str, size_pt: float, bold: bool) -> tuple[float, float]:
    first = word[:i] + ("-" if mark == SOFT_HYPHEN else "")
    return text_cm(first, size_pt, bold), text_cm(word[i:], size_pt, bold)


def narrowest_break(word: str, size_pt: float, bold: bool) -> float:
    """The width ``word`` needs when broken once at its most balanced point."""
    return min([text_cm(word, size_pt, bold)]
               + [max(_pieces(word, i, mark, size_pt, bold)) for i, mark in break_points(word)])


def _break_word(word: str, size_pt: float, bold: bool) -> str:
    """One mark, where the wider piece is narrowest (ties: the earlier point)."""
    points = break_points(word)
    if not points:
        return word
    _, i, mark = min((max(_pieces(word, i, mark, size_pt, bold)), i, mark) for i, mark in points)
    return word[:i] + mark + word[i:]


def hyphenate(text: str, width_cm: float, size_pt: float, bold: bool) -> str:
    """``text`` with a break mark in each word wider than ``width_cm``, at its most balanced
    point (the narrowest widest piece): one place per word whatever the column's width, so a
    word breaks alike in every table (``Delårs\u00adbokslut``, never ``Delårsbok\u00adslut``)."""
    return " ".join(_break_word(word, size_pt, bold) if text_cm(word, size_pt, bold) > width_cm
                    else word for word in text.split(" "))


@dataclass
class ColumnNeed:
    """What a column's content asks for: its narrowest (longest word), its natural width
    (the longest line unbroken), and how much text it holds."""

    numeric: bool
    narrowest: float
    natural: float
    header_natural: float
    amount: float
    at_least: float = 0.0
    hyphenated: float = 0.0  # the narrowest when long words of the text are hyphenated too
    unbroken: float = 0.0  # the narrowest with every header word whole


def measure(numeric: bool, header: str, header_font: tuple[float, bool],
            cells: list[tuple[list[str], float, bool]], at_least: float = 0.0) -> ColumnNeed:
    """A column's need from its header (hyphenable) and cells (lines, font size, bold)."""
    h_size, h_bold = header_font
    head_words = words(header)
    narrowest = max((narrowest_break(w, h_size, h_bold) for w in head_words), default=0.0)
    whole_head = max((text_cm(w, h_size, h_bold) for w in head_words), default=0.0)
    natural = amount = 0.0
    hyphenated = narrowest
    for lines, size, bold in cells:
        for line in lines:
            width = text_cm(line, size, bold)
            natural, amount = max(natural, width), amount + width
            for w in words(line, numeric):
                whole = text_cm(w, size, bold)
                if whole > narrowest:
                    narrowest = whole
                if whole > hyphenated:
                    hyphenated = max(hyphenated, narrowest_break(w, size, bold))
    return ColumnNeed(numeric, narrowest + CELL_PADDING_CM, natural + CELL_PADDING_CM,
                      text_cm(header, h_size, h_bold) + CELL_PADDING_CM, amount, at_least,
                      hyphenated + CELL_PADDING_CM, max(narrowest, whole_head) + CELL_PADDING_CM)


def fit(needs: list[ColumnNeed], total_cm: float, header_lines: int = 3) -> list[float]:
    """Column widths (cm) that add up to ``total_cm``.

    Names first: a label column (text, not prose) gets its longest line, so a board's name
    does not wrap while the figures have room; every text column at least its header words
    whole (an empty column too). Numeric columns share one width: their widest figure and
    header word (hyphenated only when the words cannot stand whole), and room for the
    header on ``header_lines`` lines when that fits beside the names. The text columns then
    get the rest in proportion to the text they hold, up to their longest line; what is
    left goes to the numeric columns, or without them to the first text column (the label
    column). A table of numeric columns only spreads over the width.
    """
    if not needs:
        return []
    base = _words_fit(needs, total_cm)
    numeric = [i for i, n in enumerate(needs) if n.numeric]
    text = [i for i, n in enumerate(needs) if not n.numeric]
    _names_first(needs, base, numeric, text, total_cm, header_lines)
    if sum(base) > total_cm and numeric:  # the figures give first, half the measure's allowance
        give = min(sum(base) - total_cm, sum(base[i] - CELL_PADDING_CM for i in numeric) * (1 - 1 / SAFETY) / 2)
        for i in numeric:
            base[i] -= give / len(numeric)
    if sum(base) > total_cm:  # cannot fit every word: shrink all alike
        return [b * total_cm / sum(base) for b in base]
    if not text:
        return [w * total_cm / sum(base) for w in base]
    return _spread(needs, list(base), numeric, text, total_cm)


def _words_fit(needs: list[ColumnNeed], total_cm: float) -> list[float]:
    """Each column's narrowest width: its longest word, hyphenated when they cannot all stand."""
    base = [max(n.narrowest, n.at_least) for n in needs]
    if sum(base) > total_cm:
        # Too many long words side by side: hyphenate them in the prose columns; a column of
        # short labels (a board's name, an assessment) keeps its words whole unless the
        # table cannot fit even by shrinking within the measure's allowance (``SAFETY``).
        for prose_only in (True, False):
            if sum(base) <= total_cm * (1 if prose_only else SAFETY):
                break
            for i, n in enumerate(needs):
                if n.hyphenated and (not prose_only or n.natural > PROSE * n.narrowest):
                    base[i] = max(min(n.hyphenated, base[i]), n.at_least)
    return base


def _names_first(needs: list[ColumnNeed], base: list[float], numeric: list[int], text: list[int],
                 total_cm: float, header_lines: int) -> None:
    """Set ``base``: the numeric columns' common width and the text columns' widths."""
    # Names first: a label column on one line (its longest line, when it is not prose), else
    # its header words whole (an empty column's header is not broken into ``Re-sultat``),
    # else its narrowest.
    whole_head = {i: max(base[i], needs[i].unbroken) for i in text}
    names = {i: max(whole_head[i], needs[i].natural) if needs[i].natural <= PROSE * needs[i].narrowest
             else whole_head[i] for i in text}
    wishes = [names, whole_head, {i: base[i] for i in text}]
    if numeric:
        common = max(base[i] for i in numeric)
        whole = max([common] + [needs[i].unbroken for i in numeric])
        roomy = max([whole] + [needs[i].header_natural / header_lines + CELL_PADDING_CM for i in numeric])
        # the first that fits: the names whole beside header words whole and on few lines (then
        # whole, then hyphenated); when the names cannot be whole, the figures as narrow as
        # they may be and the names the rest
        tries = [(w, names) for w in (roomy, whole, common)] + [(common, t) for t in wishes[1:]]
        common, text_widths = next(((w, t) for w, t in tries if w * len(numeric) + sum(t.values()) <= total_cm),
                                   (common, wishes[-1]))
        for i in numeric:
            base[i] = common
    else:
        text_widths = next((t for t in wishes if sum(t.values()) <= total_cm), wishes[-1])
    for i in text:
        base[i] = text_widths[i]


def _spread(needs: list[ColumnNeed], widths: list[float], numeric: list[int], text: list[int],
            total_cm: float) -> list[float]:
    """The width left over: to the text columns in proportion to their text, up to their
    longest line; then to the numeric columns, or without them to the first text column."""
    spare = total_cm - sum(widths)
    wanting = {i: max(needs[i].natural - widths[i], 0.0) for i in text}
    while spare > 1e-6 and any(wanting.values()):
        weight = sum(needs[i].amount or 1.0 for i in wanting if wanting[i] > 0)
        given = 0.0
        for i in [i for i in wanting if wanting[i] > 0]:
            share = min(spare * (needs[i].amount or 1.0) / weight, wanting[i])
            widths[i] += share
            wanting[i] -= share
            given += share
        spare -= given
        if given < 1e-6:
            break
    if spare > 0 and numeric:  # every text line whole: the figures get the air
        for i in numeric:
            widths[i] += spare / len(numeric)
    else:
        widths[text[0]] += max(spare, 0.0)
    return widths


def height_cm(cells: list[tuple[list[str], float, bool]], widths: list[float]) -> float:
    """A row's estimated height: its tallest cell, lines wrapped at the column width."""
    tallest = 0.0
    for (lines, size, bold), width in zip(cells, widths):
        room = max(width - CELL_PADDING_CM, 0.5)
        count = sum(max(1, math.ceil(text_cm(line, size, bold) * 1.1 / room)) for line in lines or [""])
        tallest = max(tallest, count * size * LINE_HEIGHT / PT_PER_CM)
    return tallest + 0.12  # the cell's top and bottom margins
