"""The webhooks app listens to claims' events: each becomes deliveries to its subscribers."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from claims.events import event_raised
from webhooks import services


@receiver(event_raised, dispatch_uid="webhooks.deliveries_for_event")
def deliveries_for_event(sender: Any, *, event: str, payload: dict[str, Any], **_: Any) -> None:
    services.deliveries_create(event=event, payload=payload)
