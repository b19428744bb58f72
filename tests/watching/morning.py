"""Builders for the morning list's tests: articles as if watched feeds brought them."""

from __future__ import annotations

import itertools
from typing import Any

from django.utils import timezone

from claims.models import Article, Claim
from tests.builders import article_build, article_extracted_build, claim_build
from watching.models import FeedEntry, WatchedFeed

_n = itertools.count(1)


def feed_of(outlet: str) -> WatchedFeed:
    feed = WatchedFeed.objects.filter(outlet=outlet).first()
    if feed is None:
        slug = "".join(c for c in outlet.lower() if c.isalnum()) or "outlet"
        feed = WatchedFeed.objects.create(url=f"https://{slug}.example/rss.xml", outlet=outlet)
    return feed


def brought_by(article: Article, outlet: str) -> Article:
    """Record that the outlet's feed listed the article (a FeedEntry pointing at it)."""
    FeedEntry.objects.create(
        feed=feed_of(outlet),
        url=f"https://{next(_n)}.entries.example/story",
        title=article.title,
        article=article,
    )
    return article


def feed_article_extracted(text: str, *, outlet: str = "Daily Ledger", **fields: Any) -> Article:
    """An article extracted here (real claims), as the outlet's feed brought it."""
    return brought_by(article_extracted_build(text, outlet=outlet, **fields), outlet)


def feed_claim(outlet: str = "Daily Ledger", **fields: Any) -> Claim:
    """A claim of an article the outlet's feed brought, with the values given."""
    article = brought_by(article_build(outlet=outlet), outlet)
    return claim_build(article, **fields)


def fact_check_build(text: str = "exports rose by 12%", **fields: Any) -> Claim:
    """A published fact-check (not from a feed)."""
    defaults: dict[str, Any] = {
        "text": text,
        "status": Claim.Status.PUBLISHED,
        "verdict": Claim.Verdict.FALSE,
        "published_verdict": Claim.Verdict.FALSE,
        "published_at": timezone.now(),
    }
    defaults.update(fields)
    return claim_build(**defaults)
