"""What an amount measures, and converting between units of the same dimension.

Currencies are never converted (the rate depends on a date the claim rarely gives); a
percentage and a change in percentage points are different dimensions on purpose.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claims.extraction.model import Quantity

# unit -> (dimension, factor to the dimension's base unit)
_FACTORS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1 / 86_400), "minute": ("duration", 1 / 1_440),
    "hour": ("duration", 1 / 24), "day": ("duration", 1.0), "week": ("duration", 7.0),
    "month": ("duration", 365.25 / 12), "year": ("duration", 365.25),
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0),
    "km": ("length", 1_000.0), "inch": ("length", 0.0254), "ft": ("length", 0.3048),
    "mile": ("length", 1_609.344),
    "mg": ("mass", 1e-6), "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.45359237),
    "tonne": ("mass", 1_000.0), "ton": ("mass", 907.18474),
    "ml": ("volume", 0.001), "litre": ("volume", 1.0), "gallon": ("volume", 3.785411784),
    "barrel": ("volume", 158.987294928), "m3": ("volume", 1_000.0), "ft3": ("volume", 28.316846592),
    "m2": ("area", 1.0), "ft2": ("area", 0.09290304), "acre": ("area", 4_046.8564224),
    "hectare": ("area", 10_000.0), "km2": ("area", 1e6), "mile2": ("area", 2_589_988.110336),
    "km/h": ("speed", 1.0), "mph": ("speed", 1.609344), "knot": ("speed", 1.852),
    "kW": ("power", 1.0), "MW": ("power", 1e3), "GW": ("power", 1e6),
    "kWh": ("energy", 1.0), "MWh": ("energy", 1e3), "GWh": ("energy", 1e6), "TWh": ("energy", 1e9),
    "MB": ("data", 1.0), "GB": ("data", 1e3), "TB": ("data", 1e6),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Dimension:
    """What is measured ("money", "percent", "length", ...) and, for money, in what currency."""

    kind: str
    unit: str | None

    def describe(self) -> str:
        if self.kind == "money":
            return f"money in {self.unit}"
        if self.kind == "count":
            return "a count"
        return self.kind if self.unit in (None, self.kind) else f"{self.kind} ({self.unit})"


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def dimension(quantity: Quantity) -> Dimension:
    unit = quantity.unit
    if unit is None:
        return Dimension("count", None)
    if _is_currency(unit):
        return Dimension("money", unit)
    if unit == "percent":
        return Dimension("percent", None)
    if unit == "percentage point":
        return Dimension("percentage points", None)
    if unit in _FACTORS:
        return Dimension(_FACTORS[unit][0], None)
    return Dimension(unit, unit)


def conversion(from_unit: str | None, to_unit: str | None) -> float | None:
    """The factor turning an amount in `from_unit` into `to_unit`; None when they do not convert."""
    if from_unit == to_unit:
        return 1.0
    if from_unit is None or to_unit is None:
        return None
    source, target = _FACTORS.get(from_unit), _FACTORS.get(to_unit)
    if source is None or target is None or source[0] != target[0]:
        return None
    return source[1] / target[1]


def comparable(claim: Quantity, source: Quantity) -> bool:
    return dimension(claim) == dimension(source) and conversion(source.unit, claim.unit) is not None


_SCALE_NAMES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def _figure(value: float) -> str:
    """Three significant figures, never in exponent form, without trailing zeros."""
    if value == 0:
        return "0"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_amount(value: float, unit: str | None) -> str:
    """A number as a reader writes it: "$790 million", "5.5 percent", "12 km"."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    number = ""
    for scale, name in _SCALE_NAMES:
        if abs(value) >= scale:
            number = f"{_figure(value / scale)} {name}"
            break
    if not number:
        number = f"{value:,.0f}" if float(value).is_integer() else _figure(value)
    if unit is None:
        return number
    if unit in _SYMBOLS:
        return f"{_SYMBOLS[unit]}{number}"
    if unit.isupper() and len(unit) == 3:
        return f"{unit} {number}"
    plural = "s" if unit in ("year", "month", "week", "day", "hour") and value != 1 else ""
    return f"{number} {unit}{plural}"
