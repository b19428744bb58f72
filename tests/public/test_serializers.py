"""The claim serializers' direct output is exactly what DRF's field machinery makes of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from rest_framework import serializers

from claims.models import Claim, ClaimCorrection
from public import selectors
from public.serializers import (
    CLAIM_FIELDS,
    ArticleBriefSerializer,
    ArticleSerializer,
    ClaimBriefSerializer,
    ClaimSerializer,
    EvidenceSerializer,
    LinkedSourceSerializer,
    SourceSerializer,
)
from sources.models import Evidence
from tests.builders import article_build, source_build
from tests.public.conftest import World, link, published_claim_build

_GENERIC = serializers.ModelSerializer.to_representation


@pytest.fixture
def generic(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make the serializers use DRF's own field machinery, as the reference."""

    def use_generic() -> None:
        for serializer in (
            ClaimSerializer,
            ClaimBriefSerializer,
            ArticleBriefSerializer,
            LinkedSourceSerializer,
            EvidenceSerializer,
            SourceSerializer,
        ):
            monkeypatch.setattr(serializer, "to_representation", _GENERIC)
        monkeypatch.setattr(
            ClaimSerializer.Meta, "list_serializer_class", serializers.ListSerializer
        )

    return use_generic


def _claims_with_variety() -> list[Claim]:
    undated = article_build(title="", url="", outlet="", published_on=None, language="de")
    dated = article_build(published_on=dt.date(2024, 2, 29), author="A. Writer")
    plain = published_claim_build(undated, verdict=Claim.Verdict.UNVERIFIABLE, speaker="")
    rich = published_claim_build(
        dated,
        normalized={"quantities": [{"value": 12.5, "unit": "percent"}], "dates": []},
        checkworthiness=0.25,
        checkworthy=True,
        published_at=dt.datetime(2025, 3, 1, 12, 30, 15, 123456, tzinfo=dt.UTC),
    )
    first, second = source_build(title="One", publisher="Office"), source_build(kind="news")
    link(rich, second)
    link(rich, first)
    Evidence.objects.create(claim=rich, source=first, passage="p1", stance="supports")
    Evidence.objects.create(claim=rich, source=second, passage="", origin="automatic")
    correction = ClaimCorrection.objects.create(
        claim=rich,
        kind="verdict_changed",
        previous_verdict="true",
        verdict="false",
        note="Why.",
        published_at=rich.published_at,
    )
    ClaimCorrection.objects.filter(pk=correction.pk).update(
        published_at=dt.datetime(2025, 3, 4, 8, 0, 1, 5, tzinfo=dt.UTC)
    )
    return [plain, rich]


def _context() -> dict[str, Any]:
    return {"request": RequestFactory().get("/api/v1/claims/", HTTP_HOST="localhost")}


@pytest.mark.django_db
@pytest.mark.parametrize("timezone", ["UTC", "Europe/Berlin"])
def test_the_claim_list_and_detail_match_drfs_own_output(
    generic: Any, settings: Any, timezone: str
) -> None:
    settings.TIME_ZONE = timezone
    _claims_with_variety()
    page = list(selectors.claims_public_rows())
    fast = ClaimSerializer(page, many=True, context=_context()).data
    details = [ClaimSerializer(claim, context=_context()).data for claim in page]
    generic()
    reference_rows = list(selectors.claims_public())
    reference = ClaimSerializer(reference_rows, many=True, context=_context()).data
    assert [list(row) for row in fast] == [CLAIM_FIELDS] * len(page)
    assert fast == reference
    assert details == reference
    assert fast[0]["page_url"] == f"http://localhost/claims/{page[0].pk}/"
    rich = next(row for row in fast if row["corrections"])
    assert rich["corrections"][0]["explanation"] == "Why."
    assert rich["updated_at"] == rich["corrections"][0]["corrected_at"] != rich["published_at"]
    plain = next(row for row in fast if not row["corrections"])
    assert plain["updated_at"] == plain["published_at"]


def test_the_article_list_matches_drfs_own_output(world: World, generic: Any) -> None:
    articles = list(selectors.articles_public())
    fast = ArticleSerializer(articles, many=True, context=_context()).data
    generic()
    assert ArticleSerializer(articles, many=True, context=_context()).data == fast
