"""The account map of the profile's ``[kontoplan]`` (parsed in ``profile.accounts``) and the
``standard`` profile's map."""

from __future__ import annotations

from functools import lru_cache

from ..profile.accounts import (AccountMap, CodeSet, load_account_map,  # noqa: F401 (re-exported)
                                overlap, parse_codes)
from ..profile.loader import shipped


@lru_cache(maxsize=1)
def standard_account_map() -> AccountMap:
    """The ``standard`` profile's map (its ``[kontoplan]``)."""
    return account_map(shipped().ledger)


def account_map(ledger) -> AccountMap:
    """The map of a profile's ``[kontoplan]`` (a ``profile.schema.Ledger``; None: standard)."""
    return standard_account_map() if ledger is None else load_account_map(ledger.map_data())


