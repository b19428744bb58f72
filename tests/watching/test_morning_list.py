"""The morning list: claims from watched feeds, ranked, repeats apart, filtered and bounded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimMatch, RepeatAlert
from tests.builders import article_build, claim_build
from tests.watching.morning import fact_check_build, feed_article_extracted, feed_claim
from watching import services
from watching.digest import morning_list

pytestmark = pytest.mark.django_db

TRADE = (
    "Officials met in the capital on Monday. Bilateral trade between the two countries was "
    "nearly $800 million last year, the ministry said. Unemployment fell to 4.2% in March."
)


def _ids(items: list[Any]) -> list[int]:
    return [item.claim.pk for item in items]


def test_it_lists_the_claims_of_articles_from_watched_feeds_only() -> None:
    article = feed_article_extracted(TRADE, title="Minister visits")
    extracted = list(Claim.objects.filter(article=article))
    assert extracted, "the extractor found the article's claims"
    pasted = claim_build(article_build(outlet="Daily Ledger"))  # pasted by an editor

    listing = morning_list()

    assert set(_ids(listing.new)) == {c.pk for c in extracted}
    assert pasted.pk not in _ids(listing.items)
    assert {item.outlet for item in listing.items} == {"Daily Ledger"}
    assert listing.repeats == []
    assert not listing.truncated


def test_it_ranks_check_worthy_first_then_by_check_worthiness() -> None:
    low_worthy = feed_claim(checkworthy=True, checkworthiness=0.55)
    high_unworthy = feed_claim(checkworthy=False, checkworthiness=0.9)
    high_worthy = feed_claim(checkworthy=True, checkworthiness=0.95)
    low_unworthy = feed_claim(checkworthy=False, checkworthiness=0.1)

    assert _ids(morning_list().new) == [
        high_worthy.pk,
        low_worthy.pk,
        high_unworthy.pk,
        low_unworthy.pk,
    ]


def test_it_leaves_out_old_published_and_dismissed_claims() -> None:
    fresh = feed_claim()
    old = feed_claim()
    Claim.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    feed_claim(status=Claim.Status.DISMISSED, dismissal_reason="not_a_claim")
    feed_claim(status=Claim.Status.PUBLISHED, verdict="false", published_at=timezone.now())

    assert _ids(morning_list().items) == [fresh.pk]
    since = timezone.now() - dt.timedelta(days=2)
    assert set(_ids(morning_list(since=since).items)) == {fresh.pk, old.pk}


def test_repeats_of_checked_work_come_in_their_own_group_with_the_fact_check() -> None:
    checked = fact_check_build(text="exports rose by 12%", verdict="false")
    other_check = fact_check_build(text="imports fell", verdict="true", published_verdict="true")
    unpublished = claim_build(text="something else")
    new_work = feed_claim(checkworthy=True, checkworthiness=0.2)
    alerted = feed_claim(checkworthy=True, checkworthiness=0.99)
    RepeatAlert.objects.create(fact_check=checked, claim=alerted, score=0.9)
    matched = feed_claim(checkworthiness=0.7)
    ClaimMatch.objects.create(claim=matched, earlier=other_check, score=0.6)
    rejected = feed_claim(checkworthiness=0.6)
    ClaimMatch.objects.create(claim=rejected, earlier=checked, score=0.6, state="rejected")
    matched_unpublished = feed_claim(checkworthiness=0.5)
    ClaimMatch.objects.create(claim=matched_unpublished, earlier=unpublished, score=0.9)
    duplicate = feed_claim(checkworthiness=0.4, duplicate_of=unpublished, duplicate_link="editor")

    listing = morning_list()

    assert _ids(listing.new) == [new_work.pk, rejected.pk, matched_unpublished.pk]
    assert _ids(listing.repeats) == [alerted.pk, matched.pk, duplicate.pk]
    shown = {item.claim.pk: (item.fact_check, item.fact_check_verdict) for item in listing.repeats}
    assert shown[alerted.pk] == (checked, "False")
    assert shown[matched.pk] == (other_check, "True")
    assert shown[duplicate.pk] == (unpublished, "")
    assert all(item.is_repeat for item in listing.repeats)
    assert not any(item.is_repeat for item in listing.new)


def test_it_filters_by_outlet_kind_and_topic_and_marks_each_claims_topics() -> None:
    trade = services.topic_save(name="Trade", terms="exports\ntariff")
    jobs = services.topic_save(name="Jobs", terms="unemployment")
    ledger = feed_claim("Daily Ledger", text="exports rose by 12%", kind=Claim.Kind.COMPARISON)
    post = feed_claim(
        "Evening Post",
        text="unemployment fell to 4%",
        sentence="Unemployment fell to 4% as exports grew.",
        kind=Claim.Kind.STATISTICAL,
    )
    plural = feed_claim("Evening Post", text="tariffs went up", sentence="Tariffs went up.")

    assert set(_ids(morning_list(outlet="evening post").items)) == {post.pk, plural.pk}
    assert _ids(morning_list(outlet="Nobody").items) == []
    assert _ids(morning_list(kind=Claim.Kind.STATISTICAL).items) == [post.pk]
    assert set(_ids(morning_list(topics=[trade]).items)) == {ledger.pk, post.pk}
    assert _ids(morning_list(topics=[jobs]).items) == [post.pk]
    assert _ids(morning_list(topics=[jobs], outlet="Daily Ledger").items) == []
    topics = {item.claim.pk: item.topics for item in morning_list().items}
    assert topics == {ledger.pk: ["Trade"], post.pk: ["Jobs", "Trade"], plural.pk: []}


def test_it_is_bounded_and_says_so() -> None:
    claims = [feed_claim(checkworthiness=i / 10) for i in range(6)]

    listing = morning_list(limit=4)

    assert len(listing) == 4
    assert listing.truncated
    assert _ids(listing.new) == [c.pk for c in reversed(claims)][:4]
    assert not morning_list(limit=6).truncated
    topic = services.topic_save(name="Trade", terms="exports")
    about_it = morning_list(topics=[topic], limit=2)
    assert _ids(about_it.items) == [claims[5].pk, claims[4].pk]
    assert about_it.truncated


def test_an_article_listed_by_two_feeds_gives_its_claims_once() -> None:
    from tests.watching.morning import brought_by

    claim = feed_claim("Daily Ledger")
    brought_by(claim.article, "Evening Post")

    listing = morning_list()
    assert _ids(listing.items) == [claim.pk]
    assert listing.items[0].outlet == "Daily Ledger"  # the feed that listed it first


def test_it_reads_no_article_body_and_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    services.topic_save(name="Trade", terms="exports")
    checked = fact_check_build()
    for i in range(8):
        claim = feed_claim(f"Outlet {i % 3}", checkworthiness=i / 10)
        if i % 2:
            RepeatAlert.objects.create(fact_check=checked, claim=claim, score=0.8)

    with django_assert_max_num_queries(4):
        listing = morning_list()
        for item in listing.items:
            assert {"raw_input", "clean_text"} <= item.claim.article.get_deferred_fields()
            str(item.outlet), str(item.claim.article.title), item.fact_check_verdict
    assert len(listing.new) == 4
    assert len(listing.repeats) == 4
