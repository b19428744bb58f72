"""Reads that matter for articles and claims, with their related rows fetched up front."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from claims.models import Article, Claim


def article_claims(*, article: Article) -> QuerySet[Claim]:
    """The article's claims in text order."""
    return Claim.objects.filter(article=article).select_related("assignee").order_by("start", "end")


def articles_with_claim_counts() -> QuerySet[Article]:
    """Articles with `claim_count` and `checkworthy_count` annotations."""
    return Article.objects.select_related("created_by").annotate(
        claim_count=Count("claims", distinct=True),
    )


def claims_for_desk() -> QuerySet[Claim]:
    """Claims for the desk's list, with article, assignee and `has_sources` fetched up front."""
    from sources.models import ClaimSource

    return Claim.objects.select_related("article", "assignee", "reviewer").annotate(
        has_sources=Exists(ClaimSource.objects.filter(claim=OuterRef("pk")))
    )


def claim_status_counts(queryset: QuerySet[Claim]) -> dict[str, int]:
    """How many of these claims are in each status (one query)."""
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in Claim.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def desk_queue(*, user: Any, limit: int = 20) -> dict[str, QuerySet[Claim]]:
    """The day's queue: my claims, awaiting review, ready to publish, recently published."""
    base = Claim.objects.select_related("article", "assignee", "reviewer", "published_by")
    return {
        "mine": base.filter(assignee=user, status=Claim.Status.IN_REVIEW).order_by(
            "-checkworthiness"
        )[:limit],
        "awaiting_review": base.filter(status=Claim.Status.NEW, checkworthy=True).order_by(
            "-checkworthiness"
        )[:limit],
        "ready_to_publish": base.filter(status=Claim.Status.REVIEWED).order_by("ruled_at")[:limit],
        "recently_published": base.filter(status=Claim.Status.PUBLISHED).order_by("-published_at")[
            :limit
        ],
    }
