"""`link_source` and `verify`: the stable commands for linking and verifying."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from sources.models import ClaimSource, RunStatus, Source, VerificationRun
from sources.tasks import fetch_source, verify_claim
from tests.conftest import REPO, LocalSite, subprocess_env
from tests.sources.pages import SUPPORTING
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.django_db


def test_link_source_links_and_queues_the_fetch(
    local_site: LocalSite,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "link_source", "--claim", str(claim.pk), local_site.url("/s"), "--json", stdout=out
        )
    body = json.loads(out.getvalue())
    assert body["linked"] is True
    assert sent == [body["source"]]
    again = StringIO()
    call_command("link_source", "--claim", str(claim.pk), local_site.url("/s"), stdout=again)
    assert "Already linked" in again.getvalue()
    assert ClaimSource.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--claim", "999", "https://example.org/"], "no claim"),
        (["--claim", "{claim}", "ftp://example.org/x"], "http and https"),
    ],
)
def test_link_source_explains_bad_arguments(args: list[str], message: str) -> None:
    claim = trade_claim()
    with pytest.raises(CommandError, match=message):
        call_command("link_source", *[a.format(claim=claim.pk) for a in args], stdout=StringIO())


def test_verify_queues_one_run_and_prints_it(
    django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(verify_claim, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("verify", "--claim", str(claim.pk), "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["status"] for r in rows] == ["queued"]
    assert sent == [rows[0]["id"]]


def test_verify_an_article_needs_linked_sources() -> None:
    claim = trade_claim()
    with pytest.raises(CommandError, match="no claims with linked sources"):
        call_command("verify", "--article", str(claim.article_id), stdout=StringIO())
    with pytest.raises(CommandError, match="no article"):
        call_command("verify", "--article", "999", stdout=StringIO())


def test_verify_wait_says_when_no_worker_finishes() -> None:
    claim = trade_claim()
    with pytest.raises(CommandError, match="is a worker running"):
        call_command("verify", "--claim", str(claim.pk), "--wait", "0.5", stdout=StringIO())


@pytest.mark.worker
def test_link_then_verify_wait_prints_the_findings_of_a_real_worker(
    start_worker: Any, local_site: LocalSite
) -> None:
    start_worker(FACTCHECK_FETCH_ALLOWED_HOSTS="127.0.0.1")
    claim = trade_claim()
    url = local_site.add("/stats", SUPPORTING)
    env = subprocess_env(FACTCHECK_FETCH_ALLOWED_HOSTS="127.0.0.1")

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    linked = manage("link_source", "--claim", str(claim.pk), url)
    assert linked.returncode == 0, linked.stderr
    source = Source.objects.get()

    from tests.conftest import wait_until

    assert wait_until(lambda: source.snapshots.exists(), timeout=60)
    assert wait_until(
        lambda: (
            not VerificationRun.objects.filter(
                claim=claim, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
            ).exists()
        ),
        timeout=60,
    )
    result = manage("verify", "--claim", str(claim.pk), "--wait", "60", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["status"] == "succeeded"
    assert rows[0]["suggested_stance"] == "supports"
    assert any(f["verifier"] == "quantities" for f in rows[0]["findings"])
