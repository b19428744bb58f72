"""Published means locked: what readers see of a fact-check (the claim, its evidence and sources,
the article and the sources' descriptions) is refused to direct edits in every service."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from claims import services as claim_services
from claims import workflow
from claims.locks import PublishedLockError
from claims.models import Claim
from sources import services
from sources.models import ClaimSource, Evidence, RunStatus, Source, VerificationRun
from tests.builders import article_build, claim_build, source_build
from tests.claims.conftest import chief, editor, ruled_claim

__all__ = ["chief", "editor"]  # fixtures

pytestmark = pytest.mark.django_db

SENTENCE = "Bilateral trade between Pakistan and Russia was nearly $800 million in 2020."


def _published(editor: User, chief: User, **fields: object) -> Claim:
    claim = ruled_claim(editor, **fields)
    workflow.claim_publish(claim=claim, by=chief)
    return claim


def test_a_published_claims_extracted_text_and_speaker_are_refused(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    claim.text = "Exports rose by 20%"
    with pytest.raises(PublishedLockError, match="its text changes only through a correction"):
        claim_services.claim_edit(claim=claim, by=editor)
    claim.refresh_from_db()
    assert claim.text != "Exports rose by 20%"
    claim.speaker = "Someone"
    claim.verdict = "false"
    with pytest.raises(PublishedLockError, match="unpublish the claim with a correction note"):
        claim_services.claim_edit(claim=claim, by=editor)


def test_an_unpublished_claim_is_edited_as_before(editor: User) -> None:
    claim = ruled_claim(editor)
    claim.speaker = "The minister"
    claim_services.claim_edit(claim=claim, by=editor)
    claim.refresh_from_db()
    assert claim.speaker == "The minister"
    assert claim.history.first().history_user == editor


def test_the_article_of_a_published_claim_keeps_its_title_and_outlet(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    article = claim.article
    article.title, article.outlet = "A new headline", "Other Outlet"
    with pytest.raises(PublishedLockError, match=rf"claims {claim.pk}\), so its title, outlet"):
        claim_services.article_update(article=article, by=editor)
    article.refresh_from_db()
    assert article.title != "A new headline"


def test_an_article_seen_through_a_marked_repeat_of_a_published_claim_is_locked_too(
    editor: User, chief: User
) -> None:
    published = _published(editor, chief)
    repeat = claim_build(article_build(title="Elsewhere"))
    workflow.claim_mark_duplicate(claim=repeat, of=published, by=editor)
    article = repeat.article
    article.outlet = "Renamed"
    with pytest.raises(PublishedLockError, match="carries published fact-checks"):
        claim_services.article_update(article=article, by=editor)
    unrelated = article_build(title="Nothing published")
    unrelated.outlet = "Renamed"
    claim_services.article_update(article=unrelated, by=editor)
    unrelated.refresh_from_db()
    assert unrelated.outlet == "Renamed"


def test_evidence_of_a_published_claim_is_neither_added_changed_nor_removed(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    evidence = Evidence.objects.get(claim=claim)
    with pytest.raises(PublishedLockError, match="its evidence changes only through"):
        services.evidence_add(claim=claim, source=source_build(), passage="New.", added_by=editor)
    evidence.passage = "Rewritten."
    with pytest.raises(PublishedLockError):
        services.evidence_update(evidence=evidence, by=editor)
    with pytest.raises(PublishedLockError):
        services.evidence_remove(evidence=evidence, by=editor)
    assert list(Evidence.objects.filter(claim=claim).values_list("passage", flat=True)) == [
        "Exports rose 12%."
    ]


def test_sources_of_a_published_claim_are_neither_linked_nor_unlinked(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    link = ClaimSource.objects.create(claim=claim, source=source_build())
    with pytest.raises(PublishedLockError, match="its sources change only through"):
        services.claim_source_link(claim=claim, url="http://127.0.0.1:9/new", added_by=editor)
    with pytest.raises(PublishedLockError):
        services.claim_source_unlink(link=link, by=editor)
    assert ClaimSource.objects.filter(claim=claim).count() == 1
    assert not Source.objects.filter(url__contains="/new").exists()


def test_a_cited_sources_title_is_locked_but_its_private_note_is_not(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief)
    source = Evidence.objects.get(claim=claim).source
    source.title = "A nicer title"
    with pytest.raises(PublishedLockError, match=rf"claims {claim.pk}\), so its title"):
        services.source_update(source=source, by=editor)
    source.refresh_from_db()
    source.reliability_note = "Checked against the printed report."
    services.source_update(source=source, by=editor)
    source.refresh_from_db()
    assert source.reliability_note == "Checked against the printed report."
    uncited = source_build()
    uncited.title = "Free to change"
    services.source_update(source=uncited, by=editor)


def test_a_recheck_of_a_published_claim_files_no_automatic_evidence(
    editor: User, chief: User
) -> None:
    claim = _published(editor, chief, text=SENTENCE, sentence=SENTENCE, kind="statistical")
    ClaimSource.objects.create(claim=claim, source=(source := source_build()))
    services.source_upload(
        source=source, text="Bilateral trade between Pakistan and Russia was $790 million in 2020."
    )
    run = VerificationRun.objects.get(claim=claim, status=RunStatus.QUEUED)
    assert services.verification_run_claim(run_id=run.pk)
    run = services.claim_verify(run_id=run.pk)
    assert run.status == RunStatus.SUCCEEDED
    assert run.result["findings"]  # the editors see what it found ...
    # ... but readers' evidence stays as published.
    assert not Evidence.objects.filter(claim=claim, origin=Evidence.Origin.AUTOMATIC).exists()
