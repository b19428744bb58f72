"""Searching published claims: full-text and index-backed on PostgreSQL, a substring elsewhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from claims.models import Claim
from public.search import claim_search_vector
from tests.builders import claim_build
from tests.public.conftest import SECRET, published_claim_build


def _ids(client: Client, query: str) -> list[int]:
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_search_finds_words_in_text_sentence_rationale_and_speaker(client: Client) -> None:
    by_text = published_claim_build(text="tariffs doubled", sentence="Tariffs doubled.")
    by_rationale = published_claim_build(rationale="The customs office counts otherwise.")
    by_speaker = published_claim_build(speaker="Olga Quartermaine")
    claim_build(text=f"tariffs {SECRET}", status=Claim.Status.REVIEWED, verdict="false")
    assert _ids(client, "search=tariffs") == [by_text.pk]
    assert _ids(client, "search=customs") == [by_rationale.pk]
    assert _ids(client, "search=quartermaine") == [by_speaker.pk]
    assert _ids(client, "search=nothing-like-this") == []
    assert _ids(client, f"search={SECRET}") == []


@pytest.mark.django_db
def test_search_combines_with_filters(client: Client) -> None:
    wanted = published_claim_build(text="steel output fell", verdict="false", checkworthiness=0.9)
    published_claim_build(text="steel output rose", verdict="true", checkworthiness=0.9)
    published_claim_build(text="steel output flat", verdict="false", checkworthiness=0.1)
    assert _ids(client, "search=steel&verdict=false&checkworthiness_min=0.5") == [wanted.pk]


@pytest.mark.django_db
def test_postgres_search_reads_web_search_syntax_and_stems_words(
    client: Client, postgres: None
) -> None:
    exports = published_claim_build(text="exports rose", sentence="Exports rose by 3%.")
    imports = published_claim_build(
        text="exports and imports rose", sentence="Exports and imports rose."
    )
    fell = published_claim_build(text="the exports fell", sentence="The exports fell sharply.")
    assert _ids(client, "search=export&ordering=pk") == [exports.pk, imports.pk, fell.pk]
    assert _ids(client, "search=exports%20-imports&ordering=pk") == [exports.pk, fell.pk]
    assert _ids(client, "search=%22exports%20fell%22") == [fell.pk]
    assert _ids(client, "search=imports%20or%20fell&ordering=pk") == [imports.pk, fell.pk]
    # Punctuation or stop words alone are no error, they find nothing.
    assert _ids(client, "search=%22%22%20-%20(") == []
    assert _ids(client, "search=the") == []


@pytest.mark.django_db
def test_postgres_search_lists_the_best_match_first_unless_told_otherwise(
    client: Client, postgres: None
) -> None:
    import datetime as dt

    from django.utils import timezone

    long_ago = timezone.now() - dt.timedelta(days=30)
    best = published_claim_build(
        text="wheat wheat wheat",
        sentence="Wheat prices, wheat stocks and wheat exports all rose.",
        rationale="Wheat figures from the grain board.",
        published_at=long_ago,
    )
    weak = published_claim_build(text="prices rose", sentence="Prices of wheat rose.")
    assert _ids(client, "search=wheat") == [best.pk, weak.pk]
    assert _ids(client, "search=wheat&ordering=-published_at") == [weak.pk, best.pk]


@pytest.mark.django_db
def test_search_results_page_with_a_cursor(client: Client) -> None:
    claims = [published_claim_build(text=f"coal output {n}") for n in range(5)]
    published_claim_build(text="gas output")
    seen: list[int] = []
    url: str | None = "/api/v1/claims/?search=coal&page_size=2"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(c.pk for c in claims)


@pytest.mark.django_db
def test_postgres_search_uses_the_gin_index(postgres: None) -> None:
    from django.contrib.postgres.search import SearchQuery

    published_claim_build(text="barley harvest")
    query = SearchQuery("barley", search_type="websearch", config="english")
    queryset = Claim.objects.alias(v=claim_search_vector()).filter(v=query)
    with connection.cursor() as cursor:
        # Few rows make a sequential scan cheaper; forbid it to see whether the index matches.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "claim_search_idx" in plan, plan
