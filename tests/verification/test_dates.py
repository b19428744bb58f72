from __future__ import annotations

from datetime import date

import pytest

from sources.verification.dates import verify_dates
from tests.verification.builders import assert_offsets, claim, only

VISIT = "The prime minister's visit was the first by a British leader to Kenya in nine years"
OPENING = (
    "Crowds lined the road in Nairobi on Thursday as the prime minister arrived for talks "
    "on trade and security.\n"
)


@pytest.mark.parametrize(
    ("source", "stance"),
    [
        ("The last visit by a British leader to Kenya was in 2012, when a trade pact was signed.",
         "supports"),
        ("A British leader last visited Kenya in 2018 for a security summit.", "contradicts"),
        ("The previous visit by a British leader to Kenya was back in 2005.", "mixed"),
        ("Kenya and Britain have signed many trade pacts over the decades.", "unrelated"),
    ],
)  # fmt: skip
def test_first_in_n_years_is_checked_against_the_previous_occasion_the_source_dates(
    source: str, stance: str
) -> None:
    snapshot = OPENING + source
    finding = only(verify_dates(claim(VISIT, "temporal", published=date(2021, 3, 20)), snapshot))
    assert finding.stance == stance, finding.explanation
    assert_offsets([finding], snapshot)


def test_the_claims_own_date_is_the_reference_rather_than_publication() -> None:
    text = "The March 2019 visit was the first by a British leader to Kenya in nine years"
    snapshot = "The last visit by a British leader to Kenya was in 2010."
    finding = only(verify_dates(claim(text, "temporal", published=date(2021, 3, 20)), snapshot))
    assert finding.stance == "supports"
    assert finding.details["reference_year"] == 2019


def test_first_since_a_year_is_checked_against_the_previous_occasion() -> None:
    text = "It was the first British leader's visit to Kenya since 2012"
    supports = "A British leader last visited Kenya in 2012."
    contradicts = "A British leader last visited Kenya in 2016."
    assert only(verify_dates(claim(text, "temporal"), supports)).stance == "supports"
    assert only(verify_dates(claim(text, "temporal"), contradicts)).stance == "contradicts"


def test_a_year_of_the_neighbouring_sentence_about_something_else_is_not_the_previous_visit() -> (
    None
):
    snapshot = (
        "Dredging at the Kenyan port cost $412 million in 2019. "
        "The last visit by a British leader to Kenya was in 2012."
    )
    finding = only(verify_dates(claim(VISIT, "temporal"), snapshot))
    assert finding.stance == "supports"
    assert finding.details["previous_year"] == 2012


def test_first_in_n_years_without_any_reference_date_cannot_be_checked() -> None:
    finding = only(verify_dates(claim(VISIT, "temporal", published=None), OPENING))
    assert finding.stance == "unrelated"


@pytest.mark.parametrize(
    ("source", "stance"),
    [
        ("The Harbour Bridge opened to traffic in March 1989 after six years of work.", "supports"),
        ("The Harbour Bridge opened to traffic in 1987 after six years of work.", "contradicts"),
        ("Tourists love the view from the Harbour Bridge at sunset.", "unrelated"),
    ],
)
def test_a_dated_event_agrees_at_the_precision_both_give(source: str, stance: str) -> None:
    text = "The Harbour Bridge opened in 1989"
    finding = only(verify_dates(claim(text, "temporal"), OPENING + source))
    assert finding.stance == stance, finding.explanation


def test_a_day_the_source_gives_only_as_a_year_supports_with_less_confidence() -> None:
    exact = only(
        verify_dates(
            claim("The Harbour Bridge opened on March 4, 1989", "temporal"),
            "The Harbour Bridge opened on March 4, 1989.",
        )
    )
    coarse = only(
        verify_dates(
            claim("The Harbour Bridge opened on March 4, 1989", "temporal"),
            "The Harbour Bridge opened in 1989.",
        )
    )
    assert exact.stance == coarse.stance == "supports"
    assert coarse.confidence < exact.confidence


@pytest.mark.parametrize(
    ("source", "stance"),
    [
        ("The civil war in Norland raged from 1990 to 2002.", "supports"),
        ("The civil war in Norland raged from 1990 to 1994.", "contradicts"),
    ],
)
def test_a_duration_is_checked_against_a_date_range(source: str, stance: str) -> None:
    findings = verify_dates(claim("The civil war in Norland lasted 12 years", "temporal"), source)
    assert [f.stance for f in findings] == [stance]


def test_it_leaves_the_year_of_an_amount_to_the_quantities_verifier() -> None:
    text = "The city spent nearly $800 million on roads in 2020"
    assert verify_dates(claim(text), "In 2020 the city spent $790 million on roads.") == []
