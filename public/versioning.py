"""The publication version: a token that changes whenever anything the public can see may change.

Cached public responses are stored with it, so a new token makes every one of them stale at once.
It changes, through model signals (which every service, admin action and task write goes
through), on every save or delete of a claim that is or was published (publishing, unpublishing,
a corrected verdict ...), of an article with published claims, and of any source, claim-source
link or piece of evidence. The few `QuerySet.update()` calls in the project touch only private
state (fetch and extraction status), which the public never sees; anything else that writes
behind the ORM's back should call `publication_version_renew()`.

The token is a database row (public.models.PublicationVersion) written in the same transaction
as the change: other requests see the new token exactly when they can see the new data, and a
cache that is down, or comes back with old entries, cannot make an old body current. Each
thread reads the row again at most every FACTCHECK_PUBLIC_VERSION_RECHECK seconds (at once after
a change it made itself), so a cached response costs no query at all most of the time, and a
change reaches every reader within that time.

What a thread remembers is its own: a token read inside a writing transaction, before it commits,
must never reach another thread, which would store bodies rendered from the old data under it.
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from public.models import PublicationVersion

_ROW = 1
_remembered = threading.local()


def publication_version_forget() -> None:
    """Read the version from the database next time (this thread only)."""
    _remembered.token = None


def publication_version() -> str:
    """The current version, as this thread last read it (or reads it now)."""
    token: str | None = getattr(_remembered, "token", None)
    age = time.monotonic() - getattr(_remembered, "read_at", 0.0)
    if token is not None and age < float(settings.FACTCHECK_PUBLIC_VERSION_RECHECK):
        return token
    token = PublicationVersion.objects.filter(pk=_ROW).values_list("token", flat=True).first()
    if token is None:
        token = PublicationVersion.objects.get_or_create(
            pk=_ROW, defaults={"token": secrets.token_hex(8), "changed_at": timezone.now()}
        )[0].token
    _remembered.token, _remembered.read_at = token, time.monotonic()
    return str(token)


def publication_changed() -> None:
    """Give the public data a new version, in the writing transaction (committed with it)."""
    publication_version_renew()


def publication_version_renew() -> None:
    """A new version now; with the current transaction when there is one."""
    token, now = secrets.token_hex(8), timezone.now()
    if not PublicationVersion.objects.filter(pk=_ROW).update(token=token, changed_at=now):
        PublicationVersion.objects.update_or_create(
            pk=_ROW, defaults={"token": token, "changed_at": now}
        )
    publication_version_forget()
    transaction.on_commit(publication_version_forget)


def _on_change(sender: type, **kwargs: Any) -> None:
    publication_changed()


def _on_article_change(sender: type, instance: Any, **kwargs: Any) -> None:
    # An article is public only through its published claims, and as an appearance of one
    # through a claim marked as repeating it (a claim's own change, including its deletion with
    # the article, bumps the version itself).
    from claims.models import Claim

    in_article = Claim.objects.filter(article_id=instance.pk)
    if in_article.filter(_shows_publicly()).exists():
        publication_changed()


def _shows_publicly() -> Q:
    """Claims the public sees: published ones, and the repeats an editor marked of those."""
    from claims.models import Claim

    return Q(status=Claim.Status.PUBLISHED) | Q(
        duplicate_link=Claim.DuplicateLink.EDITOR, duplicate_of__status=Claim.Status.PUBLISHED
    )


def _remember_claim_was_published(sender: type, instance: Any, **kwargs: Any) -> None:
    from claims.models import Claim

    instance._public_before_save = (
        not instance._state.adding
        and Claim.objects.filter(_shows_publicly(), pk=instance.pk).exists()
    )


def _on_claim_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    # Publishing, unpublishing and every edit of a published claim, and a repeat marked or
    # unmarked (its article is an appearance of the published one); a draft's edits show nowhere.
    from claims.models import Claim

    was_public = getattr(instance, "_public_before_save", True)
    published = instance.status == Claim.Status.PUBLISHED
    if was_public or published or _marks_a_published_claim(instance):
        publication_changed()


def _marks_a_published_claim(instance: Any) -> bool:
    """True for a claim an editor marked as repeating a published one (one query, only then)."""
    from claims.models import Claim

    return (
        instance.duplicate_link == Claim.DuplicateLink.EDITOR
        and instance.duplicate_of_id is not None
        and Claim.objects.filter(
            pk=instance.duplicate_of_id, status=Claim.Status.PUBLISHED
        ).exists()
    )


def connect_signals() -> None:
    """Bump the version on every write that can change what the public sees."""
    from claims.models import Article, Claim, ClaimCorrection
    from sources.models import ClaimSource, Evidence, Source

    uid = "public-version"
    post_save.connect(_on_article_change, sender=Article, dispatch_uid=f"{uid}-article-save")
    post_delete.connect(_on_article_change, sender=Article, dispatch_uid=f"{uid}-article-delete")
    pre_save.connect(_remember_claim_was_published, sender=Claim, dispatch_uid=f"{uid}-claim-pre")
    post_save.connect(_on_claim_saved, sender=Claim, dispatch_uid=f"{uid}-claim-save")
    post_delete.connect(_on_change, sender=Claim, dispatch_uid=f"{uid}-claim-delete")
    # Corrections are shown to readers (the ClaimReview's dateModified, the page's notice).
    post_save.connect(_on_change, sender=ClaimCorrection, dispatch_uid=f"{uid}-correction-save")
    # Links, evidence and sources are few and rarely edited: any write counts.
    for model in (ClaimSource, Evidence, Source):
        label = model._meta.label_lower
        post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-{label}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-{label}-delete")
