"""Verification end to end: a real worker, the configured broker and database, real HTTP.

Run against Redis and PostgreSQL in CI. Sources are served by a local HTTP server on 127.0.0.1,
which the worker is allowed to fetch; every other private address stays refused.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from claims.models import Claim
from sources import services
from sources.models import FetchStatus, RunStatus, Source, VerificationRun
from tests.conftest import LocalSite, wait_until
from tests.sources.pages import CONTRADICTING, SUPPORTING, UNRELATED
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.worker

FAST_RETRIES = {
    "FACTCHECK_FETCH_ALLOWED_HOSTS": "127.0.0.1",
    "FACTCHECK_RETRY_BACKOFF": "1",
    "FACTCHECK_TASK_RETRIES": "2",
    "FACTCHECK_FETCH_READ_TIMEOUT": "1",
    "FACTCHECK_FETCH_TOTAL_TIMEOUT": "5",
}


def _finished_run(claim: Claim, timeout: float = 90) -> VerificationRun:
    def done() -> bool:
        return claim.verification_runs.filter(
            status__in=[RunStatus.SUCCEEDED, RunStatus.FAILED]
        ).exists()

    assert wait_until(done, timeout=timeout), list(claim.verification_runs.values())
    return claim.verification_runs.get()


def _source_settled(url: str, timeout: float = 90) -> Source:
    def settled() -> bool:
        return Source.objects.filter(
            url=url, fetch_status__in=[FetchStatus.FETCHED, FetchStatus.FAILED, FetchStatus.DEAD]
        ).exists()

    assert wait_until(settled, timeout=timeout), list(Source.objects.values())
    return Source.objects.get(url=url)


def test_claims_are_supported_contradicted_or_left_unrelated(
    start_worker: Any, local_site: LocalSite
) -> None:
    worker = start_worker(**FAST_RETRIES)
    expected = {"/stats": "supports", "/revised": "contradicts", "/cricket": "unrelated"}
    pages = {"/stats": SUPPORTING, "/revised": CONTRADICTING, "/cricket": UNRELATED}
    claims = {}
    for path, body in pages.items():
        claim = trade_claim()
        services.claim_source_link(claim=claim, url=local_site.add(path, body))
        claims[path] = claim
    for path, claim in claims.items():
        run = _finished_run(claim)
        assert run.status == RunStatus.SUCCEEDED, (run.error, worker.output()[-2000:])
        assert (run.suggested_stance or "unrelated") == expected[path], run.result


def test_a_source_that_fails_once_is_fetched_on_retry(
    start_worker: Any, local_site: LocalSite
) -> None:
    answers = iter([500, 200])

    def flaky(request: BaseHTTPRequestHandler) -> None:
        status = next(answers, 200)
        body = SUPPORTING.encode() if status == 200 else b"busy"
        request.send_response(status)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    local_site.routes["/flaky"] = flaky
    start_worker(**FAST_RETRIES)
    claim = trade_claim()
    services.claim_source_link(claim=claim, url=local_site.url("/flaky"))
    run = _finished_run(claim)
    assert run.status == RunStatus.SUCCEEDED
    assert run.suggested_stance == "supports"
    assert local_site.hits["/flaky"] == 2


def test_a_source_that_never_answers_ends_in_a_failed_run_with_a_reason(
    start_worker: Any, local_site: LocalSite
) -> None:
    release = threading.Event()

    def silent(request: BaseHTTPRequestHandler) -> None:
        release.wait(30)

    local_site.routes["/silent"] = silent
    start_worker(**FAST_RETRIES)
    claim = trade_claim()
    services.claim_source_link(claim=claim, url=local_site.url("/silent"))
    try:
        run = _finished_run(claim)
    finally:
        release.set()
    assert run.status == RunStatus.FAILED
    assert "timed out" in run.error
    source = Source.objects.get()
    assert source.fetch_status == FetchStatus.FAILED
    assert local_site.hits["/silent"] == 3  # the first try and two retries


def test_a_huge_body_is_cut_off(start_worker: Any, local_site: LocalSite) -> None:
    chunk = b"<p>" + b"filler text " * 5000 + b"</p>"

    def huge(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        sent = 0
        try:
            while sent < 20 * 1024 * 1024:
                request.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    local_site.routes["/huge"] = huge
    start_worker(**{**FAST_RETRIES, "FACTCHECK_FETCH_TOTAL_TIMEOUT": "30"})
    claim = trade_claim()
    services.claim_source_link(claim=claim, url=local_site.url("/huge"))
    source = _source_settled(local_site.url("/huge"))
    assert source.fetch_status == FetchStatus.FAILED
    assert "larger than the limit" in source.fetch_error
    assert not source.snapshots.exists()


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/", "http://localhost:{port}/"])
def test_a_redirect_to_an_internal_address_is_refused(
    start_worker: Any, local_site: LocalSite, target: str
) -> None:
    port = local_site.server.server_address[1] if local_site.server else 0
    url = local_site.add("/go", b"", status=302, headers={"Location": target.format(port=port)})
    start_worker(**FAST_RETRIES)
    claim = trade_claim()
    services.claim_source_link(claim=claim, url=url)
    run = _finished_run(claim)
    assert run.status == RunStatus.FAILED
    assert "refused" in run.error
    assert local_site.hits.get("/", 0) == 0


def test_a_worker_killed_mid_task_is_redelivered_and_records_one_run(
    start_worker: Any, local_site: LocalSite, redis_url: str
) -> None:
    """Redis keeps the unacknowledged message; another worker takes it after the timeout."""
    first_hit = threading.Event()
    release = threading.Event()

    def slow_once(request: BaseHTTPRequestHandler) -> None:
        if not first_hit.is_set():
            first_hit.set()
            release.wait(20)
            return
        body = SUPPORTING.encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    local_site.routes["/slow"] = slow_once
    quick_recovery = {
        **FAST_RETRIES,
        "FACTCHECK_FETCH_READ_TIMEOUT": "15",
        "FACTCHECK_FETCH_TOTAL_TIMEOUT": "20",
        "CELERY_TASK_SOFT_TIME_LIMIT": "25",
        "CELERY_TASK_TIME_LIMIT": "30",
        "CELERY_VISIBILITY_TIMEOUT": "32",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    doomed = start_worker(**quick_recovery)
    claim = trade_claim()
    services.claim_source_link(claim=claim, url=local_site.url("/slow"))
    assert first_hit.wait(60), doomed.output()[-2000:]
    doomed.kill()
    release.set()
    start_worker(**quick_recovery)
    run = _finished_run(claim, timeout=120)
    assert run.status == RunStatus.SUCCEEDED, run.error
    # The fetch the killed worker had begun was done again, from its redelivered message.
    assert local_site.hits["/slow"] == 2
    assert run.suggested_stance == "supports"
    assert VerificationRun.objects.filter(claim=claim).count() == 1
    assert Source.objects.get().snapshots.count() == 1
