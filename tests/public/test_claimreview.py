"""ClaimReview JSON-LD holds what Google's fact-check structured data asks for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from claims.models import Claim, ClaimCorrection
from claims.verdicts import BEST_RATING, SCALE, WORST_RATING, verdict_rating
from public.claimreview import speaker_type
from tests.builders import article_build, claim_build
from tests.public.conftest import published_claim_build

# Google Search Central, "Fact Check (ClaimReview) structured data": the properties it marks
# required and recommended, as dotted paths into the JSON-LD.
REQUIRED = ["claimReviewed", "reviewRating", "reviewRating.alternateName", "url"]
RECOMMENDED = [
    "author",
    "author.name",
    "datePublished",
    "itemReviewed",
    "itemReviewed.author",
    "itemReviewed.author.name",
    "itemReviewed.datePublished",
    "itemReviewed.appearance",
]
# Recommended for ratings on a numeric scale; a verdict without a number leaves them out.
NUMERIC_RATING = ["reviewRating.ratingValue", "reviewRating.bestRating", "reviewRating.worstRating"]


def _at(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for key in path.split("."):
        assert isinstance(value, dict), f"not an object at {path}"
        assert key in value, f"missing {path}"
        value = value[key]
    assert value not in ("", None, {}, []), f"empty {path}"
    return value


def _review(client: Client, claim: Claim) -> dict[str, Any]:
    response = client.get(f"/api/v1/claims/{claim.pk}/claimreview")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return response.json()


@pytest.mark.parametrize("verdict", [v for v in Claim.Verdict.values if v != "unverifiable"])
@pytest.mark.django_db
def test_every_rated_claimreview_has_the_required_and_recommended_fields(
    client: Client, verdict: str, settings: Any
) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "The Checking Desk"
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org/"
    article = article_build(
        title="Budget speech",
        url="https://news.example.com/budget",
        outlet="Daily Ledger",
        published_on=dt.date(2024, 3, 1),
    )
    claim = published_claim_build(article, verdict=verdict, speaker="Jane Smith")
    review = _review(client, claim)
    for path in REQUIRED + RECOMMENDED + NUMERIC_RATING:
        _at(review, path)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.text
    assert review["url"] == f"http://testserver/claims/{claim.pk}/"
    assert review["datePublished"] == claim.published_at.date().isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": "The Checking Desk",
        "url": "https://desk.example.org/",
    }
    rating = review["reviewRating"]
    assert rating["alternateName"] == claim.get_verdict_display()
    assert (rating["bestRating"], rating["worstRating"]) == (BEST_RATING, WORST_RATING)
    assert rating["ratingValue"] == verdict_rating(verdict)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Jane Smith"}
    assert item["datePublished"] == "2024-03-01"
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "url": "https://news.example.com/budget",
            "headline": "Budget speech",
            "datePublished": "2024-03-01",
            "publisher": {"@type": "Organization", "name": "Daily Ledger"},
            "inLanguage": "en",
        }
    ]
    # One known appearance is not known to be the first.
    assert "firstAppearance" not in item
    assert review["inLanguage"] == "en"
    assert "dateModified" not in review


@pytest.mark.django_db
def test_an_unverifiable_claim_is_rated_by_name_only(client: Client) -> None:
    claim = published_claim_build(verdict="unverifiable")
    review = _review(client, claim)
    for path in REQUIRED:
        _at(review, path)
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverifiable"}


@pytest.mark.django_db
def test_true_rates_best_and_false_rates_worst(client: Client) -> None:
    best = _review(client, published_claim_build(verdict="true"))["reviewRating"]
    worst = _review(client, published_claim_build(verdict="false"))["reviewRating"]
    assert (best["ratingValue"], worst["ratingValue"]) == (BEST_RATING, WORST_RATING)


def test_every_point_of_the_scale_has_a_rating_of_its_own() -> None:
    ratings = [point.rating for point in SCALE if point.rating is not None]
    assert len(ratings) == len(set(ratings)) == len(Claim.Verdict.values) - 1
    assert ratings == sorted(ratings, reverse=True)  # best first, as the desk offers them
    assert [point.verdict.value for point in SCALE] == Claim.Verdict.values
    assert verdict_rating("misleading") != verdict_rating("mostly_false")
    assert verdict_rating("unverifiable") is None
    assert verdict_rating("") is None


@pytest.mark.django_db
def test_the_articles_of_marked_repeats_are_appearances_and_the_earliest_is_the_first(
    client: Client,
) -> None:
    claim = published_claim_build(
        article_build(url="https://a.example/later", published_on=dt.date(2024, 5, 2))
    )
    earlier = article_build(url="https://b.example/earlier", published_on=dt.date(2024, 4, 1))
    marked = claim_build(earlier, text="The same claim, said earlier.")
    Claim.objects.filter(pk=marked.pk).update(duplicate_of=claim, duplicate_link="editor")
    # An automatic link is a suggestion: its article is no appearance.
    guessed = claim_build(article_build(url="https://c.example/guess"), text="Maybe the same.")
    Claim.objects.filter(pk=guessed.pk).update(duplicate_of=claim, duplicate_link="auto")
    item = _review(client, claim)["itemReviewed"]
    assert [work["url"] for work in item["appearance"]] == [
        "https://a.example/later",
        "https://b.example/earlier",
    ]
    assert item["firstAppearance"]["url"] == "https://b.example/earlier"


@pytest.mark.django_db
def test_a_correction_after_publication_is_the_reviews_date_modified(client: Client) -> None:
    claim = published_claim_build()
    corrected_at = claim.published_at + dt.timedelta(days=2)
    correction = ClaimCorrection.objects.create(
        claim=claim,
        kind="verdict_changed",
        previous_verdict="true",
        verdict="false",
        published_at=corrected_at,
    )
    ClaimCorrection.objects.filter(pk=correction.pk).update(published_at=corrected_at)
    review = _review(client, claim)
    assert review["dateModified"] == corrected_at.isoformat()
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert f'"dateModified": "{corrected_at.isoformat()}"' in page


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("Jane Smith", "Person"),
        ("Prime Minister Alex Doe", "Person"),
        ("the Ministry of Finance", "Organization"),
        ("Springfield City Council", "Organization"),
        ("Acme Company", "Organization"),
        ("the Premier League", "Organization"),
        ("Office for National Statistics", "Organization"),
        ("Food Standards Authority", "Organization"),
    ],
)
def test_a_speaker_is_a_person_unless_the_name_reads_like_an_organization(
    speaker: str, kind: str
) -> None:
    assert speaker_type(speaker) == kind


@pytest.mark.django_db
def test_without_a_speaker_the_outlet_is_the_claims_author(client: Client) -> None:
    claim = published_claim_build(article_build(outlet="Daily Ledger"), speaker="")
    item = _review(client, claim)["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Daily Ledger"}


@pytest.mark.django_db
def test_the_claimreview_of_an_unpublished_claim_is_not_found(client: Client) -> None:
    from tests.builders import claim_build

    claim = claim_build(verdict="false", status=Claim.Status.REVIEWED)
    assert client.get(f"/api/v1/claims/{claim.pk}/claimreview").status_code == 404
