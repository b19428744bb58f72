"""The desk's live pages: a status URL that says whether work still runs, and a fingerprint of
what the page shows of it, so that the page's script swaps in new parts without a reload."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims.models import Article, ExtractionStatus, MatchingStatus
from desk.live import article_state_by_id, claim_state
from sources.models import ClaimSource, FetchStatus, RunStatus, VerificationRun
from tests.builders import article_build, claim_build, source_build

pytestmark = pytest.mark.django_db


def _state(article: Article) -> Any:
    state = article_state_by_id(article.pk)
    assert state is not None
    return state


@pytest.mark.parametrize(
    ("extraction", "matching", "running"),
    [
        (ExtractionStatus.FETCHING, MatchingStatus.PENDING, True),
        (ExtractionStatus.QUEUED, MatchingStatus.PENDING, True),
        (ExtractionStatus.RUNNING, MatchingStatus.PENDING, True),
        (ExtractionStatus.SUCCEEDED, MatchingStatus.RUNNING, True),
        (ExtractionStatus.SUCCEEDED, MatchingStatus.SUCCEEDED, False),
        (ExtractionStatus.FAILED, MatchingStatus.PENDING, False),
    ],
)
def test_an_article_runs_while_it_is_fetched_extracted_or_matched(
    extraction: str, matching: str, running: bool
) -> None:
    article = article_build(extraction_status=extraction, matching_status=matching)
    assert _state(article).running is running


def test_the_fingerprint_moves_with_progress_and_not_otherwise() -> None:
    article = article_build(
        extraction_status=ExtractionStatus.SUCCEEDED,
        matching_status=MatchingStatus.RUNNING,
        matching_total=100,
    )
    first = _state(article).fingerprint
    assert _state(article).fingerprint == first
    Article.objects.filter(pk=article.pk).update(title="Renamed")  # not running work
    assert _state(article).fingerprint == first
    Article.objects.filter(pk=article.pk).update(matching_done=40)
    assert _state(article).fingerprint != first


def test_a_claim_runs_while_a_source_is_fetched_or_a_run_is_queued() -> None:
    claim = claim_build()
    assert claim_state(claim.pk).running is False
    source = source_build(fetch_status=FetchStatus.FETCHING)
    ClaimSource.objects.create(claim=claim, source=source)
    fetching = claim_state(claim.pk)
    assert fetching.running is True
    source.fetch_status = FetchStatus.FETCHED
    source.save(update_fields=["fetch_status"])
    run = VerificationRun.objects.create(claim=claim, verifier="numbers")
    queued = claim_state(claim.pk)
    assert queued.running is True
    assert queued.fingerprint != fetching.fingerprint
    VerificationRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED)
    done = claim_state(claim.pk)
    assert done.running is False
    assert done.fingerprint != queued.fingerprint


@pytest.fixture
def desk(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def test_the_status_urls_answer_json_to_the_desk(desk: Client) -> None:
    article = article_build(extraction_status=ExtractionStatus.RUNNING)
    claim = claim_build(article)
    for name, pk in (
        ("admin:claims_article_status", article.pk),
        ("admin:claims_claim_status", claim.pk),
    ):
        response = desk.get(reverse(name, args=[pk]))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert set(response.json()) == {"running", "fingerprint"}


@pytest.mark.parametrize("object_id", ["999999", "abc", "0", "99999999999999999999999"])
def test_a_status_url_of_no_object_is_a_404(desk: Client, object_id: str) -> None:
    url = reverse("admin:claims_article_status", args=[1]).replace("/1/", f"/{object_id}/")
    assert desk.get(url).status_code == 404


def test_the_status_url_is_not_public(client: Client) -> None:
    article = article_build()
    response = client.get(reverse("admin:claims_article_status", args=[article.pk]))
    assert response.status_code == 302  # to the login page
    assert "fingerprint" not in response.content.decode()


def test_a_page_with_running_work_carries_its_live_status_and_an_idle_one_polls_nothing(
    desk: Client,
) -> None:
    running = article_build(extraction_status=ExtractionStatus.QUEUED)
    page = desk.get(reverse("admin:claims_article_change", args=[running.pk])).content.decode()
    assert 'id="live-status"' in page
    assert 'data-running="true"' in page
    assert "desk/live.js" in page
    assert 'http-equiv="refresh"' not in page  # no full reload
    done = article_build(
        extraction_status=ExtractionStatus.SUCCEEDED, matching_status=MatchingStatus.SUCCEEDED
    )
    page = desk.get(reverse("admin:claims_article_change", args=[done.pk])).content.decode()
    assert 'data-running="false"' in page
