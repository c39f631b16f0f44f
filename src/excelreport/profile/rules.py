"""The profile's rules beyond each key's type: names that must be unique or declared,
sums over declared rows without cycles, one drift statement, a scale that always suggests.

Each check reads the parsed TOML defensively (a value of the wrong type is already a fault
of ``check`` and is skipped here), so every fault of a file is found in one pass.
"""

from __future__ import annotations

import difflib

from ..core.errors import MapError
from .accounts import load_account_map, parse_codes
from .check import Faults, join
from .keys import (KIND_FINANCE, KIND_GRANT, KIND_NET, KIND_RESULT, ROLE_ACTIVITY, ROLE_DRIFT,
                   SUM_KINDS)

# Sheets the toolkit names itself: a statement may not take their names.
FIXED_SHEETS = ("Info", "Texter", "Mål", "Indikatorer", "Uppdrag", "Investeringar", "Verksamhetsmått",
                "Personal", "Sjukfrånvaro", "Internkontroll", "Prognoshistorik", "Finansiering",
                "Balanskrav", "Kontroll", "Profil")
SHEET_FORBIDDEN = set("[]:*?/\\")
FLAG_SHEETS = {"uppdrag": "Uppdrag", "investeringar": "Investeringar", "verksamhetsmatt": "Verksamhetsmått",
               "personal": "Personal", "sjukfranvaro": "Sjukfrånvaro", "internkontroll": "Internkontroll"}


def tables(data: object, path: str, base: str = "") -> list[tuple[str, dict]]:
    """The well-formed tables of the list at ``path`` (dotted, from ``data``), with their key
    paths (``data`` itself at ``base``)."""
    value = data
    for name in path.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    if not isinstance(value, list):
        return []
    return [(f"{join(base, path)}[{n}]", item) for n, item in enumerate(value, 1) if isinstance(item, dict)]


def text(table: object, name: str) -> str | None:
    value = table.get(name) if isinstance(table, dict) else None
    return value if isinstance(value, str) else None


def texts(table: object, name: str) -> list[str]:
    value = table.get(name) if isinstance(table, dict) else None
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _hint(name: str, known) -> str:
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (menade du '{near[0]}'?)" if near else ""


def unique(items: list[tuple[str, str | None]], what: str, faults: Faults) -> None:
    seen: dict[str, str] = {}
    for path, name in items:
        if name is None:
            continue
        if name in seen:
            faults.append((path, f"{what} '{name}' finns redan ({seen[name]})"))
        else:
            seen[name] = path


def check_rules(data: dict) -> Faults:
    faults: Faults = []
    _periods(data, faults)
    _goal_scale(data, faults)
    _scale(data, "internkontroll", faults)
    _flags(data, faults)
    unique([(f"texter.nycklar[{n}]", k) for n, k in enumerate(texts(data.get("texter"), "nycklar"), 1)],
           "Texten", faults)
    _statements(data, faults)
    _comment(data, faults)
    _outline(data, faults)
    _ledger(data, faults)
    return faults


def _ledger(data: dict, faults: Faults) -> None:
    """[kontoplan]: ranges that read and do not overlap, codes that read, an activity
    dimension for activity rows."""
    t = data.get("kontoplan")
    if not isinstance(t, dict) or not isinstance(t.get("rader"), list):
        return
    rows = {r.get("namn"): r.get("konton", []) for r in t["rader"] if isinstance(r, dict)}
    try:
        load_account_map({"rows": rows, "investments": {"accounts": t.get("investeringar", [])},
                          "ignored": {"accounts": t.get("ignoreras", [])}})
    except MapError as exc:
        faults.append(("kontoplan.rader", str(exc)))
    for n, r in enumerate(t.get("verksamheter", []), 1):
        try:
            parse_codes(", ".join(str(c) for c in r.get("koder", [])))
        except MapError as exc:
            faults.append((f"kontoplan.verksamheter[{n}].koder", str(exc)))
    if t.get("verksamheter") and t.get("verksamhet") is None:
        faults.append(("kontoplan.verksamhet", "verksamheter kräver verksamhet (SIE-dimensionens nummer)"))


def _periods(data: dict, faults: Faults) -> None:
    periods = tables(data, "perioder")
    unique([(p, text(t, "namn")) for p, t in periods], "Perioden", faults)
    ends = [(p, t) for p, t in periods if t.get("bokslut") is True]
    for p, t in ends[1:]:
        faults.append((join(p, "bokslut"), f"flera perioder är årets slut (även {ends[0][0]}); högst en"))
    for p, t in ends:
        if isinstance(t.get("slutmanad"), int) and t["slutmanad"] != 12:
            faults.append((join(p, "slutmanad"), f"årets slut har slutmånad 12, inte {t['slutmanad']}"))


def _scale(data: dict, name: str, faults: Faults) -> list[tuple[str, dict]]:
    levels = tables(data, f"{name}.nivaer")
    unique([(p, text(t, "namn")) for p, t in levels], "Nivån", faults)
    not_evaluated = text(data.get(name), "ej_bedomd")
    names = [text(t, "namn") for _, t in levels]
    if not_evaluated is not None and levels and not_evaluated not in names:
        faults.append((f"{name}.ej_bedomd", f"'{not_evaluated}' är ingen av nivåerna"
                                            f"{_hint(not_evaluated, filter(None, names))}"))
    return [(p, t) for p, t in levels if text(t, "namn") != not_evaluated]


def _goal_scale(data: dict, faults: Faults) -> None:
    rated = _scale(data, "bedomning", faults)
    not_evaluated = text(data.get("bedomning"), "ej_bedomd")
    for p, t in tables(data, "bedomning.nivaer"):
        if text(t, "namn") == not_evaluated and ("andel" in t or "minst_uppfyllda" in t):
            faults.append((p, f"nivån '{not_evaluated}' föreslås när inget är mätt; den har ingen andel"))
    previous = None
    for p, t in rated:
        share = t.get("andel")
        if not isinstance(share, (int, float)) or isinstance(share, bool):
            if "andel" not in t:
                faults.append((p, f"nivån '{text(t, 'namn')}' saknar andel (procent uppfyllda indikatorer)"))
            previous = None
            continue
        if previous is not None and share > previous:
            faults.append((join(p, "andel"), "andelarna ska minska nivå för nivå (bästa nivån först)"))
        previous = share
    if rated:
        p, last = rated[-1]
        if last.get("andel") not in (0, 0.0, None) or last.get("minst_uppfyllda", 0) not in (0, None):
            faults.append((p, "den sista bedömda nivån ska ha andel 0 och minst_uppfyllda 0, så att "
                              "varje mål med mätta indikatorer får ett förslag"))


def _flags(data: dict, faults: Faults) -> None:
    flags = data.get("blad") if isinstance(data.get("blad"), dict) else {}
    for name in ("internkontroll", "sjukfranvaro"):
        if flags.get(name) is True and name not in data:
            faults.append(("blad." + name, f"bladet finns men tabellen [{name}] saknas"))
        if flags.get(name) is not True and name in data:
            faults.append((name, f"[{name}] används bara när blad.{name} = true"))
    if flags.get("indikatorer") is True and flags.get("mal") is not True:
        faults.append(("blad.indikatorer", "indikatorer kräver bladet Mål (blad.mal = true)"))
    groups = data.get("sjukfranvaro", {}).get("grupper") if isinstance(data.get("sjukfranvaro"), dict) else None
    if isinstance(groups, list):
        cats = [(f"sjukfranvaro.grupper[{n}][{m}]", c) for n, g in enumerate(groups, 1)
                if isinstance(g, list) for m, c in enumerate(g, 1) if isinstance(c, str)]
        unique(cats, "Kategorin", faults)


def _sheet_name(path: str, name: str, faults: Faults) -> None:
    if name in FIXED_SHEETS or name.startswith("Resultat "):
        faults.append((path, f"'{name}' är ett blad som verktyget redan namnger; välj ett annat namn"))
    elif SHEET_FORBIDDEN & set(name) or name.startswith("'") or name.endswith("'"):
        faults.append((path, f"'{name}' kan inte vara ett bladnamn (tecknen [ ] : * ? / \\ och ' först "
                             "eller sist är inte tillåtna)"))
    elif len("Resultat " + name) > 31:
        faults.append((path, f"'{name}' är för långt: resultatbladet 'Resultat {name}' får högst 31 tecken"))


def _statements(data: dict, faults: Faults) -> None:
    statements = tables(data, "drift")
    unique([(join(p, "blad"), text(t, "blad")) for p, t in statements], "Bladet", faults)
    for p, t in statements:
        if text(t, "blad"):
            _sheet_name(join(p, "blad"), t["blad"], faults)
    roles = [(p, t.get("roll", ROLE_DRIFT)) for p, t in statements]
    if statements and sum(r == ROLE_DRIFT for _, r in roles) != 1:
        faults.append(("drift", f"exakt ett driftblad ska ha roll '{ROLE_DRIFT}', "
                                f"{sum(r == ROLE_DRIFT for _, r in roles)} har det"))
    for role in ("verksamhet", "exploatering"):
        for p, _ in [(p, r) for p, r in roles if r == role][1:]:
            faults.append((join(p, "roll"), f"högst ett driftblad kan ha roll '{role}'"))
    rows_of = {text(t, "blad"): [text(r, "namn") for _, r in tables(t, "rader")] for _, t in statements}
    for (p, t), (_, role) in zip(statements, roles):
        _rows(p, t, role, faults)
        _reconciliation(p, t, role, rows_of, faults)


def _rows(path: str, statement: dict, role: object, faults: Faults) -> None:
    rows = tables(statement, "rader", path)
    unique([(join(p, "namn"), text(r, "namn")) for p, r in rows], "Raden", faults)
    labels = {text(r, "namn") for _, r in rows} - {None}
    graph: dict[str, list[str]] = {}
    for p, r in rows:
        kind, members = r.get("typ"), r.get("summa_av")
        if kind in SUM_KINDS and not members:
            faults.append((p, f"raden '{text(r, 'namn')}' av typen {kind} behöver summa_av"))
        elif kind not in SUM_KINDS and "summa_av" in r and isinstance(kind, str):
            faults.append((join(p, "summa_av"), f"bara summa, nettokostnad och resultat summerar; "
                                                f"typen är {kind}"))
        names = texts(r, "summa_av")
        unique([(f"{p}.summa_av[{n}]", m) for n, m in enumerate(names, 1)], "Raden", faults)
        for n, member in enumerate(names, 1):
            if member not in labels:
                faults.append((f"{p}.summa_av[{n}]", f"'{member}' är ingen rad på bladet "
                                                     f"{text(statement, 'blad')}{_hint(member, labels)}"))
        if text(r, "namn") is not None:
            graph[r["namn"]] = [m for m in names if m in labels]
    _cycles(path, rows, graph, faults)
    for kind in (KIND_NET, KIND_GRANT, KIND_FINANCE, KIND_RESULT):
        of_kind = [p for p, r in rows if r.get("typ") == kind]
        for p in of_kind[1:]:
            faults.append((join(p, "typ"), f"högst en rad per blad kan ha typen {kind}"))
        if role == ROLE_DRIFT and kind in (KIND_NET, KIND_RESULT) and not of_kind and rows:
            faults.append((join(path, "rader"), f"driftbladet behöver en rad av typen {kind}"))


def _cycles(path: str, rows: list, graph: dict[str, list[str]], faults: Faults) -> None:
    """Each cycle of sums once, as ``A → B → A``, at the first row of it."""
    state: dict[str, int] = {}  # 1 visiting, 2 done
    where = {text(r, "namn"): p for p, r in rows}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = trail[trail.index(nxt):] + [nxt]
                faults.append((join(where[nxt], "summa_av"), "summorna bildar en cirkel: "
                               + " → ".join(cycle)))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


def _reconciliation(path: str, t: dict, role: object, rows_of: dict, faults: Faults) -> None:
    rec = t.get("avstamning")
    if role == ROLE_ACTIVITY and rec is None:
        faults.append((path, "ett blad med roll verksamhet behöver [drift.avstamning]"))
    if not isinstance(rec, dict):
        return
    p = join(path, "avstamning")
    if role != ROLE_ACTIVITY:
        faults.append((p, "avstämning hör bara till ett blad med roll verksamhet"))
    other, own = text(rec, "blad"), text(t, "blad")
    if other is not None and (other not in rows_of or other == own):
        faults.append((join(p, "blad"), f"'{other}' är inget annat driftblad{_hint(other, rows_of)}"))
    elif other is not None and text(rec, "rad") is not None and rec["rad"] not in rows_of[other]:
        faults.append((join(p, "rad"), f"'{rec['rad']}' är ingen rad på bladet {other}"
                                       f"{_hint(rec['rad'], filter(None, rows_of[other]))}"))
    if text(rec, "egen_rad") is not None and rec["egen_rad"] not in rows_of.get(own, []):
        faults.append((join(p, "egen_rad"), f"'{rec['egen_rad']}' är ingen rad på bladet {own}"))


def declared_sheets(data: dict) -> set[str]:
    """Every sheet the profile's workbook has that a table, chart or legend may show."""
    flags = data.get("blad") if isinstance(data.get("blad"), dict) else {}
    names = {text(t, "blad") for _, t in tables(data, "drift")} - {None}
    names |= {sheet for flag, sheet in FLAG_SHEETS.items() if flags.get(flag) is True}
    return names | ({"Mål"} if flags.get("mal") is True else set())


def _comment(data: dict, faults: Faults) -> None:
    comment = data.get("kommentar")
    allowed = {text(t, "blad") for _, t in tables(data, "drift")} - {None}
    allowed |= {"Investeringar"} & declared_sheets(data)
    for n, sheet in enumerate(texts(comment, "blad"), 1):
        if sheet not in allowed:
            faults.append((f"kommentar.blad[{n}]", f"'{sheet}' är inget driftblad eller Investeringar i "
                                                   f"profilen{_hint(sheet, allowed)}"))


# What each content kind may name: the sheets of the profile that it can show.
SHOWS = {
    "tabell": lambda sheets: sheets - {"Mål"},
    "diagram": lambda sheets: sheets - {"Uppdrag", "Verksamhetsmått", "Personal", "Sjukfrånvaro",
                                        "Internkontroll"},
    "teckenforklaring": lambda sheets: sheets & {"Mål", "Internkontroll"},
}


def _outline(data: dict, faults: Faults) -> None:
    keys = set(texts(data.get("texter"), "nycklar"))
    sheets = declared_sheets(data)
    _sections(tables(data, "rapport.avsnitt"), keys, sheets, faults)


def _sections(sections: list[tuple[str, dict]], keys: set, sheets: set, faults: Faults) -> None:
    unique([(join(p, "rubrik"), text(s, "rubrik")) for p, s in sections], "Rubriken", faults)
    for p, s in sections:
        contents = tables(s, "innehall", p)
        subsections = tables(s, "delavsnitt", p)
        if not contents and not subsections and "innehall" not in s and "delavsnitt" not in s:
            faults.append((p, f"avsnittet '{text(s, 'rubrik')}' har varken innehall eller delavsnitt"))
        for cp, c in contents:
            _content(cp, c, keys, sheets, faults)
        _sections(subsections, keys, sheets, faults)


def _content(path: str, c: dict, keys: set, sheets: set, faults: Faults) -> None:
    kind = text(c, "typ")
    key, sheet = text(c, "nyckel"), text(c, "blad")
    if kind == "text":
        if key is None:
            faults.append((path, "innehåll av typen text behöver nyckel"))
        elif key not in keys:
            faults.append((join(path, "nyckel"), f"'{key}' är ingen av texter.nycklar{_hint(key, keys)}"))
    elif "nyckel" in c and kind is not None:
        faults.append((join(path, "nyckel"), f"nyckel hör bara till typen text, inte {kind}"))
    if kind in SHOWS:
        allowed = SHOWS[kind](sheets)
        if sheet is None:
            faults.append((path, f"innehåll av typen {kind} behöver blad"))
        elif sheet not in allowed:
            faults.append((join(path, "blad"), f"'{sheet}' kan inte visas som {kind}; möjliga blad i "
                                               f"profilen: {', '.join(sorted(allowed)) or 'inga'}"))
    elif "blad" in c and kind is not None:
        faults.append((join(path, "blad"), f"blad hör bara till typerna tabell, diagram och "
                                           f"teckenforklaring, inte {kind}"))
    if kind == "mal" and "Mål" not in sheets:
        faults.append((join(path, "typ"), "målen visas bara när blad.mal = true"))
