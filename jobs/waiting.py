"""The `--wait` option of commands that queue background work and may wait for a worker."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.management.base import CommandError, CommandParser

DEFAULT_WAIT = 120.0


def add_wait_argument(parser: CommandParser, *, what: str) -> None:
    parser.add_argument(
        "--wait",
        type=float,
        nargs="?",
        const=DEFAULT_WAIT,
        default=None,
        metavar="SECONDS",
        help=f"wait for a worker to finish {what} (default {DEFAULT_WAIT:g} s)",
    )


def wait_for(done: Callable[[], bool], *, seconds: float, pending: str) -> None:
    """Poll until `done()`; after `seconds`, fail saying what is still `pending`."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise CommandError(
                f"{pending} after {seconds:g} s: is a worker running? (make run starts one)"
            )
        time.sleep(0.25)
