"""Column widths from content (report/layout.py): names first, headers of empty columns whole."""

from __future__ import annotations

from excelreport.report import layout

HEAD = (8.0, True)
CELL = 8.5


def _need(header: str, lines: list[str], numeric: bool = False) -> layout.ColumnNeed:
    return layout.measure(numeric, header, HEAD, [([line], CELL, False) for line in lines])


def test_a_label_column_stays_on_one_line_while_the_figures_have_room():
    boards = ["Kommunstyrelsen", "Barn- och utbildningsnämnden", "Överförmyndarnämnden", "Summa"]
    headers = ["Budget", "Föreg. prognos", "Prognos helår", "Avv. prognos/ budget", "Utfall period",
               "Utfall period föreg. år"]
    needs = [_need("Belopp i mnkr", boards)] + [_need(h, ["-1 127,4", "915,9"], True) for h in headers]
    widths = layout.fit(needs, 14.0)
    assert abs(sum(widths) - 14.0) < 1e-6
    longest = max(layout.text_cm(b, CELL) for b in boards) + layout.CELL_PADDING_CM
    assert widths[0] >= longest - 1e-9  # "Barn- och utbildningsnämnden" on one line
    assert min(widths[1:]) >= layout.text_cm("-1 127,4", CELL) + layout.CELL_PADDING_CM


def test_names_wrap_between_words_never_inside_one_when_the_figures_need_the_room():
    boards = ["Kommunstyrelsen", "Barn- och utbildningsnämnden", "Överförmyndarnämnden"]
    needs = [_need("Belopp i mnkr", boards)] + [_need(h, ["-1 127,4"], True) for h in
                                                ("Kommunbidrag", "Budget nettokostnad", "Prognos nettokostnad",
                                                 "Budgetavvikelse", "Föreg. prognos avvikelse", "Prognosförändr.",
                                                 "Utfall period nettokostnad", "Utfall föreg. år nettokostnad")]
    widths = layout.fit(needs, 16.0)
    assert widths[0] >= layout.text_cm("utbildningsnämnden", CELL) + layout.CELL_PADDING_CM - 0.2


def test_an_empty_column_keeps_its_header_words_whole():
    prose = "Arbetet för snabb återställning av verksamhetskritiska system vid kris går bra. " * 3
    needs = [_need("Vad kontrolleras?", [prose]), _need("Metod", [prose]), _need("Bedömning", ["Utan anmärkning"]),
             _need("Resultat", [""]), _need("Åtgärd", [""])]
    widths = layout.fit(needs, 16.0)
    for k, header in ((3, "Resultat"), (4, "Åtgärd")):
        assert widths[k] >= layout.text_cm(header, *HEAD) + layout.CELL_PADDING_CM - 1e-9
