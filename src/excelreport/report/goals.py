"""The report's goal blocks, in the profile's assessment scale: the legend, the chart of
assessments, and the goals (KF goal, the board's goals with assessment, Agenda 2030 line,
indicators and comment). Each returns what it writes (a callable), or None when it has nothing.
"""

from __future__ import annotations

from typing import Callable

from ..profile.keys import MAX_DEPTH
from . import charts as CH, values as V
from .context import Context, genitive
from .table import Column

Render = Callable[[], None]


def goal_legend(ctx: Context) -> Render | None:
    """The scale's levels on their colours, in the scale's order (``ej_bedomd`` last)."""
    if not ctx.res.goals:
        return None
    scale = ctx.profile.goal_scale

    def render() -> None:
        legend = ctx.w.paragraph()
        for n, a in enumerate(scale.legend_order):
            if n:
                legend.add_run("   ")
            ctx.w.signal(legend, a, scale.colours[a])
    return render


def goal_chart(ctx: Context) -> Render | None:
    if not ctx.res.goals:
        return None
    scale = ctx.profile.goal_scale
    levels = [(name, scale.colours[name]) for name in scale.names]
    return lambda: ctx.w.chart(CH.goals_chart([g.goal.assessment for g in ctx.res.goals],
                                              genitive(ctx.info.namnd).lower(), ctx.palette.get("font", ""),
                                              levels), width_cm=13)


def goals(ctx: Context, level: int) -> Render | None:
    """Every goal under its KF goal, headed one and two levels below the section."""
    if not ctx.res.goals:
        return None
    return lambda: _goals(ctx, min(level + 1, MAX_DEPTH), min(level + 2, MAX_DEPTH))


def _goals(ctx: Context, kf_level: int, goal_level: int) -> None:
    w = ctx.w
    owner = genitive(ctx.info.namnd)
    kf_seen: set[int] = set()
    for g in sorted(ctx.res.goals, key=lambda g: (g.goal.kf_nr, g.goal.nr)):
        goal = g.goal
        if goal.kf_nr not in kf_seen:
            kf_seen.add(goal.kf_nr)
            w.heading(f"{goal.kf_nr}. {goal.kf_text}", kf_level)
        # heading, assessment, Agenda line and the first indicator table stay on one page
        w.heading(f"{owner} mål {goal.nr} - {goal.text}", goal_level)
        p = w.paragraph()
        w.label(p, "Bedömning: ")
        w.signal(p, goal.assessment, ctx.colour(goal.assessment))
        p.paragraph_format.keep_with_next = True
        if goal.forecast:
            p = w.paragraph()
            w.label(p, "Prognos helår: ")
            w.signal(p, goal.forecast, ctx.colour(goal.forecast))
            p.paragraph_format.keep_with_next = True
        agenda = w.labelled("Koppling Agenda 2030:", goal.agenda.strip() or "-")
        agenda.paragraph_format.keep_with_next = bool(g.indicators or goal.comment.strip())
        for ind in g.indicators:
            _indicator(ctx, ind)
        if goal.comment.strip():
            p = w.paragraph()
            w.label(p, "Kommentar:")
            p.paragraph_format.keep_with_next = True
            w.text(goal.comment)


def _indicator(ctx: Context, ind) -> None:
    y = ctx.year
    ctx.w.labelled("Indikator:", ind.name, style="Indikator").paragraph_format.keep_with_next = True
    outcome_head = f"Preliminärt utfall {y}" if ind.preliminary else f"Utfall {y}"
    cols = [Column(h, numeric=True)
            for h in (f"Mål {y}", outcome_head, f"Utfall {y - 1}", f"Utfall {y - 2}")]
    dec = ind.decimals or {}
    row = [V.indicator(ind.target, ind.unit, dec.get("Målvärde")),
           V.indicator(ind.outcome, ind.unit, dec.get("Utfall"), ind.preliminary),
           V.indicator(ind.previous, ind.unit, dec.get("Utfall föregående år")),
           V.indicator(ind.two_years_ago, ind.unit, dec.get("Utfall två år sedan"))]
    ctx.w.table(cols, [row], f"Indikator: {ind.name}")
