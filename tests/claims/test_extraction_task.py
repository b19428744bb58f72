"""The extraction task stores claims once, keeps editors' work, and fails cleanly."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from claims import services
from claims.models import Article, Claim
from claims.tasks import extract_article, requeue_stale_extractions
from sources.models import Evidence
from tests.builders import source_build

pytestmark = pytest.mark.django_db

SEED = (
    "Ministers meet in Port Ellis\n\n"
    "Bilateral trade reached nearly $800 million last year, the ministry said. "
    "The 13-member delegation arrived on Tuesday for a two-day visit, the first by a foreign "
    "minister in nine years.\n\n"
    '"We are working together on the harbour project," said Varga.'
)


def _ingest(text: str = SEED, **fields: Any) -> Article:
    return services.article_ingest(
        raw_input=text, published_on=dt.date(2021, 4, 6), queue_extraction=True, **fields
    ).article


def _run(article: Article) -> dict[str, Any]:
    outcome = extract_article(article.pk)
    article.refresh_from_db()
    return outcome


def test_it_stores_typed_claims_whose_spans_index_the_clean_text() -> None:
    article = _ingest()
    outcome = _run(article)
    assert article.extraction_status == Article.ExtractionStatus.SUCCEEDED
    assert outcome["created"] == article.claims.count() > 0
    for claim in article.claims.all():
        span = article.clean_text[claim.start : claim.end]
        assert span
        assert (
            re.sub(r"\s+", " ", span) in re.sub(r"\s+", " ", claim.sentence)
            or claim.kind == "quote"
        )
        assert 0 <= claim.checkworthiness <= 1
        assert len(claim.fingerprint) == 64
    money = [c for c in article.claims.all() if "800" in c.text]
    assert money
    quantity = money[0].normalized["quantities"][0]
    assert (quantity["value"], quantity["unit"], quantity["approximate"]) == (
        800_000_000,
        "USD",
        True,
    )
    quote = article.claims.get(kind=Claim.Kind.QUOTE)
    assert quote.speaker == "Varga"


def test_extracting_again_changes_nothing() -> None:
    article = _ingest()
    _run(article)
    before = sorted(article.claims.values_list("pk", "start", "end", "kind"))
    services.article_extraction_queue(article=article)
    outcome = _run(article)
    assert (outcome["created"], outcome["updated"], outcome["removed"]) == (0, 0, 0)
    assert sorted(article.claims.values_list("pk", "start", "end", "kind")) == before


def test_it_never_changes_or_removes_a_claim_an_editor_worked_on() -> None:
    article = _ingest()
    _run(article)
    worked = article.claims.order_by("start").first()
    worked.status = Claim.Status.IN_REVIEW
    worked.text = "edited by an editor"
    worked.save()
    other = article.claims.exclude(pk=worked.pk).first()
    Evidence.objects.create(claim=other, source=source_build(), passage="p")
    untouched_ids = set(
        article.claims.exclude(pk__in=[worked.pk, other.pk]).values_list("pk", flat=True)
    )

    # The article's text changes so that no claim is found any more.
    Article.objects.filter(pk=article.pk).update(raw_input="Nothing to check here today.")
    services.article_extraction_queue(article=article)
    outcome = _run(article)

    worked.refresh_from_db()
    assert worked.text == "edited by an editor"
    assert article.claims.filter(pk=other.pk).exists()
    assert not article.claims.filter(pk__in=untouched_ids).exists()
    assert outcome["kept"] == 2


def test_an_article_without_claims_is_a_normal_outcome() -> None:
    article = _ingest("Good morning.\n\nHave a nice day, everyone.")
    outcome = _run(article)
    assert outcome["succeeded"] is True
    assert article.extraction_status == Article.ExtractionStatus.SUCCEEDED
    assert article.claims.count() == 0


def test_bad_stored_input_ends_in_a_failed_status_with_a_reason() -> None:
    article = _ingest()
    # What a database can store but is no text: control characters (PostgreSQL refuses NUL).
    Article.objects.filter(pk=article.pk).update(raw_input="\x01\x02\x03\x04\x05\x06" * 50)
    outcome = _run(article)
    assert outcome["succeeded"] is False
    assert article.extraction_status == Article.ExtractionStatus.FAILED
    assert "binary" in article.extraction_error


def test_a_task_delivered_twice_extracts_once() -> None:
    article = _ingest()
    _run(article)
    second = extract_article(article.pk)
    assert "skipped" in second
    assert article.claims.count() == len({(c.start, c.end, c.kind) for c in article.claims.all()})


def test_it_queues_the_extraction_task_with_the_article_id(
    django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(extract_article, "delay", lambda pk: sent.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        article = _ingest()
    assert sent == [article.pk]


def test_beat_requeues_an_extraction_whose_worker_died(
    django_capture_on_commit_callbacks: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[int] = []
    monkeypatch.setattr(extract_article, "delay", lambda pk: sent.append(pk))
    article = _ingest()
    assert services.article_extraction_claim(article_id=article.pk)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    Article.objects.filter(pk=article.pk).update(extraction_state_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_extractions() == 1
    assert sent == [article.pk]
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.QUEUED


def test_the_demo_article_comes_out_with_its_claims() -> None:
    call_command("load_demo", stdout=StringIO())
    article = Article.objects.order_by("pk").first()
    assert article is not None
    _run(article)
    kinds = set(article.claims.values_list("kind", flat=True))
    assert article.claims.count() >= 8
    assert {"statistical", "temporal", "quote"} <= kinds


def test_the_demo_follow_up_repeats_claims_of_the_first_article_and_changes_one_figure() -> None:
    from claims.models import ClaimMatch
    from claims.services import article_claims_match

    call_command("load_demo", stdout=StringIO())
    first, follow_up = Article.objects.order_by("pk")
    _run(first)
    _run(follow_up)
    article_claims_match(article_id=follow_up.pk)
    matched = ClaimMatch.objects.filter(claim__article=follow_up, earlier__article=first)
    sentences = {m.claim.sentence for m in matched.select_related("claim")}
    assert any("$3.2bn" in s for s in sentences), sentences
    assert any("18% in 2025" in s for s in sentences), sentences
    # "about 30,000 trips a day" against "between 40,000 and 55,000": the figures disagree.
    assert not matched.filter(claim__text__contains="30,000").exists()
