"""The compilation report: ``<Period> <År> <Kommun> – sammanställning.docx`` (and PDF).

Built on the board report's machinery (``report.document`` on the template, its tables,
pictures with alt text, TOC, language and properties; ``report.charts`` for the drawing;
``report.build`` for the PDF), with the compilation's sheets as its tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from .. import contract as C
from ..core.names import file_name
from ..core.numbers import format_number, round_half_away
from ..report import charts as CH
from ..report import docx_xml
from ..report.document import ReportDocument
from ..report.pdf import NO_LIBREOFFICE, soffice
from ..report.table import Cell, Column
from ..sheets import plan as P
from . import compilation as T

CONTENTS = "Innehåll"
SUBTITLE = "Sammanställning av nämndernas uppföljning"
UNROUNDED = ("Summorna är räknade på de oavrundade beloppen och kan därför skilja sig från summan "
             "av de avrundade beloppen i tabellen.")
SAVED_NOTE = (f"{T.SAVED}: när arbetsboken själv anger att den sparades senast (dokumentegenskapen i "
              "docProps/core.xml, i datorns lokala tid), inte filens ändringstid, som är tiden för en kopia. "
              "Ett streck: arbetsboken anger ingen tid.")
HISTORY_PER_TABLE = 5  # follow-up columns per table of the kommun's forecast per follow-up
# Column headings as the report prints them: shorter words, so narrow columns wrap between words.
REPORT_HEADERS = {
    "Föregående prognos": "Föreg. prognos",
    "Avvikelse prognos/budget": "Avv. prognos/ budget",
    "Prognosförändring": "Prognos- förändr.",
    "Utfall period föregående år": "Utfall period föreg. år",
    "Budget nettokostnad": "Budget netto- kostnad",
    "Prognos nettokostnad": "Prognos netto- kostnad",
    "Budgetavvikelse": "Budget- avvikelse",
    "Föregående prognos avvikelse": "Föreg. prognos avvikelse",
    "Utfall period nettokostnad": "Utfall period netto- kostnad",
    "Utfall period föregående år nettokostnad": "Utfall föreg. år netto- kostnad",
    "Kommunbidrag": "Kommun- bidrag",
    "I hög grad uppfyllt": "I hög grad uppfyllt",
    "Ej utvärderad": "Ej utvär- derad",
    "Anmärkning nära målvärde": "Anm. nära målvärde",
    "Utan anmärkning": "Utan anmärk- ning",
    "Med anmärkning": "Med anmärk- ning",
    "Ingen bedömning": "Ingen bedöm- ning",
    "Föregående år": "Föregående år",
}


# --- charts ------------------------------------------------------------------------------------


def deviation_chart(names: list[str], values: list[Decimal], year: int, unit: str, palette: dict) -> CH.Chart:
    """Each board's Budgetavvikelse (Prognos − Budget of Årets resultat) as a horizontal bar;
    with many boards thinner bars and smaller text, the chart no taller than a page."""
    series = [(f"Budgetavvikelse {year}", values)]
    many = len(names) > 12
    size = max(5.0, min(7.5, 260 / len(names))) if many else 8.5
    spec, height = CH.grouped_bars(names, series, unit, palette, label_size=5.5 if many else 7, font_size=size)
    if many:
        height = min(22.0, 1.6 + 0.36 * len(names))
    alt = (f"Liggande stapeldiagram: nämndernas budgetavvikelse {year} (prognos helår minus budget "
           f"för årets resultat), i {unit}. " + CH._describe(names, series, unit))
    return CH.make(spec, alt, f"Budgetavvikelse per nämnd {year} ({unit}).", height)


def goals_stacked_chart(rows: list[tuple[int, str, list[int]]], font: str = "") -> CH.Chart:
    """One stacked bar per KF-mål: the boards' goals by Bedömning, signal colours and patterns."""
    layers = [(a, [r[2][k] for r in rows], "#" + C.SIGNAL_COLOURS[a], CH.SIGNAL_PATTERNS[a])
              for k, a in enumerate(C.ASSESSMENTS)]
    spec, height = CH.stacked_bars([f"KF-mål {nr}" for nr, _, _ in rows], layers, font)
    alt = ("Staplat liggande stapeldiagram: nämndernas mål per KF-mål efter bedömning. "
           + "; ".join(f"KF-mål {nr} ({text}): " + ", ".join(f"{a} {n}" for a, n in zip(C.ASSESSMENTS, counts))
                       for nr, text, counts in rows) + ".")
    return CH.make(spec, alt, "Nämndernas måluppfyllelse per KF-mål, antal mål per bedömning.", height)


# --- text ------------------------------------------------------------------------------------


def report_file_name(info) -> str:
    """``Delårsbokslut 2024 Lindåsa kommun – sammanställning``, named as a board's report is
    (``names.file_name``: no character a file name cannot hold, no control or bidi mark)."""
    return file_name(f"{info.period} {info.ar} {info.kommun} – sammanställning")


def _decimals(fmt: str) -> int:
    head = fmt.split(";")[0].split('"')[0]
    return len(head.split(".")[1]) if "." in head else 0


def cell_text(value, fmt: str) -> str:
    """A compilation value shown as the workbook shows it, the Swedish way."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d\u00a0%H:%M")  # one line: the date and its time together
    if isinstance(value, Decimal):
        text = format_number(value, _decimals(fmt))
        return text + ("%" if "%" in fmt else "")
    return str(value)


def _amount(value: Decimal | None, unit: str) -> str:
    return f"{format_number(value, 1 if unit == 'mnkr' else 0)} {unit}".replace(" ", "\u00a0", 1) \
        if value is not None else "-"


def summary_sentences(comp: T.Compilation) -> list[str]:
    """The Sammanfattning, generated from the figures."""
    info, unit, f = comp.info, comp.unit, comp.figures
    total = f["result"][T.MUNICIPAL_RESULT]
    forecast, budget, previous = total["Prognos helår"], total["Budget"], total["Föregående prognos"]
    dev, change = forecast - budget, forecast - previous
    out = []
    versus = ("i nivå med budgeten" if dev == 0 else
              f"{_amount(abs(dev), unit)} {'bättre' if dev > 0 else 'sämre'} än budgeten ({_amount(budget, unit)})")
    out.append(f"Prognosen för kommunens resultat {info.ar} är {_amount(forecast, unit)}, {versus}.")
    prev_name = f" i {info.foregaende_prognos}" if info.foregaende_prognos else ""
    if change == 0:
        out.append(f"Prognosen är oförändrad sedan föregående prognos{prev_name}.")
    else:
        out.append(f"Sedan föregående prognos{prev_name} ({_amount(previous, unit)}) har prognosen "
                   f"{'förbättrats' if change > 0 else 'försämrats'} med {_amount(abs(change), unit)}.")
    boards = f["result"][T.BOARDS_RESULT]["Prognos helår"] - f["result"][T.BOARDS_RESULT]["Budget"]
    out.append(f"Nämnderna prognostiserar tillsammans en budgetavvikelse på {_amount(boards, unit)}.")
    balance = f["balance"]
    text = f"Balanskravsresultatet beräknas till {_amount(balance, unit)}"
    out.append(text + (": balanskravet uppfylls." if balance >= 0 else
                       ": balanskravet uppfylls inte, och underskottet ska enligt kommunallagen "
                       "återställas inom tre år."))
    if f["share"] is not None:
        s = format_number(f["share"], 1) + "%"
        goal = (f"; resultatmålet på {format_number(f['target'], 1, min_decimals=0)}% är "
                f"{'uppfyllt' if f['verdict'] == T.MET else 'inte uppfyllt'}" if f["target"] is not None else "")
        out.append(f"Årets resultat motsvarar {s} av skatteintäkter och generella statsbidrag och utjämning{goal}.")
    rows = f["budget_deviation"]
    if rows:
        devs = sorted(rows.items(), key=lambda x: x[1])
        worst = [(n, v) for n, v in devs if v < 0][:2]
        best = [(n, v) for n, v in reversed(devs) if v > 0][:1]
        if worst:
            out.append("Störst negativ budgetavvikelse har " + " och ".join(
                f"{n} ({_amount(v, unit)})" for n, v in worst) + ".")
        if best:
            n, v = best[0]
            out.append(f"Störst positiv budgetavvikelse har {n} (+{_amount(v, unit)}).")
    return out


# --- the document ----------------------------------------------------------------------------


def _rounded(value, fmt: str) -> bool:
    """Whether ``value`` is shown rounded (its printed figure is not the exact amount)."""
    return isinstance(value, Decimal) and round_half_away(value, _decimals(fmt)) != value


def _table(w: ReportDocument, plan: T.CompiledSheet, caption: str, unit: str = "",
           rows: range | None = None) -> None:
    """A compilation sheet as a report table: header row, bold sums, status colours. An
    amount table (``unit``) says its unit in its first header (``Belopp i mnkr``), and a
    table whose sums may differ from the sum of its printed (rounded) amounts says so below."""
    numeric = [c.style.number_format not in (P.TEXT_FORMAT, T.DATETIME_FORMAT) for c in plan.columns]
    columns = [Column(REPORT_HEADERS.get(c.label, c.label), numeric=numeric[i])  # sized from content
               for i, c in enumerate(plan.columns)]
    if unit:
        columns[0] = Column(f"Belopp i {unit}")
    cells_out, rounded, sums = [], False, False
    for r in rows if rows is not None else range(len(plan.rows)):
        row = plan.rows[r]
        if all(v is None for v in row.values):
            continue
        sums = sums or row.bold
        cells = []
        for i, value in enumerate(row.values):
            fmt = plan.cell_formats.get((r, i), plan.columns[i].style.number_format)
            rounded = rounded or (not row.bold and _rounded(value, fmt))
            text = "" if value is None and row.bold else cell_text(value, fmt)
            cells.append(Cell([text], bold=row.bold, fill=row.fills.get(i, "")))
        cells_out.append(cells)
    w.table(columns, cells_out, caption)
    if unit and rounded and sums:
        w.text(UNROUNDED, "Fotnot")


def _columns(plan: T.CompiledSheet, labels) -> T.CompiledSheet:
    """``plan`` with only the columns named ``labels`` (in the plan's order)."""
    keep = [i for i, c in enumerate(plan.columns) if c.label in labels]
    rows = [P.RowPlan(tuple(r.values[i] for i in keep), bold=r.bold,
                      fills={keep.index(i): f for i, f in r.fills.items() if i in keep}) for r in plan.rows]
    return T.CompiledSheet(plan.name, tuple(plan.columns[i] for i in keep), rows)


def _submissions(w: ReportDocument, plan: T.CompiledSheet) -> None:
    """Inlämning; its Profil column only when the boards differ (one profile: a sentence)."""
    at = [c.label for c in plan.columns].index("Profil")
    profiles = {r.values[at] for r in plan.rows if r.values[at]}
    if len(profiles) == 1:
        plan = _columns(plan, [c.label for c in plan.columns if c.label != "Profil"])
    _table(w, plan, "Inlämnade arbetsböcker")
    w.text(SAVED_NOTE + (f" Alla arbetsböcker följer profilen {profiles.pop()}." if len(profiles) == 1 else ""),
           "Fotnot")


def _result_tables(w: ReportDocument, comp: T.Compilation) -> None:
    """Kommunens resultat as the sheet's usual columns; with histories, then the kommun's
    forecast per earlier follow-up and the current one in a second table (a few follow-ups
    per table, so the amounts keep readable widths)."""
    plan, unit = comp.sheet(T.KOMMUNENS_RESULTAT), comp.unit
    history = comp.figures.get("result_history") or []
    _table(w, _columns(plan, T.RESULT_COLUMNS), f"Kommunens resultat i {unit}", unit)
    for start in range(0, len(history), HISTORY_PER_TABLE):
        part = history[start:start + HISTORY_PER_TABLE]
        _table(w, _columns(plan, ("Rad", *part, "Prognos helår")),
               f"Kommunens prognos per uppföljning i {unit}" + (" (forts.)" if start else ""), unit)


def _balance_tables(w: ReportDocument, comp: T.Compilation) -> None:
    """The balance requirement in mnkr, then the financial goal in its own table: the
    percentages never stand in an amount column."""
    plan, unit, f = comp.sheet(T.BALANSKRAVSUTREDNING), comp.unit, comp.figures
    blank = next((r for r, row in enumerate(plan.rows) if all(v is None for v in row.values)), len(plan.rows))
    _table(w, plan, f"Balanskravsutredning i {unit}", unit, rows=range(blank))
    share = cell_text(f["share"], T.SHARE_FORMAT) if f["share"] is not None else "-"
    target = cell_text(f["target"], T.SHARE_FORMAT) if f["target"] is not None else "-"
    w.table([Column("Finansiellt mål"), Column("Procent", numeric=True)],
            [[f"{T.GOAL_TITLE} (prognos helår)", share], [T.GOAL_TARGET, target]], "Finansiellt mål: resultatmålet")
    p = w.paragraph()
    w.label(p, f"{T.GOAL_VERDICT}: ")
    verdict = f["verdict"] or "Ej bedömt"
    fill = {T.MET: C.SIGNAL_COLOURS["Helt uppfyllt"], T.NOT_MET: C.SIGNAL_COLOURS["Ej uppfyllt"]}.get(verdict)
    if fill:
        w.signal(p, verdict, fill)
    else:
        docx_xml.add_text(p, verdict)


def build_document(comp: T.Compilation, template=None) -> ReportDocument:
    info, unit = comp.info, comp.unit
    w = ReportDocument(template)
    palette = {**docx_xml.theme_colours(w.doc), "font": w.doc.styles["Normal"].font.name or ""}
    month = ("januari–" + ("februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                           "oktober", "november", "december")[info.slutmanad - 2]) if info.slutmanad > 1 else "januari"
    # the kommun's name once: the logo (or its placeholder) in the template's cover names it
    w.cover([("Omslag", "" if w.cover_has_logo() else info.kommun), ("Title", f"{info.period} {info.ar}"),
             ("Subtitle", SUBTITLE), ("Omslagstext", f"Perioden {month} {info.ar}")])
    w.contents(CONTENTS)
    w.heading("Sammanfattning", 1)
    for sentence in summary_sentences(comp):
        w.text(sentence)
    w.text(f"Alla belopp i {unit}.", "Fotnot")

    w.heading("Kommunens resultat", 1)
    _result_tables(w, comp)
    w.heading("Balanskravsutredning", 1)
    _balance_tables(w, comp)

    w.heading("Driftredovisning per nämnd", 1)
    _table(w, comp.sheet(T.DRIFTREDOVISNING), f"Driftredovisning per nämnd i {unit}", unit)
    rows = comp.figures["budget_deviation"]
    if rows:
        w.chart(deviation_chart(list(rows), list(rows.values()), info.ar, unit, palette))
    w.heading("Investeringsredovisning", 1)
    _table(w, comp.sheet(T.INVESTERINGSREDOVISNING), f"Investeringsredovisning (totala utgifter) i {unit}",
           unit)
    w.heading("Måluppfyllelse", 1)
    _table(w, comp.sheet(T.MALUPPFYLLELSE), "Nämndernas mål per KF-mål och bedömning")
    if comp.figures["goals"]:
        w.chart(goals_stacked_chart(comp.figures["goals"], palette.get("font", "")))
    w.heading("Uppdrag", 1)
    _table(w, comp.sheet(T.UPPDRAG), "Uppdrag per nämnd och status")
    w.heading("Sjukfrånvaro", 1)
    _table(w, comp.sheet(T.SJUKFRANVARO), "Total sjukfrånvaro per nämnd, procent av schemalagd tid")
    w.text("Ingen summa för kommunen: den kräver nämndernas schemalagda tid.", "Fotnot")
    w.heading("Internkontroll", 1)
    _table(w, comp.sheet(T.INTERNKONTROLL), "Internkontrollens kontrollpunkter per nämnd och bedömning")
    w.heading("Inlämning", 1)
    w.add("Bilaga: arbetsböckerna som sammanställningen bygger på.").paragraph_format.keep_with_next = True
    _submissions(w, comp.sheet(T.INLAMNING))
    w.finish_contents()
    w.fill_placeholders({"kommun": info.kommun, "nämnd": SUBTITLE, "period": info.period, "år": str(info.ar)})
    title = report_file_name(info)
    w.properties(title, info.kommun, f"{info.period} {info.ar}", f"{info.kommun}; sammanställning; "
                 f"{info.period} {info.ar}")
    return w


def write_compilation_report(done, folder: Path, *, pdf: bool | None = None, template=None,
                             document: ReportDocument | None = None) -> None:
    """Write the report into ``folder`` (and the PDF when asked or LibreOffice exists);
    ``document``: the report already built by ``build_document``."""
    from ..report.build import save_document

    comp = done.compilation
    w = document if document is not None else build_document(comp, template)
    have_office = soffice() is not None
    if pdf is not False and not have_office:
        done.pdf_problem = NO_LIBREOFFICE
    out = folder / f"{report_file_name(comp.info)}.docx"
    done.docx, done.pdf = save_document(w, out, pdf=have_office and pdf is not False)
    if w.pdf_notes:  # a font of the template missing: the PDF's columns may wrap
        done.pdf_problem = "\n".join(filter(None, [done.pdf_problem, *(f"Varning: {n}" for n in w.pdf_notes)]))
