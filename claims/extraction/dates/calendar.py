"""Calendar arithmetic behind the date readers: ISO strings, weeks, seasons, quarters, holidays.

Plain functions of years, months and days, so that each convention the gold follows (weeks run
Monday to Sunday, winter runs December to February, a sports season straddles two years) lives
in one place.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# (first month, last month) of each season; winter's last month is in the following year.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2),
}  # fmt: skip
# Football, cricket, basketball and school seasons are named after both years ("2022-23"); one
# that is under way in the first half of a year began the year before.
SPORTS_SEASON_FIRST_MONTH = 7


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_day(day: date) -> str:
    return iso(day.year, day.month, day.day)


def interval(start: str, end: str) -> str:
    """An ISO 8601 interval, or the single value when both ends are the same."""
    return start if start == end else f"{start}/{end}"


def valid(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= last_day(year, month)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def week(day: date, offset: int = 0) -> str:
    """The Monday-to-Sunday week holding `day`, moved by `offset` weeks."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return interval(iso_day(monday), iso_day(monday + timedelta(days=6)))


def weekend(day: date, offset: int = 0) -> str:
    """The Saturday and Sunday of the Monday-to-Sunday week holding `day`, moved by `offset`."""
    saturday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset, days=5)
    return interval(iso_day(saturday), iso_day(saturday + timedelta(days=1)))


def season(name: str, year: int) -> str:
    """A season as a month range; `year` is the year the season starts in."""
    first, last = SEASON_MONTHS[name]
    end_year = year + 1 if last < first else year
    return interval(iso(year, first), iso(end_year, last))


def season_step(name: str, day: date, step: int) -> int:
    """The start year of this (0), the last (-1) or the next (+1) season called `name`.

    "This summer" is the one under way, else the one that starts in the current year; "last
    summer" is the latest one that has ended, "next summer" the first one still to begin.
    """
    first = SEASON_MONTHS[name][0]
    now = month_index(day.year, day.month)
    starts = [(year, month_index(year, first)) for year in range(day.year - 3, day.year + 3)]
    if step == 0:
        current = [year for year, s in starts if s <= now <= s + 2]
        return current[0] if current else day.year
    if step < 0:
        ended = [year for year, s in starts if s + 2 < now]
        return ended[step]
    coming = [year for year, s in starts if s > now]
    return coming[step - 1]


def sports_season(day: date, step: int = 0) -> str:
    first = day.year if day.month >= SPORTS_SEASON_FIRST_MONTH else day.year - 1
    first += step
    return interval(iso(first), iso(first + 1))


def quarter(year: int, number: int) -> str:
    first = 3 * (number - 1) + 1
    return interval(iso(year, first), iso(year, first + 2))


def half(year: int, number: int) -> str:
    first = 6 * (number - 1) + 1
    return interval(iso(year, first), iso(year, first + 5))


def decade(first_year: int) -> str:
    return interval(iso(first_year), iso(first_year + 9))


def century(number: int) -> str:
    first = (number - 1) * 100
    return interval(iso(max(first, 0)), iso(first + 99))


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    total = h + weekday_shift - 7 * m + 114
    return date(year, total // 31, total % 31 + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1 for the last one)."""
    if n < 0:
        last = date(year, month, last_day(year, month))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def weekday_near(day: date, weekday: int, ahead: bool) -> date:
    """That weekday on or before `day`, or on or after it when the text looks ahead."""
    if ahead:
        return day + timedelta(days=(weekday - day.weekday()) % 7)
    return day - timedelta(days=(day.weekday() - weekday) % 7)
