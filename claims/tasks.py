"""Background jobs for articles: fetching pages, extracting claims, matching them, recovery.

Each job task follows the retry policy in `jobs.policy`: its whole body, the step that takes
the job included, is inside the database-down guard, so a worker that takes a message while
the database is unreachable retries it later instead of dropping it. Results are kept on the
rows, not in Celery's result backend (the database too).
"""

from __future__ import annotations

import logging
import smtplib

from celery import Task, shared_task
from django.conf import settings

import fetching
from claims import services
from jobs.policy import Failure, PendingRetry, job_task
from jobs.retrying import delivered_again

logger = logging.getLogger(__name__)

# About a minute of one core's encoding; the next run, ten minutes later, does the next ones.
VECTORS_PER_RUN = 5000


def _page_fetch_failed(article_id: int, failure: Failure) -> None:
    services.article_page_fetch_fail(
        article_id=article_id, message=failure.message, attempts=failure.attempts
    )


def _page_fetch_retrying(article_id: int, retry: PendingRetry) -> None:
    services.article_page_fetch_retrying(
        article_id=article_id,
        attempts=retry.attempts,
        error=retry.error,
        next_attempt_at=retry.next_attempt_at,
    )


@job_task(
    name="claims.fetch_article_page",
    what="fetching the page of article {id}",
    fail=_page_fetch_failed,
    known_errors={
        fetching.FetchError: "the page could not be fetched",
        services.ArticleInputError: "the page holds no article",
    },
    retrying=_page_fetch_retrying,
)
def fetch_article_page(task: Task[..., object], article_id: int) -> dict[str, object]:
    """Fetch the page of an article imported by URL; its extraction is queued next."""
    stored = services.article_page_fetch(article_id=article_id)
    return {"article_id": article_id, "stored": stored}


def _extraction_failed(article_id: int, failure: Failure) -> None:
    services.article_extraction_fail(article_id=article_id, message=failure.message)


@job_task(name="claims.extract_article", what="extraction of article {id}", fail=_extraction_failed)
def extract_article(task: Task[..., object], article_id: int) -> dict[str, object]:
    """Extract and store the claims of one article (idempotent; safe to run twice)."""
    if not services.article_extraction_claim(article_id=article_id, retrying=delivered_again(task)):
        return {"article_id": article_id, "skipped": "not queued, or taken by another task"}
    return services.article_extract(article_id=article_id).as_dict()


def _matching_failed(article_id: int, failure: Failure) -> None:
    services.article_matching_fail(article_id=article_id, message=failure.message)


@job_task(
    name="claims.match_article_claims",
    what="matching the claims of article {id}",
    fail=_matching_failed,
)
def match_article_claims(task: Task[..., object], article_id: int) -> dict[str, int]:
    """Match the article's next batch of claims; the batch queues the one after it."""
    if not services.article_matching_claim(article_id=article_id, retrying=delivered_again(task)):
        return {"article_id": article_id, "skipped": 1}
    return services.article_matching_batch(
        article_id=article_id, seconds=settings.FACTCHECK_MATCH_BATCH_SECONDS
    ).as_dict()


@shared_task(name="claims.recover_lost_jobs", ignore_result=True)
def recover_lost_jobs() -> dict[str, int]:
    """Send again the article jobs whose message was lost or whose worker died."""
    return services.article_jobs_recover().as_dict()


class MailError(Exception):
    """An e-mail the server did not take (worth another try later)."""

    temporary = True


def _repeat_email_failed(alert_id: int, failure: Failure) -> None:
    logger.warning("repeat alert %s: e-mail not sent: %s", alert_id, failure.message)


@job_task(
    name="claims.email_repeat_alert",
    what="e-mailing repeat alert {id}",
    fail=_repeat_email_failed,
    known_errors={MailError: "the mail server refused it"},
)
def email_repeat_alert(task: Task[..., object], alert_id: int) -> dict[str, object]:
    """Tell the editor who ruled a fact-check that it was repeated (once per alert)."""
    try:
        sent = services.repeat_alert_email(alert_id=alert_id)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(str(exc) or type(exc).__name__) from exc
    return {"alert_id": alert_id, "sent": int(sent)}


@shared_task(name="claims.fill_claim_vectors", ignore_result=True)
def fill_claim_vectors() -> int:
    """Compute the sentence vectors claims still lack, a bounded number a run (beat repeats it)."""
    return services.claim_vectors_fill(limit=VECTORS_PER_RUN)


@shared_task(name="claims.requeue_stale_extractions", ignore_result=True)
def requeue_stale_extractions() -> int:
    """The name beat used before `recover_lost_jobs`: messages queued under it still run."""
    return services.article_jobs_recover().total
