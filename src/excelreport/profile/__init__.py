"""The kommun's profile: the workbook contract and the report outline as data (TOML).

``load(spec)`` takes a shipped profile's name (``standard``, ``exempelby-bun``) or a
``.toml`` file; a faulty profile raises ``ProfileError`` naming every fault's key and line.

The names below are imported on first use (PEP 562): a command that never reads a profile
(``check`` of a workbook without the sheet ``Profil``) does not pay for the parser.
"""

from __future__ import annotations

from importlib import import_module

from ..core.errors import ProfileError
from .names import SHIPPED, STANDARD

_FROM = {
    "Fault": "errors", "Profile": "schema",
    "load": "loader", "load_file": "loader", "load_text": "loader", "load_with_text": "loader",
    "shipped": "loader", "shipped_text": "loader",
}

__all__ = ["SHIPPED", "STANDARD", "ProfileError", *_FROM]


def __getattr__(name: str):
    if name not in _FROM:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(f".{_FROM[name]}", __name__)
    globals().update({n: getattr(module, n) for n, m in _FROM.items() if m == _FROM[name]})
    return globals()[name]
