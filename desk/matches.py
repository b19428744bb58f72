"""The claim page's "Checked before?" panel: matches with earlier claims and duplicate links.

Buttons post to these views, which call claims.workflow; refusals are shown as they are.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import URLPattern, path

from claims import selectors, workflow
from claims.models import Claim, ClaimMatch
from claims.workflow import TransitionError
from desk import rendering
from desk import selectors as desk_selectors
from desk.claim_steps import row_id


class ClaimMatchAdminMixin:
    """Adds the matching views to the claim admin and the panel's data to the claim page."""

    def match_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view  # type: ignore[attr-defined]
        return [
            path(
                "<path:object_id>/matches/duplicate/",
                wrap(self.mark_duplicate_view),
                name="claims_claim_mark_duplicate",
            ),
            path(
                "<path:object_id>/matches/not-same/",
                wrap(self.not_same_view),
                name="claims_claim_match_reject",
            ),
            path(
                "<path:object_id>/matches/not-duplicate/",
                wrap(self.not_duplicate_view),
                name="claims_claim_unmark_duplicate",
            ),
        ]

    def matches_context(self, request: HttpRequest, claim: Claim | None) -> dict[str, Any]:
        """What the "Checked before?" panel shows for this claim."""
        if claim is None:
            return {}
        rows = []
        for match in selectors.claim_matches(claim=claim):
            checked = match.earlier.duplicate_of or match.earlier
            rows.append(
                {
                    "match": match,
                    "checked": rendering.checked_label(checked),
                    "linked": claim.duplicate_of_id in {match.earlier_id, checked.pk},
                }
            )
        root = claim.duplicate_of
        return {
            "matches": rows,
            "duplicate_of": root,
            "duplicate_checked": rendering.checked_label(root) if root is not None else "",
            "inherited_evidence": desk_selectors.claim_inherited_evidence(claim=claim),
            "can_decide_matches": self.has_change_permission(request, claim),  # type: ignore[attr-defined]
        }

    def _match_for_post(self, request: HttpRequest, claim: Claim) -> ClaimMatch:
        match_id = row_id(request.POST.get("match", ""))
        match = (
            ClaimMatch.objects.filter(pk=match_id, claim=claim).select_related("earlier").first()
            if match_id is not None
            else None
        )
        if match is None:
            raise TransitionError(f"claim {claim.pk} has no such match")
        return match

    def _decide(self, request: HttpRequest, object_id: str, decide: Any) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)  # type: ignore[attr-defined]
        try:
            message = decide(claim)
        except TransitionError as exc:
            self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)  # type: ignore[attr-defined]
        else:
            self.message_user(request, message)  # type: ignore[attr-defined]
        return redirect("admin:claims_claim_change", claim.pk)

    def mark_duplicate_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def decide(claim: Claim) -> str:
            match = self._match_for_post(request, claim)
            marked = workflow.claim_mark_duplicate(claim=claim, of=match.earlier, by=request.user)
            return f"Claim {claim.pk} is marked as a duplicate of claim {marked.duplicate_of_id}."

        return self._decide(request, object_id, decide)

    def not_same_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def decide(claim: Claim) -> str:
            match = self._match_for_post(request, claim)
            workflow.claim_match_reject(claim=claim, match_id=match.pk, by=request.user)
            return (
                f"Claim {match.earlier_id} is ruled out as a match; it will not be suggested again."
            )

        return self._decide(request, object_id, decide)

    def not_duplicate_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        def decide(claim: Claim) -> str:
            earlier = claim.duplicate_of_id
            workflow.claim_unmark_duplicate(claim=claim, by=request.user)
            return f"Claim {claim.pk} is no longer a duplicate of claim {earlier}."

        return self._decide(request, object_id, decide)
