"""Admin registration for sources, evidence and verification runs."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Evidence, Source, VerificationRun


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
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
        "created_at",
        "updated_at",
    ]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "claim", "stance", "origin", "added_by", "created_at"]
    list_filter = ["stance", "origin"]
    search_fields = ["passage", "note", "claim__text", "source__url"]
    list_select_related = ["claim", "source", "added_by"]
    raw_id_fields = ["claim", "source"]


@admin.register(VerificationRun)
class VerificationRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "verifier", "status", "attempts", "confidence", "finished_at"]
    list_filter = ["status", "verifier"]
    search_fields = ["claim__text", "verifier", "error"]
    list_select_related = ["claim"]
    raw_id_fields = ["claim"]
    readonly_fields = [
        "claim",
        "verifier",
        "status",
        "attempts",
        "started_at",
        "finished_at",
        "result",
        "suggested_stance",
        "suggested_verdict",
        "confidence",
        "error",
        "created_at",
    ]
