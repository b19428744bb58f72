"""The morning e-mail: once a day to each active subscriber with an address, text and HTML."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

import pytest
from celery.schedules import crontab
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from claims.models import Claim, RepeatAlert
from factcheck.celery import _schedule_periodic_tasks
from tests.watching.morning import fact_check_build, feed_claim
from watching import services
from watching.digest_mail import (
    DigestSendError,
    digest_subscriptions_due,
    morning_digest_send,
)
from watching.models import DigestSubscription
from watching.tasks import send_morning_digest, send_morning_digests

pytestmark = pytest.mark.django_db


def _subscriber(name: str, email: str = "", **fields: Any) -> DigestSubscription:
    user = User.objects.create_user(username=name, email=email or f"{name}@newsroom.example")
    user.is_active = fields.pop("is_active", True)
    user.save()
    return services.digest_subscription_set(user=user, **{"active": True, **fields})


def _html(message: Any) -> str:
    (content, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return str(content)


def test_it_sends_the_list_as_text_and_html_with_the_count(settings: Any) -> None:
    settings.FACTCHECK_SITE_URL = "https://desk.example"
    checked = fact_check_build(published_text="Imports fell by half")
    new = feed_claim("Daily Ledger", text="exports rose by 12%")
    repeat = feed_claim("Evening Post", text="imports fell by 50%")
    RepeatAlert.objects.create(fact_check=checked, claim=repeat, score=0.9)
    subscription = _subscriber("edith")

    assert morning_digest_send(subscription_id=subscription.pk)

    (message,) = mail.outbox
    assert message.to == ["edith@newsroom.example"]
    assert message.subject == "To check today: 2 claims"
    text, html = message.body, _html(message)
    assert text.index("exports rose by 12%") < text.index("Said again")
    assert text.index("Said again") < text.index("imports fell by 50%")
    assert f"https://desk.example/admin/claims/claim/{new.pk}/change/" in text
    assert f"repeats fact-check #{checked.pk} (False): Imports fell by half" in text
    assert "Daily Ledger" in html
    assert f'href="https://desk.example/admin/claims/claim/{repeat.pk}/change/"' in html
    assert "https://desk.example/admin/claims/claim/morning/" in html


def test_an_empty_list_still_sends_a_short_nothing_new_note() -> None:
    subscription = _subscriber("edith")
    assert morning_digest_send(subscription_id=subscription.pk)
    (message,) = mail.outbox
    assert message.subject == "To check today: nothing new"
    assert "Nothing new to check" in message.body
    assert "Nothing new to check" in _html(message)


def test_it_sends_once_a_day_each_list_starting_where_the_last_ended() -> None:
    subscription = _subscriber("edith")
    first = feed_claim(text="exports rose by 12%")
    morning = timezone.now()
    assert morning_digest_send(subscription_id=subscription.pk, now=morning)
    assert not morning_digest_send(subscription_id=subscription.pk, now=morning)
    assert subscription.pk not in digest_subscriptions_due(morning + dt.timedelta(minutes=5))
    subscription.refresh_from_db()
    assert subscription.last_sent_at == morning

    second = feed_claim(text="unemployment fell to 4%")
    late = feed_claim(text="a claim made after the second e-mail")
    next_day = morning + dt.timedelta(days=1)
    Claim.objects.filter(pk=second.pk).update(created_at=morning + dt.timedelta(hours=2))
    Claim.objects.filter(pk=late.pk).update(created_at=next_day + dt.timedelta(seconds=1))
    assert subscription.pk in digest_subscriptions_due(next_day)
    assert morning_digest_send(subscription_id=subscription.pk, now=next_day)

    assert len(mail.outbox) == 2
    assert first.text in mail.outbox[0].body
    assert second.text in mail.outbox[1].body
    assert first.text not in mail.outbox[1].body  # already sent the day before
    assert late.text not in mail.outbox[1].body  # for the next e-mail


def test_a_subscriber_gets_only_their_topics() -> None:
    trade = services.topic_save(name="Trade", terms="exports")
    feed_claim(text="exports rose by 12%")
    feed_claim(text="unemployment fell to 4%", sentence="Unemployment fell to 4%.")
    subscription = _subscriber("edith", topics=[trade])

    morning_digest_send(subscription_id=subscription.pk)

    (message,) = mail.outbox
    assert message.subject == "To check today: 1 claim"
    assert "exports rose by 12%" in message.body
    assert "unemployment" not in message.body
    assert "topics: Trade" in message.body


def test_beat_sends_only_active_subscribers_with_an_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed_claim()
    wanted = _subscriber("edith")
    _subscriber("paused", active=False)
    no_address = _subscriber("anon")
    User.objects.filter(pk=no_address.user_id).update(email="")
    _subscriber("gone", is_active=False)
    sent: list[int] = []
    monkeypatch.setattr(send_morning_digest, "delay", sent.append)

    assert send_morning_digests() == 1
    assert sent == [wanted.pk]
    send_morning_digest(wanted.pk)
    send_morning_digest(wanted.pk)  # a redelivered message
    assert [m.to for m in mail.outbox] == [["edith@newsroom.example"]]
    for other in (no_address, DigestSubscription.objects.get(user__username="paused")):
        assert not morning_digest_send(subscription_id=other.pk)
    assert len(mail.outbox) == 1


def test_a_mail_server_failure_is_retried_and_sends_nothing_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subscription = _subscriber("edith")

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(DigestSendError, match="unreachable"):
        morning_digest_send(subscription_id=subscription.pk)
    subscription.refresh_from_db()
    assert subscription.last_sent_at is None  # due again
    monkeypatch.undo()
    assert morning_digest_send(subscription_id=subscription.pk)
    assert len(mail.outbox) == 1


def test_beat_runs_it_each_morning_at_the_configured_hour(settings: Any) -> None:
    settings.FACTCHECK_DIGEST_HOUR = 6
    entries: dict[str, Any] = {}

    class Sender:
        def signature(self, name: str) -> str:
            return name

        def add_periodic_task(self, schedule: Any, signature: str, name: str) -> None:
            entries[signature] = schedule

    _schedule_periodic_tasks(Sender())  # type: ignore[arg-type]

    schedule = entries["watching.send_morning_digests"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == {6}
    assert schedule.minute == {0}
