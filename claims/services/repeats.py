"""Repeat alerts: a published fact-check said again somewhere new.

Matching calls `repeat_alerts_raise` in the transaction that stores its matches. A claim that
matches a published fact-check at or above the suggest threshold, and is not published itself,
raises one alert per (fact-check, claim), never twice: the desk sees it on Today's desk and in
the alerts list, the editor who ruled the fact-check gets an e-mail (a job, sent after the
transaction commits), and webhook subscribers get claim.repeated (claims.events). Confirming
the repeat is marking it as a duplicate of the fact-check, which makes it one of the
fact-check's public appearances; until then nothing about it is public.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from claims import events
from claims.models import Claim, RepeatAlert
from jobs.queueing import enqueue_on_commit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Repeat:
    """What matching found: claim `claim_id` says what the published `fact_check_id` checked."""

    fact_check_id: int
    claim_id: int
    claim_status: str
    score: float


def repeat_alerts_raise(repeats: Iterable[Repeat]) -> list[RepeatAlert]:
    """Record the repeats not alerted before; their e-mails go once the transaction commits."""
    wanted: dict[tuple[int, int], Repeat] = {}
    for repeat in repeats:
        if repeat.claim_status == Claim.Status.PUBLISHED or repeat.claim_id == repeat.fact_check_id:
            continue
        key = (repeat.fact_check_id, repeat.claim_id)
        if key not in wanted or repeat.score > wanted[key].score:
            wanted[key] = repeat
    if not wanted:
        return []
    # Only fact-checks that are public now: a claim unpublished since the match was scored
    # raises nothing.
    public = set(
        Claim.objects.filter(
            pk__in={key[0] for key in wanted},
            status=Claim.Status.PUBLISHED,
            published_at__isnull=False,
        ).values_list("pk", flat=True)
    )
    seen = set(
        RepeatAlert.objects.filter(
            fact_check_id__in=public, claim_id__in={key[1] for key in wanted}
        ).values_list("fact_check_id", "claim_id")
    )
    new = [
        RepeatAlert(
            fact_check_id=fact_check,
            claim_id=claim,
            score=round(min(max(repeat.score, 0.0), 1.0), 4),
        )
        for (fact_check, claim), repeat in wanted.items()
        if fact_check in public and (fact_check, claim) not in seen
    ]
    if not new:
        return []
    RepeatAlert.objects.bulk_create(new, ignore_conflicts=True)
    created = list(
        RepeatAlert.objects.filter(
            fact_check_id__in={a.fact_check_id for a in new},
            claim_id__in={a.claim_id for a in new},
            emailed_at__isnull=True,
        )
    )
    created = [a for a in created if (a.fact_check_id, a.claim_id) not in seen]
    for alert in created:
        _email_send(alert.pk)
        events.claim_repeated_send(
            fact_check_id=alert.fact_check_id, claim_id=alert.claim_id, score=alert.score
        )
    return created


def _email_send(alert_id: int) -> None:
    from claims.tasks import email_repeat_alert

    enqueue_on_commit(email_repeat_alert, alert_id)


def repeat_alert_read(*, alert: RepeatAlert, by: object) -> RepeatAlert:
    """Mark an alert as seen by `by` (the desk stops counting it)."""
    if alert.read_at is None:
        RepeatAlert.objects.filter(pk=alert.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=by
        )
        alert.refresh_from_db()
    return alert


def repeat_alerts_unread_count() -> int:
    return RepeatAlert.objects.filter(read_at__isnull=True).count()


def repeat_alert_email(*, alert_id: int) -> bool:
    """E-mail the editor who ruled the fact-check about this repeat, once; False when nobody can
    be written to (no ruling editor, no address) or it was sent already."""
    alert = (
        RepeatAlert.objects.select_related(
            "fact_check", "fact_check__reviewer", "claim", "claim__article"
        )
        .filter(pk=alert_id)
        .first()
    )
    if alert is None or alert.emailed_at is not None:
        return False
    reviewer = alert.fact_check.reviewer
    address = (getattr(reviewer, "email", "") or "").strip()
    if not address:
        return False
    with transaction.atomic():
        # Claim the sending first, so a redelivered job never sends a second e-mail.
        if not RepeatAlert.objects.filter(pk=alert.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now(), emailed_to=address[:254]
        ):
            return False
    context = _email_context(alert)
    message = EmailMultiAlternatives(
        subject=f"Repeated: {str(context['wording'])[:120]}",
        body=render_to_string("claims/email/repeat_alert.txt", context),
        to=[address],
    )
    message.attach_alternative(
        render_to_string("claims/email/repeat_alert.html", context), "text/html"
    )
    try:
        message.send()
    except Exception:
        # Give the job back its chance: the mark is undone so a retry sends it.
        RepeatAlert.objects.filter(pk=alert.pk).update(emailed_at=None, emailed_to="")
        raise
    return True


def _email_context(alert: RepeatAlert) -> dict[str, object]:
    fact_check, claim = alert.fact_check, alert.claim
    article = claim.article
    site = settings.FACTCHECK_SITE_URL
    return {
        "wording": fact_check.published_text or fact_check.text,
        "verdict": fact_check.get_published_verdict_display() or fact_check.get_verdict_display(),
        "repeat": claim.sentence or claim.text,
        "speaker": claim.speaker,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published_on": article.published_on,
        "score": alert.score,
        "claim_link": site + reverse("admin:claims_claim_change", args=[claim.pk]),
        "fact_check_link": site + reverse("public:claim_detail", args=[fact_check.pk]),
    }
