"""Queue verification of a claim or of an article's claims; --wait prints the findings."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.models import Article, Claim
from jobs.waiting import add_wait_argument, wait_for
from sources import selectors, services
from sources.models import RunStatus, VerificationRun


class Command(BaseCommand):
    help = "Queue verification (--claim ID or --article ID); --wait waits for the worker."

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--claim", type=int)
        target.add_argument("--article", type=int)
        add_wait_argument(parser, what="the runs, and print their findings")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["claim"] is not None:
            claim = Claim.objects.filter(pk=options["claim"]).first()
            if claim is None:
                raise CommandError(f"no claim with id {options['claim']}")
            runs = [services.claim_verification_queue(claim=claim)]
        else:
            article = Article.objects.filter(pk=options["article"]).first()
            if article is None:
                raise CommandError(f"no article with id {options['article']}")
            runs = services.article_verification_queue(article=article)
            if not runs:
                raise CommandError(f"article {article.pk} has no claims with linked sources")
        if options["wait"] is not None:
            runs = self._wait([r.pk for r in runs], options["wait"])
        rows = [selectors.run_as_dict(run) for run in runs]
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"run #{row['id']} claim #{row['claim']}: {row['status']}"
                + (f", suggests {row['suggested_verdict']}" if row["suggested_verdict"] else "")
                + (f" ({row['error']})" if row["error"] else "")
            )
            for finding in row["findings"]:
                self.stdout.write(
                    f"  [{finding['verifier']}] {finding['stance']}: {finding['explanation']}"
                )

    def _wait(self, run_ids: list[int], seconds: float) -> list[VerificationRun]:
        done = {RunStatus.SUCCEEDED, RunStatus.FAILED}
        pending = VerificationRun.objects.filter(pk__in=run_ids).exclude(status__in=done)
        wait_for(
            lambda: not pending.exists(), seconds=seconds, pending=f"runs {run_ids} not finished"
        )
        return list(VerificationRun.objects.filter(pk__in=run_ids).order_by("pk"))
