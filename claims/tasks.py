"""Background jobs for articles: fetching pages, extracting claims, matching them, recovery.

Every task's whole body, the step that takes the job included, is inside the database-down
guard: a worker that takes a message while the database is unreachable retries it later instead
of dropping it. Results are kept on the rows, not in Celery's result backend (the database too).
"""

from __future__ import annotations

from celery import Task, shared_task
from django.conf import settings
from django.db import DatabaseError

import fetching
from claims import services
from jobs.retrying import (
    DATABASE_DOWN,
    backoff,
    database_down,
    delivered_again,
    internal_error,
    retries_left,
)


@shared_task(bind=True, name="claims.fetch_article_page", max_retries=None, ignore_result=True)
def fetch_article_page(self: Task[[int], dict[str, object]], article_id: int) -> dict[str, object]:
    """Fetch the page of an article imported by URL; its extraction is queued next."""
    try:
        stored = services.article_page_fetch(article_id=article_id)
    except fetching.FetchError as exc:
        if exc.temporary and retries_left(self):
            raise self.retry(exc=exc, countdown=backoff(self)) from exc
        services.article_page_fetch_fail(
            article_id=article_id, message=f"the page could not be fetched: {exc}"
        )
        return {"article_id": article_id, "error": str(exc)}
    except services.ArticleInputError as exc:
        services.article_page_fetch_fail(
            article_id=article_id, message=f"the page holds no article: {exc}"
        )
        return {"article_id": article_id, "error": str(exc)}
    except DATABASE_DOWN as exc:
        database_down(self, exc)
    except Exception as exc:
        message = internal_error(exc, f"fetching the page of article {article_id}")
        services.article_page_fetch_fail(article_id=article_id, message=message)
        raise
    return {"article_id": article_id, "stored": stored}


@shared_task(bind=True, name="claims.extract_article", max_retries=None, ignore_result=True)
def extract_article(self: Task[[int], dict[str, object]], article_id: int) -> dict[str, object]:
    """Extract and store the claims of one article (idempotent; safe to run twice)."""
    try:
        if not services.article_extraction_claim(
            article_id=article_id, retrying=delivered_again(self)
        ):
            return {"article_id": article_id, "skipped": "not queued, or taken by another task"}
        outcome = services.article_extract(article_id=article_id)
    except DATABASE_DOWN as exc:
        database_down(self, exc)
    except DatabaseError as exc:
        services.article_extraction_fail(article_id=article_id, message=f"database error: {exc}")
        raise
    except Exception as exc:  # a bug, not bad input: the article must not stay RUNNING
        message = internal_error(exc, f"extraction of article {article_id}")
        services.article_extraction_fail(article_id=article_id, message=message)
        raise
    return outcome.as_dict()


@shared_task(bind=True, name="claims.match_article_claims", max_retries=None, ignore_result=True)
def match_article_claims(self: Task[[int], dict[str, int]], article_id: int) -> dict[str, int]:
    """Match the article's next batch of claims; the batch queues the one after it."""
    try:
        if not services.article_matching_claim(
            article_id=article_id, retrying=delivered_again(self)
        ):
            return {"article_id": article_id, "skipped": 1}
        return services.article_matching_batch(
            article_id=article_id, seconds=settings.FACTCHECK_MATCH_BATCH_SECONDS
        ).as_dict()
    except DATABASE_DOWN as exc:
        database_down(self, exc)
    except Exception as exc:
        message = internal_error(exc, f"matching the claims of article {article_id}")
        services.article_matching_fail(article_id=article_id, message=message)
        raise


@shared_task(name="claims.recover_lost_jobs", ignore_result=True)
def recover_lost_jobs() -> dict[str, int]:
    """Send again the article jobs whose message was lost or whose worker died."""
    return services.article_jobs_recover().as_dict()


@shared_task(name="claims.requeue_stale_extractions", ignore_result=True)
def requeue_stale_extractions() -> int:
    """The name beat used before `recover_lost_jobs`: messages queued under it still run."""
    return services.article_jobs_recover().total
