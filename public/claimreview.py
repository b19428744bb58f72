"""schema.org ClaimReview for a published claim, as Google's fact-check markup describes it."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from claims.models import VERDICT_RATINGS, Claim

BEST_RATING = 5
WORST_RATING = 1

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


def speaker_type(name: str) -> str:
    """`Organization` when the name reads like an institution, otherwise `Person`."""
    return "Organization" if _ORGANIZATION_WORDS.search(name) else "Person"


def _claim_author(claim: Claim) -> dict[str, Any] | None:
    if claim.speaker.strip():
        return {"@type": speaker_type(claim.speaker), "name": claim.speaker.strip()}
    if claim.article.outlet.strip():
        return {"@type": "Organization", "name": claim.article.outlet.strip()}
    return None


def _appearance(claim: Claim) -> dict[str, Any]:
    article = claim.article
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    return work


def review_rating(verdict: str, label: str) -> dict[str, Any]:
    """The rating; a verdict without a place on the scale (unverifiable) gives its label only."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    value = VERDICT_RATINGS.get(verdict)
    if value is not None:
        rating.update(ratingValue=value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return rating


def claimreview_for(claim: Claim, *, page_url: str) -> dict[str, Any]:
    """The ClaimReview JSON-LD of a published claim whose public page is at `page_url`."""
    publisher: dict[str, Any] = {"@type": "Organization", "name": settings.FACTCHECK_PUBLISHER_NAME}
    if settings.FACTCHECK_PUBLISHER_URL:
        publisher["url"] = settings.FACTCHECK_PUBLISHER_URL
    item: dict[str, Any] = {"@type": "Claim"}
    author = _claim_author(claim)
    if author:
        item["author"] = author
    if claim.article.published_on:
        item["datePublished"] = claim.article.published_on.isoformat()
    appearance = _appearance(claim)
    # The article is the only appearance we know, hence also the first one we know of.
    item["appearance"] = appearance
    item["firstAppearance"] = appearance
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": page_url,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "author": publisher,
        "reviewRating": review_rating(claim.verdict, claim.get_verdict_display()),
    }
    if claim.published_at:
        review["datePublished"] = claim.published_at.date().isoformat()
    return review


def json_for_script(data: dict[str, Any]) -> SafeString:
    """JSON safe to place between <script> tags: no text in it can close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # every < > & escaped above
