"""The report's figures as text: the contract's display rules on calc's exact values."""

from __future__ import annotations

from decimal import Decimal

from ..core.numbers import format_amount, format_number, format_percent

MAX_INDICATOR_DECIMALS = 2


def amount(value: Decimal | None, unit: str) -> str:
    """``-3 851`` (tkr), ``-3 851,4`` (mnkr); ``-`` for empty."""
    return format_amount(value, unit)


def sick_percent(value: Decimal | None) -> str:
    """Sick-leave percent with one decimal: ``3,7%``."""
    return format_percent(value, 1)


def sick_difference(value: Decimal | None) -> str:
    """Percentage-point difference with two decimals: ``-0,05%``."""
    return format_percent(value, 2)


def indicator(value: Decimal | None, unit: str, shown_decimals: int | None = None,
              preliminary: bool = False) -> str:
    """As few decimals as needed (at most two), at least the cell format's; ``60%``, ``(72)``."""
    if value is None:
        return "-"
    low = min(shown_decimals or 0, MAX_INDICATOR_DECIMALS)
    text = format_number(value, MAX_INDICATOR_DECIMALS, min_decimals=low)
    if unit == "%":
        text += "%"
    return f"({text})" if preliminary else text


def count(value: Decimal | None) -> str:
    return format_number(value, 0)


def share(value: Decimal | None) -> str:
    """A personnel share as the reference writes it: ``61%``, ``52,6%``."""
    return "-" if value is None else format_number(value, 1, min_decimals=0) + "%"


def measure(value: Decimal | None) -> str:
    """A volume measure (Verksamhetsmått): as few decimals as needed, at most two."""
    return format_number(value, MAX_INDICATOR_DECIMALS, min_decimals=0)
