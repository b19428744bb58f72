"""Every model can be browsed in the admin by staff, and by nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from sources.models import Evidence, VerificationRun
from tests.builders import claim_build, source_build

pytestmark = pytest.mark.django_db

MODELS = [
    "claims_article",
    "claims_claim",
    "sources_source",
    "sources_evidence",
    "sources_verificationrun",
    "sources_sourcesnapshot",
]


@pytest.fixture
def populated() -> None:
    claim = claim_build(text="<script>alert(1)</script> 13-member delegation")
    source = source_build()
    Evidence.objects.create(claim=claim, source=source, passage="A passage.")
    VerificationRun.objects.create(claim=claim, verifier="quantities")


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_can_list_and_open_every_model(
    admin_client: Client, populated: None, model: str
) -> None:
    listing = admin_client.get(reverse(f"admin:{model}_changelist"))
    assert listing.status_code == 200
    assert b"<script>alert(1)</script>" not in listing.content
    add = admin_client.get(reverse(f"admin:{model}_add"))
    assert add.status_code in {200, 403}  # runs and snapshots are written by tasks only


def test_the_claim_history_page_lists_changes(admin_client: Client, admin_user: User) -> None:
    claim = claim_build()
    claim.verdict = "false"
    claim.rationale = "The ministry's figure is $79 million."
    claim._history_user = admin_user  # type: ignore[attr-defined]
    claim.save()
    page = admin_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert page.status_code == 200
    assert admin_user.username.encode() in page.content


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_and_non_staff_users_are_sent_to_the_login_page(
    client: Client, django_user_model: type[User], model: str
) -> None:
    url = reverse(f"admin:{model}_changelist")
    assert client.get(url).status_code == 302
    django_user_model.objects.create_user(username="reader", password="x-very-long-pass")
    client.login(username="reader", password="x-very-long-pass")
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
