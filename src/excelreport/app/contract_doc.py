"""The contract as Markdown, generated from ``contract/`` (``excelreport contract``) or
from a profile's workbook contract (``excelreport contract --profil P``)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import contract as C
from ..check.cells import HEADER_SEARCH_ROWS
from ..profile import STANDARD, Profile
from ..profile.workbook import contract_of

KIND_NAMES = {
    C.TEXT: "text",
    C.INT: "heltal",
    C.DATE: "datum",
    C.NUMBER: "tal",
    C.AMOUNT: "belopp (Info!Enhet)",
    C.PERCENT: "procent (52,6 eller 52,6 %-format)",
    C.CHOICE: "val ur listan",
}

RULES = (
    f"Rubrikraden är den första raden (bland de {HEADER_SEARCH_ROWS} första) som innehåller bladets "
    "obligatoriska rubriker; rubrik- och hjälprader ovanför är tillåtna.",
    "Kolumner hittas på rubriken, aldrig på sin plats; extra kolumner ignoreras.",
    "En tabell slutar vid första helt tomma rad.",
    "Tal lagrade som text i svensk form (`-3 851`, `1 234,5`, hårt mellanslag, minus U+2212) "
    "godtas med en notering (Info); annan text i en talkolumn är Fel.",
    "Procent skrivs som 52,6 eller som Excel-procent (0,526 med %-format); cellformatet avgör.",
    "En formel läses genom sitt sparade värde. Saknas det räknar verktyget själv ut enkla "
    "formler (+ - * /, celler på samma blad, SUMMA) med en notering; andra är Fel (öppna och "
    "spara filen i Excel eller LibreOffice).",
    "Dolda blad och rader läses; sammanfogade celler läses som sin övre vänstra cell.",
    "Allvarlighet: Fel stoppar rapporten; Varning och Info gör det inte.",
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|") if text else "–"


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values) if values else "–"


def _sheet(spec: C.Sheet) -> list[str]:
    out = [f"## `{spec.name}`", "", spec.help, "", "| Kolumn | Typ | Krav | Tillåtna värden |",
           "|---|---|---|---|"]
    for col in spec.columns:
        need = "obligatorisk" if col.required else "valfri"
        if spec.rows and col is spec.key:
            need = "radetikett, se nedan"
        if col.header_optional:
            need += ", rubriken får saknas"
        out.append(f"| `{col.label}` | {KIND_NAMES[col.kind]} | {need} | {_choices(col.choices)} |")
    if spec.rows:
        key = spec.key.label
        out += ["", f"Fasta rader (kolumn `{key}`"
                + (", var och en högst en gång; de får utelämnas" if spec.rows_optional else ", i denna ordning")
                + "):", "", "| Rad | Typ | Krav | Tillåtna värden |", "|---|---|---|---|"]
        for row in spec.rows:
            if row.derived:
                need = "beräknas (ifyllt värde jämförs)"
            else:
                need = "obligatorisk" if row.required else "valfri"
            allowed = _choices(row.choices)
            if row.minimum is not None:
                allowed = f"{row.minimum}–{row.maximum}" if row.maximum is not None else f"≥ {row.minimum}"
            kind = KIND_NAMES[row.kind] if spec.layout != C.TEXTS else "text"
            out.append(f"| `{row.label}` | {kind} | {need} | {allowed} |")
    return out + [""]


@dataclass(frozen=True)
class _Source:
    """What the Markdown lists: the contract package's declarations or a profile's."""

    title: str
    origin: str
    input_sheets: tuple[C.Sheet, ...]
    required_sheets: dict[str, tuple[C.Sheet, ...]]
    result_sheets: tuple[C.ResultSheet, ...]
    year_end: str | None


def _from_contract_py() -> _Source:
    return _Source("Standardarbetsboken", "`src/excelreport/contract/` med `excelreport contract`",
                   C.INPUT_SHEETS, C.REQUIRED_SHEETS, C.RESULT_SHEETS + (C.RESULT_FINANSIERING,), C.YEAR_END)


def _from_profile(profile: Profile) -> _Source:
    if profile.name == STANDARD:
        title, origin = "Standardarbetsboken", "`src/excelreport/contract/` med `excelreport contract`"
    else:
        title = f"Arbetsboken enligt profilen `{profile.name}`"
        origin = (f"profilen `{profile.name}` (version {profile.version}) med "
                  f"`excelreport contract --profil {profile.name}`")
    wc = contract_of(profile)
    finance = (wc.input_sheets[0], C.FINANSIERING, C.BALANSKRAV)
    year_end = profile.year_end.name if profile.year_end else None
    return _Source(title, origin, wc.input_sheets, {C.BOARD: wc.input_sheets, C.FINANCE_OFFICE: finance},
                   wc.result_sheets + (C.RESULT_FINANSIERING,), year_end)


def contract_markdown(profile: Profile | None = None) -> str:
    """Every sheet, column, kind, allowed value and fixed row of the standard workbook (or of
    the workbook a profile declares)."""
    src = _from_contract_py() if profile is None else _from_profile(profile)
    out = [f"# {src.title} – kontrakt", "",
           f"Genererad ur {src.origin}; ändra inte "
           "för hand. Namn på blad, rubriker, rader och tillåtna värden är exakta.", "",
           "## Allmänna regler", ""]
    out += [f"- {rule}" for rule in RULES] + [""]
    out += ["# Inmatningsblad", ""]
    for spec in src.input_sheets:
        out += _sheet(spec)
    out += _finance_office(src.required_sheets)

    out += ["# Valfria blad (skrivs av verktyget, `excelreport next`)", ""]
    for spec in C.OPTIONAL_SHEETS:
        out += _sheet(spec)
    out += ["# Resultatblad (skrivs av verktyget, skrivskyddade)", ""]
    for res in src.result_sheets:
        out += [f"## `{res.name}`", "", "Kolumner: " + " | ".join(f"`{c}`" for c in res.columns), ""]
    out += [f"## `{C.RESULT_PROGNOSHISTORIK.name}` (när historiken har rader)", "",
            "Kolumner: " + " | ".join(f"`{c}`" for c in C.RESULT_PROGNOSHISTORIK.columns)
            + f", med en kolumn per tidigare uppföljning (dess namn) efter `{C.HISTORY_FOLLOWUPS_AFTER}`.", ""]
    if src.year_end:
        out += [f"## `{C.RESULT_PROGNOSSAKERHET.name}` (när `Period` är `{src.year_end}`)", "",
                "Kolumner: " + " | ".join(f"`{c}`" for c in C.RESULT_PROGNOSSAKERHET.columns), ""]
    return "\n".join(out).rstrip() + "\n"


def _finance_office(required: dict[str, tuple[C.Sheet, ...]]) -> list[str]:
    """The finansförvaltning's own sheets and which sheets each workbook type requires."""
    out = ["# Finansförvaltningens arbetsbok", "",
           f"`Info!Typ` = `{C.FINANCE_OFFICE}` (tomt = `{C.BOARD}`). Bladen som varje typ kräver:", "",
           "| Typ | Blad som krävs |", "|---|---|"]
    for typ, sheets in required.items():
        out.append(f"| `{typ}` | " + ", ".join(f"`{s.name}`" for s in sheets) + " |")
    out.append("")
    for spec in required[C.FINANCE_OFFICE][1:]:
        out += _sheet(spec)
    return out
