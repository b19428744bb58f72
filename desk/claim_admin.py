"""The claims desk in the admin: the claim list, the claim page and the workflow buttons.

Status, verdict and publication fields are read-only in the form: every change of state goes
through claims.workflow, whose refusals are shown to the editor as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims import selectors, services, workflow
from claims.locks import claim_edit_check, claim_lock_check
from claims.models import Claim
from claims.services import claim_edit
from claims.workflow import TransitionError
from desk import rendering
from desk import selectors as desk_selectors
from desk.claim_steps import ClaimStepsMixin
from desk.corrections import ClaimCorrectionsMixin
from desk.deletion import BoundedDeleteMixin
from desk.editors import desk_editor
from desk.filters import (
    ArticleFilter,
    AssigneeFilter,
    CheckworthinessBandFilter,
    DuplicateFilter,
    HasSourcesFilter,
    OutletFilter,
)
from desk.forms import ClaimActionForm, ClaimForm, desk_inlines
from desk.history import DeskHistoryAdmin
from desk.live import LiveState, claim_state
from desk.live_views import LiveStatusMixin
from desk.matches import ClaimMatchAdminMixin
from desk.morning import MorningListMixin
from desk.refusals import RefusedSaveMixin
from desk.source_admin import evidence_formset_save
from jobs.queueing import queue_report, queued_later_notice, warn_if_not_queued
from sources.models import ClaimSource, Evidence
from sources.services import (
    claim_source_link,
    claim_source_unlink,
    claim_verification_queue,
)

# --- the claim admin -------------------------------------------------------------------------


# A tuple: a list of names is not the list of name groups fieldsets is typed with.
WORKFLOW_FIELDS = (
    "status",
    "assignee",
    "verdict",
    "rationale",
    "reviewer",
    "ruled_at",
    "published_at",
    "published_by",
    "dismissal_reason",
    "correction_note",
    "corrections",
)


def _claim_live_state(pk: int) -> LiveState | None:

    return claim_state(pk) if Claim.objects.filter(pk=pk).exists() else None


@admin.register(Claim)
class ClaimAdmin(
    BoundedDeleteMixin,
    LiveStatusMixin,
    ClaimMatchAdminMixin,
    MorningListMixin,
    ClaimCorrectionsMixin,
    ClaimStepsMixin,
    RefusedSaveMixin,
    DeskHistoryAdmin[Claim],
):
    form = ClaimForm
    action_form = ClaimActionForm
    list_display = [
        "__str__",
        "kind",
        "status",
        "verdict",
        "checkworthiness",
        "article_title",
        "outlet",
        "assignee",
        "has_sources_flag",
    ]
    list_filter = [
        "status",
        "kind",
        "verdict",
        ("article", ArticleFilter),
        OutletFilter,
        AssigneeFilter,
        CheckworthinessBandFilter,
        HasSourcesFilter,
        DuplicateFilter,
    ]
    search_fields = ["text", "sentence", "article__title"]
    ordering = ["-checkworthiness", "pk"]
    fieldsets = [
        (None, {"fields": ["article_link", "context", "text", "kind", "speaker", "values"]}),
        ("Check-worthiness", {"fields": ["checkworthiness", "checkworthy"]}),
        ("Verdict and workflow", {"fields": WORKFLOW_FIELDS}),
        ("Sources", {"fields": ["add_source_url"]}),
        ("Record", {"fields": ["fingerprint", "created_at", "updated_at"]}),
    ]
    readonly_fields = [
        "article_link",
        "context",
        "values",
        "checkworthiness",
        "checkworthy",
        *WORKFLOW_FIELDS,
        "fingerprint",
        "created_at",
        "updated_at",
    ]
    actions = ["assign_to_me", "run_verification", "dismiss", "publish"]
    change_form_template = "admin/claims/claim/change_form.html"
    # While its sources are fetched or verified, the page swaps these parts in as they change
    # (not the evidence or the Rule form, where an editor may be typing).
    live_state_for = staticmethod(_claim_live_state)
    live_regions = "#source_links-group, #verification_runs-group"
    change_list_template = "admin/claims/claim/change_list.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return desk_selectors.claims_for_desk()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from extraction, with their spans

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(workflow.PUBLISH_PERMISSION))

    def get_inlines(self, request: HttpRequest, obj: Claim | None = None) -> list[type[Any]]:
        return desk_inlines() if obj else []

    # A published claim is read only: it changes through a correction (claims.locks).

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Claim.Status.PUBLISHED:
            fields += [name for name in ("text", "kind", "speaker") if name not in fields]
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Claim | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.status == Claim.Status.PUBLISHED:
            return [(name, opts) for name, opts in fieldsets if name != "Sources"]
        return fieldsets

    # --- columns and read-only fields ---

    @admin.display(description="article", ordering="article__title")
    def article_title(self, claim: Claim) -> str:
        return str(claim.article)[:60]

    @admin.display(description="outlet", ordering="article__outlet")
    def outlet(self, claim: Claim) -> str:
        return claim.article.outlet

    @admin.display(description="sources", boolean=True, ordering="has_sources")
    def has_sources_flag(self, claim: Claim) -> bool:
        return bool(getattr(claim, "has_sources", False))

    @admin.display(description="article")
    def article_link(self, claim: Claim) -> SafeString:
        return format_html('<a href="{}">{}</a>', rendering.article_claim_url(claim), claim.article)

    @admin.display(description="in context")
    def context(self, claim: Claim) -> SafeString:
        return rendering.claim_context(claim)

    @admin.display(description="normalized values")
    def values(self, claim: Claim) -> str:
        return rendering.normalized_summary(claim.normalized) or "-"

    @admin.display(description="corrections")
    def corrections(self, claim: Claim) -> SafeString:
        return rendering.corrections_html(claim)

    # --- saving: wording and linked sources only ---

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        try:
            self._posted_lock_check(request, obj, form)
            claim_edit(claim=obj, by=request.user)
        except TransitionError as exc:
            self.save_refused(request, exc)
            return
        url = form.cleaned_data.get("add_source_url")
        if url:
            import fetching

            try:
                with queue_report() as not_queued:
                    result = claim_source_link(claim=obj, url=url, added_by=desk_editor(request))
            except (fetching.FetchError, TransitionError) as exc:
                self.message_user(
                    request,
                    f"The source was not linked: {rendering.as_sentence(str(exc))}",
                    messages.ERROR,
                )
                return
            # The fetch is sent when this page's transaction commits: say how that went then.
            transaction.on_commit(lambda: self._linked_message(request, result, not_queued))

    @staticmethod
    def _posted_lock_check(request: HttpRequest, claim: Claim, form: Any) -> None:
        """Refuse a post that changes what the page of a published claim shows read only.

        Such a page has no inputs for the extracted text, kind and speaker, so the admin would
        drop them unread and report the save a success; a post that carries them anyway (a form
        opened before the claim was published, a script) gets the lock's refusal instead, and
        so does a source URL, before anything of the post is saved.
        """
        posted = copy.copy(claim)
        dropped = False
        for name in ClaimForm.Meta.fields:
            if name not in form.fields and name in request.POST:
                value = ClaimForm.base_fields[name].to_python(request.POST[name])
                setattr(posted, name, value)
                dropped = True
        if dropped:
            claim_edit_check(posted)  # compares with the stored row; the copy is never saved
        if form.cleaned_data.get("add_source_url"):
            claim_lock_check(claim, "its sources change")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """The claim page's inlines write through the sources services, never a bare save."""

        if formset.model is ClaimSource:
            formset.save(commit=False)  # only removals: links are added by URL above
            for link in formset.deleted_objects:
                try:
                    claim_source_unlink(link=link, by=desk_editor(request))
                except TransitionError as exc:
                    self.message_user(
                        request, f"Not removed: {rendering.as_sentence(str(exc))}", messages.ERROR
                    )
            return
        if formset.model is not Evidence:
            super().save_formset(request, form, formset, change)
            return
        for problem in evidence_formset_save(request, formset):
            self.message_user(
                request, f"Not saved: {rendering.as_sentence(problem)}", messages.ERROR
            )

    def _linked_message(self, request: HttpRequest, result: Any, not_queued: list[Any]) -> None:
        if result.fetching_again and not_queued:
            notice = queued_later_notice(
                not_queued, f"{result.source.url} was linked already; its new fetch"
            )
            self.message_user(request, notice, messages.WARNING)
        elif result.fetching_again:
            self.message_user(
                request,
                f"{result.source.url} was linked already and its last fetch failed:"
                " it is being fetched again.",
            )
        elif not result.created:
            self.message_user(request, f"{result.source.url} was linked already.")
        elif not_queued:
            notice = queued_later_notice(not_queued, f"Linked {result.source.url}, but its fetch")
            self.message_user(request, notice, messages.WARNING)
        else:
            self.message_user(
                request, f"Linked {result.source.url}; it is being fetched and the claim verified."
            )

    # --- pages ---

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(self.queue_view), name="claims_claim_queue"),
            *self.morning_urls(),
            path(
                "<path:object_id>/transition/<slug:step>/",
                wrap(self.transition_view),
                name="claims_claim_transition",
            ),
            path(
                "<path:object_id>/accept-finding/",
                wrap(self.accept_finding_view),
                name="claims_claim_accept_finding",
            ),
            path(
                "<path:object_id>/fetch-source-again/",
                wrap(self.fetch_source_again_view),
                name="claims_claim_fetch_source_again",
            ),
            *self.match_urls(),
            *self.correction_urls(),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        counts = selectors.claim_status_counts(Claim.objects.all())
        context = {
            "status_counts": [(s.value, s.label, counts[s.value]) for s in Claim.Status],
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        claim = self.get_object(request, unquote(object_id))
        context = {
            **(self.rule_form_context(request, claim) if claim else {}),
            **self.correction_context(request, claim),
            "highlight_css": rendering.HIGHLIGHT_CSS,
            "steps": self.available_steps(request, claim) if claim else {},
            "step_labels": {name: step.label for name, step in workflow.TRANSITIONS.items()},
            "verdicts": Claim.Verdict.choices,
            "reasons": Claim.DismissalReason.choices,
            **self.matches_context(request, claim),
            **self.live_context(claim),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def queue_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        queue = selectors.desk_queue(user=request.user)
        sections = [
            ("My claims in review", queue["mine"]),
            ("Awaiting review (check-worthy, new)", queue["awaiting_review"]),
            ("Ready to publish", queue["ready_to_publish"]),
            ("Recently published", queue["recently_published"]),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Today's desk",
            "opts": self.opts,
            "sections": sections,
            "repeats": list(selectors.repeat_alerts_unread()[:10]),
            "repeats_unread": services.repeat_alerts_unread_count(),
        }
        return TemplateResponse(request, "admin/claims/claim/queue.html", context)

    # --- bulk actions ---

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Claim],
        step: Callable[[Claim], object],
        done: str,
    ) -> None:
        moved = 0
        for claim in queryset:
            try:
                step(claim)
            except TransitionError as exc:
                self.message_user(request, rendering.as_sentence(str(exc)), messages.WARNING)
            else:
                moved += 1
        self.message_user(request, f"{moved} claim(s) {done}.")

    @admin.action(description="Assign to me (start review)")
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._each(
            request,
            queryset,
            lambda c: workflow.claim_start_review(claim=c, by=request.user),
            "assigned to you",
        )

    @admin.action(description="Dismiss (choose the reason above)")
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        reason = request.POST.get("reason", "")
        self._each(
            request,
            queryset,
            lambda c: workflow.claim_dismiss(claim=c, reason=reason, by=request.user),
            "dismissed",
        )

    @admin.action(description="Publish", permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._each(
            request,
            queryset,
            lambda c: workflow.claim_publish(claim=c, by=request.user),
            "published",
        )

    @admin.action(description="Run verification against linked sources")
    def run_verification(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:

        with_sources = queryset.filter(source_links__isnull=False).distinct()
        with queue_report() as not_queued:
            for claim in with_sources:
                claim_verification_queue(claim=claim)
        self.message_user(request, f"Queued verification of {with_sources.count()} claim(s).")
        warn_if_not_queued(request, not_queued, "Verification")
        skipped = queryset.count() - with_sources.count()
        if skipped:
            self.message_user(
                request, f"{skipped} claim(s) have no linked source yet.", messages.WARNING
            )
