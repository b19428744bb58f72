"""Reads for the public: only published claims, and what they make public, ever leave here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from claims.locks import ARTICLE_PUBLIC_FIELDS, CLAIM_PUBLIC_FIELDS
from claims.locks import PUBLISHED_AS as PUBLISHED_AS  # the serializers read it from here
from claims.models import Article, Claim, ClaimCorrection, ClaimMatch
from claims.selectors import claims_published as claims_published  # views read it from here
from claims.selectors import without_bodies
from sources.models import ClaimSource, Evidence, Source

PUBLISHED = Claim.Status.PUBLISHED


def claims_public() -> QuerySet[Claim]:
    """Published claims with their article, sources and evidence loaded in a fixed query count."""
    return (
        claims_published()
        .select_related("article")
        # The article's full text is never shown here; loading it would dominate the list.
        .defer("article__raw_input", "article__clean_text")
        .prefetch_related(
            Prefetch(
                "source_links",
                queryset=ClaimSource.objects.select_related("source").order_by("created_at", "pk"),
            ),
            Prefetch("evidence", queryset=Evidence.objects.select_related("source").order_by("pk")),
            *review_prefetches(),
        )
        .order_by("-published_at", "-pk")
    )


def claims_for_review() -> QuerySet[Claim]:
    """Published claims with what their ClaimReview needs: article, repeats, corrections."""
    return (
        claims_published()
        .select_related("article")
        .defer(*without_bodies("article"))
        .prefetch_related(*review_prefetches())
    )


def review_prefetches() -> list[Prefetch[Any]]:
    """A claim's marked repeats (`marked_repeats`) and corrections (`public_corrections`)."""
    return [
        Prefetch("duplicates", queryset=claim_marked_repeats(), to_attr="marked_repeats"),
        Prefetch("corrections", queryset=claim_corrections(), to_attr="public_corrections"),
    ]


def claim_marked_repeats() -> QuerySet[Claim]:
    """Claims an editor marked as repeating another, with their articles (no bodies)."""
    return (
        Claim.objects.filter(duplicate_link=Claim.DuplicateLink.EDITOR)
        .select_related("article")
        .only("article", "duplicate_of", "speaker", *(f"article__{c}" for c in _ARTICLE_COLUMNS))
        .annotate(
            # How closely matching found it, when it did (an editor may link by hand).
            score=Subquery(
                ClaimMatch.objects.filter(claim=OuterRef("pk"), earlier=OuterRef("duplicate_of"))
                .order_by()
                .values("score")[:1]
            )
        )
        .order_by("pk")
    )


def claim_corrections() -> QuerySet[ClaimCorrection]:
    """Corrections readers were shown, oldest first (a proposed one waits for its second editor,
    unseen)."""
    return ClaimCorrection.objects.filter(state=ClaimCorrection.State.PUBLISHED).order_by(
        "published_at", "pk"
    )


def corrections_public() -> QuerySet[ClaimCorrection]:
    """Corrections of the fact-checks published now, newest first, with their claims' wording."""
    return (
        claim_corrections()
        .filter(claim__in=claims_published())
        .select_related("claim")
        .only(
            "kind",
            "published_at",
            "previous_verdict",
            "verdict",
            "changes",
            "note",
            "claim__published_text",
            "claim__text",
            "claim__verdict",
        )
        .order_by("-published_at", "-pk")
    )


# The columns the API shows of a claim and its article (the rest, some of it long, stays behind):
# those the published-claim lock holds, and the publication time.
_CLAIM_COLUMNS = (*CLAIM_PUBLIC_FIELDS, "published_at")
_ARTICLE_COLUMNS = ARTICLE_PUBLIC_FIELDS


def claims_public_rows() -> QuerySet[Claim]:
    """Published claims with their article, only the columns the public sees, newest first.

    Their sources and evidence come from `claim_relations`: plain rows for a whole page in two
    queries, which costs a fraction of prefetching model instances.
    """
    return (
        claims_published()
        .select_related("article")
        .only(*_CLAIM_COLUMNS, *(f"article__{name}" for name in _ARTICLE_COLUMNS))
        .order_by("-published_at", "-pk")
    )


@dataclass(frozen=True)
class ClaimRelations:
    """The linked sources and the evidence of some claims, as rows keyed by claim id.

    A source row holds the columns named by `source_fields`, in that order; an evidence row the
    same followed by the passage, stance and origin.
    """

    sources: dict[int, list[tuple[Any, ...]]]
    evidence: dict[int, list[tuple[Any, ...]]]
    corrections: dict[int, list[tuple[Any, ...]]]
    appearances: dict[int, list[tuple[Any, ...]]]


EVIDENCE_COLUMNS = ("passage", "stance", "origin")
# A confirmed appearance: where the fact-checked claim was said again, as an editor marked it.
APPEARANCE_COLUMNS = (
    "speaker",
    "article__url",
    "article__title",
    "article__outlet",
    "article__published_on",
    "score",
)
CORRECTION_COLUMNS = ("kind", "published_at", "previous_verdict", "verdict", "changes", "note")


def claim_relations(claim_ids: Sequence[int], source_fields: Sequence[str]) -> ClaimRelations:
    """Sources, evidence, corrections and confirmed appearances of the given (published)
    claims: four queries."""
    source_columns = [f"source__{name}" for name in source_fields]
    sources: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in claim_ids}
    evidence: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in claim_ids}
    corrections: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in claim_ids}
    appearances: dict[int, list[tuple[Any, ...]]] = {pk: [] for pk in claim_ids}
    if not claim_ids:
        return ClaimRelations(sources, evidence, corrections, appearances)
    links = (
        ClaimSource.objects.filter(claim_id__in=claim_ids)
        .order_by("created_at", "pk")
        .values_list("claim_id", *source_columns)
    )
    for claim_id, *row in links:
        sources[claim_id].append(tuple(row))
    passages = (
        Evidence.objects.filter(claim_id__in=claim_ids)
        .order_by("pk")
        .values_list("claim_id", *source_columns, *EVIDENCE_COLUMNS)
    )
    for claim_id, *row in passages:
        evidence[claim_id].append(tuple(row))
    changes = (
        claim_corrections()
        .filter(claim_id__in=claim_ids)
        .values_list("claim_id", *CORRECTION_COLUMNS)
    )
    for claim_id, *row in changes:
        corrections[claim_id].append(tuple(row))
    repeats = (
        claim_marked_repeats()
        .filter(duplicate_of_id__in=claim_ids)
        .values_list("duplicate_of_id", *APPEARANCE_COLUMNS)
    )
    for claim_id, *row in repeats:
        appearances[claim_id].append(tuple(row))
    return ClaimRelations(sources, evidence, corrections, appearances)


def _published_claim_count() -> Subquery:
    counted = (
        claims_published()
        .filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(counted)


# An article lists this many of its published claims; the claims list, narrowed to the article,
# has them all. One article may hold thousands, which would make one page of articles megabytes.
ARTICLE_CLAIMS_LISTED = 100


def articles_public() -> QuerySet[Article]:
    """Articles with at least one published claim, each with its count and its first published
    claims in text order (at most ARTICLE_CLAIMS_LISTED)."""
    return (
        Article.objects.defer("raw_input", "clean_text")
        .annotate(published_claims_count=Coalesce(_published_claim_count(), 0))
        .filter(Exists(claims_published().filter(article=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "claims",
                queryset=claims_published()
                .only("article_id", "start", "text", "verdict", "published_at")
                .order_by("start", "pk")[:ARTICLE_CLAIMS_LISTED],
                to_attr="public_claims",
            )
        )
        .order_by("-pk")
    )


def sources_public() -> QuerySet[Source]:
    """Sources linked to, or giving evidence for, at least one published claim."""
    linked = ClaimSource.objects.filter(source=OuterRef("pk"), claim__status=PUBLISHED)
    cited = Evidence.objects.filter(source=OuterRef("pk"), claim__status=PUBLISHED)
    return Source.objects.filter(Q(Exists(linked)) | Q(Exists(cited))).order_by("pk")


def sources_for_claim(queryset: QuerySet[Source], claim_id: int) -> QuerySet[Source]:
    """Narrow public sources to those of one claim; an unpublished claim yields none."""
    linked = ClaimSource.objects.filter(
        source=OuterRef("pk"), claim_id=claim_id, claim__status=PUBLISHED
    )
    cited = Evidence.objects.filter(
        source=OuterRef("pk"), claim_id=claim_id, claim__status=PUBLISHED
    )
    return queryset.filter(Q(Exists(linked)) | Q(Exists(cited)))


@dataclass(frozen=True)
class FeedEntry:
    """One entry of the feed: a fact-check's publication, or one of its corrections."""

    claim: Claim
    at: dt.datetime
    correction: ClaimCorrection | None = None


def feed_entries(*, limit: int = 50) -> list[FeedEntry]:
    """The latest publications and corrections of published fact-checks, newest first.

    Each correction stays an entry of its own, so a reader who saw the first verdict sees every
    later change, not only the latest. Two queries, whatever the limit.
    """
    publications = (
        claims_published()
        .select_related("article")
        .defer(*without_bodies("article"))
        .order_by("-published_at", "-pk")[:limit]
    )
    corrections = (
        claim_corrections()
        .filter(claim__in=claims_published())
        .select_related("claim__article")
        .defer(*without_bodies("claim__article"))
        .order_by("-published_at", "-pk")[:limit]
    )
    entries = [FeedEntry(claim, claim.published_at) for claim in publications if claim.published_at]
    entries += [
        FeedEntry(c.claim, c.published_at, c) for c in corrections if c.published_at is not None
    ]
    entries.sort(key=lambda e: (e.at, e.correction is not None, e.claim.pk), reverse=True)
    return entries[:limit]


def public_data_last_modified() -> dt.datetime | None:
    """The last time anything the public can see may have changed (one query).

    History tables also record deletions and unpublishing, which the rows themselves cannot.
    Each maximum is read from the end of an index (history_date's, and article updated_at's).
    """
    with connection.cursor() as cursor:
        cursor.execute(_last_modified_sql())
        row = cursor.fetchone()
    stamps = [_as_datetime(value) for value in row or () if value is not None]
    return max(stamps) if stamps else None


@cache
def _last_modified_sql() -> str:
    # Built once: reaching a model's history manager builds a new manager class every time.
    tables = [
        (Claim.history.model._meta.db_table, "history_date"),
        (ClaimSource.history.model._meta.db_table, "history_date"),
        (Evidence.history.model._meta.db_table, "history_date"),
        (Source.history.model._meta.db_table, "history_date"),
        (Article._meta.db_table, "updated_at"),
    ]
    qn = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX({qn(col)}) FROM {qn(table)})" for table, col in tables)
    return f"SELECT {columns}"  # names come from model metadata


def _as_datetime(value: object) -> dt.datetime:
    # SQLite hands back text from a raw cursor; PostgreSQL an aware datetime.
    if isinstance(value, dt.datetime):
        stamp = value
    else:
        parsed = parse_datetime(str(value))
        if parsed is None:
            raise ValueError(f"not a timestamp: {value!r}")
        stamp = parsed
    return stamp if timezone.is_aware(stamp) else stamp.replace(tzinfo=dt.UTC)
