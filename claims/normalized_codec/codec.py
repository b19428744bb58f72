"""Encoding `NormalizedValues` as the JSON a claim row stores, and reading any stored value back."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from claims.normalized_codec.model import NormalizedValues, StoredDate, StoredQuantity

if TYPE_CHECKING:
    from claims.extraction.model import DateMention, Quantity

# More amounts or dates than this in one claim is not a claim: a row holding more (hand-edited,
# or corrupt) is read up to here, so no reader pays for the rest.
MAX_ITEMS = 50
# Integral numbers below this are stored as ints, so the JSON shows 800000000, not 800000000.0.
_INT_LIMIT = 1e18

QuantityDict = dict[str, Any]
DateDict = dict[str, Any]


def _number(raw: object) -> float | None:
    """A finite number, an integral one as int; numeric text ("1,200") counts, a bool does not."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        try:
            float(raw)
        except OverflowError:  # a JSON integer past any float: no reader could compare it
            return None
        return raw
    if isinstance(raw, float):
        value = raw
    elif isinstance(raw, str):
        try:
            value = float(raw.replace(",", "").strip())
        except ValueError:
            return None
    else:
        return None
    if not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < _INT_LIMIT:
        return int(value)
    return value


def _text(raw: object) -> str:
    return raw if isinstance(raw, str) else ""


def _unit(raw: object) -> str | None:
    return (raw.strip() or None) if isinstance(raw, str) else None


def _qualifier(raw: object) -> str | None:
    # An empty qualifier stays "": matching has always read any qualifier string but the exact
    # ones as approximate, and stored rows must keep matching as they did.
    return raw.strip() if isinstance(raw, str) else None


def _date_value(raw: object) -> str | None:
    return (raw.strip() or None) if isinstance(raw, str) else None


def _items(raw: object) -> list[object]:
    return list(raw[:MAX_ITEMS]) if isinstance(raw, list | tuple) else []


def stored_quantity(quantity: Quantity) -> StoredQuantity:
    """The stored form of one amount the extractor found."""
    return StoredQuantity(
        text=_text(quantity.text),
        value=_number(quantity.value),
        low=_number(quantity.low),
        high=_number(quantity.high),
        unit=_unit(quantity.unit),
        approximate=quantity.approximate is True,
        qualifier=_qualifier(quantity.qualifier),
    )


def stored_date(mention: DateMention) -> StoredDate:
    """The stored form of one date the extractor found."""
    return StoredDate(text=_text(mention.text), value=_date_value(mention.value))


def from_extraction(
    quantities: Iterable[Quantity], dates: Iterable[DateMention]
) -> NormalizedValues:
    """The stored values of an extracted claim's amounts and dates."""
    return NormalizedValues(
        quantities=tuple(stored_quantity(q) for q in quantities),
        dates=tuple(stored_date(d) for d in dates),
    )


def encode_quantity(quantity: StoredQuantity) -> QuantityDict:
    """One amount as stored JSON; the keys and their order are those rows hold today."""
    return {
        "text": quantity.text,
        "value": _number(quantity.value),
        "low": _number(quantity.low),
        "high": _number(quantity.high),
        "unit": quantity.unit,
        "approximate": quantity.approximate,
        "qualifier": quantity.qualifier,
    }


def encode_date(mention: StoredDate) -> DateDict:
    """One date as stored JSON."""
    return {"text": mention.text, "value": mention.value}


def encode(values: NormalizedValues) -> dict[str, list[dict[str, Any]]]:
    """The JSON `Claim.normalized` stores: {"quantities": [...], "dates": [...]}."""
    return {
        "quantities": [encode_quantity(q) for q in values.quantities],
        "dates": [encode_date(d) for d in values.dates],
    }


def decode_quantity(raw: object) -> StoredQuantity | None:
    """One stored amount, None when it is not an object or has neither text nor a number.

    Fields missing (rows from before they existed) or of the wrong type read as their defaults.
    """
    if not isinstance(raw, Mapping):
        return None
    quantity = StoredQuantity(
        text=_text(raw.get("text")),
        value=_number(raw.get("value")),
        low=_number(raw.get("low")),
        high=_number(raw.get("high")),
        unit=_unit(raw.get("unit")),
        approximate=raw.get("approximate") is True,
        qualifier=_qualifier(raw.get("qualifier")),
    )
    if not quantity.has_number and not quantity.text.strip():
        return None
    return quantity


def decode_date(raw: object) -> StoredDate | None:
    """One stored date, None when it is not an object or has neither text nor a value."""
    if not isinstance(raw, Mapping):
        return None
    mention = StoredDate(text=_text(raw.get("text")), value=_date_value(raw.get("value")))
    if mention.value is None and not mention.text.strip():
        return None
    return mention


def decode(value: object) -> NormalizedValues:
    """What a stored `normalized` value says; never raises, whatever the row holds.

    Anything but an object (None, a list, a string) reads as no values; items that cannot be read
    are dropped and the rest kept, in order, up to MAX_ITEMS of each list as stored.
    """
    if not isinstance(value, Mapping):
        return NormalizedValues()
    quantities = (decode_quantity(item) for item in _items(value.get("quantities")))
    dates = (decode_date(item) for item in _items(value.get("dates")))
    return NormalizedValues(
        quantities=tuple(q for q in quantities if q is not None),
        dates=tuple(d for d in dates if d is not None),
    )


def clean(value: object) -> dict[str, list[dict[str, Any]]]:
    """A stored value as the codec reads it, in the stored shape: what a reader may pass on."""
    return encode(decode(value))
