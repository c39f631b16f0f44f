"""``next --profil``: the next follow-up in a newer version of the workbook's own profile.

A version is compared as numbers separated by dots (``2025.1`` < ``2025.2`` < ``2025.10``;
``1`` = ``1.0``). The same version keeps the carried profile; an older version or another
profile's name is refused (nothing is written). Upgrading, the values ``next`` carries are
moved sheet by sheet, row by row (by label) and column by column (by header) into the new
version's sheets: what the new version still has gets its value, what it adds is empty,
and what it drops is named in a ``Varning`` (the old workbook keeps it, as it is only read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import contract as C
from ..core.codes import Code
from ..core.errors import ExcelReportError
from ..core.findings import VARNING, Finding
from ..profile.carrier import Carried, same_text
from ..profile.loader import is_shipped_text, load_with_text, shipped
from ..profile.schema import Profile

_DOTTED = re.compile(r"\d+(\.\d+)*")
NOT_WRITTEN = "Inget har skrivits."


def version_key(version: str) -> tuple[int, ...] | None:
    """A numeric dotted version as numbers without trailing zeros (``2025.1.0`` → (2025, 1));
    None for a version that is not numbers separated by dots."""
    text = version.strip()
    if not _DOTTED.fullmatch(text):
        return None
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@dataclass(frozen=True)
class Upgrade:
    """The newer version ``next`` writes: its TOML and profile, as the workbook will carry it."""

    raw: bytes
    carried: Carried

    @property
    def profile(self) -> Profile:
        return self.carried.profile


def target_profile(old: Carried | None, old_raw: bytes, spec: str | Path) -> tuple[Upgrade | None, list[Finding]]:
    """``--profil``'s profile against the one the workbook carries (None: ``standard``; its TOML
    ``old_raw``): an
    Upgrade for a newer version of it, None for the same version (with a Varning when its text
    differs); ExcelReportError (exit 2) for another profile or an older or incomparable version."""
    raw, new = load_with_text(spec)
    current = old.profile if old is not None else shipped()
    if new.name != current.name:
        raise ExcelReportError(
            f"--profil {spec}: profilen heter {new.name}, men arbetsboken följer {current.name}. next för "
            f"arbetsboken vidare inom sin profil och uppgraderar bara till en nyare version av den; "
            f"gör en ny arbetsbok med excelreport new --profil för att byta profil. {NOT_WRITTEN}")
    old_key, new_key = version_key(current.version), version_key(new.version)
    if new.version == current.version or (old_key is not None and old_key == new_key):
        return None, _same_version_note(current, raw, old_raw, spec)
    if old_key is None or new_key is None:
        raise ExcelReportError(
            f"--profil {spec}: versionerna '{current.version}' (arbetsboken) och '{new.version}' går inte "
            f"att jämföra; en version skrivs som tal med punkter (t.ex. 2025.1). {NOT_WRITTEN}")
    if new_key < old_key:
        raise ExcelReportError(
            f"--profil {spec}: version {new.version} av {new.name} är äldre än arbetsbokens version "
            f"{current.version}; next uppgraderar bara till en nyare version. {NOT_WRITTEN}")
    return Upgrade(raw, Carried(new, is_shipped_text(raw))), []


def _same_version_note(current: Profile, raw: bytes, old_raw: bytes, spec) -> list[Finding]:
    if same_text(raw, old_raw):
        return []
    return [Finding(VARNING, Code.PROFIL_SAMMA_VERSION, "Profil", "",
                    f"--profil {spec} har samma version ({current.version}) som arbetsbokens profil men en "
                    "annan text; den nya arbetsboken behåller arbetsbokens profil. Höj versionen för att "
                    "uppgradera.")]


# --- the carried values in the new version's sheets -----------------------------------------


def check_unit(data: dict[str, Any], new: C.Sheet) -> None:
    """The new version's Info!Enhet allows the carried unit (the amounts are in it)."""
    unit = data.get(C.INFO.name, {}).get("Enhet")
    choices = next((r.choices for r in new.rows if r.label == "Enhet"), ())
    if unit and choices and unit not in choices:
        raise ExcelReportError(
            f"--profil: den nya versionen tillåter inte enheten {unit} (bara {', '.join(choices)}), som "
            f"arbetsbokens belopp är skrivna i; de kan inte föras över. {NOT_WRITTEN}")


def reshape(data: dict[str, Any], marks: dict[str, dict[tuple[int, str], str]],
            old_sheets: tuple[C.Sheet, ...], new_sheets: tuple[C.Sheet, ...], label: str) -> list[Finding]:
    """Move ``next``'s carried data and prefilled marks from the old version's sheets into the
    new version's (in place); a Varning for each sheet, row, text or column dropped."""
    new_by_name = {s.name: s for s in new_sheets}
    notes: list[Finding] = []
    for old in old_sheets:
        if old.name not in data or old.layout == C.FORM:
            continue
        new = new_by_name.get(old.name)
        if new is None:
            notes.append(_dropped(old.name, "", f"bladet {old.name} finns inte i {label}; dess värden förs "
                                                "inte över"))
            del data[old.name]
            marks.pop(old.name, None)
        elif old.layout == C.TEXTS:
            notes += _texts(data, marks, old, new, label)
        else:
            notes += _sheet(data, marks, old, new, label)
    return notes


def _dropped(sheet: str, cell: str, what: str) -> Finding:
    return Finding(VARNING, Code.PROFIL_EJ_OVERFORD, sheet, cell,
                   f"{what[:1].upper()}{what[1:]}. Den gamla arbetsboken är oförändrad.")


def _texts(data, marks, old: C.Sheet, new: C.Sheet, label: str) -> list[Finding]:
    keys = [r.label for r in new.rows]
    texts = data[old.name]
    notes = [_dropped(old.name, "", f"avsnittet {r.label} finns inte i {label}; "
                      + ("dess text förs inte över" if r.label in texts else "det försvinner ur Texter"))
             for r in old.rows if r.label not in keys]
    data[old.name] = {k: v for k, v in texts.items() if k in keys}
    marks[old.name] = {(keys.index(old.rows[i].label), col): note
                       for (i, col), note in marks.get(old.name, {}).items() if old.rows[i].label in keys}
    return notes


def _sheet(data, marks, old: C.Sheet, new: C.Sheet, label: str) -> list[Finding]:
    """A table's records and marks: the rows the new version keeps (fixed rows by label), the
    columns it keeps (by header)."""
    columns = {c.label for c in new.columns}
    lost_columns = [c.label for c in old.columns if c.label not in columns]
    notes = [_dropped(old.name, "", f"kolumnen {c} på {old.name} finns inte i {label}; den förs inte över")
             for c in lost_columns]
    records = data[old.name]
    index = {r.label: i for i, r in enumerate(new.rows)}
    if new.rows:
        key = old.key.label
        notes += [_dropped(old.name, "", f"raden {r.label} på {old.name} finns inte i {label}; "
                           "dess värden förs inte över") for r in old.rows if r.label not in index]
        records = [r for r in records if r.get(key) in index]
        summed = {r.label for r in new.rows if r.derived} - {r.label for r in old.rows if r.derived}
        notes += [_dropped(old.name, "", f"raden {r[key]} på {old.name} är en summa i {label}; dess värden "
                           "förs inte över (summan räknas)") for r in records
                  if r[key] in summed and any(v is not None for k, v in r.items() if k != key)]
        records = [{new.key.label if k == key else k: v for k, v in r.items()} for r in records]
    data[old.name] = [{k: v for k, v in r.items() if k in columns} for r in records]
    kept = {}
    for (i, col), note in marks.get(old.name, {}).items():
        row = old.rows[i].label if old.rows else None
        if col in columns and (row is None or row in index):
            kept[(index[row] if row is not None else i, col)] = note
    marks[old.name] = kept
    return notes
