"""Match claims against earlier claims now, in this process: for claims stored before matching."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services
from claims.models import Article


class Command(BaseCommand):
    help = "Match the claims of one article (--article) or of all articles against earlier claims."

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--article", type=int, help="the id of one article")
        target.add_argument("--all", action="store_true", help="every claim, oldest first")
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["article"] is not None:
            if not Article.objects.filter(pk=options["article"]).exists():
                raise CommandError(f"no article with id {options['article']}")
            outcome = services.article_claims_match(article_id=options["article"])
        else:
            outcome = services.claims_match_all()
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict()))
        else:
            self.stdout.write(
                f"{outcome.claims} claim(s) matched: {outcome.matches} match(es) stored,"
                f" {outcome.linked} linked as duplicates automatically."
            )
