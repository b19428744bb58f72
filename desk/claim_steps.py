"""The claim page's workflow: its step buttons, the Rule form, accepting findings, fetching again.

Each view posts to a claims or sources service and shows its refusal to the editor as it is; the
steps offered are read from the workflow's one transition table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.dateparse import parse_date

from claims import workflow
from claims.models import PUBLISHED_TEXT_HINT, Claim
from claims.workflow import TransitionError
from desk import rendering
from desk.editors import desk_editor
from jobs.queueing import queue_report, queued_later_notice
from sources.services import SourceLinkError, claim_source_fetch_again, finding_accept

if TYPE_CHECKING:
    from django.contrib import admin

    _ClaimAdminBase = admin.ModelAdmin[Claim]
else:
    _ClaimAdminBase = object


def row_id(value: str) -> int | None:
    """A posted id as an int a database column holds, or None ("²", "1e3", 30 digits)."""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


_RULE_WORDING_FIELDS = ("wording", "claimant", "claimant_kind", "claimed_in", "claimed_on")


def posted_date(value: str) -> dt.date | None:
    """A date typed in the Rule form (YYYY-MM-DD), or None for none; a bad one is refused."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise TransitionError(f"'{value[:40]}' is not a date: write it as YYYY-MM-DD")
    return parsed


def _rule_draft_key(claim: Claim) -> str:
    return f"claims.rule_draft.{claim.pk}"


class ClaimStepsMixin(_ClaimAdminBase):
    """The claim admin's workflow views and the Rule form's values."""

    def rule_form_context(self, request: HttpRequest, claim: Claim) -> dict[str, Any]:
        """The Rule form's values: what the editor typed before a refusal, else the claim's;
        with no verdict yet, the one verification suggests is preselected and marked."""
        draft = request.session.pop(_rule_draft_key(claim), None) or {}
        run = (
            claim.verification_runs.filter(status="succeeded")
            .exclude(suggested_verdict="")
            .order_by("-finished_at", "-pk")
            .only("suggested_verdict", "confidence")
            .first()
        )
        suggested = run.suggested_verdict if run is not None else ""
        labels = dict(Claim.Verdict.choices)
        article = claim.article
        claimed_on = claim.claimed_on or article.published_on
        return {
            "rule_verdict": draft.get("verdict", claim.verdict or suggested),
            "rule_rationale": draft.get("rationale", claim.rationale),
            # The claim as it will be published, prefilled from what extraction found.
            "rule_wording": draft.get("wording", claim.published_text or claim.text),
            "rule_claimant": draft.get("claimant", claim.claimant or claim.speaker),
            "rule_claimant_kind": draft.get("claimant_kind", claim.claimant_kind),
            "rule_claimed_in": draft.get("claimed_in", claim.claimed_in or article.outlet),
            "rule_claimed_on": draft.get(
                "claimed_on", claimed_on.isoformat() if claimed_on else ""
            ),
            "claimant_kinds": Claim.ClaimantKind.choices,
            "wording_hint": PUBLISHED_TEXT_HINT,
            "suggested_verdict": suggested,
            "suggested_verdict_label": labels.get(suggested, suggested),
            "suggested_confidence": (
                run.confidence * 100 if run is not None and run.confidence is not None else None
            ),
        }

    def available_steps(self, request: HttpRequest, claim: Claim) -> dict[str, str]:
        """The workflow buttons to offer: step -> "" (enabled) or why it is refused (disabled).

        Read from the workflow's transition table; the services still decide on the POST.
        """
        if not self.has_change_permission(request, claim):
            return {}
        offered = workflow.claim_steps(claim=claim, by=request.user)
        return {
            step: rendering.as_sentence(reason) if reason else ""
            for step, reason in offered.items()
        }

    def _claim_for_post(self, request: HttpRequest, object_id: str) -> Claim:
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404("no such claim")
        if not self.has_change_permission(request, claim):
            raise PermissionDenied
        return claim

    def transition_view(self, request: HttpRequest, object_id: str, step: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        data, user = request.POST, request.user
        steps: dict[str, Callable[[], Claim]] = {
            "take": lambda: workflow.claim_start_review(claim=claim, by=user),
            "rule": lambda: workflow.claim_rule(
                claim=claim,
                verdict=data.get("verdict", ""),
                rationale=data.get("rationale", ""),
                by=user,
                wording=data.get("wording", ""),
                claimant=data.get("claimant", ""),
                claimant_kind=data.get("claimant_kind", ""),
                claimed_in=data.get("claimed_in", ""),
                claimed_on=posted_date(data.get("claimed_on", "")),
            ),
            "publish": lambda: workflow.claim_publish(claim=claim, by=user),
            "unpublish": lambda: workflow.claim_unpublish(
                claim=claim, note=data.get("note", ""), by=user
            ),
            "dismiss": lambda: workflow.claim_dismiss(
                claim=claim, reason=data.get("reason", ""), by=user
            ),
            "reopen": lambda: workflow.claim_reopen(claim=claim, by=user),
        }
        if step not in workflow.TRANSITIONS or step not in steps:
            raise Http404("no such workflow step")
        try:
            steps[step]()
        except TransitionError as exc:
            self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)
            if step == "rule":  # the page shows the form again with what the editor typed
                request.session[_rule_draft_key(claim)] = {
                    "verdict": data.get("verdict", "")[:32],
                    "rationale": data.get("rationale", "")[:20_000],
                    **{name: data.get(name, "")[:2_000] for name in _RULE_WORDING_FIELDS},
                }
        else:
            self.message_user(
                request, f"Claim {claim.pk} is now {claim.get_status_display().lower()}."
            )
        return redirect("admin:claims_claim_change", claim.pk)

    def accept_finding_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claim = self._claim_for_post(request, object_id)
        run, _, position = request.POST.get("finding", "").partition(":")
        run_id, index = row_id(run), row_id(position)
        try:
            if run_id is None or index is None:
                raise TransitionError(f"claim {claim.pk} has no such finding to accept")
            evidence = finding_accept(
                claim=claim, run_id=run_id, index=index, by=desk_editor(request)
            )
        except TransitionError as exc:
            self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)
        else:
            self.message_user(request, f"Accepted as evidence: {evidence}.")
        return redirect("admin:claims_claim_change", claim.pk)

    def fetch_source_again_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])

        claim = self._claim_for_post(request, object_id)
        source_id = row_id(request.POST.get("source", ""))
        try:
            if source_id is None:
                raise SourceLinkError(f"claim {claim.pk} has no such linked source")
            with queue_report() as not_queued:
                source = claim_source_fetch_again(
                    claim=claim, source_id=source_id, by=desk_editor(request)
                )
        except SourceLinkError as exc:
            self.message_user(request, rendering.as_sentence(str(exc)), messages.ERROR)
        else:
            if not_queued:
                notice = queued_later_notice(not_queued, f"The new fetch of {source.url}")
                self.message_user(request, notice, messages.WARNING)
            else:
                self.message_user(request, f"Fetching {source.url} again.")
        return redirect("admin:claims_claim_change", claim.pk)
