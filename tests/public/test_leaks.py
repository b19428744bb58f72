"""Unpublished claims, and internal fields, never reach the public by any route."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from django.test import Client

from claims.models import Claim
from tests.builders import source_build
from tests.public.conftest import SECRET, World, link

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
        "/claims/corrections/",
        # Words of the unpublished claims, their speakers, rationales and articles (the pages
        # show a search back in its form, so the secret itself is never searched for there).
        *(f"/claims/?q={q}" for q in PAGE_SEARCHES),
        *(f"/claims/?verdict={v}" for v in PAGE_VERDICTS),
        *(f"/claims/?verdict={v}&q={q}" for v in PAGE_VERDICTS for q in PAGE_SEARCHES),
        "/claims/check/",
        *(f"/claims/check/?text={text}" for text in CHECK_TEXTS),
    ]


PAGE_SEARCHES = ["imports", "doubled", "claim", "speaker", "draft", "private", "exports"]
PAGE_VERDICTS = ["false", "true", "unverifiable"]
# Each unpublished claim's text without the secret, and the published one's.
CHECK_TEXTS = [
    "Imports doubled",
    "imports doubled last year",
    "new claim",
    "in_review claim",
    "reviewed claim",
    "exports rose by 12%",
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


@pytest.mark.parametrize(
    "status", [Claim.Status.REVIEWED, Claim.Status.DISMISSED, Claim.Status.IN_REVIEW]
)
def test_searches_verdicts_and_lookups_on_the_pages_never_show_an_unpublished_check(
    checks: dict[str, Claim], client: Client, status: str
) -> None:
    # The rice check, ruled and worded but not published, with a source of its own.
    hidden = checks["unpublished"]
    reason = "duplicate" if status == Claim.Status.DISMISSED else ""
    Claim.objects.filter(pk=hidden.pk).update(
        status=status, published_text=f"Rice exports fell {SECRET}", dismissal_reason=reason
    )
    link(hidden, source_build(title=f"Rice bulletin {SECRET}", publisher=f"Agency {SECRET}"))
    words = ["rice", "exports", "tonnes", "internal", "agency", "2019", "40,000"]
    routes = [
        *(f"/claims/?q={quote(w)}" for w in words),
        *(f"/claims/?verdict={v}" for v in ("false", hidden.verdict)),
        *(f"/claims/?verdict=false&q={quote(w)}" for w in words),
        "/claims/check/?text=" + quote("rice exports to the region fell to 40,000 tonnes in 2019"),
        "/claims/check/?text=" + quote(hidden.text),
        "/claims/check/?text=" + quote(hidden.sentence.replace(SECRET, "")),
    ]
    for route in routes:
        response = client.get(route)
        assert response.status_code == 200, route
        # What the reader asked is shown back in the form; nothing else may hold the claim.
        html = _without_the_question(response.content.decode())
        assert SECRET not in html, route
        assert f"/claims/{hidden.pk}/" not in html, route
        assert hidden.text not in html, route


def _without_the_question(html: str) -> str:
    html = re.sub(r"<textarea[^>]*>.*?</textarea>", "", html, flags=re.DOTALL)
    return re.sub(r'name="q" value="[^"]*"', "", html)


def test_a_search_for_the_secret_itself_finds_nothing_but_the_question(
    world: World, client: Client
) -> None:
    for route, echo in [
        (f"/claims/?q={SECRET}", f'name="q" value="{SECRET}"'),
        (f"/claims/?q={SECRET}&verdict=false", f'name="q" value="{SECRET}"'),
        (f"/claims/check/?text=imports+doubled+{SECRET}", f"imports doubled {SECRET}</textarea>"),
    ]:
        html = client.get(route).content.decode()
        assert html.count(echo) == 1, route
        assert SECRET not in html.replace(echo, ""), route
        assert f"/claims/{world.draft_same_article.pk}/" not in html, route
