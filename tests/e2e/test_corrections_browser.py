"""A published fact-check is corrected in the browser: one editor proposes, a chief publishes.

The editor words and rules a claim, a chief editor publishes it; the published claim page is
read only and refuses a direct edit posted anyway; the editor proposes a correction, which
readers do not see until a chief editor publishes it; then the page, the API, the ClaimReview,
the feed and the list of corrections all carry it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import feedparser
import pytest
from django.utils import dateformat, timezone

from claims.models import Claim, ClaimCorrection
from claims.roles import CHIEF_EDITOR, EDITOR, roles_ensure
from tests.builders import article_build, claim_build
from tests.claims.conftest import staff_in_role, with_evidence

pytestmark = [pytest.mark.django_db(transaction=True)]

SENTENCE = "Exports rose by 12% last year, the ministry said."
WORDING = "Exports rose by 12% last year"
CORRECTED = "Exports rose by about 12% last year"
NOTE = "The ministry's own figure was rounded: its bulletin gives 11.6%."


def _log_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def _message(page: Any) -> str:
    page.wait_for_selector(".messagelist")
    return str(page.inner_text(".messagelist"))


def _reader(browser: Any) -> Any:
    # A fresh context each time: what a new reader gets, not what this browser cached.
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def test_an_editor_corrects_a_published_fact_check_and_a_chief_editor_publishes_it(
    browser: Any, live_server: Any, screenshots: Any
) -> None:
    roles_ensure()  # a transactional test starts from a flushed database
    staff_in_role("edith", EDITOR)
    staff_in_role("charlotte", CHIEF_EDITOR)
    article = article_build(clean_text=SENTENCE)
    claim = with_evidence(claim_build(article, sentence=SENTENCE, text=WORDING, start=0, end=29))
    passage = claim.evidence.get().passage
    base = live_server.url
    claim_url = f"{base}/admin/claims/claim/{claim.pk}/change/"

    # 1. The editor takes the claim, words it and rules on it; a chief editor publishes it.
    editor = _log_in(browser, base, "edith")
    editor.goto(claim_url)
    editor.click("text=Assign to me and review")
    assert "is now in review" in _message(editor)
    editor.select_option("#rule-verdict", "true")
    editor.fill("#rule-rationale", "The ministry's bulletin reports the rise.")
    editor.fill("#rule-wording", WORDING)
    editor.fill("#rule-claimant", "The ministry of trade")
    editor.check("#rule-published input[name=claimant_kind][value=organization]")
    editor.click("button[value=rule]")
    assert "is now reviewed" in _message(editor)
    screenshots(editor, "ruled")

    chief = _log_in(browser, base, "charlotte")
    chief.goto(claim_url)
    chief.click("button[value=publish]")
    assert "is now published" in _message(chief)
    screenshots(chief, "published")
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.published_text) == ("published", "true", WORDING)

    # 2. The published claim page shows the extracted text and the evidence, with no input.
    editor.goto(claim_url)
    editor.wait_for_selector("#correction")
    form = "#claim_form"
    assert editor.locator(f"{form} [name=text], {form} [name=add_source_url]").count() == 0
    assert claim.text in editor.inner_text(".field-text .readonly")
    assert passage in editor.inner_text("#evidence-group")
    editable = "#evidence-group textarea, #evidence-group select, #evidence-group input"
    assert editor.locator(f"{editable}:not([type=hidden])").count() == 0
    screenshots(editor, "published-read-only")

    # A direct edit posted anyway (an old form, a script) through the page's own Save.
    editor.evaluate(
        """([form, name, value]) => {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            input.value = value;
            document.querySelector(form).appendChild(input);
        }""",
        [form, "text", "Exports rose by 20% last year"],
    )
    editor.click(f"{form} input[name=_continue]")
    refusal = _message(editor)
    screenshots(editor, "direct-edit-refused")
    assert "published" in refusal
    assert "only through a correction" in refusal
    assert "changed successfully" not in refusal
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.text, stored.published_text, stored.verdict) == (claim.text, WORDING, "true")

    # 3. The editor proposes a correction; readers still see the fact-check as published.
    editor.goto(claim_url)
    editor.click("#correction-details summary")
    editor.select_option("#correction-verdict", "mostly_true")
    editor.fill("#correction-wording", CORRECTED)
    editor.fill("#correction-note", NOTE)
    screenshots(editor, "correction-typed")
    editor.click("#correction-form button[type=submit]")
    assert "Correction proposed" in _message(editor)
    assert "A correction by edith waits to be published" in editor.inner_text("#correction")
    reader = _reader(browser)
    reader.goto(f"{base}/claims/{claim.pk}/")
    assert reader.inner_text("h1") == WORDING
    assert reader.inner_text(".verdict") == "True"
    assert reader.locator("#corrections").count() == 0
    assert NOTE not in reader.inner_text("main")
    screenshots(reader, "reader-before-correction")

    # 4. The editor who proposed it is offered no publish button; a chief editor publishes it.
    assert editor.locator("button:has-text('Publish correction')").count() == 0
    assert editor.locator("#correction button:has-text('Withdraw correction')").count() == 1
    screenshots(editor, "proposer-not-offered-publish")
    chief.goto(claim_url)
    chief.click("button:has-text('Publish correction')")
    assert "Correction published: readers see it now." in _message(chief)
    screenshots(chief, "correction-published")
    correction = ClaimCorrection.objects.get(claim=claim, state="published")
    corrected_at = correction.published_at
    assert corrected_at is not None

    # 5. Readers see the dated notice with its note, the new wording and the new verdict...
    reader = _reader(browser)
    reader.goto(f"{base}/claims/{claim.pk}/")
    on = dateformat.format(timezone.localtime(corrected_at), "j M Y")
    notice = reader.inner_text("#corrections")
    assert f"Corrected on {on}: " in notice
    assert "The verdict was True; it is now Mostly true." in notice
    assert NOTE in notice
    assert reader.inner_text("h1") == CORRECTED
    assert reader.inner_text(".verdict") == "Mostly true"
    markup = json.loads(reader.text_content("script[type='application/ld+json']") or "")
    assert dt.datetime.fromisoformat(markup["dateModified"]) == corrected_at
    screenshots(reader, "reader-sees-the-correction")

    # ... the API (a reader's HTTP client, through the same browser context) ...
    detail = reader.request.get(f"{base}/api/v1/claims/{claim.pk}/").json()
    assert (detail["verdict"], detail["published_text"]) == ("mostly_true", CORRECTED)
    assert dt.datetime.fromisoformat(detail["updated_at"]) == corrected_at
    [shown] = detail["corrections"]
    assert dt.datetime.fromisoformat(shown["corrected_at"]) == corrected_at
    assert shown["explanation"] == NOTE
    assert {change["field"] for change in shown["changes"]} == {"verdict", "published_text"}
    assert "it is now Mostly true" in shown["summary"]
    review = reader.request.get(f"{base}/api/v1/claims/{claim.pk}/claimreview").json()
    assert dt.datetime.fromisoformat(review["dateModified"]) == corrected_at

    # ... the feed, with an entry of its own ...
    feed = feedparser.parse(reader.request.get(f"{base}/claims/feed/").text())
    [entry] = [e for e in feed.entries if e.title.startswith("Correction:")]
    assert entry.title == f"Correction: Mostly true (was True): {CORRECTED}"
    assert entry.id == f"{base}/claims/{claim.pk}/#correction-{correction.pk}"
    assert NOTE in entry.summary

    # ... and the public list of corrections.
    reader.goto(f"{base}/claims/corrections/")
    listed = reader.locator(f"#correction-{correction.pk}")
    assert CORRECTED in listed.inner_text()
    assert NOTE in listed.inner_text()
    assert listed.locator(f"a[href='/claims/{claim.pk}/#corrections']").count() == 1
    screenshots(reader, "corrections-list")
    assert len(screenshots.taken) == 10
