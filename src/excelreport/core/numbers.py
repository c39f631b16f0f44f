"""Swedish numbers: parse what controllers type, format what the report shows.

Arithmetic is on exact Decimals of the values as typed; rounding happens only for display
and is half away from zero (as Excel shows it), never banker's rounding.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

_SPACES = "\u0020\u00a0\u2009\u202f\u2007"
_MINUS = "-\u2212\u2013"
_SWEDISH = re.compile(
    rf"^(?P<sign>[{_MINUS}+])?\s*(?P<int>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)"
    r"(?:[,.](?P<frac>\d+))?\s*(?P<pct>%)?$"
)


def parse_swedish(text: str) -> tuple[Decimal, bool] | None:
    """``"-3 851"``, ``"1 234,5"``, ``"−12"``, ``"52,6 %"`` → (Decimal, had a % sign).

    Returns None when the text is not a number. A dot is read as a decimal point only
    where it cannot be a thousands separator.
    """
    s = text.strip().strip(_SPACES)
    m = _SWEDISH.match(s)
    if not m:
        return None
    digits = re.sub(f"[{_SPACES}]", "", m.group("int"))
    frac = m.group("frac")
    if frac is not None and "." in s and len(frac) == 3 and len(digits) <= 3 and "," not in s:
        # "1.234" is ambiguous (a thousands dot in Swedish notation): refuse it.
        return None
    value = Decimal(digits + ("." + frac if frac else ""))
    if m.group("sign") and m.group("sign") != "+":
        value = -value
    return value, bool(m.group("pct"))


EXCEL_DIGITS = 15  # Excel reads, shows and calculates with 15 significant digits


def excel_number(value: str | float | Decimal) -> Decimal:
    """A number stored in a file, as Excel shows it: at most 15 significant digits (half away
    from zero). A double's noise goes (``99120.49000000001`` → ``99120.49``,
    ``-179610.49999999997`` → ``-179610.5``); a value with 15 digits or fewer stays exact.

    Raises decimal.InvalidOperation for text that is not a number.
    """
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not d.is_finite() or len(d.as_tuple().digits) <= EXCEL_DIGITS:
        return d
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        d = d.quantize(Decimal(1).scaleb(d.adjusted() - EXCEL_DIGITS + 1))
        if d.as_tuple().exponent < 0:  # drop the zeros the rounding left
            d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return d


def round_half_away(value: Decimal, decimals: int) -> Decimal:
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP  # Decimal's HALF_UP rounds half away from zero
        ctx.prec = max(ctx.prec, value.adjusted() + decimals + 2)  # any size up to Excel's 1E+308
        out = value.quantize(Decimal(1).scaleb(-decimals))
    return out if out != 0 else abs(out)  # never "-0"


def format_number(value: Decimal | int | None, decimals: int = 0, *, empty: str = "-",
                  min_decimals: int | None = None) -> str:
    """Swedish display: NBSP thousands, decimal comma, half away from zero; None → ``-``.

    ``min_decimals`` below ``decimals`` drops trailing zeros down to that many.
    """
    if value is None:
        return empty
    rounded = round_half_away(Decimal(value), decimals)
    low = decimals if min_decimals is None else min_decimals
    pattern = "#,##0" + ("." + "0" * low + "#" * (decimals - low) if decimals else "")
    with localcontext() as ctx:
        ctx.rounding = ROUND_HALF_UP
        ctx.prec = max(ctx.prec, rounded.adjusted() + decimals + 2)
        return _babel_pattern(pattern).apply(rounded, _swedish())  # = babel's format_decimal


@lru_cache(maxsize=None)
def _swedish():
    """babel's sv_SE locale, parsed once: format_decimal parses it on every call (a report of
    20 000 investment rows formats 120 000 numbers)."""
    from babel import Locale

    return Locale.parse("sv_SE")


@lru_cache(maxsize=64)
def _babel_pattern(pattern: str):
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


def format_amount(value: Decimal | None, unit: str = "tkr") -> str:
    """Amounts: ``tkr`` without decimals, ``mnkr`` with one."""
    return format_number(value, 1 if unit == "mnkr" else 0)


def format_percent(value: Decimal | None, decimals: int = 1) -> str:
    """Sick-leave percent ``3,7%`` and percentage-point differences ``-0,05%``."""
    return "-" if value is None else format_number(value, decimals) + "%"


def format_indicator(value: Decimal | None, unit: str) -> str:
    """As few decimals as the value needs, at most two; ``%`` indicators with the sign."""
    if value is None:
        return "-"
    text = format_number(value, 2, min_decimals=0)
    return text + "%" if unit == "%" else text


def plain(value: Decimal | int) -> str:
    """A number as a short Swedish text for messages: ``-3 851``, ``52,6``."""
    return format_number(value, 2, min_decimals=0)


def plain_exact(value: Decimal) -> str:
    """Like ``plain``, with every decimal the value has: ``0,035``, ``109 182,499``."""
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, max(decimals, 0), min_decimals=0)
