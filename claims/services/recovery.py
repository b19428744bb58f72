"""Finding the articles' lost jobs (page fetches, extractions, matching) and sending them again."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Article
from claims.services.extraction import article_extraction_queue
from claims.services.ingest import article_page_fetch_queue
from claims.services.matches import article_matching_send
from jobs.recovery import lost_if_queued_before, lost_if_running_since

logger = logging.getLogger(__name__)

_FETCHING = Article.ExtractionStatus.FETCHING
_QUEUED = Article.ExtractionStatus.QUEUED
_RUNNING = Article.ExtractionStatus.RUNNING


@dataclass(frozen=True)
class Recovered:
    page_fetches: int = 0
    extractions: int = 0
    matching: int = 0

    @property
    def total(self) -> int:
        return self.page_fetches + self.extractions + self.matching

    def as_dict(self) -> dict[str, int]:
        return {
            "page_fetches": self.page_fetches,
            "extractions": self.extractions,
            "matching": self.matching,
        }


def _lost_extraction() -> Q:
    queued_before = lost_if_queued_before()
    # A page fetch may be under way for up to the fetch's own time limit after it was sent.
    fetch_limit = dt.timedelta(seconds=settings.FACTCHECK_FETCH_TOTAL_TIMEOUT + 60)
    fetching_before = min(queued_before, timezone.now() - fetch_limit)
    return (
        Q(extraction_status=_FETCHING, extraction_state_at__lt=fetching_before)
        | Q(extraction_status=_QUEUED, extraction_state_at__lt=queued_before)
        | Q(extraction_status=_RUNNING, extraction_state_at__lt=lost_if_running_since())
        | Q(extraction_status__in=[_FETCHING, _QUEUED, _RUNNING], extraction_state_at__isnull=True)
    )


def _lost_matching() -> Q:
    return Q(
        matching_status=Article.MatchingStatus.QUEUED, matching_state_at__lt=lost_if_queued_before()
    ) | Q(
        matching_status=Article.MatchingStatus.RUNNING,
        matching_state_at__lt=lost_if_running_since(),
    )


def article_jobs_recover() -> Recovered:
    """Send again every article job whose message was lost or whose worker died.

    Each row is taken with the same condition it was found by, so a job a worker picked up in
    the meantime is left to that worker.
    """
    page_fetches = extractions = matching = 0
    for article in Article.objects.filter(_lost_extraction()).only("pk", "url", "raw_input"):
        with transaction.atomic():
            found = Article.objects.filter(_lost_extraction(), pk=article.pk)
            status = found.values_list("extraction_status", flat=True).first()
            if status == _FETCHING:
                article_page_fetch_queue(article=article)
                page_fetches += 1
            elif status is not None:
                # A dead RUNNING extraction becomes QUEUED: queueing leaves a live one be.
                found.update(extraction_status=_QUEUED)
                extractions += article_extraction_queue(article=article)
    for article_id in Article.objects.filter(_lost_matching()).values_list("pk", flat=True):
        with transaction.atomic():
            # Resumed from its cursor: claims matched before the loss are not matched again.
            if Article.objects.filter(_lost_matching(), pk=article_id).update(
                matching_status=Article.MatchingStatus.QUEUED, matching_state_at=timezone.now()
            ):
                article_matching_send(article_id)
                matching += 1
    recovered = Recovered(page_fetches, extractions, matching)
    if recovered.total:
        logger.warning("sent lost article jobs again: %s", recovered.as_dict())
    return recovered
