"""The report's content kinds (``rapport.avsnitt.innehall.typ`` in the profile), each one
function: given the report's context, the content and its section's heading level, it
returns what it writes, or None when there is nothing to show. A new kind is one function
in ``BLOCKS``; a sheet shown as a table, chart or legend is one function in its table.
"""

from __future__ import annotations

from typing import Callable

from .. import contract as C
from ..profile.schema import Content
from . import economy as E, goals as G, registers as R
from .context import Context

Render = Callable[[], None]
Block = Callable[[Context, Content, int], "Render | None"]

# Sheets other than the operating statements, by what they are shown as.
TABLES: dict[str, Callable[[Context], Render | None]] = {
    C.INVESTERINGAR.name: E.investment_table,
    "Verksamhetsmått": E.volume_table,
    C.PERSONAL.name: R.staff_table,
    C.SJUKFRANVARO.name: R.sick_table,
    C.UPPDRAG.name: R.assignment_table,
    C.INTERNKONTROLL.name: R.control_table,
}
CHARTS: dict[str, Callable[[Context], Render | None]] = {
    C.INVESTERINGAR.name: E.investment_chart,
    C.MAL.name: G.goal_chart,
}
LEGENDS: dict[str, Callable[[Context], Render | None]] = {
    C.MAL.name: G.goal_legend,
    C.INTERNKONTROLL.name: R.control_legend,
}


def text(ctx: Context, content: Content, level: int) -> Render | None:
    """The text with the content's key, unless it is empty."""
    body = ctx.text(content.ref)
    return (lambda: ctx.w.text(body)) if body else None


def table(ctx: Context, content: Content, level: int) -> Render | None:
    statement = ctx.profile.statement(content.ref)
    if statement is not None:
        return E.statement_table(ctx, statement)
    return TABLES[content.ref](ctx)


def chart(ctx: Context, content: Content, level: int) -> Render | None:
    statement = ctx.profile.statement(content.ref)
    if statement is not None:
        return E.statement_chart(ctx, statement)
    return CHARTS[content.ref](ctx)


def legend(ctx: Context, content: Content, level: int) -> Render | None:
    return LEGENDS[content.ref](ctx)


BLOCKS: dict[str, Block] = {
    "text": text,
    "tabell": table,
    "diagram": chart,
    "teckenforklaring": legend,
    "mal": lambda ctx, content, level: G.goals(ctx, level),
    "prognos_resultat": lambda ctx, content, level: E.forecast_of_result(ctx),
    "prognossakerhet": lambda ctx, content, level: E.forecast_accuracy(ctx),
}
