"""Claims move new -> in review -> reviewed -> published only through the workflow services."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims import workflow
from claims.models import Claim, ClaimCorrection
from claims.workflow import TransitionError
from tests.builders import claim_build
from tests.claims.conftest import ruled_claim, staff_in_role, with_evidence

pytestmark = pytest.mark.django_db


def test_taking_a_new_claim_assigns_it_and_starts_review(editor: User) -> None:
    claim = claim_build()
    workflow.claim_start_review(claim=claim, by=editor)
    assert (claim.status, claim.assignee) == (Claim.Status.IN_REVIEW, editor)
    latest = claim.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "assigned to edith"


def test_a_claim_can_be_reassigned_to_another_editor(editor: User, other_editor: User) -> None:
    claim = claim_build()
    workflow.claim_start_review(claim=claim, by=editor)
    workflow.claim_assign(claim=claim, assignee=other_editor, by=editor)
    assert claim.assignee == other_editor


def test_a_claim_is_not_assigned_to_someone_who_cannot_edit_claims(editor: User) -> None:
    outsider = staff_in_role("olga", None)
    with pytest.raises(TransitionError, match="not an active editor"):
        workflow.claim_assign(claim=claim_build(), assignee=outsider, by=editor)


def test_ruling_records_verdict_rationale_and_the_reviewer(editor: User) -> None:
    claim = ruled_claim(editor)
    assert claim.status == Claim.Status.REVIEWED
    assert (claim.verdict, claim.rationale, claim.reviewer) == (
        "true",
        "The ministry says so.",
        editor,
    )
    assert claim.ruled_at is not None


@pytest.mark.parametrize(
    ("verdict", "rationale", "evidence", "message"),
    [
        ("", "Because.", True, "is not a verdict"),
        ("very_true", "Because.", True, "is not a verdict"),
        ("false", "  ", True, "needs a rationale"),
        ("false", "Because.", False, "has no evidence yet"),
    ],
)
def test_a_ruling_needs_a_verdict_a_rationale_and_evidence(
    editor: User, verdict: str, rationale: str, evidence: bool, message: str
) -> None:
    claim = claim_build()
    if evidence:
        with_evidence(claim)
    workflow.claim_start_review(claim=claim, by=editor)
    with pytest.raises(TransitionError, match=message):
        workflow.claim_rule(
            claim=claim, verdict=verdict, rationale=rationale, by=editor, wording="Exports rose."
        )
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == (Claim.Status.IN_REVIEW, "")


def test_a_chief_editor_publishes_a_claim_someone_else_ruled(editor: User, chief: User) -> None:
    claim = ruled_claim(editor)
    workflow.claim_publish(claim=claim, by=chief)
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.published_by == chief
    assert claim.published_at is not None
    assert claim.published_verdict == "true"


def test_the_editor_who_ruled_cannot_also_publish(chief: User) -> None:
    claim = ruled_claim(chief)
    with pytest.raises(TransitionError, match="a second person must publish it"):
        workflow.claim_publish(claim=claim, by=chief)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED


def test_a_one_person_desk_may_publish_its_own_ruling(chief: User, settings: object) -> None:
    settings.FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON = False  # type: ignore[attr-defined]
    claim = ruled_claim(chief)
    workflow.claim_publish(claim=claim, by=chief)
    assert claim.status == Claim.Status.PUBLISHED


def test_editors_cannot_publish(editor: User, other_editor: User) -> None:
    claim = ruled_claim(editor)
    with pytest.raises(TransitionError, match=r"otto may not publish.*claims\.publish_claim"):
        workflow.claim_publish(claim=claim, by=other_editor)


def test_users_without_a_role_cannot_move_claims() -> None:
    outsider = staff_in_role("olga", None)
    with pytest.raises(TransitionError, match="olga may not assign claims"):
        workflow.claim_start_review(claim=claim_build(), by=outsider)
    with pytest.raises(TransitionError, match="an anonymous user may not dismiss"):
        workflow.claim_dismiss(claim=claim_build(), reason="duplicate", by=None)


def _claim_in(status: str, editor: User, chief: User) -> Claim:
    if status == "new":
        return claim_build()
    if status == "dismissed":
        claim = claim_build()
        workflow.claim_dismiss(claim=claim, reason="duplicate", by=editor)
        return claim
    if status == "in_review":
        claim = with_evidence(claim_build())
        workflow.claim_start_review(claim=claim, by=editor)
        return claim
    claim = ruled_claim(editor)
    if status == "published":
        workflow.claim_publish(claim=claim, by=chief)
    return claim


ALLOWED = {
    "assign": {"new", "in_review"},
    "rule": {"in_review", "reviewed"},
    "publish": {"reviewed"},
    "unpublish": {"published"},
    "dismiss": {"new", "in_review", "reviewed"},
    "reopen": {"dismissed"},
}


def _do(step: str, claim: Claim, editor: User, chief: User) -> None:
    if step == "assign":
        workflow.claim_start_review(claim=claim, by=editor)
    elif step == "rule":
        workflow.claim_rule(claim=claim, verdict="false", rationale="No.", by=editor, wording="W.")
    elif step == "publish":
        workflow.claim_publish(claim=claim, by=chief)
    elif step == "unpublish":
        workflow.claim_unpublish(claim=claim, note="Wrong figure.", by=chief)
    elif step == "dismiss":
        workflow.claim_dismiss(claim=claim, reason="not_a_claim", by=editor)
    else:
        workflow.claim_reopen(claim=claim, by=editor)


@pytest.mark.parametrize("step", sorted(ALLOWED))
@pytest.mark.parametrize("status", ["new", "in_review", "reviewed", "published", "dismissed"])
def test_every_transition_outside_the_allowed_ones_is_refused_readably(
    editor: User, chief: User, step: str, status: str
) -> None:
    claim = _claim_in(status, editor, chief)
    if status in ALLOWED[step]:
        _do(step, claim, editor, chief)
        return
    with pytest.raises(TransitionError) as refused:
        _do(step, claim, editor, chief)
    assert f"claim {claim.pk}" in str(refused.value)
    claim.refresh_from_db()
    assert claim.status == status


def test_dismissing_needs_one_of_the_reasons(editor: User) -> None:
    claim = claim_build()
    with pytest.raises(TransitionError, match="not a claim, not check-worthy, duplicate"):
        workflow.claim_dismiss(claim=claim, reason="boring", by=editor)
    workflow.claim_dismiss(claim=claim, reason="not_checkworthy", by=editor)
    assert (claim.status, claim.dismissal_reason) == ("dismissed", "not_checkworthy")
    workflow.claim_reopen(claim=claim, by=editor)
    assert (claim.status, claim.dismissal_reason) == ("new", "")


def test_unpublishing_needs_a_note_and_records_a_correction(editor: User, chief: User) -> None:
    claim = _claim_in("published", editor, chief)
    with pytest.raises(TransitionError, match="needs a correction note"):
        workflow.claim_unpublish(claim=claim, note=" ", by=chief)
    with pytest.raises(TransitionError, match="edith may not unpublish"):
        workflow.claim_unpublish(claim=claim, note="Oops.", by=editor)
    workflow.claim_unpublish(claim=claim, note="The figure was for 2023.", by=chief)
    assert (claim.status, claim.published_at) == (Claim.Status.REVIEWED, None)
    assert claim.correction_note == "The figure was for 2023."
    correction = ClaimCorrection.objects.get(claim=claim)
    assert (correction.kind, correction.created_by) == ("unpublished", chief)


def test_a_published_verdict_changed_later_is_recorded_as_a_correction(
    editor: User, chief: User
) -> None:
    claim = _claim_in("published", editor, chief)
    with pytest.raises(TransitionError, match="unpublish it with a correction note first"):
        workflow.claim_rule(claim=claim, verdict="false", rationale="No.", by=editor, wording="W.")
    workflow.claim_unpublish(claim=claim, note="The 12% was nominal.", by=chief)
    workflow.claim_rule(
        claim=claim, verdict="misleading", rationale="Nominal.", by=editor, wording="W."
    )
    workflow.claim_publish(claim=claim, by=chief)
    kinds = list(claim.corrections.values_list("kind", "previous_verdict", "verdict"))
    assert kinds == [("unpublished", "true", "true"), ("verdict_changed", "true", "misleading")]
    assert claim.status == Claim.Status.PUBLISHED
    reasons = [h.history_change_reason for h in claim.history.order_by("history_id")]
    assert reasons[-3:] == ["unpublished: The 12% was nominal.", "ruled misleading", "published"]


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"wording": "   "}, "word the claim as it will be published"),
        ({"wording": "x" * 301}, "it must fit in 300 (about 75 reads best)"),
        ({"wording": "W.", "claimant": "Ann Lee"}, "say whether Ann Lee is a person or an"),
        ({"wording": "W.", "claimant": "Ann Lee", "claimant_kind": "robot"}, "say whether"),
    ],
)
def test_ruling_asks_for_the_claim_as_published(
    editor: User, fields: dict[str, str], refusal: str
) -> None:
    claim = with_evidence(claim_build())
    workflow.claim_start_review(claim=claim, by=editor)
    with pytest.raises(TransitionError, match=re.escape(refusal)):
        workflow.claim_rule(claim=claim, verdict="true", rationale="Yes.", by=editor, **fields)
    claim.refresh_from_db()
    assert (claim.status, claim.published_text) == (Claim.Status.IN_REVIEW, "")


def test_the_wording_and_claimant_are_stored_as_the_editor_gave_them(editor: User) -> None:
    claim = with_evidence(claim_build(speaker="AP"))
    workflow.claim_start_review(claim=claim, by=editor)
    workflow.claim_rule(
        claim=claim,
        verdict="true",
        rationale="Yes.",
        by=editor,
        wording="  Exports rose\x00 by 12%\nlast year ",
        claimant="AP",
        claimant_kind="organization",
        claimed_in="A wire report",
        claimed_on=dt.date(2026, 4, 30),
    )
    claim.refresh_from_db()
    assert claim.published_text == "Exports rose by 12% last year"
    assert (claim.claimant, claim.claimant_kind, claim.claimed_in) == (
        "AP",
        "organization",
        "A wire report",
    )
    assert claim.claimed_on == dt.date(2026, 4, 30)


def test_nobody_named_means_no_claimant_kind(editor: User) -> None:
    claim = with_evidence(claim_build())
    workflow.claim_start_review(claim=claim, by=editor)
    workflow.claim_rule(
        claim=claim, verdict="true", rationale="Y.", by=editor, wording="W.", claimant_kind="person"
    )
    claim.refresh_from_db()
    assert (claim.claimant, claim.claimant_kind) == ("", "")


def test_the_database_refuses_a_published_claim_without_wording() -> None:
    claim = claim_build(
        status=Claim.Status.PUBLISHED,
        verdict="true",
        published_at=timezone.now(),
        published_text="Worded.",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(published_text="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(claimant="Ann Lee", claimant_kind="")
