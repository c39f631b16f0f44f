"""The result sheets as a plan: plain data that a file writer or a live Excel book applies.

A plan holds values (``Decimal``, ``str`` or ``None``), number formats as Excel format
codes (Excel shows them with the reader's locale: ``# ##0`` and a decimal comma in a
Swedish Excel), and the looks (bold sum rows, indented tree, signal colours, links).
No office library is imported here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .. import contract as C
from ..calc.figures import Results, ResultRow
from ..core.findings import FEL, VARNING, Finding, sort_findings
from ..profile.shape import ROLE_DRIFT, ROLE_LAND, STANDARD, Shape
from ..write.table import (HEADER_FILL, HEADER_FONT, HEADER_STYLE, LINK_FONT, TEXT_FORMAT,  # noqa: F401 (re-exported)
                    CellStyle, ColumnPlan, Link, RowPlan, SheetPlan, Value, cell_style, style_grid, table,
                    text_colour)


SEVERITY_COLOURS = {FEL: C.SIGNAL_COLOURS["Ej uppfyllt"], VARNING: C.SIGNAL_COLOURS["Delvis uppfyllt"]}
NO_FINDINGS = "Inga fynd: arbetsboken följer standarden."
NO_FINDINGS_PROFILE = "Inga fynd: arbetsboken följer sin profil."
PROFILE_SHEET = "Profil"  # profile/carrier.py's sheet, named in Kontroll's first row

AMOUNT_FORMATS = {"tkr": "#,##0", "mnkr": "#,##0.0"}
PERCENT_FORMAT = '0.0"%"'  # sick-leave percent numbers: 3,7%
POINTS_FORMAT = '0.00"%"'  # their differences in percentage points: -0,05%
SHARE_FORMAT = '0.0"%"'  # a deviation in percent of the net costs: -1,3%
INTEGER_FORMAT = "0"


# --- building the plan -----------------------------------------------------------------

_DEVIATIONS = ("Avvikelse prognos/budget", "Prognosförändring", "Avvikelse utfall/periodbudget",
               "Diff. utfall mot föregående år")
_TEXT_WIDTH_CAP = 60
_LINKABLE = re.compile(r"(?:[A-Z]{1,3}(?:[1-9][0-9]{0,6})?)?")  # "C5", "C" or ""


def _width(label: str, values: list[Value], fmt: str, cap: int = _TEXT_WIDTH_CAP) -> float:
    """A column width (in characters) that fits the header and the values shown."""
    longest = len(label) if len(label) <= 16 else max(16, (len(label) + 1) // 2)  # header wraps
    decimals = _decimals(fmt)
    extra = (decimals + 1 if decimals else 0) + (1 if "%" in fmt else 0)
    for v in values:
        if isinstance(v, Decimal):
            digits = len(str(int(abs(v)))) if v.is_finite() else 3
            n = digits + (digits - 1) // 3 + extra + (1 if v < 0 else 0)
        elif v is None:
            continue
        else:
            n = max((len(line) for line in str(v).splitlines()), default=0)
        if n > longest:
            longest = n
    return float(min(cap, longest + 2))


def _decimals(fmt: str) -> int:
    head = fmt.split(";")[0]
    return len(head.split(".")[1].split('"')[0]) if "." in head else 0


def _sheet(name: str, labels: tuple[str, ...], styles: dict[str, CellStyle],
           rows: list[RowPlan], caps: dict[str, int] | None = None, **kw) -> SheetPlan:
    columns = []
    for i, label in enumerate(labels):
        style = styles.get(label, CellStyle())
        cap = (caps or {}).get(label, _TEXT_WIDTH_CAP)
        width = _width(label, [r.values[i] for r in rows], style.excel_format, cap)
        columns.append(ColumnPlan(label, width, style))
    return SheetPlan(name, tuple(columns), rows, **kw)


def _amount_styles(labels: tuple[str, ...], unit: str) -> dict[str, CellStyle]:
    fmt = AMOUNT_FORMATS.get(unit, AMOUNT_FORMATS["tkr"])
    return {label: CellStyle(fmt, red_negative=label in _DEVIATIONS) for label in labels}


def operating_sheet(spec: C.ResultSheet, rows: list[ResultRow], unit: str) -> SheetPlan:
    """``Resultat Drift`` / ``Resultat Exploatering``: one row per Rad, sum rows bold."""
    labels = spec.columns
    styles = _amount_styles(labels[1:], unit)
    plans = [RowPlan((r.label, *(r.values.get(c) for c in labels[1:])), bold=r.derived)
             for r in rows]
    return _sheet(spec.name, labels, styles, plans)


def investment_sheet(rows: list[ResultRow], unit: str) -> SheetPlan:
    """``Resultat Investeringar``: the tree, indented by level; sum rows and the total bold."""
    spec = C.RESULT_INVESTERINGAR
    labels = spec.columns
    name_col = labels.index("Namn")
    styles = _amount_styles(labels, unit)
    styles["Nivå"] = CellStyle(INTEGER_FORMAT)
    styles["Namn"] = CellStyle()
    plans = []
    for r in rows:
        values = tuple(r.label if c == "Namn" else r.values.get(c) for c in labels)
        plans.append(RowPlan(values, bold=r.derived, indent=max(r.level - 1, 0)))
    plan = _sheet(spec.name, labels, styles, plans, indent_column=name_col)
    widest = max((len(str(r.values[name_col])) + 2 * r.indent for r in plans), default=0)
    cols = list(plan.columns)
    cols[name_col] = replace(cols[name_col], width=float(min(_TEXT_WIDTH_CAP, max(cols[name_col].width, widest + 2))))
    plan.columns = tuple(cols)
    return plan


def sick_leave_sheet(rows: list[ResultRow]) -> SheetPlan:
    spec = C.RESULT_SJUKFRANVARO
    labels = spec.columns
    styles = {labels[1]: CellStyle(PERCENT_FORMAT), labels[2]: CellStyle(PERCENT_FORMAT),
              labels[3]: CellStyle(POINTS_FORMAT)}
    plans = [RowPlan((r.label, *(r.values.get(c) for c in labels[1:]))) for r in rows]
    return _sheet(spec.name, labels, styles, plans)


def goals_sheet(results: Results, colours: dict[str, str] = C.SIGNAL_COLOURS) -> SheetPlan:
    """``Resultat Mål``: the assessment and the suggestion, each in its signal colour."""
    spec = C.RESULT_MAL
    labels = spec.columns
    coloured = (labels.index("Bedömning"), labels.index("Föreslagen bedömning"))
    plans = []
    for g in results.goals:
        values = (Decimal(g.goal.nr), g.goal.text, g.goal.assessment, g.suggestion, g.met_text)
        fills = {i: colours[values[i]] for i in coloured if values[i] in colours}
        plans.append(RowPlan(values, fills=fills))
    styles = {"Mål nr": CellStyle(INTEGER_FORMAT), "Mål": CellStyle(wrap=True)}
    return _sheet(spec.name, labels, styles, plans)


def control_sheet(findings: list[Finding], profile: str | None = None) -> SheetPlan:
    """``Kontroll``: one row per finding, errors first, each cell a link to the cell it names;
    first, when the workbook carries a profile, a row naming it and its version."""
    spec = C.KONTROLL
    labels = spec.columns
    cell_col = labels.index("Cell")
    plans, links = [], []
    if profile:
        plans.append(RowPlan((None, PROFILE_SHEET, None, f"Profil: {profile}.")))
    for i, f in enumerate(sort_findings(findings), len(plans)):
        plans.append(RowPlan((f.severity, f.sheet or None, f.cell or None, f.message),
                             fills={0: SEVERITY_COLOURS[f.severity]} if f.severity in SEVERITY_COLOURS else {}))
        if f.sheet and _LINKABLE.fullmatch(f.cell):
            links.append(Link(i, cell_col, f.sheet, f.cell))
    if len(plans) == bool(profile):
        plans.append(RowPlan((None, None, None, NO_FINDINGS if not profile else NO_FINDINGS_PROFILE)))
    styles = {"Meddelande": CellStyle(wrap=True)}
    return _sheet(spec.name, labels, styles, plans, caps={"Meddelande": 100}, links=links)


def forecast_sheets(results: Results, unit: str) -> list[SheetPlan]:
    """``Resultat Prognoshistorik`` (when the history has rows) and ``Resultat Prognossäkerhet``
    (at year end, per earlier follow-up)."""
    plans = []
    if results.history:
        spec = C.RESULT_PROGNOSHISTORIK
        at = spec.columns.index(C.HISTORY_FOLLOWUPS_AFTER) + 1
        labels = spec.columns[:at] + tuple(results.history_labels) + spec.columns[at:]
        styles = _amount_styles(labels[at:], unit)
        styles[labels[-1]] = replace(styles[labels[-1]], red_negative=True)
        rows = [RowPlan((r.values["Blad"], r.label, *(r.values.get(c) for c in labels[at:])),
                        bold=r.derived) for r in results.history]
        plans.append(_sheet(spec.name, labels, styles, rows))
    if results.accuracy:
        spec = C.RESULT_PROGNOSSAKERHET
        labels = spec.columns
        styles = _amount_styles(labels[1:], unit)
        for label in labels:
            if "avvikelse" in label:
                styles[label] = replace(styles.get(label, CellStyle()), red_negative=True)
            if "%" in label:
                styles[label] = CellStyle(SHARE_FORMAT, red_negative=True)
        rows = [RowPlan((r.label, *(r.values.get(c) for c in labels[1:]))) for r in results.accuracy]
        plans.append(_sheet(spec.name, labels, styles, rows))
    return plans


def plan_results(results: Results | None, findings: list[Finding], unit: str = "tkr",
                 shape: Shape = STANDARD) -> list[SheetPlan]:
    """Every result sheet when there are results and no ``Fel``; otherwise only ``Kontroll``."""
    if results is None or any(f.severity == FEL for f in findings):
        return [control_sheet(findings, shape.label)]
    if results.financing:  # the finansförvaltning workbook
        return [operating_sheet(C.RESULT_FINANSIERING, results.financing, unit),
                *forecast_sheets(results, unit), control_sheet(findings, shape.label)]
    plans = [operating_sheet(st.result, _statement_rows(results, st), unit) for st in shape.statements]
    plans += [investment_sheet(results.investments, unit)] if shape.investments else []
    plans += [volume_sheet(shape.volume_result, results.volumes)] if shape.volume_result else []
    plans += [sick_leave_sheet(results.sick_leave)] if shape.sick else []
    plans += [goals_sheet(results, shape.signal_colours)] if shape.mal else []
    return [*plans, *forecast_sheets(results, unit), control_sheet(findings, shape.label)]


def _statement_rows(results: Results, st) -> list[ResultRow]:
    """A statement's result rows (Results made in code may fill only drift/exploatering)."""
    if st.name in results.statements:
        return results.statements[st.name]
    return {ROLE_DRIFT: results.drift, ROLE_LAND: results.exploatering}.get(st.role, [])


VOLUME_FORMAT = TEXT_FORMAT  # a measure as typed (General): 1250 or 3,5, no decimals invented


def volume_sheet(spec: C.ResultSheet, rows: list[ResultRow]) -> SheetPlan:
    """``Resultat Verksamhetsmått``: each measure with its unit, deviations in the sign's red."""
    labels = spec.columns
    styles = {label: CellStyle(VOLUME_FORMAT) for label in labels[2:]}
    for label in ("Avvikelse", "Diff. mot föregående år"):
        styles[label] = CellStyle(VOLUME_FORMAT, red_negative=True)
    styles["Avvikelse %"] = CellStyle(SHARE_FORMAT, red_negative=True)
    plans = [RowPlan((r.label, *(r.values.get(c) for c in labels[1:]))) for r in rows]
    return _sheet(spec.name, labels, styles, plans)


def plan_checked(checked) -> list[SheetPlan]:
    """The plan for a ``checking.Checked``."""
    unit = checked.report.info.enhet if checked.report is not None else "tkr"
    return plan_results(checked.results, checked.findings, unit, checked.shape)
