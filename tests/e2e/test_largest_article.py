"""The desk at the largest article the settings accept, in a browser, with a real worker.

An editor uploads an article of FACTCHECK_MAX_ARTICLE_CHARS characters through the admin; a
real Celery worker process extracts it while the article page stays open, and the page follows
the work without a reload until its claims are highlighted. Then the editor links a source,
served over HTTP on 127.0.0.1, to one of the claims; its fetch and verification appear on the
claim page without a reload either. CI runs it on PostgreSQL with Redis and on embedded SQLite.
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from claims.models import Article, Claim
from claims.roles import EDITOR, roles_ensure
from sources.models import FetchStatus, RunStatus
from tests.builders import news_text_build
from tests.conftest import LocalSite

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

# What the worker may fetch, and how soon it gives up on a source that does not answer.
WORKER_ENV = {
    "FACTCHECK_FETCH_ALLOWED_HOSTS": "127.0.0.1",
    "FACTCHECK_FETCH_READ_TIMEOUT": "20",
    "FACTCHECK_FETCH_TOTAL_TIMEOUT": "30",
    # Matching the article's claims goes on in batches after the extraction; shorter batches
    # let the page show its progress and the source's tasks get their turn sooner.
    "FACTCHECK_MATCH_BATCH_SECONDS": "5",
}
# Long enough for the whole extraction of the largest article on a slow two-core machine; the
# test never asserts a duration, it only gives up waiting.
EXTRACTION_WAIT_MS = 600_000
STEP_WAIT_MS = 120_000


class Steps:
    """Prints when each step of the test was reached: the figures for the report, not asserts."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, name: str) -> None:
        print(f"[{time.monotonic() - self.started:7.1f} s] {name}", flush=True)


def _editor_page(browser: Any, base: str) -> Any:
    roles_ensure()  # a transactional test starts from a flushed database
    user = User.objects.create_user(username="edith", password="pw-edith-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(STEP_WAIT_MS)
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


def _wait_for_text(page: Any, selector: str, pattern: str, timeout: float) -> str:
    """Wait until the element's text matches the regular expression; return that text."""
    page.wait_for_function(
        "([selector, pattern]) => { const e = document.querySelector(selector);"
        " return !!e && new RegExp(pattern).test(e.innerText); }",
        arg=[selector, pattern],
        timeout=timeout,
    )
    return str(page.inner_text(selector))


def _source_page(claim: Claim) -> str:
    return (
        "<html><head><title>Harbour statistics</title></head><body><article>"
        "<h1>Harbour statistics</h1><p>The statistics office publishes yearly figures.</p>"
        f"<p>{claim.sentence}</p><p>Figures are revised each spring.</p></article></body></html>"
    )


def test_the_largest_accepted_article_is_imported_extracted_and_checked_in_the_browser(
    browser: Any,
    live_server: Any,
    start_worker: Any,
    local_site: LocalSite,
    screenshots: Any,
    tmp_path: Any,
) -> None:
    step = Steps()
    limit = settings.FACTCHECK_MAX_ARTICLE_CHARS
    text = news_text_build(limit)
    assert len(text) == limit
    worker = start_worker(**WORKER_ENV)
    base = live_server.url
    page = _editor_page(browser, base)
    step("worker started, editor logged in")

    # --- the import, through the admin's form, as a file of the largest accepted size ---
    page.goto(f"{base}/admin/claims/article/add/")
    upload = tmp_path / "harbour-towns.txt"
    upload.write_text(text)
    page.set_input_files("#id_upload", str(upload))
    page.fill("#id_outlet", "The Harbour Gazette")
    page.fill("#id_published_on", "2025-03-04")
    page.click("input[value='Import and extract claims']")
    page.wait_for_selector("#text-and-claims")
    step("imported; the article page answered")
    article = Article.objects.get()
    assert f"/admin/claims/article/{article.pk}/change/" in page.url
    assert "Claims are being extracted" in page.inner_text(".messagelist")
    assert page.locator(".article-text a.hl").count() == 0
    assert page.get_attribute("#live-status", "data-running") == "true"
    _mark(page)
    screenshots(page, "imported")

    # --- the worker's progress appears on the open page, then the claims ---
    summary = ".field-extraction_summary .readonly"
    running = _wait_for_text(page, summary, "^Running", STEP_WAIT_MS)
    step(f"page shows: {running}")
    screenshots(page, "extraction-running")
    done = _wait_for_text(page, summary, r"^Succeeded.*claim\(s\) found", EXTRACTION_WAIT_MS)
    step(f"page shows: {done}")
    page.wait_for_selector(".article-text a.hl")
    step("claims highlighted on the open page")
    assert _not_reloaded(page)
    article.refresh_from_db()
    total = article.claims.count()
    assert article.extraction_status == Article.ExtractionStatus.SUCCEEDED
    assert total > 1000, total  # many checkable sentences
    assert f"{total:,} claim(s) found" in done
    nav = page.inner_text("#section-nav")
    assert f"of the article's {total:,} claims" in nav
    sections = int(re.search(r"Section 1 of ([\d,]+)", nav).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert sections >= len(article.clean_text) // 20_000  # sections of at most 20,000 chars
    highlighted = page.locator(".article-text a.hl").count()
    assert 0 < highlighted <= 200
    screenshots(page, "extracted")
    # The worker goes on matching the claims against earlier ones; the page counts them.
    matching = _wait_for_text(
        page,
        ".field-matching_summary .readonly",
        r"[1-9][\d,]* of [\d,]+ claims matched so far|^Succeeded",
        STEP_WAIT_MS,
    )
    step(f"page shows: {matching}")
    assert _not_reloaded(page)
    screenshots(page, "matching")

    # --- the Articles list and a later section answer at this size ---
    page.goto(f"{base}/admin/claims/article/")
    row = page.locator("#result_list tbody tr", has_text="Harbour towns report")
    assert f"{total}" in row.inner_text()
    step("the Articles list answered")
    page.goto(f"{base}/admin/claims/article/{article.pk}/change/?section={sections}")
    assert f"Section {sections:,} of {sections:,}" in page.inner_text("#section-nav")
    step("the last section answered")

    # --- a source for one claim: its fetch and verification appear on the claim page ---
    claim = article.claims.filter(kind="statistical").order_by("start")[10]
    release = threading.Event()
    body = _source_page(claim).encode()

    def held_page(request: BaseHTTPRequestHandler) -> None:
        # The source answers once the test has seen the claim page waiting for it.
        release.wait(60)
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    local_site.routes["/harbour-statistics"] = held_page
    page.goto(f"{base}/admin/claims/claim/{claim.pk}/change/")
    page.fill("#id_add_source_url", local_site.url("/harbour-statistics"))
    page.click("input[name=_continue]")
    page.wait_for_selector("#source_links-group")
    step("source linked")
    assert "it is being fetched" in page.inner_text(".messagelist")
    assert page.get_attribute("#live-status", "data-running") == "true"
    _mark(page)
    screenshots(page, "source-linked")
    release.set()
    _wait_for_text(page, "#source_links-group", "Fetched", STEP_WAIT_MS)
    step("the fetch appeared")
    runs = _wait_for_text(page, "#verification_runs-group", "Succeeded|Failed", STEP_WAIT_MS)
    step("the verification run appeared")
    screenshots(page, "verified")
    assert _not_reloaded(page)
    assert "Succeeded" in runs, runs
    source = claim.source_links.get().source
    assert source.fetch_status == FetchStatus.FETCHED
    assert claim.verification_runs.get().status == RunStatus.SUCCEEDED
    assert local_site.hits["/harbour-statistics"] >= 1
    assert "Traceback" not in worker.output()
