"""Atom feed (RFC 4287) of new fact-checks and of every correction made after publication."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from public import selectors
from public.claimreview import public_wording
from public.selectors import FeedEntry


class PublishedChecksFeed(Feed[FeedEntry, None]):
    """The latest 50 publications and corrections; a correction says so in its title."""

    feed_type = Atom1Feed
    link = reverse_lazy("public:claim_list")
    subtitle = "New fact-checks and corrections."
    request: HttpRequest | None = None

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Entry ids must be absolute IRIs, which needs the request's host; one Feed object
        # serves every thread, so each request gets a copy that knows its own request.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def title(self) -> str:
        return f"{settings.FACTCHECK_PUBLISHER_NAME}: published fact-checks"

    def author_name(self) -> str:
        return str(settings.FACTCHECK_PUBLISHER_NAME)

    def author_link(self) -> str | None:
        return settings.FACTCHECK_PUBLISHER_URL or None

    def items(self) -> list[FeedEntry]:
        return selectors.feed_entries(limit=50)

    def item_title(self, item: FeedEntry) -> str:
        claim, correction = item.claim, item.correction
        if correction is None:
            return f"{claim.get_verdict_display()}: {public_wording(claim)}"
        if correction.previous_verdict and correction.previous_verdict != correction.verdict:
            now, was = correction.get_verdict_display(), correction.get_previous_verdict_display()
            return f"Correction: {now} (was {was}): {public_wording(claim)}"
        return f"Correction: {public_wording(claim)}"

    def item_description(self, item: FeedEntry) -> str:
        if item.correction is not None:
            return " ".join(
                filter(None, [_sentence(item.correction.summary()), item.correction.note])
            )
        return item.claim.rationale or item.claim.sentence

    def item_link(self, item: FeedEntry) -> str:
        link = reverse("public:claim_detail", args=[item.claim.pk])
        return f"{link}#corrections" if item.correction is not None else link

    def item_guid(self, item: FeedEntry) -> str:
        # Absolute and stable: the page's address and what the entry is about. A republished
        # fact-check keeps its entry (with a newer `updated`); each correction has its own.
        link = reverse("public:claim_detail", args=[item.claim.pk])
        page = self.request.build_absolute_uri(link) if self.request is not None else link
        if item.correction is not None:
            return f"{page}#correction-{item.correction.pk}"
        return f"{page}#published"

    def item_pubdate(self, item: FeedEntry) -> dt.datetime | None:
        return item.at

    def item_updateddate(self, item: FeedEntry) -> dt.datetime | None:
        return item.at


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
