"""Background jobs for articles: claim extraction and its housekeeping."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from django.db import DatabaseError

from claims import services
from factcheck.retrying import DATABASE_DOWN, backoff, delivered_again, retries_left

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="claims.extract_article", max_retries=None)
def extract_article(self: Task, article_id: int) -> dict[str, object]:
    """Extract and store the claims of one article (idempotent; safe to run twice)."""
    if not services.article_extraction_claim(article_id=article_id, retrying=delivered_again(self)):
        return {"article_id": article_id, "skipped": "not queued, or taken by another task"}
    try:
        outcome = services.article_extract(article_id=article_id)
    except DATABASE_DOWN as exc:
        if retries_left(self):
            raise self.retry(exc=exc, countdown=backoff(self)) from exc
        services.article_extraction_fail(
            article_id=article_id, message=f"database unavailable: {exc}"
        )
        raise
    except DatabaseError as exc:
        services.article_extraction_fail(article_id=article_id, message=f"database error: {exc}")
        raise
    except Exception as exc:
        # A bug, not bad input: the article must not stay RUNNING; the traceback goes to the log.
        logger.exception("extraction of article %s failed", article_id)
        services.article_extraction_fail(
            article_id=article_id, message=f"internal error ({type(exc).__name__}); see worker log"
        )
        raise
    if outcome.succeeded:
        try:
            match_article_claims.delay(article_id)
        except Exception:  # the claims are stored; `manage.py match_claims` can match them later
            logger.exception("matching of article %s could not be queued", article_id)
    return outcome.as_dict()


@shared_task(bind=True, name="claims.match_article_claims", max_retries=None)
def match_article_claims(self: Task, article_id: int) -> dict[str, int]:
    """Match an article's claims against earlier claims and published checks (idempotent)."""
    try:
        return services.article_claims_match(article_id=article_id).as_dict()
    except DATABASE_DOWN as exc:
        if retries_left(self):
            raise self.retry(exc=exc, countdown=backoff(self)) from exc
        raise


@shared_task(name="claims.requeue_stale_extractions", ignore_result=True)
def requeue_stale_extractions() -> int:
    """Queue again the extractions stuck in running or queued (a worker died, a message lost)."""
    return services.stale_extractions_requeue()
