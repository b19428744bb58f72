"""Linking sources to claims."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from claims.locks import claim_lock_check
from claims.models import Claim
from sources.models import ClaimSource, FetchStatus, Source
from sources.services.snapshots import source_add, source_fetch_queue
from sources.services.verification import claim_verification_queue


@dataclass(frozen=True)
class LinkResult:
    link: ClaimSource
    source: Source
    created: bool
    fetching_again: bool = False  # linked already, but its last fetch failed: fetched again


class SourceLinkError(ValueError):
    """A step on a claim's sources that cannot be taken now, with the reason in words."""


# A source in one of these states has no good text from its last try: linking it again (or
# "Fetch again" on the claim page) sends a new fetch.
REFETCHABLE = frozenset({FetchStatus.FAILED, FetchStatus.DEAD})


@transaction.atomic
def claim_source_link(*, claim: Claim, url: str, added_by: User | None = None) -> LinkResult:
    """Link a source to a claim; queue its fetch (new source) or the claim's verification.

    Raises PublishedLockError for a published claim, whose sources readers see.
    """
    claim_lock_check(claim, "its sources change")
    source, source_created = source_add(url=url, created_by=added_by)
    link, created = ClaimSource.objects.get_or_create(
        claim=claim, source=source, defaults={"added_by": added_by}
    )
    if not created:
        if source.fetch_status in REFETCHABLE:
            source_fetch_queue(source=source)
            return LinkResult(link, source, created, fetching_again=True)
        return LinkResult(link, source, created)
    if not source_created and source.snapshots.exists():
        claim_verification_queue(claim=claim)
    elif not source_created and source.fetch_status != FetchStatus.FETCHING:
        source_fetch_queue(source=source)
    return LinkResult(link, source, created)


@transaction.atomic
def claim_source_fetch_again(*, claim: Claim, source_id: int, by: User | None = None) -> Source:
    """Send a new fetch of a source linked to the claim (after a failure, or for a newer copy).

    Raises SourceLinkError when the claim has no such source or it is being fetched now.
    """
    link = (
        ClaimSource.objects.filter(claim=claim, source_id=source_id)
        .select_related("source")
        .first()
    )
    if link is None:
        raise SourceLinkError(f"claim {claim.pk} has no such linked source")
    source = Source.objects.select_for_update().get(pk=link.source_id)
    if source.fetch_status == FetchStatus.FETCHING:
        raise SourceLinkError(f"{source.url} is being fetched now; its result shows here soon")
    source_fetch_queue(source=source)
    return source


def claim_source_unlink(*, link: ClaimSource, by: User | None = None) -> None:
    """Take a source off a claim; the source, its snapshots and the claim's evidence stay.

    Raises PublishedLockError for a published claim.
    """
    claim_lock_check(link.claim_id, "its sources change")
    link._history_user = by  # type: ignore[attr-defined]
    link.delete()
