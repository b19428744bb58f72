"""Admin for sources, snapshots, evidence and verification runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

import fetching
from claims.models import Claim
from claims.workflow import TransitionError
from desk import rendering
from desk.deletion import BoundedDeleteMixin
from desk.editors import desk_editor
from desk.history import DeskHistoryAdmin
from desk.live import source_state_by_id
from desk.live_views import LiveStatusMixin
from desk.refusals import RefusedSaveMixin, read_only_while_public
from desk.retries import attempts_made, retry_line
from jobs.queueing import queue_report, warn_if_not_queued
from sources import services
from sources.models import (
    ClaimSource,
    Evidence,
    Source,
    SourceSnapshot,
    Stance,
    VerificationRun,
)
from sources.services import document_text_from_upload

SOURCE_DESCRIPTION_FIELDS = ["title", "publisher", "kind", "reliability_note"]


class SourceForm(forms.ModelForm[Source]):
    upload = forms.FileField(
        required=False,
        label="Upload a copy",
        help_text="A text or HTML copy of the document (for paywalled or offline sources); "
        "it becomes the newest snapshot.",
    )

    class Meta:
        model = Source
        fields = ["url", *SOURCE_DESCRIPTION_FIELDS]

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"])
        if self.instance.pk is not None and url == self.instance.url:
            return url
        try:
            normalized = fetching.normalize_url(url)
        except fetching.FetchError as exc:
            raise forms.ValidationError(str(exc)) from None
        existing = services.source_existing(url=normalized)
        if existing is not None and existing.pk != self.instance.pk:
            # One source per address: the editor is sent to the one there is.
            raise forms.ValidationError(
                format_html(
                    'This source exists already: <a href="{}">{}</a> (the same address once'
                    " case and tracking parameters are ignored). Link that one instead.",
                    reverse("admin:sources_source_change", args=[existing.pk]),
                    existing.url,
                )
            )
        return normalized


class SnapshotInline(admin.TabularInline[SourceSnapshot, Source]):
    model = SourceSnapshot
    extra = 0
    can_delete = False
    fields = ["fetched_at", "origin", "http_status", "final_url", "content_hash", "length"]
    readonly_fields = fields  # type: ignore[assignment]  # the stubs type fields as groups
    show_change_link = True

    @admin.display(description="characters")
    def length(self, snapshot: SourceSnapshot) -> int:
        return len(snapshot.text)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def source_fetch_line(source: Source) -> str:
    """The source's fetch in one line: its status and error, or the retry that is pending."""
    status = source.get_fetch_status_display()
    if source.fetch_status == Source.FetchStatus.FETCHING:
        retry = retry_line(
            attempts=source.fetch_attempts,
            error=source.fetch_error,
            next_attempt_at=source.fetch_retry_at,
        )
        if retry:
            return retry
    error = source.fetch_error
    return f"{status}: {error[:300]}" if error else status


@admin.register(Source)
class SourceAdmin(BoundedDeleteMixin, LiveStatusMixin, RefusedSaveMixin, DeskHistoryAdmin[Source]):
    form = SourceForm
    list_display = ["__str__", "publisher", "kind", "fetch_status", "http_status", "fetched_at"]
    list_filter = ["kind", "fetch_status"]
    search_fields = ["url", "title", "publisher"]
    change_form_template = "admin/sources/source/change_form.html"
    # While the source is fetched (or waits for a retry), the page swaps its fetch state in.
    live_state_for = staticmethod(source_state_by_id)
    live_regions = (
        ".field-fetch_line, .field-fetch_attempts_made, .field-fetch_status, "
        ".field-fetch_error, .field-http_status, .field-fetched_at, #snapshots-group"
    )
    readonly_fields = [
        "fetch_line",
        "fetch_attempts_made",
        "fetch_status",
        "fetch_error",
        "http_status",
        "fetched_at",
        "content_hash",
        "snapshot_text",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [SnapshotInline]
    actions = ["fetch_again"]

    def get_readonly_fields(self, request: HttpRequest, obj: Source | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        # Cited by a published fact-check: what readers see of it changes only by unpublishing.
        if obj is not None:
            locked = read_only_while_public(
                obj, services.SOURCE_PUBLIC_FIELDS, services.source_public_claims
            )
            fields += [name for name in locked if name not in fields]
        return fields

    @admin.display(description="fetch")
    def fetch_line(self, source: Source) -> str:
        return source_fetch_line(source)

    @admin.display(description="attempts")
    def fetch_attempts_made(self, source: Source) -> str:
        return attempts_made(source.fetch_attempts) or "none recorded"

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Source | None = None,
    ) -> HttpResponse:
        if change and obj is not None:
            context.update(self.live_context(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        upload = form.cleaned_data.get("upload")
        if change:
            try:
                services.source_update(source=obj, by=desk_editor(request))
            except TransitionError as exc:
                self.save_refused(request, exc)
                return
        else:
            fields = {name: getattr(obj, name) for name in SOURCE_DESCRIPTION_FIELDS}
            with queue_report() as not_queued:
                source, created = services.source_add(
                    url=obj.url, created_by=desk_editor(request), fetch=upload is None, **fields
                )
            warn_if_not_queued(request, not_queued, "Its fetch")
            if not created:  # added by someone else since the form was checked
                self.message_user(
                    request, f"{source.url} exists already; nothing was changed.", messages.WARNING
                )
            # The admin goes on with this object (history, inlines, the redirect): make it the row.
            obj.pk = source.pk
            obj.refresh_from_db()
            obj._state.adding = False
        if upload is not None:
            try:
                services.source_upload(
                    source=obj,
                    text=document_text_from_upload(upload.read()),
                    created_by=desk_editor(request),
                )
            except ValueError as exc:
                self.message_user(request, f"The upload was not stored: {exc}", messages.ERROR)

    @admin.action(description="Fetch again now")
    def fetch_again(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        with queue_report() as not_queued:
            for source in queryset:
                services.source_fetch_queue(source=source)
        self.message_user(request, f"Queued {queryset.count()} fetch(es).")
        warn_if_not_queued(request, not_queued, "The fetches")


@admin.register(SourceSnapshot)
class SourceSnapshotAdmin(admin.ModelAdmin[SourceSnapshot]):
    list_display = ["__str__", "origin", "http_status", "content_hash"]
    list_filter = ["origin"]
    search_fields = ["source__url", "final_url"]
    list_select_related = ["source"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(RefusedSaveMixin, DeskHistoryAdmin[Evidence]):
    list_display = ["__str__", "claim", "stance", "origin", "added_by", "created_at"]
    list_filter = ["stance", "origin"]
    search_fields = ["passage", "note", "claim__text", "source__url"]
    list_select_related = ["claim", "source", "added_by"]
    raw_id_fields = ["claim", "source", "snapshot", "verification_run"]
    readonly_fields = ["origin", "verification_run", "added_by"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        locked = obj is not None and _published(obj.claim)
        return not locked and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        locked = obj is not None and _published(obj.claim)
        return not locked and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Evidence, form: Any, change: bool) -> None:
        try:
            if change:
                services.evidence_update(evidence=obj, by=desk_editor(request))
                return
            evidence = _evidence_add(request, obj)
        except (services.EvidenceError, TransitionError) as exc:
            self.save_refused(request, exc)
            return
        # The admin goes on with this object (history, the redirect): make it the stored row.
        obj.pk = evidence.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: Evidence) -> None:
        self.delete_queryset(request, Evidence.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Evidence]) -> None:
        for evidence in queryset:
            try:
                services.evidence_remove(evidence=evidence, by=desk_editor(request))
            except TransitionError as exc:  # published since the confirmation was shown
                self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)


def _evidence_add(request: HttpRequest, new: Evidence) -> Evidence:
    evidence, _ = services.evidence_add(
        claim=new.claim,
        source=new.source,
        passage=new.passage,
        stance=new.stance,
        note=new.note,
        snapshot=new.snapshot,
        added_by=desk_editor(request),
    )
    return evidence


def evidence_formset_save(request: HttpRequest, formset: Any) -> list[str]:
    """Save an evidence inline through the services; returns what could not be saved."""
    formset.save(commit=False)  # sorts the rows into new, changed and deleted; writes nothing
    problems: list[str] = []

    def attempt(write: Any) -> Any:
        try:
            return write()
        except (services.EvidenceError, TransitionError) as exc:
            problems.append(str(exc))
            return None

    by = desk_editor(request)
    for evidence in formset.deleted_objects:
        attempt(lambda e=evidence: services.evidence_remove(evidence=e, by=by))
    for evidence, _fields in formset.changed_objects:
        attempt(lambda e=evidence: services.evidence_update(evidence=e, by=by))
    added = [attempt(lambda n=new: _evidence_add(request, n)) for new in formset.new_objects]
    formset.new_objects = [evidence for evidence in added if evidence is not None]
    return problems


def findings_html(
    run: VerificationRun, *, action: Callable[[int, dict[str, Any]], SafeString] | None = None
) -> SafeString:
    """The run's findings as a list an editor can read (all text escaped).

    `action(index, finding)` may add a control after each finding (the desk's "accept" button).
    """
    findings = (run.result or {}).get("findings", [])
    if not findings:
        return format_html("<em>{}</em>", (run.result or {}).get("explanation") or "no findings")
    return format_html(
        '<ul class="findings">{}</ul>',
        format_html_join(
            "",
            "<li><strong>{}</strong> ({}, {}): {}<br><q>{}</q> {}</li>",
            (
                (
                    f.get("stance") or "",
                    f.get("verifier") or "",
                    f"{_confidence(f):.0%}",
                    f.get("explanation") or "",
                    str(f.get("passage") or "")[:400],
                    action(i, f) if action else "",
                )
                for i, f in findings_by_strength(findings)
            ),
        ),
    )


def _confidence(finding: dict[str, Any]) -> float:
    try:
        return float(finding.get("confidence") or 0)
    except (TypeError, ValueError):
        return 0.0


def findings_by_strength(findings: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """(index in the run, finding), the decisive first, as the suggested verdict weighs them.

    Findings that compare something specific come before word overlap (which only counts when
    nothing specific bears on the claim), passages unrelated to the claim come last, and within
    each the most confident first. The index stays the run's, for "accept this finding".
    """
    from sources.verification.suggestion import RELEVANCE

    def strength(item: tuple[int, dict[str, Any]]) -> tuple[bool, bool, float, int]:
        index, finding = item
        unrelated = finding.get("stance") in (Stance.UNRELATED, Stance.UNKNOWN, None, "")
        return (unrelated, finding.get("verifier") == RELEVANCE, -_confidence(finding), index)

    return sorted(enumerate(findings), key=strength)


@admin.register(VerificationRun)
class VerificationRunAdmin(admin.ModelAdmin[VerificationRun]):
    list_display = ["__str__", "status", "suggested_verdict", "confidence", "finished_at"]
    list_filter = ["status", "suggested_verdict"]
    search_fields = ["claim__text", "error"]
    list_select_related = ["claim"]
    fields = [
        "claim",
        "verifier",
        "status",
        "attempts",
        "started_at",
        "finished_at",
        "suggested_stance",
        "suggested_verdict",
        "confidence",
        "findings",
        "error",
    ]
    readonly_fields = fields  # type: ignore[assignment]  # the stubs type fields as groups

    @admin.display(description="findings")
    def findings(self, run: VerificationRun) -> SafeString:
        return findings_html(run)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


def _published(claim: Any) -> bool:
    return isinstance(claim, Claim) and claim.status == Claim.Status.PUBLISHED


class LockedWhenPublished:
    """An inline of a claim's sources or evidence: read only once the claim is published."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not _published(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class ClaimSourceInline(LockedWhenPublished, admin.TabularInline[ClaimSource, Claim]):
    """Linked sources on the claim page (link new ones by URL in the form above)."""

    model = ClaimSource
    extra = 0
    fields = ["source", "fetch_status", "added_by", "created_at"]
    readonly_fields = fields  # type: ignore[assignment]  # the stubs type fields as groups
    show_change_link = False

    @admin.display(description="fetch status")
    def fetch_status(self, link: ClaimSource) -> str:
        return source_fetch_line(link.source)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EvidenceInline(LockedWhenPublished, admin.TabularInline[Evidence, Claim]):
    """Evidence on the claim page; the claim's admin saves it through the evidence services."""

    model = Evidence
    extra = 0
    fields = ["source", "stance", "origin", "passage", "note", "added_by"]
    readonly_fields = ["origin", "added_by"]
    raw_id_fields = ["source"]


class VerificationRunInline(admin.TabularInline[VerificationRun, Claim]):
    model = VerificationRun
    extra = 0
    can_delete = False
    fields = ["status", "suggested_verdict", "confidence", "finished_at", "findings", "error"]
    readonly_fields = fields  # type: ignore[assignment]  # the stubs type fields as groups
    ordering = ["-created_at"]

    @admin.display(description="findings")
    def findings(self, run: VerificationRun) -> SafeString:
        return findings_html(run)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
