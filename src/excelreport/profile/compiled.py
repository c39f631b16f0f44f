"""The shipped profiles' parse, kept beside them as JSON (``NAME.parsed.json``).

Parsing and checking a profile's TOML costs about ten times what a process may spend on
it (5 % of a ``check``); JSON loads in C. The JSON carries the SHA-256 of the TOML it was
made from: if the TOML changed and the JSON was not remade, it is not used (the TOML is
parsed and checked as any file). Remake with ``python scripts/compile_profiles.py``.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path


def _path(name: str) -> Path:
    return Path(__file__).with_name(f"{name}.parsed.json")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def read_compiled(name: str, raw: bytes) -> dict | None:
    """The parse of the shipped ``raw`` TOML, or None when the JSON is missing or stale."""
    try:
        stored = json.loads(_path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("sha256") != digest(raw):
        return None
    return stored.get("data")


def write_compiled(name: str, raw: bytes) -> Path:
    """Write the JSON for a shipped profile (its TOML already checked by the caller)."""
    path = _path(name)
    text = json.dumps({"sha256": digest(raw), "data": tomllib.loads(raw.decode("utf-8"))},
                      ensure_ascii=False, indent=None, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path

