"""Swedish number formatting for display. Pure functions; raw numbers stay raw elsewhere.

Thousands are separated by a no-break space (U+00A0), decimals by a comma, and
negative numbers carry the minus sign U+2212.
"""

import math
from numbers import Real

import pandas as pd

THOUSANDS_SEPARATOR = "\u00a0"
MINUS_SIGN = "\u2212"
MISSING = "–"


def is_missing(value: object) -> bool:
    """None, NaN, pandas' NA and NaT."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return False


def format_number(value: Real | None, decimals: int = 0) -> str:
    """`7249` → `7 249`, `-63300` → `−63 300`, `10.66` (decimals=1) → `10,7`."""
    if is_missing(value):
        return MISSING
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    digits = f"{abs(rounded):,.{decimals}f}"
    digits = digits.replace(",", THOUSANDS_SEPARATOR).replace(".", ",")
    return f"{MINUS_SIGN}{digits}" if rounded < 0 else digits


def format_signed(value: Real | None, decimals: int = 0) -> str:
    """A change: `+51`, `−12`, `0`."""
    if is_missing(value):
        return MISSING
    text = format_number(value, decimals)
    return f"+{text}" if round(float(value), decimals) > 0 else text


def format_tkr(value: Real | None, decimals: int = 0) -> str:
    return with_unit(format_number(value, decimals), "tkr")


def format_kr(value: Real | None, decimals: int = 0) -> str:
    return with_unit(format_number(value, decimals), "kr")


def format_percent(value: Real | None, decimals: int = 1) -> str:
    """A percentage given in percent units: `10.66` → `10,7 %`."""
    return with_unit(format_number(value, decimals), "%")


def format_share(value: Real | None, decimals: int = 1) -> str:
    """A share given as a fraction: `0.1066` → `10,7 %`."""
    if is_missing(value):
        return MISSING
    return format_percent(float(value) * 100, decimals)


def format_signed_percent(value: Real | None, decimals: int = 1) -> str:
    return with_unit(format_signed(value, decimals), "%")


def with_unit(text: str, unit: str) -> str:
    return text if text == MISSING else f"{text}{THOUSANDS_SEPARATOR}{unit}"


def percent_change(current: Real | None, previous: Real | None) -> float | None:
    """Change from previous to current in percent; None when it has no meaning."""
    if is_missing(current) or is_missing(previous) or previous == 0:
        return None
    return (float(current) - float(previous)) / abs(float(previous)) * 100
