"""The one pattern that finds where an amount starts, and the words that can start one."""

from __future__ import annotations

import re

from claims.extraction.lexicon import (
    FRACTION_WORDS,
    MULTIPLIER_WORDS,
    ONES,
    ORDINALS,
    SCALES,
    TENS,
    TIME_UNIT_WORDS,
    VAGUE_PLURALS,
)
from claims.extraction.numbers import _AND_A_FRACTION, _GROUP, _POINT, _SCALE_RE
from claims.extraction.scan import DIGIT

_TENS_RE = "|".join(TENS)
_SCALES = rf"(?:[\s-]+(?:{_SCALE_RE}|dozen)(?:(?:\s+and)?[\s-]+{_GROUP})?)"
_SMALL = rf"(?:{_GROUP}|\d{{1,3}}(?:,\d{{3}})*)"
_FRACTIONS = "half|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MULTIPLIERS = "|".join(sorted(MULTIPLIER_WORDS, key=len, reverse=True))
_A_TIME_ADJECTIVES = "extra|additional|full|whole|further|entire|single|mere"

# Alternatives are tried in this order at each word that can start an amount, so the longer
# readings of a word come first: "a third" before "a", "half a decade" before "half".
CORE = re.compile(
    r"(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:(?:dozens|scores)\s+of\b|"
    r"(?:hundreds|thousands|millions|billions|trillions)\b(?:\s+of\b)?))"
    # "one in five", "nine out of 10": a share. A year is not a denominator ("5 in 2020").
    rf"|(?P<share>\b(?P<share_n>{_SMALL})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?![12]\d{{3}}\b)(?P<share_d>{_SMALL})\b)"
    rf"|(?P<frac>\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    rf"(?:{_FRACTIONS})s?\b)"
    rf"|(?P<mult>\b(?:{_MULTIPLIERS})\b|\b(?:{_GROUP}|\d+(?:\.\d+)?)[\s-]fold\b)"
    rf"|(?P<ord>\b(?:(?:{_TENS_RE})-)?(?:{_ORDINAL_WORDS})\b|\b\d+(?:st|nd|rd|th)\b)"
    rf"|(?P<atime>\b(?:an?|half\s+an?)\s+(?P<atime_adj>(?:{_A_TIME_ADJECTIVES})\s+)?"
    r"(?P<atime_unit>year|month|week|fortnight|day|hour|minute|decade|century)\b)"
    # A number starts after no word character, except in "Rs.500", "Rs500" and "$US5".
    r"|(?P<digits>(?:(?<![\w,./:@])|(?<=[Rr]s\.)|(?<=\b[Rr]s)|(?<=\$US)|(?<=\$A)|(?<=\$NZ))"
    r"(?<![A-Za-z]-)"
    r"(?:\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])"  # Indian grouping: 1,00,000
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.])"  # dots between thousands: 1.234.567,5
    r"|\d{1,3}(?:\.\d{3})+,\d+"  # 1.234,5
    r"|(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,]))(?:\.\d+)?"
    r"|\d+(?:\.\d+|,\d{1,2}(?![\d,])|[½¼¾⅓⅔⅛⅜⅝⅞])?"  # 2,5 is 2.5 only before a unit
    r")(?:/\d+)?)"
    rf"|(?P<words>\b(?:{_GROUP}(?:{_POINT}|{_AND_A_FRACTION})?{_SCALES}{{0,4}}"
    rf"|(?:an?|half(?:[\s-]an?)?){_SCALES}{{1,4}})\b)"
    r"|(?P<half>\bhalf\b)",
    re.I,
)
_TIME_NOUNS = [word for word in TIME_UNIT_WORDS if word.isalpha()]
_NUMBER_WORDS = [*ONES, *TENS, *SCALES, *VAGUE_PLURALS, *FRACTION_WORDS, "dozen"]
_WORD_STARTS = [*ORDINALS, *MULTIPLIER_WORDS]
# A sentence without one of these words holds no amount; matches start at one of NUMBER_STARTS.
NUMBER_GATE = frozenset([*_NUMBER_WORDS, *_WORD_STARTS, *_TIME_NOUNS, DIGIT])
NUMBER_STARTS = frozenset([*_NUMBER_WORDS, *_WORD_STARTS, DIGIT, "a", "an", "half"])
