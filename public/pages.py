"""Server-rendered public pages: the list of fact-checks and one fact-check with its markup."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from public import selectors
from public.claimreview import claimreview_for, json_for_script

PAGE_SIZE = 50


@require_safe
@cache_control(public=True, max_age=60)
def claim_list(request: HttpRequest) -> HttpResponse:
    """Published fact-checks, newest first, fifty to a page."""
    paginator = Paginator(selectors.claims_public(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "public/claim_list.html", {"page": page})


@require_safe
@cache_control(public=True, max_age=60)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One fact-check: the claim in its sentence, verdict, rationale, sources and ClaimReview."""
    claim = get_object_or_404(selectors.claims_public(), pk=pk)
    review = claimreview_for(claim, page_url=request.build_absolute_uri())
    before, quoted, after = _sentence_parts(claim.sentence, claim.text)
    context = {
        "claim": claim,
        "sources": [link.source for link in claim.source_links.all()],
        "evidence": claim.evidence.all(),
        "sentence_before": before,
        "sentence_claim": quoted,
        "sentence_after": after,
        "claimreview_json": json_for_script(review),
    }
    return render(request, "public/claim_detail.html", context)


def _sentence_parts(sentence: str, text: str) -> tuple[str, str, str]:
    # Highlight the claim inside its sentence when the claim text occurs there verbatim.
    at = sentence.find(text) if text else -1
    if at < 0:
        return sentence, "", ""
    return sentence[:at], text, sentence[at + len(text) :]
