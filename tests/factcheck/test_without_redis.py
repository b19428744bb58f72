"""With Redis unreachable the product stays up: readers are served, editors are told.

The web server runs as in production (gunicorn, DEBUG off) with REDIS_URL on a port where
nothing listens, so the cache, the rate limits and the task queue are all gone at once.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.contrib.auth import get_user_model

from claims.models import Article
from sources.models import ClaimSource
from tests.conftest import subprocess_env, wait_until
from tests.desk.test_source_admin import _claim_form
from tests.factcheck.test_compose import Started
from tests.public.conftest import World

PASSWORD = "a-long-test-password-42"
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    closed = f"redis://127.0.0.1:{_free_port()}/0"  # bound a moment ago, now nobody listens
    port = _free_port()
    env = subprocess_env(
        REDIS_URL=closed,
        SECRET_KEY="without-redis-test-secret-key",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="4",
    )
    env.pop("CELERY_BROKER_URL", None)
    web = Started("web", env, tmp_path)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return httpx.get(f"{base}/healthz", timeout=10).status_code in {200, 503}
        except httpx.HTTPError:
            return False

    try:
        assert wait_until(answers, timeout=60), web.output()[-3000:]
        yield base
    finally:
        web.stop()
        log = web.output()
        assert "Traceback" not in log, log[-5000:]


def _logged_in(base: str) -> httpx.Client:
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    client = httpx.Client(base_url=base, follow_redirects=True, timeout=30)
    login = client.get("/admin/login/")
    token = _TOKEN.search(login.text)
    assert token, login.text[:2000]
    done = client.post(
        "/admin/login/?next=/admin/",
        data={"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
    )
    assert done.status_code == 200
    assert "Log out" in done.text or "logout" in done.text
    return client


def test_readers_are_served_and_health_says_what_is_down(server: str) -> None:
    world = World()
    claim = world.published.pk
    routes = [
        "/api/v1/claims/",
        f"/api/v1/claims/{claim}/",
        f"/api/v1/claims/{claim}/claimreview",
        "/api/v1/claims/?search=exports",
        "/api/v1/articles/",
        "/api/v1/sources/",
        "/api/v1/claims/match?text=exports+rose+by+12%25",
        "/claims/",
        f"/claims/{claim}/",
        "/claims/feed/",
    ]
    with httpx.Client(base_url=server, timeout=30) as client:
        for _ in range(2):  # the second time would come from the cache, were there one
            for route in routes:
                response = client.get(route)
                assert response.status_code == 200, (route, response.text[:500])
        assert world.published.text in client.get(f"/claims/{claim}/").text
        health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["broker"]["ok"] is False
    assert health.json()["database"]["ok"] is True


def test_an_import_is_stored_and_the_page_says_its_extraction_waits(server: str) -> None:
    client = _logged_in(server)
    form = client.get("/admin/claims/article/add/")
    token = _TOKEN.search(form.text)
    assert token
    story = "Harbour traffic rose by 12% in 2025, the port authority said on Monday.\n"
    response = client.post(
        "/admin/claims/article/add/",
        data={"text": story, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{server}/admin/claims/article/add/"},
    )
    assert response.status_code == 200, response.text[:2000]
    assert "its extraction could not be queued: the task queue is unavailable" in response.text
    article = Article.objects.get()
    assert article.extraction_status == Article.ExtractionStatus.QUEUED
    assert "waiting for a worker" in article.extraction_error


def test_linking_a_source_keeps_the_link_and_the_page_says_its_fetch_waits(server: str) -> None:
    from tests.sources.test_sources import trade_claim

    client = _logged_in(server)
    claim = trade_claim()
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    token = _TOKEN.search(page.text)
    assert token, page.text[:2000]
    data: dict[str, Any] = _claim_form(claim, add_source_url="https://stats.example.org/t")
    data["csrfmiddlewaretoken"] = token.group(1)
    response = client.post(f"/admin/claims/claim/{claim.pk}/change/", data=data)
    assert response.status_code == 200, response.text[:2000]
    assert "but its fetch could not be queued: the task queue is unavailable" in response.text
    assert ClaimSource.objects.filter(claim=claim).exists()
