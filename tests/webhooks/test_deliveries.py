"""Events become signed deliveries: published claims, corrections, imported articles, retries."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from claims import events, workflow
from claims import tasks as claim_tasks
from claims.corrections import claim_correction_propose, claim_correction_publish
from claims.models import Claim
from claims.services import article_import_url, article_ingest
from tests.builders import claim_build
from tests.claims.conftest import ruled_claim
from tests.conftest import LocalSite
from tests.webhooks.conftest import Receiver
from webhooks import services
from webhooks.models import Delivery, Subscription
from webhooks.signing import signature_of
from webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db

# The keys of a claim event's data: what the fact-check's public page shows, nothing more.
FACT_CHECK_KEYS = {
    "claim_id",
    "url_path",
    "wording",
    "claimant",
    "claimant_kind",
    "claimed_in",
    "claimed_on",
    "verdict",
    "verdict_label",
    "rationale",
    "published_at",
    "updated_at",
    "article",
}


def subscribed(receiver: Receiver, *wanted: str, path: str = "/hook") -> Subscription:
    subscription = services.subscription_create(
        name=f"newsroom bot {path}", url=receiver.url(path), events=wanted or events.EVENTS
    )
    receiver.secret = subscription.secret
    return subscription


def published(editor: User, chief: User, **fields: Any) -> Claim:
    claim = ruled_claim(editor, **fields)
    workflow.claim_publish(claim=claim, by=chief)
    return claim


def deliver_all() -> list[Delivery]:
    for delivery in Delivery.objects.order_by("pk"):
        deliver_webhook.apply(args=[delivery.pk])
    return list(Delivery.objects.order_by("pk"))


def test_publishing_a_claim_delivers_a_signed_claim_published(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribed(receiver, events.CLAIM_PUBLISHED)
    claim = ruled_claim(editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.claim_publish(claim=claim, by=chief)
    [delivery] = Delivery.objects.all()
    assert (delivery.event, delivery.state, delivery.subscription) == (
        "claim.published",
        "pending",
        subscription,
    )

    [delivery] = deliver_all()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None
    [request] = receiver.received
    assert request.verified, request.refusal
    assert request.headers["X-Factcheck-Event"] == "claim.published"
    assert request.headers["X-Factcheck-Delivery"] == str(delivery.pk)
    assert request.headers["Content-Type"] == "application/json"
    stamp = request.headers["X-Factcheck-Timestamp"]
    assert abs(int(stamp) - time.time()) < 3600
    assert request.headers["X-Factcheck-Signature"] == signature_of(
        secret=subscription.secret, timestamp=stamp, body=request.body
    )
    document = request.document
    assert list(document) == ["event", "id", "created", "data"]
    assert (document["event"], document["id"]) == ("claim.published", delivery.pk)
    data = document["data"]
    assert set(data) == FACT_CHECK_KEYS
    assert data["claim_id"] == claim.pk
    assert data["url_path"] == f"/claims/{claim.pk}/"
    assert data["wording"] == "Exports rose by 12% last year."
    assert (data["verdict"], data["verdict_label"]) == ("true", "True")
    assert data["rationale"] == "The ministry says so."
    assert data["article"]["article_id"] == claim.article_id


def test_a_subscription_gets_only_the_events_it_chose(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.ARTICLE_INGESTED)
    switched_off = services.subscription_create(
        name="off", url=receiver.url("/off"), events=events.EVENTS, active=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    assert not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        article_ingest(raw_input="Unemployment fell to 4.1% in May.", queue_extraction=False)
    assert [d.event for d in Delivery.objects.all()] == ["article.ingested"]
    assert not Delivery.objects.filter(subscription=switched_off).exists()


def test_a_published_correction_delivers_claim_corrected(
    receiver: Receiver,
    editor: User,
    chief: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    subscribed(receiver, events.CLAIM_CORRECTED)
    claim = published(editor, chief)
    with django_capture_on_commit_callbacks(execute=True):
        correction = claim_correction_propose(
            claim=claim,
            by=editor,
            note="The ministry revised its figure.",
            wording="Exports rose by 11% last year.",
            verdict="mostly_true",
            rationale="The revised figure is 11%.",
        )
    assert not Delivery.objects.exists()  # a proposal is nothing readers see
    with django_capture_on_commit_callbacks(execute=True):
        claim_correction_publish(correction=correction, by=chief)

    [delivery] = deliver_all()
    assert (delivery.event, delivery.state) == ("claim.corrected", "delivered")
    [request] = receiver.received
    assert request.verified, request.refusal
    data = request.document["data"]
    assert data["wording"] == "Exports rose by 11% last year."
    assert data["verdict"] == "mostly_true"
    assert data["correction"]["explanation"] == "The ministry revised its figure."
    assert data["correction"]["previous_verdict"] == "true"
    assert {change["field"] for change in data["correction"]["changes"]} >= {
        "published_text",
        "verdict",
    }


def test_importing_an_article_delivers_article_ingested(
    receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.ARTICLE_INGESTED)
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(
            raw_input="Unemployment fell to 4.1% in May, the statistics office said.",
            title="Jobs report",
            outlet="Daily Example",
            url="https://news.example/jobs",
            queue_extraction=False,
        ).article
    with django_capture_on_commit_callbacks(execute=True):  # the same text again: not new
        article_ingest(
            raw_input="Unemployment fell to 4.1% in May, the statistics office said.",
            queue_extraction=False,
        )
    [delivery] = deliver_all()
    assert delivery.state == "delivered"
    data = receiver.received[0].document["data"]
    assert (data["article_id"], data["title"], data["outlet"]) == (
        article.pk,
        "Jobs report",
        "Daily Example",
    )
    assert data["url"] == "https://news.example/jobs"
    assert "Unemployment" not in json.dumps(data)  # the text is no part of the event


def test_a_receiver_answering_500_then_200_is_retried_and_the_log_shows_both(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_PUBLISHED)
    receiver.answers = [500, 200]
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    retrying: list[tuple[str, Any]] = []
    original = services.delivery_retrying

    def recorded(**kwargs: Any) -> None:
        original(**kwargs)
        row = Delivery.objects.get(pk=kwargs["delivery_id"])
        retrying.append((row.state, row.next_attempt_at))

    services.delivery_retrying = recorded  # type: ignore[assignment]
    try:
        [delivery] = deliver_all()
    finally:
        services.delivery_retrying = original  # type: ignore[assignment]
    assert [state for state, _ in retrying] == ["retrying"]
    assert retrying[0][1] is not None
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 2, 200)
    assert delivery.next_attempt_at is None
    assert [entry["status"] for entry in delivery.attempt_log] == [500, 200]
    assert "answered 500" in delivery.attempt_log[0]["error"]
    assert delivery.attempt_log[1]["error"] == ""
    first, second = receiver.received
    assert first.body == second.body  # the same delivery, the same bytes: receivers dedupe
    assert first.headers["X-Factcheck-Delivery"] == second.headers["X-Factcheck-Delivery"]
    assert first.verified
    assert second.verified


def test_a_receiver_that_always_fails_ends_failed_with_the_reason(
    receiver: Receiver,
    editor: User,
    chief: User,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.FACTCHECK_TASK_RETRIES = 2
    subscribed(receiver, events.CLAIM_PUBLISHED)
    receiver.answers = [503] * 10
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    [delivery] = deliver_all()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("failed", 3, 503)
    assert "answered 503" in delivery.last_error
    assert delivery.last_error.endswith("(gave up after 3 attempts)")
    assert delivery.next_attempt_at is None
    assert len(receiver.received) == 3


def test_a_receiver_refusing_with_a_4xx_fails_at_once(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_PUBLISHED)
    receiver.answers = [410]
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    [delivery] = deliver_all()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("failed", 1, 410)
    assert "answered 410" in delivery.last_error


def test_a_redirect_is_not_followed(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_PUBLISHED)
    receiver.answers = [307]
    receiver.redirect_to = receiver.url("/elsewhere")
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    [delivery] = deliver_all()
    assert (delivery.state, delivery.last_status) == ("failed", 307)
    assert "do not follow redirects" in delivery.last_error
    assert receiver.hits("/elsewhere") == 0


def test_retry_now_sends_a_failed_delivery_again(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_PUBLISHED)
    receiver.answers = [404]
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    [delivery] = deliver_all()
    assert delivery.state == "failed"
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert services.delivery_retry_now(delivery=delivery)
    assert len(queued) == 1
    assert delivery.state == "pending"
    [delivery] = deliver_all()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)
    assert not services.delivery_retry_now(delivery=delivery)  # delivered: left alone


def test_a_delivered_delivery_is_not_sent_twice(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    deliver_all()
    [delivery] = deliver_all()  # the message delivered again
    assert (delivery.state, delivery.attempts) == ("delivered", 1)
    assert len(receiver.received) == 1


def test_a_delivery_to_a_switched_off_subscription_fails_without_posting(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribed(receiver, events.CLAIM_PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        published(editor, chief)
    Subscription.objects.filter(pk=subscription.pk).update(active=False)
    [delivery] = deliver_all()
    assert delivery.state == "failed"
    assert "switched off" in delivery.last_error
    assert receiver.received == []


def test_a_test_event_reaches_the_receiver_signed(
    receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribed(receiver, events.ARTICLE_INGESTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_test_send(subscription=subscription)
    [delivery] = deliver_all()
    assert (delivery.event, delivery.state) == ("webhook.test", "delivered")
    assert receiver.received[0].verified
    assert receiver.received[0].headers["X-Factcheck-Event"] == "webhook.test"


def test_a_new_secret_signs_the_next_delivery(
    receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribed(receiver, events.ARTICLE_INGESTED)
    old = subscription.secret
    new = services.subscription_secret_rotate(subscription=subscription)
    assert new != old
    assert new.startswith("whsec_")
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_test_send(subscription=subscription)
    deliver_all()
    assert receiver.received[0].refusal == "the signature does not match the body and timestamp"
    assert Delivery.objects.get().state == "failed"  # 401: the receiver refused the old key


def test_claim_repeated_carries_the_fact_check_and_only_the_repeats_whereabouts(
    receiver: Receiver, editor: User, chief: User, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.CLAIM_REPEATED)
    fact_check = published(editor, chief)
    repeat = claim_build(
        text="exports went up twelve percent", sentence="UNPUBLISHED SENTENCE of the repeat."
    )
    with django_capture_on_commit_callbacks(execute=True):
        events.claim_repeated_send(fact_check_id=fact_check.pk, claim_id=repeat.pk, score=0.91)
    [delivery] = deliver_all()
    data = receiver.received[0].document["data"]
    assert data["claim_id"] == fact_check.pk
    assert data["repeat"]["claim_id"] == repeat.pk
    assert data["repeat"]["score"] == 0.91
    assert data["repeat"]["article"]["article_id"] == repeat.article_id
    shown = json.dumps(data)
    assert "UNPUBLISHED SENTENCE" not in shown
    assert "twelve percent" not in shown
    assert delivery.state == "delivered"


def test_recovery_queues_again_the_deliveries_whose_message_was_lost(
    receiver: Receiver, django_capture_on_commit_callbacks: Any
) -> None:
    subscription = subscribed(receiver, events.ARTICLE_INGESTED)
    lost, overdue, fresh, done = (
        services.subscription_test_send(subscription=subscription) for _ in range(4)
    )
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Delivery.objects.filter(pk=lost.pk).update(updated_at=long_ago)
    Delivery.objects.filter(pk=overdue.pk).update(state="retrying", next_attempt_at=long_ago)
    Delivery.objects.filter(pk=done.pk).update(
        state="delivered", delivered_at=long_ago, updated_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert services.deliveries_recover(lost_after=600) == 2
    assert len(queued) == 2
    deliver_all()
    states = dict(Delivery.objects.values_list("pk", "state"))
    assert states[lost.pk] == states[overdue.pk] == states[fresh.pk] == "delivered"


def test_an_article_imported_by_url_is_told_of_once_its_page_is_fetched(
    receiver: Receiver, local_site: LocalSite, django_capture_on_commit_callbacks: Any
) -> None:
    subscribed(receiver, events.ARTICLE_INGESTED)
    page = (
        "<html><head><title>Flood barrier approved</title></head><body><article>"
        "<h1>Flood barrier approved</h1><p>The council approved a $45 million barrier on"
        " Monday, the mayor said.</p></article></body></html>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = article_import_url(url=local_site.add("/story", page)).article
    assert not Delivery.objects.exists()  # no text yet, nothing to tell
    with django_capture_on_commit_callbacks(execute=True):
        claim_tasks.fetch_article_page.apply(args=[article.pk])
    [delivery] = deliver_all()
    assert delivery.state == "delivered"
    data = receiver.received[0].document["data"]
    assert (data["article_id"], data["title"]) == (article.pk, "Flood barrier approved")
