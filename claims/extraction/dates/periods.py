"""Named stretches of time: decades, centuries, seasons of a year, quarters, halves, fiscal years.

Each is an ISO interval at the precision the text gives: "the 1970s" is 1970/1979, "summer 2015"
2015-06/2015-08, "the third quarter of 2015" 2015-07/2015-09.
"""
# ruff: noqa: RUF001, RUF003 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.dates import calendar
from claims.extraction.dates.calendar import SEASON_MONTHS, interval, iso
from claims.extraction.dates.context import Reading, Recogniser, Scope, looks_ahead
from claims.extraction.dates.vocabulary import (
    CENTURY_ORDINAL,
    ORDINAL_WORDS,
    SEASON,
    SEASON_WORDS,
    YEAR,
)
from claims.extraction.scan import DIGIT

_BC = r"(?P<bc>\s*(?:BCE?\b|B\.C\.))?"
_PERIOD = re.compile(
    # "the 1880s", "the 2000's", "the ’90s"
    r"(?<![\w.,'’])(?P<dec>(?:1\d|20)\d0)['’]?s\b"
    r"|(?<=['’‘])(?P<sdec>\d0)s\b"
    # "the 20th century", "the nineteenth century", "21st-century"
    rf"|(?P<cn>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century\b{_BC}"
    rf"|(?P<cw>{CENTURY_ORDINAL})[\s-]+century\b(?P<bcw>\s*(?:BCE?\b|B\.C\.))?"
    r"(?!\s+of\b)"
    # "summer 2015", "the winter of 2014-15"
    rf"|(?P<sea>{SEASON})(?:\s+of)?,?\s+(?P<sy>{YEAR})(?:[-–/](?P<sy2>\d{{2}}))?\b"
    r"(?![-–/.,]?\d|\s*(?:%|percent|per cent))"
    # "the third quarter of 2015", "third-quarter profits", "the last quarter of the year"
    r"|(?P<qo>first|second|third|fourth|final|1st|2nd|3rd|4th|last(?=[\s-]+quarter\s+of\b))"
    rf"[\s-]+quarter\b(?![\s-]+century)(?:\s+of\s+(?:(?P<qy>{YEAR})\b|(?P<qrel>this|last|next|the)\s+year\b))?"
    rf"|(?-i:Q)(?P<qn>[1-4])\b(?:\s*(?:of\s+)?(?P<qy2>{YEAR})\b)?"
    # "the first half of 2015", "H2 2020"
    r"|(?P<ho>first|second|1st|2nd|latter|last)\s+half\s+of\s+"
    rf"(?:(?P<hy>{YEAR})\b|(?P<hrel>this|last|next|the)\s+year\b)"
    rf"|(?-i:H)(?P<hn>[12])\s+(?P<hy2>{YEAR})\b"
    # "FY2023", "fiscal 2023", "fiscal year 2023-24"
    r"|(?:(?-i:FY)\s?|fiscal\s+(?:year\s+)?)['’]?(?P<fyy>(?:19|20)\d\d|\d\d)"
    r"(?:[-–/](?P<fyy2>(?:19|20)\d\d|\d\d))?\b",
    re.I,
)
# "fall" and "spring" are verbs and nouns too: before a year they are seasons only after one of
# these words or with a capital.
_SEASON_INTRO = re.compile(
    r"\b(?:in|the|this|last|next|by|since|until|from|during|early|late|mid|of|through|that|"
    r"before|after|and|or|to|until)\s+\Z|mid-\Z",
    re.I,
)
_DECADE_INTRO = re.compile(r"\b(?:the|early|mid|late)[\s-]+\Z|mid-\Z", re.I)
_OWN_BEFORE = re.compile(r"\b(?:our|its|their|his|her|my|your)\s+\Z", re.I)


def _decade(m: re.Match[str], scope: Scope) -> Reading | None:
    if m.group(0)[-2] in "'’" and not _DECADE_INTRO.search(
        scope.text, max(scope.start, m.start() - 12), m.start()
    ):
        return None  # "2020's election" is the year's, not the decade's
    if m.group("dec"):
        first = int(m.group("dec"))
        # "the 1800s" is a century; "the 2000s" is the decade the press means by it.
        if first % 100 == 0 and first < 2000:
            return Reading(calendar.century(first // 100 + 1))
        return Reading(calendar.decade(first))
    # "the ’90s": the latest such decade that was over before the time of writing.
    pub = scope.published
    now = pub.year if pub else (scope.ctx.anchor[0] if scope.ctx.anchor else 2000)
    tens = int(m.group("sdec"))
    century = now - now % 100
    first = century + tens if century + tens + 9 < now else century - 100 + tens
    return Reading(calendar.decade(first))


def _century(m: re.Match[str], scope: Scope) -> Reading | None:
    if m.group("bc") or m.group("bcw"):
        return None  # ISO years before 1 are not what readers of a claim expect
    if m.group("cw") and _OWN_BEFORE.search(
        scope.text, max(scope.start, m.start() - 12), m.start()
    ):
        return None  # "our third century": counted from a founding, not from year one
    if m.group("cn"):
        number = int(m.group("cn"))
    else:
        number = ORDINAL_WORDS[re.sub(r"\s+", " ", m.group("cw").lower()).replace(" ", "-")]
    return Reading(calendar.century(number)) if 1 <= number <= 22 else None


def _season(m: re.Match[str], scope: Scope) -> Reading | None:
    name = m.group("sea").lower()
    written = m.group("sea")
    if name in ("fall", "spring") and not written[0].isupper():
        before = scope.text[max(scope.start, m.start() - 8) : m.start()]
        if not _SEASON_INTRO.search(before):
            return None
    year = int(m.group("sy"))
    if name == "winter":
        # "winter 2015" is the winter that holds January 2015; "winter 2014-15" says it outright.
        year = year if m.group("sy2") else year - 1
    first, _ = SEASON_MONTHS[name]
    return Reading(calendar.season(name, year), (year, first, None))


def _yearless_number(number: int, months: int, scope: Scope, m: re.Match[str]) -> int | None:
    """The year of "the third quarter" said without one: the sentence's, else the latest such
    quarter (or half) that had begun by publication, or the next one when the sentence looks
    ahead."""
    if scope.sentence_year is not None:
        return scope.sentence_year
    pub = scope.published
    if pub is None:
        return scope.ctx.anchor[0] if scope.ctx.anchor else None
    first = months * (number - 1) + 1
    if looks_ahead(scope, m.start(), m.end()):
        return pub.year if first + months - 1 >= pub.month else pub.year + 1
    return pub.year if first <= pub.month else pub.year - 1


def _relative_year(word: str, scope: Scope) -> int | None:
    pub = scope.published
    if word.lower() == "the":
        return scope.context_year()
    if pub is None:
        return None
    return pub.year + {"this": 0, "last": -1, "next": 1}[word.lower()]


def _quarter(m: re.Match[str], scope: Scope) -> Reading | None:
    if m.group("qn"):
        number = int(m.group("qn"))
        year_text = m.group("qy2")
    else:
        ordinal = m.group("qo").lower()
        number = int(ordinal[0]) if ordinal[0].isdigit() else ORDINAL_WORDS[ordinal]
        year_text = m.group("qy")
    if year_text:
        year: int | None = int(year_text)
    elif m.group("qrel"):
        year = _relative_year(m.group("qrel"), scope)
    else:
        if scope.about_sport():
            return None  # "scored in the fourth quarter": a period of play, not of the year
        year = _yearless_number(number, 3, scope, m)
    return Reading(calendar.quarter(year, number) if year is not None else None)


def _half(m: re.Match[str], scope: Scope) -> Reading | None:
    if m.group("hn"):
        number, year_text, relative = int(m.group("hn")), m.group("hy2"), None
    else:
        word = m.group("ho").lower()
        number = 1 if word in ("first", "1st") else 2
        year_text, relative = m.group("hy"), m.group("hrel")
    year = int(year_text) if year_text else _relative_year(relative or "the", scope)
    return Reading(calendar.half(year, number) if year is not None else None)


def _fiscal(m: re.Match[str], scope: Scope) -> Reading:
    first_text, second_text = m.group("fyy"), m.group("fyy2")
    first = int(first_text)
    if len(first_text) == 2:
        # "FY23", "fiscal year '81": the latest such year not far past the time of writing.
        now = scope.published.year if scope.published else 2030
        first += 2000 if 2000 + first <= now + 5 else 1900
    if second_text:
        second = int(second_text)
        if len(second_text) == 2:
            second += first - first % 100
        if second < first:
            second += 100
        if second - first == 1:
            return Reading(interval(iso(first), iso(second)), (second, None, None), is_range=True)
    return Reading(iso(first), (first, None, None))


def _read_period(m: re.Match[str], scope: Scope) -> Reading | None:
    if m.group("dec") or m.group("sdec"):
        return _decade(m, scope)
    if m.group("cn") or m.group("cw"):
        return _century(m, scope)
    if m.group("sea"):
        return _season(m, scope)
    if m.group("qo") or m.group("qn"):
        return _quarter(m, scope)
    if m.group("ho") or m.group("hn"):
        return _half(m, scope)
    if m.group("fyy"):
        return _fiscal(m, scope)
    return None


PERIOD = Recogniser(
    _PERIOD,
    gate=frozenset([DIGIT, "century", "quarter", "half"]),
    starts=frozenset(
        [DIGIT, *ORDINAL_WORDS, "twenty", *SEASON_WORDS, "q", "h", "fy", "fiscal", "latter"]
    ),
    read=_read_period,
)
