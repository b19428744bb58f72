"""Load the demo article (written by the factcheck authors) once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.services import article_ingest


class Command(BaseCommand):
    help = "Import the demo article and queue its extraction; importing it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        text = settings.FACTCHECK_DEMO_ARTICLE.read_text(encoding="utf-8")
        headline = next((line.strip() for line in text.splitlines() if line.strip()), "Demo")
        result = article_ingest(
            raw_input=text,
            title=headline,
            outlet="The Port Ellis Ledger (demo)",
            published_on=dt.date(2026, 3, 12),
        )
        article, created = result.article, result.created
        verb = "Loaded" if created else "Already loaded:"
        self.stdout.write(f"{verb} demo article #{article.pk} '{article}'")
