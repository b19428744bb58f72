"""Jobs run in this process: the page fetches and extractions a poll queues are collected and
run when a test asks (no worker, no broker)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from claims.tasks import extract_article, fetch_article_page
from watching import services
from watching.models import WatchedFeed
from watching.services import PollOutcome
from watching.tasks import poll_feed


class Jobs:
    def __init__(self, capture: Callable[..., Any]) -> None:
        self.capture = capture
        self.page_fetches: list[int] = []
        self.extractions: list[int] = []
        self.polls: list[int] = []

    def poll(self, feed: WatchedFeed) -> PollOutcome:
        """Poll the feed, sending the jobs it queues when it commits (here: collecting them)."""
        with self.capture(execute=True):
            return services.feed_poll(feed=feed)

    def fetch_pages(self, *, extract: bool = False) -> None:
        """Run the page fetches queued so far (and the extractions they queue, if asked)."""
        while self.page_fetches:
            with self.capture(execute=True):
                fetch_article_page(self.page_fetches.pop(0))
        while extract and self.extractions:
            with self.capture(execute=True):
                extract_article(self.extractions.pop(0))


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any) -> Jobs:
    collected = Jobs(django_capture_on_commit_callbacks)
    monkeypatch.setattr(fetch_article_page, "delay", collected.page_fetches.append)
    monkeypatch.setattr(extract_article, "delay", collected.extractions.append)
    monkeypatch.setattr(poll_feed, "delay", collected.polls.append)
    return collected
