"""Print the morning list: the claims the watched outlets brought, check-worthy first."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from claims.models import Claim
from watching.digest import MorningItem, morning_list, morning_since
from watching.models import Topic, WatchedFeed


class Command(BaseCommand):
    help = (
        "Print the morning list (claims from watched feeds, new work first, then repeats of"
        " fact-checks); --json prints one JSON object a line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD", help="from the start of this day (the last 24 hours)"
        )
        parser.add_argument("--outlet", default="", help="only this outlet's feeds")
        parser.add_argument("--topic", default="", help="only claims about this topic (its name)")
        parser.add_argument("--kind", default="", choices=["", *Claim.Kind.values])
        parser.add_argument("--json", action="store_true", help="JSON lines instead of text")

    def handle(self, *args: Any, **options: Any) -> None:
        since = morning_since()
        if options["since"]:
            try:
                day = dt.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(
                    f"--since must be YYYY-MM-DD, got {options['since']!r}"
                ) from None
            since = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        outlet = " ".join(options["outlet"].split())
        if outlet and not WatchedFeed.objects.filter(outlet__iexact=outlet).exists():
            raise CommandError(f"no watched feed is of the outlet {outlet!r}")
        topics: list[Topic] = []
        if options["topic"]:
            topic = Topic.objects.filter(name__iexact=options["topic"].strip()).first()
            if topic is None:
                raise CommandError(f"no topic is named {options['topic']!r}")
            topics.append(topic)
        listing = morning_list(since=since, outlet=outlet, topics=topics, kind=options["kind"])
        if options["json"]:
            for item in listing.items:
                self.stdout.write(json.dumps(_as_dict(item), ensure_ascii=False))
        else:
            self._text(listing.new, "New work, check-worthy first")
            self._text(listing.repeats, "Said again: checked before")
            if not len(listing):
                self.stdout.write(f"Nothing new since {since:%Y-%m-%d %H:%M}.")
        if listing.truncated:
            self.stderr.write(f"The list stops at {len(listing)} claims: narrow it.")

    def _text(self, items: list[MorningItem], heading: str) -> None:
        if not items:
            return
        self.stdout.write(f"{heading} ({len(items)}):")
        for item in items:
            claim = item.claim
            line = (
                f"  #{claim.pk} [{item.outlet}] {claim.text} ({claim.kind},"
                f" {claim.checkworthiness:.2f})"
            )
            if item.topics:
                line += f" topics: {', '.join(item.topics)}"
            if item.fact_check is not None:
                verdict = item.fact_check_verdict or "no verdict yet"
                line += f" repeats #{item.fact_check.pk} ({verdict})"
            self.stdout.write(line)


def _as_dict(item: MorningItem) -> dict[str, object]:
    claim = item.claim
    return {
        "id": claim.pk,
        "group": "repeat" if item.is_repeat else "new",
        "outlet": item.outlet,
        "article_id": claim.article_id,
        "article_title": claim.article.title,
        "text": claim.text,
        "kind": claim.kind,
        "checkworthy": claim.checkworthy,
        "checkworthiness": claim.checkworthiness,
        "topics": item.topics,
        "repeats": item.fact_check.pk if item.fact_check is not None else None,
        "repeats_verdict": item.fact_check_verdict or None,
    }
