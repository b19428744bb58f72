"""Claim matching across articles: stored suggestions, automatic links, and the editor's say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from claims import services, workflow
from claims.models import Article, Claim, ClaimMatch
from claims.tasks import extract_article
from sources.models import Evidence
from tests.builders import article_extracted_build, source_build

pytestmark = pytest.mark.django_db

EARLIER = (
    "Officials met in the capital on Monday. Bilateral trade between the two countries was "
    "nearly $800 million last year, the ministry said."
)
REWORDED = (
    "A delegation arrived on Tuesday. Trade between the two countries reached about $0.8bn "
    "in 2020, according to the ministry."
)
TENFOLD = (
    "A delegation arrived on Tuesday. Trade between the two countries reached about $8 billion "
    "in 2020, according to the ministry."
)


def _trade_claim(article: Article) -> Claim:
    claim = (
        Claim.objects.filter(article=article, sentence__icontains="trade", kind="statistical")
        .order_by("pk")
        .first()
    )
    assert claim is not None, list(article.claims.values_list("text", "kind"))
    return claim


@pytest.fixture(autouse=True)
def _suggest_only(settings: Any) -> None:
    # Above any score: matches are suggested, and tests that want automatic links lower it.
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = 1.01


@pytest.fixture
def earlier() -> Claim:
    return _trade_claim(
        article_extracted_build(EARLIER, title="Minister visits", outlet="Daily Ledger")
    )


def _publish(claim: Claim, verdict: str = Claim.Verdict.MOSTLY_TRUE) -> Claim:
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED,
        verdict=verdict,
        rationale="Customs figures put it at $795 million.",
        published_at=timezone.make_aware(dt.datetime(2021, 3, 12, 10, 0)),
        published_text=claim.text,
    )
    claim.refresh_from_db()
    return claim


def test_a_reworded_claim_in_a_later_article_is_matched_to_the_earlier_one(
    earlier: Claim,
) -> None:
    later = article_extracted_build(REWORDED, title="Delegation arrives", outlet="Evening Post")
    outcome = services.article_claims_match(article_id=later.pk)
    match = ClaimMatch.objects.get(claim=_trade_claim(later))
    assert match.earlier_id == earlier.pk
    assert outcome.matches >= 1
    assert 0 < match.score <= 1
    assert match.state == ClaimMatch.State.SUGGESTED


def test_numbers_that_disagree_block_a_match(earlier: Claim) -> None:
    later = article_extracted_build(TENFOLD)
    services.article_claims_match(article_id=later.pk)
    assert not ClaimMatch.objects.filter(claim=_trade_claim(later), earlier=earlier).exists()


def test_claims_of_the_same_article_are_not_matches(earlier: Claim) -> None:
    services.article_claims_match(article_id=earlier.article_id)
    assert not ClaimMatch.objects.filter(claim__article=earlier.article).exists()


def test_a_match_points_to_the_earlier_article_whichever_was_extracted_first() -> None:
    first = services.article_ingest(raw_input=EARLIER, queue_extraction=False).article
    second = article_extracted_build(REWORDED)  # extracted and matched before the first
    services.article_claims_match(article_id=second.pk)
    assert not ClaimMatch.objects.exists()
    services.article_extract(article_id=first.pk)
    services.article_claims_match(article_id=first.pk)
    match = ClaimMatch.objects.get()
    assert match.claim == _trade_claim(second)
    assert match.earlier == _trade_claim(first)
    assert match.claim.pk < match.earlier.pk  # stored first, imported later


def test_a_match_above_the_auto_threshold_links_the_claim_as_a_duplicate(
    earlier: Claim, settings: Any
) -> None:
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    later.refresh_from_db()
    assert later.duplicate_of_id == earlier.pk
    assert later.duplicate_link == Claim.DuplicateLink.AUTO
    assert later.history.first().history_change_reason.startswith("marked automatically")


def test_below_the_auto_threshold_the_match_is_only_suggested(
    earlier: Claim, settings: Any
) -> None:
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    later.refresh_from_db()
    assert later.duplicate_of_id is None
    assert later.matches.count() == 1


def test_a_link_an_editor_undid_is_not_made_again(
    earlier: Claim, editor: User, settings: Any
) -> None:
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    later.refresh_from_db()
    workflow.claim_unmark_duplicate(claim=later, by=editor)
    services.article_claims_match(article_id=later.article_id)
    later.refresh_from_db()
    assert later.duplicate_of_id is None
    assert later.matches.get().state == ClaimMatch.State.REJECTED


def test_matching_again_updates_rather_than_duplicates_rows(earlier: Claim) -> None:
    later = article_extracted_build(REWORDED)
    services.article_claims_match(article_id=later.pk)
    services.article_claims_match(article_id=later.pk)
    assert ClaimMatch.objects.filter(claim__article=later).count() == 1


def test_a_duplicate_always_points_at_the_claim_that_was_checked(
    earlier: Claim, editor: User
) -> None:
    middle = _trade_claim(article_extracted_build(REWORDED))
    last = _trade_claim(article_extracted_build(REWORDED.replace("Tuesday", "Friday")))
    workflow.claim_mark_duplicate(claim=last, of=middle, by=editor)
    workflow.claim_mark_duplicate(claim=middle, of=earlier, by=editor)
    last.refresh_from_db()
    middle.refresh_from_db()
    assert middle.duplicate_of_id == earlier.pk
    assert last.duplicate_of_id == earlier.pk  # followed its target to the root
    with pytest.raises(workflow.TransitionError, match="duplicate of itself"):
        workflow.claim_mark_duplicate(claim=earlier, of=last, by=editor)


def test_marking_duplicates_is_refused_readably(earlier: Claim, editor: User) -> None:
    later = _trade_claim(article_extracted_build(REWORDED))
    reader = User.objects.create_user("reader", password="x")
    with pytest.raises(workflow.TransitionError, match="may not mark duplicates"):
        workflow.claim_mark_duplicate(claim=later, of=earlier, by=reader)
    _publish(later)
    with pytest.raises(workflow.TransitionError, match="unpublish it"):
        workflow.claim_mark_duplicate(claim=later, of=earlier, by=editor)
    with pytest.raises(workflow.TransitionError, match="not marked as a duplicate"):
        workflow.claim_unmark_duplicate(claim=earlier, by=editor)


def test_the_database_refuses_a_claim_that_repeats_itself(earlier: Claim) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=earlier.pk).update(duplicate_of=earlier, duplicate_link="editor")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=earlier.pk).update(duplicate_link="editor")


def test_extraction_queues_matching_for_the_article(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from claims import tasks

    sent: list[int] = []
    monkeypatch.setattr(tasks.match_article_claims, "delay", lambda pk: sent.append(pk))
    article = services.article_ingest(raw_input=EARLIER, queue_extraction=False).article
    Article.objects.filter(pk=article.pk).update(extraction_status=Article.ExtractionStatus.QUEUED)
    with django_capture_on_commit_callbacks(execute=True):
        extract_article.apply(args=[article.pk])
    assert sent == [article.pk]
    article.refresh_from_db()
    assert article.matching_status == Article.MatchingStatus.QUEUED
    assert article.matching_total == article.claims.count() > 0


def test_the_match_claims_command_matches_claims_stored_before_matching(
    earlier: Claim, capsys: pytest.CaptureFixture[str]
) -> None:
    later = article_extracted_build(REWORDED)
    call_command("match_claims", "--all")
    assert "match(es) stored" in capsys.readouterr().out
    assert ClaimMatch.objects.filter(claim__article=later, earlier=earlier).exists()
    call_command("match_claims", "--article", str(later.pk), "--json")
    assert '"matches": 1' in capsys.readouterr().out


# --- the desk ---


def _page(client: Client, claim: Claim) -> str:
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def test_the_claim_page_shows_the_earlier_check_and_marks_it_a_duplicate_in_one_click(
    earlier: Claim, editor: User
) -> None:
    _publish(earlier)
    Evidence.objects.create(
        claim=earlier, source=source_build(title="Customs yearbook"), passage="795 million"
    )
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    client = Client()
    client.force_login(editor)

    page = _page(client, later)
    assert "Checked before?" in page
    assert "checked on 12 March 2021: mostly true" in page
    match = later.matches.get()
    response = client.post(
        reverse("admin:claims_claim_mark_duplicate", args=[later.pk]), {"match": match.pk}
    )
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.duplicate_of_id == earlier.pk
    assert later.duplicate_link == Claim.DuplicateLink.EDITOR

    page = _page(client, later)
    assert f'Duplicate of <a href="/admin/claims/claim/{earlier.pk}/change/">' in page
    assert "Customs yearbook" in page  # the earlier claim's evidence, by reference
    assert not Evidence.objects.filter(claim=later).exists()  # ... not copied

    article_page = client.get(
        reverse("admin:claims_article_change", args=[later.article_id])
    ).content.decode()
    assert "checked on 12 March 2021: mostly true" in article_page


def test_an_editor_rules_out_a_match_and_it_stays_ruled_out(earlier: Claim, editor: User) -> None:
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    client = Client()
    client.force_login(editor)
    match = later.matches.get()
    client.post(reverse("admin:claims_claim_match_reject", args=[later.pk]), {"match": match.pk})
    match.refresh_from_db()
    assert match.state == ClaimMatch.State.REJECTED
    assert match.decided_by == editor
    services.article_claims_match(article_id=later.article_id)
    match.refresh_from_db()
    assert match.state == ClaimMatch.State.REJECTED


def test_match_buttons_refuse_get_foreign_matches_and_users_without_rights(
    earlier: Claim, editor: User
) -> None:
    later = _trade_claim(article_extracted_build(REWORDED))
    services.article_claims_match(article_id=later.article_id)
    url = reverse("admin:claims_claim_mark_duplicate", args=[later.pk])
    client = Client()
    client.force_login(editor)
    assert client.get(url).status_code == 405
    response = client.post(url, {"match": "999999"}, follow=True)
    assert "has no such match" in response.content.decode()
    response = client.post(url, {"match": "'; drop table"}, follow=True)
    assert "has no such match" in response.content.decode()
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)
    assert client.post(url, {"match": later.matches.get().pk}).status_code in {403, 302}
    later.refresh_from_db()
    assert later.duplicate_of_id is None


def test_the_desk_list_filters_duplicates_and_the_queue_leaves_them_out(
    earlier: Claim, editor: User
) -> None:
    later = _trade_claim(article_extracted_build(REWORDED))
    workflow.claim_mark_duplicate(claim=later, of=earlier, by=editor)
    Claim.objects.filter(pk=later.pk).update(checkworthy=True)
    client = Client()
    client.force_login(editor)
    listed = client.get(reverse("admin:claims_claim_changelist") + "?repeat=duplicate")
    assert [c.pk for c in listed.context["cl"].result_list] == [later.pk]
    queue = client.get(reverse("admin:claims_claim_queue")).content.decode()
    assert f"/admin/claims/claim/{later.pk}/change/" not in queue


def test_the_default_thresholds_are_the_ones_the_evaluation_calibrated() -> None:
    import os

    from claims import matching
    from factcheck import settings  # as loaded, before any test changed it

    if {"FACTCHECK_MATCH_SUGGEST_THRESHOLD", "FACTCHECK_MATCH_AUTO_THRESHOLD"} & set(os.environ):
        pytest.skip("the thresholds are set in this environment")
    assert settings.FACTCHECK_MATCH_SUGGEST_THRESHOLD == matching.DEFAULT_SUGGEST_THRESHOLD
    assert settings.FACTCHECK_MATCH_AUTO_THRESHOLD == matching.DEFAULT_AUTO_THRESHOLD
