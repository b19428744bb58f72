"""Validators, caching headers and a server-side cache for every public response.

Each successful GET carries an ETag (a hash of the body, so it can never call stale data fresh),
Last-Modified (from the history tables, which also move when a claim is unpublished or deleted)
and Cache-Control, and answers 304 when the client's copy is fresh. The rendered body is kept in
the Django cache under the full URL, with the publication version (public/versioning.py) it was
rendered at; any change the public could see makes a new version, and a body is only served while
its version is the current one, so none outlives the data it shows.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from public.selectors import public_data_last_modified
from public.versioning import publication_version

_SAFE = ("GET", "HEAD")
_RENDERING = [
    *sorted((Path(__file__).parent).rglob("*.py")),
    *sorted((Path(__file__).parent / "templates").rglob("*.html")),
    *(Path(__file__).parent.parent / app / "models.py" for app in ("claims", "sources")),
]


@functools.cache
def release_fingerprint() -> str:
    """Changes with the code and settings that shape a public response, so bodies rendered by
    an earlier release (a fixed serializer, a new publisher name) are never served by this one."""
    digest = hashlib.blake2b(digest_size=8)
    for path in _RENDERING:
        digest.update(path.read_bytes())
    for name in ("FACTCHECK_PUBLISHER_NAME", "FACTCHECK_PUBLISHER_URL", "LANGUAGE_CODE"):
        digest.update(f"{name}={getattr(settings, name, '')}".encode())
    return digest.hexdigest()


def response_cache_key(request: HttpRequest, variant: str = "") -> str | None:
    """Where the body for this URL (and representation) is cached; None when not cached."""
    if request.method not in _SAFE or settings.FACTCHECK_PUBLIC_CACHE_SECONDS <= 0:
        return None
    # The absolute URL: bodies hold absolute links built from the scheme and host.
    url = f"{release_fingerprint()}|{variant}|{request.build_absolute_uri()}"
    return "public:response:" + hashlib.blake2b(url.encode(), digest_size=20).hexdigest()


def cached_response(
    request: HttpRequest, key: str | None, max_age: int
) -> tuple[HttpResponse | None, str | None]:
    """The cached answer for `key` (a 304 when the client's copy is fresh) or None, and the
    publication version a freshly rendered body must be stored with.

    A body stored under another version than the current one is stale and not used. When the
    cache cannot be reached, every request is simply rendered (caching.backend).
    """
    if key is None:
        return None, None
    version = publication_version()
    entry = cache.get(key)
    if entry is None or entry[0] != version:
        return None, version
    _, content, content_type, etag, stamp = entry
    response = HttpResponse(content, content_type=content_type)
    _set_headers(response, etag, stamp, max_age)
    # Never None when given a response; the stubs do not tell the two cases apart.
    conditional: HttpResponse = get_conditional_response(  # type: ignore[assignment]
        request, etag=etag, last_modified=stamp, response=response
    )
    return conditional, version


def finish(
    request: HttpRequest,
    response: HttpResponseBase,
    key: str | None,
    version: str | None,
    max_age: int,
) -> HttpResponseBase:
    """Validators and Cache-Control on a fresh 200, stored under `key`; 304 when fresh.

    `version` must have been read before the data the body shows, so that a change committed
    in between leaves the body stored under a version that is no longer current.
    """
    if request.method not in _SAFE or response.status_code != 200:
        return response
    if not isinstance(response, HttpResponse):  # streaming: nothing to hash
        return response
    if hasattr(response, "render"):
        response.render()
    etag = quote_etag(hashlib.blake2b(response.content, digest_size=20).hexdigest())
    last_modified = public_data_last_modified()
    stamp = int(last_modified.timestamp()) if last_modified else None
    _set_headers(response, etag, stamp, max_age)
    if key and version:
        entry = (version, response.content, response["Content-Type"], etag, stamp)
        cache.set(key, entry, settings.FACTCHECK_PUBLIC_CACHE_SECONDS)
    conditional: HttpResponseBase = get_conditional_response(  # type: ignore[assignment]
        request, etag=etag, last_modified=stamp, response=response
    )
    return conditional


def _set_headers(response: HttpResponseBase, etag: str, stamp: int | None, max_age: int) -> None:
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    patch_cache_control(response, public=True, max_age=max_age)


class ConditionalGetMixin:
    """For DRF views: answers GET from the cache when it can, else renders and stores."""

    _response_cache: tuple[str | None, str | None] = (None, None)

    def cached(self, request: Request, build: Callable[[], Response]) -> HttpResponseBase:
        """The cached body for this request, or `build()` (stored by finalize_response)."""
        # Only JSON is kept: the browsable API's HTML holds per-visitor parts.
        if not isinstance(request.accepted_renderer, JSONRenderer):
            return build()
        key = response_cache_key(request._request, variant=request.accepted_media_type)
        hit, version = cached_response(request._request, key, settings.FACTCHECK_API_CACHE_SECONDS)
        if hit is not None:
            return hit
        self._response_cache = (key, version)
        return build()

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if isinstance(response, Response):
            key, version = self._response_cache
            return finish(
                request._request, response, key, version, settings.FACTCHECK_API_CACHE_SECONDS
            )
        return response  # from the cache: its headers are set already


def conditional_page(max_age: int) -> Callable[[Callable[..., HttpResponse]], Callable[..., Any]]:
    """The same validators, 304s and server-side cache for a plain Django view (pages, feed)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            key = response_cache_key(request)
            hit, version = cached_response(request, key, max_age)
            if hit is not None:
                return hit
            return finish(request, view(request, *args, **kwargs), key, version, max_age)

        return wrapped

    return decorate
