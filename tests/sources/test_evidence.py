"""Filing evidence: a verifier's finding accepted by an editor goes through the evidence service."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from claims.workflow import TransitionError
from sources.models import Evidence
from sources.services import finding_accept
from tests.builders import claim_build, run_with_finding_build
from tests.claims.conftest import staff_in_role


@pytest.fixture
def editor(db: None) -> User:
    return staff_in_role("edith", "Editor")


def test_accepting_a_finding_files_it_as_the_editors_evidence(editor: User) -> None:
    claim = claim_build()
    run = run_with_finding_build(
        claim, passage="Exports rose 12%.", stance="supports", explanation="same figure"
    )
    evidence = finding_accept(claim=claim, run_id=run.pk, index=0, by=editor)
    assert (evidence.origin, evidence.stance, evidence.added_by) == ("editor", "supports", editor)
    assert evidence.snapshot_id == run.result["findings"][0]["snapshot"]
    again = finding_accept(claim=claim, run_id=run.pk, index=0, by=editor)
    assert again.pk == evidence.pk
    assert Evidence.objects.count() == 1
    with pytest.raises(TransitionError, match="no such finding"):
        finding_accept(claim=claim, run_id=run.pk, index=3, by=editor)


def test_only_a_user_who_may_edit_claims_accepts_a_finding(db: None) -> None:
    claim = claim_build()
    run = run_with_finding_build(claim, passage="Exports rose 12%.", stance="supports")
    reader = User.objects.create_user("rita", password="x", is_staff=True)
    with pytest.raises(TransitionError, match="may not add evidence"):
        finding_accept(claim=claim, run_id=run.pk, index=0, by=reader)
    assert not Evidence.objects.exists()
