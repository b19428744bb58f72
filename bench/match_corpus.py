"""The generated claims of `make bench-match`: structured statements rendered as news sentences.

See bench/bench_match.py for how they are used. Made-up names are built from syllables, so the
vocabulary has the long tail of rare words that news text has.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Any

from claims.normalized_codec import NormalizedValues, StoredDate, StoredQuantity, encode


def _words(text: str) -> list[str]:
    return text.split()


COUNTRIES = _words(
    """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
Bangladesh Belarus Belgium Benin Bolivia Botswana Brazil Bulgaria Burundi Cambodia Cameroon Canada
Chad Chile China Colombia Congo Croatia Cuba Cyprus Denmark Djibouti Ecuador Egypt Eritrea Estonia
Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Guatemala Guinea Guyana Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
Kazakhstan Kenya Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Lithuania Luxembourg
Madagascar Malawi Malaysia Mali Malta Mauritania Mauritius Mexico Moldova Mongolia Montenegro
Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan
Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Senegal Serbia
Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Tajikistan
Tanzania Thailand Togo Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen
Zambia Zimbabwe"""
)

COMMODITIES = """rice wheat maize barley sorghum cassava cocoa coffee tea sugar cotton tobacco
palm-oil soybeans groundnuts cashews bananas avocados mangoes pineapples citrus grapes wine beer
olive-oil dairy milk cheese beef pork poultry eggs fish shrimp salmon timber paper pulp rubber
copper gold silver platinum cobalt lithium nickel zinc iron-ore bauxite aluminium steel coal
natural-gas crude-oil diesel petrol jet-fuel fertiliser cement glass textiles garments footwear
furniture electronics semiconductors smartphones laptops vehicles motorcycles tractors bicycles
pharmaceuticals vaccines medicines plastics chemicals solar-panels wind-turbines batteries
machinery ships aircraft weapons ammunition flowers vanilla cloves saffron honey lentils chickpeas
potatoes onions tomatoes apples pears cherries dates almonds walnuts pistachios sesame quinoa oats
rye hops wool leather diamonds uranium phosphate potash manganese tin tungsten graphite sand
gravel salt seaweed tuna sardines lobster oysters""".replace("-", " ").split()

COMMODITY_WORDS = frozenset(word for item in COMMODITIES for word in item.split())

TOPICS = [
    "unemployment",
    "youth unemployment",
    "inflation",
    "food inflation",
    "the budget deficit",
    "public debt",
    "household debt",
    "the minimum wage",
    "average wages",
    "house prices",
    "rents",
    "fuel prices",
    "electricity prices",
    "the poverty rate",
    "child poverty",
    "infant mortality",
    "maternal deaths",
    "life expectancy",
    "obesity rates",
    "smoking rates",
    "malaria cases",
    "measles cases",
    "tuberculosis cases",
    "HIV infections",
    "road deaths",
    "murders",
    "burglaries",
    "car thefts",
    "prison numbers",
    "asylum applications",
    "net migration",
    "emigration",
    "the birth rate",
    "school enrolment",
    "university fees",
    "teacher numbers",
    "class sizes",
    "literacy rates",
    "hospital waiting times",
    "nurse vacancies",
    "doctor numbers",
    "hospital beds",
    "vaccination coverage",
    "carbon emissions",
    "methane emissions",
    "deforestation",
    "plastic waste",
    "recycling rates",
    "air pollution deaths",
    "water shortages",
    "flood damage",
    "drought losses",
    "tourist arrivals",
    "tourism revenue",
    "remittances",
    "foreign investment",
    "the trade deficit",
    "the current account deficit",
    "tax revenue",
    "corporate tax receipts",
    "VAT receipts",
    "defence spending",
    "health spending",
    "education spending",
    "pension payments",
    "welfare claims",
    "the population",
    "the number of small businesses",
    "bankruptcies",
    "startup funding",
    "broadband coverage",
    "mobile money transfers",
    "electricity access",
    "rail passengers",
    "air passengers",
    "traffic congestion",
    "housing completions",
    "homelessness",
    "police numbers",
    "court backlogs",
    "voter turnout",
]

QUALIFIERS = [
    "",
    "",
    "",
    "",
    "annual ",
    "monthly ",
    "quarterly ",
    "rural ",
    "urban ",
    "regional ",
    "national ",
    "official ",
    "total ",
    "net ",
    "real ",
    "per capita ",
    "estimated ",
    "reported ",
    "recorded ",
    "average ",
    "median ",
    "seasonally adjusted ",
    "provisional ",
    "long-term ",
    "short-term ",
    "female ",
    "male ",
    "informal ",
    "formal ",
    "public ",
    "private ",
    "domestic ",
    "foreign ",
    "northern ",
    "southern ",
    "coastal ",
    "highland ",
    "municipal ",
]

OFFICES = [
    "finance minister",
    "trade minister",
    "health minister",
    "energy minister",
    "agriculture minister",
    "interior minister",
    "education minister",
    "labour minister",
    "prime minister",
    "president",
    "deputy prime minister",
    "central bank governor",
    "opposition leader",
    "mayor",
    "governor",
    "senator",
    "MP",
    "spokesperson for the treasury",
    "head of the statistics office",
    "chief economist",
    "union leader",
    "industry lobby",
    "environment minister",
    "transport minister",
    "housing minister",
    "defence minister",
]

FIRST = _words(
    """Amina Ana Carlos Chen David Elena Fatima Hassan Ines Ivan Jamal Joao Kofi Lars Leila
Lucia Maria Mateo Mehmet Nadia Ngozi Olga Omar Pablo Priya Rahul Rosa Sami Sara Tariq Thandiwe
Tomas Wei Yusuf Zainab Ahmed Bongani Camila Dmitri Esther Farid Grace Hana Ibrahim Jana Kamal Lina
Marco Nia Oscar Pedro Rania Sofia Tunde Uma Victor Xavier Yara Zoltan"""
)

ONSETS = [
    "b",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "ch",
    "sh",
    "kw",
    "br",
    "dr",
    "gr",
    "tr",
    "st",
    "mb",
    "nd",
    "ng",
    "ts",
    "y",
    "w",
    "j",
]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ia", "ei", "aa", "oo"]
CODAS = ["", "", "", "n", "r", "s", "k", "l", "m", "t", "v", "sk", "nk", "rt"]

UP = ["rose", "increased", "climbed", "grew", "jumped", "went up", "surged", "edged up"]
DOWN = ["fell", "dropped", "declined", "decreased", "slumped", "went down", "shrank", "edged down"]
FLAT = ["stood", "remained", "was", "held steady", "stayed"]
SOURCES = [
    "according to the statistics office",
    "official figures show",
    "a government report says",
    "the central bank said",
    "the ministry said",
    "data from the customs office show",
    "a survey found",
    "a new study says",
    "the annual budget statement says",
    "figures released on Monday show",
    "the audit office found",
    "a UN report says",
    "the chamber of commerce said",
    "researchers at the national university said",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _syllable_word(rng: random.Random, syllables: int) -> str:
    word = "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    )
    return word.capitalize()


@dataclass
class Vocabulary:
    measures: list[str]
    places: list[str]
    speakers: list[str]


def vocabulary(rng: random.Random) -> Vocabulary:
    """The word lists the claims are drawn from: a head of common terms and a long tail."""
    measures = [q + (t.removeprefix("the ") if q else t) for q in QUALIFIERS for t in TOPICS]
    for item in COMMODITIES:
        for frame in (
            "exports of {}",
            "imports of {}",
            "{} production",
            "{} prices",
            "{} output",
            "sales of {}",
            "{} smuggling",
            "the {} harvest",
        ):
            measures.append(frame.format(item))
    provinces = sorted({_syllable_word(rng, rng.choice((1, 2, 2, 2, 3))) for _ in range(4000)})
    places = list(COUNTRIES) * 30  # countries are named far more often than any one town
    for province in provinces:
        place = rng.choice(("{} province", "{} region", "the town of {}", "{}")).format(province)
        if rng.random() < 0.3:
            place += f" in {rng.choice(COUNTRIES)}"
        places.append(place)
    surnames = sorted({_syllable_word(rng, rng.choice((1, 2, 2, 3))) for _ in range(20000)})
    ministries = ["the " + office for office in OFFICES]
    speakers = []
    for surname in surnames:
        if rng.random() < 0.5:
            speakers.append(f"{rng.choice(FIRST)} {surname}")
        else:
            speakers.append(f"{rng.choice(OFFICES).capitalize()} {surname}")
    speakers.extend(ministries * 200)  # unnamed officials are most common
    return Vocabulary(measures=measures, places=places, speakers=speakers)


@dataclass
class Statement:
    """What a claim says, before it is worded."""

    measure: str
    place: str
    direction: str  # up, down, flat
    quantity: tuple[str, float, str | None]  # how it is written, its value, its unit
    alt_quantity: str  # the same amount written another way
    period: tuple[str, str]  # how it is written, its normalized value
    speaker: str
    source: str


def _money(rng: random.Random) -> tuple[str, str, float]:
    scale = rng.choice(("million", "billion"))
    whole = rng.choice((rng.randint(1, 999), rng.randint(1, 99) * 10))
    if scale == "billion" and rng.random() < 0.5:
        amount = round(rng.uniform(1, 50), 1)
        text = f"${amount:g} billion"
        alt = f"${amount:g}bn"
        return text, alt, amount * 1e9
    if scale == "million" and whole >= 100 and whole % 100 == 0:
        return f"${whole} million", f"${whole / 1000:g}bn", whole * 1e6
    if scale == "million":
        return f"${whole} million", f"${whole}m", whole * 1e6
    return f"${whole} billion", f"${whole}bn", whole * 1e9


def quantity(rng: random.Random, measure: str) -> tuple[tuple[str, float, str | None], str]:
    kind = rng.random()
    if kind >= 0.85 and measure.split()[-1] not in COMMODITY_WORDS:
        kind -= 0.5  # tonnes and barrels go with goods, not with topics
    if kind < 0.4:
        value = round(rng.uniform(0.1, 60), rng.choice((0, 1, 1)))
        return (f"{value:g}%", value, "percent"), rng.choice(
            (f"{value:g} per cent", f"{value:g} percent")
        )
    if kind < 0.7:
        text, alt, value = _money(rng)
        return (text, value, "USD"), alt
    if kind < 0.85:
        count = rng.randint(100, 99_000)
        noun = rng.choice(("people", "cases", "jobs", "households", "patients", "families"))
        return (f"{count:,} {noun}", float(count), None), f"{count} {noun}"
    amount = round(rng.uniform(0.1, 40), 1)
    unit = rng.choice(("tonnes", "barrels a day", "hectares", "megawatts", "litres"))
    return (f"{amount:g} million {unit}", amount * 1e6, unit), f"{amount * 1000:,.0f},000 {unit}"


def period(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(1990, 2025)
    kind = rng.random()
    if kind < 0.55:
        return str(year), str(year)
    if kind < 0.75:
        month = rng.randint(1, 12)
        return f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}"
    if kind < 0.9:
        quarter = rng.randint(1, 4)
        return f"the {('first', 'second', 'third', 'fourth')[quarter - 1]} quarter of {year}", str(
            year
        )
    return f"the {year}/{(year + 1) % 100:02d} fiscal year", str(year)


def statement(rng: random.Random, vocab: Vocabulary) -> Statement:
    measure = rng.choice(vocab.measures)
    q, alt = quantity(rng, measure)
    return Statement(
        measure=measure,
        place=rng.choice(vocab.places),
        direction=rng.choice(("up", "up", "down", "down", "flat")),
        quantity=q,
        alt_quantity=alt,
        period=period(rng),
        speaker=rng.choice(vocab.speakers),
        source=rng.choice(SOURCES),
    )


def _verb(rng: random.Random, direction: str) -> str:
    return rng.choice({"up": UP, "down": DOWN, "flat": FLAT}[direction])


def _to(direction: str, verb: str) -> str:
    return "at" if direction == "flat" and verb in ("stood", "held steady", "remained") else "to"


SHAPES = [
    "{Measure} in {place} {verb} {to} {q} in {period}",
    "{Measure} in {place} {verb} {to} {q} in {period}, {source}",
    "In {period}, {measure} in {place} {verb} {to} {q}",
    "{Place}'s {measure} {verb} {to} {q} in {period}, {speaker} said",
    "{Speaker} said {measure} in {place} {verb} {to} {q} in {period}",
    "{Speaker} claims that {measure} in {place} {verb} {to} {q} in {period}",
    "According to {speaker}, {measure} in {place} {verb} {to} {q} in {period}",
    "{q} - that is where {measure} in {place} {verb} in {period}, {source}",
    "{Measure} {verb} {to} {q} in {place} in {period}",
    "{Measure} {verb} {to} {q} in {period} in {place}, says {speaker}",
    "By {period}, {measure} across {place} had {verb_pp} {to} {q}",
    "{Place} saw {measure} {verb_inf} {to} {q} in {period}",
    "{Measure} in {place} {verb} by {q} in {period}",
    "In {place}, {measure} {verb} {to} {q} during {period}",
    "{Measure} {verb} {to} {q}, {speaker} told parliament",
    "{Speaker} told reporters {measure} in {place} had {verb_pp} {to} {q}",
    "{Measure} in {place} is now {q}, the highest since {period}",
    "{Measure} in {place} hit {q} in {period}, a record",
    "Nearly {q}: {measure} in {place} in {period}",
    "Under the government, {measure} in {place} {verb} {to} {q} in {period}",
]

PARTICIPLES = {
    "rose": "risen",
    "increased": "increased",
    "climbed": "climbed",
    "grew": "grown",
    "jumped": "jumped",
    "went up": "gone up",
    "surged": "surged",
    "edged up": "edged up",
    "fell": "fallen",
    "dropped": "dropped",
    "declined": "declined",
    "decreased": "decreased",
    "slumped": "slumped",
    "went down": "gone down",
    "shrank": "shrunk",
    "edged down": "edged down",
    "stood": "stood",
    "remained": "remained",
    "was": "been",
    "held steady": "held steady",
    "stayed": "stayed",
}
INFINITIVES = {
    "rose": "rise",
    "increased": "increase",
    "climbed": "climb",
    "grew": "grow",
    "jumped": "jump",
    "went up": "go up",
    "surged": "surge",
    "edged up": "edge up",
    "fell": "fall",
    "dropped": "drop",
    "declined": "decline",
    "decreased": "decrease",
    "slumped": "slump",
    "went down": "go down",
    "shrank": "shrink",
    "edged down": "edge down",
    "stood": "stand",
    "remained": "remain",
    "was": "be",
    "held steady": "hold steady",
    "stayed": "stay",
}


def render(rng: random.Random, s: Statement, shape: str, *, alt: bool = False) -> str:
    """One wording of a statement."""
    verb = _verb(rng, s.direction)
    q = s.alt_quantity if alt else s.quantity[0]
    fields = {
        "measure": s.measure,
        "place": s.place,
        "verb": verb,
        "verb_pp": PARTICIPLES[verb],
        "verb_inf": INFINITIVES[verb],
        "to": _to(s.direction, verb),
        "q": q,
        "period": s.period[0],
        "speaker": s.speaker,
        "source": s.source,
    }
    text = shape.format(
        **fields,
        Measure=s.measure[:1].upper() + s.measure[1:],
        Place=s.place[:1].upper() + s.place[1:],
        Speaker=s.speaker[:1].upper() + s.speaker[1:],
    )
    return text[:1000]


def normalized(s: Statement) -> dict[str, Any]:
    text, value, unit = s.quantity
    quantity = StoredQuantity(text=text, value=value, unit=unit)
    return encode(NormalizedValues(quantities=(quantity,), dates=(StoredDate(*s.period),)))


def reworded(rng: random.Random, s: Statement, original_shape: str) -> str:
    """The same statement in another shape, verb and amount format, often shortened or moved."""
    shapes = [
        x for x in SHAPES if x != original_shape and "{period}" in x and "{place}" in x.lower()
    ]
    qualifier = next((q for q in QUALIFIERS if q and s.measure.startswith(q)), "")
    if qualifier and rng.random() < 0.5:  # "regional youth unemployment" -> "youth unemployment"
        s = dataclasses.replace(s, measure=s.measure.removeprefix(qualifier))
    if " in " in s.place and rng.random() < 0.5:  # "Ho province in Ghana" -> "Ho province"
        s = dataclasses.replace(s, place=s.place.split(" in ")[0])
    if rng.random() < 0.3:  # another speaker or source tells it
        s = dataclasses.replace(s, speaker=rng.choice(OFFICES), source=rng.choice(SOURCES))
    return render(rng, s, rng.choice(shapes), alt=rng.random() < 0.6)


# --- filling the database ------------------------------------------------------------------
