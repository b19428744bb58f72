"""The desk's webhook pages: subscriptions saved through the services, the delivery log."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims import events
from tests.webhooks.conftest import Receiver
from webhooks import services
from webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


def _subscription(receiver: Receiver) -> Subscription:
    return services.subscription_create(
        name="newsroom bot", url=receiver.url(), events=[events.CLAIM_PUBLISHED]
    )


def test_the_pages_render(admin_client: Client, receiver: Receiver) -> None:
    subscription = _subscription(receiver)
    delivery = services.subscription_test_send(subscription=subscription)
    Delivery.objects.filter(pk=delivery.pk).update(
        attempt_log=[{"at": "2026-01-02T03:04:05+00:00", "status": 500, "error": "answered 500"}]
    )
    pages = [
        reverse("admin:webhooks_subscription_changelist"),
        reverse("admin:webhooks_subscription_add"),
        reverse("admin:webhooks_subscription_change", args=[subscription.pk]),
        reverse("admin:webhooks_delivery_changelist"),
        reverse("admin:webhooks_delivery_changelist")
        + f"?state=pending&subscription__id__exact={subscription.pk}",
        reverse("admin:webhooks_delivery_change", args=[delivery.pk]),
    ]
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200, page
    change = admin_client.get(pages[2]).content.decode()
    assert subscription.secret in change  # staff read the secret to give the receiver
    log = admin_client.get(pages[5]).content.decode()
    assert "2026-01-02 03:04:05 UTC — answered 500" in log
    assert admin_client.get(reverse("admin:webhooks_delivery_add")).status_code == 403


def test_adding_a_subscription_generates_its_secret_and_says_it(
    admin_client: Client, receiver: Receiver
) -> None:
    response = admin_client.post(
        reverse("admin:webhooks_subscription_add"),
        {
            "name": "  newsroom   bot ",
            "url": receiver.url(),
            "active": "on",
            "chosen_events": ["claim.published", "article.ingested"],
        },
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.name == "newsroom bot"
    assert subscription.event_list == ["claim.published", "article.ingested"]
    assert subscription.secret.startswith("whsec_")
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(subscription.secret in message for message in said)


def test_a_private_url_is_refused_on_the_form(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:webhooks_subscription_add"),
        {"name": "bot", "url": "http://10.0.0.7/hook", "chosen_events": ["claim.published"]},
    )
    assert response.status_code == 200
    assert "Deliveries cannot go to this URL" in response.content.decode()
    assert "private address" in response.content.decode()
    assert not Subscription.objects.exists()


def test_changing_a_subscription_goes_through_the_service(
    admin_client: Client, receiver: Receiver
) -> None:
    subscription = _subscription(receiver)
    secret = subscription.secret
    response = admin_client.post(
        reverse("admin:webhooks_subscription_change", args=[subscription.pk]),
        {"name": "bot", "url": receiver.url("/v2"), "chosen_events": ["claim.corrected"]},
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.name, subscription.url, subscription.events) == (
        "bot",
        receiver.url("/v2"),
        "claim.corrected",
    )
    assert not subscription.active
    assert subscription.secret == secret


def test_a_refused_save_shows_the_refusal_alone(
    admin_client: Client, receiver: Receiver, settings: Any
) -> None:
    subscription = _subscription(receiver)
    services.subscription_create(name="big bot", url=receiver.url(), events=["claim.published"])
    response = admin_client.post(
        reverse("admin:webhooks_subscription_change", args=[subscription.pk]),
        {"name": "big  bot", "url": receiver.url(), "chosen_events": ["claim.published"]},
        follow=True,
    )
    page = response.content.decode()
    assert "Not saved" in page
    assert "exists already" in page
    assert "was changed successfully" not in page
    subscription.refresh_from_db()
    assert subscription.name == "newsroom bot"


def test_send_a_test_event_queues_a_delivery(
    admin_client: Client, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = _subscription(receiver)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(
            reverse("admin:webhooks_subscription_changelist"),
            {"action": "send_test_event", "_selected_action": [subscription.pk]},
        )
    assert response.status_code == 302
    [delivery] = Delivery.objects.all()
    assert (delivery.event, delivery.state, delivery.subscription) == (
        "webhook.test",
        "pending",
        subscription,
    )
    assert queued  # its task is sent once the request commits


def test_retry_now_reopens_failed_deliveries(
    admin_client: Client, receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = _subscription(receiver)
    failed = services.subscription_test_send(subscription=subscription)
    Delivery.objects.filter(pk=failed.pk).update(state="failed", last_error="answered 503")
    done = services.subscription_test_send(subscription=subscription)
    Delivery.objects.filter(pk=done.pk).update(state="delivered", delivered_at=failed.created_at)
    with django_capture_on_commit_callbacks(execute=False):
        response = admin_client.post(
            reverse("admin:webhooks_delivery_changelist"),
            {"action": "retry_now", "_selected_action": [failed.pk, done.pk]},
            follow=True,
        )
    assert "Queued 1 of 2 again; 1 delivered already" in response.content.decode()
    failed.refresh_from_db()
    done.refresh_from_db()
    assert (failed.state, done.state) == ("pending", "delivered")


def test_rotating_a_secret_from_the_list(admin_client: Client, receiver: Receiver) -> None:
    subscription = _subscription(receiver)
    old = subscription.secret
    admin_client.post(
        reverse("admin:webhooks_subscription_changelist"),
        {"action": "rotate_secret", "_selected_action": [subscription.pk]},
    )
    subscription.refresh_from_db()
    assert subscription.secret != old
    assert subscription.secret.startswith("whsec_")
