"""Server-rendered public pages: the list of fact-checks and one fact-check with its markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from claims.verdicts import SCALE, verdict_point
from public import selectors
from public.claimreview import (
    claimreview_for,
    claimreview_page_url,
    json_for_script,
    public_wording,
)
from public.conditional import conditional_page

PAGE_SIZE = 50
# How long browsers and shared caches may keep a page without asking again.
PAGE_MAX_AGE = 60


@require_safe
@conditional_page(PAGE_MAX_AGE)
def claim_list(request: HttpRequest) -> HttpResponse:
    """Published fact-checks, newest first, fifty to a page."""
    number = _page_number(request.GET.get("page"))
    start = (number - 1) * PAGE_SIZE
    # One row past the page tells whether there is a next one, without counting them all.
    rows = list(selectors.claims_public_rows()[start : start + PAGE_SIZE + 1])
    if not rows and number > 1:
        raise Http404("No such page.")
    page = ListPage(object_list=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)
    return render(request, "public/claim_list.html", {"page": page})


@dataclass(frozen=True)
class ListPage:
    """What the list template needs of a page: its claims and its neighbours."""

    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(value: str | None) -> int:
    # Anything but a sensible page number shows the first page, as Django's paginator does.
    if value and value.isascii() and value.isdigit() and len(value) < 7:
        return max(1, int(value))
    return 1


@require_safe
@conditional_page(PAGE_MAX_AGE)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One fact-check: the claim in its sentence, verdict, rationale, sources and ClaimReview."""
    claim = get_object_or_404(selectors.claims_public(), pk=pk)
    review = claimreview_for(claim, page_url=claimreview_page_url(request, claim))
    before, quoted, after = _sentence_parts(claim.sentence, claim.text)
    context = {
        "claim": claim,
        "wording": public_wording(claim),
        "sources": [link.source for link in claim.source_links.all()],
        "evidence": claim.evidence.all(),
        "sentence_before": before,
        "sentence_claim": quoted,
        "sentence_after": after,
        "claimreview_json": json_for_script(review),
        "scale_point": verdict_point(claim.verdict),
        # Newest first: a reader sees the latest change to what they are reading at once.
        "corrections": sorted(
            getattr(claim, "public_corrections", []),
            key=lambda c: (c.published_at, c.pk),
            reverse=True,
        ),
    }
    return render(request, "public/claim_detail.html", context)


@require_safe
@conditional_page(PAGE_MAX_AGE)
def corrections(request: HttpRequest) -> HttpResponse:
    """Every correction of a published fact-check, newest first, fifty to a page."""
    number = _page_number(request.GET.get("page"))
    start = (number - 1) * PAGE_SIZE
    rows = list(selectors.corrections_public()[start : start + PAGE_SIZE + 1])
    if not rows and number > 1:
        raise Http404("No such page.")
    page = ListPage(object_list=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)
    return render(request, "public/corrections.html", {"page": page})


@require_safe
@conditional_page(PAGE_MAX_AGE)
def methodology(request: HttpRequest) -> HttpResponse:
    """How claims are chosen, checked and rated: the rating scale with each verdict's meaning."""
    return render(request, "public/methodology.html", {"scale": SCALE})


def _sentence_parts(sentence: str, text: str) -> tuple[str, str, str]:
    # Highlight the claim inside its sentence when the claim text occurs there verbatim.
    at = sentence.find(text) if text else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], text, sentence[at + len(text) :]
