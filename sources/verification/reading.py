"""The amounts and dates a source passage gives, read with the extraction library's recognisers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claims.extraction.dates import DateContext, find_dates
from claims.extraction.model import DateMention, Quantity
from claims.extraction.quantities import find_quantities
from sources.verification.passages import Passage


@dataclass(frozen=True, slots=True)
class PassageReading:
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    ranges: tuple[tuple[int, int], ...]


def read(text: str, passage: Passage, published: date | None = None) -> PassageReading:
    """Offsets in the result are offsets into `text`, the whole snapshot."""
    return _read(text, passage.start, passage.end, published)


@lru_cache(maxsize=256)
def _read(text: str, start: int, end: int, published: date | None) -> PassageReading:
    # The source's own publication date is unknown here, so relative dates ("last year") in it
    # stay unresolved unless the caller passes one; absolute dates are what sources give anyway.
    dates, ranges = find_dates(text, start, end, DateContext(published))
    taken = [(d.start, d.end) for d in dates]
    quantities = find_quantities(text, start, end, taken)
    return PassageReading(tuple(quantities), tuple(dates), tuple(ranges))


def year_of(mention: DateMention) -> int | None:
    value = mention.value or ""
    if len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def nearest_year(reading: PassageReading, start: int, end: int) -> DateMention | None:
    """The dated mention closest to [start, end) in the passage, if the passage dates anything."""
    best: DateMention | None = None
    best_gap = 10**9
    for mention in reading.dates:
        if year_of(mention) is None:
            continue
        gap = mention.start - end if mention.start >= end else start - mention.end
        gap = max(gap, 0)
        if gap < best_gap:
            best, best_gap = mention, gap
    return best
