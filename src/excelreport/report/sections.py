"""The reference report's sections, in its order and wording, from model + calc.Results.

Figures come from ``calc.Results`` (the numbers the result sheets hold) and are formatted
by ``values``; texts come from the (sanitised) model. A section whose data and texts are
all empty is left out.
"""

from __future__ import annotations

from .. import contract as C
from ..calc import Results, ResultRow
from ..model import AmountRow, BoardReport
from . import charts as CH, values as V
from .document import Cell, Column, ReportDocument

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
GOAL_LEGEND = C.ASSESSMENTS  # the scale's order, as the chart and the compilation list it
# The amount tables' columns per period kind: (calc's result column, the header, where {y}
# is the year, {y1} the year before and {period} Info!Period). The interim report is the
# reference's; at the year end the outcome is the year's and is held against the budget.
# (A kommun's profile will declare these; until then this table is the one place.)
INTERIM, YEAR_END = "interim", "year_end"
AMOUNT_COLUMNS = {
    INTERIM: (("Budget", "Budget {y}"), ("Prognos helår", "Prognos helår {y}"),
              ("Avvikelse prognos/budget", "Avv. prognos/budget {y}"), ("Utfall period", "{period} {y}"),
              ("Utfall period föregående år", "{period} {y1}"),
              ("Diff. utfall mot föregående år", "Diff. utfall {y1}/{y}")),
    YEAR_END: (("Budget", "Budget {y}"), ("Utfall period", "Utfall {y}"),
               ("Avvikelse utfall/budget", "Avvikelse utfall/budget {y}"),
               ("Utfall period föregående år", "Utfall {y1}"),
               ("Diff. utfall mot föregående år", "Diff. utfall {y1}/{y}")),
}
# The charts' bars per period kind (result columns, named as the table heads them): Budget
# against the forecast, at the year end against the outcome; investments also show the
# period's outcome.
OPERATING_BARS = {INTERIM: ("Budget", "Prognos helår"), YEAR_END: ("Budget", "Utfall period")}
INVESTMENT_BARS = {INTERIM: ("Budget", "Prognos helår", "Utfall period"), YEAR_END: ("Budget", "Utfall period")}
SUBSECTIONS = {
    "Drift": ("Inledande sammanfattning", "Prognos och prognosförändring", "Utfall för perioden",
              "Jämförelse mellan åren"),
    "Investeringar": ("Prognos", "Prognosförändring", "Utfall för perioden", "Jämförelse mellan åren"),
    "Exploatering": ("Inledande sammanfattning", "Prognos och prognosförändring",
                     "Utfall för perioden", "Jämförelse mellan åren"),
}
PERSONAL_TEXTS = ("Rekryteringsbehov och kompetensförsörjning", "Arbetsmiljö")
# Bounded report: a tree of thousands of investments is in Resultat Investeringar; the report
# shows the levels that fit in this many rows, and the chart this many categories.
MAX_REPORT_INVESTMENT_ROWS = 300
MAX_CHART_CATEGORIES = 40


def followup_label(name: str) -> str:
    """A follow-up as the report's tables and charts head it: ``april`` → ``April``."""
    return name[:1].upper() + name[1:]


def genitive(name: str) -> str:
    """``Kommunstyrelsen`` → ``Kommunstyrelsens``; names ending in s, x or z stay."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def shown_investments(rows: list[ResultRow]) -> tuple[list[ResultRow], str]:
    """The investment rows the report's table shows: every row when they fit, else the
    levels that do (``Totala utgifter`` always); and a sentence saying what was left out."""
    if len(rows) <= MAX_REPORT_INVESTMENT_ROWS:
        return rows, ""
    depth = 0
    for level in range(1, max(r.level for r in rows) + 1):
        if sum(1 for r in rows if r.level <= level) > MAX_REPORT_INVESTMENT_ROWS:
            break
        depth = level
    shown = [r for r in rows if r.level <= depth]
    if depth == 0:
        return shown, (f"Tabellen visar bara Totala utgifter: investeringsträdet har fler än "
                       f"{MAX_REPORT_INVESTMENT_ROWS} rader på nivå 1.")
    levels = "nivå 1" if depth == 1 else f"nivå 1–{depth}"
    tree = sum(1 for r in rows if r.level)  # Totala utgifter is not a row of the tree
    return shown, (f"Tabellen visar {levels} av investeringsträdet ({sum(1 for r in shown if r.level)} av "
                   f"{tree} rader; rapporten visar högst {MAX_REPORT_INVESTMENT_ROWS}).")


def _has_amounts(rows: list[AmountRow]) -> bool:
    return any(v is not None for r in rows for v in r.values.values())


class Sections:
    """Writes every section of the report into a ReportDocument."""

    def __init__(self, w: ReportDocument, report: BoardReport, results: Results,
                 palette: dict[str, str]):
        self.w, self.r, self.res, self.palette = w, report, results, palette
        self.info = report.info
        self.year = report.info.ar
        self.notes: list[str] = []  # what the report leaves to the result sheets (a Varning each)

    def text(self, key: str) -> str:
        return (self.r.texts.get(key) or "").strip()

    def texts_of(self, section: str) -> dict[str, str]:
        """Sub-heading → text for ``Drift – …`` style keys that have text."""
        keys = SUBSECTIONS.get(section, PERSONAL_TEXTS + ("Sjukfrånvaro",))
        prefix = "Personal" if section == "Personal" else section
        return {k: self.text(f"{prefix} – {k}") for k in keys if self.text(f"{prefix} – {k}")}

    # --- cover ------------------------------------------------------------------------------

    def cover(self) -> None:
        i = self.info
        month = MONTHS[i.slutmanad - 1]
        span = f"januari–{month}" if i.slutmanad > 1 else "januari"
        # the kommun's name once: the logo (or its placeholder) in the template's cover names it
        lines = [("Omslag", "" if self.w.cover_has_logo() else i.kommun), ("Title", f"{i.period} {i.ar}"),
                 ("Subtitle", i.namnd),
                 ("Omslagstext", f"Perioden {span} {i.ar}")]
        if i.sammantradesdatum:
            lines.append(("Omslagstext", f"Sammanträdesdatum: {i.sammantradesdatum.isoformat()}"))
        if i.diarienummer.strip():
            lines.append(("Omslagstext", f"Diarienummer: {i.diarienummer.strip()}"))
        self.w.cover(lines)

    def all(self) -> None:
        self.verksamhet()
        self.goals()
        self.assignments()
        self.economy()
        self.personnel()
        self.internal_control()

    # --- Verksamhet, Måluppföljning, Uppdrag ---------------------------------------------------

    def verksamhet(self) -> None:
        if self.text("Verksamhet"):
            self.w.heading("Verksamhet", 1)
            self.w.text(self.text("Verksamhet"))

    def goals(self) -> None:
        goal_results = self.res.goals
        if not goal_results and not self.text("Måluppföljning"):
            return
        w = self.w
        w.heading("Måluppföljning", 1)
        w.text(self.text("Måluppföljning"))
        if goal_results:
            legend = w.paragraph()
            for n, a in enumerate(GOAL_LEGEND):
                if n:
                    legend.add_run("   ")
                w.signal(legend, a, C.SIGNAL_COLOURS[a])
            w.chart(CH.goals_chart([g.goal.assessment for g in goal_results],
                                   genitive(self.info.namnd).lower(), self.palette.get("font", "")),
                    width_cm=13)
        owner = genitive(self.info.namnd)
        kf_seen: set[int] = set()
        for g in sorted(goal_results, key=lambda g: (g.goal.kf_nr, g.goal.nr)):
            goal = g.goal
            if goal.kf_nr not in kf_seen:
                kf_seen.add(goal.kf_nr)
                w.heading(f"{goal.kf_nr}. {goal.kf_text}", 2)
            # heading, assessment, Agenda line and the first indicator table stay on one page
            w.heading(f"{owner} mål {goal.nr} - {goal.text}", 3)
            p = w.paragraph()
            w.label(p, "Bedömning: ")
            w.signal(p, goal.assessment, C.SIGNAL_COLOURS[goal.assessment])
            p.paragraph_format.keep_with_next = True
            if goal.forecast:
                p = w.paragraph()
                w.label(p, "Prognos helår: ")
                w.signal(p, goal.forecast, C.SIGNAL_COLOURS[goal.forecast])
                p.paragraph_format.keep_with_next = True
            agenda = w.labelled("Koppling Agenda 2030:", goal.agenda.strip() or "-")
            agenda.paragraph_format.keep_with_next = bool(g.indicators or goal.comment.strip())
            for ind in g.indicators:
                self.indicator(ind)
            if goal.comment.strip():
                p = w.paragraph()
                w.label(p, "Kommentar:")
                p.paragraph_format.keep_with_next = True
                w.text(goal.comment)

    def indicator(self, ind) -> None:
        y = self.year
        self.w.labelled("Indikator:", ind.name, style="Indikator").paragraph_format.keep_with_next = True
        outcome_head = f"Preliminärt utfall {y}" if ind.preliminary else f"Utfall {y}"
        cols = [Column(h, numeric=True)
                for h in (f"Mål {y}", outcome_head, f"Utfall {y - 1}", f"Utfall {y - 2}")]
        dec = ind.decimals or {}
        row = [V.indicator(ind.target, ind.unit, dec.get("Målvärde")),
               V.indicator(ind.outcome, ind.unit, dec.get("Utfall"), ind.preliminary),
               V.indicator(ind.previous, ind.unit, dec.get("Utfall föregående år")),
               V.indicator(ind.two_years_ago, ind.unit, dec.get("Utfall två år sedan"))]
        self.w.table(cols, [row], f"Indikator: {ind.name}")

    def assignments(self) -> None:
        items = self.r.assignments
        if not items:
            return
        self.w.heading("Uppdrag", 1)
        cols = [Column("Uppdrag"), Column("Status"), Column("Kommentar")]
        self.w.table(cols, [[a.text, a.status, a.comment] for a in items],
                     "Uppdrag från fullmäktige och nämnden med status")

    # --- Ekonomi -------------------------------------------------------------------------------

    def economy(self) -> None:
        parts = [
            ("Drift", _has_amounts(self.r.drift), self.drift_and_forecasts),
            ("Investeringar", bool(self.r.investments), self.investments),
            ("Exploatering", _has_amounts(self.r.exploatering), self.exploatering),
        ]
        present = [(name, fn) for name, has_data, fn in parts if has_data or self.texts_of(name)]
        if not present:
            return
        self.w.heading("Ekonomi", 1)
        for _name, fn in present:
            fn()

    @property
    def kind(self) -> str:
        """The period kind whose columns the amount tables show."""
        return YEAR_END if self.info.period == C.YEAR_END else INTERIM

    def headed(self) -> dict[str, str]:
        """Result column → the amount table's header of it, for this period kind."""
        y, period = self.year, self.info.period
        return {key: head.format(y=y, y1=y - 1, period=period) for key, head in AMOUNT_COLUMNS[self.kind]}

    def bars(self, table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
        """A chart's bars for this period kind: (result column, its name as the table heads it)."""
        heads = self.headed()
        return [(key, heads[key]) for key in table[self.kind]]

    def amount_columns(self) -> list[Column]:
        heads = self.headed().values()
        return [Column(f"Belopp i {self.info.enhet}")] + [Column(h, numeric=True) for h in heads]

    def amount_row(self, row: ResultRow, indent_cm: float = 0.0) -> list[Cell]:
        bold = row.derived
        cells = [Cell([row.label], bold=bold, indent_cm=indent_cm)]
        return cells + [Cell([V.amount(row.values.get(k), self.info.enhet)], bold=bold)
                        for k, _ in AMOUNT_COLUMNS[self.kind]]

    def amounts_caption(self, name: str) -> str:
        what = "budget och utfall" if self.kind == YEAR_END else "budget, prognos och utfall"
        return f"{name}: {what} i {self.info.enhet}"

    def operating(self, name: str, rows: list[ResultRow], has_data: bool, what: str) -> None:
        """Drift or Exploatering: the amounts table, its chart and the section's texts."""
        self.w.heading(name, 2)
        if has_data:
            self.w.table(self.amount_columns(), [self.amount_row(r) for r in rows], self.amounts_caption(name))
            self.w.chart(CH.operating_chart(rows, self.bars(OPERATING_BARS), self.year,
                                            self.info.enhet, self.palette, what))
        self.subtexts(name)

    def subtexts(self, name: str) -> None:
        for heading, text in self.texts_of(name).items():
            self.w.heading(heading, 3)
            self.w.text(text)

    def drift(self) -> None:
        self.operating("Drift", self.res.drift, _has_amounts(self.r.drift), "driftredovisningen")

    def exploatering(self) -> None:
        self.operating("Exploatering", self.res.exploatering, _has_amounts(self.r.exploatering),
                       "exploateringsredovisningen")

    def investments(self) -> None:
        self.w.heading("Investeringar", 2)
        rows = self.res.investments
        if self.r.investments:
            shown, note = shown_investments(rows)
            table = [self.amount_row(r, indent_cm=0.35 * max(r.level - 1, 0)) for r in shown]
            self.w.table(self.amount_columns(), table,
                         f"Investeringar per investeringsslag i {self.info.enhet}")
            categories = sum(1 for r in rows if r.level == 1)
            if categories <= MAX_CHART_CATEGORIES:
                self.w.chart(CH.investment_chart(rows, self.bars(INVESTMENT_BARS), self.year,
                                                 self.info.enhet, self.palette))
            else:
                note += (f" Diagrammet visas inte: {categories} investeringsslag på nivå 1, fler än "
                         f"{MAX_CHART_CATEGORIES}.")
            if note:
                note = note.strip() + " Hela trädet finns i bladet Resultat Investeringar."
                self.w.text(note)
                self.notes.append(note)
        self.subtexts("Investeringar")

    # --- Personaluppföljning ----------------------------------------------------------------------

    def personnel(self) -> None:
        texts = self.texts_of("Personal")
        sick = [r for r in self.res.sick_leave
                if r.values["Föregående år"] is not None or r.values["Innevarande år"] is not None]
        staff = [p for p in self.r.personal if p.previous is not None or p.current is not None]
        if not texts and not sick and not staff:
            return
        w = self.w
        w.heading("Personaluppföljning", 1)
        for i, heading in enumerate(PERSONAL_TEXTS):
            if heading in texts or (i == 0 and staff):
                w.heading(heading, 2)
                w.text(texts.get(heading, ""))
                if i == 0 and staff:
                    self.staff_table(staff)
        if sick or "Sjukfrånvaro" in texts:
            w.heading("Sjukfrånvaro", 2)
            if sick:
                self.sick_table()
            w.text(texts.get("Sjukfrånvaro", ""))

    def staff_table(self, staff) -> None:
        y = self.year
        cols = [Column("Personal"), Column(str(y - 1), numeric=True), Column(str(y), numeric=True)]
        rows = []
        for p in staff:
            fmt = V.count if p.label == "Tillsvidareanställda" else V.share
            rows.append([p.label, fmt(p.previous), fmt(p.current)])
        self.w.table(cols, rows, "Antal tillsvidareanställda och könsfördelning")

    def sick_table(self) -> None:
        y = self.year
        star = "*" if self.info.sjukfranvaro_avser.strip() else ""
        cols = [Column(f"Sjukfrånvaro{star}"), Column(str(y - 1), numeric=True),
                Column(str(y), numeric=True), Column("Differens", numeric=True)]
        groups = (C.SICK_LEAVE_CATEGORIES[:3], C.SICK_LEAVE_CATEGORIES[3:6], C.SICK_LEAVE_CATEGORIES[6:])
        by_label = {r.label: r for r in self.res.sick_leave}
        rows: list[list[str]] = []
        for group in groups:
            present = [by_label[label] for label in group if label in by_label
                       and (by_label[label].values["Föregående år"] is not None
                            or by_label[label].values["Innevarande år"] is not None)]
            if not present:
                continue
            if rows:
                rows.append([""] * 4)  # the reference's blank line between the groups
            for r in present:
                v = r.values
                rows.append([r.label, V.sick_percent(v["Föregående år"]), V.sick_percent(v["Innevarande år"]),
                             V.sick_difference(v["Differens"])])
        self.w.table(cols, rows, "Sjukfrånvaro i procent av schemalagd tid")
        if star:
            self.w.text("*" + self.info.sjukfranvaro_avser.strip(), style="Fotnot")

    # --- Uppföljning av internkontroll -------------------------------------------------------------

    def internal_control(self) -> None:
        controls = self.r.controls
        if not controls:
            return
        w = self.w
        w.heading("Uppföljning av internkontroll", 1)
        w.text("Internkontrollpunkter bedöms enligt följande:")
        for key, text in C.CONTROL_LEGEND.items():
            p = w.paragraph()
            w.signal(p, key, C.SIGNAL_COLOURS[key])
            p.add_run(" " + text)
        cols = [Column("Vad kontrolleras?"), Column("Metod"), Column("Bedömning"),
                Column("Resultat"), Column("Åtgärd")]
        rows = []
        for c in controls:
            what = Cell([c.risk] + ([c.moment] if c.moment.strip() else []), bold_first=True)
            rows.append([what, c.method, Cell([c.assessment], fill=C.SIGNAL_COLOURS.get(c.assessment, "")),
                         c.result, c.action])
        w.table(cols, rows, "Uppföljning av internkontrollplanen")


    # --- The forecast's memory (next-period.md): in Drift ---------------------------------------

    def drift_and_forecasts(self) -> None:
        """``Drift``, then the forecast per follow-up and, at year end, prognossäkerhet."""
        self.drift()
        self.forecast_of_result()
        self.forecast_accuracy()

    def forecast_of_result(self) -> None:
        """``Prognos för årets resultat``: per earlier follow-up and now, a table and a chart;
        at the year end the year's outcome beside them and each forecast's deviation from it."""
        from ..forecast import followup_name, has_result_history

        if not has_result_history(self.r):
            return
        row = next(r for r in self.res.history if r.values["Blad"] == C.DRIFT.name and r.label == C.RESULT)
        labels = list(self.res.history_labels)
        values = [row.values.get(label) for label in labels] + [row.values.get(C.FORECAST)]
        labels = [followup_label(x) for x in labels + [followup_name(self.info.period, self.info.slutmanad)]]
        unit, title = self.info.enhet, "Prognos för årets resultat"
        outcome = None
        if self.kind == YEAR_END:
            outcome = next(r for r in self.res.drift if r.label == C.RESULT).values.get("Utfall period")
        heads = labels + ([f"Utfall {self.year}"] if self.kind == YEAR_END else [])
        table = [[C.RESULT] + [V.amount(v, unit) for v in values]
                 + ([V.amount(outcome, unit)] if self.kind == YEAR_END else [])]
        if outcome is not None:  # prognossäkerhet at a glance: utfall − prognos per follow-up
            table.append(["Utfall − prognos"] + [V.amount(None if v is None else outcome - v, unit) for v in values]
                         + [""])
        self.w.heading(title, 3)
        cols = [Column(f"Belopp i {unit}", 3.8)] + [Column(h, 12.2 / len(heads), numeric=True) for h in heads]
        self.w.table(cols, table, f"{title} {self.year} per uppföljning, i {unit}")
        self.w.chart(CH.forecast_chart(labels, values, self.year, unit, self.palette,
                                       outcome=(f"Utfall {self.year}", outcome) if outcome is not None else None))

    def forecast_accuracy(self) -> None:
        """Prognossäkerhet at year end: per earlier follow-up its forecast against the outcome."""
        rows = self.res.accuracy
        if not rows:
            return
        from ..numbers import format_percent

        unit = self.info.enhet
        self.w.heading("Prognossäkerhet", 3)
        for what, keys in (("årets resultat", C.RESULT_PROGNOSSAKERHET.columns[1:5]),
                           ("verksamhetens nettokostnader", C.RESULT_PROGNOSSAKERHET.columns[5:9])):
            heads = (f"Prognos {what}", f"Utfall {what}", "Prognosavvikelse",
                     "Prognosavvikelse i % av nettokostnaden")
            cols = [Column("Uppföljning", 3.8)] + [Column(h, 3.05, numeric=True) for h in heads]
            table = [[followup_label(r.label), V.amount(r.values[keys[0]], unit), V.amount(r.values[keys[1]], unit),
                      V.amount(r.values[keys[2]], unit), format_percent(r.values[keys[3]], 1)]
                     for r in rows]
            self.w.table(cols, table, f"Prognossäkerhet {self.year}: {what}, prognos mot utfall i {unit}")
