"""Editors import articles in the admin by pasting, uploading or giving a URL."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from claims.models import Article
from claims.tasks import extract_article
from tests.conftest import LocalSite

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_article_add")
TEXT = (
    "Port budget grows\n\n"
    "The port's budget grew by 7% to $120 million in 2025, the authority said on Monday. "
    "<script>alert('x')</script>\n"
)


def test_pasting_an_article_imports_it_and_opens_its_page(admin_client: Client) -> None:
    response = admin_client.post(
        ADD, {"text": TEXT, "outlet": "Ledger", "published_on": "2026-02-01"}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])
    assert article.created_by is not None
    assert article.outlet == "Ledger"
    page = admin_client.get(response["Location"])
    assert page.status_code == 200
    assert b"a worker will extract" in page.content


def test_the_article_page_lists_claims_and_escapes_the_text(admin_client: Client) -> None:
    admin_client.post(ADD, {"text": TEXT})
    article = Article.objects.get()
    extract_article(article.pk)
    page = admin_client.get(reverse("admin:claims_article_change", args=[article.pk]))
    assert b"<script>alert" not in page.content
    assert b"&lt;script&gt;" in page.content
    assert b"claim(s) found" in page.content
    assert b"$120 million" in page.content


def test_uploading_a_file_imports_it(admin_client: Client) -> None:
    upload = SimpleUploadedFile("story.txt", TEXT.encode(), content_type="text/plain")
    response = admin_client.post(ADD, {"upload": upload})
    assert response.status_code == 302
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, b"Give exactly one of"),
        ({"text": "   "}, b"document is empty"),
        ({"text": "\x00\x01binary"}, b"Null characters are not allowed"),
        ({"text": "<html><script>x()</script><script>y()</script></html>"}, b"cannot be imported"),
    ],
)
def test_bad_input_shows_a_clear_error(
    admin_client: Client, data: dict[str, str], message: bytes
) -> None:
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert message in response.content
    assert Article.objects.count() == 0


def test_importing_twice_says_it_was_imported_before(admin_client: Client) -> None:
    admin_client.post(ADD, {"text": TEXT})
    response = admin_client.post(ADD, {"text": TEXT}, follow=True)
    assert b"imported before" in response.content
    assert Article.objects.count() == 1


def test_extract_again_action_queues_articles(admin_client: Client) -> None:
    admin_client.post(ADD, {"text": TEXT})
    article = Article.objects.get()
    extract_article(article.pk)
    response = admin_client.post(
        reverse("admin:claims_article_changelist"),
        {"action": "extract_again", "_selected_action": [article.pk]},
        follow=True,
    )
    assert b"Queued 1 article" in response.content
    article.refresh_from_db()
    assert article.extraction_status == Article.ExtractionStatus.QUEUED


def test_importing_by_url_returns_at_once_and_the_page_says_it_is_being_fetched(
    admin_client: Client, local_site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claims.tasks import fetch_article_page

    sent: list[int] = []
    monkeypatch.setattr(fetch_article_page, "delay", sent.append)
    url = local_site.add("/story", "<html><body><p>" + TEXT + "</p></body></html>")
    response = admin_client.post(ADD, {"url": url}, follow=True)
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.extraction_status == Article.ExtractionStatus.FETCHING
    assert local_site.hits.get("/story") is None  # fetched by a worker, not in this request
    page = response.content.decode()
    assert f"Importing {url}: a worker fetches the page" in page
    assert f"Fetching the page {url}" in page
    assert 'data-running="true"' in page  # the page follows the fetch by itself


ORIGINAL = "https://news.example.org/port/budget"


def test_a_pasted_article_keeps_its_original_url_and_its_page_links_it(
    admin_client: Client,
) -> None:
    response = admin_client.post(
        ADD, {"text": TEXT, "original_url": "News.Example.org/port/budget?utm_source=feed#top"}
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.url == ORIGINAL  # the scheme assumed, tracking and fragment dropped
    page = admin_client.get(response["Location"]).content.decode()
    assert f'<a href="{ORIGINAL}">{ORIGINAL}</a>' in page


def test_an_uploaded_article_keeps_its_original_url(admin_client: Client) -> None:
    upload = SimpleUploadedFile("story.txt", TEXT.encode(), content_type="text/plain")
    response = admin_client.post(ADD, {"upload": upload, "original_url": ORIGINAL})
    assert response.status_code == 302
    assert Article.objects.get().url == ORIGINAL


def test_the_import_form_offers_an_optional_original_url(admin_client: Client) -> None:
    page = admin_client.get(ADD).content.decode()
    assert "Original URL" in page
    assert 'name="original_url"' in page
    assert admin_client.post(ADD, {"text": TEXT}).status_code == 302
    assert Article.objects.get().url == ""


def test_an_original_url_another_article_has_is_a_form_error(admin_client: Client) -> None:
    admin_client.post(ADD, {"text": TEXT, "original_url": ORIGINAL})
    first = Article.objects.get()
    response = admin_client.post(
        ADD, {"text": TEXT + "\nAn update to the story.", "original_url": ORIGINAL + "?utm_x=1"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["original_url"]
    assert errors == [
        f"Article #{first.pk} ('{first}') has this URL already: one URL belongs to one article."
    ]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("original_url", "message"),
    [
        ("ftp://files.example.org/story.txt", "must be an http or https address with a host"),
        ("javascript:alert(1)", "Enter a valid URL"),
        ("https://example.org:99999/x", "Port out of range"),
        ("https://example.org/" + "x" * 2000, "at most 2000 characters"),
    ],
)
def test_an_original_url_that_is_not_an_http_address_is_a_form_error(
    admin_client: Client, original_url: str, message: str
) -> None:
    response = admin_client.post(ADD, {"text": TEXT, "original_url": original_url})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["original_url"])
    assert Article.objects.count() == 0


def test_an_original_url_beside_a_url_to_fetch_is_a_form_error(admin_client: Client) -> None:
    response = admin_client.post(
        ADD, {"url": "https://news.example.org/other", "original_url": ORIGINAL}
    )
    assert response.status_code == 200
    assert "for pasted or uploaded articles" in response.context["form"].errors["original_url"][0]
    assert Article.objects.count() == 0


def test_the_same_text_again_with_another_url_says_it_was_imported_before(
    admin_client: Client,
) -> None:
    admin_client.post(ADD, {"text": TEXT})
    response = admin_client.post(ADD, {"text": TEXT, "original_url": ORIGINAL}, follow=True)
    assert b"imported before" in response.content
    assert b"the one given was not stored" in response.content
    assert Article.objects.get().url == ""


def test_the_original_url_is_where_readers_see_the_claim_appeared(admin_client: Client) -> None:
    from tests.public.conftest import published_claim_build

    admin_client.post(ADD, {"text": TEXT, "original_url": ORIGINAL, "published_on": "2026-02-01"})
    claim = published_claim_build(Article.objects.get())
    reader = Client()
    review = reader.get(f"/api/v1/claims/{claim.pk}/claimreview").json()
    assert [work["url"] for work in review["itemReviewed"]["appearance"]] == [ORIGINAL]
    page = reader.get(f"/claims/{claim.pk}/").content.decode()
    assert f'<a href="{ORIGINAL}" rel="nofollow">' in page
