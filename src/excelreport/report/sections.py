"""The report's sections as the kommun's profile outlines them (``rapport.avsnitt``): in the
profile's order, under its headings (a section at level 1, its ``delavsnitt`` at 2 and 3),
each holding what the profile says, drawn by the content kind's block (``blocks.BLOCKS``).

A section is written only when something in it (its contents or a sub-section) has
something to show: an empty text is left out, and a section with nothing in it is left out
of the report and of the table of contents. Figures come from ``calc.Results``; texts from
the (sanitised) model.
"""

from __future__ import annotations

from typing import Callable

from ..calc.figures import Results
from ..core.model import BoardReport
from ..profile.schema import Profile, Section
from .blocks import BLOCKS
from .context import Context
from .document import ReportDocument
from .economy import MAX_REPORT_INVESTMENT_ROWS, write_pending

__all__ = ["MAX_REPORT_INVESTMENT_ROWS", "MONTHS", "Sections"]

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
Render = Callable[[], None]


def section(ctx: Context, s: Section, level: int) -> Render | None:
    """What writes section ``s`` at heading ``level``, or None when nothing in it shows."""
    parts = [r for c in s.contents if (r := BLOCKS[c.kind](ctx, c, level)) is not None]
    subs = [r for sub in s.subsections if (r := section(ctx, sub, level + 1)) is not None]
    if not parts and not subs:
        return None

    def render() -> None:
        ctx.w.heading(s.heading, level)
        for part in parts:
            part()
        write_pending(ctx)
        for sub in subs:
            sub()
    return render


class Sections:
    """Writes the cover and every section of the profile's outline into a ReportDocument."""

    def __init__(self, w: ReportDocument, report: BoardReport, results: Results,
                 palette: dict[str, str], profile: Profile):
        self.ctx = Context(w, report, results, palette, profile)

    @property
    def notes(self) -> list[str]:
        """What the report leaves to the result sheets (a Varning each)."""
        return self.ctx.notes

    def cover(self) -> None:
        w, i = self.ctx.w, self.ctx.info
        month = MONTHS[i.slutmanad - 1]
        span = f"januari–{month}" if i.slutmanad > 1 else "januari"
        # the kommun's name once: the logo (or its placeholder) in the template's cover names it
        lines = [("Omslag", "" if w.cover_has_logo() else i.kommun), ("Title", f"{i.period} {i.ar}"),
                 ("Subtitle", i.namnd),
                 ("Omslagstext", f"Perioden {span} {i.ar}")]
        if i.sammantradesdatum:
            lines.append(("Omslagstext", f"Sammanträdesdatum: {i.sammantradesdatum.isoformat()}"))
        if i.diarienummer.strip():
            lines.append(("Omslagstext", f"Diarienummer: {i.diarienummer.strip()}"))
        w.cover(lines)

    def all(self) -> None:
        for s in self.ctx.profile.outline:
            render = section(self.ctx, s, 1)
            if render is not None:
                render()
