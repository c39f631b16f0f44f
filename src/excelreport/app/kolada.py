"""``excelreport kolada``: national key figures from Kolada into the indicators.

Kolada (the open database of Sweden's kommuner and regioner, run by RKA) answers
``GET {base}/data/kpi/{ids}/municipality/{kommunkod}/year/{years}`` (API v3) with JSON::

    {"values": [{"kpi": "N07900", "municipality": "1489", "period": 2023,
                 "values": [{"gender": "T", "value": 12.3, "count": 1, "status": ""}, …]}, …],
     "count": 1, "next_page": "…"}

Used: ``kpi``, ``municipality``, ``period`` and, of ``values``, the entry with ``gender``
``T`` (the total) and its ``value`` (read as an exact decimal; ``null`` = no value).
Further pages (``next_page`` or ``next_url``) are followed. For every indicator with a
``Kolada-id`` the values for ``År``, ``År − 1`` and ``År − 2`` go into ``Utfall``, ``Utfall
föregående år`` and ``Utfall två år sedan``; a missing value leaves the cell and is named.
Network: a timeout, retries, a Swedish message offline, nothing written on failure.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

from .. import contract as C
from ..check import Validator, free_rows as _rows
from ..check.cells import as_text as _as_text
from ..core.atomic import ensure_writable
from ..core.codes import Code
from ..core.errors import ExcelReportError
from ..core.findings import FEL, INFO, Finding
from ..read.grid import WorkbookGrids, is_percent_format
from ..read.xlsx import read_workbook
from .checking import check_grids
from .importing import ImportOutcome, info_text, record_changes, write_import

BASE_URL = "https://api.kolada.se/v3"
TIMEOUT = 10.0  # seconds per request
RETRIES = 3  # attempts per request
MAX_PAGES = 50
MAX_RESPONSE = 20 * 1024 * 1024
COLUMNS = ((0, "Utfall"), (1, "Utfall föregående år"), (2, "Utfall två år sedan"))


def base_url() -> str:
    return os.environ.get("EXCELREPORT_KOLADA_URL", BASE_URL).rstrip("/")


def _get(url: str, timeout: float, retries: int) -> bytes:
    problem = ""
    for attempt in range(retries):
        if attempt:
            time.sleep(0.5 * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                data = answer.read(MAX_RESPONSE + 1)
            if len(data) > MAX_RESPONSE:
                raise ExcelReportError("Koladas svar är orimligt stort; ingenting har skrivits.")
            return data
        except urllib.error.HTTPError as exc:
            problem = f"svarade {exc.code}"
            if exc.code < 500 and exc.code != 429:
                break
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            problem = str(getattr(exc, "reason", exc))
    raise ExcelReportError(
        f"Kolada kan inte nås ({problem}). Kontrollera internetanslutningen och försök igen, eller "
        "spara svaret som en fil och använd --fil SVAR.json. Ingenting har skrivits.")


def fetch(kpis: list[str], municipality: str, years: list[int], *, timeout: float = TIMEOUT,
          retries: int = RETRIES) -> list[dict]:
    """Every data entry Kolada gives for the indicators, the kommun and the years."""
    path = "/data/kpi/{}/municipality/{}/year/{}".format(
        ",".join(urllib.parse.quote(k) for k in kpis), urllib.parse.quote(municipality),
        ",".join(str(y) for y in years))
    url, entries = base_url() + path, []
    for _ in range(MAX_PAGES):
        page = parse(_get(url, timeout, retries), "Koladas svar")
        entries += page["values"]
        url = page.get("next_page") or page.get("next_url") or ""
        if not url:
            break
    return entries


def parse(data: bytes, what: str) -> dict:
    """A response: JSON with a list ``values``; numbers as exact decimals."""
    try:
        page = json.loads(data.decode("utf-8-sig"), parse_float=Decimal, parse_int=Decimal)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExcelReportError(f"{what} är inte JSON från Koladas API; ingenting har skrivits.") from None
    if not isinstance(page, dict) or not isinstance(page.get("values"), list):
        raise ExcelReportError(f"{what} saknar listan \"values\" (Kolada API v3); ingenting har skrivits.")
    return page


def totals(entries: list, municipality: str) -> dict[tuple[str, int], Decimal]:
    """(kpi, year) → the total's value (gender T), for the kommun."""
    out = {}
    for entry in entries:
        if not isinstance(entry, dict) or str(entry.get("municipality")) != municipality:
            continue
        for value in entry.get("values") or []:
            if isinstance(value, dict) and value.get("gender") == "T" and isinstance(value.get("value"), Decimal):
                try:
                    out[(str(entry.get("kpi")), int(entry.get("period")))] = value["value"]
                except (TypeError, ValueError):
                    continue
    return out


def _indicators(v: Validator) -> tuple[list[tuple[int, str, str]], dict[str, int]]:
    """(row, Kolada-id, name) of each indicator with an id, and the table's columns."""
    rows = _rows(v, C.INDIKATORER)
    if not rows:
        return [], {}
    table = rows[0][2]
    if "Kolada-id" not in table.columns:
        return [], table.columns
    found = []
    for r, values, _ in rows:
        cell = table.cell(r, "Kolada-id")
        if not cell.empty:
            found.append((r, _as_text(cell.value).strip(), values.get("Indikator") or f"rad {r}"))
    return found, table.columns


def plan_kolada(book: WorkbookGrids, answer: Path | None) -> tuple[ImportOutcome, dict[str, dict]]:
    out = ImportOutcome()
    v = Validator(book)
    checked = check_grids(book, v)
    if checked.report is None:
        out.findings = [f for f in checked.findings if f.severity == FEL]
        return out, {}
    year = checked.report.info.ar
    code, ref = info_text(v, "Kommunkod")
    if not (code.isdigit() and len(code) == 4):
        out.findings.append(Finding(FEL, Code.KOLADA_KOMMUNKOD, "Info", ref, (
            f"Kommunkod '{code}' ska vara fyra siffror (t.ex. 1489 för Alingsås); "
            "fyll i fältet Kommunkod på bladet Info." if code else
            "Kommunkod saknas på bladet Info (fyra siffror, t.ex. 1489); Kolada behöver den.")))
    indicators, columns = _indicators(v)
    if not indicators:
        out.findings.append(Finding(FEL, Code.KOLADA_INGA_ID, "Indikatorer", "", (
            "Ingen indikator har ett Kolada-id; lägg till kolumnen Kolada-id på bladet Indikatorer "
            "och skriv nyckeltalets id (t.ex. N07900) på de indikatorer som ska hämtas.")))
    if out.blocking:
        return out, {}
    kpis = sorted({kpi for _, kpi, _ in indicators})
    years = [year - back for back, _ in COLUMNS]
    entries = (parse(answer.read_bytes(), answer.name)["values"] if answer is not None
               else fetch(kpis, code, years))
    values = totals(entries, code)
    cells: dict = {}
    for r, kpi, name in indicators:
        for back, column in COLUMNS:
            value = values.get((kpi, year - back))
            if value is None:
                out.findings.append(Finding(INFO, Code.KOLADA_SAKNAS, "Indikatorer", "", (
                    f"{name} ({kpi}): Kolada har inget värde för {year - back}; cellen {column} lämnas som den är.")))
                continue
            target = book.sheets["Indikatorer"].get(r, columns[column])
            if is_percent_format(target.number_format):
                value = value / 100  # the cell shows percent: 52,6 is stored as 0,526
            cells.setdefault("Indikatorer", {})[(r, columns[column])] = value
    record_changes(book, cells, out)
    return out, cells


def kolada_file(book: str | Path, *, answer: str | Path | None = None, show_only: bool = False) -> ImportOutcome:
    """``excelreport kolada``: read, fetch (or read ``answer``), and unless ``show_only`` write."""
    path = Path(book)
    grids = read_workbook(path)
    if not show_only:
        ensure_writable(path)
    if answer is not None and not Path(answer).is_file():
        raise ExcelReportError(f"{answer}: filen finns inte.")
    outcome, cells = plan_kolada(grids, Path(answer) if answer is not None else None)
    if outcome.blocking or show_only or not cells:
        return outcome
    write_import(path, grids, cells, path)
    outcome.target = path
    return outcome
