"""A feed document in, its entries out: RSS and Atom through feedparser, news sitemaps here.

Pure: no Django, no I/O. The text comes from the fetcher (already bounded in size and decoded);
every way it can be wrong ends as FeedParseError with a sentence an editor can read.

Sitemaps are parsed by hand with the standard library's ElementTree behind defusedxml, because
feedparser reads no sitemaps; defusedxml refuses entity declarations, so an entity-expansion
bomb is an error, not a swollen worker. A <sitemapindex> (a list of sitemaps) is not followed:
it is reported as unsupported, naming its first sitemap, which can be watched instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import defusedxml
import defusedxml.ElementTree
import feedparser

# The entries read from one document: a sitemap may list 50,000 URLs, a poll handles a few.
MAX_ENTRIES = 1000
_TITLE_LIMIT = 500
_GUID_LIMIT = 500

_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,300}?\?>")
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(urlset|sitemapindex|rss|feed|RDF|html)\b", re.I)
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedParseError(ValueError):
    """The document is not a feed or a sitemap we can read; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str  # as the document gives it, made absolute; the service normalizes it
    guid: str
    title: str
    published: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    kind: str  # "rss", "atom" or "sitemap"
    title: str
    items: tuple[FeedItem, ...]


def feed_parse(text: str, *, base_url: str) -> ParsedFeed:
    """The entries of an RSS, Atom or news-sitemap document, in the document's order."""
    head = text[:4096]
    if not text.strip():
        raise FeedParseError("the feed is empty")
    if "\x00" in head or head.count("\ufffd") > 16:
        raise FeedParseError("the feed is binary data, not XML")
    # Decoded already: the declaration's encoding no longer describes the text.
    body = _DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    root = _ROOT.search(body[:65536])
    name = root.group(1).lower() if root else ""
    # Entities are declared before the root element; no feed needs its own, and expanding
    # them is how an XML bomb grows (defusedxml refuses them in sitemaps too).
    if "<!entity" in body[: root.start() if root else 65536].lower():
        raise FeedParseError("the feed declares XML entities, which are refused")
    if name == "html":
        raise FeedParseError("the address is a web page, not a feed (no RSS, Atom or sitemap)")
    if name in ("urlset", "sitemapindex"):
        return _sitemap(body, base_url)
    return _feed(body, base_url)


def _cut(value: object, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def _feed(body: str, base_url: str) -> ParsedFeed:
    # A stream, never a str: feedparser opens a string that looks like a URL or a file name.
    try:
        parsed: Any = feedparser.parse(io.BytesIO(body.encode("utf-8")))
    except Exception as exc:  # feedparser meets hostile input; whatever it raises is the feed's
        raise FeedParseError(f"the feed could not be read: {type(exc).__name__}") from None
    version = str(parsed.get("version") or "")
    kind = "atom" if version.startswith("atom") else "rss" if version else ""
    items = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = str(entry.get("link") or "")
        guid = str(entry.get("id") or "")
        if not link and guid.startswith(("http://", "https://")):
            link = guid  # an RSS guid that is a permalink
        if not link:
            continue
        items.append(
            FeedItem(
                url=urljoin(base_url, link.strip()),
                guid=_cut(guid, _GUID_LIMIT),
                title=_cut(entry.get("title"), _TITLE_LIMIT),
                published=_struct_time(
                    entry.get("published_parsed") or entry.get("updated_parsed")
                ),
            )
        )
    if parsed.get("bozo") and not items:
        reason = _cut(parsed.get("bozo_exception") or "unreadable", 300).removeprefix("<unknown>:")
        raise FeedParseError(f"the feed is not well-formed XML: {reason}")
    if not kind:
        raise FeedParseError("the document is not an RSS or Atom feed or a sitemap")
    return ParsedFeed(kind, _cut(parsed.feed.get("title"), _TITLE_LIMIT), tuple(items))


def _struct_time(value: object) -> dt.datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:  # feedparser gives UTC
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _sitemap(body: str, base_url: str) -> ParsedFeed:
    try:
        root = defusedxml.ElementTree.fromstring(body, forbid_dtd=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedParseError(f"the sitemap declares entities or a DTD, refused: {exc}") from None
    except ET.ParseError as exc:
        raise FeedParseError(f"the sitemap is not well-formed XML: {exc}") from None
    if root.tag == f"{_SITEMAP_NS}sitemapindex" or root.tag == "sitemapindex":
        first = root.findtext(f"{_SITEMAP_NS}sitemap/{_SITEMAP_NS}loc") or root.findtext(
            "sitemap/loc"
        )
        hint = f"; watch one of its sitemaps instead, such as {_cut(first, 200)}" if first else ""
        raise FeedParseError(f"the address is a sitemap index, which is not followed{hint}")
    namespace = _SITEMAP_NS if root.tag.startswith(_SITEMAP_NS) else ""
    if root.tag != f"{namespace}urlset":
        raise FeedParseError("the document is not an RSS or Atom feed or a sitemap")
    items = []
    for url in root.iter(f"{namespace}url"):
        loc = (url.findtext(f"{namespace}loc") or "").strip()
        if not loc:
            continue
        news = url.find(f"{_NEWS_NS}news")
        title = news.findtext(f"{_NEWS_NS}title") if news is not None else None
        published = news.findtext(f"{_NEWS_NS}publication_date") if news is not None else None
        items.append(
            FeedItem(
                url=urljoin(base_url, loc),
                guid="",
                title=_cut(title, _TITLE_LIMIT),
                published=_w3c_datetime(published or url.findtext(f"{namespace}lastmod")),
            )
        )
        if len(items) >= MAX_ENTRIES:
            break
    return ParsedFeed("sitemap", "", tuple(items))


def _w3c_datetime(value: str | None) -> dt.datetime | None:
    """A sitemap's W3C datetime ("2024-05-01", "2024-05-01T10:00:00+01:00", "...Z")."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
