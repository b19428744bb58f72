"""Atom feed of new fact-checks and of verdicts corrected after publication."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from claims.models import Claim
from public import selectors


def _label(verdict: str) -> str:
    return str(Claim.Verdict(verdict).label) if verdict in Claim.Verdict.values else verdict


class PublishedChecksFeed(Feed[Claim, None]):
    """The latest 50 publications and corrections; a correction says so in its title."""

    feed_type = Atom1Feed
    title = "factcheck: published fact-checks"
    link = reverse_lazy("public:claim_list")
    subtitle = "New fact-checks and corrected verdicts."

    def items(self) -> list[Claim]:
        return list(selectors.claims_feed(limit=50))

    def item_title(self, item: Claim) -> str:
        label = item.get_verdict_display()
        if getattr(item, "corrected_at", None):
            was = _label(item.previous_verdict)  # type: ignore[attr-defined]
            return f"Correction: {label} (was {was}): {item.text}"
        return f"{label}: {item.text}"

    def item_description(self, item: Claim) -> str:
        return item.rationale or item.sentence

    def item_link(self, item: Claim) -> str:
        return reverse("public:claim_detail", args=[item.pk])

    def item_guid(self, item: Claim) -> str:
        # A correction is a new entry, so readers that saw the first verdict see it too.
        stamp = getattr(item, "corrected_at", None) or item.published_at
        return f"{self.item_link(item)}#{stamp.isoformat() if stamp else ''}"

    def item_pubdate(self, item: Claim) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Claim) -> dt.datetime | None:
        return getattr(item, "corrected_at", None) or item.published_at
