"""Small builders for rows the tests need."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from claims.models import Article, Claim
from claims.services import content_hash
from sources.models import Source, SourceSnapshot, VerificationRun

_counter = itertools.count(1)


def article_build(**fields: Any) -> Article:
    n = next(_counter)
    text = fields.pop("clean_text", f"Article number {n} says 42 things.")
    defaults: dict[str, Any] = {
        "title": f"Article {n}",
        "raw_input": text,
        "clean_text": text,
        "content_hash": content_hash(text),
    }
    defaults.update(fields)
    return Article.objects.create(**defaults)


def article_extracted_build(text: str, **fields: Any) -> Article:
    """An article ingested and extracted in this process (no worker): real claims and values."""
    from claims.services import article_extract, article_ingest

    fields.setdefault("published_on", dt.date(2021, 3, 1))
    article = article_ingest(raw_input=text, queue_extraction=False, **fields).article
    outcome = article_extract(article_id=article.pk)
    assert outcome.succeeded, outcome
    return article


def claim_build(article: Article | None = None, **fields: Any) -> Claim:
    article = article or article_build()
    n = next(_counter)
    defaults: dict[str, Any] = {
        "article": article,
        "start": n,
        "end": n + 10,
        "sentence": "Exports rose by 12% last year.",
        "text": "exports rose by 12%",
        "kind": Claim.Kind.COMPARISON,
        "checkworthiness": 0.8,
    }
    defaults.update(fields)
    return Claim.objects.create(**defaults)


def source_build(**fields: Any) -> Source:
    n = next(_counter)
    defaults: dict[str, Any] = {"url": f"https://stats.example.org/report-{n}"}
    defaults.update(fields)
    return Source.objects.create(**defaults)


def run_with_finding_build(claim: Claim, *, passage: str, **finding: Any) -> VerificationRun:
    """A succeeded run whose one finding quotes `passage` from a fresh source's snapshot."""
    source = source_build()
    snapshot = SourceSnapshot.objects.create(
        source=source, fetched_at=claim.created_at, content_hash="h", text=passage
    )
    found = {"source": source.pk, "snapshot": snapshot.pk, "passage": passage, **finding}
    return VerificationRun.objects.create(
        claim=claim, verifier="v", status="succeeded", result={"findings": [found]}
    )
