"""Behaviour of the public API: cost, methods, caching headers, CORS, throttling, filters."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from claims.models import Claim
from sources.models import Evidence
from tests.builders import article_build, claim_build, source_build
from tests.public.conftest import World, link, published_claim_build

_addresses = itertools.count(1)


def _published_with_relations(n: int) -> None:
    for _ in range(n):
        claim = published_claim_build(article_build(outlet="Ledger"))
        source = source_build()
        link(claim, source)
        Evidence.objects.create(claim=claim, source=source, passage=f"passage {claim.pk}")
        claim_build(claim.article)  # an unpublished neighbour


def _queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_claim_list_costs_the_same_queries_for_10_and_100_claims(client: Client) -> None:
    url = "/api/v1/claims/?page_size=100"
    _published_with_relations(10)
    assert len(client.get(url).json()["results"]) == 10
    ten = _queries_for(client, url)
    _published_with_relations(90)
    assert len(client.get(url).json()["results"]) == 100
    assert _queries_for(client, url) == ten
    articles_ten = _queries_for(client, "/api/v1/articles/?page_size=10")
    assert _queries_for(client, "/api/v1/articles/?page_size=100") == articles_ten


@pytest.mark.django_db
def test_public_claim_page_list_costs_a_fixed_number_of_queries(client: Client) -> None:
    _published_with_relations(5)
    five = _queries_for(client, "/claims/")
    _published_with_relations(45)
    assert _queries_for(client, "/claims/") == five


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_write_method_answers_405(world: World, client: Client, method: str) -> None:
    claim = world.published.pk
    routes = [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim}/",
        f"/api/v1/claims/{claim}/claimreview",
        "/api/v1/articles/",
        f"/api/v1/articles/{world.public_article.pk}/",
        "/api/v1/sources/",
        f"/api/v1/sources/{world.public_source.pk}/",
        "/claims/",
        f"/claims/{claim}/",
    ]
    for route in routes:
        response = getattr(client, method)(route, data={}, content_type="application/json")
        assert response.status_code == 405, (method, route)
    assert Claim.objects.get(pk=claim).status == Claim.Status.PUBLISHED


def test_an_unchanged_response_answers_304_to_if_none_match(world: World, client: Client) -> None:
    url = f"/api/v1/claims/{world.published.pk}/"
    first = client.get(url)
    assert first["Cache-Control"].startswith("public") or "public" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    world.published.rationale = "Revised after a reader's note."
    world.published.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_if_modified_since_answers_304_until_something_public_changes(
    world: World, client: Client
) -> None:
    url = "/api/v1/claims/"
    first = client.get(url)
    assert first.status_code == 200
    last_modified = first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    # Unpublishing leaves no published row changed, yet the list did change.
    later = timezone.now() + dt.timedelta(seconds=5)
    world.published.status = Claim.Status.REVIEWED
    world.published.save()
    Claim.history.filter(id=world.published.pk).filter(
        history_date=Claim.history.filter(id=world.published.pk).latest().history_date
    ).update(history_date=later)
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response["Last-Modified"] == http_date(int(later.timestamp()))


def test_get_carries_a_cors_header_and_only_for_the_api(world: World, client: Client) -> None:
    origin = {"HTTP_ORIGIN": "https://reader.example.net"}
    api = client.get("/api/v1/claims/", **origin)
    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api
    assert "Access-Control-Allow-Origin" not in client.get("/claims/", **origin)
    preflight = client.options(
        "/api/v1/claims/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin
    )
    allowed = preflight["Access-Control-Allow-Methods"]
    assert "GET" in allowed
    assert "POST" not in allowed
    assert "DELETE" not in allowed


def test_anonymous_clients_are_throttled(world: World, client: Client, settings: Any) -> None:
    settings.FACTCHECK_API_ANON_RATE = "3/minute"
    # A fresh address per run: the cache (Redis in CI) outlives the test.
    address = {"REMOTE_ADDR": f"198.51.100.{next(_addresses)}", "HTTP_X_FORWARDED_FOR": ""}
    codes = [client.get("/api/v1/claims/", **address).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    throttled = client.get("/api/v1/claims/", **address)
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    other = {"REMOTE_ADDR": "203.0.113.77", "HTTP_X_FORWARDED_FOR": ""}
    assert client.get("/api/v1/claims/", **other).status_code == 200


@pytest.mark.django_db
def test_filters_search_and_ordering_narrow_published_claims(client: Client) -> None:
    old = article_build(outlet="Gazette", published_on=dt.date(2020, 5, 1))
    new = article_build(outlet="Ledger", published_on=dt.date(2024, 5, 1))
    a = published_claim_build(old, verdict="true", checkworthiness=0.9, kind="statistical")
    b = published_claim_build(
        new, verdict="false", checkworthiness=0.2, rationale="Tariffs on steel were unchanged."
    )
    c = published_claim_build(new, verdict="misleading", checkworthiness=0.5, checkworthy=True)

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("verdict=true&verdict=false") == sorted([a.pk, b.pk], reverse=True)
    assert ids("kind=statistical") == [a.pk]
    assert ids(f"article={new.pk}&ordering=pk") == [b.pk, c.pk]
    assert ids("outlet=gazette") == [a.pk]
    assert ids("claimed_before=2021-01-01") == [a.pk]
    assert ids("claimed_after=2021-01-01&ordering=-checkworthiness") == [c.pk, b.pk]
    assert ids("checkworthiness_min=0.4&checkworthiness_max=0.6") == [c.pk]
    assert ids("checkworthy=true") == [c.pk]
    assert ids("search=steel") == [b.pk]
    assert ids("ordering=checkworthiness") == [b.pk, c.pk, a.pk]
    assert client.get("/api/v1/claims/?verdict=nonsense").status_code == 400


@pytest.mark.django_db
def test_claim_list_pages_with_a_cursor(client: Client) -> None:
    claims = [published_claim_build() for _ in range(5)]
    first = client.get("/api/v1/claims/?page_size=2").json()
    seen = [row["id"] for row in first["results"]]
    following = first["next"]
    while following:
        page = client.get(following).json()
        seen += [row["id"] for row in page["results"]]
        following = page["next"]
    assert sorted(seen) == sorted(c.pk for c in claims)
    assert len(seen) == 5


def test_a_claim_shows_verdict_rationale_article_sources_evidence_and_spans(
    world: World, client: Client
) -> None:
    body = client.get(f"/api/v1/claims/{world.published.pk}/").json()
    assert body["verdict"] == "false"
    assert body["verdict_label"] == "False"
    assert body["rating_value"] == 1
    assert body["rationale"] == world.published.rationale
    assert (body["start"], body["end"]) == (world.published.start, world.published.end)
    assert body["article"]["outlet"] == "Daily Ledger"
    assert [s["id"] for s in body["sources"]] == [world.public_source.pk]
    assert body["evidence"][0]["stance"] == "contradicts"
    assert body["page_url"].endswith(f"/claims/{world.published.pk}/")
