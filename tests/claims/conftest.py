"""Desk fixtures: staff users in the Editor and Chief editor roles the migration creates."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from claims.models import Claim
from sources.models import Evidence
from tests.builders import claim_build, source_build


def staff_in_role(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return User.objects.get(pk=user.pk)  # a fresh object: no stale permission cache


@pytest.fixture
def editor(db: None) -> User:
    return staff_in_role("edith", "Editor")


@pytest.fixture
def other_editor(db: None) -> User:
    return staff_in_role("otto", "Editor")


@pytest.fixture
def chief(db: None) -> User:
    return staff_in_role("charlotte", "Chief editor")


@pytest.fixture
def other_chief(db: None) -> User:
    return staff_in_role("chen", "Chief editor")


def with_evidence(claim: Claim) -> Claim:
    Evidence.objects.create(claim=claim, source=source_build(), passage="Exports rose 12%.")
    return claim


def ruled_claim(by: User, **fields: Any) -> Claim:
    """A claim in review, with evidence, ruled by `by`."""
    from claims import workflow

    claim = with_evidence(claim_build(**fields))
    workflow.claim_start_review(claim=claim, by=by)
    workflow.claim_rule(
        claim=claim,
        verdict="true",
        rationale="The ministry says so.",
        by=by,
        wording="Exports rose by 12% last year.",
    )
    return claim
