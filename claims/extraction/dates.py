"""Find dates in a sentence and normalize them to ISO prefixes ("1989", "1989-02", "1989-02-15").

Relative dates resolve against the article's published date ("last month") or against the last
absolute date the article gave ("three years later").
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from claims.extraction.lexicon import MONTHS, ONES, TENS, WEEKDAYS
from claims.extraction.model import DateMention
from claims.extraction.numbers import _GROUP, parse_word_number
from claims.extraction.scan import DIGIT, Tokens, scan

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"

_ABSOLUTE = re.compile(
    rf"\b(?P<iy>\d{{4}})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01])\b"
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b,?\s*(?P<y1>{_YEAR})\b"
    rf"|\b(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
    rf"|\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b"
    rf"|\b(?P<m4>{_MONTH})\s+(?P<d4>{_DAY})\b(?![,.]?\d|\s*(?:%|percent|per cent))"
    rf"|\b(?P<d5>{_DAY})\s+(?:of\s+)?(?P<m5>{_MONTH})(?![a-z])"
    rf"|\b(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<n3>\d{{4}}|\d{{2}})\b"
    rf"|\b(?P<fy>{_YEAR})[-–/](?P<fy2>\d{{2}})\b(?![-–/.,]?\d)"
    rf"|(?P<mid>\bmid-)?\b(?P<y6>{_YEAR})\b(?!\s*(?:%|percent|per cent|[,.]\d))"
    rf"|\b(?P<mo>{_MONTH})(?![a-z])"
)
_RELATIVE = re.compile(
    r"\b(?P<dir>last|this|next|coming|previous)\s+(?P<unit>year|month|week|quarter)\b"
    r"|\b(?P<deictic>yesterday|today|tomorrow|tonight)\b"
    rf"|\b(?P<num>{_GROUP}|\d{{1,3}}|an?)\s+(?P<u2>years?|months?|weeks?|days?|decades?)\s+"
    r"(?P<rel>ago|later(?!\s+than)|earlier(?!\s+than)|afterwards?|before(?=\s*[,.;:])|"
    r"after(?=\s*[,.;:]))\b"
    r"|\b(?:the\s+)?(?P<ord>following|next|previous|preceding|same)\s+(?P<u3>year|month|day)\b"
    r"|\b(?P<when>earlier|later)\s+this\s+(?P<u4>year|month)\b"
    r"|\b(?:(?P<wdir>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b(?!s)",
    re.I,
)
_TIME_WORDS = [
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "decades",
    "quarter",
]
_DEICTIC = ["yesterday", "today", "tomorrow", "tonight"]
# A sentence without one of these words holds no date; matches start at the *_STARTS words.
DATE_GATE = frozenset([*MONTHS, *WEEKDAYS, *_TIME_WORDS, *_DEICTIC, DIGIT])
_ABSOLUTE_STARTS = frozenset([*MONTHS, "mid", DIGIT])
_RELATIVE_STARTS = frozenset(
    [*ONES, *TENS, *WEEKDAYS, *_DEICTIC, DIGIT, "last", "this", "next", "coming", "previous",
     "the", "following", "preceding", "same", "earlier", "later", "a", "an"]
)  # fmt: skip
_MONTH_NEEDS_PREPOSITION = frozenset({"may", "march", "june", "august", "jan", "mar", "jun"})
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|last|next|this|early|late|mid|of|during|before|after|"
    r"through|between|and|to|each|every|on|that|until|or)\s+\Z|mid-\Z",
    re.I,
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"[$€£¥₹#]\s?\Z|\b(?:no|number|section|article|room|page)\.?\s+\Z", re.I
)
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|jobs|deaths|cases|workers|students|members|"
    r"troops|soldiers|votes|voters|homes|houses|families|patients|refugees|migrants|employees|"
    r"tonnes|tons|km|miles|acres|hectares|feet|metres|meters)\b",
    re.I,
)
_RANGE_GAP = re.compile(r"\A\s*(?:-|–|—|to|until|till|through|and)\s*\Z", re.I)
_RANGE_START = re.compile(r"\b(?:from|between)\s+\Z", re.I)


@dataclass(slots=True)
class DateContext:
    """What relative dates resolve against; `anchor` follows the article as it is read."""

    published: date | None
    anchor: tuple[int, int | None, int | None] | None = None


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _nearest_year(month: int, day: int | None, ctx: DateContext) -> int | None:
    """The year for a date given without one: the one closest to the published date."""
    if ctx.published is None:
        return ctx.anchor[0] if ctx.anchor else None
    best: int | None = None
    best_gap = 10**9
    for year in (ctx.published.year - 1, ctx.published.year, ctx.published.year + 1):
        if not _valid(year, month, day or 1):
            continue
        gap = abs((date(year, month, day or 1) - ctx.published).days)
        if gap < best_gap:
            best, best_gap = year, gap
    return best


def _absolute(text: str, m: re.Match[str], ctx: DateContext) -> tuple[str | None, bool] | None:
    """(value, is an anchor) for one absolute match, None when the match is not a date."""
    g = m.groupdict()
    if g["iy"]:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        return (_iso(year, month, day), True) if _valid(year, month, day) else None
    for mk, dk, yk in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[mk]:
            year, month, day = int(g[yk]), _month(g[mk]), _day(g[dk])
            return (_iso(year, month, day), True) if _valid(year, month, day) else None
    if g["m3"]:
        return _iso(int(g["y3"]), _month(g["m3"])), True
    for mk, dk in (("m4", "d4"), ("m5", "d5")):
        if g[mk]:
            month, day = _month(g[mk]), _day(g[dk])
            if mk == "m4" and not _month_is_date(text, m.start(), g[mk]) and day > 31:
                return None
            year_or_none = _nearest_year(month, day, ctx)
            if year_or_none is None:
                # ISO 8601's form for a day of the year with the year unknown.
                return (f"--{month:02d}-{day:02d}", False) if _valid(2000, month, day) else None
            if not _valid(year_or_none, month, day):
                return None
            return _iso(year_or_none, month, day), False
    if g["n1"]:
        first, second, year = int(g["n1"]), int(g["n2"]), int(g["n3"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        month, day = (second, first) if first > 12 else (first, second)
        return (_iso(year, month, day), True) if _valid(year, month, day) else None
    if g["fy"]:
        return _iso(int(g["fy"])), True
    if g["y6"]:
        if _NOT_A_YEAR_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            return None
        if _COUNT_NOUN_AFTER.match(text, m.end()):
            return None
        return _iso(int(g["y6"])), True
    if g["mo"]:
        if not _month_is_date(text, m.start(), g["mo"]):
            return None
        month = _month(g["mo"])
        year_or_none = _nearest_year(month, None, ctx)
        return (_iso(year_or_none, month) if year_or_none else f"--{month:02d}"), False
    return None


def _month_is_date(text: str, start: int, name: str) -> bool:
    if name.rstrip(".").lower() not in _MONTH_NEEDS_PREPOSITION:
        return True
    return bool(_PREPOSITION_BEFORE.search(text[max(0, start - 12) : start]))


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _relative(m: re.Match[str], ctx: DateContext) -> str | None:
    g = m.groupdict()
    pub = ctx.published
    if g["dir"]:
        step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[g["dir"].lower()]
        unit = g["unit"].lower()
        if pub is None or unit in ("week", "quarter"):
            return None
        if unit == "year":
            return _iso(pub.year + step)
        return _iso(*_shift_months(pub.year, pub.month, step))
    if g["deictic"]:
        if pub is None:
            return None
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[g["deictic"].lower()]
        day = pub + timedelta(days=offset)
        return _iso(day.year, day.month, day.day)
    if g["num"]:
        return _counted(g["num"], g["u2"].lower().rstrip("s"), g["rel"].lower(), ctx)
    if g["ord"]:
        if ctx.anchor is None:
            return None
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "same": 0}[
            g["ord"].lower()
        ]
        return _from_anchor(ctx.anchor, g["u3"].lower(), step)
    if g["when"]:
        if pub is None:
            return None
        return _iso(pub.year) if g["u4"].lower() == "year" else _iso(pub.year, pub.month)
    if g["wd"]:
        if pub is None:
            return None
        target = WEEKDAYS[g["wd"].lower()]
        back = (pub.weekday() - target) % 7
        direction = (g["wdir"] or "").lower()
        if direction == "next":
            day = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            if direction == "last" and back == 0:
                back = 7
            day = pub - timedelta(days=back)
        return _iso(day.year, day.month, day.day)
    return None


def _counted(number: str, unit: str, relation: str, ctx: DateContext) -> str | None:
    amount = parse_word_number(number) if not number.isdigit() else float(number)
    if amount is None or not amount.is_integer():
        return None
    n = int(amount)
    if unit == "decade":
        unit, n = "year", n * 10
    sign = -1 if relation in ("ago", "earlier", "before") else 1
    if relation == "ago":
        if ctx.published is None:
            return None
        pub = ctx.published
        return _from_anchor((pub.year, pub.month, pub.day), unit, sign * n)
    if ctx.anchor is None:
        return None
    return _from_anchor(ctx.anchor, unit, sign * n)


def _from_anchor(anchor: tuple[int, int | None, int | None], unit: str, step: int) -> str | None:
    year, month, day = anchor
    if unit == "year":
        return _iso(year + step)
    if month is None:
        return None
    if unit == "month":
        return _iso(*_shift_months(year, month, step))
    if day is None:
        return None
    days = step * 7 if unit == "week" else step
    moved = date(year, month, day) + timedelta(days=days)
    return _iso(moved.year, moved.month, moved.day)


def _anchor_of(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(p) for p in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def find_dates(
    text: str, start: int, end: int, ctx: DateContext, tokens: Tokens | None = None
) -> tuple[list[DateMention], list[tuple[int, int]]]:
    """Dates in text[start:end] and the spans of date ranges ("from 1870 to 2020")."""
    tokens = tokens or Tokens(text, start, end)
    if not tokens.has(DATE_GATE):
        return [], []
    relative = scan(_RELATIVE, text, tokens.starts(_RELATIVE_STARTS), end)
    absolute = scan(_ABSOLUTE, text, tokens.starts(_ABSOLUTE_STARTS), end)
    candidates = [(m.start(), 0, m) for m in relative]
    candidates += [(m.start(), 1, m) for m in absolute]
    candidates.sort(key=lambda item: (item[0], item[1]))
    mentions: list[DateMention] = []
    # Resolved in reading order, so "in 2026, two years later" counts from the date before it.
    for _, is_absolute, m in candidates:
        if mentions and m.start() < mentions[-1].end:
            continue
        if not is_absolute:
            mentions.append(DateMention(m.group(0), m.start(), m.end(), _relative(m, ctx)))
            continue
        read = _absolute(text, m, ctx)
        if read is None:
            continue
        value, is_anchor = read
        mentions.append(DateMention(m.group(0), m.start(), m.end(), value))
        if is_anchor and value:
            ctx.anchor = _anchor_of(value)
    ranges: list[tuple[int, int]] = []
    for first, second in pairwise(mentions):
        gap = text[first.end : second.start]
        joined = _RANGE_GAP.match(gap) and (
            gap.strip() != "and" or _RANGE_START.search(text[max(0, first.start - 9) : first.start])
        )
        if joined and first.value and second.value and first.value < second.value:
            ranges.append((first.start, second.end))
    for mention in mentions:
        if re.fullmatch(rf"{_YEAR}[-–/]\d{{2}}", mention.text):
            ranges.append((mention.start, mention.end))
    return mentions, ranges
