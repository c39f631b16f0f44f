"""The contract as Markdown, generated from ``contract.py`` (``excelreport contract``)."""

from __future__ import annotations

from . import contract as C
from .validate import HEADER_SEARCH_ROWS

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
            kind = KIND_NAMES[row.kind] if spec is not C.TEXTER else "text"
            out.append(f"| `{row.label}` | {kind} | {need} | {allowed} |")
    return out + [""]


def contract_markdown() -> str:
    """Every sheet, column, kind, allowed value and fixed row of the standard workbook."""
    out = ["# Standardarbetsboken – kontrakt", "",
           "Genererad ur `src/excelreport/contract.py` med `excelreport contract`; ändra inte "
           "för hand. Namn på blad, rubriker, rader och tillåtna värden är exakta.", "",
           "## Allmänna regler", ""]
    out += [f"- {rule}" for rule in RULES] + [""]
    out += ["# Inmatningsblad", ""]
    for spec in C.INPUT_SHEETS:
        out += _sheet(spec)
    out += _finance_office()

    out += ["# Valfria blad (skrivs av verktyget, `excelreport next`)", ""]
    for spec in C.OPTIONAL_SHEETS:
        out += _sheet(spec)
    out += ["# Resultatblad (skrivs av verktyget, skrivskyddade)", ""]
    for res in C.RESULT_SHEETS + (C.RESULT_FINANSIERING,):
        out += [f"## `{res.name}`", "", "Kolumner: " + " | ".join(f"`{c}`" for c in res.columns), ""]
    out += [f"## `{C.RESULT_PROGNOSHISTORIK.name}` (när historiken har rader)", "",
            "Kolumner: " + " | ".join(f"`{c}`" for c in C.RESULT_PROGNOSHISTORIK.columns)
            + f", med en kolumn per tidigare uppföljning (dess namn) efter `{C.HISTORY_FOLLOWUPS_AFTER}`.", "",
            f"## `{C.RESULT_PROGNOSSAKERHET.name}` (när `Period` är `{C.YEAR_END}`)", "",
            "Kolumner: " + " | ".join(f"`{c}`" for c in C.RESULT_PROGNOSSAKERHET.columns), ""]
    return "\n".join(out).rstrip() + "\n"


def _finance_office() -> list[str]:
    """The finansförvaltning's own sheets and which sheets each workbook type requires."""
    out = ["# Finansförvaltningens arbetsbok", "",
           f"`Info!Typ` = `{C.FINANCE_OFFICE}` (tomt = `{C.BOARD}`). Bladen som varje typ kräver:", "",
           "| Typ | Blad som krävs |", "|---|---|"]
    for typ, sheets in C.REQUIRED_SHEETS.items():
        out.append(f"| `{typ}` | " + ", ".join(f"`{s.name}`" for s in sheets) + " |")
    out.append("")
    for spec in C.FINANCE_SHEETS[1:]:
        out += _sheet(spec)
    return out
