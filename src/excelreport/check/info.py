"""Info (the report's fields, period and limits) and Texter (the report's running text)."""

from __future__ import annotations

from .. import contract as C
from ..core.codes import Code
from ..core.findings import FEL
from ..core.model import Info
from ..core.names import report_name
from .rows import fixed_rows
from .validator import Validator


def read_info(v: Validator) -> Info | None:
    sheet = v.shape.info  # the periods and units of the workbook's profile
    located = fixed_rows(v, sheet)
    if located is None:
        v.partial_info = _info_model({row.label: None for row in sheet.rows})
        return None
    table, rows = located
    values = {}
    for spec in sheet.rows:
        r = rows.get(spec.label)
        if r is None:
            values[spec.label] = None
            continue
        values[spec.label] = v.value(sheet.name, table.ref(r, "Värde"), table.cell(r, "Värde"), spec.kind,
                                     spec.label, required=spec.required, choices=spec.choices,
                                     minimum=spec.minimum, maximum=spec.maximum)
    v.typ = values["Typ"] or C.BOARD
    if any(values[s.label] is None for s in sheet.rows if s.required):
        v.partial_info = _info_model(values)
        return None
    info = _info_model(values)
    refs = {label: table.ref(r, "Värde") for label, r in rows.items()}
    month = dict(v.shape.closing_months).get(info.period)
    if month is not None and info.slutmanad != month:
        v.add(FEL, Code.SLUTMANAD_PERIOD, sheet.name, refs.get("Periodens slutmånad", ""),
              f"Periodens slutmånad är {info.slutmanad}, men {info.period} slutar i månad {month} "
              "enligt arbetsbokens profil.")
        v.partial_info = info
        return None
    _report_limits(v, info, refs)
    return info


MAX_PROPERTY = 255  # characters of a document property (Word's limit; python-docx's too)
MAX_FILE_NAME = 255  # bytes (UTF-8) of a file name, as most file systems count


def _report_limits(v: Validator, info: Info, refs: dict[str, str]) -> None:
    """Kommun and Nämnd must make a report file name and document properties: checked here
    so ``build`` never writes the workbook and then fails on the report."""
    sheet = v.shape.info.name
    file_name = report_name(info) + ".docx"
    if len(file_name.encode("utf-8")) > MAX_FILE_NAME or len(info.title) > MAX_PROPERTY:
        v.add(FEL, Code.INFO_FOR_LANGT, sheet, refs.get("Nämnd", ""),
              f"Nämnd är {len(info.namnd)} tecken lång: rapportens namn '{info.title[:40]}…' blir för "
              f"långt för ett filnamn eller Word-dokumentets titel (högst {MAX_PROPERTY}). Korta namnet.")
    keywords = f"{info.kommun}; {info.namnd}; {info.period} {info.ar}"
    if len(keywords) > MAX_PROPERTY and len(info.kommun) >= len(info.namnd):
        v.add(FEL, Code.INFO_FOR_LANGT, sheet, refs.get("Kommun", ""),
              f"Kommun är {len(info.kommun)} tecken lång; tillsammans med nämnden blir det för långt för "
              f"Word-dokumentets egenskaper (högst {MAX_PROPERTY} tecken). Korta namnet.")
    elif len(keywords) > MAX_PROPERTY and len(info.title) <= MAX_PROPERTY:
        v.add(FEL, Code.INFO_FOR_LANGT, sheet, refs.get("Nämnd", ""),
              f"Nämnd är {len(info.namnd)} tecken lång; tillsammans med kommunen blir det för långt för "
              f"Word-dokumentets egenskaper (högst {MAX_PROPERTY} tecken). Korta namnet.")


def _info_model(values: dict) -> Info:
    """Info from its values; a required one missing (a Fel) is empty here, or None (År,
    Periodens slutmånad): such an Info only serves the checks (Validator.provisional)."""
    return Info(
        kommun=values["Kommun"] or "", namnd=values["Nämnd"] or "", ar=values["År"],
        period=values["Period"] or "", slutmanad=values["Periodens slutmånad"],
        foregaende_prognos=values["Föregående prognos"] or "", enhet=values["Enhet"] or "",
        kommentarsgrans=values["Kommentarsgräns"],
        sjukfranvaro_avser=values["Sjukfrånvaro avser"] or "",
        sammantradesdatum=values["Sammanträdesdatum"], diarienummer=values["Diarienummer"] or "",
        typ=values["Typ"] or C.BOARD, ordning=values["Ordning"], resultatmal=values["Resultatmål (%)"],
    )


def read_texts(v: Validator) -> tuple[dict[str, str], dict[str, str]]:
    """Texter: each text by its key, and each one's cell."""
    spec = v.shape.texter
    located = fixed_rows(v, spec, missing=None)
    if located is None:
        return {}, {}
    table, rows = located
    texts, cells = {}, {}
    for key, r in rows.items():
        ref = table.ref(r, "Text")
        text = v.value(spec.name, ref, table.cell(r, "Text"), C.TEXT, key) or ""
        texts[key], cells[key] = text, ref
    return texts, cells
