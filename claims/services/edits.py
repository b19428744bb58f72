"""Editors' direct changes to an article's description and a claim's extracted fields.

What readers see of a published fact-check is locked (claims.locks): these refuse to change it
and say how to instead.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from claims.locks import article_edit_check, claim_edit_check
from claims.models import Article, Claim
from claims.workflow import EDIT_PERMISSION, claim_save, permission_require


@transaction.atomic
def claim_edit(*, claim: Claim, by: Any) -> Claim:
    """Save an editor's changes to a claim's extracted text, kind or speaker.

    Raises TransitionError without the permission, PublishedLockError for a published claim.
    """
    permission_require(by, EDIT_PERMISSION, "edit claims")
    Claim.objects.select_for_update().filter(pk=claim.pk).first()  # one editor at a time
    claim_edit_check(claim)
    return claim_save(claim, claim, by, "edited")


@transaction.atomic
def article_update(*, article: Article, by: Any) -> Article:
    """Save an editor's changes to an article's title, outlet, author, date or language.

    Raises PublishedLockError when readers see the article through a published fact-check.
    """
    Article.objects.select_for_update().filter(pk=article.pk).first()
    article_edit_check(article)
    article.save()
    return article
