"""The report's tables of what the board lists row by row: personnel figures, sick leave (in
the profile's groups), assignments, and internal control with its scale's legend. Each
returns what it writes (a callable), or None when it has nothing.
"""

from __future__ import annotations

from typing import Callable

from . import values as V
from .context import Context
from .table import Cell, Column

Render = Callable[[], None]


def staff_table(ctx: Context) -> Render | None:
    staff = [p for p in ctx.r.personal if p.previous is not None or p.current is not None]
    if not staff:
        return None

    def render() -> None:
        y = ctx.year
        cols = [Column("Personal"), Column(str(y - 1), numeric=True), Column(str(y), numeric=True)]
        rows = []
        for p in staff:
            fmt = V.count if p.label == "Tillsvidareanställda" else V.share
            rows.append([p.label, fmt(p.previous), fmt(p.current)])
        ctx.w.table(cols, rows, "Antal tillsvidareanställda och könsfördelning")
    return render


def _filled(row) -> bool:
    return row.values["Föregående år"] is not None or row.values["Innevarande år"] is not None


def sick_table(ctx: Context) -> Render | None:
    if not any(_filled(r) for r in ctx.res.sick_leave):
        return None
    return lambda: _sick_table(ctx)


def _sick_table(ctx: Context) -> None:
    y, info = ctx.year, ctx.info
    star = "*" if info.sjukfranvaro_avser.strip() else ""
    cols = [Column(f"Sjukfrånvaro{star}"), Column(str(y - 1), numeric=True),
            Column(str(y), numeric=True), Column("Differens", numeric=True)]
    by_label = {r.label: r for r in ctx.res.sick_leave}
    rows: list[list[str]] = []
    for group in ctx.profile.sick_leave_groups:
        present = [by_label[label] for label in group if label in by_label and _filled(by_label[label])]
        if not present:
            continue
        if rows:
            rows.append([""] * 4)  # the reference's blank line between the groups
        for r in present:
            v = r.values
            rows.append([r.label, V.sick_percent(v["Föregående år"]), V.sick_percent(v["Innevarande år"]),
                         V.sick_difference(v["Differens"])])
    ctx.w.table(cols, rows, "Sjukfrånvaro i procent av schemalagd tid")
    if star:
        ctx.w.text("*" + info.sjukfranvaro_avser.strip(), style="Fotnot")


def assignment_table(ctx: Context) -> Render | None:
    items = ctx.r.assignments
    if not items:
        return None
    cols = [Column("Uppdrag"), Column("Status"), Column("Kommentar")]
    return lambda: ctx.w.table(cols, [[a.text, a.status, a.comment] for a in items],
                               "Uppdrag från fullmäktige och nämnden med status")


def control_legend(ctx: Context) -> Render | None:
    scale = ctx.profile.control_scale
    if not ctx.r.controls or scale is None:
        return None

    def render() -> None:
        ctx.w.text("Internkontrollpunkter bedöms enligt följande:")
        for level in scale.levels:
            p = ctx.w.paragraph()
            ctx.w.signal(p, level.name, level.colour)
            p.add_run(" " + level.legend)
    return render


def control_table(ctx: Context) -> Render | None:
    controls = ctx.r.controls
    if not controls:
        return None
    cols = [Column("Vad kontrolleras?"), Column("Metod"), Column("Bedömning"), Column("Resultat"),
            Column("Åtgärd")]

    colours = ctx.profile.control_scale.colours if ctx.profile.control_scale else {}

    def render() -> None:
        rows = []
        for c in controls:
            what = Cell([c.risk] + ([c.moment] if c.moment.strip() else []), bold_first=True)
            rows.append([what, c.method, Cell([c.assessment], fill=colours.get(c.assessment, "")), c.result,
                         c.action])
        ctx.w.table(cols, rows, "Uppföljning av internkontrollplanen")
    return render
