"""Public pages, API and feed cost a fixed number of queries, however many claims they show.

Each claim here has what makes a fact-check expensive to show: linked sources, evidence, a
correction and repeats an editor marked in other articles (its ClaimReview's appearances).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim, ClaimCorrection
from sources.models import Evidence
from tests.builders import article_build, claim_build, source_build
from tests.public.conftest import link, published_claim_build

pytestmark = pytest.mark.django_db

N = 3


@pytest.fixture(autouse=True)
def _rendered_every_time(settings: Any) -> None:
    # A cached body costs no query at all; what is measured here is rendering.
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0


def _claim_with_relations(*, relations: int = 1) -> Claim:
    claim = published_claim_build(
        article_build(
            outlet="Ledger", url=f"https://news.example/{Claim.objects.count()}", language="en"
        ),
        claimant="Jane Smith",
        claimant_kind=Claim.ClaimantKind.PERSON,
        claimed_on=dt.date(2024, 1, 2),
    )
    for n in range(relations):
        source = source_build()
        link(claim, source)
        Evidence.objects.create(claim=claim, source=source, passage=f"passage {claim.pk} {n}")
        ClaimCorrection.objects.create(
            claim=claim,
            kind="verdict_changed",
            previous_verdict="true",
            verdict="false",
            changes=[{"field": "verdict", "label": "the verdict", "before": "True", "after": "X"}],
            published_at=timezone.now(),
        )
        repeat = claim_build(article_build(published_on=dt.date(2023, 12, n + 1)))
        Claim.objects.filter(pk=repeat.pk).update(duplicate_of=claim, duplicate_link="editor")
    claim_build(claim.article)  # an unpublished neighbour
    return claim


def _claims(count: int) -> list[Claim]:
    return [_claim_with_relations() for _ in range(count)]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


LISTS = [
    ("/claims/", b"/claims/"),
    ("/api/v1/claims/?page_size=100", b'"results"'),
    ("/claims/feed/", b"<entry>"),
    ("/claims/corrections/", b"Corrected on"),
]


@pytest.mark.parametrize(("url", "marker"), LISTS)
def test_a_list_costs_the_same_for_n_and_4n_claims(
    client: Client, django_assert_num_queries: Callable[..., Any], url: str, marker: bytes
) -> None:
    shown = _claims(N)
    few = _queries(client, url)
    shown += _claims(3 * N)
    with django_assert_num_queries(few):
        response = client.get(url)
    body = response.content
    assert marker in body
    for claim in shown:  # every claim is on it, with its appearances and corrections loaded
        assert str(claim.pk).encode() in body


DETAILS = ["/claims/{pk}/", "/api/v1/claims/{pk}/", "/api/v1/claims/{pk}/claimreview"]


@pytest.mark.parametrize("url", DETAILS)
def test_one_fact_check_costs_the_same_with_n_and_4n_repeats_and_corrections(
    client: Client, django_assert_num_queries: Callable[..., Any], url: str
) -> None:
    small = _claim_with_relations(relations=N)
    few = _queries(client, url.format(pk=small.pk))
    large = _claim_with_relations(relations=4 * N)
    _claims(4 * N)  # and many other claims around it
    with django_assert_num_queries(few):
        response = client.get(url.format(pk=large.pk))
    assert response.status_code == 200
    assert response.content.count(b"https://news.example/") >= 1


def test_the_claimreview_lists_every_marked_repeat_without_a_query_each(client: Client) -> None:
    claim = _claim_with_relations(relations=4 * N)
    review = client.get(f"/api/v1/claims/{claim.pk}/claimreview").json()
    assert len(review["itemReviewed"]["appearance"]) == 1 + 4 * N
    assert "dateModified" in review
