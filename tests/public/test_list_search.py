"""The public list page: narrowed by verdict and searched as the API searches, page after page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim
from claims.verdicts import SCALE
from public.pages import MAX_SEARCH_CHARS, PAGE_SIZE
from tests.builders import claim_build
from tests.public.conftest import SECRET, published_claim_build

pytestmark = pytest.mark.django_db


def _page(client: Client, params: dict[str, str]) -> str:
    response = client.get("/claims/", params)
    assert response.status_code == 200, params
    return response.content.decode()


def _listed(html: str) -> list[str]:
    return re.findall(r'<a href="/claims/\d+/">([^<]*)</a>', html)


def test_the_verdict_select_offers_every_point_of_the_scale_and_keeps_the_choice(
    client: Client,
) -> None:
    html = _page(client, {"verdict": "misleading"})
    for point in SCALE:
        assert f'<option value="{point.verdict.value}"' in html
    assert '<option value="misleading" selected>' in html
    assert '<option value="">Any verdict</option>' in html


def test_a_verdict_narrows_the_list_to_checks_with_that_verdict(client: Client) -> None:
    published_claim_build(text="wages doubled", verdict=Claim.Verdict.FALSE)
    published_claim_build(text="rents rose", verdict=Claim.Verdict.TRUE)
    claim_build(text=f"true draft {SECRET}", status=Claim.Status.REVIEWED, verdict="true")
    assert _listed(_page(client, {"verdict": "true"})) == ["rents rose"]
    assert _listed(_page(client, {"verdict": "false"})) == ["wages doubled"]
    html = _page(client, {"verdict": "unverifiable"})
    assert _listed(html) == []
    assert "No published fact-check matches" in html


def test_search_finds_the_words_the_api_search_finds(client: Client) -> None:
    by_text = published_claim_build(text="tariffs doubled", sentence="Tariffs doubled.")
    by_rationale = published_claim_build(text="a", rationale="The customs office counts otherwise.")
    published_claim_build(text="b", speaker="Olga Quartermaine")
    claim_build(text=f"tariffs {SECRET}", status=Claim.Status.REVIEWED, verdict="false")
    for q, expected in [("tariffs", by_text), ("customs", by_rationale)]:
        html = _page(client, {"q": q})
        api = client.get("/api/v1/claims/", {"search": q}).json()["results"]
        assert _listed(html) == [expected.text] == [row["text"] for row in api]
    assert _listed(_page(client, {"q": "quartermaine"})) == ["b"]
    html = _page(client, {"q": "tariffs"})
    assert 'name="q" value="tariffs"' in html
    assert SECRET not in html


def test_search_and_verdict_combine(client: Client) -> None:
    published_claim_build(text="steel output fell", verdict=Claim.Verdict.FALSE)
    published_claim_build(text="steel output rose", verdict=Claim.Verdict.TRUE)
    published_claim_build(text="coal output fell", verdict=Claim.Verdict.FALSE)
    html = _page(client, {"q": "steel", "verdict": "false"})
    assert _listed(html) == ["steel output fell"]


def test_paging_links_keep_the_search_and_the_verdict(client: Client) -> None:
    for n in range(PAGE_SIZE + 2):
        published_claim_build(text=f"grain harvest {n}", verdict=Claim.Verdict.FALSE)
    published_claim_build(text="grain harvest true", verdict=Claim.Verdict.TRUE)
    first = _page(client, {"q": "grain", "verdict": "false"})
    assert 'href="?q=grain&amp;verdict=false&amp;page=2"' in first
    second = _page(client, {"q": "grain", "verdict": "false", "page": "2"})
    assert len(_listed(second)) == 2
    assert 'href="?q=grain&amp;verdict=false&amp;page=1"' in second
    assert "grain harvest true" not in first + second
    # Without filters the links stay as they were.
    assert 'href="?page=2"' in _page(client, {})


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"verdict": "pants_on_fire"}, "There is no such verdict"),
        ({"verdict": "\x00"}, "There is no such verdict"),
        ({"verdict": "x" * 5000}, "There is no such verdict"),
        ({"q": "x" * (MAX_SEARCH_CHARS + 1)}, f"at most {MAX_SEARCH_CHARS} characters"),
        ({"q": "word " * 10_000}, f"at most {MAX_SEARCH_CHARS} characters"),
    ],
)
def test_bad_values_show_a_notice_and_the_unfiltered_list(
    client: Client, params: dict[str, str], notice: str
) -> None:
    published_claim_build(text="wages doubled")
    html = _page(client, params)
    assert notice in html
    assert _listed(html) == ["wages doubled"]


@pytest.mark.parametrize(
    "q",
    [
        "wages\x00",
        "\x00\x00\x00",
        "%' OR 1=1 --",
        '"unclosed -',
        "wages | ! & <-> :*",
        "トレード 💰",
        "   ",
        "a " * 99,
    ],
)
def test_hostile_searches_are_answered_not_crashed(client: Client, q: str) -> None:
    published_claim_build(text="wages doubled")
    html = _page(client, {"q": q})
    assert "\x00" not in html
    assert "<h1>Published fact-checks</h1>" in html


def test_a_search_with_nul_characters_searches_the_rest(client: Client) -> None:
    published_claim_build(text="wages doubled")
    published_claim_build(text="rents rose")
    assert _listed(_page(client, {"q": "wa\x00ges"})) == ["wages doubled"]


def test_searching_and_filtering_cost_a_fixed_number_of_queries(
    client: Client, settings: Any
) -> None:
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0

    def count(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as queries:
            _page(client, params)
        return len(queries)

    params = {"q": "fell", "verdict": "false"}
    published_claim_build(text="output fell", verdict=Claim.Verdict.FALSE)
    few = count(params)
    for n in range(30):
        published_claim_build(text=f"output {n} fell", verdict=Claim.Verdict.FALSE)
    assert count(params) == few
    assert count({}) == few


def test_postgres_page_search_reads_web_search_syntax_and_lists_the_best_match_first(
    client: Client, postgres: None
) -> None:
    long_ago = timezone.now() - dt.timedelta(days=30)
    best = published_claim_build(
        text="wheat wheat wheat",
        sentence="Wheat prices, wheat stocks and wheat exports all rose.",
        rationale="Wheat figures from the grain board.",
        published_at=long_ago,
    )
    weak = published_claim_build(text="prices rose", sentence="Prices of wheat rose.")
    with_rye = published_claim_build(text="rye and wheat", sentence="Rye and wheat fell.")
    listed = _listed(_page(client, {"q": "wheat"}))
    # The oldest, but the best match: first. Newest first would have put it last.
    assert listed[0] == best.text
    assert sorted(listed[1:]) == sorted([weak.text, with_rye.text])
    assert sorted(_listed(_page(client, {"q": "wheat -rye"}))) == sorted([best.text, weak.text])
    assert _listed(_page(client, {"q": '"prices of wheat"'})) == [weak.text]
    assert _listed(_page(client, {"q": "the"})) == []
