"""Articles come in as pasted text, files or URLs; the same article twice is one article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

import fetching
from claims import services
from claims.models import Article
from claims.tasks import extract_article, fetch_article_page
from tests.conftest import LocalSite
from tests.extraction.pages import HEADLINE, news_page

pytestmark = pytest.mark.django_db

STORY = (
    "Top Stories\n"
    "Share this article\n\n"
    "Port Ellis council approves $45 million flood barrier\n\n"
    "The council voted 9 to 2 on Monday to build a 3-km flood barrier, the city's largest "
    "public works project since 1998. Construction should take between 18 and 24 months.\n"
    "Share this article\n"
)


def test_it_stores_the_clean_text_and_queues_extraction_after_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        result = services.article_ingest(raw_input=STORY, outlet="Ledger")
    article = result.article
    assert result.created
    assert article.extraction_status == Article.ExtractionStatus.QUEUED
    assert article.title == "Port Ellis council approves $45 million flood barrier"
    assert "Top Stories" not in article.clean_text
    assert "Share this article" not in article.clean_text
    assert "$45 million" in article.clean_text
    assert len(callbacks) == 2  # the extraction's message, and the article.ingested event


def test_importing_the_same_article_twice_returns_the_first() -> None:
    first = services.article_ingest(raw_input=STORY).article
    again = services.article_ingest(raw_input=STORY.replace("\n\n", "\n\n\n") + "\n  ")
    assert not again.created
    assert again.article.pk == first.pk
    assert Article.objects.count() == 1


def test_pasted_text_keeps_its_original_url_normalized_as_page_urls_are() -> None:
    given = "  HTTPS://News.Example.org:443/flood?utm_source=feed&id=7#comments "
    article = services.article_ingest(raw_input=STORY, url=given).article
    assert article.url == fetching.normalize_url(given) == "https://news.example.org/flood?id=7"
    assert Article.objects.get(pk=article.pk).url == article.url


def test_the_same_text_under_another_url_is_still_the_first_article() -> None:
    first = services.article_ingest(raw_input=STORY, url="https://news.example.org/a").article
    again = services.article_ingest(raw_input=STORY, url="https://elsewhere.example/b")
    assert (again.created, again.article.pk) == (False, first.pk)
    assert Article.objects.get(pk=first.pk).url == "https://news.example.org/a"


def test_a_url_another_article_has_is_refused_with_the_article_named() -> None:
    url = "https://news.example.org/flood"
    first = services.article_ingest(raw_input=STORY, url=url).article
    with pytest.raises(services.ArticleURLTakenError, match=f"article #{first.pk}") as raised:
        services.article_ingest(raw_input=STORY + "\nAn update.", url=url + "?utm_medium=x")
    assert raised.value.article == first
    assert isinstance(raised.value, services.ArticleInputError)
    assert Article.objects.count() == 1


def test_a_url_taken_between_the_check_and_the_insert_is_refused_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from claims.services import ingest

    url = "https://news.example.org/flood"
    services.article_ingest(raw_input=STORY, url=url)
    real_check = ingest._url_free
    checks: list[str] = []

    def late_check(taken: str) -> None:  # the first look finds the URL free, as in a race
        checks.append(taken)
        if len(checks) > 1:
            real_check(taken)

    monkeypatch.setattr(ingest, "_url_free", late_check)
    with pytest.raises(services.ArticleURLTakenError):
        services.article_ingest(raw_input=STORY + "\nAn update.", url=url)
    assert checks == [url, url]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "ftp://files.example.org/story.txt",
        "javascript:alert(1)",
        "mailto:desk@example.org",
        "news.example.org/no-scheme",
        "https://",
        "https://example.org:99999/x",
        "https://example.org/" + "x" * 2000,
    ],
)
def test_an_original_url_that_is_not_an_http_address_is_refused(url: str) -> None:
    with pytest.raises(services.ArticleInputError, match="URL"):
        services.article_ingest(raw_input=STORY, url=url)
    assert Article.objects.count() == 0


def test_it_reads_uploaded_utf8_bytes_with_a_bom() -> None:
    article = services.article_ingest(raw_input="\ufeff".encode() + STORY.encode()).article
    assert article.clean_text.startswith("Port Ellis")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("   \n\t  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "binary"),
        (b"caf\xe9 au lait costs \xa35", "UTF-8"),
        ("<html><script>alert(1)</script><script>x()</script></html>", "no article text"),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(raw: str | bytes, message: str) -> None:
    with pytest.raises(services.ArticleInputError, match=message):
        services.article_ingest(raw_input=raw)
    assert Article.objects.count() == 0


def test_text_over_the_size_limit_is_refused(settings: Any) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1000
    with pytest.raises(services.ArticleInputError, match="limit"):
        services.article_ingest(raw_input="The budget rose 5%. " * 100)
    assert Article.objects.count() == 0


def test_it_fetches_an_article_by_url_once_in_the_background(
    local_site: LocalSite,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    page = (
        "<html><head><title>Flood barrier</title></head><body><nav>Home | World</nav>"
        "<article><h1>Council approves flood barrier</h1><p>The council voted on Monday to "
        "build a 3-km flood barrier costing $45 million, the largest public works project in "
        "the city since 1998, officials said.</p><p>Construction should take between 18 and 24 "
        "months, according to the city engineer.</p></article></body></html>"
    )
    local_site.add("/news/flood", page)
    url = local_site.url("/news/flood?utm_source=feed")
    sent: list[tuple[str, int]] = []
    monkeypatch.setattr(fetch_article_page, "delay", lambda pk: sent.append(("fetch", pk)))
    monkeypatch.setattr(extract_article, "delay", lambda pk: sent.append(("extract", pk)))
    with django_capture_on_commit_callbacks(execute=True):
        first = services.article_import_url(url=url)
    assert first.created
    assert first.article.extraction_status == Article.ExtractionStatus.FETCHING
    assert local_site.hits.get("/news/flood") is None  # not fetched while the editor waits
    assert sent == [("fetch", first.article.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        fetch_article_page(first.article.pk)
    article = Article.objects.get(pk=first.article.pk)
    assert article.url == local_site.url("/news/flood")
    assert article.input_format == Article.InputFormat.HTML
    assert "$45 million" in article.clean_text
    assert article.extraction_status == Article.ExtractionStatus.QUEUED
    assert sent[-1] == ("extract", article.pk)
    again = services.article_import_url(url=url)
    assert (again.created, again.article.pk) == (False, first.article.pk)
    assert local_site.hits["/news/flood"] == 1


def test_the_demo_article_is_original_text_shipped_with_the_project() -> None:
    assert settings.FACTCHECK_DEMO_ARTICLE.is_file()
    text = settings.FACTCHECK_DEMO_ARTICLE.read_text(encoding="utf-8")
    assert "$" in text
    assert '"' in text


def test_an_html_page_fills_the_fields_the_editor_left_empty() -> None:
    article = services.article_ingest(raw_input=news_page()).article
    assert (article.title, article.author, article.outlet) == (
        HEADLINE,
        "Amal Sorensen",
        "Kelmar Daily",
    )
    assert article.published_on == dt.date(2023, 3, 6)
    assert article.url == "https://news.kelmar.example/harbour/strike-ends"
    assert article.language == "en"
    assert article.clean_text.startswith(HEADLINE)


def test_the_editors_values_win_over_the_pages() -> None:
    article = services.article_ingest(
        raw_input=news_page(),
        title="Strike over",
        url="https://ledger.example/strike",
        outlet="Ledger",
        author="Desk",
        published_on=dt.date(2023, 3, 7),
    ).article
    assert (article.title, article.url, article.outlet, article.author) == (
        "Strike over",
        "https://ledger.example/strike",
        "Ledger",
        "Desk",
    )
    assert article.published_on == dt.date(2023, 3, 7)


def test_page_values_are_cut_to_the_column_widths() -> None:
    names = "; ".join(f"Reporter Number{i}" for i in range(40))
    title = " ".join(["Kelmar harbour reopens after the longest strike in its history"] * 12)
    article = services.article_ingest(
        raw_input=news_page(author_meta=names, title=title, show_headline=False)
    ).article
    for field in ("title", "author", "outlet", "url", "language"):
        limit = Article._meta.get_field(field).max_length
        assert 0 < len(getattr(article, field)) <= limit, field
    assert article.author.startswith("Reporter Number0; Reporter Number1")


def test_a_canonical_url_that_another_article_has_is_not_taken_over() -> None:
    canonical = "https://news.kelmar.example/harbour/strike-ends"
    first = services.article_ingest(raw_input=STORY, url=canonical).article
    second = services.article_ingest(raw_input=news_page(canonical=canonical))
    assert second.created
    assert second.article.pk != first.pk
    assert second.article.url == ""


def test_plain_text_keeps_the_default_language_and_no_page_fields() -> None:
    article = services.article_ingest(raw_input=STORY).article
    assert (article.language, article.author, article.outlet, article.url) == ("en", "", "", "")
    assert article.published_on is None


def test_a_fetched_page_fills_author_outlet_date_and_language_but_keeps_its_url(
    local_site: LocalSite,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    local_site.add("/strike", news_page(lang=' lang="fr"'))
    monkeypatch.setattr(fetch_article_page, "delay", lambda pk: None)
    monkeypatch.setattr(extract_article, "delay", lambda pk: None)
    with django_capture_on_commit_callbacks(execute=True):
        imported = services.article_import_url(url=local_site.url("/strike"), outlet="Ledger")
    with django_capture_on_commit_callbacks(execute=True):
        fetch_article_page(imported.article.pk)
    article = Article.objects.get(pk=imported.article.pk)
    assert article.url == local_site.url("/strike")
    assert (article.title, article.author, article.outlet) == (HEADLINE, "Amal Sorensen", "Ledger")
    assert article.published_on == dt.date(2023, 3, 6)
    assert article.language == "fr"


BOILERPLATE_ONLY = (
    "Subscribe to our newsletter\n"
    "Share this article\n"
    "© 2025 The Ledger. All rights reserved.\n"
    "Advertisement\n"
)


def _ingest_in_admin(data: dict[str, Any]) -> Any:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(User.objects.create_superuser("ada", password="pw"))
    return client.post(reverse("admin:claims_article_add"), data)


def _ingest_by_command(path: Any) -> str:
    from io import StringIO

    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as refused:
        call_command("ingest", str(path), stdout=StringIO())
    return str(refused.value)


def test_a_paste_of_boilerplate_only_is_refused_everywhere_with_the_reason(tmp_path: Any) -> None:
    with pytest.raises(services.ArticleInputError, match="no article text is left"):
        services.article_ingest(raw_input=BOILERPLATE_ONLY)
    response = _ingest_in_admin({"text": BOILERPLATE_ONLY})
    assert response.status_code == 200
    assert b"no article text is left once boilerplate" in response.content
    path = tmp_path / "menu.txt"
    path.write_text(BOILERPLATE_ONLY)
    assert "no article text is left" in _ingest_by_command(path)
    assert Article.objects.count() == 0


def test_a_fetched_page_of_boilerplate_only_fails_with_the_reason(
    local_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_article_page, "delay", lambda pk: None)
    url = local_site.add("/menu", BOILERPLATE_ONLY, content_type="text/plain")
    article = services.article_import_url(url=url).article
    with pytest.raises(services.ArticleInputError, match="no article text is left"):
        services.article_page_fetch(article_id=article.pk)
    article.refresh_from_db()
    assert article.clean_text == ""


def test_one_upload_size_rule_holds_for_the_service_the_admin_and_the_command(
    settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1000
    assert services.article_upload_limit() == 4000
    too_big = ("The budget rose 5%. " * 201).encode()  # 4,020 bytes
    with pytest.raises(services.ArticleInputError, match="at most 4,000 are accepted"):
        services.article_ingest(raw_input=too_big)
    upload = SimpleUploadedFile("big.txt", too_big, content_type="text/plain")
    response = _ingest_in_admin({"upload": upload})
    assert response.status_code == 200
    assert b"the file is 4,020 bytes; at most 4,000 are accepted" in response.content
    path = tmp_path / "big.txt"
    path.write_bytes(too_big)
    assert "at most 4,000 are accepted" in _ingest_by_command(path)
    assert Article.objects.count() == 0
    # At the limit a file of four-byte characters is read and judged by its characters.
    services.article_upload_check(size=4000)
