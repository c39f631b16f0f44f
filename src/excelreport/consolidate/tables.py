"""The compilation's sheets: the boards' figures as one tidy pandas frame (Decimal values
in an object column, never floats), pivoted per sheet into per-board sums (``Wide``), and
every cross-board table built from them, exactly.

Each sheet is a ``write.plan.SheetPlan`` (values, formats, bold sums), so the workbook
writer and the report draw the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pandas as pd

from .. import contract as C
from ..findings import FEL, VARNING, Finding, sort_findings
from ..folder import shown as as_text
from ..model import Info
from ..numbers import plain, round_half_away
from ..write import plan as P
from .collect import Submission

ZERO = Decimal(0)
TOLERANCE = Decimal("0.5")
COLUMNS5 = ("Budget", "Föregående prognos", "Prognos helår", "Utfall period", "Utfall period föregående år")
FRAME_COLUMNS = ("board", "sheet", "row", "column", "value")

# Sheet names and columns, exactly as consolidation.md names them.
KOMMUNENS_RESULTAT = "Kommunens resultat"
BALANSKRAVSUTREDNING = "Balanskravsutredning"
DRIFTREDOVISNING = "Driftredovisning"
INVESTERINGSREDOVISNING = "Investeringsredovisning"
MALUPPFYLLELSE = "Måluppfyllelse"
UPPDRAG = "Uppdrag"
SJUKFRANVARO = "Sjukfrånvaro"
INTERNKONTROLL = "Internkontroll"
INLAMNING = "Inlämning"
KONTROLL = "Kontroll"
SHEET_ORDER = (KOMMUNENS_RESULTAT, BALANSKRAVSUTREDNING, DRIFTREDOVISNING, INVESTERINGSREDOVISNING,
               MALUPPFYLLELSE, UPPDRAG, SJUKFRANVARO, INTERNKONTROLL, INLAMNING, KONTROLL)

RESULT_COLUMNS = ("Rad", "Budget", "Föregående prognos", "Prognos helår", "Avvikelse prognos/budget",
                  "Prognosförändring", "Utfall period", "Utfall period föregående år")
BOARDS_RESULT = "Nämndernas resultat"
MUNICIPAL_RESULT = "Kommunens resultat"
BALANCE_SIGNS = (("Samtliga realisationsvinster", -1),
                 ("Realisationsvinster enligt undantagsmöjlighet", 1),
                 ("Realisationsförluster enligt undantagsmöjlighet", 1),
                 ("Orealiserade vinster i värdepapper", -1),
                 ("Orealiserade förluster i värdepapper", 1))
RESERVE_SIGNS = (("Medel till resultatutjämningsreserv", -1), ("Medel från resultatutjämningsreserv", 1))
YEAR_RESULT = "Årets resultat"
AFTER_ADJUSTMENTS = "Årets resultat efter balanskravsjusteringar"
BALANCE_RESULT = "Balanskravsresultat"
GOAL_TITLE = "Resultat i % av skatteintäkter och generella statsbidrag"  # the year's, Prognos helår
GOAL_TARGET = "Resultatmål"  # the finansförvaltning's Info!Resultatmål (%)
GOAL_VERDICT = "Bedömning"
MET, NOT_MET = "Uppfyllt", "Ej uppfyllt"
DRIFT_COLUMNS = ("Nämnd", "Kommunbidrag", "Budget nettokostnad", "Prognos nettokostnad", "Budgetavvikelse",
                 "Föregående prognos avvikelse", "Prognosförändring", "Utfall period nettokostnad",
                 "Utfall period föregående år nettokostnad")
SUM_BOARDS = "Summa nämnder"
EXPLOITATION_SUFFIX = " – exploatering"
INVESTMENT_COLUMNS = ("Nämnd", "Budget", "Föregående prognos", "Prognos helår", "Avvikelse prognos/budget",
                      "Utfall period", "Utfall period föregående år")
SUM = "Summa"
ALL_GOALS = "Samtliga"
GOAL_COLUMNS = ("KF-mål nr", "KF-mål", *C.ASSESSMENTS, "Antal mål")
ASSIGNMENT_COLUMNS = ("Nämnd", *C.ASSIGNMENT_STATUSES, "Antal")
SICK_COLUMNS = ("Nämnd", "Föregående år", "Innevarande år", "Differens")
CONTROL_COLUMNS = ("Nämnd", *C.CONTROL_ASSESSMENTS, "Antal")
SAVED = "Senast sparad enligt arbetsboken"  # docProps/core.xml, not the file's time (a copy's)
SUBMISSION_COLUMNS = ("Arbetsbok", "Nämnd", "Enhet", "Status", "Fel", "Varningar", SAVED, "Profil")  # its profile, version
DEVIATION_COLUMNS = ("Avvikelse prognos/budget", "Prognosförändring", "Budgetavvikelse",
                     "Föregående prognos avvikelse")
STATUS_FILLS = {"Klar": C.SIGNAL_COLOURS["Helt uppfyllt"], "Fel": C.SIGNAL_COLOURS["Ej uppfyllt"],
                "Ej läsbar": C.SIGNAL_COLOURS["Ej uppfyllt"]}
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SHARE_FORMAT = P.SHARE_FORMAT  # percent as the board report prints it: 2,4%


@dataclass
class CompiledSheet(P.SheetPlan):
    """A SheetPlan whose single cells may have their own number format (Resultatmål)."""

    cell_formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, col)


@dataclass
class Compilation:
    """The whole compilation: its unit, the boards used, every sheet, every finding."""

    info: Info | None  # the reference Info (the finansförvaltning's when there is one)
    unit: str
    central: Submission | None
    boards: list[Submission]
    submissions: list[Submission]
    frame: pd.DataFrame
    sheets: list[CompiledSheet] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # key figures for the report's sentences
    cross: list[Finding] = field(default_factory=list)  # the compilation's own findings

    @property
    def has_errors(self) -> bool:
        return any(f.severity == FEL for f in self.findings)

    def sheet(self, name: str) -> CompiledSheet:
        return next(s for s in self.sheets if s.name == name)


# --- units and the tidy frame --------------------------------------------------------------


def converter(source: str, target: str):
    """Exact conversion between ``tkr`` and ``mnkr`` (1 mnkr = 1 000 tkr)."""
    shift = {("tkr", "mnkr"): -3, ("mnkr", "tkr"): 3}.get((source, target), 0)
    return (lambda v: v.scaleb(shift)) if shift else (lambda v: v)


def tidy_frame(boards: list[Submission], central: Submission | None, unit: str) -> pd.DataFrame:
    """One row per (board, sheet, row, column, value); values Decimal in the compilation's unit."""
    records = []
    for s in boards:
        conv, f = converter(s.info.enhet, unit), s.figures
        for sheet, rows in ((C.DRIFT.name, f.drift), (C.EXPLOATERING.name, f.exploatering)):
            for label, values in rows.items():
                records += [(s.board, sheet, label, col, conv(values[col])) for col in COLUMNS5]
        if f.investments is not None:
            records += [(s.board, C.INVESTERINGAR.name, C.TOTAL_EXPENDITURE, col, conv(v))
                        for col, v in f.investments.items()]
    if central is not None:
        conv, f = converter(central.info.enhet, unit), central.figures
        for label, values in f.financing.items():
            records += [(central.board, C.FINANSIERING.name, label, col, conv(values[col])) for col in COLUMNS5]
        records += [(central.board, C.BALANSKRAV.name, label, "Prognos helår", conv(v))
                    for label, v in f.balance.items()]
    frame = pd.DataFrame.from_records(records, columns=list(FRAME_COLUMNS))
    frame["value"] = frame["value"].astype(object)
    return frame


@dataclass
class Wide:
    """One sheet of the frame pivoted: per board (in order) its (row, column) amounts,
    repeated cells summed, a missing one 0. Plain Python: pandas operations on frames this
    small cost more than the sums (the compilation's tables are a few dozen Decimals)."""

    boards: list[str]
    sums: dict[tuple[str, str], dict[str, Decimal]]

    def __len__(self) -> int:
        return len(self.boards)

    def __getitem__(self, key: tuple[str, str]) -> list[Decimal]:
        """The (row, column) amount of every board, in order."""
        cell = self.sums.get(key, {})
        return [cell.get(b, ZERO) for b in self.boards]

    def value(self, board: str, row: str, column: str) -> Decimal:
        return self.sums.get((row, column), {}).get(board, ZERO)


def wide(frame: pd.DataFrame, sheet: str, boards: list[str]) -> Wide:
    """The boards' amounts of one sheet of the tidy frame (``Wide``)."""
    part = frame[frame["sheet"] == sheet]
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    for board, row, col, value in zip(*(part[c].tolist() for c in ("board", "row", "column", "value"))):
        cell = sums.setdefault((row, col), {})
        cell[board] = cell[board] + value if board in cell else value
    return Wide(list(boards), sums)


def _column_sums(rows: list[list[Decimal]], width: int) -> list[Decimal]:
    """The column sums of rows of Decimals (0 for no rows)."""
    return [sum((r[k] for r in rows), ZERO) for k in range(width)]


# --- building ------------------------------------------------------------------------------


def compile_tables(subs: list[Submission], central: Submission | None, boards: list[Submission],
                   general: list[Finding]) -> Compilation:
    """Every sheet of the compilation workbook and every finding, from the assessed files."""
    info = central.info if central else (boards[0].info if boards else
                                         next((s.info for s in subs if s.info), None))
    unit = central.info.enhet if central else _most_common_unit(boards)
    comp = Compilation(info, unit, central, boards, subs, tidy_frame(boards, central, unit))
    extra: list[Finding] = list(general)
    names = [b.board for b in boards]
    drift = wide(comp.frame, C.DRIFT.name, names)
    expl = wide(comp.frame, C.EXPLOATERING.name, names)
    fin = wide(comp.frame, C.FINANSIERING.name, [central.board]) if central else None
    comp.sheets = [
        _municipal_result(comp, drift, expl, fin, extra),
        _balance(comp, extra),
        _operating(comp, drift, expl),
        _investments(comp),
        _goals(comp, extra),
        _counted(UPPDRAG, ASSIGNMENT_COLUMNS, C.ASSIGNMENT_STATUSES, boards, lambda f: f.assignments),
        _sick_leave(boards),
        _counted(INTERNKONTROLL, CONTROL_COLUMNS, C.CONTROL_ASSESSMENTS, boards, lambda f: f.controls),
    ]
    left_out = [s.board for s in subs if s.excluded and s.info is not None and not s.is_finance]
    extra += _grant_checks(comp, drift, expl, fin, left_out) + _budget_checks(boards)
    comp.cross = sort_findings([f for s in subs for f in s.problems] + extra)
    comp.findings = sort_findings(_all_findings(subs, extra))
    comp.sheets += [_submissions(subs), _control(comp.findings)]
    for plan in comp.sheets:  # a file name that is not UTF-8 (Latin-1) is written as \xe4
        plan.rows = [replace(r, values=tuple(as_text(v) if isinstance(v, str) else v for v in r.values))
                     for r in plan.rows]
    return comp


def _most_common_unit(boards: list[Submission]) -> str:
    units = Counter(b.info.enhet for b in boards)
    return units.most_common(1)[0][0] if units else "tkr"


def _styles(labels, unit: str, text=("Rad", "Nämnd")) -> dict[str, P.CellStyle]:
    fmt = P.AMOUNT_FORMATS.get(unit, P.AMOUNT_FORMATS["tkr"])
    return {label: P.CellStyle() if label in text else P.CellStyle(fmt, red_negative=label in DEVIATION_COLUMNS)
            for label in labels}


def _plan(name: str, labels, styles, rows: list[P.RowPlan], **kw) -> CompiledSheet:
    base = P._sheet(name, tuple(labels), styles, rows, caps={"Meddelande": 100, "Rad": 70})
    return CompiledSheet(base.name, base.columns, base.rows, **kw)


def _municipal_result(comp: Compilation, drift, expl, fin, extra: list[Finding]) -> CompiledSheet:
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
    return _plan(KOMMUNENS_RESULTAT, columns, _styles(columns, comp.unit), plans)


# --- the kommun's forecast per earlier follow-up (the workbooks' Prognoshistorik) ----------

HISTORY_AT = RESULT_COLUMNS.index("Prognos helår")  # the follow-ups go just before Prognos helår


def _followup_name(name: str) -> str:
    return " ".join(name.split())


def history_columns(comp: Compilation, extra: list[Finding]) -> tuple[list[str], dict[str, list]]:
    """The earlier follow-ups over all used workbooks' histories (one per name, and month
    when a name has several), ordered by month (unknown month first, then first seen), and
    per row of Kommunens resultat the kommun's forecast of each, in the compilation's unit.
    A workbook without a follow-up, or without a row the sum needs (or with it empty), leaves
    the rows it feeds empty there (a Varning names it): a sum without one board would look
    complete."""
    subs = [*comp.boards, *([comp.central] if comp.central else [])]
    known: dict[str, set[int]] = {}
    for s in subs:
        for h in s.figures.history:
            if h.month is not None:
                known.setdefault(_followup_name(h.followup).casefold(), set()).add(h.month)

    def key(h) -> tuple[str, int | None]:
        name = _followup_name(h.followup).casefold()
        months = known.get(name, set())
        return name, (next(iter(months)) if h.month is None and len(months) == 1 else h.month)

    shown: dict[tuple[str, int | None], str] = {}
    tables: list[dict] = []  # per workbook: follow-up → (Blad, Rad) → forecast
    for s in subs:
        conv, table = converter(s.info.enhet, comp.unit), {}
        for h in s.figures.history:
            shown.setdefault(key(h), _followup_name(h.followup))
            table.setdefault(key(h), {})[(h.sheet, h.label)] = None if h.forecast is None else conv(h.forecast)
        tables.append(table)
    order = sorted(shown, key=lambda k: k[1] or 0)
    names = Counter(name for name, _ in order)
    labels = [shown[k] if names[k[0]] == 1 else f"{shown[k]} (månad {k[1] or '-'})" for k in order]
    labels = [f"{t} (uppföljning)" if t in RESULT_COLUMNS else t for t in labels]  # never a fixed column's name
    boards, central = tables[:len(comp.boards)], (tables[-1] if comp.central else None)
    out: dict[str, list] = {label: [] for label in (BOARDS_RESULT, *C.FINANCING_ROWS, MUNICIPAL_RESULT)}
    for k, text in zip(order, labels):
        total, missing, gaps = _boards_history(comp.boards, boards, k)
        out[BOARDS_RESULT].append(total)
        financing = central.get(k) if central is not None else {}
        if financing is None:
            missing.append(comp.central.board)
        lacking = []
        for label in C.FINANCING_ROWS:
            value = None if financing is None else financing.get((C.FINANSIERING.name, label))
            if value is None and financing:  # the follow-up without this row: no 0
                lacking.append(f"{C.FINANSIERING.name}/{label}")
            elif value is None and financing == {}:
                value = ZERO  # no finansförvaltning (a Fel of its own)
            out[label].append(value)
            total = None if total is None or value is None else total + value
        if lacking:
            gaps.append(f"{comp.central.name} ({', '.join(lacking)})")
        out[MUNICIPAL_RESULT].append(total)
        if missing:
            extra.append(Finding(
                VARNING, "prognoshistorik-saknas", KOMMUNENS_RESULTAT, "",
                f"Uppföljningen {text} saknas i Prognoshistorik för {', '.join(missing)}; kolumnen "
                f"{text} lämnas tom för de rader den påverkar och för {MUNICIPAL_RESULT}."))
        if gaps:
            extra.append(Finding(
                VARNING, "prognoshistorik-rad-saknas", KOMMUNENS_RESULTAT, "",
                f"Uppföljningen {text} i Prognoshistorik saknar rader eller har dem tomma: "
                f"{'; '.join(gaps)}. En rad som saknas eller är tom räknas inte som 0: kolumnen "
                f"{text} lämnas tom för de rader den påverkar och för {MUNICIPAL_RESULT}."))
    return labels, out


def _boards_history(boards: list[Submission], tables: list[dict], k) -> tuple[Decimal | None, list, list]:
    """The boards' Årets resultat (Drift + Exploatering) of follow-up ``k``, or None when a
    board lacks the follow-up (``missing``) or a row of it, or has it empty (``gaps``).
    A board without any Exploatering row there typed nothing on Exploatering then (``next``
    writes no rows for such a sheet): 0."""
    total: Decimal | None = ZERO
    missing, gaps = [], []
    for board, table in zip(boards, tables):
        if k not in table:
            missing.append(board.board)
            total = None
            continue
        rows = table[k]
        lacking = [f"{sheet}/{C.RESULT}" for sheet in (C.DRIFT.name, C.EXPLOATERING.name)
                   if rows.get((sheet, C.RESULT)) is None
                   and (sheet == C.DRIFT.name or any(s == sheet for s, _ in rows))]
        if lacking:
            gaps.append(f"{board.name} ({', '.join(lacking)})")
            total = None
        elif total is not None:
            total += sum((rows.get((sheet, C.RESULT), ZERO) for sheet in (C.DRIFT.name, C.EXPLOATERING.name)),
                         ZERO)
    return total, missing, gaps


def _balance(comp: Compilation, extra: list[Finding]) -> CompiledSheet:
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
        extra.append(Finding(VARNING, "balanskrav-negativt", BALANSKRAVSUTREDNING, f"B{len(rows) + 1}",
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
        extra.append(Finding(VARNING, "resultatmal", BALANSKRAVSUTREDNING, "",
                             "Resultatmålet kan inte räknas: Skatteintäkter och Generella statsbidrag "
                             "och utjämning (Prognos helår) är tillsammans 0."))
    elif target is None and comp.central:
        extra.append(Finding(VARNING, "resultatmal", BALANSKRAVSUTREDNING, "",
                             "Info!Resultatmål (%) saknas i finansförvaltningens arbetsbok; "
                             "resultatmålet bedöms inte."))
    comp.figures.update(balance=balance, after=after, share=share, target=target, verdict=verdict)
    first = len(plans) + 1
    plans += [P.RowPlan((None, None)), P.RowPlan((GOAL_TITLE, share), bold=True),
              P.RowPlan((GOAL_TARGET, target)), P.RowPlan((GOAL_VERDICT, verdict))]
    formats = {(first, 1): SHARE_FORMAT, (first + 1, 1): SHARE_FORMAT, (first + 2, 1): P.TEXT_FORMAT}
    return _plan(BALANSKRAVSUTREDNING, ("Rad", "Prognos helår"), _styles(("Rad", "Prognos helår"), comp.unit),
                 plans, cell_formats=formats)


def _operating(comp: Compilation, drift, expl) -> CompiledSheet:
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
    total = _column_sums([r for _, r in rows], len(DRIFT_COLUMNS) - 1)
    at = DRIFT_COLUMNS.index("Budgetavvikelse") - 1
    comp.figures["budget_deviation"] = {name: r[at] for name, r in rows}  # in the table's order
    plans = [P.RowPlan((name, *r)) for name, r in rows]
    plans.append(P.RowPlan((SUM_BOARDS, *total), bold=True))
    return _plan(DRIFTREDOVISNING, DRIFT_COLUMNS, _styles(DRIFT_COLUMNS, comp.unit), plans)


def _investments(comp: Compilation) -> CompiledSheet:
    """Investeringsredovisning: each board's Totala utgifter; Avvikelse = Budget − Prognos."""
    names = [b.board for b in comp.boards if b.figures.investments is not None]
    w = wide(comp.frame, C.INVESTERINGAR.name, names)
    rows = []
    for name in names:
        v = {c: w.value(name, C.TOTAL_EXPENDITURE, c) for c in COLUMNS5}
        v["Avvikelse prognos/budget"] = v["Budget"] - v["Prognos helår"]
        rows.append([v[c] for c in INVESTMENT_COLUMNS[1:]])
    total = _column_sums(rows, len(INVESTMENT_COLUMNS) - 1)
    plans = [P.RowPlan((name, *r)) for name, r in zip(names, rows)]
    plans.append(P.RowPlan((SUM, *total), bold=True))
    return _plan(INVESTERINGSREDOVISNING, INVESTMENT_COLUMNS, _styles(INVESTMENT_COLUMNS, comp.unit), plans)


def _count_style(labels, text) -> dict[str, P.CellStyle]:
    return {label: P.CellStyle(wrap=label != "Nämnd") if label in text else P.CellStyle(P.INTEGER_FORMAT)
            for label in labels}


def _goals(comp: Compilation, extra: list[Finding]) -> CompiledSheet:
    """Måluppfyllelse: the boards' goals counted by Bedömning per KF-mål nr."""
    board_order = [b.board for b in comp.boards]
    by_nr: dict = {}
    for b in comp.boards:
        for nr, text, assessment in b.figures.goals:
            by_nr.setdefault(nr, []).append((b.board, " ".join(text.split()), assessment))
    plans, chart = [], []
    totals = [0] * len(C.ASSESSMENTS)
    for nr in sorted(nr for nr, mine in by_nr.items() if nr is not None and any(a is not None for *_, a in mine)):
        mine = by_nr[nr]
        texts = Counter(t for _, t, _ in mine)
        shown = texts.most_common(1)[0][0]  # the most common; of equals, the first seen
        if len(texts) > 1:
            by_text = {t: sorted({board for board, x, _ in mine if x == t}, key=board_order.index) for t in texts}
            extra.append(Finding(VARNING, "kf-mal-text", MALUPPFYLLELSE, "",
                                 f"KF-mål nr {nr} har olika text i nämnderna: "
                                 + "; ".join(f"'{t}' ({', '.join(bs)})" for t, bs in by_text.items())
                                 + f". Sammanställningen visar '{shown}'."))
        n = [sum(1 for *_, x in mine if x == a) for a in C.ASSESSMENTS]
        totals = [t + k for t, k in zip(totals, n)]
        chart.append((int(nr), shown, n))
        plans.append(P.RowPlan((Decimal(int(nr)), shown, *map(Decimal, n), Decimal(sum(n)))))
    plans.append(P.RowPlan((ALL_GOALS, None, *map(Decimal, totals), Decimal(sum(totals))), bold=True))
    comp.figures["goals"] = chart
    return _plan(MALUPPFYLLELSE, GOAL_COLUMNS, _count_style(GOAL_COLUMNS, ("KF-mål",)), plans)


def _counted(name: str, labels, kinds, boards: list[Submission], pick) -> CompiledSheet:
    """A row per board counting its items by kind (Uppdrag, Internkontroll), then Summa."""
    counts = []
    for b in boards:
        n = Counter(pick(b.figures))
        counts.append([n[k] for k in kinds] + [sum(n[k] for k in kinds)])
    plans = [P.RowPlan((b.board, *map(Decimal, r))) for b, r in zip(boards, counts)]
    total = [sum(r[k] for r in counts) for k in range(len(kinds) + 1)]
    plans.append(P.RowPlan((SUM, *map(Decimal, total)), bold=True))
    return _plan(name, labels, _count_style(labels, ("Nämnd",)), plans)


def _sick_leave(boards: list[Submission]) -> CompiledSheet:
    """Each board's Total sjukfrånvaro; no kommun total (it needs the scheduled hours)."""
    plans = []
    for b in boards:
        prev, cur = b.figures.sick_leave
        diff = cur - prev if cur is not None and prev is not None else None
        plans.append(P.RowPlan((b.board, prev, cur, diff)))
    # the board report's decimals: one for the percent, two for the difference in points
    styles = {"Nämnd": P.CellStyle(), "Föregående år": P.CellStyle(P.PERCENT_FORMAT),
              "Innevarande år": P.CellStyle(P.PERCENT_FORMAT), "Differens": P.CellStyle(P.POINTS_FORMAT)}
    return _plan(SJUKFRANVARO, SICK_COLUMNS, styles, plans)


def _submissions(subs: list[Submission]) -> CompiledSheet:
    """Inlämning: every file of the folder, its status and counts."""
    plans = []
    for s in subs:
        values = (s.name, s.board or None, s.info.enhet if s.info else None, s.status,
                  Decimal(s.count(FEL)), Decimal(s.count(VARNING)), s.modified, s.profile_label or None)
        plans.append(P.RowPlan(values, fills={3: STATUS_FILLS[s.status]}))
    styles = {"Fel": P.CellStyle(P.INTEGER_FORMAT), "Varningar": P.CellStyle(P.INTEGER_FORMAT),
              SAVED: P.CellStyle(DATETIME_FORMAT)}
    plan = _plan(INLAMNING, SUBMISSION_COLUMNS, styles, plans)
    cols = list(plan.columns)
    cols[-2] = P.ColumnPlan(cols[-2].label, 18.0, cols[-2].style)  # SAVED
    plan.columns = tuple(cols)
    return plan


def _all_findings(subs: list[Submission], extra: list[Finding]) -> list[Finding]:
    """Every workbook's own findings (Blad prefixed by the file), the compilation's, the folder's."""
    out = []
    for s in subs:
        out += s.own_findings() + s.problems
    return out + extra


def _control(findings: list[Finding]) -> CompiledSheet:
    """Kontroll as a board's, without links (the cells named are in other files)."""
    base = P.control_sheet(findings)
    plan = CompiledSheet(KONTROLL, base.columns, base.rows)
    return plan


# --- the cross-workbook checks on figures ---------------------------------------------------


def _grant_checks(comp: Compilation, drift, expl, fin, left_out: list[str]) -> list[Finding]:
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
                VARNING, "kommunbidrag-summa", f"{comp.central.name}: {C.FINANSIERING.name}", "",
                f"Kommunbidrag, {col}: nämndernas kommunbidrag är tillsammans {plain(boards)} "
                f"{comp.unit}, men {C.GRANTS_TO_BOARDS} i finansförvaltningens arbetsbok är "
                f"{plain(central)} {comp.unit} (ska vara {plain(-boards)}). Differens "
                f"{plain(boards + central)} {comp.unit}." + why))
    return out


def _budget_checks(boards: list[Submission]) -> list[Finding]:
    """A board whose budgeted Årets resultat is not 0 (Drift, Exploatering)."""
    out = []
    for b in boards:
        for sheet, rows in ((C.DRIFT.name, b.figures.drift), (C.EXPLOATERING.name, b.figures.exploatering)):
            budget = rows.get(C.RESULT, {}).get("Budget", ZERO)
            if budget != 0:
                out.append(Finding(VARNING, "budget-resultat", f"{b.name}: {sheet}", "",
                                   f"{b.board}: {C.RESULT}, Budget är {plain(budget)} {b.info.enhet}; "
                                   "en nämnds budgeterade resultat är normalt 0 (kommunbidraget "
                                   "täcker nettokostnaden)."))
    return out
