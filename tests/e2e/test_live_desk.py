"""The desk updates itself while work runs: progress and results appear without a reload."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from claims.models import Article
from claims.roles import EDITOR, roles_ensure
from claims.services import article_extract, article_ingest
from sources.models import RunStatus, VerificationRun
from tests.builders import claim_build

pytestmark = [pytest.mark.django_db(transaction=True)]

ARTICLE = (
    "Harbour fees fall\n\nThe harbour of Kelmar collected nearly $3 million in fees last year, "
    "the port authority said on Monday.\n"
)


def _editor_page(browser: Any, base: str) -> Any:
    from django.contrib.auth.models import Group

    roles_ensure()  # a transactional test starts from a flushed database
    user = User.objects.create_user(username="edith", password="pw-edith-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "edith")
    page.fill("#id_password", "pw-edith-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def _mark(page: Any) -> None:
    """A flag on the window: a reload would lose it."""
    page.evaluate("window.__notReloaded = true")


def _not_reloaded(page: Any) -> bool:
    return bool(page.evaluate("window.__notReloaded === true"))


def test_extraction_appears_on_the_article_page_without_a_reload(
    browser: Any, live_server: Any, screenshots: Any
) -> None:
    page = _editor_page(browser, live_server.url)
    article = article_ingest(raw_input=ARTICLE, queue_extraction=False).article
    page.goto(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    assert page.locator(".article-text a.hl").count() == 0
    _mark(page)
    screenshots(page, "queued")
    assert article_extract(article_id=article.pk).succeeded  # what a worker does
    page.wait_for_selector(".article-text a.hl", timeout=20_000)
    screenshots(page, "extracted")
    assert _not_reloaded(page)
    assert page.locator(".article-text a.hl", has_text="$3 million").count() >= 1
    assert Article.objects.get(pk=article.pk).extraction_status == "succeeded"


def test_a_verification_run_appears_on_the_claim_page_without_a_reload(
    browser: Any, live_server: Any, screenshots: Any
) -> None:
    page = _editor_page(browser, live_server.url)
    claim = claim_build()
    run = VerificationRun.objects.create(claim=claim, verifier="numbers")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    _mark(page)
    VerificationRun.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED)
    page.wait_for_function("document.body.innerText.includes('Succeeded')", timeout=20_000)
    screenshots(page, "run-finished")
    assert _not_reloaded(page)


def test_a_source_retry_and_its_outcome_appear_on_the_claim_page_without_a_reload(
    browser: Any, live_server: Any, screenshots: Any, settings: Any
) -> None:
    import datetime as dt

    import fetching
    from sources import services as source_services
    from sources.models import ClaimSource, FetchStatus
    from tests.builders import source_build

    settings.FACTCHECK_TASK_RETRIES = 4
    page = _editor_page(browser, live_server.url)
    claim = claim_build()
    source = source_build(fetch_status=FetchStatus.FETCHING)
    ClaimSource.objects.create(claim=claim, source=source)
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    _mark(page)
    due = dt.datetime(2026, 12, 1, 17, 42, 10, tzinfo=dt.UTC)
    source_services.source_fetch_retrying(  # what a worker records when the host refuses
        source_id=source.pk, attempts=1, error="connection refused", next_attempt_at=due
    )
    retrying = "Retrying: attempt 2 of 5 at 17:42:10 UTC — connection refused"
    page.wait_for_function(f"document.body.innerText.includes({retrying!r})", timeout=20_000)
    screenshots(page, "source-retrying")
    source_services.source_fetch_fail(
        source_id=source.pk,
        error=fetching.TemporaryFetchError("connection refused"),
        message="connection refused (gave up after 5 attempts)",
        attempts=5,
    )
    page.wait_for_function(
        "document.body.innerText.includes('gave up after 5 attempts')", timeout=20_000
    )
    assert _not_reloaded(page)
    assert retrying not in page.inner_text("body")
