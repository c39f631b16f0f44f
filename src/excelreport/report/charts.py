"""The report's pictures (matplotlib on Agg, no GUI, no pyplot state).

Each function returns a ``Chart``: PNG bytes and the alt text that states what it shows.
Colours come from the template (theme accents) and the contract's signal colours; every
series also has its own hatch and every bar its value, so a black-and-white print reads.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

from .. import contract as C
from ..numbers import format_number

WIDTH_CM, DPI = 16.0, 150
DEFAULT_PALETTE = {"accent1": "1F4E79", "accent2": "9DC3E6", "accent3": "C55A11"}
HATCHES = ("", "////", "....", "xxx", "\\\\\\\\")
SIGNAL_HATCHES = {"Helt uppfyllt": "", "I hög grad uppfyllt": "////", "Delvis uppfyllt": "....",
                  "Ej uppfyllt": "xxx", "Ej utvärderad": "\\\\\\\\"}
FONTS = ("Calibri", "Carlito", "Liberation Sans", "DejaVu Sans")


@dataclass
class Chart:
    png: bytes
    alt_text: str
    caption: str


_FAMILY: list[str] = []


def _families(preferred: str = "") -> list[str]:
    """The template's font (or its metric twin) when matplotlib can find it, else a sans."""
    from matplotlib import font_manager

    wanted = [f for f in (preferred, *FONTS) if f]
    installed = {f.name for f in font_manager.fontManager.ttflist}
    if not any(f in installed for f in wanted[:-1]):
        # matplotlib's font cache predates fonts installed later: add the system's once.
        for path in font_manager.findSystemFonts():
            if any(w.replace(" ", "").lower() in path.replace("-", "").lower() for w in wanted[:-1]):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    pass
        installed = {f.name for f in font_manager.fontManager.ttflist}
    return [f for f in wanted if f in installed] or ["sans-serif"]


def _figure(height_cm: float, font: str = ""):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    if not _FAMILY:
        _FAMILY.extend(_families(font))
    matplotlib.rcParams.update({"font.family": _FAMILY, "font.size": 8.5, "hatch.linewidth": 0.6,
                                "axes.spines.top": False, "axes.spines.right": False})
    return Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=DPI)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def _colour(palette: dict[str, str], key: str) -> str:
    return "#" + palette.get(key, DEFAULT_PALETTE[key])


def _num(value: Decimal | None, unit: str) -> str:
    return format_number(value, 1 if unit == "mnkr" else 0)


def _axis_formatter(unit: str):
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: format_number(Decimal(str(float(x))), 1 if unit == "mnkr" else 0,
                                                       min_decimals=0))


def grouped_bars(categories: list[str], series: list[tuple[str, list[Decimal | None]]], unit: str,
                 palette: dict[str, str]) -> bytes:
    """Horizontal bars per category, one bar per series, each series its colour and hatch,
    every value written level beside its bar; the legend above the plot, clear of them."""
    n_cat, n_ser = len(categories), len(series)
    height = max(6.0, 1.6 + n_cat * (0.42 * n_ser + 0.35))
    fig = _figure(height, palette.get("font", ""))
    ax = fig.add_subplot()
    band = 0.8 / n_ser
    colours = [_colour(palette, k) for k in ("accent1", "accent2", "accent3")]
    for s, (name, values) in enumerate(series):
        pos = [i - 0.4 + band * (s + 0.5) for i in range(n_cat)]
        bars = ax.barh(pos, [float(v or 0) for v in values], height=band, color=colours[s % 3],
                       hatch=HATCHES[s % len(HATCHES)], edgecolor="#1A1A1A", linewidth=0.5, label=name)
        ax.bar_label(bars, labels=[_num(v, unit) for v in values], padding=2, fontsize=7)
    ax.set_yticks(list(range(n_cat)), [textwrap.fill(c, 28, break_long_words=False) for c in categories])
    ax.set_ylim(n_cat - 0.5, -0.5)  # first category on top, half a band of air above and below
    ax.xaxis.set_major_formatter(_axis_formatter(unit))
    ax.axvline(0, color="#1A1A1A", linewidth=0.6)
    ax.set_xlabel(unit)
    ax.margins(x=0.2)
    # The legend: across the top of the figure, clear above the plot (no bar or label reaches
    # above it), on two rows when the names are long.
    from .layout import text_cm

    wide = sum(text_cm(name, 8.5) + 1.3 for name, _ in series) > WIDTH_CM - 1
    rows = 2 if wide and n_ser > 1 else 1
    top = 0.7 + 0.45 * rows
    fig.legend(*ax.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 1 - 0.15 / height),
               ncols=-(-n_ser // rows), frameon=False)
    # Fixed margins (in cm) instead of a layout engine, which would double the drawing time.
    fig.subplots_adjust(left=5.2 / WIDTH_CM, right=0.97, top=1 - top / height, bottom=1.0 / height)
    return _png(fig)


def _describe(categories, series, unit: str) -> str:
    parts = []
    for i, cat in enumerate(categories):
        vals = ", ".join(f"{name.lower()} {_num(values[i], unit)}" for name, values in series)
        parts.append(f"{cat}: {vals}")
    return "; ".join(parts) + "."


def operating_chart(rows, year: int, unit: str, palette: dict[str, str], what: str = "driftredovisningen") -> Chart:
    """Budget against full-year forecast for every input row of Drift (calc.ResultRow)."""
    rows = [r for r in rows if not r.derived]
    cats = [r.label for r in rows]
    series = [(f"Budget {year}", [r.values["Budget"] for r in rows]),
              (f"Prognos helår {year}", [r.values["Prognos helår"] for r in rows])]
    png = grouped_bars(cats, series, unit, palette)
    alt = (f"Liggande stapeldiagram: budget och prognos helår {year} per rad i {what}, i {unit}. "
           + _describe(cats, series, unit))
    return Chart(png, alt, f"Budget och prognos helår {year} per rad i {what} ({unit}).")


def investment_chart(rows, year: int, period: str, unit: str, palette: dict[str, str]) -> Chart:
    """Budget, forecast and outcome per level-1 investment category (calc.ResultRow)."""
    rows = [r for r in rows if r.level == 1]
    cats = [r.label for r in rows]
    series = [(f"Budget {year}", [r.values["Budget"] for r in rows]),
              (f"Prognos helår {year}", [r.values["Prognos helår"] for r in rows]),
              (f"Utfall {period.lower()} {year}", [r.values["Utfall period"] for r in rows])]
    png = grouped_bars(cats, series, unit, palette)
    alt = (f"Liggande stapeldiagram: investeringsutgifter per investeringsslag {year}, budget, prognos helår "
           f"och utfall för perioden, i {unit}. " + _describe(cats, series, unit))
    return Chart(png, alt, f"Investeringsutgifter {year}: budget, prognos och utfall per "
                           f"investeringsslag ({unit}).")


def goals_chart(assessments: list[str], owner: str, font: str = "") -> Chart:
    """How many goals got each assessment, in the signal colours, with hatches and counts."""
    counts = [(a, assessments.count(a)) for a in C.ASSESSMENTS]
    fig = _figure(5.5, font)
    ax = fig.add_subplot()
    bars = ax.barh(range(len(counts)), [n for _, n in counts],
                   color=["#" + C.SIGNAL_COLOURS[a] for a, _ in counts],
                   hatch=[SIGNAL_HATCHES[a] for a, _ in counts], edgecolor="#1A1A1A", linewidth=0.6)
    ax.bar_label(bars, labels=[f"{n} mål" for _, n in counts], padding=3, fontsize=8)
    ax.set_yticks(range(len(counts)), [a for a, _ in counts])
    ax.invert_yaxis()
    ax.set_xlim(0, max(n for _, n in counts) + 1.2)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    fig.subplots_adjust(left=3.6 / WIDTH_CM, right=0.97, top=0.95, bottom=0.05)
    png = _png(fig)
    total = len(assessments)
    alt = (f"Liggande stapeldiagram: bedömningen av {owner} {total} mål. "
           + ", ".join(f"{a}: {n}" for a, n in counts) + ".")
    return Chart(png, alt, f"Bedömning av {owner} mål, antal mål per bedömning.")


def forecast_chart(labels: list[str], values: list[Decimal | None], year: int, unit: str,
                   palette: dict[str, str]) -> Chart:
    """The forecast of the year's result per follow-up, the current one last."""
    fig = _figure(6.5, palette.get("font", ""))
    ax = fig.add_subplot()
    xs = list(range(len(labels)))
    ys = [float(v or 0) for v in values]
    ax.plot(xs, ys, color=_colour(palette, "accent1"), marker="o", linewidth=1.6)
    for x, y, v in zip(xs, ys, values):
        ax.annotate(_num(v, unit), (x, y), textcoords="offset points", xytext=(0, 7),
                    ha="center", fontsize=7.5)
    ax.axhline(0, color="#1A1A1A", linewidth=0.6)
    ax.set_xticks(xs, [textwrap.fill(label, 18, break_long_words=False) for label in labels])
    ax.yaxis.set_major_formatter(_axis_formatter(unit))
    ax.set_ylabel(unit)
    ax.margins(x=0.12, y=0.3)
    fig.subplots_adjust(left=1.9 / WIDTH_CM, right=0.98, top=0.93, bottom=0.2)
    png = _png(fig)
    alt = (f"Linjediagram: prognosen för årets resultat {year} vid varje uppföljning, i {unit}. "
           + "; ".join(f"{label}: {_num(v, unit)}" for label, v in zip(labels, values)) + ".")
    return Chart(png, alt, f"Prognos för årets resultat {year} per uppföljning ({unit}).")


RENDERERS = {"operating": operating_chart, "investment": investment_chart, "goals": goals_chart,
             "forecast": forecast_chart}


def render(jobs: list[tuple[str, tuple]]) -> list[Chart]:
    return [RENDERERS[name](*args) for name, args in jobs]


def _serve(conn) -> None:  # pragma: no cover - runs in the forked worker
    """Import matplotlib while the parent works, draw each chart as soon as it is asked
    for (while the parent builds the rest of the document), hand them all over at the end."""
    _figure(1.0)  # import matplotlib and find the fonts
    drawn: list = []
    try:
        while True:
            kind, job = conn.recv()
            if kind == "collect":
                conn.send(drawn)
                break
            drawn.append(RENDERERS[job[0]](*job[1]))
    except Exception as exc:  # the parent falls back to drawing itself
        try:
            conn.send(exc)
        except (OSError, ValueError):
            pass
    conn.close()


class ChartWorker:
    """Draws the charts in a forked process that imports matplotlib while the caller reads
    the workbook, and draws each chart while the caller builds the rest of the document
    (2 cores: the report is ready sooner). Where fork is unavailable, or the worker fails,
    the charts are drawn in this process."""

    def __init__(self) -> None:
        import multiprocessing
        import os

        self._conn = self._proc = None
        self._jobs: list[tuple[str, tuple]] = []
        if "fork" in multiprocessing.get_all_start_methods() and not os.environ.get("EXCELREPORT_NO_FORK"):
            ctx = multiprocessing.get_context("fork")
            self._conn, child = ctx.Pipe()
            self._proc = ctx.Process(target=_serve, args=(child,), daemon=True)
            self._proc.start()
            child.close()

    def submit(self, job: tuple[str, tuple]) -> None:
        """A chart to draw now (a ``render`` job); ``collect`` returns it."""
        self._jobs.append(job)
        if self._conn is not None:
            try:
                self._conn.send(("chart", job))
            except (EOFError, OSError, ValueError):
                self.close()

    def collect(self) -> list[Chart]:
        """Every submitted chart, in order of submission."""
        jobs, self._jobs = self._jobs, []
        if self._conn is not None:
            try:
                self._conn.send(("collect", None))
                if self._conn.poll(120):
                    result = self._conn.recv()
                    if isinstance(result, list) and len(result) == len(jobs):
                        return result
            except (EOFError, OSError):
                pass
            finally:
                self.close()
        return render(jobs)

    def render(self, jobs: list[tuple[str, tuple]]) -> list[Chart]:
        for job in jobs:
            self.submit(job)
        return self.collect()

    def close(self) -> None:
        if self._proc is not None:
            self._conn.close()
            self._proc.join(timeout=5)
            if self._proc.is_alive():
                self._proc.terminate()
            self._conn = self._proc = None
