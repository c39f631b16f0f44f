"""What is read must be what the controller sees: one header per label, no hidden rows in a
table, hidden columns named, and a history whose follow-ups cannot take each other's place.

Each check returns its findings; the Validator adds them where the table is read.
"""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING, Finding
from ..core.model import HistoryRow
from ..core.names import followup_labels
from ..read.grid import Grid, address, column_letter

# Column labels of Resultat Prognoshistorik besides the follow-ups' own columns.
HISTORY_RESULT_COLUMNS = C.RESULT_PROGNOSHISTORIK.columns


def duplicate_headers(sheet: str, grid: Grid, header_row: int,
                      labels: list[tuple[int, str]]) -> list[Finding]:
    """A Fel per contract label that heads two columns of the header row (``labels``: each
    (column, label) found there; a merged header counts once)."""
    columns: dict[str, list[int]] = {}
    for col, label in sorted(labels):
        if (header_row, col) not in grid.covered:
            columns.setdefault(label, []).append(col)
    out = []
    for label, cols in columns.items():
        if len(cols) < 2:
            continue
        cells = [address(header_row, c) + (" (dold)" if c in grid.hidden_cols else "") for c in cols]
        out.append(Finding(
            FEL, Code.RUBRIK_DUBBLETT, sheet, address(header_row, cols[1]),
            f"Kolumnrubriken '{label}' finns i flera celler: {' och '.join(cells)}; det går inte att "
            "se vilken kolumn som läses. Varje rubrik ska finnas en gång: ta bort den överflödiga "
            "kolumnen eller byt dess rubrik."))
    return out


def hidden_columns(sheet: str, grid: Grid, header_row: int, columns: dict[str, int],
                   rows: list[int]) -> list[Finding]:
    """A Varning per hidden contract column that holds values: they are read, unseen."""
    out = []
    for label, col in columns.items():
        if col in grid.hidden_cols and any(not grid.get(r, col).empty for r in rows):
            out.append(Finding(
                VARNING, Code.KOLUMN_DOLD, sheet, address(header_row, col),
                f"Kolumnen '{label}' (kolumn {column_letter(col)}) är dold men läses: dess värden går "
                "in i rapporten fast de inte syns. Visa kolumnen (markera kolumnerna på var sida → "
                "högerklicka → Ta fram) och kontrollera värdena."))
    return out


def hidden_rows(sheet: str, grid: Grid, rows: list[int], key_col: int) -> list[Finding]:
    """One Fel for the hidden rows among a table's ``rows`` (filtered or grouped rows too):
    their figures would go into the report without being seen."""
    hidden = [r for r in rows if r in grid.hidden_rows]
    if not hidden:
        return []
    first = grid.get(hidden[0], key_col).value
    what = f" ('{str(first).strip()[:60]}')" if first is not None and str(first).strip() else ""
    shown = _spans(hidden)
    return [Finding(
        FEL, Code.RAD_DOLD, sheet, address(hidden[0], key_col),
        f"{'Raden' if len(hidden) == 1 else 'Raderna'} {shown}{what if len(hidden) == 1 else ''} "
        f"{'är dold' if len(hidden) == 1 else 'är dolda'} men ingår i tabellen: värden som inte syns "
        "i Excel skulle gå in i rapporten. Visa raderna (markera hela bladet → högerklicka på ett "
        "radnummer → Ta fram, och ta bort ett eventuellt filter) och ta bort det som inte ska med.")]


def _spans(rows: list[int], limit: int = 10) -> str:
    """``[3, 4, 5, 9]`` → ``3–5, 9`` (the first ``limit`` spans, then ``…``)."""
    spans: list[list[int]] = []
    for r in rows:
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans[:limit])
    return text + (" …" if len(spans) > limit else "")


def history_keys(rows: list[HistoryRow], ref) -> list[Finding]:
    """Prognoshistorik: a follow-up named like a column of its result sheet, and a
    (follow-up, month, sheet, row) given twice, are a Fel (one would silently replace the
    other). ``ref(row, label)`` is a cell's address."""
    sheet = C.PROGNOSHISTORIK.name
    out = []
    reserved = {label.casefold(): label for label in HISTORY_RESULT_COLUMNS}
    named: set[str] = set()
    for row in rows:
        clash = reserved.get(" ".join(row.followup.split()).casefold())
        if clash and row.followup not in named:
            named.add(row.followup)
            out.append(Finding(
                FEL, Code.HISTORIK_NAMN, sheet, ref(row.row, "Uppföljning"),
                f"Uppföljningen heter '{row.followup}', som kolumnen '{clash}' i Resultat "
                "Prognoshistorik, och skulle ta dess plats. Ge uppföljningen dess riktiga namn "
                "(t.ex. 'april' eller 'Delårsbokslut')."))
    seen: dict[tuple, int] = {}
    for row in rows:
        key = (row.followup, row.month, row.sheet, row.label)
        if key in seen:
            out.append(Finding(
                FEL, Code.HISTORIK_DUBBLETT, sheet, ref(row.row, "Uppföljning"),
                f"Uppföljning '{row.followup}'"
                + (f" (slutmånad {row.month})" if row.month is not None else "")
                + f", {row.sheet} '{row.label}' finns redan på rad {seen[key]}; varje uppföljnings "
                "prognos för en rad får bara finnas en gång. Ta bort den ena raden."))
        else:
            seen[key] = row.row
    return out + _label_clashes(rows, ref)


def _label_clashes(rows: list[HistoryRow], ref) -> list[Finding]:
    """Two follow-ups whose columns in Resultat Prognoshistorik would get one label: a
    follow-up typed ``X (månad 4)`` beside ``X`` given for months 4 and 8 (labelled
    ``X (månad 4)`` and ``X (månad 8)``). Labels compare as a reader does (case, spaces)."""
    first: dict[tuple[str, int | None], int] = {}
    for row in rows:
        first.setdefault((row.followup, row.month), row.row)
    followups = list(first)
    taken: dict[str, tuple[str, int | None]] = {}
    out = []
    for key, label in zip(followups, followup_labels(followups)):
        norm = " ".join(label.split()).casefold()
        other = taken.setdefault(norm, key)
        if other != key:
            out.append(Finding(
                FEL, Code.HISTORIK_SAMMA_KOLUMN, C.PROGNOSHISTORIK.name, ref(first[key], "Uppföljning"),
                f"Uppföljningen '{key[0]}' (rad {first[key]}) och uppföljningen '{other[0]}' (rad "
                f"{first[other]}) skulle få samma kolumn '{label}' i Resultat Prognoshistorik, och "
                "den ena skulle ta den andras plats. Ge uppföljningarna namn som skiljer sig åt "
                "(t.ex. 'april' och 'augusti')."))
    return out
