"""Words, stems and the small vocabularies the verifiers share."""

from __future__ import annotations

import re

from claims.extraction.lexicon import (
    CURRENCY_WORDS,
    MONTHS,
    ONES,
    SCALES,
    STOPWORDS,
    TENS,
    WEEKDAYS,
)

WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

# Words that say nothing about what a claim is about: function words, speech verbs, and the
# vocabulary of amounts and dates, which the quantity and date verifiers compare on their own.
IGNORED = frozenset(
    [
        *STOPWORDS,
        *ONES,
        *TENS,
        *SCALES,
        *CURRENCY_WORDS,
        *MONTHS,
        *WEEKDAYS,
        *str.split(
            """percent percentage per cent pct points point nearly almost around approximately
        roughly estimated close least most over under above below year years month months week
        weeks day days decade decades time times first last said says say told added according
        claimed stated also would could will has have had been being mr mrs ms dr"""
        ),
    ]
)
NEGATIONS = frozenset(
    str.split(
        "not no never none nobody nothing neither nor cannot can't won't didn't doesn't don't "
        "isn't wasn't aren't weren't hasn't haven't hadn't couldn't shouldn't wouldn't without"
    )
)
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(text)]


def stem(word: str) -> str:
    """A prefix that finds the word's inflections ("visits", "visited") by prefix search.

    Deliberately crude: ranking tolerates the odd false friend, and a prefix search costs one
    pass of the regex engine over the document instead of tokenising all of it.
    """
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if word.endswith(("sses", "xes", "zes", "ches", "shes")) and len(word) > 6:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        return word[:-1]
    return word


def is_year(word: str) -> bool:
    return len(word) == 4 and bool(_YEAR.fullmatch(word))


def is_content_word(word: str) -> bool:
    """A word worth searching for: not a function word, not a bare number other than a year."""
    if word in IGNORED or (word.endswith("'s") and word[:-2] in IGNORED):
        return False
    if word[0].isdigit():
        return is_year(word)
    return len(word) >= 3


def negated(text: str) -> bool:
    return any(w in NEGATIONS for w in words(text))


def one_line(text: str, limit: int = 160) -> str:
    """Text for an explanation: on one line and cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit - 1)
    return flat[: cut if cut > limit // 2 else limit - 1] + "…"
