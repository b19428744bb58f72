"""The retry policy every job task follows (jobs.policy), on a task of the tests' own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from celery import Task
from django.db import IntegrityError, OperationalError

import fetching
from jobs.policy import Failure, PendingRetry, job_task

# What the probe's body meets on each attempt, in order (a value is returned as the result),
# and what its hooks were told.
script: list[object] = []
attempts: list[int] = []
failures: list[tuple[int, Failure]] = []
retries: list[tuple[int, PendingRetry]] = []
# Errors the retry hook meets while recording, in order (the database going away meanwhile).
hook_errors: list[BaseException] = []


def _record_retry(job_id: int, retry: PendingRetry) -> None:
    if hook_errors:
        raise hook_errors.pop(0)
    retries.append((job_id, retry))


class NotAnArticle(Exception):
    """Bad input of the probe's own, as ArticleInputError is for a page fetch."""


@job_task(
    name="tests.policy_probe",
    what="the probe job {id}",
    fail=lambda job_id, failure: failures.append((job_id, failure)),
    known_errors={fetching.FetchError: "could not fetch", NotAnArticle: "no article"},
    retrying=_record_retry,
)
def policy_probe(task: Task, probe_id: int) -> dict[str, object]:
    """A job that meets, attempt after attempt, what the test scripted."""
    attempts.append(int(task.request.retries))
    step = script.pop(0) if script else "done"
    if isinstance(step, BaseException):
        raise step
    return {"probe_id": probe_id, "outcome": step}


@pytest.fixture(autouse=True)
def fresh_probe(settings: Any) -> Iterator[None]:
    settings.FACTCHECK_TASK_RETRIES = 4
    settings.FACTCHECK_RETRY_BACKOFF = 100
    for recorded in (script, attempts, failures, retries, hook_errors):
        recorded.clear()
    yield
    script.clear()


def _refused() -> fetching.TemporaryFetchError:
    return fetching.TemporaryFetchError("could not connect to 127.0.0.1: connection refused")


def test_a_temporary_error_is_retried_with_a_growing_countdown_up_to_the_cap() -> None:
    script.extend([_refused(), _refused(), _refused(), "fetched"])
    result = policy_probe.apply(args=[7])
    assert result.result == {"probe_id": 7, "outcome": "fetched"}
    assert attempts == [0, 1, 2, 3]
    assert [(job, r.attempts, r.limit) for job, r in retries] == [(7, 1, 5), (7, 2, 5), (7, 3, 5)]
    assert [r.countdown for _, r in retries] == [100, 200, 400]
    assert all("connection refused" in r.error for _, r in retries)
    assert failures == []


def test_the_countdown_stops_growing_at_ten_minutes(settings: Any) -> None:
    settings.FACTCHECK_RETRY_BACKOFF = 250
    script.extend([_refused()] * 4)
    policy_probe.apply(args=[1])
    assert [r.countdown for _, r in retries] == [250, 500, 600, 600]


def test_a_temporary_error_that_outlasts_the_retries_fails_saying_how_many_attempts() -> None:
    script.extend([_refused()] * 6)
    result = policy_probe.apply(args=[3])
    assert len(attempts) == 5  # the first and FACTCHECK_TASK_RETRIES more, not one more
    assert len(retries) == 4
    assert result.result == {"probe_id": 3, "error": str(_refused())}
    [(job, failure)] = failures
    assert job == 3
    assert failure.attempts == 5
    assert failure.message == (
        "could not fetch: could not connect to 127.0.0.1: connection refused"
        " (gave up after 5 attempts)"
    )


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            fetching.BlockedAddressError("10.0.0.1 is private"),
            "could not fetch: 10.0.0.1 is private",
        ),
        (fetching.HttpStatusError("404 Not Found", status=404), "could not fetch: 404 Not Found"),
        (NotAnArticle("the page is a login form"), "no article: the page is a login form"),
    ],
)
def test_bad_input_fails_at_once_with_a_readable_message(error: Exception, message: str) -> None:
    script.append(error)
    result = policy_probe.apply(args=[5])
    assert attempts == [0]
    assert retries == []
    assert result.result == {"probe_id": 5, "error": str(error)}
    assert [(job, f.message, f.attempts) for job, f in failures] == [(5, message, 1)]


def test_the_database_down_is_retried_then_left_for_recovery(settings: Any) -> None:
    settings.FACTCHECK_TASK_RETRIES = 2
    script.extend([OperationalError("connection refused")] * 5)
    result = policy_probe.apply(args=[9])
    assert attempts == [0, 1, 2]
    assert isinstance(result.result, OperationalError)
    # Nothing is written: the row keeps saying queued or running, and recovery sends it again.
    assert failures == []
    assert retries == []


def test_the_database_down_once_does_not_end_the_job() -> None:
    script.extend([OperationalError("server closed the connection"), "done"])
    assert policy_probe.apply(args=[2]).result == {"probe_id": 2, "outcome": "done"}
    assert failures == []


def test_the_database_down_while_a_retry_is_recorded_is_met_as_the_database_down() -> None:
    script.extend([_refused(), "fetched"])
    hook_errors.append(OperationalError("the database is restarting"))
    result = policy_probe.apply(args=[8])
    # Retried for the database, not failed: the fetch is then tried again and succeeds.
    assert result.result == {"probe_id": 8, "outcome": "fetched"}
    assert attempts == [0, 1]
    assert failures == []


def test_an_unexpected_exception_marks_the_job_failed_and_is_raised_again() -> None:
    script.append(KeyError("title"))
    with pytest.raises(KeyError):
        policy_probe(4)
    [(job, failure)] = failures
    assert job == 4
    assert failure.message == "internal error (KeyError); see worker log"
    assert isinstance(failure.error, KeyError)
    assert attempts == [0]  # a bug is not retried


def test_a_database_refusal_fails_the_job_with_the_reason() -> None:
    script.append(IntegrityError("duplicate key value"))
    result = policy_probe.apply(args=[6])
    assert isinstance(result.result, IntegrityError)
    assert [f.message for _, f in failures] == ["database error: duplicate key value"]
    assert attempts == [0]


def test_the_task_keeps_its_name_and_a_single_id_argument() -> None:
    from claims import tasks as claim_tasks
    from sources import tasks as source_tasks

    names = {
        task.name
        for task in (
            claim_tasks.fetch_article_page,
            claim_tasks.extract_article,
            claim_tasks.match_article_claims,
            source_tasks.fetch_source,
            source_tasks.verify_claim,
        )
    }
    assert names == {
        "claims.fetch_article_page",
        "claims.extract_article",
        "claims.match_article_claims",
        "sources.fetch_source",
        "sources.verify_claim",
    }
    assert policy_probe.name == "tests.policy_probe"
    assert (
        policy_probe.__doc__ == "A job that meets, attempt after attempt, what the test scripted."
    )
