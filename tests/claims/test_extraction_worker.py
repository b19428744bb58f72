"""End to end: the web side imports, a real worker process extracts, the claims appear."""

from __future__ import annotations

import datetime as dt

import pytest

from claims import services
from claims.models import Article
from tests.conftest import WorkerProcess, wait_until

pytestmark = pytest.mark.worker


def test_a_worker_process_extracts_an_imported_article(
    celery_worker_process: WorkerProcess,
) -> None:
    article = services.article_ingest(
        raw_input=(
            "Exports climbed to $2.5 billion last year, up 14%, the trade ministry said. "
            '"This is our best result since 2011," said Minister Varga.'
        ),
        published_on=dt.date(2026, 2, 3),
    ).article

    def finished() -> bool:
        article.refresh_from_db()
        return article.extraction_status in {"succeeded", "failed"}

    assert wait_until(finished, timeout=90), article.extraction_status
    assert article.extraction_status == Article.ExtractionStatus.SUCCEEDED, article.extraction_error
    money = [c for c in article.claims.all() if "2.5 billion" in c.text]
    assert money
    assert money[0].normalized["quantities"][0]["value"] == 2_500_000_000
    assert article.claims.filter(kind="quote", speaker__icontains="Varga").exists()
