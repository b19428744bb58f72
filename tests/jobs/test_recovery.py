"""Recovery finds every job that has no live message and sends it again, and leaves live ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from claims import services as claim_services
from claims import tasks as claim_tasks
from claims.models import Article, Claim
from factcheck.tasks import heartbeat, queue_probe
from jobs import recovery
from sources import services as source_services
from sources import tasks as source_tasks
from sources.models import FetchStatus, RunStatus, Source, SourceSnapshot, VerificationRun
from tests.builders import article_build, article_extracted_build, source_build
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.django_db

STORY = (
    "Harbour traffic rose by 12% in 2025, the port authority said on Monday. The port handled "
    "4.1 million containers, up from 3.6 million in 2024. Fees will rise by 5% next year."
)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The messages sent, by task name, instead of a broker."""
    messages: list[tuple[str, int]] = []
    for task in (
        claim_tasks.fetch_article_page,
        claim_tasks.extract_article,
        claim_tasks.match_article_claims,
        source_tasks.fetch_source,
        source_tasks.verify_claim,
    ):
        monkeypatch.setattr(task, "delay", lambda pk, name=task.name: messages.append((name, pk)))
    return messages


@pytest.fixture
def no_probe(settings: Any) -> None:
    # A queue name no probe was ever recorded for: recovery falls back to age.
    settings.CELERY_TASK_DEFAULT_QUEUE = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-{id(settings)}"


def _ago(seconds: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


def _recover(commit: Callable[..., Any]) -> dict[str, int]:
    with commit(execute=True):
        found = {**claim_tasks.recover_lost_jobs(), **source_tasks.recover_lost_jobs()}
    return {name: count for name, count in found.items() if count}


def test_a_job_queued_before_a_probe_came_through_is_sent_again_at_once(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    article = article_build()
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.QUEUED, extraction_state_at=_ago(90)
    )
    fresh = article_build()
    Article.objects.filter(pk=fresh.pk).update(
        extraction_status=Article.ExtractionStatus.QUEUED, extraction_state_at=_ago(5)
    )
    # A probe sent a minute ago has arrived: all messages sent before it were delivered.
    queue_probe(_ago(60).isoformat())
    assert _recover(django_capture_on_commit_callbacks) == {"extractions": 1}
    assert sent == [("claims.extract_article", article.pk)]


def test_heartbeat_sends_the_probe_whose_arrival_is_recorded(
    monkeypatch: pytest.MonkeyPatch, no_probe: None
) -> None:
    probes: list[str] = []
    monkeypatch.setattr(queue_probe, "delay", probes.append)
    assert recovery.delivered_before() is None
    heartbeat()
    assert len(probes) == 1
    queue_probe(probes[0])
    assert recovery.delivered_before() == dt.datetime.fromisoformat(probes[0])


def test_without_a_probe_a_job_is_presumed_lost_only_after_the_lost_job_age(
    sent: list[tuple[str, int]],
    django_capture_on_commit_callbacks: Callable[..., Any],
    no_probe: None,
) -> None:
    article = article_build()
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.QUEUED,
        extraction_state_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS - 60),
    )
    assert _recover(django_capture_on_commit_callbacks) == {}
    Article.objects.filter(pk=article.pk).update(
        extraction_state_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60)
    )
    assert _recover(django_capture_on_commit_callbacks) == {"extractions": 1}
    assert sent == [("claims.extract_article", article.pk)]
    # Sent again counts as queued now: not sent a third time by the next round.
    assert _recover(django_capture_on_commit_callbacks) == {}


def test_a_running_job_is_dead_only_after_the_hard_time_limit(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    article = article_build()
    limit = settings.CELERY_TASK_TIME_LIMIT
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.RUNNING, extraction_state_at=_ago(limit - 30)
    )
    queue_probe(timezone.now().isoformat())  # running jobs are not judged by the probe
    assert _recover(django_capture_on_commit_callbacks) == {}
    Article.objects.filter(pk=article.pk).update(extraction_state_at=_ago(limit + 60))
    assert _recover(django_capture_on_commit_callbacks) == {"extractions": 1}
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.QUEUED


def test_a_lost_page_fetch_is_sent_again(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    article = Article.objects.create(
        url="https://news.example.org/story",
        extraction_status=Article.ExtractionStatus.FETCHING,
        extraction_state_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60),
    )
    assert _recover(django_capture_on_commit_callbacks) == {"page_fetches": 1}
    assert sent == [("claims.fetch_article_page", article.pk)]


def test_lost_matching_resumes_from_its_cursor(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    article = article_extracted_build(STORY)
    claims = list(Claim.objects.filter(article=article).order_by("pk"))
    assert len(claims) >= 3
    Article.objects.filter(pk=article.pk).update(
        matching_status=Article.MatchingStatus.QUEUED,
        matching_state_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60),
        matching_total=len(claims),
        matching_done=1,
        matching_cursor=claims[0].pk,
    )
    assert _recover(django_capture_on_commit_callbacks) == {"matching": 1}
    assert sent == [("claims.match_article_claims", article.pk)]
    article.refresh_from_db()
    assert (article.matching_done, article.matching_cursor) == (1, claims[0].pk)


def test_a_lost_verification_run_is_sent_again_as_the_same_run(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    run = VerificationRun.objects.create(
        claim=trade_claim(), verifier="v", queued_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60)
    )
    assert _recover(django_capture_on_commit_callbacks) == {"runs": 1}
    assert sent == [("sources.verify_claim", run.pk)]
    assert VerificationRun.objects.get().status == RunStatus.QUEUED


def test_verifying_a_claim_whose_run_is_lost_starts_a_fresh_run(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    claim = trade_claim()
    lost = VerificationRun.objects.create(
        claim=claim, verifier="v", queued_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60)
    )
    with django_capture_on_commit_callbacks(execute=True):
        fresh = source_services.claim_verification_queue(claim=claim)
    assert fresh.pk != lost.pk
    lost.refresh_from_db()
    assert lost.status == RunStatus.FAILED
    assert lost.error.startswith("lost: no worker finished it in time")
    assert sent == [("sources.verify_claim", fresh.pk)]
    # A run that is only waiting is not replaced.
    with django_capture_on_commit_callbacks(execute=True):
        assert source_services.claim_verification_queue(claim=claim).pk == fresh.pk


def test_a_first_fetch_lost_in_the_queue_is_sent_again_not_a_week_later(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    source = source_build(fetch_requested_at=_ago(settings.FACTCHECK_LOST_JOB_SECONDS + 60))
    assert _recover(django_capture_on_commit_callbacks) == {"fetches": 1}
    assert sent == [("sources.fetch_source", source.pk)]


@pytest.mark.parametrize(("snapshots", "status"), [(0, FetchStatus.PENDING), (1, "fetched")])
def test_a_fetch_whose_worker_died_goes_back_to_what_the_source_was(
    sent: list[tuple[str, int]],
    django_capture_on_commit_callbacks: Callable[..., Any],
    snapshots: int,
    status: str,
) -> None:
    source = source_build(
        fetch_status=FetchStatus.FETCHING,
        fetch_requested_at=_ago(settings.CELERY_TASK_TIME_LIMIT + 60),
    )
    for _ in range(snapshots):
        SourceSnapshot.objects.create(
            source=source, fetched_at=timezone.now(), content_hash="h", text="t"
        )
    assert _recover(django_capture_on_commit_callbacks) == {"fetches": 1}
    assert Source.objects.get().fetch_status == status
    assert sent == [("sources.fetch_source", source.pk)]


def test_a_finished_fetch_owes_nothing(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    source = source_build(fetch_status=FetchStatus.FETCHED, fetched_at=timezone.now())
    assert Source.objects.get(pk=source.pk).fetch_requested_at is None
    assert _recover(django_capture_on_commit_callbacks) == {}


@pytest.mark.parametrize(
    ("task", "claim_step"),
    [
        (claim_tasks.extract_article, "article_extraction_claim"),
        (claim_tasks.match_article_claims, "article_matching_claim"),
        (source_tasks.verify_claim, "verification_run_claim"),
        (source_tasks.fetch_source, "source_fetch_claim"),
    ],
)
def test_a_task_that_meets_the_database_down_while_taking_its_job_retries_it(
    monkeypatch: pytest.MonkeyPatch, settings: Any, task: Any, claim_step: str
) -> None:
    settings.FACTCHECK_TASK_RETRIES = 2
    calls: list[int] = []

    def database_down(**kwargs: Any) -> bool:
        calls.append(1)
        raise OperationalError("connection refused")

    module = claim_services if task.name.startswith("claims.") else source_services
    monkeypatch.setattr(module, claim_step, database_down)
    result = task.apply(args=[1])
    # Tried once and retried twice: the message was not dropped at the first failure.
    assert len(calls) == 3
    assert isinstance(result.result, OperationalError)


def test_matching_a_large_article_runs_in_batches_that_record_their_progress(
    sent: list[tuple[str, int]],
    settings: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    article = article_extracted_build(STORY)
    total = Claim.objects.filter(article=article).count()
    assert total >= 3
    settings.FACTCHECK_MATCH_BATCH_SECONDS = 0  # one claim per batch
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.article_matching_queue(article_id=article.pk)
    progress = []
    while sent:
        name, pk = sent.pop(0)
        assert name == "claims.match_article_claims"
        with django_capture_on_commit_callbacks(execute=True):
            claim_tasks.match_article_claims(pk)
        article.refresh_from_db()
        progress.append((article.matching_status, article.matching_done))
    assert len(progress) == total  # one task per batch, each queuing the next
    assert progress[0] == (Article.MatchingStatus.QUEUED, 1)
    assert progress[-1] == (Article.MatchingStatus.SUCCEEDED, total)


def test_jobs_of_an_article_deleted_meanwhile_end_quietly(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    article = article_extracted_build(STORY)
    with django_capture_on_commit_callbacks(execute=True):
        claim_services.article_matching_queue(article_id=article.pk)
    Article.objects.filter(pk=article.pk).delete()
    assert claim_tasks.fetch_article_page(article.pk) == {"article_id": article.pk, "stored": False}
    assert claim_tasks.extract_article(article.pk)["skipped"]
    assert claim_tasks.match_article_claims(article.pk)["skipped"] == 1


def test_a_fetch_waiting_for_its_retry_is_not_sent_again_until_it_is_overdue(
    sent: list[tuple[str, int]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    source = source_build(fetch_status=FetchStatus.FETCHING, fetch_requested_at=_ago(5))
    article = article_build(
        url="https://news.example.org/slow",
        content_hash=None,
        extraction_status=Article.ExtractionStatus.FETCHING,
        extraction_state_at=_ago(5),
    )
    # Both started long ago as the recovery rules count, but each waits for a retry due soon.
    long_ago = settings.CELERY_TASK_TIME_LIMIT + settings.FACTCHECK_LOST_JOB_SECONDS + 60
    Source.objects.filter(pk=source.pk).update(fetch_requested_at=_ago(long_ago))
    Article.objects.filter(pk=article.pk).update(extraction_state_at=_ago(long_ago))
    due = timezone.now() + dt.timedelta(seconds=300)
    source_services.source_fetch_retrying(
        source_id=source.pk, attempts=2, error="timed out", next_attempt_at=due
    )
    claim_services.article_page_fetch_retrying(
        article_id=article.pk, attempts=2, error="timed out", next_attempt_at=due
    )
    assert _recover(django_capture_on_commit_callbacks) == {}
    assert sent == []
    # The retry never came (its worker died with it): once overdue, recovery sends it again.
    overdue = _ago(long_ago)
    Source.objects.filter(pk=source.pk).update(fetch_requested_at=overdue)
    Article.objects.filter(pk=article.pk).update(extraction_state_at=overdue)
    assert _recover(django_capture_on_commit_callbacks) == {"fetches": 1, "page_fetches": 1}
    assert sorted(sent) == [
        ("claims.fetch_article_page", article.pk),
        ("sources.fetch_source", source.pk),
    ]
