"""Webhook subscriptions and the log of their deliveries."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q

from claims.events import EVENTS

# The attempts a delivery's log keeps (the newest); `attempts` counts them all.
ATTEMPT_LOG_KEPT = 20
# A test event an editor sends from the desk; no subscription chooses it, every one may get it.
TEST_EVENT = "webhook.test"
SECRET_PREFIX = "whsec_"
# The events a subscription stores: comma-separated, each one of EVENTS, in EVENTS' order.
_EVENT_NAME = "(" + "|".join(re.escape(event) for event in EVENTS) + ")"
EVENTS_PATTERN = rf"^{_EVENT_NAME}(,{_EVENT_NAME})*$"


class Event(models.TextChoices):
    CLAIM_PUBLISHED = "claim.published", "a fact-check is published"
    CLAIM_CORRECTED = "claim.corrected", "a correction of a fact-check is published"
    CLAIM_REPEATED = "claim.repeated", "a new claim repeats a published fact-check"
    ARTICLE_INGESTED = "article.ingested", "an article is imported"
    TEST = TEST_EVENT, "a test sent from the desk"


class Subscription(models.Model):
    """A receiver's URL, the secret its deliveries are signed with, and the events it wants."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(max_length=2000, help_text="Deliveries are POSTed here.")
    secret = models.CharField(
        max_length=100,
        help_text="The key of the HMAC-SHA256 signature of each delivery; the receiver keeps it.",
    )
    events = models.CharField(
        max_length=200, help_text="The events delivered, comma-separated (see Event)."
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(url=""), name="webhook_subscription_has_url"),
            models.CheckConstraint(
                condition=Q(secret__startswith=SECRET_PREFIX), name="webhook_secret_generated"
            ),
            models.CheckConstraint(
                condition=Q(events__regex=EVENTS_PATTERN), name="webhook_events_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def event_list(self) -> list[str]:
        return [event for event in self.events.split(",") if event]

    def wants(self, event: str) -> bool:
        return event == TEST_EVENT or event in self.event_list


class DeliveryState(models.TextChoices):
    PENDING = "pending", "pending"
    RETRYING = "retrying", "retrying"
    DELIVERED = "delivered", "delivered"
    FAILED = "failed", "failed"


class Delivery(models.Model):
    """One event sent to one subscription: its payload, and how each attempt went."""

    State = DeliveryState

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=32, choices=Event.choices)
    payload = models.JSONField(help_text='The "data" of the body, as built when the event came.')
    state = models.CharField(max_length=16, choices=DeliveryState.choices, default="pending")
    attempts = models.PositiveIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The receiver's HTTP status at the last attempt."
    )
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    attempt_log = models.JSONField(
        default=list,
        blank=True,
        help_text="Each attempt, oldest first: its time, the receiver's status, the error.",
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=DeliveryState.values), name="webhook_delivery_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(event__in=Event.values), name="webhook_delivery_event_valid"
            ),
            # Delivered means a time it was delivered; only then is there one.
            models.CheckConstraint(
                condition=Q(state="delivered", delivered_at__isnull=False)
                | (~Q(state="delivered") & Q(delivered_at__isnull=True)),
                name="webhook_delivered_has_time",
            ),
            # A retry is always due at a time; nothing else waits for one.
            models.CheckConstraint(
                condition=Q(state="retrying", next_attempt_at__isnull=False)
                | (~Q(state="retrying") & Q(next_attempt_at__isnull=True)),
                name="webhook_retry_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "updated_at"], name="webhook_delivery_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.pk} to {self.subscription_id}"
