"""Amounts that are words of their own: shares ("two-thirds", "one in five"), multipliers
("doubled", "twice", "half as much"), ranks ("the third-largest", "87th") and durations
without a number ("a week", "half a decade")."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.lexicon import (
    MEASURE_UNITS,
    MONTHS,
    MULTIPLIER_WORDS,
    ONES,
    ORDINALS,
    RANKING_SUFFIXES,
    SCALES,
    STOPWORDS,
    TENS,
    TIME_UNIT_FACTOR,
    TIME_UNIT_WORDS,
)
from claims.extraction.numbers import parse_digits, parse_word_number
from claims.extraction.quantities.base import (
    Found,
    Window,
    build,
    qualifier_before,
    words_before,
)
from claims.extraction.quantities.units import TIME_WORDS_RE, currency_word_after

_ONES_RE = "|".join(ONES)
_TENS_RE = "|".join(TENS)
_SHARE_BLOCKED_AFTER = re.compile(rf"\s*(?:%|percent\b|per\s?cent\b|-|(?:{TIME_WORDS_RE})\b)", re.I)
_OF_A_AFTER = re.compile(r"\s+of\s+an?\s+([a-z]+)\b", re.I)
_SCALE_WORD_AFTER = re.compile(r"[\s-]+(thousand|million|billion|trillion)\b", re.I)
_TIME_AFTER = re.compile(r"[\s-]+(year|month|week|day|hour|minute|decade|century)\b(?!-)", re.I)
_MEASURE_AFTER = re.compile(r"[\s-]+([a-z]{2,12})\b(?!-)", re.I)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z’'-]*)")

# After "double" or "triple" the thing multiplied: "double the number", "triple what it was".
_MULTIPLIED_AFTER = re.compile(
    r"\s+(?:the|its|their|that|what|his|her|our|this|those|these|that)\b", re.I
)
_ADJECTIVE_MULTIPLIERS = frozenset({"double", "triple", "treble", "quadruple"})

_RANK_SUFFIX_AFTER = re.compile(
    "-(?:" + "|".join(sorted(RANKING_SUFFIXES, key=len, reverse=True)) + r")\b", re.I
)
_HYPHEN_WORD_AFTER = re.compile(r"-([a-z]+)\b", re.I)
# "first-hand", "third-party", "second-guess": compounds that rank nothing.
_NOT_RANK_COMPOUNDS = frozenset(
    {"hand", "rate", "class", "aid", "degree", "person", "name", "party", "world", "guess",
     "string", "half", "quarter", "born", "floor", "grader", "graders", "year", "years"}
)  # fmt: skip
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that",
     "every", "each", "whose"}
)  # fmt: skip
_DETERMINER_ADVERBS = frozenset({"very", "only", "next", "same", "last"})
_DATE_ORDINAL_AFTER = re.compile(r"[\s-]+(?:century|centuries|millennium|millennia)\b", re.I)
# "117th Avenue", "42nd Street", "the 5th Precinct": ordinals that name places.
_PLACE_ORDINAL_AFTER = re.compile(
    r"\s+(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Pl|Place|Terrace|Blvd|Boulevard|Lane|Way|"
    r"Court|Precinct|Parish)\b"
)
# After "first" a verb makes it an adverb ("first went", "first reported").
_IRREGULAR_VERBS = frozenset(
    {"went", "came", "saw", "met", "began", "begun", "took", "made", "became", "said", "told",
     "got", "gave", "found", "ran", "won", "heard", "thought", "knew", "broke", "wrote",
     "spoke", "grew", "fell", "rose", "left", "brought", "bought", "sold", "built", "sent",
     "spent", "held", "led", "lost", "paid", "put", "set", "hit", "read", "is", "was", "were",
     "are", "be", "been", "has", "have", "had", "do", "did", "will", "would", "can", "could",
     "thing", "half", "quarter", "they", "he", "she", "we", "it", "i", "you"}
)  # fmt: skip
_ED_NOUNS = frozenset(
    {"red", "bed", "need", "speed", "seed", "hundred", "shed", "breed", "creed", "greed",
     "deed", "steed", "reed", "sled", "fed", "med", "ted", "bred", "sacred", "kindred"}
)  # fmt: skip
_LY_NOUNS = frozenset(
    {"family", "ally", "rally", "supply", "assembly", "anomaly", "monopoly", "reply", "fly",
     "july", "italy", "belly", "lily", "bully", "tally", "folly"}
)  # fmt: skip
_PLACED = frozenset(
    {"ranked", "ranks", "ranking", "placed", "finished", "finishing", "came", "comes"}
)
_FIRST_OF_ALL = re.compile(r"\s+(?:of\s+all|and\s+foremost)\b", re.I)
_SECOND_AS_TIME_AFTER = re.compile(r"\s+(?:later|earlier|ago|or|and|longer|more)\b", re.I)

# "25 bodies a week", "twice a day", "one day a week": after an amount "a week" is a rate.
_RATE_WORDS = frozenset(
    [*ONES, *TENS, "once", "twice", "thrice", "times", "dozen", "hundred", "thousand",
     "million", "billion", "trillion", "percent", "cent", "cents", "dollar", "dollars",
     "pound", "pounds", "euro", "euros", "mile", "miles", "kilometres", "kilometers", "km",
     "kilo", "kilos", "calories", "hour", "hours", "day", "days"]
)  # fmt: skip
_CLAUSE_END = ",;:.!?"
_VAGUE_AFTER = re.compile(r"\s+or\s+(?:two|so|three|more\s+than)\b", re.I)
_AND_A_HALF_AFTER = re.compile(r"\s+and\s+a\s+half\b", re.I)

_HALF_AS_AFTER = re.compile(
    r"\s+(?:as\b|(?:the|its|their|his|her)\s+(?:size|length|height|width|weight|speed|pace|"
    r"price|cost|rate|level|amount|value|distance|area|volume)\b)",
    re.I,
)
_HALF_SHARE_AFTER = re.compile(
    r"\s+(?:of|the|its|their|his|her|our|all|those|these|them|that|this)\b", re.I
)
_HALF_ALONE_AFTER = re.compile(
    r"\s*(?:[,.;:)”\"]|\Z)|\s+(?:were|was|are|is|have|had|said|say|says|voted|will|would)\b", re.I
)
# "the first half", "cut in half", "one and a half": no share or multiplier of its own.
_NOT_HALF_BEFORE = frozenset(
    {"the", "a", "first", "second", "other", "latter", "back", "in", "by", "and"}
)


def _small_number(text: str) -> float | None:
    if text[0].isdigit():
        return parse_digits(text)
    return parse_word_number(text)


def read_share(w: Window, match: re.Match[str]) -> Found | None:
    """ "one in five" is 20 percent."""
    numerator = _small_number(match.group("share_n"))
    denominator = _small_number(match.group("share_d"))
    if numerator is None or not denominator or numerator > denominator:
        return None
    if _SHARE_BLOCKED_AFTER.match(w.text, match.end(), w.end):
        return None  # "3 in 10 days", "one in five-year terms"
    qualifier, approximate, begin = qualifier_before(w, match.start())
    value = numerator / denominator * 100
    return Found(build(w.text, begin, match.end(), value, "percent", qualifier, approximate))


def read_fraction(w: Window, match: re.Match[str]) -> Found | None:
    """ "two-thirds" and "a third of" are shares (percent); "a quarter of a million" and "half
    an hour" are amounts; "a third day" is a rank."""
    text = w.text
    raw = match.group(0)
    value = parse_word_number(raw)
    if value is None:
        return None
    words = re.findall(r"[a-z]+", raw.lower())
    lead, fraction = words[0], words[-1]
    qualifier, approximate, begin = qualifier_before(w, match.start())
    pos = match.end()
    if of := _OF_A_AFTER.match(text, pos, w.end):
        unit_found = _scaled_or_unit(w, of.group(1).lower(), value, of.end())
        if unit_found is not None:
            amount, unit, end = unit_found
            return Found(build(text, begin, end, amount, unit, qualifier, approximate), True)
    if scale := _SCALE_WORD_AFTER.match(text, pos, w.end):
        unit_found = _scaled_or_unit(w, scale.group(1).lower(), value, scale.end())
        if unit_found is not None:
            amount, unit, end = unit_found
            return Found(build(text, begin, end, amount, unit, qualifier, approximate), True)
    # "a quarter century", "a half hour"; but "a third day" is the third one.
    if fraction in ("half", "quarter") and (time := _TIME_AFTER.match(text, pos, w.end)):
        unit_found = _scaled_or_unit(w, time.group(1).lower(), value, time.end())
        if unit_found is not None:
            amount, unit, end = unit_found
            return Found(build(text, begin, end, amount, unit, qualifier, approximate))
    if measure := _MEASURE_AFTER.match(text, pos, w.end):
        unit = MEASURE_UNITS.get(measure.group(1).lower())
        if unit:  # "a quarter mile", "a half-mile"
            return Found(build(text, begin, measure.end(), value, unit, qualifier, approximate))
    if lead in ("a", "an") and fraction in ORDINALS and fraction not in ("half", "quarter"):
        following = _NEXT_WORD.match(text, pos, w.end)
        if following and following.group(1).lower() not in STOPWORDS:
            # "for a third day", "a fifth consecutive year": an ordinal after "a".
            rank = float(ORDINALS[fraction])
            return Found(build(text, match.start(), pos, rank, "rank", qualifier, approximate))
    return Found(build(text, begin, pos, value * 100, "percent", qualifier, approximate))


def _scaled_or_unit(
    w: Window, word: str, value: float, end: int
) -> tuple[float, str | None, int] | None:
    """A fraction of a scale or a unit: (amount, unit, end), None when `word` is neither."""
    if word in SCALES:
        amount = value * SCALES[word]
        money = currency_word_after(w, end, True)
        if money:
            return amount, money[0], money[1]
        return amount, None, end
    time = TIME_UNIT_WORDS.get(word)
    if time:
        unit, factor = TIME_UNIT_FACTOR.get(time, (time, 1.0))
        return value * factor, unit, end
    measure = MEASURE_UNITS.get(word)
    if measure:
        return value, measure, end
    return None


def read_multiplier(w: Window, match: re.Match[str]) -> Found | None:
    """ "doubled" is 2 times, "nearly tripled" about 3, "a tenfold rise" 10, "halved" 0.5."""
    raw = match.group(0)
    lowered = raw.lower()
    if lowered in MULTIPLIER_WORDS:
        value = float(MULTIPLIER_WORDS[lowered])
        if lowered in _ADJECTIVE_MULTIPLIERS and not _MULTIPLIED_AFTER.match(
            w.text, match.end(), w.end
        ):
            return None  # "a double murder", "triple jump"
    else:
        number = re.split(r"[\s-]fold", lowered)[0].strip(" -")
        parsed = _small_number(number) if number else None
        if parsed is None:
            return None
        value = parsed
    qualifier, approximate, begin = qualifier_before(w, match.start())
    return Found(build(w.text, begin, match.end(), value, "times", qualifier, approximate))


def _ordinal_value(lowered: str) -> int | None:
    if lowered[0].isdigit():
        return int(re.sub(r"\D", "", lowered))
    if "-" in lowered:
        tens, ones = lowered.split("-", 1)
        if tens in TENS and ones in ORDINALS and ORDINALS[ones] < 10:
            return TENS[tens] + ORDINALS[ones]
        return None
    return ORDINALS.get(lowered)


def _verb_like(word: str) -> bool:
    lowered = word.lower()
    if lowered in _IRREGULAR_VERBS:
        return True
    if lowered.endswith("ed") and lowered not in _ED_NOUNS:
        return True
    return lowered.endswith("ly") and lowered not in _LY_NOUNS


def _determined(before: list[str]) -> bool:
    """Whether the words before an ordinal end in a determiner ("the", "its very", "Kelmar's")."""
    words = before[:-1] if before and before[-1] in _DETERMINER_ADVERBS else before
    if not words:
        return False
    last = words[-1]
    return last in _DETERMINERS or last.endswith(("'s", "’s"))


def _after_an_amount(before: list[str]) -> bool:
    """Whether one of the last words of the same clause is an amount ("25 bodies", "twice")."""
    for word in reversed(before):
        if word[-1] in _CLAUSE_END:
            return False
        core = word.strip("()“”\"'")
        if any(ch.isdigit() for ch in core) or core in _RATE_WORDS:
            return True
    return False


def read_ordinal(w: Window, match: re.Match[str]) -> Found | None:
    """ "the third-largest", "its first", "87th", "the second week": ranks."""
    text = w.text
    raw = match.group(0)
    if raw[0].isupper():
        return None  # "First Lady", "Second World War", a sentence's opening "First,"
    lowered = raw.lower()
    value = _ordinal_value(lowered)
    if value is None:
        return None
    start, pos = match.start(), match.end()
    before = [word for _, word in words_before(w, start, 2, 30)]
    previous = before[-1] if before else ""
    if suffix := _RANK_SUFFIX_AFTER.match(text, pos, w.end):
        return Found(build(text, start, suffix.end(), float(value), "rank"))
    if _PLACE_ORDINAL_AFTER.match(text, pos, w.end):
        return None
    if _DATE_ORDINAL_AFTER.match(text, pos, w.end) or previous.rstrip(".") in MONTHS:
        return None  # "the 20th century", "May 21st": dates
    if compound := _HYPHEN_WORD_AFTER.match(text, pos, w.end):
        if compound.group(1).lower() in _NOT_RANK_COMPOUNDS:
            return None
        return Found(build(text, start, pos, float(value), "rank"))
    if lowered[0].isdigit():
        return Found(build(text, start, pos, float(value), "rank"))
    if previous in _PLACED:
        return Found(build(text, start, pos, float(value), "rank"))  # "finished third"
    following = _NEXT_WORD.match(text, pos, w.end)
    if not following or _verb_like(following.group(1)) or _FIRST_OF_ALL.match(text, pos, w.end):
        return None  # "came first.", "first went", "first of all"
    determined = _determined(before)
    if lowered == "first" and previous == "at":
        return None
    if following.group(1).lower() in STOPWORDS and not determined:
        return None  # "first to" is only a rank as "the first to"
    if lowered == "second" and (not determined or _SECOND_AS_TIME_AFTER.match(text, pos, w.end)):
        return None  # "a second later", "30 seconds"
    return Found(build(text, start, pos, float(value), "rank"))


def read_a_time(w: Window, match: re.Match[str]) -> Found | None:
    """ "a week", "an extra month", "half a decade": a duration of one (or half a) unit."""
    text = w.text
    start, pos = match.start(), match.end()
    before = words_before(w, start, 3)
    if _after_an_amount([word for _, word in before]):
        return None  # "25 bodies a week", "twice a day"
    if not match.group("atime_adj") and before and before[-1][1] == "for":
        return None  # "for a year" is an idiom more often than a measured time
    if _VAGUE_AFTER.match(text, pos, w.end):
        return None  # "a year or two"
    value = 0.5 if match.group(0).lower().startswith("half") else 1.0
    if value == 1.0 and (half := _AND_A_HALF_AFTER.match(text, pos, w.end)):
        value, pos = 1.5, half.end()
    unit = TIME_UNIT_WORDS[match.group("atime_unit").lower()]
    unit, factor = TIME_UNIT_FACTOR.get(unit, (unit, 1.0))
    qualifier, approximate, begin = qualifier_before(w, start)
    return Found(build(text, begin, pos, value * factor, unit, qualifier, approximate))


def read_half(w: Window, match: re.Match[str]) -> Found | None:
    """ "half as much" is 0.5 times; "half of all cases" and "more than half" are 50 percent."""
    text = w.text
    start, pos = match.start(), match.end()
    before = words_before(w, start, 1, 16)
    qualifier, approximate, begin = qualifier_before(w, start)
    if _HALF_AS_AFTER.match(text, pos, w.end):
        return Found(build(text, begin, pos, 0.5, "times", qualifier, approximate))
    if qualifier is None and before and before[-1][1] in _NOT_HALF_BEFORE:
        return None  # "the first half", "cut in half"
    if _HALF_SHARE_AFTER.match(text, pos, w.end) or (
        qualifier is not None and _HALF_ALONE_AFTER.match(text, pos, w.end)
    ):
        return Found(build(text, begin, pos, 50.0, "percent", qualifier, approximate))
    return None
