"""`manage.py watch` adds a feed; `manage.py poll` polls the due ones and can wait for them."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import Article
from tests.conftest import REPO, LocalSite, subprocess_env
from tests.watching.conftest import Jobs
from tests.watching.feeds import rss, serve_pages, stories
from watching.models import WatchedFeed


@pytest.mark.django_db
def test_watch_adds_a_feed_and_prints_its_id(local_site: LocalSite) -> None:
    out = StringIO()
    call_command(
        "watch",
        local_site.url("/rss.xml?utm_source=x"),
        "--outlet",
        "Kelmar Daily",
        "--language",
        "en-GB",
        "--every",
        "15",
        stdout=out,
        stderr=StringIO(),
    )
    feed = WatchedFeed.objects.get()
    assert out.getvalue().strip() == str(feed.pk)
    assert (feed.url, feed.outlet, feed.language, feed.interval_minutes) == (
        local_site.url("/rss.xml"),
        "Kelmar Daily",
        "en-GB",
        15,
    )
    with pytest.raises(CommandError, match=f"watched already, as feed #{feed.pk}"):
        call_command("watch", local_site.url("/rss.xml"), "--outlet", "Again", stdout=StringIO())
    with pytest.raises(CommandError, match="5 to 1440 minutes"):
        call_command(
            "watch", local_site.url("/b"), "--outlet", "B", "--every", "1", stdout=StringIO()
        )


@pytest.mark.django_db(transaction=True)
def test_watch_exits_non_zero_with_the_reason_on_refusal() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "watch", "gopher://news.example/", "--outlet", "X"],
        cwd=REPO,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "not watched" in result.stderr
    assert "http and https" in result.stderr
    assert result.stdout == ""


@pytest.mark.django_db
def test_poll_polls_the_due_feeds_and_counts_what_came_in(
    local_site: LocalSite, jobs: Jobs
) -> None:
    items = stories("kelmar", 2)
    serve_pages(local_site, items)
    local_site.add("/rss.xml", rss(local_site, items))
    local_site.add("/bad.xml", "not a feed", content_type="text/plain")
    call_command(
        "watch", local_site.url("/rss.xml"), "--outlet", "K", stdout=StringIO(), stderr=StringIO()
    )
    call_command(
        "watch", local_site.url("/bad.xml"), "--outlet", "B", stdout=StringIO(), stderr=StringIO()
    )
    out = StringIO()
    with jobs.capture(execute=True):
        call_command("poll", stdout=out)
    text = out.getvalue()
    assert "2 new article(s), 0 skipped" in text
    assert "failed: the feed is not well-formed XML" in text
    assert "2 new article(s), 0 extracted, holding 0 claim(s); 1 feed(s) failing" in text
    assert len(jobs.page_fetches) == 2

    again = StringIO()
    call_command("poll", "--wait", "0.2", stdout=again, stderr=StringIO())
    assert (
        again.getvalue().strip()
        == "0 new article(s), 0 extracted, holding 0 claim(s); 0 feed(s) failing"
    )


@pytest.mark.worker
def test_poll_wait_counts_the_articles_and_claims_a_real_worker_extracted(
    start_worker: Any, local_site: LocalSite
) -> None:
    start_worker(FACTCHECK_FETCH_ALLOWED_HOSTS="127.0.0.1")
    items = stories("kelmar", 2)
    serve_pages(local_site, items)
    local_site.add("/rss.xml", rss(local_site, items))
    call_command(
        "watch", local_site.url("/rss.xml"), "--outlet", "K", stdout=StringIO(), stderr=StringIO()
    )
    out = StringIO()
    call_command("poll", "--wait", "120", stdout=out, stderr=StringIO())
    articles = Article.objects.filter(outlet="K")
    assert {a.extraction_status for a in articles} == {Article.ExtractionStatus.SUCCEEDED}
    claims = sum(a.claims.count() for a in articles)
    assert claims > 0
    assert f"2 new article(s), 2 extracted, holding {claims} claim(s)" in out.getvalue()
