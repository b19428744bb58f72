"""Linking sources to claims."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from claims.models import Claim
from sources.models import ClaimSource, FetchStatus, Source
from sources.services.snapshots import source_add, source_fetch_queue
from sources.services.verification import claim_verification_queue


@dataclass(frozen=True)
class LinkResult:
    link: ClaimSource
    source: Source
    created: bool


@transaction.atomic
def claim_source_link(
    *, claim: Claim, url: str, added_by: AbstractBaseUser | None = None
) -> LinkResult:
    """Link a source to a claim; queue its fetch (new source) or the claim's verification."""
    source, source_created = source_add(url=url, created_by=added_by)
    link, created = ClaimSource.objects.get_or_create(
        claim=claim, source=source, defaults={"added_by": added_by}
    )
    if created and not source_created and source.snapshots.exists():
        claim_verification_queue(claim=claim)
    elif created and not source_created and source.fetch_status != FetchStatus.FETCHING:
        source_fetch_queue(source=source)
    return LinkResult(link, source, created)
