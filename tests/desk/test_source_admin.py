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


def _source_form(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "url": url,
        "kind": "other",
        "snapshots-TOTAL_FORMS": "0",
        "snapshots-INITIAL_FORMS": "0",
        **extra,
    }


@pytest.mark.parametrize(
    "url",
    [
        "https://EXAMPLE.org/report?utm_source=x",
        "HTTPS://example.org:443/report",
        "https://example.org/report#top",
    ],
)
def test_adding_a_source_that_exists_once_normalized_is_a_form_error(
    admin_client: Client, url: str
) -> None:
    existing = Source.objects.create(url="https://example.org/report")
    response = admin_client.post(reverse("admin:sources_source_add"), _source_form(url))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["url"]
    assert "This source exists already" in errors[0]
    change = reverse("admin:sources_source_change", args=[existing.pk])
    assert f'href="{change}"'.encode() in response.content
    assert Source.objects.count() == 1


def test_a_source_added_in_the_admin_goes_through_the_service(
    admin_client: Client,
    admin_user: Any,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:sources_source_add"),
            _source_form("https://Stats.example.org/t?utm_medium=mail", title="Trade"),
        )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.url, source.title, source.created_by) == (
        "https://stats.example.org/t",
        "Trade",
        admin_user,
    )
    assert sent == [source.pk]
    assert source.history.get().history_user == admin_user


def test_adding_a_source_someone_added_meanwhile_returns_theirs() -> None:
    from sources import services

    existing = Source.objects.create(url="https://example.org/report")
    # The insert meets the unique constraint (as after a check that found nothing): no error.
    source, created = services.source_add(url="https://EXAMPLE.org/report?utm_source=x")
    assert (source, created) == (existing, False)
    assert Source.objects.count() == 1


def test_editing_a_source_to_another_sources_address_is_a_form_error(
    admin_client: Client,
) -> None:
    Source.objects.create(url="https://example.org/report")
    other = Source.objects.create(url="https://example.org/other")
    response = admin_client.post(
        reverse("admin:sources_source_change", args=[other.pk]),
        _source_form("https://example.org/report?utm_source=x"),
    )
    assert response.status_code == 200
    assert "exists already" in response.context["adminform"].form.errors["url"][0]
    response = admin_client.post(
        reverse("admin:sources_source_change", args=[other.pk]),
        _source_form(other.url, publisher="Ministry"),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.publisher == "Ministry"


def _failed_link(claim: Any) -> ClaimSource:
    source = Source.objects.create(
        url="http://stats.example.org/down", fetch_status="failed", fetch_error="HTTP 503"
    )
    return ClaimSource.objects.create(claim=claim, source=source)


def test_a_failed_source_is_fetched_again_from_its_claims_page(
    admin_client: Client,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    link = _failed_link(claim)
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    content = page.content.decode()
    again = reverse("admin:claims_claim_fetch_source_again", args=[claim.pk])
    assert f'formaction="{again}" name="source" value="{link.source_id}">Fetch again' in content
    assert "Failed: HTTP 503" in content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(again, {"source": str(link.source_id)}, follow=True)
    assert b"Fetching http://stats.example.org/down again." in response.content
    assert sent == [link.source_id]
    assert Source.objects.get(pk=link.source_id).fetch_requested_at is not None


@pytest.mark.parametrize("value", ["", "abc", "999999", "²", "9" * 40, "-1"])
def test_fetch_again_for_a_source_the_claim_does_not_have_is_refused_readably(
    admin_client: Client, value: str
) -> None:
    claim = trade_claim()
    again = reverse("admin:claims_claim_fetch_source_again", args=[claim.pk])
    response = admin_client.post(again, {"source": value}, follow=True)
    assert response.status_code == 200
    assert f"Claim {claim.pk} has no such linked source.".encode() in response.content


def test_a_source_being_fetched_is_not_fetched_twice(admin_client: Client) -> None:
    claim = trade_claim()
    link = _failed_link(claim)
    Source.objects.filter(pk=link.source_id).update(fetch_status="fetching")
    again = reverse("admin:claims_claim_fetch_source_again", args=[claim.pk])
    response = admin_client.post(again, {"source": str(link.source_id)}, follow=True)
    assert b"is being fetched now" in response.content
    page = admin_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert b">Fetch again<" not in page.content


@pytest.mark.django_db(transaction=True)  # the page says what queueing did once it commits
def test_linking_a_failed_source_again_fetches_it_again(
    admin_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    link = _failed_link(claim)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(
        url, _claim_form(claim, add_source_url="HTTP://stats.example.org/down"), follow=True
    )
    assert b"was linked already and its last fetch failed: it is being fetched again" in (
        response.content
    )
    assert sent == [link.source_id]


def test_evidence_added_in_its_own_admin_goes_through_the_service(
    admin_client: Client, admin_user: Any
) -> None:
    claim = trade_claim()
    source = Source.objects.create(url="https://stats.example.org/t")
    form = {
        "claim": str(claim.pk),
        "source": str(source.pk),
        "passage": "Trade reached $790 million in 2020.",
        "stance": "supports",
        "note": "",
        "snapshot": "",
    }
    response = admin_client.post(reverse("admin:sources_evidence_add"), form)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.added_by, evidence.origin) == (admin_user, "editor")
    assert evidence.history.get().history_user == admin_user
    # Filing it again is refused by the form, not a server error.
    response = admin_client.post(reverse("admin:sources_evidence_add"), form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert Evidence.objects.count() == 1
