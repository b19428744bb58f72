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
    "half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
    "quarters": 0.25, "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2,
    "sixth": 1 / 6, "sixths": 1 / 6, "seventh": 1 / 7, "sevenths": 1 / 7, "eighth": 0.125,
    "eighths": 0.125, "ninth": 1 / 9, "ninths": 1 / 9, "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip
# Ordinal words are ranks ("the third-largest", "its first"); compounds ("twenty-first") are
# read as a tens word and one of these.
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
# Words that are a multiplier by themselves ("doubled" is 2 times, "halved" 0.5 times).
MULTIPLIER_WORDS: dict[str, float] = {
    "twice": 2, "thrice": 3, "doubled": 2, "doubles": 2, "doubling": 2, "tripled": 3,
    "triples": 3, "tripling": 3, "trebled": 3, "trebles": 3, "trebling": 3, "quadrupled": 4,
    "quadruples": 4, "quadrupling": 4, "quintupled": 5, "halved": 0.5, "halving": 0.5,
    "double": 2, "triple": 3, "treble": 3, "quadruple": 4, "twofold": 2, "threefold": 3,
    "fourfold": 4, "fivefold": 5, "sixfold": 6, "tenfold": 10, "hundredfold": 100,
}  # fmt: skip
# "the third-largest", "the second-most": an ordinal joined to one of these is a rank.
RANKING_SUFFIXES = frozenset(
    {"largest", "biggest", "highest", "lowest", "smallest", "most", "least", "best", "worst",
     "busiest", "richest", "poorest", "oldest", "youngest", "longest", "shortest", "tallest",
     "deadliest", "fastest", "slowest", "strongest", "weakest", "heaviest", "hottest",
     "coldest", "warmest", "wettest", "driest", "greatest", "leading", "ranked", "placed",
     "costliest", "wealthiest", "safest", "cheapest", "largest-ever", "popular", "ever"}
)  # fmt: skip
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
    "nt$": "TWD", "j$": "JMD", "tt$": "TTD", "bds$": "BBD", "bz$": "BZD", "fj$": "FJD",
    "rmb": "CNY", "hkd": "HKD", "sgd": "SGD", "lkr": "LKR", "npr": "NPR", "krw": "KRW",
    "twd": "TWD", "ksh": "KES", "₵": "GHS",
}  # fmt: skip
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "rupee": "INR", "rupees": "INR", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "rand": "ZAR", "naira": "NGN", "peso": "MXN",
    "pesos": "MXN", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "lira": "TRY", "shilling": "KES", "shillings": "KES", "cedi": "GHS", "cedis": "GHS",
    "dirham": "AED", "dirhams": "AED", "riyal": "SAR", "riyals": "SAR", "taka": "BDT",
    "francs": "CHF", "kwacha": "ZMW", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR",
    "dong": "VND", "zloty": "PLN", "zlotys": "PLN", "forint": "HUF", "hryvnia": "UAH",
    "hryvnias": "UAH", "shekel": "ILS", "shekels": "ILS", "birr": "ETB", "rial": "IRR",
    "rials": "IRR", "afghanis": "AFN", "reais": "BRL", "bolivars": "VES", "kronor": "SEK",
    "krona": "SEK",
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

# The dollar, rupee and peso an outlet means when it writes "$", "Rs" or "pesos" alone, by the
# ISO 3166 code of its country. Countries missing here read them as USD, INR and MXN.
DOLLAR_BY_COUNTRY: dict[str, str] = {
    "us": "USD", "ca": "CAD", "au": "AUD", "nz": "NZD", "sg": "SGD", "hk": "HKD",
    "tw": "TWD", "jm": "JMD", "tt": "TTD", "bs": "BSD", "bb": "BBD", "bz": "BZD",
    "gy": "GYD", "fj": "FJD", "na": "NAD", "lr": "LRD", "ky": "KYD", "bn": "BND",
    "sb": "SBD", "sr": "SRD", "mx": "MXN", "ar": "ARS", "cl": "CLP", "co": "COP",
    "uy": "UYU", "do": "DOP", "cu": "CUP", "ph": "PHP", "zw": "USD", "ec": "USD",
    "sv": "USD", "pa": "USD", "pr": "USD", "vg": "USD", "vi": "USD", "tc": "USD",
    "bm": "BMD",
    # The Eastern Caribbean dollar of the ECCU members.
    "ag": "XCD", "dm": "XCD", "gd": "XCD", "kn": "XCD", "lc": "XCD", "vc": "XCD", "ms": "XCD",
    "ai": "XCD",
}  # fmt: skip
RUPEE_BY_COUNTRY: dict[str, str] = {
    "in": "INR", "pk": "PKR", "lk": "LKR", "np": "NPR", "mu": "MUR", "sc": "SCR",
}  # fmt: skip
PESO_BY_COUNTRY: dict[str, str] = {
    "mx": "MXN", "ph": "PHP", "ar": "ARS", "cl": "CLP", "co": "COP", "uy": "UYU",
    "do": "DOP", "cu": "CUP",
}  # fmt: skip
# Where a bare "degrees" of weather is Fahrenheit; everywhere else it is Celsius.
FAHRENHEIT_COUNTRIES = frozenset({"us", "bs", "bz", "ky", "pw", "fm", "mh", "lr", "pr", "gu"})
# Place names and demonyms that tell an outlet's country from its host or site name
# ("torontosun.com", "The Nassau Guardian"). Long names only: short ones hide inside words.
PLACE_COUNTRY: dict[str, str] = {
    "canada": "ca", "canadian": "ca", "toronto": "ca", "vancouver": "ca", "montreal": "ca",
    "ottawa": "ca", "calgary": "ca", "edmonton": "ca", "winnipeg": "ca", "saskatoon": "ca",
    "halifax": "ca", "quebec": "ca", "ontario": "ca", "alberta": "ca", "manitoba": "ca",
    "australia": "au", "australian": "au", "sydney": "au", "melbourne": "au",
    "brisbane": "au", "adelaide": "au", "queensland": "au", "tasmania": "au",
    "zealand": "nz", "auckland": "nz", "singapore": "sg",
    "hong kong": "hk", "hongkong": "hk", "taiwan": "tw", "taipei": "tw", "jamaica": "jm",
    "trinidad": "tt", "tobago": "tt", "bahamas": "bs", "nassau": "bs",
    "barbados": "bb", "belize": "bz", "guyana": "gy", "fiji": "fj",
    "namibia": "na", "liberia": "lr", "cayman": "ky", "pakistan": "pk", "karachi": "pk",
    "lahore": "pk", "islamabad": "pk", "sri lanka": "lk", "srilanka": "lk", "colombo": "lk",
    "nepal": "np", "kathmandu": "np", "india": "in", "mumbai": "in", "delhi": "in",
    "mexico": "mx", "philippine": "ph", "manila": "ph", "britain": "gb", "british": "gb",
    "london": "gb", "scotland": "gb", "ireland": "ie", "dublin": "ie", "korea": "kr",
    "seoul": "kr", "japan": "jp", "tokyo": "jp", "nigeria": "ng", "kenya": "ke",
    "nairobi": "ke", "ghana": "gh", "south africa": "za", "uganda": "ug",
    "jamaican": "jm", "trinidadian": "tt", "bahamian": "bs",
    "barbadian": "bb", "bajan": "bb", "bridgetown": "bb", "belizean": "bz", "guyanese": "gy",
    "caymanian": "ky", "grenada": "gd", "grenadian": "gd",
    "st lucia": "lc", "saint lucia": "lc", "castries": "lc",
    "st kitts": "kn", "saint kitts": "kn", "nevis": "kn", "kittitian": "kn",
    "antigua": "ag", "antiguan": "ag", "barbuda": "ag", "dominica": "dm",
    "dominican": "do", "santo domingo": "do", "st vincent": "vc", "saint vincent": "vc",
    "vincentian": "vc", "grenadines": "vc", "montserrat": "ms", "anguilla": "ai",
    "virgin islands": "vg", "tortola": "vg", "bermuda": "bm", "turks and caicos": "tc",
    "suriname": "sr", "paramaribo": "sr",
}  # fmt: skip
# Names that place a story in the United States, against the places above.
US_PLACES = (
    "United States", "U.S.", "U.S.A.", "US", "USA", "America", "American", "Americans",
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Wisconsin", "Wyoming", "Washington", "Chicago", "Miami",
    "Los Angeles", "San Francisco", "Boston", "Houston", "Atlanta",
)  # fmt: skip

TIME_UNIT_WORDS: dict[str, str] = {
    "year": "year", "years": "year", "yr": "year", "yrs": "year", "month": "month",
    "months": "month", "week": "week", "weeks": "week", "day": "day", "days": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute", "second": "second",
    "seconds": "second", "secs": "second", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "fortnight": "fortnight",
    "fortnights": "fortnight",
}  # fmt: skip
# Decades and centuries become years so that every duration shares one vocabulary.
TIME_UNIT_FACTOR: dict[str, tuple[str, float]] = {
    "decade": ("year", 10.0), "century": ("year", 100.0), "fortnight": ("week", 2.0),
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
    "knot": "knot",
    "degrees": "degree", "degree": "degree", "°c": "°C", "°f": "°F", "celsius": "°C",
    "fahrenheit": "°F", "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "mwh": "MWh",
    "gwh": "GWh", "twh": "TWh", "megawatts": "MW", "gigawatts": "GW", "ppm": "ppm",
    "magnitude": "magnitude", "calories": "calorie", "storey": "storey", "storeys": "storey",
    "stories": "storey", "sq km": "km2", "square kilometres": "km2",
    "square kilometers": "km2", "square miles": "mile2", "square feet": "ft2",
    "square metres": "m2", "square meters": "m2", "cubic metres": "m3", "cubic meters": "m3",
    "cubic feet": "ft3", "mg": "mg", "ml": "ml", "gb": "GB",
    "tb": "TB", "mb": "MB", "mi": "mile", "metric ton": "tonne", "metric tons": "tonne",
    "metric tonne": "tonne", "metric tonnes": "tonne", "megawatt": "MW", "gigawatt": "GW",
    "kilowatt": "kW", "kilowatts": "kW", "megawatt-hours": "MWh", "megawatt-hour": "MWh",
    "kilowatt-hours": "kWh", "kilowatt-hour": "kWh", "gigawatt-hours": "GWh",
    "terawatt-hours": "TWh", "basis points": "basis point", "basis point": "basis point",
    "bps": "basis point", "bp": "basis point", "ounce": "ounce", "ounces": "ounce",
    "oz": "ounce", "yards": "yard", "yard": "yard", "terabytes": "TB", "gigabytes": "GB",
    "megabytes": "MB", "kmh": "km/h", "km²": "km2", "sq mi": "mile2", "sq miles": "mile2",
    "square mile": "mile2", "square kilometre": "km2", "square kilometer": "km2",
    "square foot": "ft2", "square metre": "m2", "square meter": "m2",
    "millimeter": "mm", "square inch": "inch2", "square inches": "inch2", "sq m": "m2",
    "sq ft": "ft2", "square yard": "yard2", "square yards": "yard2", "cubic foot": "ft3",
    "cubic metre": "m3", "cubic meter": "m3", "gigawatt-hour": "GWh", "terawatt-hour": "TWh",
    "decibels": "dB", "decibel": "dB", "db": "dB", "megatons": "megaton", "megaton": "megaton",
    "carats": "carat", "carat": "carat", "pints": "pint",
    "pint": "pint", "kilobytes": "kB", "petabytes": "PB", "mbps": "Mbps", "gbps": "Gbps",
}  # fmt: skip
# Number words joined to a noun in an idiom: "a zero-tolerance policy", "a one-off payment".
NUMBER_IDIOMS = frozenset(
    {"zero-tolerance", "zero-sum", "one-time", "one-off", "one-stop", "one-sided", "one-way",
     "two-way", "one-on-one", "one-to-one", "one-man", "one-woman", "one-party", "two-party",
     "two-faced", "two-tier", "two-state", "one-liner", "one-size-fits-all", "one-of-a-kind",
     "first-hand", "second-hand", "third-party"}
)  # fmt: skip
# A temperature's scale as written after "degrees" or a number ("30C", "86 F").
TEMPERATURE_SCALES: dict[str, str] = {
    "celsius": "°C", "centigrade": "°C", "c": "°C", "fahrenheit": "°F", "f": "°F",
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
