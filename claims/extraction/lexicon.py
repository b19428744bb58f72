"""Word tables shared by the recognisers. Plain data, so the regexes can be built from them."""

from __future__ import annotations

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7,
}  # fmt: skip
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
FRACTION_WORDS: dict[str, float] = {
    "half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "sixth": 1 / 6,
    "tenth": 0.1, "thirds": 1 / 3, "quarters": 0.25, "fifths": 0.2, "tenths": 0.1,
}  # fmt: skip
VAGUE_PLURALS: dict[str, float] = {
    "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12, "tens": 10,
}  # fmt: skip

# Symbols and codes written before an amount. "$" alone is read as USD, the common case in the
# English-language press; a country prefix overrides it.
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₦": "NGN", "₱": "PHP", "₩": "KRW", "₽": "RUB", "₺": "TRY", "rs": "INR",
    "rs.": "INR", "inr": "INR", "usd": "USD", "eur": "EUR", "gbp": "GBP", "pkr": "PKR",
    "aud": "AUD", "cad": "CAD", "jpy": "JPY", "cny": "CNY", "zar": "ZAR", "ngn": "NGN",
    "kes": "KES", "chf": "CHF", "rub": "RUB", "nzd": "NZD", "brl": "BRL", "mxn": "MXN",
}  # fmt: skip
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "rupee": "INR", "rupees": "INR", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "rand": "ZAR", "naira": "NGN", "peso": "MXN",
    "pesos": "MXN", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "lira": "TRY", "shilling": "KES", "shillings": "KES", "cedi": "GHS", "cedis": "GHS",
    "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "taka": "BDT",
    "francs": "CHF", "kwacha": "ZMW", "ringgit": "MYR", "baht": "THB",
}  # fmt: skip
# A nationality before a currency word picks the currency.
CURRENCY_NATIONALITY: dict[tuple[str, str], str] = {
    ("australian", "dollar"): "AUD", ("canadian", "dollar"): "CAD",
    ("new zealand", "dollar"): "NZD", ("hong kong", "dollar"): "HKD",
    ("singapore", "dollar"): "SGD", ("us", "dollar"): "USD", ("u.s.", "dollar"): "USD",
    ("american", "dollar"): "USD", ("pakistani", "rupee"): "PKR", ("indian", "rupee"): "INR",
    ("sri lankan", "rupee"): "LKR", ("nepalese", "rupee"): "NPR", ("mexican", "peso"): "MXN",
    ("philippine", "peso"): "PHP", ("argentine", "peso"): "ARS", ("chinese", "yuan"): "CNY",
    ("japanese", "yen"): "JPY", ("south african", "rand"): "ZAR", ("turkish", "lira"): "TRY",
    ("kenyan", "shilling"): "KES", ("swiss", "franc"): "CHF", ("egyptian", "pound"): "EGP",
}  # fmt: skip

TIME_UNIT_WORDS: dict[str, str] = {
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "month": "month",
    "months": "month", "week": "week", "weeks": "week", "day": "day", "days": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute", "second": "second",
    "seconds": "second", "secs": "second", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}  # fmt: skip
# Decades and centuries become years so that every duration shares one vocabulary.
TIME_UNIT_FACTOR: dict[str, tuple[str, float]] = {
    "decade": ("year", 10.0), "century": ("year", 100.0),
}  # fmt: skip

MEASURE_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "mile": "mile", "miles": "mile", "metre": "m", "metres": "m",
    "meter": "m", "meters": "m", "cm": "cm", "centimetre": "cm", "centimetres": "cm",
    "centimeter": "cm", "centimeters": "cm", "mm": "mm", "millimetre": "mm",
    "millimetres": "mm", "millimeters": "mm", "kg": "kg", "kgs": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilo": "kg", "kilos": "kg", "gram": "g", "grams": "g",
    "tonne": "tonne", "tonnes": "tonne", "ton": "ton", "tons": "ton", "lb": "lb",
    "lbs": "lb", "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "gallon": "gallon", "gallons": "gallon", "barrel": "barrel", "barrels": "barrel",
    "acre": "acre", "acres": "acre", "hectare": "hectare", "hectares": "hectare",
    "ha": "hectare", "feet": "ft", "foot": "ft", "ft": "ft", "inch": "inch",
    "inches": "inch", "mph": "mph", "kph": "km/h", "km/h": "km/h", "knots": "knot",
    "degrees": "degree", "degree": "degree", "°c": "°C", "°f": "°F", "celsius": "°C",
    "fahrenheit": "°F", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "mwh": "MWh",
    "gwh": "GWh", "twh": "TWh", "megawatts": "MW", "gigawatts": "GW", "ppm": "ppm",
    "magnitude": "magnitude", "calories": "calorie", "storey": "storey", "storeys": "storey",
    "stories": "storey", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mile2", "square feet": "ft2",
    "square metres": "m2", "square meters": "m2", "cubic metres": "m3", "cubic meters": "m3",
    "cubic feet": "ft3", "mg": "mg", "ml": "ml", "gb": "GB",
    "tb": "TB", "mb": "MB",
}  # fmt: skip

# Words before an amount that say how exact it is. Values: (normal form, is approximate).
QUALIFIERS: dict[str, tuple[str, bool]] = {
    "nearly": ("nearly", True), "almost": ("almost", True), "about": ("about", True),
    "around": ("around", True), "approximately": ("approximately", True),
    "roughly": ("roughly", True), "some": ("some", True), "an estimated": ("estimated", True),
    "estimated": ("estimated", True), "close to": ("close to", True),
    "more than": ("more than", True), "over": ("over", True), "less than": ("less than", True),
    "fewer than": ("fewer than", True), "at least": ("at least", True),
    "at most": ("at most", True), "up to": ("up to", True), "just over": ("just over", True),
    "just under": ("just under", True), "well over": ("well over", True),
    "well under": ("well under", True), "upwards of": ("upwards of", True),
    "in excess of": ("in excess of", True), "as many as": ("as many as", True),
    "as much as": ("as much as", True), "as few as": ("as few as", True),
    "under": ("under", True), "below": ("below", True), "above": ("above", True),
    "only": ("only", False), "just": ("just", False), "exactly": ("exactly", False),
    "precisely": ("precisely", False), "~": ("about", True), "some of": ("some", True),
}  # fmt: skip
LOWER_BOUND_QUALIFIERS = frozenset(
    {"more than", "over", "at least", "just over", "well over", "upwards of", "in excess of",
     "above"}
)  # fmt: skip
UPPER_BOUND_QUALIFIERS = frozenset(
    {"less than", "fewer than", "at most", "up to", "just under", "well under", "under",
     "below", "as many as", "as much as"}
)  # fmt: skip

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

# Words that end a noun phrase when a claim's span grows to the right or left.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "into",
        "onto",
        "upon",
        "about",
        "as",
        "than",
        "then",
        "and",
        "or",
        "but",
        "nor",
        "so",
        "yet",
        "if",
        "because",
        "while",
        "although",
        "though",
        "since",
        "until",
        "after",
        "before",
        "during",
        "over",
        "under",
        "between",
        "through",
        "against",
        "among",
        "per",
        "via",
        "of",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "him",
        "them",
        "us",
        "me",
        "said",
        "says",
        "say",
        "told",
        "according",
        "not",
        "no",
        "also",
        "just",
        "only",
        "even",
        "still",
        "now",
        "here",
        "there",
        "all",
        "any",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "some",
        "such",
        "own",
        "same",
        "other",
        "another",
        "more",
        "most",
        "less",
        "least",
        "very",
        "too",
    ]
)
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "this",
        "that",
        "these",
        "those",
    ]
)
