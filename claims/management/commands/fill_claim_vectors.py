"""Compute the sentence vectors of claims stored before semantic matching, in this process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims import services
from claims.matching import semantic


class Command(BaseCommand):
    help = "Compute and store the sentence vectors claims lack (published claims first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, help="at most this many claims")

    def handle(self, *args: Any, **options: Any) -> None:
        limit = options["limit"]
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")
        if not services.semantic_on():
            reason = (
                "FACTCHECK_SEMANTIC_MATCHING is off"
                if semantic.available()
                else f"the semantic extra is not installed ({semantic.INSTALL_HINT})"
            )
            raise CommandError(f"semantic matching is off here: {reason}")
        done = services.claim_vectors_fill(limit=limit)
        self.stdout.write(f"{done} claim vector(s) computed and stored.")
