"""The desk's pages for watched feeds: they render, save through the services, and poll now."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Article
from tests.conftest import LocalSite
from tests.watching.conftest import Jobs
from tests.watching.feeds import rss, serve_pages, stories
from watching import services
from watching.models import FeedEntry, WatchedFeed
from watching.tasks import poll_feed

pytestmark = pytest.mark.django_db


def _form(**fields: Any) -> dict[str, Any]:
    return {
        "url": "https://news.example/rss.xml",
        "outlet": "News Example",
        "language": "en",
        "interval_minutes": "30",
        "enabled": "on",
        **fields,
    }


def test_the_feed_list_change_page_and_entries_render(
    admin_client: Client, local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 2)
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, items)), outlet="K")
    bad = services.feed_add(url=local_site.add("/bad.xml", "<rss"), outlet="Broken")
    jobs.poll(feed)
    jobs.poll(bad)

    listing = admin_client.get(reverse("admin:watching_watchedfeed_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert local_site.url("/rss.xml") in page
    assert "Failing" in page
    assert "not well-formed" in page
    change = admin_client.get(reverse("admin:watching_watchedfeed_change", args=[feed.pk]))
    assert change.status_code == 200
    assert "2 entries" in change.content.decode()
    entries = admin_client.get(
        reverse("admin:watching_feedentry_changelist") + f"?feed__id__exact={feed.pk}"
    )
    assert entries.status_code == 200
    assert items[0].title in entries.content.decode()
    entry = FeedEntry.objects.filter(feed=feed).first()
    assert entry is not None
    view = admin_client.get(reverse("admin:watching_feedentry_change", args=[entry.pk]))
    assert view.status_code == 200
    assert admin_client.get(reverse("admin:watching_feedentry_add")).status_code == 403
    assert admin_client.get(reverse("admin:watching_watchedfeed_add")).status_code == 200


def test_adding_a_feed_in_the_admin_goes_through_the_service() -> None:
    from django.contrib.auth.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("ada", password="pw"))
    response = client.post(
        reverse("admin:watching_watchedfeed_add"),
        _form(url="https://NEWS.example/rss.xml?utm_campaign=x"),
    )
    assert response.status_code == 302
    feed = WatchedFeed.objects.get()
    assert (feed.url, feed.outlet, feed.status) == (
        "https://news.example/rss.xml",
        "News Example",
        "new",
    )
    assert feed in services.polls_due()

    again = client.post(reverse("admin:watching_watchedfeed_add"), _form(outlet="Other"))
    assert again.status_code == 200
    assert "This feed is watched already" in again.content.decode()
    bad = client.post(
        reverse("admin:watching_watchedfeed_add"),
        _form(url="https://news.example/other.xml", interval_minutes="1"),
    )
    assert bad.status_code == 200
    assert WatchedFeed.objects.count() == 1

    changed = client.post(
        reverse("admin:watching_watchedfeed_change", args=[feed.pk]),
        _form(outlet="News Example Daily", interval_minutes="60"),
    )
    assert changed.status_code == 302
    feed.refresh_from_db()
    assert (feed.outlet, feed.interval_minutes) == ("News Example Daily", 60)


def test_a_refused_save_says_why_and_saves_nothing(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: Any) -> None:
        raise services.FeedInputError("the outlet's name is required")

    monkeypatch.setattr(services, "feed_add", refuse)
    response = admin_client.post(reverse("admin:watching_watchedfeed_add"), _form(), follow=True)
    assert response.status_code == 200
    assert "Not saved: The outlet&#x27;s name is required" in response.content.decode()
    assert not WatchedFeed.objects.exists()


def test_poll_now_queues_a_poll_that_brings_the_articles(
    admin_client: Client, local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 2)
    serve_pages(local_site, items)
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, items)), outlet="K")
    with jobs.capture(execute=True):
        response = admin_client.post(
            reverse("admin:watching_watchedfeed_changelist"),
            {"action": "poll_now", "_selected_action": [str(feed.pk)]},
            follow=True,
        )
    assert response.status_code == 200
    assert "Queued a poll of 1 feed(s)." in response.content.decode()
    assert jobs.polls == [feed.pk]
    assert feed not in services.polls_due()  # beat sends no second job meanwhile
    with jobs.capture(execute=True):
        poll_feed(feed.pk)
    assert Article.objects.filter(outlet="K").count() == 2
    feed.refresh_from_db()
    assert (feed.status, feed.articles_brought) == ("ok", 2)
