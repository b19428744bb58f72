"""What happened to claims and articles, told to whoever listens above (the webhooks app).

claims may not import the apps above it, so it raises these events as one Django signal,
`event_raised`, sent with `event` (one of EVENTS) and `payload` (a JSON-ready dict). The
services send them through the `*_send` helpers below, which wait for the transaction to commit
(nothing is told of a write that is rolled back) and only then build the payload from the
committed rows.

The payload of a claim event is built from `claims_published()` alone and carries only what the
public page of the fact-check shows: a claim that is not published at commit time (unpublished
again meanwhile, or never published) sends nothing at all. `article.ingested` tells of an article
as the desk imported it: its id, title, URL, outlet and dates, never its text or its claims.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.urls import NoReverseMatch, reverse

from claims.models import Article, Claim, ClaimCorrection, CorrectionState
from claims.selectors import claims_published

CLAIM_PUBLISHED = "claim.published"
CLAIM_CORRECTED = "claim.corrected"
CLAIM_REPEATED = "claim.repeated"
ARTICLE_INGESTED = "article.ingested"
EVENTS = (CLAIM_PUBLISHED, CLAIM_CORRECTED, CLAIM_REPEATED, ARTICLE_INGESTED)

# Sent with event=<one of EVENTS>, payload=<dict of JSON values>, after the commit.
event_raised = Signal()


def _time(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def fact_check_path(claim_id: int) -> str:
    """The path of the fact-check's public page (/claims/ID/), by name, not by import."""
    try:
        return reverse("public:claim_detail", args=[claim_id])
    except NoReverseMatch:  # a project that mounts no public pages
        return f"/claims/{claim_id}/"


def article_payload(article: Article) -> dict[str, Any]:
    """What an event says of an article: its id and how it was published, never its text."""
    return {
        "article_id": article.pk,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published_on": _time(article.published_on),
        "language": article.language,
        "ingested_at": _time(article.created_at),
    }


def fact_check_payload(claim: Claim) -> dict[str, Any]:
    """What an event says of a published fact-check: what its public page shows.

    The caller passes a row from claims_published(); the verdict is the published one.
    """
    verdict = claim.published_verdict or claim.verdict
    article = claim.article
    return {
        "claim_id": claim.pk,
        "url_path": fact_check_path(claim.pk),
        "wording": claim.published_text,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimed_in": claim.claimed_in,
        "claimed_on": _time(claim.claimed_on),
        "verdict": verdict,
        "verdict_label": str(Claim.Verdict(verdict).label) if verdict else "",
        "rationale": claim.rationale,
        "published_at": _time(claim.published_at),
        "updated_at": _time(claim.updated_at),
        "article": {
            "article_id": article.pk,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
            "published_on": _time(article.published_on),
        },
    }


def _published(claim_id: int) -> Claim | None:
    return (
        claims_published()
        .select_related("article")
        .defer("article__raw_input", "article__clean_text")
        .filter(pk=claim_id)
        .first()
    )


def _raise(event: str, payload: dict[str, Any]) -> None:
    # send_robust: a receiver that fails must not break the request whose write is committed
    # already; Django logs its exception (webhooks keep their own record of what they sent).
    event_raised.send_robust(sender=event, event=event, payload=payload)


def claim_published_payload(claim_id: int) -> dict[str, Any] | None:
    """The claim.published payload; None when the claim is not published."""
    claim = _published(claim_id)
    return fact_check_payload(claim) if claim is not None else None


def claim_corrected_payload(claim_id: int, correction_id: int) -> dict[str, Any] | None:
    """The claim.corrected payload: the fact-check as corrected and the correction's notice."""
    claim = _published(claim_id)
    correction = ClaimCorrection.objects.filter(
        pk=correction_id, claim_id=claim_id, state=CorrectionState.PUBLISHED
    ).first()
    if claim is None or correction is None:
        return None
    payload = fact_check_payload(claim)
    payload["correction"] = {
        "kind": correction.kind,
        "corrected_at": _time(correction.published_at),
        "previous_verdict": correction.previous_verdict,
        "verdict": correction.verdict,
        "changes": correction.changes,
        "explanation": correction.note,
    }
    return payload


def claim_repeated_payload(
    fact_check_id: int, claim_id: int, score: float
) -> dict[str, Any] | None:
    """The claim.repeated payload: the published fact-check, and where its repeat appeared.

    The repeating claim is unpublished work: only its id, its score and its article's
    metadata (as article.ingested tells it) go out, never its text.
    """
    fact_check = _published(fact_check_id)
    repeat = (
        Claim.objects.select_related("article")
        .defer("article__raw_input", "article__clean_text")
        .filter(pk=claim_id)
        .first()
    )
    if fact_check is None or repeat is None:
        return None
    payload = fact_check_payload(fact_check)
    payload["repeat"] = {
        "claim_id": repeat.pk,
        "score": round(float(score), 4),
        "article": article_payload(repeat.article),
    }
    return payload


def article_ingested_payload(article_id: int) -> dict[str, Any] | None:
    article = Article.objects.defer("raw_input", "clean_text").filter(pk=article_id).first()
    return article_payload(article) if article is not None else None


def _on_commit(event: str, build: Any, *args: Any) -> None:
    def send() -> None:
        payload = build(*args)
        if payload is not None:
            _raise(event, payload)

    # robust: the write is committed; an event that cannot be built or told (the database gone
    # a moment) is logged by Django, never turned into an error of the request that wrote.
    transaction.on_commit(send, robust=True)


def claim_published_send(*, claim_id: int) -> None:
    """Raise claim.published once the publishing transaction commits."""
    _on_commit(CLAIM_PUBLISHED, claim_published_payload, claim_id)


def claim_corrected_send(*, claim_id: int, correction_id: int) -> None:
    """Raise claim.corrected once the correction's publication commits."""
    _on_commit(CLAIM_CORRECTED, claim_corrected_payload, claim_id, correction_id)


def claim_repeated_send(*, fact_check_id: int, claim_id: int, score: float) -> None:
    """Raise claim.repeated: claim `claim_id` repeats the published fact-check `fact_check_id`
    with the matcher's `score` (0 to 1), once the current transaction commits.

    Nothing is sent when the fact-check is not published by then.
    """
    _on_commit(CLAIM_REPEATED, claim_repeated_payload, fact_check_id, claim_id, score)


def article_ingested_send(*, article_id: int) -> None:
    """Raise article.ingested once the article's creation commits."""
    _on_commit(ARTICLE_INGESTED, article_ingested_payload, article_id)
