"""Writes for articles and claims. Admin, commands, API and tasks call these."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction

from claims.models import Article

_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace folded and case ignored: one article, one hash."""
    normalized = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def article_ingest(
    *,
    raw_input: str,
    title: str = "",
    url: str = "",
    outlet: str = "",
    author: str = "",
    published_on: dt.date | None = None,
    created_by: AbstractBaseUser | None = None,
) -> tuple[Article, bool]:
    """Store an article, or return the existing one with the same URL or text (created=False)."""
    clean_text = raw_input.strip()
    digest = content_hash(clean_text)
    existing = _article_find(url=url, digest=digest)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title,
                url=url,
                outlet=outlet,
                author=author,
                published_on=published_on,
                raw_input=raw_input,
                clean_text=clean_text,
                content_hash=digest,
                created_by=created_by,
            )
    except IntegrityError:
        # Another process stored the same article between our look-up and our insert.
        existing = _article_find(url=url, digest=digest)
        if existing is None:
            raise
        return existing, False
    return article, True


def _article_find(*, url: str, digest: str) -> Article | None:
    if url:
        by_url = Article.objects.filter(url=url).first()
        if by_url is not None:
            return by_url
    return Article.objects.filter(content_hash=digest).first()
