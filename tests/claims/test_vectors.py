"""Claims' sentence vectors: stored once by matching jobs, computed again when the text changes,
and what they add to matching (a rewording that shares few words), with numbers still judged."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.matching import semantic
from claims.models import Claim, ClaimVector
from claims.services import vectors
from claims.tasks import fill_claim_vectors
from tests.builders import article_build, article_extracted_build, claim_build
from tests.conftest import require

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _semantic(settings: Any) -> None:
    require(semantic.available(), "needs semantic matching: " + semantic.INSTALL_HINT)
    settings.FACTCHECK_SEMANTIC_MATCHING = True
    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = 1.01


def _claim(text: str, **fields: Any) -> Claim:
    return claim_build(text=text, sentence=text, **fields)


def test_a_vector_is_stored_once_and_read_back() -> None:
    claim = _claim("Unemployment in Ghana fell to 4.2% last year.")
    first = services.claim_vectors([(claim.pk, claim.text, claim.sentence)], store=True)
    stored = ClaimVector.objects.get(claim=claim)
    assert stored.model == semantic.MODEL_NAME
    assert len(bytes(stored.vector)) == 768
    with CaptureQueriesContext(connection) as queries:
        again = services.claim_vectors([(claim.pk, claim.text, claim.sentence)], store=True)
    assert len(queries) == 1  # read, nothing encoded or written
    assert float(first[claim.pk] @ again[claim.pk]) == pytest.approx(1.0, abs=1e-3)


def test_an_edited_claim_or_another_model_gets_a_new_vector() -> None:
    claim = _claim("Unemployment in Ghana fell to 4.2% last year.")
    services.claim_vectors([(claim.pk, claim.text, claim.sentence)], store=True)
    old = bytes(ClaimVector.objects.get(claim=claim).vector)
    edited = "Cocoa exports from Ghana doubled in 2023."
    services.claim_vectors([(claim.pk, edited, edited)], store=True)
    assert bytes(ClaimVector.objects.get(claim=claim).vector) != old
    ClaimVector.objects.filter(claim=claim).update(model="another-model")
    assert services.claim_vectors_fill() == 1
    assert ClaimVector.objects.get(claim=claim).model == semantic.MODEL_NAME


def test_a_reader_lookup_stores_nothing() -> None:
    claim = _claim("Unemployment in Ghana fell to 4.2% last year.")
    found = services.claim_vectors([(claim.pk, claim.text, claim.sentence)], store=False)
    assert claim.pk in found
    assert not ClaimVector.objects.exists()


def test_a_claim_deleted_meanwhile_is_skipped() -> None:
    claim = _claim("Unemployment in Ghana fell to 4.2% last year.")
    pk = claim.pk
    claim.delete()
    assert pk in services.claim_vectors([(pk, "gone", "gone")], store=True)
    assert not ClaimVector.objects.exists()


def test_off_by_setting_means_lexical_matching(settings: Any) -> None:
    settings.FACTCHECK_SEMANTIC_MATCHING = False
    claim = _claim("Unemployment in Ghana fell to 4.2% last year.")
    assert services.claim_vectors([(claim.pk, claim.text, claim.sentence)], store=True) == {}
    assert vectors.query_vector("anything") is None
    assert services.claim_vectors_fill() == 0
    with pytest.raises(CommandError, match="FACTCHECK_SEMANTIC_MATCHING is off"):
        call_command("fill_claim_vectors")


def test_fill_does_published_claims_first_and_stops_at_its_limit() -> None:
    article = article_build()
    plain = [_claim(f"Claim number {n} about rice exports.", article=article) for n in range(3)]
    public = _claim("Rice exports from Vietnam rose 12% in 2023.", article=article)
    Claim.objects.filter(pk=public.pk).update(published_at=public.created_at)
    assert services.claim_vectors_fill(limit=1) == 1
    assert list(ClaimVector.objects.values_list("claim_id", flat=True)) == [public.pk]
    assert fill_claim_vectors() == 3  # the beat task, bounded by VECTORS_PER_RUN
    assert ClaimVector.objects.count() == 4
    assert services.claim_vectors_fill() == 0
    call_command("fill_claim_vectors", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert {c.pk for c in plain} <= set(ClaimVector.objects.values_list("claim_id", flat=True))


def test_matching_an_article_stores_its_claims_vectors() -> None:
    earlier = _claim("Elon Musk activated Starlink satellite internet in Ukraine.")
    later = _claim("Starlink service is now active in Ukraine, says Musk.")
    services.article_claims_match(article_id=later.article_id)
    assert set(ClaimVector.objects.values_list("claim_id", flat=True)) == {earlier.pk, later.pk}


REWORDINGS = [
    # (earlier, later): a repeat sharing few words with the claim it repeats
    (
        "Tap water in the capital is unsafe to drink.",
        "Drinking from the taps in the capital city is dangerous.",
    ),
    (
        "The government banned the sale of fireworks nationwide.",
        "Selling fireworks is now illegal everywhere in the country.",
    ),
]


@pytest.mark.parametrize(("earlier_text", "later_text"), REWORDINGS)
def test_meaning_finds_a_rewording_the_words_alone_miss(
    settings: Any, earlier_text: str, later_text: str
) -> None:
    earlier = _claim(earlier_text)
    later = _claim(later_text)
    settings.FACTCHECK_SEMANTIC_MATCHING = False
    assert [f.candidate.id for f in services.matches_for_claim(later)] == []
    settings.FACTCHECK_SEMANTIC_MATCHING = True
    found = services.matches_for_claim(later)
    assert [f.candidate.id for f in found] == [earlier.pk]
    assert found[0].comparison.semantic is not None
    assert found[0].comparison.semantic > 0.5


def _extracted(text: str) -> Claim:
    article = article_extracted_build(text)
    claim = article.claims.filter(kind="statistical").order_by("pk").first()
    assert claim is not None
    return claim


def test_meaning_never_unblocks_a_changed_figure(settings: Any) -> None:
    earlier = _extracted(
        "Bilateral trade reached nearly $800 million last year, the ministry said."
    )
    same = _extracted("Bilateral trade came to almost $0.8bn last year, said the ministry.")
    tenfold = _extracted("Bilateral trade reached nearly $8 billion last year, the ministry said.")
    assert [f.candidate.id for f in services.matches_for_claim(same)] == [earlier.pk]
    found = {f.candidate.id for f in services.matches_for_claim(tenfold)}
    assert earlier.pk not in found
    assert same.pk not in found
