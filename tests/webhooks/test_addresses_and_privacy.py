"""Deliveries go only to public addresses, and carry only what readers can see."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from claims import events, workflow
from claims.corrections import claim_correction_propose
from tests.claims.conftest import ruled_claim
from tests.webhooks.conftest import Receiver
from webhooks import services
from webhooks.models import Delivery, Subscription
from webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        # Python counts 169.254.0.0/16 among the private networks, and says so first.
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254 resolves to a private"),
        ("http://10.1.2.3/hook", "private"),
        ("http://127.0.0.1:9/hook", "loopback"),
        ("http://[::ffff:192.168.0.1]/hook", "private"),
        ("ftp://hooks.example.org/x", "scheme 'ftp' is not allowed"),
        ("not a url", "scheme 'none' is not allowed"),
        ("http://hooks.example.org:99999/", "port 99999 is out of range"),
    ],
)
def test_a_subscription_to_an_internal_or_bad_url_is_refused_when_saved(
    url: str, reason: str
) -> None:
    with pytest.raises(services.SubscriptionError, match=reason):
        services.subscription_create(name="internal", url=url, events=[events.CLAIM_PUBLISHED])
    assert not Subscription.objects.exists()


def test_changing_a_subscription_to_an_internal_url_is_refused(receiver: Receiver) -> None:
    subscription = services.subscription_create(
        name="bot", url=receiver.url(), events=[events.CLAIM_PUBLISHED]
    )
    with pytest.raises(
        services.SubscriptionError, match=r"169\.254\.169\.254 resolves to a private"
    ):
        services.subscription_update(
            subscription=subscription,
            name="bot",
            url="http://169.254.169.254/",
            events=[events.CLAIM_PUBLISHED],
            active=True,
        )
    subscription.refresh_from_db()
    assert subscription.url == receiver.url()


def test_unknown_or_no_events_are_refused() -> None:
    with pytest.raises(services.SubscriptionError, match=r"unknown event 'claim\.deleted'"):
        services.subscription_create(
            name="x", url="https://hooks.example.org/", events=["claim.deleted"]
        )
    with pytest.raises(services.SubscriptionError, match="at least one event"):
        services.subscription_create(name="x", url="https://hooks.example.org/", events=[])


def test_the_database_refuses_unknown_events_and_secrets_it_did_not_generate() -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        Subscription.objects.create(
            name="a", url="https://hooks.example.org/", events="claim.deleted", secret="whsec_x"
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Subscription.objects.create(
            name="b", url="https://hooks.example.org/", events="claim.published", secret="guess"
        )
    subscription = Subscription.objects.create(
        name="c",
        url="https://hooks.example.org/",
        events="claim.published,article.ingested",
        secret=services.secret_generate(),
    )
    with transaction.atomic(), pytest.raises(IntegrityError):
        Delivery.objects.create(
            subscription=subscription, event="claim.published", payload={}, state="delivered"
        )  # delivered, but no time it was


def test_a_loopback_receiver_allowed_at_save_is_refused_at_delivery_once_disallowed(
    receiver: Receiver, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = services.subscription_create(
        name="bot", url=receiver.url(), events=[events.ARTICLE_INGESTED]
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.subscription_test_send(subscription=subscription)
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []
    deliver_webhook.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("failed", 1)
    assert "loopback address" in delivery.last_error
    assert "refused" in delivery.last_error
    assert receiver.received == []


def test_the_fetchers_allowed_hosts_do_not_let_webhooks_post_there(settings: Any) -> None:
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FACTCHECK_WEBHOOK_ALLOWED_HOSTS = []
    with pytest.raises(services.SubscriptionError, match="loopback"):
        services.subscription_create(
            name="bot", url="http://127.0.0.1:9/hook", events=[events.CLAIM_PUBLISHED]
        )


def test_a_link_local_url_stored_behind_the_services_back_is_refused_at_delivery() -> None:
    subscription = Subscription.objects.create(
        name="metadata",
        url="http://169.254.169.254/latest/meta-data",
        events="article.ingested",
        secret=services.secret_generate(),
    )
    delivery = Delivery.objects.create(
        subscription=subscription, event="article.ingested", payload={"article_id": 1}
    )
    deliver_webhook.apply(args=[delivery.pk])
    delivery.refresh_from_db()
    assert delivery.state == "failed"
    assert "a private address (169.254.169.254): refused" in delivery.last_error


def test_an_unpublished_claim_raises_no_event(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    services.subscription_create(name="all", url=receiver.url(), events=events.EVENTS)
    claim = ruled_claim(editor)
    other = ruled_claim(editor)
    with django_capture_on_commit_callbacks(execute=True):
        events.claim_published_send(claim_id=claim.pk)  # ruled, never published
        events.claim_repeated_send(fact_check_id=claim.pk, claim_id=other.pk, score=0.9)
    assert not Delivery.objects.exists()


def test_a_claim_unpublished_before_the_commit_sends_nothing(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    services.subscription_create(name="all", url=receiver.url(), events=events.EVENTS)
    claim = ruled_claim(editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_publish(claim=claim, by=chief)
        workflow.claim_unpublish(claim=claim, note="Published by mistake.", by=chief)
    assert not Delivery.objects.exists()


def test_no_payload_carries_unpublished_work(
    receiver: Receiver,
    editor: User,
    chief: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    services.subscription_create(name="all", url=receiver.url(), events=events.EVENTS)
    secret_wording = "SECRET draft wording nobody published"
    with django_capture_on_commit_callbacks(execute=True):
        draft = ruled_claim(editor, text="draft claim text", sentence="DRAFT sentence.")
        claim = ruled_claim(editor)
        workflow.claim_publish(claim=claim, by=chief)
        claim_correction_propose(
            claim=claim,
            by=editor,
            note="PRIVATE proposal note",
            wording=secret_wording,
            verdict="false",
            rationale="PRIVATE proposed rationale",
        )
        events.claim_published_send(claim_id=draft.pk)
    payloads = json.dumps([d.payload for d in Delivery.objects.all()])
    assert [d.event for d in Delivery.objects.all()] == ["claim.published"]
    for private in (secret_wording, "PRIVATE", "DRAFT", "draft claim text", "edith", "charlotte"):
        assert private not in payloads
    [delivery] = Delivery.objects.filter(event="claim.published")
    assert delivery.payload["claim_id"] == claim.pk
