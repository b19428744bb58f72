"""A reader in a browser with JavaScript off: searching, looking a claim up, printing a check."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.builders import claim_build

pytestmark = [pytest.mark.django_db(transaction=True)]


def _published(text: str, verdict: str, **fields: Any) -> Claim:
    return claim_build(
        text=text,
        published_text=text[0].upper() + text[1:],
        sentence=f"The minister said {text}.",
        status=Claim.Status.PUBLISHED,
        verdict=verdict,
        rationale="The statistics office says otherwise.",
        published_at=timezone.now(),
        **fields,
    )


def test_a_reader_searches_filters_looks_up_and_prints_without_javascript(
    browser: Any, live_server: Any, screenshots: Any, settings: Any
) -> None:
    settings.FACTCHECK_API_ANON_RATE = ""
    settings.FACTCHECK_MATCH_ANON_RATE = ""
    rail = _published("the rail link cost $1.4 billion more than planned", "mostly_true")
    _published("rail fares fell by 10% this year", "false")
    _published("bus fares fell by 10% this year", "false")
    page = browser.new_page(java_script_enabled=False)
    page.goto(f"{live_server.url}/claims/")
    page.fill("input[name=q]", "rail")
    page.select_option("select[name=verdict]", "false")
    page.click("button:has-text('Show')")
    assert page.locator("ol.checks li a").all_inner_texts() == ["Rail fares fell by 10% this year"]
    assert page.locator("ol.checks .verdict").all_inner_texts() == ["False"]
    assert page.locator("select[name=verdict]").input_value() == "false"
    screenshots(page, "searched")

    page.click("text=Has this been checked?")
    page.fill("textarea[name=text]", "the rail link cost $1.4 billion more than was planned")
    page.click("button:has-text('Look it up')")
    page.wait_for_url("**/claims/check/?text=*")
    assert page.locator("ol.checks li a").all_inner_texts() == [rail.published_text]
    screenshots(page, "looked-up")

    page.click(f"a[href='/claims/{rail.pk}/']")
    assert page.locator("#cite").is_visible()
    assert page.locator("header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header").is_visible()
    assert page.locator("#cite").is_visible()
    screenshots(page, "printed")
