"""Poll every watched feed that is due, in this process, and optionally wait for the articles."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.models import Article, Claim
from jobs.queueing import queue_report, queued_later_notice
from watching import services

_DONE = (Article.ExtractionStatus.SUCCEEDED, Article.ExtractionStatus.FAILED)


class Command(BaseCommand):
    help = (
        "Poll every watched feed that is due now; with --wait, wait until the new articles are"
        " extracted (or the time is up) and say how many came in and how many claims they hold."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wait",
            type=float,
            default=None,
            metavar="SECONDS",
            help="wait up to SECONDS for a worker to fetch and extract the new articles",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        article_ids: list[int] = []
        failed = 0
        with queue_report() as not_queued:
            for feed in services.polls_due():
                outcome = services.feed_poll(feed=feed)
                failed += bool(outcome.error)
                article_ids += outcome.article_ids
                self.stdout.write(f"feed #{feed.pk} {feed.url}: {outcome}")
        if not_queued:
            self.stderr.write(queued_later_notice(not_queued, "The new articles' page fetches"))
        if options["wait"] is not None and article_ids:
            self._wait(article_ids, max(0.0, options["wait"]))
        done = Article.objects.filter(pk__in=article_ids, extraction_status__in=_DONE)
        claims = Claim.objects.filter(article_id__in=article_ids).count()
        self.stdout.write(
            f"{len(article_ids)} new article(s), {done.count()} extracted, holding"
            f" {claims} claim(s); {failed} feed(s) failing"
        )

    def _wait(self, article_ids: list[int], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        pending = Article.objects.filter(pk__in=article_ids).exclude(extraction_status__in=_DONE)
        while pending.exists():
            if time.monotonic() > deadline:
                self.stderr.write(
                    f"{pending.count()} article(s) still not extracted after {seconds:g} s:"
                    " is a worker running?"
                )
                return
            time.sleep(0.25)
