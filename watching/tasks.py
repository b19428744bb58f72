"""Background jobs for watched feeds: beat finds the feeds due, one job polls each.

A poll records how it ended on the feed itself (ok, or failing with its reason and a backoff),
so the job policy only meets what no poll foresaw: a bug, or the database going away. A failed
fetch is not retried by the policy either: the feed's next poll, backed off, is the retry.
"""

from __future__ import annotations

import logging

from celery import Task, shared_task

from jobs.policy import Failure, job_task
from jobs.queueing import send
from watching import services
from watching.digest_mail import DigestSendError, digest_subscriptions_due, morning_digest_send
from watching.models import WatchedFeed

logger = logging.getLogger(__name__)


def _poll_failed(feed_id: int, failure: Failure) -> None:
    services.feed_poll_fail(feed_id=feed_id, message=failure.message)


@job_task(name="watching.poll_feed", what="polling feed {id}", fail=_poll_failed)
def poll_feed(task: Task[..., object], feed_id: int) -> dict[str, object]:
    """Poll one watched feed and ingest its new entries (a second message finds it taken)."""
    feed = WatchedFeed.objects.filter(pk=feed_id).first()
    if feed is None:
        return {"feed_id": feed_id, "skipped": "deleted"}
    return services.feed_poll(feed=feed).as_dict()


@shared_task(name="watching.poll_due_feeds", ignore_result=True)
def poll_due_feeds() -> int:
    """Send one poll job for every feed that is due (beat runs this every minute)."""
    sent = 0
    for feed_id, due_at in services.polls_due().values_list("pk", "next_poll_at"):
        # Not sent (the broker away): the feed is due again once the lease is over.
        taken = services.feed_poll_dispatch(feed_id=feed_id, due_at=due_at)
        if taken and send(poll_feed, feed_id) is None:
            sent += 1
    return sent


def _digest_failed(subscription_id: int, failure: Failure) -> None:
    # Nothing to mark: the subscription's last_sent_at was put back, so tomorrow's list still
    # starts where the last e-mail that went ended.
    logger.warning(
        "morning list for subscription %s not sent: %s", subscription_id, failure.message
    )


@job_task(
    name="watching.send_morning_digest",
    what="sending morning list {id}",
    fail=_digest_failed,
    known_errors={DigestSendError: ""},
)
def send_morning_digest(task: Task[..., object], subscription_id: int) -> bool:
    """E-mail one subscriber the morning list (a redelivered message finds it sent today)."""
    return morning_digest_send(subscription_id=subscription_id)


@shared_task(name="watching.send_morning_digests", ignore_result=True)
def send_morning_digests() -> int:
    """Send one e-mail job per subscriber due today (beat runs this each morning)."""
    sent = 0
    for subscription_id in digest_subscriptions_due():
        if send(send_morning_digest, subscription_id) is None:
            sent += 1
    return sent
