"""A fetch waiting for its retry shows on the desk, and the live pages follow it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import fetching
from claims import services as claim_services
from claims.models import Article, ExtractionStatus
from sources import services
from sources.models import ClaimSource, FetchStatus, Source
from tests.builders import article_build, claim_build, source_build

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 12, 1, 17, 42, 10, tzinfo=dt.UTC)
REFUSED = "connection refused"


@pytest.fixture
def desk(editor: User, settings: Any) -> Client:
    settings.FACTCHECK_TASK_RETRIES = 5
    client = Client()
    client.force_login(editor)
    return client


def _fetching_source_of_a_claim() -> tuple[int, Source]:
    claim = claim_build()
    source = source_build(fetch_status=FetchStatus.FETCHING)
    ClaimSource.objects.create(claim=claim, source=source)
    return claim.pk, source


def _status(desk: Client, name: str, pk: int) -> dict[str, Any]:
    response = desk.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return dict(response.json())


def test_the_claim_status_fingerprint_moves_when_a_retry_is_recorded(desk: Client) -> None:
    claim_id, source = _fetching_source_of_a_claim()
    before = _status(desk, "admin:claims_claim_status", claim_id)
    services.source_fetch_retrying(
        source_id=source.pk, attempts=1, error=REFUSED, next_attempt_at=DUE
    )
    waiting = _status(desk, "admin:claims_claim_status", claim_id)
    assert waiting["running"] is True  # still polled while the retry waits
    assert waiting["fingerprint"] != before["fingerprint"]
    services.source_fetch_retrying(
        source_id=source.pk, attempts=2, error=REFUSED, next_attempt_at=DUE
    )
    again = _status(desk, "admin:claims_claim_status", claim_id)
    assert again["fingerprint"] != waiting["fingerprint"]  # the same error, one more attempt


def test_the_claim_page_shows_the_retry_and_then_the_outcome(desk: Client) -> None:
    claim_id, source = _fetching_source_of_a_claim()
    services.source_fetch_retrying(
        source_id=source.pk, attempts=1, error=REFUSED, next_attempt_at=DUE
    )
    page = desk.get(reverse("admin:claims_claim_change", args=[claim_id])).content.decode()
    assert f"Retrying: attempt 2 of 6 at 17:42:10 UTC — {REFUSED}" in page
    Source.objects.filter(pk=source.pk).update(fetch_status=FetchStatus.FETCHING)
    services.source_fetch_fail(
        source_id=source.pk,
        error=fetching.TemporaryFetchError(REFUSED),
        message=f"{REFUSED} (gave up after 6 attempts)",
        attempts=6,
    )
    page = desk.get(reverse("admin:claims_claim_change", args=[claim_id])).content.decode()
    assert "Retrying" not in page
    assert f"Failed: {REFUSED} (gave up after 6 attempts)" in page


def test_the_source_page_shows_the_retry_and_follows_it_live(desk: Client) -> None:
    _, source = _fetching_source_of_a_claim()
    before = _status(desk, "admin:sources_source_status", source.pk)
    services.source_fetch_retrying(
        source_id=source.pk, attempts=3, error=REFUSED, next_attempt_at=DUE
    )
    after = _status(desk, "admin:sources_source_status", source.pk)
    assert after["running"] is True
    assert after["fingerprint"] != before["fingerprint"]
    page = desk.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert f"Retrying: attempt 4 of 6 at 17:42:10 UTC — {REFUSED}" in page
    assert "3 attempts" in page
    assert 'id="live-status"' in page
    assert ">None<" not in page


def test_the_article_summary_shows_the_page_retry_and_the_fingerprint_follows_it(
    desk: Client,
) -> None:
    article = article_build(
        url="https://news.example.org/story",
        content_hash=None,
        extraction_status=ExtractionStatus.FETCHING,
    )
    before = _status(desk, "admin:claims_article_status", article.pk)
    claim_services.article_page_fetch_retrying(
        article_id=article.pk, attempts=1, error=REFUSED, next_attempt_at=DUE
    )
    after = _status(desk, "admin:claims_article_status", article.pk)
    assert after["running"] is True
    assert after["fingerprint"] != before["fingerprint"]
    page = desk.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert f"Retrying: attempt 2 of 6 at 17:42:10 UTC — {REFUSED}" in page
    claim_services.article_page_fetch_fail(
        article_id=article.pk, message=f"the page could not be fetched: {REFUSED}", attempts=6
    )
    assert Article.objects.get(pk=article.pk).page_fetch_retry_at is None
    page = desk.get(reverse("admin:claims_article_change", args=[article.pk])).content.decode()
    assert "Retrying" not in page
    assert f"Failed: the page could not be fetched: {REFUSED}" in page


def test_a_source_with_no_retry_reads_as_before(desk: Client) -> None:
    _, source = _fetching_source_of_a_claim()
    Source.objects.filter(pk=source.pk).update(fetch_status=FetchStatus.FETCHED, fetch_error="")
    page = desk.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert "Retrying" not in page
    assert "none recorded" in page
    assert "None" not in page.replace("none recorded", "")
