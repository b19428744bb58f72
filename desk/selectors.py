"""Reads of the desk's own that join both apps: a claim's evidence and the claim list's flags."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from claims.models import Claim
from claims.selectors import without_bodies
from sources.models import ClaimSource, Evidence


def claim_inherited_evidence(*, claim: Claim) -> list[Evidence]:
    """The evidence of the claim this one duplicates: shown by reference, never copied."""
    if claim.duplicate_of_id is None:
        return []
    return list(
        Evidence.objects.filter(claim_id=claim.duplicate_of_id)
        .select_related("source")
        .order_by("pk")
    )


def claims_for_desk() -> QuerySet[Claim]:
    """Claims for the desk's list, with article, assignee and `has_sources` fetched up front."""
    return (
        Claim.objects.select_related("article", "assignee", "reviewer")
        .defer(*without_bodies("article"))
        .annotate(has_sources=Exists(ClaimSource.objects.filter(claim=OuterRef("pk"))))
    )
