"""/claims/check/: "Has this been checked?", the match endpoint's lookup as a page for readers."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from tests.public.conftest import PASTED_POST, SECRET

pytestmark = pytest.mark.django_db

URL = "/claims/check/"
REWORDED = "trade between the two countries reached about $0.8bn in 2020"


def test_the_header_of_every_page_links_the_check_page(client: Client) -> None:
    for url in ["/claims/", "/claims/methodology/", URL]:
        assert f'<a href="{URL}">Has this been checked?</a>' in client.get(url).content.decode()


def test_the_blank_form_works_without_javascript(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<form method="get" action="{URL}">' in html
    assert 'name="text"' in html
    assert "<script" not in html
    assert "Our nearest fact-checks" not in html


def test_a_reworded_claim_shows_the_published_check_with_its_verdict_and_link(
    checks: dict[str, Claim], client: Client
) -> None:
    published = checks["published"]
    response = client.get(URL, {"text": REWORDED})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="/claims/{published.pk}/">{published.published_text}</a>' in html
    assert '<span class="verdict verdict-mostly_true">Mostly true</span>' in html
    assert "% alike" in html
    assert REWORDED in html  # the form keeps what was asked
    # The same lookup as the endpoint's, which finds the same check.
    api = client.get("/api/v1/claims/match", {"text": REWORDED}).json()
    assert [r["claim"]["id"] for r in api["results"]] == [published.pk]


def test_a_claim_nobody_checked_says_so(checks: dict[str, Claim], client: Client) -> None:
    html = client.get(URL, {"text": "trade between the two countries reached $8bn in 2020"})
    assert "We have not published a fact-check of this claim." in html.content.decode()


def test_unpublished_checks_never_show(checks: dict[str, Claim], client: Client) -> None:
    response = client.get(URL, {"text": "rice exports to the region fell to 40,000 tonnes in 2019"})
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET not in html
    assert f"/claims/{checks['unpublished'].pk}/" not in html
    assert "We have not published a fact-check of this claim." in html


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "This field may not be blank."),
        ("   ", "Text must contain words to match."),
        ("?! -- ...", "Text must contain words to match."),
        ("trade\x00figures", "Null characters are not allowed."),
        ("x" * 2001, "no more than 2000 characters"),
        ("x" * 100_000, "no more than 2000 characters"),
    ],
)
def test_what_the_endpoint_refuses_the_page_refuses_with_a_clear_message(
    client: Client, text: str, problem: str
) -> None:
    page = client.get(URL, {"text": text})
    assert page.status_code == 400
    html = page.content.decode()
    assert problem in html
    assert "\x00" not in html
    assert len(html) < 10_000  # a long text is not sent back whole
    assert client.get("/api/v1/claims/match", {"text": text}).status_code == 400


def test_hostile_text_is_answered_not_crashed(checks: dict[str, Claim], client: Client) -> None:
    for text in ["%' OR 1=1 --", "トレード 800", "💰 $800 million 💰", "<script>x</script>"]:
        response = client.get(URL, {"text": text})
        assert response.status_code == 200, text
        assert "<script>x" not in response.content.decode()


def test_the_page_shares_the_endpoints_rate_and_a_throttled_reader_gets_a_clear_429(
    checks: dict[str, Claim], settings: Any
) -> None:
    # An address of its own: without Redis the counts live in the process, across tests.
    client = Client(REMOTE_ADDR="198.51.100.21")
    cache.clear()
    settings.FACTCHECK_MATCH_ANON_RATE = "2/minute"
    assert client.get(URL, {"text": "trade figures 1"}).status_code == 200
    assert client.get("/api/v1/claims/match", {"text": "trade figures 2"}).status_code == 200
    refused = client.get(URL, {"text": "trade figures 3"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    html = refused.content.decode()
    assert "Too many look-ups from your address" in html
    assert "<header>" in html
    # One quota for both: the endpoint is refused now too, and the rest of the site is not.
    assert client.get("/api/v1/claims/match", {"text": "trade figures 4"}).status_code == 429
    assert client.get("/claims/").status_code == 200


def test_a_repeated_lookup_is_throttled_even_when_its_page_is_cached(
    checks: dict[str, Claim], settings: Any
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.22")
    cache.clear()
    settings.FACTCHECK_MATCH_ANON_RATE = "2/minute"
    first = client.get(URL, {"text": REWORDED})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL, {"text": REWORDED})
    assert (first.status_code, again.status_code) == (200, 200)
    assert len(queries) == 0  # from the cache
    assert again.content == first.content
    assert client.get(URL, {"text": REWORDED}).status_code == 429


def test_writes_are_refused(client: Client) -> None:
    assert client.post(URL, {"text": "trade"}).status_code == 405


def test_a_pasted_post_shows_the_check_though_its_signature_is_dated_another_year(
    checks: dict[str, Claim], client: Client
) -> None:
    published = checks["published"]
    html = client.get(URL, {"text": PASTED_POST}).content.decode()
    assert f'<a href="/claims/{published.pk}/">{published.published_text}</a>' in html
    tenfold = client.get(URL, {"text": PASTED_POST.replace("$800 million", "$8 billion")})
    assert "We have not published a fact-check of this claim." in tenfold.content.decode()
