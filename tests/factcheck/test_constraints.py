"""The database itself refuses rows that break the data model's invariants."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from claims.models import Article, Claim
from sources.models import Evidence, VerificationRun
from tests.builders import article_build, claim_build, source_build

pytestmark = pytest.mark.django_db


def _refused(create: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()  # type: ignore[operator]


def test_it_refuses_the_same_article_text_twice() -> None:
    first = article_build(clean_text="Trade reached $800 million.")
    _refused(
        lambda: Article.objects.create(
            raw_input="x", clean_text="x", content_hash=first.content_hash
        )
    )


def test_it_refuses_two_articles_with_one_url_but_allows_many_without() -> None:
    article_build(url="https://news.example.com/a")
    _refused(lambda: article_build(url="https://news.example.com/a"))
    article_build(url="")
    article_build(url="")
    assert Article.objects.filter(url="").count() == 2


@pytest.mark.parametrize(("start", "end"), [(10, 10), (10, 3)])
def test_it_refuses_an_empty_or_reversed_claim_span(start: int, end: int) -> None:
    article = article_build()
    _refused(lambda: claim_build(article, start=start, end=end))


def test_it_refuses_a_negative_claim_offset() -> None:
    article = article_build()
    # Below the ORM's validation: a raw write must be refused too.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO claims_claim (article_id, start, "end", sentence, text, kind,'
            " normalized, speaker, checkworthiness, checkworthy, status, verdict, rationale,"
            " fingerprint, created_at, updated_at) VALUES (%s, -1, 5, 's', 't', 'factual',"
            " '{}', '', 0.5, false, 'new', '', '', '', %s, %s)",
            [article.pk, timezone.now(), timezone.now()],
        )


def test_it_refuses_the_same_claim_span_and_kind_twice_in_one_article() -> None:
    claim = claim_build()
    _refused(lambda: claim_build(claim.article, start=claim.start, end=claim.end, kind=claim.kind))


def test_it_refuses_unknown_choices_and_out_of_range_scores() -> None:
    article = article_build()
    _refused(lambda: claim_build(article, kind="rumour"))
    _refused(lambda: claim_build(article, verdict="pants_on_fire"))
    _refused(lambda: claim_build(article, checkworthiness=1.5))


def test_it_refuses_publishing_a_claim_without_a_verdict() -> None:
    _refused(lambda: claim_build(status=Claim.Status.PUBLISHED, published_at=timezone.now()))
    published = claim_build(
        status=Claim.Status.PUBLISHED, verdict=Claim.Verdict.FALSE, published_at=timezone.now()
    )
    assert published.pk


def test_it_refuses_duplicate_evidence_for_the_same_claim_source_and_passage() -> None:
    claim, source = claim_build(), source_build()
    passage = "Bilateral trade stood at $790 million in 2020. " * 200  # longer than an index key
    Evidence.objects.create(claim=claim, source=source, passage=passage)
    _refused(lambda: Evidence.objects.create(claim=claim, source=source, passage=passage))
    Evidence.objects.create(claim=claim, source=source, passage="Another passage.")
    assert claim.evidence.count() == 2


def test_it_refuses_a_source_url_twice() -> None:
    source = source_build()
    _refused(lambda: source_build(url=source.url))


def test_it_refuses_a_verification_confidence_outside_zero_to_one() -> None:
    claim = claim_build()
    _refused(lambda: VerificationRun.objects.create(claim=claim, verifier="q", confidence=1.2))


def test_the_ci_suite_runs_these_constraints_on_postgresql(postgres: None) -> None:
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_constraint WHERE conname IN "
            "('claim_span_valid', 'claim_published_has_verdict', 'source_unique_url')"
        )
        assert cursor.fetchone()[0] == 3
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname IN "
            "('article_unique_content_hash', 'evidence_unique_claim_source_passage')"
        )
        assert cursor.fetchone()[0] == 2
