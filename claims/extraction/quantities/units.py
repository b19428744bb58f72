"""The unit written after a number: percent, a currency word, a measure, a duration, a scale."""

from __future__ import annotations

import re

from claims.extraction.lexicon import (
    CURRENCY_NATIONALITY,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    TEMPERATURE_SCALES,
    TIME_UNIT_WORDS,
)
from claims.extraction.quantities.base import Window

# "5pc" is the Telegraph's percent and "3pp" or "3 ppts" a percentage point.
PERCENT_AFTER = re.compile(
    r"\s*(?:(%)(?:\s*points?\b)?|per[\s-]?cent(?:age)?\b(?:\s+points?\b)?|pct\b|pc\b|"
    r"percent(?:age)?\b(?:\s+points?\b)?|(pp|ppts?)\b)",
    re.I,
)
# ISO codes after an amount ("5 million USD"); capitals only, so "eur" in a word is no code.
_CODE_AFTER = re.compile(
    r"\s?(USD|EUR|GBP|JPY|CNY|RMB|INR|PKR|AUD|CAD|NZD|CHF|HKD|SGD|ZAR|NGN|KES|BRL|MXN|RUB|"
    r"KRW|TWD|SEK|NOK|DKK|PLN|TRY|AED|SAR|ILS|EGP|BDT|LKR|NPR|IDR|VND|THB|MYR|PHP)\b"
)
# "10 billion won": the won is a currency only after an amount that needs one.
_WON_AFTER = re.compile(r"\s+won\b", re.I)
_NATIONALITIES = (
    "australian|canadian|new zealand|hong kong|singapore|us|u\\.s\\.|american|pakistani|indian|"
    "sri lankan|nepalese|mexican|philippine|argentine|chinese|japanese|south african|turkish|"
    "kenyan|swiss|egyptian|jamaican|bahamian|barbadian|taiwan|taiwanese|fijian|namibian"
)
# "1.2-billion-yuan" joins its currency word with a hyphen.
_CURRENCY_WORD_AFTER = re.compile(
    rf"[\s-]+(?:({_NATIONALITIES})\s+)?(" + "|".join(CURRENCY_WORDS) + r")\b(\s+sterling\b)?",
    re.I,
)
_TIME_WORDS = "|".join(sorted(TIME_UNIT_WORDS, key=len, reverse=True))
TIME_WORDS_RE = _TIME_WORDS
# "two-year", "16-year-old", "500-metre", "14-station" (a counted noun, no unit).
HYPHEN_AFTER = re.compile(rf"-(?:({_TIME_WORDS})(-old)?|([a-z]{{2,20}}))\b(?!-\d)")
_UNIT_AFTER = re.compile(
    r"\s*(?:(?P<multi>sq\.?\s?(?:km|mi|miles|m|ft)\b|"
    r"square\s+(?:kilomet(?:re|er)s?|miles?|feet|foot|met(?:re|er)s?|inch(?:es)?|yards?)\b|"
    r"cubic\s+(?:met(?:re|er)s?|feet|foot)\b|metric\s+ton(?:ne)?s?\b|basis\s+points?\b|"
    r"(?:kilo|mega|giga|tera)watt-hours?\b|km/h\b|km²)"
    r"|(?P<deg>°)\s?(?P<degscale>[CcFf]\b)?"
    r"|(?P<word>[a-z]{1,12})\b)"
    r"(?P<old>\s+old\b)?",
    re.I,
)
_SCALE_NAME_AFTER = re.compile(r"\s+(?:(celsius|centigrade|fahrenheit)\b|([CF])\b)", re.I)
_PER_AFTER = re.compile(r"\s+per\s+(square\s+|cubic\s+)?([a-z]{1,12})\b", re.I)
_SINGULAR = {"inches": "inch", "feet": "foot", "miles": "mile", "yards": "yard"}
_SPEEDS = {("km", "hour"): "km/h", ("mile", "hour"): "mph", ("m", "second"): "m/s"}
# "Tb" is a terabit, "TB" a terabyte: eight times apart, so the case is kept.
_BITS = {"Kb": "kb", "kb": "kb", "Mb": "Mb", "Gb": "Gb", "Tb": "Tb"}
TIMES_AFTER = re.compile(r"\s*(?:times\b|x\b)", re.I)

# Words of weather: in their company a bare "degrees" is a temperature, not an angle.
_WEATHER = re.compile(
    r"\b(?:temperatures?|temps|thermometers?|weather|forecast\w*|heat\w*|hot(?:ter|test)?|"
    r"warm\w*|cool(?:er|est|ing)?|cold(?:er|est)?|chill\w*|freez\w*|frigid|frost\w*|balmy|"
    r"mercury|highs?|lows?|celsius|fahrenheit|centigrade|climate|thaw\w*|"
    r"degrees?\s+(?:above|below))\b|\bbelow\s+zero\b",
    re.I,
)
_NAMED_SCALE = re.compile(r"\b(celsius|centigrade|fahrenheit)\b|°\s?([CF])\b", re.I)
# How far around an amount the article's own "Celsius" or "Fahrenheit" is looked for.
_SCALE_LOOKBEHIND = 3000
_SCALE_LOOKAHEAD = 1500


def currency_word_after(w: Window, pos: int, scaled: bool) -> tuple[str | None, int] | None:
    """The currency of "million dollars", "US dollars", "pounds sterling" and its end.

    The unit is None when a currency word only repeats the symbol before it ("$10 trillion
    dollar debt"); "pounds" of weight is "lb".
    """
    word = _CURRENCY_WORD_AFTER.match(w.text, pos, w.end)
    if not word:
        code = _CODE_AFTER.match(w.text, pos, w.end)
        if code:
            return ("CNY" if code.group(1) == "RMB" else code.group(1)), code.end()
        if scaled and (won := _WON_AFTER.match(w.text, pos, w.end)):
            return "KRW", won.end()
        return None
    name = word.group(2).lower()
    nationality = (word.group(1) or "").lower()
    singular = name.rstrip("s") if name.endswith("s") and name != "pesos" else name
    if name == "pesos":
        singular = "peso"
    if name.startswith("pound") and not (scaled or word.group(3) or nationality):
        return "lb", word.end()
    found = CURRENCY_NATIONALITY.get((nationality, singular))
    if found is None and not nationality:
        # An outlet's own dollar, rupee or peso when the text names no country.
        found = {"dollar": w.context.dollar, "rupee": w.context.rupee, "peso": w.context.peso}.get(
            singular
        )
    return found or CURRENCY_WORDS[name], word.end()


def is_weather(w: Window) -> bool:
    if w.weather is None:
        w.weather = bool(_WEATHER.search(w.text, w.start, w.end))
    return w.weather


def temperature_scale(w: Window, pos: int) -> str:
    """ "°C" or "°F" for a bare "degrees" of weather at `pos`.

    The outlet's country decides when it is known; otherwise the scale the article itself names
    nearest before, then after; Fahrenheit, the scale that goes unnamed most, when it names none.
    """
    if w.context.temperature:
        return w.context.temperature
    if w.scales is None:
        # Once per sentence: the scales named around it, so many mentions cost one search.
        around = _NAMED_SCALE.finditer(
            w.text, max(0, w.start - _SCALE_LOOKBEHIND), min(len(w.text), w.end + _SCALE_LOOKAHEAD)
        )
        w.scales = [
            (m.start(), "°F" if m.group(0).lower().endswith(("f", "fahrenheit")) else "°C")
            for m in around
        ]
    before = [scale for at, scale in w.scales if at < pos]
    if before:
        return before[-1]
    after = [scale for at, scale in w.scales if at >= pos]
    return after[0] if after else "°F"


def _per_unit(w: Window, unit: str, pos: int) -> tuple[str, int]:
    """ "3.7Gb per square millimetre", "10 km per hour": a measure over a measure."""
    per = _PER_AFTER.match(w.text, pos, w.end)
    if not per:
        return unit, pos
    word = per.group(2).lower()
    if per.group(1):
        shape = per.group(1).strip().lower()
        base = _SINGULAR.get(word, word.rstrip("s") if word.endswith(("res", "ers")) else word)
        return f"{unit} per {shape} {base}", per.end()
    time = TIME_UNIT_WORDS.get(word)
    if time and (unit, time) in _SPEEDS:
        return _SPEEDS[(unit, time)], per.end()
    measure = MEASURE_UNITS.get(word)
    if measure and not time:
        return f"{unit} per {measure}", per.end()
    return unit, pos


def unit_word_after(w: Window, pos: int, negative: bool) -> tuple[str, int] | None:
    """(unit, end) of a measure or duration right after a number ("42 km", "3 years old", "30
    degrees Celsius", "500 metric tons", "3.7Gb per square millimetre")."""
    match = _UNIT_AFTER.match(w.text, pos, w.end)
    if not match:
        return None
    old = bool(match.group("old"))
    if match.group("multi"):
        key = re.sub(r"\Asq\.?\s?", "sq ", re.sub(r"\s+", " ", match.group("multi").lower()))
        unit = MEASURE_UNITS.get(key) or MEASURE_UNITS.get(key.rstrip("s"))
        if unit is None:
            return None
        end = match.end("multi")
        unit, end = _per_unit(w, unit, end)
        return unit, end
    if match.group("deg"):
        scale = match.group("degscale")
        if scale:
            return TEMPERATURE_SCALES[scale.lower()], match.end("degscale")
        if is_weather(w) or negative:
            return temperature_scale(w, pos), match.end("deg")
        return "degree", match.end("deg")
    word = match.group("word")
    key = word.lower()
    end = match.end("word")
    if key in ("degree", "degrees"):
        named = _SCALE_NAME_AFTER.match(w.text, end, w.end)
        if named and (named.group(1) or named.group(2)):
            return TEMPERATURE_SCALES[named.group(0).strip().lower()], named.end()
        if is_weather(w) or negative:
            return temperature_scale(w, end), end
        return "degree", end
    if key in ("c", "f"):
        # "30C", "-4F", "1.5C": capitals only, written onto a number that is negative, has
        # decimals or stands where the sentence is about the weather.
        glued = pos > 0 and w.text[pos - 1].isdigit() and match.start("word") == pos
        decimal = glued and "." in w.text[max(w.start, pos - 6) : pos]
        if word.isupper() and (is_weather(w) or negative or decimal):
            return TEMPERATURE_SCALES[key], end
        return None
    time = TIME_UNIT_WORDS.get(key)
    if time:
        return time, match.end("old") if old else end
    unit = _BITS.get(word) or MEASURE_UNITS.get(key)
    if unit is None:
        return None
    unit, end = _per_unit(w, unit, end)
    return unit, end
