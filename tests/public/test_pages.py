"""Public HTML pages and the Atom feed."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import feedparser
import pytest
from django.test import Client

from claims.models import Claim, ClaimCorrection
from claims.verdicts import SCALE, verdict_point
from tests.public.conftest import SECRET, World, correct, published_claim_build

ATOM = "{http://www.w3.org/2005/Atom}"


def _ld_json_blocks(html: str) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)


def test_the_list_page_shows_published_checks_without_javascript(
    world: World, client: Client
) -> None:
    html = client.get("/claims/").content.decode()
    assert world.published.text in html
    assert f'href="/claims/{world.published.pk}/"' in html
    assert "<script" not in html


def test_a_claim_page_shows_sentence_verdict_rationale_sources_and_one_claimreview(
    world: World, client: Client
) -> None:
    response = client.get(f"/claims/{world.published.pk}/")
    html = response.content.decode()
    assert "<mark>exports rose by 12%</mark>" in html
    assert "The minister said" in html
    assert ">False</span>" in html
    assert world.published.rationale in html
    assert world.public_source.url in html
    blocks = _ld_json_blocks(html)
    assert len(blocks) == 1
    assert json.loads(blocks[0])["@type"] == "ClaimReview"
    assert "public" in response["Cache-Control"]


@pytest.mark.django_db
def test_script_end_tags_in_text_cannot_break_out_of_the_json_ld(client: Client) -> None:
    hostile = 'Nope.</script><script>alert("x")</script><!-- & done'
    claim = published_claim_build(rationale=hostile, text="</SCRIPT> in the claim")
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    blocks = _ld_json_blocks(html)
    assert len(blocks) == 1
    assert "<" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["claimReviewed"] == "</SCRIPT> in the claim"
    assert "<script>alert" not in html
    assert html.count("<script") == 1


def _entries(client: Client) -> list[ET.Element]:
    response = client.get("/claims/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_feed_lists_published_checks_only(world: World, client: Client) -> None:
    entries = _entries(client)
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["False: exports rose by 12%"]
    assert SECRET not in client.get("/claims/feed/").content.decode()


@pytest.mark.django_db
def test_every_correction_after_publication_stays_an_entry_of_its_own(client: Client) -> None:
    corrected = published_claim_build(verdict=Claim.Verdict.FALSE, text="the bridge cost 2m")
    published_claim_build(verdict=Claim.Verdict.TRUE, text="the road is 4 km")
    correct(corrected, verdict=Claim.Verdict.MOSTLY_TRUE, note="The invoice says 1.9m.")
    correct(corrected, rationale="A later change that keeps the verdict.", note="Clearer.")
    entries = _entries(client)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[:2] == [
        "Correction: the bridge cost 2m",
        "Correction: Mostly true (was False): the bridge cost 2m",
    ]
    assert "True: the road is 4 km" in titles
    assert "False: the bridge cost 2m" not in titles  # its entry says what it is now
    assert "Mostly true: the bridge cost 2m" in titles
    summaries = [e.findtext(f"{ATOM}summary") or "" for e in entries[:2]]
    assert summaries[0] == "The rationale was revised. Clearer."
    assert summaries[1] == "The verdict was False; it is now Mostly true. The invoice says 1.9m."


@pytest.mark.django_db
def test_a_verdict_changed_before_publication_is_no_correction(client: Client) -> None:
    from tests.builders import claim_build

    claim = claim_build(verdict=Claim.Verdict.FALSE, status=Claim.Status.REVIEWED)
    claim.verdict = Claim.Verdict.TRUE
    claim.save()
    published = published_claim_build(claim.article, verdict=Claim.Verdict.TRUE)
    claim.status = Claim.Status.PUBLISHED
    claim.published_at = published.published_at
    claim.save()
    titles = [e.findtext(f"{ATOM}title") for e in _entries(client)]
    assert not [t for t in titles if t.startswith("Correction")]


@pytest.mark.django_db
def test_the_feed_is_atom_a_feed_reader_accepts_with_absolute_stable_ids(
    client: Client, settings: Any
) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "The Checking Desk"
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org/"
    corrected = published_claim_build(verdict=Claim.Verdict.FALSE, text="the bridge cost 2m")
    published_claim_build(verdict=Claim.Verdict.TRUE, text="the road is 4 km")
    correct(corrected, verdict=Claim.Verdict.MOSTLY_TRUE)
    body = client.get("/claims/feed/").content
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "The Checking Desk: published fact-checks"
    assert feed.feed.author_detail.name == "The Checking Desk"
    assert feed.feed.author_detail.href == "https://desk.example.org/"
    assert feed.feed.updated_parsed is not None
    ids = [entry.id for entry in feed.entries]
    assert len(ids) == len(set(ids)) == 3  # two publications and a correction
    for entry in feed.entries:
        assert entry.id.startswith("http://testserver/claims/"), entry.id
        assert entry.link.startswith("http://testserver/claims/")
        assert entry.updated_parsed is not None
    # The same entry keeps its id from one fetch to the next.
    again = [entry.id for entry in feedparser.parse(client.get("/claims/feed/").content).entries]
    assert again == ids


@pytest.mark.django_db
def test_the_methodology_page_explains_every_verdict_of_the_scale(client: Client) -> None:
    html = client.get("/claims/methodology/").content.decode()
    for point in SCALE:
        assert f'id="{point.verdict.value}"' in html
        assert point.label in html
        assert point.meaning in html


@pytest.mark.django_db
def test_a_fact_check_page_says_what_its_verdict_means_and_links_the_scale(
    client: Client,
) -> None:
    claim = published_claim_build(verdict=Claim.Verdict.MISLEADING)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    point = verdict_point("misleading")
    assert point is not None
    assert point.meaning in html
    assert 'href="/claims/methodology/#misleading"' in html
    assert 'id="corrections"' not in html


@pytest.mark.django_db
def test_a_corrected_fact_check_shows_a_dated_notice_newest_first(client: Client) -> None:
    claim = published_claim_build(verdict=Claim.Verdict.FALSE)
    first = ClaimCorrection.objects.create(
        claim=claim,
        kind="unpublished",
        note="The 12% was nominal.",
        verdict="mostly_true",
        published_at=claim.published_at,
    )
    second = ClaimCorrection.objects.create(
        claim=claim,
        kind="verdict_changed",
        note="Adjusted for inflation the rise is 3%.",
        previous_verdict="mostly_true",
        verdict="false",
        published_at=claim.published_at,
    )
    ClaimCorrection.objects.filter(pk=first.pk).update(
        published_at=dt.datetime(2026, 5, 2, 9, 0, tzinfo=dt.UTC)
    )
    ClaimCorrection.objects.filter(pk=second.pk).update(
        published_at=dt.datetime(2026, 5, 3, 9, 0, tzinfo=dt.UTC)
    )
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    notice = re.sub(r"<[^>]+>", "", html[html.index('id="corrections"') :])
    newest = notice.index("Corrected on 3 May 2026: the verdict was Mostly true; it is now False.")
    oldest = notice.index("Corrected on 2 May 2026: the fact-check was withdrawn for correction.")
    assert newest < oldest
    assert "Adjusted for inflation the rise is 3%." in notice
    assert "The 12% was nominal." in notice


def test_the_api_docs_page_serves_its_assets_itself(
    world: World, client: Client, settings: Any
) -> None:
    # As after collectstatic: whitenoise finds the sidecar's files through the finders here.
    settings.WHITENOISE_USE_FINDERS = True
    html = client.get("/api/v1/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert client.get(asset).status_code == 200, asset
    # Any address that leaves this server (a CDN, a font host) would show as scheme or "//".
    # The page also carries a random CSRF token, so a bare substring like "cdn" could appear there.
    assert not re.search(r'(?:src|href|url)\s*[=:(]\s*["\']?(?:https?:)?//', html, re.I)
    assert "jsdelivr" not in html.lower()
    assert "unpkg" not in html.lower()


@pytest.mark.django_db
def test_the_list_page_pages_without_counting(client: Client) -> None:
    from public.pages import PAGE_SIZE

    claims = [published_claim_build(text=f"claim number {n}") for n in range(PAGE_SIZE + 3)]
    first = client.get("/claims/").content.decode()
    assert 'href="?page=2"' in first
    assert "Newer" not in first
    second = client.get("/claims/?page=2").content.decode()
    # Newest first: the second page holds the three oldest.
    assert [c.text for c in claims[:3] if c.text in second] == [c.text for c in claims[:3]]
    assert claims[3].text not in second
    assert 'href="?page=1"' in second
    assert "Older" not in second
    assert client.get("/claims/?page=nonsense").content.decode() == first
    assert client.get("/claims/?page=²").status_code == 200
    assert client.get("/claims/?page=3").status_code == 404


@pytest.mark.django_db
def test_the_corrections_page_lists_every_published_correction_newest_first(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    bridge = published_claim_build(verdict=Claim.Verdict.FALSE, text="the bridge cost 2m")
    road = published_claim_build(verdict=Claim.Verdict.TRUE, text="the road is 4 km")
    correct(bridge, verdict=Claim.Verdict.MOSTLY_TRUE, note="The invoice says 1.9m.")
    correct(road, wording="The road is 4.2 km long", note="Measured again.")
    assert client.get("/corrections/", follow=True).redirect_chain == [
        ("/claims/corrections/", 301)
    ]
    with django_assert_max_num_queries(3):
        html = client.get("/claims/corrections/").content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    newest = text.index("The road is 4.2 km long")
    oldest = text.index("the bridge cost 2m")
    assert newest < oldest
    assert "the verdict was False; it is now Mostly true. The invoice says 1.9m." in text
    assert f'href="/claims/{road.pk}/#corrections"' in html
    assert client.get("/claims/corrections/?page=2").status_code == 404
    assert client.get("/claims/corrections/?page=x").status_code == 200
