"""The parsing of feed documents alone: RSS, Atom, news sitemaps, and what is refused."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from watching.parsing import MAX_ENTRIES, FeedParseError, feed_parse

BASE = "https://news.example/feeds/main.xml"


def test_it_needs_no_django() -> None:
    code = "import watching.parsing, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_rss_item_without_link_uses_its_permalink_guid_and_relative_links_resolve() -> None:
    parsed = feed_parse(
        '<rss version="2.0"><channel><title>N</title>'
        "<item><title>One</title><guid>https://news.example/one</guid></item>"
        "<item><title>Two</title><link>/two</link>"
        "<pubDate>Mon, 06 Mar 2023 10:00:00 +0100</pubDate></item>"
        "<item><title>No address</title></item>"
        "</channel></rss>",
        base_url=BASE,
    )
    assert parsed.kind == "rss"
    assert [item.url for item in parsed.items] == [
        "https://news.example/one",
        "https://news.example/two",
    ]
    assert parsed.items[1].published == dt.datetime(2023, 3, 6, 9, 0, tzinfo=dt.UTC)


def test_a_plain_sitemap_and_a_news_sitemap_give_their_locations() -> None:
    plain = feed_parse(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc> https://news.example/a </loc><lastmod>2023-03-06</lastmod></url>"
        "<url><lastmod>2023-03-06</lastmod></url></urlset>",
        base_url=BASE,
    )
    assert plain.kind == "sitemap"
    assert [(i.url, i.title) for i in plain.items] == [("https://news.example/a", "")]
    assert plain.items[0].published == dt.datetime(2023, 3, 6, tzinfo=dt.UTC)


def test_a_document_lists_at_most_the_entry_bound() -> None:
    urls = "".join(f"<url><loc>https://news.example/{n}</loc></url>" for n in range(1500))
    parsed = feed_parse(f"<urlset>{urls}</urlset>", base_url=BASE)
    assert len(parsed.items) == MAX_ENTRIES


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ("", "the feed is empty"),
        ("   \n ", "the feed is empty"),
        ("\x00\x01\x02PNG" * 10, "binary data"),
        ("<!DOCTYPE html><html><head><title>News</title></head><body>Hi</body></html>", "web page"),
        ("just some words", "not well-formed"),
        ('<rss version="2.0"><channel><item><title>Cut off', "not well-formed"),
        ('{"items": []}', "not well-formed"),
        (LAUGHS + "<rss version='2.0'><channel><title>&lol3;</title></channel></rss>", "entities"),
        (LAUGHS + "<urlset><url><loc>&lol3;</loc></url></urlset>", "entities"),
        (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
            "<loc>https://news.example/news-sitemap.xml</loc></sitemap></sitemapindex>",
            "sitemap index, which is not followed; watch one of its sitemaps instead, such as"
            " https://news.example/news-sitemap.xml",
        ),
        ("<urlset><url><loc>https://news.example/a</loc></url>", "not well-formed"),
        ("<opml><body/></opml>", "not an RSS or Atom feed or a sitemap"),
    ],
)
def test_what_is_not_a_readable_feed_is_refused_in_words(document: str, reason: str) -> None:
    with pytest.raises(FeedParseError) as refused:
        feed_parse(document, base_url=BASE)
    assert reason in str(refused.value)


def test_an_empty_but_valid_feed_has_no_entries() -> None:
    parsed = feed_parse(
        '<rss version="2.0"><channel><title>Quiet</title></channel></rss>', base_url=BASE
    )
    assert (parsed.kind, parsed.title, parsed.items) == ("rss", "Quiet", ())


def test_a_declared_encoding_no_longer_misleads_once_the_text_is_decoded() -> None:
    parsed = feed_parse(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
        "<item><title>Café prices up 8%</title><link>/cafe</link></item></channel></rss>",
        base_url=BASE,
    )
    assert parsed.items[0].title == "Café prices up 8%"
