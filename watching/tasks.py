"""Background jobs for watched feeds: beat finds the feeds due, one job polls each.

A poll records how it ended on the feed itself (ok, or failing with its reason and a backoff),
so the job policy only meets what no poll foresaw: a bug, or the database going away. A failed
fetch is not retried by the policy either: the feed's next poll, backed off, is the retry.
"""

from __future__ import annotations

from celery import Task, shared_task

from jobs.policy import Failure, job_task
from jobs.queueing import send
from watching import services
from watching.models import WatchedFeed


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
