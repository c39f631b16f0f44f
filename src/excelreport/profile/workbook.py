"""A profile's workbook contract: its input sheets in order, its result sheets, the colours
and legends of its scales, and the sums of its statements — what ``contract/`` declares
for ``standard``, derived from any profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import contract as C
from ..contract import ResultSheet, Sheet
from . import blocks as B
from .schema import Profile


@dataclass(frozen=True)
class WorkbookContract:
    profile: Profile
    input_sheets: tuple[Sheet, ...]  # a board's workbook, in order
    result_sheets: tuple[ResultSheet, ...]  # in order, Kontroll last

    @property
    def sheets_by_name(self) -> dict[str, Sheet]:
        return {s.name: s for s in self.input_sheets}

    @property
    def signal_colours(self) -> dict[str, str]:
        """Level → RRGGBB, the goals' scale and then internal control's."""
        scales = (self.profile.goal_scale, self.profile.control_scale)
        return {name: colour for scale in scales if scale for name, colour in scale.colours.items()}

    @property
    def control_legend(self) -> dict[str, str]:
        scale = self.profile.control_scale
        return {level.name: level.legend for level in scale.levels} if scale else {}

    @property
    def sums(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Statement sheet → its sum rows → the rows each adds."""
        return {s.sheet: s.sums for s in self.profile.statements}


def _input_sheets(p: Profile) -> tuple[Sheet, ...]:
    flags = p.sheets
    sheets = [B.info(p.period_names, p.units), B.texter(p.text_keys)]
    sheets += [B.mal(p.goal_scale)] if flags.goals else []
    sheets += [C.INDIKATORER] if flags.indicators else []
    sheets += [C.UPPDRAG] if flags.assignments else []
    sheets += [B.operating(s) for s in p.statements]
    sheets += [C.INVESTERINGAR] if flags.investments else []
    sheets += [B.VERKSAMHETSMATT] if flags.volume else []
    sheets += [C.PERSONAL] if flags.personnel else []
    sheets += [B.sjukfranvaro(p.sick_leave_categories)] if flags.sick_leave else []
    sheets += [B.internkontroll(p.control_scale)] if flags.internal_control and p.control_scale else []
    return tuple(sheets)


def _result_sheets(p: Profile) -> tuple[ResultSheet, ...]:
    flags = p.sheets
    out = [B.operating_result(s) for s in p.statements]
    out += [C.RESULT_INVESTERINGAR] if flags.investments else []
    out += [B.RESULT_VERKSAMHETSMATT] if flags.volume else []
    out += [C.RESULT_SJUKFRANVARO] if flags.sick_leave else []
    out += [C.RESULT_MAL] if flags.goals else []
    return (*out, C.KONTROLL)


@lru_cache(maxsize=16)
def contract_of(profile: Profile) -> WorkbookContract:
    """The workbook contract a profile declares (cached: profiles are frozen)."""
    return WorkbookContract(profile, _input_sheets(profile), _result_sheets(profile))
