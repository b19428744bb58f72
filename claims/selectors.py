"""Reads that matter for articles and claims, with their related rows fetched up front."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from claims.models import Article, Claim


def article_claims(*, article: Article) -> QuerySet[Claim]:
    """The article's claims in text order."""
    return Claim.objects.filter(article=article).select_related("assignee").order_by("start", "end")


def articles_with_claim_counts() -> QuerySet[Article]:
    """Articles with `claim_count` and `checkworthy_count` annotations."""
    return Article.objects.select_related("created_by").annotate(
        claim_count=Count("claims", distinct=True),
    )
