"""Unpublished claims, and internal fields, never reach the public by any route."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.public.conftest import SECRET, World

INTERNAL_FIELDS = [
    "assignee",
    "reviewer",
    "published_by",
    "reliability_note",
    "fetch_error",
    "fetch_status",
    "snapshot_text",
    "created_by",
    "added_by",
    "raw_input",
    "clean_text",
    "extraction_error",
    "fingerprint",
    "note",
    "status",
    "password",
    "username",
]


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _public_routes(world: World) -> list[str]:
    published, article = world.published.pk, world.public_article.pk
    private_article = world.private_article.pk
    draft = world.drafts[0].pk
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{published}/",
        f"/api/v1/claims/{published}/claimreview",
        "/api/v1/claims/?verdict=false",
        "/api/v1/claims/?kind=comparison&checkworthiness_min=0",
        f"/api/v1/claims/?search={SECRET}",
        "/api/v1/claims/?search=imports",
        f"/api/v1/claims/?article={private_article}",
        f"/api/v1/claims/?article={article}",
        f"/api/v1/claims/?outlet=Hidden%20{SECRET}",
        "/api/v1/claims/?published_after=2000-01-01&claimed_after=2000-01-01",
        "/api/v1/claims/?ordering=checkworthiness",
        "/api/v1/articles/",
        f"/api/v1/articles/{article}/",
        f"/api/v1/articles/?search={SECRET}",
        "/api/v1/sources/",
        f"/api/v1/sources/{world.public_source.pk}/",
        f"/api/v1/sources/?claim={draft}",
        f"/api/v1/sources/?claim={published}",
        f"/api/v1/sources/?search={SECRET}",
        "/api/v1/schema/",
        "/claims/",
        f"/claims/{published}/",
        "/claims/feed/",
        "/claims/methodology/",
    ]


def test_no_public_route_shows_unpublished_claims_or_internal_text(
    world: World, client: Client
) -> None:
    for route in _public_routes(world):
        response = client.get(route)
        assert response.status_code == 200, route
        assert SECRET not in response.content.decode(), route


def test_api_responses_carry_no_internal_field(world: World, client: Client) -> None:
    for route in _public_routes(world):
        if not route.startswith("/api/v1/") or "schema" in route:
            continue
        keys = _keys(json.loads(client.get(route).content))
        assert not keys & set(INTERNAL_FIELDS), (route, keys & set(INTERNAL_FIELDS))


def test_schema_documents_no_internal_field(world: World, client: Client) -> None:
    schema = client.get("/api/v1/schema/?format=json").json()
    properties = {
        name
        for component in schema["components"]["schemas"].values()
        for name in component.get("properties", {})
    }
    assert not properties & set(INTERNAL_FIELDS)


def test_filters_on_unpublished_rows_find_nothing(world: World, client: Client) -> None:
    private = world.private_article.pk
    assert client.get(f"/api/v1/claims/?article={private}").json()["results"] == []
    assert client.get("/api/v1/claims/?article=999999").json()["results"] == []
    draft = world.drafts[0].pk
    assert client.get(f"/api/v1/sources/?claim={draft}").json()["results"] == []
    found = client.get(f"/api/v1/sources/?claim={world.published.pk}").json()["results"]
    assert [s["id"] for s in found] == [world.public_source.pk]
    assert client.get(f"/api/v1/claims/?search={SECRET}").json()["results"] == []


def test_lists_hold_only_published_claims_and_what_they_make_public(
    world: World, client: Client
) -> None:
    claims = client.get("/api/v1/claims/").json()["results"]
    assert [c["id"] for c in claims] == [world.published.pk]
    articles = client.get("/api/v1/articles/").json()["results"]
    assert [(a["id"], a["published_claims_count"]) for a in articles] == [
        (world.public_article.pk, 1)
    ]
    assert [c["id"] for c in articles[0]["claims"]] == [world.published.pk]
    sources = client.get("/api/v1/sources/").json()["results"]
    assert [s["id"] for s in sources] == [world.public_source.pk]


@pytest.mark.parametrize(
    "route",
    [
        "/api/v1/claims/{draft}/",
        "/api/v1/claims/{draft}/claimreview",
        "/api/v1/articles/{private_article}/",
        "/api/v1/sources/{private_source}/",
        "/api/v1/sources/{evidence_only_source}/",
        "/claims/{draft}/",
    ],
)
def test_unpublished_rows_answer_404(world: World, client: Client, route: str) -> None:
    for draft in [*world.drafts, world.draft_same_article]:
        url = route.format(
            draft=draft.pk,
            private_article=world.private_article.pk,
            private_source=world.private_source.pk,
            evidence_only_source=world.evidence_only_source.pk,
        )
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()
