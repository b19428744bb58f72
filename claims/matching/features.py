"""What matching needs of one claim, built once per claim and cheap to compare."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claims.extraction.dates import DateContext, find_dates
from claims.extraction.quantities import find_quantities
from claims.matching.amounts import Amount, amount_from_stored
from claims.matching.terms import term_weight, terms_of
from claims.normalized_codec import (
    MAX_ITEMS,
    NormalizedValues,
    StoredDate,
    decode,
    from_extraction,
)

# A claim is one sentence; an API query longer than this is cut rather than scanned whole.
MAX_TEXT_CHARS = 2000
_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?|--(?P<only_month>\d{2})"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_MAX_ITEMS = MAX_ITEMS  # more amounts or dates than this in one claim is not a claim
_MAX_INTERVAL_YEARS = 12  # a decade or a span of years narrows a claim down; a century does not


@dataclass(frozen=True, slots=True)
class MatchFeatures:
    """Normalized terms, amounts and dates of one claim."""

    tokens: frozenset[str]
    quantities: tuple[Amount, ...]
    years: frozenset[int]
    months: frozenset[int]  # months named with or without a year (1-12)
    directions: frozenset[str]  # "rise" and/or "fall"
    weight: float  # sum of the term weights of `tokens`
    terms: tuple[str, ...]  # surface words behind the tokens, rare first
    direction_words: tuple[str, ...] = ()
    days: frozenset[str] = frozenset()  # whole dates ("2026-03-10"), from a named or relative day


def _clean(text: object) -> str:
    if not isinstance(text, str):
        return ""
    return _CONTROL.sub(" ", text[:MAX_TEXT_CHARS])


def _date_parts(
    dates: Sequence[StoredDate],
) -> tuple[frozenset[int], frozenset[int], frozenset[str]]:
    years: set[int] = set()
    months: set[int] = set()
    days: set[str] = set()
    for mention in dates[:_MAX_ITEMS]:
        value = mention.value
        if value is None:
            continue
        if "/" in value:
            _interval_parts(value.strip(), years, months)
            continue
        match = _ISO.match(value.strip())
        if not match:
            continue
        if match.group("year"):
            years.add(int(match.group("year")))
        month = match.group("month") or match.group("only_month")
        if month and 1 <= int(month) <= 12:
            months.add(int(month))
        if match.group("day"):
            days.add(match.group(0))
    return frozenset(years), frozenset(months), frozenset(days)


def _interval_parts(value: str, years: set[int], months: set[int]) -> None:
    """The years (and, within one year, the months) an interval like "1990/1999" spans.

    Its days are bounds, not the day of an event, so they are left out; so is a span too long
    (a century) to tell two claims apart.
    """
    start, _, end = value.partition("/")
    first, last = _ISO.fullmatch(start), _ISO.fullmatch(end)
    if first is None or last is None or not first.group("year") or not last.group("year"):
        return
    low, high = int(first.group("year")), int(last.group("year"))
    if not 0 <= high - low <= _MAX_INTERVAL_YEARS:
        return
    years.update(range(low, high + 1))
    if low == high and first.group("month") and last.group("month"):
        months.update(range(int(first.group("month")), int(last.group("month")) + 1))


def _build(text: str, values: NormalizedValues) -> MatchFeatures:
    terms = terms_of(text)
    amounts: list[Amount] = []
    for item in values.quantities[:_MAX_ITEMS]:
        amount = amount_from_stored(item)
        if amount is not None:
            amounts.append(amount)
    years, months, days = _date_parts(values.dates)
    return MatchFeatures(
        tokens=terms.tokens,
        quantities=tuple(amounts),
        years=years,
        months=months,
        days=days,
        directions=terms.directions,
        weight=float(sum(term_weight(t) for t in terms.tokens)),
        terms=terms.surface,
        direction_words=terms.direction_words,
    )


def features_from_claim(
    text: str, normalized: NormalizedValues | Mapping[str, Any] | None
) -> MatchFeatures:
    """Features of a stored claim, from its text and its `normalized` amounts and dates.

    `normalized` is the stored JSON or its decoded values. Without one at all (a claim stored
    before normalization existed, or a row holding no object) the amounts and dates are read
    from the text.
    """
    if isinstance(normalized, NormalizedValues):
        return _build(_clean(text), normalized)
    if not isinstance(normalized, Mapping):
        return features_from_text(text)
    return _build(_clean(text), decode(normalized))


def features_from_text(text: str, *, reference_date: datetime.date | None = None) -> MatchFeatures:
    """Features of free text (a search query): amounts and dates found by the extractor's readers.

    `reference_date` resolves "last year"; without it such dates stay unresolved.
    """
    clean = _clean(text)
    mentions, _ = find_dates(clean, 0, len(clean), DateContext(reference_date))
    taken = [(m.start, m.end) for m in mentions]
    found = find_quantities(clean, 0, len(clean), taken)
    return _build(clean, from_extraction(found, mentions))


def search_text(features: MatchFeatures, *, limit: int = 12) -> str:
    """The salient words of a claim, rarest first, for a database text-search query."""
    return " ".join(features.terms[:limit])
