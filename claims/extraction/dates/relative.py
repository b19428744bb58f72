"""Dates said relative to the time of writing or to the time the article last named.

"last week", "over the weekend", "on Friday", "last October", "this season" count from the
published date; "the day before", "a year earlier", "the following month" from the time the
sentence speaks of: the date the article last named, else the published date.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from datetime import date, timedelta

from claims.extraction.dates import calendar
from claims.extraction.dates.calendar import iso, iso_day, last_day, shift_months
from claims.extraction.dates.context import (
    Anchor,
    Reading,
    Recogniser,
    Scope,
    looks_ahead,
)
from claims.extraction.dates.vocabulary import MONTH, MONTHS, SEASON, SEASON_WORDS, WEEKDAYS
from claims.extraction.lexicon import ONES, TENS
from claims.extraction.numbers import _GROUP, parse_word_number
from claims.extraction.scan import DIGIT

_DIRECTION = r"this\s+past|this\s+coming|this|last|next|past|coming"
_RELATIVE = re.compile(
    r"(?P<ybl>the\s+year\s+before\s+last)\b"
    r"|the\s+day\s+(?P<dbt>before\s+yesterday|after\s+tomorrow)\b"
    r"|(?P<dir>last|this|next|coming|previous)\s+(?P<unit>year|month|week|quarter|century)\b"
    r"(?![\s-]+century)"
    r"|(?P<when>earlier|later)\s+(?P<in>this|in\s+the)\s+(?P<u4>year|month|week)\b"
    rf"|(?:(?P<wkdir>{_DIRECTION})|(?:over|at|on|during|throughout|across)\s+the)\s+weekend\b"
    rf"|(?P<sdir>{_DIRECTION})\s+(?P<sname>{SEASON})\b(?!\s+(?:in|of)\b)"
    r"|(?P<spdir>this\s+past|this|last|next|current|previous|past|coming)\s+season\b"
    rf"|(?P<mdir>this\s+past|this\s+coming|last|next|this)\s+(?-i:(?P<mname>{MONTH}))(?![a-z])"
    r"|(?:the\s+)?(?P<edge>end|start|beginning)\s+of\s+(?:(?P<edir>this|last|next)|the)\s+"
    r"(?P<eunit>year|month)\b"
    r"|(?P<deictic>yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening)|"
    r"last\s+night)\b"
    r"|(?:(?P<that>earlier|later)\s+)?that\s+(?P<u6>year|month|week|day)\b"
    rf"|(?P<num>{_GROUP}|\d{{1,3}}|an?)\s+(?P<u2>years?|months?|weeks?|days?|decades?)\s+"
    r"(?P<rel>ago|later(?!\s+than)|earlier(?!\s+than)|afterwards?|before(?=\s*[,.;:])|"
    r"after(?=\s*[,.;:])|prior(?=\s*[,.;:]))\b"
    r"|(?:the\s+)?(?P<ord>following|next|previous|preceding|same|prior)\s+"
    r"(?P<u3>year|month|week|day)\b"
    r"|the\s+(?P<u5>day|night|week|month|year)\s+(?P<ba>before|after|earlier|later|prior)\b"
    r"(?!\s+(?:than|that)\b)"
    r"|(?:(?P<wdir>last|next|this\s+past|this\s+coming|this|the\s+following|the\s+next|"
    r"the\s+previous|that|a|"
    r"every|each|one)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!s)",
    re.I,
)
_STEP = {"last": -1, "previous": -1, "past": -1, "this past": -1, "this": 0, "current": 0,
         "next": 1, "coming": 1, "this coming": 1}  # fmt: skip
# After "the day before", a date of its own says what the day is before ("the day after
# Christmas"): that one is read instead.
_DATE_AFTER = re.compile(
    rf"\s+(?:the\s+)?(?:{MONTH}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Christmas|Easter|Thanksgiving|New\s+Year|yesterday|today|tomorrow|\d)"
)
_WORD_AFTER = re.compile(r"\s+(?!(?:and|or|but)\b)[A-Za-z]")
# A weekday that names a newspaper or a programme: "the Sunday Times", "Monday Night Football".
_WEEKDAY_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Tribune|Independent|Observer|Mail|"
    r"Night|Sport|World)\b"
)
# "Today" is a date where it says when something happened or will: "said today", "earlier
# today"; not in "methods today achieve ..." or "today's hard drives".
_TODAY_INTRO = re.compile(r"\b(?:earlier|later|as\s+of|until|since|from|by|due)\s+\Z", re.I)
_TENSE_WORDS = frozenset(
    {"said", "told", "made", "met", "held", "won", "lost", "fell", "rose", "took", "gave",
     "went", "came", "began", "spoke", "wrote", "sent", "left", "hit", "struck", "sold", "paid",
     "found", "brought", "bought", "became", "broke", "ran", "saw", "led", "kept", "got", "shut",
     "quit", "was", "were", "will", "due"}
)  # fmt: skip
_NOT_VERBS = frozenset(
    {"based", "used", "hundred", "need", "indeed", "speed", "feed", "seed", "red", "bed", "shed"}
)
_WORD = re.compile(r"[A-Za-z]+")
_WORDS_AROUND_TODAY = 30


def _tells_when(text: str, start: int, end: int) -> bool:
    """Whether a verb that places an event in time stands in text[start:end]: "said", "was
    arrested", "will vote"."""
    for word in _WORD.findall(text, start, end):
        lower = word.lower()
        if lower in _TENSE_WORDS or (
            len(lower) > 3 and lower.endswith("ed") and lower not in _NOT_VERBS
        ):
            return True
    return False


def _is_title(m: re.Match[str], scope: Scope) -> bool:
    """ "Today" or "This Morning" with a capital inside a sentence names a programme."""
    text, start = scope.text, m.start()
    opening = start - scope.start <= 2 and not text[scope.start : start].strip(" \"“‘'(")
    words = m.group(0).split()
    return (not opening and words[0][0].isupper()) or (len(words) > 1 and words[1][0].isupper())


def _today_is_a_date(m: re.Match[str], scope: Scope) -> bool:
    text, start, end = scope.text, m.start(), m.end()
    if text[end : end + 2] in ("'s", "’s"):
        return False
    if _is_title(m, scope):
        return False
    lo = max(scope.start, start - _WORDS_AROUND_TODAY)
    if _TODAY_INTRO.search(text, lo, start) or _tells_when(text, lo, start):
        return True
    return _tells_when(text, end, min(scope.end, end + _WORDS_AROUND_TODAY))


def _from_reference(reference: Anchor | None, unit: str, step: int) -> Reading:
    """`step` units from the time the sentence speaks of, at the precision that time has."""
    if reference is None:
        return Reading(None)
    year, month, day = reference
    if unit == "year":
        return Reading(iso(year + step), (year + step, None, None))
    if month is None:
        return Reading(None)
    if unit == "month":
        moved_year, moved_month = shift_months(year, month, step)
        return Reading(iso(moved_year, moved_month), (moved_year, moved_month, None))
    if day is None:
        return Reading(None)
    moved = date(year, month, day) + timedelta(days=step * 7 if unit == "week" else step)
    return Reading(iso_day(moved), (moved.year, moved.month, moved.day))


def _day(found: date) -> Reading:
    return Reading(iso_day(found), (found.year, found.month, found.day))


def _counted(g: dict[str, str | None], scope: Scope) -> Reading:
    number = g["num"] or ""
    amount = float(number) if number.isdigit() else parse_word_number(number)
    if amount is None or not amount.is_integer():
        return Reading(None)
    n = int(amount)
    unit = (g["u2"] or "").lower().rstrip("s")
    relation = (g["rel"] or "").lower()
    if unit == "decade":
        unit, n = "year", n * 10
    sign = -1 if relation in ("ago", "earlier", "before", "prior") else 1
    if relation == "ago":
        pub = scope.published
        return _from_reference((pub.year, pub.month, pub.day) if pub else None, unit, -n)
    # Without a date named before it, "a year earlier" counts from publication; "12 days
    # earlier" does not (a story told day by day is seldom told from the day it is published),
    # nor does "four years later", which counts from an event the text has not dated.
    reference = scope.ctx.anchor
    if reference is None and unit in ("year", "month") and sign < 0:
        reference = scope.reference()
    return _from_reference(reference, unit, sign * n)


def _last_named_month(month: int, direction: str, pub: date) -> int:
    """The year of "last October", "next March", "this June".

    "Last October" is the October before the one just gone when October is the month just gone
    ("last month" would name that one); across New Year "last December" is the one just gone.
    """
    if direction == "this":
        return pub.year
    if direction == "this past":
        return pub.year if month < pub.month else pub.year - 1
    if direction == "this coming":
        return pub.year if month > pub.month else pub.year + 1
    if direction == "last":
        gap = (pub.month - month) % 12
        if gap == 0 or (gap == 1 and month != 12):
            return pub.year - 1
        return pub.year if month < pub.month else pub.year - 1
    gap = (month - pub.month) % 12
    if gap == 0 or (gap == 1 and month != 1):
        return pub.year + 1
    return pub.year if month > pub.month else pub.year + 1


def _weekend(direction: str | None, scope: Scope, m: re.Match[str]) -> str:
    pub = scope.published
    assert pub is not None
    on_weekend = pub.weekday() >= 5
    if direction == "last":
        return calendar.weekend(pub, -1)
    if direction == "this":
        return calendar.weekend(pub, 0)
    if direction in ("next", "coming", "this coming"):
        return calendar.weekend(pub, 1 if on_weekend else 0)
    if direction is None and not on_weekend and looks_ahead(scope, m.start(), m.end()):
        return calendar.weekend(pub, 0)
    # "over the weekend", "this past weekend": the latest one that has begun.
    return calendar.weekend(pub, 0 if on_weekend else -1)


def _weekday(g: dict[str, str | None], scope: Scope, m: re.Match[str]) -> Reading | None:
    direction = re.sub(r"\s+", " ", (g["wdir"] or "").lower())
    if direction in ("a", "every", "each", "one"):
        return None  # "every Sunday", "a Monday": a kind of day, not a date
    if _WEEKDAY_NAME_AFTER.match(scope.text, m.end()) or (
        not direction
        and _NAMED_WEEKDAY_BEFORE.search(scope.text, max(scope.start, m.start() - 10), m.start())
    ):
        return None  # "the Sunday Times", "Super Tuesday": names, not the week's days
    target = WEEKDAYS[(g["wd"] or "").lower()]
    if direction in ("the following", "the next", "the previous", "that"):
        reference = scope.reference()
        if reference is None or reference[1] is None or reference[2] is None:
            return Reading(None)
        base = date(reference[0], reference[1], reference[2])
        if direction == "that":
            return _day(base + timedelta(days=(target - base.weekday() + 3) % 7 - 3))
        if direction == "the previous":
            return _day(base - timedelta(days=(base.weekday() - target) % 7 or 7))
        return _day(base + timedelta(days=(target - base.weekday()) % 7 or 7))
    pub = scope.published
    if pub is None:
        return Reading(None)
    if direction == "this":
        return _day(pub + timedelta(days=target - pub.weekday()))
    if direction == "last" or direction == "this past":
        return _day(pub - timedelta(days=(pub.weekday() - target) % 7 or 7))
    if direction in ("next", "this coming"):
        return _day(pub + timedelta(days=(target - pub.weekday()) % 7 or 7))
    return _day(calendar.weekday_near(pub, target, looks_ahead(scope, m.start(), m.end())))


def _that(g: dict[str, str | None], scope: Scope) -> Reading:
    """ "that year", "later that month": the time the article last named, at its precision."""
    anchor = scope.ctx.anchor
    unit = (g["u6"] or "").lower()
    if anchor is None:
        return Reading(None)
    year, month, day = anchor
    if unit == "year":
        return Reading(iso(year), anchor)
    if month is None:
        return Reading(None)
    if unit == "month":
        return Reading(iso(year, month), anchor)
    if day is None:
        return Reading(None)
    if unit == "week":
        return Reading(calendar.week(date(year, month, day)))
    return Reading(iso(year, month, day), anchor)


_NAMED_WEEKDAY_BEFORE = re.compile(
    r"\b(?:Super|Bloody|Ash|Maundy|Palm|Holy|Shrove|Giving|Mad|Blue|Manic)\s+\Z"
)


def _edge(g: dict[str, str | None], scope: Scope) -> Reading:
    """ "the end of the year": its last day; a range gives it the precision of its other end."""
    pub = scope.published
    direction = (g["edir"] or "").lower()
    at_end = (g["edge"] or "").lower() == "end"
    if (g["eunit"] or "").lower() == "year":
        if not direction:
            year = scope.context_year()
        else:
            year = pub.year + _STEP[direction] if pub else None
        if year is None:
            return Reading(None)
        month, day = (12, 31) if at_end else (1, 1)
        return Reading(iso(year, month, day), (year, month, day), edge="year")
    if pub is None:
        return Reading(None)
    year, month = shift_months(pub.year, pub.month, _STEP.get(direction, 0))
    day = last_day(year, month) if at_end else 1
    return Reading(iso(year, month, day), (year, month, day), edge="month")


def _read_relative(m: re.Match[str], scope: Scope) -> Reading | None:
    g = m.groupdict()
    pub = scope.published
    if g["ord"] or g["u5"]:
        if g["u5"] and _DATE_AFTER.match(scope.text, m.end()):
            return None
        word = (g["ord"] or g["ba"] or "").lower()
        step = {"following": 1, "next": 1, "after": 1, "later": 1, "same": 0}.get(word, -1)
        unit = (g["u3"] or g["u5"] or "").lower().replace("night", "day")
        # "the same year" and "the day after the attack" need the time the article named;
        # "the year before," alone can count from publication.
        needs_anchor = step == 0 or bool(g["u5"] and _WORD_AFTER.match(scope.text, m.end()))
        reference = scope.ctx.anchor if needs_anchor else scope.reference()
        if unit == "week":
            if reference is None or reference[1] is None or reference[2] is None:
                return Reading(None)
            return Reading(calendar.week(date(reference[0], reference[1], reference[2]), step))
        return _from_reference(reference, unit, step)
    if g["num"]:
        return _counted(g, scope)
    if g["wd"]:
        return _weekday(g, scope, m)
    if g["u6"]:
        return _that(g, scope)
    if g["deictic"]:
        word = re.sub(r"\s+", " ", g["deictic"].lower())
        if word == "today" and not _today_is_a_date(m, scope):
            return None
        if word != "today" and _is_title(m, scope):
            return None
        if pub is None:
            return Reading(None)
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return _day(pub + timedelta(days=offset))
    if pub is None:
        return Reading(None)
    if g["dir"]:
        step = _STEP[g["dir"].lower()]
        unit = (g["unit"] or "").lower()
        if unit == "year":
            return Reading(iso(pub.year + step), (pub.year + step, None, None))
        if unit == "month":
            year, month = shift_months(pub.year, pub.month, step)
            return Reading(iso(year, month), (year, month, None))
        if unit == "week":
            return Reading(calendar.week(pub, step))
        if unit == "century":
            return Reading(calendar.century(pub.year // 100 + 1 + step))
        year, month = shift_months(pub.year, pub.month, 3 * step)
        return Reading(calendar.quarter(year, (month - 1) // 3 + 1))
    if g["when"]:
        unit = (g["u4"] or "").lower()
        if unit == "week":
            return Reading(calendar.week(pub))
        if unit == "year":
            named = pub.year if (g["in"] or "").lower() == "this" else scope.context_year()
            return Reading(iso(named or pub.year), (named or pub.year, None, None))
        return Reading(iso(pub.year, pub.month), (pub.year, pub.month, None))
    if g["ybl"]:
        return Reading(iso(pub.year - 2), (pub.year - 2, None, None))
    if g["dbt"]:
        return _day(pub + timedelta(days=-2 if g["dbt"].lower().startswith("before") else 2))
    if g["sname"]:
        name = g["sname"].lower()
        year = calendar.season_step(name, pub, _STEP[re.sub(r"\s+", " ", g["sdir"].lower())])
        return Reading(calendar.season(name, year))
    if g["spdir"]:
        return Reading(calendar.sports_season(pub, _STEP[re.sub(r"\s+", " ", g["spdir"].lower())]))
    if g["mname"]:
        month = MONTHS[g["mname"].rstrip(".").lower()]
        year = _last_named_month(month, re.sub(r"\s+", " ", g["mdir"].lower()), pub)
        return Reading(iso(year, month), (year, month, None))
    if g["edge"]:
        return _edge(g, scope)
    direction = re.sub(r"\s+", " ", g["wkdir"].lower()) if g["wkdir"] else None
    return Reading(_weekend(direction, scope, m))


RELATIVE = Recogniser(
    _RELATIVE,
    gate=frozenset(
        ["year", "month", "week", "weekend", "season", "day", "days", "years", "months", "weeks",
         "decade", "decades", "quarter", "century", "yesterday", "today", "tomorrow", "tonight",
         "morning", "afternoon", "evening", "night",
         *WEEKDAYS, *SEASON_WORDS, *MONTHS]
    ),
    starts=frozenset(
        [*ONES, *TENS, *WEEKDAYS, DIGIT, "yesterday", "today", "tomorrow", "tonight", "last",
         "this", "next", "coming", "previous", "past", "current", "the", "following",
         "preceding", "same", "prior", "earlier", "later", "a", "an", "over", "at", "on",
         "during", "throughout", "across", "end", "start", "beginning", "that", "every",
         "each", "one"]
    ),
    read=_read_relative,
)  # fmt: skip
