"""Articles in: pasted text, uploaded files, and pages fetched by URL in the background."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

import fetching
from claims import extraction
from claims.events import article_ingested_send
from claims.extraction.cleaning import looks_like_html, prepare_document
from claims.extraction.model import PageMetadata
from claims.models import Article
from claims.services.extraction import article_extraction_queue
from fetching.urls import shown
from jobs.queueing import enqueue_on_commit

logger = logging.getLogger(__name__)

_WHITESPACE = re.compile(r"\s+")

ArticleInputError = extraction.ExtractionError
"""Raised for input that cannot become an article (empty, binary, too large, no text)."""

# What an editor may give with an article, and how long each may be (the columns' widths).
_FIELD_LIMITS = {"outlet": 200, "author": 300}
_TITLE_LIMIT = 500
_LANGUAGE_LIMIT = 16
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace folded and case ignored: one article, one hash."""
    normalized = _WHITESPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _utf16_without_mark(head: bytes) -> str | None:
    """'utf-16-le' or '-be' when the bytes look like mostly-ASCII UTF-16 with no byte-order mark
    (every other byte zero), as some Windows tools save text; None otherwise."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def document_decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM) or UTF-16; anything else is refused."""
    head = data[:65536]
    codec: str | None
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return _decoded(data[len(bom) :], codec)
    codec = _utf16_without_mark(head[:4096])
    if codec is not None:
        return _decoded(data, codec)
    if b"\x00" in head:
        raise extraction.BinaryInputError("the file looks like binary data, not text or HTML")
    return _decoded(data, "utf-8-sig")


def _decoded(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if codec.startswith("utf-8") else codec.upper()
        raise extraction.UndecodableInputError(
            f"the file is not {name} text (undecodable byte at position {exc.start})"
        ) from None
    if "\x00" in text[:65536]:
        raise extraction.BinaryInputError("the file looks like binary data, not text or HTML")
    return text


def _cut(value: str | None, limit: int) -> str:
    """A page's value cut to the column's width, at a word when there is one near the end."""
    value = (value or "").strip()
    if len(value) <= limit:
        return value
    cut = value[:limit]
    space = cut.rfind(" ")
    return cut[:space].rstrip(" ,;") if space > limit // 2 else cut


def _page_url(metadata: PageMetadata | None) -> str:
    """The page's canonical URL when no other article has it: a CMS that gives every page the
    same canonical address must not turn a new article into an old one."""
    if metadata is None or not metadata.url:
        return ""
    try:
        url = fetching.normalize_url(metadata.url)
    except fetching.FetchError:
        return ""
    max_length = Article._meta.get_field("url").max_length or 0  # a URLField always has one
    if len(url) > max_length or urlsplit(url).path in ("", "/"):
        return ""
    return "" if Article.objects.filter(url=url).exists() else url


def _page_fields(
    metadata: PageMetadata | None, *, outlet: str, author: str, published_on: dt.date | None
) -> dict[str, object]:
    """Outlet, author, date and language: the editor's when given, else what the page says."""
    fields: dict[str, object] = {"outlet": outlet, "author": author, "published_on": published_on}
    if metadata is None:
        return fields
    fields["outlet"] = outlet or _cut(metadata.site_name, _FIELD_LIMITS["outlet"])
    fields["author"] = author or _cut(metadata.author, _FIELD_LIMITS["author"])
    fields["published_on"] = published_on or metadata.published
    if metadata.language:
        fields["language"] = metadata.language[:_LANGUAGE_LIMIT]
    return fields


def _headline(title: str, metadata: PageMetadata | None, clean: str) -> str:
    """The editor's title, else the page's headline, else the article's first line."""
    headline = title.strip() or (metadata.title if metadata and metadata.title else "")
    if not headline:
        headline = next((ln.strip() for ln in clean.splitlines() if ln.strip()), "")
    return _cut(headline, _TITLE_LIMIT)


# UTF-8 spends at most four bytes on a character (UTF-16 at most four as well).
UPLOAD_BYTES_PER_CHAR = 4


def article_upload_limit() -> int:
    """The largest file accepted, in bytes: the character limit at four bytes a character."""
    return UPLOAD_BYTES_PER_CHAR * int(settings.FACTCHECK_MAX_ARTICLE_CHARS)


def article_upload_check(*, size: int) -> None:
    """Refuse a file too large to hold an accepted article, before it is read into memory."""
    limit = article_upload_limit()
    if size > limit:
        raise ArticleInputError(
            f"the file is {size:,} bytes; at most {limit:,} are accepted (an article is at most"
            f" {settings.FACTCHECK_MAX_ARTICLE_CHARS:,} characters)"
        )


def _article_text(page_clean: str) -> str:
    """The clean text, refused when cleaning left nothing (a paste of menus and notices)."""
    if not page_clean.strip():
        raise extraction.NoArticleTextError(
            "no article text is left once boilerplate (navigation, sharing and subscription"
            " notices, copyright lines) is removed; paste the article's own text"
        )
    return page_clean


class ArticleURLTakenError(ArticleInputError):
    """The original URL given with pasted or uploaded text is another article's already."""

    def __init__(self, url: str, article: Article) -> None:
        super().__init__(
            f"{url} is already the URL of article #{article.pk} ('{str(article)[:80]}');"
            " one URL belongs to one article"
        )
        self.url = url
        self.article = article


def article_original_url(url: str) -> str:
    """The original URL of a pasted or uploaded article, normalized as page URLs are ("" for
    none); ArticleInputError when it is not an http(s) address that fits the column."""
    if not url.strip():
        return ""
    try:
        normalized = fetching.normalize_url(url)
    except fetching.BlockedAddressError:
        raise ArticleInputError(
            f"the original URL must be an http or https address with a host: {shown(url)}"
        ) from None
    except fetching.FetchError as exc:
        raise ArticleInputError(f"the original URL cannot be used: {exc}") from None
    limit = Article._meta.get_field("url").max_length or 0
    if len(normalized) > limit:
        raise ArticleInputError(
            f"the original URL is {len(normalized):,} characters long; at most {limit:,} fit"
        )
    return normalized


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def _checked_fields(outlet: str, author: str) -> None:
    for name, value in (("outlet", outlet), ("author", author)):
        limit = _FIELD_LIMITS[name]
        if len(value) > limit:
            raise ArticleInputError(
                f"the {name} is {len(value):,} characters long; at most {limit} are accepted"
            )


def article_ingest(
    *,
    raw_input: str | bytes,
    title: str = "",
    url: str = "",
    outlet: str = "",
    author: str = "",
    published_on: dt.date | None = None,
    created_by: User | None = None,
    queue_extraction: bool = True,
) -> IngestResult:
    """Store an article and queue its extraction; the same text returns the existing one.

    `url` is where the text was published (its original URL), normalized as page URLs are.
    For an HTML page, the fields the editor left empty come from the page's metadata (title,
    author, outlet, date, language, and its canonical URL when no URL was given).
    Raises ArticleInputError (with a readable message) for input that holds no article: empty,
    binary, too large (a file over article_upload_limit() bytes), or nothing left once cleaned;
    for a URL that is not http(s); and ArticleURLTakenError for a URL another article has.
    """
    _checked_fields(outlet, author)
    given_url = article_original_url(url)
    if isinstance(raw_input, bytes):
        article_upload_check(size=len(raw_input))
    text = document_decode(raw_input) if isinstance(raw_input, bytes) else raw_input
    page = prepare_document(text, settings.FACTCHECK_MAX_ARTICLE_CHARS)
    clean = _article_text(page.clean)
    digest = content_hash(clean)
    # The text says whether the article is known; a URL is only checked to be free.
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return IngestResult(existing, created=False)
    if given_url:
        _url_free(given_url)
    stored_url = given_url or _page_url(page.metadata)
    fields = _page_fields(page.metadata, outlet=outlet, author=author, published_on=published_on)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=_headline(title, page.metadata, clean),
                url=stored_url,
                **fields,
                raw_input=text,
                input_format=(
                    Article.InputFormat.HTML if looks_like_html(text) else Article.InputFormat.TEXT
                ),
                clean_text=clean,
                content_hash=digest,
                created_by=created_by,
            )
            article_ingested_send(article_id=article.pk)
            if queue_extraction:
                article_extraction_queue(article=article)
    except IntegrityError:
        # Another request stored the same article, or took the URL, between our look-up and
        # our insert.
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is not None:
            return IngestResult(existing, created=False)
        if given_url:
            _url_free(given_url)
        existing = Article.objects.filter(url=stored_url).first() if stored_url else None
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def _url_free(url: str) -> None:
    taken = Article.objects.filter(url=url).first()
    if taken is not None:
        raise ArticleURLTakenError(url, taken)


def article_import_url(
    *,
    url: str,
    title: str = "",
    outlet: str = "",
    author: str = "",
    published_on: dt.date | None = None,
    language: str = "",
    created_by: User | None = None,
) -> IngestResult:
    """Store an article for `url` and queue the fetch of its page; extraction follows the fetch.

    `language` is what the article is taken to be in until its page says (a watched outlet's).

    No request is sent while the caller waits (only the host's addresses are checked, within
    the connect timeout): the article shows "fetching the page" until a worker has fetched it.
    A URL imported before returns that article (its fetch is tried again when it failed).
    Raises fetching.FetchError for a URL that can never be fetched (malformed, too long, an
    internal address) and ArticleInputError for fields that are too long.
    """
    normalized = fetching.url_check(url)
    _checked_fields(outlet, author)
    existing = Article.objects.filter(url=normalized).first()
    if existing is not None:
        if existing.extraction_status == Article.ExtractionStatus.FAILED and not existing.raw_input:
            with transaction.atomic():
                article_page_fetch_queue(article=existing)
        return IngestResult(existing, created=False)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title.strip()[:500],
                url=normalized,
                outlet=outlet,
                author=author,
                published_on=published_on,
                **({"language": language[:_LANGUAGE_LIMIT]} if language.strip() else {}),
                input_format=Article.InputFormat.HTML,
                extraction_status=Article.ExtractionStatus.FETCHING,
                extraction_state_at=timezone.now(),
                created_by=created_by,
            )
            article_page_fetch_queue(article=article)
    except IntegrityError:  # the same URL imported by another request a moment ago
        existing = Article.objects.filter(url=normalized).first()
        if existing is None:
            raise
        return IngestResult(existing, created=False)
    return IngestResult(article, created=True)


def article_page_fetch_queue(*, article: Article) -> None:
    """Mark the article's page as to be fetched and send the fetch once the transaction commits."""
    from claims.tasks import fetch_article_page

    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.FETCHING,
        extraction_error="",
        extraction_state_at=now,
        page_fetch_attempts=0,
        page_fetch_retry_at=None,
        updated_at=now,
    )
    article.extraction_status = Article.ExtractionStatus.FETCHING
    article.extraction_error = ""
    article_id = article.pk
    enqueue_on_commit(
        fetch_article_page, article_id, on_failure=lambda reason: _not_sent(article_id, reason)
    )


def _not_sent(article_id: int, reason: str) -> None:
    Article.objects.filter(
        pk=article_id,
        extraction_status__in=[Article.ExtractionStatus.FETCHING, Article.ExtractionStatus.QUEUED],
    ).update(extraction_error=f"waiting for a worker: {reason}; it is sent again automatically")


def article_page_fetch(*, article_id: int) -> bool:
    """Fetch the article's page, store its text and queue its extraction.

    Returns False when there was nothing to do (fetched already, or deleted). Raises
    fetching.FetchError (the task decides about retrying) and ArticleInputError for a page
    that holds no article.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.extraction_status != Article.ExtractionStatus.FETCHING:
        return False  # deleted, or fetched by another message already
    document = fetching.fetch(article.url)
    page = prepare_document(document.text, settings.FACTCHECK_MAX_ARTICLE_CHARS)
    clean = _article_text(page.clean)
    digest = content_hash(clean)
    same_text = Article.objects.filter(content_hash=digest).exclude(pk=article_id).first()
    if same_text is not None:
        raise ArticleInputError(_same_text(same_text))
    # The URL stays the one imported; the rest the editor left empty comes from the page.
    fields = _page_fields(
        page.metadata,
        outlet=article.outlet,
        author=article.author,
        published_on=article.published_on,
    )
    try:
        with transaction.atomic():
            stored = Article.objects.filter(
                pk=article_id, extraction_status=Article.ExtractionStatus.FETCHING
            ).update(
                title=_headline(article.title, page.metadata, clean),
                **fields,
                raw_input=document.text,
                input_format=(
                    Article.InputFormat.HTML
                    if document.kind == "html" or looks_like_html(document.text)
                    else Article.InputFormat.TEXT
                ),
                clean_text=clean,
                content_hash=digest,
                page_fetch_attempts=0,
                page_fetch_retry_at=None,
                updated_at=timezone.now(),
            )
            if stored:
                # An article imported by URL is told of once its page is its text: only then
                # has it the title and outlet the event carries.
                article_ingested_send(article_id=article_id)
                article_extraction_queue(article=Article.objects.get(pk=article_id))
    except IntegrityError:  # another article with the same text was stored meanwhile
        same_text = Article.objects.filter(content_hash=digest).exclude(pk=article_id).first()
        raise ArticleInputError(_same_text(same_text)) from None
    return bool(stored)


def _same_text(article: Article | None) -> str:
    if article is None:
        return "the page's text is the same as another article's"
    return f"the page's text is the same as article #{article.pk} ('{str(article)[:80]}')"


def article_page_fetch_fail(*, article_id: int, message: str, attempts: int = 1) -> None:
    """The page could not become the article's text: say why (the URL may be imported again)."""
    now = timezone.now()
    Article.objects.filter(
        pk=article_id, extraction_status=Article.ExtractionStatus.FETCHING
    ).update(
        extraction_status=Article.ExtractionStatus.FAILED,
        extraction_error=message[:2000],
        extraction_state_at=now,
        page_fetch_attempts=attempts,
        page_fetch_retry_at=None,
        updated_at=now,
    )


def article_page_fetch_retrying(
    *, article_id: int, attempts: int, error: str, next_attempt_at: dt.datetime
) -> None:
    """Record that the page fetch met a temporary error and is tried again at `next_attempt_at`."""
    Article.objects.filter(
        pk=article_id, extraction_status=Article.ExtractionStatus.FETCHING
    ).update(
        extraction_error=error[:2000],
        # Due then: recovery leaves a fetch that waits for its retry alone until it is late.
        extraction_state_at=next_attempt_at,
        page_fetch_attempts=attempts,
        page_fetch_retry_at=next_attempt_at,
        updated_at=timezone.now(),
    )
