"""Sources are added once, fetched into snapshots, and claims are verified against them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from claims.models import Claim
from sources import services
from sources.models import Evidence, FetchStatus, RunStatus, Source, SourceSnapshot, VerificationRun
from sources.tasks import fetch_source, requeue_stuck_runs, verify_claim
from tests.builders import article_build, claim_build
from tests.conftest import LocalSite
from tests.sources.pages import CLAIM_SENTENCE, CONTRADICTING, SUPPORTING, UNRELATED

pytestmark = pytest.mark.django_db
_articles = itertools.count(1)


def trade_claim() -> Claim:
    article = article_build(
        clean_text=f"{CLAIM_SENTENCE}\n\nReport {next(_articles)}.",
        published_on=dt.date(2021, 4, 6),
    )
    start = CLAIM_SENTENCE.index("nearly")
    return claim_build(
        article,
        start=start,
        end=start + len("nearly $800 million"),
        sentence=CLAIM_SENTENCE,
        text="$800 million bilateral trade between Pakistan and Russia",
        kind=Claim.Kind.STATISTICAL,
        normalized={
            "quantities": [
                {
                    "text": "nearly $800 million",
                    "value": 800_000_000,
                    "low": None,
                    "high": None,
                    "unit": "USD",
                    "approximate": True,
                    "qualifier": "nearly",
                }
            ],
            "dates": [{"text": "last year", "value": "2020"}],
        },
    )


@pytest.fixture
def link(
    local_site: LocalSite,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[Claim, str, str], VerificationRun | None]:
    def linker(claim: Claim, path: str, body: str) -> VerificationRun | None:
        url = local_site.add(path, body)
        sent: list[tuple[Any, int]] = []
        monkeypatch.setattr(fetch_source, "delay", lambda pk: sent.append((fetch_source, pk)))
        monkeypatch.setattr(verify_claim, "delay", lambda pk: sent.append((verify_claim, pk)))
        with django_capture_on_commit_callbacks(execute=True):
            services.claim_source_link(claim=claim, url=url)
        while sent:
            task, pk = sent.pop(0)
            with django_capture_on_commit_callbacks(execute=True):
                task(pk)
        return claim.verification_runs.order_by("-pk").first()

    return linker


def test_a_source_is_added_once_per_normalized_url() -> None:
    first, created = services.source_add(url="HTTPS://Stats.Example.org/t?utm_source=x")
    again, created_again = services.source_add(url="https://stats.example.org/t")
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Source.objects.count() == 1


def test_linking_fetches_snapshots_and_verification_supports(link: Any) -> None:
    claim = trade_claim()
    run = link(claim, "/stats", SUPPORTING)
    source = Source.objects.get()
    assert source.fetch_status == FetchStatus.FETCHED
    assert source.http_status == 200
    assert "$790 million" in source.snapshot_text
    assert "Home | Data" not in source.snapshot_text
    assert run is not None
    assert run.status == RunStatus.SUCCEEDED
    assert run.suggested_stance == "supports", run.result
    assert run.suggested_verdict in {"true", "mostly_true"}
    automatic = Evidence.objects.get(claim=claim, origin=Evidence.Origin.AUTOMATIC)
    assert "$790 million" in automatic.passage
    assert automatic.stance == "supports"
    assert automatic.verification_run_id == run.pk


def test_a_contradicting_source_is_reported_as_such(link: Any) -> None:
    claim = trade_claim()
    run = link(claim, "/revised", CONTRADICTING)
    assert run.suggested_stance == "contradicts", run.result
    assert run.suggested_verdict in {"false", "mostly_false"}


def test_an_unrelated_source_finds_nothing_relevant(link: Any) -> None:
    claim = trade_claim()
    run = link(claim, "/cricket", UNRELATED)
    assert run.status == RunStatus.SUCCEEDED
    assert run.suggested_stance in {"unrelated", ""}
    assert not Evidence.objects.filter(claim=claim).exists()


def test_verification_never_changes_the_verdict_or_an_editors_evidence(link: Any) -> None:
    claim = trade_claim()
    claim.verdict = Claim.Verdict.HALF_TRUE
    claim.save()
    run = link(claim, "/stats", SUPPORTING)
    automatic = Evidence.objects.get(claim=claim)
    Evidence.objects.filter(pk=automatic.pk).update(
        origin=Evidence.Origin.EDITOR, stance="mixed", note="editor's reading"
    )
    again = services.claim_verification_queue(claim=claim)
    assert again.pk != run.pk
    verify_claim(again.pk)
    claim.refresh_from_db()
    assert claim.verdict == Claim.Verdict.HALF_TRUE
    editor = Evidence.objects.get(claim=claim)
    assert (editor.origin, editor.stance, editor.note) == ("editor", "mixed", "editor's reading")


def test_a_run_delivered_twice_is_recorded_once(link: Any) -> None:
    claim = trade_claim()
    run = link(claim, "/stats", SUPPORTING)
    assert "skipped" in verify_claim(run.pk)
    assert claim.verification_runs.count() == 1
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_asking_twice_while_a_run_waits_queues_one_run() -> None:
    claim = trade_claim()
    first = services.claim_verification_queue(claim=claim)
    second = services.claim_verification_queue(claim=claim)
    assert first.pk == second.pk
    assert VerificationRun.objects.filter(claim=claim).count() == 1


def test_the_same_text_fetched_again_adds_no_snapshot_but_a_change_does(
    link: Any, local_site: LocalSite
) -> None:
    claim = trade_claim()
    link(claim, "/stats", SUPPORTING)
    source = Source.objects.get()
    fetch_source(source.pk)
    assert source.snapshots.count() == 1
    local_site.add("/stats", CONTRADICTING)
    fetch_source(source.pk)
    assert source.snapshots.count() == 2


def test_a_vanished_source_is_flagged_dead_and_keeps_its_snapshots(
    link: Any, local_site: LocalSite
) -> None:
    claim = trade_claim()
    link(claim, "/stats", SUPPORTING)
    source = Source.objects.get()
    local_site.routes.pop("/stats")
    fetch_source(source.pk)
    source.refresh_from_db()
    assert source.fetch_status == FetchStatus.DEAD
    assert source.http_status == 404
    assert source.snapshots.count() == 1


def test_a_refused_address_fails_without_retrying(settings: Any) -> None:
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = []
    source = Source.objects.create(url="http://127.0.0.1:9/internal")
    outcome = fetch_source(source.pk)
    source.refresh_from_db()
    assert "error" in outcome
    assert source.fetch_status == FetchStatus.FAILED
    assert "loopback" in source.fetch_error


def test_an_uploaded_copy_becomes_a_snapshot() -> None:
    source = Source.objects.create(url="https://paywalled.example.org/report")
    snapshot = services.source_upload(source=source, text="Trade reached $790 million in 2020.")
    assert snapshot is not None
    assert snapshot.origin == SourceSnapshot.Origin.UPLOADED
    source.refresh_from_db()
    assert source.snapshot_text.startswith("Trade reached")
    with pytest.raises(ValueError, match="empty"):
        services.source_upload(source=source, text="  ")


def test_beat_requeues_a_run_whose_worker_died(
    django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(verify_claim, "delay", lambda pk: sent.append(pk))
    claim = trade_claim()
    run = services.claim_verification_queue(claim=claim)
    assert services.verification_run_claim(run_id=run.pk)
    VerificationRun.objects.filter(pk=run.pk).update(
        started_at=run.created_at - dt.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck_runs() == 1
    assert sent == [run.pk]
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED


def test_a_source_with_nul_bytes_is_stored_without_them(local_site: LocalSite) -> None:
    url = local_site.add("/nul", b"Trade\x00 reached $790 million.", content_type="text/plain")
    source, _ = services.source_add(url=url)
    fetch_source(source.pk)
    source.refresh_from_db()
    assert source.fetch_status == FetchStatus.FETCHED
    assert source.snapshots.get().text == "Trade reached $790 million."
