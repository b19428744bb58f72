"""The editorial workflow: every change of a claim's status goes through one of these services.

new -> in review (assigned) -> reviewed (ruled: verdict, rationale, evidence) -> published;
any open claim can be dismissed with a reason, and any unpublished claim marked as a duplicate of
an earlier one (its evidence and verdict are then referred to, not copied). Each refusal raises
TransitionError with a message an editor can read; the admin, the API and commands show it.

TRANSITIONS is the one table of status changes: the services below check it, and the claim
page offers only the steps claim_steps() finds in it for the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.events import claim_published_send
from claims.models import (
    PUBLISHED_TEXT_HINT,
    Claim,
    ClaimantKind,
    ClaimCorrection,
    ClaimMatch,
    CorrectionKind,
    CorrectionState,
    DuplicateLink,
)

Status = Claim.Status
OPEN_STATUSES = frozenset({Status.NEW, Status.IN_REVIEW, Status.REVIEWED})
EDIT_PERMISSION = "claims.change_claim"
PUBLISH_PERMISSION = "claims.publish_claim"


class TransitionError(Exception):
    """A workflow step that is not allowed now, with the reason in words."""


@dataclass(frozen=True)
class Step:
    """One workflow step: the statuses it leaves from, the permission it needs, its words."""

    name: str
    label: str  # the button's words
    sources: frozenset[str]
    target: str
    permission: str
    doing: str  # "claim 7 cannot be <doing>: ..."
    permission_doing: str  # "edith may not <permission_doing>: ..."
    # Checks of the claim itself (not of what the editor types), shared by the service and
    # the claim page, which shows the step disabled with the reason.
    precondition: Callable[[Claim, Any], None] | None = None


def _publishable(claim: Claim, by: Any) -> None:
    if not claim.verdict or not claim.rationale.strip():
        raise TransitionError(f"claim {claim.pk} has no verdict and rationale to publish")
    if not claim.published_text.strip():
        raise TransitionError(f"claim {claim.pk} has no wording to publish: rule it again")
    if not claim.evidence.exists():
        raise TransitionError(f"claim {claim.pk} has no evidence left to publish with")
    if settings.FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON and claim.reviewer_id == by.pk:
        raise TransitionError(
            f"claim {claim.pk} was ruled by {by}; a second person must publish it"
        )


TRANSITIONS: dict[str, Step] = {
    step.name: step
    for step in (
        Step(
            "take",
            "Assign to me and review",
            frozenset({Status.NEW, Status.IN_REVIEW}),
            Status.IN_REVIEW,
            EDIT_PERMISSION,
            "assigned",
            "assign claims",
        ),
        Step(
            "rule",
            "Rule",
            frozenset({Status.IN_REVIEW, Status.REVIEWED}),
            Status.REVIEWED,
            EDIT_PERMISSION,
            "ruled on",
            "rule on claims",
        ),
        Step(
            "publish",
            "Publish",
            frozenset({Status.REVIEWED}),
            Status.PUBLISHED,
            PUBLISH_PERMISSION,
            "published",
            "publish fact-checks",
            _publishable,
        ),
        Step(
            "unpublish",
            "Unpublish",
            frozenset({Status.PUBLISHED}),
            Status.REVIEWED,
            PUBLISH_PERMISSION,
            "unpublished",
            "unpublish fact-checks",
        ),
        Step(
            "dismiss",
            "Dismiss",
            OPEN_STATUSES,
            Status.DISMISSED,
            EDIT_PERMISSION,
            "dismissed",
            "dismiss claims",
        ),
        Step(
            "reopen",
            "Reopen",
            frozenset({Status.DISMISSED}),
            Status.NEW,
            EDIT_PERMISSION,
            "reopened",
            "reopen claims",
        ),
    )
}
"""The transition table: every status change below, and the claim page's buttons, read it."""


def _may(user: Any, permission: str) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(permission))


def claim_steps(*, claim: Claim, by: Any) -> dict[str, str | None]:
    """The steps to offer `by` on the claim now: name -> None, or why it is refused.

    Steps the claim's status does not allow, or that `by` lacks the permission for, are left
    out; a step whose precondition fails is given with the reason (shown as a disabled button).
    """
    offered: dict[str, str | None] = {}
    for step in TRANSITIONS.values():
        if claim.status not in step.sources or not _may(by, step.permission):
            continue
        try:
            if step.precondition is not None:
                step.precondition(claim, by)
        except TransitionError as refused:
            offered[step.name] = str(refused)
        else:
            offered[step.name] = None
    return offered


def _require_step(name: str, by: Any) -> None:
    step = TRANSITIONS[name]
    permission_require(by, step.permission, step.permission_doing)


def _check_step(name: str, claim: Claim, by: Any) -> None:
    """The step's status and precondition on the (locked) claim."""
    step = TRANSITIONS[name]
    _require_status(claim, step.sources, step.doing)
    if step.precondition is not None:
        step.precondition(claim, by)


def permission_require(user: Any, permission: str, doing: str) -> None:
    """Raise TransitionError unless the user holds the permission (`doing` says what for)."""
    if not _may(user, permission):
        who = getattr(user, "username", "") or "an anonymous user"
        raise TransitionError(f"{who} may not {doing}: it needs the {permission} permission")


def _locked(claim: Claim) -> Claim:
    # The row lock makes two editors acting at once see each other's result, not overwrite it.
    return Claim.objects.select_for_update().get(pk=claim.pk)


def _require_status(claim: Claim, allowed: set[str] | frozenset[str], doing: str) -> None:
    if claim.status not in allowed:
        names = ", ".join(sorted(Status(s).label.lower() for s in allowed))
        raise TransitionError(
            f"claim {claim.pk} cannot be {doing}: it is {claim.get_status_display().lower()}"
            f" (only a claim that is {names} can)"
        )


def claim_save(claim: Claim, original: Claim, by: Any, reason: str) -> Claim:
    """Save a claim with who and why in its history; `original` (the caller's copy) is
    refreshed, so that it shows the result too."""
    # Who and why go into the change history (django-simple-history reads these attributes).
    claim._history_user = by  # type: ignore[attr-defined]
    claim._change_reason = reason  # type: ignore[attr-defined]
    claim.save()
    original.refresh_from_db()
    return claim


@transaction.atomic
def claim_assign(*, claim: Claim, assignee: Any, by: Any) -> Claim:
    """Assign a new or in-review claim to someone; a new claim moves into review."""
    _require_step("take", by)
    if assignee is None or not assignee.is_active or not assignee.has_perm(EDIT_PERMISSION):
        raise TransitionError(f"{assignee} cannot be assigned claims: not an active editor")
    current = _locked(claim)
    _check_step("take", current, by)
    current.assignee = assignee
    current.status = TRANSITIONS["take"].target
    return claim_save(current, claim, by, f"assigned to {assignee}")


def claim_start_review(*, claim: Claim, by: Any) -> Claim:
    """Take a claim for review: assign it to `by`."""
    return claim_assign(claim=claim, assignee=by, by=by)


@transaction.atomic
def claim_rule(
    *,
    claim: Claim,
    verdict: str,
    rationale: str,
    by: Any,
    wording: str,
    claimant: str = "",
    claimant_kind: str = "",
    claimed_in: str = "",
    claimed_on: dt.date | None = None,
) -> Claim:
    """Record the verdict, its rationale and the claim as it will be published.

    `wording` is the claim in the editor's words (the public title and claimReviewed); the
    claimant, if named, is a person or an organization as the editor says, never guessed. The
    claim needs at least one piece of evidence.
    """
    _require_step("rule", by)
    current = _locked(claim)
    if current.status == Status.PUBLISHED:
        raise TransitionError(
            f"claim {current.pk} is published: unpublish it with a correction note first"
        )
    _check_step("rule", current, by)
    rationale = ruling_checked(current, verdict=verdict, rationale=rationale)
    published = published_wording(
        wording=wording,
        claimant=claimant,
        claimant_kind=claimant_kind,
        claimed_in=claimed_in,
    )
    if not current.evidence.exists():
        raise TransitionError(
            f"claim {current.pk} has no evidence yet: add a source passage or accept a finding"
        )
    current.verdict = verdict
    current.rationale = rationale
    current.published_text, current.claimant, current.claimant_kind, current.claimed_in = published
    current.claimed_on = claimed_on
    current.reviewer = by
    current.ruled_at = timezone.now()
    current.status = TRANSITIONS["rule"].target
    return claim_save(current, claim, by, f"ruled {current.get_verdict_display().lower()}")


def ruling_checked(claim: Claim, *, verdict: str, rationale: str) -> str:
    """A verdict of the scale and its rationale, cleaned; TransitionError says what is wrong."""
    if verdict not in Claim.Verdict.values:
        raise TransitionError(f"'{verdict}' is not a verdict; choose one from the rating scale")
    rationale = rationale.replace("\x00", "").strip()
    if not rationale:
        raise TransitionError(f"claim {claim.pk} needs a rationale for its verdict")
    return rationale


_WORDING_MAX = Claim._meta.get_field("published_text").max_length or 300


def published_wording(
    *, wording: str, claimant: str, claimant_kind: str, claimed_in: str
) -> tuple[str, str, str, str]:
    """The wording, claimant, its kind and where, cleaned; TransitionError says what is wrong."""
    wording, claimant, claimed_in = (
        " ".join(value.replace("\x00", "").split()) for value in (wording, claimant, claimed_in)
    )
    if not wording:
        raise TransitionError("word the claim as it will be published")
    if len(wording) > _WORDING_MAX:
        raise TransitionError(
            f"the claim's wording is {len(wording)} characters; it must fit in {_WORDING_MAX}"
            f" (about {PUBLISHED_TEXT_HINT} reads best)"
        )
    if len(claimant) > _WORDING_MAX or len(claimed_in) > _WORDING_MAX:
        raise TransitionError(f"the claimant and where it was said must fit in {_WORDING_MAX}")
    if not claimant:
        return wording, "", "", claimed_in
    if claimant_kind not in ClaimantKind.values:
        raise TransitionError(f"say whether {claimant} is a person or an organization")
    return wording, claimant, claimant_kind, claimed_in


@transaction.atomic
def claim_publish(*, claim: Claim, by: Any) -> Claim:
    """Publish a reviewed claim; by default not by the editor who ruled on it."""
    _require_step("publish", by)
    current = _locked(claim)
    _check_step("publish", current, by)
    now = timezone.now()
    if current.published_verdict and current.published_verdict != current.verdict:
        ClaimCorrection.objects.create(
            claim=current,
            kind=CorrectionKind.VERDICT_CHANGED,
            state=CorrectionState.PUBLISHED,
            note=current.correction_note,
            previous_verdict=current.published_verdict,
            verdict=current.verdict,
            changes=[
                {
                    "field": "verdict",
                    "label": "the verdict",
                    "before": str(Claim.Verdict(current.published_verdict).label),
                    "after": str(current.get_verdict_display()),
                }
            ],
            created_by=current.reviewer,
            published_by=by,
            published_at=now,
        )
    current.status = TRANSITIONS["publish"].target
    current.published_at = now
    current.published_by = by
    current.published_verdict = current.verdict
    claim_published_send(claim_id=current.pk)
    return claim_save(current, claim, by, "published")


@transaction.atomic
def claim_unpublish(*, claim: Claim, note: str, by: Any) -> Claim:
    """Take a published claim back to reviewed, recording a correction readers can see."""
    _require_step("unpublish", by)
    current = _locked(claim)
    _check_step("unpublish", current, by)
    if not note.strip():
        raise TransitionError(f"claim {current.pk} needs a correction note to be unpublished")
    # A correction waiting for its second editor is overtaken: the claim is ruled on again.
    ClaimCorrection.objects.filter(claim=current, state=CorrectionState.PROPOSED).delete()
    ClaimCorrection.objects.create(
        claim=current,
        kind=CorrectionKind.UNPUBLISHED,
        state=CorrectionState.PUBLISHED,
        note=note.strip(),
        previous_verdict=current.verdict,
        verdict=current.verdict,
        created_by=by,
        published_by=by,
        published_at=timezone.now(),
    )
    current.status = TRANSITIONS["unpublish"].target
    current.published_at = None
    current.correction_note = note.strip()
    return claim_save(current, claim, by, f"unpublished: {note.strip()}"[:100])


@transaction.atomic
def claim_dismiss(*, claim: Claim, reason: str, by: Any) -> Claim:
    """Dismiss an open claim as not a claim, not check-worthy or a duplicate."""
    _require_step("dismiss", by)
    if reason not in Claim.DismissalReason.values:
        choices = ", ".join(label.lower() for label in Claim.DismissalReason.labels)
        raise TransitionError(f"a claim is dismissed for a reason: {choices}")
    current = _locked(claim)
    _check_step("dismiss", current, by)
    current.status = TRANSITIONS["dismiss"].target
    current.dismissal_reason = reason
    return claim_save(current, claim, by, f"dismissed: {current.get_dismissal_reason_display()}")


@transaction.atomic
def claim_reopen(*, claim: Claim, by: Any) -> Claim:
    """Bring a dismissed claim back as new."""
    _require_step("reopen", by)
    current = _locked(claim)
    _check_step("reopen", current, by)
    current.status = TRANSITIONS["reopen"].target
    current.dismissal_reason = ""
    return claim_save(current, claim, by, "reopened")


def _duplicate_root(claim: Claim) -> Claim:
    """The claim at the end of a chain of duplicate links (the one actually checked)."""
    seen = {claim.pk}
    current = claim
    while current.duplicate_of_id is not None and current.duplicate_of_id not in seen:
        seen.add(current.duplicate_of_id)
        current = Claim.objects.get(pk=current.duplicate_of_id)
    return current


@transaction.atomic
def claim_mark_duplicate(*, claim: Claim, of: Claim, by: Any, automatic: bool = False) -> Claim:
    """Mark a claim as repeating an earlier one; claim matching does it with automatic=True.

    The link goes to the end of `of`'s own chain, and claims that repeated this one follow it
    there, so a duplicate is never more than one step from the claim that was checked.
    """
    if not automatic:
        permission_require(by, EDIT_PERMISSION, "mark duplicates")
    current = _locked(claim)
    if current.status == Status.PUBLISHED:
        raise TransitionError(
            f"claim {current.pk} is published: unpublish it before marking it as a duplicate"
        )
    root = _duplicate_root(of)
    if root.pk == current.pk:
        raise TransitionError(f"claim {current.pk} cannot be a duplicate of itself")
    current.duplicate_of = root
    current.duplicate_link = DuplicateLink.AUTO if automatic else DuplicateLink.EDITOR
    for follower in Claim.objects.filter(duplicate_of=current).select_for_update():
        follower.duplicate_of = root
        claim_save(follower, follower, by, f"now a duplicate of claim {root.pk}")
    ClaimMatch.objects.filter(claim=current, earlier=of).update(
        state=ClaimMatch.State.SUGGESTED, decided_by=None if automatic else by
    )
    how = "automatically" if automatic else "by an editor"
    return claim_save(current, claim, by, f"marked {how} as a duplicate of claim {root.pk}")


@transaction.atomic
def claim_unmark_duplicate(*, claim: Claim, by: Any) -> Claim:
    """Undo a duplicate link; matching will not make the same link again by itself."""
    permission_require(by, EDIT_PERMISSION, "mark duplicates")
    current = _locked(claim)
    if current.duplicate_of_id is None:
        raise TransitionError(f"claim {current.pk} is not marked as a duplicate")
    earlier_id = current.duplicate_of_id
    ClaimMatch.objects.filter(claim=current).filter(
        Q(earlier_id=earlier_id) | Q(earlier__duplicate_of_id=earlier_id)
    ).update(state=ClaimMatch.State.REJECTED, decided_by=by)
    current.duplicate_of = None
    current.duplicate_link = ""
    return claim_save(current, claim, by, f"not a duplicate of claim {earlier_id}")


@transaction.atomic
def claim_match_reject(*, claim: Claim, match_id: int, by: Any) -> ClaimMatch:
    """Rule out a suggested match ("not the same claim"), undoing its link if it made one."""
    permission_require(by, EDIT_PERMISSION, "rule out matches")
    match = ClaimMatch.objects.select_for_update().filter(pk=match_id, claim=claim).first()
    if match is None:
        raise TransitionError(f"claim {claim.pk} has no such match")
    current = _locked(claim)
    linked_to = {match.earlier_id, match.earlier.duplicate_of_id}
    if current.duplicate_of_id is not None and current.duplicate_of_id in linked_to:
        claim_unmark_duplicate(claim=current, by=by)
    match.state = ClaimMatch.State.REJECTED
    match.decided_by = by
    match.save(update_fields=["state", "decided_by", "updated_at"])
    return match
