"""The server-side cache of public responses: it never shows the public a change late."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from public.versioning import publication_version
from sources.models import ClaimSource, Evidence
from tests.builders import claim_build, source_build
from tests.public.conftest import World, link, published_claim_build


def _routes(world: World) -> list[str]:
    claim = world.published.pk
    return [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim}/",
        f"/api/v1/claims/{claim}/claimreview",
        "/api/v1/claims/?verdict=false&search=exports",
        "/api/v1/articles/",
        "/api/v1/sources/",
        "/claims/",
        f"/claims/{claim}/",
        "/claims/feed/",
        "/claims/?verdict=false&q=exports",
        f"/claims/check/?text={CHECK_TEXT}",
    ]


# A reader's wording of the world's published claim, which the check page finds.
CHECK_TEXT = "exports%20rose%20by%2012%25%20last%20year"


def test_a_repeated_request_is_answered_from_the_cache_without_queries(
    world: World, client: Client, settings: Any
) -> None:
    # The version row is read again once a second; a first request that loads the matching
    # model can take longer than that on a busy machine, which is not what this test is about.
    settings.FACTCHECK_PUBLIC_VERSION_RECHECK = 60.0
    for url in _routes(world):
        first = client.get(url)
        assert first.status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.status_code == 200, url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        assert again.content == first.content, url
        assert again["ETag"] == first["ETag"], url
        assert again["Last-Modified"] == first["Last-Modified"], url
        assert "public" in again["Cache-Control"], url


def test_with_the_cache_off_every_request_reads_the_database(
    world: World, client: Client, settings: Any
) -> None:
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0
    client.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/claims/").status_code == 200
    assert len(queries) > 0


def _edit_rationale(world: World) -> None:
    world.published.rationale = "Revised after a reader's note."
    world.published.save()


def _correct_verdict(world: World) -> None:
    world.published.verdict = Claim.Verdict.MOSTLY_TRUE
    world.published.save()


def _edit_evidence(world: World) -> None:
    evidence = Evidence.objects.get(claim=world.published)
    evidence.passage = "Exports fell by 4% in 2020."
    evidence.save()


def _delete_evidence(world: World) -> None:
    Evidence.objects.filter(claim=world.published).delete()


def _edit_source(world: World) -> None:
    world.public_source.title = "Trade bulletin, revised"
    world.public_source.save()


def _delete_link(world: World) -> None:
    ClaimSource.objects.filter(claim=world.published).delete()


def _add_link(world: World) -> None:
    link(world.published, source_build(title="A second bulletin"))


def _edit_article(world: World) -> None:
    world.public_article.title = "Trade figures, corrected"
    world.public_article.save()


def _publish_another(world: World) -> None:
    published_claim_build(world.public_article, text="tariffs fell by 8%")


CHANGES: dict[str, Callable[[World], None]] = {
    "rationale edited": _edit_rationale,
    "verdict corrected": _correct_verdict,
    "evidence edited": _edit_evidence,
    "evidence deleted": _delete_evidence,
    "source edited": _edit_source,
    "link deleted": _delete_link,
    "link added": _add_link,
    "article edited": _edit_article,
    "another claim published": _publish_another,
}
# Where each change shows, as a route template over the world's claim.
SHOWN_AT = {
    "rationale edited": ["/api/v1/claims/", "/api/v1/claims/{c}/", "/claims/{c}/"],
    "verdict corrected": [
        "/api/v1/claims/",
        "/api/v1/claims/{c}/",
        "/api/v1/claims/{c}/claimreview",
        "/claims/",
        "/claims/{c}/",
        "/claims/feed/",
        "/claims/?q=exports",
        "/claims/?verdict=false",
        f"/claims/check/?text={CHECK_TEXT}",
    ],
    "evidence edited": ["/api/v1/claims/", "/api/v1/claims/{c}/", "/claims/{c}/"],
    "evidence deleted": ["/api/v1/claims/{c}/", "/claims/{c}/"],
    "source edited": ["/api/v1/claims/{c}/", "/api/v1/sources/", "/claims/{c}/"],
    "link deleted": ["/api/v1/claims/{c}/", "/claims/{c}/"],
    "link added": ["/api/v1/claims/{c}/", "/api/v1/sources/", "/claims/{c}/"],
    "article edited": [
        "/api/v1/claims/",
        "/api/v1/articles/",
        "/api/v1/claims/{c}/claimreview",
        "/claims/{c}/",
    ],
    "another claim published": [
        "/api/v1/claims/",
        "/api/v1/articles/",
        "/claims/",
        "/claims/?q=tariffs",
        "/claims/?verdict=false",
        "/claims/feed/",
    ],
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_every_public_change_shows_in_the_next_response(
    world: World, client: Client, change: str
) -> None:
    urls = [route.format(c=world.published.pk) for route in SHOWN_AT[change]]
    before = {url: client.get(url) for url in urls}
    for url in urls:  # now cached
        assert client.get(url).content == before[url].content, url
    CHANGES[change](world)
    for url in urls:
        after = client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"])
        assert after.status_code == 200, (change, url)
        assert after.content != before[url].content, (change, url)
        assert after["ETag"] != before[url]["ETag"], (change, url)


def test_an_unpublished_claim_never_comes_back_from_the_cache(world: World, client: Client) -> None:
    claim = world.published.pk
    urls = [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim}/",
        f"/api/v1/claims/{claim}/claimreview",
        "/api/v1/claims/?search=exports",
        "/api/v1/articles/",
        "/api/v1/sources/",
        "/claims/",
        f"/claims/{claim}/",
        "/claims/feed/",
        "/claims/?q=exports",
        "/claims/?verdict=false",
        f"/claims/check/?text={CHECK_TEXT}",
    ]
    for url in urls:
        assert client.get(url).status_code == 200
        again = client.get(url)  # served from the cache
        assert again.status_code == 200
        if url.startswith("/claims/"):  # the pages that list it, new ones among them
            assert f"/claims/{claim}/" in again.content.decode(), url
    world.published.status = Claim.Status.REVIEWED
    world.published.published_at = None
    world.published.save()
    for url in urls:
        response = client.get(url)
        if f"/{claim}/" in url:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 200, url
            html = response.content.decode()
            assert f"/claims/{claim}/" not in html, url
            if "/check/" not in url:  # whose form shows the reader's words back
                assert world.published.text not in html, url


@pytest.mark.django_db(transaction=True)
def test_other_requests_see_a_new_version_exactly_when_the_change_commits() -> None:
    from django.db import connections, transaction

    from public.versioning import publication_version_forget

    def seen_elsewhere() -> str:
        # Another thread, with a connection of its own, as another request would be.
        found: list[str] = []

        def read() -> None:
            publication_version_forget()
            found.append(publication_version())
            connections.close_all()

        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
        return found[0]

    start = publication_version()
    with transaction.atomic():
        world = World()
        _edit_rationale(world)
        during = publication_version()
        assert during != start  # the writer reads its own change
        # Others still pair the old version with the old data: nothing they cache now can be
        # served once the change is in.
        assert seen_elsewhere() == start
    assert seen_elsewhere() == during
    assert publication_version() == during


def test_drafts_and_their_articles_leave_the_cache_alone_until_published(
    world: World, client: Client
) -> None:
    before = client.get("/api/v1/claims/")
    version = publication_version()
    draft = claim_build(world.private_article, text="draft only")
    draft.rationale = "still private"
    draft.save()
    world.private_article.title = "Renamed, still private"
    world.private_article.save()
    assert publication_version() == version
    after = client.get("/api/v1/claims/")
    assert after.content == before.content
    assert after["ETag"] == before["ETag"]
    draft.status = Claim.Status.PUBLISHED
    draft.verdict = Claim.Verdict.FALSE
    draft.published_text = draft.text
    draft.published_at = world.published.published_at
    draft.save()
    assert publication_version() != version
    assert "draft only" in client.get("/api/v1/claims/").content.decode()


def test_marking_a_repeat_of_a_published_claim_renews_its_claimreview(
    world: World, client: Client
) -> None:
    url = f"/api/v1/claims/{world.published.pk}/claimreview"
    before = client.get(url).json()["itemReviewed"]["appearance"]
    repeat = claim_build(world.private_article, text="said again elsewhere")
    version = publication_version()
    repeat.duplicate_of = world.published
    repeat.duplicate_link = Claim.DuplicateLink.EDITOR
    repeat.save()
    assert publication_version() != version
    after = client.get(url).json()["itemReviewed"]["appearance"]
    assert len(after) == len(before) + 1
    # The repeat's article is now an appearance: renaming it renews the version too.
    version = publication_version()
    world.private_article.title = "Renamed appearance"
    world.private_article.save()
    assert publication_version() != version
    assert client.get(url).json()["itemReviewed"]["appearance"][-1]["headline"] == (
        "Renamed appearance"
    )


def test_hosts_and_representations_are_cached_apart(world: World, client: Client) -> None:
    url = f"/api/v1/claims/{world.published.pk}/"
    local = client.get(url, HTTP_HOST="localhost").json()
    other = client.get(url, HTTP_HOST="127.0.0.1").json()
    assert local["page_url"].startswith("http://localhost/")
    assert other["page_url"].startswith("http://127.0.0.1/")
    review = f"/api/v1/claims/{world.published.pk}/claimreview"
    assert client.get(review, HTTP_ACCEPT="application/ld+json")["Content-Type"].startswith(
        "application/ld+json"
    )
    assert client.get(review, HTTP_ACCEPT="application/json")["Content-Type"].startswith(
        "application/json"
    )


@pytest.mark.parametrize("route", ["/claims/", "/claims/{c}/", "/claims/feed/"])
def test_pages_and_the_feed_answer_conditional_requests(
    world: World, client: Client, route: str
) -> None:
    url = route.format(c=world.published.pk)
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    assert "public" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    assert first["Last-Modified"]
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 304
    assert fresh.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    stale = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200
    _correct_verdict(world)
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_missing_page_is_not_cached_and_carries_no_validators(
    world: World, client: Client
) -> None:
    url = f"/claims/{world.drafts[0].pk}/"
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("ETag")
    world.drafts[0].status = Claim.Status.PUBLISHED
    world.drafts[0].verdict = Claim.Verdict.FALSE
    world.drafts[0].published_text = world.drafts[0].text
    world.drafts[0].published_at = world.published.published_at
    world.drafts[0].save()
    assert client.get(url).status_code == 200


def test_the_redis_cache_keeps_one_client() -> None:
    from django.core.cache import caches

    from caching.backend import RedisCache

    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        pytest.skip("the default cache is not Redis here")
    cache.set("public:test:client", 1, 5)
    assert cache.get("public:test:client") == 1
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def test_a_body_rendered_from_data_read_before_a_change_is_not_served_after_it(
    world: World, rf: Any
) -> None:
    from django.http import HttpResponse

    from public.conditional import conditional_page

    def rationale() -> str:
        return Claim.objects.get(pk=world.published.pk).rationale

    def racing_view(request: Any) -> HttpResponse:
        body = rationale()
        _edit_rationale(world)  # a change lands while this request is still rendering
        return HttpResponse(body)

    first = conditional_page(60)(racing_view)(rf.get("/race/", HTTP_HOST="localhost"))
    assert first.content.decode() != rationale()
    later = conditional_page(60)(lambda request: HttpResponse(rationale()))(
        rf.get("/race/", HTTP_HOST="localhost")
    )
    assert later.content.decode() == rationale()
    assert later["ETag"] != first["ETag"]


def test_bodies_rendered_by_another_release_are_not_served(
    world: World, client: Client, settings: Any
) -> None:
    from public.conditional import release_fingerprint

    url = f"/api/v1/claims/{world.published.pk}/claimreview"
    before = client.get(url)
    release_fingerprint.cache_clear()
    settings.FACTCHECK_PUBLISHER_NAME = "Harbour Fact Check"
    try:
        after = client.get(url)
        assert "Harbour Fact Check" in after.content.decode()
        assert after["ETag"] != before["ETag"]
    finally:
        release_fingerprint.cache_clear()
