"""The claim page's corrections: a published claim is corrected, not edited.

One editor proposes new values with a note for readers; a second publishes the correction (or
anyone withdraws it) through claims.corrections, whose refusals are shown as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import URLPattern, path

from claims import workflow
from claims.corrections import (
    claim_correction_propose,
    claim_correction_publish,
    claim_correction_withdraw,
    correction_waiting,
)
from claims.models import Claim, ClaimCorrection
from claims.workflow import TransitionError
from desk import rendering
from desk.claim_steps import posted_date, row_id

if TYPE_CHECKING:
    from django.contrib import admin

    _ClaimAdminBase = admin.ModelAdmin[Claim]
else:
    _ClaimAdminBase = object

_FIELDS = ("verdict", "rationale", "wording", "claimant", "claimant_kind", "claimed_in")
_ACTIONS = ("propose", "publish", "withdraw")


def _draft_key(claim: Claim) -> str:
    return f"claims.correction_draft.{claim.pk}"


def _values_of(claim: Claim, waiting: ClaimCorrection | None, by: Any) -> dict[str, str]:
    """The form's values: the editor's own waiting proposal, else the claim as published."""
    if waiting is not None and waiting.created_by_id == by.pk:
        proposed = waiting.proposed
        return {
            "verdict": proposed.get("verdict", ""),
            "rationale": proposed.get("rationale", ""),
            "wording": proposed.get("published_text", ""),
            "claimant": proposed.get("claimant", ""),
            "claimant_kind": proposed.get("claimant_kind", ""),
            "claimed_in": proposed.get("claimed_in", ""),
            "claimed_on": proposed.get("claimed_on") or "",
            "note": waiting.note,
        }
    return {
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "wording": claim.published_text,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimed_in": claim.claimed_in,
        "claimed_on": claim.claimed_on.isoformat() if claim.claimed_on else "",
        "note": "",
    }


class ClaimCorrectionsMixin(_ClaimAdminBase):
    """The claim admin's correction form, the waiting correction and their views."""

    def correction_context(self, request: HttpRequest, claim: Claim | None) -> dict[str, Any]:
        if (
            claim is None
            or claim.status != Claim.Status.PUBLISHED
            or not self.has_change_permission(request, claim)
        ):
            return {}
        user = request.user
        waiting = correction_waiting(claim)
        draft = request.session.pop(_draft_key(claim), None)
        refused = ""
        if (
            waiting is not None
            and settings.FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON
            and waiting.created_by_id == user.pk
        ):
            refused = "You proposed this correction: a second editor must publish it."
        return {
            "correction": {
                "waiting": waiting,
                "values": draft or _values_of(claim, waiting, user),
                "open": bool(draft),
                "can_propose": user.has_perm(workflow.EDIT_PERMISSION),
                "can_publish": user.has_perm(workflow.PUBLISH_PERMISSION),
                "publish_refused": refused,
            }
        }

    def correction_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/correction/<slug:action>/",
                self.admin_site.admin_view(self.correction_view),
                name="claims_claim_correction",
            )
        ]

    def correction_view(self, request: HttpRequest, object_id: str, action: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in _ACTIONS:
            raise Http404("no such correction step")
        claim = self._claim_for_post(request, object_id)  # type: ignore[attr-defined]
        data, user = request.POST, request.user
        try:
            if action == "propose":
                claim_correction_propose(
                    claim=claim,
                    by=user,
                    note=data.get("note", ""),
                    wording=data.get("wording", ""),
                    verdict=data.get("verdict", ""),
                    rationale=data.get("rationale", ""),
                    claimant=data.get("claimant", ""),
                    claimant_kind=data.get("claimant_kind", ""),
                    claimed_in=data.get("claimed_in", ""),
                    claimed_on=posted_date(data.get("claimed_on", "")),
                )
                done = "Correction proposed: a second editor publishes it."
            else:
                correction = self._posted_correction(claim, data.get("correction", ""))
                if action == "publish":
                    claim_correction_publish(correction=correction, by=user)
                    done = "Correction published: readers see it now."
                else:
                    claim_correction_withdraw(correction=correction, by=user)
                    done = "Correction withdrawn."
        except TransitionError as exc:
            self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)
            if action == "propose":  # the form opens again with what the editor typed
                request.session[_draft_key(claim)] = {
                    **{name: data.get(name, "")[:20_000] for name in _FIELDS},
                    "claimed_on": data.get("claimed_on", "")[:40],
                    "note": data.get("note", "")[:20_000],
                }
        else:
            self.message_user(request, done)
        return redirect("admin:claims_claim_change", claim.pk)

    @staticmethod
    def _posted_correction(claim: Claim, value: str) -> ClaimCorrection:
        pk = row_id(value)
        correction = (
            ClaimCorrection.objects.filter(pk=pk, claim=claim).first() if pk is not None else None
        )
        if correction is None:
            raise TransitionError(f"claim {claim.pk} has no such correction")
        return correction
