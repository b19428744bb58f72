"""Verification runs: queue them, claim them, run the verifiers, record findings and evidence."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims import normalized_codec
from claims.models import Article, Claim
from jobs.chunks import Pacer, chunked
from jobs.queueing import enqueue_on_commit
from jobs.recovery import lost_if_queued_before, lost_if_running_since
from sources.models import Evidence, RunStatus, SourceSnapshot, Stance
from sources.models import VerificationRun as Run

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

logger = logging.getLogger(__name__)

VERIFIER_SUITE = "relevance+quantities+dates+quotes"
AUTOMATIC_STANCES = {Stance.SUPPORTS, Stance.CONTRADICTS, Stance.MIXED}
# Findings that only say a passage is on topic are shown in the run, not filed as evidence.
TOPIC_ONLY_VERIFIERS = {"relevance"}
# Evidence rows (each with its history row) a run files in one transaction.
EVIDENCE_PER_WRITE = 50
# Claims whose verification is queued in one transaction (each a few reads and one insert).
RUNS_PER_WRITE = 50


def _lost_runs() -> Q:
    """Runs whose message was lost (queued too long) or whose worker died (running too long)."""
    return Q(status=RunStatus.QUEUED, queued_at__lt=lost_if_queued_before()) | Q(
        status=RunStatus.RUNNING, started_at__lt=lost_if_running_since()
    )


def claim_verification_queue(*, claim: Claim) -> Run:
    """The claim's pending run, created and queued after commit when there was none.

    A pending run that is lost (no worker took it, or its worker died) is ended as failed with
    the reason, and a fresh one is started in its place.
    """
    pending = Run.objects.filter(claim=claim, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
    existing = pending.first()
    if existing is not None:
        if not Run.objects.filter(_lost_runs(), pk=existing.pk).exists():
            return existing
        verification_run_fail(
            run_id=existing.pk,
            message="lost: no worker finished it in time (the task queue may have been down);"
            " a new run was started",
        )
    try:
        with transaction.atomic():
            run = Run.objects.create(claim=claim, verifier=VERIFIER_SUITE)
    except IntegrityError:
        # Queued by someone else a moment ago (the database allows one pending run per claim).
        return pending.get()
    verification_run_send(run.pk)
    return run


def verification_run_send(run_id: int) -> None:
    """Send the run's task once the transaction commits; a queue that refuses it is recorded."""
    from sources.tasks import verify_claim

    def not_sent(reason: str) -> None:
        Run.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            error=f"waiting for a worker: {reason}; it is sent again automatically"
        )

    enqueue_on_commit(verify_claim, run_id, on_failure=not_sent)


def article_verification_queue(*, article: Article) -> list[Run]:
    """Queue verification for every claim of the article that has sources."""
    claims = Claim.objects.filter(article=article, source_links__isnull=False).distinct()
    return claims_verification_queue(claim_ids=list(claims.values_list("pk", flat=True)))


def claims_verification_queue(*, claim_ids: list[int]) -> list[Run]:
    """Queue verification for each of the claims, a chunk of them per transaction."""
    runs: list[Run] = []
    pace = Pacer()
    for chunk in chunked(claim_ids, RUNS_PER_WRITE):
        pace()
        with transaction.atomic():
            for claim in Claim.objects.filter(pk__in=chunk).order_by("pk"):
                runs.append(claim_verification_queue(claim=claim))
    return runs


def verification_run_claim(*, run_id: int, redelivered: bool = False) -> bool:
    """Take a queued run for this task; a redelivered message may take its RUNNING run back."""
    running = Q(status=RunStatus.RUNNING)
    takeable = Q(status=RunStatus.QUEUED) | (
        running if redelivered else running & Q(started_at__lt=lost_if_running_since())
    )
    return bool(
        Run.objects.filter(takeable, pk=run_id).update(
            status=RunStatus.RUNNING,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            error="",
        )
    )


def claim_verify(*, run_id: int) -> Run:
    """Run every verifier against every linked source's latest snapshot; record the findings.

    Automatic evidence is added for supporting, contradicting or mixed passages, but never to a
    published claim (its evidence is locked); an editor's evidence and the claim's verdict are
    never changed.
    """
    from sources import verification

    run = Run.objects.select_related("claim__article").get(pk=run_id)
    claim = run.claim
    subject = verification.ClaimToVerify.from_dict(
        {
            "text": claim.text,
            "sentence": claim.sentence,
            "kind": claim.kind,
            "speaker": claim.speaker or None,
            **normalized_codec.clean(claim.normalized),
        },
        published=claim.article.published_on,
    )
    snapshots = _latest_snapshots(claim)
    findings: list[tuple[SourceSnapshot, verification.Finding]] = []
    for snapshot in snapshots:
        findings.extend((snapshot, f) for f in verification.verify(subject, snapshot.text))
    suggestion = verification.suggest([f for _, f in findings])
    # The evidence is written in chunks of its own (see jobs.chunks), each skipping passages
    # filed already; the run ends in a last short transaction, if it is still this task's.
    filed = set(Evidence.objects.filter(claim_id=run.claim_id).values_list("source_id", "passage"))
    automatic = [
        (snapshot, finding)
        for snapshot, finding in findings
        if finding.verifier not in TOPIC_ONLY_VERIFIERS
        and finding.stance in AUTOMATIC_STANCES
        and finding.passage.strip()
        and (snapshot.source_id, finding.passage) not in filed
    ]
    pace = Pacer()
    for chunk in chunked(automatic, EVIDENCE_PER_WRITE):
        pace()
        # A published claim's evidence is what readers see: findings stay in the run for its
        # editors, and a correction, not a re-check, changes the evidence.
        if _published(run.claim_id):
            break
        with transaction.atomic():
            for snapshot, finding in chunk:
                _automatic_evidence(run, snapshot, finding)
    pace()
    with transaction.atomic():
        finished = Run.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.SUCCEEDED,
            finished_at=timezone.now(),
            result={
                "findings": [
                    {"source": s.source_id, "snapshot": s.pk, **finding_as_dict(f)}
                    for s, f in findings
                ],
                "sources": len(snapshots),
                "explanation": suggestion.explanation,
            },
            suggested_stance=suggestion.stance,
            suggested_verdict=suggestion.verdict,
            confidence=suggestion.confidence if findings else None,
            error="",
        )
        if finished:
            run.snapshots.set(snapshots)
    run.refresh_from_db()
    return run


def _published(claim_id: int) -> bool:
    return Claim.objects.filter(pk=claim_id, status=Claim.Status.PUBLISHED).exists()


def finding_as_dict(finding: DataclassInstance) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(finding)


def _latest_snapshots(claim: Claim) -> list[SourceSnapshot]:
    latest: dict[int, SourceSnapshot] = {}
    for snapshot in SourceSnapshot.objects.filter(source__claim_links__claim=claim).order_by(
        "source_id", "-fetched_at"
    ):
        latest.setdefault(snapshot.source_id, snapshot)
    return list(latest.values())


def _automatic_evidence(run: Run, snapshot: SourceSnapshot, finding: object) -> None:
    passage = getattr(finding, "passage", "")
    exists = Evidence.objects.filter(
        claim_id=run.claim_id, source_id=snapshot.source_id, passage=passage
    ).exists()
    if exists:  # an editor's evidence for the same passage stays as the editor left it
        return
    try:
        with transaction.atomic():
            Evidence.objects.create(
                claim_id=run.claim_id,
                source_id=snapshot.source_id,
                snapshot=snapshot,
                verification_run=run,
                passage=passage,
                stance=getattr(finding, "stance", Stance.UNKNOWN),
                origin=Evidence.Origin.AUTOMATIC,
                note=getattr(finding, "explanation", "")[:2000],
            )
    except IntegrityError:
        pass  # recorded by a concurrent run of the same verification


def verification_run_fail(*, run_id: int, message: str) -> None:
    """End the run as failed with a readable reason."""
    Run.objects.filter(pk=run_id).update(
        status=RunStatus.FAILED, finished_at=timezone.now(), error=message[:2000]
    )


def lost_runs_requeue() -> int:
    """Send again the runs whose message was lost or whose worker died (the same run, queued)."""
    count = 0
    for run_id in Run.objects.filter(_lost_runs()).values_list("pk", flat=True):
        with transaction.atomic():
            if Run.objects.filter(_lost_runs(), pk=run_id).update(
                status=RunStatus.QUEUED, queued_at=timezone.now()
            ):
                verification_run_send(run_id)
                count += 1
    if count:
        logger.warning("sent %d lost verification run(s) again", count)
    return count
