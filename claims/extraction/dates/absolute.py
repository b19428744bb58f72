"""Dates the text spells out: "March 18, 2021", "4 July", "in 1957", "2023-24", "Christmas"."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from datetime import date, timedelta

from claims.extraction.dates.calendar import easter, interval, iso, nth_weekday, valid
from claims.extraction.dates.context import Reading, Recogniser, Scope, infer_year, looks_ahead
from claims.extraction.dates.vocabulary import (
    DAY,
    FIXED_HOLIDAYS,
    HOLIDAY_STARTS,
    MONTH,
    MONTHS,
    MOVABLE_HOLIDAYS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
)
from claims.extraction.scan import DIGIT

# A weekday before a full date is part of it: "Monday, January 6, 2020".
_WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+(?:the\s+)?)?"
_DAY_GAP = r"(?:\s*[-–—]\s*|\s+(?:to|through|thru|until|till)\s+)"
_CALENDAR = re.compile(
    rf"\b(?P<iy>\d{{4}})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-2]\d|3[01])\b"
    rf"|{_WEEKDAY_PREFIX}(?:"
    # Days of one month: "June 6-10", "August 3 to 7, 2022", "13-17 June 2022".
    rf"\b(?P<rm>{MONTH})\s+(?P<rd1>{DAY}){_DAY_GAP}(?P<rd2>{DAY})\b(?![,.]?\d|-)"
    rf"(?:,?\s*(?P<ry>{YEAR})\b)?"
    rf"|\b(?P<rd3>{DAY}){_DAY_GAP}(?P<rd4>{DAY})\s+(?:of\s+)?(?P<rm2>{MONTH})(?![a-z])"
    rf"(?:,?\s+(?P<ry2>{YEAR})\b)?"
    rf"|\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})\b,?\s*(?P<y1>{YEAR})\b"
    rf"|\b(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH}),?\s+(?P<y2>{YEAR})\b"
    rf"|\b(?P<m4>{MONTH})\s+(?P<d4>{DAY})\b(?![,.]?\d|\s*(?:%|percent|per cent))"
    rf"|\b(?P<d5>{DAY})\s+(?:of\s+)?(?P<m5>{MONTH})(?![a-z]))"
    rf"|\b(?P<m3>{MONTH}),?\s+(?:of\s+)?(?P<y3>{YEAR})\b"
    rf"|\b(?P<n1>\d{{1,2}})/(?P<n2>\d{{1,2}})/(?P<n3>\d{{4}}|\d{{2}})\b"
    rf"|\b(?P<fy>{YEAR})(?:[-–/](?P<fy2>\d{{2}})|/(?P<fy4>{YEAR}))\b(?![-–/.,]?\d)"
    rf"|(?P<mid>\bmid-)?\b(?P<y6>{YEAR})\b(?!\s*(?:%|percent|per cent|[,.]\d))"
    rf"|\b(?P<mo>{MONTH})(?![a-z])"
)
_MONTH_NEEDS_PREPOSITION = frozenset({"may", "march", "june", "august", "jan", "mar", "jun"})
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|since|by|until|till|from|last|next|this|early|late|mid|of|during|before|after|"
    r"through|between|and|to|each|every|on|that|until|or)\s+\Z|mid-\Z",
    re.I,
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"[$€£¥₹#@]\s?\Z|\b(?:no|number|section|article|room|page)\.?\s+\Z", re.I
)
_NOT_A_YEAR_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|jobs|deaths|cases|workers|students|members|"
    r"troops|soldiers|votes|voters|homes|houses|families|patients|refugees|migrants|employees|"
    r"tonnes|tons|km|miles|acres|hectares|feet|metres|meters)\b"
    # A four-digit clock time: "at 1930 GMT", "0800 hours".
    r"|\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|PST|PDT|IST|hrs|hours|h\b|local\s+time)"
    # A house number: "1210 Harbor St.", "1600 Pennsylvania Avenue".
    r"|\s+(?:[NSEW]\.?\s+)?(?-i:(?:[A-Z][a-z]+\.?\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|"
    r"Drive|Blvd|Boulevard|Ln|Lane|Way|Ct|Court|Pl|Place|Terrace|Pkwy|Parkway|Hwy|Highway)\b)",
    re.I,
)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month_is_date(text: str, start: int, name: str) -> bool:
    if name.rstrip(".").lower() not in _MONTH_NEEDS_PREPOSITION:
        return True
    return bool(_PREPOSITION_BEFORE.search(text[max(0, start - 12) : start]))


def _yearless(month: int, day: int | None, m: re.Match[str], scope: Scope) -> Reading | None:
    """A day or month the text gives without its year: the year the context makes likely."""
    ahead = scope.published is not None and looks_ahead(scope, m.start(), m.end())
    year = infer_year(month, day, scope, ahead, (m.start(), m.end()))
    if year is None:
        # ISO 8601's forms for a day or a month of an unknown year.
        if day is None:
            return Reading(f"--{month:02d}", explicit_year=False, parts=(month, None))
        if not valid(2000, month, day):
            return None
        return Reading(f"--{month:02d}-{day:02d}", explicit_year=False, parts=(month, day))
    if day is not None and not valid(year, month, day):
        return None
    return Reading(
        iso(year, month, day), (year, month, day), explicit_year=False, parts=(month, day)
    )


def _full(year: int, month: int, day: int) -> Reading | None:
    return Reading(iso(year, month, day), (year, month, day)) if valid(year, month, day) else None


def _read_calendar(m: re.Match[str], scope: Scope) -> Reading | None:
    g = m.groupdict()
    text = scope.text
    if g["iy"]:
        year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        return _full(year, month, day)
    for mk, dk, dk2, yk in (("rm", "rd1", "rd2", "ry"), ("rm2", "rd3", "rd4", "ry2")):
        if g[mk]:
            return _day_range(m, scope, _month(g[mk]), _day(g[dk]), _day(g[dk2]), g[yk])
    for mk, dk, yk in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[mk]:
            year, month, day = int(g[yk]), _month(g[mk]), _day(g[dk])
            return _full(year, month, day)
    if g["m3"]:
        year, month = int(g["y3"]), _month(g["m3"])
        return Reading(iso(year, month), (year, month, None))
    for mk, dk in (("m4", "d4"), ("m5", "d5")):
        if g[mk]:
            month, day = _month(g[mk]), _day(g[dk])
            if not valid(2000, month, day):
                return None
            return _yearless(month, day, m, scope)
    if g["n1"]:
        first, second, year = int(g["n1"]), int(g["n2"]), int(g["n3"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        month, day = (second, first) if first > 12 else (first, second)
        return _full(year, month, day)
    if g["fy"] and g["fy4"]:
        first, second = int(g["fy"]), int(g["fy4"])
        if not 0 < second - first < 100:
            return None
        return Reading(interval(iso(first), iso(second)), (second, None, None), is_range=True)
    if g["fy"]:
        return _split_years(int(g["fy"]), g["fy2"], m.group(0))
    if g["y6"]:
        if _NOT_A_YEAR_BEFORE.search(text[max(0, m.start() - 10) : m.start()]):
            return None
        if _NOT_A_YEAR_AFTER.match(text, m.end()):
            return None
        year = int(g["y6"])
        return Reading(iso(year), (year, None, None))
    if g["mo"]:
        if not _month_is_date(text, m.start(), g["mo"]):
            return None
        return _yearless(_month(g["mo"]), None, m, scope)
    return None


def _day_range(
    m: re.Match[str], scope: Scope, month: int, first: int, last: int, year_text: str | None
) -> Reading | None:
    """ "June 6-10": the days of one month as an interval, in the year the text or context
    gives."""
    if not (first < last and valid(2000, month, last)):
        return None
    if year_text:
        year: int | None = int(year_text)
        explicit = True
    else:
        ahead = scope.published is not None and looks_ahead(scope, m.start(), m.end())
        year = infer_year(month, first, scope, ahead, (m.start(), m.end()))
        explicit = False
    if year is None or not valid(year, month, last):
        return None
    return Reading(
        interval(iso(year, month, first), iso(year, month, last)),
        (year, month, first),
        explicit_year=explicit,
        parts=None if explicit else (month, first),
        is_range=True,
    )


def _split_years(first: int, second_digits: str, written: str) -> Reading | None:
    """ "2023-24", "2023/24": a season or fiscal year over two years, or a span of years."""
    second = first - first % 100 + int(second_digits)
    if second <= first:
        second += 100
    if second - first == 1 or (second - first < 100 and int(second_digits) > first % 100):
        return Reading(interval(iso(first), iso(second)), (second, None, None), is_range=True)
    # "2020-10" is not a span of years: read as ISO year and month when it can be one.
    month = int(second_digits)
    if "-" in written and 1 <= month <= 12:
        return Reading(iso(first, month), (first, month, None))
    return Reading(iso(first), (first, None, None))


CALENDAR = Recogniser(
    _CALENDAR,
    gate=frozenset([*MONTHS, DIGIT]),
    starts=frozenset([*MONTHS, *WEEKDAYS, "mid", DIGIT]),
    read=_read_calendar,
)


_HOLIDAY = re.compile(
    r"(?P<name>Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['’]s(?:\s+(?:Day|Eve))?|"
    r"Valentine['’]?s\s+Day|Halloween|July\s+Fourth|Fourth\s+of\s+July|Guy\s+Fawkes\s+Night|"
    r"Bastille\s+Day|St\.?\s+Patrick['’]s\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|"
    r"Thanksgiving(?:\s+Day)?|Memorial\s+Day|Labor\s+Day|Veterans['’]?\s+Day|"
    r"(?:Remembrance|Armistice|Anzac|Australia|Canada|May)\s+Day|Juneteenth|Black\s+Friday|"
    rf"Cyber\s+Monday)\b(?:,?\s+(?P<year>{YEAR})\b)?"
)
# A bare holiday name is the day only where a noun does not follow it: "spent Christmas with
# her mother", not "Christmas shopping" or "Christmas Island".
_HOLIDAY_ENDS = re.compile(
    r"\s*(?:[,.;:!?)\"”’—–-]|\Z|(?:and|or|with|in|at|on|to|the|a|an|his|her|their|its|this|"
    r"that|when|before|after|but|for|was|is|were|are|had|has|from|until|last|next)\b)"
)
_GREETING_BEFORE = re.compile(r"\b(?:merry|happy)\s+\Z", re.I)


def _normal_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("’", "'")).lower()
    if name == "new year's":  # "on New Year's" is the day
        name = "new year's day"
    return name.replace("valentines", "valentine's").replace("veterans' day", "veterans day")


def _holiday_day(name: str, year: int) -> date | None:
    if name in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[name]
        return date(year, month, day)
    sunday = easter(year)
    offsets = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
    if name in offsets:
        return sunday + timedelta(days=offsets[name])
    if name.startswith("thanksgiving") or name in ("black friday", "cyber monday"):
        thanksgiving = nth_weekday(year, 11, WEEKDAYS["thursday"], 4)
        return thanksgiving + timedelta(days={"black friday": 1, "cyber monday": 4}.get(name, 0))
    if name == "memorial day":
        return nth_weekday(year, 5, WEEKDAYS["monday"], -1)
    if name == "labor day":
        return nth_weekday(year, 9, WEEKDAYS["monday"], 1)
    return None


def _read_holiday(m: re.Match[str], scope: Scope) -> Reading | None:
    written = m.group("name")
    name = _normal_name(written)
    if _GREETING_BEFORE.search(scope.text[max(scope.start, m.start() - 8) : m.start()]):
        return None
    bare = " " not in name or name.startswith(("new year", "july", "fourth"))
    if bare and not m.group("year") and not _HOLIDAY_ENDS.match(scope.text, m.end(), scope.end):
        return None
    if m.group("year"):
        year: int | None = int(m.group("year"))
    else:
        month, day = FIXED_HOLIDAYS.get(name) or MOVABLE_HOLIDAYS[name]
        ahead = scope.published is not None and looks_ahead(scope, m.start(), m.end())
        year = infer_year(month, day, scope, ahead, (m.start(), m.end()))
    if year is None:
        return Reading(None)
    found = _holiday_day(name, year)
    if found is None:
        return None
    explicit = bool(m.group("year"))
    return Reading(
        iso(found.year, found.month, found.day),
        (found.year, found.month, found.day),
        explicit_year=explicit,
    )


HOLIDAY = Recogniser(
    _HOLIDAY, gate=HOLIDAY_STARTS, starts=HOLIDAY_STARTS | {"valentines"}, read=_read_holiday
)
