"""Watch an outlet's RSS or Atom feed or news sitemap: its new articles are imported by polls."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from watching import services
from watching.models import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES


class Command(BaseCommand):
    help = "Watch a feed (RSS, Atom or a news sitemap) of an outlet; prints the new feed's id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", help="the feed's http(s) URL")
        parser.add_argument("--outlet", required=True, help="the outlet's name, given to articles")
        parser.add_argument("--language", default="en", help="the articles' language (en)")
        parser.add_argument(
            "--every",
            type=int,
            default=30,
            metavar="MINUTES",
            help=f"poll interval, {MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES} minutes (30)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            feed = services.feed_add(
                url=options["url"],
                outlet=options["outlet"],
                language=options["language"],
                interval_minutes=options["every"],
            )
        except services.FeedInputError as exc:
            raise CommandError(f"not watched: {exc}") from None
        self.stdout.write(str(feed.pk))
        self.stderr.write(
            f"Watching {feed.url} for {feed.outlet} every {feed.interval_minutes} minutes;"
            " `manage.py poll` polls it now."
        )
