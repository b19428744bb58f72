"""One deadline over a whole fetch: lookups, connects, TLS, headers, redirects and body."""

from __future__ import annotations

import time


class Deadline:
    """A point in monotonic time that every network wait of one fetch is cut short at."""

    def __init__(self, total: float) -> None:
        self.total = total
        self._at = time.monotonic() + total

    def remaining(self) -> float:
        return self._at - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def clamp(self, timeout: float | None) -> float:
        """`timeout` shortened to what is left; never zero (0 would make a socket non-blocking).

        At the deadline itself a tiny timeout remains, so the next wait times out at once.
        """
        left = max(self.remaining(), 0.001)
        return left if timeout is None else min(timeout, left)
