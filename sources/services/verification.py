"""Verification runs: queue them, claim them, run the verifiers, record findings and evidence."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from claims.models import Article, Claim
from sources.models import Evidence, RunStatus, SourceSnapshot, Stance
from sources.models import VerificationRun as Run

logger = logging.getLogger(__name__)

VERIFIER_SUITE = "relevance+quantities+dates+quotes"
AUTOMATIC_STANCES = {Stance.SUPPORTS, Stance.CONTRADICTS, Stance.MIXED}
# Findings that only say a passage is on topic are shown in the run, not filed as evidence.
TOPIC_ONLY_VERIFIERS = {"relevance"}


def claim_verification_queue(*, claim: Claim) -> Run:
    """The claim's pending run, created and queued after commit when there was none."""
    from sources.tasks import verify_claim

    pending = Run.objects.filter(claim=claim, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
    existing = pending.first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            run = Run.objects.create(claim=claim, verifier=VERIFIER_SUITE)
    except IntegrityError:
        # Queued by someone else a moment ago (the database allows one pending run per claim).
        return pending.get()
    run_id = run.pk
    transaction.on_commit(lambda: verify_claim.delay(run_id))
    return run


def article_verification_queue(*, article: Article) -> list[Run]:
    """Queue verification for every claim of the article that has sources."""
    claims = Claim.objects.filter(article=article, source_links__isnull=False).distinct()
    return [claim_verification_queue(claim=claim) for claim in claims]


def verification_run_claim(*, run_id: int, redelivered: bool = False) -> bool:
    """Take a queued run for this task; a redelivered message may take its RUNNING run back."""
    stale = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    running = Q(status=RunStatus.RUNNING)
    takeable = Q(status=RunStatus.QUEUED) | (
        running if redelivered else running & Q(started_at__lt=stale)
    )
    return bool(
        Run.objects.filter(takeable, pk=run_id).update(
            status=RunStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def claim_verify(*, run_id: int) -> Run:
    """Run every verifier against every linked source's latest snapshot; record the findings.

    Automatic evidence is added for supporting, contradicting or mixed passages; an editor's
    evidence and the claim's verdict are never changed.
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
            **(claim.normalized or {}),
        },
        published=claim.article.published_on,
    )
    snapshots = _latest_snapshots(claim)
    findings: list[tuple[SourceSnapshot, verification.Finding]] = []
    for snapshot in snapshots:
        findings.extend((snapshot, f) for f in verification.verify(subject, snapshot.text))
    suggestion = verification.suggest([f for _, f in findings])
    with transaction.atomic():
        run.snapshots.set(snapshots)
        for snapshot, finding in findings:
            if (
                finding.verifier not in TOPIC_ONLY_VERIFIERS
                and finding.stance in AUTOMATIC_STANCES
                and finding.passage.strip()
            ):
                _automatic_evidence(run, snapshot, finding)
        Run.objects.filter(pk=run.pk).update(
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
    run.refresh_from_db()
    return run


def finding_as_dict(finding: object) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(finding)  # type: ignore[call-overload]


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


def stuck_runs_requeue() -> int:
    """Queue again the runs RUNNING for longer than a task may live (their worker died)."""
    from sources.tasks import verify_claim

    cutoff = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    stuck = list(
        Run.objects.filter(status=RunStatus.RUNNING, started_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    for run_id in stuck:
        if Run.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(status=RunStatus.QUEUED):
            transaction.on_commit(lambda run_id=run_id: verify_claim.delay(run_id))
    return len(stuck)
