"""A whole workbook checked: every input sheet its shape has, read once, into a BoardReport
and every finding; and the names of its sheets (case and spaces, the result sheets')."""

from __future__ import annotations

from dataclasses import replace

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL, VARNING, Finding
from ..core.model import BoardReport, Info
from ..profile.shape import ROLE_DRIFT, ROLE_LAND
from ..read.grid import WorkbookGrids
from ..read.owner import clash_message, foreign_message, result_name_clashes
from .cells import norm
from .finance import read_finance_office
from .history import read_history
from .info import read_info, read_texts
from .investments import read_investments
from .personnel import check_shares, read_pairs
from .registers import read_assignments, read_controls, read_goals, read_indicators, read_volumes
from .statements import by_role, read_statement
from .typed_figures import percent_typing
from .validator import Validator


def validate(book: WorkbookGrids, v: Validator | None = None) -> tuple[BoardReport | None, list[Finding]]:
    """Read every input sheet of ``book`` by the contract; collect every finding. A given
    Validator (of ``book``) keeps what was read, for a caller to reuse."""
    v = v or Validator(book)
    if book.lock_file:
        v.add(VARNING, Code.OPPEN_I_EXCEL, "", "",
              f"Arbetsboken verkar vara öppen i Excel eller LibreOffice (låsfilen {book.lock_file} "
              "finns). Kontrollen läser den senast sparade versionen: spara först om du har ändrat.")
    _same_names(v)
    info = read_info(v)
    report = BoardReport(info=info or v.partial_info) if info or v.partial_info else None
    if v.typ == C.FINANCE_OFFICE:
        read_finance_office(v, report, info)
        return _provisional(v, report, info), v.findings
    shape = v.shape
    texts, text_cells = read_texts(v)
    goals = read_goals(v, shape.mal) if shape.mal else None
    indicators = read_indicators(v, {g.nr for g in goals} if goals is not None else None) \
        if shape.indicators else []
    assignments = read_assignments(v) if shape.assignments else []
    statements = {st.name: read_statement(v, st, info) for st in shape.statements}
    investments = read_investments(v) if shape.investments else []
    personal = read_pairs(v, C.PERSONAL) if shape.personnel else []
    sick = read_pairs(v, shape.sick) if shape.sick else []
    controls = read_controls(v, shape.internkontroll) if shape.internkontroll else []
    volumes = read_volumes(v, shape.volume) if shape.volume else []
    check_shares(v, personal)
    v.findings += percent_typing(sick, indicators, lambda r, label: v.table(C.INDIKATORER).ref(r, label))
    history = read_history(v, investments, info)
    if report is not None:
        report.history = history
        report.texts, report.text_cells = texts, text_cells
        report.goals, report.indicators = goals or [], indicators
        report.assignments, report.controls = assignments, controls
        report.statements, report.volumes, report.investments = statements, volumes, investments
        report.drift = by_role(shape, statements, ROLE_DRIFT)
        report.exploatering = by_role(shape, statements, ROLE_LAND)
        report.personal, report.sick_leave = personal, sick
    return _provisional(v, report, info), v.findings


def _provisional(v: Validator, report: BoardReport | None, info: Info | None) -> BoardReport | None:
    """The report when it is complete; else None, and ``v.provisional`` checks what can be:
    Info as far as it was read, the goals whose Mål nr and Bedömning were, without the goals
    one of whose indicators was left out."""
    if report is not None and (info is None or v.partial_goals or v.unjudged_goals):
        goals = [g for g in report.goals + v.partial_goals if g.nr not in v.unjudged_goals]
        v.provisional = replace(report, goals=sorted(goals, key=lambda g: g.row))
    return report if info is not None else None


def sheet_key(name: str) -> str:
    """A sheet name as Excel compares names (case-insensitive), surrounding spaces ignored."""
    return norm(name).casefold()


def _same_names(v: Validator) -> None:
    """Two sheets whose names differ only by case or surrounding spaces: which one is read is
    not what a user can tell (one may be hidden)."""
    groups: dict[str, list[str]] = {}
    for name in v.book.sheets:
        groups.setdefault(sheet_key(name), []).append(name)
    for name, result in result_name_clashes(v.book.sheets):
        v.add(FEL, Code.BLAD_KROCKAR_MED_RESULTAT, name, "", clash_message(name, result))
    for name in v.book.foreign_results:  # the user's own sheet: run would write over it
        v.add(FEL, Code.EGET_BLAD_MED_RESULTATNAMN, name, "", foreign_message(name, v.book.sheets))
    contract = ({sheet_key(s.name) for s in v.shape.input_sheets}
                | {sheet_key(n) for n in v.shape.result_names})
    for key, names in groups.items():
        if len(names) > 1:
            shown = " och ".join(f"'{n}'" for n in names)
            severity = FEL if key in contract else VARNING
            v.add(severity, Code.BLAD_SAMMA_NAMN, names[0], "",
                  f"Bladen {shown} har samma namn bortsett från stora/små bokstäver eller mellanslag; "
                  "det går inte att se vilket som läses. Byt namn på eller ta bort det ena.")
