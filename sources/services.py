"""Writes for sources: adding and linking them, snapshots, verification runs and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Article, Claim
from sources import fetching
from sources.models import (
    ClaimSource,
    Evidence,
    FetchStatus,
    RunStatus,
    Source,
    SourceSnapshot,
    Stance,
)
from sources.models import (
    VerificationRun as Run,
)

logger = logging.getLogger(__name__)

VERIFIER_SUITE = "relevance+quantities+dates+quotes"
AUTOMATIC_STANCES = {Stance.SUPPORTS, Stance.CONTRADICTS, Stance.MIXED}
# Findings that only say a passage is on topic are shown in the run, not filed as evidence.
TOPIC_ONLY_VERIFIERS = {"relevance"}


# --- sources -------------------------------------------------------------------------------


def source_add(
    *, url: str, created_by: AbstractBaseUser | None = None, **fields: str
) -> tuple[Source, bool]:
    """The source for `url` (normalized), created and queued for fetching when new.

    Raises fetching.BlockedAddressError for a URL that is not an http(s) address.
    """
    normalized = fetching.normalize_url(url)
    source, created = Source.objects.get_or_create(
        url=normalized, defaults={"created_by": created_by, **fields}
    )
    if created:
        source_fetch_queue(source=source)
    return source, created


def source_fetch_queue(*, source: Source) -> None:
    """Send the fetch task for this source once the transaction commits."""
    from sources.tasks import fetch_source

    source_id = source.pk
    transaction.on_commit(lambda: fetch_source.delay(source_id))


def source_fetch_claim(*, source_id: int, retrying: bool = False) -> bool:
    """Take the source's fetch for this task (False: another task is fetching it)."""
    stale = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT * 2)
    fetching_now = Q(fetch_status=FetchStatus.FETCHING)
    takeable = ~fetching_now | (
        fetching_now if retrying else fetching_now & Q(updated_at__lt=stale)
    )
    return bool(
        Source.objects.filter(takeable, pk=source_id).update(
            fetch_status=FetchStatus.FETCHING, updated_at=timezone.now()
        )
    )


def source_fetch(*, source_id: int) -> SourceSnapshot | None:
    """Fetch the source now and store a snapshot when its text changed.

    Returns the new snapshot, or None when the text is unchanged (or 304 Not Modified).
    Raises fetching.FetchError; the caller decides about retrying.
    """
    source = Source.objects.get(pk=source_id)
    latest = source.snapshots.filter(origin=SourceSnapshot.Origin.FETCHED).first()
    document = fetching.fetch(
        source.url,
        etag=latest.etag if latest else "",
        last_modified=latest.last_modified if latest else "",
    )
    now = timezone.now()
    if document.not_modified and latest is not None:
        _source_fetched(source, status=document.status, at=now, snapshot=latest)
        return None
    text = snapshot_text(document.text, kind=document.kind)
    return snapshot_record(
        source=source,
        text=text,
        origin=SourceSnapshot.Origin.FETCHED,
        http_status=document.status,
        final_url=document.final_url,
        content_type=document.content_type,
        etag=document.etag,
        last_modified=document.last_modified,
        at=now,
    )


def snapshot_text(body: str, *, kind: str) -> str:
    """The readable text of a fetched document: the main text of a page, other types as-is."""
    if kind != "html":
        return body
    import trafilatura

    extracted = trafilatura.extract(body, include_comments=False, include_tables=True)
    return extracted or ""


@transaction.atomic
def snapshot_record(
    *,
    source: Source,
    text: str,
    origin: str,
    at: dt.datetime,
    http_status: int | None = None,
    final_url: str = "",
    content_type: str = "",
    etag: str = "",
    last_modified: str = "",
    created_by: AbstractBaseUser | None = None,
) -> SourceSnapshot | None:
    """Store the text as the source's newest snapshot; None when that text is stored already.

    A new snapshot queues verification for every claim linked to the source.
    """
    # NUL is never meaningful in a document's text, and PostgreSQL refuses to store it.
    text = text.replace("\x00", "")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    snapshot, created = SourceSnapshot.objects.get_or_create(
        source=source,
        content_hash=digest,
        defaults={
            "origin": origin,
            "fetched_at": at,
            "http_status": http_status,
            "final_url": final_url,
            "content_type": content_type,
            "etag": etag,
            "last_modified": last_modified,
            "text": text,
            "created_by": created_by,
        },
    )
    if not created:
        # Same text again: only the validators and the time it was seen change.
        SourceSnapshot.objects.filter(pk=snapshot.pk).update(
            fetched_at=at, etag=etag or snapshot.etag, last_modified=last_modified
        )
    _source_fetched(source, status=http_status, at=at, snapshot=snapshot)
    if not created:
        return None
    for link in ClaimSource.objects.filter(source=source).select_related("claim"):
        claim_verification_queue(claim=link.claim)
    return snapshot


def _source_fetched(
    source: Source, *, status: int | None, at: dt.datetime, snapshot: SourceSnapshot
) -> None:
    Source.objects.filter(pk=source.pk).update(
        fetch_status=FetchStatus.FETCHED,
        fetch_error="",
        http_status=status,
        fetched_at=at,
        content_hash=snapshot.content_hash,
        snapshot_text=snapshot.text,
        updated_at=at,
    )


def source_fetch_fail(*, source_id: int, error: fetching.FetchError) -> None:
    """Record why the fetch failed; 404 and 410 mark the link dead, earlier snapshots stay."""
    dead = isinstance(error, fetching.HttpStatusError) and error.status in {404, 410}
    now = timezone.now()
    Source.objects.filter(pk=source_id).update(
        fetch_status=FetchStatus.DEAD if dead else FetchStatus.FAILED,
        fetch_error=str(error)[:2000],
        http_status=error.status,
        updated_at=now,
    )
    if SourceSnapshot.objects.filter(source_id=source_id).exists():
        return  # the claims are still verified against the last good snapshot
    # Nothing to verify against: each linked claim shows a failed run that says why.
    url = Source.objects.values_list("url", flat=True).get(pk=source_id)
    Run.objects.bulk_create(
        Run(
            claim_id=claim_id,
            verifier=VERIFIER_SUITE,
            status=RunStatus.FAILED,
            started_at=now,
            finished_at=now,
            error=f"the source {url} could not be fetched: {error}"[:2000],
        )
        for claim_id in ClaimSource.objects.filter(source_id=source_id).values_list(
            "claim_id", flat=True
        )
    )


def document_text_from_upload(data: bytes) -> str:
    """The text of an uploaded copy: UTF-8 text, or the main text of an HTML page."""
    from claims.extraction.cleaning import looks_like_html

    if b"\x00" in data[:65536]:
        raise ValueError("the file looks like binary data; upload text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("the file is not UTF-8 text") from None
    return snapshot_text(text, kind="html") if looks_like_html(text) else text


def source_upload(
    *, source: Source, text: str, created_by: AbstractBaseUser | None = None
) -> SourceSnapshot | None:
    """An editor's copy of the document (a PDF's text, a paywalled page) as a snapshot."""
    if not text.strip():
        raise ValueError("the uploaded document is empty")
    return snapshot_record(
        source=source,
        text=text,
        origin=SourceSnapshot.Origin.UPLOADED,
        at=timezone.now(),
        created_by=created_by,
    )


def stale_sources_refetch() -> int:
    """Queue a fetch for sources not fetched for FACTCHECK_SOURCE_MAX_AGE seconds."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.FACTCHECK_SOURCE_MAX_AGE)
    due = Source.objects.filter(
        Q(fetched_at__lt=cutoff) | Q(fetched_at__isnull=True, created_at__lt=cutoff),
        fetch_status__in=[FetchStatus.FETCHED, FetchStatus.FAILED, FetchStatus.PENDING],
    ).values_list("pk", flat=True)
    count = 0
    for source_id in due.iterator():
        source_fetch_queue(source=Source(pk=source_id))
        count += 1
    return count


# --- links ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkResult:
    link: ClaimSource
    source: Source
    created: bool


@transaction.atomic
def claim_source_link(
    *, claim: Claim, url: str, added_by: AbstractBaseUser | None = None
) -> LinkResult:
    """Link a source to a claim; queue its fetch (new source) or the claim's verification."""
    source, source_created = source_add(url=url, created_by=added_by)
    link, created = ClaimSource.objects.get_or_create(
        claim=claim, source=source, defaults={"added_by": added_by}
    )
    if created and not source_created and source.snapshots.exists():
        claim_verification_queue(claim=claim)
    elif created and not source_created and source.fetch_status != FetchStatus.FETCHING:
        source_fetch_queue(source=source)
    return LinkResult(link, source, created)


# --- verification --------------------------------------------------------------------------


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
    from django.db.models import F

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
