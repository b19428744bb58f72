"""The claim page fits a 1,280 px window: nothing on it makes the page scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from claims.roles import EDITOR, roles_ensure
from sources.models import ClaimSource, Evidence, Source, SourceSnapshot, VerificationRun
from tests.builders import article_build, claim_build

pytestmark = [pytest.mark.django_db(transaction=True)]

LONG_URL = (
    "https://statistics.example.org/reports/" + "trade-balance-" * 12 + "?series=" + "x" * 150
)
LONG_WORD = "Pakistan-Russia-bilateral-trade-statistics-" * 6


def _busy_claim() -> Any:
    sentence = (
        f"Bilateral trade reached nearly $800 million last year, {LONG_WORD} the minister said. "
    )
    article = article_build(
        clean_text=sentence * 3,
        title="Trade with Russia grows " + LONG_WORD,
        outlet="The Ledger",
    )
    claim = claim_build(
        article,
        start=0,
        end=len(sentence) - 1,
        text=sentence.strip(),
        sentence=sentence.strip(),
        speaker="the commerce minister " + LONG_WORD,
        normalized={
            "quantities": [{"text": "$800 million", "value": 800_000_000, "unit": "USD"}] * 6,
            "dates": [{"text": "last year", "value": "2020"}] * 6,
        },
    )
    source = Source.objects.create(
        url=LONG_URL, fetch_status="failed", fetch_error="HTTP 503 from " + LONG_URL
    )
    ClaimSource.objects.create(claim=claim, source=source)
    snapshot = SourceSnapshot.objects.create(
        source=source, fetched_at=timezone.now(), content_hash="h", text=LONG_WORD * 4
    )
    finding = {
        "verifier": "quantities",
        "stance": "supports",
        "confidence": 0.8,
        "explanation": "The source gives $790 million for 2020 " + LONG_WORD,
        "passage": LONG_WORD * 4,
        "source": source.pk,
        "snapshot": snapshot.pk,
    }
    VerificationRun.objects.create(
        claim=claim,
        verifier="suite",
        status="succeeded",
        suggested_verdict="true",
        confidence=0.8,
        finished_at=timezone.now(),
        error="",
        result={"findings": [finding] * 3},
    )
    Evidence.objects.create(claim=claim, source=source, passage=LONG_WORD * 4, note=LONG_WORD)
    return claim


def test_the_claim_page_fits_a_1280_px_window(
    browser: Any, live_server: Any, screenshots: Any
) -> None:
    roles_ensure()  # a transactional test starts from a flushed database
    user = User.objects.create_user(username="edith", password="pw-edith-1", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR))
    claim = _busy_claim()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "edith")
    page.fill("#id_password", "pw-edith-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.wait_for_selector("#workflow")
    screenshots(page, "claim-page")
    widths = page.evaluate(
        """() => {
            const wide = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 8)
                .map(e => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`);
            return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide};
        }"""
    )
    assert widths["scroll"] <= widths["inner"], widths
