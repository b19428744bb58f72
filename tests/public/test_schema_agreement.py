"""The public API refuses what its OpenAPI schema forbids, accepts what it allows, and the schema
documents each limit the API enforces: one test per disagreement schemathesis (or a probe) found."""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from public.filters import MAX_ID
from tests.builders import article_build
from tests.public.conftest import World, published_claim_build

pytestmark = pytest.mark.django_db


def _schema(client: Client) -> dict[str, Any]:
    schema: dict[str, Any] = client.get("/api/v1/schema/?format=json").json()
    return schema


def _parameter(client: Client, path: str, name: str) -> dict[str, Any]:
    operation = _schema(client)["paths"][path]["get"]
    (parameter,) = [p for p in operation["parameters"] if p["name"] == name]
    return parameter


def _is_json_404(response: Any) -> bool:
    return (
        response.status_code == 404
        and response["Content-Type"].startswith("application/")
        and response["Content-Type"].split(";")[0].endswith("json")
        and isinstance(response.json()["detail"], str)
    )


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# --- Ids in the path ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/claims/abc/",
        "/api/v1/claims/1.5/",
        "/api/v1/articles/-3/",
        "/api/v1/sources/-9.4e-18/",
        "/api/v1/claims/abc/claimreview",
        "/api/v1/claims/-1/claimreview",
        "/api/v1/claims/a%0A/",
        "/api/v1/sources/%C3%9B9/",
    ],
)
def test_an_id_that_is_not_a_whole_number_answers_a_json_404(client: Client, url: str) -> None:
    assert _is_json_404(client.get(url))


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/claims/{MAX_ID + 1}/",
        f"/api/v1/articles/{10**30}/",
        f"/api/v1/claims/{MAX_ID + 1}/claimreview",
        "/api/v1/sources/0/",
    ],
)
def test_an_id_outside_the_key_range_answers_a_json_404(client: Client, url: str) -> None:
    assert _is_json_404(client.get(url))


def test_any_other_api_url_answers_a_json_404_whatever_the_method(client: Client) -> None:
    for url in ["/api/v1/", "/api/v1/nothing/here/", "/api/v1/claims/1/nothing"]:
        assert _is_json_404(client.get(url)), url
        # Not the HTML 403 of CSRF protection either.
        assert _is_json_404(client.post(url)), url


def test_an_api_url_missing_its_slash_is_still_redirected_to_it(client: Client) -> None:
    for url in ["/api/v1/claims", "/api/v1/claims/1", "/api/v1/schema"]:
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == f"{url}/"


def test_path_ids_are_documented_as_whole_numbers_in_the_key_range(client: Client) -> None:
    paths = _schema(client)["paths"]
    for path in [
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/claimreview",
        "/api/v1/articles/{id}/",
        "/api/v1/sources/{id}/",
    ]:
        (parameter,) = [p for p in paths[path]["get"]["parameters"] if p["in"] == "path"]
        assert parameter["schema"] == {
            "type": "integer",
            "format": "int64",
            "minimum": 1,
            "maximum": MAX_ID,
        }, path


# --- Query parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/claims/?published_before=", "published"),
        ("/api/v1/claims/?published_after=2020-1-5", "published"),
        ("/api/v1/claims/?claimed_after=01/02/2020", "claimed"),
        ("/api/v1/claims/?claimed_before=2021-02-30", "claimed"),
        ("/api/v1/articles/?published_on_after=", "published_on"),
        ("/api/v1/articles/?published_on_before=20200105", "published_on"),
    ],
)
def test_a_date_empty_or_not_in_iso_format_is_a_400(client: Client, url: str, name: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert name in response.json()


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Tokyo"])
def test_the_first_and_last_dates_are_read_in_any_time_zone(
    client: Client, world: World, settings: Any, zone: str
) -> None:
    settings.TIME_ZONE = zone
    published_claim_build(article_build(published_on=dt.date(2020, 5, 1)))
    widest = "{0}_after=0001-01-01&{0}_before=9999-12-31"
    for url, expected in [
        ("/api/v1/claims/?" + widest.format("published"), 2),
        # The world's article has no date: the widest range still leaves it out.
        ("/api/v1/claims/?" + widest.format("claimed"), 1),
        ("/api/v1/articles/?" + widest.format("published_on"), 1),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.json()["results"]) == expected, url


@pytest.mark.parametrize("size", ["0", "101", "-1", "ten", "", "2.5"])
def test_a_page_size_outside_1_to_100_is_a_400_not_replaced(client: Client, size: str) -> None:
    for url in ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/sources/"]:
        response = client.get(url, {"page_size": size})
        assert response.status_code == 400, url
        assert "page_size" in response.json()


def test_page_sizes_from_1_to_100_are_accepted_and_documented(client: Client, world: World) -> None:
    assert len(client.get("/api/v1/claims/?page_size=1").json()["results"]) == 1
    assert client.get("/api/v1/claims/?page_size=100").status_code == 200
    parameter = _parameter(client, "/api/v1/claims/", "page_size")
    assert parameter["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/claims/?article=0", "article"),
        ("/api/v1/claims/?article=", "article"),
        ("/api/v1/claims/?article=1.5", "article"),
        (f"/api/v1/claims/?article={MAX_ID + 1}", "article"),
        ("/api/v1/sources/?claim=0", "claim"),
        ("/api/v1/sources/?claim=", "claim"),
    ],
)
def test_an_id_filter_outside_the_key_range_is_a_400(client: Client, url: str, name: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert name in response.json()


def test_id_filters_are_documented_as_whole_numbers_in_the_key_range(client: Client) -> None:
    for path, name in [("/api/v1/claims/", "article"), ("/api/v1/sources/", "claim")]:
        schema = _parameter(client, path, name)["schema"]
        assert schema == {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}
    assert _parameter(client, "/api/v1/sources/", "claim")["description"]


@pytest.mark.parametrize("value", ["-0.1", "1.5", "", "nan", "1e400"])
def test_a_checkworthiness_bound_outside_0_to_1_is_a_400(client: Client, value: str) -> None:
    for name in ["checkworthiness_min", "checkworthiness_max"]:
        response = client.get("/api/v1/claims/", {name: value})
        assert response.status_code == 400, name
        assert name in response.json()


def test_checkworthiness_bounds_from_0_to_1_are_accepted_and_documented(
    client: Client, world: World
) -> None:
    response = client.get("/api/v1/claims/?checkworthiness_min=0&checkworthiness_max=1")
    assert len(response.json()["results"]) == 1
    for name in ["checkworthiness_min", "checkworthiness_max"]:
        schema = _parameter(client, "/api/v1/claims/", name)["schema"]
        assert (schema["type"], schema["minimum"], schema["maximum"]) == ("number", 0, 1)


@pytest.mark.parametrize("value", ["maybe", "", "1", "yes"])
def test_checkworthy_other_than_true_or_false_is_a_400(client: Client, value: str) -> None:
    response = client.get("/api/v1/claims/", {"checkworthy": value})
    assert response.status_code == 400
    assert "checkworthy" in response.json()


def test_checkworthy_true_or_false_still_filters(client: Client, world: World) -> None:
    def count(value: str) -> int:
        return len(client.get("/api/v1/claims/", {"checkworthy": value}).json()["results"])

    assert count("false") == count("False") == 1  # the world's published claim is not
    assert count("true") == count("True") == 0


def test_a_null_character_in_outlet_is_a_400_as_documented(client: Client) -> None:
    for path in ["/api/v1/claims/", "/api/v1/articles/"]:
        response = client.get(path, {"outlet": "Daily\x00Ledger"})
        assert response.status_code == 400, path
        pattern = _parameter(client, path, "outlet")["schema"]["pattern"]
        assert not re.search(pattern, "Daily\x00Ledger")
        assert re.search(pattern, "Daily Ledger")


def test_an_empty_format_for_claimreview_is_a_404_as_an_unknown_one_is(
    client: Client, world: World
) -> None:
    url = f"/api/v1/claims/{world.published.pk}/claimreview"
    assert client.get(url, {"format": "json"}).status_code == 200
    assert _is_json_404(client.get(url, {"format": ""}))
    assert _is_json_404(client.get(url, {"format": "xml"}))


@pytest.mark.parametrize("position", ["garbage", "2020-01-01T00:00:00+00:00x", "\x00"])
def test_a_cursor_edited_to_a_bad_position_is_a_404_not_a_500(
    client: Client, world: World, position: str
) -> None:
    cursor = _cursor(f"o=1&p={position}")
    for url in [
        "/api/v1/claims/",
        "/api/v1/claims/?ordering=checkworthiness",
        "/api/v1/claims/?ordering=pk",
        "/api/v1/claims/?search=exports",
        "/api/v1/articles/",
        "/api/v1/sources/",
    ]:
        response = client.get(url, {"cursor": cursor})
        assert _is_json_404(response), url
        assert response.json()["detail"] == "Invalid cursor"


def test_a_search_of_many_words_is_answered_not_crashed(client: Client, world: World) -> None:
    words = " ".join(f"word{n}" for n in range(1500))
    for path in ["/api/v1/claims/", "/api/v1/articles/", "/api/v1/sources/"]:
        assert client.get(path, {"search": words}).status_code == 200, path
    # Only the first words narrow: these match the world's public article and source.
    assert client.get("/api/v1/articles/", {"search": "trade " + words}).json()["results"] == []
    first = " ".join(["trade"] * 10 + ["nothing"])
    assert len(client.get("/api/v1/articles/", {"search": first}).json()["results"]) == 1


# --- /api/v1/claims/match ----------------------------------------------------------------------

MATCH = "/api/v1/claims/match"


def test_an_empty_limit_is_a_400_not_the_default(client: Client) -> None:
    response = client.get(MATCH, {"text": "exports rose", "limit": ""})
    assert response.status_code == 400
    assert "limit" in response.json()


def test_the_documented_text_pattern_decides_what_match_accepts(client: Client) -> None:
    schema = _parameter(client, MATCH, "text")["schema"]
    samples = ["?!", "   ", "-- ...", "_", "a", " 9 ", "…", "«»", "กา", "💰", "\xa0", "x\x00y"]
    for text in samples:
        documented = bool(re.search(schema["pattern"], text))
        assert (client.get(MATCH, {"text": text}).status_code == 200) == documented, repr(text)
    # The pattern reads alike in JavaScript: no \w, \s or \d, whose meanings differ there.
    assert not re.search(r"\\[wWsSdD]", schema["pattern"])


def test_the_text_length_limit_counts_every_character_sent(client: Client) -> None:
    assert _parameter(client, MATCH, "text")["schema"]["maxLength"] == 2000
    assert client.get(MATCH, {"text": "  " + "a" * 1998}).status_code == 200
    assert client.get(MATCH, {"text": "  " + "a" * 1999}).status_code == 400


def test_the_limit_is_documented_from_1_to_20(client: Client) -> None:
    schema = _parameter(client, MATCH, "limit")["schema"]
    assert (schema["minimum"], schema["maximum"], schema["default"]) == (1, 20, 5)
    assert client.get(MATCH, {"text": "exports", "limit": "20"}).status_code == 200
    assert client.get(MATCH, {"text": "exports", "limit": "21"}).status_code == 400
