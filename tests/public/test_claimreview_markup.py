"""Every published page's ClaimReview, read back with a JSON-LD parser, checked field by field.

The checks follow schema.org's ClaimReview and Google's fact-check markup (its required and
recommended properties). The expected values come from how the world below was built, not from
the code that writes the markup.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import extruct
import pytest
from django.test import Client
from django.utils import timezone

from claims.models import Article, Claim, ClaimCorrection
from claims.verdicts import BEST_RATING, WORST_RATING, verdict_point
from tests.builders import article_build, claim_build
from tests.public.conftest import published_claim_build

PUBLISHER = {"@type": "Organization", "name": "The Checking Desk", "url": "https://desk.example/"}
NOW = timezone.now().replace(microsecond=0)


@dataclass
class Expected:
    """What one fact-check's markup must say, written down as the world is built."""

    claim: Claim
    wording: str
    author: dict[str, str] | None
    said_on: dt.date | None
    appearances: list[Article]
    first: Article | None
    language: str | None
    modified: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _mark_repeat(claim: Claim, article: Article, *, by: str = "editor") -> Claim:
    repeat = claim_build(article, text=f"the same, said again in {article.title}")
    Claim.objects.filter(pk=repeat.pk).update(duplicate_of=claim, duplicate_link=by)
    return repeat


def _correct(claim: Claim, *, after: dt.timedelta, kind: str = "verdict_changed") -> dt.datetime:
    assert claim.published_at is not None
    at = claim.published_at + after
    ClaimCorrection.objects.create(
        claim=claim,
        kind=kind,
        previous_verdict="true",
        verdict=claim.verdict,
        note="Fixed.",
        published_at=at,
    )
    return at


def _world() -> list[Expected]:
    expected: list[Expected] = []
    # A person, said two days before the article, repeated earlier elsewhere, then corrected.
    budget = article_build(
        title="Budget speech",
        url="https://news.example/budget",
        outlet="Daily Ledger",
        published_on=dt.date(2024, 3, 1),
        language="en",
    )
    # "Bank" reads like an institution: only the editor's choice can make this a person.
    person = published_claim_build(
        budget,
        text="exports rose by 12% last year",
        published_text="Exports rose 12% in 2023",
        speaker="the minister",
        claimant="Victoria Bank",
        claimant_kind=Claim.ClaimantKind.PERSON,
        claimed_in="a budget speech",
        claimed_on=dt.date(2024, 2, 28),
        verdict=Claim.Verdict.MOSTLY_FALSE,
        published_at=NOW - dt.timedelta(days=10),
    )
    earlier = article_build(
        title="Earlier interview",
        url="https://radio.example/interview",
        published_on=dt.date(2024, 1, 15),
        language="en",
    )
    undated = article_build(title="A blog post", url="", published_on=None, language="")
    _mark_repeat(person, earlier)
    _mark_repeat(person, undated)
    # A suggestion nobody confirmed is no appearance.
    _mark_repeat(person, article_build(title="Guess", url="https://guess.example/x"), by="auto")
    corrected = _correct(person, after=dt.timedelta(days=2))
    expected.append(
        Expected(
            claim=person,
            wording="Exports rose 12% in 2023",
            author={"@type": "Person", "name": "Victoria Bank"},
            said_on=dt.date(2024, 2, 28),
            appearances=[budget, earlier, undated],
            first=earlier,
            language="en",
            modified=corrected,
        )
    )
    # An organization whose name reads like a person's, in an article with no URL nor date.
    pasted = article_build(title="Pasted statement", url="", published_on=None, language="fr")
    organization = published_claim_build(
        pasted,
        text="unemployment fell to 4%",
        published_text="Unemployment fell to 4%",
        claimant="Greenfield",
        claimant_kind=Claim.ClaimantKind.ORGANIZATION,
        verdict=Claim.Verdict.TRUE,
        published_at=NOW - dt.timedelta(days=5),
    )
    expected.append(
        Expected(
            claim=organization,
            wording="Unemployment fell to 4%",
            author={"@type": "Organization", "name": "Greenfield"},
            said_on=None,
            appearances=[pasted],
            first=None,
            language="fr",
        )
    )
    # Two appearances on the same day: neither is known to be the first.
    same_day = dt.date(2024, 6, 3)
    morning = article_build(
        title="Morning edition", url="https://a.example/m", published_on=same_day, language="en"
    )
    evening = article_build(
        title="Evening edition", url="https://b.example/e", published_on=same_day, language="en"
    )
    tied = published_claim_build(
        morning,
        text="the bridge cost $3 billion",
        published_text="The bridge cost $3 billion",
        claimant="Port Authority",
        claimant_kind=Claim.ClaimantKind.ORGANIZATION,
        claimed_on=same_day,
        verdict=Claim.Verdict.UNVERIFIABLE,
        published_at=NOW - dt.timedelta(days=3),
    )
    _mark_repeat(tied, evening)
    expected.append(
        Expected(
            claim=tied,
            wording="The bridge cost $3 billion",
            author={"@type": "Organization", "name": "Port Authority"},
            said_on=same_day,
            appearances=[morning, evening],
            first=None,
            language="en",
        )
    )
    # A withdrawal corrected before the (re)publication does not modify what readers see now.
    republished = published_claim_build(
        article_build(title="Republished", url="https://c.example/r", language="en"),
        published_text="Crime halved since 2010",
        claimant="Jo Park",
        claimant_kind=Claim.ClaimantKind.PERSON,
        claimed_on=dt.date(2024, 7, 1),
        verdict=Claim.Verdict.MISLEADING,
        published_at=NOW - dt.timedelta(days=1),
    )
    _correct(republished, after=-dt.timedelta(days=1), kind="unpublished")
    expected.append(
        Expected(
            claim=republished,
            wording="Crime halved since 2010",
            author={"@type": "Person", "name": "Jo Park"},
            said_on=dt.date(2024, 7, 1),
            appearances=[republished.article],
            first=None,
            language="en",
        )
    )
    # Drafts never reach a page.
    claim_build(budget, text="a draft", verdict="false", status=Claim.Status.REVIEWED)
    return expected


@pytest.fixture
def world(db: None, settings: Any) -> list[Expected]:
    settings.FACTCHECK_PUBLISHER_NAME = PUBLISHER["name"]
    settings.FACTCHECK_PUBLISHER_URL = PUBLISHER["url"]
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0
    return _world()


def _page_links(client: Client) -> list[str]:
    response = client.get("/claims/")
    assert response.status_code == 200
    return sorted(set(re.findall(r'href="(/claims/\d+/)"', response.content.decode())))


def _jsonld(html: str, url: str) -> list[dict[str, Any]]:
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=False)
    items: list[dict[str, Any]] = data["json-ld"]
    return items


def _page_review(client: Client, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200
    items = _jsonld(response.content.decode(), f"http://testserver{path}")
    reviews = [item for item in items if item.get("@type") == "ClaimReview"]
    assert len(items) == len(reviews) == 1, items
    return reviews[0]


def _checked_work(work: dict[str, Any], article: Article) -> None:
    assert work["@type"] == "CreativeWork"
    if article.url:
        assert work["url"] == article.url
    else:
        assert "url" not in work
    assert work.get("headline") == article.title
    if article.published_on:
        assert work["datePublished"] == article.published_on.isoformat()
    else:
        assert "datePublished" not in work
    if article.outlet:
        assert work["publisher"] == {"@type": "Organization", "name": article.outlet}
    if article.language:
        assert work["inLanguage"] == article.language


def _checked(review: dict[str, Any], want: Expected) -> None:
    claim = want.claim
    assert claim.published_at is not None
    # What it is.
    assert review["@context"] in ("https://schema.org", "https://schema.org/")
    assert review["@type"] == "ClaimReview"
    # Required by Google: the page's own absolute URL, the claim as published, a rating.
    assert review["url"] == f"http://testserver/claims/{claim.pk}/"
    assert review["claimReviewed"] == want.wording
    # Recommended: who reviewed it and when.
    assert review["author"] == PUBLISHER
    assert review["datePublished"] == claim.published_at.astimezone(dt.UTC).date().isoformat()
    if want.modified is None:
        assert "dateModified" not in review
    else:
        modified = dt.datetime.fromisoformat(review["dateModified"])
        assert modified == want.modified
        assert modified > claim.published_at
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    point = verdict_point(claim.verdict)
    assert point is not None
    assert rating["alternateName"] == point.label == claim.get_verdict_display()
    if point.rating is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & rating.keys()
    else:
        assert (rating["worstRating"], rating["bestRating"]) == (WORST_RATING, BEST_RATING)
        assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING
        assert rating["ratingValue"] == point.rating
    # The claim reviewed: who made it, when, and where it appeared.
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item.get("author") == want.author
    if want.said_on is None:
        assert "datePublished" not in item
    else:
        assert item["datePublished"] == want.said_on.isoformat()
    appearances = item["appearance"]
    assert isinstance(appearances, list)
    assert len(appearances) == len(want.appearances)
    for work, article in zip(appearances, want.appearances, strict=True):
        _checked_work(work, article)
    if want.first is None:
        assert "firstAppearance" not in item
    else:
        _checked_work(item["firstAppearance"], want.first)
        # It is the earliest dated appearance, and strictly so.
        dates = sorted(a.published_on for a in want.appearances if a.published_on)
        assert want.first.published_on == dates[0] < dates[1]
    if want.language:
        assert review["inLanguage"] == want.language
    else:
        assert "inLanguage" not in review


def test_every_published_page_carries_one_claimreview_that_checks_out(
    client: Client, world: list[Expected]
) -> None:
    by_path = {f"/claims/{want.claim.pk}/": want for want in world}
    assert _page_links(client) == sorted(by_path)  # every published claim, and only those
    for path, want in by_path.items():
        _checked(_page_review(client, path), want)


def test_the_api_serves_the_same_claimreview_as_the_page(
    client: Client, world: list[Expected]
) -> None:
    for want in world:
        page = _page_review(client, f"/claims/{want.claim.pk}/")
        response = client.get(f"/api/v1/claims/{want.claim.pk}/claimreview")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        assert response.json() == page


def test_the_review_url_is_the_pages_own_whatever_the_query_string(
    client: Client, world: list[Expected]
) -> None:
    claim = world[0].claim
    review = _page_review(client, f"/claims/{claim.pk}/?utm_source=feed&page=2")
    assert review["url"] == f"http://testserver/claims/{claim.pk}/"


def test_each_verdict_has_a_rating_of_its_own_in_the_markup(
    client: Client, world: list[Expected]
) -> None:
    ratings = {
        verdict: _page_review(client, f"/claims/{published_claim_build(verdict=verdict).pk}/")[
            "reviewRating"
        ]
        for verdict in Claim.Verdict.values
    }
    for verdict, rating in ratings.items():
        assert rating["alternateName"] == Claim.Verdict(verdict).label
    values = {v: r["ratingValue"] for v, r in ratings.items() if "ratingValue" in r}
    assert set(ratings) - set(values) == {Claim.Verdict.UNVERIFIABLE}
    assert len(set(values.values())) == len(values)
    assert values[Claim.Verdict.TRUE] == BEST_RATING
    assert values[Claim.Verdict.FALSE] == WORST_RATING
