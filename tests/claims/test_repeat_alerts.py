"""Repeat alerts: a published fact-check said again in a new article raises one alert, an
e-mail to the editor who ruled it, and once an editor confirms it, a public appearance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims import services, workflow
from claims.models import Article, Claim, ClaimMatch, RepeatAlert
from tests.builders import article_extracted_build

pytestmark = pytest.mark.django_db

CHECKED = (
    "Officials met in the capital on Monday. Bilateral trade between the two countries was "
    "nearly $800 million last year, the ministry said."
)
REPEATED = (
    "A delegation arrived on Tuesday. Trade between the two countries reached about $0.8bn "
    "in 2020, according to the ministry."
)
TENFOLD = (
    "A delegation arrived on Tuesday. Trade between the two countries reached about $8 billion "
    "in 2020, according to the ministry."
)


@pytest.fixture(autouse=True)
def _suggest_only(settings: Any) -> None:
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = 1.01


def _trade(article: Article) -> Claim:
    claim = (
        Claim.objects.filter(article=article, sentence__icontains="trade", kind="statistical")
        .order_by("pk")
        .first()
    )
    assert claim is not None
    return claim


@pytest.fixture
def fact_check(editor: User) -> Claim:
    editor.email = "edith@newsroom.example"
    editor.save()
    claim = _trade(article_extracted_build(CHECKED, title="Minister visits", outlet="Daily Ledger"))
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED,
        verdict=Claim.Verdict.MOSTLY_TRUE,
        published_verdict=Claim.Verdict.MOSTLY_TRUE,
        rationale="Customs figures put it at $795 million.",
        published_at=timezone.make_aware(dt.datetime(2021, 3, 12, 10, 0)),
        published_text="Bilateral trade was nearly $800 million last year",
        reviewer=editor,
    )
    claim.refresh_from_db()
    return claim


def _repeat(text: str = REPEATED, url: str = "https://evening.example/delegation") -> Claim:
    return _trade(
        article_extracted_build(
            text,
            title="Delegation arrives",
            outlet="Evening Post",
            url=url,
            published_on=dt.date(2021, 4, 2),
        )
    )


def test_a_repeat_of_a_published_check_raises_one_alert_and_one_email(
    fact_check: Claim, django_capture_on_commit_callbacks: Any
) -> None:
    later = _repeat()
    with django_capture_on_commit_callbacks() as callbacks:
        services.article_claims_match(article_id=later.article_id)
    alert = RepeatAlert.objects.get()
    assert (alert.fact_check_id, alert.claim_id) == (fact_check.pk, later.pk)
    assert alert.score == ClaimMatch.objects.get(claim=later, earlier=fact_check).score
    assert alert.read_at is None
    assert callbacks  # the e-mail job is queued once the transaction commits

    assert services.repeat_alert_email(alert_id=alert.pk) is True
    assert services.repeat_alert_email(alert_id=alert.pk) is False  # once only
    (message,) = mail.outbox
    assert message.to == ["edith@newsroom.example"]
    assert "Bilateral trade was nearly $800 million last year" in message.subject
    assert "Evening Post" in message.body
    assert f"/admin/claims/claim/{later.pk}/change/" in message.body
    html = message.alternatives[0][0]  # type: ignore[index]
    assert "Evening Post" in html
    assert "<blockquote>" in html

    services.article_claims_match(article_id=later.article_id)  # matched again
    assert RepeatAlert.objects.count() == 1


def test_no_alert_for_another_figure_or_an_unpublished_check(fact_check: Claim) -> None:
    tenfold = _repeat(TENFOLD)
    services.article_claims_match(article_id=tenfold.article_id)
    assert not RepeatAlert.objects.exists()

    Claim.objects.filter(pk=fact_check.pk).update(status=Claim.Status.REVIEWED, published_at=None)
    later = _repeat(REPEATED.replace("Tuesday", "Wednesday"), url="https://other.example/a")
    services.article_claims_match(article_id=later.article_id)
    assert ClaimMatch.objects.filter(claim=later, earlier=fact_check).exists()
    assert not RepeatAlert.objects.exists()


def test_no_email_without_a_ruling_editor_with_an_address(fact_check: Claim) -> None:
    Claim.objects.filter(pk=fact_check.pk).update(reviewer=None)
    later = _repeat()
    services.article_claims_match(article_id=later.article_id)
    assert services.repeat_alert_email(alert_id=RepeatAlert.objects.get().pk) is False
    assert mail.outbox == []
    assert services.repeat_alert_email(alert_id=10**9) is False  # gone meanwhile


def test_the_desk_sees_the_alert_and_marks_it_read(fact_check: Claim, editor: User) -> None:
    later = _repeat()
    services.article_claims_match(article_id=later.article_id)
    client = Client()
    client.force_login(editor)
    desk = client.get(reverse("admin:claims_claim_queue")).content.decode()
    assert "Fact-checks said again (1 not read)" in desk
    assert f"/admin/claims/claim/{later.pk}/change/" in desk

    listing = reverse("admin:claims_repeatalert_changelist")
    page = client.get(listing + "?read=no")
    assert page.status_code == 200
    assert "Evening Post" in page.content.decode()
    alert = RepeatAlert.objects.get()
    response = client.post(
        listing, {"action": "mark_read", "_selected_action": [alert.pk]}, follow=True
    )
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.read_at is not None
    assert alert.read_by == editor
    assert "(0 not read)" in client.get(reverse("admin:claims_claim_queue")).content.decode()
    # Read-only: nobody adds, changes or deletes alerts by hand.
    assert client.get(reverse("admin:claims_repeatalert_add")).status_code == 403


def test_a_confirmed_repeat_is_a_public_appearance_and_an_unconfirmed_one_is_not(
    fact_check: Claim, editor: User
) -> None:
    later = _repeat()
    services.article_claims_match(article_id=later.article_id)
    client = Client()
    page = client.get(reverse("public:claim_detail", args=[fact_check.pk])).content.decode()
    api = client.get(f"/api/v1/claims/{fact_check.pk}/").json()
    assert "Said again" not in page
    assert api["appearances"] == []
    assert "evening.example" not in page

    workflow.claim_mark_duplicate(claim=later, of=fact_check, by=editor)
    page = client.get(reverse("public:claim_detail", args=[fact_check.pk])).content.decode()
    assert "Said again" in page
    assert "https://evening.example/delegation" in page
    api = client.get(f"/api/v1/claims/{fact_check.pk}/").json()
    (appearance,) = api["appearances"]
    assert appearance["outlet"] == "Evening Post"
    assert appearance["url"] == "https://evening.example/delegation"
    assert appearance["published_on"] == "2021-04-02"
    assert appearance["score"] == ClaimMatch.objects.get(claim=later, earlier=fact_check).score
    review = client.get(f"/api/v1/claims/{fact_check.pk}/claimreview").json()
    urls = [work.get("url") for work in review["itemReviewed"]["appearance"]]
    assert "https://evening.example/delegation" in urls


def test_a_repeat_raises_the_claim_repeated_event_once(
    fact_check: Claim, django_capture_on_commit_callbacks: Any
) -> None:
    from claims.events import event_raised

    seen: list[tuple[str, dict[str, Any]]] = []

    def heard(sender: Any, event: str, payload: dict[str, Any], **_: Any) -> None:
        seen.append((event, payload))

    event_raised.connect(heard, dispatch_uid="test-repeat-event")
    try:
        later = _repeat()
        with django_capture_on_commit_callbacks(execute=True):
            services.article_claims_match(article_id=later.article_id)
        with django_capture_on_commit_callbacks(execute=True):
            services.article_claims_match(article_id=later.article_id)  # no second alert
    finally:
        event_raised.disconnect(dispatch_uid="test-repeat-event")
    repeated = [payload for event, payload in seen if event == "claim.repeated"]
    assert len(repeated) == 1
    assert str(fact_check.pk) in str(repeated[0])
