"""`excelreport kolada`: recorded Kolada API v3 responses served from 127.0.0.1 (never the
internet) fill the indicators that carry a Kolada-id; a missing value is named and leaves
the cell; offline is a Swedish message, exit 2, nothing written; --fil reads a saved answer."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import openpyxl
import pytest

from wbtools import digest, run

# A recorded answer, in the shape of GET /v3/data/kpi/N07900,U00405/municipality/1489/year/2021,2022,2023.
ANSWER = {
    "count": 5,
    "values": [
        {"kpi": "N07900", "municipality": "1489", "period": 2023,
         "values": [{"count": 1, "gender": "T", "status": "", "value": 52.6},
                    {"count": 1, "gender": "K", "status": "", "value": 55.1}]},
        {"kpi": "N07900", "municipality": "1489", "period": 2022,
         "values": [{"count": 1, "gender": "T", "status": "", "value": 49.25}]},
        {"kpi": "N07900", "municipality": "1489", "period": 2021,
         "values": [{"count": 1, "gender": "T", "status": "", "value": 47}]},
        {"kpi": "U00405", "municipality": "1489", "period": 2023,
         "values": [{"count": 1, "gender": "T", "status": "", "value": 7.3}]},
        {"kpi": "U00405", "municipality": "1489", "period": 2022,
         "values": [{"count": 1, "gender": "T", "status": "Saknas", "value": None}]},
    ],
}


class Kolada:
    """A local stand-in for api.kolada.se: answers recorded JSON, or fails ``failures`` times first."""

    def __init__(self, answer: dict, failures: int = 0):
        self.answer, self.failures, self.paths = answer, failures, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                outer.paths.append(self.path)
                if outer.failures:
                    outer.failures -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                body = json.dumps(outer.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v3"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def kolada(monkeypatch):
    servers = []

    def serve(answer=ANSWER, failures=0) -> Kolada:
        server = Kolada(answer, failures)
        servers.append(server)
        monkeypatch.setenv("EXCELREPORT_KOLADA_URL", server.url)
        return server

    yield serve
    for server in servers:
        server.close()


def with_ids(example: Path, dst: Path, kommunkod="1489") -> tuple[Path, int, int]:
    """The example with Info!Kommunkod and two indicators carrying a Kolada-id."""
    wb = openpyxl.load_workbook(example)
    info = wb["Info"]
    r = next(r for r in range(1, 40) if info.cell(r, 1).value == "Kommunkod")
    info.cell(r, 2).value = kommunkod
    ws = wb["Indikatorer"]
    head = next(r for r in range(1, 10) if ws.cell(r, 2).value == "Indikator")
    col = next(c.column for c in ws[head] if c.value == "Kolada-id")
    first, second = head + 1, head + 2
    ws.cell(first, col).value, ws.cell(second, col).value = "N07900", "U00405"
    wb.save(dst)
    return dst, first, second


def outcomes(path: Path, row: int) -> list:
    ws = openpyxl.load_workbook(path)["Indikatorer"]
    head = next(r for r in range(1, 10) if ws.cell(r, 2).value == "Indikator")
    cols = {c.value: c.column for c in ws[head]}
    return [ws.cell(row, cols[label]).value for label in ("Utfall", "Utfall föregående år", "Utfall två år sedan")]


def test_kolada_fills_the_indicators_with_an_id(example, tmp_path, kolada):
    server = kolada()
    book, first, second = with_ids(example, tmp_path / "bok.xlsx")
    old_second = outcomes(book, second)
    result = run("kolada", book)
    assert result.code == 0, result.out + result.err
    assert server.paths == ["/v3/data/kpi/N07900,U00405/municipality/1489/year/2023,2022,2021"]
    assert [Decimal(str(v)) for v in outcomes(book, first)] == [Decimal("52.6"), Decimal("49.25"), Decimal(47)]
    got = outcomes(book, second)
    assert Decimal(str(got[0])) == Decimal("7.3") and got[1:] == old_second[1:]
    assert "U00405): Kolada har inget värde för 2022" in result.out
    assert "U00405): Kolada har inget värde för 2021" in result.out
    assert "Indikatorer!" in result.out and "→ 52,6" in result.out


def test_visa_and_a_saved_answer_write_nothing_or_the_same(example, tmp_path, kolada, monkeypatch):
    book, first, _ = with_ids(example, tmp_path / "bok.xlsx")
    before = digest(book)
    monkeypatch.setenv("EXCELREPORT_KOLADA_URL", "http://127.0.0.1:9/v3")  # nothing listens
    saved = tmp_path / "svar.json"
    saved.write_text(json.dumps(ANSWER), encoding="utf-8")
    shown = run("kolada", book, "--fil", saved, "--visa")
    assert shown.code == 0 and digest(book) == before and "ingenting skrevs" in shown.out
    assert run("kolada", book, "--fil", saved).code == 0
    assert Decimal(str(outcomes(book, first)[0])) == Decimal("52.6")


def test_offline_is_a_swedish_message_and_nothing_is_written(example, tmp_path, monkeypatch):
    book, _, _ = with_ids(example, tmp_path / "bok.xlsx")
    before = digest(book)
    monkeypatch.setenv("EXCELREPORT_KOLADA_URL", "http://127.0.0.1:9/v3")
    result = run("kolada", book)
    assert result.code == 2 and "Kolada kan inte nås" in result.err and "Ingenting har skrivits" in result.err
    assert digest(book) == before


def test_a_failing_server_is_retried(example, tmp_path, kolada):
    server = kolada(failures=2)
    book, first, _ = with_ids(example, tmp_path / "bok.xlsx")
    assert run("kolada", book).code == 0
    assert len(server.paths) == 3 and Decimal(str(outcomes(book, first)[0])) == Decimal("52.6")


def test_a_wrong_kommunkod_or_an_answer_that_is_not_koladas(example, tmp_path, kolada):
    kolada(answer={"fel": "inte Kolada"})
    book, _, _ = with_ids(example, tmp_path / "bok.xlsx", kommunkod="14")
    before = digest(book)
    result = run("kolada", book)
    assert result.code == 1 and "Kommunkod '14' ska vara fyra siffror" in result.out and digest(book) == before
    book, _, _ = with_ids(example, tmp_path / "bok2.xlsx")
    before = digest(book)
    result = run("kolada", book)
    assert result.code == 2 and "saknar listan \"values\"" in result.err and digest(book) == before
