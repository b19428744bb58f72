"""GET /api/v1/claims/match: the nearest published fact-checks to a free-text claim."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from claims.models import Claim
from tests.public.conftest import PASTED_POST, SECRET

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims/match"


def test_a_reworded_claim_finds_the_published_check_with_its_claimreview(
    checks: dict[str, Claim],
) -> None:
    response = Client().get(
        URL, {"text": "trade between the two countries reached about $0.8bn in 2020"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["claim"]["id"] for r in body["results"]] == [checks["published"].pk]
    result = body["results"][0]
    assert 0 < result["score"] <= 1
    assert result["claim"]["verdict"] == "mostly_true"
    assert result["claim"]["claimreview_url"].endswith(
        f"/api/v1/claims/{checks['published'].pk}/claimreview"
    )
    assert Client().get(result["claim"]["claimreview_url"]).status_code == 200
    assert response["Cache-Control"]


def test_a_claim_with_a_number_ten_times_larger_finds_nothing(checks: dict[str, Claim]) -> None:
    response = Client().get(URL, {"text": "trade between the two countries reached $8bn in 2020"})
    assert response.json()["results"] == []


def test_unpublished_checks_are_never_returned(checks: dict[str, Claim]) -> None:
    response = Client().get(
        URL, {"text": "rice exports to the region fell to 40,000 tonnes in 2019"}
    )
    assert response.status_code == 200
    assert response.json()["results"] == []
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "?! -- ..."}, "words"),
        ({"text": "trade\x00figures"}, "Null characters"),
        ({"text": "x" * 2001}, "2000"),
        ({"text": "trade", "limit": "0"}, "limit"),
        ({"text": "trade", "limit": "many"}, "limit"),
    ],
)
def test_bad_queries_get_a_clear_400(params: dict[str, str], problem: str) -> None:
    response = Client().get(URL, params)
    assert response.status_code == 400
    assert problem in response.content.decode()


def test_hostile_text_is_answered_not_crashed(checks: dict[str, Claim]) -> None:
    for text in [
        "%' OR 1=1 --",
        "trade 100% _x_ \\",
        "トレード 800",
        "💰 $800 million 💰",
        "a" * 2000,
    ]:
        response = Client().get(URL, {"text": text})
        assert response.status_code == 200, (text, response.content)


def test_writes_are_refused(checks: dict[str, Claim]) -> None:
    assert Client().post(URL, {"text": "trade"}).status_code == 405


def test_the_match_endpoint_has_its_own_tighter_rate(
    checks: dict[str, Claim], settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.FACTCHECK_MATCH_ANON_RATE = "2/minute"
    client = Client()
    codes = [client.get(URL, {"text": f"trade figures {n}"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/claims/").status_code == 200  # the rest of the API is unaffected


def test_the_schema_documents_the_match_endpoint() -> None:
    schema = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/claims/match"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"text", "limit"}


def test_a_pasted_post_finds_the_check_its_signature_date_does_not_block(
    checks: dict[str, Claim],
) -> None:
    response = Client().get(URL, {"text": PASTED_POST})
    assert response.status_code == 200, response.content
    body = response.json()
    assert [r["claim"]["id"] for r in body["results"]] == [checks["published"].pk]
    assert body["text"] == PASTED_POST  # the answer names what was asked, not its cleaned words


def test_a_pasted_post_with_a_figure_ten_times_larger_finds_nothing(
    checks: dict[str, Claim],
) -> None:
    tenfold = PASTED_POST.replace("$800 million", "$8 billion")
    response = Client().get(URL, {"text": tenfold})
    assert response.status_code == 200, response.content
    assert response.json()["results"] == []


def test_a_post_that_is_only_a_link_and_a_handle_is_answered(checks: dict[str, Claim]) -> None:
    response = Client().get(URL, {"text": "https://t.co/AbC123 \U0001f525"})
    assert response.status_code == 200, response.content
    assert response.json()["results"] == []
