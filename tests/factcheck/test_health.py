"""/healthz reports the database and the broker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client

from factcheck.celery import app


@pytest.fixture
def broken_broker() -> Iterator[None]:
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        yield
    finally:
        app.conf.broker_url = original


@pytest.mark.django_db
def test_it_answers_200_when_the_database_and_broker_answer(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_it_answers_503_and_says_why_when_the_broker_is_down(
    client: Client, broken_broker: None
) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is False
    assert body["broker"]["detail"]


@pytest.mark.django_db
def test_it_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405
