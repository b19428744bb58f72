"""Forms and inlines of the claim page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.models import Claim
from fetching import MAX_URL_LENGTH


class ClaimForm(forms.ModelForm):
    add_source_url = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=MAX_URL_LENGTH,
        label="Link a source",
        help_text="A source's URL: it is fetched, and this claim is verified against it.",
    )

    class Meta:
        model = Claim
        # Only the wording may be edited here; state changes are workflow buttons.
        fields = ["text", "kind", "speaker"]


class ClaimActionForm(helpers.ActionForm):
    reason = forms.ChoiceField(
        label="Dismissal reason",
        required=False,
        choices=[("", "(for Dismiss)"), *Claim.DismissalReason.choices],
    )


def desk_inlines() -> list[type[Any]]:
    """The claim page's inlines: linked sources, evidence, and runs with accept buttons."""
    from sources.admin import ClaimSourceInline, EvidenceInline, VerificationRunInline

    class DeskClaimSourceInline(ClaimSourceInline):
        fields = [*ClaimSourceInline.fields, "fetch_again"]
        readonly_fields = fields

        def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
            return super().get_queryset(request).select_related("source", "added_by")

        @admin.display(description="")
        def fetch_again(self, link: Any) -> SafeString:
            return fetch_again_button(link)

    class DeskVerificationRunInline(VerificationRunInline):
        @admin.display(description="findings")
        def findings(self, run: Any) -> SafeString:
            return findings_with_accept(run)

    return [DeskClaimSourceInline, EvidenceInline, DeskVerificationRunInline]


def findings_with_accept(run: Any) -> SafeString:
    """The run's findings, each quoting a passage with an "accept as evidence" button."""
    from sources.admin import findings_html

    accept = reverse("admin:claims_claim_accept_finding", args=[run.claim_id])

    def button(index: int, finding: dict[str, Any]) -> SafeString:
        if not str(finding.get("passage") or "").strip():
            return SafeString("")
        return format_html(
            '<button type="submit" class="button accept-finding" formaction="{}" '
            'name="finding" value="{}:{}">Accept this finding as evidence</button>',
            accept,
            run.pk,
            index,
        )

    return findings_html(run, action=button)


def fetch_again_button(link: Any) -> SafeString:
    """A "Fetch again" button for a linked source whose last fetch failed (or found it dead)."""
    from sources.services import REFETCHABLE

    if link.source.fetch_status not in REFETCHABLE:
        return SafeString("")
    return format_html(
        '<button type="submit" class="button fetch-again" formaction="{}" name="source"'
        ' value="{}">Fetch again</button>',
        reverse("admin:claims_claim_fetch_source_again", args=[link.claim_id]),
        link.source_id,
    )
