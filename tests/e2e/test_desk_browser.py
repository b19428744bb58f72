"""An editor checks a claim in the browser from pasted article to ruling; a chief publishes it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User

from claims.models import Article, Claim
from claims.roles import CHIEF_EDITOR, EDITOR, roles_ensure
from factcheck.celery import app as celery_app
from sources.models import Evidence
from tests.conftest import LocalSite
from tests.sources.pages import SUPPORTING

pytestmark = [pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "Trade with Russia grows\n\n"
    "Bilateral trade between Pakistan and Russia reached nearly $800 million last year, "
    "the commerce minister said on Tuesday. <script>alert('x')</script>\n"
)
ORIGINAL_URL = "https://news.example.org/trade-with-russia"


@pytest.fixture
def eager_tasks() -> Iterator[None]:
    """Tasks run in-process as soon as their transaction commits: each page shows the result."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


def _user(username: str, role: str) -> User:
    from django.contrib.auth.models import Group

    user = User.objects.create_user(username=username, password=f"pw-{username}-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _log_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def test_an_editor_checks_a_claim_and_a_chief_editor_publishes_it(
    browser: Any,
    live_server: Any,
    local_site: LocalSite,
    screenshots: Any,
    eager_tasks: None,
) -> None:
    roles_ensure()  # a transactional test starts from a flushed database
    _user("edith", EDITOR)
    _user("charlotte", CHIEF_EDITOR)
    source_url = local_site.add("/trade-2020", SUPPORTING)
    base = live_server.url

    page = _log_in(browser, base, "edith")
    page.goto(f"{base}/admin/claims/article/add/")
    page.fill("#id_text", ARTICLE)
    page.fill("#id_published_on", "2021-04-06")
    page.fill("#id_original_url", ORIGINAL_URL)
    screenshots(page, "paste-article")
    page.click("input[value='Import and extract claims']")
    page.wait_for_selector(".article-text a.hl")
    article = Article.objects.get()
    assert article.extraction_status == "succeeded"
    assert article.url == ORIGINAL_URL
    assert page.locator(f".field-url a[href='{ORIGINAL_URL}']").count() == 1
    text = page.inner_text(".article-text")
    assert "<script>alert('x')</script>" in text  # shown as text, never run
    highlight = page.locator(".article-text a.hl", has_text="$800 million").first
    highlight.focus()
    assert "Statistical" in (highlight.get_attribute("data-tip") or "")
    screenshots(page, "highlighted-claims")

    highlight.click()
    page.wait_for_selector("#workflow")
    claim = Claim.objects.get(article=article, kind="statistical")
    assert f"/admin/claims/claim/{claim.pk}/change/" in page.url
    page.click("text=Assign to me and review")
    page.wait_for_selector(".messagelist")
    assert "is now in review" in page.inner_text(".messagelist")

    page.fill("#id_add_source_url", source_url)
    page.click("input[name=_continue]")
    page.wait_for_selector("button.accept-finding")
    assert "it is being fetched" in page.inner_text(".messagelist")
    screenshots(page, "source-linked-and-verified")

    # Verify again from the list, as an editor would after the source page changed.
    page.goto(f"{base}/admin/claims/claim/?q=800")
    page.check(f"input[name=_selected_action][value='{claim.pk}']")
    page.select_option("select[name=action]", "run_verification")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    assert "Queued verification of 1 claim" in page.inner_text(".messagelist")
    assert claim.verification_runs.filter(status="succeeded").count() == 2
    page.goto(f"{base}/admin/claims/claim/{claim.pk}/change/")
    page.wait_for_selector("button.accept-finding")

    page.click("button.accept-finding >> nth=0")
    page.wait_for_selector(".messagelist")
    assert "Accepted as evidence" in page.inner_text(".messagelist")
    assert Evidence.objects.filter(claim=claim, origin="editor").exists()

    page.select_option("#rule-verdict", "mostly_true")
    page.fill("#rule-rationale", "The bureau reports $790 million for 2020: close to 800.")
    # The claim as readers will see it: prefilled from extraction, worded by the editor.
    assert page.input_value("#rule-wording") == claim.text
    page.fill("#rule-wording", "Bilateral trade reached nearly $800 million")
    page.fill("#rule-claimant", "The ministry of trade")
    page.check("input[name=claimant_kind][value=organization]")
    page.click("button[value=rule]")
    page.wait_for_selector(".messagelist")
    assert "is now reviewed" in page.inner_text(".messagelist")
    screenshots(page, "ruled")
    claim.refresh_from_db()
    assert (claim.published_text, claim.claimant, claim.claimant_kind) == (
        "Bilateral trade reached nearly $800 million",
        "The ministry of trade",
        "organization",
    )

    # Publishing is a chief editor's step: the editor is not offered it.
    assert page.locator("button[value=publish]").count() == 0
    screenshots(page, "editor-not-offered-publish")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REVIEWED

    chief = _log_in(browser, base, "charlotte")
    chief.goto(f"{base}/admin/claims/claim/{claim.pk}/change/")
    chief.click("button[value=publish]")
    chief.wait_for_selector(".messagelist")
    assert "is now published" in chief.inner_text(".messagelist")
    screenshots(chief, "chief-published")
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == (Claim.Status.PUBLISHED, "mostly_true")

    # A reader's browser: the fact-check names the pasted article's original URL, and so does
    # its ClaimReview.
    reader = browser.new_context().new_page()
    reader.goto(f"{base}/claims/{claim.pk}/")
    assert reader.locator(f"main a[href='{ORIGINAL_URL}']").count() == 1
    markup = json.loads(reader.text_content("script[type='application/ld+json']") or "")
    assert [work["url"] for work in markup["itemReviewed"]["appearance"]] == [ORIGINAL_URL]
    screenshots(reader, "reader-sees-the-fact-check")
    assert len(screenshots.taken) == 7


def test_an_editor_sees_a_repeated_claim_was_checked_before_and_marks_it_a_duplicate(
    browser: Any, live_server: Any, screenshots: Any, eager_tasks: None, settings: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from tests.builders import article_extracted_build

    settings.FACTCHECK_MATCH_AUTO_THRESHOLD = 1.01  # above any score: the editor decides
    roles_ensure()
    _user("edith", EDITOR)
    first = article_extracted_build(ARTICLE.replace("<script>alert('x')</script>", ""))
    checked = Claim.objects.get(article=first, kind="statistical")
    Claim.objects.filter(pk=checked.pk).update(
        status=Claim.Status.PUBLISHED,
        verdict=Claim.Verdict.MOSTLY_TRUE,
        rationale="Customs put it at $790 million.",
        published_at=timezone.make_aware(dt.datetime(2021, 4, 12, 9, 0)),
        published_text=checked.text,
    )
    base = live_server.url

    page = _log_in(browser, base, "edith")
    page.goto(f"{base}/admin/claims/article/add/")
    page.fill(
        "#id_text",
        "Delegation in Moscow\n\nTrade between Russia and Pakistan was about $0.8bn in 2020, "
        "an adviser told reporters on Friday.\n",
    )
    page.fill("#id_published_on", "2021-05-02")
    page.click("input[value='Import and extract claims']")
    page.wait_for_selector(".article-text a.hl")
    assert "checked on 12 April 2021: mostly true" in page.inner_text("body")
    screenshots(page, "checked-before-in-article")

    repeat = Claim.objects.exclude(article=first).get(kind="statistical")
    page.goto(f"{base}/admin/claims/claim/{repeat.pk}/change/")
    page.wait_for_selector("#checked-before")
    page.click("#checked-before button:has-text('Mark as duplicate')")
    page.wait_for_selector(".messagelist")
    assert f"duplicate of claim {checked.pk}" in page.inner_text(".messagelist")
    assert "Duplicate of" in page.inner_text("#checked-before")
    screenshots(page, "marked-duplicate")
    repeat.refresh_from_db()
    assert (repeat.duplicate_of_id, repeat.duplicate_link) == (checked.pk, "editor")
