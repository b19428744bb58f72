"""Find amounts in a sentence: counts, money, percentages, measures, durations, ranges, shares,
multipliers and ranks, each normalized to a value and a unit."""

from __future__ import annotations

from claims.extraction.quantities.finder import find_quantities
from claims.extraction.quantities.outlet import (
    DEFAULT_CONTEXT,
    QuantityContext,
    outlet_context,
    outlet_country,
)
from claims.extraction.quantities.pattern import NUMBER_GATE, NUMBER_STARTS

__all__ = [
    "DEFAULT_CONTEXT",
    "NUMBER_GATE",
    "NUMBER_STARTS",
    "QuantityContext",
    "find_quantities",
    "outlet_context",
    "outlet_country",
]
