"""Words and pattern pieces the date readers share. Plain data, so the regexes build from it."""

from __future__ import annotations

from claims.extraction.lexicon import MONTHS, WEEKDAYS

# Case matters for month names: "may", "march" and "august" are words too.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
# "fall" and "spring" are verbs and nouns as well; after these words they are seasons.
SEASON_WORDS = frozenset({"spring", "summer", "autumn", "fall", "winter"})

# Ordinals that number centuries ("the nineteenth century") and quarters ("the third quarter").
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "final": 4, "last": 4, "latter": 2,
}  # fmt: skip
CENTURY_ORDINAL = (
    r"(?:twenty[\s-](?:first|second)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth)"
)

# Holidays on a fixed day: (month, day). Movable ones are computed in the holiday reader.
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's day": (1, 1), "new year's eve": (12, 31),
    "valentine's day": (2, 14), "halloween": (10, 31), "july fourth": (7, 4),
    "fourth of july": (7, 4), "guy fawkes night": (11, 5), "bastille day": (7, 14),
    "st patrick's day": (3, 17), "st. patrick's day": (3, 17), "veterans day": (11, 11),
    "remembrance day": (11, 11), "armistice day": (11, 11), "anzac day": (4, 25),
    "australia day": (1, 26), "canada day": (7, 1), "juneteenth": (6, 19), "may day": (5, 1),
}  # fmt: skip
# Movable holidays: the (month, day) they fall near, to choose the year by.
MOVABLE_HOLIDAYS: dict[str, tuple[int, int]] = {
    "easter": (4, 10), "easter sunday": (4, 10), "easter monday": (4, 11),
    "good friday": (4, 8), "thanksgiving": (11, 25), "thanksgiving day": (11, 25),
    "memorial day": (5, 28), "labor day": (9, 4), "black friday": (11, 26),
    "cyber monday": (11, 29),
}  # fmt: skip
HOLIDAY_STARTS = frozenset(
    {"christmas", "boxing", "new", "valentine", "halloween", "july", "fourth", "guy", "bastille",
     "st", "easter", "good", "thanksgiving", "memorial", "labor", "veterans", "remembrance",
     "armistice", "anzac", "australia", "canada", "juneteenth", "may", "black", "cyber"}
)  # fmt: skip

# Sport's own words: in a sentence with one of these, "the fourth quarter" is a period of play.
SPORTS_WORDS = frozenset(
    {"scored", "score", "scoring", "touchdown", "touchdowns", "yards", "goal", "goals", "game",
     "games", "quarterback", "innings", "inning", "halftime", "rebounds", "assists", "basket",
     "baskets", "interception", "fumble", "penalty", "match", "referee", "whistle", "lead",
     "trailed", "buzzer"}
)  # fmt: skip

__all__ = [
    "CENTURY_ORDINAL",
    "DAY",
    "FIXED_HOLIDAYS",
    "HOLIDAY_STARTS",
    "MONTH",
    "MONTHS",
    "MOVABLE_HOLIDAYS",
    "ORDINAL_WORDS",
    "SEASON",
    "SEASON_WORDS",
    "SPORTS_WORDS",
    "WEEKDAY",
    "WEEKDAYS",
    "YEAR",
]
