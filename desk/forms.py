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
from claims.services import ArticleInputError, article_original_url
from desk.source_admin import (
    ClaimSourceInline,
    EvidenceInline,
    VerificationRunInline,
    findings_html,
)
from fetching import MAX_URL_LENGTH
from sources.services import REFETCHABLE


class ClaimForm(forms.ModelForm[Claim]):
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

    if link.source.fetch_status not in REFETCHABLE:
        return SafeString("")
    return format_html(
        '<button type="submit" class="button fetch-again" formaction="{}" name="source"'
        ' value="{}">Fetch again</button>',
        reverse("admin:claims_claim_fetch_source_again", args=[link.claim_id]),
        link.source_id,
    )


class ArticleImportForm(forms.Form):
    """Paste text, upload a file, or give a URL: exactly one of them."""

    text = forms.CharField(
        label="Article text or HTML",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        strip=False,
    )
    upload = forms.FileField(label="…or upload a file (.txt or .html)", required=False)
    url = forms.URLField(
        label="…or fetch from a URL",
        required=False,
        assume_scheme="https",
        max_length=MAX_URL_LENGTH,
        help_text="A worker fetches the page in the background, then extracts its claims.",
    )
    original_url = forms.URLField(
        label="Original URL",
        required=False,
        assume_scheme="https",
        max_length=MAX_URL_LENGTH,
        help_text="Where the pasted or uploaded article was published (optional). Readers see"
        " it as where the claims appeared; nothing is fetched from it.",
    )
    title = forms.CharField(max_length=500, required=False, help_text="Blank: the first line.")
    outlet = forms.CharField(max_length=200, required=False)
    author = forms.CharField(max_length=300, required=False)
    published_on = forms.DateField(
        required=False,
        help_text="YYYY-MM-DD. Relative dates in the text ('last year') resolve against it.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_original_url(self) -> str:
        # Normalized as the service stores it, so the form says at once what is wrong.
        try:
            return article_original_url(self.cleaned_data.get("original_url") or "")
        except ArticleInputError as exc:
            raise forms.ValidationError(str(exc)[:1].upper() + str(exc)[1:] + ".") from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in ("text", "upload", "url") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(
                "Give exactly one of: pasted text, an uploaded file, a URL."
            )
        if data.get("url") and data.get("original_url"):
            self.add_error(
                "original_url",
                "A page fetched from a URL keeps that URL: the original URL is for pasted or"
                " uploaded articles.",
            )
        return data
