"""Input at and past every limit gets a readable answer: never a 500, a traceback or lost data."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from claims import services
from claims.models import Article
from sources.models import ClaimSource, Source
from tests.desk.test_source_admin import _claim_form
from tests.sources.test_sources import trade_claim

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_article_add")
STORY = "Harbour traffic rose by 12% in 2025, the port authority said on Monday.\n"


def _long_url(length: int) -> str:
    base = "https://stats.example.org/report?q="
    return base + "a" * (length - len(base))


def test_a_paste_larger_than_the_form_limit_gets_a_page_that_says_why(
    admin_client: Client, settings: Any
) -> None:
    text = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1000)
    response = admin_client.post(ADD, {"text": text})
    assert response.status_code == 413
    page = response.content.decode()
    assert "too large to read" in page
    assert f"{settings.FACTCHECK_MAX_ARTICLE_CHARS:,} characters" in page
    assert "Upload the article as a file" in page
    assert Article.objects.count() == 0


@pytest.mark.parametrize("length", [2001, 2048, 5000])
def test_a_source_url_longer_than_the_column_is_refused_on_the_claim_page(
    admin_client: Client, length: int
) -> None:
    claim = trade_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = admin_client.post(url, _claim_form(claim, add_source_url=_long_url(length)))
    assert response.status_code == 200
    assert b"at most 2000 characters" in response.content
    assert not ClaimSource.objects.exists()


def test_a_url_that_grows_past_the_limit_when_normalized_is_refused_by_name(
    admin_client: Client,
) -> None:
    claim = trade_claim()
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    at_limit = "https://stats.example.org" + "?" + "a" * (2000 - len("https://stats.example.org?"))
    response = admin_client.post(url, _claim_form(claim, add_source_url=at_limit), follow=True)
    assert response.status_code == 200
    assert b"at most 2,000 are accepted" in response.content
    assert not Source.objects.exists()


@pytest.mark.parametrize("length", [2001, 2048])
def test_link_source_refuses_a_url_longer_than_the_column_in_one_line(length: int) -> None:
    claim = trade_claim()
    with pytest.raises(CommandError, match="at most 2,000 are accepted"):
        call_command("link_source", "--claim", str(claim.pk), _long_url(length), stdout=StringIO())
    assert not Source.objects.exists()


def test_an_import_url_longer_than_the_column_is_refused_in_the_form(admin_client: Client) -> None:
    response = admin_client.post(ADD, {"url": _long_url(2048)})
    assert response.status_code == 200
    assert b"at most 2000 characters" in response.content
    assert Article.objects.count() == 0


@pytest.mark.parametrize(("option", "limit"), [("--outlet", 200), ("--author", 300)])
def test_ingest_refuses_an_outlet_or_author_longer_than_its_column(
    tmp_path: Any, option: str, limit: int
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    with pytest.raises(CommandError, match=f"at most {limit} are accepted"):
        call_command("ingest", str(path), option, "x" * (limit + 1), stdout=StringIO())
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        ("\ufeff" + STORY).encode("utf-16-le"),  # what Windows tools call "Unicode"
        ("\ufeff" + STORY).encode("utf-16-be"),
        STORY.encode("utf-16-le"),  # no byte-order mark
        STORY.encode("utf-16-be"),
    ],
)
def test_a_utf16_upload_is_read_not_refused_as_binary(admin_client: Client, data: bytes) -> None:
    upload = SimpleUploadedFile("story.txt", data, content_type="text/plain")
    response = admin_client.post(ADD, {"upload": upload})
    assert response.status_code == 302, response.content[:2000]
    assert "Harbour traffic rose by 12%" in Article.objects.get().clean_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe" + b"\x00\xd8" * 8, "not UTF-16-LE text"),  # a lone surrogate
        (b"caf\xe9 " * 10, "not UTF-8 text"),
    ],
)
def test_files_that_are_not_text_are_still_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(services.ArticleInputError, match=message):
        services.article_ingest(raw_input=data)
