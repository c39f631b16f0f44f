"""The report's charts, as Word's own charts (DrawingML), written by XlsxWriter.

Each function returns a ``Chart``: the chart part's XML, the small workbook of its data
(embedded, so Word's *Redigera data* works), the alt text that states what it shows, the
caption and the height on the page. No drawing library and no picture: Word and
LibreOffice draw the chart, sharp at any zoom and in the document's fonts. Every value
label is the toolkit's own formatted figure (rounded half away from zero, Swedish digit
groups), never a number format left to the office program's locale; the value axis is
left out, as every bar carries its value. Colours come from the template (theme accents)
and the contract's signal colours; every series also has its own pattern, so a
black-and-white print reads.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Callable

from .. import contract as C
from ..core.numbers import format_number

WIDTH_CM = 16.0
DEFAULT_PALETTE = {"accent1": "1F4E79", "accent2": "9DC3E6", "accent3": "C55A11"}
# One pattern per series (XlsxWriter's names for DrawingML's preset patterns); "" is solid.
PATTERNS = ("", "wide_upward_diagonal", "percent_20", "small_check", "wide_downward_diagonal")
SIGNAL_PATTERNS = dict(zip(C.ASSESSMENTS, PATTERNS))
LINE = "#1A1A1A"
FONT = "Calibri"
# The line chart's value axis on whole steps, Swedish digit groups whatever the office
# program's locale: the space is an escaped literal, not the locale's separator.
AXIS_FORMAT = "#\\ ##0"
_FIXED_TIME = datetime(2000, 1, 1)  # the embedded workbook's dates: the same bytes every build
_DATA = "Data"


@dataclass
class Chart:
    xml: bytes
    workbook: bytes
    alt_text: str
    caption: str
    height_cm: float


def _colour(palette: dict[str, str], key: str) -> str:
    return "#" + palette.get(key, DEFAULT_PALETTE[key])


def _num(value: Decimal | None, unit: str) -> str:
    return format_number(value, 1 if unit == "mnkr" else 0)


def _fill(colour: str, pattern: str) -> dict:
    """XlsxWriter's fill options: solid, or the pattern's lines over the colour."""
    if pattern:
        return {"pattern": {"pattern": pattern, "fg_color": LINE, "bg_color": colour}}
    return {"fill": {"color": colour}}


def _labels(texts: list[str], font: str, *, size: float = 7, position: str = "outside_end",
            boxed: bool = False) -> dict:
    """Data labels showing ``texts`` (the toolkit's own formatting), "" for no label;
    ``boxed``: on a white box, readable over any colour and pattern."""
    font = _text(font, size)
    custom = [{"value": t, "font": font} if t else {"delete": True} for t in texts]
    box = {"fill": {"color": "#FFFFFF"}, "border": {"color": LINE, "width": 0.5}} if boxed else {}
    return {"value": True, "position": position, "custom": custom, "font": font, **box}


def _text(font: str, size: float = 8.5) -> dict:
    """XlsxWriter's font options: the template's font (Calibri when it names none)."""
    return {"name": font or FONT, "size": size}


@dataclass
class _Spec:
    """What one chart shows: its categories and series, and how to draw each series."""

    kind: dict  # XlsxWriter's chart type, e.g. {"type": "bar", "subtype": "stacked"}
    categories: list[str]
    series: list[tuple[str, list[float | None], dict]]  # name, values, add_series options
    style: Callable  # (chart) -> None: axes, legend, gap


def _data_sheet(wb, spec: _Spec):
    ws = wb.add_worksheet(_DATA)
    ws.write_row(0, 1, [name for name, _, _ in spec.series])
    ws.write_column(1, 0, spec.categories)
    for s, (_, values, _) in enumerate(spec.series):
        for r, v in enumerate(values):
            if v is not None:
                ws.write_number(r + 1, s + 1, v)
    ws.set_column(0, 0, max([len(c) for c in spec.categories] + [10]))
    ws.set_column(1, len(spec.series), 16)
    return ws


def _workbook(spec: _Spec) -> bytes:
    """The data sheet and the chart on it (Word's *Redigera data* opens this workbook)."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": _FIXED_TIME})
    ws = _data_sheet(wb, spec)
    chart = wb.add_chart(spec.kind)
    n = len(spec.categories)
    for s, (_, _, options) in enumerate(spec.series):
        chart.add_series({"categories": [_DATA, 1, 0, n, 0], "values": [_DATA, 1, s + 1, n, s + 1],
                          "name": [_DATA, 0, s + 1], **options})
    chart.set_title({"none": True})
    chart.set_chartarea({"border": {"none": True}, "fill": {"color": "#FFFFFF"}})
    chart.set_plotarea({"border": {"none": True}})
    spec.style(chart)
    ws.insert_chart(1, len(spec.series) + 2, chart)
    wb.close()
    return buf.getvalue()


def _chart_xml(xlsx: bytes) -> bytes:
    """The chart part of XlsxWriter's workbook, made Word's: Swedish, and bound to the
    embedded data workbook (relationship ``rId1``) so the chart can be edited."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        xml = z.read("xl/charts/chart1.xml").decode("utf-8")
    xml = re.sub(r'<c:lang val="[^"]*"/>', '<c:lang val="sv-SE"/>', xml, count=1)
    if "<c:lineChart>" in xml:  # a line is never smoothed (Word's and LibreOffice's default may be)
        xml = re.sub(r"</c:val>(?!<c:smooth)", '</c:val><c:smooth val="0"/>', xml)
    external = '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
    if "<c:printSettings>" in xml:
        xml = xml.replace("<c:printSettings>", external + "<c:printSettings>", 1)
    else:
        xml = xml.replace("</c:chartSpace>", external + "</c:chartSpace>", 1)
    return xml.encode("utf-8")


def make(spec: _Spec, alt_text: str, caption: str, height_cm: float) -> Chart:
    """The chart of ``spec``: its part's XML and its data workbook."""
    workbook = _workbook(spec)
    return Chart(_chart_xml(workbook), workbook, alt_text, caption, height_cm)


def _value(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def _bar_style(font: str, *, legend: bool, font_size: float = 8.5, reverse: bool = True):
    """Horizontal bars: the first category on top (``reverse``: the category axis reversed;
    else the data is given bottom-up), its labels left of the plot even where the values are
    negative, no value axis (every bar has its value), the legend on top."""

    def style(chart) -> None:
        chart.set_y_axis({"reverse": reverse, "label_position": "low", "num_font": _text(font, font_size),
                          "line": {"color": LINE, "width": 0.75}, "major_tick_mark": "none",
                          "minor_tick_mark": "none"})
        chart.set_x_axis({"visible": False, "major_gridlines": {"visible": False}})
        if legend:
            chart.set_legend({"position": "top", "font": _text(font)})
        else:
            chart.set_legend({"none": True})

    return style


def grouped_bars(categories: list[str], series: list[tuple[str, list[Decimal | None]]], unit: str,
                 palette: dict[str, str], *, label_size: float = 7, font_size: float = 8.5) -> tuple[_Spec, float]:
    """Horizontal bars per category, one bar per series, each series its colour and
    pattern, every value written beside its bar; the legend above the plot, its series in
    the bars' order (the first on top).

    Office programs list a horizontal bar chart's legend bottom-up, so the data is given
    bottom-up (categories and series reversed) on an upright axis: the first category and
    the first series are drawn on top and lead the legend."""
    n_cat, n_ser = len(categories), len(series)
    font = palette.get("font", "")
    colours = [_colour(palette, k) for k in ("accent1", "accent2", "accent3")]
    options = []
    for s, (name, values) in enumerate(series):
        values = values[::-1]
        options.append((name, [_value(v) for v in values],
                        {**_fill(colours[s % 3], PATTERNS[s % len(PATTERNS)]),
                         "border": {"color": LINE, "width": 0.5}, "gap": 60,
                         "data_labels": _labels([_num(v, unit) for v in values], font, size=label_size)}))
    height = max(6.0, 1.6 + n_cat * (0.42 * n_ser + 0.35))
    style = _bar_style(font, legend=n_ser > 1, font_size=font_size, reverse=False)
    return _Spec({"type": "bar"}, categories[::-1], options[::-1], style), height


def _describe(categories, series, unit: str) -> str:
    parts = []
    for i, cat in enumerate(categories):
        vals = ", ".join(f"{name.lower()} {_num(values[i], unit)}" for name, values in series)
        parts.append(f"{cat}: {vals}")
    return "; ".join(parts) + "."


def _bar_series(rows, bars) -> list[tuple[str, list[Decimal | None]]]:
    """``bars``: (calc's result column, series name) → the series of ``rows``; a series with
    no value at all (outcomes not yet filled) is left out, legend entry and all."""
    series = [(name, [r.values.get(key) for r in rows]) for key, name in bars]
    return [s for s in series if any(v is not None for v in s[1])] or series[:1]


def operating_chart(rows, bars, year: int, unit: str, palette: dict[str, str],
                    what: str = "driftredovisningen") -> Chart:
    """Budget against the full-year forecast (at the year end the outcome) for every input
    row of Drift (calc.ResultRow); ``bars``: (result column, series name) in the bars' order."""
    rows = [r for r in rows if not r.derived]
    cats = [r.label for r in rows]
    series = _bar_series(rows, bars)
    spec, height = grouped_bars(cats, series, unit, palette)
    shown = " och ".join(name.removesuffix(f" {year}").lower() for name, _ in series) + f" {year}"
    alt = f"Liggande stapeldiagram: {shown} per rad i {what}, i {unit}. " + _describe(cats, series, unit)
    return make(spec, alt, f"{shown[:1].upper()}{shown[1:]} per rad i {what} ({unit}).", height)


def investment_chart(rows, bars, year: int, unit: str, palette: dict[str, str]) -> Chart:
    """Budget, forecast and outcome (at the year end budget and outcome) per level-1
    investment category (calc.ResultRow); ``bars`` as for ``operating_chart``."""
    rows = [r for r in rows if r.level == 1]
    cats = [r.label for r in rows]
    series = _bar_series(rows, bars)
    spec, height = grouped_bars(cats, series, unit, palette)
    with_forecast = len(series) == 3
    what = "budget, prognos helår och utfall för perioden" if with_forecast else \
        " och ".join(name.removesuffix(f" {year}").lower() for name, _ in series)
    short = "budget, prognos och utfall" if with_forecast else what
    alt = (f"Liggande stapeldiagram: investeringsutgifter per investeringsslag {year}, {what}, i {unit}. "
           + _describe(cats, series, unit))
    return make(spec, alt, f"Investeringsutgifter {year}: {short} per investeringsslag ({unit}).", height)


def goals_chart(assessments: list[str], owner: str, font: str = "",
                levels: list[tuple[str, str]] | None = None) -> Chart:
    """How many goals got each assessment, in the signal colours, with patterns and counts;
    ``levels``: the scale's (level, colour RRGGBB) in order (the standard scale's if None)."""
    levels = levels or [(a, C.SIGNAL_COLOURS[a]) for a in C.ASSESSMENTS]
    counts = [(a, assessments.count(a)) for a, _ in levels]
    points = [{**_fill("#" + colour, PATTERNS[n % len(PATTERNS)]), "border": {"color": LINE, "width": 0.6}}
              for n, (_, colour) in enumerate(levels)]
    series = [("Antal mål", [float(n) for _, n in counts],
               {"points": points, "gap": 40, "data_labels": _labels([f"{n} mål" for _, n in counts], font, size=8)})]
    spec = _Spec({"type": "bar"}, [a for a, _ in counts], series, _bar_style(font, legend=False))
    total = len(assessments)
    alt = (f"Liggande stapeldiagram: bedömningen av {owner} {total} mål. "
           + ", ".join(f"{a}: {n}" for a, n in counts) + ".")
    return make(spec, alt, f"Bedömning av {owner} mål, antal mål per bedömning.", 5.5)


def forecast_chart(labels: list[str], values: list[Decimal | None], year: int, unit: str,
                   palette: dict[str, str], outcome: tuple[str, Decimal] | None = None) -> Chart:
    """The forecast of the year's result per follow-up, the current one last: straight lines
    (never smoothed: between two zeros a smoothed line bulges), the value axis shown; at the
    year end ``outcome`` (its name and the year's result) as a dashed level across."""
    colour, font = _colour(palette, "accent1"), palette.get("font", "")
    series = [(f"Prognos årets resultat {year}", [_value(v) for v in values],
               {"line": {"color": colour, "width": 1.75},
                "marker": {"type": "circle", "size": 6, "fill": {"color": colour}, "border": {"color": colour}},
                "data_labels": _labels([_num(v, unit) for v in values], font, size=7.5, position="above")})]
    if outcome is not None:
        name, level = outcome
        other = _colour(palette, "accent3")
        series.append((name, [float(level)] * len(labels),
                       {"line": {"color": other, "width": 1.5, "dash_type": "dash"}, "marker": {"type": "none"},
                        "data_labels": _labels([""] * (len(labels) - 1) + [f"{name}: {_num(level, unit)}"], font,
                                               size=7.5, position="below")}))

    def style(chart) -> None:
        chart.set_x_axis({"label_position": "low", "num_font": _text(font), "major_tick_mark": "none",
                          "minor_tick_mark": "none",
                          "line": {"color": LINE, "width": 0.75}})
        # zero and every value inside, on round steps, a step of air above and below for the labels
        shown = [float(v) for v in values if v is not None] + [0.0]
        shown += [float(outcome[1])] if outcome is not None else []
        low, high, step = _axis_range(min(shown), max(shown))
        chart.set_y_axis({"num_format": AXIS_FORMAT, "num_font": _text(font, 7.5),
                          "line": {"color": LINE, "width": 0.75}, "major_tick_mark": "outside",
                          "minor_tick_mark": "none",
                          "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9", "width": 0.5}},
                          "min": low, "max": high, "major_unit": step,
                          "name": unit, "name_font": _text(font, 7.5)})
        if outcome is not None:
            chart.set_legend({"position": "top", "font": _text(font)})
        else:
            chart.set_legend({"none": True})

    spec = _Spec({"type": "line"}, labels, series, style)
    alt = (f"Linjediagram: prognosen för årets resultat {year} vid varje uppföljning, i {unit}. "
           + "; ".join(f"{label}: {_num(v, unit)}" for label, v in zip(labels, values)) + "."
           + (f" {outcome[0]}: {_num(outcome[1], unit)}." if outcome is not None else ""))
    caption = f"Prognos för årets resultat {year} per uppföljning" + (" och årets utfall" if outcome else "")
    return make(spec, alt, f"{caption} ({unit}).", 6.5)


def _axis_range(low: float, high: float) -> tuple[float, float, float]:
    """A value axis from ``low`` to ``high`` on whole round steps (1, 2 or 5 × a power of
    ten), with one step of air beyond each end."""
    span = (high - low) or max(abs(high), 10.0)
    step = 1.0
    while span / step > 6:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10
            step *= factor
            if span / step <= 6:
                break
    low = (math.floor(low / step) - 1) * step
    high = (math.ceil(high / step) + 1) * step
    return round(low, 6), round(high, 6), step


def stacked_bars(categories: list[str], layers: list[tuple[str, list[int], str, str]],
                 font: str = "") -> tuple[_Spec, float]:
    """One stacked bar per category: per layer its name, counts, colour and pattern, each
    count written in its part (none for 0); the legend above."""
    series = [(name, [float(n) for n in counts],
               {**_fill(colour, pattern), "border": {"color": LINE, "width": 0.6}, "gap": 50, "overlap": 100,
                "data_labels": _labels([str(n) if n else "" for n in counts], font, size=8, position="center",
                                       boxed=True)})
              for name, counts, colour, pattern in layers]
    spec = _Spec({"type": "bar", "subtype": "stacked"}, categories, series, _bar_style(font, legend=True))
    return spec, max(5.0, 2.2 + 1.0 * len(categories))
