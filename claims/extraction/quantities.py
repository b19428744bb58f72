"""Find amounts in a sentence: counts, money, percentages, measures, durations, ranges."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claims.extraction.lexicon import (
    CURRENCY_NATIONALITY,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    FRACTION_WORDS,
    LOWER_BOUND_QUALIFIERS,
    MEASURE_UNITS,
    ONES,
    QUALIFIERS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TENS,
    TIME_UNIT_FACTOR,
    TIME_UNIT_WORDS,
    UPPER_BOUND_QUALIFIERS,
    VAGUE_PLURALS,
)
from claims.extraction.model import Quantity
from claims.extraction.numbers import _GROUP, _SCALE_RE, parse_digits, parse_word_number
from claims.extraction.scan import DIGIT, Tokens, scan
from claims.extraction.spans import SpanIndex

_CORE = re.compile(
    r"(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:(?:dozens|scores)\s+of\b|"
    r"(?:hundreds|thousands|millions|billions|trillions)\b(?:\s+of\b)?))"
    r"|(?P<frac>\b(?:a|one|two|three|four|half)[\s-]+(?:half|third|quarter|fifth|sixth|tenth)s?\b)"
    r"|(?P<digits>(?:(?<![\w,./])|(?<=[Rr]s\.))(?<![A-Za-z]-)"
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?:/\d+)?)"
    rf"|(?P<words>\b(?:{_GROUP}(?:[\s-]+(?:{_SCALE_RE}|dozen)(?:(?:\s+and)?[\s-]+{_GROUP})?){{0,4}}"
    rf"|(?:an?|half(?:[\s-]an?)?)(?:[\s-]+(?:{_SCALE_RE}|dozen)(?:(?:\s+and)?[\s-]+{_GROUP})?){{1,4}})\b)",
    re.I,
)
_NUMBER_WORDS = [*ONES, *TENS, *SCALES, *VAGUE_PLURALS, *FRACTION_WORDS, "dozen"]
# A sentence without one of these words holds no amount; matches start at one of NUMBER_STARTS.
NUMBER_GATE = frozenset([*_NUMBER_WORDS, DIGIT])
NUMBER_STARTS = frozenset([*_NUMBER_WORDS, DIGIT, "a", "an", "half"])

_SCALE_AFTER = re.compile(rf"(?:\s+|-)?({_SCALE_RE})s?\b", re.I)
_SCALE_ABBR_AFTER = re.compile(r"(bn|mn|mln|tn|trn|[kmb])\b|\s(bn|mn|tn)\b", re.I)
_PERCENT_AFTER = re.compile(
    r"\s*(?:(%)(?:\s*points?\b)?|per[\s-]?cent(?:age)?\b(?:\s+points?\b)?|pct\b|"
    r"percent(?:age)?\b(?:\s+points?\b)?)",
    re.I,
)
_CURRENCY_WORD_AFTER = re.compile(
    r"\s+(?:(australian|canadian|new zealand|hong kong|singapore|us|u\.s\.|american|"
    r"pakistani|indian|sri lankan|nepalese|mexican|philippine|argentine|chinese|japanese|"
    r"south african|turkish|kenyan|swiss|egyptian)\s+)?(" + "|".join(CURRENCY_WORDS) + r")\b"
    r"(\s+sterling\b)?",
    re.I,
)
_TIME_WORDS = "|".join(sorted(TIME_UNIT_WORDS, key=len, reverse=True))
_HYPHEN_AFTER = re.compile(
    rf"-(?:({_TIME_WORDS})(-old)?|([a-z]{{2,20}}))\b(?!-\d)",
)
_UNIT_AFTER = re.compile(
    r"\s*(sq\.?\s?km|square\s+(?:kilomet(?:re|er)s|miles|feet|met(?:re|er)s)|"
    r"cubic\s+(?:met(?:re|er)s|feet)|km/h|°\s?[cf]\b|"
    r"[a-z]{1,12})\b(\s+old\b)?",
    re.I,
)
_TIMES_AFTER = re.compile(r"\s*(?:times\b|x\b)", re.I)
_RATE_AFTER = re.compile(
    r"\s+(?:a|an|per|each|every)\s+(?:year|month|week|day|hour|person|capita|head|annum)\b", re.I
)
_CLOCK_AFTER = re.compile(r":\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|ET\b|EST\b)", re.I)
_LETTERS_AFTER = re.compile(r"[A-Za-z]")
_SUSPENDED = re.compile(r"-\s+(?:to|and|or)\s", re.I)

_CURRENCY_BEFORE = re.compile(
    r"(?:\b(us|a|au|c|ca|nz|hk|s|r))?([$€£¥₹₦₱₩₽₺])\s?\Z|"
    r"\b(rs\.?|inr|usd|eur|gbp|pkr|aud|cad|jpy|cny|zar|ngn|kes|chf|rub|nzd|brl|mxn)\s?\Z",
    re.I,
)
_QUALIFIER_BEFORE = re.compile(
    r"(?:\b|(?=~))("
    + "|".join(
        re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    + r")\s*\Z",
    re.I,
)
_IDENTIFIER_BEFORE = re.compile(
    r"\b(?:section|article|chapter|clause|route|flight|room|page|pages|resolution|proposition|"
    r"prop|amendment|highway|interstate|level|stage|phase|grade|class|category|season|episode|"
    r"version|model|channel|platform|gate|district|ward|division|unit|bus|line|lane|exit|"
    r"covid|sars-cov|vol|psalm|verse|act|bill|hr|s)\.?\s*\Z|#\s*\Z",
    re.I,
)
_RANK_BEFORE = re.compile(r"\b(?:no|number|nr)\.?\s*\Z|\branked\s+\Z", re.I)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages|age of|age|ages of)\s+(?:(?:over|under|between|above|below)\s+)?\Z", re.I
)
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|both|its|their|his|her|our|my|your|first|last|next|other)\s+\Z",
    re.I,
)
_COUNT_QUALIFIER = frozenset(
    {"nearly", "almost", "about", "around", "approximately", "roughly", "some", "more than",
     "less than", "fewer than", "at least", "up to", "as many as", "estimated", "close to"}
)  # fmt: skip
_RANGE_GAP = re.compile(r"\A-?\s*(?:-|–|—|to|and|or|through)\s*\Z", re.I)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:\S+\s+)?\Z", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+\Z", re.I)
_TREND_BEFORE = re.compile(
    r"\b(?:rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|increased|increase|"
    r"decreased|decrease|dropped|drop|declined|decline|grew|grow|jumped|climbed|surged|slid|"
    r"went|gone|changed|cut|reduced|raised|moved|shrank|plunged|soared)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Found:
    quantity: Quantity
    scaled: bool
    suspended: bool
    is_year: bool = False


def _currency_before(text: str, start: int) -> tuple[str | None, int]:
    window = text[max(0, start - 6) : start]
    match = _CURRENCY_BEFORE.search(window)
    if not match:
        return None, start
    if match.group(2):
        key = ((match.group(1) or "") + match.group(2)).lower()
        code = CURRENCY_PREFIXES.get(key) or CURRENCY_PREFIXES.get(match.group(2).lower())
    else:
        code = CURRENCY_PREFIXES.get(match.group(3).lower())
    return code, start - (len(window) - match.start())


def _qualifier_before(text: str, start: int) -> tuple[str | None, bool, int]:
    window = text[max(0, start - 24) : start]
    match = _QUALIFIER_BEFORE.search(window)
    if not match:
        return None, False, start
    key = re.sub(r"\s+", " ", match.group(1).lower())
    normal, approximate = QUALIFIERS[key]
    return normal, approximate, start - (len(window) - match.start())


def _core_value(match: re.Match[str]) -> tuple[float | None, float | None, bool] | None:
    """(value, vague low bound, explicit scale) of a number core, None if it is not a number."""
    if match.group("vague"):
        words = match.group("vague").lower().split()
        low = 1.0
        for word in words:
            low *= VAGUE_PLURALS.get(word, 1.0)
        return None, low, True
    if match.group("frac") or match.group("words"):
        value = parse_word_number(match.group(0))
        if value is None:
            return None
        text = match.group(0).lower()
        return value, None, any(scale in text for scale in SCALES) or "dozen" in text
    digits = match.group("digits")
    if "/" in digits:
        numerator, denominator = digits.split("/", 1)
        num, den = parse_digits(numerator), parse_digits(denominator)
        # "24/7" and "9/11" are names, not fractions.
        if den == 0 or (den <= 31 and num <= 31) or "." in digits:
            return None
        return num / den, None, False
    return parse_digits(digits), None, False


def _read(text: str, match: re.Match[str], limit: int) -> _Found | None:
    core = _core_value(match)
    if core is None:
        return None
    value, low, scaled = core
    start, end = match.start(), match.end()
    word_core = match.group("digits") is None
    lowered = match.group(0).lower()
    if word_core and lowered in ("one", "a", "an") and not _one_is_a_count(text, start, end, limit):
        return None
    unit: str | None = None
    currency, begin = _currency_before(text, start)
    qualifier, approximate, begin = _qualifier_before(text, begin)
    before = text[max(0, begin - 24) : begin]
    if not currency and _IDENTIFIER_BEFORE.search(text[max(0, start - 14) : start]):
        return None
    if match.group("digits") and _CLOCK_AFTER.match(text, end, limit):
        return None

    pos = end
    if not word_core and value is not None:
        scale = _SCALE_AFTER.match(text, pos, limit)
        if scale:
            value *= SCALES[scale.group(1).lower()]
            scaled, pos = True, scale.end()
        else:
            abbr = _SCALE_ABBR_AFTER.match(text, pos, limit)
            key = (abbr.group(1) or abbr.group(2) or "").lower() if abbr else ""
            if abbr and (currency or key not in ("k", "m", "b")):
                value *= SCALE_ABBREVIATIONS[key]
                scaled, pos = True, abbr.end()
    suspended = bool(_SUSPENDED.match(text, pos, limit))
    is_year = False
    if currency:
        unit = currency
    if unit is None and (percent := _PERCENT_AFTER.match(text, pos, limit)):
        unit = "percentage point" if "point" in percent.group(0).lower() else "percent"
        pos = percent.end()
    if unit is None and (word := _CURRENCY_WORD_AFTER.match(text, pos, limit)):
        name = word.group(2).lower()
        nationality = (word.group(1) or "").lower()
        singular = name.rstrip("s") if name.endswith("s") and name != "pesos" else name
        if name.startswith("pound") and not (scaled or word.group(3) or nationality):
            unit = "lb"
        else:
            unit = CURRENCY_NATIONALITY.get((nationality, singular)) or CURRENCY_WORDS[name]
        pos = word.end()
    elif currency and (word := _CURRENCY_WORD_AFTER.match(text, pos, limit)):
        pos = word.end()  # "$10 trillion dollar debt"
    noun = False
    if unit is None and (hyphen := _HYPHEN_AFTER.match(text, pos, limit)):
        if hyphen.group(1):
            unit = TIME_UNIT_WORDS[hyphen.group(1).lower()]
        elif hyphen.group(3).lower() in MEASURE_UNITS:
            unit = MEASURE_UNITS[hyphen.group(3).lower()]
        noun = True
        pos = hyphen.end()
    if unit is None and not noun and (word := _UNIT_AFTER.match(text, pos, limit)):
        key = word.group(1).lower().replace(" ", "")
        name = (
            TIME_UNIT_WORDS.get(key)
            or MEASURE_UNITS.get(key)
            or MEASURE_UNITS.get(re.sub(r"\s+", " ", word.group(1).lower()))
        )
        if name:
            unit, pos = name, word.end()
    if unit is None and (times := _TIMES_AFTER.match(text, pos, limit)):
        unit, pos = "times", times.end()
    if not word_core and unit is None and not scaled and _LETTERS_AFTER.match(text, end, limit):
        return None  # "5G", "3D", "1990s", "21st": names and ordinals, not amounts
    if unit is None and (rank := _RANK_BEFORE.search(text[max(0, start - 10) : start])):
        unit = "rank"
        begin = start - (min(start, 10) - rank.start())
    if unit is None and _AGE_BEFORE.search(before + text[begin:start]):
        unit = "year"
    if (
        match.group("digits")
        and unit is None
        and not scaled
        and value is not None
        and value.is_integer()
        and 1000 <= value <= 2099
        and "," not in match.group(0)
        and len(match.group(0)) == 4
        and qualifier not in _COUNT_QUALIFIER
    ):
        is_year = True  # a year: the date reader owns it
    if (rate := _RATE_AFTER.match(text, pos, limit)) and unit not in ("year", "month", "day"):
        pos = rate.end()
    if (
        unit is None
        and not noun
        and qualifier is None
        and value is not None
        and value <= 3
        and not scaled
        and _DEFINITE_BEFORE.search(text[max(0, start - 12) : start])
    ):
        return None  # "the two countries" refers back; it does not count anything new
    if unit in TIME_UNIT_FACTOR and value is not None:
        unit, factor = TIME_UNIT_FACTOR[unit]
        value *= factor
    q_low: float | None = low
    q_high: float | None = None
    if qualifier in LOWER_BOUND_QUALIFIERS and value is not None:
        q_low = value
    elif qualifier in UPPER_BOUND_QUALIFIERS and value is not None:
        q_high = value
    if low is not None:
        approximate = True
    quantity = Quantity(
        text=text[begin:pos],
        start=begin,
        end=pos,
        value=value,
        low=q_low,
        high=q_high,
        unit=unit,
        approximate=approximate,
        qualifier=qualifier,
    )
    return _Found(quantity, scaled, suspended, is_year)


_ONE_CONTEXT_BEFORE = re.compile(r"\b(?:only|just|at least|more than|about|exactly)\s+\Z", re.I)
_ONE_CONTEXT_AFTER = re.compile(
    rf"-(?:{_TIME_WORDS})\b|-[a-z]+\b(?!-)|\s+(?:{_TIME_WORDS}|percent|per cent|in\s+\w+)\b", re.I
)
# "one" before a noun counts ("one small dam project"); before these words it is a pronoun.
_ONE_PRONOUN_AFTER = re.compile(
    r",?\s+(?:of|another|who|whom|that|which|day|thing|things|way|more|less|or|and|is|was|can|"
    r"could|would|should|must|will|to|in|at|by|for|on|with|from|as|than|has|had|have|side|hand|"
    r"time|point|another|else|too|another|like|if|when|i|you|we|they|he|she|it|the|a|an|'s)\b",
    re.I,
)
_ONE_NOUN_AFTER = re.compile(r",?\s+[a-z][a-z-]+\b")
_ONE_NOT_A_COUNT_BEFORE = re.compile(
    r"\b(?:no|the|this|that|any|every|each|which|another|a|one|last|only\s+the|such)\s+\Z", re.I
)


def _one_is_a_count(text: str, start: int, end: int, limit: int) -> bool:
    """ "one" and "a" are usually pronoun or article; only some contexts make them amounts."""
    if text[start:end].lower() != "one":
        return False
    before = text[max(0, start - 16) : start]
    if _ONE_CONTEXT_BEFORE.search(before) or _ONE_CONTEXT_AFTER.match(text, end, limit):
        return True
    if _ONE_NOT_A_COUNT_BEFORE.search(before) or start == 0 or text[start].isupper():
        return False
    return bool(_ONE_NOUN_AFTER.match(text, end, limit)) and not _ONE_PRONOUN_AFTER.match(
        text, end, limit
    )


def _merge_range(text: str, a: _Found, b: _Found) -> Quantity | None:
    qa, qb = a.quantity, b.quantity
    gap = text[qa.end : qb.start]
    if not _RANGE_GAP.match(gap) or qa.value is None or qb.value is None:
        return None
    lowered = gap.strip(" -").lower()
    before = text[max(0, qa.start - 20) : qa.start]
    listed = lowered in ("and", "or") and not (a.suspended or _BETWEEN_BEFORE.search(before))
    if listed and (lowered == "and" or qa.unit is not None):
        return None  # "5 and 7" without "between" lists two amounts
    if _FROM_BEFORE.search(before) and _TREND_BEFORE.search(text[max(0, qa.start - 60) : qa.start]):
        return None  # "fell from 16% to 2.5%" is a change, not a range
    if qa.unit and qb.unit and qa.unit != qb.unit:
        return None
    low = qa.value
    if b.scaled and not a.scaled and qa.value < qb.value / 1000 and qb.value >= 1000:
        scale = _leading_scale(qb.value)
        low = qa.value * scale
    if low >= qb.value:
        return None
    return Quantity(
        text=text[qa.start : qb.end],
        start=qa.start,
        end=qb.end,
        value=None,
        low=low,
        high=qb.value,
        unit=qb.unit or qa.unit,
        approximate=qa.approximate or qb.approximate,
        qualifier=qa.qualifier,
    )


def _leading_scale(value: float) -> float:
    for scale in (1e12, 1e9, 1e6, 1e3):
        if value >= scale:
            return scale
    return 1.0


def find_quantities(
    text: str,
    start: int,
    end: int,
    taken: list[tuple[int, int]],
    tokens: Tokens | None = None,
) -> list[Quantity]:
    """Amounts inside text[start:end] that do not overlap the `taken` spans (dates)."""
    tokens = tokens or Tokens(text, start, end)
    if not tokens.has(NUMBER_GATE):
        return []
    found: list[_Found] = []
    index = SpanIndex(taken)
    for match in scan(_CORE, text, tokens.starts(NUMBER_STARTS), end):
        if index and index.overlaps(match.start(), match.end()):
            continue
        if found and match.start() < found[-1].quantity.end:
            continue
        item = _read(text, match, end)
        if item is None or item.is_year:
            continue
        if index and index.overlaps(item.quantity.start, item.quantity.end):
            item = _Found(
                replace(
                    item.quantity, end=match.end(), text=text[item.quantity.start : match.end()]
                ),
                item.scaled,
                item.suspended,
            )
        found.append(item)
    result: list[Quantity] = []
    i = 0
    while i < len(found):
        if i + 1 < len(found):
            merged = _merge_range(text, found[i], found[i + 1])
            if merged is not None:
                result.append(merged)
                i += 2
                continue
        result.append(found[i].quantity)
        i += 1
    return result
