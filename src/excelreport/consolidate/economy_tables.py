"""The compilation's amount sheets: Kommunens resultat, Balanskravsutredning (with the
Resultatmål), Driftredovisning, Investeringsredovisning; and the cross-workbook checks on
their figures (Kommunbidrag, budgeted results)."""

from __future__ import annotations

from decimal import Decimal

from .. import contract as C
from ..core.codes import Code
from ..core.findings import VARNING, Finding
from ..core.numbers import plain, round_half_away
from ..sheets import plan as P
from .collect import Submission
from .compilation import (AFTER_ADJUSTMENTS, BALANCE_RESULT, BALANCE_SIGNS, BALANSKRAVSUTREDNING, BOARDS_RESULT,
                          COLUMNS5, DRIFT_COLUMNS, DRIFTREDOVISNING, EXPLOITATION_SUFFIX, GOAL_TARGET, GOAL_TITLE,
                          GOAL_VERDICT, INVESTERINGSREDOVISNING, INVESTMENT_COLUMNS, KOMMUNENS_RESULTAT, MET,
                          MUNICIPAL_RESULT, NOT_MET, RESERVE_SIGNS, RESULT_COLUMNS, SHARE_FORMAT, SUM, SUM_BOARDS,
                          TOLERANCE, YEAR_RESULT, ZERO, Compilation, CompiledSheet, Wide, amount_styles,
                          column_sums, converter, sheet_plan, wide)
from .history import HISTORY_AT, history_columns

def municipal_result(comp: Compilation, drift, expl, fin, extra: list[Finding]) -> CompiledSheet:
    """Nämndernas resultat, the six Finansiering rows, Kommunens resultat; two deviations;
    one column per earlier follow-up of the histories, after Föregående prognos."""
    boards = {col: sum(drift[(C.RESULT, col)], ZERO) + sum(expl[(C.RESULT, col)], ZERO)
              if len(drift) else ZERO for col in COLUMNS5}
    rows = [(BOARDS_RESULT, boards, True)]
    for label in C.FINANCING_ROWS:  # one row: the finansförvaltning
        rows.append((label, {col: fin.value(fin.boards[0], label, col) if fin is not None else ZERO
                             for col in COLUMNS5}, False))
    total = {col: sum((r[1][col] for r in rows), ZERO) for col in COLUMNS5}
    rows.append((MUNICIPAL_RESULT, total, True))
    comp.figures["result"] = {label: values for label, values, _ in rows}
    labels, history = history_columns(comp, extra)
    comp.figures["result_history"] = labels
    columns = (*RESULT_COLUMNS[:HISTORY_AT], *labels, *RESULT_COLUMNS[HISTORY_AT:])
    plans = []
    for label, v, bold in rows:
        values = {**v, "Avvikelse prognos/budget": v["Prognos helår"] - v["Budget"],
                  "Prognosförändring": v["Prognos helår"] - v["Föregående prognos"]}
        fixed = [values[c] for c in RESULT_COLUMNS[1:]]
        plans.append(P.RowPlan((label, *fixed[:HISTORY_AT - 1], *history[label], *fixed[HISTORY_AT - 1:]),
                               bold=bold))
    return sheet_plan(KOMMUNENS_RESULTAT, columns, amount_styles(columns, comp.unit), plans)


def balance_sheet(comp: Compilation, extra: list[Finding]) -> CompiledSheet:
    """The balance-requirement statement, each adjustment with its sign; Resultatmål below."""
    result = comp.figures["result"]
    year = result[MUNICIPAL_RESULT]["Prognos helår"]
    given = comp.central.figures.balance if comp.central else {}
    conv = converter(comp.central.info.enhet, comp.unit) if comp.central else (lambda v: v)

    def signed(label: str, sign: int) -> Decimal:
        v = conv(given.get(label, ZERO))
        return -v if sign < 0 and v else v

    rows = [(YEAR_RESULT, year, True)]
    rows += [(label, signed(label, sign), False) for label, sign in BALANCE_SIGNS]
    after = sum((r[1] for r in rows), ZERO)
    rows.append((AFTER_ADJUSTMENTS, after, True))
    reserve = [(label, signed(label, sign), False) for label, sign in RESERVE_SIGNS]
    balance = after + sum((r[1] for r in reserve), ZERO)
    rows += reserve + [(BALANCE_RESULT, balance, True)]
    plans = [P.RowPlan((label, v), bold=bold) for label, v, bold in rows]
    if balance < 0:
        extra.append(Finding(VARNING, Code.BALANSKRAV_NEGATIVT, BALANSKRAVSUTREDNING, f"B{len(rows) + 1}",
                             f"Balanskravsresultatet är negativt ({plain(balance)} {comp.unit}). "
                             "Enligt kommunallagen ska underskottet återställas inom tre år, och "
                             "fullmäktige ska besluta om en åtgärdsplan."))
    # Resultatmål: the year's result as percent of taxes and general grants, one decimal.
    base = result[C.TAXES]["Prognos helår"] + result[C.GENERAL_GRANTS]["Prognos helår"]
    share = round_half_away(year * 100 / base, 1) if base else None
    target = comp.info.resultatmal if comp.central else None
    verdict = None
    if share is not None and target is not None:
        verdict = MET if share >= target else NOT_MET
    if base == 0 and comp.central:
        extra.append(Finding(VARNING, Code.RESULTATMAL, BALANSKRAVSUTREDNING, "",
                             "Resultatmålet kan inte räknas: Skatteintäkter och Generella statsbidrag "
                             "och utjämning (Prognos helår) är tillsammans 0."))
    elif target is None and comp.central:
        extra.append(Finding(VARNING, Code.RESULTATMAL, BALANSKRAVSUTREDNING, "",
                             "Info!Resultatmål (%) saknas i finansförvaltningens arbetsbok; "
                             "resultatmålet bedöms inte."))
    comp.figures.update(balance=balance, after=after, share=share, target=target, verdict=verdict)
    first = len(plans) + 1
    plans += [P.RowPlan((None, None)), P.RowPlan((GOAL_TITLE, share), bold=True),
              P.RowPlan((GOAL_TARGET, target)), P.RowPlan((GOAL_VERDICT, verdict))]
    formats = {(first, 1): SHARE_FORMAT, (first + 1, 1): SHARE_FORMAT, (first + 2, 1): P.TEXT_FORMAT}
    return sheet_plan(BALANSKRAVSUTREDNING, ("Rad", "Prognos helår"), amount_styles(("Rad", "Prognos helår"), comp.unit),
                 plans, cell_formats=formats)


def operating(comp: Compilation, drift, expl) -> CompiledSheet:
    """Driftredovisning: a row per board, a row per used Exploatering, Summa nämnder."""
    def line(w: Wide, board: str) -> list[Decimal]:
        def net(col):
            return w.value(board, C.NET_COSTS, col) + w.value(board, C.FINANCE, col)

        def result(col):
            return w.value(board, C.RESULT, col)
        deviation = result("Prognos helår") - result("Budget")
        previous = result("Föregående prognos") - result("Budget")
        values = {
            "Kommunbidrag": w.value(board, C.GRANT, "Prognos helår"),
            "Budget nettokostnad": net("Budget"),
            "Prognos nettokostnad": net("Prognos helår"),
            "Budgetavvikelse": deviation,
            "Föregående prognos avvikelse": previous,
            "Prognosförändring": deviation - previous,
            "Utfall period nettokostnad": net("Utfall period"),
            "Utfall period föregående år nettokostnad": net("Utfall period föregående år"),
        }
        return [values[c] for c in DRIFT_COLUMNS[1:]]

    rows = [(board, line(drift, board)) for board in drift.boards]
    rows += [(f"{b.board}{EXPLOITATION_SUFFIX}", line(expl, b.board))
             for b in comp.boards if b.figures.exploatering_used]
    total = column_sums([r for _, r in rows], len(DRIFT_COLUMNS) - 1)
    at = DRIFT_COLUMNS.index("Budgetavvikelse") - 1
    comp.figures["budget_deviation"] = {name: r[at] for name, r in rows}  # in the table's order
    plans = [P.RowPlan((name, *r)) for name, r in rows]
    plans.append(P.RowPlan((SUM_BOARDS, *total), bold=True))
    return sheet_plan(DRIFTREDOVISNING, DRIFT_COLUMNS, amount_styles(DRIFT_COLUMNS, comp.unit), plans)


def investments(comp: Compilation) -> CompiledSheet:
    """Investeringsredovisning: each board's Totala utgifter; Avvikelse = Budget − Prognos."""
    names = [b.board for b in comp.boards if b.figures.investments is not None]
    w = wide(comp.frame, C.INVESTERINGAR.name, names)
    rows = []
    for name in names:
        v = {c: w.value(name, C.TOTAL_EXPENDITURE, c) for c in COLUMNS5}
        v["Avvikelse prognos/budget"] = v["Budget"] - v["Prognos helår"]
        rows.append([v[c] for c in INVESTMENT_COLUMNS[1:]])
    total = column_sums(rows, len(INVESTMENT_COLUMNS) - 1)
    plans = [P.RowPlan((name, *r)) for name, r in zip(names, rows)]
    plans.append(P.RowPlan((SUM, *total), bold=True))
    return sheet_plan(INVESTERINGSREDOVISNING, INVESTMENT_COLUMNS, amount_styles(INVESTMENT_COLUMNS, comp.unit), plans)


# --- the cross-workbook checks on figures ---------------------------------------------------


def grant_checks(comp: Compilation, drift, expl, fin, left_out: list[str]) -> list[Finding]:
    """The boards' Kommunbidrag against minus Kommunbidrag till nämnderna (Budget; Prognos helår);
    a board ``left_out`` of the compilation is named as the likely cause."""
    if fin is None or not comp.boards:
        return []
    why = (f" {', '.join(left_out)} ingår inte i sammanställningen (se ovan), så {'dess' if len(left_out) == 1 else 'deras'} "
           "kommunbidrag saknas i nämndernas summa." if left_out else "")
    out = []
    for col in ("Budget", "Prognos helår"):
        boards = sum(drift[(C.GRANT, col)], ZERO) + sum(expl[(C.GRANT, col)], ZERO)
        central = fin.value(fin.boards[0], C.GRANTS_TO_BOARDS, col)
        if abs(boards + central) > TOLERANCE:
            out.append(Finding(
                VARNING, Code.KOMMUNBIDRAG_SUMMA, f"{comp.central.name}: {C.FINANSIERING.name}", "",
                f"Kommunbidrag, {col}: nämndernas kommunbidrag är tillsammans {plain(boards)} "
                f"{comp.unit}, men {C.GRANTS_TO_BOARDS} i finansförvaltningens arbetsbok är "
                f"{plain(central)} {comp.unit} (ska vara {plain(-boards)}). Differens "
                f"{plain(boards + central)} {comp.unit}." + why))
    return out


def budget_checks(boards: list[Submission]) -> list[Finding]:
    """A board whose budgeted Årets resultat is not 0 (Drift, Exploatering)."""
    out = []
    for b in boards:
        for sheet, rows in ((C.DRIFT.name, b.figures.drift), (C.EXPLOATERING.name, b.figures.exploatering)):
            budget = rows.get(C.RESULT, {}).get("Budget", ZERO)
            if budget != 0:
                out.append(Finding(VARNING, Code.BUDGET_RESULTAT, f"{b.name}: {sheet}", "",
                                   f"{b.board}: {C.RESULT}, Budget är {plain(budget)} {b.info.enhet}; "
                                   "en nämnds budgeterade resultat är normalt 0 (kommunbidraget "
                                   "täcker nettokostnaden)."))
    return out
