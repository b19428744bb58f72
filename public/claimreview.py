"""schema.org ClaimReview for a published claim, as Google's fact-check markup describes it."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from claims.models import Article, Claim
from claims.verdicts import BEST_RATING, WORST_RATING, verdict_rating
from public import selectors

# A speaker naming one of these is an institution, not a person ("the Ministry of Finance",
# "Acme Corp", "the city council"). Anything else non-empty is taken for a person.
_ORGANIZATION_WORDS = re.compile(
    r"\b(ministry|ministries|department|council|authority|authorities|league|office|company|"
    r"corporation|corp|inc|ltd|llc|plc|gmbh|agency|bureau|commission|committee|government|"
    r"parliament|senate|congress|party|union|association|federation|institute|university|"
    r"bank|board|administration|organisation|organization|foundation|group|police|"
    r"court|service|statistics|society|club|team|newspaper|times|news)\b",
    re.IGNORECASE,
)

# JSON inside <script> must not contain "</script>", "<!--" or an HTML-significant character.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def public_wording(claim: Claim) -> str:
    """The claim as published: the editor's wording (the extracted text for older rows)."""
    return claim.published_text.strip() or claim.text


def speaker_type(name: str) -> str:
    """`Organization` when the name reads like an institution, otherwise `Person`."""
    return "Organization" if _ORGANIZATION_WORDS.search(name) else "Person"


_CLAIMANT_TYPES: dict[str, str] = {
    Claim.ClaimantKind.PERSON: "Person",
    Claim.ClaimantKind.ORGANIZATION: "Organization",
}


def _claim_author(claim: Claim) -> dict[str, Any] | None:
    """Who made the claim: the claimant as the editor confirmed it.

    Claims ruled before the editor named the claimant fall back to the extracted speaker, typed
    by the name's look; nothing newer is guessed.
    """
    kind = _CLAIMANT_TYPES.get(claim.claimant_kind)
    if claim.claimant.strip() and kind:
        return {"@type": kind, "name": claim.claimant.strip()}
    if claim.speaker.strip() and not claim.claimant_kind:
        return {"@type": speaker_type(claim.speaker), "name": claim.speaker.strip()}
    if claim.article.outlet.strip():
        return {"@type": "Organization", "name": claim.article.outlet.strip()}
    return None


def _appearance(article: Article) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.language:
        work["inLanguage"] = article.language
    return work


def _known_articles(claim: Claim) -> list[Article]:
    """The claim's article, then those of the claims an editor marked as repeating it.

    Only an editor's mark counts: an automatic link is a suggestion, and a wrong appearance in
    published markup would tell readers the claim was made where it was not. The selector
    prefetches the repeats as `marked_repeats`; without it there is one query.
    """
    repeats = getattr(claim, "marked_repeats", None)
    if repeats is None:
        repeats = list(selectors.claim_marked_repeats().filter(duplicate_of=claim))
    articles = [claim.article]
    seen = {claim.article_id}
    for repeat in repeats:
        if repeat.article_id not in seen:
            seen.add(repeat.article_id)
            articles.append(repeat.article)
    return articles


def _first_known(articles: list[Article]) -> Article | None:
    """The earliest dated appearance, when there are several to compare and one is strictly
    earliest; else nobody knows (two on the same day may have come in either order)."""
    dated = sorted(
        (article for article in articles if article.published_on),
        key=lambda article: article.published_on or dt.date.min,
    )
    if len(dated) < 2 or dated[0].published_on == dated[1].published_on:
        return None
    return dated[0]


def review_rating(verdict: str, label: str) -> dict[str, Any]:
    """The rating; a verdict without a place on the scale (unverifiable) gives its label only."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    value = verdict_rating(verdict)
    if value is not None:
        rating.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return rating


def claimreview_page_url(request: HttpRequest, claim: Claim) -> str:
    """The absolute URL of the claim's public page, the review's `url`, without any query."""
    return request.build_absolute_uri(reverse("public:claim_detail", args=[claim.pk]))


def claimreview_for(claim: Claim, *, page_url: str) -> dict[str, Any]:
    """The ClaimReview JSON-LD of a published claim whose public page is at `page_url`."""
    publisher: dict[str, Any] = {"@type": "Organization", "name": settings.FACTCHECK_PUBLISHER_NAME}
    if settings.FACTCHECK_PUBLISHER_URL:
        publisher["url"] = settings.FACTCHECK_PUBLISHER_URL
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(claim)
    if author:
        item["author"] = author
    said_on = claim.claimed_on or claim.article.published_on
    if said_on:
        item["datePublished"] = said_on.isoformat()
    articles = _known_articles(claim)
    item["appearance"] = [_appearance(article) for article in articles]
    first = _first_known(articles)
    if first is not None:
        item["firstAppearance"] = _appearance(first)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": public_wording(claim),
        "itemReviewed": item,
        "author": publisher,
        "reviewRating": review_rating(claim.verdict, claim.get_verdict_display()),
    }
    if claim.article.language:
        review["inLanguage"] = claim.article.language
    if claim.published_at:
        review["datePublished"] = claim.published_at.date().isoformat()
        modified = last_modified(claim)
        if modified is not None and modified > claim.published_at:
            review["dateModified"] = modified.isoformat()
    return review


def last_modified(claim: Claim) -> dt.datetime | None:
    """When readers last saw the fact-check change: its publication or its latest correction."""
    corrections = getattr(claim, "public_corrections", None)
    if corrections is None:
        corrections = list(selectors.claim_corrections().filter(claim=claim))
    return last_modified_of(claim.published_at, [c.published_at for c in corrections])


def last_modified_of(
    published_at: dt.datetime | None, corrected_at: list[dt.datetime]
) -> dt.datetime | None:
    """The latest of a publication time and its corrections' times (None when none is known)."""
    return max(
        [stamp for stamp in [published_at, *corrected_at] if stamp is not None], default=None
    )


def json_for_script(data: dict[str, Any]) -> SafeString:
    """JSON safe to place between <script> tags: no text in it can close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # every < > & escaped above
