"""Link a source to a claim; its fetch and the claim's verification are queued."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

import fetching
from claims.models import Claim
from jobs.queueing import queue_report, queued_later_notice
from sources import services


class Command(BaseCommand):
    help = "Link a source URL to a claim and queue its fetch and the claim's verification."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claim", type=int, required=True, help="the claim's id")
        parser.add_argument("url", help="the source's http(s) URL")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        claim = Claim.objects.filter(pk=options["claim"]).first()
        if claim is None:
            raise CommandError(f"no claim with id {options['claim']}")
        try:
            with queue_report() as not_queued:
                result = services.claim_source_link(claim=claim, url=options["url"])
        except fetching.FetchError as exc:
            raise CommandError(str(exc)) from None
        if not_queued:
            self.stderr.write(
                queued_later_notice(
                    not_queued, "The source is linked; its fetch (or the claim's verification)"
                )
            )
        if options["json"]:
            payload = {
                "claim": claim.pk,
                "source": result.source.pk,
                "url": result.source.url,
                "linked": result.created,
                "fetch_status": result.source.fetch_status,
            }
            self.stdout.write(json.dumps(payload))
            return
        verb = "Linked" if result.created else "Already linked:"
        self.stdout.write(
            f"{verb} source #{result.source.pk} {result.source.url} to claim #{claim.pk}"
        )
