"""Query cleaning keeps what a post claims and drops what the platform wrapped it in."""

from __future__ import annotations

import pytest

from claims.matching import DEFAULT_SUGGEST_THRESHOLD, compare, features_from_text
from claims.matching.query import clean_post, split_words


@pytest.mark.parametrize(
    ("post", "cleaned"),
    [
        (
            "The dam burst at dawn https://example.org/a?b=1 pic.twitter.com/AbC123",
            "The dam burst at dawn",
        ),
        (
            "The dam burst at dawn. — River Watch (@riverwatch) March 3, 2019",
            "The dam burst at dawn.",
        ),
        ("Flags flew at the #RedFort today", "Flags flew at the Red Fort today"),
        ("Thanks @CityCouncil for the update", "Thanks City Council for the update"),
        ("Fire at the mill \U0001f525\U0001f525 \u2764\ufe0f", "Fire at the mill"),
        ("Salt &amp; sugar prices rose", "Salt & sugar prices rose"),
    ],
)
def test_links_signatures_hashtags_handles_and_emoji(post: str, cleaned: str) -> None:
    assert clean_post(post) == cleaned


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ("RedFort", "Red Fort"),
        ("stop_the_spread", "stop the spread"),
        ("COVIDVaccine", "COVID Vaccine"),
        ("Covid19", "Covid 19"),
        ("nasa", "nasa"),
    ],
)
def test_hashtags_split_into_words(run: str, words: str) -> None:
    assert split_words(run) == words


def test_the_signature_date_is_not_a_date_of_the_claim() -> None:
    post = "The mayor banned fireworks — A Reporter (@areporter) January 28, 2021"
    assert features_from_text(clean_post(post)).years == frozenset()


def test_a_dash_inside_the_claim_is_kept() -> None:
    post = "The mayor \u2014 re-elected in 2019 \u2014 banned fireworks"
    assert features_from_text(clean_post(post)).years == {2019}


@pytest.mark.parametrize("post", ["", "   ", "#", "@", "\U0001f525", "\x00\ud800", "#" * 10_000])
def test_any_text_cleans_without_error(post: str) -> None:
    assert isinstance(clean_post(post), str)


@pytest.mark.parametrize(
    ("post", "cleaned"),
    [
        (
            "Tyranny must end #FreeIran2020pic.twitter.com/uB3zOG5",
            "Tyranny must end Free Iran 2020",
        ),
        ("Fined for soup Tuesdaypic .twitter.com/TlOXWt", "Fined for soup Tuesday"),
        ("Shameful..#Shame#WW3", "Shameful.. Shame WW 3"),
        (
            "So true — A Senator (@asenator) July 25, 2019 Will you delete this?",
            "So true Will you delete this?",
        ),
    ],
)
def test_glued_links_and_quoted_signatures(post: str, cleaned: str) -> None:
    assert clean_post(post) == cleaned


def test_a_cleaned_post_matches_the_claim_its_signature_year_would_block() -> None:
    claim = features_from_text("Trade between the two countries was nearly $800 million in 2020")
    post = (
        "Trade between the two countries was nearly $800 million #BilateralTrade "
        "https://t.co/x \u2014 Trade Watch (@tradewatch) January 28, 2021"
    )
    assert compare(features_from_text(post), claim).blocked_by == "year 2021 vs 2020"
    cleaned = compare(features_from_text(clean_post(post)), claim)
    assert cleaned.blocked_by is None
    assert cleaned.score >= DEFAULT_SUGGEST_THRESHOLD
    tenfold = clean_post(post.replace("$800 million", "$8 billion"))
    assert compare(features_from_text(tenfold), claim).blocked_by is not None
