"""How a pending retry of a fetch reads on the desk (a source, an article's page)."""

from __future__ import annotations

import datetime as dt

from jobs.policy import attempts_allowed, attempts_text


def retry_line(*, attempts: int, error: str, next_attempt_at: dt.datetime | None) -> str:
    """'Retrying: attempt 2 of 5 at 17:42:10 UTC — connection refused'; '' when none is due."""
    if next_attempt_at is None:
        return ""
    # The attempt announced is the next one; the cap is the policy's, as the worker applies it.
    number = max(attempts, 0) + 1
    limit = max(attempts_allowed(), number)
    at = next_attempt_at.astimezone(dt.UTC)
    reason = f" — {error.strip()}" if error and error.strip() else ""
    return f"Retrying: attempt {number} of {limit} at {at:%H:%M:%S} UTC{reason}"


def attempts_made(attempts: int) -> str:
    """'1 attempt', '3 attempts'; '' before any attempt was recorded."""
    return attempts_text(attempts) if attempts > 0 else ""
