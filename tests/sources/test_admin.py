"""The claim page shows sources, runs and findings; editors link sources and re-verify there."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sources.models import ClaimSource, Evidence, RunStatus, Source, VerificationRun
from sources.tasks import fetch_source, verify_claim
from tests.conftest import LocalSite
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.django_db


def _claim_form(claim: Any, **extra: str) -> dict[str, Any]:
    data = {
        "article": claim.article_id,
        "start": claim.start,
        "end": claim.end,
        "sentence": claim.sentence,
        "text": claim.text,
        "kind": claim.kind,
        "normalized": '{"quantities": [], "dates": []}',
        "speaker": "",
        "checkworthiness": claim.checkworthiness,
        "status": claim.status,
        "verdict": "",
        "rationale": "",
        **{
            f"{prefix}-{key}": value
            for prefix in ("source_links", "evidence", "verification_runs")
            for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
        },
    }
    data.update(extra)
    return data


def test_the_claim_page_shows_runs_findings_and_evidence_escaped(admin_client: Client) -> None:
    claim = trade_claim()
    source = Source.objects.create(url="https://stats.example.org/t")
    ClaimSource.objects.create(claim=claim, source=source)
    run = VerificationRun.objects.create(
        claim=claim,
        verifier="suite",
        status=RunStatus.SUCCEEDED,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        suggested_stance="supports",
        suggested_verdict="true",
        confidence=0.8,
        result={
            "findings": [
                {
                    "verifier": "quantities",
                    "stance": "supports",
                    "confidence": 0.8,
                    "explanation": "The source gives $790 million <b>for 2020</b>",
                    "passage": "Trade reached $790 million in 2020.",
                }
            ]
        },
    )
    Evidence.objects.create(claim=claim, source=source, passage="p", origin="automatic")
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "stats.example.org" in content
    assert "$790 million &lt;b&gt;for 2020&lt;/b&gt;" in content
    assert "<b>for 2020</b>" not in content
    assert run.get_status_display() in content


@pytest.mark.django_db(transaction=True)  # the page says what queueing did once it commits
def test_an_editor_links_a_source_by_url_on_the_claim_page(
    admin_client: Client, local_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(
        url, _claim_form(claim, add_source_url=local_site.url("/stats")), follow=True
    )
    assert response.status_code == 200
    assert b"it is being fetched" in response.content, response.content[:3000]
    link = ClaimSource.objects.get(claim=claim)
    assert link.added_by is not None
    assert sent == [link.source_id]


def test_run_verification_action_queues_claims_with_sources_and_says_which_have_none(
    admin_client: Client,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(verify_claim, "delay", lambda pk: sent.append(pk))
    with_source, without = trade_claim(), trade_claim()
    ClaimSource.objects.create(
        claim=with_source, source=Source.objects.create(url="https://a.example.org/")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:claims_claim_changelist"),
            {"action": "run_verification", "_selected_action": [with_source.pk, without.pk]},
            follow=True,
        )
    assert b"Queued verification of 1 claim" in response.content
    assert b"1 claim(s) have no linked source" in response.content
    assert len(sent) == 1


def test_an_editor_uploads_a_copy_of_a_source(admin_client: Client) -> None:
    upload = SimpleUploadedFile("report.txt", b"Trade reached $790 million in 2020.")
    response = admin_client.post(
        reverse("admin:sources_source_add"),
        {
            "url": "https://paywalled.example.org/r",
            "kind": "official_statistics",
            "upload": upload,
            "snapshots-TOTAL_FORMS": "0",
            "snapshots-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    source = Source.objects.get()
    assert source.snapshots.get().origin == "uploaded"
    assert source.fetch_status == "fetched"
