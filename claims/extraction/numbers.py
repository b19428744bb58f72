"""Reading numbers written in digits or in words."""

from __future__ import annotations

import re

from claims.extraction.lexicon import FRACTION_WORDS, ONES, SCALES, TENS

_ONES_RE = "|".join(sorted(ONES, key=len, reverse=True))
_TENS_RE = "|".join(TENS)
_SCALE_RE = "hundred|thousand|million|billion|trillion|lakh|crore"
_DIGIT_WORD_RE = "zero|one|two|three|four|five|six|seven|eight|nine"
_GROUP = rf"(?:(?:{_TENS_RE})(?:[\s-](?:{_ONES_RE}))?|{_ONES_RE})"
# "six point six", "two-point-five": the decimals of a spoken number, one digit word each.
_POINT = rf"(?:[\s-]+point(?:[\s-]+(?:{_DIGIT_WORD_RE})\b){{1,6}})"
# "two and a half", "one and a quarter".
_AND_A_FRACTION = r"(?:[\s-]+and[\s-]+a[\s-]+(?:half|quarter)\b)"
# "one hundred and sixty-three thousand", "half a trillion", "a dozen", "a thousand million";
# bounded repetition keeps the pattern linear on pathological input.
WORD_NUMBER = (
    rf"(?:{_GROUP}(?:{_POINT}|{_AND_A_FRACTION})?|\ban?|\bhalf(?:[\s-]an?)?)"
    rf"(?:[\s-]+(?:{_SCALE_RE}|dozen)(?:(?:\s+and)?[\s-]+{_GROUP})?){{0,4}}"
)
NUMBER_WORD_TOKEN = re.compile(rf"\b(?:{_ONES_RE}|{_TENS_RE})\b", re.I)
_TOKENS = re.compile(r"[a-z]+")
_DIGIT_WORDS = {word: ONES[word] for word in _DIGIT_WORD_RE.split("|")}


# "2½ days", "3¾ miles": a fraction written as one character after the whole number.
VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375,
    "⅝": 0.625, "⅞": 0.875,
}  # fmt: skip


def parse_digits(text: str) -> float:
    """ "1,234.5", "12 500", "1,00,000" (Indian grouping) and a minus sign as floats."""
    cleaned = text.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if cleaned and cleaned[-1] in VULGAR_FRACTIONS:
        whole = cleaned[:-1]
        return (float(whole) if whole else 0.0) + VULGAR_FRACTIONS[cleaned[-1]]
    return float(cleaned)


def parse_decimal_comma(text: str) -> float:
    """A number written with a decimal comma and dots between thousands: "1.234,5" is 1234.5."""
    return float(text.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", "."))


def parse_word_number(text: str) -> float | None:
    """Value of an English number phrase, or None when it holds no number word.

    A scale multiplies everything before it that is smaller than itself, so "a thousand
    million" is 1e9 while "two million three hundred thousand" is 2,300,000.
    """
    total = 0.0
    current: float | None = None
    decimals: float | None = None  # the place of the next digit after "point"
    joined = False  # after "and": "two and a half" adds the half
    for token in _TOKENS.findall(text.lower()):
        if decimals is not None and token in _DIGIT_WORDS:
            current = (current or 0.0) + _DIGIT_WORDS[token] * decimals
            decimals /= 10
            continue
        decimals = None
        if token == "and":
            joined = True
            continue
        if joined and token in ("half", "quarter") and current is not None:
            current += FRACTION_WORDS[token]
            joined = False
            continue
        joined = joined and token in ("a", "an")
        if token in ONES:
            current = (current or 0.0) + ONES[token]
        elif token in TENS:
            current = (current or 0.0) + TENS[token]
        elif token == "point":
            decimals = 0.1
        elif token in ("a", "an"):
            if current is None:
                current = 1.0
        elif token == "dozen":
            current = (current or 1.0) * 12
        elif token == "hundred":
            current = (current or 1.0) * 100
        elif token in SCALES:
            scale = SCALES[token]
            if total + (current or 0.0) < scale and total:
                total = (total + (current or 0.0)) * scale
            else:
                total += (current if current is not None else 1.0) * scale
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
