"""On the desk, a published fact-check is read only: its claim page offers a correction (one
editor proposes, a second publishes), and its article, sources and evidence refuse direct edits
and deletion, in the forms and in the bulk actions alike."""

from __future__ import annotations

import html as html_text
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from claims import workflow
from claims.models import Article, Claim, ClaimCorrection
from sources.models import Evidence
from tests.builders import claim_build
from tests.claims.conftest import ruled_claim

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _published(editor: User, chief: User) -> Claim:
    claim = ruled_claim(editor, speaker="The ministry")
    workflow.claim_publish(claim=claim, by=chief)
    claim.refresh_from_db()
    return claim


def _inline_management() -> dict[str, str]:
    return {
        f"{prefix}-{key}": value
        for prefix in ("source_links", "evidence", "verification_runs")
        for key, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))
    }


def _correction(client: Client, claim: Claim, action: str, **data: Any) -> Any:
    url = reverse("admin:claims_claim_correction", args=[claim.pk, action])
    return client.post(url, data, follow=True)


def _proposal(claim: Claim, **changes: str) -> dict[str, str]:
    return {
        "verdict": claim.verdict,
        "rationale": claim.rationale,
        "wording": claim.published_text,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimed_in": claim.claimed_in,
        "claimed_on": claim.claimed_on.isoformat() if claim.claimed_on else "",
        **changes,
    }


def test_the_claim_page_of_a_published_claim_offers_a_correction_not_an_edit(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    page = _client(editor).get(reverse("admin:claims_claim_change", args=[claim.pk]))
    html = page.content.decode()
    assert 'id="correction-form"' in html
    assert 'name="text"' not in html  # the extracted text is shown, not editable
    assert 'name="add_source_url"' not in html
    assert 'name="evidence-0-passage"' not in html
    assert "evidence-__prefix__" not in html  # no empty row to add evidence with
    # A change posted anyway (an old form, a script) changes nothing and says why.
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {"text": "Exports rose 20%", "kind": claim.kind, "speaker": "", **_inline_management()}
    response = _client(editor).post(url, data, follow=True)
    assert _messages(response) == [
        f"Not saved: Claim {claim.pk} is published, so its text, speaker change only through a"
        " correction: unpublish the claim with a correction note, change it, and publish it again."
    ]
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text, stored.speaker) == (claim.text, claim.speaker)


@pytest.mark.parametrize(
    ("posted", "refusal"),
    [
        ({"kind": "causal"}, "so its kind changes only through a correction"),
        ({"add_source_url": "https://stats.example.org/new"}, "so its sources change only"),
        ({}, None),  # the page's own Save, with nothing changed, is no edit to refuse
    ],
)
def test_a_direct_edit_of_a_published_claim_is_refused_not_reported_saved(
    editor: User, chief: User, posted: dict[str, str], refusal: str | None
) -> None:
    claim = _published(editor, chief)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = {"text": claim.text, "kind": claim.kind, "speaker": claim.speaker, **posted}
    response = _client(editor).post(url, {**data, **_inline_management()}, follow=True)
    said = _messages(response)
    if refusal is None:
        assert len(said) == 1
        assert "was changed successfully" in said[0]
    else:
        assert len(said) == 1  # the refusal alone, no "changed successfully" beside it
        assert said[0].startswith(f"Not saved: Claim {claim.pk} is published")
        assert refusal in said[0]
        assert response.redirect_chain == [(url, 302)]
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text, stored.kind, stored.speaker) == (claim.text, claim.kind, claim.speaker)
    assert not claim.source_links.exists()


def test_a_form_opened_before_publication_cannot_change_the_published_text(
    editor: User, chief: User
) -> None:
    claim = ruled_claim(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = _client(editor).get(url).content.decode()
    assert 'name="text"' in page  # editable while the claim is only reviewed
    workflow.claim_publish(claim=claim, by=chief)
    data = {"text": "Exports fell", "kind": claim.kind, "speaker": "", **_inline_management()}
    response = _client(editor).post(url, data, follow=True)
    assert "so its text changes only through a correction" in _messages(response)[0]
    assert Claim.objects.get(pk=claim.pk).text == claim.text


def test_an_editor_proposes_a_correction_and_a_chief_editor_publishes_it(
    editor: User, chief: User, other_chief: User, client: Client
) -> None:
    claim = _published(editor, chief)
    editor_client = _client(editor)
    response = _correction(
        editor_client,
        claim,
        "propose",
        **_proposal(claim, verdict="mostly_true", wording="Exports rose by about 12% last year."),
        note="The ministry's figure was rounded.",
    )
    assert _messages(response) == ["Correction proposed: a second editor publishes it."]
    page = response.content.decode()
    assert "A correction by edith waits to be published" in page
    assert "Publish correction" not in page  # editors may not publish
    # Readers see nothing of it yet.
    public = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "about 12%" not in public
    assert 'id="corrections"' not in public

    waiting = ClaimCorrection.objects.get(claim=claim, state="proposed")
    chief_page = _client(other_chief).get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "Publish correction" in chief_page.content.decode()
    response = _correction(_client(other_chief), claim, "publish", correction=str(waiting.pk))
    assert _messages(response) == ["Correction published: readers see it now."]
    claim.refresh_from_db()
    assert (claim.verdict, claim.published_text) == (
        "mostly_true",
        "Exports rose by about 12% last year.",
    )
    public = html_text.unescape(
        re.sub(r"<[^>]+>", "", client.get(f"/claims/{claim.pk}/").content.decode())
    )
    assert "The verdict was True; it is now Mostly true." in public
    assert "The ministry's figure was rounded." in public


def test_the_proposer_sees_why_they_cannot_publish_their_own_correction(
    chief: User, other_chief: User, editor: User
) -> None:
    claim = _published(editor, chief)
    chief_client = _client(other_chief)
    _correction(chief_client, claim, "propose", **_proposal(claim, wording="New."), note="Why.")
    page = chief_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "You proposed this correction: a second editor must publish it." in (
        page.content.decode()
    )
    waiting = ClaimCorrection.objects.get(claim=claim, state="proposed")
    response = _correction(chief_client, claim, "publish", correction=str(waiting.pk))
    assert "a second person must publish it" in _messages(response)[0]
    assert ClaimCorrection.objects.get(pk=waiting.pk).state == "proposed"


def test_a_refused_correction_opens_again_with_what_the_editor_typed(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    response = _correction(
        _client(editor), claim, "propose", **_proposal(claim, wording="Typed words."), note=""
    )
    assert _messages(response) == ["Say what changed and why: readers see the correction's note."]
    html = response.content.decode()
    assert 'id="correction-details" open' in html
    assert 'value="Typed words."' in html
    assert not ClaimCorrection.objects.filter(claim=claim, state="proposed").exists()


@pytest.mark.parametrize(
    ("action", "value"), [("publish", "x"), ("withdraw", "999999"), ("nonsense", "1")]
)
def test_correction_steps_on_nothing_are_refused_readably(
    editor: User, chief: User, action: str, value: str
) -> None:
    claim = _published(editor, chief)
    response = _correction(_client(chief), claim, action, correction=value)
    if action == "nonsense":
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert _messages(response) == [f"Claim {claim.pk} has no such correction."]


def test_the_article_of_a_published_claim_shows_its_title_and_outlet_read_only(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    url = reverse("admin:claims_article_change", args=[claim.article_id])
    html = _client(editor).get(url).content.decode()
    assert 'name="title"' not in html
    assert 'name="outlet"' not in html
    free = claim_build()
    html = _client(editor).get(reverse("admin:claims_article_change", args=[free.article_id]))
    assert 'name="title"' in html.content.decode()


def test_deleting_an_article_with_a_published_claim_is_refused(editor: User, chief: User) -> None:
    claim = _published(editor, chief)
    superuser = User.objects.create_superuser("ada", "ada@example.org", "pw")
    client = _client(superuser)
    url = reverse("admin:claims_article_delete", args=[claim.article_id])
    page = client.get(url).content.decode()
    assert "protected" in page
    assert f"/admin/claims/claim/{claim.pk}/change/" in page
    client.post(url, {"post": "yes"})
    assert Article.objects.filter(pk=claim.article_id).exists()
    # ... and so is deleting it among selected claims.
    other = claim_build()
    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "delete_selected", "_selected_action": [claim.pk, other.pk], "post": "yes"},
    )
    assert Claim.objects.filter(pk__in=[claim.pk, other.pk]).count() == 2


def test_a_cited_source_and_the_evidence_of_a_published_claim_are_read_only(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    evidence = Evidence.objects.get(claim=claim)
    source_page = _client(editor).get(
        reverse("admin:sources_source_change", args=[evidence.source_id])
    )
    html = source_page.content.decode()
    assert 'name="title"' not in html
    assert 'name="reliability_note"' in html
    evidence_page = _client(editor).get(
        reverse("admin:sources_evidence_change", args=[evidence.pk])
    )
    assert 'name="passage"' not in evidence_page.content.decode()


def test_evidence_added_to_a_published_claim_in_the_evidence_admin_is_refused_alone(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    superuser = User.objects.create_superuser("ada", "ada@example.org", "pw")
    source = Evidence.objects.get(claim=claim).source
    response = _client(superuser).post(
        reverse("admin:sources_evidence_add"),
        {"claim": claim.pk, "source": source.pk, "passage": "New.", "stance": "supports"},
        follow=True,
    )
    assert response.status_code == 200
    said = _messages(response)
    assert len(said) == 1, said  # no "was added successfully" beside the refusal
    assert said[0].startswith(f"Not saved: Claim {claim.pk} is published")
    assert "its evidence changes only through a correction" in said[0]
    assert Evidence.objects.filter(claim=claim).count() == 1
