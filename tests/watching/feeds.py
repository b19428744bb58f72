"""Feeds we write ourselves, shaped as outlets publish them, and the article pages behind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from typing import Any

from tests.conftest import LocalSite
from tests.extraction.pages import news_page

STORIES = [
    ("Harbour fees rise by 5% from April", "The port authority raised its fees by 5% on Monday."),
    (
        "City budget grows to $48 million",
        "The council approved $48 million on Tuesday.",
    ),
    (
        "Rail line carried 2.1 million riders",
        "The line carried 2.1 million riders in 2022.",
    ),
    ("School roll falls for third year", "Enrolment fell by 3% to 14,200 pupils this autumn."),
    (
        "Water use up 12% in dry summer",
        "Households used 12% more water in July.",
    ),
    ("Ferry fares frozen until 2025", "The ferry company said fares would stay at $7 until 2025."),
]


@dataclass(frozen=True)
class Story:
    path: str
    title: str
    lead: str
    published: dt.datetime


def stories(prefix: str, count: int, *, start: int = 0) -> list[Story]:
    """`count` stories with distinct text (each page's text hashes differently)."""
    made = []
    for n in range(start, start + count):
        title, lead = STORIES[n % len(STORIES)]
        made.append(
            Story(
                path=f"/{prefix}/2023/03/story-{n}",
                title=f"{title} ({prefix} {n})",
                lead=f"{lead} Report {prefix}-{n} was filed by the desk at {n} o'clock.",
                published=dt.datetime(2023, 3, 6, 8, 0, tzinfo=dt.UTC) + dt.timedelta(hours=n),
            )
        )
    return made


def serve_pages(site: LocalSite, items: Sequence[Story]) -> None:
    for story in items:
        site.add(
            story.path,
            news_page(
                title=f"{story.title} | Kelmar Daily",
                first_paragraph=f"<p>{escape(story.lead)}</p>",
                canonical=site.url(story.path),
            ),
        )


def rss(site: LocalSite, items: Sequence[Story], *, title: str = "Kelmar Daily: News") -> str:
    entries = "".join(
        "<item>"
        f"<title>{escape(s.title)}</title>"
        f"<link>{site.url(s.path)}?utm_source=rss&amp;utm_medium=feed</link>"
        f'<guid isPermaLink="false">kelmar-{escape(s.path)}</guid>'
        f"<pubDate>{format_datetime(s.published, usegmt=True)}</pubDate>"
        "<dc:creator>Amal Sorensen</dc:creator>"
        f"<description><![CDATA[<p>{escape(s.lead)}</p>]]></description>"
        "</item>"
        for s in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>{escape(title)}</title><link>{site.url('/')}</link>"
        f'<atom:link href="{site.url("/rss.xml")}" rel="self" type="application/rss+xml"/>'
        "<description>The latest news from Kelmar</description><language>en-gb</language>"
        f"{entries}</channel></rss>"
    )


def atom(site: LocalSite, items: Sequence[Story]) -> str:
    entries = "".join(
        "<entry>"
        f'<title type="html">{escape(s.title)}</title>'
        f'<link rel="alternate" type="text/html" href="{s.path}"/>'
        f"<id>tag:ledger.example,2023:{escape(s.path)}</id>"
        f"<published>{s.published.isoformat()}</published>"
        f"<updated>{s.published.isoformat()}</updated>"
        "<author><name>Ines Torva</name></author>"
        f'<summary type="html">{escape(s.lead)}</summary>'
        "</entry>"
        for s in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{site.url("/")}">'
        "<title>The Ledger</title>"
        f'<link rel="self" href="{site.url("/atom.xml")}"/>'
        "<id>tag:ledger.example,2023:feed</id><updated>2023-03-06T20:00:00Z</updated>"
        f"{entries}</feed>"
    )


def news_sitemap(site: LocalSite, items: Sequence[Story]) -> str:
    urls = "".join(
        f"<url><loc>{site.url(s.path)}</loc>"
        "<news:news><news:publication><news:name>The Courier</news:name>"
        "<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{s.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(s.title)}</news:title></news:news></url>"
        for s in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


class ConditionalRoute:
    """A feed answered with ETag and Last-Modified, and 304 to a request that sends them back."""

    def __init__(self, body: str, content_type: str, etag: str = '"v1"') -> None:
        self.body = body.encode("utf-8")
        self.content_type = content_type
        self.etag = etag
        self.last_modified = "Mon, 06 Mar 2023 20:00:00 GMT"
        self.conditional_hits = 0
        self.not_modified = True  # False: answer 200 even to a conditional request

    def __call__(self, handler: Any) -> None:
        sent_etag = handler.headers.get("If-None-Match")
        sent_date = handler.headers.get("If-Modified-Since")
        if sent_etag or sent_date:
            self.conditional_hits += 1
        if self.not_modified and (sent_etag == self.etag or sent_date == self.last_modified):
            handler.send_response(304)
            handler.send_header("ETag", self.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(self.body)))
        handler.send_header("ETag", self.etag)
        handler.send_header("Last-Modified", self.last_modified)
        handler.end_headers()
        handler.wfile.write(self.body)


def conditional(site: LocalSite, path: str, route: ConditionalRoute) -> str:
    site.routes[path] = route
    return site.url(path)
