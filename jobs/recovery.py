"""Which queued or running jobs have no live message any more, so recovery sends one again.

A RUNNING job outlives its task only if the task died: the hard time limit ends every task, so
a row RUNNING (without a heartbeat) for longer than that is dead.

A QUEUED job's message may just be waiting behind others, or be gone: lost in a broker restart,
never sent while the broker was down. The queue is first in, first out, so a probe tells them
apart: beat's heartbeat sends a probe message stamped with the time it was sent, and the worker
that runs the probe records that stamp. Every message sent before that stamp has then been
delivered; a job still QUEUED since before it has no message left. Without a recent probe (beat
not running, the cache unreachable) a job queued longer than FACTCHECK_LOST_JOB_SECONDS is
presumed lost. Sending a message too many is harmless (the task finds its row taken and stops);
the rules only keep that rare.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)


def _probe_margin() -> dt.timedelta:
    # A message reserved by a busy worker is delivered but not started yet: give it a moment
    # (half a minute, less where lost jobs are to be found sooner than usual).
    return dt.timedelta(seconds=min(30.0, int(settings.FACTCHECK_LOST_JOB_SECONDS) / 4))


def _probe_key() -> str:
    # One record per queue and database: two deployments or test runs may share a cache.
    name = settings.DATABASES["default"]["NAME"]
    return f"jobs:queue-delivered-before:{settings.CELERY_TASK_DEFAULT_QUEUE}:{name}"


def probe_delivered(*, sent_at: dt.datetime) -> None:
    """Record that a probe sent at `sent_at` came through: the queue delivered all before it."""
    try:
        current = cache.get(_probe_key())
        if current is None or dt.datetime.fromisoformat(current) < sent_at:
            cache.set(_probe_key(), sent_at.isoformat(), timeout=None)
    except Exception:  # a cache outage only makes recovery fall back to age
        logger.warning("could not record the queue probe", exc_info=True)


def delivered_before() -> dt.datetime | None:
    """Every message sent before this time has been delivered (None when unknown)."""
    try:
        value = cache.get(_probe_key())
    except Exception:
        return None
    return dt.datetime.fromisoformat(value) if value else None


def lost_if_queued_before() -> dt.datetime:
    """A job QUEUED (or sent again) before this time has no message left."""
    now: dt.datetime = timezone.now()
    by_age = now - dt.timedelta(seconds=int(settings.FACTCHECK_LOST_JOB_SECONDS))
    probe = delivered_before()
    if probe is None:
        return by_age
    return max(by_age, probe - _probe_margin())


def lost_if_running_since() -> dt.datetime:
    """A job RUNNING since before this time (without a newer heartbeat) has no task left."""
    now: dt.datetime = timezone.now()
    return now - dt.timedelta(seconds=int(settings.CELERY_TASK_TIME_LIMIT) + 30)
