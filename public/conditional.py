"""Validators and caching headers for public API responses."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from rest_framework.request import Request
from rest_framework.response import Response

from public.selectors import public_data_last_modified


class ConditionalGetMixin:
    """Adds ETag (a hash of the body), Last-Modified and Cache-Control; answers 304 when fresh.

    The ETag hashes what was rendered, so it can never call stale data fresh; Last-Modified comes
    from the history tables, which also move when a claim is unpublished or deleted.
    """

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        response["ETag"] = etag
        last_modified = public_data_last_modified()
        stamp = int(last_modified.timestamp()) if last_modified else None
        if stamp is not None:
            response["Last-Modified"] = http_date(stamp)
        patch_cache_control(response, public=True, max_age=settings.FACTCHECK_API_CACHE_SECONDS)
        return get_conditional_response(
            request._request, etag=etag, last_modified=stamp, response=response
        )
