"""Admin registration for articles and claims (browsing; the editorial desk builds on it)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.models import Article, Claim


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "published_on", "extraction_status", "created_at"]
    list_filter = ["extraction_status", "outlet", "language"]
    search_fields = ["title", "url", "outlet", "author"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "content_hash",
        "clean_text",
        "extraction_status",
        "extraction_error",
        "extracted_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["created_by"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "verdict", "checkworthiness", "article"]
    list_filter = ["status", "kind", "verdict", "checkworthy"]
    search_fields = ["text", "sentence", "article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article"]
    autocomplete_fields = ["assignee", "reviewer"]
    readonly_fields = ["fingerprint", "created_at", "updated_at"]
    ordering = ["-checkworthiness"]
