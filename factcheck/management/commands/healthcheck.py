"""Print the health checks as JSON; exit 1 when one fails (for containers and scripts)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factcheck import health


class Command(BaseCommand):
    help = "Check the database and the broker (and with --worker, a worker round trip)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--worker", action="store_true", help="also round-trip a ping task")
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        checks = {"database": health.database_check(), "broker": health.broker_check()}
        if options["worker"]:
            checks["worker"] = health.worker_roundtrip_check(timeout=options["timeout"])
        self.stdout.write(json.dumps({name: c.as_dict() for name, c in checks.items()}, indent=2))
        failed = [name for name, check in checks.items() if not check.ok]
        if failed:
            raise CommandError(f"unhealthy: {', '.join(failed)}")
