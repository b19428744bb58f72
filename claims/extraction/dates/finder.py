"""Finding every date in a sentence, in reading order, and joining ranges into intervals."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.dates.absolute import CALENDAR, HOLIDAY
from claims.extraction.dates.calendar import interval, iso, last_day
from claims.extraction.dates.context import DateContext, Reading, Recogniser, Scope
from claims.extraction.dates.periods import PERIOD
from claims.extraction.dates.relative import RELATIVE
from claims.extraction.model import DateMention
from claims.extraction.scan import Tokens, scan

# Longest first at one position: "Monday, January 6, 2020" before "Monday", "last June" before
# "June". The order breaks ties between matches of the same length.
RECOGNISERS: tuple[Recogniser, ...] = (RELATIVE, CALENDAR, PERIOD, HOLIDAY)
# A sentence without one of these words holds no date.
DATE_GATE = frozenset().union(*(r.gate for r in RECOGNISERS))

_RANGE_GAP = re.compile(r"\A\s*(?:-|–|—|to|until|till|through|thru|and)\s*\Z", re.I)
_RANGE_START = re.compile(r"\b(?:from|between)\s+\Z", re.I)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    reading: Reading


def find_dates(
    text: str, start: int, end: int, ctx: DateContext, tokens: Tokens | None = None
) -> tuple[list[DateMention], list[tuple[int, int]]]:
    """Dates in text[start:end] and the spans of date ranges ("from 1870 to 2020")."""
    tokens = tokens or Tokens(text, start, end)
    if not tokens.has(DATE_GATE):
        return [], []
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for order, recogniser in enumerate(RECOGNISERS):
        if not tokens.has(recogniser.gate):
            continue
        for match in scan(recogniser.pattern, text, tokens.starts(recogniser.starts), end):
            candidates.append((match.start(), -match.end(), order, match))
    if not candidates:
        return [], []
    candidates.sort(key=lambda item: item[:3])
    scope = Scope(text, start, end, ctx, tokens.words)
    found: list[_Found] = []
    # Read in reading order, so "in 2026, two years later" counts from the date before it.
    for match_start, _, order, match in candidates:
        if found and match_start < found[-1].end:
            continue
        reading = RECOGNISERS[order].read(match, scope)
        if reading is None:
            continue
        found.append(_Found(match_start, match.end(), reading))
        if reading.anchor is not None:
            ctx.anchor = reading.anchor
            if reading.explicit_year:
                scope.sentence_year = reading.anchor[0]
    return _with_ranges(text, found)


def _with_ranges(text: str, found: list[_Found]) -> tuple[list[DateMention], list[tuple[int, int]]]:
    mentions: list[DateMention] = []
    ranges: list[tuple[int, int]] = []
    i = 0
    while i < len(found):
        item = found[i]
        joined = _joined(text, item, found[i + 1]) if i + 1 < len(found) else None
        if joined is not None:
            mentions.append(joined)
            ranges.append((joined.start, joined.end))
            i += 2
            continue
        value = item.reading.value
        mentions.append(DateMention(text[item.start : item.end], item.start, item.end, value))
        if item.reading.is_range:
            ranges.append((item.start, item.end))
        i += 1
    return mentions, ranges


def _joined(text: str, first: _Found, second: _Found) -> DateMention | None:
    """ "from March 2012 to August 2016" as one interval, 2012-03/2016-08."""
    gap = text[first.end : second.start]
    if not _RANGE_GAP.match(gap):
        return None
    if gap.strip().lower() == "and" and not _RANGE_START.search(
        text[max(0, first.start - 9) : first.start]
    ):
        return None
    low, high = first.reading.value, second.reading.value
    if low is None or high is None or low.startswith("--") or high.startswith("--"):
        return None
    low, high = low.split("/")[0], high.split("/")[-1]
    low = _with_year_of(first.reading, low, high)
    low, high = _edges(first.reading, low, high), _edges(second.reading, high, low)
    if not low < high:
        return None
    return DateMention(text[first.start : second.end], first.start, second.end, interval(low, high))


def _with_year_of(reading: Reading, low: str, high: str) -> str:
    """The start of "from January to March 2020" takes the year its end gives."""
    if reading.explicit_year or reading.parts is None:
        return low
    month, day = reading.parts
    year = int(high[:4])
    parts = [int(p) for p in high.split("-")[1:]]
    end_month = parts[0] if parts else 12
    end_day = parts[1] if len(parts) > 1 else last_day(year, end_month)
    if (month, day or 1) > (end_month, end_day):
        year -= 1
    return iso(year, month, day)


def _edges(reading: Reading, value: str, other: str) -> str:
    """ "the end of the year" at the precision of the range's other end."""
    if reading.edge is None:
        return value
    precision = other.count("-")
    if reading.edge == "year" and precision == 0:
        return value[:4]
    if precision <= 1:
        return value[:7]
    return value
