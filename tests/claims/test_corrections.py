"""A published claim changes only through a correction: proposed by one editor, published by
a second, kept in the history, and shown to readers only once published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User

from claims import workflow
from claims.corrections import (
    claim_correction_propose,
    claim_correction_publish,
    claim_correction_withdraw,
    correction_waiting,
)
from claims.models import Claim, ClaimCorrection
from claims.workflow import TransitionError
from tests.claims.conftest import ruled_claim

pytestmark = pytest.mark.django_db


def _published(editor: User, chief: User) -> Claim:
    claim = ruled_claim(editor)
    workflow.claim_publish(claim=claim, by=chief)
    return claim


def _values(claim: Claim, **changes: Any) -> dict[str, Any]:
    return {
        "wording": claim.published_text,
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimed_in": claim.claimed_in,
        "claimed_on": claim.claimed_on,
        **changes,
    }


def test_a_correction_changes_nothing_until_a_second_editor_publishes_it(
    editor: User, chief: User, other_chief: User
) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim,
        by=editor,
        note="The ministry revised its figure to 9%.",
        **_values(claim, verdict="mostly_true", wording="Exports rose by 9% last year."),
    )
    claim.refresh_from_db()
    assert (claim.verdict, claim.published_text) == ("true", "Exports rose by 12% last year.")
    assert correction.state == ClaimCorrection.State.PROPOSED
    assert correction_waiting(claim) == correction

    claim = claim_correction_publish(correction=correction, by=other_chief)
    assert (claim.status, claim.verdict, claim.published_verdict) == (
        "published",
        "mostly_true",
        "mostly_true",
    )
    assert claim.published_text == "Exports rose by 9% last year."
    correction.refresh_from_db()
    assert (correction.state, correction.kind) == ("published", "verdict_changed")
    assert (correction.created_by, correction.published_by) == (editor, other_chief)
    assert correction.published_at is not None
    assert [change["field"] for change in correction.changes] == ["published_text", "verdict"]
    assert correction.summary() == (
        "the claim as worded was “Exports rose by 12% last year.”; it is now “Exports rose by 9%"
        " last year.”. The verdict was True; it is now Mostly true."
    )
    latest = claim.history.first()
    assert latest.history_user == other_chief
    assert latest.history_change_reason == "corrected: The ministry revised its figure to 9%."


def test_the_editor_who_proposed_a_correction_may_not_publish_it(
    editor: User, chief: User, settings: Any
) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim, by=chief, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    with pytest.raises(TransitionError, match="a second person must publish it"):
        claim_correction_publish(correction=correction, by=chief)
    settings.FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON = False
    claim = claim_correction_publish(correction=correction, by=chief)
    assert claim.published_text == "Exports rose 12%."


def test_editors_propose_but_only_chief_editors_publish_corrections(
    editor: User, other_editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim, by=editor, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    with pytest.raises(TransitionError, match="may not publish corrections"):
        claim_correction_publish(correction=correction, by=other_editor)


@pytest.mark.parametrize(
    ("changes", "note", "message"),
    [
        ({}, "Nothing.", "changes nothing readers see"),
        ({"wording": "Exports rose 12%."}, "   ", "say what changed and why"),
        ({"verdict": "very_true"}, "Why.", "is not a verdict"),
        ({"rationale": " "}, "Why.", "needs a rationale"),
        ({"wording": ""}, "Why.", "word the claim"),
        ({"claimant": "Jane Doe", "claimant_kind": ""}, "Why.", "person or an organization"),
    ],
)
def test_a_correction_that_says_nothing_or_changes_nothing_is_refused(
    editor: User, chief: User, changes: dict[str, Any], note: str, message: str
) -> None:
    claim = _published(editor, chief)
    with pytest.raises(TransitionError, match=message):
        claim_correction_propose(claim=claim, by=editor, note=note, **_values(claim, **changes))
    assert not ClaimCorrection.objects.filter(claim=claim).exclude(kind="verdict_changed")


def test_only_a_published_claim_is_corrected(editor: User) -> None:
    claim = ruled_claim(editor)
    with pytest.raises(TransitionError, match="is not published"):
        claim_correction_propose(
            claim=claim, by=editor, note="Why.", **_values(claim, wording="Other words.")
        )


def test_one_correction_waits_at_a_time_and_its_author_may_rewrite_it(
    editor: User, other_editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    first = claim_correction_propose(
        claim=claim, by=editor, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    with pytest.raises(TransitionError, match="by edith waits to be published"):
        claim_correction_propose(
            claim=claim, by=other_editor, note="Mine.", **_values(claim, wording="Another.")
        )
    again = claim_correction_propose(
        claim=claim, by=editor, note="Typo, again.", **_values(claim, wording="Exports: +12%.")
    )
    assert again.pk == first.pk
    assert again.proposed["published_text"] == "Exports: +12%."
    assert ClaimCorrection.objects.filter(claim=claim, state="proposed").count() == 1


def test_a_withdrawn_correction_leaves_no_trace_for_readers_but_a_published_one_stays(
    editor: User, chief: User, other_chief: User
) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim, by=editor, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    claim_correction_withdraw(correction=correction, by=editor)
    assert correction_waiting(claim) is None
    with pytest.raises(TransitionError, match="was published or withdrawn meanwhile"):
        claim_correction_publish(correction=correction, by=other_chief)
    kept = claim_correction_propose(
        claim=claim, by=editor, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    claim_correction_publish(correction=kept, by=other_chief)
    with pytest.raises(TransitionError, match="a published correction stays on the record"):
        claim_correction_withdraw(correction=kept, by=editor)


def test_unpublishing_overtakes_a_waiting_correction(editor: User, chief: User) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim, by=editor, note="Typo.", **_values(claim, wording="Exports rose 12%.")
    )
    workflow.claim_unpublish(claim=claim, note="Withdrawn to check the source.", by=chief)
    assert not ClaimCorrection.objects.filter(pk=correction.pk).exists()
    withdrawn = ClaimCorrection.objects.get(claim=claim)
    assert (withdrawn.kind, withdrawn.state) == ("unpublished", "published")
    assert withdrawn.summary() == "the fact-check was withdrawn for correction."


def test_the_claimant_and_date_are_corrected_too(
    editor: User, chief: User, other_chief: User
) -> None:
    claim = _published(editor, chief)
    correction = claim_correction_propose(
        claim=claim,
        by=editor,
        note="The minister said it, not the ministry.",
        **_values(
            claim,
            claimant="Jane Doe",
            claimant_kind="person",
            claimed_on=dt.date(2026, 4, 30),
        ),
    )
    claim = claim_correction_publish(correction=correction, by=other_chief)
    assert (claim.claimant, claim.claimant_kind, claim.claimed_on) == (
        "Jane Doe",
        "person",
        dt.date(2026, 4, 30),
    )
    correction.refresh_from_db()
    assert correction.kind == "corrected"
    assert correction.summary() == (
        "the claimant is now given as “Jane Doe” (a person). The date the claim was made is now"
        " given as “2026-04-30”."
    )
