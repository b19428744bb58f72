"""A fact-check page as it is shared, cited and printed: canonical URL, cards, citation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.builders import source_build
from tests.public.conftest import link, published_claim_build

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """The page's <meta> values by property or name, and its <link> hrefs by rel."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            key = values.get("property") or values["name"]
            self.meta.setdefault(key, []).append(values.get("content", ""))
        if tag == "link":
            self.links.setdefault(values.get("rel", ""), []).append(values.get("href", ""))


def _head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


def test_a_fact_check_has_a_canonical_url_and_opengraph_and_twitter_cards(
    client: Client, settings: Any
) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "The Daily Check"
    settings.ALLOWED_HOSTS = ["checks.example.org"]
    claim = published_claim_build(
        text="exports rose by 12%",
        published_text="Exports rose by 12% last year",
        rationale="The statistics office\nreports a fall of 3%.",
    )
    html = client.get(
        f"/claims/{claim.pk}/?utm_source=x", HTTP_HOST="checks.example.org", secure=True
    ).content.decode()
    head = _head(html)
    url = f"https://checks.example.org/claims/{claim.pk}/"
    assert head.links["canonical"] == [url]
    assert head.meta["og:url"] == [url]
    assert head.meta["og:title"] == ["Exports rose by 12% last year"]
    assert head.meta["og:type"] == ["article"]
    assert head.meta["og:site_name"] == ["The Daily Check"]
    description = "False. The statistics office reports a fall of 3%."
    assert head.meta["og:description"] == [description]
    assert head.meta["twitter:card"] == ["summary"]
    assert head.meta["twitter:title"] == ["Exports rose by 12% last year"]
    assert head.meta["twitter:description"] == [description]


def test_a_long_rationale_is_shortened_in_the_cards(client: Client) -> None:
    claim = published_claim_build(rationale="word " * 500)
    head = _head(client.get(f"/claims/{claim.pk}/").content.decode())
    (description,) = head.meta["og:description"]
    assert description.startswith("False. word word")
    assert description.endswith("…")
    assert len(description) < 220


def test_quotes_and_tags_in_the_wording_stay_inside_the_attributes(client: Client) -> None:
    claim = published_claim_build(published_text='He said "no" <b>twice</b> & left')
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert _head(html).meta["og:title"] == ['He said "no" <b>twice</b> & left']
    assert "<b>twice" not in html


def test_a_fact_check_can_be_cited_and_printed_without_the_navigation(
    client: Client, settings: Any
) -> None:
    settings.FACTCHECK_PUBLISHER_NAME = "The Daily Check"
    settings.ALLOWED_HOSTS = ["checks.example.org"]
    claim = published_claim_build(published_text="Exports rose by 12% last year")
    html = client.get(f"/claims/{claim.pk}/", HTTP_HOST="checks.example.org").content.decode()
    citation = re.search(r'<section class="citation" id="cite">(.*?)</section>', html, re.DOTALL)
    assert citation is not None
    text = re.sub(r"<[^>]+>", "", citation.group(1))
    assert "Cite this fact-check" in text
    url = f"http://checks.example.org/claims/{claim.pk}/"
    date = f"{timezone.localtime(claim.published_at):%-d %B %Y}"
    assert f"The Daily Check. “Exports rose by 12% last year”. Fact-check, {date}. {url}" in text
    print_css = re.search(r"@media print \{(.*?)\n\}", html, re.DOTALL)
    assert print_css is not None
    assert re.search(r"header, nav[^{]*\{ display: none; \}", print_css.group(1))


def test_sources_show_their_titles_else_their_publisher_else_their_host(client: Client) -> None:
    claim = published_claim_build()
    titled = source_build(
        url="https://stats.example.org/a", title="Trade bulletin", publisher="Statistics Office"
    )
    published_only = source_build(url="https://stats.example.org/b", publisher="Customs Agency")
    bare = source_build(url="https://data.example.net/series/42?format=csv")
    for source in (titled, published_only, bare):
        link(claim, source)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    sources = re.search(r"<h2>Sources</h2>(.*?)</section>", html, re.DOTALL)
    assert sources is not None
    items = re.findall(r"<li>(.*?)</li>", sources.group(1))
    assert items == [
        '<a href="https://stats.example.org/a" rel="nofollow">Trade bulletin</a>'
        " (Statistics Office)",
        '<a href="https://stats.example.org/b" rel="nofollow">Customs Agency</a>',
        '<a href="https://data.example.net/series/42?format=csv" rel="nofollow">'
        "data.example.net</a>",
    ]
