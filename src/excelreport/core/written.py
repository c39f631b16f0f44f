"""The files this process replaced: ``atomic`` records each one, so that an unexpected error
after a write names them and never claims "unchanged" (the command line reads it)."""

from __future__ import annotations

from pathlib import Path

WRITTEN: list[Path] = []
