"""Requests too large to read get a page that says what happened and what to do instead."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class OversizedFormMiddleware:
    """Reads a POST's form fields before anything else does (CSRF would, a moment later).

    Django refuses a form over DATA_UPLOAD_MAX_MEMORY_SIZE with a bare "Bad Request (400)", or
    a debug page; an editor who pasted a 20 MB article deserves to be told why: 413 and a page
    that gives the limits and the way out (upload the text as a file, or split it).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsing is what may fail
            except (RequestDataTooBig, TooManyFieldsSent) as exc:
                return self._refused(request, exc)
        return self.get_response(request)

    def _refused(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or ""
        context = {
            "too_many_fields": isinstance(exc, TooManyFieldsSent),
            "sent_mb": f"{int(length) / 1_000_000:,.1f}" if length.isdigit() else None,
            "limit_mb": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:,.1f}",
            "max_chars": f"{settings.FACTCHECK_MAX_ARTICLE_CHARS:,}",
            "back": request.path,
        }
        body = render_to_string("request_too_large.html", context, request=None)
        return HttpResponse(body, status=413)
