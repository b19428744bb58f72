"""Reads that matter for articles and claims, with their related rows fetched up front."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from claims.models import Article, Claim, ClaimMatch


def claims_published() -> QuerySet[Claim]:
    """Every claim the public may see, no related rows loaded; public.selectors builds on it."""
    # Always true of a published claim (a constraint holds it), but as an index condition it lets
    # PostgreSQL skip the unpublished rows, whose NULL dates sort first in the date index.
    return Claim.objects.filter(status=Claim.Status.PUBLISHED, published_at__isnull=False)


def article_claims(*, article: Article) -> QuerySet[Claim]:
    """The article's claims in text order, with what each repeats."""
    return claims_with_repeats().filter(article=article).order_by("start", "end")


def claims_with_repeats() -> QuerySet[Claim]:
    """Claims with the claim each duplicates and its suggested matches (`suggested_matches`)."""
    return Claim.objects.select_related("assignee", "duplicate_of").prefetch_related(
        Prefetch("matches", queryset=claim_matches_suggested(), to_attr="suggested_matches")
    )


def claim_matches_suggested() -> QuerySet[ClaimMatch]:
    """Suggested matches, best first, with the earlier claim and the claim it leads to."""
    return (
        ClaimMatch.objects.filter(state=ClaimMatch.State.SUGGESTED)
        .select_related("earlier__article", "earlier__duplicate_of")
        .order_by("claim", "-score", "pk")
    )


def claim_matches(*, claim: Claim) -> QuerySet[ClaimMatch]:
    """All matches of one claim, suggestions first, best first."""
    return (
        ClaimMatch.objects.filter(claim=claim)
        .select_related("earlier__article", "earlier__duplicate_of", "decided_by")
        .order_by("-state", "-score", "pk")
    )


def claim_inherited_evidence(*, claim: Claim) -> list[Any]:
    """The evidence of the claim this one duplicates: shown by reference, never copied."""
    from sources.models import Evidence

    if claim.duplicate_of_id is None:
        return []
    return list(
        Evidence.objects.filter(claim_id=claim.duplicate_of_id)
        .select_related("source")
        .order_by("pk")
    )


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
        # A claim repeating an earlier one needs no fresh review: it is shown on its claim page.
        "awaiting_review": base.filter(
            status=Claim.Status.NEW, checkworthy=True, duplicate_of__isnull=True
        ).order_by("-checkworthiness")[:limit],
        "ready_to_publish": base.filter(status=Claim.Status.REVIEWED).order_by("ruled_at")[:limit],
        "recently_published": base.filter(status=Claim.Status.PUBLISHED).order_by("-published_at")[
            :limit
        ],
    }
