"""A parsed profile against the key table (``keys.ROOT``): unknown keys (with the nearest
known one), wrong types, missing required keys, values outside their list or bounds.

Faults are collected as (key path, message); the loader adds the lines.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from datetime import date, datetime, time

from .keys import (BOOL, COLOUR, GROUPS, INT, MAX_TEXT, NUMBER, TABLE, TABLES, TEXT, TEXTS, Key)

COLOUR_RE = re.compile(r"#[0-9A-Fa-f]{6}")
Faults = list[tuple[str, str]]


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# A TOML value's type in Swedish (bool before int: True is an int too).
_TYPE_NAMES = ((bool, "sant/falskt"), (int, "heltal"), (float, "tal"), (str, "text"), (list, "lista"),
               (dict, "tabell"), ((date, datetime, time), "datum/tid"))


def describe(value: object) -> str:
    """A TOML value's type in Swedish."""
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def _is_text_bad(value: str) -> str:
    if value.isprintable():  # the common case, in C; otherwise look closer (NBSP is fine)
        return ""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") for c in value):
        return "innehåller styrtecken eller osynliga tecken"
    return ""


def check_table(data: object, key: Key, path: str, faults: Faults) -> None:
    """A table: every key known and of its type, every required key present."""
    if not isinstance(data, dict):
        faults.append((path, f"ska vara en tabell, hittade {describe(data)}"))
        return
    known = [k.name for k in key.keys]
    for name, value in data.items():
        sub = key.key(name)
        if sub is None:
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; menade du '{near[0]}'?" if near else f"; kända nycklar här: {', '.join(known)}"
            faults.append((join(path, name), f"okänd nyckel '{name}'{hint}"))
        else:
            check_value(value, sub, join(path, name), faults)
    for sub in key.keys:
        if sub.required and sub.name not in data:
            where = f" i [{path}]" if path else ""
            faults.append((path, f"nyckeln '{sub.name}' saknas{where} ({sub.doc})"))


def _bounds(value: float, key: Key, path: str, faults: Faults, what: str = "") -> None:
    if key.minimum is not None and value < key.minimum:
        faults.append((path, f"{what}{_num(value)} är mindre än {_num(key.minimum)}"))
    elif key.maximum is not None and value > key.maximum:
        faults.append((path, f"{what}{_num(value)} är större än {_num(key.maximum)}"))


def _num(value: float) -> str:
    return str(value).replace(".", ",")


def _count(items: list, key: Key, path: str, faults: Faults) -> None:
    if key.minimum is not None and len(items) < key.minimum:
        faults.append((path, f"har {len(items)} element, minst {int(key.minimum)} krävs"))
    if key.maximum is not None and len(items) > key.maximum:
        faults.append((path, f"har {len(items)} element, högst {int(key.maximum)} tillåts"))


def check_text(value: object, key: Key, path: str, faults: Faults) -> None:
    if not isinstance(value, str):
        faults.append((path, f"ska vara text, hittade {describe(value)}"))
        return
    limit = int(key.maximum) if key.type == TEXT and key.maximum is not None else MAX_TEXT
    if len(value) > limit:
        faults.append((path, f"texten är {len(value)} tecken lång, högst {limit} tillåts"))
    elif bad := _is_text_bad(value):
        faults.append((path, f"texten {bad}"))
    elif key.default is None and not value.strip():
        faults.append((path, "får inte vara tom"))
    elif key.allowed and value not in key.allowed:
        near = difflib.get_close_matches(value, key.allowed, n=1, cutoff=0.6)
        hint = f" (menade du '{near[0]}'?)" if near else ""
        faults.append((path, f"'{value}' är inte tillåtet{hint}; tillåtna värden: "
                             + ", ".join(f"'{a}'" for a in key.allowed)))


def _check_list(value: list, key: Key, path: str, faults: Faults) -> None:
    _count(value, key, path, faults)
    for n, item in enumerate(value, 1):
        if key.type == TABLES:
            check_table(item, key, f"{path}[{n}]", faults)
        elif key.type == TEXTS:
            check_text(item, key, f"{path}[{n}]", faults)
        elif not isinstance(item, list):  # GROUPS
            faults.append((f"{path}[{n}]", f"ska vara en lista av text, hittade {describe(item)}"))
        elif not item:
            faults.append((f"{path}[{n}]", "gruppen är tom"))
        else:
            for m, text in enumerate(item, 1):
                check_text(text, key, f"{path}[{n}][{m}]", faults)


def check_value(value: object, key: Key, path: str, faults: Faults) -> None:
    """One value against its key's type, list of allowed values and bounds."""
    if key.type == TABLE:
        check_table(value, key, path, faults)
    elif key.type == TEXT:
        check_text(value, key, path, faults)
    elif key.type in (TEXTS, GROUPS, TABLES):
        if isinstance(value, list):
            _check_list(value, key, path, faults)
        else:
            faults.append((path, f"ska vara {key.type}, hittade {describe(value)}"))
    elif key.type == BOOL:
        if not isinstance(value, bool):
            faults.append((path, f"ska vara true eller false, hittade {describe(value)}"))
    elif key.type == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            faults.append((path, f"ska vara ett heltal, hittade {describe(value)}"))
        else:
            _bounds(value, key, path, faults)
    elif key.type == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            faults.append((path, f"ska vara ett tal, hittade {describe(value)}"))
        elif not math.isfinite(value):
            faults.append((path, f"ska vara ett ändligt tal, hittade {value}"))
        else:
            _bounds(value, key, path, faults)
    elif key.type == COLOUR:
        if not isinstance(value, str) or not COLOUR_RE.fullmatch(value):
            shown = f"'{value}'" if isinstance(value, str) else describe(value)
            faults.append((path, f"ska vara en färg som #RRGGBB (t.ex. #2E8B3D), hittade {shown}"))
