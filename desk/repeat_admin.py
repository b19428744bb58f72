"""The desk's repeat alerts: published fact-checks said again in newly imported articles.

Read-only rows raised by matching (claims.services.repeats). An editor opens the repeating
claim, confirms it in its "Checked before?" panel (Mark as duplicate: it becomes a public
appearance of the fact-check) or rules it out, and marks the alert read. Anyone who may see
claims sees the alerts; there are no permissions of their own to grant.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims import selectors, services
from claims.models import RepeatAlert


class ReadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "Not read"), ("yes", "Read")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "no":
            return queryset.filter(read_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=False)
        return queryset


@admin.register(RepeatAlert)
class RepeatAlertAdmin(admin.ModelAdmin[RepeatAlert]):
    list_display = ["created_at", "repeat", "fact_check_link", "said_in", "score", "read"]
    list_filter = [ReadFilter]
    search_fields = ["claim__text", "claim__speaker", "fact_check__published_text"]
    actions = ["mark_read"]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[RepeatAlert]:
        # Only what the list shows: the claims' sentences and article bodies stay unread.
        return selectors.repeat_alerts()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.has_perm("claims.view_claim"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_mark_read_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    @admin.display(description="Said again")
    def repeat(self, alert: RepeatAlert) -> SafeString:
        url = reverse("admin:claims_claim_change", args=[alert.claim_id])
        who = f"{alert.claim.speaker}: " if alert.claim.speaker else ""
        return format_html('<a href="{}">{}{}</a>', url, who, str(alert.claim)[:120])

    @admin.display(description="Fact-check")
    def fact_check_link(self, alert: RepeatAlert) -> SafeString:
        url = reverse("admin:claims_claim_change", args=[alert.fact_check_id])
        wording = alert.fact_check.published_text or alert.fact_check.text
        return format_html('<a href="{}">{}</a>', url, wording[:120])

    @admin.display(description="In")
    def said_in(self, alert: RepeatAlert) -> str:
        article = alert.claim.article
        parts = [article.outlet or article.title or f"article {article.pk}"]
        if article.published_on:
            parts.append(article.published_on.isoformat())
        return ", ".join(parts)

    @admin.display(description="Read", boolean=True)
    def read(self, alert: RepeatAlert) -> bool:
        return alert.read_at is not None

    @admin.action(description="Mark as read", permissions=["mark_read"])
    def mark_read(self, request: HttpRequest, queryset: QuerySet[RepeatAlert]) -> None:
        count = 0
        for alert in queryset.filter(read_at__isnull=True):
            services.repeat_alert_read(alert=alert, by=request.user)
            count += 1
        self.message_user(request, f"Marked {count} alert(s) read.")
