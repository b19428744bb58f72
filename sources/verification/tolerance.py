"""How far a source's amount may be from a claim's and still bear the claim out.

The claim's qualifier sets the window of source values that agree with it. `c` is the claim's
amount; "rounding" is half a unit in the last significant digit as the claim writes it ("$800
million" -> $50 million, "5.2%" -> 0.05), capped at 5% of `c` except for small whole numbers,
where a writer rounding 5.4% to "5%" is being ordinary, not loose.

| claim says                                   | source values that agree                     |
|----------------------------------------------|----------------------------------------------|
| `c` (no qualifier, "only", "just")           | c ± rounding                                 |
| "exactly", "precisely" `c`                   | c ± min(rounding, 0.5%)                      |
| "nearly", "almost", "close to" `c`           | 10% below c up to 1% above (rounding up)     |
| "about", "around", "roughly", "approximately", "some", "estimated" `c` | c ± 10%   |
| "just under" `c`                             | 10% below c up to c, c excluded              |
| "more than", "over", "above", "upwards of", "in excess of" `c` | above c        |
| "just over" `c`                              | above c up to 10% above                      |
| "well over" `c`                              | 10% above c or more                          |
| "at least" `c`                               | c or above                                   |
| "less than", "fewer than", "under", "below" `c` | below c                                   |
| "well under" `c`                             | 10% below c or less                          |
| "at most", "up to", "as many as", "as much as" `c` | c or below                             |
| range `low`-`high`                           | low - rounding .. high + rounding            |
| "hundreds", "thousands", ... (vague)         | low .. 10 x low                              |

A source amount that is itself a range or a bound agrees when all of it lies in the window,
disagrees when none of it does, and is partial otherwise. A source value exactly on an excluded
bound ("more than 800" against a source's 800) is partial, not a contradiction: it is usually
rounding on one side or the other.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.model import Quantity

EXACT_CAP = 0.05
STRICT_CAP = 0.005
SMALL_WHOLE = 20
NEARLY_BELOW, NEARLY_ABOVE = 0.10, 0.01
ABOUT = 0.10
ABOUT_CLOSE = 0.05
JUST = 0.10
BOUND_TOUCH = 0.005

NEARLY = frozenset({"nearly", "almost", "close to"})
APPROXIMATE = frozenset({"about", "around", "approximately", "roughly", "some", "estimated"})
STRICT = frozenset({"exactly", "precisely"})
ABOVE = frozenset({"more than", "over", "above", "upwards of", "in excess of"})
BELOW = frozenset({"less than", "fewer than", "under", "below"})

_DIGITS = re.compile(r"\d[\d,\u00a0 ]*(?:\.(\d+))?")


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def contains(self, other: Interval) -> bool:
        low_ok = other.low > self.low or (
            other.low == self.low and not (self.low_open and not other.low_open)
        )
        high_ok = other.high < self.high or (
            other.high == self.high and not (self.high_open and not other.high_open)
        )
        return low_ok and high_ok

    def disjoint(self, other: Interval) -> bool:
        if other.high < self.low or other.low > self.high:
            return True
        if other.high == self.low and (self.low_open or other.high_open):
            return True
        return other.low == self.high and (self.high_open or other.low_open)

    def describe(self, fmt: Callable[[float], str] | None = None) -> str:
        show = fmt or _fmt
        if math.isinf(self.high) and math.isinf(self.low):
            return "any value"
        if math.isinf(self.high):
            return f"{'above' if self.low_open else 'at least'} {show(self.low)}"
        if math.isinf(self.low):
            return f"{'below' if self.high_open else 'at most'} {show(self.high)}"
        return f"{show(self.low)} to {show(self.high)}"


@dataclass(frozen=True, slots=True)
class Comparison:
    outcome: str  # "consistent" | "partial" | "inconsistent"
    gap: float | None  # (source - claim) / claim, None when either side has no single value
    window: Interval
    rule: str


def _fmt(value: float) -> str:
    if value != value or math.isinf(value):
        return str(value)
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.4g}"


def rounding(quantity: Quantity, value: float) -> float:
    """Half a unit in the last significant digit of `value` as the quantity's text writes it."""
    match = _DIGITS.search(quantity.text)
    if match is None or not match.group(0).strip():
        written = abs(value)
        digits_value = written
        decimals = 0
        trailing = 0
        if float(written).is_integer() and written >= 10:
            # Word numbers: "two million" is known to its leading figure only.
            text = f"{written:.0f}"
            trailing = len(text) - len(text.rstrip("0"))
        scale = 1.0
    else:
        raw = re.sub(r"[,\u00a0 ]", "", match.group(0)).rstrip(".")
        decimals = len(match.group(1) or "")
        try:
            digits_value = float(raw)
        except ValueError:
            return abs(value) * EXACT_CAP
        integer = raw.split(".")[0]
        trailing = 0 if decimals else len(integer) - len(integer.rstrip("0"))
        if integer.strip("0") == "":
            trailing = 0
        scale = abs(value) / digits_value if digits_value else 1.0
    unit_in_last_place = 10.0 ** (trailing - decimals) * scale
    return unit_in_last_place / 2


def _exact_tolerance(quantity: Quantity, value: float, strict: bool) -> float:
    half = rounding(quantity, value)
    if strict:
        return min(half, STRICT_CAP * abs(value))
    if abs(value) < SMALL_WHOLE and float(value).is_integer():
        return min(half, 0.5)
    return min(half, EXACT_CAP * abs(value))


def window(quantity: Quantity, factor: float = 1.0) -> tuple[Interval, str] | None:
    """The source values that agree with the claim's amount, and the rule in words."""
    q = (quantity.qualifier or "").lower()
    if quantity.value is None:
        if quantity.low is not None and quantity.high is not None:
            low, high = quantity.low * factor, quantity.high * factor
            pad_low = _exact_tolerance(quantity, low, False)
            pad_high = min(rounding(quantity, high), EXACT_CAP * abs(high))
            return Interval(low - pad_low, high + pad_high), "within the claimed range"
        if quantity.low is not None:
            low = quantity.low * factor
            return Interval(low, low * 10, high_open=True), "within the vague amount's order"
        return None
    c = quantity.value * factor
    if q in NEARLY:
        return Interval(c * (1 - NEARLY_BELOW), c * (1 + NEARLY_ABOVE)), (
            f"'{q}' allows up to 10% below and rounding up"
        )
    if q == "just under":
        return Interval(c * (1 - JUST), c, high_open=True), "'just under' means up to 10% below"
    if q in APPROXIMATE:
        return Interval(c * (1 - ABOUT), c * (1 + ABOUT)), f"'{q}' allows 10% either way"
    if q in ABOVE:
        return Interval(c, math.inf, low_open=True), f"'{q}' means above"
    if q == "just over":
        return Interval(c, c * (1 + JUST), low_open=True), "'just over' means up to 10% above"
    if q == "well over":
        return Interval(c * (1 + JUST), math.inf), "'well over' means at least 10% above"
    if q == "at least":
        return Interval(c, math.inf), "'at least' means this or more"
    if q in BELOW:
        return Interval(-math.inf, c, high_open=True), f"'{q}' means below"
    if q == "well under":
        return Interval(-math.inf, c * (1 - JUST)), "'well under' means at least 10% below"
    if q in ("at most", "up to", "as many as", "as much as"):
        return Interval(-math.inf, c), f"'{q}' means this or less"
    tolerance = _exact_tolerance(quantity, c, q in STRICT)
    rule = "within rounding" if q not in STRICT else f"'{q}' allows only rounding"
    return Interval(c - tolerance, c + tolerance), rule


def source_interval(quantity: Quantity, factor: float = 1.0) -> Interval | None:
    """What a source's amount asserts, in the claim's unit."""
    q = (quantity.qualifier or "").lower()
    if quantity.value is None:
        if quantity.low is not None and quantity.high is not None:
            return Interval(quantity.low * factor, quantity.high * factor)
        if quantity.low is not None:
            return Interval(quantity.low * factor, quantity.low * factor * 10, high_open=True)
        return None
    v = quantity.value * factor
    if q in ABOVE or q in ("just over", "well over", "at least"):
        return Interval(v, math.inf, low_open=q != "at least")
    if q in BELOW or q in ("just under", "well under", "at most", "up to", "as many as"):
        return Interval(-math.inf, v, high_open=q not in ("at most", "up to", "as many as"))
    return Interval(v, v)


def representative(quantity: Quantity) -> float | None:
    if quantity.value is not None:
        return quantity.value
    if quantity.low is not None and quantity.high is not None:
        return (quantity.low + quantity.high) / 2
    return quantity.low if quantity.low is not None else quantity.high


def compare(claim: Quantity, source: Quantity, factor: float = 1.0) -> Comparison | None:
    """Whether the source's amount (times `factor` into the claim's unit) agrees with the claim."""
    accepted = window(claim)
    asserted = source_interval(source, factor)
    if accepted is None or asserted is None:
        return None
    interval, rule = accepted
    claimed, stated = representative(claim), representative(source)
    gap = None
    if claimed and stated is not None:
        gap = (stated * factor - claimed) / abs(claimed)
    if interval.contains(asserted):
        outcome = "consistent"
    elif interval.disjoint(asserted):
        outcome = "inconsistent"
        touches = (
            interval.low_open
            and abs(asserted.high - interval.low) <= BOUND_TOUCH * abs(interval.low)
        ) or (
            interval.high_open
            and abs(asserted.low - interval.high) <= BOUND_TOUCH * abs(interval.high)
        )
        if touches:
            outcome = "partial"
    else:
        outcome = "partial"
    return Comparison(outcome, gap, interval, rule)
