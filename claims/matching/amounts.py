"""Amounts as matching sees them: an interval in canonical units, and when two intervals agree.

Stored amounts arrive through `claims.normalized_codec`, which has already dropped what it could
not read; what is left is interpreted here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claims.extraction.lexicon import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS
from claims.normalized_codec import StoredQuantity

# Durations compare in days, so "18 months" meets "a year and a half".
_DAYS = {
    "year": 365.25, "month": 30.4375, "week": 7.0, "day": 1.0, "hour": 1 / 24,
    "minute": 1 / 1440, "second": 1 / 86400, "decade": 3652.5, "century": 36525.0,
}  # fmt: skip
# Lengths compare in metres and masses in kilograms, so "1.6 km" meets "1,600 metres".
_BASE_UNITS: dict[str, tuple[str, float]] = {
    "km": ("m", 1000.0), "m": ("m", 1.0), "cm": ("m", 0.01), "mm": ("m", 0.001),
    "mile": ("m", 1609.344), "ft": ("m", 0.3048), "inch": ("m", 0.0254),
    "kg": ("kg", 1.0), "g": ("kg", 0.001), "mg": ("kg", 1e-6), "tonne": ("kg", 1000.0),
    "lb": ("kg", 0.45359237), "km2": ("m2", 1e6), "mile2": ("m2", 2589988.11),
    "hectare": ("m2", 1e4), "acre": ("m2", 4046.8564224), "ft2": ("m2", 0.09290304),
    "m2": ("m2", 1.0),
}  # fmt: skip
_CURRENCY = re.compile(r"[A-Z]{3}")

# How far apart two readings of one amount may be. An exact figure allows for the rounding its
# own digits show ("$800m" may be $812m; "365" is not 356), up to this share of its value;
# "about" and "nearly" widen it to the approximate share.
ROUNDING_TOLERANCE = 0.05
APPROXIMATE_TOLERANCE = 0.10
# "more than 1,200" is written for 1,247, rarely for 2,000: a bound reaches this far past itself.
BOUND_REACH = 0.25


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount of a claim. `low`..`high` is what it asserts, in `unit` (days for durations)."""

    text: str
    low: float
    high: float
    unit: str | None  # "USD", "percent", "percentage point", "day", "km", ... None for a count
    kind: str  # "money", "percent", "percentage point", "duration", "count", or the unit
    approximate: bool
    slack: float  # how far the true figure may lie outside low..high, in `unit`
    shown: str  # for editors: "800000000 USD", "10-12 percent"


def _kind(unit: str | None) -> str:
    if unit is None:
        return "count"
    if _CURRENCY.fullmatch(unit):
        return "money"
    if unit in _DAYS:
        return "duration"
    return unit


def _slack(value: float, approximate: bool) -> float:
    """Half a unit of the last significant digit written, capped; wider when approximate."""
    size = abs(value)
    if approximate:
        return APPROXIMATE_TOLERANCE * size
    if size == 0:
        return 0.0
    step = 10.0 ** math.floor(math.log10(size))
    while step > 1e-9 and abs(size / step - round(size / step)) > 1e-6:
        step /= 10
    return min(step / 2, ROUNDING_TOLERANCE * size)


def format_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


def amount_from_stored(item: StoredQuantity) -> Amount | None:
    """The amount of one stored quantity, None when it has no usable number."""
    value = None if item.value is None else float(item.value)
    low = None if item.low is None else float(item.low)
    high = None if item.high is None else float(item.high)
    unit = item.unit
    qualifier = None if item.qualifier is None else item.qualifier.lower()
    approximate = item.approximate or (
        qualifier is not None and qualifier not in ("only", "just", "exactly", "precisely")
    )
    if value is None and low is not None and high is not None:
        lo, hi, shown_value = low, high, f"{format_number(low)}-{format_number(high)}"
    elif value is None:
        return None  # "thousands", "dozens": too vague to agree or disagree with anything
    elif qualifier in LOWER_BOUND_QUALIFIERS or (low == value and high is None):
        lo, hi, shown_value = value, value * (1 + BOUND_REACH), f"over {format_number(value)}"
    elif qualifier in UPPER_BOUND_QUALIFIERS or (high == value and low is None):
        lo, hi, shown_value = value * (1 - BOUND_REACH), value, f"under {format_number(value)}"
    else:
        lo = hi = value
        shown_value = format_number(value)
    if lo > hi:
        lo, hi = hi, lo
    slack = _slack(value if value is not None else hi, approximate)
    kind = _kind(unit)
    shown = f"{shown_value} {unit}" if unit else shown_value
    if kind == "duration" and unit is not None:
        factor = _DAYS[unit]
        lo, hi, slack, unit = lo * factor, hi * factor, slack * factor, "day"
    elif unit in _BASE_UNITS:
        unit, factor = _BASE_UNITS[unit]
        lo, hi, slack, kind = lo * factor, hi * factor, slack * factor, unit
    return Amount(
        text=item.text.strip() or shown,
        low=lo,
        high=hi,
        unit=unit,
        kind=kind,
        approximate=approximate,
        slack=slack,
        shown=shown,
    )


def amounts_agree(a: Amount, b: Amount) -> bool:
    """Same unit, and the intervals meet once widened by the looser of the two slacks."""
    if a.unit != b.unit:
        return False
    slack = max(a.slack, b.slack)
    return a.low - slack <= b.high and b.low - slack <= a.high


@dataclass(frozen=True, slots=True)
class AmountAlignment:
    agreements: tuple[str, ...]
    conflict: tuple[Amount, Amount] | None  # an unmatched amount on each side, of one kind
    unmatched: int  # amounts on one side that the other side does not mention


def align_amounts(first: tuple[Amount, ...], second: tuple[Amount, ...]) -> AmountAlignment:
    """Pair up the amounts of two claims.

    An amount that only one claim gives ("from 5.1% to 4.3%" versus "to 4.3%") only lowers the
    score; a disagreement needs an unmatched amount of the same kind on both sides.
    """
    if not first or not second:
        return AmountAlignment((), None, len(first) + len(second))
    matched_second = [False] * len(second)
    agreements: list[str] = []
    unmatched_first: list[Amount] = []
    for a in first:
        hit = False
        for j, b in enumerate(second):
            if amounts_agree(a, b):
                if not hit:
                    agreements.append(f"quantity {a.shown}")
                hit = True
                matched_second[j] = True
        if not hit:
            unmatched_first.append(a)
    unmatched_second = [b for j, b in enumerate(second) if not matched_second[j]]
    conflict: tuple[Amount, Amount] | None = None
    for a in unmatched_first:
        for b in unmatched_second:
            if a.kind == b.kind:
                conflict = (a, b)
                break
        if conflict:
            break
    return AmountAlignment(
        tuple(agreements), conflict, len(unmatched_first) + len(unmatched_second)
    )
