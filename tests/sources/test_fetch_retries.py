"""A fetch that meets a temporary error says so on its row: attempts, the error, the next try."""

from __future__ import annotations

import datetime as dt
import socket
from typing import Any

import pytest
from django.utils import timezone

import fetching
from claims import services as claim_services
from claims import tasks as claim_tasks
from claims.models import Article
from sources import services
from sources.models import FetchStatus, Source
from sources.tasks import fetch_source
from tests.builders import source_build
from tests.conftest import LocalSite
from tests.sources.pages import SUPPORTING

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_port(settings: Any) -> int:
    """A loopback port nobody listens on (bound, then released), allowed for fetching."""
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_TASK_RETRIES = 3
    settings.FACTCHECK_RETRY_BACKOFF = 30
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _row(source_id: int) -> tuple[object, ...]:
    source = Source.objects.get(pk=source_id)
    return (source.fetch_status, source.fetch_attempts, source.fetch_retry_at, source.fetch_error)


def test_a_dead_host_records_the_attempt_the_error_and_when_the_next_one_is_due(
    dead_port: int,
) -> None:
    source = source_build(url=f"http://127.0.0.1:{dead_port}/report")
    before = timezone.now()
    # Called in the test's process the retry is not sent, but it is recorded as it would be.
    with pytest.raises(fetching.TemporaryFetchError):
        fetch_source(source.pk)
    status, attempts, retry_at, error = _row(source.pk)
    assert status == FetchStatus.FETCHING
    assert attempts == 1
    assert isinstance(retry_at, dt.datetime)
    assert before + dt.timedelta(seconds=30) <= retry_at <= timezone.now() + dt.timedelta(30)
    assert "could not connect to 127.0.0.1" in str(error)
    # Recovery measures the owed fetch from when it is due, so it sends no duplicate meanwhile.
    assert Source.objects.get(pk=source.pk).fetch_requested_at == retry_at


def test_each_retry_is_recorded_and_the_last_attempt_ends_failed_with_the_count(
    dead_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = source_build(url=f"http://127.0.0.1:{dead_port}/report")
    seen: list[tuple[object, ...]] = []
    record = services.source_fetch_retrying

    def recorded(**kwargs: Any) -> None:
        record(**kwargs)
        seen.append(_row(source.pk))

    monkeypatch.setattr(services, "source_fetch_retrying", recorded)
    outcome = fetch_source.apply(args=[source.pk]).result
    assert "could not connect" in outcome["error"]
    assert [row[:2] for row in seen] == [(FetchStatus.FETCHING, n) for n in (1, 2, 3)]
    due = [row[2] for row in seen]
    assert all(isinstance(at, dt.datetime) for at in due)
    assert due == sorted(due)  # each retry waits longer than the one before
    status, attempts, retry_at, error = _row(source.pk)
    assert (status, attempts, retry_at) == (FetchStatus.FAILED, 4, None)
    assert str(error).endswith("(gave up after 4 attempts)")
    assert "None" not in str(error)


def test_a_fetch_that_succeeds_on_a_retry_clears_the_record(
    local_site: LocalSite, settings: Any
) -> None:
    source = source_build(url=local_site.add("/stats", SUPPORTING))
    Source.objects.filter(pk=source.pk).update(fetch_status=FetchStatus.FETCHING)
    services.source_fetch_retrying(
        source_id=source.pk,
        attempts=2,
        error="could not connect to 127.0.0.1: connection refused",
        next_attempt_at=timezone.now(),
    )
    fetch_source.apply(args=[source.pk], retries=2)
    status, attempts, retry_at, error = _row(source.pk)
    assert (status, attempts, retry_at, error) == (FetchStatus.FETCHED, 0, None, "")


def test_a_page_fetch_that_meets_a_dead_host_is_recorded_on_the_article(
    dead_port: int, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        article = claim_services.article_import_url(
            url=f"http://127.0.0.1:{dead_port}/story"
        ).article
    with pytest.raises(fetching.TemporaryFetchError):
        claim_tasks.fetch_article_page(article.pk)
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.FETCHING
    assert article.page_fetch_attempts == 1
    assert article.page_fetch_retry_at is not None
    assert article.extraction_state_at == article.page_fetch_retry_at
    assert "could not connect" in article.extraction_error
    claim_tasks.fetch_article_page.apply(args=[article.pk], retries=3)  # the last attempt
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.FAILED
    assert article.page_fetch_attempts == 4
    assert article.page_fetch_retry_at is None
    assert article.extraction_error.startswith("the page could not be fetched: could not connect")
    assert article.extraction_error.endswith("(gave up after 4 attempts)")
