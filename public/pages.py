"""Server-rendered public pages: the list of fact-checks, one fact-check, the claim look-up."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from rest_framework.request import Request

from claims.models import Claim
from claims.verdicts import SCALE, verdict_point
from public import search, selectors
from public.claimreview import (
    claimreview_for,
    claimreview_page_url,
    json_for_script,
    public_wording,
)
from public.conditional import conditional_page
from public.matching import (
    MAX_QUERY_CHARS,
    ClaimMatchView,
    MatchQuerySerializer,
    published_matches,
)

PAGE_SIZE = 50
# Longer searches are not run: no reader types one, and each word costs the database.
MAX_SEARCH_CHARS = 200
# How many published checks the "Has this been checked?" page lists.
CHECK_RESULTS = 5
# The description shared with a link to a fact-check (OpenGraph, Twitter) stops here.
DESCRIPTION_CHARS = 200
# How long browsers and shared caches may keep a page without asking again.
PAGE_MAX_AGE = 60


@require_safe
@conditional_page(PAGE_MAX_AGE)
def claim_list(request: HttpRequest) -> HttpResponse:
    """Published fact-checks, newest (or, when searching, best matching) first, fifty a page."""
    filters, notices = ListFilters.from_query(request.GET)
    rows = filters.apply(selectors.claims_public_rows())
    page = _list_page(request, rows, query=filters.query_string())
    context = {"page": page, "filters": filters, "notices": notices, "scale": SCALE}
    return render(request, "public/claim_list.html", context)


@dataclass(frozen=True)
class ListFilters:
    """The list's search words and verdict, as read (and cleaned) from the query string."""

    q: str = ""
    verdict: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> tuple[ListFilters, list[str]]:
        """The filters a query string asks for, and a notice for each value left out."""
        notices = []
        # NUL cannot travel to PostgreSQL; the API's search drops it the same way.
        q = " ".join(query.get("q", "").replace("\x00", "").split())
        if len(q) > MAX_SEARCH_CHARS:
            notices.append(
                f"A search can be at most {MAX_SEARCH_CHARS} characters long;"
                " yours was not applied."
            )
            q = ""
        verdict = query.get("verdict", "").strip()
        if verdict and verdict_point(verdict) is None:
            notices.append("There is no such verdict; fact-checks of every verdict are shown.")
            verdict = ""
        return cls(q=q, verdict=verdict), notices

    @property
    def active(self) -> bool:
        return bool(self.q or self.verdict)

    def apply(self, rows: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.verdict:
            rows = rows.filter(verdict=self.verdict)
        if not self.q:
            return rows
        found = search.claims_matching(rows, self.q)
        if search.RANK in found.query.annotations:  # PostgreSQL ranks its matches
            return found.order_by(f"-{search.RANK}", "-published_at", "-pk")
        return found

    def query_string(self) -> str:
        """The filters as a query string for links to other pages ("" when there are none)."""
        return urlencode({k: v for k, v in (("q", self.q), ("verdict", self.verdict)) if v})


@dataclass(frozen=True)
class ListPage:
    """What the list template needs of a page: its claims and links to its neighbours."""

    object_list: list[Any]
    number: int
    has_next: bool
    query: str = ""

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_url(self) -> str:
        return self._url(self.number - 1)

    @property
    def next_url(self) -> str:
        return self._url(self.number + 1)

    def _url(self, number: int) -> str:
        return f"?{self.query}&page={number}" if self.query else f"?page={number}"


def _list_page(request: HttpRequest, rows: QuerySet[Any], *, query: str = "") -> ListPage:
    """The page of `rows` the request asks for (?page=N); 404 past the last one."""
    number = _page_number(request.GET.get("page"))
    start = (number - 1) * PAGE_SIZE
    # One row past the page tells whether there is a next one, without counting them all.
    found = list(rows[start : start + PAGE_SIZE + 1])
    if not found and number > 1:
        raise Http404("No such page.")
    return ListPage(
        object_list=found[:PAGE_SIZE], number=number, has_next=len(found) > PAGE_SIZE, query=query
    )


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
    page_url = claimreview_page_url(request, claim)
    review = claimreview_for(claim, page_url=page_url)
    wording = public_wording(claim)
    before, quoted, after = _sentence_parts(claim.sentence, claim.text)
    context = {
        "claim": claim,
        "wording": wording,
        "canonical_url": page_url,
        "description": _description(claim),
        "publisher": settings.FACTCHECK_PUBLISHER_NAME,
        "sources": [link.source for link in claim.source_links.all()],
        "evidence": claim.evidence.all(),
        "sentence_before": before,
        "sentence_claim": quoted,
        "sentence_after": after,
        "claimreview_json": json_for_script(review),
        "scale_point": verdict_point(claim.verdict),
        # Where it was said again, as editors confirmed (the ClaimReview's appearances too).
        "appearances": getattr(claim, "marked_repeats", []),
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
    page = _list_page(request, selectors.corrections_public())
    return render(request, "public/corrections.html", {"page": page})


@require_safe
@conditional_page(PAGE_MAX_AGE)
def methodology(request: HttpRequest) -> HttpResponse:
    """How claims are chosen, checked and rated: the rating scale with each verdict's meaning."""
    return render(request, "public/methodology.html", {"scale": SCALE})


def _description(claim: Claim) -> str:
    rationale = Truncator(" ".join(claim.rationale.split())).chars(DESCRIPTION_CHARS)
    return (
        f"{claim.get_verdict_display()}. {rationale}" if rationale else claim.get_verdict_display()
    )


@require_safe
def claim_check(request: HttpRequest) -> HttpResponseBase:
    """The page "Has this been checked?": the published fact-checks nearest to a reader's claim.

    Throttled by the match endpoint's own throttles, before the cache: a lookup served from the
    cache still counts, and one quota covers the page and the endpoint.
    """
    endpoint = ClaimMatchView()
    waits = [
        throttle.wait() or 1.0
        for throttle in endpoint.get_throttles()
        if not throttle.allow_request(Request(request), endpoint)
    ]
    if waits:
        seconds = math.ceil(max(waits))
        response = render(request, "public/claim_check.html", {"retry_after": seconds}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    page: HttpResponseBase = _claim_check_page(request)
    return page


@conditional_page(PAGE_MAX_AGE)
def _claim_check_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text")
    # Shown back in the form, as much of it as the form takes; a NUL would make the page invalid.
    context: dict[str, Any] = {"text": (text or "").replace("\x00", "")[:MAX_QUERY_CHARS]}
    if text is None:  # the blank form
        return render(request, "public/claim_check.html", context)
    # The endpoint's own validation: what it refuses with a 400, the page refuses alike.
    query = MatchQuerySerializer(data={"text": text, "limit": CHECK_RESULTS})
    if not query.is_valid():
        context["errors"] = [str(e) for errors in query.errors.values() for e in errors]
        return render(request, "public/claim_check.html", context, status=400)
    context["text"] = query.validated_data["text"]
    context["results"] = published_matches(context["text"], limit=CHECK_RESULTS)
    return render(request, "public/claim_check.html", context)


def _sentence_parts(sentence: str, text: str) -> tuple[str, str, str]:
    # Highlight the claim inside its sentence when the claim text occurs there verbatim.
    at = sentence.find(text) if text else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], text, sentence[at + len(text) :]
