"""The morning e-mail: each active subscriber with an address gets the morning list once a day.

A write, so not in watching.digest (which only reads). Each subscription is claimed before its
e-mail goes, with a conditional update of `last_sent_at`: two beats, or a redelivered job, never
send one editor two e-mails, and a subscriber already written to today (in TIME_ZONE) is skipped.
The list runs from the last e-mail (a day back for the first), so nothing falls between two.
An empty list is still sent, as a short "nothing new" note: an editor can then tell a quiet
morning from a broken e-mail.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from watching.digest import MorningItem, MorningList, morning_list, morning_since
from watching.models import DigestSubscription, Topic

logger = logging.getLogger(__name__)


class DigestSendError(Exception):
    """The mail server could not take the e-mail now; the job tries again later."""

    temporary = True


def digest_subscriptions_due(now: dt.datetime | None = None) -> list[int]:
    """The ids of active subscriptions of active users with an address not written to today."""
    now = now or timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        DigestSubscription.objects.filter(active=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(last_sent_at__gte=start_of_today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def morning_digest_send(*, subscription_id: int, now: dt.datetime | None = None) -> bool:
    """Send one subscriber the list since their last e-mail; False when it is not due."""
    now = now or timezone.now()
    subscription = (
        DigestSubscription.objects.select_related("user").filter(pk=subscription_id).first()
    )
    if subscription is None or not subscription.active or not subscription.user.is_active:
        return False
    address = (subscription.user.email or "").strip()
    if not address:
        return False
    previous = subscription.last_sent_at
    if previous is not None and timezone.localdate(previous) == timezone.localdate(now):
        return False
    claimed = DigestSubscription.objects.filter(pk=subscription.pk, last_sent_at=previous)
    if previous is None:
        claimed = DigestSubscription.objects.filter(pk=subscription.pk, last_sent_at__isnull=True)
    if not claimed.update(last_sent_at=now):
        return False  # sent by another job meanwhile
    topics = list(subscription.topics.all())
    listing = morning_list(since=previous or morning_since(now), until=now, topics=topics)
    message = digest_message(listing=listing, to=address, topics=topics)
    try:
        message.send()
    except Exception as exc:
        # Undo the claim so that the job's retry (or tomorrow's beat) sends it.
        DigestSubscription.objects.filter(pk=subscription.pk, last_sent_at=now).update(
            last_sent_at=previous
        )
        if isinstance(exc, (smtplib.SMTPException, OSError)):
            raise DigestSendError(f"the mail server refused or was unreachable: {exc}") from exc
        raise
    logger.info(
        "morning list of %d claim(s) sent to subscription %s", len(listing), subscription.pk
    )
    return True


def digest_message(
    *, listing: MorningList, to: str, topics: Sequence[Topic] = ()
) -> EmailMultiAlternatives:
    """The e-mail of a morning list, plain text with an HTML alternative."""
    site = settings.FACTCHECK_SITE_URL
    count = len(listing)

    def rows(items: list[MorningItem]) -> list[dict[str, object]]:
        return [
            {
                "item": item,
                "link": site + reverse("admin:claims_claim_change", args=[item.claim.pk]),
            }
            for item in items
        ]

    context = {
        "listing": listing,
        "count": count,
        "new": rows(listing.new),
        "repeats": rows(listing.repeats),
        "topics": ", ".join(topic.name for topic in topics),
        "page_link": site + reverse("admin:claims_claim_morning"),
    }
    if count:
        subject = f"To check today: {count} claim{'' if count == 1 else 's'}"
        subject += "+" if listing.truncated else ""
    else:
        subject = "To check today: nothing new"
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("watching/email/morning.txt", context), to=[to]
    )
    message.attach_alternative(
        render_to_string("watching/email/morning.html", context), "text/html"
    )
    return message
