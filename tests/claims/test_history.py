"""Every change to claims, verdicts and evidence is kept with who made it and when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from sources.models import Evidence
from tests.builders import claim_build, source_build

pytestmark = pytest.mark.django_db


def test_it_records_who_changed_a_verdict(django_user_model: type[User]) -> None:
    editor = django_user_model.objects.create_user(username="editor")
    claim = claim_build()
    claim.verdict = "mostly_true"
    claim._history_user = editor  # type: ignore[attr-defined]
    claim.save()
    latest, first = claim.history.all()[:2]
    assert (first.verdict, latest.verdict) == ("", "mostly_true")
    assert latest.history_user == editor
    assert latest.history_type == "~"


def test_it_keeps_deleted_evidence_in_history() -> None:
    evidence = Evidence.objects.create(claim=claim_build(), source=source_build(), passage="p")
    pk = evidence.pk
    evidence.delete()
    assert [h.history_type for h in Evidence.history.filter(id=pk)] == ["-", "+"]
