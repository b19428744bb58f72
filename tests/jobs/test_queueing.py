"""Work queued while the broker is away is stored, marked, reported, and sent again later."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from claims import services
from claims.models import Article
from claims.tasks import extract_article
from jobs import queueing
from sources.models import ClaimSource, Source
from sources.tasks import fetch_source
from tests.conftest import REPO, subprocess_env
from tests.desk.test_source_admin import _claim_form
from tests.sources.test_sources import trade_claim

STORY = "Harbour traffic rose by 12% in 2025, the port authority said on Monday.\n"
REFUSED = OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")


@pytest.fixture
def broker_down(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every task's delay fails as kombu does when Redis refuses the connection."""
    tries: list[Any] = []

    def refuse(*args: Any) -> None:
        tries.append(args)
        raise REFUSED

    for task in (extract_article, fetch_source):
        monkeypatch.setattr(task, "delay", refuse)
    return tries


@pytest.mark.django_db
def test_an_article_queued_while_the_broker_is_down_is_stored_marked_and_reported(
    broker_down: list[Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with queueing.queue_report() as not_queued, django_capture_on_commit_callbacks(execute=True):
        article = services.article_ingest(raw_input=STORY).article
    assert [failure.task for failure in not_queued] == ["claims.extract_article"]
    assert "task queue is unavailable (Error 111" in not_queued[0].reason
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.QUEUED
    assert article.extraction_error.startswith("waiting for a worker: the task queue")
    assert "sent again automatically" in article.extraction_error


@pytest.mark.django_db
def test_after_one_refusal_the_broker_is_not_tried_again_for_a_moment(
    broker_down: list[Any], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.article_ingest(raw_input=f"{STORY} Article {n}.")
    assert len(broker_down) == 1  # the next two requests did not wait for the broker
    assert Article.objects.filter(extraction_error__startswith="waiting for a worker").count() == 3
    queueing.breaker.reset()
    with django_capture_on_commit_callbacks(execute=True):
        services.article_ingest(raw_input=f"{STORY} Article 4.")
    assert len(broker_down) == 2


@pytest.mark.django_db(transaction=True)  # the page reports what happened at commit
def test_importing_with_the_broker_down_says_so_on_the_page(
    admin_client: Client, broker_down: list[Any]
) -> None:
    response = admin_client.post(reverse("admin:claims_article_add"), {"text": STORY}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "could not be queued: the task queue is unavailable" in page
    assert "sent again automatically" in page
    assert Article.objects.get().extraction_status == Article.ExtractionStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_linking_a_source_with_the_broker_down_says_so_on_the_page(
    admin_client: Client, broker_down: list[Any]
) -> None:
    claim = trade_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    form = _claim_form(claim, add_source_url="https://stats.example.org/trade-2020")
    response = admin_client.post(url, form, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "but its fetch could not be queued: the task queue is unavailable" in page
    assert ClaimSource.objects.filter(claim=claim).exists()  # the link is kept
    source = Source.objects.get()
    assert source.fetch_requested_at is not None  # still owed: recovery sends it
    assert source.fetch_error.startswith("waiting for a worker")


@pytest.mark.django_db(transaction=True)  # as a command runs: each write commits at once
def test_the_ingest_command_says_in_one_line_that_extraction_waits(
    broker_down: list[Any], tmp_path: Any
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    out, err = StringIO(), StringIO()
    call_command("ingest", str(path), stdout=out, stderr=err)
    assert out.getvalue().startswith("Imported article #")
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert "its extraction could not be queued: the task queue is unavailable" in lines[0]


@pytest.mark.django_db(transaction=True)
def test_commands_print_one_readable_line_with_redis_on_a_closed_port(tmp_path: Any) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    closed = "redis://127.0.0.1:1/0"
    env = subprocess_env(REDIS_URL=closed, CELERY_BROKER_URL=closed)
    ingest = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert "Traceback" not in ingest.stderr
    assert "its extraction could not be queued" in ingest.stderr
    assert len(ingest.stderr.strip().splitlines()) == 1, ingest.stderr
    claim = trade_claim()
    link = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "link_source",
            "--claim",
            str(claim.pk),
            "https://stats.example.org/t",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert link.returncode == 0, link.stderr
    assert "Traceback" not in link.stderr
    assert "could not be queued" in link.stderr
    assert len(link.stderr.strip().splitlines()) == 1, link.stderr
