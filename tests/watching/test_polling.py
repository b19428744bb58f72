"""Polling watched feeds served over real HTTP: entries become articles, once each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from claims.models import Article
from claims.services import article_import_url
from tests.conftest import LocalSite
from tests.watching.conftest import Jobs
from tests.watching.feeds import (
    ConditionalRoute,
    atom,
    conditional,
    news_sitemap,
    rss,
    serve_pages,
    stories,
)
from watching import services
from watching.models import FeedEntry, WatchedFeed
from watching.tasks import poll_due_feeds, poll_feed

pytestmark = pytest.mark.django_db

RSS_TYPE = "application/rss+xml; charset=utf-8"


def _due(feed: WatchedFeed) -> None:
    WatchedFeed.objects.filter(pk=feed.pk).update(next_poll_at=timezone.now())


def test_an_rss_feeds_entries_become_articles_of_its_outlet(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 3)
    serve_pages(local_site, items)
    url = conditional(local_site, "/rss.xml", ConditionalRoute(rss(local_site, items), RSS_TYPE))
    feed = services.feed_add(url=url, outlet="Kelmar Daily", language="en-GB")

    outcome = jobs.poll(feed)

    assert (outcome.new, outcome.skipped, outcome.error) == (3, 0, "")
    feed.refresh_from_db()
    assert (feed.kind, feed.status, feed.articles_brought) == ("rss", "ok", 3)
    assert (feed.etag, feed.last_modified) == ('"v1"', "Mon, 06 Mar 2023 20:00:00 GMT")
    assert feed.next_poll_at is not None
    assert feed.last_polled_at is not None
    assert feed.next_poll_at - feed.last_polled_at >= dt.timedelta(minutes=29)
    entries = list(FeedEntry.objects.filter(feed=feed).order_by("published_at"))
    # Tracking parameters are dropped: the entry's and the article's URL is the story's own.
    assert [e.url for e in entries] == [local_site.url(s.path) for s in items]
    assert [e.guid for e in entries] == [f"kelmar-{s.path}" for s in items]
    assert entries[0].published_at == items[0].published
    article = entries[0].article
    assert article is not None
    assert (article.outlet, article.language, article.url) == (
        "Kelmar Daily",
        "en-GB",
        local_site.url(items[0].path),
    )
    assert article.extraction_status == Article.ExtractionStatus.FETCHING
    assert article.published_on == dt.date(2023, 3, 6)
    assert sorted(jobs.page_fetches) == sorted(e.article_id for e in entries)

    jobs.fetch_pages(extract=True)
    article.refresh_from_db()
    assert items[0].lead in article.clean_text
    assert article.extraction_status == Article.ExtractionStatus.SUCCEEDED
    assert article.claims.exists()
    assert article.outlet == "Kelmar Daily"  # the feed's outlet, not the page's site name


def test_an_atom_feeds_relative_links_resolve_against_its_base(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("ledger", 2)
    serve_pages(local_site, items)
    url = local_site.add("/atom.xml", atom(local_site, items), content_type="application/atom+xml")
    feed = services.feed_add(url=url, outlet="The Ledger")

    outcome = jobs.poll(feed)

    assert outcome.new == 2
    feed.refresh_from_db()
    assert feed.kind == "atom"
    assert set(Article.objects.values_list("url", flat=True)) == {
        local_site.url(s.path) for s in items
    }
    assert set(FeedEntry.objects.values_list("title", flat=True)) == {s.title for s in items}


def test_a_news_sitemap_served_as_text_xml_brings_its_articles(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("courier", 2)
    serve_pages(local_site, items)
    url = local_site.add(
        "/news-sitemap.xml", news_sitemap(local_site, items), content_type="text/xml"
    )
    feed = services.feed_add(url=url, outlet="The Courier", interval_minutes=10)

    outcome = jobs.poll(feed)

    assert outcome.new == 2
    feed.refresh_from_db()
    assert feed.kind == "sitemap"
    entry = FeedEntry.objects.get(url=local_site.url(items[1].path))
    assert (entry.title, entry.published_at) == (items[1].title, items[1].published)
    assert entry.article is not None
    assert entry.article.title == items[1].title


def test_a_feed_served_as_text_html_is_still_read_as_a_feed(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("plain", 1)
    url = local_site.add("/feed", rss(local_site, items), content_type="text/html")
    feed = services.feed_add(url=url, outlet="Plain News")
    assert jobs.poll(feed).new == 1


def test_a_second_poll_ingests_nothing_new_on_304_or_on_the_same_entries(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 2)
    route = ConditionalRoute(rss(local_site, items), RSS_TYPE)
    feed = services.feed_add(url=conditional(local_site, "/rss.xml", route), outlet="Kelmar")
    assert jobs.poll(feed).new == 2

    again = jobs.poll(feed)  # the stored ETag goes back: 304
    assert again.not_modified
    assert (again.new, again.skipped) == (0, 0)
    assert route.conditional_hits == 1

    route.not_modified = False  # a server that ignores validators: the same entries again
    third = jobs.poll(feed)
    assert (third.not_modified, third.new, third.skipped) == (False, 0, 0)
    assert Article.objects.count() == 2
    assert FeedEntry.objects.count() == 2
    feed.refresh_from_db()
    assert (feed.status, feed.articles_brought) == ("ok", 2)


def test_a_malformed_feed_fails_with_its_reason_and_backs_off_while_another_polls(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 2)
    broken = local_site.add(
        "/broken.xml", '<rss version="2.0"><channel><item><title>Cut', content_type="text/xml"
    )
    bad = services.feed_add(url=broken, outlet="Broken Times", interval_minutes=10)
    good = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, items)), outlet="K")
    with jobs.capture(execute=True):
        assert poll_due_feeds() == 2
    assert sorted(jobs.polls) == sorted([bad.pk, good.pk])
    before = timezone.now()
    for feed_id in jobs.polls:
        poll_feed(feed_id)

    bad.refresh_from_db()
    good.refresh_from_db()
    assert (good.status, good.articles_brought) == ("ok", 2)
    assert bad.status == "failing"
    assert bad.last_error.startswith("the feed is not well-formed XML")
    assert bad.consecutive_failures == 1
    assert bad.next_poll_at is not None
    # Backed off: twice its interval, then twice that.
    assert dt.timedelta(minutes=19) < bad.next_poll_at - before <= dt.timedelta(minutes=21)
    assert bad not in services.polls_due()
    _due(bad)
    jobs.poll(bad)
    bad.refresh_from_db()
    assert bad.consecutive_failures == 2
    assert bad.next_poll_at is not None
    assert dt.timedelta(minutes=39) < bad.next_poll_at - timezone.now() <= dt.timedelta(minutes=41)

    local_site.add("/broken.xml", rss(local_site, []), content_type="text/xml")  # mended
    _due(bad)
    jobs.poll(bad)
    bad.refresh_from_db()
    assert (bad.status, bad.last_error, bad.consecutive_failures) == ("ok", "", 0)


def test_the_backoff_is_capped_at_a_day() -> None:
    assert services.backoff(interval_minutes=5, failures=1) == dt.timedelta(minutes=10)
    assert services.backoff(interval_minutes=600, failures=2) == dt.timedelta(days=1)
    assert services.backoff(interval_minutes=5, failures=10_000) == dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("path", "body", "content_type", "reason"),
    [
        ("/empty.xml", "", "application/rss+xml", "the feed is empty"),
        ("/binary.xml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "text/xml", "binary"),
        (
            "/page",
            "<!DOCTYPE html><html><body><p>Our news</p></body></html>",
            "text/html",
            "web page",
        ),
        ("/image", b"GIF89a", "image/gif", "accepted: application/atom+xml"),
        ("/missing.xml", "", "text/xml", "answered 404"),
        ("/huge.xml", "<rss>" + "x" * 300_000 + "</rss>", "text/xml", "the limit is"),
        (
            "/bomb.xml",
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">'
            '<!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title>'
            "</channel></rss>",
            "text/xml",
            "entities",
        ),
    ],
)
def test_a_hostile_or_broken_feed_is_a_readable_failure(
    local_site: LocalSite,
    jobs: Jobs,
    settings: Any,
    path: str,
    body: str | bytes,
    content_type: str,
    reason: str,
) -> None:
    settings.FACTCHECK_FETCH_MAX_BYTES = 100_000
    url = local_site.add(path, body, content_type=content_type)
    if path == "/missing.xml":
        url = local_site.url("/nothing-here.xml")
    feed = services.feed_add(url=url, outlet="Hostile")
    with jobs.capture(execute=True):
        result = poll_feed(feed.pk)
    assert reason in str(result["error"])
    feed.refresh_from_db()
    assert feed.status == "failing"
    assert reason in feed.last_error
    assert not FeedEntry.objects.exists()
    assert feed.poll_started_at is None


def test_a_poll_ingests_at_most_the_bound_and_the_rest_wait(
    local_site: LocalSite, jobs: Jobs, settings: Any
) -> None:
    settings.FACTCHECK_WATCH_MAX_ENTRIES_PER_POLL = 2
    items = stories("kelmar", 5)
    route = ConditionalRoute(rss(local_site, items), RSS_TYPE)
    feed = services.feed_add(url=conditional(local_site, "/rss.xml", route), outlet="K")

    first = jobs.poll(feed)
    assert (first.new, first.waiting) == (2, 3)
    _due(feed)
    second = jobs.poll(feed)
    assert (second.new, second.waiting) == (2, 1)
    third = jobs.poll(feed)
    assert (third.new, third.waiting) == (1, 0)
    assert Article.objects.count() == 5
    # The validators are kept only once nothing waits: a 304 must not hide the entries left.
    assert route.conditional_hits == 0
    assert jobs.poll(feed).not_modified
    assert route.conditional_hits == 1
    # Newest first, as the feed lists them.
    assert set(
        FeedEntry.objects.filter(article__in=first.article_ids).values_list("url", flat=True)
    ) == {local_site.url(s.path) for s in items[:2]}


def test_a_url_listed_by_two_feeds_or_imported_by_an_editor_is_ingested_once(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("shared", 3)
    serve_pages(local_site, items)
    with jobs.capture(execute=True):
        by_editor = article_import_url(url=local_site.url(items[2].path)).article
    one = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, items[:2])), outlet="A")
    two = services.feed_add(
        url=local_site.add(
            "/sitemap.xml", news_sitemap(local_site, items), content_type="text/xml"
        ),
        outlet="B",
    )
    assert jobs.poll(one).new == 2
    outcome = jobs.poll(two)

    assert (outcome.new, outcome.skipped) == (0, 3)
    assert Article.objects.count() == 3
    skipped = FeedEntry.objects.filter(feed=two)
    assert {e.skip_reason for e in skipped} == {"duplicate_url"}
    assert skipped.get(url=by_editor.url).skip_detail.startswith(f"already article #{by_editor.pk}")
    assert (
        f"listed before by feed #{one.pk} (A)"
        in skipped.get(url=local_site.url(items[0].path)).skip_detail
    )
    two.refresh_from_db()
    assert two.articles_brought == 0


def test_the_same_text_at_another_url_is_caught_by_the_content_hash(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("copy", 2)
    serve_pages(local_site, items[:1])
    local_site.routes[items[1].path] = local_site.routes[items[0].path]  # a syndicated copy
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, items)), outlet="K")
    assert jobs.poll(feed).new == 2
    jobs.fetch_pages()
    failed = Article.objects.get(extraction_status=Article.ExtractionStatus.FAILED)
    assert "the same as article" in failed.extraction_error

    _due(feed)
    jobs.poll(feed)  # the next poll says so on the entry

    entry = FeedEntry.objects.get(article=failed)
    assert entry.skip_reason == "duplicate_text"
    feed.refresh_from_db()
    assert feed.articles_brought == 1


def test_an_entry_pointing_at_an_internal_address_is_refused_and_the_rest_go_in(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 1)
    body = rss(local_site, items).replace(
        "</channel>",
        "<item><title>Internal</title><link>http://10.1.2.3/admin</link></item>"
        "<item><title>Script</title><link>javascript:alert(1)</link></item></channel>",
    )
    feed = services.feed_add(url=local_site.add("/rss.xml", body), outlet="K")
    outcome = jobs.poll(feed)
    assert (outcome.new, outcome.skipped) == (1, 2)
    refused = FeedEntry.objects.filter(skip_reason="refused_url")
    assert refused.count() == 2
    assert any("not allowed" in e.skip_detail or "private" in e.skip_detail for e in refused)
    assert jobs.poll(feed).skipped == 0  # known now: not refused again


def test_beat_sends_one_job_per_due_feed_and_not_again_while_it_waits(
    local_site: LocalSite, jobs: Jobs
) -> None:
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, [])), outlet="K")
    services.feed_add(url=local_site.add("/off.xml", ""), outlet="Off", enabled=False)
    assert poll_due_feeds() == 1
    assert poll_due_feeds() == 0
    assert jobs.polls == [feed.pk]


def test_a_feed_being_polled_is_not_polled_twice_at_once(local_site: LocalSite) -> None:
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, [])), outlet="K")
    WatchedFeed.objects.filter(pk=feed.pk).update(poll_started_at=timezone.now())
    assert services.feed_poll(feed=feed).busy
    assert local_site.hits.get("/rss.xml") is None
    # A poll whose worker died is taken over once its lease is over.
    WatchedFeed.objects.filter(pk=feed.pk).update(
        poll_started_at=timezone.now() - services.POLL_LEASE - dt.timedelta(seconds=1)
    )
    assert not services.feed_poll(feed=feed).busy
    assert local_site.hits["/rss.xml"] == 1


def test_a_bug_in_a_poll_marks_the_feed_failing_with_an_internal_error(
    local_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = services.feed_add(url=local_site.add("/rss.xml", rss(local_site, [])), outlet="K")

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "feed_poll", broken)
    with pytest.raises(RuntimeError):
        poll_feed(feed.pk)
    feed.refresh_from_db()
    assert feed.status == "failing"
    assert "internal error" in feed.last_error


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": "ftp://news.example/feed"}, "http and https"),
        ({"url": "http://127.0.0.2/feed"}, "cannot be used"),
        ({"outlet": "  "}, "outlet's name is required"),
        ({"interval_minutes": 2}, "5 to 1440 minutes"),
        ({"interval_minutes": 5000}, "5 to 1440 minutes"),
        ({"outlet": "x" * 201}, "at most 200"),
    ],
)
def test_feed_add_refuses_what_cannot_be_watched(fields: dict[str, Any], reason: str) -> None:
    values = {"url": "https://news.example/feed.xml", "outlet": "News", **fields}
    with pytest.raises(services.FeedInputError, match=reason):
        services.feed_add(**values)
    assert not WatchedFeed.objects.exists()


def test_feed_add_refuses_a_url_watched_already_however_it_is_spelled() -> None:
    first = services.feed_add(url="https://News.Example/feed.xml?utm_source=x", outlet="News")
    assert first.url == "https://news.example/feed.xml"
    with pytest.raises(services.FeedTakenError, match=f"as feed #{first.pk}"):
        services.feed_add(url="https://news.example/feed.xml#top", outlet="Other")


def test_feed_update_changes_the_feed_and_a_new_url_starts_it_afresh() -> None:
    feed = services.feed_add(url="https://news.example/feed.xml", outlet="News")
    WatchedFeed.objects.filter(pk=feed.pk).update(etag='"x"', status="failing", last_error="no")
    services.feed_update(
        feed=feed,
        url="https://news.example/other.xml",
        outlet="News Two",
        language="fr",
        interval_minutes=60,
        enabled=False,
    )
    feed.refresh_from_db()
    assert (feed.url, feed.outlet, feed.language, feed.interval_minutes, feed.enabled) == (
        "https://news.example/other.xml",
        "News Two",
        "fr",
        60,
        False,
    )
    assert (feed.etag, feed.status, feed.last_error) == ("", "new", "")
    assert feed not in services.polls_due()


def test_a_feed_that_does_not_answer_fails_and_is_tried_again_later(
    local_site: LocalSite, jobs: Jobs
) -> None:
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    feed = services.feed_add(url=f"http://127.0.0.1:{port}/rss.xml", outlet="Gone")
    outcome = jobs.poll(feed)
    assert outcome.error.startswith("could not connect to 127.0.0.1")
    feed.refresh_from_db()
    assert (feed.status, feed.consecutive_failures) == ("failing", 1)
    assert feed.next_poll_at is not None
    assert feed.next_poll_at > timezone.now() + dt.timedelta(minutes=59)
