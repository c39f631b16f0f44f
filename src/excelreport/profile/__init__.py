"""The kommun's profile: the workbook contract and the report outline as data (TOML).

``load(spec)`` takes a shipped profile's name (``standard``, ``exempelby-bun``) or a
``.toml`` file; a faulty profile raises ``ProfileError`` naming every fault's key and line.
"""

from .errors import Fault, ProfileError
from .load import (SHIPPED, STANDARD, load, load_file, load_text, load_with_text, shipped,
                   shipped_text)
from .schema import Profile

__all__ = ["Fault", "Profile", "ProfileError", "SHIPPED", "STANDARD", "load", "load_file",
           "load_text", "load_with_text", "shipped", "shipped_text"]
