"""The public face at the largest article the settings accept, with thousands of its claims
published: every page and endpoint answers in a bounded number of queries and bytes, and none
reads the article's text or raw input, which the public never sees whole."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Article, Claim
from sources.models import ClaimSource, Evidence
from tests.builders import source_build
from tests.desk.test_large_articles import big_article_build

pytestmark = pytest.mark.django_db

PUBLISHED_CLAIMS = 5000
MAX_QUERIES = 12
MAX_BYTES = 400_000


@pytest.fixture(autouse=True)
def _no_response_cache(settings: Any) -> None:
    # Measure the work of building each response, not a cache hit.
    settings.FACTCHECK_API_CACHE_SECONDS = 0
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def largest() -> Article:
    """The largest accepted article with all its claims published, sources on some of them."""
    article = big_article_build(settings.FACTCHECK_MAX_ARTICLE_CHARS, PUBLISHED_CLAIMS)
    Article.objects.filter(pk=article.pk).update(
        title="The largest article", outlet="Harbour Gazette", url="https://news.example/big"
    )
    Claim.objects.filter(article=article).update(
        status=Claim.Status.PUBLISHED,
        verdict=Claim.Verdict.FALSE,
        rationale="The statistics office reports otherwise.",
        published_at=timezone.now() - dt.timedelta(hours=1),
        speaker="the trade ministry",
        published_text=F("text"),
    )
    source = source_build(title="Trade bulletin")
    claims = list(article.claims.order_by("start")[::10])
    ClaimSource.objects.bulk_create(ClaimSource(claim=c, source=source) for c in claims)
    Evidence.objects.bulk_create(
        Evidence(claim=c, source=source, passage="Exports fell.", stance="contradicts")
        for c in claims
    )
    article.refresh_from_db(fields=["title", "outlet", "url"])
    return article


def _reading_bodies(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if re.search(r"(clean_text|raw_input)", q["sql"])
    ]


def _urls(article: Article) -> dict[str, str]:
    claim = article.claims.order_by("start")[PUBLISHED_CLAIMS // 2]
    return {
        "claim list page": "/claims/",
        "claim list page 20": "/claims/?page=20",
        "claim page": f"/claims/{claim.pk}/",
        "feed": "/claims/feed/",
        "API claims": "/api/v1/claims/?page_size=100",
        "API claims of the article": f"/api/v1/claims/?article={article.pk}&page_size=100",
        "API claims searched": "/api/v1/claims/?search=exports&page_size=100",
        "API claim": f"/api/v1/claims/{claim.pk}/",
        "API ClaimReview": f"/api/v1/claims/{claim.pk}/claimreview",
        "API articles": "/api/v1/articles/",
        "API article": f"/api/v1/articles/{article.pk}/",
        "API sources": "/api/v1/sources/",
    }


def test_the_public_face_answers_in_bounded_queries_and_bytes_without_reading_the_text(
    largest: Article, client: Client
) -> None:
    for name, url in _urls(largest).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.content[:300])
        assert len(queries) <= MAX_QUERIES, (name, [q["sql"][:200] for q in queries])
        assert _reading_bodies(queries) == [], name
        assert len(response.content) < MAX_BYTES, (name, len(response.content))


def test_an_article_of_thousands_of_published_claims_lists_some_and_counts_all(
    largest: Article, client: Client
) -> None:
    body = client.get(f"/api/v1/articles/{largest.pk}/").json()
    assert body["published_claims_count"] == PUBLISHED_CLAIMS
    assert 0 < len(body["claims"]) < PUBLISHED_CLAIMS
    starts = [claim["id"] for claim in body["claims"]]
    assert starts == sorted(starts)  # the first claims in the text, in its order
    # The rest are a page away: the claims list narrowed to this article.
    page = client.get(body["claims_url"]).json()
    assert len(page["results"]) > 0
    assert {claim["article"]["id"] for claim in page["results"]} == {largest.pk}


def test_the_claimreview_of_a_claim_in_the_largest_article_names_the_article(
    largest: Article, client: Client
) -> None:
    claim = largest.claims.order_by("start").first()
    assert claim is not None
    review = json.loads(client.get(f"/api/v1/claims/{claim.pk}/claimreview").content)
    assert review["itemReviewed"]["appearance"][0]["headline"] == "The largest article"
    assert review["itemReviewed"]["appearance"][0]["url"] == "https://news.example/big"
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert '"ClaimReview"' in html
    assert claim.text in html


def test_public_answers_cost_the_same_queries_for_an_article_of_ten_claims(
    largest: Article, client: Client
) -> None:
    small = big_article_build(2_000, 10)
    Claim.objects.filter(article=small).update(
        status=Claim.Status.PUBLISHED,
        verdict=Claim.Verdict.TRUE,
        rationale="r",
        published_at=timezone.now(),
        published_text=F("text"),
    )
    lists = ["claim list page", "feed", "API claims", "API claims of the article", "API articles"]
    urls = _urls(largest)
    for name in [*lists, "API article"]:
        url = urls[name]
        with CaptureQueriesContext(connection) as large_queries:
            client.get(url)
        with CaptureQueriesContext(connection) as small_queries:
            client.get(
                url.replace(f"/{largest.pk}/", f"/{small.pk}/").replace(
                    f"article={largest.pk}", f"article={small.pk}"
                )
            )
        assert len(large_queries) == len(small_queries), name
