"""What counts as the same claim: rewordings match, changed figures and dates do not."""

from __future__ import annotations

import datetime

import pytest

from claims.matching import (
    DEFAULT_AUTO_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    compare,
    features_from_claim,
    features_from_text,
    search_text,
)

PUBLISHED = datetime.date(2021, 4, 10)


def _compare(a: str, b: str, reference_date: datetime.date | None = PUBLISHED):
    return compare(
        features_from_text(a, reference_date=reference_date),
        features_from_text(b, reference_date=reference_date),
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Bilateral trade was nearly $800 million last year.",
            "Trade between the two countries reached about $0.8bn in 2020.",
        ),
        ("The council has 13 members.", "The thirteen-member council met."),
        ("The dam took 9 years to build.", "Construction of the dam took nine years."),
        ("The bridge is 1.6 km long.", "The bridge is 1,600 metres long."),
        ("The strike lasted 18 months.", "The strike lasted 1.5 years."),
        ("Exports were worth $4.5bn.", "Exports were worth 4.5 billion dollars."),
    ],
)
def test_it_matches_the_same_claim_written_differently(a: str, b: str) -> None:
    result = _compare(a, b)
    assert result.blocked_by is None
    assert result.score >= DEFAULT_SUGGEST_THRESHOLD
    assert result.agreements


def test_it_matches_when_last_year_is_unresolved() -> None:
    result = _compare(
        "Bilateral trade was nearly $800 million last year.",
        "Trade between the two countries reached about $0.8bn in 2020.",
        reference_date=None,
    )
    assert result.blocked_by is None
    assert result.score >= DEFAULT_SUGGEST_THRESHOLD


def test_it_names_the_agreeing_amount_and_year() -> None:
    result = _compare(
        "Bilateral trade was nearly $800 million last year.",
        "Trade between the two countries reached about $0.8bn in 2020.",
    )
    assert result.agreements == ("quantity 800000000 USD", "year 2020")
    assert result.score >= DEFAULT_AUTO_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Bilateral trade was $800 million last year.",
            "Bilateral trade was $8 billion last year.",
            "$800 million vs $8 billion",
        ),
        ("The party won 365 seats.", "The party won 356 seats.", "365 vs 356"),
        ("Unemployment was 4.3% in May.", "Unemployment was 4.8% in May.", "4.3% vs 4.8%"),
        ("The aid is worth $2.3bn.", "The aid is worth £2.3bn.", "$2.3bn vs £2.3bn"),
        ("The strike lasted 11 weeks.", "The strike lasted 11 months.", "11 weeks vs 11 months"),
    ],
)
def test_it_blocks_a_match_when_amounts_disagree(a: str, b: str, reason: str) -> None:
    result = _compare(a, b)
    assert result.blocked_by == reason
    assert result.score <= 0.2


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Exports were worth $4.5bn in 2018.",
            "Exports were worth $4.5bn in 2019.",
            "year 2018 vs 2019",
        ),
        (
            "Police recorded 642 burglaries last year.",
            "Police recorded 642 burglaries in 2019.",
            "year 2020 vs 2019",
        ),
        ("Inflation hit 9.1% in June 2022.", "Inflation hit 9.1% in August 2022.", "month 6 vs 8"),
        (
            "The bridge reopened to traffic on 3 March 2021.",
            "The bridge reopened to traffic on 17 March 2021.",
            "date 2021-03-03 vs 2021-03-17",
        ),
    ],
)
def test_it_blocks_a_match_when_dates_disagree(a: str, b: str, reason: str) -> None:
    result = _compare(a, b)
    assert result.blocked_by == reason
    assert result.score <= 0.2


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Turnout was 67%.", "Turnout was 67.3%.", True),  # "67" may be 67.3 rounded
        ("Turnout was 67%.", "Turnout was 69%.", False),
        ("Turnout was about 67%.", "Turnout was 70%.", True),
        ("Turnout was about 67%.", "Turnout was 76%.", False),
        ("Rates rose 3 percentage points.", "Rates rose 3 percentage points.", True),
        ("Rates rose 0.25 percentage points.", "Rates rose 0.5 percentage points.", False),
    ],
)
def test_percentages_agree_within_rounding_and_qualifiers(a: str, b: str, agree: bool) -> None:
    result = _compare(a, b)
    assert (result.blocked_by is None) is agree


def test_percent_and_percentage_points_neither_agree_nor_block() -> None:
    result = _compare("Interest rates rose 3 percent.", "Interest rates rose 3 percentage points.")
    assert result.blocked_by is None
    assert result.agreements == ()
    same = _compare("Interest rates rose 3%.", "Interest rates rose 3 percent.")
    assert result.score < same.score


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Between 10 and 12 percent of adults smoke.", "About 11% of adults smoke.", True),
        ("Between 10 and 12 percent of adults smoke.", "12% of adults smoke.", True),
        ("Between 10 and 12 percent of adults smoke.", "15% of adults smoke.", False),
        (
            "Between 10 and 12 percent of adults smoke.",
            "From 11 to 14 percent of adults smoke.",
            True,
        ),
        (
            "Between 10 and 12 percent of adults smoke.",
            "From 20 to 24 percent of adults smoke.",
            False,
        ),
    ],
)
def test_ranges_agree_with_the_amounts_inside_them(a: str, b: str, agree: bool) -> None:
    assert (_compare(a, b).blocked_by is None) is agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (
            "Nearly 900 migrants crossed on Saturday.",
            "Almost 900 migrants crossed on Saturday.",
            True,
        ),
        ("Nearly 900 migrants crossed on Saturday.", "850 migrants crossed on Saturday.", True),
        ("Nearly 900 migrants crossed on Saturday.", "600 migrants crossed on Saturday.", False),
        ("More than 1,200 people died.", "1,247 people died.", True),
        ("More than 1,200 people died.", "More than 2,000 people died.", False),
        ("Up to 500 homes were flooded.", "500 homes were flooded.", True),
        ("Up to 500 homes were flooded.", "Up to 5,000 homes were flooded.", False),
    ],
)
def test_approximate_qualifiers_widen_the_tolerance(a: str, b: str, agree: bool) -> None:
    assert (_compare(a, b).blocked_by is None) is agree


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "About 11,000 people were displaced by the floods.",
            "About 11,000 people attended the protest.",
        ),
        ("The hospital has 450 beds.", "The hotel has 450 rooms."),
        ("Inflation hit 9.1% in June 2022.", "The stock market fell 9.1% in June 2022."),
        (
            "The company laid off 1,200 workers in 2020.",
            "The university admitted 1,200 students in 2020.",
        ),
    ],
)
def test_the_same_numbers_about_different_subjects_do_not_match(a: str, b: str) -> None:
    result = _compare(a, b)
    assert result.score < DEFAULT_SUGGEST_THRESHOLD


def test_an_amount_on_one_side_only_lowers_the_score_without_blocking() -> None:
    both = _compare("The company cut 1,200 jobs in 2020.", "In 2020 the company cut 1,200 jobs.")
    one = _compare("The company cut 1,200 jobs in 2020.", "In 2020 the company cut jobs.")
    assert one.blocked_by is None
    assert one.score < both.score
    assert one.score >= DEFAULT_SUGGEST_THRESHOLD


def test_an_extra_amount_on_one_side_does_not_block_the_one_both_give() -> None:
    result = _compare("Unemployment fell from 5.1% to 4.3%.", "The jobless rate dropped to 4.3%.")
    assert result.blocked_by is None
    assert result.agreements == ("quantity 4.3 percent",)


def test_opposite_directions_block() -> None:
    result = _compare("Unemployment rose to 5% in 2022.", "Unemployment fell to 5% in 2022.")
    assert result.blocked_by == "'rose' vs 'fell'"


def test_comparison_is_symmetric_in_score() -> None:
    a = features_from_text("Nearly 900 migrants crossed the Channel on Saturday.")
    b = features_from_text("On Saturday almost 900 people crossed the Channel in small boats.")
    assert compare(a, b).score == compare(b, a).score


def test_stored_claims_use_their_normalized_values() -> None:
    normalized = {
        "quantities": [
            {"text": "nearly $800 million", "value": 800000000, "low": None, "high": None,
             "unit": "USD", "approximate": True, "qualifier": "nearly"}
        ],
        "dates": [{"text": "last year", "value": "2020"}],
    }  # fmt: skip
    stored = features_from_claim("Bilateral trade was nearly $800 million last year.", normalized)
    query = features_from_text("Trade between the two countries reached about $0.8bn in 2020.")
    assert stored.years == frozenset({2020})
    assert compare(stored, query).agreements == ("quantity 800000000 USD", "year 2020")


def test_search_text_puts_rare_words_before_common_ones() -> None:
    features = features_from_text("The government said cholera cases rose 40% in Lusaka in 2023.")
    words = search_text(features).split()
    assert {"cholera", "Lusaka"} <= set(words)
    assert words.index("cholera") < words.index("government")
    assert "40" not in words
    assert "2023" not in words


def test_the_same_day_written_two_ways_matches_and_a_month_alone_does_not_block_a_day() -> None:
    same_day = _compare(
        "The bridge reopened to traffic on 3 March 2021.",
        "The bridge reopened to traffic on March 3, 2021.",
    )
    assert same_day.blocked_by is None
    month_only = _compare(
        "The bridge reopened to traffic on 3 March 2021.",
        "The bridge reopened to traffic in March 2021.",
    )
    assert month_only.blocked_by is None
