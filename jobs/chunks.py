"""Writing a job's results in short transactions, so that a big job never holds the database.

On SQLite (the embedded default) a write transaction holds the database's single write lock
from its BEGIN (IMMEDIATE) to its COMMIT, and every page that writes meanwhile (a login, a
ruling) waits for it: one transaction over the claims of a 1 MB article kept a login waiting
for 39 s. So a job computes its results outside any transaction (reads take no lock in WAL
mode) and writes them in chunks, each in an atomic block of its own that holds only writes and
the few reads that must see the rows as they are at the write. On PostgreSQL the same keeps
row locks and the writer's snapshot short.

Short transactions are not enough when they follow each other at once: SQLite's busy handler
wakes a waiting writer only now and then (up to 100 ms apart), so a job that begins its next
write the moment the last one committed keeps the lock nearly all the time. A job's `Pacer`
pauses between its write transactions, on SQLite only, so that waiting writers get their turn.

Each chunk stays idempotent on its own: rows are upserted against their unique constraints and
a job's progress is a conditional update, so a job that dies between two chunks is taken again
and finishes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from django.db import connection

T = TypeVar("T")

# Rows a job writes in one transaction: some milliseconds of SQLite's write lock.
WRITE_CHUNK = 200
# The pause between two write transactions of a job on SQLite: about the time one chunk holds
# the lock, so that a writer waiting for it (a login) is let in within a few tries.
PAUSE_SECONDS = 0.05


def chunked(items: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """The items in lists of at most `size` (WRITE_CHUNK by default), in order."""
    size = WRITE_CHUNK if size is None else size
    if size < 1:
        raise ValueError(f"chunks hold at least one item, not {size}")
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Pacer:
    """Call before each write transaction of a job: from the second on, it pauses on SQLite."""

    def __init__(self) -> None:
        self.pauses = 0
        self._started = False

    def __call__(self) -> None:
        if not self._started:
            self._started = True
            return
        # Inside a caller's transaction the lock is held already: a pause would only add to it.
        if connection.vendor == "sqlite" and PAUSE_SECONDS > 0 and not connection.in_atomic_block:
            time.sleep(PAUSE_SECONDS)
            self.pauses += 1
