"""Every write of the webhooks app: subscriptions, deliveries and each attempt at one.

A delivery is a row first and a message second: the row is created with the event's payload
in the transaction that raised the event's receiver, and the task is queued once it commits
(jobs.queueing), so a delivery whose message is lost is still in the log, pending, and is sent
again by recovery. Attempts are recorded on the row as they happen; the task's retry policy
(jobs.policy) decides whether a failure is tried again or ends the delivery failed.

A delivery may reach its receiver more than once (a retry after a timeout the receiver had in
fact answered, a message delivered twice): it carries the same id and body every time, so the
receiver can drop one it has seen.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

import fetching
from claims.events import EVENTS
from fetching.urls import parse_url
from jobs.queueing import enqueue_on_commit
from webhooks.models import (
    ATTEMPT_LOG_KEPT,
    SECRET_PREFIX,
    TEST_EVENT,
    Delivery,
    DeliveryState,
    Subscription,
)
from webhooks.signing import signature_of

OPEN_STATES = (DeliveryState.PENDING, DeliveryState.RETRYING)
# The longest error kept on a delivery; receivers' answers are quoted shorter than this.
_ERROR_MAX = 2000


class SubscriptionError(ValueError):
    """A subscription that cannot be saved as given; the message says why."""


def webhook_policy() -> fetching.PostPolicy:
    """The limits every delivery is posted under (FACTCHECK_WEBHOOK_*, FACTCHECK_FETCH_*)."""
    return fetching.PostPolicy(
        allowed_hosts=frozenset(h.lower() for h in settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS),
        connect_timeout=settings.FACTCHECK_FETCH_CONNECT_TIMEOUT,
        read_timeout=settings.FACTCHECK_WEBHOOK_TIMEOUT,
        total_timeout=settings.FACTCHECK_WEBHOOK_TIMEOUT,
    )


def webhook_url_check(url: str) -> str:
    """The URL, stripped, when deliveries may go to it; fetching.FetchError saying why not.

    The same rules as the fetcher's (http(s), no private, loopback or link-local address unless
    the host is in FACTCHECK_WEBHOOK_ALLOWED_HOSTS), checked again at every delivery.
    """
    url = url.strip()
    policy = webhook_policy()
    parse_url(url)  # its refusals speak of URLs; url_check's, normalizing, of sources
    fetching.url_check(
        url,
        policy=fetching.FetchPolicy(
            allowed_hosts=policy.allowed_hosts,
            connect_timeout=policy.connect_timeout,
            total_timeout=policy.total_timeout,
        ),
    )
    return url


def subscription_events_checked(events: Iterable[str]) -> str:
    """The events as stored (comma-separated, in EVENTS' order); SubscriptionError when
    none is chosen or one is unknown."""
    chosen = {str(event).strip() for event in events if str(event).strip()}
    unknown = sorted(chosen - set(EVENTS))
    if unknown:
        raise SubscriptionError(
            f"unknown event {', '.join(map(repr, unknown))}: choose among {', '.join(EVENTS)}"
        )
    if not chosen:
        raise SubscriptionError("choose at least one event to deliver")
    return ",".join(event for event in EVENTS if event in chosen)


def secret_generate() -> str:
    """A new signing secret: 32 random bytes, URL-safe, with a prefix that says what it is."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _checked(name: str, url: str, events: Iterable[str]) -> tuple[str, str, str]:
    name = " ".join(name.split())
    if not name:
        raise SubscriptionError("give the subscription a name")
    if len(name) > 200:
        raise SubscriptionError(f"the name is {len(name):,} characters long; at most 200")
    try:
        checked_url = webhook_url_check(url)
    except fetching.FetchError as exc:
        raise SubscriptionError(f"the URL cannot receive deliveries: {exc}") from None
    return name, checked_url, subscription_events_checked(events)


def _name_free(name: str, pk: int | None) -> None:
    others = Subscription.objects.filter(name=name)
    if pk is not None:
        others = others.exclude(pk=pk)
    if others.exists():
        raise SubscriptionError(f"a subscription named {name!r} exists already")


@transaction.atomic
def subscription_create(
    *, name: str, url: str, events: Iterable[str], active: bool = True
) -> Subscription:
    """A new subscription with a generated secret; SubscriptionError for a bad name, URL or
    events (a URL on a private, loopback or link-local address among them)."""
    name, url, stored_events = _checked(name, url, events)
    _name_free(name, None)
    return Subscription.objects.create(
        name=name, url=url, events=stored_events, active=active, secret=secret_generate()
    )


@transaction.atomic
def subscription_update(
    *, subscription: Subscription, name: str, url: str, events: Iterable[str], active: bool
) -> Subscription:
    """Change a subscription's name, URL, events or whether it is active (not its secret)."""
    name, url, stored_events = _checked(name, url, events)
    _name_free(name, subscription.pk)
    current = Subscription.objects.select_for_update().get(pk=subscription.pk)
    current.name, current.url, current.events, current.active = name, url, stored_events, active
    current.save(update_fields=["name", "url", "events", "active", "updated_at"])
    subscription.refresh_from_db()
    return current


def subscription_secret_rotate(*, subscription: Subscription) -> str:
    """Give the subscription a new secret (the old one stops verifying at once); returns it."""
    secret = secret_generate()
    Subscription.objects.filter(pk=subscription.pk).update(secret=secret, updated_at=timezone.now())
    subscription.refresh_from_db()
    return secret


def _queue(delivery: Delivery) -> None:
    from webhooks.tasks import deliver_webhook

    delivery_id = delivery.pk
    enqueue_on_commit(
        deliver_webhook, delivery_id, on_failure=lambda reason: _not_sent(delivery_id, reason)
    )


def _not_sent(delivery_id: int, reason: str) -> None:
    Delivery.objects.filter(pk=delivery_id, state=DeliveryState.PENDING).update(
        last_error=f"waiting for a worker: {reason}; it is sent again automatically"[:_ERROR_MAX],
        updated_at=timezone.now(),
    )


@transaction.atomic
def deliveries_create(*, event: str, payload: dict[str, Any]) -> list[Delivery]:
    """A pending delivery of the event to every active subscription that wants it, each
    queued once this commits."""
    wanted = [
        subscription
        for subscription in Subscription.objects.filter(active=True).order_by("pk")
        if subscription.wants(event)
    ]
    deliveries = [
        Delivery.objects.create(subscription=subscription, event=event, payload=payload)
        for subscription in wanted
    ]
    for delivery in deliveries:
        _queue(delivery)
    return deliveries


@transaction.atomic
def subscription_test_send(*, subscription: Subscription) -> Delivery:
    """Queue a webhook.test delivery to the subscription, active or not."""
    delivery = Delivery.objects.create(
        subscription=subscription,
        event=TEST_EVENT,
        payload={
            "message": "A test event sent from the factcheck desk.",
            "subscription": subscription.name,
        },
    )
    _queue(delivery)
    return delivery


@transaction.atomic
def delivery_retry_now(*, delivery: Delivery) -> bool:
    """Send a failed or retrying delivery again now, with a fresh round of attempts.

    False when it was delivered already (nothing to do).
    """
    changed = (
        Delivery.objects.filter(pk=delivery.pk)
        .exclude(state=DeliveryState.DELIVERED)
        .update(state=DeliveryState.PENDING, next_attempt_at=None, updated_at=timezone.now())
    )
    if changed:
        _queue(delivery)
    delivery.refresh_from_db()
    return bool(changed)


def delivery_body(delivery: Delivery) -> bytes:
    """The POST body: the same bytes at every attempt, so that a receiver can dedupe it."""
    document = {
        "event": delivery.event,
        "id": delivery.pk,
        "created": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def delivery_headers(delivery: Delivery, body: bytes, *, timestamp: int) -> dict[str, str]:
    """The headers a delivery is sent with, its signature among them."""
    stamp = str(timestamp)
    return {
        "X-Factcheck-Event": delivery.event,
        "X-Factcheck-Delivery": str(delivery.pk),
        "X-Factcheck-Timestamp": stamp,
        "X-Factcheck-Signature": signature_of(
            secret=delivery.subscription.secret, timestamp=stamp, body=body
        ),
    }


class DeliveryRefused(fetching.FetchError):
    """A delivery that cannot be sent as it stands (its subscription was switched off)."""


def delivery_attempt(*, delivery_id: int) -> Delivery | None:
    """Post one delivery once and record how it went; None when it is not open (delivered,
    failed, or gone).

    Raises fetching.FetchError when the post failed, after recording the attempt: the task's
    policy retries a temporary one and ends the delivery failed otherwise.
    """
    now = timezone.now()
    taken = Delivery.objects.filter(pk=delivery_id, state__in=OPEN_STATES).update(
        attempts=F("attempts") + 1, updated_at=now
    )
    if not taken:
        return None
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    try:
        if not subscription.active and delivery.event != TEST_EVENT:
            raise DeliveryRefused(f"the subscription {subscription.name!r} is switched off")
        url = webhook_url_check(subscription.url)
        body = delivery_body(delivery)
        response = fetching.post(
            url,
            body=body,
            content_type="application/json",
            headers=delivery_headers(delivery, body, timestamp=int(time.time())),
            policy=webhook_policy(),
        )
    except fetching.FetchError as exc:
        _attempt_record(delivery_id, status=exc.status, error=str(exc))
        raise
    _attempt_record(delivery_id, status=response.status, error="", delivered=True)
    delivery.refresh_from_db()
    return delivery


@transaction.atomic
def _attempt_record(
    delivery_id: int, *, status: int | None, error: str, delivered: bool = False
) -> None:
    """Note one attempt's outcome on the delivery and in its log of attempts."""
    delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
    if delivery is None:
        return
    now = timezone.now()
    entry = {"at": now.isoformat(), "status": status, "error": error[:_ERROR_MAX]}
    log = [*(delivery.attempt_log or []), entry][-ATTEMPT_LOG_KEPT:]
    fields: dict[str, Any] = {
        "attempt_log": log,
        "last_status": status,
        "last_error": error[:_ERROR_MAX],
        "updated_at": now,
    }
    if delivered and delivery.state in OPEN_STATES:
        fields.update(state=DeliveryState.DELIVERED, next_attempt_at=None, delivered_at=now)
    Delivery.objects.filter(pk=delivery_id).update(**fields)


def delivery_retrying(*, delivery_id: int, error: str, next_attempt_at: dt.datetime) -> None:
    """Record that the delivery failed for now and is tried again at `next_attempt_at`."""
    Delivery.objects.filter(pk=delivery_id, state__in=OPEN_STATES).update(
        state=DeliveryState.RETRYING,
        last_error=error[:_ERROR_MAX],
        next_attempt_at=next_attempt_at,
        updated_at=timezone.now(),
    )


def delivery_fail(*, delivery_id: int, message: str) -> None:
    """End the delivery failed, saying why (an editor may still send it again)."""
    Delivery.objects.filter(pk=delivery_id, state__in=OPEN_STATES).update(
        state=DeliveryState.FAILED,
        last_error=message[:_ERROR_MAX],
        next_attempt_at=None,
        updated_at=timezone.now(),
    )


def deliveries_recover(*, lost_after: int) -> int:
    """Queue again the open deliveries whose message seems lost: pending, or due for a retry,
    for longer than `lost_after` seconds. Returns how many were queued."""
    cutoff = timezone.now() - dt.timedelta(seconds=lost_after)
    lost = Delivery.objects.filter(
        Q(state=DeliveryState.PENDING, updated_at__lt=cutoff)
        | Q(state=DeliveryState.RETRYING, next_attempt_at__lt=cutoff)
    ).order_by("pk")[:500]
    count = 0
    with transaction.atomic():
        for delivery in lost:
            Delivery.objects.filter(pk=delivery.pk).update(updated_at=timezone.now())
            _queue(delivery)
            count += 1
    return count
