"""Numbers in digits or words and what follows them: "$2.1bn", "42 km", "16 years old"."""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.lexicon import (
    CURRENCY_PREFIXES,
    MEASURE_UNITS,
    MONTHS,
    NUMBER_IDIOMS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TIME_UNIT_FACTOR,
    TIME_UNIT_WORDS,
    VAGUE_PLURALS,
    WEEKDAYS,
)
from claims.extraction.numbers import (
    _SCALE_RE,
    parse_decimal_comma,
    parse_digits,
    parse_word_number,
)
from claims.extraction.quantities.base import (
    Found,
    Window,
    build,
    qualifier_before,
    words_before,
)
from claims.extraction.quantities.units import (
    HYPHEN_AFTER,
    PERCENT_AFTER,
    TIME_WORDS_RE,
    TIMES_AFTER,
    currency_word_after,
    unit_word_after,
)

_SCALE_AFTER = re.compile(rf"(?:\s+|-)?({_SCALE_RE})s?\b", re.I)
_SCALE_ABBR_AFTER = re.compile(r"(bn|mn|mln|tn|trn|[kmb])\b|\s(bn|mn|tn)\b", re.I)
# Without a currency, "5.5m people" is millions but "a 100m sprint" is metres.
_COUNTED_AFTER = re.compile(
    r"[\s-]+(?:people|children|men|women|[a-z]{2,20}s|deal|loan|contract|budget|fund|"
    r"investment|package|bid|fine|grant|salary|profit|loss|revenue|debt|transfer|"
    r"settlement|bailout)\b",
    re.I,
)
_METRES_AFTER = re.compile(
    r"[\s-]+(?:tall|high|long|wide|deep|away|sprint|hurdles|freestyle|butterfly|backstroke|"
    r"breaststroke|medley|relay|race|final|dash|swim|depth|height|length|above|below|under|"
    r"underground|span|radius|diameter|squared)\b",
    re.I,
)
# Nouns that are counted in millions: "a population of 8.2m", "revenue rose to 3m".
_COUNTED_IN_MILLIONS = frozenset(
    {"population", "people", "viewers", "users", "customers", "households", "residents",
     "voters", "visitors", "votes", "jobs", "cases", "downloads", "subscribers", "followers",
     "members", "doses", "homes", "passengers", "tourists", "workers", "patients", "children",
     "adults", "readers", "fans", "views", "copies", "sales", "shares", "units", "barrels",
     "tonnes", "budget", "revenue", "profit", "loss", "deficit", "debt", "turnover", "worth"}
)  # fmt: skip
# Nouns after which a number like 1500 counts things instead of naming a year.
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|jobs|deaths|cases|workers|students|members|"
    r"troops|soldiers|votes|voters|homes|houses|families|patients|refugees|migrants|employees|"
    r"residents|protesters|passengers|officers|staff|units|flights|cars|vehicles|schools|"
    r"companies|firms|tonnes|tons|km|miles|acres|hectares|feet|metres|meters)\b",
    re.I,
)
_RATE_AFTER = re.compile(
    r"\s+(?:a|an|per|each|every)\s+(?:year|month|week|day|hour|person|capita|head|annum)\b", re.I
)
_CLOCK = r"(?:\.?\s?[ap]\.\s?m\b\.?|\s?[ap]m\b)"
# "10:30", "5 p.m.", "1.p.m", and the first time of "from 11 to 7 p.m." or "9-5pm".
_CLOCK_AFTER = re.compile(
    rf":\d\d|{_CLOCK}|\s*(?:GMT|ET|EST)\b"
    rf"|\s*(?:-|–|to|and|until|till)\s*\d{{1,2}}(?::\d\d)?{_CLOCK}",
    re.I,
)
# "2344 Bragg St.", "10 Downing Street", "1600 Pennsylvania Avenue NW": a house number.
_STREET_AFTER = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\.?\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|"
    r"Blvd|Boulevard|Ln|Lane|Way|Ct|Court|Pl|Place|Terrace|Pkwy|Parkway|Hwy|Highway|Crescent|"
    r"Close)\b"
)
# "two more years", "three additional months": the unit after the word between.
_MORE_BETWEEN = re.compile(
    r"\s+(?:more|additional|extra|further|fewer|straight|consecutive)(?=\s)", re.I
)
_LETTERS_AFTER = re.compile(r"[A-Za-z]")
_SUSPENDED = re.compile(r"-\s+(?:to|and|or)\s", re.I)
# A decimal comma ("2,5") is only read where a unit or scale makes it an amount; "1,2 and 3"
# lists numbers.
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:\.\d{3})+,\d+")
_UNIT_FOLLOWS = re.compile(rf"\s?(?:%|per\s?cent|percent|{_SCALE_RE}|bn|mn|tn|[a-zA-Z°€£$])", re.I)

_CURRENCY_BEFORE = re.compile(
    r"\$(us|a|nz)\Z|"  # "$US5", the Australian press's way
    r"(?:\b(us|a|au|c|ca|nz|hk|s|r|nt|j|tt|bds|bz|fj))?([$€£¥₹₦₱₩₽₺₵])\s?\Z|"
    r"\b(rs\.?|inr|usd|eur|gbp|pkr|aud|cad|jpy|cny|rmb|zar|ngn|kes|chf|rub|nzd|brl|mxn|hkd|"
    r"sgd|lkr|npr|krw|twd|ksh)\s?\Z|"
    r"\b(?-i:(US|U\.S\.))\s\$\s?\Z",  # "US $1.4 billion", spaced
    re.I,
)
_CONSTANT_MONEY_BEFORE = re.compile(r"\bin\s+\Z", re.I)
_HYPHENATED = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z]+)+")
TIME_UNITS_READ = frozenset(TIME_UNIT_WORDS.values())
_SIGN_WORD_BEFORE = re.compile(r"\b(?:minus|negative)\s+\Z", re.I)
_NUMBER_JUST_BEFORE = re.compile(r"[\d%]\s*\Z")
# "Section 5", "Route 66", "COVID 19", "#3": numbers that name things. An apostrophe-s is a
# possessive ("the council's 17 proposals"), not the "S." of a Senate bill.
_IDENTIFIERS = frozenset(
    {"section", "article", "chapter", "clause", "route", "flight", "room", "page", "pages",
     "resolution", "proposition", "prop", "amendment", "highway", "interstate", "level",
     "stage", "phase", "grade", "class", "category", "season", "episode", "version", "model",
     "channel", "platform", "gate", "district", "ward", "division", "unit", "bus", "line",
     "lane", "exit", "covid", "sars-cov", "vol", "psalm", "verse", "act", "bill", "hr", "s",
     "tier", "terminal", "pier", "suite", "apartment", "apt", "#", "region", "zone",
     "precinct", "sector"}
)  # fmt: skip
_RANK_WORDS = frozenset({"no", "no.", "number", "nr", "nr.", "ranked"})
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages|age of|age|ages of)\s+(?:(?:over|under|between|above|below)\s+)?\Z", re.I
)
# "Zoe Anderson, 24, was ..." and "Zoe Anderson (24)": a person's age in apposition.
_APPOSITION_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*)(?:,\s|\s\()\Z")
_APPOSITION_AFTER = re.compile(r",(?!\d)|\)|\s*[.;]?\s*\Z")
_NAME = re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,}")
# Only a name's number ends a phrase; "Dow Falls 500 Points" in a headline still counts.
_NAME_NUMBER_AFTER = re.compile(r"\s*(?:[,.;:!?)”\"]|\Z)")
# Capitalized words that come before counts: qualifiers, months, weekdays, pronouns, "Mr".
_NOT_NAME_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, "about", "some", "nearly", "over", "only", "just", "almost", "around",
     "more", "fewer", "less", "up", "at", "in", "on", "by", "for", "from", "to", "with", "and",
     "but", "the", "all", "another", "of", "than", "roughly", "approximately", "under",
     "below", "above", "exactly", "least", "most", "total", "overall", "since", "after",
     "before", "until", "between", "among", "including", "like", "he", "she", "they", "we",
     "it", "i", "you", "us", "uk", "eu", "un", "who", "cdc", "nhs", "ons", "imf", "gdp"]
)  # fmt: skip
_NOT_NAMES = frozenset([*MONTHS, *WEEKDAYS, "however", "meanwhile", "overall", "today", "now"])
_COUNT_QUALIFIER = frozenset(
    {"nearly", "almost", "about", "around", "approximately", "roughly", "some", "more than",
     "less than", "fewer than", "at least", "up to", "as many as", "estimated", "close to"}
)  # fmt: skip

_ONE_CONTEXT_BEFORE = re.compile(r"\b(?:only|just|at least|more than|about|exactly)\s+\Z", re.I)
_ONE_CONTEXT_AFTER = re.compile(
    rf"-(?:{TIME_WORDS_RE})\b|-[a-z]+\b(?!-)|\s+(?:{TIME_WORDS_RE}|percent|per cent|in\s+\w+)\b",
    re.I,
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
    """ "one" is usually a pronoun; only some contexts make it an amount."""
    before = text[max(0, start - 16) : start]
    if _ONE_CONTEXT_BEFORE.search(before) or _ONE_CONTEXT_AFTER.match(text, end, limit):
        return True
    if _ONE_NOT_A_COUNT_BEFORE.search(before) or start == 0 or text[start].isupper():
        return False
    return bool(_ONE_NOUN_AFTER.match(text, end, limit)) and not _ONE_PRONOUN_AFTER.match(
        text, end, limit
    )


def currency_before(w: Window, start: int) -> tuple[str | None, int]:
    """The currency of a symbol or code just before `start` ("US$", "£", "Rs."), and its start."""
    window = w.text[max(w.start, start - 6) : start]
    match = _CURRENCY_BEFORE.search(window)
    if not match:
        return None, start
    begin = start - (len(window) - match.start())
    if match.group(5):
        return "USD", begin
    if match.group(1):
        return CURRENCY_PREFIXES[match.group(1).lower() + "$"], begin
    code: str | None
    if match.group(3):
        symbol = match.group(3)
        prefix = (match.group(2) or "").lower()
        if symbol == "$" and not prefix:
            code = w.context.dollar  # a bare "$" is the outlet's own dollar
        elif symbol == "¥":
            code = w.context.yen
        else:
            code = CURRENCY_PREFIXES.get(prefix + symbol) or CURRENCY_PREFIXES.get(symbol)
    else:
        key = match.group(4).lower()
        code = w.context.rupee if key.startswith("rs") else CURRENCY_PREFIXES.get(key)
        code = code or key.upper()
    return code, begin


def sign_before(w: Window, begin: int) -> tuple[bool, int]:
    """Whether a minus sign or "minus"/"negative" comes just before `begin`, and its start."""
    text = w.text
    if begin > w.start and text[begin - 1] in "-\u2212":
        before = text[max(w.start, begin - 12) : begin - 1]
        # "-6.6" after a space or bracket is negative; "10-20" and "10 -20" are ranges.
        if (not before or before[-1] in " (\n\t") and not _NUMBER_JUST_BEFORE.search(before):
            return True, begin - 1
    window = text[max(w.start, begin - 10) : begin]
    # Cheap tests first: these look-behind searches run for every number of every sentence.
    if ("minus" in window or "egative" in window) and (match := _SIGN_WORD_BEFORE.search(window)):
        return True, begin - (len(window) - match.start())
    return False, begin


def _digits_value(w: Window, digits: str, start: int, end: int) -> tuple[float | None, int]:
    if "/" in digits:
        numerator, denominator = digits.split("/", 1)
        if "." in digits or "," in numerator:
            return None, end
        num, den = parse_digits(numerator), parse_digits(denominator)
        # "24/7" and "9/11" are names, not fractions.
        if den == 0 or (den <= 31 and num <= 31):
            return None, end
        return num / den, end
    if _DOTTED_THOUSANDS.fullmatch(digits):
        return parse_decimal_comma(digits), end
    if _DECIMAL_COMMA.fullmatch(digits):
        if _UNIT_FOLLOWS.match(w.text, end, w.end):
            return parse_decimal_comma(digits), end
        whole = digits.split(",", 1)[0]
        return float(whole), start + len(whole)
    return parse_digits(digits), end


def _apply_scales(
    w: Window, start: int, pos: int, value: float, currency: str | None
) -> tuple[float, int, bool, str | None]:
    """ "7 million", "5 lakh crore", "£45m", "2.1bn": (value, end, scaled, unit from "m")."""
    scaled = False
    for _ in range(3):
        scale = _SCALE_AFTER.match(w.text, pos, w.end)
        if not scale:
            break
        value *= SCALES[scale.group(1).lower()]
        scaled, pos = True, scale.end()
    if scaled:
        return value, pos, True, None
    abbr = _SCALE_ABBR_AFTER.match(w.text, pos, w.end)
    if not abbr:
        return value, pos, False, None
    key = (abbr.group(1) or abbr.group(2) or "").lower()
    if currency or key not in ("k", "m", "b"):
        return value * SCALE_ABBREVIATIONS[key], abbr.end(), True, None
    if key == "m" and _METRES_AFTER.match(w.text, abbr.end(), w.end):
        return value, abbr.end(), False, "m"  # "a 30m-high wall", "the 100m hurdles"
    counted_before = any(
        word.strip(",;:") in _COUNTED_IN_MILLIONS for _, word in words_before(w, start, 5, 60)
    )
    if counted_before or _COUNTED_AFTER.match(w.text, abbr.end(), w.end):
        return value * SCALE_ABBREVIATIONS[key], abbr.end(), True, None
    if key == "m":
        return value, abbr.end(), False, "m"  # "a 100m sprint": metres
    return value, pos, False, None


def _ranks(w: Window, previous: tuple[int, str]) -> bool:
    """ "No. 1", "number 3", "ranked 5"; not the "no" of "no 5-star hotels"."""
    at, word = previous
    if word not in _RANK_WORDS:
        return False
    return word in ("number", "ranked") or word.endswith(".") or w.text[at].isupper()


def _identifier(word: str) -> bool:
    """Whether the word before a number makes it a name ("Section 5", "Route 66", "#3")."""
    core = word.lstrip("([“\"'").rstrip(".")
    return core in _IDENTIFIERS or core.endswith("#")


def _is_name_number(w: Window, start: int, end: int, digits: str) -> bool:
    """ "Apollo 11.", "upgraded to Windows 10,": a number that ends a name, not a count."""
    if not digits.isdigit() or len(digits) > 4 or w.text[start - 1 : start] != " ":
        return False
    before = words_before(w, start, 1, 30)
    if not before:
        return False
    name = w.text[before[0][0] : start - 1]
    if not _NAME.fullmatch(name) or before[0][1] in _NOT_NAME_WORDS:
        return False
    return bool(_NAME_NUMBER_AFTER.match(w.text, end, w.end))


def _is_apposed_age(w: Window, begin: int, end: int, value: float) -> bool:
    if not (value.is_integer() and 1 <= value <= 119):
        return False
    if w.text[begin - 2 : begin] != ", " and w.text[begin - 1 : begin] != "(":
        return False
    name = _APPOSITION_BEFORE.search(w.text, max(w.start, begin - 40), begin)
    if not name or name.group(1).lower() in _NOT_NAMES:
        return False
    closing = _APPOSITION_AFTER.match(w.text, end, w.end)
    if closing is None:
        return False
    return (closing.group(0) == ")") == (w.text[begin - 1 : begin] == "(")


def read_amount(w: Window, match: re.Match[str]) -> Found | None:
    """An amount in digits or number words, with its currency, qualifier and unit."""
    text, limit = w.text, w.end
    start, end = match.start(), match.end()
    digits = match.group("digits")
    word_core = digits is None
    low: float | None = None
    value: float | None
    scaled = False
    if match.group("vague"):
        low = 1.0
        for word in match.group("vague").lower().split():
            low *= VAGUE_PLURALS.get(word, 1.0)
        value, scaled = None, True
    elif digits is None:
        value = parse_word_number(match.group(0))
        lowered = match.group(0).lower()
        if value is None or (lowered == "one" and not _one_is_a_count(text, start, end, limit)):
            return None
        scaled = any(scale in lowered for scale in SCALES) or "dozen" in lowered
    else:
        value, end = _digits_value(w, digits, start, end)
        if value is None:
            return None
    currency, begin = currency_before(w, start)
    negative, begin = sign_before(w, begin)
    qualifier, approximate, begin = qualifier_before(w, begin)
    previous = words_before(w, start, 1, 20)
    if not currency and previous and _identifier(previous[0][1]):
        return None
    named = words_before(w, begin, 1, 20) if negative and not currency else []
    if named and _identifier(named[0][1]):
        return None  # "Covid -19": a name's number with a stray space, not minus 19
    if digits and _CLOCK_AFTER.match(text, end, limit):
        return None
    if digits and not currency and _STREET_AFTER.match(text, end, limit):
        return None  # a house number
    if digits and not currency and not qualifier and _is_name_number(w, start, end, digits):
        return None

    pos = end
    unit: str | None = None
    if not word_core and value is not None:
        value, pos, scaled, unit = _apply_scales(w, start, pos, value, currency)
    suspended = bool(_SUSPENDED.match(text, pos, limit))
    if currency:
        unit = currency
    if unit is None and (percent := PERCENT_AFTER.match(text, pos, limit)):
        points = "point" in percent.group(0).lower() or percent.group(2)
        unit = "percentage point" if points else "percent"
        pos = percent.end()
    if unit is None and (money := currency_word_after(w, pos, scaled)):
        if _CONSTANT_MONEY_BEFORE.search(text, max(w.start, start - 8), start) and (
            digits and len(digits) == 4 and 1900 <= (value or 0) <= 2099
        ):
            return None  # "in 2021 dollars": the year prices are counted in
        unit, pos = money
    elif currency and (money := currency_word_after(w, pos, scaled)):
        pos = money[1]  # "$10 trillion dollar debt": the word repeats the symbol
    noun = False
    if unit is None and (hyphen := HYPHEN_AFTER.match(text, pos, limit)):
        token = _HYPHENATED.match(text, start, limit)
        if token and token.group(0).lower() in NUMBER_IDIOMS:
            return None  # "a zero-tolerance policy", "a one-time payment"
        if hyphen.group(1):
            unit = TIME_UNIT_WORDS[hyphen.group(1).lower()]
        elif hyphen.group(3).lower() in MEASURE_UNITS:
            unit = MEASURE_UNITS[hyphen.group(3).lower()]
        noun = True
        pos = hyphen.end()
    if unit is None and not noun and (measure := unit_word_after(w, pos, negative)):
        unit, pos = measure
    if unit is None and not noun and (more := _MORE_BETWEEN.match(text, pos, limit)):
        after_more = unit_word_after(w, more.end(), negative)
        if after_more is not None and after_more[0] in TIME_UNITS_READ:
            unit, pos = after_more
    if unit is None and (times := TIMES_AFTER.match(text, pos, limit)):
        unit, pos = "times", times.end()
    if not word_core and unit is None and not scaled and _LETTERS_AFTER.match(text, end, limit):
        return None  # "5G", "3D", "1990s": names, not amounts
    if unit is None and previous and _ranks(w, previous[0]):
        unit = "rank"  # "No. 1", "ranked 3"
        begin = min(begin, previous[0][0])
    previous_word = previous[0][1] if previous else ""
    if unit is None and previous_word == "magnitude":
        unit = "magnitude"  # "a magnitude 7.8 earthquake"
    if unit is None and value is not None and not scaled and not noun:
        before = text[max(0, begin - 24) : start]
        aged = ("age" in before.lower() and _AGE_BEFORE.search(before)) or (
            previous_word in ("turned", "turns", "turning") and value.is_integer()
        )
        if aged or (digits and _is_apposed_age(w, begin, pos, value)):
            unit = "year"
    is_year = bool(
        digits
        and unit is None
        and not scaled
        and value is not None
        and value.is_integer()
        and 1000 <= value <= 2099
        and "," not in digits
        and len(digits) == 4
        and qualifier not in _COUNT_QUALIFIER
        and not _COUNT_NOUN_AFTER.match(text, pos, limit)  # "2000 people" is a count
    )
    if (rate := _RATE_AFTER.match(text, pos, limit)) and unit not in ("year", "month", "day"):
        pos = rate.end()
    if unit in TIME_UNIT_FACTOR and value is not None:
        unit, factor = TIME_UNIT_FACTOR[unit]
        value *= factor
    if negative and value is not None:
        value = -value
    quantity = build(text, begin, pos, value, unit, qualifier, approximate, low)
    bare = unit is None and not noun and value is not None and low is None
    return Found(quantity, scaled, suspended, is_year, bare)
