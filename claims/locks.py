"""Published means locked: what readers see of a fact-check changes only through a correction.

A published claim's public fields (its wording, claimant, verdict, rationale, the extracted
text and speaker shown for context), its evidence and linked sources, and the title and outlet
of an article that carries it, are refused to direct edits here; every service that writes them
asks these checks first, so the desk's forms, bulk actions and commands all get the same words.
A correction (claims.corrections) changes the claim's fields, ruled by one editor and published
by a second; anything else (evidence, sources, the article) changes after unpublishing with a
correction note, which readers see too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Model, Q

from claims.corrections import CORRECTABLE
from claims.models import Article, Claim, DuplicateLink
from claims.workflow import TransitionError

PUBLISHED = Claim.Status.PUBLISHED

# The claim as the editor worded and attributed it when ruling.
PUBLISHED_AS = ("published_text", "claimant", "claimant_kind", "claimed_in", "claimed_on")
# What readers see of a claim beside its correction history (the public page, API, ClaimReview);
# public.selectors reads these columns, so whatever the public shows is locked.
CLAIM_PUBLIC_FIELDS = (
    "text",
    "sentence",
    "start",
    "end",
    "kind",
    "speaker",
    "normalized",
    "checkworthiness",
    "checkworthy",
    "verdict",
    "rationale",
    *PUBLISHED_AS,
)
# What readers see of an article that carries a published fact-check (or a marked repeat of one,
# which the ClaimReview lists as an appearance).
ARTICLE_PUBLIC_FIELDS = ("title", "url", "outlet", "author", "published_on", "language")
# How many claim ids a refusal names.
_NAMED = 5


class PublishedLockError(TransitionError):
    """A direct edit of something readers see; the message says how to change it instead."""


def named(ids: Sequence[int]) -> str:
    """A few ids of many, for a refusal's words: "3, 7, 9 and 12 more"."""
    shown = ", ".join(str(pk) for pk in ids[:_NAMED])
    return shown + (f" and {len(ids) - _NAMED:,} more" if len(ids) > _NAMED else "")


def changed_fields(obj: Model, fields: Iterable[str]) -> list[str]:
    """The fields among `fields` whose value on `obj` differs from its stored row."""
    if obj.pk is None:
        return []
    names = list(fields)
    stored = type(obj)._base_manager.filter(pk=obj.pk).values(*names).first()
    if stored is None:
        return []
    return [name for name in names if getattr(obj, name) != stored[name]]


def claim_lock_check(claim: Claim | int, doing: str, *, correctable: bool = False) -> None:
    """Refuse `doing` (e.g. "its evidence changes") on a claim that is published now.

    `correctable`: a correction can make the change (the claim's wording, claimant, verdict,
    rationale); anything else changes after unpublishing with a correction note.
    """
    pk = claim if isinstance(claim, int) else claim.pk
    if not Claim.objects.filter(pk=pk, status=PUBLISHED).exists():
        return
    how = (
        "propose a correction on the claim page (a second editor publishes it)"
        if correctable
        else "unpublish the claim with a correction note, change it, and publish it again"
    )
    raise PublishedLockError(
        f"claim {pk} is published, so {doing} only through a correction: {how}"
    )


def claim_edit_check(claim: Claim) -> None:
    """Refuse saving `claim` when it is published and a field readers see was changed."""
    changed = changed_fields(claim, CLAIM_PUBLIC_FIELDS)
    if changed:
        what = ", ".join(name.replace("_", " ") for name in changed)
        verb = "change" if len(changed) > 1 else "changes"
        correctable = all(name in CORRECTABLE for name in changed)
        claim_lock_check(claim, f"its {what} {verb}", correctable=correctable)


def article_public_claims(article_ids: Iterable[int]) -> list[int]:
    """The published claims readers see the articles through: their own, and the published
    claims that an editor-marked repeat in one of them points to (its ClaimReview appearance)."""
    ids = list(article_ids)
    own = Q(article_id__in=ids)
    repeated = Q(duplicates__article_id__in=ids, duplicates__duplicate_link=DuplicateLink.EDITOR)
    return list(
        Claim.objects.filter(own | repeated, status=PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()[:1000]
    )


def article_edit_check(article: Article) -> None:
    """Refuse saving `article` when readers see it and its title, outlet or the like changed."""
    changed = changed_fields(article, ARTICLE_PUBLIC_FIELDS)
    if not changed:
        return
    public = article_public_claims([article.pk])
    if public:
        what = ", ".join(name.replace("_", " ") for name in changed)
        raise PublishedLockError(
            f"article {article.pk} carries published fact-checks (claims {named(public)}), so"
            f" its {what} cannot be changed directly: unpublish them with a correction note,"
            " change the article, and publish them again"
        )
