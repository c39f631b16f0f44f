"""A ledger extract as CSV: semicolon-separated, a header row, read by column label.

The encoding is recognised: UTF-8 with or without BOM, else Windows-1252 (what Excel
writes as "CSV (semikolonavgränsad)" on a Swedish Windows). Amounts in Swedish notation
(``-1 234,50``, non-breaking spaces, the minus sign U+2212). The columns (defaults of the
``standard`` profile): ``År``, ``Månad``, ``Konto``, ``Ansvar``, ``Verksamhet``,
``Projekt``, ``Belopp``, ``Typ`` (``Utfall`` or ``Budget``).
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Callable

from ..core.numbers import parse_swedish
from .sums import ANNUAL, DRIFT, EXPLOATERING, HashingReader, LedgerFile, Selection, add

COLUMNS = {"year": "År", "month": "Månad", "account": "Konto", "responsibility": "Ansvar",
           "activity": "Verksamhet", "project": "Projekt", "amount": "Belopp", "kind": "Typ"}
REQUIRED = ("year", "account", "amount")
OUTCOME, BUDGET = "Utfall", "Budget"
MAX_FIELD = 10_000  # characters of one field (a ledger's longest is a text of a few hundred)


def encoding_of(path: Path) -> str:
    """``utf-8-sig`` (a BOM), ``utf-8`` (the whole file decodes) or ``cp1252``."""
    with open(path, "rb") as fh:
        head = fh.read(3)
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        decoder = codecs.getincrementaldecoder("utf-8")()
        data = head
        try:
            while data:
                decoder.decode(data)
                data = fh.read(1 << 20)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def read_csv(path: Path, selection: Selection, progress: Callable[[int], None] | None = None,
             columns: dict[str, str] | None = None) -> LedgerFile:
    """Read ``path`` and sum the lines ``selection`` takes, per year, target, account, month."""
    result = LedgerFile(Path(path), "CSV")
    names = {**COLUMNS, **(columns or {})}
    encoding = encoding_of(path)
    csv.field_size_limit(MAX_FIELD)
    with open(path, "rb", buffering=0) as raw, HashingReader(raw, progress) as hashing:
        text = io.TextIOWrapper(io.BufferedReader(hashing, 1 << 16), encoding=encoding, newline="")
        try:
            _read_rows(csv.reader(text, delimiter=";"), names, selection, result)
        except UnicodeDecodeError:
            result.error(0, "filen är varken UTF-8 eller Windows-1252")
        except csv.Error as exc:
            result.error(result.lines + 1, f"raden kan inte läsas som CSV ({exc})")
        while hashing.readinto(bytearray(1 << 16)):
            pass  # the rest after a stop, for the hash
    result.sha256 = hashing.hexdigest()
    return result


def _header(row: list[str], names: dict[str, str], result: LedgerFile) -> dict[str, int] | None:
    labels = {cell.strip().casefold(): i for i, cell in enumerate(row)}
    where = {key: labels.get(label.casefold()) for key, label in names.items()}
    missing = [names[key] for key in REQUIRED if where[key] is None]
    if missing:
        result.error(1, "rubrikraden saknar " + ", ".join(f"'{m}'" for m in missing)
                     + " (semikolonseparerad, rubriker: " + ", ".join(names.values()) + ")")
        return None
    return {key: i for key, i in where.items() if i is not None}


def _read_rows(reader, names: dict[str, str], selection: Selection, result: LedgerFile) -> None:
    cols = None
    cache: dict[tuple[str, str, str], tuple] = {}  # (Ansvar, Projekt, Verksamhet) → targets
    years: dict[str, bool] = {}  # every year's text → it has budget lines
    for n, row in enumerate(reader, 1):
        result.lines = n
        if cols is None:
            cols = _header(row, names, result)
            if cols is None:
                return
            amap = selection.amap
            dims = {amap.responsibility_dim} if "responsibility" in cols else set()
            dims |= {amap.project_dim} if "project" in cols else set()
            dims |= {amap.activity_dim} if "activity" in cols and amap.activity_dim else set()
            continue
        year = _value(row, cols, "year")
        if year not in years:
            years[year] = False
        if not years[year] and _value(row, cols, "kind").casefold() == BUDGET.casefold():
            years[year] = True
        key = (_value(row, cols, "responsibility"), _value(row, cols, "project"), _value(row, cols, "activity"))
        targets = cache.get(key)
        if targets is None:
            objects = {selection.amap.responsibility_dim: key[0], selection.amap.project_dim: key[1],
                       selection.amap.activity_dim: key[2]}
            targets = selection.targets({k: v for k, v in objects.items() if v and k is not None})
            if len(cache) < 100_000:
                cache[key] = targets
        if not targets:
            continue  # another board's line: not the board's figures, not read further
        try:
            _line(row, cols, names, targets, result, key[0])
        except ValueError as exc:
            if result.error(n, str(exc)):
                return
    if cols is None:
        result.error(1, "filen är tom (en rubrikrad och en rad per belopp förväntas)")
        return
    for year, budget in years.items():
        if year.isdigit() and len(year) == 4:
            result.year(int(year), True).has_budget = budget
    for figures in result.years.values():
        figures.dims = dims


def _value(row: list[str], cols: dict[str, int], key: str) -> str:
    i = cols.get(key)
    return row[i].strip() if i is not None and i < len(row) else ""


def _line(row, cols, names, targets: tuple, result: LedgerFile, responsibility: str) -> None:
    year_text, month_text = _value(row, cols, "year"), _value(row, cols, "month")
    if not year_text.isdigit() or len(year_text) != 4:
        raise ValueError(f"{names['year']} '{year_text[:20]}' är inget årtal")
    kind = _value(row, cols, "kind") or OUTCOME
    if kind.casefold() not in (OUTCOME.casefold(), BUDGET.casefold()):
        raise ValueError(f"{names['kind']} '{kind[:20]}' ska vara {OUTCOME} eller {BUDGET}")
    budget = kind.casefold() == BUDGET.casefold()
    if month_text:
        if not month_text.isdigit() or not 1 <= int(month_text) <= 12:
            raise ValueError(f"okänd period: {names['month']} '{month_text[:20]}' ska vara 1–12")
        month = int(month_text)
    elif budget:
        month = ANNUAL
    else:
        raise ValueError(f"{names['month']} saknas på en utfallsrad")
    parsed = parse_swedish(_value(row, cols, "amount"))
    if parsed is None or parsed[1]:
        raise ValueError(f"{names['amount']} '{_value(row, cols, 'amount')[:30]}' är inget belopp (t.ex. -1 234,50)")
    account = _value(row, cols, "account")
    if not account:
        raise ValueError(f"{names['account']} saknas")
    figures = result.year(int(year_text), True)
    sums = figures.budget if budget else figures.trans
    for target in targets:
        add(sums, (target, account, month), parsed[0])
    if DRIFT in targets and EXPLOATERING in targets:
        figures.both.add(responsibility)
