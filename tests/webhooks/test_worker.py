"""End to end: a claim is published on the web side, a real worker process delivers the event."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from claims import events, workflow
from claims.roles import roles_ensure
from tests.claims.conftest import ruled_claim
from tests.conftest import wait_until
from tests.webhooks.conftest import Receiver
from webhooks import services
from webhooks.models import Delivery

pytestmark = pytest.mark.worker


@pytest.fixture
def roles(transactional_db: None) -> None:
    roles_ensure()  # a transactional test starts from a flushed database: no desk roles


def test_a_worker_process_delivers_a_signed_claim_published(
    roles: None, start_worker: Any, receiver: Receiver, editor: User, chief: User
) -> None:
    worker = start_worker(FACTCHECK_WEBHOOK_ALLOWED_HOSTS="127.0.0.1")
    subscription = services.subscription_create(
        name="bot", url=receiver.url(), events=[events.CLAIM_PUBLISHED]
    )
    receiver.secret = subscription.secret
    claim = ruled_claim(editor)
    workflow.claim_publish(claim=claim, by=chief)  # commits: the event and its delivery follow

    def delivered() -> bool:
        return Delivery.objects.filter(state__in=["delivered", "failed"]).exists()

    assert wait_until(delivered, timeout=90), worker.output()
    delivery = Delivery.objects.get()
    assert delivery.state == "delivered", delivery.last_error
    [request] = receiver.received
    assert request.verified, request.refusal
    assert request.document["data"]["claim_id"] == claim.pk
