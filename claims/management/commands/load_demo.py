"""Load the demo articles (written by the factcheck authors) once.

The second, a week later in another outlet, repeats some of the first's claims in other words
(and changes one figure), so the desk shows what claim matching finds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.services import article_ingest

FOLLOW_UP = Path(__file__).resolve().parents[2] / "fixtures" / "demo_followup.txt"


class Command(BaseCommand):
    help = "Import the demo articles and queue their extraction; importing again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        demos = [
            (settings.FACTCHECK_DEMO_ARTICLE, "The Port Ellis Ledger (demo)", dt.date(2026, 3, 12)),
            (FOLLOW_UP, "Harbour Evening Post (demo)", dt.date(2026, 3, 19)),
        ]
        for path, outlet, published in demos:
            text = path.read_text(encoding="utf-8")
            headline = next((line.strip() for line in text.splitlines() if line.strip()), "Demo")
            result = article_ingest(
                raw_input=text, title=headline, outlet=outlet, published_on=published
            )
            article, created = result.article, result.created
            verb = "Loaded" if created else "Already loaded:"
            self.stdout.write(f"{verb} demo article #{article.pk} '{article}'")
