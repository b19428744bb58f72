"""How the date reader normalizes what a sentence says about time (claims/extraction/dates)."""
# ruff: noqa: RUF001 - typographic quotes are part of what is read

from __future__ import annotations

from datetime import date

import pytest

from claims.extraction import ClaimKind, extract
from claims.extraction.dates import DateContext, find_dates
from claims.extraction.model import DateMention
from tests.extraction.conftest import KeywordScorer

WEDNESDAY = date(2023, 11, 8)


def _read(*sentences: str, published: date | None = WEDNESDAY) -> list[DateMention]:
    """Every date in the sentences, read in order with one context, as an article is."""
    ctx = DateContext(published)
    found: list[DateMention] = []
    for sentence in sentences:
        mentions, _ = find_dates(sentence, 0, len(sentence), ctx)
        for mention in mentions:
            assert sentence[mention.start : mention.end] == mention.text
        found.extend(mentions)
    return found


def _values(*sentences: str, published: date | None = WEDNESDAY) -> dict[str, str | None]:
    return {m.text: m.value for m in _read(*sentences, published=published)}


WEEKS_AND_WEEKENDS = [
    ("Dock workers walked out last week.", "last week", "2023-10-30/2023-11-05"),
    ("The council met earlier this week.", "earlier this week", "2023-11-06/2023-11-12"),
    ("This week's storm closed the port.", "This week", "2023-11-06/2023-11-12"),
    ("The ferry resumes service next week.", "next week", "2023-11-13/2023-11-19"),
    ("Three boats sank over the weekend.", "over the weekend", "2023-11-04/2023-11-05"),
    ("The festival opens this weekend.", "this weekend", "2023-11-11/2023-11-12"),
    ("Rain fell last weekend in Kelmar.", "last weekend", "2023-11-04/2023-11-05"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), WEEKS_AND_WEEKENDS)
def test_weeks_run_monday_to_sunday_and_weekends_saturday_to_sunday(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence)[text] == value


def test_a_weekend_in_a_forecast_is_the_coming_one() -> None:
    assert _values("The service forecasts snow over the weekend.") == {
        "over the weekend": "2023-11-11/2023-11-12"
    }


def test_the_weekend_is_the_current_one_when_published_on_it() -> None:
    sunday = date(2023, 11, 12)
    assert _values("Crowds gathered over the weekend.", published=sunday) == {
        "over the weekend": "2023-11-11/2023-11-12"
    }


WEEKDAYS = [
    ("The mayor resigned on Monday.", "Monday", "2023-11-06"),
    ("The mayor resigned on Wednesday.", "Wednesday", "2023-11-08"),
    ("The mayor resigned on Friday.", "Friday", "2023-11-03"),
    ("The council will vote on Friday.", "Friday", "2023-11-10"),
    ("Friday is expected to be the wettest day of the month.", "Friday", "2023-11-10"),
    ("The party met ahead of Thursday's vote.", "Thursday", "2023-11-09"),
    ("The minister said on Monday that the port will reopen.", "Monday", "2023-11-06"),
    ("The cold snap should peak on Friday.", "Friday", "2023-11-10"),
    ("Forecasters expect heavy rain Friday in Kelmar.", "Friday", "2023-11-10"),
    ("The agency forecast on Monday that fares would rise.", "Monday", "2023-11-06"),
    ("The port will reopen, the minister said on Monday.", "Monday", "2023-11-06"),
    ("The strike began last Tuesday.", "last Tuesday", "2023-11-07"),
    ("Talks resume next Tuesday.", "next Tuesday", "2023-11-14"),
    ("The bridge was inaugurated on Wednesday, December 4, 2019.",
     "Wednesday, December 4, 2019", "2019-12-04"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "text", "value"), WEEKDAYS)
def test_weekdays_fall_before_publication_unless_the_sentence_looks_ahead(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence)[text] == value


@pytest.mark.parametrize(
    "sentence",
    [
        "The market opens every Sunday.",
        "The story ran in the Sunday Times.",
        "Turnout on Super Tuesday was low.",
        "Flights leave on Mondays and Fridays.",
    ],
)
def test_weekdays_that_are_not_dates_are_left_alone(sentence: str) -> None:
    assert _read(sentence) == []


MONTHS = [
    ("Exports fell in September.", "September", "2023-09"),
    ("The trial begins in January.", "January", "2024-01"),
    ("The new line will open in October.", "October", "2024-10"),
    ("The plant closed last June.", "last June", "2023-06"),
    # October is the month just gone, which "last month" would name: "last October" is 2022's.
    ("The mayor changed her mind last October.", "last October", "2022-10"),
    ("The treaty was signed in December of 1974.", "December of 1974", "1974-12"),
    ("Trust members meet again on Nov. 29.", "Nov. 29", "2023-11-29"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), MONTHS)
def test_months_without_a_year_take_the_year_the_sentence_means(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence)[text] == value


def test_a_day_without_a_year_belongs_to_the_time_the_article_narrates() -> None:
    found = _values(
        "The boiler was fitted on December 16, 2010.",
        "She returned on December 27 and left the next day.",
        "She spent Christmas with her sisters.",
        published=date(2012, 4, 17),
    )
    assert found["December 27"] == "2010-12-27"
    assert found["the next day"] == "2010-12-28"
    assert found["Christmas"] == "2010-12-25"


RELATIVE_YEARS = [
    (["Emissions fell 2 percent last year."], "last year", "2022"),
    (["Emissions fell last year.", "They had risen the year before."], "the year before", "2021"),
    (["Sales fell 4 percent from a year earlier."], "a year earlier", "2022"),
    (["The port opened in 2001.", "Four years later it closed."], "Four years later", "2005"),
    (["Turnout was higher the year before last."], "the year before last", "2021"),
    (["The deficit was $2 billion in 1998.", "That year, taxes rose."], "That year", "1998"),
    (["The mill reopened on Friday.", "Its owner had died the day before."], "the day before",
     "2023-11-02"),
]  # fmt: skip


@pytest.mark.parametrize(("sentences", "text", "value"), RELATIVE_YEARS)
def test_relative_dates_count_from_the_time_the_sentence_speaks_of(
    sentences: list[str], text: str, value: str
) -> None:
    assert _values(*sentences)[text] == value


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Four years later the port closed.", "Four years later"),
        ("The day after the election, the mayor resigned.", "The day after"),
        ("They arrived in the same year.", "the same year"),
        ("The mayor resigned last month.", "last month"),
    ],
)
def test_a_relative_date_with_nothing_to_count_from_stays_unresolved(
    sentence: str, text: str
) -> None:
    published = None if text == "last month" else WEDNESDAY
    assert _values(sentence, published=published) == {text: None}


PERIODS = [
    ("Colonial officials arrived in the 1880s.", "1880s", "1880/1889"),
    ("The resort was larger in the 2000's.", "2000's", "2000/2009"),
    ("Surpluses returned in the ’90s.", "90s", "1990/1999"),
    ("Mills were built in the 1800s.", "1800s", "1800/1899"),
    ("It was the largest fire of the 18th century.", "18th century", "1700/1799"),
    ("The canal dates from the nineteenth century.", "nineteenth century", "1800/1899"),
    ("Costs rose in the 2023-24 fiscal year.", "2023-24", "2023/2024"),
    ("The 2023/24 season ended early.", "2023/24", "2023/2024"),
    ("The budget for FY2022 was cut.", "FY2022", "2022"),
    ("The 1914-18 war emptied the village.", "1914-18", "1914/1918"),
    ("Tourism peaked in summer 2015.", "summer 2015", "2015-06/2015-08"),
    ("The harbour froze in the winter of 2014-15.", "winter of 2014-15", "2014-12/2015-02"),
    ("Her term runs through this fall.", "this fall", "2023-09/2023-11"),
    ("Crops failed last summer.", "last summer", "2023-06/2023-08"),
    ("The club was relegated this season.", "this season", "2023/2024"),
    ("The club was promoted last season.", "last season", "2022/2023"),
    ("Profit rose in the third quarter of 2015.", "third quarter of 2015", "2015-07/2015-09"),
    ("Revenue fell in Q1 2021.", "Q1 2021", "2021-01/2021-03"),
    ("Third-quarter profit doubled.", "Third-quarter", "2023-07/2023-09"),
    ("Sales slowed last quarter.", "last quarter", "2023-07/2023-09"),
    ("Output shrank in the first half of 2019.", "first half of 2019", "2019-01/2019-06"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), PERIODS)
def test_named_periods_are_intervals_at_the_precision_the_text_gives(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence)[text] == value


def test_a_sports_season_under_way_in_spring_began_the_year_before() -> None:
    assert _values("He scored twelve goals this season.", published=date(2023, 5, 2)) == {
        "this season": "2022/2023"
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("2020's election drew record turnout.", {"2020": "2020"}),
        ("Shares did not fall 2020 or 2021.", {"2020": "2020", "2021": "2021"}),
        ("Our third century began in 1976.", {"1976": "1976"}),
        ("He scored in the fourth quarter.", {}),
        ("She has worked here for the last quarter century.", {}),
        ("Christmas shopping began early.", {}),
        ("The ship sailed to Christmas Island.", {}),
    ],
)
def test_words_that_only_look_like_periods_are_not_read_as_them(
    sentence: str, expected: dict[str, str]
) -> None:
    assert _values(sentence) == expected


RANGES = [
    ("She served from March 2012 to August 2016.", "March 2012 to August 2016",
     "2012-03/2016-08"),
    ("Between 2014 and 2021, 58 units were built.", "2014 and 2021", "2014/2021"),
    ("Ferry delays between September 2017 to February 2018 rose.",
     "September 2017 to February 2018", "2017-09/2018-02"),
    ("Fares were waived from January to March 2020.", "January to March 2020",
     "2020-01/2020-03"),
    ("Parking is free from Oct. 9 until the end of the year.",
     "Oct. 9 until the end of the year", "2023-10-09/2023-12-31"),
    ("The war lasted 1990-2002.", "1990-2002", "1990/2002"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "text", "value"), RANGES)
def test_a_range_of_dates_is_one_interval(sentence: str, text: str, value: str) -> None:
    assert _values(sentence) == {text: value}


def test_two_years_joined_by_and_without_between_stay_two_dates() -> None:
    assert _values("Floods struck in 2014 and 2021.") == {"2014": "2014", "2021": "2021"}


HOLIDAYS = [
    ("The port closed on Easter Monday 2024.", "Easter Monday 2024", "2024-04-01"),
    ("Stores opened early on Thanksgiving 2023.", "Thanksgiving 2023", "2023-11-23"),
    ("Shops were busy on Black Friday 2022.", "Black Friday 2022", "2022-11-25"),
    ("The fire started on New Year's Eve 2019.", "New Year's Eve 2019", "2019-12-31"),
    ("The bridge reopened on New Year's 2020.", "New Year's 2020", "2020-01-01"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), HOLIDAYS)
def test_holidays_are_the_days_they_fall_on(sentence: str, text: str, value: str) -> None:
    assert _values(sentence)[text] == value


DAYS_OF_PUBLICATION = [
    ("The ministry said today that 40 ferries were idle.", {"today": "2023-11-08"}),
    ("The vote was held earlier today.", {"today": "2023-11-08"}),
    ("Hard drives today hold 20 terabytes.", {}),
    ("Today's hard drives hold 20 terabytes.", {}),
    ("She told NBC's Today show that cases fell.", {}),
    ("He told CBS This Morning that cases fell.", {}),
    ("Two ferries collided last night.", {"last night": "2023-11-07"}),
    ("The report came out yesterday.", {"yesterday": "2023-11-07"}),
]


@pytest.mark.parametrize(("sentence", "expected"), DAYS_OF_PUBLICATION)
def test_a_generic_today_is_no_date(sentence: str, expected: dict[str, str]) -> None:
    assert _values(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The outage started at 7:45 p.m. and ended at 22:10.",
        "Trading halted at 1930 GMT.",
        "The plant employs 2000 workers.",
    ],
)
def test_clock_times_and_counts_are_not_dates(sentence: str) -> None:
    assert _read(sentence) == []


def test_a_range_claim_is_an_interval_with_one_date() -> None:
    text = "Judge Torva served on the Kelmar bench from March 2012 to August 2016."
    claims = extract(text, published=WEDNESDAY, scorer=KeywordScorer()).claims
    dated = [c for c in claims if c.dates]
    assert [c.kind for c in dated] == [ClaimKind.INTERVAL]
    assert [(d.text, d.value) for d in dated[0].dates] == [
        ("March 2012 to August 2016", "2012-03/2016-08")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Monday, " * 5_000,
        "the day before " * 3_000,
        "from 2010 to " * 3_000,
        "said today " * 5_000,
        "first quarter of " * 3_000,
        "’90s " * 5_000,
        "will " * 10_000 + "Friday",
    ],
)
def test_date_heavy_lines_yield_spans_that_slice_the_text(line: str) -> None:
    mentions, ranges = find_dates(line, 0, len(line), DateContext(WEDNESDAY))
    assert all(line[m.start : m.end] == m.text for m in mentions)
    assert all(0 <= start < end <= len(line) for start, end in ranges)


DAY_RANGES = [
    ("The regatta will run June 6-10 off Kelmar.", "June 6-10", "2024-06-06/2024-06-10"),
    ("The fair is scheduled for August 3 to 7.", "August 3 to 7", "2024-08-03/2024-08-07"),
    ("The talks ran from 13-17 March 2019.", "13-17 March 2019", "2019-03-13/2019-03-17"),
    ("Courts sat on Oct. 2-4, 2021.", "Oct. 2-4, 2021", "2021-10-02/2021-10-04"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), DAY_RANGES)
def test_days_of_one_month_joined_by_a_dash_or_to_are_one_interval(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence) == {text: value}


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        # An obligation after the weekday looks ahead.
        ("Arrivals on Saturday must quarantine.", "Saturday", "2023-11-11"),
        ("Drivers must renew permits by Friday.", "Friday", "2023-11-10"),
        # ... but "must have" looks back.
        ("He must have left on Saturday.", "Saturday", "2023-11-04"),
        # A month without a year takes the far-off year the sentence named before it.
        ("In the spring of 2006 she ran, and in mid-July she won.", "July", "2006-07"),
        # A verb in the past tense keeps a yearless month or day behind publication ...
        ("Exports fell in March.", "March", "2023-03"),
        ("In April, the quay flooded.", "April", "2023-04"),
        ("The storm struck on March 4.", "March 4", "2023-03-04"),
        # ... a present tense or a report of speech does not.
        ("The trial begins in January.", "January", "2024-01"),
        ("Police said the hearing opens in February.", "February", "2024-02"),
        # Fiscal years written with two four-digit years.
        ("The 2024/2025 budget grew.", "2024/2025", "2024/2025"),
    ],
)
def test_obligations_look_ahead_and_a_named_year_carries_within_its_sentence(
    sentence: str, text: str, value: str
) -> None:
    assert _values(sentence)[text] == value


@pytest.mark.parametrize(
    "sentence",
    ["The clinic is at 1210 Harbor St. in town.", "Tenants of @1377 Lofts complained."],
)
def test_house_numbers_and_handles_are_not_years(sentence: str) -> None:
    assert _read(sentence) == []


def test_new_years_without_day_or_year_is_new_years_day() -> None:
    found = _values("The bridge reopened on New Year's.", published=date(2021, 3, 1))
    assert found == {"New Year's": "2021-01-01"}
