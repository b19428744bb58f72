"""Atom feed (RFC 4287) of new fact-checks and of verdicts corrected after publication."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim
from public import selectors
from public.claimreview import public_wording


def _label(verdict: str) -> str:
    return str(Claim.Verdict(verdict).label) if verdict in Claim.Verdict.values else verdict


class PublishedChecksFeed(Feed[Claim, None]):
    """The latest 50 publications and corrections; a correction says so in its title."""

    feed_type = Atom1Feed
    link = reverse_lazy("public:claim_list")
    subtitle = "New fact-checks and corrected verdicts."
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

    def items(self) -> list[Claim]:
        return list(selectors.claims_feed(limit=50))

    def item_title(self, item: Claim) -> str:
        label = item.get_verdict_display()
        if getattr(item, "corrected_at", None):
            was = _label(item.previous_verdict)  # type: ignore[attr-defined]
            return f"Correction: {label} (was {was}): {public_wording(item)}"
        return f"{label}: {public_wording(item)}"

    def item_description(self, item: Claim) -> str:
        return item.rationale or item.sentence

    def item_link(self, item: Claim) -> str:
        return reverse("public:claim_detail", args=[item.pk])

    def item_guid(self, item: Claim) -> str:
        # Absolute and stable: the page's address and the moment the entry is about. A
        # correction is a new entry, so readers that saw the first verdict see it too.
        stamp = getattr(item, "corrected_at", None) or item.published_at
        link = self.item_link(item)
        page = self.request.build_absolute_uri(link) if self.request is not None else link
        return f"{page}#{stamp.isoformat() if stamp else 'published'}"

    def item_pubdate(self, item: Claim) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Claim) -> dt.datetime | None:
        return getattr(item, "corrected_at", None) or item.published_at
