"""Reading numbers written in digits or in words."""

from __future__ import annotations

import re

from claims.extraction.lexicon import FRACTION_WORDS, ONES, SCALES, TENS

_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_SCALE_RE = "hundred|thousand|million|billion|trillion|lakh|crore"
_GROUP = rf"(?:(?:{_TENS_RE})(?:[\s-](?:{_ONES_RE}))?|{_ONES_RE})"
# "one hundred and sixty-three thousand", "half a trillion", "a dozen"; bounded repetition keeps
# the pattern linear on pathological input.
WORD_NUMBER = (
    rf"(?:{_GROUP}|\ban?|\bhalf(?:[\s-]an?)?)"
    rf"(?:[\s-]+(?:{_SCALE_RE}|dozen)(?:(?:\s+and)?[\s-]+{_GROUP})?){{0,4}}"
)
NUMBER_WORD_TOKEN = re.compile(rf"\b(?:{_ONES_RE}|{_TENS_RE})\b", re.I)
_TOKENS = re.compile(r"[a-z]+")


def parse_digits(text: str) -> float:
    return float(text.replace(",", "").replace(" ", "").replace("\u00a0", ""))


def parse_word_number(text: str) -> float | None:
    """Value of an English number phrase, or None when it is only "a"/"an" without a scale."""
    total = 0.0
    current: float | None = None
    for token in _TOKENS.findall(text.lower()):
        if token in ONES:
            current = (current or 0.0) + ONES[token]
        elif token in TENS:
            current = (current or 0.0) + TENS[token]
        elif token in ("a", "an"):
            if current is None:
                current = 1.0
        elif token == "half":
            current = 0.5
        elif token == "dozen":
            current = (current or 1.0) * 12
        elif token == "hundred":
            current = (current or 1.0) * 100
        elif token in SCALES:
            total += (current or 1.0) * SCALES[token]
            current = None
        elif token in FRACTION_WORDS:
            current = (current or 1.0) * FRACTION_WORDS[token]
    if current is None and total == 0.0:
        return None
    return total + (current or 0.0)


def as_number(value: float) -> int | float:
    """An integral float as int, so JSON shows 800000000 rather than 800000000.0."""
    if value == value and abs(value) < 1e18 and float(value).is_integer():
        return int(value)
    return value
