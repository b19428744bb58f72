"""Reads that matter for articles and claims, with their related rows fetched up front."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr

from claims.models import Article, Claim, ClaimMatch, RepeatAlert

# An article's text and raw input run to megabytes: lists and related rows never carry them.
ARTICLE_BODIES = ("raw_input", "clean_text")


def without_bodies(*relations: str) -> list[str]:
    """The body fields of the article at each relation path, for `defer`."""
    return [f"{relation}__{field}" for relation in relations for field in ARTICLE_BODIES]


def repeat_alerts() -> QuerySet[RepeatAlert]:
    """Repeat alerts, newest first, with what the desk shows of them (no article bodies)."""
    return (
        RepeatAlert.objects.select_related("claim", "claim__article", "fact_check")
        .defer("claim__sentence", "fact_check__sentence", *without_bodies("claim__article"))
        .order_by("-created_at", "-pk")
    )


def repeat_alerts_unread() -> QuerySet[RepeatAlert]:
    """Alerts not read yet, as `repeat_alerts`."""
    return repeat_alerts().filter(read_at__isnull=True)


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
        .defer(*without_bodies("earlier__article"))
        .order_by("claim", "-score", "pk")
    )


def claim_matches(*, claim: Claim) -> QuerySet[ClaimMatch]:
    """All matches of one claim, suggestions first, best first."""
    return (
        ClaimMatch.objects.filter(claim=claim)
        .select_related("earlier__article", "earlier__duplicate_of", "decided_by")
        .defer(*without_bodies("earlier__article"))
        .order_by("-state", "-score", "pk")
    )


def articles_with_claim_counts() -> QuerySet[Article]:
    """Articles without their text and raw input, with a `claim_count` annotation.

    The count is a correlated subquery on the claims' article index: a join with GROUP BY
    would carry every article column, megabytes of text, through the grouping once per claim.
    """
    counts = (
        Claim.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Article.objects.select_related("created_by")
        .defer(*ARTICLE_BODIES)
        .annotate(claim_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
    )


def article_claim_spans(*, article_id: int) -> Iterator[tuple[int, int]]:
    """Every claim's (start, end) in the article, in text order, read in chunks as consumed."""
    rows = (
        Claim.objects.filter(article_id=article_id)
        .order_by("start", "end")
        .values_list("start", "end")
    )
    return rows.iterator(chunk_size=2000)


def article_text_length(*, article_id: int) -> int:
    """How many characters the article's clean text has, counted by the database."""
    length = (
        Article.objects.filter(pk=article_id)
        .order_by()
        .annotate(n=Length("clean_text"))
        .values_list("n", flat=True)
        .first()
    )
    return int(length or 0)


def article_text_slice(*, article_id: int, start: int, end: int) -> str:
    """The characters [start, end) of the article's clean text, cut out by the database."""
    if end <= start:
        return ""
    part = (
        Article.objects.filter(pk=article_id)
        .order_by()
        .annotate(part=Substr("clean_text", start + 1, end - start))
        .values_list("part", flat=True)
        .first()
    )
    return str(part or "")


def article_claim_start(*, article_id: int, claim_id: int) -> int | None:
    """Where one of the article's claims starts, or None if the article has no such claim."""
    start = (
        Claim.objects.filter(pk=claim_id, article_id=article_id)
        .values_list("start", flat=True)
        .first()
    )
    return None if start is None else int(start)


def article_section_claims(*, article: Article, start: int, end: int) -> QuerySet[Claim]:
    """The article's claims that overlap [start, end), in text order, with what each repeats."""
    return article_claims(article=article).filter(start__lt=end, end__gt=start)


def claim_status_counts(queryset: QuerySet[Claim]) -> dict[str, int]:
    """How many of these claims are in each status (one query)."""
    rows = queryset.order_by().values("status").annotate(n=Count("pk"))
    counts = {status: 0 for status in Claim.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def desk_queue(*, user: Any, limit: int = 20) -> dict[str, QuerySet[Claim]]:
    """The day's queue: my claims, awaiting review, ready to publish, recently published."""
    base = Claim.objects.select_related("article", "assignee", "reviewer", "published_by").defer(
        *without_bodies("article")
    )
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
