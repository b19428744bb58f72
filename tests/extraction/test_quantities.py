"""What the quantity finder reads from single sentences: values, units, ranges and non-amounts."""

from __future__ import annotations

from typing import Any

import pytest

from claims.extraction.model import Quantity
from claims.extraction.quantities import (
    DEFAULT_CONTEXT,
    QuantityContext,
    find_quantities,
    outlet_context,
    outlet_country,
)

CANADIAN = QuantityContext(dollar="CAD", temperature="°C")


def _quantities(sentence: str, context: QuantityContext = DEFAULT_CONTEXT) -> list[Quantity]:
    found = find_quantities(sentence, 0, len(sentence), [], context=context)
    for quantity in found:
        assert sentence[quantity.start : quantity.end] == quantity.text
    return found


def _one(sentence: str, fragment: str, context: QuantityContext = DEFAULT_CONTEXT) -> Quantity:
    found = _quantities(sentence, context)
    for quantity in found:
        if fragment in quantity.text:
            return quantity
    raise AssertionError(f"no quantity holds {fragment!r}: {[q.text for q in found]}")


def _check(quantity: Quantity, expected: dict[str, Any]) -> None:
    for key, want in expected.items():
        got = getattr(quantity, key)
        if isinstance(want, float | int) and not isinstance(want, bool):
            assert got == pytest.approx(want, rel=1e-3), key
        else:
            assert got == want, key


SCALES_AND_MONEY: list[tuple[str, str, dict[str, Any]]] = [
    ("The club paid £45m for the striker.", "£45m", {"value": 45e6, "unit": "GBP"}),
    ("The regulator fined the bank $2.1bn on Friday.", "$2.1bn", {"value": 2.1e9, "unit": "USD"}),
    ("Public debt passed 1.3tn euros last year.", "1.3tn euros", {"value": 1.3e12, "unit": "EUR"}),
    ("The city now has 8.2m residents.", "8.2m", {"value": 8.2e6, "unit": None}),
    ("The orchestra sold 3m tickets.", "3m", {"value": 3e6, "unit": None}),
    ("The tower is 330m tall.", "330m", {"value": 330, "unit": "m"}),
    ("The state spent ₹3.5 lakh crore on roads.", "₹3.5 lakh crore",
     {"value": 3.5e12, "unit": "INR"}),
    ("Farmers were paid Rs 40 lakh in all.", "Rs 40 lakh", {"value": 4e6, "unit": "INR"}),
    ("Each family received 1,50,000 rupees.", "1,50,000 rupees",
     {"value": 150_000, "unit": "INR"}),
    ("Imports rose to a quarter of a million tonnes.", "a quarter of a million",
     {"value": 250_000}),
    ("The fund holds two and a half million dollars.", "two and a half million dollars",
     {"value": 2.5e6, "unit": "USD"}),
    ("Officials spoke of a thousand million doses.", "a thousand million", {"value": 1e9}),
    ("The 3.6-billion-yuan tunnel opened.", "3.6-billion-yuan", {"value": 3.6e9, "unit": "CNY"}),
    ("A $23-million hall is planned.", "$23-million", {"value": 23e6, "unit": "USD"}),
    ("The grant was 2,5 million euros.", "2,5 million euros", {"value": 2.5e6, "unit": "EUR"}),
    ("The region counts 1.234.567 inhabitants.", "1.234.567", {"value": 1_234_567}),
    ("The fine was Rs500.", "Rs500", {"value": 500, "unit": "INR"}),
    ("The mine cost $US171 million.", "$US171 million", {"value": 171e6, "unit": "USD"}),
    ("The contract is worth 5 million USD.", "5 million USD", {"value": 5e6, "unit": "USD"}),
    ("The port got 10 billion won in aid.", "10 billion won", {"value": 1e10, "unit": "KRW"}),
    ("Each permit costs KSh 2,000.", "KSh 2,000", {"value": 2000, "unit": "KES"}),
    ("Shares rose 5pc on the day.", "5pc", {"value": 5, "unit": "percent"}),
    ("The jobless rate rose 3pp.", "3pp", {"value": 3, "unit": "percentage point"}),
    ("About 2000 people marched.", "2000", {"value": 2000, "unit": None}),
]  # fmt: skip

MULTIPLIERS_AND_SHARES: list[tuple[str, str, dict[str, Any]]] = [
    ("Rents have doubled since the war.", "doubled", {"value": 2, "unit": "times"}),
    ("Exports nearly tripled in a decade.", "nearly tripled",
     {"value": 3, "unit": "times", "qualifier": "nearly", "approximate": True}),
    ("The new depot is twice the width of the old one.", "twice", {"value": 2, "unit": "times"}),
    ("The virus is five times as contagious.", "five times", {"value": 5, "unit": "times"}),
    ("Output rose tenfold.", "tenfold", {"value": 10, "unit": "times"}),
    ("The mill now makes half as much flour as it did.", "half", {"value": 0.5, "unit": "times"}),
    ("The subsidy was halved.", "halved", {"value": 0.5, "unit": "times"}),
    ("The toll covers over a third of the upkeep.", "a third",
     {"value": 100 / 3, "unit": "percent", "low": 100 / 3}),
    ("The state funds two-thirds of the line.", "two-thirds",
     {"value": 200 / 3, "unit": "percent"}),
    ("One in five adults smokes.", "One in five", {"value": 20, "unit": "percent"}),
    ("Nine out of 10 clinics stayed open.", "Nine out of 10", {"value": 90, "unit": "percent"}),
    ("More than half of the pupils passed.", "half", {"value": 50, "unit": "percent"}),
    ("The district holds half of all the city's cases.", "half", {"value": 50, "unit": "percent"}),
    ("The track is a quarter mile long.", "a quarter mile", {"value": 0.25, "unit": "mile"}),
    ("Three-quarters of voters backed the plan.", "Three-quarters",
     {"value": 75, "unit": "percent"}),
]  # fmt: skip

RANKS: list[tuple[str, str, dict[str, Any]]] = [
    ("Kelmar is the third-largest port in the region.", "third-largest",
     {"value": 3, "unit": "rank"}),
    ("She finished 87th of 300 runners.", "87th", {"value": 87, "unit": "rank"}),
    ("It was the first visit by a premier in years.", "first", {"value": 1, "unit": "rank"}),
    ("Sales passed a billion for the second month running.", "second",
     {"value": 2, "unit": "rank"}),
    ("The river rose for a third day.", "a third", {"value": 3, "unit": "rank"}),
    ("The masks were kept on the fourth floor.", "fourth", {"value": 4, "unit": "rank"}),
    ("The team is ranked No. 4 in the world.", "4", {"value": 4, "unit": "rank"}),
    ("She finished third in the final.", "third", {"value": 3, "unit": "rank"}),
]  # fmt: skip

DURATIONS_AND_AGES: list[tuple[str, str, dict[str, Any]]] = [
    ("The tunnel needed half a decade to finish.", "half a decade", {"value": 5, "unit": "year"}),
    ("Families waited a week or more for a burial.", "a week", {"value": 1, "unit": "week"}),
    ("The board gave the firm an extra month.", "an extra month", {"value": 1, "unit": "month"}),
    ("The test can add up to an hour.", "an hour", {"value": 1, "unit": "hour", "high": 1}),
    ("The strike lasted a fortnight.", "a fortnight", {"value": 2, "unit": "week"}),
    ("He served a year and a half in prison.", "a year and a half",
     {"value": 1.5, "unit": "year"}),
    ("Mara Lind, 24, was named captain.", "24", {"value": 24, "unit": "year"}),
    ("The driver, Tom Reyes (41), was unhurt.", "41", {"value": 41, "unit": "year"}),
    ("The boys, aged 5 and 8, were rescued.", "8", {"value": 8, "unit": "year"}),
    ("The envoy was 16 years old.", "16 years old", {"value": 16, "unit": "year"}),
    ("The court heard a two week trial.", "two week", {"value": 2, "unit": "week"}),
    ("The mayor turned 50 in May.", "50", {"value": 50, "unit": "year"}),
    ("The twins are two-and-a-half years old.", "two-and-a-half years",
     {"value": 2.5, "unit": "year"}),
]  # fmt: skip

MEASURES: list[tuple[str, str, dict[str, Any]]] = [
    ("The smelter emitted 340 metric tons of soot.", "340 metric tons",
     {"value": 340, "unit": "tonne"}),
    ("The fires release 500-600 metric tons a year.", "500-600 metric tons",
     {"low": 500, "high": 600, "unit": "tonne"}),
    ("It was 35 degrees Celsius in the shade.", "35 degrees Celsius",
     {"value": 35, "unit": "°C"}),
    ("Readings fell to negative four-point-three degrees Celsius.", "four-point-three",
     {"value": -4.3, "unit": "°C"}),
    ("Temperatures fell to -12C overnight.", "-12C", {"value": -12, "unit": "°C"}),
    ("Central bank rates rose by 25 basis points.", "25 basis points",
     {"value": 25, "unit": "basis point"}),
    ("Platters hold 1.2Tb per square inch.", "1.2Tb per square inch",
     {"value": 1.2, "unit": "Tb per square inch"}),
    ("Peak demand reached 44,900 megawatts, above the 43,100 it hit on Friday.", "43,100",
     {"value": 43_100, "unit": "MW"}),
    ("The new road is 42 km long.", "42 km", {"value": 42, "unit": "km"}),
    ("The parcel weighed 12 lbs.", "12 lbs", {"value": 12, "unit": "lb"}),
    ("Winds reached 70mph on the coast.", "70mph", {"value": 70, "unit": "mph"}),
    ("A magnitude 6.1 earthquake shook the valley.", "6.1", {"value": 6.1, "unit": "magnitude"}),
    ("The goal is to keep warming under 1.5C.", "1.5C", {"value": 1.5, "unit": "°C"}),
]  # fmt: skip

CHANGES_AND_TALLIES: list[tuple[str, str, dict[str, Any]]] = [
    ("Payrolls were down by 75,000 to 738,000.", "75,000", {"value": 75_000, "low": None}),
    ("Payrolls were down by 75,000 to 738,000.", "738,000", {"value": 738_000, "low": None}),
    ("Support fell from 54 to 35%.", "54", {"value": 54, "unit": "percent"}),
    ("The council voted 7-2 to approve the plan.", "7", {"value": 7, "low": None}),
    ("The council voted 7-2 to approve the plan.", "2", {"value": 2, "low": None}),
    ("Subscriptions climbed over five weeks to 7.4 million.", "five weeks",
     {"value": 5, "unit": "week"}),
    ("Subscriptions climbed over five weeks to 7.4 million.", "7.4 million", {"value": 7.4e6}),
    ("Between 30,000 and 45,000 may be displaced.", "30,000 and 45,000",
     {"low": 30_000, "high": 45_000}),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "fragment", "expected"), SCALES_AND_MONEY)
def test_it_applies_scale_words_and_suffixes(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(("sentence", "fragment", "expected"), MULTIPLIERS_AND_SHARES)
def test_it_reads_multipliers_as_times_and_shares_as_percent(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(("sentence", "fragment", "expected"), RANKS)
def test_it_reads_ordinals_and_places_as_ranks(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(("sentence", "fragment", "expected"), DURATIONS_AND_AGES)
def test_it_reads_durations_and_ages_in_time_units(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(("sentence", "fragment", "expected"), MEASURES)
def test_it_reads_measures_in_their_units(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(("sentence", "fragment", "expected"), CHANGES_AND_TALLIES)
def test_it_keeps_changes_levels_and_tallies_apart(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment), expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "She recovered from COVID-19 before the G7 summit.",
        "Drive west on Route 66 to the coast.",
        "Call (555) 201-4477 or +44 20 7946 0958 for tickets.",
        "The office opens at 6:30 and closes at 5 p.m.",
        "Hale United won 3-1 on Sunday.",
        "Thousands of workers marched.",
        "He first went to the coast as a boy.",
        "At first, nobody noticed.",
        "First, the council met.",
        "Wait a second.",
        "The plant ran for a year.",
        "The school was cut in half.",
        "The crew of Apollo 11.",
        "Write to us in the 1990s style.",
        "It was the 20th century's worst flood.",
        "The sequel is a double murder mystery.",
        "Tickets for the 2000 Olympics sold out.",
    ],
)
def test_names_times_scores_idioms_and_vague_words_hold_no_exact_amount(sentence: str) -> None:
    exact = [q for q in _quantities(sentence) if q.value is not None]
    assert exact == [], [q.text for q in exact]


@pytest.mark.parametrize(
    "sentence",
    [
        "It cost $4 a day.",
        "Roughly 40 parcels a week are delivered there.",
        "The ferry sails twice a day.",
    ],
)
def test_a_unit_of_time_after_an_amount_is_a_rate_not_a_duration(sentence: str) -> None:
    assert [q.text for q in _quantities(sentence) if q.unit == "day" or q.unit == "week"] == []


def test_vague_plurals_give_a_lower_bound_only() -> None:
    quantity = _one("Millions of viewers tuned in.", "Millions")
    assert (quantity.value, quantity.low, quantity.approximate) == (None, 1e6, True)


@pytest.mark.parametrize(
    ("sentence", "context", "unit"),
    [
        ("The rink cost $40 million.", DEFAULT_CONTEXT, "USD"),
        ("The rink cost $40 million.", CANADIAN, "CAD"),
        ("The rink cost 40 million dollars.", CANADIAN, "CAD"),
        ("The rink cost US$40 million.", CANADIAN, "USD"),
        ("The rink cost 40 million US dollars.", CANADIAN, "USD"),
        ("The rink cost C$40 million.", DEFAULT_CONTEXT, "CAD"),
        ("The loan was Rs 40 crore.", QuantityContext(rupee="PKR"), "PKR"),
    ],
)
def test_a_bare_dollar_or_rupee_is_the_outlets_own(
    sentence: str, context: QuantityContext, unit: str
) -> None:
    assert _quantities(sentence, context)[0].unit == unit


@pytest.mark.parametrize(
    ("sentence", "context", "unit"),
    [
        ("Temperatures climbed 8 to 15 degrees above normal.", DEFAULT_CONTEXT, "°F"),
        ("Temperatures climbed 8 to 15 degrees above normal.", CANADIAN, "°C"),
        ("Lows of two degrees are forecast in the hills.", CANADIAN, "°C"),
        ("The ramp is tilted at 30 degrees.", CANADIAN, "degree"),
    ],
)
def test_bare_degrees_of_weather_follow_the_outlets_scale(
    sentence: str, context: QuantityContext, unit: str
) -> None:
    assert _quantities(sentence, context)[-1].unit == unit


def test_bare_degrees_follow_the_scale_the_article_named_when_the_outlet_is_unknown() -> None:
    text = "The low was minus four degrees Celsius. By noon temperatures reached ten degrees."
    start = text.index("By noon")
    found = find_quantities(text, start, len(text), [])
    assert [(q.value, q.unit) for q in found] == [(10, "°C")]


def test_durations_inside_relative_dates_are_amounts_too() -> None:
    text = "The valve was replaced 9 days earlier by the fitters."
    taken = [(text.index("9"), text.index(" by"))]
    assert [(q.value, q.unit) for q in find_quantities(text, 0, len(text), taken)] == [(9, "day")]


def test_amounts_inside_other_dates_are_left_to_the_date_reader() -> None:
    text = "The rules changed on March 18, 2021."
    taken = [(text.index("March"), len(text) - 1)]
    assert find_quantities(text, 0, len(text), taken) == []


def test_look_behind_never_leaves_the_sentence() -> None:
    text = "It cost $\n5 million."
    start = text.index("5")
    found = find_quantities(text, start, len(text), [])
    assert all(q.start >= start for q in found)


@pytest.mark.parametrize(
    ("where", "country"),
    [
        ({"url": "https://www.cbc.ca/news/story"}, "ca"),
        ({"host": "www.abc.net.au"}, "au"),
        ({"host": "www.bbc.co.uk"}, "gb"),
        ({"host": "news.example.com", "language": "en-CA"}, "ca"),
        ({"host": "news.example.com", "language": "en_NZ"}, "nz"),
        ({"host": "example.com", "site_name": "The Toronto Courier"}, "ca"),
        ({"host": "thekelmarnassau.com"}, "bs"),
        ({"host": "news.example.com", "language": "en-US"}, "us"),
        ({"host": "world.kbs.co.kr"}, "kr"),
        ({"host": "startup.io"}, None),
        ({"host": "news.example.com", "language": "en"}, None),
        ({}, None),
    ],
)
def test_the_outlets_country_comes_from_its_domain_language_or_name(
    where: dict[str, str], country: str | None
) -> None:
    assert outlet_country(**where) == country


@pytest.mark.parametrize(
    ("where", "dollar", "temperature"),
    [
        ({"url": "https://www.cbc.ca/news/story"}, "CAD", "°C"),
        ({"host": "www.stuff.co.nz"}, "NZD", "°C"),
        ({"host": "news.example.com", "language": "en-US"}, "USD", "°F"),
        ({"host": "www.bbc.co.uk"}, "USD", "°C"),
        ({"host": "news.example.com"}, "USD", None),
    ],
)
def test_the_outlets_context_sets_its_dollar_and_temperature_scale(
    where: dict[str, str], dollar: str, temperature: str | None
) -> None:
    context = outlet_context(**where)
    assert (context.dollar, context.temperature) == (dollar, temperature)


def test_a_pakistani_outlets_rupee_is_pkr() -> None:
    assert outlet_context(host="www.dawn.com.pk").rupee == "PKR"


HELD_OUT_CAUSES: list[tuple[str, str, dict[str, Any]]] = [
    # An age apposed to a name at the end of the sentence.
    ("Police detained the skipper, Oren Valdt, 58", "58", {"value": 58, "unit": "year"}),
    # Two ages listed with one unit.
    ("The sisters were 31 and 35 years old.", "31", {"value": 31, "unit": "year"}),
    # A duration with "more" between the number and its unit.
    ("The lease runs for four more years.", "four more years", {"value": 4, "unit": "year"}),
    ("Crews need two additional weeks.", "two additional weeks", {"value": 2, "unit": "week"}),
    # A fraction written as one character.
    ("A bus left every 7½ minutes.", "7½ minutes", {"value": 7.5, "unit": "minute"}),
    # Loudness.
    ("The horns reached 110 decibels.", "110 decibels", {"value": 110, "unit": "dB"}),
    # "US $" with a space is the US dollar even where "$" is another.
    ("Sales hit US $2.3 billion.", "$2.3 billion", {"value": 2.3e9, "unit": "USD"}),
]


@pytest.mark.parametrize(("sentence", "fragment", "expected"), HELD_OUT_CAUSES)
def test_ages_durations_fractions_and_units_read_in_context(
    sentence: str, fragment: str, expected: dict[str, Any]
) -> None:
    _check(_one(sentence, fragment, QuantityContext(dollar="TTD")), expected)


@pytest.mark.parametrize(
    "sentence",
    [
        # Local telephone numbers, with or without a cue, and spelt in letters.
        "For tips, ring 483-2290 or 483-2291.",
        "Anyone with news should contact detectives at 919-7730.",
        "Text the line at 311-CARE (2273).",
        # House numbers and clock times.
        "Ballots are cast at 4127 Lindell Ave. from noon.",
        "The booth is staffed between 11 and 7 p.m. daily.",
        "The fire started about 3.p.m on the quay.",
        # Ordinals and numbers that name places and areas.
        "The crash closed Northwest 87th Avenue and 14th Street.",
        "Voters in Region Six and Zone 3 queued early.",
        # A name's number written with a stray space before its dash.
        "Covid -19 cases fell.",
        # Idioms.
        "The board backed a zero-tolerance rule and a one-off review.",
        # A handle, not a year.
        "Residents of @1500 Quayside complained.",
        # Constant prices: the year money is counted in.
        "The figures are in 2015 dollars.",
    ],
)
def test_phones_addresses_clock_times_place_names_and_idioms_are_not_amounts(
    sentence: str,
) -> None:
    exact = [q for q in _quantities(sentence) if q.value is not None or q.low is not None]
    assert exact == [], [q.text for q in exact]


def test_a_range_of_round_numbers_is_not_a_phone_number() -> None:
    quantity = _one("Each site hosts 500-1000 people.", "500-1000")
    assert (quantity.low, quantity.high) == (500, 1000)


@pytest.mark.parametrize(
    ("text", "dollar"),
    [
        ("BRIDGETOWN, Barbados — The Barbados budget is $90 million. Barbados voted.", "BBD"),
        ("Grenada's parliament met. The Grenada levy raised $4 million.", "XCD"),
        ("The US and Texas economies: Jamaica exports cost $5 million.", "USD"),
        ("Prices rose $3 in the town.", "USD"),
    ],
)
def test_without_an_outlet_the_country_the_article_names_sets_its_dollar(
    text: str, dollar: str
) -> None:
    found = [q for q in find_quantities(text, 0, len(text), []) if q.text.startswith("$")]
    assert found
    assert {q.unit for q in found} == {dollar}


@pytest.mark.parametrize(
    ("where", "dollar"),
    [
        ({"host": "www.thelucianvoice.lc"}, "XCD"),
        ({"host": "example.com", "site_name": "The St Kitts Courier"}, "XCD"),
        ({"host": "example.com", "site_name": "Grenada Herald"}, "XCD"),
        ({"host": "example.vg"}, "USD"),
    ],
)
def test_eastern_caribbean_outlets_mean_the_eastern_caribbean_dollar(
    where: dict[str, str], dollar: str
) -> None:
    assert outlet_context(**where).dollar == dollar
