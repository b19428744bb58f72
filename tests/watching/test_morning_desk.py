"""The desk's "To check today" page, its filters and subscription button, and the topic and
subscription admins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, RepeatAlert
from tests.claims.conftest import staff_in_role
from tests.watching.morning import fact_check_build, feed_claim
from watching import services
from watching.models import DigestSubscription, Topic

pytestmark = pytest.mark.django_db

URL = "admin:claims_claim_morning"


@pytest.fixture
def editor(db: None) -> User:
    return staff_in_role("edith", "Editor")


def _page(client: Client, **params: str) -> tuple[int, str]:
    response = client.get(reverse(URL), params)
    return response.status_code, response.content.decode()


def test_the_page_lists_new_work_and_repeats_with_links(
    client: Client, editor: User, django_assert_max_num_queries: Any
) -> None:
    services.topic_save(name="Trade", terms="exports")
    checked = fact_check_build(text="imports fell by half", published_text="Imports fell by half")
    new = feed_claim("Daily Ledger", text="exports rose by 12%", kind=Claim.Kind.COMPARISON)
    repeat = feed_claim("Evening Post", text="imports fell by 50%", checkworthiness=0.99)
    RepeatAlert.objects.create(fact_check=checked, claim=repeat, score=0.9)
    client.force_login(editor)

    with django_assert_max_num_queries(20):
        status, page = _page(client)

    assert status == 200
    new_part, repeats_part = page.split('id="morning-repeats"')
    assert reverse("admin:claims_claim_change", args=[new.pk]) in new_part
    assert "exports rose by 12%" in new_part
    assert "Daily Ledger" in new_part
    assert new.article.title in new_part
    assert "Comparison" in new_part
    assert "0.80" in new_part
    assert "Trade" in new_part
    assert reverse("admin:claims_claim_change", args=[repeat.pk]) in repeats_part
    assert reverse("admin:claims_claim_change", args=[checked.pk]) in repeats_part
    assert "Imports fell by half" in repeats_part
    assert "False" in repeats_part


def test_an_empty_list_says_so(client: Client, editor: User) -> None:
    client.force_login(editor)
    status, page = _page(client)
    assert status == 200
    assert "Nothing new to check." in page
    assert "No claim repeats a fact-check." in page


def test_the_filters_narrow_the_list(client: Client, editor: User) -> None:
    topic = services.topic_save(name="Jobs", terms="unemployment")
    ledger = feed_claim("Daily Ledger", text="exports rose by 12%")
    post = feed_claim("Evening Post", text="unemployment fell", kind=Claim.Kind.STATISTICAL)
    link = {c: reverse("admin:claims_claim_change", args=[c.pk]) for c in (ledger, post)}
    client.force_login(editor)

    for params, shown in [
        ({"outlet": "Evening Post"}, post),
        ({"topic": str(topic.pk)}, post),
        ({"kind": "comparison"}, ledger),
        (
            {"since": f"{timezone.localdate() - dt.timedelta(days=30)}", "outlet": "Daily Ledger"},
            ledger,
        ),
    ]:
        status, page = _page(client, **params)
        assert status == 200
        hidden = post if shown is ledger else ledger
        assert link[shown] in page, params
        assert link[hidden] not in page, params


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "yesterday"}, "Enter a valid date"),
        ({"since": "2026-02-30"}, "Enter a valid date"),
        ({"since": "2999-01-01"}, "in the future"),
        ({"since": "1999-01-01"}, "At most a year back"),
        ({"outlet": "Nobody"}, "Select a valid choice"),
        ({"topic": "abc"}, "Select a valid choice"),
        ({"topic": "999999"}, "Select a valid choice"),
        ({"kind": "gossip"}, "Select a valid choice"),
        ({"since": "\x00" * 5000}, "Enter a valid date"),
    ],
)
def test_bad_filters_are_named_not_obeyed(
    client: Client, editor: User, params: dict[str, str], message: str
) -> None:
    feed_claim()
    client.force_login(editor)
    status, page = _page(client, **params)
    assert status == 400
    assert message in page
    assert 'id="morning-new"' not in page


def test_the_page_needs_the_desk(client: Client) -> None:
    outsider = staff_in_role("nemo", None)
    client.force_login(outsider)
    assert client.get(reverse(URL)).status_code == 403
    client.logout()
    assert client.get(reverse(URL)).status_code == 302  # to the login page


def test_it_is_linked_from_todays_desk_and_the_index(client: Client, editor: User) -> None:
    client.force_login(editor)
    for page in ("admin:claims_claim_queue", "admin:index"):
        assert reverse(URL) in client.get(reverse(page)).content.decode()


def test_an_editor_starts_and_stops_their_morning_email(client: Client, editor: User) -> None:
    client.force_login(editor)
    assert "Send me this list each morning" in _page(client)[1]

    response = client.post(reverse(URL), {"subscription": "start"}, follow=True)
    assert "each morning" in response.content.decode()
    assert DigestSubscription.objects.get(user=editor).active
    assert "Stop the e-mail" in _page(client)[1]
    client.post(reverse(URL), {"subscription": "stop"})
    assert not DigestSubscription.objects.get(user=editor).active
    response = client.post(reverse(URL), {"subscription": "nonsense"}, follow=True)
    assert "sent no choice" in response.content.decode()
    assert DigestSubscription.objects.count() == 1


def test_topics_are_managed_in_the_desk_through_the_service(admin_client: Client) -> None:
    add = reverse("admin:watching_topic_add")
    assert admin_client.get(add).status_code == 200
    response = admin_client.post(add, {"name": " Trade ", "terms": "tariff\n\ntariff\nexports"})
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.name, topic.terms) == ("Trade", "tariff\nexports")
    refused = admin_client.post(add, {"name": "Marks", "terms": "%%"}, follow=True)
    assert "no letter or digit" in refused.content.decode()
    assert Topic.objects.count() == 1
    listing = admin_client.get(reverse("admin:watching_topic_changelist"))
    assert "tariff, exports" in listing.content.decode()


def test_superusers_manage_every_subscription(admin_client: Client, editor: User) -> None:
    topic = services.topic_save(name="Trade", terms="exports")
    add = reverse("admin:watching_digestsubscription_add")
    response = admin_client.post(add, {"user": editor.pk, "active": "on", "topics": [topic.pk]})
    assert response.status_code == 302
    subscription = DigestSubscription.objects.get(user=editor)
    assert subscription.active
    assert list(subscription.topics.all()) == [topic]
    listing = admin_client.get(reverse("admin:watching_digestsubscription_changelist"))
    assert "edith" in listing.content.decode()
    assert "Trade" in listing.content.decode()
    change = reverse("admin:watching_digestsubscription_change", args=[subscription.pk])
    assert admin_client.post(change, {"topics": []}).status_code == 302
    subscription.refresh_from_db()
    assert not subscription.active
    assert not subscription.topics.exists()


def test_an_editor_cannot_open_others_subscriptions(client: Client, editor: User) -> None:
    client.force_login(editor)
    page = reverse("admin:watching_digestsubscription_changelist")
    assert client.get(page).status_code == 403
