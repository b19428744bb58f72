"""Articles and the checkable claims found in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.verdicts import Verdict


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    FETCHING = "fetching", "Fetching the page"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class MatchingStatus(models.TextChoices):
    PENDING = "pending", "Not matched yet"
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Matched"
    FAILED = "failed", "Failed"


class InputFormat(models.TextChoices):
    TEXT = "text", "Plain text"
    HTML = "html", "HTML"


class Article(models.Model):
    """A news article as imported: its raw input, its cleaned text and extraction state."""

    ExtractionStatus = ExtractionStatus
    MatchingStatus = MatchingStatus
    InputFormat = InputFormat

    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True, default="en")
    raw_input = models.TextField(help_text="The article as imported: pasted text or an HTML page.")
    input_format = models.CharField(
        max_length=8, choices=InputFormat.choices, default=InputFormat.TEXT
    )
    clean_text = models.TextField(blank=True, help_text="Claim offsets index this text.")
    # NULL, not "", while a page is being fetched: the unique constraint must allow many such rows.
    content_hash = models.CharField(  # noqa: DJ001
        max_length=64,
        null=True,
        blank=True,
        default=None,
        help_text="sha256 of the normalized article text; one article per hash. None until a"
        " page imported by URL is fetched.",
    )
    extraction_status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    extraction_error = models.TextField(blank=True)
    extraction_state_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the extraction (or the page fetch) was last queued or started.",
    )
    extracted_at = models.DateTimeField(null=True, blank=True)
    # A page fetch that met a temporary error and will be tried again says so here
    # (extraction_error has the error); cleared once the page is fetched.
    page_fetch_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Attempts made at fetching the page imported by URL."
    )
    page_fetch_retry_at = models.DateTimeField(
        null=True, blank=True, help_text="When the next attempt at the page is due, if one is."
    )
    # Matching runs in batches; the cursor is the last claim (by id) matched in this round.
    matching_status = models.CharField(
        max_length=16, choices=MatchingStatus.choices, default=MatchingStatus.PENDING
    )
    matching_state_at = models.DateTimeField(null=True, blank=True)
    matching_total = models.PositiveIntegerField(default=0)
    matching_done = models.PositiveIntegerField(default=0)
    matching_cursor = models.BigIntegerField(default=0)
    matching_error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url_when_present"
            ),
            models.CheckConstraint(
                condition=Q(extraction_status__in=ExtractionStatus.values),
                name="article_extraction_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(input_format__in=InputFormat.values), name="article_input_format_valid"
            ),
            # Only a page still to be fetched (or whose fetch failed) has no text to hash.
            models.CheckConstraint(
                condition=Q(content_hash__isnull=False)
                | Q(extraction_status__in=["fetching", "failed"]),
                name="article_hash_unless_fetching",
            ),
            models.CheckConstraint(
                condition=Q(matching_status__in=MatchingStatus.values),
                name="article_matching_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(matching_done__lte=models.F("matching_total")),
                name="article_matching_done_within_total",
            ),
        ]
        indexes = [
            models.Index(fields=["extraction_status"], name="article_extraction_status_idx"),
            models.Index(fields=["matching_status"], name="article_matching_status_idx"),
            models.Index(fields=["outlet", "-published_on"], name="article_outlet_published_idx"),
        ]

    def __str__(self) -> str:
        return self.title or self.url or f"Article {self.pk}"


class ClaimKind(models.TextChoices):
    STATISTICAL = "statistical", "Statistical"
    TEMPORAL = "temporal", "Temporal"
    INTERVAL = "interval", "Interval"
    COMPARISON = "comparison", "Comparison"
    QUOTE = "quote", "Quote"
    FACTUAL = "factual", "Factual"


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"
    DISMISSED = "dismissed", "Dismissed"


class DismissalReason(models.TextChoices):
    NOT_A_CLAIM = "not_a_claim", "Not a claim"
    NOT_CHECKWORTHY = "not_checkworthy", "Not check-worthy"
    DUPLICATE = "duplicate", "Duplicate"


class DuplicateLink(models.TextChoices):
    """Who said a claim repeats an earlier one."""

    AUTO = "auto", "Linked automatically"
    EDITOR = "editor", "Marked by an editor"


class ClaimantKind(models.TextChoices):
    """Who made a claim, as the editor confirms it (ClaimReview's Person or Organization)."""

    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"


# ClaimReview consumers show the reviewed claim in about this many characters.
PUBLISHED_TEXT_HINT = 75


class Claim(models.Model):
    """One checkable statement in an article, with its span, values and editorial state."""

    Kind = ClaimKind
    Status = ClaimStatus
    Verdict = Verdict
    ClaimantKind = ClaimantKind
    DismissalReason = DismissalReason
    DuplicateLink = DuplicateLink

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField(help_text="Offset of the claim's first character.")
    end = models.PositiveIntegerField(help_text="Offset just past the claim's last character.")
    sentence = models.TextField()
    text = models.CharField(max_length=1000, help_text="The claim, concisely.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    normalized = models.JSONField(
        default=dict, blank=True, help_text='{"quantities": [...], "dates": [...]}'
    )
    speaker = models.CharField(max_length=300, blank=True, help_text="Claimant or speaker.")
    checkworthiness = models.FloatField(default=0.0)
    checkworthy = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    rationale = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_assigned",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_reviewed",
    )
    ruled_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_published",
    )
    published_verdict = models.CharField(
        max_length=16,
        choices=Verdict.choices,
        blank=True,
        help_text="The verdict at the last publication; a different one later is a correction.",
    )
    correction_note = models.TextField(
        blank=True, help_text="The latest correction, as readers are told it."
    )
    # The claim as published, worded and attributed by the editor who rules on it; the
    # extracted span and sentence stay for context.
    published_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="The claim in the editor's words: the public title, claimReviewed, the feed.",
    )
    claimant = models.CharField(
        max_length=300, blank=True, help_text="Who made the claim, as the editor confirms it."
    )
    claimant_kind = models.CharField(max_length=16, choices=ClaimantKind.choices, blank=True)
    claimed_in = models.CharField(
        max_length=300, blank=True, help_text="Where the claim was made (an outlet, a speech)."
    )
    claimed_on = models.DateField(null=True, blank=True, help_text="When the claim was made.")
    dismissal_reason = models.CharField(max_length=24, choices=DismissalReason.choices, blank=True)
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Hash of the normalized claim, for finding repeats."
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="The earlier claim this one repeats; its evidence and verdict are referred to,"
        " not copied.",
    )
    duplicate_link = models.CharField(max_length=8, choices=DuplicateLink.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start"]
        permissions = [("publish_claim", "Can publish and unpublish fact-checks")]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(end__gt=models.F("start")),
                name="claim_span_valid",
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end", "kind"], name="claim_unique_span_kind"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_in_unit_range",
            ),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(verdict__in=Verdict.values),
                name="claim_verdict_valid",
            ),
            # A published fact-check always carries a verdict and its publication time.
            models.CheckConstraint(
                condition=~Q(status="published") | (~Q(verdict="") & Q(published_at__isnull=False)),
                name="claim_published_has_verdict",
            ),
            # ... and the editor's wording of it; a named claimant is a person or an organization.
            models.CheckConstraint(
                condition=~Q(status="published") | ~Q(published_text=""),
                name="claim_published_has_wording",
            ),
            models.CheckConstraint(
                condition=(Q(claimant="") & Q(claimant_kind=""))
                | (~Q(claimant="") & Q(claimant_kind__in=ClaimantKind.values)),
                name="claim_claimant_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(dismissal_reason="") | Q(dismissal_reason__in=DismissalReason.values),
                name="claim_dismissal_reason_valid",
            ),
            # A dismissed claim always says why.
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismissal_reason=""),
                name="claim_dismissed_has_reason",
            ),
            # A duplicate link always says who made it, and a claim never repeats itself.
            models.CheckConstraint(
                condition=(Q(duplicate_of__isnull=True) & Q(duplicate_link=""))
                | (Q(duplicate_of__isnull=False) & Q(duplicate_link__in=DuplicateLink.values)),
                name="claim_duplicate_link_valid",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("pk")), name="claim_not_own_duplicate"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-checkworthiness"], name="claim_status_worth_idx"),
            models.Index(fields=["fingerprint"], name="claim_fingerprint_idx"),
            models.Index(fields=["-published_at"], name="claim_published_at_idx"),
            models.Index(fields=["kind"], name="claim_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class CorrectionKind(models.TextChoices):
    UNPUBLISHED = "unpublished", "Unpublished"
    VERDICT_CHANGED = "verdict_changed", "Verdict changed"
    CORRECTED = "corrected", "Corrected"


class CorrectionState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PUBLISHED = "published", "Published"


class ClaimCorrection(models.Model):
    """A change to a published fact-check, kept for readers and the desk.

    A correction of a published claim is proposed by one editor (`created_by`, with the new
    values in `proposed`) and published by a second (`published_by`); only then do the claim's
    public fields change, and `changes` says what each one was and became. Unpublishing and a
    republication with another verdict are recorded as corrections published at once.
    """

    Kind = CorrectionKind
    State = CorrectionState

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=24, choices=CorrectionKind.choices)
    state = models.CharField(
        max_length=16, choices=CorrectionState.choices, default=CorrectionState.PUBLISHED
    )
    note = models.TextField(blank=True, help_text="What changed and why, as readers are told.")
    previous_verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True)
    proposed = models.JSONField(
        default=dict, blank=True, help_text="The new values of the claim's public fields."
    )
    changes = models.JSONField(
        default=list,
        blank=True,
        help_text='What changed, for readers: [{"field", "label", "before", "after"}, ...].',
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_corrections",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_corrections_published",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["claim", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(state__in=CorrectionState.values), name="correction_state_valid"
            ),
            # Readers are told when a correction was made: a published one always has its time.
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="correction_published_has_time",
            ),
            # One correction at a time waits for its second person.
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(state="proposed"),
                name="correction_one_proposed_per_claim",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="correction_published_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on claim {self.claim_id}"

    def summary(self) -> str:
        """What changed, in a sentence for readers (the note, saying why, follows it)."""
        return correction_summary(self.kind, self.changes, self.previous_verdict, self.verdict)


def _verdict_label(value: str) -> str:
    return str(Verdict(value).label) if value in Verdict.values else value


def correction_summary(
    kind: str, changes: list[dict[str, str]], previous_verdict: str, verdict: str
) -> str:
    """A correction's changes as readers are told them; the API's rows use it too."""
    if kind == CorrectionKind.UNPUBLISHED:
        return "the fact-check was withdrawn for correction."
    changes = changes or []
    fields = {change.get("field"): change for change in changes}
    parts = []
    for change in changes:
        field, label = change.get("field"), change.get("label", "")
        before, after = change.get("before") or "", change.get("after") or ""
        if field == "claimant_kind" and "claimant" in fields:
            continue  # said with the claimant's name
        if field == "rationale":
            parts.append("the rationale was revised")
        elif field == "verdict":
            parts.append(f"the verdict was {before}; it is now {after}")
        else:
            shown_after = f"“{after}”"
            if field == "claimant" and after and fields.get("claimant_kind", {}).get("after"):
                shown_after += f" (a {fields['claimant_kind']['after']})"
            if not before:
                parts.append(f"{label} is now given as {shown_after}")
            elif not after:
                parts.append(f"{label} (“{before}”) was removed")
            else:
                parts.append(f"{label} was “{before}”; it is now {shown_after}")
    if not parts and previous_verdict != verdict:
        parts.append(
            f"the verdict was {_verdict_label(previous_verdict)};"
            f" it is now {_verdict_label(verdict)}"
        )
    parts = parts or ["the fact-check was corrected"]
    # The first in lower case: it follows "Corrected on 3 May 2026: ".
    return ". ".join([parts[0], *(part[0].upper() + part[1:] for part in parts[1:])]) + "."


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    REJECTED = "rejected", "Not the same claim"


class ClaimMatch(models.Model):
    """An earlier claim that says the same thing as a newer one, found by claim matching.

    Rows exist only above the suggest threshold. A rejected row stays, so that matching again
    never brings back a pair an editor has ruled out.
    """

    State = MatchState

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    earlier = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="later_matches")
    score = models.FloatField()
    text_similarity = models.FloatField(default=0.0)
    agreements = models.JSONField(
        default=list, blank=True, help_text="What the two agree on: quantities, years."
    )
    state = models.CharField(max_length=16, choices=MatchState.choices, default="suggested")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_matches_decided",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["claim", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "earlier"], name="claim_match_unique_pair"),
            models.CheckConstraint(
                condition=~Q(claim=models.F("earlier")), name="claim_match_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_match_score_in_unit_range"
            ),
            models.CheckConstraint(
                condition=Q(state__in=MatchState.values), name="claim_match_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["earlier"], name="claim_match_earlier_idx")]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ~ claim {self.earlier_id} ({self.score:.2f})"


class ClaimVector(models.Model):
    """A claim's sentence vector for semantic matching (`claims.matching.semantic`).

    Kept beside the claim rather than on it: the claim's history does not copy it, and the
    candidate queries over claims do not read it. It holds for the text it was computed from
    (`source_hash`) with the model it names; a vector of another text or model is computed again.
    """

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    model = models.CharField(max_length=64)
    source_hash = models.CharField(max_length=32, help_text="BLAKE2b of the text encoded.")
    vector = models.BinaryField(help_text="float16 values, little-endian.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(model="") & ~Q(source_hash=""), name="claim_vector_names_its_source"
            ),
        ]

    def __str__(self) -> str:
        return f"vector of claim {self.claim_id} ({self.model})"


class RepeatAlert(models.Model):
    """A newly imported claim that repeats a published fact-check: the desk's notice of it.

    Raised by matching when the score reaches the suggest threshold. The repeat becomes one of
    the fact-check's public appearances once an editor confirms it, by marking it as a duplicate
    of the fact-check (claims.workflow.claim_mark_duplicate); until then it is the desk's alone.
    """

    fact_check = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="repeat_alerts")
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="alerted_as_repeat")
    score = models.FloatField()
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeat_alerts_read",
    )
    emailed_to = models.CharField(max_length=254, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["fact_check", "claim"], name="repeat_alert_unique"),
            models.CheckConstraint(
                condition=~Q(fact_check=models.F("claim")), name="repeat_alert_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="repeat_alert_score_in_unit_range"
            ),
        ]
        indexes = [models.Index(fields=["read_at", "-created_at"], name="repeat_alert_unread_idx")]

    def __str__(self) -> str:
        return f"claim {self.claim_id} repeats fact-check {self.fact_check_id} ({self.score:.2f})"
