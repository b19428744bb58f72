"""Admin for sources, snapshots, evidence and verification runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

import fetching
from jobs.queueing import queue_report, warn_if_not_queued
from sources import services
from sources.models import ClaimSource, Evidence, Source, SourceSnapshot, VerificationRun
from sources.services import document_text_from_upload


class SourceForm(forms.ModelForm):
    upload = forms.FileField(
        required=False,
        label="Upload a copy",
        help_text="A text or HTML copy of the document (for paywalled or offline sources); "
        "it becomes the newest snapshot.",
    )

    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "kind", "reliability_note"]

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"])
        if self.instance.pk is not None and url == self.instance.url:
            return url
        try:
            return fetching.normalize_url(url)
        except fetching.FetchError as exc:
            raise forms.ValidationError(str(exc)) from None


class SnapshotInline(admin.TabularInline):
    model = SourceSnapshot
    extra = 0
    can_delete = False
    fields = ["fetched_at", "origin", "http_status", "final_url", "content_hash", "length"]
    readonly_fields = fields
    show_change_link = True

    @admin.display(description="characters")
    def length(self, snapshot: SourceSnapshot) -> int:
        return len(snapshot.text)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    form = SourceForm
    list_display = ["__str__", "publisher", "kind", "fetch_status", "http_status", "fetched_at"]
    list_filter = ["kind", "fetch_status"]
    search_fields = ["url", "title", "publisher"]
    readonly_fields = [
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

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("upload")
        if upload is not None:
            try:
                services.source_upload(
                    source=obj,
                    text=document_text_from_upload(upload.read()),
                    created_by=request.user,
                )
            except ValueError as exc:
                self.message_user(request, f"The upload was not stored: {exc}", messages.ERROR)
        elif not change:
            with queue_report() as not_queued:
                services.source_fetch_queue(source=obj)
            warn_if_not_queued(request, not_queued, "Its fetch")

    @admin.action(description="Fetch again now")
    def fetch_again(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        with queue_report() as not_queued:
            for source in queryset:
                services.source_fetch_queue(source=source)
        self.message_user(request, f"Queued {queryset.count()} fetch(es).")
        warn_if_not_queued(request, not_queued, "The fetches")


@admin.register(SourceSnapshot)
class SourceSnapshotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "origin", "http_status", "content_hash"]
    list_filter = ["origin"]
    search_fields = ["source__url", "final_url"]
    list_select_related = ["source"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "claim", "stance", "origin", "added_by", "created_at"]
    list_filter = ["stance", "origin"]
    search_fields = ["passage", "note", "claim__text", "source__url"]
    list_select_related = ["claim", "source", "added_by"]
    raw_id_fields = ["claim", "source", "snapshot", "verification_run"]
    readonly_fields = ["origin", "verification_run"]

    def save_model(self, request: HttpRequest, obj: Evidence, form: Any, change: bool) -> None:
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


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
                    f.get("stance", ""),
                    f.get("verifier", ""),
                    f"{float(f.get('confidence') or 0):.0%}",
                    f.get("explanation", ""),
                    str(f.get("passage", ""))[:400],
                    action(i, f) if action else "",
                )
                for i, f in enumerate(findings)
            ),
        ),
    )


@admin.register(VerificationRun)
class VerificationRunAdmin(admin.ModelAdmin):
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
    readonly_fields = fields

    @admin.display(description="findings")
    def findings(self, run: VerificationRun) -> SafeString:
        return findings_html(run)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class ClaimSourceInline(admin.TabularInline):
    """Linked sources on the claim page (link new ones by URL in the form above)."""

    model = ClaimSource
    extra = 0
    fields = ["source", "fetch_status", "added_by", "created_at"]
    readonly_fields = fields
    show_change_link = False

    @admin.display(description="fetch status")
    def fetch_status(self, link: ClaimSource) -> str:
        return link.source.get_fetch_status_display()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["source", "stance", "origin", "passage", "note"]
    readonly_fields = ["origin"]
    raw_id_fields = ["source"]


class VerificationRunInline(admin.TabularInline):
    model = VerificationRun
    extra = 0
    can_delete = False
    fields = ["status", "suggested_verdict", "confidence", "finished_at", "findings", "error"]
    readonly_fields = fields
    ordering = ["-created_at"]

    @admin.display(description="findings")
    def findings(self, run: VerificationRun) -> SafeString:
        return findings_html(run)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
