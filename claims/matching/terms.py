"""Content terms of a claim: the words that say what it is about, normalized so rewordings meet.

Numbers, dates, qualifiers and currency words are left out on purpose: the quantity and date
features carry them, in a form that survives "$0.8bn" versus "$800 million".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.lexicon import (
    CURRENCY_WORDS,
    MEASURE_UNITS,
    MONTHS,
    ONES,
    QUALIFIERS,
    SCALES,
    STOPWORDS,
    TENS,
    TIME_UNIT_WORDS,
    VAGUE_PLURALS,
    WEEKDAYS,
)

# Names written several ways become one token. Acronyms are matched case-sensitively, so the
# pronoun "us" stays a pronoun while "US" and "U.S." become the country.
_US = r"\bU\.\s?S\.(?:\s?A\.)?|\bUSA?\b|\bunited\s+states(?:\s+of\s+america)?\b"
_NAME_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_US, re.I), " usa "),
    (re.compile(r"\bU\.K\.|\bUK\b|\bunited\s+kingdom\b|\bgreat\s+britain\b", re.I), " uk "),
    (re.compile(r"\bE\.U\.|\bEU\b|\beuropean\s+union\b", re.I), " eu "),
    (re.compile(r"\bU\.N\.|\bUN\b|\bunited\s+nations\b", re.I), " un "),
    (re.compile(r"\bN\.H\.S\.|\bNHS\b|\bnational\s+health\s+service\b", re.I), " nhs "),
    (re.compile(r"\bGDP\b|\bgross\s+domestic\s+product\b", re.I), " gdp "),
    (re.compile(r"\bCO2\b|\bcarbon\s+dioxide\b", re.I), " carbon "),
    (re.compile(r"\bout\s+of\s+work\b", re.I), " unemployed "),
    # "trade between the two countries" says what "bilateral trade" says.
    (
        re.compile(
            r"\b(?:between\s+)?(?:the\s+)?(?:two|both)\s+(?:countries|nations|states|sides)\b",
            re.I,
        ),
        " bilateral ",
    ),
)
# Written in lower case these are a pronoun and a prefix, not the country and the body.
_LOWER_CASE_WORDS = frozenset({"us", "un", "Us", "Un", "uS", "uN"})

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

# Same meaning, one token. Keys are lower-cased surface words.
_SYNONYMS: dict[str, str] = {
    "britain": "uk", "british": "uk", "america": "usa", "american": "usa", "americans": "usa",
    "died": "death", "dead": "death", "deaths": "death", "killed": "death", "fatalities": "death",
    "fatality": "death", "lives": "death", "perished": "death", "die": "death", "dying": "death",
    "jobless": "unemploy", "unemployed": "unemploy", "unemployment": "unemploy",
    "joblessness": "unemploy", "kids": "child", "children": "child", "youngsters": "child",
    "pupils": "student", "schoolchildren": "student", "men": "man", "women": "woman",
    "people": "person", "persons": "person", "residents": "person", "citizens": "person",
    "govt": "government", "administration": "government", "cops": "police",
    "officers": "police", "lawmakers": "legislator", "legislators": "legislator",
    "mps": "legislator", "parliamentarians": "legislator", "congressmen": "legislator",
    "doctors": "doctor", "physicians": "doctor", "medics": "doctor", "nurses": "nurse",
    "jabs": "vaccine", "jab": "vaccine", "shots": "vaccine", "vaccinated": "vaccine",
    "vaccination": "vaccine", "vaccinations": "vaccine", "inoculated": "vaccine",
    "cars": "vehicle", "vehicles": "vehicle", "automobiles": "vehicle",
    "emissions": "emission", "greenhouse": "emission", "murders": "homicide",
    "murder": "homicide", "homicides": "homicide", "killings": "homicide",
    "votes": "vote", "ballots": "vote", "voted": "vote", "turnout": "vote",
    "salary": "wage", "salaries": "wage", "wages": "wage", "pay": "wage", "earnings": "wage",
    "firms": "company", "companies": "company", "businesses": "company", "business": "company",
    "inflation": "inflation", "prices": "price", "cost": "price", "costs": "price",
    "spending": "spend", "spent": "spend", "expenditure": "spend", "outlays": "spend",
    "budget": "budget", "funding": "fund", "funds": "fund", "funded": "fund", "grant": "fund",
    "homes": "house", "houses": "house", "housing": "house", "dwellings": "house",
    "migrants": "migrant", "immigrants": "migrant", "immigration": "migrant",
    "refugees": "refugee", "asylum": "refugee", "arrests": "arrest", "arrested": "arrest",
    "crimes": "crime", "criminal": "crime", "offences": "crime", "offenses": "crime",
    "exported": "export", "exports": "export", "imported": "import", "imports": "import",
    "won": "win", "wins": "win", "victory": "win", "victories": "win", "defeated": "win",
    "goals": "goal", "scored": "goal", "scoring": "goal", "matches": "game", "games": "game",
    "match": "game", "minister": "minister", "ministry": "minister", "mayor's": "mayor",
    "rain": "rainfall", "rainfall": "rainfall", "precipitation": "rainfall",
    "temperatures": "temperature", "warmer": "warm", "warming": "warm", "hotter": "warm",
    "hospitalised": "hospital", "hospitalized": "hospital", "hospitalisations": "hospital",
    "hospitalizations": "hospital", "admissions": "hospital", "firm": "company",
    "jobs": "worker", "job": "worker", "workers": "worker", "employees": "worker",
    "staff": "worker", "workforce": "worker", "layoffs": "layoff", "laid": "layoff",
    "redundancies": "layoff", "sacked": "layoff", "fired": "layoff", "youth": "young",
    "youngsters'": "young", "fans": "spectator", "spectators": "spectator", "crowd": "spectator",
    "twice": "double", "double": "double", "titles": "title", "championships": "title",
}  # fmt: skip

# Words of change: their direction is a feature of its own (rose versus fell is not a rewording).
RISE_WORDS = frozenset(
    {"rose", "rise", "rises", "risen", "rising", "increase", "increased", "increases",
     "increasing", "grew", "grow", "grows", "grown", "growth", "climbed", "climb", "climbs",
     "jumped", "jump", "jumps", "surged", "surge", "soared", "soar", "gained", "gain", "gains",
     "higher", "doubled", "tripled", "swelled", "up", "upward", "expanded", "boosted", "hike",
     "hiked"}
)  # fmt: skip
FALL_WORDS = frozenset(
    {"fell", "fall", "falls", "fallen", "falling", "decrease", "decreased", "decreases",
     "decline", "declined", "declines", "declining", "dropped", "drop", "drops", "down",
     "lower", "shrank", "shrunk", "shrink", "plunged", "plunge", "slumped", "slump", "reduced",
     "reduction", "dipped", "dip", "slid", "halved", "cut", "cuts", "downward", "contracted",
     "contraction", "tumbled", "eased"}
)  # fmt: skip

# Words that carry no subject: grammar, qualifiers of amounts, words of amounts and dates, and
# the verbs news copy uses to attach a number to a subject ("stood at", "reached", "totalled").
_DROPPED = frozenset(
    {*STOPWORDS, *ONES, *TENS, *SCALES, *VAGUE_PLURALS, *CURRENCY_WORDS, *MONTHS, *WEEKDAYS,
     *TIME_UNIT_WORDS, *(w for unit in MEASURE_UNITS for w in unit.split()),
     *(w for q in QUALIFIERS for w in q.split()),
     "percent", "percentage", "percentages", "pct", "cent", "points", "point", "bn", "mn", "tn",
     "mln", "m", "k", "b", "year", "years", "month", "months", "week", "weeks", "day", "days",
     "decade", "decades", "today", "yesterday", "tomorrow", "last", "next", "ago", "earlier",
     "later", "reached", "reach", "reaches", "stood", "stands", "stand", "totalled", "totaled",
     "totals", "total", "amounted", "amount", "amounts", "hit", "hits", "came", "come", "comes",
     "topped", "figure", "figures", "number", "numbers", "nearly", "roughly", "around", "almost",
     "approximately", "estimated", "some", "approx", "dollar", "sterling", "usd", "eur", "gbp",
     "according", "reported", "report", "reports", "data", "show", "shows", "showed",
     "shown", "claimed", "claim", "claims", "noted", "added", "stated", "announced", "which",
     "whereas", "while", "been", "being", "be", "got", "get", "gets", "made", "make", "makes",
     "one", "ones", "first", "second", "third", "st", "nd", "rd", "th", "s", "t", "d", "ll",
     "re", "ve", "mr", "mrs", "ms", "dr", "per", "a", "an", "the", "it", "that", "into",
     "out", "about", "within", "across", "compared", "versus", "vs", "respectively",
     "currently", "already", "now", "overall", "together", "combined", "annual",
     "annually", "yearly", "average", "averaged", "record", "recorded", "registered", "saw",
     "see", "seen", "brought", "bring", "put", "puts", "set", "sets", "went", "go", "goes"}
)  # fmt: skip

# Common news words: they count, but a shared "government" says much less than a shared "cholera".
_COMMON = frozenset(
    {"government", "country", "countries", "state", "states", "new", "person", "official",
     "officials", "public", "national", "world", "city", "rate", "rates", "time", "times",
     "part", "place", "group", "level", "levels", "high", "low", "large", "largest", "big",
     "biggest", "small", "major", "million", "billion", "many", "much", "several", "last",
     "rise", "fall", "since", "ago", "period", "compared", "previous", "past", "recent",
     "local", "area", "region", "total", "share", "growth", "value", "money", "said", "says",
     "percent", "increase", "decrease", "change", "changed", "around", "nation", "man",
     "woman", "child", "including", "among", "lost", "like", "well", "top", "under",
     "long", "term", "became", "become", "remain", "remained", "remains", "rest", "would"}
)  # fmt: skip

COMMON_WEIGHT = 0.35
_STEM_LENGTH = 6


def stem(word: str) -> str:
    """A light stemmer: plural and verb endings off, then the first six letters.

    Truncation is crude but symmetric, which is all overlap needs: "vaccination", "vaccinated"
    and "vaccine" meet at "vaccin"; "economy" and "economic" at "econom".
    """
    if len(word) > 4:
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        if word.endswith("ing") and len(word) >= 6:
            word = word[:-3]
        elif word.endswith("ed") and len(word) >= 5:
            word = word[:-2]
        if word.endswith("e") and len(word) > 4:
            word = word[:-1]
    return word[:_STEM_LENGTH]


_COMMON_STEMS = frozenset(stem(w) for w in _COMMON) | {"rise", "fall"}


def term_weight(token: str) -> float:
    return COMMON_WEIGHT if token in _COMMON_STEMS else 1.0


@dataclass(frozen=True, slots=True)
class Terms:
    tokens: frozenset[str]
    surface: tuple[str, ...]  # the words behind the tokens, rare before common, for text search
    directions: frozenset[str]  # "rise" and/or "fall"
    direction_words: tuple[str, ...]


def _normalize_names(text: str) -> str:
    for pattern, replacement in _NAME_FORMS:

        def pick(match: re.Match[str], replacement: str = replacement) -> str:
            found = match.group(0)
            return found if found in _LOWER_CASE_WORDS else replacement

        text = pattern.sub(pick, text)
    return text


def terms_of(text: str) -> Terms:
    """The content terms of one claim."""
    tokens: set[str] = set()
    surface: list[tuple[str, str]] = []
    directions: set[str] = set()
    direction_words: list[str] = []
    for match in _WORD.finditer(_normalize_names(text)):
        word = match.group(0).casefold().replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word in RISE_WORDS or word in FALL_WORDS:
            direction = "rise" if word in RISE_WORDS else "fall"
            directions.add(direction)
            direction_words.append(word)
            tokens.add(direction)
            continue
        if word in _DROPPED or len(word) < 2:
            continue
        token = stem(_SYNONYMS.get(word, word))
        if token not in tokens:
            tokens.add(token)
            written = match.group(0)
            if written.endswith(("'s", "\u2019s")):
                written = written[:-2]
            surface.append((token, written))
    # Reading order within each weight class: a stable sort on "is it common".
    surface.sort(key=lambda pair: term_weight(pair[0]) < 1.0)
    return Terms(
        frozenset(tokens),
        tuple(word for _, word in surface),
        frozenset(directions),
        tuple(direction_words),
    )
