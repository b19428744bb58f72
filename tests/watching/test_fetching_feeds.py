"""The fetcher lets feeds through only for a caller that asks, with its limits unchanged."""

from __future__ import annotations

import pytest

import fetching
from tests.conftest import LocalSite


def test_feed_types_are_refused_unless_asked_for(local_site: LocalSite) -> None:
    url = local_site.add("/rss.xml", "<rss/>", content_type="application/rss+xml")
    with pytest.raises(fetching.UnsupportedContentError, match="application/rss\\+xml"):
        fetching.fetch(url)
    document = fetching.fetch(url, accepted=fetching.FEED_TYPES)
    assert (document.kind, document.text) == ("feed", "<rss/>")


def test_the_size_limit_holds_for_feeds_too(local_site: LocalSite) -> None:
    url = local_site.add("/big.xml", "<rss>" + "x" * 5000 + "</rss>", content_type="text/xml")
    policy = fetching.FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}), max_bytes=2048)
    with pytest.raises(fetching.ResponseTooLargeError):
        fetching.fetch(url, policy=policy, accepted=fetching.FEED_TYPES)


def test_an_xml_declarations_encoding_decodes_the_body(local_site: LocalSite) -> None:
    body = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café</title></rss>'
    url = local_site.add("/latin.xml", body.encode("latin-1"), content_type="text/xml")
    document = fetching.fetch(url, accepted=fetching.FEED_TYPES)
    assert "Café" in document.text


def test_the_header_charset_wins_over_the_declaration(local_site: LocalSite) -> None:
    body = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café</title></rss>'
    url = local_site.add(
        "/utf8.xml", body.encode("utf-8"), content_type="application/xml; charset=utf-8"
    )
    assert "Café" in fetching.fetch(url, accepted=fetching.FEED_TYPES).text


def test_a_blocked_address_stays_blocked_for_feeds() -> None:
    with pytest.raises(fetching.BlockedAddressError):
        fetching.fetch("http://10.0.0.1/rss.xml", accepted=fetching.FEED_TYPES)
