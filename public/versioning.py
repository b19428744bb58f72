"""The publication version: a token that changes whenever anything the public can see may change.

Cached public responses are stored with it, so a new token makes every one of them stale at once.
It changes, through model signals (which every service, admin action and task write goes
through), on every save or delete of a claim that is or was published (publishing, unpublishing,
a corrected verdict ...), of an article with published claims, and of any source, claim-source
link or piece of evidence. The few `QuerySet.update()` calls in the project touch only private
state (fetch and extraction status), which the public never sees; anything else that writes
behind the ORM's back should call `publication_version_renew()` after committing.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

# Kept without expiry: losing it (eviction, a flushed cache) only makes a fresh one.
_KEY = "public:publication-version:{database}"


def publication_version_key() -> str:
    """The cache key holding the version (read together with a cached body, in one trip)."""
    # Two deployments (or test runs) sharing one cache server must not share versions.
    return _KEY.format(database=settings.DATABASES["default"]["NAME"])


def publication_version() -> str:
    """The current version; a fresh one is made if the cache has none."""
    version: str | None = cache.get(publication_version_key())
    if version is None:
        cache.add(publication_version_key(), secrets.token_hex(8), None)
        version = cache.get(publication_version_key()) or secrets.token_hex(8)
    return version


def publication_changed() -> None:
    """Give the public data a new version now, and again once the transaction commits.

    The new version right away lets the writing transaction read its own change; the one after
    commit discards anything another request cached from the data as it was before the commit
    (a version is only ever paired with data read after it was issued).
    """
    publication_version_renew()
    transaction.on_commit(publication_version_renew)


def publication_version_renew() -> None:
    """A new version now, whatever the transaction: for writes made behind the ORM's back."""
    cache.set(publication_version_key(), secrets.token_hex(8), None)


def _on_change(sender: type, **kwargs: Any) -> None:
    publication_changed()


def _on_article_change(sender: type, instance: Any, **kwargs: Any) -> None:
    # An article is public only through its published claims (a claim's own change, including
    # its deletion with the article, bumps the version itself).
    from claims.models import Claim

    if Claim.objects.filter(article_id=instance.pk, status=Claim.Status.PUBLISHED).exists():
        publication_changed()


def _remember_claim_was_published(sender: type, instance: Any, **kwargs: Any) -> None:
    from claims.models import Claim

    instance._public_before_save = (
        not instance._state.adding
        and Claim.objects.filter(pk=instance.pk, status=Claim.Status.PUBLISHED).exists()
    )


def _on_claim_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    # Publishing, unpublishing and every edit of a published claim; a draft's edits show nowhere.
    from claims.models import Claim

    was_public = getattr(instance, "_public_before_save", True)
    if was_public or instance.status == Claim.Status.PUBLISHED:
        publication_changed()


def connect_signals() -> None:
    """Bump the version on every write that can change what the public sees."""
    from claims.models import Article, Claim
    from sources.models import ClaimSource, Evidence, Source

    uid = "public-version"
    post_save.connect(_on_article_change, sender=Article, dispatch_uid=f"{uid}-article-save")
    post_delete.connect(_on_article_change, sender=Article, dispatch_uid=f"{uid}-article-delete")
    pre_save.connect(_remember_claim_was_published, sender=Claim, dispatch_uid=f"{uid}-claim-pre")
    post_save.connect(_on_claim_saved, sender=Claim, dispatch_uid=f"{uid}-claim-save")
    post_delete.connect(_on_change, sender=Claim, dispatch_uid=f"{uid}-claim-delete")
    # Links, evidence and sources are few and rarely edited: any write counts.
    for model in (ClaimSource, Evidence, Source):
        label = model._meta.label_lower
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-{label}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-{label}-delete")
