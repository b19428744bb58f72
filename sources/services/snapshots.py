"""Sources and their snapshots: adding, fetching, uploading, and re-fetching old ones."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils import timezone

import fetching
from claims.locks import PublishedLockError, changed_fields, named
from claims.models import Claim
from jobs.chunks import chunked
from jobs.queueing import enqueue_on_commit
from jobs.recovery import lost_if_queued_before, lost_if_running_since
from sources.models import ClaimSource, FetchStatus, RunStatus, Source, SourceSnapshot
from sources.models import VerificationRun as Run
from sources.services import verification
from sources.services.verification import VERIFIER_SUITE, claims_verification_queue


@transaction.atomic
def source_add(
    *, url: str, created_by: User | None = None, fetch: bool = True, **fields: str
) -> tuple[Source, bool]:
    """The source for `url` (normalized), created and queued for fetching when new.

    `fetch=False` queues no fetch (an editor uploads a copy instead). An existing source is
    returned as it is (`created` is False), whatever the case or tracking parameters of `url`.
    Raises fetching.BlockedAddressError for a URL that is not an http(s) address.
    """
    normalized = fetching.normalize_url(url)
    source = Source(url=normalized, created_by=created_by, **fields)
    source._history_user = created_by  # type: ignore[attr-defined]
    try:
        # A savepoint, so that a source added by another request meanwhile is found, not a 500.
        with transaction.atomic():
            source.save(force_insert=True)
    except IntegrityError:
        existing = Source.objects.filter(url=normalized).first()
        if existing is None:
            raise
        return existing, False
    if fetch:
        source_fetch_queue(source=source)
    return source, True


def source_existing(*, url: str) -> Source | None:
    """The source that `url` is once normalized, if there is one (None for a URL refused)."""
    try:
        normalized = fetching.normalize_url(url)
    except fetching.FetchError:
        return None
    return Source.objects.filter(url=normalized).first()


# What readers see of a source cited by a published fact-check.
SOURCE_PUBLIC_FIELDS = ("url", "title", "publisher", "kind")


@transaction.atomic
def source_update(*, source: Source, by: User | None = None) -> Source:
    """Save an editor's changes to a source's description (title, publisher, kind, note, URL).

    Raises PublishedLockError when a published fact-check links or cites the source and a
    field readers see changed.
    """
    Source.objects.select_for_update().filter(pk=source.pk).first()
    changed = changed_fields(source, SOURCE_PUBLIC_FIELDS)
    public = source_public_claims(source.pk) if changed else []
    if public:
        raise PublishedLockError(
            f"{source.url} is a source of published fact-checks (claims {named(public)}), so"
            f" its {', '.join(changed)} cannot be changed directly: unpublish them with a"
            " correction note, change the source, and publish them again"
        )
    source._history_user = by  # type: ignore[attr-defined]
    source.save()
    return source


def source_public_claims(source_id: int) -> list[int]:
    """The published claims that link or cite the source (at most 1,000 ids)."""
    published = Claim.objects.filter(
        Q(source_links__source_id=source_id) | Q(evidence__source_id=source_id),
        status=Claim.Status.PUBLISHED,
    )
    return list(published.order_by("pk").values_list("pk", flat=True).distinct()[:1000])


def source_fetch_queue(*, source: Source) -> None:
    """Record that a fetch is owed and send the fetch task once the transaction commits."""
    from sources.tasks import fetch_source

    source_id = source.pk
    Source.objects.filter(pk=source_id).update(fetch_requested_at=timezone.now())

    def not_sent(reason: str) -> None:
        Source.objects.filter(pk=source_id, fetch_requested_at__isnull=False).update(
            fetch_error=f"waiting for a worker: {reason}; it is sent again automatically"
        )

    enqueue_on_commit(fetch_source, source_id, on_failure=not_sent)


def source_fetch_claim(*, source_id: int, retrying: bool = False) -> bool:
    """Take the source's fetch for this task (False: another task is fetching it)."""
    fetching_now = Q(fetch_status=FetchStatus.FETCHING)
    takeable = ~fetching_now | (
        fetching_now
        if retrying
        else fetching_now & Q(fetch_requested_at__lt=lost_if_running_since())
    )
    now = timezone.now()
    return bool(
        Source.objects.filter(takeable, pk=source_id).update(
            fetch_status=FetchStatus.FETCHING, fetch_requested_at=now, updated_at=now
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
    if not text.strip():
        # An empty snapshot would verify nothing and hide why; earlier snapshots stay in use.
        raise fetching.UnsupportedContentError(
            f"{document.final_url} has no readable text (nothing is left once navigation and"
            " scripts are removed)",
            status=document.status,
        )
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
    created_by: User | None = None,
) -> SourceSnapshot | None:
    """Store the text as the source's newest snapshot; None when that text is stored already.

    A new snapshot queues verification for every claim linked to the source: the claims of
    the first chunk in the snapshot's own transaction (as a source has few claims, usually all
    of them), those of a source linked to many in short transactions after it (jobs.chunks).
    """
    # NUL is never meaningful in a document's text, and PostgreSQL refuses to store it.
    text = text.replace("\x00", "")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with transaction.atomic():
        snapshot, created = _snapshot_store(
            source=source,
            digest=digest,
            text=text,
            origin=origin,
            at=at,
            http_status=http_status,
            final_url=final_url,
            content_type=content_type,
            etag=etag,
            last_modified=last_modified,
            created_by=created_by,
        )
        if not created:
            return None
        claim_ids = list(
            ClaimSource.objects.filter(source=source)
            .order_by("claim_id")
            .values_list("claim_id", flat=True)
        )
        first = claim_ids[: verification.RUNS_PER_WRITE]
        claims_verification_queue(claim_ids=first)
    claims_verification_queue(claim_ids=claim_ids[len(first) :])
    return snapshot


def _snapshot_store(
    *,
    source: Source,
    digest: str,
    text: str,
    origin: str,
    at: dt.datetime,
    http_status: int | None,
    final_url: str,
    content_type: str,
    etag: str,
    last_modified: str,
    created_by: User | None,
) -> tuple[SourceSnapshot, bool]:
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
    return snapshot, created


def _source_fetched(
    source: Source, *, status: int | None, at: dt.datetime, snapshot: SourceSnapshot
) -> None:
    Source.objects.filter(pk=source.pk).update(
        fetch_status=FetchStatus.FETCHED,
        fetch_error="",
        fetch_requested_at=None,
        fetch_attempts=0,
        fetch_retry_at=None,
        http_status=status,
        fetched_at=at,
        content_hash=snapshot.content_hash,
        snapshot_text=snapshot.text,
        updated_at=at,
    )


def source_fetch_retrying(
    *, source_id: int, attempts: int, error: str, next_attempt_at: dt.datetime
) -> None:
    """Record that the fetch met a temporary error and is tried again at `next_attempt_at`."""
    Source.objects.filter(pk=source_id, fetch_status=FetchStatus.FETCHING).update(
        fetch_error=error[:2000],
        fetch_attempts=attempts,
        fetch_retry_at=next_attempt_at,
        # Owed from when it is due: recovery leaves a fetch that waits for its retry alone.
        fetch_requested_at=next_attempt_at,
        updated_at=timezone.now(),
    )


def source_fetch_fail(
    *, source_id: int, error: fetching.FetchError, message: str = "", attempts: int = 1
) -> None:
    """Record why the fetch failed; 404 and 410 mark the link dead, earlier snapshots stay.

    `message` (the error's own words by default) is what the source shows; `attempts` how many
    were made before giving up.
    """
    dead = isinstance(error, fetching.HttpStatusError) and error.status in {404, 410}
    now = timezone.now()
    Source.objects.filter(pk=source_id).update(
        fetch_status=FetchStatus.DEAD if dead else FetchStatus.FAILED,
        fetch_error=(message or str(error))[:2000],
        fetch_requested_at=None,
        fetch_attempts=attempts,
        fetch_retry_at=None,
        http_status=error.status,
        updated_at=now,
    )
    if SourceSnapshot.objects.filter(source_id=source_id).exists():
        return  # the claims are still verified against the last good snapshot
    # Nothing to verify against: each linked claim shows a failed run that says why.
    url = Source.objects.values_list("url", flat=True).get(pk=source_id)
    claim_ids = list(
        ClaimSource.objects.filter(source_id=source_id)
        .order_by("claim_id")
        .values_list("claim_id", flat=True)
    )
    for chunk in chunked(claim_ids, verification.RUNS_PER_WRITE):  # a transaction each
        Run.objects.bulk_create(
            Run(
                claim_id=claim_id,
                verifier=VERIFIER_SUITE,
                status=RunStatus.FAILED,
                started_at=now,
                finished_at=now,
                error=f"the source {url} could not be fetched: {message or error}"[:2000],
            )
            for claim_id in chunk
        )


def document_text_from_upload(data: bytes) -> str:
    """The text of an uploaded copy: UTF-8 text, or the main text of an HTML page."""
    from claims.extraction.cleaning import looks_like_html
    from claims.services import document_decode  # raises a ValueError with a readable reason

    text = document_decode(data)
    return snapshot_text(text, kind="html") if looks_like_html(text) else text


def source_upload(
    *, source: Source, text: str, created_by: User | None = None
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
    # Read to the end first: a read left open on SQLite would make the writes below fail.
    for source_id in list(due):
        source_fetch_queue(source=Source(pk=source_id))
        count += 1
    return count


def lost_fetches_requeue() -> int:
    """Send again the fetches that are owed but whose message was lost or whose worker died."""
    # Owed but not being fetched is queued; a worker that takes it marks it FETCHING first.
    lost = Q(fetch_requested_at__lt=lost_if_queued_before()) & ~Q(
        fetch_status=FetchStatus.FETCHING
    ) | Q(fetch_status=FetchStatus.FETCHING, fetch_requested_at__lt=lost_if_running_since())
    # A source that was never fetched is owed its first fetch even if it was added before
    # fetches were recorded as owed.
    lost |= Q(fetch_status=FetchStatus.PENDING, fetch_requested_at__isnull=True)
    count = 0
    for source_id in Source.objects.filter(lost).values_list("pk", flat=True):
        with transaction.atomic():
            if not Source.objects.filter(lost, pk=source_id).exists():
                continue  # a worker took it meanwhile
            # A fetch whose worker died leaves the status it had before: fetched when the
            # source has snapshots, else not fetched yet.
            has_snapshots = Exists(SourceSnapshot.objects.filter(source_id=OuterRef("pk")))
            Source.objects.filter(pk=source_id, fetch_status=FetchStatus.FETCHING).update(
                fetch_status=Case(
                    When(has_snapshots, then=Value(FetchStatus.FETCHED)),
                    default=Value(FetchStatus.PENDING),
                )
            )
            source_fetch_queue(source=Source(pk=source_id))
            count += 1
    return count
