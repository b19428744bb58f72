"""Corrections of published fact-checks: proposed by one editor, published by a second.

While a correction waits, readers go on seeing the fact-check as it was published; once a
second editor publishes it (FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON=false lets the same one),
the claim's public fields take the new values, and the correction, with what each field was and
became and the editor's note of why, is shown on the page, in the API, the ClaimReview's
dateModified, the feed and the public list of corrections. The claim's history keeps who did it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.events import claim_corrected_send
from claims.models import Claim, ClaimantKind, ClaimCorrection, CorrectionKind, CorrectionState
from claims.verdicts import Verdict
from claims.workflow import (
    EDIT_PERMISSION,
    PUBLISH_PERMISSION,
    TransitionError,
    claim_save,
    permission_require,
    published_wording,
    ruling_checked,
)

PUBLISHED = Claim.Status.PUBLISHED
# The fields a correction may change, with how readers are told about each.
CORRECTABLE = {
    "published_text": "the claim as worded",
    "claimant": "the claimant",
    "claimant_kind": "the claimant's type",
    "claimed_in": "the place the claim was made",
    "claimed_on": "the date the claim was made",
    "verdict": "the verdict",
    "rationale": "the rationale",
}


def _shown(field: str, value: Any) -> str:
    """A field's value as readers read it in a correction notice."""
    if field == "verdict" and value in Verdict.values:
        return str(Verdict(value).label)
    if field == "claimant_kind" and value in ClaimantKind.values:
        return str(ClaimantKind(value).label).lower()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "")


def _stored(value: Any) -> Any:
    # As JSON holds it: dates as ISO text.
    return value.isoformat() if isinstance(value, dt.date) else value


def _loaded(field: str, value: Any) -> Any:
    if field == "claimed_on":
        return dt.date.fromisoformat(value) if value else None
    return value


def _changes(claim: Claim, proposed: dict[str, Any]) -> list[dict[str, str]]:
    changes = []
    for field, label in CORRECTABLE.items():
        before, after = getattr(claim, field), _loaded(field, proposed.get(field))
        if (before or None) != (after or None):
            changes.append(
                {
                    "field": field,
                    "label": label,
                    "before": _shown(field, before),
                    "after": _shown(field, after),
                }
            )
    return changes


def _published_locked(claim: Claim, doing: str) -> Claim:
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if current.status != PUBLISHED:
        raise TransitionError(
            f"claim {current.pk} is not published, so there is nothing to correct: {doing}"
        )
    return current


@transaction.atomic
def claim_correction_propose(
    *,
    claim: Claim,
    by: Any,
    note: str,
    wording: str,
    verdict: str,
    rationale: str,
    claimant: str = "",
    claimant_kind: str = "",
    claimed_in: str = "",
    claimed_on: dt.date | None = None,
) -> ClaimCorrection:
    """Propose new values for a published claim's public fields, with a note saying why.

    Readers see nothing of it until claim_correction_publish. An editor's own waiting proposal
    is replaced by a new one; another editor's must be published or withdrawn first.
    """
    permission_require(by, EDIT_PERMISSION, "propose corrections")
    current = _published_locked(claim, "rule on it instead")
    note = " ".join(note.replace("\x00", "").split())
    if not note:
        raise TransitionError("say what changed and why: readers see the correction's note")
    rationale = ruling_checked(current, verdict=verdict, rationale=rationale)
    text, claimant, claimant_kind, claimed_in = published_wording(
        wording=wording, claimant=claimant, claimant_kind=claimant_kind, claimed_in=claimed_in
    )
    proposed = {
        "published_text": text,
        "claimant": claimant,
        "claimant_kind": claimant_kind,
        "claimed_in": claimed_in,
        "claimed_on": _stored(claimed_on),
        "verdict": verdict,
        "rationale": rationale,
    }
    changes = _changes(current, proposed)
    if not changes:
        raise TransitionError(
            f"this correction changes nothing readers see of claim {current.pk}: change the"
            " wording, claimant, verdict or rationale"
        )
    waiting = (
        ClaimCorrection.objects.select_for_update()
        .filter(claim=current, state=CorrectionState.PROPOSED)
        .first()
    )
    if waiting is not None and waiting.created_by_id != by.pk:
        raise TransitionError(
            f"a correction of claim {current.pk} by {waiting.created_by or 'another editor'}"
            " waits to be published: publish or withdraw it first"
        )
    correction = waiting or ClaimCorrection(claim=current, state=CorrectionState.PROPOSED)
    correction.kind = (
        CorrectionKind.VERDICT_CHANGED if verdict != current.verdict else CorrectionKind.CORRECTED
    )
    correction.note = note
    correction.previous_verdict = current.verdict
    correction.verdict = verdict
    correction.proposed = proposed
    correction.changes = changes
    correction.created_by = by
    correction.save()
    return correction


@transaction.atomic
def claim_correction_publish(*, correction: ClaimCorrection, by: Any) -> Claim:
    """Publish a proposed correction: the claim takes its values, readers see the notice.

    By default the editor who proposed it may not publish it.
    """
    permission_require(by, PUBLISH_PERMISSION, "publish corrections")
    current = _published_locked(correction.claim, "its correction can no longer be published")
    waiting = (
        ClaimCorrection.objects.select_for_update()
        .filter(pk=correction.pk, claim=current, state=CorrectionState.PROPOSED)
        .first()
    )
    if waiting is None:
        raise TransitionError(
            f"this correction of claim {current.pk} was published or withdrawn meanwhile"
        )
    if settings.FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON and waiting.created_by_id == by.pk:
        raise TransitionError(
            f"the correction of claim {current.pk} was proposed by {by}; a second person must"
            " publish it"
        )
    changes = _changes(current, waiting.proposed)
    if not changes:
        raise TransitionError(f"claim {current.pk} already reads as this correction proposes")
    for field in CORRECTABLE:
        setattr(current, field, _loaded(field, waiting.proposed.get(field)))
    now = timezone.now()
    current.published_verdict = current.verdict
    current.correction_note = waiting.note
    waiting.changes = changes
    waiting.state = CorrectionState.PUBLISHED
    waiting.published_by = by
    waiting.published_at = now
    waiting.save()
    claim_save(current, correction.claim, by, f"corrected: {waiting.note}"[:100])
    claim_corrected_send(claim_id=current.pk, correction_id=waiting.pk)
    correction.refresh_from_db()
    return current


@transaction.atomic
def claim_correction_withdraw(*, correction: ClaimCorrection, by: Any) -> None:
    """Drop a correction that waits to be published; readers never saw it."""
    permission_require(by, EDIT_PERMISSION, "withdraw corrections")
    deleted, _ = ClaimCorrection.objects.filter(
        pk=correction.pk, state=CorrectionState.PROPOSED
    ).delete()
    if not deleted:
        raise TransitionError(
            f"this correction of claim {correction.claim_id} is published already or gone:"
            " a published correction stays on the record"
        )


def correction_waiting(claim: Claim) -> ClaimCorrection | None:
    """The correction of the claim that waits for a second editor, if any."""
    return (
        ClaimCorrection.objects.filter(claim=claim, state=CorrectionState.PROPOSED)
        .select_related("created_by")
        .first()
    )
