"""Sources, the evidence linking claims to them, and automatic verification runs."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import MD5
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models import Claim
from claims.verdicts import Verdict


class SourceKind(models.TextChoices):
    OFFICIAL_STATISTICS = "official_statistics", "Official statistics"
    PRIMARY_DOCUMENT = "primary_document", "Primary document"
    NEWS = "news", "News"
    OTHER = "other", "Other"


class FetchStatus(models.TextChoices):
    PENDING = "pending", "Not fetched yet"
    FETCHING = "fetching", "Fetching"
    FETCHED = "fetched", "Fetched"
    FAILED = "failed", "Failed"
    DEAD = "dead", "Dead link"


class Source(models.Model):
    """A document a claim can be checked against, identified by its normalized URL."""

    Kind = SourceKind
    FetchStatus = FetchStatus

    url = models.URLField(max_length=2000, help_text="Normalized URL; one source per URL.")
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices, default=Kind.OTHER)
    reliability_note = models.TextField(blank=True)
    fetch_status = models.CharField(
        max_length=16, choices=FetchStatus.choices, default=FetchStatus.PENDING
    )
    fetch_error = models.TextField(blank=True)
    fetch_requested_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the fetch now owed was queued or started; empty when none is owed.",
    )
    # A fetch that met a temporary error and will be tried again says so here (fetch_error has
    # the error); cleared by the fetch that succeeds, kept on one that gives up.
    fetch_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Attempts made at the fetch now owed (or the one that failed)."
    )
    fetch_retry_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next attempt is due; empty when none is."
    )
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    snapshot_text = models.TextField(blank=True, help_text="Main text of the latest snapshot.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["url"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="source_unique_url"),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(fetch_status__in=FetchStatus.values), name="source_fetch_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(http_status__isnull=True)
                | (Q(http_status__gte=100) & Q(http_status__lte=599)),
                name="source_http_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["fetch_status", "fetched_at"], name="source_fetch_idx"),
            models.Index(fields=["fetch_requested_at"], name="source_fetch_requested_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def display_title(self) -> str:
        """What a reader is shown for the source: its page title, else its publisher, else host."""
        return (
            self.title.strip() or self.publisher.strip() or urlsplit(self.url).hostname or self.url
        )


class SnapshotOrigin(models.TextChoices):
    FETCHED = "fetched", "Fetched"
    UPLOADED = "uploaded", "Uploaded by an editor"


class SourceSnapshot(models.Model):
    """The source's text as it was at one moment; earlier snapshots are kept."""

    Origin = SnapshotOrigin

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    origin = models.CharField(
        max_length=16, choices=SnapshotOrigin.choices, default=SnapshotOrigin.FETCHED
    )
    fetched_at = models.DateTimeField()
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, help_text="sha256 of the text.")
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="snapshots_uploaded",
    )

    class Meta:
        ordering = ["source", "-fetched_at"]
        get_latest_by = "fetched_at"
        constraints = [
            # A fetch that finds the same text again records no new snapshot.
            models.UniqueConstraint(
                fields=["source", "content_hash"], name="snapshot_unique_source_content"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=SnapshotOrigin.values), name="snapshot_origin_valid"
            ),
        ]
        indexes = [models.Index(fields=["source", "-fetched_at"], name="snapshot_latest_idx")]

    def __str__(self) -> str:
        return f"{self.source} at {self.fetched_at:%Y-%m-%d %H:%M}"


class ClaimSource(models.Model):
    """A source an editor (or a check) linked to a claim, to be verified against it."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claim_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_links_added",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="claim_source_unique"),
        ]
        indexes = [models.Index(fields=["source"], name="claim_source_source_idx")]

    def __str__(self) -> str:
        return f"{self.source} for claim {self.claim_id}"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    MIXED = "mixed", "Mixed"
    UNRELATED = "unrelated", "Unrelated"
    UNKNOWN = "unknown", "Unknown"


class EvidenceOrigin(models.TextChoices):
    EDITOR = "editor", "Editor"
    AUTOMATIC = "automatic", "Automatic"


class Evidence(models.Model):
    """A passage of a source that bears on a claim, added by an editor or a verifier."""

    Stance = Stance
    Origin = EvidenceOrigin

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    passage = models.TextField(blank=True)
    snapshot = models.ForeignKey(
        SourceSnapshot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        help_text="The snapshot the passage was read in.",
    )
    verification_run = models.ForeignKey(
        "VerificationRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        help_text="The run that found it, for automatic evidence.",
    )
    stance = models.CharField(max_length=16, choices=Stance.choices, default=Stance.UNKNOWN)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_added",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["claim", "source", "pk"]
        constraints = [
            # Passages can be long; a hash keeps the unique index small on every backend.
            models.UniqueConstraint(
                "claim", "source", MD5("passage"), name="evidence_unique_claim_source_passage"
            ),
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values), name="evidence_stance_valid"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=EvidenceOrigin.values), name="evidence_origin_valid"
            ),
        ]
        indexes = [models.Index(fields=["source"], name="evidence_source_idx")]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class VerificationRun(models.Model):
    """One verifier's automatic check of a claim against its sources, and what it found."""

    Status = RunStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verification_runs")
    verifier = models.CharField(max_length=100)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(
        default=timezone.now, help_text="When the run was queued, or last sent to a worker again."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, help_text="Findings, as the verifier gave.")
    snapshots = models.ManyToManyField(SourceSnapshot, blank=True, related_name="runs")
    suggested_stance = models.CharField(max_length=16, choices=Stance.choices, blank=True)
    suggested_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="verification_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True)
                | (Q(confidence__gte=0) & Q(confidence__lte=1)),
                name="verification_confidence_in_unit_range",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True)
                | Q(started_at__isnull=True)
                | Q(finished_at__gte=models.F("started_at")),
                name="verification_finished_after_started",
            ),
            # At most one pending run per claim: asking again while one waits queues nothing.
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status__in=["queued", "running"]),
                name="verification_one_pending_run_per_claim",
            ),
        ]
        indexes = [
            models.Index(fields=["claim", "-created_at"], name="verification_claim_idx"),
            models.Index(fields=["status", "started_at"], name="verification_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.verifier} on claim {self.claim_id}: {self.status}"
